"""The seminar kit: a variant book from a parameter file, slide figures, PDF handouts, exercise pages."""

from __future__ import annotations

import html
import re
import struct
from html.parser import HTMLParser
from pathlib import Path

import pytest

from conftest import tree_digest

from spacerace.engine.build import BuildReport, build
from spacerace.engine.chapters import chapters
from spacerace.cli import main
from spacerace.params import declared
from spacerace.paths import ROOT
from spacerace.engine.seminar import Figure, SeminarError, export_figures, figures_index, handout

EXAMPLE = ROOT / "seminars" / "example.yml"


@pytest.fixture(scope="module")
def variant(built_book: tuple[Path, BuildReport]) -> tuple[Path, str, str]:
    """The example variant, built where `make book PARAMS=seminars/example.yml` puts it: inside the
    main build folder (here the session's build). Returns its folder and the main site's digest
    before and after."""
    main_dir = built_book[0]
    before = tree_digest(main_dir / "html")
    variant_dir = main_dir / "variants" / "example"
    build(variant_dir, parameter_file=EXAMPLE, echo=lambda _: None)
    return variant_dir, before, tree_digest(main_dir / "html")


def page_of(site: Path, chapter: str) -> str:
    notebook = next(c for c in chapters() if c.name == chapter).notebook
    return (site / notebook.with_suffix(".html")).read_text(encoding="utf-8")


def test_the_example_file_only_sets_parameters_that_chapters_declare() -> None:
    import yaml

    content = yaml.safe_load(EXAMPLE.read_text(encoding="utf-8"))
    known = {name for notebook in ROOT.glob("book/**/*.ipynb") if ".ipynb_checkpoints" not in notebook.parts for name in declared(notebook)}
    for name in content.get("parameters", {}):
        assert name in known, f"no chapter declares {name!r}"


def test_a_shared_parameter_no_chapter_takes_is_refused_before_anything_runs(tmp_path: Path) -> None:
    from spacerace.engine.build import BuildError

    bad = tmp_path / "typo.yml"
    bad.write_text("parameters:\n  base_yaer: 2015\n")
    with pytest.raises(BuildError, match="no chapter takes the parameter\\(s\\) base_yaer"):
        build(tmp_path / "out", parameter_file=bad, echo=lambda _: None)
    assert not (tmp_path / "out" / "html").exists()


def test_the_variant_pages_show_the_variant_and_the_book_does_not(variant: tuple[Path, str, str], site: Path) -> None:
    variant_site = variant[0] / "html"
    costs = page_of(variant_site, "costs")
    assert "INR millions, 2015 prices" in costs  # the charts' axis titles
    assert re.search(r"base_year.{0,200}2015 \(changed\)", costs, re.S)  # the parameter table
    assert "INR millions, 2015 prices" not in page_of(site, "costs")
    assert "Variant of the book: Seminar variant" in costs and "Variant of the book" not in page_of(site, "costs")
    for chapter in chapters():  # every chapter of the book: a changed shared parameter is marked
        if {"base_year", "countries", "currency"} & set(declared(ROOT / chapter.notebook)):
            assert "(changed)" in page_of(variant_site, chapter.name), chapter.name


def test_a_variant_build_leaves_the_published_book_untouched(variant: tuple[Path, str, str]) -> None:
    variant_dir, before, after = variant
    assert before == after
    assert (variant_dir / "html" / "index.html").is_file()
    assert variant_dir.resolve() != (variant_dir.parent.parent / "html").resolve()


def png_width(path: Path) -> int:
    header = path.read_bytes()[:24]
    assert header[:8] == b"\x89PNG\r\n\x1a\n", path
    return struct.unpack(">I", header[16:20])[0]


def test_export_figures_writes_every_chart_as_png_and_svg_with_an_index(built_book: tuple[Path, BuildReport], tmp_path: Path) -> None:
    build_dir = built_book[0]
    figures = export_figures(build_dir, tmp_path / "figures")
    assert figures
    with_charts = {f.chapter for f in figures}
    for chapter in chapters():
        if chapter.notebook.parent.name != "book":  # analysis chapters have charts
            assert chapter.name in with_charts, chapter.name
    index = (tmp_path / "figures" / "index.html").read_text(encoding="utf-8")
    for figure in figures:
        assert abs(png_width(figure.png) - 1920) <= 2 or png_width(figure.png) > 1920, figure.png
        assert b"<svg" in figure.svg.read_bytes()[:1000]
        assert html.escape(figure.title) in index
        assert f'src="{figure.png.name}"' in index


def test_the_figure_index_escapes_titles_and_descriptions(tmp_path: Path) -> None:
    figure = Figure("costs", 1, "<script>alert(1)</script>", 'say "hi" & <b>', tmp_path / "costs-1.png", tmp_path / "costs-1.svg")
    page = figures_index([figure], tmp_path)
    assert "<script>alert" not in page and "&lt;script&gt;" in page
    assert "<b>" not in page


@pytest.mark.parametrize("chapter", [c.name for c in chapters()])
def test_a_handout_is_a_pdf_for_every_chapter(built_book: tuple[Path, BuildReport], tmp_path: Path, chapter: str) -> None:
    pdf = handout(built_book[0], chapter, tmp_path / f"{chapter}.pdf")
    content = pdf.read_bytes()
    assert content[:4] == b"%PDF" and len(content) > 10_000


def test_handout_and_figures_explain_what_is_missing(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SeminarError, match="build the book first"):
        export_figures(tmp_path / "nothing", tmp_path / "out")
    assert not (tmp_path / "out").exists()
    assert main(["handout", "no-such-chapter", "--build-dir", str(tmp_path)]) == 1
    assert "unknown chapter 'no-such-chapter'" in capsys.readouterr().err


class Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.hrefs: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        href = dict(attrs).get("href")
        if tag == "a" and href:
            self.hrefs.append(href)


def test_every_exercise_page_offers_its_notebook_and_data_and_the_links_work(site: Path) -> None:
    pages = sorted((site / "book").glob("*/exercises.html"))
    if not pages:
        pytest.skip("no exercise page is listed in _toc.yml")
    for page in pages:
        parser = Links()
        parser.feed(page.read_text(encoding="utf-8"))
        downloads = [h for h in parser.hrefs if "_static/data/" in h or h.endswith(".ipynb")]
        assert any(h.endswith(".csv") for h in downloads), page
        assert any(h.endswith(".ipynb") for h in downloads), page
        for href in downloads:
            assert (page.parent / href).resolve().is_file(), f"{page.name}: broken link {href}"
        assert "solution" in page.read_text(encoding="utf-8")
