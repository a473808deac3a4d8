"""Number parsing: Dutch and English printed numbers, hedges, and finding a value in a quote."""

from __future__ import annotations

import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from mainports_analysis.data.numbers import (
    appears_in,
    format_number,
    is_plain_number,
    numbers_in,
    parse_figure,
    parse_number,
    qualifier_of,
)


@pytest.mark.parametrize(
    ("text", "decimal", "expected"),
    [
        ("16,5", ",", 16.5),
        ("70.000", ",", 70000.0),
        ("1.234.567,89", ",", 1234567.89),
        ("2 988 337", ",", 2988337.0),
        ("2\u00a0988\u00a0337", ",", 2988337.0),
        ("70,000", ".", 70000.0),
        ("16.5", ".", 16.5),
        ("14,512,661", ".", 14512661.0),
        ("2021", ",", 2021.0),
    ],
)
def test_parse_number_known_values(text, decimal, expected):
    assert parse_number(text, decimal=decimal) == expected


@pytest.mark.parametrize(
    ("text", "decimal"),
    [("16.5", ","), ("16,5", "."), ("7.00.000", ","), ("1,2,3", ","), ("", ","), ("70 ton", ","), ("1.000 000", ",")],
)
def test_parse_number_rejects_malformed(text, decimal):
    with pytest.raises(ValueError):
        parse_number(text, decimal=decimal)


@pytest.mark.parametrize(
    ("text", "value", "qualifier"),
    [
        ("ruim 70.000 kilo", 70000.0, "at_least"),
        ("bijna 19.000", 19000.0, "at_most"),
        ("een kleine 4000 kilo", 4000.0, "at_most"),
        ("ongeveer 20.000 kilo", 20000.0, "approx"),
        ("zo'n 43.000 kilo", 43000.0, "approx"),
        ("13.312 kilo", 13312.0, "exact"),
        ("meer dan 140 partijen", 140.0, "at_least"),
    ],
)
def test_parse_figure_reads_hedges(text, value, qualifier):
    fig = parse_figure(text)
    assert (fig.value, fig.qualifier) == (value, qualifier)


def test_hedge_words_are_whole_words():
    assert qualifier_of("overgeslagen 12 miljoen") == "exact"  # "over" inside a word is no hedge
    assert qualifier_of("over 12 million TEU") == "at_least"


def test_numbers_in_follows_the_source_language():
    quote = "In 2021 is hier ruim 70.000 kilo cocaïne in beslag genomen."
    assert numbers_in(quote, language="nl") == [2021.0, 70000.0]
    assert 70.0 not in numbers_in(quote, language="nl")  # a Dutch thousands dot is not a decimal
    assert numbers_in("seized 70.6 tonnes and 12,160 kg", language="en") == [70.6, 12160.0]


def test_appears_in_reads_sentence_punctuation_as_text():
    assert appears_in(46789, "Vorig jaar was dat met 46.789 kilo alweer minder.", language="nl")
    assert appears_in(13.5, "Haven Rotterdam 13,5 16 16,5", language="nl")
    assert not appears_in(135, "Haven Rotterdam 13,5 16 16,5", language="nl")


@pytest.mark.parametrize("text", ["70000", "16.5", "0", "-3", " 12 "])
def test_plain_numbers(text):
    assert is_plain_number(text)


@pytest.mark.parametrize("text", ["16,5", "70.000.000", "70 ton", "ruim 70000", "", "1e3", "~50"])
def test_not_plain_numbers(text):
    assert not is_plain_number(text)


amounts = st.decimals(min_value=0, max_value=10**9, places=2, allow_nan=False, allow_infinity=False)


@given(amounts, st.sampled_from([",", "."]))
def test_round_trip_printed_numbers(value, decimal):
    """Any amount printed the Dutch or English way parses back to itself."""
    printed = format_number(float(value), decimal=decimal, decimals=2)
    assert math.isclose(parse_number(printed, decimal=decimal), float(value), rel_tol=1e-12, abs_tol=1e-9)


@given(st.integers(min_value=0, max_value=10**9), st.sampled_from(["ruim", "bijna", "ongeveer", ""]))
def test_hedged_integers_found_in_dutch_quotes(value, hedge):
    printed = format_number(value, decimal=",")
    quote = f"Er werd {hedge} {printed} kilo cocaïne onderschept."
    assert appears_in(value, quote, language="nl")
    assert parse_figure(f"{hedge} {printed} kilo").value == value


@given(st.integers(min_value=1000, max_value=10**9))
def test_dutch_thousands_never_read_as_decimals(value):
    printed = format_number(value, decimal=",")  # e.g. 70.000
    assert numbers_in(printed, language="nl") == [float(value)]
