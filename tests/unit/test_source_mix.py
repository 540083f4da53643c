"""The Data page's mix of sources: rows per ``source_kind`` for every curated table."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from spacerace.data import SOURCE_KINDS, load, path_of, source_mix
from spacerace.paths import override_env

CURATED = ["missions", "mission_costs", "milestones", "lunar_landings", "memberships", "ilrs_organisations", "claims", "space_budgets", "asat_tests"]


def test_every_curated_table_is_counted_with_every_kind_and_nothing_else() -> None:
    mix = source_mix()
    assert set(mix["table"]) == set(CURATED)  # launches, prices, rates... have no source_kind column
    for table, rows in mix.groupby("table", sort=False):
        assert list(rows["source_kind"]) == list(SOURCE_KINDS)
        assert rows["rows"].sum() == len(load(table))
        assert rows["share"].sum() == pytest.approx(1.0)


def test_counts_and_shares_follow_the_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    rows = pd.read_csv(path_of("ilrs_organisations"), dtype=str, keep_default_na=False).head(4)
    rows["source_kind"] = ["official", "press", "official", "encyclopaedia copy"]
    mine = tmp_path / "ilrs_organisations.csv"
    rows.to_csv(mine, index=False)
    monkeypatch.setenv(override_env("ilrs_organisations"), str(mine))

    mix = source_mix(["ilrs_organisations"]).set_index("source_kind")
    assert mix["rows"].to_dict() == {"official": 2, "press": 1, "scholarly": 0, "dataset": 0, "encyclopaedia copy": 1}
    assert mix.loc["official", "share"] == pytest.approx(0.5)
    assert mix.loc["scholarly", "share"] == 0.0


def test_a_kind_outside_the_list_is_shown_after_it_not_dropped(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    rows = pd.read_csv(path_of("ilrs_organisations"), dtype=str, keep_default_na=False).head(2)
    rows["source_kind"] = ["official", "blog"]
    mine = tmp_path / "ilrs_organisations.csv"
    rows.to_csv(mine, index=False)
    monkeypatch.setenv(override_env("ilrs_organisations"), str(mine))

    mix = source_mix(["ilrs_organisations"])
    assert list(mix["source_kind"]) == [*SOURCE_KINDS, "blog"]
    assert mix["rows"].sum() == 2


def test_a_table_without_source_kind_is_left_out() -> None:
    assert source_mix(["launches", "missions"])["table"].unique().tolist() == ["missions"]
