"""Unit tests of spacerace.budgets on small hand-made tables, with hand-worked expected values."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from spacerace import budgets

COLUMNS = ["budget_id", "country", "body", "fiscal_year", "amount_million", "currency", "price_year", "sector", "figure_kind", "status", "estimated_by", "source_url"]
URL = "https://example.org/budget"


def frame(rows: list[tuple]) -> pd.DataFrame:
    return pd.DataFrame([(*row, URL) for row in rows], columns=COLUMNS)


@pytest.fixture
def rows() -> pd.DataFrame:
    return frame(
        [
            ("usa-nasa-2020-request", "USA", "NASA", 2020, 25000.0, "USD", 2020, "civil", "request", "official", ""),
            ("usa-nasa-2020", "USA", "NASA", 2020, 22000.0, "USD", 2020, "civil", "enacted", "official", ""),
            ("usa-nasa-2023", "USA", "NASA", 2023, 25000.0, "USD", 2023, "civil", "enacted", "official", ""),
            ("usa-ussf-2020", "USA", "USSF", 2020, 15000.0, "USD", 2020, "defence", "enacted", "official", ""),
            ("ind-dos-2020-2", "IND", "DoS", 2020, 100000.0, "INR", 2020, "civil", "revised", "official", ""),
            ("ind-dos-2020", "IND", "DoS", 2020, 133000.0, "INR", 2020, "civil", "enacted", "official", ""),
            ("ind-dos-2023", "IND", "DoS", 2023, 125000.0, "INR", 2023, "civil", "enacted", "official", ""),
            ("chn-estimate-2020-a", "CHN", "China (estimate)", 2020, 9000.0, "USD", 2020, "total", "estimate", "estimate", "Author A"),
            ("chn-estimate-2020-b", "CHN", "China (estimate)", 2020, 12000.0, "USD", 2020, "total", "estimate", "estimate", "Author B"),
        ]
    )


@pytest.fixture
def economics() -> dict[str, pd.DataFrame]:
    """Made-up round numbers: prices rise 10 % (USD) and 20 % (INR) from 2020 to 2023."""
    cpi = pd.DataFrame({"currency": ["USD", "USD", "INR", "INR"], "year": [2020, 2023, 2020, 2023], "index": [100.0, 110.0, 100.0, 120.0]})
    fx = pd.DataFrame({"currency": ["INR", "INR"], "year": [2020, 2023], "per_usd": [75.0, 80.0]})
    ppp = pd.DataFrame({"currency": ["INR", "INR"], "year": [2020, 2023], "lcu_per_intl_dollar": [19.0, 20.0]})
    return {"cpi": cpi, "exchange_rates": fx, "ppp": ppp}


def test_one_official_figure_per_year_enacted_first_and_no_estimates(rows: pd.DataFrame) -> None:
    chosen = budgets.one_per_year(rows)
    assert set(chosen["budget_id"]) == {"usa-nasa-2020", "usa-nasa-2023", "usa-ussf-2020", "ind-dos-2020", "ind-dos-2023"}


def test_headline_body_is_the_civil_body_with_most_years(rows: pd.DataFrame) -> None:
    assert budgets.headline_bodies(rows) == {"IND": "DoS", "USA": "NASA"}


def test_defence_is_added_only_when_asked(rows: pd.DataFrame) -> None:
    civil = budgets.national(rows).set_index(["country", "fiscal_year"])
    both = budgets.national(rows, include_defence=True).set_index(["country", "fiscal_year"])
    assert civil.loc[("USA", 2020), "amount_million"] == 22000
    assert both.loc[("USA", 2020), "amount_million"] == 37000  # 22,000 + 15,000
    assert both.loc[("USA", 2020), "body"] == "NASA + USSF"
    assert both.loc[("USA", 2023), "amount_million"] == 25000  # no defence figure that year


def test_three_conversions_worked_by_hand(rows: pd.DataFrame, economics: dict[str, pd.DataFrame]) -> None:
    series = budgets.national(rows)
    market = budgets.convert(series, base_year=2023, use_ppp=False, economics=economics).set_index(["country", "fiscal_year"])
    # NASA 2020: USD 22,000 m x 110/100 = 24,200 m in 2023 prices; 22,000 m of 2020 dollars.
    assert market.loc[("USA", 2020), "real_usd_million"] == pytest.approx(24200)
    assert market.loc[("USA", 2020), "usd_million"] == pytest.approx(22000)
    # DoS 2020: INR 133,000 m x 120/100 = 159,600 m of 2023 rupees, / 80 per USD = USD 1,995 m;
    # in 2020 dollars: 133,000 / 75 = 1,773.33.
    assert market.loc[("IND", 2020), "real_usd_million"] == pytest.approx(1995)
    assert market.loc[("IND", 2020), "usd_million"] == pytest.approx(1773.333, rel=1e-5)
    # At PPP: 159,600 / 20 rupees per international dollar = 7,980; in 2020: 133,000 / 19 = 7,000.
    ppp = budgets.convert(series, base_year=2023, use_ppp=True, economics=economics).set_index(["country", "fiscal_year"])
    assert ppp.loc[("IND", 2020), "real_usd_million"] == pytest.approx(7980)
    assert ppp.loc[("IND", 2020), "usd_million"] == pytest.approx(7000)
    assert ppp.loc[("IND", 2020), "market_usd_million"] == pytest.approx(1773.333, rel=1e-5)
    # China (estimate A), USD 9,000 m of 2020 = 9,900 m in 2023 prices.
    china = budgets.china_estimates(rows, base_year=2023, use_ppp=False, economics=economics).set_index("estimated_by")
    assert china.loc["Author A", "real_usd_million"] == pytest.approx(9900)
    assert list(china.index) == ["Author A", "Author B"]


def test_a_year_the_series_do_not_cover_is_kept_with_a_reason(rows: pd.DataFrame, economics: dict[str, pd.DataFrame]) -> None:
    late = frame([("ind-dos-2025", "IND", "DoS", 2025, 130000.0, "INR", 2025, "civil", "enacted", "official", "")])
    out = budgets.convert(late, base_year=2023, use_ppp=False, economics=economics)
    assert out["real_usd_million"].isna().all()
    assert "no value for INR in 2025" in out["not_converted"].iloc[0]


def test_share_of_gdp_and_per_person(rows: pd.DataFrame, economics: dict[str, pd.DataFrame]) -> None:
    series = budgets.convert(budgets.national(rows), base_year=2023, use_ppp=False, economics=economics)
    gdp = pd.DataFrame({"country": ["IND"], "year": [2020], "gdp_usd_million": [2_660_000.0]})
    people = pd.DataFrame({"country": ["IND"], "year": [2020], "population": [1_400_000_000]})
    out = budgets.with_gdp(series, gdp, people).set_index(["country", "fiscal_year"])
    # 1,773.33 / 2,660,000 = 0.0667 %; 1,995 million / 1.4 billion people = USD 1.425 a head.
    assert out.loc[("IND", 2020), "share_of_gdp_pct"] == pytest.approx(100 * 1773.333 / 2_660_000, rel=1e-5)
    assert out.loc[("IND", 2020), "usd_per_person"] == pytest.approx(1.425)
    assert pd.isna(out.loc[("USA", 2020), "share_of_gdp_pct"])  # no GDP row: no share, not zero


def test_growth_since_2010_uses_the_first_and_last_years_with_a_value() -> None:
    series = pd.DataFrame({"country": ["A", "A", "A", "B"], "fiscal_year": [2009, 2012, 2020, 2015], "real_usd_million": [1.0, 100.0, 150.0, 5.0]})
    growth = budgets.growth_since(series, 2010).set_index("country")
    assert list(growth.index) == ["A"]  # B has a single year
    assert growth.loc["A", ["first_year", "last_year"]].tolist() == [2012, 2020]
    assert growth.loc["A", "change_pct"] == pytest.approx(50)


def test_days_of_budget() -> None:
    assert budgets.days_of_budget(100, 36500) == pytest.approx(1.0)
    assert budgets.days_of_budget(88.27, 1995) == pytest.approx(16.15, abs=0.01)  # 88.27 / 1,995 x 365


def test_mission_cost_is_the_costs_chapters_figure(economics: dict[str, pd.DataFrame]) -> None:
    figures = pd.DataFrame(
        {
            "cost_id": ["m-1", "m-2"], "mission_id": ["m", "m"], "amount_million": [6150.0, 600.0], "currency": ["INR", "INR"],
            "price_year": [2020, 2020], "scope": ["spacecraft + launch", "launch only"], "basis": ["official", "official"],
        }
    )
    row = budgets.mission_cost(figures, "m", base_year=2023, use_ppp=False, economics=economics)
    assert row["cost_id"] == "m-1"
    assert row["real_usd_million"] == pytest.approx(6150 * 1.2 / 80)  # 92.25


def test_coverage_says_where_each_series_ends(economics: dict[str, pd.DataFrame]) -> None:
    assert budgets.coverage(economics, ["INR", "USD", "BRL"]) == "BRL: no price index; INR: prices to 2023, rates 2020-2023; USD: prices to 2023"


def test_a_line_joins_only_consecutive_years() -> None:
    series = pd.DataFrame({"country": ["A", "A", "A", "A", "B"], "fiscal_year": [2010, 2011, 2015, 2016, 2011]}).iloc[::-1]
    labels = budgets.runs(series)
    assert labels[0] == labels[1] and labels[2] == labels[3] and labels[1] != labels[2]
    assert labels[4] not in set(labels[[0, 1, 2, 3]])


@pytest.mark.parametrize("dtype", ["int64", "Int64"])  # the data load fiscal years as Int64
def test_a_series_first_year_starts_its_first_run(dtype: str) -> None:
    """2000, 2001, 2002, 2005, 2006: two runs, the first of three years (2000 included)."""
    series = pd.DataFrame({"country": ["A"] * 5 + ["B"], "fiscal_year": pd.array([2000, 2001, 2002, 2005, 2006, 2001], dtype=dtype)})
    labels = budgets.runs(series)
    assert labels.notna().all()
    assert labels[:5].tolist() == [labels[0]] * 3 + [labels[3]] * 2 and labels[0] != labels[3]
    assert labels[5] not in set(labels[:5])


def test_bodies_read_as_a_sentence() -> None:
    heads = {"ESA": "ESA", "IND": "DoS", "JPN": "Japan (national)", "USA": "NASA"}
    assert budgets.bodies_text(heads) == "ESA for Europe, the Department of Space for India, the national figure for Japan, NASA for the United States"


def test_the_share_table_has_every_country_of_the_share_chart() -> None:
    economy = pd.DataFrame(
        {"country": ["ITA", "ITA", "RUS", "RUS", "ESA"], "fiscal_year": [2018, 2023, 2021, 2024, 2023],
         "share_of_gdp_pct": [0.05, 0.11, 0.15, None, None], "usd_per_person": [1.0, 2.0, None, 20.0, None]}
    )
    latest = budgets.latest_shares(economy).set_index("country")
    assert list(latest.index) == ["ITA", "RUS"]  # ESA has no GDP
    assert latest.loc["RUS", "fiscal_year"] == 2021 and pd.isna(latest.loc["RUS", "usd_per_person"])  # kept, per person empty


def test_the_sentence_under_the_chart_names_every_country_not_drawn() -> None:
    assert budgets.not_drawn(["USA", "RUS", "DEU"], ["USA"], 2023) == (
        "Not drawn: Germany, whose rows are parts of a budget, never its total; Russia, none of whose figures can be brought to 2023 prices"
    )
    assert budgets.not_drawn(["USA"], ["USA"], 2023) == "Every country with a budget series is drawn"
    assert budgets.not_drawn(["ESA", "FRA", "RUS", "USA"], ["USA"], 2024).endswith("Europe (ESA), France and Russia, none of whose figures can be brought to 2024 prices")


def test_names_list() -> None:
    assert [budgets.names_list(c) for c in (["RUS"], ["FRA", "RUS"], ["FRA", "ITA", "RUS"])] == ["Russia", "France and Russia", "France, Italy and Russia"]


def test_end_labels_stand_apart_on_a_log_scale() -> None:
    series = pd.DataFrame(
        {"country": ["IND", "IND", "ITA", "USA"], "fiscal_year": [2022, 2023, 2023, 2024], "value": [1800.0, 1500.0, 1600.0, 25000.0]}
    )
    labels = budgets.end_labels(series, "value", height=300, log=True).set_index("country")
    # Scale 10^3 to 10^5: 2 decades on 300 px, so 15 px is 0.1 decade. India (1,500) and Italy
    # (1,600, 0.028 decade higher) move apart to 0.1 decade, centred on their two values: India
    # to 10^((log 1500 + log 1600 - 0.1) / 2) = 1,380.7, Italy 0.1 decade higher, 1,738.2.
    assert labels.loc["IND", "fiscal_year"] == 2023
    assert labels.loc["IND", "label_at"] == pytest.approx(1380.7, abs=0.1)
    assert labels.loc["ITA", "label_at"] == pytest.approx(1738.2, abs=0.1)
    assert labels.loc["USA", "label_at"] == pytest.approx(25000) and labels.loc["USA", "label"] == "United States"  # alone: stays


def test_end_labels_on_a_linear_scale_leave_apart_labels_alone() -> None:
    series = pd.DataFrame({"country": ["A", "B"], "fiscal_year": [2020, 2020], "value": [0.10, 0.20]})
    labels = budgets.end_labels(series, "value", height=200, log=False)  # span 0-0.2: 15 px = 0.015
    assert labels["label_at"].tolist() == pytest.approx([0.10, 0.20])


def test_a_country_with_parts_only_gets_no_series(rows: pd.DataFrame) -> None:
    parts = frame([("deu-dlr-2024-esa", "DEU", "DLR", 2024, 1042.3, "EUR", 2024, "civil", "enacted", "official", "")])
    assert "DEU" in budgets.PARTS_ONLY
    assert "DEU" not in set(budgets.national(pd.concat([rows, parts]))["country"])


def test_figures_not_converted_are_summed_up_per_body() -> None:
    series = pd.DataFrame(
        {
            "country": ["RUS", "RUS", "RUS", "IND"],
            "body": ["Roscosmos"] * 3 + ["DoS"],
            "fiscal_year": [2021, 2022, 2024, 2020],
            "not_converted": [
                "2 values not covered by the economic series: price index (CPI): no value for RUB in 2023; exchange rate: no value for RUB in 2023",
                "3 values not covered by the economic series: price index (CPI): no value for RUB in 2022; price index (CPI): no value for RUB in 2023; exchange rate: no value for RUB in 2023",
                "3 values not covered by the economic series: price index (CPI): no value for RUB in 2023; price index (CPI): no value for RUB in 2024; exchange rate: no value for RUB in 2023",
                "",
            ],
        }
    )
    table = budgets.not_converted(series)
    assert table.to_dict("records") == [
        {"country": "Russia", "body": "Roscosmos", "figures": 3, "fiscal years": "2021-2022, 2024", "the series lack": "price index (CPI): RUB 2022-2024; exchange rate: RUB 2023"}
    ]


# --------------------------------------------------------------------------- a reader's rerun


def test_a_rerun_with_another_base_year_and_two_countries(tmp_path: Path) -> None:
    """``python -m spacerace run budgets -p base_year 2015 -y 'countries: [IND, JPN]'`` from another
    folder: the prose follows the parameters, China (not asked for) is left out, and the days of
    budget, a ratio of two rupee amounts, do not depend on the base year."""
    import json
    import subprocess
    import sys

    from spacerace import data
    from spacerace.engine.rerun import glued_values

    out = tmp_path / "out"
    args = [sys.executable, "-m", "spacerace", "run", "budgets", "--out", str(out), "-p", "base_year", "2015", "-y", "countries: [IND, JPN]"]
    result = subprocess.run(args, cwd=tmp_path, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    values = glued_values(json.loads((out / "budgets.ipynb").read_text(encoding="utf-8")))
    assert "2015 prices" in values["money_note"]
    assert [part.split()[0] for part in values["growth_text"].split("; ")] == ["India", "Japan"]  # named as readers know them
    assert values["china_range"] == "not shown in this run"
    economics = {name: data.load(name) for name in budgets.ECONOMICS}
    costs_2015, costs_2023 = (budgets.mission_cost(data.load("mission_costs"), "chandrayaan-3", base_year=y, use_ppp=False, economics=economics) for y in (2015, 2023))
    series = {y: budgets.convert(budgets.national(data.load("space_budgets")), base_year=y, use_ppp=False, economics=economics).set_index(["country", "fiscal_year"]) for y in (2015, 2023)}
    days = {y: budgets.days_of_budget(c["real_usd_million"], series[y].loc[("IND", 2023), "real_usd_million"]) for y, c in ((2015, costs_2015), (2023, costs_2023))}
    assert values["c3_days"] == pytest.approx(days[2015]) == pytest.approx(days[2023])
    assert sorted(p.name for p in (out / "charts").glob("*.png")) == [f"budgets-{i}.png" for i in range(1, 5)]


def test_growth_compares_like_with_like() -> None:
    series = pd.DataFrame(
        {"country": ["USA"] * 3, "body": ["NASA", "NASA + USSF", "NASA + USSF"], "fiscal_year": [2010, 2021, 2024], "real_usd_million": [20.0, 40.0, 44.0]}
    )
    growth = budgets.growth_since(series).set_index("country")
    assert growth.loc["USA", "first_year"] == 2021 and growth.loc["USA", "change_pct"] == pytest.approx(10)


def test_countries_are_named_as_readers_know_them() -> None:
    assert [budgets.country_label(c) for c in ("USA", "RUS", "ESA", "KOR", "IND")] == ["United States", "Russia", "Europe (ESA)", "South Korea", "India"]
    assert budgets.country_labels(["RUS"]) == '({"RUS": "Russia"})[datum.label] || datum.label'
