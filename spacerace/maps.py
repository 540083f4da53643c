"""World maps with geopandas and Altair: the book's boundaries as a GeoDataFrame.

A map in this book is three steps a student already knows::

    world = maps.world_frame()                                 # geopandas reads the boundaries
    joined = world.merge(values, left_on="iso_a3", right_on="country", how="left")   # pandas joins
    alt.Chart(joined).mark_geoshape().encode(color="camp:N").project("equalEarth")     # Altair draws

This module keeps only what geopandas and Altair do not already do:

* :func:`world_frame` reads ``data/geo/world.geojson`` (Natural Earth 1:110m countries, simplified,
  with the properties ``iso_a3`` and ``name``), notes the read for the build's cache, and leaves
  Antarctica out (it belongs to no framework and takes a fifth of the map);
* :func:`clockwise` turns every outer ring clockwise. d3 and Vega, which draw Altair's maps, read
  RFC 7946's counter-clockwise rings as "the whole globe but the country" and fill the ocean; the
  committed boundaries are already clockwise (see ``data/geo/README.md``), but a GeoDataFrame of
  your own (or one that shapely has rebuilt) may not be;
* :func:`geoshape` is ``alt.Chart(frame).mark_geoshape()`` with the book's projection, borders and
  size, after keeping only the columns the chart needs (every column of the frame travels to the
  page, once per chart);
* :func:`lighter` mixes a colour with white, for a second shade of one framework's colour.

Some borders are disputed; they are drawn as Natural Earth draws them.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from pathlib import Path

import altair as alt
import geopandas as gpd
import shapely

from .data import record_read
from .paths import DATA_DIR

WORLD_PATH = DATA_DIR / "geo" / "world.geojson"
"""The book's country boundaries (Natural Earth 1:110m, simplified, clockwise rings)."""

NO_DATA_COLOR = "#d9d9d9"
"""A neutral light grey for countries with no value."""

STROKE_COLOR = "white"
"""Borders between countries."""


def world_frame(path: str | Path | None = None, leave_out: Iterable[str] = ("ATA",)) -> gpd.GeoDataFrame:
    """Read the country boundaries as a GeoDataFrame (one row per country).

    Parameters
    ----------
    path
        Another boundaries file that geopandas can read, with the columns ``iso_a3`` and ``name``
        (default: ``data/geo/world.geojson``).
    leave_out
        Codes of countries to leave off the map (default: Antarctica, ``"ATA"``).

    Returns
    -------
    geopandas.GeoDataFrame
        Columns ``iso_a3``, ``name`` and ``geometry`` (longitude and latitude, EPSG:4326), with
        clockwise outer rings, in file order.

    Raises
    ------
    FileNotFoundError
        If the file does not exist.
    ValueError
        If the file lacks the column ``iso_a3`` or ``name``, or a country has no code.
    """
    source = Path(path) if path is not None else WORLD_PATH
    if not source.exists():
        raise FileNotFoundError(f"no boundaries file at {source}")
    record_read(source)
    frame = gpd.read_file(source)
    missing = [column for column in ("iso_a3", "name") if column not in frame.columns]
    if missing:
        raise ValueError(f"{source} has no column(s) {', '.join(missing)}")
    if frame["iso_a3"].isna().any() or (frame["iso_a3"] == "").any():
        raise ValueError(f"{source}: {int((frame['iso_a3'].isna() | (frame['iso_a3'] == '')).sum())} shape(s) have no 'iso_a3' code")
    if frame.crs is None:
        frame = frame.set_crs(4326)
    frame = frame[~frame["iso_a3"].isin(list(leave_out))].reset_index(drop=True)
    return clockwise(frame[["iso_a3", "name", "geometry"]])


def clockwise(frame: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    """A copy of ``frame`` whose polygons have clockwise outer rings (and counter-clockwise holes),
    the winding Vega draws as the country rather than as the rest of the globe."""
    out = frame.copy()
    out[out.geometry.name] = out.geometry.orient_polygons(exterior_cw=True)
    return out


DISPLAY_GRID = 0.1
"""Degrees: a world map 600 pixels wide draws about 1.7 pixels a degree, so the page's copy of the
boundaries is snapped to this grid (a tenth of a pixel), a sixth lighter than the data file."""


def for_display(geometries: gpd.GeoSeries, grid: float = DISPLAY_GRID) -> gpd.GeoSeries:
    """``geometries`` snapped to ``grid`` degrees for drawing; a country that the grid would erase
    (a small island) keeps its full geometry."""
    snapped = shapely.set_precision(geometries.values, grid)
    erased = shapely.is_empty(snapped)
    return gpd.GeoSeries(snapped, index=geometries.index, crs=geometries.crs).where(~erased, geometries)


def geoshape(
    frame: gpd.GeoDataFrame,
    columns: Sequence[str] = (),
    *,
    width: int = 600,
    height: int = 300,
) -> alt.Chart:
    """``alt.Chart(frame).mark_geoshape()`` in the Equal Earth projection, with white borders.

    Parameters
    ----------
    frame
        One row per country with its geometry (a GeoDataFrame, e.g. :func:`world_frame` merged
        with your values).
    columns
        The columns the chart uses (for colour, tooltip or a calculation). Only these, ``iso_a3``,
        ``name`` and the geometry go to the page: each chart carries its own copy of the data,
        with the boundaries snapped to a tenth of a degree (:func:`for_display`).
    width, height
        The map's size in pixels (the book's column is about 600 pixels wide).

    Returns
    -------
    altair.Chart
        A chart to encode (``.encode(color=..., tooltip=...)``) and finish with
        :func:`spacerace.charts.finish`.

    Raises
    ------
    ValueError
        If a column is not in the frame.
    """
    keep = list(dict.fromkeys(["iso_a3", "name", *columns, frame.geometry.name]))
    unknown = [column for column in keep if column not in frame.columns]
    if unknown:
        raise ValueError(f"the frame has no column(s) {', '.join(unknown)}")
    shown = frame[keep].set_geometry(for_display(frame.geometry))
    return (
        alt.Chart(shown)
        .mark_geoshape(stroke=STROKE_COLOR, strokeWidth=0.6)
        .project(type="equalEarth")
        .properties(width=width, height=height)
    )


def lighter(colour: str, amount: float = 0.55) -> str:
    """``colour`` (``#rrggbb``) mixed with white: ``amount`` 0 keeps it, 1 gives white.

    >>> lighter("#0072B2", 0.5)
    '#80b8d8'
    """
    if not (len(colour) == 7 and colour.startswith("#")):
        raise ValueError(f"expected a colour written #rrggbb, got {colour!r}")
    if not 0 <= amount <= 1:
        raise ValueError(f"amount must be between 0 and 1, got {amount}")
    channels = [int(colour[i : i + 2], 16) for i in (1, 3, 5)]
    return "#" + "".join(f"{round(c + (255 - c) * amount):02x}" for c in channels)


def choose(parameter: str, values: dict[str, object]) -> alt.ExprRef:
    """A value that follows a parameter (a dropdown, say): ``values[parameter]`` computed in the
    browser. Use it where Altair takes an expression, for instance a scale's colours::

        range=[maps.choose("framework", {"esa": "#000000", "ilrs": "#D55E00"}), "#d9d9d9"]

    >>> choose("framework", {"esa": "#000000"}).expr
    '{"esa": "#000000"}[framework]'
    """
    if not parameter.isidentifier():
        raise ValueError(f"{parameter!r} is not a parameter name")
    return alt.ExprRef(expr=f"{json.dumps(values, separators=(', ', ': '))}[{parameter}]")
