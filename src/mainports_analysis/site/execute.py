"""Execute notebooks in the project's kernel, only when their inputs changed, several at a time.

A notebook's outputs depend on its own code cells, the data files, the library's source and the
locked dependency set. The build hashes exactly those and stores the hash in the notebook's metadata
(``metadata.mainports.inputs``); a notebook whose stored hash matches and whose outputs are complete is
not touched. Unlike Quarto's ``freeze``, the hash sees changes to the data and the library. The
interpreter's version is not hashed: the lock file pins every package for every supported Python,
so the committed notebooks stay current on 3.11, 3.12 and 3.13 alike.
Executed notebooks are written atomically (temporary file, then rename), so an error or Ctrl-C never
leaves a half-written notebook.
"""

from __future__ import annotations

import hashlib
import os
import re
import threading
import time
from collections.abc import Callable, Iterable
from concurrent.futures import FIRST_EXCEPTION, ThreadPoolExecutor, wait
from dataclasses import dataclass
from pathlib import Path

from mainports_analysis._io import write_atomic

METADATA_KEY = "mainports"
KERNEL = "python3"
#: Files whose content every notebook's outputs depend on, relative to the project root.
SHARED_INPUTS = ("data/raw/*.csv", "data/reference/*.csv", "src/mainports_analysis/**/*.py", "requirements/*.txt")


class NotebookError(RuntimeError):
    """A notebook failed: which one, which cell (counting every cell, and the code cells), and the error."""

    def __init__(self, path: Path, cell: int | None, error: str, code_cell: int | None = None):
        self.path, self.cell, self.error = path, cell, error
        where = f"cell {cell}" if cell is not None else "kernel"
        if cell is not None and code_cell is not None and code_cell != cell:
            where += f" (code cell {code_cell})"
        super().__init__(f"{path}: {where}: {error}")


class UnreadableNotebook(RuntimeError):
    """A notebook to execute is missing or is not a valid notebook file; nothing was executed."""

    def __init__(self, path: Path, reason: str):
        self.path, self.reason = path, reason
        super().__init__(f"{path}: {reason}")


def read_notebook(path: Path):
    """Read a notebook, or raise :class:`UnreadableNotebook` saying why it cannot be read."""
    import json

    import nbformat

    if not path.is_file():
        raise UnreadableNotebook(path, "does not exist")
    try:
        nb = nbformat.read(path, as_version=4)
    except UnicodeDecodeError:
        raise UnreadableNotebook(path, "is not a valid notebook: not UTF-8 text") from None
    except (nbformat.reader.NotJSONError, json.JSONDecodeError):
        raise UnreadableNotebook(path, "is not a valid notebook: not valid JSON (truncated or corrupt?)") from None
    except (nbformat.ValidationError, KeyError, AttributeError, TypeError, ValueError) as err:
        raise UnreadableNotebook(path, f"is not a valid notebook ({str(err).splitlines()[0][:120]})") from None
    return nb


@dataclass(frozen=True)
class Outcome:
    """What happened to one notebook in a build."""

    path: Path
    action: str  # executed | unchanged | failed
    seconds: float
    error: str = ""


def _digest(parts: Iterable[bytes]) -> str:
    h = hashlib.sha256()
    for part in parts:
        h.update(hashlib.sha256(part).digest())
    return h.hexdigest()


def shared_hash(root: Path) -> str:
    """Hash of the data, the library and the lock files: the inputs all notebooks share."""
    files = sorted({p for pattern in SHARED_INPUTS for p in root.glob(pattern) if p.is_file()})
    parts: list[bytes] = []
    for p in files:
        parts.append(p.relative_to(root).as_posix().encode())
        parts.append(p.read_bytes())
    return _digest(parts)


def code_of(nb) -> list[str]:
    """The source of every code cell, in order (outputs and Markdown do not change what runs)."""
    return [c.source for c in nb.cells if c.cell_type == "code"]


def inputs_hash(nb, shared: str) -> str:
    """The hash a notebook's outputs depend on: its code cells and the shared inputs."""
    return _digest([shared.encode(), KERNEL.encode(), *(s.encode() for s in code_of(nb))])


def is_current(nb, shared: str) -> bool:
    """Whether the stored outputs were produced from the current inputs, completely and without errors."""
    stored = nb.metadata.get(METADATA_KEY, {}).get("inputs")
    if stored != inputs_hash(nb, shared):
        return False
    for cell in nb.cells:
        if cell.cell_type != "code" or not cell.source.strip():
            continue
        if cell.get("execution_count") is None:
            return False
        if any(o.get("output_type") == "error" for o in cell.get("outputs", [])):
            return False
    return True




def kernel_environment(root: Path) -> dict[str, str]:
    """Environment for kernels: fixed hash seed and plotting backend, the project root, no timestamps."""
    return {
        "PYTHONHASHSEED": "0",
        "MPLBACKEND": "module://matplotlib_inline.backend_inline",
        "MAINPORTS_PROJECT_ROOT": str(root),
        "SOURCE_DATE_EPOCH": "0",
        "PYDEVD_DISABLE_FILE_VALIDATION": "1",
        "JUPYTER_PLATFORM_DIRS": "1",
    }


def execute(
    path: Path, shared: str, *, timeout: int = 900, cancelled: threading.Event | None = None, env: dict[str, str] | None = None
) -> None:
    """Run one notebook top to bottom in a fresh kernel and write it back with its outputs and hash.

    ``env`` is the kernel's environment (default: this process's); see :func:`kernel_environment`.
    """
    import nbformat
    from nbclient import NotebookClient
    from nbclient.exceptions import CellExecutionError, DeadKernelError

    nb = read_notebook(path)
    for cell in nb.cells:
        if cell.cell_type == "code":
            cell.outputs = []
            cell.execution_count = None
            cell.metadata.pop("execution", None)
    client = NotebookClient(
        nb, kernel_name=KERNEL, timeout=timeout, record_timing=False, allow_errors=False,
        resources={"metadata": {"path": str(path.parent)}}, extra_arguments=["--IPKernelApp.log_level=ERROR"],
    )  # fmt: skip
    current = code = None
    try:
        with client.setup_kernel(**({"env": env} if env is not None else {})):
            for index, cell in enumerate(nb.cells):
                if cancelled is not None and cancelled.is_set():
                    raise NotebookError(path, index + 1, "cancelled")
                current = index + 1
                code = sum(c.cell_type == "code" for c in nb.cells[: index + 1])
                client.execute_cell(cell, index)
    except CellExecutionError as err:
        text = re.sub(r"\x1b\[[0-9;]*[A-Za-z]", "", str(err))
        lines = [ln for ln in text.strip().splitlines() if ln.strip()]
        raise NotebookError(path, current, lines[-1] if lines else "error", code) from None
    except DeadKernelError as err:
        raise NotebookError(path, current, f"kernel died: {err}", code) from None
    nb.metadata.setdefault(METADATA_KEY, {})["inputs"] = inputs_hash(nb, shared)
    nb.metadata.pop("widgets", None)
    if cancelled is not None and cancelled.is_set():
        raise NotebookError(path, None, "cancelled before writing")
    write_atomic(path, nbformat.writes(nb) + "\n")


def execute_many(
    paths: list[Path],
    root: Path,
    *,
    jobs: int | None = None,
    force: bool = False,
    on_done: Callable[[Outcome], None] | None = None,
    on_start: Callable[[Path], None] | None = None,
) -> list[Outcome]:
    """Execute every stale notebook (all with ``force``), ``jobs`` at a time, one kernel each.

    Returns an outcome per notebook in the order given. If any notebook fails, the others still
    finish (they are independent) and :class:`NotebookError` is raised for the first failure. Every
    notebook is read first: a missing or corrupt one raises :class:`UnreadableNotebook` before any runs.
    """
    env = {**os.environ, **kernel_environment(root)}  # for the kernels only: this process keeps its own
    shared = shared_hash(root)
    jobs = max(1, jobs or os.cpu_count() or 1)
    outcomes: dict[Path, Outcome] = {}
    stale: list[Path] = []
    notebooks = {p: read_notebook(p) for p in paths}
    for p, nb in notebooks.items():
        if not force and is_current(nb, shared):
            outcomes[p] = Outcome(p, "unchanged", 0.0)
            if on_done:
                on_done(outcomes[p])
        else:
            stale.append(p)

    cancelled = threading.Event()
    failures: list[NotebookError] = []

    def run(p: Path) -> Outcome:
        if on_start:
            on_start(p)
        t0 = time.perf_counter()
        try:
            execute(p, shared, cancelled=cancelled, env=env)
            out = Outcome(p, "executed", time.perf_counter() - t0)
        except NotebookError as err:
            failures.append(err)
            out = Outcome(p, "failed", time.perf_counter() - t0, str(err))
        if on_done:
            on_done(out)
        return out

    if stale:
        pool = ThreadPoolExecutor(max_workers=min(jobs, len(stale)), thread_name_prefix="notebook")
        futures = {pool.submit(run, p): p for p in stale}
        try:
            wait(futures, return_when=FIRST_EXCEPTION)
        except KeyboardInterrupt:
            cancelled.set()
            pool.shutdown(wait=True, cancel_futures=True)
            raise
        pool.shutdown(wait=True)
        for fut, p in futures.items():
            outcomes[p] = fut.result()
    if failures:
        raise failures[0]
    return [outcomes[p] for p in paths]
