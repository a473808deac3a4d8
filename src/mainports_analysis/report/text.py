"""Every language-aware formatter of the briefing: numbers, tonnes, percentages, money, years, number words,
list joiners and place names in running text, in English and Dutch.

One definition of each: templates and tables import these, nothing formats a number its own way.
"""

from __future__ import annotations

from mainports_analysis.data.registry import registry


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


def signed_pct(change: float, lang: str = "en", decimals: int = 0) -> str:
    """A relative change as a signed percentage with a true minus sign: ``−79%``, ``+30%``."""
    text = pct(abs(change), lang, decimals)
    if text.strip("0,.%") == "":
        return text
    return ("−" if change < 0 else "+") + text


def direction(change: float, lang: str, *, plural: bool = True) -> str:
    """The verb for a change: rose / fell / stayed the same (Dutch: stegen/steeg, daalden/daalde)."""
    if lang == "nl" and not plural:
        return "steeg" if change > 0 else ("daalde" if change < 0 else "bleef gelijk")
    if lang == "nl":
        return "stegen" if change > 0 else ("daalden" if change < 0 else "bleven gelijk")
    return "rose" if change > 0 else ("fell" if change < 0 else "stayed the same")


def years_text(years) -> str:
    """Years as a range when consecutive (``2019–2021``), else listed (``2019, 2021``); ``none`` if empty."""
    ys = sorted(int(y) for y in years)
    if not ys:
        return "none"
    if len(ys) == 1:
        return str(ys[0])
    if ys == list(range(ys[0], ys[-1] + 1)):
        return f"{ys[0]}–{ys[-1]}"
    return ", ".join(map(str, ys))


NUMBER_WORDS = {"en": ("zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten"),
                "nl": ("nul", "een", "twee", "drie", "vier", "vijf", "zes", "zeven", "acht", "negen", "tien")}


def count_word(n: int, lang: str = "en") -> str:
    """A small count in words (``four`` / ``vier``), digits from eleven on."""
    words = NUMBER_WORDS["nl" if lang == "nl" else "en"]
    return words[n] if 0 <= n < len(words) else str(n)


def and_list(items, lang: str = "en") -> str:
    """``a``, ``a and b``, ``a, b and c`` (Dutch: ``en``)."""
    items = [str(i) for i in items]
    word = " en " if lang == "nl" else " and "
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + word + items[-1] if items else ""


MONTHS = {"en": ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
                  "November", "December"),
          "nl": ("januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september", "oktober",
                 "november", "december")}  # fmt: skip


def month_year(date: str, lang: str = "en") -> str:
    """A publication date ``YYYY[-MM[-DD]]`` as ``May 2024`` / ``mei 2024`` (the year alone without a month)."""
    parts = str(date).split("-")
    if len(parts) >= 2 and parts[1].isdigit():
        return f"{MONTHS['nl' if lang == 'nl' else 'en'][int(parts[1]) - 1]} {parts[0]}"
    return parts[0]


def qualified(kg: float, qualifier: str, lang: str = "en", decimals: int = 1) -> str:
    """Tonnes with the source's hedge: "nearly 110 t", "about 14 t", "at least 23 t" (Dutch: bijna, ongeveer, ruim)."""
    words = {"en": {"approx": "about ", "at_least": "at least ", "at_most": "nearly "},
             "nl": {"approx": "ongeveer ", "at_least": "ruim ", "at_most": "bijna "}}[lang]
    return words.get(str(qualifier), "") + tonnes(kg, lang, decimals)


def _and(items: list[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


_WORDS_EN = dict(enumerate(("no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten")))


_WORDS_NL = dict(enumerate(("geen", "één", "twee", "drie", "vier", "vijf", "zes", "zeven", "acht", "negen", "tien")))


def _en(items: list[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " en " + items[-1]


#: How a hub is named inside an English sentence (the registry's labels are headings: "Flower auctions").
IN_PROSE = {"rotterdam": "Rotterdam", "zwb": "the Zeeland–West-Brabant ports", "schiphol": "Schiphol",
            "nzkg": "the North Sea Canal ports", "flower_auctions": "the flower auctions"}


def in_prose(hub: str) -> str:
    """A hub's name for use mid-sentence (the registry label when the hub has no prose form)."""

    return IN_PROSE.get(hub) or registry().label(hub)


def _above_below(change: float, lang: str) -> str:
    if lang == "nl":
        return "boven" if change > 0 else "onder"
    return "above" if change > 0 else "below"
