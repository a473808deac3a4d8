"""The measures of the mainports approach: what is being done, where, along which red line.

The approach is organised along four *red lines* (rode lijnen): barriers (barrièrevorming),
resilience of people and processes (weerbaarheid), supervision and enforcement (toezicht en
handhaving) and the information position (informatiepositie). This module holds that vocabulary and
the vocabularies of cooperation, status and displacement, each with a Dutch and an English label,
and the small computations the measures notebook shows:

- :func:`count_by` -- how many measures per hub and red line (or any two categories), complete with
  zeros, hubs in registry order and categories in vocabulary order;
- :func:`timeline`, :func:`dated` -- when measures started; a missing start year is counted as
  *not stated*, never guessed. :func:`start_year_basis` checks the data rule behind every start
  year (:data:`START_YEAR_RULE`): the year is written in the quote, or the source's own date places
  the start and the notes quote the sentence that says so;
- :func:`displacement_measures`, :func:`displacement_table` -- which measures aim *explicitly* at
  displacement between hubs (a quoted sentence states the aim, :func:`aim_quote`), and which are
  only *related* (a kind of measure linked to displacement, without such a sentence);
- :func:`measures_table` -- the display table of every measure with a link to its source, shown in
  the site as a searchable, sortable table with itables (offline mode, fixed table id);
- :func:`summary`, :func:`red_line_balance`, :func:`structural_money` -- the numbers the notebook's
  text is built from, and the sentences built from them (:func:`red_lines_title`, ...);
- :func:`audit_money`, :func:`unspent_share` -- the Court of Audit's money figures;
- :func:`export_red_lines`, :func:`export_timeline`, :func:`export_series` -- the per-figure CSVs,
  with a hub column and a unit column.

Drawing is in :mod:`mainports_analysis.report.charts.measures`; this module imports only pandas.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

import pandas as pd

from mainports_analysis.data import schemas
from mainports_analysis.data.registry import registry
from mainports_analysis.data.series import annual

__all__ = [
    "BASES",
    "COOPERATION",
    "DISPLACEMENT_WORDS",
    "SERIES_UNITS",
    "SOURCE_DATE_MARK",
    "START_YEAR_RULE",
    "AimQuote",
    "RedLineBalance",
    "StructuralMoney",
    "aim_quote",
    "cooperation_html",
    "displacement_html",
    "export_red_lines",
    "export_series",
    "export_timeline",
    "listing",
    "reason_text",
    "red_line_balance",
    "red_lines_sentence",
    "displacement_where",
    "red_lines_title",
    "source_of",
    "start_year_basis",
    "structural_money",
    "timeline_title",
    "DISPLACEMENT_KINDS",
    "FOCUS_AREA_SOURCES",
    "HUB_SERIES",
    "LANGS",
    "NO_URL",
    "NOT_STATED",
    "RED_LINES",
    "STATUSES",
    "TOTAL",
    "VOCABULARIES",
    "MeasureSummary",
    "Term",
    "audit_money",
    "categories",
    "count_by",
    "dated",
    "displacement_kind",
    "displacement_measures",
    "displacement_table",
    "is_focus_area",
    "label",
    "measure_hubs",
    "hub_series",
    "measures_table",
    "note_quote",
    "peak",
    "programme_starts",
    "related",
    "source_link",
    "summary",
    "timeline",
    "top",
    "unspent_share",
    "without_focus_areas",
]

LANGS = ("en", "nl")


@dataclass(frozen=True)
class Term:
    """One category of a vocabulary: its code in the data, its Dutch and English label, a colour."""

    code: str
    nl: str
    en: str
    colour: str = ""

    def label(self, lang: str = "en") -> str:
        """The label in English (``"en"``) or Dutch (``"nl"``)."""
        return self.nl if _lang(lang) == "nl" else self.en


def _vocab(*terms: Term) -> dict[str, Term]:
    return {t.code: t for t in terms}


#: The four red lines of the approach, in the order of the letter of 4 November 2022. Colours: Paul
#: Tol's colour-blind-safe "muted" scheme (Tol 2021, SRON/EPS/TN/09-002), distinct from the hub colours.
RED_LINES: dict[str, Term] = _vocab(
    Term("barriers", "barrièrevorming", "barriers", "#332288"),
    Term("resilience", "weerbaarheid van personen en processen", "resilience of people and processes", "#DDCC77"),
    Term("supervision_enforcement", "toezicht en handhaving", "supervision and enforcement", "#882255"),
    Term("information_position", "informatiepositie", "information position", "#44AA99"),
)

#: Who works together on a measure, as the source states it (``none``: the source names no partner).
COOPERATION: dict[str, Term] = _vocab(
    Term("international", "internationaal", "international"),
    Term("public_private", "publiek-privaat", "public–private"),
    Term("both", "internationaal en publiek-privaat", "international and public–private"),
    Term("none", "geen samenwerking genoemd", "none named"),
)

#: How far a measure had got when its source was written.
STATUSES: dict[str, Term] = _vocab(
    Term("announced", "aangekondigd", "announced"),
    Term("pilot", "pilot", "pilot"),
    Term("in_force", "van kracht", "in force"),
    Term("completed", "afgerond", "completed"),
    Term("unknown", "onbekend", "unknown"),
)

#: The kinds of measure that aim explicitly at displacement between hubs (see
#: :func:`displacement_kind`); ``other`` catches a reason that none of the rules recognises.
DISPLACEMENT_KINDS: dict[str, Term] = _vocab(
    Term("cross_hub", "afstemming tussen knooppunten en havens", "cross-hub coordination"),
    Term("screening", "screening van havenpersoneel", "screening of port personnel"),
    Term("risk_containers", "controle van containers uit risicolanden", "checks on containers from risk countries"),
    Term("shipping_lines", "verklaring met de rederijen", "shipping-line declaration"),
    Term("smaller_ports", "aanpak kleinere havens", "smaller-ports approach"),
    Term("monitoring", "monitoring van verplaatsing", "monitoring of displacement"),
    Term("other", "overig", "other"),
)

_YES_NO: dict[bool, Term] = {True: Term("yes", "ja", "yes"), False: Term("no", "nee", "no")}

#: Every vocabulary, keyed by the column of ``load_measures()`` it describes.
VOCABULARIES: dict[str, dict[str, Term]] = {
    "red_line": RED_LINES,
    "cooperation": COOPERATION,
    "status": STATUSES,
    "displacement_kind": DISPLACEMENT_KINDS,
}

#: The row and column of totals in :func:`count_by` and :func:`timeline`.
TOTAL = Term("total", "totaal", "total")
#: The column of measures whose source states no start year (:func:`timeline`).
NOT_STATED = Term("not_stated", "startjaar niet vermeld", "start year not stated")
#: What the source cell says when a source has no public URL.
NO_URL = {"en": "no public copy found", "nl": "geen openbare kopie gevonden"}

#: Sources whose measures are the broad focus areas of the letter of 4 November 2022; later rows
#: are often concrete steps under them, so counting both double counts (data/README.md).
FOCUS_AREA_SOURCES = ("jenv-2022-11-kamerbrief-mainports",)

#: Hub ids that are budget lines, not places where measures are taken.
_BUDGET_ONLY = ("reservation", "total")

#: Rules that classify a displacement measure, tried in order against its hub and
#: ``displacement_reason`` (case-insensitive regular expressions).
_KIND_RULES: tuple[tuple[str, str], ...] = (
    ("screening", r"screening"),
    ("shipping_lines", r"shipping.line declaration"),
    ("risk_containers", r"risk.countr"),
    ("smaller_ports", r"smaller.ports|northern ports|kleinere havens"),
    ("monitoring", r"monitoring"),
    ("cross_hub", r"cross.hub|coordinat|spanning ports|between hubs|knooppunten"),
)

_HEADERS = {
    "en": {
        "hub": "Hub", "measure": "Measure", "red_line": "Red line", "cooperation": "Cooperation",
        "start_year": "Start year", "status": "Status", "targets_displacement": "Targets displacement",
        "source": "Source", "displacement_kind": "Kind", "displacement_reason": "Why it counts",
        "basis": "Displacement",
    },
    "nl": {
        "hub": "Knooppunt", "measure": "Maatregel", "red_line": "Rode lijn", "cooperation": "Samenwerking",
        "start_year": "Startjaar", "status": "Status", "targets_displacement": "Gericht op verplaatsing",
        "source": "Bron", "displacement_kind": "Soort", "displacement_reason": "Waarom",
        "basis": "Verplaatsing",
    },
}  # fmt: skip


# ------------------------------------------------------------------------------------------ vocabulary


def _lang(lang: str) -> str:
    if lang not in LANGS:
        raise ValueError(f"lang must be one of {LANGS}, not {lang!r}")
    return lang


def label(code: Any, lang: str = "en") -> str:
    """The Dutch or English label of a red line, cooperation, status, displacement kind or hub code.

    ``True``/``False`` (targets displacement) read yes/no; :data:`TOTAL` and :data:`NOT_STATED` codes
    their own labels. An unknown code raises ``KeyError``.
    """
    _lang(lang)
    if isinstance(code, bool):
        return _YES_NO[code].label(lang)
    for vocab in VOCABULARIES.values():
        if code in vocab:
            return vocab[code].label(lang)
    if code == TOTAL.code:
        return TOTAL.label(lang)
    if code == NOT_STATED.code:
        return NOT_STATED.label(lang)
    reg = registry()
    if code in reg.hubs:
        return reg.label(code, lang)
    raise KeyError(f"no label for {code!r}")


def measure_hubs(measures: pd.DataFrame | None = None) -> list[str]:
    """The hub ids measures can belong to, in registry order (budget-only lines left out).

    A hub a measure carries that is not in that list is appended rather than dropped.
    """
    hubs = [h for h in registry().hubs if h not in _BUDGET_ONLY]
    if measures is not None and "hub" in measures:
        extra = sorted(set(measures["hub"].dropna().astype(str)) - set(hubs))
        hubs += extra
    return hubs


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
    if dimension in VOCABULARIES:
        cats = list(VOCABULARIES[dimension])
        if measures is not None and dimension in measures:
            unknown = sorted(set(_codes(measures, dimension)) - set(cats))
            if unknown:
                raise ValueError(f"{dimension}: values outside the vocabulary: {', '.join(unknown)}")
        return cats
    if measures is None or dimension not in measures:
        raise KeyError(f"no categories known for {dimension!r}")
    return sorted(set(_codes(measures, dimension)))


def _codes(measures: pd.DataFrame, column: str) -> pd.Series:
    """A column as plain Python values (str codes, bools), categoricals undone."""
    if column not in measures:
        raise KeyError(f"measures have no column {column!r}")
    s = measures[column]
    if column == "targets_displacement":
        return s.astype(bool)
    return s.astype(object).where(s.notna(), None).map(lambda v: v if v is None else str(v))


def top(counts: pd.Series) -> list:
    """The categories with the highest count (several when tied), in the series' order."""
    if counts.empty:
        return []
    return [k for k, v in counts.items() if v == counts.max()]


# ------------------------------------------------------------------------------------------ counting


def _cap(text: str) -> str:
    """First letter upper-case, for a label that starts a table cell or heading."""
    return text[:1].upper() + text[1:]


def _relabel(table: pd.DataFrame, lang: str | None) -> pd.DataFrame:
    """Codes to capitalised labels in ``lang`` (years stay years); ``None`` keeps the codes."""
    if lang is None:
        return table
    out = table.copy()
    out.index = [_cap(label(k, lang)) for k in out.index]
    out.columns = [_cap(label(k, lang)) if isinstance(k, str | bool) else str(k) for k in out.columns]
    out.index.name = _HEADERS[lang].get(table.index.name, table.index.name)
    out.columns.name = _HEADERS[lang].get(table.columns.name, table.columns.name)
    return out


def _with_totals(table: pd.DataFrame) -> pd.DataFrame:
    out = table.copy()
    out[TOTAL.code] = out.sum(axis=1)
    out.loc[TOTAL.code] = out.sum(axis=0)
    return out


def count_by(
    measures: pd.DataFrame,
    rows: str = "hub",
    cols: str = "red_line",
    *,
    totals: bool = False,
    lang: str | None = None,
) -> pd.DataFrame:
    """How many measures fall in each combination of two categories (default: hub × red line).

    The table is complete: every hub (registry order) and every category (vocabulary order) is there,
    with 0 where no measure falls. ``totals=True`` adds a ``total`` row and column. ``lang`` ("en"/"nl")
    replaces the codes by labels; ``None`` keeps the codes.
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
    if totals:
        table = _with_totals(table)
    return _relabel(table, lang)


def _years(measures: pd.DataFrame) -> pd.Series:
    """Start years as a float series (NaN = not stated); a non-integer year raises."""
    years = pd.to_numeric(measures["start_year"].astype(object), errors="coerce").astype("float64")
    bad = measures["start_year"].notna() & years.isna() | (years.notna() & (years % 1 != 0))
    if bad.any():
        raise ValueError(f"start_year is not a year in {int(bad.sum())} rows")
    return years


def timeline(
    measures: pd.DataFrame,
    *,
    rows: str = "hub",
    years: Iterable[int] | None = None,
    totals: bool = False,
    lang: str | None = None,
) -> pd.DataFrame:
    """How many measures started in each year, per hub (or another category).

    Columns are every year from the first to the last stated start year (or ``years``), with 0 for a
    year in which no measure started, then ``not_stated``: measures whose source gives no start
    year. Those are counted there and never assigned to a year.
    """
    y = _years(measures)
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
    table[NOT_STATED.code] = r[y.isna()].value_counts().reindex(row_cats, fill_value=0).astype("int64").to_numpy()
    table.index.name, table.columns.name = rows, "start_year"
    if totals:
        table = _with_totals(table)
    return _relabel(table, lang)


def dated(measures: pd.DataFrame) -> pd.DataFrame:
    """The measures with a stated start year, one row each, for a dot chart of start years.

    Columns: measure_id, hub, start_year (int), red_line, name_en, slot (0, 1, 2, ... within the same
    hub and year, in red-line order) and n_in_cell (how many share that hub and year). Sorted by hub
    (registry order), year, red line and id. Measures without a start year are left out here; count
    them with :func:`timeline`.
    """
    y = _years(measures)
    hubs, lines = measure_hubs(measures), list(RED_LINES)
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

#: The data rule for ``start_year``, stated once for the notebook, the caveats and the docs.
START_YEAR_RULE = {
    "en": (
        "A measure has a start year only when the year is written in the quoted sentence, or when the source's own "
        "date places the start (the source reports the start, signing or funding as news of that date, and the notes "
        "quote the sentence that says so). Plans, announcements of later steps and years taken from other reports "
        "leave the start year empty; the year they mention is kept in the notes."
    ),
    "nl": (
        "Een maatregel heeft alleen een startjaar als het jaar in de geciteerde zin staat, of als de datum van de bron "
        "zelf de start vastlegt (de bron meldt de start, ondertekening of financiering als nieuws van die datum, en de "
        "toelichting citeert de zin die dat zegt). Plannen, aankondigingen van latere stappen en jaren uit andere "
        "berichten laten het startjaar leeg; het genoemde jaar staat dan in de toelichting."
    ),
}

_MARKED = re.compile(re.escape(SOURCE_DATE_MARK) + r'\s*\(([0-9]{4})[^)]*\):\s*"([^"]+)"')


def start_year_basis(measures: pd.DataFrame) -> pd.Series:
    """Why each measure has its start year: ``quote``, ``source_date`` or ``None`` (no start year).

    ``quote``: the year is written in the quote. ``source_date``: the notes carry
    :data:`SOURCE_DATE_MARK` with a date in that year and a quoted sentence, and the source's
    ``published`` date is in that year too. A start year with neither raises ``ValueError`` naming
    the file, row (measure_id), column and value: the rule of :data:`START_YEAR_RULE` is broken.
    """
    years = _years(measures)
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
        pub_year = str(pub)[:4] if pub is not None and not (not isinstance(pub, str) and pd.isna(pub)) else ""
        if m and m.group(1) == y and pub_year == y:
            out.append("source_date")
            continue
        out.append(None)
        bad.append(f"raw/measures.csv: row {mid}: start_year={y}")
    if bad:
        raise ValueError(
            "start year not supported by the quote or the source's date "
            f"(rule: {START_YEAR_RULE['en'][:60]}...): " + "; ".join(bad)
        )
    return pd.Series(out, index=measures.index, dtype=object)


# ------------------------------------------------------------------------------------------ displacement


#: Words that make a quoted sentence a statement about displacement (Dutch and English stems):
#: verplaatsing(seffecten), waterbed(effect), uitwijken, verschuiven, displacement, and "move (them) to
#: other/another/smaller ...".
DISPLACEMENT_WORDS = re.compile(
    r"verplaats|waterbed|uitwijk|verschui|displace|\bmov\w*\b[^.]{0,25}\b(?:other|another|smaller)\b", re.IGNORECASE
)

#: The two grounds a measure can have in the displacement tables.
BASES: dict[str, Term] = _vocab(
    Term("explicit", "expliciet gericht op verplaatsing", "explicitly aimed at displacement"),
    Term("related", "verwant, niet expliciet", "related, not explicit"),
)

_QUOTED = re.compile(r'"([^"]+)"')
_CITED = re.compile(r"\[source:\s*([a-z0-9][a-z0-9_-]*)\]")
_RELATED_PREFIX = re.compile(r"^\s*Related, not explicit:\s*", re.IGNORECASE)


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
    English label ("Screening of port personnel. ...") is that kind; otherwise the first rule of
    ``_KIND_RULES`` that matches the reason wins (screening, shipping-line declaration, risk countries, smaller ports,
    monitoring, cross-hub coordination); no match gives ``other``.
    """
    if hub == "other_ports":
        return "smaller_ports"
    text = reason or ""
    lead = text.strip().partition(". ")[0].rstrip(".").lower()
    for code, term in DISPLACEMENT_KINDS.items():
        if code != "other" and lead == term.en.lower():
            return code
    for kind, pattern in _KIND_RULES:
        if re.search(pattern, text, flags=re.IGNORECASE):
            return kind
    return "other"


def _basis(measures: pd.DataFrame) -> pd.Series:
    """``explicit``, ``related`` or ``None`` per measure; an explicit one without an aim quote raises."""
    reasons = measures["displacement_reason"] if "displacement_reason" in measures else pd.Series(None, index=measures.index)
    out = []
    for mid, flag, reason in zip(measures["measure_id"].astype(str), measures["targets_displacement"].astype(bool), reasons, strict=True):
        reason = None if reason is None or (not isinstance(reason, str) and pd.isna(reason)) else str(reason).strip()
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
    if basis not in (*BASES, "all"):
        raise ValueError(f"basis must be one of {(*BASES, 'all')}, not {basis!r}")
    part = measures.assign(basis=_basis(measures))
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


def _curly(text: str) -> str:
    """Straight double quotes to typographic ones (“...”), for display."""
    return _QUOTED.sub(lambda m: f"“{m.group(1)}”", text)


def reason_text(reason: str | None, *, sources: pd.DataFrame | None = None, lang: str = "en") -> str:
    """A displacement reason for display, as HTML: the kind sentence and the ``Related`` prefix dropped.

    Quotes become “...”; a ``[source: id]`` citation becomes a link to that source (``sources``
    must then be given, else ``ValueError``). The rest of the text is escaped.
    """
    text = (reason or "").strip()
    head, _, rest = text.partition(". ")
    if rest and any(head.lower() == t.en.lower() for t in DISPLACEMENT_KINDS.values()):
        text = rest
    text = _RELATED_PREFIX.sub("", text)
    cited = _CITED.search(text)
    link = ""
    if cited:
        if sources is None:
            raise ValueError(f"the reason cites [source: {cited.group(1)}]; pass sources= to link it")
        link = " (" + source_link(source_of(sources, cited.group(1)), lang) + ")"
        text = _CITED.sub("", text).rstrip()
    text = _cap(text)
    return html.escape(_curly(text), quote=False) + link


def displacement_table(
    measures: pd.DataFrame, lang: str = "en", *, basis: str = "explicit", sources: pd.DataFrame | None = None
) -> pd.DataFrame:
    """The displacement measures for display: kind, hub, measure, why it counts, source (HTML link).

    ``Why it counts`` is the data's ``displacement_reason`` (written in English) through
    :func:`reason_text`: for an explicit measure the verbatim sentence that states the aim, for a
    related one why it is only related. Index: measure_id (not for display).
    """
    part = displacement_measures(measures, basis=basis)
    head = _HEADERS[_lang(lang)]
    out = pd.DataFrame(
        {
            head["displacement_kind"]: [_cap(label(k, lang)) for k in part["displacement_kind"]],
            head["hub"]: [label(str(h), lang) for h in part["hub"]],
            head["measure"]: part["name_nl" if lang == "nl" else "name_en"].astype(str).map(html.escape).to_numpy(),
            head["displacement_reason"]: [reason_text(None if pd.isna(r) else str(r), sources=sources, lang=lang)
                                          for r in part["displacement_reason"]],
            head["source"]: [source_link(r, lang) for _, r in part.iterrows()],
        },
        index=pd.Index(part["measure_id"].astype(str).to_numpy(), name="measure_id"),
    )
    return out


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


# ------------------------------------------------------------------------------------------ display


def _text(value: Any) -> str:
    return "" if value is None or (not isinstance(value, str) and pd.isna(value)) else str(value)


def source_link(source: Mapping[str, Any] | pd.Series, lang: str = "en", *, fmt: str = "html") -> str:
    """A source as a link: ``<a href="url">publisher</a>`` (``fmt="html"``) or ``[publisher](url)`` (markdown).

    ``source`` needs url, publisher and title (and may have published and quote: the date follows the
    link, the quote is the link's tooltip). Without a URL the title and publisher are shown without a
    link and the text says so (:data:`NO_URL`).
    """
    _lang(lang)
    url, publisher = _text(source.get("url")).strip(), _text(source.get("publisher")).strip()
    title, published = _text(source.get("title")).strip(), _text(source.get("published")).strip()
    quote = _text(source.get("quote")).strip()
    if fmt == "markdown":
        date = f", {published}" if published else ""
        if url:
            return f"[{publisher}: “{title}”]({url}){date}"
        return f"{publisher}: “{title}”{date} ({NO_URL[lang]})"
    if fmt != "html":
        raise ValueError(f"fmt must be 'html' or 'markdown', not {fmt!r}")
    date = f", {html.escape(published)}" if published else ""
    if url:
        tip = f' title="{html.escape(quote)}"' if quote else ""
        return f'<a href="{html.escape(url)}"{tip}>{html.escape(publisher)}</a>{date}'
    return f"{html.escape(title)} — {html.escape(publisher)}{date} ({NO_URL[lang]})"


def source_of(sources: pd.DataFrame, source_id: str) -> pd.Series:
    """The row of ``sources`` with this ``source_id``; an unknown id raises ``KeyError`` naming it."""
    hit = sources.loc[sources["source_id"].astype(str) == str(source_id)]
    if hit.empty:
        raise KeyError(f"raw/sources.csv has no source_id {source_id!r}")
    return hit.iloc[0]


def measures_table(measures: pd.DataFrame, lang: str = "en") -> pd.DataFrame:
    """Every measure for display, one row each, indexed by measure_id (the index is not for display).

    Columns (labels in ``lang``): hub, measure, source (an HTML link to the source with the quote as
    tooltip, or its title and publisher marked "no public copy found"), red line, cooperation, start
    year ("start year not stated" when the source gives none), status, and displacement (explicitly
    aimed at it, related, or no: :func:`displacement_measures`). Sorted by hub (registry order), red
    line (vocabulary order) and id. Text is HTML-escaped.
    """
    head = _HEADERS[_lang(lang)]
    hubs, lines = measure_hubs(measures), list(RED_LINES)
    order = measures.assign(
        _h=measures["hub"].astype(str).map(hubs.index),
        _r=measures["red_line"].astype(str).map(lines.index),
        _id=measures["measure_id"].astype(str),
        _basis=_basis(measures),
    ).sort_values(["_h", "_r", "_id"], kind="mergesort")
    years = _years(order)
    not_stated = _cap(NOT_STATED.label(lang))
    out = pd.DataFrame(
        {
            head["hub"]: [label(str(h), lang) for h in order["hub"]],
            head["measure"]: order["name_nl" if lang == "nl" else "name_en"].astype(str).map(html.escape).to_numpy(),
            head["source"]: [source_link(r, lang) for _, r in order.iterrows()],
            head["red_line"]: [_cap(label(str(v), lang)) for v in order["red_line"]],
            head["cooperation"]: [_cap(label(str(v), lang)) for v in order["cooperation"]],
            head["start_year"]: [not_stated if pd.isna(v) else str(int(v)) for v in years],
            head["status"]: [_cap(label(str(v), lang)) for v in order["status"]],
            head["basis"]: [_cap(BASES[b].label(lang)) if b else _cap(label(False, lang)) for b in order["_basis"]],
        },
        index=pd.Index(order["_id"].to_numpy(), name="measure_id"),
    )
    return out


# ------------------------------------------------------------------------------------------ summary


@dataclass(frozen=True)
class MeasureSummary:
    """The numbers the measures notebook's text is built from (all counts of measures)."""

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


def summary(measures: pd.DataFrame) -> MeasureSummary:
    """Counts of measures per hub, red line, cooperation, status, start year and displacement kind."""
    def counts(col: str) -> pd.Series:
        cats = categories(col, measures)
        return _codes(measures, col).value_counts().reindex(cats, fill_value=0).astype("int64")

    coop = _codes(measures, "cooperation")
    y = _years(measures)
    known = y.dropna().astype("int64")
    by_year = known.value_counts().sort_index().astype("int64")
    by_year.index = by_year.index.astype("int64")
    disp = displacement_measures(measures)
    by_kind = disp["displacement_kind"].value_counts().reindex(list(DISPLACEMENT_KINDS), fill_value=0).astype("int64")
    rel = displacement_measures(measures, basis="related")
    by_rel = rel["displacement_kind"].value_counts().reindex(list(DISPLACEMENT_KINDS), fill_value=0).astype("int64")
    basis = start_year_basis(measures)
    urls = measures["url"].fillna("").astype(str).str.strip() if "url" in measures else pd.Series("", index=measures.index)
    by_hub = counts("hub")
    return MeasureSummary(
        n=len(measures),
        by_hub=by_hub,
        by_red_line=counts("red_line"),
        by_cooperation=counts("cooperation"),
        by_status=counts("status"),
        international=int(coop.isin(["international", "both"]).sum()),
        public_private=int(coop.isin(["public_private", "both"]).sum()),
        dated=int(y.notna().sum()),
        not_dated=int(y.isna().sum()),
        by_start_year=by_year,
        displacement=len(disp),
        by_displacement_kind=by_kind,
        focus_areas=int(is_focus_area(measures).sum()),
        without_url=int((urls == "").sum()),
        hubs_with_measures=[h for h, v in by_hub.items() if v > 0],
        related_displacement=len(rel),
        by_related_kind=by_rel,
        start_year_from_quote=int((basis == "quote").sum()),
        start_year_from_source_date=int((basis == "source_date").sum()),
    )


# ------------------------------------------------------------------------------------------ audit


def _audit_rows(audit: pd.DataFrame, metric: str) -> pd.DataFrame:
    return audit[audit["metric"].astype(str) == metric]


def audit_money(audit: pd.DataFrame, lang: str = "en") -> pd.DataFrame:
    """The Court of Audit's money figures, one row per published figure, with hub names.

    Columns: record_id, metric, hubs (labels, comma-separated), n_hubs, period ("2022–2023"),
    period_start, period_end, amount_eur_mln, source_id. Sorted by the order allocated, received, spent, unspent.
    """
    _lang(lang)
    metrics = list(schemas.AUDIT_METRICS)
    out = pd.DataFrame(
        {
            "record_id": audit["record_id"].astype(str).to_numpy(),
            "metric": audit["metric"].astype(str).to_numpy(),
            "hubs": [", ".join(label(h, lang) for h in str(v).split("|")) for v in audit["hubs"]],
            "n_hubs": [len(str(v).split("|")) for v in audit["hubs"]],
            "period": [
                str(int(a)) if int(a) == int(b) else f"{int(a)}–{int(b)}"
                for a, b in zip(audit["period_start"], audit["period_end"], strict=True)
            ],
            "period_start": audit["period_start"].astype("int64").to_numpy(),
            "period_end": audit["period_end"].astype("int64").to_numpy(),
            "amount_eur_mln": audit["amount_eur_mln"].astype("float64").to_numpy(),
            "source_id": audit["source_id"].astype(str).to_numpy(),
        }
    )
    out["_m"] = out["metric"].map(metrics.index)
    return out.sort_values(["_m", "record_id"], kind="mergesort").drop(columns="_m").reset_index(drop=True)


def unspent_share(audit: pd.DataFrame) -> float:
    """The share of the money received that was still unspent, for the same hubs and period.

    Computed here (unspent ÷ received); it is not a published figure. Raises ``ValueError`` unless
    exactly one received and one unspent figure cover the same hubs and period.
    """
    key = ["hubs", "period_start", "period_end"]
    rec, uns = _audit_rows(audit, "received"), _audit_rows(audit, "unspent")
    pairs = rec.astype({k: str for k in key}).merge(uns.astype({k: str for k in key}), on=key, suffixes=("_r", "_u"))
    if len(pairs) != 1:
        raise ValueError(f"need one received and one unspent figure for the same hubs and period, found {len(pairs)}")
    received, unspent = float(pairs["amount_eur_mln_r"].iloc[0]), float(pairs["amount_eur_mln_u"].iloc[0])
    if received <= 0:
        raise ValueError("received must be positive")
    return unspent / received


# ------------------------------------------------------------------------------------------ context


#: The published seizure series that stands for each funded hub next to its measures (the flower
#: auctions have none: no annual total is published).
HUB_SERIES: dict[str, str | None] = {
    "rotterdam": "rotterdam",
    "zwb": "vlissingen",
    "schiphol": "schiphol",
    "nzkg": "nzkg_ports",
    "flower_auctions": None,
}


def hub_series(
    seizures: pd.DataFrame,
    *,
    locations: Mapping[str, str | None] | None = None,
    arrests: Iterable[str] = ("rotterdam",),
) -> pd.DataFrame:
    """Each hub's annual cocaine seizures (kg) and the extractor arrests, to set next to its measures.

    One row per hub, location, metric (``cocaine_kg``, ``extractor_arrests``) and year, as chosen by
    :func:`mainports_analysis.data.series.annual` (preferred series and figure); years without a figure are
    absent. Columns: hub, location, metric, year, value, series, record_id, publisher.
    """
    mapping = dict(HUB_SERIES if locations is None else locations)
    hub_of = {loc: hub for hub, loc in mapping.items() if loc}
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
    reg = registry()
    out["hub"] = out["location"].map(lambda loc: hub_of.get(loc) or reg.hub_of(loc))
    hubs = measure_hubs()
    out["_h"] = out["hub"].map(lambda h: hubs.index(h) if h in hubs else len(hubs))
    out = out.sort_values(["metric", "_h", "location", "year"], kind="mergesort")
    return out[cols].reset_index(drop=True)


def peak(series: pd.DataFrame, location: str, metric: str = "cocaine_kg") -> tuple[int, float]:
    """The year with the highest value of a location's series, and that value (earliest year on a tie)."""
    part = series[(series["location"].astype(str) == location) & (series["metric"].astype(str) == metric)]
    if part.empty:
        raise ValueError(f"no {metric} figures for {location!r}")
    part = part.sort_values(["value", "year"], ascending=[False, True], kind="mergesort")
    return int(part["year"].iloc[0]), float(part["value"].iloc[0])


def programme_starts(allocations: pd.DataFrame, programme: str = "mainports") -> dict[str, int]:
    """The first year of each kind of money (incidental, structural, ...) of a programme."""
    part = allocations[allocations["programme"].astype(str) == programme]
    years = part.groupby(part["kind"].astype(str))["year"].min()
    return {str(k): int(v) for k, v in sorted(years.items(), key=lambda kv: (int(kv[1]), str(kv[0])))}


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


# ------------------------------------------------------------------------------------------ sentences

_AND = {"en": "and", "nl": "en"}


def listing(items: Iterable[Any], lang: str = "en") -> str:
    """Items as running text: ``a``, ``a and b``, ``a, b and c`` (Dutch: ``en``); empty gives ``""``."""
    words = [str(i) for i in items]
    if len(words) <= 1:
        return "".join(words)
    return ", ".join(words[:-1]) + f" {_AND[_lang(lang)]} " + words[-1]


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


def red_lines_title(s: MeasureSummary, lang: str = "en") -> str:
    """The title of the hub × red line chart: the largest group, and whether a red line dominates."""
    biggest = top(s.by_hub)
    who = listing([label(h, lang) for h in biggest], lang)
    n_top = int(s.by_hub[biggest[0]])
    b = red_line_balance(s.by_red_line)
    if lang == "nl":
        lines = (f"{label(b.dominant, 'nl')} is de vaakst genoemde rode lijn ({b.high} van {s.n})" if b.dominant
                 else f"geen rode lijn overheerst ({b.low}–{b.high} elk)")  # fmt: skip
        return f"{who}: grootste groep ({n_top} van {s.n}); {lines}"
    lines = (f"{label(b.dominant)} is the most frequent red line ({b.high} of {s.n})" if b.dominant
             else f"no red line dominates ({b.low}–{b.high} each)")  # fmt: skip
    return f"{who}: largest group ({n_top} of {s.n}); {lines}"


def red_lines_sentence(s: MeasureSummary, *, bold: bool = False) -> str:
    """Two sentences on the spread over the red lines, in English (see :func:`red_line_balance`).

    The first states the finding ("No red line dominates." / "X dominates."); ``bold`` sets it in
    Markdown bold, for a findings list.
    """
    b = red_line_balance(s.by_red_line)
    if b.dominant:
        head = f"{_cap(label(b.dominant))} dominates."
        rest = f"It has {b.high} of the {s.n} measures, against {b.low} for the smallest red line."
    else:
        head = "No red line dominates."
        rest = f"Each has between {b.low} and {b.high} measures."
        if len(b.top) == 1:
            rest += (f" {_cap(label(b.top[0]))} leads by {b.margin} measure{'s' if b.margin != 1 else ''}, "
                     "too few to call it dominant.")  # fmt: skip
    return (f"**{head}**" if bold else head) + " " + rest


def displacement_where(measures: pd.DataFrame, *, basis: str = "explicit") -> str:
    """Where the displacement measures are, most first: ``"Overarching measures: 4; Other Dutch ports: 3"``."""
    part = displacement_measures(measures, basis=basis)
    counts = part["hub"].astype(str).value_counts()
    hubs = measure_hubs(measures)
    ranked = sorted(counts.items(), key=lambda kv: (-kv[1], hubs.index(kv[0]) if kv[0] in hubs else len(hubs)))
    return "; ".join(f"{label(h)}: {n}" for h, n in ranked)


def timeline_title(s: MeasureSummary, lang: str = "en") -> str:
    """The title of the timeline chart: how many measures have a start year at all."""
    if lang == "nl":
        return f"Slechts {s.dated} van de {s.n} maatregelen hebben een startjaar in hun bron; {s.not_dated} niet"
    return f"Only {s.dated} of {s.n} measures have a start year in their sources; {s.not_dated} have none"


@dataclass(frozen=True)
class StructuralMoney:
    """When the structural mainports money starts and when it reaches its full yearly level."""

    first_year: int  # first year with structural money (the ramp-up starts)
    full_year: int  # first year of the recurring, full amount
    full_amount: float  # EUR million a year from full_year (sum of the hub and overarching rows)

    def text(self, lang: str = "en") -> str:
        """``structural money: a ramp-up from 2023, the full EUR 29 mln a year from 2025``."""
        from mainports_analysis.report.findings import eur_mln

        if lang == "nl":
            return (f"structureel geld: oplopend vanaf {self.first_year}, het volle bedrag van "
                    f"{eur_mln(self.full_amount, 'nl')} per jaar vanaf {self.full_year}")  # fmt: skip
        return (f"structural money: a ramp-up from {self.first_year}, the full {eur_mln(self.full_amount)} a year "
                f"from {self.full_year}")  # fmt: skip


def structural_money(allocations: pd.DataFrame, programme: str = "mainports") -> StructuralMoney:
    """The one definition of "structural money" the measures page uses, from the allocation rows.

    First year: the earliest structural row. Full year: the earliest *recurring* structural row (the
    memo's "2025 e.v."). Full amount: the sum over hubs of that recurring column, as
    :func:`mainports_analysis.analysis.metrics.allocation_table` chooses it (reservation excluded, it is not
    recurring). Raises ``ValueError`` when the programme has no structural or no recurring rows.
    """
    from mainports_analysis.analysis import metrics

    part = allocations[(allocations["programme"].astype(str) == programme) & (allocations["kind"].astype(str) == "structural")]
    recurring = part[part["recurring"].astype(bool)]
    if part.empty or recurring.empty:
        raise ValueError(f"{programme}: no structural or no recurring allocation rows")
    column = metrics.PERIODS[-1]
    table = metrics.allocation_table(allocations)
    amount = float(table[column].drop(index=[h for h in _BUDGET_ONLY if h in table.index]).sum())
    return StructuralMoney(int(part["year"].min()), int(recurring["year"].min()), amount)


# ------------------------------------------------------------------------------------------ tables and exports


def cooperation_html(measures: pd.DataFrame, lang: str = "en", *, caption: str | None = None):
    """Measures per hub by the cooperation their source names, with totals, in the house table style."""
    from mainports_analysis.report.tables import html_table

    table = count_by(measures, cols="cooperation", totals=True, lang=lang)
    return html_table(table.reset_index(), caption=caption)


def displacement_html(
    measures: pd.DataFrame, lang: str = "en", *, basis: str = "explicit", sources: pd.DataFrame | None = None,
    caption: str | None = None,
):  # fmt: skip
    """:func:`displacement_table` in the house table style (cells are already escaped HTML)."""
    from mainports_analysis.report.tables import html_table

    return html_table(displacement_table(measures, lang, basis=basis, sources=sources), caption=caption, escape=False)


def export_red_lines(measures: pd.DataFrame) -> pd.DataFrame:
    """The data of the hub × red line chart as a CSV-ready frame: a hub column, one per red line, total."""
    out = count_by(measures, totals=True, lang="en").reset_index().rename(columns={"Hub": "hub"})
    out.columns.name = None
    return out


def export_timeline(measures: pd.DataFrame) -> pd.DataFrame:
    """Measures per hub and start year, with the undated ones in their own column, as a CSV-ready frame."""
    out = timeline(measures, totals=True, lang="en").reset_index().rename(columns={"Hub": "hub"})
    out.columns.name = None
    return out


#: The unit of each metric in :func:`hub_series`.
SERIES_UNITS = {"cocaine_kg": "kg", "extractor_arrests": "arrests (count)"}


def export_series(series: pd.DataFrame) -> pd.DataFrame:
    """:func:`hub_series` for download: hub and location names, and a unit column (kg and counts mix)."""
    unknown = sorted(set(series["metric"].astype(str)) - set(SERIES_UNITS))
    if unknown:
        raise ValueError(f"no unit known for metric(s) {unknown}")
    reg = registry()
    out = series.copy()
    out.insert(0, "hub_name", [label(str(h)) for h in out["hub"]])
    out.insert(2, "location_name", [reg.label(str(loc)) for loc in out["location"]])
    out.insert(out.columns.get_loc("metric") + 1, "unit", out["metric"].astype(str).map(SERIES_UNITS))
    return out.reset_index(drop=True)
