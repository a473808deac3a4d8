"""The project layout: _quarto.yml lists real pages, every notebook is listed, pip and conda agree."""

from __future__ import annotations

import re
import tomllib

import yaml

from mainports_analysis import project


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
    for pattern in ("/_site/", "/_freeze/", "*.quarto_ipynb"):
        assert pattern in ignored


def _names(specs):
    return {re.split(r"[<>=!~ \[;]", s.strip(), maxsplit=1)[0].lower().replace("_", "-") for s in specs}


def test_environment_yml_matches_pyproject(root):
    py = tomllib.loads((root / "pyproject.toml").read_text())["project"]
    pip_side = _names(py["dependencies"]) | _names(py["optional-dependencies"]["test"]) | _names(py["optional-dependencies"]["lab"])
    env = yaml.safe_load((root / "environment.yml").read_text())
    conda_side, pip_in_env = set(), set()
    for dep in env["dependencies"]:
        if isinstance(dep, dict):
            pip_in_env |= _names(d for d in dep["pip"] if not d.startswith("-"))
        else:
            conda_side |= _names([dep])
    conda_side -= {"python", "quarto", "pip"}
    assert conda_side | pip_in_env == pip_side
    assert "quarto" in _names(d for d in env["dependencies"] if isinstance(d, str))


def test_lock_pins_every_direct_dependency(root):
    py = tomllib.loads((root / "pyproject.toml").read_text())["project"]
    direct = _names(py["dependencies"]) | _names(py["optional-dependencies"]["test"])
    pinned = {line.split("==")[0].lower().replace("_", "-") for line in (root / "requirements" / "lock.txt").read_text().splitlines() if "==" in line}
    assert direct - pinned == set()
