"""The charts of the waterbed analysis, drawn in the house style (:mod:`mainports_analysis.report.charts.style`).

Each function takes the frames the analysis computed and returns the figure; titles are built by the
caller from the data, so every chart states a computed finding.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd

from mainports_analysis.analysis import waterbed
from mainports_analysis.report.charts.style import colour, finish, label, lines, mark_start, new_figure

#: Marker per control, so the sensitivity chart reads in grey print too.
CONTROL_MARKERS = {"eu_rest": "o", "eu_total": "s", "it_total": "D", "none": "^"}
CONTROL_SHADES = {"eu_rest": "#222222", "eu_total": "#666666", "it_total": colour("it_total"), "none": "#AAAAAA"}


def indexed_chart(frame: pd.DataFrame, *, order: Sequence[str], title: str, unit: str, source: str):
    """Seizures as an index (base = 100) per place, with the approach's start marked."""
    fig, ax = new_figure()
    lines(ax, frame, y="index", order=list(order), styles={"eu_total": {"linestyle": "--", "color": "#555555"}})
    ax.axhline(100, color="#999999", linewidth=0.8)
    mark_start(ax, waterbed.START - 0.5, f"approach starts ({waterbed.START})")
    finish(fig, ax, title=title, unit=unit, source=source)
    return fig


def sensitivity_chart(g: pd.DataFrame, *, title: str, source: str, note: str):
    """The WDQ of every computable window × control cell, one row per buffer port, marker per control.

    The grey band from -1 to 0 is displacement smaller than Rotterdam's fall; right of 0, diffusion.
    """
    ok = g[(g["variant"] == waterbed.PREFERRED) & g["computable"]]
    buffers = [b for b in waterbed.BUFFERS]
    fig, ax = new_figure(height=4.2)
    ax.axvspan(-1, 0, color="#EEEEEE", zorder=0)
    ax.axvline(0, color="#777777", linewidth=0.8)
    offsets = np.linspace(-0.27, 0.27, len(waterbed.WINDOWS))
    window_offset = {w.label: o for w, o in zip(waterbed.WINDOWS, offsets, strict=True)}
    for control, c in waterbed.CONTROLS.items():
        part = ok[ok["control"] == control]
        y = [buffers.index(b) + window_offset[w] for b, w in zip(part["buffer"], part["window"], strict=True)]
        ax.scatter(part["wdq"], y, marker=CONTROL_MARKERS[control], color=CONTROL_SHADES[control], s=34,
                   label=f"control: {c.label}", zorder=3)
    ax.set_yticks(range(len(buffers)), [label(b) for b in buffers])
    ax.invert_yaxis()
    ax.set_ylim(len(buffers) - 0.5, -0.5)
    ax.grid(axis="x", color="#DDDDDD")
    ax.grid(axis="y", visible=False)
    # below the axes, so that no marker hides behind it
    ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.09), ncol=2, fontsize=8, frameon=False)
    finish(fig, ax, title=title, unit="weighted displacement quotient (grey band: displacement smaller than Rotterdam's fall)",
           source=source, note=note)
    return fig


def its_chart(fits: dict[str, pd.DataFrame], *, title: str, source: str, note: str):
    """Observed tonnes, the fitted segmented trend and the pre-start trend extended, per port."""
    fig, ax = new_figure()
    for loc, fit in fits.items():
        c = colour(loc)
        ax.plot(fit.index, fit["observed"] / 1000, "o", color=c, label=f"{label(loc)}: published")
        ax.plot(fit.index, fit["fitted"] / 1000, color=c, label=f"{label(loc)}: fitted segmented trend")
        post = fit[fit["post"]]
        ax.plot(post.index, post["counterfactual"] / 1000, "--", color=c, alpha=0.6, label=f"{label(loc)}: pre-{waterbed.START} trend extended")
    mark_start(ax, waterbed.START - 0.5, "approach starts")
    ax.legend(loc="upper left", fontsize=8)
    finish(fig, ax, title=title, unit="tonnes of cocaine seized per year", source=source, note=note)
    return fig


def shares_chart(shares: pd.DataFrame, *, title: str, source: str, note: str):
    """Each port's share of the range per year; years with a port missing are gaps, not partial shares."""
    fig, ax = new_figure()
    lines(ax, shares, y="share", order=list(dict.fromkeys(shares["location"])))
    from mainports_analysis.report.charts.style import percent

    percent(ax)
    mark_start(ax, waterbed.START - 0.5, "approach starts")
    finish(fig, ax, title=title, unit="share of the cocaine seized at the three ports", source=source, note=note)
    return fig
