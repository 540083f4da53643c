"""Numbers and lists as a sentence says them, for the chapters' glued prose."""

from __future__ import annotations

from collections.abc import Iterable

__all__ = ["join_words", "plural"]


def join_words(items: Iterable[str]) -> str:
    """``"a"``, ``"a and b"``, ``"a, b and c"`` (``""`` for nothing)."""
    items = list(items)
    return items[0] if len(items) == 1 else (", ".join(items[:-1]) + " and " + items[-1] if items else "")


def plural(count: int, singular: str, plural_form: str | None = None) -> str:
    """``"1 test"``, ``"3 tests"``, ``"0 tests"`` (``plural_form`` for irregular words)."""
    word = singular if count == 1 else (plural_form or singular + "s")
    return f"{count:,} {word}"
