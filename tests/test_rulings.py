"""Curation rulings and the precision part of the preferred-figure rule."""

from __future__ import annotations

import pandas as pd
import pytest

from mainports_analysis import load_seizures
from mainports_analysis.data import rulings
from mainports_analysis.data.load import preferred_rows, significant_digits
from mainports_analysis.data.series import annual


def _rows(*rows):
    f = pd.DataFrame(rows, columns=["record_id", "location", "year", "series", "value", "qualifier", "quality", "published"])
    f["metric"], f["period"], f["status"], f["unit"] = "cocaine_kg", "FY", "final", "kg"
    f["quantity"] = f["value"]
    f["source_id"] = f["publisher"] = "s"
    return f


@pytest.mark.parametrize(("x", "digits"), [(26000, 2), (25900, 3), (70.6, 3), (70571, 5), (0.5, 1), (0, 1), (float("nan"), 0)])
def test_significant_digits(x, digits):
    assert significant_digits(x) == digits


def test_precise_figure_beats_its_rounding_even_from_a_weaker_or_older_source():
    f = _rows(("round", "rotterdam", 2024, "harc", 26000, "exact", "high", "2025-06"),
              ("precise", "rotterdam", 2024, "harc", 25900, "exact", "low", "2025-01"))
    assert preferred_rows(f)["record_id"].tolist() == ["precise"]


def test_a_round_figure_that_is_not_a_rounding_of_the_other_is_not_demoted():
    # 80 t and 45 t disagree; 80 is not 45 rounded, so source quality decides, not the trailing zero.
    f = _rows(("eighty", "be_destined_abroad", 2023, "customs", 80000, "exact", "high", "2025-01"),
              ("fortyfive", "be_destined_abroad", 2023, "customs", 45000, "exact", "medium", "2025-01"))
    assert preferred_rows(f)["record_id"].tolist() == ["eighty"]


def test_a_preferred_ruling_overrides_the_general_rule(monkeypatch):
    monkeypatch.setattr(rulings, "PREFERRED", (rulings.Ruling("later", "restated by the same authority"),))
    f = _rows(("first", "rotterdam", 2022, "harc", 241, "exact", "high", "2023-01"),
              ("later", "rotterdam", 2022, "harc", 251, "exact", "medium", "2023-01"))
    assert preferred_rows(f)["record_id"].tolist() == ["later"]


def test_out_of_scope_rows_leave_every_series_but_are_listed(monkeypatch):
    monkeypatch.setattr(rulings, "OUT_OF_SCOPE", (rulings.Ruling("district", "customs district, not the port"),))
    f = _rows(("district", "hamburg", 2022, "customs", 13000, "exact", "high", "2024-05"),
              ("port", "hamburg", 2022, "customs", 9600, "exact", "medium", "2022-12"),
              ("other", "hamburg", 2023, "customs", 33000, "exact", "high", "2024-05"))
    for pick in ("preferred", "low", "high"):
        a = annual(f, locations=["hamburg"], pick=pick, choose="preference")
        assert a.set_index("year")["value"].to_dict() == {2022: 9600, 2023: 33000}
        assert a.attrs["out_of_scope"] == [{"record_id": "district", "location": "hamburg", "year": 2022, "value": 13000,
                                            "reason": "customs district, not the port"}]


def test_every_ruling_names_a_record_that_exists():
    ids = set(load_seizures()["record_id"].astype(str))
    missing = [r.record_id for r in (*rulings.OUT_OF_SCOPE, *rulings.PREFERRED) if r.record_id not in ids]
    assert missing == []
    assert all(r.reason.strip() for r in (*rulings.OUT_OF_SCOPE, *rulings.PREFERRED))


def test_rulings_table_joins_the_figures():
    t = rulings.rulings_table(load_seizures())
    assert len(t) == len(rulings.OUT_OF_SCOPE) + len(rulings.PREFERRED)
    assert t["location"].notna().all() and set(t["ruling"]) == {"out of scope", "preferred"}


def test_national_totals_take_the_longest_series_by_default():
    f = _rows(("c23", "es_total", 2023, "customs", 90000, "exact", "high", "2024-01"),
              *[(f"g{y}", "es_total", y, "government", 1000 * y, "exact", "high", "2024-01") for y in (2019, 2020, 2021)],
              ("h", "rotterdam", 2021, "harc", 70571, "exact", "high", "2022-01"),
              ("cu", "rotterdam", 2019, "customs", 38000, "exact", "high", "2020-01"),
              ("cu2", "rotterdam", 2020, "customs", 40000, "exact", "high", "2021-01"))
    a = annual(f)
    assert a.attrs["series_used"] == {"es_total": "government", "rotterdam": "harc"}
    assert annual(f, choose="preference").attrs["series_used"]["es_total"] == "customs"
    with pytest.raises(ValueError, match="choose must be"):
        annual(f, choose="biggest")
