"""Unit tests for spacerace.maps: the boundaries loader and the choropleth.

The choropleth is checked where it matters, in the drawing: the chart is rendered to SVG with
vl-convert (the same Vega the book serves) and each country's fill colour is read back from its
path, whose ``aria-label`` names the country and its category.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pandas as pd
import pytest

from spacerace import maps

COLORS = {"red": "#D55E00", "blue": "#0072B2"}


def square(code: str, name: str, x: float, y: float) -> dict:
    """A 10-degree square country with a clockwise outer ring (as the book's boundaries have)."""
    ring = [[x, y], [x, y + 10], [x + 10, y + 10], [x + 10, y], [x, y]]  # up, right, down: clockwise
    return {"type": "Feature", "properties": {"iso_a3": code, "name": name}, "geometry": {"type": "Polygon", "coordinates": [ring]}}


GEO = {
    "type": "FeatureCollection",
    "features": [square("AAA", "Aland", 0, 0), square("BBB", "Bland", 20, 0), square("CCC", "Cland", 40, 0)],
}


def fills(chart) -> dict[str, tuple[str, str]]:
    """Render the chart and return, by country name, (its category, its fill colour).

    Each country's path has the aria-label "name: category" (the chart's description channel).
    """
    vl_convert = pytest.importorskip("vl_convert")
    svg = vl_convert.vegalite_to_svg(chart.to_dict())
    found = {}
    for label, fill in re.findall(r'<path aria-label="([^"]*)"[^>]*?fill="([^"]*)"', svg):
        name, _, category = label.partition(": ")
        found[name] = (category, fill)
    return found


def test_choropleth_colours_the_joined_codes_and_marks_the_rest_as_no_data() -> None:
    values = pd.DataFrame({"country": ["AAA", "BBB", "ZZZ"], "side": ["red", "blue", "red"], "source_url": ["https://a.org", "https://b.org", "https://z.org"]})
    chart = maps.choropleth(GEO, values, color="side", domain=list(COLORS), colors=list(COLORS.values()), tooltip=["source_url"])
    drawn = fills(chart)
    assert set(drawn) == {"Aland", "Bland", "Cland"}  # ZZZ has no shape: nothing drawn for it
    assert drawn["Aland"] == ("red", COLORS["red"])
    assert drawn["Bland"] == ("blue", COLORS["blue"])
    assert drawn["Cland"] == ("no data", maps.NO_DATA_COLOR)


def test_choropleth_treats_an_empty_value_as_no_data_with_its_own_label() -> None:
    values = pd.DataFrame({"country": ["AAA", "BBB"], "side": ["red", None]})
    chart = maps.choropleth(GEO, values, color="side", domain=list(COLORS), colors=list(COLORS.values()), missing="neither", missing_color="#eeeeee")
    drawn = fills(chart)
    assert drawn["Aland"][1] == COLORS["red"]
    assert drawn["Bland"] == ("neither", "#eeeeee")
    assert drawn["Cland"][1] == "#eeeeee"


def test_choropleth_calculates_with_a_parameter_in_the_browser() -> None:
    import altair as alt

    values = pd.DataFrame({"country": ["AAA", "BBB"], "year": [2020, 2024]})
    cutoff = alt.param(name="cutoff", value=2022, bind=alt.binding_range(min=2020, max=2025, step=1))
    chart = maps.choropleth(
        GEO, values, color="side", domain=list(COLORS), colors=list(COLORS.values()),
        params=[cutoff], calculate={"side": "isValid(datum.year) && datum.year <= cutoff ? 'red' : null"},
    )
    drawn = fills(chart)
    assert drawn["Aland"][1] == COLORS["red"]  # 2020 <= 2022
    assert drawn["Bland"][1] == maps.NO_DATA_COLOR  # 2024 > 2022


def test_choropleth_spec_joins_on_the_key_and_uses_equal_earth() -> None:
    values = pd.DataFrame({"code": ["AAA"], "side": ["red"], "when": [pd.Timestamp("2024-12-16")], "n": [pd.NA]})
    spec = maps.choropleth(GEO, values, on="code", color="side", domain=["red"], colors=["#D55E00"]).to_dict()
    lookup = spec["transform"][0]
    assert lookup["lookup"] == "properties.iso_a3"
    assert lookup["from"]["key"] == "code"
    assert lookup["from"]["data"]["values"] == [{"code": "AAA", "side": "red", "when": "2024-12-16"}]  # empty cells left out
    assert spec["projection"]["type"] == "equalEarth"
    assert spec["mark"]["stroke"] == "white"
    assert spec["encoding"]["color"]["scale"]["range"][-1] == maps.NO_DATA_COLOR
    assert spec["data"]["format"]["type"] == "json"
    assert [f["properties"]["iso_a3"] for f in json.loads(spec["data"]["values"])] == ["AAA", "BBB", "CCC"]  # the geometry, once


@pytest.mark.parametrize(
    ("values", "kwargs", "message"),
    [
        (pd.DataFrame({"iso": ["AAA"], "side": ["red"]}), {}, "no column 'country'"),
        (pd.DataFrame({"country": ["AAA", "AAA"], "side": ["red", "blue"]}), {}, "repeated: AAA"),
        (pd.DataFrame({"country": ["AAA"], "side": ["red"]}), {"colors": ["#000000"]}, "2 categories but colors has 1"),
        (pd.DataFrame({"country": ["AAA"], "side": ["red"]}), {"missing": "red"}, "already a category"),
    ],
)
def test_choropleth_refuses_bad_input(values: pd.DataFrame, kwargs: dict, message: str) -> None:
    arguments = {"color": "side", "domain": list(COLORS), "colors": list(COLORS.values())} | kwargs
    with pytest.raises(ValueError, match=message):
        maps.choropleth(GEO, values, **arguments)


def test_tooltip_names_the_country_and_leaves_out_empty_fields() -> None:
    values = pd.DataFrame({"country": ["AAA"], "side": ["red"], "source_url": ["https://a.org"]})
    spec = maps.choropleth(GEO, values, color="side", domain=["red"], colors=["#D55E00"], tooltip=[("source_url", "source")]).to_dict()
    expression = spec["mark"]["tooltip"]["expr"]
    assert expression.startswith('{"country": ') and 'datum["properties"]["name"]' in expression
    assert '"source": isValid(datum["source_url"])' in expression
    assert f'datum["{maps.ABSENT}"]' in expression  # an empty field maps to undefined, which the tooltip skips


# --- the boundaries --------------------------------------------------------------------------


def test_world_loads_the_boundaries_with_codes_and_names() -> None:
    geo = maps.world()
    assert geo["type"] == "FeatureCollection"
    assert len(geo["features"]) == 177
    assert all(f["properties"]["iso_a3"] and f["properties"]["name"] for f in geo["features"])
    assert maps.names(geo)["FRA"] == "France"
    assert len(set(maps.codes(geo))) == len(geo["features"])


def test_small_states_have_no_shape() -> None:
    geo = maps.world()
    assert maps.without_shape(geo, ["FRA", "BHR", "SGP", "LIE", "BHR"]) == ["BHR", "LIE", "SGP"]


def _signed_area(ring: list[list[float]]) -> float:
    return sum(x0 * y1 - x1 * y0 for (x0, y0), (x1, y1) in zip(ring, ring[1:])) / 2


def test_world_outer_rings_are_clockwise_so_the_ocean_is_not_filled() -> None:
    for feature in maps.drop(maps.world(), ["ATA"])["features"]:  # Antarctica's ring goes round the pole
        geometry = feature["geometry"]
        polygons = geometry["coordinates"] if geometry["type"] == "MultiPolygon" else [geometry["coordinates"]]
        for polygon in polygons:
            assert _signed_area(polygon[0]) < 0, feature["properties"]["iso_a3"]


def test_world_records_the_read_for_the_build_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    log = tmp_path / "reads.log"
    monkeypatch.setenv("SPACERACE_READS_LOG", str(log))
    maps.world()
    assert log.read_text(encoding="utf-8").split() == [str(maps.WORLD_PATH.resolve())]


def test_world_refuses_a_file_that_is_not_a_feature_collection(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError, match="no boundaries file"):
        maps.world(tmp_path / "absent.geojson")
    wrong = tmp_path / "wrong.geojson"
    wrong.write_text(json.dumps({"type": "Feature"}), encoding="utf-8")
    with pytest.raises(ValueError, match="not a GeoJSON FeatureCollection"):
        maps.world(wrong)
    no_code = tmp_path / "no_code.geojson"
    no_code.write_text(json.dumps({"type": "FeatureCollection", "features": [{"properties": {"name": "X"}}]}), encoding="utf-8")
    with pytest.raises(ValueError, match="feature 1 has no 'iso_a3'"):
        maps.world(no_code)


def test_drop_leaves_the_original_untouched() -> None:
    kept = maps.drop(GEO, ["BBB"])
    assert maps.codes(kept) == ["AAA", "CCC"]
    assert maps.codes(GEO) == ["AAA", "BBB", "CCC"]
