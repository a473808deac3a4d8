"""The `mainports` command: exit codes and one line per problem."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

from mainports_analysis.cli import main

BROKEN = Path(__file__).parent / "corpus" / "broken"


def test_validate_ok_exits_0(corpus_copy, capsys):
    assert main(["validate", "--data-dir", str(corpus_copy)]) == 0
    assert "ok:" in capsys.readouterr().err


def test_validate_reports_one_line_per_problem_and_exits_1(corpus_copy, capsys):
    shutil.copy(BROKEN / "unknown_location" / "seizures.csv", corpus_copy / "raw" / "seizures.csv")
    shutil.copy(BROKEN / "comma_decimal" / "allocations.csv", corpus_copy / "raw" / "allocations.csv")
    assert main(["validate", "--data-dir", str(corpus_copy)]) == 1
    out = capsys.readouterr().out.strip().splitlines()
    assert out == [
        "raw/allocations.csv:2: amount_eur_mln=16,5: comma used as decimal separator: write a dot (16.5), no thousands separator",
        "raw/seizures.csv:3: location=rotterdm: unknown location id (not in data/reference/locations.csv); did you mean 'rotterdam'?",
    ]


def test_validate_catches_tonnes_written_as_kilograms(corpus_copy, capsys):
    shutil.copy(BROKEN / "tonnes_as_kg" / "seizures.csv", corpus_copy / "raw" / "seizures.csv")
    assert main(["validate", "--data-dir", str(corpus_copy)]) == 1
    assert capsys.readouterr().out.splitlines() == [
        'raw/seizures.csv:3: unit=kg: the quote prints tonnes ("46.8 tonnes"); use unit t'
    ]


def test_validate_missing_data_dir_is_one_line(tmp_path, capsys):
    assert main(["validate", "--data-dir", str(tmp_path / "nope")]) == 1
    captured = capsys.readouterr()
    assert captured.out.splitlines() == [f"{tmp_path / 'nope'}: no such data directory"]
    assert captured.err.splitlines() == ["1 error(s), 0 warning(s)"]


def test_validate_missing_registry_file_names_it_first_without_a_traceback(corpus_copy, root, capsys):
    shutil.copytree(root / "data" / "reference", corpus_copy / "reference")
    (corpus_copy / "reference" / "locations.csv").unlink()
    assert main(["validate", "--data-dir", str(corpus_copy)]) == 1
    captured = capsys.readouterr()
    assert captured.out.splitlines() == [
        f"reference/locations.csv: file is missing (expected {corpus_copy / 'reference' / 'locations.csv'})"
    ]
    assert "registry from" not in captured.err


def test_validate_says_where_the_registry_came_from(corpus_copy, root, capsys):
    assert main(["validate", "--data-dir", str(corpus_copy)]) == 0
    assert f"registry from {root / 'data' / 'reference'}" in capsys.readouterr().err


def test_console_script_is_installed(corpus_copy):
    exe = Path(sys.executable).with_name("mainports")
    proc = subprocess.run([str(exe), "validate", "--data-dir", str(corpus_copy)], capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr


def test_validate_project_data_passes():
    """The committed raw data is valid (the same check CI and `make briefing` run first)."""
    assert main(["validate"]) == 0


def test_build_with_quarto_missing_says_how_to_get_it(monkeypatch, capsys):
    monkeypatch.setenv("PATH", "/nonexistent")
    assert main(["build", "--renderer", "quarto"]) == 1
    err = capsys.readouterr().err
    assert "Quarto is not installed" in err
    assert "conda env create -f environment.yml" in err and "pip install quarto-cli" in err


def test_jobs_must_be_at_least_one(capsys):
    import pytest

    for bad in ("0", "-3", "two"):
        with pytest.raises(SystemExit) as exit_:
            main(["build", "--jobs", bad])
        assert exit_.value.code == 2
        assert "argument --jobs: must be" in capsys.readouterr().err


def test_execute_a_missing_notebook_is_one_line(tmp_path, capsys):
    missing = tmp_path / "nonexist.ipynb"
    assert main(["execute", str(missing)]) == 1
    assert capsys.readouterr().err.splitlines() == [f"✗ {missing} does not exist; nothing was executed"]


def test_execute_a_corrupt_notebook_is_one_line(tmp_path, capsys):
    broken = tmp_path / "broken.ipynb"
    broken.write_text('{"cells": [', encoding="utf-8")
    assert main(["execute", str(broken)]) == 1
    assert capsys.readouterr().err.splitlines() == [
        f"✗ {broken} is not a valid notebook: not valid JSON (truncated or corrupt?); nothing was executed"
    ]


def test_interrupted_build_says_what_state_it_left(monkeypatch, capsys):
    from mainports_analysis.site import build as build_mod

    def interrupted(**kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr(build_mod, "build", interrupted)
    assert main(["build"]) == 130
    err = capsys.readouterr().err
    assert "every notebook is either untouched or completely re-executed" in err and "as they were" not in err


# ------------------------------------------------------------------------------------------- editions


def _project(tmp_path, monkeypatch):
    """A bare project root (the CLI finds it through MAINPORTS_PROJECT_ROOT)."""
    root = tmp_path / "project"
    (root / "data").mkdir(parents=True)
    (root / "_quarto.yml").write_text("project:\n  type: website\n")
    monkeypatch.setenv("MAINPORTS_PROJECT_ROOT", str(root))
    return root


def test_edition_with_an_impossible_date_is_one_line(tmp_path, monkeypatch, capsys):
    _project(tmp_path, monkeypatch)
    assert main(["edition", "--date", "2027-02-30"]) == 1
    err = capsys.readouterr().err.splitlines()
    assert err == ["✗ no edition cut: edition date '2027-02-30' is not a calendar day (day is out of range for month)"]


def test_edition_cut_twice_on_a_day_is_refused_without_replace(tmp_path, monkeypatch, capsys):
    root = _project(tmp_path, monkeypatch)
    (root / "editions").mkdir()
    record = '{"format": 1, "date": "2027-01-15", "version": "2027.1.15", "data_hash": "x", "findings": [], "rows": {}}\n'
    (root / "editions" / "2027-01-15.json").write_text(record)
    assert main(["edition", "--date", "2027-01-15"]) == 1
    assert capsys.readouterr().err.splitlines() == [
        "✗ no edition cut: editions/2027-01-15.json already exists: an edition was cut on 2027-01-15; "
        "re-cut it with `mainports edition --replace`"
    ]


def test_edition_with_a_hand_broken_record_names_the_file(tmp_path, monkeypatch, capsys):
    root = _project(tmp_path, monkeypatch)
    (root / "editions").mkdir()
    (root / "editions" / "2027-01-15.json").write_text('{"format": 1,\n "date": "2027-01-15",,\n}')
    assert main(["edition", "--date", "2027-03-01"]) == 1
    assert capsys.readouterr().err.splitlines() == [
        "✗ no edition cut: editions/2027-01-15.json is not valid JSON (line 2, column 23: Expecting property name "
        "enclosed in double quotes): restore it with `git restore editions/2027-01-15.json`"
    ]


def test_datapackage_check_passes_on_the_committed_files(capsys):
    assert main(["datapackage", "--check"]) == 0
    assert capsys.readouterr().out.strip() == "data/datapackage.json and data/derived/series.csv are up to date"
