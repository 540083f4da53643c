"""Execute one chapter notebook with papermill, and the cache that avoids doing it twice.

A chapter is executed again only when one of its inputs changed. Its cache key is a hash of

* the notebook's cells (sources and tags, not outputs),
* the parameters it runs with,
* the package's code and the pinned requirements,
* the content of every data file it read the last time it ran (recorded by :func:`spacerace.data.load`).

Changing one CSV therefore re-executes exactly the chapters that read it. (jupyter-cache keys on
code cells alone, so a changed CSV goes unnoticed there.)
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import tempfile
import time
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .files import write_if_changed
from .paths import PACKAGE_DIR, READS_LOG_ENV, ROOT, override_env


@dataclass(frozen=True)
class Chapter:
    """A notebook of the book. ``name`` is its file stem (``costs``), unique in the book."""

    name: str
    notebook: Path  # relative to the repository root

    @property
    def source(self) -> Path:
        return ROOT / self.notebook


@dataclass
class Outcome:
    """What happened to one chapter in a build."""

    chapter: str
    status: str  # "ran", "cached" or "failed"
    seconds: float
    notebook: Path | None = None  # the executed notebook
    error: str | None = None


class ChapterFailed(RuntimeError):
    """A chapter raised an error; the message names the cell and the error."""


def sha256_bytes(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def sha256_file(path: Path) -> str:
    return sha256_bytes(Path(path).read_bytes())


def notebook_code_hash(path: Path) -> str:
    """Hash of a notebook's cells and tags: outputs, counts and ids do not count."""
    notebook = json.loads(Path(path).read_text(encoding="utf-8"))
    cells = [
        [cell["cell_type"], "".join(cell["source"]), sorted(cell.get("metadata", {}).get("tags", []))]
        for cell in notebook["cells"]
    ]
    return sha256_bytes(json.dumps(cells).encode())


def package_hash() -> str:
    """Hash of the package's code and the pinned requirements: a change re-runs every chapter."""
    digest = hashlib.sha256()
    files = sorted(PACKAGE_DIR.rglob("*.py")) + [ROOT / "requirements.txt"]
    for path in files:
        if path.exists():
            digest.update(str(path.relative_to(ROOT)).encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()


def base_key(chapter: Chapter, parameters: Mapping[str, Any], overrides: Mapping[str, Path], package: str) -> str:
    """The part of the cache key known before running: code, parameters, package, data overrides."""
    ingredients = {
        "code": notebook_code_hash(chapter.source),
        "parameters": dict(sorted(parameters.items())),
        "overrides": {name: str(Path(path).resolve()) for name, path in sorted(overrides.items())},
        "package": package,
    }
    return sha256_bytes(json.dumps(ingredients, sort_keys=True, default=str).encode())[:24]


class Cache:
    """Executed notebooks by chapter and key, each checked against its recorded hash when reused."""

    def __init__(self, folder: Path):
        self.folder = Path(folder)

    def _paths(self, chapter: str, key: str) -> tuple[Path, Path]:
        return self.folder / chapter / f"{key}.ipynb", self.folder / chapter / f"{key}.json"

    def lookup(self, chapter: str, key: str) -> Path | None:
        """The cached executed notebook, if present, intact and its data files unchanged."""
        notebook, meta_path = self._paths(chapter, key)
        try:
            meta = json.loads(meta_path.read_text(encoding="utf-8"))
            if sha256_file(notebook) != meta["notebook_sha256"]:
                return None  # a damaged entry: run again
            for recorded, digest in meta["reads"].items():
                path = ROOT / recorded  # relative paths are the project's; absolute ones stay as they are
                if not path.exists() or sha256_file(path) != digest:
                    return None
        except (OSError, ValueError, KeyError):
            return None
        return notebook

    def last_seconds(self, chapter: str) -> float | None:
        """How long the chapter's last execution took (whatever its key), if the cache knows."""
        for meta_path in (self.folder / chapter).glob("*.json"):
            try:
                return float(json.loads(meta_path.read_text(encoding="utf-8"))["seconds"])
            except (OSError, ValueError, KeyError, TypeError):
                pass
        return None

    def store(self, chapter: str, key: str, executed: Path, reads: list[Path], seconds: float | None = None) -> Path:
        """Keep an executed notebook with the hashes of the data files it read (and how long it ran)."""
        notebook, meta_path = self._paths(chapter, key)
        notebook.parent.mkdir(parents=True, exist_ok=True)
        for old in notebook.parent.iterdir():  # one entry a chapter is enough
            old.unlink()
        _atomic_copy(executed, notebook)
        meta = {
            "notebook_sha256": sha256_file(notebook),
            "reads": {_portable(path): sha256_file(path) for path in sorted(set(reads))},
            "seconds": seconds,
        }
        _atomic_write(meta_path, json.dumps(meta, indent=1))
        return notebook


def _portable(path: Path) -> str:
    """A data path relative to the project when inside it, so a copied project keeps its cache."""
    try:
        return str(Path(path).resolve().relative_to(ROOT))
    except ValueError:
        return str(Path(path).resolve())


def _atomic_write(path: Path, text: str) -> None:
    temporary = path.with_name(f".{path.name}.tmp")
    temporary.write_text(text, encoding="utf-8")
    os.replace(temporary, path)


def _atomic_copy(source: Path, target: Path) -> None:
    temporary = target.with_name(f".{target.name}.tmp")
    shutil.copyfile(source, temporary)
    os.replace(temporary, target)


def load_executor() -> None:
    """Import papermill and the kernel machinery (a quarter of a second) in the build's process, so
    that the worker processes forked from it afterwards share them instead of each importing its own."""
    import papermill  # noqa: F401

    from . import kernels  # noqa: F401


def execute(
    chapter: Chapter,
    output: Path,
    parameters: Mapping[str, Any],
    overrides: Mapping[str, Path],
) -> list[Path]:
    """Run a chapter with papermill into ``output`` and return the data files it read.

    Raises :class:`ChapterFailed` naming the cell and the error; the partly executed notebook is at
    ``output``.
    """
    import papermill
    from papermill.exceptions import PapermillExecutionError

    from .kernels import KERNEL_ARGUMENTS, ForkKernelManager

    output.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.NamedTemporaryFile("r", suffix=".reads", delete=False) as log:
        reads_log = Path(log.name)
    previous = {key: os.environ.get(key) for key in [READS_LOG_ENV] + [override_env(n) for n in overrides]}
    os.environ[READS_LOG_ENV] = str(reads_log)
    for name, path in overrides.items():
        os.environ[override_env(name)] = str(Path(path).resolve())
    try:
        papermill.execute_notebook(
            str(chapter.source),
            str(output),
            parameters=dict(parameters),
            kernel_name="python3",
            cwd=str(chapter.source.parent),
            progress_bar=False,
            log_output=False,
            # Write the notebook once, at the end: by default papermill rewrites the whole growing
            # notebook before and after every cell, which cost more than the cells themselves.
            request_save_on_cell_execute=False,
            # Skip the polite shutdown request: the kernel has nothing to save, and waiting
            # for it is where runs stalled for seconds ("Kernel is taking too long to finish").
            shutdown_kernel="immediate",
            extra_arguments=KERNEL_ARGUMENTS,
            # A fork of the build's zygote when there is one (see spacerace.kernels).
            kernel_manager_class=ForkKernelManager,
        )
    except PapermillExecutionError as error:
        raise ChapterFailed(
            f"cell {error.cell_index} (execution count {error.exec_count}): {error.ename}: {error.evalue}"
        ) from None
    finally:
        for key, value in previous.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value
    reads = [Path(line) for line in reads_log.read_text(encoding="utf-8").split()]
    reads_log.unlink()
    hide_injected_parameters(output)
    return reads


def hide_injected_parameters(path: Path) -> None:
    """Tag papermill's injected-parameters cell ``remove-cell`` so the book does not show it."""
    notebook = json.loads(path.read_text(encoding="utf-8"))
    for cell in notebook["cells"]:
        tags = cell.get("metadata", {}).get("tags", [])
        if "injected-parameters" in tags and "remove-cell" not in tags:
            tags.append("remove-cell")
    path.write_text(json.dumps(notebook, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")


def reuse_chapter(chapter: Chapter, output: Path, cache: Cache, key: str) -> Outcome | None:
    """Copy the chapter's cached executed notebook to ``output``, if the cache has a valid one."""
    started = time.perf_counter()
    cached = cache.lookup(chapter.name, key)
    if cached is None:
        return None
    write_if_changed(output, cached.read_bytes())
    return Outcome(chapter.name, "cached", time.perf_counter() - started, output)


def run_chapter(
    chapter: Chapter,
    output: Path,
    cache: Cache,
    key: str,
    parameters: Mapping[str, Any],
    overrides: Mapping[str, Path],
    failed_dir: Path,
) -> Outcome:
    """Execute a chapter into ``output`` and keep it in the cache; never raises (the outcome says
    what happened).

    Runs in a worker process of the build, so everything it needs comes in as arguments.
    """
    started = time.perf_counter()
    scratch = failed_dir.parent / "running" / f"{chapter.name}.ipynb"
    try:
        try:
            reads = execute(chapter, scratch, parameters, overrides)
        except ChapterFailed:
            raise  # an error in the chapter's own code: running it again gives the same error
        except Exception:
            # The kernel itself failed (e.g. it lost the race for the port it was given): once more.
            reads = execute(chapter, scratch, parameters, overrides)
    except Exception as error:  # the report must name the chapter whatever went wrong
        kept = failed_dir / f"{chapter.name}.ipynb"
        if scratch.exists():
            kept.parent.mkdir(parents=True, exist_ok=True)
            os.replace(scratch, kept)
        message = str(error) if isinstance(error, ChapterFailed) else f"{type(error).__name__}: {error}"
        return Outcome(chapter.name, "failed", time.perf_counter() - started, kept if kept.exists() else None, message)
    stored = cache.store(chapter.name, key, scratch, reads, time.perf_counter() - started)
    write_if_changed(output, stored.read_bytes())
    return Outcome(chapter.name, "ran", time.perf_counter() - started, output)
