"""Unit tests for spacerace.maps: the boundaries as a GeoDataFrame, and maps drawn from it.

Maps are checked where it matters, in the drawing: the chart is rendered to SVG with vl-convert
(the same Vega the book serves) and each country's fill colour is read back from its path.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import altair as alt
import shapely
import geopandas as gpd
import pandas as pd
import pytest
from shapely.geometry import Polygon

from spacerace import maps

RED, BLUE = "#D55E00", "#0072B2"


def square(x: float, y: float, clockwise: bool = True) -> Polygon:
    """A 10-degree square; clockwise (up, right, down) as the book's boundaries are, or not."""
    ring = [(x, y), (x, y + 10), (x + 10, y + 10), (x + 10, y)]
    return Polygon(ring if clockwise else ring[::-1])


def frame(clockwise: bool = True) -> gpd.GeoDataFrame:
    return gpd.GeoDataFrame(
        {"iso_a3": ["AAA", "BBB", "CCC"], "name": ["Aland", "Bland", "Cland"]},
        geometry=[square(0, 0, clockwise), square(20, 0, clockwise), square(40, 0, clockwise)],
        crs=4326,
    )


def fills(chart: alt.Chart, **params: object) -> dict[str, str]:
    """Render the chart (with parameter values, if given) and return each country's fill, by name.

    Each country's path carries an aria-label naming it (its description channel).
    """
    vl_convert = pytest.importorskip("vl_convert")
    spec = chart.encode(description="name:N").to_dict()
    for parameter in spec.get("params", []):
        if parameter["name"] in params:
            parameter["value"] = params[parameter["name"]]
    svg = vl_convert.vegalite_to_svg(spec)
    return {label: fill for label, fill in re.findall(r'<path aria-label="([^"]*)"[^>]*?fill="([^"]*)"', svg)}


# --- the boundaries --------------------------------------------------------------------------


def test_world_frame_reads_the_boundaries_without_antarctica() -> None:
    world = maps.world_frame()
    assert isinstance(world, gpd.GeoDataFrame)
    assert list(world.columns) == ["iso_a3", "name", "geometry"]
    assert len(world) == 176 and "ATA" not in set(world["iso_a3"])  # 177 shapes in the file
    assert world["iso_a3"].is_unique
    assert world.set_index("iso_a3").loc["FRA", "name"] == "France"
    assert world.crs.to_epsg() == 4326
    assert len(maps.world_frame(leave_out=())) == 177


def test_small_states_have_no_shape() -> None:
    world = maps.world_frame()
    assert sorted({"FRA", "BHR", "SGP", "LIE"} - set(world["iso_a3"])) == ["BHR", "LIE", "SGP"]


def test_world_outer_rings_are_clockwise_so_the_ocean_is_not_filled() -> None:
    for code, geometry in zip(maps.world_frame()["iso_a3"], maps.world_frame().geometry):
        polygons = geometry.geoms if geometry.geom_type == "MultiPolygon" else [geometry]
        for polygon in polygons:
            assert not polygon.exterior.is_ccw, code


def test_clockwise_turns_counter_clockwise_rings_and_leaves_the_original() -> None:
    original = frame(clockwise=False)
    turned = maps.clockwise(original)
    assert [g.exterior.is_ccw for g in turned.geometry] == [False, False, False]
    assert [g.exterior.is_ccw for g in original.geometry] == [True, True, True]
    assert [g.area for g in turned.geometry] == [g.area for g in original.geometry]


def test_world_frame_records_the_read_for_the_build_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    log = tmp_path / "reads.log"
    monkeypatch.setenv("SPACERACE_READS_LOG", str(log))
    maps.world_frame()
    assert log.read_text(encoding="utf-8").split() == [str(maps.WORLD_PATH.resolve())]


def test_world_frame_reads_a_file_of_your_own_and_refuses_a_bad_one(tmp_path: Path) -> None:
    own = tmp_path / "own.geojson"
    frame(clockwise=False).to_file(own, driver="GeoJSON")
    read = maps.world_frame(own)
    assert read["iso_a3"].tolist() == ["AAA", "BBB", "CCC"]
    assert not any(g.exterior.is_ccw for g in read.geometry)  # made clockwise on the way in
    with pytest.raises(FileNotFoundError, match="no boundaries file"):
        maps.world_frame(tmp_path / "absent.geojson")
    no_code = tmp_path / "no_code.geojson"
    frame().drop(columns="iso_a3").to_file(no_code, driver="GeoJSON")
    with pytest.raises(ValueError, match="no column"):
        maps.world_frame(no_code)


# --- drawing ---------------------------------------------------------------------------------


def test_a_merged_frame_draws_each_country_in_its_colour() -> None:
    values = pd.DataFrame({"country": ["AAA", "BBB", "ZZZ"], "side": ["red", "blue", "red"]})
    joined = frame().merge(values, left_on="iso_a3", right_on="country", how="left").fillna({"side": "none"})
    chart = maps.geoshape(joined, ["side"]).encode(
        color=alt.Color("side:N", scale=alt.Scale(domain=["red", "blue", "none"], range=[RED, BLUE, maps.NO_DATA_COLOR]))
    )
    assert fills(chart) == {"Aland": RED, "Bland": BLUE, "Cland": maps.NO_DATA_COLOR}  # ZZZ: no shape, not drawn


def test_geoshape_sends_only_the_columns_it_needs_once() -> None:
    joined = frame().assign(side="red", secret="not for the page")
    spec = maps.geoshape(joined, ["side"]).to_dict()
    (rows,) = spec["datasets"].values()
    assert [row["iso_a3"] for row in rows] == ["AAA", "BBB", "CCC"]
    assert set(rows[0]) == {"iso_a3", "name", "side", "type", "geometry"}
    assert spec["projection"]["type"] == "equalEarth"
    assert spec["mark"]["stroke"] == maps.STROKE_COLOR
    assert (spec["width"], spec["height"]) == (600, 300)
    with pytest.raises(ValueError, match="no column"):
        maps.geoshape(joined, ["absent"])


def test_choose_follows_a_dropdown_in_the_browser() -> None:
    pick = alt.param(name="pick", value="a", bind=alt.binding_select(options=["a", "b"]))
    chart = maps.geoshape(frame()).add_params(pick).encode(
        color=alt.Color("name:N", scale=alt.Scale(domain=["Aland", "Bland", "Cland"], range=[maps.choose("pick", {"a": RED, "b": BLUE}), "#000000", "#000000"]))
    )
    assert fills(chart)["Aland"] == RED
    assert fills(chart, pick="b")["Aland"] == BLUE
    assert json.loads(maps.choose("pick", {"a": 1}).expr.removesuffix("[pick]")) == {"a": 1}
    with pytest.raises(ValueError, match="not a parameter name"):
        maps.choose("not a name", {})


@pytest.mark.parametrize(("colour", "amount", "expected"), [("#0072B2", 0, "#0072b2"), ("#0072B2", 1, "#ffffff"), ("#000000", 0.5, "#808080")])
def test_lighter_mixes_with_white(colour: str, amount: float, expected: str) -> None:
    assert maps.lighter(colour, amount) == expected


@pytest.mark.parametrize(("colour", "amount"), [("blue", 0.5), ("#0072B2", 1.5)])
def test_lighter_refuses_bad_input(colour: str, amount: float) -> None:
    with pytest.raises(ValueError):
        maps.lighter(colour, amount)


def test_boundaries_are_snapped_for_display_but_no_country_disappears() -> None:
    world = maps.world_frame()
    shown = maps.for_display(world.geometry)
    assert not shown.is_empty.any()
    change = abs(shapely.area(shown.values) - shapely.area(world.geometry.values))
    assert change.max() < 2.0  # square degrees: nothing moves far
    coordinates = shown.get_coordinates()
    assert ((coordinates * 10).round(6) % 1 == 0).all().all()  # every vertex on the 0.1-degree grid
    assert len(coordinates) < len(world.geometry.get_coordinates())
