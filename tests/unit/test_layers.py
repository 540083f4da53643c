"""The package's layers and the rule of stock parts, checked on its source code.

The analyses (what notebooks import) never import the machinery (``spacerace.engine``) or the
command line; the machinery uses its dependencies through their public APIs: no fork of our own,
no ``os._exit``, no subclass that overrides a dependency's underscore method, no assignment into
another package's module or class.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from spacerace.paths import ENGINE_DIR, PACKAGE_DIR

ANALYSES = sorted(p for p in PACKAGE_DIR.glob("*.py") if p.name not in {"cli.py", "__main__.py"})
EVERY_MODULE = sorted(p for p in PACKAGE_DIR.rglob("*.py") if "__pycache__" not in p.parts)


def imported_names(path: Path) -> set[str]:
    """Every module ``path`` imports, written as absolute names."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    package = ".".join(path.relative_to(PACKAGE_DIR.parent).with_suffix("").parts[:-1])
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = package.rsplit(".", node.level - 1)[0] if node.level else ""
            module = ".".join(part for part in (base, node.module or "") if part)
            names.add(module)
            names.update(f"{module}.{alias.name}" for alias in node.names)
    return names


@pytest.mark.parametrize("path", ANALYSES, ids=lambda p: p.name)
def test_the_analyses_never_import_the_machinery_or_the_command_line(path: Path) -> None:
    bad = sorted(n for n in imported_names(path) if n.startswith(("spacerace.engine", "spacerace.cli")))
    assert not bad, f"{path.name} imports {bad}"


@pytest.mark.parametrize("path", EVERY_MODULE, ids=lambda p: str(p.relative_to(PACKAGE_DIR)))
def test_no_fork_exit_or_posix_only_process_calls(path: Path) -> None:
    source = path.read_text(encoding="utf-8")
    for call in ("os.fork", "os._exit", "preexec_fn", "os.kill", "signal.SIGCHLD"):
        assert call not in source, f"{path.name} uses {call}"


@pytest.mark.parametrize("path", EVERY_MODULE, ids=lambda p: str(p.relative_to(PACKAGE_DIR)))
def test_no_monkeypatching_and_no_overridden_private_methods(path: Path) -> None:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    imported_modules = {alias.asname or alias.name.split(".")[0] for node in ast.walk(tree) if isinstance(node, ast.Import) for alias in node.names}
    imported_modules |= {alias.asname or alias.name for node in ast.walk(tree) if isinstance(node, ast.ImportFrom) for alias in node.names}
    for node in ast.walk(tree):
        if isinstance(node, ast.Assign):
            for target in node.targets:
                root = target.value if isinstance(target, ast.Attribute) else None
                while isinstance(root, ast.Attribute):
                    root = root.value
                if isinstance(root, ast.Name) and root.id in imported_modules:
                    pytest.fail(f"{path.name}:{node.lineno} assigns {ast.unparse(target)}")
        if isinstance(node, ast.ClassDef) and node.bases:
            local = all(isinstance(b, ast.Name) and b.id in {"Exception", "RuntimeError", "ValueError", "LookupError", "KeyError", "object"} for b in node.bases)
            for item in node.body:
                if not local and isinstance(item, (ast.FunctionDef, ast.AsyncFunctionDef)) and item.name.startswith("_") and not item.name.startswith("__"):
                    pytest.fail(f"{path.name}:{item.lineno} {node.name} overrides {item.name} of a dependency")


def test_the_engine_is_a_package_of_its_own() -> None:
    assert (ENGINE_DIR / "__init__.py").exists()
    assert {"chapters.py", "cache.py", "execute.py", "html.py", "publish.py", "build.py"} <= {p.name for p in ENGINE_DIR.glob("*.py")}


def test_the_build_imports_no_chart_or_kernel_library_until_a_chapter_runs() -> None:
    # A build with nothing to run answers in a fraction of a second: Altair, Vega's converter and
    # the Jupyter machinery are imported by the code that runs chapters, when it runs one.
    import subprocess
    import sys

    probe = "import sys, spacerace.engine.build, spacerace.cli; print(sorted({'altair', 'vl_convert', 'papermill'} & set(sys.modules)))"
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "[]"
