"""Throwaway copies of the project, for tests and benchmarks that change a project freely."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

from spacerace.paths import ROOT

COPIED = ("_config.yml", "_toc.yml", "requirements.txt", "pyproject.toml", "book", "data", "spacerace")
"""What a build reads: its sources, data and package."""


def copy_project(target: Path) -> Path:
    """Copy what a build reads into ``target``. Run the copy with :func:`build_copy` (or with
    ``PYTHONPATH=target``) so that it uses its own package."""
    target.mkdir(parents=True, exist_ok=True)
    for name in COPIED:
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, target / name, ignore=shutil.ignore_patterns("__pycache__", ".ipynb_checkpoints"))
        elif source.exists():
            shutil.copy2(source, target / name)
    return target


def build_copy(project: Path, *args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    """Run ``python -m spacerace build`` in a project made by :func:`copy_project`, with its own package."""
    environment = dict(env or os.environ, PYTHONPATH=str(project))  # the copy's package, for the build and its kernels
    return subprocess.run([sys.executable, "-m", "spacerace", "build", *args], cwd=project, env=environment, capture_output=True, text=True)
