"""Unit tests for what the costs chapter adds to spacerace.costs: the headline pair part by part and
like for like, figures as stated, short names and log-axis ticks; and the chapter's own promises
(one Perseverance figure shared with the claims chapter, every glue role glued, no helper defined
in the notebook).

Hand-worked numbers: INR prices rise 20 % from 2020 to 2023 and US prices 10 %; in 2023 a dollar
buys 80 rupees at market rates and 20 at PPP.
"""

from __future__ import annotations

import json
import re

import pandas as pd
import pytest

from spacerace import costs
from spacerace.paths import BOOK_DIR

ECONOMICS = {
    "cpi": pd.DataFrame({"currency": ["INR", "INR", "USD", "USD"], "year": [2020, 2023, 2020, 2023], "index": [100.0, 120.0, 100.0, 110.0]}),
    "exchange_rates": pd.DataFrame({"currency": ["INR", "INR"], "year": [2020, 2023], "per_usd": [75.0, 80.0]}),
    "ppp": pd.DataFrame({"currency": ["INR", "INR"], "year": [2020, 2023], "lcu_per_intl_dollar": [20.0, 20.0]}),
}
SETTING = dict(base_year=2023, target_currency="USD", method="deflate_then_convert", economics=ECONOMICS)

MISSIONS = pd.DataFrame(
    {"mission_id": ["lander", "rover"], "name": ["Lander-3", "Rover 2020 (big rover, small helicopter)"]}
)


def cost_rows() -> pd.DataFrame:
    """A lander with one spacecraft + launch total (and a press copy marked not comparable), and a
    rover with a whole-mission figure, its parts, and an add-on (a helicopter) as a second spacecraft row."""
    rows = [
        ("lander-1", "lander", 6000.0, "INR", "spacecraft + launch", True, "official"),
        ("lander-2", "lander", 75.0, "USD", "spacecraft + launch", False, "estimate"),
        ("rover-1", "rover", 2500.0, "USD", "whole mission", True, "official"),
        ("rover-2", "rover", 2000.0, "USD", "spacecraft only", True, "official"),
        ("rover-3", "rover", 200.0, "USD", "launch only", True, "official"),
        ("rover-4", "rover", 300.0, "USD", "operations or extension", True, "official"),
        ("rover-5", "rover", 80.0, "USD", "spacecraft only", True, "official"),
        ("rover-6", "rover", 9999.0, "USD", "spacecraft only", True, "estimate"),
    ]
    frame = pd.DataFrame(rows, columns=["cost_id", "mission_id", "amount_million", "currency", "scope", "comparable", "basis"])
    return frame.assign(price_year=2020, stated_year=2020, scope_note=frame["cost_id"] + " note")


def test_as_stated_and_short_name() -> None:
    frame = pd.DataFrame({"amount_million": [6150.0, 243.4], "currency": ["INR", "USD"], "price_year": [2020, 2019]})
    assert costs.as_stated(frame).tolist() == ["INR 6,150 million (2020)", "USD 243 million (2019)"]
    names = pd.Series(["Mars 2020 (Perseverance rover, Ingenuity helicopter)", "Chang'e 4 (Yutu-2 rover)", "Chandrayaan-3"])
    assert costs.short_name(names).tolist() == ["Mars 2020", "Chang'e 4", "Chandrayaan-3"]


def test_components_take_the_largest_official_part_and_leave_add_ons_out() -> None:
    rover = costs.components(cost_rows(), "rover")
    assert rover["component"].tolist() == ["spacecraft", "launch", "operations"]
    assert rover["cost_id"].tolist() == ["rover-2", "rover-3", "rover-4"]  # not the add-on, not the estimate
    lander = costs.components(cost_rows(), "lander")
    assert lander["component"].tolist() == ["spacecraft + launch"]
    assert lander["cost_id"].tolist() == ["lander-1"]  # the press copy is not comparable
    with pytest.raises(KeyError, match="no figure for its spacecraft and launch"):
        costs.components(cost_rows(), "nothing")


def test_headline_parts_converts_each_part_at_market_rates_and_at_ppp() -> None:
    parts = costs.headline_parts(cost_rows(), MISSIONS, ["lander", "rover"], **SETTING)
    assert len(parts) == 2 * (1 + 3)
    got = parts.set_index(["cost_id", "rates"])["adjusted_million"]
    market, ppp = costs.RATES[False], costs.RATES[True]
    assert got["lander-1", market] == pytest.approx(6000 * 1.2 / 80)  # 90
    assert got["lander-1", ppp] == pytest.approx(6000 * 1.2 / 20)  # 360
    assert got["rover-2", market] == got["rover-2", ppp] == pytest.approx(2000 * 1.1)
    assert set(parts["name"]) == {"Lander-3", "Rover 2020"}
    assert parts.set_index("cost_id").loc["rover-3", "as stated"].iloc[0] == "USD 200 million (2020)"


def test_like_for_like_gives_both_scopes_and_the_ratio_a_reader_can_redo() -> None:
    table = costs.like_for_like(cost_rows(), MISSIONS, ["lander", "rover"], **SETTING)
    assert table["scope"].tolist() == ["spacecraft + launch"] * 2 + ["with operations"] * 2
    rows = table.set_index(["mission_id", "scope"])
    assert rows.loc[("rover", "spacecraft + launch"), "figures used"] == "rover-2, rover-3"
    assert rows.loc[("rover", "with operations"), "figures used"] == "rover-1"
    assert "no sourced figure includes operations" in rows.loc[("lander", "with operations"), "notes"]
    market, ppp = costs.RATES[False], costs.RATES[True]
    ratio_market = rows.loc[("rover", "spacecraft + launch"), market] / rows.loc[("lander", "spacecraft + launch"), market]
    ratio_ppp = rows.loc[("rover", "spacecraft + launch"), ppp] / rows.loc[("lander", "spacecraft + launch"), ppp]
    assert ratio_market == pytest.approx(2200 * 1.1 / 90)  # 2,420 against 90
    assert ratio_ppp == pytest.approx(2200 * 1.1 / 360)


def test_log_ticks_never_include_zero_and_cover_the_values() -> None:
    assert costs.log_ticks([40, 3000]) == [20, 50, 100, 200, 500, 1000, 2000, 5000]
    assert costs.log_ticks(pd.Series([40.0, 30000.0, 0.0, float("nan")])) == [30, 100, 300, 1000, 3000, 10000, 30000]
    assert costs.log_ticks([0.3, 0.3]) == [0.2, 0.5]  # one value: the steps either side
    assert costs.log_ticks([0, -1]) == []


def test_perseverance_with_operations_is_the_figure_the_claims_chapter_quotes() -> None:
    """One figure per quantity: the chapter's 'with operations' total is mission_figure's row."""
    from spacerace import data

    figures = data.load("mission_costs")
    economics = {name: data.load(name) for name in ["cpi", "exchange_rates", "ppp"]}
    table = costs.like_for_like(figures, data.load("missions"), ["chandrayaan-3", "mars-2020"], base_year=2023,
                                target_currency="USD", method="deflate_then_convert", economics=economics)
    row = table.set_index(["mission_id", "scope"]).loc[("mars-2020", "with operations")]
    assert row["figures used"] == costs.mission_figure(figures, "mars-2020")["cost_id"]
    assert round(row[costs.RATES[False]]) == 3208  # USD millions, 2023 prices, as issue 17 checked by hand


def test_missions_with_no_launch_mass_drop_out_of_cost_per_kilogram() -> None:
    """The chapter divides by launch mass only where it is sourced (these four were emptied)."""
    from spacerace import data

    kg = data.load("missions").set_index("mission_id")["launch_mass_kg"]
    assert kg[["change-3", "change-4", "hayabusa", "stardust"]].isna().all()
    assert (kg.dropna() > 0).all()  # a cost per kilogram never divides by zero


def notebook_glue() -> tuple[set[str], set[str], str]:
    notebook = json.loads((BOOK_DIR / "costs" / "costs.ipynb").read_text(encoding="utf-8"))
    code = "\n".join("".join(c["source"]) for c in notebook["cells"] if c["cell_type"] == "code")
    prose = "\n".join("".join(c["source"]) for c in notebook["cells"] if c["cell_type"] == "markdown")
    exercises = (BOOK_DIR / "costs" / "exercises.md").read_text(encoding="utf-8")
    glued = set(re.findall(r'glue\("(\w+)"', code))
    roles = set(re.findall(r"\{glue(?::\w+)?\}`(\w+)", prose + exercises))
    return glued, roles, code


def test_every_glue_role_is_glued_and_every_glued_value_is_used() -> None:
    glued, roles, _ = notebook_glue()
    assert roles - glued == set(), "roles with no glued value"
    assert glued - roles == set(), "glued values no page uses"


def test_the_notebook_defines_no_functions_and_keeps_short_cells() -> None:
    notebook = json.loads((BOOK_DIR / "costs" / "costs.ipynb").read_text(encoding="utf-8"))
    cells = ["".join(c["source"]) for c in notebook["cells"] if c["cell_type"] == "code"]
    lines = [[line for line in cell.splitlines() if line.strip()] for cell in cells]
    assert not any(re.match(r"\s*def ", line) for cell in lines for line in cell)
    assert max(len(cell) for cell in lines) <= 25
    assert sum(len(cell) for cell in lines) <= 150
