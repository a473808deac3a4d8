"""Waterbed-page speed: how long ``notebooks/03_displacement.ipynb`` takes to execute, median of N runs.

Run with ``.venv/bin/python benchmarks/waterbed_speed.py [--runs N] [--cells]``. Not part of the tests
and asserts nothing: it executes the notebook with nbclient (the executor ``mainports build`` uses) in
a temporary copy, so the committed outputs are never touched, and prints the wall time of each run,
the median, min and max, and how busy the machine was (1-minute load average before each run).
``--cells`` also prints the slowest cells of the last run (nbclient's per-cell timing). The figure to
beat is about 12 s on the 2-core project machine (the page before the placebo and detectability work).
"""

from __future__ import annotations

import argparse
import copy
import os
import statistics
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
NOTEBOOK = REPO / "notebooks" / "03_displacement.ipynb"


def run_once(nb, *, timing: bool, path: Path = NOTEBOOK) -> tuple[float, list[tuple[float, int, str]]]:
    """Execute a copy of the notebook once; wall seconds and per-cell (seconds, index, first line)."""
    from nbclient import NotebookClient

    work = copy.deepcopy(nb)
    with tempfile.TemporaryDirectory() as tmp:
        client = NotebookClient(work, kernel_name="python3", timeout=600, record_timing=timing,
                                resources={"metadata": {"path": str(path.parent)}})
        cwd = os.getcwd()
        os.chdir(tmp)
        try:
            t0 = time.perf_counter()
            client.execute()
            wall = time.perf_counter() - t0
        finally:
            os.chdir(cwd)
    cells = []
    if timing:
        from datetime import datetime

        for i, c in enumerate(work.cells):
            t = c.get("metadata", {}).get("execution", {})
            if "iopub.execute_input" in t and "shell.execute_reply" in t:
                a = datetime.fromisoformat(t["iopub.execute_input"].replace("Z", "+00:00"))
                b = datetime.fromisoformat(t["shell.execute_reply"].replace("Z", "+00:00"))
                first = next((line for line in c.source.splitlines() if not line.startswith("#|")), "")
                cells.append(((b - a).total_seconds(), i, first[:70]))
    return wall, sorted(cells, reverse=True)


def main(argv: list[str] | None = None) -> int:
    import nbformat

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--cells", action="store_true", help="print the slowest cells of the last run")
    parser.add_argument("--notebook", type=Path, default=NOTEBOOK,
                        help="another copy of the page, e.g. an older version for comparison (its project root via "
                             "MAINPORTS_PROJECT_ROOT and PYTHONPATH)")
    args = parser.parse_args(argv)
    path = args.notebook.resolve()
    nb = nbformat.read(path, as_version=4)
    times, cells = [], []
    for i in range(args.runs):
        load = os.getloadavg()[0]
        wall, cells = run_once(nb, timing=args.cells and i == args.runs - 1, path=path)
        times.append(wall)
        print(f"run {i + 1}: {wall:.1f} s (load average before: {load:.1f})", flush=True)
    name = path.relative_to(REPO) if path.is_relative_to(REPO) else path
    print(f"{name}: median {statistics.median(times):.1f} s "
          f"(min {min(times):.1f}, max {max(times):.1f}, {args.runs} runs, {os.cpu_count()} cores)")
    for sec, idx, first in cells[:8]:
        print(f"  cell {idx:>2}: {sec:5.2f} s  {first}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
