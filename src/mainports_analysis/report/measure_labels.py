"""The words for the codes of the policy-measures vocabularies, in English and Dutch (one definition each).

The codes and their order are the data contract (:mod:`mainports_analysis.data.schemas` and
:mod:`mainports_analysis.analysis.measures`); this module gives each code its Dutch and English label
and, for the red lines, a colour: Paul Tol's colour-blind-safe "muted" scheme (Tol 2021,
SRON/EPS/TN/09-002), distinct from the hub colours. Hub names come from the registry.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from mainports_analysis.analysis import measures as A
from mainports_analysis.data.registry import registry

__all__ = [
    "BASES", "COOPERATION", "DISPLACEMENT_KINDS", "HEADERS", "LANGS", "NOT_STATED", "NO_URL", "RED_LINES", "STATUSES",
    "TOTAL", "VOCABULARIES", "YES_NO", "Term", "cap", "check_lang", "measure_label",
]  # fmt: skip

LANGS = ("en", "nl")


def check_lang(lang: str) -> str:
    """``lang`` if it is ``en`` or ``nl``; else ``ValueError`` naming the choices."""
    if lang not in LANGS:
        raise ValueError(f"lang must be one of {LANGS}, not {lang!r}")
    return lang


@dataclass(frozen=True)
class Term:
    """One category of a vocabulary: its code in the data, its Dutch and English label, a colour."""

    code: str
    nl: str
    en: str
    colour: str = ""

    def label(self, lang: str = "en") -> str:
        """The label in English (``"en"``) or Dutch (``"nl"``)."""
        return self.nl if check_lang(lang) == "nl" else self.en


def _vocab(codes: tuple[str, ...], *terms: Term) -> dict[str, Term]:
    """Terms keyed by code, in the order of the data's codes; a code without a term (or a stray term) raises."""
    by_code = {t.code: t for t in terms}
    if list(by_code) != list(codes):
        raise ValueError(f"labels {list(by_code)} do not match the codes {list(codes)}")
    return by_code


#: The four red lines of the approach, in the order of the letter of 4 November 2022, with colours.
RED_LINES: dict[str, Term] = _vocab(
    A.CODES["red_line"],
    Term("barriers", "barrièrevorming", "barriers", "#332288"),
    Term("resilience", "weerbaarheid van personen en processen", "resilience of people and processes", "#DDCC77"),
    Term("supervision_enforcement", "toezicht en handhaving", "supervision and enforcement", "#882255"),
    Term("information_position", "informatiepositie", "information position", "#44AA99"),
)

#: Who works together on a measure, as the source states it (``none``: the source names no partner).
COOPERATION: dict[str, Term] = _vocab(
    A.CODES["cooperation"],
    Term("international", "internationaal", "international"),
    Term("public_private", "publiek-privaat", "public–private"),
    Term("both", "internationaal en publiek-privaat", "international and public–private"),
    Term("none", "geen samenwerking genoemd", "none named"),
)

#: How far a measure had got when its source was written.
STATUSES: dict[str, Term] = _vocab(
    A.CODES["status"],
    Term("announced", "aangekondigd", "announced"),
    Term("pilot", "pilot", "pilot"),
    Term("in_force", "van kracht", "in force"),
    Term("completed", "afgerond", "completed"),
    Term("unknown", "onbekend", "unknown"),
)

#: The kinds of measure that aim at displacement between hubs.
DISPLACEMENT_KINDS: dict[str, Term] = _vocab(
    A.CODES["displacement_kind"],
    Term("cross_hub", "afstemming tussen knooppunten en havens", "cross-hub coordination"),
    Term("screening", "screening van havenpersoneel", "screening of port personnel"),
    Term("risk_containers", "controle van containers uit risicolanden", "checks on containers from risk countries"),
    Term("shipping_lines", "verklaring met de rederijen", "shipping-line declaration"),
    Term("smaller_ports", "aanpak kleinere havens", "smaller-ports approach"),
    Term("monitoring", "monitoring van verplaatsing", "monitoring of displacement"),
    Term("other", "overig", "other"),
)

#: The two grounds a measure can have in the displacement tables.
BASES: dict[str, Term] = _vocab(
    A.BASES,
    Term("explicit", "expliciet gericht op verplaatsing", "explicitly aimed at displacement"),
    Term("related", "verwant, niet expliciet", "related, not explicit"),
)

YES_NO: dict[bool, Term] = {True: Term("yes", "ja", "yes"), False: Term("no", "nee", "no")}

#: Every vocabulary, keyed by the column of ``load_measures()`` it describes.
VOCABULARIES: dict[str, dict[str, Term]] = {
    "red_line": RED_LINES,
    "cooperation": COOPERATION,
    "status": STATUSES,
    "displacement_kind": DISPLACEMENT_KINDS,
}

#: The row and column of totals, and the column of measures without a start year.
TOTAL = Term(A.TOTAL, "totaal", "total")
NOT_STATED = Term(A.NOT_STATED, "startjaar niet vermeld", "start year not stated")
#: What the source cell says when a source has no public URL.
NO_URL = {"en": "not linked: no copy of the original in the sources read", "nl": "niet gelinkt: geen kopie van het origineel in de geraadpleegde bronnen"}

#: Column headers of the measures tables.
HEADERS = {
    "en": {
        "hub": "Hub", "measure": "Measure", "red_line": "Line of action", "cooperation": "Cooperation",
        "start_year": "Start year", "status": "Status", "targets_displacement": "Targets displacement",
        "source": "Source", "displacement_kind": "Kind", "displacement_reason": "Why it counts",
        "basis": "Displacement",
    },
    "nl": {
        "hub": "Knooppunt", "measure": "Maatregel", "red_line": "Rode lijn", "cooperation": "Samenwerking",
        "start_year": "Startjaar", "status": "Status", "targets_displacement": "Gericht op verplaatsing",
        "source": "Bron", "displacement_kind": "Soort", "displacement_reason": "Waarom",
        "basis": "Verplaatsing",
    },
}  # fmt: skip


def cap(text: str) -> str:
    """First letter upper-case, for a label that starts a table cell or heading."""
    return text[:1].upper() + text[1:]


def measure_label(code: Any, lang: str = "en") -> str:
    """The Dutch or English label of a red line, cooperation, status, displacement kind or hub code.

    ``True``/``False`` (targets displacement) read yes/no; the ``total`` and ``not_stated`` codes
    their own labels. An unknown code raises ``KeyError`` (with a suggestion for a misspelt hub).
    """
    check_lang(lang)
    if isinstance(code, bool):
        return YES_NO[code].label(lang)
    for vocab in VOCABULARIES.values():
        if code in vocab:
            return vocab[code].label(lang)
    for term in (TOTAL, NOT_STATED):
        if code == term.code:
            return term.label(lang)
    reg = registry()
    if code in reg.hubs:
        return reg.label(code, lang)
    codes = [c for vocab in VOCABULARIES.values() for c in vocab] + [TOTAL.code, NOT_STATED.code, *reg.hubs]
    from mainports_analysis.data.registry import did_you_mean

    raise KeyError(f"no label for {code!r}{did_you_mean(code, codes)}")
