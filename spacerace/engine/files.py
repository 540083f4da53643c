"""Writing a build's files: atomically, and not at all when the content is already there."""

from __future__ import annotations

import os
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
