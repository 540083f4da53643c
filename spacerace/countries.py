"""Country and currency codes, with the two extensions the book uses.

The datasets use ISO 3166-1 alpha-3 codes, plus two codes that are not in that standard:

* ``SUN``: the Soviet Union (its ISO 3166-3 code for a former country), for events before 1992;
* ``ESA``: the European Space Agency, for missions and milestones of Europe as a multinational actor.
"""

from __future__ import annotations

from functools import lru_cache

import pycountry

EXTRA_ACTORS: dict[str, str] = {
    "SUN": "Soviet Union",
    "ESA": "European Space Agency",
}


@lru_cache(maxsize=None)
def actor_name(code: str) -> str | None:
    """Return the English name for an alpha-3 code or a book extension, or ``None`` if unknown."""
    if code in EXTRA_ACTORS:
        return EXTRA_ACTORS[code]
    if len(code) != 3 or not code.isupper():
        return None
    country = pycountry.countries.get(alpha_3=code)
    return None if country is None else getattr(country, "common_name", country.name)


def is_actor_code(code: str) -> bool:
    """True for a current ISO 3166-1 alpha-3 code or one of :data:`EXTRA_ACTORS`."""
    return actor_name(code) is not None


def is_country_code(code: str) -> bool:
    """True for a current ISO 3166-1 alpha-3 code (no extensions)."""
    return code not in EXTRA_ACTORS and actor_name(code) is not None


@lru_cache(maxsize=None)
def is_currency_code(code: str) -> bool:
    """True for an ISO 4217 currency code such as ``INR``."""
    return len(code) == 3 and pycountry.currencies.get(alpha_3=code) is not None
