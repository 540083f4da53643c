"""Faults: a build killed while a chapter runs or while Sphinx writes the HTML, and a build folder
that cannot be written. The last good site must stay as it was and the next build must succeed.

(A damaged cache entry is covered in test_cache.py; a failing chapter, a Sphinx warning and a bad
data file in test_build.py.)
"""

from __future__ import annotations

import json
import os
import queue
import re
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from conftest import run_build, tree_digest

from spacerace.engine.chapters import chapters
from spacerace.paths import ROOT


# --------------------------------------------------------------------------- helpers


def descendants(pid: int) -> list[int]:
    """Every process started by ``pid``, directly or not (Linux /proc). Kernels run in sessions of
    their own, so a process group would miss them."""
    children: dict[int, list[int]] = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rpartition(")")[2].split()
        except OSError:
            continue
        children.setdefault(int(fields[1]), []).append(int(stat.parent.name))
    found, todo = [], [pid]
    while todo:
        for child in children.get(todo.pop(), []):
            found.append(child)
            todo.append(child)
    return found


def command_line(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
    except OSError:
        return ""


def kill_tree(process: subprocess.Popen[str]) -> None:
    """SIGKILL a build and everything it started (pool workers, kernels, jupyter-book): no cleanup runs."""
    pids = descendants(process.pid)
    process.kill()
    for pid in pids:
        try:
            os.kill(pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
    process.wait(timeout=30)


def start_build(project: Path) -> tuple[subprocess.Popen[str], queue.Queue[str]]:
    """Start ``python -m spacerace build`` in a copied project; its output lines arrive in a queue."""
    env = dict(os.environ, PYTHONPATH=str(project), PYTHONUNBUFFERED="1")
    process = subprocess.Popen(
        [sys.executable, "-m", "spacerace", "build"], cwd=project, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True
    )
    lines: queue.Queue[str] = queue.Queue()

    def read() -> None:
        assert process.stdout is not None
        for line in process.stdout:
            lines.put(line)

    threading.Thread(target=read, daemon=True).start()
    return process, lines


def wait_for(condition, what: str, process: subprocess.Popen[str], timeout: float = 180) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if process.poll() is not None:
            pytest.fail(f"the build ended (code {process.returncode}) before {what}")
        if time.monotonic() > deadline:
            kill_tree(process)
            pytest.fail(f"timed out waiting for {what}")
        time.sleep(0.2)


def add_cell(notebook: Path, source: str) -> None:
    content = json.loads(notebook.read_text(encoding="utf-8"))
    content["cells"].append({"cell_type": "code", "id": "fault-test", "metadata": {}, "source": [source], "outputs": [], "execution_count": None})
    notebook.write_text(json.dumps(content), encoding="utf-8")


def site_pages(site: Path) -> set[str]:
    return {p.relative_to(site.resolve()).as_posix() for p in site.resolve().rglob("*.html")}


# --------------------------------------------------------------------------- killed builds


def alive(pid: int) -> bool:
    """Whether process ``pid`` runs (a zombie, dead but not yet waited for, does not count)."""
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rpartition(")")[2].split()[0]
    except OSError:
        return False
    return state != "Z"


def test_a_build_killed_while_a_chapter_runs_leaves_the_site_and_the_next_build_works(fresh_copy: Path, tmp_path: Path) -> None:
    site = fresh_copy / "_build" / "html"
    before, pages = tree_digest(site), site_pages(site)
    chapter = chapters()[0]
    notebook = fresh_copy / chapter.notebook
    page = chapter.notebook.with_suffix(".html").as_posix()
    charts_before = (site / page).read_text(encoding="utf-8").count('class="spacerace-chart"')
    original = notebook.read_text(encoding="utf-8")
    marker = tmp_path / "kernel.pid"  # the chapter's kernel writes its process id here, then waits
    add_cell(notebook, f"import os, time\nopen({str(marker)!r}, 'w').write(str(os.getpid()))\ntime.sleep(60)")

    process, _ = start_build(fresh_copy)
    wait_for(lambda: marker.exists() and marker.read_text() != "", "the chapter's kernel started", process)
    kernel = int(marker.read_text())
    others = descendants(process.pid)
    process.kill()  # the build alone, with no chance to clean up: what it started must end by itself
    process.wait(timeout=30)
    deadline = time.monotonic() + 20
    while alive(kernel) and time.monotonic() < deadline:
        time.sleep(0.2)
    survived = alive(kernel)
    for pid in others:  # whatever is left, so that a failure here does not leave processes behind
        try:
            os.kill(pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
    assert not survived, "the chapter's kernel outlived the killed build by more than 20 s"

    assert tree_digest(site) == before, "a killed build changed the published site"
    notebook.write_text(original, encoding="utf-8")
    add_cell(notebook, "import time\ntime.sleep(0)")
    result = run_build(fresh_copy)
    assert result.returncode == 0, result.stdout + result.stderr
    assert f"{chapter.name:<14} ran" in result.stdout
    assert site_pages(site) == pages
    html = (site / page).read_text(encoding="utf-8")
    text = re.sub(r"<[^>]+>", "", html)  # the code is highlighted token by token
    assert "time.sleep(0)" in text and "time.sleep(60)" not in text
    assert html.count('class="spacerace-chart"') == charts_before
    assert len(list((fresh_copy / "_build" / "sites").iterdir())) == 1, "old sites are cleaned up"


def test_a_build_killed_while_sphinx_writes_leaves_the_site_and_the_next_build_works(fresh_copy: Path) -> None:
    site = fresh_copy / "_build" / "html"
    before, pages = tree_digest(site), site_pages(site)
    intro = fresh_copy / "book" / "intro.md"
    intro.write_text(intro.read_text(encoding="utf-8") + "\nA sentence added by the fault test.\n", encoding="utf-8")

    # Sphinx saves its environment between reading the pages and writing them: kill it right then.
    environment = fresh_copy / "_build" / "stage" / "_build" / ".doctrees" / "environment.pickle"
    saved_before = environment.stat().st_mtime_ns
    process, _ = start_build(fresh_copy)
    wait_for(lambda: any("spacerace.engine.html" in command_line(pid) for pid in descendants(process.pid)), "Sphinx started", process)
    deadline = time.monotonic() + 120
    while environment.stat().st_mtime_ns == saved_before and process.poll() is None and time.monotonic() < deadline:
        time.sleep(0.005)
    kill_tree(process)
    assert process.returncode != 0, "the build finished before it could be killed in Sphinx"

    assert tree_digest(site) == before, "a build killed in Sphinx changed the published site"
    assert (fresh_copy / "_build" / "sphinx-dirty").exists(), "the interrupted HTML build is marked"
    result = run_build(fresh_copy)
    assert result.returncode == 0, result.stdout + result.stderr
    assert " ran " not in result.stdout, "the chapters come from the cache"
    assert "A sentence added by the fault test." in (site / "book" / "intro.html").read_text(encoding="utf-8")
    assert site_pages(site) == pages
    assert not (fresh_copy / "_build" / "sphinx-dirty").exists()


# --------------------------------------------------------------------------- a folder that cannot be written


def build_into(build_dir: Path) -> subprocess.CompletedProcess[str]:
    # The build checks its folder before it reads anything else, so the real project is safe to use.
    return subprocess.run([sys.executable, "-m", "spacerace", "build", "--build-dir", str(build_dir)], cwd=ROOT, capture_output=True, text=True, timeout=300)


def test_a_build_folder_that_cannot_be_created_gives_a_clear_error(tmp_path: Path) -> None:
    # Root ignores permission bits, so a folder under a regular file stands for "cannot write here".
    blocker = tmp_path / "somefile"
    blocker.write_text("a file, not a folder")
    result = build_into(blocker / "_build")
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert "build folder" in result.stderr and str(blocker / "_build") in result.stderr and "--build-dir" in result.stderr


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes into a chmod 500 folder anyway; the test above covers root")
def test_a_read_only_build_folder_gives_a_clear_error(tmp_path: Path) -> None:
    folder = tmp_path / "_build"
    folder.mkdir()
    folder.chmod(0o500)
    try:
        result = build_into(folder)
    finally:
        folder.chmod(0o700)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert f"cannot write to the build folder {folder}" in result.stderr and "--build-dir" in result.stderr
