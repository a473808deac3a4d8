"""The key findings of the briefing, computed from the data, in English and Dutch.

The home page and the Samenvatting print these findings, and each analysis notebook prints the same
numbers from the same functions, so text and data cannot drift apart: nbval fails when a
re-execution changes a number, and a test checks that every number on the home page appears in the
notebook it links to. Nothing here is typed in: each sentence is a template filled from the data.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import pandas as pd

from . import metrics, waterbed
from .series import annual

FUNDED_SEAPORT_SERIES = {"rotterdam": "rotterdam", "zwb": "vlissingen", "nzkg": "nzkg_ports", "schiphol": "schiphol"}


# --------------------------------------------------------------------------------------------- formatting


def tonnes(kg: float, lang: str = "en", decimals: int = 1) -> str:
    """Kilograms as tonnes, printed the English (``70.6 t``) or Dutch (``70,6 ton``) way."""
    value = f"{kg / 1000:,.{decimals}f}".replace("-", "−")
    if lang == "nl":
        value = value.replace(",", "\x00").replace(".", ",").replace("\x00", ".")
        return f"{value} ton"
    return f"{value} t"


def pct(share: float, lang: str = "en", decimals: int = 0) -> str:
    """A share (0–1) as a percentage: ``57%`` / ``57%``, Dutch decimals with a comma."""
    value = f"{100 * share:.{decimals}f}"
    return (value.replace(".", ",") if lang == "nl" else value) + "%"


def eur_mln(amount: float, lang: str = "en") -> str:
    """An amount in EUR million: ``EUR 16.5 mln`` / ``€ 16,5 mln``."""
    value = f"{amount:,.2f}".rstrip("0").rstrip(".")
    if lang == "nl":
        value = value.replace(",", "\x00").replace(".", ",").replace("\x00", ".")
        return f"€ {value} mln"
    return f"EUR {value} mln"


def number(x: float, lang: str = "en", decimals: int = 2) -> str:
    """A plain number with the language's decimal separator."""
    value = f"{x:.{decimals}f}".replace("-", "−")
    return value.replace(".", ",") if lang == "nl" else value


READINGS_EN = {
    "displacement larger than the gain": "displacement larger than Rotterdam's gain",
    "displacement smaller than the gain": "some displacement, smaller than Rotterdam's gain",
    "neither": "neither displacement nor diffusion",
    "diffusion of benefits": "a diffusion of benefits rather than displacement",
    "not readable": "no readable result",
}
READINGS_NL = {
    "displacement larger than the gain": "verplaatsing groter dan de winst in Rotterdam",
    "displacement smaller than the gain": "enige verplaatsing, kleiner dan de winst in Rotterdam",
    "neither": "geen verplaatsing en geen uitstraling",
    "diffusion of benefits": "uitstraling van het effect in plaats van verplaatsing",
    "not readable": "geen leesbare uitkomst",
}


def _reading(q: float) -> str:
    """Bowers & Johnson (2003) bands of the WDQ, as the column names of :func:`waterbed.robustness`."""
    if pd.isna(q):
        return "not readable"
    if q < -1:
        return "displacement larger than the gain"
    if q < 0:
        return "displacement smaller than the gain"
    if q == 0:
        return "neither"
    return "diffusion of benefits"


def direction(change: float, lang: str, *, plural: bool = True) -> str:
    """The verb for a change: rose / fell / stayed the same (Dutch: stegen/steeg, daalden/daalde)."""
    if lang == "nl" and not plural:
        return "steeg" if change > 0 else ("daalde" if change < 0 else "bleef gelijk")
    if lang == "nl":
        return "stegen" if change > 0 else ("daalden" if change < 0 else "bleven gelijk")
    return "rose" if change > 0 else ("fell" if change < 0 else "stayed the same")


@dataclass(frozen=True)
class Finding:
    """One key finding: where it comes from, and its sentence in English and Dutch."""

    key: str
    page: str  # the notebook that shows the analysis behind it (relative to the site root)
    heading_en: str
    heading_nl: str
    text_en: str
    text_nl: str
    numbers: dict = field(default_factory=dict)

    def text(self, lang: str = "en") -> str:
        return self.text_nl if lang == "nl" else self.text_en

    def heading(self, lang: str = "en") -> str:
        return self.heading_nl if lang == "nl" else self.heading_en


# ---------------------------------------------------------------------------------------------- computing


def kg_series(seizures: pd.DataFrame, locations: list[str]) -> pd.DataFrame:
    """Preferred annual kilograms per location (years as rows); the basis of every seizure finding."""
    a = annual(seizures, metric="cocaine_kg", locations=locations)
    return a.pivot(index="year", columns="location", values="value").reindex(columns=locations)


def last_complete_year(frame: pd.DataFrame, columns: list[str], *, before: int | None = None) -> int:
    """The latest year in which every column has a figure (optionally before a given year)."""
    ok = frame[columns].dropna()
    years = [int(y) for y in ok.index if before is None or y < before]
    if not years:
        raise ValueError(f"no year with figures for all of {columns}")
    return max(years)


def money(allocations: pd.DataFrame, seizures: pd.DataFrame) -> Finding:
    """Does the money follow the problem? Rotterdam's share of structural funds vs of seizures at the hubs."""
    table = metrics.allocation_table(allocations)
    structural = table["2025 onwards"]
    total = float(structural.sum())
    rtm = float(structural["rotterdam"])
    kg = kg_series(seizures, list(FUNDED_SEAPORT_SERIES.values()))
    year = last_complete_year(kg, list(FUNDED_SEAPORT_SERIES.values()), before=waterbed.START)
    row = kg.loc[year]
    rtm_share_kg = float(row["rotterdam"] / row.sum())
    mp = allocations[(allocations["programme"].astype(str) == "mainports") & allocations["recurring"]]
    from_year = int(mp["year"].min())
    n = {"total": total, "rotterdam": rtm, "fund_share": rtm / total, "year": year, "kg_share": rtm_share_kg, "from_year": from_year}
    en = (
        f"Of the {eur_mln(total)} a year of structural money from {from_year}, the port of Rotterdam receives "
        f"{eur_mln(rtm)} (**{pct(rtm / total)}**). In {year}, the last year before the approach with figures "
        f"for every funded hub but the flower auctions, Rotterdam accounted for **{pct(rtm_share_kg)}** of the cocaine "
        f"seized at those hubs: {'the money is spread more widely than the seizures' if rtm_share_kg > rtm / total else 'the money is more concentrated on Rotterdam than the seizures'}."
    )
    nl = (
        f"Van de {eur_mln(total, 'nl')} per jaar aan structureel geld vanaf {from_year} gaat {eur_mln(rtm, 'nl')} "
        f"(**{pct(rtm / total, 'nl')}**) naar de haven van Rotterdam. In {year}, het laatste jaar vóór de aanpak met "
        f"cijfers voor alle gefinancierde knooppunten behalve de bloemenveilingen, was Rotterdam goed voor "
        f"**{pct(rtm_share_kg, 'nl')}** van de daar onderschepte cocaïne: "
        f"{'het geld is breder verdeeld dan de vangsten' if rtm_share_kg > rtm / total else 'het geld is sterker op Rotterdam gericht dan de vangsten'}."
    )
    return Finding("money", "notebooks/01_allocation.ipynb", "Where the money goes", "Waar het geld heen gaat", en, nl, n)


def rotterdam_fall(seizures: pd.DataFrame) -> Finding:
    """How far Rotterdam's seizures fell from their peak, and whether Antwerp fell too."""
    kg = kg_series(seizures, ["rotterdam", "antwerp"])
    rtm = kg["rotterdam"].dropna()
    peak_year = int(rtm.idxmax())
    last = int(rtm.index.max())
    fall = 1 - rtm[last] / rtm[peak_year]
    ant = kg["antwerp"].dropna()
    ant_peak = int(ant.idxmax())
    ant_last = int(ant.index.max())
    ant_fall = 1 - ant[ant_last] / ant[ant_peak]
    n = {"peak_year": peak_year, "peak": rtm[peak_year], "last_year": last, "last": rtm[last], "fall": fall,
         "antwerp_peak_year": ant_peak, "antwerp_peak": ant[ant_peak], "antwerp_last_year": ant_last, "antwerp_fall": ant_fall}  # fmt: skip
    en = (
        f"Cocaine seized in the port of Rotterdam (HARC figures) fell from {tonnes(rtm[peak_year])} in {peak_year} to "
        f"{tonnes(rtm[last])} in {last} (**−{pct(fall)}**). Antwerp, the largest neighbouring port, fell too: from "
        f"{tonnes(ant[ant_peak])} in {ant_peak} to {tonnes(ant[ant_last])} in {ant_last} (−{pct(ant_fall)})."
    )
    nl = (
        f"De in de Rotterdamse haven onderschepte cocaïne (HARC-cijfers) daalde van {tonnes(rtm[peak_year], 'nl')} in "
        f"{peak_year} naar {tonnes(rtm[last], 'nl')} in {last} (**−{pct(fall, 'nl')}**). Ook Antwerpen, de grootste "
        f"buurhaven, daalde: van {tonnes(ant[ant_peak], 'nl')} in {ant_peak} naar {tonnes(ant[ant_last], 'nl')} in "
        f"{ant_last} (−{pct(ant_fall, 'nl')})."
    )
    return Finding("rotterdam_fall", "notebooks/02_seizures.ipynb", "Seizures in Rotterdam", "Vangsten in Rotterdam", en, nl, n)


def displacement_reading(seizures: pd.DataFrame) -> Finding:
    """The waterbed question in one finding: WDQ for Vlissingen and Antwerp, and how robust it is."""
    main = waterbed.main_table(seizures)
    main = main[main["window"] == waterbed.MAIN_WINDOW].set_index("buffer")
    rob = waterbed.robustness(waterbed.sensitivity(seizures)).set_index("buffer")
    kg = kg_series(seizures, ["vlissingen"])["vlissingen"].dropna()
    before, after = waterbed.WINDOWS[waterbed.MAIN_WINDOW]
    v_before = float(kg.reindex(before).mean())
    v_after = float(kg.reindex(after).mean())
    v_q = float(main.loc["vlissingen", "wdq"])
    a_q = float(main.loc["antwerp", "wdq"])
    v_disp = int(rob.loc["vlissingen", _reading(v_q)]) if _reading(v_q) in rob.columns else 0
    v_read = int(rob.loc["vlissingen", "readable"])
    a_diff = int(rob.loc["antwerp", "diffusion of benefits"])
    a_read = int(rob.loc["antwerp", "readable"])
    n = {"vlissingen_before": v_before, "vlissingen_after": v_after, "wdq_vlissingen": v_q, "wdq_antwerp": a_q,
         "vlissingen_displacement_variants": v_disp, "vlissingen_readable": v_read, "antwerp_diffusion_variants": a_diff,
         "antwerp_readable": a_read}  # fmt: skip
    v_word = direction(v_after - v_before, "en")
    if a_diff == 0:
        a_en, a_nl = "no variant reads as diffusion", "geen enkele variant wijst op uitstraling"
    elif a_diff == a_read:
        a_en, a_nl = "every variant reads as diffusion", "alle varianten wijzen op uitstraling"
    else:
        a_en = f"{a_diff} of {a_read} variants read as diffusion, so the data cannot tell whether smuggling moved there"
        a_nl = f"wijzen {a_diff} van {a_read} varianten op uitstraling, dus de gegevens kunnen niet uitwijzen of smokkel daarheen verschoof"
    en = (
        f"Vlissingen's seizures {v_word} from {tonnes(v_before)} a year ({before[0]}–{before[-1]}) to {tonnes(v_after)} "
        f"({after[0]}–{after[-1]}). Against the EU trend, the weighted displacement quotient is {number(v_q)} for "
        f"Vlissingen and {number(a_q)} for Antwerp. For Vlissingen this reads as {READINGS_EN[_reading(v_q)]} (the same "
        f"reading in {v_disp} of {v_read} variants that can be read); for Antwerp {a_en}."
    )
    nl = (
        f"De vangsten in Vlissingen {direction(v_after - v_before, 'nl')} van {tonnes(v_before, 'nl')} per jaar "
        f"({before[0]}–{before[-1]}) naar {tonnes(v_after, 'nl')} ({after[0]}–{after[-1]}). Afgezet tegen de EU-trend is "
        f"het weighted displacement quotient {number(v_q, 'nl')} voor Vlissingen en {number(a_q, 'nl')} voor Antwerpen. "
        f"Voor Vlissingen wijst dat op {READINGS_NL[_reading(v_q)]} (dezelfde uitkomst in {v_disp} van {v_read} leesbare "
        f"varianten); voor Antwerpen {a_nl}."
    )
    return Finding("displacement", "notebooks/03_displacement.ipynb", "The waterbed question", "De waterbedvraag", en, nl, n)


def wider_market(seizures: pd.DataFrame) -> Finding:
    """Did the market shrink? EU seizures, and cocaine bound for NL seized abroad."""
    kg = kg_series(seizures, ["eu_total", "nl_destined_abroad"])
    eu = kg["eu_total"].dropna()
    first, last = 2021, int(eu.index.max())
    abroad = kg["nl_destined_abroad"].dropna()
    a_first, a_last = int(abroad.index.min()), int(abroad.index.max())
    n = {"eu_first_year": first, "eu_first": eu[first], "eu_last_year": last, "eu_last": eu[last],
         "abroad_first_year": a_first, "abroad_first": abroad[a_first], "abroad_last_year": a_last, "abroad_last": abroad[a_last]}  # fmt: skip
    en = (
        f"Cocaine seized in the EU {direction(eu[last] - eu[first], 'en')} from {tonnes(eu[first], decimals=0)} in {first} "
        f"to {tonnes(eu[last], decimals=0)} in {last}, and cocaine bound for the Netherlands but seized abroad "
        f"{direction(abroad[a_last] - abroad[a_first], 'en')} from {tonnes(abroad[a_first], decimals=0)} ({a_first}) to "
        f"{tonnes(abroad[a_last], decimals=0)} ({a_last}). Seizures in Rotterdam measure enforcement, not flow: less "
        f"flow, less detection and interception moved upstream all fit a fall in Rotterdam."
    )
    nl = (
        f"De in de EU onderschepte cocaïne {direction(eu[last] - eu[first], 'nl', plural=False)} van {tonnes(eu[first], 'nl', 0)} in "
        f"{first} naar {tonnes(eu[last], 'nl', 0)} in {last}, en cocaïne op weg naar Nederland die in het buitenland werd "
        f"onderschept {direction(abroad[a_last] - abroad[a_first], 'nl', plural=False)} van {tonnes(abroad[a_first], 'nl', 0)} "
        f"({a_first}) naar {tonnes(abroad[a_last], 'nl', 0)} ({a_last}). Vangsten in Rotterdam meten de handhaving, niet de "
        f"stroom: minder aanvoer, minder ontdekking en onderschepping eerder in de keten passen alle bij een daling."
    )
    return Finding("market", "notebooks/02_seizures.ipynb", "Europe seized more", "Europa onderschepte meer", en, nl, n)


def audit_sentence(audit: pd.DataFrame, word: str = "nulmeting") -> str:
    """The Court of Audit's verbatim sentence containing ``word``, from the notes of the audit data."""
    for note in audit["notes"].dropna().astype(str):
        for m in re.finditer(r'"([^"]*)"', note):
            if word in m.group(1):
                return m.group(1)
    raise LookupError(f"no audit note quotes a sentence with {word!r}")


def monitoring(measures: pd.DataFrame, audit: pd.DataFrame) -> Finding:
    """What is being done and whether anyone can tell if it works.

    Counts the measures and those aimed *explicitly* at displacement (a quoted sentence states the
    aim: :func:`mainports_analysis.measures.displacement_measures`), and takes the Court of Audit's
    allocated amount and its period from the audit rows, so no number or year is typed in.
    """
    from . import measures as M

    n_measures = len(measures)
    n_disp = len(M.displacement_measures(measures))
    allocated = M.audit_money(audit).set_index("metric").loc["allocated"]
    if isinstance(allocated, pd.DataFrame):  # several allocated figures: the text needs exactly one
        raise ValueError(f"audit data: expected one 'allocated' figure, found {len(allocated)}")
    amount, period = float(allocated["amount_eur_mln"]), str(allocated["period"])
    quote = audit_sentence(audit)
    n = {"measures": n_measures, "displacement_measures": n_disp, "allocated": amount, "period": period}
    en = (
        f"The public record names {n_measures} measures, {n_disp} of them aimed explicitly at the displacement of "
        f"smuggling to other hubs or ports. The Court of Audit found that for the {eur_mln(amount)} allocated in {period} "
        f"the minister set no "
        f"baseline and no measurable interim goals (“{quote}”), so no one can say from official data whether the "
        f"approach works."
    )
    nl = (
        f"De openbare bronnen noemen {n_measures} maatregelen, waarvan {n_disp} expliciet gericht op verplaatsing van "
        f"smokkel naar andere knooppunten of havens. De Algemene Rekenkamer stelde vast dat voor de "
        f"{eur_mln(amount, 'nl')} in {period} "
        f"geen nulmeting en geen meetbare tussendoelen zijn vastgesteld (“{quote}”); uit officiële gegevens valt dus "
        f"niet af te leiden of de aanpak werkt."
    )
    return Finding("monitoring", "notebooks/04_measures.ipynb", "Measures, and no baseline", "Maatregelen, en geen nulmeting", en, nl, n)


def key_findings(data: dict[str, pd.DataFrame] | None = None) -> list[Finding]:
    """All key findings, in the order the home page shows them."""
    if data is None:
        from .load import load_all

        data = load_all()
    s = data["seizures"]
    return [
        money(data["allocations"], s),
        rotterdam_fall(s),
        displacement_reading(s),
        wider_market(s),
        monitoring(data["measures"], data["audit"]),
    ]


def as_markdown(findings: list[Finding], lang: str = "en", *, link_prefix: str = "") -> str:
    """The findings as a numbered Markdown list, each linking to its analysis."""
    more = "Analyse" if lang == "nl" else "Analysis"
    items = []
    for i, f in enumerate(findings, 1):
        href = link_prefix + f.page
        items.append(f"{i}. **{f.heading(lang)}.** {f.text(lang)} [{more} →]({href})")
    return "\n".join(items) + "\n"
