"""The book's one chart theme, and charts that draw with no network.

Importing this module registers and enables the Altair theme ``spacerace`` (colour-blind-safe
palette, type readable on a projector) and the renderer ``spacerace``. The renderer writes each
chart as a ``<div>`` and a few lines of script that call ``vegaEmbed``, which the book serves from its
own ``_static/spacerace-vega.js`` (see :mod:`spacerace.bundle`): no page asks a CDN for anything.

In a notebook, finish every chart with :func:`finish`, which adds the title, the source line and
the text description that screen readers announce.
"""

from __future__ import annotations

import hashlib
import html
import itertools
import json
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import pandas as pd

import altair as alt

PALETTE = ["#0072B2", "#D55E00", "#009E73", "#CC79A7", "#7A5195", "#000000", "#B97A00", "#882255", "#8C6D31", "#6B6B6B"]
"""Okabe & Ito's colour-blind-safe palette, adjusted so that every colour has at least 3:1 contrast on
white (WCAG 1.4.11). Their orange and sky blue fail that; darkened, the orange can no longer be told
from the vermillion, so the first six colours are six clearly different hues (blue, vermillion, green,
pink, purple, black) and the darkened orange, Paul Tol's wine, an ochre and a grey follow. Charts with
many categories also vary the shape (:data:`SHAPES`)."""

SHAPES = ["circle", "square", "triangle-up", "diamond", "cross", "triangle-down", "triangle-right", "triangle-left", "wedge", "stroke"]

FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif"
"""Fonts every reader's machine already has: the book loads no web fonts."""

SPEC_METADATA = "spacerace/vegalite"
"""Output metadata key holding a chart's Vega-Lite spec (for exporting images from an executed notebook)."""


@alt.theme.register("spacerace", enable=True)
def theme() -> alt.theme.ThemeConfig:
    """Readable on a projector: large type, thick marks, light grid, no chart border."""
    return {
        "config": {
            "font": FONT,
            "view": {"stroke": None, "continuousWidth": 640, "continuousHeight": 360},
            "title": {"fontSize": 20, "anchor": "start", "subtitleFontSize": 14, "subtitleColor": "#333333", "offset": 12},
            "axis": {"labelFontSize": 14, "labelLimit": 320, "titleFontSize": 15, "gridColor": "#e4e4e4", "labelColor": "#222222", "titleColor": "#222222"},
            "legend": {"labelFontSize": 14, "titleFontSize": 15, "labelLimit": 260},
            "header": {"labelFontSize": 14, "titleFontSize": 15},
            "range": {"category": PALETTE, "symbol": SHAPES},
            "point": {"size": 80, "filled": True},
            "line": {"strokeWidth": 3},
            "text": {"fontSize": 14},
        }
    }


def finish(chart: alt.TopLevelMixin, *, title: str, source: str, description: str, subtitle: str | None = None) -> alt.TopLevelMixin:
    """Give a chart its title, a source line under the title, and a text description.

    ``source`` names the data and, for money, the index and base year (for example
    ``"Sources: data/mission_costs.csv; prices: CPI, base year 2024"``). ``description`` is what a
    screen reader announces in place of the picture: say what the chart shows and its main finding.
    """
    lines = [line for line in (subtitle, source) if line]
    return chart.properties(title=alt.Title(title, subtitle=lines), description=description)


# --------------------------------------------------------------------------- offline rendering

_counter = itertools.count(1)


def chart_html(spec: dict[str, Any]) -> str:
    """The HTML for one chart: a container and a script that draws into it with ``vegaEmbed``.

    The container id is derived from the spec (and a counter, for two equal charts on one page),
    so that executing a notebook twice gives the same output.
    """
    payload = json.dumps(spec, sort_keys=True, separators=(",", ":"))
    digest = hashlib.sha256(payload.encode()).hexdigest()[:12]
    element = f"vis-{digest}-{next(_counter)}"
    label = html.escape(str(spec.get("description", "chart")), quote=True)
    # "</" must not close the script early when data holds it (a CSV cell with "</script>").
    payload = payload.replace("</", "<\\/")
    return (
        f'<div id="{element}" class="spacerace-chart" role="img" aria-label="{label}"></div>\n'
        "<script>\n"
        f"(function (spec, id) {{\n"
        "  function draw() {\n"
        "    if (typeof window.vegaEmbed !== 'function') {\n"
        "      document.getElementById(id).textContent = 'This chart needs the book page (or run the notebook in Jupyter) to draw.';\n"
        "      return;\n"
        "    }\n"
        "    window.vegaEmbed('#' + id, spec, {actions: false, renderer: 'svg'});\n"
        "  }\n"
        "  if (typeof window.vegaEmbed === 'function') { draw(); } else { window.addEventListener('load', draw); }\n"
        f"}})({payload}, {json.dumps(element)});\n"
        "</script>"
    )


def _renderer(spec: dict[str, Any], **_: Any) -> tuple[dict[str, Any], dict[str, Any]]:
    return {"text/html": chart_html(spec)}, {SPEC_METADATA: spec}


alt.renderers.register("spacerace", _renderer)
alt.renderers.enable("spacerace")


def save_images(spec: dict[str, Any], stem: Path, scale: float = 2.0) -> list[Path]:
    """Save a chart as SVG and PNG (``scale`` 2 gives about 1,300 pixels across, for a projector)."""
    import vl_convert

    stem = Path(stem)
    stem.parent.mkdir(parents=True, exist_ok=True)
    svg, png = stem.with_suffix(".svg"), stem.with_suffix(".png")
    svg.write_text(vl_convert.vegalite_to_svg(spec), encoding="utf-8")
    png.write_bytes(vl_convert.vegalite_to_png(spec, scale=scale))
    return [svg, png]


def specs_in(notebook: dict) -> list[dict[str, Any]]:
    """The Vega-Lite spec of every chart in an executed notebook, in order."""
    return [
        output["metadata"][SPEC_METADATA]
        for cell in notebook["cells"]
        if cell["cell_type"] == "code"
        for output in cell.get("outputs", [])
        if SPEC_METADATA in output.get("metadata", {})
    ]


def table(frame: "pd.DataFrame", **formats: str):
    """A table for readers: no index, every value HTML-escaped (a CSV cell holding ``<script>``
    shows as text), optional number formats by column (``table(df, cost="{:,.0f}")``)."""
    styler = frame.style.hide(axis="index").format(escape="html", na_rep="")
    for column, pattern in formats.items():
        styler = styler.format(pattern, subset=[column], escape="html", na_rep="")
    return styler
