"""Shares, concentration and ratios on small frames with exact expected values."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest

from mainports_analysis import metrics


def test_share_sums_to_one_and_is_nan_when_incomplete():
    s = metrics.share(pd.Series([1.0, 3.0], index=["a", "b"]))
    assert s.tolist() == [0.25, 0.75]
    assert metrics.share(pd.Series([1.0, np.nan])).isna().all()
    assert metrics.share(pd.Series([0.0, 0.0])).isna().all()


def test_hhi_and_top_share():
    assert metrics.hhi([0.5, 0.5]) == 0.5
    assert metrics.hhi([1.0]) == 1.0
    assert metrics.hhi([0.25] * 4) == 0.25  # 1/n for an equal split
    assert math.isclose(metrics.hhi([0.6, 0.3, 0.1]), 0.36 + 0.09 + 0.01)
    assert metrics.top_share([0.1, 0.6, 0.3], 1) == 0.6
    assert math.isclose(metrics.top_share([0.1, 0.6, 0.3], 2), 0.9)
    assert math.isnan(metrics.hhi([0.5, np.nan]))


def test_concentration_fixed_members_flags_incomplete_years():
    f = pd.DataFrame(
        {"year": [2020, 2020, 2021], "location": ["a", "b", "a"], "kg": [30.0, 10.0, 50.0]}
    )
    c = metrics.concentration(f, by="location", value="kg", members=["a", "b"]).set_index("year")
    assert c.loc[2020, "hhi"] == pytest.approx(0.75**2 + 0.25**2)
    assert c.loc[2020, "top1"] == 0.75 and c.loc[2020, "top1_name"] == "a"
    assert not c.loc[2021, "complete"] and math.isnan(c.loc[2021, "hhi"])


def test_ratio_never_divides_by_zero_or_fills():
    r = metrics.ratio(pd.Series({"a": 10.0, "b": 5.0, "c": 1.0}), pd.Series({"a": 2.0, "b": 0.0}), scale=10)
    assert r["a"] == 50.0 and math.isnan(r["b"]) and math.isnan(r["c"])


def test_per_traffic_keeps_only_matching_years_and_reports_the_rest():
    s = pd.DataFrame({"location": ["r", "r"], "year": [2020, 2021], "kg": [40_000.0, 70_000.0]})
    t = pd.DataFrame({"location": ["r", "r"], "year": [2021, 2022], "quantity": [14_000_000.0, 15_000_000.0]})
    out = metrics.per_traffic(s, t)
    assert out[["year", "per_traffic"]].values.tolist() == [[2021, 5000.0]]  # 70,000 kg / 14 million TEU
    missing = pd.DataFrame(out.attrs["unmatched"]).set_index("year")["missing"].to_dict()
    assert missing == {2020: "traffic", 2022: "seizures"}


def test_hub_comparison_shares_and_euros_per_tonne():
    funds = pd.Series({"r": 16.5, "z": 4.0, "f": 1.0})
    kg = pd.Series({"r": 70_000.0, "z": 2_000.0})
    c = metrics.hub_comparison(funds, kg, traffic_teu=pd.Series({"r": 15_000_000.0}))
    assert c.loc["r", "fund_share"] == pytest.approx(16.5 / 21.5)
    assert c.loc["r", "seizure_share"] == pytest.approx(70 / 72)
    assert c.loc["z", "eur_per_tonne"] == pytest.approx(4e6 / 2.0)  # EUR 4 mln over 2 t
    assert c.loc["r", "eur_per_million_teu"] == pytest.approx(16.5e6 / 15)
    assert math.isnan(c.loc["f", "seizure_share"])
    assert c.attrs["missing_seizures"] == ["f"]


def _alloc(rows):
    f = pd.DataFrame(rows, columns=["record_id", "hub", "year", "recurring", "amount_eur_mln", "kind", "programme", "status"])
    f["hub"] = pd.Categorical(f["hub"], categories=["r", "z", "total"])
    return f


def test_allocation_table_prefers_the_decision_and_reports_conflicts():
    a = _alloc([
        ("m1", "r", 2025, True, 16.5, "structural", "mainports", "decided"),
        ("p1", "r", 2025, True, 16.0, "structural", "mainports", "announced"),
        ("m2", "z", 2025, True, 4.0, "structural", "mainports", "decided"),
        ("m3", "total", 2025, True, 20.5, "structural", "mainports", "decided"),
        ("i1", "r", 2022, False, 5.1, "incidental", "mainports", "announced"),
        ("x1", "r", 2021, False, 5.0, "incidental", "predecessor", "announced"),
    ])
    t = metrics.allocation_table(a)
    assert t.loc["r", "2025 onwards"] == 16.5 and t.loc["r", "2022 (incidental)"] == 5.1
    assert "total" not in t.index
    conflicts = pd.DataFrame(t.attrs["conflicts"])
    assert conflicts[["hub", "min", "max"]].values.tolist() == [["r", 16.0, 16.5]]
    check = metrics.totals_check(a).set_index("period")
    assert check.loc["2025 onwards", "sum_of_hubs"] == 20.5 and check.loc["2025 onwards", "agrees"]
