"""The validator on a corpus of broken inputs: each case names the exact file, row, column and rule.

tests/corpus/valid holds a small, valid, synthetic data set; tests/corpus/broken/<case>/ holds one
file with one defect, laid over a copy of the valid set.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from mainports_analysis.validate import validate

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
    assert str(p).startswith(f"{file}:{row}: {column}=")


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


def test_row_with_too_many_fields(corpus_copy):
    path = corpus_copy / "raw" / "audit.csv"
    path.write_text(path.read_text(encoding="utf-8") + "t2,zwb,2022,2023,spent,1,test-nl,1 miljoen,x,extra\n", encoding="utf-8")
    report = validate(corpus_copy)
    assert [str(p) for p in report.errors] == ["raw/audit.csv:3: -=10 fields: row has 10 fields, the header has 9"]


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
