"""The downloads: unambiguous units, the series the analysis uses with its rule, a dictionary, no formulas."""

from __future__ import annotations

import csv
import io
import json

import pandas as pd
import pytest

from mainports_analysis.data.products import downloads
from mainports_analysis.data.products.downloads import (
    export_frames,
    neutralise,
    series_frame,
    write_downloads,
)

EXTRA_SEIZURES = (
    # a bound beside the exact figure of the same year and system: the exact one is chosen
    't-rtm-2022-b,rotterdam,2022,FY,cocaine_kg,harc,46000,kg,at_least,final,test-nl,Ruim 46.000 kilo cocaïne.,synthetic\n'
    # the other counting system for the same year: kept, but not the one the analysis uses
    't-rtm-2022-c,rotterdam,2022,FY,cocaine_kg,customs,50,t,exact,final,test-en,"Customs counted 50 tonnes.",synthetic\n'
    # a malicious row: a formula in the notes, a leading minus and a tab in the quote
    't-rtm-2023,rotterdam,2023,FY,cocaine_kg,harc,12,t,exact,final,test-en,"-12 tonnes, a fall","=HYPERLINK(""http://evil.example"",""x"")"\n'
)


@pytest.fixture
def corpus(corpus_copy):
    path = corpus_copy / "raw" / "seizures.csv"
    path.write_text(path.read_text(encoding="utf-8") + EXTRA_SEIZURES, encoding="utf-8")
    return corpus_copy


def test_neutralise_prefixes_every_formula_start_and_leaves_numbers():
    frame = pd.DataFrame({
        "text": ["=1+1", "+SUM(A1)", "-2", "@cmd", "\tx", "\rx", "plain", "a=b", None],
        "n": [-1.5, 2, 3, 4, 5, 6, 7, 8, 9],
    })  # fmt: skip
    out = neutralise(frame)
    assert out["text"].tolist()[:8] == ["'=1+1", "'+SUM(A1)", "'-2", "'@cmd", "'\tx", "'\rx", "plain", "a=b"]
    assert pd.isna(out["text"].iloc[8])
    assert out["n"].tolist() == [-1.5, 2, 3, 4, 5, 6, 7, 8, 9] and out["n"].dtype == float


def test_malicious_row_is_text_in_every_export(corpus, tmp_path):
    write_downloads(tmp_path, corpus)
    for name in ("seizures", "series"):
        rows = list(csv.DictReader(io.StringIO((tmp_path / f"{name}.csv").read_text(encoding="utf-8"), newline="")))
        row = next(r for r in rows if r["record_id"] == "t-rtm-2023")
        assert row["quote"] == "'-12 tonnes, a fall"
        if name == "seizures":
            assert row["notes"] == "'=HYPERLINK(\"http://evil.example\",\"x\")"
        assert row["value_kg"] == "12000" and row["published_value"] == "12"  # numbers stay numbers
    for path in tmp_path.glob("*.csv"):
        for row in csv.reader(io.StringIO(path.read_text(encoding="utf-8"), newline="")):
            assert not any(cell.startswith(downloads.FORMULA_STARTS) for cell in row), (path.name, row)


def test_seizures_download_has_no_ambiguous_value_column(corpus):
    s = export_frames(corpus)["seizures"].set_index("record_id")
    assert "value" not in s and "unit" not in s and "quantity" not in s
    assert s.loc["t-rtm-2022", ["published_value", "published_unit", "value_kg"]].tolist() == [46.8, "t", 46800.0]
    assert pd.isna(s.loc["t-rtm-2022", "value_count"])
    assert s.loc["t-rtm-2022-n", "value_count"] == 109 and pd.isna(s.loc["t-rtm-2022-n", "value_kg"])
    t = export_frames(corpus)["throughput"].iloc[0]
    assert (t["published_value"], t["published_unit"], t["value_canonical"], t["canonical_unit"]) == (14.5, "million_teu", 14_500_000.0, "TEU")


def test_series_is_one_figure_per_place_year_and_system_with_its_rule(corpus):
    s = series_frame(corpus).set_index(["year", "metric", "series"])
    assert len(s) == 5 and s.index.is_unique
    exact = s.loc[(2022, "cocaine_kg", "harc")]
    assert (exact["record_id"], exact["value_kg"], exact["n_figures"]) == ("t-rtm-2022", 46800.0, 2)
    assert exact["rule"] == "exact figure preferred over an approximate one or a bound"
    assert exact["alternatives"] == "t-rtm-2022-b=46000"
    assert bool(exact["used_in_analysis"]) is True
    other = s.loc[(2022, "cocaine_kg", "customs")]
    assert (other["record_id"], other["rule"], bool(other["used_in_analysis"])) == ("t-rtm-2022-c", "only published figure", False)
    assert exact["quote"] == "In 2022, 46.8 tonnes were seized." and exact["url"] == "https://example.org/en"


def test_dictionary_covers_every_column_of_every_download(corpus, tmp_path):
    write_downloads(tmp_path, corpus)
    dictionary = pd.read_csv(tmp_path / "dictionary.csv", dtype=str, keep_default_na=False)
    documented = set(zip(dictionary["file"], dictionary["column"], strict=True))
    for path in sorted(tmp_path.glob("*.csv")):
        header = next(csv.reader(io.StringIO(path.read_text(encoding="utf-8"))))
        assert {(path.name, c) for c in header} <= documented, path.name
    assert len(documented) == len(dictionary)  # one row per column
    assert (dictionary["description"].str.len() > 0).all()
    units = dictionary.set_index(["file", "column"])["unit"]
    assert units[("seizures.csv", "value_kg")] == "kg" and units[("allocations.csv", "amount_eur_mln")] == "EUR million"


def test_downloads_descriptor_is_valid_frictionless(corpus, tmp_path):
    from frictionless import Package

    write_downloads(tmp_path, corpus)
    descriptor = json.loads((tmp_path / "datapackage.json").read_text())
    assert [r["name"] for r in descriptor["resources"]] == [
        "seizures", "throughput", "indicators", "allocations", "audit", "measures", "sources", "series", "hubs", "locations", "dictionary",
    ]  # fmt: skip
    report = Package(str(tmp_path / "datapackage.json")).validate()
    assert report.valid, [e.message for t in report.tasks for e in t.errors][:5]


def test_an_undocumented_column_is_an_error():
    with pytest.raises(KeyError, match="column 'mystery' has no entry in the data dictionary"):
        downloads.dictionary({"seizures": pd.DataFrame(columns=["record_id", "mystery"])})
