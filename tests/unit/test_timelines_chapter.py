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
