"""The assumptions and caveats log: what could make a reading wrong, rated red, amber or green.

Red: it limits what any conclusion can say and cannot be fixed with public data. Amber: it limits
precision or coverage; the analysis shows its effect. Green: a known trap the analysis handles.
Each entry names where in the briefing it matters. Following the UK Analytical Quality Assurance
("Aqua") book's assumptions log (HM Treasury 2015).

The entries are text, so they live beside the templates (``report/templates/en/caveats.yaml``),
where an editor changes a sentence without touching code; this module reads and checks them and
turns the pages an entry names into links (HTML, hence the report layer).
"""

from __future__ import annotations

import html
from dataclasses import dataclass, fields
from importlib import resources

import pandas as pd
import yaml

from mainports_analysis.data.registry import check_choice

RATINGS = ("red", "amber", "green")

#: Pages of the briefing a caveat can point to, as rendered HTML relative to pages/ (where the log is shown).
PAGES = {"Funds": "../notebooks/01_allocation.html", "Seizures": "../notebooks/02_seizures.html",
         "Waterbed": "../notebooks/03_displacement.html", "Measures": "../notebooks/04_measures.html",
         "Data & sources": "data.html", "Methods & caveats": "methods.html"}


@dataclass(frozen=True)
class Caveat:
    """One entry of the log."""

    key: str
    rating: str  # red | amber | green
    topic: str
    caveat: str
    handling: str
    where: str  # pages of the briefing where it matters, "; "-separated names of PAGES


def load_log(lang: str = "en") -> tuple[Caveat, ...]:
    """The log as written in ``templates/<lang>/caveats.yaml`` (see :func:`parse_log`)."""
    path = resources.files("mainports_analysis.report") / "templates" / lang / "caveats.yaml"
    return parse_log(path.read_text(encoding="utf-8"))


def parse_log(text: str) -> tuple[Caveat, ...]:
    """The entries of a caveats YAML text, checked one by one.

    An entry with a missing or extra field, a rating outside :data:`RATINGS`, a page outside
    :data:`PAGES` or a repeated key raises ``ValueError`` naming the entry (a typo would otherwise
    show as an unrated row or a page without a link).
    """
    entries = yaml.safe_load(text)
    names = [f.name for f in fields(Caveat)]
    log, seen = [], set()
    for i, e in enumerate(entries):
        if not isinstance(e, dict) or sorted(e) != sorted(names):
            raise ValueError(f"caveats.yaml entry {i + 1}: expected the fields {', '.join(names)}, got {e!r}")
        c = Caveat(**{n: str(e[n]) for n in names})
        if c.key in seen:
            raise ValueError(f"caveats.yaml: key {c.key!r} appears twice")
        seen.add(c.key)
        check_choice(c.rating, RATINGS, what=f"rating of caveat {c.key!r}")
        where_links(c.where)  # every page named exists
        log.append(c)
    return tuple(log)


def where_links(where: str) -> str:
    """The ``where`` of an entry as links to the briefing's pages ("Waterbed; Seizures" -> two links).

    A page name not in :data:`PAGES` raises ``ValueError`` with a suggestion (a typo would otherwise
    show as text without a link).
    """
    parts = [check_choice(w.strip(), PAGES, what="briefing page") for w in where.split(";")]
    return ", ".join(f'<a href="{PAGES[w]}">{html.escape(w)}</a>' for w in parts)


LOG: tuple[Caveat, ...] = load_log("en")


def log_frame() -> pd.DataFrame:
    """The log as a table, red first."""
    rows = sorted(LOG, key=lambda c: RATINGS.index(c.rating))
    return pd.DataFrame([c.__dict__ for c in rows])
