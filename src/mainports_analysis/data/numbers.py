"""Read numbers as the sources print them: "16,5", "70.000", "ruim 70.000 kilo", "70.6 tonnes".

Dutch (and German, French, Spanish, Italian, Portuguese) sources write a comma for the decimal and a
dot or a space between thousands; English sources do the opposite. The raw data keeps each figure's
quote verbatim and its number in machine form in a numeric column; this module parses the quote so
the validator can prove that the number in the column is the number the source printed.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

#: Decimal separator by language of the source (ISO 639-1). Anything else is read both ways.
DECIMAL_COMMA_LANGUAGES = frozenset({"nl", "de", "fr", "es", "it", "pt", "pl", "da", "sv", "no", "ca"})
DECIMAL_POINT_LANGUAGES = frozenset({"en"})

#: Hedge words and what they say about the printed number. Longest phrases first when matching.
HEDGES: dict[str, tuple[str, ...]] = {
    "at_least": (
        "ruim", "meer dan", "minstens", "ten minste", "tenminste", "zeker", "more than", "at least",
        "over", "in excess of", "upwards of", "above", "exceeded", "mindestens", "mehr als", "über",
        "plus de", "más de", "mais de", "oltre", ">", "≥",
    ),
    "at_most": (
        "bijna", "een kleine", "vrijwel", "nearly", "almost", "just under", "under", "fast", "knapp",
        "près de", "presque", "casi", "quase", "<", "≤",
    ),
    "approx": (
        "ongeveer", "circa", "ca.", "zo'n", "zo’n", "rond de", "rond", "about", "around", "approximately",
        "roughly", "some", "rund", "etwa", "environ", "aproximadamente", "cerca de", "cerca dos", "~",
    ),
}  # fmt: skip

QUALIFIERS = ("exact", "approx", "at_least", "at_most")

# A run of digits with separators between digit groups; separators must sit between digits, so a
# full stop or comma that ends a sentence is not part of the number.
_TOKEN = re.compile(r"\d+(?:[.,\u00a0\u202f ]\d+)*")
_PLAIN = re.compile(r"-?\d+(?:\.\d+)?")
_SPACES = "\u00a0\u202f "


def is_plain_number(text: str) -> bool:
    """Whether ``text`` is a machine number: digits, an optional dot decimal, no separators or words."""
    return bool(_PLAIN.fullmatch(text.strip()))


def _grouped(int_part: str, sep: str) -> bool:
    groups = int_part.split(sep)
    return 1 <= len(groups[0]) <= 3 and all(len(g) == 3 for g in groups[1:])


def parse_number(text: str, *, decimal: str = ",") -> float:
    """Parse one printed number under one convention.

    ``decimal=","`` (Dutch): "70.000" → 70000, "16,5" → 16.5, "1.234,5" → 1234.5, "2 988 337" → 2988337.
    ``decimal="."`` (English): "70,000" → 70000, "16.5" → 16.5.
    Raises ``ValueError`` for text that is not a well-formed number under that convention
    (for example "16.5" read the Dutch way, where "5" is not a group of three digits).
    """
    if decimal not in {",", "."}:
        raise ValueError(f"decimal must be ',' or '.', not {decimal!r}")
    thousands = "." if decimal == "," else ","
    s = text.strip()
    for sp in _SPACES:
        s = s.replace(sp, " ")
    if not s or not re.fullmatch(r"[\d., ]+", s) or not s[0].isdigit() or not s[-1].isdigit():
        raise ValueError(f"not a number: {text!r}")
    if s.count(decimal) > 1:
        raise ValueError(f"more than one decimal separator {decimal!r} in {text!r}")
    int_part, _, frac = s.partition(decimal)
    if frac and not frac.isdigit():
        raise ValueError(f"bad decimals in {text!r}")
    for sep in (thousands, " "):
        if sep in int_part:
            other = " " if sep == thousands else thousands
            if other in int_part:
                raise ValueError(f"mixed thousands separators in {text!r}")
            if not _grouped(int_part, sep):
                raise ValueError(f"thousands groups in {text!r} are not groups of three digits")
            int_part = int_part.replace(sep, "")
    if not int_part.isdigit():
        raise ValueError(f"not a number: {text!r}")
    return float(f"{int_part}.{frac}" if frac else int_part)


def decimal_for(language: str | None) -> tuple[str, ...]:
    """The decimal separators to try for a source in ``language``: one when known, both otherwise."""
    lang = (language or "").strip().lower()
    if lang in DECIMAL_COMMA_LANGUAGES:
        return (",",)
    if lang in DECIMAL_POINT_LANGUAGES:
        return (".",)
    return (",", ".")


def numbers_in(text: str, *, language: str | None = None) -> list[float]:
    """Every number printed in ``text``, read with the conventions of ``language``.

    A run such as "2 988 337" gives the joined number and its parts, so "tussen 2011 en 2014" still
    gives 2011 and 2014. Used to check that a row's value is a number its quote prints.
    """
    found: set[float] = set()
    for match in _TOKEN.finditer(text):
        token = match.group(0)
        pieces = [token, *re.split(r"[\u00a0\u202f ]", token)]
        for piece in pieces:
            for dec in decimal_for(language):
                try:
                    found.add(parse_number(piece, decimal=dec))
                except ValueError:
                    continue
            if piece.isdigit():
                found.add(float(piece))
    return sorted(found)


def appears_in(value: float, text: str, *, language: str | None = None) -> bool:
    """Whether ``value`` is one of the numbers printed in ``text`` (exact up to float rounding)."""
    return any(math.isclose(value, n, rel_tol=1e-9, abs_tol=1e-9) for n in numbers_in(text, language=language))


@dataclass(frozen=True)
class Figure:
    """A printed figure: its number and the hedge the source put on it."""

    value: float
    qualifier: str  # one of QUALIFIERS


def qualifier_of(text: str) -> str:
    """The hedge in a phrase such as "ruim 70.000" (``at_least``) or "bijna 19.000" (``at_most``)."""
    lowered = f" {text.strip().lower()} "
    best: tuple[int, str] | None = None
    for qualifier, words in HEDGES.items():
        for word in words:
            pattern = re.escape(word) if not word[0].isalpha() else rf"(?<![\w]){re.escape(word)}(?![\w])"
            m = re.search(pattern, lowered)
            if m and (best is None or m.start() < best[0]):
                best = (m.start(), qualifier)
    return best[1] if best else "exact"


def parse_figure(text: str, *, decimal: str = ",") -> Figure:
    """Parse a short printed figure with its hedge: "ruim 70.000" → Figure(70000.0, "at_least").

    The phrase must hold exactly one number; words around it (hedges, units) are allowed.
    """
    tokens = _TOKEN.findall(text)
    if len(tokens) != 1:
        raise ValueError(f"expected one number in {text!r}, found {len(tokens)}")
    return Figure(parse_number(tokens[0], decimal=decimal), qualifier_of(text))


def format_number(value: float, *, decimal: str = ",", decimals: int = 0) -> str:
    """Print a number the way a Dutch (``decimal=","``) or English (``"."``) source would."""
    s = f"{value:,.{decimals}f}"
    if decimal == ",":
        s = s.replace(",", "\x00").replace(".", ",").replace("\x00", ".")
    return s
