"""The corpus of broken inputs in tests/bad_inputs/: each one gets a message that names the file,
the row, the column and the problem, and changes nothing that was published.

cases.yml lists every case with the answer it expects. Data cases go through
``spacerace.data.validate(overrides=...)``, beside the shipped files, so that the cross-file rules
(a cost's mission, currency and price year) see them; parameter cases go through the command line,
``python -m spacerace run <chapter> ... --out <folder>``, which must refuse them before any kernel
starts and write nothing.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
import yaml

from conftest import run_build, tree_digest

from spacerace import data
from spacerace.data import DataValidationError
from spacerace.paths import ROOT

CORPUS = ROOT / "tests" / "bad_inputs"
CASES = yaml.safe_load((CORPUS / "cases.yml").read_text(encoding="utf-8"))
DATA_CASES = {case["id"]: case for case in CASES["data"]}
PARAMETER_CASES = {case["id"]: case for case in CASES["parameters"]}


def test_the_corpus_is_complete() -> None:
    files = {path.name for path in CORPUS.glob("*.csv")}
    listed = {case["file"] for case in DATA_CASES.values()}
    assert files == listed, f"files without a case: {files - listed}; cases without a file: {listed - files}"
    assert len(DATA_CASES) + len(PARAMETER_CASES) >= 30
    assert {case["dataset"] for case in DATA_CASES.values()} <= set(data.resource_names())


def rules_of(case: dict) -> list[str]:
    return case["rule"] if isinstance(case["rule"], list) else [case["rule"]]


@pytest.mark.parametrize("case_id", list(DATA_CASES))
def test_a_bad_file_gets_a_message_with_its_file_row_column_and_problem(case_id: str) -> None:
    case = DATA_CASES[case_id]
    path = CORPUS / case["file"]
    before = path.read_bytes()
    with pytest.raises(DataValidationError) as caught:
        data.validate(overrides={case["dataset"]: path})
    issues = caught.value.issues
    assert {issue.file for issue in issues} == {data.display_path(path)}, "only the reader's file is blamed"
    found = [i for i in issues if i.rule in rules_of(case) and i.row == case["row"] and i.column == case["column"]]
    assert found, f"expected {rules_of(case)} at row {case['row']}, column {case['column']}; got:\n" + "\n".join(map(str, issues))
    message = str(found[0])
    assert case["file"] in message
    if case["row"] is not None:
        assert f"row {case['row']} (line {case['row'] + 1})" in message
    if case["column"] is not None:
        assert f'column "{case["column"]}"' in message
    for words in case["words"]:
        assert words in message, message
    assert message in str(caught.value)  # the exception's text lists it (that is what the build prints)
    assert path.read_bytes() == before  # validation never rewrites a reader's file


def test_a_good_file_next_to_the_bad_ones_passes() -> None:
    data.validate()  # the shipped files: the corpus's problems are theirs alone


# --------------------------------------------------------------------------- parameters, via the CLI


def run_cli(chapter: str, args: list[str], folder: Path) -> subprocess.CompletedProcess[str]:
    folder.mkdir(parents=True, exist_ok=True)
    command = [sys.executable, "-m", "spacerace", "run", chapter, *args, "--out", str(folder / "out")]
    return subprocess.run(command, cwd=folder, capture_output=True, text=True, timeout=120)


@pytest.fixture(scope="module")
def cli_results(tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[subprocess.CompletedProcess[str], Path]]:
    """Every parameter case (and one data case) run through the command line, a few at a time."""
    jobs = {case_id: (case["chapter"], case["args"]) for case_id, case in PARAMETER_CASES.items()}
    cross = DATA_CASES["costs-year-outside-series"]
    jobs["data-cross-file"] = ("costs", ["--data", f"{cross['dataset']}={CORPUS / cross['file']}"])
    folders = {case_id: tmp_path_factory.mktemp(case_id) for case_id in jobs}
    with ThreadPoolExecutor(max_workers=4) as pool:
        futures = {case_id: pool.submit(run_cli, chapter, args, folders[case_id]) for case_id, (chapter, args) in jobs.items()}
        return {case_id: (future.result(), folders[case_id]) for case_id, future in futures.items()}


@pytest.mark.parametrize("case_id", list(PARAMETER_CASES))
def test_a_bad_parameter_is_refused_before_any_code_runs(case_id: str, cli_results) -> None:
    case = PARAMETER_CASES[case_id]
    result, folder = cli_results[case_id]
    assert result.returncode != 0, result.stdout
    for words in case["words"]:
        assert words in result.stderr, result.stderr
    assert "Traceback" not in result.stderr
    assert not (folder / "out").exists() or not any((folder / "out").iterdir()), "nothing may be written"
    assert not (folder / "PWNED").exists(), "a parameter value ran as code"
    assert not (ROOT / "PWNED").exists()


def test_a_bad_user_file_through_the_cli_names_its_row_and_column(cli_results) -> None:
    result, folder = cli_results["data-cross-file"]
    assert result.returncode == 2
    assert 'costs-year-outside-series.csv, row 2 (line 3), column "price_year": value \'2025\'' in result.stderr
    assert "do not cover USD in this year" in result.stderr
    assert not (folder / "out").exists() or not any((folder / "out").iterdir())


# --------------------------------------------------------------------------- the published site


BUILD_CASES = ["missions-latin1", "costs-year-outside-series", "milestones-future-achievement"]
"""A few cases through a whole build (a file that cannot be read, a cross-file rule, a table rule):
the build stops before any chapter runs and the published site stays as it was."""


def test_a_bad_file_in_the_project_stops_the_build_and_the_site_is_unchanged(fresh_copy: Path) -> None:
    site = fresh_copy / "_build" / "html"
    before = tree_digest(site)
    for case_id in BUILD_CASES:
        case = DATA_CASES[case_id]
        target = fresh_copy / "data" / data.resource(case["dataset"])["path"]
        original = target.read_bytes()
        shutil.copyfile(CORPUS / case["file"], target)
        result = run_build(fresh_copy)
        target.write_bytes(original)
        assert result.returncode == 1, (case_id, result.stdout)
        where = f"data/{target.name}" + (f", row {case['row']} (line {case['row'] + 1})" if case["row"] else "")
        assert where in result.stderr and "nothing was built" in result.stderr, (case_id, result.stderr)
        assert all(words in result.stderr for words in case["words"]), (case_id, result.stderr)
        assert " ran " not in result.stdout and "building the HTML" not in result.stdout
        assert tree_digest(site) == before, f"{case_id} changed the published site"
