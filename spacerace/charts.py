"""The book's one chart theme, one encoding per thing, and charts that draw with no network.

Importing this module registers and enables the Altair theme ``spacerace`` (colour-blind-safe
palette, type readable on a projector) and a renderer that fits where the notebook runs:

* In the book's build (the engine sets ``SPACERACE_BOOK``), each chart is a ``<div>`` and a few lines
  of script that call ``vegaEmbed``, which the book serves from its own static files on the pages
  that have a chart: no page asks a CDN for anything. Under each chart, buttons save its data as
  CSV (the rows drawn, columns titled with their units, the source on every row) and the chart as
  PNG and SVG. The output also carries the Vega-Lite spec under Altair's MIME type.
* In JupyterLab, VS Code or nteract, the spec goes out as the Vega-Lite MIME types those front ends
  draw themselves, offline; in Colab, as Altair's own HTML.

Colours and symbols: every country, agency, framework, camp and destination has one colour and
one symbol (:data:`STYLES`), used by :func:`color` and :func:`shape` in every chart and every rerun.

In a notebook, finish every chart with :func:`finish`, which adds the title, the source line and
the text description that screen readers announce.
"""

from __future__ import annotations

import hashlib
import html
import itertools
import json
import os
import sys
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import pandas as pd

import altair as alt

from .paths import BOOK_ENV

PALETTE = ["#0072B2", "#D55E00", "#009E73", "#CC79A7", "#7A5195", "#000000", "#B97A00", "#882255", "#8C6D31", "#6B6B6B"]
"""Okabe & Ito's colour-blind-safe palette, adjusted so that every colour has at least 3:1 contrast on
white (WCAG 1.4.11). Their orange and sky blue fail that; darkened, the orange can no longer be told
from the vermillion, so the first six colours are six clearly different hues (blue, vermillion, green,
pink, purple, black) and the darkened orange, Paul Tol's wine, an ochre and a grey follow. Charts with
many categories also vary the shape (:data:`SHAPES`)."""

SHAPES = ["circle", "square", "triangle-up", "diamond", "cross", "triangle-down", "triangle-right", "triangle-left", "wedge", "stroke"]

FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif"
"""Fonts every reader's machine already has: the book loads no web fonts."""



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


# --------------------------------------------------------------------------- one encoding per thing

STAR = "M0,-1.3L0.31,-0.43L1.24,-0.4L0.49,0.16L0.77,1.05L0,0.52L-0.77,1.05L-0.49,0.16L-1.24,-0.4L-0.31,-0.43Z"
HEXAGON = "M0,-1.05L0.91,-0.53L0.91,0.53L0,1.05L-0.91,0.53L-0.91,-0.53Z"
"""Two filled symbols beyond Vega's own (Vega draws an SVG path as a symbol). The star reaches
further than Vega's shapes so that its area, and so its weight on the page, matches theirs."""


@dataclass(frozen=True)
class Style:
    """How one thing is drawn wherever it appears: a colour (3:1 or more on white) and a filled symbol."""

    colour: str
    shape: str


_BLUE, _VERMILLION, _GREEN, _PINK, _PURPLE, _BLACK, _ORANGE, _WINE, _OCHRE, _GREY = PALETTE

STYLES: dict[str, dict[str, Style]] = {
    # Countries and the two multinational actors of the data (by ISO alpha-3 code).
    "country": {
        "USA": Style(_BLUE, "circle"),
        "CHN": Style(_VERMILLION, "square"),
        "IND": Style(_GREEN, "triangle-up"),
        "JPN": Style(_PINK, "diamond"),
        "SUN": Style(_PURPLE, "triangle-down"),
        "RUS": Style(_PURPLE, "triangle-left"),
        "ESA": Style(_BLACK, "cross"),
        "KOR": Style(_ORANGE, "triangle-right"),
        "ARE": Style(_WINE, STAR),
        "ISR": Style(_OCHRE, HEXAGON),
        "FRA": Style("#332288", "square"),
        "DEU": Style("#117733", "diamond"),
        "ITA": Style("#44AA99", "circle"),
        "GBR": Style("#AA4499", "triangle-up"),
    },
    "destination": {
        "Moon": Style(_GREY, "circle"),
        "Mars": Style(_VERMILLION, "square"),
        "Venus": Style(_ORANGE, "triangle-up"),
        "Mercury": Style(_OCHRE, "triangle-down"),
        "Sun": Style(_WINE, STAR),
        "Jupiter": Style(_PURPLE, "diamond"),
        "Saturn": Style(_PINK, "triangle-right"),
        "Asteroid": Style(_GREEN, "triangle-left"),
        "Comet": Style(_BLUE, HEXAGON),
        "Outer solar system": Style(_BLACK, "cross"),
    },
    "framework": {
        "artemis": Style(_BLUE, "circle"),
        "ilrs": Style(_VERMILLION, "square"),
        "apsco": Style(_GREEN, "triangle-up"),
        "quad": Style(_PINK, "diamond"),
        "esa": Style(_BLACK, "cross"),
    },
    "verdict": {
        "supported": Style(_GREEN, "circle"),
        "partly supported": Style(_ORANGE, "diamond"),
        "contradicted": Style(_VERMILLION, "square"),
        "unverifiable": Style(_GREY, "triangle-up"),
    },
    "component": {
        "spacecraft": Style(_BLUE, "square"),
        "launch": Style(_VERMILLION, "triangle-up"),
        "operations": Style(_GREEN, "circle"),
        "spacecraft + launch": Style(_PURPLE, "diamond"),
    },
    "camp": {
        "Artemis only": Style(_BLUE, "circle"),
        "ILRS only": Style(_VERMILLION, "square"),
        "both": Style(_PURPLE, "diamond"),
        "neither": Style("#bdbdbd", "circle"),
    },
    # The launch record: a flight's outcome, who launched it, what it carried, which constellation.
    "outcome": {"success": Style(_GREEN, "circle"), "failure": Style(_VERMILLION, "cross")},
    "operator": {"government": Style(_BLUE, "square"), "commercial": Style(_ORANGE, "circle")},
    "payload": {
        "civil": Style(_GREEN, "circle"),
        "military": Style(_WINE, "square"),
        "commercial": Style(_ORANGE, "diamond"),
        "mixed": Style(_PURPLE, "triangle-up"),
        "unknown": Style("#9a9a9a", "cross"),
    },
    "constellation": {
        "Starlink": Style("#444444", "circle"),
        "OneWeb": Style(_WINE, "square"),
        "Kuiper": Style(_ORANGE, "diamond"),
        "other constellations": Style("#9a9a9a", "cross"),
    },
}
"""Every colour and symbol of the book, by kind of thing. Agencies take their country's style
(:data:`AGENCY_COUNTRY`); a value the table does not know (a student's own country, say) gets a
style chosen from its name, the same in every chart and every run."""

AGENCY_COUNTRY: dict[str, str] = {
    "NASA": "USA", "CNSA": "CHN", "CMSA": "CHN", "ISRO": "IND", "JAXA": "JPN", "ISAS": "JPN", "ESA": "ESA",
    "Roscosmos": "RUS", "KARI": "KOR", "KASA": "KOR", "MBRSC": "ARE", "UAESA": "ARE", "ISA": "ISR", "SpaceIL": "ISR",
}

_FRAMEWORK_LABELS = {
    "Artemis Accords": "artemis", "International Lunar Research Station": "ilrs", "ILRS": "ilrs", "APSCO": "apsco",
    "Asia-Pacific Space Cooperation Organization": "apsco", "Quad": "quad", "the Quad": "quad", "European Space Agency": "esa",
}
_FALLBACK_COLOURS = ("#332288", "#117733", "#44AA99", "#999933", "#AA4499", "#6699CC", "#661100", "#888888")
_FALLBACK_SHAPES = ("circle", "square", "diamond", "triangle-up", "triangle-down", "cross", "triangle-right", "triangle-left")


def _key(kind: str, value: str) -> str:
    """The key of ``value`` in :data:`STYLES`: codes, names and agency names all lead to it."""
    if kind == "agency":
        return AGENCY_COUNTRY.get(value, value)
    if kind == "country" and value not in STYLES["country"]:
        from .countries import EXTRA_ACTORS, actor_name

        by_name = {actor_name(code): code for code in STYLES["country"]} | {n: c for c, n in EXTRA_ACTORS.items()}
        by_name |= {"United States": "USA", "Russia": "RUS", "South Korea": "KOR", "Europe": "ESA", "China": "CHN"}
        return by_name.get(value, value)
    if kind == "framework":
        return _FRAMEWORK_LABELS.get(value, value.lower())
    return value


def style(kind: str, value: str) -> Style:
    """The colour and symbol of one thing (``style("country", "India")``, ``style("agency", "ISRO")``,
    ``style("destination", "Moon")``); the same in every chart."""
    table = STYLES["country" if kind == "agency" else kind]
    key = _key(kind, str(value))
    if key in table:
        return table[key]
    number = int(hashlib.sha256(f"{kind}:{value}".encode()).hexdigest(), 16)
    return Style(_FALLBACK_COLOURS[number % len(_FALLBACK_COLOURS)], _FALLBACK_SHAPES[number // 8 % len(_FALLBACK_SHAPES)])


def _domain(values: Iterable[Any]) -> list[str]:
    return list(dict.fromkeys(str(v) for v in values if v is not None and v == v))  # keeps order, drops NaN


def color(field: str, kind: str, values: Iterable[Any], **options: Any) -> alt.Color:
    """``alt.Color`` for ``field`` with the book's colour of each value in ``values`` (the values the
    chart draws, in legend order): a legend lists exactly what is drawn, always in the same colours."""
    domain = _domain(values)
    return alt.Color(field, scale=alt.Scale(domain=domain, range=[style(kind, v).colour for v in domain]), **options)


def shape(field: str, kind: str, values: Iterable[Any], **options: Any) -> alt.Shape:
    """``alt.Shape`` for ``field`` with the book's symbol of each value in ``values``."""
    domain = _domain(values)
    return alt.Shape(field, scale=alt.Scale(domain=domain, range=[style(kind, v).shape for v in domain]), **options)


# --------------------------------------------------------------------------- rendering

VEGALITE_MIME = "application/vnd.vegalite.v6+json"
"""The chart's own Vega-Lite 6 spec. (Altair 6 names its type ``application/vnd.vegalite.v6.json``,
which nbformat refuses to hold as JSON: a type that holds JSON must end in ``+json``.)"""

VEGALITE5_MIME = "application/vnd.vegalite.v5+json"
"""The Vega-Lite type that JupyterLab, VS Code and nteract draw with their own bundled Vega."""

_counter = itertools.count(1)
_carried: set[str] = set()
"""Digests of the large datasets that the charts of this page carry already (a chapter is one
page, executed once from top to bottom)."""
SHARED_SIZE = 10_000
"""A dataset at least this large (as JSON) that an earlier chart of the page carries is not sent
again: the page draws the later chart with the earlier one's rows (two maps, one set of borders)."""


def csv_plan(spec: dict[str, Any]) -> dict[str, Any]:
    """What the chart's "Data (CSV)" button writes: the dataset the chart draws, each column titled as
    the chart titles it (axis titles carry the units), and the chart's source line for every row."""
    datasets = spec.get("datasets", {})
    names = [spec.get("data", {}).get("name")] + [layer.get("data", {}).get("name") for layer in _views(spec)]
    name = next((n for n in names if n in datasets), max(datasets, key=lambda n: len(datasets[n]), default=None))
    if name is not None and any(isinstance(row, dict) and "geometry" in row for row in datasets[name][:1]):
        # A map: its rows are borders; what it shows comes from the table joined to them.
        name = next((n for n in _lookup_tables(spec) if n in datasets), name)
    titles: dict[str, str] = {}
    for view in [spec, *_views(spec)]:
        for channel in (view.get("encoding") or {}).values():
            for definition in channel if isinstance(channel, list) else [channel]:
                if isinstance(definition, dict) and isinstance(definition.get("field"), str) and isinstance(definition.get("title"), str):
                    titles.setdefault(definition["field"], definition["title"])
    title = spec.get("title") or {}
    subtitle = title.get("subtitle", []) if isinstance(title, dict) else []
    lines = [subtitle] if isinstance(subtitle, str) else list(subtitle)
    source = next((line for line in lines if line.lower().startswith("source")), " ".join(lines))
    text = title.get("text", "") if isinstance(title, dict) else str(title)
    return {"dataset": name, "titles": titles, "source": source, "file": _file_name(text)}


def _lookup_tables(spec: dict[str, Any]) -> list[str]:
    """The names of the datasets that the spec's ``lookup`` transforms join to its rows."""
    found = []
    for view in [spec, *_views(spec)]:
        for transform in view.get("transform", []) or []:
            source = transform.get("from", {}).get("data") if "lookup" in transform else None
            if isinstance(source, dict) and source.get("name"):
                found.append(source["name"])
    return found


def _views(spec: dict[str, Any]) -> list[dict[str, Any]]:
    """Every view nested in a layered or concatenated spec."""
    found = []
    for key in ("layer", "hconcat", "vconcat", "concat"):
        for view in spec.get(key, []) or []:
            found += [view, *_views(view)]
    if isinstance(spec.get("spec"), dict):
        found += [spec["spec"], *_views(spec["spec"])]
    return found


def _file_name(title: Any) -> str:
    text = " ".join(title) if isinstance(title, list) else str(title or "chart")
    return "-".join("".join(c if c.isalnum() else " " for c in text.lower()).split())[:60] or "chart"


def chart_html(spec: dict[str, Any]) -> str:
    """The HTML for one chart in the book: a container, and a script that draws into it with the
    book's ``spaceraceChart`` (Vega-Embed, then the download buttons) once the page is parsed: the
    chart library loads deferred, so the text of the page shows before any chart is drawn.

    The container id is derived from the spec (and a counter, for two equal charts on one page),
    so that executing a notebook twice gives the same output.
    """
    payload = json.dumps(spec, sort_keys=True, separators=(",", ":"))
    digest = hashlib.sha256(payload.encode()).hexdigest()[:12]
    element = f"vis-{digest}-{next(_counter)}"
    label = html.escape(str(spec.get("description", "chart")), quote=True)
    spec, shared = _without_carried_datasets(spec)
    plan = json.dumps({**csv_plan(spec), "shared": shared}, sort_keys=True, separators=(",", ":"))
    payload = json.dumps(_by_columns(spec), sort_keys=True, separators=(",", ":"))
    # "</" must not close the script early when data holds it (a CSV cell with "</script>").
    payload, plan = payload.replace("</", "<\\/"), plan.replace("</", "<\\/")
    return (
        f'<figure class="spacerace-figure"><div id="{element}" class="spacerace-chart" role="img" aria-label="{label}"></div></figure>\n'
        "<script>\n"
        f"(function (spec, plan, id) {{\n"
        "  function draw() {\n"
        "    if (typeof window.spaceraceChart !== 'function') {\n"
        "      document.getElementById(id).textContent = 'This chart draws on the book\\'s pages; in Jupyter, run the notebook.';\n"
        "      return;\n"
        "    }\n"
        "    window.spaceraceChart(id, spec, plan);\n"
        "  }\n"
        "  if (document.readyState === 'loading') { document.addEventListener('DOMContentLoaded', draw); } else { draw(); }\n"
        f"}})({payload}, {plan}, {json.dumps(element)});\n"
        "</script>"
    )


def _without_carried_datasets(spec: dict[str, Any]) -> tuple[dict[str, Any], dict[str, str]]:
    """The spec without the large datasets an earlier chart of the page carries, and the digest of
    every large dataset by name (the page fills in the missing ones, ``spaceraceChart``)."""
    datasets = spec.get("datasets") or {}
    texts = {name: json.dumps(rows, sort_keys=True, separators=(",", ":")) for name, rows in datasets.items()}
    shared = {name: hashlib.sha256(text.encode()).hexdigest()[:16] for name, text in texts.items() if len(text) >= SHARED_SIZE}
    kept = {name: rows for name, rows in datasets.items() if shared.get(name) not in _carried}
    _carried.update(shared.values())
    return ({**spec, "datasets": kept} if datasets else spec), shared


def _by_columns(spec: dict[str, Any]) -> dict[str, Any]:
    """The spec with each table-like dataset (rows of the same plain fields) written as its column
    names once and a list of values per row, about a third lighter than repeating every name in
    every row; the page turns them back into rows before drawing (``spaceraceChart``)."""
    datasets = spec.get("datasets")
    if not datasets:
        return spec
    written = {}
    for name, rows in datasets.items():
        columns = list(rows[0]) if rows and isinstance(rows[0], dict) else []
        flat = columns and all(
            isinstance(row, dict) and list(row) == columns and not any(isinstance(v, (dict, list)) for v in row.values()) for row in rows
        )
        written[name] = {"columns": columns, "rows": [list(row.values()) for row in rows]} if flat else rows
    return {**spec, "datasets": written}


def for_jupyter(spec: dict[str, Any]) -> dict[str, Any]:
    """The spec as the Vega-Lite 5 MIME bundle that Jupyter front ends draw themselves."""
    return {VEGALITE5_MIME: {**spec, "$schema": "https://vega.github.io/schema/vega-lite/v5.json"}, VEGALITE_MIME: spec, "text/plain": _plain(spec)}


def _plain(spec: dict[str, Any]) -> str:
    title = spec.get("title") or {}
    text = title.get("text", "") if isinstance(title, dict) else title
    return f"<chart: {' '.join(text) if isinstance(text, list) else text}>"


GEOJSON_KEYS = frozenset({"type", "geometry", "properties", "id", "bbox"})
"""Keys a geoshape mark reads from its rows without naming them."""


def drawn_columns_only(spec: dict[str, Any]) -> dict[str, Any]:
    """The spec with, in each inline dataset, only the columns that the rest of the spec names
    (encodings, tooltips, transforms, expressions such as ``datum.year``) and each row's source
    addresses: a page carries what its charts draw and show, and its CSV download is exactly that,
    with its sources. A dataset that a view shows whole
    (``tooltip: true``) is kept whole. Jupyter front ends get the full spec (:func:`for_jupyter`)."""
    datasets = spec.get("datasets")
    if not datasets:
        return spec
    rest = json.dumps({key: value for key, value in spec.items() if key != "datasets"})
    if '"tooltip": true' in rest:
        return spec

    def named(column: str) -> bool:
        quoted = json.dumps(column)
        is_source = column.endswith("source_url") or column == "sources"
        return is_source or column in GEOJSON_KEYS or any(form in rest for form in (quoted, json.dumps(quoted)[1:-1], f"'{column}'", f"datum.{column}"))

    kept = {}
    for name, rows in datasets.items():
        columns = {column for row in rows if isinstance(row, dict) for column in row}
        drop = {column for column in columns if not named(column)}
        kept[name] = [{k: v for k, v in row.items() if k not in drop} if isinstance(row, dict) else row for row in rows]
    return {**spec, "datasets": kept}


def _book_renderer(spec: dict[str, Any], **_: Any) -> tuple[dict[str, Any], dict[str, Any]]:
    return {"text/html": chart_html(drawn_columns_only(spec)), **for_jupyter(spec)}, {}


def _jupyter_renderer(spec: dict[str, Any], **_: Any) -> dict[str, Any]:
    return for_jupyter(spec)


alt.renderers.register("spacerace", _book_renderer)
alt.renderers.register("spacerace-jupyter", _jupyter_renderer)
if os.environ.get(BOOK_ENV):
    alt.renderers.enable("spacerace")
elif "google.colab" in sys.modules:
    alt.renderers.enable("colab")  # Colab draws neither Vega-Lite type: Altair's HTML, from a CDN
else:
    alt.renderers.enable("spacerace-jupyter")


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
        output["data"][VEGALITE_MIME]
        for cell in notebook["cells"]
        if cell["cell_type"] == "code"
        for output in cell.get("outputs", [])
        if VEGALITE_MIME in output.get("data", {})
    ]


def table(frame: "pd.DataFrame", nowrap: Iterable[str] = (), css_class: str = "", **formats: str):
    """A table for readers: no index, every value HTML-escaped (a CSV cell holding ``<script>``
    shows as text), optional number formats by column (``table(df, cost="{:,.0f}")``), and an extra
    ``css_class`` for a table the book's stylesheet lays out on its own (the parameters).

    Number columns (and those named in ``formats``) are right-aligned and never wrap; the columns
    named in ``nowrap`` (money as stated, say "INR 6,150 million (2020)") stay on one line too.
    """
    import pandas as pd

    numbers = [c for c in frame.columns if pd.api.types.is_numeric_dtype(frame[c]) and not pd.api.types.is_bool_dtype(frame[c])]
    numbers += [c for c in formats if c not in numbers]
    classes = pd.DataFrame("", index=frame.index, columns=frame.columns)
    for column in frame.columns:
        if column in numbers:
            classes[column] = "number"
        elif column in set(nowrap):
            classes[column] = "nowrap"
    styler = frame.style.hide(axis="index").format(escape="html", na_rep="").set_td_classes(classes)
    styler = styler.set_table_attributes(f'class="{" ".join(["dataframe", "spacerace-table", *css_class.split()])}"')
    # The same table gives the same HTML in every run (the Styler's default id is random).
    styler = styler.set_uuid(hashlib.sha256(frame.to_json().encode()).hexdigest()[:8])
    styler = styler.set_table_styles({c: [{"selector": "th", "props": "text-align: right"}] for c in numbers}, overwrite=False)
    for column, pattern in formats.items():
        styler = styler.format(pattern, subset=[column], escape="html", na_rep="")
    return styler
