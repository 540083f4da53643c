"""Benchmark the book's build against plain Jupyter Book, on throwaway copies of the project.

Prints, for our pipeline (``python -m spacerace build``) and for plain ``jupyter-book build`` with
``execute_notebooks: cache`` on the same notebooks and data, the min and median over several runs
of: a clean build, a rebuild with nothing changed, a rebuild after one CSV changed, and a rebuild
after one code cell changed; which chapters each re-executed; the ratios ours/theirs; how the clean
build grows with the number of chapters; the cores it used; the kernel shutdown stall; the
weight of every page; and what a reader on a phone waits for (benchmarks/reader.py).

    python benchmarks/bench.py [--runs 3] [--skip-plain] [--skip-scaling]

Absolute seconds on a shared machine are noise: read the ratios of one run.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from spacerace.engine.chapters import chapters  # noqa: E402
from projects import build_copy, copy_project  # noqa: E402 (tests/projects.py)

DATA_FILE = "data/missions.csv"
"""The CSV changed in the data scenario (read by the costs, claims and data chapters)."""


def busy_cpu_seconds() -> float:
    """CPU seconds the whole machine has spent busy since it started (Linux ``/proc/stat``).

    Kernels run in sessions of their own, outside what ``getrusage`` counts for the build's
    children, so the build's CPU use is read off the machine: run the benchmark on an otherwise
    idle machine."""
    fields = [int(v) for v in Path("/proc/stat").read_text().splitlines()[0].split()[1:]]
    idle = fields[3] + fields[4]  # idle and iowait
    return (sum(fields[:8]) - idle) / os.sysconf("SC_CLK_TCK")


def timed(function, *args):
    """Run ``function`` and return (its result, wall seconds, busy CPU seconds of the machine)."""
    before = busy_cpu_seconds()
    started = time.perf_counter()
    result = function(*args)
    wall = time.perf_counter() - started
    return result, wall, busy_cpu_seconds() - before


def touch_csv(project: Path, run: int) -> None:
    """Add one valid row to a CSV: a copy of its last mission under a new id."""
    path = project / DATA_FILE
    lines = path.read_text(encoding="utf-8").splitlines()
    first, rest = lines[-1].split(",", 1)
    lines.append(f"bench-mission-{run},{rest}")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def touch_code(project: Path, run: int) -> None:
    """Change one code cell of the first chapter: a comment line."""
    path = project / chapters()[0].notebook
    notebook = json.loads(path.read_text(encoding="utf-8"))
    cell = next(c for c in notebook["cells"] if c["cell_type"] == "code" and "parameters" not in c["metadata"].get("tags", []))
    source = "".join(cell["source"])
    cell["source"] = source + f"\n# benchmark edit {run}"
    path.write_text(json.dumps(notebook, indent=1), encoding="utf-8")


# --------------------------------------------------------------------------- our pipeline


def ours(project: Path) -> tuple[str, list[str]]:
    result = build_copy(project)
    if result.returncode != 0:
        raise SystemExit(f"our build failed:\n{result.stdout}\n{result.stderr}")
    ran = re.findall(r"^\s+(\S+)\s+ran\s", result.stdout, flags=re.M)
    return result.stdout, ran


# --------------------------------------------------------------------------- plain Jupyter Book


def make_plain(project: Path) -> None:
    """Turn a copy into a plain Jupyter Book that executes its own notebooks with jupyter-cache."""
    config = (project / "_config.yml").read_text(encoding="utf-8")
    config = config.replace('execute_notebooks: "off"', "execute_notebooks: cache")
    (project / "_config.yml").write_text(config, encoding="utf-8")
    for chapter in chapters():  # papermill hides the parameters cell in our build; plain JB shows it
        path = project / chapter.notebook
        path.write_text(path.read_text(encoding="utf-8"), encoding="utf-8")


def plain(project: Path) -> tuple[str, list[str]]:
    env = dict(os.environ, PYTHONPATH=str(project))
    command = [str(Path(sys.executable).parent / "jupyter-book"), "build", str(project), "--builder", "html"]
    result = subprocess.run(command, cwd=project, env=env, capture_output=True, text=True)
    if result.returncode != 0:
        raise SystemExit(f"plain jupyter-book failed:\n{result.stdout[-3000:]}\n{result.stderr[-3000:]}")
    output = re.sub(r"\x1b\[[0-9;]*m", "", result.stdout + result.stderr)
    # myst-nb logs "<notebook>: Executed notebook in N seconds" for each notebook it ran.
    ran = sorted({Path(path).stem for path in re.findall(r"(\S+?\.ipynb)\S*: Executed notebook in", output)})
    return output, ran


# --------------------------------------------------------------------------- scenarios


SCENARIOS = ("clean", "no change", "one CSV row", "one code cell")

TARGETS = (
    ("clean build / plain's clean build", "clean", "clean", 0.6),
    ("no-change rebuild / plain's no-change rebuild", "no change", "no change", 0.25),
    # Plain Jupyter Book re-runs nothing when a CSV changes, so the bar is its one-cell rebuild.
    ("one CSV row (its readers re-run) / plain's one-cell rebuild", "one CSV row", "one code cell", 1.0),
)


def scenarios(contenders: dict[str, tuple], runs: int, root: Path) -> dict[str, dict[str, dict]]:
    """Clean, no-change, CSV-change and code-change builds, ``runs`` times each on fresh copies.

    ``contenders`` maps a name to (build function, preparation of a fresh copy). Their runs take
    turns (ours, plain, ours, plain, ...), so that a slow spell of a shared machine hits both.
    """
    results = {name: {k: {"seconds": [], "cpu": [], "ran": None} for k in SCENARIOS} for name in contenders}
    for run in range(runs):
        for name, (runner, prepare) in contenders.items():
            project = copy_project(root / f"{name}-{run}")
            prepare(project)
            for scenario, change in zip(SCENARIOS, (None, None, touch_csv, touch_code)):
                if change:
                    change(project, run)
                (_, ran), wall, cpu = timed(runner, project)
                results[name][scenario]["seconds"].append(wall)
                results[name][scenario]["cpu"].append(cpu)
                results[name][scenario]["ran"] = ran
            shutil.rmtree(project, ignore_errors=True)
    return results


def scaling(root: Path, factors: tuple[int, ...]) -> list[tuple[int, int, float, float]]:
    """Clean build of the book with its notebooks copied 1x, 2x, 4x: (factor, chapters, seconds, cores)."""
    rows = []
    for factor in factors:
        project = copy_project(root / f"scale-{factor}")
        toc = (project / "_toc.yml").read_text(encoding="utf-8")
        extra = []
        for copy in range(2, factor + 1):
            for chapter in chapters():
                source = project / chapter.notebook
                target = source.with_name(f"{source.stem}_copy{copy}.ipynb")
                # Copies need their own cross-reference labels, or Sphinx warns about duplicates.
                text = re.sub(r"\(([a-z][a-z0-9-]*)\)=", rf"(\1-copy{copy})=", source.read_text(encoding="utf-8"))
                target.write_text(text, encoding="utf-8")
                extra.append(f"      - file: {target.relative_to(project).with_suffix('').as_posix()}")
        if extra:
            toc = toc.replace("  - caption: About the book", "\n".join(extra) + "\n  - caption: About the book")
            (project / "_toc.yml").write_text(toc, encoding="utf-8")
        _, wall, cpu = timed(ours, project)
        rows.append((factor, len(chapters()) * factor, wall, cpu / wall))
        shutil.rmtree(project, ignore_errors=True)
    return rows


def kernel_stall(runs: int) -> dict[str, list[float]]:
    """A one-cell notebook through papermill, with the polite and the immediate kernel shutdown."""
    import nbformat
    import papermill

    folder = Path(tempfile.mkdtemp())
    path = folder / "one.ipynb"
    notebook = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("1 + 1")])
    notebook.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nbformat.write(notebook, path)
    times: dict[str, list[float]] = {"graceful": [], "immediate": []}
    for _ in range(runs):
        for mode in times:
            started = time.perf_counter()
            papermill.execute_notebook(str(path), str(folder / "out.ipynb"), progress_bar=False, shutdown_kernel=mode, extra_arguments=["--IPKernelApp.log_level=ERROR"])
            times[mode].append(time.perf_counter() - started)
    shutil.rmtree(folder)
    return times


def _assets(page: Path, site: Path) -> set[Path]:
    """The local files a page loads: scripts, stylesheets, images, and the fonts those styles use."""
    text = page.read_text(encoding="utf-8")
    found: set[Path] = set()
    for address in re.findall(r'<(?:script|img)[^>]+src="([^"#?]+)', text) + re.findall(r'<link[^>]+rel="(?:stylesheet|icon|preload)"[^>]*href="([^"#?]+)', text) + re.findall(r'<link[^>]+href="([^"#?]+\.(?:css|woff2?))"', text):
        path = (page.parent / address).resolve()
        if path.is_file() and site in path.parents:
            found.add(path)
    for sheet in [p for p in found if p.suffix == ".css"]:
        for address in re.findall(r"url\(['\"]?([^'\")?#]+)", sheet.read_text(encoding="utf-8", errors="replace")):
            path = (sheet.parent / address).resolve()
            if path.is_file() and path.suffix in (".woff2", ".woff", ".ttf", ".svg", ".png"):
                found.add(path)
    return found


def page_weights(site: Path) -> tuple[list[tuple[str, int]], int, int]:
    """Every HTML page's own size (charts embed their data in the page), the Vega bundle, and what
    the pages load from the site's shared static files (counted once; a browser caches them)."""
    site = site.resolve()
    pages = sorted(p for p in site.rglob("*.html") if "_static" not in p.parts)
    shared: set[Path] = set()
    for page in pages:
        shared |= _assets(page, site)
    bundle = (site / "_static" / "spacerace-vega.js").stat().st_size
    return [(str(p.relative_to(site)), p.stat().st_size) for p in pages], bundle, sum(p.stat().st_size for p in shared)


def summary(values: list[float]) -> str:
    return f"min {min(values):6.1f} s   median {statistics.median(values):6.1f} s"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--skip-plain", action="store_true", help="do not build with plain jupyter-book")
    parser.add_argument("--skip-scaling", action="store_true")
    parser.add_argument("--skip-reader", action="store_true", help="do not load the pages on a throttled phone profile")
    parser.add_argument("--only-extras", action="store_true", help="only scaling, kernel stall and page weight")
    args = parser.parse_args()
    root = Path(tempfile.mkdtemp(prefix="spacerace-bench-"))
    print(f"Benchmark of {len(chapters())} chapters, {args.runs} runs each, on {os.cpu_count()} cores\n")

    if args.only_extras:
        return extras(args, root)
    contenders = {"ours": (ours, lambda project: None)}
    if not args.skip_plain:
        contenders["plain"] = (plain, make_plain)
    results = scenarios(contenders, args.runs, root)
    mine, theirs = results["ours"], results.get("plain")
    print(f"{'scenario':<16}{'ours':<40}{'plain jupyter-book (cache)':<40}ratio (medians)")
    for scenario, result in mine.items():
        line = f"{scenario:<16}{summary(result['seconds']):<40}"
        if theirs:
            other = theirs[scenario]
            ratio = statistics.median(result["seconds"]) / statistics.median(other["seconds"])
            line += f"{summary(other['seconds']):<40}{ratio:.2f}"
        print(line)
    if theirs:
        print("\ntargets (ratio of medians, ours / plain)")
        for label, ours_scenario, plain_scenario, limit in TARGETS:
            ratio = statistics.median(mine[ours_scenario]["seconds"]) / statistics.median(theirs[plain_scenario]["seconds"])
            print(f"  {label:<62}{ratio:5.2f}  target <= {limit}: {'met' if ratio <= limit else 'MISSED'}")
    print("\nchapters re-executed")
    for scenario, result in mine.items():
        line = f"  {scenario:<16}ours: {', '.join(result['ran']) or 'none'}"
        if theirs:
            line += f"   plain: {', '.join(theirs[scenario]['ran']) or 'none'}"
        print(line)
    clean_cores = statistics.median(c / s for c, s in zip(mine["clean"]["cpu"], mine["clean"]["seconds"]))
    print(f"\ncores used by our clean build (busy CPU seconds of the machine / wall seconds): {clean_cores:.2f}")
    extras(args, root)


def extras(args: argparse.Namespace, root: Path) -> None:
    """Scaling with the number of chapters, the kernel shutdown stall, and page weights."""
    if not args.skip_scaling:
        print("\nclean build as the book grows (ours)")
        for factor, count, wall, cores in scaling(root, (1, 2, 4)):
            print(f"  {factor}x  {count:3d} chapters  {wall:6.1f} s  {wall / count:5.2f} s per chapter  {cores:.2f} cores")

    stall = kernel_stall(args.runs + 2)
    print("\none trivial notebook through papermill (kernel start, one cell, shutdown)")
    for mode, values in stall.items():
        print(f"  shutdown {mode:<10} {summary(values)}   max {max(values):.1f} s")

    project = copy_project(root / "weights")
    ours(project)
    pages, bundle, static = page_weights(project / "_build" / "html")
    print("\npage weight (HTML with the chart data it embeds)")
    for page, size in pages:
        print(f"  {size / 1024:8.0f} KB  {page}")
    print(f"  shared, loaded once: Vega bundle {bundle / 1024:.0f} KB; everything the pages load from _static (theme, scripts, styles, fonts, bundle included) {static / 1024:.0f} KB")
    if not args.skip_reader:
        import reader

        reader.report(reader.measure(project / "_build" / "html", args.runs))
    shutil.rmtree(root, ignore_errors=True)


if __name__ == "__main__":
    main()
