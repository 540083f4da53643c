"""A bad data file gets one message per problem, naming the file, the row, the column and the rule."""

from __future__ import annotations

from pathlib import Path

import pytest

from spacerace.data import DataValidationError, check_file, validate
from spacerace.paths import DATA_DIR

HEADER = "year,country,attempts,successes,failures,source_url,source_note"
GOOD = "2024,IND,5,5,0,https://example.org/launches,"


def write(tmp_path: Path, text: str | bytes, name: str = "launches.csv") -> Path:
    path = tmp_path / name
    path.write_bytes(text if isinstance(text, bytes) else text.encode("utf-8"))
    return path


def test_the_shipped_launches_file_is_valid() -> None:
    assert check_file("launches") == []


def test_every_problem_of_a_file_is_listed_with_row_column_value_and_rule(tmp_path: Path) -> None:
    path = write(tmp_path, "\n".join([HEADER, GOOD, "2024,XYZ,5,5,0,https://example.org,", "20x4,IND,-1,5,0,ftp://nowhere,"]) + "\n")
    issues = check_file("launches", path)
    found = {(issue.row, issue.column, issue.rule) for issue in issues}
    assert (2, "country", "country-code") in found
    assert (3, "year", "type-error") in found
    assert (3, "attempts", "constraint-error") in found
    assert (3, "source_url", "source-url") in found
    message = str(next(i for i in issues if i.rule == "country-code"))
    assert "launches.csv" in message and "row 2 (line 3)" in message and 'column "country"' in message and "'XYZ'" in message


def test_validate_raises_with_every_problem_in_the_message(tmp_path: Path) -> None:
    path = write(tmp_path, "\n".join([HEADER, "2024,XYZ,5,5,0,https://example.org,", "2023,QQQ,5,5,0,https://example.org,"]) + "\n")
    with pytest.raises(DataValidationError) as caught:
        validate(["launches"], overrides={"launches": path})
    assert "2 problem(s)" in str(caught.value)
    assert "'XYZ'" in str(caught.value) and "'QQQ'" in str(caught.value)


@pytest.mark.parametrize(
    ("content", "rule", "words"),
    [
        (b"", "empty-file", "empty"),
        (HEADER.encode() + b"\n", "no-rows", "no data rows"),
        (HEADER.replace(",", ";").encode() + b"\n2024;IND;5;5;0;https://e.org;\n", "delimiter", "not by commas"),
        (HEADER.encode() + b"\n2024,IND,5,5,0,https://e.org,caf\xe9\n", "encoding", "line 2 is not valid UTF-8"),
        (HEADER.replace(",attempts", "").encode() + b"\n2024,IND,5,0,https://e.org,\n", "missing-column", 'column "attempts" is missing'),
    ],
)
def test_files_that_cannot_be_read_say_why(tmp_path: Path, content: bytes, rule: str, words: str) -> None:
    issues = check_file("launches", write(tmp_path, content))
    assert any(issue.rule == rule and words in str(issue) for issue in issues), [str(i) for i in issues]


def test_columns_in_another_order_are_accepted(tmp_path: Path) -> None:
    columns = HEADER.split(",")
    values = GOOD.split(",")
    order = [6, 5, 4, 3, 2, 1, 0]
    text = ",".join(columns[i] for i in order) + "\n" + ",".join(values[i] for i in order) + "\n"
    assert check_file("launches", write(tmp_path, text)) == []


def test_an_unknown_column_is_named(tmp_path: Path) -> None:
    issues = check_file("launches", write(tmp_path, HEADER + ",colour\n" + GOOD + ",red\n"))
    assert [(i.rule, i.column) for i in issues] == [("unknown-column", "colour")]


def test_a_duplicated_key_is_reported(tmp_path: Path) -> None:
    issues = check_file("launches", write(tmp_path, "\n".join([HEADER, GOOD, GOOD]) + "\n"))
    assert any(issue.rule in ("primary-key", "unique-error") and issue.row == 2 for issue in issues)


def test_data_dir_is_where_the_package_says() -> None:
    assert (DATA_DIR / "datapackage.json").is_file()
