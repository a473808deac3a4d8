"""Tables in the house style: deterministic HTML, readable on a phone, numbers formatted per column.

pandas' Styler writes random element ids into its HTML, which would make every re-execution differ
under nbval; these helpers write plain, stable HTML with a caption and the site's table classes.
"""

from __future__ import annotations

import html
from collections.abc import Callable, Mapping

import pandas as pd


def fmt_number(decimals: int = 1, *, suffix: str = "", missing: str = "–") -> Callable[[object], str]:
    """A formatter: thousands separators, fixed decimals, a dash for missing values."""

    def f(v: object) -> str:
        if v is None or (isinstance(v, float) and pd.isna(v)) or v is pd.NA:
            return missing
        return f"{float(v):,.{decimals}f}{suffix}"

    return f


def fmt_percent(decimals: int = 0, missing: str = "–") -> Callable[[object], str]:
    """A formatter for shares (0–1) as percentages."""

    def f(v: object) -> str:
        if v is None or (isinstance(v, float) and pd.isna(v)) or v is pd.NA:
            return missing
        return f"{100 * float(v):.{decimals}f}%"

    return f


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
    """
    from IPython.display import HTML

    formats = dict(formats or {})
    df = frame.reset_index() if index else frame
    head = "".join(f"<th>{html.escape(str(c))}</th>" for c in df.columns)
    rows = []
    columns = [df[c].tolist() for c in df.columns]  # column-wise: keeps each column's type (no int → float upcast)
    for i in range(len(df)):
        cells = []
        for col, values in zip(df.columns, columns, strict=True):
            v = values[i]
            text = formats[col](v) if col in formats else ("–" if v is None or (isinstance(v, float) and pd.isna(v)) else str(v))
            cells.append(f"<td>{html.escape(text) if escape and col not in html_columns else text}</td>")
        rows.append("<tr>" + "".join(cells) + "</tr>")
    cap = f"<caption>{html.escape(caption)}</caption>" if caption else ""
    return HTML(f'<table class="{classes}">{cap}<thead><tr>{head}</tr></thead><tbody>{"".join(rows)}</tbody></table>')


def link(url: object, text: object) -> str:
    """An HTML link, or the escaped text alone when there is no URL."""
    label = html.escape(str(text))
    if url is None or (isinstance(url, float) and pd.isna(url)) or url is pd.NA or not str(url).strip():
        return label
    return f'<a href="{html.escape(str(url), quote=True)}">{label}</a>'


def badge(rating: str) -> str:
    """A red/amber/green badge (styled by the site's CSS classes ``rag rag-<rating>``)."""
    r = html.escape(rating.lower())
    return f'<span class="rag rag-{r}">{r}</span>'
