"""Parameters are read from the notebook, typed, and never evaluated."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from spacerace.params import ParameterError, declared, resolve

PARAMETERS = '''base_year: int = 2024  # prices of this year
method: str = "deflate_then_convert"  # one of: deflate_then_convert, convert_then_deflate
use_ppp: bool = False  # purchasing-power parity instead of market rates
agencies: list[str] = []  # agencies to include; empty means all
'''


@pytest.fixture
def notebook(tmp_path: Path) -> Path:
    path = tmp_path / "chapter.ipynb"
    cells = [
        {"cell_type": "markdown", "metadata": {}, "source": ["# A chapter"]},
        {"cell_type": "code", "metadata": {"tags": ["parameters"]}, "source": [PARAMETERS], "outputs": [], "execution_count": None},
    ]
    path.write_text(json.dumps({"cells": cells, "metadata": {}, "nbformat": 4, "nbformat_minor": 5}))
    return path


def test_declared_reads_types_defaults_help_and_choices(notebook: Path) -> None:
    found = declared(notebook)
    assert list(found) == ["base_year", "method", "use_ppp", "agencies"]
    assert found["base_year"].default == 2024 and found["base_year"].type == "int"
    assert found["method"].choices == ("deflate_then_convert", "convert_then_deflate")
    assert found["agencies"].help == "agencies to include; empty means all"


def test_values_from_the_command_line_are_parsed_to_their_type(notebook: Path) -> None:
    values = resolve(notebook, {"base_year": "2020", "use_ppp": "true", "agencies": "[ISRO, NASA]"})
    assert values == {"base_year": 2020, "use_ppp": True, "agencies": ["ISRO", "NASA"]}


@pytest.mark.parametrize(
    ("name", "value", "message"),
    [
        ("base_yr", "2020", "unknown parameter 'base_yr'"),
        ("base_year", "twenty", "must be a whole number"),
        ("base_year", "2020.5", "must be a whole number"),
        ("use_ppp", "maybe", "must be true or false"),
        ("method", "guess", "must be one of deflate_then_convert, convert_then_deflate"),
        ("agencies", "ISRO", "must be a list"),
    ],
)
def test_bad_parameters_are_refused_with_a_clear_message(notebook: Path, name: str, value: str, message: str) -> None:
    with pytest.raises(ParameterError, match=message):
        resolve(notebook, {name: value})


def test_a_value_that_is_python_code_stays_text(notebook: Path) -> None:
    # papermill writes values into code: text must arrive as a string literal, never as code.
    with pytest.raises(ParameterError, match="must be a whole number"):
        resolve(notebook, {"base_year": "__import__('os').system('true')"})
    with pytest.raises(ParameterError, match="must be one of"):
        resolve(notebook, {"method": "__import__('os')"})


def test_a_notebook_needs_exactly_one_parameters_cell(tmp_path: Path) -> None:
    path = tmp_path / "none.ipynb"
    path.write_text(json.dumps({"cells": [], "metadata": {}, "nbformat": 4, "nbformat_minor": 5}))
    with pytest.raises(ParameterError, match="exactly one cell tagged 'parameters'"):
        declared(path)


def test_show_parameters_finds_the_chapter_from_any_folder(tmp_path, monkeypatch) -> None:
    from spacerace.params import show_parameters

    monkeypatch.chdir(tmp_path)
    html = show_parameters("costs", {"base_year": 2015}).to_html()
    assert "base_year" in html and "2015 (changed)" in html
