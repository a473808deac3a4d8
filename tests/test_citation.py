"""cite(record_id): the full citation of any figure, with or without the optional read_via column."""

from __future__ import annotations

import pytest

from mainports_analysis import cite
from mainports_analysis.data.citation import Citation, UnknownRecord


def test_cite_joins_the_row_and_its_source(corpus_copy):
    c = cite("t-rtm-2022", corpus_copy)
    assert c == Citation(
        record_id="t-rtm-2022", table="seizures", source_id="test-en", publisher="Test publisher",
        title="Test source in English", published="2024-01", url="https://example.org/en", accessed="2026-11-23",
        quote="In 2022, 46.8 tonnes were seized.", read_via="",
    )  # fmt: skip
    assert str(c) == ('Test publisher, "Test source in English", 2024-01. https://example.org/en (accessed 2026-11-23). '
                      'Quote: "In 2022, 46.8 tonnes were seized." [t-rtm-2022]')  # fmt: skip


def test_cite_finds_rows_of_every_figure_file(corpus_copy):
    assert cite("t-rtm-teu-2022", corpus_copy).table == "throughput"
    assert cite("t-rtm-teu-2022", corpus_copy).quote == "Rotterdam handled 14.5 million TEU."


def test_unknown_id_raises_with_a_suggestion(corpus_copy):
    with pytest.raises(UnknownRecord) as err:
        cite("t-rtm-2021x", corpus_copy)
    assert str(err.value) == "unknown record id 't-rtm-2021x': no row in data/raw has it; did you mean 't-rtm-2021'?"
    with pytest.raises(KeyError, match="no row in data/raw has it$"):
        cite("nothing-like-it-at-all-zzzz", corpus_copy)


def test_read_via_is_shown_when_sources_has_the_column(corpus_copy, monkeypatch):
    """Another branch adds the optional read_via column to sources.csv; the citation then names the copy read."""
    from mainports_analysis.data import load

    real = load.load_sources

    def with_read_via(data_dir=None, **kw):
        frame = real(data_dir, **kw)
        return frame.assign(read_via=["", "https://mirror.example/en"])

    monkeypatch.setattr(load, "load_sources", with_read_via)
    c = cite("t-rtm-2022", corpus_copy)
    assert c.read_via == "https://mirror.example/en"
    assert "Read via https://mirror.example/en." in str(c)
    assert cite("t-rtm-2021", corpus_copy).read_via == ""


def test_every_committed_record_can_be_cited():
    from mainports_analysis.data.load import load_seizures

    ids = load_seizures()["record_id"].astype(str)
    c = cite(ids.iloc[0])
    assert c.publisher and c.quote and c.accessed
