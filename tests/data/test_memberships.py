"""Data tests for the partnerships data: memberships, ILRS organisations, regions, boundaries."""

from __future__ import annotations

import json
import re
from datetime import date
from pathlib import Path

import pandas as pd
import pycountry
import pytest

from spacerace import partnerships as p

DATA = Path(__file__).resolve().parents[2] / "data"

MEMBERSHIP_COLUMNS = ["country", "framework", "role", "date", "date_precision", "as_of", "source_url", "source_note"]
ORGANISATION_COLUMNS = ["organisation", "country", "kind", "date", "date_precision", "source_url", "source_note"]
FORMS = {"day": r"\d{4}-\d{2}-\d{2}", "on_or_before": r"\d{4}-\d{2}-\d{2}", "month": r"\d{4}-\d{2}", "year": r"\d{4}"}
SMALL_STATES_WITHOUT_SHAPE = {"BHR", "LIE", "SGP"}
"""Members too small for the 1:110m boundaries (documented in data/geo/README.md)."""


def today() -> date:
    try:
        from spacerace.data import today as book_today
    except ImportError:  # the lead's module may be absent in a partial checkout
        return date.today()
    return book_today()


def read(name: str) -> pd.DataFrame:
    return pd.read_csv(DATA / name, dtype=str, keep_default_na=False)


@pytest.fixture(scope="module")
def memberships() -> pd.DataFrame:
    return read("memberships.csv")


@pytest.fixture(scope="module")
def organisations() -> pd.DataFrame:
    return read("ilrs_organisations.csv")


@pytest.fixture(scope="module")
def regions() -> pd.DataFrame:
    return read("regions.csv")


@pytest.fixture(scope="module")
def boundary_codes() -> set[str]:
    world = json.loads((DATA / "geo" / "world.geojson").read_text(encoding="utf-8"))
    return {feature["properties"]["iso_a3"] for feature in world["features"]}


# --- memberships ----------------------------------------------------------------------------


def test_columns(memberships: pd.DataFrame) -> None:
    assert list(memberships.columns) == MEMBERSHIP_COLUMNS


def test_country_codes_are_iso_alpha3(memberships: pd.DataFrame) -> None:
    bad = sorted({c for c in memberships["country"] if pycountry.countries.get(alpha_3=c) is None})
    assert bad == []


def test_frameworks_and_roles_from_the_closed_lists(memberships: pd.DataFrame) -> None:
    assert set(memberships["framework"]) <= set(p.FRAMEWORKS)
    bad = memberships[[role not in p.ROLES[fw] for fw, role in zip(memberships["framework"], memberships["role"])]]
    assert bad.empty, bad[["country", "framework", "role"]]


def test_dates_present_well_formed_and_not_in_the_future(memberships: pd.DataFrame) -> None:
    limit = today().isoformat()
    for row in memberships.itertuples():
        assert row.date_precision in p.PRECISIONS, row
        assert re.fullmatch(FORMS[row.date_precision], row.date), row
        assert p.effective_date(row.date, row.date_precision, partial="start") <= pd.Timestamp(limit), row
        assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", row.as_of), row
        assert row.as_of <= limit, row
        # A row cannot be confirmed by a list older than the date it reports.
        assert row.date[:4] <= row.as_of[:4], row


def test_every_row_is_sourced(memberships: pd.DataFrame) -> None:
    assert memberships["source_url"].str.match(r"https?://\S+$").all()
    # Rows whose date only comes from a list must say so.
    listed = memberships[memberships["date_precision"] == "on_or_before"]
    assert listed["source_note"].str.contains("date", case=False).all()


def test_no_country_twice_in_one_role_of_a_framework(memberships: pd.DataFrame) -> None:
    duplicated = memberships[memberships.duplicated(["country", "framework", "role"], keep=False)]
    assert duplicated.empty, duplicated


def test_one_role_per_country_and_framework(memberships: pd.DataFrame) -> None:
    # The table keeps each country's current role only (it has no end dates).
    duplicated = memberships[memberships.duplicated(["country", "framework"], keep=False)]
    assert duplicated.empty, duplicated


def test_artemis_accords_count(memberships: pd.DataFrame) -> None:
    artemis = memberships[memberships["framework"] == "artemis_accords"]
    assert len(artemis) >= 50
    # The stored Wikipedia list counts 60 signatories as of 2025-11-01.
    assert len(p.as_of(memberships, "2025-11-01", ["artemis_accords"])) == 60
    # The eight original signatories of 13 October 2020.
    original = set(artemis.loc[artemis["date"] == "2020-10-13", "country"])
    assert original == {"AUS", "CAN", "ITA", "JPN", "LUX", "ARE", "GBR", "USA"}


def test_known_milestones(memberships: pd.DataFrame) -> None:
    def when(country: str, framework: str) -> str:
        row = memberships[(memberships["country"] == country) & (memberships["framework"] == framework)]
        assert len(row) == 1, (country, framework)
        return row["date"].iloc[0]

    assert when("IND", "artemis_accords") == "2023-06-21"
    assert when("RUS", "ilrs") == "2021-03-09"
    assert set(memberships.loc[memberships["framework"] == "quad", "country"]) == {"AUS", "IND", "JPN", "USA"}
    assert len(memberships[(memberships["framework"] == "iss")]) == 15


def test_thailand_joined_ilrs_before_the_artemis_accords(memberships: pd.DataFrame) -> None:
    # The CODE blog post (book/seeds) says Thailand signed on to ILRS before the Artemis Accords.
    hedgers = p.hedgers(memberships, today()).set_index("country")
    assert "THA" in hedgers.index
    assert hedgers.loc["THA", "first"] == "ILRS"


def test_ilrs_founders_and_no_organisation_among_states(memberships: pd.DataFrame) -> None:
    ilrs = memberships[memberships["framework"] == "ilrs"]
    assert set(ilrs.loc[ilrs["role"] == "founding partner", "country"]) == {"CHN", "RUS"}
    assert ilrs["country"].str.fullmatch(r"[A-Z]{3}").all()


def test_apsco_members(memberships: pd.DataFrame) -> None:
    apsco = memberships[memberships["framework"] == "apsco"]
    members = set(apsco.loc[apsco["role"] == "member", "country"])
    assert members == {"BGD", "CHN", "IRN", "MNG", "PAK", "PER", "THA", "TUR"}


def test_esa_member_count(memberships: pd.DataFrame) -> None:
    esa = memberships[memberships["framework"] == "esa"]
    assert (esa["role"] == "member").sum() == 23


# --- ILRS organisations ---------------------------------------------------------------------


def test_organisations(organisations: pd.DataFrame, memberships: pd.DataFrame) -> None:
    assert list(organisations.columns) == ORGANISATION_COLUMNS
    assert organisations["organisation"].is_unique
    assert organisations["source_url"].str.match(r"https?://\S+$").all()
    limit = today().isoformat()
    for row in organisations.itertuples():
        assert row.country == "" or pycountry.countries.get(alpha_3=row.country) is not None, row
        assert re.fullmatch(FORMS[row.date_precision], row.date), row
        assert row.date <= limit, row
    # Organisations are never mixed with states.
    assert not set(organisations["organisation"]) & set(memberships["country"])


# --- regions and boundaries -----------------------------------------------------------------


def test_regions_table(regions: pd.DataFrame) -> None:
    assert regions["country"].is_unique
    assert set(regions["region"]) == {"Africa", "Americas", "Asia", "Europe", "Oceania"}
    assert (regions["subregion"] != "").all()
    assert p.region_of("THA", regions) == "Asia"
    assert p.region_of("BRA", regions, level="subregion") == "Latin America and the Caribbean"


def test_every_member_has_a_region(memberships: pd.DataFrame, regions: pd.DataFrame) -> None:
    assert sorted(set(memberships["country"]) - set(regions["country"])) == []


def test_every_member_has_a_shape_except_small_states(memberships: pd.DataFrame, boundary_codes: set[str]) -> None:
    assert set(memberships["country"]) - boundary_codes == SMALL_STATES_WITHOUT_SHAPE


def test_boundaries_file(boundary_codes: set[str]) -> None:
    path = DATA / "geo" / "world.geojson"
    assert path.stat().st_size < 250_000
    world = json.loads(path.read_text(encoding="utf-8"))
    assert world["type"] == "FeatureCollection"
    assert len(world["features"]) == 177
    for feature in world["features"]:
        assert set(feature["properties"]) == {"iso_a3", "name"}
        assert feature["geometry"]["type"] in {"Polygon", "MultiPolygon"}


def test_boundaries_outer_rings_are_clockwise() -> None:
    world = json.loads((DATA / "geo" / "world.geojson").read_text(encoding="utf-8"))

    def signed_area(ring: list[list[float]]) -> float:
        return sum(x0 * y1 - x1 * y0 for (x0, y0), (x1, y1) in zip(ring, ring[1:]))

    for feature in world["features"]:
        geometry = feature["geometry"]
        polygons = [geometry["coordinates"]] if geometry["type"] == "Polygon" else geometry["coordinates"]
        for polygon in polygons:
            assert signed_area(polygon[0]) < 0, feature["properties"]["iso_a3"]  # clockwise


def test_resource_descriptors_match_the_files() -> None:
    for name in ("memberships", "ilrs_organisations", "regions"):
        descriptor = json.loads((DATA / "resources" / f"{name}.json").read_text(encoding="utf-8"))
        header = list(read(descriptor["path"]).columns)
        assert [field["name"] for field in descriptor["schema"]["fields"]] == header, name
