"""What these series could detect: the minimum detectable change of each port's annual seizures.

A reading that finds "no displacement" at a port says nothing if the port's seizures swing more from
year to year than the displacement at issue. The minimum detectable change (MDC) puts a number on
it, following the minimum detectable effect of Bloom (1995), "Minimum detectable effects: a simple
way to report the statistical power of experimental designs", Evaluation Review 19(5):547-556:
MDE = M · SE, with M = t(1-α/2, df) + t(power, df) for a two-sided test at level α.

Here the outcome is the annual change in log kilograms, Δlog S_t = log S_t − log S_{t−1} (S = p·F:
detection probability times flow, so Δlog S = Δlog p + Δlog F). Before the approach, a port's
annual log changes have mean μ and standard deviation σ, estimated from the n changes between
consecutive pre-approach years (σ̂ with n − 1 degrees of freedom). A post-approach change is judged
against μ̂; its difference from μ̂ has standard error σ·sqrt(1 + 1/n). So the smallest change in one
year that a two-sided test at α detects with the given power is::

    δ = [t(1 − α/2, n − 1) + t(power, n − 1)] · σ̂ · sqrt(1 + 1/n)      (log scale)

reported as the ratio exp(δ) (a rise by that factor; a fall to exp(−δ)) and in kilograms relative to
the last pre-approach level L: kg = L · (exp(δ) − 1). With t rather than normal quantiles the
multiplier is large for short series, as it should be (Bloom 1995, table 1). A port with fewer than
two pre-approach changes has no pre-approach variability; its MDC then uses every consecutive change
of the series (``basis = "whole series"``), which includes any effect of the approach and so, if
anything, overstates the noise. Units: ``kg`` in kilograms a year; ``ratio`` unit-free.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import pandas as pd

from mainports_analysis.analysis.waterbed.design import (
    BASE_YEARS,
    BUFFERS,
    RESPONSE,
    START,
    log_changes,
    treatments,
    wide_values,
)

#: Fewer pre-approach changes than this (df < 3) make the t multiplier explode (14.1 at df 1, 5.1 at df 2):
#: the MDC is then reported but the series is called too short to size a detectable change.
MIN_CHANGES = 4


@dataclass(frozen=True)
class MDC:
    """The minimum detectable change of one port's annual seizures (see the module docstring for the formula).

    ``years``: the years whose values entered the changes; ``change_years``: the later year of each
    change; ``basis``: "pre-approach" or "whole series"; ``log_change`` δ; ``ratio`` exp(δ) (the
    detectable rise as a factor); ``ratio_fall`` exp(−δ); ``base_year``/``base_level``: the last
    pre-approach year with a figure and its kilograms; ``kg``: the detectable rise in kilograms a year
    relative to that level, ``kg_fall`` the detectable fall.
    """

    location: str
    years: tuple[int, ...]
    change_years: tuple[int, ...]
    basis: str
    n: int
    sigma: float
    multiplier: float
    log_change: float
    ratio: float
    ratio_fall: float
    base_year: int
    base_level: float
    kg: float
    kg_fall: float
    alpha: float
    power: float

    @property
    def usable(self) -> bool:
        """True when the MDC rests on at least :data:`MIN_CHANGES` pre-approach changes."""
        return self.basis == "pre-approach" and self.n >= MIN_CHANGES


def mdc_from_values(values: pd.Series, *, start: int = START, alpha: float = 0.05, power: float = 0.8,
                    location: str = "") -> MDC:
    """The MDC of an annual series (indexed by year, kilograms); see :func:`minimum_detectable_change`."""
    from scipy.stats import t as student_t

    if not 0 < alpha < 1 or not 0 < power < 1:
        raise ValueError(f"alpha and power must be in (0, 1); got alpha={alpha!r}, power={power!r}")
    v = values.dropna()
    v = v[v > 0]
    pre = v[v.index < start]
    changes, basis = log_changes(pre), "pre-approach"
    if len(changes) < 2:
        changes, basis = log_changes(v), "whole series"
    n = len(changes)
    if n < 2:
        raise ValueError(f"{location or 'the series'}: fewer than two changes between consecutive published years "
                         f"(years {sorted(int(y) for y in v.index)}); no variability to size a detectable change")
    if pre.empty:
        raise ValueError(f"{location or 'the series'}: no published year before {start}; no level to size the change from")
    sigma = float(changes.std(ddof=1))
    df = n - 1
    m = float(student_t.ppf(1 - alpha / 2, df) + student_t.ppf(power, df))
    delta = m * sigma * math.sqrt(1 + 1 / n)
    base_year = int(pre.index.max())
    level = float(pre[base_year])
    used = sorted({int(y) for y in changes.index} | {int(y) - 1 for y in changes.index})
    return MDC(location, tuple(used), tuple(int(y) for y in changes.index), basis, n, sigma, m, delta, math.exp(delta),
               math.exp(-delta), base_year, level, level * (math.exp(delta) - 1), level * (1 - math.exp(-delta)), alpha, power)


#: The conventional test the detectability figures assume: 5 % two-sided, 80 % power (Bloom 1995).
ALPHA = 0.05
POWER = 0.8


def minimum_detectable_change(seizures: pd.DataFrame, *, location: str, alpha: float = ALPHA, power: float = POWER,
                              start: int = START, series: Mapping[str, str] | None = None) -> MDC:
    """The smallest one-year change in a port's seizures a two-sided test at ``alpha`` detects with ``power``.

    Bloom (1995) minimum detectable effect on annual log changes (formula in the module docstring),
    from the pre-approach years of the port's preferred series (or the ``series`` override). Returns
    an :class:`MDC` with ``kg`` (the detectable rise in kilograms a year, relative to the last
    pre-approach level), ``ratio`` (the detectable rise as a factor) and ``years`` (the years used).

    Raises:
        KeyError: an unknown location (with a "did you mean" suggestion).
        ValueError: a location without an annual cocaine series, or too few years to estimate variability.
    """
    from mainports_analysis.data.registry import registry

    registry().location(location)  # unknown ids raise with a suggestion
    w = wide_values(seizures, series=series)
    if location not in w or w[location].dropna().empty:
        raise ValueError(f"{location!r} has no annual cocaine series in these data")
    return mdc_from_values(w[location], start=start, alpha=alpha, power=power, location=location)


def rotterdam_fall(seizures: pd.DataFrame) -> dict:
    """Rotterdam's fall from the mean of :data:`BASE_YEARS` to its latest year: base, last year, last, fall (kg), ratio."""
    r = wide_values(seizures)[RESPONSE].dropna()
    base = float(r.reindex(list(BASE_YEARS)).mean(skipna=False))
    last_year = int(r.index.max())
    return {"base": base, "last_year": last_year, "last": float(r[last_year]), "fall": base - float(r[last_year]),
            "ratio": float(r[last_year]) / base, "base_years": BASE_YEARS}


def mdc_table(seizures: pd.DataFrame, *, locations: Sequence[str] = (RESPONSE, *BUFFERS), alpha: float = 0.05,
              power: float = 0.8) -> pd.DataFrame:
    """The MDC of Rotterdam and every buffer, beside Rotterdam's fall.

    Columns: location, treatment, computable, usable (:attr:`MDC.usable`), basis, first, last (years
    used), n (changes), sigma, multiplier, ratio, ratio_fall, base_year, base_level, kg, kg_fall,
    share_of_fall (the detectable rise over Rotterdam's fall in kilograms), note (why not).
    """
    fall = rotterdam_fall(seizures)["fall"]
    tr = treatments(locations)
    rows = []
    for loc in locations:
        try:
            m = minimum_detectable_change(seizures, location=loc, alpha=alpha, power=power)
        except ValueError as err:
            rows.append({"location": loc, "treatment": tr[loc], "computable": False, "usable": False,
                         "note": str(err).split(": ", 1)[-1]})
            continue
        rows.append({"location": loc, "treatment": tr[loc], "computable": True, "usable": m.usable, "basis": m.basis,
                     "first": m.years[0], "last": m.years[-1], "n": m.n, "sigma": m.sigma, "multiplier": m.multiplier,
                     "ratio": m.ratio, "ratio_fall": m.ratio_fall, "base_year": m.base_year, "base_level": m.base_level,
                     "kg": m.kg, "kg_fall": m.kg_fall, "share_of_fall": m.kg / fall if fall > 0 else float("nan"), "note": ""})
    return pd.DataFrame(rows)
