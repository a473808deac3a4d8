"""The package's shape: layers whose imports point downward only, and prose rendered from templates."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from mainports_analysis.report import prose

PACKAGE = Path(__file__).resolve().parents[1] / "src" / "mainports_analysis"
#: Lower number = lower layer. A module may import only from its own layer or below.
LAYERS = {"_io": 0, "paths": 0, "data": 1, "analysis": 2, "report": 3, "site": 4, "cli": 5, "__init__": 5}


def _layer(module: str) -> int:
    first = module.removeprefix("mainports_analysis.").split(".")[0]
    return LAYERS[first]


def _imports(path: Path) -> list[tuple[int, str]]:
    rel = path.relative_to(PACKAGE).with_suffix("")
    package = ["mainports_analysis", *rel.parts[:-1]] if rel.name != "__init__" else ["mainports_analysis", *rel.parts[:-1]]
    out = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom):
            if node.level:
                base = package[: len(package) - node.level + 1]
                target = ".".join([*base, node.module] if node.module else base)
            else:
                target = node.module or ""
            if target.startswith("mainports_analysis"):
                names = [target] if target != "mainports_analysis" else [f"mainports_analysis.{a.name}" for a in node.names]
                out += [(node.lineno, n) for n in names]
        elif isinstance(node, ast.Import):
            out += [(node.lineno, a.name) for a in node.names if a.name.startswith("mainports_analysis")]
    return out


def _own(path: Path) -> str:
    return "mainports_analysis." + ".".join(path.relative_to(PACKAGE).with_suffix("").parts)


MODULES = sorted(PACKAGE.rglob("*.py"))


@pytest.mark.parametrize("path", MODULES, ids=lambda p: str(p.relative_to(PACKAGE)))
def test_imports_point_down_the_layers(path):
    own = _own(path)
    if own == "mainports_analysis.__init__":
        return  # the package top re-exports from every layer, lazily
    mine = _layer(own)
    upward = []
    for line, target in _imports(path):
        first = target.removeprefix("mainports_analysis.").split(".")[0]
        if first in LAYERS and LAYERS[first] > mine:
            upward.append(f"{path.name}:{line} imports {target}")
    assert not upward, "imports must point down data < analysis < report < site: " + "; ".join(upward)


def test_the_layer_test_catches_an_upward_import(tmp_path):
    bad = PACKAGE / "data" / "series.py"
    imports = _imports(bad) + [(1, "mainports_analysis.report.text")]
    assert any(LAYERS[t.removeprefix("mainports_analysis.").split(".")[0]] > _layer(_own(bad)) for _, t in imports)


def test_registry_means_the_function_whatever_the_import_order():
    import importlib

    import mainports_analysis

    importlib.import_module("mainports_analysis.data.registry")
    from mainports_analysis import registry

    assert callable(registry) and registry.__name__ == "registry"
    assert mainports_analysis.registry is registry


def test_templates_render_strictly(tmp_path):
    with pytest.raises(LookupError, match="no template en/does-not-exist.md.j2"):
        prose.render("does-not-exist", "en")
    with pytest.raises(ValueError, match="lang must be one of"):
        prose.render("does-not-exist", "fr")
    env = prose.environment()
    t = env.from_string("{{ kg | tonnes }} / {{ missing }}")
    from jinja2 import UndefinedError

    with pytest.raises(UndefinedError):
        t.render(lang="nl", kg=70600)
    assert env.from_string("{{ kg | tonnes }}").render(lang="nl", kg=70600) == "70,6 ton"
    assert env.from_string("{{ kg | tonnes }}").render(lang="en", kg=70600) == "70.6 t"
