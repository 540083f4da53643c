"""Build the book: validate, execute in parallel, build the HTML, publish in one move.

1. Validate every dataset that changed since it last passed, and the references between them.
2. Execute each chapter with papermill into a staging copy of the book, in parallel worker
   processes (fork or spawn, whichever the system uses); a chapter whose inputs did not change
   comes from the cache (:mod:`.cache`, :mod:`.execute`).
3. Build the HTML with Sphinx on the staging copy, configured by Jupyter Book, execution off,
   warnings as errors. Sphinx gets ready while steps 1 and 2 run and builds once they are done
   (:mod:`.html`).
4. Only when everything succeeded, point ``<build>/html`` at the new site in one step (:mod:`.publish`).

When no input changed at all, nothing runs: no kernel, no Sphinx. A failed build leaves the last
good site untouched and says which chapter and cell failed.
"""

from __future__ import annotations

import json
import multiprocessing
import multiprocessing.connection
import os
import shutil
import signal
import threading
import time
from collections.abc import Callable, Mapping
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from html import escape as html_escape
from pathlib import Path
from typing import Any

import yaml

from ..paths import DEFAULT_BUILD_DIR, ENGINE_DIR, ROOT
from .cache import Cache, chapter_key, file_fingerprint, fingerprint, package_fingerprint
from .chapters import Chapter, chapters
from .execute import Outcome, reuse_chapter, run_chapter
from .files import write_if_changed
from .html import HtmlBuild
from .publish import publish

BOOK_FILES = ("_config.yml", "_toc.yml")
BOOK_FOLDERS = ("book",)
STATIC_DIR = ENGINE_DIR / "static"
"""The book's own static files (stylesheet), copied into the site's ``_static``."""
EXTRA_DIR = ENGINE_DIR / "extra"
"""Files for the site's root (``favicon.ico``, which browsers ask for at the root of any page without an
icon link, such as the redirect Jupyter Book writes as ``index.html``): Sphinx's ``html_extra_path``."""
TEMPLATES_DIR = ENGINE_DIR / "templates"
"""The book's changes to the theme's page templates, copied into the stage's ``_templates``."""


class BuildError(RuntimeError):
    """The build stopped; the message says where and why. The published site is unchanged."""


@dataclass
class BuildReport:
    """What a build did."""

    outcomes: list[Outcome] = field(default_factory=list)
    sphinx_ran: bool = False
    site: Path | None = None
    seconds: float = 0.0

    @property
    def executed(self) -> list[str]:
        return [o.chapter for o in self.outcomes if o.status == "ran"]


# --------------------------------------------------------------------------- parameter files


def variant_title(path: Path) -> str | None:
    """The ``title`` of a variant's parameter file, shown as a banner on every page of that book."""
    content = yaml.safe_load(Path(path).read_text(encoding="utf-8")) or {}
    return str(content["title"]) if content.get("title") else None


def load_parameter_file(path: Path, added_dir: Path | None = None) -> tuple[dict[str, Any], dict[str, dict[str, Any]], dict[str, Path]]:
    """Read a variant's parameter file.

    Its form (every key optional)::

        parameters: {base_year: 2015}        # for every chapter that declares them
        chapters: {costs: {use_ppp: true}}    # for one chapter
        data: {missions: my_missions.csv}     # files that replace whole datasets, relative to the parameter file
        add: {missions: my_rows.csv}          # rows appended to a dataset (a file or a list of files)

    Returns the shared parameters, the per-chapter ones and the data overrides. Rows to ``add`` are
    validated with every dataset (a problem names the reader's file and row) and merged into
    ``added_dir/<dataset>.csv``, which the overrides then point to.
    """
    from .. import data as datasets

    path = Path(path)
    try:
        content = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except FileNotFoundError:
        raise BuildError(f"{path}: the parameter file does not exist (seminars/example.yml is an example)") from None
    except (OSError, UnicodeDecodeError) as error:
        raise BuildError(f"{path}: cannot read the parameter file ({getattr(error, 'strerror', None) or error})") from None
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        where = f"line {mark.line + 1}, column {mark.column + 1}: " if mark else ""
        problem = getattr(error, "problem", None) or "not YAML"
        raise BuildError(f"{path}: {where}the parameter file is not valid YAML ({problem})") from None
    if not isinstance(content, dict):
        raise BuildError(f"{path}: the parameter file must be a mapping of keys (parameters, chapters, data, add, title), see seminars/example.yml")
    unknown = set(content) - {"parameters", "chapters", "data", "add", "title"}
    if unknown:
        raise BuildError(f"{path}: unknown key(s) {', '.join(sorted(map(str, unknown)))}; use parameters, chapters, data, add, title")
    for key in ("parameters", "chapters", "data", "add"):
        if not isinstance(content.get(key) or {}, dict):
            raise BuildError(f"{path}: '{key}' must be a mapping of names to values (name: value, one a line)")
    for chapter, values in (content.get("chapters") or {}).items():
        if not isinstance(values or {}, dict):
            raise BuildError(f"{path}: chapters: {chapter}: must be a mapping of parameter names to values")

    def files(key: str) -> dict[str, list[Path]]:
        found: dict[str, list[Path]] = {}
        for name, given in (content.get(key) or {}).items():
            if name not in datasets.resource_names():
                raise BuildError(f"{path}: {key}: no dataset named {name!r}; the datasets are: {', '.join(datasets.resource_names())}")
            if key == "data" and not isinstance(given, str):
                raise BuildError(f"{path}: data: {name}: give one file (it replaces the whole dataset; use add: for rows)")
            for file in [given] if isinstance(given, str) else given or []:
                if not (path.parent / str(file)).is_file():
                    raise BuildError(f"{path}: {key}: {name}: the file {file} does not exist (paths are relative to the parameter file)")
                found.setdefault(name, []).append((path.parent / str(file)).resolve())
        return found

    data = {name: paths[0] for name, paths in files("data").items()}
    added = files("add")
    if added:
        if added_dir is None:
            raise BuildError(f"{path}: add: needs a build folder to merge the rows into")
        try:
            merged = [datasets.add_rows(name, paths, Path(added_dir) / f"{name}.csv", base=data.get(name)) for name, paths in added.items()]
            datasets.validate(overrides=data, added=merged)
        except datasets.DataValidationError as error:
            raise BuildError(f"the data did not validate; nothing was built.\n{error}") from None
        data.update({rows.name: rows.merged for rows in merged})
    return content.get("parameters") or {}, content.get("chapters") or {}, data


def _declared(chapter: Chapter) -> dict[str, Any]:
    from .. import params

    return params.declared(chapter.source)


def chapter_parameters(chapter: Chapter, shared: Mapping[str, Any], own: Mapping[str, Any]) -> dict[str, Any]:
    """Check a chapter's parameters: shared ones apply where the chapter declares them."""
    from .. import params

    declared = params.declared(chapter.source)
    chosen = {name: value for name, value in shared.items() if name in declared}
    chosen.update(own)
    return params.resolve(chapter.source, {}, chosen)


# --------------------------------------------------------------------------- the build


def build(
    build_dir: Path = DEFAULT_BUILD_DIR,
    parameter_file: Path | None = None,
    jobs: int | None = None,
    force: bool = False,
    echo: Callable[[str], None] = print,
) -> BuildReport:
    """Build the whole book into ``build_dir/html`` (see the module's description)."""
    started = time.perf_counter()
    build_dir = Path(build_dir).resolve()
    try:
        build_dir.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise BuildError(f"cannot create the build folder {build_dir}: {error.strerror}; choose another with --build-dir") from None
    _check_writable(build_dir)
    shared, per_chapter, overrides = load_parameter_file(parameter_file, build_dir / "added") if parameter_file else ({}, {}, {})
    unknown_chapters = set(per_chapter) - {c.name for c in chapters()}
    if unknown_chapters:
        raise BuildError(f"{parameter_file}: no chapter named {', '.join(sorted(unknown_chapters))}")
    declared_anywhere = {name for c in chapters() for name in _declared(c)}
    unused = sorted(set(shared) - declared_anywhere)
    if unused:
        raise BuildError(f"{parameter_file}: no chapter takes the parameter(s) {', '.join(unused)}; see `python -m spacerace params <chapter>`")
    plan = [(c, chapter_parameters(c, shared, per_chapter.get(c.name, {}))) for c in chapters()]

    package = package_fingerprint()
    site_key = _site_key(plan, overrides, package)
    published = build_dir / "html"
    if not force and _published_key(published) == site_key:
        report = BuildReport([Outcome(c.name, "cached", 0.0) for c, _ in plan], False, published.resolve())
        for outcome in report.outcomes:
            echo(f"  {outcome.chapter:<14} unchanged")
        report.seconds = time.perf_counter() - started
        echo(f"Nothing changed: the site at {published} is up to date ({report.seconds:.1f} s).")
        return report

    cache = Cache(build_dir / "cache")
    keys = {chapter.name: chapter_key(chapter.source, parameters, overrides, package) for chapter, parameters in plan}
    to_run = [chapter for chapter, _ in plan if force or cache.lookup(chapter.name, keys[chapter.name]) is None]
    report = BuildReport()
    stage = build_dir / "stage"
    _sync_sources(stage)
    if parameter_file and variant_title(parameter_file):
        _announce(stage, f"Variant of the book: {variant_title(parameter_file)} (parameters from {Path(parameter_file).name})")
    _write_static(stage)
    _discard_interrupted_html(stage, build_dir)
    # Sphinx gets ready (at a lower priority, taking only the CPU that the chapters leave) while
    # the data is validated and the chapters run.
    with HtmlBuild(stage) as html_build:
        html_build.start()
        _validate_data(build_dir, overrides, echo)
        report.outcomes = _execute_all(plan, keys, to_run, cache, overrides, stage, build_dir, jobs, echo)
        failed = [o for o in report.outcomes if o.status == "failed"]
        if failed:
            lines = [f"{o.chapter}: failed in {o.error}" + (f"\n    the executed notebook is kept at {o.notebook}" if o.notebook else "") for o in failed]
            raise BuildError("a chapter failed; the published site is unchanged.\n  " + "\n  ".join(lines))
        echo("  building the HTML (Sphinx with Jupyter Book's configuration, warnings are errors) ...")
        sphinx_started = time.perf_counter()
        html = _finish_html(html_build, stage, build_dir)
    report.sphinx_ran = True
    echo(f"  HTML built in {time.perf_counter() - sphinx_started:.1f} s")
    (html / ".spacerace-build.json").write_text(json.dumps({"key": site_key}), encoding="utf-8")
    report.site = publish(html, build_dir)
    report.seconds = time.perf_counter() - started
    serve = "make serve" if build_dir == Path(DEFAULT_BUILD_DIR).resolve() else f"python -m spacerace serve --build-dir {build_dir}"
    echo(f"The book is at {published / 'index.html'} ({report.seconds:.1f} s). Preview it with: {serve}")
    return report


def _check_writable(folder: Path) -> None:
    probe = folder / ".write-test"
    try:
        probe.write_text("ok")
        probe.unlink()
    except OSError as error:
        raise BuildError(f"cannot write to the build folder {folder}: {error.strerror}; choose another with --build-dir") from None


def _validate_data(build_dir: Path, overrides: Mapping[str, Path], echo: Callable[[str], None]) -> None:
    """Validate every dataset that changed since it last passed (``validated.json`` keeps their
    hashes), then the references between all of them."""
    from .. import data

    files = {name: Path(overrides.get(name) or data.path_of(name)) for name in data.resource_names()}
    missing = [f"{name}: {path}" for name, path in files.items() if not path.exists()]
    if missing:
        raise BuildError("data file(s) missing: " + ", ".join(missing))
    rules = fingerprint(file_fingerprint(data.DATA_PACKAGE), package_fingerprint())  # a new rule re-checks every file
    hashes = {name: fingerprint(rules, file_fingerprint(path)) for name, path in files.items()}
    stamp = build_dir / "validated.json"
    try:
        passed = json.loads(stamp.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        passed = {}
    changed = [name for name in files if passed.get(name) != hashes[name]]
    if not changed:
        return
    echo(f"  validating the data ({', '.join(changed) if len(changed) < 4 else f'{len(changed)} files'}) ...")
    try:
        data.validate(changed, overrides=overrides)
    except data.DataValidationError as error:
        raise BuildError(f"the data did not validate; nothing was built.\n{error}") from None
    stamp.write_text(json.dumps(hashes, indent=1, sort_keys=True), encoding="utf-8")


def _site_key(plan: list[tuple[Chapter, dict[str, Any]]], overrides: Mapping[str, Path], package: str) -> str:
    """The key of the whole site: every source, data file, parameter, user file and the package."""
    files = _source_files() + sorted(p for p in (ROOT / "data").rglob("*") if p.is_file())
    return fingerprint(
        package,
        [(path.relative_to(ROOT).as_posix(), file_fingerprint(path)) for path in files],
        [(c.name, p) for c, p in plan],
        {name: file_fingerprint(Path(path)) for name, path in overrides.items()},
    )


def _published_key(published: Path) -> str | None:
    try:
        return json.loads((published / ".spacerace-build.json").read_text(encoding="utf-8"))["key"]
    except (OSError, ValueError, KeyError):
        return None


def _source_files() -> list[Path]:
    files = [ROOT / name for name in BOOK_FILES]
    for folder in BOOK_FOLDERS:
        files += [p for p in sorted((ROOT / folder).rglob("*")) if p.is_file() and ".ipynb_checkpoints" not in p.parts and "__pycache__" not in p.parts]
    # What the site shows besides the chapters' code: styles, templates, the chart code.
    files += sorted(p for p in ENGINE_DIR.rglob("*") if p.is_file() and p.suffix != ".py" and "__pycache__" not in p.parts)
    return files


def _sync_sources(stage: Path) -> None:
    """Mirror the book's sources into the staging folder, touching only files whose content changed
    (Sphinx then re-reads only those). Notebooks are written later, executed."""
    wanted: set[Path] = set()
    for source in _source_files():
        if source.is_relative_to(ENGINE_DIR):
            continue
        relative = source.relative_to(ROOT)
        wanted.add(relative)
        if source.suffix == ".ipynb":
            continue
        write_if_changed(stage / relative, source.read_bytes())
    for folder in BOOK_FOLDERS:
        for path in (stage / folder).rglob("*") if (stage / folder).exists() else []:
            if path.is_file() and path.relative_to(stage) not in wanted:
                path.unlink()


def _announce(stage: Path, text: str) -> None:
    """Show ``text`` as a banner on every page of a staged book (used for variant books)."""
    config_path = stage / "_config.yml"
    config = yaml.safe_load(config_path.read_text(encoding="utf-8"))
    # Our _config.yml sets html_theme_options itself, which replaces Jupyter Book's `html.announcement`.
    options = config.setdefault("sphinx", {}).setdefault("config", {}).setdefault("html_theme_options", {})
    options["announcement"] = html_escape(text)
    write_if_changed(config_path, yaml.safe_dump(config, sort_keys=False, allow_unicode=True).encode("utf-8"))


def _execute_all(
    plan: list[tuple[Chapter, dict[str, Any]]],
    keys: Mapping[str, str],
    to_run: list[Chapter],
    cache: Cache,
    overrides: Mapping[str, Path],
    stage: Path,
    build_dir: Path,
    jobs: int | None,
    echo: Callable[[str], None],
) -> list[Outcome]:
    """Reuse or execute every chapter, in parallel, writing the executed notebooks into the stage."""
    failed_dir = build_dir / "failed"
    shutil.rmtree(failed_dir, ignore_errors=True)
    outcomes: dict[str, Outcome] = {}
    for chapter, _ in plan:
        reused = None if chapter in to_run else reuse_chapter(chapter, stage / chapter.notebook, cache, keys[chapter.name])
        if reused is not None:
            outcomes[chapter.name] = reused
    running = [(chapter, parameters) for chapter, parameters in plan if chapter.name not in outcomes]
    # Longest first (as long as they took last time; new ones first of all), so that no long
    # chapter starts last while the other core has nothing left to do.
    running.sort(key=lambda item: -(cache.last_seconds(item[0].name) or float("inf")))
    if running:
        workers = max(1, min(len(running), jobs or os.cpu_count() or 1))
        # Worker processes, not threads: each chapter sets its own environment (data overrides, the
        # log of what it reads) for its kernel.
        with ProcessPoolExecutor(max_workers=workers, initializer=end_with_the_build) as pool:
            futures = {
                chapter.name: pool.submit(run_chapter, chapter, stage / chapter.notebook, cache, keys[chapter.name], parameters, overrides, failed_dir)
                for chapter, parameters in running
            }
            for name, future in futures.items():
                outcomes[name] = future.result()
    ordered = [outcomes[chapter.name] for chapter, _ in plan]
    for outcome in ordered:
        label = {"ran": "ran", "cached": "reused from cache", "failed": "FAILED"}[outcome.status]
        echo(f"  {outcome.chapter:<14} {label:<18} {outcome.seconds:6.1f} s")
    return ordered


def end_with_the_build() -> None:
    """In a worker process: end it as soon as the build that started it ends, even when the build is
    killed and cleans nothing up. Its kernel, which watches its own parent, then ends too.

    ``multiprocessing`` gives every child a sentinel of its parent, under fork and spawn alike."""
    parent = multiprocessing.parent_process()
    if parent is None:
        return

    def watch() -> None:
        multiprocessing.connection.wait([parent.sentinel])
        signal.raise_signal(signal.SIGTERM)  # the default action ends the process, on every system

    threading.Thread(target=watch, name="end-with-the-build", daemon=True).start()


def _write_static(stage: Path) -> None:
    from .bundle import write_vega_bundle
    from .icons import write_icons

    static = stage / "_static"
    write_vega_bundle(static)
    write_icons(static)
    for folder, target in ((STATIC_DIR, static), (TEMPLATES_DIR, stage / "_templates"), (EXTRA_DIR, stage / "_extra")):
        for path in folder.rglob("*"):
            if path.is_file():
                write_if_changed(target / path.relative_to(folder), path.read_bytes())
    # The datasets themselves, so that every page can offer its data for download.
    for path in [ROOT / "data" / "datapackage.json", *sorted((ROOT / "data").glob("*.csv"))]:
        write_if_changed(static / "data" / path.name, path.read_bytes())


def _discard_interrupted_html(stage: Path, build_dir: Path) -> None:
    """When the last HTML build was interrupted, its output and saved state cannot be trusted:
    remove them before Sphinx starts and reads them."""
    if (build_dir / "sphinx-dirty").exists():
        shutil.rmtree(stage / "_build", ignore_errors=True)


def _finish_html(html_build: HtmlBuild, stage: Path, build_dir: Path) -> Path:
    """Let the waiting Sphinx build the HTML; return its folder or raise with its messages."""
    dirty = build_dir / "sphinx-dirty"
    dirty.write_text("a Sphinx build is running or was interrupted")
    code, output = html_build.finish()
    if code != 0:
        log = build_dir / "sphinx.log"
        log.write_text(output, encoding="utf-8")
        messages = [line for line in output.splitlines() if "WARNING" in line or "ERROR" in line or "rror" in line]
        raise BuildError(
            "the HTML build failed; the published site is unchanged.\n  "
            + "\n  ".join(messages[-20:] or ["(no message)"])
            + f"\n  full log: {log}"
        )
    dirty.unlink()
    return stage / "_build" / "html"
