"""The money finding and the funds page (notebooks/01_allocation): where the approach's money goes beside the problem.

Python computes the numbers and the verdicts ("spread more widely", "closer to"); the sentences are in
``report/templates/<lang>/money.md.j2`` and ``report/templates/en/funds/*.md.j2``.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

import pandas as pd

from mainports_analysis.analysis import metrics
from mainports_analysis.analysis.hubs import (
    HUB_MEASURES,
    HubComparison,
    compare_hubs,
    hub_series,
    money_years,
)
from mainports_analysis.data.registry import registry
from mainports_analysis.report import labels
from mainports_analysis.report.findings._base import Finding
from mainports_analysis.report.prose import render
from mainports_analysis.report.text import in_prose, year_ranges

PAGE = "notebooks/01_allocation.ipynb"


def window_label(cmp: HubComparison, window: str) -> str:
    """A comparison window's years as a reader sees them (``2020–2021``)."""
    return year_ranges(cmp.windows[window])


def _gaps(cmp: HubComparison, lang: str) -> list[dict]:
    """The measures no two hubs publish, grouped by the hubs that do: the values of ``not_shared``."""
    gaps = []
    for measure in HUB_MEASURES:
        by_hubs: dict[tuple, list[str]] = {}
        for m, w, hubs in cmp.not_shared():
            if m == measure:
                by_hubs.setdefault(tuple(hubs), []).append(window_label(cmp, w))
        if by_hubs:
            said = [{"hubs": [in_prose(h, lang) for h in hubs], "windows": ws} for hubs, ws in by_hubs.items()]
            gaps.append({"measure": labels.of("hub_measure", measure, lang), "said": said})
    return gaps


def not_shared_text(cmp: HubComparison, *, sentence: bool = False) -> str:
    """Which measures of the problem cannot be shared out across the hubs, and who publishes them (computed).

    ``sentence``: the funds page's whole paragraph, with its lead-in and the reason no share is shown.
    """
    return render("funds/not_shared", "en", gaps=_gaps(cmp, "en"), sentence=sentence)


def money_values(allocations: pd.DataFrame, seizures: pd.DataFrame) -> dict:
    """The numbers and the verdict of the money finding (see :func:`money`)."""
    cmp = compare_hubs(allocations, seizures)
    years = money_years(allocations)
    table = metrics.allocation_table(allocations)
    total = float(table[metrics.PERIODS[3]].sum())
    with_figures = cmp.reporting("cocaine_kg", "before")
    fund_share = float(metrics.share(cmp.funds)["rotterdam"])
    kg_share = float(cmp.shares("cocaine_kg", "before")["rotterdam"])
    return {"total": total, "hubs_total": float(cmp.funds.sum()), "rotterdam": float(cmp.funds["rotterdam"]),
            "fund_share": fund_share, "fund_share_all": float(cmp.funds["rotterdam"]) / total, "kg_share": kg_share,
            "before": cmp.windows["before"], "n_hubs_with_figures": len(with_figures), "from_year": years["full"],
            "ramp_up_year": years["ramp_up"], "n_hubs": len(cmp.funds), "wider": kg_share > fund_share,
            "without": [h for h in cmp.funds.index if h not in with_figures]}  # fmt: skip


def money(allocations: pd.DataFrame, seizures: pd.DataFrame) -> Finding:
    """Does the money follow the problem? Rotterdam's share of the five hubs' money vs of their seizures.

    Like is compared with like: the share of the money for the five hubs (not of the whole budget,
    which includes the overarching measures) beside the share of the cocaine seized at those hubs,
    averaged over the years before the approach (a single year such as Rotterdam's 2021 peak would
    flatter the comparison).
    """
    n = money_values(allocations, seizures)
    reg = registry()

    def say(lang: str, part: str) -> str:
        return render("money", lang, part=part, hubs_total=n["hubs_total"], n_hubs=n["n_hubs"], rotterdam=n["rotterdam"],
                      ramp_up_year=n["ramp_up_year"], full_year=n["from_year"], fund_share=n["fund_share"],
                      before=n["before"], kg_share=n["kg_share"], n_with_figures=n["n_hubs_with_figures"],
                      wider=n["wider"], without=[reg.label(h, lang).lower() for h in n["without"]])  # fmt: skip

    numbers = {k: v for k, v in n.items() if k not in ("n_hubs", "wider", "without")}
    return Finding("money", PAGE, say("en", "heading"), say("nl", "heading"), say("en", "text"), say("nl", "text"), numbers,
                   say("en", "short"), say("nl", "short"))


def funds_findings(cmp: HubComparison, table: pd.DataFrame) -> str:
    """The Findings section of the funds page as Markdown bullets: the other hubs' money and seizures, Rotterdam's
    share after the structural money began, euros per tonne, and event shares where two hubs publish them.

    ``cmp`` is :func:`compare_hubs`; ``table`` is :func:`metrics.allocation_table`. Every number and every
    comparison word ("closer", "more") is computed here; the words are in ``templates/en/funds/findings.md.j2``.
    """
    all_lines = table[metrics.PERIODS[-1]]
    others = [h for h in cmp.funds.index if h != "rotterdam"]
    with_ = {w: cmp.reporting("cocaine_kg", w) for w in ("before", "after")}
    others_in = {w: metrics.part_share(cmp.means("cocaine_kg", w)[hs], [h for h in hs if h != "rotterdam"]) for w, hs in with_.items()}
    per_t = {w: (cmp.eur_per("cocaine_kg", w, unit=1000) / 1e6).to_dict() for w in cmp.windows}
    fund_r = cmp.fund_shares()["rotterdam"]
    kg = {w: cmp.shares("cocaine_kg", w)["rotterdam"] for w in ("before", "after")}
    events = []
    for m, w in cmp.shared():
        if m != "cocaine_kg":
            sh = cmp.shares(m, w).dropna()
            events.append({"measure": labels.of("hub_measure", m), "rotterdam": sh["rotterdam"], "window": window_label(cmp, w),
                           "hubs": [in_prose(h) for h in sh.index], "years": [(in_prose(h), cmp.years(m, w)[h]) for h in sh.index]})
    return render("funds/findings", "en", n_others=len(others), others_funds=cmp.funds[others].sum(), n_hubs=len(cmp.funds),
                  others_fund_share=metrics.part_share(cmp.funds, others), all_total=all_lines.sum(),
                  others_all_share=metrics.part_share(all_lines.fillna(0), others), others_before=others_in["before"],
                  others_after=others_in["after"], before=window_label(cmp, "before"), after=window_label(cmp, "after"),
                  rtm_after=kg["after"], fund_r=fund_r, closer=abs(kg["after"] - fund_r) < abs(kg["before"] - fund_r),
                  one_window=[in_prose(h) for h in cmp.funds.index if h in set(with_["before"]) ^ set(with_["after"])],
                  per_t=per_t, zwb_more={w: per_t[w]["zwb"] > per_t[w]["rotterdam"] for w in per_t}, events=events)  # fmt: skip


@dataclass
class FundsPage:
    """Everything the funds page (notebooks/01_allocation) shows, computed once from the data.

    The notebook calls its methods: ``text(section)`` for a Markdown section, the table builders for
    HTML tables and :mod:`mainports_analysis.report.charts.funds` for the figures.
    """

    data: dict
    throughput: pd.DataFrame

    @cached_property
    def table(self) -> pd.DataFrame:
        return metrics.allocation_table(self.data["allocations"])

    @cached_property
    def cmp(self) -> HubComparison:
        return compare_hubs(self.data["allocations"], self.data["seizures"], self.throughput)

    @cached_property
    def money(self) -> Finding:
        return money(self.data["allocations"], self.data["seizures"])

    @cached_property
    def years(self) -> dict[str, int]:
        return money_years(self.data["allocations"])

    @property
    def before(self) -> str:
        return window_label(self.cmp, "before")

    @property
    def after(self) -> str:
        return window_label(self.cmp, "after")

    @cached_property
    def money_rows(self) -> pd.DataFrame:
        """The allocation rows behind the table (their publishers are the charts' source)."""
        alloc = self.data["allocations"]
        return alloc[alloc["record_id"].isin(list(self.table.attrs["record_ids"].values()))]

    @cached_property
    def series_used(self) -> dict[str, str]:
        return hub_series(self.data["seizures"], "cocaine_kg").attrs["series_used"]

    @cached_property
    def scope(self) -> dict[str, str]:
        """Per hub, the places its container traffic figures cover ("" when none)."""
        return {h: ", ".join(labels.place(loc) for loc in locs) for h, locs in self.cmp.traffic_locations.items()}

    def text(self, section: str) -> str:
        """One Markdown section of the page: ``key_findings``, ``conflicts``, ``not_shared``, ``traffic``,
        ``audit``, ``findings`` or ``caveats``."""
        from mainports_analysis.report.findings import funds_sections

        if section not in funds_sections.SECTIONS:
            raise labels._unknown(section, funds_sections.SECTIONS)
        return funds_sections.SECTIONS[section](self)


def funds_page(data: dict, throughput: pd.DataFrame) -> FundsPage:
    """The funds page's numbers (``throughput``: ``load_throughput(preferred=True)``)."""
    return FundsPage(data, throughput)
