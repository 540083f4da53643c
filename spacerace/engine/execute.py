"""Execute one chapter notebook with papermill, through its public API and jupyter_client's own
kernel manager, and reuse an executed chapter from the cache when none of its inputs changed."""

from __future__ import annotations

import json
import os
import tempfile
import time
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..paths import BOOK_ENV, READS_LOG_ENV, override_env
from .cache import Cache, Read
from .chapters import Chapter
from .files import write_if_changed
from .prerender import draw_first_chart

KERNEL_ARGUMENTS = [
    # ipykernel 7 warns at every start that loopback TCP is unencrypted; the kernel only listens on
    # 127.0.0.1 for this build, so the warning is noise in the progress lines.
    "--IPKernelApp.log_level=ERROR",
    # A build's kernels need no command history, and parallel kernels would share one SQLite file.
    "--HistoryManager.enabled=False",
]
"""Extra command-line arguments of every chapter kernel."""


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


def execute(chapter: Chapter, output: Path, parameters: Mapping[str, Any], overrides: Mapping[str, Path]) -> list[Read]:
    """Run a chapter with papermill into ``output`` and return the files it read.

    Data overrides reach the kernel through its environment (see :func:`spacerace.data.path_of`).
    Raises :class:`ChapterFailed` naming the cell and the error; the partly executed notebook is at
    ``output``.
    """
    import papermill
    from papermill.exceptions import PapermillExecutionError

    output.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.NamedTemporaryFile("r", suffix=".reads", delete=False) as log:
        reads_log = Path(log.name)
    settings = {BOOK_ENV: "1", READS_LOG_ENV: str(reads_log), **{override_env(n): str(Path(p).resolve()) for n, p in overrides.items()}}
    previous = {key: os.environ.get(key) for key in settings}
    os.environ.update(settings)  # the kernel inherits this process's environment
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
            # notebook before and after every cell, which costs more than the cells themselves.
            request_save_on_cell_execute=False,
            # Skip the polite shutdown request: the kernel has nothing to save, and waiting for it
            # is where runs stalled for seconds ("Kernel is taking too long to finish").
            shutdown_kernel="immediate",
            extra_arguments=KERNEL_ARGUMENTS,
        )
    except PapermillExecutionError as error:
        raise ChapterFailed(f"cell {error.cell_index} (execution count {error.exec_count}): {error.ename}: {error.evalue}") from None
    finally:
        for key, value in previous.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value
        reads = Read.parse_log(reads_log.read_text(encoding="utf-8")) if reads_log.exists() else []
        reads_log.unlink(missing_ok=True)
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

    Runs in a worker process of the build (started by fork or spawn), so everything it needs comes
    in as arguments that pickle.
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
    draw_first_chart(scratch, cache.folder / ".drawings")  # shown before the chart library arrives
    stored = cache.store(chapter.name, key, scratch, reads, time.perf_counter() - started)
    write_if_changed(output, stored.read_bytes())
    return Outcome(chapter.name, "ran", time.perf_counter() - started, output)
