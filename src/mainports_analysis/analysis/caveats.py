"""The assumptions and caveats log: what could make a reading wrong, rated red, amber or green.

Red: it limits what any conclusion can say and cannot be fixed with public data. Amber: it limits
precision or coverage; the analysis shows its effect. Green: a known trap the analysis handles.
Each entry names where in the briefing it matters. Following the UK Analytical Quality Assurance
("Aqua") book's assumptions log (HM Treasury 2015).
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

RATINGS = ("red", "amber", "green")


@dataclass(frozen=True)
class Caveat:
    """One entry of the log."""

    key: str
    rating: str  # red | amber | green
    topic: str
    caveat: str
    handling: str
    where: str  # page of the briefing where it matters


LOG: tuple[Caveat, ...] = (
    Caveat("flow", "red", "Seizures are not flow",
           "Seized quantities depend on what is shipped, on how hard and where agencies look, and on smugglers' care; a few very large seizures swing a year.",
           "Readings are presented side by side (less flow, less detection, interception upstream, displacement); no verdict rests on one series.",
           "Waterbed"),
    Caveat("baseline", "red", "No baseline, no interim goals",
           "The Court of Audit found no baseline measurement and no measurable interim goals for the approach.",
           "The briefing describes trends and their consistency with displacement; it does not estimate the approach's effect.",
           "Measures"),
    Caveat("control", "red", "No clean control",
           "Every candidate control either contains the response and buffer ports (EU total) or could itself receive displaced flow (other ports).",
           "No buffer port is used as a control; four controls, each with its flaw stated, are compared, and the reading of every combination is shown.",
           "Waterbed"),
    Caveat("base_year", "amber", "Choice of years",
           "A comparison from a single year can pick a peak or a trough (Rotterdam peaked in the year before the approach).",
           "Single years and two- and three-year windows on both sides are compared where published; where only single years are published (Vlissingen), the finding names the pairs of years it rests on.",
           "Waterbed; Seizures"),
    Caveat("quality", "amber", "Source quality",
           "Many figures come from news reports of official releases, some from relays or machine translations; a few official texts were read on unofficial copies.",
           "Every source carries a quality rating with its reason; where sources conflict, the better-rated one is preferred, and low-rated sources are used only where nothing better was found.",
           "Data & sources"),
    Caveat("counting", "amber", "Two Dutch counting systems",
           "The HARC team and Customs report different figures for the same port and year; Customs published no Rotterdam figure for several years.",
           "One series per location (HARC for Rotterdam and Vlissingen); the other is kept for sensitivity and never mixed into a line.",
           "Seizures"),
    Caveat("conflicts", "amber", "Conflicting figures",
           "Sources disagree on some figures (rounded vs exact, provisional vs final, different vintages).",
           "All figures are kept; a documented rule picks one, and the analysis is repeated on the lowest and highest figure.",
           "Methods & caveats"),
    Caveat("gaps", "amber", "Gaps in the series",
           "Several funded hubs publish no annual totals, Vlissingen's series has missing years, and most European ports and the EU total stop early (see the gaps table).",
           "Gaps are drawn as gaps and combinations with a missing year are not computed; nothing is interpolated.",
           "Seizures; Waterbed"),
    Caveat("poisson", "amber", "WDD variance on kilograms",
           "The weighted displacement difference assumes Poisson counts; kilograms are not counts.",
           "WDD is reported as indicative; its z-values are not used as tests.",
           "Waterbed"),
    Caveat("its", "amber", "Few annual points",
           "Interrupted time series with one point a year and a straight-line trend give optimistic intervals.",
           "OLS only (Newey-West errors are no check with so few points); fake breaks before the start test the straight trend, and no interval is printed when it fails.",
           "Waterbed"),
    Caveat("scope", "green", "Scope of each figure",
           "Figures differ in scope: port vs customs district vs all ports; customs only vs all agencies; cocaine vs all drugs; seized abroad vs in the Netherlands.",
           "A different scope is a different location, series or metric in the data and is never added to another.",
           "Data & sources"),
    Caveat("quotes", "green", "Traceability",
           "Figures copied by hand can be mistyped.",
           "Every figure row carries a verbatim quote, and the validator checks that the number is printed in it.",
           "Data & sources"),
)


#: Pages of the briefing a caveat can point to, as rendered HTML relative to pages/ (where the log is shown).
PAGES = {"Funds": "../notebooks/01_allocation.html", "Seizures": "../notebooks/02_seizures.html",
         "Waterbed": "../notebooks/03_displacement.html", "Measures": "../notebooks/04_measures.html",
         "Data & sources": "data.html", "Methods & caveats": "methods.html"}


def where_links(where: str) -> str:
    """The ``where`` of an entry as links to the briefing's pages ("Waterbed; Seizures" -> two links).

    A page name not in :data:`PAGES` raises ``ValueError`` with a suggestion (a typo would otherwise
    show as text without a link). (HTML: this belongs in the report layer; the Methods page calls it here.)
    """
    import html

    from mainports_analysis.data.registry import check_choice

    parts = [check_choice(w.strip(), PAGES, what="briefing page") for w in where.split(";")]
    return ", ".join(f'<a href="{PAGES[w]}">{html.escape(w)}</a>' for w in parts)


def log_frame() -> pd.DataFrame:
    """The log as a table, red first."""
    rows = sorted(LOG, key=lambda c: RATINGS.index(c.rating))
    return pd.DataFrame([c.__dict__ for c in rows])
