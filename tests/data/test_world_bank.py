"""Data tests for data/gdp.csv and data/population.csv (World Bank, derived by
scripts/derive_world_bank.py from data/raw/economics)."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pandas as pd
import pytest

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT / "data"
COUNTRIES = {"USA", "CHN", "IND", "JPN", "FRA", "DEU", "ITA", "RUS", "KOR", "ARE", "GBR"}


@pytest.fixture(scope="module")
def gdp() -> pd.DataFrame:
    return pd.read_csv(DATA / "gdp.csv")


@pytest.fixture(scope="module")
def population() -> pd.DataFrame:
    return pd.read_csv(DATA / "population.csv")


def test_every_budget_country_every_year_from_2000(gdp: pd.DataFrame, population: pd.DataFrame) -> None:
    for frame, last in ((gdp, 2023), (population, 2024)):
        assert set(frame["country"]) == COUNTRIES
        for country, years in frame.groupby("country")["year"]:
            assert sorted(years) == list(range(2000, last + 1)), country
        assert not frame.duplicated(["country", "year"]).any()


# Hand-checked against pages read with the search tool. The World Bank revises its series every
# year, so older pages are allowed a small difference.
GDP_CHECKS = [
    # (country, year, USD million, tolerance, page)
    ("CHN", 2020, 14_722_731, 0.02, "https://docslib.org/download/3162652/gross-domestic-product-2020 (WDI, 1 July 2021)"),
    ("USA", 2020, 20_936_600, 0.03, "same page"),
    ("IND", 2020, 2_622_984, 0.03, "same page"),
    ("JPN", 2020, 5_064_873, 0.02, "same page"),
    ("IND", 2015, 2_095_000, 0.01, "http://civilmentor.in/indias-share-in-the-global-economy/ (US$ 2.095 trillion)"),
]
POPULATION_CHECKS = [
    ("JPN", 2010, 128_070_000, 0.0, "https://www.indexmundi.com/facts/japan/indicator/SP.POP.TOTL"),
    ("JPN", 2023, 124_516_650, 0.0, "https://datasetsearch.research.google.com/search?query=japan+demographics+2011 (World Bank, CC BY 4.0)"),
]


@pytest.mark.parametrize("country, year, expected, tolerance, page", GDP_CHECKS)
def test_gdp_matches_world_bank_pages(gdp: pd.DataFrame, country: str, year: int, expected: float, tolerance: float, page: str) -> None:
    value = gdp.set_index(["country", "year"]).loc[(country, year), "gdp_usd_million"]
    assert abs(value - expected) / expected <= tolerance, f"{country} {year}: {value:,.0f} against {expected:,.0f} ({page})"


@pytest.mark.parametrize("country, year, expected, tolerance, page", POPULATION_CHECKS)
def test_population_matches_world_bank_pages(population: pd.DataFrame, country: str, year: int, expected: int, tolerance: float, page: str) -> None:
    value = population.set_index(["country", "year"]).loc[(country, year), "population"]
    assert abs(value - expected) <= tolerance * expected, f"{country} {year}: {value:,} against {expected:,} ({page})"


def test_plausible_sizes(gdp: pd.DataFrame, population: pd.DataFrame) -> None:
    latest = gdp[gdp["year"] == 2023].set_index("country")["gdp_usd_million"]
    assert latest.idxmax() == "USA" and 20e6 < latest["USA"] < 35e6  # tens of trillions, in millions
    assert latest["ARE"] < latest["KOR"] < latest["JPN"] < latest["CHN"]
    people = population[population["year"] == 2024].set_index("country")["population"]
    assert 1.3e9 < people["IND"] < 1.6e9 and 1.3e9 < people["CHN"] < 1.5e9 and people["ARE"] < 2e7


def test_the_script_reproduces_the_files(tmp_path: Path) -> None:
    spec = importlib.util.spec_from_file_location("derive_world_bank", ROOT / "scripts" / "derive_world_bank.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    module.OUT = tmp_path
    module.main()
    for name in ("gdp.csv", "population.csv"):
        assert (tmp_path / name).read_bytes() == (DATA / name).read_bytes(), name
