"""The measures vocabulary and the counts, timelines and tables built from it.

Small hand-made frames with exact expected values, a property test, and checks against the real
data/raw/measures.csv.
"""

from __future__ import annotations

import re

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mainports_analysis.analysis import measures as A
from mainports_analysis.analysis import money
from mainports_analysis.data import schemas
from mainports_analysis.data.registry import registry
from mainports_analysis.report import measure_labels as L
from mainports_analysis.report import measures as R

LINK = re.compile(r'^<a href="[^"]+"( title="[^"]*")?>[^<]+</a>')


def frame(rows: list[dict]) -> pd.DataFrame:
    """Measures with the columns load_measures() returns; unspecified columns get plain defaults."""
    base = {
        "hub": "rotterdam", "name_nl": "maatregel", "name_en": "measure", "red_line": "barriers",
        "cooperation": "none", "targets_displacement": False, "displacement_reason": None, "start_year": None,
        "status": "announced", "source_id": "src", "quote": "quote", "notes": "", "publisher": "Publisher",
        "published": "2023-01-01", "quality": "high", "url": "https://example.org/a", "title": "Title",
    }  # fmt: skip
    out = pd.DataFrame([{**base, "measure_id": f"m{i}", **r} for i, r in enumerate(rows)], columns=[*base, "measure_id"])
    out["start_year"] = out["start_year"].astype("Int64")
    return out


SMALL = [
    {"hub": "overarching", "red_line": "information_position", "cooperation": "both", "start_year": 2023},
    {"hub": "zwb", "red_line": "resilience", "cooperation": "public_private", "start_year": 2021},
    {"hub": "rotterdam", "red_line": "barriers", "start_year": 2023},
    {"hub": "rotterdam", "red_line": "barriers", "start_year": None},
    {"hub": "rotterdam", "red_line": "supervision_enforcement", "cooperation": "international", "start_year": 2023},
]
MEASURE_HUBS = ["rotterdam", "zwb", "schiphol", "nzkg", "flower_auctions", "overarching", "other_ports"]


# --------------------------------------------------------------------------------------------- vocabulary


def test_vocabularies_match_the_data_contract():
    assert tuple(L.RED_LINES) == schemas.RED_LINES
    assert tuple(L.COOPERATION) == schemas.COOPERATION
    assert tuple(L.STATUSES) == schemas.MEASURE_STATUSES


def test_every_term_has_both_labels_and_codes_are_unique():
    codes = [c for vocab in L.VOCABULARIES.values() for c in vocab]
    assert len(codes) == len(set(codes))
    for vocab in L.VOCABULARIES.values():
        for code, term in vocab.items():
            assert term.code == code and term.nl and term.en


@pytest.mark.parametrize(
    ("code", "nl", "en"),
    [
        ("barriers", "barrièrevorming", "barriers"),
        ("resilience", "weerbaarheid van personen en processen", "resilience of people and processes"),
        ("supervision_enforcement", "toezicht en handhaving", "supervision and enforcement"),
        ("information_position", "informatiepositie", "information position"),
        ("public_private", "publiek-privaat", "public–private"),
        ("in_force", "van kracht", "in force"),
        ("screening", "screening van havenpersoneel", "screening of port personnel"),
        ("rotterdam", "Haven Rotterdam", "Port of Rotterdam"),
        ("overarching", "Overkoepelende maatregelen", "Overarching measures"),
        (True, "ja", "yes"),
        (False, "nee", "no"),
        ("not_stated", "startjaar niet vermeld", "start year not stated"),
    ],
)
def test_labels_in_both_languages(code, nl, en):
    assert L.measure_label(code, "nl") == nl
    assert L.measure_label(code, "en") == en
    assert L.measure_label(code) == en


def test_label_rejects_unknown_codes_and_languages():
    with pytest.raises(KeyError):
        L.measure_label("bariers")
    with pytest.raises(ValueError, match="lang"):
        L.measure_label("barriers", "de")


def test_red_line_colours_are_distinct_and_not_hub_colours():
    colours = [t.colour for t in L.RED_LINES.values()]
    assert len(set(colours)) == len(colours)
    assert not set(colours) & {h.colour for h in registry().hubs.values()}


def test_measure_hubs_are_in_registry_order_without_budget_lines():
    assert A.measure_hubs() == MEASURE_HUBS


# --------------------------------------------------------------------------------------------- count_by


def test_count_by_is_complete_ordered_and_exact():
    table = A.count_by(frame(SMALL))
    expected = pd.DataFrame(
        [[2, 0, 1, 0], [0, 1, 0, 0], [0, 0, 0, 0], [0, 0, 0, 0], [0, 0, 0, 0], [0, 0, 0, 1], [0, 0, 0, 0]],
        index=pd.Index(MEASURE_HUBS, name="hub"),
        columns=pd.Index(list(schemas.RED_LINES), name="red_line"),
    )
    pd.testing.assert_frame_equal(table, expected)


def test_count_by_totals():
    table = A.count_by(frame(SMALL), cols="cooperation", totals=True)
    assert list(table.columns) == ["international", "public_private", "both", "none", "total"]
    assert list(table.index) == [*MEASURE_HUBS, "total"]
    assert table.loc["rotterdam"].tolist() == [1, 0, 0, 2, 3]
    assert table.loc["total"].tolist() == [1, 1, 1, 2, 5]
    assert table.loc["schiphol", "total"] == 0


def test_count_by_labels_in_both_languages():
    en = R.count_table(frame(SMALL), totals=True, lang="en")
    nl = R.count_table(frame(SMALL), totals=True, lang="nl")
    assert list(en.columns) == ["Barriers", "Resilience of people and processes", "Supervision and enforcement",
                                "Information position", "Total"]  # fmt: skip
    assert list(nl.columns) == ["Barrièrevorming", "Weerbaarheid van personen en processen", "Toezicht en handhaving",
                                "Informatiepositie", "Totaal"]  # fmt: skip
    assert en.index[0] == "Port of Rotterdam" and nl.index[0] == "Haven Rotterdam"
    assert en.index.name == "Hub" and nl.index.name == "Knooppunt"
    assert en.to_numpy().tolist() == nl.to_numpy().tolist()


def test_count_by_other_dimensions():
    table = A.count_by(frame(SMALL), rows="red_line", cols="targets_displacement")
    assert list(table.columns) == [True, False]
    assert table[False].tolist() == [2, 1, 1, 1]
    assert table[True].tolist() == [0, 0, 0, 0]


def test_count_by_empty_frame_is_all_zeros():
    table = A.count_by(frame([]))
    assert table.shape == (len(MEASURE_HUBS), 4)
    assert int(table.to_numpy().sum()) == 0


def test_count_by_refuses_values_outside_the_vocabulary():
    with pytest.raises(ValueError, match="outside the vocabulary"):
        A.count_by(frame([{"red_line": "prevention"}]))


def test_count_by_refuses_start_years():
    with pytest.raises(ValueError, match="timeline"):
        A.count_by(frame(SMALL), cols="start_year")


def test_count_by_keeps_an_unlisted_hub():
    table = A.count_by(frame([{"hub": "reservation"}]))
    assert table.index[-1] == "reservation" and int(table.to_numpy().sum()) == 1


# --------------------------------------------------------------------------------------------- timeline


def test_timeline_fills_empty_years_but_never_guesses_unknown_ones():
    table = A.timeline(frame(SMALL))
    assert list(table.columns) == [2021, 2022, 2023, "not_stated"]
    assert table.loc["rotterdam"].tolist() == [0, 0, 2, 1]
    assert table.loc["zwb"].tolist() == [1, 0, 0, 0]
    assert table.loc["overarching"].tolist() == [0, 0, 1, 0]
    assert table[2022].sum() == 0  # a year without measures: zero
    assert table["not_stated"].sum() == 1  # the undated measure is not in any year
    assert int(table.to_numpy().sum()) == len(SMALL)


def test_timeline_with_all_years_unknown():
    table = A.timeline(frame([{"start_year": None}, {"hub": "zwb", "start_year": None}]))
    assert list(table.columns) == ["not_stated"]
    assert table["not_stated"].tolist() == [1, 1, 0, 0, 0, 0, 0]


def test_timeline_given_years_and_totals():
    table = A.timeline(frame(SMALL), years=range(2020, 2025), totals=True)
    assert list(table.columns) == [2020, 2021, 2022, 2023, 2024, "not_stated", "total"]
    assert table.loc["total"].tolist() == [0, 1, 0, 3, 0, 1, 5]
    with pytest.raises(ValueError, match="outside"):
        A.timeline(frame(SMALL), years=[2023])


def test_timeline_labels():
    table = R.timeline_table(frame(SMALL), lang="nl")
    assert list(table.columns) == ["2021", "2022", "2023", "Startjaar niet vermeld"]


def test_dated_slots_measures_within_hub_and_year():
    out = A.dated(frame(SMALL))
    assert out["measure_id"].tolist() == ["m2", "m4", "m1", "m0"]
    assert out["slot"].tolist() == [0, 1, 0, 0]
    assert out["n_in_cell"].tolist() == [2, 2, 1, 1]
    assert out["start_year"].dtype == "int64"


def test_start_year_must_be_a_whole_year():
    bad = frame(SMALL)
    bad["start_year"] = bad["start_year"].astype("float64")
    bad.loc[0, "start_year"] = 2023.5
    with pytest.raises(ValueError, match="not a year"):
        A.timeline(bad)


@settings(max_examples=60, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.sampled_from(MEASURE_HUBS),
            st.sampled_from(list(schemas.RED_LINES)),
            st.sampled_from(list(schemas.COOPERATION)),
            st.one_of(st.none(), st.integers(2015, 2026)),
        ),
        max_size=30,
    )
)
def test_counts_always_add_up_to_the_number_of_measures(rows):
    f = frame([{"hub": h, "red_line": r, "cooperation": c, "start_year": y} for h, r, c, y in rows])
    n = len(rows)
    assert A.count_by(f, totals=True).loc["total", "total"] == n
    assert A.count_by(f, cols="cooperation").to_numpy().sum() == n
    tl = A.timeline(f)
    assert tl.to_numpy().sum() == n
    assert tl["not_stated"].sum() == sum(y is None for *_, y in rows)
    assert len(A.dated(f)) == n - tl["not_stated"].sum()


# --------------------------------------------------------------------------------------------- displacement


@pytest.mark.parametrize(
    ("hub", "reason", "kind"),
    [
        ("overarching", "Screening of port personnel across the seaports.", "screening"),
        ("overarching", "Part of the NL/BE shipping-line declaration (spans Rotterdam and Antwerp).", "shipping_lines"),
        ("rotterdam", "Checks on containers from risk countries.", "risk_containers"),
        ("other_ports", "Explicitly meant to stop smugglers moving to northern ports.", "smaller_ports"),
        ("overarching", "Monitoring explicitly meant to show whether displacement effects occur.", "monitoring"),
        ("overarching", "Cross-hub coordination; memo sub-goal.", "cross_hub"),
        ("overarching", "EU-wide coordination spanning ports in several member states.", "cross_hub"),
        ("overarching", None, "other"),
        ("overarching", "Something else.", "other"),
    ],
)
def test_displacement_kind(hub, reason, kind):
    assert A.displacement_kind(hub, reason) == kind


AIM = 'Cross-hub coordination. The memo: "samenwerking tussen de knooppunten om waterbedeffecten te voorkomen"'


def test_displacement_measures_selects_and_orders():
    f = frame(
        [
            {"hub": "overarching", "targets_displacement": True, "displacement_reason": AIM},
            {"hub": "rotterdam", "targets_displacement": False},
            {"hub": "rotterdam", "targets_displacement": True,
             "displacement_reason": 'Screening of port personnel. "om te voorkomen dat smokkelaars uitwijken"'},
            {"hub": "other_ports", "targets_displacement": True, "displacement_reason": 'The "waterbed-effect" is the reason.'},
            {"hub": "zwb", "targets_displacement": False,
             "displacement_reason": "Screening of port personnel. Related, not explicit: no aim stated."},
        ]
    )  # fmt: skip
    out = A.displacement_measures(f)
    assert out["measure_id"].tolist() == ["m0", "m2", "m3"]
    assert out["displacement_kind"].tolist() == ["cross_hub", "screening", "smaller_ports"]
    assert set(out["basis"]) == {"explicit"}
    rel = A.displacement_measures(f, basis="related")
    assert rel["measure_id"].tolist() == ["m4"] and rel["displacement_kind"].tolist() == ["screening"]
    both = A.displacement_measures(f, basis="all")
    assert both["measure_id"].tolist() == ["m0", "m2", "m4", "m3"]  # kind, then explicit before related
    table = R.displacement_measures_table(f)
    assert list(table.columns) == ["Kind", "Hub", "Measure", "Why it counts", "Source"]
    assert table["Kind"].tolist() == ["Cross-hub coordination", "Screening of port personnel", "Smaller-ports approach"]
    assert table.loc["m0", "Why it counts"] == "The memo: “samenwerking tussen de knooppunten om waterbedeffecten te voorkomen”"
    with pytest.raises(ValueError, match="basis"):
        A.displacement_measures(f, basis="implicit")


def test_an_explicit_displacement_measure_needs_a_quoted_aim():
    f = frame([{"targets_displacement": True, "displacement_reason": "Screening of port personnel across the seaports."}])
    with pytest.raises(ValueError, match=r"row m0: displacement_reason=.*must quote"):
        A.displacement_measures(f)
    f.loc[0, "displacement_reason"] = 'Screening. The source: "omdat hulp van binnenuit nodig is"'  # a quote, but no aim
    with pytest.raises(ValueError, match="row m0"):
        A.displacement_measures(f)


@pytest.mark.parametrize(
    ("reason", "expected"),
    [
        ('Kind. "Om een waterbedeffect te voorkomen, moeten we ook in het noorden" (own source)',
         A.AimQuote("Om een waterbedeffect te voorkomen, moeten we ook in het noorden")),
        ('First "geen doel" then "of er verplaatsingseffecten optreden" [source: knack-2023-02-x]',
         A.AimQuote("of er verplaatsingseffecten optreden", "knack-2023-02-x")),
        ('"Successes in one port will only move them to other ports"', A.AimQuote("Successes in one port will only move them to other ports")),
        ('"de criminaliteit verschuift"', A.AimQuote("de criminaliteit verschuift")),
        ('"hulp van binnenuit"', None),
        ("waterbed, but not quoted", None),
        (None, None),
    ],
)  # fmt: skip
def test_aim_quote(reason, expected):
    assert A.aim_quote(reason) == expected


def test_reason_text_for_display():
    sources = pd.DataFrame({"source_id": ["k"], "url": ["https://k.example/a"], "publisher": ["Knack"], "title": ["T"],
                            "published": ["2023-02"]})  # fmt: skip
    assert R.reason_text("Screening of port personnel. Related, not explicit: its source states no aim.") == (
        "Its source states no aim."
    )
    assert R.reason_text('Shipping-line declaration. The minister: "de criminaliteit verschuift & meer" [source: k]',
                         sources=sources) == (
        'The minister: “de criminaliteit verschuift &amp; meer” (<a href="https://k.example/a">Knack</a>, 2023-02)'
    )  # fmt: skip
    with pytest.raises(ValueError, match="sources="):
        R.reason_text('X. "verplaatsing" [source: k]')
    with pytest.raises(KeyError, match="no source_id 'nope'"):
        R.reason_text('X. "verplaatsing" [source: nope]', sources=sources)


def test_displacement_kind_from_the_leading_label():
    assert A.displacement_kind("overarching", "Monitoring of displacement. Screening is mentioned later.") == "monitoring"
    assert A.displacement_kind("zwb", "Checks on containers from risk countries. Related, not explicit.") == "risk_containers"


# --------------------------------------------------------------------------------------------- display table


def test_measures_table_links_every_row_or_says_there_is_no_url():
    f = frame(
        [
            {"url": "https://example.org/x?a=1&b=2", "publisher": "NU.nl (ANP)", "quote": 'a "quoted" <b>'},
            {"url": "", "publisher": "Ministerie van Justitie en Veiligheid", "title": "Kamerbrief", "published": None},
            {"url": None, "publisher": "P & Q", "title": "T <x>"},
        ]
    )
    table = R.measures_table(f)
    src = table["Source"]
    assert src["m0"] == (
        '<a href="https://example.org/x?a=1&amp;b=2" title="a &quot;quoted&quot; &lt;b&gt;">NU.nl (ANP)</a>, 2023-01-01'
    )
    assert src["m1"] == "Kamerbrief — Ministerie van Justitie en Veiligheid (not linked: no copy of the original in the sources read)"
    assert src["m2"] == "T &lt;x&gt; — P &amp; Q, 2023-01-01 (not linked: no copy of the original in the sources read)"
    for cell in src:
        assert LINK.match(cell) or cell.endswith(f"({R.NO_URL['en']})")


def test_measures_table_columns_order_and_values():
    f = frame(SMALL)
    f.loc[0, ["targets_displacement", "displacement_reason"]] = [True, AIM]
    f.loc[1, "displacement_reason"] = "Screening of port personnel. Related, not explicit: no aim stated."
    table = R.measures_table(f)
    assert list(table.columns) == ["Hub", "Measure", "Source", "Line of action", "Cooperation", "Start year", "Status",
                                   "Displacement"]  # fmt: skip
    assert table.index.tolist() == ["m2", "m3", "m4", "m1", "m0"]  # hub order, then red line, then id
    assert table.loc["m3", "Start year"] == "Start year not stated"
    assert table.loc["m4", "Start year"] == "2023"
    assert table.loc["m0", "Cooperation"] == "International and public–private"
    assert table.loc["m1", "Line of action"] == "Resilience of people and processes"
    assert table["Displacement"].to_dict() == {"m2": "No", "m3": "No", "m4": "No", "m1": "Related, not explicit",
                                               "m0": "Explicitly aimed at displacement"}  # fmt: skip


def test_measures_table_in_dutch():
    f = frame([{"url": ""}, {"name_nl": "Hekwerk", "hub": "zwb"}])
    table = R.measures_table(f, lang="nl")
    assert list(table.columns) == ["Knooppunt", "Maatregel", "Bron", "Rode lijn", "Samenwerking", "Startjaar", "Status",
                                   "Verplaatsing"]  # fmt: skip
    assert table.loc["m1", "Knooppunt"] == "Havens Zeeland – West-Brabant"
    assert table.loc["m1", "Maatregel"] == "Hekwerk"
    assert table.loc["m0", "Startjaar"] == "Startjaar niet vermeld"
    assert table.loc["m0", "Bron"].endswith("(niet gelinkt: geen kopie van het origineel in de geraadpleegde bronnen)")
    assert table.loc["m0", "Verplaatsing"] == "Nee"


def test_source_link_markdown():
    src = {"url": "https://example.org", "publisher": "Algemene Rekenkamer", "title": "Terugdringen", "published": "2024"}
    assert R.source_link(src, fmt="markdown") == "[Algemene Rekenkamer: “Terugdringen”](https://example.org), 2024"
    assert R.source_link({**src, "url": ""}, fmt="markdown") == (
        "Algemene Rekenkamer: “Terugdringen”, 2024 (not linked: no copy of the original in the sources read)"
    )
    with pytest.raises(ValueError):
        R.source_link(src, fmt="pdf")


# --------------------------------------------------------------------------------------------- summary, notes


def test_summary_counts():
    f = frame(SMALL)
    f.loc[0, "targets_displacement"] = True
    f.loc[0, "displacement_reason"] = AIM
    f.loc[3, "displacement_reason"] = "Checks on containers from risk countries. Related, not explicit: no aim."
    f.loc[1, "url"] = ""
    f.loc[1, "quote"] = "Gestart in 2021."
    for i in (0, 2, 4):
        f.loc[i, "notes"] = f'{A.SOURCE_DATE_MARK} (2023-05): "vandaag gestart".'
        f.loc[i, "published"] = "2023-05-01"
    f.loc[2, "source_id"] = A.FOCUS_AREA_SOURCES[0]
    s = A.summary(f)
    assert s.n == 5
    assert s.by_hub.tolist() == [3, 1, 0, 0, 0, 1, 0]
    assert s.by_red_line.tolist() == [2, 1, 1, 1]
    assert s.by_cooperation.tolist() == [1, 1, 1, 2]
    assert (s.international, s.public_private) == (2, 2)  # "both" counts for each
    assert (s.dated, s.not_dated) == (4, 1)
    assert s.by_start_year.to_dict() == {2021: 1, 2023: 3}
    assert s.displacement == 1 and s.by_displacement_kind["cross_hub"] == 1
    assert s.related_displacement == 1 and s.by_related_kind["risk_containers"] == 1
    assert (s.start_year_from_quote, s.start_year_from_source_date) == (1, 3)
    assert s.focus_areas == 1 and s.without_url == 1
    assert s.hubs_with_measures == ["rotterdam", "zwb", "overarching"]
    assert len(A.without_focus_areas(f)) == 4


def test_top_handles_ties():
    assert A.top(pd.Series({"a": 3, "b": 5, "c": 5})) == ["b", "c"]
    assert A.top(pd.Series(dtype="int64")) == []


def test_related_reads_ids_from_notes():
    f = frame([{"notes": "Later concrete steps: m2, m1."}, {"notes": "see m10"}, {"notes": ""}])
    assert A.related(f).values.tolist() == [["m0", "m1"], ["m0", "m2"]]


# --------------------------------------------------------------------------------------------- audit


def audit_frame() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "record_id": ["u", "a", "r"],
            "hubs": ["zwb|nzkg", "rotterdam|zwb|nzkg", "zwb|nzkg"],
            "period_start": [2022, 2022, 2022],
            "period_end": [2023, 2023, 2023],
            "metric": ["unspent", "allocated", "received"],
            "amount_eur_mln": [2.0, 10.0, 8.0],
            "source_id": ["s", "s", "s"],
        }
    )


def test_audit_money_and_unspent_share():
    table = R.audit_money(audit_frame())
    assert table["metric"].tolist() == ["allocated", "received", "unspent"]
    assert table["hubs"].tolist()[1] == "Zeeland–West-Brabant ports, North Sea Canal ports"
    assert table["n_hubs"].tolist() == [3, 2, 2]
    assert table["period"].tolist() == ["2022–2023"] * 3
    assert R.audit_money(audit_frame(), "nl")["hubs"].tolist()[0].startswith("Haven Rotterdam")
    assert money.unspent_share(audit_frame()) == pytest.approx(0.25)


def test_unspent_share_needs_matching_figures():
    a = audit_frame()
    a.loc[0, "hubs"] = "zwb"
    with pytest.raises(ValueError, match="same hubs"):
        money.unspent_share(a)


# --------------------------------------------------------------------------------------------- real data


@pytest.fixture(scope="module")
def real():
    from mainports_analysis import load_measures

    return load_measures()


def test_every_real_measure_appears_once_and_links_to_its_source(real):
    table = R.measures_table(real)
    assert table.index.is_unique
    assert sorted(table.index) == sorted(real["measure_id"].astype(str))
    for mid, cell in table["Source"].items():
        assert LINK.match(cell) or cell.endswith(f"({R.NO_URL['en']})"), mid
    no_url = real["url"].fillna("").astype(str).str.strip() == ""
    assert (~table["Source"].str.startswith("<a ")).sum() == no_url.sum()
    assert len(R.measures_table(real, lang="nl")) == len(real)


def test_real_counts_add_up(real):
    n = len(real)
    assert A.count_by(real, totals=True).loc["total", "total"] == n
    for cols in ("cooperation", "status", "targets_displacement"):
        assert A.count_by(real, cols=cols).to_numpy().sum() == n
    tl = A.timeline(real, totals=True)
    assert tl.loc["total", "total"] == n
    assert tl.loc["total", "not_stated"] == real["start_year"].isna().sum()
    by_line = real.groupby("red_line", observed=False).size()
    assert A.count_by(real).sum().to_dict() == {k: int(v) for k, v in by_line.items()}


def test_real_displacement_measures_are_all_classified(real):
    disp = A.displacement_measures(real)
    assert len(disp) == int(real["targets_displacement"].sum())
    assert "other" not in set(disp["displacement_kind"]), disp[["measure_id", "displacement_reason"]]


# --------------------------------------------------------------------------------------------- context helpers


def test_peak_takes_the_highest_value_and_the_earliest_year_on_a_tie():
    s = pd.DataFrame({"location": ["antwerp", "antwerp", "antwerp", "hamburg"], "metric": ["cocaine_kg"] * 4,
                      "year": [2020, 2021, 2022, 2021], "value": [5.0, 9.0, 9.0, 99.0]})  # fmt: skip
    assert A.peak(s, "antwerp") == (2021, 9.0)
    with pytest.raises(ValueError, match="no extractor_arrests figures for 'antwerp'"):
        A.peak(s, "antwerp", "extractor_arrests")
    with pytest.raises(ValueError, match=r"unknown location 'antwerpen' \(did you mean 'antwerp'\?\)"):
        A.peak(s, "antwerpen")
    with pytest.raises(ValueError, match=r"unknown metric 'cocaine_kgs' \(did you mean 'cocaine_kg'\?\)"):
        A.peak(s, "antwerp", "cocaine_kgs")


def test_programme_starts():
    a = pd.DataFrame({"programme": ["mainports", "mainports", "mainports", "predecessor"],
                      "kind": ["structural", "incidental", "structural", "incidental"],
                      "year": [2024, 2022, 2023, 2021]})  # fmt: skip
    assert money.programme_starts(a) == {"incidental": 2022, "structural": 2023}
    assert list(money.programme_starts(a)) == ["incidental", "structural"]


def test_note_quote_finds_the_verbatim_sentence_and_its_address():
    f = pd.DataFrame({"measure_id": ["a", "b"],
                      "notes": ['No quote here.', 'Report (https://example.org/x, read): "Het lijkt te werken." Fine.']})  # fmt: skip
    assert A.note_quote(f, "lijkt") == {"id": "b", "quote": "Het lijkt te werken.", "urls": ["https://example.org/x"]}
    with pytest.raises(LookupError):
        A.note_quote(f, "nulmeting")


def test_hub_series_on_the_real_data():
    from mainports_analysis import load_seizures

    s = A.context_series(load_seizures())
    assert list(s.columns) == ["hub", "location", "metric", "year", "value", "series", "record_id", "publisher"]
    kg = s[s["metric"] == "cocaine_kg"]
    assert set(kg["hub"]) <= {h for h, loc in A.HUB_SERIES.items() if loc}
    assert "flower_auctions" not in set(s["hub"])  # no published series: a gap, not a zero
    assert set(s.loc[s["metric"] == "extractor_arrests", "location"]) == {"rotterdam"}
    assert not s.duplicated(["location", "metric", "year"]).any()


# --------------------------------------------------------------------------------------------- start years


def test_start_year_basis_follows_the_rule():
    f = frame(
        [
            {"start_year": 2025, "quote": "per 3 maart 2025 uitgebreid"},
            {"start_year": 2023, "published": "2023-03", "notes": f'Lead. {A.SOURCE_DATE_MARK} (2023-03): "net gestart".'},
            {"start_year": None},
            {"start_year": 2021, "quote": "ruim 12021 kilo"},  # a longer number is not the year
        ]
    )
    with pytest.raises(ValueError, match=r"raw/measures\.csv: row m3: start_year=2021"):
        A.start_year_basis(f)
    basis = A.start_year_basis(f.iloc[:3])
    assert basis.tolist() == ["quote", "source_date", None]


@pytest.mark.parametrize(
    "change",
    [
        {"published": "2022-12"},  # the source's date is in another year
        {"notes": 'Start year from the lead (2023-03): "net gestart".'},  # no marker
        {"notes": f"{A.SOURCE_DATE_MARK} (2023-03)."},  # marker without the sentence
        {"notes": f'{A.SOURCE_DATE_MARK} (2024-01): "net gestart".'},  # marker for another year
    ],
)
def test_a_source_date_start_year_needs_marker_sentence_and_matching_date(change):
    row = {"start_year": 2023, "published": "2023-03", "notes": f'{A.SOURCE_DATE_MARK} (2023-03): "net gestart".', **change}
    with pytest.raises(ValueError, match="row m0: start_year=2023"):
        A.start_year_basis(frame([row]))


def test_every_real_start_year_is_supported(real):
    basis = A.start_year_basis(real)
    assert (basis.notna()).sum() == real["start_year"].notna().sum()
    s = A.summary(real)
    assert s.start_year_from_quote + s.start_year_from_source_date == s.dated


# --------------------------------------------------------------------------------------------- sentences


def test_listing_in_both_languages():
    assert R.listing([]) == ""
    assert R.listing(["a"]) == "a"
    assert R.listing(["a", "b"]) == "a and b"
    assert R.listing(["a", "b", "c"], "nl") == "a, b en c"
    assert R.listing([1, 2, 3]) == "1, 2 and 3"


def test_red_line_balance():
    even = A.red_line_balance(pd.Series({"barriers": 13, "resilience": 16, "supervision_enforcement": 18,
                                         "information_position": 16}))  # fmt: skip
    assert (even.low, even.high, even.top, even.margin, even.dominant) == (13, 18, ["supervision_enforcement"], 2, None)
    lead = A.red_line_balance(pd.Series({"barriers": 4, "resilience": 6, "information_position": 3}))
    assert lead.dominant == "resilience" and lead.margin == 2
    tie = A.red_line_balance(pd.Series({"barriers": 9, "resilience": 9, "information_position": 2}))
    assert tie.dominant is None and tie.margin == 0 and tie.top == ["barriers", "resilience"]
    with pytest.raises(ValueError):
        A.red_line_balance(pd.Series(dtype="int64"))


def test_titles_and_sentences_state_the_counts():
    s = A.summary(frame([{"hub": "zwb", "red_line": r} for r in ("barriers", "resilience", "resilience")]))
    assert R.red_lines_title(s) == "Zeeland–West-Brabant ports: largest group (3 of 3); resilience of people and processes is the most frequent line of action (2 of 3)"
    assert R.red_lines_sentence(s, bold=True) == (
        "**Resilience of people and processes dominates.** It has 2 of the 3 measures, against 0 for the smallest line of action."
    )
    even = A.summary(frame([{"red_line": r} for r in schemas.RED_LINES] * 3 + [{"red_line": "barriers"}]))
    assert R.red_lines_title(even).endswith("no line of action dominates (3–4 each)")  # 4 < 1.5 × 3
    assert R.red_lines_sentence(even) == (
        "No line of action dominates. Each has between 3 and 4 measures. Barriers leads by 1 measure, too few to call it dominant."
    )
    assert R.red_lines_title(even, "nl").startswith("Haven Rotterdam: grootste groep (13 van 13)")
    assert R.timeline_title(even) == "Only 0 of 13 measures have a start year in their sources; 13 have none"


def alloc_frame() -> pd.DataFrame:
    rows = [("rotterdam", 2023, False, 13.5, "structural"), ("rotterdam", 2024, False, 16.0, "structural"),
            ("rotterdam", 2025, True, 16.5, "structural"), ("zwb", 2025, True, 4.0, "structural"),
            ("total", 2025, True, 20.5, "structural"), ("reservation", 2024, False, 5.0, "reservation"),
            ("zwb", 2022, False, 2.5, "incidental")]  # fmt: skip
    return pd.DataFrame(
        [{"record_id": f"r{i}", "hub": h, "year": y, "recurring": r, "amount_eur_mln": a, "kind": k,
          "programme": "mainports", "status": "decided"} for i, (h, y, r, a, k) in enumerate(rows)]
    )  # fmt: skip


def test_structural_money_is_defined_once_from_the_rows():
    found = money.structural_money(alloc_frame())
    assert found == money.StructuralMoney(2023, 2025, 20.5)  # the total row is not added to the hub rows
    assert R.structural_text(found) == "structural money: a ramp-up from 2023, the full EUR 20.5 mln a year from 2025"
    assert R.structural_text(found, "nl") == (
        "structureel geld: oplopend vanaf 2023, het volle bedrag van € 20,5 miljoen per jaar vanaf 2025"
    )
    a = alloc_frame()
    a["recurring"] = False
    with pytest.raises(ValueError, match="recurring"):
        money.structural_money(a)


def test_real_structural_money_matches_the_memo():
    from mainports_analysis import load_allocations

    assert money.structural_money(load_allocations()) == money.StructuralMoney(2023, 2025, 29.0)


# --------------------------------------------------------------------------------------------- exports, html


def test_exports_have_a_hub_column():
    f = frame(SMALL)
    red = R.export_red_lines(f)
    assert list(red.columns) == ["hub", "Barriers", "Resilience of people and processes", "Supervision and enforcement",
                                 "Information position", "Total"]  # fmt: skip
    assert red["hub"].tolist()[0] == "Port of Rotterdam" and red["hub"].tolist()[-1] == "Total"
    assert red.loc[red["hub"] == "Port of Rotterdam", "Total"].item() == 3
    tl = R.export_timeline(f)
    assert list(tl.columns) == ["hub", "2021", "2022", "2023", "Start year not stated", "Total"]
    assert tl.loc[tl["hub"] == "Total", "Start year not stated"].item() == 1


def test_export_series_adds_names_and_units():
    s = pd.DataFrame({"hub": ["rotterdam", "rotterdam"], "location": ["rotterdam", "rotterdam"],
                      "metric": ["cocaine_kg", "extractor_arrests"], "year": [2021, 2021], "value": [70000.0, 400.0],
                      "series": ["harc", "police"], "record_id": ["a", "b"], "publisher": ["P", "Q"]})  # fmt: skip
    out = R.export_series(s)
    assert list(out.columns)[:6] == ["hub_name", "hub", "location_name", "location", "metric", "unit"]
    assert out["unit"].tolist() == ["kg", "arrests (count)"]
    with pytest.raises(ValueError, match="no unit"):
        R.export_series(s.assign(metric=["cocaine_kg", "purity"]))


def test_house_style_tables_are_plain_stable_html():
    f = frame(SMALL)
    coop = R.cooperation_html(f).data
    assert coop.startswith('<table class="table table-sm dataframe"><thead><tr><th>Hub</th><th class="num">International</th>')
    assert ('<td>Port of Rotterdam</td><td class="num">1</td><td class="num">0</td><td class="num">0</td>'
            '<td class="num">2</td><td class="num">3</td>') in coop
    assert "id=" not in coop and "T_" not in coop  # no Styler ids
    f.loc[0, ["targets_displacement", "displacement_reason"]] = [True, AIM]
    disp = R.displacement_html(f).data
    assert "<td>The memo: “samenwerking tussen de knooppunten om waterbedeffecten te voorkomen”</td>" in disp
    assert R.displacement_html(f).data == disp  # deterministic


def test_source_of():
    sources = pd.DataFrame({"source_id": ["a", "b"], "title": ["A", "B"]})
    assert R.source_of(sources, "b")["title"] == "B"
    with pytest.raises(KeyError, match="'c'"):
        R.source_of(sources, "c")


# --------------------------------------------------------------------------------------------- real displacement


def test_real_explicit_measures_quote_their_aim_and_related_ones_do_not(real):
    explicit = A.displacement_measures(real)
    for mid, reason in zip(explicit["measure_id"], explicit["displacement_reason"], strict=True):
        assert A.aim_quote(reason) is not None, mid
    related = A.displacement_measures(real, basis="related")
    assert len(related) > 0
    assert set(related["displacement_kind"]) <= {"screening", "risk_containers", "shipping_lines", "cross_hub"}
    for reason in related["displacement_reason"]:
        assert "Related, not explicit" in reason
    from mainports_analysis import load_sources

    table = R.displacement_measures_table(real, sources=load_sources())
    assert not table["Why it counts"].str.contains(r"\[source:").any()  # citations became links


# --------------------------------------------------------------------------------------------- figures, finding


def test_dot_positions_spread_shared_cells_without_overlap():
    from mainports_analysis.report.charts.measures import dot_positions

    dots = A.dated(frame([{"start_year": 2023}] * 4 + [{"hub": "zwb", "start_year": 2021}]))
    pos = dot_positions(dots, A.measure_hubs())
    rtm = pos[pos["hub"] == "rotterdam"]
    assert rtm["x"].round(2).tolist() == [2022.76, 2023.0, 2023.24, 2023.0]
    assert rtm["y"].round(2).tolist() == [-0.17, -0.17, -0.17, 0.17]
    assert not pos.duplicated(["x", "y"]).any()
    assert pos.loc[pos["hub"] == "zwb", ["x", "y"]].values.tolist() == [[2021.0, 1.0]]


def test_milestones_and_figures_use_the_library_titles():
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    from mainports_analysis.report.charts import measures as P

    assert P.milestones(alloc_frame()) == {
        "incidental": (2022, "incidental money (2022)"),
        "ramp_up": (2023, "structural money from 2023"),
        "full": (2025, "EUR 20.5 mln a year from 2025"),
    }
    f = frame(SMALL)
    f.loc[[0, 2, 4], "quote"] = "sinds 2023"
    f.loc[1, "quote"] = "sinds 2021"
    s = A.summary(f)
    fig = P.red_lines_figure(f, s)
    assert fig.texts[0].get_text().replace("\n", " ") == R.red_lines_title(s)
    plt.close(fig)
    series = pd.DataFrame({"hub": ["rotterdam"] * 3, "location": ["rotterdam"] * 3,
                           "metric": ["cocaine_kg", "cocaine_kg", "extractor_arrests"], "year": [2021, 2022, 2021],
                           "value": [70000.0, 46000.0, 400.0], "series": ["harc"] * 3, "record_id": ["a", "b", "c"],
                           "publisher": ["P"] * 3})  # fmt: skip
    fig = P.timeline_figure(f, series, alloc_frame(), s)
    top = fig.axes[0]
    assert fig.texts[0].get_text().replace("\n", " ") == R.timeline_title(s)
    assert sum(len(c.get_offsets()) for c in top.collections) == s.dated  # one dot per dated measure
    assert [t.get_text() for t in top.texts] == ["+1 undated"]
    # one legend below the panels (issue 15: off the data): the red lines first, the money milestones last
    legend = [t.get_text() for t in fig.axes[2].get_legend().get_texts()]
    assert legend[: len(L.RED_LINES)] == [t.en.capitalize() for t in L.RED_LINES.values()]
    money = [text for _, text in P.milestones(alloc_frame()).values()]
    assert legend[-len(money):] == money
    plt.close(fig)


def test_monitoring_finding_takes_its_numbers_and_period_from_the_data(real):
    from mainports_analysis import load_audit
    from mainports_analysis.report import findings

    audit = load_audit()
    f = findings.monitoring(real, audit)
    allocated = R.audit_money(audit).set_index("metric").loc["allocated"]
    assert f.numbers["displacement_measures"] == len(A.displacement_measures(real))
    assert f.numbers["period"] == allocated["period"]
    assert f"allocated in {allocated['period']}" in f.text_en and f"in {allocated['period']}" in f.text_nl
    assert f"{len(real)} measures" in f.text_en
    doubled = pd.concat([audit, audit[audit["metric"].astype(str) == "allocated"]], ignore_index=True)
    with pytest.raises(ValueError, match="one 'allocated'"):
        findings.monitoring(real, doubled)


# --------------------------------------------------------------------------------------------- layers, one definition


def test_kind_leads_in_the_data_are_the_english_labels():
    for code, lead in A.KIND_LEADS.items():
        assert L.cap(L.DISPLACEMENT_KINDS[code].en) == lead


def test_analysis_gives_codes_and_numbers_and_the_report_gives_words():
    f = frame(SMALL)
    assert list(A.count_by(f).columns) == list(schemas.RED_LINES) and A.count_by(f).index[0] == "rotterdam"
    assert list(R.count_table(f).columns)[0] == "Barriers" and R.count_table(f).index[0] == "Port of Rotterdam"
    figures = money.audit_figures(audit_frame())
    assert figures["hubs"].tolist()[1] == ("zwb", "nzkg") and "period" not in figures
    assert figures["amount_eur_mln"].tolist() == [10.0, 8.0, 2.0]


def test_the_charts_and_briefing_read_the_one_definition():
    from mainports_analysis.analysis import hubs
    from mainports_analysis.report.charts import measures as P

    assert P.M.programme_starts is money.programme_starts and P.M.count_by is A.count_by
    assert A.HUB_SERIES == {"rotterdam": "rotterdam", "zwb": "vlissingen", "schiphol": "schiphol", "nzkg": "nzkg_ports",
                            "flower_auctions": None}  # fmt: skip
    assert {h: loc for h, loc in A.HUB_SERIES.items() if loc} == hubs.FUNDED_SEAPORT_SERIES
    assert R.listing is R.and_list


# --------------------------------------------------------------------------------------------- asked wrong


def test_measures_functions_say_what_was_meant():
    from mainports_analysis import load_seizures

    with pytest.raises(ValueError, match=r"unknown basis 'explict' \(did you mean 'explicit'\?\)"):
        A.displacement_measures(frame(SMALL), basis="explict")
    with pytest.raises(ValueError, match=r"unknown dimension 'red_lines' \(did you mean 'red_line'\?\)"):
        A.count_by(frame(SMALL), cols="red_lines")
    with pytest.raises(KeyError, match=r"no label for 'barrier' \(did you mean 'barriers'\?\)"):
        L.measure_label("barrier")
    with pytest.raises(KeyError, match=r"unknown series location 'roterdam' \(did you mean 'rotterdam'\?\)"):
        A.context_series(load_seizures(), locations={"rotterdam": "roterdam"})
    with pytest.raises(KeyError, match=r"unknown hub 'zwbb' \(did you mean 'zwb'\?\)"):
        A.context_series(load_seizures(), locations={"zwbb": "vlissingen"})
    with pytest.raises(KeyError, match=r"unknown location 'rotterdm' \(did you mean 'rotterdam'\?\)"):
        A.context_series(load_seizures(), arrests=["rotterdm"])
    with pytest.raises(ValueError, match=r"unknown audit metric 'recieved' \(did you mean 'received'\?\)"):
        money._audit_rows(audit_frame(), "recieved")


# --------------------------------------------------------------------------------------------- page text, en and nl


@pytest.fixture(scope="module")
def page_data(real):
    from mainports_analysis import load_allocations, load_audit, load_sources

    return {"measures": real, "audit": load_audit(), "sources": load_sources(), "allocations": load_allocations(),
            "s": A.summary(real)}  # fmt: skip


@pytest.mark.parametrize("lang", ["en", "nl"])
def test_every_section_of_the_page_renders_with_numbers_from_the_data(page_data, lang):
    d = page_data
    s = d["s"]
    sections = [
        R.key_findings(d["measures"], d["audit"], d["allocations"], s, lang),
        R.start_years(d["measures"], s, lang),
        R.record(d["measures"], d["audit"], d["sources"], s, lang),
        R.findings(d["measures"], s, lang),
        R.caveats(d["measures"], d["sources"], d["audit"], s, lang),
    ]
    for text in sections:
        assert text and "{{" not in text and "None" not in text
    n = "measures" if lang == "en" else "maatregelen"
    assert f"**{s.n} {n}**" in sections[0]
    assert f"{s.dated}" in sections[1] and f"{s.n}" in sections[1]
    assert sections[3].startswith("1. ") and sections[3].count("\n") == 4
    joiner = " and " if lang == "en" else " en "
    assert joiner in sections[0]
    if lang == "nl":
        assert "€ 35 miljoen" in sections[0] and " and " not in sections[0].replace("Port of", "")


def test_structural_text_and_titles_in_dutch():
    s = A.summary(frame([{"hub": "zwb", "red_line": r} for r in ("barriers", "resilience", "resilience")]))
    assert R.red_lines_title(s, "nl") == (
        "Havens Zeeland – West-Brabant: grootste groep (3 van 3); weerbaarheid van personen en processen is de "
        "vaakst genoemde rode lijn (2 van 3)"
    )
    assert R.red_lines_sentence(s, lang="nl") == (
        "Weerbaarheid van personen en processen overheerst. Deze rode lijn telt 2 van de 3 maatregelen, tegen 0 voor de "
        "kleinste."
    )
    assert R.timeline_title(s, "nl") == "Slechts 0 van de 3 maatregelen hebben een startjaar in hun bron; 3 niet"
    assert R.displacement_where(frame([]), lang="nl") == ""


def test_folded_parts_sit_under_their_summary():
    """Issue 15: tables and secondary text fold under a summary line; unfolded they are unchanged."""
    from mainports_analysis.report.findings.seizures import fold_markdown

    m = frame([{"hub": "zwb", "red_line": "barriers"}])
    folded_html = R.cooperation_html(m, fold=True).data
    assert folded_html.startswith('<details class="folded"><summary>Show the measures per hub by cooperation (table)</summary>')
    assert folded_html.endswith("</details>") and R.cooperation_html(m)._repr_html_() in folded_html
    assert R._fold_markdown("- a", "caveats", "nl", True) == '<details class="folded"><summary>Toon de kanttekeningen</summary>\n\n- a\n\n</details>'
    assert R._fold_markdown("- a", "caveats", "en", False) == "- a"
    assert fold_markdown("x", "A & B") == '<details class="folded"><summary>A &amp; B</summary>\n\nx\n\n</details>'
