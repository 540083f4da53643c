"""Government space budgets over time: one figure per country and year, in real terms, against GDP,
population and the missions they buy.

``data/space_budgets.csv`` keeps every published figure as its source states it (amount, currency,
fiscal year, request / enacted / actual / revised / estimate, official or whose estimate). The
functions here make the chapter's choices explicit:

* :func:`one_per_year` keeps one official figure per body, sector and fiscal year (enacted first,
  then actual, revised, request: :data:`KIND_ORDER`);
* :func:`national` gives each country one series: its civil body with the most years (NASA, the
  Department of Space...), plus the Space Force when defence is included;
* :func:`convert` brings every figure to US dollars at ``base_year`` prices with the costs chapter's
  own conversion (:func:`spacerace.costs.convert_each`: deflate in the source currency, then convert
  at the base year's market rate or PPP), and to dollars of its own year; rows the economic series
  cannot convert keep a reason instead of a number, so that the chapter can list them;
* :func:`china_estimates` converts the published estimates for China, each with its author;
* :func:`with_gdp`, :func:`growth_since` and :func:`days_of_budget` answer the chapter's questions.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

import pandas as pd

from . import costs
from .timelines import actor_label, legend_labels

def country_label(code: str) -> str:
    """The name a reader sees for a budget's country: the book's (``"ESA"`` -> ``"Europe (ESA)"``),
    and ``"Russia"`` for ``"RUS"``: the budgets start after the Soviet Union."""
    return "Russia" if code == "RUS" else actor_label(code)


def country_labels(codes: Iterable[str]) -> str:
    """A Vega ``labelExpr`` that names each code of a legend, axis or facet header by :func:`country_label`."""
    return legend_labels(list(codes), country_label)


KIND_ORDER: tuple[str, ...] = ("enacted", "actual", "revised", "request")
"""Which official figure stands for a year when a budget has several: the budget as passed first."""

BODY_PRIORITY: tuple[str, ...] = (
    "NASA", "DoS", "Japan (national)", "JAXA", "ESA", "CNES", "DLR", "ASI", "Roscosmos",
    "Korea (national)", "KASA/KARI", "UAESA",
)
"""Breaks ties between a country's civil bodies with as many years each (the whole national budget
before the agency's)."""

PARTS_ONLY: dict[str, str] = {
    "DEU": "Germany's rows are parts of its federal space budget (the contribution to ESA, the national programme), never its total",
}
"""Countries whose rows are parts of a budget, not a total: they get no series (the chapter says why)."""

DEFENCE_BODIES: tuple[str, ...] = ("USSF",)
"""Defence space budgets added to a country's series when the chapter includes defence."""

ECONOMICS = ("cpi", "exchange_rates", "ppp")


def one_per_year(budgets: pd.DataFrame) -> pd.DataFrame:
    """One official figure per country, body, sector and fiscal year, chosen by :data:`KIND_ORDER`.

    Estimates (``status == "estimate"``) are left out: they are not a government's figure.
    """
    official = budgets[budgets["status"] == "official"]
    rank = official["figure_kind"].map({kind: i for i, kind in enumerate(KIND_ORDER)}).fillna(len(KIND_ORDER))
    ordered = official.assign(_rank=rank).sort_values(["country", "body", "sector", "fiscal_year", "_rank"], kind="stable")
    return ordered.drop_duplicates(["country", "body", "sector", "fiscal_year"]).drop(columns="_rank").reset_index(drop=True)


def headline_bodies(budgets: pd.DataFrame) -> dict[str, str]:
    """Each country's civil body with the most years of official figures (ties: :data:`BODY_PRIORITY`);
    countries in :data:`PARTS_ONLY` have none."""
    civil = one_per_year(budgets)
    civil = civil[~civil["body"].isin(DEFENCE_BODIES) & ~civil["country"].isin(list(PARTS_ONLY))]
    years = civil.groupby(["country", "body"])["fiscal_year"].nunique().reset_index(name="years")
    years["priority"] = years["body"].map({b: i for i, b in enumerate(BODY_PRIORITY)}).fillna(len(BODY_PRIORITY))
    best = years.sort_values(["country", "years", "priority"], ascending=[True, False, True]).drop_duplicates("country")
    return dict(zip(best["country"], best["body"]))


def national(budgets: pd.DataFrame, include_defence: bool = False) -> pd.DataFrame:
    """One row per country and fiscal year: its headline civil body, plus defence when asked
    (countries in :data:`PARTS_ONLY` are left out).

    A defence figure is added only to a year that has a civil figure in the same currency and price
    year. Columns: ``country, fiscal_year, amount_million, currency, price_year, body, budget_ids,
    figure_kind, source_url``.
    """
    rows = one_per_year(budgets)
    heads = headline_bodies(budgets)
    civil = rows[[heads.get(c) == b and c not in PARTS_ONLY for c, b in zip(rows["country"], rows["body"])]]
    keep = ["country", "fiscal_year", "amount_million", "currency", "price_year", "body", "budget_id", "figure_kind", "source_url"]
    out = civil[keep].rename(columns={"budget_id": "budget_ids"}).reset_index(drop=True)
    if include_defence:
        defence = rows[rows["body"].isin(DEFENCE_BODIES)].set_index(["country", "fiscal_year", "currency", "price_year"])
        for i, row in out.iterrows():
            key = (row["country"], row["fiscal_year"], row["currency"], row["price_year"])
            if key in defence.index:
                extra = defence.loc[[key]].iloc[0]
                out.loc[i, ["amount_million", "body", "budget_ids"]] = [
                    row["amount_million"] + extra["amount_million"], f"{row['body']} + {extra['body']}", f"{row['budget_ids']} + {extra['budget_id']}"
                ]
    return out.sort_values(["country", "fiscal_year"]).reset_index(drop=True)


def runs(frame: pd.DataFrame, by: str = "country") -> pd.Series:
    """A label per row that changes wherever a series skips a year, so that a chart joins only
    consecutive years with a line (``detail=`` the label) and a lone year stays a point."""
    ordered = frame.sort_values([by, "fiscal_year"])
    new_run = ordered.groupby(by)["fiscal_year"].diff().ne(1)
    return (ordered[by].astype(str) + "-" + new_run.cumsum().astype(str)).reindex(frame.index)


def _rate(table: pd.DataFrame, column: str, frame: pd.DataFrame) -> pd.Series:
    """Units per US dollar (or per international dollar) for each row's currency and fiscal year; 1 for USD."""
    lookup = table.set_index(["currency", "year"])[column]
    keys = pd.MultiIndex.from_arrays([frame["currency"], frame["fiscal_year"].astype(int)])
    rates = pd.Series(lookup.reindex(keys).to_numpy(), index=frame.index, dtype=float)
    return rates.where(frame["currency"] != "USD", 1.0)


def convert(frame: pd.DataFrame, *, base_year: int, use_ppp: bool, economics: dict[str, pd.DataFrame]) -> pd.DataFrame:
    """Add ``real_usd_million`` (US dollars at ``base_year`` prices, by
    :func:`spacerace.costs.convert_each`: the source currency's CPI, then the base year's market
    rate or PPP), ``usd_million`` (dollars of the fiscal year: the amount over that year's rate,
    market or PPP), ``market_usd_million`` (the same at market rates, for shares of GDP) and
    ``not_converted`` (why a row has no real value, or ``""``)."""
    real = costs.convert_each(frame, base_year=base_year, target_currency="USD", method="deflate_then_convert", use_ppp=use_ppp, economics=economics)
    market = frame["amount_million"] / _rate(economics["exchange_rates"], "per_usd", frame)
    at_rates = frame["amount_million"] / _rate(economics["ppp"], "lcu_per_intl_dollar", frame) if use_ppp else market
    return real.rename(columns={"adjusted_million": "real_usd_million"}).assign(usd_million=at_rates, market_usd_million=market)


def china_estimates(budgets: pd.DataFrame, *, base_year: int, use_ppp: bool, economics: dict[str, pd.DataFrame]) -> pd.DataFrame:
    """Every published estimate of China's space budget, converted like the official series, with its author."""
    estimates = budgets[(budgets["country"] == "CHN") & (budgets["status"] == "estimate")]
    return convert(estimates.reset_index(drop=True), base_year=base_year, use_ppp=use_ppp, economics=economics)


def with_gdp(series: pd.DataFrame, gdp: pd.DataFrame, population: pd.DataFrame) -> pd.DataFrame:
    """Add ``share_of_gdp_pct`` (dollars of the year at market rates over GDP in current dollars,
    the same year) and ``usd_per_person`` (``real_usd_million`` per inhabitant). Countries or years
    that the World Bank series lack (ESA, years after 2023) get no value."""
    on = {"left_on": ["country", "fiscal_year"], "right_on": ["country", "year"], "how": "left"}
    out = series.merge(gdp[["country", "year", "gdp_usd_million"]], **on).drop(columns="year")
    out = out.merge(population[["country", "year", "population"]], **on).drop(columns="year")
    return out.assign(
        share_of_gdp_pct=100 * out["market_usd_million"] / out["gdp_usd_million"],
        usd_per_person=out["real_usd_million"] * 1e6 / out["population"],
    )


def growth_since(series: pd.DataFrame, start: int = 2010, value: str = "real_usd_million") -> pd.DataFrame:
    """Per country: the first year from ``start`` with a value, the latest, both values and the change in %.

    Like for like: when the series has a ``body`` column, the first year is the first one whose body
    is the latest year's (a budget that adds the Space Force from FY2021 grows from FY2021 on).
    """
    have = series[(series["fiscal_year"] >= start) & series[value].notna()].sort_values("fiscal_year")
    if "body" in have.columns:
        latest_body = have.groupby("country")["body"].transform("last")
        have = have[have["body"] == latest_body]
    ends = have.groupby("country").agg(first_year=("fiscal_year", "first"), last_year=("fiscal_year", "last"), first=(value, "first"), last=(value, "last"))
    ends = ends[ends["last_year"] > ends["first_year"]]
    return ends.assign(change_pct=100 * (ends["last"] / ends["first"] - 1)).reset_index()


def days_of_budget(cost: float, yearly_budget: float) -> float:
    """How many days of a yearly budget a cost takes (both in the same money): ``cost / budget × 365``."""
    return 365.0 * cost / yearly_budget


def mission_cost(cost_figures: pd.DataFrame, mission_id: str, *, base_year: int, use_ppp: bool, economics: dict[str, pd.DataFrame]) -> pd.Series:
    """The costs chapter's figure for a mission (:func:`spacerace.costs.mission_figure`) in US dollars
    at ``base_year`` prices (``real_usd_million``), with its row."""
    row = costs.mission_figure(cost_figures, mission_id).to_frame().T.assign(fiscal_year=lambda t: t["price_year"])
    row = row.astype({"amount_million": float, "price_year": int, "fiscal_year": int})
    return convert(row, base_year=base_year, use_ppp=use_ppp, economics=economics).iloc[0]


def coverage(economics: dict[str, pd.DataFrame], currencies: list[str]) -> str:
    """The years each currency's price index and exchange rate cover, for the page: ``"INR: prices
    to 2024, rates 1973-2025; ..."`` (USD needs no rate)."""
    parts = []
    for currency in sorted(set(currencies)):
        cpi = economics["cpi"][economics["cpi"]["currency"] == currency]["year"]
        fx = economics["exchange_rates"][economics["exchange_rates"]["currency"] == currency]["year"]
        rates = "" if currency == "USD" else f", rates {fx.min()}-{fx.max()}" if len(fx) else ", no exchange rates"
        parts.append(f"{currency}: prices to {cpi.max()}{rates}" if len(cpi) else f"{currency}: no price index")
    return "; ".join(parts)


_MISSING = re.compile(r"(price index \(CPI\)|exchange rate|PPP factor): no value for (\w{3}) in (\d{4})")


def _spans(years: list[int]) -> str:
    """``[2022, 2023, 2024, 2026]`` as ``"2022-2024, 2026"``."""
    spans: list[list[int]] = []
    for year in sorted(set(years)):
        if spans and year == spans[-1][1] + 1:
            spans[-1][1] = year
        else:
            spans.append([year, year])
    return ", ".join(str(a) if a == b else f"{a}-{b}" for a, b in spans)


def not_converted(series: pd.DataFrame) -> pd.DataFrame:
    """The figures :func:`convert` could not convert, one line per country and body: the fiscal
    years left out and the values the economic series lack (``"price index (CPI): RUB 2022-2023"``)."""
    missing = series[series["not_converted"].fillna("") != ""]
    rows = []
    for (country, body), group in missing.groupby(["country", "body"], sort=True):
        found: dict[tuple[str, str], list[int]] = {}
        for reason in group["not_converted"]:
            for label, currency, year in _MISSING.findall(reason):
                found.setdefault((label, currency), []).append(int(year))
        lacking = "; ".join(f"{label}: {currency} {_spans(years)}" for (label, currency), years in found.items())
        rows.append({"country": country, "body": body, "figures": len(group), "fiscal years": _spans(group["fiscal_year"].tolist()), "the series lack": lacking})
    return pd.DataFrame(rows, columns=["country", "body", "figures", "fiscal years", "the series lack"])
