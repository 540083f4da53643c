"""When a build must do something again: one key scheme for every input.

Every key is a :func:`fingerprint` of the inputs it depends on. A chapter's key declares them all:

* the notebook's cells, sources and tags (not outputs, counts or ids),
* the parameters it runs with and the data files a user put in place of the shipped ones,
* the package's code and the pinned requirements (:func:`package_fingerprint`),
* and, checked when the entry is reused, each data file the chapter read the last time it ran and
  that file's entry in ``data/datapackage.json`` (its schema, description and as-of dates).

Changing one CSV, or one dataset's entry, therefore re-runs exactly the chapters that read it.
(jupyter-cache keys on code cells alone, so a changed CSV goes unnoticed there.) The whole site and
the data validation are keyed with the same :func:`fingerprint`.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..paths import DATA_PACKAGE, PACKAGE_DIR, ROOT

PINNED = ("requirements.txt", "pyproject.toml")
"""The files that pin what is installed: part of every key."""


def fingerprint(*parts: Any) -> str:
    """One hash of ``parts`` (bytes as they are, anything else as sorted JSON), each length-prefixed
    so that no two different lists of parts give the same bytes."""
    digest = hashlib.sha256()
    for part in parts:
        data = part if isinstance(part, bytes) else json.dumps(part, sort_keys=True, default=str).encode()
        digest.update(len(data).to_bytes(8, "big"))
        digest.update(data)
    return digest.hexdigest()


def file_fingerprint(path: Path) -> str:
    """The fingerprint of a file's content."""
    return fingerprint(Path(path).read_bytes())


def package_fingerprint() -> str:
    """The package's code and the pinned requirements: a change re-runs every chapter."""
    files = sorted(p for p in PACKAGE_DIR.rglob("*.py") if "__pycache__" not in p.parts)
    files += [ROOT / name for name in PINNED if (ROOT / name).exists()]
    return fingerprint(*[(str(p.relative_to(ROOT)), file_fingerprint(p)) for p in files])


def notebook_fingerprint(path: Path) -> str:
    """A notebook's cells and tags: outputs, execution counts and ids do not count."""
    notebook = json.loads(Path(path).read_text(encoding="utf-8"))
    return fingerprint(
        [[c["cell_type"], "".join(c["source"]), sorted(c.get("metadata", {}).get("tags", []))] for c in notebook["cells"]]
    )


def dataset_entries(package: Path = DATA_PACKAGE) -> dict[str, str]:
    """The fingerprint of each dataset's entry in the data package, by dataset name."""
    descriptor = json.loads(Path(package).read_text(encoding="utf-8"))
    return {resource["name"]: fingerprint(resource) for resource in descriptor.get("resources", [])}


def chapter_key(notebook: Path, parameters: Mapping[str, Any], overrides: Mapping[str, Path], package: str) -> str:
    """The part of a chapter's key known before it runs (what it reads is checked on reuse)."""
    return fingerprint(
        notebook_fingerprint(notebook),
        dict(parameters),
        {name: str(Path(path).resolve()) for name, path in overrides.items()},
        package,
    )[:24]


@dataclass(frozen=True)
class Read:
    """A file a chapter read; ``dataset`` is its name in the data package, or empty (e.g. the map)."""

    path: Path
    dataset: str = ""

    @classmethod
    def parse_log(cls, text: str) -> list[Read]:
        """The reads a chapter logged, one ``dataset<TAB>path`` a line (see :func:`spacerace.data.record_read`)."""
        reads = []
        for line in text.splitlines():
            dataset, _, path = line.rpartition("\t")
            if path:
                reads.append(cls(Path(path), dataset))
        return sorted(set(reads), key=lambda r: (str(r.path), r.dataset))


class Cache:
    """Executed notebooks by chapter and key, each reused only while what it read is unchanged."""

    def __init__(self, folder: Path):
        self.folder = Path(folder)
        self._entries: dict[str, str] | None = None

    def _paths(self, chapter: str, key: str) -> tuple[Path, Path]:
        return self.folder / chapter / f"{key}.ipynb", self.folder / chapter / f"{key}.json"

    def _entry(self, dataset: str) -> str | None:
        if self._entries is None:
            self._entries = dataset_entries()
        return self._entries.get(dataset)

    def lookup(self, chapter: str, key: str) -> Path | None:
        """The cached executed notebook, if present, intact, and every file it read (and that
        file's entry in the data package) unchanged."""
        notebook, meta_path = self._paths(chapter, key)
        try:
            meta = json.loads(meta_path.read_text(encoding="utf-8"))
            if file_fingerprint(notebook) != meta["notebook"]:
                return None  # a damaged entry: run again
            for read in meta["reads"]:
                path = ROOT / read["path"]  # relative paths are the project's; absolute ones stay as they are
                if not path.exists() or file_fingerprint(path) != read["content"]:
                    return None
                if read["dataset"] and self._entry(read["dataset"]) != read["entry"]:
                    return None
        except (OSError, ValueError, KeyError, TypeError):
            return None
        return notebook

    def last_seconds(self, chapter: str) -> float | None:
        """How long the chapter's last execution took (whatever its key), if the cache knows."""
        for meta_path in (self.folder / chapter).glob("*.json"):
            try:
                return float(json.loads(meta_path.read_text(encoding="utf-8"))["seconds"])
            except (OSError, ValueError, KeyError, TypeError):
                pass
        return None

    def store(self, chapter: str, key: str, executed: Path, reads: Iterable[Read], seconds: float | None = None) -> Path:
        """Keep an executed notebook with what it read (and how long it ran)."""
        notebook, meta_path = self._paths(chapter, key)
        notebook.parent.mkdir(parents=True, exist_ok=True)
        for old in notebook.parent.iterdir():  # one entry a chapter is enough
            old.unlink()
        _atomic_copy(executed, notebook)
        meta = {
            "notebook": file_fingerprint(notebook),
            "reads": [
                {"path": _portable(r.path), "content": file_fingerprint(r.path), "dataset": r.dataset, "entry": self._entry(r.dataset) if r.dataset else None}
                for r in reads
            ],
            "seconds": seconds,
        }
        _atomic_write(meta_path, json.dumps(meta, indent=1))
        return notebook


def _portable(path: Path) -> str:
    """A data path relative to the project when inside it, so a copied project keeps its cache."""
    try:
        return Path(path).resolve().relative_to(ROOT).as_posix()
    except ValueError:
        return str(Path(path).resolve())


def _atomic_write(path: Path, text: str) -> None:
    temporary = path.with_name(f".{path.name}.tmp")
    temporary.write_text(text, encoding="utf-8")
    os.replace(temporary, path)


def _atomic_copy(source: Path, target: Path) -> None:
    temporary = target.with_name(f".{target.name}.tmp")
    shutil.copyfile(source, temporary)
    os.replace(temporary, target)
