"""Deterministic file output shared by every layer: atomic writes and byte-stable CSV.

Lives at the bottom of the package (it imports nothing of it) so that the data, report and site
layers can all write files without importing each other.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import pandas as pd


def write_atomic(path: Path, text: str) -> None:
    """Write a file so that readers see the old content or the new, never a mix."""
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as fh:
            fh.write(text)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def frame_to_csv(frame: pd.DataFrame) -> str:
    """A frame as deterministic CSV text: no index, ``\\n`` line endings, floats to 10 significant digits."""
    out = frame.copy()
    for col in out.columns:
        if isinstance(out[col].dtype, pd.CategoricalDtype):
            out[col] = out[col].astype("string")
    return out.to_csv(index=False, lineterminator="\n", float_format="%.10g")
