"""A page carries the columns its charts name, and each row's sources, nothing else."""

import altair as alt
import pandas as pd

from spacerace import charts

ROWS = pd.DataFrame(
    {
        "year": [2020, 2021],
        "attempts": [3, 5],
        "note": ["a long note the chart never shows", "another"],
        "internal_id": ["x-1", "x-2"],
        "source_url": ["https://example.org/a", "https://example.org/b"],
    }
)


def columns(spec: dict) -> set[str]:
    return {column for rows in spec["datasets"].values() for row in rows for column in row}


def test_columns_the_chart_does_not_name_are_left_out_but_sources_stay():
    spec = alt.Chart(ROWS).mark_bar().encode(x="year:O", y="attempts:Q").to_dict()
    assert columns(charts.drawn_columns_only(spec)) == {"year", "attempts", "source_url"}


def test_columns_named_in_tooltips_and_expressions_stay():
    chart = (
        alt.Chart(ROWS)
        .mark_bar()
        .encode(x="year:O", y="attempts:Q", tooltip=["note:N"])
        .transform_filter("datum.internal_id != 'x-3'")
    )
    assert columns(charts.drawn_columns_only(chart.to_dict())) == {"year", "attempts", "note", "internal_id", "source_url"}
    bracketed = alt.Chart(ROWS).mark_bar().encode(x="year:O", y="attempts:Q").transform_filter('datum["internal_id"] != "x"')
    assert "internal_id" in columns(charts.drawn_columns_only(bracketed.to_dict()))


def test_a_chart_that_shows_every_column_keeps_them_all():
    spec = alt.Chart(ROWS).mark_bar(tooltip=True).encode(x="year:O", y="attempts:Q").to_dict()
    assert columns(charts.drawn_columns_only(spec)) == set(ROWS.columns)


def test_the_full_spec_still_goes_to_jupyter():
    spec = alt.Chart(ROWS).mark_bar().encode(x="year:O", y="attempts:Q").to_dict()
    bundle = charts.for_jupyter(spec)
    assert "note" in columns(bundle[charts.VEGALITE_MIME])


def test_a_large_dataset_goes_to_the_page_once() -> None:
    big = pd.DataFrame({"year": range(2000), "attempts": range(2000)})
    first = charts.chart_html(alt.Chart(big).mark_bar().encode(x="year:O", y="attempts:Q").to_dict())
    second = charts.chart_html(alt.Chart(big).mark_point().encode(x="year:O", y="attempts:Q").to_dict())
    assert first.count("[1999,1999]") == 1
    assert "[1999,1999]" not in second  # the page gives it the first chart's rows
    assert '"shared":{"data-' in second


def test_a_map_offers_the_table_it_shows_as_csv() -> None:
    borders = [{"type": "Feature", "geometry": {"type": "Point", "coordinates": [0, 0]}, "iso_a3": "FRA"}]
    camps = pd.DataFrame({"iso_a3": ["FRA"], "camp": ["Artemis only"]})
    chart = alt.Chart(alt.Data(values=borders)).mark_geoshape().transform_lookup(
        lookup="iso_a3", from_=alt.LookupData(camps, key="iso_a3", fields=["camp"])
    ).encode(color="camp:N")
    spec = chart.to_dict()
    plan = charts.csv_plan(spec)
    assert spec["datasets"][plan["dataset"]] == [{"iso_a3": "FRA", "camp": "Artemis only"}]


def test_tables_go_to_the_page_by_columns() -> None:
    html = charts.chart_html(alt.Chart(ROWS).mark_bar().encode(x="year:O", y="attempts:Q").to_dict())
    assert '"columns":["year","attempts","note","internal_id","source_url"]' in html
    assert '"rows":[[2020,3,' in html
    assert '{"year":' not in html  # no field names repeated in every row
