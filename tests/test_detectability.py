"""The minimum detectable change (Bloom 1995) of each port's annual seizures, by hand."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from mainports_analysis.analysis import waterbed


def _toy(values: dict[str, dict[int, float]]) -> pd.DataFrame:
    rows = [{"record_id": f"{loc}-{y}", "location": loc, "year": y, "period": "FY", "metric": "cocaine_kg",
             "series": "harc" if loc == "rotterdam" else "customs", "value": v, "quantity": v, "unit": "kg",
             "qualifier": "exact", "status": "final", "quality": "high", "published": f"{y + 1}-01", "source_id": "s",
             "publisher": "p"} for loc, by_year in values.items() for y, v in by_year.items()]
    return pd.DataFrame(rows)


# log changes 2018-2021: +0.1, -0.1, +0.1, -0.1 -> mean 0, sd (n - 1 = 3) = sqrt(0.04 / 3) = 0.115470
# multiplier t(0.975, 3) + t(0.8, 3) = 3.182446 + 0.978472 = 4.160919
# delta = 4.160919 * 0.115470 * sqrt(1 + 1/4) = 0.537172; ratio exp(delta) = 1.711161; kg = 100 * 0.711161 = 71.1161
E10 = math.exp(0.1)
PRE = {2017: 100.0, 2018: 100.0 * E10, 2019: 100.0, 2020: 100.0 * E10, 2021: 100.0}


def test_mdc_by_hand_from_the_pre_approach_changes():
    toy = _toy({"rotterdam": {**PRE, 2022: 50.0, 2023: 5000.0}})  # post-approach years never enter
    m = waterbed.minimum_detectable_change(toy, location="rotterdam")
    assert m.basis == "pre-approach" and m.n == 4 and m.usable
    assert m.years == (2017, 2018, 2019, 2020, 2021) and m.change_years == (2018, 2019, 2020, 2021)
    assert m.sigma == pytest.approx(0.11547005383792516, rel=1e-12)
    assert m.multiplier == pytest.approx(4.160918617647012, rel=1e-9)
    assert m.log_change == pytest.approx(0.5371722837023756, rel=1e-9)
    assert m.ratio == pytest.approx(1.711161335729614, rel=1e-9) and m.ratio_fall == pytest.approx(1 / 1.711161335729614)
    assert m.base_year == 2021 and m.base_level == 100.0
    assert m.kg == pytest.approx(71.1161335729614, rel=1e-9)
    assert m.kg_fall == pytest.approx(100 * (1 - 1 / 1.711161335729614), rel=1e-9)


def test_mdc_follows_alpha_and_power():
    toy = _toy({"rotterdam": PRE})
    strict = waterbed.minimum_detectable_change(toy, location="rotterdam", alpha=0.01, power=0.9)
    loose = waterbed.minimum_detectable_change(toy, location="rotterdam")
    assert strict.ratio > loose.ratio and (strict.alpha, strict.power) == (0.01, 0.9)
    with pytest.raises(ValueError, match="alpha and power"):
        waterbed.minimum_detectable_change(toy, location="rotterdam", power=1.0)


def test_mdc_uses_only_consecutive_years_and_falls_back_to_the_whole_series():
    # one pre-approach change only (2020 -> 2021): the whole series' consecutive changes are used
    # changes: 2021 (log 2), 2024 (log 0.5), 2025 (log 1): 2022 missing, so 2021 -> 2023 is no change
    toy = _toy({"vlissingen": {2020: 1.0, 2021: 2.0, 2023: 3.0, 2024: 1.5, 2025: 1.5}})
    m = waterbed.minimum_detectable_change(toy, location="vlissingen")
    changes = [math.log(2), math.log(0.5), math.log(1.0)]
    mean = sum(changes) / 3
    sd = math.sqrt(sum((c - mean) ** 2 for c in changes) / 2)
    assert m.basis == "whole series" and not m.usable and m.n == 3 and m.change_years == (2021, 2024, 2025)
    assert m.sigma == pytest.approx(sd) and m.base_year == 2021 and m.base_level == 2.0


def test_mdc_refuses_a_series_without_variability_and_suggests_names():
    toy = _toy({"hamburg": {2022: 9.0, 2023: 33.0}, "rotterdam": PRE})
    with pytest.raises(ValueError, match="fewer than two changes"):
        waterbed.minimum_detectable_change(toy, location="hamburg")
    with pytest.raises(KeyError, match="did you mean 'rotterdam'"):
        waterbed.minimum_detectable_change(toy, location="rotterdm")
    with pytest.raises(ValueError, match="no annual cocaine series"):
        waterbed.minimum_detectable_change(toy, location="valencia")


def test_mdc_table_sets_each_port_against_rotterdams_fall():
    toy = _toy({"rotterdam": {**PRE, 2024: 40.0}, "antwerp": {y: 2 * v for y, v in PRE.items()}})
    t = waterbed.mdc_table(toy, locations=["rotterdam", "antwerp", "hamburg"]).set_index("location")
    # Rotterdam's fall: mean of 2020-2021 (105.26) minus 2024 (40)
    fall = (100 * E10 + 100) / 2 - 40
    assert t.loc["antwerp", "kg"] == pytest.approx(2 * 71.1161335729614, rel=1e-9)
    assert t.loc["antwerp", "share_of_fall"] == pytest.approx(2 * 71.1161335729614 / fall, rel=1e-9)
    assert t.loc["antwerp", "treatment"] == "partly_treated" and t.loc["rotterdam", "treatment"] == "response"
    assert not t.loc["hamburg", "computable"] and "no annual cocaine series" in t.loc["hamburg", "note"]


def test_mdc_is_exported_at_the_package_top():
    import mainports_analysis

    assert mainports_analysis.minimum_detectable_change is waterbed.minimum_detectable_change
    assert mainports_analysis.placebo_readings is waterbed.placebo_readings
