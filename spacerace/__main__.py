"""``python -m spacerace``: see :mod:`spacerace.cli`."""

import sys

from .cli import main

sys.exit(main())
