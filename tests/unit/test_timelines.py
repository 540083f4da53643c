"""Unit tests for spacerace.timelines on a small hand-made table.

Every expected number below was worked out by hand (day counts written out in
the comments); years are 365.25 days, a year-only date sits on 1 July and a
month-only date on the 15th.
"""

from __future__ import annotations

import pandas as pd
import pytest

from spacerace.timelines import (
    CATEGORIES,
    add_when,
    firsts,
    parse_partial_date,
    plan_slippage,
    years_behind_leader,
)

COLUMNS = [
    "event_id", "date", "date_precision", "country", "category", "title",
    "outcome", "status", "announced_date", "original_target",
]


def _table(rows: list[tuple]) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=COLUMNS)


@pytest.fixture
def toy() -> pd.DataFrame:
    """Three actors A, B, C; ties, a failure, a partial, plans and a cancellation."""
    return _table(
        [
            # first satellite: C fails first, then A and C tie, B follows (year only)
            ("c-fail", "1959-06-01", "day", "C", "first satellite", "C fails", "failure", "achieved", None, None),
            ("a-sat", "1960-01-01", "day", "A", "first satellite", "A first", "success", "achieved", None, None),
            ("c-sat", "1960-01-01", "day", "C", "first satellite", "C first", "success", "achieved", None, None),
            ("a-sat2", "1961-05-05", "day", "A", "first satellite", "A second", "success", "achieved", None, None),
            ("b-sat", "1962", "year", "B", "first satellite", "B first", "success", "achieved", None, None),
            # Mars landing: A only partial (month precision), B full success later
            ("a-mars", "1971-12", "month", "A", "Mars landing", "A partial", "partial", "achieved", None, None),
            ("b-mars", "1976-07-20", "day", "B", "Mars landing", "B lands", "success", "achieved", None, None),
            # plans and a cancellation never count as firsts
            ("a-plan", "1980", "year", "A", "Mars landing", "A plan", None, "planned", "1975", None),
            ("b-canc", "1965", "year", "B", "crewed flight", "B cancelled", None, "cancelled", "1961", None),
            # slippage rows
            ("a-crew", "2027", "year", "A", "crewed flight", "A slipped", None, "delayed", "2025-08-15", "2022"),
            ("b-flyby", "2026-04", "month", "B", "lunar flyby", "B flew late", "success", "achieved", None, "2024-05"),
            ("c-venus", "1970-12-15", "day", "C", "Venus", "C early", "success", "achieved", None, "1971"),
        ]
    )


# ---------------------------------------------------------------- parse_partial_date


@pytest.mark.parametrize(
    ("text", "expected", "precision"),
    [
        ("1969-07-20", pd.Timestamp("1969-07-20"), "day"),
        ("1971-11", pd.Timestamp("1971-11-15"), "month"),
        ("1964", pd.Timestamp("1964-07-01"), "year"),
        (" 2024-02-29 ", pd.Timestamp("2024-02-29"), "day"),
    ],
)
def test_parse_partial_date_mid_anchor(text: str, expected: pd.Timestamp, precision: str) -> None:
    assert parse_partial_date(text) == (expected, precision)


def test_parse_partial_date_start_anchor() -> None:
    assert parse_partial_date("1964", anchor="start") == (pd.Timestamp("1964-01-01"), "year")
    assert parse_partial_date("1971-11", anchor="start") == (pd.Timestamp("1971-11-01"), "month")
    assert parse_partial_date("1971-11-30", anchor="start") == (pd.Timestamp("1971-11-30"), "day")


@pytest.mark.parametrize("bad", ["", "71", "1969/07/20", "1969-7-20", "July 1969", "1969-07-20T10:00"])
def test_parse_partial_date_rejects_other_forms(bad: str) -> None:
    with pytest.raises(ValueError, match="not an ISO partial date"):
        parse_partial_date(bad)


@pytest.mark.parametrize("bad", ["1971-13", "2023-02-30", "1971-00"])
def test_parse_partial_date_rejects_impossible_dates(bad: str) -> None:
    with pytest.raises(ValueError, match="not a valid"):
        parse_partial_date(bad)


def test_parse_partial_date_type_and_anchor_errors() -> None:
    with pytest.raises(TypeError, match="must be a string"):
        parse_partial_date(1969)  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="anchor must be"):
        parse_partial_date("1969", anchor="end")  # type: ignore[arg-type]


# ---------------------------------------------------------------- add_when


def test_add_when_adds_when_and_year(toy: pd.DataFrame) -> None:
    out = add_when(toy)
    assert list(out.columns[-2:]) == ["when", "year"]
    got = dict(zip(out["event_id"], out["when"]))
    assert got["b-sat"] == pd.Timestamp("1962-07-01")
    assert got["a-mars"] == pd.Timestamp("1971-12-15")
    assert out.loc[out["event_id"].eq("b-flyby"), "year"].item() == 2026
    assert "when" not in toy.columns  # input untouched


def test_add_when_reports_precision_mismatch() -> None:
    bad = _table([("x", "1962", "day", "A", "Venus", "t", "success", "achieved", None, None)])
    with pytest.raises(ValueError, match="precision 'year' but date_precision says 'day'"):
        add_when(bad)
    # the check can be switched off
    assert add_when(bad, precision_col=None)["when"].item() == pd.Timestamp("1962-07-01")


def test_add_when_lists_every_bad_row() -> None:
    bad = _table(
        [
            ("x", "1962-13", "month", "A", "Venus", "t", "success", "achieved", None, None),
            ("y", None, "day", "A", "Venus", "t", "success", "achieved", None, None),
        ]
    )
    with pytest.raises(ValueError, match="2 bad date") as info:
        add_when(bad)
    assert "row 0" in str(info.value) and "row 1" in str(info.value)


def test_add_when_missing_column() -> None:
    with pytest.raises(KeyError, match="'date' not found"):
        add_when(pd.DataFrame({"x": [1]}))


# ---------------------------------------------------------------- firsts


def test_firsts_ties_failures_and_year_precision(toy: pd.DataFrame) -> None:
    table = firsts(toy)
    sat = table[table["category"].eq("first satellite")].set_index("country")
    # C's 1959 failure is ignored; A and C tie on 1960-01-01 and share the lead
    assert set(sat.index) == {"A", "B", "C"}
    assert sat.loc["A", "is_leader"] and sat.loc["C", "is_leader"]
    assert sat.loc["A", "leader"] == "A/C"
    assert sat.loc["C", "event_id"] == "c-sat"
    assert sat.loc["A", "event_id"] == "a-sat"  # not the later a-sat2
    assert list(sat["rank"].sort_index()) == [1, 3, 1]
    # B: 1960-01-01 -> 1962-07-01 = 366 + 365 + 181 = 912 days
    assert sat.loc["B", "years_behind"] == pytest.approx(912 / 365.25)
    assert sat.loc["A", "years_behind"] == 0.0


def test_firsts_partial_rule(toy: pd.DataFrame) -> None:
    strict = firsts(toy)
    mars = strict[strict["category"].eq("Mars landing")]
    assert list(mars["country"]) == ["B"]  # A's partial does not count, nor its plan
    assert mars["is_leader"].item()

    loose = firsts(toy, include_partial=True)
    mars = loose[loose["category"].eq("Mars landing")].set_index("country")
    assert mars.loc["A", "is_leader"] and mars.loc["A", "date"] == "1971-12"
    # 1971-12-15 -> 1976-07-20 = 366 + 365 + 365 + 365 + 218 = 1679 days
    assert mars.loc["B", "years_behind"] == pytest.approx(1679 / 365.25)


def test_firsts_ignores_plans_and_cancellations(toy: pd.DataFrame) -> None:
    table = firsts(toy)
    assert "crewed flight" not in set(table["category"])
    assert not table["event_id"].isin(["a-plan", "b-canc", "a-crew", "c-fail"]).any()


def test_firsts_orders_categories_like_the_closed_list(toy: pd.DataFrame) -> None:
    cats = list(dict.fromkeys(firsts(toy)["category"]))
    assert cats == sorted(cats, key=CATEGORIES.index)


def test_firsts_country_map_merges_actors(toy: pd.DataFrame) -> None:
    table = firsts(toy, country_map={"C": "A"})
    sat = table[table["category"].eq("first satellite")].set_index("country")
    assert list(sat.index) == ["A", "B"]
    assert sat.loc["A", "leader"] == "A"
    assert sat.loc["B", "rank"] == 2


def test_firsts_empty_and_missing_columns() -> None:
    only_failures = _table([("f", "1960", "year", "A", "Venus", "t", "failure", "achieved", None, None)])
    empty = firsts(only_failures)
    assert empty.empty and "years_behind" in empty.columns
    with pytest.raises(KeyError, match="missing column"):
        firsts(only_failures.drop(columns=["outcome"]))


# ---------------------------------------------------------------- years_behind_leader


def test_years_behind_leader_values(toy: pd.DataFrame) -> None:
    summary = years_behind_leader(toy)
    by = summary.set_index("country")
    b_sat = 912 / 365.25
    # A: first satellite (led)                      -> 1 category, 1 led, all zeros
    assert by.loc["A"].tolist() == [1, 1, 0.0, 0.0, 0.0]
    # C: first satellite (tied lead) and Venus (only actor) -> 2 categories, 2 led
    assert by.loc["C"].tolist() == [2, 2, 0.0, 0.0, 0.0]
    # B: first satellite (2.497 y behind), Mars landing (led), lunar flyby (only actor)
    assert by.loc["B", "n_categories"] == 3 and by.loc["B", "n_led"] == 2
    assert by.loc["B", "median_years_behind"] == pytest.approx(0.0)
    assert by.loc["B", "mean_years_behind"] == pytest.approx(b_sat / 3)
    assert by.loc["B", "max_years_behind"] == pytest.approx(b_sat)
    # sorted by n_led desc (B and C: 2, A: 1), then median (0 for both), then country
    assert list(summary["country"]) == ["B", "C", "A"]


def test_years_behind_leader_partial_changes_the_lead(toy: pd.DataFrame) -> None:
    by = years_behind_leader(toy, include_partial=True).set_index("country")
    # A's partial Mars landing now counts and leads; B is 1679 days (4.6 years) behind there
    assert by.loc["A", ["n_categories", "n_led"]].tolist() == [2, 2]
    assert by.loc["B", "n_led"] == 1
    assert by.loc["B", "max_years_behind"] == pytest.approx(1679 / 365.25)


# ---------------------------------------------------------------- plan_slippage


def test_plan_slippage(toy: pd.DataFrame) -> None:
    slip = plan_slippage(toy)
    assert list(slip["event_id"]) == ["a-crew", "b-flyby", "c-venus"]
    got = dict(zip(slip["event_id"], slip["slip_years"]))
    # 2022-07-01 -> 2027-07-01 = 5 * 365 + 1 (29 Feb 2024) = 1826 days
    assert got["a-crew"] == pytest.approx(1826 / 365.25)
    # 2024-05-15 -> 2026-04-15 = 365 + 335 = 700 days
    assert got["b-flyby"] == pytest.approx(700 / 365.25)
    # achieved early: 1971-07-01 -> 1970-12-15 = -198 days
    assert got["c-venus"] == pytest.approx(-198 / 365.25)
    assert slip.set_index("event_id")["resolved"].to_dict() == {
        "a-crew": False, "b-flyby": True, "c-venus": True,
    }
    assert slip.loc[slip["event_id"].eq("a-crew"), "announced_date"].item() == "2025-08-15"


def test_plan_slippage_errors(toy: pd.DataFrame) -> None:
    with pytest.raises(KeyError, match="original_target"):
        plan_slippage(toy.drop(columns=["original_target"]))
    bad = toy.copy()
    bad.loc[bad["event_id"].eq("a-crew"), "original_target"] = "20222"
    with pytest.raises(ValueError, match="original_target"):
        plan_slippage(bad)
    none = toy.assign(original_target=None)
    assert plan_slippage(none).empty


def test_add_when_accepts_years_read_as_numbers() -> None:
    years = pd.DataFrame({"date": [1964, 1970.0], "date_precision": ["year", "year"]})
    out = add_when(years)
    assert list(out["when"]) == [pd.Timestamp("1964-07-01"), pd.Timestamp("1970-07-01")]
    with pytest.raises(ValueError, match="empty or non-string"):
        add_when(pd.DataFrame({"date": [float("nan")], "date_precision": ["year"]}))
