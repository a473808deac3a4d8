"""The key findings recomputed on high-quality sources only."""

from __future__ import annotations

import pytest

from mainports_analysis import load_all
from mainports_analysis.report.source_sensitivity import (
    FIGURE_TABLES,
    findings_by_quality,
    restrict_to_quality,
)


@pytest.fixture(scope="module")
def data():
    return load_all()


def test_restriction_keeps_exactly_the_rows_of_high_quality_sources(data):
    high = set(data["sources"].query("quality == 'high'")["source_id"])
    kept = restrict_to_quality(data)
    for name in FIGURE_TABLES:
        assert set(kept[name]["source_id"]) <= high
        assert len(kept[name]) == data[name]["source_id"].isin(high).sum()
    assert kept["sources"] is data["sources"]


def test_every_finding_holds_when_every_source_is_high(data):
    all_high = dict(data, sources=data["sources"].assign(quality="high"))
    table = findings_by_quality(all_high)
    assert list(table["status"]) == ["holds"] * len(table)
    assert (table["all_sources"] == table["restricted"]).all()


def test_a_finding_without_its_figures_is_uncomputable_not_filled(data):
    nothing = dict(data, sources=data["sources"].assign(quality="low"))
    table = findings_by_quality(nothing)
    assert set(table["status"]) == {"uncomputable"}
    assert table["restricted"].str.startswith("not computable").all()
    assert (table["rows_restricted"] == 0).all()


def test_unknown_ratings_are_refused(data):
    with pytest.raises(ValueError, match="among high, medium, low"):
        restrict_to_quality(data, keep=("hi",))
