"""The house style: one colour per place, titles that state the finding, units and a source line.

Every chart on the site goes through :func:`new_figure` and :func:`finish`, so they share fonts,
sizes, colours (the registry's colour-blind-safe palette: Okabe & Ito 2008, "Color Universal
Design", and Tol 2021, "Colour schemes", SRON/EPS/TN/09-002) and the same furniture: a title that
says what the chart shows, a subtitle with the unit, and a source line naming the publishers.
Missing years are drawn as gaps, never bridged.

Line charts are labelled directly, in the right margin at the height of each line's last point,
and the labels are spread so that they never overlap (:func:`spread`); a colour too light to read
as text on white is darkened for its label (:func:`text_colour`, WCAG 2.1 contrast). Charts with
many lines can highlight a few and grey the rest (``lines(..., highlight=[...])``). Text sizes are
chosen for the figure width so that a chart stays legible when a phone shows it 358 px wide.
"""

from __future__ import annotations

import base64
import html
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

#: Width and default height in inches. Chosen so that text stays legible without a tap when a
#: phone shows the chart 358 CSS px wide: the smallest text (11 pt) is then 11 / 72 × 358 / 4.8 ≈ 11.4 px.
FIGSIZE = (4.8, 3.6)
DPI = 96
#: CSS pixels per inch of the charts on the site (a 4.8-inch chart is 528 px wide on a desktop).
PNG_DPI = 110
#: The PNGs carry SCALE device pixels per CSS pixel (2×: crisp on phones and high-density screens);
#: their pHYs chunk says so (96 × SCALE dots per inch) and the notebook output's width says the CSS size.
SCALE = 2
#: The phone's content column in CSS px (a 390-px screen less the page's padding).
PHONE_COLUMN = 358
#: The smallest text on a phone, in CSS px (issue 15: 11 px or more).
PHONE_MIN_PX = 11.0
GREY = "#555555"
LIGHT = "#DDDDDD"
#: Lines that are not highlighted, and their labels (4.5:1 on white).
MUTED = "#BBBBBB"
MUTED_TEXT = "#767676"

#: Text sizes in points: none below 11 pt, so none below 11 px on a phone (see FIGSIZE).
SIZES = {
    "base": 11.0, "title": 12.5, "unit": 11.0, "label": 11.0, "source": 11.0, "legend": 11.0, "annotation": 11.0,
}  # fmt: skip

#: The published colour-blind-safe palettes every place colour comes from.
OKABE_ITO = ("#E69F00", "#56B4E9", "#009E73", "#F0E442", "#0072B2", "#D55E00", "#CC79A7", "#000000")
TOL_MUTED = ("#332288", "#88CCEE", "#44AA99", "#117733", "#999933", "#DDCC77", "#CC6677", "#882255", "#AA4499")
#: Three more of Tol's 12-colour qualitative scheme, and neutral greys for totals and reservations.
TOL_EXTRA = ("#6699CC", "#661100", "#AA4466")
NEUTRALS = ("#7F7F7F", "#BBBBBB", "#000000")
SAFE_COLOURS = frozenset(c.upper() for c in (*OKABE_ITO, *TOL_MUTED, *TOL_EXTRA, *NEUTRALS))

#: Places that are drawn in the same chart, so their colours must differ (tests check this).
#: Ids that name the same place (``antwerp_bruges`` for ``antwerp``, ``hza_hamburg`` for ``hamburg``,
#: ``haropa`` for ``le_havre``) and the ports of one hub share its colour and are never drawn together.
COMPARISONS: dict[str, tuple[str, ...]] = {
    "Dutch hubs and national series": (
        "rotterdam", "vlissingen", "nzkg_ports", "schiphol", "flower_auctions", "nl_total", "nl_seaports",
        "nl_airports", "nl_air_cargo", "nl_destined_abroad", "nl_destined_total", "be_destined_abroad",
    ),
    "European container ports": (
        "rotterdam", "vlissingen", "antwerp", "hamburg", "de_seaports", "bremerhaven", "le_havre", "dunkirk",
        "algeciras", "valencia", "barcelona", "sines", "gioia_tauro", "eu_total",
    ),
    "national totals": (
        "nl_total", "be_total", "de_total", "fr_total", "es_total", "pt_total", "it_total", "se_total", "no_total",
        "eu_total", "world_total", "hamburg", "nl_destined_abroad",
    ),
    "waterbed design (response, buffers, controls)": (
        "rotterdam", "vlissingen", "antwerp", "eu_total", "it_total", "valencia",
    ),
}  # fmt: skip

_STYLE = {
    "figure.figsize": FIGSIZE,
    "figure.dpi": DPI,
    "savefig.dpi": DPI,
    "font.size": SIZES["base"],
    "axes.titlesize": SIZES["title"],
    "axes.titleweight": "bold",
    "axes.titlelocation": "left",
    "axes.labelsize": SIZES["base"],
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
    "legend.fontsize": SIZES["legend"],
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
        ip.display_formatter.formatters["image/png"].for_type(Figure, png_with_size)


def compact_png(fig, *, colors: int = 64) -> bytes:
    """The figure as a palette PNG at :data:`SCALE` × its CSS size: crisp on a phone, light to load.

    Charts use few colours, so a palette PNG is a fraction of a full-colour one. Quantised with
    Pillow's deterministic fast-octree method (no dithering, so lines stay crisp); the pHYs chunk
    records 96 × SCALE dots per inch, so a reader of the file knows its CSS size (pixels / SCALE).
    """
    import io

    from PIL import Image

    raw = io.BytesIO()
    fig.savefig(raw, format="png", dpi=PNG_DPI * SCALE, bbox_inches="tight", facecolor="white")
    image = Image.open(io.BytesIO(raw.getvalue())).convert("RGB")
    small = image.quantize(colors=colors, method=Image.Quantize.FASTOCTREE, dither=Image.Dither.NONE)
    out = io.BytesIO()
    small.save(out, format="PNG", optimize=True, dpi=(96 * SCALE, 96 * SCALE))
    return out.getvalue()


def png_with_size(fig) -> tuple[bytes, dict]:
    """:func:`compact_png` and the CSS size to show it at (the notebook output's width and height)."""
    import io

    from PIL import Image

    data = compact_png(fig)
    w, h = Image.open(io.BytesIO(data)).size
    return data, {"width": w // SCALE, "height": h // SCALE}


from mainports_analysis.report.charts.colours import (  # noqa: E402,F401  (re-exported: the house style's colours)
    _linear,
    colour,
    colour_clashes,
    contrast,
    highlight_styles,
    label,
    luminance,
    text_colour,
    tint,
)
from mainports_analysis.report.charts.overlap import (  # noqa: E402,F401  (re-exported)
    _clashes,
    clear_of_lines,
    line_points,
    text_boxes,
)

# ---------------------------------------------------------------------------------------------- figures


def new_figure(*, nrows: int = 1, ncols: int = 1, height: float | None = None, **kwargs):
    """A figure and axes in the house style."""
    import matplotlib.pyplot as plt

    use_style()
    size = (FIGSIZE[0], height or FIGSIZE[1])
    return plt.subplots(nrows, ncols, figsize=size, **kwargs)


def _text_size(renderer, fig, text: str, fontsize: float, weight: str = "normal") -> tuple[float, float]:
    """Width and height in pixels of ``text`` (several lines allowed) as the renderer draws it."""
    from matplotlib.text import Text

    t = Text(0, 0, text, fontsize=fontsize, fontweight=weight, figure=fig)
    box = t.get_window_extent(renderer)
    return box.width, box.height


def wrap_to_width(text: str, fig, fontsize: float, max_px: float, *, weight: str = "normal") -> str:
    """Wrap ``text`` into lines no wider than ``max_px`` as drawn; a "(…)" group stays together if it fits."""
    import re

    renderer = fig.canvas.get_renderer()

    def width(s: str) -> float:
        return _text_size(renderer, fig, s, fontsize, weight)[0]

    chunks: list[str] = []
    for part in re.findall(r"\([^()]*\)[^\s]*|\S+", text):
        chunks += [part] if width(part) <= max_px else part.split()
    lines: list[str] = []
    for chunk in chunks:
        trial = f"{lines[-1]} {chunk}" if lines else chunk
        if lines and width(trial) <= max_px:
            lines[-1] = trial
        else:
            lines.append(chunk)
    return "\n".join(lines)


def _wrap(text: str, fig, fontsize: float, weight: str = "normal") -> str:
    """Wrap a title or a source line to the figure's width."""
    return wrap_to_width(text, fig, fontsize, fig.bbox.width * 0.975, weight=weight)


def _tight_layout(fig, rect) -> None:
    """``tight_layout`` without its warning when a wide legend or long labels leave no room: the layout
    then stays as it was and the saved PNG's tight bounding box still holds everything (a warning would
    reach the notebook's stderr and fail nbval)."""
    import warnings

    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", message="Tight layout not applied", category=UserWarning)
        fig.tight_layout(pad=0.5, rect=rect)


def finish(fig, ax, *, title: str, unit: str, source: str, note: str | None = None, lang: str = "en") -> None:
    """Add the furniture every chart has: a title that states the finding, the unit, the source.

    ``title`` is the finding in words (computed by the caller from the data), ``unit`` names what is
    on the axis, ``source`` names the publishers; ``note`` adds a line such as "gaps: not published";
    ``lang`` the language of the word "Source". Labels that :func:`mark_start` made are then moved
    off the lines (:func:`clear_of_lines`).
    """
    if not title or not unit or not source:
        raise ValueError("every chart needs a title, a unit and a source")
    head = fig.suptitle(_wrap(title, fig, SIZES["title"], "bold"), x=0.01, y=0.995, ha="left", va="top",
                        fontsize=SIZES["title"], fontweight="bold")  # fmt: skip
    ax.set_title(unit, loc="left", fontsize=SIZES["unit"], fontweight="normal", color=GREY, pad=8)
    foot = _wrap(f"{'Bron' if lang == 'nl' else 'Source'}: {source}", fig, SIZES["source"])
    if note:
        foot += "\n" + _wrap(note, fig, SIZES["source"])
    text = fig.text(0.01, 0.005, foot, ha="left", va="bottom", fontsize=SIZES["source"], color=GREY)
    renderer = fig.canvas.get_renderer()
    pad = renderer.points_to_pixels(6)
    bottom = (text.get_window_extent(renderer).height + pad) / fig.bbox.height
    top = 1 - (head.get_window_extent(renderer).height + pad) / fig.bbox.height - 0.005
    for t in (head, text):  # placed by hand: tight_layout would reserve room for them a second time
        t.set_in_layout(False)
    rect = (0, min(bottom, 0.45), 1, max(top, 0.55))
    _tight_layout(fig, rect)
    # the unit line starts at the axes' left edge: wrap it to the room left of there, then lay out again
    room = fig.bbox.width * 0.985 - ax.bbox.x0
    wrapped = wrap_to_width(unit, fig, SIZES["unit"], max(room, fig.bbox.width * 0.3))
    if wrapped != unit:
        ax.set_title(wrapped, loc="left", fontsize=SIZES["unit"], fontweight="normal", color=GREY, pad=8)
        _tight_layout(fig, rect)
    for t in (head, text):  # but a saved PNG ("tight" bounding box) must include them
        t.set_in_layout(True)
    for a in fig.axes:
        clear_of_lines(fig, a)


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


# ---------------------------------------------------------------------------------------------- lines


@dataclass(frozen=True)
class EndLabel:
    """The label of one line: its last point (data coordinates), text and colour."""

    x: float
    y: float
    text: str
    colour: str


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
    highlight: Iterable[str] | None = None,
    label_muted: bool = False,
) -> None:
    """One line per ``by`` value, coloured from the registry; gaps stay gaps; isolated years get a marker.

    With ``label_ends`` each line is named in the right margin at the height of its last point
    (a line that stops before the others gets its last year: "Schiphol, 2024"), instead of in a
    legend. ``highlight`` keeps those keys in colour and greys the rest (:func:`highlight_styles`),
    whose lines stay unlabelled unless ``label_muted``; ``styles`` overrides the style of single keys. Two lines in one colour are an error: pass a
    colour in ``styles``, or highlight.
    """
    keys = list(order) if order is not None else list(dict.fromkeys(frame[by].astype(str)))
    own = {k: dict(v) for k, v in (styles or {}).items()}
    styled = highlight_styles(keys, highlight) if highlight is not None else {}
    for k, v in own.items():
        styled[k] = {**styled.get(k, {}), **v}
    series = {}
    for key in keys:
        part = frame[frame[by].astype(str) == key]
        if not part.empty:
            series[key] = with_gaps(part.set_index(x)[y].astype(float).groupby(level=0).first())
    coloured = [k for k in series if styled.get(k, {}).get("color") != MUTED]
    clashes = colour_clashes(coloured, {k: v["color"] for k, v in styled.items() if "color" in v})
    if clashes:
        raise ValueError(
            "two lines in one colour: "
            + "; ".join(f"{a} and {b} are both {c}" for a, b, c in clashes)
            + " (give one a colour in styles=, or highlight the ones that matter)"
        )
    ends: list[EndLabel] = []
    for key, s in series.items():
        style = {"color": colour(key), "marker": "o", "label": label(key, lang), **styled.get(key, {})}
        ax.plot(s.index, s.values, **style)
        muted = style["color"] == MUTED
        if label_ends and s.notna().any() and (label_muted or not muted):
            last = s.dropna().index.max()
            text_c = MUTED_TEXT if muted else style["color"]
            ends.append(EndLabel(float(last), float(s[last]), str(style["label"]), text_c))
    ax.xaxis.get_major_locator().set_params(integer=True)
    if ends:
        final = max(e.x for e in ends)
        ends = [e if e.x == final else EndLabel(e.x, e.y, f"{e.text}, {e.x:.0f}", e.colour) for e in ends]
        label_line_ends(ax, ends)


def spread(centres: Sequence[float], sizes: Sequence[float], lo: float = -np.inf, hi: float = np.inf) -> list[float]:
    """Move intervals apart along one axis so that none overlap, moving them as little as possible.

    ``centres`` are the wanted centres and ``sizes`` the lengths (say, label heights in pixels);
    returns new centres, in the input order, that keep the order of the wanted ones, leave no
    overlap, stay within ``[lo, hi]`` where the room allows, and minimise the sum of squared moves.
    Adjacent blocks that collide are merged and each block is centred on the mean of its members'
    wishes (pool-adjacent-violators, as in isotonic regression: Barlow et al. 1972).
    """
    if len(centres) != len(sizes):
        raise ValueError("centres and sizes must have the same length")
    order = sorted(range(len(centres)), key=lambda i: (centres[i], i))
    blocks: list[dict] = []  # members (indices, bottom to top), offsets of their centres, total size, bottom

    def place(b: dict) -> None:
        b["bottom"] = float(np.mean([centres[i] - off for i, off in zip(b["members"], b["offsets"], strict=True)]))
        b["bottom"] = max(min(b["bottom"], hi - b["size"]), lo)

    for i in order:
        b = {"members": [i], "offsets": [sizes[i] / 2], "size": float(sizes[i])}
        place(b)
        blocks.append(b)
        while len(blocks) > 1 and blocks[-2]["bottom"] + blocks[-2]["size"] > blocks[-1]["bottom"] + 1e-9:
            top = blocks.pop()
            low = blocks[-1]
            low["offsets"] += [low["size"] + off for off in top["offsets"]]
            low["members"] += top["members"]
            low["size"] += top["size"]
            place(low)
    out = [0.0] * len(centres)
    for b in blocks:
        for i, off in zip(b["members"], b["offsets"], strict=True):
            out[i] = b["bottom"] + off
    return out


class _EndLabelLayout:
    """Positions of one axes' end labels, solved at draw time (after layout and any limit change)."""

    def __init__(self, ax, texts: Sequence[str], points: Sequence[tuple[float, float]], fontsize: float, gap_pt: float):
        self.ax, self.texts, self.points, self.fontsize, self.gap_pt = ax, list(texts), list(points), fontsize, gap_pt

    def solve(self, renderer) -> list[tuple[float, float]]:
        ax = self.ax
        gap = renderer.points_to_pixels(self.gap_pt)
        heights = [_text_size(renderer, ax.figure, t, self.fontsize)[1] + gap for t in self.texts]
        box = ax.bbox
        wanted = [float(np.clip(ax.transData.transform(p)[1], box.y0, box.y1)) for p in self.points]
        ys = spread(wanted, heights, box.y0, box.y1)
        x = box.x1 + renderer.points_to_pixels(LABEL_GUTTER)
        return [(x, y) for y in ys]

    def transform(self, i: int):
        from matplotlib.transforms import Affine2D

        def at(renderer):
            px, py = self.solve(renderer)[i]
            return Affine2D().translate(px, py)

        return at


#: End labels wrap at this share of the figure width, so the margin they need stays small.
LABEL_WIDTH = 0.24
#: Points between the axes and the end labels: room for the leaders, which never cross a label.
LABEL_GUTTER = 11.0


def label_line_ends(ax, ends: Sequence[EndLabel], *, fontsize: float | None = None, gap_pt: float = 1.5) -> list:
    """Name each line in the right margin at the height of its last point; labels never overlap.

    Long names wrap (a "(…)" part goes to its own line when it fits). The positions are solved when
    the figure is drawn (:func:`spread` over the labels' real text heights), so they hold after
    ``finish`` lays the figure out or a caller changes the axis limits. Label colours are darkened
    where needed to read on white (:func:`text_colour`). Returns the annotations.
    """
    size = fontsize or SIZES["label"]
    fig = ax.figure
    renderer = fig.canvas.get_renderer()
    texts = [e.text for e in ends]
    wrapped = [wrap_to_width(t, fig, size, fig.bbox.width * LABEL_WIDTH) for t in texts]
    # wrap only while the labels still fit the height a finished chart's axes will have (about 60%)
    room = 0.6 * fig.bbox.height / max(1, len(fig.axes))
    if sum(_text_size(renderer, fig, t, size)[1] for t in wrapped) <= room:
        texts = wrapped
    layout = _EndLabelLayout(ax, texts, [(e.x, e.y) for e in ends], size, gap_pt)
    final = max(e.x for e in ends)
    out = []
    for i, (t, e) in enumerate(zip(texts, ends, strict=True)):
        c = text_colour(e.colour)
        # a line that reaches the right edge gets a thin leader to its label, which may sit above or
        # below its end when neighbours crowd; an earlier end has its year in the label instead
        leader = ({"arrowstyle": "-", "color": c, "linewidth": 0.7, "shrinkA": 1.5, "shrinkB": 4, "relpos": (0, 0.5)}
                  if e.x == final else None)  # fmt: skip
        out.append(ax.annotate(t, (e.x, e.y), xycoords="data", xytext=(0, 0), textcoords=layout.transform(i),
                               va="center", ha="left", fontsize=size, color=c, linespacing=1.05,
                               annotation_clip=False, arrowprops=leader))  # fmt: skip
    return out


#: The gid of labels that :func:`finish` may move off the data (see :func:`clear_of_lines`).
MOVABLE = "mainports-movable-label"


def mark_start(ax, year: float, text: str = "approach starts") -> None:
    """A dashed vertical line at the start of the mainports approach (or any intervention).

    The label sits right of the line near the top; :func:`finish` moves it down (or to the line's
    left) where a line of data would cross it.
    """
    ax.axvline(year, color=GREY, linestyle="--", linewidth=1, gid="mainports-start-line")
    if text:
        if len(text) > 14 and " " in text:  # two short lines: the margin right of the axes holds line labels
            text = text.replace(" ", "\n", 1)
        ax.annotate(text, (year, 1), xycoords=("data", "axes fraction"), xytext=(4, -4), gid=MOVABLE,
                    textcoords="offset points", va="top", fontsize=SIZES["annotation"], color=GREY)  # fmt: skip


# ---------------------------------------------------------------------------------------------- around a chart


def csv_download(frame: pd.DataFrame, filename: str, text: str = "Download the data of this chart (CSV)"):
    """A link that downloads ``frame`` as CSV, embedded in the page (works offline, no extra file).

    Returns an IPython HTML object; in a notebook it shows as a link under the chart.
    """
    from IPython.display import HTML

    from mainports_analysis._io import frame_to_csv

    data = base64.b64encode(frame_to_csv(frame).encode("utf-8")).decode("ascii")
    return HTML(
        f'<p class="figure-download"><a download="{html.escape(filename)}" '
        f'href="data:text/csv;charset=utf-8;base64,{data}">⬇ {html.escape(text)}</a></p>'
    )


def folded(content, summary: str, *, open_: bool = False):
    """``content`` (a frame, a styled table, HTML text or anything with ``_repr_html_``) folded under ``summary``.

    For method tables, robustness grids and long tables that most readers skip: a ``<details>``
    element, which both renderers pass through, that opens on a click or a tap and prints open
    (styles.css). Returns an IPython HTML object.
    """
    from IPython.display import HTML

    if isinstance(content, str):
        inner = content
    elif hasattr(content, "_repr_html_"):
        inner = content._repr_html_()
    elif hasattr(content, "to_html"):
        inner = content.to_html()
    else:
        raise TypeError(f"cannot fold a {type(content).__name__}: give HTML text, a frame or an object with _repr_html_")
    return HTML(f'<details class="folded"{" open" if open_ else ""}><summary>{html.escape(summary)}</summary>{inner}</details>')


def source_text(frame: pd.DataFrame, *, column: str = "publisher", limit: int = 4, lang: str = "en") -> str:
    """Name the publishers behind a chart's rows, most frequent first ("A; B; C and 2 others")."""
    nl = lang == "nl"
    if column not in frame or frame.empty:
        return "zie Data & sources" if nl else "see Data & sources"
    names = frame[column].astype(str).str.replace(r"\s*\(.*\)$", "", regex=True).value_counts()
    names = list(names.index)
    shown = "; ".join(names[:limit])
    more = (f" en {len(names) - limit} andere" if nl else f" and {len(names) - limit} more") if len(names) > limit else ""
    return shown + more + (" (details: Data & sources)")


def bar_labels(ax, bars, fmt: str = "{:,.1f}", *, inside: bool = False) -> None:
    """Write each bar's value on it."""
    for rect in bars:
        h = rect.get_height()
        if np.isnan(h):
            continue
        ax.annotate(fmt.format(h), (rect.get_x() + rect.get_width() / 2, h), xytext=(0, -12 if inside else 3),
                    textcoords="offset points", ha="center", fontsize=SIZES["annotation"],
                    color="white" if inside else GREY)  # fmt: skip


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
            ax.annotate(total_format(total), (x, total), xytext=(0, 3), textcoords="offset points", ha="center", fontsize=SIZES["annotation"])
    return bottom


def share_bars(ax, shares: pd.DataFrame, *, lang: str = "en", missing_text: str = "no published figure") -> None:
    """Horizontal grouped bars: one group per hub (rows), one bar per kind of share (columns, 0–1).

    The first column is drawn solid in the hub's colour, the others lighter and hatched, in column
    order; a missing share is not drawn as zero but labelled ``missing_text``, once for a run of
    missing bars in one group (so labels never stack on each other). Hub names wrap; the legend,
    naming the columns, sits below the axes, off the bars.
    """
    import textwrap

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
    for i, hub in enumerate(shares.index):
        missing = [j for j, v in enumerate(shares.loc[hub].astype(float)) if pd.isna(v)]
        runs: list[list[int]] = []
        for j in missing:
            if runs and runs[-1][-1] == j - 1:
                runs[-1].append(j)
            else:
                runs.append([j])
        for run in runs:
            centre = y[i] + ((run[0] + run[-1]) / 2 - (k - 1) / 2) * height
            ax.annotate(missing_text, (0.004, centre), va="center", fontsize=SIZES["source"], color=GREY)
    ax.set_yticks(y, [textwrap.fill(label(str(h), lang), 16) for h in shares.index])
    ax.invert_yaxis()
    percent(ax, "x")
    ax.grid(axis="x", color=LIGHT)
    ax.grid(axis="y", visible=False)
    legend = ax.legend(loc="upper left", bbox_to_anchor=(-0.02, -0.1), fontsize=SIZES["legend"], ncol=1, borderaxespad=0)
    for handle in legend.legend_handles:  # the legend shows the kind of bar, not one hub's colour
        handle.set_facecolor("#888888")
