"""Unit tests for spacerace.money, with answers worked out by hand.

Two kinds of fixtures: a tiny made-up set of tables with round numbers (so every expected value
below can be checked with pencil and paper), and the book's shipped series, where the expected
values are written as the arithmetic on the source figures quoted in the comments.
"""

from __future__ import annotations

import math
from pathlib import Path

import pandas as pd
import pytest

from spacerace import money
from spacerace.money import CoverageError

DATA = Path(__file__).resolve().parents[2] / "data"


# --- a made-up world with round numbers ----------------------------------------------------------


@pytest.fixture
def toy_cpi() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "currency": ["USD", "USD", "INR", "INR", "EUR", "EUR"],
            "year": [2000, 2010, 2000, 2010, 2000, 2010],
            "index": [100.0, 120.0, 50.0, 100.0, 80.0, 88.0],
        }
    )


@pytest.fixture
def toy_fx() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "currency": ["INR", "INR", "EUR", "EUR"],
            "year": [2000, 2010, 2000, 2010],
            "per_usd": [40.0, 50.0, 1.0, 0.8],
        }
    )


@pytest.fixture
def toy_ppp() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "currency": ["INR", "INR", "EUR", "EUR"],
            "year": [2000, 2010, 2000, 2010],
            "lcu_per_intl_dollar": [10.0, 20.0, 0.9, 0.75],
        }
    )


@pytest.fixture
def toy_costs() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "cost_id": ["a", "b", "c", "d"],
            "amount_million": [4000.0, 100.0, 10.0, None],
            "currency": ["INR", "EUR", "USD", "USD"],
            "price_year": [2000, 2000, 2000, None],
        }
    )


def test_price_index_and_deflate(toy_cpi):
    assert money.price_index(toy_cpi, "INR", 2010) == 100.0
    # 4000 INR of 2000 in 2010 prices: 4000 x 100 / 50
    assert money.deflate(4000, "INR", 2000, 2010, toy_cpi) == pytest.approx(8000)
    # and back again
    assert money.deflate(8000, "INR", 2010, 2000, toy_cpi) == pytest.approx(4000)


def test_rates(toy_fx, toy_ppp):
    assert money.units_per_usd("INR", 2010, toy_fx) == 50.0
    assert money.usd_per_unit("EUR", 2010, toy_fx) == pytest.approx(1.25)
    assert money.units_per_usd("USD", 1066, toy_fx) == 1.0  # the dollar needs no rows
    # 100 EUR in 2010 -> 125 USD -> 6250 INR
    assert money.to_currency(100, "EUR", "INR", 2010, toy_fx) == pytest.approx(6250)
    assert money.ppp_factor("USD", 2010, toy_ppp) == 1.0
    # 200 INR at PPP 20 = 10 intl $, = 7.5 EUR at PPP 0.75
    assert money.to_currency_ppp(200, "INR", "EUR", 2010, toy_ppp) == pytest.approx(7.5)


def test_deflate_then_convert_market(toy_costs, toy_cpi, toy_fx):
    out = money.convert_costs(toy_costs, base_year=2010, cpi=toy_cpi, fx=toy_fx)
    # INR: 4000 x 100/50 = 8000 INR(2010) / 50 = 160; EUR: 100 x 88/80 = 110 / 0.8 = 137.5;
    # USD: 10 x 120/100 = 12; the row without an amount stays empty.
    assert out["adjusted_million"].tolist()[:3] == pytest.approx([160.0, 137.5, 12.0])
    assert math.isnan(out["adjusted_million"].iloc[3])
    assert set(out["adjusted_method"]) == {"deflate_then_convert"}
    assert set(out["adjusted_rates"]) == {"market"}
    assert set(out["adjusted_currency"]) == {"USD"} and set(out["adjusted_base_year"]) == {2010}
    assert list(out.columns[:4]) == list(toy_costs.columns)  # the input columns are kept, in order
    assert "adjusted_million" not in toy_costs.columns  # the input is not modified


def test_convert_then_deflate_market(toy_costs, toy_cpi, toy_fx):
    out = money.convert_costs(toy_costs, base_year=2010, method="convert_then_deflate", cpi=toy_cpi, fx=toy_fx)
    # INR: 4000 / 40 = 100 USD(2000) x 120/100 = 120; EUR: 100 / 1.0 x 1.2 = 120; USD: 12
    assert out["adjusted_million"].tolist()[:3] == pytest.approx([120.0, 120.0, 12.0])
    assert set(out["adjusted_method"]) == {"convert_then_deflate"}


def test_target_currency(toy_costs, toy_cpi, toy_fx):
    a = money.convert_costs(toy_costs, base_year=2010, target_currency="EUR", cpi=toy_cpi, fx=toy_fx)
    b = money.convert_costs(
        toy_costs, base_year=2010, target_currency="EUR", method="convert_then_deflate", cpi=toy_cpi, fx=toy_fx
    )
    # USD results above, times 0.8 EUR per USD in 2010
    assert a["adjusted_million"].tolist()[:3] == pytest.approx([128.0, 110.0, 9.6])
    assert b["adjusted_million"].tolist()[:3] == pytest.approx([96.0, 96.0, 9.6])
    assert set(a["adjusted_currency"]) == {"EUR"}


def test_ppp_both_methods(toy_costs, toy_cpi, toy_ppp):
    a = money.convert_costs(toy_costs, base_year=2010, use_ppp=True, cpi=toy_cpi, ppp=toy_ppp)
    b = money.convert_costs(toy_costs, base_year=2010, method="convert_then_deflate", use_ppp=True, cpi=toy_cpi, ppp=toy_ppp)
    # a: INR 8000 / 20 = 400; EUR 110 / 0.75 = 146.67; USD 12
    assert a["adjusted_million"].tolist()[:3] == pytest.approx([400.0, 110 / 0.75, 12.0])
    # b: INR 4000 / 10 = 400 intl$ x 1.2 = 480; EUR 100 / 0.9 x 1.2 = 133.33; USD 12
    assert b["adjusted_million"].tolist()[:3] == pytest.approx([480.0, 100 / 0.9 * 1.2, 12.0])
    assert set(a["adjusted_rates"]) == {"ppp"}


# --- errors ------------------------------------------------------------------------------------


def test_price_index_error_names_currency_and_year(toy_cpi):
    with pytest.raises(CoverageError, match=r"INR in 1950") as err:
        money.price_index(toy_cpi, "INR", 1950)
    assert err.value.missing == [("cpi", "INR", 1950)]
    assert isinstance(err.value, ValueError)


def test_unknown_currency(toy_cpi, toy_fx):
    with pytest.raises(CoverageError, match="XXX is not in the table at all"):
        money.units_per_usd("XXX", 2010, toy_fx)
    with pytest.raises(CoverageError, match="XXX"):
        money.deflate(1, "XXX", 2000, 2010, toy_cpi)


def test_convert_costs_lists_every_gap(toy_cpi, toy_fx):
    costs = pd.DataFrame(
        {"amount_million": [1.0, 2.0, 3.0], "currency": ["INR", "XXX", "EUR"], "price_year": [1950, 2000, 2000]}
    )
    with pytest.raises(CoverageError) as err:
        money.convert_costs(costs, base_year=2020, cpi=toy_cpi, fx=toy_fx)
    missing = err.value.missing
    assert ("cpi", "INR", 1950) in missing
    assert ("cpi", "XXX", 2000) in missing
    assert ("cpi", "EUR", 2020) in missing
    assert ("fx", "INR", 2020) in missing and ("fx", "XXX", 2020) in missing
    assert "XXX is not in the table at all" in str(err.value)
    assert str(len(missing)) in str(err.value)


def test_convert_then_deflate_needs_price_year_rate(toy_cpi, toy_fx):
    costs = pd.DataFrame({"amount_million": [1.0], "currency": ["INR"], "price_year": [2005]})
    with pytest.raises(CoverageError) as err:
        money.convert_costs(costs, base_year=2010, method="convert_then_deflate", cpi=toy_cpi, fx=toy_fx)
    assert set(err.value.missing) == {("cpi", "USD", 2005), ("fx", "INR", 2005)}


def test_bad_arguments(toy_costs, toy_cpi, toy_fx):
    with pytest.raises(ValueError, match="method must be one of"):
        money.convert_costs(toy_costs, base_year=2010, method="guess", cpi=toy_cpi, fx=toy_fx)  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="price_year"):
        money.convert_costs(toy_costs.drop(columns="price_year"), base_year=2010, cpi=toy_cpi, fx=toy_fx)
    with pytest.raises(ValueError, match="needs the ppp table"):
        money.convert_costs(toy_costs, base_year=2010, use_ppp=True, cpi=toy_cpi, fx=toy_fx)
    no_year = toy_costs.assign(price_year=[2000, None, 2000, None])
    with pytest.raises(ValueError, match="no currency or price year"):
        money.convert_costs(no_year, base_year=2010, cpi=toy_cpi, fx=toy_fx)
    dup = pd.concat([toy_fx, toy_fx.head(1)])
    with pytest.raises(ValueError, match="duplicate"):
        money.units_per_usd("INR", 2000, dup)


# --- the shipped series --------------------------------------------------------------------------


@pytest.fixture(scope="module")
def shipped() -> dict[str, pd.DataFrame]:
    return {name: pd.read_csv(DATA / f"{name}.csv") for name in ("cpi", "exchange_rates", "ppp", "nasa_new_start_index")}


def test_chandrayaan3_at_2020_rate(shipped):
    # Rs 615 crore = INR 6,150 million (price year 2020). FRED's 2020 average: 74.1429 INR per USD.
    usd = money.to_currency(6150, "INR", "USD", 2020, shipped["exchange_rates"])
    assert usd == pytest.approx(6150 / 74.1429)
    assert usd == pytest.approx(82.948, abs=0.001)


def test_round_trip(shipped):
    fx, cpi = shipped["exchange_rates"], shipped["cpi"]
    there = money.to_currency(6150, "INR", "EUR", 2020, fx)
    assert money.to_currency(there, "EUR", "INR", 2020, fx) == pytest.approx(6150)
    later = money.deflate(6150, "INR", 2020, 2024, cpi)
    assert money.deflate(later, "INR", 2024, 2020, cpi) == pytest.approx(6150)


def test_both_methods_on_shipped_series(shipped):
    costs = pd.DataFrame({"amount_million": [6150.0], "currency": ["INR"], "price_year": [2020]})
    kw = dict(base_year=2023, cpi=shipped["cpi"], fx=shipped["exchange_rates"])
    a = money.convert_costs(costs, **kw)["adjusted_million"].iloc[0]
    b = money.convert_costs(costs, method="convert_then_deflate", **kw)["adjusted_million"].iloc[0]
    # (a) Indian CPI 2021-2023: +5.131407%, +6.699034%, +5.649143%; FRED 2023: 82.5708 INR per USD
    assert a == pytest.approx(6150 * 1.05131407 * 1.06699034 * 1.05649143 / 82.5708, rel=1e-6)
    # (b) 6150 / 74.1429 USD, US CPI 2021-2023: +4.697859%, +8.002800%, +4.116338%
    assert b == pytest.approx(6150 / 74.1429 * 1.04697859 * 1.08002800 * 1.04116338, rel=1e-6)
    # India's inflation outran the rupee's fall over 2020-2023, so (a) is the smaller figure here
    assert a < b


def test_nnsi_factor_matches_published_row(shipped):
    # NASA's table: FY2014 -> FY2025 factor 1.359 (row FROM 2014); from the FROM 1959 row: 16.461 / 12.109
    f = money.nnsi_factor(shipped["nasa_new_start_index"], 2014, 2025)
    assert f == pytest.approx(16.461 / 12.109)
    assert f == pytest.approx(1.359, abs=0.001)
    with pytest.raises(CoverageError, match="1950"):
        money.nnsi_factor(shipped["nasa_new_start_index"], 1950, 2025)


def test_shipped_gaps_are_errors(shipped):
    # The CPI vintage stops in 2024 and RUB exchange rates stop in 2023: no silent extrapolation.
    with pytest.raises(CoverageError, match="INR in 2025"):
        money.deflate(1, "INR", 2020, 2025, shipped["cpi"])
    with pytest.raises(CoverageError, match="RUB in 2024"):
        money.units_per_usd("RUB", 2024, shipped["exchange_rates"])
