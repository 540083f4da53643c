"""Rerun the launch record with another country list and year range, without Starship's tests.

The glued counts of the rerun page must be those of the data, worked out here with plain pandas on
the shipped file (so the test holds when the data grow), and the page must say what it left out.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

from spacerace.engine.rerun import glued_values
from spacerace.paths import DATA_DIR, ROOT

COUNTRIES, FIRST, LAST = ["IND", "JPN"], 2000, 2020


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "spacerace", "run", "launches", *args], cwd=ROOT, capture_output=True, text=True)


@pytest.fixture(scope="module")
def rerun_values(tmp_path_factory: pytest.TempPathFactory) -> dict:
    out = tmp_path_factory.mktemp("out")
    result = run(
        "-y", f"countries: [{', '.join(COUNTRIES)}]", "-p", "first_year", str(FIRST), "-p", "last_year", str(LAST),
        "-p", "include_starship_tests", "false", "--out", str(out),
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return glued_values(json.loads((out / "launches.ipynb").read_text(encoding="utf-8")))


def test_the_counts_are_those_of_the_chosen_countries_and_years(rerun_values: dict) -> None:
    outcomes = pd.read_csv(DATA_DIR / "launch_outcomes.csv")
    chosen = outcomes[outcomes["country"].isin(COUNTRIES) & outcomes["year"].between(FIRST, LAST)]
    assert chosen["vehicle_family"].ne("Starship").all()  # nothing to leave out for these two
    assert str(rerun_values["first_year"]) == str(FIRST) and str(rerun_values["last_year"]) == str(LAST)
    assert str(rerun_values["n_attempts"]) == f"{chosen['attempts'].sum():,}"
    assert str(rerun_values["n_failures"]) == f"{chosen['failures'].sum():,}"


def test_the_page_says_starship_tests_are_left_out(rerun_values: dict) -> None:
    assert rerun_values["starship_counted"] == "left out"
    assert str(rerun_values["n_starship"]) == "0"


def test_an_unknown_country_is_refused_with_a_clear_message(tmp_path: Path) -> None:
    result = run("-y", "countries: [XXX]", "--out", str(tmp_path))
    assert result.returncode != 0
    assert "Traceback" not in result.stdout + result.stderr
    assert "unknown country codes ['XXX']" in result.stdout + result.stderr
