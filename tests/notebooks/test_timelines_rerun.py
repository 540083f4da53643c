"""Rerun the timelines chapter with a reader's milestones file and other parameters.

A made-up plan that was carried out ten years late is added (with the columns second_source_url and
source_kind of the current milestones table); the glued counts and the median slip of past plans
must follow it. The expected values are computed with the package on the same files, so
the test holds when the shipped data grow.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

from spacerace import timelines
from spacerace.engine.chapters import chapters
from spacerace.paths import DATA_DIR, ROOT
from spacerace.engine.rerun import glued_values

pytestmark = pytest.mark.skipif(
    "timelines" not in [c.name for c in chapters()], reason="the timelines chapter is not in _toc.yml yet"
)

EXTRA = (
    "ind-test-late-probe,2020-07-01,day,IND,ISRO,Venus,A made-up probe for a test,success,achieved,,2010,"
    "https://example.org/test,,press,made up for a test\n"
)


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "spacerace", "run", "timelines", *args], cwd=ROOT, capture_output=True, text=True)


@pytest.fixture(scope="module")
def user_milestones(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("user-data") / "milestones.csv"
    shipped = (DATA_DIR / "milestones.csv").read_text(encoding="utf-8").rstrip("\n")
    path.write_text(shipped + "\n" + EXTRA, encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def rerun_values(tmp_path_factory: pytest.TempPathFactory, user_milestones: Path) -> dict:
    out = tmp_path_factory.mktemp("out")
    result = run("--data", f"milestones={user_milestones}", "-y", "countries: [CHN, IND]", "-p", "start_year", "2000", "--out", str(out))
    assert result.returncode == 0, result.stdout + result.stderr
    return glued_values(json.loads((out / "timelines.ipynb").read_text(encoding="utf-8")))


def test_an_extra_late_plan_moves_the_counts_and_the_median_slip(rerun_values: dict, user_milestones: Path) -> None:
    shipped = pd.read_csv(DATA_DIR / "milestones.csv", dtype=str, keep_default_na=False, na_values=[""])
    users = pd.read_csv(user_milestones, dtype=str, keep_default_na=False, na_values=[""])
    assert rerun_values["n_events"] == len(shipped) + 1
    slips = timelines.plan_slippage(users)
    done = slips[slips["resolved"]]
    assert rerun_values["n_resolved"] == len(timelines.plan_slippage(shipped).query("resolved")) + 1 == len(done)
    assert rerun_values["median_slip"] == pytest.approx(float(done["slip_years"].median()))
    assert rerun_values["max_slip"] == pytest.approx(float(done["slip_years"].max()))


def test_parameters_select_countries_and_years(rerun_values: dict, user_milestones: Path) -> None:
    users = timelines.add_when(pd.read_csv(user_milestones, dtype=str, keep_default_na=False, na_values=[""]))
    expected = users["country"].isin(["CHN", "IND"]) & users["year"].between(2000, 2035)
    assert rerun_values["n_on_timeline"] == int(expected.sum())


def test_a_bad_category_is_refused_with_the_list_of_categories(tmp_path: Path) -> None:
    result = run("-y", "categories: [time travel]", "--out", str(tmp_path))
    assert result.returncode != 0
    assert "unknown categories ['time travel']" in result.stdout + result.stderr
