"""No traceback for any user mistake: every command, given a wrong chapter, a wrong parameter name,
a wrong value, a missing file or a bad file, answers with a short message that says what is wrong
and exits with an error code, before any kernel starts.

Each case runs ``python -m spacerace <command> ...`` in a folder of its own (a few at a time). Cases
that need a broken project (a data package that is not JSON, a dataset linked to a file outside
``data/``, a notebook that is not JSON) run in a copy of the project with its own package.
"""

from __future__ import annotations

import csv
import io
import os
import shutil
import socket
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from projects import copy_project
from spacerace.paths import DATA_DIR, ROOT

SECRET = "TOP-SECRET-LINE-7f3a"
"""The content of a file outside data/ that a dataset links to: no message may quote it."""


@dataclass(frozen=True)
class Case:
    command: list[str]
    words: list[str]
    project: str = ""  # "" = the repository; else the name of a broken copy (see broken_projects)
    no_folder: str = ""  # a folder (relative to the case's folder) that must not exist afterwards
    empty_folder: str = ""  # a folder that must be missing or empty afterwards
    absent: list[str] = field(default_factory=list)  # words that must not appear


# --------------------------------------------------------------------------- the user's files


def mission_rows(*changes: dict[str, str]) -> str:
    """A CSV of missions, one row per ``changes``: the first shipped mission with other values (the
    columns are the shipped file's, so the rows stay valid as the dataset gains columns)."""
    with (DATA_DIR / "missions.csv").open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        template, columns = next(reader), reader.fieldnames
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=columns, lineterminator="\n")
    writer.writeheader()
    for change in changes:
        writer.writerow({**template, **change})
    return out.getvalue()


GOOD_ROW = {"mission_id": "test-lander", "name": "Test Lander", "source_url": "https://example.org/test"}

FILES = {
    "rows-good.csv": mission_rows(GOOD_ROW),
    "rows-bad-country.csv": mission_rows(GOOD_ROW, {**GOOD_ROW, "mission_id": "test-two", "country": "INDIA"}),
    "rows-existing-id.csv": mission_rows(GOOD_ROW, {**GOOD_ROW, "mission_id": "chandrayaan-1"}),
    "rows-header-only.csv": mission_rows(),
    "not-csv.csv": "just some words; no columns\n",
    "typo-parameter.yml": "chapters:\n  costs:\n    base_yr: 2020\n",
    "typo-shared.yml": "parameters:\n  base_yaer: 2020\n",
    "typo-chapter.yml": "chapters:\n  venus:\n    base_year: 2020\n",
    "wrong-value.yml": "chapters:\n  costs:\n    base_year: soon\n",
    "not-yaml.yml": "parameters: [base_year\n",
    "a-list.yml": "- base_year\n- 2020\n",
    "missing-data.yml": "data:\n  missions: nope.csv\n",
    "bad-data.yml": "data:\n  mission_costs: not-csv.csv\n",
    "bad-rows.yml": "add:\n  missions: rows-bad-country.csv\n",
    "unknown-dataset.yml": "add:\n  planets: rows-good.csv\n",
}

B = ["build", "--build-dir", "variant"]  # a build into a new folder, which must not be left behind

CASES: dict[str, Case] = {
    # build
    "build-wrong-chapter": Case([*B, "--params", "typo-chapter.yml"], ["no chapter named venus"], no_folder="variant"),
    "build-wrong-parameter": Case([*B, "--params", "typo-parameter.yml"], ["typo-parameter.yml", "unknown parameter 'base_yr'", "it takes:"], no_folder="variant"),
    "build-wrong-shared-parameter": Case([*B, "--params", "typo-shared.yml"], ["no chapter takes the parameter(s) base_yaer"], no_folder="variant"),
    "build-wrong-value": Case([*B, "--params", "wrong-value.yml"], ["'base_year' must be a whole number"], no_folder="variant"),
    "build-wrong-jobs": Case([*B, "--jobs", "0"], ["--jobs 0"], no_folder="variant"),
    "build-missing-parameter-file": Case([*B, "--params", "typo.yml"], ["typo.yml", "does not exist"], no_folder="variant"),
    "build-missing-data-file": Case([*B, "--params", "missing-data.yml"], ["nope.csv does not exist"], no_folder="variant"),
    "build-unknown-dataset": Case([*B, "--params", "unknown-dataset.yml"], ["no dataset named 'planets'"], no_folder="variant"),
    "build-parameter-file-not-yaml": Case([*B, "--params", "not-yaml.yml"], ["not-yaml.yml", "line 2, column 1", "not valid YAML"], no_folder="variant"),
    "build-parameter-file-a-list": Case([*B, "--params", "a-list.yml"], ["must be a mapping"], no_folder="variant"),
    "build-bad-data-file": Case([*B, "--params", "bad-data.yml"], ["not-csv.csv", "nothing was built"], no_folder="variant"),
    "build-bad-added-rows": Case([*B, "--params", "bad-rows.yml"], ["rows-bad-country.csv, row 2 (line 3), column \"country\"", "INDIA"], no_folder="variant"),
    "build-package-not-json": Case([*B], ["data/datapackage.json: line", "not valid JSON"], project="package-not-json", no_folder="variant"),
    "build-linked-dataset": Case([*B], ["data/regions.csv", "outside data/"], project="linked-dataset", no_folder="variant", absent=[SECRET]),
    # run
    "run-wrong-chapter": Case(["run", "venus", "--out", "out"], ["unknown chapter 'venus'", "the book has:"], empty_folder="out"),
    "run-wrong-parameter": Case(["run", "costs", "-p", "base_yr", "2020", "--out", "out"], ["unknown parameter 'base_yr'"], empty_folder="out"),
    "run-wrong-value": Case(["run", "costs", "-p", "base_year", "soon", "--out", "out"], ["'base_year' must be a whole number"], empty_folder="out"),
    "run-missing-data-file": Case(["run", "costs", "--data", "missions=nope.csv", "--out", "out"], ["--data missions=nope.csv", "does not exist"], empty_folder="out"),
    "run-missing-added-file": Case(["run", "costs", "--add", "missions=nope.csv", "--out", "out"], ["--add missions=nope.csv", "does not exist"], empty_folder="out"),
    "run-unknown-dataset": Case(["run", "costs", "--add", "planets=rows-good.csv", "--out", "out"], ["no dataset named 'planets'"], empty_folder="out"),
    "run-bad-added-rows": Case(["run", "costs", "--add", "missions=rows-bad-country.csv", "--out", "out"], ["rows-bad-country.csv, row 2 (line 3), column \"country\": value 'INDIA'"], empty_folder="out"),
    "run-added-id-exists": Case(["run", "costs", "--add", "missions=rows-existing-id.csv", "--out", "out"], ["rows-existing-id.csv, row 2 (line 3)", "row 1 of data/missions.csv"], empty_folder="out"),
    "run-added-no-rows": Case(["run", "costs", "--add", "missions=rows-header-only.csv", "--out", "out"], ["rows-header-only.csv", "no data rows"], empty_folder="out"),
    "run-data-replaces-dataset": Case(
        ["run", "costs", "--data", "missions=rows-good.csv", "--out", "out"],
        ["data/lunar_landings.csv", "foreign-key", "replaces the whole dataset 'missions'", "--add missions="],
        empty_folder="out",
    ),
    "run-out-not-empty": Case(["run", "costs", "--out", "full"], ["is not empty", "--force"]),
    "run-out-is-a-file": Case(["run", "costs", "--out", "rows-good.csv"], ["is a file, not a folder"]),
    "run-package-not-json": Case(["run", "costs", "--out", "out"], ["data/datapackage.json: line", "column", "not valid JSON"], project="package-not-json", empty_folder="out"),
    "run-linked-dataset": Case(["run", "partnerships", "--out", "out"], ["data/regions.csv", "outside data/"], project="linked-dataset", empty_folder="out", absent=[SECRET]),
    # validate
    "validate-given-a-chapter": Case(["validate", "costs"], ["unrecognized arguments: costs"]),
    "validate-wrong-option": Case(["validate", "--dta", "missions=rows-good.csv"], ["unrecognized arguments"]),
    "validate-wrong-dataset": Case(["validate", "--data", "planets=rows-good.csv"], ["no dataset named 'planets'", "the datasets are:"]),
    "validate-wrong-value": Case(["validate", "--data", "missions"], ["--data takes NAME=FILE"]),
    "validate-missing-file": Case(["validate", "--add", "missions=nope.csv"], ["does not exist"]),
    "validate-bad-file": Case(["validate", "--data", "missions=not-csv.csv"], ["not-csv.csv", "comma-separated"]),
    "validate-bad-added-rows": Case(["validate", "--add", "missions=rows-bad-country.csv"], ["rows-bad-country.csv, row 2 (line 3)", "INDIA"]),
    "validate-package-not-json": Case(["validate"], ["data/datapackage.json: line", "column", "not valid JSON"], project="package-not-json"),
    "validate-linked-dataset": Case(["validate"], ["data/regions.csv", "link to a file outside data/"], project="linked-dataset", absent=[SECRET]),
    # params
    "params-wrong-chapter": Case(["params", "timeline"], ["unknown chapter 'timeline'", "timelines"]),
    "params-empty-chapter": Case(["params", ""], ["unknown chapter ''"]),
    "params-extra-argument": Case(["params", "costs", "base_year"], ["unrecognized arguments: base_year"]),
    "params-notebook-not-json": Case(["params", "costs"], ["costs.ipynb cannot be read as a notebook"], project="notebook-not-json"),
    # serve
    "serve-given-a-chapter": Case(["serve", "costs"], ["unrecognized arguments: costs"]),
    "serve-wrong-option": Case(["serve", "--prot", "8000"], ["unrecognized arguments"]),
    "serve-wrong-value": Case(["serve", "--port", "eighty"], ["invalid int value: 'eighty'"]),
    "serve-port-out-of-range": Case(["serve", "--build-dir", "site", "--port", "70000"], ["--port 70000"]),
    "serve-port-in-use": Case(["serve", "--build-dir", "site", "--port", "{busy_port}"], ["cannot serve on port", "--port"]),
    "serve-missing-build": Case(["serve", "--build-dir", "nothing-here"], ["no site at", "make book"]),
    # figures
    "figures-given-a-chapter": Case(["figures", "costs"], ["unrecognized arguments: costs"]),
    "figures-wrong-option": Case(["figures", "--chapter", "costs"], ["unrecognized arguments"]),
    "figures-missing-build": Case(["figures", "--build-dir", "nothing-here"], ["no executed chapters", "make book"]),
    "figures-bad-notebook": Case(["figures", "--build-dir", "broken-build"], ["cannot be read", "make book"]),
    # handout
    "handout-wrong-chapter": Case(["handout", "venus", "--build-dir", "site"], ["unknown chapter 'venus'"]),
    "handout-wrong-option": Case(["handout", "costs", "--pages", "2"], ["unrecognized arguments"]),
    "handout-missing-build": Case(["handout", "costs", "--build-dir", "nothing-here"], ["no built page for 'costs'", "make book"]),
}


# --------------------------------------------------------------------------- fixtures


@pytest.fixture(scope="module")
def broken_projects(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Copies of the project, each broken in one way."""
    base = copy_project(tmp_path_factory.mktemp("broken") / "base")
    projects = {}
    for name in ("package-not-json", "linked-dataset", "notebook-not-json"):
        project = tmp_path_factory.mktemp(name) / "book"
        shutil.copytree(base, project, symlinks=True)
        projects[name] = project
    package = projects["package-not-json"] / "data" / "datapackage.json"
    lines = package.read_text(encoding="utf-8").splitlines()
    first = next(number for number, line in enumerate(lines) if line.endswith(","))
    lines[first] = lines[first].rstrip(",")  # a comma left out, as a hand edit does
    package.write_text("\n".join(lines) + "\n", encoding="utf-8")
    secret = projects["linked-dataset"].parent / "secret.csv"
    secret.write_text(f"{SECRET}\nanother,private,line\n", encoding="utf-8")
    regions = projects["linked-dataset"] / "data" / "regions.csv"
    regions.unlink()
    regions.symlink_to(secret)
    notebook = projects["notebook-not-json"] / "book" / "costs" / "costs.ipynb"
    notebook.write_text('{"cells": [', encoding="utf-8")
    return projects


def run_case(case_id: str, case: Case, folder: Path, project: Path | None, busy_port: int) -> subprocess.CompletedProcess[str]:
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in FILES.items():
        (folder / name).write_text(text, encoding="utf-8")
    (folder / "full").mkdir()
    (folder / "full" / "costs.ipynb").write_text("{}", encoding="utf-8")  # an earlier run's
    (folder / "site" / "html").mkdir(parents=True)
    (folder / "site" / "html" / "index.html").write_text("<p>a site</p>", encoding="utf-8")
    (folder / "broken-build" / "stage" / "book" / "costs").mkdir(parents=True)
    (folder / "broken-build" / "stage" / "book" / "costs" / "costs.ipynb").write_text("not JSON", encoding="utf-8")
    env = dict(os.environ)
    if project is not None:
        env["PYTHONPATH"] = str(project)
    command = [sys.executable, "-m", "spacerace", *(arg.replace("{busy_port}", str(busy_port)) for arg in case.command)]
    # A project copy is run from its own root (its package finds its data there); the user's files
    # then live in the case's folder, so the paths in the command are made absolute.
    if project is not None:
        command = [str(folder / arg) if (folder / arg).exists() or arg in ("out", "variant") else arg for arg in command]
    return subprocess.run(command, cwd=project or folder, env=env, capture_output=True, text=True, timeout=240)


@pytest.fixture(scope="module")
def results(tmp_path_factory: pytest.TempPathFactory, broken_projects: dict[str, Path]) -> dict[str, tuple[subprocess.CompletedProcess[str], Path]]:
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        folders = {case_id: tmp_path_factory.mktemp(case_id) for case_id in CASES}
        with ThreadPoolExecutor(max_workers=6) as pool:
            futures = {
                case_id: pool.submit(run_case, case_id, case, folders[case_id], broken_projects.get(case.project), port)
                for case_id, case in CASES.items()
            }
            return {case_id: (future.result(), folders[case_id]) for case_id, future in futures.items()}


# --------------------------------------------------------------------------- the tests


def test_every_command_meets_every_kind_of_mistake() -> None:
    commands = {"build", "run", "validate", "params", "serve", "figures", "handout"}
    assert {case.command[0] for case in CASES.values()} == commands
    for command in commands:
        kinds = {case_id.removeprefix(f"{command}-") for case_id in CASES if case_id.startswith(f"{command}-")}
        assert len(kinds) >= 3, (command, kinds)


@pytest.mark.parametrize("case_id", list(CASES))
def test_a_mistake_gets_a_short_message_and_no_traceback(case_id: str, results) -> None:
    case = CASES[case_id]
    result, folder = results[case_id]
    output = result.stdout + result.stderr
    assert result.returncode not in (0, None), output
    assert "Traceback" not in output, output
    message = result.stderr.strip()
    assert message, result.stdout
    assert "\n\n" not in message, "one paragraph"
    for words in case.words:
        assert words in message, f"{words!r} not in:\n{message}"
    for words in case.absent:
        assert words not in output, output
    if case.no_folder:
        assert not (folder / case.no_folder).exists(), f"{case.no_folder} was left behind: {list((folder / case.no_folder).rglob('*'))[:5]}"
    if case.empty_folder:
        out = folder / case.empty_folder
        assert not out.exists() or not any(out.iterdir()), "nothing may be written"
    assert not (ROOT / "variant").exists() and not (ROOT / "out").exists()


def test_a_run_into_a_folder_that_is_not_empty_leaves_it_as_it_was(results) -> None:
    _, folder = results["run-out-not-empty"]
    assert [p.name for p in (folder / "full").iterdir()] == ["costs.ipynb"]
    assert (folder / "full" / "costs.ipynb").read_text() == "{}"


def test_the_help_says_that_data_replaces_a_whole_dataset() -> None:
    for command in ("run", "validate"):
        result = subprocess.run([sys.executable, "-m", "spacerace", command, "--help"], capture_output=True, text=True, cwd=ROOT)
        text = " ".join(result.stdout.split())
        assert "--add NAME=FILE" in text and "missions=my_rows.csv" in text
        assert "instead of a whole dataset" in text.lower() or "in place of a whole dataset" in text.lower()
        assert "shipped rows are dropped" in text


# --------------------------------------------------------------------------- added rows


def test_added_rows_are_appended_and_each_problem_names_the_users_file_and_row(tmp_path: Path) -> None:
    from spacerace import data

    first, second = tmp_path / "first.csv", tmp_path / "second.csv"
    first.write_text(FILES["rows-good.csv"], encoding="utf-8")
    second.write_text(mission_rows({**GOOD_ROW, "mission_id": "test-three"}, {**GOOD_ROW, "mission_id": "test-lander"}), encoding="utf-8")
    added = data.add_rows("missions", [first, second], tmp_path / "merged" / "missions.csv")
    shipped = (DATA_DIR / "missions.csv").read_text(encoding="utf-8")
    assert added.merged.read_text(encoding="utf-8").startswith(shipped.rstrip("\n") + "\n"), "the shipped rows come first, unchanged"
    with pytest.raises(data.DataValidationError) as caught:
        data.validate(added=[added])
    issues = [issue for issue in caught.value.issues if issue.column == "mission_id"]
    assert [(issue.file, issue.row) for issue in issues] == [(data.display_path(second), 2)]
    assert "row 1 of " + data.display_path(first) in issues[0].message, "the other row is named by its own file"


def test_a_parameter_file_adds_rows_into_the_build_folder(tmp_path: Path) -> None:
    from spacerace.engine.build import load_parameter_file

    (tmp_path / "rows.csv").write_text(FILES["rows-good.csv"], encoding="utf-8")
    (tmp_path / "variant.yml").write_text("add:\n  missions: rows.csv\nparameters:\n  base_year: 2015\n", encoding="utf-8")
    shared, _, overrides = load_parameter_file(tmp_path / "variant.yml", tmp_path / "build" / "added")
    assert shared == {"base_year": 2015}
    assert overrides["missions"] == (tmp_path / "build" / "added" / "missions.csv").resolve()
    assert overrides["missions"].read_text(encoding="utf-8").endswith(FILES["rows-good.csv"].splitlines()[1] + "\n")
