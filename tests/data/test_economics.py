"""Data tests for the economic series: data/cpi.csv, exchange_rates.csv, ppp.csv and
nasa_new_start_index.csv (derived by scripts/derive_economics.py from data/raw/economics)."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pandas as pd
import pytest

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT / "data"
RAW = DATA / "raw" / "economics"

CURRENCIES = {"USD", "INR", "CNY", "JPY", "EUR", "RUB", "AED", "ILS", "KRW", "GBP", "CAD", "AUD"}


@pytest.fixture(scope="module")
def cpi() -> pd.DataFrame:
    return pd.read_csv(DATA / "cpi.csv")


@pytest.fixture(scope="module")
def fx() -> pd.DataFrame:
    return pd.read_csv(DATA / "exchange_rates.csv")


@pytest.fixture(scope="module")
def ppp() -> pd.DataFrame:
    return pd.read_csv(DATA / "ppp.csv")


@pytest.fixture(scope="module")
def nnsi() -> pd.DataFrame:
    return pd.read_csv(DATA / "nasa_new_start_index.csv")


# --- shape and sources ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "name, columns",
    [
        ("cpi", ["currency", "area", "year", "index", "inflation_pct", "source_url", "source_note"]),
        ("exchange_rates", ["currency", "year", "per_usd", "source_url", "source_note"]),
        ("ppp", ["currency", "area", "year", "lcu_per_intl_dollar", "source_url", "source_note"]),
        ("nasa_new_start_index", ["fiscal_year", "index", "base_fiscal_year", "inflation_pct", "kind", "source_url", "source_note"]),
    ],
)
def test_columns_and_sources(name, columns):
    df = pd.read_csv(DATA / f"{name}.csv")
    assert list(df.columns) == columns
    assert len(df) > 0
    assert df["source_url"].str.match(r"^https?://\S+$").all()
    assert df["source_note"].notna().all()
    key = ["fiscal_year"] if name == "nasa_new_start_index" else ["currency", "year"]
    assert not df.duplicated(key).any()
    assert (ROOT / "data" / "resources" / f"{name}.json").exists()


def test_currency_sets(cpi, fx, ppp):
    assert set(cpi["currency"]) == CURRENCIES
    assert set(fx["currency"]) == CURRENCIES - {"USD"}  # the dollar is 1 per dollar, no rows
    assert set(ppp["currency"]) == CURRENCIES


@pytest.mark.parametrize("name", ["cpi", "exchange_rates", "ppp"])
def test_years_have_no_gaps(name):
    """Every currency covers one unbroken run of years: a claim of coverage from A to B holds."""
    df = pd.read_csv(DATA / f"{name}.csv")
    for currency, g in df.groupby("currency"):
        years = sorted(g["year"])
        assert years == list(range(years[0], years[-1] + 1)), currency
        assert years[-1] <= 2025, currency


def test_each_currency_has_cpi_and_fx_together(cpi, fx):
    """Each non-dollar currency has CPI and FX over a common run of at least ten years that
    includes 2020."""
    for currency in CURRENCIES - {"USD"}:
        both = set(cpi.loc[cpi["currency"] == currency, "year"]) & set(fx.loc[fx["currency"] == currency, "year"])
        assert len(both) >= 10, currency
        assert 2020 in both, currency


def test_one_area_per_currency(cpi, ppp):
    assert cpi.groupby("currency")["area"].nunique().eq(1).all()
    assert ppp.groupby("currency")["area"].nunique().eq(1).all()
    assert cpi.loc[cpi["currency"] == "EUR", "area"].iloc[0] == "EMU"  # the euro-area aggregate


# --- CPI -----------------------------------------------------------------------------------------


def test_index_chain_reproduces_inflation(cpi):
    for currency, g in cpi.sort_values("year").groupby("currency"):
        g = g.set_index("year")
        first = g.index.min()
        assert pd.isna(g.loc[first, "inflation_pct"]), currency  # the implied starting level
        rest = g.drop(index=first)
        assert rest["inflation_pct"].notna().all(), currency
        ratio = g["index"] / g["index"].shift(1)
        assert ((ratio.loc[rest.index] - 1) * 100).values == pytest.approx(rest["inflation_pct"].values, rel=1e-7, abs=1e-7), currency


def test_cpi_base_year(cpi):
    assert cpi.loc[cpi["year"] == 2015, "index"].values == pytest.approx([100.0] * len(CURRENCIES))
    assert (cpi["index"] > 0).all()


def test_cpi_plausible(cpi):
    us = cpi[cpi["currency"] == "USD"].set_index("year")
    assert us["index"].loc[1960] < us["index"].loc[2024]
    assert us.index.min() == 1959 and us.index.max() == 2024
    # US inflation 2022 was about 8%
    assert 7.5 < us.loc[2022, "inflation_pct"] < 8.5


# --- exchange rates ----------------------------------------------------------------------------


def test_per_usd_positive(fx):
    assert (fx["per_usd"] > 0).all()


def test_inr_2020(fx):
    inr = fx[(fx["currency"] == "INR") & (fx["year"] == 2020)]["per_usd"].iloc[0]
    assert 70 < inr < 80


@pytest.mark.parametrize(
    "currency, low, high",
    [
        # units per USD over each series' whole span: a flipped quote would fall far outside
        ("EUR", 0.6, 1.25),
        ("GBP", 0.38, 0.85),
        ("AUD", 0.65, 2.0),
        ("CAD", 0.95, 1.6),
        ("JPY", 75, 360),
        ("KRW", 600, 1500),
        ("CNY", 1.5, 9),
        ("INR", 7, 90),
        ("ILS", 3.0, 4.0),
        ("RUB", 20, 110),
        ("AED", 3.67, 3.675),
    ],
)
def test_fx_direction_and_range(fx, currency, low, high):
    s = fx.loc[fx["currency"] == currency, "per_usd"]
    assert s.between(low, high).all(), s.describe()


def _ecb_annual(currency: str) -> pd.Series:
    ecb = pd.read_csv(RAW / "ecb_eurofxref_hist_columns.csv", na_values=["N/A"])
    ecb["year"] = ecb["Date"].str[:4].astype(int)
    ecb = ecb.dropna(subset=["USD", currency])
    return (ecb[currency] / ecb["USD"]).groupby(ecb["year"]).mean()


@pytest.mark.parametrize("currency", ["GBP", "INR", "JPY"])
def test_fred_agrees_with_ecb_cross_rates(fx, currency):
    """FRED (used for these) and ECB cross rates (used for RUB and ILS) agree within 1%, which
    also shows that FRED's USD-per-pound quote was not inverted twice."""
    ecb = _ecb_annual(currency)
    ours = fx[fx["currency"] == currency].set_index("year")["per_usd"]
    years = [y for y in ours.index if y in ecb.index and 1999 <= y <= 2025]
    assert len(years) >= 10
    for y in years:
        assert ours[y] == pytest.approx(ecb[y], rel=0.01), (currency, y)


def test_rub_covered_after_the_open_data_stop(cpi, fx):
    """The rouble's CPI runs to 2024 and its rate to 2023 (hand rows after the World Bank's CPI stops
    in 2021 and the ECB's RUB quotes in March 2022), so a base year of 2023 converts Russian budgets."""
    rub_cpi = cpi[cpi["currency"] == "RUB"].set_index("year")
    rub_fx = fx[fx["currency"] == "RUB"].set_index("year")["per_usd"]
    assert rub_cpi.index.max() == 2024
    assert rub_fx.index.max() == 2023  # no 2024 average was found on a page read
    # Rosstat's December-on-December inflation, 2022-2024: high, but nowhere near 1990s levels
    assert rub_cpi.loc[2022:2024, "inflation_pct"].between(5, 15).all()
    assert (rub_cpi.loc[2021:2024, "index"].diff().dropna() > 0).all()
    # the hand rows say which definition they use and cite their own pages
    for y in (2022, 2023, 2024):
        assert "December" in rub_cpi.loc[y, "source_note"] or "december" in rub_cpi.loc[y, "source_note"]
        assert "worldbank" not in rub_cpi.loc[y, "source_url"]
    # roubles per dollar: 2022 stronger than 2021 (about 74), 2023 weaker (80-100)
    assert 60 < rub_fx.loc[2022] < rub_fx.loc[2021]
    assert 80 < rub_fx.loc[2023] < 100
    hand = pd.read_csv(RAW / "hand_rows_rub.csv")
    assert hand["source_url"].str.match(r"^https?://\S+$").all()
    assert set(hand["basis"]) <= {"december_on_december", "annual_average"}
    assert (hand.loc[hand["series"] == "per_usd", "basis"] == "annual_average").all()


# --- PPP ---------------------------------------------------------------------------------------


def test_ppp(ppp):
    assert (ppp["lcu_per_intl_dollar"] > 0).all()
    assert (ppp.loc[ppp["currency"] == "USD", "lcu_per_intl_dollar"] == 1).all()
    assert ppp.loc[ppp["currency"] == "EUR", "area"].iloc[0] == "DEU"
    inr2020 = ppp[(ppp["currency"] == "INR") & (ppp["year"] == 2020)]["lcu_per_intl_dollar"].iloc[0]
    assert 15 < inr2020 < 30  # well below the market rate (~74): prices are lower in India


# --- NASA New Start Inflation Index --------------------------------------------------------------


def test_nnsi(nnsi):
    s = nnsi.set_index("fiscal_year")
    assert list(s.index) == list(range(1959, 2035))
    assert s.loc[1959, "index"] == 1.0 and (s["base_fiscal_year"] == 1959).all()
    assert (s.loc[:2024, "kind"] == "actual").all() and (s.loc[2025:, "kind"] == "projection").all()
    for fy in range(1960, 2035):
        factor = 1 + s.loc[fy, "inflation_pct"] / 100
        if fy == 1977:
            factor *= 1.021  # the 1976 transition quarter sits inside FY1977
        # levels are published to 3 decimals and rates to 0.1 point (0.01 later): allow both roundings
        tolerance = 0.001 + s.loc[fy - 1, "index"] * 0.0005
        assert s.loc[fy, "index"] == pytest.approx(s.loc[fy - 1, "index"] * factor, abs=tolerance), fy


# --- reproducibility and cross-file checks -------------------------------------------------------


def test_derivation_reproduces_the_csvs():
    spec = importlib.util.spec_from_file_location("derive_economics", ROOT / "scripts" / "derive_economics.py")
    mod = importlib.util.module_from_spec(spec)
    assert spec.loader is not None
    spec.loader.exec_module(mod)
    for name, frame in [
        ("cpi", mod.derive_cpi()),
        ("exchange_rates", mod.derive_exchange_rates()),
        ("ppp", mod.derive_ppp()),
        ("nasa_new_start_index", mod.derive_nnsi()),
    ]:
        shipped = pd.read_csv(DATA / f"{name}.csv")
        pd.testing.assert_frame_equal(
            shipped.reset_index(drop=True), frame.reset_index(drop=True), check_dtype=False, rtol=1e-9
        )


def test_raw_readme_names_every_raw_file():
    readme = (RAW / "README.md").read_text(encoding="utf-8")
    for path in RAW.glob("*.csv"):
        assert path.name in readme, path.name


def test_mission_costs_are_covered(cpi, fx):
    """Every cost's currency and price year can be deflated and converted (cross-file)."""
    path = DATA / "mission_costs.csv"
    if not path.exists():
        pytest.skip("no mission_costs.csv yet")
    costs = pd.read_csv(path).dropna(subset=["amount_million"])
    prices = set(zip(cpi["currency"], cpi["year"]))
    rates = set(zip(fx["currency"], fx["year"])) | {("USD", y) for y in cpi["year"]}
    missing = [
        (c, int(y)) for c, y in zip(costs["currency"], costs["price_year"]) if (c, int(y)) not in prices or (c, int(y)) not in rates
    ]
    assert not missing, missing
