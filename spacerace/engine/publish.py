"""Publish a finished site in one atomic step, so a reader (or a failed build) never sees half of it."""

from __future__ import annotations

import filecmp
import os
import shutil
import tempfile
import time
from collections.abc import Callable
from pathlib import Path


def _reuse_or_copy(html: Path, published: Path | None) -> Callable[[str, str], None]:
    """A copy function for :func:`shutil.copytree` that hard-links a file from the published site
    when its content did not change (most of a rebuild's 15 MB), and copies it otherwise.

    Published sites are never written to again, so sharing their files is safe."""

    def reuse_or_copy(source: str, target: str) -> None:
        if published is not None:
            previous = published / Path(source).relative_to(html)
            try:
                if previous.is_file() and filecmp.cmp(source, previous, shallow=False):
                    os.link(previous, target)
                    return
            except OSError:
                pass  # e.g. a file system without hard links: copy
        shutil.copy2(source, target)

    return reuse_or_copy


def publish(html: Path, build_dir: Path) -> Path:
    """Copy a finished site into ``sites/`` and switch the ``html`` link to it atomically.

    Where the system cannot make symbolic links (Windows without developer mode), ``html`` is a
    folder instead, swapped in by two renames: a reader may then miss the site for an instant."""
    sites = build_dir / "sites"
    sites.mkdir(exist_ok=True)
    # A unique folder (copytree gives it the stage's permissions, as mkdtemp makes it private).
    target = Path(tempfile.mkdtemp(prefix=f"site-{time.strftime('%Y%m%d-%H%M%S')}-", dir=sites))
    link = build_dir / "html"
    previous = link.resolve() if link.exists() else None
    shutil.copytree(html, target, copy_function=_reuse_or_copy(html, previous), dirs_exist_ok=True)
    temporary = build_dir / ".html-new"
    if temporary.is_symlink() or temporary.exists():
        temporary.unlink()
    try:
        temporary.symlink_to(target.relative_to(build_dir), target_is_directory=True)
    except OSError:
        if link.exists() or link.is_symlink():
            os.replace(link, sites / f"old-{time.time_ns()}")
        os.replace(target, link)
        target = link
    else:
        if link.exists() and not link.is_symlink():  # a plain folder from an older build
            os.replace(link, sites / f"old-{time.time_ns()}")
        os.replace(temporary, link)  # the one atomic step: readers see the old site or the new one
    for old in sites.iterdir():
        if old != target:
            shutil.rmtree(old, ignore_errors=True)
    return target
