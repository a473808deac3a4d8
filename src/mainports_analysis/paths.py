"""Where the project's files live: the repository root, the data and the notebooks.

One place answers "where is the data?" so that notebooks, the CLI and the tests agree. The data
directory can be overridden with the ``MAINPORTS_DATA_DIR`` environment variable or a ``data_dir``
argument on every loader (used by the tests' corpus of broken inputs).
"""

from __future__ import annotations

import os
from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent


def project_root() -> Path:
    """The repository root: the folder that holds ``_quarto.yml`` and ``data/``.

    Looks upward from the package (editable install, src layout), then from the working directory.
    """
    env = os.environ.get("MAINPORTS_PROJECT_ROOT")
    if env:
        return Path(env).resolve()
    for start in (PACKAGE_DIR, Path.cwd().resolve()):
        for folder in (start, *start.parents):
            if (folder / "_quarto.yml").is_file() and (folder / "data").is_dir():
                return folder
    raise FileNotFoundError(
        "cannot find the project root (a folder with _quarto.yml and data/); "
        "set MAINPORTS_PROJECT_ROOT or run from inside the repository"
    )


def data_dir(override: str | os.PathLike[str] | None = None) -> Path:
    """The data directory: ``override``, else ``$MAINPORTS_DATA_DIR``, else ``<root>/data``."""
    if override is not None:
        return Path(override).resolve()
    env = os.environ.get("MAINPORTS_DATA_DIR")
    if env:
        return Path(env).resolve()
    return project_root() / "data"


def raw_dir(override: str | os.PathLike[str] | None = None) -> Path:
    """The folder of raw, as-published CSV files (``data/raw``).

    ``override`` may name either a data directory (holding ``raw/``) or the raw folder itself.
    """
    base = data_dir(override)
    return base / "raw" if (base / "raw").is_dir() else base


def reference_dir(override: str | os.PathLike[str] | None = None) -> Path:
    """The folder of the registry tables (``data/reference``), beside ``raw/``.

    When ``override`` points at a folder without its own ``reference/``, the project's registry is used,
    so a test corpus only needs the raw files it is about.
    """
    base = data_dir(override)
    for candidate in (base / "reference", base.parent / "reference"):
        if candidate.is_dir():
            return candidate
    return project_root() / "data" / "reference"
