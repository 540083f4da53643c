"""Sphinx copies ``_static`` into the site only after it writes pages, and writes none when no page
is out of date; when a copied file still differs after the build, every page is written again
(``force_all``), so that a change to the chart code or the stylesheet alone reaches the site."""

from __future__ import annotations

from pathlib import Path

from spacerace.engine.html import copied_files_changed


def _stage_and_site(tmp_path: Path) -> tuple[Path, Path]:
    stage, html = tmp_path / "stage", tmp_path / "html"
    for folder, name, text in ((stage / "_static", "book.css", "a {}"), (stage / "_extra", "favicon.ico", "icon"),
                               (html / "_static", "book.css", "a {}"), (html, "favicon.ico", "icon")):
        folder.mkdir(parents=True, exist_ok=True)
        (folder / name).write_text(text)
    return stage, html


def test_nothing_changed_when_the_site_has_the_same_files(tmp_path: Path) -> None:
    stage, html = _stage_and_site(tmp_path)
    assert not copied_files_changed(stage, html)


def test_a_changed_static_file_or_root_file_is_seen(tmp_path: Path) -> None:
    stage, html = _stage_and_site(tmp_path)
    (stage / "_static" / "book.css").write_text("a { color: red }")
    assert copied_files_changed(stage, html)
    stage, html = _stage_and_site(tmp_path / "again")
    (stage / "_extra" / "favicon.ico").write_text("new icon")
    assert copied_files_changed(stage, html)


def test_a_new_file_or_a_first_build_is_seen(tmp_path: Path) -> None:
    stage, html = _stage_and_site(tmp_path)
    (stage / "_static" / "charts.js").write_text("// new")
    assert copied_files_changed(stage, html)
    assert copied_files_changed(stage, tmp_path / "no-site-yet")
