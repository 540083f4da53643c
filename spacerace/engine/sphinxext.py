"""A Sphinx extension for the book's pages: the chart library only on pages with a chart, no
addresses outside the site, and templates kept compiled between builds. It uses Sphinx's events,
its configuration and Jinja's documented bytecode cache only.

Jupyter Book 1 adds every script in ``_static`` to every page. The chart library (Vega, 0.9 MB) is
taken out of that list and added, through Sphinx's per-page ``add_js_file``, to the pages that
draw a chart.

Jupyter Book 1 always loads ``sphinx_thebe``, which adds to every page an inline script naming the
Thebe library on an outside CDN (declared twice on incremental builds, a console error) even when
the book turns Thebe off. The book runs offline, so this removes those scripts.
"""

from __future__ import annotations

from typing import Any

from sphinx.application import Sphinx

from ..paths import user_cache_folder
from .bundle import BUNDLE_NAME


def _is_thebe(name: Any, attributes: Any) -> bool:
    body = str((attributes or {}).get("body", ""))
    return "thebe" in str(name or "") or "THEBE_JS_URL" in body


def remove_thebe_scripts(app: Sphinx, *_: Any) -> None:
    """Drop sphinx-thebe's scripts from the pages (runs after sphinx-thebe has added them)."""
    builder = app.builder
    if hasattr(builder, "script_files"):
        builder.script_files[:] = [s for s in builder.script_files if not _is_thebe(getattr(s, "filename", ""), getattr(s, "attributes", {}))]
    app.registry.js_files[:] = [(name, attrs) for name, attrs in app.registry.js_files if not _is_thebe(name, attrs)]


def keep_compiled_templates(app: Sphinx) -> None:
    """Give the theme's Jinja environment a bytecode cache in the user's cache folder (about a
    quarter of a second of every build otherwise); Jinja checks each entry against its template."""
    from jinja2 import FileSystemBytecodeCache

    environment = getattr(getattr(app.builder, "templates", None), "environment", None)
    if environment is None:
        return
    folder = user_cache_folder() / "jinja"
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError:
        return  # no cache: the templates are compiled as usual
    environment.bytecode_cache = FileSystemBytecodeCache(str(folder))


def chart_library_on_chart_pages_only(app: Sphinx, config: Any) -> None:
    """Take the chart library out of the scripts that every page loads."""
    config.html_js_files = [js for js in config.html_js_files if (js[0] if isinstance(js, tuple) else js) != BUNDLE_NAME]


def add_chart_library(app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any) -> None:
    """Load the chart library on this page if it draws a chart, deferred: it does not hold up the
    page's text, and it runs before the page's charts ask for it (at ``DOMContentLoaded``)."""
    if "spacerace-chart" in context.get("body", ""):
        app.add_js_file(BUNDLE_NAME, loading_method="defer", fetchpriority="high")


SPEC_TYPES = ("application/vnd.vegalite.v5+json", "application/vnd.vegalite.v6+json")
"""The Vega-Lite specs that chart outputs carry for Jupyter front ends (see :mod:`spacerace.charts`)."""


class ChartSpecs:
    """A myst-nb mime renderer plugin (entry point ``myst_nb.mime_renderers`` in pyproject.toml):
    a chart's Vega-Lite spec is for Jupyter front ends, so the pages skip it, silently, and draw
    the HTML beside it."""

    mime_priority_overrides = [("*", mime_type, None) for mime_type in SPEC_TYPES]

    @staticmethod
    def handle_mime(renderer: Any, data: Any, inline: bool) -> list[Any] | None:
        return [] if data.mime_type in SPEC_TYPES else None


def setup(app: Sphinx) -> dict[str, Any]:
    app.connect("config-inited", chart_library_on_chart_pages_only)
    app.connect("html-page-context", add_chart_library)
    app.connect("builder-inited", keep_compiled_templates)
    app.connect("env-before-read-docs", remove_thebe_scripts, priority=900)
    app.connect("html-page-context", lambda app, *args: remove_thebe_scripts(app), priority=900)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
