"""The assumptions and caveats log: every entry points to a page of the briefing that exists."""

from __future__ import annotations

import pytest

from mainports_analysis.report import caveats


def test_every_entry_links_to_known_pages():
    for c in caveats.LOG:
        assert c.rating in caveats.RATINGS
        assert caveats.where_links(c.where).count("<a href=") == len(c.where.split(";"))


def test_log_is_read_from_the_yaml_file():
    """The text lives in templates/en/caveats.yaml; the first entry as written there, field by field."""
    assert len(caveats.LOG) == 12 and len({c.key for c in caveats.LOG}) == 12
    assert caveats.LOG[0] == caveats.Caveat(
        "flow", "red", "Seizures are not flow",
        "Seized quantities depend on what is shipped, on how hard and where agencies look, and on smugglers' care; "
        "a few very large seizures swing a year.",
        "Readings are presented side by side (less flow, less detection, interception upstream, displacement); "
        "no verdict rests on one series.",
        "Waterbed")
    assert caveats.load_log("en") == caveats.LOG


def test_a_bad_entry_fails_loudly():
    """A mistyped rating, a missing field or a repeated key is an error naming the entry, not an unrated row."""
    entry = "- {key: flow, rating: %s, topic: t, caveat: c, handling: h, where: Waterbed}\n"
    assert caveats.parse_log(entry % "red") == (caveats.Caveat("flow", "red", "t", "c", "h", "Waterbed"),)
    with pytest.raises(ValueError, match=r"unknown rating of caveat 'flow' 'rd' \(did you mean 'red'\?\)"):
        caveats.parse_log(entry % "rd")
    with pytest.raises(ValueError, match="entry 1: expected the fields key, rating"):
        caveats.parse_log("- {key: flow, rating: red}\n")
    with pytest.raises(ValueError, match="key 'flow' appears twice"):
        caveats.parse_log(entry % "red" + entry % "amber")


def test_where_links():
    assert caveats.where_links("Waterbed; Seizures") == (
        '<a href="../notebooks/03_displacement.html">Waterbed</a>, <a href="../notebooks/02_seizures.html">Seizures</a>'
    )
    with pytest.raises(ValueError, match=r"unknown briefing page 'Waterbd' \(did you mean 'Waterbed'\?\)"):
        caveats.where_links("Waterbd")


def test_log_frame_lists_red_first():
    ratings = caveats.log_frame()["rating"].tolist()
    assert ratings == sorted(ratings, key=caveats.RATINGS.index) and len(ratings) == len(caveats.LOG)
    assert ratings.count("red") == 3 and ratings.count("green") == 2
