"""The Frictionless Data Package: generated from the schemas, up to date, and valid with frictionless."""

from __future__ import annotations

import json
import shutil

from mainports_analysis.data import schemas
from mainports_analysis.data.products import datapackage
from mainports_analysis.data.products.datapackage import descriptor, descriptor_text


def test_committed_descriptor_is_up_to_date(root):
    assert (root / "data" / "datapackage.json").read_text(encoding="utf-8") == descriptor_text()


def test_committed_derived_series_is_up_to_date():
    assert datapackage.stale() == [], "run `mainports datapackage` (or `mainports edition`)"


def test_descriptor_version_is_the_projects():
    import tomllib

    from mainports_analysis.paths import project_root

    assert descriptor()["version"] == tomllib.loads((project_root() / "pyproject.toml").read_text())["project"]["version"]


def test_series_resource_describes_the_derived_file_with_units_and_keys():
    series = next(r for r in descriptor()["resources"] if r["name"] == "series")
    assert series["path"] == "derived/series.csv"
    fields = {f["name"]: f for f in series["schema"]["fields"]}
    assert fields["value_kg"]["unit"] == "kg" and fields["value_kg"]["type"] == "number"
    assert "unit" not in fields["published_value"]  # its unit is the next column's, row by row
    assert fields["used_in_analysis"]["trueValues"] == ["true"]
    assert series["schema"]["primaryKey"] == ["location", "year", "period", "metric", "series"]
    assert {fk["fields"] for fk in series["schema"]["foreignKeys"]} == {"record_id", "source_id"}


def test_descriptor_describes_every_resource_with_keys_and_licences():
    d = descriptor()
    names = [r["name"] for r in d["resources"]]
    assert names == [*(r.name for r in schemas.RESOURCES), "series"]
    seizures = next(r for r in d["resources"] if r["name"] == "seizures")
    assert seizures["schema"]["primaryKey"] == ["record_id"]
    fks = {fk["fields"]: fk["reference"] for fk in seizures["schema"]["foreignKeys"]}
    assert fks["source_id"] == {"resource": "sources", "fields": "source_id"}
    assert fks["location"] == {"resource": "locations", "fields": "location_id"}
    amount = next(f for f in next(r for r in d["resources"] if r["name"] == "allocations")["schema"]["fields"] if f["name"] == "amount_eur_mln")
    assert amount["unit"] == "EUR million"
    assert all(r["licenses"] for r in d["resources"])


def test_frictionless_validates_the_package(root):
    from frictionless import Package

    report = Package(str(root / "data" / "datapackage.json")).validate()
    assert report.valid, [e.message for t in report.tasks for e in t.errors][:10]


def test_frictionless_catches_a_broken_foreign_key(root, tmp_path):
    from frictionless import Package

    data = tmp_path / "data"
    shutil.copytree(root / "data", data)
    path = data / "raw" / "seizures.csv"
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    first = lines[1].split(",")
    first[1] = "atlantis"
    lines[1] = ",".join(first)
    path.write_text("".join(lines), encoding="utf-8")
    report = Package(str(data / "datapackage.json")).validate()
    assert not report.valid
    assert any(e.type == "foreign-key" for t in report.tasks for e in t.errors)
    assert json.loads((data / "datapackage.json").read_text())["name"] == "mainports-analysis-data"
