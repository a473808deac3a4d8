"""Build-speed benchmark: the baseline a user would otherwise run against ``mainports build``.

Run with ``make benchmark`` (or ``.venv/bin/python benchmarks/build_speed.py [--runs N] [--quick]``).
Not part of the tests and asserts nothing: it measures, prints a table and writes it into
``benchmarks/README.md`` between the results markers, and a short table (medians, ratios, peak memory)
into the top-level ``README.md`` between the build-speed markers. Raw numbers per run go to ``benchmarks/results/``
(git-ignored).

Options: ``--lock-only`` hides the modules of installed packages that ``requirements/lock.txt`` does not
pin and nbconvert does not need (as in a fresh ``make setup`` venv plus nbconvert); ``--bytecode-cache``
runs every command with a warm ``PYTHONPYCACHEPREFIX`` (for a venv installed without compiled bytecode);
``--report DIR`` rewrites the table from the raw results of an earlier run without measuring again.

Scenarios, each run in its own fresh temporary copy of a snapshot of the files git tracks, taken once
at the start (never in the repository):

(a) baseline: every notebook, in render order, ``jupyter nbconvert --to notebook --execute --inplace``
    one after the other, then the offline render (smalldocs, with its pre- and post-render scripts);
(b) ``mainports build --force --renderer offline`` (jobs = number of cores) in another fresh copy;
(c) ``mainports build --renderer offline`` again in the copy of (b), nothing changed;
(d) a comment added to the last code cell of one notebook (the one with the median time in (a)),
    then ``mainports build --renderer offline``.

Each scenario runs under a small wrapper process. Memory is measured twice: the wrapper's
``getrusage(RUSAGE_CHILDREN).ru_maxrss`` (the largest single process of the tree, not a sum) and,
sampled from ``/proc`` every 0.2 s, the sum of resident memory (RSS, counts shared pages once per
process) and of proportional memory (PSS, shared pages split between the processes) of the whole tree.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
PYTHON = str(BIN / "python")
README = REPO / "benchmarks" / "README.md"
MAIN_README = REPO / "README.md"  # gets the short results table, between the build-speed markers
RESULTS = REPO / "benchmarks" / "results"
PAGE = os.sysconf("SC_PAGE_SIZE")

# Runs the scenario's commands one after the other and reports their times and its children's usage.
WRAPPER = r"""
import json, resource, subprocess, sys, time
spec = json.loads(sys.argv[1])
steps = []
t_all = time.perf_counter()
with open(spec["log"], "a", encoding="utf-8") as log:
    for name, cmd in spec["steps"]:
        log.write("$ " + " ".join(cmd) + "\n")
        log.flush()
        t0 = time.perf_counter()
        p = subprocess.run(cmd, cwd=spec["cwd"], stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                           text=True, encoding="utf-8", errors="replace")
        seconds = time.perf_counter() - t0
        log.write(p.stdout + "\n")
        steps.append({"name": name, "seconds": seconds, "rc": p.returncode, "output": p.stdout[-8000:]})
        if p.returncode:
            break
total = time.perf_counter() - t_all
ru = resource.getrusage(resource.RUSAGE_CHILDREN)
print(json.dumps({"total": total, "steps": steps, "maxrss_kb": ru.ru_maxrss, "cpu": ru.ru_utime + ru.ru_stime}))
"""


# ---------------------------------------------------------------------------------------------- helpers


def git(*args: str) -> str:
    """Read-only git in the repository (``--no-optional-locks``: not even an index refresh)."""
    return subprocess.run(
        ["git", "--no-optional-locks", *args], cwd=REPO, capture_output=True, text=True, check=True
    ).stdout


SNAPSHOT: Path | None = None  # the files measured, copied once so that every run measures the same code


def take_snapshot() -> Path:
    """Copy the working-tree version of every file git tracks, once, at the start of the benchmark."""
    global SNAPSHOT
    dest = Path(tempfile.mkdtemp(prefix="mainports-bench-snapshot-"))
    for rel in git("ls-files", "-z").split("\0"):
        if not rel:
            continue
        src = REPO / rel
        if src.is_file():
            (dest / rel).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(src, dest / rel)
    SNAPSHOT = dest
    return dest


def fresh_copy(tag: str) -> Path:
    """A new temporary folder holding the snapshot: the project as it was when the benchmark started."""
    assert SNAPSHOT is not None
    dest = Path(tempfile.mkdtemp(prefix=f"mainports-bench-{tag}-"))
    shutil.copytree(SNAPSHOT, dest, dirs_exist_ok=True)
    return dest


def cpu_busy(seconds: float = 1.0) -> float:
    """Fraction of all cores busy over ``seconds`` (from ``/proc/stat``)."""

    def sample() -> tuple[int, int]:
        with open("/proc/stat", encoding="ascii") as fh:
            values = [int(v) for v in fh.readline().split()[1:]]
        idle = values[3] + (values[4] if len(values) > 4 else 0)
        return sum(values[:8]), idle

    total0, idle0 = sample()
    time.sleep(seconds)
    total1, idle1 = sample()
    return 1 - (idle1 - idle0) / max(1, total1 - total0)


def settle(limit: float = 0.25, patience: int = 30) -> float:
    """Wait (up to ``patience`` s) until the machine is quiet; returns the busy fraction at the start."""
    busy = cpu_busy()
    for _ in range(patience):
        if busy <= limit:
            break
        busy = cpu_busy()
    return busy


SHIMS: Path | None = None  # with --lock-only: modules that raise ImportError, first on PYTHONPATH


def environment(root: Path, pycache: Path | None) -> dict[str, str]:
    """The environment of every command: the copy is the project, its ``src`` is the library imported."""
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in ("MAINPORTS_DATA_DIR", "MAINPORTS_CACHE_DIR", "PYTHONPYCACHEPREFIX")
    }
    env["MAINPORTS_PROJECT_ROOT"] = str(root)
    paths = [str(SHIMS)] if SHIMS else []
    env["PYTHONPATH"] = os.pathsep.join(
        [*paths, str(root / "src"), *filter(None, [os.environ.get("PYTHONPATH")])]
    )
    env["PYTHONIOENCODING"] = "utf-8"
    if pycache is not None:
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        env["PYTHONPYCACHEPREFIX"] = str(pycache)
    return env


def _norm(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def locked() -> set[str]:
    """The distributions ``requirements/lock.txt`` pins (what ``make setup`` installs)."""
    lines = (REPO / "requirements" / "lock.txt").read_text(encoding="utf-8").splitlines()
    return {_norm(re.split(r"[=<>~!; \[]", ln, maxsplit=1)[0]) for ln in lines if ln[:1].isalnum()}


def not_locked() -> list[str]:
    """Installed distributions that the lock does not pin (``make lab`` adds JupyterLab and its dependencies)."""
    from importlib import metadata

    keep = locked() | {"mainports-analysis", "pip", "setuptools", "uv", "wheel"}
    return sorted({_norm(d.metadata["Name"]) for d in metadata.distributions()} - keep)


def lock_only_modules() -> list[str]:
    """Top-level modules of installed distributions that neither the lock nor nbconvert needs.

    Hiding them simulates the venv of a fresh ``make setup`` plus nbconvert (for the baseline).
    """
    from importlib import metadata

    from packaging.requirements import Requirement

    dists = {_norm(d.metadata["Name"]): d for d in metadata.distributions()}
    keep: set[str] = set()
    todo = [
        (n, frozenset()) for n in [*locked(), "nbconvert", "mainports-analysis", "pip", "setuptools", "uv"]
    ]
    seen: set[tuple[str, frozenset]] = set()
    while todo:
        name, extras = todo.pop()
        if (name, extras) in seen or name not in dists:
            continue
        seen.add((name, extras))
        keep.add(name)
        for spec in dists[name].requires or []:
            req = Requirement(spec)
            if req.marker and not any(req.marker.evaluate({"extra": e}) for e in ("", *extras)):
                continue
            todo.append((_norm(req.name), frozenset(req.extras)))

    def modules(dist) -> set[str]:
        top = dist.read_text("top_level.txt")
        if top:
            return {m.strip() for m in top.splitlines() if m.strip()}
        found = set()
        for f in dist.files or []:
            first = f.parts[0]
            if first == ".." or first.endswith((".dist-info", ".data", ".pth")) or first == "__pycache__":
                continue
            if len(f.parts) == 1 and not first.endswith(".py"):
                continue
            found.add(first.removesuffix(".py").split(".")[0])
        return found

    kept = set().union(*(modules(dists[n]) for n in keep))
    hidden = set().union(*(modules(d) for n, d in dists.items() if n not in keep)) - kept
    return sorted(m for m in hidden if m.isidentifier())


def make_shims(folder: Path, names: list[str]) -> Path:
    """A folder of modules that raise ImportError: first on PYTHONPATH, they hide the real ones."""
    folder.mkdir(parents=True, exist_ok=True)
    for name in names:
        (folder / f"{name}.py").write_text(
            f"raise ModuleNotFoundError('hidden by the benchmark (--lock-only)', name={name!r})\n",
            encoding="utf-8",
        )
    return folder


def descendants(pid: int) -> list[int]:
    """``pid`` and every process below it, from ``/proc/*/stat``."""
    children: dict[int, list[int]] = {}
    for entry in os.scandir("/proc"):
        if not entry.name.isdigit():
            continue
        try:
            with open(f"/proc/{entry.name}/stat", "rb") as fh:
                rest = fh.read().rsplit(b")", 1)[1].split()
        except (OSError, IndexError):
            continue
        children.setdefault(int(rest[1]), []).append(int(entry.name))
    found, todo = [], [pid]
    while todo:
        p = todo.pop()
        found.append(p)
        todo.extend(children.get(p, []))
    return found


def memory_of(pid: int) -> tuple[int, int, bool]:
    """RSS and PSS in bytes of one process, and whether it is a Jupyter kernel."""
    rss = pss = 0
    try:
        with open(f"/proc/{pid}/statm", "rb") as fh:
            rss = int(fh.read().split()[1]) * PAGE
        with open(f"/proc/{pid}/smaps_rollup", "rb") as fh:
            for line in fh:
                if line.startswith(b"Pss:"):
                    pss = int(line.split()[1]) * 1024
                    break
        with open(f"/proc/{pid}/cmdline", "rb") as fh:
            kernel = b"ipykernel" in fh.read()
    except (OSError, ValueError, IndexError):
        return 0, 0, False
    return rss, pss, kernel


class TreeSampler(threading.Thread):
    """Samples the summed memory of a process tree until stopped; keeps the peaks."""

    def __init__(self, pid: int, interval: float = 0.2):
        super().__init__(daemon=True)
        self.pid, self.interval = pid, interval
        self.peak_rss = self.peak_pss = self.peak_kernels = 0
        self.halt = threading.Event()

    def run(self) -> None:
        while not self.halt.wait(self.interval):
            rss = pss = kernels = 0
            for p in descendants(self.pid):
                r, s, k = memory_of(p)
                rss, pss, kernels = rss + r, pss + s, kernels + k
            self.peak_rss, self.peak_pss = max(self.peak_rss, rss), max(self.peak_pss, pss)
            self.peak_kernels = max(self.peak_kernels, kernels)


def run_scenario(
    name: str, steps: list[tuple[str, list[str]]], root: Path, env: dict[str, str], log: Path
) -> dict:
    """Run the steps under the wrapper in ``root``; wall time, CPU time and memory of the whole scenario."""
    spec = {"steps": steps, "cwd": str(root), "log": str(log)}
    with log.open("a", encoding="utf-8") as fh:
        fh.write(f"\n##### scenario {name} in {root}\n")
    busy = settle()
    proc = subprocess.Popen(
        [PYTHON, "-c", WRAPPER, json.dumps(spec)], cwd=root, env=env, stdout=subprocess.PIPE, text=True
    )
    sampler = TreeSampler(proc.pid)
    sampler.start()
    out, _ = proc.communicate()
    sampler.halt.set()
    sampler.join()
    result = json.loads(out.strip().splitlines()[-1])
    failed = [s for s in result["steps"] if s["rc"]]
    if failed or proc.returncode:
        tail = failed[0]["output"][-3000:] if failed else ""
        raise SystemExit(
            f"scenario {name} failed in step {failed[0]['name'] if failed else '?'} (log: {log}):\n{tail}"
        )
    result.update(
        scenario=name, busy_before=busy, tree_rss_peak=sampler.peak_rss, tree_pss_peak=sampler.peak_pss,
        kernels_peak=sampler.peak_kernels, maxrss=result.pop("maxrss_kb") * 1024,
    )  # fmt: skip
    return result


def build_steps(output: str) -> dict:
    """Step timings the build prints: validate, notebooks (and per notebook), render, no-op check."""
    found: dict = {"notebooks": {}}
    patterns = {
        "validate": r"validate data:.*\(([\d.]+) s\)",
        "execute": r"✓ notebooks: \d+ executed, \d+ unchanged \(([\d.]+) s\)",
        "render": r"✓ render: .*\(([\d.]+) s\)",
        "check": r"nothing changed since the last build .*\(([\d.]+) s\)",
    }
    for key, pat in patterns.items():
        m = re.search(pat, output)
        if m:
            found[key] = float(m.group(1))
    m = re.search(r"✓ notebooks: (\d+) executed", output)
    found["executed"] = int(m.group(1)) if m else 0
    for nb, sec in re.findall(r"✓ (\S+\.ipynb): executed \(([\d.]+) s\)", output):
        found["notebooks"][nb] = float(sec)
    return found


def touch_notebook(path: Path, tag: str) -> None:
    """Add a comment line to the notebook's last code cell: its code hash changes, its output does not."""
    import nbformat

    nb = nbformat.read(path, as_version=4)
    cell = [c for c in nb.cells if c.cell_type == "code"][-1]
    cell.source = cell.source.rstrip("\n") + f"\n# benchmark edit {tag}"
    nbformat.write(nb, path)


# ------------------------------------------------------------------------------------------- scenarios


def notebook_list(root: Path) -> list[str]:
    """The notebooks the site renders, in render order, relative to ``root`` (read from ``_quarto.yml``)."""
    sys.path.insert(0, str(root / "src"))
    try:
        from mainports_analysis.site import project

        return [p.relative_to(root).as_posix() for p in project.notebooks(root)]
    finally:
        sys.path.remove(str(root / "src"))


RENDER = (
    "import os, sys; from pathlib import Path; from mainports_analysis.site.render import render_offline; "
    "root = Path(os.environ['MAINPORTS_PROJECT_ROOT']); render_offline(root, root / '_site')"
)


def one_run(i: int, args, notebooks: list[str], touch: str | None, log: Path, pycache: Path | None) -> dict:
    """Scenarios a, b, c, d once, each a (or b) in a fresh copy; returns their measurements."""
    run: dict = {"run": i}
    copies = []
    try:
        # (a) the baseline
        root = fresh_copy("a")
        copies.append(root)
        env = environment(root, pycache)
        steps = [
            (nb, [str(BIN / "jupyter"), "nbconvert", "--to", "notebook", "--execute", "--inplace",
                  "--ExecutePreprocessor.kernel_name=python3", nb])
            for nb in notebooks
        ] + [("render", [PYTHON, "-c", RENDER])]  # fmt: skip
        print(
            f"  run {i}: (a) baseline, {len(notebooks)} notebooks with nbconvert, then render …", flush=True
        )
        run["a"] = run_scenario("a", steps, root, env, log)
        run["a"]["per_step"] = {s["name"]: s["seconds"] for s in run["a"].pop("steps")}
        print(f"    (a) {run['a']['total']:.1f} s", flush=True)
        if touch is None:  # the notebook with the median time in the first baseline
            ranked = sorted(notebooks, key=lambda nb: run["a"]["per_step"][nb])
            touch = ranked[(len(ranked) - 1) // 2]
        run["touched"] = touch

        # (b) forced build, (c) no-op build, (d) one notebook edited
        root = fresh_copy("b")
        copies.append(root)
        env = environment(root, pycache)
        build = [str(BIN / "mainports"), "build", "--renderer", "offline"]
        for name, extra, label in (
            ("b", ["--force"], "forced build"),
            ("c", [], "nothing changed"),
            ("d", [], f"after editing {touch}"),
        ):
            if name == "d":
                touch_notebook(root / touch, f"{i}")
            print(f"  run {i}: ({name}) mainports build{' --force' if extra else ''}: {label} …", flush=True)
            res = run_scenario(name, [(name, [*build, *extra])], root, env, log)
            step = res.pop("steps")[0]
            res["build"] = build_steps(step["output"])
            run[name] = res
            print(f"    ({name}) {res['total']:.2f} s", flush=True)
        if run["d"]["build"].get("executed") != 1:
            print(
                f"  warning: (d) executed {run['d']['build'].get('executed')} notebooks, expected 1",
                flush=True,
            )
    finally:
        if not args.keep:
            for c in copies:
                shutil.rmtree(c, ignore_errors=True)
        else:
            print("  kept copies: " + ", ".join(map(str, copies)))
    return run


# ---------------------------------------------------------------------------------------------- imports


def import_times(repeats: int, pycache: Path | None) -> dict:
    """Import time of the package (``-X importtime``) and the wall time of a cold ``load_seizures()``."""
    root = fresh_copy("imports")
    try:
        env = environment(root, pycache)

        def wall(code: str) -> float:
            t0 = time.perf_counter()
            subprocess.run([PYTHON, "-c", code], cwd=root, env=env, check=True, capture_output=True)
            return time.perf_counter() - t0

        def importtime(code: str) -> list[tuple[int, int, str]]:
            p = subprocess.run(
                [PYTHON, "-X", "importtime", "-c", code],
                cwd=root,
                env=env,
                check=True,
                capture_output=True,
                text=True,
            )
            rows = []
            for line in p.stderr.splitlines():
                parts = line.removeprefix("import time:").split("|")
                if len(parts) == 3 and parts[0].strip().isdigit():
                    rows.append((int(parts[0]), int(parts[1]), parts[2].rstrip()))
            return rows

        load = "from mainports_analysis import load_seizures; load_seizures()"
        wall(load)  # warm the file cache (and the bytecode cache when one is used)
        package_us, import_wall, load_wall, bare = [], [], [], []
        for _ in range(repeats):
            rows = importtime("import mainports_analysis")
            package_us.append(next(cum for _, cum, name in rows if name.strip() == "mainports_analysis"))
            bare.append(wall("pass"))
            import_wall.append(wall("import mainports_analysis"))
            load_wall.append(wall(load))
        # where a cold load_seizures() spends its import time: the biggest top-level imports
        top = sorted(
            ((cum, name.strip()) for _, cum, name in importtime(load) if not name.startswith("  ")),
            reverse=True,
        )
        return {
            "package_import_us": statistics.median(package_us),
            "python_startup_s": statistics.median(bare),
            "import_wall_s": statistics.median(import_wall),
            "load_seizures_wall_s": statistics.median(load_wall),
            "load_seizures_top_imports_us": top[:6],
            "repeats": repeats,
        }
    finally:
        shutil.rmtree(root, ignore_errors=True)


# ----------------------------------------------------------------------------------------------- report


def machine() -> dict:
    model = "?"
    mem = 0
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                mem = int(line.split()[1]) * 1024
    except OSError:
        pass
    from importlib.metadata import version

    versions = {}
    for pkg in ("nbconvert", "nbclient", "ipykernel", "smalldocs", "pandas", "matplotlib"):
        try:
            versions[pkg] = version(pkg)
        except Exception:  # noqa: BLE001
            versions[pkg] = "?"
    site = (
        Path(sys.prefix)
        / "lib"
        / f"python{sys.version_info.major}.{sys.version_info.minor}"
        / "site-packages"
    )
    compiled = any((site / "pandas" / "__pycache__").glob("*.pyc")) if (site / "pandas").is_dir() else None
    return {
        "cores": os.cpu_count(), "cpu": model, "memory_gib": round(mem / 2**30, 1), "python": platform.python_version(),
        "date": dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC"), "platform": platform.platform(),
        "commit": git("rev-parse", "--short", "HEAD").strip(), "dirty": bool(git("status", "--porcelain", "--untracked-files=no", "--", ".", ":!benchmarks").strip()),
        "versions": versions, "site_packages_bytecode": compiled, "not_locked": not_locked(),
        "PYTHONDONTWRITEBYTECODE": os.environ.get("PYTHONDONTWRITEBYTECODE", ""),
    }  # fmt: skip


def med(values: list[float]) -> float:
    return statistics.median(values)


def spread(values: list[float], fmt: str = "{:.1f}") -> str:
    m = fmt.format(med(values))
    return m if len(values) == 1 else f"{m} ({fmt.format(min(values))}–{fmt.format(max(values))})"


def summarise(runs: list[dict], notebooks: list[str]) -> dict:
    """Medians, ratios to the baseline, and the touched notebook's share of the baseline."""
    s: dict = {}
    for key in "abcd":
        rows = [r[key] for r in runs]
        s[key] = {
            "total": [r["total"] for r in rows], "cpu": [r["cpu"] for r in rows], "maxrss": max(r["maxrss"] for r in rows),
            "tree_rss": max(r["tree_rss_peak"] for r in rows), "tree_pss": max(r["tree_pss_peak"] for r in rows),
            "kernels": max(r["kernels_peak"] for r in rows), "busy_before": [r["busy_before"] for r in rows],
        }  # fmt: skip
    a = med(s["a"]["total"])
    for key in "bcd":
        s[key]["ratio"] = med([r[key]["total"] / r["a"]["total"] for r in runs])
        s[key]["ratio_of_medians"] = med(s[key]["total"]) / a
    touched = runs[0]["touched"]
    s["touched"] = touched
    s["share"] = med(
        [(r["a"]["per_step"][touched] + r["a"]["per_step"]["render"]) / r["a"]["total"] for r in runs]
    )

    def median_run(key: str) -> dict:  # the run whose total is the median (the lower one for an even count)
        ranked = sorted(runs, key=lambda r: r[key]["total"])
        return ranked[(len(ranked) - 1) // 2]

    ra = median_run("a")
    s["a_notebooks"] = {nb: ra["a"]["per_step"][nb] for nb in notebooks}
    s["a_render"] = ra["a"]["per_step"]["render"]
    s["a_total"] = ra["a"]["total"]
    for key in "bd":
        r = median_run(key)
        x = r[key]["build"]
        s[f"{key}_steps"] = {k: x.get(k, 0.0) for k in ("validate", "execute", "render")}
        s[f"{key}_steps"]["start-up and hashing"] = r[key]["total"] - sum(s[f"{key}_steps"].values())
        s[f"{key}_steps"]["total"] = r[key]["total"]
        s[f"{key}_notebooks"] = dict(x["notebooks"])
    s["c_check"] = med([r["c"]["build"].get("check", 0.0) for r in runs])
    s["targets"] = {
        "b/a <= 0.6": s["b"]["ratio"] <= 0.6,
        "c/a <= 0.05": s["c"]["ratio"] <= 0.05,
        D_TARGET: s["d"]["ratio"] <= 1.1 * s["share"],
    }
    return s


D_TARGET = "d/a close to one notebook's share (at most 1.1 x share)"


def mib(n: float) -> str:
    return f"{n / 2**20:,.0f} MiB"


def table(info: dict, s: dict, imports: dict, runs: int, variant: str, notebooks: list[str]) -> str:
    """The results as Markdown: machine, the scenario table, targets, the step breakdown, import time."""
    ok = {True: "met", False: "**missed**"}
    parts = ["environment as found" if variant == "as-is" else f"variant {variant}"]
    if info["PYTHONDONTWRITEBYTECODE"]:
        parts.append("`PYTHONDONTWRITEBYTECODE=1`")
    if "bytecode-cache" in variant:
        parts.append(
            f"warm bytecode cache (`PYTHONPYCACHEPREFIX`; compiling site-packages took {info.get('compileall_s', 0):.0f} s once)"
        )
    else:
        parts.append(
            "site-packages "
            + ("with" if info["site_packages_bytecode"] else "without")
            + " compiled bytecode"
        )
    if "lock-only" in variant:
        parts.append(
            f"{info.get('hidden_modules', 0)} top-level modules of packages outside `requirements/lock.txt` that "
            "nbconvert does not need hidden from imports (as in a fresh `make setup` venv plus nbconvert)"
        )
    elif info.get("not_locked"):
        parts.append(
            f"the venv also holds {len(info.get('not_locked', []))} packages outside `requirements/lock.txt` "
            "(nbconvert, JupyterLab and their dependencies), which some imports pick up"
        )
    bytecode = ", ".join(parts)
    n = len(notebooks)
    lines = [
        f"Measured {info['date']} on {info['cores']} cores ({info['cpu']}, {info['memory_gib']} GiB), Python {info['python']}, "
        f"commit {info['commit']}{' with uncommitted changes' if info['dirty'] else ''}; {bytecode}. "
        f"Median of {runs} run{'s' if runs > 1 else ''} (min–max); every (a) and (b) in a fresh copy of the repository. "
        f"nbconvert {info['versions']['nbconvert']}, nbclient {info['versions']['nbclient']}, "
        f"ipykernel {info['versions']['ipykernel']}, smalldocs {info['versions']['smalldocs']}.",
        "",
        "| Scenario | Wall time, s | vs. (a) | CPU time, s | Largest process | Whole tree, RSS / PSS | Kernels at once |",
        "|---|--:|--:|--:|--:|--:|--:|",
    ]
    names = {
        "a": f"(a) baseline: {n} × `jupyter nbconvert --execute`, one after the other, then render",
        "b": f"(b) `mainports build --force` ({info['cores']} jobs)",
        "c": "(c) `mainports build`, nothing changed",
        "d": f"(d) `mainports build` after editing `{s['touched']}`",
    }
    for key in "abcd":
        x = s[key]
        tree = (
            f"{mib(x['tree_rss'])} / {mib(x['tree_pss'])}"
            if x["tree_rss"]
            else "– (over before the first sample)"
        )
        ratio = "1" if key == "a" else f"{x['ratio']:.3f}" if key == "c" else f"{x['ratio']:.2f}"
        lines.append(
            f"| {names[key]} | {spread(x['total'], '{:.2f}' if key == 'c' else '{:.1f}')} | {ratio} | {med(x['cpu']):.1f} "
            f"| {mib(x['maxrss'])} | {tree} | {x['kernels']} |"
        )
    lines += [
        "",
        "| Target | Measured | |",
        "|---|--:|---|",
        f"| b/a ≤ 0.6 | {s['b']['ratio']:.2f} | {ok[s['targets']['b/a <= 0.6']]} |",
        f"| c/a ≤ 0.05 | {s['c']['ratio']:.4f} | {ok[s['targets']['c/a <= 0.05']]} |",
        f"| d/a close to the edited notebook's share of (a) (its nbconvert time + render, ÷ a = {s['share']:.2f}; met when ≤ 1.1 × share) "
        f"| {s['d']['ratio']:.2f} | {ok[s['targets'][D_TARGET]]} |",
        "",
        "Where the time goes, in the run with the median total of each scenario (s; in (b) several notebooks run at "
        "once, so their times overlap and do not add up to the notebooks step):",
        "",
        "| Step | (a) baseline | (b) forced build | (d) one notebook edited |",
        "|---|--:|--:|--:|",
        f"| start-up, hashing, imports of the command | – | {s['b_steps']['start-up and hashing']:.1f} | {s['d_steps']['start-up and hashing']:.1f} |",
        f"| validate data | – | {s['b_steps']['validate']:.1f} | {s['d_steps']['validate']:.1f} |",
        f"| notebooks | {sum(s['a_notebooks'].values()):.1f} | {s['b_steps']['execute']:.1f} | {s['d_steps']['execute']:.1f} |",
    ]
    for nb in notebooks:
        d = f"{s['d_notebooks'][nb]:.1f}" if nb in s["d_notebooks"] else "–"
        lines.append(f"| · `{nb}` | {s['a_notebooks'][nb]:.1f} | {s['b_notebooks'].get(nb, 0):.1f} | {d} |")
    lines += [
        f"| render (smalldocs, pre- and post-render scripts) | {s['a_render']:.1f} | {s['b_steps']['render']:.1f} | {s['d_steps']['render']:.1f} |",
        f"| total | {s['a_total']:.1f} | {s['b_steps']['total']:.1f} | {s['d_steps']['total']:.1f} |",
        f"| (c) no-op check | | | {s['c_check']:.2f} in (c) |",
        "",
        f"Import time (median of {imports['repeats']} cold processes): `import mainports_analysis` "
        f"{imports['package_import_us'] / 1000:.1f} ms cumulative (`python -X importtime`); process wall time "
        f"{imports['import_wall_s'] * 1000:.0f} ms against {imports['python_startup_s'] * 1000:.0f} ms for `python -c pass`; "
        f"`from mainports_analysis import load_seizures; load_seizures()` {imports['load_seizures_wall_s']:.2f} s. "
        "Largest imports of that call (cumulative): "
        + ", ".join(f"{name} {us / 1000:.0f} ms" for us, name in imports["load_seizures_top_imports_us"])
        + ".",
    ]
    return "\n".join(lines)


def short_table(info: dict, s: dict, runs: int, variant: str) -> str:
    """The main results for the top-level README: medians, ratios to (a), targets and peak memory."""
    ok = {True: "met", False: "**missed**"}
    where = "the venv as found" if variant == "as-is" else f"variant {variant}"
    names = {
        "a": "(a) baseline: every notebook with `jupyter nbconvert --execute`, one after the other, then render",
        "b": f"(b) `mainports build --force` ({info['cores']} jobs)",
        "c": "(c) `mainports build`, nothing changed",
        "d": f"(d) `mainports build` after editing `{s['touched']}`",
    }
    target = {
        "a": "",
        "b": f"≤ 0.6: {ok[s['targets']['b/a <= 0.6']]}",
        "c": f"≤ 0.05: {ok[s['targets']['c/a <= 0.05']]}",
        "d": f"≤ 1.1 × its share of (a), {s['share']:.2f}: {ok[s['targets'][D_TARGET]]}",
    }
    lines = [
        f"Measured {info['date']} on {info['cores']} cores, Python {info['python']}, commit {info['commit']}"
        f"{' with uncommitted changes' if info['dirty'] else ''}, {where}; median of {runs} run{'s' if runs > 1 else ''}. "
        "Method, spread and the step breakdown: [benchmarks/README.md](benchmarks/README.md).",
        "",
        "| Scenario | Median wall time, s | Ratio to (a) | Target | Peak memory: largest process | Peak memory: whole tree (PSS) |",
        "|---|--:|--:|---|--:|--:|",
    ]
    for key in "abcd":
        x = s[key]
        ratio = "1" if key == "a" else f"{x['ratio']:.3f}" if key == "c" else f"{x['ratio']:.2f}"
        wall = f"{med(x['total']):.2f}" if key == "c" else f"{med(x['total']):.1f}"
        tree = mib(x["tree_pss"]) if x["tree_pss"] else "–"
        lines.append(f"| {names[key]} | {wall} | {ratio} | {target[key]} | {mib(x['maxrss'])} | {tree} |")
    return "\n".join(lines)


def _replace_between(path: Path, tag: str, text: str, *, append: bool) -> bool:
    start, end = f"<!-- {tag}:start -->", f"<!-- {tag}:end -->"
    doc = path.read_text(encoding="utf-8") if path.exists() else "# Build speed\n"
    block = f"{start}\n{text}\n{end}"
    if start in doc and end in doc:
        doc = doc[: doc.index(start)] + block + doc[doc.index(end) + len(end) :]
    elif append:
        doc = doc.rstrip("\n") + "\n\n" + block + "\n"
    else:
        return False
    path.write_text(doc, encoding="utf-8")
    return True


def write_readme(text: str, variant: str, short: str | None = None) -> None:
    """The full tables into benchmarks/README.md; the short one into README.md (as-is run only)."""
    _replace_between(README, "results" if variant == "as-is" else f"results-{variant}", text, append=True)
    if short is not None and variant == "as-is":
        if _replace_between(MAIN_README, "build-speed", short, append=False):
            print(f"wrote the short table into {MAIN_README.relative_to(REPO)}")
        else:
            print(f"warning: no <!-- build-speed:start/end --> markers in {MAIN_README.relative_to(REPO)}")


def report(folder: Path, *, write: bool) -> int:
    """Rebuild the table from a results folder (``run-*.json`` and ``summary.json``)."""
    runs = [json.loads(f.read_text(encoding="utf-8")) for f in sorted(folder.glob("run-*.json"))]
    saved = json.loads((folder / "summary.json").read_text(encoding="utf-8"))
    info, imports = saved["machine"], saved["imports"]
    info.setdefault("not_locked", not_locked())
    variant = folder.name.split("-", 2)[2] if folder.name.count("-") >= 2 else "as-is"
    notebooks = [k for k in runs[0]["a"]["per_step"] if k != "render"]
    summary = summarise(runs, notebooks)
    text = table(info, summary, imports, len(runs), variant, notebooks)
    print(text)
    if write:
        write_readme(text, variant, short_table(info, summary, len(runs), variant))
        print(f"wrote the table into {README.relative_to(REPO)}")
    return 0


# ------------------------------------------------------------------------------------------------- main


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--runs", type=int, default=3, help="runs of every scenario (default 3)")
    p.add_argument(
        "--quick", action="store_true", help="one run, fewer import-time repeats; README left as it is"
    )
    p.add_argument("--bytecode-cache", action="store_true",
                   help="run every command with a warm bytecode cache (PYTHONPYCACHEPREFIX), as after "
                        "`uv pip install --compile-bytecode`; results go to their own README section")  # fmt: skip
    p.add_argument("--lock-only", action="store_true",
                   help="hide the modules of installed packages that requirements/lock.txt does not pin and nbconvert "
                        "does not need, as in a fresh `make setup` venv plus nbconvert; results go to their own README section")  # fmt: skip
    p.add_argument("--touch", help="notebook edited in (d) (default: the one with the median time in (a))")
    p.add_argument("--keep", action="store_true", help="keep the temporary copies")
    p.add_argument("--no-readme", action="store_true", help="do not write benchmarks/README.md")
    p.add_argument("--report", type=Path, metavar="DIR",
                   help="write the table from the raw results in DIR (a folder of benchmarks/results/), measuring nothing")  # fmt: skip
    args = p.parse_args(argv)
    if args.report:
        return report(args.report, write=not args.no_readme)
    runs = 1 if args.quick else max(1, args.runs)
    variant = (
        "+".join(
            v for v, on in (("lock-only", args.lock_only), ("bytecode-cache", args.bytecode_cache)) if on
        )
        or "as-is"
    )

    if not (BIN / "jupyter-nbconvert").exists():
        print(f"jupyter-nbconvert is missing from {BIN} (the baseline needs it): "
              f"{BIN / 'uv'} pip install --python {PYTHON} nbconvert", file=sys.stderr)  # fmt: skip
        return 2
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    out = RESULTS / f"{stamp}-{variant}"
    out.mkdir(parents=True, exist_ok=True)
    log = out / "commands.log"
    info = machine()
    snapshot = take_snapshot()
    notebooks = notebook_list(snapshot)
    print(f"build-speed benchmark ({variant}): {runs} run(s), {len(notebooks)} notebooks, {info['cores']} cores, "
          f"cores busy now {cpu_busy():.0%}; raw results in {out}", flush=True)  # fmt: skip

    global SHIMS
    if args.lock_only:
        hidden = lock_only_modules()
        SHIMS = make_shims(out / "shims", hidden)
        info["hidden_modules"] = len(hidden)
        print(f"  hiding {len(hidden)} modules: {', '.join(hidden)}", flush=True)

    pycache = None
    if args.bytecode_cache:
        pycache = RESULTS / "pycache"
        pycache.mkdir(parents=True, exist_ok=True)
        print(
            "  warming the bytecode cache (compileall of site-packages, not part of any scenario) …",
            flush=True,
        )
        env = {**environment(REPO, pycache)}
        site = (
            Path(sys.prefix)
            / "lib"
            / f"python{sys.version_info.major}.{sys.version_info.minor}"
            / "site-packages"
        )
        t = time.perf_counter()
        subprocess.run([PYTHON, "-m", "compileall", "-q", "-j", "0", str(site)], env=env, capture_output=True)
        info["compileall_s"] = time.perf_counter() - t
        print(f"    {info['compileall_s']:.0f} s (a one-off cost at install time)", flush=True)

    all_runs = []
    touch = args.touch
    t0 = time.perf_counter()
    try:
        for i in range(1, runs + 1):
            run = one_run(i, args, notebooks, touch, log, pycache)
            touch = run["touched"]
            all_runs.append(run)
            (out / f"run-{i}.json").write_text(json.dumps(run, indent=1), encoding="utf-8")
        print("  import times …", flush=True)
        imports = import_times(3 if args.quick else 7, pycache)
    finally:
        shutil.rmtree(snapshot, ignore_errors=True)
    s = summarise(all_runs, notebooks)
    text = table(info, s, imports, runs, variant, notebooks)
    (out / "summary.json").write_text(
        json.dumps({"machine": info, "summary": s, "imports": imports}, indent=1, default=str),
        encoding="utf-8",
    )
    print(f"\n{text}\n\n(benchmark took {time.perf_counter() - t0:.0f} s)")
    busy = [r[k]["busy_before"] for r in all_runs for k in "abcd" if r[k]["busy_before"] > 0.25]
    if busy:
        print(
            f"note: other work kept the machine busy before {len(busy)} scenario(s) (up to {max(busy):.0%} of the cores)"
        )
    if not args.quick and not args.no_readme:
        write_readme(text, variant, short_table(info, s, runs, variant))
        print(f"wrote the table into {README.relative_to(REPO)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
