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
