"""The waterbed findings: Rotterdam's fall, the displacement readings, the wider market and rival readings.
"""

from __future__ import annotations

import pandas as pd

from mainports_analysis.analysis import waterbed
from mainports_analysis.analysis.hubs import FUNDED_SEAPORT_SERIES, _first_last, fall_comparison, kg_series
from mainports_analysis.data.registry import registry
from mainports_analysis.data.series import annual
from mainports_analysis.report.findings._base import Finding
from mainports_analysis.report.text import (
    _WORDS_EN,
    _WORDS_NL,
    _above_below,
    _and,
    direction,
    in_prose,
    number,
    pct,
    qualified,
    signed_pct,
    tonnes,
    years_text,
)

#: Reader labels of the WDQ reading codes (:func:`mainports_analysis.analysis.displacement.wdq`).
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


def rotterdam_fall(seizures: pd.DataFrame) -> Finding:
    """How far Rotterdam's seizures fell, and how Antwerp moved, both against the same base years.

    The base is the before window of the waterbed design (:data:`waterbed.BASE_YEARS`), the same
    for both ports, and the end is the last year both have a figure; measuring each port from its
    own peak would compare different years and hide that the two moved apart at first.
    """
    kg = kg_series(seizures, ["rotterdam", "antwerp"])
    base = waterbed.BASE_YEARS
    c = fall_comparison(kg, base=base)
    rtm, ant = kg["rotterdam"].dropna(), kg["antwerp"].dropna()
    last, span = c["last_year"], years_text(base)
    peak_year, ant_peak = int(rtm.idxmax()), int(ant.idxmax())
    ant_last = int(ant.index.max())
    n = {"base": base, "base_rotterdam": c["a_base"], "base_antwerp": c["b_base"], "last_year": last,
         "last": c["a_last"], "antwerp_last": c["b_last"], "change": c["a_change"], "antwerp_change": c["b_change"],
         "diverged_year": c["diverged_year"], "rotterdam_diverged": c["a_diverged"], "antwerp_diverged": c["b_diverged"],
         # each port's own peak (kept for pages that show the peaks; not the comparison above)
         "peak_year": peak_year, "peak": float(rtm[peak_year]), "fall": float(1 - rtm[int(rtm.index.max())] / rtm[peak_year]),
         "antwerp_peak_year": ant_peak, "antwerp_peak": float(ant[ant_peak]), "antwerp_last_year": ant_last,
         "antwerp_fall": float(1 - ant[ant_last] / ant[ant_peak])}  # fmt: skip
    same = (c["a_change"] < 0) == (c["b_change"] < 0)
    a_word_en = ("also " if same else "") + direction(c["b_change"], "en")
    a_word_nl = direction(c["b_change"], "nl", plural=False) + (" ook" if same else " daarentegen")
    en = (
        f"Cocaine seized in the port of Rotterdam (HARC figures) {direction(c['a_change'], 'en')} from "
        f"{tonnes(c['a_base'])} a year in {span} to {tonnes(c['a_last'])} in {last} (**{signed_pct(c['a_change'])}**). "
        f"Over the same years seizures in Antwerp, the largest neighbouring port, {a_word_en} "
        f"({tonnes(c['b_base'])} to {tonnes(c['b_last'])}, {signed_pct(c['b_change'])})"
    )
    nl = (
        f"De in de Rotterdamse haven onderschepte cocaïne (HARC-cijfers) {direction(c['a_change'], 'nl', plural=False)} van "
        f"{tonnes(c['a_base'], 'nl')} per jaar in {span} naar {tonnes(c['a_last'], 'nl')} in {last} "
        f"(**{signed_pct(c['a_change'], 'nl')}**). Over dezelfde jaren {a_word_nl} de vangst in Antwerpen, de grootste "
        f"buurhaven ({tonnes(c['b_base'], 'nl')} naar {tonnes(c['b_last'], 'nl')}, {signed_pct(c['b_change'], 'nl')})"
    )
    if same and c["diverged_year"] is not None:  # the same direction at the end, opposite directions on the way
        y, ca, cb = c["diverged_year"], c["a_diverged"], c["b_diverged"]
        en += (f", but the two moved apart at first: in {y} Antwerp was {pct(abs(cb))} {_above_below(cb, 'en')} its "
               f"{span} level and Rotterdam {pct(abs(ca))} {_above_below(ca, 'en')} its own.")
        nl += (f", maar eerst liepen de twee uiteen: in {y} lag Antwerpen {pct(abs(cb), 'nl')} {_above_below(cb, 'nl')} "
               f"het niveau van {span} en Rotterdam {pct(abs(ca), 'nl')} {_above_below(ca, 'nl')} het zijne.")
    else:
        en += "."
        nl += "."
    first_en = (f", after first moving apart (in {c['diverged_year']} Antwerp was {_above_below(c['b_diverged'], 'en')} its "
                f"{span} level, Rotterdam {_above_below(c['a_diverged'], 'en')})") if same and c["diverged_year"] is not None else ""
    first_nl = (f", nadat de twee havens eerst uiteenliepen (in {c['diverged_year']} lag Antwerpen {_above_below(c['b_diverged'], 'nl')} "
                f"het niveau van {span}, Rotterdam er{_above_below(c['a_diverged'], 'nl')})") if same and c["diverged_year"] is not None else ""
    short_en = (f"Rotterdam's seizures {direction(c['a_change'], 'en')} **{pct(abs(c['a_change']))}**, from {tonnes(c['a_base'])} a year "
                f"in {span} to {tonnes(c['a_last'])} in {last}; Antwerp's {direction(c['b_change'], 'en')} {pct(abs(c['b_change']))}{first_en}.")
    short_nl = (f"De vangsten in Rotterdam {direction(c['a_change'], 'nl')} **{pct(abs(c['a_change']), 'nl')}**, van "
                f"{tonnes(c['a_base'], 'nl')} per jaar in {span} naar {tonnes(c['a_last'], 'nl')} in {last}; in Antwerpen "
                f"{direction(c['b_change'], 'nl')} ze {pct(abs(c['b_change']), 'nl')}{first_nl}.")
    return Finding("rotterdam_fall", "notebooks/02_seizures.ipynb", "Seizures in Rotterdam", "Vangsten in Rotterdam", en, nl, n,
                   short_en, short_nl)


def _buffer_summary(g: pd.DataFrame, buffer: str) -> dict:
    """Counts and WDQ range of one buffer port over the computable cells of the preferred reading."""
    r = waterbed.readings(g).set_index("buffer").loc[buffer]
    ok = g[(g["variant"] == waterbed.PREFERRED) & g["computable"] & (g["buffer"] == buffer)]
    disp = ok[ok["reading"].isin(waterbed.DISPLACEMENT)]["wdq"]
    years = waterbed.WINDOW_YEARS
    pairs = sorted({years[w] for w in ok["window"]})
    starts = sorted({b for before, _ in pairs for b in before})
    return {"pairs": len(pairs), "before_years": starts,
            "cells": int(r["cells"]), "computable": int(r["computable"]), "displacement": int(r["displacement_total"]),
            "diffusion": int(r["diffusion_total"]), "wdq_min": float(ok["wdq"].min()) if len(ok) else float("nan"),
            "wdq_max": float(ok["wdq"].max()) if len(ok) else float("nan"),
            "disp_share_low": float(-disp.max()) if len(disp) else float("nan"),
            "disp_share_high": float(-disp.min()) if len(disp) else float("nan")}


_SPLIT = {
    "en": ("none can be computed", "all {n} read as displacement", "all {n} read as a diffusion of benefits",
           "{disp} read as displacement and {diff} as a diffusion of benefits"),
    "nl": ("geen enkele is te berekenen", "wijzen alle {n} op verplaatsing", "wijzen alle {n} op uitstraling van het effect",
           "wijzen er {disp} op verplaatsing en {diff} op uitstraling van het effect"),
}


def _split(d: dict, lang: str) -> str:
    """How the computable comparisons of one port split between displacement and diffusion, in words."""
    none, all_disp, all_diff, mixed = _SPLIT[lang]
    if d["computable"] == 0:
        return none
    if d["displacement"] == d["computable"]:
        return all_disp.format(n=d["computable"])
    if d["diffusion"] == d["computable"]:
        return all_diff.format(n=d["computable"])
    return mixed.format(disp=d["displacement"], diff=d["diffusion"])


def _split_en(d: dict) -> str:
    return _split(d, "en")


def _split_nl(d: dict) -> str:
    return _split(d, "nl")


def displacement_reading(seizures: pd.DataFrame, g: pd.DataFrame | None = None) -> Finding:
    """The waterbed question in one finding: how the computable comparisons read for Vlissingen and Antwerp.

    Counts distinct window × control combinations of the preferred reading (not variants of the same
    comparison), and gives the size of any displacement as a share of Rotterdam's fall relative to the
    control (minus the WDQ, Bowers & Johnson 2003).
    """
    g = waterbed.grid(seizures) if g is None else g
    v, a = _buffer_summary(g, "vlissingen"), _buffer_summary(g, "antwerp")
    n = {f"vlissingen_{k}": x for k, x in v.items()} | {f"antwerp_{k}": x for k, x in a.items()}
    rtm = kg_series(seizures, ["rotterdam"])["rotterdam"].dropna()
    peak = int(rtm.idxmax())
    n["rotterdam_peak_year"] = peak
    # which pairs of years the Vlissingen comparisons rest on, and whether they all start from Rotterdam's peak
    basis_en = basis_nl = ""
    if v["computable"]:
        word_en, word_nl = _WORDS_EN.get(v["pairs"], v["pairs"]), _WORDS_NL.get(v["pairs"], v["pairs"])
        at_peak = v["before_years"] == [peak]
        basis_en = (f" ({word_en} pair{'s' if v['pairs'] > 1 else ''} of years, "
                    + (f"{'both' if v['pairs'] == 2 else 'all'} from {peak}, Rotterdam's peak year)" if at_peak and v["pairs"] > 1
                       else f"from {peak}, Rotterdam's peak year)" if at_peak else "different years)"))
        basis_nl = (f" ({word_nl} paar jaren, "
                    + (f"steeds vanaf {peak}, het topjaar van Rotterdam)" if at_peak else "verschillende jaren)"))
    size_en = size_nl = ""
    if v["displacement"]:
        lo, hi = (f"{100 * x:.0f}" for x in (v["disp_share_low"], v["disp_share_high"]))
        share = f"{lo}%" if lo == hi else f"{lo}–{hi}%"
        size_en = f", with a rise equal to {share} of Rotterdam's fall"
        size_nl = f", met een stijging ter grootte van {share} van de daling in Rotterdam"
    en = (
        f"The published series allow {v['computable']} of {v['cells']} before/after comparisons with Vlissingen{basis_en}, and "
        f"{_split_en(v)}{size_en}. Of {a['computable']} comparisons with Antwerp, {_split_en(a)}, depending on the "
        f"years and the control: seizures alone cannot tell whether smuggling moved."
    )
    nl = (
        f"De gepubliceerde reeksen laten {v['computable']} van {v['cells']} voor-/navergelijkingen met Vlissingen toe{basis_nl}, en "
        f"daarvan {_split_nl(v)}{size_nl}. Van {a['computable']} vergelijkingen met Antwerpen {_split_nl(a)}, "
        f"afhankelijk van de jaren en de controle: uit vangsten alleen valt niet af te leiden of smokkel verschoof."
    )
    if v["computable"] and v["displacement"] == v["computable"]:
        v_en = (f"Vlissingen's seizures rose while Rotterdam's fell in **all {v['computable']}** comparisons the data allow"
                f"{basis_en}{size_en}")
        v_nl = (f"De vangsten in Vlissingen stegen terwijl die in Rotterdam daalden, in **alle {v['computable']}** "
                f"vergelijkingen die de cijfers toelaten{basis_nl}{size_nl}")
    else:
        v_en = f"Of {v['computable']} comparisons with Vlissingen the data allow, {_split_en(v)}"
        v_nl = f"Van {v['computable']} vergelijkingen met Vlissingen die de cijfers toelaten {_split_nl(v)}"
    a_mixed = 0 < a["displacement"] < a["computable"]
    short_en = v_en + ("; for Antwerp the reading flips with the years and the control." if a_mixed else f"; for Antwerp {_split_en(a)}.")
    short_nl = v_nl + ("; voor Antwerpen wisselt de uitkomst met de jaren en de controle." if a_mixed else f"; voor Antwerpen {_split_nl(a)}.")
    return Finding("displacement", "notebooks/03_displacement.ipynb", "The waterbed question", "De waterbedvraag", en, nl, n,
                   short_en, short_nl)


def wider_market(seizures: pd.DataFrame) -> Finding:
    """Did the market shrink? EU seizures and cocaine bound for NL seized abroad, set against Rotterdam over the same years.

    The EU series ends before most of Rotterdam's fall, so Rotterdam is measured over the EU's years,
    not its own longer span; figures the sources hedge ("bijna 110 ton") keep their hedge.
    """
    a = annual(seizures, locations=["eu_total", "nl_destined_abroad", "rotterdam"]).set_index(["location", "year"])
    eu = a.loc["eu_total"]
    first, last = waterbed.START - 1, int(eu.index.max())
    abroad = a.loc["nl_destined_abroad"]
    a_first, a_last = int(abroad.index.min()), int(abroad.index.max())
    rtm = a.loc["rotterdam"]["value"]
    r_change = float(rtm[last] / rtm[first] - 1) if first in rtm and last in rtm else float("nan")
    n = {"eu_first_year": first, "eu_first": eu.loc[first, "value"], "eu_last_year": last, "eu_last": eu.loc[last, "value"],
         "abroad_first_year": a_first, "abroad_first": abroad.loc[a_first, "value"], "abroad_last_year": a_last,
         "abroad_last": abroad.loc[a_last, "value"], "rotterdam_change": r_change}  # fmt: skip

    def q(frame, year, lang="en"):
        return qualified(frame.loc[year, "value"], frame.loc[year, "qualifier"], lang, 0)

    eu_dir, ab_dir = direction(n["eu_last"] - n["eu_first"], "en"), direction(n["abroad_last"] - n["abroad_first"], "en")
    en = (
        f"Cocaine seized in the EU {eu_dir} from {q(eu, first)} in {first} to {q(eu, last)} in {last} (the latest EU figure), "
        f"while Rotterdam's seizures {direction(r_change, 'en')} {pct(abs(r_change))} over the same years; cocaine bound for "
        f"the Netherlands but seized abroad {ab_dir} from {q(abroad, a_first)} ({a_first}) to {q(abroad, a_last)} ({a_last}). "
        f"Less flow, less detection and interception moved upstream all fit a fall in Rotterdam's seizures."
    )
    nl = (
        f"De in de EU onderschepte cocaïne {direction(n['eu_last'] - n['eu_first'], 'nl', plural=False)} van {q(eu, first, 'nl')} "
        f"in {first} naar {q(eu, last, 'nl')} in {last} (het laatste EU-cijfer), terwijl de vangsten in Rotterdam over dezelfde "
        f"jaren {pct(abs(r_change), 'nl')} {direction(r_change, 'nl')}; cocaïne op weg naar Nederland die in het buitenland werd "
        f"onderschept {direction(n['abroad_last'] - n['abroad_first'], 'nl', plural=False)} van {q(abroad, a_first, 'nl')} "
        f"({a_first}) naar {q(abroad, a_last, 'nl')} ({a_last}). Minder aanvoer, minder ontdekking en onderschepping eerder "
        f"in de keten passen alle drie bij lagere vangsten in Rotterdam."
    )
    rose = n["eu_last"] > n["eu_first"]
    short_en = (f"EU seizures {eu_dir} from {q(eu, first)} ({first}) to **{q(eu, last)}** ({last}), while Rotterdam's "
                f"{direction(r_change, 'en')} {pct(abs(r_change))} over those years; the EU series ends before most of Rotterdam's fall.")
    short_nl = (f"De EU-vangsten {direction(n['eu_last'] - n['eu_first'], 'nl')} van {q(eu, first, 'nl')} ({first}) naar "
                f"**{q(eu, last, 'nl')}** ({last}), terwijl die in Rotterdam over die jaren {pct(abs(r_change), 'nl')} "
                f"{direction(r_change, 'nl')}; de EU-reeks stopt vóór het grootste deel van de daling in Rotterdam.")
    return Finding("market", "notebooks/03_displacement.ipynb", "The EU seized more" if rose else "The EU seized less",
                   "In de EU werd meer onderschept" if rose else "In de EU werd minder onderschept", en, nl, n, short_en, short_nl)


def waterbed_findings(seizures: pd.DataFrame, g: pd.DataFrame, its: pd.DataFrame) -> str:
    """The Findings section of the waterbed page as Markdown bullets; every number and verdict computed.

    ``g`` is :func:`waterbed.grid`, ``its`` is :func:`waterbed.its_table` indexed by (location, form).
    """
    r = waterbed.readings(g).set_index("buffer")
    vl, az, nz = r.loc["vlissingen"], r.loc["antwerp"], r.loc["nzkg_ports"]
    reading = displacement_reading(seizures, g).numbers
    market = wider_market(seizures).numbers
    rtm, ant = its.loc[("rotterdam", "plain")], its.loc[("antwerp", "plain")]
    rtm_i, ant_i = its.loc[("rotterdam", "indexed")], its.loc[("antwerp", "indexed")]
    missing = waterbed.missing_years(seizures, "vlissingen")
    nz_years = len(annual(seizures, locations=["nzkg_ports"]))
    all_disp = lambda x: x["displacement_total"] == x["computable"]  # noqa: E731
    nz_same = nz["computable"] > 0 and all_disp(nz) == all_disp(vl)
    out = [
        f"Vlissingen's HARC series has no port-wide figure for {', '.join(map(str, missing))}, so {vl['not_computable']} of "
        f"{vl['cells']} comparisons cannot be made."
        + (f" Where they can, Vlissingen's seizures rose while Rotterdam's fell, by {pct(reading['vlissingen_disp_share_low'])} "
           f"to {pct(reading['vlissingen_disp_share_high'])} of Rotterdam's fall" if vl["computable"] and all_disp(vl) else "")
        + (f"; the North Sea Canal ports, with {nz_years} published years, read the same way" if nz_same else "") + ".",
    ]
    if 0 < az["displacement_total"] < az["computable"]:
        out.append(f"Antwerp's reading flips with the years and the control ({az['displacement_total']} displacement, "
                   f"{az['diffusion_total']} diffusion of {az['computable']}).")
    else:
        out.append(f"Antwerp reads the same way in all {az['computable']} computable comparisons.")
    if rtm["slope_change"] < 0 and ant["slope_change"] < 0:
        out.append("Antwerp's trend broke at the same time as Rotterdam's"
                   + (", and more sharply relative to its own level" if ant_i["slope_change"] < rtm_i["slope_change"] else "")
                   + ": a break common to both ports points to something they share (the market, joint enforcement, "
                   "interception upstream) as well as, or rather than, Rotterdam's measures.")
    out.append(f"Across the EU, seizures {direction(market['eu_last'] - market['eu_first'], 'en')} up to {market['eu_last_year']}, "
               "the latest year published: no EU or Italian figure yet covers the later years of the structural money.")
    out.append("Seizures alone cannot separate less flow from less detection, and none of these measures is a verdict on the approach.")
    return "\n".join(f"- {t}" for t in out) + "\n"


def series_note(series_used: dict[str, str], *, prose: bool = False) -> str:
    """Which counting system each funded hub's seizure figures come from ("Port of Rotterdam: HARC; ...")."""
    from mainports_analysis.report.charts.style import label

    name = in_prose if prose else label
    system = {"harc": "HARC"}

    def place(hub: str) -> str:
        return label(FUNDED_SEAPORT_SERIES[hub])

    return "; ".join(f"{name(h)}{f' as {place(h)}' if place(h) != label(h) else ''}: {system.get(s, s.capitalize())}"
                     for h, s in series_used.items())


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
        f"({market['eu_first_year']}) to {tonnes(market['eu_last'], decimals=0)} ({market['eu_last_year']}), while Rotterdam's "
        f"{direction(market['rotterdam_change'], 'en')} {pct(abs(market['rotterdam_change']))}; Dutch street "
        f"purity {pv0:.1f}% ({py0}) and {pv1:.1f}% ({py1}); street price EUR {price.iloc[-1]:.0f} a gram in {int(price.index[-1])}."
    )
    less_flow_verdict = (
        f"{'Not supported' if eu_rose and pv1 >= pv0 else 'Possible'} up to {market['eu_last_year']}: "
        f"{'rising EU seizures and purity are consistent with ample supply (seizures are not flow)' if eu_rose and pv1 >= pv0 else 'the indicators are not consistent with ample supply'}. "
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
    ab = annual(seizures, locations=["nl_destined_abroad"]).set_index("year")
    upstream = (f"Cocaine bound for the Netherlands seized abroad: {qualified(a0, ab.loc[a0y, 'qualifier'], decimals=0)} ({a0y}) to "
                f"{qualified(a1, ab.loc[a1y, 'qualifier'], decimals=0)} ({a1y})"
                + (f", with {qualified(ab['value'].min(), ab.loc[ab['value'].idxmin(), 'qualifier'], decimals=0)} in "
                   f"{int(ab['value'].idxmin())}" if int(ab['value'].idxmin()) not in (a0y, a1y) else "") + ".")
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
        ("Consistent with some displacement in every computable comparison"
         + (", smaller than Rotterdam's fall" if min(d["wdq_min"] for d in every) >= -1 else "")
         if all_disp else "Mixed: the comparisons disagree" if every else "Not testable")
        + (f"; {_and(no_series)} publish no annual series." if no_series else ".")
    )
    ant = (f"{a['computable']} of {a['cells']} comparisons computable; {_split_en(a)}"
           + (f" (WDQ {number(a['wdq_min'])} to {number(a['wdq_max'])})" if a["computable"] else "") + ".")
    ant_verdict = ("Consistent with displacement in every computable comparison" if a["computable"] and a["displacement"] == a["computable"] else
                   "Mixed: the reading flips with the years and the control" if a["computable"] else "Not testable") + "."
    cells2, ok2, disp2, diff2 = _ring_split(g, "second")
    changes = waterbed.national_changes(seizures, base_year=base)
    rising = [(registry().location(r.location).name_en, r.base, r.last_year, r.last) for r in changes.itertuples()]
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


def bottom_line(data: dict[str, pd.DataFrame], lang: str = "en") -> str:
    """The answer to the waterbed question in one or two sentences, for the home page's bottom-line box.

    Computed from the same readings as the waterbed page; Markdown.
    """
    return displacement_reading(data["seizures"]).short(lang)
