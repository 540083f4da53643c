"""Every chapter notebook runs top to bottom with its default parameters (nbval, in lax mode).

nbval itself is run over book/ by pytest (see pytest's addopts in pyproject.toml); this file checks
what nbval cannot: that notebooks are committed clean and declare their parameters properly.
"""

from __future__ import annotations

import json

import pytest

from spacerace.engine.chapters import chapters
from spacerace.params import declared


@pytest.mark.parametrize("chapter", chapters(), ids=lambda c: c.name)
def test_notebook_is_committed_without_outputs(chapter) -> None:
    notebook = json.loads(chapter.source.read_text(encoding="utf-8"))
    for cell in notebook["cells"]:
        if cell["cell_type"] == "code":
            assert cell["outputs"] == [] and cell["execution_count"] is None


@pytest.mark.parametrize("chapter", chapters(), ids=lambda c: c.name)
def test_parameters_cell_is_hidden_and_typed(chapter) -> None:
    notebook = json.loads(chapter.source.read_text(encoding="utf-8"))
    cell = next(c for c in notebook["cells"] if "parameters" in c["metadata"].get("tags", []))
    assert "remove-cell" in cell["metadata"]["tags"]
    assert declared(chapter.source), "a chapter declares at least one parameter"
