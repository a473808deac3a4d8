"""Build the briefing: validate the data, execute changed notebooks, render, swap into ``_site/``.

The steps, each reported with its timing:

0. stop at once when nothing the site depends on changed since the last build (a hash stamp);
1. validate the raw data (stop on any error, nothing else touched);
2. execute the notebooks whose inputs changed, in parallel (:mod:`mainports_analysis.site.execute`);
3. render the site with Quarto or offline (:mod:`mainports_analysis.site.render`) into a fresh folder;
4. swap that folder into place, so ``_site/`` is always a complete build, old or new.

A failing notebook stops the build with its name, cell and error, and the previous ``_site/`` stays.
Ctrl-C stops the build between steps (an interrupt that a library swallows is still noticed: a flag
is set and checked before each step and before the swap); the swap itself runs with the interrupt
deferred, so ``_site/`` is always the old build or the new one. Executed notebooks are written whole
(see :mod:`mainports_analysis.site.execute`): each is either untouched or completely re-executed.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import shutil
import signal
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from mainports_analysis.paths import project_root
from mainports_analysis.site import editions, project
from mainports_analysis.site.execute import NotebookError, Outcome, UnreadableNotebook, execute_many
from mainports_analysis.site.render import RenderError, choose, describe, render


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
    "src/mainports_analysis/**/*.typ", "src/mainports_analysis/site/static/*",
    "data/raw/*.csv", "data/reference/*.csv", "requirements/*.txt",
)  # fmt: skip


def site_hash(root: Path, renderer: str, *, generated: bool = True) -> str:
    """Hash of everything the rendered site depends on: pages, notebooks, config, code, data, lock, renderer.

    ``renderer`` should name the renderer's version (:func:`mainports_analysis.site.render.describe`), so
    that upgrading Quarto or smalldocs re-renders. ``generated=False`` leaves out the render list's
    globs (``reference/api/*.qmd``, written by the pre-render script from the hashed library).
    """
    render_list = project.render_list(root)
    patterns = [*SITE_INPUTS, *(p for p in render_list if generated or not any(c in p for c in "*?["))]
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


@contextlib.contextmanager
def interrupts_deferred() -> Iterator[None]:
    """Hold Ctrl-C back for the duration of the block, then raise it (from the main thread only)."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    caught: list[int] = []
    previous = signal.signal(signal.SIGINT, lambda signum, frame: caught.append(signum))
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)
    if caught:
        raise KeyboardInterrupt


def swap_into_place(new: Path, target: Path) -> None:
    """Replace ``target`` by ``new`` with two renames: readers see the old site or the new, never a mix.

    Ctrl-C is deferred until both renames are done; if the second rename fails, the old site is put
    back, so ``target`` is never left missing.
    """
    old = target.with_name(f"{target.name}.old-{os.getpid()}-{time.monotonic_ns()}")
    with interrupts_deferred():
        if target.exists():
            os.replace(target, old)
        try:
            os.replace(new, target)
        except BaseException:
            if old.exists() and not target.exists():
                os.replace(old, target)
            raise
        shutil.rmtree(old, ignore_errors=True)


def _pid_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def remove_stale_folders(root: Path, name: str) -> list[Path]:
    """Delete ``<name>.new-PID-*`` and ``<name>.old-PID-*`` left by a build that was killed (its PID is gone)."""
    removed = []
    for folder in root.glob(f"{name}.*-*"):
        kind, _, rest = folder.name[len(name) + 1 :].partition("-")
        pid = rest.split("-", 1)[0]
        if kind in ("new", "old") and folder.is_dir() and pid.isdigit() and (int(pid) == os.getpid() or not _pid_alive(int(pid))):
            shutil.rmtree(folder, ignore_errors=True)
            removed.append(folder)
    return removed


def _drop_nested_copies(out: Path, name: str) -> None:
    """Remove copies of the site folder (and of build temporaries) that a renderer put into ``out``.

    ``project.resources`` globs without a slash (``CITATION.cff``) match at any depth, so a renderer
    writing outside ``_site/`` would copy ``_site/CITATION.cff`` into the new site, one level deeper
    each build. The site itself never holds a folder of that name.
    """
    for nested in [out / name, *out.glob(f"{name}.*")]:
        if nested.is_dir():
            shutil.rmtree(nested)
        elif nested.exists():
            nested.unlink()


class _Interrupts:
    """Remember every Ctrl-C during the build, even one a library catches and ignores."""

    def __init__(self) -> None:
        self.seen = False
        self.previous = None

    def __enter__(self) -> _Interrupts:
        if threading.current_thread() is threading.main_thread():
            self.previous = signal.getsignal(signal.SIGINT)
            signal.signal(signal.SIGINT, self._handler)
        return self

    def __exit__(self, *exc) -> None:
        if self.previous is not None:
            signal.signal(signal.SIGINT, self.previous)

    def _handler(self, signum, frame) -> None:
        self.seen = True
        if callable(self.previous):
            self.previous(signum, frame)  # the default handler raises KeyboardInterrupt
        elif self.previous != signal.SIG_IGN:
            raise KeyboardInterrupt

    def check(self) -> None:
        """Stop here if an interrupt arrived since the build started."""
        if self.seen:
            raise KeyboardInterrupt


def build(
    *,
    root: Path | None = None,
    renderer: str = "auto",
    jobs: int | None = None,
    force: bool = False,
    say: Callable[[str], None] = print,
) -> BuildResult:
    """Run the whole build; raise :class:`BuildError` with a clear message when a step fails."""
    with _Interrupts() as interrupts:
        return _build(root=root, renderer=renderer, jobs=jobs, force=force, say=say, interrupts=interrupts)


def _build(
    *, root: Path | None, renderer: str, jobs: int | None, force: bool, say: Callable[[str], None], interrupts: _Interrupts
) -> BuildResult:
    root = (root or project_root()).resolve()
    result = BuildResult()
    if jobs is not None and jobs < 1:
        raise BuildError(f"--jobs must be 1 or more, not {jobs}")

    def step(name: str, t0: float) -> None:
        result.timings[name] = time.perf_counter() - t0

    # 0. nothing changed since the last build? then there is nothing to do
    try:
        chosen = choose(renderer)
    except RenderError as err:
        raise BuildError(str(err)) from None
    result.renderer = chosen
    label = describe(chosen)  # with the renderer's version: an upgrade re-renders
    target = root / project.output_dir(root)
    t0 = time.perf_counter()
    digest = site_hash(root, label)
    if not force and site_is_current(target, digest):
        step("check", t0)
        result.site = target
        say(f"✓ nothing changed since the last build of {target.relative_to(root)}/ ({result.timings['check']:.2f} s): "
            "data, notebooks, code and pages are as they were; use --force to rebuild")
        return result
    for folder in remove_stale_folders(root, target.name):
        say(f"  removed {folder.name}/, left by an interrupted build")

    from mainports_analysis.data.load import report

    # 1. data
    interrupts.check()
    t0 = time.perf_counter()
    rep = report(root / "data")
    step("validate", t0)
    if rep.errors:
        lines = "\n".join(str(p) for p in rep.errors)
        raise BuildError(f"the raw data has {len(rep.errors)} error(s); nothing was built:\n{lines}")
    say(f"✓ validate data: {sum(len(t.frame) for t in rep.tables.values())} rows, {len(rep.warnings)} warning(s) ({result.timings['validate']:.1f} s)")
    editions.before_render(root, say)  # the derived files regenerated; a warning when the data have no edition

    # 2. notebooks
    interrupts.check()
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
    except UnreadableNotebook as err:
        rel = err.path.relative_to(root).as_posix()
        raise BuildError(f"_quarto.yml lists {rel}, which {err.reason}; nothing was executed") from None
    except NotebookError as err:
        interrupts.check()  # a kernel stopped by Ctrl-C: report the interrupt, not a failing notebook
        raise BuildError(f"notebook failed, site not rebuilt (the previous _site/ is unchanged): {err}") from None
    step("execute", t0)
    n_exec = sum(o.action == "executed" for o in result.outcomes)
    say(f"✓ notebooks: {n_exec} executed, {len(notebooks) - n_exec} unchanged ({result.timings['execute']:.1f} s)")

    # 3. render into a fresh folder beside the target, stamp it, then swap
    interrupts.check()
    t0 = time.perf_counter()
    before = site_hash(root, label, generated=False)  # the inputs as rendered (executed notebooks included)
    tmp = Path(tempfile.mkdtemp(prefix=f"{target.name}.new-{os.getpid()}-", dir=root))
    try:
        result.warnings = render(chosen, root, tmp)
        _drop_nested_copies(tmp, target.name)
        # an edit made while rendering is not in this site: then stamp nothing the next build could match
        changed = site_hash(root, label, generated=False) != before
        digest = None if changed else site_hash(root, label)
        (tmp / STAMP).write_text(json.dumps({"inputs": digest, "renderer": chosen, "version": label}) + "\n", encoding="utf-8")
        interrupts.check()
        swap_into_place(tmp, target)
    except RenderError as err:
        shutil.rmtree(tmp, ignore_errors=True)
        interrupts.check()
        raise BuildError(f"render failed, the previous _site/ is unchanged: {err}") from None
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    step("render", t0)
    result.site = target
    say(f"✓ render: {label} → {target.relative_to(root)}/ ({result.timings['render']:.1f} s)")
    if changed:
        result.warnings.append("files changed while rendering; the next build renders again")
    for w in result.warnings:
        say(f"  warning: {w}")
    return result
