"""The seminar kit: slide-ready figures and printable handouts from a built book.

:func:`export_figures` writes every chart of the book (taken from the executed notebooks of a
build, ``<build_dir>/stage/**/*.ipynb``) as PNG, sized for a projector, and as SVG, with an
``index.html`` page that lists them by chapter with their titles. :func:`handout` prints one built
chapter page to PDF with headless Chromium, after its charts have drawn.

Both read a build made by ``python -m spacerace build`` (or ``make book``; a variant book built
with ``--params`` works the same way with its own ``--build-dir``) and never change it.
"""

from __future__ import annotations

import html
import json
import re
import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..charts import save_images, specs_in

PROJECTOR_WIDTH = 1920
"""Width in pixels of the exported PNGs: a full-HD projector, so a chart fills a slide."""

CHROMIUM_FLAGS = (
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
)
"""Flags for headless Chromium: no sandbox (containers), and nothing that reaches the network."""

_SVG_WIDTH = re.compile(r"<svg[^>]*?\swidth=\"([0-9.]+)")


class SeminarError(RuntimeError):
    """A seminar export could not be made; the message says why and what to do."""


@dataclass(frozen=True)
class Figure:
    """One exported chart."""

    chapter: str
    number: int
    title: str
    description: str
    png: Path
    svg: Path


# --------------------------------------------------------------------------- figures


def staged_notebooks(build_dir: Path) -> list[tuple[str, Path]]:
    """The executed notebooks of a build, as ``(chapter, path)``, in the book's reading order.

    Chapters listed in ``_toc.yml`` come first, in its order; any other executed notebook in the
    stage follows, sorted by path. Jupyter Book's own output folder inside the stage is skipped.
    """
    from .chapters import chapters

    stage = Path(build_dir) / "stage"
    if not stage.is_dir():
        raise SeminarError(f"no executed chapters in {stage}: build the book first (make book)")
    found = [p for p in sorted(stage.rglob("*.ipynb")) if "_build" not in p.relative_to(stage).parts and ".ipynb_checkpoints" not in p.parts]
    ordered: list[tuple[str, Path]] = []
    for chapter in chapters():
        path = stage / chapter.notebook
        if path in found:
            ordered.append((chapter.name, path))
            found.remove(path)
    ordered += [(path.stem, path) for path in found]
    return ordered


def chart_title(spec: dict[str, Any]) -> str:
    """The title of a Vega-Lite spec (the text, without subtitle), or ``""`` if it has none."""
    title = spec.get("title")
    if isinstance(title, dict):
        title = title.get("text", "")
    if isinstance(title, list):
        title = " ".join(str(t) for t in title)
    return str(title or "").strip()


def projector_scale(spec: dict[str, Any], width: int = PROJECTOR_WIDTH) -> float:
    """The PNG scale factor that makes ``spec`` about ``width`` pixels wide (between 1 and 8: a
    narrow chart, such as a column of small multiples, is drawn large too)."""
    import vl_convert

    match = _SVG_WIDTH.search(vl_convert.vegalite_to_svg(spec))
    natural = float(match.group(1)) if match else 640.0
    return max(1.0, min(8.0, width / max(natural, 1.0)))


def export_figures(build_dir: Path, out_dir: Path, width: int = PROJECTOR_WIDTH) -> list[Figure]:
    """Write every chart of a built book as PNG and SVG into ``out_dir``, with an ``index.html``.

    Parameters
    ----------
    build_dir
        The build folder (``_build``, or a variant's ``_build/variants/<name>``); its executed
        notebooks are read from ``stage/``.
    out_dir
        Where to write ``<chapter>-<n>.png``, ``<chapter>-<n>.svg`` and ``index.html``. Files of an
        earlier export with the same names are replaced.
    width
        Width of the PNGs in pixels (default 1920, a full-HD projector).

    Returns
    -------
    list of Figure
        The charts written, in reading order.

    Raises
    ------
    SeminarError
        If the build has no executed chapters, or a chart cannot be drawn.
    """
    notebooks = staged_notebooks(Path(build_dir))
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    figures: list[Figure] = []
    for chapter, path in notebooks:
        notebook = json.loads(path.read_text(encoding="utf-8"))
        for number, spec in enumerate(specs_in(notebook), start=1):
            stem = out_dir / f"{chapter}-{number}"
            try:
                svg, png = save_images(spec, stem, scale=projector_scale(spec, width))
            except Exception as error:  # vl-convert raises plain ValueErrors with Vega's message
                raise SeminarError(f"{chapter}, chart {number}: cannot draw it ({error})") from None
            title = chart_title(spec) or f"{chapter}, figure {number}"
            figures.append(Figure(chapter, number, title, str(spec.get("description", "")), png, svg))
    (out_dir / "index.html").write_text(figures_index(figures, out_dir), encoding="utf-8")
    return figures


def figures_index(figures: list[Figure], out_dir: Path) -> str:
    """An HTML page listing the figures by chapter, with titles and descriptions escaped."""
    parts: list[str] = []
    current = None
    for figure in figures:
        if figure.chapter != current:
            current = figure.chapter
            parts.append(f"<h2>{html.escape(figure.chapter)}</h2>")
        png = html.escape(figure.png.relative_to(out_dir).as_posix(), quote=True)
        svg = html.escape(figure.svg.relative_to(out_dir).as_posix(), quote=True)
        parts.append(
            "<figure>"
            f"<h3>{figure.number}. {html.escape(figure.title)}</h3>"
            f'<a href="{png}"><img src="{png}" alt="{html.escape(figure.description or figure.title, quote=True)}" loading="lazy"></a>'
            f'<figcaption>{html.escape(figure.description)} '
            f'<span class="files">Download: <a href="{png}" download>PNG</a> · <a href="{svg}" download>SVG</a></span></figcaption>'
            "</figure>"
        )
    if not figures:
        parts.append("<p>The book has no charts.</p>")
    return (
        "<!DOCTYPE html>\n<html lang='en'><head><meta charset='utf-8'>"
        "<meta name='viewport' content='width=device-width, initial-scale=1'>"
        "<title>The New Space Race: figures for slides</title>"
        "<style>body{font-family:system-ui,sans-serif;max-width:70rem;margin:2rem auto;padding:0 1rem;color:#222}"
        "img{max-width:100%;border:1px solid #ddd}figure{margin:0 0 2.5rem}h3{margin-bottom:.4rem}"
        "figcaption{color:#444;margin-top:.4rem}.files{white-space:nowrap;margin-left:.5rem}</style>"
        "</head><body>\n<h1>The New Space Race: figures for slides</h1>\n"
        f"<p>{len(figures)} charts as PNG ({PROJECTOR_WIDTH} pixels wide, for a projector) and SVG (for print "
        "and editing). Each chart names its sources under its title.</p>\n" + "\n".join(parts) + "\n</body></html>\n"
    )


# --------------------------------------------------------------------------- handouts


def chapter_page(build_dir: Path, chapter: str) -> Path:
    """The built HTML page of ``chapter`` (a name such as ``costs``) in ``build_dir/html``."""
    from .chapters import UnknownChapter, find_chapter

    try:
        notebook = find_chapter(chapter).notebook
    except UnknownChapter as error:
        raise SeminarError(str(error)) from None
    page = Path(build_dir) / "html" / notebook.with_suffix(".html")
    if not page.is_file():
        raise SeminarError(f"no built page for {chapter!r} at {page}: build the book first (make book)")
    return page


def chromium_executable() -> str:
    """The path of Debian's ``chromium``, or a :class:`SeminarError` that says how to install it."""
    found = shutil.which("chromium") or shutil.which("chromium-browser")
    if found is None and Path("/usr/bin/chromium").exists():
        found = "/usr/bin/chromium"
    if found is None:
        raise SeminarError("handouts need Chromium: install it with `make browser` (Debian's chromium package)")
    return found


def handout(build_dir: Path, chapter: str, pdf_path: Path, timeout_seconds: float = 60.0) -> Path:
    """Print a built chapter page to PDF with headless Chromium, after every chart has drawn.

    Parameters
    ----------
    build_dir
        The build folder holding ``html/`` (``_build`` or a variant's build folder).
    chapter
        The chapter's name, e.g. ``costs``.
    pdf_path
        Where to write the PDF (its folder is created).
    timeout_seconds
        How long to wait for the page and its charts.

    Returns
    -------
    Path
        ``pdf_path``.

    Raises
    ------
    SeminarError
        If the page is not built, Chromium is missing, the charts do not draw, or no PDF came out.
    """
    page = chapter_page(Path(build_dir), chapter).resolve()
    pdf_path = Path(pdf_path).resolve()
    pdf_path.parent.mkdir(parents=True, exist_ok=True)
    executable = chromium_executable()
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        _print_with_cli(executable, page, pdf_path, timeout_seconds)
    else:
        _print_with_playwright(executable, page, pdf_path, timeout_seconds)
    if not pdf_path.is_file() or not pdf_path.read_bytes()[:4] == b"%PDF":
        raise SeminarError(f"Chromium wrote no PDF for {chapter!r} at {pdf_path}")
    return pdf_path


_CHARTS_DRAWN = "() => [...document.querySelectorAll('.spacerace-chart')].every(c => c.querySelector('svg, canvas'))"


def _print_with_playwright(executable: str, page: Path, pdf_path: Path, timeout_seconds: float) -> None:
    from playwright.sync_api import Error, sync_playwright

    with tempfile.TemporaryDirectory(prefix="spacerace-chromium-") as profile, sync_playwright() as playwright:
        context = playwright.chromium.launch_persistent_context(
            profile, executable_path=executable, headless=True, args=list(CHROMIUM_FLAGS), viewport={"width": 1280, "height": 900}
        )
        try:
            tab = context.new_page()
            tab.goto(page.as_uri(), wait_until="load", timeout=timeout_seconds * 1000)
            try:
                tab.wait_for_function(_CHARTS_DRAWN, timeout=timeout_seconds * 1000)
            except Error:
                raise SeminarError(f"the charts of {page} did not draw within {timeout_seconds:.0f} s") from None
            tab.emulate_media(media="print")
            tab.pdf(path=str(pdf_path), format="A4", print_background=True, margin={"top": "15mm", "bottom": "15mm", "left": "12mm", "right": "12mm"})
        finally:
            context.close()


def _print_with_cli(executable: str, page: Path, pdf_path: Path, timeout_seconds: float) -> None:
    with tempfile.TemporaryDirectory(prefix="spacerace-chromium-") as profile:
        command = [
            executable,
            "--headless",
            *CHROMIUM_FLAGS,
            f"--user-data-dir={profile}",
            "--virtual-time-budget=10000",  # lets the page's scripts (the charts) run before printing
            "--no-pdf-header-footer",
            f"--print-to-pdf={pdf_path}",
            page.as_uri(),
        ]
        try:
            result = subprocess.run(command, capture_output=True, text=True, timeout=timeout_seconds)
        except subprocess.TimeoutExpired:
            raise SeminarError(f"Chromium did not finish printing {page} within {timeout_seconds:.0f} s") from None
        if result.returncode != 0:
            raise SeminarError(f"Chromium failed to print {page}: {result.stderr.strip()[-500:]}")
