"""The study design: areas and windows are consistent, the sensitivity grid covers every variant."""

from __future__ import annotations

import pytest

from mainports_analysis import load_seizures, waterbed
from mainports_analysis.registry import registry


@pytest.fixture(scope="module")
def seizures():
    return load_seizures()


def test_areas_follow_the_registry_rings():
    reg = registry()
    assert reg.location(waterbed.RESPONSE).ring == "response"
    assert all(reg.location(b).ring == "first" for b in waterbed.BUFFERS)
    assert not set(waterbed.CONTROLS) & set(waterbed.BUFFERS)
    assert waterbed.MAIN_WINDOW in waterbed.WINDOWS


def test_windows_never_overlap_and_start_before_the_approach():
    for before, after in waterbed.WINDOWS.values():
        assert max(before) < waterbed.START <= min(after)


def test_sensitivity_grid_has_every_variant_control_window_and_buffer(seizures):
    sens = waterbed.sensitivity(seizures)
    n = len(waterbed.VARIANTS) * len(waterbed.CONTROLS) * len(waterbed.WINDOWS) * len(waterbed.BUFFERS)
    assert len(sens) == n
    # incomplete data gives NaN, never a number computed from filled years
    assert sens.loc[~sens["complete"], "wdq"].isna().all()


def test_robustness_counts_add_up(seizures):
    sens = waterbed.sensitivity(seizures)
    rob = waterbed.robustness(sens).set_index("buffer")
    per_buffer = sens.groupby("buffer").size()
    assert (rob["readable"] + rob["not readable"]).to_dict() == per_buffer.to_dict()


def test_port_its_uses_published_years_only(seizures):
    res = waterbed.port_its(seizures)
    assert res.n_pre >= 5 and res.n_post >= 3
    assert min(res.years_used) >= 2011


def test_bound_agreement_and_coverage(seizures):
    sens = waterbed.sensitivity(seizures)
    agree = waterbed.bound_agreement(sens)
    assert 0 <= agree["same"] <= agree["comparable"] <= len(waterbed.CONTROLS) * len(waterbed.WINDOWS) * len(waterbed.BUFFERS)
    cov = waterbed.variant_coverage(sens).set_index("variant")
    assert cov["of"].eq(len(waterbed.CONTROLS) * len(waterbed.WINDOWS) * len(waterbed.BUFFERS)).all()
    customs = cov.loc["Customs series for Rotterdam and Vlissingen"]
    assert customs["computed"] == 0 and "rotterdam:2021" in customs["missing"]
