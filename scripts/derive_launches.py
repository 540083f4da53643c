"""Derive ``data/launches.csv`` from the GCAT launch rows kept in ``data/raw/launches/``.

Offline, one command::

    python scripts/derive_launches.py

Input (untouched copies, see ``data/raw/launches/README.md``):

* ``gcat_orbital_launches_1957_2025.csv``: one row per launch from Jonathan McDowell's GCAT launch
  list, already restricted to GCAT launch categories ``O`` (orbital) and ``D`` (deep space).
* ``gcat_orgs_subset.tsv``: the rows of GCAT's organisations file for every organisation code that
  appears in the ``Agency`` column, with the file's own header and ``# Updated`` line.

Rules (documented in the README and in every row's ``source_note``):

* Attempts are launches whose ``LaunchCode`` starts with ``O`` or ``D``; suborbital categories are
  not in the input at all. Code ``E`` (pad explosion or abort before lift-off: "no launch occurred"
  in GCAT's column notes) is not an attempt and is dropped.
* Outcome is GCAT's letter: ``S`` success, ``F`` failure. Partial outcomes carry digits (``OS75``,
  ``OF40``): GCAT treats a score below 0.75 as a failure, so ``OS75``-``OS90`` count as successes and
  ``OF20``-``OF70`` as failures, exactly as GCAT's letter says. ``U`` (unknown) would stop the script.
* Country is the *launching organisation's* state: the first organisation in ``Agency`` joined with
  GCAT's ``StateCode``, not the launch site. GCAT state codes are mapped to ISO 3166-1 alpha-3, with
  the book's extensions ``SUN`` (GCAT ``SU``) and ``ESA`` (GCAT ``I-ESA`` and ``I-ELDO``, plus
  Arianespace, GCAT org ``AE``, state ``F``, see ``ORG_OVERRIDES``).
* The series stops at the last complete calendar year before the data snapshot (GCAT's
  ``# Updated`` stamp): no partial year is written.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
RAW_DIR = ROOT / "data" / "raw" / "launches"
LAUNCH_FILE = RAW_DIR / "gcat_orbital_launches_1957_2025.csv"
ORGS_FILE = RAW_DIR / "gcat_orgs_subset.tsv"
OUT_FILE = ROOT / "data" / "launches.csv"

SOURCE_URL = "https://planet4589.org/space/gcat/web/launch/lcols.html"
REPO_NOTE = (
    "GCAT launch list (J. McDowell, planet4589.org, CC-BY 4.0), data update 2025 Dec 1, taken from "
    "github.com/CKalitin/mcdowell-dataset-analysis commit 139670d7"
)

#: GCAT state code -> ISO 3166-1 alpha-3 (or the book's extensions SUN / ESA).
STATE_TO_ACTOR: dict[str, str] = {
    "US": "USA",
    "SU": "SUN",  # Soviet Union: GCAT uses SU for Soviet organisations up to 1991
    "RU": "RUS",  # Russian Federation organisations, 1992-
    "CN": "CHN",
    "J": "JPN",
    "IN": "IND",  # GCAT's India code is IN (its I is Italy)
    "I": "ITA",  # Centro Ricerche Aerospaziali (San Marco Scout launches)
    "F": "FRA",
    "I-ESA": "ESA",
    "I-ELDO": "ESA",  # ELDO (Europa launcher), a predecessor of ESA
    "UK": "GBR",
    "IL": "ISR",
    "IR": "IRN",
    "KP": "PRK",
    "KR": "KOR",
    "NZ": "NZL",  # Rocket Lab Ltd. (GCAT org RLABN), the NZ subsidiary that runs Mahia launches
    "BR": "BRA",
    "AU": "AUS",
    "D": "DEU",
    "CYM": "CYM",  # Sea Launch Limited Partnership (Cayman Islands), 1999-2000 in GCAT
}

#: Organisation codes whose actor differs from their GCAT state (book-level choice).
ORG_OVERRIDES: dict[str, str] = {
    # Arianespace (French company, GCAT state F) flies ESA-developed launchers (Ariane, Vega) and,
    # 2011-2022, Soyuz from Kourou; the book counts Europe's launcher as the multinational ESA actor.
    "AE": "ESA",
}

#: Notes attached to the rows of an actor.
ACTOR_NOTES: dict[str, str] = {
    "SUN": "Soviet Union (GCAT state SU).",
    "RUS": "Russian Federation organisations from 1992 (GCAT state RU).",
    "ESA": (
        "Europe as one actor: ESA and ELDO (GCAT states I-ESA, I-ELDO) plus Arianespace (GCAT org AE, "
        "state F), including Arianespace's Soyuz launches from Kourou 2011-2022."
    ),
    "FRA": (
        "French organisations other than Arianespace: CNES Diamant 1965-1975 and Starsem "
        "(French-registered Franco-Russian company, Soyuz from Baikonur/Plesetsk 1999-2021)."
    ),
    "NZL": (
        "Rocket Lab Electron launches from Mahia, counted by the launching organisation's GCAT state "
        "(Rocket Lab Ltd., NZ subsidiary of US-based Rocket Lab USA); other tallies count them as USA."
    ),
    "USA": (
        "US organisations, including Rocket Lab USA (Electron from Wallops) and the Sea Launch "
        "operators GCAT lists as US (Sea Launch LP 2000-2009, Energia Logistics 2011-2014)."
    ),
    "CYM": "Sea Launch Limited Partnership (GCAT state CYM) 1999-2000; later Sea Launch rows are US/RU orgs.",
    "ITA": "Centro Ricerche Aerospaziali, Scout launches from San Marco (Kenya).",
}

EXPECTED_COLUMNS = ["Launch_Tag", "Launch_Date", "LV_Type", "Agency", "LaunchCode", "Launch_Year"]
CODE_RE = re.compile(r"^(?P<cat>[OD])(?P<outcome>[SFEU])(?P<frac>\d{2})?$")


def read_orgs(path: Path = ORGS_FILE) -> tuple[pd.DataFrame, pd.Timestamp]:
    """Return the organisations table and the GCAT ``# Updated`` date of the snapshot."""
    lines = path.read_text(encoding="utf-8").splitlines()
    stamp = next((ln for ln in lines[:5] if ln.startswith("# Updated")), None)
    if stamp is None:
        raise ValueError(f"{path}: no '# Updated' line in the header")
    y, mon, d = stamp.split()[2:5]
    updated = pd.to_datetime(f"{y} {mon} {d}", format="%Y %b %d")
    orgs = pd.read_csv(path, sep="\t", dtype=str, keep_default_na=False, skiprows=[1])
    orgs.columns = [c.lstrip("#").strip() for c in orgs.columns]
    orgs = orgs.apply(lambda s: s.str.strip())
    if orgs["Code"].duplicated().any():
        raise ValueError(f"{path}: duplicate organisation codes")
    return orgs, updated


def read_launches(path: Path = LAUNCH_FILE) -> pd.DataFrame:
    """Read the launch rows (all columns as strings)."""
    df = pd.read_csv(path, dtype=str, keep_default_na=False)
    missing = [c for c in EXPECTED_COLUMNS if c not in df.columns]
    if missing:
        raise ValueError(f"{path}: missing columns {missing}")
    return df


def classify(launches: pd.DataFrame, orgs: pd.DataFrame) -> pd.DataFrame:
    """One row per launch with ``year``, ``actor``, ``category``, ``outcome``, ``partial``.

    Rows coded ``E`` (no launch occurred) are dropped.
    """
    parsed = launches["LaunchCode"].str.strip().str.extract(CODE_RE)
    bad = parsed["cat"].isna()
    if bad.any():
        raise ValueError(f"unexpected LaunchCode values: {sorted(launches.loc[bad, 'LaunchCode'].unique())}")
    if (parsed["outcome"] == "U").any():
        raise ValueError("LaunchCode with unknown outcome (U): decide how to count it before deriving")
    out = pd.DataFrame(
        {
            "launch_tag": launches["Launch_Tag"].str.strip(),
            "date": pd.to_datetime(launches["Launch_Date"], format="%Y-%m-%d"),
            "agency": launches["Agency"].str.strip(),
            "lv_type": launches["LV_Type"].str.strip(),
            "category": parsed["cat"],
            "outcome": parsed["outcome"],
            "partial": parsed["frac"].notna(),
        }
    )
    out = out[out["outcome"] != "E"].copy()
    out["year"] = out["date"].dt.year
    first_org = out["agency"].str.split("/").str[0].str.rstrip("?")
    state = first_org.map(orgs.set_index("Code")["StateCode"])
    if state.isna().any():
        raise ValueError(f"organisations not in the orgs file: {sorted(first_org[state.isna()].unique())}")
    actor = state.map(STATE_TO_ACTOR)
    if actor.isna().any():
        raise ValueError(f"GCAT state codes without an actor mapping: {sorted(state[actor.isna()].unique())}")
    override = first_org.map(ORG_OVERRIDES)
    out["org"] = first_org
    out["gcat_state"] = state
    out["actor"] = override.fillna(actor)
    return out


def last_complete_year(updated: pd.Timestamp, launches: pd.DataFrame) -> int:
    """Last calendar year fully covered by a snapshot taken on ``updated``."""
    if launches["date"].max() > updated:
        raise ValueError("launch dates later than the snapshot date")
    return updated.year if (updated.month, updated.day) == (12, 31) else updated.year - 1


def _note(actor: str, g: pd.DataFrame) -> str:
    parts = [REPO_NOTE + "."]
    parts.append(
        "Counts GCAT orbital (O) and deep-space (D) launch attempts by the launching organisation's state "
        "(not the launch site); pad explosions/aborts (E) excluded; outcome is GCAT's S/F letter."
    )
    if actor in ACTOR_NOTES:
        parts.append(ACTOR_NOTES[actor])
    ps = int((g["partial"] & (g["outcome"] == "S")).sum())
    pf = int((g["partial"] & (g["outcome"] == "F")).sum())
    if ps or pf:
        parts.append(
            f"Partial outcomes: {ps} counted as success (GCAT score >= 0.75), {pf} as failure (score < 0.75)."
        )
    starship = int(g["lv_type"].str.startswith("Starship").sum())
    if starship:
        parts.append(
            f"Includes {starship} Starship test flight(s): GCAT puts them in the orbital category although "
            "they flew just-suborbital trajectories; many press tallies leave them out."
        )
    return " ".join(parts)


def derive(launches: pd.DataFrame, orgs: pd.DataFrame, updated: pd.Timestamp) -> pd.DataFrame:
    """Aggregate to one row per (year, country) with at least one attempt."""
    rows = classify(launches, orgs)
    last = last_complete_year(updated, rows)
    rows = rows[rows["year"] <= last]
    table = []
    for (year, actor), g in rows.groupby(["year", "actor"], sort=True):
        succ = int((g["outcome"] == "S").sum())
        fail = int((g["outcome"] == "F").sum())
        table.append(
            {
                "year": int(year),
                "country": actor,
                "attempts": succ + fail,
                "successes": succ,
                "failures": fail,
                "source_url": SOURCE_URL,
                "source_note": _note(actor, g),
            }
        )
    out = pd.DataFrame(table)
    assert out["attempts"].sum() == len(rows)
    return out


def main() -> int:
    orgs, updated = read_orgs()
    launches = read_launches()
    out = derive(launches, orgs, updated)
    OUT_FILE.parent.mkdir(parents=True, exist_ok=True)
    out.to_csv(OUT_FILE, index=False, encoding="utf-8", lineterminator="\n")
    print(
        f"wrote {OUT_FILE.relative_to(ROOT)}: {len(out)} rows, years {out['year'].min()}-{out['year'].max()} "
        f"(snapshot {updated.date()})"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
