"""Who signs with whom: pure functions over the memberships table.

The table (``data/memberships.csv``) has one row per country, framework and role, with the date
the country took that role. Dates keep the precision the sources gave::

    country  framework        role           date        date_precision
    THA      ilrs             state partner  2024-04-05  day
    THA      artemis_accords  signatory      2024-12-16  day
    AUS      quad             member         2017-11     month
    BGD      apsco            member         2008        year
    DJI      ilrs             state partner  2025-04-29  on_or_before

How a row is placed in time (its *effective date*)
--------------------------------------------------
* ``day``: that day.
* ``month`` and ``year``: by default the **last** day of the month or year (``partial="end"``):
  a country counts as a member only from the first date on which the sources make it certain.
  ``partial="start"`` uses the first day instead (the earliest date it may have joined).
* ``on_or_before``: that day. The source is a list published that day which names the country,
  with no earlier date known; the country counts from the list's date.

A row is *in force* on a date when its effective date is on or before that date. The table has no
end dates: each country has one row per framework, its current role (the sources describe earlier
lesser roles in ``source_note``), so a role is treated as held from its date on.

Every function takes the table as a :class:`pandas.DataFrame` (strings, as
``pd.read_csv(..., dtype=str, keep_default_na=False)`` gives them) and returns a new frame; none
reads files.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date as Date
from typing import Literal

import pandas as pd

FRAMEWORKS: tuple[str, ...] = ("artemis_accords", "ilrs", "apsco", "quad", "esa", "iss")
"""Framework codes, as in the ``framework`` column."""

FRAMEWORK_NAMES: dict[str, str] = {
    "artemis_accords": "Artemis Accords",
    "ilrs": "ILRS",
    "apsco": "APSCO",
    "quad": "Quad",
    "esa": "ESA",
    "iss": "ISS",
}
"""Display names of the frameworks."""

ROLES: dict[str, tuple[str, ...]] = {
    "artemis_accords": ("signatory",),
    "ilrs": ("founding partner", "state partner"),
    "apsco": ("member", "signatory state", "observer"),
    "quad": ("member",),
    "esa": ("member", "associate member", "cooperating state", "european cooperating state"),
    "iss": ("member",),
}
"""The roles each framework allows (a closed list)."""

PRECISIONS: tuple[str, ...] = ("day", "month", "year", "on_or_before")
"""Values of the ``date_precision`` column."""

CAMPS: tuple[str, ...] = ("Artemis only", "ILRS only", "both", "neither")
"""The four camps of :func:`camps`, in display order."""

REQUIRED_COLUMNS: tuple[str, ...] = ("country", "framework", "role", "date", "date_precision")

Partial = Literal["end", "start"]
DateLike = str | Date | pd.Timestamp


def _check_columns(memberships: pd.DataFrame, required: Sequence[str] = REQUIRED_COLUMNS) -> None:
    missing = [column for column in required if column not in memberships.columns]
    if missing:
        raise ValueError(f"the memberships table lacks the column(s) {', '.join(missing)}")


def _timestamp(value: DateLike, what: str = "date") -> pd.Timestamp:
    try:
        stamp = pd.Timestamp(value)
    except (ValueError, TypeError) as error:
        raise ValueError(f"{what} {value!r} is not a date (use YYYY-MM-DD)") from error
    if pd.isna(stamp):
        raise ValueError(f"{what} {value!r} is not a date (use YYYY-MM-DD)")
    return stamp.normalize()


def effective_date(value: str, precision: str, partial: Partial = "end") -> pd.Timestamp:
    """Return the date from which a membership row counts as in force.

    Parameters
    ----------
    value
        The ``date`` column: ``YYYY-MM-DD``, ``YYYY-MM`` or ``YYYY``.
    precision
        The ``date_precision`` column: one of :data:`PRECISIONS`; it must agree with the form of
        ``value`` (``on_or_before`` takes a full date).
    partial
        For ``month`` and ``year`` precision: ``"end"`` (default) gives the last day of the
        period, ``"start"`` the first.

    Returns
    -------
    pandas.Timestamp

    Raises
    ------
    ValueError
        For an unknown precision, a date whose form does not match it, or a bad ``partial``.

    Examples
    --------
    >>> effective_date("2017-11", "month")
    Timestamp('2017-11-30 00:00:00')
    >>> effective_date("2008", "year", partial="start")
    Timestamp('2008-01-01 00:00:00')
    """
    if partial not in ("end", "start"):
        raise ValueError(f"partial must be 'end' or 'start', not {partial!r}")
    lengths = {"day": 10, "on_or_before": 10, "month": 7, "year": 4}
    if precision not in lengths:
        raise ValueError(f"unknown date precision {precision!r}; expected one of {', '.join(PRECISIONS)}")
    text = str(value).strip()
    if len(text) != lengths[precision]:
        raise ValueError(f"date {value!r} does not have the form its precision {precision!r} needs")
    start = _timestamp(text if precision != "year" else f"{text}-01-01", "date")
    if precision == "month" and partial == "end":
        return start + pd.offsets.MonthEnd(0)
    if precision == "year" and partial == "end":
        return start + pd.offsets.YearEnd(0)
    return start


def with_effective_dates(memberships: pd.DataFrame, partial: Partial = "end") -> pd.DataFrame:
    """Return a copy of the table with an ``effective_date`` column (see :func:`effective_date`)."""
    _check_columns(memberships)
    out = memberships.copy()
    out["effective_date"] = pd.to_datetime(
        [effective_date(d, p, partial) for d, p in zip(out["date"], out["date_precision"])]
    )
    return out


def as_of(
    memberships: pd.DataFrame,
    date: DateLike,
    frameworks: Iterable[str] | None = None,
    partial: Partial = "end",
) -> pd.DataFrame:
    """Return the rows in force on ``date``: those whose effective date is on or before it.

    Parameters
    ----------
    memberships
        The memberships table.
    date
        The date to look at (``"2024-12-31"``, a :class:`datetime.date` or a Timestamp). A row
        dated that very day is included.
    frameworks
        Keep only these frameworks (default: all).
    partial
        How month- and year-precision dates are placed (see :func:`effective_date`).

    Returns
    -------
    pandas.DataFrame
        The rows in force, with an added ``effective_date`` column, in the table's order.
    """
    when = _timestamp(date)
    table = with_effective_dates(memberships, partial)
    if frameworks is not None:
        wanted = _known_frameworks(frameworks)
        table = table[table["framework"].isin(wanted)]
    return table[table["effective_date"] <= when].reset_index(drop=True)


def _known_frameworks(frameworks: Iterable[str]) -> list[str]:
    wanted = [frameworks] if isinstance(frameworks, str) else list(frameworks)
    unknown = [f for f in wanted if f not in FRAMEWORKS]
    if unknown:
        raise ValueError(f"unknown framework(s) {', '.join(map(repr, unknown))}; expected some of {', '.join(FRAMEWORKS)}")
    return wanted


def _first_dates(table: pd.DataFrame, framework: str) -> pd.Series:
    rows = table[table["framework"] == framework]
    return rows.groupby("country")["effective_date"].min()


def camps(
    memberships: pd.DataFrame,
    date: DateLike,
    countries: Iterable[str] | None = None,
    partial: Partial = "end",
) -> pd.DataFrame:
    """Place each country in a camp on ``date``: Artemis Accords, ILRS, both or neither.

    A country is in the Artemis camp when it has signed the Artemis Accords on or before the
    date, and in the ILRS camp when it holds any ILRS role (founding or state partner) by then.

    Parameters
    ----------
    memberships
        The memberships table.
    date
        The date to look at.
    countries
        All the countries to show (for instance the boundaries' ``iso_a3`` codes). Countries in
        this list that are in neither framework get the camp ``"neither"``. Without it, only
        countries in at least one of the two frameworks are returned.
    partial
        How month- and year-precision dates are placed (see :func:`effective_date`).

    Returns
    -------
    pandas.DataFrame
        Columns ``country``, ``artemis`` (bool), ``ilrs`` (bool) and ``camp`` (one of
        :data:`CAMPS`), one row per country, sorted by country.
    """
    table = as_of(memberships, date, ("artemis_accords", "ilrs"), partial)
    artemis = set(table.loc[table["framework"] == "artemis_accords", "country"])
    ilrs = set(table.loc[table["framework"] == "ilrs", "country"])
    everyone = artemis | ilrs | (set(countries) if countries is not None else set())
    codes = sorted(everyone)
    out = pd.DataFrame({"country": codes})
    out["artemis"] = out["country"].isin(artemis)
    out["ilrs"] = out["country"].isin(ilrs)
    out["camp"] = [
        "both" if a and i else "Artemis only" if a else "ILRS only" if i else "neither"
        for a, i in zip(out["artemis"], out["ilrs"])
    ]
    return out


def hedgers(memberships: pd.DataFrame, date: DateLike, partial: Partial = "end") -> pd.DataFrame:
    """Countries in both the Artemis Accords and ILRS on ``date``, and which they joined first.

    Parameters
    ----------
    memberships
        The memberships table.
    date
        The date to look at.
    partial
        How month- and year-precision dates are placed (see :func:`effective_date`).

    Returns
    -------
    pandas.DataFrame
        Columns ``country``, ``artemis_date`` and ``ilrs_date`` (effective dates, the earliest
        if a country has several rows), ``first`` (``"Artemis Accords"``, ``"ILRS"`` or
        ``"same day"``) and ``days_between`` (whole days from the first to the second), sorted by
        the later of the two dates, then country.
    """
    table = as_of(memberships, date, ("artemis_accords", "ilrs"), partial)
    artemis = _first_dates(table, "artemis_accords")
    ilrs = _first_dates(table, "ilrs")
    both = pd.concat({"artemis_date": artemis, "ilrs_date": ilrs}, axis=1, join="inner")
    both.index.name = "country"
    out = both.reset_index()
    out["first"] = [
        "same day" if a == i else "Artemis Accords" if a < i else "ILRS"
        for a, i in zip(out["artemis_date"], out["ilrs_date"])
    ]
    out["days_between"] = (out["artemis_date"] - out["ilrs_date"]).abs().dt.days.astype("int64")
    later = out[["artemis_date", "ilrs_date"]].max(axis=1)
    out = out.assign(_later=later).sort_values(["_later", "country"]).drop(columns="_later")
    return out.reset_index(drop=True)


def growth(
    memberships: pd.DataFrame,
    frameworks: Iterable[str],
    roles: Iterable[str] | None = None,
    until: DateLike | None = None,
    partial: Partial = "end",
) -> pd.DataFrame:
    """Cumulative count of countries per framework over time, as a step series.

    A country counts once per framework, from its earliest effective date in that framework.

    Parameters
    ----------
    memberships
        The memberships table.
    frameworks
        The frameworks to count (codes from :data:`FRAMEWORKS`).
    roles
        Count only rows with these roles (default: every role; e.g. ``["member"]`` to leave
        APSCO's observer and signatory state out).
    until
        If given, drop rows after this date and end every series with a row on this date (with
        ``joined`` 0), so that the steps run to the date of the chart.
    partial
        How month- and year-precision dates are placed (see :func:`effective_date`).

    Returns
    -------
    pandas.DataFrame
        Columns ``framework``, ``date`` (a step: the count holds from this date to the next
        row's), ``joined`` (countries joining that day), ``count`` (cumulative) and ``countries``
        (the codes joining that day, comma-separated), sorted by framework (in the order given)
        and date.
    """
    wanted = _known_frameworks(frameworks)
    table = with_effective_dates(memberships, partial)
    table = table[table["framework"].isin(wanted)]
    if roles is not None:
        role_list = [roles] if isinstance(roles, str) else list(roles)
        table = table[table["role"].isin(role_list)]
    end = _timestamp(until, "until") if until is not None else None
    if end is not None:
        table = table[table["effective_date"] <= end]
    pieces = []
    for framework in wanted:
        first = _first_dates(table, framework).rename("date").reset_index()
        steps = (
            first.sort_values(["date", "country"])
            .groupby("date", as_index=False)
            .agg(joined=("country", "size"), countries=("country", ",".join))
        )
        if end is not None and (steps.empty or steps["date"].iloc[-1] < end):
            steps = pd.concat(
                [steps, pd.DataFrame({"date": [end], "joined": [0], "countries": [""]})], ignore_index=True
            )
        steps["count"] = steps["joined"].cumsum()
        steps.insert(0, "framework", framework)
        pieces.append(steps[["framework", "date", "joined", "count", "countries"]])
    columns = ["framework", "date", "joined", "count", "countries"]
    if not pieces:
        return pd.DataFrame(columns=columns)
    out = pd.concat(pieces, ignore_index=True)
    out["joined"] = out["joined"].astype("int64")
    out["count"] = out["count"].astype("int64")
    return out


def region_of(
    alpha3: str | Iterable[str],
    regions: pd.DataFrame,
    level: Literal["region", "subregion", "intermediate_region"] = "region",
    strict: bool = True,
) -> str | None | pd.Series:
    """Look up the UN M49 region of one or more alpha-3 codes in the regions table.

    Parameters
    ----------
    alpha3
        One code (``"THA"``) or several.
    regions
        The table ``data/regions.csv`` (columns ``country``, ``region``, ``subregion``,
        ``intermediate_region``).
    level
        Which column to return.
    strict
        If true (default), an unknown code raises :class:`KeyError`; if false it gives ``None``.

    Returns
    -------
    str, None or pandas.Series
        The name for one code; for several, a Series indexed by code, in the order given.

    Raises
    ------
    KeyError
        With ``strict``, naming the codes that are not in the table (the book's extensions
        ``ESA`` and ``SUN`` are not countries and are not in it).
    ValueError
        If ``level`` is not a column of the table.
    """
    if level not in regions.columns or "country" not in regions.columns:
        raise ValueError(f"the regions table needs the columns 'country' and {level!r}")
    lookup = regions.set_index("country")[level]
    single = isinstance(alpha3, str)
    codes = [alpha3] if single else list(alpha3)
    unknown = [code for code in codes if code not in lookup.index]
    if unknown and strict:
        raise KeyError(f"no region for the code(s) {', '.join(unknown)}")
    values = [lookup.get(code) for code in codes]
    values = [None if v is None or (isinstance(v, float) and pd.isna(v)) or v == "" else v for v in values]
    if single:
        return values[0]
    return pd.Series(values, index=pd.Index(codes, name="country"), name=level, dtype="object")
