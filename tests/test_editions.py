"""Editions: cutting, refusing, reading, and a What changed page that never shows a change that did not happen.

The cutting tests work in a temporary copy of the project (the files git tracks), whose notebooks are
stamped current, cut two editions around a deliberate data edit, and compare the records.
"""

from __future__ import annotations

import csv
import json
import re
import shutil
import subprocess
from pathlib import Path

import nbformat
import pytest

from mainports_analysis.site import changes, editions
from mainports_analysis.site.editions import EditionError, cut, refusal
from mainports_analysis.site.execute import inputs_hash, shared_hash

ROOT = Path(__file__).resolve().parents[1]
# The row edited on purpose: Rotterdam's last HARC year, the figure the "Rotterdam fell" finding ends on.
EDITED = "rotterdam-2025-cocaine_kg-harc-a"


def _copy_project(target: Path) -> Path:
    files = subprocess.run(["git", "ls-files", "-z"], cwd=ROOT, capture_output=True, check=True).stdout.split(b"\0")
    for f in filter(None, files):
        src = ROOT / f.decode()
        if src.is_file():
            dest = target / f.decode()
            dest.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(src, dest)
    shutil.rmtree(target / "editions", ignore_errors=True)  # start before the first edition
    cff = target / "CITATION.cff"  # ... whose citation names no edition yet
    cff.write_text(re.sub(r'^(\s*)version: "[^"]*"$', r'\1version: "0.1.0"', cff.read_text(encoding="utf-8"), flags=re.M),
                   encoding="utf-8")
    return target


def _stamp(root: Path) -> None:
    """Mark every notebook current for the data as it is now (what `mainports build` would leave)."""
    from mainports_analysis.site import project

    shared = shared_hash(root)
    for path in project.notebooks(root):
        nb = nbformat.read(path, as_version=4)
        nb.metadata.setdefault("mainports", {})["inputs"] = inputs_hash(nb, shared)
        nbformat.write(nb, path)


def _edit_rows(root: Path) -> tuple[str, str]:
    """Change one value (and its quote), add one row, remove one row; return (added id, removed id)."""
    path = root / "data" / "raw" / "seizures.csv"
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    i = next(n for n, ln in enumerate(lines) if ln.startswith(EDITED + ","))
    assert ",11466,kg," in lines[i] and "11.466" in lines[i], lines[i]
    lines[i] = lines[i].replace(",11466,kg,", ",12345,kg,").replace("11.466", "12.345")
    j = next(n for n, ln in enumerate(lines) if ln.startswith("algeciras-2017-cocaine_kg-customs-a,"))
    added = "algeciras-2017-cocaine_kg-customs-z"
    lines.insert(j + 1, lines[j].replace("algeciras-2017-cocaine_kg-customs-a,", added + ",", 1))
    removed = "algeciras-2018-cocaine_kg-customs-a"
    lines = [ln for ln in lines if not ln.startswith(removed + ",")]
    path.write_text("".join(lines), encoding="utf-8")
    return added, removed


@pytest.fixture(scope="module")
def two_editions(tmp_path_factory):
    """A project copy with an edition cut on 2027-01-10, a data edit, and an edition cut on 2027-02-10."""
    root = _copy_project(tmp_path_factory.mktemp("project"))
    mp = pytest.MonkeyPatch()
    mp.setenv("MAINPORTS_PROJECT_ROOT", str(root))
    try:
        _stamp(root)
        first, none = cut(root, "2027-01-10")
        added, removed = _edit_rows(root)
        stale_refusal = refusal(root, "2027-02-10")
        _stamp(root)
        second, diff = cut(root, "2027-02-10")
        yield root, first, second, diff, none, added, removed, stale_refusal
    finally:
        mp.undo()


@pytest.mark.slow
def test_first_edition_record_and_version(two_editions):
    root, first, *_ = two_editions
    record = json.loads(first.read_text(encoding="utf-8"))
    assert first.name == "2027-01-10.json" and record["date"] == "2027-01-10" and record["version"] == "2027.1.10"
    assert [f["key"] for f in record["findings"]] == ["money", "rotterdam_fall", "displacement", "market", "monitoring"]
    fall = next(f for f in record["findings"] if f["key"] == "rotterdam_fall")
    assert fall["numbers"]["last"] == 11466.0 and fall["numbers"]["last_year"] == 2025
    assert fall["text_en"] and fall["text_nl"] and fall["text_en"] != fall["text_nl"]
    row = record["rows"]["seizures"][EDITED]
    assert (row["value"], row["unit"], row["location"], row["year"]) == ("11466", "kg", "rotterdam", "2025")
    assert row["quote"].startswith("sha256:")
    with (ROOT / "data" / "raw" / "seizures.csv").open(encoding="utf-8", newline="") as fh:
        n_rows = sum(1 for _ in csv.DictReader(fh))
    assert len(record["rows"]["seizures"]) == n_rows  # every row of the file as it was


@pytest.mark.slow
def test_the_edition_bumps_citation_pyproject_and_the_descriptor(two_editions):
    root, *_ = two_editions
    cff = (root / "CITATION.cff").read_text(encoding="utf-8")
    assert re.findall(r'^\s*version: "(.*)"$', cff, re.M) == ["2027.2.10", "2027.2.10"]
    assert re.findall(r'^\s*date-released: "(.*)"$', cff, re.M) == ["2027-02-10", "2027-02-10"]
    assert re.search(r'^version = "2027.2.10"$', (root / "pyproject.toml").read_text(), re.M)
    assert json.loads((root / "data" / "datapackage.json").read_text())["version"] == "2027.2.10"
    assert editions.current(root).date == "2027-02-10" and editions.current(root).version == "2027.2.10"
    assert editions.cited_edition(root) == "2027-02-10"


@pytest.mark.slow
def test_what_changed_lists_exactly_the_edit(two_editions):
    """One value changed, one row added, one removed: nothing else, and only findings that really moved."""
    root, first, second, diff, none, added, removed, _ = two_editions
    assert none is None
    assert [(r.table, r.record_id, r.kind) for r in diff.rows] == [
        ("seizures", added, "added"), ("seizures", removed, "removed"), ("seizures", EDITED, "changed"),
    ]
    change = next(r for r in diff.rows if r.kind == "changed")
    assert change.fields == ("value", "quote")
    assert (change.value("old"), change.value("new")) == ("11466 kg", "12345 kg")
    assert change.source("old") == change.source("new") != ""
    gone = next(r for r in diff.rows if r.kind == "removed")
    assert gone.value("old") == "11556 kg"
    # findings: the Rotterdam fall ends on the edited year; money and monitoring do not use seizures of 2025
    keys = [f.key for f in diff.findings]
    assert "rotterdam_fall" in keys and "money" not in keys and "monitoring" not in keys
    fall = next(f for f in diff.findings if f.key == "rotterdam_fall")
    assert fall.numbers["last"] == (11466.0, 12345.0)
    assert "text_en" in fall.texts and "text_nl" in fall.texts
    old, new = (json.loads(p.read_text()) for p in (first, second))
    for f in diff.findings:  # every finding listed really differs between the records
        a = next(x for x in old["findings"] if x["key"] == f.key)
        b = next(x for x in new["findings"] if x["key"] == f.key)
        assert a != b
    for a in old["findings"]:  # and every finding not listed is identical
        if a["key"] not in keys:
            assert a == next(x for x in new["findings"] if x["key"] == a["key"])


@pytest.mark.slow
def test_the_page_shows_old_beside_new_and_nothing_else(two_editions):
    root, *_ = two_editions
    page = (root / changes.PAGE).read_text(encoding="utf-8")
    assert page == changes.page_markdown(editions.records(root))
    assert "**Current edition: 2027-02-10** (version 2027.2.10)" in page
    assert page.index("## Edition of 2027-02-10") < page.index("## Edition of 2027-01-10")
    assert f"| seizures | `{EDITED}` | value, quote | 11466 kg | 12345 kg |" in page
    assert "#### Rows added (1)" in page and "#### Rows removed (1)" in page and "#### Rows changed (1)" in page
    assert "| number `last` | 11466.0 | 12345.0 |" in page
    assert "Funds" not in page.split("### Key findings")[1] or "money" not in page


@pytest.mark.slow
def test_stale_notebooks_refuse_the_edition(two_editions):
    from mainports_analysis.site import project

    root, *_, stale_refusal = two_editions
    others = len(project.notebooks(root)) - 1  # the data edit makes every notebook stale
    assert stale_refusal == (
        f"notebook outputs are stale (index.ipynb and {others} more): run `mainports build` and commit the notebooks, "
        "then cut the edition"
    )


@pytest.mark.slow
def test_refusals_are_one_actionable_line(two_editions):
    root, *_ = two_editions
    assert refusal(root, "2027-02-10") == (
        "editions/2027-02-10.json already exists: an edition was cut on 2027-02-10; re-cut it with `mainports edition --replace`"
    )
    assert refusal(root, "2027-02-10", replace=True) is None
    assert refusal(root, "2027-01-20") == (
        "edition 2027-02-10 is later than 2027-01-20: editions are cut in date order (use --date 2027-02-10 or later)"
    )
    assert refusal(root, "2027-13-45").startswith("edition date '2027-13-45' is not a calendar day")
    assert refusal(root, "10-02-2027") == "edition date '10-02-2027' is not written YYYY-MM-DD (for example 2027-01-15)"
    assert editions.unrecorded_change(root) is None


@pytest.mark.slow
def test_broken_or_missing_records_are_named(two_editions):
    root, first, second, *_ = two_editions
    original = first.read_bytes()
    try:
        first.write_text('{"format": 1, "date": ', encoding="utf-8")
        assert refusal(root, "2027-03-01") == (
            "editions/2027-01-10.json is not valid JSON (line 1, column 23: Expecting value): "
            "restore it with `git restore editions/2027-01-10.json`"
        )
        with pytest.raises(EditionError, match="editions/2027-01-10.json is not valid JSON"):
            editions.current(root)
    finally:
        first.write_bytes(original)
    latest = second.read_bytes()
    second.unlink()
    try:  # CITATION.cff names 2027-02-10, whose record is gone
        assert refusal(root, "2027-03-01") == (
            "CITATION.cff names edition 2027-02-10 but editions/2027-02-10.json is missing: "
            "restore it with `git restore editions/2027-02-10.json`"
        )
    finally:
        second.write_bytes(latest)


@pytest.mark.slow
def test_a_data_change_without_an_edition_is_reported(two_editions):
    root, *_ = two_editions
    path = root / "data" / "raw" / "sources.csv"
    original = path.read_bytes()
    path.write_bytes(original + b"\n")
    try:
        assert editions.unrecorded_change(root) == "data changed since edition 2027-02-10: run `mainports edition`"
        said: list[str] = []
        editions.before_render(root, said.append)
        assert said[-1] == "  warning: data changed since edition 2027-02-10: run `mainports edition`"
    finally:
        path.write_bytes(original)
    assert editions.unrecorded_change(root) is None


@pytest.mark.slow
def test_recutting_the_same_day_with_replace_gives_the_same_bytes(two_editions):
    root, _, second, *_ = two_editions
    before = second.read_bytes()
    _, diff = cut(root, "2027-02-10", replace=True)
    assert second.read_bytes() == before
    assert diff.old_date == "2027-01-10"


def test_compare_rows_reports_only_fields_that_differ():
    old = {"seizures": {"a": {"value": "1", "unit": "kg", "source_id": "s"}, "b": {"value": "2", "unit": "t", "source_id": "s"}}}
    new = {"seizures": {"a": {"value": "1", "unit": "kg", "source_id": "s"}, "b": {"value": "2", "unit": "t", "source_id": "u"}}}
    [row] = changes.compare_rows(old, new)
    assert (row.record_id, row.kind, row.fields, row.value("old"), row.source("old"), row.source("new")) == ("b", "changed", ("source_id",), "2 t", "s", "u")
    assert changes.compare_rows(old, old) == []


def test_compare_findings_ignores_identical_and_reports_numbers_old_and_new():
    f = {"key": "k", "heading_en": "H", "text_en": "up 5 %", "text_nl": "5 % hoger", "numbers": {"x": 0.05, "y": 2}}
    g = {**f, "text_en": "up 6 %", "text_nl": "6 % hoger", "numbers": {"x": 0.06, "y": 2}}
    assert changes.compare_findings([f], [f]) == []
    [c] = changes.compare_findings([f], [g])
    assert c.texts == ("text_en", "text_nl") and c.numbers == {"x": (0.05, 0.06)}


def test_record_text_is_deterministic_and_stable_across_float_noise():
    a = {"date": "2027-01-01", "numbers": {"share": 0.1 + 0.2, "n": 3, "pair": (2020, 2021)}}
    b = {"numbers": {"pair": [2020, 2021], "n": 3, "share": 0.3}, "date": "2027-01-01"}
    assert editions.record_text(a) == editions.record_text(b)
    assert editions.version_for("2026-12-07") == "2026.12.7"


def test_committed_editions_are_readable_and_the_page_is_current():
    recs = editions.records(ROOT)
    assert (ROOT / changes.PAGE).read_text(encoding="utf-8") == changes.page_markdown(recs), "run `mainports edition` or `mainports build`"
    if recs:
        assert editions.current(ROOT).version == recs[-1]["version"]


def test_committed_data_has_an_edition():
    """A data change must become an edition: this fails until `mainports edition` is run."""
    assert editions.unrecorded_change(ROOT) is None


def test_version_agrees_in_citation_and_pyproject():
    import tomllib

    version = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["version"]
    cff = (ROOT / "CITATION.cff").read_text(encoding="utf-8")
    assert re.findall(r'^\s*version: "(.*)"$', cff, re.M) == [version, version]


def test_citation_cff_names_the_project_and_prefers_a_citation_of_the_edition():
    """The fields CFF 1.2.0 requires (checked against its schema when this was written), and the edition."""
    import yaml

    cff = yaml.safe_load((ROOT / "CITATION.cff").read_text(encoding="utf-8"))
    assert cff["cff-version"] == "1.2.0" and cff["message"] and cff["title"]
    assert cff["authors"] == [{"name": "The mainports-analysis project", "website": cff["url"]}]
    preferred = cff["preferred-citation"]
    assert preferred["type"] == "report" and preferred["authors"][0]["name"] == "The mainports-analysis project"
    assert (preferred["version"], str(preferred["date-released"])) == (cff["version"], str(cff["date-released"]))
    recs = editions.records(ROOT)
    if recs:
        assert (cff["version"], str(cff["date-released"])) == (recs[-1]["version"], recs[-1]["date"])
