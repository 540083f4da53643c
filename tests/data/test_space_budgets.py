"""Data tests for data/space_budgets.csv: the agreed columns, one rule per kind of row, plausible
amounts, and figures hand-checked against the pages in their source_url (read with the search tool)."""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd
import pytest

DATA = Path(__file__).resolve().parents[2] / "data"
COLUMNS = [
    "budget_id", "country", "body", "fiscal_year", "fiscal_year_note", "amount_million", "currency", "price_year",
    "sector", "figure_kind", "status", "estimated_by", "source_url", "source_kind", "source_note",
]


@pytest.fixture(scope="module")
def budgets() -> pd.DataFrame:
    return pd.read_csv(DATA / "space_budgets.csv", dtype={"estimated_by": str}, keep_default_na=False)


def test_the_agreed_columns_in_order(budgets: pd.DataFrame) -> None:
    assert list(budgets.columns) == COLUMNS


def test_ids_are_slugs_that_start_with_the_country_and_name_the_year(budgets: pd.DataFrame) -> None:
    for row in budgets.itertuples():
        assert re.fullmatch(r"[a-z]{3}-[a-z0-9-]+", row.budget_id), row.budget_id
        assert row.budget_id.startswith(row.country.lower() + "-"), row.budget_id
        assert f"-{row.fiscal_year}" in row.budget_id, row.budget_id
    assert budgets["budget_id"].is_unique


def test_estimates_name_their_author_and_officials_do_not(budgets: pd.DataFrame) -> None:
    estimates = budgets[budgets["status"] == "estimate"]
    assert (estimates["estimated_by"].str.strip() != "").all()
    assert (budgets.loc[budgets["status"] == "official", "estimated_by"] == "").all()
    assert (estimates["figure_kind"] == "estimate").all() and (budgets.loc[budgets["figure_kind"] == "estimate", "status"] == "estimate").all()


def test_china_has_only_estimates_from_several_authors(budgets: pd.DataFrame) -> None:
    china = budgets[budgets["country"] == "CHN"]
    assert (china["status"] == "estimate").all() and (china["body"] == "China (estimate)").all()
    assert china["estimated_by"].nunique() >= 3


def test_nominal_budgets_are_in_prices_of_their_own_year(budgets: pd.DataFrame) -> None:
    assert (budgets["price_year"] == budgets["fiscal_year"]).all()


def test_every_row_states_its_fiscal_year_and_a_real_source(budgets: pd.DataFrame) -> None:
    assert (budgets["fiscal_year_note"].str.len() > 10).all()
    assert not budgets["source_url"].str.contains("example.org|wikipedia.org").any()
    assert set(budgets["source_kind"]) <= {"official", "press", "scholarly"}


PLAUSIBLE = {
    # body: (currency, lowest, highest) in millions, from the orders of magnitude the agencies publish
    "NASA": ("USD", 10_000, 30_000),
    "USSF": ("USD", 10_000, 45_000),
    "DoS": ("INR", 20_000, 200_000),
    "ESA": ("EUR", 2_000, 10_000),
    "CNES": ("EUR", 1_500, 3_500),
    "Japan (national)": ("JPY", 200_000, 1_000_000),
    "China (estimate)": ("USD", 1_000, 30_000),
}


@pytest.mark.parametrize("body", sorted(PLAUSIBLE))
def test_amounts_are_plausible_for_their_body(budgets: pd.DataFrame, body: str) -> None:
    currency, low, high = PLAUSIBLE[body]
    rows = budgets[budgets["body"] == body]
    assert len(rows), body
    assert (rows["currency"] == currency).all(), rows["currency"].unique()
    assert rows["amount_million"].between(low, high).all(), rows.loc[~rows["amount_million"].between(low, high), ["budget_id", "amount_million"]]


# Spot checks, 2026-12-01: each figure read again on the page its row cites (search tool, "pages").
SPOT_CHECKS = [
    ("usa-nasa-2023", 25_384, "spacepolicyonline.com: 'its FY2023 spending level of $25.384 billion'"),
    ("usa-nasa-2024", 24_875, "spacepolicyonline.com: 'The agency will get $24.875 billion'"),
    ("ind-dos-2023", 125_439.1, "newindianexpress.com: 'allocated Rs 12,543.91 crore' for 2023-24"),
    ("ind-dos-2022-2", 105_300.4, "moneycontrol.com / outlookindia.com: revised estimate 2022-23 Rs 10,530.04 crore"),
    ("fra-cnes-2023", 2_370, "cnes.fr/budget: 'En 2023, le budget du CNES s'eleve a 2 370 millions d'euros'"),
    ("chn-estimate-2021-euroconsult", 10_300, "satellitetoday.com: 'followed by China with $10.3 billion' (Euroconsult)"),
    ("kor-kasa-2024", 759_800, "zdnet.co.kr: this year's 7,598 eok won"),
    ("kor-kasa-2025", 964_900, "zdnet.co.kr: 2025 budget 9,649 eok won passed on 10 Dec 2024"),
    ("usa-nasa-2024-request", 27_185, "spacepolicyonline.com: 'President Biden's request of $27.185 billion'"),
    ("ind-dos-2019", 115_382.6, "business-standard.com (IANS): interim budget 'Rs 11,538.26 crore ... for 2019-20'"),
    ("ind-dos-2018-2", 112_000, "business-standard.com (IANS): 'Rs 11,200 crore as per the revised estimates for 2018-19'"),
]


@pytest.mark.parametrize("budget_id, amount, page", SPOT_CHECKS)
def test_spot_checked_against_the_source_page(budgets: pd.DataFrame, budget_id: str, amount: float, page: str) -> None:
    row = budgets.set_index("budget_id").loc[budget_id]
    assert row["amount_million"] == pytest.approx(amount), page
