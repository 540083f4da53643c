"""The icons the book's pages show, as a small stylesheet instead of Font Awesome's 1.5 MB script.

pydata-sphinx-theme writes icons as ``<i class="fa-solid fa-bars">`` and loads Font Awesome's
script, which draws every one of its 2,000 icons on request. The book shows about fifteen. This
module reads those icons' outlines from the theme's own copy of Font Awesome (Font Awesome Free,
icons CC BY 4.0) and writes a stylesheet that draws each as a mask in the text colour.
"""

from __future__ import annotations

import re
import urllib.parse
from importlib import resources
from pathlib import Path

from .files import write_if_changed

ICONS = (
    "magnifying-glass", "bars", "list", "outdent", "arrow-up", "angle-right", "angle-left", "angle-down",
    "chevron-right", "chevron-down", "sun", "moon", "circle-half-stroke", "expand", "compress", "download",
    "file", "file-pdf", "file-code", "xmark", "copy", "check", "link", "ellipsis", "square-github", "github",
)
"""Every icon the theme and the book can show on a page (toolbar, navigation, search, theme switch)."""

STYLESHEET = "spacerace-icons.css"

_ICON = re.compile(r'(?:"([a-z0-9-]+)"|\b([a-z][a-z0-9]*)):\[(\d+),(\d+),\[[^\]]*\],"[0-9a-f]+","(M[^"]+)"\]')


def theme_icons() -> dict[str, tuple[int, int, str]]:
    """Width, height and SVG path of every icon in the theme's Font Awesome. The script defines the
    brands, then the regular (outlined) and last the solid style, which the theme's pages use: the
    last definition of a name wins."""
    script = resources.files("pydata_sphinx_theme") / "theme" / "pydata_sphinx_theme" / "static" / "scripts" / "fontawesome.js"
    found: dict[str, tuple[int, int, str]] = {}
    for quoted, bare, width, height, path in _ICON.findall(script.read_text(encoding="utf-8")):
        found[quoted or bare] = (int(width), int(height), path)
    return found


def icons_css(names: tuple[str, ...] = ICONS) -> str:
    """A stylesheet that draws each icon of ``names`` where the theme writes its Font Awesome class."""
    icons = theme_icons()
    rules = [
        "/* Icons from Font Awesome Free 6 (icons CC BY 4.0, fontawesome.com/license/free), as masks. */",
        # No specificity of its own: the theme's rules that hide an icon (the colour-mode switch
        # shows one of three) still win.
        ":where(.fa-solid, .fas, .fa-regular, .far, .fa-brands, .fab) {"
        " display: inline-block; width: 1em; height: 1em; vertical-align: -0.125em; background-color: currentColor;"
        " -webkit-mask: var(--icon) center / contain no-repeat; mask: var(--icon) center / contain no-repeat; }",
        "html[data-mode=auto] .theme-switch-button .theme-switch[data-mode=auto],"
        " html[data-mode=dark] .theme-switch-button .theme-switch[data-mode=dark],"
        " html[data-mode=light] .theme-switch-button .theme-switch[data-mode=light] { display: inline-block; }",
        ".fa-lg { font-size: 1.25em; line-height: .05em; vertical-align: -0.075em; }",
    ]
    for name in names:
        if name not in icons:
            continue
        width, height, path = icons[name]
        svg = f"<svg xmlns='http://www.w3.org/2000/svg' viewBox='0 0 {width} {height}'><path d='{path}'/></svg>"
        rules.append(f'.fa-{name} {{ --icon: url("data:image/svg+xml,{urllib.parse.quote(svg, safe=" /=:,.-")}"); }}')
    return "\n".join(rules) + "\n"


def write_icons(static_dir: Path) -> Path:
    """Write :func:`icons_css` into a site's static folder (only when its content changed)."""
    target = Path(static_dir) / STYLESHEET
    write_if_changed(target, icons_css().encode("utf-8"))
    return target
