"""Each chapter's first chart, drawn at build time, so that a reader sees it before the chart
library has arrived.

On a phone the chart library (Vega, 0.9 MB) takes a second or more to arrive and as long again to
start; a chapter's first chart would wait for both. The build therefore draws the first chart of
every executed chapter as SVG with ``vl_convert`` (the same Vega that the pages run) and puts the
drawing inside the chart's container. When the library has arrived, the page draws the chart again,
interactive, and swaps it in (``spacerace/engine/charts.js``).

Only the first chart: it is the one a reader meets first, and each drawing adds its weight to the
page. Drawings are kept in the build's cache by their spec, so a chart that a re-run chapter draws
again unchanged is not drawn twice.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from .cache import fingerprint
from .files import kept_text

MARK = "data-prerendered"
"""The attribute of a chart container that holds a drawing made at build time."""

_CONTAINER = re.compile(r'<div id="(vis-[0-9a-f]+-\d+)" class="spacerace-chart"([^>]*)></div>')
_DECIMALS = re.compile(r"(\d+\.\d)\d+")
_LONG_PATH = re.compile(r' d="([^"]{400,})"')
_NUMBER = re.compile(r"-?\d+\.\d+")


def first_chart(notebook: dict[str, Any]) -> tuple[dict[str, Any], dict[str, Any]] | None:
    """The first chart output of an executed notebook and its Vega-Lite spec, or ``None``."""
    from ..charts import VEGALITE5_MIME  # here: Altair's import is not for builds that run nothing

    for cell in notebook.get("cells", []):
        for output in cell.get("outputs", []) if cell.get("cell_type") == "code" else []:
            data = output.get("data", {})
            page = "".join(data.get("text/html", ""))
            if VEGALITE5_MIME in data and _CONTAINER.search(page):
                return output, data[VEGALITE5_MIME]
    return None


def drawing(spec: dict[str, Any], folder: Path) -> str:
    """The chart as SVG, long paths to the pixel and other numbers to a tenth; from ``folder`` when
    this version of ``vl_convert`` drew it before. Without ARIA attributes: the container names the
    chart for screen readers (``role="img"``), and the interactive chart replaces the drawing."""
    import vl_convert

    spec = {**spec, "config": {**spec.get("config", {}), "aria": False}}
    text = json.dumps(spec, sort_keys=True)
    kept = Path(folder) / f"{fingerprint(vl_convert.__version__, text)}.svg"
    return kept_text(kept, lambda: _DECIMALS.sub(r"\1", _LONG_PATH.sub(_whole_pixels, vl_convert.vegalite_to_svg(spec))))


def _whole_pixels(path: re.Match[str]) -> str:
    """A long path's coordinates to the whole pixel: outlines of countries and areas, most of a
    map's size (short paths, such as symbols, keep their tenths)."""
    return ' d="' + _NUMBER.sub(lambda number: str(round(float(number.group()))), path.group(1)) + '"'


def with_drawing(page: str, svg: str) -> str:
    """A chart output's HTML with ``svg`` inside its (empty) container, marked as drawn at build time."""
    return _CONTAINER.sub(lambda m: f'<div id="{m.group(1)}" class="spacerace-chart" {MARK}{m.group(2)}>{svg}</div>', page, count=1)


def draw_first_chart(path: Path, folder: Path) -> bool:
    """Put the drawing of the first chart into the executed notebook at ``path`` (drawings kept in
    ``folder``); ``False`` if it has no chart. A chart that ``vl_convert`` cannot draw is left to
    the browser."""
    notebook = json.loads(path.read_text(encoding="utf-8"))
    found = first_chart(notebook)
    if found is None:
        return False
    output, spec = found
    try:
        svg = drawing(spec, folder)
    except Exception:  # the browser draws it as it draws every other chart
        return False
    page = "".join(output["data"]["text/html"])
    output["data"]["text/html"] = with_drawing(page, svg)
    path.write_text(json.dumps(notebook, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    return True

