"""Where things live in the repository."""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
"""The repository root (the folder holding ``_config.yml``)."""

BOOK_DIR = ROOT / "book"
DATA_DIR = ROOT / "data"
DATA_PACKAGE = DATA_DIR / "datapackage.json"
PACKAGE_DIR = ROOT / "spacerace"
DEFAULT_BUILD_DIR = ROOT / "_build"
