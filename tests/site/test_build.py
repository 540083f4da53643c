"""The build: every chapter on the site, nothing from outside, failures that leave the last good site."""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from conftest import run_build, tree_digest

from spacerace.engine.chapters import chapters


class Addresses(HTMLParser):
    """Collects the addresses a page loads: scripts, stylesheets, images, fonts, frames."""

    def __init__(self) -> None:
        super().__init__()
        self.loaded: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if tag in ("script", "img", "iframe", "source", "audio", "video", "embed") and values.get("src"):
            self.loaded.append(values["src"] or "")
        if tag == "link" and values.get("href") and not {"canonical", "alternate"} & set((values.get("rel") or "").split()):
            self.loaded.append(values["href"] or "")


def outside(address: str) -> bool:
    return bool(re.match(r"^(https?:)?//", address)) and not re.match(r"^https?://(127\.0\.0\.1|localhost)", address)


def test_every_chapter_has_a_page(site: Path) -> None:
    for chapter in chapters():
        assert (site / chapter.notebook.with_suffix(".html")).is_file()
    assert (site / "index.html").is_file()


def test_no_page_loads_a_script_style_or_font_from_outside_the_site(site: Path) -> None:
    pages = list(site.rglob("*.html"))
    assert pages
    for page in pages:
        parser = Addresses()
        parser.feed(page.read_text(encoding="utf-8"))
        assert not [a for a in parser.loaded if outside(a)], page
    for sheet in site.rglob("*.css"):
        imports = re.findall(r"(?:@import\s+|url\()\s*['\"]?([^'\")\s]+)", sheet.read_text(encoding="utf-8", errors="replace"))
        assert not [a for a in imports if outside(a)], sheet


def test_charts_come_with_the_vega_library_served_from_the_site(site: Path) -> None:
    bundle = site / "_static" / "spacerace-vega.js"
    assert bundle.is_file() and bundle.stat().st_size > 100_000
    page = (site / chapters()[0].notebook.with_suffix(".html")).read_text(encoding="utf-8")
    assert "spacerace-vega.js" in page and 'class="spacerace-chart"' in page


def test_parameters_cells_do_not_show_on_the_page(site: Path) -> None:
    for chapter in chapters():
        page = (site / chapter.notebook.with_suffix(".html")).read_text(encoding="utf-8")
        assert "injected-parameters" not in page and "Parameters" not in page.split("<body")[0]


def test_a_rebuild_with_nothing_changed_runs_nothing(fresh_copy: Path) -> None:
    before = tree_digest(fresh_copy / "_build" / "html")
    result = run_build(fresh_copy)
    assert result.returncode == 0, result.stderr
    assert "Nothing changed" in result.stdout
    assert " ran " not in result.stdout and "building the HTML" not in result.stdout
    assert tree_digest(fresh_copy / "_build" / "html") == before


def test_a_failing_chapter_names_its_cell_and_leaves_the_site_untouched(fresh_copy: Path) -> None:
    before = tree_digest(fresh_copy / "_build" / "html")
    chapter = chapters()[0]
    path = fresh_copy / chapter.notebook
    notebook = json.loads(path.read_text())
    notebook["cells"].append({"cell_type": "code", "metadata": {}, "source": ["1 / 0"], "outputs": [], "execution_count": None})
    path.write_text(json.dumps(notebook))
    result = run_build(fresh_copy)
    assert result.returncode == 1
    assert f"{chapter.name}: failed in cell" in result.stderr and "ZeroDivisionError" in result.stderr
    assert (fresh_copy / "_build" / "failed" / f"{chapter.name}.ipynb").is_file()
    assert tree_digest(fresh_copy / "_build" / "html") == before


@pytest.mark.parametrize(
    ("broken", "named"),
    [("See {ref}`a-label-that-does-not-exist`.", "a-label-that-does-not-exist"), ("As {cite}`nobody2099` says.", "nobody2099")],
    ids=["cross-reference", "citation"],
)
def test_a_broken_reference_fails_the_build_and_leaves_the_site_untouched(fresh_copy: Path, broken: str, named: str) -> None:
    before = tree_digest(fresh_copy / "_build" / "html")
    intro = fresh_copy / "book" / "intro.md"
    intro.write_text(intro.read_text() + f"\n{broken}\n")
    result = run_build(fresh_copy)
    assert result.returncode == 1
    assert "the HTML build failed" in result.stderr and named in result.stderr
    assert tree_digest(fresh_copy / "_build" / "html") == before


def test_a_bad_data_file_stops_the_build_before_any_notebook_runs(fresh_copy: Path) -> None:
    before = tree_digest(fresh_copy / "_build" / "html")
    launches = fresh_copy / "data" / "launches.csv"
    lines = launches.read_text().splitlines()
    lines[1] = lines[1].replace("SUN", "XXX", 1)
    launches.write_text("\n".join(lines) + "\n")
    result = run_build(fresh_copy)
    assert result.returncode == 1
    assert "data/launches.csv, row 1 (line 2), column \"country\": value 'XXX'" in result.stderr
    assert " ran " not in result.stdout
    assert tree_digest(fresh_copy / "_build" / "html") == before
