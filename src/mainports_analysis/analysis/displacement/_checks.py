"""Input checks and long-frame helpers shared by the displacement measures."""


from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np
import pandas as pd

_NAN = float("nan")

#: The WDQ is read only when the response area fell *clearly* relative to control (methods brief):
#: by at least this share of its before level. Below it the quotient divides by almost nothing and a
#: tiny buffer change reads as a huge effect.
MIN_RELATIVE_SUCCESS = 0.05

# Closing sentence of every readable WDQ interpretation.
_SEIZURE_CAVEAT = (
    "The WDQ has no sampling error (use the WDD test for that). For seizures, a fall at the "
    "response area can mean less flow, less detection or interception moved upstream, and a "
    "rise at a buffer can mean more flow or more enforcement there."
)

# --------------------------------------------------------------------------------------------
# input checks
# --------------------------------------------------------------------------------------------


def _nonneg(name: str, x: Any) -> float:
    """Return ``x`` as a float; raise ValueError naming ``name`` if negative or not finite."""
    if isinstance(x, bool):
        raise ValueError(f"{name} must be a number, got a bool ({x!r})")
    try:
        v = float(x)
    except (TypeError, ValueError):
        raise ValueError(f"{name} must be a number, got {x!r}") from None
    if not math.isfinite(v):
        raise ValueError(f"{name} must be finite, got {x!r}")
    if v < 0:
        raise ValueError(f"{name} must be non-negative (a count or a quantity), got {x!r}")
    return v


def _positive(name: str, x: Any) -> float:
    v = _nonneg(name, x)
    if v == 0:
        raise ValueError(f"{name} must be positive, got {x!r}")
    return v


def _check_alpha(alpha: float) -> float:
    try:
        a = float(alpha)
    except (TypeError, ValueError):
        raise ValueError(f"alpha must be a number in (0, 1), got {alpha!r}") from None
    if not 0 < a < 1:
        raise ValueError(f"alpha must be in (0, 1), got {alpha!r}")
    return a


# --------------------------------------------------------------------------------------------
# long-frame helpers
# --------------------------------------------------------------------------------------------


def _check_columns(frame: pd.DataFrame, cols: Sequence[str]) -> None:
    if not isinstance(frame, pd.DataFrame):
        raise TypeError(f"frame must be a pandas DataFrame, got {type(frame).__name__}")
    missing = [c for c in cols if c not in frame.columns]
    if missing:
        raise ValueError(f"frame has no column(s) {missing}; it has {list(frame.columns)}")


def _int_years(values: Any, what: str) -> np.ndarray:
    arr = pd.to_numeric(pd.Series(values), errors="coerce").to_numpy(dtype=float, na_value=np.nan)
    if np.isnan(arr).any() or (arr != np.round(arr)).any():
        raise ValueError(f"{what} must hold whole-number years")
    return arr.astype(int)


def _numeric(values: pd.Series, what: str) -> np.ndarray:
    """Values as floats; NaN/None stay NaN, but text that is not a number or inf raises."""
    coerced = pd.to_numeric(values, errors="coerce")
    arr = coerced.to_numpy(dtype=float, na_value=np.nan)
    bad = coerced.isna().to_numpy() & values.notna().to_numpy()
    if bad.any():
        raise ValueError(f"{what} holds non-numeric entries: {values[bad].tolist()[:5]}")
    if np.isinf(arr).any():
        raise ValueError(f"{what} holds infinite values")
    return arr


def _cell_lookup(
    frame: pd.DataFrame, *, value: str, location_col: str, year_col: str
) -> dict[tuple[str, int], float]:
    """Map (location, year) -> value (NaN kept as NaN). Duplicate location-years raise."""
    _check_columns(frame, [location_col, year_col, value])
    years = _int_years(frame[year_col], f"column {year_col!r}")
    locs = frame[location_col].astype(str).to_numpy()
    vals = _numeric(frame[value], f"column {value!r}")
    out: dict[tuple[str, int], float] = {}
    dupes: set[tuple[str, int]] = set()
    for loc, yr, v in zip(locs, years, vals, strict=True):
        key = (str(loc), int(yr))
        if key in out:
            dupes.add(key)
        out[key] = float(v)
    if dupes:
        listed = ", ".join(f"{loc}:{yr}" for loc, yr in sorted(dupes))
        raise ValueError(
            f"frame must have one row per location-year; duplicated: {listed}. "
            "Choose one series (e.g. with load.preferred) before calling."
        )
    return out


def _get(cells: Mapping[tuple[str, int], float], loc: str, year: int) -> float:
    v = cells.get((loc, year), _NAN)
    if math.isfinite(v) and v < 0:
        raise ValueError(f"value for {loc}:{year} is negative ({v}); seizures cannot be negative")
    return v


def _year_tuple(years: Any, what: str) -> tuple[int, ...]:
    if isinstance(years, (str, bytes)) or not isinstance(years, Sequence | np.ndarray | pd.Index):
        raise ValueError(f"{what} must be a sequence of years, got {years!r}")
    ys = tuple(int(y) for y in _int_years(list(years), what))
    if not ys:
        raise ValueError(f"{what} must not be empty")
    if len(set(ys)) != len(ys):
        raise ValueError(f"{what} repeats a year: {ys}")
    return ys
