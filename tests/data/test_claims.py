"""Data tests for the claim ledger ``data/claims.csv``."""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd
import pytest

DATA = Path(__file__).resolve().parents[2] / "data"
SEEDS = Path("/work/shared/seeds")
SEED_FILES = {
    "hennessy-2025": "000_226bf3762dab02c3.txt",
    "code-vub": "003_3fe46da594e79986.txt",
}

ARTICLES = {"hennessy-2025", "code-vub"}
KINDS = {"cost", "date", "first", "membership", "plan", "economic return", "name", "capability", "other"}
CHECK_TYPES = {"dataset", "source"}
VERDICTS = {"supported", "partly supported", "contradicted", "unverifiable"}
SOURCE_KINDS = {"official", "press", "scholarly", "dataset", "encyclopaedia copy"}
ENCYCLOPAEDIA = re.compile(r"wikipedia\.org|wikimili|findatwiki|hubbry|frwiki|piglix|friendlywiki|movatter|earthspot|theinfolist|wiki\.kidzsearch")
ARTICLE_URLS = {
    "hennessy-2025": "https://doi.org/10.57912/31080130",
    "code-vub": "https://codeproject.substack.com/p/the-cosmic-tug-of-war-us-china-space",
}
COLUMNS = [
    "claim_id", "article", "paraphrase", "quoted_figure", "kind", "check_type", "check",
    "check_note", "evidence_url", "source_kind", "expected_verdict", "verdict_reason", "source_url", "source_note",
]
RUN = 8  # words: no paraphrase may share this many consecutive words with its article


@pytest.fixture(scope="module")
def claims() -> pd.DataFrame:
    return pd.read_csv(DATA / "claims.csv", dtype=str, keep_default_na=False)


def _norm(text: str) -> str:
    """Fold curly quotes and non-breaking spaces (the seed files use both)."""
    return text.replace("\u2019", "'").replace("\u2018", "'").replace("\u00a0", " ")


def _words(text: str) -> list[str]:
    text = _norm(text).lower()
    return re.findall(r"[a-z0-9€$'\-]+", text)


def test_columns(claims: pd.DataFrame) -> None:
    assert list(claims.columns) == COLUMNS


def test_at_least_25_rows_and_both_articles(claims: pd.DataFrame) -> None:
    assert len(claims) >= 25
    counts = claims["article"].value_counts()
    assert counts.get("hennessy-2025", 0) >= 10
    assert counts.get("code-vub", 0) >= 10


def test_ids_unique_and_slugged(claims: pd.DataFrame) -> None:
    assert claims["claim_id"].is_unique
    prefix = {"hennessy-2025": "hen-", "code-vub": "code-"}
    for cid, art in zip(claims["claim_id"], claims["article"]):
        assert re.fullmatch(r"(hen|code)-\d{2}", cid), cid
        assert cid.startswith(prefix[art]), cid


@pytest.mark.parametrize(
    ("column", "allowed"),
    [("article", ARTICLES), ("kind", KINDS), ("check_type", CHECK_TYPES), ("expected_verdict", VERDICTS), ("source_kind", SOURCE_KINDS)],
)
def test_enums(claims: pd.DataFrame, column: str, allowed: set[str]) -> None:
    bad = set(claims[column]) - allowed
    assert not bad, f"{column}: {bad}"


@pytest.mark.parametrize(
    "column", ["paraphrase", "quoted_figure", "check", "check_note", "verdict_reason", "source_url"]
)
def test_required_text(claims: pd.DataFrame, column: str) -> None:
    empty = claims.loc[claims[column].str.strip() == "", "claim_id"].tolist()
    assert not empty, f"empty {column}: {empty}"


def test_check_names_are_snake_case(claims: pd.DataFrame) -> None:
    for name in claims["check"]:
        assert re.fullmatch(r"[a-z][a-z0-9_]*", name), name


def test_dataset_check_names_unique(claims: pd.DataFrame) -> None:
    dataset = claims.loc[claims["check_type"] == "dataset", "check"]
    assert dataset.is_unique, dataset[dataset.duplicated()].tolist()


def test_source_checks_have_evidence(claims: pd.DataFrame) -> None:
    src = claims[claims["check_type"] == "source"]
    missing = src.loc[~src["evidence_url"].str.match(r"https?://"), "claim_id"].tolist()
    assert not missing, missing


def test_urls_are_urls(claims: pd.DataFrame) -> None:
    for col in ("evidence_url", "source_url"):
        vals = claims[col][claims[col] != ""]
        assert vals.str.match(r"https?://\S+$").all(), col


def test_source_url_is_the_article(claims: pd.DataFrame) -> None:
    for art, url in zip(claims["article"], claims["source_url"]):
        assert url == ARTICLE_URLS[art]


def test_required_topics_present(claims: pd.DataFrame) -> None:
    figures = " | ".join(claims["quoted_figure"])
    for token in ["75 million", "multiple billions", "southern hemisphere", "Tianwan", "Calisto",
                  "2030", "Hayabusa", "Quad", "Artemis Accords", "Thailand", "Brazil", "€1.8"]:
        assert token in figures, token
    checks = set(claims["check"])
    for name in ["chandrayaan3_cost_usd", "spelling_tianwen", "spelling_callisto",
                 "first_southern_hemisphere_landing", "first_far_side_sample_return", "thailand_in_both"]:
        assert name in checks, name


def test_quoted_figures_appear_in_article(claims: pd.DataFrame) -> None:
    """quoted_figure is a token the article itself uses (checked against the seed text)."""
    if not SEEDS.exists():
        pytest.skip("seed articles not available")
    for art, fname in SEED_FILES.items():
        text = _norm((SEEDS / fname).read_text(encoding="utf-8"))
        for cid, fig in claims.loc[claims["article"] == art, ["claim_id", "quoted_figure"]].itertuples(index=False):
            assert _norm(fig) in text, f"{cid}: {fig!r} not in article"


def test_no_copied_runs(claims: pd.DataFrame) -> None:
    """No paraphrase or verdict reason shares a run of 8+ consecutive words with the article."""
    if not SEEDS.exists():
        pytest.skip("seed articles not available")
    for art, fname in SEED_FILES.items():
        words = _words((SEEDS / fname).read_text(encoding="utf-8"))
        grams = {tuple(words[i : i + RUN]) for i in range(len(words) - RUN + 1)}
        sub = claims[claims["article"] == art]
        for cid, para, reason in sub[["claim_id", "paraphrase", "verdict_reason"]].itertuples(index=False):
            for field in (para, reason):
                w = _words(field)
                hits = [w[i : i + RUN] for i in range(len(w) - RUN + 1) if tuple(w[i : i + RUN]) in grams]
                assert not hits, f"{cid} copies: {' '.join(hits[0])}"


# --------------------------------------------------------------------------- sources and corrected facts (issue 17)


def test_the_schema_lists_the_same_closed_lists() -> None:
    """data/datapackage.json's claims entry and these tests agree on every closed list."""
    import json

    package = json.loads((DATA / "datapackage.json").read_text(encoding="utf-8"))
    fields = {f["name"]: f for r in package["resources"] if r["name"] == "claims" for f in r["schema"]["fields"]}
    assert list(fields) == COLUMNS
    for column, allowed in [("check_type", CHECK_TYPES), ("expected_verdict", VERDICTS), ("source_kind", SOURCE_KINDS)]:
        assert set(fields[column]["constraints"]["enum"]) == allowed, column


def test_encyclopaedia_pages_are_marked_and_rare(claims: pd.DataFrame) -> None:
    """An encyclopaedia page is labelled as such, and at most 5 % of the rows rest on one."""
    on_copy = claims["evidence_url"].str.contains(ENCYCLOPAEDIA)
    mislabelled = claims.loc[on_copy & (claims["source_kind"] != "encyclopaedia copy"), "claim_id"].tolist()
    assert not mislabelled, mislabelled
    assert (claims["source_kind"] == "encyclopaedia copy").mean() <= 0.05


def test_dataset_kind_only_for_open_data(claims: pd.DataFrame) -> None:
    """source_kind 'dataset' is kept for published data sets (GCAT, the landing-site table)."""
    rows = claims[claims["source_kind"] == "dataset"]
    assert rows["evidence_url"].str.contains(r"planet4589|fourmilab").all(), rows["claim_id"].tolist()


def test_hen_31_is_a_source_check(claims: pd.DataFrame) -> None:
    """The Accords being rules of conduct is not something a signatory count can settle."""
    row = claims.set_index("claim_id").loc["hen-31"]
    assert row["check_type"] == "source"
    assert "wikimili" not in row["evidence_url"]


def test_hen_11_is_judged_over_two_decades(claims: pd.DataFrame) -> None:
    row = claims.set_index("claim_id").loc["hen-11"]
    assert "2005-2014 vs 2015-2024" in row["check_note"]
    assert row["expected_verdict"] == "partly supported"


def test_hen_15_note_names_the_year_whose_rate_matches(claims: pd.DataFrame) -> None:
    """The curator's note says which year's exchange rate turns ISRO's rupees into the article's USD 75 million.

    Computed here from data/mission_costs.csv and data/exchange_rates.csv: the INR per USD rate
    the article implies, the year whose annual rate is nearest to it, and the USD amounts at that
    rate and at the rate of the figure's own price year, which the note must quote.
    """
    costs = pd.read_csv(DATA / "mission_costs.csv", dtype={"cost_id": str})
    rates = pd.read_csv(DATA / "exchange_rates.csv")
    isro = costs.set_index("cost_id").loc["chandrayaan-3-1"]
    inr = rates[rates["currency"] == "INR"].set_index("year")["per_usd"]
    implied = float(isro["amount_million"]) / 75.0
    nearest = int((inr - implied).abs().idxmin())
    price_year = int(isro["price_year"])
    row = claims.set_index("claim_id").loc["hen-15"]
    at_nearest = float(isro["amount_million"]) / inr[nearest]
    at_price_year = float(isro["amount_million"]) / inr[price_year]
    assert f"converted at the {nearest} exchange rate (USD {at_nearest:.1f} million)" in row["verdict_reason"]
    assert f"at the {price_year} rate it is USD {at_price_year:.1f} million" in row["verdict_reason"]
    assert f"{implied:.1f} INR per USD) is closest to the {nearest} annual average ({inr[nearest]:.2f})" in row["check_note"]
