"""Build the briefing: validate the data, execute changed notebooks, render, swap into ``_site/``.

The steps, each reported with its timing:

0. stop at once when nothing the site depends on changed since the last build (a hash stamp);
1. validate the raw data (stop on any error, nothing else touched);
2. execute the notebooks whose inputs changed, in parallel (:mod:`mainports_analysis.execute`);
3. render the site with Quarto or offline (:mod:`mainports_analysis.render`) into a fresh folder;
4. swap that folder into place, so ``_site/`` is always a complete build, old or new.

A failing notebook stops the build with its name, cell and error, and the previous ``_site/`` stays.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from . import project
from .execute import NotebookError, Outcome, execute_many
from .paths import project_root
from .render import RenderError, choose, describe, render


class BuildError(RuntimeError):
    """The build stopped; the message says where and why."""


@dataclass
class BuildResult:
    """What a build did: the renderer used, each notebook's outcome, the step timings, warnings."""

    renderer: str = ""
    outcomes: list[Outcome] = field(default_factory=list)
    timings: dict[str, float] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)
    site: Path | None = None


STAMP = ".mainports-build.json"
#: What a rendered site depends on besides the pages and notebooks it lists.
SITE_INPUTS = (
    "_quarto.yml", "styles.css", "CITATION.cff", "scripts/*.py", "src/mainports_analysis/**/*.py",
    "data/raw/*.csv", "data/reference/*.csv", "requirements/*.txt",
)  # fmt: skip


def site_hash(root: Path, renderer: str) -> str:
    """Hash of everything the rendered site depends on: pages, notebooks, config, code, data, lock, renderer."""
    patterns = [*SITE_INPUTS, *project.render_list(root)]
    files = sorted({p for pat in patterns for p in root.glob(pat) if p.is_file()})
    h = hashlib.sha256(renderer.encode())
    for p in files:
        h.update(p.relative_to(root).as_posix().encode() + b"\0")
        h.update(hashlib.sha256(p.read_bytes()).digest())
    return h.hexdigest()


def site_is_current(site: Path, digest: str) -> bool:
    """Whether ``site`` was built from exactly these inputs (its stamp holds the same hash)."""
    try:
        return json.loads((site / STAMP).read_text(encoding="utf-8")).get("inputs") == digest
    except (OSError, ValueError):
        return False


def swap_into_place(new: Path, target: Path) -> None:
    """Replace ``target`` by ``new`` with two renames: readers see the old site or the new, never a mix."""
    old = None
    if target.exists():
        old = target.with_name(f"{target.name}.old-{os.getpid()}-{time.monotonic_ns()}")
        os.replace(target, old)
    os.replace(new, target)
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)


def build(
    *,
    root: Path | None = None,
    renderer: str = "auto",
    jobs: int | None = None,
    force: bool = False,
    say: Callable[[str], None] = print,
) -> BuildResult:
    """Run the whole build; raise :class:`BuildError` with a clear message when a step fails."""
    root = (root or project_root()).resolve()
    result = BuildResult()

    def step(name: str, t0: float) -> None:
        result.timings[name] = time.perf_counter() - t0

    # 0. nothing changed since the last build? then there is nothing to do
    try:
        chosen = choose(renderer)
    except RenderError as err:
        raise BuildError(str(err)) from None
    result.renderer = chosen
    target = root / project.output_dir(root)
    t0 = time.perf_counter()
    digest = site_hash(root, chosen)
    if not force and site_is_current(target, digest):
        step("check", t0)
        result.site = target
        say(f"✓ nothing changed since the last build of {target.relative_to(root)}/ ({result.timings['check']:.2f} s): "
            "data, notebooks, code and pages are as they were; use --force to rebuild")
        return result

    from .load import report

    # 1. data
    t0 = time.perf_counter()
    rep = report(root / "data")
    step("validate", t0)
    if rep.errors:
        lines = "\n".join(str(p) for p in rep.errors)
        raise BuildError(f"the raw data has {len(rep.errors)} error(s); nothing was built:\n{lines}")
    say(f"✓ validate data: {sum(len(t.frame) for t in rep.tables.values())} rows, {len(rep.warnings)} warning(s) ({result.timings['validate']:.1f} s)")

    # 3. notebooks
    t0 = time.perf_counter()
    notebooks = project.notebooks(root)
    jobs = max(1, jobs or os.cpu_count() or 1)
    say(f"▶ notebooks: {len(notebooks)} in _quarto.yml, up to {jobs} at a time{' (forced)' if force else ''}")

    def started(p: Path) -> None:
        say(f"  … executing {p.relative_to(root)}")

    def done(o: Outcome) -> None:
        rel = o.path.relative_to(root)
        if o.action == "unchanged":
            say(f"  · {rel}: unchanged, not executed")
        elif o.action == "executed":
            say(f"  ✓ {rel}: executed ({o.seconds:.1f} s)")
        else:
            say(f"  ✗ {rel}: {o.error}")

    try:
        result.outcomes = execute_many(notebooks, root, jobs=jobs, force=force, on_done=done, on_start=started)
    except NotebookError as err:
        raise BuildError(f"notebook failed, site not rebuilt (the previous _site/ is unchanged): {err}") from None
    step("execute", t0)
    n_exec = sum(o.action == "executed" for o in result.outcomes)
    say(f"✓ notebooks: {n_exec} executed, {len(notebooks) - n_exec} unchanged ({result.timings['execute']:.1f} s)")

    # 4. render into a fresh folder beside the target, stamp it, then swap
    t0 = time.perf_counter()
    tmp = Path(tempfile.mkdtemp(prefix=f"{target.name}.new-", dir=root))
    try:
        result.warnings = render(chosen, root, tmp)
        digest = site_hash(root, chosen)  # executed notebooks changed on disk: hash what was rendered
        (tmp / STAMP).write_text(json.dumps({"inputs": digest, "renderer": chosen}) + "\n", encoding="utf-8")
        swap_into_place(tmp, target)
    except RenderError as err:
        shutil.rmtree(tmp, ignore_errors=True)
        raise BuildError(f"render failed, the previous _site/ is unchanged: {err}") from None
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    step("render", t0)
    result.site = target
    say(f"✓ render: {describe(chosen)} → {target.relative_to(root)}/ ({result.timings['render']:.1f} s)")
    for w in result.warnings:
        say(f"  warning: {w}")
    return result
