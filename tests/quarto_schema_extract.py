"""Extract valid option keys from quarto-cli's schema YAML (src/resources/schema/) into a JSON tree.

Usage: python tests/quarto_schema_extract.py SCHEMA_DIR OUT.json SOURCE_JSON, where SCHEMA_DIR holds
the ``*.yml`` files of quarto-cli's src/resources/schema/ at one commit and SOURCE_JSON records that
commit and version. Writes tests/quarto_schema.json, which tests/test_quarto_schema.py reads.
"""

import json
import re
import sys
from pathlib import Path

import yaml

d = Path(sys.argv[1])
SOURCE = json.loads(sys.argv[3])
defs = {}
for f in sorted(d.glob("*.yml")):
    data = yaml.safe_load(f.read_text())
    if isinstance(data, list):
        for item in data:
            if isinstance(item, dict) and "id" in item:
                defs[item["id"]] = item
MAXDEPTH = 6

def keys_of(node, depth=0, seen=()):
    """{key: subtree} of an object schema node, following refs; {} if not an object."""
    out = {}
    if depth > MAXDEPTH or node is None:
        return out
    if isinstance(node, list):
        for n in node:
            merge(out, keys_of(n, depth, seen))
        return out
    if not isinstance(node, dict):
        return out
    for k in ("ref", "resolveRef"):
        if k in node and isinstance(node[k], str):
            rid = node[k]
            if rid in seen or rid not in defs:
                return out
            target = defs[rid]
            merge(out, keys_of({kk: vv for kk, vv in target.items() if kk not in ("id", "description")}, depth, seen + (rid,)))
    for k in ("schema", "anyOf", "allOf", "maybeArrayOf", "arrayOf", "super", "oneOf"):
        if k in node:
            v = node[k]
            if k in ("maybeArrayOf", "arrayOf"):
                sub = keys_of(v, depth, seen)
                merge(out, sub)
                if isinstance(v, dict) and "schema" in v:
                    merge(out, keys_of(v["schema"], depth, seen))
            else:
                merge(out, keys_of(v, depth, seen))
    obj = node.get("object")
    if isinstance(obj, dict):
        for k in ("super",):
            if k in obj:
                merge(out, keys_of(obj[k], depth, seen))
        for name, sub in (obj.get("properties") or {}).items():
            out.setdefault(name, {})
            merge(out[name], keys_of(sub, depth + 1, seen))
        if obj.get("closed") is not True and not obj.get("properties"):
            out.setdefault("*", {})
    return out

def merge(a, b):
    for k, v in b.items():
        merge(a.setdefault(k, {}), v)

def named(files):
    out = {}
    for f in files:
        data = yaml.safe_load(f.read_text())
        for item in data or []:
            if isinstance(item, dict) and "name" in item:
                out.setdefault(item["name"], {})
                merge(out[item["name"]], keys_of(item.get("schema"), 1))
    return out

def in_context(context):
    names = set()
    for f in sorted(d.glob("*.yml")):
        for item in yaml.safe_load(f.read_text()) or []:
            if isinstance(item, dict) and "name" in item and any(c.startswith(context) for c in ((item.get("tags") or {}).get("contexts") or [])):
                names.add(item["name"])
    return names


formats = set()
for line in (d / "format-aliases.yml").read_text().splitlines():
    for name in re.findall(r"[\w$-]+", line.split("#")[0].split(":", 1)[-1] if ":" in line else line.split("#")[0]):
        if not name.startswith("$"):
            formats.add(name)
result = {
    "source": SOURCE,
    "formats": sorted(formats | {"html", "typst", "pdf", "dashboard", "revealjs"}),
    # front-matter.ts / execute.ts: `execute` takes the options of the "document-execute" context
    "execute": sorted(set(named([d / "document-execute.yml"])) | in_context("document-execute")),
    "project": named([d / "project.yml"]),
    # format-schemas.ts: a format takes the options of every "document-*" context (files and tags)
    "document": {**{n: {} for n in in_context("document-")}, **named(sorted(d.glob("document-*.yml")))},
    "cell": sorted(named(sorted(d.glob("cell-*.yml")))),
}
Path(sys.argv[2]).write_text(json.dumps(result, indent=1, sort_keys=True), encoding="utf-8")
