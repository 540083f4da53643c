"""Converting mission costs between years and currencies.

Every function here is pure: it takes the economic tables as pandas DataFrames (loaded by
:mod:`spacerace.data`) and returns numbers or new frames. The tables are the book's tidy CSVs:

``cpi``
    columns ``currency``, ``year``, ``index`` (a price level; any base, only ratios are used).
``fx``
    columns ``currency``, ``year``, ``per_usd`` (units of the currency per 1 US dollar, annual
    average). The US dollar itself needs no rows: its rate is 1 in every year.
``ppp``
    columns ``currency``, ``year``, ``lcu_per_intl_dollar`` (PPP conversion factor, GDP). An
    international dollar equals a US dollar in the United States, so USD needs no rows either.

Two ways of bringing a cost paid in currency *C* in price year *p* to target currency *T* in base
year *b* are offered (they differ whenever *C*'s inflation differs from its exchange-rate path):

``deflate_then_convert`` (the book's default)
    ``amount × CPI_C(b) / CPI_C(p)``, then converted from *C* to *T* at the year-*b* rate.
``convert_then_deflate``
    converted from *C* to USD at the year-*p* rate, ``× CPI_USD(b) / CPI_USD(p)``, then converted
    from USD to *T* at the year-*b* rate.

With ``use_ppp=True`` every conversion uses PPP factors instead of market exchange rates (the
result is then in *T* at *T*'s purchasing power; in international dollars when *T* is USD).

When a currency or a year is not covered, the functions raise :class:`CoverageError`, which
lists every missing (table, currency, year) at once, never a silent ``NaN``.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from typing import Literal

import pandas as pd

__all__ = [
    "CoverageError",
    "Method",
    "price_index",
    "deflate",
    "units_per_usd",
    "usd_per_unit",
    "to_currency",
    "ppp_factor",
    "to_currency_ppp",
    "nnsi_factor",
    "convert_costs",
    "coverage_problems",
]

Method = Literal["deflate_then_convert", "convert_then_deflate"]
METHODS: tuple[str, ...] = ("deflate_then_convert", "convert_then_deflate")

_TABLE_LABEL = {"cpi": "price index (CPI)", "fx": "exchange rate", "ppp": "PPP factor", "nnsi": "NASA New Start index"}
_VALUE_COLUMN = {"cpi": "index", "fx": "per_usd", "ppp": "lcu_per_intl_dollar"}


class CoverageError(ValueError):
    """A conversion needs a value that the economic tables do not have.

    Attributes
    ----------
    missing : list of tuple (str, str, int)
        Every missing ``(table, currency, year)``, sorted, without duplicates. ``table`` is one of
        ``"cpi"``, ``"fx"``, ``"ppp"``, ``"nnsi"`` (for the NASA index ``currency`` is ``"USD"``
        and ``year`` is the fiscal year).
    """

    def __init__(self, missing: Iterable[tuple[str, str, int]], known: Mapping[str, set[str]] | None = None):
        self.missing: list[tuple[str, str, int]] = sorted(set(missing))
        known = known or {}
        parts = []
        for table, currency, year in self.missing:
            label = _TABLE_LABEL.get(table, table)
            if table in known and currency not in known[table]:
                parts.append(f"{label}: currency {currency} is not in the table at all (needed for {year})")
            else:
                parts.append(f"{label}: no value for {currency} in {year}")
        n = len(self.missing)
        super().__init__(f"{n} value{'s' if n != 1 else ''} not covered by the economic series: " + "; ".join(parts))


# --- lookups -----------------------------------------------------------------------------------


def _lookup(table: pd.DataFrame, name: str) -> dict[tuple[str, int], float]:
    column = _VALUE_COLUMN[name]
    for needed in ("currency", "year", column):
        if needed not in table.columns:
            raise ValueError(f"the {_TABLE_LABEL[name]} table has no column {needed!r}")
    keys = list(zip(table["currency"].astype(str), table["year"].astype(int)))
    if len(set(keys)) != len(keys):
        dupes = sorted({k for k in keys if keys.count(k) > 1})
        raise ValueError(f"the {_TABLE_LABEL[name]} table has duplicate (currency, year) rows: {dupes[:5]}")
    return dict(zip(keys, table[column].astype(float)))


def _get(lookup: Mapping[tuple[str, int], float], table: str, currency: str, year: int) -> float:
    value = lookup.get((currency, int(year)))
    if value is None or math.isnan(value):
        raise CoverageError([(table, currency, int(year))], {table: {c for c, _ in lookup}})
    return value


def price_index(cpi: pd.DataFrame, currency: str, year: int) -> float:
    """Return the consumer price level for ``currency``'s area in ``year``.

    Parameters
    ----------
    cpi : DataFrame
        Columns ``currency``, ``year``, ``index``.
    currency : str
        ISO 4217 code, e.g. ``"INR"``.
    year : int
        Calendar year.

    Raises
    ------
    CoverageError
        If the table has no value for that currency and year (the message names both).
    """
    return _get(_lookup(cpi, "cpi"), "cpi", currency, year)


def deflate(amount: float, currency: str, from_year: int, to_year: int, cpi: pd.DataFrame) -> float:
    """Re-express ``amount`` of ``currency`` in ``from_year`` prices as ``to_year`` prices.

    ``amount × index(to_year) / index(from_year)``, with the price index of the currency's own
    area. The currency does not change.
    """
    lookup = _lookup(cpi, "cpi")
    _require(lookup, "cpi", [(currency, from_year), (currency, to_year)])
    return amount * lookup[(currency, int(to_year))] / lookup[(currency, int(from_year))]


def units_per_usd(currency: str, year: int, fx: pd.DataFrame) -> float:
    """Units of ``currency`` that one US dollar bought on average in ``year`` (1.0 for USD)."""
    if currency == "USD":
        return 1.0
    return _get(_lookup(fx, "fx"), "fx", currency, year)


def usd_per_unit(currency: str, year: int, fx: pd.DataFrame) -> float:
    """US dollars that one unit of ``currency`` bought on average in ``year`` (1.0 for USD)."""
    return 1.0 / units_per_usd(currency, year, fx)


def to_currency(amount: float, currency: str, target: str, year: int, fx: pd.DataFrame) -> float:
    """Convert ``amount`` of ``currency`` into ``target`` at ``year``'s average market rates.

    Both legs go through the US dollar: ``amount / per_usd(currency) × per_usd(target)``.
    """
    lookup = _lookup(fx, "fx")
    _require(lookup, "fx", [(c, year) for c in (currency, target) if c != "USD"])
    return amount / _rate(lookup, currency, year) * _rate(lookup, target, year)


def ppp_factor(currency: str, year: int, ppp: pd.DataFrame) -> float:
    """PPP conversion factor: units of ``currency`` per international dollar in ``year``.

    The international dollar has the US dollar's purchasing power in the United States, so the
    factor for USD is 1.0 in every year.
    """
    if currency == "USD":
        return 1.0
    return _get(_lookup(ppp, "ppp"), "ppp", currency, year)


def to_currency_ppp(amount: float, currency: str, target: str, year: int, ppp: pd.DataFrame) -> float:
    """Convert ``amount`` of ``currency`` into ``target`` at ``year``'s PPP factors.

    ``amount / ppp(currency) × ppp(target)``: the amount of ``target`` that buys, in the target's
    economy, what ``amount`` bought in the source's economy.
    """
    lookup = _lookup(ppp, "ppp")
    _require(lookup, "ppp", [(c, year) for c in (currency, target) if c != "USD"])
    return amount / _rate(lookup, currency, year) * _rate(lookup, target, year)


def nnsi_factor(nnsi: pd.DataFrame, from_fiscal_year: int, to_fiscal_year: int) -> float:
    """Multiplier that moves US dollars of ``from_fiscal_year`` to ``to_fiscal_year`` with NASA's
    New Start Inflation Index.

    Parameters
    ----------
    nnsi : DataFrame
        Columns ``fiscal_year`` and ``index`` (any base).

    Raises
    ------
    CoverageError
        If either fiscal year is not in the table.
    """
    values = dict(zip(nnsi["fiscal_year"].astype(int), nnsi["index"].astype(float)))
    missing = [("nnsi", "USD", int(y)) for y in (from_fiscal_year, to_fiscal_year) if int(y) not in values]
    if missing:
        raise CoverageError(missing)
    return values[int(to_fiscal_year)] / values[int(from_fiscal_year)]


# --- table conversion ------------------------------------------------------------------------------


def convert_costs(
    costs: pd.DataFrame,
    *,
    base_year: int,
    target_currency: str = "USD",
    method: Method = "deflate_then_convert",
    use_ppp: bool = False,
    cpi: pd.DataFrame,
    fx: pd.DataFrame | None = None,
    ppp: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """Bring every cost in ``costs`` to ``target_currency`` at ``base_year`` prices.

    Parameters
    ----------
    costs : DataFrame
        Needs columns ``amount_million`` (number), ``currency`` (ISO 4217) and ``price_year``
        (the year whose prices the amount is in). Other columns are kept. Rows whose
        ``amount_million`` is missing get a missing result and are not checked.
    base_year : int
        The year whose prices the result is in.
    target_currency : str, default "USD"
        ISO 4217 code of the result.
    method : {"deflate_then_convert", "convert_then_deflate"}
        See the module docstring.
    use_ppp : bool, default False
        Convert with PPP factors (``ppp``) instead of market exchange rates (``fx``).
    cpi, fx, ppp : DataFrame
        The economic tables; ``fx`` is needed unless ``use_ppp``, ``ppp`` only if ``use_ppp``.

    Returns
    -------
    DataFrame
        A copy of ``costs`` with ``adjusted_million`` (the converted amount, in millions of
        ``target_currency``) and the columns ``adjusted_currency``, ``adjusted_base_year``,
        ``adjusted_method`` and ``adjusted_rates`` (``"market"`` or ``"ppp"``) that say how.

    Raises
    ------
    ValueError
        For an unknown method, a missing column, or a row with an amount but no currency or
        price year.
    CoverageError
        Listing every (table, currency, year) the conversion needs and the tables lack.
    """
    if method not in METHODS:
        raise ValueError(f"method must be one of {METHODS}, not {method!r}")
    missing_cols = [c for c in ("amount_million", "currency", "price_year") if c not in costs.columns]
    if missing_cols:
        raise ValueError(f"the costs table lacks the column(s) {missing_cols}")
    rate_name, rate_lookup = _rate_lookup("convert_costs", use_ppp, fx, ppp)
    base_year = int(base_year)
    cpi_lookup = _lookup(cpi, "cpi")

    todo = costs[costs["amount_million"].notna()]
    incomplete = todo[todo["currency"].isna() | todo["price_year"].isna()]
    if not incomplete.empty:
        raise ValueError(f"rows {list(incomplete.index)} have an amount but no currency or price year")

    # Every value this conversion needs, checked at once.
    need_cpi: set[tuple[str, int]] = set()
    need_rate: set[tuple[str, int]] = set()
    for currency, year in zip(todo["currency"].astype(str), todo["price_year"].astype(int)):
        row_cpi, row_rate = _needed(currency, year, base_year, target_currency, method)
        need_cpi |= row_cpi
        need_rate |= row_rate
    missing = _missing(need_cpi, need_rate, cpi_lookup, rate_lookup, rate_name)
    if missing:
        raise CoverageError(missing, _known(cpi_lookup, rate_lookup, rate_name))

    def one(amount: float, currency: str, year: int) -> float:
        if method == "deflate_then_convert":
            in_base = amount * cpi_lookup[(currency, base_year)] / cpi_lookup[(currency, year)]
            return in_base / _rate(rate_lookup, currency, base_year) * _rate(rate_lookup, target_currency, base_year)
        usd = amount / _rate(rate_lookup, currency, year)
        usd_base = usd * cpi_lookup[("USD", base_year)] / cpi_lookup[("USD", year)]
        return usd_base * _rate(rate_lookup, target_currency, base_year)

    out = costs.copy()
    out["adjusted_million"] = [
        one(float(a), str(c), int(y)) if pd.notna(a) else math.nan
        for a, c, y in zip(costs["amount_million"], costs["currency"], costs["price_year"])
    ]
    out["adjusted_currency"] = target_currency
    out["adjusted_base_year"] = base_year
    out["adjusted_method"] = method
    out["adjusted_rates"] = "ppp" if use_ppp else "market"
    return out


def coverage_problems(
    costs: pd.DataFrame,
    *,
    base_year: int,
    target_currency: str = "USD",
    method: Method = "deflate_then_convert",
    use_ppp: bool = False,
    cpi: pd.DataFrame,
    fx: pd.DataFrame | None = None,
    ppp: pd.DataFrame | None = None,
) -> pd.Series:
    """For each row of ``costs``, why :func:`convert_costs` could not convert it ("" when it can).

    The reason is the first line of the :class:`CoverageError` that row alone would raise. Rows
    without an amount need nothing and get "".
    """
    rate_name, rate_lookup = _rate_lookup("coverage_problems", use_ppp, fx, ppp)
    cpi_lookup = _lookup(cpi, "cpi")
    known = _known(cpi_lookup, rate_lookup, rate_name)
    reasons = []
    for amount, currency, year in zip(costs["amount_million"], costs["currency"], costs["price_year"]):
        missing = []
        if pd.notna(amount):
            missing = _missing(*_needed(str(currency), int(year), int(base_year), target_currency, method), cpi_lookup, rate_lookup, rate_name)
        reasons.append(str(CoverageError(missing, known)).splitlines()[0] if missing else "")
    return pd.Series(reasons, index=costs.index, dtype=object)


# --- helpers -----------------------------------------------------------------------------------


def _rate_lookup(caller: str, use_ppp: bool, fx: pd.DataFrame | None, ppp: pd.DataFrame | None) -> tuple[str, dict[tuple[str, int], float]]:
    """The name and lookup of the rates a conversion uses: PPP factors or market exchange rates."""
    rate_name, rate_table = ("ppp", ppp) if use_ppp else ("fx", fx)
    if rate_table is None:
        raise ValueError(f"{caller} needs the {rate_name} table (use_ppp={use_ppp})")
    return rate_name, _lookup(rate_table, rate_name)


def _needed(currency: str, year: int, base_year: int, target_currency: str, method: str) -> tuple[set[tuple[str, int]], set[tuple[str, int]]]:
    """The (currency, year) price indexes and rates that converting one amount needs."""
    need_rate = {(target_currency, base_year)} if target_currency != "USD" else set()
    if method == "deflate_then_convert":
        need_cpi = {(currency, year), (currency, base_year)}
        if currency != "USD":
            need_rate.add((currency, base_year))
    else:
        need_cpi = {("USD", year), ("USD", base_year)}
        if currency != "USD":
            need_rate.add((currency, year))
    return need_cpi, need_rate


def _missing(need_cpi, need_rate, cpi_lookup, rate_lookup, rate_name: str) -> list[tuple[str, str, int]]:
    missing = [("cpi", c, y) for c, y in need_cpi if (c, y) not in cpi_lookup]
    return missing + [(rate_name, c, y) for c, y in need_rate if (c, y) not in rate_lookup]


def _known(cpi_lookup, rate_lookup, rate_name: str) -> dict[str, set[str]]:
    """The currencies each table has at all (for the error message)."""
    return {"cpi": {c for c, _ in cpi_lookup}, rate_name: {c for c, _ in rate_lookup} | {"USD"}}




def _rate(lookup: Mapping[tuple[str, int], float], currency: str, year: int) -> float:
    """Units per USD (or per international dollar); 1.0 for USD, present or not."""
    if currency == "USD":
        return 1.0
    return lookup[(currency, int(year))]


def _require(lookup: Mapping[tuple[str, int], float], table: str, keys: Iterable[tuple[str, int]]) -> None:
    missing = [(table, c, int(y)) for c, y in keys if (c, int(y)) not in lookup]
    if missing:
        known = {c for c, _ in lookup} | ({"USD"} if table in ("fx", "ppp") else set())
        raise CoverageError(missing, {table: known})
