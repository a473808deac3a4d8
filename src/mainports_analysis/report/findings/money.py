"""The money finding and the funds page's findings: where the approach's money goes beside the problem.
"""

from __future__ import annotations

import pandas as pd

from mainports_analysis.analysis import metrics
from mainports_analysis.analysis.hubs import HUB_MEASURES, HubComparison, compare_hubs, money_years
from mainports_analysis.data.registry import registry
from mainports_analysis.report.findings._base import Finding
from mainports_analysis.report.text import and_list, count_word, eur_mln, in_prose, pct, years_text


def window_label(cmp: HubComparison, window: str) -> str:
    """A comparison window's years as a reader sees them (``2020–2021``)."""
    return years_text(cmp.windows[window])


def not_shared_text(cmp: HubComparison) -> str:
    """Which measures of the problem cannot be shared out across the hubs, and who publishes them (computed)."""
    parts = []
    for measure in HUB_MEASURES:
        gaps = [(w, hubs) for m, w, hubs in cmp.not_shared() if m == measure]
        if not gaps:
            continue
        by_hubs: dict[tuple, list[str]] = {}
        for w, hubs in gaps:
            by_hubs.setdefault(tuple(hubs), []).append(window_label(cmp, w))
        said = []
        for hubs, windows in by_hubs.items():
            when = and_list(windows)
            said.append(f"published only for {and_list([in_prose(h) for h in hubs])} in {when}" if hubs
                        else f"published for no funded hub in {when}")
        parts.append(f"{HUB_MEASURES[measure]}: {'; '.join(said)}")
    return "; ".join(parts)


def money(allocations: pd.DataFrame, seizures: pd.DataFrame) -> Finding:
    """Does the money follow the problem? Rotterdam's share of the five hubs' money vs of their seizures.

    Like is compared with like: the share of the money for the five hubs (not of the whole budget,
    which includes the overarching measures) beside the share of the cocaine seized at those hubs,
    averaged over the years before the approach (a single year such as Rotterdam's 2021 peak would
    flatter the comparison).
    """
    cmp = compare_hubs(allocations, seizures)
    years = money_years(allocations)
    table = metrics.allocation_table(allocations)
    total = float(table[metrics.PERIODS[3]].sum())
    hubs_total = float(cmp.funds.sum())
    rtm = float(cmp.funds["rotterdam"])
    fund_share = float(metrics.share(cmp.funds)["rotterdam"])
    before = cmp.windows["before"]
    kg_share = float(cmp.shares("cocaine_kg", "before")["rotterdam"])
    with_figures = cmp.reporting("cocaine_kg", "before")
    without = [h for h in cmp.funds.index if h not in with_figures]
    n = {"total": total, "hubs_total": hubs_total, "rotterdam": rtm, "fund_share": fund_share, "fund_share_all": rtm / total,
         "kg_share": kg_share, "before": before, "n_hubs_with_figures": len(with_figures), "from_year": years["full"],
         "ramp_up_year": years["ramp_up"]}  # fmt: skip

    reg = registry()
    wider = kg_share > fund_share
    missing_en = f" (all but the {and_list([reg.label(h).lower() for h in without])})" if without else ""
    missing_nl = f" (alle behalve de {and_list([reg.label(h, 'nl').lower() for h in without], 'nl')})" if without else ""
    en = (
        f"Of the {eur_mln(hubs_total)} a year of structural money for the {count_word(len(cmp.funds))} hubs (rising from "
        f"{years['ramp_up']} to the full amount from {years['full']}), the port of Rotterdam receives {eur_mln(rtm)} "
        f"(**{pct(fund_share)}**). In {years_text(before)} (yearly average) it had **{pct(kg_share)}** of the cocaine seized at the "
        f"{count_word(len(with_figures))} hubs with published figures{missing_en}: the money is "
        f"{'spread more widely than the seizures' if wider else 'more concentrated on Rotterdam than the seizures'}."
    )
    nl = (
        f"Van de {eur_mln(hubs_total, 'nl')} per jaar aan structureel geld voor de {count_word(len(cmp.funds), 'nl')} "
        f"knooppunten (oplopend vanaf {years['ramp_up']} tot het volle bedrag vanaf {years['full']}) gaat {eur_mln(rtm, 'nl')} "
        f"naar de haven van Rotterdam (**{pct(fund_share, 'nl')}**). In {years_text(before)} (jaargemiddelde) had Rotterdam "
        f"**{pct(kg_share, 'nl')}** van de cocaïne die werd onderschept bij de {count_word(len(with_figures), 'nl')} "
        f"knooppunten met gepubliceerde cijfers{missing_nl}: het geld is "
        f"{'breder verdeeld dan de vangsten' if wider else 'sterker op Rotterdam gericht dan de vangsten'}."
    )
    short_en = (f"Rotterdam receives **{pct(fund_share)}** of the {count_word(len(cmp.funds))} hubs' structural money "
                f"({eur_mln(rtm)} of {eur_mln(hubs_total)} a year) {'but' if wider else 'and'} had **{pct(kg_share)}** of the "
                f"cocaine seized in {years_text(before)} at the {count_word(len(with_figures))} of them with published figures.")
    short_nl = (f"Rotterdam krijgt **{pct(fund_share, 'nl')}** van het structurele geld voor de {count_word(len(cmp.funds), 'nl')} "
                f"knooppunten ({eur_mln(rtm, 'nl')} van {eur_mln(hubs_total, 'nl')} per jaar), {'maar' if wider else 'en'} had in "
                f"{years_text(before)} **{pct(kg_share, 'nl')}** van de cocaïnevangsten bij de {count_word(len(with_figures), 'nl')} "
                f"knooppunten met gepubliceerde cijfers.")
    return Finding("money", "notebooks/01_allocation.ipynb", "Where the money goes", "Waar het geld heen gaat", en, nl, n,
                   short_en, short_nl)


def funds_findings(cmp: HubComparison, table: pd.DataFrame) -> str:
    """The Findings section of the funds page as Markdown bullets: the other hubs' money and seizures, Rotterdam's
    share after the structural money began, euros per tonne, and event shares where two hubs publish them.

    ``cmp`` is :func:`compare_hubs`; ``table`` is :func:`metrics.allocation_table`. Every number and every
    comparison word ("closer", "more") is computed.
    """
    full = metrics.PERIODS[-1]
    before, after = window_label(cmp, "before"), window_label(cmp, "after")
    others = [h for h in cmp.funds.index if h != "rotterdam"]
    all_lines = table[full]
    kg_b, kg_a = cmp.shares("cocaine_kg", "before"), cmp.shares("cocaine_kg", "after")
    with_b, with_a = cmp.reporting("cocaine_kg", "before"), cmp.reporting("cocaine_kg", "after")
    others_b = metrics.part_share(cmp.means("cocaine_kg", "before")[with_b], [h for h in with_b if h != "rotterdam"])
    others_a = metrics.part_share(cmp.means("cocaine_kg", "after")[with_a], [h for h in with_a if h != "rotterdam"])
    per_t = {w: cmp.eur_per("cocaine_kg", w, unit=1000) for w in cmp.windows}
    fund_r = cmp.fund_shares()["rotterdam"]
    closer = abs(kg_a["rotterdam"] - fund_r) < abs(kg_b["rotterdam"] - fund_r)
    zwb_more = {w: per_t[w]["zwb"] > per_t[w]["rotterdam"] for w in per_t}
    lines = [
        f"The {count_word(len(others))} hubs outside Rotterdam get {eur_mln(cmp.funds[others].sum())} a year: "
        f"{pct(metrics.part_share(cmp.funds, others))} of the {count_word(len(cmp.funds))} hubs' money and "
        f"{pct(metrics.part_share(all_lines.fillna(0), others))} of the whole {eur_mln(all_lines.sum())} (which includes the "
        f"overarching measures). Those with published figures had {pct(others_b)} of the seizures at the hubs with figures in "
        f"{before} and {pct(others_a)} in {after}.",
        f"After the structural money began, Rotterdam's share of the seizures at the hubs with figures was "
        f"{pct(kg_a['rotterdam'])} ({after}), {'closer to' if closer else 'further from'} its {pct(fund_r)} of the money than "
        f"in {before}. The set of hubs with figures differs between the windows"
        + (f" ({and_list([in_prose(h) for h in cmp.funds.index if h in set(with_b) ^ set(with_a)])} only in one of them)"
           if set(with_b) != set(with_a) else "")
        + ", and a falling share can mean less smuggling or less detection.",
        f"Per tonne seized, the Zeeland–West-Brabant ports get {'more' if zwb_more['before'] else 'less'} money than Rotterdam "
        f"in {before} ({eur_mln(per_t['before']['zwb'] / 1e6)} against {eur_mln(per_t['before']['rotterdam'] / 1e6)} per "
        f"tonne) and {'more' if zwb_more['after'] else 'less'} in {after} ({eur_mln(per_t['after']['zwb'] / 1e6)} against "
        f"{eur_mln(per_t['after']['rotterdam'] / 1e6)})."
        + (" Set against the seizures before the approach, the split fits the memo's aim of preventing displacement to the "
           "smaller ports (motie Bisschop), not funding by seizure volume." if zwb_more["before"] else ""),
    ]
    for m, w in cmp.shared():
        if m != "cocaine_kg":
            sh = cmp.shares(m, w).dropna()
            lines.append(f"Counted in {HUB_MEASURES[m]} rather than kilograms, Rotterdam had {pct(sh['rotterdam'])} of the events "
                         f"at {and_list([in_prose(h) for h in sh.index])} together in {window_label(cmp, w)} (yearly averages over "
                         f"the years each published: " + "; ".join(f"{in_prose(h)} {years_text(cmp.years(m, w)[h])}" for h in sh.index) + ").")
    return "\n".join(f"- {t}" for t in lines)
