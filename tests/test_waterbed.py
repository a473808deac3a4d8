"""The study design: areas, controls and windows, the grid over every choice, and its summaries."""

from __future__ import annotations

import math
import re

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


def test_grid_covers_every_variant_scale_threshold_control_window_and_buffer(grid):
    per_variant = (len(waterbed.CONTROLS) * len(waterbed.WINDOWS) * len(waterbed.BUFFERS) * len(waterbed.SCALES)
                   * len(waterbed.THRESHOLDS))
    assert grid.groupby("variant").size().eq(per_variant).all()
    for col in ("variant", "buffer", "window", "control", "computable", "wdq", "reading", "before_years", "after_years"):
        assert col in grid.columns
    assert set(grid["variant"]) <= {v.name for v in waterbed.VARIANTS}
    # a missing year gives NaN, never a number computed from filled years
    assert grid.loc[~grid["complete"], "wdq"].isna().all()
    assert (grid.loc[~grid["complete"], "missing"].str.len() > 0).all()
    # the WDD is shown only against a control of comparable size, never against "none", on the level scale
    shown = grid[grid["wdd_shown"]]
    assert shown["control_scale"].between(*waterbed.WDD_SCALE).all() and not (shown["control"] == "none").any()
    assert (shown["scale"] == "level").all()


def test_the_counting_system_variant_runs(grid):
    # Rotterdam stays on HARC while Vlissingen switches to Customs: the variant must compute where the data allow
    v = waterbed.VARIANTS[[x.name for x in waterbed.VARIANTS].index(waterbed.COUNTING)]
    assert dict(v.series) == {"vlissingen": "customs"}
    years = range(2018, 2026)
    toy = pd.concat([
        _toy({"rotterdam": {y: 100.0 if y < 2022 else 50.0 for y in years}, "it_total": {y: 100.0 for y in years}}),
        _toy({"vlissingen": {y: 10.0 if y < 2022 else 20.0 for y in years}}),  # Customs: complete
        _toy({"vlissingen": {2021: 10.0}}).assign(series="harc", record_id="v-harc"),  # HARC: one year only
    ], ignore_index=True)
    g = waterbed.grid(toy, variants=[waterbed.VARIANTS[0], v], scales=("level",), thresholds=(0.05,))
    pref = g[(g["variant"] == waterbed.PREFERRED) & (g["buffer"] == "vlissingen")]
    cust = g[(g["variant"] == waterbed.COUNTING) & (g["buffer"] == "vlissingen") & (g["control"] == "it_total")]
    assert not pref["computable"].any()
    assert cust["computable"].all() and cust["wdq"].tolist() == pytest.approx([-0.2] * len(waterbed.WINDOWS))


def test_controls_subtract_the_ports_compared():
    years = range(2019, 2026)
    toy = _toy({"rotterdam": {y: 100.0 if y < 2022 else 50.0 for y in years},
                "vlissingen": {y: 10.0 if y < 2022 else 20.0 for y in years},
                "hamburg": {y: 30.0 if y < 2022 else 60.0 for y in years},
                "eu_total": {y: 1000.0 for y in years}, "nl_total": {y: 200.0 for y in years},
                "antwerp": {y: 100.0 for y in years}})
    one = (waterbed.Window("2021 vs 2022", (2021,), (2022,), ""),)
    g = waterbed.grid(toy, variants=waterbed.VARIANTS[:1], scales=("level",), thresholds=(0.05,), windows=one)
    c = g.set_index(["buffer", "control"])
    # EU total without Rotterdam and Vlissingen: before 1000 - 100 - 10 = 890, after 1000 - 50 - 20 = 930
    assert c.loc[("vlissingen", "eu_total"), ["control_before", "control_after"]].tolist() == [890.0, 930.0]
    # success 50/930 - 100/890, buffer 20/930 - 10/890
    q = (20 / 930 - 10 / 890) / (50 / 930 - 100 / 890)
    assert c.loc[("vlissingen", "eu_total"), "wdq"] == pytest.approx(q)
    # EU without NL and Antwerp (1000 - 200 - 100 = 700) keeps first-ring ports (inside NL already) as they are,
    # and subtracts a second-ring port compared: Hamburg 700 - 30 = 670 before, 700 - 60 = 640 after
    assert c.loc[("vlissingen", "eu_rest"), ["control_before", "control_after"]].tolist() == [700.0, 700.0]
    assert c.loc[("hamburg", "eu_rest"), ["control_before", "control_after"]].tolist() == [670.0, 640.0]
    assert c.loc[("hamburg", "eu_total"), ["control_before", "control_after"]].tolist() == [870.0, 890.0]


def test_log_scale_and_readability_threshold_by_hand():
    years = range(2019, 2026)
    # Rotterdam 100 -> 50, Vlissingen 10 -> 20, Italy flat: level WDQ -0.2, log WDQ log(2) / log(0.5) = -1
    toy = _toy({"rotterdam": {y: 100.0 if y < 2022 else 50.0 for y in years},
                "vlissingen": {y: 10.0 if y < 2022 else 20.0 for y in years},
                "antwerp": {y: 10.0 for y in years}, "it_total": {y: 100.0 for y in years}})
    one = (waterbed.Window("2021 vs 2022", (2021,), (2022,), ""),)
    g = waterbed.grid(toy, variants=waterbed.VARIANTS[:1], windows=one)
    v = g[(g["buffer"] == "vlissingen") & (g["control"] == "it_total")].set_index(["scale", "threshold"])
    assert v.loc[("level", 0.05), "wdq"] == pytest.approx(-0.2)
    assert v.loc[("log", 0.05), "wdq"] == pytest.approx(-1.0)
    assert v.loc[("log", 0.05), "reading"] == "displacement_smaller_than_gain"
    # Rotterdam fell 50%: readable under every threshold
    assert v["computable"].all()
    # Rotterdam falls 8%: readable at 5%, not at 10% or 25%
    toy8 = _toy({"rotterdam": {y: 100.0 if y < 2022 else 92.0 for y in years},
                 "vlissingen": {y: 10.0 for y in years}, "it_total": {y: 100.0 for y in years}})
    g8 = waterbed.grid(toy8, variants=waterbed.VARIANTS[:1], scales=("level",), windows=one)
    r = g8[(g8["buffer"] == "vlissingen") & (g8["control"] == "it_total")].set_index("threshold")["computable"]
    assert r.to_dict() == {0.05: True, 0.10: False, 0.25: False}
    # a flat buffer: WDQ 0, "neither"
    a = g[(g["buffer"] == "antwerp") & (g["control"] == "it_total") & (g["scale"] == "level")]
    assert a["reading"].eq("neither").all()


def test_grid_cells_agree_with_the_scalar_wdq(grid):
    from mainports_analysis.analysis import displacement

    ok = waterbed.base(grid)
    ok = ok[ok["computable"]].head(20)
    assert len(ok)
    for r in ok.itertuples():
        q = displacement.wdq(response_before=r.response_before, response_after=r.response_after, buffer_before=r.buffer_before,
                             buffer_after=r.buffer_after, control_before=r.control_before, control_after=r.control_after)
        assert q.wdq == pytest.approx(r.wdq, rel=1e-12) and q.reading == r.reading


def test_windows_include_baselines_without_the_peak():
    assert any(w.excludes_peak for w in waterbed.WINDOWS) and any(not w.excludes_peak for w in waterbed.WINDOWS)
    assert ("2018–20 vs 2023–25" in waterbed.WINDOW_YEARS) and any(w.before == (2020,) for w in waterbed.WINDOWS)


def test_readings_count_distinct_cells_and_add_up(grid):
    r = waterbed.readings(grid).set_index("buffer")
    assert (r["computable"] + r["not_computable"]).eq(len(waterbed.CONTROLS) * len(waterbed.WINDOWS)).all()
    assert (r[list(waterbed.READINGS)].sum(axis=1)).eq(r["computable"]).all()
    assert (r["displacement_total"] + r["neither"] + r["diffusion_total"]).eq(r["computable"]).all()


def test_readings_on_a_constructed_case():
    # Rotterdam halves, the control is flat, Vlissingen doubles: WDQ = (20/100 - 10/100) / (50/100 - 100/100) = -0.2
    years = range(2018, 2026)
    toy = _toy({"rotterdam": {y: 100.0 if y < 2022 else 50.0 for y in years},
                "vlissingen": {y: 10.0 if y < 2022 else 20.0 for y in years},
                "it_total": {y: 100.0 for y in years}})
    g = waterbed.grid(toy, variants=waterbed.VARIANTS[:1])
    cells = waterbed.base(g)
    cells = cells[(cells["buffer"] == "vlissingen") & (cells["control"] == "it_total")]
    assert cells["complete"].all() and cells["wdq"].tolist() == pytest.approx([-0.2] * len(waterbed.WINDOWS))
    r = waterbed.readings(g).set_index("buffer").loc["vlissingen"]
    # it_total and none are published in every year; eu_total and eu_rest are absent
    assert r["computable"] == 2 * len(waterbed.WINDOWS) and r["displacement_smaller_than_gain"] == r["computable"]
    assert r["not_computable_why"].startswith("Not published: EU total") and r["treatment"] == "funded_buffer"


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


def test_its_table_refuses_intervals_with_few_points_and_when_told(seizures):
    t = waterbed.its_table(seizures).set_index(["port", "form"])
    rtm = t.loc[("rotterdam", "plain")]
    assert rtm["n_pre"] >= 3 and rtm["n_post"] >= 3 and rtm["ols_low"] < rtm["slope_change"] < rtm["ols_high"]
    few = t[(t["n_pre"] < 3) | (t["n_post"] < 3)]
    assert few[["ols_low", "ols_high", "p_value"]].isna().all().all()
    assert not any(c.startswith("hac") for c in t.columns)  # Newey-West is no check with ~15 annual points
    withheld = waterbed.its_table(seizures, intervals=False)
    assert withheld[["ols_low", "ols_high", "p_value"]].isna().all().all()
    assert withheld["slope_change"].tolist() == pytest.approx(waterbed.its_table(seizures)["slope_change"].tolist(), nan_ok=True)


def test_break_profile_finds_an_exact_break():
    # flat at 10 through 2017, a jump to 20 in 2018, then rising 5 a year: only the fit at 2018 is exact
    y = pd.Series({yr: 10.0 if yr < 2018 else 20.0 + 5 * (yr - 2018) for yr in range(2012, 2024)})
    p = waterbed.break_profile(y)
    assert p["start"].min() == 2014 and p["start"].max() == 2022  # two points on each side at least
    best = p[p["best"]].iloc[0]
    assert best["start"] == 2018 and best["sse"] == pytest.approx(0, abs=1e-18)
    assert best["slope_change"] == pytest.approx(5.0) and best["level_change"] == pytest.approx(10.0)
    assert (p.loc[~p["best"], "sse"] > 1e-9).all()


def test_half_years_derive_the_second_half_within_one_counting_system():
    rows = _toy({"antwerp": {2021: 100.0, 2022: 80.0, 2023: 30.0}})
    h1 = _toy({"antwerp": {2021: 40.0, 2022: 30.0, 2023: 50.0}}).assign(period="H1", record_id=lambda f: f["record_id"] + "-h1")
    h = waterbed.half_years(pd.concat([rows, h1], ignore_index=True), locations=["antwerp"])
    got = list(zip(h["year"], h["half"], h["value"], h["derived"], strict=True))
    # 2023: 30 - 50 < 0, so no second half (the two figures do not describe the same thing)
    assert got == [(2021, "H1", 40.0, False), (2021, "H2", 60.0, True), (2022, "H1", 30.0, False), (2022, "H2", 50.0, True),
                   (2023, "H1", 50.0, False)]
    assert h["t"].tolist() == [2021.0, 2021.5, 2022.0, 2022.5, 2023.0]


def test_shift_share_table_covers_every_window_pair_without_an_offset_ratio(seizures):
    t = waterbed.shift_share_table(seizures)
    pairs = {(w.before[-1], w.after[-1]) for w in waterbed.WINDOWS} | {(w.before[0], w.after[-1]) for w in waterbed.WINDOWS}
    assert set(zip(t["start_year"], t["end_year"], strict=True)) == pairs
    assert "offset_ratio" not in t.columns
    ok = t[t["complete"]]
    assert ok["others_change"].tolist() == pytest.approx((ok["antwerp_change"] + ok["vlissingen_change"]).tolist())


def test_its_table_compares_ports_in_index_points_and_explains_refusals(seizures):
    t = waterbed.its_table(seizures).set_index(["location", "form"])
    assert {"plain", "log", "indexed", "controlled"} <= set(t.index.get_level_values("form"))
    assert (t.xs("indexed", level="form")["unit"].dropna().isin(["index points", ""])).all()
    notes = " ".join(t["note"].dropna())
    assert "n_pre" not in notes and "[" not in notes  # reader's words, no variable names or Python lists


def test_plain_notes():
    assert waterbed._plain_note("") == ""
    assert waterbed._plain_note("the years are not contiguous: x") == "years missing in between"
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


def test_flow_or_detection_by_hand():
    years = range(2020, 2026)
    toy = _toy({"rotterdam": {y: 100.0 if y < 2022 else 50.0 for y in years}, "nl_total": {2021: 200.0, 2022: 150.0},
                "nl_destined_abroad": {2021: 40.0, 2022: 120.0}})
    ind = pd.DataFrame({"location": "rotterdam", "metric": "harc_criminal_investigations", "period": "FY",
                        "year": [2021, 2025], "value": [10.0, 25.0]})
    f = waterbed.flow_or_detection(toy, ind).set_index("indicator")
    # kilograms per investigation: 100/10 = 10 (2021) to 50/25 = 2 (2025): -80%, consistent with less flow
    assert f.loc["kg_per_investigation", ["first", "last", "first_year", "last_year"]].tolist() == [10.0, 2.0, 2021, 2025]
    assert f.loc["kg_per_investigation", "change"] == pytest.approx(-0.8)
    assert f.loc["kg_per_investigation", "consistent_with"] == "less_flow"
    # bound for NL: 240 (2021) to 270 (2022): +12.5%, consistent with cocaine still arriving
    assert f.loc["bound_for_nl_kg", "change"] == pytest.approx(0.125)
    assert f.loc["bound_for_nl_kg", "consistent_with"] == "not_less_flow"
    assert f.loc["seizure_events", "consistent_with"] == "not_testable"


def test_monitoring_blueprint_is_seeded_and_ranks_the_data(seizures):
    from mainports_analysis import load_indicators

    ind = load_indicators()
    a = waterbed.monitoring_blueprint(seizures, ind, sims=400)
    b = waterbed.monitoring_blueprint(seizures, ind, sims=400)
    pd.testing.assert_frame_equal(a, b)
    r = a.set_index("design")["detectable_ratio"]
    assert list(r.index) == [d.id for d in waterbed.MONITORING_DESIGNS]
    finite = r.dropna()
    assert (finite > 1).all()
    if {"annual_kg", "quarterly_kg"} <= set(finite.index):
        assert finite["quarterly_kg"] <= finite["annual_kg"]  # more points, same noise model: never worse


def test_sensitivity_summary_covers_every_choice(grid):
    s = waterbed.sensitivity_summary(grid)
    per_buffer = len(waterbed.VARIANTS) + len(waterbed.SCALES) + len(waterbed.THRESHOLDS) + 2
    assert s.groupby("buffer").size().eq(per_buffer).all()
    assert (s["displacement"] + s["diffusion"] + s["neither"] == s["computable"]).all()


def test_waterbed_finding_names_the_years_and_reads_a_funded_rise_both_ways():
    from mainports_analysis.report import findings

    years = range(2018, 2026)
    # Rotterdam halves against a flat Italian total; Vlissingen doubles: WDQ -0.2, a rise of 20% of Rotterdam's fall
    toy = _toy({"rotterdam": {y: 100.0 if y < 2022 else 50.0 for y in years},
                "vlissingen": {2021: 10.0, 2022: 20.0}, "antwerp": {y: 40.0 if y < 2022 else 30.0 for y in years},
                "it_total": {y: 100.0 for y in years}})
    f = findings.displacement_reading(toy)
    assert "(2021 against 2022, each from 2021, Rotterdam's peak year)" in f.text_en
    assert "by 20% of that fall relative to the control" in f.text_en
    assert "displacement or the detection the approach funded there" in f.text_en
    assert "(2021 met 2022, steeds vanaf 2021, het topjaar van Rotterdam)" in f.text_nl and "met 20% van die daling" in f.text_nl
    assert "verplaatsing of op de extra opsporing" in f.text_nl
    for text in (f.text_en, f.short_en):
        assert not re.search(r"\ball \d|\b\d+ of \d+ comparisons", text)  # no count of comparisons
    assert f.short_en.count(". ") == 0 and "2021 against 2022" in f.short_en and "2021 met 2022" in f.short_nl


def test_bottom_line_states_the_fall_and_what_the_data_cannot_say():
    from mainports_analysis.report import findings

    years = range(2018, 2026)
    toy = _toy({"rotterdam": {y: 100.0 if y < 2022 else 50.0 for y in years}, "it_total": {y: 100.0 for y in years}})
    en, nl = findings.bottom_line({"seizures": toy}, "en"), findings.bottom_line({"seizures": toy}, "nl")
    assert en.startswith("Rotterdam's seizures fell 50% from 2020–2021 to 2025; these data cannot say whether smuggling moved")
    assert nl.startswith("De inbeslagnames in Rotterdam daalden met 50% van 2020–2021 tot 2025; uit deze cijfers valt niet af")
    # no buffer series at all: none is long enough to size a detectable change
    assert en.endswith("none of the series at the ports that could take over is long enough before the approach to say "
                       "what displacement it could detect.")
    assert nl.endswith("is vóór de aanpak lang genoeg om te zeggen welke verplaatsing ze zou kunnen aantonen.")
    assert "paid for more detection" not in en  # Vlissingen did not rise here


def test_waterbed_findings_follow_the_grid(seizures, grid):
    from mainports_analysis.report.findings import waterbed as wf

    its = waterbed.its_table(seizures).set_index(["location", "form"])
    md = wf.waterbed_findings(seizures, grid, its)
    r = waterbed.readings(grid).set_index("buffer")
    a = r.loc["antwerp"]
    mixed = a["displacement_total"] > 0 and a["diffusion_total"] > 0
    assert ("reading flips" in md) == mixed and md.count("\n- ") >= 5
    assert "What these series can detect" in md and "funded by the approach" in md and "Bloom 1995" in md
    nl = wf.waterbed_findings(seizures, grid, its, lang="nl")
    assert "Wat deze reeksen kunnen aantonen" in nl and "controlegroep" in nl
