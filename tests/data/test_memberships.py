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

MEMBERSHIP_COLUMNS = ["country", "framework", "role", "date", "date_precision", "as_of", "source_url", "source_kind", "source_note"]
ORGANISATION_COLUMNS = ["organisation", "country", "kind", "date", "date_precision", "source_url", "source_kind", "source_note"]
SOURCE_KINDS = {"official", "press", "scholarly", "dataset", "encyclopaedia copy"}
"""The closed list of source kinds (issue 17); copies of Wikipedia are "encyclopaedia copy"."""
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
    # Hand-counted from the official statements: the State Department counted 59 signatories after
    # Hungary (22 Oct), Malaysia (26 Oct) and the Philippines (27 Oct 2025), and called Portugal
    # (signed 11 Jan 2026) "the 60th country to sign the Accords to date" on 12 January 2026.
    assert len(p.as_of(memberships, "2025-10-27", ["artemis_accords"])) == 59
    assert len(p.as_of(memberships, "2026-01-12", ["artemis_accords"])) == 60
    assert len(artemis) == 60  # no signing found after Portugal in the sources read (to 2026-12-01)
    assert (artemis["as_of"] == "2026-01-12").all()
    # The eight original signatories of 13 October 2020.
    original = set(artemis.loc[artemis["date"] == "2020-10-13", "country"])
    assert original == {"AUS", "CAN", "ITA", "JPN", "LUX", "ARE", "GBR", "USA"}


def test_artemis_accords_dates_of_2025_and_2026(memberships: pd.DataFrame) -> None:
    artemis = memberships[memberships["framework"] == "artemis_accords"].set_index("country")
    # The Philippines: the State Department says Gay Perez (Philippine Space Agency) signed on
    # 27 October 2025 in Kuala Lumpur. The White House fact sheet announcing it is dated 26 October
    # (Washington time, 12 hours behind Kuala Lumpur), which is where the old 26 October came from.
    # The rule is the local date of the signing as the official statement gives it.
    assert artemis.loc["PHL", "date"] == "2025-10-27"
    assert "27 October" in artemis.loc["PHL", "source_note"]
    assert artemis.loc["MYS", "date"] == "2025-10-26"  # State Department: signed 26 October
    assert artemis.loc["HUN", "date"] == "2025-10-22"
    # Portugal signed on 11 January 2026; the ceremony in Lisbon was on the 12th.
    assert artemis.loc["PRT", "date"] == "2026-01-11"
    # Latvia: its cabinet approved accession on 7 October 2025 and its government announced it on
    # 31 October 2025, but no official list records a signing: the State Department's count of
    # 12 January 2026 (Portugal the 60th) leaves Latvia out. A row without a signing stays out.
    assert "LVA" not in artemis.index
    assert set(memberships.loc[memberships["country"] == "LVA", "framework"]) == {"esa"}


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


def test_apsco_dated_by_the_signing_of_its_convention(memberships: pd.DataFrame) -> None:
    # APSCO's history page: eight governments signed the Convention in Beijing on 28 October 2005
    # (seven members and Indonesia, still only a signatory state); Turkey signed on 1 June 2006.
    apsco = memberships[memberships["framework"] == "apsco"].set_index("country")
    signed_2005 = set(apsco.index[apsco["date"] == "2005-10-28"])
    assert signed_2005 == {"BGD", "CHN", "IDN", "IRN", "MNG", "PAK", "PER", "THA"}
    assert apsco.loc["TUR", "date"] == "2006-06-01"


def test_esa_member_count(memberships: pd.DataFrame) -> None:
    esa = memberships[memberships["framework"] == "esa"]
    assert (esa["role"] == "member").sum() == 23


# --- sources --------------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["memberships.csv", "ilrs_organisations.csv"])
def test_source_kinds_from_the_closed_list(name: str) -> None:
    table = read(name)
    assert set(table["source_kind"]) <= SOURCE_KINDS, set(table["source_kind"]) - SOURCE_KINDS


@pytest.mark.parametrize("name", ["memberships.csv", "ilrs_organisations.csv"])
def test_at_most_five_percent_encyclopaedia_copies(name: str) -> None:
    table = read(name)
    share = (table["source_kind"] == "encyclopaedia copy").mean()
    assert share <= 0.05, f"{share:.1%} of {name} cites copies of Wikipedia"


def test_source_kind_matches_the_address(memberships: pd.DataFrame, organisations: pd.DataFrame) -> None:
    copies = r"frwiki|kiwix|piglix|friendlywiki|movatter|wikimili|wikisum|wikipedia\.org"
    for table in (memberships, organisations):
        is_copy = table["source_url"].str.contains(copies)
        assert (table.loc[is_copy, "source_kind"] == "encyclopaedia copy").all()
        assert (table.loc[~is_copy, "source_kind"] != "encyclopaedia copy").all()


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


def test_ilrs_organisation_agreements(organisations: pd.DataFrame) -> None:
    dated = organisations.set_index("organisation")["date"]
    # CNSA and APSCO signed their joint statement on 25 April 2023 (DSEL's own page).
    assert dated["Asia-Pacific Space Cooperation Organization (APSCO)"] == "2023-04-25"
    # China Science Daily names the ten organisations that signed DSEL memoranda on 5 September 2024.
    assert (organisations["date"] == "2024-09-05").sum() == 10
    assert len(organisations) >= 15


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
