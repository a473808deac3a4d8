"""The funds page's Markdown sections and HTML tables, from a :class:`~mainports_analysis.report.findings.money.FundsPage`.

Each section function computes its numbers and verdicts and renders ``templates/en/funds/<section>.md.j2``;
each table builder returns the house-style HTML table of :func:`mainports_analysis.report.tables.html_table`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd

from mainports_analysis.analysis import metrics
from mainports_analysis.data.registry import registry
from mainports_analysis.data.series import annual
from mainports_analysis.report import labels
from mainports_analysis.report.findings.briefing import audit_sentence
from mainports_analysis.report.findings.money import funds_findings, not_shared_text, window_label
from mainports_analysis.report.findings.waterbed import series_note
from mainports_analysis.report.prose import render
from mainports_analysis.report.tables import fmt_number, fmt_percent, html_table
from mainports_analysis.report.text import count_word, in_prose, year_ranges

if TYPE_CHECKING:
    from mainports_analysis.report.findings.money import FundsPage


def key_findings(page: FundsPage) -> str:
    conc = page.cmp.concentration("cocaine_kg", "before")
    check = metrics.totals_check(page.data["allocations"])
    return render("funds/key_findings", "en", money=page.money.text_en, funds_hhi=conc["funds_hhi"], hhi=conc["hhi"],
                  n_hubs=len(page.cmp.funds), n_with=conc["n"], before=page.before,
                  totals=[(r.period, r.sum_of_hubs) for r in check.itertuples()], all_agree=bool(check["agrees"].all()))


def conflicts(page: FundsPage) -> str:
    rows = pd.DataFrame(page.table.attrs["conflicts"], columns=["hub", "period", "min", "max", "size"])
    return render("funds/conflicts", "en", conflicts=[{"hub": labels.place(r.hub), "period": r.period, "min": r.min, "max": r.max}
                                                      for r in rows.itertuples()])


def not_shared(page: FundsPage) -> str:
    return not_shared_text(page.cmp, sentence=True)


def traffic(page: FundsPage) -> str:
    cmp, scope = page.cmp, page.scope
    airport = page.throughput[page.throughput["hub"].astype(str) == "schiphol"]
    places = []
    for h in cmp.funds.index:
        if cmp.traffic[h].notna().any():
            as_ = "" if scope[h] == labels.place(h) else f"as {scope[h]}, "
            places.append({"text": f"{in_prose(h)} ({as_}{year_ranges(cmp.traffic[h].dropna().index)})"})
    shares = cmp.traffic_shares()
    return render("funds/traffic", "en", places=places, year=cmp.traffic_year, rtm_share=shares["rotterdam"],
                  with_share=[in_prose(h) for h in shares.dropna().index], fund_r=cmp.fund_shares()["rotterdam"],
                  airport_metrics=sorted(set(airport["metric"].astype(str))), airport_years=list(airport["year"]))


def audit(page: FundsPage) -> str:
    aud = page.data["audit"]
    rows = {r.metric: r for r in aud.itertuples()}
    rec = metrics.audit_reconciliation(page.table, aud).set_index("metric")
    alloc_r, recv_r = rec.loc["allocated"], rec.loc["received"]
    a = rows["allocated"]
    return render("funds/audit", "en", published=a.published, allocated=alloc_r.audit, start=a.period_start, end=a.period_end,
                  all_lines=alloc_r.all_budget_lines, n_hubs=len(alloc_r.hubs), hub_rows=alloc_r.budget_rows,
                  received_hubs=[in_prose(h) for h in recv_r.hubs], received=recv_r.audit, received_budget=recv_r.budget_rows,
                  unspent=rows["unspent"].amount_eur_mln, unspent_share=rows["unspent"].amount_eur_mln / recv_r.audit,
                  unspent_end=rows["unspent"].period_end, quote=audit_sentence(aud), publisher=a.publisher,
                  published_date=a.published)  # fmt: skip


def findings(page: FundsPage) -> str:
    return funds_findings(page.cmp, page.table)


def caveats(page: FundsPage) -> str:
    cmp, scope = page.cmp, page.scope
    seaports = [h for h in cmp.funds.index if registry().hub(h).kind == "seaport"]
    thin = [{"hub": in_prose(h), "years": year_ranges(cmp.years("cocaine_kg", w)[h]), "window": window_label(cmp, w)}
            for w in cmp.windows for h in cmp.reporting("cocaine_kg", w)
            if 0 < len(cmp.years("cocaine_kg", w)[h]) < len(cmp.windows[w])]
    with_teu = [h for h in cmp.funds.index if cmp.traffic[h].notna().any()]
    return render("funds/caveats", "en", series=series_note(page.series_used, prose=True), thin=thin, n_seaports=len(seaports),
                  no_common_year=cmp.traffic.reindex(columns=seaports).dropna().empty,
                  scopes=[{"hub": in_prose(h), "scope": scope[h]} for h in with_teu if scope[h] != labels.place(h)])


SECTIONS = {"key_findings": key_findings, "conflicts": conflicts, "not_shared": not_shared, "traffic": traffic,
            "audit": audit, "findings": findings, "caveats": caveats}


# ------------------------------------------------------------------------------------------------ tables


#: The summary line of each table when folded (``fold=True``): the charts carry the reading, the tables the detail.
FOLDS = {
    "funds_table": "Show the amounts per hub and period (table)",
    "years_table": "Show the yearly averages and the years behind each share (table)",
    "schiphol_table": "Show Schiphol's seizures per channel (table)",
}


def _folded(table, name: str, fold: bool):
    """``table`` as it is, or folded under its summary line (issue 15: long tables folded, the page short)."""
    if not fold:
        return table
    from mainports_analysis.report.charts.style import folded

    return folded(table, FOLDS[name])


def _hub_index(frame: pd.DataFrame, name: str = "Hub") -> pd.DataFrame:
    out = frame.copy()
    out.index = pd.Index([labels.place(h) for h in out.index], name=name)
    return out


def funds_table(page: FundsPage, *, fold: bool = False):
    """Funds per hub and period (EUR million a year) with a total row."""
    shown = page.table.copy()
    shown.index = [labels.place(h) for h in shown.index]
    shown.loc["Total (sum of rows)"] = page.table.sum(axis=0, min_count=1)
    shown.index.name = "Hub or budget line"
    return _folded(html_table(shown, index=True, formats={c: fmt_number(1) for c in shown.columns},
                      caption="EUR million per year. A dash: no amount for that period."), "funds_table", fold)


def _measure_name(m: str) -> str:
    return labels.of("hub_measure", m).split(" (")[0]


def shares_table(page: FundsPage):
    """Each hub's share of the money beside its share of each measure two hubs publish."""
    cmp = page.cmp
    cols = {"Structural money (EUR mln a year)": cmp.funds, f"Share of the {count_word(len(cmp.funds))} hubs' money": cmp.fund_shares()}
    cols.update({f"Share of {labels.of('hub_measure', m)}, {window_label(cmp, w)}": cmp.shares(m, w) for m, w in cmp.shared()})
    shares = _hub_index(pd.DataFrame(cols))
    return html_table(shares, index=True, formats={c: (fmt_number(1) if c.startswith("Structural") else fmt_percent()) for c in shares.columns},
                      caption="Shares among the hubs with a published figure (a dash: no figure for that hub in that window). "
                              "Seizure series: " + series_note(page.series_used) + ".")


def years_table(page: FundsPage, *, fold: bool = False):
    """What stands behind each share: the yearly averages and the years they cover."""
    cmp = page.cmp
    behind = pd.DataFrame(index=cmp.funds.index)
    for m, w in cmp.shared():
        unit, name, win = ("kg" if m == "cocaine_kg" else "count"), _measure_name(m), window_label(cmp, w)
        behind[f"{name}, {win} ({unit} a year)"] = cmp.means(m, w)
        behind[f"years with a figure ({win}, {name})"] = cmp.years(m, w).map(year_ranges)
    behind = _hub_index(behind)
    return _folded(html_table(behind, index=True, formats={c: fmt_number(0) for c in behind.columns if c.endswith("a year)")},
                      caption="Yearly averages over the years each hub published; a dash or \"none\": no published figure."), "years_table", fold)


def per_unit_table(page: FundsPage):
    """Structural money per tonne seized and per million TEU, per hub."""
    cmp, scope = page.cmp, page.scope
    teu_years = {h: (f"{scope[h]}: {year_ranges(cmp.traffic[h].dropna().index)}" if scope[h] else "none") for h in cmp.funds.index}
    unit_table = _hub_index(pd.DataFrame({
        "Structural money (EUR mln a year)": cmp.funds,
        f"EUR thousand per tonne seized, {page.before}": cmp.eur_per("cocaine_kg", "before", unit=1000) / 1e3,
        f"EUR thousand per tonne seized, {page.after}": cmp.eur_per("cocaine_kg", "after", unit=1000) / 1e3,
        f"EUR mln per million TEU, {cmp.traffic_year}": cmp.eur_per_million_teu() / 1e6,
        "TEU figures in the data (place: years)": pd.Series(teu_years),
    }))
    formats = {c: fmt_number(1 if c.startswith(("Structural", "EUR mln")) else 0) for c in unit_table.columns[:4]}
    return html_table(unit_table, index=True, formats=formats,
                      caption=render("funds/per_unit_caption", "en", traffic_year=cmp.traffic_year))


def schiphol_table(page: FundsPage, *, fold: bool = False):
    """Schiphol on its own terms: kilograms of cocaine seized per channel and year."""
    channels = ["schiphol_cargo", "schiphol_passengers", "schiphol"]
    sch = annual(page.data["seizures"], metric="cocaine_kg", locations=channels).pivot(index="year", columns="location", values="value")
    sch = sch.reindex(columns=[c for c in channels if c in sch.columns]).rename(columns=lambda c: f"{labels.place(c)} (kg)")
    return _folded(html_table(sch, index=True, formats={c: fmt_number(0) for c in sch.columns},
                      caption="Customs figures. A dash: no published figure. The channel figures and the all-channel figure "
                              "come from different releases."), "schiphol_table", fold)


TABLES = {"funds": funds_table, "shares": shares_table, "years": years_table, "per_unit": per_unit_table,
          "schiphol": schiphol_table}
