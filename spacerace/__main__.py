"""``python -m spacerace``: see :mod:`spacerace.cli`."""

import os
import sys

from .cli import main

code = main()
sys.stdout.flush()
sys.stderr.flush()
# Every command has written and closed its files when main() returns. Skip the interpreter's
# teardown of every imported module: after a build it takes a quarter of a second, longer than
# publishing the site. (Errors still leave the usual way, with their traceback or message.)
os._exit(code)
