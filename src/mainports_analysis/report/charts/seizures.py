"""The seizures page's figures (notebooks/02_seizures), drawn from a
:class:`~mainports_analysis.report.findings.seizures.SeizuresPage`. Titles are computed and worded in
``templates/en/seizures/titles.md.j2``; each title states what the table beside the chart shows.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from mainports_analysis.analysis import metrics
from mainports_analysis.data.series import wide
from mainports_analysis.report import labels
from mainports_analysis.report.charts.style import (
    colour,
    finish,
    label,
    lines,
    mark_start,
    new_figure,
    percent,
    source_text,
    thousands,
    tint,
    with_gaps,
)
from mainports_analysis.report.findings.seizures import (
    CUSTOMS,
    DUTCH,
    GAP,
    HARC,
    PORTS,
    TWO_PORTS,
    of_three,
    start_label,
)
from mainports_analysis.report.prose import render

if TYPE_CHECKING:
    from mainports_analysis.report.findings.seizures import SeizuresPage

HIGHLIGHT = ["rotterdam", "antwerp"]


def _title(part: str, **values) -> str:
    return render("seizures/titles", "en", part=part, **values)


def dutch_hubs_figure(page: SeizuresPage):
    """Tonnes per year at the Dutch hubs and the national total; the title measures Rotterdam against its base."""
    nl, r = page.dutch, page.rotterdam
    fig, ax = new_figure()
    lines(ax, nl.assign(t=nl["value"] / 1000), y="t", order=list(DUTCH), styles={"nl_total": {"linestyle": "--"}})
    mark_start(ax, page.start - 0.5, start_label())
    systems = [(label(loc), labels.series(s, short=True)) for loc, s in nl.attrs["series_used"].items()]
    finish(fig, ax, title=_title("dutch_title", peak_year=int(r.idxmax()), last_year=int(r.index.max()), base=page.base,
                                 change=metrics.relative_change(r, page.base, int(r.index.max()))),
           unit="tonnes of cocaine seized per year", source=source_text(nl), note=_title("dutch_note", systems=systems))
    return fig


def european_ports_figure(page: SeizuresPage):
    """Tonnes per year at Rotterdam, Antwerp (in colour) and the other European container ports (grey)."""
    eu = page.european
    ew = wide(eu)
    fig, ax = new_figure()
    lines(ax, eu.assign(t=eu["value"] / 1000), y="t", order=list(PORTS), highlight=HIGHLIGHT, label_muted=True)
    mark_start(ax, page.start - 0.5, start_label())
    since = metrics.leader_since(ew["antwerp"], ew["rotterdam"])
    last_both = int(ew[["antwerp", "rotterdam"]].dropna().index.max())
    values = {"since": since, "last_both": last_both, "ratio": ew.loc[last_both, "antwerp"] / ew.loc[last_both, "rotterdam"],
              "margin": (ew.loc[since, "antwerp"] - ew.loc[since, "rotterdam"]) if since is not None else 0.0}
    finish(fig, ax, title=_title("ports_title", **values), unit="tonnes of cocaine seized per year", source=source_text(eu),
           note="Gaps: no published figure. Grey: ports with scattered figures.")
    return fig


def shares_figure(page: SeizuresPage):
    """Rotterdam's share of Rotterdam + Antwerp (dotted) and each port's share of the three (solid), per year.

    The title gives Vlissingen's yearly shares as the table beside the chart shows them; the pooled
    window shares (kilograms summed over the years all three published) go into the note.
    """
    shares, kw = page.shares, page.range_kg
    fig, ax = new_figure()
    s2 = with_gaps(shares[TWO_PORTS].dropna())  # a year without a figure stays a gap
    ax.plot(s2.index, s2.values, color=colour("rotterdam"), marker="o", linestyle=":", label=TWO_PORTS)
    for loc in page.range_ports:
        s = with_gaps(shares[of_three(loc)].dropna())
        ax.plot(s.index, s.values, color=colour(loc), marker="o", label=of_three(loc))
    mark_start(ax, page.start - 0.5, start_label())
    percent(ax)
    ax.set_ylim(0, 1)
    ax.legend(loc="upper left", fontsize=8.5)
    after_years = [y for y in kw.index if y >= page.start]
    v_before, used_before = metrics.pooled_share(kw, "vlissingen", page.range_ports, page.base)
    v_after, used_after = metrics.pooled_share(kw, "vlissingen", page.range_ports, after_years)
    yearly = shares[of_three("vlissingen")]
    finish(fig, ax,
           title=_title("shares_title", change=v_after - v_before, before=[(y, yearly[y]) for y in used_before],
                        after=[(y, yearly[y]) for y in used_after]),
           unit="share of kilograms seized", source=source_text(page.kg(page.range_ports)),
           note=_title("shares_note", pooled_before=v_before, used_before=used_before, pooled_after=v_after, used_after=used_after))
    return fig


def per_teu_figure(page: SeizuresPage):
    """Kilograms per million TEU for the ports with both figures; the title compares Antwerp with Rotterdam."""
    per_teu, rates = page.per_teu, page.rates
    fig, ax = new_figure()
    lines(ax, per_teu, y="per_traffic", order=[p for p in PORTS if p in set(per_teu["location"])], highlight=HIGHLIGHT)
    thousands(ax)
    rp = rates["rotterdam"].dropna()
    above, common = metrics.count_above(rates.reindex(columns=["antwerp"])["antwerp"], rates["rotterdam"])
    finish(fig, ax, title=_title("teu_title", peak_year=int(rp.idxmax()), peak=rp.max(), above=above, common=common),
           unit="kilograms of cocaine seized per million TEU",
           source="seizures: see Data & sources; TEU: " + source_text(page.teu[page.teu["location"].isin(rates.columns)]),
           note="Grey: ports with scattered figures.")
    return fig


def harc_customs_figure(page: SeizuresPage):
    """Rotterdam's kilograms under the HARC (solid) and the Customs (hatched) counting systems, per year."""
    both = page.harc_customs
    fig, ax = new_figure(height=3.0)  # a secondary chart: lower than the house size, the page stays short
    x = np.arange(len(both))
    ax.bar(x - 0.2, both[HARC] / 1000, width=0.4, color=colour("rotterdam"), label="HARC / prosecution")
    ax.bar(x + 0.2, both[CUSTOMS].fillna(0) / 1000, width=0.4, color=tint(colour("rotterdam")), hatch="//",
           edgecolor="white", label=labels.series("customs", short=True))
    ax.set_xticks(x, both.index)
    ax.legend()
    paired = both.dropna()
    gap = paired[GAP].abs()
    finish(fig, ax, title=_title("harc_title", n=len(paired), gap=gap.max(), gap_share=gap.max() / paired.loc[gap.idxmax(), HARC],
                                 gap_year=int(gap.idxmax())),
           unit="tonnes of cocaine seized per year (no bar: no figure published)", source=source_text(pd.concat(page.harc_customs_rows)))
    return fig


def _bars_with_range(ax, frame: pd.DataFrame, scale: float, colour_: str) -> None:
    v, lo, hi = frame["value"] / scale, frame["low"] / scale, frame["high"] / scale
    ax.bar(frame["year"], v, color=colour_)
    ax.errorbar(frame["year"], v, yerr=[v - lo, hi - v], fmt="none", ecolor="#333333", capsize=3)
    ax.xaxis.get_major_locator().set_params(integer=True)


def arrests_abroad_figure(page: SeizuresPage):
    """Extractor arrests in Rotterdam (left) and tonnes of NL-bound cocaine seized abroad (right), with ranges."""
    arrests, abroad = page.arrests, page.abroad
    fig, (ax1, ax2) = new_figure(ncols=2)
    _bars_with_range(ax1, arrests, 1, colour("rotterdam"))
    ax1.set_title("extractor arrests, Rotterdam", loc="left", fontsize=10, fontweight="normal")
    _bars_with_range(ax2, abroad, 1000, colour("nl_destined_abroad"))
    ax2.set_title("seized abroad, bound for NL (tonnes)", loc="left", fontsize=10, fontweight="normal")
    peak = arrests.set_index("year")["value"]
    finish(fig, ax1, title=_title("arrests_title", peak=peak.max(), peak_year=int(peak.idxmax()), abroad=abroad["value"].max()),
           unit="arrests per year", source=source_text(pd.concat([arrests, abroad])), note="Whiskers: lowest to highest published figure.")
    return fig
