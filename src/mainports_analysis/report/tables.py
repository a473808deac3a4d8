"""Tables in the house style: deterministic HTML, readable on a phone, numbers formatted per column.

pandas' Styler writes random element ids into its HTML, which would make every re-execution differ
under nbval; these helpers write plain, stable HTML with a caption and the site's table classes.
Numeric columns are right-aligned, with tabular figures and a true minus sign (U+2212), as in the
prose. On the site, the post-render step puts each table in a scroll box with its caption above it
(:func:`mainports_analysis.site.assets.frame_tables`).

Reader-facing tables name things as a reader would: :func:`reader_label` turns raw identifiers
(metric ids such as ``cocaine_kg``, counting systems, hub and location ids, column names) into
labels, :func:`readable` does so for a whole frame, and :func:`year_ranges` writes year lists as
ranges ("2011–2025").
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable, Iterable, Mapping

import pandas as pd

from mainports_analysis.report import labels, text

MINUS = "\u2212"

#: The label vocabularies, defined once in :mod:`mainports_analysis.report.labels` (old names kept).
METRIC_LABELS = labels.METRICS
SERIES_LABELS = labels.SERIES
COLUMN_LABELS = labels.COLUMNS

#: Columns whose values are identifiers that :func:`readable` turns into labels.
ID_COLUMNS = ("location", "location_id", "hub", "hub_id", "metric", "series", "buffer", "control", "response")


def _missing(v: object) -> bool:
    return v is None or v is pd.NA or (isinstance(v, float) and pd.isna(v))


def _minus(text: str) -> str:
    return MINUS + text[1:] if text.startswith("-") else text


def fmt_number(decimals: int = 1, *, suffix: str = "", missing: str = "–") -> Callable[[object], str]:
    """A formatter: thousands separators, fixed decimals, a true minus sign, a dash for missing values."""

    def f(v: object) -> str:
        if _missing(v):
            return missing
        return _minus(f"{float(v):,.{decimals}f}") + suffix

    f.numeric = True  # type: ignore[attr-defined]  # html_table right-aligns the column
    return f


def fmt_percent(decimals: int = 0, missing: str = "–") -> Callable[[object], str]:
    """A formatter for shares (0–1) as percentages."""

    def f(v: object) -> str:
        if _missing(v):
            return missing
        return _minus(f"{100 * float(v):.{decimals}f}") + "%"

    f.numeric = True  # type: ignore[attr-defined]
    return f


#: The one year-range formatter (:func:`mainports_analysis.report.text.year_ranges`).
year_ranges = text.year_ranges


def fmt_years(none: str = "none") -> Callable[[object], str]:
    """A formatter for cells that hold a list of years: writes them as :func:`year_ranges`."""

    def f(v: object) -> str:
        if v is None or (not isinstance(v, (list, tuple, set, str)) and _missing(v)):
            return none
        if isinstance(v, (int, float)):
            return str(int(v))
        return year_ranges(v, none=none)

    return f


def reader_label(value: object, *, lang: str = "en") -> str:
    """A reader's name for a raw identifier; anything else comes back unchanged (as text).

    Looks the value up as a metric id (``cocaine_kg`` → "cocaine seized (kg)"), a counting system
    (``harc`` → "HARC (Hit and Run Cargo team, port of Rotterdam)"), a hub or location id of the registry
    (``rotterdam`` → "Port of Rotterdam"), then as a column name (``n_figures`` → "published figures").
    """
    if _missing(value):
        return ""
    key = str(value)
    lang = "nl" if lang == "nl" else "en"
    if key in METRIC_LABELS[lang]:  # a metric first: "harc_criminal_investigations" is no place
        return METRIC_LABELS[lang][key]
    try:
        return labels.label(key, lang)
    except KeyError:
        return key


def place_years(mapping: Mapping[str, Iterable[object]] | str, *, lang: str = "en", sep: str = "; ") -> str:
    """Places with their years, for a reader: ``{"eu_total": [2024]}`` → "European Union (total): 2024".

    Also reads the compact ``"rotterdam:2021, vlissingen:2022"`` form the library writes in
    ``missing`` columns.
    """
    if isinstance(mapping, str):
        pairs: dict[str, list[str]] = {}
        for key, year in re.findall(r"([A-Za-z_][\w-]*)\s*:\s*(\d{4})", mapping):
            pairs.setdefault(key, []).append(year)
        if not pairs:
            return mapping
        mapping = pairs
    return sep.join(f"{reader_label(k, lang=lang)}: {year_ranges(v)}" for k, v in mapping.items())


def readable(
    frame: pd.DataFrame,
    *,
    lang: str = "en",
    columns: Iterable[str] | None = None,
    headers: bool = True,
    sources: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """A copy of ``frame`` for readers: identifiers in ``columns`` (default: :data:`ID_COLUMNS`
    present in the frame) become labels, and with ``headers`` the column names too.

    With ``sources`` (the sources table), a ``source_id`` column becomes "Publisher, date" text.
    """
    out = frame.copy()
    cols = [c for c in (columns if columns is not None else ID_COLUMNS) if c in out.columns]
    for c in cols:
        out[c] = out[c].map(lambda v: reader_label(v, lang=lang))
    if sources is not None and "source_id" in out.columns:
        out["source_id"] = out["source_id"].map(lambda s: source_label(s, sources))
    if headers:
        out = out.rename(columns=lambda c: COLUMN_LABELS["nl" if lang == "nl" else "en"].get(str(c), c))
    return out


def source_label(source_id: object, sources: pd.DataFrame) -> str:
    """"Publisher, date" for a source id (the id itself if the sources table does not have it)."""
    if _missing(source_id):
        return ""
    hit = sources[sources["source_id"] == source_id] if "source_id" in sources.columns else sources.iloc[0:0]
    if hit.empty:
        return str(source_id)
    row = hit.iloc[0]
    parts = [str(row[c]) for c in ("publisher", "published") if c in row.index and not _missing(row[c]) and str(row[c])]
    return ", ".join(parts) or str(source_id)


def html_table(
    frame: pd.DataFrame,
    *,
    caption: str | None = None,
    formats: Mapping[str, Callable[[object], str]] | None = None,
    index: bool = False,
    escape: bool = True,
    html_columns: tuple[str, ...] = (),
    classes: str = "table table-sm dataframe",
):
    """A DataFrame as stable HTML (an IPython ``HTML`` object) with per-column formatters.

    Cells are HTML-escaped, except in ``html_columns`` (for links built with :func:`link`).
    Numeric columns (numbers, or formatted with :func:`fmt_number` / :func:`fmt_percent`) are
    right-aligned, header included, and negative numbers get a true minus sign.
    """
    from IPython.display import HTML

    formats = dict(formats or {})
    df = frame.reset_index() if index else frame
    numeric = {
        c: bool(getattr(formats.get(c), "numeric", False))
        or (c not in formats and pd.api.types.is_numeric_dtype(df[c]) and not pd.api.types.is_bool_dtype(df[c]))
        for c in df.columns
    }

    def cls(c) -> str:
        return ' class="num"' if numeric[c] else ""

    head = "".join(f"<th{cls(c)}>{html.escape(str(c))}</th>" for c in df.columns)
    rows = []
    columns = [df[c].tolist() for c in df.columns]  # column-wise: keeps each column's type (no int → float upcast)
    for i in range(len(df)):
        cells = []
        for col, values in zip(df.columns, columns, strict=True):
            v = values[i]
            if col in formats:
                text = formats[col](v)
            elif _missing(v):
                text = "–"
            else:
                text = _minus(str(v)) if numeric[col] else str(v)
            cells.append(f"<td{cls(col)}>{html.escape(text) if escape and col not in html_columns else text}</td>")
        rows.append("<tr>" + "".join(cells) + "</tr>")
    cap = f"<caption>{html.escape(caption)}</caption>" if caption else ""
    return HTML(f'<table class="{classes}">{cap}<thead><tr>{head}</tr></thead><tbody>{"".join(rows)}</tbody></table>')


def link(url: object, text: object) -> str:
    """An HTML link, or the escaped text alone when there is no URL."""
    label = html.escape(str(text))
    if _missing(url) or not str(url).strip():
        return label
    return f'<a href="{html.escape(str(url), quote=True)}">{label}</a>'


def badge(rating: str) -> str:
    """A red/amber/green badge (styled by the site's CSS classes ``rag rag-<rating>``)."""
    r = html.escape(rating.lower())
    return f'<span class="rag rag-{r}">{r}</span>'
