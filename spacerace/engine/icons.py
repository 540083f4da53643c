"""The icons the book's pages show, from a 10 KB font instead of Font Awesome's 1.5 MB script.

pydata-sphinx-theme writes icons as ``<i class="fa-solid fa-bars">`` and draws admonition and
link icons with CSS, all from Font Awesome: a script of every icon (1.5 MB, which the book's
layout leaves out, see ``templates/layout.html``) or, without it, the theme's stylesheet and its
full web font (156 KB). This module cuts from the theme's own copy of that font (Font Awesome Free,
font SIL OFL 1.1, icons CC BY 4.0) the few dozen glyphs the theme's stylesheet can show, and makes
the stylesheet use that small font instead.
"""

from __future__ import annotations

import io
import re
from importlib import resources
from pathlib import Path

from .files import write_if_changed

ICONS = (
    "magnifying-glass", "bars", "list", "outdent", "arrow-up", "angle-right", "angle-left", "angle-down",
    "chevron-right", "chevron-down", "chevron-up", "sun", "moon", "circle-half-stroke", "expand", "compress",
    "download", "file", "file-pdf", "file-code", "file-arrow-down", "xmark", "copy", "check", "link", "ellipsis",
)
"""The icons the theme writes into pages as ``fa-NAME`` classes (toolbar, navigation, search,
colour modes). The icons its stylesheet draws itself (admonitions, links) are found in it."""

FONT_FILE = "spacerace-icons.woff"
STYLESHEET = "spacerace-icons.css"

_THEME = ("theme", "pydata_sphinx_theme", "static")


def _theme_file(*parts: str):
    return resources.files("pydata_sphinx_theme").joinpath(*_THEME, *parts)


def _character(value: str) -> int:
    """A CSS ``content`` string (a literal character or an escape such as ``\\f0c9``) as a code point."""
    return int(value[1:], 16) if value.startswith("\\") else ord(value[0])


def used_code_points(stylesheet: str, names: tuple[str, ...] = ICONS) -> set[int]:
    """The code points of the icons ``names`` and of every icon the stylesheet names in a
    ``--pst-icon-*`` variable (admonitions, external links, downloads ...)."""
    points = {_character(v) for v in re.findall(r'--pst-icon-[a-z-]+:"([^"]+)"', stylesheet)}
    for name in names:
        found = re.search(r"\.fa-" + re.escape(name) + r':before\{content:"([^"]+)"\}', stylesheet)
        if found is None:
            found = re.search(r"\.fa-" + re.escape(name) + r':before,[^{]*\{content:"([^"]+)"\}', stylesheet)
        if found:
            points.add(_character(found[1]))
    return points


def icon_font(points: set[int]) -> bytes:
    """The theme's solid Font Awesome cut down to ``points``, as WOFF (zlib: no Brotli needed)."""
    from fontTools import subset

    options = subset.Options()
    options.flavor = "woff"
    options.layout_features = []
    options.name_IDs = ["*"]  # keeps the font's own licence and copyright notices
    font = subset.load_font(io.BytesIO(_theme_file("vendor", "fontawesome", "webfonts", "fa-solid-900.ttf").read_bytes()), options)
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=sorted(points))
    subsetter.subset(font)
    out = io.BytesIO()
    subset.save_font(font, out, options)
    return out.getvalue()


def icons_css() -> str:
    """Point the theme's Font Awesome family (solid, weight 900) at the small font. A later
    ``@font-face`` with the same family and weight replaces the theme's."""
    return (
        "/* Font Awesome Free 6 (font SIL OFL 1.1, icons CC BY 4.0): the glyphs the book's pages show. */\n"
        '@font-face { font-family: "Font Awesome 6 Free"; font-style: normal; font-weight: 900; font-display: block;'
        f' src: url("{FONT_FILE}") format("woff"); }}\n'
    )


def write_icons(static_dir: Path) -> None:
    """Write the small font and its stylesheet into a site's static folder (only when changed)."""
    stylesheet = _theme_file("styles", "pydata-sphinx-theme.css").read_text(encoding="utf-8")
    write_if_changed(Path(static_dir) / FONT_FILE, icon_font(used_code_points(stylesheet)))
    write_if_changed(Path(static_dir) / STYLESHEET, icons_css().encode("utf-8"))
