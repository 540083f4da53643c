"""Load and validate the book's datasets.

Every dataset is a CSV file described by one resource of the Frictionless Data Package
``data/datapackage.json``: its columns, their types and their rules. Notebooks call :func:`load`,
which returns a typed :class:`pandas.DataFrame`. The build calls :func:`validate` first, which lists
every problem of a file with its row, column, value and rule, so that a bad file stops the build
before any notebook runs.

A reader can swap in a file of their own for any dataset: ``python -m spacerace run costs --data
missions=my.csv`` sets the environment variable ``SPACERACE_DATA_MISSIONS``, which :func:`load`
and :func:`validate` both honour. That file replaces the whole dataset. To append rows to the
shipped ones instead (``--add missions=my_rows.csv``), :func:`add_rows` writes the shipped rows and
the reader's into one file, which is then validated with the rest; :class:`AddedRows` tells each
problem found in it by the reader's file and row.

The shipped files are read only from inside ``data/``: a dataset whose file is a link to somewhere
else is refused, and nothing of that file is quoted.
"""

from __future__ import annotations

import csv
import io
import json
import os
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, replace
from datetime import date
from functools import lru_cache
from pathlib import Path

import pandas as pd

from .countries import is_actor_code, is_currency_code
from .paths import DATA_DIR, DATA_PACKAGE, READS_LOG_ENV, ROOT, override_env

TODAY_ENV = "SPACERACE_TODAY"
"""Overrides today's date for the rule "no achieved event in the future" (tests use it)."""


class DataValidationError(ValueError):
    """A dataset failed validation; ``issues`` lists every problem found."""

    def __init__(self, issues: list[Issue], hint: str = ""):
        self.issues = issues
        self.hint = hint
        files = sorted({issue.file for issue in issues})
        lines = [f"{len(issues)} problem(s) in {', '.join(files)}:"]
        lines += [f"  - {issue}" for issue in issues]
        if hint:
            lines.append(hint)
        super().__init__("\n".join(lines))


@dataclass(frozen=True)
class Issue:
    """One problem in a data file.

    ``row`` is the data row (1 = the first row under the header) and ``line`` the line of the file;
    both are ``None`` for a problem of the whole file or its header.
    """

    file: str
    rule: str
    message: str
    row: int | None = None
    column: str | None = None
    value: str | None = None

    @property
    def line(self) -> int | None:
        return None if self.row is None else self.row + 1

    def __str__(self) -> str:
        where = [self.file]
        if self.row is not None:
            where.append(f"row {self.row} (line {self.line})")
        if self.column is not None:
            where.append(f'column "{self.column}"')
        value = "" if self.value is None else f": value {self.value!r}"
        return f"{', '.join(where)}{value}: {self.message} [{self.rule}]"


# --------------------------------------------------------------------------- the data package


@lru_cache(maxsize=None)
def _package_descriptor(path: Path = DATA_PACKAGE) -> dict:
    """The data package, or a :class:`DataValidationError` that names the file, line and column."""
    shown = display_path(path)
    try:
        descriptor = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise DataValidationError([Issue(shown, "file-missing", "the data package does not exist")]) from None
    except UnicodeDecodeError:
        raise DataValidationError([Issue(shown, "encoding", "the data package is not valid UTF-8")]) from None
    except json.JSONDecodeError as error:
        raise DataValidationError(
            [Issue(shown, "json-syntax", f"line {error.lineno}, column {error.colno}: not valid JSON ({error.msg}; a missing comma or quote is often at the end of the line before)")]
        ) from None
    resources = descriptor.get("resources") if isinstance(descriptor, dict) else None
    if not isinstance(resources, list) or not all(isinstance(r, dict) and isinstance(r.get("name"), str) and isinstance(r.get("path"), str) for r in resources):
        raise DataValidationError(
            [Issue(shown, "descriptor", 'needs a list "resources" whose every entry has a "name" and a "path"')]
        )
    return descriptor


def resource_names() -> list[str]:
    """The names of every dataset in the data package, in its order."""
    return [resource["name"] for resource in _package_descriptor()["resources"]]


def resource(name: str) -> dict:
    """The Frictionless resource descriptor of a dataset."""
    for descriptor in _package_descriptor()["resources"]:
        if descriptor["name"] == name:
            return descriptor
    known = ", ".join(resource_names())
    raise KeyError(f"unknown dataset {name!r}; the data package has: {known}")


def path_of(name: str) -> Path:
    """The file that :func:`load` reads for ``name``: an override if one is set, else the shipped CSV."""
    override = os.environ.get(override_env(name))
    if override:
        return Path(override).resolve()
    shipped = DATA_PACKAGE.parent / resource(name)["path"]
    if not shipped.resolve().is_relative_to(DATA_DIR.resolve()):
        # A link (or a path) to a file elsewhere on the machine: never read it, never quote it.
        message = (
            "the file is a link to a file outside data/ (or its path leads out of data/); "
            f"the book reads its datasets only from data/. Put the file itself there, or use --data {name}=FILE"
        )
        raise DataValidationError([Issue(display_path(shipped, resolve=False), "outside-data", message)])
    return shipped.resolve()


def display_path(path: Path, resolve: bool = True) -> str:
    """A path as a reader would type it: relative to the repository when inside it."""
    path = Path(path)
    try:
        return str((path.resolve() if resolve else path.absolute()).relative_to(ROOT))
    except ValueError:
        return str(path)


# --------------------------------------------------------------------------- loading


def record_read(path: Path, dataset: str = "") -> None:
    """Note that a chapter read ``path`` (dataset ``dataset`` of the data package, if it is one), so
    that the build's cache runs the chapter again when the file or its entry changes.

    The build sets ``SPACERACE_READS_LOG`` while a chapter runs; outside a build this does nothing.
    """
    log = os.environ.get(READS_LOG_ENV)
    if log:
        with open(log, "a", encoding="utf-8") as handle:
            handle.write(f"{dataset}\t{Path(path).resolve()}\n")


def load(name: str) -> pd.DataFrame:
    """Read dataset ``name`` as a typed DataFrame.

    Column types follow the data package: ``integer`` and ``year`` become nullable integers,
    ``number`` floats, ``boolean`` nullable booleans, ``date`` datetimes; everything else stays text.
    The file is not validated here (the build and the ``run`` command validate before any notebook
    starts); call :func:`validate` to check a file by hand.
    """
    path = path_of(name)
    record_read(path, name)
    fields = resource(name)["schema"]["fields"]
    frame = pd.read_csv(path, dtype=str, keep_default_na=False, na_values=[""], encoding="utf-8")
    for field in fields:
        column = field["name"]
        if column in frame.columns:
            frame[column] = _convert(frame[column], field["type"])
    return frame


def _convert(values: pd.Series, kind: str) -> pd.Series:
    if kind in ("integer", "year"):
        return pd.to_numeric(values).astype("Int64")
    if kind == "number":
        return pd.to_numeric(values).astype("float64")
    if kind == "boolean":
        return values.str.lower().map({"true": True, "false": False}).astype("boolean")
    if kind == "date":
        return pd.to_datetime(values, format="%Y-%m-%d")
    return values


# --------------------------------------------------------------------------- validation

Rule = Callable[[str, pd.DataFrame], Iterable[Issue]]
"""A check over a whole table: gets the file's display name and its rows (as text)."""


def validate(
    names: Iterable[str] | None = None,
    overrides: Mapping[str, Path] | None = None,
    added: Iterable[AddedRows] = (),
) -> None:
    """Validate datasets and raise :class:`DataValidationError` at the first file with problems.

    All problems of that file are listed. ``overrides`` maps dataset names to other files (as the
    ``--data`` option does); without it, the ``SPACERACE_DATA_*`` variables and then the shipped
    files are used. ``added`` are datasets with a reader's rows appended (:func:`add_rows`, the
    ``--add`` option): their merged tables are validated in place of the dataset, and each problem
    in them names the reader's file and row (or the file the row was appended to).
    """
    added = list(added)
    overrides = {**(overrides or {}), **{rows.name: rows.merged for rows in added}}

    def told(issues: list[Issue]) -> list[Issue]:
        for rows in added:
            issues = [rows.origin(issue) for issue in issues]
        return issues

    for name in names if names is not None else resource_names():
        issues = check_file(name, overrides.get(name))
        if issues:
            raise DataValidationError(told(issues))
    cross = check_cross_references(overrides)
    if cross:
        replaced = {name: path for name, path in overrides.items() if name not in {rows.name for rows in added}}
        raise DataValidationError(told(cross), _replaced_dataset_hint(cross, replaced))


def _replaced_dataset_hint(issues: list[Issue], replaced: Mapping[str, Path]) -> str:
    """When rows of a file the reader did not give refer to a dataset that the reader replaced, say
    that a replacement drops every shipped row, and how to add rows instead."""
    for name, path in replaced.items():
        mine = display_path(Path(path))
        if any(i.rule == "foreign-key" and i.file != mine and f"in the dataset {name!r}" in i.message for i in issues):
            return (
                f"Note: {mine} replaces the whole dataset {name!r} (every shipped row), so rows of other "
                f"datasets that refer to its shipped rows find nothing. To append your rows to the shipped "
                f"ones instead, use --add {name}={mine} (or 'add:' in a parameter file)."
            )
    return ""


def check_file(name: str, path: Path | None = None) -> list[Issue]:
    """Every problem of one file against its dataset's schema and rules (an empty list if none)."""
    if path is None:
        try:
            path = path_of(name)
        except DataValidationError as error:
            return error.issues
    path = Path(path).resolve()
    shown = display_path(path)
    descriptor = resource(name)
    issues = _check_raw_file(shown, path, descriptor)
    if issues:
        return issues
    issues = _frictionless_issues(shown, path, descriptor)
    if any(issue.row is None or issue.rule in ("extra-cell", "missing-cell") for issue in issues):
        return issues  # the header or the shape of a row is wrong: row rules cannot read the table
    try:
        rows = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8")
    except (pd.errors.ParserError, ValueError) as error:  # a shape frictionless read past
        return issues + [Issue(shown, "csv-syntax", f"the file cannot be read as a table ({error})")]
    for rule in FIELD_RULES:
        issues += list(rule(shown, rows))
    for rule in TABLE_RULES.get(name, []):
        issues += list(rule(shown, rows))
    return sorted(issues, key=lambda issue: (issue.row or 0, issue.column or ""))


def _check_raw_file(shown: str, path: Path, descriptor: dict) -> list[Issue]:
    """The problems that stop a file from being read at all: missing, empty, encoding, delimiter."""
    if not path.is_file():
        return [Issue(shown, "file-missing", "the file does not exist")]
    raw = path.read_bytes()
    if not raw.strip():
        return [Issue(shown, "empty-file", "the file is empty; it needs at least a header row")]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        return [
            Issue(
                shown,
                "encoding",
                f"line {line} is not valid UTF-8 (byte {raw[error.start]:#04x}); "
                "save the file as UTF-8",
            )
        ]
    text = text.lstrip("\ufeff")
    if not text.strip():  # a byte-order mark and nothing else
        return [Issue(shown, "empty-file", "the file is empty; it needs at least a header row")]
    broken = _csv_syntax_issue(shown, text)
    if broken:
        return [broken]
    header_line = text.splitlines()[0]
    expected = [field["name"] for field in descriptor["schema"]["fields"]]
    header = next(csv.reader([header_line]))
    if len(header) == 1 and len(expected) > 1:
        for delimiter in (";", "\t", "|"):
            if delimiter in header_line:
                return [
                    Issue(
                        shown,
                        "delimiter",
                        f"the header is split by {delimiter!r}, not by commas; "
                        "save the file as comma-separated CSV",
                    )
                ]
    missing = [name for name in expected if name not in header]
    unknown = [name for name in header if name not in expected]
    twice = sorted({name for name in header if header.count(name) > 1})
    columns = ", ".join(expected)
    issues = [Issue(shown, "missing-column", f'the column "{name}" is missing; the columns must be: {columns}', column=name) for name in missing]
    issues += [Issue(shown, "unknown-column", f'the column "{name}" is not in the schema; the columns must be: {columns}', column=name) for name in unknown]
    issues += [Issue(shown, "duplicate-column", f'the column "{name}" appears twice; the columns must be: {columns}', column=name) for name in twice]
    if not issues and len(text.splitlines()) < 2:
        issues.append(Issue(shown, "no-rows", "the file has a header but no data rows"))
    return issues


def _csv_syntax_issue(shown: str, text: str) -> Issue | None:
    """A quote that is never closed, or text after a closing quote: the rows cannot be told apart."""
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    start = 1  # the line on which the record being read starts
    try:
        for _ in reader:
            start = reader.line_num + 1
    except csv.Error as error:
        return Issue(
            shown,
            "csv-syntax",
            f"the record that starts on line {start} is not valid CSV ({error}); check that every "
            'quoted cell ends with a quote (") followed by a comma or the end of the line',
            row=start - 1 if start > 1 else None,
        )
    return None


def _frictionless_issues(shown: str, path: Path, descriptor: dict) -> list[Issue]:
    from frictionless import Resource, Schema, system  # slow to import: only when validating

    schema = Schema.from_descriptor(descriptor["schema"])
    schema.foreign_keys = []  # checked across files by check_cross_references
    schema.fields_match = "equal"  # matched by name: the right columns in another order are fine
    with system.use_context(trusted=True):
        table = Resource(path=str(path), schema=schema, format="csv", encoding="utf-8")
        report = table.validate()
    issues = []
    for error in report.flatten(["rowNumber", "fieldName", "cell", "type", "note", "message"]):
        row_number, column, cell, kind, note, message = error
        if kind in ("missing-label", "incorrect-label", "extra-label", "blank-label", "duplicate-label"):
            expected = ", ".join(field["name"] for field in descriptor["schema"]["fields"])
            issues.append(Issue(shown, kind, f"{_header_problem(kind, column)}; the columns must be: {expected}", column=column))
            continue
        required = kind == "constraint-error" and '"required"' in str(note)
        issues.append(
            Issue(
                shown,
                kind,
                "the cell is empty but this column needs a value" if required else _cell_problem(kind, note, message),
                row=None if row_number is None else row_number - 1,
                column=column or ("(after the last column)" if kind == "extra-cell" else None),
                value="" if required else cell,  # frictionless reports a missing cell as 'None'
            )
        )
    return issues


def _header_problem(kind: str, column: str | None) -> str:
    return {
        "missing-label": f'the column "{column}" is missing',
        "incorrect-label": f'a column is named differently from "{column}" or is out of order',
        "extra-label": "there is a column that the schema does not know",
        "blank-label": "a column has no name",
        "duplicate-label": f'the column "{column}" appears twice',
    }.get(kind, "the header does not match the schema")


def _cell_problem(kind: str, note: str, message: str) -> str:
    if kind == "type-error":
        return f"not a valid value ({note})"
    if kind == "constraint-error":
        return f"breaks a rule: {note}"
    if kind in ("unique-error", "primary-key"):
        return f"duplicate: {note}"
    if kind in ("extra-cell", "missing-cell"):
        return "the row has a different number of cells from the header" + (
            " (is the delimiter a comma?)" if kind == "extra-cell" else ""
        )
    return message


# --------------------------------------------------------------------------- a reader's rows


@dataclass(frozen=True)
class AddedRows:
    """A dataset with a reader's rows appended: the merged table, and where each of its rows came from.

    ``merged`` holds the rows of ``base`` (``base_rows`` of them), then the rows of each reader's
    file in ``parts`` (the file and how many rows it has), in order.
    """

    name: str
    merged: Path
    base: Path
    base_rows: int
    parts: tuple[tuple[Path, int], ...]

    def origin(self, issue: Issue) -> Issue:
        """``issue`` as the reader should see it: a problem in one of their rows names their file and
        that row; a problem elsewhere in the merged table names the file it was appended to."""
        if issue.file != display_path(self.merged):
            return issue
        # frictionless names the first of two equal rows by its position in the merged file
        message = re.sub(r"the row at position (\d+)", lambda m: self._where(int(m[1]) - 1), issue.message)
        if issue.row is None or issue.row <= self.base_rows:
            return replace(issue, file=display_path(self.base), message=message)
        file, row = self._source(issue.row)
        return replace(issue, file=display_path(file), row=row, message=message)

    def _source(self, row: int) -> tuple[Path, int]:
        """The file and row that row ``row`` of the merged table came from."""
        if row <= self.base_rows:
            return self.base, row
        row -= self.base_rows
        for path, count in self.parts:
            if row <= count:
                return path, row
            row -= count
        return self.merged, row

    def _where(self, row: int) -> str:
        file, row = self._source(row)
        return f"row {row} of {display_path(file)}"


def add_rows(name: str, files: Iterable[Path], into: Path, base: Path | None = None) -> AddedRows:
    """Append the rows of ``files`` to dataset ``name`` (its shipped file, or ``base``) in a new file
    ``into``, and return where each row came from.

    Each file of rows is checked on its own first (its header, cells and the rules of the dataset)
    and any problem raises :class:`DataValidationError` naming that file and its row. The columns
    may come in any order; the merged file has the base file's. Problems that only the whole table
    shows (an id used twice, a reference to another dataset) come from :func:`validate` with
    ``added=[...]``. Neither the shipped file nor the reader's are changed.
    """
    files = [Path(file).resolve() for file in files]
    base = Path(base).resolve() if base is not None else path_of(name)
    for path in [base, *files]:
        issues = check_file(name, path)
        if issues:
            raise DataValidationError(issues)
    text = base.read_text(encoding="utf-8").lstrip("\ufeff").rstrip("\r\n") + "\n"
    header = next(csv.reader([text.splitlines()[0]]))
    base_rows = len(pd.read_csv(base, dtype=str, keep_default_na=False, encoding="utf-8-sig"))
    parts = []
    into = Path(into)
    into.parent.mkdir(parents=True, exist_ok=True)
    buffer = io.StringIO()
    buffer.write(text)
    writer = csv.writer(buffer, lineterminator="\n")
    for path in files:
        rows = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8-sig")
        writer.writerows(rows[header].itertuples(index=False, name=None))
        parts.append((path, len(rows)))
    content = buffer.getvalue().encode("utf-8")
    if not into.exists() or into.read_bytes() != content:  # unchanged files keep their time (caches)
        into.write_bytes(content)
    return AddedRows(name, into.resolve(), base, base_rows, tuple(parts))


# --------------------------------------------------------------------------- book-wide rules


def _column_rule(column: str, ok: Callable[[str], bool], rule: str, message: str) -> Rule:
    """A rule that checks every non-empty cell of ``column``, wherever that column appears."""

    def check(shown: str, rows: pd.DataFrame) -> Iterable[Issue]:
        if column not in rows.columns:
            return
        for index, value in rows[column].items():
            if value != "" and not ok(value):
                yield Issue(shown, rule, message, row=int(index) + 1, column=column, value=value)

    return check


def _is_web_address(value: str) -> bool:
    return value.startswith(("https://", "http://")) and " " not in value and "." in value


FIELD_RULES: list[Rule] = [
    _column_rule("country", is_actor_code, "country-code", "not an ISO 3166-1 alpha-3 code (or SUN, ESA)"),
    _column_rule("currency", is_currency_code, "currency-code", "not an ISO 4217 currency code"),
    _column_rule("source_url", _is_web_address, "source-url", "not a web address (http:// or https://)"),
]
"""Rules for columns that mean the same thing in every dataset."""


def today() -> date:
    """Today's date, or the date in ``SPACERACE_TODAY`` (YYYY-MM-DD) when set."""
    fixed = os.environ.get(TODAY_ENV)
    return date.fromisoformat(fixed) if fixed else date.today()


_ISO_DATE = re.compile(r"\d{4}(-\d{2}(-\d{2})?)?")
"""A date, a month or a year; other text is reported by the schema, not compared with today."""


def _no_future_achievements(shown: str, rows: pd.DataFrame) -> Iterable[Issue]:
    if not {"date", "status"} <= set(rows.columns):
        return
    limit = today().isoformat()
    for index, row in rows.iterrows():
        # A partial date (2024 or 2024-05) is in the future only if its earliest day is.
        if row["status"] == "achieved" and _ISO_DATE.fullmatch(row["date"]) and row["date"] > limit[: len(row["date"])]:
            yield Issue(
                shown,
                "future-achievement",
                f"an achieved event cannot be dated after today ({limit})",
                row=int(index) + 1,
                column="date",
                value=row["date"],
            )


def _no_future_dates(column: str) -> Rule:
    def check(shown: str, rows: pd.DataFrame) -> Iterable[Issue]:
        if column not in rows.columns:
            return
        limit = today().isoformat()
        for index, value in rows[column].items():
            if _ISO_DATE.fullmatch(value) and value > limit[: len(value)]:
                yield Issue(shown, "future-date", f"cannot be after today ({limit})", row=int(index) + 1, column=column, value=value)

    return check


def _estimates_name_their_author(shown: str, rows: pd.DataFrame) -> Iterable[Issue]:
    """space_budgets: an estimate names who made it (estimated_by); an official figure names no one."""
    if not {"status", "estimated_by"} <= set(rows.columns):
        return
    for index, row in rows.iterrows():
        author = row["estimated_by"].strip()
        if row["status"] == "estimate" and not author:
            yield Issue(shown, "estimate-author", "an estimate must name who made it in estimated_by (e.g. OECD, Euroconsult)", row=int(index) + 1, column="estimated_by", value=row["estimated_by"])
        elif row["status"] == "official" and author:
            yield Issue(shown, "estimate-author", "an official figure has no estimated_by: leave it empty, or set status to estimate", row=int(index) + 1, column="estimated_by", value=author)


def _attempts_add_up(shown: str, rows: pd.DataFrame) -> Iterable[Issue]:
    """attempts = successes + failures (cells that are not whole numbers are left to the schema)."""
    if not {"attempts", "successes", "failures"} <= set(rows.columns):
        return
    numbers = rows[["attempts", "successes", "failures"]].apply(pd.to_numeric, errors="coerce")
    wrong = numbers.notna().all(axis=1) & (numbers["attempts"] != numbers["successes"] + numbers["failures"])
    for index in rows.index[wrong]:
        yield Issue(
            shown,
            "attempts-sum",
            f"attempts must equal successes + failures ({rows.at[index, 'successes']} + {rows.at[index, 'failures']})",
            row=int(index) + 1,
            column="attempts",
            value=rows.at[index, "attempts"],
        )


def _flights_in_order(shown: str, rows: pd.DataFrame) -> Iterable[Issue]:
    """A vehicle's flights are numbered 1, 2, 3... without gaps, in date order."""
    if not {"vehicle", "flight_number", "date"} <= set(rows.columns):
        return
    frame = pd.DataFrame(
        {
            "vehicle": rows["vehicle"],
            "n": pd.to_numeric(rows["flight_number"], errors="coerce"),
            "date": pd.to_datetime(rows["date"], format="%Y-%m-%d", errors="coerce"),
        }
    ).dropna()  # cells that are not numbers or dates are left to the schema
    frame = frame.sort_values(["vehicle", "n"], kind="stable")
    expected = frame.groupby("vehicle").cumcount() + 1
    gap = frame["n"] != expected
    earlier = frame.groupby("vehicle")["date"].diff().dt.days < 0
    for index in frame.index[gap & ~gap.groupby(frame["vehicle"]).shift(fill_value=False)]:
        yield Issue(shown, "flight-order", f"flights of {rows.at[index, 'vehicle']!r} must be numbered 1, 2, 3... without gaps (expected {expected[index]})", row=int(index) + 1, column="flight_number", value=rows.at[index, "flight_number"])
    for index in frame.index[earlier & ~gap]:
        yield Issue(shown, "flight-order", f"flight {rows.at[index, 'flight_number']} of {rows.at[index, 'vehicle']!r} is dated before the flight numbered before it", row=int(index) + 1, column="date", value=rows.at[index, "date"])


def _entity_codes_match_kind(shown: str, rows: pd.DataFrame) -> Iterable[Issue]:
    """registered_objects: a country has an actor code, an organisation none (but ESA), World none."""
    if not {"code", "kind"} <= set(rows.columns):
        return
    for index, row in rows.iterrows():
        code, kind = row["code"], row["kind"]
        if code and not is_actor_code(code):
            yield Issue(shown, "country-code", "not an ISO 3166-1 alpha-3 code (or SUN, ESA)", row=int(index) + 1, column="code", value=code)
        elif kind == "country" and not code:
            yield Issue(shown, "code-for-kind", "a row of kind 'country' needs its alpha-3 code", row=int(index) + 1, column="code", value=code)
        elif kind == "world" and code:
            yield Issue(shown, "code-for-kind", "the World row has no code (it is not a country to add)", row=int(index) + 1, column="code", value=code)
        elif kind == "organisation" and code not in ("", "ESA"):
            yield Issue(shown, "code-for-kind", "an organisation has no country code (only ESA has the book's code ESA)", row=int(index) + 1, column="code", value=code)


def _debris_in_orbit_at_most_catalogued(shown: str, rows: pd.DataFrame) -> Iterable[Issue]:
    """asat_tests: debris still in orbit cannot exceed debris catalogued; counts need their date."""
    if not {"debris_catalogued", "debris_in_orbit", "debris_as_of"} <= set(rows.columns):
        return
    for index, row in rows.iterrows():
        catalogued, in_orbit = row["debris_catalogued"], row["debris_in_orbit"]
        if (catalogued or in_orbit) and not row["debris_as_of"]:
            yield Issue(shown, "debris-date", "debris counts need the date they were counted (debris_as_of)", row=int(index) + 1, column="debris_as_of", value="")
        if catalogued.isdigit() and in_orbit.isdigit() and int(in_orbit) > int(catalogued):
            yield Issue(shown, "debris-in-orbit", f"more fragments in orbit than catalogued ({catalogued})", row=int(index) + 1, column="debris_in_orbit", value=in_orbit)


TABLE_RULES: dict[str, list[Rule]] = {
    "milestones": [_no_future_achievements],
    "memberships": [_no_future_dates("date")],
    "launch_outcomes": [_attempts_add_up],
    "launcher_debuts": [_flights_in_order, _no_future_dates("date")],
    "space_budgets": [_estimates_name_their_author],
    "registered_objects": [_entity_codes_match_kind],
    "asat_tests": [_debris_in_orbit_at_most_catalogued, _no_future_dates("date")],
}
"""Rules that only one dataset has."""


def check_cross_references(overrides: Mapping[str, Path]) -> list[Issue]:
    """Problems between files: foreign keys, and costs whose currency or price year the economic
    series do not cover."""
    names = set(resource_names())
    frames = {
        name: pd.read_csv(Path(overrides[name]) if name in overrides else path_of(name), dtype=str, keep_default_na=False)
        for name in names
    }
    shown = {name: display_path(Path(overrides[name]) if name in overrides else path_of(name)) for name in names}
    issues: list[Issue] = []
    for name in names:
        for key in resource(name)["schema"].get("foreignKeys", []):
            issues += _foreign_key_issues(shown[name], frames[name], key, frames)
    if {"mission_costs", "cpi", "exchange_rates"} <= names:
        issues += _coverage_issues(shown["mission_costs"], frames["mission_costs"], frames["cpi"], frames["exchange_rates"])
    if {"space_budgets", "cpi"} <= names:
        issues += _budget_currency_issues(shown["space_budgets"], frames["space_budgets"], frames["cpi"])
    return issues


def _as_list(value: str | list[str]) -> list[str]:
    return [value] if isinstance(value, str) else list(value)


def _foreign_key_issues(shown: str, rows: pd.DataFrame, key: dict, frames: Mapping[str, pd.DataFrame]) -> list[Issue]:
    fields = _as_list(key["fields"])
    target = frames.get(key["reference"]["resource"])
    if target is None or not set(fields) <= set(rows.columns):
        return []
    known = set(map(tuple, target[_as_list(key["reference"]["fields"])].to_numpy().tolist()))
    issues = []
    for index, values in enumerate(map(tuple, rows[fields].to_numpy().tolist())):
        if all(values) and values not in known:
            issues.append(
                Issue(
                    shown,
                    "foreign-key",
                    f"no such {', '.join(fields)} in the dataset {key['reference']['resource']!r}",
                    row=index + 1,
                    column=fields[0],
                    value=", ".join(values),
                )
            )
    return issues


def _coverage_issues(shown: str, costs: pd.DataFrame, cpi: pd.DataFrame, fx: pd.DataFrame) -> list[Issue]:
    prices = set(zip(cpi["currency"], cpi["year"]))
    rates = set(zip(fx["currency"], fx["year"])) | {("USD", year) for _, year in prices}
    issues = []
    for index, row in costs.iterrows():
        currency, year = row["currency"], row["price_year"]
        if not any(c == currency for c, _ in prices):
            issues.append(Issue(shown, "currency-coverage", "the economic series have no price index for this currency", row=int(index) + 1, column="currency", value=currency))
        elif (currency, year) not in prices or (currency, year) not in rates:
            issues.append(Issue(shown, "year-coverage", f"the economic series do not cover {currency} in this year", row=int(index) + 1, column="price_year", value=year))
    return issues


def _budget_currency_issues(shown: str, budgets: pd.DataFrame, cpi: pd.DataFrame) -> list[Issue]:
    """space_budgets: every currency must have a price index (a year outside it is listed by the
    chapter, not refused: budgets run later than the price series)."""
    known = set(cpi["currency"])
    listed = ", ".join(sorted(known))
    return [
        Issue(shown, "currency-coverage", f"the economic series have no price index for this currency (data/cpi.csv has {listed})", row=int(index) + 1, column="currency", value=currency)
        for index, currency in budgets["currency"].items()
        if currency not in known
    ]


# --------------------------------------------------------------------------- describing the package


def describe(name: str) -> dict:
    """A summary of one dataset for readers: title, description, rows, columns, sources, licences."""
    descriptor = resource(name)
    path = path_of(name)
    record_read(path, name)
    rows = sum(1 for _ in csv.reader(path.open(encoding="utf-8"))) - 1
    columns = [
        {
            "column": field["name"],
            "type": field["type"],
            "required": "yes" if field.get("constraints", {}).get("required") else "",
            "meaning": field.get("description", ""),
        }
        for field in descriptor["schema"]["fields"]
    ]
    return {
        "name": name,
        "title": descriptor.get("title", name),
        "description": descriptor.get("description", ""),
        "file": descriptor["path"],
        "rows": rows,
        "columns": columns,
        "sources": descriptor.get("sources", []),
        "licenses": descriptor.get("licenses", []),
        "as_of": descriptor.get("x-as-of", ""),
    }


def sources_html(sources: Iterable[Mapping[str, str]]) -> str:
    """A dataset's sources as HTML for the Data page, every text escaped.

    A source with a ``path`` is a link; one without is plain text (a title such as "web pages, one
    address per row in source_url" has no single address, and must not link to one row's page).
    Sources are separated by "; ", except after a title ending in a colon, which introduces the
    examples that follow it.
    """
    import html

    out, previous = "", ""
    for source in sources:
        title = source.get("title") or source.get("path", "")
        text = html.escape(title)
        if source.get("path"):
            text = f'<a href="{html.escape(source["path"])}">{text}</a>'
        if out:
            out += " " if previous.endswith(":") else "; "
        out += text
        previous = title
    return out


def dataset_html(info: Mapping) -> str:
    """The heading, download link, description, sources and licences of one dataset, as HTML for the
    Data page; ``info`` is what :func:`describe` returns."""
    import html

    file = html.escape(info["file"])
    as_of = f", as of {html.escape(info['as_of'])}" if info.get("as_of") else ""
    licences = ", ".join(html.escape(l.get("title", l.get("name", ""))) for l in info.get("licenses", []))
    return (
        f"<h2 id='dataset-{html.escape(info['name'])}'>{html.escape(info['title'])}</h2>"
        f"<p><a href='../_static/data/{file}' download><code>{file}</code></a>: {info['rows']:,} rows{as_of}.</p>"
        f"<p>{html.escape(info['description'])}</p>"
        f"<p><strong>Sources:</strong> {sources_html(info.get('sources', [])) or 'see each row'}.<br>"
        f"<strong>Licence:</strong> {licences or 'see sources'}.</p>"
    )


FIELDS_CSS_CLASS = "spacerace-fields"
"""The class of the Data page's column tables; on a phone the book's stylesheet shows one block per
column (name and type on one line, the meaning below) instead of four columns."""


def fields_table(info: Mapping):
    """The table of a dataset's columns (column, type, required, meaning) for the Data page, with the
    class :data:`FIELDS_CSS_CLASS` so that it reads as one block per column on a phone."""
    from .charts import table

    frame = pd.DataFrame(info["columns"], columns=["column", "type", "required", "meaning"])
    return table(frame, css_class=FIELDS_CSS_CLASS)


# --------------------------------------------------------------------------- the mix of sources

SOURCE_KINDS: tuple[str, ...] = ("official", "press", "scholarly", "dataset", "encyclopaedia copy")
"""The kinds of source a row can cite (column ``source_kind``), best first."""


def source_mix(names: Iterable[str] | None = None) -> pd.DataFrame:
    """How many rows of each dataset cite each kind of source (its ``source_kind`` column).

    One row per dataset and kind, datasets in the data package's order (or that of ``names``) and
    kinds in :data:`SOURCE_KINDS` order, zero counts included; a kind outside the list comes after
    them. Columns: ``table`` (the dataset), ``source_kind``, ``rows`` and ``share`` (of the dataset's rows, 0 to
    1). Datasets whose schema has no ``source_kind`` column are left out.
    """
    records: list[dict] = []
    for name in names if names is not None else resource_names():
        if not any(field["name"] == "source_kind" for field in resource(name)["schema"]["fields"]):
            continue
        kinds = load(name)["source_kind"].fillna("not stated").astype(str)
        counts = kinds.value_counts()
        order = list(SOURCE_KINDS) + sorted(set(counts.index) - set(SOURCE_KINDS))
        for kind in order:
            n = int(counts.get(kind, 0))
            records.append({"table": name, "source_kind": kind, "rows": n, "share": n / len(kinds) if len(kinds) else 0.0})
    return pd.DataFrame(records, columns=["table", "source_kind", "rows", "share"])
