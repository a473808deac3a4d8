"""The place classification (data/reference/treatment.csv): validated on load, with FILE:ROW errors."""

from __future__ import annotations

import shutil

import pytest

from mainports_analysis.analysis import waterbed
from mainports_analysis.data import treatment


def test_every_place_of_the_design_is_classified_with_a_cited_reason():
    t = treatment.load_treatment().set_index("location_id")
    for loc in (waterbed.RESPONSE, *waterbed.BUFFERS):
        assert loc in t.index and t.loc[loc, "reason"] and t.loc[loc, "source_id"]
    assert t.loc["rotterdam", "treatment"] == "response"
    # Bowers & Johnson's buffer receives no intervention: the funded Dutch ports are funded buffers
    assert t.loc["vlissingen", "treatment"] == t.loc["nzkg_ports", "treatment"] == "funded_buffer"
    assert set(t["treatment"]) <= set(treatment.TREATMENTS)
    assert treatment.places("untreated") and "rotterdam" not in treatment.places("untreated")


def _corpus(tmp_path, root, text: str):
    data = tmp_path / "data"
    (data / "raw").mkdir(parents=True)
    (data / "reference").mkdir()
    shutil.copy(root / "data" / "raw" / "sources.csv", data / "raw" / "sources.csv")
    for name in ("hubs.csv", "locations.csv"):
        shutil.copy(root / "data" / "reference" / name, data / "reference" / name)
    (data / "reference" / "treatment.csv").write_text(text, encoding="utf-8")
    return data


def test_problems_name_the_file_and_row_and_suggest_names(tmp_path, root):
    text = ("location_id,treatment,reason,source_id\n"
            "rotterdam,response,the response,jenv-2022-11-kamerbrief-mainports\n"
            "vlisingen,funded,funded,jenv-2022-11-kamerbrief-mainport\n"
            "rotterdam,untreated,,jenv-2022-11-kamerbrief-mainports\n")
    with pytest.raises(treatment.TreatmentError) as err:
        treatment.load_treatment(_corpus(tmp_path, root, text))
    msg = str(err.value)
    assert "data/reference/treatment.csv:3: unknown location_id 'vlisingen' (did you mean 'vlissingen'?)" in msg
    assert "data/reference/treatment.csv:3: treatment 'funded' is not one of" in msg and "'funded_buffer'?" in msg
    assert ("data/reference/treatment.csv:3: source_id 'jenv-2022-11-kamerbrief-mainport' is not in data/raw/sources.csv "
            "(did you mean 'jenv-2022-11-kamerbrief-mainports'?)") in msg
    assert "data/reference/treatment.csv:4: location_id 'rotterdam' is already classified on row 2" in msg
    assert "data/reference/treatment.csv:4: reason is empty" in msg


def test_a_wrong_header_and_unknown_lookups_are_refused(tmp_path, root):
    with pytest.raises(treatment.TreatmentError, match=r"treatment.csv:1: header must be"):
        treatment.load_treatment(_corpus(tmp_path, root, "location,treatment,reason,source_id\n"))
    with pytest.raises(KeyError, match="did you mean 'vlissingen'"):
        treatment.treatment_of("vlisingen")
    with pytest.raises(ValueError, match="did you mean 'untreated'"):
        treatment.places("untreatd")
