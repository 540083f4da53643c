"""Derive ``data/regions.csv`` (alpha-3 code -> UN M49 region and sub-region) from the raw copy of
the ``datasets/country-codes`` table in ``data/raw/country-codes/``.

Run once after updating the raw copy::

    python scripts/make_regions.py

Antarctica (ATA) has no M49 region and is left out.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
RAW = ROOT / "data" / "raw" / "country-codes" / "country-codes.csv"
OUT = ROOT / "data" / "regions.csv"

REPOSITORY = "datasets/country-codes"
COMMIT = "caa72d1e0e5af8876c170bb36a9e4d64a01bba88"
SOURCE_URL = f"https://github.com/{REPOSITORY}/blob/{COMMIT}/data/country-codes.csv"


def derive(raw: pd.DataFrame) -> pd.DataFrame:
    """Return one row per alpha-3 code with its M49 region, sub-region and intermediate region."""
    table = pd.DataFrame(
        {
            "country": raw["ISO3166-1-Alpha-3"],
            "name": raw["CLDR display name"].where(raw["CLDR display name"] != "", raw["official_name_en"]),
            "region": raw["Region Name"],
            "subregion": raw["Sub-region Name"],
            "intermediate_region": raw["Intermediate Region Name"],
            "m49": raw["M49"],
        }
    )
    table = table[(table["country"] != "") & (table["region"] != "")]
    table["source_url"] = SOURCE_URL
    table["source_note"] = "UN M49 names as given by datasets/country-codes (ODC-PDDL)"
    return table.sort_values("country").reset_index(drop=True)


def main() -> None:
    raw = pd.read_csv(RAW, dtype=str, keep_default_na=False)
    table = derive(raw)
    table.to_csv(OUT, index=False)
    print(f"wrote {len(table)} rows to {OUT.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
