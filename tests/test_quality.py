"""The source-quality rubric as code: host kinds, rating ceilings, denied main links."""

from __future__ import annotations

import pytest

from mainports_analysis.data import quality as Q

HOSTS = {
    "om.nl": Q.Host("om.nl", "official"),
    "officielebekendmakingen.nl": Q.Host("officielebekendmakingen.nl", "repository"),
    "nltimes.nl": Q.Host("nltimes.nl", "newspaper"),
    "ansa.it": Q.Host("ansa.it", "news_agency"),
    "blikopnieuws.nl": Q.Host("blikopnieuws.nl", "aggregator"),
    "berthub.eu": Q.Host("berthub.eu", "mirror"),
    "tinyurl.com": Q.Host("tinyurl.com", "shortener"),
    "pledgetimes.com": Q.Host("pledgetimes.com", "machine_translation"),
}


def test_host_of_normalises_case_www_and_port():
    assert Q.host_of("https://WWW.OM.nl:443/actueel?x=1") == "om.nl"
    assert Q.host_of("https://nieuws.om.nl:8443/a") == "nieuws.om.nl"


def test_classify_matches_the_longest_suffix_and_returns_none_for_unknown_hosts():
    assert Q.classify("https://nieuws.om.nl/a", HOSTS).host == "om.nl"
    assert Q.classify("https://example.org/a", HOSTS) is None
    assert Q.classify("https://notom.nl/a", HOSTS) is None  # a suffix match is on whole labels only


def test_official_release_may_be_high_but_a_newspaper_only_medium():
    assert Q.source_problems({"url": "https://www.om.nl/x", "quality": "high"}, HOSTS) == []
    problems = Q.source_problems({"url": "https://nltimes.nl/x", "quality": "high"}, HOSTS)
    assert [(c, v) for c, v, _ in problems] == [("quality", "high")]
    assert "newspaper (nltimes.nl) rates medium at most" in problems[0][2]
    assert Q.source_problems({"url": "https://nltimes.nl/x", "quality": "medium"}, HOSTS) == []


def test_a_news_agency_wire_may_be_high_and_an_aggregator_only_low():
    assert Q.source_problems({"url": "https://www.ansa.it/x", "quality": "high"}, HOSTS) == []
    assert [c for c, _, _ in Q.source_problems({"url": "https://blikopnieuws.nl/x", "quality": "medium"}, HOSTS)] == ["quality"]


@pytest.mark.parametrize("url", ["https://tinyurl.com/abc", "https://pledgetimes.com/x", "https://berthub.eu/tkconv/x"])
def test_denied_kinds_may_not_be_the_main_link(url):
    problems = Q.source_problems({"url": url, "quality": "low"}, HOSTS)
    assert [c for c, _, _ in problems] == ["url"]
    assert "read_via" in problems[0][2]


def test_the_copy_read_may_be_a_mirror_and_keeps_the_official_rating():
    row = {"url": "https://zoek.officielebekendmakingen.nl/kst-29911-309.html", "read_via": "https://berthub.eu/tkconv/x",
           "quality": "high"}
    assert Q.source_problems(row, HOSTS) == []


def test_a_rewritten_copy_caps_the_rating_even_under_an_official_link():
    row = {"url": "https://www.om.nl/x", "read_via": "https://nltimes.nl/y", "quality": "high"}
    assert [(c, v) for c, v, _ in Q.source_problems(row, HOSTS)] == [("quality", "high")]


def test_an_unlinked_official_text_read_on_a_mirror_rates_medium_at_most():
    assert [c for c, _, _ in Q.source_problems({"url": "", "read_via": "https://berthub.eu/x", "quality": "high"}, HOSTS)] == ["quality"]
    assert Q.source_problems({"url": "", "read_via": "https://berthub.eu/x", "quality": "medium"}, HOSTS) == []


def test_unclassified_hosts_are_problems_not_guesses():
    problems = Q.source_problems({"url": "https://unknown-outlet.nl/x", "quality": "low"}, HOSTS)
    assert [c for c, _, _ in problems] == ["url"] and "not classified" in problems[0][2]


def test_reserved_test_domains_are_not_checked():
    assert Q.is_reserved("https://example.org/x") and Q.is_reserved("https://a.b.test/")
    assert not Q.is_reserved("https://example.org.evil.nl/x")
    assert Q.source_problems({"url": "https://example.org/x", "quality": "high"}, HOSTS) == []


def test_read_hosts_names_file_and_row(tmp_path):
    p = tmp_path / "hosts.csv"
    p.write_text("host,kind,note\nom.nl,official,\nfoo.nl,rumour,\n", encoding="utf-8")
    with pytest.raises(ValueError, match=r"hosts.csv:3: kind=rumour"):
        Q.read_hosts(p)
    p.write_text("host,kind,note\nom.nl,official,\nOM.nl,official,\n", encoding="utf-8")
    with pytest.raises(ValueError, match=r"hosts.csv:3: host=om.nl: empty or listed twice"):
        Q.read_hosts(p)


def test_the_validator_fails_a_main_link_to_a_denied_host_naming_file_and_row(tmp_path):
    import csv
    import shutil

    from mainports_analysis import validate_data
    from mainports_analysis.paths import project_root

    data = tmp_path / "data"
    shutil.copytree(project_root() / "data", data)
    path = data / "raw" / "sources.csv"
    with path.open(encoding="utf-8", newline="") as fh:
        rows = list(csv.reader(fh))
    rows[1][rows[0].index("url")] = "https://tinyurl.com/abc123"
    with path.open("w", encoding="utf-8", newline="") as fh:
        csv.writer(fh, lineterminator="\n").writerows(rows)
    report = validate_data(data)
    rules = [str(p) for p in report.problems if p.column == "url"]
    assert rules and rules[0].startswith("raw/sources.csv:2: url=https://tinyurl.com/abc123: links to a shortener")


def test_the_project_sources_pass_the_rubric():
    from mainports_analysis import validate_data

    assert not [p for p in validate_data().problems if p.column in ("url", "read_via", "quality")]
