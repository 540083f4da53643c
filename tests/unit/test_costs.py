"""Unit tests for spacerace.costs: one figure per mission, by scope breadth first."""

from __future__ import annotations

import pandas as pd
import pytest

from spacerace import costs


def table(rows: list[dict]) -> pd.DataFrame:
    """A mission_costs table from partial rows (defaults: USD 2020, official, comparable)."""
    defaults = {
        "mission_id": "m",
        "currency": "USD",
        "price_year": 2020,
        "stated_year": 2020,
        "basis": "official",
        "figure_kind": "reported total",
        "comparable": True,
        "scope": "whole mission",
    }
    frame = pd.DataFrame([{**defaults, **row} for row in rows])
    frame["comparable"] = frame["comparable"].astype("boolean")
    return frame


def test_an_unknown_scope_never_outranks_a_whole_mission_figure() -> None:
    frame = table(
        [
            {"cost_id": "m-1", "amount_million": 100.0, "scope": "whole mission", "basis": "estimate", "stated_year": 2010},
            {"cost_id": "m-2", "amount_million": 900.0, "scope": "everything, probably", "stated_year": 2024},
            {"cost_id": "m-3", "amount_million": 800.0, "scope": None, "stated_year": 2024},
        ]
    )
    for rule in costs.FIGURE_RULES:
        chosen = costs.choose_figures(frame, rule)  # type: ignore[arg-type]
        assert chosen["cost_id"].tolist() == ["m-1"], rule
        assert chosen["scope"].tolist() == ["whole mission"]
    assert costs.scopes(frame).tolist() == ["whole mission", "not stated", "not stated"]


def test_a_stated_partial_scope_beats_an_unknown_one_and_loses_to_a_broader_one() -> None:
    frame = table(
        [
            {"cost_id": "m-1", "amount_million": 300.0, "scope": "not stated"},
            {"cost_id": "m-2", "amount_million": 200.0, "scope": "spacecraft only"},
            {"cost_id": "m-3", "amount_million": 250.0, "scope": "spacecraft + launch", "basis": "estimate"},
        ]
    )
    assert costs.mission_figure(frame, "m")["cost_id"] == "m-3"
    assert costs.mission_figure(frame[frame["cost_id"] != "m-3"], "m")["cost_id"] == "m-2"


def test_parts_and_rows_marked_not_comparable_are_never_a_mission_cost() -> None:
    frame = table(
        [
            {"cost_id": "a-1", "mission_id": "a", "amount_million": 25.0, "scope": "launch only"},
            {"cost_id": "a-2", "mission_id": "a", "amount_million": 62.0, "scope": "spacecraft + launch", "basis": "estimate"},
            {"cost_id": "b-1", "mission_id": "b", "amount_million": 200.0, "scope": "operations or extension"},
            {"cost_id": "c-1", "mission_id": "c", "amount_million": 850.0, "scope": "programme", "comparable": False},
            {"cost_id": "d-1", "mission_id": "d", "amount_million": 993.8, "scope": "spacecraft + launch", "comparable": False},
            {"cost_id": "d-2", "mission_id": "d", "amount_million": 813.8, "scope": "spacecraft + launch"},
        ]
    )
    chosen = costs.choose_figures(frame).set_index("mission_id")["cost_id"].to_dict()
    assert chosen == {"a": "a-2", "d": "d-2"}
    with pytest.raises(KeyError, match="no comparable cost figure"):
        costs.mission_figure(frame, "c")


def test_within_a_scope_official_then_latest_then_largest() -> None:
    frame = table(
        [
            {"cost_id": "m-1", "amount_million": 2725.0, "stated_year": 2020},
            {"cost_id": "m-2", "amount_million": 2800.0, "stated_year": 2021, "basis": "estimate"},
            {"cost_id": "m-3", "amount_million": 2500.0, "stated_year": 2019},
        ]
    )
    assert costs.mission_figure(frame, "m")["cost_id"] == "m-1"
    assert costs.mission_figure(frame, "m", "latest")["cost_id"] == "m-2"
    assert costs.mission_figure(frame, "m", "earliest")["cost_id"] == "m-3"


def test_a_table_without_a_scope_column_reads_the_covers_flags() -> None:
    frame = pd.DataFrame(
        {
            "cost_id": ["m-1", "m-2", "m-3", "m-4", "m-5"],
            "mission_id": ["m"] * 5,
            "amount_million": [1.0, 2.0, 3.0, 4.0, 5.0],
            "covers_development": pd.array([True, True, False, True, None], dtype="boolean"),
            "covers_launch": pd.array([True, True, True, False, None], dtype="boolean"),
            "covers_operations": pd.array([True, None, False, False, None], dtype="boolean"),
        }
    )
    assert costs.scopes(frame).tolist() == ["whole mission", "spacecraft + launch", "launch only", "spacecraft only", "not stated"]
    assert costs.comparable(frame).all()


def test_scope_total_with_operations_uses_the_figure_choose_figures_picks() -> None:
    frame = table(
        [
            {"cost_id": "m-1", "amount_million": 2725.0, "scope": "whole mission"},
            {"cost_id": "m-2", "amount_million": 2200.0, "scope": "spacecraft only"},
            {"cost_id": "m-3", "amount_million": 243.0, "scope": "launch only"},
            {"cost_id": "m-4", "amount_million": 80.0, "scope": "spacecraft only"},
            {"cost_id": "m-5", "amount_million": 2900.0, "scope": "whole mission", "comparable": False},
        ]
    )
    with_ops = costs.scope_total(frame, "m", with_operations=True)
    assert with_ops.cost_ids == (costs.mission_figure(frame, "m")["cost_id"],) == ("m-1",)
    without = costs.scope_total(frame, "m", with_operations=False)
    assert without.cost_ids == ("m-2", "m-3") and without.amount_million == 2443.0


def test_an_unknown_rule_is_refused() -> None:
    with pytest.raises(ValueError, match="rule must be one of"):
        costs.choose_figures(table([{"cost_id": "m-1", "amount_million": 1.0}]), "cheapest")  # type: ignore[arg-type]
