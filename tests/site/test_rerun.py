"""`python -m spacerace run`: other parameters and data, checked before any kernel starts."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from pathlib import Path

import pytest

from spacerace.paths import DATA_DIR, ROOT
from spacerace.engine.rerun import glued_values


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "spacerace", "run", *args], cwd=ROOT, capture_output=True, text=True)


def rows_like(dataset: str, *changes: dict[str, str]) -> str:
    """A CSV with the shipped file's columns and one row per ``changes``: the first shipped row with
    other values (so the rows stay valid as the dataset gains columns)."""
    with (DATA_DIR / f"{dataset}.csv").open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        template, columns = next(reader), reader.fieldnames
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=columns, lineterminator="\n")
    writer.writeheader()
    writer.writerows({**template, **change} for change in changes)
    return out.getvalue()


TEST_MISSION = {
    "mission_id": "test-lander", "name": "Test Lander", "agency": "ISRO", "country": "IND", "launch_date": "2024-01-15",
    "destination": "Moon", "mission_type": "lander", "elements": "lander", "outcome": "success", "launch_mass_kg": "1000",
    "target_body": "Moon", "landing_date": "", "far_side": "", "source_url": "https://example.org/test", "source_note": "a made-up mission for a test",
}
TEST_COST = {
    "cost_id": "test-lander-1", "mission_id": "test-lander", "amount_million": "5000", "currency": "INR", "price_year": "2020",
    "price_basis": "nominal", "stated_year": "2020", "source_url": "https://example.org/test", "source_note": "made up",
}


@pytest.fixture(scope="module")
def user_files(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """A reader's copies of missions and costs that add one mission (a made-up test mission)."""
    folder = tmp_path_factory.mktemp("user-data")
    missions = (DATA_DIR / "missions.csv").read_text(encoding="utf-8").rstrip("\n")
    costs = (DATA_DIR / "mission_costs.csv").read_text(encoding="utf-8").rstrip("\n")
    missions += "\n" + rows_like("missions", TEST_MISSION).splitlines()[1] + "\n"
    costs += "\n" + rows_like("mission_costs", TEST_COST).splitlines()[1] + "\n"
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


@pytest.fixture(scope="module")
def added_rows(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """Only the reader's new rows: one mission and its cost, in files of their own."""
    folder = tmp_path_factory.mktemp("added-rows")
    (folder / "my_missions.csv").write_text(rows_like("missions", TEST_MISSION), encoding="utf-8")
    (folder / "my_costs.csv").write_text(rows_like("mission_costs", TEST_COST), encoding="utf-8")
    return folder / "my_missions.csv", folder / "my_costs.csv"


@pytest.fixture(scope="module")
def added_out(tmp_path_factory: pytest.TempPathFactory, added_rows: tuple[Path, Path]) -> Path:
    out = tmp_path_factory.mktemp("added-out")
    missions, costs = added_rows
    before = {path: path.read_bytes() for path in (*added_rows, DATA_DIR / "missions.csv", DATA_DIR / "mission_costs.csv")}
    result = run("costs", "-p", "base_year", "2020", "--add", f"missions={missions}", "--add", f"mission_costs={costs}", "--out", str(out))
    assert result.returncode == 0, result.stdout + result.stderr
    assert all(path.read_bytes() == content for path, content in before.items()), "--add changes no file"
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


def test_added_rows_reach_the_chapter_like_a_copied_dataset(added_out: Path, rerun_out: Path) -> None:
    added = glued_values(json.loads((added_out / "costs.ipynb").read_text()))
    copied = glued_values(json.loads((rerun_out / "costs.ipynb").read_text()))
    assert added["n_missions"] == copied["n_missions"] == run_defaults_missions() + 1
    assert "Test Lander" in (added_out / "costs.html").read_text()
    assert sorted(p.name for p in added_out.iterdir()) == ["charts", "costs.html", "costs.ipynb"], "no merged file is left"


def test_a_second_run_into_the_same_folder_needs_force(added_out: Path) -> None:
    before = {p: p.read_bytes() for p in added_out.rglob("*") if p.is_file()}
    refused = run("costs", "-p", "base_year", "2015", "--out", str(added_out))
    assert refused.returncode == 2 and "is not empty" in refused.stderr and "--force" in refused.stderr
    assert {p: p.read_bytes() for p in added_out.rglob("*") if p.is_file()} == before, "a refused run changes nothing"
    stale = added_out / "charts" / "costs-99.svg"
    stale.write_text("<svg/>")
    keep = added_out / "notes.txt"
    keep.write_text("mine")
    forced = run("costs", "-p", "base_year", "2015", "--out", str(added_out), "--force")
    assert forced.returncode == 0, forced.stderr
    assert glued_values(json.loads((added_out / "costs.ipynb").read_text()))["base_year"] == 2015
    assert not stale.exists(), "the chapter's old charts are replaced"
    assert keep.read_text() == "mine", "other files are left alone"
    assert "Test Lander" not in (added_out / "costs.html").read_text(), "this run had no added rows"


def test_a_bad_added_row_names_the_users_file_and_row(tmp_path: Path) -> None:
    rows = tmp_path / "my_missions.csv"
    rows.write_text(rows_like("missions", TEST_MISSION, {**TEST_MISSION, "mission_id": "test-two", "launch_date": "2024-02-30"}), encoding="utf-8")
    result = run("costs", "--add", f"missions={rows}", "--out", str(tmp_path / "out"))
    assert result.returncode == 2
    assert "my_missions.csv, row 2 (line 3), column \"launch_date\": value '2024-02-30'" in result.stderr
    assert "data/missions.csv" not in result.stderr
    assert not (tmp_path / "out").exists()
