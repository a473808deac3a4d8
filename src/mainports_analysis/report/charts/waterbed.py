"""The charts of the waterbed analysis, drawn in the house style (:mod:`mainports_analysis.report.charts.style`).

Each function takes the frames the analysis computed and returns the figure; titles are built by the
caller from the data, so every chart states a computed finding.
"""

from __future__ import annotations

import textwrap
from collections.abc import Sequence

import numpy as np
import pandas as pd

from mainports_analysis.analysis import waterbed
from mainports_analysis.report.charts.style import (
    SIZES,
    colour,
    finish,
    label,
    lines,
    mark_start,
    new_figure,
    source_text,
)
from mainports_analysis.report.text import and_list

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
    ok = waterbed.base(g)
    ok = ok[ok["computable"]]
    buffers = [b for b in waterbed.BUFFERS]
    fig, ax = new_figure(height=7.0)  # tall enough for the 11-pt title, legend and notes beside eight rows
    ax.axvspan(-1, 0, color="#EEEEEE", zorder=0)
    ax.axvline(0, color="#777777", linewidth=0.8)
    offsets = np.linspace(-0.3, 0.3, len(waterbed.WINDOWS))
    window_offset = {w.label: o for w, o in zip(waterbed.WINDOWS, offsets, strict=True)}
    for control, c in waterbed.CONTROLS.items():
        part = ok[ok["control"] == control]
        y = [buffers.index(b) + window_offset[w] for b, w in zip(part["buffer"], part["window"], strict=True)]
        ax.scatter(part["wdq"], y, marker=CONTROL_MARKERS[control], color=CONTROL_SHADES[control], s=34,
                   label=textwrap.fill(c.label, 40), zorder=3)
    ax.set_yticks(range(len(buffers)), [label(b) for b in buffers])
    ax.invert_yaxis()
    ax.set_ylim(len(buffers) - 0.5, -0.5)
    ax.grid(axis="x", color="#DDDDDD")
    ax.grid(axis="y", visible=False)
    # below the axes, so that no marker hides behind it; one column, so the long control names are
    # not shrunk to fit two side by side (legible at 11 pt on a phone)
    # starting under the port names (axes x about -0.8), so that its width does not squeeze the axes
    ax.legend(loc="upper left", bbox_to_anchor=(-0.8, -0.07), ncol=1, fontsize=SIZES["legend"], frameon=False,
              title="control", title_fontsize=SIZES["legend"], alignment="left")
    finish(fig, ax, title=title, unit="weighted displacement quotient (grey band: displacement smaller than Rotterdam's fall)",
           source=source, note=note)
    return fig


def detectability_chart(mdc: pd.DataFrame, *, fall_kg: float, title: str, source: str, note: str):
    """The smallest detectable rise (kilograms a year, log scale) per port, against Rotterdam's fall.

    Ports whose series is long enough get a dot labelled with the factor; the others a text saying
    why none is drawn (too few years before the approach, or no series). The dashed line is Rotterdam's fall.
    """
    fig, ax = new_figure(height=5.6)  # nine rows of 11-pt labels under a three-line title
    usable = mdc[mdc["usable"]]
    lo = min([fall_kg, *usable["kg"]]) / 1000 / 3
    for i, r in enumerate(mdc.itertuples()):
        c = colour(r.location)
        if r.usable:
            ax.scatter([r.kg / 1000], [i], s=60, color=c, zorder=3)
            ax.annotate(f"×{r.ratio:,.1f}", (r.kg / 1000, i), xytext=(7, 0), textcoords="offset points", va="center", fontsize=SIZES["annotation"])
        else:
            why = "no series" if "no annual" in str(r.note) else "series too short"
            ax.annotate(why, (fall_kg / 1000 * 1.15, i), va="center", fontsize=SIZES["annotation"], color="#666666")
    ax.axvline(fall_kg / 1000, color="#333333", linestyle="--", linewidth=1)
    ax.annotate("Rotterdam's fall", (fall_kg / 1000, -0.6), xytext=(4, 0), textcoords="offset points", fontsize=SIZES["annotation"])
    ax.set_xscale("log")
    ax.set_xlim(lo * 0.9, max([fall_kg, *usable["kg"]]) / 1000 * 20)
    ax.set_ylim(len(mdc) - 0.5, -1)
    ax.set_yticks(range(len(mdc)), [label(loc) for loc in mdc["location"]])
    ax.grid(axis="y", visible=False)
    finish(fig, ax, title=title, unit="smallest detectable one-year rise, tonnes a year (log scale); label: as a factor",
           source=source, note=note)
    return fig


def placebo_chart(real: pd.DataFrame, placebo: pd.DataFrame, *, title: str, source: str, note: str):
    """The WDQ of the real comparisons beside the placebo ones (in time and in space), one row each.

    The grey band from -1 to 0 is "displacement smaller than the gain": the placebo rows show how
    often the quotient lands there with no intervention at all.
    """
    rows = [("Vlissingen and\nNorth Sea Canal", real[real["buffer"].isin(["vlissingen", "nzkg_ports"])]),
            ("Antwerp", real[real["buffer"] == "antwerp"]),
            ("placebo in time", placebo[placebo["kind"] == "time"]),
            ("placebo in space", placebo[placebo["kind"] == "space"])]
    fig, ax = new_figure(height=5.4)  # four rows under a three-line title and a seven-line note
    ax.axvspan(-1, 0, color="#EEEEEE", zorder=0)
    ax.axvline(0, color="#777777", linewidth=0.8)
    rng = np.random.default_rng(0)
    for i, (_, part) in enumerate(rows):
        ok = part[part["computable"]]
        q = ok["wdq"].clip(-4, 4)
        ax.scatter(q, i + rng.uniform(-0.15, 0.15, len(q)), s=22, color="#222222" if i < 2 else "#888888", zorder=3)
    ax.set_yticks(range(len(rows)), [r[0] for r in rows])
    ax.set_xlim(-4.2, 4.2)
    ax.invert_yaxis()
    ax.grid(axis="y", visible=False)
    finish(fig, ax, title=title, unit="weighted displacement quotient (grey band: a rise smaller than Rotterdam's fall)",
           source=source, note=note)
    return fig


def profile_chart(profiles: pd.DataFrame, *, location: str, title: str, source: str, note: str):
    """The break-year profile: the fit (sum of squared residuals, relative to the best) at every candidate start."""
    fig, ax = new_figure(height=3.8)
    styles = {"kg": {"marker": "o", "linestyle": "-"}, "log": {"marker": "s", "linestyle": "--"}}
    for scale, part in profiles[profiles["location"] == location].groupby("scale", sort=False):
        rel = part["sse"] / part["sse"].min()
        ax.plot(part["start"], rel, color=colour(location), label=f"{'kilograms' if scale == 'kg' else 'log kilograms'}",
                **styles.get(scale, {}))
    mark_start(ax, waterbed.START - 0.5, f"approach starts ({waterbed.START})")
    ax.axhline(1, color="#999999", linewidth=0.8)
    ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.12), ncol=2, fontsize=SIZES["legend"], frameon=False)
    finish(fig, ax, title=title, unit="residual sum of squares relative to the best break (1 = best fit)", source=source,
           note=note)
    return fig


def its_chart(fits: dict[str, pd.DataFrame], *, title: str, source: str, note: str):
    """Observed tonnes, the fitted segmented trend and the pre-start trend extended, per port."""
    fig, ax = new_figure(height=6.8)  # the six-entry legend sits below the axes
    for loc, fit in fits.items():
        c = colour(loc)
        ax.plot(fit.index, fit["observed"] / 1000, "o", color=c, label=f"{label(loc)}: published")
        ax.plot(fit.index, fit["fitted"] / 1000, color=c, label=f"{label(loc)}: fitted segmented trend")
        post = fit[fit["post"]]
        ax.plot(post.index, post["counterfactual"] / 1000, "--", color=c, alpha=0.6, label=f"{label(loc)}: pre-{waterbed.START} trend extended")
    mark_start(ax, waterbed.START - 0.5, "approach starts")
    ax.legend(loc="upper left", bbox_to_anchor=(0.0, -0.09), ncol=1, fontsize=SIZES["legend"], frameon=False)
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


def other_entry_chart(seizures: pd.DataFrame, *, base_year: int, first_year: int):
    """National seizure totals (tonnes a year) of the other entry countries with a figure for ``base_year``
    and a later one, the Dutch total dashed for reference; the title names which rose and which did not.

    National totals are compiled by different agencies per country, so the chart shows direction, not
    size. Returns the figure and the frame drawn (for the CSV beside it).
    """
    changes = waterbed.national_changes(seizures, base_year=base_year)
    countries = [*changes["location"], "nl_total"]
    wider = waterbed.series_frame(seizures, countries)
    wider = wider[wider["year"] >= first_year]
    styles = {loc: {"label": label(loc).replace(" (national total)", "")} for loc in countries}
    styles["nl_total"].update(linestyle="--", label="Netherlands (for reference)")
    fig, ax = new_figure(height=3.3)
    lines(ax, wider.assign(t=wider["value"] / 1000), y="t", order=countries, styles=styles)
    mark_start(ax, waterbed.START - 0.5, "approach starts")
    up = [styles[loc]["label"] for loc, rose in zip(changes["location"], changes["rose"], strict=True) if rose]
    down = [styles[loc]["label"] for loc, rose in zip(changes["location"], changes["rose"], strict=True) if not rose]
    title = (f"Higher in their latest year than in {base_year}: {and_list(up)}" if up else f"None higher than in {base_year}")
    finish(fig, ax, title=title + (f"; not higher: {and_list(down)}" if down else ""),
           unit="tonnes of cocaine seized per year", source=source_text(wider),
           note="National totals by different agencies: per country the series with the most published years (named in the CSV).")
    return fig, wider
