"""The series inventory of the data log: what the raw files hold, per series, generated, never typed.

``data/README.md`` carries this inventory between markers; ``mainports edition`` and every build
rewrite it (:func:`write_inventory`; ``scripts/data_inventory.py`` does the same by hand) and a test
fails when the file and the data drift apart, so the data log cannot go stale.
"""

from __future__ import annotations

import os

import pandas as pd

from mainports_analysis.data.load import load_all

START = "<!-- inventory:start -->"
END = "<!-- inventory:end -->"
_MARK = {"exact": "", "approx": "~", "at_least": "≥", "at_most": "≤"}
_QUALITY = {"high": "h", "medium": "m", "low": "l"}


def _years(years: list[int]) -> str:
    return f"{min(years)}–{max(years)} ({len(years)})" if years else "—"


def _figure(row) -> str:
    value = f"{row.value:g}"
    provisional = "*" if str(row.status) == "provisional" else ""
    half = " H1" if str(getattr(row, "period", "FY")) == "H1" else ""
    return f"{_MARK[str(row.qualifier)]}{value} {row.unit}{provisional}{half} ({_QUALITY[str(row.quality)]})"


def _series_table(frame: pd.DataFrame, keys: list[str]) -> list[str]:
    lines = ["| series | years (FY) | H1 | rows | quality (h/m/l) | values by year (source quality) |", "|---|---|---|---|---|---|"]
    f = frame.assign(**{k: frame[k].astype(str) for k in keys})
    if "period" not in f:
        f = f.assign(period="FY")
    for key, group in f.groupby(keys, sort=True, observed=True):
        group = group.sort_values(["year", "period", "record_id"], kind="mergesort")
        fy = sorted(set(group.loc[group["period"] == "FY", "year"].astype(int)))
        h1 = sorted(set(group.loc[group["period"] == "H1", "year"].astype(int)))
        q = group["quality"].astype(str).value_counts()
        by_year = "; ".join(f"{year}: " + " / ".join(_figure(r) for r in g.itertuples()) for year, g in group.groupby("year", sort=True))
        name = " × ".join(key if isinstance(key, tuple) else (key,))
        lines.append(
            f"| `{name}` | {_years(fy)} | {', '.join(map(str, h1)) or '—'} | {len(group)} | "
            f"{q.get('high', 0)}/{q.get('medium', 0)}/{q.get('low', 0)} | {by_year} |"
        )
    return lines


def inventory_markdown(data_dir: str | os.PathLike[str] | None = None) -> str:
    """The inventory as Markdown: rows per file, then every series with its years, quality and figures."""
    data = load_all(data_dir)
    out = [
        "Generated from the raw files by `scripts/data_inventory.py`; do not edit by hand.",
        "",
        "| file | rows |",
        "|---|--:|",
        *(f"| `raw/{name}.csv` | {len(frame)} |" for name, frame in data.items()),
        "",
        "Notation: `~` approx, `≥` at least, `≤` at most, `*` provisional, `H1` first half-year; (h/m/l) = source "
        "quality. Every row carries its own source_id, quote and notes in the CSV.",
    ]
    for name, keys in (("seizures", ["location", "metric", "series"]), ("throughput", ["location", "metric"]),
                       ("indicators", ["location", "metric"])):
        out += ["", f"#### {name}.csv", "", *_series_table(data[name], keys)]
    return "\n".join(out) + "\n"


def with_inventory(readme_text: str, inventory: str) -> str:
    """``readme_text`` with the part between the inventory markers replaced by ``inventory``."""
    start, end = readme_text.index(START) + len(START), readme_text.index(END)
    return readme_text[:start] + "\n" + inventory + readme_text[end:]


def write_inventory(readme, data_dir: str | os.PathLike[str] | None = None) -> bool:
    """Rewrite the inventory between the markers of ``readme`` (a path) from the data; True when it changed.

    Run by ``mainports edition`` and before every build (:func:`mainports_analysis.site.editions.regenerate`),
    and by ``scripts/data_inventory.py``, so the data log never lags the data.
    """
    from pathlib import Path

    from mainports_analysis._io import write_atomic

    path = Path(readme)
    text = path.read_text(encoding="utf-8")
    new = with_inventory(text, inventory_markdown(data_dir))
    if new == text:
        return False
    write_atomic(path, new)
    return True
