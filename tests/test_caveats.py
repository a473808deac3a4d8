"""The assumptions and caveats log: every entry points to a page of the briefing that exists."""

from __future__ import annotations

import pytest

from mainports_analysis.analysis import caveats


def test_every_entry_links_to_known_pages():
    for c in caveats.LOG:
        assert c.rating in caveats.RATINGS
        assert caveats.where_links(c.where).count("<a href=") == len(c.where.split(";"))


def test_where_links():
    assert caveats.where_links("Waterbed; Seizures") == (
        '<a href="../notebooks/03_displacement.html">Waterbed</a>, <a href="../notebooks/02_seizures.html">Seizures</a>'
    )
    with pytest.raises(ValueError, match=r"unknown briefing page 'Waterbd' \(did you mean 'Waterbed'\?\)"):
        caveats.where_links("Waterbd")


def test_log_frame_lists_red_first():
    ratings = caveats.log_frame()["rating"].tolist()
    assert ratings == sorted(ratings, key=caveats.RATINGS.index) and len(ratings) == len(caveats.LOG)
