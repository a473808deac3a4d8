"""Interrupted time series: segmented regression, plain and controlled.

Part of :mod:`mainports_analysis.analysis.displacement`; see its docstring for the methods and papers.
"""


from __future__ import annotations

import math
import warnings
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from mainports_analysis.analysis.displacement._checks import (
    _NAN,
    _check_alpha,
    _int_years,
    _numeric,
)

# --------------------------------------------------------------------------------------------
# interrupted time series
# --------------------------------------------------------------------------------------------

_TERMS = ("intercept", "pre_slope", "level_change", "slope_change")
#: Fewer points than this on either side of the break: a line through them is fitted exactly (or
#: nearly), so the regression gives estimates but no standard errors or intervals.
MIN_ITS_SIDE = 3


@dataclass(frozen=True, eq=False)
class ITSResult:
    """Segmented regression Y_t = b0 + b1*t + b2*X_t + b3*(year - start)*X_t.

    ``t`` is years since the first year used, so ``intercept`` is the fitted level in that year;
    X_t = 1 from ``start`` on. ``level_change`` (b2) is the jump at ``start`` relative to the
    pre-trend, ``slope_change`` (b3) the change in yearly slope, ``pre_slope`` (b1) the
    pre-intervention trend, all in the series' unit (per year for slopes).

    ``coefficients`` (index: intercept, pre_slope, level_change, slope_change) holds
    ``estimate``, OLS ``se``/``ci_low``/``ci_high``/``p_value`` and the same with a ``hac_``
    prefix (Newey-West, ``hac_lags`` lags); errors and intervals are NaN with fewer than
    :data:`MIN_ITS_SIDE` points on either side, and the HAC ones also when years are missing in
    between (its lags count rows, not years). ``fitted`` (index: year) holds ``observed``,
    ``fitted``, ``counterfactual`` (pre-trend extrapolated), ``effect`` (fitted -
    counterfactual) and ``post``. ``dropped`` maps each year not used to the reason (NaN,
    absent, only in one of two series). ``warning`` is empty unless there is a reason to
    distrust the intervals beyond the usual: with ~10 annual points they are optimistic anyway.
    """

    start: int
    years_used: tuple[int, ...]
    dropped: dict[int, str]
    n_pre: int
    n_post: int
    intercept: float
    pre_slope: float
    level_change: float
    slope_change: float
    coefficients: pd.DataFrame
    fitted: pd.DataFrame
    warning: str
    alpha: float
    hac_lags: int
    ols_result: Any = field(default=None, repr=False)
    hac_result: Any = field(default=None, repr=False)


def _year_series(series: pd.Series, name: str) -> pd.Series:
    if not isinstance(series, pd.Series):
        raise TypeError(f"{name} must be a pandas Series indexed by year")
    years = _int_years(list(series.index), f"{name}'s index")
    if len(set(years.tolist())) != len(years):
        raise ValueError(f"{name} has duplicate years in its index")
    out = pd.Series(_numeric(series, name), index=years, name=name)
    return out.sort_index()


def _absent_years(index: pd.Index) -> list[int]:
    if len(index) == 0:
        return []
    present = set(int(y) for y in index)
    return [y for y in range(int(min(present)), int(max(present)) + 1) if y not in present]


def _fit_its(
    y: pd.Series, *, start: int, hac_lags: int, alpha: float, dropped: dict[int, str]
) -> ITSResult:
    import statsmodels.api as sm

    years = y.index.to_numpy(dtype=int)
    post = years >= start
    n_pre, n_post = int((~post).sum()), int(post.sum())
    if n_pre < 2 or n_post < 2:
        raise ValueError(
            f"segmented regression needs at least 2 years before and 2 from start={start}; "
            f"got n_pre={n_pre}, n_post={n_post} (years used: {years.tolist()})"
        )
    t = (years - years[0]).astype(float)
    x = post.astype(float)
    design = np.column_stack([np.ones(len(years)), t, x, (years - start) * x])
    model = sm.OLS(y.to_numpy(dtype=float), design)
    df_resid = len(years) - design.shape[1]
    too_few = n_pre < MIN_ITS_SIDE or n_post < MIN_ITS_SIDE
    gaps = bool(_absent_years(pd.Index(years)))
    with warnings.catch_warnings(), np.errstate(all="ignore"):
        warnings.simplefilter("ignore")
        ols = model.fit()
        hac = model.fit(cov_type="HAC", cov_kwds={"maxlags": hac_lags}, use_t=True)
        est = np.asarray(ols.params, dtype=float)
        cols: dict[str, np.ndarray] = {"estimate": est}
        for prefix, res in (("", ols), ("hac_", hac)):
            if df_resid > 0 and not too_few and not (prefix == "hac_" and gaps):
                ci = np.asarray(res.conf_int(alpha=alpha), dtype=float)
                se = np.asarray(res.bse, dtype=float)
                pv = np.asarray(res.pvalues, dtype=float)
            else:
                ci = np.full((4, 2), _NAN)
                se = pv = np.full(4, _NAN)
            cols[f"{prefix}se"] = se
            cols[f"{prefix}ci_low"] = ci[:, 0]
            cols[f"{prefix}ci_high"] = ci[:, 1]
            cols[f"{prefix}p_value"] = pv
    coefficients = pd.DataFrame(cols, index=pd.Index(_TERMS, name="term"))

    fitted_vals = design @ est
    counterfactual = est[0] + est[1] * t
    fitted = pd.DataFrame(
        {
            "observed": y.to_numpy(dtype=float),
            "fitted": fitted_vals,
            "counterfactual": counterfactual,
            "effect": fitted_vals - counterfactual,
            "post": post,
        },
        index=pd.Index(years, name="year"),
    )
    notes = []
    if too_few:
        notes.append(f"too few points for an interval (n_pre={n_pre}, n_post={n_post}; at least "
                     f"{MIN_ITS_SIDE} on each side): estimates only, no standard errors")
    elif df_resid <= 0:
        notes.append("no residual degrees of freedom: standard errors are undefined (NaN)")
    if gaps and not too_few:
        notes.append("the years are not contiguous: Newey-West lags run over rows, not years, so no HAC errors")
    return ITSResult(
        start=int(start),
        years_used=tuple(int(v) for v in years),
        dropped=dict(sorted(dropped.items())),
        n_pre=n_pre,
        n_post=n_post,
        intercept=float(est[0]),
        pre_slope=float(est[1]),
        level_change=float(est[2]),
        slope_change=float(est[3]),
        coefficients=coefficients,
        fitted=fitted,
        warning="; ".join(notes),
        alpha=alpha,
        hac_lags=hac_lags,
        ols_result=ols,
        hac_result=hac,
    )


def _check_its_args(start: Any, hac_lags: Any, alpha: float) -> tuple[int, int, float]:
    s = _int_years([start], "start")[0]
    if isinstance(hac_lags, bool) or not isinstance(hac_lags, int | np.integer) or hac_lags < 0:
        raise ValueError(f"hac_lags must be a non-negative integer, got {hac_lags!r}")
    return int(s), int(hac_lags), _check_alpha(alpha)


def its(series: pd.Series, *, start: int, hac_lags: int = 1, alpha: float = 0.05) -> ITSResult:
    """Interrupted time series: did the level or the trend of an annual series break at ``start``?

    Segmented regression in the parameterisation of Wagner, Soumerai, Zhang & Ross-Degnan (2002,
    J Clin Pharm Ther 27(4):299-309), where the slope-change term counts time since the start and
    is 0 in the first post year (see also Lopez Bernal, Cummins & Gasparrini 2017, Int J
    Epidemiol 46(1):348-355, for the practice)::

        Y_t = b0 + b1*t + b2*X_t + b3*(t - T0)*X_t,   X_t = 1 for year >= start

    fitted by OLS (statsmodels), with t-based intervals on n - 4 degrees of freedom. Newey & West
    (1987, Econometrica 55(3):703-708) HAC standard errors (``cov_type="HAC"``,
    ``maxlags=hac_lags``, Bartlett kernel, no small-sample correction) are also returned, but they
    are *not* a check: with ~15 annual points they are typically narrower than OLS, not more
    conservative; the waterbed analysis does not report them. ``series`` is indexed by integer year, in
    any unit. NaN and absent years are dropped, never filled, and listed in ``dropped``. With
    ~10 annual points every interval is optimistic.

    Raises:
        ValueError: fewer than 2 usable years before or from ``start``, duplicate or
            non-integer years, a negative ``hac_lags`` or a bad ``alpha``.
    """
    s, lags, a = _check_its_args(start, hac_lags, alpha)
    y = _year_series(series, "series")
    dropped: dict[int, str] = {int(yr): "NaN" for yr in y.index[y.isna()]}
    y = y.dropna()
    dropped.update({yr: "absent" for yr in _absent_years(y.index) if yr not in dropped})
    return _fit_its(y, start=s, hac_lags=lags, alpha=a, dropped=dropped)


def controlled_its(
    treated: pd.Series,
    control: pd.Series,
    *,
    start: int,
    hac_lags: int = 1,
    alpha: float = 0.05,
) -> ITSResult:
    """Controlled ITS: did treated minus control break at ``start``?

    Runs :func:`its` on the difference ``treated - control`` over the years where both are
    present and non-NaN (Lopez Bernal et al. 2017; controlled ITS with a comparison series).
    Both series must be in the same unit (e.g. both kg, or both kg per million TEU). Years in
    only one series, or NaN in either, are dropped (never filled) and listed in ``dropped``.
    Run each buffer port against the same control to compare them.
    """
    s, lags, a = _check_its_args(start, hac_lags, alpha)
    tr = _year_series(treated, "treated")
    co = _year_series(control, "control")
    dropped: dict[int, str] = {}
    for yr in tr.index.difference(co.index):
        dropped[int(yr)] = "only in treated"
    for yr in co.index.difference(tr.index):
        dropped[int(yr)] = "only in control"
    common = tr.index.intersection(co.index)
    for yr in common:
        nan_t, nan_c = math.isnan(tr[yr]), math.isnan(co[yr])
        if nan_t or nan_c:
            dropped[int(yr)] = (
                "NaN in both"
                if nan_t and nan_c
                else ("NaN in treated" if nan_t else "NaN in control")
            )
    keep = [yr for yr in common if int(yr) not in dropped]
    diff = (tr.loc[keep] - co.loc[keep]).rename("treated_minus_control")
    diff.index = pd.Index([int(v) for v in diff.index])
    absent = set(_absent_years(diff.index))
    dropped.update({yr: "absent" for yr in absent if yr not in dropped})
    return _fit_its(diff, start=s, hac_lags=lags, alpha=a, dropped=dropped)
