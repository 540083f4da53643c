"""The words of the chapters' glued prose (spacerace.words), one place for every chapter."""

from __future__ import annotations

from spacerace.words import join_words, plural


def test_plural() -> None:
    assert plural(1, "test") == "1 test" and plural(3, "test") == "3 tests" and plural(0, "decade") == "0 decades"
    assert plural(2, "country", "countries") == "2 countries" and plural(1200, "piece") == "1,200 pieces"


def test_join_words() -> None:
    assert join_words([]) == "" and join_words(["a"]) == "a"
    assert join_words(["a", "b"]) == "a and b" and join_words(iter(["a", "b", "c"])) == "a, b and c"
