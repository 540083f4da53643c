"""The chart library (Vega, Vega-Lite, Vega-Embed) as one local script, so that charts draw offline.

``vl_convert`` carries the three libraries and bundles them on request, which takes a second or two.
The result depends only on the vl-convert version, so it is kept in the user's cache folder
(:func:`spacerace.paths.user_cache_folder`) and made once per version, not once per build.
"""

from __future__ import annotations

import functools
from pathlib import Path

from .files import kept_text, write_if_changed
from ..paths import user_cache_folder

BUNDLE_NAME = "spacerace-vega.js"
"""The bundle's file name in a site's ``_static`` folder."""


@functools.lru_cache(maxsize=1)
def vega_bundle() -> str:
    """Vega, Vega-Lite and Vega-Embed as one script with no outside addresses.

    The bundle from ``vl_convert`` declares top-level constants; wrapping it in a function keeps
    them from clashing with the page's own names, and it publishes ``vegaEmbed``, ``vega`` and
    ``vegaLite`` on ``window``.
    """
    import vl_convert

    kept = user_cache_folder() / f"vega-bundle-vl-convert-{vl_convert.__version__}.js"
    return kept_text(kept, lambda: "(function () {\n" + vl_convert.javascript_bundle() + "\n})();\n")


CHARTS_SCRIPT = Path(__file__).with_name("charts.js")
"""The book's own chart code (drawing, fitting to a phone, downloads), appended to the bundle."""


def chart_library() -> str:
    """What a page with charts loads: :func:`vega_bundle` and the book's chart code, in one file."""
    return vega_bundle() + "\n" + CHARTS_SCRIPT.read_text(encoding="utf-8")


def write_vega_bundle(static_dir: Path) -> Path:
    """Write :func:`chart_library` into a site's static folder (only when its content changed)."""
    target = Path(static_dir) / BUNDLE_NAME
    write_if_changed(target, chart_library().encode("utf-8"))
    return target
