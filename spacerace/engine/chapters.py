"""The book's chapters: the notebooks that ``_toc.yml`` lists, in reading order."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from ..paths import ROOT


class UnknownChapter(LookupError):
    """A chapter name that the book does not have; the message lists those it has."""


@dataclass(frozen=True)
class Chapter:
    """A notebook of the book. ``name`` is its file stem (``costs``), unique in the book."""

    name: str
    notebook: Path  # relative to the repository root

    @property
    def source(self) -> Path:
        return ROOT / self.notebook


def toc_entries(root: Path = ROOT) -> list[str]:
    """Every page of ``_toc.yml`` (its root, then each ``file``), as written there, in reading order."""
    toc = yaml.safe_load((root / "_toc.yml").read_text(encoding="utf-8"))
    found: list[str] = []

    def visit(entry: Any) -> None:
        if isinstance(entry, dict):
            for key in ("root", "file"):
                if isinstance(entry.get(key), str):
                    found.append(entry[key])
            for value in entry.values():
                if isinstance(value, (list, dict)):
                    visit(value)
        elif isinstance(entry, list):
            for item in entry:
                visit(item)

    visit(toc)
    return found


def chapters() -> list[Chapter]:
    """The notebooks of the book, in the order of ``_toc.yml``."""
    found: list[Chapter] = []
    for entry in toc_entries():
        path = ROOT / (entry if entry.endswith(".ipynb") else f"{entry}.ipynb")
        if path.exists():
            found.append(Chapter(path.stem, path.relative_to(ROOT)))
    return found


def find_chapter(name: str) -> Chapter:
    """A chapter by its name (``costs``) or its folder (``book/costs``)."""
    for chapter in chapters():
        if name in (chapter.name, str(chapter.notebook), chapter.notebook.parent.name, str(chapter.notebook.parent)):
            return chapter
    known = ", ".join(c.name for c in chapters())
    raise UnknownChapter(f"unknown chapter {name!r}; the book has: {known}")
