"""The claim ledger as readers see it: one styled table with sortable headings and a filter box.

:func:`ledger_table` picks and orders the columns a reader needs from the evaluated ledger
(:func:`spacerace.claims.evaluate`); :func:`ledger_html` turns that table into HTML with a small,
dependency-free script: click a heading to sort by it, type words in the box to keep only the
rows that contain all of them. :func:`show` wraps the HTML for a notebook. :func:`differences`
lists the claims whose computed verdict differs from the curator's.

The script reads only the table's own cells (escaped like every other value) and writes no data
into the page. The filter box is part of the HTML, hidden until the script runs, so a page
without scripts shows the table and no dead box.

Examples
--------
>>> from spacerace import claims, data, ledger                             # doctest: +SKIP
>>> evaluated = claims.evaluate(data.load("claims"), datasets)            # doctest: +SKIP
>>> ledger.show(ledger.ledger_table(evaluated))                           # doctest: +SKIP
"""

from __future__ import annotations

import html
import re
from collections.abc import Mapping
from typing import TYPE_CHECKING

import pandas as pd

from . import charts
from .claims import VERDICTS

if TYPE_CHECKING:
    from IPython.display import HTML

__all__ = [
    "ARTICLE_LABELS",
    "VERDICT_COLOURS",
    "COLUMNS",
    "verdict_rank",
    "source_kinds",
    "ledger_table",
    "differences",
    "ledger_html",
    "show",
]

ARTICLE_LABELS: dict[str, str] = {"hennessy-2025": "Hennessy (2025)", "code-vub": "CODE/VUB (2025)"}
"""How each article of ``data/claims.csv`` is named on the page."""

VERDICT_COLOURS: dict[str, str] = {verdict: charts.style("verdict", verdict).colour for verdict in VERDICTS}
"""One colour per verdict, the book's (:data:`spacerace.charts.STYLES`), in the order of :data:`VERDICTS`."""

COLUMNS: dict[str, str] = {
    "claim_id": "claim",
    "paraphrase": "the claim, in our words",
    "quoted_figure": "the article's words",
    "verdict": "verdict",
    "evidence": "evidence",
    "evidence_url": "source",
    "source_kind": "kind of source",
}
"""The ledger's columns as the reader sees them: evaluated column → heading, in order. The claim's
kind goes beside its id ("hen-15 (cost)"), so the table fits a book's column."""

_ID = re.compile(r"^[A-Za-z][A-Za-z0-9_-]*$")


def verdict_rank(verdicts: pd.Series) -> pd.Series:
    """Position of each verdict in :data:`VERDICTS` (0 = supported); unknown verdicts rank last."""
    order = {verdict: rank for rank, verdict in enumerate(VERDICTS)}
    return verdicts.map(order).fillna(len(VERDICTS)).astype(int)


def source_kinds(datasets: Mapping[str, pd.DataFrame]) -> dict[str, str]:
    """The kind of each page the datasets cite: ``source_url`` → ``source_kind``.

    A computed claim links the page behind its main figure (a dataset row's ``source_url``), not
    the page its curator read, so its kind comes from that row. Tables without a ``source_kind``
    column are long series taken from published data sets (launches, prices, exchange rates):
    their pages are of kind ``"dataset"``.
    """
    kinds: dict[str, str] = {}
    for frame in datasets.values():
        if "source_url" not in frame.columns:
            continue
        rows = frame.dropna(subset=["source_url"])
        stated = rows["source_kind"] if "source_kind" in rows.columns else pd.Series("dataset", index=rows.index)
        for url, kind in zip(rows["source_url"], stated):
            if isinstance(url, str) and url and isinstance(kind, str) and kind:
                kinds.setdefault(url, kind)
    return kinds


def ledger_table(ledger: pd.DataFrame, kinds: Mapping[str, str] | None = None) -> pd.DataFrame:
    """The ledger as the reader sees it: one row per claim, grouped by verdict, then by claim id.

    Parameters
    ----------
    ledger
        The evaluated claims (:func:`spacerace.claims.evaluate`). A column of :data:`COLUMNS`
        that is missing (``source_kind`` in an older claims file) is shown empty.
    kinds
        The kind of each page the datasets cite (:func:`source_kinds`): a computed claim whose
        link is a dataset row's page shows that row's kind; every other claim keeps the
        ``source_kind`` of ``data/claims.csv`` (the kind of its ``evidence_url``).

    Returns
    -------
    pandas.DataFrame
        The columns of :data:`COLUMNS`, renamed to their headings (the claim as "hen-15 (cost)"),
        with a fresh index.
    """
    frame = ledger.assign(**{column: "" for column in COLUMNS if column not in ledger.columns})
    if kinds:
        computed = frame["checked_by"].eq("computed from the data") if "checked_by" in frame.columns else pd.Series(True, index=frame.index)
        found = frame["evidence_url"].map(lambda url: kinds.get(url) if isinstance(url, str) else None)
        frame = frame.assign(source_kind=found.where(computed & found.notna(), frame["source_kind"]))
    frame = frame.assign(_rank=verdict_rank(frame["verdict"])).sort_values(["_rank", "claim_id"], kind="stable")
    if "kind" in frame.columns:
        frame = frame.assign(claim_id=[f"{claim} ({kind})" if isinstance(kind, str) and kind else str(claim) for claim, kind in zip(frame["claim_id"], frame["kind"])])
    return frame[list(COLUMNS)].rename(columns=COLUMNS).reset_index(drop=True)


def differences(ledger: pd.DataFrame) -> pd.DataFrame:
    """The claims whose computed verdict differs from the one their curator expected.

    Returns the columns ``claim``, ``curator``, ``computed`` and ``evidence`` (empty when the
    two agree on every claim).
    """
    differ = ledger[ledger["verdict"] != ledger["expected_verdict"]]
    columns = {"claim_id": "claim", "expected_verdict": "curator", "verdict": "computed", "evidence": "evidence"}
    return differ[list(columns)].rename(columns=columns).reset_index(drop=True)


def _link(url: object, kind: object = None) -> str:
    """A link to the evidence page, named by its kind ("press page"); address and text are HTML-escaped."""
    if not isinstance(url, str) or not url:
        return ""
    text = f"{kind} page" if isinstance(kind, str) and kind else "page"
    return f'<a href="{html.escape(url, quote=True)}" rel="noopener">{html.escape(text)}</a>'


_CSS = """
<style>
.claims-ledger-view {{ max-width: 100%; }}
.claims-ledger-view .claims-ledger-filter {{ display: flex; flex-wrap: wrap; align-items: center; gap: .35rem .9rem; margin: .5rem 0 .6rem; }}
.claims-ledger-view .claims-ledger-filter[hidden] {{ display: none; }}
.claims-ledger-view .claims-ledger-filter input {{
  flex: 1 1 16rem; width: 100%; max-width: 28rem; min-width: 0; box-sizing: border-box;
  font: inherit; font-size: 1rem; line-height: 1.4; padding: .4rem .6rem;
  border: 1px solid #6b6b6b; border-radius: .25rem; background: #fff; color: #222;
}}
.claims-ledger-view .claims-ledger-filter input::placeholder {{ color: #595959; opacity: 1; }}
.claims-ledger-view .claims-ledger-status {{ font-size: .9rem; color: #333; }}
.claims-ledger-view .claims-ledger-scroll {{ max-width: 100%; overflow-x: auto; }}
#T_{id} {{ border-collapse: collapse; font-size: .8rem; margin: 0 0 1rem; width: 100%; min-width: 44rem; table-layout: fixed; }}
#T_{id} th, #T_{id} td {{ vertical-align: top; text-align: left; padding: .3rem .45rem; border-bottom: 1px solid #e0e0e0; overflow-wrap: break-word; }}
#T_{id} thead th {{ border-bottom: 2px solid #555; cursor: pointer; }}
#T_{id} th.col0 {{ width: 8.6em; }}
#T_{id} th.col1 {{ width: 22%; }}
#T_{id} th.col2 {{ width: 15%; }}
#T_{id} th.col3 {{ width: 6.4em; }}
#T_{id} th.col5 {{ width: 6.8em; }}
#T_{id} caption {{ caption-side: top; text-align: left; font-size: .85rem; padding: 0 0 .3rem; }}
</style>
"""

_SCRIPT = """
<script>
(function (id) {
  var table = document.getElementById("T_" + id);
  var box = document.getElementById(id + "-filter");
  var note = document.getElementById(id + "-status");
  if (!table || !box || table.getAttribute("data-enhanced")) { return; }
  table.setAttribute("data-enhanced", "1");
  box.parentNode.hidden = false;
  var body = table.tBodies[0];
  var rows = function () { return Array.prototype.slice.call(body.rows); };
  box.addEventListener("input", function () {
    var words = box.value.toLowerCase().split(/\\s+/).filter(Boolean), shown = 0;
    rows().forEach(function (row) {
      var text = row.textContent.toLowerCase();
      row.hidden = !words.every(function (w) { return text.indexOf(w) >= 0; });
      if (!row.hidden) { shown += 1; }
    });
    note.textContent = words.length ? shown + " of " + body.rows.length + " claims shown" : "";
  });
  var heads = Array.prototype.slice.call(table.tHead.rows[table.tHead.rows.length - 1].cells);
  heads.forEach(function (cell, index) {
    cell.tabIndex = 0; cell.setAttribute("aria-sort", "none");
    var sort = function () {
      var up = cell.getAttribute("aria-sort") !== "ascending";
      heads.forEach(function (other) { other.setAttribute("aria-sort", "none"); });
      cell.setAttribute("aria-sort", up ? "ascending" : "descending");
      rows().sort(function (a, b) {
        return (up ? 1 : -1) * a.cells[index].textContent.localeCompare(b.cells[index].textContent, undefined, {numeric: true});
      }).forEach(function (row) { body.appendChild(row); });
    };
    cell.addEventListener("click", sort);
    cell.addEventListener("keydown", function (event) {
      if (event.key === "Enter" || event.key === " ") { event.preventDefault(); sort(); }
    });
  });
})(%s);
</script>
"""


def ledger_html(
    table: pd.DataFrame,
    *,
    table_id: str = "claims-ledger",
    caption: str = "The claim ledger",
    placeholder: str = "Filter by any words",
    colours: Mapping[str, str] | None = None,
) -> str:
    """The ledger table as HTML, with a filter box, sortable headings and verdicts tinted by colour.

    Parameters
    ----------
    table
        The table to show (:func:`ledger_table`); a ``verdict`` column is tinted with
        ``colours``, a ``source`` column of addresses becomes links named by the ``kind of
        source`` column (which is then not shown apart: "press page"), every other value is
        HTML-escaped.
    table_id
        Letters, digits, ``-`` and ``_``: the table's id is ``T_<table_id>``, the box's
        ``<table_id>-filter`` (two ledgers on one page need two ids).
    caption
        The table's caption (escaped).
    placeholder
        The hint in the empty filter box; short, so that it fits a phone's column.
    colours
        Colour of each verdict (default :data:`VERDICT_COLOURS`).

    Returns
    -------
    str
        A ``<div class="claims-ledger-view">`` with its style, the box (hidden until the script
        runs), the table in a box that scrolls sideways on a narrow screen, and the script.
    """
    if not _ID.match(table_id):
        raise ValueError(f"table_id must be letters, digits, '-' or '_', starting with a letter, not {table_id!r}")
    colours = dict(VERDICT_COLOURS if colours is None else colours)

    def tint(verdict: object) -> str:
        colour = colours.get(str(verdict))
        return f"background-color: {colour}33" if colour else ""

    if "source" in table.columns:
        kinds = table["kind of source"] if "kind of source" in table.columns else pd.Series(None, index=table.index)
        links = [_link(url, kind) for url, kind in zip(table["source"], kinds)]
        table = table.drop(columns=["kind of source"], errors="ignore").assign(source=links)
    styler = table.style.hide(axis="index").format(escape="html", na_rep="")
    if "source" in table.columns:
        styler = styler.format(lambda link: link, subset=["source"], escape=None)
    if "verdict" in table.columns:
        styler = styler.map(tint, subset=["verdict"])
    styler = styler.set_uuid(table_id).set_caption(html.escape(caption)).set_table_attributes('class="claims-ledger"')
    controls = (
        f'<div class="claims-ledger-filter" hidden>'
        f'<input type="search" id="{table_id}-filter" placeholder="{html.escape(placeholder, quote=True)}" '
        f'aria-label="Filter the claims: keep the rows that contain every word typed" aria-controls="T_{table_id}">'
        f'<span id="{table_id}-status" class="claims-ledger-status" aria-live="polite"></span></div>'
    )
    return (
        _CSS.format(id=table_id)
        + f'<div class="claims-ledger-view">{controls}<div class="claims-ledger-scroll">{styler.to_html()}</div></div>'
        + _SCRIPT % f'"{table_id}"'
    )


def show(table: pd.DataFrame, **options: object) -> HTML:
    """:func:`ledger_html` as a notebook output (``options`` are passed on)."""
    from IPython.display import HTML

    return HTML(ledger_html(table, **options))  # type: ignore[arg-type]
