"""The one set of formatters (report/text): exact outputs in English and Dutch."""

from __future__ import annotations

import pytest

from mainports_analysis.report import tables, text


def test_one_year_range_formatter_for_prose_and_tables():
    assert text.years_text is text.year_ranges and tables.year_ranges is text.year_ranges
    assert text.year_ranges([2018, 2011, 2012, 2013, 2015, 2017, 2013]) == "2011–2013, 2015, 2017–2018"
    assert text.year_ranges([2019, 2021]) == "2019, 2021"
    assert text.year_ranges("2020, 2021, 2023") == "2020–2021, 2023"
    assert text.year_ranges([2024.0, float("nan")]) == "2024"
    assert text.year_ranges([]) == "none" and text.year_ranges([], lang="nl") == "geen"
    assert text.year_ranges([], none="–") == "–"


def test_one_joiner_in_both_languages():
    assert text.and_list([]) == ""
    assert text.and_list(["a"]) == "a"
    assert text.and_list(["a", "b"]) == "a and b"
    assert text.and_list(["a", "b", "c"], "nl") == "a, b en c"
    assert text.and_list([1, 2, 3]) == "1, 2 and 3"
    assert text._and(["a", "b"]) == "a and b" and text._en(["a", "b"]) == "a en b"
    with pytest.raises(ValueError, match="lang must be one of en, nl"):
        text.and_list(["a", "b"], "de")


def test_one_set_of_number_words():
    assert text.count_word(4) == "four" and text.count_word(5, "nl") == "vijf" and text.count_word(12) == "12"
    # ministry style: "een" normally, "één" only for emphasis; 0 as "no"/"geen" before a noun
    assert text.count_word(1, "nl") == "een" and text.count_word(1, "nl", emphasis=True) == "één"
    assert text.count_word(1, emphasis=True) == "one"
    assert text.count_word(0) == "zero" and text.count_word(0, zero=True) == "no" and text.count_word(0, "nl", zero=True) == "geen"
    # the older mappings are derived from the same words, not a second set
    assert text._WORDS_NL[2] == "twee" and text._WORDS_NL[1] == "één" and text._WORDS_EN[0] == "no"
    assert all(text._WORDS_EN[n] == text.NUMBER_WORDS["en"][n] for n in range(1, 11))


def test_money_and_numbers_the_dutch_way():
    assert text.eur_mln(16.5) == "EUR 16.5 mln"
    assert text.eur_mln(16.5, "nl") == "€ 16,5 miljoen"  # running text
    assert text.eur_mln(1234.5, "nl", short=True) == "€ 1.234,5 mln"  # tables and chart labels
    assert text.thousands(1877.4) == "1,877" and text.thousands(1877.4, "nl") == "1.877"
    assert text.tonnes(-1500, "nl") == "−1,5 ton"
    assert text.number(0.4251, "nl") == "0,43" and text.number(-0.0593) == "−0.06"
    assert text.pct(0.125, "nl", 1) == "12,5%"


def test_directions_and_capitals():
    assert text.direction(-0.3, "nl") == "daalden" and text.direction(-0.3, "nl", plural=False) == "daalde"
    assert text.direction(0.0) == "stayed the same"
    assert text.above_below(0.5) == "above" and text.above_below(-0.5, "nl") == "onder"
    assert text.capitalise("the Zeeland–West-Brabant ports") == "The Zeeland–West-Brabant ports"
    assert text.capitalise("") == ""
