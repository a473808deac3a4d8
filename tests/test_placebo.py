"""Placebo tests: the quotient and the ITS break with no intervention, by hand."""

from __future__ import annotations

import pandas as pd
import pytest

from mainports_analysis.analysis import waterbed
from mainports_analysis.analysis.waterbed import Window


def _toy(values: dict[str, dict[int, float]]) -> pd.DataFrame:
    rows = [{"record_id": f"{loc}-{y}", "location": loc, "year": y, "period": "FY", "metric": "cocaine_kg",
             "series": "harc" if loc == "rotterdam" else "customs", "value": v, "quantity": v, "unit": "kg",
             "qualifier": "exact", "status": "final", "quality": "high", "published": f"{y + 1}-01", "source_id": "s",
             "publisher": "p"} for loc, by_year in values.items() for y, v in by_year.items()]
    return pd.DataFrame(rows)


ONE = (Window("2021 vs 2022", (2021,), (2022,), "test"),)


def test_windows_move_back_until_the_data_start_and_pairs_count_once():
    got = [(fake, w.label, w.before, w.after) for fake, w in waterbed.shifted_windows(2018, windows=ONE)]
    assert got == [(2021, "2020 vs 2021", (2020,), (2021,)), (2020, "2019 vs 2020", (2019,), (2020,)),
                   (2019, "2018 vs 2019", (2018,), (2019,))]
    # "2020 vs 2022" moved back two years and "2021 vs 2023" moved back three both give 2018 vs 2020: kept once
    two = (Window("2020 vs 2022", (2020,), (2022,), ""), Window("2021 vs 2023", (2021,), (2023,), ""))
    pairs = [(w.before, w.after) for _, w in waterbed.shifted_windows(2018, windows=two)]
    assert pairs == [((2019,), (2021,)), ((2018,), (2020,))]
    multi = waterbed.shifted_windows(2016, windows=(Window("2019–21 vs 2022–23", (2019, 2020, 2021), (2022, 2023), ""),))
    assert multi[0][1].label == "2017–19 vs 2020–21" and multi[0][0] == 2020


# Rotterdam falls 20% in 2018->2019 and 2020->2021 and rises in 2019->2020; Antwerp rises 10 -> 12 in each fall
YEARS = range(2018, 2026)
TOY = {"rotterdam": dict(zip(YEARS, [100.0, 80, 100, 80, 60, 50, 40, 30], strict=True)),
       "antwerp": dict(zip(YEARS, [10.0, 12, 10, 12, 12, 12, 12, 12], strict=True)),
       "it_total": {y: 100.0 for y in YEARS},
       "hamburg": {2021: 100.0, 2022: 50.0}, "valencia": {2021: 20.0, 2022: 25.0}}


def test_placebo_in_time_by_hand():
    p = waterbed.placebo_readings(_toy(TOY), kinds=("time",), windows=ONE)
    a = p[(p["buffer"] == "antwerp") & (p["control"] == "it_total")].set_index("window")
    # 2020 vs 2021: success 80/100 - 100/100 = -0.2, buffer 12/100 - 10/100 = 0.02: WDQ = -0.1
    assert a.loc["2020 vs 2021", "wdq"] == pytest.approx(-0.1) and a.loc["2018 vs 2019", "wdq"] == pytest.approx(-0.1)
    assert a.loc["2020 vs 2021", "reading"] == "displacement_smaller_than_gain"
    assert a.loc["2019 vs 2020", "reading"] == "not_meaningful" and not a.loc["2019 vs 2020", "computable"]
    assert set(p["kind"]) == {"time"} and (p["response"] == "rotterdam").all()
    assert a.loc["2020 vs 2021", "fake_start"] == 2021 and a.loc["2020 vs 2021", "treatment"] == "partly_treated"
    rates = waterbed.placebo_rates(p).set_index("kind")
    # readable: Antwerp against Italy and "none" in 2018 vs 2019 and 2020 vs 2021, all displacement
    assert rates.loc["time", ["computable", "displacement", "diffusion"]].tolist() == [4, 4, 0]
    assert rates.loc["time", "rate"] == 1.0


def test_placebo_in_space_uses_untreated_ports_as_fake_response():
    p = waterbed.placebo_readings(_toy(TOY), kinds=("space",), windows=ONE)
    assert set(p["response"]) == {"hamburg", "valencia"} and not p["buffer"].isin(["rotterdam", "antwerp", "vlissingen"]).any()
    h = p[(p["response"] == "hamburg") & (p["buffer"] == "valencia")].set_index("control")
    # Hamburg halves against flat Italy: success -0.5; Valencia 20 -> 25: buffer 0.05; WDQ -0.1. With "none": -5 / -50
    assert h.loc["it_total", "wdq"] == pytest.approx(-0.1) and h.loc["none", "wdq"] == pytest.approx(-0.1)
    # the EU controls are not published here: never filled
    assert not h.loc["eu_total", "complete"] and h.loc["eu_total", "direction"] == ""
    v = p[p["response"] == "valencia"]
    assert not v["computable"].any()  # Valencia rose: nothing to weigh displacement against
    assert waterbed.placebo_rates(p).set_index("kind").loc["space", "rate"] == 1.0


def test_placebo_rejects_unknown_kinds():
    with pytest.raises(ValueError, match="kinds"):
        waterbed.placebo_readings(_toy(TOY), kinds=("tim",))


def test_chance_limit_and_misspecification():
    # Binomial(6, 0.05): P(X <= 0) = 0.735, P(X <= 1) = 0.967 -> at most 1 by chance; Binomial(20, 0.05): 3
    assert waterbed.chance_limit(6) == 1 and waterbed.chance_limit(20) == 3 and waterbed.chance_limit(0) == 0
    frame = pd.DataFrame({"kind": ["time"] * 6, "significant": [True, True, False, False, False, False]})
    assert waterbed.its_misspecified(frame)
    assert not waterbed.its_misspecified(frame.assign(significant=[True] + [False] * 5))
    # placebo in space does not count toward the time test
    assert not waterbed.its_misspecified(pd.concat([frame.assign(significant=False), frame.assign(kind="space")]))


def test_its_placebo_fits_fake_breaks_on_pre_approach_years_only():
    line = {y: 10.0 + 2 * (y - 2011) for y in range(2011, 2022)}  # a straight line: no break anywhere
    line.update({2022: 1000.0, 2023: 2000.0})  # post-approach years never enter the time placebo
    p = waterbed.its_placebo(_toy({"rotterdam": line, "antwerp": line}), locations=["rotterdam"])
    t = p[p["kind"] == "time"]
    assert sorted(set(t["start"])) == list(range(2014, 2020))  # at least 3 points each side within 2011-2021
    assert (t["n_pre"] + t["n_post"] == 11).all()
    assert t.loc[t["scale"] == "kg", "slope_change"].abs().max() < 1e-9
