"""Write the clean data exports offered for download on the site (``downloads/``).

The exports are the typed frames the analyses use, with canonical ids, sorted by their keys and
written with fixed number formatting and line endings, so two builds from the same commit give
byte-identical files (a test proves it). Beside them:

* ``series.csv`` — the series the analysis actually uses: one figure per place, year, period, metric
  and counting system, with its record id, source, quote and the rule that chose it
  (:func:`series_frame`);
* ``dictionary.csv`` — every column of every download: type, unit and meaning (:func:`dictionary`);
* ``datapackage.json`` — a Frictionless Data Package descriptor of the downloads themselves.

No column is ambiguous about its unit: the figure *as printed* is ``published_value`` in
``published_unit`` (tonnes stay tonnes, as the source printed them), and the figure in canonical
units is a separate column (``value_kg``, ``value_count``, ``value_canonical`` with
``canonical_unit``). Every text cell that a spreadsheet would read as a formula (it begins with
``=``, ``+``, ``-``, ``@``, a tab or a carriage return) is prefixed with a single quote, as the
OWASP guidance on CSV injection recommends (https://owasp.org/www-community/attacks/CSV_Injection);
numbers stay numbers.
"""

from __future__ import annotations

import json
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

#: The first characters a spreadsheet reads as the start of a formula (OWASP, CSV injection).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")

#: Canonical unit of each throughput metric (``value_canonical`` is in it).
THROUGHPUT_BASE = {"teu": "TEU", "cargo_tonnes": "t", "passengers": "passengers"}

#: Columns the exports add to the raw files' columns: name → (type, unit, description).
DERIVED: dict[str, tuple[str, str, str]] = {
    "published_value": ("number", "see published_unit", "The number exactly as the source printed it, in `published_unit` (a figure printed in tonnes stays in tonnes)."),
    "published_unit": ("string", "", "The unit the source printed the number in (kg, t = tonnes, count; for throughput teu, thousand_teu, million_teu, t, million_t, million; for indicators as printed)."),
    "value_kg": ("number", "kg", "The figure in kilograms (tonnes × 1,000); empty for counts."),
    "value_count": ("number", "count", "The figure as a count (seizure events, arrests); empty for masses."),
    "value_canonical": ("number", "see canonical_unit", "The figure in the canonical unit of its metric (thousand/million expanded)."),
    "canonical_unit": ("string", "", "Unit of `value_canonical`: TEU for teu, t (tonnes) for cargo_tonnes, passengers for passengers."),
    "hub": ("string", "", "The funded hub the location belongs to (data/reference/locations.csv); empty when none."),
    "country": ("string", "", "ISO 3166 alpha-2 code of the location, EU, or XX."),
    "ring": ("string", "", "Functional adjacency to Rotterdam used in the displacement analysis: response, first, second, none."),
    "publisher": ("string", "", "Publisher of the source (from sources.csv)."),
    "published": ("string", "", "Publication date of the source: YYYY, YYYY-MM or YYYY-MM-DD (from sources.csv)."),
    "quality": ("string", "", "Quality rating of the source: high, medium, low (from sources.csv)."),
    "language": ("string", "", "Language of the source's quote (from sources.csv)."),
    "url": ("string", "", "Address of the source (from sources.csv)."),
    "title": ("string", "", "Title of the source (from sources.csv)."),
    "used_in_analysis": ("boolean", "", "true when this is the figure the analyses use for this place, year, period and metric "
                         "(mainports_analysis.series.annual: one counting system per place); false for the other counting systems, kept for sensitivity runs."),
    "n_figures": ("integer", "count", "How many published figures (in scope) exist for this place, year, period, metric and counting system."),
    "alternatives": ("string", "", "The other published figures for the same key, as record_id=value in kg or count, |-separated; empty when there are none."),
    "rule": ("string", "", "The rule that chose this figure among the alternatives (mainports_analysis.data.load.preferred_rows; rulings in mainports_analysis.data.rulings)."),
    "file": ("string", "", "The download the column belongs to."),
    "column": ("string", "", "The column's name."),
    "type": ("string", "", "string, number, integer or boolean."),
    "unit": ("string", "", "Unit of the column's values; empty when it has none."),
    "description": ("string", "", "What the column holds."),
}

SERIES_COLUMNS = [
    "location", "year", "period", "metric", "series", "used_in_analysis", "value_kg", "value_count", "published_value",
    "published_unit", "qualifier", "status", "record_id", "source_id", "publisher", "published", "url", "quote",
    "n_figures", "alternatives", "rule",
]  # fmt: skip

#: Reasons :func:`series_frame` gives, in the order :func:`mainports_analysis.data.load.preferred_rows` applies them.
RULES = (
    "ruling",
    "final figure preferred over a provisional one",
    "exact figure preferred over an approximate one or a bound",
    "precise figure preferred over a rounding of it",
    "higher-quality source preferred",
    "later publication preferred (later reports carry revisions)",
    "equal on every criterion: the first record id",
)
ONLY = "only published figure"


def neutralise(frame: pd.DataFrame) -> pd.DataFrame:
    """``frame`` with every text cell that begins like a formula prefixed by a single quote (OWASP).

    Only text columns are touched: a number column keeps its numbers (a negative number stays a
    number). A cell ``=HYPERLINK(...)`` becomes ``'=HYPERLINK(...)``, which Excel shows as text.
    """
    out = frame.copy()
    for col in out.columns:
        s = out[col]
        if pd.api.types.is_numeric_dtype(s) or pd.api.types.is_bool_dtype(s):
            continue
        text = s.astype("string")
        risky = text.str.startswith(FORMULA_STARTS).fillna(False)
        if risky.any():
            out[col] = text.mask(risky, "'" + text)
    return out


def _booleans_as_text(frame: pd.DataFrame) -> pd.DataFrame:
    """Booleans written as ``true``/``false``, as in the raw files (not pandas' True/False)."""
    out = frame.copy()
    for col in out.columns:
        if pd.api.types.is_bool_dtype(out[col]):
            out[col] = out[col].map({True: "true", False: "false"})
    return out


def _unambiguous(name: str, frame: pd.DataFrame) -> pd.DataFrame:
    """Rename the printed figure and add canonical-unit columns, so no column named ``value`` remains."""
    out = frame.rename(columns={"value": "published_value", "unit": "published_unit"})
    if name == "seizures":
        counts = out["base_unit"].astype(str) == "count"
        out = out.assign(value_kg=out["kg"], value_count=out["quantity"].where(counts))
        out = out.drop(columns=["quantity", "base_unit", "kg"])
    elif name == "throughput":
        out = out.assign(value_canonical=out["quantity"], canonical_unit=out["metric"].astype(str).map(THROUGHPUT_BASE))
        out = out.drop(columns=["quantity"])
    if "published_value" in out:
        cols = list(out.columns)
        for extra in ("value_kg", "value_count", "value_canonical", "canonical_unit"):
            if extra in cols:
                cols.remove(extra)
                cols.insert(cols.index("published_value"), extra)
        out = out[cols]
    return out


def _rank(group: pd.DataFrame, rounded: pd.Series) -> pd.DataFrame:
    """The ranking columns of :func:`~mainports_analysis.data.load.preferred_rows`, in its order."""
    from mainports_analysis.data import rulings
    from mainports_analysis.data.load import QUALIFIER_RANK, QUALITY_RANK, STATUS_RANK

    ruled = {r.record_id for r in rulings.PREFERRED}
    return pd.DataFrame({
        "ruling": ~group["record_id"].astype(str).isin(ruled),
        "status": group["status"].astype(str).map(STATUS_RANK),
        "qualifier": group["qualifier"].astype(str).map(QUALIFIER_RANK),
        "rounded": rounded.loc[group.index],
        "quality": group["quality"].astype(str).map(QUALITY_RANK),
        "published": group["published"].astype(str),
        "record_id": group["record_id"].astype(str),
    }, index=group.index)  # fmt: skip


def _rule(chosen: pd.Series, other: pd.Series, reason: str) -> str:
    """The first criterion on which the chosen figure beats the runner-up."""
    for i, name in enumerate(("ruling", "status", "qualifier", "rounded", "quality", "published")):
        if chosen[name] != other[name]:
            return f"ruling: {reason}" if name == "ruling" else RULES[i]
    return RULES[-1]


def series_frame(data_dir: str | os.PathLike[str] | None = None) -> pd.DataFrame:
    """One figure per place, year, period, metric and counting system, as the analysis chooses it.

    The choice is :func:`mainports_analysis.data.load.preferred_rows` on the figures in scope
    (:func:`mainports_analysis.data.rulings.in_scope`); ``rule`` says which criterion decided (the
    first on which the chosen figure beats the runner-up), ``used_in_analysis`` marks the counting
    system :func:`mainports_analysis.data.series.annual` uses for that place. Units: ``value_kg``
    (kilograms) for masses, ``value_count`` for counts; the printed figure is kept beside them.
    """
    from mainports_analysis.data import load, rulings
    from mainports_analysis.data.series import annual

    seizures = load.load_seizures(data_dir)
    scoped = rulings.in_scope(seizures)
    sources = load.load_sources(data_dir)[["source_id", "url"]]
    chosen = load.preferred_rows(scoped)
    rounded = load._rounding_of_another(scoped, load.SERIES_KEY, "value")
    reasons = {r.record_id: r.reason for r in rulings.PREFERRED}
    used: set[str] = set()
    for metric in sorted(set(scoped["metric"].astype(str))):
        for period in sorted(set(scoped["period"].astype(str))):
            used |= set(annual(seizures, metric=metric, period=period)["record_id"])
    extra = []
    for _, group in scoped.groupby(load.SERIES_KEY, observed=True, sort=False):
        ranks = _rank(group, rounded)
        order = ranks.sort_values(list(ranks.columns), ascending=[True] * 5 + [False, True], kind="mergesort")
        first = order.index[0]
        rule = ONLY if len(group) == 1 else _rule(order.iloc[0], order.iloc[1], reasons.get(str(group.at[first, "record_id"]), ""))
        others = " | ".join(f"{group.at[i, 'record_id']}={group.at[i, 'quantity']:g}" for i in order.index[1:])
        extra.append({"record_id": str(group.at[first, "record_id"]), "n_figures": len(group), "alternatives": others, "rule": rule})
    info = pd.DataFrame(extra, columns=["record_id", "n_figures", "alternatives", "rule"])
    out = chosen.assign(record_id=chosen["record_id"].astype(str)).merge(info, on="record_id", how="left", validate="one_to_one")
    out = out.merge(sources, on="source_id", how="left", validate="many_to_one")
    counts = out["base_unit"].astype(str) == "count"
    out = out.assign(
        used_in_analysis=out["record_id"].isin(used), value_kg=out["kg"], value_count=out["quantity"].where(counts),
        published_value=out["value"], published_unit=out["unit"], n_figures=out["n_figures"].astype("int64"),
    )  # fmt: skip
    out = out[SERIES_COLUMNS].sort_values(["location", "metric", "series", "year", "period"], kind="mergesort")
    return out.reset_index(drop=True)


def export_frames(data_dir: str | os.PathLike[str] | None = None) -> dict[str, pd.DataFrame]:
    """The frames offered for download, keyed by file stem, sorted by their keys, as they are written.

    Text cells are neutralised for spreadsheets (:func:`neutralise`), booleans are ``true``/``false``.
    """
    from mainports_analysis.data import load
    from mainports_analysis.paths import reference_dir

    frames = {}
    for name, (loader, key) in EXPORTS.items():
        frame = getattr(load, loader)(data_dir)
        frames[name] = _unambiguous(name, frame.sort_values(key, kind="mergesort").reset_index(drop=True))
    frames["series"] = series_frame(data_dir)
    for name in ("hubs", "locations"):
        frames[name] = pd.read_csv(reference_dir(data_dir) / f"{name}.csv", dtype=str, keep_default_na=False)
    frames = {name: neutralise(_booleans_as_text(frame)) for name, frame in frames.items()}
    frames["dictionary"] = neutralise(dictionary(frames))
    return frames


#: Downloads whose columns share a raw file's descriptions.
SCHEMA_OF = {"series": "seizures"}


def _kind(name: str, column: str) -> tuple[str, str, str]:
    """(type, unit, description) of one column: the raw schema's, else :data:`DERIVED`'s."""
    from mainports_analysis.data import schemas

    resource = schemas.BY_NAME.get(SCHEMA_OF.get(name, name))
    if resource is not None and column in resource.columns:
        f = resource.field(column)
        kind = {"integer": "integer", "number": "number", "boolean": "boolean"}.get(f.kind, "string")
        return kind, f.unit or "", f.description
    if column in DERIVED:
        return DERIVED[column]
    raise KeyError(f"downloads/{name}.csv: column {column!r} has no entry in the data dictionary (add it to DERIVED)")


def dictionary(frames: dict[str, pd.DataFrame]) -> pd.DataFrame:
    """The data dictionary: one row per column of every download (file, column, type, unit, description)."""
    rows = []
    for name, frame in frames.items():
        for column in frame.columns:
            kind, unit, description = _kind(name, column)
            rows.append({"file": f"{name}.csv", "column": column, "type": kind, "unit": unit, "description": description})
    for column in ("file", "column", "type", "unit", "description"):
        kind, unit, description = DERIVED[column]
        rows.append({"file": "dictionary.csv", "column": column, "type": kind, "unit": unit, "description": description})
    return pd.DataFrame(rows, columns=["file", "column", "type", "unit", "description"])


def write_downloads(target: Path, data_dir: str | os.PathLike[str] | None = None) -> list[Path]:
    """Write every export, the dictionary and the descriptor into ``target`` (atomically per file).

    Returns the paths written (a file whose content is unchanged is left as it is, and listed).
    """
    from mainports_analysis.data.products.datapackage import downloads_descriptor

    target.mkdir(parents=True, exist_ok=True)
    written = []
    frames = export_frames(data_dir)
    texts = {f"{name}.csv": frame_to_csv(frame) for name, frame in frames.items()}
    texts["datapackage.json"] = json.dumps(downloads_descriptor(frames["dictionary"], list(frames)), indent=2, ensure_ascii=False) + "\n"
    for filename, text in texts.items():
        path = target / filename
        if not path.is_file() or path.read_text(encoding="utf-8") != text:
            write_atomic(path, text)
        written.append(path)
    return written
