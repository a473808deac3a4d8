"""Write the Frictionless Data Package descriptor (``data/datapackage.json``) from the declared schemas.

The descriptor is generated, never edited by hand, so it cannot drift from what the validator
checks; CI runs ``mainports datapackage --check`` and validates the package with ``frictionless``.
Specification: https://datapackage.org/standard/data-package/ (Frictionless Data, v2).
"""

from __future__ import annotations

import json
from pathlib import Path

from mainports_analysis.data import schemas
from mainports_analysis.paths import data_dir

LICENCE = {
    "name": "CC-BY-4.0",
    "path": "https://creativecommons.org/licenses/by/4.0/",
    "title": "Creative Commons Attribution 4.0 (the compilation); quotes remain the publishers' and are short citations",
}

_TYPES = {
    "id": "string", "string": "string", "text": "string", "list": "string", "date": "string",
    "category": "string", "integer": "integer", "number": "number", "boolean": "boolean",
}  # fmt: skip


def _field(f: schemas.Field) -> dict:
    out: dict = {"name": f.name, "type": _TYPES[f.kind], "description": f.description}
    if f.kind == "boolean":
        out["trueValues"], out["falseValues"] = ["true"], ["false"]
    if f.unit:
        out["unit"] = f.unit
    constraints: dict = {}
    if f.required:
        constraints["required"] = True
    if f.choices:
        constraints["enum"] = list(f.choices)
    if f.minimum is not None:
        constraints["minimum"] = int(f.minimum) if f.kind == "integer" else f.minimum
    if f.maximum is not None and not (f.kind == "integer" and f.maximum == schemas.YEAR_MAX):
        constraints["maximum"] = f.maximum  # the year's upper bound moves with the calendar: checked in code only
    if f.pattern:
        constraints["pattern"] = f.pattern.strip("^$")
    if constraints:
        out["constraints"] = constraints
    return out


def _resource(r: schemas.Resource) -> dict:
    schema: dict = {
        "fields": [_field(f) for f in r.fields],
        "primaryKey": list(r.primary_key),
        "missingValues": [""],
    }
    fks = [
        {"fields": f.name, "reference": {"resource": f.references[0], "fields": f.references[1]}}
        for f in r.fields
        if f.references and f.kind != "list"
    ]
    if fks:
        schema["foreignKeys"] = fks
    return {
        "name": r.name,
        "path": r.path,
        "title": r.title,
        "description": r.description,
        "format": "csv",
        "mediatype": "text/csv",
        "encoding": "utf-8",
        "licenses": [LICENCE],
        "sources": [{"title": "One row per source in raw/sources.csv; each figure row names its source_id and quotes it"}]
        if not r.reference
        else [{"title": "mainports-analysis registry (maintained by the project)"}],
        "schema": schema,
    }


def descriptor() -> dict:
    """The Data Package descriptor as a dict."""
    return {
        "$schema": "https://datapackage.org/profiles/2.0/datapackage.json",
        "name": "mainports-analysis-data",
        "title": "Cocaine seizures, funding and measures of the Dutch mainports approach",
        "description": (
            "Published figures on cocaine seizures at Dutch and European ports, container throughput, the money "
            "allocated to the Dutch mainports approach (Mainportsaanpak) per hub, and its measures. Every figure row "
            "cites its source and quotes it verbatim. See data/README.md for the data log."
        ),
        "version": "0.1.0",
        "licenses": [LICENCE],
        "sources": [
            {
                "title": "Beslisnota bij Kamerbrief inzake Mainportsaanpak (Ministerie van Justitie en Veiligheid, 4 November 2022)",
            },
            {"title": "News agencies, customs and prosecution releases, port authorities, EUDA, UNODC: see raw/sources.csv"},
        ],
        "resources": [_resource(r) for r in schemas.RESOURCES],
    }


def descriptor_text() -> str:
    """The descriptor as the exact text committed in ``data/datapackage.json``."""
    return json.dumps(descriptor(), indent=2, ensure_ascii=False) + "\n"


def path() -> Path:
    """Where the descriptor lives: ``data/datapackage.json``."""
    return data_dir() / "datapackage.json"
