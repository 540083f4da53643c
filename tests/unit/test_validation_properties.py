"""Property-based tests: whatever a reader's file holds, validation answers with a list of problems.

Random tables (columns in any order, some missing or unknown or doubled, cells of any text: unicode,
empty, huge numbers, quotes, commas, newlines) and random bytes are thrown at
:func:`spacerace.data.check_file`. It must never raise: it returns a list of
:class:`~spacerace.data.Issue` (perhaps empty) and each one names the file.

The examples found by these tests that used to raise are kept as regression cases at the end.
"""

from __future__ import annotations

import csv
import io
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from spacerace import data
from spacerace.data import Issue, check_file

DATASETS = ["launches", "missions", "milestones", "memberships"]
"""Integers and a two-column key; dates, enums, numbers and booleans; the rule on achieved events;
the rule on future dates."""

PROPERTIES = settings(
    max_examples=40,
    deadline=None,  # frictionless takes a variable few tens of milliseconds a file
    database=None,  # leave no .hypothesis folder in the repository
    suppress_health_check=[HealthCheck.too_slow],
)

TRICKY = [
    "", " ", '"', '""', "'", ",", ";", "\t", "\n", "\r\n", "\r", "a\nb", 'say "hi"', "\ufeff", "\x00", "\u2028",
    "é", "日本", "🚀", "NaN", "nan", "NA", "None", "null", "inf", "-inf", "1e309", "-0", "9" * 400, "0x1F",
    "2024", "1957", "2999", "2024-02-30", "2024-13-01", "2024-05", "24/05/2024", "true", "false", "TRUE", "yes",
    "achieved", "planned", "SUN", "ESA", "IND", "USD", "XYZ", "https://example.org/x", "http://", "ftp://x.org",
    "<script>alert(1)</script>", "=cmd|' /C calc'!A0",
]


def columns(name: str) -> list[str]:
    return [field["name"] for field in data.resource(name)["schema"]["fields"]]


def valid_cell(field: dict) -> st.SearchStrategy[str]:
    """A value that fits a column's type (constraints aside), so that the row rules get to run."""
    constraints = field.get("constraints", {})
    if "enum" in constraints:
        return st.sampled_from([str(v) for v in constraints["enum"]])
    kind = field["type"]
    if kind in ("integer", "year"):
        return st.integers(-10, 3000).map(str)
    if kind == "number":
        return st.floats(allow_nan=False, allow_infinity=False, width=32).map(repr)
    if kind == "boolean":
        return st.sampled_from(["true", "false"])
    if kind == "date":
        return st.dates().map(lambda d: d.isoformat())
    return st.sampled_from(["IND", "SUN", "https://example.org/a", "2024", "2024-05", "achieved", "x"])


def cell(field: dict | None) -> st.SearchStrategy[str]:
    anything = st.one_of(st.sampled_from(TRICKY), st.text(max_size=20))
    return anything if field is None else st.one_of(valid_cell(field), valid_cell(field), anything)


@st.composite
def tables(draw: st.DrawFn, name: str) -> str:
    """A CSV text: a shuffled header (sometimes without a column, with an unknown or a doubled one)
    and a few rows of cells that mostly fit their column."""
    fields = {field["name"]: field for field in data.resource(name)["schema"]["fields"]}
    header = draw(st.permutations(list(fields)))
    if draw(st.booleans()):
        header = header[: draw(st.integers(0, len(header)))] + header[draw(st.integers(0, len(header))) :]
    header += draw(st.lists(st.one_of(st.sampled_from(list(fields)), st.text(max_size=8)), max_size=2))
    rows = draw(
        st.lists(
            st.lists(st.one_of(*[cell(fields.get(column)) for column in header]) if header else st.just(""), min_size=len(header), max_size=len(header) + 1),
            max_size=4,
        )
    )
    buffer = io.StringIO()
    if draw(st.booleans()):  # properly quoted CSV
        csv.writer(buffer, lineterminator=draw(st.sampled_from(["\n", "\r\n"]))).writerows([header, *rows])
    else:  # cells joined with commas as a careless hand would: quotes and newlines break the shape
        buffer.write("\n".join(",".join(row) for row in [header, *rows]) + draw(st.sampled_from(["", "\n"])))
    return buffer.getvalue()


def assert_answers_with_issues(name: str, path: Path) -> None:
    issues = check_file(name, path)  # must not raise
    assert isinstance(issues, list)
    for issue in issues:
        assert isinstance(issue, Issue)
        assert path.name in str(issue), str(issue)
        assert issue.row is None or issue.row >= 1


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("random-tables")


@pytest.mark.parametrize("name", DATASETS)
def test_any_table_gets_a_list_of_issues_never_a_traceback(name: str, folder: Path) -> None:
    @PROPERTIES
    @given(text=tables(name))
    def check(text: str) -> None:
        path = folder / f"{name}.csv"
        path.write_text(text, encoding="utf-8", newline="")
        assert_answers_with_issues(name, path)

    check()


@PROPERTIES
@given(content=st.binary(max_size=300), name=st.sampled_from(DATASETS))
@example(content=b"\xef\xbb\xbf", name="launches")  # a byte-order mark alone (was an IndexError)
@example(content=b"\xef\xbb\xbf\r\n", name="launches")
@example(content=b"\x00\x00\x00", name="missions")
@example(content=b"PK\x03\x04\x14\x00", name="missions")  # a spreadsheet saved as .xlsx
def test_any_bytes_get_a_list_of_issues_never_a_traceback(content: bytes, name: str) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"{name}.csv"
        path.write_bytes(content)
        assert_answers_with_issues(name, path)


HEADER = ",".join(columns("launches"))
GOOD = "2024,IND,5,5,0,https://example.org/l,"


@pytest.mark.parametrize(
    ("content", "rule"),
    [
        (b"\xef\xbb\xbf", "empty-file"),  # was IndexError in _check_raw_file
        (f'{HEADER}\n{GOOD}\n2023,IND,5,5,0,https://example.org/l,"no closing quote\n'.encode(), "csv-syntax"),  # was pandas' ParserError
        (f'{HEADER}\n2023,IND,5,5,0,"https://example.org/l"x,\n'.encode(), "csv-syntax"),
        (f"{HEADER},year\n{GOOD},2024\n".encode(), "duplicate-column"),  # was frictionless' unreadable "fieldsMatch" error
    ],
)
def test_regressions_found_by_the_properties(tmp_path: Path, content: bytes, rule: str) -> None:
    path = tmp_path / "launches.csv"
    path.write_bytes(content)
    issues = check_file("launches", path)
    assert [issue.rule for issue in issues] == [rule], [str(issue) for issue in issues]
    assert "launches.csv" in str(issues[0])


def test_a_malformed_date_is_reported_once_not_also_as_a_future_date(tmp_path: Path) -> None:
    # "February 1970" sorts after "2026" as text: it used to be called an achievement in the future too.
    rows = (data.path_of("milestones")).read_text(encoding="utf-8").splitlines()[:2]
    header, first = rows[0], next(csv.reader([rows[1]]))
    first[header.split(",").index("date")] = "February 1970"
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\n").writerows([header.split(","), first])
    path = tmp_path / "milestones.csv"
    path.write_text(buffer.getvalue(), encoding="utf-8")
    assert [(issue.rule, issue.column) for issue in check_file("milestones", path)] == [("constraint-error", "date")]
