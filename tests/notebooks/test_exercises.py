"""Every code solution of the exercises runs.

The exercises pages (``book/<chapter>/exercises.md``) write their solutions as ``:::{solution}``
blocks; a solution's code is a ```` ```python ```` (or ```` ```{code-cell} ````) fence inside one.
A solution reads what its exercise told the reader to make: the exercise's
``python -m spacerace run ... --out FOLDER`` commands whose folder the solution names. So each
solution runs as a reader would run it: in a fresh folder (the reader's working folder), first the
exercise's commands that it depends on, then its own code in a fresh namespace. It must raise
nothing. Nothing is written into the repository.
"""

from __future__ import annotations

import os
import re
import shlex
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from spacerace.paths import ROOT

PAGES = sorted((ROOT / "book").glob("*/exercises.md"))

BLOCK = re.compile(r"^(:{3,})\{(exercise|solution)\}[ \t]*(.*?)\n(.*?)^\1[ \t]*$", re.MULTILINE | re.DOTALL)
FENCE = re.compile(r"^(`{3,}|~{3,})[ \t]*(\{code-cell\}[^\n]*|python3?|ipython3?|bash|shell|console)?[^\n]*\n(.*?)^\1[ \t]*$", re.MULTILINE | re.DOTALL)
LABEL = re.compile(r"^:label:[ \t]*(\S+)", re.MULTILINE)


@dataclass
class Solution:
    page: Path
    label: str
    line: int
    code: str
    commands: list[str] = field(default_factory=list)  # the exercise's `python -m spacerace ...` lines

    @property
    def id(self) -> str:
        return f"{self.page.parent.name}:{self.label}"


def fences(body: str) -> list[tuple[str, str]]:
    """``(language, code)`` of every fenced block, ``{code-cell}`` counted as Python."""
    found = []
    for match in FENCE.finditer(body):
        info = (match.group(2) or "").strip()
        language = "python" if info.startswith("{code-cell}") or info.startswith(("python", "ipython")) else info
        code = match.group(3)
        if info.startswith("{code-cell}"):  # drop the cell's own options (":tags: ..." or a --- block)
            code = re.sub(r"\A---\n.*?\n---\n", "", code, flags=re.DOTALL)
            code = re.sub(r"\A(?::\w[\w-]*:.*\n)+", "", code)
        found.append((language, code))
    return found


def spacerace_commands(body: str) -> list[str]:
    lines = []
    for language, code in fences(body):
        if language in ("bash", "shell", "console"):
            for line in code.replace("\\\n", " ").splitlines():
                line = line.split(" #", 1)[0].strip().removeprefix("$ ")
                if line.startswith("python -m spacerace "):
                    lines.append(line)
    return lines


def solutions(page: Path) -> list[Solution]:
    text = page.read_text(encoding="utf-8")
    exercise_commands: dict[str, list[str]] = {}
    found = []
    for match in BLOCK.finditer(text):
        kind, argument, body = match.group(2), match.group(3).strip(), match.group(4)
        if kind == "exercise":
            label = LABEL.search(body)
            if label:
                exercise_commands[label.group(1)] = spacerace_commands(body)
            continue
        for language, code in fences(body):
            if language == "python":
                line = text.count("\n", 0, match.start()) + 1
                found.append(Solution(page, argument, line, code, exercise_commands.get(argument, [])))
    return found


SOLUTIONS = [s for page in PAGES for s in solutions(page)]


def needed(solution: Solution) -> list[str]:
    """The exercise's commands whose output folder the solution's code names."""
    chosen = []
    for command in solution.commands:
        words = shlex.split(command)
        out = words[words.index("--out") + 1].rstrip("/") if "--out" in words else None
        if out and out in solution.code:
            chosen.append(command)
    return chosen


def test_the_parser_finds_the_solutions() -> None:
    assert PAGES, "no exercises page under book/"
    assert SOLUTIONS, "no code solution found: has the way solutions are written changed?"
    sample = "(x)=\n:::{exercise} T\n:label: a-b\n\n```bash\npython -m spacerace run costs --out out/q  # note\n```\n:::\n\n:::{solution} a-b\n:class: dropdown\n\n```{code-cell} ipython3\n:tags: [hide-output]\nprint(1)\n```\n:::\n"
    found = [(match.group(2), match.group(3).strip()) for match in BLOCK.finditer(sample)]
    assert found == [("exercise", "T"), ("solution", "a-b")]
    assert spacerace_commands(sample) == ["python -m spacerace run costs --out out/q"]
    assert fences(BLOCK.findall(sample)[1][3]) == [("python", "print(1)\n")]


@pytest.mark.parametrize("solution", SOLUTIONS, ids=lambda s: s.id)
def test_the_solution_runs(solution: Solution, tmp_path: Path) -> None:
    for command in needed(solution):
        words = shlex.split(command)
        result = subprocess.run([sys.executable, *words[1:]], cwd=tmp_path, capture_output=True, text=True, timeout=900)
        assert result.returncode == 0, (
            f"{solution.page.relative_to(ROOT)}, exercise {solution.label}: the command the solution needs failed:\n"
            f"  {command}\n{result.stdout[-2000:]}{result.stderr[-3000:]}"
        )
    before = Path.cwd()
    os.chdir(tmp_path)
    try:
        code = compile(solution.code, f"{solution.page.relative_to(ROOT)} (solution {solution.label}, line {solution.line})", "exec")
        exec(code, {"__name__": "__main__"})
    finally:
        os.chdir(before)
