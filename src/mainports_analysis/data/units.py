"""Which mass unit a source prints beside a number: the words of eleven languages, for the unit check.

``mainports validate`` refuses a row whose ``unit`` disagrees with the unit word printed next to its
number in the quote ("14 Tonnen" must be ``t``); this module finds that word.
"""

from __future__ import annotations

import contextlib
import re

from mainports_analysis.data.numbers import decimal_for

#: Unit words a source prints right after a mass, by unit: Dutch, German, French, Spanish, Portuguese,
#: Italian and English, and the Polish, Swedish and Norwegian forms found in the data. Matched whole
#: and case-blind; "metric tons" and "metrische ton" count as tonnes.
MASS_WORDS = {
    "t": (
        "t", "ton", "tons", "tonne", "tonnes", "tonnen", "tonn", "tonelada", "toneladas", "tonnellata",
        "tonnellate", "tonami", "tonach", "tonów", "tony",
    ),
    "kg": (
        "kg", "kgs", "kilo", "kilos", "kilo's", "kilo’s", "kilogram", "kilograms", "kilogramm", "kilogramme",
        "kilogrammes", "kilogramo", "kilogramos", "kilograma", "kilogramas", "kilogrammi", "kilogrammo",
        "chilo", "chili", "chilogrammo", "chilogrammi", "quilo", "quilos", "quilograma", "quilogramas",
    ),
}  # fmt: skip
_MASS_NAMES = {"t": "tonnes", "kg": "kilograms"}
_MASS_AFTER = re.compile(
    r"[\s\u00a0\u202f]*(?:(?:metric|metrische|metrieke)\s+)?(?P<word>"
    + "|".join(sorted((re.escape(w) for ws in MASS_WORDS.values() for w in ws), key=len, reverse=True))
    + r")(?!\w)",
    re.IGNORECASE,
)
_MASS_WORD = re.compile(
    r"(?<!\w)(?:" + "|".join(sorted((re.escape(w) for ws in MASS_WORDS.values() for w in ws if w != "t"), key=len, reverse=True)) + r")(?!\w)",
    re.IGNORECASE,
)
_WORD_UNIT = {w.casefold(): unit for unit, ws in MASS_WORDS.items() for w in ws}


def printed_mass_units(value: float, quote: str, *, language: str | None = None) -> list[tuple[str, str]]:
    """The mass unit printed right after each place the quote prints ``value``: ``[("t", "14 Tonnen")]``.

    Only the word directly after the number counts, so in "44.000 kilo, vergeleken met 116 ton" the
    value 44000 is in kilograms and 116 in tonnes. A number printed bare ("Spain (118)") says nothing.
    """
    import math

    from mainports_analysis.data.numbers import _TOKEN, parse_number

    found: list[tuple[str, str]] = []
    for match in _TOKEN.finditer(quote):
        spans = [(match.start(), match.end())]
        spans += [(match.start() + m.start(), match.start() + m.end()) for m in re.finditer(r"[^\u00a0\u202f ]+", match.group(0))]
        for start, end in dict.fromkeys(spans):
            piece = quote[start:end]
            readings = set()
            for dec in decimal_for(language):
                with contextlib.suppress(ValueError):
                    readings.add(parse_number(piece, decimal=dec))
            if piece.isdigit():
                readings.add(float(piece))
            if not any(math.isclose(value, n, rel_tol=1e-9, abs_tol=1e-9) for n in readings):
                continue
            unit = _MASS_AFTER.match(quote, end)
            if unit:
                found.append((_WORD_UNIT[unit.group("word").casefold()], quote[start : unit.end()].strip()))
    return found


def mass_words_in(quote: str) -> list[tuple[str, str]]:
    """Every mass unit word in the quote, wherever it stands: ``[("t", "tonnellate")]`` (a lone "t" only after a number)."""
    from mainports_analysis.data.numbers import _TOKEN

    found = []
    for match in _TOKEN.finditer(quote):
        unit = _MASS_AFTER.match(quote, match.end())
        if unit:
            found.append((_WORD_UNIT[unit.group("word").casefold()], quote[match.start() : unit.end()].strip()))
    for word in _MASS_WORD.finditer(quote):
        found.append((_WORD_UNIT[word.group(0).casefold()], word.group(0)))
    return found


def _printed_unit(value: float, quote: str, language: str) -> tuple[str, str] | None:
    """The mass unit the quote prints for ``value``, with the words that say so, or ``None`` when unclear.

    The word right after the number decides; a number printed bare ("Spain (118)") takes the quote's
    unit words when they are all of one kind ("30 tonnellate di cocaina - 16 nel 2020").
    """
    printed = printed_mass_units(value, quote, language=language) or mass_words_in(quote)
    units = {unit for unit, _ in printed}
    if len(units) != 1:
        return None  # no unit word, or the number printed both ways
    return printed[0]
