"""The cache on a small book of two chapters: a changed CSV, or a changed entry of the data
package, re-runs exactly the chapter that reads it; and the build works under ``spawn``."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest

import os
import subprocess
import sys

from conftest import run_build, tree_digest
from projects import copy_project


def notebook(reads: str, glue_name: str) -> dict:
    """A tiny chapter that reads one dataset and glues its row count into its text."""
    cells = [
        {"cell_type": "markdown", "metadata": {}, "source": [f"# Reads {reads}\n\nRows: {{glue:text}}`{glue_name}`."]},
        {"cell_type": "code", "metadata": {"tags": ["parameters", "remove-cell"]}, "source": ["limit: int = 5  # rows to show"], "outputs": [], "execution_count": None},
        {
            "cell_type": "code",
            "metadata": {},
            "source": [
                "from myst_nb import glue\n",
                "from spacerace import data\n",
                f"table = data.load({reads!r})\n",
                f"glue({glue_name!r}, len(table), display=False)\n",
                "table.tail(limit)",
            ],
            "outputs": [],
            "execution_count": None,
        },
    ]
    for number, cell in enumerate(cells):
        cell["id"] = f"cell-{number}"
    return {"cells": cells, "metadata": {"kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"}}, "nbformat": 4, "nbformat_minor": 5}


def page_text(path: Path) -> str:
    """A page's text without its tags (glued values sit in their own <span>)."""
    return re.sub(r"<[^>]+>", "", path.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def small_book(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = copy_project(tmp_path_factory.mktemp("small") / "book")
    for path in (project / "book").iterdir():  # keep only the bibliography that _config.yml names
        if path.name != "references.bib":
            shutil.rmtree(path) if path.is_dir() else path.unlink()
    (project / "book" / "intro.md").write_text("# A small book\n")
    for name, reads in (("first", "launches"), ("second", "regions")):
        (project / "book" / f"{name}.ipynb").write_text(json.dumps(notebook(reads, f"rows_{name}")))
    (project / "_toc.yml").write_text("format: jb-book\nroot: book/intro\nchapters:\n  - file: book/first\n  - file: book/second\n")
    result = run_build(project)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "first          ran" in result.stdout and "second         ran" in result.stdout
    return project


@pytest.fixture
def book(small_book: Path, tmp_path: Path) -> Path:
    target = tmp_path / "book"
    shutil.copytree(small_book, target, symlinks=True)
    return target


def test_nothing_changed_means_nothing_runs(book: Path) -> None:
    before = tree_digest(book / "_build" / "html")
    result = run_build(book)
    assert result.returncode == 0 and "Nothing changed" in result.stdout
    assert " ran " not in result.stdout
    assert tree_digest(book / "_build" / "html") == before


def test_a_new_csv_row_reruns_only_the_chapter_that_reads_it_and_shows(book: Path) -> None:
    launches = book / "data" / "launches.csv"
    rows = launches.read_text().splitlines()
    page = book / "_build" / "html" / "book" / "first.html"
    assert f"Rows: {len(rows) - 1}." in page_text(page)
    # A valid row the data does not have (Brazil made no orbital launch attempt in 2024).
    launches.write_text("\n".join(rows + ["2024,BRA,1,1,0,https://example.org/test,added by a test"]) + "\n")
    result = run_build(book)
    assert result.returncode == 0, result.stderr
    assert "first          ran" in result.stdout
    assert "second         reused from cache" in result.stdout
    assert f"Rows: {len(rows)}." in page_text(page)
    assert "validating the data (launches) ..." in result.stdout, "only the changed file is validated again"


def test_sphinx_leaves_the_page_of_a_reused_chapter_alone(book: Path) -> None:
    """Sphinx re-reads and rewrites every page whose file is newer than its last build."""
    launches = book / "data" / "launches.csv"
    stage = book / "_build" / "stage"
    untouched = [stage / "book" / "second.ipynb", stage / "_build" / "html" / "book" / "second.html"]
    for year in (2024, 2025):  # the first build in a copied folder builds every page
        launches.write_text(launches.read_text() + f"{year},BRA,1,1,0,https://example.org/test,added by a test\n")
        times = [path.stat().st_mtime_ns for path in untouched]
        result = run_build(book)
        assert result.returncode == 0, result.stderr
        assert "second         reused from cache" in result.stdout
    assert [path.stat().st_mtime_ns for path in untouched] == times


def test_a_bad_row_in_one_file_stops_the_build_even_when_the_others_passed_before(book: Path) -> None:
    site = book / "_build" / "html"
    before = tree_digest(site)
    regions = book / "data" / "regions.csv"
    rows = regions.read_text().splitlines()
    regions.write_text("\n".join(rows + [rows[-1].replace(rows[-1].split(",")[0], "XX", 1)]) + "\n")
    result = run_build(book)
    assert result.returncode != 0
    assert "regions.csv" in result.stdout + result.stderr and " ran " not in result.stdout
    assert tree_digest(site) == before


def test_a_changed_parameter_default_reruns_that_chapter(book: Path) -> None:
    path = book / "book" / "second.ipynb"
    path.write_text(path.read_text().replace("limit: int = 5", "limit: int = 3"))
    result = run_build(book)
    assert "second         ran" in result.stdout and "first          reused from cache" in result.stdout


def test_a_damaged_cache_entry_is_detected_and_run_again(book: Path) -> None:
    for entry in (book / "_build" / "cache" / "first").glob("*.ipynb"):
        entry.write_text("{ damaged")
    (book / "_build" / "html" / ".spacerace-build.json").unlink()  # make the build look at chapters
    result = run_build(book)
    assert result.returncode == 0, result.stderr
    assert "first          ran" in result.stdout and "second         reused from cache" in result.stdout


def test_a_changed_dataset_entry_reruns_exactly_its_readers(book: Path) -> None:
    """A dataset's entry in datapackage.json (its schema, its description, its as-of date) is an
    input of every chapter that reads that dataset, and of no other."""
    package_path = book / "data" / "datapackage.json"
    package = json.loads(package_path.read_text(encoding="utf-8"))
    launches = next(r for r in package["resources"] if r["name"] == "launches")
    launches["description"] += " As of a later date."
    package_path.write_text(json.dumps(package, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    result = run_build(book)
    assert result.returncode == 0, result.stderr
    assert "first          ran" in result.stdout
    assert "second         reused from cache" in result.stdout


SPAWN = "import multiprocessing, sys; multiprocessing.set_start_method('spawn'); from spacerace.cli import main; sys.exit(main(['build', '--force']))"
"""A build with the start method of macOS and Windows, on this machine."""


def test_the_book_builds_when_workers_are_spawned_not_forked(book: Path) -> None:
    result = subprocess.run([sys.executable, "-c", SPAWN], cwd=book, env=dict(os.environ, PYTHONPATH=str(book)), capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "first          ran" in result.stdout and "second         ran" in result.stdout
    assert "Rows: " in page_text(book / "_build" / "html" / "book" / "second.html")
