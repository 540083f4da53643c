"""The command line: ``python -m spacerace <command>``.

build      validate, execute every chapter (cached), build and publish the HTML
run        rerun one chapter with other parameters or data into an output folder
validate   check the datasets (or your own file) against the data package
params     list a chapter's parameters
serve      preview the built site on localhost
figures    every chart of a built book as PNG and SVG for slides, with an index page
handout    one chapter of a built book as a PDF handout
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .paths import DEFAULT_BUILD_DIR


class UserError(Exception):
    """A mistake in what the user typed or gave; the message (one paragraph) says what to do."""


DATA_HELP = (
    "use your own file INSTEAD OF a whole dataset, e.g. missions=my_missions.csv: the shipped rows are "
    "dropped, so rows of other datasets that refer to them fail; to add rows, use --add"
)
ADD_HELP = "append the rows of your file to a shipped dataset, e.g. missions=my_rows.csv (same columns, any order)"


def _named_files(option: str, pairs: list[str]) -> list[tuple[str, Path]]:
    """``NAME=FILE`` pairs as (dataset, resolved path); refuses unknown datasets and missing files."""
    from . import data

    found = []
    for pair in pairs:
        name, sep, file = pair.partition("=")
        if not sep or not name or not file:
            raise UserError(f"{option} takes NAME=FILE (for example missions=my.csv), got {pair!r}")
        if name not in data.resource_names():
            raise UserError(f"{option} {pair}: no dataset named {name!r}; the datasets are: {', '.join(data.resource_names())}")
        path = Path(file).expanduser().resolve()
        if not path.is_file():
            raise UserError(f"{option} {pair}: " + (f"{file} is a folder, not a file" if path.is_dir() else f"the file {file} does not exist"))
        found.append((name, path))
    return found


def _data_overrides(pairs: list[str]) -> dict[str, Path]:
    overrides: dict[str, Path] = {}
    for name, path in _named_files("--data", pairs):
        if name in overrides:
            raise UserError(f"--data {name}= is given twice; a dataset can be replaced by one file (use --add to add rows)")
        overrides[name] = path
    return overrides


def _added_files(pairs: list[str]) -> dict[str, list[Path]]:
    added: dict[str, list[Path]] = {}
    for name, path in _named_files("--add", pairs):
        added.setdefault(name, []).append(path)
    return added


def _merge_added(added: dict[str, list[Path]], overrides: dict[str, Path], folder: Path) -> list:
    """Each dataset with rows to add, merged into ``folder`` (on top of a --data file, if one is given)."""
    from . import data

    return [data.add_rows(name, files, folder / f"{name}.csv", base=overrides.get(name)) for name, files in added.items()]


def _check_data_package() -> None:
    """Read the data package and find every dataset's file first, so that a broken package or a
    dataset linked to outside data/ gets its message before anything else reads them."""
    from . import data

    for name in data.resource_names():
        data.path_of(name)


def _parse_yaml_parameters(texts: list[str]) -> dict:
    import yaml

    values: dict = {}
    for text in texts:
        try:
            loaded = yaml.safe_load(text)
        except yaml.YAMLError as error:
            raise SystemExit(f"error: -y {text!r} is not YAML ({error.problem})") from None
        if not isinstance(loaded, dict):
            raise SystemExit(f"error: -y takes 'name: value', got {text!r}")
        values.update(loaded)
    return values


def command_build(args: argparse.Namespace) -> int:
    from .data import DataValidationError
    from .engine.build import BuildError, build
    from .params import ParameterError

    build_dir = Path(args.build_dir)
    new_folder = not build_dir.exists()
    try:
        if args.jobs is not None and args.jobs < 1:
            raise UserError(f"--jobs {args.jobs}: give at least 1 (or leave it out: one per core)")
        _check_data_package()
        build(build_dir, Path(args.params) if args.params else None, args.jobs, args.force)
    except (BuildError, UserError, DataValidationError, ParameterError) as error:
        prefix = {DataValidationError: "the data did not validate; nothing was built.\n", ParameterError: f"{args.params}: "}.get(type(error), "")
        print(f"Build failed: {prefix}{error}", file=sys.stderr)
        if new_folder:
            _remove_new_build_folder(build_dir)
        return 1
    return 0


def _remove_new_build_folder(build_dir: Path) -> None:
    """After a failed build into a folder that did not exist before, remove it unless it keeps what
    the message points to (a failed chapter's notebook, Sphinx's log)."""
    import shutil

    kept = [build_dir / "failed", build_dir / "sphinx.log"]
    if any(path.is_file() or (path.is_dir() and any(path.iterdir())) for path in kept):
        return
    shutil.rmtree(build_dir, ignore_errors=True)


def command_run(args: argparse.Namespace) -> int:
    import tempfile

    from .data import DataValidationError, validate
    from .engine.chapters import UnknownChapter, find_chapter
    from .engine.execute import ChapterFailed
    from .engine.rerun import OutputNotEmpty, check_output_folder, rerun
    from .params import ParameterError, resolve

    out = Path(args.out)
    try:
        chapter = find_chapter(args.chapter)
        parameters = resolve(chapter.source, dict(args.p), _parse_yaml_parameters(args.y))
        _check_data_package()
        overrides = _data_overrides(args.data)
        added_files = _added_files(args.add)
        check_output_folder(out, args.force)
        with tempfile.TemporaryDirectory(prefix="spacerace-added-") as scratch:
            added = _merge_added(added_files, overrides, Path(scratch))
            validate(overrides=overrides, added=added)  # every file, so that cross-file rules see the user's
            written = rerun(chapter, parameters, {**overrides, **{rows.name: rows.merged for rows in added}}, out, force=args.force)
    except (UnknownChapter, ChapterFailed, ParameterError, DataValidationError, OutputNotEmpty, UserError) as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    print(f"Wrote {len(written)} files into {args.out}:")
    for path in written:
        print(f"  {path}")
    return 0


def command_validate(args: argparse.Namespace) -> int:
    import tempfile

    from .data import DataValidationError, validate

    try:
        _check_data_package()
        overrides = _data_overrides(args.data)
        with tempfile.TemporaryDirectory(prefix="spacerace-added-") as scratch:
            validate(overrides=overrides, added=_merge_added(_added_files(args.add), overrides, Path(scratch)))
    except DataValidationError as error:
        print(error, file=sys.stderr)
        return 1
    except UserError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    print("All datasets are valid." + (" (with your rows added)" if args.add else ""))
    return 0


def command_params(args: argparse.Namespace) -> int:
    from .engine.chapters import UnknownChapter, find_chapter
    from .params import ParameterError, table

    try:
        chapter = find_chapter(args.chapter)
        rows = table(chapter.source)
    except (UnknownChapter, ParameterError) as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    except ValueError as error:  # the notebook is not valid JSON (a hand edit gone wrong)
        print(f"error: {chapter.notebook} cannot be read as a notebook ({error}); restore it with git", file=sys.stderr)
        return 2
    for row in rows:
        print(f"{row['parameter']:<16} {row['type']:<10} default {row['default']:<28} {row['meaning']}")
    return 0


def command_serve(args: argparse.Namespace) -> int:
    import functools
    import http.server

    if not 0 < args.port < 65536:
        print(f"error: --port {args.port}: give a port between 1024 and 65535 (default 8000)", file=sys.stderr)
        return 2
    site = Path(args.build_dir) / "html"
    if not (site / "index.html").exists():
        print(f"error: no site at {site}; build it first (make book, or make book PARAMS=<file> for a variant)", file=sys.stderr)
        return 1
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(site.resolve()))
    try:
        server = http.server.ThreadingHTTPServer(("127.0.0.1", args.port), handler)
    except OSError as error:
        print(f"error: cannot serve on port {args.port} ({error.strerror}); choose another with --port, e.g. --port 8001", file=sys.stderr)
        return 1
    with server:
        print(f"Serving the book at http://127.0.0.1:{args.port}/ (Ctrl+C to stop)")
        try:
            server.serve_forever()
        except KeyboardInterrupt:
            pass
    return 0


def command_figures(args: argparse.Namespace) -> int:
    from .engine.seminar import SeminarError, export_figures

    out = Path(args.out) if args.out else Path(args.build_dir) / "figures"
    try:
        figures = export_figures(Path(args.build_dir), out)
    except SeminarError as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    except ValueError as error:  # an executed notebook of the build is not valid JSON
        print(f"error: an executed notebook in {Path(args.build_dir) / 'stage'} cannot be read ({error}); build the book again (make book)", file=sys.stderr)
        return 1
    print(f"Wrote {len(figures)} charts as PNG and SVG into {out}; open {out / 'index.html'}")
    return 0


def command_handout(args: argparse.Namespace) -> int:
    from .engine.seminar import SeminarError, handout

    out = Path(args.out) if args.out else Path(args.build_dir) / "handouts" / f"{args.chapter}.pdf"
    try:
        pdf = handout(Path(args.build_dir), args.chapter, out)
    except SeminarError as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    print(f"Wrote the handout {pdf}")
    return 0


def parser() -> argparse.ArgumentParser:
    top = argparse.ArgumentParser(prog="python -m spacerace", description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    commands = top.add_subparsers(dest="command", required=True)

    build = commands.add_parser("build", help="build the whole book")
    build.add_argument("--build-dir", default=str(DEFAULT_BUILD_DIR), help="output folder (default: _build)")
    build.add_argument("--params", help="a YAML parameter file for a variant book (see seminars/)")
    build.add_argument("--jobs", type=int, help="chapters executed at once (default: one per core)")
    build.add_argument("--force", action="store_true", help="execute every chapter even if cached")
    build.set_defaults(handler=command_build)

    run = commands.add_parser("run", help="rerun one chapter with other parameters or data")
    run.add_argument("chapter", help="chapter name, e.g. costs")
    run.add_argument("-p", nargs=2, action="append", default=[], metavar=("NAME", "VALUE"), help="a parameter, e.g. -p base_year 2020")
    run.add_argument("-y", action="append", default=[], metavar="YAML", help="a parameter as YAML, e.g. -y 'agencies: [ISRO, NASA]'")
    run.add_argument("--data", action="append", default=[], metavar="NAME=FILE", help=DATA_HELP)
    run.add_argument("--add", action="append", default=[], metavar="NAME=FILE", help=ADD_HELP)
    run.add_argument("--out", required=True, help="folder for the executed notebook, the HTML page and the charts; must be empty or new")
    run.add_argument("--force", action="store_true", help="write into a folder that is not empty (replacing this chapter's files there)")
    run.set_defaults(handler=command_run)

    check = commands.add_parser("validate", help="validate the datasets")
    check.add_argument("--data", action="append", default=[], metavar="NAME=FILE", help="validate your own file in place of a whole dataset, e.g. missions=my_missions.csv (the shipped rows are dropped)")
    check.add_argument("--add", action="append", default=[], metavar="NAME=FILE", help="validate your rows added to a shipped dataset, e.g. missions=my_rows.csv")
    check.set_defaults(handler=command_validate)

    params = commands.add_parser("params", help="list a chapter's parameters")
    params.add_argument("chapter")
    params.set_defaults(handler=command_params)

    serve = commands.add_parser("serve", help="preview the built site on localhost")
    serve.add_argument("--build-dir", default=str(DEFAULT_BUILD_DIR))
    serve.add_argument("--port", type=int, default=8000)
    serve.set_defaults(handler=command_serve)

    figures = commands.add_parser("figures", help="every chart of a built book as PNG and SVG for slides")
    figures.add_argument("--build-dir", default=str(DEFAULT_BUILD_DIR), help="the build to read (default: _build)")
    figures.add_argument("--out", help="output folder (default: <build-dir>/figures)")
    figures.set_defaults(handler=command_figures)

    handout = commands.add_parser("handout", help="one chapter of a built book as a PDF")
    handout.add_argument("chapter", help="chapter name, e.g. costs")
    handout.add_argument("--build-dir", default=str(DEFAULT_BUILD_DIR), help="the build to read (default: _build)")
    handout.add_argument("--out", help="the PDF to write (default: <build-dir>/handouts/<chapter>.pdf)")
    handout.set_defaults(handler=command_handout)
    return top


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    try:
        return args.handler(args)
    except KeyboardInterrupt:
        print("\nstopped (Ctrl+C)", file=sys.stderr)
        return 130
    except OSError as error:  # a folder that cannot be written, a disk that is full ...
        where = f"cannot use {error.filename}: " if error.filename else ""
        print(f"error: {where}{error.strerror or error}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
