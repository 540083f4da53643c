"""Headless Chromium for the site tests (test_pages.py, test_security.py): import the fixture.

Not a conftest.py: a second conftest here would shadow tests/conftest.py for the modules that do
``from conftest import ...``. Module-scoped, like test_browser.py's browser: Playwright's sync API
allows one running instance in a thread, so each module starts its own and closes it at its end.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator

import pytest

from spacerace.engine.seminar import CHROMIUM_FLAGS

CHARTS_DRAWN = """() => [...document.querySelectorAll('.spacerace-chart')].every(c =>
  c.querySelector('svg, canvas') && !c.hasAttribute('data-prerendered')
  && c.nextElementSibling && c.nextElementSibling.classList.contains('spacerace-downloads'))"""
"""True when every chart is drawn by Vega and done: not the drawing made at build time, fitted to its
column (on a phone it may be drawn a few times) and given its download buttons, which come last."""


@pytest.fixture(scope="module")
def chromium() -> Iterator[object]:
    """A Playwright browser (Debian's chromium, no network of its own)."""
    executable = shutil.which("chromium")
    if executable is None:
        pytest.fail("Debian's chromium is needed for the browser tests: `make test` installs it")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable, headless=True, args=list(CHROMIUM_FLAGS))
        yield browser
        browser.close()
