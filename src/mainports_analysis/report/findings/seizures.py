"""The seizures page (notebooks/02_seizures): trends at the Dutch hubs and European ports, shares and
concentration, seizures per container, Rotterdam under two counting systems, extractor arrests.

:class:`SeizuresPage` computes every frame once; the sections render ``templates/en/seizures/*.md.j2``,
the table builders return house-style HTML tables, and :mod:`mainports_analysis.report.charts.seizures`
draws the figures from the same page object, so text, tables and charts cannot disagree.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

import numpy as np
import pandas as pd

from mainports_analysis.analysis import metrics, waterbed
from mainports_analysis.data.series import annual, wide
from mainports_analysis.report import labels
from mainports_analysis.report.findings.waterbed import rotterdam_fall, wider_market
from mainports_analysis.report.prose import render
from mainports_analysis.report.tables import fmt_number, fmt_percent, html_table

#: The Dutch hubs and national total of the first chart, and the European container ports of the second.
DUTCH = ("rotterdam", "nl_total", "vlissingen", "schiphol", "nzkg_ports")
PORTS = ("antwerp", "rotterdam", "hamburg", "valencia", "gioia_tauro", "algeciras", "le_havre", "bremerhaven")
#: Column names of the shares table (also the chart's legend and the CSV's headers).
TWO_PORTS = "Rotterdam, of Rotterdam + Antwerp"
OF_NL_TOTAL = "Rotterdam, of the NL total (HARC over Customs)"
HARC, CUSTOMS, GAP = "HARC (kg)", "Customs (kg)", "Customs minus HARC (kg)"


def of_three(loc: str) -> str:
    """The shares table's column for one port's share of the three North Sea ports."""
    return f"{labels.place(loc)}, of the three ports"


@dataclass
class SeizuresPage:
    """Every frame the seizures page shows, computed once from ``seizures`` and ``throughput`` (preferred rows)."""

    seizures: pd.DataFrame
    throughput: pd.DataFrame

    base = waterbed.BASE_YEARS
    start = waterbed.START
    range_ports = waterbed.NORTH_SEA_RANGE

    def kg(self, locations) -> pd.DataFrame:
        """Preferred annual kilograms of cocaine for ``locations`` (long form, with publishers)."""
        return annual(self.seizures, metric="cocaine_kg", locations=list(locations))

    @cached_property
    def dutch(self) -> pd.DataFrame:
        return self.kg(DUTCH)

    @cached_property
    def european(self) -> pd.DataFrame:
        return self.kg(PORTS)

    @cached_property
    def rotterdam(self) -> pd.Series:
        return self.dutch[self.dutch["location"] == "rotterdam"].set_index("year")["value"]

    @cached_property
    def range_kg(self) -> pd.DataFrame:
        """Kilograms of the three North Sea ports, years × ports."""
        return wide(self.kg(self.range_ports))

    @cached_property
    def shares(self) -> pd.DataFrame:
        """Per year: Rotterdam's share of Rotterdam + Antwerp, each port's share of the three, the HHI and top
        share of the three, and Rotterdam's share of the Dutch total (years with no figure dropped)."""
        two = waterbed.range_shares(self.seizures, ports=("rotterdam", "antwerp"))
        three = waterbed.range_shares(self.seizures, ports=self.range_ports)
        panel = self.kg([*self.range_ports, "nl_total"])
        conc = self.concentration
        pw = wide(panel)
        out = pd.DataFrame({
            TWO_PORTS: two[two["location"] == "rotterdam"].set_index("year")["share"],
            **{of_three(loc): three[three["location"] == loc].set_index("year")["share"] for loc in self.range_ports},
            "HHI, three ports": conc["hhi"], "Largest port's share": conc["top1"],
            OF_NL_TOTAL: metrics.ratio(pw["rotterdam"], pw["nl_total"]),
        }).dropna(how="all")  # fmt: skip
        out.index.name = "year"
        return out

    @cached_property
    def concentration(self) -> pd.DataFrame:
        panel = self.kg(self.range_ports)
        return metrics.concentration(panel, by="location", value="value", members=list(self.range_ports)).set_index("year")

    @cached_property
    def per_teu(self) -> pd.DataFrame:
        """Kilograms per million TEU where a port has both figures (long form)."""
        teu = self.teu
        return metrics.per_traffic(self.european.rename(columns={"value": "kg"}), teu, value="kg", traffic="quantity")

    @cached_property
    def teu(self) -> pd.DataFrame:
        return self.throughput[self.throughput["metric"].astype(str) == "teu"]

    @cached_property
    def rates(self) -> pd.DataFrame:
        rates = self.per_teu.pivot(index="year", columns="location", values="per_traffic")
        rates.columns = [str(c) for c in rates.columns]
        return rates

    @cached_property
    def harc_customs_rows(self) -> tuple[pd.DataFrame, pd.DataFrame]:
        """Rotterdam's annual kilograms under HARC and under Customs (long form, with publishers)."""
        customs = annual(self.seizures, metric="cocaine_kg", locations=["rotterdam"], series={"rotterdam": "customs"})
        return self.kg(["rotterdam"]), customs

    @cached_property
    def harc_customs(self) -> pd.DataFrame:
        """Rotterdam's kilograms under the two counting systems, from the first year with a Customs figure."""
        harc, customs = self.harc_customs_rows
        both = metrics.compare_series(harc.set_index("year")["value"], customs.set_index("year")["value"], names=(HARC, CUSTOMS))
        both = both.rename(columns={"difference": GAP})
        return both.loc[both.index >= customs["year"].min()]

    @cached_property
    def arrests(self) -> pd.DataFrame:
        return annual(self.seizures, metric="extractor_arrests", locations=["rotterdam"])

    @cached_property
    def abroad(self) -> pd.DataFrame:
        return self.kg(["nl_destined_abroad"])

    def text(self, section: str, *, fold: bool = False) -> str:
        """One Markdown section: ``key_findings``, ``concentration``, ``findings`` or ``caveats``.

        ``fold`` folds the section under its summary line (:data:`FOLDS`) in a ``<details>`` element.
        """
        if section not in SECTIONS:
            raise labels._unknown(section, SECTIONS)
        text = SECTIONS[section](self)
        return fold_markdown(text, FOLDS[section]) if fold else text


def fold_markdown(text: str, summary: str) -> str:
    """Markdown ``text`` folded under ``summary``: a raw-HTML ``<details>`` block that both renderers pass
    through with the Markdown inside still rendered (blank lines around it); opens on a tap, prints open."""
    from html import escape

    return f'<details class="folded"><summary>{escape(summary)}</summary>\n\n{text}\n\n</details>'


def seizures_page(data: dict, throughput: pd.DataFrame) -> SeizuresPage:
    """The seizures page's numbers (``throughput``: ``load_throughput(preferred=True)``)."""
    return SeizuresPage(data["seizures"], throughput)


# ------------------------------------------------------------------------------------------------ sections


def key_findings(page: SeizuresPage) -> str:
    return render("seizures/key_findings", "en", texts=[rotterdam_fall(page.seizures).text_en, wider_market(page.seizures).text_en])


def concentration(page: SeizuresPage) -> str:
    """How concentrated the seizures of the three North Sea ports are, and whether a top-3 share exists for the eight."""
    c = page.concentration.dropna(subset=["hhi"])
    euc = metrics.concentration(page.european, by="location", value="value", members=list(PORTS))
    largest = [(labels.place(n), [int(y) for y in c.index[c["top1_name"] == n]]) for n in dict.fromkeys(c["top1_name"])]
    return render("seizures/concentration", "en", hhi_first=c["hhi"].iloc[0], first=int(c.index[0]), hhi_last=c["hhi"].iloc[-1],
                  last=int(c.index[-1]), largest=largest, n_ports=len(PORTS), full_years=euc.loc[euc["complete"], "year"].tolist(),
                  most=int(euc["n"].max()))


def findings(page: SeizuresPage) -> str:
    """The page's Findings: Rotterdam's share of the national total, its rate per container, the two counting
    systems' common years, extractor arrests and seizures abroad."""
    nl_share = page.shares[OF_NL_TOTAL].dropna()
    rp = page.rates["rotterdam"].dropna()
    last = int(rp.index.max())
    rate_change = metrics.relative_change(page.rates["rotterdam"], page.base, last)
    traffic = page.per_teu[page.per_teu["location"] == "rotterdam"].set_index("year")["traffic"]
    teu_change = metrics.relative_change(traffic, page.base, last)
    arrests = page.arrests.set_index("year")["value"]
    places = sorted({str(x) for x in page.seizures.loc[page.seizures["metric"].astype(str) == "extractor_arrests", "location"]})
    return render("seizures/findings", "en", nl_first=nl_share.iloc[0], nl_first_year=int(nl_share.index[0]),
                  nl_last=nl_share.iloc[-1], nl_last_year=int(nl_share.index[-1]), rate_year=last, rate=rp.loc[last],
                  rate_change=None if np.isnan(rate_change) or np.isnan(teu_change) else rate_change, teu_change=teu_change,
                  volume_small=abs(teu_change) < abs(rate_change) / 2, base=page.base,
                  paired=list(page.harc_customs.dropna().index), arrest_years=list(arrests.index), arrests_last=arrests.iloc[-1],
                  arrests_last_year=int(arrests.index[-1]), arrests_peak=arrests.max(), arrests_peak_year=int(arrests.idxmax()),
                  other_places=[labels.place(x) for x in places if x != "rotterdam"],
                  abroad_years=list(page.abroad["year"]))  # fmt: skip


def caveats(page: SeizuresPage) -> str:
    ew = wide(page.european)
    span = range(int(ew.index.min()), int(ew.index.max()) + 1)
    return render("seizures/caveats", "en", scattered=[labels.place(p) for p in PORTS if ew[p].notna().sum() < len(span) / 2],
                  span=list(span))


SECTIONS = {"key_findings": key_findings, "concentration": concentration, "findings": findings, "caveats": caveats}


# ------------------------------------------------------------------------------------------------ tables

#: The summary line of each table when folded (``fold=True``): the charts carry the reading, the tables the detail.
FOLDS = {
    "key_findings": "Show the key findings", "concentration": "Show the concentration",
    "findings": "Show the findings", "caveats": "Show the caveats",
    "shares_table": "Show the shares and concentration per year (table)",
    "per_teu_table": "Show the kilograms per million TEU per port and year (table)",
    "harc_customs_table": "Show Rotterdam under both counting systems per year (table)",
    "arrests_table": "Show the extractor arrests per year (table)",
}


def _folded(table, name: str, fold: bool):
    """``table`` as it is, or folded under its summary line (issue 15: long tables folded, the page short)."""
    if not fold:
        return table
    from mainports_analysis.report.charts.style import folded

    return folded(table, FOLDS[name])


def shares_table(page: SeizuresPage, *, fold: bool = False):
    """Shares of the North Sea range and concentration, per year."""
    s = page.shares
    return _folded(html_table(s, index=True, formats={c: (fmt_number(2) if c.startswith("HHI") else fmt_percent()) for c in s.columns},
                      caption="Shares of kilograms seized. A dash: a port in the ratio has no figure for that year."), "shares_table", fold)


def per_teu_table(page: SeizuresPage, *, fold: bool = False):
    """Kilograms of cocaine seized per million TEU, per port and year."""
    rates = page.rates
    return _folded(html_table(rates.rename(columns=labels.place), index=True, formats={labels.place(p): fmt_number(0) for p in rates.columns},
                      caption="Kilograms of cocaine seized per million TEU. A dash: no seizure or no throughput figure that year."), "per_teu_table", fold)


def harc_customs_table(page: SeizuresPage, *, fold: bool = False):
    """Rotterdam's kilograms under the two Dutch counting systems."""
    return _folded(html_table(page.harc_customs, index=True, formats={HARC: fmt_number(0), CUSTOMS: fmt_number(0), GAP: fmt_number(0)},
                      caption="Rotterdam, kilograms of cocaine seized per year under the two Dutch counting systems, from the "
                              "first year with a Customs figure."), "harc_customs_table", fold)


def arrests_table(page: SeizuresPage, *, fold: bool = False):
    """Extractor arrests in Rotterdam per year, with the range where sources disagree."""
    cols = {"value": "arrests (preferred figure)", "low": "lowest published", "high": "highest published",
            "n_figures": "published figures", "publisher": "source of the preferred figure"}
    return _folded(html_table(page.arrests[["year", *cols]].rename(columns=cols),
                      formats={cols[c]: fmt_number(0) for c in ("value", "low", "high")},
                      caption="Arrests, not persons; repeat arrests count again. Where sources disagree the preferred figure "
                              "follows the loader's rule."), "arrests_table", fold)


def arrests_csv_frame(page: SeizuresPage) -> pd.DataFrame:
    """The data of the arrests and seized-abroad chart, for download (with unit and place name)."""
    units = {"extractor_arrests": "arrests", "cocaine_kg": "kg"}
    both = pd.concat([page.arrests.assign(metric="extractor_arrests"), page.abroad.assign(metric="cocaine_kg")])
    return both.assign(unit=lambda f: f["metric"].map(units), name=lambda f: f["location"].map(labels.place))


def start_label() -> str:
    """The marker text of the approach's first year on every time chart."""
    return f"approach starts ({waterbed.START})"

