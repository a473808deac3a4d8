"""The committed data: valid, fully cited, and consistent with the decision memo."""

from __future__ import annotations

import csv

import pytest

from mainports_analysis import load_allocations, load_seizures, validate_data
from mainports_analysis.analysis.metrics import allocation_table, totals_check
from mainports_analysis.data.schemas import RESOURCES


def test_project_data_is_valid(root):
    report = validate_data(root / "data")
    assert report.errors == [], [str(p) for p in report.errors][:10]


@pytest.mark.parametrize("resource", [r for r in RESOURCES if not r.reference and r.name != "sources"], ids=lambda r: r.name)
def test_every_figure_row_has_a_source_and_a_quote(root, resource):
    with (root / "data" / resource.path).open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    assert rows, f"{resource.path} is empty"
    assert all(r["source_id"].strip() for r in rows)
    assert all(r["quote"].strip() for r in rows)


def test_memo_totals_are_reproduced_from_the_hub_rows():
    """The decision memo's Totaal row (22, 33, 29 mln) equals the sum of its hub rows."""
    check = totals_check(load_allocations()).set_index("period")
    assert check.loc["2023", "sum_of_hubs"] == pytest.approx(22.0)
    assert check.loc["2024", "sum_of_hubs"] == pytest.approx(33.0)
    assert check.loc["2025 onwards", "sum_of_hubs"] == pytest.approx(29.0)
    assert check.loc["2022 (incidental)", "sum_of_hubs"] == pytest.approx(13.0)
    assert check["agrees"].all()


def test_memo_table_per_hub():
    table = allocation_table(load_allocations())
    assert table.loc["rotterdam"].tolist() == [5.1, 13.5, 16.0, 16.5]
    assert table.loc["reservation", "2024"] == 5.0
    assert table.loc["overarching", "2025 onwards"] == 2.5


def test_rotterdam_series_both_counting_systems_are_present():
    s = load_seizures()
    rtm = s[(s["location"] == "rotterdam") & (s["metric"] == "cocaine_kg") & (s["period"] == "FY")]
    assert {"harc", "customs"} <= set(rtm["series"].astype(str))
    harc_years = set(rtm.loc[rtm["series"] == "harc", "year"])
    assert set(range(2017, 2025)) <= harc_years
