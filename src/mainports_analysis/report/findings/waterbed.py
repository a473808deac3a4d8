"""The waterbed findings: Rotterdam's fall, the displacement readings, the wider market and rival readings.
"""

from __future__ import annotations

import pandas as pd

from mainports_analysis.analysis import waterbed
from mainports_analysis.analysis.hubs import FUNDED_SEAPORT_SERIES, _first_last, fall_comparison, kg_series
from mainports_analysis.data.registry import registry
from mainports_analysis.data.treatment import load_treatment
from mainports_analysis.report import labels
from mainports_analysis.report.findings._base import Finding
from mainports_analysis.report.prose import render
from mainports_analysis.report.text import in_prose, signed_pct, years_text

#: Reader labels of the WDQ reading codes: one definition, in :data:`mainports_analysis.report.labels.READINGS`.
READINGS_EN, READINGS_NL = labels.READINGS["en"], labels.READINGS["nl"]


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
    apart = ({"year": c["diverged_year"], "a": c["a_diverged"], "b": c["b_diverged"]}
             if same and c["diverged_year"] is not None else None)  # same end direction, opposite on the way
    values = {"change": c["a_change"], "a_base": c["a_base"], "a_last": c["a_last"], "b_change": c["b_change"],
              "b_base": c["b_base"], "b_last": c["b_last"], "last": last, "span": span, "same": same, "apart": apart}
    en, nl = (render("waterbed/rotterdam_fall", lang, **values) for lang in ("en", "nl"))
    short_en, short_nl = (render("waterbed/rotterdam_fall_short", lang, **values) for lang in ("en", "nl"))
    return Finding("rotterdam_fall", "notebooks/02_seizures.ipynb", "Seizures in Rotterdam", "Inbeslagnames in Rotterdam", en, nl, n,
                   short_en, short_nl)


#: How the waterbed ports are named inside a sentence.
PORT_PROSE = {
    "en": {"rotterdam": "Rotterdam", "vlissingen": "Vlissingen", "nzkg_ports": "the North Sea Canal ports", "antwerp": "Antwerp"},
    "nl": {"rotterdam": "Rotterdam", "vlissingen": "Vlissingen", "nzkg_ports": "de havens van het Noordzeekanaalgebied",
           "antwerp": "Antwerpen"},
}


def port_name(loc: str, lang: str = "en") -> str:
    """A port's name mid-sentence (the registry's name for ports without a prose form)."""
    return PORT_PROSE[lang].get(loc) or registry().location(loc).name(lang)


def year_pairs(pairs: list[tuple[tuple[int, ...], tuple[int, ...]]], lang: str = "en") -> str:
    """Pairs of (before years, after years) in words (template ``waterbed/year_pairs``): up to three
    named, "2021 against 2022 and 2021 against 2024" ("2021 met 2022 ..."), more counted ("12 pairs
    of years", "12 jaarparen"); no pairs give ""."""
    return render("waterbed/year_pairs", lang, pairs=[(years_text(b), years_text(a)) for b, a in pairs])


def _buffer_summary(g: pd.DataFrame, buffer: str) -> dict:
    """One buffer port over the computable cells of the base reading: directions, year pairs, WDQ range.

    ``pairs`` are the distinct (before years, after years) the readable cells rest on: cells that
    share them are not separate evidence. ``at_peak``: every pair starts from Rotterdam's peak.
    """
    part = waterbed.base(g)
    b = part[part["buffer"] == buffer]
    ok = b[b["computable"]]
    disp = ok[ok["reading"].isin(waterbed.DISPLACEMENT)]["wdq"]
    pairs = sorted({(tuple(x), tuple(y)) for x, y in zip(ok["before_years"], ok["after_years"], strict=True)})
    disp_pairs = sorted({(tuple(x), tuple(y)) for x, y, r in zip(ok["before_years"], ok["after_years"], ok["reading"],
                                                                  strict=True) if r in waterbed.DISPLACEMENT})
    return {"computable": len(ok), "cells": len(b), "pairs": pairs, "n_pairs": len(pairs), "disp_pairs": disp_pairs,
            "displacement": int(ok["reading"].isin(waterbed.DISPLACEMENT).sum()),
            "diffusion": int(ok["reading"].isin(waterbed.DIFFUSION).sum()),
            "all_displacement": bool(len(ok)) and bool(ok["reading"].isin(waterbed.DISPLACEMENT).all()),
            "mixed": bool(ok["reading"].isin(waterbed.DISPLACEMENT).any() and ok["reading"].isin(waterbed.DIFFUSION).any()),
            "wdq_min": float(ok["wdq"].min()) if len(ok) else float("nan"),
            "wdq_max": float(ok["wdq"].max()) if len(ok) else float("nan"),
            "share_low": float(-disp.max()) if len(disp) else float("nan"),
            "share_high": float(-disp.min()) if len(disp) else float("nan"),
            "treatment": waterbed.treatments([buffer])[buffer]}


def evidence(seizures: pd.DataFrame, g: pd.DataFrame | None = None, *, placebo: pd.DataFrame | None = None,
             mdc: pd.DataFrame | None = None) -> dict:
    """Every number the waterbed prose states, computed once: Rotterdam's fall, each first-ring port's
    readings, the placebo reference rates and the minimum detectable changes."""
    g = waterbed.grid(seizures) if g is None else g
    placebo = waterbed.placebo_readings(seizures) if placebo is None else placebo
    mdc = waterbed.mdc_table(seizures) if mdc is None else mdc
    fall = waterbed.rotterdam_fall(seizures)
    rates = waterbed.placebo_rates(placebo).set_index("kind")
    m = mdc.set_index("location")
    ports = {b: _buffer_summary(g, b) for b in waterbed.FIRST_RING}
    usable = [b for b in waterbed.FIRST_RING if b in m.index and bool(m.loc[b, "usable"])]
    short = [b for b in waterbed.FIRST_RING if b not in usable]

    def rate(kind: str) -> dict:
        r = rates.loc[kind] if kind in rates.index else None
        return {"computable": int(r["computable"]) if r is not None else 0,
                "displacement": int(r["displacement"]) if r is not None else 0,
                "rate": float(r["rate"]) if r is not None and r["computable"] else float("nan")}

    return {"fall": fall, "ports": ports, "mdc": {loc: m.loc[loc].to_dict() for loc in m.index}, "usable": usable,
            "too_short": short, "time": rate("time"), "space": rate("space"), "peak": waterbed.PEAK}


def _values(ev: dict, lang: str) -> dict:
    """The template values of :func:`evidence` in one language (names and year pairs worded)."""
    v = ev["ports"]["vlissingen"]
    floor = min(ev["usable"], key=lambda b: ev["mdc"][b]["ratio"]) if ev["usable"] else None
    mf = ev["mdc"].get(floor, {}) if floor else {}
    r = ev["mdc"]["rotterdam"]
    return {
        "fall": ev["fall"], "peak": ev["peak"], "v": v, "a": ev["ports"]["antwerp"], "z": ev["ports"]["nzkg_ports"],
        "v_pairs": year_pairs(v["disp_pairs"], lang),
        "v_at_peak": bool(v["disp_pairs"]) and all(b == (ev["peak"],) for b, _ in v["disp_pairs"]),
        "time": ev["time"], "space": ev["space"],
        "floor": port_name(floor, lang) if floor else "", "floor_ratio": mf.get("ratio"), "floor_kg": mf.get("kg"),
        "floor_share": mf.get("share_of_fall"), "floor_years": (int(mf["first"]), int(mf["last"])) if floor else (),
        "too_short": [port_name(b, lang) for b in ev["too_short"]],
        "rotterdam_ratio": r.get("ratio"), "rotterdam_ratio_fall": r.get("ratio_fall"),
        "rotterdam_usable": bool(r.get("usable")),
    }


def displacement_reading(seizures: pd.DataFrame, g: pd.DataFrame | None = None, *, placebo: pd.DataFrame | None = None,
                         mdc: pd.DataFrame | None = None) -> Finding:
    """The waterbed question in one finding: what the readings show, against what chance and the data allow.

    No count of comparisons leads: cells that share a pair of years are one piece of evidence, so the
    prose names the pairs of years. A rise at a funded buffer (Vlissingen, the North Sea Canal
    ports) reads "displacement or the detection the approach funded there"; the placebo reference
    rate and the minimum detectable change stand beside the reading (Bowers & Johnson 2003; Bloom 1995).
    """
    ev = evidence(seizures, g, placebo=placebo, mdc=mdc)
    texts = {lang: (render("waterbed/displacement_reading", lang, **_values(ev, lang)),
                    render("waterbed/displacement_short", lang, **_values(ev, lang))) for lang in ("en", "nl")}
    v = ev["ports"]["vlissingen"]
    n = {"vlissingen_computable": v["computable"], "vlissingen_displacement": v["displacement"],
         "vlissingen_share_low": v["share_low"], "vlissingen_share_high": v["share_high"],
         "placebo_time_rate": ev["time"]["rate"], "placebo_space_rate": ev["space"]["rate"],
         "rotterdam_fall": ev["fall"]["fall"], "detectable_floor": _values(ev, "en")["floor_kg"]}
    return Finding("displacement", "notebooks/03_displacement.ipynb", "The waterbed question", "De waterbedvraag",
                   texts["en"][0], texts["nl"][0], n, texts["en"][1], texts["nl"][1])


def wider_market(seizures: pd.DataFrame) -> Finding:
    """Did the market shrink? EU seizures and cocaine bound for NL seized abroad, set against Rotterdam over the same years.

    The EU series ends before most of Rotterdam's fall, so Rotterdam is measured over the EU's years,
    not its own longer span; figures the sources hedge ("bijna 110 ton") keep their hedge.
    """
    a = waterbed.series_frame(seizures, ["eu_total", "nl_destined_abroad", "rotterdam"]).set_index(["location", "year"])
    eu = a.loc["eu_total"]
    first, last = waterbed.START - 1, int(eu.index.max())
    abroad = a.loc["nl_destined_abroad"]
    a_first, a_last = int(abroad.index.min()), int(abroad.index.max())
    rtm = a.loc["rotterdam"]["value"]
    r_change = float(rtm[last] / rtm[first] - 1) if first in rtm and last in rtm else float("nan")
    n = {"eu_first_year": first, "eu_first": eu.loc[first, "value"], "eu_last_year": last, "eu_last": eu.loc[last, "value"],
         "abroad_first_year": a_first, "abroad_first": abroad.loc[a_first, "value"], "abroad_last_year": a_last,
         "abroad_last": abroad.loc[a_last, "value"], "rotterdam_change": r_change}  # fmt: skip

    values = {"first": first, "last": last, "eu_first": n["eu_first"], "eu_first_q": eu.loc[first, "qualifier"],
              "eu_last": n["eu_last"], "eu_last_q": eu.loc[last, "qualifier"], "r_change": r_change,
              "ab_first_year": a_first, "ab_first": n["abroad_first"], "ab_first_q": abroad.loc[a_first, "qualifier"],
              "ab_last_year": a_last, "ab_last": n["abroad_last"], "ab_last_q": abroad.loc[a_last, "qualifier"]}
    en, nl = (render("waterbed/wider_market", lang, **values) for lang in ("en", "nl"))
    short_en, short_nl = (render("waterbed/wider_market_short", lang, **values) for lang in ("en", "nl"))
    rose = n["eu_last"] > n["eu_first"]
    return Finding("market", "notebooks/03_displacement.ipynb", "The EU seized more" if rose else "The EU seized less",
                   "In de EU meer in beslag genomen" if rose else "In de EU minder in beslag genomen", en, nl, n, short_en, short_nl)


def its_summary(seizures: pd.DataFrame, *, its_p: pd.DataFrame | None = None,
                profiles: pd.DataFrame | None = None, its: pd.DataFrame | None = None) -> dict:
    """The ITS numbers the prose states: best break years, the placebo count against chance, log slope changes."""
    its_p = waterbed.its_placebo(seizures) if its_p is None else its_p
    profiles = waterbed.port_profiles(seizures) if profiles is None else profiles
    its = waterbed.its_table(seizures).set_index(["location", "form"]) if its is None else its
    best = profiles[profiles["best"]].set_index(["location", "scale"])["start"]
    t = its_p[its_p["kind"] == "time"]
    out = {"start": waterbed.START, "best": {f"{loc}_{sc}": int(y) for (loc, sc), y in best.items()},
           "fake_fits": len(t), "fake_significant": int(t["significant"].sum()),
           "chance_limit": waterbed.chance_limit(len(t)), "misspecified": waterbed.its_misspecified(its_p)}
    for loc in (waterbed.RESPONSE, "antwerp"):
        key = (loc, "log")
        out[f"{loc}_log_slope"] = float(its.loc[key, "slope_change"]) if key in its.index else float("nan")
    a, b = out["rotterdam_log_slope"], out["antwerp_log_slope"]
    out["similar"] = bool(a < 0 and b < 0 and 0.5 <= a / b <= 2)  # both down, within a factor two of each other
    return out


def flow_table(flow: pd.DataFrame, lang: str = "en") -> pd.DataFrame:
    """:func:`waterbed.flow_or_detection` for readers: indicator, years, values, change and what it is
    consistent with (labels in the template ``waterbed/flow_table``)."""
    def label(kind: str, key: str) -> str:
        return render("waterbed/flow_table", lang, kind=kind, key=key)

    rows = []
    for r in flow.itertuples():
        ok = r.consistent_with != "not_testable"
        rows.append({"indicator": label("indicator", r.indicator),
                     "years": f"{int(r.first_year)} → {int(r.last_year)}" if ok else "",
                     "change": signed_pct(r.change, lang) if ok else "",
                     "consistent with": label("reading", r.consistent_with)})
    return pd.DataFrame(rows)


def waterbed_findings(seizures: pd.DataFrame, g: pd.DataFrame, its: pd.DataFrame, *, placebo: pd.DataFrame | None = None,
                      mdc: pd.DataFrame | None = None, its_p: pd.DataFrame | None = None,
                      profiles: pd.DataFrame | None = None, flow: pd.DataFrame | None = None, lang: str = "en") -> str:
    """The Findings section of the waterbed page as Markdown bullets (template ``waterbed/findings``).

    ``g`` is :func:`waterbed.grid`, ``its`` is :func:`waterbed.its_table` indexed by (location, form);
    the other frames are computed when not given, except ``flow`` (the flow-or-detection bullet needs
    the indicators; it is left out without it). Every number and verdict is computed.
    """
    ev = evidence(seizures, g, placebo=placebo, mdc=mdc)
    values = _values(ev, lang)
    market = wider_market(seizures).numbers
    f = flow.set_index("indicator") if flow is not None else None
    flow_rows = {} if f is None else {k: f.loc[k].to_dict() for k in ("kg_per_investigation", "bound_for_nl_kg")
                                      if k in f.index and f.loc[k, "consistent_with"] != "not_testable"}
    from mainports_analysis.data.load import load_sources

    return render("waterbed/findings", lang, **values, z_pairs=year_pairs(values["z"]["disp_pairs"], lang),
                  power=waterbed.detectability.POWER, alpha=waterbed.detectability.ALPHA, antwerp_joint_year=antwerp_joint_year(load_sources()),
                  its=its_summary(seizures, its_p=its_p, profiles=profiles, its=its), market=market, flow=flow_rows,
                  mdc=ev["mdc"]) + "\n"


def antwerp_joint_year(sources: pd.DataFrame) -> int:
    """The year of the source that classifies Antwerp as partly treated (the joint NL–BE measures)."""
    joint = load_treatment().set_index("location_id").loc["antwerp", "source_id"]
    return int(str(sources.set_index("source_id").loc[joint, "published"])[:4])


def series_note(series_used: dict[str, str], *, prose: bool = False) -> str:
    """Which counting system each funded hub's seizure figures come from ("Port of Rotterdam: HARC; ...",
    template ``waterbed/series_note``); ``prose=True`` names the hubs as mid-sentence."""
    from mainports_analysis.report.charts.style import label

    name = in_prose if prose else label
    system = {"harc": "HARC"}
    hubs = [{"name": name(h), "place": "" if label(FUNDED_SEAPORT_SERIES[h]) == label(h) else label(FUNDED_SEAPORT_SERIES[h]),
             "system": system.get(s, s.capitalize())} for h, s in series_used.items()]
    return render("waterbed/series_note", "en", hubs=hubs)


#: The rows of :func:`rival_readings`, in order (template ``waterbed/rival_readings``).
RIVAL_READINGS = ("less_flow", "less_found", "upstream", "near_ports", "antwerp", "further")
#: Column headers of :func:`rival_readings` per language.
RIVAL_COLUMNS = {"en": ["reading", "what the published data show", "can the data tell?"],
                 "nl": ["verklaring", "wat de gepubliceerde cijfers laten zien", "kunnen de cijfers het onderscheiden?"]}


def _rival_values(data: dict[str, pd.DataFrame], g: pd.DataFrame, placebo: pd.DataFrame | None, lang: str = "en") -> dict:
    """Every number and verdict input of the rival readings, one series at a time (no prose).

    Kilograms for the seizure series, percent for purity, EUR a gram for the street price; each
    indicator with the year of its figure. Long (one block per reading): each reads its own series.
    """
    seizures, ind = data["seizures"], data["indicators"]
    base = waterbed.START - 1

    def indicator(loc: str, metric: str) -> pd.Series:
        x = ind[(ind["location"].astype(str) == loc) & (ind["metric"].astype(str) == metric) & (ind["period"].astype(str) == "FY")]
        return x.groupby("year")["value"].first().sort_index()

    m = wider_market(seizures).numbers
    purity, price = indicator("nl_total", "cocaine_purity"), indicator("nl_total", "cocaine_retail_price")
    py0, pv0, py1, pv1 = _first_last(purity, base)
    arrests = waterbed.base_annual(seizures, metric="extractor_arrests", locations=["rotterdam"]).set_index("year")["value"]
    invest = indicator("rotterdam", "harc_criminal_investigations")
    efforts = ind[ind["metric"].astype(str).isin(["containers_scanned", "containers_inspected", "customs_scans"])]
    a0y, a1y = m["abroad_first_year"], m["abroad_last_year"]
    ab = waterbed.series_frame(seizures, ["nl_destined_abroad"]).set_index("year")
    low_year = int(ab["value"].idxmin())
    ports = {k: _buffer_summary(g, b) for k, b in (("v", "vlissingen"), ("a", "antwerp"), ("z", "nzkg_ports"))}
    placebo = waterbed.placebo_readings(seizures) if placebo is None else placebo
    time_rate = waterbed.placebo_rates(placebo).set_index("kind")["rate"].get("time", float("nan"))
    second = waterbed.readings(g)
    second = second[(second["ring"] == "second") & (second["computable"] > 0)]
    name = lambda loc: registry().location(loc).name(lang)  # noqa: E731
    joint_year = antwerp_joint_year(data["sources"])
    eu_rose = m["eu_last"] > m["eu_first"]
    return {
        "eu_first": m["eu_first"], "eu_first_year": m["eu_first_year"], "eu_last": m["eu_last"],
        "eu_last_year": m["eu_last_year"], "r_change": m["rotterdam_change"],
        "purity_first": pv0, "purity_first_year": py0, "purity_last": pv1, "purity_last_year": py1,
        "price": float(price.iloc[-1]), "price_year": int(price.index[-1]), "ample_supply": bool(eu_rose and pv1 >= pv0),
        "arrests_first": arrests.iloc[0], "arrests_first_year": int(arrests.index[0]), "arrests_peak": arrests.max(),
        "arrests_peak_year": int(arrests.idxmax()), "arrests_last": arrests.iloc[-1], "arrests_last_year": int(arrests.index[-1]),
        "invest_first": invest.iloc[0], "invest_first_year": int(invest.index[0]), "invest_last": invest.iloc[-1],
        "invest_last_year": int(invest.index[-1]),
        "effort_counts": len(efforts), "effort_places": efforts["location"].astype(str).nunique(),
        "abroad_first": m["abroad_first"], "abroad_first_year": a0y, "abroad_first_q": ab.loc[a0y, "qualifier"],
        "abroad_last": m["abroad_last"], "abroad_last_year": a1y, "abroad_last_q": ab.loc[a1y, "qualifier"],
        "abroad_low": ab["value"].min(), "abroad_low_q": ab.loc[low_year, "qualifier"],
        "abroad_low_year": low_year if low_year not in (a0y, a1y) else None,
        "antwerp_joint_year": joint_year, **ports, **{f"{k}_where": year_pairs(d["pairs"], lang) for k, d in ports.items()},
        "time_rate": float(time_rate) if time_rate == time_rate else None,
        "no_series": [name(loc) for loc in ("moerdijk", "terneuzen") if len(waterbed.series_frame(seizures, [loc])) < 2],
        "second": [name(b) for b in second["buffer"]],
        "flips": [name(r.buffer) for r in second.itertuples() if r.displacement_total and r.diffusion_total],
        "base": base, "national": [(name(r.location), r.base, r.last_year, r.last)
                                   for r in waterbed.national_changes(seizures, base_year=base).itertuples()],
    }


def rival_readings(data: dict[str, pd.DataFrame], g: pd.DataFrame | None = None, *,
                   placebo: pd.DataFrame | None = None, lang: str = "en") -> pd.DataFrame:
    """The rival readings of Rotterdam's fall in seizures, each with what the published data show and
    whether they can tell (methods brief: present the readings side by side, never a verdict from one
    number). Every number and every verdict is computed from the data (:func:`_rival_values`); the
    sentences are the template ``waterbed/rival_readings``, one cell per render."""
    g = waterbed.grid(data["seizures"]) if g is None else g
    values = _rival_values(data, g, placebo, lang)
    rows = [[render("waterbed/rival_readings", lang, reading=r, part=p, **values) for p in ("title", "shows", "verdict")]
            for r in RIVAL_READINGS]
    return pd.DataFrame(rows, columns=RIVAL_COLUMNS[lang])


def bottom_line(data: dict[str, pd.DataFrame], lang: str = "en", *, g: pd.DataFrame | None = None,
                placebo: pd.DataFrame | None = None, mdc: pd.DataFrame | None = None) -> str:
    """What the data can and cannot say about the waterbed question, in one or two sentences (Markdown).

    For the home page's bottom-line box: Rotterdam's fall, that these data cannot say whether
    smuggling moved, and the smallest displacement the buffer series could detect (minimum
    detectable change, Bloom 1995); where Vlissingen rose, that the approach funded detection there.
    A page that has the grid, placebo readings or MDC table already passes them (same numbers).
    """
    ev = evidence(data["seizures"], g, placebo=placebo, mdc=mdc)
    return render("waterbed/bottom_line", lang, **_values(ev, lang))
