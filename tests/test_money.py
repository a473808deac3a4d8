"""When the money starts: one definition (analysis.money), which the hubs and the waterbed must agree with."""

from __future__ import annotations

import pandas as pd
import pytest

from mainports_analysis.analysis import money


def alloc(rows) -> pd.DataFrame:
    return pd.DataFrame(
        [{"record_id": f"r{i}", "hub": h, "year": y, "recurring": r, "amount_eur_mln": a, "kind": k, "programme": p,
          "status": "decided"} for i, (h, y, r, a, k, p) in enumerate(rows)]
    )  # fmt: skip


ROWS = [("zwb", 2022, False, 2.5, "incidental", "mainports"), ("rotterdam", 2023, False, 13.5, "structural", "mainports"),
        ("rotterdam", 2025, True, 16.5, "structural", "mainports"), ("reservation", 2024, False, 5.0, "reservation", "mainports"),
        ("rotterdam", 2021, False, 1.0, "incidental", "predecessor")]  # fmt: skip


def test_programme_starts_first_year_of_each_kind_earliest_first():
    assert money.programme_starts(alloc(ROWS)) == {"incidental": 2022, "structural": 2023, "reservation": 2024}
    assert money.programme_starts(alloc(ROWS), "predecessor") == {"incidental": 2021}


def test_unknown_programme_is_refused_with_a_suggestion():
    with pytest.raises(ValueError, match=r"unknown programme 'mainport' \(did you mean 'mainports'\?\)"):
        money.programme_starts(alloc(ROWS), "mainport")


def test_milestones_from_the_one_definition():
    assert money.milestones(alloc(ROWS)) == {"incidental": 2022, "ramp_up": 2023, "full": 2025}
    no_recurring = alloc([r for r in ROWS if r[1] != 2025])
    assert money.milestones(no_recurring) == {"incidental": 2022, "ramp_up": 2023, "full": None}


def test_the_other_definitions_agree_with_it_on_the_real_data():
    """hubs.money_years and the waterbed's START / STRUCTURAL_START should call money; until then they must agree."""
    from mainports_analysis import load_allocations
    from mainports_analysis.analysis import hubs, waterbed

    a = load_allocations()
    marks = money.milestones(a)
    assert marks == {"incidental": 2022, "ramp_up": 2023, "full": 2025}
    assert hubs.money_years(a) == marks
    assert (marks["incidental"], marks["ramp_up"]) == (waterbed.START, waterbed.STRUCTURAL_START)
    assert money.structural_money(a) == money.StructuralMoney(2023, 2025, 29.0)
