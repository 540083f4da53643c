"""`python -m spacerace run`: other parameters and data, checked before any kernel starts."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from spacerace.paths import DATA_DIR, ROOT
from spacerace.engine.rerun import glued_values


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "spacerace", "run", *args], cwd=ROOT, capture_output=True, text=True)


@pytest.fixture(scope="module")
def user_files(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """A reader's copies of missions and costs that add one mission (a made-up test mission)."""
    folder = tmp_path_factory.mktemp("user-data")
    missions = (DATA_DIR / "missions.csv").read_text(encoding="utf-8").rstrip("\n")
    costs = (DATA_DIR / "mission_costs.csv").read_text(encoding="utf-8").rstrip("\n")
    missions += "\ntest-lander,Test Lander,ISRO,IND,2024-01-15,Moon,lander,lander,success,1000,Moon,,,https://example.org/test,a made-up mission for a test\n"
    costs += "\ntest-lander-1,test-lander,5000,INR,2020,nominal,2020,true,true,,spacecraft and launch,official,initial estimate,https://example.org/test,made up\n"
    (folder / "missions.csv").write_text(missions, encoding="utf-8")
    (folder / "costs.csv").write_text(costs, encoding="utf-8")
    return folder / "missions.csv", folder / "costs.csv"


@pytest.fixture(scope="module")
def rerun_out(tmp_path_factory: pytest.TempPathFactory, user_files: tuple[Path, Path]) -> Path:
    out = tmp_path_factory.mktemp("out")
    missions, costs = user_files
    result = run("costs", "-p", "base_year", "2020", "--data", f"missions={missions}", "--data", f"mission_costs={costs}", "--out", str(out))
    assert result.returncode == 0, result.stdout + result.stderr
    return out


def test_rerun_writes_the_notebook_a_standalone_page_and_every_chart(rerun_out: Path) -> None:
    notebook = json.loads((rerun_out / "costs.ipynb").read_text())
    page = (rerun_out / "costs.html").read_text()
    assert "window.vegaEmbed" in page and "<script src=" not in page  # the chart library is inside
    svgs, pngs = sorted((rerun_out / "charts").glob("*.svg")), sorted((rerun_out / "charts").glob("*.png"))
    assert len(svgs) == len(pngs) >= 4
    assert all(p.read_bytes().startswith(b"\x89PNG") for p in pngs)
    assert all(b"<svg" in p.read_bytes()[:500] for p in svgs)
    assert glued_values(notebook)["base_year"] == 2020


def test_a_users_extra_mission_reaches_the_charts_and_the_glued_numbers(rerun_out: Path) -> None:
    values = glued_values(json.loads((rerun_out / "costs.ipynb").read_text()))
    default = run_defaults_missions()
    assert values["n_missions"] == default + 1
    assert "Test Lander" in (rerun_out / "charts" / "costs-2.svg").read_text()
    assert "Test Lander" in (rerun_out / "costs.html").read_text()


def run_defaults_missions() -> int:
    """How many missions the chapter shows with the shipped data (computed like the notebook does)."""
    from spacerace import costs, data

    chosen = costs.choose_figures(data.load("mission_costs"))
    economics = {name: data.load(name) for name in ["cpi", "exchange_rates", "ppp"]}
    converted = costs.convert_each(chosen, base_year=2020, target_currency="USD", method="deflate_then_convert", use_ppp=False, economics=economics)
    return int(converted["adjusted_million"].notna().sum())


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["-p", "base_yr", "2020"], "unknown parameter 'base_yr'"),
        (["-p", "base_year", "soon"], "must be a whole number"),
        (["-p", "use_ppp", "__import__('os')"], "must be true or false"),
        (["-p", "method", "guess"], "must be one of"),
        (["--data", "planets=x.csv"], "no dataset named 'planets'"),
        (["--data", "missions=does-not-exist.csv"], "does not exist"),
    ],
)
def test_bad_parameters_and_data_are_refused_before_anything_runs(tmp_path: Path, args: list[str], message: str) -> None:
    out = tmp_path / "out"
    result = run("costs", *args, "--out", str(out))
    assert result.returncode != 0
    assert message in result.stderr
    assert not out.exists() or not any(out.iterdir())


def test_a_bad_user_file_names_its_row_and_column(tmp_path: Path) -> None:
    bad = tmp_path / "missions.csv"
    lines = (DATA_DIR / "missions.csv").read_text(encoding="utf-8").splitlines()
    lines[3] = lines[3].replace(",IND,", ",INDIA,", 1)
    bad.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = run("costs", "--data", f"missions={bad}", "--out", str(tmp_path / "out"))
    assert result.returncode == 2
    assert "missions.csv, row 3 (line 4), column \"country\": value 'INDIA'" in result.stderr
