"""Derive ``data/launch_outcomes.csv`` and ``data/launcher_debuts.csv`` from the GCAT rows in
``data/raw/launches/`` (issue 19, the launch record).

Offline, deterministic, one command::

    python scripts/derive_launch_record.py

It reuses the launch rules of ``scripts/derive_launches.py`` (imported, not copied): the same
attempts (GCAT categories O and D, pad explosions ``E`` dropped), the same outcome letter and the
same launching country (state of the first organisation in ``Agency``, Arianespace as ESA, Rocket
Lab Ltd. as NZL). So per country and year, ``launch_outcomes`` adds up to ``data/launches.csv``.

Added here (documented in ``data/raw/launches/README.md``, section "The launch record"):

* ``operator``: GCAT organisations file, ``Class`` of that first organisation: ``B`` (business)
  -> ``commercial``; ``C`` (civil government) and ``D`` (defence) -> ``government``;
  ``A`` (academic) would be ``government`` too but no launching organisation has it.
* ``payload_use``: the GCAT payload class of the launch's first catalogued payload (column
  ``First_Payload_Class`` of the raw file): ``C`` -> civil, ``A`` (academic/amateur) -> civil,
  ``D`` -> military, ``B`` -> commercial, two letters (``CD``, ``CB``, ``BD``) -> mixed, empty ->
  unknown (almost only failed launches, whose payloads are not in the satellite catalogue the raw
  file was joined with).
* ``vehicle_family`` and the debut ``vehicle``: :data:`VEHICLE_RULES`, an ordered table of
  regular expressions on GCAT's ``LV_Type``.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parent))
import derive_launches as dl  # noqa: E402  (the shared launch rules live there)

ROOT = dl.ROOT
OUTCOMES_FILE = ROOT / "data" / "launch_outcomes.csv"
DEBUTS_FILE = ROOT / "data" / "launcher_debuts.csv"

SOURCE_URL = dl.SOURCE_URL
SHORT_REPO = "GCAT update 2025-12-01 (CKalitin/mcdowell-dataset-analysis@139670d7)"
DEBUT_FROM_YEAR = 1990
DEBUT_FLIGHTS = 5

#: GCAT organisation class (orgs.tsv ``Class``) -> operator.
ORG_CLASS_TO_OPERATOR: dict[str, str] = {"B": "commercial", "C": "government", "D": "government", "A": "government"}

#: GCAT payload class (psatcat ``Class``, first payload of the launch) -> payload_use.
PAYLOAD_CLASS_TO_USE: dict[str, str] = {"C": "civil", "A": "civil", "D": "military", "B": "commercial", "": "unknown"}

#: English names for GCAT vehicle names that differ from the makers' usual English names.
ALIASES: dict[str, str] = {
    "Gushenxing 1": "Ceres-1",  # Galactic Energy
    "Lijian-1": "Kinetica-1",  # CAS Space
    "Yinli-1": "Gravity-1",  # Orienspace
    "Shuang Quxian 1": "Hyperbola-1",  # iSpace
}

#: Ordered rules: (regex on LV_Type, debut vehicle, vehicle family). ``\\g<n>`` refers to groups.
#: The first match wins; an LV_Type no rule matches is its own vehicle and family.
VEHICLE_RULES: list[tuple[str, str, str]] = [
    # China: Chang Zheng (Long March) variants are their own vehicles; upper stages (/YZ-1...) dropped
    (r"Chang Zheng 2C(-III/SD|/YZ-1S)?", "Chang Zheng 2C", "Chang Zheng 2"),
    (r"Chang Zheng (\d+)([A-Z]?)(/YZ-\w+)?", r"Chang Zheng \1\2", r"Chang Zheng \1"),
    (r"Kuaizhou(-1A)?", r"Kuaizhou\1", "Kuaizhou"),
    (r"Kuaizhou-11", "Kuaizhou-11", "Kuaizhou"),
    (r"Zhuque-2(E?)", r"Zhuque-2\1", "Zhuque-2"),
    (r"Jielong-(\d)", r"Jielong-\1", "Jielong"),
    (r"KT-(\d)", r"KT-\1", "Kaituozhe"),
    # USA
    (r"Falcon 9", "Falcon 9", "Falcon 9"),
    (r"Falcon Heavy", "Falcon Heavy", "Falcon Heavy"),
    (r"Starship (V1\.0|V2)", r"Starship \1", "Starship"),
    (r"Atlas V .*", "Atlas V", "Atlas V"),
    (r"Atlas (3A|3B)", "Atlas III", "Atlas III"),
    (r"Atlas (II|IIA|IIAS)", "Atlas II", "Atlas II"),
    (r"Atlas I", "Atlas I", "Atlas"),
    (r"Atlas .*", "Atlas", "Atlas"),
    (r"Delta 4H(/.*)?", "Delta IV Heavy", "Delta IV"),
    (r"Delta 4M.*", "Delta IV Medium", "Delta IV"),
    (r"Delta 8930", "Delta III", "Delta III"),
    (r"Delta [67]\d{3}.*", "Delta II", "Delta II"),
    (r"(Thor Delta.*|Delta [0-5]\d{3}.*)", "Delta", "Delta"),
    (r"Thor.*", "Thor", "Thor"),
    (r"Titan 40\dB.*", "Titan IVB", "Titan IV"),
    (r"Titan 40\dA.*", "Titan IVA", "Titan IV"),
    (r"Commercial Titan 3", "Commercial Titan III", "Titan III"),
    (r"Titan (II[IA-E]+|\d\dB|34D.*)", "Titan III", "Titan III"),
    (r"Titan II (GLV|SLV)", r"Titan II \1", "Titan II"),
    (r"(Blue )?Scout.*", "Scout", "Scout"),
    (r"(Uprated )?Saturn I(B)?", "Saturn I", "Saturn I"),
    (r"Pegasus XL(/HAPS)?", "Pegasus XL", "Pegasus"),
    (r"Pegasus( H|/HAPS)?", "Pegasus", "Pegasus"),
    (r"(ARPA )?Taurus.*", "Taurus", "Taurus"),
    (r"Minotaur (I|IV|V)\+?", r"Minotaur \1", "Minotaur"),
    (r"Minotaur-C.*", "Minotaur-C", "Minotaur"),
    (r"Athena-(\d)", r"Athena-\1", "Athena"),
    (r"(LLV-1|LMLV-1)", r"\1", "Athena"),
    (r"Antares 1\d0", "Antares 100", "Antares"),
    (r"Antares 23\d\+?", "Antares 200", "Antares"),
    (r"Astra Rocket 3\.\d", "Astra Rocket 3", "Astra Rocket 3"),
    (r"Vulcan Centaur .*", "Vulcan Centaur", "Vulcan"),
    (r"New Glenn.*", "New Glenn", "New Glenn"),
    (r"SLS Block 1", "SLS", "SLS"),
    # Europe
    (r"Ariane 4\d.*", "Ariane 4", "Ariane 4"),
    (r"Ariane 5ECA\+?", "Ariane 5 ECA", "Ariane 5"),
    (r"Ariane 5.*", "Ariane 5", "Ariane 5"),
    (r"Ariane 6\d", "Ariane 6", "Ariane 6"),
    (r"Ariane ([123])", r"Ariane \1", r"Ariane \1"),
    (r"Vega C", "Vega C", "Vega"),
    (r"Europa I+", "Europa", "Europa"),
    (r"Diamant.*", "Diamant", "Diamant"),
    # Soviet Union / Russia: the R-7 lineage by GCAT's own names
    (r"Sputnik .*", "Sputnik", "Sputnik"),
    (r"Vostok.*", "Vostok", "Vostok"),
    (r"Voskhod .*", "Voskhod", "Voskhod"),
    (r"Polyot .*", "Polyot", "Polyot"),
    (r"Molniya 8K78M.*", "Molniya-M", "Molniya"),
    (r"Molniya .*", "Molniya", "Molniya"),
    (r"Soyuz-ST-[AB]", "Soyuz-ST", "Soyuz"),
    (r"Soyuz-2-1([ABV])", r"Soyuz-2-1\1", "Soyuz"),
    (r"Soyuz-FG", "Soyuz-FG", "Soyuz"),
    (r"Soyuz.*", "Soyuz", "Soyuz"),
    (r"Proton-M.*", "Proton-M", "Proton"),
    (r"(Proton-K.*|UR-500.*)", "Proton-K", "Proton"),
    (r"Angara A5.*", "Angara A5", "Angara"),
    (r"Angara-1\.2", "Angara-1.2", "Angara"),
    (r"Zenit-3SL.*", "Zenit-3SL", "Zenit"),
    (r"Zenit-2.*", "Zenit-2", "Zenit"),
    (r"(Kosmos .*|K65M-RB)", "Kosmos", "Kosmos"),
    (r"(Tsiklon-.*|R-36O .*)", "Tsiklon", "Tsiklon"),
    (r"Start.*", "Start", "Start"),
    (r"Energiya.*", "Energiya", "Energiya"),
    # Japan
    (r"H-IIA .*", "H-IIA", "H-II"),
    (r"H-IIB", "H-IIB", "H-II"),
    (r"H-II", "H-II", "H-II"),
    (r"H3-.*", "H3", "H3"),
    (r"Mu-.*", "Mu", "Mu"),
    # India
    (r"PSLV.*", "PSLV", "PSLV"),
    (r"(GSLV Mk III|LVM3)", "LVM3", "LVM3"),
    (r"GSLV Mk (I|II)", r"GSLV Mk \1", "GSLV"),
    # others
    (r"Shavit.*", "Shavit", "Shavit"),
    (r"Unha-\d", "Unha", "Unha"),
    (r"Eris Block 1", "Eris", "Eris"),
]
_COMPILED = [(re.compile(p), v, f) for p, v, f in VEHICLE_RULES]


def vehicle_of(lv_type: str) -> tuple[str, str]:
    """``(vehicle, vehicle_family)`` of a GCAT ``LV_Type``."""
    name = ALIASES.get(lv_type, lv_type)
    for pattern, vehicle, family in _COMPILED:
        match = pattern.fullmatch(name)
        if match:
            return match.expand(vehicle), match.expand(family)
    return name, name


def payload_use(payload_class: str) -> str:
    """``payload_use`` of GCAT's class of the launch's first catalogued payload."""
    code = payload_class.strip()
    if len(code) > 1:
        if not set(code) <= set("ABCD"):
            raise ValueError(f"unexpected payload class {payload_class!r}")
        uses = {PAYLOAD_CLASS_TO_USE[c] for c in code}
        return uses.pop() if len(uses) == 1 else "mixed"
    if code not in PAYLOAD_CLASS_TO_USE:
        raise ValueError(f"unexpected payload class {payload_class!r}")
    return PAYLOAD_CLASS_TO_USE[code]


def launch_rows(launches: pd.DataFrame, orgs: pd.DataFrame) -> pd.DataFrame:
    """One row per launch attempt (E rows dropped) with the columns of both tables."""
    rows = dl.classify(launches, orgs)
    extra = launches.loc[rows.index, ["Launch_JD", "First_Payload_Class", "Group"]]
    rows = rows.join(extra)
    cls = rows["org"].map(orgs.set_index("Code")["Class"])
    operator = cls.map(ORG_CLASS_TO_OPERATOR)
    if operator.isna().any():
        raise ValueError(f"organisations without an operator class: {sorted(rows.loc[operator.isna(), 'org'].unique())}")
    rows["org_class"] = cls
    rows["operator"] = operator
    rows["payload_use"] = rows["First_Payload_Class"].map(payload_use)
    names = rows["lv_type"].map(vehicle_of)
    rows["vehicle"] = names.str[0]
    rows["vehicle_family"] = names.str[1]
    rows["jd"] = pd.to_numeric(rows["Launch_JD"])
    return rows.sort_values(["jd", "launch_tag"], kind="stable")


def _outcome_note(g: pd.DataFrame) -> str:
    lv = ", ".join(sorted(g["lv_type"].unique()))
    orgs = ", ".join(f"{o} ({c})" for o, c in sorted(set(zip(g["org"], g["org_class"]))))
    parts = [f"{SHORT_REPO}. GCAT LV_Type: {lv}. Launching organisation (GCAT orgs Class): {orgs}."]
    classes = sorted(set(g["First_Payload_Class"]) - {""})
    if classes:
        parts.append(f"First payload class: {', '.join(classes)}.")
    unknown = int((g["First_Payload_Class"] == "").sum())
    if unknown:
        parts.append(f"{unknown} launch(es) without a catalogued payload (payload_use unknown).")
    ps = int((g["partial"] & (g["outcome"] == "S")).sum())
    pf = int((g["partial"] & (g["outcome"] == "F")).sum())
    if ps or pf:
        parts.append(f"Partial outcomes: {ps} counted as success (score >= 0.75), {pf} as failure.")
    if (g["vehicle_family"] == "Starship").any():
        parts.append("Starship test flights: orbital category in GCAT though flown on just-suborbital paths.")
    return " ".join(parts)


def derive_outcomes(rows: pd.DataFrame, last_year: int) -> pd.DataFrame:
    """One row per year x country x vehicle_family x operator x payload_use."""
    rows = rows[rows["year"] <= last_year]
    keys = ["year", "actor", "vehicle_family", "operator", "payload_use"]
    table = []
    for (year, actor, family, operator, use), g in rows.groupby(keys, sort=True):
        succ = int((g["outcome"] == "S").sum())
        fail = int((g["outcome"] == "F").sum())
        table.append(
            {
                "year": int(year),
                "country": actor,
                "vehicle_family": family,
                "operator": operator,
                "payload_use": use,
                "attempts": succ + fail,
                "successes": succ,
                "failures": fail,
                "source_url": SOURCE_URL,
                "source_note": _outcome_note(g),
            }
        )
    out = pd.DataFrame(table)
    assert out["attempts"].sum() == len(rows)
    return out


def derive_debuts(rows: pd.DataFrame) -> pd.DataFrame:
    """The first (up to) five flights of every vehicle whose first flight is in 1990 or later.

    All flights to the end of the snapshot count (a vehicle that first flew in 2025 is listed).
    """
    first = rows.groupby("vehicle")["year"].min()
    new = first[first >= DEBUT_FROM_YEAR].index
    picked = rows[rows["vehicle"].isin(new)].copy()
    picked["flight_number"] = picked.groupby("vehicle").cumcount() + 1
    picked = picked[picked["flight_number"] <= DEBUT_FLIGHTS]
    notes = []
    for _, r in picked.iterrows():
        note = f"{SHORT_REPO}. GCAT LV_Type {r['lv_type']!r}, LaunchCode {r['category']}{r['outcome']}"
        note += f", launching organisation {r['org']} (orgs Class {r['org_class']})."
        if r["partial"]:
            note += " Partial outcome: GCAT's letter counted (score >= 0.75 success, below failure)."
        if r["vehicle"] in ALIASES.values():
            gcat = next(k for k, v in ALIASES.items() if v == r["vehicle"])
            note += f" GCAT names it {gcat!r}."
        if r["vehicle_family"] == "Starship":
            note += " Test flight on a just-suborbital path; GCAT counts it in the orbital category."
        notes.append(note)
    out = pd.DataFrame(
        {
            "vehicle": picked["vehicle"],
            "vehicle_family": picked["vehicle_family"],
            "country": picked["actor"],
            "operator": picked["operator"],
            "flight_number": picked["flight_number"].astype(int),
            "launch_tag": picked["launch_tag"],
            "date": picked["date"].dt.strftime("%Y-%m-%d"),
            "outcome": picked["outcome"].map({"S": "success", "F": "failure"}),
            "source_url": SOURCE_URL,
            "source_note": notes,
        }
    )
    first_date = out.groupby("vehicle")["date"].transform("min")
    out = out.assign(_first=first_date).sort_values(["_first", "vehicle", "flight_number"]).drop(columns="_first")
    return out.reset_index(drop=True)


def main() -> int:
    orgs, updated = dl.read_orgs()
    launches = dl.read_launches()
    rows = launch_rows(launches, orgs)
    last = dl.last_complete_year(updated, rows)
    outcomes = derive_outcomes(rows, last)
    debuts = derive_debuts(rows)
    for frame, path in ((outcomes, OUTCOMES_FILE), (debuts, DEBUTS_FILE)):
        frame.to_csv(path, index=False, encoding="utf-8", lineterminator="\n")
        print(f"wrote {path.relative_to(ROOT)}: {len(frame)} rows")
    return 0


if __name__ == "__main__":
    sys.exit(main())
