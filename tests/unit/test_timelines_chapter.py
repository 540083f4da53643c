"""Unit tests for the helpers the timelines chapter adds: launch_series and project_slip.

Expected values are worked out by hand in the comments (years of 365.25 days; a year-only date sits
on 1 July, a month-only date on the 15th).
"""

from __future__ import annotations

import math

import pandas as pd
import pytest

from spacerace.timelines import LINEAGES, launch_series, project_slip


@pytest.fixture
def launches() -> pd.DataFrame:
    # 1991 has no row at all: nobody launched (missing row = zero).
    return pd.DataFrame(
        {
            "year": [1990, 1990, 1990, 1992, 1992, 1992],
            "country": ["SUN", "USA", "FRA", "RUS", "USA", "JPN"],
            "attempts": [3, 2, 1, 4, 1, 1],
        }
    )


def test_launch_series_fills_zeros_pools_others_and_merges_lineages(launches: pd.DataFrame) -> None:
    out = launch_series(launches, ["USA", "RUS"], country_map=LINEAGES)
    assert list(out.columns) == ["year", "country", "attempts", "world", "share"]
    assert out["year"].tolist() == [1990] * 3 + [1991] * 3 + [1992] * 3
    assert out["country"].tolist() == ["USA", "RUS", "other"] * 3
    # 1990: USA 2, SUN->RUS 3, FRA->other 1, world 6. 1991: zeros. 1992: USA 1, RUS 4, JPN->other 1.
    assert out["attempts"].tolist() == [2, 3, 1, 0, 0, 0, 1, 4, 1]
    assert out["world"].tolist() == [6, 6, 6, 0, 0, 0, 6, 6, 6]
    shares = out["share"].tolist()
    assert shares[0:3] == pytest.approx([1 / 3, 1 / 2, 1 / 6])
    assert all(math.isnan(s) for s in shares[3:6])  # no launches in the world: share undefined
    assert shares[6:9] == pytest.approx([1 / 6, 2 / 3, 1 / 6])


def test_launch_series_without_lineage_pools_the_soviet_union(launches: pd.DataFrame) -> None:
    out = launch_series(launches, ["USA", "RUS"])
    row = out[(out["year"] == 1990)].set_index("country")["attempts"]
    assert row.to_dict() == {"USA": 2, "RUS": 0, "other": 4}  # SUN 3 + FRA 1 pooled


def test_launch_series_window_is_clipped_to_the_data(launches: pd.DataFrame) -> None:
    wide = launch_series(launches, ["USA"], start_year=1950, end_year=2035)
    assert wide["year"].min() == 1990 and wide["year"].max() == 1992  # no invented 1950s or 2030s
    one = launch_series(launches, ["USA"], start_year=1992, end_year=1992)
    assert one.set_index("country")["attempts"].to_dict() == {"USA": 1, "other": 5}


def test_launch_series_no_other_row_when_nothing_is_pooled(launches: pd.DataFrame) -> None:
    out = launch_series(launches, ["USA", "RUS", "FRA", "JPN"], country_map=LINEAGES)
    assert "other" not in set(out["country"])
    totals = out.groupby("year")["share"].sum(min_count=1)  # 1991 has no share at all: NaN
    assert totals.loc[[1990, 1992]].tolist() == pytest.approx([1.0, 1.0])
    assert math.isnan(totals.loc[1991])


def test_launch_series_errors(launches: pd.DataFrame) -> None:
    with pytest.raises(ValueError, match="window"):
        launch_series(launches, ["USA"], start_year=2000, end_year=2010)
    with pytest.raises(ValueError, match="pooled rest"):
        launch_series(launches, ["USA", "other"])
    with pytest.raises(ValueError, match="duplicate"):
        launch_series(launches, ["USA", "USA"])
    with pytest.raises(KeyError, match="attempts"):
        launch_series(launches.drop(columns=["attempts"]), ["USA"])


@pytest.fixture
def plans() -> pd.DataFrame:
    columns = ["event_id", "date", "date_precision", "country", "category", "title", "status", "original_target"]
    rows = [
        ("p1", "2030", "year", "A", "crewed flight", "A flies", "planned", None),
        ("p2", "2028", "year", "B", "lunar landing", "B lands", "delayed", "2024"),
        ("p3", "2026-11", "month", "C", "Mercury", "C arrives", "delayed", "2026-03"),
        ("done", "2020-01-01", "day", "A", "Venus", "A did it", "achieved", "2019"),
        ("gone", "2040", "year", "B", "Mars sample return", "B gave up", "cancelled", None),
    ]
    return pd.DataFrame(rows, columns=columns)


def test_project_slip_moves_from_the_first_target_never_earlier_than_now(plans: pd.DataFrame) -> None:
    out = project_slip(plans, slip_years=1.0).set_index("event_id")
    assert list(out.index) == ["p3", "p2", "p1"]  # only open plans, by current target
    # p1: no earlier target, 2030-07-01 + 365 days (1.0 * 365.25 rounded) = 2031-07-01.
    assert out.at["p1", "first_target"] == "2030"
    assert out.at["p1", "projected_when"] == pd.Timestamp("2031-07-01")
    assert out.at["p1", "projected_year"] == 2031
    assert out.at["p1", "slipped_so_far"] == 0
    # p2: first target 2024-07-01 + 365 days = 2025-07-01, earlier than its current 2028-07-01: stays.
    assert out.at["p2", "projected_when"] == pd.Timestamp("2028-07-01")
    assert out.at["p2", "slipped_so_far"] == pytest.approx(1461 / 365.25)  # exactly 4 years
    # p3: 2026-03-15 + 365 days = 2027-03-15, later than its current 2026-11-15: moves.
    assert out.at["p3", "projected_when"] == pd.Timestamp("2027-03-15")
    assert out.at["p3", "projected_year"] == 2027
    assert out.at["p3", "slipped_so_far"] == pytest.approx(245 / 365.25)  # 15 Mar -> 15 Nov


def test_project_slip_zero_keeps_current_targets(plans: pd.DataFrame) -> None:
    out = project_slip(plans, slip_years=0.0)
    assert (out["projected_when"] == out["when"]).all()


def test_project_slip_errors(plans: pd.DataFrame) -> None:
    with pytest.raises(ValueError, match="slip_years"):
        project_slip(plans, slip_years=-1.0)
    with pytest.raises(ValueError, match="slip_years"):
        project_slip(plans, slip_years=float("nan"))
    with pytest.raises(KeyError, match="original_target"):
        project_slip(plans.drop(columns=["original_target"]), slip_years=1.0)
    assert project_slip(plans[plans["status"] == "achieved"], slip_years=1.0).empty


# --------------------------------------------------------------------------- the chapter's display helpers

import json
import re

from spacerace.timelines import (
    MAIN_ACTORS, NAMED_PLANS, actor_label, check_selection, describe_by_country, describe_race,
    describe_timeline, firsts, launch_numbers, legend_labels, plan_numbers, race, race_numbers, race_table,
    row_order, shown_date, slip_numbers, timeline_events, with_actor, wrapped_axis, wrapped_labels,
)


def _mapping(expr: str) -> dict:
    """The JSON object a labelExpr looks labels up in."""
    return json.loads(re.match(r"^\((\{.*\})\)\[datum\.label\]", expr).group(1))


def test_actor_label_names_lineages_and_falls_back_to_iso() -> None:
    assert actor_label("RUS") == actor_label("SUN") == "USSR / Russia"
    assert actor_label("ESA") == "Europe (ESA)"
    assert actor_label("KOR") == "South Korea"  # from pycountry's common name
    assert actor_label("other") == "Rest of the world"
    assert actor_label("XXX") == "XXX"


def test_legend_labels_maps_each_code_to_its_name() -> None:
    expr = legend_labels(["USA", "RUS"])
    assert expr.endswith("|| datum.label")
    assert _mapping(expr) == {"USA": "United States", "RUS": "USSR / Russia"}


def test_wrapped_labels_keep_every_word_on_short_lines() -> None:
    title = "Artemis III recast as a crewed Earth-orbit lander docking test"
    lines = _mapping(wrapped_labels([title, "Short", title], width=30))
    assert list(lines) == [title, "Short"]  # each title once
    assert lines["Short"] == ["Short"]
    assert all(len(line) <= 30 for line in lines[title]) and len(lines[title]) == 3
    assert " ".join(lines[title]) == title  # nothing cut, no "…"


def test_wrapped_axis_centres_the_lines_on_the_tick() -> None:
    axis = wrapped_axis(["a b c d"], width=3, line_height=16, offset=10).to_dict()
    assert axis["offset"] == 10 and axis["labelLineHeight"] == 16
    assert axis["labelOffset"]["expr"].startswith("-8.0 * (length(")


def test_check_selection_defaults_lineages_and_errors() -> None:
    actors, chosen = check_selection([], [], 1957, 2035)
    assert actors == list(MAIN_ACTORS) and chosen == list(timelines_categories())
    actors, chosen = check_selection(["SUN", "RUS", "IND"], ["Venus"], 2000, 2000)
    assert actors == ["RUS", "IND"] and chosen == ["Venus"]
    with pytest.raises(ValueError, match=r"unknown country codes \['XYZ'\]"):
        check_selection(["XYZ"], [], 1957, 2035)
    with pytest.raises(ValueError, match=r"unknown categories \['time travel'\]"):
        check_selection([], ["time travel"], 1957, 2035)
    with pytest.raises(ValueError, match="after end_year"):
        check_selection([], [], 2030, 2000)


def timelines_categories():
    from spacerace.timelines import CATEGORIES

    return CATEGORIES


def test_shown_date_at_each_precision() -> None:
    assert shown_date("1969-07-20", "day") == "20 Jul 1969"
    assert shown_date("1971-11", "month") == "Nov 1971"
    assert shown_date("1964", "year") == "1964"
    with pytest.raises(ValueError):
        shown_date("20 July 1969", "day")


@pytest.fixture
def milestones() -> pd.DataFrame:
    columns = [
        "event_id", "date", "date_precision", "country", "agency", "category", "title", "outcome",
        "status", "original_target", "source_url", "second_source_url", "source_kind",
    ]
    rows = [
        ("sun-sat", "1957-10-04", "day", "SUN", "OKB-1", "first satellite", "Sputnik 1", "success", "achieved", None, "https://a", "https://a2", "press"),
        ("usa-sat", "1958-02-01", "day", "USA", "ABMA", "first satellite", "Explorer 1", "success", "achieved", None, "https://b", None, "official"),
        ("usa-nasa", "1958-10-01", "day", "USA", "NASA", "founding", "NASA begins operations", "success", "achieved", None, "https://c", "https://c2", "official"),
        ("ind-sat", "1980-07", "month", "IND", "ISRO", "first satellite", "Rohini", "success", "achieved", None, "https://d", None, "press"),
        ("ind-venus", "2028", "year", "IND", "ISRO", "Venus", "Shukrayaan", None, "planned", "2024", "https://e", None, "press"),
        ("chn-fail", "2040", "year", "CHN", "CNSA", "Venus", "A plan out of the window", None, "planned", None, "https://f", None, "press"),
    ]
    return pd.DataFrame(rows, columns=columns)


def test_timeline_events_marks_foundings_plans_and_the_window(milestones: pd.DataFrame) -> None:
    events = timeline_events(milestones, ["RUS", "USA", "IND"], list(timelines_categories()), 1957, 2035)
    assert list(events["event_id"]) == ["sun-sat", "usa-sat", "usa-nasa", "ind-sat", "ind-venus"]  # CHN not chosen
    by_id = events.set_index("event_id")
    assert by_id.at["sun-sat", "actor"] == "RUS" and by_id.at["sun-sat", "country_name"] == "USSR / Russia"
    assert by_id.at["usa-nasa", "state"] == "founded" and by_id.at["usa-nasa", "row"] == "agency or framework founded"
    assert by_id.at["ind-venus", "state"] == "planned" and not by_id.at["ind-venus", "happened"]
    assert by_id.at["ind-sat", "date_shown"] == "Jul 1980"
    assert by_id.at["usa-sat", "second_source_url"] == "none recorded"  # not "null" in a tooltip
    assert row_order(events) == ["agency or framework founded", "first satellite", "Venus"]
    no_plans = timeline_events(milestones, ["IND"], ["Venus", "first satellite"], 1957, 2035, include_plans=False)
    assert list(no_plans["event_id"]) == ["ind-sat"]
    assert timeline_events(milestones, ["USA"], ["Venus"], 1957, 2035).empty


def test_race_leaves_foundings_out_and_names_the_leader(milestones: pd.DataFrame) -> None:
    rows = race(milestones, list(timelines_categories()))
    assert set(rows["category"]) == {"first satellite"}  # the founding and the plans never race
    by_country = rows.set_index("country")
    assert by_country.at["USA", "leader_name"] == "USSR / Russia"
    assert by_country.at["USA", "years_behind"] == pytest.approx(120 / 365.25)  # 4 Oct 1957 -> 1 Feb 1958
    assert by_country.at["RUS", "second_source_url"] == "https://a2"
    table = race_table(rows, ["USA", "RUS", "JPN"])
    assert list(table.columns) == ["category", "first", "when", "USA", "RUS", "JPN"]
    assert table.iloc[0].tolist() == ["first satellite", "RUS", "4 Oct 1957", "+0.3", "first", ""]


def test_race_numbers_count_leads_and_recent_firsts(milestones: pd.DataFrame) -> None:
    numbers = race_numbers(milestones, codes=("USA", "RUS", "IND", "JPN"), recent=1980)
    assert numbers["n_categories_total"] == 1 and numbers["n_led_usa_rus"] == 1
    assert numbers["RUS_n_led"] == 1 and numbers["RUS_last_lead"] == "first satellite"
    assert numbers["RUS_last_lead_year"] == 1957
    assert numbers["USA_n_led"] == 0 and numbers["USA_last_lead"] == "none"
    assert numbers["IND_n_recent"] == 1 and numbers["USA_n_recent"] == 0
    assert numbers["IND_median_behind"] == pytest.approx((pd.Timestamp("1980-07-15") - pd.Timestamp("1957-10-04")).days / 365.25)
    assert numbers["JPN_n_cat"] == 0 and math.isnan(numbers["JPN_median_behind"])


def test_launch_numbers_compare_a_year_with_the_last(launches: pd.DataFrame) -> None:
    numbers = launch_numbers(launches.assign(country=launches["country"].replace({"JPN": "CHN"})), 1990)
    assert numbers["last_year"] == 1992 and numbers["compare_year"] == 1990
    assert numbers["usa_then"] == 2 and numbers["usa_now"] == 1 and numbers["usa_multiple"] == pytest.approx(0.5)
    assert numbers["rus_now"] == 4 and numbers["world_then"] == 6 and numbers["world_now"] == 6
    assert numbers["chn_then"] == 0 and numbers["chn_now"] == 1 and math.isnan(numbers["chn_multiple"])
    assert numbers["chn_share_now"] == pytest.approx(100 / 6)


def test_slip_and_plan_numbers(plans: pd.DataFrame) -> None:
    slips = pd.DataFrame({"resolved": [True, True, True, False], "slip_years": [1.0, 2.0, 6.0, 3.0]})
    assert slip_numbers(slips) == {
        "n_resolved": 3, "n_open_slips": 1, "median_slip": 2.0, "min_slip": 1.0, "max_slip": 6.0, "median_open_slip": 3.0,
    }
    projected = project_slip(plans, slip_years=1.0)
    numbers = plan_numbers(projected, {"gaganyaan": "p2", "other": "p3"})
    assert numbers["n_plans"] == 3
    assert (numbers["n_plans_moved"], numbers["n_plans_unmoved"]) == (2, 1)  # p2 and p3 moved; p1 on its only target
    assert (numbers["other_target"], numbers["other_first"], numbers["other_projected"]) == (2026, "2026-03", 2027)
    assert numbers["gaganyaan_phrase"].startswith("has already slipped more than the median")  # p2 stays
    assert "chn-crewed-lunar-landing" in NAMED_PLANS.values()


def test_with_actor_and_descriptions(milestones: pd.DataFrame) -> None:
    named = with_actor(milestones)
    assert named.loc[0, ["actor", "country_name"]].tolist() == ["RUS", "USSR / Russia"]
    events = timeline_events(milestones, ["USA"], list(timelines_categories()), 1957, 2035)
    assert describe_timeline(events) == (
        "Timeline of 2 space milestones from 1958 to 1958, one row per category, coloured by country. "
        "United States: first event in 1958, 1 achieved, 0 plans, 1 foundings."
    )
    assert "no event matches" in describe_timeline(events.iloc[0:0])
    rows = race(milestones, list(timelines_categories()))
    assert "USSR / Russia led 1 of 1 categories" in describe_race(rows)
    frame = pd.DataFrame({"country_name": ["A", "A", "B"], "year": [2000, 2001, 2000], "attempts": [3, 5, 2]})
    assert describe_by_country(frame, "Launches", "attempts") == "Launches. Largest: A 5 (year 2001); B 2 (year 2000)."


def test_country_color_uses_the_books_colours_and_names() -> None:
    from spacerace import charts
    from spacerace.timelines import country_color

    spec = country_color("actor:N", ["CHN", "USA"], columns=3).to_dict()
    assert spec["scale"] == {"domain": ["CHN", "USA"], "range": [charts.style("country", "CHN").colour, charts.style("country", "USA").colour]}
    assert spec["legend"]["columns"] == 3 and spec["legend"]["orient"] == "bottom"
    assert _mapping(spec["legend"]["labelExpr"]) == {"CHN": "China", "USA": "United States"}
