"""Data tests for data/lunar_landings.csv (lunar soft landings with coordinates)."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest

DATA = Path(__file__).resolve().parents[2] / "data"


@pytest.fixture(scope="module")
def landings() -> pd.DataFrame:
    return pd.read_csv(DATA / "lunar_landings.csv", dtype=str, keep_default_na=False)


@pytest.fixture(scope="module")
def missions() -> pd.DataFrame:
    return pd.read_csv(DATA / "missions.csv", dtype=str, keep_default_na=False)


def test_columns_match_the_descriptor(landings: pd.DataFrame) -> None:
    descriptor = json.loads((DATA / "resources" / "lunar_landings.json").read_text(encoding="utf-8"))
    assert list(landings.columns) == [field["name"] for field in descriptor["schema"]["fields"]]


def test_every_row_has_a_source_and_a_unique_id(landings: pd.DataFrame) -> None:
    assert landings["source_url"].str.match(r"https?://\S+$").all()
    assert landings["landing_id"].is_unique
    assert (landings["source_note"].str.len() > 0).all()


def test_coordinates_and_dates_are_plausible(landings: pd.DataFrame) -> None:
    lat, lon = landings["latitude_deg"].astype(float), landings["longitude_deg"].astype(float)
    assert lat.between(-90, 90).all() and lon.between(-180, 180).all()
    dates = pd.to_datetime(landings["landing_date"], format="%Y-%m-%d")
    assert (dates >= "1966-02-03").all()  # Luna 9, the first soft landing
    assert set(landings["soft_landing"]) == {"true"}
    assert set(landings["outcome"]) <= {"success", "partial"}


def test_the_first_two_soft_landings_are_there(landings: pd.DataFrame) -> None:
    # The table is a selection; the southern-hemisphere check relies on it holding every landing
    # up to the first southern one: Luna 9 (north) and Surveyor 1 (south), the first two of all.
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
