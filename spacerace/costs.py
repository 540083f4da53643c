"""Mission costs: choosing one figure per mission, like-for-like scopes, and every conversion at once.

A mission can have several cost figures (an early estimate and a final cost; a total and its parts).
The functions here make the choices explicit so that the chapter can show them:

* :func:`choose_figures` picks one figure per mission by a named rule, never a narrower one than the
  broadest the data has for that mission, and never a row marked ``comparable = false``;
* :func:`mission_figure` is the same choice for one mission: the claims checks call it, so that the
  claims chapter and the costs chapter quote the same row;
* :func:`scope_total` builds a cost for a stated scope (spacecraft + launch, with or without
  operations) from a whole figure or from its parts;
* :func:`convert_all_ways` converts figures by both inflation methods, at market rates and at PPP,
  which shows the spread that a method choice makes.

Every cost row states its ``scope`` from a closed list (:data:`SCOPES`). A value outside the list,
or an empty one, is read as ``not stated``, which ranks below every stated mission scope: an unknown
scope never counts as broad.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

import pandas as pd

from . import charts
from .money import convert_costs, coverage_problems

FigureRule = Literal["broadest_official", "latest", "earliest"]
FIGURE_RULES: tuple[str, ...] = ("broadest_official", "latest", "earliest")

Scope = Literal["whole mission", "spacecraft + launch", "spacecraft only", "launch only", "operations or extension", "programme", "not stated"]
SCOPES: tuple[str, ...] = (
    "whole mission",
    "spacecraft + launch",
    "spacecraft only",
    "launch only",
    "operations or extension",
    "programme",
    "not stated",
)
"""What a figure covers, as data/mission_costs.csv states it (column ``scope``)."""

SCOPE_BREADTH: dict[str, int] = {
    "whole mission": 4,
    "spacecraft + launch": 3,
    "spacecraft only": 2,
    "not stated": 1,
    "launch only": 0,
    "operations or extension": 0,
    "programme": 0,
}
"""How broad each scope is: the first key of every ranking. ``not stated`` is below every stated
mission scope, so a figure whose scope is unknown never outranks one that says what it covers."""

MISSION_SCOPES: tuple[str, ...] = ("whole mission", "spacecraft + launch", "spacecraft only", "not stated")
"""Scopes that can stand for a mission's cost. A launch contract, an operations budget or an
extension is a part, and a programme total spans several missions: none of them is chosen."""

SCOPE_FLAGS = ["covers_development", "covers_launch", "covers_operations"]
"""Older per-part flags; read only when a table has no ``scope`` column."""


def _flag(costs: pd.DataFrame, name: str) -> pd.Series:
    """A covers_* flag as True/False/None per row (None when the column or the value is missing)."""
    if name not in costs.columns:
        return pd.Series([None] * len(costs), index=costs.index, dtype=object)

    def read(value: object) -> bool | None:
        if value is None or value is pd.NA or (isinstance(value, float) and pd.isna(value)):
            return None
        if isinstance(value, str):
            text = value.strip().lower()
            return True if text == "true" else False if text == "false" else None
        return bool(value)

    return costs[name].map(read).astype(object)


def _scope_from_flags(costs: pd.DataFrame) -> pd.Series:
    """The scope implied by the covers_* flags, for tables written before the ``scope`` column."""
    dev, launch, ops = (_flag(costs, name) for name in SCOPE_FLAGS)

    def one(d: bool | None, lch: bool | None, o: bool | None) -> str:
        if d is True and lch is True:
            return "whole mission" if o is True else "spacecraft + launch"
        if d is True and lch is not True:
            return "spacecraft only" if lch is False else "not stated"
        if d is False and lch is True and o is not True:
            return "launch only"
        if d is False and lch is not True and o is True:
            return "operations or extension"
        return "not stated"

    return pd.Series([one(d, lch, o) for d, lch, o in zip(dev, launch, ops)], index=costs.index, dtype=object)


def scopes(costs: pd.DataFrame) -> pd.Series:
    """Each row's scope from :data:`SCOPES`: the ``scope`` column, with anything outside the list read
    as ``not stated``; derived from the covers_* flags when the table has no ``scope`` column."""
    if "scope" not in costs.columns:
        return _scope_from_flags(costs)
    return costs["scope"].map(lambda value: value if isinstance(value, str) and value in SCOPES else "not stated").astype(object)


def comparable(costs: pd.DataFrame) -> pd.Series:
    """True for rows that may enter a comparison; False where the row says ``comparable = false``
    (programme totals, combined missions, a press conversion of another row). A table without the
    column, or an empty cell, counts as comparable."""
    if "comparable" not in costs.columns:
        return pd.Series(True, index=costs.index)
    return _flag(costs, "comparable").map(lambda value: value is not False).astype(bool)


def breadth(costs: pd.DataFrame) -> pd.Series:
    """How broad each row's scope is (:data:`SCOPE_BREADTH`); an unknown scope ranks as ``not stated``."""
    return scopes(costs).map(SCOPE_BREADTH).astype(int)


def _ranked(costs: pd.DataFrame, rule: FigureRule) -> pd.DataFrame:
    """``costs`` ordered best first for ``rule``: scope breadth, then the rule's keys."""
    if rule not in FIGURE_RULES:
        raise ValueError(f"rule must be one of {', '.join(FIGURE_RULES)}, not {rule!r}")
    basis = costs["basis"] if "basis" in costs.columns else pd.Series("", index=costs.index)
    stated = costs["stated_year"] if "stated_year" in costs.columns else costs["price_year"]
    ranked = costs.assign(
        _breadth=breadth(costs),
        _official=(basis == "official").astype(int),
        _stated=pd.to_numeric(stated, errors="coerce"),
    )
    keys = {
        "broadest_official": ["_breadth", "_official", "_stated", "amount_million"],
        "latest": ["_breadth", "_stated", "_official", "amount_million"],
        "earliest": ["_breadth", "_stated", "_official", "amount_million"],
    }[rule]
    ascending = [False, rule == "earliest", False, False]
    return ranked.sort_values(keys, ascending=ascending, kind="stable", na_position="last").drop(columns=["_breadth", "_official", "_stated"])


def choose_figures(costs: pd.DataFrame, rule: FigureRule = "broadest_official") -> pd.DataFrame:
    """One cost row per mission, with its ``scope``.

    Only comparable rows whose scope can stand for a mission (:data:`MISSION_SCOPES`) are candidates.
    Every rule ranks by scope breadth first, so the figure chosen is never narrower than the broadest
    figure the data has for the mission (a whole-mission figure, if there is one). Then
    ``broadest_official``: official figures before estimates, then the most recently stated, then
    the largest (a total before its parts); ``latest`` / ``earliest``: by the year the figure was
    stated, official before estimate on ties.
    """
    eligible = comparable(costs) & scopes(costs).isin(MISSION_SCOPES)
    candidates = costs[eligible].assign(scope=scopes(costs)[eligible])
    chosen = _ranked(candidates, rule).drop_duplicates("mission_id", keep="first")
    return chosen.sort_values("mission_id").reset_index(drop=True)


def mission_figure(costs: pd.DataFrame, mission_id: str, rule: FigureRule = "broadest_official") -> pd.Series:
    """The row :func:`choose_figures` picks for one mission (with its ``scope``).

    Raises ``KeyError`` when the mission has no comparable figure that can stand for its cost.
    """
    chosen = choose_figures(costs[costs["mission_id"] == mission_id], rule)
    if chosen.empty:
        raise KeyError(f"no comparable cost figure for mission {mission_id!r}")
    return chosen.iloc[0]


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


def scope_total(costs: pd.DataFrame, mission_id: str, with_operations: bool) -> ScopedCost:
    """The cost of a mission's spacecraft and launch, with operations when asked and sourced.

    Reads comparable rows only, and official figures when the mission has any. With operations: the
    whole-mission figure that :func:`choose_figures` would pick. Otherwise, or when no whole-mission
    figure exists (the result then says so in ``notes``): one ``spacecraft + launch`` figure, chosen
    by the same ranking; failing that, the sum of a ``spacecraft only`` and a ``launch only`` figure
    of the same currency and price year (taking the largest spacecraft figure: the spacecraft, not
    an add-on).
    """
    rows = costs[(costs["mission_id"] == mission_id) & comparable(costs)]
    if rows.empty:
        raise KeyError(f"no cost figure for mission {mission_id!r}")
    if "basis" in rows.columns and (rows["basis"] == "official").any():
        rows = rows[rows["basis"] == "official"]
    rows = rows.assign(scope=scopes(rows))
    notes: list[str] = []
    if with_operations:
        whole = rows[rows["scope"] == "whole mission"]
        if not whole.empty:
            return _scoped(mission_id, _ranked(whole, "broadest_official").iloc[[0]], True, notes)
        notes.append("no sourced figure includes operations: spacecraft and launch only")
    pair = rows[rows["scope"] == "spacecraft + launch"]
    if not pair.empty:
        best = _ranked(pair, "broadest_official").iloc[[0]]
        if "covers_operations" in best.columns and pd.isna(best["covers_operations"].iloc[0]):
            notes.append("the source does not say whether operations are included")
        return _scoped(mission_id, best, False, notes)
    development = rows[rows["scope"] == "spacecraft only"]
    launches = rows[rows["scope"] == "launch only"]
    for part in (development, launches):
        if part.empty:
            raise KeyError(f"mission {mission_id!r} has no figure for spacecraft + launch, whole or in parts")
    parts = pd.concat([development.sort_values("amount_million").iloc[[-1]], launches.sort_values("amount_million").iloc[[-1]]])
    if parts["currency"].nunique() > 1 or parts["price_year"].nunique() > 1:
        raise KeyError(f"mission {mission_id!r}: its parts are in different currencies or price years")
    notes.append("sum of a spacecraft figure and a launch figure")
    if len(development) > 1:
        left = ", ".join(development.sort_values("amount_million").iloc[:-1]["cost_id"])
        notes.append(f"smaller spacecraft figures left out as add-ons: {left}")
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


# --------------------------------------------------------------------------- the chapter's tables

COMPONENTS: tuple[str, ...] = ("spacecraft", "launch", "operations", "spacecraft + launch")
"""The parts of a mission's cost that the headline chart stacks, in stacking order. ``spacecraft +
launch`` stands for a mission whose sources give only the sum of the first two."""

COMPONENT_COLOURS: dict[str, str] = {part: charts.style("component", part).colour for part in ("spacecraft", "launch", "operations", "spacecraft + launch")}
"""One colour per part of a mission's cost, the book's (:data:`spacerace.charts.STYLES`)."""

RATES: dict[bool, str] = {False: "market rates", True: "PPP"}
"""How the rates of a conversion are named in the chapter's tables and charts (key: ``use_ppp``)."""


def as_stated(costs: pd.DataFrame) -> pd.Series:
    """Each figure as its source stated it, for tables: ``"INR 6,150 million (2020)"``."""
    amounts = costs["amount_million"].map("{:,.0f}".format)
    return costs["currency"] + " " + amounts + " million (" + costs["price_year"].astype(int).astype(str) + ")"


def short_name(names: pd.Series) -> pd.Series:
    """Mission names without their parenthesis, for axis labels (the full name goes in tooltips):
    ``"Mars 2020 (Perseverance rover, Ingenuity helicopter)"`` becomes ``"Mars 2020"``."""
    return names.str.replace(r"\s*\(.*\)\s*$", "", regex=True)


def components(costs: pd.DataFrame, mission_id: str) -> pd.DataFrame:
    """A mission's cost in its parts, as the sources break it down: one row per part of
    :data:`COMPONENTS` that a source gives, with the cost row it comes from.

    Reads comparable rows only, and official ones when the mission has any (as :func:`scope_total`).
    The spacecraft is the largest ``spacecraft only`` figure (smaller ones are add-ons, such as
    Ingenuity beside Perseverance), the launch the largest ``launch only`` figure, operations the
    largest ``operations or extension`` figure. A mission with no spacecraft or no launch part but a
    ``spacecraft + launch`` figure shows that figure as one part. Raises ``KeyError`` when the
    mission has neither.
    """
    rows = costs[(costs["mission_id"] == mission_id) & comparable(costs)]
    if "basis" in rows.columns and (rows["basis"] == "official").any():
        rows = rows[rows["basis"] == "official"]
    rows = rows.assign(scope=scopes(rows))

    def largest(scope: str) -> pd.DataFrame:
        part = rows[rows["scope"] == scope]
        return part.sort_values("amount_million", kind="stable").iloc[-1:]

    parts = {"spacecraft": largest("spacecraft only"), "launch": largest("launch only")}
    if any(p.empty for p in parts.values()):
        pair = rows[rows["scope"] == "spacecraft + launch"]
        if pair.empty:
            raise KeyError(f"mission {mission_id!r} has no figure for its spacecraft and launch")
        parts = {"spacecraft + launch": _ranked(pair, "broadest_official").iloc[:1]}
    parts["operations"] = largest("operations or extension")
    found = [frame.assign(component=name) for name, frame in parts.items() if not frame.empty]
    columns = ["mission_id", "component", "cost_id", "amount_million", "currency", "price_year", "scope", "scope_note"]
    out = pd.concat(found, ignore_index=True).reindex(columns=columns)
    out["order"] = out["component"].map(COMPONENTS.index)
    return out.sort_values("order", kind="stable").reset_index(drop=True)


def headline_parts(
    costs: pd.DataFrame,
    missions: pd.DataFrame,
    mission_ids: list[str],
    *,
    base_year: int,
    target_currency: str,
    method: str,
    economics: dict[str, pd.DataFrame],
) -> pd.DataFrame:
    """The parts (:func:`components`) of each mission, converted at market rates and at PPP.

    Long form, one row per mission, part and kind of rate, with ``name`` (short), ``rates`` (from
    :data:`RATES`), ``as stated`` and ``adjusted_million`` (empty where the series cannot convert).
    """
    parts = pd.concat([components(costs, m) for m in mission_ids], ignore_index=True)
    names = missions.set_index("mission_id")["name"]
    parts = parts.assign(name=short_name(parts["mission_id"].map(names)), **{"as stated": as_stated(parts)})
    frames = [
        convert_each(parts, base_year=base_year, target_currency=target_currency, method=method, use_ppp=ppp, economics=economics).assign(rates=RATES[ppp])
        for ppp in (False, True)
    ]
    return pd.concat(frames, ignore_index=True)


def like_for_like(
    costs: pd.DataFrame,
    missions: pd.DataFrame,
    mission_ids: list[str],
    *,
    base_year: int,
    target_currency: str,
    method: str,
    economics: dict[str, pd.DataFrame],
) -> pd.DataFrame:
    """Each mission's cost on two scopes, spacecraft + launch and with operations (where a source
    gives them), built by :func:`scope_total` and converted at market rates and at PPP.

    One row per mission and scope: ``mission_id``, ``name`` (short), ``scope``, ``as stated``,
    one column per kind of rate (:data:`RATES`), ``figures used`` (cost ids) and ``notes``.
    """
    rows = []
    for with_operations in (False, True):
        for mission_id in mission_ids:
            total = scope_total(costs, mission_id, with_operations)
            rows.append(
                {
                    "mission_id": mission_id,
                    "scope": "with operations" if with_operations else "spacecraft + launch",
                    "amount_million": total.amount_million,
                    "currency": total.currency,
                    "price_year": total.price_year,
                    "figures used": ", ".join(total.cost_ids),
                    "notes": "; ".join(total.notes),
                }
            )
    table = pd.DataFrame(rows)
    names = missions.set_index("mission_id")["name"]
    table.insert(1, "name", short_name(table["mission_id"].map(names)))
    table["as stated"] = as_stated(table)
    for ppp, label in RATES.items():
        converted = convert_each(table, base_year=base_year, target_currency=target_currency, method=method, use_ppp=ppp, economics=economics)
        table[label] = converted["adjusted_million"]
    columns = ["mission_id", "name", "scope", "as stated", *RATES.values(), "figures used", "notes"]
    return table[columns]


def log_ticks(values: "pd.Series | list[float]") -> list[float]:
    """Tick values for a log axis that covers ``values`` and never crowds: 1-2-5 steps within two
    decades, 1-3 steps beyond. From 40 to 3,000 the ticks are 20, 50, 100, 200, 500, 1,000, 2,000
    and 5,000; from 40 to 30,000 they are 30, 100, 300, 1,000, 3,000, 10,000 and 30,000.

    Values that are not positive (a log scale has no zero) or missing are ignored; with none left
    the list is empty (Vega-Lite then picks its own ticks).
    """
    import math

    positive = [float(v) for v in values if v == v and v is not None and float(v) > 0]
    if not positive:
        return []
    low, high = min(positive), max(positive)
    steps = (1, 2, 5) if math.log10(high / low) <= 2 else (1, 3)
    powers = range(math.floor(math.log10(low)) - 1, math.ceil(math.log10(high)) + 1)
    ticks = [float(f"{step}e{power}") for power in powers for step in steps]
    below = [t for t in ticks if t <= low * (1 + 1e-9)]
    above = [t for t in ticks if t >= high * (1 - 1e-9)]
    return [t for t in ticks if below[-1] <= t <= above[0]]
