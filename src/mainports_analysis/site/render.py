"""Render the site from ``_quarto.yml`` with Quarto, or offline with smalldocs, into a given folder.

Quarto is the reference renderer. It cannot be installed from package registries alone (PyPI's
``quarto-cli`` downloads the binary from GitHub while installing), so the same ``_quarto.yml``, pages
and executed notebooks also render with ``smalldocs``, a maintained pure-Python renderer of Quarto
websites. Neither renderer executes code: notebooks are executed by :mod:`mainports_analysis.site.execute`.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

RENDERERS = ("auto", "quarto", "offline")

QUARTO_MISSING = (
    "Quarto is not installed: no `quarto` on PATH.\n"
    "Get it with conda (`conda env create -f environment.yml` installs quarto from conda-forge), "
    "or, with internet access, `pip install quarto-cli` (it downloads the Quarto binary from GitHub), "
    "or from https://quarto.org/docs/get-started/.\n"
    "Without Quarto, build offline: `mainports build --renderer offline`."
)


class RenderError(RuntimeError):
    """The renderer failed or is not available."""


def quarto_binary() -> str | None:
    """Path of the ``quarto`` executable, if one is on PATH."""
    return shutil.which("quarto")


def choose(renderer: str) -> str:
    """Resolve ``auto`` to ``quarto`` when Quarto is on PATH and ``offline`` otherwise."""
    if renderer not in RENDERERS:
        raise ValueError(f"renderer must be one of {', '.join(RENDERERS)}, not {renderer!r}")
    if renderer == "auto":
        return "quarto" if quarto_binary() else "offline"
    if renderer == "quarto" and not quarto_binary():
        raise RenderError(QUARTO_MISSING)
    return renderer


def describe(renderer: str) -> str:
    """A one-line name and version of a renderer, for the build log."""
    if renderer == "quarto":
        try:
            version = subprocess.run([quarto_binary() or "quarto", "--version"], capture_output=True, text=True, timeout=60).stdout.strip()
        except (OSError, subprocess.SubprocessError):
            version = "?"
        return f"quarto {version}"
    from importlib.metadata import version

    return f"smalldocs {version('smalldocs')} (offline)"


@contextlib.contextmanager
def project_environment(root: Path) -> Iterator[None]:
    """Point the pre- and post-render scripts (child processes) at ``root`` while rendering, then restore."""
    before = os.environ.get("MAINPORTS_PROJECT_ROOT")
    os.environ["MAINPORTS_PROJECT_ROOT"] = str(root)
    try:
        yield
    finally:
        if before is None:
            os.environ.pop("MAINPORTS_PROJECT_ROOT", None)
        else:
            os.environ["MAINPORTS_PROJECT_ROOT"] = before


def render_quarto(root: Path, out: Path) -> list[str]:
    """``quarto render`` the project into ``out``, with the venv's Python for Quarto's Jupyter."""
    env = {**os.environ, "QUARTO_PYTHON": sys.executable, "MAINPORTS_PROJECT_ROOT": str(root)}
    cmd = [quarto_binary() or "quarto", "render", "--output-dir", str(out), "--no-execute"]
    proc = subprocess.run(cmd, cwd=root, env=env, capture_output=True, text=True)
    if proc.returncode:
        raise RenderError(f"quarto render failed ({proc.returncode}):\n{proc.stderr[-4000:]}")
    return [ln for ln in proc.stderr.splitlines() if "WARN" in ln]


def render_offline(root: Path, out: Path) -> list[str]:
    """Render the project into ``out`` with smalldocs, reading ``_quarto.yml`` as it is."""
    from smalldocs.config import BuildError, ConfigError, load
    from smalldocs.site import Site

    try:
        with project_environment(root):
            site = Site(load(root), quiet=True)
            site.out = out.resolve()
            site.build()
    except (BuildError, ConfigError) as err:
        raise RenderError(f"smalldocs: {err}") from err
    return list(site.warnings)


def render(renderer: str, root: Path, out: Path) -> list[str]:
    """Render with a resolved renderer (``quarto`` or ``offline``); returns the renderer's warnings."""
    if renderer == "quarto":
        return render_quarto(root, out)
    if renderer == "offline":
        return render_offline(root, out)
    raise ValueError(f"resolve the renderer first: {renderer!r}")
