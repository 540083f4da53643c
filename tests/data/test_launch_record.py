"""Data tests for the launch record (issue 19): data/launch_outcomes.csv and data/launcher_debuts.csv,
derived from GCAT by scripts/derive_launch_record.py.

The hand-checked facts cite the pages read with the search tool (also listed in
data/raw/launches/README.md, section "The launch record").
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pandas as pd
import pytest

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT / "data"
LAST_FULL_YEAR = 2024

OUTCOME_COLUMNS = [
    "year", "country", "vehicle_family", "operator", "payload_use",
    "attempts", "successes", "failures", "source_url", "source_note",
]
DEBUT_COLUMNS = [
    "vehicle", "vehicle_family", "country", "operator", "flight_number",
    "launch_tag", "date", "outcome", "source_url", "source_note",
]


@pytest.fixture(scope="module")
def outcomes() -> pd.DataFrame:
    return pd.read_csv(DATA / "launch_outcomes.csv", keep_default_na=False)


@pytest.fixture(scope="module")
def debuts() -> pd.DataFrame:
    return pd.read_csv(DATA / "launcher_debuts.csv", keep_default_na=False)


@pytest.fixture(scope="module")
def launches() -> pd.DataFrame:
    return pd.read_csv(DATA / "launches.csv", keep_default_na=False)


@pytest.fixture(scope="module")
def script():
    sys.path.insert(0, str(ROOT / "scripts"))
    spec = importlib.util.spec_from_file_location("derive_launch_record", ROOT / "scripts" / "derive_launch_record.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


# ----------------------------------------------------------------------------- launch_outcomes


def test_outcome_columns_and_size(outcomes: pd.DataFrame) -> None:
    assert list(outcomes.columns) == OUTCOME_COLUMNS
    assert 1000 < len(outcomes) < 5000  # small enough for a chapter to read at once


def test_outcome_counts_add_up(outcomes: pd.DataFrame) -> None:
    assert (outcomes["attempts"] == outcomes["successes"] + outcomes["failures"]).all()
    assert (outcomes["attempts"] >= 1).all()
    assert not outcomes.duplicated(["year", "country", "vehicle_family", "operator", "payload_use"]).any()


def test_outcome_categories(outcomes: pd.DataFrame) -> None:
    assert set(outcomes["operator"]) == {"government", "commercial"}
    assert set(outcomes["payload_use"]) == {"civil", "military", "commercial", "mixed", "unknown"}
    assert outcomes["year"].min() == 1957 and outcomes["year"].max() == LAST_FULL_YEAR


def test_every_country_year_matches_launches_csv(outcomes: pd.DataFrame, launches: pd.DataFrame) -> None:
    summed = outcomes.groupby(["year", "country"], as_index=False)[["attempts", "successes", "failures"]].sum()
    merged = summed.merge(launches, on=["year", "country"], how="outer", suffixes=("", "_launches"), indicator=True)
    assert (merged["_merge"] == "both").all(), merged[merged["_merge"] != "both"]
    for column in ("attempts", "successes", "failures"):
        assert (merged[column] == merged[f"{column}_launches"]).all(), column


def test_starship_is_its_own_family(outcomes: pd.DataFrame) -> None:
    starship = outcomes[outcomes["vehicle_family"] == "Starship"]
    # GCAT: 2023-F05 and 2023-F11 failed; 2024-U01, U03, U04, U06 succeeded.
    assert starship.groupby("year")[["attempts", "successes", "failures"]].sum().to_dict("index") == {
        2023: {"attempts": 2, "successes": 0, "failures": 2},
        2024: {"attempts": 4, "successes": 4, "failures": 0},
    }
    assert set(starship["country"]) == {"USA"} and set(starship["operator"]) == {"commercial"}
    assert starship["source_note"].str.contains("Starship test flights").all()
    assert not outcomes.loc[outcomes["vehicle_family"] != "Starship", "source_note"].str.contains("Starship").any()


def test_family_naming(outcomes: pd.DataFrame) -> None:
    families = set(outcomes["vehicle_family"])
    for name in ("Falcon 9", "Falcon Heavy", "Chang Zheng 2", "Chang Zheng 5", "PSLV", "LVM3", "H3", "H-II",
                 "Ariane 5", "Ariane 6", "Vega", "Soyuz", "Electron", "Ceres-1", "Kinetica-1", "Gravity-1"):
        assert name in families, name
    assert not any(name.startswith("Chang Zheng 2") and name != "Chang Zheng 2" for name in families)
    assert "Gushenxing 1" not in families and "Lijian-1" not in families


def test_known_operator_classes(outcomes: pd.DataFrame) -> None:
    def operators(family: str, country: str) -> set[str]:
        rows = outcomes[(outcomes["vehicle_family"] == family) & (outcomes["country"] == country)]
        return set(rows["operator"])

    assert operators("Falcon 9", "USA") == {"commercial"}  # SpaceX, GCAT class B
    assert operators("PSLV", "IND") == {"government"}  # ISRO, class C
    assert operators("Electron", "NZL") == {"commercial"}
    assert operators("Chang Zheng 5", "CHN") == {"government"}  # CALT, class C
    assert operators("Kosmos", "SUN") == {"government"}  # RVSN, class D


def test_unknown_payload_use_is_mostly_failures(outcomes: pd.DataFrame) -> None:
    unknown = outcomes[outcomes["payload_use"] == "unknown"]
    assert unknown["failures"].sum() / outcomes["failures"].sum() > 0.8  # said in the README and datapackage
    assert unknown["successes"].sum() == 10


def test_outcome_sources(outcomes: pd.DataFrame) -> None:
    assert (outcomes["source_url"] == "https://planet4589.org/space/gcat/web/launch/lcols.html").all()
    assert outcomes["source_note"].str.contains("139670d7").all()


# ----------------------------------------------------------------------------- launcher_debuts


def test_debut_columns(debuts: pd.DataFrame) -> None:
    assert list(debuts.columns) == DEBUT_COLUMNS
    assert not debuts.duplicated(["vehicle", "flight_number"]).any()
    assert debuts["launch_tag"].is_unique
    assert set(debuts["outcome"]) == {"success", "failure"}


def test_debuts_start_in_1990_and_number_flights_in_order(debuts: pd.DataFrame) -> None:
    first = debuts[debuts["flight_number"] == 1]
    assert first["vehicle"].is_unique and set(first["vehicle"]) == set(debuts["vehicle"])
    assert (first["date"] >= "1990-01-01").all()
    for _, group in debuts.groupby("vehicle"):
        assert list(group["flight_number"]) == list(range(1, len(group) + 1))
        assert group["date"].is_monotonic_increasing
    assert debuts["flight_number"].max() == 5


def flights(debuts: pd.DataFrame, vehicle: str) -> list[tuple[str, str]]:
    rows = debuts[debuts["vehicle"] == vehicle].sort_values("flight_number")
    return list(zip(rows["date"], rows["outcome"]))


@pytest.mark.parametrize(
    ("vehicle", "country", "date", "outcome"),
    [
        # https://www.spaceintel101.com/post/japan-s-h3-rocket-fails-on-test-flight (7 Mar 2023, 10:37 JST)
        ("H3", "JPN", "2023-03-07", "failure"),
        # https://www.newsgram.com/technology/2022/08/07/indias-maiden-small-rocket-mission-fails-to-place-two-satellites-in-proper-orbit
        ("SSLV", "IND", "2022-08-07", "failure"),
        # https://www.space.com/south-korea-nuri-rocket-launch-failure (21 Oct 2021, 0800 GMT)
        ("Nuri", "KOR", "2021-10-21", "failure"),
        # https://www.space.com/china-zhuque-2-methane-rocket-fail-reach-orbit (14 Dec 2022, 0830 GMT)
        ("Zhuque-2", "CHN", "2022-12-14", "failure"),
        # https://www.nasaspaceflight.com/2021/12/chinas-galactic-energy-launches-second-ceres-1-rocket-successfully/
        ("Ceres-1", "CHN", "2020-11-07", "success"),
        # https://www.spaceintel101.com/post/cas-launched-its-first-largest-solid-carrier-rocket-lijian-1 (0412 UTC)
        ("Kinetica-1", "CHN", "2022-07-27", "success"),
        # https://www.space.com/china-orienspace-gravity-1-rocket-launch-success-video (0530 GMT)
        ("Gravity-1", "CHN", "2024-01-11", "success"),
        # https://techcrunch.com/2019/07/25/ispace-becomes-the-first-private-chinese-company-to-launch-satellites-to-orbit/
        ("Hyperbola-1", "CHN", "2019-07-25", "success"),
    ],
)
def test_first_flights_checked_by_hand(debuts: pd.DataFrame, vehicle: str, country: str, date: str, outcome: str) -> None:
    first = debuts[(debuts["vehicle"] == vehicle) & (debuts["flight_number"] == 1)]
    assert len(first) == 1, vehicle
    row = first.iloc[0]
    assert (row["country"], row["date"], row["outcome"]) == (country, date, outcome)


def test_later_flights_checked_by_hand(debuts: pd.DataFrame) -> None:
    # Vega C's second flight, VV22, failed (01:47 UT on 21 Dec 2022):
    # https://www.aerospatium.info/vega-c-enregistre-son-premier-echec/
    assert flights(debuts, "Vega C")[:2] == [("2022-07-13", "success"), ("2022-12-21", "failure")]
    # Hyperbola-1's fourth flight, 13 May 2022, failed: https://go-taikonauts.com/en/chinese-space-news/3882-hyperbola-1-launch-failed
    assert flights(debuts, "Hyperbola-1")[3] == ("2022-05-13", "failure")
    # H3 and SSLV succeeded on their second flights (GCAT 2024-032, 2023-019)
    assert flights(debuts, "H3")[1][1] == "success" and flights(debuts, "SSLV")[1][1] == "success"


def test_starship_flights_are_listed_under_their_family(debuts: pd.DataFrame) -> None:
    starship = debuts[debuts["vehicle_family"] == "Starship"]
    assert set(starship["vehicle"]) == {"Starship V1.0", "Starship V2"}
    # first integrated flight test, 20 Apr 2023 (8:33 a.m. Central), ended in an explosion:
    # https://www.orlandosentinel.com/2023/04/20/pictures-spacex-starship-and-super-heavy-test-launch-from-texas/
    assert flights(debuts, "Starship V1.0")[:2] == [("2023-04-20", "failure"), ("2023-11-18", "failure")]


def test_variants_and_aliases(debuts: pd.DataFrame) -> None:
    vehicles = set(debuts["vehicle"])
    for name in ("H3", "Nuri", "SSLV", "Zhuque-2", "Ceres-1", "Kinetica-1", "Gravity-1", "Kuaizhou-1A", "Vega C",
                 "Ariane 6", "Electron", "Falcon 9", "Vulcan Centaur", "New Glenn", "Angara A5", "Epsilon", "LVM3"):
        assert name in vehicles, name
    assert "Tianlong-3" not in vehicles  # had not flown by the end of the snapshot (2025-11-30)
    assert not vehicles & {"H3-22S", "PSLV-XL", "Atlas V 401", "Chang Zheng 3B/YZ-1", "Gushenxing 1"}
    # vehicles first flown before 1990 are not listed, even under a new configuration
    assert not vehicles & {"PSLV-XL", "Delta II", "Ariane 4", "Soyuz", "Proton-K", "Chang Zheng 2C"}


# ----------------------------------------------------------------------------- the script


def test_vehicle_rules(script) -> None:
    assert script.vehicle_of("Chang Zheng 3B/YZ-1") == ("Chang Zheng 3B", "Chang Zheng 3")
    assert script.vehicle_of("Chang Zheng 2C-III/SD") == ("Chang Zheng 2C", "Chang Zheng 2")
    assert script.vehicle_of("Starship V2") == ("Starship V2", "Starship")
    assert script.vehicle_of("GSLV Mk III") == ("LVM3", "LVM3")
    assert script.vehicle_of("Gushenxing 1") == ("Ceres-1", "Ceres-1")
    assert script.vehicle_of("Atlas V 551") == ("Atlas V", "Atlas V")
    assert script.vehicle_of("Delta 7925-9.5") == ("Delta II", "Delta II")
    assert script.vehicle_of("Nuri") == ("Nuri", "Nuri")


def test_payload_use_mapping(script) -> None:
    assert [script.payload_use(c) for c in ("C", "A", "D", "B", "", "CD", "CB", "BD")] == [
        "civil", "civil", "military", "commercial", "unknown", "mixed", "mixed", "mixed",
    ]
    with pytest.raises(ValueError):
        script.payload_use("X")


def test_the_script_reproduces_the_files(script, tmp_path: Path) -> None:
    orgs, updated = script.dl.read_orgs()
    rows = script.launch_rows(script.dl.read_launches(), orgs)
    outcomes = script.derive_outcomes(rows, script.dl.last_complete_year(updated, rows))
    debuts = script.derive_debuts(rows)
    for frame, name in ((outcomes, "launch_outcomes.csv"), (debuts, "launcher_debuts.csv")):
        path = tmp_path / name
        frame.to_csv(path, index=False, encoding="utf-8", lineterminator="\n")
        assert path.read_bytes() == (DATA / name).read_bytes(), name
