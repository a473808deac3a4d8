"""The validator on a corpus of broken inputs: each case names the exact file, row, column and rule.

tests/corpus/valid holds a small, valid, synthetic data set; tests/corpus/broken/<case>/ holds one
file with one defect, laid over a copy of the valid set.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from mainports_analysis.data.validate import validate

BROKEN = Path(__file__).parent / "corpus" / "broken"

# case → (file, row, column, rule prefix) of the one error expected
CASES = {
    "negative_kg": ("raw/seizures.csv", 2, "value", "value below 0"),
    "unknown_hub": ("raw/allocations.csv", 3, "hub", "unknown hub id (not in data/reference/hubs.csv); did you mean 'zwb'?"),
    "bad_year": ("raw/seizures.csv", 4, "year", "year above"),
    "year_not_integer": ("raw/seizures.csv", 4, "year", "not an integer"),
    "duplicate_key": ("raw/seizures.csv", 4, "record_id", "duplicate key: already used on line 3"),
    "missing_source": ("raw/seizures.csv", 3, "source_id", "unknown source id (not in raw/sources.csv)"),
    "unknown_category": ("raw/seizures.csv", 4, "series", "not one of: harc, customs"),
    "comma_decimal": ("raw/allocations.csv", 2, "amount_eur_mln", "comma used as decimal separator"),
    "empty_file": ("raw/seizures.csv", 1, "-", "empty file: expected a header row"),
    "non_utf8": ("raw/seizures.csv", 2, "quote", "not UTF-8: save the file as UTF-8"),
    "unit_in_number": ("raw/seizures.csv", 3, "value", "not a plain number"),
    "tonnes_for_counts": ("raw/seizures.csv", 4, "unit", "unit does not fit metric cocaine_seizures (use count)"),
    "unknown_location": ("raw/seizures.csv", 3, "location", "unknown location id (not in data/reference/locations.csv); did you mean 'rotterdam'?"),
    "extra_column": ("raw/seizures.csv", 1, "extra", "unknown column"),
    "number_not_in_quote": ("raw/seizures.csv", 4, "value", "number not printed in the quote"),
    "tonnes_as_kg": ("raw/seizures.csv", 3, "unit", 'the quote prints tonnes ("46.8 tonnes"); use unit t'),
    "kg_as_tonnes": ("raw/seizures.csv", 2, "unit", 'the quote prints kilograms ("70.000 kilo"); use unit kg'),
    "impossible_date": ("raw/sources.csv", 3, "published", "not a real calendar date"),
}


def _overlay(corpus_copy: Path, case: str) -> Path:
    for f in (BROKEN / case).iterdir():
        shutil.copy(f, corpus_copy / "raw" / f.name)
    return corpus_copy


def test_valid_corpus_has_no_problems(corpus_copy):
    report = validate(corpus_copy)
    assert report.problems == []
    assert report.ok


def test_every_broken_case_is_covered():
    assert {p.name for p in BROKEN.iterdir()} == set(CASES) | {"wrong_header", "bom_crlf_blanks"}


@pytest.mark.parametrize("case", sorted(CASES))
def test_broken_case_reports_file_row_column_rule(corpus_copy, case):
    file, row, column, rule = CASES[case]
    report = validate(_overlay(corpus_copy, case))
    assert len(report.errors) == 1, [str(p) for p in report.errors]
    p = report.errors[0]
    assert (p.file, p.row, p.column) == (file, row, column)
    assert p.rule.startswith(rule), p.rule
    assert str(p).startswith(f"{file}:{row}: {column}=" if column != "-" else f"{file}:{row}: {rule}")


def test_wrong_header_names_the_renamed_and_the_missing_column(corpus_copy):
    report = validate(_overlay(corpus_copy, "wrong_header"))
    assert [str(p) for p in report.errors] == [
        "raw/seizures.csv:1: valeu=valeu: unknown column (renamed? expected 'value')",
        "raw/seizures.csv:1: value=: missing column",
    ]


def test_bom_crlf_and_blanks_are_read_with_warnings(corpus_copy):
    report = validate(_overlay(corpus_copy, "bom_crlf_blanks"))
    assert report.errors == []
    rules = sorted(p.rule for p in report.warnings)
    assert any(r.startswith("byte-order mark") for r in rules)
    assert any(r.startswith("Windows line endings") for r in rules)
    assert any(r.startswith("leading or trailing blanks") for r in rules)
    frame = report.tables["seizures"].frame
    assert frame.loc[frame["record_id"] == "t-rtm-2022", "location"].item() == "rotterdam"


def test_missing_file_is_an_error(corpus_copy):
    (corpus_copy / "raw" / "throughput.csv").unlink()
    report = validate(corpus_copy)
    assert [(p.file, p.rule.split(" (")[0]) for p in report.errors] == [("raw/throughput.csv", "file is missing")]
    assert str(report.errors[0]).startswith("raw/throughput.csv: file is missing (expected ")


def test_row_with_too_many_fields(corpus_copy):
    path = corpus_copy / "raw" / "audit.csv"
    path.write_text(path.read_text(encoding="utf-8") + "t2,zwb,2022,2023,spent,1,test-nl,1 miljoen,x,extra\n", encoding="utf-8")
    report = validate(corpus_copy)
    assert [str(p) for p in report.errors] == ["raw/audit.csv:3: 10 fields: row has 10 fields, the header has 9"]


def test_source_id_with_no_source_and_unused_source(corpus_copy):
    path = corpus_copy / "raw" / "measures.csv"
    path.write_text(path.read_text(encoding="utf-8").replace(",test-nl,De minister", ",jenv-x,De minister"), encoding="utf-8")
    report = validate(corpus_copy)
    assert [(p.file, p.row, p.column) for p in report.errors] == [("raw/measures.csv", 3, "source_id")]


def test_problem_lines_follow_multiline_quotes(corpus_copy):
    """A quote spanning two lines shifts the line numbers of later rows; the report follows the file."""
    path = corpus_copy / "raw" / "seizures.csv"
    text = path.read_text(encoding="utf-8").replace(
        "In 2021 is hier ruim 70.000 kilo", '"In 2021 is hier\nruim 70.000 kilo'
    ).replace("in beslag genomen.,synthetic", 'in beslag genomen.",synthetic', 1)
    text = text.replace("t-rtm-2022-n,rotterdam,2022,", "t-rtm-2022-n,rotterdam,2099,")
    path.write_text(text, encoding="utf-8")
    report = validate(corpus_copy)
    assert [(p.row, p.column) for p in report.errors] == [(5, "year")]


def test_displacement_flag_needs_a_reason(corpus_copy):
    path = corpus_copy / "raw" / "measures.csv"
    path.write_text(path.read_text(encoding="utf-8").replace("true,Same rules at every port,", "true,,"), encoding="utf-8")
    report = validate(corpus_copy)
    assert [str(p) for p in report.errors] == ["raw/measures.csv:3: displacement_reason=: required when targets_displacement is true"]


# ------------------------------------------------------------------ mass units: the quote's word decides


def _seizure_row(record_id: str, value: str, unit: str, quote: str, source: str = "test-nl") -> str:
    return f"{record_id},rotterdam,2023,FY,cocaine_kg,harc,{value},{unit},exact,final,{source},\"{quote}\",synthetic\n"


def _append_seizures(corpus_copy: Path, *rows: str) -> None:
    path = corpus_copy / "raw" / "seizures.csv"
    path.write_text(path.read_text(encoding="utf-8") + "".join(rows), encoding="utf-8")


def test_unit_is_read_next_to_its_own_number_when_a_quote_prints_several(corpus_copy):
    quote = "In 2024 is er ongeveer 44.000 kilo gepakt, vergeleken met 116 ton in 2023."
    _append_seizures(
        corpus_copy,
        _seizure_row("m-kg", "44000", "kg", quote),  # right: 44.000 kilo
        _seizure_row("m-t", "116", "t", quote),  # right: 116 ton
        _seizure_row("m-kg-wrong", "116", "kg", quote),  # line 7: 116 is printed in tonnes
        _seizure_row("m-t-wrong", "44000", "t", quote),  # line 8: 44.000 is printed in kilograms
    )
    report = validate(corpus_copy)
    assert [str(p) for p in report.errors] == [
        'raw/seizures.csv:7: unit=kg: the quote prints tonnes ("116 ton"); use unit t',
        'raw/seizures.csv:8: unit=t: the quote prints kilograms ("44.000 kilo"); use unit kg',
    ]


@pytest.mark.parametrize(
    ("quote", "value", "unit", "source", "words"),
    [
        ("Im gesamten vorigen Jahr seien in Algeciras insgesamt 14 Tonnen", "14", "kg", "test-nl", "14 Tonnen"),
        ("Il porto ha sequestrato 6 tonnellate di cocaina", "6", "kg", "test-nl", "6 tonnellate"),
        ("Em 2018, 50,6 toneladas da droga foram apreendidas", "50.6", "kg", "test-nl", "50,6 toneladas"),
        ("Vigilancia Aduanera se incautó de 90 toneladas de cocaína", "90", "kg", "test-nl", "90 toneladas"),
        ("par rapport à 2017 (41,2 t)", "41.2", "kg", "test-nl", "41,2 t"),
        ("Belgian customs seized 22 metric tons, down from 43", "22", "kg", "test-en", "22 metric tons"),
        ("Shipments totalling 89,450kg were intercepted in Antwerp", "89450", "t", "test-en", "89,450kg"),
        ("Der Zoll hat 2018 423 Kilogramm Kokain sichergestellt.", "423", "t", "test-nl", "423 Kilogramm"),
        ("con 13.364,95 chili sequestrati nel corso del 2021", "13364.95", "t", "test-nl", "13.364,95 chili"),
        ("face aos 5.540,68 quilos apreendidos em 2018", "5540.68", "t", "test-nl", "5.540,68 quilos"),
        ("Het aantal kilo’s cocaïne (13.312) ligt ver boven het record", "13312", "t", "test-nl", "kilo’s"),
    ],
)
def test_unit_words_in_each_language(corpus_copy, quote, value, unit, source, words):
    _append_seizures(corpus_copy, _seizure_row("m-1", value, unit, quote, source))
    right = "t" if unit == "kg" else "kg"
    name = "tonnes" if right == "t" else "kilograms"
    assert [str(p) for p in validate(corpus_copy).errors] == [
        f'raw/seizures.csv:5: unit={unit}: the quote prints {name} ("{words}"); use unit {right}'
    ]


@pytest.mark.parametrize(
    ("quote", "value", "unit"),
    [
        ("In de havens van Zeeland-West Brabant werd 12.664 gevonden.", "12664", "t"),  # no unit word at all
        ("In de havens werd 2.800 kilo heroïne en 43 ton cocaïne gevonden, in 2022: 12", "12", "kg"),  # bare, both units
        ("Belgium (123 tonnes), Spain (118) and the Netherlands (59)", "118", "t"),  # bare: the quote's one unit
        ("Rund 380 Kilogramm Kokain und 50 Kilogramm Marihuana", "380", "kg"),
    ],
)
def test_no_unit_error_when_the_quote_agrees_or_says_nothing(corpus_copy, quote, value, unit):
    _append_seizures(corpus_copy, _seizure_row("m-1", value, unit, quote, "test-en" if "Belgium" in quote else "test-nl"))
    assert validate(corpus_copy).errors == []


def test_bare_number_takes_the_quotes_only_unit(corpus_copy):
    _append_seizures(corpus_copy, _seizure_row("m-1", "118", "kg", "Belgium (123 tonnes), Spain (118) and the Netherlands (59)", "test-en"))
    assert [str(p) for p in validate(corpus_copy).errors] == [
        'raw/seizures.csv:5: unit=kg: the quote prints tonnes ("123 tonnes"); use unit t'
    ]


# ------------------------------------------------------- missing or broken files: the cause first, no flood


def _with_own_registry(corpus_copy: Path) -> Path:
    shutil.copytree(Path(__file__).resolve().parents[1] / "data" / "reference", corpus_copy / "reference")
    return corpus_copy


def test_missing_registry_file_is_one_error_not_a_crash(corpus_copy):
    _with_own_registry(corpus_copy)
    (corpus_copy / "reference" / "locations.csv").unlink()
    report = validate(corpus_copy)
    assert [str(p).split(" (expected")[0] for p in report.errors] == ["reference/locations.csv: file is missing"]
    assert [str(p) for p in report.warnings] == [
        "warning: reference/locations.csv: location ids in raw/indicators.csv, raw/seizures.csv, raw/throughput.csv "
        "not checked: this file is unreadable"
    ]


def test_malformed_registry_header_is_reported_first(corpus_copy):
    _with_own_registry(corpus_copy)
    path = corpus_copy / "reference" / "locations.csv"
    path.write_text(path.read_text(encoding="utf-8").replace(",aliases,", ",alias,", 1), encoding="utf-8")
    # and a bad row elsewhere, which sorts before reference/ by name but after the header problem
    _append_seizures(corpus_copy, _seizure_row("m-1", "-5", "kg", "-5 kilo"))
    report = validate(corpus_copy)
    assert [str(p) for p in report.errors] == [
        "reference/locations.csv:1: alias=alias: unknown column (renamed? expected 'aliases')",
        "reference/locations.csv:1: aliases=: missing column",
        "raw/seizures.csv:5: value=-5: value below 0",
    ]


def test_missing_sources_file_hides_nothing_and_floods_nothing(corpus_copy):
    (corpus_copy / "raw" / "sources.csv").unlink()
    report = validate(corpus_copy)
    assert [p.rule.split(" (")[0] for p in report.errors] == ["file is missing"]
    assert len(report.warnings) == 1 and report.warnings[0].rule.startswith("source ids in raw/allocations.csv, ")


def test_unreadable_figure_file_gives_no_unused_source_warnings(corpus_copy):
    (corpus_copy / "raw" / "seizures.csv").write_bytes("record_id\n\xe9".encode("latin-1"))
    report = validate(corpus_copy)
    assert report.warnings == [] and len(report.errors) == 1
    # the same with every figure file readable: an uncited source is a warning
    (corpus_copy / "raw" / "seizures.csv").unlink()
    shutil.copy(Path(__file__).parent / "corpus" / "valid" / "raw" / "seizures.csv", corpus_copy / "raw" / "seizures.csv")
    path = corpus_copy / "raw" / "sources.csv"
    path.write_text(path.read_text(encoding="utf-8") + "test-unused,P,T,true,https://example.org/u,,2024,2026-11-23,manual,en,x,low,y,\n", encoding="utf-8")
    assert [(p.row, p.rule) for p in validate(corpus_copy).warnings] == [(4, "source is not cited by any figure")]


def test_suggestions_come_from_the_data_dirs_own_registry(corpus_copy):
    _with_own_registry(corpus_copy)
    path = corpus_copy / "reference" / "locations.csv"
    path.write_text(path.read_text(encoding="utf-8") + "newport,New Port,Nieuwe Haven,seaport,,NL,europe_port,none,#777777,Nieuwhaven,test\n", encoding="utf-8")
    _append_seizures(corpus_copy, _seizure_row("m-1", "5", "kg", "5 kilo").replace(",rotterdam,", ",nieuwhaven,"))
    report = validate(corpus_copy)
    assert [str(p) for p in report.errors] == [
        "raw/seizures.csv:5: location=nieuwhaven: unknown location id (not in data/reference/locations.csv); did you mean 'newport'?"
    ]


def test_a_source_cited_only_inside_a_measures_reason_counts_as_cited(corpus_copy):
    sources = corpus_copy / "raw" / "sources.csv"
    extra = "test-extra,Test publisher,Second source,true,https://example.org/x,,2024-01,2026-11-23,manual,en,test only,medium,synthetic test fixture,\n"
    sources.write_text(sources.read_text(encoding="utf-8") + extra, encoding="utf-8")
    unused = [p for p in validate(corpus_copy).warnings if p.rule == "source is not cited by any figure"]
    assert [p.value for p in unused] == ["test-extra"]
    measures = corpus_copy / "raw" / "measures.csv"
    measures.write_text(measures.read_text(encoding="utf-8").replace(
        "Same rules at every port,", '"Same rules at every port, says the second source [source: test-extra]",'), encoding="utf-8")
    assert [p for p in validate(corpus_copy).warnings if p.rule == "source is not cited by any figure"] == []
