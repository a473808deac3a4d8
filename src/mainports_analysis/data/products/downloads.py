"""Write the clean data exports offered for download on the site (``downloads/*.csv``).

The exports are the typed frames the analyses use, with canonical ids and units, sorted by their
keys and written with fixed number formatting and line endings, so two builds from the same commit
give byte-identical files (a test proves it).
"""

from __future__ import annotations

import os
from pathlib import Path

import pandas as pd

from mainports_analysis._io import frame_to_csv, write_atomic

#: Export name → (loader name, sort key). Registry tables are exported as they are.
EXPORTS = {
    "seizures": ("load_seizures", ["location", "metric", "series", "year", "period", "record_id"]),
    "throughput": ("load_throughput", ["location", "metric", "year", "record_id"]),
    "indicators": ("load_indicators", ["location", "metric", "year", "record_id"]),
    "allocations": ("load_allocations", ["hub", "year", "kind", "record_id"]),
    "audit": ("load_audit", ["period_start", "record_id"]),
    "measures": ("load_measures", ["hub", "red_line", "measure_id"]),
    "sources": ("load_sources", ["source_id"]),
}




def export_frames(data_dir: str | os.PathLike[str] | None = None) -> dict[str, pd.DataFrame]:
    """The frames offered for download, keyed by file stem, sorted by their keys."""
    from mainports_analysis.data import load
    from mainports_analysis.paths import reference_dir

    frames = {}
    for name, (loader, key) in EXPORTS.items():
        frame = getattr(load, loader)(data_dir)
        frames[name] = frame.sort_values(key, kind="mergesort").reset_index(drop=True)
    for name in ("hubs", "locations"):
        frames[name] = pd.read_csv(reference_dir(data_dir) / f"{name}.csv", dtype=str, keep_default_na=False)
    return frames


def write_downloads(target: Path, data_dir: str | os.PathLike[str] | None = None) -> list[Path]:
    """Write every export into ``target`` (atomically per file); returns the paths written."""
    target.mkdir(parents=True, exist_ok=True)
    written = []
    for name, frame in export_frames(data_dir).items():
        path = target / f"{name}.csv"
        text = frame_to_csv(frame)
        if not path.is_file() or path.read_text(encoding="utf-8") != text:
            write_atomic(path, text)
        written.append(path)
    return written
