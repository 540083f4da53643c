"""What a reader on a phone waits for: each page of a built site in Chromium on a throttled link.

The phone profile of issue 16: 4 Mbit/s down, 150 ms latency, the CPU 4x slower, the browser cache
off, and the site served gzip-compressed as static hosts serve it. For every page it prints the
bytes loaded (uncompressed and as sent), and for pages with charts when the first chart has drawn
its data, as the median of several loads.

    python benchmarks/reader.py --site _build/html [--runs 3]
"""

from __future__ import annotations

import argparse
import functools
import gzip
import http.server
import shutil
import statistics
import sys
import threading
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))

from spacerace.engine.chapters import toc_entries  # noqa: E402
from spacerace.engine.seminar import CHROMIUM_FLAGS  # noqa: E402

PHONE = {"offline": False, "latency": 150, "downloadThroughput": 4_000_000 / 8, "uploadThroughput": 1_000_000 / 8}
CPU_SLOWDOWN = 4
FIRST_CHART = "() => document.querySelector('.spacerace-chart svg g.role-mark path, .spacerace-chart svg g.role-mark text')"
# The moment the first chart's marks are in the page, recorded by the page itself at the next frame:
# asking from outside would wait until the page is idle, that is, until its last chart is drawn.
RECORD_FIRST_CHART = (
    "new MutationObserver((changes, observer) => {"
    f"  if (!({FIRST_CHART})()) return;"
    "  observer.disconnect();"
    "  requestAnimationFrame(() => { window.__firstChart = performance.now(); });"
    "}).observe(document, { subtree: true, childList: true });"
)
FIRST_PAINT = "() => performance.getEntriesByName('first-contentful-paint')[0].startTime"
TARGETS = {"first chart drawn (s)": 1.5, "page with no chart (MB)": 1.0, "chapter page (MB)": 2.0}


class Gzipped(http.server.SimpleHTTPRequestHandler):
    """Serves files gzip-compressed to clients that accept it, as static hosts do."""

    def log_message(self, *args: object) -> None:
        pass

    def send_head(self):  # the documented hook of SimpleHTTPRequestHandler for what it sends
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            path = path / "index.html"
        if "gzip" not in self.headers.get("Accept-Encoding", "") or not path.is_file():
            return super().send_head()
        body = _compressed(path, path.stat().st_mtime_ns)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        import io

        return io.BytesIO(body)


@functools.lru_cache(maxsize=None)
def _compressed(path: Path, _mtime: int) -> bytes:
    return gzip.compress(path.read_bytes(), compresslevel=6)


def pages() -> list[str]:
    return [str(Path(entry).with_suffix(".html")) for entry in toc_entries()]


def measure(site: Path, runs: int = 3) -> list[dict]:
    """One row per page: bytes loaded (uncompressed, sent), whether it draws a chart, and the
    median seconds to its first drawn chart."""
    from playwright.sync_api import sync_playwright

    handler = functools.partial(Gzipped, directory=str(site.resolve()))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}"
    rows = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=shutil.which("chromium"), headless=True, args=list(CHROMIUM_FLAGS))
        for path in pages():
            times, painted, loaded, sent = [], [], 0, 0
            for _ in range(runs):
                page = browser.new_page(viewport={"width": 390, "height": 844})
                page.add_init_script(RECORD_FIRST_CHART)
                cdp = page.context.new_cdp_session(page)
                cdp.send("Network.enable")
                cdp.send("Network.setCacheDisabled", {"cacheDisabled": True})
                cdp.send("Network.emulateNetworkConditions", PHONE)
                cdp.send("Emulation.setCPUThrottlingRate", {"rate": CPU_SLOWDOWN})
                sizes: list[tuple[int, int]] = []
                page.on("requestfinished", lambda request: sizes.append(_sizes(request)))
                page.goto(f"{base}/{path}", wait_until="load")
                charted = page.evaluate("() => !!document.querySelector('.spacerace-chart')")
                if charted:
                    page.wait_for_function("() => window.__firstChart !== undefined", timeout=60_000)
                    times.append(page.evaluate("() => window.__firstChart") / 1000)
                page.wait_for_load_state("networkidle")
                painted.append(page.evaluate(FIRST_PAINT) / 1000)
                loaded, sent = sum(s[0] for s in sizes), sum(s[1] for s in sizes)
                page.close()
            rows.append({"page": path, "chart": charted, "loaded": loaded, "sent": sent, "first chart": statistics.median(times) if times else None, "first text": statistics.median(painted)})
        browser.close()
    server.shutdown()
    return rows


def _sizes(request) -> tuple[int, int]:
    try:
        response = request.response()
        body = len(response.body()) if response else 0
        sent = request.sizes().get("responseBodySize", 0)
    except Exception:  # a request the page cancelled: it loaded nothing
        return 0, 0
    return body, sent


def report(rows: list[dict]) -> None:
    print(f"\nreaders on a phone (4 Mbit/s, 150 ms, CPU {CPU_SLOWDOWN}x slower, no cache, gzip), medians")
    print(f"  {'page':<42}{'loaded':>10}{'sent':>10}{'first text':>12}{'first chart':>14}")
    for row in rows:
        chart = f"{row['first chart']:.2f} s" if row["first chart"] is not None else "no chart"
        print(f"  {row['page']:<42}{row['loaded'] / 1e6:8.2f} MB{row['sent'] / 1e6:8.2f} MB{row['first text']:10.2f} s{chart:>14}")
    plain = [r["loaded"] / 1e6 for r in rows if not r["chart"]]
    charted = [r for r in rows if r["chart"]]
    figures = {
        "first chart drawn (s)": max((r["first chart"] for r in charted), default=0.0),
        "page with no chart (MB)": max(plain, default=0.0),
        "chapter page (MB)": max((r["loaded"] / 1e6 for r in charted), default=0.0),
    }
    print("  targets (the worst page)")
    for label, value in figures.items():
        print(f"    {label:<28}{value:6.2f}  target <= {TARGETS[label]}: {'met' if value <= TARGETS[label] else 'MISSED'}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--site", default="_build/html", help="a built site (default: _build/html)")
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    report(measure(Path(args.site), args.runs))


if __name__ == "__main__":
    main()
