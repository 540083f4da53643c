"""Publishing a site: unchanged files are shared with the last published site, never with the stage
that Sphinx writes into."""

from __future__ import annotations

from pathlib import Path

from spacerace.engine.publish import publish


def make_site(folder: Path, pages: dict[str, str]) -> Path:
    for name, text in pages.items():
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_text(text)
    return folder


def test_a_rebuild_shares_unchanged_files_and_writing_the_stage_never_touches_the_site(tmp_path: Path) -> None:
    build_dir = tmp_path / "build"
    build_dir.mkdir()
    stage = make_site(tmp_path / "stage", {"index.html": "first", "_static/big.js": "library"})
    first = publish(stage, build_dir)
    (stage / "index.html").write_text("second")  # Sphinx rewrites a page in place
    assert (build_dir / "html" / "index.html").read_text() == "first", "the published site is not the stage"

    shared_before = (first / "_static" / "big.js").stat().st_ino
    second = publish(stage, build_dir)
    assert (build_dir / "html").resolve() == second and not first.exists()
    assert (second / "index.html").read_text() == "second"
    assert (second / "_static" / "big.js").stat().st_ino == shared_before, "an unchanged file is linked, not copied"
    assert (second / "index.html").stat().st_ino != (stage / "index.html").stat().st_ino

    (stage / "_static" / "big.js").write_text("changed library")
    assert (second / "_static" / "big.js").read_text() == "library"
