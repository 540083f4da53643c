"""Data tests for data/lunar_landings.csv (every lunar soft landing 1966-2025, with coordinates)."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest

DATA = Path(__file__).resolve().parents[2] / "data"

#: Hand-checked against the rows' sources: every soft landing south of the equator before
#: Chandrayaan-3 (2023-08-23), in date order, with its latitude as the table gives it.
SOUTH_BEFORE_CHANDRAYAAN3 = [
    ("surveyor-1", "1966-06-02", -2.45),
    ("surveyor-3", "1967-04-20", -2.94),
    ("surveyor-7", "1968-01-10", -40.86),
    ("apollo-12", "1969-11-19", -3.0128),
    ("luna-16", "1970-09-20", -0.68),
    ("apollo-14", "1971-02-05", -3.64589),
    ("apollo-16", "1972-04-21", -8.9734),
    ("change-4", "2019-01-03", -45.47084),
]

#: Soft landings per country, 1966-2025 (IM-2 left out for want of sourced coordinates).
PER_COUNTRY = {"SUN": 8, "USA": 13, "CHN": 4, "IND": 1, "JPN": 1}

KINDS = {"official", "press", "scholarly", "dataset", "encyclopaedia copy"}


@pytest.fixture(scope="module")
def landings() -> pd.DataFrame:
    return pd.read_csv(DATA / "lunar_landings.csv", dtype=str, keep_default_na=False)


@pytest.fixture(scope="module")
def missions() -> pd.DataFrame:
    return pd.read_csv(DATA / "missions.csv", dtype=str, keep_default_na=False)


def test_columns_match_the_descriptor(landings: pd.DataFrame) -> None:
    descriptor = json.loads((DATA / "resources" / "lunar_landings.json").read_text(encoding="utf-8"))
    assert list(landings.columns) == [field["name"] for field in descriptor["schema"]["fields"]]
    package = json.loads((DATA / "datapackage.json").read_text(encoding="utf-8"))
    (entry,) = [r for r in package["resources"] if r["name"] == "lunar_landings"]
    assert entry == descriptor


def test_every_row_has_a_source_and_a_unique_id(landings: pd.DataFrame) -> None:
    assert landings["source_url"].str.match(r"https?://\S+$").all()
    assert landings["landing_id"].is_unique
    assert (landings["source_note"].str.len() > 0).all()
    assert set(landings["source_kind"]) <= KINDS
    assert (landings["source_kind"] == "encyclopaedia copy").mean() <= 0.05


def test_coordinates_and_dates_are_plausible(landings: pd.DataFrame) -> None:
    lat, lon = landings["latitude_deg"].astype(float), landings["longitude_deg"].astype(float)
    assert lat.between(-90, 90).all() and lon.between(-180, 180).all()
    dates = pd.to_datetime(landings["landing_date"], format="%Y-%m-%d")
    assert dates.min() == pd.Timestamp("1966-02-03")  # Luna 9, the first soft landing
    assert dates.max() <= pd.Timestamp("2025-12-31")
    assert list(landings["landing_date"]) == sorted(landings["landing_date"])
    assert set(landings["soft_landing"]) == {"true"}
    assert set(landings["outcome"]) <= {"success", "partial"}
    assert set(landings["crewed"]) | set(landings["tipped_over"]) <= {"true", "false"}


def test_the_southern_landings_before_chandrayaan3_are_the_hand_checked_list(landings: pd.DataFrame) -> None:
    before = landings[(landings["landing_date"] < "2023-08-23") & (landings["latitude_deg"].astype(float) < 0)]
    found = [(r.landing_id, r.landing_date, float(r.latitude_deg)) for r in before.sort_values("landing_date").itertuples()]
    assert found == SOUTH_BEFORE_CHANDRAYAAN3


def test_counts_per_country(landings: pd.DataFrame) -> None:
    assert landings["country"].value_counts().to_dict() == PER_COUNTRY
    assert len(landings) == sum(PER_COUNTRY.values())


def test_six_crewed_landings_and_the_flagged_tipovers(landings: pd.DataFrame) -> None:
    crewed = landings.loc[landings["crewed"] == "true", "landing_id"].tolist()
    assert crewed == ["apollo-11", "apollo-12", "apollo-14", "apollo-15", "apollo-16", "apollo-17"]
    tipped = landings.loc[landings["tipped_over"] == "true", "landing_id"].tolist()
    assert tipped == ["luna-23", "slim", "im-1"]


def test_the_first_two_soft_landings_are_there(landings: pd.DataFrame) -> None:
    first_two = landings.sort_values("landing_date").head(2)
    assert list(first_two["landing_id"]) == ["luna-9", "surveyor-1"]
    assert float(first_two.iloc[1]["latitude_deg"]) < 0 < float(first_two.iloc[0]["latitude_deg"])


def test_mission_ids_and_dates_agree_with_missions(landings: pd.DataFrame, missions: pd.DataFrame) -> None:
    linked = landings[landings["mission_id"] != ""].merge(missions, on="mission_id", how="left", suffixes=("", "_m"))
    assert linked["name"].notna().all(), "every mission_id must be in missions.csv"
    assert (linked["landing_date"] == linked["landing_date_m"]).all()
    assert (linked["country"] == linked["country_m"]).all()


def test_chandrayaan3_is_the_first_landing_poleward_of_60_south(landings: pd.DataFrame) -> None:
    polar = landings[landings["latitude_deg"].astype(float) <= -60].sort_values("landing_date")
    assert polar.iloc[0]["landing_id"] == "chandrayaan-3"
