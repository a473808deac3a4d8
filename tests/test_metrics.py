"""Shares, concentration and ratios on small frames with exact expected values."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest

from mainports_analysis.analysis import metrics


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


# ------------------------------------------------------------------------------ windows and shares


def test_share_of_present_shares_among_places_with_figures_and_needs_two():
    s = metrics.share_of_present(pd.Series({"a": 30.0, "b": 10.0, "c": np.nan}))
    assert s["a"] == 0.75 and s["b"] == 0.25 and math.isnan(s["c"])
    assert metrics.share_of_present(pd.Series({"a": 5.0, "b": np.nan})).isna().all()  # one place: no share
    assert metrics.share_of_present(pd.Series({"a": 5.0, "b": np.nan}), min_count=1)["a"] == 1.0


def test_part_share_sums_the_rows_and_never_fills_a_gap():
    funds = pd.Series({"r": 16.5, "z": 4.0, "s": 3.5, "n": 1.5, "f": 1.0})
    assert metrics.part_share(funds, ["z", "s", "n", "f"]) == pytest.approx(10 / 26.5)
    with_overarching = pd.concat([funds, pd.Series({"o": 2.5})])
    assert metrics.part_share(with_overarching, ["z", "s", "n", "f"]) == pytest.approx(10 / 29)
    assert math.isnan(metrics.part_share(pd.Series({"r": 1.0, "z": np.nan}), ["z"]))
    with pytest.raises(KeyError, match="x"):
        metrics.part_share(funds, ["x"])


def test_period_shares_divide_each_column_by_its_total():
    t = pd.DataFrame({"p1": [3.0, 1.0, np.nan], "p2": [2.0, 2.0, 4.0]}, index=["a", "b", "c"])
    s = metrics.period_shares(t)
    assert s["p1"].tolist()[:2] == [0.75, 0.25] and math.isnan(s.loc["c", "p1"])
    assert s["p2"].tolist() == [0.25, 0.25, 0.5]


def test_window_mean_uses_only_years_with_a_figure_and_lists_them():
    wide = pd.DataFrame({"a": [10.0, 20.0, 40.0], "b": [np.nan, 6.0, np.nan], "c": [np.nan] * 3}, index=[2019, 2020, 2021])
    w = metrics.window_mean(wide, [2020, 2021])
    assert w.loc["a", "mean"] == 30.0 and w.loc["a", "years"] == (2020, 2021) and w.loc["a", "complete"]
    assert w.loc["b", "mean"] == 6.0 and w.loc["b", "n"] == 1 and not w.loc["b", "complete"]
    assert math.isnan(w.loc["c", "mean"]) and w.loc["c", "years"] == ()
    with pytest.raises(ValueError):
        metrics.window_mean(wide, [])


def test_pooled_share_counts_only_complete_years():
    wide = pd.DataFrame({"r": [60.0, 40.0, 10.0], "v": [10.0, np.nan, 30.0], "a": [30.0, 50.0, 60.0]}, index=[2020, 2021, 2022])
    share, used = metrics.pooled_share(wide, "v", ["r", "v", "a"], [2020, 2021, 2022])
    assert used == (2020, 2022) and share == pytest.approx(40 / 200)
    share, used = metrics.pooled_share(wide, "v", ["r", "v", "a"], [2021])
    assert math.isnan(share) and used == ()


def test_relative_change_against_a_base_window():
    s = pd.Series({2020: 40.0, 2021: 60.0, 2023: 75.0})
    assert metrics.relative_change(s, [2020, 2021], 2023) == 0.5
    assert metrics.relative_change(s, [2021], 2020) == pytest.approx(-1 / 3)
    assert math.isnan(metrics.relative_change(s, [2019, 2020], 2023))  # a base year without a figure
    assert math.isnan(metrics.relative_change(s, [2020], 2022))


def test_leader_since_finds_the_unbroken_run_up_to_the_last_common_year():
    years = [2013, 2014, 2015, 2016, 2017]
    a = pd.Series([4.7, 8.1, 14.0, 30.0, 41.0], index=years)
    b = pd.Series([9.8, 7.6, 4.6, np.nan, 5.0], index=years)
    assert metrics.leader_since(a, b) == 2014
    assert metrics.leader_since(b, a) is None
    assert metrics.leader_since(pd.Series([2.0, 1.0], index=[1, 2]), pd.Series([1.0, 0.5], index=[1, 2])) == 1


def test_count_above_counts_common_years_only():
    a = pd.Series({2015: 3.0, 2016: 1.0, 2017: 5.0, 2018: 9.0})
    b = pd.Series({2015: 1.0, 2016: 2.0, 2017: 4.0, 2019: 1.0})
    assert metrics.count_above(a, b) == (2, 3)


def test_compare_series_gives_difference_and_paired_years():
    harc = pd.Series({2019: 33_732.0, 2020: 40_641.0, 2021: 70_571.0})
    customs = pd.Series({2019: 38_000.0, 2020: 40_000.0})
    c = metrics.compare_series(harc, customs, names=("harc", "customs"))
    assert c.loc[2019, "difference"] == 4268.0 and c.loc[2020, "difference"] == -641.0
    assert math.isnan(c.loc[2021, "difference"]) and c.attrs["paired"] == [2019, 2020]


def test_audit_reconciliation_sums_the_budget_rows_of_the_audited_hubs_and_years():
    table = pd.DataFrame(
        {metrics.PERIODS[0]: [5.0, 2.5, np.nan], metrics.PERIODS[1]: [13.5, 3.0, 0.5],
         metrics.PERIODS[2]: [16.0, 3.5, 2.5], metrics.PERIODS[3]: [16.5, 4.0, 2.5]},
        index=["r", "z", "overarching"],
    )  # fmt: skip
    audit = pd.DataFrame({
        "record_id": ["a1", "a2", "a3", "a4"], "hubs": ["r|z", "z", "z", "z"], "period_start": [2022, 2022, 2022, 2025],
        "period_end": [2023, 2023, 2023, 2026], "metric": ["allocated", "received", "unspent", "received"],
        "amount_eur_mln": [24.5, 5.8, 1.0, 8.0],
    })  # fmt: skip
    rec = metrics.audit_reconciliation(table, audit).set_index("record_id")
    assert "a3" not in rec.index  # unspent money is not a budget amount
    assert rec.loc["a1", "budget_rows"] == 5.0 + 2.5 + 13.5 + 3.0 and rec.loc["a1", "all_budget_lines"] == 24.5
    assert rec.loc["a1", "difference"] == 0.5
    assert rec.loc["a2", "budget_rows"] == 5.5 and rec.loc["a2", "difference"] == pytest.approx(0.3)
    assert rec.loc["a4", "budget_rows"] == 8.0  # the recurring amount counts once a year
    assert rec.loc["a2", "periods"] == (metrics.PERIODS[0], metrics.PERIODS[1])
