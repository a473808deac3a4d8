"""Which places the approach treats: the response area, funded buffers, partly treated and untreated places.

Bowers & Johnson (2003) define a buffer (catchment) area as one that receives *no* intervention: only then
does a rise there read as displacement. The Zeeland–West-Brabant ports and the North Sea Canal ports are
funded by the same approach (police, scanning, drones), so more detection there produces exactly the rise
displacement would. ``data/reference/treatment.csv`` classifies every place the analysis uses, each with a
reason that quotes a source in ``data/raw/sources.csv``:

* ``response``: the place the approach targets first (Rotterdam);
* ``funded_buffer``: a place that could take over the flow *and* is funded by the approach;
* ``partly_treated``: a place reached by some measures (Antwerp, under joint Dutch–Belgian measures from
  February 2023) or a total that contains treated places (the EU total contains Rotterdam);
* ``untreated``: no measure of the approach reaches it; only these are buffers or controls in Bowers &
  Johnson's sense, and only these serve as fake response areas in the placebo-in-space.

The file is validated on load: an unknown treatment, location or source, a duplicate place or an empty
reason stops the load with ``FILE:ROW`` and a "did you mean" suggestion.
"""

from __future__ import annotations

import csv
import difflib
import os
from functools import cache
from pathlib import Path

import pandas as pd

from mainports_analysis.data.registry import registry
from mainports_analysis.paths import data_dir, reference_dir

TREATMENTS = ("response", "funded_buffer", "partly_treated", "untreated")
COLUMNS = ("location_id", "treatment", "reason", "source_id")
#: Treatments under which a rise in seizures can also be more detection paid for by the approach.
FUNDED = ("response", "funded_buffer")


class TreatmentError(ValueError):
    """``data/reference/treatment.csv`` is malformed; the message lists every problem as FILE:ROW."""


def _source_ids(folder: Path) -> set[str]:
    path = folder / "raw" / "sources.csv"
    with path.open(encoding="utf-8-sig", newline="") as fh:
        return {(r.get("source_id") or "").strip() for r in csv.DictReader(fh)}


def _close(name: str, known: set[str] | tuple[str, ...]) -> str:
    match = difflib.get_close_matches(name, list(known), n=1, cutoff=0.6)
    return f" (did you mean {match[0]!r}?)" if match else ""


@cache
def _load(reference: str, data: str) -> pd.DataFrame:
    path = Path(reference) / "treatment.csv"
    label = f"data/reference/{path.name}"
    reg = registry(data)
    sources = _source_ids(Path(data))
    problems: list[str] = []
    with path.open(encoding="utf-8-sig", newline="") as fh:
        reader = csv.DictReader(fh)
        if tuple(reader.fieldnames or ()) != COLUMNS:
            raise TreatmentError(f"{label}:1: header must be {','.join(COLUMNS)}; found {','.join(reader.fieldnames or [])}")
        rows, seen = [], {}
        for line, raw in enumerate(reader, start=2):
            r = {k: (v or "").strip() for k, v in raw.items() if k is not None}
            where = f"{label}:{line}"
            loc, kind, reason, source = r["location_id"], r["treatment"], r["reason"], r["source_id"]
            if loc not in reg.locations:
                best = reg.suggest(loc)
                problems.append(f"{where}: unknown location_id {loc!r}" + (f" (did you mean {best!r}?)" if best else ""))
            if loc in seen:
                problems.append(f"{where}: location_id {loc!r} is already classified on row {seen[loc]}")
            seen.setdefault(loc, line)
            if kind not in TREATMENTS:
                problems.append(f"{where}: treatment {kind!r} is not one of {', '.join(TREATMENTS)}{_close(kind, TREATMENTS)}")
            if not reason:
                problems.append(f"{where}: reason is empty; say why, quoting the source")
            if source not in sources:
                problems.append(f"{where}: source_id {source!r} is not in data/raw/sources.csv{_close(source, sources)}")
            rows.append(r)
    if problems:
        raise TreatmentError("treatment.csv has problems:\n" + "\n".join(problems))
    return pd.DataFrame(rows, columns=list(COLUMNS))


def load_treatment(data_dir_override: str | os.PathLike[str] | None = None) -> pd.DataFrame:
    """The place classification (columns location_id, treatment, reason, source_id), validated; cached per folder."""
    return _load(str(reference_dir(data_dir_override)), str(data_dir(data_dir_override))).copy()


def treatment_of(location: str, *, data_dir_override: str | os.PathLike[str] | None = None) -> str:
    """The treatment of one place; ``KeyError`` with a suggestion for an unclassified or unknown id."""
    t = _load(str(reference_dir(data_dir_override)), str(data_dir(data_dir_override))).set_index("location_id")["treatment"]
    if location not in t.index:
        best = registry(data_dir_override).suggest(location)
        hint = f" (did you mean {best!r}?)" if best and best in t.index else ""
        raise KeyError(f"{location!r} is not classified in data/reference/treatment.csv{hint}")
    return str(t[location])


def places(treatment: str, *, data_dir_override: str | os.PathLike[str] | None = None) -> list[str]:
    """The location ids with this treatment, in file order."""
    if treatment not in TREATMENTS:
        raise ValueError(f"treatment must be one of {', '.join(TREATMENTS)}, not {treatment!r}{_close(treatment, TREATMENTS)}")
    t = load_treatment(data_dir_override)
    return t.loc[t["treatment"] == treatment, "location_id"].tolist()
