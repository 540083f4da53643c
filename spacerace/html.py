"""Build a staged book's HTML with Jupyter Book, in a process started early and told when to go.

Before it reads a page, Sphinx spends about a second importing itself and Jupyter Book's extensions
and setting up the configuration. The build therefore starts this process while the chapters are
still executing: :class:`HtmlBuild` starts ``python -m spacerace.html <stage>``, which gets Sphinx
ready and then waits for a line on its standard input. ``go`` builds the HTML, exactly as
``jupyter-book build --builder html --warningiserror --keep-going`` would; anything else (or the
end of the input) stops it without writing anything.
"""

from __future__ import annotations

import functools
import os
import subprocess
import sys
import tempfile
from pathlib import Path

from .paths import user_cache_folder

READY = "spacerace-html: ready"


class HtmlBuild:
    """Sphinx for the book staged at ``stage``: :meth:`start` gets it ready, :meth:`finish` builds,
    :meth:`cancel` stops it."""

    def __init__(self, stage: Path):
        self.stage = Path(stage).resolve()
        self._process: subprocess.Popen[str] | None = None
        self._log = tempfile.TemporaryFile("w+", encoding="utf-8")

    def start(self) -> None:
        """Start Sphinx, which gets ready and waits (does nothing when it is started already)."""
        if self._process is None:
            self._process = subprocess.Popen(
                [sys.executable, "-m", "spacerace.html", str(self.stage)],
                stdin=subprocess.PIPE,
                stdout=self._log,
                stderr=subprocess.STDOUT,
                text=True,
                cwd=self.stage,
                # Getting ready must not slow the chapters down: it takes what CPU they leave.
                preexec_fn=lambda: os.nice(10),
            )

    def finish(self) -> tuple[int, str]:
        """Build the HTML now; return the exit code and everything Sphinx printed."""
        self.start()
        return self._tell("go")

    def cancel(self) -> None:
        """Stop without building."""
        if self._process is not None and self._process.poll() is None:
            self._tell("stop")
        if not self._log.closed:
            self._log.close()

    def _tell(self, word: str) -> tuple[int, str]:
        assert self._process is not None and self._process.stdin is not None
        try:
            self._process.stdin.write(word + "\n")
            self._process.stdin.close()
        except BrokenPipeError:  # it ended already (e.g. an error while starting): its log says why
            pass
        code = self._process.wait()
        self._log.seek(0)
        output = self._log.read()
        self._log.close()
        return code, output

    def __enter__(self) -> HtmlBuild:
        return self

    def __exit__(self, *exc: object) -> None:
        self.cancel()


def main(stage: Path) -> int:
    """Get Sphinx ready for ``stage``, wait for ``go``, then build (Jupyter Book's own build call)."""
    from jupyter_book.sphinx import build_sphinx
    from sphinx.application import Sphinx

    build_now = Sphinx.build

    def build_when_told(app: Sphinx, *args: object, **kwargs: object) -> None:
        _keep_compiled_templates(app)
        _warm_up(app)
        print(READY, flush=True)
        if sys.stdin.readline().strip() != "go":
            raise SystemExit(3)
        build_now(app, *args, **kwargs)

    Sphinx.build = build_when_told  # type: ignore[method-assign]
    # The arguments `jupyter-book build <stage> --builder html -W --keep-going --quiet` passes.
    result = build_sphinx(
        stage,
        stage / "_build" / "html",
        use_external_toc=True,
        noconfig=True,
        path_config=str(stage / "_config.yml"),
        confoverrides={"external_toc_path": (stage / "_toc.yml").as_posix(), "latex_individualpages": False},
        builder="html",
        warningiserror=True,
        keep_going=True,
        quiet=True,
    )
    if isinstance(result, BaseException):
        return 2
    return int(result or 0)


def _warm_up(app: Sphinx) -> None:
    """Do, while the chapters still run, the one-off work that Sphinx and its extensions would
    otherwise do on the first page they read or write (together about a quarter of a second):
    compile the syntax highlighters' and the theme's HTML selectors' patterns, and look up the
    bibliography's plugins once rather than once a citation."""
    import pybtex.plugin
    import soupsieve

    sample = "import pandas as pd\n\ntable = pd.DataFrame({'year': [2023]})  # a comment\nprint(f'{len(table)} rows')\n"
    for language in ("ipython3", "python", "bash", "default"):
        app.builder.highlighter.highlight_block(sample, language, force=True)  # type: ignore[attr-defined]
    # The selectors pydata-sphinx-theme's navigation uses.
    for selector in ("li", "li.toctree-l1 > details", ".toc-h1", ".toc-h2"):
        soupsieve.compile(selector)
    # pybtex asks the installed packages' metadata for a plugin at every citation (a tenth of a
    # second each time); what is installed does not change during a build.
    pybtex.plugin.entry_points = functools.cache(pybtex.plugin.entry_points)  # type: ignore[attr-defined]


def _keep_compiled_templates(app: Sphinx) -> None:
    """Let Jinja keep the theme's compiled templates between builds (about a quarter of a second of
    every build otherwise). Jinja checks each against its template's source before using it."""
    from jinja2 import FileSystemBytecodeCache

    templates = getattr(app.builder, "templates", None)
    environment = getattr(templates, "environment", None)
    if environment is not None:
        folder = user_cache_folder() / "jinja"
        try:
            folder.mkdir(parents=True, exist_ok=True)
        except OSError:
            return  # no cache: the templates are compiled as usual
        environment.bytecode_cache = FileSystemBytecodeCache(str(folder))


if __name__ == "__main__":
    code = main(Path(sys.argv[1]))
    sys.stdout.flush()
    sys.stderr.flush()
    # Every file is written and closed by now; tearing down Sphinx's objects would take another
    # half second before the build could publish.
    os._exit(code)
