"""The briefing's frame: monitoring, the approach, the main caveats, and the key findings in order.
"""

from __future__ import annotations

import re

import pandas as pd

from mainports_analysis.data.registry import registry
from mainports_analysis.data.series import annual
from mainports_analysis.report import labels
from mainports_analysis.report.findings._base import Finding
from mainports_analysis.report.findings.money import money
from mainports_analysis.report.findings.waterbed import displacement_reading, rotterdam_fall, wider_market
from mainports_analysis.report.prose import render


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
    aim: :func:`mainports_analysis.analysis.measures.displacement_measures`), and takes the Court of Audit's
    allocated amount and its period from the audit rows, so no number or year is typed in.
    """
    from mainports_analysis.report import measures as M

    n_measures = len(measures)
    n_disp = len(M.displacement_measures(measures))
    allocated = M.audit_money(audit).set_index("metric").loc["allocated"]
    if isinstance(allocated, pd.DataFrame):  # several allocated figures: the text needs exactly one
        raise ValueError(f"audit data: expected one 'allocated' figure, found {len(allocated)}")
    amount, period = float(allocated["amount_eur_mln"]), str(allocated["period"])
    n = {"measures": n_measures, "displacement_measures": n_disp, "allocated": amount, "period": period}

    def say(lang: str, part: str) -> str:
        return render("monitoring", lang, part=part, n_measures=n_measures, n_displacement=n_disp, allocated=amount,
                      period=period, quote=audit_sentence(audit))

    return Finding("monitoring", "notebooks/04_measures.ipynb", say("en", "heading"), say("nl", "heading"),
                   say("en", "text"), say("nl", "text"), n, say("en", "short"), say("nl", "short"))


def approach(data: dict[str, pd.DataFrame], lang: str = "en") -> str:
    """The approach in three sentences, for the home page and the Samenvatting (numbers from the data)."""
    from mainports_analysis.data.registry import FUNDED_HUBS

    alloc = data["allocations"]
    m = money(alloc, data["seizures"]).numbers
    names = [labels.FULL_PROSE_NL[h] for h in FUNDED_HUBS] if lang == "nl" else [labels.place(h) for h in FUNDED_HUBS]
    if lang == "en":  # a heading's capital is not a name's: "and the flower auctions"
        names[-1] = "the " + names[-1].lower() if FUNDED_HUBS[-1] == "flower_auctions" else names[-1]
    return render("approach", lang, first_year=int(alloc.loc[alloc["programme"].astype(str) == "mainports", "year"].min()),
                  n_hubs=len(FUNDED_HUBS), hubs=names, total=m["total"], full_year=m["from_year"], hubs_total=m["hubs_total"])


def main_caveats(data: dict[str, pd.DataFrame], lang: str = "en") -> str:
    """The home page's caveats as Markdown: which series are used and which hubs publish no annual totals are computed."""
    from mainports_analysis.data.registry import FUNDED_HUBS

    reg = registry()
    seizures = data["seizures"]
    series = annual(seizures, locations=["rotterdam", "vlissingen"]).attrs["series_used"]
    hub_places = [loc for loc in ("moerdijk", "terneuzen", "amsterdam", "ijmuiden", "flower_auctions")
                  if reg.location(loc).hub_id in FUNDED_HUBS]
    few = [_place_in_prose(loc, lang) for loc in hub_places if len(annual(seizures, locations=[loc])) < 2]
    harc = [_place_in_prose(loc, lang) for loc, sys in series.items() if sys == "harc"]
    return render("main_caveats", lang, harc_name=labels.series("harc", lang), customs=labels.series("customs", lang),
                  harc=harc, few=few) + "\n"


def _place_in_prose(loc: str, lang: str) -> str:
    """A place inside a caveat: the registry's name in English ("Port of Amsterdam", "the flower auctions"), the
    running-text form in Dutch ("de haven van Amsterdam", "de bloemenveilingen")."""
    if lang == "nl":
        return labels.in_prose(loc, "nl")
    return "the flower auctions" if loc == "flower_auctions" else labels.place(loc)


#: The key findings in the order the home page shows them: (key, builder from ``load_all()``'s frames).
#: One list, used by :func:`key_findings` and by the source-quality sensitivity.
FINDING_BUILDERS = (
    ("money", lambda d: money(d["allocations"], d["seizures"])),
    ("rotterdam_fall", lambda d: rotterdam_fall(d["seizures"])),
    ("displacement", lambda d: displacement_reading(d["seizures"])),
    ("wider_market", lambda d: wider_market(d["seizures"])),
    ("monitoring", lambda d: monitoring(d["measures"], d["audit"])),
)


def key_findings(data: dict[str, pd.DataFrame] | None = None) -> list[Finding]:
    """All key findings, in the order the home page shows them."""
    if data is None:
        from mainports_analysis.data.load import load_all

        data = load_all()
    return [build(data) for _, build in FINDING_BUILDERS]


def as_markdown(findings: list[Finding], lang: str = "en", *, link_prefix: str = "", short: bool = False) -> str:
    """The findings as a numbered Markdown list, each linking to its analysis (``short``: one sentence each)."""
    items = [{"heading": f.heading(lang), "text": f.short(lang) if short else f.text(lang), "href": link_prefix + f.page}
             for f in findings]
    return render("findings_list", lang, items=items) + "\n"
