"""The Data page's pieces (spacerace.data.sources_html, dataset_html, fields_table) on hand-made fixtures."""

from __future__ import annotations

from spacerace.data import FIELDS_CSS_CLASS, dataset_html, fields_table, sources_html


def test_a_source_without_path_is_text_not_a_link() -> None:
    got = sources_html([{"title": "Web pages, one address per row in source_url"}, {"title": "NSSDC", "path": "https://nssdc.gsfc.nasa.gov/"}])
    assert got == 'Web pages, one address per row in source_url; <a href="https://nssdc.gsfc.nasa.gov/">NSSDC</a>'
    assert 'href=""' not in got


def test_a_title_ending_in_a_colon_introduces_the_next_source() -> None:
    got = sources_html([{"title": "Budget documents; for example:"}, {"title": "CNES", "path": "https://cnes.fr/budget"}, {"title": "ESA"}])
    assert got == 'Budget documents; for example: <a href="https://cnes.fr/budget">CNES</a>; ESA'


def test_sources_are_escaped_and_a_path_alone_is_its_own_title() -> None:
    got = sources_html([{"title": "<b>x</b> & y"}, {"path": "https://a.example/?q=1&r=2"}])
    assert "<b>" not in got and "&lt;b&gt;x&lt;/b&gt; &amp; y" in got
    assert got.endswith('<a href="https://a.example/?q=1&amp;r=2">https://a.example/?q=1&amp;r=2</a>')
    assert sources_html([]) == ""


INFO = {
    "name": "toy",
    "title": "Toy <rows>",
    "description": "Rows & more.",
    "file": "toy.csv",
    "rows": 1234,
    "columns": [
        {"column": "id", "type": "string", "required": "yes", "meaning": "Row id."},
        {"column": "year", "type": "integer", "required": "", "meaning": "Year of the row."},
    ],
    "sources": [{"title": "Pages, one address per row in source_url"}],
    "licenses": [{"name": "CC-BY-4.0", "title": "CC BY 4.0"}],
    "as_of": "2025-12-01",
}


def test_dataset_html_has_heading_download_rows_and_plain_sources() -> None:
    got = dataset_html(INFO)
    assert "<h2 id='dataset-toy'>Toy &lt;rows&gt;</h2>" in got
    assert "<a href='../_static/data/toy.csv' download><code>toy.csv</code></a>: 1,234 rows, as of 2025-12-01.</p>" in got
    assert "<p>Rows &amp; more.</p>" in got
    assert "<strong>Sources:</strong> Pages, one address per row in source_url.<br>" in got
    assert "<strong>Licence:</strong> CC BY 4.0." in got
    assert "see each row" in dataset_html({**INFO, "sources": [], "as_of": ""}) and "as of" not in dataset_html({**INFO, "as_of": ""})


def test_fields_table_has_the_four_columns_in_order_and_the_phone_class() -> None:
    html = fields_table(INFO).to_html()
    assert f'class="dataframe spacerace-table {FIELDS_CSS_CLASS}"' in html
    heads = [h for h in ("column", "type", "required", "meaning") if f">{h}</th>" in html]
    assert heads == ["column", "type", "required", "meaning"]
    assert html.index(">column</th>") < html.index(">type</th>") < html.index(">required</th>") < html.index(">meaning</th>")
    # the stylesheet's phone layout addresses the cells by position: col0 name, col1 type, col2 required, col3 meaning
    assert 'class="data row1 col3' in html and "Year of the row." in html
