"""A Sphinx extension that keeps the book's pages free of addresses outside the site.

Jupyter Book 1 always loads ``sphinx_thebe``, which adds to every page an inline script naming
the Thebe library on an outside CDN (declared twice on incremental builds, a console error) even when the
book turns Thebe off. The book runs offline, so this removes those scripts.
"""

from __future__ import annotations

from typing import Any

from sphinx.application import Sphinx


def _is_thebe(script: Any) -> bool:
    filename = str(getattr(script, "filename", "") or "")
    body = str(getattr(script, "attributes", {}).get("body", ""))
    return "thebe" in filename or "THEBE_JS_URL" in body


def remove_thebe_scripts(app: Sphinx, *_: Any) -> None:
    """Drop sphinx-thebe's scripts from the pages (runs after sphinx-thebe has added them)."""
    builder = app.builder
    if hasattr(builder, "script_files"):
        builder.script_files[:] = [s for s in builder.script_files if not _is_thebe(s)]
    app.registry.js_files[:] = [(name, attrs) for name, attrs in app.registry.js_files if not ("thebe" in str(name) or "THEBE_JS_URL" in str(attrs.get("body", "")))]


def setup(app: Sphinx) -> dict[str, Any]:
    app.connect("env-before-read-docs", remove_thebe_scripts, priority=900)
    app.connect("html-page-context", lambda app, *args: remove_thebe_scripts(app), priority=900)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
