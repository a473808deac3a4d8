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
from .registry import registry
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


#: Reader labels of the WDQ reading codes (:func:`mainports_analysis.displacement.wdq`).
READINGS_EN = {
    "displacement_larger_than_gain": "displacement larger than Rotterdam's fall",
    "displacement_smaller_than_gain": "displacement smaller than Rotterdam's fall",
    "neither": "neither displacement nor diffusion",
    "diffusion": "diffusion of benefits",
    "diffusion_larger_than_direct": "diffusion larger than Rotterdam's fall",
    "not_meaningful": "not readable: Rotterdam did not clearly fall against this control",
    "not_computed": "not computable: a year is not published",
}
READINGS_NL = {
    "displacement_larger_than_gain": "verplaatsing groter dan de daling in Rotterdam",
    "displacement_smaller_than_gain": "verplaatsing kleiner dan de daling in Rotterdam",
    "neither": "geen verplaatsing en geen uitstraling",
    "diffusion": "uitstraling van het effect",
    "diffusion_larger_than_direct": "uitstraling groter dan de daling in Rotterdam",
    "not_meaningful": "niet leesbaar: Rotterdam daalde niet duidelijk ten opzichte van deze controle",
    "not_computed": "niet te berekenen: een jaar is niet gepubliceerd",
}


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


def _buffer_summary(g: pd.DataFrame, buffer: str) -> dict:
    """Counts and WDQ range of one buffer port over the computable cells of the preferred reading."""
    r = waterbed.readings(g).set_index("buffer").loc[buffer]
    ok = g[(g["variant"] == waterbed.PREFERRED) & g["computable"] & (g["buffer"] == buffer)]
    disp = ok[ok["reading"].isin(waterbed.DISPLACEMENT)]["wdq"]
    return {"cells": int(r["cells"]), "computable": int(r["computable"]), "displacement": int(r["displacement_total"]),
            "diffusion": int(r["diffusion_total"]), "wdq_min": float(ok["wdq"].min()) if len(ok) else float("nan"),
            "wdq_max": float(ok["wdq"].max()) if len(ok) else float("nan"),
            "disp_share_low": float(-disp.max()) if len(disp) else float("nan"),
            "disp_share_high": float(-disp.min()) if len(disp) else float("nan")}


def _split_en(d: dict) -> str:
    if d["computable"] == 0:
        return "none can be computed"
    if d["displacement"] == d["computable"]:
        return f"all {d['computable']} read as displacement"
    if d["diffusion"] == d["computable"]:
        return f"all {d['computable']} read as a diffusion of benefits"
    return f"{d['displacement']} read as displacement and {d['diffusion']} as a diffusion of benefits"


def _split_nl(d: dict) -> str:
    if d["computable"] == 0:
        return "geen enkele is te berekenen"
    if d["displacement"] == d["computable"]:
        return f"wijzen alle {d['computable']} op verplaatsing"
    if d["diffusion"] == d["computable"]:
        return f"wijzen alle {d['computable']} op uitstraling van het effect"
    return f"wijzen er {d['displacement']} op verplaatsing en {d['diffusion']} op uitstraling van het effect"


def displacement_reading(seizures: pd.DataFrame, g: pd.DataFrame | None = None) -> Finding:
    """The waterbed question in one finding: how the computable comparisons read for Vlissingen and Antwerp.

    Counts distinct window × control combinations of the preferred reading (not variants of the same
    comparison), and gives the size of any displacement as a share of Rotterdam's fall relative to the
    control (minus the WDQ, Bowers & Johnson 2003).
    """
    g = waterbed.grid(seizures) if g is None else g
    v, a = _buffer_summary(g, "vlissingen"), _buffer_summary(g, "antwerp")
    n = {f"vlissingen_{k}": x for k, x in v.items()} | {f"antwerp_{k}": x for k, x in a.items()}
    size_en = size_nl = ""
    if v["displacement"]:
        lo, hi = (f"{100 * x:.0f}" for x in (v["disp_share_low"], v["disp_share_high"]))
        share = f"{lo}%" if lo == hi else f"{lo}–{hi}%"
        size_en = f", with a rise equal to {share} of Rotterdam's fall"
        size_nl = f", met een stijging ter grootte van {share} van de daling in Rotterdam"
    en = (
        f"The published series allow {v['computable']} of {v['cells']} before/after comparisons with Vlissingen, and "
        f"{_split_en(v)}{size_en}. Of {a['computable']} comparisons with Antwerp, {_split_en(a)}, depending on the "
        f"years and the control: seizures alone cannot tell whether smuggling moved."
    )
    nl = (
        f"De gepubliceerde reeksen laten {v['computable']} van {v['cells']} voor-/navergelijkingen met Vlissingen toe, en "
        f"daarvan {_split_nl(v)}{size_nl}. Van {a['computable']} vergelijkingen met Antwerpen {_split_nl(a)}, "
        f"afhankelijk van de jaren en de controle: uit vangsten alleen valt niet af te leiden of smokkel verschoof."
    )
    return Finding("displacement", "notebooks/03_displacement.ipynb", "The waterbed question", "De waterbedvraag", en, nl, n)


def wider_market(seizures: pd.DataFrame) -> Finding:
    """Did the market shrink? EU seizures, and cocaine bound for NL seized abroad, from the year before the approach."""
    kg = kg_series(seizures, ["eu_total", "nl_destined_abroad"])
    eu = kg["eu_total"].dropna()
    first, last = waterbed.START - 1, int(eu.index.max())
    abroad = kg["nl_destined_abroad"].dropna()
    a_first, a_last = int(abroad.index.min()), int(abroad.index.max())
    n = {"eu_first_year": first, "eu_first": eu[first], "eu_last_year": last, "eu_last": eu[last],
         "abroad_first_year": a_first, "abroad_first": abroad[a_first], "abroad_last_year": a_last, "abroad_last": abroad[a_last]}  # fmt: skip
    en = (
        f"Cocaine seized in the EU {direction(eu[last] - eu[first], 'en')} from {tonnes(eu[first], decimals=0)} in {first} "
        f"to {tonnes(eu[last], decimals=0)} in {last} (the latest EU figure), and cocaine bound for the Netherlands but "
        f"seized abroad {direction(abroad[a_last] - abroad[a_first], 'en')} from {tonnes(abroad[a_first], decimals=0)} "
        f"({a_first}) to {tonnes(abroad[a_last], decimals=0)} ({a_last}). Less flow, less detection and interception "
        f"moved upstream all fit a fall in Rotterdam's seizures."
    )
    nl = (
        f"De in de EU onderschepte cocaïne {direction(eu[last] - eu[first], 'nl', plural=False)} van {tonnes(eu[first], 'nl', 0)} in "
        f"{first} naar {tonnes(eu[last], 'nl', 0)} in {last} (het laatste EU-cijfer), en cocaïne op weg naar Nederland die "
        f"in het buitenland werd onderschept {direction(abroad[a_last] - abroad[a_first], 'nl', plural=False)} van "
        f"{tonnes(abroad[a_first], 'nl', 0)} ({a_first}) naar {tonnes(abroad[a_last], 'nl', 0)} ({a_last}). Minder aanvoer, "
        f"minder ontdekking en onderschepping eerder in de keten passen alle bij lagere vangsten in Rotterdam."
    )
    rose = eu[last] > eu[first]
    return Finding("market", "notebooks/03_displacement.ipynb", "Europe seized more" if rose else "Europe seized less",
                   "Europa onderschepte meer" if rose else "Europa onderschepte minder", en, nl, n)


def _and(items: list[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


def _first_last(series: pd.Series, first: int | None = None) -> tuple[int, float, int, float]:
    s = series.dropna()
    if first is not None and first in s.index:
        s = s.loc[first:]
    return int(s.index[0]), float(s.iloc[0]), int(s.index[-1]), float(s.iloc[-1])


def _ring_split(g: pd.DataFrame, ring: str) -> tuple[int, int, int, int]:
    r = waterbed.readings(g)
    r = r[r["ring"] == ring]
    return int(r["cells"].sum()), int(r["computable"].sum()), int(r["displacement_total"].sum()), int(r["diffusion_total"].sum())


def rival_readings(data: dict[str, pd.DataFrame], g: pd.DataFrame | None = None) -> pd.DataFrame:
    """The rival readings of Rotterdam's fall in seizures, each with what the published data show and
    whether they can tell (methods brief: present the readings side by side, never a verdict from one
    number). Every number and every verdict is computed from the data."""
    seizures, ind = data["seizures"], data["indicators"]
    g = waterbed.grid(seizures) if g is None else g
    base = waterbed.START - 1

    def indicator(loc: str, metric: str) -> pd.Series:
        x = ind[(ind["location"].astype(str) == loc) & (ind["metric"].astype(str) == metric) & (ind["period"].astype(str) == "FY")]
        return x.groupby("year")["value"].first().sort_index()

    market = wider_market(seizures).numbers
    purity, price = indicator("nl_total", "cocaine_purity"), indicator("nl_total", "cocaine_retail_price")
    py0, pv0, py1, pv1 = _first_last(purity, base)
    eu_rose = market["eu_last"] > market["eu_first"]
    less_flow = (
        f"EU seizures {direction(market['eu_last'] - market['eu_first'], 'en')} from {tonnes(market['eu_first'], decimals=0)} "
        f"({market['eu_first_year']}) to {tonnes(market['eu_last'], decimals=0)} ({market['eu_last_year']}); Dutch street "
        f"purity {pv0:.1f}% ({py0}) and {pv1:.1f}% ({py1}); street price EUR {price.iloc[-1]:.0f} a gram in {int(price.index[-1])}."
    )
    less_flow_verdict = (
        f"{'Not supported' if eu_rose and pv1 >= pv0 else 'Possible'} up to {market['eu_last_year']}: "
        f"{'rising seizures and purity point to ample supply' if eu_rose and pv1 >= pv0 else 'the indicators do not point to ample supply'}. "
        f"No EU figure after {market['eu_last_year']}, no Dutch purity after {py1} and no price after {int(price.index[-1])}."
    )
    arrests = annual(seizures, metric="extractor_arrests", locations=["rotterdam"]).set_index("year")["value"]
    invest = indicator("rotterdam", "harc_criminal_investigations")
    efforts = ind[ind["metric"].astype(str).isin(["containers_scanned", "containers_inspected", "customs_scans"])]
    less_found = (
        f"Extractor arrests in Rotterdam {arrests.iloc[0]:.0f} ({int(arrests.index[0])}), {arrests.max():.0f} at the peak "
        f"({int(arrests.idxmax())}), {arrests.iloc[-1]:.0f} ({int(arrests.index[-1])}); HARC criminal investigations "
        f"{invest.iloc[0]:.0f} ({int(invest.index[0])}) to {invest.iloc[-1]:.0f} ({int(invest.index[-1])})."
    )
    less_found_verdict = (
        f"Cannot be told apart from less flow: no annual series of scans or inspections is published (the data hold "
        f"{len(efforts)} single counts for {efforts['location'].astype(str).nunique()} places)."
    )
    a0y, a0, a1y, a1 = market["abroad_first_year"], market["abroad_first"], market["abroad_last_year"], market["abroad_last"]
    upstream = (f"Cocaine bound for the Netherlands seized abroad: {tonnes(a0, decimals=0)} ({a0y}) to "
                f"{tonnes(a1, decimals=0)} ({a1y}).")
    upstream_verdict = f"{'Consistent with it' if a1 > a0 else 'Not supported'} up to {a1y}; no annual figure after {a1y}."
    v, a, z = _buffer_summary(g, "vlissingen"), _buffer_summary(g, "antwerp"), _buffer_summary(g, "nzkg_ports")
    no_series = [registry().location(loc).name_en for loc in ("moerdijk", "terneuzen")
                 if len(annual(seizures, locations=[loc])) < 2]

    def port(d: dict, name: str) -> str:
        return (f"{name}: {d['computable']} of {d['cells']} comparisons computable; {_split_en(d)}"
                + (f" (WDQ {number(d['wdq_min'])} to {number(d['wdq_max'])})" if d["computable"] else ""))

    vlis = port(v, "Vlissingen") + "; " + port(z, "North Sea Canal ports") + "."
    every = [d for d in (v, z) if d["computable"]]
    all_disp = bool(every) and all(d["displacement"] == d["computable"] for d in every)
    vlis_verdict = (
        ("Some displacement in every computable comparison"
         + (", smaller than Rotterdam's fall" if min(d["wdq_min"] for d in every) >= -1 else "")
         if all_disp else "Mixed: the comparisons disagree" if every else "Not testable")
        + (f"; {_and(no_series)} publish no annual series." if no_series else ".")
    )
    ant = (f"{a['computable']} of {a['cells']} comparisons computable; {_split_en(a)}"
           + (f" (WDQ {number(a['wdq_min'])} to {number(a['wdq_max'])})" if a["computable"] else "") + ".")
    ant_verdict = ("Consistent with displacement" if a["computable"] and a["displacement"] == a["computable"] else
                   "Mixed: the reading flips with the years and the control" if a["computable"] else "Not testable") + "."
    cells2, ok2, disp2, diff2 = _ring_split(g, "second")
    totals = annual(seizures, locations=["es_total", "de_total", "fr_total", "pt_total", "it_total", "be_total"])
    rising = []
    for loc, grp in totals.groupby("location"):
        x = grp.set_index("year")["value"]
        if base in x.index and x.index.max() > base:
            rising.append((registry().location(loc).name_en, x[base], int(x.index.max()), x.iloc[-1]))
    further = (f"Second-ring ports: {ok2} of {cells2} comparisons computable, {disp2} read as displacement and {diff2} as "
               f"diffusion. National totals since {base}: "
               + "; ".join(f"{name} {tonnes(x0, decimals=0)} to {tonnes(x1, decimals=0)} ({y1})" for name, x0, y1, x1 in rising) + ".")
    further_verdict = "Possible, not testable: short series by different agencies, most ending before the structural money, and no figures for West Africa."
    return pd.DataFrame(
        [("Less cocaine arriving in Europe", less_flow, less_flow_verdict),
         ("Less cocaine found in Rotterdam", less_found, less_found_verdict),
         ("Interception moved upstream", upstream, upstream_verdict),
         ("Displacement to Vlissingen and the smaller Dutch ports", vlis, vlis_verdict),
         ("Displacement to Antwerp", ant, ant_verdict),
         ("Displacement further away", further, further_verdict)],
        columns=["reading", "what the published data show", "can the data tell?"],
    )


def audit_sentence(audit: pd.DataFrame, word: str = "nulmeting") -> str:
    """The Court of Audit's verbatim sentence containing ``word``, from the notes of the audit data."""
    for note in audit["notes"].dropna().astype(str):
        for m in re.finditer(r'"([^"]*)"', note):
            if word in m.group(1):
                return m.group(1)
    raise LookupError(f"no audit note quotes a sentence with {word!r}")


def monitoring(measures: pd.DataFrame, audit: pd.DataFrame) -> Finding:
    """What is being done and whether anyone can tell if it works."""
    n_measures = len(measures)
    n_disp = int(measures["targets_displacement"].sum())
    allocated = audit.loc[audit["metric"].astype(str) == "allocated", "amount_eur_mln"].sum()
    quote = audit_sentence(audit)
    n = {"measures": n_measures, "displacement_measures": n_disp, "allocated": float(allocated)}
    en = (
        f"The public record names {n_measures} measures, {n_disp} of them aimed explicitly at displacement between hubs. "
        f"The Court of Audit found that for the {eur_mln(float(allocated))} allocated in 2022–2023 the minister set no "
        f"baseline and no measurable interim goals (“{quote}”), so no one can say from official data whether the "
        f"approach works."
    )
    nl = (
        f"De openbare bronnen noemen {n_measures} maatregelen, waarvan {n_disp} expliciet gericht op verplaatsing tussen "
        f"knooppunten. De Algemene Rekenkamer stelde vast dat voor de {eur_mln(float(allocated), 'nl')} in 2022–2023 "
        f"geen nulmeting en geen meetbare tussendoelen zijn vastgesteld (“{quote}”); uit officiële gegevens valt dus "
        f"niet af te leiden of de aanpak werkt."
    )
    return Finding("monitoring", "notebooks/04_measures.ipynb", "Measures, and no baseline", "Maatregelen, en geen nulmeting", en, nl, n)


def approach(data: dict[str, pd.DataFrame], lang: str = "en") -> str:
    """The approach in three sentences, for the home page and the Samenvatting (numbers from the data)."""
    from .registry import FUNDED_HUBS

    reg = registry()
    alloc = data["allocations"]
    first_year = int(alloc.loc[alloc["programme"].astype(str) == "mainports", "year"].min())
    table = metrics.allocation_table(alloc)
    full = money(alloc, data["seizures"]).numbers["from_year"]
    total = float(table["2025 onwards"].sum())
    names = [reg.label(h, lang) for h in FUNDED_HUBS]
    if lang == "nl":
        hubs = ", ".join(names[:-1]) + " en de " + names[-1].lower()
        return (
            f"Sinds {first_year} financiert het ministerie van Justitie en Veiligheid een landelijke aanpak van drugssmokkel via "
            f"{_WORDS_NL.get(len(FUNDED_HUBS), len(FUNDED_HUBS))} grote logistieke knooppunten ({hubs}), oplopend tot {eur_mln(total, 'nl')} per jaar vanaf "
            f"{full}. De maatregelen volgen vier rode lijnen: barrièrevorming, weerbaarheid van personen en processen, toezicht "
            f"en handhaving, en de informatiepositie. De Tweede Kamer vroeg dat druk op Rotterdam de smokkel niet simpelweg naar "
            f"Vlissingen en andere havens verplaatst: het waterbedeffect."
        )
    hubs = ", ".join(names[:-1]) + " and the " + names[-1].lower()
    return (
        f"Since {first_year} the Dutch Ministry of Justice and Security has funded a national approach against drug smuggling "
        f"through {_WORDS_EN.get(len(FUNDED_HUBS), len(FUNDED_HUBS))} big logistics hubs ({hubs}), rising to {eur_mln(total)} a year from {full}. Its measures "
        f"follow four red lines: barriers, the resilience of people and processes, supervision and enforcement, and the "
        f"information position. Parliament asked that pressure on Rotterdam should not simply push smuggling to Vlissingen "
        f"and other ports: the waterbed effect."
    )


def main_caveats(data: dict[str, pd.DataFrame], lang: str = "en") -> str:
    """The home page's caveats as Markdown: which series are used and which hubs publish no annual totals are computed."""
    from .registry import FUNDED_HUBS

    reg = registry()
    seizures = data["seizures"]
    series = annual(seizures, locations=["rotterdam", "vlissingen"]).attrs["series_used"]
    hub_places = [loc for loc in ("moerdijk", "terneuzen", "amsterdam", "ijmuiden", "flower_auctions")
                  if reg.location(loc).hub_id in FUNDED_HUBS]
    few = [(reg.location(loc).name_nl if lang == "nl" else reg.location(loc).name_en).replace("Flower auctions", "the flower auctions")
           .replace("Bloemenveilingen", "de bloemenveilingen") for loc in hub_places if len(annual(seizures, locations=[loc])) < 2]
    harc = [reg.location(loc).name_nl if lang == "nl" else reg.location(loc).name_en for loc, sys in series.items() if sys == "harc"]
    if lang == "nl":
        return (
            "- **Vangsten zijn geen maat voor de smokkelstroom.** Minder vangsten kunnen betekenen: minder aanvoer, minder "
            "ontdekking, onderschepping eerder in de keten of verplaatsing van smokkel; de openbare cijfers kunnen dat niet "
            "volledig uit elkaar halen.\n"
            f"- **Twee Nederlandse telsystemen.** Het HARC-team en de Douane rapporteren verschillende cijfers voor dezelfde "
            f"haven en hetzelfde jaar; deze analyse gebruikt de HARC-reeks voor {_en(harc)} en toont de andere als controle.\n"
            f"- **Gaten blijven gaten.** Voor {_en(few)} zijn hooguit losse jaarcijfers gepubliceerd; diverse Europese reeksen "
            "stoppen jaren eerder dan de Nederlandse. Er wordt niets geschat.\n"
            "- **Geen nulmeting.** Zonder nulmeting of tussendoelen kan geen openbaar cijfer laten zien wat de aanpak zelf heeft "
            "bereikt.\n"
        )
    return (
        "- **Seizures are not flow.** A fall in seizures can mean less cocaine arriving, less cocaine found, interception "
        "earlier in the chain, or smuggling moved elsewhere; the public data cannot fully separate these.\n"
        f"- **Two Dutch counting systems.** The HARC team and Customs report different figures for the same port and year; "
        f"this briefing uses the HARC series for {_and(harc)} and shows the other as a check.\n"
        f"- **Gaps stay gaps.** {_and(few)} publish no annual series (at most a single year); several European series stop "
        "years before the Dutch ones. Nothing is estimated.\n"
        "- **No baseline.** Without a baseline or interim goals, no public figure can show what the approach itself achieved.\n"
    )


_WORDS_EN = dict(enumerate(("no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten")))
_WORDS_NL = dict(enumerate(("geen", "één", "twee", "drie", "vier", "vijf", "zes", "zeven", "acht", "negen", "tien")))


def _en(items: list[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " en " + items[-1]


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
