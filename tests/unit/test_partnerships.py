"""Unit tests for spacerace.partnerships on a small hand-made table.

Every expected value below was worked out by hand from TABLE.
"""

from __future__ import annotations

from datetime import date

import pandas as pd
import pytest

from spacerace import partnerships as p

# country, framework, role, date, date_precision
ROWS = [
    ("THA", "ilrs", "state partner", "2024-04-05", "day"),  # the Thailand-like hedger: ILRS first
    ("THA", "artemis_accords", "signatory", "2024-12-16", "day"),
    ("USA", "artemis_accords", "signatory", "2020-10-13", "day"),
    ("PAK", "ilrs", "state partner", "2023-10", "month"),  # end of month: 2023-10-31
    ("IND", "artemis_accords", "signatory", "2022", "year"),  # end of year: 2022-12-31
    ("EGY", "artemis_accords", "signatory", "2021-06-01", "day"),  # joins both on one day
    ("EGY", "ilrs", "state partner", "2021-06-01", "day"),
    ("DJI", "ilrs", "state partner", "2025-04-29", "on_or_before"),
    ("BGD", "apsco", "member", "2008", "year"),
]
TABLE = pd.DataFrame(ROWS, columns=["country", "framework", "role", "date", "date_precision"])


def codes(frame: pd.DataFrame) -> list[str]:
    return sorted(frame["country"])


# --- effective_date -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "precision", "partial", "expected"),
    [
        ("2024-04-05", "day", "end", "2024-04-05"),
        ("2023-10", "month", "end", "2023-10-31"),
        ("2024-02", "month", "end", "2024-02-29"),  # leap year
        ("2023-10", "month", "start", "2023-10-01"),
        ("2022", "year", "end", "2022-12-31"),
        ("2022", "year", "start", "2022-01-01"),
        ("2025-04-29", "on_or_before", "end", "2025-04-29"),
    ],
)
def test_effective_date(value: str, precision: str, partial: p.Partial, expected: str) -> None:
    assert p.effective_date(value, precision, partial) == pd.Timestamp(expected)


@pytest.mark.parametrize(
    ("value", "precision", "message"),
    [
        ("2023-10", "day", "does not have the form"),
        ("2023-10-05", "month", "does not have the form"),
        ("2023", "decade", "unknown date precision"),
        ("2023-13", "month", "is not a date"),
    ],
)
def test_effective_date_refuses_bad_input(value: str, precision: str, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        p.effective_date(value, precision)


def test_effective_date_refuses_bad_partial() -> None:
    with pytest.raises(ValueError, match="partial must be"):
        p.effective_date("2023", "year", partial="middle")  # type: ignore[arg-type]


# --- as_of ----------------------------------------------------------------------------------


def test_as_of_includes_a_row_on_its_own_day_and_not_the_day_before() -> None:
    assert "THA" not in codes(p.as_of(TABLE, "2024-04-04", ["ilrs"]))
    assert "THA" in codes(p.as_of(TABLE, "2024-04-05", ["ilrs"]))


def test_as_of_places_a_month_at_its_last_day_by_default() -> None:
    assert "PAK" not in codes(p.as_of(TABLE, "2023-10-30"))
    assert "PAK" in codes(p.as_of(TABLE, "2023-10-31"))


def test_as_of_places_a_month_at_its_first_day_with_partial_start() -> None:
    assert "PAK" not in codes(p.as_of(TABLE, "2023-09-30", partial="start"))
    assert "PAK" in codes(p.as_of(TABLE, "2023-10-01", partial="start"))


def test_as_of_places_a_year_at_its_last_day() -> None:
    assert "IND" not in codes(p.as_of(TABLE, "2022-12-30"))
    assert "IND" in codes(p.as_of(TABLE, "2022-12-31"))


def test_as_of_counts_an_on_or_before_row_from_the_list_date() -> None:
    assert "DJI" not in codes(p.as_of(TABLE, "2025-04-28"))
    assert "DJI" in codes(p.as_of(TABLE, date(2025, 4, 29)))


def test_as_of_whole_table_on_a_late_date_and_framework_filter() -> None:
    assert len(p.as_of(TABLE, "2030-01-01")) == len(TABLE)
    # Artemis rows in force on 2022-06-30: USA (2020-10-13) and EGY (2021-06-01); IND only from 2022-12-31.
    assert codes(p.as_of(TABLE, "2022-06-30", "artemis_accords")) == ["EGY", "USA"]
    assert "effective_date" in p.as_of(TABLE, "2030-01-01").columns


def test_as_of_refuses_unknown_framework_bad_date_and_missing_column() -> None:
    with pytest.raises(ValueError, match="unknown framework"):
        p.as_of(TABLE, "2024-01-01", ["artemis"])
    with pytest.raises(ValueError, match="is not a date"):
        p.as_of(TABLE, "last year")
    with pytest.raises(ValueError, match="lacks the column"):
        p.as_of(TABLE.drop(columns="date_precision"), "2024-01-01")


# --- camps ----------------------------------------------------------------------------------


def test_camps_on_2024_06_30() -> None:
    # Artemis by then: USA, EGY, IND. ILRS: THA (2024-04-05), PAK (2023-10-31), EGY. DJI not yet.
    out = p.camps(TABLE, "2024-06-30", countries=["BRA", "USA"]).set_index("country")
    assert out["camp"].to_dict() == {
        "BRA": "neither",
        "EGY": "both",
        "IND": "Artemis only",
        "PAK": "ILRS only",
        "THA": "ILRS only",
        "USA": "Artemis only",
    }
    assert bool(out.loc["EGY", "artemis"]) and bool(out.loc["EGY", "ilrs"])
    assert not out.loc["BRA", ["artemis", "ilrs"]].any()


def test_camps_without_a_country_list_has_no_neither_and_ignores_other_frameworks() -> None:
    out = p.camps(TABLE, "2030-01-01")
    assert "neither" not in set(out["camp"])
    assert "BGD" not in set(out["country"])  # APSCO only
    assert out.set_index("country").loc["THA", "camp"] == "both"


# --- hedgers --------------------------------------------------------------------------------


def test_hedgers_thailand_like_case() -> None:
    before = p.hedgers(TABLE, "2024-12-15")
    assert before["country"].tolist() == ["EGY"]  # THA not yet in the Artemis Accords
    out = p.hedgers(TABLE, "2024-12-16").set_index("country")
    assert out.index.tolist() == ["EGY", "THA"]  # sorted by the later of the two dates
    assert out.loc["THA", "first"] == "ILRS"
    assert out.loc["THA", "ilrs_date"] == pd.Timestamp("2024-04-05")
    assert out.loc["THA", "artemis_date"] == pd.Timestamp("2024-12-16")
    # 2024-04-05 to 2024-12-16: 25 (rest of April) + 31+30+31+31+30+31+30 + 16 = 255 days.
    assert out.loc["THA", "days_between"] == 255
    assert out.loc["EGY", "first"] == "same day"
    assert out.loc["EGY", "days_between"] == 0


def test_hedgers_artemis_first_and_earliest_row_counts() -> None:
    extra = pd.DataFrame(
        [
            ("PAK", "artemis_accords", "signatory", "2023-01-15", "day"),
            ("PAK", "ilrs", "founding partner", "2024-01-01", "day"),  # a later second ILRS row
        ],
        columns=TABLE.columns,
    )
    out = p.hedgers(pd.concat([TABLE, extra], ignore_index=True), "2030-01-01").set_index("country")
    # PAK: Artemis 2023-01-15, ILRS earliest 2023-10-31 -> Artemis first, 289 days
    # (16 rest of January + 28+31+30+31+30+31+31+30 + 31 = 289).
    assert out.loc["PAK", "first"] == "Artemis Accords"
    assert out.loc["PAK", "ilrs_date"] == pd.Timestamp("2023-10-31")
    assert out.loc["PAK", "days_between"] == 289


# --- growth ---------------------------------------------------------------------------------


def test_growth_step_series() -> None:
    out = p.growth(TABLE, ["artemis_accords", "ilrs"])
    artemis = out[out["framework"] == "artemis_accords"]
    assert artemis["date"].dt.strftime("%Y-%m-%d").tolist() == ["2020-10-13", "2021-06-01", "2022-12-31", "2024-12-16"]
    assert artemis["count"].tolist() == [1, 2, 3, 4]
    ilrs = out[out["framework"] == "ilrs"]
    # EGY 2021-06-01, PAK 2023-10-31, THA 2024-04-05, DJI 2025-04-29
    assert ilrs["count"].tolist() == [1, 2, 3, 4]
    assert ilrs["countries"].tolist() == ["EGY", "PAK", "THA", "DJI"]
    assert out["framework"].drop_duplicates().tolist() == ["artemis_accords", "ilrs"]


def test_growth_until_cuts_and_closes_the_series() -> None:
    out = p.growth(TABLE, ["ilrs"], until="2024-12-31")
    assert out["date"].dt.strftime("%Y-%m-%d").tolist() == ["2021-06-01", "2023-10-31", "2024-04-05", "2024-12-31"]
    assert out["count"].tolist() == [1, 2, 3, 3]
    assert out["joined"].tolist() == [1, 1, 1, 0]


def test_growth_counts_a_country_once_and_groups_a_day() -> None:
    extra = pd.DataFrame(
        [
            ("USA", "artemis_accords", "signatory", "2021-01-01", "day"),  # duplicate country, later
            ("JPN", "artemis_accords", "signatory", "2020-10-13", "day"),  # same day as USA
        ],
        columns=TABLE.columns,
    )
    out = p.growth(pd.concat([TABLE, extra], ignore_index=True), ["artemis_accords"])
    assert out["joined"].tolist() == [2, 1, 1, 1]
    assert out["countries"].iloc[0] == "JPN,USA"
    assert out["count"].iloc[-1] == 5


def test_growth_role_filter_and_unknown_framework() -> None:
    assert p.growth(TABLE, ["apsco"], roles=["observer"]).empty
    assert p.growth(TABLE, ["apsco"], roles=["member"])["count"].tolist() == [1]
    with pytest.raises(ValueError, match="unknown framework"):
        p.growth(TABLE, ["nato"])


# --- region_of ------------------------------------------------------------------------------

REGIONS = pd.DataFrame(
    {
        "country": ["THA", "BRA", "ATF"],
        "region": ["Asia", "Americas", "Africa"],
        "subregion": ["South-eastern Asia", "Latin America and the Caribbean", "Sub-Saharan Africa"],
        "intermediate_region": ["", "South America", "Eastern Africa"],
    }
)


def test_region_of_one_and_many() -> None:
    assert p.region_of("THA", REGIONS) == "Asia"
    assert p.region_of("BRA", REGIONS, level="intermediate_region") == "South America"
    assert p.region_of("THA", REGIONS, level="intermediate_region") is None  # empty in the table
    many = p.region_of(["BRA", "THA"], REGIONS, level="subregion")
    assert many.tolist() == ["Latin America and the Caribbean", "South-eastern Asia"]
    assert many.index.tolist() == ["BRA", "THA"]


def test_region_of_unknown_codes() -> None:
    with pytest.raises(KeyError, match="ESA, XXX"):
        p.region_of(["THA", "ESA", "XXX"], REGIONS)
    assert p.region_of("ESA", REGIONS, strict=False) is None
    with pytest.raises(ValueError, match="needs the columns"):
        p.region_of("THA", REGIONS, level="continent")  # type: ignore[arg-type]


# --- the chapter's helpers -------------------------------------------------------------------

WITH_AS_OF = TABLE.assign(as_of=["2025-04-29"] * 8 + ["2026-01-12"], source_url=[f"https://s{i}.org" for i in range(9)])


def test_run_date_latest_is_the_newest_check_and_dates_are_checked() -> None:
    assert p.run_date("latest", WITH_AS_OF) == pd.Timestamp("2026-01-12")
    assert p.run_date("2024-06-30", WITH_AS_OF) == pd.Timestamp("2024-06-30")
    with pytest.raises(ValueError, match="YYYY-MM-DD"):
        p.run_date("30/06/2024", WITH_AS_OF)
    with pytest.raises(ValueError, match="not a real date"):
        p.run_date("2024-02-30", WITH_AS_OF)
    with pytest.raises(ValueError, match="as_of column"):
        p.run_date("latest", TABLE)


def test_check_choices_names_the_unknown_values() -> None:
    assert p.check_choices(["ilrs"], p.FRAMEWORKS, "framework(s)") == ["ilrs"]
    with pytest.raises(ValueError, match=r"unknown framework\(s\) \['nato'\]; choose among artemis_accords"):
        p.check_choices(["ilrs", "nato"], p.FRAMEWORKS, "framework(s)")


def test_book_regions_splits_the_americas() -> None:
    assert p.book_regions(REGIONS)["book_region"].tolist() == ["Asia", "Latin America and the Caribbean", "Africa"]


def test_dates_in_words() -> None:
    assert p.long_date("2024-12-16") == "16 December 2024"
    assert p.long_date(date(2021, 6, 1)) == "1 June 2021"
    assert [p.as_given(*row) for row in [("2023-10", "month"), ("2022", "year"), ("2024-04-05", "day"), ("2025-04-29", "on_or_before")]] == [
        "October 2023", "2022", "5 April 2024", "by 29 April 2025",
    ]
    with pytest.raises(ValueError, match="does not have the form"):
        p.as_given("2023-10", "day")


def test_names_list() -> None:
    assert p.names_list(["BHR", "LIE", "SGP"]) == "Bahrain, Liechtenstein and Singapore"
    assert p.names_list(["THA", "SEN"], {"SEN": "Senegal (my name)"}) == "Thailand and Senegal (my name)"
    assert p.names_list(["XXX"]) == "XXX"
    assert p.names_list([]) == "none" and p.names_list([], empty="") == ""


def test_membership_details_one_row_per_country_and_framework() -> None:
    details = p.membership_details(p.as_of(WITH_AS_OF, "2024-06-30"))
    assert details["key"].tolist() == ["BGD|apsco", "EGY|artemis_accords", "IND|artemis_accords", "USA|artemis_accords", "EGY|ilrs", "PAK|ilrs", "THA|ilrs"]
    pak = details.set_index("key").loc["PAK|ilrs"]
    assert (pak["since"], pak["year"], pak["participation"]) == ("October 2023", 2023, "member")
    assert pak["membership"] == "state partner since October 2023"
    observer = WITH_AS_OF.assign(role=["observer" if f == "apsco" else r for f, r in zip(WITH_AS_OF["framework"], WITH_AS_OF["role"])])
    assert p.membership_details(p.as_of(observer, "2024-06-30")).iloc[0]["participation"] == "associate or observer"


def test_camp_details_in_words() -> None:
    table = p.camp_details(WITH_AS_OF, "2024-12-31").set_index("country")
    assert table.loc["THA"].tolist() == ["both", "signed 16 December 2024", "state partner since 5 April 2024", "https://s1.org and https://s0.org"]
    assert table.loc["PAK", "artemis_accords"] == "not signed"
    assert table.loc["USA", "ilrs"] == "not a partner"
    assert "DJI" not in table.index  # listed by 29 April 2025, after the date


def test_hedger_sentence_for_each_order() -> None:
    row = {"name": "Egypt", "first": "same day", "days_between": 0, "artemis_date": pd.Timestamp("2021-06-01"), "ilrs_date": pd.Timestamp("2021-06-01")}
    assert p.hedger_sentence(row) == "Egypt joined both on 1 June 2021"
    row |= {"first": "Artemis Accords", "ilrs_date": pd.Timestamp("2021-06-11"), "days_between": 10}
    assert p.hedger_sentence(row) == "Egypt signed the Artemis Accords on 1 June 2021 and joined the ILRS 10 days later, on 11 June 2021"


def test_count_in_force_and_largest_group() -> None:
    organisations = pd.DataFrame({"date": ["2023-04-25", "2024", "2024-09-05"], "date_precision": ["day", "year", "day"]})
    assert p.count_in_force(organisations, "2024-09-05") == 2  # "2024" counts from 31 December
    counts = pd.DataFrame({"camp": ["ILRS", "ILRS", "ILRS", "Artemis Accords"], "book_region": ["Asia", "Africa", "Europe", "Europe"], "countries": [5, 5, 3, 28]})
    assert p.largest_group(counts, "ILRS") == ("Africa and Asia", 5, 13)
    assert p.largest_group(counts, "Artemis Accords") == ("Europe", 28, 28)
    assert p.largest_group(counts, "Quad") == ("none", 0, 0)


def test_largest_group_sentence_names_ties_naturally() -> None:
    counts = pd.DataFrame({"camp": ["ILRS", "ILRS", "ILRS", "Artemis Accords"], "book_region": ["Asia", "Africa", "Europe", "Europe"], "countries": [5, 5, 3, 1]})
    assert p.largest_group_sentence(counts, "ILRS", "ILRS partners") == (
        "Africa and Asia each have 5 ILRS partners (38% of the camp each), more than any other region."
    )
    assert p.largest_group_sentence(counts, "Artemis Accords", "signatories") == (
        "The largest group of signatories, 1 country (100% of the camp), is in Europe."
    )
    assert p.largest_group_sentence(counts, "Quad", "members") == "There are no members in the regions shown."


def test_in_how_many_says_both_all_and_one() -> None:
    def say(n: int, total: int) -> str:
        return p.in_how_many(n, total, "the ILRS came first", "the ILRS did not come first")

    assert say(2, 2) == "In both, the ILRS came first."
    assert say(1, 2) == "In one of them, the ILRS came first."
    assert say(0, 2) == "In both, the ILRS did not come first."
    assert say(3, 3) == "In all 3, the ILRS came first."
    assert say(2, 5) == "In 2 of them, the ILRS came first."
    assert say(1, 1) == "In its case, the ILRS came first."
    assert say(0, 1) == "In its case, the ILRS did not come first."
    assert say(0, 0) == ""


def test_numbers_quoted_in_the_chapter() -> None:
    organisations = pd.DataFrame({"date": ["2023-04-25"], "date_precision": ["day"]})
    headline = p.headline_numbers(WITH_AS_OF, organisations, "2024-12-31")
    assert headline == {
        "n_artemis": 4, "n_ilrs": 3, "n_ilrs_founding": 0, "n_ilrs_state": 3, "n_orgs": 1,
        "n_artemis_only": 2, "n_ilrs_only": 1, "n_both": 2,
        "artemis_checked": "29 April 2025", "ilrs_checked": "29 April 2025",
    }
    growth = p.growth_numbers(WITH_AS_OF, "2024-12-31")
    assert growth == {
        "artemis_first_n": 1, "artemis_first_date": "13 October 2020", "artemis_last_year": 1,
        "ilrs_first_n": 1, "ilrs_first_date": "1 June 2021", "ilrs_last_year": 1,
        "ilrs_first_state_date": "June 2021",
    }
    hedging = p.hedger_numbers(WITH_AS_OF, "2024-12-31")
    assert hedging["n_hedgers"] == 2 and hedging["ilrs_first_text"] == "In one of them, the ILRS came first."
    assert (hedging["hedgers_count"], hedging["apsco_artemis_count"]) == ("2 countries", "0 countries")
    assert hedging["hedgers_text"].startswith("Egypt joined both on 1 June 2021; Thailand joined the ILRS on 5 April 2024")
    assert (hedging["n_apsco_artemis"], hedging["apsco_artemis_text"], hedging["apsco_artemis_roles"]) == (0, "none", "none")
    counts = pd.DataFrame({"camp": ["ILRS", "Artemis Accords", "Artemis Accords"], "book_region": ["Africa", "Africa", "Asia"], "countries": [2, 1, 3]})
    assert p.region_numbers(counts) == {
        "artemis_top_region": "Asia", "artemis_n_regions": 2, "artemis_africa": 1,
        "artemis_top_text": "The largest group of signatories of the Accords, 3 countries (75% of the camp), is in Asia.",
        "ilrs_top_region": "Africa", "ilrs_n_regions": 1, "ilrs_africa": 2,
        "ilrs_top_text": "The largest group of ILRS partners, 2 countries (100% of the camp), is in Africa.",
    }
