"""Each chapter's first chart is drawn at build time into its container (spacerace/engine/prerender.py)."""

import json
from pathlib import Path

import altair as alt
import nbformat
import pandas as pd

from spacerace import charts
from spacerace.engine import prerender


def chart_output(values: list[int]) -> dict:
    spec = alt.Chart(pd.DataFrame({"x": values, "y": values})).mark_bar().encode(x="x:O", y="y:Q").properties(description="bars").to_dict()
    bundle, _ = charts._book_renderer(spec)
    return nbformat.v4.new_output("display_data", data=bundle)


def notebook_with(*outputs: dict) -> nbformat.NotebookNode:
    notebook = nbformat.v4.new_notebook()
    notebook.cells = [nbformat.v4.new_code_cell("chart", outputs=[output]) for output in outputs]
    return notebook


def test_the_first_chart_is_drawn_into_its_container_and_the_others_are_left(tmp_path: Path) -> None:
    path = tmp_path / "chapter.ipynb"
    nbformat.write(notebook_with(chart_output([1, 2, 3]), chart_output([4, 5])), path)
    assert prerender.draw_first_chart(path, tmp_path / "drawings")
    assert len(list((tmp_path / "drawings").glob("*.svg"))) == 1  # kept for the next build
    cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
    first, second = ("".join(cell["outputs"][0]["data"]["text/html"]) for cell in cells)
    assert f'class="spacerace-chart" {prerender.MARK} role="img"' in first
    drawing = first[first.index("<svg") : first.index("</svg>")]
    assert drawing.count("<path") >= 3  # the three bars (and the axes)
    assert "aria-label" not in drawing  # no label per bar: the container names the chart
    assert prerender.MARK not in second and "<svg" not in second
    nbformat.validate(nbformat.read(path, as_version=4))


def test_a_chapter_without_a_chart_is_left_as_it_is(tmp_path: Path) -> None:
    path = tmp_path / "chapter.ipynb"
    nbformat.write(notebook_with(nbformat.v4.new_output("stream", text="no chart")), path)
    before = path.read_bytes()
    assert not prerender.draw_first_chart(path, tmp_path / "drawings")
    assert path.read_bytes() == before


def test_long_paths_are_rounded_to_the_pixel_and_short_ones_keep_tenths() -> None:
    svg = '<path d="M1.26,2.74' + "L3.35,4.45" * 60 + '"/><path d="M0.25,1.75A2.5,2.5,0,1,1,0,0Z"/>'
    rounded = prerender._DECIMALS.sub(r"\1", prerender._LONG_PATH.sub(prerender._whole_pixels, svg))
    assert rounded.startswith('<path d="M1,3L3,4L3,4')
    assert 'd="M0.2,1.7A2.5,2.5,0,1,1,0,0Z"' in rounded
