"""Colours of the house style: one colour per place from the registry, contrast and tints (WCAG 2.1).

Part of :mod:`mainports_analysis.report.charts.style`, which re-exports every name here.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

import numpy as np

from mainports_analysis.data.registry import registry


def colour(key: str) -> str:
    """The colour of a hub or location id, from the registry."""
    return registry().colour(key)


def label(key: str, lang: str = "en") -> str:
    """The display name of a hub, location, counting system or metric id (:func:`mainports_analysis.report.labels.label`)."""
    from mainports_analysis.report.labels import label as _label

    return _label(key, lang)


def _linear(channel: float) -> float:
    return channel / 12.92 if channel <= 0.04045 else ((channel + 0.055) / 1.055) ** 2.4


def luminance(c: str) -> float:
    """Relative luminance of a colour (WCAG 2.1): 0 for black, 1 for white."""
    from matplotlib.colors import to_rgb

    r, g, b = (_linear(v) for v in to_rgb(c))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a: str, b: str = "#FFFFFF") -> float:
    """WCAG 2.1 contrast ratio of two colours, from 1 (none) to 21 (black on white)."""
    la, lb = sorted((luminance(a), luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def text_colour(c: str, *, background: str = "#FFFFFF", min_contrast: float = 4.5) -> str:
    """``c``, darkened just enough to read as small text on ``background`` (WCAG AA: 4.5:1).

    The hue stays, so a label still matches its line: Okabe–Ito orange becomes a dark amber,
    Tol's sand an olive; colours that already contrast enough come back unchanged.
    """
    from matplotlib.colors import to_hex, to_rgb

    rgb = np.array(to_rgb(c))
    for k in np.arange(1.0, -0.001, -0.02):
        candidate = to_hex(rgb * k)
        if contrast(candidate, background) >= min_contrast:
            return candidate.upper() if k < 1.0 else c
    return "#000000"


def tint(c: str, amount: float = 0.5) -> str:
    """``c`` mixed with white (``amount`` 0: unchanged, 1: white), for a second series of one place."""
    from matplotlib.colors import to_hex, to_rgb

    if not 0 <= amount <= 1:
        raise ValueError(f"amount must be between 0 and 1, not {amount}")
    rgb = np.array(to_rgb(c))
    return to_hex(rgb + (1 - rgb) * amount).upper()


def colour_clashes(keys: Iterable[str], colours: Mapping[str, str] | None = None) -> list[tuple[str, str, str]]:
    """Pairs of keys that would be drawn in the same colour: ``(first, second, colour)``.

    ``colours`` overrides the registry's colour of some keys (as ``styles`` does in :func:`lines`).
    """
    seen: dict[str, str] = {}
    clashes = []
    for key in keys:
        c = str((colours or {}).get(key) or colour(key)).upper()
        if c in seen:
            clashes.append((seen[c], key, c))
        else:
            seen[c] = key
    return clashes


def highlight_styles(keys: Iterable[str], highlight: Iterable[str]) -> dict[str, dict]:
    """Styles for :func:`lines` that keep the ``highlight`` keys in colour and grey the rest.

    For charts with more series than a categorical palette can tell apart (Tol 2021 advises at most
    about eight): the story's series stay in their colours, the others become thin grey context.
    """
    from mainports_analysis.report.charts.style import MUTED

    keep = set(highlight)
    return {
        k: {"color": MUTED, "linewidth": 1.3, "markersize": 3.5, "zorder": 1.5} if k not in keep else {"zorder": 3}
        for k in keys
    }


