"""Timelines of space milestones and "the race of firsts".

Pure functions over the ``milestones`` table (``data/milestones.csv``). Nothing
here reads files: the caller passes a :class:`pandas.DataFrame`.

Conventions
-----------
Dates are stored as ISO strings at their own precision: ``YYYY-MM-DD`` (day),
``YYYY-MM`` (month) or ``YYYY`` (year). To place them on one time axis they are
anchored at the middle of the period they name:

* a day is that day;
* a month is its 15th day (``"1971-11"`` -> 1971-11-15);
* a year is 1 July (``"1964"`` -> 1964-07-01).

The mid-point keeps the largest possible error to about half a period (15 days
for a month, six months for a year), so a year-only date can be off by up to
0.5 years in any gap computed from it. ``anchor="start"`` places partial dates
at the first day of their period instead.

Rule for firsts
---------------
A milestone counts when ``status == "achieved"`` and ``outcome == "success"``.
``outcome == "partial"`` (for example Mars 3, which landed but transmitted for
about 20 seconds) counts only when ``include_partial=True``. Failures, plans
and cancelled projects never count, nor do foundings of agencies and frameworks
(category ``founding``, see :data:`NOT_RACED`): they are dated on the timeline, not raced. Countries whose first success falls on the
same anchored date share the lead (ties are kept, not broken).

Years are 365.25 days.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Literal

import numpy as np
import pandas as pd

__all__ = [
    "CATEGORIES",
    "NOT_RACED",
    "DATE_PRECISIONS",
    "OUTCOMES",
    "STATUSES",
    "DAYS_PER_YEAR",
    "parse_partial_date",
    "add_when",
    "firsts",
    "years_behind_leader",
    "plan_slippage",
    "LINEAGES",
    "launch_series",
    "project_slip",
]

#: Closed list of milestone categories (``category`` column).
CATEGORIES: tuple[str, ...] = (
    "first satellite",
    "first own launcher",
    "crewed flight",
    "spacewalk",
    "space station",
    "lunar flyby",
    "lunar impact",
    "lunar orbit",
    "lunar landing",
    "lunar rover",
    "lunar far side",
    "lunar south pole",
    "lunar sample return",
    "crewed lunar landing",
    "Mars flyby",
    "Mars orbit",
    "Mars landing",
    "Mars rover",
    "Mars sample return",
    "Venus",
    "Mercury",
    "asteroid",
    "asteroid sample return",
    "comet",
    "outer planets",
    "solar observatory",
    "navigation system",
    "reusable launcher",
    "space telescope",
    "founding",
)
#: Categories that are dated events, not milestones to race for: :func:`firsts` leaves them out.
NOT_RACED: tuple[str, ...] = ("founding",)
#: Allowed values of ``date_precision``.
DATE_PRECISIONS: tuple[str, ...] = ("day", "month", "year")
#: Allowed values of ``status``.
STATUSES: tuple[str, ...] = ("achieved", "planned", "delayed", "cancelled")
#: Allowed values of ``outcome`` (empty for plans).
OUTCOMES: tuple[str, ...] = ("success", "partial", "failure")
#: Length of a year used to turn day differences into years.
DAYS_PER_YEAR: float = 365.25

Anchor = Literal["mid", "start"]

_PATTERNS: dict[str, re.Pattern[str]] = {
    "day": re.compile(r"^(\d{4})-(\d{2})-(\d{2})$"),
    "month": re.compile(r"^(\d{4})-(\d{2})$"),
    "year": re.compile(r"^(\d{4})$"),
}


def parse_partial_date(value: str, anchor: Anchor = "mid") -> tuple[pd.Timestamp, str]:
    """Parse an ISO date given at day, month or year precision.

    Parameters
    ----------
    value : str
        ``"YYYY-MM-DD"``, ``"YYYY-MM"`` or ``"YYYY"``. Surrounding blanks are
        ignored; nothing else is accepted (no ``"1969/07/20"``, no times).
    anchor : {"mid", "start"}, default "mid"
        Where to place a partial date in its period: the middle (15th of the
        month, 1 July of the year) or the first day.

    Returns
    -------
    tuple of (pandas.Timestamp, str)
        The anchored timestamp and the precision: ``"day"``, ``"month"`` or
        ``"year"``.

    Raises
    ------
    TypeError
        If ``value`` is not a string.
    ValueError
        If the string has none of the three forms, names an impossible date
        (``"2023-02-30"``, ``"1971-13"``) or ``anchor`` is unknown.

    Examples
    --------
    >>> parse_partial_date("1969-07-20")
    (Timestamp('1969-07-20 00:00:00'), 'day')
    >>> parse_partial_date("1971-11")
    (Timestamp('1971-11-15 00:00:00'), 'month')
    >>> parse_partial_date("1964")
    (Timestamp('1964-07-01 00:00:00'), 'year')
    >>> parse_partial_date("1964", anchor="start")
    (Timestamp('1964-01-01 00:00:00'), 'year')
    """
    if not isinstance(value, str):
        raise TypeError(f"partial date must be a string, got {type(value).__name__}: {value!r}")
    if anchor not in ("mid", "start"):
        raise ValueError(f"anchor must be 'mid' or 'start', got {anchor!r}")
    text = value.strip()
    for precision, pattern in _PATTERNS.items():
        match = pattern.match(text)
        if match is None:
            continue
        parts = [int(p) for p in match.groups()]
        year = parts[0]
        month = parts[1] if len(parts) > 1 else (1 if anchor == "start" else 7)
        if len(parts) > 2:
            day = parts[2]
        elif precision == "month":
            day = 1 if anchor == "start" else 15
        else:
            day = 1
        try:
            stamp = pd.Timestamp(year=year, month=month, day=day)
        except ValueError as exc:
            raise ValueError(f"not a valid {precision}-precision date: {value!r} ({exc})") from None
        return stamp, precision
    raise ValueError(
        f"not an ISO partial date: {value!r}; expected 'YYYY-MM-DD', 'YYYY-MM' or 'YYYY'"
    )


def _as_text(raw: object) -> object:
    """Turn a year read as a number (1964 or 1964.0) back into text; leave the rest."""
    if isinstance(raw, bool):
        return raw
    if isinstance(raw, (int, np.integer)):
        return str(int(raw))
    if isinstance(raw, (float, np.floating)) and np.isfinite(raw) and float(raw).is_integer():
        return str(int(raw))
    return raw


def add_when(
    milestones: pd.DataFrame,
    date_col: str = "date",
    precision_col: str | None = "date_precision",
    anchor: Anchor = "mid",
) -> pd.DataFrame:
    """Return a copy of ``milestones`` with ``when`` (Timestamp) and ``year`` columns.

    Parameters
    ----------
    milestones : pandas.DataFrame
        Table with a column of partial ISO dates.
    date_col : str, default "date"
        Name of that column.
    precision_col : str or None, default "date_precision"
        Column that states each date's precision. When present it must agree
        with the form of the date; pass ``None`` to skip the check.
    anchor : {"mid", "start"}, default "mid"
        Passed to :func:`parse_partial_date`.

    Returns
    -------
    pandas.DataFrame
        A copy with ``when`` (``datetime64``) and ``year`` (``int64``, the
        calendar year written in the date) appended or replaced. Years that a
        CSV reader turned into numbers (``1964`` or ``1964.0``) are accepted;
        read the table with ``dtype=str`` to avoid that.

    Raises
    ------
    KeyError
        If ``date_col`` (or a non-None ``precision_col``) is missing.
    ValueError
        Listing every row whose date is empty or malformed, or whose precision
        disagrees with ``precision_col``.
    """
    if date_col not in milestones.columns:
        raise KeyError(f"column {date_col!r} not found; columns are {list(milestones.columns)}")
    if precision_col is not None and precision_col not in milestones.columns:
        raise KeyError(
            f"column {precision_col!r} not found; pass precision_col=None to skip the check"
        )
    out = milestones.copy()
    stamps: list[pd.Timestamp] = []
    precisions: list[str | None] = []
    problems: list[str] = []
    for index, raw in out[date_col].items():
        raw = _as_text(raw)
        if not isinstance(raw, str) or not raw.strip():
            problems.append(f"row {index!r}: empty or non-string date {raw!r}")
            stamps.append(pd.NaT)
            precisions.append(None)
            continue
        try:
            stamp, precision = parse_partial_date(raw, anchor=anchor)
        except ValueError as exc:
            problems.append(f"row {index!r}: {exc}")
            stamps.append(pd.NaT)
            precisions.append(None)
            continue
        stamps.append(stamp)
        precisions.append(precision)
    if precision_col is not None:
        for (index, stated), found in zip(out[precision_col].items(), precisions):
            if found is not None and stated != found:
                problems.append(
                    f"row {index!r}: date {out.at[index, date_col]!r} has precision "
                    f"{found!r} but {precision_col} says {stated!r}"
                )
    if problems:
        raise ValueError(f"{len(problems)} bad date(s) in {date_col!r}:\n  " + "\n  ".join(problems))
    out["when"] = pd.to_datetime(pd.Series(stamps, index=out.index))
    out["year"] = out["when"].dt.year.astype("int64")
    return out


def _require(milestones: pd.DataFrame, columns: list[str], func: str) -> None:
    missing = [c for c in columns if c not in milestones.columns]
    if missing:
        raise KeyError(f"{func}: missing column(s) {missing}; got {list(milestones.columns)}")


def _successes(
    milestones: pd.DataFrame,
    include_partial: bool,
    anchor: Anchor,
    country_map: Mapping[str, str] | None,
) -> pd.DataFrame:
    _require(
        milestones,
        ["event_id", "date", "date_precision", "country", "category", "status", "outcome"],
        "firsts",
    )
    counted = ("success", "partial") if include_partial else ("success",)
    mask = (
        milestones["status"].eq("achieved")
        & milestones["outcome"].isin(counted)
        & ~milestones["category"].isin(NOT_RACED)
    )
    ok = add_when(milestones.loc[mask], anchor=anchor)
    if country_map:
        ok = ok.assign(country=ok["country"].map(lambda c: country_map.get(c, c)))
    return ok


def firsts(
    milestones: pd.DataFrame,
    include_partial: bool = False,
    anchor: Anchor = "mid",
    country_map: Mapping[str, str] | None = None,
) -> pd.DataFrame:
    """Each country's first success in each category, ranked against the leader.

    Parameters
    ----------
    milestones : pandas.DataFrame
        The milestones table (columns ``event_id``, ``date``,
        ``date_precision``, ``country``, ``category``, ``status``,
        ``outcome``; ``title`` is carried along when present).
    include_partial : bool, default False
        Count ``outcome == "partial"`` as achieving the milestone.
    anchor : {"mid", "start"}, default "mid"
        How partial dates are placed in time (see module notes).
    country_map : mapping of str to str, optional
        Relabel actors before ranking, e.g. ``{"SUN": "RUS"}`` to treat the
        Soviet Union and Russia as one lineage, or ``{"FRA": "ESA", "GBR":
        "ESA"}`` to fold national European firsts into Europe. Codes not in
        the mapping are kept.

    Returns
    -------
    pandas.DataFrame
        One row per (category, country) that achieved the category, sorted by
        category (in :data:`CATEGORIES` order) and date, with columns
        ``category``, ``country``, ``event_id``, ``title``, ``date``,
        ``date_precision``, ``when``, ``rank`` (1 = leader; ties share a rank,
        next rank skips), ``is_leader``, ``leader`` (leading country codes
        joined by ``"/"``), ``leader_when`` and ``years_behind`` (0 for the
        leader; in years of 365.25 days).

    Notes
    -----
    If a country has two successful events on the same anchored date in one
    category, the one with the smaller ``event_id`` is shown. Gaps involving
    year-precision dates carry up to about half a year of uncertainty.
    """
    ok = _successes(milestones, include_partial, anchor, country_map)
    columns = [
        "category", "country", "event_id", "title", "date", "date_precision", "when",
        "rank", "is_leader", "leader", "leader_when", "years_behind",
    ]
    if ok.empty:
        return pd.DataFrame(columns=columns)
    if "title" not in ok.columns:
        ok = ok.assign(title="")
    first = (
        ok.sort_values(["category", "country", "when", "event_id"])
        .drop_duplicates(["category", "country"], keep="first")
        .copy()
    )
    leader_when = first.groupby("category")["when"].transform("min")
    first["leader_when"] = leader_when
    first["is_leader"] = first["when"].eq(leader_when)
    leaders = (
        first.loc[first["is_leader"]]
        .sort_values("country")
        .groupby("category")["country"]
        .agg("/".join)
    )
    first["leader"] = first["category"].map(leaders)
    first["rank"] = first.groupby("category")["when"].rank(method="min").astype("int64")
    first["years_behind"] = (first["when"] - leader_when).dt.days / DAYS_PER_YEAR
    order = {c: i for i, c in enumerate(CATEGORIES)}
    first["_cat_order"] = first["category"].map(order).fillna(len(order))
    first = first.sort_values(["_cat_order", "category", "when", "country"])
    return first[columns].reset_index(drop=True)


def years_behind_leader(
    milestones: pd.DataFrame,
    include_partial: bool = False,
    anchor: Anchor = "mid",
    country_map: Mapping[str, str] | None = None,
) -> pd.DataFrame:
    """Summarise, per country, how far behind the first achiever it arrived.

    Parameters
    ----------
    milestones : pandas.DataFrame
        The milestones table (see :func:`firsts`).
    include_partial : bool, default False
        Passed to :func:`firsts`.
    anchor : {"mid", "start"}, default "mid"
        Passed to :func:`firsts`.
    country_map : mapping of str to str, optional
        Passed to :func:`firsts`.

    Returns
    -------
    pandas.DataFrame
        One row per country with ``country``, ``n_categories`` (categories
        achieved), ``n_led`` (categories where it was first, ties included),
        ``median_years_behind``, ``mean_years_behind`` and
        ``max_years_behind`` over the categories it achieved (led categories
        count as 0). Sorted by ``n_led`` (descending), then median and country.
    """
    table = firsts(
        milestones, include_partial=include_partial, anchor=anchor, country_map=country_map
    )
    columns = [
        "country", "n_categories", "n_led", "median_years_behind",
        "mean_years_behind", "max_years_behind",
    ]
    if table.empty:
        return pd.DataFrame(columns=columns)
    grouped = table.groupby("country")
    summary = pd.DataFrame(
        {
            "n_categories": grouped["category"].nunique().astype("int64"),
            "n_led": grouped["is_leader"].sum().astype("int64"),
            "median_years_behind": grouped["years_behind"].median(),
            "mean_years_behind": grouped["years_behind"].mean(),
            "max_years_behind": grouped["years_behind"].max(),
        }
    ).reset_index()
    summary = summary.sort_values(
        ["n_led", "median_years_behind", "country"], ascending=[False, True, True]
    )
    return summary[columns].reset_index(drop=True)


def plan_slippage(milestones: pd.DataFrame, anchor: Anchor = "mid") -> pd.DataFrame:
    """Delay between a plan's original target and its actual or current date.

    Parameters
    ----------
    milestones : pandas.DataFrame
        The milestones table; needs ``event_id``, ``country``, ``category``,
        ``status``, ``date``, ``date_precision`` and ``original_target`` (a
        partial ISO date, empty when no earlier target is known).
    anchor : {"mid", "start"}, default "mid"
        How partial dates are placed in time (see module notes).

    Returns
    -------
    pandas.DataFrame
        One row per event with an ``original_target``: ``event_id``,
        ``country``, ``category``, ``title``, ``status``, ``announced_date``,
        ``original_target``, ``original_when``, ``date`` (the achieved date
        for achieved rows, else the latest target), ``when``, ``resolved``
        (True when achieved) and ``slip_years`` (positive = later than first
        promised). Sorted by ``slip_years`` descending.

    Raises
    ------
    KeyError
        If a required column is missing.
    ValueError
        If an ``original_target`` or ``date`` is malformed.
    """
    _require(
        milestones,
        ["event_id", "country", "category", "status", "date", "date_precision", "original_target"],
        "plan_slippage",
    )
    target = milestones["original_target"]
    has_target = target.notna() & target.astype("string").str.strip().ne("")
    rows = milestones.loc[has_target.fillna(False)]
    columns = [
        "event_id", "country", "category", "title", "status", "announced_date",
        "original_target", "original_when", "date", "when", "resolved", "slip_years",
    ]
    if rows.empty:
        return pd.DataFrame(columns=columns)
    rows = add_when(rows, anchor=anchor)
    original = add_when(
        rows[["original_target"]].astype({"original_target": "object"}),
        date_col="original_target",
        precision_col=None,
        anchor=anchor,
    )
    rows = rows.assign(original_when=original["when"])
    for optional in ("title", "announced_date"):
        if optional not in rows.columns:
            rows = rows.assign(**{optional: np.nan})
    rows = rows.assign(
        resolved=rows["status"].eq("achieved"),
        slip_years=(rows["when"] - rows["original_when"]).dt.days / DAYS_PER_YEAR,
    )
    rows = rows.sort_values(["slip_years", "event_id"], ascending=[False, True])
    return rows[columns].reset_index(drop=True)


#: Actors that the chapter treats as one lineage: the Soviet Union's record continues as Russia's.
LINEAGES: dict[str, str] = {"SUN": "RUS"}


def launch_series(
    launches: pd.DataFrame,
    actors: list[str] | tuple[str, ...],
    start_year: int | None = None,
    end_year: int | None = None,
    country_map: Mapping[str, str] | None = None,
    other: str = "other",
) -> pd.DataFrame:
    """Launch attempts per year for chosen actors, the rest pooled, with each one's world share.

    Parameters
    ----------
    launches : pandas.DataFrame
        The ``launches`` table: one row per (``year``, ``country``) with ``attempts``; a missing
        row means zero attempts.
    actors : list of str
        Codes to keep apart (after ``country_map``). Every other code is pooled as ``other``.
    start_year, end_year : int, optional
        Window of years (inclusive). It is clipped to the years the table covers (its first and
        last year), so a window reaching past the data does not invent zero years.
    country_map : mapping of str to str, optional
        Relabel codes first, e.g. :data:`LINEAGES` to count the Soviet Union as Russia.
    other : str, default "other"
        Label of the pooled rest of the world (omitted when nothing is pooled in any year).

    Returns
    -------
    pandas.DataFrame
        One row per year and actor (``actors`` in the order given, then ``other``), zeros filled
        in, with ``year`` (int), ``country``, ``attempts`` (int), ``world`` (all attempts that year)
        and ``share`` (``attempts / world``, 0 to 1; NaN when the world total is 0). Sorted by year,
        then actor order.

    Raises
    ------
    KeyError
        If ``year``, ``country`` or ``attempts`` is missing.
    ValueError
        If ``actors`` contains ``other`` or a duplicate, or the window holds no covered year.
    """
    _require(launches, ["year", "country", "attempts"], "launch_series")
    actors = list(actors)
    if other in actors:
        raise ValueError(f"{other!r} is the label of the pooled rest; it cannot be an actor")
    if len(set(actors)) != len(actors):
        raise ValueError(f"duplicate actors in {actors}")
    columns = ["year", "country", "attempts", "world", "share"]
    table = launches[["year", "country", "attempts"]].copy()
    table["year"] = table["year"].astype("int64")
    table["attempts"] = table["attempts"].astype("int64")
    if country_map:
        table["country"] = table["country"].map(lambda c: country_map.get(c, c))
    if table.empty:
        return pd.DataFrame(columns=columns)
    first = int(table["year"].min()) if start_year is None else max(int(start_year), int(table["year"].min()))
    last = int(table["year"].max()) if end_year is None else min(int(end_year), int(table["year"].max()))
    if first > last:
        raise ValueError(
            f"no year of the launch table ({int(table['year'].min())}-{int(table['year'].max())}) "
            f"falls in the window {start_year}-{end_year}"
        )
    table = table[table["year"].between(first, last)]
    table["country"] = table["country"].where(table["country"].isin(actors), other)
    labels = actors + ([other] if table["country"].eq(other).any() else [])
    grid = pd.MultiIndex.from_product([range(first, last + 1), labels], names=["year", "country"])
    series = (
        table.groupby(["year", "country"])["attempts"].sum()
        .reindex(grid, fill_value=0)
        .astype("int64")
        .reset_index()
    )
    series["world"] = series.groupby("year")["attempts"].transform("sum").astype("int64")
    series["share"] = series["attempts"] / series["world"].where(series["world"] > 0)
    return series[columns]


def project_slip(
    milestones: pd.DataFrame,
    slip_years: float,
    anchor: Anchor = "mid",
) -> pd.DataFrame:
    """Where open plans would land if they slipped as much as a given past slip.

    Each plan (``status`` ``planned`` or ``delayed``) is moved ``slip_years`` after its *first
    known* target (``original_target`` when given, else ``date``), and never earlier than its
    current target: a plan that has already slipped more than ``slip_years`` stays where it is.

    Parameters
    ----------
    milestones : pandas.DataFrame
        The milestones table (``event_id``, ``country``, ``category``, ``status``, ``date``,
        ``date_precision``, ``original_target``; ``title`` is carried along when present).
    slip_years : float
        The slip to apply, in years of 365.25 days (e.g. the median of past plans). Must be
        finite and not negative.
    anchor : {"mid", "start"}, default "mid"
        How partial dates are placed in time (see module notes).

    Returns
    -------
    pandas.DataFrame
        One row per open plan with ``event_id``, ``country``, ``category``, ``title``,
        ``status``, ``date`` (current target), ``when``, ``first_target``, ``first_when``,
        ``slipped_so_far`` (years from first to current target), ``projected_when`` and
        ``projected_year``. Sorted by ``when`` then ``event_id``.

    Raises
    ------
    KeyError
        If a required column is missing.
    ValueError
        If ``slip_years`` is negative or not finite, or a date is malformed.
    """
    _require(
        milestones,
        ["event_id", "country", "category", "status", "date", "date_precision", "original_target"],
        "project_slip",
    )
    if not np.isfinite(slip_years) or slip_years < 0:
        raise ValueError(f"slip_years must be a finite number >= 0, got {slip_years!r}")
    columns = [
        "event_id", "country", "category", "title", "status", "date", "when", "first_target",
        "first_when", "slipped_so_far", "projected_when", "projected_year",
    ]
    plans = milestones.loc[milestones["status"].isin(["planned", "delayed"])]
    if plans.empty:
        return pd.DataFrame(columns=columns)
    plans = add_when(plans, anchor=anchor)
    if "title" not in plans.columns:
        plans = plans.assign(title="")
    original = plans["original_target"].astype("object")
    has_original = original.notna() & original.astype("string").str.strip().ne("")
    first_target = original.where(has_original.fillna(False), plans["date"])
    first = add_when(
        pd.DataFrame({"first_target": first_target}, index=plans.index),
        date_col="first_target",
        precision_col=None,
        anchor=anchor,
    )
    shift = pd.to_timedelta(round(slip_years * DAYS_PER_YEAR), unit="D")
    projected = (first["when"] + shift).where(first["when"] + shift > plans["when"], plans["when"])
    plans = plans.assign(
        first_target=first_target.map(_as_text),
        first_when=first["when"],
        slipped_so_far=(plans["when"] - first["when"]).dt.days / DAYS_PER_YEAR,
        projected_when=projected,
        projected_year=projected.dt.year.astype("int64"),
    )
    plans = plans.sort_values(["when", "event_id"])
    return plans[columns].reset_index(drop=True)
