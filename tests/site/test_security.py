"""Values from the data reach the pages as text, never as markup or code.

A copy of the project whose CSV cells hold ``<script>`` and ``<img onerror>`` is built; its pages
must show those cells as text (escaped), run none of them (no dialog in Chromium, also when a chart's
tooltip opens), and a chart's JSON must not close its ``<script>`` early. Parameter values reach
the notebook as literals, never as code (the command line's refusals are in tests/unit/test_bad_inputs.py).
"""

from __future__ import annotations

import ast
import csv
import io
import json
import shutil
from html.parser import HTMLParser
from pathlib import Path

import pytest

from browsing import CHARTS_DRAWN, chromium  # noqa: F401  (chromium is a fixture)
from conftest import run_build, serve

from spacerace.charts import chart_html
from spacerace.paths import ROOT

SCRIPT = '<script>alert("script in a cell")</script>'
IMAGE = '<img src=x onerror=alert("image in a cell")>'
BREAKOUT = '</script><script>alert("out of the chart")</script>'

HOSTILE_CELLS = [
    # (dataset, key column, key, column, text put before the cell's value)
    ("missions", "mission_id", "chandrayaan-3", "name", SCRIPT),
    ("missions", "mission_id", "mars-2020", "name", IMAGE),
    ("missions", "mission_id", "change-4", "name", BREAKOUT),
    ("claims", "claim_id", "hen-01", "paraphrase", SCRIPT),
    ("claims", "claim_id", "hen-02", "paraphrase", IMAGE),
    ("claims", "claim_id", "hen-01", "source_note", IMAGE),
    ("milestones", "event_id", "sun-sputnik-1", "title", BREAKOUT),
]


def poison(project: Path) -> None:
    """Put the hostile texts into the copy's CSV files (quoted properly: the files stay valid)."""
    for dataset in sorted({cell[0] for cell in HOSTILE_CELLS}):
        path = project / "data" / f"{dataset}.csv"
        rows = list(csv.DictReader(io.StringIO(path.read_text(encoding="utf-8"))))
        for name, key_column, key, column, text in HOSTILE_CELLS:
            if name != dataset:
                continue
            matches = [row for row in rows if row[key_column] == key]
            assert matches, f"{dataset}.csv has no {key_column} {key!r}: update HOSTILE_CELLS"
            matches[0][column] = f"{text} {matches[0][column]}"
        out = io.StringIO()
        writer = csv.DictWriter(out, fieldnames=list(rows[0]), lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
        path.write_text(out.getvalue(), encoding="utf-8")


@pytest.fixture(scope="module")
def hostile_site(project_copy: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The book built from data that holds markup and script (a copy of the built project: only the
    chapters that read the poisoned files run again)."""
    project = tmp_path_factory.mktemp("hostile") / "book"
    shutil.copytree(project_copy, project, symlinks=True)
    poison(project)
    result = run_build(project)
    if result.returncode != 0 and "Kernel died before replying to kernel_info" in result.stderr:
        # jupyter_client picks a free port and the kernel binds it a moment later; another process
        # can take it in between ("Address already in use"). Not what this test is about: try again.
        result = run_build(project)
    assert result.returncode == 0, result.stdout + result.stderr
    return project / "_build" / "html"


class Elements(HTMLParser):
    """Every start tag with its attributes, and the text of each inline script."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.scripts: list[str] = []
        self._in_script = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))
        self._in_script = tag == "script"
        if self._in_script:
            self.scripts.append("")

    def handle_endtag(self, tag: str) -> None:
        self._in_script = False

    def handle_data(self, data: str) -> None:
        if self._in_script:
            self.scripts[-1] += data


def chapter_pages(site: Path) -> list[Path]:
    return sorted(p for p in site.resolve().joinpath("book").rglob("*.html"))


def test_cells_with_markup_are_escaped_in_every_page(hostile_site: Path) -> None:
    shown = ""
    for page in chapter_pages(hostile_site):
        html = page.read_text(encoding="utf-8")
        parser = Elements()
        parser.feed(html)
        assert not [a for _, a in parser.tags if "onerror" in a], f"{page.name}: an element with onerror"
        assert not [a for t, a in parser.tags if t == "img" and a.get("src") == "x"], f"{page.name}: the cell's <img> became an element"
        for script in parser.scripts:
            assert not script.lstrip().startswith("alert("), f"{page.name}: a cell became a script"
        assert SCRIPT not in html and IMAGE not in html, f"{page.name}: a cell's markup is in the page unescaped"
        shown += html
    # The texts are on the pages, escaped (tables, prose, the claim ledger).
    assert "&lt;script&gt;alert(" in shown
    assert "&lt;img src=x onerror=alert(" in shown


def test_no_page_built_from_hostile_data_runs_it_in_the_browser(hostile_site: Path, chromium) -> None:
    server, url = serve(hostile_site)
    tooltips = 0
    try:
        for page_path in chapter_pages(hostile_site):
            relative = page_path.relative_to(hostile_site.resolve()).as_posix()
            page = chromium.new_page(viewport={"width": 1280, "height": 900})
            dialogs: list[str] = []
            errors: list[str] = []
            page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
            page.on("pageerror", lambda error: errors.append(str(error)))
            page.goto(f"{url}/{relative}", wait_until="load")
            page.wait_for_function(CHARTS_DRAWN, timeout=20_000)
            # Open the tooltip of marks that carry a hostile text (Vega labels each mark for screen
            # readers with its values); events on the mark itself pick that mark, not its neighbour.
            marks = page.locator('.spacerace-chart path[aria-label*="alert("]')
            for index in range(min(marks.count(), 6)):
                for event in ("pointerover", "pointermove", "mouseover", "mousemove"):
                    marks.nth(index).dispatch_event(event, {"bubbles": True, "clientX": 10, "clientY": 10})
                tooltip = page.locator("#vg-tooltip-element")
                if tooltip.count() and "alert(" in tooltip.inner_text():
                    tooltips += 1
                    assert tooltip.locator("img, script").count() == 0
                    assert "&lt;" in tooltip.inner_html()
            assert dialogs == [], f"{relative}: {dialogs}"
            assert errors == [], f"{relative}: {errors}"
            assert page.locator('img[src="x"]').count() == 0, f"{relative}: a cell became an <img>"
            page.close()
    finally:
        server.shutdown()
    assert tooltips >= 3, "the hostile texts should show in several chart tooltips"


def test_the_hostile_texts_are_shown_as_text(hostile_site: Path, chromium) -> None:
    server, url = serve(hostile_site)
    try:
        page = chromium.new_page()
        page.goto(f"{url}/book/claims/claims.html", wait_until="load")
        text = page.evaluate("document.body.textContent")
        assert SCRIPT in text and IMAGE in text
        page.close()
    finally:
        server.shutdown()


# --------------------------------------------------------------------------- a chart's JSON in its <script>


def test_a_chart_spec_holding_a_closing_script_tag_stays_inside_its_script(chromium) -> None:
    spec = {
        "$schema": "https://vega.github.io/schema/vega-lite/v5.json",
        "description": f'A chart whose description holds {BREAKOUT} and "quotes" & <b>tags</b>',
        "data": {"values": [{"name": BREAKOUT, "note": IMAGE, "x": 1}]},
        "mark": "bar",
        "encoding": {"x": {"field": "x", "type": "quantitative"}, "y": {"field": "name", "type": "nominal"}},
    }
    html = chart_html(spec)
    parser = Elements()
    parser.feed(html)
    assert [tag for tag, _ in parser.tags if tag == "script"] == ["script"], "one script, not two"
    assert html.count("</script>") == 1
    assert not [a for _, a in parser.tags if "onerror" in a]

    page = chromium.new_page()
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    # A stand-in for the book's chart library that keeps the spec it receives.
    page.set_content("<script>window.spaceraceChart = (id, spec) => { window.received = spec; }</script>" + html)
    received = page.evaluate("window.received")
    label = page.locator(".spacerace-chart").get_attribute("aria-label")
    page.close()
    assert dialogs == []
    assert received == json.loads(json.dumps(spec)), "the spec arrives intact"
    assert label == spec["description"], "the description is the accessible name, as text"


# --------------------------------------------------------------------------- parameters are literals


@pytest.mark.parametrize(
    "value",
    [
        "__import__('os').system('touch PWNED')",
        "'; import os; os.system('touch PWNED'); '",
        '"""\nimport os\n"""',
        "\\'); exec('1/0') #",
        "line one\nline two = 3",
    ],
)
def test_a_text_parameter_reaches_the_notebook_as_a_literal(value: str) -> None:
    """papermill writes parameters into a code cell: whatever the text, that cell only assigns it."""
    from papermill.iorw import load_notebook_node
    from papermill.parameterize import parameterize_notebook

    from spacerace.params import resolve

    chapter = ROOT / "book" / "costs" / "costs.ipynb"
    checked = resolve(chapter, {}, {"agencies": [value, "ISRO"]})  # free text: no list of choices
    notebook = parameterize_notebook(load_notebook_node(str(chapter)), checked, kernel_name="python3", language="python")
    injected = next(c for c in notebook.cells if "injected-parameters" in c.metadata.get("tags", []))
    statements = ast.parse(injected.source).body
    assert statements and all(isinstance(s, ast.Assign) for s in statements)
    namespace: dict = {}
    for statement in statements:
        assert [t.id for t in statement.targets] == ["agencies"]
        namespace["agencies"] = ast.literal_eval(statement.value)  # a literal, or this raises
    assert namespace["agencies"] == [value, "ISRO"]
