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
from collections.abc import Callable, Mapping
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
    "MAIN_ACTORS",
    "ACTOR_LABELS",
    "ROW_LABELS",
    "STATE_SHAPES",
    "actor_label",
    "legend_labels",
    "wrapped_labels",
    "wrapped_axis",
    "check_selection",
    "shown_date",
    "timeline_events",
    "row_order",
    "race",
    "race_table",
    "race_numbers",
    "launch_numbers",
    "NAMED_PLANS",
    "plan_numbers",
    "describe_by_country",
    "describe_timeline",
    "describe_race",
    "with_actor",
    "slip_numbers",
    "country_color",
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


# --------------------------------------------------------------------------- the chapter's helpers
# What the timelines chapter needs around the analyses above: names, dates as a reader writes them,
# the rows each chart draws, the race table and the numbers its prose quotes.

#: The actors the chapter shows when the reader chooses none (the Soviet Union counts as Russia).
MAIN_ACTORS: tuple[str, ...] = ("USA", "RUS", "CHN", "JPN", "IND", "ESA")
#: How the chapter names an actor code; other codes take their ISO name (:func:`actor_label`).
ACTOR_LABELS: dict[str, str] = {
    "USA": "United States", "RUS": "USSR / Russia", "SUN": "USSR / Russia", "CHN": "China",
    "JPN": "Japan", "IND": "India", "ESA": "Europe (ESA)", "other": "Rest of the world",
}
#: How a row of the timeline is labelled when it is not a category to race for.
ROW_LABELS: dict[str, str] = {"founding": "agency or framework founded"}
#: The timeline's symbol for each outcome or status (a founding has its own, a star).
STATE_SHAPES: dict[str, str] = {
    "success": "circle", "partial": "diamond", "failure": "cross", "founded":
    "M0,-1L0.24,-0.33L0.95,-0.31L0.38,0.12L0.59,0.81L0,0.4L-0.59,0.81L-0.38,0.12L-0.95,-0.31L-0.24,-0.33Z",
    "planned": "square", "delayed": "triangle-up", "cancelled": "triangle-down",
}


def actor_label(code: str) -> str:
    """The name a reader sees for an actor code: ``"RUS"`` -> ``"USSR / Russia"``, ``"KOR"`` -> ``"South Korea"``."""
    from .countries import actor_name

    return ACTOR_LABELS.get(code) or actor_name(code) or code


def legend_labels(codes: list[str] | tuple[str, ...], label: Callable[[str], str] = actor_label) -> str:
    """A Vega ``labelExpr`` that shows each code of a legend, axis or facet header as ``label``
    (by default :func:`actor_label`) names it.

    Charts colour by code (so that :func:`spacerace.charts.color` gives every country its colour)
    and the legend still reads "United States", "USSR / Russia".
    """
    import json

    names = {str(code): label(str(code)) for code in codes}
    return f"({json.dumps(names)})[datum.label] || datum.label"


def wrapped_labels(titles: list[str] | pd.Series, width: int = 38) -> str:
    """A Vega ``labelExpr`` that writes each title on lines of at most ``width`` characters.

    The axis shows the whole title (no "…"), on two or three lines, and the data keep it whole.
    """
    return f"{_wrapped(titles, width)}[datum.label] || datum.label"


def _wrapped(titles: list[str] | pd.Series, width: int) -> str:
    import json
    import textwrap

    lines = {str(t): textwrap.wrap(str(t), width) or [str(t)] for t in dict.fromkeys(titles)}
    return f"({json.dumps(lines)})"


def wrapped_axis(titles: list[str] | pd.Series, width: int = 38, line_height: int = 16, **options: object):
    """An ``alt.Axis`` for a band axis of long titles: each label wrapped (:func:`wrapped_labels`)
    and its lines centred on its tick. ``options`` go to ``alt.Axis`` (``offset=10``, say)."""
    import altair as alt

    half = line_height / 2
    offset = f"-{half} * (length({_wrapped(titles, width)}[datum.label] || [1]) - 1)"
    return alt.Axis(
        labelExpr=wrapped_labels(titles, width), labelLineHeight=line_height, labelOffset=alt.ExprRef(offset), **options
    )


def check_selection(
    countries: list[str], categories: list[str], start_year: int, end_year: int
) -> tuple[list[str], list[str]]:
    """Check the chapter's parameters and return the actors and categories to show.

    Parameters
    ----------
    countries : list of str
        Alpha-3 codes (``SUN`` becomes ``RUS``, :data:`LINEAGES`); empty means :data:`MAIN_ACTORS`.
    categories : list of str
        Categories from :data:`CATEGORIES`; empty means all of them.
    start_year, end_year : int
        The window of years shown.

    Returns
    -------
    tuple of (list of str, list of str)
        The actors (duplicates removed, order kept) and the categories.

    Raises
    ------
    ValueError
        For an unknown code or category (the message lists what is allowed) or a window that ends
        before it starts.
    """
    from .countries import actor_name

    actors = list(dict.fromkeys(LINEAGES.get(c, c) for c in countries)) or list(MAIN_ACTORS)
    unknown = [c for c in actors if actor_name(c) is None]
    if unknown:
        raise ValueError(f"unknown country codes {unknown}; use ISO 3166-1 alpha-3 codes, SUN or ESA")
    bad = [c for c in categories if c not in CATEGORIES]
    if bad:
        raise ValueError(f"unknown categories {bad}; choose from {list(CATEGORIES)}")
    if start_year > end_year:
        raise ValueError(f"start_year ({start_year}) is after end_year ({end_year})")
    return actors, list(categories) or list(CATEGORIES)


def shown_date(date: str, precision: str) -> str:
    """A partial ISO date as a reader writes it: ``"20 Jul 1969"``, ``"Nov 1971"`` or ``"1964"``."""
    when, _ = parse_partial_date(str(date), anchor="start")
    formats = {"day": f"{when.day} {when:%b %Y}", "month": f"{when:%b %Y}", "year": f"{when:%Y}"}
    return formats[precision]


def _sources(frame: pd.DataFrame) -> pd.DataFrame:
    """Blank second sources and source kinds read "none recorded" in a tooltip, not "null"."""
    out = frame.copy()
    for column in ("second_source_url", "source_kind"):
        values = out[column] if column in out.columns else pd.Series(np.nan, index=out.index)
        out[column] = values.astype("object").where(values.notna() & values.astype("string").ne(""), "none recorded")
    return out


def timeline_events(
    milestones: pd.DataFrame,
    actors: list[str],
    categories: list[str],
    start_year: int,
    end_year: int,
    include_plans: bool = True,
) -> pd.DataFrame:
    """The rows the timeline draws: the chosen actors, categories and years.

    Returns the milestones with ``when`` and ``year`` (:func:`add_when`), ``actor`` (Soviet
    Union as Russia), ``country_name``, ``state`` (the outcome of an achievement, ``"founded"`` for
    a founding, else the status), ``happened``, ``date_shown``, ``row`` (the category, or
    :data:`ROW_LABELS` for foundings) and both sources. Plans are left out unless ``include_plans``.
    """
    events = with_actor(_sources(add_when(milestones)))
    events["happened"] = events["status"].eq("achieved")
    events["state"] = events["outcome"].where(events["happened"], events["status"])
    events.loc[events["category"].isin(NOT_RACED), "state"] = "founded"
    events["date_shown"] = [shown_date(d, p) for d, p in zip(events["date"], events["date_precision"])]
    events["row"] = events["category"].map(lambda c: ROW_LABELS.get(c, c))
    keep = (
        events["actor"].isin(actors)
        & events["category"].isin(categories)
        & events["year"].between(start_year, end_year)
        & (include_plans | events["happened"])
    )
    return events[keep].reset_index(drop=True)


def row_order(events: pd.DataFrame) -> list[str]:
    """The timeline's rows from top to bottom: foundings first, then categories in :data:`CATEGORIES` order."""
    ordered = [c for c in NOT_RACED if c in CATEGORIES] + [c for c in CATEGORIES if c not in NOT_RACED]
    present = set(events["category"])
    return [ROW_LABELS.get(c, c) for c in ordered if c in present]


def race(
    milestones: pd.DataFrame, categories: list[str], include_partial: bool = False
) -> pd.DataFrame:
    """Every actor's first success per category (:func:`firsts`, Soviet Union as Russia), for readers.

    Adds ``country_name``, ``leader_name``, ``date_shown`` and both sources to :func:`firsts`.
    Foundings never enter (:data:`NOT_RACED`).
    """
    chosen = milestones[milestones["category"].isin(categories)]
    table = firsts(chosen, include_partial=include_partial, country_map=LINEAGES)
    table["country_name"] = table["country"].map(actor_label)
    table["leader_name"] = table["leader"].map(lambda codes: " / ".join(actor_label(c) for c in codes.split("/")))
    table["date_shown"] = [shown_date(d, p) for d, p in zip(table["date"], table["date_precision"])]
    sources = _sources(milestones)[["event_id", "source_url", "second_source_url", "source_kind"]]
    return table.merge(sources, on="event_id", how="left")


def race_table(race_rows: pd.DataFrame, actors: list[str]) -> pd.DataFrame:
    """One row per category: who was first (codes, ``"RUS"``) and when, then, per actor (a column
    named by its code, to keep the table narrow), ``"first"``, the years after the first country (``"+12.4"``) or an empty
    cell when it has not done it."""
    leaders = race_rows[race_rows["is_leader"]].drop_duplicates("category")
    table = leaders[["category", "leader", "date_shown"]].rename(columns={"leader": "first", "date_shown": "when"})
    for code in actors:
        gaps = race_rows[race_rows["country"] == code].set_index("category")["years_behind"]
        table[code] = [
            "" if cat not in gaps.index else ("first" if gaps[cat] == 0 else f"+{gaps[cat]:.1f}")
            for cat in table["category"]
        ]
    return table.reset_index(drop=True)


def race_numbers(
    milestones: pd.DataFrame,
    include_partial: bool = False,
    codes: tuple[str, ...] = ("USA", "RUS", "CHN", "IND", "JPN"),
    recent: int = 2010,
) -> dict[str, object]:
    """The numbers the chapter's prose quotes about the race of firsts, over every category.

    Keys: ``<code>_n_cat``, ``<code>_n_led``, ``<code>_median_behind``, ``<code>_n_recent`` (firsts
    in ``recent`` or later), ``<code>_last_lead`` and ``<code>_last_lead_year`` (its latest world
    first) for each code, ``n_categories_total``, ``n_led_usa_rus`` (categories led by the United
    States or the Soviet Union/Russia) and ``recent_year``. A code without a lead has ``"none"``
    and 0.
    """
    table = firsts(milestones, include_partial=include_partial, country_map=LINEAGES)
    behind = years_behind_leader(milestones, include_partial=include_partial, country_map=LINEAGES).set_index("country")
    numbers: dict[str, object] = {}
    for code in codes:
        own = table[table["country"] == code]
        led = own[own["is_leader"]].sort_values("when")
        numbers[f"{code}_n_cat"] = int(behind.at[code, "n_categories"]) if code in behind.index else 0
        numbers[f"{code}_n_led"] = int(behind.at[code, "n_led"]) if code in behind.index else 0
        numbers[f"{code}_median_behind"] = float(behind.at[code, "median_years_behind"]) if code in behind.index else float("nan")
        numbers[f"{code}_n_recent"] = int((own["when"].dt.year >= recent).sum())
        numbers[f"{code}_last_lead"] = str(led["category"].iloc[-1]) if len(led) else "none"
        numbers[f"{code}_last_lead_year"] = int(led["when"].dt.year.iloc[-1]) if len(led) else 0
    led_by = table[table["is_leader"]].groupby("category")["country"].apply(set)
    numbers["n_categories_total"] = int(table["category"].nunique())
    numbers["n_led_usa_rus"] = int(led_by.map(lambda s: bool(s & {"USA", "RUS"})).sum())
    numbers["recent_year"] = int(recent)
    return numbers


def launch_numbers(launches: pd.DataFrame, compare_year: int) -> dict[str, object]:
    """The launch figures the prose quotes: China, the United States, Russia and the world in
    ``compare_year`` and in the last year of the table (``last_year``); shares in per cent."""
    whole = launch_series(launches, ["CHN", "USA", "RUS"], country_map=LINEAGES).set_index(["year", "country"])
    last = int(whole.index.get_level_values("year").max())
    then = {c: whole.loc[(compare_year, c)] for c in ("CHN", "USA")}
    now = {c: whole.loc[(last, c)] for c in ("CHN", "USA", "RUS")}
    return {
        "last_year": last, "compare_year": int(compare_year),
        "chn_then": int(then["CHN"]["attempts"]), "chn_now": int(now["CHN"]["attempts"]),
        "chn_multiple": _ratio(now["CHN"]["attempts"], then["CHN"]["attempts"]),
        "chn_share_then": float(100 * then["CHN"]["share"]), "chn_share_now": float(100 * now["CHN"]["share"]),
        "usa_then": int(then["USA"]["attempts"]), "usa_now": int(now["USA"]["attempts"]),
        "usa_multiple": _ratio(now["USA"]["attempts"], then["USA"]["attempts"]),
        "usa_share_now": float(100 * now["USA"]["share"]), "rus_now": int(now["RUS"]["attempts"]),
        "world_then": int(then["CHN"]["world"]), "world_now": int(now["CHN"]["world"]),
    }


def _ratio(now: float, then: float) -> float:
    """``now / then``, NaN when ``then`` is 0 (no launches in the year compared with)."""
    return float(now) / float(then) if then else float("nan")


#: The plans the chapter's prose names, by glue prefix and ``event_id``.
NAMED_PLANS: dict[str, str] = {
    "chn_landing": "chn-crewed-lunar-landing", "tianwen3": "chn-tianwen-3", "tianwen4": "chn-tianwen-4",
    "chandrayaan4": "ind-chandrayaan-4", "gaganyaan": "ind-gaganyaan-h1", "artemis4": "usa-artemis-iv-landing",
}


def plan_numbers(projected: pd.DataFrame, named: Mapping[str, str] = NAMED_PLANS) -> dict[str, object]:
    """For each named plan of :func:`project_slip`'s table: ``<key>_target`` (current target year),
    ``<key>_first`` (first known target as written) and ``<key>_projected`` (year after the slip);
    ``gaganyaan_phrase`` says whether Gaganyaan moves; ``n_plans`` counts every open plan,
    ``n_plans_moved`` those whose current target is already later than their first known one and
    ``n_plans_unmoved`` the others (still on their first known target)."""
    by_id = projected.set_index("event_id")
    moved = int((projected["slipped_so_far"].astype(float) > 0).sum())
    numbers: dict[str, object] = {
        "n_plans": int(len(projected)), "n_plans_moved": moved, "n_plans_unmoved": int(len(projected)) - moved,
    }
    for key, event_id in named.items():
        numbers[f"{key}_target"] = int(by_id.at[event_id, "when"].year)
        numbers[f"{key}_first"] = str(by_id.at[event_id, "first_target"])
        numbers[f"{key}_projected"] = int(by_id.at[event_id, "projected_year"])
    if "gaganyaan" in named:
        gagan = by_id.loc[named["gaganyaan"]]
        numbers["gaganyaan_phrase"] = (
            "has already slipped more than the median and stays at its current target"
            if gagan["projected_when"] == gagan["when"]
            else f"would move to {int(gagan['projected_year'])}"
        )
    return numbers


def describe_by_country(frame: pd.DataFrame, what: str, value: str, label: str = "country_name") -> str:
    """A sentence for screen readers: ``what`` then, per country, the largest ``value`` and where.

    ``describe_by_country(cadence, "Launch attempts per year by country", "attempts")`` ->
    ``"Launch attempts per year by country. Largest: China 68 (year 2024); ..."`` (the row's
    ``year`` or ``category`` says where).
    """
    where = "year" if "year" in frame.columns else "category"
    parts = []
    for who, group in frame.groupby(label, sort=False):
        top = group.loc[group[value].idxmax()]
        amount = f"{top[value]:.0f}" if float(top[value]).is_integer() or top[value] >= 10 else f"{top[value]:.1f}"
        parts.append(f"{who} {amount} ({where} {top[where]})")
    return f"{what}. Largest: " + "; ".join(parts) + "." if parts else f"{what}: no data in this run."


def describe_timeline(events: pd.DataFrame) -> str:
    """What a screen reader announces for the timeline: how many events, and per country its first
    year, its achievements and its plans (foundings counted apart)."""
    if events.empty:
        return "Timeline of space milestones: no event matches the countries, categories and years of this run."
    parts = []
    for who, group in events.groupby("country_name", sort=False):
        founded = group["category"].isin(NOT_RACED)
        done = group["happened"] & ~founded
        parts.append(
            f"{who}: first event in {int(group['year'].min())}, {int(done.sum())} achieved, "
            f"{int((~group['happened']).sum())} plans, {int(founded.sum())} foundings"
        )
    return (
        f"Timeline of {len(events)} space milestones from {int(events['year'].min())} to "
        f"{int(events['year'].max())}, one row per category, coloured by country. " + "; ".join(parts) + "."
    )


def describe_race(shown_race: pd.DataFrame) -> str:
    """What a screen reader announces for the years-behind chart: per country, how many categories
    it led and the median and largest gap behind the first country."""
    if shown_race.empty:
        return "Dot plot of years after the first country: no country shown has a success in the chosen categories."
    parts = []
    for who, group in shown_race.groupby("country_name", sort=False):
        parts.append(
            f"{who} led {int(group['is_leader'].sum())} of {len(group)} categories, median "
            f"{group['years_behind'].median():.0f} and at most {group['years_behind'].max():.0f} years after the first"
        )
    return "Dot plot of years after the first country, by milestone category. " + "; ".join(parts) + "."


def with_actor(frame: pd.DataFrame) -> pd.DataFrame:
    """A copy of ``frame`` with ``actor`` (its ``country`` code, the Soviet Union as Russia, :data:`LINEAGES`)
    and ``country_name`` (:func:`actor_label`), the two columns every chart of the chapter draws with."""
    out = frame.copy()
    out["actor"] = out["country"].map(lambda c: LINEAGES.get(c, c))
    out["country_name"] = out["actor"].map(actor_label)
    return out


def slip_numbers(slips: pd.DataFrame) -> dict[str, object]:
    """The figures the prose quotes from :func:`plan_slippage`: ``n_resolved`` and ``n_open_slips``
    (plans done and still open), ``median_slip``, ``min_slip`` and ``max_slip`` of the plans done and
    ``median_open_slip`` of the open ones (NaN when there are none), in years."""
    done = slips.loc[slips["resolved"].astype(bool), "slip_years"].astype(float)
    still_open = slips.loc[~slips["resolved"].astype(bool), "slip_years"].astype(float)
    return {
        "n_resolved": int(len(done)), "n_open_slips": int(len(still_open)),
        "median_slip": float(done.median()), "min_slip": float(done.min()), "max_slip": float(done.max()),
        "median_open_slip": float(still_open.median()),
    }


def country_color(field: str, codes: list[str], columns: int = 2, **options: object):
    """:func:`spacerace.charts.color` for a field of actor codes: the book's colour of each code drawn,
    and a legend under the chart that names them as readers know them (:func:`legend_labels`)."""
    import altair as alt

    from . import charts

    legend = alt.Legend(labelExpr=legend_labels(codes), orient="bottom", columns=columns)
    return charts.color(field, "country", codes, title="Country", legend=legend, **options)
