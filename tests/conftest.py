"""Fixtures shared by the whole suite."""

from __future__ import annotations

import functools
import http.server
import shutil
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from projects import build_copy, copy_project
from spacerace.engine.build import BuildReport, build
from spacerace.paths import ROOT

ARTIFACTS = ROOT / "tests" / "artifacts"
"""Screenshots and logs that the tests leave for people to look at."""


@pytest.fixture(scope="session")
def built_book(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, BuildReport]:
    """The real book, built once per session into a folder of its own (the published one is not touched)."""
    build_dir = tmp_path_factory.mktemp("book-build")
    report = build(build_dir, echo=lambda _: None)
    return build_dir, report


@pytest.fixture(scope="session")
def site(built_book: tuple[Path, BuildReport]) -> Path:
    """The published HTML folder of the session's build."""
    return built_book[0] / "html"


def serve(folder: Path) -> tuple[http.server.ThreadingHTTPServer, str]:
    """Serve a folder on a free localhost port; returns the server and its base address."""

    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args: object) -> None:
            pass

    handler = functools.partial(Quiet, directory=str(folder.resolve()))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}"


@pytest.fixture(scope="session")
def site_url(site: Path) -> Iterator[str]:
    server, url = serve(site)
    yield url
    server.shutdown()


@pytest.fixture
def data_copy(tmp_path: Path) -> Path:
    """A writable copy of data/ for tests that break files on purpose."""
    target = tmp_path / "data"
    shutil.copytree(ROOT / "data", target, ignore=shutil.ignore_patterns("raw", "geo"))
    return target


run_build = build_copy
"""Run ``python -m spacerace build`` inside a copied project."""


def tree_digest(folder: Path) -> str:
    """One hash of every file's path and content under ``folder`` (following the html link)."""
    import hashlib

    digest = hashlib.sha256()
    for path in sorted(p for p in folder.resolve().rglob("*") if p.is_file()):
        digest.update(str(path.relative_to(folder.resolve())).encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


@pytest.fixture(scope="session")
def project_copy(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of the project, built once: tests copy it again before they break it."""
    project = copy_project(tmp_path_factory.mktemp("project") / "book")
    result = run_build(project)
    assert result.returncode == 0, result.stdout + result.stderr
    return project


@pytest.fixture
def fresh_copy(project_copy: Path, tmp_path: Path) -> Path:
    """A private copy of the built project (with its _build, so caches are warm)."""
    target = tmp_path / "book"
    shutil.copytree(project_copy, target, symlinks=True)
    return target
