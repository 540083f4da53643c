"""Every page of the built site in headless Chromium, and its accessibility checked with axe-core.

Each page is opened once (the visit is shared by the tests below): no console error, no page error,
no failed request, nothing asked of any host but the local server, every chart drawn and described
for screen readers, a full-page screenshot in tests/artifacts/pages/, and no serious or critical
violation in axe-core's report (axe-core comes from npm: `make axe`, run by `make test`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from browsing import CHARTS_DRAWN, chromium  # noqa: F401  (chromium is a fixture)
from conftest import ARTIFACTS

from spacerace.engine.chapters import toc_entries
from spacerace.charts import PALETTE
from spacerace.paths import ROOT

AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
SHOTS = ARTIFACTS / "pages"


def toc_pages() -> list[str]:
    """The HTML page of every file in _toc.yml, plus the pages Sphinx adds (index, genindex, search)."""
    return [str(Path(entry).with_suffix("")) + ".html" for entry in toc_entries()] + ["index.html", "genindex.html", "search.html"]


PAGES = toc_pages()

THIRD_PARTY: list[tuple[str, str, str]] = []
"""Serious or critical findings in markup that the theme or docutils write, not the book: (rule, the
CSS class of the element, why). Empty: spacerace/static/spacerace-a11y.js mends the theme's three;
anything that axe flags fails the test."""


@dataclass
class Visit:
    """What happened when a page was opened."""

    url: str
    errors: list[str] = field(default_factory=list)
    requests: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)
    charts: list[dict] = field(default_factory=list)
    charts_drawn: bool = True
    violations: list[dict] = field(default_factory=list)
    screenshot: Path | None = None


AXE_RUN = """async () => {
  const result = await axe.run(document, {resultTypes: ['violations']});
  return result.violations.map(v => ({
    id: v.id, impact: v.impact, help: v.help,
    nodes: v.nodes.map(n => ({target: n.target.join(' '), html: n.html.slice(0, 200), impact: n.impact})),
  }));
}"""

CHARTS = """() => [...document.querySelectorAll('.spacerace-chart')].map(c => ({
  id: c.id, role: c.getAttribute('role'), label: c.getAttribute('aria-label') || '',
  drawn: !!c.querySelector('svg, canvas'),
}))"""


@pytest.fixture(scope="module")
def visits(chromium, site_url: str):
    """Open a page once, on demand, and remember what happened."""
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    if not AXE.is_file():
        pytest.fail(f"{AXE.relative_to(ROOT)} is missing: run `make axe` (part of `make test`)")
    done: dict[str, Visit] = {}

    def visit(path: str) -> Visit:
        if path in done:
            return done[path]
        record = Visit(f"{site_url}/{path}")
        page = chromium.new_page(viewport={"width": 1280, "height": 900})
        page.on("console", lambda message: record.errors.append(f"{message.text} at {message.location.get('url', '?')}") if message.type == "error" else None)
        page.on("pageerror", lambda error: record.errors.append(str(error)))
        page.on("request", lambda request: record.requests.append(request.url))
        page.on("requestfailed", lambda request: record.failed.append(f"{request.url} ({request.failure})"))
        page.on("response", lambda response: record.failed.append(f"{response.url} (HTTP {response.status})") if response.status >= 400 else None)
        page.on("dialog", lambda dialog: (record.dialogs.append(dialog.message), dialog.dismiss()))
        page.goto(record.url, wait_until="load")
        try:
            page.wait_for_function(CHARTS_DRAWN, timeout=20_000)
        except PlaywrightTimeout:
            record.charts_drawn = False
        record.charts = page.evaluate(CHARTS)
        SHOTS.mkdir(parents=True, exist_ok=True)
        record.screenshot = SHOTS / (path.replace("/", "__").removesuffix(".html") + ".png")
        page.screenshot(path=str(record.screenshot), full_page=True)
        page.add_script_tag(path=str(AXE))
        record.violations = page.evaluate(AXE_RUN)
        page.close()
        done[path] = record
        return record

    return visit


def test_every_page_of_the_site_is_in_the_list(site: Path) -> None:
    built = {p.relative_to(site.resolve()).as_posix() for p in site.resolve().rglob("*.html")}
    built = {p for p in built if not p.startswith(("_static/", "_sources/", "_images/"))}
    assert built == set(PAGES)


def test_the_site_root_has_the_icon_browsers_ask_for(site: Path) -> None:
    """Jupyter Book's root index.html is a bare redirect with no icon link, so a browser asks for
    /favicon.ico (the 404 it got made the console error this test suite once tripped on)."""
    icon = (site.resolve() / "favicon.ico").read_bytes()
    assert icon[:4] == b"\x00\x00\x01\x00", "not an ICO file"
    assert b"\x89PNG" in icon


@pytest.mark.parametrize("path", PAGES)
def test_the_page_loads_cleanly_and_asks_nothing_of_other_hosts(visits, site_url: str, path: str) -> None:
    visit = visits(path)
    assert visit.errors == [], "console or page errors"
    assert visit.failed == [], "failed requests"
    assert visit.dialogs == []
    outside = [url for url in visit.requests if not url.startswith((site_url, "data:", "blob:", "about:"))]
    assert outside == [], "requests that leave localhost"
    assert visit.screenshot is not None and visit.screenshot.stat().st_size > 10_000


@pytest.mark.parametrize("path", PAGES)
def test_every_chart_is_drawn_and_described(visits, path: str) -> None:
    visit = visits(path)
    if path.startswith("book/") and path.count("/") == 2 and "exercises" not in path and "guide" not in path:
        assert visit.charts, "an analysis chapter without a chart"
    assert visit.charts_drawn, [c["id"] for c in visit.charts if not c["drawn"]]
    for chart in visit.charts:
        # Vega gives the drawn chart its own role; a chart with menus or sliders is a group (a
        # picture must not hold controls: axe's nested-interactive).
        assert chart["role"] in ("img", "graphics-document", "group"), chart
        assert chart["label"].strip() and chart["label"] != "chart", f"{chart['id']} has no text description (charts.finish(description=...))"


def classes(node: dict) -> set[str]:
    """The classes of the element axe reports (its selector is sometimes only ``.nav-link``)."""
    found = re.match(r'<[^>]*\bclass="([^"]*)"', node["html"])
    return set(found[1].split()) if found else set()


def ours(violation: dict) -> list[dict]:
    """The nodes of a violation that the allowance for third-party markup does not cover."""
    allowed = {css.lstrip(".") for rule, css, _ in THIRD_PARTY if rule == violation["id"]}
    return [node for node in violation["nodes"] if not allowed & classes(node)]


@pytest.mark.parametrize("path", PAGES)
def test_no_serious_or_critical_accessibility_violation(visits, path: str) -> None:
    visit = visits(path)
    found = []
    for violation in visit.violations:
        if violation["impact"] not in ("serious", "critical"):
            continue
        for node in ours(violation):
            found.append(f"{violation['impact']} {violation['id']} ({violation['help']}): {node['target']}  {node['html']}")
    assert found == [], "axe-core found:\n" + "\n".join(found)


def contrast_on_white(colour: str) -> float:
    """WCAG 2 contrast ratio of a #RRGGBB colour against white."""
    channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    luminance = 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]
    return 1.05 / (luminance + 0.05)


def test_contrast_ratio_is_computed_as_wcag_says() -> None:
    assert contrast_on_white("#000000") == pytest.approx(21.0)
    assert contrast_on_white("#FFFFFF") == pytest.approx(1.0)
    assert contrast_on_white("#767676") == pytest.approx(4.54, abs=0.01)  # the well-known AA grey


def test_every_palette_colour_has_3_to_1_contrast_on_white() -> None:
    low = {colour: round(contrast_on_white(colour), 2) for colour in PALETTE if contrast_on_white(colour) < 3}
    assert low == {}
