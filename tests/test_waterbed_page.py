"""The waterbed page and its appendix stay thin (one library call per cell), and the sections of
report.waterbed_page word the numbers they are given."""

from __future__ import annotations

import json
import re

import pandas as pd
import pytest

from mainports_analysis.analysis import waterbed
from mainports_analysis.report import waterbed_page as wp
from mainports_analysis.report.prose import render

NOTEBOOKS = ["notebooks/03_displacement.ipynb", "pages/waterbed_appendix.ipynb"]


def _code_lines(root, name):
    nb = json.loads((root / name).read_text(encoding="utf-8"))
    cells = ["".join(c["source"]) for c in nb["cells"] if c["cell_type"] == "code"]
    return [[ln for ln in c.split("\n") if ln.strip() and not ln.startswith("#|")] for c in cells]


@pytest.mark.parametrize("name", NOTEBOOKS)
def test_waterbed_notebooks_only_call_the_library(root, name):
    code = _code_lines(root, name)
    assert sum(map(len, code)) / len(code) <= 6
    for lines in code:
        text = "\n".join(lines)
        assert not re.search(
            r"^\s*(for|def|while) |\bfor\b.*\bin\b|lambda|f\"|f'|\"\"\"|Markdown\((?!wp\.)", text, flags=re.M
        ), text


def test_detect_note_words_the_factor_or_a_short_series():
    # Synthetic minimum detectable changes for the first ring: 2.2306 prints as ×2.2; an unusable series is "too short".
    ring = list(waterbed.FIRST_RING)
    mdc = pd.DataFrame(
        {
            "location": ring,
            "usable": [i == len(ring) - 1 for i in range(len(ring))],
            "ratio": [float("nan")] * (len(ring) - 1) + [2.2306],
        }
    )
    note = wp.detect_note(mdc)
    assert note.startswith("Detectable one-year rise (minimum detectable change): ")
    assert note.endswith(f"{wp.label(ring[-1])} ×2.2.")
    assert note.count("series too short") == len(ring) - 1


def test_wdd_and_half_year_templates_word_both_branches():
    none = render("waterbed_page/wdd", "en", scale_min=0.25, scale_max=4.2, shown=0, lo=0.5, hi=2.0)
    assert (
        "between 0.2 and 4.2 times Rotterdam's size, never between 0.5 and 2 times, so no WDD is read. Its Poisson"
        in none
    )
    some = render("waterbed_page/wdd", "en", scale_min=0.3, scale_max=4.2, shown=4, lo=0.5, hi=2.0)
    assert "and in 4 readable comparisons between 0.5 and 2 times. Its Poisson" in some
    half = render(
        "waterbed_page/half_years",
        "en",
        start=2022,
        misspecified=False,
        sep=True,
        no_pre=["A", "B"],
        fitted=[{"place": "C", "points": 12, "first": "2019 H1", "last": "2025 H2", "slope_change": -0.456}],
    )
    assert half.endswith(
        "C (12 half-year points, 2019 H1 to 2025 H2): on logs the yearly trend changed by −0.46 log points"
        " a year at the start; A: no half year before 2022; B: no half year before 2022."
    )


def test_sections_on_the_real_data():
    p = wp.appendix_page()
    mdc = p.mdc.set_index("location")
    antwerp = mdc.loc["antwerp"]
    assert antwerp["usable"] and f"×{antwerp['ratio']:.1f}" in p.detect_note
    agree = waterbed.bound_agreement(p.grid)
    assert (
        f"preferred ones in {int(agree['same'].sum())} of {int(agree['comparable'].sum())} cells"
        in wp.counting_paragraph(p)
    )
    with pytest.raises(KeyError, match="areas, controls, windows"):
        wp.design_section(p, "area")
