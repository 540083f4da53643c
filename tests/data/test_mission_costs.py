"""Data tests for data/mission_costs.csv: scopes, comparability, sources, and the hand-checked rankings.

The expected lists below were worked out by hand from the CSV (issue 17): for each mission the
comparable row of the broadest scope (whole mission > spacecraft + launch > spacecraft only > not
stated; launch-only, operations and programme rows never stand for a mission), official before
estimate, then the latest stated, then the largest; converted as the costs chapter does by default
(USD of 2023: deflate in the source currency, then the 2023 market rate).
"""

from __future__ import annotations

from urllib.parse import urlparse

import pandas as pd
import pytest

from spacerace import claims, costs, data

BASE_YEAR = 2023
ENCYCLOPAEDIA_HOSTS = (
    "wiki", "piglix", "movatter", "studymode", "smore.com", "scribd.com", "ruidapetroleum", "priusblack",
    "clateway", "zproxy", "nikolamilekic", "amedleyofpotpourri", "findwords", "knowpia", "questionai",
)


@pytest.fixture(scope="module")
def table() -> pd.DataFrame:
    return data.load("mission_costs")


@pytest.fixture(scope="module")
def ranked(table: pd.DataFrame) -> pd.DataFrame:
    economics = {name: data.load(name) for name in ("cpi", "exchange_rates", "ppp")}
    chosen = costs.choose_figures(table)
    converted = costs.convert_each(chosen, base_year=BASE_YEAR, target_currency="USD", method="deflate_then_convert", use_ppp=False, economics=economics)
    return converted[converted["adjusted_million"].notna()]


def test_every_row_states_a_scope_comparability_and_source_kind(table: pd.DataFrame) -> None:
    assert set(table["scope"]) <= set(costs.SCOPES)
    assert table["comparable"].notna().all()
    assert set(table["source_kind"]) <= {"official", "press", "scholarly", "dataset", "encyclopaedia copy"}


def test_the_covers_flags_agree_with_the_scope(table: pd.DataFrame) -> None:
    stated = table[table["scope"] != "not stated"]
    derived = costs.scopes(stated.drop(columns=["scope"]))
    allowed = {  # what the flags may say (an empty flag reads as "not stated")
        "whole mission": {"whole mission"},
        "spacecraft + launch": {"spacecraft + launch"},
        "spacecraft only": {"spacecraft only", "not stated"},
        "launch only": {"launch only"},
        "operations or extension": {"operations or extension"},
        "programme": {"not stated", "spacecraft only"},
    }
    wrong = [(cid, s, d) for cid, s, d in zip(stated["cost_id"], stated["scope"], derived) if d not in allowed[s]]
    assert not wrong


def test_rows_whose_notes_say_do_not_compare_are_not_comparable(table: pd.DataFrame) -> None:
    notes = (table["scope_note"].fillna("") + " " + table["source_note"].fillna("")).str.lower()
    says_so = notes.str.contains("do not compare|not comparable|not to be summed")
    assert not (says_so & table["comparable"]).any()
    assert sorted(table.loc[~table["comparable"], "cost_id"]) == [
        "chandrayaan-3-4", "exomars-tgo-1", "insight-4", "lro-2", "mars-climate-orbiter-1",
    ]
    assert (table.loc[table["scope"] == "programme", "comparable"] == False).all()  # noqa: E712


def test_encyclopaedia_copies_are_marked_and_at_most_five_percent(table: pd.DataFrame) -> None:
    hosts = table["source_url"].map(lambda url: urlparse(url).netloc.lower())
    looks_like_copy = hosts.map(lambda host: any(mark in host for mark in ENCYCLOPAEDIA_HOSTS))
    assert (table.loc[looks_like_copy, "source_kind"] == "encyclopaedia copy").all()
    share = (table["source_kind"] == "encyclopaedia copy").mean()
    assert share <= 0.05, f"{share:.1%} of rows cite a copy of an encyclopaedia"


def test_the_ten_most_expensive_missions(ranked: pd.DataFrame) -> None:
    top = ranked.nlargest(10, "adjusted_million")
    assert list(zip(top["mission_id"], top["cost_id"], top["scope"])) == [
        ("cassini-huygens", "cassini-huygens-1", "whole mission"),  # USD 3,260 m (2000) -> ~5,770
        ("europa-clipper", "europa-clipper-1", "whole mission"),  # USD 4,250 m (2021) -> ~4,780
        ("mars-science-laboratory", "mars-science-laboratory-1", "whole mission"),  # USD 2,500 m (2011) -> ~3,390
        ("mars-2020", "mars-2020-1", "whole mission"),  # USD 2,725 m (2020) -> ~3,210
        ("bepicolombo", "bepicolombo-1", "not stated"),  # EUR 1,600 m (2018) -> ~2,070
        ("parker-solar-probe", "parker-solar-probe-1", "not stated"),  # USD 1,500 m (2018) -> ~1,820
        ("rosetta", "rosetta-2", "whole mission"),  # EUR 1,300 m (2015) -> ~1,740
        ("juice", "juice-1", "not stated"),  # EUR 1,600 m (2023) -> ~1,730
        ("juno", "juno-2", "whole mission"),  # USD 1,100 m (2011) -> ~1,490
        ("mars-exploration-rovers", "mars-exploration-rovers-1", "whole mission"),  # USD 820 m (2004) -> ~1,320
    ]
    expected = [5768, 4779, 3386, 3208, 2068, 1820, 1735, 1731, 1490, 1323]
    assert top["adjusted_million"].tolist() == pytest.approx(expected, rel=0.01)


def test_the_five_cheapest_missions(ranked: pd.DataFrame) -> None:
    bottom = ranked.nsmallest(5, "adjusted_million")
    assert list(zip(bottom["mission_id"], bottom["cost_id"], bottom["scope"])) == [
        ("aditya-l1", "aditya-l1-1", "not stated"),  # INR 4,200 m (2023) -> ~51
        ("mars-orbiter-mission", "mars-orbiter-mission-1", "whole mission"),  # INR 4,500 m (2014) -> ~84
        ("chandrayaan-3", "chandrayaan-3-1", "spacecraft + launch"),  # INR 6,150 m (2020) -> ~88
        ("im-1", "im-1-2", "spacecraft + launch"),  # USD 77.2 m (2019) -> ~92
        ("slim", "slim-1", "spacecraft only"),  # JPY 15,000 m (2023) -> ~107
    ]
    assert bottom["adjusted_million"].tolist() == pytest.approx([50.9, 84.5, 88.3, 92.0, 106.8], rel=0.01)


def test_europa_clipper_is_costed_by_its_whole_mission_figure(table: pd.DataFrame) -> None:
    chosen = costs.mission_figure(table, "europa-clipper")
    assert (chosen["cost_id"], chosen["amount_million"], chosen["scope"]) == ("europa-clipper-1", 4250.0, "whole mission")


def test_no_launch_or_extension_figure_stands_for_a_mission(table: pd.DataFrame) -> None:
    chosen = costs.choose_figures(table).set_index("mission_id")
    assert chosen.loc["lunar-prospector", "cost_id"] != "lunar-prospector-2"  # the Athena 2 launch alone
    assert (chosen.loc["lunar-prospector", "amount_million"], chosen.loc["lunar-prospector", "scope"]) == (63.0, "spacecraft + launch")
    assert chosen.loc["osiris-rex", "cost_id"] == "osiris-rex-4"  # not the OSIRIS-APEX extension
    assert chosen.loc["mars-express", "cost_id"] == "mars-express-1"  # not Beagle 2 alone
    assert not chosen["scope"].isin(["launch only", "operations or extension", "programme"]).any()
    assert "exomars-tgo" not in chosen.index  # only a programme-wide figure
    assert chosen.loc["mars-climate-orbiter", "cost_id"] == "mars-climate-orbiter-2"  # not the two-spacecraft total
    assert chosen.loc["insight", "cost_id"] == "insight-1"  # NASA's cost, not NASA + partners


def test_corrected_and_dropped_figures(table: pd.DataFrame) -> None:
    rows = table.set_index("cost_id")
    assert tuple(rows.loc["lunar-prospector-1", ["amount_million", "currency", "price_year"]]) == (63.0, "USD", 1997)
    assert tuple(rows.loc["osiris-rex-1", ["amount_million", "price_year", "price_basis", "scope"]]) == (800.0, 2010, "constant", "spacecraft only")
    assert tuple(rows.loc["slim-1", ["amount_million", "currency", "price_year"]]) == (15000.0, "JPY", 2023)
    assert tuple(rows.loc["im-1-2", ["amount_million", "currency", "price_year"]]) == (77.2, "USD", 2019)
    for dropped in ("mars-2020-6", "mars-orbiter-mission-2", "mars-orbiter-mission-3", "im-1-1"):
        assert dropped not in rows.index


@pytest.mark.parametrize(("check", "mission_id"), [("perseverance_cost_usd", "mars-2020"), ("chandrayaan3_cost_usd", "chandrayaan-3")])
def test_the_claims_chapter_uses_the_costs_chapter_figure(table: pd.DataFrame, ranked: pd.DataFrame, check: str, mission_id: str) -> None:
    datasets = {name: data.load(name) for name in ("mission_costs", "exchange_rates", "cpi", "missions")}
    result = claims.CHECKS[check](datasets, claims.Settings(base_year=BASE_YEAR))
    in_costs_chapter = ranked.set_index("mission_id").loc[mission_id]
    assert result.value[f"usd_{BASE_YEAR}_prices"] == pytest.approx(in_costs_chapter["adjusted_million"], rel=1e-9)
    with_operations = costs.scope_total(table, mission_id, with_operations=mission_id == "mars-2020")
    assert with_operations.cost_ids == (in_costs_chapter["cost_id"],)


def test_perseverance_with_operations_is_one_figure(ranked: pd.DataFrame) -> None:
    """Issue 17: USD 3,208 million in the claims chapter and 3,149 million in the costs chapter."""
    assert ranked.set_index("mission_id").loc["mars-2020", "adjusted_million"] == pytest.approx(3208, rel=0.001)
