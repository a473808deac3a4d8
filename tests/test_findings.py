"""Key findings are computed from the data: formatting, templates and agreement with the library."""

from __future__ import annotations

import re

import pytest

from mainports_analysis import findings, load_all, metrics


@pytest.fixture(scope="module")
def data():
    return load_all()


def test_formatting_in_two_languages():
    assert findings.tonnes(70571) == "70.6 t"
    assert findings.tonnes(70571, "nl") == "70,6 ton"
    assert findings.tonnes(419000, decimals=0) == "419 t"
    assert findings.pct(16.5 / 29) == "57%"
    assert findings.pct(0.125, "nl", 1) == "12,5%"
    assert findings.eur_mln(16.5) == "EUR 16.5 mln" and findings.eur_mln(16.5, "nl") == "€ 16,5 mln"
    assert findings.number(-0.0593) == "−0.06"


def test_money_finding_agrees_with_the_allocation_table(data):
    f = findings.money(data["allocations"], data["seizures"])
    table = metrics.allocation_table(data["allocations"])
    assert f.numbers["total"] == table["2025 onwards"].sum()
    assert f.numbers["rotterdam"] == table.loc["rotterdam", "2025 onwards"]
    assert findings.pct(f.numbers["fund_share"]) in f.text_en
    assert findings.pct(f.numbers["kg_share"], "nl") in f.text_nl


def test_every_finding_has_both_languages_and_links_to_a_page(data, root):
    fs = findings.key_findings(data)
    assert 4 <= len(fs) <= 6
    for f in fs:
        assert f.text_en and f.text_nl and f.text_en != f.text_nl
        assert (root / f.page).is_file()
        # the same numbers appear in both languages (decimal comma in Dutch)
        en_numbers = re.findall(r"\d+(?:\.\d+)?", f.text_en)
        nl_text = f.text_nl.replace(",", ".")
        assert all(n in nl_text for n in en_numbers), f.key


def test_findings_follow_the_data(data):
    """Change a figure and the sentence changes: nothing is typed in."""
    s = data["seizures"].copy()
    mask = (s["location"] == "rotterdam") & (s["metric"] == "cocaine_kg") & (s["series"] == "harc") & (s["year"] == 2021)
    s.loc[mask, "quantity"] = s.loc[mask, "quantity"] * 2
    before = findings.rotterdam_fall(data["seizures"])
    after = findings.rotterdam_fall(s)
    assert after.numbers["peak"] == 2 * before.numbers["peak"]
    assert after.text_en != before.text_en


def test_audit_sentence_is_quoted_from_the_data(data):
    sentence = findings.audit_sentence(data["audit"])
    assert "nulmeting" in sentence
    assert any(sentence in str(n) for n in data["audit"]["notes"])


def test_markdown_links_every_finding(data):
    md = findings.as_markdown(findings.key_findings(data), "nl", link_prefix="../")
    assert md.count("[Analyse →](../notebooks/") == 5


def _toy_seizures(values):
    import pandas as pd

    rows = [{"record_id": f"{loc}-{y}", "location": loc, "year": y, "period": "FY", "metric": "cocaine_kg",
             "series": "harc" if loc == "rotterdam" else "customs", "value": v, "quantity": v, "unit": "kg",
             "qualifier": "exact", "status": "final", "quality": "high", "published": f"{y + 1}", "source_id": "s",
             "publisher": "p"} for loc, by_year in values.items() for y, v in by_year.items()]
    return pd.DataFrame(rows)


def test_waterbed_finding_counts_comparisons_and_sizes_the_displacement():
    from mainports_analysis import waterbed

    years = range(2019, 2026)
    # Rotterdam halves against a flat Italian total; Vlissingen doubles (WDQ -0.2: a rise of 20% of Rotterdam's
    # fall); Antwerp falls by a quarter (diffusion). Only Italy and "no control" are published: 2 controls x 7 windows.
    toy = _toy_seizures({"rotterdam": {y: 100.0 if y < 2022 else 50.0 for y in years},
                         "vlissingen": {y: 10.0 if y < 2022 else 20.0 for y in years},
                         "antwerp": {y: 40.0 if y < 2022 else 30.0 for y in years},
                         "it_total": {y: 100.0 for y in years}})
    f = findings.displacement_reading(toy)
    n = 2 * len(waterbed.WINDOWS)
    assert f"allow {n} of {len(waterbed.CONTROLS) * len(waterbed.WINDOWS)} before/after comparisons" in f.text_en
    assert f"all {n} read as displacement, with a rise equal to 20% of Rotterdam's fall" in f.text_en
    assert f"Of {n} comparisons with Antwerp, all {n} read as a diffusion of benefits" in f.text_en
    assert "20%" in f.text_nl and f"alle {n} op uitstraling" in f.text_nl
