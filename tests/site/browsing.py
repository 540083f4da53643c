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

CHARTS_DRAWN = "() => [...document.querySelectorAll('.spacerace-chart')].every(c => c.querySelector('svg, canvas'))"
"""True when every chart container holds what Vega drew."""


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
