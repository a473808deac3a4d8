"""The house style: one colour per hub, titles that state the finding, units and a source line.

Every chart on the site goes through :func:`new_figure` and :func:`finish`, so they share fonts,
sizes, colours (the registry's colour-blind-safe palette: Okabe & Ito 2008, "Color Universal
Design", and Tol 2021, "Colour schemes", SRON/EPS/TN/09-002) and the same furniture: a title that
says what the chart shows, a subtitle with the unit, and a source line naming the publishers.
Missing years are drawn as gaps, never bridged.
"""

from __future__ import annotations

import base64
import html
from collections.abc import Iterable, Sequence

import numpy as np
import pandas as pd

from .registry import registry

FIGSIZE = (8.0, 4.6)
DPI = 96
GREY = "#555555"
LIGHT = "#DDDDDD"

_STYLE = {
    "figure.figsize": FIGSIZE,
    "figure.dpi": DPI,
    "savefig.dpi": DPI,
    "font.size": 10.5,
    "axes.titlesize": 12.5,
    "axes.titleweight": "bold",
    "axes.titlelocation": "left",
    "axes.labelsize": 10,
    "axes.labelcolor": GREY,
    "axes.edgecolor": "#999999",
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.grid": True,
    "axes.grid.axis": "y",
    "grid.color": LIGHT,
    "grid.linewidth": 0.8,
    "xtick.color": GREY,
    "ytick.color": GREY,
    "legend.frameon": False,
    "legend.fontsize": 9.5,
    "lines.linewidth": 2.2,
    "lines.markersize": 5,
    "svg.hashsalt": "mainports",
}


def use_style() -> None:
    """Apply the house style to matplotlib (idempotent; notebooks call it once at the top).

    In a notebook it also makes figures display as compact PNGs (:func:`compact_png`), so pages
    with several charts stay well under the site's page-weight budget.
    """
    import matplotlib as mpl

    mpl.rcParams.update(_STYLE)
    try:
        from IPython import get_ipython
    except ImportError:  # pragma: no cover - IPython is a dependency, but the library works without it
        return
    ip = get_ipython()
    if ip is not None and hasattr(ip, "display_formatter"):
        from matplotlib.figure import Figure

        # activate the inline backend first: it registers its own PNG formatter when it starts
        ip.run_line_magic("matplotlib", "inline")
        ip.display_formatter.formatters["image/png"].for_type(Figure, compact_png)


def compact_png(fig, *, colors: int = 96) -> bytes:
    """The figure as a palette PNG: charts use few colours, so this is a fraction of a full-colour PNG.

    Quantised with Pillow's deterministic fast-octree method (no dithering, so lines stay crisp).
    """
    import io

    from PIL import Image

    raw = io.BytesIO()
    fig.savefig(raw, format="png", dpi=120, bbox_inches="tight", facecolor="white")
    image = Image.open(io.BytesIO(raw.getvalue())).convert("RGB")
    small = image.quantize(colors=colors, method=Image.Quantize.FASTOCTREE, dither=Image.Dither.NONE)
    out = io.BytesIO()
    small.save(out, format="PNG", optimize=True)
    return out.getvalue()


def colour(key: str) -> str:
    """The colour of a hub or location id, from the registry."""
    return registry().colour(key)


def label(key: str, lang: str = "en") -> str:
    """The display name of a hub or location id."""
    return registry().label(key, lang)


def new_figure(*, nrows: int = 1, ncols: int = 1, height: float | None = None, **kwargs):
    """A figure and axes in the house style."""
    import matplotlib.pyplot as plt

    use_style()
    size = (FIGSIZE[0], height or FIGSIZE[1])
    return plt.subplots(nrows, ncols, figsize=size, **kwargs)


def finish(fig, ax, *, title: str, unit: str, source: str, note: str | None = None) -> None:
    """Add the furniture every chart has: a title that states the finding, the unit, the source.

    ``title`` is the finding in words (computed by the caller from the data), ``unit`` names what is
    on the axis, ``source`` names the publishers; ``note`` adds a line such as "gaps: not published".
    """
    if not title or not unit or not source:
        raise ValueError("every chart needs a title, a unit and a source")
    import textwrap

    title = "\n".join(textwrap.wrap(title, 78))
    fig.suptitle(title, x=0.01, y=0.995, ha="left", va="top", fontsize=12.5, fontweight="bold")
    ax.set_title(unit, loc="left", fontsize=10, fontweight="normal", color=GREY, pad=8)
    foot = "\n".join(textwrap.wrap(f"Source: {source}", 125))
    if note:
        foot += "\n" + "\n".join(textwrap.wrap(note, 125))
    fig.text(0.01, 0.005, foot, ha="left", va="bottom", fontsize=8.5, color=GREY)
    lines = foot.count("\n") + 1
    fig.tight_layout(rect=(0, 0.036 * lines + 0.012, 1, 1.0))


def thousands(ax, axis: str = "y", *, decimals: int = 0) -> None:
    """Format an axis with thousands separators (``12,000``)."""
    from matplotlib.ticker import FuncFormatter

    fmt = FuncFormatter(lambda v, _: f"{v:,.{decimals}f}")
    (ax.yaxis if axis == "y" else ax.xaxis).set_major_formatter(fmt)


def percent(ax, axis: str = "y") -> None:
    """Format an axis of shares (0–1) as percentages."""
    from matplotlib.ticker import PercentFormatter

    (ax.yaxis if axis == "y" else ax.xaxis).set_major_formatter(PercentFormatter(1.0, decimals=0))


def with_gaps(series: pd.Series, years: Iterable[int] | None = None) -> pd.Series:
    """Reindex a year-indexed series to every year in its span, so missing years plot as gaps."""
    if series.empty:
        return series
    lo, hi = (min(years), max(years)) if years is not None else (int(series.index.min()), int(series.index.max()))
    return series.reindex(range(lo, hi + 1))


def lines(
    ax,
    frame: pd.DataFrame,
    *,
    x: str = "year",
    y: str,
    by: str = "location",
    order: Sequence[str] | None = None,
    lang: str = "en",
    styles: dict[str, dict] | None = None,
    label_ends: bool = True,
) -> None:
    """One line per ``by`` value, coloured from the registry; gaps stay gaps; isolated years get a marker.

    With ``label_ends`` each line is labelled at its last point instead of in a legend.
    """
    keys = list(order) if order is not None else list(dict.fromkeys(frame[by].astype(str)))
    ends: list[tuple[float, float, str, str]] = []
    for key in keys:
        part = frame[frame[by].astype(str) == key]
        if part.empty:
            continue
        s = with_gaps(part.set_index(x)[y].astype(float).groupby(level=0).first())
        style = {"color": colour(key), "marker": "o", "label": label(key, lang)}
        style.update((styles or {}).get(key, {}))
        ax.plot(s.index, s.values, **style)
        if label_ends and s.notna().any():
            last = s.dropna().index.max()
            ends.append((float(last), float(s[last]), style["label"], style["color"]))
    ax.xaxis.get_major_locator().set_params(integer=True)
    if label_ends and ends:
        lo, hi = ax.get_xlim()
        ax.set_xlim(lo, hi + (hi - lo) * 0.2)
        _label_line_ends(ax, ends)


def _label_line_ends(ax, ends: list[tuple[float, float, str, str]], min_gap_px: float = 12.0) -> None:
    """Write each line's name just right of its last point, nudged apart so no two labels overlap."""
    ax.figure.canvas.draw()  # fix the axis limits before converting to pixels
    to_px = ax.transData.transform
    items = sorted(((to_px((x, y))[1], x, y, text, c) for x, y, text, c in ends), key=lambda t: t[0])
    placed = [it[0] for it in items]
    for _ in range(200):  # push neighbours apart symmetrically until every gap is wide enough
        moved = False
        for i in range(1, len(placed)):
            gap = placed[i] - placed[i - 1]
            if gap < min_gap_px:
                shift = (min_gap_px - gap) / 2
                placed[i - 1] -= shift
                placed[i] += shift
                moved = True
        if not moved:
            break
    for (py, x, y, text, c), new_py in zip(items, placed, strict=True):
        ax.annotate(text, (x, y), xytext=(7, new_py - py), textcoords="offset pixels", va="center",
                    fontsize=9, color=c, annotation_clip=False)


def mark_start(ax, year: float, text: str = "approach starts") -> None:
    """A dashed vertical line at the start of the mainports approach (or any intervention)."""
    ax.axvline(year, color=GREY, linestyle="--", linewidth=1)
    ax.annotate(text, (year, 1), xycoords=("data", "axes fraction"), xytext=(4, -4),
                textcoords="offset points", va="top", fontsize=8.5, color=GREY)  # fmt: skip


def csv_download(frame: pd.DataFrame, filename: str, text: str = "Download the data of this chart (CSV)"):
    """A link that downloads ``frame`` as CSV, embedded in the page (works offline, no extra file).

    Returns an IPython HTML object; in a notebook it shows as a link under the chart.
    """
    from IPython.display import HTML

    from .exports import frame_to_csv

    data = base64.b64encode(frame_to_csv(frame).encode("utf-8")).decode("ascii")
    return HTML(
        f'<p class="figure-download"><a download="{html.escape(filename)}" '
        f'href="data:text/csv;charset=utf-8;base64,{data}">⬇ {html.escape(text)}</a></p>'
    )


def source_text(frame: pd.DataFrame, *, column: str = "publisher", limit: int = 4) -> str:
    """Name the publishers behind a chart's rows, most frequent first ("A; B; C and 2 others")."""
    if column not in frame or frame.empty:
        return "see Data & sources"
    names = frame[column].astype(str).str.replace(r"\s*\(.*\)$", "", regex=True).value_counts()
    names = list(names.index)
    shown = "; ".join(names[:limit])
    return shown + (f" and {len(names) - limit} more" if len(names) > limit else "") + " (details: Data & sources)"


def bar_labels(ax, bars, fmt: str = "{:,.1f}", *, inside: bool = False) -> None:
    """Write each bar's value on it."""
    for rect in bars:
        h = rect.get_height()
        if np.isnan(h):
            continue
        ax.annotate(fmt.format(h), (rect.get_x() + rect.get_width() / 2, h), xytext=(0, -12 if inside else 3),
                    textcoords="offset points", ha="center", fontsize=8.5, color="white" if inside else GREY)  # fmt: skip


# ------------------------------------------------------------------ bars for the funds page (issue 4)


def stacked_columns(ax, table: pd.DataFrame, *, lang: str = "en", width: float = 0.6, total_format=None):
    """One stacked bar per column of ``table`` (rows: hubs or budget lines, coloured per hub).

    A missing cell (no amount for that period) adds nothing to its bar. ``total_format`` (a function
    of the column total) writes the total above each bar. Returns the bar totals.
    """
    columns = [str(c) for c in table.columns]
    bottom = np.zeros(len(columns))
    for key in table.index:
        values = table.loc[key].astype(float).fillna(0.0).to_numpy()
        ax.bar(columns, values, bottom=bottom, color=colour(str(key)), label=label(str(key), lang), width=width)
        bottom += values
    if total_format is not None:
        for x, total in enumerate(bottom):
            ax.annotate(total_format(total), (x, total), xytext=(0, 3), textcoords="offset points", ha="center", fontsize=9)
    return bottom


def share_bars(ax, shares: pd.DataFrame, *, lang: str = "en", missing_text: str = "no published figure") -> None:
    """Horizontal grouped bars: one group per hub (rows), one bar per kind of share (columns, 0–1).

    The first column is drawn solid in the hub's colour, the others lighter and hatched, in column
    order; a missing share is not drawn as zero but labelled ``missing_text``. The legend names the
    columns.
    """
    hatches = ["", "//", "..", "xx", "\\\\"]
    alphas = [1.0, 0.55, 0.35, 0.25, 0.2]
    k = len(shares.columns)
    height = 0.8 / k
    y = np.arange(len(shares.index))
    for j, col in enumerate(shares.columns):
        offset = (j - (k - 1) / 2) * height
        values = shares[col].astype(float)
        ax.barh(y + offset, values.fillna(0.0), height=height * 0.95, color=[colour(str(h)) for h in shares.index],
                alpha=alphas[j % len(alphas)], hatch=hatches[j % len(hatches)], edgecolor="white", label=str(col))
        for i, v in enumerate(values):
            if pd.isna(v):
                ax.annotate(missing_text, (0.004, y[i] + offset), va="center", fontsize=7.5, color=GREY)
    ax.set_yticks(y, [label(str(h), lang) for h in shares.index])
    ax.invert_yaxis()
    percent(ax, "x")
    ax.grid(axis="x", color=LIGHT)
    ax.grid(axis="y", visible=False)
    legend = ax.legend(loc="lower right", fontsize=8.5)
    for handle in legend.legend_handles:  # the legend shows the kind of bar, not one hub's colour
        handle.set_facecolor("#888888")
