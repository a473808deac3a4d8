"""The registry: ids, names, aliases, colours, rings and suggestions for unknown names."""

from __future__ import annotations

import re

import pytest

from mainports_analysis.data.registry import FUNDED_HUBS, registry


def test_funded_hubs_are_in_memo_order():
    reg = registry()
    assert list(reg.hubs)[:5] == list(FUNDED_HUBS)


def test_every_location_points_to_a_known_hub_and_has_a_colour():
    reg = registry()
    for loc in reg.locations.values():
        assert loc.hub_id is None or loc.hub_id in reg.hubs, loc.location_id
        assert re.fullmatch(r"#[0-9A-Fa-f]{6}", reg.colour(loc.location_id))


def test_each_funded_hub_has_its_own_colour():
    reg = registry()
    colours = [reg.colour(h) for h in FUNDED_HUBS]
    assert len(set(colours)) == len(colours)


@pytest.mark.parametrize(
    ("name", "expected"),
    [("Rotterdamse haven", "rotterdam"), ("Antwerpen", "antwerp"), ("Vlissingen (port)", "vlissingen"), ("EU", "eu_total")],
)
def test_aliases_resolve(name, expected):
    assert registry().resolve(name) == expected


@pytest.mark.parametrize(("name", "expected"), [("rotterdm", "rotterdam"), ("Antwerpn", "antwerp"), ("hamburgg", "hamburg")])
def test_suggestions_for_typos(name, expected):
    assert registry().suggest(name) == expected


def test_unknown_location_error_suggests_nearest():
    with pytest.raises(KeyError, match="did you mean 'rotterdam'"):
        registry().location("rotterdm")


def test_rings_hold_rotterdam_and_first_ring_ports():
    reg = registry()
    assert reg.in_ring("response") == ["rotterdam"]
    assert {"vlissingen", "antwerp", "amsterdam"} <= set(reg.in_ring("first"))
    assert "hamburg" in reg.in_ring("second")


def test_labels_in_two_languages():
    reg = registry()
    assert reg.label("zwb", "nl") == "Havens Zeeland – West-Brabant"
    assert reg.label("antwerp", "nl") == "Haven Antwerpen"
    assert reg.label("antwerp") == "Port of Antwerp"
