"""Derive ``data/registered_objects.csv`` and ``data/constellation_payloads.csv`` from raw copies.

Offline, deterministic, one command::

    python scripts/derive_objects.py

Inputs (untouched copies, see the README next to each):

* ``data/raw/un-register/outer_space_objects.csv``: objects launched into space per entity and
  year, from the UN Office for Outer Space Affairs' Online Index of Objects Launched into Outer
  Space as processed by Our World in Data (TidyTuesday 2024-04-23 copy).
* ``data/raw/constellations/constellation_payloads_cumulative_since_first_payload.csv``: GCAT
  satellite-catalogue objects whose payload name contains "Starlink", "OneWeb" or "Kuiper",
  counted cumulatively by days since each series' first launch (CKalitin/mcdowell-dataset-analysis).
* ``data/raw/constellations/gcat_orgs_constellations.tsv``: GCAT organisations rows of the three
  operators (state of each operator).
* ``data/raw/launches/gcat_orbital_launches_1957_2025.csv`` (read only, owned by the launches
  table): used to check that every day on which a constellation count grows is a launch date.

Rules:

* UN register: ``code`` is OWID's alpha-3 code for countries; OWID's "Russia" rows up to 1991 are
  the Soviet Union's registrations and get the book's code ``SUN`` (entity name kept as the source
  writes it); "European Space Agency" gets the book's ``ESA``; other intergovernmental and
  commercial organisations (no code in the source) are ``kind=organisation`` with an empty code;
  OWID's "World" row (code ``OWID_WRL``) is ``kind=world``, empty code.
* Constellations: the cumulative count is anchored at the first launch of each series (dates
  below, each checked against the GCAT launch list); payloads launched in a year = cumulative count
  at the last day of that year minus at the last day of the previous year.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
UN_FILE = ROOT / "data" / "raw" / "un-register" / "outer_space_objects.csv"
CONST_DIR = ROOT / "data" / "raw" / "constellations"
CUMULATIVE_FILE = CONST_DIR / "constellation_payloads_cumulative_since_first_payload.csv"
ORGS_FILE = CONST_DIR / "gcat_orgs_constellations.tsv"
LAUNCH_FILE = ROOT / "data" / "raw" / "launches" / "gcat_orbital_launches_1957_2025.csv"
OUT_OBJECTS = ROOT / "data" / "registered_objects.csv"
OUT_CONSTELLATIONS = ROOT / "data" / "constellation_payloads.csv"

# --------------------------------------------------------------------------- UN register

UN_SOURCE_URL = "https://ourworldindata.org/grapher/yearly-number-of-objects-launched-into-outer-space"
UN_NOTE = (
    "UNOOSA Online Index of Objects Launched into Outer Space, processed by Our World in Data "
    "(retrieved 2024-04-21), copied from github.com/rfordatascience/tidytuesday "
    "data/2024/2024-04-23/outer_space_objects.csv (commit 2c423bac); objects = satellites, probes, "
    "landers, crewed spacecraft and space-station elements registered with the UN (OWID: about 88% "
    "of all objects launched); a joint launch counts for each partner but once for World"
)
WORLD_CODE = "OWID_WRL"
ESA_ENTITY = "European Space Agency"
SOVIET_LAST_YEAR = 1991  # OWID's "Russia" includes the Soviet Union's registrations before 1992


def derive_registered_objects(raw: pd.DataFrame) -> pd.DataFrame:
    """Tidy table ``entity, code, kind, year, objects, source_url, source_note``."""
    frame = raw.rename(columns={"Entity": "entity", "Code": "code", "Year": "year", "num_objects": "objects"})
    frame["code"] = frame["code"].fillna("")
    frame["kind"] = "country"
    is_world = frame["code"] == WORLD_CODE
    is_org = (frame["code"] == "") & ~is_world
    frame.loc[is_world, "kind"] = "world"
    frame.loc[is_world, "code"] = ""
    frame.loc[is_org, "kind"] = "organisation"
    frame.loc[frame["entity"] == ESA_ENTITY, "code"] = "ESA"
    soviet = (frame["entity"] == "Russia") & (frame["year"] <= SOVIET_LAST_YEAR)
    frame.loc[soviet, "code"] = "SUN"
    notes = pd.Series(UN_NOTE, index=frame.index)
    notes[soviet] += "; OWID lists the Soviet Union's registrations under Russia: coded SUN here up to 1991"
    notes[frame["entity"] == ESA_ENTITY] += "; ESA registers its own objects (an intergovernmental organisation): the book's code ESA"
    notes[is_org & (frame["entity"] != ESA_ENTITY)] += "; an intergovernmental or commercial organisation registering in its own name: no country code, not part of any country's count"
    notes[is_world] += "; World total: each object once, so it can be less than the sum of the rows (joint launches) or, in a few years, one more (an object attributed to no listed entity); never add it to the countries"
    notes[(frame["entity"] == "Czechia") & (frame["year"] <= 1992)] += "; before 1993 Czechoslovakia, listed by OWID as Czechia"
    notes[(frame["entity"] == "Germany") & (frame["year"] <= 1990)] += "; before 1991 West Germany, listed by OWID as Germany"
    frame["source_url"] = UN_SOURCE_URL
    frame["source_note"] = notes
    frame["objects"] = frame["objects"].astype(int)
    frame["year"] = frame["year"].astype(int)
    columns = ["entity", "code", "kind", "year", "objects", "source_url", "source_note"]
    return frame[columns].sort_values(["kind", "entity", "year"], kind="stable").reset_index(drop=True)


# --------------------------------------------------------------------------- constellations

CONST_SOURCE_URL = "https://github.com/CKalitin/mcdowell-dataset-analysis/blob/139670d76bb201189d972701ea1cc9ba80ab661d/examples/outputs/csv/constellation_payloads/constellation_payloads_vs_date_since_first_payload_by_filter_2020_present.csv"

#: Series -> (first launch date of the series = day 0, GCAT operator organisation, launch of day 0).
SERIES: dict[str, tuple[str, str, str]] = {
    "Starlink": ("2018-02-22", "SPX", "Falcon 9 'PAZ' launch carrying the Tintin A/B Starlink prototypes"),
    "OneWeb": ("2019-02-27", "ONEWEB", "Soyuz 'OneWeb F6', the first six OneWeb satellites"),
    "Kuiper": ("2023-10-06", "KUIP", "Atlas V 'Kuiper Protoflight', KuiperSat-1 and -2"),
}
#: GCAT state code -> ISO 3166-1 alpha-3.
STATE_TO_COUNTRY = {"US": "USA", "UK": "GBR"}
DATA_UPDATE = "2025-12-01"  # GCAT data update in commit 139670d7
PARTIAL_YEAR = 2025
MAX_OFF_BY_ONE = 2  # Starlink 2025-11-18 (satcat) vs 2025-11-19 (launch list, Starlink Group 6-94)


def _read_orgs(path: Path) -> pd.DataFrame:
    lines = [line for line in path.read_text(encoding="utf-8").splitlines() if not line.startswith("# Updated")]
    header = lines[0].lstrip("#").split("\t")
    rows = [line.split("\t") for line in lines[1:]]
    return pd.DataFrame(rows, columns=header)


def derive_constellation_payloads(cumulative: pd.DataFrame, orgs: pd.DataFrame, launch_dates: set[str]) -> pd.DataFrame:
    """Payloads launched per constellation and calendar year, from the cumulative day counts."""
    state = dict(zip(orgs["Code"].str.strip(), orgs["StateCode"].str.strip()))
    records = []
    for series, (day0, org, day0_launch) in SERIES.items():
        counts = cumulative.set_index("Time_Since_First_Payload")[series].dropna()
        dates = pd.Timestamp(day0) + pd.to_timedelta(counts.index, unit="D")
        steps = counts.diff().fillna(counts.iloc[0])
        step_dates = {d.strftime("%Y-%m-%d") for d in dates[(steps > 0).to_numpy()]}
        # The satellite catalogue and the launch list may date a launch near midnight one day apart.
        near = {(pd.Timestamp(d) + pd.Timedelta(days=k)).strftime("%Y-%m-%d") for d in launch_dates for k in (-1, 0, 1)}
        missing = sorted(step_dates - near)
        if missing:
            sys.exit(f"{series}: counts grow on days that are not GCAT launch dates (+-1 day): {missing[:5]}")
        if len(step_dates - launch_dates) > MAX_OFF_BY_ONE:
            sys.exit(f"{series}: too many growth days one day off a launch date: {sorted(step_dates - launch_dates)}")
        if (steps < 0).any():
            sys.exit(f"{series}: the cumulative count decreases")
        by_year = pd.Series(counts.to_numpy(), index=dates.year).groupby(level=0).last()
        yearly = by_year.diff().fillna(by_year.iloc[0]).astype(int)
        last_day = dates.max().strftime("%Y-%m-%d")
        country = STATE_TO_COUNTRY[state[org]]
        for year, payloads in yearly.items():
            note = (
                f"GCAT satellite catalogue (J. McDowell, planet4589.org, CC-BY 4.0, data update {DATA_UPDATE}) via "
                f"CKalitin/mcdowell-dataset-analysis commit 139670d7: catalogued objects whose payload name contains "
                f"'{series}' (case-insensitive), counted on their launch date; objects that reached orbit, including "
                f"those since re-entered; day 0 = {day0} ({day0_launch}); country = GCAT state of operator {org}"
            )
            if year == PARTIAL_YEAR:
                note += f"; PARTIAL YEAR: launches to {last_day} only (last launch of this series in the data, data update {DATA_UPDATE})"
            records.append({"constellation": series, "country": country, "year": int(year), "payloads": int(payloads),
                            "source_url": CONST_SOURCE_URL, "source_note": note})
    return pd.DataFrame(records)


def main() -> None:
    raw = pd.read_csv(UN_FILE, dtype={"Code": str}, keep_default_na=False)
    raw["Code"] = raw["Code"].replace("", pd.NA)
    objects = derive_registered_objects(raw)
    objects.to_csv(OUT_OBJECTS, index=False, lineterminator="\n")

    cumulative = pd.read_csv(CUMULATIVE_FILE, index_col=0)
    orgs = _read_orgs(ORGS_FILE)
    launches = pd.read_csv(LAUNCH_FILE, usecols=["Launch_Date"], dtype=str)
    constellations = derive_constellation_payloads(cumulative, orgs, set(launches["Launch_Date"]))
    constellations.to_csv(OUT_CONSTELLATIONS, index=False, lineterminator="\n")
    print(f"{OUT_OBJECTS.relative_to(ROOT)}: {len(objects)} rows; {OUT_CONSTELLATIONS.relative_to(ROOT)}: {len(constellations)} rows")


if __name__ == "__main__":
    main()
