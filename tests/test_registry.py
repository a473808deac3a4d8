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
    assert reg.in_ring("first") == ["vlissingen", "terneuzen", "moerdijk", "amsterdam", "ijmuiden", "antwerp"]
    assert reg.in_ring("second") == ["hamburg", "bremerhaven", "le_havre", "dunkirk", "algeciras", "valencia",
                                     "barcelona", "sines"]  # fmt: skip


def test_a_ring_never_holds_a_group_and_its_members_by_default():
    reg = registry()
    for ring in ("response", "first", "second"):
        places = reg.in_ring(ring)
        assert not any(reg.is_group(p) for p in places)
        covered = [m for g in reg.in_ring(ring, level="groups") for m in reg.members(g)]
        assert set(covered) <= set(places), ring  # every registry member of a group is counted as a place
    assert reg.in_ring("first", level="groups") == ["zwb_ports", "north_sea_port", "nzkg_ports", "antwerp_bruges"]
    everything = reg.in_ring("second", level="all")
    assert "hza_hamburg" in everything and "hamburg" in everything  # the overlapping list, asked for by name


def test_a_sum_over_a_ring_counts_each_place_once():
    """Synthetic figures: a group's figure is its members' sum, so adding it to them would double count."""
    reg = registry()
    kg = {"hamburg": 10.0, "bremerhaven": 5.0, "hza_hamburg": 15.0, "de_seaports": 15.0, "le_havre": 1.0, "haropa": 1.0}
    assert sum(kg.get(p, 0.0) for p in reg.in_ring("second")) == 16.0
    assert sum(kg.get(p, 0.0) for p in reg.in_ring("second", level="all")) == 47.0


def test_group_members_are_single_places():
    reg = registry()
    assert reg.members("zwb_ports") == ("vlissingen", "terneuzen", "moerdijk")
    assert reg.members("nzkg_ports") == ("amsterdam", "ijmuiden")
    assert reg.members("rotterdam") == ()
    for loc in reg.locations.values():
        assert (loc.kind == "port_group") == bool(reg.members(loc.location_id)), loc.location_id


def test_unknown_ring_or_level_is_refused_with_a_suggestion():
    reg = registry()
    with pytest.raises(ValueError, match=r"unknown ring 'frist' \(did you mean 'first'\?\)"):
        reg.in_ring("frist")
    with pytest.raises(ValueError, match="unknown ring 'none'"):
        reg.in_ring("none")
    with pytest.raises(ValueError, match=r"unknown level 'place' \(did you mean 'places'\?\)"):
        reg.in_ring("first", level="place")


def test_checkers_name_what_was_meant():
    from mainports_analysis.data.registry import UnknownIdError, check_choice, did_you_mean

    reg = registry()
    assert reg.check_location("rotterdam") == "rotterdam"
    with pytest.raises(UnknownIdError) as err:
        reg.check_location("roterdam", what="response location")
    assert str(err.value).startswith("unknown response location 'roterdam' (did you mean 'rotterdam'?)")
    assert reg.check_locations(["antwerp", "hamburg"]) == ["antwerp", "hamburg"]
    with pytest.raises(TypeError, match=r"write \['rotterdam'\]"):
        reg.check_locations("rotterdam")
    with pytest.raises(KeyError, match=r"unknown hub 'rotterdm' \(did you mean 'rotterdam'\?\)"):
        reg.check_hub("rotterdm")
    with pytest.raises(ValueError, match=r"unknown metric 'cocaine_kgs' \(did you mean 'cocaine_kg'\?\); known: cocaine_kg, drugs_kg"):
        check_choice("cocaine_kgs", ("cocaine_kg", "drugs_kg"), what="metric")
    assert did_you_mean("fy", ("FY", "H1")) == " (did you mean 'FY'?)"
    assert did_you_mean("xyz", ("FY", "H1")) == ""


def test_labels_in_two_languages():
    reg = registry()
    assert reg.label("zwb", "nl") == "Havens Zeeland – West-Brabant"
    assert reg.label("antwerp", "nl") == "Haven Antwerpen"
    assert reg.label("antwerp") == "Port of Antwerp"
