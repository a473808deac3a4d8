"""Every key the project gives Quarto is one Quarto knows: _quarto.yml, page front matter, ``#|`` cell options.

Quarto cannot run here (the offline renderer is lenient), so a typo would only fail for users of
Quarto. ``tests/quarto_schema.json`` holds the option names read from Quarto's own schema files
(quarto-cli ``src/resources/schema/``; its ``source`` entry records the commit and version), extracted
by ``tests/quarto_schema_extract.py``. Nothing of quarto-cli itself is committed.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[1]
SCHEMA = json.loads((ROOT / "tests" / "quarto_schema.json").read_text(encoding="utf-8"))


def _walk(value, allowed: dict, path: str, problems: list[str]) -> None:
    """Check the keys of mapping ``value`` against the key tree ``allowed`` ({} = any value, "*" = any key)."""
    if isinstance(value, list):
        for i, item in enumerate(value):
            _walk(item, allowed, f"{path}[{i}]", problems)
        return
    if not isinstance(value, dict) or not allowed or "*" in allowed:
        return
    for key, sub in value.items():
        if key not in allowed:
            problems.append(f"{path}.{key}")
        else:
            _walk(sub, allowed[key], f"{path}.{key}", problems)


def check_front_matter(meta: dict, where: str, *, project: bool = False) -> list[str]:
    """Unknown keys of a _quarto.yml (``project=True``) or a page's front matter."""
    problems: list[str] = []
    document = SCHEMA["document"]
    for key, value in meta.items():
        if project and key in SCHEMA["project"]:
            _walk(value, SCHEMA["project"][key], f"{where}:{key}", problems)
        elif key == "format":
            for fmt, options in (value or {}).items():
                if fmt not in SCHEMA["formats"]:
                    problems.append(f"{where}:format.{fmt}")
                for opt in options or {}:
                    if opt not in document:
                        problems.append(f"{where}:format.{fmt}.{opt}")
        elif key == "execute":
            problems += [f"{where}:execute.{opt}" for opt in value or {} if opt not in SCHEMA["execute"]]
        elif key not in document:
            problems.append(f"{where}:{key}")
    return problems


def cell_options(source: str) -> dict:
    """The ``#|`` options at the top of a code cell, parsed as YAML."""
    lines = []
    for line in source.splitlines():
        if not line.startswith("#|"):
            break
        lines.append(line[2:].strip())
    return yaml.safe_load("\n".join(lines)) or {} if lines else {}


def rendered_files() -> list[Path]:
    cfg = yaml.safe_load((ROOT / "_quarto.yml").read_text(encoding="utf-8"))
    files = []
    for pattern in cfg["project"]["render"]:
        files += [p for p in sorted(ROOT.glob(pattern)) if p.suffix in (".ipynb", ".qmd") and "reference/api" not in p.as_posix()]
    return files


def page_front_matter(path: Path) -> dict:
    if path.suffix == ".qmd":
        m = re.match(r"---\n(.*?)\n---", path.read_text(encoding="utf-8"), re.S)
        return yaml.safe_load(m.group(1)) if m else {}
    nb = json.loads(path.read_text(encoding="utf-8"))
    for cell in nb["cells"]:
        if cell["cell_type"] == "raw":
            m = re.match(r"---\n(.*?)\n---", "".join(cell["source"]), re.S)
            return yaml.safe_load(m.group(1)) if m else {}
    return {}


def test_the_schema_list_says_where_it_came_from():
    src = SCHEMA["source"]
    assert src["repository"] == "quarto-dev/quarto-cli" and re.fullmatch(r"[0-9a-f]{40}", src["commit"])
    assert src["version"].startswith("v1.")
    # a sample of what Quarto knows, so an empty or truncated list fails here
    assert {"label", "fig-cap", "fig-alt", "include", "echo"} <= set(SCHEMA["cell"])
    assert {"navbar", "page-footer", "site-url", "open-graph", "favicon"} <= set(SCHEMA["project"]["website"])


def test_the_checker_catches_a_typo():
    assert check_front_matter({"format": {"html": {"toc-dept": 2}}}, "x") == ["x:format.html.toc-dept"]
    assert check_front_matter({"website": {"navbar": {"lefft": []}}}, "x", project=True) == ["x:website.navbar.lefft"]
    assert check_front_matter({"execute": {"echoo": False}}, "x") == ["x:execute.echoo"]
    assert check_front_matter({"toc-titel": "x"}, "p") == ["p:toc-titel"]


def test_quarto_yml_keys_are_quarto_keys():
    cfg = yaml.safe_load((ROOT / "_quarto.yml").read_text(encoding="utf-8"))
    assert check_front_matter(cfg, "_quarto.yml", project=True) == []


@pytest.mark.parametrize("path", rendered_files(), ids=lambda p: p.relative_to(ROOT).as_posix())
def test_front_matter_and_cell_options_are_quarto_keys(path):
    problems = check_front_matter(page_front_matter(path), path.name)
    if path.suffix == ".ipynb":
        nb = json.loads(path.read_text(encoding="utf-8"))
        for i, cell in enumerate(nb["cells"]):
            if cell["cell_type"] == "code":
                problems += [f"{path.name} cell {i}: #| {k}" for k in cell_options("".join(cell["source"])) if k not in SCHEMA["cell"]]
    assert problems == []
