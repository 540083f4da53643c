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

import numpy as np
import pandas as pd

from . import costs
from .timelines import actor_label, legend_labels
from .words import join_words

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


BODY_NAMES: dict[str, str] = {
    "DoS": "the Department of Space", "Japan (national)": "the national figure", "Korea (national)": "the national figure",
    "UAESA": "the UAE Space Agency",
}
"""How the page names a body in a sentence (the others by their own acronym)."""


def bodies_text(heads: dict[str, str]) -> str:
    """The body that stands for each country, as a sentence reads it: ``"NASA for the United States,
    the national figure for Japan, ESA for Europe"`` (ordered by country name)."""
    names = {code: "Europe" if code == "ESA" else country_label(code) for code in heads}
    names = {code: f"the {name}" if name.startswith("United ") else name for code, name in names.items()}
    return ", ".join(f"{BODY_NAMES.get(body, body)} for {names[code]}" for code, body in sorted(heads.items(), key=lambda item: names[item[0]].removeprefix("the ")))


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
    # As floats, so that a series' first year (no previous year: NaN, not pandas' <NA> of an Int64
    # column, which ``ne`` and ``cumsum`` would pass on) starts a run like any year after a gap.
    step = ordered.groupby(by)["fiscal_year"].diff().astype(float)
    new_run = ~step.eq(1)
    return (ordered[by].astype(str) + "-" + new_run.cumsum().astype(int).astype(str)).reindex(frame.index)


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


def latest_shares(economy: pd.DataFrame) -> pd.DataFrame:
    """Each country's latest year with a share of GDP (the last point of the share-of-GDP chart),
    with its per-person figure where the budget could be brought to base-year prices (else empty)."""
    have = economy.dropna(subset=["share_of_gdp_pct"]).sort_values(["country", "fiscal_year"])
    return have.groupby("country").tail(1).reset_index(drop=True)


def names_list(codes: Iterable[str]) -> str:
    """Countries as a sentence lists them: ``["FRA", "ITA", "RUS"]`` -> ``"France, Italy and Russia"``."""
    return join_words(country_label(c) for c in codes)


def not_drawn(countries: Iterable[str], drawn: Iterable[str], base_year: int) -> str:
    """The sentence under the chart over time that names every country of the run with budget rows
    but no line, and why: :data:`PARTS_ONLY`, or no figure convertible to ``base_year`` prices."""
    drawn = set(drawn)
    reasons = [f"{country_label(c)}, whose rows are parts of a budget, never its total" for c in sorted(set(countries) & set(PARTS_ONLY))]
    lost = sorted(set(countries) - drawn - set(PARTS_ONLY))
    if lost:
        reasons.append(f"{names_list(lost)}, none of whose figures can be brought to {base_year} prices")
    return f"Not drawn: {'; '.join(reasons)}" if reasons else "Every country with a budget series is drawn"


def _lowest(targets: list[float], gap: float) -> float:
    """Where the lowest of labels ``gap`` apart goes so that they sit as near their targets as can be."""
    return float(np.mean([t - i * gap for i, t in enumerate(targets)]))


def end_labels(frame: pd.DataFrame, value: str, *, height: float, log: bool, line_px: float = 15.0) -> pd.DataFrame:
    """One label per country at the height of its series' last point, for a text layer at the right
    of a line chart, so that colour is not the only cue. Labels that would overlap stand ``line_px``
    apart on a plot ``height`` pixels high whose scale spans the values (a log scale from the power
    of ten below the smallest to the one above the largest), each group centred on its lines' ends
    (least squares). Columns: ``country, label, fiscal_year, value, label_at``."""
    have = frame.dropna(subset=[value]).sort_values(["country", "fiscal_year"])
    last = have.groupby("country").tail(1)[["country", "fiscal_year", value]].rename(columns={value: "value"}).sort_values("value")
    to_scale = (lambda v: np.log10(v)) if log else (lambda v: v)
    if log:
        span = np.ceil(np.log10(have[value].max())) - np.floor(np.log10(have[value].min())) if len(have) else 1.0
    else:
        span = max(have[value].max() - min(have[value].min(), 0), 1e-12) if len(have) else 1.0
    gap = line_px / height * span
    groups: list[list[float]] = []  # labels that touch, bottom to top, as their targets
    for v in to_scale(last["value"].to_numpy(dtype=float)):
        groups.append([v])
        while len(groups) > 1 and _lowest(groups[-2], gap) + len(groups[-2]) * gap > _lowest(groups[-1], gap):
            groups[-2:] = [groups[-2] + groups[-1]]
    heights = [_lowest(group, gap) + i * gap for group in groups for i in range(len(group))]
    at = np.power(10.0, heights) if log else np.array(heights)
    return last.assign(label=last["country"].map(country_label), label_at=at).reset_index(drop=True)[["country", "label", "fiscal_year", "value", "label_at"]]


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
    """The figures :func:`convert` could not convert, one line per country (named as readers know
    it) and body: the fiscal years left out and the values the economic series lack (``"price index (CPI): RUB 2022-2023"``)."""
    missing = series[series["not_converted"].fillna("") != ""]
    rows = []
    for (country, body), group in missing.groupby(["country", "body"], sort=True):
        found: dict[tuple[str, str], list[int]] = {}
        for reason in group["not_converted"]:
            for label, currency, year in _MISSING.findall(reason):
                found.setdefault((label, currency), []).append(int(year))
        lacking = "; ".join(f"{label}: {currency} {_spans(years)}" for (label, currency), years in found.items())
        rows.append({"country": country_label(country), "body": body, "figures": len(group), "fiscal years": _spans(group["fiscal_year"].tolist()), "the series lack": lacking})
    return pd.DataFrame(rows, columns=["country", "body", "figures", "fiscal years", "the series lack"])
