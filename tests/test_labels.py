"""Every code → one label (report/labels), used by tables, charts and templates."""

from __future__ import annotations

import pytest

from mainports_analysis.report import labels, tables
from mainports_analysis.report.charts import style


def test_harc_is_spelt_out_and_has_a_short_form():
    assert labels.series("harc") == "HARC (Hit and Run Cargo team, port of Rotterdam)"
    assert labels.series("harc", "nl") == "HARC (Hit and Run Cargo-team, haven van Rotterdam)"
    assert labels.series("harc", short=True) == "HARC" and labels.series("customs", "nl", short=True) == "Douane"


def test_every_vocabulary_has_both_languages_with_the_same_codes():
    for table in (labels.SERIES, labels.SERIES_SHORT, labels.METRICS, labels.HUB_MEASURES, labels.READINGS, labels.COLUMNS):
        assert set(table["en"]) == set(table["nl"])
    from mainports_analysis.analysis.hubs import HUB_MEASURES

    assert set(labels.HUB_MEASURES["en"]) == set(HUB_MEASURES)


def test_label_looks_up_places_systems_metrics_and_columns():
    assert labels.label("rotterdam") == "Port of Rotterdam" and labels.label("zwb", "nl") == "Havens Zeeland – West-Brabant"
    assert labels.label("customs") == "Customs" and labels.label("cocaine_kg", "nl") == "onderschepte cocaïne (kg)"
    assert labels.label("n_figures") == "published figures"


def test_a_typo_gets_a_suggestion_not_an_empty_label():
    with pytest.raises(KeyError, match="did you mean 'harc'"):
        labels.series("harcc")
    with pytest.raises(KeyError, match="did you mean 'rotterdam'"):
        labels.label("roterdam")
    with pytest.raises(KeyError, match="did you mean 'metric'"):
        labels.of("metrc", "cocaine_kg")
    with pytest.raises(ValueError, match="lang"):
        labels.label("rotterdam", "fr")


def test_names_in_running_text_are_not_headings():
    assert labels.in_prose("flower_auctions") == "the flower auctions"
    assert labels.in_prose("zwb", "nl") == "de havens in Zeeland en West-Brabant"
    assert labels.in_prose("amsterdam", "nl") == "de haven van Amsterdam"
    assert labels.in_prose("hamburg") == "Port of Hamburg"  # no prose form: the registry's name


def test_tables_and_charts_use_the_one_definition():
    assert tables.SERIES_LABELS is labels.SERIES and tables.METRIC_LABELS is labels.METRICS
    assert tables.reader_label("harc") == labels.series("harc")
    assert tables.reader_label("harc_criminal_investigations") == "HARC criminal investigations"
    assert tables.reader_label("not a code") == "not a code"
    assert style.label("harc") == labels.series("harc") and style.label("antwerp", "nl") == "Haven Antwerpen"
