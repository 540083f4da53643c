"""Notebook parameters: read them from the notebook, check what a user passes.

Each chapter has one code cell tagged ``parameters``. Every line of it is a typed assignment with a
comment that explains it, and may list the allowed values::

    base_year: int = 2024  # prices of this year
    method: str = "deflate_then_convert"  # one of: deflate_then_convert, convert_then_deflate
    agencies: list[str] = []  # agencies to include; empty means all

papermill writes the values a user chooses into code, so they are parsed here as YAML scalars or
lists (never evaluated), checked against the declared type and choices, and refused with a clear
message before any kernel starts.
"""

from __future__ import annotations

import ast
import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from .paths import BOOK_DIR

SUPPORTED_TYPES = ("int", "float", "bool", "str", "list[str]", "list[int]")


class ParameterError(ValueError):
    """A parameter name or value that the chapter does not accept."""


@dataclass(frozen=True)
class Parameter:
    """One declared parameter of a chapter."""

    name: str
    type: str
    default: Any
    help: str
    choices: tuple[str, ...] = ()

    def check(self, value: Any) -> Any:
        """Return ``value`` if it fits this parameter, else raise :class:`ParameterError`."""
        if self.type == "int" and not (isinstance(value, int) and not isinstance(value, bool)):
            raise ParameterError(f"parameter {self.name!r} must be a whole number, got {value!r}")
        if self.type == "float":
            if isinstance(value, bool) or not isinstance(value, (int, float)):
                raise ParameterError(f"parameter {self.name!r} must be a number, got {value!r}")
            value = float(value)
        if self.type == "bool" and not isinstance(value, bool):
            raise ParameterError(f"parameter {self.name!r} must be true or false, got {value!r}")
        if self.type == "str" and not isinstance(value, str):
            raise ParameterError(f"parameter {self.name!r} must be text, got {value!r}")
        if self.type.startswith("list["):
            item = str if self.type == "list[str]" else int
            if not isinstance(value, list) or not all(isinstance(v, item) and not isinstance(v, bool) for v in value):
                kind = "text values" if item is str else "whole numbers"
                raise ParameterError(f"parameter {self.name!r} must be a list of {kind}, e.g. [A, B]; got {value!r}")
        values = value if isinstance(value, list) else [value]
        if self.choices and any(str(v) not in self.choices for v in values):
            raise ParameterError(f"parameter {self.name!r} must be one of {', '.join(self.choices)}; got {value!r}")
        return value

    def parse(self, text: str) -> Any:
        """Parse a value typed on the command line (``2020``, ``true``, ``[IND, USA]``) and check it."""
        try:
            value = yaml.safe_load(text)
        except yaml.YAMLError as error:
            raise ParameterError(f"parameter {self.name!r}: cannot read {text!r} ({error.problem})") from None
        if self.type == "str" and not isinstance(value, str):
            value = text  # "2020" given to a text parameter is the text 2020
        if self.type == "list[str]" and isinstance(value, list):
            value = [str(v) if isinstance(v, (int, float)) and not isinstance(v, bool) else v for v in value]
        return self.check(value)


_CHOICES = re.compile(r"one of:\s*(?P<choices>[\w\-. ,]+)$")


def parameters_cell(notebook: dict) -> dict:
    """The notebook's single cell tagged ``parameters``."""
    cells = [c for c in notebook["cells"] if "parameters" in c.get("metadata", {}).get("tags", [])]
    if len(cells) != 1:
        raise ParameterError(f"a chapter needs exactly one cell tagged 'parameters', found {len(cells)}")
    return cells[0]


def declared(notebook_path: Path) -> dict[str, Parameter]:
    """The parameters a notebook declares, by name, read from its ``parameters`` cell."""
    notebook = json.loads(Path(notebook_path).read_text(encoding="utf-8"))
    source = "".join(parameters_cell(notebook)["source"])
    lines = source.splitlines()
    parameters: dict[str, Parameter] = {}
    for node in ast.parse(source).body:
        if not (isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name) and node.value is not None):
            raise ParameterError(
                f"{notebook_path}: line {node.lineno} of the parameters cell must be 'name: type = value  # help'"
            )
        kind = ast.unparse(node.annotation)
        if kind not in SUPPORTED_TYPES:
            raise ParameterError(f"{notebook_path}: parameter {node.target.id!r} has unsupported type {kind!r}")
        comment = lines[node.lineno - 1].partition("#")[2].strip()
        match = _CHOICES.search(comment)
        choices = tuple(c.strip() for c in match["choices"].split(",") if c.strip()) if match else ()
        parameter = Parameter(node.target.id, kind, ast.literal_eval(node.value), comment, choices)
        parameters[parameter.name] = parameter
    return parameters


def resolve(notebook_path: Path, given: dict[str, str], typed: dict[str, Any] | None = None) -> dict[str, Any]:
    """Check user parameters against a notebook's declaration.

    ``given`` holds values as typed on the command line (parsed here); ``typed`` holds values already
    parsed (from a YAML parameter file). Returns the checked values by name.
    """
    declaration = declared(notebook_path)
    values: dict[str, Any] = {}
    for name, value in list(given.items()) + list((typed or {}).items()):
        if name not in declaration:
            known = ", ".join(sorted(declaration))
            raise ParameterError(f"unknown parameter {name!r} for {Path(notebook_path).name}; it takes: {known}")
        parameter = declaration[name]
        values[name] = parameter.parse(value) if name in given else parameter.check(value)
    return values


def table(notebook_path: Path) -> list[dict[str, str]]:
    """Rows describing each parameter (name, type, default, meaning), for the README and the CLI."""
    return [
        {"parameter": p.name, "type": p.type, "default": json.dumps(p.default), "meaning": p.help}
        for p in declared(notebook_path).values()
    ]


def chapter_notebook(notebook: str | Path) -> Path:
    """A chapter's notebook: ``notebook`` as a path if it exists from here, else the notebook of that
    name in the book (``"costs"`` or ``"costs.ipynb"``), so a chapter runs from any folder."""
    path = Path(notebook)
    if path.is_file():
        return path
    name = path.name if path.suffix == ".ipynb" else f"{path.name}.ipynb"
    found = sorted(p for p in BOOK_DIR.rglob(name) if ".ipynb_checkpoints" not in p.parts)
    if not found:
        raise FileNotFoundError(f"no notebook {name} in {BOOK_DIR}")
    return found[0]


def show_parameters(notebook: str | Path, values: dict[str, Any]):
    """A table of a chapter's parameters with the values this run used, for the top of a chapter.

    Call it in the notebook as ``show_parameters("costs", globals())``; it finds the chapter's
    notebook from any working folder. Values that differ from the default are marked, so a reader
    of a variant book sees at once what changed.
    """
    import pandas as pd

    from .charts import table

    rows = []
    for parameter in declared(chapter_notebook(notebook)).values():
        value = values.get(parameter.name, parameter.default)
        changed = value != parameter.default
        rows.append(
            {
                "parameter": parameter.name,
                "value in this run": json.dumps(value) + (" (changed)" if changed else ""),
                "default": json.dumps(parameter.default),
                "meaning": parameter.help,
            }
        )
    return table(pd.DataFrame(rows), css_class="spacerace-parameters")
