"""The study design: areas, controls and windows, the grid over every choice, and its summaries."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from mainports_analysis import load_seizures
from mainports_analysis.analysis import waterbed
from mainports_analysis.data.registry import registry


@pytest.fixture(scope="module")
def seizures():
    return load_seizures()


@pytest.fixture(scope="module")
def grid(seizures):
    return waterbed.grid(seizures)


def _toy(values: dict[str, dict[int, float]]) -> pd.DataFrame:
    """A seizures frame as the loaders give it, one published figure per location-year (kg, HARC/customs)."""
    rows = []
    for loc, by_year in values.items():
        for year, kg in by_year.items():
            rows.append({"record_id": f"{loc}-{year}", "location": loc, "year": year, "period": "FY", "metric": "cocaine_kg",
                         "series": "harc" if loc == "rotterdam" else "customs", "value": kg, "quantity": kg, "unit": "kg",
                         "qualifier": "exact", "status": "final", "quality": "high", "published": f"{year + 1}-01",
                         "source_id": "s", "publisher": "p"})
    return pd.DataFrame(rows)


def test_areas_follow_the_registry_rings_and_controls_are_never_buffers():
    reg = registry()
    assert reg.location(waterbed.RESPONSE).ring == "response"
    assert all(reg.location(b).ring == "first" for b in waterbed.FIRST_RING)
    assert all(reg.location(b).ring == "second" for b in waterbed.SECOND_RING)
    published_controls = {c for c in waterbed.CONTROLS if c not in waterbed.DERIVED_CONTROLS and c != "none"}
    assert all(reg.location(c).ring == "none" for c in published_controls)
    assert not set(waterbed.CONTROLS) & set(waterbed.BUFFERS)


def test_every_window_straddles_the_start():
    for w in waterbed.WINDOWS:
        assert max(w.before) < waterbed.START <= min(w.after), w.label
        assert w.why


def test_derived_control_is_the_total_minus_its_parts_only_where_all_are_published():
    toy = _toy({"rotterdam": {2020: 40, 2021: 70}, "eu_total": {2020: 200, 2021: 300, 2022: 320},
                "nl_total": {2020: 48, 2021: 72}, "antwerp": {2020: 65, 2021: 90, 2022: 110}})
    p = waterbed.panel(toy, locations=["rotterdam", "antwerp"], controls=["eu_rest", "none"])
    rest = p[p["location"] == "eu_rest"].set_index("year")["value"].to_dict()
    assert rest == {2020: 200 - 48 - 65, 2021: 300 - 72 - 90}  # 2022: no Dutch total, so no control (never filled)
    none = p[p["location"] == "none"].set_index("year")["value"]
    assert none.eq(1.0).all() and list(none.index) == [2020, 2021, 2022]


def test_grid_covers_every_variant_control_window_and_buffer(grid):
    per_variant = len(waterbed.CONTROLS) * len(waterbed.WINDOWS) * len(waterbed.BUFFERS)
    assert grid.groupby("variant").size().eq(per_variant).all()
    assert set(grid["variant"]) <= {v.name for v in waterbed.VARIANTS}
    # a missing year gives NaN, never a number computed from filled years
    assert grid.loc[~grid["complete"], "wdq"].isna().all()
    assert (grid.loc[~grid["complete"], "missing"].str.len() > 0).all()
    # the WDD is shown only against a control of comparable size, never against "none"
    shown = grid[grid["wdd_shown"]]
    assert shown["control_scale"].between(*waterbed.WDD_SCALE).all() and not (shown["control"] == "none").any()


def test_readings_count_distinct_cells_and_add_up(grid):
    r = waterbed.readings(grid).set_index("buffer")
    assert (r["computable"] + r["not_computable"]).eq(len(waterbed.CONTROLS) * len(waterbed.WINDOWS)).all()
    assert (r[list(waterbed.READINGS)].sum(axis=1)).eq(r["computable"]).all()
    assert (r["displacement_total"] + r["neither"] + r["diffusion_total"]).eq(r["computable"]).all()


def test_readings_on_a_constructed_case():
    # Rotterdam halves, the control is flat, Vlissingen doubles: WDQ = (20/100 - 10/100) / (50/100 - 100/100) = -0.2
    years = range(2019, 2026)
    toy = _toy({"rotterdam": {y: 100.0 if y < 2022 else 50.0 for y in years},
                "vlissingen": {y: 10.0 if y < 2022 else 20.0 for y in years},
                "it_total": {y: 100.0 for y in years}})
    g = waterbed.grid(toy, variants=waterbed.VARIANTS[:1])
    cells = g[(g["buffer"] == "vlissingen") & (g["control"] == "it_total")]
    assert cells["complete"].all() and cells["wdq"].tolist() == pytest.approx([-0.2] * len(waterbed.WINDOWS))
    r = waterbed.readings(g).set_index("buffer").loc["vlissingen"]
    # it_total and none are published in every year; eu_total and eu_rest are absent
    assert r["computable"] == 2 * len(waterbed.WINDOWS) and r["displacement_smaller_than_gain"] == r["computable"]
    assert r["not_computable_why"].startswith("Not published: EU total")


def test_bounds_and_customs_checks_stay_within_the_cells(grid):
    agree = waterbed.bound_agreement(grid)
    assert (agree["same"] <= agree["comparable"]).all()
    assert (agree["comparable"] <= len(waterbed.CONTROLS) * len(waterbed.WINDOWS)).all()
    customs = waterbed.customs_check(grid)
    assert (customs["same_direction"] <= customs["both"]).all() and (customs["both"] <= customs["customs_computable"]).all()


def test_indexed_never_uses_a_partial_base():
    f = pd.DataFrame({"location": ["a", "a", "a", "b", "b"], "year": [2020, 2021, 2022, 2021, 2022], "value": [50.0, 150.0, 50.0, 10.0, 20.0]})
    out = waterbed.indexed(f, base_years=[2020, 2021]).set_index(["location", "year"])["index"]
    assert out[("a", 2022)] == pytest.approx(50.0)  # base = mean(50, 150) = 100
    assert math.isnan(out[("b", 2022)])  # b has no 2020 figure: no index at all


def test_its_table_refuses_intervals_with_few_points(seizures):
    t = waterbed.its_table(seizures).set_index(["port", "form"])
    rtm = t.loc[("rotterdam", "plain")]
    assert rtm["n_pre"] >= 3 and rtm["n_post"] >= 3 and rtm["ols_low"] < rtm["slope_change"] < rtm["ols_high"]
    few = t[(t["n_pre"] < 3) | (t["n_post"] < 3)]
    assert few[["ols_low", "ols_high", "hac_low", "hac_high"]].isna().all().all()


def test_shift_share_table_covers_every_window_pair(seizures):
    t = waterbed.shift_share_table(seizures)
    pairs = {(w.before[-1], w.after[-1]) for w in waterbed.WINDOWS} | {(w.before[0], w.after[-1]) for w in waterbed.WINDOWS}
    assert set(zip(t["start_year"], t["end_year"], strict=True)) == pairs
    ok = t[t["complete"]]
    assert ok["offset_ratio"].tolist() == pytest.approx((-ok["others_change"] / ok["focus_change"]).tolist())
    assert t.loc[~t["complete"], "offset_ratio"].isna().all()


def test_its_table_compares_ports_in_index_points_and_explains_refusals(seizures):
    t = waterbed.its_table(seizures).set_index(["location", "form"])
    assert {"plain", "indexed", "controlled"} <= set(t.index.get_level_values("form"))
    assert (t.xs("indexed", level="form")["unit"].dropna().isin(["index points", ""])).all()
    notes = " ".join(t["note"].dropna())
    assert "n_pre" not in notes and "[" not in notes  # reader's words, no variable names or Python lists


def test_plain_notes():
    assert waterbed._plain_note("") == ""
    assert waterbed._plain_note("too few points for an interval (n_pre=8, n_post=2; at least 3 on each side): x") == (
        "no interval: 8 years before the start and 2 from it (an interval needs at least 3 on each side)")
    assert waterbed._plain_note("segmented regression needs at least 2 years before and 2 from start=2022; got n_pre=1, "
                                "n_post=3 (years used: [2021, 2022, 2024, 2025])").startswith("not estimable: 1 year before")


def test_national_changes_compare_only_from_the_base_year():
    toy = _toy({"es_total": {2021: 50.0, 2023: 120.0}, "de_total": {2020: 10.0, 2024: 24.0},
                "fr_total": {2021: 26.0, 2024: 20.0}, "it_total": {2021: 20.0}})
    c = waterbed.national_changes(toy, locations=["es_total", "de_total", "fr_total", "it_total"], base_year=2021)
    # Germany has no 2021 figure and Italy nothing after it: both left out, never compared from another year
    assert c.set_index("location")[["base", "last_year", "last", "rose"]].to_dict("index") == {
        "es_total": {"base": 50.0, "last_year": 2023, "last": 120.0, "rose": True},
        "fr_total": {"base": 26.0, "last_year": 2024, "last": 20.0, "rose": False},
    }


def test_missing_years_span_every_window_and_follow_the_rulings(seizures):
    span = range(min(w.before[0] for w in waterbed.WINDOWS), max(w.after[-1] for w in waterbed.WINDOWS) + 1)
    toy = _toy({"vlissingen": {y: 1.0 for y in span if y != 2023}})
    assert waterbed.missing_years(toy, "vlissingen") == [2023]
    # the HARC-involved 2020 subset is ruled out of scope, so 2020 counts as missing in the real data
    assert 2020 in waterbed.missing_years(seizures, "vlissingen")
