"""The project layout: _quarto.yml lists real pages, every notebook is listed, pip and conda agree."""

from __future__ import annotations

import re
import tomllib

import yaml

from mainports_analysis.site import project


def test_every_listed_page_exists(root):
    missing = [p for p in project.render_list(root) if "*" not in p and not (root / p).is_file()]
    assert missing == []


def test_every_navbar_entry_is_rendered(root):
    rendered = set(project.render_list(root))
    assert [e.href for e in project.navbar(root) if e.href not in rendered] == []


def test_every_notebook_is_listed_in_reading_order(root):
    listed = [p for p in project.render_list(root) if p.startswith("notebooks/")]
    on_disk = sorted(p.relative_to(root).as_posix() for p in (root / "notebooks").glob("*.ipynb"))
    assert listed == on_disk
    assert all(re.fullmatch(r"notebooks/\d\d_[a-z0-9_]+\.ipynb", p) for p in on_disk)


def test_quarto_project_options(root):
    cfg = project.config(root)
    assert cfg["project"]["type"] == "website"
    assert cfg["project"]["output-dir"] == "_site"
    assert cfg["jupyter"] == "python3"
    assert cfg["execute"]["echo"] is False
    assert cfg["website"]["search"]
    ignored = (root / ".gitignore").read_text()
    for pattern in ("/_site/", "/_site.*", "/_freeze/", "/.quarto/", "*.quarto_ipynb"):
        assert pattern in ignored


def _names(specs):
    return {re.split(r"[<>=!~ \[;]", s.strip(), maxsplit=1)[0].lower().replace("_", "-") for s in specs}


def _specs(specs) -> dict[str, str]:
    """Package name → its version specifier, normalised (``pandas>=2.2`` → ``{"pandas": ">=2.2"}``)."""
    from packaging.requirements import Requirement

    out = {}
    for spec in specs:
        req = Requirement(spec)
        out[req.name.lower().replace("_", "-")] = str(req.specifier)
    return out


def test_environment_yml_matches_pyproject(root):
    """Conda and pip install the same packages with the same version bounds."""
    py = tomllib.loads((root / "pyproject.toml").read_text())["project"]
    pip_side = _specs([*py["dependencies"], *py["optional-dependencies"]["test"], *py["optional-dependencies"]["lab"]])
    env = yaml.safe_load((root / "environment.yml").read_text())
    conda_side: dict[str, str] = {}
    for dep in env["dependencies"]:
        if isinstance(dep, dict):
            conda_side |= _specs(d for d in dep["pip"] if not d.startswith("-"))
        else:
            conda_side |= _specs([dep])
    extra = {k: conda_side.pop(k) for k in ("python", "quarto", "pip") if k in conda_side}
    assert conda_side == pip_side
    assert extra["python"] == py["requires-python"]
    assert extra["quarto"].startswith(">=")


def test_specifier_comparison_sees_a_different_bound():
    """The comparison above is not by name only: pandas>=2.0 differs from pandas>=2.2."""
    assert _specs(["pandas>=2.0"]) != _specs(["pandas>=2.2"])
    assert _specs(["pandas >= 2.2"]) == _specs(["pandas>=2.2"])


def test_lock_pins_every_direct_dependency(root):
    py = tomllib.loads((root / "pyproject.toml").read_text())["project"]
    direct = _names(py["dependencies"]) | _names(py["optional-dependencies"]["test"])
    pinned = {line.split("==")[0].lower().replace("_", "-") for line in (root / "requirements" / "lock.txt").read_text().splitlines() if "==" in line}
    assert direct - pinned == set()
