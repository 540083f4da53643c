"""Build a staged book's HTML with Sphinx, set up while the chapters still run.

Before it reads a page, Sphinx spends about a second importing itself and Jupyter Book's extensions
and setting up the configuration. The build therefore starts ``python -m spacerace.engine.html
<stage>`` while the chapters execute (:class:`HtmlBuild`). That process

1. turns ``_config.yml`` into Sphinx's ``conf.py`` with Jupyter Book's documented command
   ``jupyter-book config sphinx`` (only when ``_config.yml`` or ``_toc.yml`` changed),
2. creates a :class:`sphinx.application.Sphinx` for the stage (warnings are errors, keep going),
3. says it is ready and waits for a line on its standard input: ``go`` builds, anything else (or the
   end of the input) stops it without writing anything,
   Sphinx copies ``_static`` and ``_extra`` only after writing pages, and stops early, copying
   nothing, when no page is out of date: a change to the chart code or the stylesheet alone would
   never reach the site. When a copied file still differs from the site's after the build, every
   page is written again (``force_all``), which copies it.
4. prints ``DONE <status>`` once every page is written, so the build can publish while the process
   tears down.

Every step is public API: Jupyter Book's command line, and Sphinx's application as its own
``sphinx-build`` uses it.
"""

from __future__ import annotations

import contextlib
import filecmp
import os
import subprocess
import sys
from pathlib import Path

from .cache import fingerprint

READY = "spacerace-html: ready"
DONE = "spacerace-html: done"
CONFIG_FILES = ("_config.yml", "_toc.yml")


class HtmlBuild:
    """Sphinx for the book staged at ``stage``: :meth:`start` gets it ready, :meth:`finish` builds,
    :meth:`cancel` stops it."""

    def __init__(self, stage: Path):
        self.stage = Path(stage).resolve()
        self._process: subprocess.Popen[str] | None = None

    def start(self) -> None:
        """Start Sphinx, which gets ready and waits (does nothing when it is started already)."""
        if self._process is None:
            self._process = subprocess.Popen(
                [sys.executable, "-m", "spacerace.engine.html", str(self.stage)],
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                stderr=subprocess.STDOUT,
                text=True,
                encoding="utf-8",
                errors="replace",
                cwd=self.stage,
            )

    def finish(self) -> tuple[int, str]:
        """Build the HTML now; return Sphinx's status (0 when it wrote every page without a warning)
        and everything it printed."""
        self.start()
        assert self._process is not None and self._process.stdin is not None and self._process.stdout is not None
        try:
            self._process.stdin.write("go\n")
            self._process.stdin.close()
        except BrokenPipeError:  # it ended already (an error while starting): its output says why
            pass
        lines: list[str] = []
        for line in self._process.stdout:
            if line.startswith(DONE):
                return int(line.split()[-1]), "".join(lines)
            lines.append(line)
        return self._process.wait() or 1, "".join(lines)  # it ended without building

    def cancel(self) -> None:
        """Stop without building, or let a finished build's process end."""
        process = self._process
        if process is None:
            return
        if process.stdin is not None and not process.stdin.closed:
            try:
                process.stdin.write("stop\n")
                process.stdin.close()
            except BrokenPipeError:
                pass
        if process.stdout is not None:
            process.stdout.read()  # let it write whatever it still has, so that it can end
            process.stdout.close()
        process.wait()

    def __enter__(self) -> HtmlBuild:
        return self

    def __exit__(self, *exc: object) -> None:
        self.cancel()


def write_sphinx_config(stage: Path) -> Path:
    """``stage/conf.py`` from ``_config.yml`` and ``_toc.yml``, by ``jupyter-book config sphinx``;
    written again only when those files or Jupyter Book's version changed."""
    import jupyter_book
    from jupyter_book.cli.main import main as jupyter_book_command

    conf = stage / "conf.py"
    key = fingerprint(jupyter_book.__version__, *[(stage / name).read_bytes() for name in CONFIG_FILES])
    stamp = stage / "_build" / "conf.key"
    if conf.exists() and stamp.exists() and stamp.read_text(encoding="utf-8") == key:
        return conf
    jupyter_book_command(["config", "sphinx", str(stage)], standalone_mode=False)
    stamp.parent.mkdir(parents=True, exist_ok=True)
    stamp.write_text(key, encoding="utf-8")
    return conf


def copied_files_changed(stage: Path, html: Path) -> bool:
    """Whether a file Sphinx copies into the site as it is (``_static``, and ``_extra`` at the
    root) is new or differs from the copy in the last site Sphinx wrote in ``html``."""
    for folder, target in (("_static", html / "_static"), ("_extra", html)):
        for source in (stage / folder).rglob("*"):
            copy = target / source.relative_to(stage / folder)
            if source.is_file() and not (copy.is_file() and filecmp.cmp(source, copy, shallow=False)):
                return True
    return False


def main(stage: Path) -> int:
    """Get Sphinx ready for ``stage``, wait for ``go``, then build."""
    if hasattr(os, "nice"):
        # Getting ready must not slow the chapters down: it takes what CPU they leave. (Windows
        # has no niceness; there it simply competes.)
        os.nice(10)
    from sphinx.application import Sphinx

    with open(os.devnull, "w") as quiet, contextlib.redirect_stdout(quiet):  # its "Wrote conf.py"
        write_sphinx_config(stage)
    app = Sphinx(
        srcdir=stage,
        confdir=stage,
        outdir=stage / "_build" / "html",
        doctreedir=stage / "_build" / ".doctrees",
        buildername="html",
        status=None,
        warning=sys.stdout,
        warningiserror=True,
        keep_going=True,
    )
    print(READY, flush=True)
    if sys.stdin.readline().strip() != "go":
        return 3
    app.build()
    if copied_files_changed(stage, Path(app.outdir)):  # no page was out of date, so nothing was copied
        app.build(force_all=True)
    print(f"{DONE} {app.statuscode}", flush=True)
    return app.statuscode


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1])))
