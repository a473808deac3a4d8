"""The two charts of the measures page, drawn in the house style of :mod:`mainports_analysis.report.charts.style`.

- :func:`red_lines_figure` -- measures per hub as horizontal bars stacked by red line;
- :func:`timeline_figure` -- one dot per dated measure at its start year and hub, the count of
  undated measures at the right of each row, and below it each hub's cocaine seizures and
  Rotterdam's extractor arrests, with the money milestones (incidental money, the structural
  ramp-up and the full structural level) as vertical lines.

Both take the frames the notebook already has and return the matplotlib figure; the titles come
from :func:`mainports_analysis.analysis.measures.red_lines_title` and :func:`~mainports_analysis.analysis.measures.timeline_title`,
so the notebook only calls, shows and explains. Colours: red lines from
:data:`mainports_analysis.analysis.measures.RED_LINES` (Tol's muted scheme), hubs from the registry.
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
import pandas as pd

from mainports_analysis.data.registry import registry
from mainports_analysis.report import measures as M
from mainports_analysis.report.charts.style import (
    GREY,
    SIZES,
    finish,
    lines,
    new_figure,
    source_text,
    thousands,
)

#: Line styles of the money milestones in the timeline, in the order they happen.
MILESTONE_STYLES = {
    "incidental": {"linestyle": ":", "linewidth": 1.4},
    "ramp_up": {"linestyle": "--", "linewidth": 1.2},
    "full": {"linestyle": "-", "linewidth": 1.0},
}

#: Most dots side by side in one hub-year cell before a new row of dots starts.
DOTS_PER_ROW = 3


def red_lines_figure(measures: pd.DataFrame, summary: M.MeasureSummary | None = None, *, source_limit: int = 3):
    """Horizontal stacked bars: measures per hub (registry order), split by red line, total at the end."""
    import textwrap

    s = summary or M.summary(measures)
    by_line = M.count_by(measures)
    fig, ax = new_figure(height=6.0)  # narrow for a phone: hub names wrap, the legend is one column below
    y = np.arange(len(by_line))
    left = np.zeros(len(by_line))
    for code in by_line.columns:
        ax.barh(y, by_line[code], left=left, height=0.66, color=M.RED_LINES[code].colour,
                label=M.label(code).capitalize(), edgecolor="white", linewidth=0.6)  # fmt: skip
        left += by_line[code].to_numpy()
    for yi, total in zip(y, left, strict=True):
        ax.annotate(f"{int(total)}", (total, yi), xytext=(4, 0), textcoords="offset points", va="center",
                    fontsize=SIZES["annotation"], color=GREY)  # fmt: skip
    ax.set_yticks(y, [textwrap.fill(M.label(h), 16) for h in by_line.index])
    ax.invert_yaxis()
    ax.grid(axis="y", visible=False)
    ax.grid(axis="x", visible=True)
    ax.xaxis.get_major_locator().set_params(integer=True)
    ax.set_xlim(0, max(1, int(by_line.sum(axis=1).max())) * 1.08)
    ax.legend(loc="upper left", bbox_to_anchor=(-0.02, -0.09), ncol=1, frameon=False, borderaxespad=0)  # below the bars, covering none
    finish(fig, ax, title=M.red_lines_title(s), unit="Number of measures named in public sources, by line of action",
           source=source_text(measures, limit=source_limit))  # fmt: skip
    return fig


def milestones(allocations: pd.DataFrame) -> dict[str, tuple[int, str]]:
    """The money milestones drawn in the timeline: key → (year, legend text).

    Incidental money (first incidental year), the structural ramp-up (first structural year) and the
    full structural level (first recurring year, with its amount), from
    :func:`~mainports_analysis.analysis.measures.programme_starts` and :func:`~mainports_analysis.analysis.measures.structural_money`.
    """
    from mainports_analysis.report.text import eur_mln

    starts = M.programme_starts(allocations)
    money = M.structural_money(allocations)
    out = {}
    if "incidental" in starts:
        out["incidental"] = (starts["incidental"], f"incidental money ({starts['incidental']})")
    out["ramp_up"] = (money.first_year, f"structural money from {money.first_year}")
    out["full"] = (money.full_year, f"{eur_mln(money.full_amount)} a year from {money.full_year}")
    return out


def dot_positions(dots: pd.DataFrame, hubs: list[str], *, per_row: int = DOTS_PER_ROW,
                  dx: float = 0.24, dy: float = 0.34) -> pd.DataFrame:  # fmt: skip
    """Where each dated measure's dot goes: x near its start year, y near its hub's row.

    Measures sharing a hub and year (``slot`` 0..n-1 of :func:`~mainports_analysis.analysis.measures.dated`)
    are spread ``per_row`` to a row, each row centred on the year and the rows on the hub row, so no
    two dots overlap.
    Returns ``dots`` with columns x and y added.
    """
    out = dots.copy()
    n = out["n_in_cell"].to_numpy()
    slot = out["slot"].to_numpy()
    rows = -(-n // per_row)
    in_row = np.minimum(per_row, n - (slot // per_row) * per_row)  # dots in this dot's row (the last may be short)
    out["x"] = out["start_year"].to_numpy() + (slot % per_row - (in_row - 1) / 2) * dx
    out["y"] = out["hub"].map(hubs.index).to_numpy() + (slot // per_row - (rows - 1) / 2) * dy
    return out


def timeline_figure(
    measures: pd.DataFrame,
    series: pd.DataFrame,
    allocations: pd.DataFrame,
    summary: M.MeasureSummary | None = None,
    *,
    hub_series_map: Mapping[str, str | None] | None = None,
):
    """Three panels on one year axis: start years of measures, cocaine seized, extractor arrests."""
    from matplotlib.lines import Line2D

    s = summary or M.summary(measures)
    reg = registry()
    mapping = dict(M.HUB_SERIES if hub_series_map is None else hub_series_map)
    per_year = M.timeline(measures)
    hubs = list(per_year.index)
    dots = dot_positions(M.dated(measures), hubs)
    kg = series[series["metric"].astype(str) == "cocaine_kg"]
    arrests = series[series["metric"].astype(str) == "extractor_arrests"]
    marks = milestones(allocations)
    years = [int(series["year"].min()), int(series["year"].max()), *(y for y, _ in marks.values())]
    if len(dots):
        years += [int(dots["start_year"].min()), int(dots["start_year"].max())]
    first, last = min(years), max(years)

    import textwrap

    # tall and narrow: legible on a phone without a tap; every legend sits below the panels, off the data
    fig, (top_ax, kg_ax, ar_ax) = new_figure(nrows=3, height=10.8, sharex=True,
                                             gridspec_kw={"height_ratios": [4.0, 1.6, 1.0]})  # fmt: skip
    for row in dots.itertuples():
        top_ax.scatter(row.x, row.y, s=38, color=M.RED_LINES[row.red_line].colour, edgecolor="#333333",
                       linewidth=0.4, zorder=3)  # fmt: skip
    for i, hub in enumerate(hubs):
        n = int(per_year.loc[hub, M.NOT_STATED.code])
        if n:
            top_ax.annotate(f"+{n} undated", (last + 0.75, i), va="center", fontsize=SIZES["source"], color=GREY)
    top_ax.set_yticks(range(len(hubs)), [textwrap.fill(M.label(h), 16) for h in hubs])
    top_ax.set_ylim(len(hubs) - 0.4, -0.6)
    top_ax.grid(axis="y", visible=False)

    handles = [Line2D([], [], marker="o", linestyle="", markersize=6.5, markerfacecolor=t.colour,
                      markeredgecolor="#333333", markeredgewidth=0.4, label=t.en.capitalize())
               for t in M.RED_LINES.values()]  # fmt: skip
    money = []
    for key, (year, text) in marks.items():
        style = MILESTONE_STYLES[key]
        for ax in (top_ax, kg_ax, ar_ax):
            ax.axvline(year, color=GREY, zorder=1, **style)
        money.append(Line2D([], [], color=GREY, label=text, **style))
    order = [loc for loc in mapping.values() if loc]
    lines(kg_ax, kg, y="value", order=order, label_ends=False)
    kg_ax.set_yscale("log")
    thousands(kg_ax)
    kg_ax.set_title("Cocaine seized per year (kg, log scale)", loc="left", fontsize=SIZES["unit"], fontweight="normal", color=GREY)
    lines(ar_ax, arrests, y="value", order=sorted(set(arrests["location"].astype(str))), label_ends=False)
    if len(arrests):
        ar_ax.set_ylim(0, float(arrests["value"].max()) * 1.15)
    # one legend for the three panels, below the last: red lines, places, money milestones
    series_handles, _ = kg_ax.get_legend_handles_labels()
    ar_ax.legend(handles=[*handles, *series_handles, *money], loc="upper left", bbox_to_anchor=(-0.02, -0.3), ncol=1,
                 fontsize=SIZES["legend"], handletextpad=0.5, borderaxespad=0, labelspacing=0.3)  # fmt: skip
    arrest_places = M.listing([reg.label(loc) for loc in sorted(set(arrests["location"].astype(str)))])
    ar_ax.set_title(textwrap.fill(f"Extractor arrests per year: {arrest_places}", 44), loc="left", fontsize=SIZES["unit"],
                    fontweight="normal", color=GREY)  # fmt: skip
    top_ax.set_xlim(first - 0.6, last + 2.3)

    no_series = [h for h, loc in mapping.items() if loc is None]
    finish(
        fig, top_ax,
        title=M.timeline_title(s),
        unit="Measures by the start year their source gives, one dot each, coloured by line of action",
        source=source_text(series, limit=2) + "; measures: see the table",
        note=(f"No annual seizure series is published for the {M.listing([reg.label(h).lower() for h in no_series])}. "
              "Gaps: no figure published for that year. A start year is shown only where the quote or the "
              "source's own date gives it."),
    )  # fmt: skip
    return fig
