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

import re
from collections.abc import Iterable, Sequence
from datetime import date as Date
from typing import Literal

import pandas as pd

from .words import join_words, plural

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


# --------------------------------------------------------------------------- the chapter's helpers

LATEST = "latest"
"""The value of the chapter's ``as_of`` parameter that means "the latest date the data were checked"."""

FULL_ROLES: frozenset[str] = frozenset({"signatory", "member", "founding partner", "state partner"})
"""Roles that make a country a full participant; the others (associate member, cooperating state,
observer, APSCO's signatory state) are lesser ties."""

PARTICIPATION: tuple[str, ...] = ("member", "associate or observer")
"""The two kinds of participation of :func:`membership_details`."""


def run_date(value: str, memberships: pd.DataFrame) -> pd.Timestamp:
    """The date a chapter run looks at.

    Parameters
    ----------
    value
        ``"latest"`` for the latest ``as_of`` date of the table (the day its newest list was
        checked), or a date written ``YYYY-MM-DD``.
    memberships
        The memberships table, with its ``as_of`` column.

    Raises
    ------
    ValueError
        With a message that says what to type, for text that is not a real date.

    Examples
    --------
    >>> table = pd.DataFrame({"as_of": ["2025-04-29", "2026-01-12"]})
    >>> run_date("latest", table)
    Timestamp('2026-01-12 00:00:00')
    """
    if value == LATEST:
        if "as_of" not in memberships.columns or memberships["as_of"].dropna().empty:
            raise ValueError("as_of 'latest' needs the as_of column of the memberships table; give a date instead")
        return pd.Timestamp(pd.to_datetime(memberships["as_of"]).max()).normalize()
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        raise ValueError(f"as_of must be 'latest' or a date written YYYY-MM-DD, such as 2025-11-01; got {value!r}")
    try:
        return pd.Timestamp(Date.fromisoformat(value))
    except ValueError:
        raise ValueError(f"as_of {value!r} is not a real date (check the month and the day)") from None


def check_choices(values: Iterable[str], allowed: Iterable[str], what: str) -> list[str]:
    """Return ``values`` as a list, or raise :class:`ValueError` naming the unknown ones and the choices."""
    chosen, choices = list(values), list(allowed)
    unknown = [value for value in chosen if value not in choices]
    if unknown:
        raise ValueError(f"unknown {what} {unknown}; choose among {', '.join(choices)}")
    return chosen


def book_regions(regions: pd.DataFrame) -> pd.DataFrame:
    """The regions table with a column ``book_region``: the UN M49 region, with the Americas split
    into its two subregions (Latin America and the Caribbean, Northern America)."""
    americas = regions["region"] == "Americas"
    return regions.assign(book_region=regions["region"].where(~americas, regions["subregion"]))


def long_date(stamp: DateLike) -> str:
    """A date as readers write it: ``long_date("2024-12-16")`` gives ``"16 December 2024"``."""
    when = _timestamp(stamp)
    return f"{when.day} {when:%B %Y}"


def as_given(value: str, precision: str) -> str:
    """A membership date as precise as its source: a day, a month, a year, or "by" a list's date.

    >>> as_given("2017-11", "month"), as_given("2025-04-29", "on_or_before")
    ('November 2017', 'by 29 April 2025')
    """
    effective_date(value, precision)  # checks the form
    if precision == "year":
        return value
    if precision == "month":
        return f"{pd.Timestamp(value + '-01'):%B %Y}"
    day = long_date(value)
    return f"by {day}" if precision == "on_or_before" else day


def names_list(codes: Iterable[str], names: dict[str, str] | None = None, empty: str = "none") -> str:
    """Country codes as an English list: ``"Bahrain, Liechtenstein and Singapore"``.

    ``names`` maps codes to names (default: the ISO 3166 names); a code without a name stays a code.
    """
    from .countries import actor_name

    return join_words((names or {}).get(code) or actor_name(code) or code for code in codes) or empty


def membership_details(in_force: pd.DataFrame) -> pd.DataFrame:
    """One row per country and framework, ready for a tooltip or a map.

    Parameters
    ----------
    in_force
        Rows from :func:`as_of` (with ``effective_date``); a country with several rows in one
        framework keeps its earliest.

    Returns
    -------
    pandas.DataFrame
        Columns ``country``, ``framework``, ``role``, ``since`` (the date as the source gives it,
        see :func:`as_given`), ``year`` (of the effective date), ``participation`` (one of
        :data:`PARTICIPATION`), ``membership`` (``"state partner since 5 April 2024"``),
        ``source_url`` and ``key`` (``"country|framework"``, for a lookup in the browser), sorted
        by framework and country.
    """
    rows = in_force.sort_values("effective_date").drop_duplicates(["country", "framework"])
    out = pd.DataFrame(
        {
            "country": rows["country"],
            "framework": rows["framework"],
            "role": rows["role"],
            "since": [as_given(v, pr) for v, pr in zip(rows["date"], rows["date_precision"])],
            "year": rows["effective_date"].dt.year.astype("int64"),
            "participation": [PARTICIPATION[0] if r in FULL_ROLES else PARTICIPATION[1] for r in rows["role"]],
            "source_url": rows["source_url"],
        }
    )
    out["membership"] = out["role"] + " since " + out["since"]
    out["key"] = out["country"] + "|" + out["framework"]
    return out.sort_values(["framework", "country"]).reset_index(drop=True)


def camp_details(memberships: pd.DataFrame, date: DateLike, partial: Partial = "end") -> pd.DataFrame:
    """Each country in the Artemis Accords or the ILRS on ``date``, its camp, and its two memberships
    in words (for a map's tooltip).

    Returns
    -------
    pandas.DataFrame
        Columns ``country``, ``camp`` (see :func:`camps`), ``artemis_accords`` ("signed 16 December
        2024" or "not signed"), ``ilrs`` ("state partner since 5 April 2024" or "not a partner")
        and ``sources`` (the source addresses, " and "-separated), sorted by country.
    """
    when = _timestamp(date)
    table = camps(memberships, when, partial=partial)
    details = membership_details(as_of(memberships, when, ("artemis_accords", "ilrs"), partial))
    artemis = details[details["framework"] == "artemis_accords"].set_index("country")
    ilrs = details[details["framework"] == "ilrs"].set_index("country")
    table["artemis_accords"] = ("signed " + table["country"].map(artemis["since"])).fillna("not signed")
    table["ilrs"] = (table["country"].map(ilrs["role"]) + " since " + table["country"].map(ilrs["since"])).fillna("not a partner")
    sources = details.groupby("country")["source_url"].agg(lambda urls: " and ".join(dict.fromkeys(urls)))
    table["sources"] = table["country"].map(sources).fillna("")
    return table[["country", "camp", "artemis_accords", "ilrs", "sources"]]


def hedger_sentence(row: pd.Series | dict) -> str:
    """One sentence about a country in both camps, from a row of :func:`hedgers` with a ``name``.

    >>> hedger_sentence({"name": "Thailand", "first": "ILRS", "days_between": 255,
    ...     "ilrs_date": pd.Timestamp("2024-04-05"), "artemis_date": pd.Timestamp("2024-12-16")})
    'Thailand joined the ILRS on 5 April 2024 and signed the Artemis Accords 255 days later, on 16 December 2024'
    """
    name, days = row["name"], row["days_between"]
    artemis, ilrs = long_date(row["artemis_date"]), long_date(row["ilrs_date"])
    if row["first"] == "same day":
        return f"{name} joined both on {artemis}"
    if row["first"] == "ILRS":
        return f"{name} joined the ILRS on {ilrs} and signed the Artemis Accords {days} days later, on {artemis}"
    return f"{name} signed the Artemis Accords on {artemis} and joined the ILRS {days} days later, on {ilrs}"


def count_in_force(table: pd.DataFrame, date: DateLike, partial: Partial = "end") -> int:
    """How many rows of a dated table (``date``, ``date_precision``; e.g. ILRS organisations) are in
    force on ``date``."""
    when = _timestamp(date)
    return int(sum(effective_date(d, pr, partial) <= when for d, pr in zip(table["date"], table["date_precision"])))


def largest_group(counts: pd.DataFrame, camp: str) -> tuple[str, int, int]:
    """The region with the most countries of ``camp`` in a table with columns ``camp``,
    ``book_region`` and ``countries``: (region, its count, the camp's total).

    Regions that tie are all named (``"Africa and Asia"``, each with that count); a camp with no
    rows gives ``("none", 0, 0)``.
    """
    rows = counts[counts["camp"] == camp]
    if rows.empty:
        return "none", 0, 0
    most = int(rows["countries"].max())
    top = sorted(rows.loc[rows["countries"] == most, "book_region"].astype(str))
    region = top[0] if len(top) == 1 else ", ".join(top[:-1]) + " and " + top[-1]
    return region, most, int(rows["countries"].sum())


def largest_group_sentence(counts: pd.DataFrame, camp: str, members: str) -> str:
    """A sentence on the region with the most ``members`` (a plural noun, ``"ILRS partners"``) of
    ``camp``, ties included (see :func:`largest_group`):

    ``"The largest group of ILRS partners, 5 countries (38% of the camp), is in Asia."`` or
    ``"Africa and Asia each have 5 ILRS partners (31% of the camp each), more than any other region."``
    """
    region, n, total = largest_group(counts, camp)
    if n == 0:
        return f"There are no {members} in the regions shown."
    share = f"{100 * n / total:.0f}% of the camp"
    rows = counts[counts["camp"] == camp]
    if int((rows["countries"] == n).sum()) > 1:
        return f"{region} each have {n} {members} ({share} each), more than any other region."
    return f"The largest group of {members}, {n} {'country' if n == 1 else 'countries'} ({share}), is in {region}."


def in_how_many(n: int, total: int, clause: str, negated: str) -> str:
    """A sentence saying in how many of ``total`` cases ``clause`` holds, as a reader would say it.

    ``in_how_many(2, 2, "the ILRS came first", "the ILRS did not come first")`` -> ``"In both, the
    ILRS came first."``; ``(1, 2)`` -> ``"In one of them, the ILRS came first."``; ``(3, 3)`` ->
    ``"In all 3, ..."``; ``(2, 5)`` -> ``"In 2 of them, ..."``; ``(1, 1)`` -> ``"In its case, ..."``;
    none of them uses ``negated``: ``(0, 2)`` -> ``"In both, the ILRS did not come first."``. An
    empty string when ``total`` is 0 (there is nothing to count).
    """
    if total <= 0:
        return ""
    whole = {1: "In its case", 2: "In both"}.get(total, f"In all {total}")
    if n == 0:
        return f"{whole}, {negated}."
    if n == total:
        return f"{whole}, {clause}."
    return f"{'In one of them' if n == 1 else f'In {n} of them'}, {clause}."


# --------------------------------------------------------------------------- numbers quoted in the text


def headline_numbers(memberships: pd.DataFrame, organisations: pd.DataFrame, date: DateLike) -> dict[str, int | str]:
    """The counts the chapter quotes about the two camps on ``date``, by glue name.

    ``n_artemis``, ``n_ilrs`` (countries in each camp), ``n_ilrs_founding``, ``n_ilrs_state`` (ILRS
    partners by role), ``n_orgs`` (ILRS organisations in force), ``n_artemis_only``, ``n_ilrs_only``,
    ``n_both`` (countries per camp) and ``artemis_checked``, ``ilrs_checked`` (the latest ``as_of``
    of each list, in words).
    """
    table = camps(memberships, date)
    counts = table["camp"].value_counts()
    in_force = as_of(memberships, date, ("ilrs",))
    roles = in_force.drop_duplicates("country")["role"].value_counts()
    checked = memberships.groupby("framework")["as_of"].max()
    return {
        "n_artemis": int(table["artemis"].sum()),
        "n_ilrs": int(table["ilrs"].sum()),
        "n_ilrs_founding": int(roles.get("founding partner", 0)),
        "n_ilrs_state": int(roles.get("state partner", 0)),
        "n_orgs": count_in_force(organisations, date),
        "n_artemis_only": int(counts.get("Artemis only", 0)),
        "n_ilrs_only": int(counts.get("ILRS only", 0)),
        "n_both": int(counts.get("both", 0)),
        "artemis_checked": long_date(checked["artemis_accords"]) if "artemis_accords" in checked else "never",
        "ilrs_checked": long_date(checked["ilrs"]) if "ilrs" in checked else "never",
    }


def growth_numbers(memberships: pd.DataFrame, date: DateLike) -> dict[str, int | str]:
    """How the two camps began (from the whole table) and how many joined in the year to ``date``.

    ``artemis_first_n``, ``artemis_first_date``, ``ilrs_first_n``, ``ilrs_first_date`` (the first
    day of each camp and how many joined that day), ``ilrs_first_state_date`` (the month of the
    first ILRS state partner) and ``artemis_last_year``, ``ilrs_last_year`` (countries joining in
    the twelve months to ``date``, that day included).
    """
    when = _timestamp(date)
    starts = growth(memberships, ["artemis_accords", "ilrs"]).groupby("framework").head(1).set_index("framework")
    first_state = with_effective_dates(memberships).query("role == 'state partner'")["effective_date"].min()
    steps = growth(memberships, ["artemis_accords", "ilrs"], until=when)
    recent = steps[steps["date"] > when - pd.DateOffset(years=1)].groupby("framework")["joined"].sum()
    numbers: dict[str, int | str] = {}
    for framework, key in (("artemis_accords", "artemis"), ("ilrs", "ilrs")):
        numbers[f"{key}_first_n"] = int(starts.loc[framework, "joined"]) if framework in starts.index else 0
        numbers[f"{key}_first_date"] = long_date(starts.loc[framework, "date"]) if framework in starts.index else "never"
        numbers[f"{key}_last_year"] = int(recent.get(framework, 0))
    numbers["ilrs_first_state_date"] = f"{first_state:%B %Y}" if pd.notna(first_state) else "never"
    return numbers


def hedger_numbers(memberships: pd.DataFrame, date: DateLike, names: dict[str, str] | None = None) -> dict[str, int | str]:
    """What the chapter says about the countries in both camps on ``date``.

    ``n_hedgers`` and ``hedgers_count`` (``"2 countries"``), ``hedgers_text`` (one sentence per
    country, see :func:`hedger_sentence`),
    ``ilrs_first_text`` (how many of them joined the ILRS first, as a sentence, see
    :func:`in_how_many`: ``"In both, the ILRS came first."``), and, for the Artemis signatories that take part in APSCO in any role, ``n_apsco_artemis``,
    ``apsco_artemis_count`` (``"1 country"``), ``apsco_artemis_text`` (their names) and
    ``apsco_artemis_roles`` ("Thailand member, ...").
    """
    from .countries import actor_name

    both = hedgers(memberships, date)
    both["name"] = [(names or {}).get(c) or actor_name(c) or c for c in both["country"]]
    sentences = [hedger_sentence(row) for _, row in both.iterrows()]
    table = as_of(memberships, date, ("artemis_accords", "apsco"))
    apsco = table[table["framework"] == "apsco"].drop_duplicates("country").set_index("country")["role"]
    signed = set(table.loc[table["framework"] == "artemis_accords", "country"])
    codes = sorted(set(apsco.index) & signed)
    return {
        "n_hedgers": len(both),
        "hedgers_count": plural(len(both), "country", "countries"),
        "hedgers_text": "; ".join(sentences) + "." if sentences else "none.",
        "ilrs_first_text": in_how_many(
            int((both["first"] == "ILRS").sum()), len(both), "the ILRS came first", "the ILRS did not come first"
        ),
        "n_apsco_artemis": len(codes),
        "apsco_artemis_count": plural(len(codes), "country", "countries"),
        "apsco_artemis_text": names_list(codes, names),
        "apsco_artemis_roles": ", ".join(f"{names_list([c], names)} {apsco[c]}" for c in codes) or "none",
    }


def region_numbers(counts: pd.DataFrame) -> dict[str, int | float | str]:
    """What the chapter says about a table of members per camp and region (columns ``camp``
    (``"Artemis Accords"`` or ``"ILRS"``), ``book_region``, ``countries``).

    For each camp (keys ``artemis_...`` and ``ilrs_...``): ``top_region`` (the region with the most
    members, or the regions that tie: ``"Africa and Asia"``), ``top_text`` (a sentence with its count
    and share, see :func:`largest_group_sentence`) and ``n_regions``; and ``artemis_africa``,
    ``ilrs_africa`` (members in Africa).
    """
    numbers: dict[str, int | float | str] = {}
    africa = counts[counts["book_region"] == "Africa"].set_index("camp")["countries"]
    for camp, key, members in (("Artemis Accords", "artemis", "signatories of the Accords"), ("ILRS", "ilrs", "ILRS partners")):
        numbers[f"{key}_top_region"] = largest_group(counts, camp)[0]
        numbers[f"{key}_top_text"] = largest_group_sentence(counts, camp, members)
        numbers[f"{key}_n_regions"] = int((counts["camp"] == camp).sum())
        numbers[f"{key}_africa"] = int(africa.get(camp, 0))
    return numbers
