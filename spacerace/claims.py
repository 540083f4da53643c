"""The claim ledger: check the seed articles' claims against the book's datasets.

``data/claims.csv`` lists every checkable claim of the two articles the book examines. Each row
names how it is checked:

``check_type = "source"``
    The claim is settled by a page someone read (``evidence_url``); the ledger takes the verdict
    the curator recorded (``expected_verdict``) and says that it comes from a cited source.
``check_type = "dataset"``
    The claim is checked by a function of this module, named in the ``check`` column. The
    function computes the fact from the datasets and returns its own verdict. Every such
    function must be able to return more than one verdict (the tests change the data and watch
    the verdict move); a claim our data cannot settle either way is a ``source`` claim, even if
    the datasets hold related figures.

A check takes the loaded datasets (a mapping from dataset name to :class:`pandas.DataFrame`, as
:func:`spacerace.data.load` returns them) and :class:`Settings`, and returns a
:class:`CheckResult`: a verdict from the closed list :data:`VERDICTS`, one or two sentences of
evidence quoting the figures it computed, the computed value and the address of the page behind
the main figure.

A check whose dataset (or one of its columns) is missing returns ``"unverifiable"`` and says
which, rather than raising; a claim whose check has no function raises
:class:`UnknownCheckError` naming the claim. Nothing here reads files.

Examples
--------
>>> from spacerace import data, claims                                   # doctest: +SKIP
>>> datasets = {name: data.load(name) for name in claims.DATASETS if name in data.resource_names()}  # doctest: +SKIP
>>> ledger = claims.evaluate(data.load("claims"), datasets)            # doctest: +SKIP
>>> ledger["verdict"].value_counts()                                   # doctest: +SKIP
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

import pandas as pd

from . import money, partnerships
from .countries import actor_name

__all__ = [
    "VERDICTS",
    "DATASETS",
    "CheckResult",
    "Settings",
    "Check",
    "CHECKS",
    "UnknownCheckError",
    "ARTICLE_SPELLINGS",
    "evaluate",
    "levenshtein",
    "closest_name",
    "first_landing_where",
    "first_landing_poleward_of",
    "NOT_AVAILABLE",
    "landing_sites",
    "chapter_figures",
]

VERDICTS: tuple[str, ...] = ("supported", "partly supported", "contradicted", "unverifiable")
"""The closed list of verdicts, from best to worst for the claim."""

Datasets = Mapping[str, pd.DataFrame]


class UnknownCheckError(LookupError):
    """A claim names a check that has no function in the registry."""


@dataclass(frozen=True)
class CheckResult:
    """What a check found.

    Attributes
    ----------
    verdict
        One of :data:`VERDICTS`.
    evidence
        One or two sentences for the page, quoting the figures, dates and rows computed.
    value
        The computed fact (a number, a date, a dict of numbers), or ``None``.
    source_url
        Address of the page behind the main figure (a dataset row's ``source_url``), or ``None``.
    """

    verdict: str
    evidence: str
    value: object | None = None
    source_url: str | None = None

    def __post_init__(self) -> None:
        if self.verdict not in VERDICTS:
            raise ValueError(f"verdict must be one of {', '.join(VERDICTS)}, not {self.verdict!r}")


@dataclass(frozen=True)
class Settings:
    """Choices shared by the checks.

    Attributes
    ----------
    base_year
        Prices of this year for money compared across years (deflate in the source currency,
        then convert at this year's market rate).
    tolerance
        Relative distance within which a quoted figure counts as matching a computed one.
    """

    base_year: int = 2023
    tolerance: float = 0.15


CheckFunction = Callable[[Datasets, Settings], CheckResult]


@dataclass(frozen=True)
class Check:
    """A named check: the function and the datasets (with columns) it needs.

    Calling it returns ``"unverifiable"`` when an input is missing, and when the economic series
    cannot convert a figure (:class:`spacerace.money.CoverageError`).
    """

    name: str
    function: CheckFunction
    needs: Mapping[str, tuple[str, ...]] = field(default_factory=dict)

    def missing_inputs(self, datasets: Datasets) -> list[str]:
        """What the check needs and ``datasets`` lacks, in words (empty when nothing is missing)."""
        problems = []
        for name, columns in self.needs.items():
            if name not in datasets:
                problems.append(f"the dataset {name!r} is not available")
                continue
            absent = [c for c in columns if c not in datasets[name].columns]
            if absent:
                problems.append(f"the dataset {name!r} lacks the column(s) {', '.join(absent)}")
        return problems

    def __call__(self, datasets: Datasets, settings: Settings | None = None) -> CheckResult:
        problems = self.missing_inputs(datasets)
        if problems:
            return CheckResult("unverifiable", f"Not computed: {'; '.join(problems)}.")
        try:
            return self.function(datasets, settings or Settings())
        except money.CoverageError as error:
            return CheckResult("unverifiable", f"Not computed: {error}.")


CHECKS: dict[str, Check] = {}
"""The registry of dataset checks, keyed by the ``check`` column of ``data/claims.csv``."""


def _register(name: str, **needs: tuple[str, ...]) -> Callable[[CheckFunction], CheckFunction]:
    def wrap(function: CheckFunction) -> CheckFunction:
        if name in CHECKS:
            raise ValueError(f"check {name!r} is registered twice")
        CHECKS[name] = Check(name, function, dict(needs))
        return function

    return wrap


# --------------------------------------------------------------------------- small helpers


def _url(row: pd.Series | Mapping[str, Any]) -> str | None:
    value = row.get("source_url") if hasattr(row, "get") else None
    return None if value is None or pd.isna(value) or value == "" else str(value)


def _day(value: Any) -> str:
    return pd.Timestamp(value).strftime("%Y-%m-%d")


def _codes(values: Iterable[str]) -> str:
    items = sorted(set(values))
    return ", ".join(items) if items else "none"


def _is_true(value: Any) -> bool:
    if isinstance(value, str):
        return value.strip().lower() == "true"
    if value is None or value is pd.NA or (isinstance(value, float) and pd.isna(value)):
        return False
    return bool(value)


def _truthy(values: pd.Series) -> pd.Series:
    """Nullable booleans (or "true"/"false" text) as plain bools; missing counts as False."""
    return pd.Series([_is_true(v) for v in values], index=values.index, dtype=bool)


def _ratio_text(before: float, after: float) -> str:
    if before == 0:
        return "n/a"
    return f"x{after / before:.2f}"


# --------------------------------------------------------------------------- names and spellings


ARTICLE_SPELLINGS: dict[str, str] = {
    "spelling_tianwen": "Tianwan",  # hen-20, quoted as "Tianwan 3 and 4"
    "spelling_callisto": "Calisto",  # hen-22
}
"""The spellings the article uses, for the spelling checks (from ``quoted_figure``)."""


def levenshtein(a: str, b: str) -> int:
    """Edit distance between two words: insertions, deletions and substitutions, case-insensitive.

    >>> levenshtein("Tianwan", "Tianwen")
    1
    >>> levenshtein("Calisto", "Callisto")
    1
    """
    a, b = a.lower(), b.lower()
    previous = list(range(len(b) + 1))
    for i, char_a in enumerate(a, start=1):
        current = [i]
        for j, char_b in enumerate(b, start=1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (char_a != char_b)))
        previous = current
    return previous[-1]


_WORD = re.compile(r"[A-Za-z]+")


def closest_name(token: str, texts: Iterable[str]) -> tuple[str, int, list[str]]:
    """The word in ``texts`` closest to ``token``.

    Returns
    -------
    tuple
        ``(word, distance, texts_containing_it)``; ``("", len(token), [])`` when ``texts`` has no
        word. Ties are broken alphabetically, so the answer does not depend on row order.
    """
    best: tuple[int, str] | None = None
    where: dict[str, list[str]] = {}
    for text in texts:
        if text is None or (isinstance(text, float) and pd.isna(text)):
            continue
        for word in _WORD.findall(str(text)):
            where.setdefault(word, [])
            if str(text) not in where[word]:
                where[word].append(str(text))
            key = (levenshtein(token, word), word)
            if best is None or key < best:
                best = key
    if best is None:
        return "", len(token), []
    return best[1], best[0], where[best[1]]


def _spelling(datasets: Datasets, check: str, columns: Mapping[str, tuple[str, ...]], noun: str) -> CheckResult:
    token = ARTICLE_SPELLINGS[check]
    texts: list[tuple[str, str, str | None]] = []  # (text, dataset, source_url)
    for name, cols in columns.items():
        if name not in datasets:
            continue
        frame = datasets[name]
        for col in cols:
            if col in frame.columns:
                for text, url in zip(frame[col], frame.get("source_url", pd.Series([None] * len(frame)))):
                    if isinstance(text, str) and text:
                        texts.append((text, f"{name}.{col}", url))
    word, distance, found_in = closest_name(token, [t for t, _, _ in texts])
    if not word or distance > 2:
        return CheckResult(
            "unverifiable",
            f"No {noun} in the datasets is within two letters of the article's '{token}'"
            + (f" (closest: '{word}', {distance} letters)." if word else "."),
            value={"article": token, "closest": word or None, "distance": distance},
        )
    places = sorted({where for text, where, _ in texts if text in found_in})
    urls = [url for text, _, url in texts if text in found_in and isinstance(url, str)]
    examples = "; ".join(f"'{t}'" for t in found_in[:3])
    value = {"article": token, "data": word, "distance": distance, "rows": len(found_in)}
    if distance == 0:
        return CheckResult(
            "supported",
            f"The article's spelling '{token}' is the one our datasets use ({', '.join(places)}: {examples}).",
            value=value,
            source_url=urls[0] if urls else None,
        )
    letters = "letter" if distance == 1 else "letters"
    return CheckResult(
        "contradicted",
        f"The article writes '{token}'; the {noun} is spelled '{word}' in {len(found_in)} row(s) of "
        f"{', '.join(places)} ({examples}): {distance} {letters} apart, a misspelling.",
        value=value,
        source_url=urls[0] if urls else None,
    )


@_register("spelling_tianwen", missions=("name",))
def spelling_tianwen(datasets: Datasets, settings: Settings) -> CheckResult:
    """hen-20: the article's 'Tianwan' against the mission names (missions, milestones)."""
    return _spelling(datasets, "spelling_tianwen", {"missions": ("name",), "milestones": ("title",)}, "mission series")


@_register("spelling_callisto", missions=("target_body",))
def spelling_callisto(datasets: Datasets, settings: Settings) -> CheckResult:
    """hen-22: the article's 'Calisto' against target bodies (missions) and milestone titles."""
    return _spelling(datasets, "spelling_callisto", {"missions": ("target_body",), "milestones": ("title",)}, "Jovian moon")


# --------------------------------------------------------------------------- missions and landings


@_register("first_far_side_sample_return", missions=("mission_id", "name", "country", "target_body", "mission_type", "outcome", "landing_date", "far_side"))
def first_far_side_sample_return(datasets: Datasets, settings: Settings) -> CheckResult:
    """hen-05: the first far-side landing and the first far-side sample return, and whose they were."""
    missions = datasets["missions"]
    moon = missions[(missions["target_body"] == "Moon") & _truthy(missions["far_side"]) & missions["landing_date"].notna()]
    moon = moon[moon["outcome"].isin(["success", "operating"])].sort_values("landing_date")
    samples = moon[moon["mission_type"] == "sample return"]
    if moon.empty or samples.empty:
        return CheckResult("unverifiable", "missions.csv has no successful far-side landing with a sample return.")
    landing, sample = moon.iloc[0], samples.iloc[0]
    chinese = [landing["country"] == "CHN", sample["country"] == "CHN"]
    verdict = "supported" if all(chinese) else "partly supported" if any(chinese) else "contradicted"
    evidence = (
        f"missions.csv: the first far-side sample return is {sample['name']} ({sample['country']}, landed "
        f"{_day(sample['landing_date'])}), and the first far-side landing of all was {landing['name']} "
        f"({landing['country']}, {_day(landing['landing_date'])})."
    )
    return CheckResult(verdict, evidence, value={"first_landing": landing["mission_id"], "first_sample_return": sample["mission_id"]}, source_url=_url(sample))


@_register("chandrayaan3_landing_date", missions=("mission_id", "landing_date"))
def chandrayaan3_landing_date(datasets: Datasets, settings: Settings) -> CheckResult:
    """hen-14: Chandrayaan-3 landed on the Moon in 2023."""
    missions = datasets["missions"]
    rows = missions[missions["mission_id"] == "chandrayaan-3"]
    if rows.empty or rows["landing_date"].isna().all():
        return CheckResult("unverifiable", "missions.csv has no landing date for Chandrayaan-3.")
    row = rows.iloc[0]
    landed = pd.Timestamp(row["landing_date"])
    verdict = "supported" if landed.year == 2023 else "contradicted"
    return CheckResult(verdict, f"missions.csv: Chandrayaan-3 landed on {_day(landed)}.", value=_day(landed), source_url=_url(row))


def first_landing_where(landings: pd.DataFrame, condition: pd.Series) -> pd.Series | None:
    """The earliest soft landing (success or partial) among the rows where ``condition`` holds.

    Parameters
    ----------
    landings
        The ``lunar_landings`` table (``landing_date``, ``latitude_deg``, ``soft_landing``).
    condition
        A boolean Series aligned with ``landings``.

    Returns
    -------
    pandas.Series or None
        The row, or ``None`` when no row qualifies.
    """
    soft = _truthy(landings["soft_landing"]) if "soft_landing" in landings.columns else pd.Series(True, index=landings.index)
    rows = landings[soft & condition.fillna(False).astype(bool)].sort_values("landing_date")
    return None if rows.empty else rows.iloc[0]


def first_landing_poleward_of(landings: pd.DataFrame, latitude: float = -60.0) -> pd.Series | None:
    """The earliest soft landing poleward of ``latitude`` (south of it when negative, north when positive).

    >>> table = pd.DataFrame({"landing_date": pd.to_datetime(["1968-01-10", "2023-08-23"]),
    ...                       "latitude_deg": [-40.86, -69.373], "soft_landing": [True, True]})
    >>> first_landing_poleward_of(table)["latitude_deg"]
    np.float64(-69.373)
    """
    lat = landings["latitude_deg"].astype(float)
    return first_landing_where(landings, lat <= latitude if latitude < 0 else lat >= latitude)


def _latitude(value: float) -> str:
    return f"{abs(value):.2f}° {'S' if value < 0 else 'N'}"


@_register("first_southern_hemisphere_landing", lunar_landings=("mission", "country", "landing_date", "latitude_deg"))
def first_southern_hemisphere_landing(datasets: Datasets, settings: Settings) -> CheckResult:
    """hen-13: was Chandrayaan-3 the first landing in the Moon's southern hemisphere?

    The article says *southern hemisphere*. The check finds the earliest soft landing south of the
    equator; if it is before Chandrayaan-3, the claim is contradicted, and the evidence names what
    Chandrayaan-3 was first at: the first landing poleward of 60° S.
    """
    landings = datasets["lunar_landings"]
    c3 = landings[landings["mission"].str.contains("Chandrayaan-3", regex=False)]
    if "mission_id" in landings.columns:
        c3 = landings[(landings["mission_id"] == "chandrayaan-3") | landings.index.isin(c3.index)]
    if c3.empty:
        return CheckResult("unverifiable", "lunar_landings.csv has no Chandrayaan-3 row.")
    c3_row = c3.sort_values("landing_date").iloc[0]
    c3_date = pd.Timestamp(c3_row["landing_date"])
    south = landings["latitude_deg"].astype(float) < 0
    first_south = first_landing_where(landings, south)
    earlier = landings[south & (landings["landing_date"] < c3_date)]
    if "soft_landing" in landings.columns:
        earlier = earlier[_truthy(earlier["soft_landing"])]
    polar = first_landing_poleward_of(landings, -60.0)
    polar_text = (
        f" The first landing poleward of 60° S in the table is {polar['mission']} ({polar['country']}, "
        f"{_day(polar['landing_date'])}, {_latitude(float(polar['latitude_deg']))})."
        if polar is not None
        else ""
    )
    value = {
        "chandrayaan3_date": _day(c3_date),
        "first_southern": None if first_south is None else first_south["mission"],
        "earlier_southern": int(len(earlier)),
        "first_south_polar": None if polar is None else polar["mission"],
    }
    if earlier.empty:
        return CheckResult(
            "supported",
            f"lunar_landings.csv has no soft landing south of the equator before Chandrayaan-3 ({_day(c3_date)})." + polar_text,
            value=value,
            source_url=_url(c3_row),
        )
    assert first_south is not None
    names = ", ".join(f"{r['mission']} {int(pd.Timestamp(r['landing_date']).year)}" for _, r in earlier.sort_values("landing_date").iterrows())
    evidence = (
        f"lunar_landings.csv: {len(earlier)} soft landings south of the equator came before Chandrayaan-3 "
        f"({_day(c3_date)}, {_latitude(float(c3_row['latitude_deg']))}), the first being {first_south['mission']} "
        f"({first_south['country']}, {_day(first_south['landing_date'])}, {_latitude(float(first_south['latitude_deg']))}); "
        f"all of them: {names}." + polar_text + " Chandrayaan-3 was the first near the south pole, not in the southern hemisphere."
    )
    return CheckResult("contradicted", evidence, value=value, source_url=_url(first_south))


# --------------------------------------------------------------------------- costs

CLAIMED_CHANDRAYAAN3_USD_MILLION = 75.0
"""hen-15's figure: '75 million dollars'."""

PERSEVERANCE_BILLIONS_THRESHOLD = 2_000.0
"""hen-16's 'multiple billions', read as at least USD 2,000 million."""

_COST_COLUMNS = ("cost_id", "mission_id", "amount_million", "currency", "price_year", "covers_development", "covers_launch", "covers_operations")


def _cost_row(costs: pd.DataFrame, cost_id: str) -> pd.Series | None:
    rows = costs[costs["cost_id"] == cost_id]
    return None if rows.empty else rows.iloc[0]


def _scope(row: pd.Series) -> str:
    """The row's scope as data/mission_costs.csv states it (spacerace.costs.SCOPES)."""
    from . import costs as mission_costs

    return str(mission_costs.scopes(pd.DataFrame([row])).iloc[0])


def _mission_figure(costs: pd.DataFrame, mission_id: str) -> pd.Series | None:
    """The figure the costs chapter uses for a mission (spacerace.costs.mission_figure), or None."""
    from . import costs as mission_costs  # one figure per quantity: the costs chapter's choice

    try:
        return mission_costs.mission_figure(costs, mission_id)
    except KeyError:
        return None


def _in_base_year(row: pd.Series, datasets: Datasets, base_year: int) -> float:
    table = pd.DataFrame([{"amount_million": float(row["amount_million"]), "currency": row["currency"], "price_year": int(row["price_year"])}])
    out = money.convert_costs(table, base_year=base_year, cpi=datasets["cpi"], fx=datasets["exchange_rates"])
    return float(out["adjusted_million"].iloc[0])


@_register("chandrayaan3_cost_usd", mission_costs=_COST_COLUMNS, exchange_rates=("currency", "year", "per_usd"), cpi=("currency", "year", "index"))
def chandrayaan3_cost_usd(datasets: Datasets, settings: Settings) -> CheckResult:
    """hen-15: 'about USD 75 million' for Chandrayaan-3.

    Converts the figure the costs chapter uses for Chandrayaan-3 (spacerace.costs.mission_figure:
    ISRO's total, row ``chandrayaan-3-1``) at the exchange rate of its price year and at
    the rate of the year the press converted it (row ``chandrayaan-3-4``, else 2023); the figure
    matches if either is within ``settings.tolerance`` of 75. A match is only *partly* supported
    when the figure leaves out operations or is an early estimate, since the article presents it as
    the whole programme's cost.
    """
    costs, fx = datasets["mission_costs"], datasets["exchange_rates"]
    row = _mission_figure(costs, "chandrayaan-3")
    if row is None:
        return CheckResult("unverifiable", "mission_costs.csv has no comparable cost figure for chandrayaan-3.")
    press = _cost_row(costs, "chandrayaan-3-4")
    press_year = int(press["stated_year"]) if press is not None and "stated_year" in costs.columns and pd.notna(press["stated_year"]) else 2023
    amount, currency, year = float(row["amount_million"]), str(row["currency"]), int(row["price_year"])
    at_price_year = money.to_currency(amount, currency, "USD", year, fx)
    at_press_year = money.to_currency(amount, currency, "USD", press_year, fx)
    real = _in_base_year(row, datasets, settings.base_year)
    claimed = CLAIMED_CHANDRAYAAN3_USD_MILLION
    close = {y: abs(v - claimed) / claimed <= settings.tolerance for y, v in ((year, at_price_year), (press_year, at_press_year))}
    scope = _scope(row)
    full_scope = scope == "whole mission"
    kind = str(row.get("figure_kind", "") or "")
    estimate = "estimate" in kind
    evidence = (
        f"{currency} {amount:,.0f} million ({year}) = USD {at_price_year:,.1f} million at the {year} rate "
        f"({money.units_per_usd(currency, year, fx):.2f} {currency}/USD) and USD {at_press_year:,.1f} million at the "
        f"{press_year} rate ({money.units_per_usd(currency, press_year, fx):.2f}); USD {real:,.1f} million in "
        f"{settings.base_year} prices ({currency} CPI, then the {settings.base_year} rate). Covers {scope}"
        + (f"; {'an' if kind[:1] in 'aeiou' else 'a'} {kind} stated in {row.get('stated_year', year)}" if kind else "")
        + "."
    )
    value = {"usd_at_price_year_rate": at_price_year, "usd_at_press_year_rate": at_press_year, f"usd_{settings.base_year}_prices": real, "scope": scope}
    if not any(close.values()):
        evidence += f" Neither conversion is within {settings.tolerance:.0%} of the article's USD {claimed:,.0f} million."
        return CheckResult("contradicted", evidence, value=value, source_url=_url(row))
    if full_scope and not estimate:
        evidence += f" The article's USD {claimed:,.0f} million matches."
        return CheckResult("supported", evidence, value=value, source_url=_url(row))
    evidence += (
        f" The article's USD {claimed:,.0f} million is this {year} rupee figure converted at {press_year} rates"
        f" (the press conversion, row chandrayaan-3-4), not the cost of the whole programme"
        + (": operations are not included." if not full_scope else ".")
    )
    return CheckResult("partly supported", evidence, value=value, source_url=_url(row))


@_register("perseverance_cost_usd", mission_costs=_COST_COLUMNS, exchange_rates=("currency", "year", "per_usd"), cpi=("currency", "year", "index"))
def perseverance_cost_usd(datasets: Datasets, settings: Settings) -> CheckResult:
    """hen-16: Perseverance (Mars 2020) cost 'multiple billions' of dollars.

    Uses the figure the costs chapter uses (spacerace.costs.mission_figure: the broadest official
    figure, row ``mars-2020-1``, the life-cycle cost).
    """
    row = _mission_figure(datasets["mission_costs"], "mars-2020")
    if row is None:
        return CheckResult("unverifiable", "mission_costs.csv has no comparable cost figure for mars-2020.")
    amount, currency, year = float(row["amount_million"]), str(row["currency"]), int(row["price_year"])
    usd = money.to_currency(amount, currency, "USD", year, datasets["exchange_rates"])
    real = _in_base_year(row, datasets, settings.base_year)
    verdict = "supported" if usd >= PERSEVERANCE_BILLIONS_THRESHOLD else "contradicted"
    evidence = (
        f"mission_costs.csv row {row['cost_id']}: Mars 2020 {currency} {amount:,.0f} million ({year}), USD {real:,.0f} million "
        f"in {settings.base_year} prices; scope: {_scope(row)}."
    )
    return CheckResult(verdict, evidence, value={"usd_million": usd, f"usd_{settings.base_year}_prices": real}, source_url=_url(row))


@_register(
    "perseverance_to_chandrayaan3_cost_ratio",
    mission_costs=_COST_COLUMNS,
    exchange_rates=("currency", "year", "per_usd"),
    cpi=("currency", "year", "index"),
    missions=("mission_id", "target_body", "mission_type"),
)
def perseverance_to_chandrayaan3_cost_ratio(datasets: Datasets, settings: Settings) -> CheckResult:
    """hen-17: Perseverance against Chandrayaan-3 as evidence of India's cost edge.

    Both totals in USD of ``settings.base_year``, then like for like (spacecraft + launch, no
    operations). The edge is real if Perseverance costs more on the same scope; the comparison is
    only *partly* fair because the missions differ in class (target body or type).
    """
    from . import costs as mission_costs  # the costs chapter's like-for-like rules

    table = datasets["mission_costs"]
    mars, c3 = _mission_figure(table, "mars-2020"), _mission_figure(table, "chandrayaan-3")
    if mars is None or c3 is None:
        return CheckResult("unverifiable", "mission_costs.csv has no comparable cost figure for mars-2020 or chandrayaan-3.")
    totals = {key: _in_base_year(row, datasets, settings.base_year) for key, row in (("mars", mars), ("c3", c3))}
    scoped = {}
    for key, mission_id in (("mars", "mars-2020"), ("c3", "chandrayaan-3")):
        part = mission_costs.scope_total(table, mission_id, with_operations=False)
        row = pd.Series({"amount_million": part.amount_million, "currency": part.currency, "price_year": part.price_year})
        scoped[key] = _in_base_year(row, datasets, settings.base_year)
    headline, like = totals["mars"] / totals["c3"], scoped["mars"] / scoped["c3"]
    missions = datasets["missions"].set_index("mission_id")
    classes = {m: (missions.loc[m, "target_body"], missions.loc[m, "mission_type"]) for m in ("mars-2020", "chandrayaan-3") if m in missions.index}
    same_class = len(classes) == 2 and classes["mars-2020"] == classes["chandrayaan-3"]
    evidence = (
        f"In USD of {settings.base_year}: Mars 2020 {totals['mars']:,.0f} million (with operations) against Chandrayaan-3 "
        f"{totals['c3']:,.0f} million, {headline:.0f} times as much; like for like (spacecraft + launch) "
        f"{scoped['mars']:,.0f} against {scoped['c3']:,.0f} million, {like:.0f} times."
    )
    value = {"ratio_headline": headline, "ratio_like_for_like": like}
    if like <= 1:
        return CheckResult("contradicted", evidence + " On the same scope Chandrayaan-3 is not cheaper.", value=value, source_url=_url(c3))
    if same_class:
        return CheckResult("supported", evidence, value=value, source_url=_url(c3))
    if classes:
        evidence += (
            f" The missions differ in class ({' '.join(classes.get('mars-2020', ('?', '?')))} against "
            f"{' '.join(classes.get('chandrayaan-3', ('?', '?')))}), so the ratio mixes price and ambition."
        )
    return CheckResult("partly supported", evidence, value=value, source_url=_url(c3))


# --------------------------------------------------------------------------- launches

_LAUNCH_COLUMNS = ("year", "country", "attempts", "successes")


def _window_sums(launches: pd.DataFrame, country: str | None, length: int) -> tuple[tuple[int, int], tuple[int, int], int, int]:
    """Attempts in the last ``length`` years of the table and in the ``length`` years before."""
    last = int(launches["year"].max())
    recent, before = (last - length + 1, last), (last - 2 * length + 1, last - length)
    rows = launches if country is None else launches[launches["country"] == country]

    def total(span: tuple[int, int]) -> int:
        return int(rows.loc[rows["year"].between(*span), "attempts"].sum())

    return before, recent, total(before), total(recent)


def _span(span: tuple[int, int]) -> str:
    return f"{span[0]}-{span[1]}"


@_register("japan_first_orbital_success_year", launches=_LAUNCH_COLUMNS)
def japan_first_orbital_success_year(datasets: Datasets, settings: Settings) -> CheckResult:
    """hen-06: Japan's first satellite reached orbit in 1970."""
    launches = datasets["launches"]
    jpn = launches[(launches["country"] == "JPN") & (launches["successes"] > 0)]
    if jpn.empty:
        return CheckResult("unverifiable", "launches.csv has no successful Japanese launch.")
    first = jpn.sort_values("year").iloc[0]
    year = int(first["year"])
    verdict = "supported" if year == 1970 else "contradicted"
    return CheckResult(verdict, f"launches.csv: Japan's first successful orbital launch year is {year}.", value=year, source_url=_url(first))


@_register("first_asian_orbital_launch", launches=_LAUNCH_COLUMNS, regions=("country", "region"))
def first_asian_orbital_launch(datasets: Datasets, settings: Settings) -> CheckResult:
    """hen-07: Japan was the first Asian state to reach orbit on its own.

    Years from ``launches`` (first year with a success, by launching state in UN region Asia);
    a tie within one year is broken with the day-precision dates of ``milestones`` (first own
    launcher or first satellite, successful), when that dataset has them.
    """
    launches, regions = datasets["launches"], datasets["regions"]
    asian = set(regions.loc[regions["region"] == "Asia", "country"])
    ok = launches[launches["country"].isin(asian) & (launches["successes"] > 0)]
    if ok.empty:
        return CheckResult("unverifiable", "launches.csv has no successful launch by an Asian state.")
    firsts = ok.groupby("country")["year"].min().sort_values()
    year = int(firsts.iloc[0])
    tied = sorted(firsts[firsts == year].index)
    order = ", ".join(f"{c} {int(y)}" for c, y in firsts.items())
    evidence = f"launches.csv, first year with a successful orbital launch by Asian states: {order}."
    value: dict[str, Any] = {"first_years": {c: int(y) for c, y in firsts.items()}}
    if "JPN" not in tied:
        return CheckResult("contradicted", evidence, value=value)
    if tied == ["JPN"]:
        return CheckResult("supported", evidence, value=value)
    milestones = datasets.get("milestones")
    dates: dict[str, pd.Timestamp] = {}
    url = None
    if milestones is not None and {"date", "date_precision", "country", "category", "outcome"} <= set(milestones.columns):
        rows = milestones[
            milestones["country"].isin(tied)
            & milestones["category"].isin(["first own launcher", "first satellite"])
            & (milestones["outcome"] == "success")
            & (milestones["date_precision"] == "day")
        ]
        for country, group in rows.groupby("country"):
            first = group.assign(_d=pd.to_datetime(group["date"])).sort_values("_d").iloc[0]
            dates[country] = first["_d"]
            if country == "JPN":
                url = _url(first)
    value["dates"] = {c: _day(d) for c, d in dates.items()}
    known = ", ".join(f"{c} {_day(d)}" for c, d in sorted(dates.items(), key=lambda kv: kv[1]))
    missing = [c for c in tied if c not in dates]
    if not missing:
        winner = min(dates, key=dates.get)
        evidence += f" Within {year}, milestones.csv dates: {known}."
        return CheckResult("supported" if winner == "JPN" else "contradicted", evidence, value=value, source_url=url)
    evidence += (
        f" {', '.join(tied)} share {year}; "
        + (f"milestones.csv dates {known}, but " if known else "")
        + f"no dated first launch for {', '.join(missing)}"
        + (" in milestones.csv" if milestones is not None else " (the milestones dataset is not available)")
        + ", so the order within the year is not settled by our data."
    )
    return CheckResult("partly supported", evidence, value=value, source_url=url)


def _growth_evidence(launches: pd.DataFrame, countries: Iterable[str | None], length: int = 5) -> tuple[str, dict[str, float]]:
    parts, ratios = [], {}
    for country in countries:
        before, recent, a, b = _window_sums(launches, country, length)
        label = country or "world"
        ratios[label] = b / a if a else float("nan")
        parts.append(f"{label} {a} → {b} ({_ratio_text(a, b)})")
    return f"Orbital launch attempts {_span(before)} → {_span(recent)}: " + "; ".join(parts) + ".", ratios


PACE_WINDOW = 10
"""Years per window for hen-11's 'accelerating' (two decades: one bad year cannot swing a decade)."""


def _milestone_years(milestones: pd.DataFrame | None, country: str) -> pd.DataFrame | None:
    """A country's achieved, successful milestones (foundings left out) with the year of each (``None`` without the table)."""
    if milestones is None or not {"date", "country", "outcome", "title"} <= set(milestones.columns):
        return None
    rows = milestones[(milestones["country"] == country) & (milestones["outcome"] == "success")]
    if "category" in rows.columns:
        rows = rows[rows["category"] != "founding"]  # an agency's founding is not an achievement of pace
    if "status" in rows.columns:
        rows = rows[rows["status"].isna() | (rows["status"] == "achieved")]
    years = pd.to_numeric(rows["date"].astype(str).str[:4], errors="coerce")
    return rows.assign(event_year=years).dropna(subset=["event_year"])


def _trend_per_year(launches: pd.DataFrame, country: str | None, span: tuple[int, int]) -> float:
    """Least-squares slope of yearly attempts over ``span`` (launches a year, per year)."""
    rows = launches if country is None else launches[launches["country"] == country]
    yearly = rows[rows["year"].between(*span)].groupby("year")["attempts"].sum()
    yearly = yearly.reindex(range(span[0], span[1] + 1), fill_value=0)
    x = yearly.index.to_numpy(dtype=float)
    y = yearly.to_numpy(dtype=float)
    return float(((x - x.mean()) * (y - y.mean())).sum() / ((x - x.mean()) ** 2).sum())


@_register("japan_launch_growth_vs_world", launches=_LAUNCH_COLUMNS)
def japan_launch_growth_vs_world(datasets: Datasets, settings: Settings) -> CheckResult:
    """hen-11: Japan 'accelerating rapidly' compared with the rest of the world.

    Launches over two decades, not two five-year windows (in 2022 Japan made a single attempt,
    which alone swings a five-year total): Japan's attempts in the last :data:`PACE_WINDOW`
    years of ``launches`` against the decade before, beside the world's; Japan's share of the
    world's attempts in each decade; and the least-squares trend of yearly attempts over both.
    Launch counts are one proxy for a programme's pace, so the evidence adds Japan's successful
    milestones per decade (``milestones``, when available).

    Verdict: *supported* when Japan's launches grew faster than the world's (its share rose);
    *partly supported* when Japan's activity grew (more launches, or more successful milestones,
    than the decade before) but not faster than the world's; *contradicted* when neither grew
    and Japan's share fell.
    """
    launches = datasets["launches"]
    before, recent, jpn_a, jpn_b = _window_sums(launches, "JPN", PACE_WINDOW)
    _, _, world_a, world_b = _window_sums(launches, None, PACE_WINDOW)
    if jpn_a + jpn_b == 0 or world_a == 0:
        return CheckResult("unverifiable", f"launches.csv has no Japanese or no world launches in {_span(before)} and {_span(recent)}.")
    ratio = {"JPN": jpn_b / jpn_a if jpn_a else float("inf"), "world": world_b / world_a}
    share = {"before": jpn_a / world_a, "recent": jpn_b / world_b if world_b else float("nan")}
    whole = (before[0], recent[1])
    trend = {"JPN": _trend_per_year(launches, "JPN", whole), "world": _trend_per_year(launches, None, whole)}
    evidence = (
        f"launches.csv, orbital launch attempts {_span(before)} → {_span(recent)}: JPN {jpn_a} → {jpn_b} "
        f"({_ratio_text(jpn_a, jpn_b)}), world {world_a} → {world_b} ({_ratio_text(world_a, world_b)}); Japan's share of "
        f"the world's attempts {share['before']:.1%} → {share['recent']:.1%}. Trend of yearly attempts {_span(whole)} "
        f"(least squares): JPN {trend['JPN']:+.2f} a year, world {trend['world']:+.2f} a year."
    )
    milestones = _milestone_years(datasets.get("milestones"), "JPN")
    more_milestones = False
    value: dict[str, Any] = {"ratio": ratio, "share": share, "trend": trend}
    if milestones is not None:
        counts, parts = {}, []
        for key, span in (("before", before), ("recent", recent)):
            rows = milestones[milestones["event_year"].between(*span)].sort_values("event_year")
            counts[key] = len(rows)
            titles = "; ".join(f"{int(r.event_year)} {r.title}" for r in rows.itertuples())
            parts.append(f"{len(rows)} in {_span(span)}" + (f" ({titles})" if titles else ""))
        evidence += " milestones.csv, Japan's successful milestones: " + ", against ".join(parts) + "."
        more_milestones = counts["recent"] > counts["before"]
        value["milestones"] = counts
    launches_grew = ratio["JPN"] > 1
    if ratio["JPN"] > ratio["world"]:
        verdict = "supported"
        evidence += " Japan's launches grew faster than the world's."
    elif launches_grew or more_milestones:
        verdict = "partly supported"
        grew = " and ".join(part for part, ok in (("its launches", launches_grew), ("its successful milestones", more_milestones)) if ok)
        evidence += f" Japan's activity grew ({grew}), but more slowly than the world's launches: it sped up, not faster than the rest of the world."
    else:
        verdict = "contradicted"
        evidence += " Neither Japan's launches nor its milestones grew, while its share of the world's launches fell."
    return CheckResult(verdict, evidence, value=value, source_url=_url(launches.iloc[0]))


@_register("india_launch_growth", launches=_LAUNCH_COLUMNS)
def india_launch_growth(datasets: Datasets, settings: Settings) -> CheckResult:
    """hen-12: India's recent growth, on two windows (five years and three years)."""
    launches = datasets["launches"]
    five, r5 = _growth_evidence(launches, ["IND"], 5)
    three, r3 = _growth_evidence(launches, ["IND"], 3)
    grows = [r5["IND"] > 1, r3["IND"] > 1]
    verdict = "supported" if all(grows) else "partly supported" if any(grows) else "contradicted"
    evidence = f"launches.csv: {five[:-1]}; {three[0].lower() + three[1:]}"
    if verdict == "partly supported":
        evidence += " The answer depends on the window: growth is a recovery from the 2020-2021 dip, not a rise above 2015-2019."
    return CheckResult(verdict, evidence, value={"five_year": r5["IND"], "three_year": r3["IND"]}, source_url=_url(launches.iloc[0]))


@_register("russia_launch_trend", launches=_LAUNCH_COLUMNS)
def russia_launch_trend(datasets: Datasets, settings: Settings) -> CheckResult:
    """hen-25: Russia's space effort stalled after 1991 (yearly launch attempts, USSR then Russia)."""
    launches = datasets["launches"]
    last = int(launches["year"].max())
    rus = launches[launches["country"] == "RUS"].set_index("year")["attempts"]
    sun = launches[launches["country"] == "SUN"].set_index("year")["attempts"]
    if rus.empty:
        return CheckResult("unverifiable", "launches.csv has no Russian (RUS) rows.")
    early = rus.loc[1992:1996]
    late = rus.loc[last - 4 : last]
    soviet = sun.loc[1985:1989]
    ratio = late.mean() / early.mean()
    evidence = (
        f"launches.csv, launch attempts a year: USSR 1985-1989 mean {soviet.mean():.0f}; Russia 1992-1996 mean "
        f"{early.mean():.0f} (1992: {int(rus.get(1992, 0))}); Russia {last - 4}-{last} mean {late.mean():.0f} "
        f"({int(late.min())} to {int(late.max())} a year)."
    )
    verdict = "supported" if ratio < 0.75 else "partly supported" if ratio < 1 else "contradicted"
    return CheckResult(verdict, evidence, value={"ratio_recent_to_1990s": float(ratio)}, source_url=_url(launches.iloc[0]))


@_register("china_launch_growth", launches=_LAUNCH_COLUMNS)
def china_launch_growth(datasets: Datasets, settings: Settings) -> CheckResult:
    """hen-32: 'explosive growth' of China's space sector (five-year launch totals and world share)."""
    launches = datasets["launches"]
    before, recent, a, b = _window_sums(launches, "CHN", 5)
    _, _, wa, wb = _window_sums(launches, None, 5)
    ratio = b / a if a else float("nan")
    evidence = (
        f"launches.csv: Chinese launch attempts {_span(before)} {a} → {_span(recent)} {b} ({_ratio_text(a, b)}); "
        f"share of the world's attempts {a / wa:.0%} → {b / wb:.0%}."
    )
    verdict = "supported" if ratio >= 1.5 else "partly supported" if ratio > 1 else "contradicted"
    return CheckResult(verdict, evidence, value={"ratio": ratio, "share_before": a / wa, "share_recent": b / wb}, source_url=_url(launches.iloc[0]))


# --------------------------------------------------------------------------- the launch record (chapter launches)

MATCH_MIN_ATTEMPTS = 10
"""hen-50: a country 'matches' China's growth only from at least this many attempts in the earlier window
(going from one launch to four is not a space sector that matches China's)."""


def _five_year_growth(launches: pd.DataFrame) -> tuple[tuple[int, int], tuple[int, int], pd.DataFrame]:
    """Attempts per country (Soviet Union as Russia) in the last five years of ``launches`` and the five before."""
    table = launches.assign(country=launches["country"].replace({"SUN": "RUS"}))
    last = int(table["year"].max())
    before, recent = (last - 9, last - 5), (last - 4, last)
    sums = pd.DataFrame({
        key: table[table["year"].between(*span)].groupby("country")["attempts"].sum() for key, span in (("before", before), ("recent", recent))
    }).fillna(0).astype(int)
    sums["ratio"] = sums["recent"] / sums["before"].where(sums["before"] > 0)
    return before, recent, sums


@_register("only_india_japan_match_china_growth", launches=_LAUNCH_COLUMNS)
def only_india_japan_match_china_growth(datasets: Datasets, settings: Settings) -> CheckResult:
    """hen-50: India and Japan are the only countries whose growth matches China's.

    Orbital launch attempts per country in the last five years of ``launches`` against the five
    before. A country matches China when its attempts grew by at least China's factor less
    ``settings.tolerance`` (relative), counting only countries with :data:`MATCH_MIN_ATTEMPTS` or
    more attempts in the earlier window. Supported when India and Japan match and no other country
    does; partly supported when India or Japan matches (but not exactly the two of them);
    contradicted when neither does.
    """
    before, recent, sums = _five_year_growth(datasets["launches"])
    if "CHN" not in sums.index or pd.isna(sums.loc["CHN", "ratio"]):
        return CheckResult("unverifiable", f"launches.csv has no Chinese launches in {_span(before)}.")
    bar = sums.loc["CHN", "ratio"] * (1 - settings.tolerance)
    eligible = sums[(sums["before"] >= MATCH_MIN_ATTEMPTS) & (sums.index != "CHN")]
    matched = sorted(eligible.index[eligible["ratio"] >= bar])

    def line(code: str) -> str:
        row = sums.loc[code] if code in sums.index else pd.Series({"before": 0, "recent": 0})
        return f"{code} {int(row['before'])} → {int(row['recent'])} ({_ratio_text(row['before'], row['recent'])})"

    others = [c for c in matched if c not in ("IND", "JPN")]
    evidence = (
        f"launches.csv, orbital launch attempts {_span(before)} → {_span(recent)}: {line('CHN')}; {line('IND')}; {line('JPN')}. "
        f"Countries with {MATCH_MIN_ATTEMPTS}+ attempts before that grew at least x{bar:.2f}: "
        + (", ".join(line(c) for c in matched) or "none") + "."
    )
    both = {"IND", "JPN"} <= set(matched)
    verdict = "supported" if both and not others else "partly supported" if {"IND", "JPN"} & set(matched) else "contradicted"
    value = {"ratio": {c: float(sums.loc[c, "ratio"]) for c in ("CHN", "IND", "JPN") if c in sums.index}, "matched": matched}
    return CheckResult(verdict, evidence, value=value, source_url=_url(datasets["launches"].iloc[0]))


RELIABILITY_WINDOW = 10
"""hen-51: years of launches over which a programme's reliability is judged (the last ten of the table)."""


@_register("india_japan_launch_reliability", launches=_LAUNCH_COLUMNS)
def india_japan_launch_reliability(datasets: Datasets, settings: Settings) -> CheckResult:
    """hen-51: Japan and India have mature programmes, judged on launch reliability.

    Each country's success rate over the last :data:`RELIABILITY_WINDOW` years of ``launches``,
    with its 95% Wilson interval (:func:`spacerace.launch_record.wilson_interval`), against the rate
    of every other country's launches over the same years. A record counts as mature when its
    interval reaches that rate (it is not clearly less reliable than the rest of the world). Supported when both
    records do, partly supported when one does, contradicted when neither does.
    """
    from .launch_record import wilson_interval

    launches = datasets["launches"]
    last = int(launches["year"].max())
    span = (last - RELIABILITY_WINDOW + 1, last)
    window = launches[launches["year"].between(*span)]
    parts, mature, value = [], [], {}
    for code in ("JPN", "IND"):
        rows, rest = window[window["country"] == code], window[window["country"] != code]
        n, k = int(rows["attempts"].sum()), int(rows["successes"].sum())
        if n == 0 or rest["attempts"].sum() == 0:
            return CheckResult("unverifiable", f"launches.csv has no launches by {code} (or by no one else) in {_span(span)}.")
        others = float(rest["successes"].sum() / rest["attempts"].sum())
        low, high = (float(x) for x in wilson_interval(k, n))
        value[code] = {"rate": k / n, "low": low, "high": high, "rest_of_world": others}
        parts.append(f"{code} {k} of {n} ({k / n:.1%}, 95% interval {low:.1%}-{high:.1%}; rest of the world {others:.1%})")
        if high >= others:
            mature.append(code)
    evidence = (
        f"launches.csv, successful orbital launches {_span(span)}: " + "; ".join(parts) + ". "
        + (f"Not clearly below the rest of the world: {', '.join(mature)}." if mature else "Both are clearly below the rest of the world.")
    )
    verdict = "supported" if len(mature) == 2 else "partly supported" if mature else "contradicted"
    return CheckResult(verdict, evidence, value=value, source_url=_url(launches.iloc[0]))


# --------------------------------------------------------------------------- memberships

_MEMBER_COLUMNS = ("country", "framework", "role", "date", "date_precision")

ARTICLE_DATES: dict[str, str] = {"hennessy-2025": "2025-10-31", "code-vub": "2025-06-30"}
"""Latest date each article can be read at (Hennessy cites a briefing of 30 Oct 2025)."""


def _dated(memberships: pd.DataFrame) -> pd.DataFrame:
    return partnerships.with_effective_dates(memberships)


def _members(table: pd.DataFrame, framework: str, roles: Iterable[str] | None = None) -> pd.DataFrame:
    rows = table[table["framework"] == framework]
    if roles is not None:
        rows = rows[rows["role"].isin(list(roles))]
    return rows.sort_values("effective_date").drop_duplicates("country")


def _first_date(table: pd.DataFrame, framework: str, country: str) -> pd.Timestamp | None:
    rows = table[(table["framework"] == framework) & (table["country"] == country)]
    return None if rows.empty else rows["effective_date"].min()


def _membership_url(table: pd.DataFrame, framework: str, country: str) -> str | None:
    rows = table[(table["framework"] == framework) & (table["country"] == country)]
    return None if rows.empty else _url(rows.iloc[0])


@_register("apsco_members_include_irn_pak_bgd", memberships=_MEMBER_COLUMNS)
def apsco_members_include_irn_pak_bgd(datasets: Datasets, settings: Settings) -> CheckResult:
    """hen-27: Iran, Pakistan and Bangladesh are APSCO members."""
    table = _dated(datasets["memberships"])
    members = set(_members(table, "apsco", ["member"])["country"])
    named = {"IRN", "PAK", "BGD"}
    found = named & members
    verdict = "supported" if found == named else "partly supported" if found else "contradicted"
    evidence = f"memberships.csv: APSCO's {len(members)} member states are {_codes(members)}; IRN, PAK, BGD among them: {_codes(found)}."
    others = table[(table["framework"] == "apsco") & (table["role"] != "member")]
    if not others.empty:
        evidence += " Not members: " + ", ".join(f"{r.country} ({r.role})" for r in others.itertuples()) + "."
    return CheckResult(verdict, evidence, value=sorted(members), source_url=_membership_url(table, "apsco", "IRN"))


@_register("apsco_members_in_artemis", memberships=_MEMBER_COLUMNS)
def apsco_members_in_artemis(datasets: Datasets, settings: Settings) -> CheckResult:
    """hen-28: APSCO as a bloc aligned with Beijing; how many of its members signed the Artemis Accords?"""
    table = _dated(datasets["memberships"])
    members = _members(table, "apsco", ["member"])
    artemis = _members(table, "artemis_accords")
    both = artemis[artemis["country"].isin(members["country"])]
    others = table[(table["framework"] == "apsco") & (table["role"] != "member") & table["country"].isin(artemis["country"])]
    listed = ", ".join(f"{r.country} ({_day(r.effective_date)})" for r in both.itertuples())
    evidence = f"memberships.csv: {len(both)} of APSCO's {len(members)} member states also signed the US-led Artemis Accords: {listed or 'none'}."
    if not others.empty:
        evidence += " So did " + ", ".join(f"{r.country} (APSCO {r.role})" for r in others.itertuples()) + "."
    verdict = "partly supported" if len(both) else "supported"
    return CheckResult(verdict, evidence, value=sorted(both["country"]), source_url=_url(both.iloc[0]) if len(both) else None)


@_register("india_artemis_signatory", memberships=_MEMBER_COLUMNS)
def india_artemis_signatory(datasets: Datasets, settings: Settings) -> CheckResult:
    """hen-30: India 'still to be won over' to a US-led space alliance."""
    table = _dated(datasets["memberships"])
    signed = _first_date(table, "artemis_accords", "IND")
    quad = _first_date(table, "quad", "IND")
    quad_text = f" India has been a Quad member since {quad.strftime('%Y-%m')}." if quad is not None else ""
    if signed is None:
        return CheckResult("supported", "memberships.csv: India has not signed the Artemis Accords." + quad_text, value=None)
    evidence = f"memberships.csv: India signed the Artemis Accords on {_day(signed)}, before the article.{quad_text} Neither is a formal alliance."
    return CheckResult("partly supported", evidence, value=_day(signed), source_url=_membership_url(table, "artemis_accords", "IND"))


@_register("artemis_vs_ilrs_member_counts", memberships=_MEMBER_COLUMNS)
def artemis_vs_ilrs_member_counts(datasets: Datasets, settings: Settings) -> CheckResult:
    """code-08: Artemis Accords and ILRS as two competing frameworks (counts and overlap)."""
    table = _dated(datasets["memberships"])
    artemis, ilrs = _members(table, "artemis_accords"), _members(table, "ilrs")
    both = sorted(set(artemis["country"]) & set(ilrs["country"]))
    organisations = datasets.get("ilrs_organisations")
    n_org = 0 if organisations is None else len(organisations)
    evidence = (
        f"memberships.csv: {len(artemis)} Artemis Accords signatories against {len(ilrs)} ILRS partner states"
        + (f" (plus {n_org} organisations in ilrs_organisations.csv)" if organisations is not None else "")
        + f"; {len(both)} states in both ({_codes(both)})."
    )
    if artemis.empty or ilrs.empty:
        return CheckResult("contradicted", evidence, value=None)
    verdict = "supported" if len(both) <= min(len(artemis), len(ilrs)) / 3 else "partly supported"
    return CheckResult(verdict, evidence, value={"artemis": len(artemis), "ilrs_states": len(ilrs), "ilrs_organisations": n_org, "both": both})


@_register("thailand_in_both", memberships=_MEMBER_COLUMNS)
def thailand_in_both(datasets: Datasets, settings: Settings) -> CheckResult:
    """code-10: Thailand is in the ILRS and has signed the Artemis Accords."""
    table = _dated(datasets["memberships"])
    ilrs, artemis = _first_date(table, "ilrs", "THA"), _first_date(table, "artemis_accords", "THA")
    parts = [f"ILRS {_day(ilrs)}" if ilrs is not None else "no ILRS row", f"Artemis Accords {_day(artemis)}" if artemis is not None else "no Artemis row"]
    verdict = "supported" if ilrs is not None and artemis is not None else "partly supported" if (ilrs is not None or artemis is not None) else "contradicted"
    return CheckResult(verdict, f"memberships.csv, Thailand: {'; '.join(parts)}.", value={"ilrs": ilrs and _day(ilrs), "artemis": artemis and _day(artemis)}, source_url=_membership_url(table, "artemis_accords", "THA"))


@_register("thailand_ilrs_before_artemis", memberships=_MEMBER_COLUMNS)
def thailand_ilrs_before_artemis(datasets: Datasets, settings: Settings) -> CheckResult:
    """code-11: Thailand joined the ILRS before signing the Artemis Accords."""
    table = _dated(datasets["memberships"])
    ilrs, artemis = _first_date(table, "ilrs", "THA"), _first_date(table, "artemis_accords", "THA")
    if ilrs is None or artemis is None:
        return CheckResult("unverifiable", "memberships.csv lacks Thailand's ILRS or Artemis row.")
    days = (artemis - ilrs).days
    verdict = "supported" if days > 0 else "contradicted"
    evidence = f"memberships.csv: Thailand ILRS {_day(ilrs)}, Artemis Accords {_day(artemis)}: {abs(days)} days {'later' if days > 0 else 'earlier'}."
    return CheckResult(verdict, evidence, value=days, source_url=_membership_url(table, "ilrs", "THA"))


@_register("countries_in_both_camps", memberships=_MEMBER_COLUMNS)
def countries_in_both_camps(datasets: Datasets, settings: Settings) -> CheckResult:
    """code-12: Thailand 'one of the first' states with a foot in both the Artemis Accords and the ILRS.

    The states in both, ranked by the date each entered its second camp. With only a few such
    states any member would rank near the top, so the rank is judged against their number ``n``:
    *supported* when Thailand is first or in the first third (rank <= max(1, n // 3));
    *partly supported* when it is in the earlier half (rank <= max(2, ceil(n / 2)));
    *contradicted* when it came later, or is not in both. The evidence also says how many states
    were in both at the article's date.
    """
    memberships = datasets["memberships"]
    last = _dated(memberships)["effective_date"].max()
    both = partnerships.hedgers(memberships, last)
    if both.empty:
        return CheckResult("contradicted", "memberships.csv: no state is in both the Artemis Accords and the ILRS.")
    both = both.assign(second=both[["artemis_date", "ilrs_date"]].max(axis=1)).sort_values(["second", "country"])
    order = ", ".join(f"{r.country} ({_day(r.second)})" for r in both.itertuples())
    countries = list(both["country"])
    n = len(countries)
    article = pd.Timestamp(ARTICLE_DATES["code-vub"])
    at_article = int((both["second"] <= article).sum())
    evidence = (
        f"memberships.csv, the {n} state(s) in both camps by the date each entered its second: {order}; "
        f"{at_article} of them by {_day(article)}, the post's time."
    )
    value = {"order": countries, "rank": None, "in_both": n, "at_article_date": at_article}
    if "THA" not in countries:
        return CheckResult("contradicted", evidence + " Thailand is not among them.", value=value)
    rank = countries.index("THA") + 1
    value["rank"] = rank
    place = f" Thailand is number {rank} of {n}"
    if rank <= max(1, n // 3):
        return CheckResult("supported", evidence + place + ("; it was the first." if rank == 1 else ", in the first third."), value=value, source_url=_membership_url(_dated(memberships), "artemis_accords", "THA"))
    if rank <= max(2, -(-n // 2)):
        return CheckResult("partly supported", evidence + place + ", in the earlier half but not among the very first.", value=value, source_url=_membership_url(_dated(memberships), "artemis_accords", "THA"))
    return CheckResult("contradicted", evidence + place + ": most states in both camps got there before it.", value=value)


@_register("brazil_in_artemis", memberships=_MEMBER_COLUMNS)
def brazil_in_artemis(datasets: Datasets, settings: Settings) -> CheckResult:
    """code-14: Brazil counted in the US camp (Artemis Accords; any ILRS row)."""
    table = _dated(datasets["memberships"])
    artemis, ilrs = _first_date(table, "artemis_accords", "BRA"), _first_date(table, "ilrs", "BRA")
    evidence = "memberships.csv: Brazil " + (f"signed the Artemis Accords on {_day(artemis)}" if artemis is not None else "has not signed the Artemis Accords")
    evidence += f"; ILRS: {_day(ilrs)}." if ilrs is not None else "; no ILRS row."
    verdict = "contradicted" if artemis is None else "partly supported" if ilrs is not None else "supported"
    return CheckResult(verdict, evidence, value=artemis and _day(artemis), source_url=_membership_url(table, "artemis_accords", "BRA"))


@_register("african_countries_by_camp", memberships=_MEMBER_COLUMNS, regions=("country", "region"))
def african_countries_by_camp(datasets: Datasets, settings: Settings) -> CheckResult:
    """code-15: several African states partnering with China (ILRS), beside the African Artemis signatories."""
    table = _dated(datasets["memberships"])
    africa = set(datasets["regions"].loc[datasets["regions"]["region"] == "Africa", "country"])
    ilrs = set(_members(table, "ilrs")["country"]) & africa
    artemis = set(_members(table, "artemis_accords")["country"]) & africa
    evidence = (
        f"memberships.csv with regions.csv: African ILRS partners ({len(ilrs)}): {_codes(ilrs)}; "
        f"African Artemis signatories ({len(artemis)}): {_codes(artemis)}; in both: {_codes(ilrs & artemis)}."
    )
    verdict = "supported" if len(ilrs) >= 3 else "partly supported" if ilrs else "contradicted"
    return CheckResult(verdict, evidence, value={"ilrs": sorted(ilrs), "artemis": sorted(artemis)})


# --------------------------------------------------------------------------- space budgets (issue 20)

_BUDGET_NEEDS: dict[str, tuple[str, ...]] = {
    "space_budgets": ("budget_id", "country", "body", "fiscal_year", "amount_million", "currency", "price_year", "sector", "figure_kind", "status", "estimated_by", "source_url"),
    "cpi": ("currency", "year", "index"),
    "exchange_rates": ("currency", "year", "per_usd"),
    "ppp": ("currency", "year", "lcu_per_intl_dollar"),
}

INDIA_SHARE_OF_NASA_MARKET = 0.10
"""hen-41's 'very constrained budget', read as: India's space budget under a tenth of NASA's at market rates..."""
INDIA_SHARE_OF_NASA_PPP = 0.5
"""...and under half of it at purchasing-power parity (what the rupees buy at home)."""


def _budget_series(datasets: Datasets, settings: Settings, use_ppp: bool = False) -> pd.DataFrame:
    """Each country's official budget series in US dollars of ``settings.base_year`` (the budgets chapter's)."""
    from . import budgets  # the budgets chapter's own series

    economics = {name: datasets[name] for name in budgets.ECONOMICS}
    return budgets.convert(budgets.national(datasets["space_budgets"]), base_year=settings.base_year, use_ppp=use_ppp, economics=economics)


@_register("nasa_budget_trend", **_BUDGET_NEEDS, gdp=("country", "year", "gdp_usd_million"), population=("country", "year", "population"))
def nasa_budget_trend(datasets: Datasets, settings: Settings) -> CheckResult:
    """hen-40: Washington has 'long neglected' NASA.

    NASA's budget (data/space_budgets.csv, the budgets chapter's series) in real terms and as a share
    of US GDP, first year against latest. Supported if it fell in real terms and as a share of GDP;
    partly supported if it kept its real level (within 10 %, or grew) while its share of GDP fell;
    contradicted if its share of GDP did not fall.
    """
    from . import budgets

    nasa = budgets.with_gdp(_budget_series(datasets, settings), datasets["gdp"], datasets["population"])
    nasa = nasa[nasa["country"] == "USA"].sort_values("fiscal_year")
    real, share = nasa.dropna(subset=["real_usd_million"]), nasa.dropna(subset=["share_of_gdp_pct"])
    if len(real) < 2 or len(share) < 2:
        return CheckResult("unverifiable", "space_budgets.csv has fewer than two convertible NASA years.")
    r0, r1, s0, s1 = real.iloc[0], real.iloc[-1], share.iloc[0], share.iloc[-1]
    real_change = r1["real_usd_million"] / r0["real_usd_million"] - 1
    share_change = s1["share_of_gdp_pct"] / s0["share_of_gdp_pct"] - 1
    evidence = (
        f"space_budgets.csv, NASA: USD {r0['real_usd_million']:,.0f} million in FY{r0['fiscal_year']} ({r0['figure_kind']}) and {r1['real_usd_million']:,.0f} million in "
        f"FY{r1['fiscal_year']} at {settings.base_year} prices ({real_change:+.0%}); {s0['share_of_gdp_pct']:.3f} % of GDP in {s0['fiscal_year']}, "
        f"{s1['share_of_gdp_pct']:.3f} % in {s1['fiscal_year']} ({share_change:+.0%})."
    )
    value = {"real_change": real_change, "share_of_gdp_change": share_change}
    if share_change >= 0:
        return CheckResult("contradicted", evidence + " NASA's share of the economy did not fall.", value=value, source_url=_url(r1))
    if real_change < -0.10:
        return CheckResult("supported", evidence + " NASA's budget fell in real terms and as a share of GDP.", value=value, source_url=_url(r1))
    return CheckResult(
        "partly supported",
        evidence + " NASA kept its budget in real terms but a shrinking share of a growing economy: stagnation rather than neglect.",
        value=value,
        source_url=_url(r1),
    )


@_register("india_budget_vs_nasa", **_BUDGET_NEEDS)
def india_budget_vs_nasa(datasets: Datasets, settings: Settings) -> CheckResult:
    """hen-41: India does complex missions 'on a very constrained budget'.

    India's Department of Space budget against NASA's in the latest year both have, in US dollars of
    ``settings.base_year`` at market rates and at PPP. Supported if it is under
    :data:`INDIA_SHARE_OF_NASA_MARKET` of NASA's at market rates and under
    :data:`INDIA_SHARE_OF_NASA_PPP` at PPP; partly supported if only the first holds.
    """
    ratios, urls = {}, {}
    for use_ppp in (False, True):
        series = _budget_series(datasets, settings, use_ppp).dropna(subset=["real_usd_million"])
        both = series.pivot_table(index="fiscal_year", columns="country", values="real_usd_million").reindex(columns=["IND", "USA"]).dropna()
        if both.empty:
            return CheckResult("unverifiable", "space_budgets.csv has no year with convertible figures for both India and NASA.")
        year = int(both.index.max())
        ratios[use_ppp] = (year, float(both.loc[year, "IND"] / both.loc[year, "USA"]))
        urls[use_ppp] = _url(series[(series["country"] == "IND") & (series["fiscal_year"] == year)].iloc[0])
    (year, market), (ppp_year, ppp) = ratios[False], ratios[True]
    evidence = (
        f"space_budgets.csv: India's Department of Space budget was {market:.0%} of NASA's in {year} at market rates and "
        f"{ppp:.0%} of it in {ppp_year} at purchasing-power parity ({settings.base_year} prices)."
    )
    value = {"share_of_nasa_market": market, "share_of_nasa_ppp": ppp}
    if market < INDIA_SHARE_OF_NASA_MARKET and ppp < INDIA_SHARE_OF_NASA_PPP:
        return CheckResult("supported", evidence, value=value, source_url=urls[False])
    if market < INDIA_SHARE_OF_NASA_MARKET:
        return CheckResult("partly supported", evidence + " At PPP the gap is much smaller.", value=value, source_url=urls[False])
    return CheckResult("contradicted", evidence, value=value, source_url=urls[False])


@_register("china_budget_estimates_growth", **_BUDGET_NEEDS)
def china_budget_estimates_growth(datasets: Datasets, settings: Settings) -> CheckResult:
    """hen-42: the 'explosive growth' of China's space effort, read on its budget.

    China publishes no budget: only authors with two or more estimates can show a change, each
    against its own earlier figure (never one author against another). Supported if every such
    author's latest estimate is at least 25 % above its first in real terms; partly supported if
    some rose; contradicted if none did; unverifiable without an author with two estimates.
    """
    from . import budgets

    economics = {name: datasets[name] for name in budgets.ECONOMICS}
    estimates = budgets.china_estimates(datasets["space_budgets"], base_year=settings.base_year, use_ppp=False, economics=economics)
    estimates = estimates.dropna(subset=["real_usd_million"]).sort_values("fiscal_year")
    changes = {
        author: (int(rows["fiscal_year"].iloc[0]), int(rows["fiscal_year"].iloc[-1]), float(rows["real_usd_million"].iloc[-1] / rows["real_usd_million"].iloc[0] - 1))
        for author, rows in estimates.groupby("estimated_by")
        if rows["fiscal_year"].nunique() >= 2
    }
    if not changes:
        return CheckResult("unverifiable", "space_budgets.csv has no author with two estimates of China's budget in different years.")
    evidence = "space_budgets.csv, China's budget as estimated by the same author, in real terms: " + "; ".join(
        f"{author} {first}-{last} {change:+.0%}" for author, (first, last, change) in sorted(changes.items())
    ) + f" (USD of {settings.base_year}; estimates only, China publishes no budget)."
    rose = [c for _, _, c in changes.values() if c >= 0.25]
    value = {author: change for author, (_, _, change) in changes.items()}
    if len(rose) == len(changes):
        return CheckResult("supported", evidence, value=value)
    return CheckResult("partly supported" if rose else "contradicted", evidence, value=value)


DATASETS: tuple[str, ...] = tuple(sorted({name for check in CHECKS.values() for name in check.needs} | {"milestones", "ilrs_organisations"}))
"""Every dataset a check reads (load those that exist and pass them to :func:`evaluate`)."""


# --------------------------------------------------------------------------- the ledger

_CLAIM_COLUMNS = ("claim_id", "check_type", "check", "expected_verdict", "evidence_url", "verdict_reason")


def evaluate(
    claims: pd.DataFrame,
    datasets: Datasets,
    settings: Settings | None = None,
    registry: Mapping[str, Check] | None = None,
) -> pd.DataFrame:
    """Give every claim a verdict, evidence and an evidence address.

    Parameters
    ----------
    claims
        The claims table (``data/claims.csv``).
    datasets
        The loaded datasets by name (see :data:`DATASETS`); missing ones make their checks
        ``"unverifiable"``.
    settings
        Shared choices (base year, tolerance).
    registry
        The checks to use (default :data:`CHECKS`).

    Returns
    -------
    pandas.DataFrame
        ``claims`` with the columns ``verdict``, ``evidence``, ``evidence_url`` (for dataset
        checks: the page behind the computed figure when the check names one, else the claim's
        own), ``value`` (the computed fact, or ``None``), ``checked_by`` (``"computed from the
        data"`` or ``"cited source"``) and ``agrees`` (the verdict equals ``expected_verdict``).

    Raises
    ------
    UnknownCheckError
        When a dataset claim names a check without a function (all such claims are listed).
    ValueError
        When a column is missing or a ``check_type`` is neither ``dataset`` nor ``source``.
    """
    missing = [c for c in _CLAIM_COLUMNS if c not in claims.columns]
    if missing:
        raise ValueError(f"the claims table lacks the column(s) {', '.join(missing)}")
    registry = CHECKS if registry is None else registry
    settings = settings or Settings()
    bad_type = claims[~claims["check_type"].isin(["dataset", "source"])]
    if not bad_type.empty:
        listed = ", ".join(f"{r.claim_id} ({r.check_type!r})" for r in bad_type.itertuples())
        raise ValueError(f"check_type must be 'dataset' or 'source'; not so for: {listed}")
    dataset_claims = claims[claims["check_type"] == "dataset"]
    unknown = dataset_claims[~dataset_claims["check"].isin(list(registry))]
    if not unknown.empty:
        listed = ", ".join(f"{r.claim_id} (check {r.check!r})" for r in unknown.itertuples())
        raise UnknownCheckError(f"no check function for claim(s) {listed}; known checks: {', '.join(sorted(registry))}")

    results: dict[str, CheckResult] = {name: registry[name](datasets, settings) for name in dataset_claims["check"].unique()}
    verdicts, evidence, urls, values, by = [], [], [], [], []
    for row in claims.itertuples(index=False):
        cited = None if pd.isna(row.evidence_url) or row.evidence_url == "" else str(row.evidence_url)
        if row.check_type == "source":
            verdicts.append(str(row.expected_verdict))
            evidence.append(f"Checked against a cited source, not computed from our data: {row.verdict_reason}")
            urls.append(cited)
            values.append(None)
            by.append("cited source")
        else:
            result = results[row.check]
            verdicts.append(result.verdict)
            evidence.append(result.evidence)
            urls.append(result.source_url or cited)
            values.append(result.value)
            by.append("computed from the data")
    out = claims.copy()
    out["verdict"] = verdicts
    out["evidence"] = evidence
    out["evidence_url"] = urls
    out["value"] = values
    out["checked_by"] = by
    out["agrees"] = out["verdict"] == out["expected_verdict"]
    return out


# --------------------------------------------------------------------------- presentation (the chapter's prose and charts)

NOT_AVAILABLE = "(not available to this run)"
"""What the chapter prints in place of a figure whose dataset a rerun lacks."""


def _short_mission(name: str) -> str:
    """A mission's name without its vehicle in brackets: 'Apollo 12 (Intrepid)' → 'Apollo 12'."""
    return re.sub(r"\s*\(.*\)\s*$", "", str(name))


def landing_sites(landings: pd.DataFrame, mission_id: str = "chandrayaan-3") -> pd.DataFrame:
    """The soft landings for the chapter's landing chart, marked by what the claim needs.

    Parameters
    ----------
    landings
        The ``lunar_landings`` table.
    mission_id
        The landing the claim is about (default Chandrayaan-3).

    Returns
    -------
    pandas.DataFrame
        One row per soft landing, by date, with ``mission``, ``country`` (code),
        ``country_name`` (as the legends name it), ``landing_date``,
        ``latitude_deg``, ``site`` (as "2.45° S"), ``group`` (``"the claim's landing"``,
        ``"southern, before it"`` or ``"other"``), ``label`` (short name and year for the first
        two groups, empty for the rest, which the chart leaves to its tooltips) and the columns
        ``crewed``, ``outcome`` and ``source_url`` when the table has them.
    """
    soft = _truthy(landings["soft_landing"]) if "soft_landing" in landings.columns else pd.Series(True, index=landings.index)
    rows = landings[soft].sort_values("landing_date")
    ids = rows["mission_id"] if "mission_id" in rows.columns else pd.Series(None, index=rows.index)
    target = ids.eq(mission_id).fillna(False).astype(bool)
    when = rows.loc[target, "landing_date"].min() if target.any() else None
    south = rows["latitude_deg"].astype(float) < 0
    before = south & ~target & (rows["landing_date"] < when) if when is not None else pd.Series(False, index=rows.index)
    group = pd.Series("other", index=rows.index).mask(before, "southern, before it").mask(target, "the claim's landing")
    labelled = target | before
    label = [f"{_short_mission(m)} ({pd.Timestamp(d).year})" if keep else "" for m, d, keep in zip(rows["mission"], rows["landing_date"], labelled)]
    out = pd.DataFrame(
        {
            "mission": rows["mission"],
            "country": rows["country"],
            "country_name": [actor_name(str(code)) or str(code) for code in rows["country"]],
            "landing_date": rows["landing_date"],
            "latitude_deg": rows["latitude_deg"].astype(float),
            "site": [_latitude(float(v)) for v in rows["latitude_deg"]],
            "group": group,
            "label": label,
        }
    )
    for column in ("crewed", "outcome", "source_url"):
        if column in rows.columns:
            out[column] = rows[column]
    return out.reset_index(drop=True)


def _fmt(value: Any, pattern: str) -> str:
    try:
        number = float(value)
    except (TypeError, ValueError):
        return NOT_AVAILABLE
    return NOT_AVAILABLE if pd.isna(number) else format(number, pattern)


def chapter_figures(ledger: pd.DataFrame, datasets: Datasets, settings: Settings | None = None) -> dict[str, Any]:
    """Every figure the claims chapter quotes in its prose, by the name it is glued under.

    Parameters
    ----------
    ledger
        The evaluated claims, all of them (:func:`evaluate`): the chapter discusses hen-11,
        hen-13, hen-15, hen-16, hen-17, hen-20 and hen-22 whatever a reader filters.
    datasets
        The loaded datasets (as for :func:`evaluate`).
    settings
        The run's settings (its ``base_year``).

    Returns
    -------
    dict
        Names to values, numbers already formatted as the prose prints them ("6,150",
        "3.8%"); a figure whose dataset is missing reads :data:`NOT_AVAILABLE`.
    """
    settings = settings or Settings()
    by_id = ledger.set_index("claim_id")

    def value(claim: str) -> dict[str, Any]:
        found = by_id["value"].get(claim) if claim in by_id.index else None
        return found if isinstance(found, dict) else {}

    def verdict(claim: str) -> str:
        return str(by_id.loc[claim, "verdict"]) if claim in by_id.index else NOT_AVAILABLE

    figures: dict[str, Any] = {"base_year": settings.base_year}
    figures |= {f"verdict_{claim.replace('-', '')}": verdict(claim) for claim in ("hen-11", "hen-13", "hen-15", "hen-17")}

    # hen-15, hen-16, hen-17: the costs, with the figure the costs chapter uses
    cost, mars, ratio = value("hen-15"), value("hen-16"), value("hen-17")
    costs = datasets.get("mission_costs")
    row = _mission_figure(costs, "chandrayaan-3") if costs is not None else None
    press = _cost_row(costs, "chandrayaan-3-4") if costs is not None else None
    figures["c3_inr"] = _fmt(row["amount_million"], ",.0f") if row is not None else NOT_AVAILABLE
    figures["c3_price_year"] = int(row["price_year"]) if row is not None else NOT_AVAILABLE
    has_press_year = press is not None and "stated_year" in press.index and pd.notna(press["stated_year"])
    figures["c3_press_year"] = int(press["stated_year"]) if has_press_year else 2023
    figures["c3_usd_price_year"] = _fmt(cost.get("usd_at_price_year_rate"), ",.1f")
    figures["c3_usd_press_year"] = _fmt(cost.get("usd_at_press_year_rate"), ",.1f")
    figures["c3_real"] = _fmt(cost.get(f"usd_{settings.base_year}_prices"), ",.1f")
    figures["mars_real"] = _fmt(mars.get(f"usd_{settings.base_year}_prices"), ",.0f")
    figures["ratio_headline"] = _fmt(ratio.get("ratio_headline"), ".0f")
    figures["ratio_like"] = _fmt(ratio.get("ratio_like_for_like"), ".0f")

    # hen-13: the southern landings
    landings = datasets.get("lunar_landings")
    south = value("hen-13")
    first = c3 = None
    if landings is not None and south.get("first_southern"):
        first = landings[landings["mission"] == south["first_southern"]].iloc[0]
        c3 = landings[landings["mission_id"] == "chandrayaan-3"].iloc[0]
    figures["n_earlier_south"] = int(south["earlier_southern"]) if first is not None else NOT_AVAILABLE
    figures["first_south"] = str(first["mission"]) if first is not None else NOT_AVAILABLE
    figures["first_south_date"] = first["landing_date"].strftime("%d %B %Y").lstrip("0") if first is not None else NOT_AVAILABLE
    figures["first_south_lat"] = _latitude(float(first["latitude_deg"])) if first is not None else NOT_AVAILABLE
    figures["years_before"] = int(c3["landing_date"].year - first["landing_date"].year) if first is not None and c3 is not None else NOT_AVAILABLE
    figures["c3_lat"] = _latitude(float(c3["latitude_deg"])) if c3 is not None else NOT_AVAILABLE

    # hen-20, hen-22: the spellings
    for key, claim in (("tianwen", "hen-20"), ("callisto", "hen-22")):
        found = value(claim)
        figures[f"{key}_data"] = str(found.get("data") or NOT_AVAILABLE)
        figures[f"{key}_rows"] = int(found.get("rows", 0))

    # hen-11: Japan's pace over two decades
    launches = datasets.get("launches")
    pace = value("hen-11")
    if launches is not None and pace:
        before, recent, jpn_a, jpn_b = _window_sums(launches, "JPN", PACE_WINDOW)
        figures |= {"jpn_span_before": _span(before), "jpn_span_recent": _span(recent), "jpn_before": jpn_a, "jpn_recent": jpn_b}
        figures["jpn_growth"] = _fmt(pace["ratio"]["JPN"], ".2f")
        figures["world_growth"] = _fmt(pace["ratio"]["world"], ".2f")
        figures["jpn_share_before"] = _fmt(100 * pace["share"]["before"], ".1f") + "%"
        figures["jpn_share_recent"] = _fmt(100 * pace["share"]["recent"], ".1f") + "%"
    else:
        for key in ("jpn_span_before", "jpn_span_recent", "jpn_before", "jpn_recent", "jpn_growth", "world_growth", "jpn_share_before", "jpn_share_recent"):
            figures[key] = NOT_AVAILABLE
    return figures
