"""One series per location: counting system chosen visibly, conflicting figures picked by rule or bound."""

from __future__ import annotations

import pandas as pd
import pytest

from mainports_analysis.data.series import annual, series_of, wide


def _frame():
    rows = [
        # location, year, series, kg, qualifier, status, quality, published, record
        ("rotterdam", 2019, "harc", 33732, "exact", "final", "high", "2020-02", "a"),
        ("rotterdam", 2019, "harc", 33700, "at_least", "final", "high", "2021-11", "b"),
        ("rotterdam", 2019, "customs", 38000, "exact", "final", "medium", "2020-01", "c"),
        ("rotterdam", 2020, "harc", 40641, "exact", "final", "high", "2021-01", "d"),
        ("antwerp", 2019, "customs", 61800, "exact", "final", "medium", "2020-01", "e"),
        ("antwerp", 2019, "customs", 62100, "exact", "final", "medium", "2021-01", "f"),
    ]
    f = pd.DataFrame(rows, columns=["location", "year", "series", "quantity", "qualifier", "status", "quality", "published", "record_id"])
    f["metric"] = "cocaine_kg"
    f["period"] = "FY"
    f["value"] = f["quantity"]
    f["source_id"] = "s"
    f["publisher"] = "p"
    return f


def test_default_series_is_harc_for_rotterdam_and_customs_otherwise():
    a = annual(_frame())
    assert a.attrs["series_used"] == {"rotterdam": "harc", "antwerp": "customs"}
    rtm = a[a["location"] == "rotterdam"].set_index("year")
    assert rtm.loc[2019, "value"] == 33732  # exact beats "ruim"
    assert (rtm.loc[2019, "low"], rtm.loc[2019, "high"], rtm.loc[2019, "n_figures"]) == (33700, 33732, 2)


def test_override_series_for_sensitivity():
    a = annual(_frame(), locations=["rotterdam"], series={"rotterdam": "customs"})
    assert a["value"].tolist() == [38000]  # no customs figure for 2020: a gap, not a HARC fill-in
    with pytest.raises(ValueError, match="no cocaine_kg figures in series 'police'"):
        annual(_frame(), locations=["rotterdam"], series={"rotterdam": "police"})


@pytest.mark.parametrize(("pick", "expected"), [("low", 61800), ("high", 62100), ("preferred", 62100)])
def test_bounds_and_preferred(pick, expected):
    a = annual(_frame(), locations=["antwerp"], pick=pick)
    assert a["value"].tolist() == [expected]  # preferred: equal rank, later publication wins


def test_series_of_and_wide():
    f = _frame()
    assert series_of(f, "rotterdam") == ["harc", "customs"]
    w = wide(annual(f))
    assert list(w.columns) == ["antwerp", "rotterdam"]
    assert pd.isna(w.loc[2020, "antwerp"])


def test_longest_series_option():
    f = _frame()
    extra = f[f["location"] == "rotterdam"].iloc[[2]].assign(year=2020, record_id="g", quantity=40000, value=40000)
    extra2 = extra.assign(year=2018, record_id="h")
    f = pd.concat([f, extra, extra2], ignore_index=True)  # customs now has 3 years, harc 2
    assert annual(f, locations=["rotterdam"], choose="longest").attrs["series_used"] == {"rotterdam": "customs"}
    assert annual(f, locations=["rotterdam"]).attrs["series_used"] == {"rotterdam": "harc"}


def test_coverage_lists_published_years_only():
    from mainports_analysis.data.series import coverage

    c = coverage(_frame(), locations=["rotterdam", "antwerp", "hamburg"], metrics=["cocaine_kg", "extractor_arrests"])
    c = c.set_index(["location", "metric"])
    assert c.loc[("rotterdam", "cocaine_kg"), "years"] == [2019, 2020]
    assert c.loc[("antwerp", "cocaine_kg"), "n"] == 1
    assert c.loc[("hamburg", "cocaine_kg"), "years"] == [] and pd.isna(c.loc[("rotterdam", "extractor_arrests"), "first"])


# ------------------------------------------------------------------------------------- asked wrong


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"locations": ["roterdam"]}, "unknown location 'roterdam' (did you mean 'rotterdam'?)"),
        ({"locations": ["rotterdam", "antwrp"]}, "unknown location 'antwrp' (did you mean 'antwerp'?)"),
        ({"metric": "cocaine_kgs"}, "unknown metric 'cocaine_kgs' (did you mean 'cocaine_kg'?)"),
        ({"period": "year"}, "unknown period (FY: full year, H1: first half) 'year'; known: FY, H1"),
        ({"period": "fy"}, "(did you mean 'FY'?)"),
        ({"pick": "lowest"}, "pick must be one of 'preferred', 'low', 'high', not 'lowest' (did you mean 'low'?)"),
        ({"series": {"rotterdam": "harcc"}}, "unknown counting system for rotterdam 'harcc' (did you mean 'harc'?)"),
        ({"series": {"roterdam": "harc"}}, "unknown location in series= 'roterdam' (did you mean 'rotterdam'?)"),
    ],
)
def test_annual_says_what_was_meant_instead_of_returning_nothing(kwargs, message):
    from mainports_analysis.data.registry import UnknownIdError

    with pytest.raises(UnknownIdError) as err:
        annual(_frame(), **kwargs)
    assert message in str(err.value)
    assert isinstance(err.value, KeyError) and isinstance(err.value, ValueError)


def test_a_known_location_without_figures_is_listed_not_an_error():
    out = annual(_frame(), locations=["rotterdam", "hamburg"])
    assert sorted(set(out["location"])) == ["rotterdam"] and out.attrs["no_figures"] == ["hamburg"]


def test_coverage_and_series_of_refuse_unknown_ids():
    from mainports_analysis.data.series import coverage

    with pytest.raises(KeyError, match=r"unknown location 'roterdam' \(did you mean 'rotterdam'\?\)"):
        coverage(_frame(), locations=["roterdam"], metrics=["cocaine_kg"])
    with pytest.raises(ValueError, match=r"unknown metric 'cocaine_kgs' \(did you mean 'cocaine_kg'\?\)"):
        coverage(_frame(), locations=["rotterdam"], metrics=["cocaine_kgs"])
    with pytest.raises(TypeError, match="must be a list"):
        coverage(_frame(), locations="rotterdam", metrics=["cocaine_kg"])
    with pytest.raises(ValueError, match="unknown period"):
        series_of(_frame(), "rotterdam", period="year")


def test_wide_refuses_an_unknown_value_column():
    with pytest.raises(ValueError, match=r"unknown value column 'valeu' \(did you mean 'value'\?\)"):
        wide(annual(_frame()), value="valeu")
