"""Glue kept in step by a test, from the sources alone (nothing is executed).

For every chapter notebook of ``_toc.yml``: every glue role or directive in its markdown and in its
exercises page (``book/<folder>/exercises.md``) has a ``glue("name", ...)`` call in the notebook's
code, and every name the notebook glues is used in some markdown of the book.

Glue names built in a loop (``for code in ["USA", "CHN"]: glue(f"{code}_n_cat", ...)``) are worked
out from the loop when it runs over literal values (a list, a tuple, ``{...}.items()``, ``zip`` with
a literal list); a name that cannot be worked out from the source counts as a pattern that matches
any text in its unknown parts.
"""

from __future__ import annotations

import ast
import itertools
import json
import re
from dataclasses import dataclass
from pathlib import Path

import pytest

from spacerace.engine.chapters import chapters
from spacerace.paths import ROOT

BOOK = ROOT / "book"

# {glue}`name`, {glue:text}`name:.1f`, {glue:any}`name`, {glue:}`name`, {glue:figure}`name`, {glue:md}`name`
ROLE = re.compile(r"\{glue(?::[a-z]*)?\}`([^`]+)`")
# ```{glue} name / ```{glue:figure} name / :::{glue:math} name (MyST directive forms)
DIRECTIVE = re.compile(r"^\s*(?:`{3,}|:{3,})\{glue(?::[a-z]*)?\}[ \t]+(\S+)", re.MULTILINE)


@dataclass(frozen=True)
class Use:
    name: str
    notebook: str  # the notebook the role points to ("" = the page's own)
    where: str  # file:line


def role_name(text: str, is_role: bool) -> tuple[str, str]:
    """``(notebook, name)`` of a role's or directive's text (``path.ipynb::name:format``)."""
    notebook = ""
    if "::" in text:
        notebook, text = text.split("::", 1)
    if is_role:
        text = text.split(":", 1)[0]  # {glue:text}`name:format`
    return Path(notebook).stem if notebook else "", text.strip()


def uses_in(text: str, where: str) -> list[Use]:
    found = []
    for pattern, is_role in ((ROLE, True), (DIRECTIVE, False)):
        for match in pattern.finditer(text):
            notebook, name = role_name(match.group(1), is_role)
            line = text.count("\n", 0, match.start()) + 1
            found.append(Use(name, notebook, f"{where}:{line}"))
    return found


def cells(notebook: Path, kind: str) -> list[str]:
    data = json.loads(notebook.read_text(encoding="utf-8"))
    return ["".join(cell["source"]) for cell in data["cells"] if cell["cell_type"] == kind]


def python_source(code: str) -> str:
    """A code cell as Python: IPython magics and shell lines commented out."""
    return "\n".join("# " + line if line.lstrip().startswith(("%", "!")) else line for line in code.splitlines())


def loop_bindings(loop: ast.For) -> list[dict[str, object]] | None:
    """The names a ``for`` loop binds, one dict per iteration, if the loop runs over literals."""

    def values(node: ast.expr) -> list | None:
        try:
            return list(ast.literal_eval(node))
        except (ValueError, TypeError, SyntaxError):
            pass
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and not node.args:
            inner = values(node.func.value) if node.func.attr in ("items", "keys", "values") else None
            if inner is not None and isinstance(node.func.value, ast.Dict):
                mapping = ast.literal_eval(node.func.value)
                return list(getattr(mapping, node.func.attr)())
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in ("zip", "enumerate"):
            parts = [values(arg) for arg in node.args]
            known = [p for p in parts if p is not None]
            if not known:
                return None
            if node.func.id == "enumerate":
                return list(enumerate(known[0]))
            length = min(len(p) for p in known)
            return list(zip(*[p if p is not None else [None] * length for p in parts]))
        return None

    items = values(loop.iter)
    if items is None:
        return None

    def bind(target: ast.expr, value: object, into: dict[str, object]) -> None:
        if isinstance(target, ast.Name):
            into[target.id] = value
        elif isinstance(target, (ast.Tuple, ast.List)) and isinstance(value, (tuple, list)) and len(value) == len(target.elts):
            for element, item in zip(target.elts, value):
                bind(element, item, into)

    found = []
    for item in items:
        names: dict[str, object] = {}
        bind(loop.target, item, names)
        found.append(names)
    return found


def glue_name_patterns(code: str) -> list[str]:
    """Every glue name of a code cell as a regular expression (a literal name is its own escape)."""
    tree = ast.parse(python_source(code))
    found: list[str] = []

    def name_of(node: ast.expr, scope: dict[str, object]) -> str:
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            return re.escape(node.value)
        if isinstance(node, ast.Name) and isinstance(scope.get(node.id), str):
            return re.escape(scope[node.id])
        if isinstance(node, ast.JoinedStr):
            parts = []
            for value in node.values:
                if isinstance(value, ast.Constant):
                    parts.append(re.escape(str(value.value)))
                elif isinstance(value, ast.FormattedValue) and value.format_spec is None and isinstance(value.value, ast.Name) and isinstance(scope.get(value.value.id), str):
                    parts.append(re.escape(scope[value.value.id]))
                else:
                    parts.append(".+")
            return "".join(parts)
        return ".+"

    def visit(node: ast.AST, scopes: list[dict[str, object]]) -> None:
        if isinstance(node, ast.For):
            bindings = loop_bindings(node)
            if bindings:
                scopes = [{**outer, **inner} for outer, inner in itertools.product(scopes, bindings)]
        if isinstance(node, ast.Call) and node.args and (
            (isinstance(node.func, ast.Name) and node.func.id == "glue")
            or (isinstance(node.func, ast.Attribute) and node.func.attr == "glue")
        ):
            for scope in scopes:
                found.append(name_of(node.args[0], scope))
        for child in ast.iter_child_nodes(node):
            visit(child, scopes)

    visit(tree, [{}])
    return list(dict.fromkeys(found))


def book_markdown() -> dict[str, str]:
    """Every markdown text of the book: the .md pages and the markdown cells of every notebook."""
    texts = {str(page.relative_to(ROOT)): page.read_text(encoding="utf-8") for page in sorted(BOOK.rglob("*.md"))}
    for notebook in sorted(BOOK.rglob("*.ipynb")):
        if ".ipynb_checkpoints" not in notebook.parts:
            texts[str(notebook.relative_to(ROOT))] = "\n".join(cells(notebook, "markdown"))
    return texts


CHAPTERS = chapters()
MARKDOWN = book_markdown()


def uses_for(chapter) -> list[Use]:
    """The glue roles that read from ``chapter``: its own markdown, its exercises page, and any page
    that names its notebook (``{glue:text}`costs.ipynb::name```)."""
    own = [str(chapter.notebook), str(chapter.notebook.parent / "exercises.md")]
    found = []
    for where, text in MARKDOWN.items():
        for use in uses_in(text, where):
            if use.notebook == chapter.name or (not use.notebook and where in own):
                found.append(use)
    return found


def test_the_book_has_chapters() -> None:
    assert CHAPTERS, "no chapter notebook found through _toc.yml"


@pytest.mark.parametrize("chapter", CHAPTERS, ids=lambda c: c.name)
def test_every_glue_role_has_a_glue_call(chapter) -> None:
    patterns = [p for code in cells(chapter.source, "code") for p in glue_name_patterns(code)]
    missing = [use for use in uses_for(chapter) if not any(re.fullmatch(p, use.name) for p in patterns)]
    assert not missing, f"{chapter.notebook}: {len(missing)} glue role(s) with no glue(...) call in the notebook:\n" + "\n".join(
        f"  - {use.name!r} used at {use.where}" for use in missing
    )


@pytest.mark.parametrize("chapter", CHAPTERS, ids=lambda c: c.name)
def test_every_glued_name_is_used(chapter) -> None:
    used = {use.name for text_where, text in MARKDOWN.items() for use in uses_in(text, text_where)}
    patterns = [p for code in cells(chapter.source, "code") for p in glue_name_patterns(code)]
    unused = [p for p in patterns if not any(re.fullmatch(p, name) for name in used)]
    assert not unused, f"{chapter.notebook}: {len(unused)} glued name(s) used in no markdown of the book:\n" + "\n".join(
        f"  - {p.replace(chr(92), '')}" for p in unused
    )


def test_the_parser_reads_every_form() -> None:
    text = "a {glue}`one` b {glue:text}`two:.1f` {glue:}`three` {glue:figure}`four`\n```{glue:figure} five\n:name: x\n```\n:::{glue} six\n:::\n{glue:text}`costs.ipynb::seven:,.0f`"
    assert [(u.notebook, u.name) for u in uses_in(text, "x.md")] == [
        ("", "one"), ("", "two"), ("", "three"), ("", "four"), ("costs", "seven"), ("", "five"), ("", "six"),
    ]
    code = 'glue("a", 1)\nfor k, v in {"x": 1, "y": 2}.items():\n    glue(f"{k}_n", v)\nfor key in unknown:\n    glue(key, 1)\nfor v, key in zip(things, ["p", "q"]):\n    glue(key, v)\n%time glue("m", 2)'
    assert glue_name_patterns(code) == ["a", "x_n", "y_n", ".+", "p", "q"]
