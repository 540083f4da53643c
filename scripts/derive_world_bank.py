"""Derive GDP and population for the countries of the budgets chapter from the World Bank rows
kept in ``data/raw/economics`` (offline; nothing is downloaded).

Run from the repository root::

    python scripts/derive_world_bank.py

It writes two tidy tables into ``data/``, one row per country and year from :data:`FIRST_YEAR`:

``gdp.csv``
    ``country, year, gdp_usd_million, source_url, source_note``: GDP in millions of current US
    dollars (World Bank NY.GDP.MKTP.CD, via github.com/datasets/gdp).
``population.csv``
    ``country, year, population, source_url, source_note``: midyear population (World Bank
    SP.POP.TOTL, via github.com/datasets/population).

See ``data/raw/economics/README.md`` for where the raw rows came from.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

ROOT = Path(__file__).resolve().parent.parent
RAW = ROOT / "data" / "raw" / "economics"
OUT = ROOT / "data"

COUNTRIES = ("USA", "CHN", "IND", "JPN", "FRA", "DEU", "ITA", "RUS", "KOR", "ARE", "GBR")
"""The budget countries (ESA is not a country: the chapter compares it with no GDP)."""

FIRST_YEAR = 2000

GDP_URL = "http://datafinder.worldbank.org/gdp-current"
POPULATION_URL = "https://api.worldbank.org/v2/sources/2/series/sp.pop.totl/metadata?format=json"
GDP_COMMIT = "822019c80142c162e4ca4eb1a63699ae36075078"
POPULATION_COMMIT = "425fc447a53a26c767a15a7de60c4cc2478a0595"


def _rows(file: str) -> pd.DataFrame:
    raw = pd.read_csv(RAW / file, keep_default_na=False, na_values=[""])
    raw = raw[raw["Country Code"].isin(COUNTRIES) & (raw["Year"] >= FIRST_YEAR)]
    missing = set(COUNTRIES) - set(raw["Country Code"])
    if missing or raw["Value"].isna().any():
        raise SystemExit(f"{file}: no rows for {sorted(missing)} or empty values")
    return raw.rename(columns={"Country Code": "country", "Year": "year", "Country Name": "name"}).sort_values(["country", "year"])


def derive_gdp() -> pd.DataFrame:
    raw = _rows("worldbank_gdp_rows.csv")
    return pd.DataFrame(
        {
            "country": raw["country"],
            "year": raw["year"].astype(int),
            "gdp_usd_million": raw["Value"].astype(float) / 1e6,
            "source_url": GDP_URL,
            "source_note": [
                f"World Bank GDP (current US$), NY.GDP.MKTP.CD, for {name}, divided by one million; "
                f"from github.com/datasets/gdp data/gdp.csv at commit {GDP_COMMIT[:12]}. Series ends in 2023."
                for name in raw["name"]
            ],
        }
    )


def derive_population() -> pd.DataFrame:
    raw = _rows("worldbank_population_rows.csv")
    return pd.DataFrame(
        {
            "country": raw["country"],
            "year": raw["year"].astype(int),
            "population": raw["Value"].astype("int64"),
            "source_url": POPULATION_URL,
            "source_note": [
                f"World Bank Population, total (SP.POP.TOTL, midyear estimate) for {name}; "
                f"from github.com/datasets/population data/population.csv at commit {POPULATION_COMMIT[:12]}."
                for name in raw["name"]
            ],
        }
    )


def main() -> None:
    for name, frame in (("gdp", derive_gdp()), ("population", derive_population())):
        path = OUT / f"{name}.csv"
        frame.to_csv(path, index=False, float_format="%.10g", lineterminator="\n")
        print(f"wrote {path} ({len(frame)} rows)")


if __name__ == "__main__":
    main()
