"""The build: incremental, atomic, and safe when a notebook or the data is broken.

These tests build in a temporary copy of the project (never in the working tree) with the offline
renderer. They are marked slow: together they take about a minute.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import nbformat
import pytest

from mainports_analysis.site import build as build_mod
from mainports_analysis.site.build import BuildError, build, swap_into_place
from mainports_analysis.site.execute import execute_many, inputs_hash, is_current, shared_hash

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
    from mainports_analysis.site.project import navbar

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
        assert "notebooks/01_allocation.ipynb: cell 4 (code cell 2): RuntimeError: boom on purpose" in message
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


EXPORT = (
    "import sys; from pathlib import Path; from mainports_analysis.data.products.downloads import write_downloads; "
    "[print(p.name) for p in write_downloads(Path(sys.argv[1]), Path(sys.argv[2]))]"
)


def test_data_exports_are_reproducible_across_processes_and_hash_seeds(tmp_path):
    """Two exports from the same commit, in two processes with different hash seeds, are byte-identical."""
    outputs = []
    for seed in ("1", "2"):
        env = {**os.environ, "PYTHONHASHSEED": seed, "MAINPORTS_CACHE_DIR": ""}
        out = tmp_path / f"seed-{seed}"
        proc = subprocess.run([sys.executable, "-c", EXPORT, str(out), str(ROOT / "data")], env=env, capture_output=True, text=True)
        assert proc.returncode == 0, proc.stderr
        outputs.append((out, proc.stdout.split()))
    (a, names_a), (b, names_b) = outputs
    assert names_a == names_b and "seizures.csv" in names_a
    for name in names_a:
        assert (a / name).read_bytes() == (b / name).read_bytes(), name
    assert "\r" not in (a / "seizures.csv").read_text(encoding="utf-8")


# ----------------------------------------------------------------- what makes a notebook run again


def _stamped_copy(tmp_path: Path) -> tuple[Path, list[Path]]:
    """A project copy whose notebooks carry the hash of their current inputs (all current by construction)."""
    root = _copy_project(tmp_path / "project")
    shared = shared_hash(root)
    notebooks = build_mod.project.notebooks(root)
    for path in notebooks:
        nb = nbformat.read(path, as_version=4)
        nb.metadata.setdefault("mainports", {})["inputs"] = inputs_hash(nb, shared)
        nbformat.write(nb, path)
    return root, notebooks


def _stale(root: Path, notebooks: list[Path]) -> list[str]:
    shared = shared_hash(root)
    return [p.relative_to(root).as_posix() for p in notebooks if not is_current(nbformat.read(p, as_version=4), shared)]


def _append(path: Path, text: str) -> None:
    path.write_bytes(path.read_bytes() + text.encode())


@pytest.mark.parametrize(
    "edited", ["data/raw/seizures.csv", "data/reference/locations.csv", "src/mainports_analysis/data/series.py", "requirements/lock.txt"]
)
def test_shared_inputs_make_every_notebook_run_again(tmp_path, edited):
    root, notebooks = _stamped_copy(tmp_path)
    assert _stale(root, notebooks) == []
    _append(root / edited, "\n# edited\n" if edited.endswith((".py", ".txt")) else "\n")
    assert _stale(root, notebooks) == [p.relative_to(root).as_posix() for p in notebooks]


def test_a_code_cell_reruns_that_notebook_and_markdown_reruns_none(tmp_path):
    root, notebooks = _stamped_copy(tmp_path)
    path = root / "notebooks" / "02_seizures.ipynb"
    nb = nbformat.read(path, as_version=4)
    next(c for c in nb.cells if c.cell_type == "markdown").source += "\n\nAn added sentence."
    nbformat.write(nb, path)
    assert _stale(root, notebooks) == []
    next(c for c in nb.cells if c.cell_type == "code").source += "\n# a comment changes the code hash"
    nbformat.write(nb, path)
    assert _stale(root, notebooks) == ["notebooks/02_seizures.ipynb"]
    # outputs that are incomplete or hold an error also make it run again
    nb = nbformat.read(root / "pages" / "data.ipynb", as_version=4)
    next(c for c in nb.cells if c.cell_type == "code" and c.source.strip()).execution_count = None
    nbformat.write(nb, root / "pages" / "data.ipynb")
    assert _stale(root, notebooks) == ["notebooks/02_seizures.ipynb", "pages/data.ipynb"]


def test_build_executes_only_what_changed(built):
    """Through the build itself: a Markdown edit re-renders without executing; a code edit executes that notebook."""
    root, _, _ = built
    path = root / "pages" / "data.ipynb"
    original = path.read_bytes()
    try:
        nb = nbformat.read(path, as_version=4)
        next(c for c in nb.cells if c.cell_type == "markdown").source += "\n\nAn added sentence."
        nbformat.write(nb, path)
        result = build(root=root, renderer="offline", say=lambda s: None)
        assert [o.action for o in result.outcomes] == ["unchanged"] * len(result.outcomes) and "render" in result.timings
        assert "An added sentence." in (root / "_site" / "pages" / "data.html").read_text(encoding="utf-8")
        nb = nbformat.read(path, as_version=4)
        [c for c in nb.cells if c.cell_type == "code"][-1].source += "\n# a comment"
        nbformat.write(nb, path)
        result = build(root=root, renderer="offline", say=lambda s: None)
        assert [o.path.relative_to(root).as_posix() for o in result.outcomes if o.action == "executed"] == ["pages/data.ipynb"]
    finally:
        path.write_bytes(original)


def _text_outputs(path: Path) -> list:
    nb = nbformat.read(path, as_version=4)
    return [
        (c.source, c.get("execution_count"), [{k: v for k, v in o.items() if k != "metadata"} for o in c.get("outputs", [])])
        for c in nb.cells
        if c.cell_type == "code"
    ]


def test_one_or_two_jobs_give_identical_notebooks(tmp_path):
    """Executing in parallel changes nothing: the same notebooks, executed with --jobs 1 and --jobs 2, are identical."""
    names = ["pages/data.ipynb", "notebooks/01_allocation.ipynb"]
    results = []
    for jobs in (1, 2):
        root = _copy_project(tmp_path / f"jobs-{jobs}")
        outcomes = execute_many([root / n for n in names], root, jobs=jobs, force=True)
        assert [o.action for o in outcomes] == ["executed", "executed"]
        results.append({n: ((root / n).read_text(encoding="utf-8"), _text_outputs(root / n)) for n in names})
    for n in names:
        assert results[0][n][1] == results[1][n][1], n  # the text outputs, cell by cell
        assert results[0][n][0] == results[1][n][0], n  # and the whole file, figures included


def test_notebook_hashes_do_not_depend_on_the_python_version(tmp_path, monkeypatch):
    """The lock is hashed, the interpreter is not: committed notebooks stay current on 3.11, 3.12 and 3.13."""
    from types import SimpleNamespace

    root = tmp_path / "p"
    (root / "requirements").mkdir(parents=True)
    (root / "requirements" / "lock.txt").write_text("pandas==2.2.3\n")
    hashes = set()
    for minor in (11, 12, 13):
        monkeypatch.setattr(sys, "version_info", SimpleNamespace(major=3, minor=minor, micro=0))
        hashes.add(shared_hash(root))
    assert len(hashes) == 1
    (root / "requirements" / "lock.txt").write_text("pandas==2.2.4\n")
    assert shared_hash(root) not in hashes


def test_a_new_renderer_version_renders_again(built, monkeypatch):
    root, _, _ = built
    build(root=root, renderer="offline", say=lambda s: None)  # whatever earlier tests changed
    assert "render" not in build(root=root, renderer="offline", say=lambda s: None).timings
    monkeypatch.setattr(build_mod, "describe", lambda renderer: "smalldocs 99.0 (offline)")
    assert "render" in build(root=root, renderer="offline", say=lambda s: None).timings
    assert json.loads((root / "_site" / build_mod.STAMP).read_text())["version"] == "smalldocs 99.0 (offline)"


def test_an_edit_made_while_rendering_is_not_stamped_as_built(built, monkeypatch):
    root, _, _ = built
    real = build_mod.render

    def render_while_editing(renderer, project_root, out):
        warnings = real(renderer, project_root, out)
        _append(project_root / "styles.css", "\n/* edited during the render */\n")
        return warnings

    _append(root / "styles.css", "\n/* before */\n")
    monkeypatch.setattr(build_mod, "render", render_while_editing)
    result = build(root=root, renderer="offline", say=lambda s: None)
    assert "files changed while rendering; the next build renders again" in result.warnings
    monkeypatch.setattr(build_mod, "render", real)
    assert "render" in build(root=root, renderer="offline", say=lambda s: None).timings
    assert "render" not in build(root=root, renderer="offline", say=lambda s: None).timings


# ------------------------------------------------------------------ rebuilds, bad notebooks, interrupts


def _dead_pid() -> int:
    proc = subprocess.Popen(["true"])
    proc.wait()
    return proc.pid


def test_real_rebuilds_do_not_nest_the_site_and_clear_stale_folders(built):
    root, _, _ = built
    stale = root / f"_site.new-{_dead_pid()}-x"
    (stale / "_site").mkdir(parents=True)
    (stale / "CITATION.cff").write_text("stale")
    for i in range(2):  # two builds that really render (a style change each time)
        _append(root / "styles.css", f"\n/* rebuild {i} */\n")
        result = build(root=root, renderer="offline", say=lambda s: None)
        assert "render" in result.timings
    site = root / "_site"
    assert (site / "CITATION.cff").read_bytes() == (root / "CITATION.cff").read_bytes()
    assert [p.relative_to(site).as_posix() for p in site.rglob("CITATION.cff")] == ["CITATION.cff"]
    assert not (site / "_site").exists() and not list(site.glob("_site.*"))
    assert [p.name for p in root.glob("_site*")] == ["_site"]


def test_notebook_listed_but_missing_is_a_clear_error(built):
    root, _, _ = built
    cfg = root / "_quarto.yml"
    original = cfg.read_bytes()
    cfg.write_text(original.decode().replace("    - pages/data.ipynb\n", "    - pages/data.ipynb\n    - notebooks/05_new.ipynb\n"))
    try:
        with pytest.raises(BuildError) as err:
            build(root=root, renderer="offline", say=lambda s: None)
        assert str(err.value) == "_quarto.yml lists notebooks/05_new.ipynb, which does not exist; nothing was executed"
    finally:
        cfg.write_bytes(original)


def test_corrupt_notebook_is_a_clear_error_and_nothing_runs(built):
    root, _, _ = built
    path = root / "notebooks" / "02_seizures.ipynb"
    original = path.read_bytes()
    path.write_bytes(original[: len(original) // 2])
    try:
        with pytest.raises(BuildError) as err:
            build(root=root, renderer="offline", force=True, say=lambda s: None)
        assert str(err.value) == (
            "_quarto.yml lists notebooks/02_seizures.ipynb, which is not a valid notebook: "
            "not valid JSON (truncated or corrupt?); nothing was executed"
        )
        assert path.read_bytes() == original[: len(original) // 2]
    finally:
        path.write_bytes(original)


main_thread_only = pytest.mark.skipif(
    threading.current_thread() is not threading.main_thread(), reason="signal handlers need the main thread"
)


@main_thread_only
def test_an_interrupt_that_a_library_swallows_still_stops_the_build(built, monkeypatch):
    """Ctrl-C caught and ignored somewhere (a weakref callback, say) must not let the new site be swapped in."""
    root, _, _ = built
    _append(root / "styles.css", "\n/* swallowed */\n")
    site_before = (root / "_site" / "index.html").read_bytes()

    def render_swallowing_an_interrupt(renderer, project_root, out):
        try:
            os.kill(os.getpid(), signal.SIGINT)
            time.sleep(1)
        except KeyboardInterrupt:
            pass  # what a careless library does
        (out / "index.html").write_text("new")
        return []

    monkeypatch.setattr(build_mod, "render", render_swallowing_an_interrupt)
    with pytest.raises(KeyboardInterrupt):
        build(root=root, renderer="offline", say=lambda s: None)
    assert (root / "_site" / "index.html").read_bytes() == site_before
    assert [p.name for p in root.glob("_site*")] == ["_site"]


def test_swap_puts_the_old_site_back_when_the_second_rename_fails(tmp_path, monkeypatch):
    old, new = tmp_path / "_site", tmp_path / "_site.new"
    old.mkdir()
    (old / "a.html").write_text("old")
    new.mkdir()
    (new / "a.html").write_text("new")
    real, calls = os.replace, []

    def replace(src, dst):
        calls.append((src, dst))
        if len(calls) == 2:
            raise OSError("disk trouble")
        real(src, dst)

    monkeypatch.setattr(build_mod.os, "replace", replace)
    with pytest.raises(OSError, match="disk trouble"):
        swap_into_place(new, old)
    assert (old / "a.html").read_text() == "old" and (new / "a.html").read_text() == "new"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["_site", "_site.new"]


@main_thread_only
def test_ctrl_c_during_the_swap_is_held_until_it_is_complete(tmp_path, monkeypatch):
    old, new = tmp_path / "_site", tmp_path / "_site.new"
    old.mkdir()
    (old / "a.html").write_text("old")
    new.mkdir()
    (new / "a.html").write_text("new")
    real = os.replace

    def replace(src, dst):
        os.kill(os.getpid(), signal.SIGINT)  # Ctrl-C between the two renames
        real(src, dst)

    monkeypatch.setattr(build_mod.os, "replace", replace)
    with pytest.raises(KeyboardInterrupt):
        swap_into_place(new, old)
    assert (old / "a.html").read_text() == "new"
    assert [p.name for p in tmp_path.iterdir()] == ["_site"]


def test_ctrl_c_while_notebooks_execute(built):
    """A real Ctrl-C in the middle of execution: exit 130, every notebook whole (old or new), _site/ unchanged."""
    root, _, _ = built
    notebooks = build_mod.project.notebooks(root)
    before = {p: p.read_bytes() for p in notebooks}
    site_before = (root / "_site" / "index.html").read_bytes()
    env = {**os.environ, "MAINPORTS_PROJECT_ROOT": str(root), "PYTHONPATH": str(ROOT / "src")}
    exe = Path(sys.executable).with_name("mainports")
    proc = subprocess.Popen(
        [str(exe), "build", "--force", "--renderer", "offline", "--jobs", "2"], cwd=root, env=env,
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )  # fmt: skip
    assert proc.stdout is not None
    for line in proc.stdout:
        if "… executing" in line:
            break
    time.sleep(1.0)
    proc.send_signal(signal.SIGINT)
    out, err = proc.communicate(timeout=300)
    assert proc.returncode == 130, (out, err)
    assert "every notebook is either untouched or completely re-executed" in err
    shared = shared_hash(root)
    for p in notebooks:
        nb = nbformat.read(p, as_version=4)  # valid JSON, never half-written
        assert p.read_bytes() == before[p] or is_current(nb, shared), p
    assert (root / "_site" / "index.html").read_bytes() == site_before
    assert [q.name for q in root.glob("_site*")] == ["_site"]
