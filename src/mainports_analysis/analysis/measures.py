"""The policy measures of the mainports approach, counted: where, along which red line, since when, against what.

"Measures" here means *policy measures* only (the rows of ``data/raw/measures.csv``): what the
approach does. (The problem metrics a hub is compared on -- kilograms seized, seizure events,
arrests -- are ``HUB_MEASURES`` in :mod:`mainports_analysis.analysis.hubs`; WDQ's "success measure"
is the response-area change in :mod:`mainports_analysis.analysis.displacement`.)

The approach is organised along four *red lines* (rode lijnen): barriers, resilience of people and
processes, supervision and enforcement, and the information position (letter to parliament of
4 November 2022). This module holds the codes of those vocabularies and the computations the
measures page shows, as numbers, frames and dataclasses; labels, tables, HTML and sentences are in
:mod:`mainports_analysis.report.measures`.

- :func:`count_by` -- measures per hub and red line (or any two categories), complete with zeros,
  hubs in registry order and categories in vocabulary order;
- :func:`timeline`, :func:`dated` -- when measures started; a missing start year is counted as
  *not stated*, never guessed. :func:`start_year_basis` checks the data rule behind every start year
  (the year is written in the quote, or the source's own date places the start and the notes quote
  the sentence that says so: :data:`SOURCE_DATE_MARK`);
- :func:`displacement_measures` -- which measures aim *explicitly* at displacement between hubs (a
  quoted sentence states the aim, :func:`aim_quote`), and which are only *related*;
- :func:`summary`, :func:`red_line_balance` -- the numbers and verdicts the page's text is built from;
- :func:`context_series` -- each hub's seizures and the extractor arrests, to set next to its measures.

When the money starts, and the Court of Audit's money figures, are :mod:`mainports_analysis.analysis.money`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

import pandas as pd

from mainports_analysis.analysis.hubs import FUNDED_SEAPORT_SERIES
from mainports_analysis.analysis.money import BUDGET_LINES
from mainports_analysis.data import schemas
from mainports_analysis.data.registry import FUNDED_HUBS, check_choice, registry
from mainports_analysis.data.series import annual

__all__ = [
    "BASES", "CODES", "DISPLACEMENT_KINDS", "DISPLACEMENT_WORDS", "FOCUS_AREA_SOURCES", "HUB_SERIES", "KIND_LEADS",
    "NOT_STATED", "SOURCE_DATE_MARK", "TOTAL", "AimQuote", "MeasureSummary", "RedLineBalance", "aim_quote",
    "categories", "context_series", "count_by", "dated", "displacement_basis", "displacement_kind",
    "displacement_measures", "is_focus_area", "measure_hubs", "note_quote", "peak", "red_line_balance", "related",
    "start_year_basis", "summary", "timeline", "top", "where_counts", "without_focus_areas", "years_of",
]  # fmt: skip

#: The kinds of measure that aim at displacement between hubs (see :func:`displacement_kind`);
#: ``other`` catches a reason that none of the rules recognises.
DISPLACEMENT_KINDS = ("cross_hub", "screening", "risk_containers", "shipping_lines", "smaller_ports", "monitoring", "other")

#: The codes of every vocabulary, keyed by the column of ``load_measures()`` it describes, in display order.
CODES: dict[str, tuple[str, ...]] = {
    "red_line": schemas.RED_LINES,
    "cooperation": schemas.COOPERATION,
    "status": schemas.MEASURE_STATUSES,
    "displacement_kind": DISPLACEMENT_KINDS,
}

#: The two grounds a measure can have in the displacement tables: a quoted aim, or only its kind.
BASES = ("explicit", "related")

#: The row and column code of totals in :func:`count_by` and :func:`timeline`.
TOTAL = "total"
#: The column code of measures whose source states no start year (:func:`timeline`).
NOT_STATED = "not_stated"

#: Sources whose measures are the broad focus areas of the letter of 4 November 2022; later rows
#: are often concrete steps under them, so counting both double counts (data/README.md).
FOCUS_AREA_SOURCES = ("jenv-2022-11-kamerbrief-mainports",)

#: The data convention of ``displacement_reason``: it may open with the kind's name as a sentence
#: ("Screening of port personnel. ..."). The report's English labels are the same words (a test checks).
KIND_LEADS = {
    "cross_hub": "Cross-hub coordination",
    "screening": "Screening of port personnel",
    "risk_containers": "Checks on containers from risk countries",
    "shipping_lines": "Shipping-line declaration",
    "smaller_ports": "Smaller-ports approach",
    "monitoring": "Monitoring of displacement",
}

#: Rules that classify a displacement measure, tried in order against its ``displacement_reason``
#: (case-insensitive regular expressions).
_KIND_RULES: tuple[tuple[str, str], ...] = (
    ("screening", r"screening"),
    ("shipping_lines", r"shipping.line declaration"),
    ("risk_containers", r"risk.countr"),
    ("smaller_ports", r"smaller.ports|northern ports|kleinere havens"),
    ("monitoring", r"monitoring"),
    ("cross_hub", r"cross.hub|coordinat|spanning ports|between hubs|knooppunten"),
)

#: The published seizure series that stands for each funded hub next to its measures, in the memo's
#: hub order, from the one hub → series map (:data:`mainports_analysis.analysis.hubs.FUNDED_SEAPORT_SERIES`);
#: the flower auctions have none (no annual total is published).
HUB_SERIES: dict[str, str | None] = {hub: FUNDED_SEAPORT_SERIES.get(hub) for hub in FUNDED_HUBS}


# ------------------------------------------------------------------------------------------ categories


def measure_hubs(measures: pd.DataFrame | None = None) -> list[str]:
    """The hub ids measures can belong to, in registry order (budget-only lines left out).

    A hub a measure carries that is not in that list is appended rather than dropped.
    """
    hubs = [h for h in registry().hubs if h not in BUDGET_LINES]
    if measures is not None and "hub" in measures:
        hubs += sorted(set(measures["hub"].dropna().astype(str)) - set(hubs))
    return hubs


def _codes(measures: pd.DataFrame, column: str) -> pd.Series:
    """A column as plain Python values (str codes, bools), categoricals undone."""
    if column not in measures:
        raise KeyError(f"measures have no column {column!r}{_column_hint(measures, column)}")
    s = measures[column]
    if column == "targets_displacement":
        return s.astype(bool)
    return s.astype(object).where(s.notna(), None).map(lambda v: v if v is None else str(v))


def _column_hint(measures: pd.DataFrame, column: str) -> str:
    from mainports_analysis.data.registry import did_you_mean

    return did_you_mean(column, [str(c) for c in measures.columns])


def categories(dimension: str, measures: pd.DataFrame | None = None) -> list:
    """The categories of a column in display order: hubs in registry order, vocabularies in their order.

    ``targets_displacement`` is ``[True, False]``; any other column gets its sorted values. A value
    in ``measures`` outside a vocabulary raises ``ValueError`` (nothing is dropped silently).
    """
    if dimension == "hub":
        return measure_hubs(measures)
    if dimension == "targets_displacement":
        return [True, False]
    if dimension == "start_year":
        raise ValueError("start years have gaps and unknowns: use timeline(), not count_by()")
    if dimension in CODES:
        cats = list(CODES[dimension])
        if measures is not None and dimension in measures:
            unknown = sorted(set(_codes(measures, dimension)) - set(cats))
            if unknown:
                raise ValueError(f"{dimension}: values outside the vocabulary: {', '.join(unknown)}")
        return cats
    if measures is None or dimension not in measures:
        known = ["hub", "targets_displacement", *CODES]
        check_choice(dimension, known, what="dimension")
    return sorted(set(_codes(measures, dimension)))


def top(counts: pd.Series) -> list:
    """The categories with the highest count (several when tied), in the series' order."""
    if counts.empty:
        return []
    return [k for k, v in counts.items() if v == counts.max()]


# ------------------------------------------------------------------------------------------ counting


def _with_totals(table: pd.DataFrame) -> pd.DataFrame:
    out = table.copy()
    out[TOTAL] = out.sum(axis=1)
    out.loc[TOTAL] = out.sum(axis=0)
    return out


def count_by(measures: pd.DataFrame, rows: str = "hub", cols: str = "red_line", *, totals: bool = False) -> pd.DataFrame:
    """How many measures fall in each combination of two categories (default: hub × red line).

    The table is complete: every hub (registry order) and every category (vocabulary order) is there,
    with 0 where no measure falls; index and columns are codes (labels:
    :func:`mainports_analysis.report.measures.count_table`). ``totals=True`` adds a ``total`` row and column.
    """
    row_cats, col_cats = categories(rows, measures), categories(cols, measures)
    r, c = _codes(measures, rows), _codes(measures, cols)
    if r.isna().any() or c.isna().any():
        raise ValueError(f"{rows}/{cols}: a measure has no value; count it explicitly")
    counts = pd.Series(1, index=pd.MultiIndex.from_arrays([r, c])).groupby(level=[0, 1]).size()
    table = (
        counts.unstack(fill_value=0).reindex(index=row_cats, columns=col_cats, fill_value=0)
        if len(counts)
        else pd.DataFrame(0, index=row_cats, columns=col_cats)
    )
    table = table.fillna(0).astype("int64")
    table.index.name, table.columns.name = rows, cols
    return _with_totals(table) if totals else table


def years_of(measures: pd.DataFrame) -> pd.Series:
    """Start years as a float series (NaN = not stated); a non-integer year raises ``ValueError``."""
    years = pd.to_numeric(measures["start_year"].astype(object), errors="coerce").astype("float64")
    bad = measures["start_year"].notna() & years.isna() | (years.notna() & (years % 1 != 0))
    if bad.any():
        raise ValueError(f"start_year is not a year in {int(bad.sum())} rows")
    return years


def timeline(
    measures: pd.DataFrame, *, rows: str = "hub", years: Iterable[int] | None = None, totals: bool = False
) -> pd.DataFrame:
    """How many measures started in each year, per hub (or another category).

    Columns are every year from the first to the last stated start year (or ``years``), with 0 for a
    year without a start, and a ``not_stated`` column for the measures whose source gives no start
    year. Those are counted there and never assigned to a year.
    """
    y = years_of(measures)
    known = y.dropna().astype(int)
    if years is None:
        span = list(range(int(known.min()), int(known.max()) + 1)) if len(known) else []
    else:
        span = sorted(int(v) for v in years)
        outside = sorted(set(known) - set(span))
        if outside:
            raise ValueError(f"start years outside the requested years: {outside}")
    row_cats = categories(rows, measures)
    r = _codes(measures, rows)
    dated_rows = pd.DataFrame({"row": r[y.notna()], "year": known})
    table = (
        dated_rows.groupby(["row", "year"]).size().unstack(fill_value=0)
        if len(dated_rows)
        else pd.DataFrame(index=pd.Index([], name="row"))
    )
    table = table.reindex(index=row_cats, columns=span, fill_value=0).fillna(0).astype("int64")
    table[NOT_STATED] = r[y.isna()].value_counts().reindex(row_cats, fill_value=0).astype("int64").to_numpy()
    table.index.name, table.columns.name = rows, "start_year"
    return _with_totals(table) if totals else table


def dated(measures: pd.DataFrame) -> pd.DataFrame:
    """The measures with a stated start year, one row each, for a dot chart of start years.

    Columns: measure_id, hub, start_year (int), red_line, name_en, slot (0, 1, 2, ... within the same
    hub and year, in red-line order) and n_in_cell (how many share that hub and year). Sorted by hub
    (registry order), year, red line and id. Measures without a start year are left out here; count
    them with :func:`timeline`.
    """
    y = years_of(measures)
    hubs, lines = measure_hubs(measures), list(schemas.RED_LINES)
    out = pd.DataFrame(
        {
            "measure_id": measures["measure_id"].astype(str),
            "hub": _codes(measures, "hub"),
            "start_year": y,
            "red_line": _codes(measures, "red_line"),
            "name_en": measures["name_en"].astype(str) if "name_en" in measures else "",
        }
    )
    out = out[out["start_year"].notna()].copy()
    out["start_year"] = out["start_year"].astype("int64")
    out["_h"] = out["hub"].map(hubs.index)
    out["_r"] = out["red_line"].map(lambda v: lines.index(v) if v in lines else len(lines))
    out = out.sort_values(["_h", "start_year", "_r", "measure_id"], kind="mergesort").drop(columns=["_h", "_r"])
    cell = out.groupby(["hub", "start_year"], sort=False)
    out["slot"] = cell.cumcount().astype("int64")
    out["n_in_cell"] = cell["measure_id"].transform("size").astype("int64")
    return out.reset_index(drop=True)


# ------------------------------------------------------------------------------------------ start years

#: The marker in a measure's notes that the start year follows from the source's own date; it is
#: followed by the date and the verbatim sentence that places the start, e.g.
#: ``Start year from the source's date (2023-03): "... de pilot net gestart is ..."``.
SOURCE_DATE_MARK = "Start year from the source's date"

_MARKED = re.compile(re.escape(SOURCE_DATE_MARK) + r'\s*\(([0-9]{4})[^)]*\):\s*"([^"]+)"')


def _blank(value: Any) -> bool:
    return value is None or (not isinstance(value, str) and pd.isna(value))


def start_year_basis(measures: pd.DataFrame) -> pd.Series:
    """Why each measure has its start year: ``quote``, ``source_date`` or ``None`` (no start year).

    The data rule (worded for readers in the template ``measures/start_year_rule``): ``quote``, the
    year is written in the quote; ``source_date``, the notes carry :data:`SOURCE_DATE_MARK` with a
    date in that year and a quoted sentence, and the source's ``published`` date is in that year too.
    A start year with neither raises ``ValueError`` naming the file, row (measure_id), column and value.
    """
    years = years_of(measures)
    out, bad = [], []
    quotes = measures["quote"].fillna("").astype(str)
    notes = measures["notes"].fillna("").astype(str) if "notes" in measures else pd.Series("", index=measures.index)
    published = measures["published"] if "published" in measures else pd.Series(None, index=measures.index)
    for mid, year, quote, note, pub in zip(measures["measure_id"].astype(str), years, quotes, notes, published, strict=True):
        if pd.isna(year):
            out.append(None)
            continue
        y = str(int(year))
        if re.search(rf"(?<!\d){y}(?!\d)", quote):
            out.append("quote")
            continue
        m = _MARKED.search(note)
        pub_year = "" if _blank(pub) else str(pub)[:4]
        if m and m.group(1) == y and pub_year == y:
            out.append("source_date")
            continue
        out.append(None)
        bad.append(f"raw/measures.csv: row {mid}: start_year={y}")
    if bad:
        raise ValueError(
            "start year not supported by the quote or the source's date (rule: the year is written in the quote, "
            f"or the notes carry {SOURCE_DATE_MARK!r} with the sentence and the source is of that year): " + "; ".join(bad)
        )
    return pd.Series(out, index=measures.index, dtype=object)


# ------------------------------------------------------------------------------------------ displacement


#: Words that make a quoted sentence a statement about displacement (Dutch and English stems):
#: verplaatsing(seffecten), waterbed(effect), uitwijken, verschuiven, displacement, and "move (them) to
#: other/another/smaller ...".
DISPLACEMENT_WORDS = re.compile(
    r"verplaats|waterbed|uitwijk|verschui|displace|\bmov\w*\b[^.]{0,25}\b(?:other|another|smaller)\b", re.IGNORECASE
)

_QUOTED = re.compile(r'"([^"]+)"')
_CITED = re.compile(r"\[source:\s*([a-z0-9][a-z0-9_-]*)\]")


@dataclass(frozen=True)
class AimQuote:
    """The verbatim sentence that states a measure's displacement aim, and where it was read.

    ``source_id`` is ``None`` when the sentence is from the measure's own source; otherwise the
    reason names another source as ``[source: <source_id>]``.
    """

    text: str
    source_id: str | None = None


def aim_quote(reason: str | None) -> AimQuote | None:
    """The first quoted passage ("...") of a displacement reason that speaks of displacement.

    A passage counts when it contains one of :data:`DISPLACEMENT_WORDS`; a reason whose quotes are
    about something else (or that has none) gives ``None``.
    """
    text = reason or ""
    cited = _CITED.search(text)
    for m in _QUOTED.finditer(text):
        if DISPLACEMENT_WORDS.search(m.group(1)):
            return AimQuote(m.group(1).strip(), cited.group(1) if cited else None)
    return None


def displacement_kind(hub: str, reason: str | None) -> str:
    """The kind of displacement measure (a :data:`DISPLACEMENT_KINDS` code) from its hub and stated reason.

    Measures for the smaller ports are ``smaller_ports``; a reason whose first sentence is a kind's
    lead (:data:`KIND_LEADS`: "Screening of port personnel. ...") is that kind; otherwise the first
    rule of ``_KIND_RULES`` that matches the reason wins (screening, shipping-line declaration, risk
    countries, smaller ports, monitoring, cross-hub coordination); no match gives ``other``.
    """
    if hub == "other_ports":
        return "smaller_ports"
    text = reason or ""
    lead = text.strip().partition(". ")[0].rstrip(".").lower()
    for code, words in KIND_LEADS.items():
        if lead == words.lower():
            return code
    for kind, pattern in _KIND_RULES:
        if re.search(pattern, text, flags=re.IGNORECASE):
            return kind
    return "other"


def displacement_basis(measures: pd.DataFrame) -> pd.Series:
    """``explicit``, ``related`` or ``None`` per measure; an explicit one without an aim quote raises."""
    reasons = measures["displacement_reason"] if "displacement_reason" in measures else pd.Series(None, index=measures.index)
    out = []
    for mid, flag, reason in zip(measures["measure_id"].astype(str), measures["targets_displacement"].astype(bool), reasons, strict=True):
        reason = None if _blank(reason) else str(reason).strip()
        if flag:
            if aim_quote(reason) is None:
                raise ValueError(
                    f"raw/measures.csv: row {mid}: displacement_reason={reason!r}: targets_displacement is true, "
                    "so the reason must quote (\"...\") the sentence that states the displacement aim"
                )
            out.append("explicit")
        else:
            out.append("related" if reason else None)
    return pd.Series(out, index=measures.index, dtype=object)


def displacement_measures(measures: pd.DataFrame, *, basis: str = "explicit") -> pd.DataFrame:
    """The measures aimed explicitly at displacement (``basis="explicit"``), or only related to it.

    *Explicit*: ``targets_displacement`` is true and ``displacement_reason`` quotes the sentence that
    states the aim (:func:`aim_quote`; a row without one raises ``ValueError``). *Related*:
    ``targets_displacement`` is false but the reason names the kind of measure it belongs to (for
    example screening of port personnel) and says that no source sentence states a displacement aim.
    ``basis="all"`` gives both. Adds ``displacement_kind`` and ``basis``; sorted by kind (vocabulary
    order), basis, hub (registry order) and id.
    """
    check_choice(basis, (*BASES, "all"), what="basis")
    part = measures.assign(basis=displacement_basis(measures))
    part = part[part["basis"].notna() if basis == "all" else part["basis"] == basis].copy()
    part["displacement_kind"] = [
        displacement_kind(str(h), None if pd.isna(r) else str(r))
        for h, r in zip(part["hub"].astype(str), part["displacement_reason"], strict=True)
    ]
    kinds, hubs, bases = list(DISPLACEMENT_KINDS), measure_hubs(measures), list(BASES)
    part["_k"] = part["displacement_kind"].map(kinds.index)
    part["_b"] = part["basis"].map(bases.index)
    part["_h"] = part["hub"].astype(str).map(hubs.index)
    part = part.sort_values(["_k", "_b", "_h", "measure_id"], kind="mergesort").drop(columns=["_k", "_b", "_h"])
    return part.reset_index(drop=True)


def where_counts(measures: pd.DataFrame, *, basis: str = "explicit") -> list[tuple[str, int]]:
    """Where the displacement measures are: ``(hub, count)``, most first, then registry order."""
    part = displacement_measures(measures, basis=basis)
    counts = part["hub"].astype(str).value_counts()
    hubs = measure_hubs(measures)
    ranked = sorted(counts.items(), key=lambda kv: (-kv[1], hubs.index(kv[0]) if kv[0] in hubs else len(hubs)))
    return [(str(h), int(n)) for h, n in ranked]


# ------------------------------------------------------------------------------------------ focus areas


def is_focus_area(measures: pd.DataFrame) -> pd.Series:
    """True for the broad focus areas of the letter of 4 November 2022 (see :data:`FOCUS_AREA_SOURCES`)."""
    return measures["source_id"].astype(str).isin(FOCUS_AREA_SOURCES)


def without_focus_areas(measures: pd.DataFrame) -> pd.DataFrame:
    """The measures minus the letter's broad focus areas: the count with less double counting."""
    return measures[~is_focus_area(measures)].reset_index(drop=True)


def related(measures: pd.DataFrame) -> pd.DataFrame:
    """Pairs of measures whose notes name each other (later steps, possible overlaps).

    Returns measure_id and related_id, one row per measure id found in another measure's notes,
    sorted by both.
    """
    ids = sorted(set(measures["measure_id"].astype(str)), key=len, reverse=True)
    rows = []
    for mid, note in zip(measures["measure_id"].astype(str), measures["notes"].fillna("").astype(str), strict=True):
        for other in ids:
            if other != mid and re.search(rf"(?<![\w-]){re.escape(other)}(?![\w-])", note):
                rows.append((mid, other))
    return pd.DataFrame(sorted(set(rows)), columns=["measure_id", "related_id"])


def note_quote(frame: pd.DataFrame, words: str, *, id_column: str | None = None) -> dict[str, Any]:
    """The first verbatim quote ("...") in a frame's notes that contains ``words``, with its row.

    Returns ``{"id": ..., "quote": ..., "urls": [...]}``: the row's id (``measure_id`` or
    ``record_id`` unless ``id_column`` names another), the quoted text, and any web addresses the
    same note gives. Raises ``LookupError`` when no note quotes such a sentence.
    """
    if id_column is None:
        id_column = next(c for c in ("measure_id", "record_id", "source_id") if c in frame)
    for rid, note in zip(frame[id_column].astype(str), frame["notes"].fillna("").astype(str), strict=True):
        for m in re.finditer(r'"([^"]+)"', note):
            if words in m.group(1):
                urls = [u.rstrip(".,;:") for u in re.findall(r"https?://[^\s)\"]+", note)]
                return {"id": rid, "quote": m.group(1), "urls": urls}
    raise LookupError(f"no note quotes a sentence with {words!r}")


# ------------------------------------------------------------------------------------------ summary


@dataclass(frozen=True)
class RedLineBalance:
    """How evenly the measures spread over the red lines (counts of measures)."""

    low: int
    high: int
    top: list  # the red line(s) with the most measures
    margin: int  # lead of the top red line over the next one (0 on a tie)
    dominant: str | None  # a red line counts as dominant only when it has ``ratio`` times the smallest


def red_line_balance(by_red_line: pd.Series, *, ratio: float = 1.5) -> RedLineBalance:
    """Whether one red line dominates: only when it alone has at least ``ratio`` × the smallest count.

    A presentation rule, not a test: with four categories and a few dozen measures a lead of one or
    two measures is noise, so the text then says that no red line dominates.
    """
    counts = by_red_line.astype("int64")
    if counts.empty:
        raise ValueError("no red lines to compare")
    leaders = top(counts)
    ranked = counts.sort_values(ascending=False, kind="mergesort")
    margin = int(ranked.iloc[0] - ranked.iloc[1]) if len(ranked) > 1 and len(leaders) == 1 else 0
    low, high = int(counts.min()), int(counts.max())
    dominant = leaders[0] if len(leaders) == 1 and high >= ratio * max(low, 1) else None
    return RedLineBalance(low, high, leaders, margin, dominant)


@dataclass(frozen=True)
class MeasureSummary:
    """The numbers the measures page's text is built from (all counts of measures)."""

    n: int
    by_hub: pd.Series
    by_red_line: pd.Series
    by_cooperation: pd.Series
    by_status: pd.Series
    international: int  # international or both
    public_private: int  # public-private or both
    dated: int
    not_dated: int
    by_start_year: pd.Series
    displacement: int
    by_displacement_kind: pd.Series
    focus_areas: int
    without_url: int
    hubs_with_measures: list[str] = field(default_factory=list)
    related_displacement: int = 0  # related to displacement, no sentence states the aim
    by_related_kind: pd.Series = field(default_factory=lambda: pd.Series(dtype="int64"))
    start_year_from_quote: int = 0
    start_year_from_source_date: int = 0


def _kind_counts(measures: pd.DataFrame, basis: str) -> tuple[int, pd.Series]:
    part = displacement_measures(measures, basis=basis)
    return len(part), part["displacement_kind"].value_counts().reindex(list(DISPLACEMENT_KINDS), fill_value=0).astype("int64")


def summary(measures: pd.DataFrame) -> MeasureSummary:
    """Counts of measures per hub, red line, cooperation, status, start year and displacement kind."""

    def counts(col: str) -> pd.Series:
        return _codes(measures, col).value_counts().reindex(categories(col, measures), fill_value=0).astype("int64")

    coop = _codes(measures, "cooperation")
    y = years_of(measures)
    by_year = y.dropna().astype("int64").value_counts().sort_index().astype("int64")
    by_year.index = by_year.index.astype("int64")
    n_disp, by_kind = _kind_counts(measures, "explicit")
    n_rel, by_rel = _kind_counts(measures, "related")
    basis = start_year_basis(measures)
    urls = measures["url"].fillna("").astype(str).str.strip() if "url" in measures else pd.Series("", index=measures.index)
    by_hub = counts("hub")
    return MeasureSummary(
        n=len(measures), by_hub=by_hub, by_red_line=counts("red_line"), by_cooperation=counts("cooperation"),
        by_status=counts("status"), international=int(coop.isin(["international", "both"]).sum()),
        public_private=int(coop.isin(["public_private", "both"]).sum()), dated=int(y.notna().sum()),
        not_dated=int(y.isna().sum()), by_start_year=by_year, displacement=n_disp, by_displacement_kind=by_kind,
        focus_areas=int(is_focus_area(measures).sum()), without_url=int((urls == "").sum()),
        hubs_with_measures=[h for h, v in by_hub.items() if v > 0], related_displacement=n_rel, by_related_kind=by_rel,
        start_year_from_quote=int((basis == "quote").sum()),
        start_year_from_source_date=int((basis == "source_date").sum()),
    )  # fmt: skip


# ------------------------------------------------------------------------------------------ context


def context_series(
    seizures: pd.DataFrame,
    *,
    locations: Mapping[str, str | None] | None = None,
    arrests: Iterable[str] = ("rotterdam",),
) -> pd.DataFrame:
    """Each hub's annual cocaine seizures (kg) and the extractor arrests, to set next to its measures (long).

    One row per hub, location, metric (``cocaine_kg``, ``extractor_arrests``) and year, as chosen by
    :func:`mainports_analysis.data.series.annual` (preferred series and figure); years without a
    figure are absent. ``locations`` maps hub → series location (default :data:`HUB_SERIES`); an
    unknown hub or location raises with a suggestion. Columns: hub, location, metric, year, value,
    series, record_id, publisher. (The wide years × hubs form of one metric is
    :func:`mainports_analysis.analysis.hubs.hub_series`.)
    """
    reg = registry()
    mapping = dict(HUB_SERIES if locations is None else locations)
    hub_of = {reg.check_location(loc, what="series location"): reg.check_hub(hub) for hub, loc in mapping.items() if loc}
    parts = []
    kg = annual(seizures, metric="cocaine_kg", locations=list(hub_of))
    if len(kg):
        parts.append(kg.assign(metric="cocaine_kg"))
    arrest_locs = list(arrests)
    if arrest_locs:
        ar = annual(seizures, metric="extractor_arrests", locations=arrest_locs)
        if len(ar):
            parts.append(ar.assign(metric="extractor_arrests"))
    cols = ["hub", "location", "metric", "year", "value", "series", "record_id", "publisher"]
    if not parts:
        return pd.DataFrame(columns=cols)
    out = pd.concat(parts, ignore_index=True)
    out["hub"] = out["location"].map(lambda loc: hub_of.get(loc) or reg.hub_of(loc))
    hubs = measure_hubs()
    out["_h"] = out["hub"].map(lambda h: hubs.index(h) if h in hubs else len(hubs))
    out = out.sort_values(["metric", "_h", "location", "year"], kind="mergesort")
    return out[cols].reset_index(drop=True)


def peak(series: pd.DataFrame, location: str, metric: str = "cocaine_kg") -> tuple[int, float]:
    """The year with the highest value of a location's series, and that value (earliest year on a tie)."""
    registry().check_location(location)
    check_choice(metric, schemas.SEIZURE_METRICS, what="metric")
    part = series[(series["location"].astype(str) == location) & (series["metric"].astype(str) == metric)]
    if part.empty:
        raise ValueError(f"no {metric} figures for {location!r}")
    part = part.sort_values(["value", "year"], ascending=[False, True], kind="mergesort")
    return int(part["year"].iloc[0]), float(part["value"].iloc[0])
