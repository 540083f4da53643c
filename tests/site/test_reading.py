"""Every page as a reader sees it, at 1400 px (a desktop) and 390 px (a phone), in Chromium.

Every chart draws its data (marks with a non-zero box, not merely an <svg>); no page scrolls
sideways on a phone; no chart text is smaller than 10 px on a phone; a country has the same colour
in every chart of every page; the chart library loads only on pages that draw a chart. Screenshots
of every page at both widths go to tests/artifacts/pages/ for people to look at.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from browsing import CHARTS_DRAWN, chromium  # noqa: F401  (chromium is a fixture)
from conftest import ARTIFACTS
from test_pages import PAGES

from spacerace.charts import STYLES, chart_html
from spacerace.countries import actor_name

SHOTS = ARTIFACTS / "pages"
WIDTHS = (1400, 390)

DRAWN_MARKS = """(chart) => {
  // Vega's SVG: every mark is a <g class="mark-TYPE role-mark">; axes, legends and titles are marks
  // too, inside groups of their own roles. A data mark draws when one of its items has a box.
  const area = ["rect", "symbol", "arc", "area", "shape", "image"];
  const groups = [...chart.querySelectorAll("g.role-mark")].filter(
    (g) => !g.closest(".role-axis, .role-legend, .role-title, .role-axis-label, .role-legend-label"));
  return groups.map((g) => {
    const type = [...g.classList].find((c) => c.startsWith("mark-")).slice(5);
    const boxes = [...g.children].map((item) => item.getBoundingClientRect());
    const drawn = boxes.filter((b) => area.includes(type) ? b.width > 0.5 && b.height > 0.5 : b.width > 0.5 || b.height > 0.5);
    return { type, items: boxes.length, drawn: drawn.length };
  });
}"""

TEXT_SIZES = """() => [...document.querySelectorAll('.spacerace-chart svg text')]
  .filter((t) => t.textContent.trim() && t.getBoundingClientRect().width > 0)
  .map((t) => {
    const svg = t.ownerSVGElement;
    const scale = svg.getBoundingClientRect().width / (svg.width.baseVal.value || svg.getBoundingClientRect().width);
    return { text: t.textContent.trim().slice(0, 40), px: parseFloat(getComputedStyle(t).fontSize) * scale };
  })"""

OVERFLOWING = """() => [...document.querySelectorAll('.spacerace-chart')]
  .filter((c) => c.querySelector('svg').getBoundingClientRect().width > c.parentElement.clientWidth)
  .map((c) => (c.getAttribute('aria-label') || c.id).slice(0, 60))"""

LEGEND_COLOURS = """() => [...document.querySelectorAll('.spacerace-chart')].map((chart) =>
  [...chart.querySelectorAll('g.role-legend')].flatMap((legend) => {
    const labels = [...legend.querySelectorAll('.role-legend-label text')].map((t) => t.textContent.trim());
    const symbols = [...legend.querySelectorAll('.role-legend-symbol path')].map((p) => p.getAttribute('fill') || getComputedStyle(p).fill);
    return labels.map((label, i) => [label, (symbols[i] || '').toLowerCase()]);
  }))"""


@dataclass
class Reading:
    """What a page looked like at one width."""

    charts: list[list[dict]] = field(default_factory=list)
    page_width: int = 0
    window_width: int = 0
    small_text: list[dict] = field(default_factory=list)
    legends: list[list[list[str]]] = field(default_factory=list)
    loads_chart_library: bool = False
    overflowing: list[str] = field(default_factory=list)


@pytest.fixture(scope="module")
def readings(chromium, site_url: str):
    """Open every page once at each width, on demand, and keep what the tests look at."""
    done: dict[tuple[str, int], Reading] = {}

    def read(path: str, width: int) -> Reading:
        if (path, width) in done:
            return done[(path, width)]
        page = chromium.new_page(viewport={"width": width, "height": 900})
        scripts: list[str] = []
        page.on("request", lambda request: scripts.append(request.url) if request.resource_type == "script" else None)
        page.goto(f"{site_url}/{path}", wait_until="load")
        page.wait_for_function(CHARTS_DRAWN, timeout=20_000)
        page.wait_for_timeout(200)  # the download buttons and the last marks
        reading = Reading()
        reading.charts = [chart.evaluate(DRAWN_MARKS) for chart in page.query_selector_all(".spacerace-chart")]
        reading.page_width = page.evaluate("document.documentElement.scrollWidth")
        reading.window_width = page.evaluate("window.innerWidth")
        reading.small_text = [t for t in page.evaluate(TEXT_SIZES) if t["px"] < 10]
        reading.legends = page.evaluate(LEGEND_COLOURS)
        reading.overflowing = page.evaluate(OVERFLOWING)
        reading.loads_chart_library = any("spacerace-vega.js" in url for url in scripts)
        SHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SHOTS / f"{path.replace('/', '__').removesuffix('.html')}-{width}.png"), full_page=True)
        page.close()
        done[(path, width)] = reading
        return reading

    return read


@pytest.mark.parametrize("path", PAGES)
def test_every_chart_draws_its_data(readings, path: str) -> None:
    for number, marks in enumerate(readings(path, 1400).charts, start=1):
        assert any(m["drawn"] for m in marks), f"chart {number} draws no data mark: {marks}"
        empty = [m for m in marks if m["type"] in ("rect", "symbol", "area", "arc", "shape") and m["items"] and not m["drawn"]]
        assert not empty, f"chart {number} has marks with no area (a zero on a log scale?): {empty}"


@pytest.mark.parametrize("path", PAGES)
def test_the_chart_library_loads_only_where_a_chart_is_drawn(readings, path: str) -> None:
    reading = readings(path, 1400)
    assert reading.loads_chart_library == bool(reading.charts)


@pytest.mark.parametrize("path", PAGES)
def test_no_page_scrolls_sideways_on_a_phone(readings, path: str) -> None:
    reading = readings(path, 390)
    assert reading.page_width <= reading.window_width, f"the page is {reading.page_width} px wide in a {reading.window_width} px window"


SCROLLING_ON_A_PHONE: dict[str, list[str]] = {}
"""Charts that may scroll in their own box at 390 px (page -> start of the chart's label), each with
the reason in a comment. None today: every chart fits its column."""


@pytest.mark.parametrize("path", PAGES)
def test_charts_fit_a_phone_column(readings, path: str) -> None:
    allowed = SCROLLING_ON_A_PHONE.get(path, [])
    scrolling = [label for label in readings(path, 390).overflowing if not any(label.startswith(a) for a in allowed)]
    assert scrolling == [], "charts wider than a 390-px phone's column (spacerace/engine/charts.js fits them)"


@pytest.mark.parametrize("path", PAGES)
def test_chart_text_is_at_least_10_px_on_a_phone(readings, path: str) -> None:
    assert readings(path, 390).small_text == []


def test_a_country_has_one_colour_in_every_chart_of_every_page(readings) -> None:
    countries = {actor_name(code) for code in STYLES["country"]} | {"United States", "Russia", "South Korea", "China"}
    seen: dict[str, set[tuple[str, str]]] = defaultdict(set)
    for path in PAGES:
        for number, legend in enumerate(readings(path, 1400).legends, start=1):
            for label, colour in legend:
                if label in countries and colour:
                    seen[label].add((colour, f"{path} chart {number}"))
    assert seen, "no country appears in a legend"
    mixed = {label: sorted(uses) for label, uses in seen.items() if len({c for c, _ in uses}) > 1}
    assert mixed == {}


def test_the_check_for_drawn_data_catches_bars_on_a_log_scale_with_a_zero(chromium, tmp_path: Path) -> None:
    """The chart the review found (cost per kilogram: a zero in a log domain gives every bar no
    width) must fail the check above; a proper one must pass it."""
    from spacerace.engine.bundle import chart_library

    def marks(values: list[float], scale: str) -> list[dict]:
        spec = {
            "$schema": "https://vega.github.io/schema/vega-lite/v6.json",
            "description": "test",
            "data": {"values": [{"name": f"m{i}", "cost": v} for i, v in enumerate(values)]},
            "mark": "bar",
            "encoding": {"x": {"field": "cost", "type": "quantitative", "scale": {"type": scale}}, "y": {"field": "name", "type": "nominal"}},
        }
        page_file = tmp_path / "chart.html"
        page_file.write_text(f"<html><body><script>{chart_library()}</script>{chart_html(spec)}</body></html>", encoding="utf-8")
        page = chromium.new_page()
        page.goto(page_file.as_uri())
        page.wait_for_function(CHARTS_DRAWN, timeout=20_000)
        found = page.query_selector(".spacerace-chart").evaluate(DRAWN_MARKS)
        page.close()
        return [m for m in found if m["type"] == "rect"]

    assert [m["drawn"] for m in marks([0, 10, 100], "log")] == [0], "bars on a log scale with a zero have no width"
    assert [m["drawn"] for m in marks([0, 10, 100], "linear")] == [2], "the zero bar has no width, the others draw"
