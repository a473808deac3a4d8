"""The build: incremental, atomic, and safe when a notebook or the data is broken.

These tests build in a temporary copy of the project (never in the working tree) with the offline
renderer. They are marked slow: together they take about a minute.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import nbformat
import pytest

from mainports_analysis import build as build_mod
from mainports_analysis.build import BuildError, build, swap_into_place
from mainports_analysis.exports import write_downloads

pytestmark = pytest.mark.slow
ROOT = Path(__file__).resolve().parents[1]


def _copy_project(target: Path) -> Path:
    """Copy the files git tracks (what a fresh clone has), plus uncommitted edits of tracked files."""
    if (ROOT / ".git").exists():
        files = subprocess.run(["git", "ls-files", "-z"], cwd=ROOT, capture_output=True, check=True).stdout.split(b"\0")
        for f in filter(None, files):
            src = ROOT / f.decode()
            if src.is_file():
                dest = target / f.decode()
                dest.parent.mkdir(parents=True, exist_ok=True)
                shutil.copy2(src, dest)
    else:  # pragma: no cover - a source tarball
        shutil.copytree(ROOT, target, ignore=shutil.ignore_patterns(".venv", "_site*", "downloads", "reference"), dirs_exist_ok=True)
    return target


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """A project copy with a built site (no notebook should need executing: their hashes are current)."""
    root = _copy_project(tmp_path_factory.mktemp("project"))
    log: list[str] = []
    result = build(root=root, renderer="offline", say=log.append)
    return root, result, log


def test_build_produces_every_navbar_page(built):
    root, result, _ = built
    from mainports_analysis.project import navbar

    site = root / "_site"
    assert (site / "index.html").is_file()
    for entry in navbar(root):
        assert (site / Path(entry.href).with_suffix(".html")).is_file(), entry.href
    assert (site / "downloads" / "seizures.csv").is_file()
    assert json.loads((site / build_mod.STAMP).read_text())["renderer"] == "offline"


def test_committed_notebooks_are_current(built):
    """What is committed is what the code produces: a fresh build executes nothing."""
    _, result, log = built
    assert [o.path.name for o in result.outcomes if o.action != "unchanged"] == [], log


def test_second_build_with_nothing_changed_does_nothing(built):
    root, _, _ = built
    before = (root / "_site" / "index.html").stat().st_mtime_ns
    log: list[str] = []
    result = build(root=root, renderer="offline", say=log.append)
    assert result.outcomes == [] and "render" not in result.timings
    assert "nothing changed" in log[0]
    assert (root / "_site" / "index.html").stat().st_mtime_ns == before


def test_failing_notebook_stops_the_build_and_keeps_the_old_site(built):
    root, _, _ = built
    site_before = (root / "_site" / "index.html").read_bytes()
    nb_path = root / "notebooks" / "01_allocation.ipynb"
    original = nb_path.read_bytes()
    nb = nbformat.read(nb_path, as_version=4)
    nb.cells.insert(3, nbformat.v4.new_code_cell("raise RuntimeError('boom on purpose')"))
    nbformat.write(nb, nb_path)
    edited = nb_path.read_bytes()
    try:
        with pytest.raises(BuildError) as err:
            build(root=root, renderer="offline", say=lambda s: None)
        message = str(err.value)
        assert "notebooks/01_allocation.ipynb" in message and "cell 4" in message and "boom on purpose" in message
        assert "previous _site/ is unchanged" in message
        assert (root / "_site" / "index.html").read_bytes() == site_before
        assert nb_path.read_bytes() == edited  # the failed run wrote nothing into the notebook
        assert not list(root.glob("_site.new-*"))
    finally:
        nb_path.write_bytes(original)


def test_bad_data_stops_the_build_before_anything_runs(built):
    root, _, _ = built
    path = root / "data" / "raw" / "seizures.csv"
    original = path.read_bytes()
    lines = original.decode("utf-8").splitlines(keepends=True)
    cells = lines[1].split(",")
    cells[2] = "2099"
    lines[1] = ",".join(cells)
    path.write_text("".join(lines), encoding="utf-8")
    site_before = (root / "_site" / "index.html").read_bytes()
    try:
        with pytest.raises(BuildError, match=r"raw/seizures.csv:2: year=2099: year above"):
            build(root=root, renderer="offline", say=lambda s: None)
        assert (root / "_site" / "index.html").read_bytes() == site_before
    finally:
        path.write_bytes(original)


def test_interrupted_render_leaves_the_old_site(built, monkeypatch):
    root, _, _ = built
    (root / "styles.css").write_text((root / "styles.css").read_text() + "\n/* changed */\n")
    site_before = (root / "_site" / "index.html").read_bytes()

    def interrupted(*args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr(build_mod, "render", interrupted)
    with pytest.raises(KeyboardInterrupt):
        build(root=root, renderer="offline", say=lambda s: None)
    assert (root / "_site" / "index.html").read_bytes() == site_before
    assert not list(root.glob("_site.new-*"))


def test_swap_into_place_replaces_a_whole_folder(tmp_path):
    old, new = tmp_path / "_site", tmp_path / "_site.new"
    old.mkdir()
    (old / "a.html").write_text("old")
    (old / "stale.html").write_text("old")
    new.mkdir()
    (new / "a.html").write_text("new")
    swap_into_place(new, old)
    assert sorted(p.name for p in old.iterdir()) == ["a.html"]
    assert (old / "a.html").read_text() == "new" and not new.exists()
    assert [p.name for p in tmp_path.iterdir()] == ["_site"]


def test_data_exports_are_reproducible(tmp_path):
    """Two exports from the same commit are byte-identical."""
    a = write_downloads(tmp_path / "a", ROOT / "data")
    b = write_downloads(tmp_path / "b", ROOT / "data")
    assert [p.name for p in a] == [p.name for p in b]
    for x, y in zip(a, b, strict=True):
        assert x.read_bytes() == y.read_bytes(), x.name
    assert "\r" not in (tmp_path / "a" / "seizures.csv").read_text(encoding="utf-8")
