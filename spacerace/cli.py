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


def _data_overrides(pairs: list[str]) -> dict[str, Path]:
    from . import data

    overrides = {}
    for pair in pairs:
        name, sep, file = pair.partition("=")
        if not sep or not name or not file:
            raise SystemExit(f"error: --data takes NAME=FILE (for example missions=my.csv), got {pair!r}")
        if name not in data.resource_names():
            raise SystemExit(f"error: --data {pair}: no dataset named {name!r}; the datasets are: {', '.join(data.resource_names())}")
        path = Path(file).resolve()
        if not path.is_file():
            raise SystemExit(f"error: --data {pair}: the file {file} does not exist")
        overrides[name] = path
    return overrides


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
    from .engine.build import BuildError, build

    try:
        build(Path(args.build_dir), Path(args.params) if args.params else None, args.jobs, args.force)
    except BuildError as error:
        print(f"Build failed: {error}", file=sys.stderr)
        return 1
    return 0


def command_run(args: argparse.Namespace) -> int:
    from .data import DataValidationError, validate
    from .engine.chapters import UnknownChapter, find_chapter
    from .engine.execute import ChapterFailed
    from .engine.rerun import rerun
    from .params import ParameterError, resolve

    try:
        chapter = find_chapter(args.chapter)
        parameters = resolve(chapter.source, dict(args.p), _parse_yaml_parameters(args.y))
        overrides = _data_overrides(args.data)
        validate(overrides=overrides)  # every file, so that cross-file rules see the user's file
        written = rerun(chapter, parameters, overrides, Path(args.out))
    except (UnknownChapter, ChapterFailed, ParameterError, DataValidationError) as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    print(f"Wrote {len(written)} files into {args.out}:")
    for path in written:
        print(f"  {path}")
    return 0


def command_validate(args: argparse.Namespace) -> int:
    from .data import DataValidationError, validate

    try:
        validate(overrides=_data_overrides(args.data))
    except DataValidationError as error:
        print(error, file=sys.stderr)
        return 1
    print("All datasets are valid.")
    return 0


def command_params(args: argparse.Namespace) -> int:
    from .engine.chapters import UnknownChapter, find_chapter
    from .params import table

    try:
        chapter = find_chapter(args.chapter)
    except UnknownChapter as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    for row in table(chapter.source):
        print(f"{row['parameter']:<16} {row['type']:<10} default {row['default']:<28} {row['meaning']}")
    return 0


def command_serve(args: argparse.Namespace) -> int:
    import functools
    import http.server

    site = Path(args.build_dir) / "html"
    if not (site / "index.html").exists():
        print(f"error: no site at {site}; run 'make book' first", file=sys.stderr)
        return 1
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(site.resolve()))
    with http.server.ThreadingHTTPServer(("127.0.0.1", args.port), handler) as server:
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
    run.add_argument("--data", action="append", default=[], metavar="NAME=FILE", help="use your own file for a dataset, e.g. missions=my.csv")
    run.add_argument("--out", required=True, help="folder for the executed notebook, the HTML page and the charts")
    run.set_defaults(handler=command_run)

    check = commands.add_parser("validate", help="validate the datasets")
    check.add_argument("--data", action="append", default=[], metavar="NAME=FILE", help="validate your own file for a dataset")
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
    return args.handler(args)


if __name__ == "__main__":
    sys.exit(main())
