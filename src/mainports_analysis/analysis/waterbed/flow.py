"""Less cocaine or less detection? What the published data hold that separates the two, side by side.

Seizures are S = p·F, detection probability times flow; a fall in Rotterdam's kilograms is
Δlog p + Δlog F and cannot by itself say which moved. Other published series move differently
under the two readings (methods brief, "Seizures are not flow"; EMCDDA 2005; UNODC 2006):

* cocaine bound for the Netherlands (seized in the Netherlands plus NL-bound cocaine seized abroad):
  a fall everywhere is consistent with less flow; a rise abroad with interception moved upstream;
* kilograms per HARC criminal investigation: fewer kilograms for more investigations is consistent
  with less flow (more effort finding less);
* extractor (uithaler) arrests: extractors still arrested in numbers are consistent with cocaine
  still arriving (less detection, or smaller loads);
* seizure counts (events) and half-year kilograms, where published.

Each row is a computed comparison with a code for the reading it is *consistent with*; none is proof.
"""

from __future__ import annotations

import pandas as pd

from mainports_analysis.analysis.waterbed.design import (
    H1_LOCATIONS,
    RESPONSE,
    START,
    base_annual,
    wide_values,
)

#: Reading codes: what a row's change is consistent with.
CONSISTENT = ("less_flow", "not_less_flow", "either", "not_testable")


def _pair(s: pd.Series) -> tuple[int, float, int, float] | None:
    """The last year before the start and the last year, with their values; None if either side is missing."""
    s = s.dropna()
    pre, post = s[s.index < START], s[s.index >= START]
    if pre.empty or post.empty:
        return None
    y0, y1 = int(pre.index.max()), int(post.index.max())
    return y0, float(s[y0]), y1, float(s[y1])


def _indicator(indicators: pd.DataFrame, location: str, metric: str) -> pd.Series:
    from mainports_analysis.analysis.waterbed.monitoring import _plain

    indicators = _plain(indicators)
    x = indicators[(indicators["location"].astype(str) == location) & (indicators["metric"].astype(str) == metric)
                   & (indicators["period"].astype(str) == "FY")]
    return x.groupby(x["year"].astype(int))["value"].first().sort_index()


def flow_or_detection(seizures: pd.DataFrame, indicators: pd.DataFrame) -> pd.DataFrame:
    """The rival readings' evidence side by side: one row per indicator, with what its change is consistent with.

    Columns: indicator (id), unit, first_year, first, last_year, last, change (last/first − 1),
    consistent_with (:data:`CONSISTENT`), note. ``first`` is the last year before the approach with a
    figure, ``last`` the latest year; a series without a year on both sides is ``not_testable``.
    """
    w = wide_values(seizures)
    rows = []

    def add(ind: str, unit: str, s: pd.Series | None, rule, note: str = "") -> None:
        pr = _pair(s) if s is not None else None
        if pr is None:
            years = sorted(int(y) for y in s.dropna().index) if s is not None else []
            rows.append({"indicator": ind, "unit": unit, "first_year": years[0] if years else None,
                         "last_year": years[-1] if years else None, "consistent_with": "not_testable",
                         "note": note or "no published figure on both sides of the start"})
            return
        y0, v0, y1, v1 = pr
        ch = v1 / v0 - 1 if v0 else float("nan")
        rows.append({"indicator": ind, "unit": unit, "first_year": y0, "first": v0, "last_year": y1, "last": v1,
                     "change": ch, "consistent_with": rule(ch), "note": note})

    rtm = w[RESPONSE]
    add("rotterdam_kg", "kg", rtm, lambda c: "either", "the seizures themselves: S = p·F")
    if "nl_total" in w and "nl_destined_abroad" in w:
        bound = (w["nl_total"] + w["nl_destined_abroad"]).dropna()
        add("bound_for_nl_kg", "kg", bound, lambda c: "less_flow" if c < 0 else "not_less_flow",
            "seized in the Netherlands plus NL-bound cocaine seized abroad, in years with both")
        add("nl_destined_abroad_kg", "kg", w["nl_destined_abroad"], lambda c: "not_less_flow" if c > 0 else "either",
            "a rise abroad is consistent with interception moved upstream")
    inv = _indicator(indicators, RESPONSE, "harc_criminal_investigations")
    per = (rtm / inv).dropna() if len(inv) else None
    add("kg_per_investigation", "kg per investigation", per, lambda c: "less_flow" if c < 0 else "either",
        "HARC criminal investigations in the port of Rotterdam")
    arrests = base_annual(seizures, metric="extractor_arrests", locations=[RESPONSE])
    arrests = arrests[arrests["location"] == RESPONSE].set_index("year")["value"] if len(arrests) else None
    add("extractor_arrests", "arrests", arrests, lambda c: "not_less_flow" if c >= 0 else "less_flow",
        "extractors arrested in the port of Rotterdam")
    counts = base_annual(seizures, metric="cocaine_seizures", locations=[RESPONSE])
    counts = counts[counts["location"] == RESPONSE].set_index("year")["value"] if len(counts) else None
    add("seizure_events", "seizures", counts, lambda c: "less_flow" if c < 0 else "not_less_flow",
        "number of cocaine seizures in the port of Rotterdam")
    h1 = base_annual(seizures, period="H1", locations=H1_LOCATIONS)
    sea = h1[h1["location"] == "nl_seaports"].set_index("year")["value"] if len(h1) else None
    add("nl_seaports_h1_kg", "kg in the first half-year", sea, lambda c: "either",
        "Customs' first-half figures for all Dutch seaports")
    out = pd.DataFrame(rows, columns=["indicator", "unit", "first_year", "first", "last_year", "last", "change",
                                      "consistent_with", "note"])
    return out
