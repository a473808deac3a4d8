"""Load the raw files into tidy, typed pandas frames: read → validate → clean → type.

The loaders never drop a row silently. By default they raise :class:`DataValidationError` listing
every problem (``FILE:ROW: COLUMN=VALUE: rule``). With ``on_error="reject"`` they return the valid rows
and keep every rejected row, with its reasons, in ``frame.attrs["load_report"]`` (and log it), for
exploring a half-edited file. Results are cached per data directory and file contents, so a
notebook that loads the same file twice pays once.
"""

from __future__ import annotations

import logging
import math
import os
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

import numpy as np
import pandas as pd

from mainports_analysis.data import rulings, schemas
from mainports_analysis.data.registry import registry
from mainports_analysis.data.validate import DataValidationError, Problem, Report
from mainports_analysis.paths import data_dir as _data_dir

log = logging.getLogger(__name__)

QUALIFIER_RANK = {"exact": 0, "approx": 1, "at_least": 2, "at_most": 2}
QUALITY_RANK = {"high": 0, "medium": 1, "low": 2}
STATUS_RANK = {"final": 0, "provisional": 1}
#: The columns that identify one published series value; conflicting rows share them.
SERIES_KEY = ["location", "year", "period", "metric", "series"]


@dataclass
class LoadReport:
    """What cleaning did to one file: rows in, rows out, and every rejected row with its reasons."""

    file: str
    rows_in: int
    rows_out: int
    rejected: list[tuple[int, list[str]]] = field(default_factory=list)  # (line, reasons)
    warnings: list[str] = field(default_factory=list)

    def __str__(self) -> str:
        text = f"{self.file}: {self.rows_in} rows in, {self.rows_out} rows out, {len(self.rejected)} rejected"
        return text + "".join(f"\n  line {line}: {'; '.join(reasons)}" for line, reasons in self.rejected)


# ------------------------------------------------------------------------------------------------ cache

_CACHE: dict[tuple, Report] = {}


def _fingerprint(base: Path) -> tuple:
    files = sorted(p for sub in ("raw", "reference") for p in (base / sub).glob("*.csv")) if base.is_dir() else []
    files += sorted(base.glob("*.csv")) if base.is_dir() else []
    return (str(base), *((str(p), p.stat().st_mtime_ns, p.stat().st_size) for p in files))


class DataDirError(FileNotFoundError):
    """A ``data_dir`` that holds none of the data files (a relative path read from the wrong folder)."""


def check_data_dir(data_dir: str | os.PathLike[str] | None = None) -> Path:
    """The data directory, if it holds the raw files; else :class:`DataDirError` saying which folder was meant.

    ``load_seizures("data")`` run from ``notebooks/`` resolves to ``notebooks/data``, which does not
    exist; that used to validate an empty folder and return 0 rows. The message names the folder that
    was read and the project's data folder (found from the package), and how to pass it.
    """
    from mainports_analysis.paths import project_root, raw_dir

    base = _data_dir(data_dir)
    names = {f"{r.name}.csv" for r in schemas.RESOURCES}
    raw = raw_dir(base)
    if raw.is_dir() and any(p.name in names for p in raw.glob("*.csv")):
        return base
    try:
        project = project_root() / "data"
        hint = f" (did you mean {str(project)!r}? Leave data_dir out to use the project's data)" if project != base else ""
    except FileNotFoundError:
        hint = " (leave data_dir out inside the repository, or set MAINPORTS_DATA_DIR)"
    given = "" if data_dir is None else f"data_dir={os.fspath(data_dir)!r} is "
    raise DataDirError(f"no data files in {given}{base}: it has no raw/*.csv{hint}")


def report(data_dir: str | os.PathLike[str] | None = None) -> Report:
    """The validation report of a data directory, cached in memory until a file changes.

    Across processes (every notebook kernel loads the data) the list of problems is also cached on
    disk, keyed by the exact bytes of the data files and of the validator's own code: unchanged data
    is read but not validated again. See :func:`mainports_analysis.data.validate.cached_validate`.
    """
    from mainports_analysis.data.validate import cached_validate

    base = check_data_dir(data_dir)
    key = _fingerprint(base)
    if key not in _CACHE:
        _CACHE.clear()
        _CACHE[key] = cached_validate(base)
    return _CACHE[key]


def clear_cache() -> None:
    """Forget cached loads (tests that edit files in place use it)."""
    _CACHE.clear()


# ------------------------------------------------------------------------------------------------ typing


def _typed(frame: pd.DataFrame, resource: schemas.Resource, data_dir=None) -> pd.DataFrame:
    """Turn the validated text frame into typed columns (ints, floats, bools, categoricals)."""
    out = pd.DataFrame(index=frame.index)
    reg = registry(data_dir)
    for f in resource.fields:
        s = frame[f.name]
        if f.kind == "integer":
            out[f.name] = pd.to_numeric(s.replace("", np.nan), errors="coerce").astype("Int64" if not f.required else "int64")
        elif f.kind == "number":
            out[f.name] = pd.to_numeric(s, errors="coerce").astype("float64")
        elif f.kind == "boolean":
            out[f.name] = s.eq("true")
        elif f.kind == "category":
            out[f.name] = pd.Categorical(s, categories=list(f.choices or sorted(set(s))))
        elif f.references and f.references[0] == "locations":
            out[f.name] = pd.Categorical(s, categories=list(reg.locations))
        elif f.references and f.references[0] == "hubs" and f.kind != "list":
            out[f.name] = pd.Categorical(s.replace("", None), categories=list(reg.hubs))
        else:
            out[f.name] = s.astype("string")
    return out


def _load(name: str, data_dir, on_error: str) -> pd.DataFrame:
    if on_error not in ("raise", "reject"):
        raise ValueError(f"on_error must be 'raise' or 'reject', not {on_error!r}")
    rep = report(data_dir)
    table = rep.tables[name]
    resource = schemas.BY_NAME[name]
    mine = [p for p in rep.problems if p.file == table.label]
    deps = {rep.tables[d].label for d in ("hubs", "locations", "sources") if d != name and d in rep.tables}
    dep_errors = [p for p in rep.errors if p.file in deps]
    errors = [p for p in mine if p.severity == "error"]
    if (errors or dep_errors) and (on_error == "raise" or not table.readable or dep_errors):
        raise DataValidationError(errors + dep_errors)
    frame = table.frame
    bad_lines: dict[int, list[str]] = {}
    for p in errors:
        bad_lines.setdefault(p.row, []).append(f"{p.column}={p.value}: {p.rule}")
    keep = ~frame["_line"].isin(list(bad_lines))
    lrep = LoadReport(
        table.label, len(frame), int(keep.sum()), sorted(bad_lines.items()), [str(p) for p in mine if p.severity == "warning"]
    )
    if lrep.rejected:
        log.warning("%s", lrep)
    typed = _typed(frame[keep].reset_index(drop=True), resource, data_dir)
    typed.attrs["load_report"] = lrep
    return typed


def _with_sources(frame: pd.DataFrame, data_dir) -> pd.DataFrame:
    sources = load_sources(data_dir)[["source_id", "publisher", "published", "quality", "language"]]
    out = frame.merge(sources, on="source_id", how="left", validate="many_to_one")
    out.attrs = frame.attrs
    return out


def _with_places(frame: pd.DataFrame, column: str = "location", data_dir=None) -> pd.DataFrame:
    reg = registry(data_dir)
    loc = frame[column].astype(str)
    frame["hub"] = pd.Categorical(loc.map(lambda x: reg.location(x).hub_id), categories=list(reg.hubs))
    frame["country"] = loc.map(lambda x: reg.location(x).country).astype("string")
    frame["ring"] = pd.Categorical(loc.map(lambda x: reg.location(x).ring), categories=["response", "first", "second", "none"])
    return frame


# ----------------------------------------------------------------------------------------------- loaders


def load_sources(data_dir: str | os.PathLike[str] | None = None, *, on_error: str = "raise") -> pd.DataFrame:
    """Every cited source, one row each.

    Columns: source_id, publisher, title, title_verbatim (bool), url, published (YYYY[-MM[-DD]]),
    accessed, via, language, licence, quality (high/medium/low), quality_reason, notes.
    """
    return _load("sources", data_dir, on_error)


def load_seizures(
    data_dir: str | os.PathLike[str] | None = None, *, preferred: bool = False, on_error: str = "raise"
) -> pd.DataFrame:
    """Seizures, seizure events and extractor arrests per location, year and counting system.

    Columns: record_id, location (categorical), year (int), period (FY/H1), metric, series, value
    (as printed), unit (kg/t/count), qualifier, status, source_id, quote, notes, then derived:
    ``quantity`` (kilograms for mass metrics, a count otherwise), ``base_unit`` (kg/count), ``kg``
    (kilograms, NaN for counts), hub, country, ring, and the source's publisher, published, quality and
    language. ``preferred=True`` keeps one row per location, year, period, metric and series (see
    :func:`preferred_rows`), leaving out the figures ruled out of scope (:mod:`mainports_analysis.data.rulings`,
    listed in ``attrs["out_of_scope"]``).
    """
    frame = _load("seizures", data_dir, on_error)
    factor = frame["unit"].astype(str).map({"kg": 1.0, "t": 1000.0, "count": 1.0})
    frame["quantity"] = frame["value"] * factor
    frame["base_unit"] = pd.Categorical(np.where(frame["unit"].astype(str) == "count", "count", "kg"), categories=["kg", "count"])
    frame["kg"] = frame["quantity"].where(frame["base_unit"] == "kg")
    frame = _with_sources(_with_places(frame, data_dir=data_dir), data_dir)
    return preferred_rows(rulings.in_scope(frame)) if preferred else frame


def load_throughput(
    data_dir: str | os.PathLike[str] | None = None, *, preferred: bool = False, on_error: str = "raise"
) -> pd.DataFrame:
    """Traffic per location and year: container TEU, cargo tonnes, passengers.

    Columns: record_id, location, year, metric (teu/cargo_tonnes/passengers), value and unit as printed,
    qualifier, status, source_id, quote, notes, then ``quantity`` in base units (TEU, tonnes,
    passengers), hub, country, ring and source columns. ``preferred=True``: one row per location, year
    and metric.
    """
    frame = _load("throughput", data_dir, on_error)
    frame["quantity"] = frame["value"] * frame["unit"].astype(str).map(schemas.THROUGHPUT_UNITS)
    frame = _with_sources(_with_places(frame, data_dir=data_dir), data_dir)
    if preferred:
        frame = preferred_rows(frame, key=["location", "year", "metric"])
    return frame


def load_indicators(
    data_dir: str | os.PathLike[str] | None = None, *, on_error: str = "raise"
) -> pd.DataFrame:
    """Cross-check indicators (price, purity, scans, investigations) as published, with source columns."""
    return _with_sources(_with_places(_load("indicators", data_dir, on_error), data_dir=data_dir), data_dir)


def load_allocations(data_dir: str | os.PathLike[str] | None = None, *, on_error: str = "raise") -> pd.DataFrame:
    """Money for the mainports approach, EUR million per year, per hub and budget line.

    Columns: record_id, hub (categorical, memo order), year (int, first year it applies), recurring
    (bool: every year from ``year`` on), amount_eur_mln (float), kind (structural/incidental/
    reservation), programme (mainports/predecessor), status (decided/announced/reported), source_id,
    quote, notes, plus the source's publisher, published and quality.
    """
    return _with_sources(_load("allocations", data_dir, on_error), data_dir)


def load_audit(data_dir: str | os.PathLike[str] | None = None, *, on_error: str = "raise") -> pd.DataFrame:
    """Audit and progress figures on money allocated, received, spent and unspent (EUR million).

    Columns: record_id, hubs (|-separated ids), period_start, period_end, metric, amount_eur_mln,
    source_id, quote, notes, plus source columns.
    """
    return _with_sources(_load("audit", data_dir, on_error), data_dir)


def load_measures(data_dir: str | os.PathLike[str] | None = None, *, on_error: str = "raise") -> pd.DataFrame:
    """Measures per hub and overarching.

    Columns: measure_id, hub (categorical), name_nl, name_en, red_line (categorical: barriers,
    resilience, supervision_enforcement, information_position), cooperation, targets_displacement
    (bool), displacement_reason, start_year (nullable int), status, source_id, quote, notes, plus the
    source's publisher, published, quality and url.
    """
    frame = _load("measures", data_dir, on_error)
    sources = load_sources(data_dir)[["source_id", "publisher", "published", "quality", "url", "title"]]
    out = frame.merge(sources, on="source_id", how="left", validate="many_to_one")
    out.attrs = frame.attrs
    return out


def load_all(data_dir: str | os.PathLike[str] | None = None) -> dict[str, pd.DataFrame]:
    """Every raw file as a typed frame, keyed by resource name (raises on any error)."""
    return {
        "sources": load_sources(data_dir),
        "seizures": load_seizures(data_dir),
        "throughput": load_throughput(data_dir),
        "indicators": load_indicators(data_dir),
        "allocations": load_allocations(data_dir),
        "audit": load_audit(data_dir),
        "measures": load_measures(data_dir),
    }


# ------------------------------------------------------------------------------------- preferred figures


def significant_digits(x: float) -> int:
    """How many significant digits a figure was printed with: 26000 -> 2, 25900 -> 3, 70.6 -> 3, 0 -> 1.

    Used to prefer a precise figure over a rounded one ("26.000 kilo" vs "25.900 kilo") when sources
    disagree. NaN counts as no precision (0).
    """
    if x is None or (isinstance(x, float) and not math.isfinite(x)):
        return 0
    d = Decimal(repr(float(x))).normalize()
    return max(1, len(d.as_tuple().digits)) if d != 0 else 1


def _rounding_of_another(frame: pd.DataFrame, key: list[str], value_col: str) -> pd.Series:
    """True for a figure that is a rounding of a more precise figure for the same key.

    "26.000 kilo" is a rounding of 25,900 (fewer significant digits, and within one unit of its last
    digit); "80 tonnes" is not a rounding of 45 tonnes, however round it looks.
    """
    flags = pd.Series(False, index=frame.index)
    for _, group in frame.groupby(key, observed=True, dropna=False, sort=False):
        if len(group) < 2:
            continue
        values = group[value_col].astype(float)
        digits = values.map(significant_digits)
        for idx, v in values.items():
            if not math.isfinite(v) or v == 0:
                continue
            unit = 10.0 ** (math.floor(math.log10(abs(v))) - int(digits[idx]) + 1)
            finer = (digits > digits[idx]) & ((values - v).abs() <= unit)
            flags[idx] = bool(finer.any())
    return flags


def preferred_rows(frame: pd.DataFrame, *, key: list[str] | None = None) -> pd.DataFrame:
    """One row per series value where sources disagree, chosen by a visible, documented rule.

    Among rows sharing ``key`` (default: location, year, period, metric, series) the rule prefers,
    in order: a record named in :data:`mainports_analysis.data.rulings.PREFERRED` (a restatement by the same
    authority, with its reason); a final figure over a provisional one; an exact figure over an
    approximate one over a bound ("ruim", "bijna"); a precise figure over a rounding of it (25,900
    over "26.000": a figure printed with fewer significant digits that the other rounds to); a high-quality source over a
    medium over a low one; the later publication (later reports carry revisions); then the record id,
    for a stable tie-break. Nothing is deleted from the raw data: ``result.attrs["choices"]`` (records)
    lists every key with more than one row, the chosen record and value, the alternatives, and the
    spread (min, max).
    """
    key = key or [k for k in SERIES_KEY if k in frame.columns]
    value_col = "value" if "value" in frame else ("amount_eur_mln" if "amount_eur_mln" in frame else None)
    ruled = {r.record_id for r in rulings.PREFERRED}
    ranked = frame.assign(
        _ruled=~frame["record_id"].astype(str).isin(ruled),
        _status=frame["status"].astype(str).map(STATUS_RANK),
        _qual=frame["qualifier"].astype(str).map(QUALIFIER_RANK),
        _rounded=_rounding_of_another(frame, key, value_col) if value_col else False,
        _quality=frame["quality"].astype(str).map(QUALITY_RANK) if "quality" in frame else 0,
        _pub=frame["published"].astype(str) if "published" in frame else "",
    )
    ranked = ranked.sort_values(
        [*key, "_ruled", "_status", "_qual", "_rounded", "_quality", "_pub", "record_id"],
        ascending=[True] * len(key) + [True, True, True, True, True, False, True],
        kind="mergesort",
    )
    chosen = ranked.drop_duplicates(key, keep="first")
    counts = ranked.groupby(key, observed=True, dropna=False)["record_id"].transform("size")
    multi = ranked[counts > 1]
    value_col = "quantity" if "quantity" in frame else ("amount_eur_mln" if "amount_eur_mln" in frame else "value")
    rows = []
    for keys, group in multi.groupby(key, observed=True, sort=True, dropna=False):
        first = group.iloc[0]
        rows.append(
            {
                **dict(zip(key, keys if isinstance(keys, tuple) else (keys,), strict=True)),
                "chosen": first["record_id"],
                "chosen_value": first[value_col],
                "alternatives": "; ".join(f"{r.record_id}={getattr(r, value_col):g}" for r in group.iloc[1:].itertuples()),
                "min": group[value_col].min(),
                "max": group[value_col].max(),
                "n": len(group),
            }
        )
    out = chosen.drop(columns=["_ruled", "_status", "_qual", "_rounded", "_quality", "_pub"]).reset_index(drop=True)
    out.attrs = dict(frame.attrs)
    out.attrs["choices"] = rows  # list of records; pd.DataFrame(out.attrs["choices"]) for a table
    return out


def bounds(frame: pd.DataFrame, *, key: list[str] | None = None, value: str = "quantity") -> pd.DataFrame:
    """The lowest and highest published figure per series value, for sensitivity analysis.

    Where sources conflict, the analysis is run on both bounds (methods brief, point 4). Returns the
    key columns with ``low``, ``high`` and ``n`` (number of published figures).
    """
    key = key or [k for k in SERIES_KEY if k in frame.columns]
    from mainports_analysis.data.registry import check_choice

    for column in (*key, value):
        check_choice(column, [str(c) for c in frame.columns], what="column")
    g = frame.groupby(key, observed=True, dropna=False)[value]
    return g.agg(low="min", high="max", n="size").reset_index()


def problems(data_dir: str | os.PathLike[str] | None = None) -> list[Problem]:
    """Every problem in the raw data (errors and warnings), as :class:`Problem` records."""
    return report(data_dir).problems
