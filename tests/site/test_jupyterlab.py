"""A student's way in: JupyterLab (the project's `make lab`) opens a chapter, runs every cell, and
the charts draw from their Vega-Lite spec with JupyterLab's own renderer, offline.

JupyterLab runs headless on a free localhost port with a copy of the project (so that nothing it
saves touches the repository), and Chromium drives it.
"""

from __future__ import annotations

import os
import secrets
import socket
import subprocess
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from browsing import chromium  # noqa: F401  (chromium is a fixture)
from projects import copy_project

from spacerace.engine.chapters import chapters
from spacerace.paths import ROOT

LAB_PYTHON = ROOT / ".venv-lab" / ("Scripts/python.exe" if os.name == "nt" else "bin/python")
"""JupyterLab's own environment (the book's packages plus JupyterLab), made by `make lab` and `make test`."""

pytestmark = pytest.mark.browser

CHART = ".jp-OutputArea-output .vega-embed svg, .jp-OutputArea-output .vega-embed canvas"
"""A chart drawn by JupyterLab's Vega renderer (not our offline HTML, which draws only on the book's pages)."""


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture(scope="module")
def lab(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """JupyterLab serving a copy of the project; yields its address with the token."""
    if not LAB_PYTHON.exists():
        pytest.fail(f"{LAB_PYTHON} is missing: `make test` (or `make lab`) installs JupyterLab's environment")
    project = copy_project(tmp_path_factory.mktemp("lab") / "book")
    port, token = free_port(), secrets.token_hex(16)
    # JupyterLab 4 renders only the cells in view; draw them all, so every chart can be looked for.
    settings = project / ".lab-settings"
    (settings / "@jupyterlab" / "notebook-extension").mkdir(parents=True)
    (settings / "@jupyterlab" / "notebook-extension" / "tracker.jupyterlab-settings").write_text('{"windowingMode": "none"}')
    command = [
        str(LAB_PYTHON), "-m", "jupyterlab", f"--LabApp.user_settings_dir={settings}", "--no-browser", f"--port={port}", "--ServerApp.ip=127.0.0.1",
        f"--IdentityProvider.token={token}", f"--ServerApp.root_dir={project}", "--LabApp.expose_app_in_browser=True",
    ]
    if getattr(os, "geteuid", lambda: 1)() == 0:  # CI and these machines run as root
        command.append("--allow-root")
    log = (project / "jupyterlab.log").open("w")
    server = subprocess.Popen(command, cwd=project, stdout=log, stderr=subprocess.STDOUT)
    address = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 90
    while True:
        try:
            urllib.request.urlopen(f"{address}/api/status?token={token}", timeout=2)
            break
        except OSError:
            if server.poll() is not None or time.monotonic() > deadline:
                server.kill()
                pytest.fail("JupyterLab did not start: " + (project / "jupyterlab.log").read_text()[-2000:])
            time.sleep(0.5)
    yield f"{address}/lab/tree/{{path}}?token={token}"
    server.terminate()
    try:
        server.wait(timeout=20)
    except subprocess.TimeoutExpired:
        server.kill()
    log.close()


def test_a_chapter_runs_in_jupyterlab_and_its_charts_draw(chromium, lab: str) -> None:
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    chapter = chapters()[0]
    page = chromium.new_page(viewport={"width": 1400, "height": 900})
    outside: list[str] = []
    page.on("request", lambda request: outside.append(request.url) if not request.url.startswith(("http://127.0.0.1", "data:", "blob:")) else None)
    page.goto(lab.format(path=chapter.notebook.as_posix()))
    idle = "() => document.querySelector('.jp-Notebook-ExecutionIndicator[data-status=\"idle\"]')"
    page.wait_for_function("() => window.jupyterapp && document.querySelector('.jp-Notebook')", timeout=90_000)
    try:  # a new server may ask which kernel to start: the notebook's own, Python 3
        page.locator(".jp-Dialog .jp-mod-accept").click(timeout=10_000)
    except PlaywrightTimeout:
        pass
    page.wait_for_function(idle, timeout=90_000)
    page.evaluate("() => { window.jupyterapp.commands.execute('notebook:run-all-cells'); }")  # do not wait on it
    try:
        page.wait_for_selector(CHART, timeout=180_000)
    finally:
        page.screenshot(path=str(Path(__file__).resolve().parent.parent / "artifacts" / "jupyterlab.png"))
    page.wait_for_function(idle, timeout=180_000)
    errors = page.locator(".jp-OutputArea-output[data-mime-type='application/vnd.jupyter.stderr']").all_inner_texts()
    drawn = page.locator(CHART).count()
    page.close()
    assert not [e for e in errors if "Traceback" in e or "Error" in e], errors
    assert drawn >= 1, "no chart drawn by JupyterLab's renderer"
    assert outside == [], "JupyterLab asked another host for something"
