"""Chapter kernels forked from the build's zygote (spacerace.kernels): they must behave like kernels
started anew, each with its own process, environment and folder, and end when the build ends."""

from __future__ import annotations

import json
import os
import sys
import time
from pathlib import Path

import nbformat
import papermill
import pytest

from spacerace.kernels import KERNEL_ARGUMENTS, ZYGOTE_ENV, ForkKernelManager, Zygote, _ipykernel_arguments, imported_modules


def write_notebook(path: Path, *sources: str) -> Path:
    notebook = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(source) for source in sources])
    notebook.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nbformat.write(notebook, path)
    return path


def run(source: Path, output: Path, cwd: Path) -> dict:
    papermill.execute_notebook(
        str(source),
        str(output),
        kernel_name="python3",
        cwd=str(cwd),
        progress_bar=False,
        request_save_on_cell_execute=False,
        shutdown_kernel="immediate",
        extra_arguments=KERNEL_ARGUMENTS,
        kernel_manager_class=ForkKernelManager,
    )
    return json.loads(output.read_text(encoding="utf-8"))


def stream_text(notebook: dict) -> str:
    return "".join("".join(o.get("text", "")) for cell in notebook["cells"] for o in cell.get("outputs", []) if o["output_type"] == "stream")


@pytest.fixture
def zygote(monkeypatch: pytest.MonkeyPatch):
    with Zygote(["json"]) as started:
        monkeypatch.setenv(ZYGOTE_ENV, started.address)
        yield started


def test_imports_are_read_from_the_code_cells(tmp_path: Path) -> None:
    notebook = write_notebook(
        tmp_path / "a.ipynb",
        "import pandas as pd\nfrom spacerace.params import show_parameters",
        "%matplotlib inline",  # not Python: skipped, not an error
        "from . import sibling\nimport os.path",
        "import matplotlib.pyplot as plt",  # left to the kernel, which sets the backend first
    )
    assert imported_modules([notebook]) == ["os.path", "pandas", "spacerace.params", "spacerace.params.show_parameters"]


def test_only_this_pythons_ipykernel_is_forked() -> None:
    assert _ipykernel_arguments([sys.executable, "-m", "ipykernel_launcher", "-f", "c.json"]) == ["-f", "c.json"]
    assert _ipykernel_arguments(["/elsewhere/python", "-m", "ipykernel_launcher", "-f", "c.json"]) is None
    assert _ipykernel_arguments(["R", "--slave", "-e", "IRkernel::main()"]) is None


def test_a_forked_kernel_runs_in_its_own_process_folder_and_environment(zygote: Zygote, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = tmp_path / "chapter"
    folder.mkdir()
    monkeypatch.setenv("SPACERACE_TEST_VALUE", "from the chapter")
    source = write_notebook(
        tmp_path / "probe.ipynb",
        "import os, sys\nprint(os.getpid(), os.getppid())",
        "print(os.getcwd())\nprint(os.environ.get('SPACERACE_TEST_VALUE'))\nprint(os.environ.get('SPACERACE_ZYGOTE', 'no zygote address'))",
        "print('json' in sys.modules)",
    )
    lines = stream_text(run(source, tmp_path / "out.ipynb", folder)).split("\n")
    pid, parent = (int(v) for v in lines[0].split())
    assert parent == zygote.pid, "the kernel is a fork of the zygote"
    assert pid not in (os.getpid(), zygote.pid)
    assert lines[1:5] == [str(folder), "from the chapter", "no zygote address", "True"]


def test_two_kernels_do_not_share_state(zygote: Zygote, tmp_path: Path) -> None:
    first = write_notebook(tmp_path / "first.ipynb", "import json\njson.shared = 'set by the first chapter'")
    second = write_notebook(tmp_path / "second.ipynb", "import json\nprint(getattr(json, 'shared', 'nothing shared'))")
    run(first, tmp_path / "first-out.ipynb", tmp_path)
    assert stream_text(run(second, tmp_path / "second-out.ipynb", tmp_path)).strip() == "nothing shared"


def test_a_kernel_is_killed_at_the_end_of_its_chapter(zygote: Zygote, tmp_path: Path) -> None:
    source = write_notebook(tmp_path / "pid.ipynb", "import os\nprint(os.getpid())")
    pid = int(stream_text(run(source, tmp_path / "out.ipynb", tmp_path)))
    deadline = time.monotonic() + 10
    while Path(f"/proc/{pid}").exists() and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not Path(f"/proc/{pid}").exists()


def test_an_error_in_a_forked_kernel_is_reported_like_any_other(zygote: Zygote, tmp_path: Path) -> None:
    source = write_notebook(tmp_path / "fails.ipynb", "1 / 0")
    with pytest.raises(papermill.PapermillExecutionError, match="ZeroDivisionError"):
        run(source, tmp_path / "out.ipynb", tmp_path)


def test_without_a_zygote_the_kernel_starts_the_ordinary_way(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(ZYGOTE_ENV, raising=False)
    source = write_notebook(tmp_path / "plain.ipynb", "import os\nprint(os.getppid())")
    assert int(stream_text(run(source, tmp_path / "out.ipynb", tmp_path))) == os.getpid(), "a child of this process"


def test_the_zygote_ends_when_its_owner_lets_go(tmp_path: Path) -> None:
    zygote = Zygote([])
    pid, folder = zygote.pid, Path(zygote.address).parent
    zygote.close()
    assert not Path(f"/proc/{pid}").exists() and not folder.exists()


def test_the_kernel_manager_hands_out_the_prompt_client() -> None:
    from spacerace.kernels import PromptKernelClient

    assert isinstance(ForkKernelManager(kernel_name="python3").client(), PromptKernelClient)


def test_the_cache_remembers_how_long_a_chapter_ran_whatever_its_key(tmp_path: Path) -> None:
    from spacerace.notebooks import Cache

    cache = Cache(tmp_path / "cache")
    executed = write_notebook(tmp_path / "executed.ipynb", "1 + 1")
    assert cache.last_seconds("costs") is None
    cache.store("costs", "old-key", executed, [], seconds=2.5)
    assert cache.lookup("costs", "new-key") is None  # a changed chapter is not reused...
    assert cache.last_seconds("costs") == 2.5  # ...but its last duration still orders the next build
