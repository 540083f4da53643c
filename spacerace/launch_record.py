"""The launch record: whose rockets work, who launches commercially, what each country puts up.

The helpers of the chapter ``book/launches/launches.ipynb``. They read the tidy tables of the data
package (``launches``, ``launch_outcomes``, ``launcher_debuts``, ``registered_objects``,
``constellation_payloads``, ``asat_tests``) as :func:`spacerace.data.load` returns them and return
small frames ready to chart: the chapter aggregates before it draws.

Success rates come with a 95% Wilson score interval (:func:`wilson_interval`): a country that
launched twice in a decade and succeeded twice has a rate of 100%, but an interval from about
34% to 100%. The Soviet Union and Russia count as one lineage (``SUN`` becomes ``RUS``), as in the
timelines chapter.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable

import numpy as np
import pandas as pd

from .countries import actor_name
from .timelines import LINEAGES, MAIN_ACTORS, actor_label
from .words import join_words, plural

__all__ = [
    "DEFAULT_COUNTRIES",
    "Z_95",
    "check_selection",
    "wilson_interval",
    "lineage",
    "drop_starship",
    "period_label",
    "success_by_decade",
    "latest_rates",
    "latest_table",
    "smallest_latest",
    "debut_flights",
    "debut_numbers",
    "by_year",
    "share_of",
    "percent",
    "percent_list",
    "year_bars",
    "registered_series",
    "registered_totals",
    "constellation_series",
    "without_constellations",
    "asat_display",
    "asat_remaining",
    "plural",
    "join_words",
    "hidden_decades",
    "share_label",
    "rate_floor",
    "with_zero_years",
    "own_constellations",
    "slivers",
    "debut_summary",
    "asat_uncatalogued",
    "asat_share_left",
]

DEFAULT_COUNTRIES: tuple[str, ...] = MAIN_ACTORS
"""The main launching actors the chapter shows when ``countries`` is empty (as the timelines chapter)."""

Z_95: float = 1.959963984540054
"""The normal quantile of a two-sided 95% interval."""

STARSHIP = "Starship"
"""The ``vehicle_family`` of SpaceX's Starship test flights (GCAT lists them as orbital attempts)."""


def check_selection(countries: Iterable[str], first_year: int, last_year: int, min_attempts: int = 1) -> list[str]:
    """Check the chapter's parameters and return the actor codes to show, in order.

    ``SUN`` becomes ``RUS`` (one lineage); an empty list means :data:`DEFAULT_COUNTRIES`. Raises
    :class:`ValueError` naming the bad value: an unknown code, years in the wrong order or outside
    1957-2100, a ``min_attempts`` under 1.
    """
    codes = list(dict.fromkeys(LINEAGES.get(c, c) for c in countries)) or list(DEFAULT_COUNTRIES)
    unknown = [c for c in codes if actor_name(c) is None]
    if unknown:
        raise ValueError(f"unknown country codes {unknown}; use ISO 3166-1 alpha-3 codes (e.g. IND), SUN or ESA")
    if not 1957 <= first_year <= last_year <= 2100:
        raise ValueError(f"first_year ({first_year}) and last_year ({last_year}) must satisfy 1957 <= first_year <= last_year")
    if min_attempts < 1:
        raise ValueError(f"min_attempts must be 1 or more, got {min_attempts}")
    return codes


def wilson_interval(successes, attempts, z: float = Z_95) -> tuple[np.ndarray, np.ndarray]:
    """Wilson score interval of a success rate (Wilson 1927; Brown, Cai & DasGupta 2001).

    For ``k`` successes in ``n`` attempts, with ``p = k / n``::

        centre = (p + z²/2n) / (1 + z²/n)
        half   = z * sqrt(p(1 - p)/n + z²/4n²) / (1 + z²/n)

    It stays inside [0, 1] and is wide when ``n`` is small (0 of 1 gives 0 to 0.79; 8 of 10 gives
    0.49 to 0.94). Works on scalars and arrays; ``n = 0`` gives NaN.
    """
    k = np.asarray(successes, dtype=float)
    n = np.asarray(attempts, dtype=float)
    with np.errstate(divide="ignore", invalid="ignore"):
        p = k / n
        denominator = 1 + z**2 / n
        centre = (p + z**2 / (2 * n)) / denominator
        half = z * np.sqrt(p * (1 - p) / n + z**2 / (4 * n**2)) / denominator
    return np.clip(centre - half, 0, 1), np.clip(centre + half, 0, 1)


def lineage(frame: pd.DataFrame, column: str = "country") -> pd.DataFrame:
    """A copy of ``frame`` with the Soviet Union counted as Russia (``SUN`` -> ``RUS``)."""
    return frame.assign(**{column: frame[column].replace(LINEAGES)})


def drop_starship(outcomes: pd.DataFrame, include_starship_tests: bool) -> pd.DataFrame:
    """``launch_outcomes`` without the Starship test flights, unless they are to count."""
    if include_starship_tests:
        return outcomes
    return outcomes[outcomes["vehicle_family"] != STARSHIP]


def period_label(decade: int, first_year: int, last_year: int) -> str:
    """``"1990s"`` for a whole decade; the years themselves when the window cuts it (``"2020-2024"``)."""
    start, end = max(decade, first_year), min(decade + 9, last_year)
    return f"{decade}s" if (start, end) == (decade, decade + 9) else (f"{start}" if start == end else f"{start}–{end}")


def success_by_decade(launches: pd.DataFrame, countries: list[str], first_year: int, last_year: int, min_attempts: int = 1) -> pd.DataFrame:
    """Attempts, successes, the success rate and its 95% Wilson interval per country and decade.

    ``launches`` has ``year, country, attempts, successes`` (``launches`` or ``launch_outcomes``).
    Returns ``country, name, decade, period, attempts, successes, failures, rate, low, high,
    shown`` (``shown``: at least ``min_attempts`` attempts), countries in the order given, only
    decades in which the country attempted a launch.
    """
    rows = lineage(launches)
    rows = rows[rows["country"].isin(countries) & rows["year"].between(first_year, last_year)]
    out = (
        rows.assign(decade=rows["year"].astype(int) // 10 * 10)
        .groupby(["country", "decade"], as_index=False)[["attempts", "successes"]].sum()
    )
    out = out[out["attempts"] > 0].astype({"attempts": int, "successes": int})
    out["failures"] = out["attempts"] - out["successes"]
    out["rate"] = out["successes"] / out["attempts"]
    out["low"], out["high"] = wilson_interval(out["successes"], out["attempts"])
    out["shown"] = out["attempts"] >= min_attempts
    out["period"] = [period_label(d, first_year, last_year) for d in out["decade"]]
    out["name"] = out["country"].map(actor_label)
    out["order"] = out["country"].map({c: i for i, c in enumerate(countries)})
    columns = ["country", "name", "decade", "period", "attempts", "successes", "failures", "rate", "low", "high", "shown"]
    return out.sort_values(["order", "decade"])[columns].reset_index(drop=True)


def latest_rates(rates: pd.DataFrame) -> str:
    """One clause per country for its latest period in :func:`success_by_decade` rows:
    ``"China 96% (93-98%) of 294 attempts in 2020-2024"``, joined with semicolons."""
    latest = rates.groupby("country", sort=False).tail(1)
    return "; ".join(
        f"{r.name} {100 * r.rate:.0f}% ({100 * r.low:.0f}–{100 * r.high:.0f}%) of {r.attempts:,} attempts in {r.period}"
        for r in latest.itertuples()
    )


def latest_table(rates: pd.DataFrame) -> pd.DataFrame:
    """Each country's latest period of :func:`success_by_decade` rows, as the chapter's table:
    ``country, years, attempts, failures, success rate, 95% interval`` (percent as text)."""
    latest = rates.groupby("country", sort=False).tail(1)
    return pd.DataFrame({
        "country": latest["name"], "years": latest["period"], "attempts": latest["attempts"], "failures": latest["failures"],
        "success rate": [f"{100 * r:.0f}%" for r in latest["rate"]],
        "95% interval": [f"{100 * lo:.0f}–{100 * hi:.0f}%" for lo, hi in zip(latest["low"], latest["high"])],
    }).reset_index(drop=True)


def smallest_latest(rates: pd.DataFrame) -> dict[str, str]:
    """The country whose latest period in :func:`success_by_decade` rows has the fewest attempts, as
    text for the prose: ``name, period, attempts, low, high`` (``"none"`` and dashes when no row)."""
    if rates.empty:
        return {"name": "none", "period": "–", "attempts": "0", "low": "–", "high": "–"}
    row = rates.groupby("country", sort=False).tail(1).sort_values("attempts", kind="stable").iloc[0]
    return {"name": row["name"], "period": row["period"], "attempts": str(row["attempts"]),
            "low": f"{row['low']:.0%}", "high": f"{row['high']:.0%}"}


def debut_flights(debuts: pd.DataFrame, countries: list[str], first_year: int, last_year: int) -> pd.DataFrame:
    """The first flights of the launch vehicles of ``countries`` that first flew in the window
    (flights after ``last_year`` left out).

    Adds ``first_date`` (the vehicle's first flight), ``label`` (``"H3 (JPN)"``) and ``name``;
    rows sorted by country (in the order given), then first flight, then flight number.
    """
    rows = lineage(debuts)
    rows["date"] = pd.to_datetime(rows["date"])
    rows["first_date"] = rows.groupby("vehicle")["date"].transform("min")  # whoever flew it first
    rows = rows[rows["country"].isin(countries) & rows["first_date"].dt.year.between(first_year, last_year)]
    rows = rows[rows["date"].dt.year <= last_year].copy()
    rows["name"] = rows["country"].map(actor_label)
    rows["label"] = rows["vehicle"] + " (" + rows["country"] + ")"
    rows["order"] = rows["country"].map({c: i for i, c in enumerate(countries)})
    return rows.sort_values(["order", "first_date", "vehicle", "flight_number"]).drop(columns="order").reset_index(drop=True)


def debut_numbers(flights: pd.DataFrame) -> dict[str, float | int]:
    """How new launchers fared: vehicles, first flights that succeeded, success rate of flight 1 and
    of flights 2 to 5 (each with its Wilson interval), from :func:`debut_flights` rows."""
    ok = flights["outcome"] == "success"
    first, later = flights["flight_number"] == 1, flights["flight_number"] > 1
    numbers: dict[str, float | int] = {
        "n_vehicles": int(flights["vehicle"].nunique()),
        "n_first_flights": int(first.sum()),
        "n_first_ok": int((first & ok).sum()),
        "n_later_flights": int(later.sum()),
        "n_later_ok": int((later & ok).sum()),
    }
    for key, flights_, ok_ in (("first", "n_first_flights", "n_first_ok"), ("later", "n_later_flights", "n_later_ok")):
        n, k = numbers[flights_], numbers[ok_]
        low, high = wilson_interval(k, n)
        numbers[f"{key}_rate"] = 100 * k / n if n else math.nan
        numbers[f"{key}_low"], numbers[f"{key}_high"] = 100 * float(low), 100 * float(high)
    return numbers


def by_year(outcomes: pd.DataFrame, countries: list[str], first_year: int, last_year: int, column: str) -> pd.DataFrame:
    """Launch attempts per country, year and ``column`` (``operator`` or ``payload_use``), for charts.

    Returns ``country, name, year, <column>, attempts``, only rows with attempts (stacked bars
    need no zeros), countries in the order given.
    """
    rows = lineage(outcomes)
    rows = rows[rows["country"].isin(countries) & rows["year"].between(first_year, last_year)]
    out = rows.groupby(["country", "year", column], as_index=False)["attempts"].sum()
    out = out[out["attempts"] > 0].astype({"attempts": int, "year": int})
    out["name"] = out["country"].map(actor_label)
    out["order"] = out["country"].map({c: i for i, c in enumerate(countries)})
    return out.sort_values(["order", "year", column])[["country", "name", "year", column, "attempts"]].reset_index(drop=True)


def share_of(counts: pd.DataFrame, column: str, value: str, years: tuple[int, int]) -> pd.Series:
    """Per country, the percentage of attempts in ``years`` (inclusive) whose ``column`` is ``value``
    (from :func:`by_year` rows); countries without attempts in those years are left out."""
    rows = counts[counts["year"].between(*years)]
    total = rows.groupby("country")["attempts"].sum()
    part = rows[rows[column] == value].groupby("country")["attempts"].sum().reindex(total.index, fill_value=0)
    return (100 * part / total)[total > 0]


def percent(value: float, high: float | None = None) -> str:
    """``"71%"`` for a percentage, ``"61–79%"`` for a range (``high`` given), ``"n/a"`` when undefined
    (no flights to count)."""
    if value is None or math.isnan(value) or (high is not None and math.isnan(high)):
        return "n/a"
    return f"{value:.0f}%" if high is None else f"{value:.0f}–{high:.0f}%"


def share_label(value: float, digits: int = 0) -> str:
    """A percentage rounded to ``digits``, but never rounded up to 100% or down to 0%: 99.6 reads
    ``">99%"`` and 0.3 reads ``"<1%"`` (with ``digits=0``), so that a number never contradicts a
    sentence such as "almost every launch"."""
    text = f"{value:.{digits}f}"
    step = 10.0 ** -digits
    if float(text) >= 100 and value < 100:
        return f">{100 - step:.{digits}f}%"
    if float(text) <= 0 < value:
        return f"<{step:.{digits}f}%"
    return f"{text}%"


def percent_list(shares: pd.Series, digits: int = 0) -> str:
    """``"United States >99%, China 60%"``: a :func:`share_of` result as text, largest first
    (each share as :func:`share_label` writes it)."""
    ordered = shares.sort_values(ascending=False)
    return ", ".join(f"{actor_label(c)} {share_label(v, digits)}" for c, v in ordered.items()) or "none"


def hidden_decades(rates: pd.DataFrame) -> str:
    """A sentence naming the decades of :func:`success_by_decade` rows that are not drawn (too few
    attempts), country by country: ``"Not drawn for too few attempts (3 decades): India in the 1960s
    and 1970s; Japan in 1957–1959."``"""
    hidden = rates[~rates["shown"]]
    if hidden.empty:
        return "Every decade of this run has enough attempts to be drawn."
    parts = [
        f"{name} in " + ("the " if group["period"].iloc[0].endswith("s") else "") + join_words(group["period"])
        for name, group in hidden.groupby("name", sort=False)
    ]
    return f"Not drawn for too few attempts ({plural(len(hidden), 'decade')}): {'; '.join(parts)}."


def rate_floor(rates: pd.DataFrame, step: float = 0.1) -> float:
    """Where a success-rate axis should start: the lowest interval bound of ``rates`` (``low``),
    rounded down to a multiple of ``step`` (0 when there is no row)."""
    if rates.empty:
        return 0.0
    return max(0.0, math.floor(round(float(rates["low"].min()) / step, 9)) * step)


def year_ticks(years: pd.Series) -> list[int]:
    """Round years to label an axis of ``years`` with at most about five labels: every 20 years
    over a long span, every 10 or 5 over shorter ones (labels of four digits touch beyond that on a
    250-pixel axis)."""
    first, last = int(years.min()), int(years.max())
    step = next(step for step in (5, 10, 20, 50) if (last - first) / step <= 5)
    return list(range(-(-first // step) * step, last + 1, step))


def year_bars(counts: pd.DataFrame, column: str, kind: str, title: str, width: int = 480):
    """Stacked bars of attempts per year, one row of bars per country (its own vertical scale, so
    that small programmes stay visible), coloured by ``column`` in the book's colours of ``kind``
    (``spacerace.charts.STYLES``: ``"operator"``, ``"payload"``), stacked and listed in that order."""
    import altair as alt

    from .charts import STYLES, color

    domain = [v for v in STYLES[kind] if v in set(counts[column])]
    names = list(dict.fromkeys(counts["name"]))
    # One row per country and year, a column per value: a third of the long table's size on the page.
    wide = counts.pivot_table(index=["name", "year"], columns=column, values="attempts", aggfunc="sum", fill_value=0)
    wide = wide.reset_index().rename_axis(columns=None)
    bars = alt.Chart(wide).transform_fold(domain, as_=[column, "attempts"]).transform_filter("datum.attempts > 0").transform_calculate(
        stack=f"indexof({domain!r}, datum.{column})"
    ).mark_bar().encode(
        x=alt.X("year:Q", title="Year", axis=alt.Axis(format="d", values=year_ticks(counts["year"])), scale=alt.Scale(nice=False, padding=4)),
        y=alt.Y("attempts:Q", title="Attempts", axis=alt.Axis(tickCount=3)),
        color=color(f"{column}:N", kind, domain, title=title, sort=domain, legend=alt.Legend(orient="bottom", columns=3, titleLimit=0)),
        order=alt.Order("stack:Q"),
        tooltip=[alt.Tooltip("name:N", title="Country"), alt.Tooltip("year:Q", title="Year"),
                 alt.Tooltip(f"{column}:N", title=title), alt.Tooltip("attempts:Q", title="Attempts")],
    )
    header = alt.Header(labelAngle=0, labelOrient="top", labelAnchor="start", labelFontWeight="bold")
    return bars.properties(width=width, height=70).facet(row=alt.Row("name:N", title=None, sort=names, header=header)).resolve_scale(y="independent")


def registered_series(objects: pd.DataFrame, countries: list[str], first_year: int, last_year: int) -> pd.DataFrame:
    """Objects registered with the UN per year for ``countries`` (``code``; ``SUN`` and ``RUS`` as one
    lineage), with ``name``; years with no object are left out (a log scale has no zero)."""
    rows = objects[(objects["kind"] != "world") & objects["code"].notna()].rename(columns={"code": "country"})
    rows = lineage(rows)
    rows = rows[rows["country"].isin(countries) & rows["year"].between(first_year, last_year)]
    out = rows.groupby(["country", "year"], as_index=False)["objects"].sum()
    out = out[out["objects"] > 0].astype({"objects": int, "year": int})
    out["name"] = out["country"].map(actor_label)
    return out.reset_index(drop=True)


def with_zero_years(series: pd.DataFrame, last_year: int) -> pd.DataFrame:
    """:func:`registered_series` rows with an explicit 0 for every year without an object, from each
    country's first registration to ``last_year`` (pass the last year the table covers), so that a
    chart on a scale with a zero (symlog) draws those years instead of breaking its line."""
    if series.empty:
        return series
    end = last_year
    frames = []
    for country, rows in series.groupby("country", sort=False):
        years = pd.RangeIndex(int(rows["year"].min()), end + 1, name="year")
        full = rows.set_index("year")["objects"].reindex(years, fill_value=0).reset_index()
        frames.append(full.assign(country=country, name=rows["name"].iloc[0]))
    return pd.concat(frames)[["country", "year", "objects", "name"]].reset_index(drop=True)


def registered_totals(objects: pd.DataFrame, countries: list[str], first_year: int, last_year: int) -> pd.DataFrame:
    """Objects registered in the window per country, with the world total and each country's share.

    The world total is the ``kind == "world"`` row when the table has one, else the sum of all rows.
    Returns ``country, name, objects, share`` (share in percent), largest first.
    """
    window = objects[objects["year"].between(first_year, last_year)]
    world_rows = window[window["kind"] == "world"]
    world = int(world_rows["objects"].sum()) if len(world_rows) else int(window["objects"].sum())
    series = registered_series(objects, countries, first_year, last_year)
    out = series.groupby(["country", "name"], as_index=False)["objects"].sum()
    out["share"] = 100 * out["objects"] / world if world else math.nan
    return out.sort_values("objects", ascending=False).reset_index(drop=True)


def constellation_series(constellations: pd.DataFrame, first_year: int, last_year: int, keep: int = 4) -> pd.DataFrame:
    """Payloads launched per year for the ``keep`` largest constellations of the window; the others
    pooled as ``"other constellations"``. Returns ``constellation, year, payloads`` (no zeros)."""
    rows = constellations[constellations["year"].between(first_year, last_year)]
    largest = rows.groupby("constellation")["payloads"].sum().sort_values(ascending=False).index[:keep]
    named = rows["constellation"].where(rows["constellation"].isin(largest), "other constellations")
    out = rows.assign(constellation=named).groupby(["constellation", "year"], as_index=False)["payloads"].sum()
    out = out[out["payloads"] > 0].astype({"payloads": int, "year": int})
    order = {c: i for i, c in enumerate([*largest, "other constellations"])}
    return out.sort_values(["constellation", "year"], key=lambda s: s.map(order) if s.name == "constellation" else s).reset_index(drop=True)


def without_constellations(series: pd.DataFrame, constellations: pd.DataFrame) -> pd.DataFrame:
    """An estimate of each country's registered objects without its large constellations.

    For every country of ``series`` (:func:`registered_series` rows) that operates a constellation of
    ``constellations``, the objects registered in a year minus the constellation payloads launched
    that year (both count objects by year of launch; they come from different catalogues, so this is
    an estimate; a year that would fall below one object is left out). Returns ``country, name,
    year, objects, label`` (``label``: ``"United States without Starlink, Kuiper"``).
    """
    own = constellations[constellations["country"].isin(set(series["country"]))]
    launched = own.groupby(["country", "year"], as_index=False)["payloads"].sum()
    names = own[own["payloads"] > 0].groupby("country")["constellation"].unique()
    out = series.merge(launched, on=["country", "year"], how="inner")
    out = out.assign(objects=out["objects"] - out["payloads"])
    out = out[(out["objects"] >= 1) & out["country"].isin(names.index)].drop(columns="payloads")
    out["label"] = out["name"] + " without " + out["country"].map(lambda c: ", ".join(names[c]))
    return out.reset_index(drop=True)


def own_constellations(series: pd.DataFrame, constellations: pd.DataFrame) -> str:
    """The countries of ``series`` that operate a constellation of ``constellations``, with their
    constellations: ``"the United States (Starlink and Kuiper)"`` (``"none"`` when no country has one)."""
    own = constellations[constellations["country"].isin(set(series["country"])) & (constellations["payloads"] > 0)]
    names = dict(zip(series["country"], series["name"]))
    return join_words(
        f"{_article(names[c])} ({join_words(rows['constellation'].unique())})" for c, rows in own.groupby("country", sort=False)
    ) or "none"


def _article(name: str) -> str:
    """A country's name as a sentence needs it: ``"the United States"``, ``"India"``."""
    return f"the {name}" if name.startswith(("United ", "Netherlands")) else name


def slivers(fleets: pd.DataFrame, share: float = 0.01) -> str:
    """The constellations of :func:`constellation_series` rows whose largest year is under ``share`` of
    the tallest year's total, too small to see as a bar: ``"Kuiper: only 2 satellites"`` (``""`` if none)."""
    tallest = fleets.groupby("year")["payloads"].sum().max() if len(fleets) else 0
    sums = fleets.groupby("constellation", sort=False)["payloads"].agg(["max", "sum"])
    small = sums[sums["max"] < share * tallest]
    return "; ".join(f"{name}: only {plural(int(r['sum']), 'satellite')}" for name, r in small.iterrows())


def debut_summary(debuts: pd.DataFrame, country: str) -> str:
    """The launchers one country flew first, in order, with the year and outcome of the first flight
    (``launcher_debuts`` rows): ``"Naro-1 (2009, failed), Nuri (2021, failed) and ADD TV2 (2023, succeeded)"``."""
    rows = debut_flights(debuts, [country], 1957, 2100)
    first = rows[rows["flight_number"] == 1]
    words = {"success": "succeeded", "failure": "failed"}
    return join_words(f"{r.vehicle} ({r.date.year}, {words.get(r.outcome, r.outcome)})" for r in first.itertuples()) or "none"


def asat_uncatalogued(tests: pd.DataFrame) -> str:
    """The countries whose test has no catalogue count of its debris: ``"the United States and Russia"``."""
    blank = tests[tests["debris_catalogued"].isna()].sort_values("date")
    names = [{"RUS": "Russia"}.get(c) or actor_label(c) for c in blank["country"]]
    return join_words(_article(n) for n in names) or "none"


def asat_share_left(tests: pd.DataFrame) -> str:
    """For each test whose source gives a share still in orbit but no count (the share read from
    ``source_note``, as "97 percent of the debris still in orbit"), the share and the years since the
    test: ``"97% of Fengyun-1C's 3,037 catalogued pieces were still in orbit in September 2010, more than
    3 years after the test"``, joined with semicolons (``""`` when none)."""
    out = []
    for r in tests[tests["debris_in_orbit"].isna()].sort_values("date").itertuples():
        found = re.search(r"(\d+) percent of the debris still in orbit", str(getattr(r, "source_note", "")))
        if not found or pd.isna(r.debris_catalogued):
            continue
        years = int((pd.Timestamp(str(r.debris_as_of)) - pd.Timestamp(r.date)).days // 365.25)
        name = str(r.target).split(",")[0].split(" (")[0]
        when = pd.Timestamp(str(r.debris_as_of)).strftime("%B %Y" if len(str(r.debris_as_of)) == 7 else "%-d %B %Y")
        out.append(f"{found.group(1)}% of {name}'s {int(r.debris_catalogued):,} catalogued pieces were still in orbit "
                   f"in {when}, more than {plural(years, 'year')} after the test")
    return "; ".join(out)


def asat_display(tests: pd.DataFrame) -> pd.DataFrame:
    """The anti-satellite tests as the chapter's table, in time order: the country named, debris
    catalogued and still in orbit (blank where no source gives a figure), the date of those counts
    as the source gives it (a month stays a month), the altitude, the target's name (the text before
    its first comma)."""
    out = pd.DataFrame({
        "date": pd.to_datetime(tests["date"]).dt.strftime("%Y-%m-%d"),
        "country": tests["country"].map(lambda c: {"RUS": "Russia"}.get(c) or actor_label(c)),
        "catalogued": tests["debris_catalogued"],
        "in orbit": tests["debris_in_orbit"],
        "as of": tests["debris_as_of"],
        "altitude (km)": tests["altitude_km"],
        "target": tests["target"].str.split(", ").str[0],  # the satellite's name; the description stays in the data
    })
    return out.sort_values("date").reset_index(drop=True)


def asat_remaining(tests: pd.DataFrame) -> str:
    """``"Microsat-R: 49 of 101 catalogued pieces (49%) on 2019-07-15"`` for every test whose source gives
    both counts, in time order, joined with semicolons (``"none"`` when no test has both)."""
    both = tests.dropna(subset=["debris_catalogued", "debris_in_orbit"]).sort_values("date")
    return "; ".join(
        f"{str(r.target).split(',')[0].split(' (')[0]}: {int(r.debris_in_orbit):,} of {int(r.debris_catalogued):,} catalogued pieces "
        f"({r.debris_in_orbit / r.debris_catalogued:.0%}) on {r.debris_as_of}"
        for r in both.itertuples()
    ) or "none"
