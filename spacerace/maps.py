"""World maps: the book's country boundaries and a choropleth that draws offline.

The boundaries (``data/geo/world.geojson``) are Natural Earth 1:110m countries, simplified, with
the properties ``iso_a3`` and ``name`` and **clockwise** outer rings (d3 and Vega read RFC 7946's
counter-clockwise rings as "the whole globe but the country" and fill the ocean); see
``data/geo/README.md``. Some borders are disputed; they are drawn as Natural Earth draws them.

:func:`choropleth` passes the geometry to the chart once, as the chart's own data, and looks the
values up by country code in the browser (``transform_lookup``). A page with one or two maps stays
well under a megabyte; for several views of the same map, add a parameter (a dropdown or a slider)
to one chart rather than drawing several charts.

Example
-------
>>> from spacerace import maps
>>> geo = maps.world()
>>> chart = maps.choropleth(  # doctest: +SKIP
...     geo, values, color="camp", domain=["Artemis only", "ILRS only", "both"],
...     colors=["#0072B2", "#D55E00", "#CC79A7"], missing="neither", tooltip=[("source_url", "source")],
... )
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

import altair as alt
import pandas as pd

from .data import record_read
from .paths import DATA_DIR

WORLD_PATH = DATA_DIR / "geo" / "world.geojson"
"""The book's country boundaries (Natural Earth 1:110m, simplified, clockwise rings)."""

NO_DATA_COLOR = "#d9d9d9"
"""A neutral light grey for countries with no value."""

STROKE_COLOR = "white"
"""Borders between countries."""


def world(path: str | Path | None = None) -> dict[str, Any]:
    """Load the country boundaries as a GeoJSON ``FeatureCollection`` (a plain dict).

    Parameters
    ----------
    path
        Another GeoJSON file with the same properties (default: ``data/geo/world.geojson``).

    Returns
    -------
    dict
        The feature collection; every feature has the properties ``iso_a3`` and ``name``.

    Raises
    ------
    FileNotFoundError
        If the file does not exist.
    ValueError
        If the file is not a GeoJSON feature collection, or a feature lacks ``iso_a3``.
    """
    source = Path(path) if path is not None else WORLD_PATH
    if not source.exists():
        raise FileNotFoundError(f"no boundaries file at {source}")
    record_read(source)
    try:
        collection = json.loads(source.read_text(encoding="utf-8"))
    except json.JSONDecodeError as error:
        raise ValueError(f"{source} is not valid JSON ({error.msg}, line {error.lineno})") from None
    if not isinstance(collection, dict) or collection.get("type") != "FeatureCollection":
        raise ValueError(f"{source} is not a GeoJSON FeatureCollection")
    for number, feature in enumerate(collection.get("features", []), start=1):
        if not feature.get("properties", {}).get("iso_a3"):
            raise ValueError(f"{source}: feature {number} has no 'iso_a3' property")
    return collection


def codes(geojson: Mapping[str, Any], key: str = "iso_a3") -> list[str]:
    """The country codes of the features, in file order."""
    return [feature["properties"][key] for feature in geojson["features"]]


def names(geojson: Mapping[str, Any], key: str = "iso_a3") -> dict[str, str]:
    """The ``name`` property of each feature, by code."""
    return {feature["properties"][key]: feature["properties"].get("name", "") for feature in geojson["features"]}


def without_shape(geojson: Mapping[str, Any], countries: Iterable[str], key: str = "iso_a3") -> list[str]:
    """The codes among ``countries`` that have no shape in the map (sorted, no repeats).

    Small states (Bahrain, Liechtenstein, Singapore) are absent at the 1:110m scale: list them
    beside the map so that no member goes unmentioned.
    """
    drawn = set(codes(geojson, key))
    return sorted({code for code in countries if code not in drawn})


def drop(geojson: Mapping[str, Any], countries: Iterable[str], key: str = "iso_a3") -> dict[str, Any]:
    """A copy of the collection without the features of ``countries`` (e.g. ``["ATA"]``)."""
    unwanted = set(countries)
    kept = [feature for feature in geojson["features"] if feature["properties"][key] not in unwanted]
    return {**geojson, "features": kept}


def _records(values: pd.DataFrame) -> list[dict[str, Any]]:
    """Rows as JSON-ready dicts: dates as ISO text, numpy scalars as Python ones.

    Missing values are left out of their row (the lookup then gives no value, which Vega's
    ``isValid`` treats like ``null``): a wide table with many empty cells stays small on the page.
    """
    rows = []
    for row in values.to_dict(orient="records"):
        clean: dict[str, Any] = {}
        for column, value in row.items():
            if value is None or (isinstance(value, float) and math.isnan(value)) or value is pd.NA or value is pd.NaT:
                continue
            elif isinstance(value, pd.Timestamp):
                clean[column] = value.date().isoformat()
            elif hasattr(value, "item"):  # numpy scalar
                clean[column] = value.item()
            else:
                clean[column] = value
        rows.append(clean)
    return rows


def _tooltip_expression(entries: Sequence[tuple[str, str]]) -> str:
    """A Vega expression for the tooltip: an object of title -> field, leaving out empty fields.

    The tooltip plug-in skips entries whose value is undefined, so an empty field is mapped to a
    field that no datum has (``datum[ABSENT]``) rather than shown as "null" or "undefined".
    """
    parts = []
    for title, field in entries:
        value = "datum" + "".join(f"[{json.dumps(part)}]" for part in field.split("."))
        parts.append(f"{json.dumps(title)}: isValid({value}) && {value} !== '' ? {value} : datum[{json.dumps(ABSENT)}]")
    return "{" + ", ".join(parts) + "}"


ABSENT = "__absent__"
"""A field name that no datum has (see :func:`_tooltip_expression`)."""


def choropleth(
    geojson: Mapping[str, Any],
    values: pd.DataFrame,
    key: str = "iso_a3",
    *,
    on: str = "country",
    color: str,
    domain: Sequence[str],
    colors: Sequence[str],
    missing: str = "no data",
    missing_color: str = NO_DATA_COLOR,
    tooltip: Sequence[str | tuple[str, str]] = (),
    calculate: Mapping[str, str] | None = None,
    params: Sequence[alt.Parameter] = (),
    legend_title: str | None = None,
    width: int = 640,
    height: int = 320,
) -> alt.Chart:
    """A world map whose countries are coloured by a category, drawn by Vega in the browser.

    The geometry is the chart's data (each GeoJSON feature is one datum); ``values`` is joined to
    it in the browser by ``transform_lookup`` from the feature property ``key`` to the column
    ``on``. Countries with no row in ``values``, or whose ``color`` is empty, are drawn in
    ``missing_color`` and labelled ``missing`` in the legend and tooltip.

    Parameters
    ----------
    geojson
        A feature collection with clockwise outer rings (from :func:`world`).
    values
        One row per country: the column ``on`` (codes as in ``key``) and the columns to show.
        Only the columns of ``values`` travel to the page: pass what the map needs. Empty cells
        are left out of the page.
    key
        The feature property holding the country code.
    on
        The column of ``values`` holding the code.
    color
        The field that colours a country: a column of ``values`` or a field made by ``calculate``.
    domain, colors
        The categories of ``color`` in legend order, and one colour for each.
    missing, missing_color
        The label and the colour of countries with no value (a neutral grey by default).
    tooltip
        Fields to show on hover after the country's name and its category: a field name (a
        column of ``values`` or a field of ``calculate``), or a pair ``(field, title)``. A field
        that is empty for a country is left out of that country's tooltip.
    calculate
        Vega expressions evaluated after the lookup and before the colour is chosen, by new field
        name (e.g. ``{"camp": "datum.year <= year ? 'member' : null"}``); they may use ``params``.
    params
        Parameters used by ``calculate`` (a slider, a dropdown), added to the chart.
    legend_title
        The legend's title (default: ``color``).
    width, height
        The size of the map in pixels.

    Returns
    -------
    altair.Chart
        A geoshape chart in the Equal Earth projection with white borders. Each country's
        accessible description (its ``aria-label``) reads "name: category". Finish it with
        :func:`spacerace.charts.finish`.

    Raises
    ------
    ValueError
        If ``on`` is not a column of ``values``, a code appears twice in ``values``, ``domain``
        and ``colors`` differ in length, or ``missing`` is also a category of ``domain``.
    """
    if on not in values.columns:
        raise ValueError(f"the values have no column {on!r} to join on (columns: {', '.join(map(str, values.columns))})")
    repeated = values[on][values[on].duplicated()].unique().tolist()
    if repeated:
        raise ValueError(f"each country must appear once in the values; repeated: {', '.join(map(str, repeated))}")
    if len(domain) != len(colors):
        raise ValueError(f"domain has {len(domain)} categories but colors has {len(colors)} colours")
    if missing in domain:
        raise ValueError(f"the label for missing values {missing!r} is already a category of domain")

    looked_up = [column for column in values.columns if column != on]
    features = [
        {"type": "Feature", "properties": {key: f["properties"][key], "name": f["properties"].get("name", "")}, "geometry": f["geometry"]}
        for f in geojson["features"]
    ]
    # The features go in as one JSON text that Vega parses: Altair then treats the geometry as a
    # single string instead of walking through every coordinate (seconds per chart otherwise).
    geometry = alt.Data(values=json.dumps(features, separators=(",", ":")), format=alt.DataFormat(type="json"))
    title = legend_title or color
    entries = [("country", "properties.name"), (title, "_shown")]
    entries += [(item, item) if isinstance(item, str) else (item[1], item[0]) for item in tooltip]
    chart = (
        alt.Chart(geometry)
        .mark_geoshape(stroke=STROKE_COLOR, strokeWidth=0.6, tooltip=alt.ExprRef(expr=_tooltip_expression(entries)))
        .transform_lookup(
            lookup=f"properties.{key}",
            from_=alt.LookupData(data=alt.Data(values=_records(values)), key=on, fields=looked_up),
        )
    )
    if params:
        chart = chart.add_params(*params)
    for field, expression in (calculate or {}).items():
        chart = chart.transform_calculate(**{field: expression})
    value = f"datum[{json.dumps(color)}]"
    chart = chart.transform_calculate(
        _shown=f"isValid({value}) && {value} !== '' ? {value} : {json.dumps(missing)}",
    ).transform_calculate(_description="datum.properties.name + ': ' + datum._shown")
    return (
        chart.encode(
            color=alt.Color(
                "_shown:N",
                title=title,
                scale=alt.Scale(domain=[*domain, missing], range=[*colors, missing_color]),
                legend=alt.Legend(orient="bottom", direction="horizontal"),
            ),
            description=alt.Description("_description:N"),
        )
        .project(type="equalEarth")
        .properties(width=width, height=height)
    )
