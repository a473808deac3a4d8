"""The data log's series inventory is generated from the data and must match it."""

from __future__ import annotations

import pandas as pd

from mainports_analysis.data.products.inventory import (
    END,
    START,
    _series_table,
    inventory_markdown,
    with_inventory,
)
from mainports_analysis.paths import project_root


def test_readme_inventory_matches_the_data():
    text = (project_root() / "data" / "README.md").read_text(encoding="utf-8")
    assert with_inventory(text, inventory_markdown()) == text, "run `python scripts/data_inventory.py`"


def test_series_table_lists_years_halves_bounds_and_quality():
    f = pd.DataFrame(
        [("a", "rotterdam", 2021, "FY", "cocaine_kg", "harc", 70571, "kg", "exact", "final", "high"),
         ("b", "rotterdam", 2021, "FY", "cocaine_kg", "harc", 72, "t", "approx", "final", "medium"),
         ("c", "rotterdam", 2023, "H1", "cocaine_kg", "harc", 25000, "kg", "approx", "provisional", "low")],
        columns=["record_id", "location", "year", "period", "metric", "series", "value", "unit", "qualifier", "status", "quality"],
    )
    header, rule, row = _series_table(f, ["location", "metric", "series"])
    assert row == ("| `rotterdam × cocaine_kg × harc` | 2021–2021 (1) | 2023 | 3 | 1/1/1 | "
                   "2021: 70571 kg (h) / ~72 t (m); 2023: ~25000 kg* H1 (l) |")


def test_markers_are_replaced_not_duplicated():
    text = f"before\n{START}\nold\n{END}\nafter"
    assert with_inventory(text, "new\n") == f"before\n{START}\nnew\n{END}\nafter"


def test_write_inventory_rewrites_only_between_the_markers(corpus_copy, tmp_path):
    from mainports_analysis.data.products.inventory import write_inventory

    readme = tmp_path / "README.md"
    readme.write_text(f"# Data\n{START}\nstale\n{END}\n## Updating the data\n", encoding="utf-8")
    assert write_inventory(readme, corpus_copy) is True
    text = readme.read_text(encoding="utf-8")
    assert text.startswith(f"# Data\n{START}\nGenerated from the raw files") and text.endswith(f"{END}\n## Updating the data\n")
    assert "| `raw/seizures.csv` | 3 |" in text
    assert write_inventory(readme, corpus_copy) is False  # unchanged data: the file is left alone
