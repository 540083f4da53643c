"""Unit tests for spacerace.launch_record, the helpers of the launch record chapter.

Every expected value is worked out by hand in the comments, on small made-up tables with the
agreed columns of the data package.
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest

from spacerace import launch_record as lr


# --------------------------------------------------------------------------- selection and interval


def test_check_selection_defaults_lineage_and_errors() -> None:
    assert lr.check_selection([], 1957, 2024) == list(lr.DEFAULT_COUNTRIES)
    assert lr.check_selection(["SUN", "RUS", "IND"], 2000, 2024) == ["RUS", "IND"]  # one lineage, order kept
    with pytest.raises(ValueError, match="XXX"):
        lr.check_selection(["XXX"], 2000, 2024)
    with pytest.raises(ValueError, match="first_year"):
        lr.check_selection([], 2024, 2000)
    with pytest.raises(ValueError, match="min_attempts"):
        lr.check_selection([], 2000, 2024, min_attempts=0)


def test_wilson_interval_hand_worked() -> None:
    # 0 of 1: z² = 3.8415, 1 + z² = 4.8415; centre = half = (z²/2) / 4.8415 = 0.3967 -> [0, 0.7935].
    low, high = lr.wilson_interval(0, 1)
    assert float(low) == pytest.approx(0.0, abs=1e-12) and float(high) == pytest.approx(0.7935, abs=1e-4)
    # 8 of 10: denominator 1.38415; centre (0.8 + 0.19207) / 1.38415 = 0.71674;
    # half = 1.96 * sqrt(0.016 + 0.0096037) / 1.38415 = 0.22658 -> [0.4902, 0.9433].
    low, high = lr.wilson_interval(8, 10)
    assert (float(low), float(high)) == pytest.approx((0.4902, 0.9433), abs=1e-4)
    # 2 of 2: centre (1 + 0.96) / 2.92 = 0.6712, half = 1.96 * sqrt(0.24010) / 2.92 = 0.3289 -> [0.3424, 1].
    low, high = lr.wilson_interval(2, 2)
    assert (float(low), float(high)) == pytest.approx((0.3424, 1.0), abs=1e-4)
    # arrays, and n = 0 is undefined rather than an error
    low, high = lr.wilson_interval(np.array([5, 0]), np.array([10, 0]))
    assert low[0] == pytest.approx(1 - high[0]) and math.isnan(low[1]) and math.isnan(high[1])


def test_percent() -> None:
    assert lr.percent(71.0) == "71%" and lr.percent(61.46, 78.99) == "61–79%"
    assert lr.percent(math.nan) == "n/a" and lr.percent(math.nan, math.nan) == "n/a"


def test_period_label() -> None:
    assert lr.period_label(1990, 1957, 2024) == "1990s"
    assert lr.period_label(2020, 1957, 2024) == "2020–2024"
    assert lr.period_label(1950, 1957, 2024) == "1957–1959"
    assert lr.period_label(2000, 2005, 2005) == "2005"


# --------------------------------------------------------------------------- success rates


@pytest.fixture
def launches() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "year": [1989, 1991, 1992, 1995, 2021, 2024, 2024, 1999],
            "country": ["SUN", "SUN", "RUS", "RUS", "IND", "IND", "USA", "JPN"],
            "attempts": [10, 8, 4, 2, 2, 3, 0, 1],
            "successes": [9, 8, 3, 2, 1, 3, 0, 0],
        }
    )


def test_success_by_decade_sums_lineage_and_cuts_the_window(launches: pd.DataFrame) -> None:
    out = lr.success_by_decade(launches, ["IND", "RUS", "USA"], 1957, 2024, min_attempts=5)
    # RUS 1980s: SUN 1989 10/9. RUS 1990s: SUN 1991 8/8 + RUS 1992 4/3 + RUS 1995 2/2 = 14/13.
    # IND 2020s: 2/1 + 3/3 = 5/4. USA: 0 attempts, no row. JPN not chosen.
    assert out[["country", "period", "attempts", "successes", "failures"]].values.tolist() == [
        ["IND", "2020–2024", 5, 4, 1],
        ["RUS", "1980s", 10, 9, 1],
        ["RUS", "1990s", 14, 13, 1],
    ]
    assert out["rate"].tolist() == pytest.approx([0.8, 0.9, 13 / 14])
    assert out["shown"].tolist() == [True, True, True]
    assert out["name"].tolist()[1] == "USSR / Russia"
    assert (out["low"] <= out["rate"]).all() and (out["rate"] <= out["high"]).all()
    # IND 4/5: Wilson 0.376-0.964; RUS 1990s 13/14: 0.685-0.987 (latest period of each country).
    assert lr.latest_rates(out) == "India 80% (38–96%) of 5 attempts in 2020–2024; USSR / Russia 93% (69–99%) of 14 attempts in 1990s"
    # Latest periods: IND 2020-2024 (5 attempts), RUS 1990s (14): India is the smallest.
    assert lr.smallest_latest(out) == {"name": "India", "period": "2020–2024", "attempts": "5", "low": "38%", "high": "96%"}
    assert lr.smallest_latest(out.iloc[0:0])["name"] == "none"  # a run whose countries never launched
    table = lr.latest_table(out)
    assert table.values.tolist() == [["India", "2020–2024", 5, 1, "80%", "38–96%"], ["USSR / Russia", "1990s", 14, 1, "93%", "69–99%"]]
    few = lr.success_by_decade(launches, ["IND"], 2021, 2021, min_attempts=5)
    assert few[["period", "attempts", "shown"]].values.tolist() == [["2021", 2, False]]


# --------------------------------------------------------------------------- first flights


@pytest.fixture
def debuts() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "vehicle": ["H3", "H3", "H3", "SSLV", "SSLV", "Nuri", "Nuri", "Angara"],
            "vehicle_family": ["H3", "H3", "H3", "SSLV", "SSLV", "Nuri", "Nuri", "Angara"],
            "country": ["JPN", "JPN", "JPN", "IND", "IND", "KOR", "KOR", "RUS"],
            "operator": ["government"] * 8,
            "flight_number": [1, 2, 3, 1, 2, 1, 2, 1],
            "date": ["2023-03-07", "2024-02-17", "2024-07-01", "2022-08-07", "2023-02-10", "2021-10-21", "2022-06-21", "2014-07-09"],
            "outcome": ["failure", "success", "success", "failure", "success", "failure", "success", "success"],
        }
    )


def test_debut_flights_filters_and_orders(debuts: pd.DataFrame) -> None:
    rows = lr.debut_flights(debuts, ["JPN", "IND", "RUS"], 2015, 2024)  # Angara first flew 2014: out; Nuri: KOR not chosen
    assert rows["label"].tolist() == ["H3 (JPN)"] * 3 + ["SSLV (IND)"] * 2
    assert rows["flight_number"].tolist() == [1, 2, 3, 1, 2]
    cut = lr.debut_flights(debuts, ["JPN"], 2015, 2023)  # H3's 2024 flights fall after last_year
    assert cut["flight_number"].tolist() == [1]


def test_debut_numbers_hand_worked(debuts: pd.DataFrame) -> None:
    rows = lr.debut_flights(debuts, ["JPN", "IND", "KOR", "RUS"], 1990, 2024)
    numbers = lr.debut_numbers(rows)
    # First flights: H3 F, SSLV F, Nuri F, Angara S -> 1 of 4. Later flights: H3 S S, SSLV S, Nuri S -> 4 of 4.
    assert (numbers["n_vehicles"], numbers["n_first_flights"], numbers["n_first_ok"]) == (4, 4, 1)
    assert (numbers["n_later_flights"], numbers["n_later_ok"]) == (4, 4)
    assert numbers["first_rate"] == pytest.approx(25.0) and numbers["later_rate"] == pytest.approx(100.0)
    assert numbers["first_low"] < 25 < numbers["first_high"] and numbers["later_high"] == pytest.approx(100.0)


# --------------------------------------------------------------------------- government and commercial


@pytest.fixture
def outcomes() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "year": [2023, 2023, 2023, 2024, 2024, 2024, 1990],
            "country": ["USA", "USA", "USA", "USA", "CHN", "CHN", "SUN"],
            "vehicle_family": ["Falcon 9", "Starship", "Atlas V", "Falcon 9", "Chang Zheng 2", "Ceres-1", "Soyuz"],
            "operator": ["commercial", "commercial", "commercial", "commercial", "government", "commercial", "government"],
            "payload_use": ["commercial", "unknown", "military", "civil", "military", "commercial", "civil"],
            "attempts": [60, 2, 3, 100, 10, 5, 40],
            "successes": [60, 0, 3, 99, 10, 4, 39],
            "failures": [0, 2, 0, 1, 0, 1, 1],
        }
    )


def test_drop_starship(outcomes: pd.DataFrame) -> None:
    assert lr.drop_starship(outcomes, True)["attempts"].sum() == 220
    assert lr.drop_starship(outcomes, False)["attempts"].sum() == 218  # the 2 Starship attempts of 2023 go


def test_by_year_and_share(outcomes: pd.DataFrame) -> None:
    counts = lr.by_year(outcomes, ["USA", "CHN", "RUS"], 1957, 2024, "operator")
    # USA 2023 commercial 60 + 2 + 3 = 65; USA 2024 commercial 100; CHN 2024 commercial 5, government 10; RUS 1990 gov 40.
    assert counts[["country", "year", "operator", "attempts"]].values.tolist() == [
        ["USA", 2023, "commercial", 65], ["USA", 2024, "commercial", 100],
        ["CHN", 2024, "commercial", 5], ["CHN", 2024, "government", 10],
        ["RUS", 1990, "government", 40],
    ]
    shares = lr.share_of(counts, "operator", "commercial", (2020, 2024))
    # USA 165 of 165 = 100%; CHN 5 of 15 = 33.3%; RUS has no attempts in 2020-2024: left out.
    assert shares.to_dict() == pytest.approx({"CHN": 100 / 3, "USA": 100.0})
    payloads = lr.by_year(lr.drop_starship(outcomes, False), ["USA"], 2023, 2023, "payload_use")
    assert payloads.set_index("payload_use")["attempts"].to_dict() == {"commercial": 60, "military": 3}


# --------------------------------------------------------------------------- registered objects and constellations


@pytest.fixture
def objects() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "entity": ["World", "United States", "Russia", "Soviet Union", "India", "European Space Agency", "Intelsat", "World", "United States"],
            "code": [None, "USA", "RUS", "SUN", "IND", "ESA", None, None, "USA"],
            "kind": ["world", "country", "country", "country", "country", "organisation", "organisation", "world", "country"],
            "year": [2020, 2020, 2020, 1990, 2020, 2020, 2020, 2021, 2021],
            "objects": [1000, 800, 20, 50, 5, 3, 2, 1500, 1200],
        }
    )


def test_registered_series_and_totals(objects: pd.DataFrame) -> None:
    series = lr.registered_series(objects, ["USA", "RUS", "IND"], 1957, 2024)
    # World and Intelsat rows are never a country; SUN 1990 joins RUS.
    assert series[["country", "year", "objects"]].values.tolist() == [
        ["IND", 2020, 5], ["RUS", 1990, 50], ["RUS", 2020, 20], ["USA", 2020, 800], ["USA", 2021, 1200],
    ]
    totals = lr.registered_totals(objects, ["USA", "IND"], 2020, 2021)
    # World 2020-2021 = 1000 + 1500 = 2500; USA 800 + 1200 = 2000 (80%); IND 5 (0.2%).
    assert totals[["country", "objects"]].values.tolist() == [["USA", 2000], ["IND", 5]]
    assert totals["share"].tolist() == pytest.approx([80.0, 0.2])


def test_registered_totals_without_a_world_row(objects: pd.DataFrame) -> None:
    no_world = objects[objects["kind"] != "world"]
    totals = lr.registered_totals(no_world, ["USA"], 2020, 2020)
    # World = every row of 2020: 800 + 20 + 5 + 3 + 2 = 830.
    assert totals["share"].tolist() == pytest.approx([100 * 800 / 830])


def test_constellation_series_pools_the_small_ones() -> None:
    rows = pd.DataFrame(
        {
            "constellation": ["Starlink", "Starlink", "OneWeb", "Qianfan", "Guowang", "Kuiper"],
            "country": ["USA", "USA", "GBR", "CHN", "CHN", "USA"],
            "year": [2023, 2024, 2023, 2024, 2024, 2023],
            "payloads": [1900, 2000, 80, 54, 10, 2],
        }
    )
    out = lr.constellation_series(rows, 2023, 2024, keep=2)
    # Largest two: Starlink 3900, OneWeb 80; Qianfan 54 + Guowang 10 (2024) and Kuiper 2 (2023) pooled.
    assert out.values.tolist() == [
        ["Starlink", 2023, 1900], ["Starlink", 2024, 2000], ["OneWeb", 2023, 80],
        ["other constellations", 2023, 2], ["other constellations", 2024, 64],
    ]


@pytest.fixture
def asat() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "test_id": ["rus-2021", "chn-2007", "ind-2019"], "date": pd.to_datetime(["2021-11-15", "2007-01-11", "2019-03-27"]),
            "country": ["RUS", "CHN", "IND"], "interceptor": ["Nudol", "SC-19", "PDV"],
            "target": ["Kosmos 1408, a defunct satellite", "Fengyun-1C (FY-1C), a weather satellite", "Microsat-R"],
            "altitude_km": pd.array([480, 850, 300], dtype="Int64"),
            "debris_catalogued": pd.array([604, 3037, 101], dtype="Int64"),
            "debris_in_orbit": pd.array([591, None, 49], dtype="Int64"),
            "debris_as_of": ["2021-12-17", "2010-09", "2019-07-15"], "source_kind": ["official", "press", "press"],
        }
    )


def test_asat_display(asat: pd.DataFrame) -> None:
    out = lr.asat_display(asat)
    assert out["date"].tolist() == ["2007-01-11", "2019-03-27", "2021-11-15"]  # in time order
    assert out["country"].tolist() == ["China", "India", "Russia"]  # a 2021 test: Russia, not the lineage
    assert pd.isna(out.loc[0, "in orbit"]) and out.loc[0, "as of"] == "2010-09"  # a month stays a month
    assert out["target"].tolist() == ["Fengyun-1C (FY-1C)", "Microsat-R", "Kosmos 1408"]
    assert list(out.columns)[2:4] == ["catalogued", "in orbit"]  # the counts first: a phone sees them


def test_asat_remaining(asat: pd.DataFrame) -> None:
    # Fengyun-1C has no count in orbit: left out. 49/101 = 48.5% -> 49%; 591/604 = 97.8% -> 98%.
    assert lr.asat_remaining(asat) == (
        "Microsat-R: 49 of 101 catalogued pieces (49%) on 2019-07-15; Kosmos 1408: 591 of 604 catalogued pieces (98%) on 2021-12-17"
    )
    assert lr.asat_remaining(asat.assign(debris_in_orbit=pd.array([None] * 3, dtype="Int64"))) == "none"


def test_year_bars_passes_one_row_per_country_and_year(outcomes: pd.DataFrame) -> None:
    counts = lr.by_year(outcomes, ["USA", "CHN"], 2023, 2024, "payload_use")
    spec = lr.year_bars(counts, "payload_use", "payload", "Payload use").to_dict()
    rows = next(iter(spec["datasets"].values()))
    # USA 2023, USA 2024, CHN 2024: three rows, one column per payload use drawn (zeros filled).
    assert len(rows) == 3
    usa_2023 = next(r for r in rows if r["name"] == "United States" and r["year"] == 2023)
    assert (usa_2023["commercial"], usa_2023["military"], usa_2023["unknown"], usa_2023["civil"]) == (60, 3, 2, 0)


def test_without_constellations_subtracts_by_launch_year(objects: pd.DataFrame) -> None:
    series = lr.registered_series(objects, ["USA", "RUS"], 1957, 2024)
    constellations = pd.DataFrame(
        {
            "constellation": ["Starlink", "Starlink", "Kuiper", "OneWeb"],
            "country": ["USA", "USA", "USA", "GBR"],
            "year": [2020, 2021, 2021, 2020],
            "payloads": [700, 1150, 0, 100],
        }
    )
    out = lr.without_constellations(series, constellations)
    # USA 2020: 800 - 700 = 100; 2021: 1200 - 1150 - 0 = 50. RUS has no constellation; OneWeb (GBR) not chosen.
    assert out[["country", "year", "objects"]].values.tolist() == [["USA", 2020, 100], ["USA", 2021, 50]]
    assert out["label"].tolist() == ["United States without Starlink"] * 2  # Kuiper launched nothing here


def test_year_ticks_are_round_and_few() -> None:
    assert lr.year_ticks(pd.Series([1957, 2024])) == [1960, 1980, 2000, 2020]
    assert lr.year_ticks(pd.Series([2000, 2024])) == [2000, 2005, 2010, 2015, 2020]
    assert lr.year_ticks(pd.Series([2015, 2024])) == [2015, 2020]


# --------------------------------------------------------------------------- words for the prose


def test_share_label_never_rounds_to_all_or_nothing() -> None:
    assert lr.share_label(99.6) == ">99%" and lr.share_label(99.4) == "99%" and lr.share_label(100.0) == "100%"
    assert lr.share_label(0.3) == "<1%" and lr.share_label(0.0) == "0%" and lr.share_label(99.96, 1) == ">99.9%"
    assert lr.percent_list(pd.Series({"USA": 99.7, "CHN": 60.2})) == "United States >99%, China 60%"


def test_hidden_decades_names_them(launches: pd.DataFrame) -> None:
    rates = lr.success_by_decade(launches, ["RUS", "IND", "JPN"], 1957, 2024, min_attempts=3)
    # RUS 1980s 10 and 1990s 14 shown; IND 2020-2024: 5 shown; JPN 1990s: 1 attempt hidden.
    assert lr.hidden_decades(rates) == "Not drawn for too few attempts (1 decade): Japan in the 1990s."
    rates = lr.success_by_decade(launches, ["RUS", "IND", "JPN"], 1957, 2024, min_attempts=20)
    assert lr.hidden_decades(rates) == (
        "Not drawn for too few attempts (4 decades): USSR / Russia in the 1980s and 1990s; India in 2020–2024; Japan in the 1990s."
    )
    assert lr.hidden_decades(rates.assign(shown=True)) == "Every decade of this run has enough attempts to be drawn."


def test_rate_floor() -> None:
    assert lr.rate_floor(pd.DataFrame({"low": [0.93, 0.47, 0.8]})) == pytest.approx(0.4)
    assert lr.rate_floor(pd.DataFrame({"low": [0.4]})) == pytest.approx(0.4)  # a bound on a step stays
    assert lr.rate_floor(pd.DataFrame({"low": []})) == 0.0


def test_with_zero_years_fills_the_gaps(objects: pd.DataFrame) -> None:
    series = lr.registered_series(objects, ["RUS", "IND"], 1957, 2024)
    out = lr.with_zero_years(series, 2021)
    # RUS: 1990 (50), then zeros, 2020 (20), 2021 (0): the table ends in 2021. IND from 2020.
    rus = out[out["country"] == "RUS"].set_index("year")["objects"]
    assert rus.index.tolist() == list(range(1990, 2022)) and rus[1990] == 50 and rus[2020] == 20 and rus[2005] == 0
    assert out[out["country"] == "IND"][["year", "objects"]].values.tolist() == [[2020, 5], [2021, 0]]
    assert set(out["name"]) == {"USSR / Russia", "India"}


def test_own_constellations_and_slivers() -> None:
    rows = pd.DataFrame({
        "constellation": ["Starlink", "Kuiper", "OneWeb", "Starlink"], "country": ["USA", "USA", "GBR", "USA"],
        "year": [2023, 2023, 2023, 2024], "payloads": [1900, 2, 80, 2000],
    })
    series = pd.DataFrame({"country": ["USA", "CHN"], "name": ["United States", "China"]})
    assert lr.own_constellations(series, rows) == "the United States (Starlink and Kuiper)"
    assert lr.own_constellations(series[series["country"] == "CHN"], rows) == "none"
    fleets = lr.constellation_series(rows, 2023, 2024)
    # Tallest year 2023: 1982; 1% of it is 19.8: Kuiper (2) is a sliver, OneWeb (80) is not.
    assert lr.slivers(fleets) == "Kuiper: only 2 satellites"
    assert lr.slivers(fleets[fleets["constellation"] != "Kuiper"]) == ""


def test_debut_summary(debuts: pd.DataFrame) -> None:
    assert lr.debut_summary(debuts, "JPN") == "H3 (2023, failed)"
    both = pd.concat([debuts, debuts[debuts["vehicle"] == "Nuri"].assign(vehicle="ADD TV2", date="2023-12-04", outcome="success")])
    assert lr.debut_summary(both, "KOR") == "Nuri (2021, failed) and ADD TV2 (2023, succeeded)"
    assert lr.debut_summary(debuts, "ISR") == "none"


def test_asat_words(asat: pd.DataFrame) -> None:
    notes = ["", "Debris: NASA's report: 3,037 catalogued pieces, 97 percent of the debris still in orbit; more", ""]
    tests = asat.assign(source_note=notes, debris_catalogued=pd.array([None, 3037, 101], dtype="Int64"))
    # Fengyun-1C: 2007-01-11 to 2010-09 is 3 years and 8 months.
    assert lr.asat_share_left(tests) == (
        "97% of Fengyun-1C's 3,037 catalogued pieces were still in orbit in September 2010, more than 3 years after the test"
    )
    assert lr.asat_share_left(asat.assign(source_note="")) == ""
    assert lr.asat_uncatalogued(tests) == "Russia"
    assert lr.asat_uncatalogued(tests.assign(country=["USA", "CHN", "IND"])) == "the United States"
