"""Mission costs: choosing one figure per mission, like-for-like scopes, and every conversion at once.

A mission can have several cost figures (an early estimate and a final cost; a total and its parts).
The functions here make the choices explicit so that the chapter can show them:

* :func:`choose_figures` picks one figure per mission by a named rule;
* :func:`scope_total` builds a cost for a stated scope (spacecraft + launch, with or without
  operations) from a whole figure or from its parts;
* :func:`convert_all_ways` converts figures by both inflation methods, at market rates and at PPP,
  which shows the spread that a method choice makes.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

import pandas as pd

from .money import convert_costs, coverage_problems

FigureRule = Literal["broadest_official", "latest", "earliest"]
FIGURE_RULES: tuple[str, ...] = ("broadest_official", "latest", "earliest")
SCOPE_FLAGS = ["covers_development", "covers_launch", "covers_operations"]


def _breadth(costs: pd.DataFrame) -> pd.Series:
    """How many of development, launch and operations a figure covers (unknown counts as no)."""
    return sum(costs[flag].fillna(False).astype(bool).astype(int) for flag in SCOPE_FLAGS)


def choose_figures(costs: pd.DataFrame, rule: FigureRule = "broadest_official") -> pd.DataFrame:
    """One cost row per mission.

    ``broadest_official``: official figures before estimates, then the broadest scope, then the most
    recently stated, then the largest (a total before its parts). ``latest`` / ``earliest``: by the
    year the figure was stated, official before estimate on ties.
    """
    if rule not in FIGURE_RULES:
        raise ValueError(f"rule must be one of {', '.join(FIGURE_RULES)}, not {rule!r}")
    ranked = costs.assign(
        _official=(costs["basis"] == "official").astype(int),
        _breadth=_breadth(costs),
    )
    keys = {
        "broadest_official": ["_official", "_breadth", "stated_year", "amount_million"],
        "latest": ["stated_year", "_official", "_breadth", "amount_million"],
        "earliest": ["stated_year", "_official", "_breadth", "amount_million"],
    }[rule]
    ascending = [rule == "earliest"] + [False] * (len(keys) - 1)
    ordered = ranked.sort_values(keys, ascending=ascending, kind="stable")
    chosen = ordered.drop_duplicates("mission_id", keep="first")
    return chosen.drop(columns=["_official", "_breadth"]).sort_values("mission_id").reset_index(drop=True)


@dataclass(frozen=True)
class ScopedCost:
    """A cost for a stated scope, with the rows it was built from and what it leaves out."""

    mission_id: str
    amount_million: float
    currency: str
    price_year: int
    cost_ids: tuple[str, ...]
    covers_operations: bool
    notes: tuple[str, ...] = field(default_factory=tuple)


def _is(values: pd.Series, flag: bool) -> pd.Series:
    return values.fillna(not flag).astype(bool) == flag


def scope_total(costs: pd.DataFrame, mission_id: str, with_operations: bool) -> ScopedCost:
    """The cost of a mission's spacecraft and launch, with operations when asked and sourced.

    Uses official figures when the mission has any. Prefers one figure that covers exactly the scope;
    otherwise adds a development-only and a launch-only figure of the same currency and price year
    (taking the largest development figure: the spacecraft, not an add-on). When operations are
    asked for but no figure includes them, the result says so in ``notes`` and leaves them out.
    """
    rows = costs[costs["mission_id"] == mission_id]
    if rows.empty:
        raise KeyError(f"no cost figure for mission {mission_id!r}")
    if (rows["basis"] == "official").any():
        rows = rows[rows["basis"] == "official"]
    dev, launch, ops = (rows[flag] for flag in SCOPE_FLAGS)
    notes: list[str] = []
    if with_operations:
        whole = rows[_is(dev, True) & _is(launch, True) & _is(ops, True)]
        if not whole.empty:
            return _scoped(mission_id, whole.sort_values("stated_year").iloc[[-1]], True, notes)
        notes.append("no sourced figure includes operations: spacecraft and launch only")
    whole = rows[_is(dev, True) & _is(launch, True) & ~_is(ops, True)]
    if not whole.empty:
        if ops.loc[whole.index].isna().all():
            notes.append("the source does not say whether operations are included")
        return _scoped(mission_id, whole.sort_values("stated_year").iloc[[-1]], False, notes)
    development = rows[_is(dev, True) & _is(launch, False) & ~_is(ops, True)]
    launches = rows[_is(dev, False) & _is(launch, True) & ~_is(ops, True)]
    for part in (development, launches):
        if part.empty:
            raise KeyError(f"mission {mission_id!r} has no figure for spacecraft + launch, whole or in parts")
    parts = pd.concat([development.sort_values("amount_million").iloc[[-1]], launches.sort_values("amount_million").iloc[[-1]]])
    if parts["currency"].nunique() > 1 or parts["price_year"].nunique() > 1:
        raise KeyError(f"mission {mission_id!r}: its parts are in different currencies or price years")
    notes.append("sum of a development figure and a launch figure")
    if len(development) > 1:
        left = ", ".join(development.sort_values("amount_million").iloc[:-1]["cost_id"])
        notes.append(f"smaller development figures left out as add-ons: {left}")
    return _scoped(mission_id, parts, False, notes)


def _scoped(mission_id: str, rows: pd.DataFrame, with_operations: bool, notes: list[str]) -> ScopedCost:
    return ScopedCost(
        mission_id=mission_id,
        amount_million=float(rows["amount_million"].sum()),
        currency=str(rows["currency"].iloc[0]),
        price_year=int(rows["price_year"].iloc[0]),
        cost_ids=tuple(rows["cost_id"]),
        covers_operations=with_operations,
        notes=tuple(notes),
    )


def convert_each(
    costs: pd.DataFrame, *, base_year: int, target_currency: str, method: str, use_ppp: bool, economics: dict[str, pd.DataFrame]
) -> pd.DataFrame:
    """Convert row by row; rows the economic series cannot convert get no amount and a reason.

    ``economics`` holds the tables ``cpi``, ``exchange_rates`` and ``ppp``. Returns ``costs`` with
    ``adjusted_million`` and ``not_converted`` (the reason, or empty).
    """
    tables = dict(
        base_year=base_year,
        target_currency=target_currency,
        method=method,
        use_ppp=use_ppp,
        cpi=economics["cpi"],
        fx=economics["exchange_rates"],
        ppp=economics["ppp"],
    )
    reasons = coverage_problems(costs, **tables)  # type: ignore[arg-type]
    convertible = costs[reasons == ""]
    amounts = pd.Series(float("nan"), index=costs.index)
    if not convertible.empty:
        amounts[convertible.index] = convert_costs(convertible, **tables)["adjusted_million"]  # type: ignore[arg-type]
    return costs.assign(adjusted_million=amounts.astype(float), not_converted=reasons)


METHOD_LABELS = {
    ("deflate_then_convert", False): "deflate, then market rate",
    ("deflate_then_convert", True): "deflate, then PPP",
    ("convert_then_deflate", False): "market rate, then US CPI",
    ("convert_then_deflate", True): "PPP, then US CPI",
}


def convert_all_ways(costs: pd.DataFrame, *, base_year: int, target_currency: str, economics: dict[str, pd.DataFrame]) -> pd.DataFrame:
    """Every cost converted by each of the four method choices (long form, one row per cost and way)."""
    frames = [
        convert_each(costs, base_year=base_year, target_currency=target_currency, method=method, use_ppp=use_ppp, economics=economics).assign(
            way=label
        )
        for (method, use_ppp), label in METHOD_LABELS.items()
    ]
    return pd.concat(frames, ignore_index=True)
