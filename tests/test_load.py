"""Loaders: typed frames, unit conversion, rejected rows reported, preferred figures chosen visibly."""

from __future__ import annotations

import pandas as pd
import pytest

from mainports_analysis import (
    DataValidationError,
    load_allocations,
    load_measures,
    load_seizures,
    load_throughput,
)
from mainports_analysis.data.load import bounds, preferred_rows


def test_seizures_are_typed_and_in_kilograms(corpus_copy):
    s = load_seizures(corpus_copy)
    assert s["year"].dtype == "int64"
    assert isinstance(s["location"].dtype, pd.CategoricalDtype)
    row = s.set_index("record_id").loc["t-rtm-2022"]
    assert (row["value"], row["unit"], row["kg"]) == (46.8, "t", 46800.0)  # tonnes as printed, kg derived
    counts = s.set_index("record_id").loc["t-rtm-2022-n"]
    assert pd.isna(counts["kg"]) and counts["quantity"] == 109
    assert set(s["hub"].astype(str)) == {"rotterdam"}


def test_throughput_in_teu(corpus_copy):
    t = load_throughput(corpus_copy)
    assert t.loc[0, "quantity"] == 14_500_000


def test_allocations_and_measures_typed(corpus_copy):
    a = load_allocations(corpus_copy)
    assert a["recurring"].dtype == bool and a["amount_eur_mln"].tolist() == [16.5, 4.0]
    m = load_measures(corpus_copy)
    assert list(m["red_line"].cat.categories) == ["barriers", "resilience", "supervision_enforcement", "information_position"]
    assert m["start_year"].dtype == "Int64"


def test_loader_raises_with_every_problem(corpus_copy):
    path = corpus_copy / "raw" / "seizures.csv"
    path.write_text(path.read_text(encoding="utf-8").replace(",harc,109,", ",harc,-109,"), encoding="utf-8")
    with pytest.raises(DataValidationError) as err:
        load_seizures(corpus_copy)
    assert "raw/seizures.csv:4: value=-109: value below 0" in str(err.value)


def test_reject_mode_keeps_rejected_rows_in_the_report(corpus_copy):
    path = corpus_copy / "raw" / "seizures.csv"
    path.write_text(path.read_text(encoding="utf-8").replace(",harc,109,", ",harc,-109,"), encoding="utf-8")
    s = load_seizures(corpus_copy, on_error="reject")
    rep = s.attrs["load_report"]
    assert (rep.rows_in, rep.rows_out) == (3, 2)
    assert rep.rejected == [(4, ["value=-109: value below 0"])]
    assert "t-rtm-2022-n" not in set(s["record_id"])


def test_unreadable_file_cannot_be_rejected_rowwise(corpus_copy):
    (corpus_copy / "raw" / "seizures.csv").write_text("", encoding="utf-8")
    with pytest.raises(DataValidationError, match="empty file"):
        load_seizures(corpus_copy, on_error="reject")


def _conflict_frame() -> pd.DataFrame:
    base = dict(location="rotterdam", year=2019, period="FY", metric="cocaine_kg", unit="kg")
    rows = [
        dict(base, record_id="a", series="harc", value=33732.0, qualifier="exact", status="final", quality="high", published="2020-02"),
        dict(base, record_id="b", series="harc", value=33700.0, qualifier="at_least", status="final", quality="high", published="2021-11"),
        dict(base, record_id="c", series="harc", value=34000.0, qualifier="exact", status="provisional", quality="high", published="2020-01"),
        dict(base, record_id="d", series="customs", value=38000.0, qualifier="exact", status="final", quality="medium", published="2020-01"),
    ]
    f = pd.DataFrame(rows)
    f["quantity"] = f["value"]
    return f


def test_preferred_rule_is_visible():
    chosen = preferred_rows(_conflict_frame())
    assert chosen.set_index("series")["record_id"].to_dict() == {"customs": "d", "harc": "a"}
    choices = pd.DataFrame(chosen.attrs["choices"])
    row = choices.set_index("series").loc["harc"]
    assert (row["chosen"], row["n"], row["min"], row["max"]) == ("a", 3, 33700.0, 34000.0)
    assert row["alternatives"] == "b=33700; c=34000"


def test_bounds_per_series():
    b = bounds(_conflict_frame()).set_index("series")
    assert (b.loc["harc", "low"], b.loc["harc", "high"], b.loc["harc", "n"]) == (33700.0, 34000.0, 3)
    assert b.loc["customs", "n"] == 1


def test_validation_is_cached_on_disk_per_exact_bytes(corpus_copy, tmp_path, monkeypatch):
    """A second process with the same data reads the stored result instead of validating again."""
    from mainports_analysis.data import load, validate

    monkeypatch.setenv("MAINPORTS_CACHE_DIR", str(tmp_path / "cache"))
    first = load.report(corpus_copy)
    assert list((tmp_path / "cache" / "validation").glob("*.json"))
    load.clear_cache()

    def fail(*a, **k):
        raise AssertionError("validated again although nothing changed")

    monkeypatch.setattr(validate, "validate", fail)
    second = load.report(corpus_copy)
    assert second.problems == first.problems and len(second.tables["seizures"].frame) == 3
    # change one byte of data: the cache must not be used
    load.clear_cache()
    path = corpus_copy / "raw" / "seizures.csv"
    path.write_text(path.read_text(encoding="utf-8").replace(",harc,109,", ",harc,-109,"), encoding="utf-8")
    with pytest.raises(AssertionError, match="validated again"):
        load.report(corpus_copy)


def test_loaders_use_the_registry_of_the_data_dir_they_are_given(corpus_copy, root):
    """A data dir with its own reference/ (a location the project does not know) loads with that registry."""
    import shutil

    shutil.copytree(root / "data" / "reference", corpus_copy / "reference")
    path = corpus_copy / "reference" / "locations.csv"
    path.write_text(path.read_text(encoding="utf-8") + "newport,New Port,Nieuwe Haven,seaport,,NL,europe_port,second,#777777,,test\n", encoding="utf-8")
    path = corpus_copy / "raw" / "seizures.csv"
    path.write_text(
        path.read_text(encoding="utf-8") + "t-new,newport,2023,FY,cocaine_kg,harc,5,kg,exact,final,test-nl,5 kilo,synthetic\n",
        encoding="utf-8",
    )
    s = load_seizures(corpus_copy).set_index("record_id")
    assert "newport" in s["location"].cat.categories
    assert (s.loc["t-new", "location"], s.loc["t-new", "ring"], s.loc["t-new", "country"]) == ("newport", "second", "NL")
    assert pd.isna(s.loc["t-new", "hub"]) and s.loc["t-rtm-2021", "hub"] == "rotterdam"


def test_a_data_dir_without_data_files_is_an_error_not_zero_rows(tmp_path, monkeypatch, root):
    from mainports_analysis.data.load import DataDirError

    monkeypatch.chdir(tmp_path)  # "data" now means tmp_path/data, which does not exist
    monkeypatch.delenv("MAINPORTS_DATA_DIR", raising=False)
    with pytest.raises(DataDirError) as err:
        load_seizures("data")
    text = str(err.value)
    assert f"no data files in data_dir='data' is {tmp_path / 'data'}" in text
    assert f"did you mean {str(root / 'data')!r}?" in text
    (tmp_path / "data" / "raw").mkdir(parents=True)  # an empty folder is no better
    with pytest.raises(FileNotFoundError, match="it has no raw/"):
        load_measures(tmp_path / "data")


def test_bounds_refuses_an_unknown_column():
    frame = pd.DataFrame({"location": ["rotterdam"], "year": [2020], "quantity": [1.0]})
    with pytest.raises(ValueError, match=r"unknown column 'quantty' \(did you mean 'quantity'\?\)"):
        bounds(frame, value="quantty")
