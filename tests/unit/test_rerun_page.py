"""The standalone page of a rerun has no Sphinx: the book's MyST roles and directives are turned
into plain text there, never shown raw ("see {ref}`costs-rerun`")."""

from __future__ import annotations

from spacerace.engine.rerun import plain_markdown, section_titles, standalone_html

NOTEBOOK = {
    "cells": [
        {"cell_type": "markdown", "metadata": {}, "source": ["(costs)=\n", "# Mission costs\n", "\n", "See {ref}`costs-methods` and {cite}`hennessy2025`."]},
        {"cell_type": "markdown", "metadata": {}, "source": ["(costs-methods)=\n", "## Methods and caveats\n", "\n", "```{note}\n", "Prices are approximate.\n", "```\n"]},
    ]
}


def test_a_reference_reads_as_its_section_title_or_its_own_text() -> None:
    titles = section_titles(NOTEBOOK)
    assert titles == {"costs": "Mission costs", "costs-methods": "Methods and caveats"}
    text = plain_markdown("See {ref}`costs-methods`, {ref}`how to rerun <costs-rerun>` and {ref}`budgets`.", titles)
    assert text == "See Methods and caveats, how to rerun and budgets."


def test_targets_and_index_entries_are_dropped_citations_kept_as_keys_and_a_note_quoted() -> None:
    text = plain_markdown("(x-y)=\n## A heading\n\n```{index} word\n```\nSee {cite}`key2025`.\n\n```{note}\nMind the gap.\n```\n", {})
    paragraphs = [part.strip() for part in text.split("\n\n") if part.strip()]
    assert paragraphs == ["## A heading", "See [key2025].", "> **Note.** Mind the gap."]


def test_the_standalone_page_shows_no_raw_myst() -> None:
    page = standalone_html(NOTEBOOK, "Mission costs")
    for raw in ("{ref}", "{cite}", "(costs)=", "```{note}"):
        assert raw not in page
    assert "See Methods and caveats and [hennessy2025]." in page
    assert "<blockquote>" in page and "Prices are approximate." in page
