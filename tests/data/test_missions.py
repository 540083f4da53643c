"""Data tests for ``data/missions.csv`` and ``data/mission_costs.csv``."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pandas as pd
import pycountry
import pytest

DATA = Path(__file__).resolve().parents[2] / "data"
RESOURCES = DATA / "resources"

DESTINATIONS = {
    "Moon", "Mars", "Venus", "Mercury", "Sun", "Jupiter", "Saturn",
    "Outer solar system", "Asteroid", "Comet", "Other",
}
MISSION_TYPES = ["flyby", "impactor", "orbiter", "lander", "rover", "sample return"]
OUTCOMES = {"success", "partial", "failure", "operating", "planned"}
BASES = {"official", "estimate"}
KINDS = {"initial estimate", "approved budget", "reported total", "lifecycle cost", "final cost"}
BOOL = {"true", "false", ""}
URL = re.compile(r"^https?://\S+$")
CURRENCIES = {c.alpha_3 for c in pycountry.currencies}
COUNTRY_EXTENSIONS = {"ESA", "SUN"}


@pytest.fixture(scope="module")
def missions() -> pd.DataFrame:
    return pd.read_csv(DATA / "missions.csv", dtype=str, keep_default_na=False)


@pytest.fixture(scope="module")
def costs() -> pd.DataFrame:
    return pd.read_csv(DATA / "mission_costs.csv", dtype=str, keep_default_na=False)


def _num(series: pd.Series) -> pd.Series:
    return pd.to_numeric(series.replace("", None), errors="raise")


# --- missions -----------------------------------------------------------------------------------

def test_columns_match_descriptor(missions: pd.DataFrame, costs: pd.DataFrame) -> None:
    for frame, name in ((missions, "missions"), (costs, "mission_costs")):
        spec = json.loads((RESOURCES / f"{name}.json").read_text(encoding="utf-8"))
        assert list(frame.columns) == [f["name"] for f in spec["schema"]["fields"]]


def test_enough_missions_and_agencies(missions: pd.DataFrame) -> None:
    assert len(missions) >= 40
    assert missions["agency"].nunique() >= 8
    for agency in ["NASA", "ISRO", "CNSA", "JAXA", "ESA", "Roscosmos", "MBRSC", "SpaceIL", "KARI"]:
        assert agency in set(missions["agency"]), agency


def test_ids_unique_and_slugs(missions: pd.DataFrame) -> None:
    assert missions["mission_id"].is_unique
    assert missions["mission_id"].str.fullmatch(r"[a-z0-9-]+").all()


def test_every_mission_sourced(missions: pd.DataFrame) -> None:
    assert missions["source_url"].str.match(URL).all()


def test_enums(missions: pd.DataFrame) -> None:
    assert set(missions["destination"]) <= DESTINATIONS
    assert set(missions["mission_type"]) <= set(MISSION_TYPES)
    assert set(missions["outcome"]) <= OUTCOMES
    assert set(missions["far_side"]) <= BOOL


def test_country_codes(missions: pd.DataFrame) -> None:
    for code in missions["country"]:
        assert code in COUNTRY_EXTENSIONS or pycountry.countries.get(alpha_3=code) is not None, code
    assert (missions.loc[missions["agency"] == "ESA", "country"] == "ESA").all()


def test_dates(missions: pd.DataFrame) -> None:
    launched = missions[missions["outcome"] != "planned"]
    dates = pd.to_datetime(launched["launch_date"], format="%Y-%m-%d")
    assert dates.between("1957-10-04", "2025-12-31").all()
    # planned missions have no launch date yet
    assert (missions.loc[missions["outcome"] == "planned", "launch_date"] == "").all()
    landed = missions[missions["landing_date"] != ""]
    landing = pd.to_datetime(landed["landing_date"], format="%Y-%m-%d")
    assert (landing.values > pd.to_datetime(landed["launch_date"]).values).all()
    assert landed["mission_type"].isin(["lander", "rover", "sample return"]).all()


def test_far_side_only_for_lunar_landings(missions: pd.DataFrame) -> None:
    flagged = missions[missions["far_side"] != ""]
    assert (flagged["destination"] == "Moon").all()
    assert (flagged["landing_date"] != "").all()
    far = missions[missions["far_side"] == "true"].sort_values("landing_date")
    assert list(far["mission_id"]) == ["change-4", "change-6"]


def test_launch_mass_plausible(missions: pd.DataFrame) -> None:
    mass = _num(missions["launch_mass_kg"]).dropna()
    assert len(mass) >= 30
    assert mass.between(1, 20000).all()


def test_key_missions_present(missions: pd.DataFrame) -> None:
    ids = set(missions["mission_id"])
    for mid in [
        "chandrayaan-1", "chandrayaan-2", "chandrayaan-3", "mars-orbiter-mission", "mars-2020",
        "mars-science-laboratory", "insight", "maven", "lro", "lcross", "grail", "juno", "new-horizons",
        "osiris-rex", "lucy", "psyche", "dart", "europa-clipper", "change-4", "change-5", "change-6",
        "tianwen-1", "hayabusa", "hayabusa2", "slim", "rosetta", "mars-express", "exomars-tgo",
        "bepicolombo", "juice", "smart-1", "luna-25", "phobos-grunt", "emirates-mars-mission",
        "beresheet", "danuri",
    ]:
        assert mid in ids, mid
    row = missions.set_index("mission_id").loc["chandrayaan-3"]
    assert row["landing_date"] == "2023-08-23"
    assert row["launch_date"] == "2023-07-14"



SOURCE_KINDS = {"official", "press", "scholarly", "dataset", "encyclopaedia copy"}
# hosts that serve Wikipedia or copies of it (issue 17: 29 % of the rows cited such pages)
ENCYCLOPAEDIA_HOSTS = re.compile(
    r"wiki|piglix|kiwix|infogalactic|wikiwand|movatter|clateway|domilabs|prodb\.cz|av1\.space|"
    r"questionai|partcommunity|readwise|nikolamilekic|dewiki",
    re.IGNORECASE,
)


def test_every_source_kind_is_from_the_list(missions: pd.DataFrame) -> None:
    assert missions["source_kind"].isin(SOURCE_KINDS).all(), set(missions["source_kind"]) - SOURCE_KINDS


def test_few_encyclopaedia_copies(missions: pd.DataFrame) -> None:
    copies = missions[missions["source_kind"] == "encyclopaedia copy"]
    assert len(copies) / len(missions) <= 0.05, list(copies["mission_id"])
    # a copy stays only where nothing better was found, and the row says so
    assert copies["source_note"].str.contains("no official or press page", case=False).all()


def test_copies_of_wikipedia_are_labelled(missions: pd.DataFrame) -> None:
    host = missions["source_url"].str.extract(r"^https?://([^/]+)", expand=False)
    mirrored = missions[host.str.contains(ENCYCLOPAEDIA_HOSTS) | missions["source_url"].str.contains("piglix")]
    assert (mirrored["source_kind"] == "encyclopaedia copy").all(), list(mirrored["mission_id"])


def test_facts_corrected_when_resourced(missions: pd.DataFrame) -> None:
    """Facts that the copies of Wikipedia had wrong or that the better sources changed (issue 17)."""
    row = missions.set_index("mission_id")
    # Spirit touched down at 04:35 UTC on 4 Jan 2004 (8:35 p.m. PST on 3 Jan): dates are UTC
    assert row.loc["mars-exploration-rovers", "landing_date"] == "2004-01-04"
    # Hayabusa2's MINERVA-II1 rovers landed on Ryugu on 21 Sep 2018
    assert row.loc["hayabusa2", "landing_date"] == "2018-09-21"
    # NASA/JPL figures replace those of the copies
    assert row.loc["psyche", "launch_mass_kg"] == "2747"
    assert row.loc["mars-climate-orbiter", "launch_mass_kg"] == "629"
    assert row.loc["lcross", "launch_mass_kg"] == "585"


# --- costs --------------------------------------------------------------------------------------

def test_cost_ids(costs: pd.DataFrame) -> None:
    assert costs["cost_id"].is_unique
    for cid, mid in zip(costs["cost_id"], costs["mission_id"]):
        assert re.fullmatch(re.escape(mid) + r"-[0-9]+", cid), cid


def test_costs_reference_missions(missions: pd.DataFrame, costs: pd.DataFrame) -> None:
    assert set(costs["mission_id"]) <= set(missions["mission_id"])
    launched = set(missions.loc[missions["outcome"] != "planned", "mission_id"])
    costed = set(costs["mission_id"])
    assert len(costed & launched) >= 40


def test_cost_values(costs: pd.DataFrame) -> None:
    amount = _num(costs["amount_million"])
    assert amount.notna().all() and (amount > 0).all()
    price_year = _num(costs["price_year"])
    assert price_year.between(1960, 2025).all()
    stated = _num(costs["stated_year"]).dropna()
    assert stated.between(1960, 2026).all()
    assert set(costs["currency"]) <= CURRENCIES
    assert set(costs["price_basis"]) <= {"constant", "nominal"}
    assert set(costs["basis"]) <= BASES
    assert set(costs["figure_kind"]) <= KINDS
    for col in ["covers_development", "covers_launch", "covers_operations"]:
        assert set(costs[col]) <= BOOL, col
    assert costs["source_url"].str.match(URL).all()
    assert (costs["scope_note"].str.strip() != "").all()


def test_nominal_price_year_is_stated_year(costs: pd.DataFrame) -> None:
    nominal = costs[(costs["price_basis"] == "nominal") & (costs["stated_year"] != "")]
    assert (nominal["price_year"] == nominal["stated_year"]).all()


def test_estimates_have_notes(costs: pd.DataFrame) -> None:
    est = costs[costs["basis"] == "estimate"]
    assert len(est) > 0
    assert (est["source_note"].str.strip() != "").all()


def test_amounts_in_millions_not_units(costs: pd.DataFrame) -> None:
    """Guard against crore/billion slips: per-currency plausible ranges (millions)."""
    amount = _num(costs["amount_million"])
    bounds = {"USD": (10, 10000), "EUR": (10, 5000), "INR": (500, 100000), "JPY": (1000, 200000),
              "CNY": (100, 50000), "RUB": (100, 100000)}
    for cur, (lo, hi) in bounds.items():
        sel = amount[costs["currency"] == cur]
        assert sel.between(lo, hi).all(), (cur, sel[~sel.between(lo, hi)].tolist())


def _rows(costs: pd.DataFrame, mission: str) -> pd.DataFrame:
    return costs[costs["mission_id"] == mission].assign(amount=lambda d: _num(d["amount_million"]))


def test_chandrayaan3_headline_rows(costs: pd.DataFrame) -> None:
    c3 = _rows(costs, "chandrayaan-3")
    inr = c3[c3["currency"] == "INR"]
    total = inr[(inr["covers_development"] == "true") & (inr["covers_launch"] == "true")]
    craft = inr[(inr["covers_development"] == "true") & (inr["covers_launch"] == "false")]
    launch = inr[(inr["covers_development"] == "false") & (inr["covers_launch"] == "true")]
    assert total["amount"].tolist() == [6150]
    assert craft["amount"].tolist() == [2500]
    assert launch["amount"].tolist() == [3650]
    assert craft["amount"].sum() + launch["amount"].sum() == total["amount"].sum()
    assert set(inr["price_year"]) == {"2020"}
    usd = c3[c3["currency"] == "USD"]
    assert usd["amount"].tolist() == [75]
    assert (usd["basis"] == "estimate").all()


def test_mars2020_headline_rows(costs: pd.DataFrame) -> None:
    m = _rows(costs, "mars-2020")
    lcc = m[(m["figure_kind"] == "lifecycle cost") & (m["covers_development"] == "true")
            & (m["covers_launch"] == "true") & (m["covers_operations"] == "true")]
    assert lcc["amount"].between(2700, 2900).all() and len(lcc) >= 1
    parts = m[m["source_url"] == "https://www.planetary.org/articles/cost-of-perseverance-in-context"]
    dev = parts[(parts["covers_development"] == "true") & (parts["covers_launch"] == "false")
                & (parts["scope_note"].str.startswith("spacecraft development"))]
    launch = parts[(parts["covers_development"] == "false") & (parts["covers_launch"] == "true")]
    ops = parts[(parts["covers_development"] == "false") & (parts["covers_operations"] == "true")]
    assert dev["amount"].tolist() == [2200]
    assert launch["amount"].tolist() == [243]
    assert ops["amount"].tolist() == [300]
    total = parts[(parts["covers_operations"] == "true") & (parts["covers_launch"] == "true")]
    assert total["amount"].tolist() == [2725]
    # the parts are rounded by the source (2.2 bn): they add up to the total within 1 %
    summed = dev["amount"].sum() + launch["amount"].sum() + ops["amount"].sum()
    assert abs(summed - 2725) / 2725 < 0.01
    assert (m["currency"] == "USD").all()
