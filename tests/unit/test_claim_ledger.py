"""Tests for spacerace.claims: the claim ledger's checks, on hand-made tables and on the real data.

(Named test_claim_ledger.py, not test_claims.py: tests/data/test_claims.py already has that module
name and the suite has no packages, so pytest would refuse two modules called test_claims.)
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from spacerace import claims, data
from spacerace.claims import CHECKS, CheckResult, Settings, UnknownCheckError, evaluate

DATA = Path(__file__).resolve().parents[2] / "data"


# --------------------------------------------------------------------------- fixtures


def _lunar_landings_from_csv() -> pd.DataFrame:
    """The shipped lunar landings, typed as data.load would type them (used until the descriptor is merged)."""
    frame = pd.read_csv(DATA / "lunar_landings.csv", dtype=str, keep_default_na=False, na_values=[""])
    frame["landing_date"] = pd.to_datetime(frame["landing_date"], format="%Y-%m-%d")
    for column in ("latitude_deg", "longitude_deg"):
        frame[column] = frame[column].astype(float)
    frame["soft_landing"] = frame["soft_landing"].str.lower().map({"true": True, "false": False}).astype("boolean")
    return frame


@pytest.fixture(scope="module")
def real_datasets() -> dict[str, pd.DataFrame]:
    """Every dataset the checks use that the data package has, plus lunar_landings."""
    names = set(data.resource_names())
    datasets = {name: data.load(name) for name in claims.DATASETS if name in names}
    if "lunar_landings" not in datasets:
        datasets["lunar_landings"] = _lunar_landings_from_csv()
    return datasets


@pytest.fixture(scope="module")
def claims_table() -> pd.DataFrame:
    return data.load("claims")


def landings(rows: list[tuple[str, str, str, str, float]]) -> pd.DataFrame:
    """A lunar_landings table from (mission, mission_id, country, date, latitude) tuples."""
    frame = pd.DataFrame(rows, columns=["mission", "mission_id", "country", "landing_date", "latitude_deg"])
    frame["landing_date"] = pd.to_datetime(frame["landing_date"])
    frame["longitude_deg"] = 0.0
    frame["soft_landing"] = pd.array([True] * len(frame), dtype="boolean")
    frame["source_url"] = "https://example.org/" + frame["mission_id"].fillna("x")
    return frame


def cost_tables(amount: float = 6150.0, operations: bool | None = None, kind: str = "initial estimate") -> dict[str, pd.DataFrame]:
    """Chandrayaan-3's cost row with round economic series (INR 75 per USD in 2020, 82 in 2023; CPI +20%)."""
    costs = pd.DataFrame(
        {
            "cost_id": ["chandrayaan-3-1"],
            "mission_id": ["chandrayaan-3"],
            "amount_million": [amount],
            "currency": ["INR"],
            "price_year": pd.array([2020], dtype="Int64"),
            "stated_year": pd.array([2020], dtype="Int64"),
            "covers_development": pd.array([True], dtype="boolean"),
            "covers_launch": pd.array([True], dtype="boolean"),
            "covers_operations": pd.array([operations], dtype="boolean"),
            "figure_kind": [kind],
            "source_url": ["https://example.org/isro"],
        }
    )
    fx = pd.DataFrame({"currency": ["INR", "INR"], "year": [2020, 2023], "per_usd": [75.0, 82.0]})
    cpi = pd.DataFrame({"currency": ["INR", "INR", "USD", "USD"], "year": [2020, 2023, 2020, 2023], "index": [100.0, 120.0, 100.0, 110.0]})
    return {"mission_costs": costs, "exchange_rates": fx, "cpi": cpi}


# --------------------------------------------------------------------------- basics


def test_levenshtein_counts_edits() -> None:
    assert claims.levenshtein("Tianwan", "Tianwen") == 1
    assert claims.levenshtein("Calisto", "Callisto") == 1
    assert claims.levenshtein("moon", "Moon") == 0
    assert claims.levenshtein("", "abc") == 3
    assert claims.levenshtein("kitten", "sitting") == 3


def test_check_result_refuses_an_unknown_verdict() -> None:
    with pytest.raises(ValueError, match="verdict must be one of"):
        CheckResult("probably true", "x")


def test_a_missing_dataset_makes_a_check_unverifiable_and_says_which() -> None:
    result = CHECKS["first_southern_hemisphere_landing"]({})
    assert result.verdict == "unverifiable"
    assert "lunar_landings" in result.evidence


def test_a_missing_column_makes_a_check_unverifiable_and_names_it() -> None:
    table = landings([("Chandrayaan-3", "chandrayaan-3", "IND", "2023-08-23", -69.373)]).drop(columns=["latitude_deg"])
    result = CHECKS["first_southern_hemisphere_landing"]({"lunar_landings": table})
    assert result.verdict == "unverifiable"
    assert "latitude_deg" in result.evidence


# --------------------------------------------------------------------------- spellings


def test_tianwan_is_a_misspelling_of_the_mission_names() -> None:
    missions = pd.DataFrame({"name": ["Tianwen-3 (Mars sample return)", "Chang'e 6"], "source_url": ["https://example.org/t3", "https://example.org/c6"]})
    result = CHECKS["spelling_tianwen"]({"missions": missions})
    assert result.verdict == "contradicted"
    assert result.value == {"article": "Tianwan", "data": "Tianwen", "distance": 1, "rows": 1}
    assert "'Tianwen'" in result.evidence and "'Tianwan'" in result.evidence
    assert result.source_url == "https://example.org/t3"


def test_the_spelling_check_reads_the_data_not_a_constant() -> None:
    spelled_like_the_article = pd.DataFrame({"name": ["Tianwan-3"], "source_url": ["https://example.org"]})
    assert CHECKS["spelling_tianwen"]({"missions": spelled_like_the_article}).verdict == "supported"
    nothing_close = pd.DataFrame({"name": ["Chandrayaan-3"], "source_url": ["https://example.org"]})
    assert CHECKS["spelling_tianwen"]({"missions": nothing_close}).verdict == "unverifiable"


def test_calisto_is_a_misspelling_of_the_target_body_and_milestones_count_too() -> None:
    missions = pd.DataFrame({"target_body": ["Mars"], "source_url": ["https://example.org/m"]})
    milestones = pd.DataFrame({"title": ["Tianwen-4 launch towards Jupiter and Callisto"], "source_url": ["https://example.org/t4"]})
    result = CHECKS["spelling_callisto"]({"missions": missions, "milestones": milestones})
    assert result.verdict == "contradicted"
    assert "milestones.title" in result.evidence


def test_the_article_tokens_are_those_quoted_in_the_claims(claims_table: pd.DataFrame) -> None:
    quoted = claims_table.set_index("check")["quoted_figure"]
    for check, token in claims.ARTICLE_SPELLINGS.items():
        assert token in quoted[check]


# --------------------------------------------------------------------------- landings


def test_an_earlier_southern_landing_contradicts_the_southern_hemisphere_first() -> None:
    table = landings(
        [
            ("Luna 9", None, "SUN", "1966-02-03", 7.08),
            ("Surveyor 1", None, "USA", "1966-06-02", -2.45),
            ("Chandrayaan-3", "chandrayaan-3", "IND", "2023-08-23", -69.373),
        ]
    )
    result = CHECKS["first_southern_hemisphere_landing"]({"lunar_landings": table})
    assert result.verdict == "contradicted"
    assert "Surveyor 1 (USA, 1966-06-02, 2.45° S)" in result.evidence
    assert result.value["earlier_southern"] == 1
    assert result.value["first_south_polar"] == "Chandrayaan-3"  # what it was really first at
    assert result.source_url == "https://example.org/x"  # Surveyor 1's row (no mission_id)


def test_without_earlier_southern_landings_the_claim_is_supported() -> None:
    table = landings([("Luna 9", None, "SUN", "1966-02-03", 7.08), ("Chandrayaan-3", "chandrayaan-3", "IND", "2023-08-23", -69.373)])
    result = CHECKS["first_southern_hemisphere_landing"]({"lunar_landings": table})
    assert result.verdict == "supported"


def test_first_landing_poleward_of() -> None:
    table = landings([("Surveyor 7", None, "USA", "1968-01-10", -40.86), ("IM-1", "im-1", "USA", "2024-02-22", -80.13), ("Chandrayaan-3", "chandrayaan-3", "IND", "2023-08-23", -69.373)])
    assert claims.first_landing_poleward_of(table, -60)["mission"] == "Chandrayaan-3"
    assert claims.first_landing_poleward_of(table, -75)["mission"] == "IM-1"
    assert claims.first_landing_poleward_of(table, -85) is None
    assert claims.first_landing_poleward_of(table, 30) is None


# --------------------------------------------------------------------------- costs


def test_75_million_is_the_2020_rupee_figure_at_2023_rates() -> None:
    result = CHECKS["chandrayaan3_cost_usd"](cost_tables())
    # 6,150 / 75 = 82.0 at the 2020 rate; 6,150 / 82 = 75.0 at the 2023 rate; 6,150 x 1.2 / 82 = 90.0 in 2023 prices.
    assert result.verdict == "partly supported"
    assert "INR 6,150 million (2020) = USD 82.0 million at the 2020 rate" in result.evidence
    assert "USD 75.0 million at the 2023 rate" in result.evidence
    assert "USD 90.0 million in 2023 prices" in result.evidence
    assert "spacecraft + launch" in result.evidence
    assert result.value["usd_at_press_year_rate"] == pytest.approx(75.0)


def test_a_much_larger_rupee_figure_contradicts_75_million() -> None:
    assert CHECKS["chandrayaan3_cost_usd"](cost_tables(amount=61_500.0)).verdict == "contradicted"


def test_a_full_scope_final_cost_that_matches_is_supported() -> None:
    result = CHECKS["chandrayaan3_cost_usd"](cost_tables(operations=True, kind="final cost"))
    assert result.verdict == "supported"


def test_a_year_the_series_do_not_cover_is_unverifiable_not_an_error() -> None:
    result = CHECKS["chandrayaan3_cost_usd"](cost_tables(), Settings(base_year=1990))
    assert result.verdict == "unverifiable"
    assert "1990" in result.evidence


# --------------------------------------------------------------------------- launches and memberships


def launch_table(japan: dict[int, int], world_other: dict[int, int]) -> pd.DataFrame:
    """Yearly attempts for JPN and for the rest of the world (as USA) from {year: attempts}."""
    rows = [(y, "JPN", n) for y, n in japan.items()] + [(y, "USA", n) for y, n in world_other.items()]
    return pd.DataFrame(rows, columns=["year", "country", "attempts"]).assign(successes=1, source_url="https://example.org/gcat")


def japan_milestones(years: list[int]) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "date": [str(y) for y in years],
            "country": "JPN",
            "outcome": "success",
            "status": "achieved",
            "title": [f"milestone {y}" for y in years],
            "source_url": "https://example.org/m",
        }
    )


def test_japan_is_judged_over_two_decades_not_one_bad_year() -> None:
    # Japan: 4 a year, then 4 a year with a single launch in 2022 and 7 in 2024 (the pattern of the real data);
    # the rest of the world doubles. Five-year windows would turn on 2022; decades do not.
    japan = {y: 4 for y in range(2005, 2025)} | {2022: 1, 2024: 7}
    world = {y: 50 if y < 2015 else 100 for y in range(2005, 2025)}
    result = CHECKS["japan_launch_growth_vs_world"]({"launches": launch_table(japan, world)})
    # JPN 40 -> 40 (x1.00), world 540 -> 1040 (x1.93): no growth, share falls, no milestones table
    assert result.verdict == "contradicted"
    assert "2005-2014 → 2015-2024: JPN 40 → 40 (x1.00), world 540 → 1040 (x1.93)" in result.evidence
    assert "7.4% → 3.8%" in result.evidence


def test_japan_verdict_flips_with_the_data() -> None:
    """The hen-11 check can return each of its three verdicts."""
    flat = {y: 4 for y in range(2005, 2025)}
    world = {y: 50 if y < 2015 else 100 for y in range(2005, 2025)}
    growing = {y: 4 if y < 2015 else 6 for y in range(2005, 2025)}
    soaring = {y: 4 if y < 2015 else 12 for y in range(2005, 2025)}
    check = CHECKS["japan_launch_growth_vs_world"]
    assert check({"launches": launch_table(flat, world)}).verdict == "contradicted"
    # more milestones in the recent decade, launches flat: activity grew, not faster than the world
    busier = check({"launches": launch_table(flat, world), "milestones": japan_milestones([2008, 2016, 2020, 2024])})
    assert busier.verdict == "partly supported"
    assert "1 in 2005-2014 (2008 milestone 2008), against 3 in 2015-2024" in busier.evidence
    assert check({"launches": launch_table(growing, world)}).verdict == "partly supported"  # x1.5 against x1.9
    assert check({"launches": launch_table(soaring, world)}).verdict == "supported"  # x3.0 against x2.1


def test_first_asian_launch_tie_is_broken_by_milestone_dates_when_present() -> None:
    launches = pd.DataFrame({"year": [1970, 1970, 1980], "country": ["JPN", "CHN", "IND"], "attempts": [1, 1, 1], "successes": [1, 1, 1]})
    regions = pd.DataFrame({"country": ["JPN", "CHN", "IND"], "region": ["Asia"] * 3})
    milestones = pd.DataFrame(
        {
            "country": ["JPN", "CHN"],
            "category": ["first satellite"] * 2,
            "outcome": ["success"] * 2,
            "date_precision": ["day"] * 2,
            "date": ["1970-02-11", "1970-04-24"],
            "source_url": ["https://example.org/jpn", "https://example.org/chn"],
        }
    )
    tied = {"launches": launches, "regions": regions}
    assert CHECKS["first_asian_orbital_launch"](tied).verdict == "partly supported"
    resolved = CHECKS["first_asian_orbital_launch"]({**tied, "milestones": milestones})
    assert resolved.verdict == "supported"
    assert "JPN 1970-02-11, CHN 1970-04-24" in resolved.evidence


def test_thailand_joined_the_ilrs_before_the_artemis_accords() -> None:
    memberships = pd.DataFrame(
        {
            "country": ["THA", "THA", "USA"],
            "framework": ["ilrs", "artemis_accords", "artemis_accords"],
            "role": ["state partner", "signatory", "signatory"],
            "date": ["2024-04", "2024-12-16", "2020-10-13"],
            "date_precision": ["month", "day", "day"],
            "source_url": ["https://example.org/a", "https://example.org/b", "https://example.org/c"],
        }
    )
    result = CHECKS["thailand_ilrs_before_artemis"]({"memberships": memberships})
    # a month-precision date counts from the month's last day: 2024-04-30 -> 2024-12-16 = 230 days
    assert result.verdict == "supported"
    assert result.value == 230


def camps(rows: list[tuple[str, str, str]]) -> pd.DataFrame:
    """A memberships table from (country, framework, day) tuples."""
    frame = pd.DataFrame(rows, columns=["country", "framework", "date"])
    frame["role"] = frame["framework"].map({"artemis_accords": "signatory", "ilrs": "state partner"})
    frame["date_precision"] = "day"
    frame["source_url"] = "https://example.org/" + frame["country"]
    return frame


def test_thailand_first_in_both_camps_is_supported() -> None:
    table = camps([("THA", "ilrs", "2024-04-05"), ("THA", "artemis_accords", "2024-12-16"), ("SEN", "ilrs", "2025-04-29"), ("SEN", "artemis_accords", "2025-07-24"), ("USA", "artemis_accords", "2020-10-13")])
    result = CHECKS["countries_in_both_camps"]({"memberships": table})
    assert result.verdict == "supported"
    assert result.value["rank"] == 1 and result.value["in_both"] == 2
    assert "1 of them by 2025-06-30" in result.evidence


def test_code_12_fails_when_thailand_is_not_among_the_first() -> None:
    """Five states entered both camps before Thailand: it is sixth of six, not 'one of the first'."""
    early = [(c, f, d) for c in ("AAA", "BBB", "CCC", "DDD", "EEE") for f, d in (("ilrs", "2022-01-01"), ("artemis_accords", "2023-01-01"))]
    table = camps(early + [("THA", "ilrs", "2024-04-05"), ("THA", "artemis_accords", "2024-12-16")])
    result = CHECKS["countries_in_both_camps"]({"memberships": table})
    assert result.verdict == "contradicted"
    assert result.value["rank"] == 6
    # second of three: the earlier half, but not the first third
    middle = camps(early[:2] + [("THA", "ilrs", "2024-04-05"), ("THA", "artemis_accords", "2024-12-16"), ("SEN", "ilrs", "2025-04-29"), ("SEN", "artemis_accords", "2025-07-24")])
    assert CHECKS["countries_in_both_camps"]({"memberships": middle}).verdict == "partly supported"
    # Thailand in one camp only
    one = camps([("THA", "ilrs", "2024-04-05"), ("SEN", "ilrs", "2025-04-29"), ("SEN", "artemis_accords", "2025-07-24")])
    assert CHECKS["countries_in_both_camps"]({"memberships": one}).verdict == "contradicted"


# --------------------------------------------------------------------------- the ledger


def test_unknown_check_names_raise_and_name_the_claim(claims_table: pd.DataFrame) -> None:
    broken = claims_table.copy()
    index = broken.index[broken["claim_id"] == "hen-13"][0]
    broken.loc[index, "check"] = "no_such_check"
    with pytest.raises(UnknownCheckError, match=r"hen-13 \(check 'no_such_check'\)"):
        evaluate(broken, {})


def test_every_dataset_check_in_the_claims_has_a_function(claims_table: pd.DataFrame) -> None:
    named = set(claims_table.loc[claims_table["check_type"] == "dataset", "check"])
    assert named <= set(CHECKS), named - set(CHECKS)


def test_every_claim_gets_a_verdict_and_evidence(claims_table: pd.DataFrame, real_datasets: dict[str, pd.DataFrame]) -> None:
    ledger = evaluate(claims_table, real_datasets)
    assert len(ledger) == len(claims_table) == 55
    assert ledger["verdict"].isin(claims.VERDICTS).all()
    assert (ledger["evidence"].str.len() > 20).all()
    assert ledger["evidence_url"].str.startswith("http").all()
    source = ledger[ledger["check_type"] == "source"]
    assert (source["verdict"] == source["expected_verdict"]).all()
    assert source["evidence"].str.contains("cited source").all()
    assert (ledger.loc[ledger["check_type"] == "dataset", "checked_by"] == "computed from the data").all()


def test_the_real_data_settle_the_headline_claims(claims_table: pd.DataFrame, real_datasets: dict[str, pd.DataFrame]) -> None:
    ledger = evaluate(claims_table, real_datasets).set_index("claim_id")
    assert ledger.loc["hen-13", "verdict"] == "contradicted"  # southern hemisphere: Surveyor 1 in 1966
    assert "Surveyor 1" in ledger.loc["hen-13", "evidence"]
    assert ledger.loc["hen-15", "verdict"] == "partly supported"  # USD 75 million
    assert ledger.loc["hen-20", "verdict"] == "contradicted"  # Tianwan
    assert ledger.loc["hen-22", "verdict"] == "contradicted"  # Calisto


def test_changing_the_cost_data_changes_the_verdict(claims_table: pd.DataFrame, real_datasets: dict[str, pd.DataFrame]) -> None:
    costs = real_datasets["mission_costs"].copy()
    costs.loc[costs["cost_id"] == "chandrayaan-3-1", "amount_million"] = 61_500.0  # ten times ISRO's Rs 615 crore
    before = evaluate(claims_table, real_datasets).set_index("claim_id").loc["hen-15"]
    after = evaluate(claims_table, {**real_datasets, "mission_costs": costs}).set_index("claim_id").loc["hen-15"]
    assert before["verdict"] == "partly supported"
    assert after["verdict"] == "contradicted"
    assert "INR 61,500 million" in after["evidence"]


def test_changing_the_landing_data_changes_the_verdict(claims_table: pd.DataFrame, real_datasets: dict[str, pd.DataFrame]) -> None:
    table = real_datasets["lunar_landings"]
    c3_date = table.loc[table["mission_id"] == "chandrayaan-3", "landing_date"].iloc[0]
    no_earlier_south = table[~((table["latitude_deg"] < 0) & (table["landing_date"] < c3_date))]
    after = evaluate(claims_table, {**real_datasets, "lunar_landings": no_earlier_south}).set_index("claim_id").loc["hen-13"]
    assert after["verdict"] == "supported"
    without = {k: v for k, v in real_datasets.items() if k != "lunar_landings"}
    assert evaluate(claims_table, without).set_index("claim_id").loc["hen-13", "verdict"] == "unverifiable"


# --------------------------------------------------------------------------- every computed check can move
#
# A check that returns the same verdict whatever the data say is not a computation: such a claim
# must be labelled check_type 'source'. For each computed check, FLIPS changes the real data in
# one way the claim is about, and the test asserts that the verdict changes (and that neither
# verdict is 'unverifiable': removing the data is not a way to fail).

Datasets = dict[str, pd.DataFrame]


def _edit(datasets: Datasets, name: str, change) -> Datasets:
    return {**datasets, name: change(datasets[name].copy())}


def _scale_launches(country: str, years: tuple[int, int], factor: float):
    def change(table: pd.DataFrame) -> pd.DataFrame:
        rows = (table["country"] == country) & table["year"].between(*years)
        table.loc[rows, "attempts"] = (table.loc[rows, "attempts"].astype(float) * factor).round().astype("Int64")
        return table

    return change


def _drop_members(pairs: list[tuple[str, str]]):
    def change(table: pd.DataFrame) -> pd.DataFrame:
        keep = pd.Series(True, index=table.index)
        for country, framework in pairs:
            keep &= ~((table["country"] == country) & (table["framework"] == framework))
        return table[keep]

    return change


def _add_members(rows: list[tuple[str, str, str]]):
    """Copy a row of each framework for new (country, framework, day) memberships."""

    def change(table: pd.DataFrame) -> pd.DataFrame:
        extra = []
        for country, framework, day in rows:
            row = table[table["framework"] == framework].iloc[0].copy()
            row["country"], row["date"], row["date_precision"] = country, day, "day"
            extra.append(row)
        return pd.concat([table, pd.DataFrame(extra)], ignore_index=True)

    return change


def _rename(columns: dict[str, str], old: str, new: str):
    def change(table: pd.DataFrame) -> pd.DataFrame:
        for column in columns:
            if column in table.columns:
                table[column] = table[column].str.replace(old, new, regex=False)
        return table

    return change


def _multiply_costs(mission_id: str, factor: float):
    def change(table: pd.DataFrame) -> pd.DataFrame:
        rows = (table["mission_id"] == mission_id) & (table["currency"] != "USD")
        if mission_id == "mars-2020":
            rows = table["mission_id"] == mission_id
        table.loc[rows, "amount_million"] = table.loc[rows, "amount_million"] * factor
        return table

    return change


def _no_southern_landings_before_chandrayaan3(table: pd.DataFrame) -> pd.DataFrame:
    c3 = table.loc[table["mission_id"] == "chandrayaan-3", "landing_date"].iloc[0]
    return table[~((table["latitude_deg"] < 0) & (table["landing_date"] < c3))]


def _far_side_samples_by_usa(table: pd.DataFrame) -> pd.DataFrame:
    table.loc[(table["mission_type"] == "sample return") & table["far_side"].fillna(False).astype(bool), "country"] = "USA"
    return table


def _chandrayaan3_lands_in_2024(table: pd.DataFrame) -> pd.DataFrame:
    table.loc[table["mission_id"] == "chandrayaan-3", "landing_date"] = pd.Timestamp("2024-08-23")
    return table


def _without_japan_1970(table: pd.DataFrame) -> pd.DataFrame:
    return table[~((table["country"] == "JPN") & (table["year"] == 1970))]


def _thailand_ilrs_after_artemis(table: pd.DataFrame) -> pd.DataFrame:
    rows = (table["country"] == "THA") & (table["framework"] == "ilrs")
    table.loc[rows, ["date", "date_precision"]] = ["2025-03-01", "day"]
    return table


_EARLY_HEDGERS = [(c, f, d) for c in ("GBR", "JPN", "FRA", "DEU", "ITA") for f, d in (("ilrs", "2022-01-10"), ("artemis_accords", "2022-06-10"))]
_AFRICA = ["DJI", "EGY", "ETH", "SEN", "ZAF", "NGA", "RWA", "AGO"]

def _scale_budgets(country: str, from_year: int, factor: float):
    """Multiply a country's space budget rows (official and estimates) from ``from_year`` on."""

    def change(table: pd.DataFrame) -> pd.DataFrame:
        rows = (table["country"] == country) & (table["fiscal_year"] >= from_year)
        table.loc[rows, "amount_million"] = table.loc[rows, "amount_million"] * factor
        return table

    return change


FLIPS = {
    "first_far_side_sample_return": lambda d: _edit(d, "missions", _far_side_samples_by_usa),
    "japan_first_orbital_success_year": lambda d: _edit(d, "launches", _without_japan_1970),
    "first_asian_orbital_launch": lambda d: _edit(d, "launches", _without_japan_1970),
    "japan_launch_growth_vs_world": lambda d: _edit(d, "launches", _scale_launches("JPN", (2015, 2024), 3.0)),
    "india_launch_growth": lambda d: _edit(d, "launches", _scale_launches("IND", (2020, 2024), 3.0)),
    "china_launch_growth": lambda d: _edit(d, "launches", _scale_launches("CHN", (2020, 2024), 0.4)),
    "russia_launch_trend": lambda d: _edit(d, "launches", _scale_launches("RUS", (2020, 2024), 4.0)),
    "first_southern_hemisphere_landing": lambda d: _edit(d, "lunar_landings", _no_southern_landings_before_chandrayaan3),
    "chandrayaan3_landing_date": lambda d: _edit(d, "missions", _chandrayaan3_lands_in_2024),
    "chandrayaan3_cost_usd": lambda d: _edit(d, "mission_costs", _multiply_costs("chandrayaan-3", 10.0)),
    "perseverance_cost_usd": lambda d: _edit(d, "mission_costs", _multiply_costs("mars-2020", 0.3)),
    "perseverance_to_chandrayaan3_cost_ratio": lambda d: _edit(d, "mission_costs", _multiply_costs("chandrayaan-3", 1000.0)),
    "spelling_tianwen": lambda d: _edit(_edit(d, "missions", _rename({"name": ""}, "Tianwen", "Tianwan")), "milestones", _rename({"title": ""}, "Tianwen", "Tianwan")),
    "spelling_callisto": lambda d: _edit(_edit(d, "missions", _rename({"target_body": ""}, "Callisto", "Calisto")), "milestones", _rename({"title": ""}, "Callisto", "Calisto")),
    "apsco_members_include_irn_pak_bgd": lambda d: _edit(d, "memberships", _drop_members([("IRN", "apsco")])),
    "apsco_members_in_artemis": lambda d: _edit(d, "memberships", _drop_members([(c, "artemis_accords") for c in ("BGD", "PER", "THA", "CHN", "IRN", "MNG", "PAK", "TUR")])),
    "india_artemis_signatory": lambda d: _edit(d, "memberships", _drop_members([("IND", "artemis_accords")])),
    "artemis_vs_ilrs_member_counts": lambda d: _edit(d, "memberships", _add_members([(c, "ilrs", "2024-01-10") for c in ("USA", "JPN", "GBR", "FRA", "DEU", "ITA", "CAN", "AUS", "KOR", "BRA", "POL", "ESP", "NLD", "SWE", "CHE", "BEL", "DNK", "NOR")])),
    "thailand_in_both": lambda d: _edit(d, "memberships", _drop_members([("THA", "ilrs")])),
    "thailand_ilrs_before_artemis": lambda d: _edit(d, "memberships", _thailand_ilrs_after_artemis),
    "countries_in_both_camps": lambda d: _edit(d, "memberships", _add_members(_EARLY_HEDGERS)),
    "brazil_in_artemis": lambda d: _edit(d, "memberships", _drop_members([("BRA", "artemis_accords")])),
    "african_countries_by_camp": lambda d: _edit(d, "memberships", _drop_members([(c, "ilrs") for c in _AFRICA])),
    "nasa_budget_trend": lambda d: _edit(d, "space_budgets", _scale_budgets("USA", 2010, 0.5)),
    "india_budget_vs_nasa": lambda d: _edit(d, "space_budgets", _scale_budgets("IND", 2000, 3.0)),
    "china_budget_estimates_growth": lambda d: _edit(d, "space_budgets", _scale_budgets("CHN", 2019, 0.3)),
}


# --------------------------------------------------------------------------- the launch record (hen-50, hen-51)


def _perfect_record(country: str, years: tuple[int, int]):
    def change(table: pd.DataFrame) -> pd.DataFrame:
        rows = (table["country"] == country) & table["year"].between(*years)
        table.loc[rows, "successes"] = table.loc[rows, "attempts"]
        return table

    return change


FLIPS.update({
    # India and Japan grow fourfold in 2020-2024: both now match China (with the United States): partly supported.
    "only_india_japan_match_china_growth": lambda d: _edit(
        _edit(d, "launches", _scale_launches("IND", (2020, 2024), 4.0)), "launches", _scale_launches("JPN", (2020, 2024), 4.0)
    ),
    # Japan without a failure in 2015-2024: both records reach the rest of the world's rate: supported.
    "india_japan_launch_reliability": lambda d: _edit(d, "launches", _perfect_record("JPN", (2015, 2024))),
})


def _growth_table(before: dict[str, int], recent: dict[str, int]) -> pd.DataFrame:
    """Attempts per country: ``before`` spread as one row in 2015, ``recent`` as one row in 2024."""
    rows = [(2015, c, n, n) for c, n in before.items()] + [(2024, c, n, n) for c, n in recent.items()]
    return pd.DataFrame(rows, columns=["year", "country", "attempts", "successes"]).assign(source_url="https://example.org/gcat")


def test_india_and_japan_matching_china_hand_worked() -> None:
    check = CHECKS["only_india_japan_match_china_growth"]
    # Windows 2015-2019 and 2020-2024. CHN 10 -> 30 (x3); bar = 3 x 0.85 = 2.55.
    # IND 10 -> 26 (x2.6) and JPN 10 -> 30 (x3) match; USA 20 -> 40 (x2) does not; PRK 1 -> 5 is too small to count.
    base = {"CHN": 10, "IND": 10, "JPN": 10, "USA": 20, "PRK": 1}
    result = check({"launches": _growth_table(base, {"CHN": 30, "IND": 26, "JPN": 30, "USA": 40, "PRK": 5})})
    assert result.verdict == "supported" and result.value["matched"] == ["IND", "JPN"]
    # USA 20 -> 60 (x3) matches too: not the only ones.
    result = check({"launches": _growth_table(base, {"CHN": 30, "IND": 26, "JPN": 30, "USA": 60, "PRK": 5})})
    assert result.verdict == "partly supported" and result.value["matched"] == ["IND", "JPN", "USA"]
    # IND 10 -> 25 (x2.5) falls just under the bar, JPN 10 -> 20 (x2) too: contradicted.
    result = check({"launches": _growth_table(base, {"CHN": 30, "IND": 25, "JPN": 20, "USA": 40, "PRK": 5})})
    assert result.verdict == "contradicted" and "CHN 10 → 30 (x3.00)" in result.evidence


def test_india_japan_reliability_hand_worked() -> None:
    check = CHECKS["india_japan_launch_reliability"]
    table = pd.DataFrame(
        # 2015-2024 is the window (the table ends in 2024). JPN 8 of 10: Wilson 0.490-0.943. IND 2 of 2: 0.342-1.
        # Rest of the world for JPN: IND 2/2 + USA 95/100 = 97/102 = 0.951 > 0.943: clearly below.
        # Rest of the world for IND: JPN 8/10 + USA 95/100 = 103/110 = 0.936 < 1: not clearly below.
        [(2015, "JPN", 10, 8), (2024, "IND", 2, 2), (2020, "USA", 100, 95), (2010, "JPN", 5, 0)],
        columns=["year", "country", "attempts", "successes"],
    ).assign(source_url="https://example.org/gcat")
    result = check({"launches": table})
    assert result.verdict == "partly supported"
    assert result.value["JPN"]["high"] == pytest.approx(0.9433, abs=1e-4)
    assert result.value["JPN"]["rest_of_world"] == pytest.approx(97 / 102)
    assert result.value["IND"]["rest_of_world"] == pytest.approx(103 / 110)
    table.loc[table["country"] == "USA", "successes"] = 90  # rest of the world for JPN: 92/102 = 0.902 < 0.943
    assert check({"launches": table}).verdict == "supported"


def test_every_computed_check_has_a_fixture_that_moves_it(claims_table: pd.DataFrame) -> None:
    computed = set(claims_table.loc[claims_table["check_type"] == "dataset", "check"])
    missing = sorted(computed - set(FLIPS))
    assert not missing, f"computed checks with no data change that moves their verdict (label them 'source' or add one): {missing}"


def test_no_registered_check_is_left_without_a_claim_or_a_flip(claims_table: pd.DataFrame) -> None:
    assert set(CHECKS) <= set(FLIPS), sorted(set(CHECKS) - set(FLIPS))


@pytest.mark.parametrize("name", sorted(FLIPS))
def test_each_computed_check_returns_two_verdicts(name: str, real_datasets: dict[str, pd.DataFrame]) -> None:
    before = CHECKS[name](real_datasets)
    after = CHECKS[name](FLIPS[name](real_datasets))
    assert "unverifiable" not in {before.verdict, after.verdict}, (before.evidence, after.evidence)
    assert before.verdict != after.verdict, (before.verdict, before.evidence, after.evidence)


def test_hen_31_is_no_longer_computed(claims_table: pd.DataFrame, real_datasets: dict[str, pd.DataFrame]) -> None:
    """The signatory count could only ever say 'supported': the claim is now a cited source."""
    assert "artemis_signatories_count" not in CHECKS
    row = evaluate(claims_table, real_datasets).set_index("claim_id").loc["hen-31"]
    assert row["checked_by"] == "cited source"


def test_the_real_data_give_the_corrected_verdicts(claims_table: pd.DataFrame, real_datasets: dict[str, pd.DataFrame]) -> None:
    ledger = evaluate(claims_table, real_datasets).set_index("claim_id")
    assert ledger.loc["hen-11", "verdict"] == "partly supported"  # was 'contradicted' on two five-year windows
    assert "2005-2014 → 2015-2024" in ledger.loc["hen-11", "evidence"]
    assert ledger.loc["code-12", "verdict"] == "supported"
    assert ledger.loc["code-12", "value"]["rank"] == 1
    computed = ledger[ledger["check_type"] == "dataset"]
    assert computed["agrees"].all(), computed.loc[~computed["agrees"], ["expected_verdict", "verdict"]]


def test_an_agency_founding_is_not_counted_as_a_milestone_of_pace() -> None:
    flat = {y: 4 for y in range(2005, 2025)}
    world = {y: 50 if y < 2015 else 100 for y in range(2005, 2025)}
    milestones = japan_milestones([2008, 2016, 2020]).assign(category=["lunar orbit", "founding", "asteroid sample return"])
    result = CHECKS["japan_launch_growth_vs_world"]({"launches": launch_table(flat, world), "milestones": milestones})
    assert result.value["milestones"] == {"before": 1, "recent": 1}
    assert result.verdict == "contradicted"


# --------------------------------------------------------------------------- presentation helpers (the chapter's prose and chart)


def test_landing_sites_labels_only_the_southern_landings_before_the_claims_one() -> None:
    table = landings(
        [
            ("Luna 9", None, "SUN", "1966-02-03", 7.08),
            ("Surveyor 1", None, "USA", "1966-06-02", -2.45),
            ("Apollo 12 (Intrepid)", None, "USA", "1969-11-19", -3.01),
            ("Chandrayaan-3 (Vikram)", "chandrayaan-3", "IND", "2023-08-23", -69.373),
            ("IM-1 (Odysseus)", "im-1", "USA", "2024-02-22", -80.13),
        ]
    )
    sites = claims.landing_sites(table)
    labelled = sites[sites["label"] != ""]
    assert list(labelled["label"]) == ["Surveyor 1 (1966)", "Apollo 12 (1969)", "Chandrayaan-3 (2023)"]
    assert list(sites["group"]) == ["other", "southern, before it", "southern, before it", "the claim's landing", "other"]
    assert list(sites["site"])[:2] == ["7.08° N", "2.45° S"]
    assert list(sites["country_name"])[:2] == ["Soviet Union", "United States"]
    assert sites["source_url"].notna().all()


def test_landing_sites_leaves_out_landings_that_were_not_soft() -> None:
    table = landings([("Crash", "x", "USA", "1965-01-01", -5.0), ("Chandrayaan-3", "chandrayaan-3", "IND", "2023-08-23", -69.0)])
    table["soft_landing"] = pd.array([False, True], dtype="boolean")
    assert list(claims.landing_sites(table)["mission"]) == ["Chandrayaan-3"]


def test_landing_sites_on_the_real_table_labels_the_eight_southern_landings_and_chandrayaan3(real_datasets) -> None:
    sites = claims.landing_sites(real_datasets["lunar_landings"])
    assert len(sites) == 27
    named = sites[sites["label"] != ""]
    assert len(named) == 9 and named["label"].iloc[0] == "Surveyor 1 (1966)" and named["label"].iloc[-1] == "Chandrayaan-3 (2023)"


def test_chapter_figures_quote_the_computed_values(real_datasets, claims_table) -> None:
    ledger = evaluate(claims_table, real_datasets, Settings(base_year=2023))
    figures = claims.chapter_figures(ledger, real_datasets, Settings(base_year=2023))
    assert figures["n_earlier_south"] == 8 and figures["first_south"] == "Surveyor 1"
    assert figures["first_south_date"] == "2 June 1966" and figures["c3_lat"] == "69.37° S"
    assert figures["mars_real"] == "3,208"  # the costs chapter's figure for Perseverance, 2023 prices
    assert figures["c3_inr"] == "6,150" and figures["c3_price_year"] == 2020
    assert figures["verdict_hen11"] == "partly supported"
    assert figures["jpn_span_recent"].endswith(str(int(real_datasets["launches"]["year"].max())))
    assert figures["tianwen_data"] == "Tianwen" and figures["callisto_data"] == "Callisto"


def test_chapter_figures_say_not_available_when_a_dataset_is_missing(real_datasets, claims_table) -> None:
    partial = {name: frame for name, frame in real_datasets.items() if name not in ("lunar_landings", "mission_costs", "launches")}
    ledger = evaluate(claims_table, partial)
    figures = claims.chapter_figures(ledger, partial)
    for name in ("n_earlier_south", "first_south", "c3_lat", "c3_inr", "c3_real", "mars_real", "jpn_growth", "jpn_share_recent"):
        assert figures[name] == claims.NOT_AVAILABLE, name
