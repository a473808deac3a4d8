"""Key findings are computed from the data: formatting, templates and agreement with the library."""

from __future__ import annotations

import math
import re

import pandas as pd
import pytest

from mainports_analysis import load_all
from mainports_analysis.analysis import metrics, waterbed
from mainports_analysis.data.registry import FUNDED_HUBS
from mainports_analysis.report import findings


@pytest.fixture(scope="module")
def data():
    return load_all()


def test_formatting_in_two_languages():
    assert findings.tonnes(70571) == "70.6 t"
    assert findings.tonnes(70571, "nl") == "70,6 ton"
    assert findings.tonnes(419000, decimals=0) == "419 t"
    assert findings.pct(16.5 / 29) == "57%"
    assert findings.pct(0.125, "nl", 1) == "12,5%"
    assert findings.eur_mln(16.5) == "EUR 16.5 mln" and findings.eur_mln(16.5, "nl") == "€ 16,5 miljoen"
    assert findings.eur_mln(16.5, "nl", short=True) == "€ 16,5 mln"
    assert findings.number(-0.0593) == "−0.06"


def test_money_finding_agrees_with_the_allocation_table(data):
    f = findings.money(data["allocations"], data["seizures"])
    table = metrics.allocation_table(data["allocations"])
    five = table[metrics.PERIODS[3]].reindex(list(FUNDED_HUBS))
    assert f.numbers["total"] == table[metrics.PERIODS[3]].sum()
    assert f.numbers["hubs_total"] == five.sum()
    assert f.numbers["rotterdam"] == table.loc["rotterdam", metrics.PERIODS[3]]
    # like with like: the share of the five hubs' money, not of the whole budget with overarching measures
    assert f.numbers["fund_share"] == pytest.approx(five["rotterdam"] / five.sum())
    assert f"**{findings.pct(f.numbers['fund_share'])}**" in f.text_en
    assert findings.pct(f.numbers["kg_share"], "nl") in f.text_nl


# ------------------------------------------------------------------------- synthetic frames, exact values


def _seizures(rows):
    """A minimal seizures frame: (location, year, kg[, metric]) rows, one HARC figure each."""
    recs = []
    for i, r in enumerate(rows):
        loc, year, q = r[:3]
        metric = r[3] if len(r) > 3 else "cocaine_kg"
        recs.append({"record_id": f"r{i}", "location": loc, "year": year, "period": "FY", "metric": metric, "series": "harc",
                     "quantity": float(q), "qualifier": "exact", "status": "final", "quality": "high", "published": "2025",
                     "source_id": f"s{i}", "publisher": "P"})  # fmt: skip
    return pd.DataFrame(recs)


def _allocations(structural, *, ramp=None):
    """Mainports allocations: ``structural`` {hub: amount from 2025}, ``ramp`` {hub: amount in 2023}."""
    rows = [(f"{h}-2025", h, 2025, True, v, "structural") for h, v in structural.items()]
    rows += [(f"{h}-2023", h, 2023, False, v, "structural") for h, v in (ramp or {}).items()]
    rows += [("total-2025", "total", 2025, True, sum(structural.values()), "structural")]
    f = pd.DataFrame(rows, columns=["record_id", "hub", "year", "recurring", "amount_eur_mln", "kind"])
    f["programme"], f["status"] = "mainports", "decided"
    f["hub"] = pd.Categorical(f["hub"], categories=[*FUNDED_HUBS, "overarching", "total"])
    return f


def test_money_compares_the_five_hubs_money_with_their_seizures_over_the_base_window():
    alloc = _allocations({"rotterdam": 16.0, "zwb": 4.0, "schiphol": 3.0, "nzkg": 1.0, "flower_auctions": 1.0, "overarching": 5.0},
                         ramp={"rotterdam": 10.0})
    base = waterbed.BASE_YEARS
    kg = [("rotterdam", y, 90_000.0 + 20_000 * i) for i, y in enumerate(base)]  # mean 100 t
    kg += [("vlissingen", base[-1], 20_000.0), ("schiphol", base[0], 30_000.0), ("nzkg_ports", base[0], 50_000.0)]
    kg += [("rotterdam", waterbed.START - len(base) - 1, 1e9)]  # outside the window: ignored
    f = findings.money(alloc, _seizures(kg))
    assert f.numbers["hubs_total"] == 25.0 and f.numbers["total"] == 30.0
    assert f.numbers["fund_share"] == 16 / 25 and f.numbers["fund_share_all"] == 16 / 30
    assert f.numbers["kg_share"] == pytest.approx(100 / 200)  # 100 t of 100 + 20 + 30 + 50
    assert f.numbers["ramp_up_year"] == 2023 and f.numbers["from_year"] == 2025
    assert "**64%**" in f.text_en and "**50%**" in f.text_en and "four hubs" in f.text_en
    assert "all but the flower auctions" in f.text_en and "behalve de bloemenveilingen" in f.text_nl
    assert "more concentrated on Rotterdam than the seizures" in f.text_en  # 64% of the money > 50% of the seizures


def test_fall_comparison_uses_one_base_for_both_ports_and_finds_the_divergence():
    kg = pd.DataFrame({"rotterdam": [40.0, 60.0, 45.0, 40.0, 10.0], "antwerp": [60.0, 100.0, 120.0, 60.0, 40.0]},
                      index=[2020, 2021, 2022, 2023, 2024])
    c = findings.fall_comparison(kg, base=(2020, 2021))
    assert c["a_base"] == 50.0 and c["b_base"] == 80.0 and c["last_year"] == 2024
    assert c["a_change"] == -0.8 and c["b_change"] == -0.5
    assert c["diverged_year"] == 2022 and c["a_diverged"] == pytest.approx(-0.1) and c["b_diverged"] == 0.5
    same_way = kg.assign(antwerp=[60.0, 100.0, 70.0, 60.0, 40.0])
    assert findings.fall_comparison(same_way, base=(2020, 2021))["diverged_year"] is None
    with pytest.raises(ValueError, match="antwerp: no figure for 2020"):
        findings.fall_comparison(kg.assign(antwerp=[None, 100.0, 120.0, 60.0, 40.0]), base=(2020, 2021))


def test_rotterdam_fall_wording_follows_the_data():
    base = waterbed.BASE_YEARS
    years = list(range(base[0], base[-1] + 4))
    rtm = [("rotterdam", y, v) for y, v in zip(years, [50_000, 50_000, 40_000, 30_000, 10_000], strict=True)]
    falls = findings.rotterdam_fall(_seizures(rtm + [("antwerp", y, v) for y, v in zip(years, [80_000, 80_000, 70_000, 60_000, 40_000], strict=True)]))
    assert "(**−80%**)" in falls.text_en and "also fell (80.0 t to 40.0 t, −50%)" in falls.text_en
    assert "moved apart" not in falls.text_en and "daalde ook" in falls.text_nl
    apart = findings.rotterdam_fall(_seizures(rtm + [("antwerp", y, v) for y, v in zip(years, [80_000, 80_000, 120_000, 60_000, 40_000], strict=True)]))
    assert f"moved apart at first: in {years[2]} Antwerp was 50% above its {base[0]}–{base[-1]} level and Rotterdam 20% below" in apart.text_en
    rises = findings.rotterdam_fall(_seizures(rtm + [("antwerp", y, v) for y, v in zip(years, [80_000, 80_000, 90_000, 120_000, 100_000], strict=True)]))
    assert "Antwerp, the largest neighbouring port, rose (80.0 t to 100.0 t, +25%)" in rises.text_en
    assert "also" not in rises.text_en and "moved apart" not in rises.text_en and "steeg daarentegen" in rises.text_nl
    assert rises.numbers["base"] == base and rises.numbers["last_year"] == years[-1]


def test_wording_helpers():
    assert findings.years_text([2021, 2019, 2020]) == "2019–2021"
    assert findings.years_text([2019, 2021]) == "2019, 2021" and findings.years_text([2024]) == "2024"
    assert findings.years_text([]) == "none"
    assert findings.signed_pct(-0.794) == "−79%" and findings.signed_pct(0.3) == "+30%" and findings.signed_pct(0.001) == "0%"
    assert findings.month_year("2024-05-15") == "May 2024" and findings.month_year("2024-05", "nl") == "mei 2024"
    assert findings.month_year("2024") == "2024"
    assert findings.count_word(4) == "four" and findings.count_word(5, "nl") == "vijf" and findings.count_word(12) == "12"
    assert findings.and_list(["a"]) == "a" and findings.and_list(["a", "b", "c"]) == "a, b and c"
    assert findings.and_list(["a", "b"], "nl") == "a en b"


def test_money_years_reads_the_ramp_up_and_the_full_amount():
    alloc = _allocations({"rotterdam": 16.5}, ramp={"rotterdam": 13.5})
    extra = alloc.iloc[[0]].assign(record_id="inc", year=2022, recurring=False, kind="incidental")
    assert findings.money_years(pd.concat([alloc, extra])) == {"incidental": 2022, "ramp_up": 2023, "full": 2025}


def _throughput(rows):
    f = pd.DataFrame(rows, columns=["location", "hub", "year", "quantity"])
    f["metric"] = "teu"
    return f


def test_hub_traffic_names_the_place_and_refuses_two_scopes_in_one_hub_year():
    t = _throughput([("rotterdam", "rotterdam", 2019, 14.8e6), ("north_sea_port", "zwb", 2019, 0.33e6), ("rotterdam", "rotterdam", 2020, 14.3e6)])
    w = findings.hub_traffic(t, hubs=["rotterdam", "zwb", "schiphol"])
    assert w.loc[2019, "zwb"] == 0.33e6 and math.isnan(w.loc[2020, "zwb"]) and w["schiphol"].isna().all()
    assert w.attrs["locations"] == {"rotterdam": ["rotterdam"], "zwb": ["north_sea_port"], "schiphol": []}
    two = pd.concat([t, _throughput([("vlissingen", "zwb", 2019, 0.1e6)])])
    with pytest.raises(ValueError, match="preferred"):
        findings.hub_traffic(two, hubs=["rotterdam", "zwb"])


def test_compare_hubs_shares_only_measures_two_hubs_publish():
    base = waterbed.BASE_YEARS
    alloc = _allocations({"rotterdam": 3.0, "zwb": 1.0, "schiphol": 1.0, "nzkg": 1.0, "flower_auctions": 1.0},
                         ramp={"rotterdam": 2.0})
    rows = [("rotterdam", base[0], 30.0), ("vlissingen", base[0], 10.0), ("rotterdam", 2025, 20.0), ("vlissingen", 2025, 20.0),
            ("rotterdam", base[0], 300.0, "extractor_arrests")]
    t = _throughput([("rotterdam", "rotterdam", 2019, 9e6), ("north_sea_port", "zwb", 2019, 1e6)])
    c = findings.compare_hubs(alloc, _seizures(rows), t)
    assert c.windows == {"before": base, "after": (2023, 2024, 2025)}
    assert c.shares("cocaine_kg", "before")["rotterdam"] == 0.75 and c.shares("cocaine_kg", "after")["zwb"] == 0.5
    assert ("cocaine_kg", "before") in c.shared() and not c.has_share("extractor_arrests", "before")
    assert c.reporting("extractor_arrests", "before") == ["rotterdam"]
    assert c.traffic_year == 2019 and c.traffic_shares()["rotterdam"] == 0.9
    assert c.eur_per_million_teu()["zwb"] == pytest.approx(1e6)  # EUR 1 mln a year over 1 million TEU
    assert c.eur_per("cocaine_kg", "before", unit=1000)["rotterdam"] == pytest.approx(3e6 / 0.03)
    text = findings.not_shared_text(c)
    assert "extractor arrests: published only for Rotterdam in" in text
    assert "cocaine seizure events: published for no funded hub in" in text


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
    year = waterbed.BASE_YEARS[-1]
    mask = (s["location"] == "rotterdam") & (s["metric"] == "cocaine_kg") & (s["series"] == "harc") & (s["year"] == year)
    s.loc[mask, "quantity"] = s.loc[mask, "quantity"] * 2
    before = findings.rotterdam_fall(data["seizures"])
    after = findings.rotterdam_fall(s)
    assert after.numbers["base_rotterdam"] > before.numbers["base_rotterdam"]
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


def test_every_finding_has_a_one_sentence_version_with_its_own_numbers(data):
    for f in findings.key_findings(data):
        for lang in ("en", "nl"):
            short, full = f.short(lang), f.text(lang)
            assert short and short != full and len(short) < len(full), (f.key, lang)
            assert short.count(". ") == 0 or short.rstrip(".").count(". ") <= 1, (f.key, lang)
        en_numbers = re.findall(r"\d+(?:\.\d+)?", f.short_en)
        assert en_numbers and all(n in f.short_nl.replace(",", ".") for n in en_numbers), f.key
    md = findings.as_markdown(findings.key_findings(data), short=True)
    assert all(f.short_en in md for f in findings.key_findings(data))


def test_qualified_tonnes_keep_the_sources_hedge():
    assert findings.qualified(110000, "at_most", decimals=0) == "nearly 110 t"
    assert findings.qualified(110000, "at_most", "nl", 0) == "bijna 110 ton"
    assert findings.qualified(14000, "approx", decimals=0) == "about 14 t"
    assert findings.qualified(23000, "at_least", "nl", 0) == "ruim 23 ton"
    assert findings.qualified(70571, "exact") == "70.6 t"


def test_market_finding_measures_rotterdam_over_the_eu_years(data):
    f = findings.wider_market(data["seizures"])
    n = f.numbers
    from mainports_analysis.data.series import annual

    rtm = annual(data["seizures"], locations=["rotterdam"]).set_index("year")["value"]
    assert n["rotterdam_change"] == pytest.approx(rtm[n["eu_last_year"]] / rtm[n["eu_first_year"]] - 1)
    assert findings.pct(abs(n["rotterdam_change"])) in f.short_en and findings.pct(abs(n["rotterdam_change"]), "nl") in f.short_nl


def test_series_note_names_each_hubs_counting_system():
    note = findings.series_note({"rotterdam": "harc", "zwb": "customs"})
    assert note == "Port of Rotterdam: HARC; Zeeland–West-Brabant ports as Vlissingen (North Sea Port): Customs"


def test_funds_findings_compute_the_other_hubs_share(data):
    cmp = findings.compare_hubs(data["allocations"], data["seizures"])
    table = metrics.allocation_table(data["allocations"])
    md = findings.funds_findings(cmp, table)
    others = [h for h in cmp.funds.index if h != "rotterdam"]
    assert findings.pct(metrics.part_share(cmp.funds, others)) in md
    assert findings.eur_mln(cmp.funds[others].sum()) in md and md.startswith("- The four hubs outside Rotterdam")


def test_a_misspelt_measure_or_window_gets_a_suggestion(data):
    cmp = findings.compare_hubs(data["allocations"], data["seizures"])
    with pytest.raises(KeyError, match="did you mean 'cocaine_kg'"):
        cmp.shares("cocaine_kgs", "before")
    with pytest.raises(KeyError, match="did you mean 'before'"):
        cmp.means("cocaine_kg", "befor")


def test_series_note_in_prose_names_hubs_mid_sentence():
    note = findings.series_note({"rotterdam": "harc", "zwb": "customs", "schiphol": "customs"}, prose=True)
    assert note == "Rotterdam: HARC; the Zeeland–West-Brabant ports as Vlissingen (North Sea Port): Customs; Schiphol: Customs"


def test_year_pairs_are_named_up_to_three_then_counted():
    from mainports_analysis.report.findings import waterbed as wf

    two = [((2021,), (2022,)), ((2020, 2021), (2024,))]
    assert wf.year_pairs(two) == "2021 against 2022 and 2020–2021 against 2024"
    assert wf.year_pairs(two, "nl") == "2021 met 2022 en 2020–2021 met 2024"
    four = [((y,), (y + 3,)) for y in range(2018, 2022)]
    assert wf.year_pairs(four) == "four pairs of years" and wf.year_pairs(four, "nl") == "vier jaarparen"
    assert wf.year_pairs([]) == ""


def test_flow_table_labels_come_from_the_templates():
    from mainports_analysis.report.findings import waterbed as wf

    flow = pd.DataFrame({"indicator": ["rotterdam_kg", "new_series"], "first_year": [2021, 2021], "last_year": [2024, 2024],
                         "change": [-0.5, 0.25], "consistent_with": ["not_less_flow", "not_testable"]})
    en, nl = wf.flow_table(flow, "en"), wf.flow_table(flow, "nl")
    assert en.iloc[0].tolist() == ["Cocaine seized in the port of Rotterdam", "2021 → 2024", "−50%",
                                   "cocaine still arriving (less detection, smaller loads or interception elsewhere)"]
    assert en.iloc[1].tolist() == ["new_series", "", "", "cannot tell: no figure on both sides of the start"]
    assert nl.iloc[0, 0] == "In de Rotterdamse haven onderschepte cocaïne" and nl.iloc[0, 2] == "−50%"


def test_rival_readings_word_the_computed_verdicts(data):
    from mainports_analysis.analysis.hubs import _first_last

    table = findings.rival_readings(data)
    assert table.columns.tolist() == ["reading", "what the published data show", "can the data tell?"]
    assert table["reading"].tolist() == ["Less cocaine arriving in Europe", "Less cocaine found in Rotterdam",
                                         "Interception moved upstream", "Displacement to Vlissingen and the smaller Dutch ports",
                                         "Displacement to Antwerp", "Displacement further away"]
    rows = table.set_index("reading")
    m = findings.wider_market(data["seizures"]).numbers
    # upstream: the verdict follows the first and last NL-bound figure seized abroad
    up = rows.loc["Interception moved upstream"]
    assert up["can the data tell?"] == (f"{'Consistent with it' if m['abroad_last'] > m['abroad_first'] else 'Not supported'} "
                                        f"up to {m['abroad_last_year']}; no annual figure after {m['abroad_last_year']}.")
    assert up["what the published data show"].startswith("Cocaine bound for the Netherlands seized abroad: ")
    # less flow: EU tonnes and the purity years, as computed
    ind = data["indicators"]
    purity = ind[(ind["location"] == "nl_total") & (ind["metric"] == "cocaine_purity") & (ind["period"] == "FY")]
    py0, pv0, py1, pv1 = _first_last(purity.groupby("year")["value"].first().sort_index(), waterbed.START - 1)
    flow = rows.loc["Less cocaine arriving in Europe", "what the published data show"]
    assert f"from {findings.tonnes(m['eu_first'], decimals=0)} ({m['eu_first_year']})" in flow
    assert f"Dutch street purity {pv0:.1f}% ({py0}) and {pv1:.1f}% ({py1})" in flow
    # Antwerp: the year of the joint measures is the publication year of the source that classifies Antwerp
    assert "Joint Dutch–Belgian measures from 2023 (partly treated)." in rows.loc["Displacement to Antwerp", "what the published data show"]
    assert not table.map(lambda s: "{" in s or "  " in s or s != s.strip()).any().any()


def test_rival_readings_in_dutch_as_the_ministry_writes_it(data):
    en, nl = findings.rival_readings(data), findings.rival_readings(data, lang="nl")
    assert nl.columns.tolist() == ["verklaring", "wat de gepubliceerde cijfers laten zien", "kunnen de cijfers het onderscheiden?"]
    assert nl.shape == en.shape and nl.iloc[0, 0] == "Minder cocaïne die Europa bereikt"
    text = " ".join(nl.to_numpy().ravel())
    assert "inbeslagnames" in text and "controlegroep" in text and "jaarparen" in text
    assert not any(w in text for w in ("vangst", "paren jaren", "paar jaren", " mln", "Antwerp "))
    # the same numbers in Dutch notation: WDQ −0.15 reads −0,15
    assert "−0.15" in en.iloc[3, 1] and "−0,15" in nl.iloc[3, 1]
