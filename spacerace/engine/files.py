"""Writing a build's files: atomically, and not at all when the content is already there."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path


def write_if_changed(target: Path, content: bytes) -> None:
    """Write ``content`` to ``target`` in one step (a reader never sees half a file), or leave
    ``target`` alone, time included, when it holds ``content`` already: Sphinx re-reads every page
    whose file, or a file it links to, is newer than its last build."""
    target = Path(target)
    if target.exists() and target.stat().st_size == len(content) and target.read_bytes() == content:
        return
    target.parent.mkdir(parents=True, exist_ok=True)
    temporary = target.with_name(f".{target.name}.tmp")
    temporary.write_bytes(content)
    os.replace(temporary, target)


def kept_text(path: Path, make: Callable[[], str]) -> str:
    """The text kept at ``path``; else ``make()``'s, kept there for next time. Written in one step
    under a name of this process's own, so that builds running side by side never mix halves; a
    cache that cannot be written only costs time."""
    path = Path(path)
    try:
        return path.read_text(encoding="utf-8")
    except OSError:
        pass
    text = make()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
        temporary.write_text(text, encoding="utf-8")
        os.replace(temporary, path)
    except OSError:
        pass
    return text
