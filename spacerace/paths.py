"""Where things live in the repository."""

from __future__ import annotations

import os
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
"""The repository root (the folder holding ``_config.yml``)."""

BOOK_DIR = ROOT / "book"
DATA_DIR = ROOT / "data"
DATA_PACKAGE = DATA_DIR / "datapackage.json"
PACKAGE_DIR = ROOT / "spacerace"
ENGINE_DIR = PACKAGE_DIR / "engine"
DEFAULT_BUILD_DIR = ROOT / "_build"


def user_cache_folder() -> Path:
    """Where builds keep what depends only on installed packages (``$XDG_CACHE_HOME/spacerace``,
    else ``~/.cache/spacerace``): the Vega bundle and Sphinx's compiled page templates."""
    return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "spacerace"


READS_LOG_ENV = "SPACERACE_READS_LOG"
"""When set, :func:`spacerace.data.load` appends the path of every file it reads to this file (the
build's cache uses it to learn which data files a chapter depends on)."""


def override_env(name: str) -> str:
    """The environment variable that points dataset ``name`` at another file."""
    return f"SPACERACE_DATA_{name.upper()}"


BOOK_ENV = "SPACERACE_BOOK"
"""Set in every chapter kernel that the book's build runs: charts then render for the book's pages
(:mod:`spacerace.charts`)."""
