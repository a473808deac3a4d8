"""The briefing's frame: monitoring, the approach, the main caveats, and the key findings in order.
"""

from __future__ import annotations

import re

import pandas as pd

from mainports_analysis.analysis import metrics
from mainports_analysis.data.registry import registry
from mainports_analysis.data.series import annual
from mainports_analysis.report.findings._base import Finding
from mainports_analysis.report.findings.money import money
from mainports_analysis.report.findings.waterbed import displacement_reading, rotterdam_fall, wider_market
from mainports_analysis.report.text import _WORDS_EN, _WORDS_NL, _and, _en, eur_mln


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
    short_en = (f"{n_measures} measures, {n_disp} aimed explicitly at displacement; the Court of Audit found **no baseline** and "
                f"no measurable interim goals, so official data cannot show whether the approach works.")
    short_nl = (f"{n_measures} maatregelen, waarvan {n_disp} expliciet gericht op verplaatsing; de Algemene Rekenkamer stelde vast "
                f"dat er **geen nulmeting** en geen meetbare tussendoelen waren, dus officiële cijfers kunnen niet laten zien of de "
                f"aanpak werkt.")
    return Finding("monitoring", "notebooks/04_measures.ipynb", "Measures, and no baseline", "Maatregelen, en geen nulmeting", en, nl, n,
                   short_en, short_nl)


def approach(data: dict[str, pd.DataFrame], lang: str = "en") -> str:
    """The approach in three sentences, for the home page and the Samenvatting (numbers from the data)."""
    from mainports_analysis.data.registry import FUNDED_HUBS

    reg = registry()
    alloc = data["allocations"]
    first_year = int(alloc.loc[alloc["programme"].astype(str) == "mainports", "year"].min())
    table = metrics.allocation_table(alloc)
    m = money(alloc, data["seizures"]).numbers
    full, hubs_total = m["from_year"], m["hubs_total"]
    total = float(table["2025 onwards"].sum())
    names = [reg.label(h, lang) for h in FUNDED_HUBS]
    if lang == "nl":
        hubs = ", ".join(names[:-1]) + " en de " + names[-1].lower()
        return (
            f"Sinds {first_year} financiert het ministerie van Justitie en Veiligheid een landelijke aanpak van drugssmokkel via "
            f"{_WORDS_NL.get(len(FUNDED_HUBS), len(FUNDED_HUBS))} grote logistieke knooppunten ({hubs}), oplopend tot {eur_mln(total, 'nl')} per jaar vanaf "
            f"{full} ({eur_mln(hubs_total, 'nl')} voor de knooppunten, de rest voor overkoepelende maatregelen). De maatregelen volgen vier rode lijnen: barrièrevorming, weerbaarheid van personen en processen, toezicht "
            f"en handhaving, en de informatiepositie. De Tweede Kamer vroeg dat druk op Rotterdam de smokkel niet simpelweg naar "
            f"Vlissingen en andere havens verplaatst: het waterbedeffect."
        )
    hubs = ", ".join(names[:-1]) + " and the " + names[-1].lower()
    return (
        f"Since {first_year} the Dutch Ministry of Justice and Security has funded a national approach against drug smuggling "
        f"through {_WORDS_EN.get(len(FUNDED_HUBS), len(FUNDED_HUBS))} big logistics hubs ({hubs}), rising to {eur_mln(total)} a year from {full} "
        f"({eur_mln(hubs_total)} for the hubs, the rest for overarching measures). Its measures "
        f"follow four red lines: barriers, the resilience of people and processes, supervision and enforcement, and the "
        f"information position. Parliament asked that pressure on Rotterdam should not simply push smuggling to Vlissingen "
        f"and other ports: the waterbed effect."
    )


def main_caveats(data: dict[str, pd.DataFrame], lang: str = "en") -> str:
    """The home page's caveats as Markdown: which series are used and which hubs publish no annual totals are computed."""
    from mainports_analysis.data.registry import FUNDED_HUBS

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


def key_findings(data: dict[str, pd.DataFrame] | None = None) -> list[Finding]:
    """All key findings, in the order the home page shows them."""
    if data is None:
        from mainports_analysis.data.load import load_all

        data = load_all()
    s = data["seizures"]
    return [
        money(data["allocations"], s),
        rotterdam_fall(s),
        displacement_reading(s),
        wider_market(s),
        monitoring(data["measures"], data["audit"]),
    ]


def as_markdown(findings: list[Finding], lang: str = "en", *, link_prefix: str = "", short: bool = False) -> str:
    """The findings as a numbered Markdown list, each linking to its analysis (``short``: one sentence each)."""
    more = "Analyse" if lang == "nl" else "Analysis"
    items = []
    for i, f in enumerate(findings, 1):
        href = link_prefix + f.page
        items.append(f"{i}. **{f.heading(lang)}.** {f.short(lang) if short else f.text(lang)} [{more} →]({href})")
    return "\n".join(items) + "\n"
