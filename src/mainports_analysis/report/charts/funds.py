"""The funds page's figures (notebooks/01_allocation): the money per hub and period, and each hub's share of the
money beside its share of the seizures. Titles are computed and worded in ``templates/en/funds/titles.md.j2``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd

from mainports_analysis.analysis import metrics
from mainports_analysis.report.charts.style import (
    finish,
    label,
    new_figure,
    percent,
    share_bars,
    source_text,
    stacked_columns,
)
from mainports_analysis.report.findings.money import window_label
from mainports_analysis.report.prose import render
from mainports_analysis.report.text import count_word, eur_mln, in_prose

if TYPE_CHECKING:
    from mainports_analysis.report.findings.money import FundsPage

#: Budget lines that are no hub (left out when naming the hub with the largest part).
NOT_HUBS = ("overarching", "reservation")


def _ticks(columns) -> dict[str, str]:
    return {c: c.replace(" (", "\n(").replace(" onwards", "\nonwards") for c in columns}


def funds_figure(page: FundsPage):
    """Two stacked bar charts per period of the decision memo: EUR million per hub (left), shares of each
    period's budget (right). The title says how much the structural money exceeds the incidental first
    year and whether one hub gets the largest part in every period."""
    table = page.table
    ticks = _ticks(table.columns)
    fig, (ax1, ax2) = new_figure(ncols=2, height=5.0)
    totals = stacked_columns(ax1, table.rename(columns=ticks), total_format=eur_mln)
    stacked_columns(ax2, metrics.period_shares(table).rename(columns=ticks))
    ax1.set_ylim(0, totals.max() * 1.7)
    ax1.legend(loc="upper left", ncols=2, fontsize=7.5)
    ax2.set_ylim(0, 1)
    percent(ax2)
    ax2.set_title("share of each period's budget", loc="left", fontsize=10, fontweight="normal", color="#555555")
    largest = table.drop(index=[h for h in NOT_HUBS if h in table.index]).idxmax()
    title = render("funds/titles", "en", part="funds_title", full_year=page.years["full"], growth=totals[-1] / totals[0],
                   incidental_year=page.years["incidental"], largest=label(largest.iloc[0]) if largest.nunique() == 1 else "")
    finish(fig, ax1, title=title, unit="EUR million per year", source=source_text(page.money_rows))
    return fig


def funds_csv_frame(page: FundsPage) -> pd.DataFrame:
    """The data of :func:`funds_figure` for download: one row per hub or budget line, with its name."""
    return page.table.reset_index().assign(name=lambda f: f["hub"].map(label))


def share_frame(page: FundsPage) -> pd.DataFrame:
    """Each hub's share of the money and of the cocaine seized before and after (the bars of :func:`shares_figure`)."""
    cmp = page.cmp
    return pd.DataFrame({f"share of the money (from {page.years['full']})": cmp.fund_shares(),
                         f"share of cocaine seized, {page.before}": cmp.shares("cocaine_kg", "before"),
                         f"share of cocaine seized, {page.after}": cmp.shares("cocaine_kg", "after")})


def shares_figure(page: FundsPage):
    """Each hub's share of the money beside its share of the seizures at the hubs with figures.

    The title counts the hubs each seizure share covers (four of the five before the approach: the
    flower auctions publish no annual figure), so it agrees with the table beside it.
    """
    cmp, bars = page.cmp, share_frame(page)
    fig, ax = new_figure(height=5.0)
    share_bars(ax, bars)
    r = bars.loc["rotterdam"]
    missing = [(window_label(cmp, w), [in_prose(h) for h in cmp.funds.index if h not in cmp.reporting("cocaine_kg", w)])
               for w in cmp.windows]
    title = render("funds/titles", "en", part="shares_title", fund_share=r.iloc[0], n_hubs=len(cmp.funds), before_share=r.iloc[1],
                   after_share=r.iloc[2], before=page.before, after=page.after,
                   n_before=len(cmp.reporting("cocaine_kg", "before")), n_after=len(cmp.reporting("cocaine_kg", "after")))
    finish(fig, ax, title=title, unit=f"share of the {count_word(len(cmp.funds))} funded hubs (seizures: kilograms, yearly average)",
           source=f"money: {source_text(page.money_rows)}; seizures: HARC/OM and Douane figures via news releases",
           note=render("funds/titles", "en", part="shares_note", missing=missing))
    return fig


def shares_csv_frame(page: FundsPage) -> pd.DataFrame:
    """The data of :func:`shares_figure` for download."""
    return share_frame(page).rename_axis("hub").reset_index().assign(name=lambda f: f["hub"].map(label))
