"""Every language-aware formatter of the briefing: numbers, tonnes, percentages, money, years, number words,
list joiners and place names in running text, in English and Dutch.

One definition of each: templates (through the filters of :mod:`mainports_analysis.report.prose`),
tables and charts import these, and nothing formats a number its own way. In particular there is
one list joiner (:func:`and_list`), one year-range formatter (:func:`year_ranges`, also importable
as :func:`years_text`) and one set of number words (:data:`NUMBER_WORDS`, through :func:`count_word`).

Dutch follows the style of the ministry's own publications: a decimal comma, "miljoen" written out
in running text (``€ 16,5 miljoen``; tables and chart labels may use the short ``mln``), and the
numeral "een" without accents. "één" (with accents) is written only where the number itself is
the point and could be read as the article ("in één van de vijf vergelijkingen"): pass
``emphasis=True`` to :func:`count_word`. The Taalunie's advice is the same: accents on "één" only
when the reader would otherwise misread it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from mainports_analysis.report.labels import (
    IN_PROSE,  # noqa: F401
    in_prose,  # noqa: F401  (re-exported: a hub's name mid-sentence)
)

LANGS = ("en", "nl")


def _lang(lang: str) -> str:
    if lang not in LANGS:
        raise ValueError(f"lang must be one of {', '.join(LANGS)}, got {lang!r}")
    return lang


def _dutch_separators(value: str) -> str:
    """``1,234.5`` → ``1.234,5``: thousands with a point, decimals with a comma."""
    return value.replace(",", "\x00").replace(".", ",").replace("\x00", ".")


def _missing(v: object) -> bool:
    try:
        return v is None or v != v  # NaN is the only value not equal to itself
    except (TypeError, ValueError):
        return False


def tonnes(kg: float, lang: str = "en", decimals: int = 1) -> str:
    """Kilograms as tonnes, printed the English (``70.6 t``) or Dutch (``70,6 ton``) way."""
    value = f"{kg / 1000:,.{decimals}f}".replace("-", "−")
    if _lang(lang) == "nl":
        return f"{_dutch_separators(value)} ton"
    return f"{value} t"


def pct(share: float, lang: str = "en", decimals: int = 0) -> str:
    """A share (0–1) as a percentage: ``57%`` / ``57%``, Dutch decimals with a comma."""
    value = f"{100 * share:.{decimals}f}"
    return (value.replace(".", ",") if _lang(lang) == "nl" else value) + "%"


def eur_mln(amount: float, lang: str = "en", *, short: bool = False) -> str:
    """An amount in EUR million: ``EUR 16.5 mln``; Dutch ``€ 16,5 miljoen`` in running text, ``€ 16,5 mln`` with ``short``."""
    value = f"{amount:,.2f}".rstrip("0").rstrip(".")
    if _lang(lang) == "nl":
        return f"€ {_dutch_separators(value)} {'mln' if short else 'miljoen'}"
    return f"EUR {value} mln"


def number(x: float, lang: str = "en", decimals: int = 2) -> str:
    """A plain number with the language's decimal separator."""
    value = f"{x:.{decimals}f}".replace("-", "−")
    return value.replace(".", ",") if _lang(lang) == "nl" else value


def thousands(x: float, lang: str = "en", decimals: int = 0) -> str:
    """A number with thousands separators: ``1,877`` / ``1.877``."""
    value = f"{x:,.{decimals}f}".replace("-", "−")
    return _dutch_separators(value) if _lang(lang) == "nl" else value


def signed_pct(change: float, lang: str = "en", decimals: int = 0) -> str:
    """A relative change as a signed percentage with a true minus sign: ``−79%``, ``+30%``."""
    text = pct(abs(change), lang, decimals)
    if text.strip("0,.%") == "":
        return text
    return ("−" if change < 0 else "+") + text


def direction(change: float, lang: str = "en", *, plural: bool = True) -> str:
    """The verb for a change: rose / fell / stayed the same (Dutch: stegen/steeg, daalden/daalde)."""
    if _lang(lang) == "nl" and not plural:
        return "steeg" if change > 0 else ("daalde" if change < 0 else "bleef gelijk")
    if lang == "nl":
        return "stegen" if change > 0 else ("daalden" if change < 0 else "bleven gelijk")
    return "rose" if change > 0 else ("fell" if change < 0 else "stayed the same")


def above_below(change: float, lang: str = "en") -> str:
    """``above`` / ``below`` (Dutch ``boven`` / ``onder``) for the sign of a change."""
    if _lang(lang) == "nl":
        return "boven" if change > 0 else "onder"
    return "above" if change > 0 else "below"


_above_below = above_below  # the name findings/waterbed imports


NONE_WORD = {"en": "none", "nl": "geen"}


def year_ranges(years: Iterable[object] | str, *, sep: str = ", ", none: str | None = None, lang: str = "en") -> str:
    """Years as runs: ``[2011, 2012, 2013, 2015, 2017, 2018]`` → ``"2011–2013, 2015, 2017–2018"``.

    The one year-range formatter of the package (prose, tables and chart notes). Accepts ints,
    numeric strings, or one string of years separated by commas or spaces; duplicates, order and
    missing values do not matter. An empty list gives ``none`` (default "none" / "geen").
    """
    if isinstance(years, str):
        years = re.findall(r"\d{4}", years)
    ys = sorted({int(y) for y in years if not _missing(y)})
    if not ys:
        return NONE_WORD[_lang(lang)] if none is None else none
    runs, start, prev = [], ys[0], ys[0]
    for y in ys[1:]:
        if y != prev + 1:
            runs.append((start, prev))
            start = y
        prev = y
    runs.append((start, prev))
    return sep.join(str(a) if a == b else f"{a}–{b}" for a, b in runs)


#: The older name of :func:`year_ranges`, kept for callers and templates (the ``years`` filter).
years_text = year_ranges


#: The one set of small number words (0–10); digits from eleven on.
NUMBER_WORDS = {"en": ("zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten"),
                "nl": ("nul", "een", "twee", "drie", "vier", "vijf", "zes", "zeven", "acht", "negen", "tien")}
#: The words that replace "zero" / "nul" before a noun ("no comparison", "geen vergelijking").
NO_WORD = {"en": "no", "nl": "geen"}


def count_word(n: int, lang: str = "en", *, zero: bool = False, emphasis: bool = False) -> str:
    """A small count in words (``four`` / ``vier``), digits from eleven on.

    ``zero=True`` writes 0 as "no" / "geen" (before a noun); ``emphasis=True`` writes the Dutch 1 as
    "één" where it could be misread as the article (see the module docstring).
    """
    words = NUMBER_WORDS[_lang(lang)]
    n = int(n)
    if n == 0 and zero:
        return NO_WORD[lang]
    if n == 1 and emphasis and lang == "nl":
        return "één"
    return words[n] if 0 <= n < len(words) else str(n)


class _Words(dict):
    """The number words as a mapping ``{n: word}`` (0 → "no"/"geen", Dutch 1 → "één"), for older callers."""

    def __init__(self, lang: str):
        super().__init__({n: count_word(n, lang, zero=True, emphasis=True) for n in range(len(NUMBER_WORDS[lang]))})


#: Kept for :mod:`mainports_analysis.report.findings.waterbed` (derived from :data:`NUMBER_WORDS`, not a second set).
_WORDS_EN, _WORDS_NL = _Words("en"), _Words("nl")


def and_list(items: Iterable[object], lang: str = "en") -> str:
    """THE list joiner: ``a``, ``a and b``, ``a, b and c`` (Dutch ``en``); an empty list gives ``""``.

    No serial comma in either language (the briefing's house style, and Dutch has none).
    """
    items = [str(i) for i in items]
    if not items:
        return ""
    if len(items) == 1:
        return items[0]
    return ", ".join(items[:-1]) + (" en " if _lang(lang) == "nl" else " and ") + items[-1]


def _and(items: Iterable[object]) -> str:
    """:func:`and_list` in English (the name findings/waterbed imports)."""
    return and_list(items, "en")


def _en(items: Iterable[object]) -> str:
    """:func:`and_list` in Dutch."""
    return and_list(items, "nl")


def capitalise(text: str) -> str:
    """The first letter upper case, the rest untouched ("the Zeeland…" → "The Zeeland…")."""
    return text[:1].upper() + text[1:]


MONTHS = {"en": ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
                  "November", "December"),
          "nl": ("januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september", "oktober",
                 "november", "december")}  # fmt: skip


def month_year(date: str, lang: str = "en") -> str:
    """A publication date ``YYYY[-MM[-DD]]`` as ``May 2024`` / ``mei 2024`` (the year alone without a month)."""
    parts = str(date).split("-")
    if len(parts) >= 2 and parts[1].isdigit():
        return f"{MONTHS[_lang(lang)][int(parts[1]) - 1]} {parts[0]}"
    return parts[0]


def qualified(kg: float, qualifier: str, lang: str = "en", decimals: int = 1) -> str:
    """Tonnes with the source's hedge: "nearly 110 t", "about 14 t", "at least 23 t" (Dutch: bijna, ongeveer, ruim)."""
    words = {"en": {"approx": "about ", "at_least": "at least ", "at_most": "nearly "},
             "nl": {"approx": "ongeveer ", "at_least": "ruim ", "at_most": "bijna "}}[_lang(lang)]
    return words.get(str(qualifier), "") + tonnes(kg, lang, decimals)
