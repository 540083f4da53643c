"""Rerun one chapter with other parameters or data, into an output folder of its own.

Writes ``<chapter>.ipynb`` (executed), ``<chapter>.html`` (one standalone page that works offline:
the chart library is inside it) and ``charts/<chapter>-<n>.svg`` and ``.png`` for each chart.

The folder must be new or empty, so that two runs never overwrite each other unnoticed; with
``force`` a folder that is not empty is used too, and this chapter's earlier files in it are
replaced (its old charts removed), while other files are left alone.
"""

from __future__ import annotations

import html
import json
import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from .bundle import chart_library
from ..charts import save_images, specs_in
from .chapters import Chapter
from .execute import ChapterFailed, execute

_GLUE_ROLE = re.compile(r"\{glue(?::text)?\}`([^`:]+)(?::([^`]*))?`")
_TARGET = re.compile(r"^\((?P<label>[\w-]+)\)=\s*\n+#+\s+(?P<title>.+)$", re.MULTILINE)
_TARGET_LINE = re.compile(r"^\([\w-]+\)=[ \t]*\n", re.MULTILINE)
_REF_ROLE = re.compile(r"\{(?:ref|doc)\}`(?:(?P<text>[^`<]+?)\s*<(?P<target>[^`>]+)>|(?P<label>[^`]+))`")
_CITE_ROLE = re.compile(r"\{cite(?::\w+)?\}`([^`]+)`")
_FENCE = re.compile(r"^(`{3,}|:{3,})\{(?P<name>[\w-]+)\}[^\n]*\n(?P<body>.*?)^\1[ \t]*$", re.MULTILINE | re.DOTALL)


class OutputNotEmpty(ValueError):
    """The output folder of a rerun is not empty (or is not a folder) and ``force`` was not given."""


def check_output_folder(out: Path, force: bool = False) -> None:
    """Refuse an output folder that is a file, or that holds files, unless ``force``."""
    out = Path(out)
    if out.exists() and not out.is_dir():
        raise OutputNotEmpty(f"--out {out} is a file, not a folder; choose a folder")
    if not force and out.is_dir() and any(out.iterdir()):
        raise OutputNotEmpty(
            f"the folder {out} is not empty (an earlier run?); choose a new folder with --out, "
            "or add --force to replace this chapter's files in it"
        )


def rerun(chapter: Chapter, parameters: Mapping[str, Any], overrides: Mapping[str, Path], out: Path, force: bool = False) -> list[Path]:
    """Execute ``chapter`` into ``out`` and export its page and charts; return the files written."""
    check_output_folder(out, force)
    out = Path(out).resolve()
    for old_chart in sorted((out / "charts").glob(f"{chapter.name}-*")) if force else []:
        if re.fullmatch(rf"{re.escape(chapter.name)}-\d+\.(svg|png)", old_chart.name):
            old_chart.unlink()
    try:
        out.mkdir(parents=True, exist_ok=True)
        (out / ".write-test").write_text("ok")
        (out / ".write-test").unlink()
    except OSError as error:
        raise ChapterFailed(f"cannot write to {out}: {error.strerror}") from None
    notebook_path = out / f"{chapter.name}.ipynb"
    try:
        execute(chapter, notebook_path, parameters, overrides)
    except ChapterFailed as error:
        raise ChapterFailed(f"{chapter.name} failed in {error}; the executed notebook is at {notebook_path}") from None
    notebook = json.loads(notebook_path.read_text(encoding="utf-8"))
    page = out / f"{chapter.name}.html"
    page.write_text(standalone_html(notebook, title=chapter.name), encoding="utf-8")
    written = [notebook_path, page]
    for number, spec in enumerate(specs_in(notebook), start=1):
        written += save_images(spec, out / "charts" / f"{chapter.name}-{number}")
    return written


def glued_values(notebook: dict) -> dict[str, Any]:
    """The values a notebook glued (myst-nb ``glue``), by name: numbers as numbers, else text."""
    values: dict[str, Any] = {}
    for cell in notebook["cells"]:
        for output in cell.get("outputs", []):
            name = output.get("metadata", {}).get("scrapbook", {}).get("name")
            if name is None:
                continue
            data = output.get("data", {})
            text = next((v for k, v in data.items() if k.endswith("text/plain")), "")
            text = "".join(text) if isinstance(text, list) else text
            try:
                values[name] = json.loads(text)
            except ValueError:
                values[name] = text.strip("'\"")
    return values


def _fill_glue(markdown: str, values: Mapping[str, Any]) -> str:
    def replace(match: re.Match) -> str:
        name, spec = match.group(1), match.group(2) or ""
        value = values.get(name, f"[{name}]")
        try:
            return format(value, spec)
        except (TypeError, ValueError):
            return str(value)

    return _GLUE_ROLE.sub(replace, markdown)


def section_titles(notebook: dict) -> dict[str, str]:
    """Each MyST target of the notebook (``(costs-methods)=`` before a heading) and its heading's text."""
    sources = ("".join(cell["source"]) for cell in notebook["cells"] if cell["cell_type"] == "markdown")
    return {match["label"]: match["title"].strip() for source in sources for match in _TARGET.finditer(source)}


def plain_markdown(markdown: str, titles: Mapping[str, str]) -> str:
    """The book's MyST markdown as plain CommonMark for the standalone page, which has no Sphinx:
    targets dropped, a reference shown as its text or its section's title (the book's own label
    for a section in another chapter), a citation as ``[key]`` (the book's References list it), an
    ``index`` directive dropped and any other directive (a note) kept as a quotation."""

    def fence(match: re.Match) -> str:
        if match["name"] == "index":
            return ""
        body = match["body"].strip()
        return "\n".join(f"> {line}" if line else ">" for line in f"**{match['name'].capitalize()}.** {body}".splitlines()) + "\n"

    def ref(match: re.Match) -> str:
        return match["text"] or titles.get(match["label"], match["label"])

    markdown = _FENCE.sub(fence, _TARGET_LINE.sub("", markdown))
    return _CITE_ROLE.sub(lambda match: f"[{match[1]}]", _REF_ROLE.sub(ref, markdown))


def standalone_html(notebook: dict, title: str) -> str:
    """One HTML page with the notebook's text and outputs and the chart library inlined."""
    from markdown_it import MarkdownIt

    markdown = MarkdownIt("commonmark").enable("table")
    values = glued_values(notebook)
    titles = section_titles(notebook)
    parts: list[str] = []
    for cell in notebook["cells"]:
        tags = set(cell.get("metadata", {}).get("tags", []))
        if "remove-cell" in tags:
            continue
        source = "".join(cell["source"])
        if cell["cell_type"] == "markdown":
            parts.append(markdown.render(plain_markdown(_fill_glue(source, values), titles)))
            continue
        if "remove-input" not in tags and "hide-input" not in tags:
            parts.append(f"<pre class='code'>{html.escape(source)}</pre>")
        if "remove-output" in tags:
            continue
        for output in cell.get("outputs", []):
            if output.get("metadata", {}).get("scrapbook"):
                continue
            data = output.get("data", {})
            if "text/html" in data:
                parts.append("".join(data["text/html"]))
            elif "text/plain" in data:
                parts.append(f"<pre>{html.escape(''.join(data['text/plain']))}</pre>")
            elif output.get("output_type") == "stream":
                parts.append(f"<pre>{html.escape(''.join(output['text']))}</pre>")
    script = chart_library().replace("</script", "<\\/script")
    return (
        "<!DOCTYPE html>\n<html lang='en'><head><meta charset='utf-8'>"
        f"<title>{html.escape(title)}</title>"
        "<style>body{font-family:system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;font-size:17px}"
        "pre.code{background:#f4f4f4;padding:.5rem;overflow-x:auto}table{border-collapse:collapse}"
        "td,th{border:1px solid #ccc;padding:.2rem .5rem}td.number,th.number{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}"
        "td.nowrap{white-space:nowrap}</style>"
        f"<script>{script}</script></head><body>\n" + "\n".join(parts) + "\n</body></html>\n"
    )
