"""Tests for spacerace.ledger: the claim ledger's table, its filter widget and the differences list."""

from __future__ import annotations

import re

import pandas as pd
import pytest

from spacerace import ledger
from spacerace.claims import VERDICTS


@pytest.fixture()
def evaluated() -> pd.DataFrame:
    """Three evaluated claims, out of order, one computed from a dataset row and one with a hostile cell."""
    return pd.DataFrame(
        {
            "claim_id": ["hen-02", "code-01", "hen-01"],
            "article": ["hennessy-2025", "code-vub", "hennessy-2025"],
            "kind": ["cost", "date", "first"],
            "paraphrase": ["A <script>alert(1)</script> claim", "Second", "Third"],
            "quoted_figure": ["75 million", "12 May", "first"],
            "verdict": ["contradicted", "supported", "supported"],
            "expected_verdict": ["supported", "supported", "supported"],
            "evidence": ["mission_costs.csv: figures", "Checked against a cited source", "landings.csv: rows"],
            "evidence_url": ["https://example.org/row?a=1&b=2", "https://example.org/cited", None],
            "source_kind": ["press", "official", "dataset"],
            "checked_by": ["computed from the data", "cited source", "computed from the data"],
        }
    )


def test_verdict_rank_follows_the_closed_list_and_puts_unknown_last() -> None:
    ranks = ledger.verdict_rank(pd.Series([*reversed(VERDICTS), "odd"]))
    assert list(ranks) == [3, 2, 1, 0, 4]


def test_the_table_groups_by_verdict_then_claim_and_names_every_column(evaluated) -> None:
    table = ledger.ledger_table(evaluated)
    assert list(table.columns) == list(ledger.COLUMNS.values())
    assert list(table["claim"]) == ["code-01 (date)", "hen-01 (first)", "hen-02 (cost)"]
    assert list(table["kind of source"]) == ["official", "dataset", "press"]


def test_a_missing_source_kind_column_shows_empty(evaluated) -> None:
    table = ledger.ledger_table(evaluated.drop(columns="source_kind"))
    assert list(table["kind of source"]) == ["", "", ""]


def test_a_computed_claim_takes_the_kind_of_the_dataset_row_it_links() -> None:
    datasets = {
        "mission_costs": pd.DataFrame({"source_url": ["https://example.org/row?a=1&b=2"], "source_kind": ["official"]}),
        "launches": pd.DataFrame({"source_url": ["https://example.org/cited"]}),
    }
    kinds = ledger.source_kinds(datasets)
    assert kinds == {"https://example.org/row?a=1&b=2": "official", "https://example.org/cited": "dataset"}


def test_source_kinds_override_only_computed_claims(evaluated) -> None:
    kinds = {"https://example.org/row?a=1&b=2": "official", "https://example.org/cited": "dataset"}
    table = ledger.ledger_table(evaluated, kinds).set_index("claim")
    assert table.loc["hen-02 (cost)", "kind of source"] == "official"  # computed: the row's own kind
    assert table.loc["code-01 (date)", "kind of source"] == "official"  # cited: claims.csv's kind, not the dataset's
    assert table.loc["hen-01 (first)", "kind of source"] == "dataset"  # no link: claims.csv's kind


def test_the_html_has_a_filter_box_that_fits_a_phone_and_a_script_for_this_table(evaluated) -> None:
    page = ledger.ledger_html(ledger.ledger_table(evaluated), table_id="my-ledger", placeholder="Filter by any words")
    assert 'id="T_my-ledger"' in page
    box = re.search(r"<input[^>]*>", page).group(0)
    assert 'id="my-ledger-filter"' in box and 'placeholder="Filter by any words"' in box and "aria-label" in box
    assert re.search(r"\.claims-ledger-filter input \{[^}]*max-width: 28rem[^}]*box-sizing: border-box", page, re.S)
    assert "width: 100%" in page and "font-size: 1rem" in page
    assert page.count("<script>") == 1 and page.rstrip().endswith('})("my-ledger");\n</script>'.strip())
    assert 'class="claims-ledger-filter" hidden' in page  # no dead box without the script
    assert "overflow-x: auto" in page  # the table scrolls in its own box


def test_cells_are_escaped_and_links_are_named_by_their_kind(evaluated) -> None:
    page = ledger.ledger_html(ledger.ledger_table(evaluated))
    assert "<script>alert(1)</script>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert '<a href="https://example.org/row?a=1&amp;b=2" rel="noopener">press page</a>' in page
    assert ">official page</a>" in page
    assert "kind of source" not in page  # folded into the link text


def test_verdicts_are_tinted_with_their_colour(evaluated) -> None:
    page = ledger.ledger_html(ledger.ledger_table(evaluated))
    assert f"background-color: {ledger.VERDICT_COLOURS['contradicted']}33" in page
    assert f"background-color: {ledger.VERDICT_COLOURS['supported']}33" in page


@pytest.mark.parametrize("bad", ["", "1abc", 'x"onload="y', "a b"])
def test_an_unsafe_table_id_is_refused(evaluated, bad) -> None:
    with pytest.raises(ValueError, match="table_id"):
        ledger.ledger_html(ledger.ledger_table(evaluated), table_id=bad)


def test_differences_lists_only_the_claims_that_differ(evaluated) -> None:
    differ = ledger.differences(evaluated)
    assert list(differ.columns) == ["claim", "curator", "computed", "evidence"]
    assert differ.to_dict("records") == [
        {"claim": "hen-02", "curator": "supported", "computed": "contradicted", "evidence": "mission_costs.csv: figures"}
    ]
    assert ledger.differences(evaluated[evaluated["claim_id"] != "hen-02"]).empty


def test_show_wraps_the_html_for_a_notebook(evaluated) -> None:
    shown = ledger.show(ledger.ledger_table(evaluated), table_id="shown")
    assert 'id="T_shown"' in shown.data
