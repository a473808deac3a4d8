"""The Data & sources page: links only to publishers, the copy read as text, computed counts."""

from __future__ import annotations

import re

import pandas as pd
import pytest

from mainports_analysis import load_all
from mainports_analysis.report import data_page


@pytest.fixture(scope="module")
def data():
    return load_all()


def test_a_source_without_a_publisher_address_has_no_link_and_names_the_copy_read(data):
    sources = pd.DataFrame({
        "source_id": ["a", "b"], "publisher": ["Algemene Rekenkamer", "OM"], "title": ["Report", "Release"],
        "published": ["2024-05", "2024-01"], "quality": ["medium", "high"], "quality_reason": ["copy", "official"],
        "url": ["", "https://www.om.nl/x"], "read_via": ["https://golfcoursehomesaz.com/y", ""],
    })
    out = data_page.sources_html(dict(data, sources=sources)).data
    assert '<a href="https://www.om.nl/x">Release</a>' in out
    assert "<td>golfcoursehomesaz.com</td>" in out and 'href="https://golfcoursehomesaz.com' not in out
    assert "<td>Report</td>" in out


def test_sources_summary_counts_ratings_links_and_copies(data):
    s = data["sources"]
    text = data_page.sources_summary(data)
    n_high = int((s["quality"] == "high").sum())
    assert f"{len(s):,} sources: {n_high:,} rated high" in text
    linked = int(s["url"].fillna("").str.strip().ne("").sum())
    assert f"{linked:,} link to the publisher's own page" in text


def test_sensitivity_summary_agrees_with_its_table(data):
    table = data_page.source_sensitivity(data)
    text = data_page.sensitivity_summary(table)
    kept = int(table["rows_restricted"].iloc[0])
    assert text.startswith(f"{kept:,} of the {int(table['rows_all'].iloc[0]):,} figure rows")
    html = data_page.sensitivity_html(table).data
    assert len(re.findall(r"<tr>", html)) == len(table) + 1
