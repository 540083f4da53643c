"""The built site in headless Chromium: every chart draws, no console error, nothing leaves localhost."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from conftest import ARTIFACTS

from spacerace.build import chapters

CHROMIUM_FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


@pytest.fixture(scope="module")
def browser(tmp_path_factory: pytest.TempPathFactory):
    executable = shutil.which("chromium")
    if executable is None:
        pytest.fail("Debian's chromium is needed for the browser tests: `make test` installs it")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        context = playwright.chromium.launch_persistent_context(
            str(tmp_path_factory.mktemp("chromium-profile")),
            executable_path=executable,
            headless=True,
            args=CHROMIUM_FLAGS,
            viewport={"width": 1280, "height": 900},
        )
        yield context
        context.close()


@pytest.mark.parametrize("chapter", [c.name for c in chapters()])
def test_every_chart_draws_and_no_request_leaves_localhost(browser, site_url: str, chapter: str) -> None:
    notebook = next(c for c in chapters() if c.name == chapter).notebook
    page = browser.new_page()
    requests: list[str] = []
    errors: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(f"{site_url}/{notebook.with_suffix('.html').as_posix()}", wait_until="load")
    containers = page.locator(".spacerace-chart")
    if notebook.parent.name != "book":  # analysis chapters live in folders of their own and have charts
        assert containers.count() > 0, "the chapter has no chart"
    page.wait_for_function(
        "() => [...document.querySelectorAll('.spacerace-chart')].every(c => c.querySelector('svg, canvas'))",
        timeout=20_000,
    )
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{chapter}.png"), full_page=True)
    outside = [url for url in requests if not url.startswith((site_url, "data:", "blob:", "about:"))]
    assert outside == []
    assert errors == []
    page.close()
