"""A Sphinx extension for the book's pages: no addresses outside the site, and templates kept
compiled between builds. It uses Sphinx's events and Jinja's documented bytecode cache only.

Jupyter Book 1 always loads ``sphinx_thebe``, which adds to every page an inline script naming the
Thebe library on an outside CDN (declared twice on incremental builds, a console error) even when
the book turns Thebe off. The book runs offline, so this removes those scripts.
"""

from __future__ import annotations

from typing import Any

from sphinx.application import Sphinx

from ..paths import user_cache_folder


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


def setup(app: Sphinx) -> dict[str, Any]:
    app.connect("builder-inited", keep_compiled_templates)
    app.connect("env-before-read-docs", remove_thebe_scripts, priority=900)
    app.connect("html-page-context", lambda app, *args: remove_thebe_scripts(app), priority=900)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
