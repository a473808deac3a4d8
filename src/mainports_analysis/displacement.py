"""Displacement and diffusion between hubs: does pressure on one port push seizures elsewhere?

The measures here compare a *response* port (where measures were taken, Rotterdam first), one
or more *buffer* ports that could take over the flow (Vlissingen, Moerdijk, Antwerp, ...) and a
*control* that could not plausibly receive it. See ``shared/methods.md`` for the choice of areas.

- :func:`wdq` -- Weighted Displacement Quotient and Total Net Effect (Bowers & Johnson 2003,
  J Quant Criminol 19(3):275-301; worked guide Guerette 2009, POP Tool Guide No. 10, appx B-C).
- :func:`wdd` -- Weighted Displacement Difference with a Poisson standard error (Wheeler &
  Ratcliffe 2018, Crime Science 7:11).
- :func:`displacement_table` -- both of the above for every (buffer, window) from a long frame.
- :func:`its`, :func:`controlled_its` -- segmented regression for interrupted time series
  (Wagner et al. 2002, J Clin Pharm Ther 27(4):299-309; Lopez Bernal, Cummins & Gasparrini
  2017, Int J Epidemiol 46(1):348-355) with Newey & West (1987) HAC errors as a sensitivity check.
- :func:`shares`, :func:`shift_share` -- each port's share of a range of ports and a one-sector
  shift-share split of each port's change (Dunn 1960).

Seizures are not flow: a fall at the response port can mean less flow, less detection or
interception moved upstream. Every result here describes seizures; none is a verdict on flow.
Missing location-years are never filled: results that need them are NaN and say why.

statsmodels and scipy are imported inside the functions that need them, so importing this
module stays cheap.
"""

from __future__ import annotations

import math
import warnings
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

__all__ = [
    "ITSResult",
    "WDDResult",
    "WDQResult",
    "controlled_its",
    "displacement_table",
    "its",
    "shares",
    "shift_share",
    "wdd",
    "wdq",
]

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
# Weighted Displacement Quotient (Bowers & Johnson 2003)
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class WDQResult:
    """Bowers & Johnson (2003) measures for one response / buffer / control triple.

    Signs follow Guerette (2009, appendix C): ``gross_effect`` and ``net_effect`` are positive
    when the response area fell; ``success_measure`` is negative when the response area fell
    relative to control; ``buffer_displacement_measure`` is positive when the buffer rose
    relative to control (possible displacement). ``wdq`` is NaN when it must not be read;
    ``interpretation`` says why. ``reading`` is a short machine-readable code:
    ``diffusion_larger_than_direct``, ``diffusion``, ``neither``,
    ``displacement_smaller_than_gain``, ``displacement_larger_than_gain`` or ``not_meaningful``.
    ``relative_success`` is the success measure as a share of the response area's before level
    relative to control (``success / (Rb/Cb)``): -0.4 means the response area fell 40% relative
    to control.
    """

    gross_effect: float
    net_effect: float
    success_measure: float
    buffer_displacement_measure: float
    wdq: float
    total_net_effect: float
    interpretation: str
    reading: str
    relative_success: float = _NAN


def _wdq_reading(q: float) -> tuple[str, str]:
    if abs(q) <= 1e-12:
        return (
            "neither",
            "WDQ = 0: the buffer did not change relative to control -- neither displacement "
            "nor diffusion of benefit.",
        )
    if q > 1:
        return (
            "diffusion_larger_than_direct",
            f"WDQ = {q:.3g} > 1: the buffer fell relative to control by more than the response "
            "area did -- diffusion of benefit larger than the direct effect.",
        )
    if q > 0:
        return (
            "diffusion",
            f"0 < WDQ = {q:.3g} <= 1: the buffer also fell relative to control -- diffusion of "
            "benefit, no larger than the direct effect.",
        )
    if q >= -1:
        return (
            "displacement_smaller_than_gain",
            f"-1 <= WDQ = {q:.3g} < 0: the buffer rose relative to control -- possible "
            "displacement, no larger than the fall at the response area.",
        )
    return (
        "displacement_larger_than_gain",
        f"WDQ = {q:.3g} < -1: the buffer rose relative to control by more than the response "
        "area fell -- displacement larger than the gain.",
    )


def wdq(
    *,
    response_before: float,
    response_after: float,
    buffer_before: float,
    buffer_after: float,
    control_before: float,
    control_after: float,
) -> WDQResult:
    """Weighted Displacement Quotient: did the buffer move with or against the response area?

    Bowers, K.J. & Johnson, S.D. (2003), J Quant Criminol 19(3):275-301; formulas as printed in
    Guerette (2009), Analyzing Crime Displacement and Diffusion, POP Tool Guide No. 10,
    appendix B (R = response, D = buffer, C = control; b = before, a = after)::

        GE = Rb - Ra                NE = Rb/Cb - Ra/Ca
        success = Ra/Ca - Rb/Cb     BDM = Da/Ca - Db/Cb        WDQ = BDM / success
        TNE = [Rb*(Ca/Cb) - Ra] + [Db*(Ca/Cb) - Da]

    Inputs are seizure counts or kilograms (floats allowed) for equal-length periods, or
    per-year rates when the periods differ. Units cancel in every ratio; GE and TNE are in the
    input's unit. The WDQ is read only when the success measure is clearly negative (the response
    area fell relative to control by at least :data:`MIN_RELATIVE_SUCCESS` of its before level).
    Edge cases never raise: a zero control makes every ratio NaN, a success measure >= 0 or too
    close to zero makes the WDQ NaN, and the ``interpretation`` says what broke.

    Raises:
        ValueError: an input is negative, not finite or not a number (the message names it).
    """
    rb = _nonneg("response_before", response_before)
    ra = _nonneg("response_after", response_after)
    db = _nonneg("buffer_before", buffer_before)
    da = _nonneg("buffer_after", buffer_after)
    cb = _nonneg("control_before", control_before)
    ca = _nonneg("control_after", control_after)

    gross = rb - ra
    if cb == 0 or ca == 0:
        which = "both periods" if cb == 0 and ca == 0 else ("before" if cb == 0 else "after")
        text = (
            f"Not meaningful: the control is zero {'in ' if which == 'both periods' else ''}"
            f"{which}, so the ratios Rb/Cb, Ra/Ca, Db/Cb and Da/Ca are undefined; net effect, "
            "success measure, buffer displacement measure, WDQ and total net effect are NaN. "
            f"Only the gross effect (Rb - Ra = {gross:.4g}) is defined. Use a control with "
            "non-zero values in both periods, or a longer window."
        )
        return WDQResult(gross, _NAN, _NAN, _NAN, _NAN, _NAN, text, "not_meaningful")

    net = rb / cb - ra / ca
    success = ra / ca - rb / cb
    bdm = da / ca - db / cb
    tne = (rb * (ca / cb) - ra) + (db * (ca / cb) - da)
    measures = (
        f"Success measure {success:.4g} (Ra/Ca - Rb/Cb), buffer displacement measure "
        f"{bdm:.4g} (Da/Ca - Db/Cb), total net effect {tne:.4g}."
    )

    if rb == 0:
        text = (
            "Not meaningful: the response area is zero before, so there was nothing to reduce "
            "and the success measure cannot be negative; the WDQ is NaN. " + measures
        )
        return WDQResult(gross, net, success, bdm, _NAN, tne, text, "not_meaningful")
    relative = success / (rb / cb)
    if success >= 0:
        text = (
            "Not meaningful: the success measure is >= 0 -- the response area did not fall "
            "relative to control (Ra/Ca >= Rb/Cb), so there is no gain to weigh displacement "
            "against and the WDQ is NaN. " + measures
        )
        return WDQResult(gross, net, success, bdm, _NAN, tne, text, "not_meaningful", relative)
    if -relative < MIN_RELATIVE_SUCCESS:
        text = (
            f"Not meaningful: the response area fell only {-relative:.1%} relative to control, less "
            f"than the {MIN_RELATIVE_SUCCESS:.0%} needed to read the WDQ: the quotient would divide "
            "by almost nothing, so it is NaN. " + measures
        )
        return WDQResult(gross, net, success, bdm, _NAN, tne, text, "not_meaningful", relative)

    q = bdm / success
    reading, text = _wdq_reading(q)
    notes = [text, measures]
    if db == 0 and da == 0:
        notes.append(
            "The buffer is zero in both periods: WDQ = 0 here reflects the absence of any "
            "values, not evidence that the buffer was unaffected."
        )
    elif db == 0:
        notes.append(
            "The buffer is zero before: the buffer measure is just Da/Ca, so everything seen "
            "there afterwards counts as possible displacement against a zero baseline; treat "
            "the WDQ as fragile."
        )
    if ra == 0:
        notes.append("The response area fell to zero after.")
    notes.append(_SEIZURE_CAVEAT)
    return WDQResult(gross, net, success, bdm, q, tne, " ".join(notes), reading, relative)


# --------------------------------------------------------------------------------------------
# Weighted Displacement Difference (Wheeler & Ratcliffe 2018)
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class WDDResult:
    """Weighted Displacement Difference with its Poisson standard error.

    ``estimate`` = local + displacement part; negative means seizures fell in the treated and
    displacement areas relative to their controls. ``z``, ``p_value`` (two-sided) and the
    ``1 - alpha`` confidence interval use the normal approximation; they are NaN when ``se``
    is 0 (all counts zero: nothing to test).
    """

    estimate: float
    se: float
    z: float
    ci_low: float
    ci_high: float
    p_value: float
    alpha: float
    local_estimate: float
    local_se: float
    displacement_estimate: float
    displacement_se: float


def _poisson_contrast(
    terms: Sequence[tuple[float, float]],
) -> tuple[float, float]:
    """Estimate and variance of sum(w * X) for independent Poisson X: var = sum(w**2 * X)."""
    est = math.fsum(w * x for x, w in terms)
    var = math.fsum(w * w * x for x, w in terms)
    return est, var


def _normal_inference(est: float, se: float, alpha: float) -> tuple[float, float, float, float]:
    """z, CI low, CI high and two-sided p from the normal approximation (NaN when se == 0)."""
    if not se > 0:
        return _NAN, _NAN, _NAN, _NAN
    from scipy.stats import norm

    q = float(norm.ppf(1 - alpha / 2))
    z = est / se
    return z, est - q * se, est + q * se, float(2 * norm.sf(abs(z)))


def wdd(
    *,
    treated_before: float,
    treated_after: float,
    control_before: float,
    control_after: float,
    displacement_before: float = 0,
    displacement_after: float = 0,
    displacement_control_before: float = 0,
    displacement_control_after: float = 0,
    alpha: float = 0.1,
    before_periods: float = 1,
    after_periods: float = 1,
) -> WDDResult:
    """Weighted Displacement Difference test: how many seizures fewer (or more) than expected?

    Wheeler, A.P. & Ratcliffe, J.H. (2018), "A simple weighted displacement difference test to
    evaluate place based crime interventions", Crime Science 7:11,
    https://doi.org/10.1186/s40163-018-0085-5. T treated, Ct its control, D displacement area,
    Cd its control; 0 before, 1 after::

        WDD = (T1 - T0) - (Ct1 - Ct0) + (D1 - D0) - (Cd1 - Cd0)
        Var = T0 + T1 + Ct0 + Ct1 + D0 + D1 + Cd0 + Cd1        (each count Poisson)
        z = WDD / sqrt(Var);   CI = WDD -/+ z_{1-alpha/2} * sqrt(Var)

    The result is in the input's unit (seizures). It is a difference in differences of levels,
    so each control should be of a size comparable to its area. ``before_periods`` and
    ``after_periods`` (default 1) give the number of years in each window: every count is
    divided by its number of periods and its variance by the square of it, giving a per-year
    WDD (Wheeler 2021, "The WDD test with different pre/post time periods").

    The Poisson variance suits *event counts* (numbers of seizures). Kilograms are not Poisson:
    annual kilograms are dominated by a few very large seizures and their variance is far larger
    than their mean, so on kilograms the se, z and interval are indicative only (and depend on
    the unit: kg vs tonnes gives a different z).

    Raises:
        ValueError: a count is negative or not finite, a period count is not positive, or
            alpha is not in (0, 1).
    """
    a = _check_alpha(alpha)
    nb = _positive("before_periods", before_periods)
    na = _positive("after_periods", after_periods)
    t0 = _nonneg("treated_before", treated_before)
    t1 = _nonneg("treated_after", treated_after)
    c0 = _nonneg("control_before", control_before)
    c1 = _nonneg("control_after", control_after)
    d0 = _nonneg("displacement_before", displacement_before)
    d1 = _nonneg("displacement_after", displacement_after)
    cd0 = _nonneg("displacement_control_before", displacement_control_before)
    cd1 = _nonneg("displacement_control_after", displacement_control_after)

    local, var_local = _poisson_contrast([(t1, 1 / na), (t0, -1 / nb), (c1, -1 / na), (c0, 1 / nb)])
    disp, var_disp = _poisson_contrast([(d1, 1 / na), (d0, -1 / nb), (cd1, -1 / na), (cd0, 1 / nb)])
    est = local + disp
    se = math.sqrt(var_local + var_disp)
    z, lo, hi, p = _normal_inference(est, se, a)
    return WDDResult(
        estimate=est,
        se=se,
        z=z,
        ci_low=lo,
        ci_high=hi,
        p_value=p,
        alpha=a,
        local_estimate=local,
        local_se=math.sqrt(var_local),
        displacement_estimate=disp,
        displacement_se=math.sqrt(var_disp),
    )


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


# --------------------------------------------------------------------------------------------
# displacement table
# --------------------------------------------------------------------------------------------

_TABLE_COLUMNS = [
    "response",
    "buffer",
    "control",
    "window",
    "before_years",
    "after_years",
    "n_before",
    "n_after",
    "basis",
    "response_before",
    "response_after",
    "buffer_before",
    "buffer_after",
    "control_before",
    "control_after",
    "success_measure",
    "relative_success",
    "buffer_displacement_measure",
    "wdq",
    "reading",
    "gross_effect",
    "net_effect",
    "total_net_effect",
    "interpretation",
    "wdd_estimate",
    "wdd_se",
    "wdd_z",
    "wdd_ci_low",
    "wdd_ci_high",
    "wdd_p_value",
    "control_scale",
    "alpha",
    "complete",
    "missing",
]


def displacement_table(
    frame: pd.DataFrame,
    *,
    response: str,
    buffers: Sequence[str] | str,
    control: str,
    windows: Mapping[str, tuple[Sequence[int], Sequence[int]]],
    value: str = "value",
    location_col: str = "location",
    year_col: str = "year",
    alpha: float = 0.1,
) -> pd.DataFrame:
    """WDQ, TNE and WDD for every (buffer, window): did each buffer port move against the response?

    ``frame`` is long and tidy (location, year, value; one series already chosen; one row per
    location-year). ``control`` is a location id in the frame; put a derived control (e.g. "EU
    total minus NL and BE") into the frame under its own id. ``windows`` maps a label to
    ``(before_years, after_years)``.

    One row per (buffer, window). ``response_before`` ... ``control_after`` are the values fed
    to the formulas: sums over the window when both windows have the same length
    (``basis == "sum"``), per-year means otherwise (``basis == "mean per year"``). Bowers &
    Johnson (2003) compare equal periods or rates; per-year means are such rates. Ratios (NE,
    success, BDM, WDQ) are the same on either basis; GE and TNE are per year on the mean basis.

    WDD (Wheeler & Ratcliffe 2018) uses the one control for both the response and the buffer::

        WDD = (R1 - R0) - (C1 - C0) + (D1 - D0) - (C1 - C0)

    Because the same control counts twice, its Poisson variance enters four times:
    Var = R0 + R1 + D0 + D1 + 4*(C0 + C1) (the naive eight-count sum would understate it). On the
    mean basis each term is divided by its window length and its variance by the square
    (Wheeler 2021). The WDD is a difference of levels and assumes a control of comparable size;
    the se suits counts of seizures, not kilograms (see :func:`wdd`).

    Missing years are never filled: if any required location-year is absent or NaN the row is
    returned with ``complete=False``, ``missing`` listing them (``location:year``) and every
    measure NaN. ``control_scale`` is the control's before level over the response area's
    (Cb/Rb): far from 1, the WDD is dominated by the control's own change and says little about
    the areas; ``alpha`` records the level of the WDD interval.

    Raises:
        ValueError: bad columns, duplicate location-years, a negative value, overlapping or
            empty windows, or a buffer that is also the response or the control.
    """
    cells = _cell_lookup(frame, value=value, location_col=location_col, year_col=year_col)
    a = _check_alpha(alpha)
    buffer_list = [buffers] if isinstance(buffers, str) else [str(b) for b in buffers]
    if not buffer_list:
        raise ValueError("buffers must name at least one location")
    response, control = str(response), str(control)
    if response == control:
        raise ValueError("response and control must be different locations")
    for b in buffer_list:
        if b in (response, control):
            raise ValueError(
                f"buffer {b!r} is also the response or the control; keep buffer ports out of "
                "the control (Butts 2021)"
            )
    if not windows:
        raise ValueError("windows must hold at least one label -> (before_years, after_years)")
    parsed: list[tuple[str, tuple[int, ...], tuple[int, ...]]] = []
    for label, pair in windows.items():
        try:
            before, after = pair
        except (TypeError, ValueError):
            raise ValueError(
                f"window {label!r} must be a pair (before_years, after_years)"
            ) from None
        yb = _year_tuple(before, f"window {label!r} before_years")
        ya = _year_tuple(after, f"window {label!r} after_years")
        if set(yb) & set(ya):
            raise ValueError(
                f"window {label!r}: before and after share years {sorted(set(yb) & set(ya))}"
            )
        parsed.append((str(label), yb, ya))

    rows: list[dict[str, Any]] = []
    for buf in buffer_list:
        for label, yb, ya in parsed:
            rows.append(_table_row(cells, response, buf, control, label, yb, ya, a))
    return pd.DataFrame(rows, columns=_TABLE_COLUMNS)


def _table_row(
    cells: Mapping[tuple[str, int], float],
    response: str,
    buf: str,
    control: str,
    label: str,
    yb: tuple[int, ...],
    ya: tuple[int, ...],
    alpha: float,
) -> dict[str, Any]:
    nb, na = len(yb), len(ya)
    basis = "sum" if nb == na else "mean per year"
    row: dict[str, Any] = {
        "response": response,
        "buffer": buf,
        "control": control,
        "window": label,
        "before_years": yb,
        "after_years": ya,
        "n_before": nb,
        "n_after": na,
        "basis": basis,
        "alpha": alpha,
    }
    missing: list[str] = []
    sums: dict[str, float] = {}
    for role, loc in (("response", response), ("buffer", buf), ("control", control)):
        for period, years in (("before", yb), ("after", ya)):
            vals = [_get(cells, loc, y) for y in years]
            missing += [f"{loc}:{y}" for y, v in zip(years, vals, strict=True) if math.isnan(v)]
            sums[f"{role}_{period}"] = math.fsum(vals)
    measure_cols = [c for c in _TABLE_COLUMNS if c not in row and c not in ("complete", "missing", "alpha")]
    if missing:
        row.update({c: _NAN for c in measure_cols})
        row["reading"] = "not_computed"
        row["interpretation"] = (
            "Not computed: missing location-years (never filled): " + ", ".join(missing) + "."
        )
        row["complete"] = False
        row["missing"] = ", ".join(missing)
        return row

    # per-year means on the mean basis; sums (weight 1) when the windows are equal
    wb, wa = (1.0, 1.0) if basis == "sum" else (float(nb), float(na))
    r0, r1 = sums["response_before"] / wb, sums["response_after"] / wa
    d0, d1 = sums["buffer_before"] / wb, sums["buffer_after"] / wa
    c0, c1 = sums["control_before"] / wb, sums["control_after"] / wa
    q = wdq(
        response_before=r0,
        response_after=r1,
        buffer_before=d0,
        buffer_after=d1,
        control_before=c0,
        control_after=c1,
    )
    # WDD on the raw sums with 1/n weights; shared control counts twice (weight 2).
    raw = sums
    est, var = _poisson_contrast(
        [
            (raw["response_after"], 1 / wa),
            (raw["response_before"], -1 / wb),
            (raw["buffer_after"], 1 / wa),
            (raw["buffer_before"], -1 / wb),
            (raw["control_after"], -2 / wa),
            (raw["control_before"], 2 / wb),
        ]
    )
    se = math.sqrt(var)
    z, lo, hi, p = _normal_inference(est, se, alpha)
    row.update(
        {
            "response_before": r0,
            "response_after": r1,
            "buffer_before": d0,
            "buffer_after": d1,
            "control_before": c0,
            "control_after": c1,
            "success_measure": q.success_measure,
            "relative_success": q.relative_success,
            "buffer_displacement_measure": q.buffer_displacement_measure,
            "wdq": q.wdq,
            "reading": q.reading,
            "gross_effect": q.gross_effect,
            "net_effect": q.net_effect,
            "total_net_effect": q.total_net_effect,
            "interpretation": q.interpretation,
            "wdd_estimate": est,
            "wdd_se": se,
            "wdd_z": z,
            "wdd_ci_low": lo,
            "wdd_ci_high": hi,
            "wdd_p_value": p,
            "control_scale": c0 / r0 if r0 > 0 else _NAN,
            "complete": True,
            "missing": "",
        }
    )
    return row


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

    Segmented regression (Wagner, Soumerai, Zhang & Ross-Degnan 2002, J Clin Pharm Ther
    27(4):299-309; Lopez Bernal, Cummins & Gasparrini 2017, Int J Epidemiol 46(1):348-355)::

        Y_t = b0 + b1*t + b2*X_t + b3*(t - T0)*X_t,   X_t = 1 for year >= start

    fitted by OLS (statsmodels), with Newey & West (1987, Econometrica 55(3):703-708) HAC
    standard errors (``cov_type="HAC"``, ``maxlags=hac_lags``, Bartlett kernel, no small-sample
    correction -- the statsmodels default) as a sensitivity check; both use t-based intervals
    with n - 4 degrees of freedom. ``series`` is indexed by integer year, in
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


# --------------------------------------------------------------------------------------------
# shares and shift-share
# --------------------------------------------------------------------------------------------


def _location_list(locations: Sequence[str] | str, name: str) -> list[str]:
    locs = [locations] if isinstance(locations, str) else [str(x) for x in locations]
    if not locs:
        raise ValueError(f"{name} must name at least one location")
    if len(set(locs)) != len(locs):
        raise ValueError(f"{name} repeats a location: {locs}")
    return locs


def shares(
    frame: pd.DataFrame,
    *,
    locations: Sequence[str],
    value: str = "value",
    location_col: str = "location",
    year_col: str = "year",
) -> pd.DataFrame:
    """Each location's share of the total over ``locations``, per year (a range of ports).

    Returns a long frame with one row per (location, year) for every listed location and every
    year in which any of them has a row: ``location, year, value, total, share, complete``.
    ``share`` = value / sum of the listed locations' values that year (unit-free). A year in
    which any listed location is absent or NaN is never shared out: ``total`` and ``share`` are
    NaN for every location that year and ``complete`` is False (the absent value shows as
    NaN). A complete year whose total is zero has NaN shares.

    Raises:
        ValueError: bad columns, duplicate location-years, repeated locations, negative values.
    """
    locs = _location_list(locations, "locations")
    cells = _cell_lookup(frame, value=value, location_col=location_col, year_col=year_col)
    years = sorted({yr for (loc, yr) in cells if loc in locs})
    rows: list[dict[str, Any]] = []
    for yr in years:
        vals = [_get(cells, loc, yr) for loc in locs]
        complete = all(math.isfinite(v) for v in vals)
        total = math.fsum(vals) if complete else _NAN
        for loc, v in zip(locs, vals, strict=True):
            share = v / total if complete and total > 0 else _NAN
            rows.append(
                {
                    "location": loc,
                    "year": yr,
                    "value": v,
                    "total": total,
                    "share": share,
                    "complete": complete,
                }
            )
    out = pd.DataFrame(rows, columns=["location", "year", "value", "total", "share", "complete"])
    out["year"] = out["year"].astype("int64")
    out["complete"] = out["complete"].astype(bool)
    return out


def shift_share(
    frame: pd.DataFrame,
    *,
    focus: str,
    others: Sequence[str],
    start_year: int,
    end_year: int,
    value: str = "value",
    location_col: str = "location",
    year_col: str = "year",
) -> pd.DataFrame:
    """How much of the focus port's change between two years is matched by the other ports?

    One row per port (focus first): ``start``, ``end``, ``change`` (end - start), shares of the
    range total T (focus + others) at both years, and a one-sector shift-share split of the
    change that sums exactly to it::

        change_i = s_i0 * dT  +  (s_i1 - s_i0) * T1
                   range_effect  share_effect

    ``range_effect`` is the change the port would have had if it had kept its start share while
    the whole range grew or shrank (the "national growth" component of Dunn 1960, "A statistical
    and analytical technique for regional analysis", Papers and Proceedings of the Regional
    Science Association 6:97-112); ``share_effect`` is the competitive (differential) shift --
    a gain or loss of share against the other ports. With a single commodity there is no
    industry-mix term, and Esteban-Marquillas's (1972) homothetic split does not apply. The
    share effects sum to zero over the range.

    Summary columns, repeated on every row: ``focus_change``, ``others_change_sum`` and
    ``offset_ratio`` = -(sum of others' change) / (focus change). When the focus port fell,
    ``offset_ratio`` is the share of its fall matched by rises elsewhere (1 = fully offset, 0 =
    none, < 0 = the others fell too); when the focus rose, it reads the other way; NaN when the
    focus did not change. Seizure shares move with enforcement as well as flow.

    Missing start/end values are never filled: every computed column is NaN, ``complete`` is
    False and ``missing`` lists the location-years.

    Raises:
        ValueError: the focus is among the others, start_year >= end_year, bad columns,
            duplicate location-years or negative values.
    """
    focus = str(focus)
    other_list = _location_list(others, "others")
    if focus in other_list:
        raise ValueError(f"focus {focus!r} must not be among the others")
    y0, y1 = (int(v) for v in _int_years([start_year, end_year], "start_year/end_year"))
    if y0 >= y1:
        raise ValueError(f"start_year ({y0}) must be before end_year ({y1})")
    cells = _cell_lookup(frame, value=value, location_col=location_col, year_col=year_col)
    ports = [focus, *other_list]
    x0 = np.array([_get(cells, p, y0) for p in ports])
    x1 = np.array([_get(cells, p, y1) for p in ports])
    missing = [f"{p}:{y0}" for p, v in zip(ports, x0, strict=True) if math.isnan(v)]
    missing += [f"{p}:{y1}" for p, v in zip(ports, x1, strict=True) if math.isnan(v)]
    complete = not missing
    out = pd.DataFrame(
        {
            "location": ports,
            "role": ["focus"] + ["other"] * len(other_list),
            "start_year": y0,
            "end_year": y1,
            "start": x0,
            "end": x1,
        }
    )
    computed = [
        "change",
        "share_start",
        "share_end",
        "range_effect",
        "share_effect",
        "focus_change",
        "others_change_sum",
        "offset_ratio",
    ]
    if not complete:
        for c in computed:
            out[c] = _NAN
    else:
        change = x1 - x0
        t0, t1 = math.fsum(x0), math.fsum(x1)
        s0 = x0 / t0 if t0 > 0 else np.full(len(ports), _NAN)
        s1 = x1 / t1 if t1 > 0 else np.full(len(ports), _NAN)
        range_effect = s0 * (t1 - t0)
        share_effect = (s1 - s0) * t1
        focus_change = float(change[0])
        others_sum = math.fsum(change[1:])
        out["change"] = change
        out["share_start"] = s0
        out["share_end"] = s1
        out["range_effect"] = range_effect
        out["share_effect"] = share_effect
        out["focus_change"] = focus_change
        out["others_change_sum"] = others_sum
        out["offset_ratio"] = -others_sum / focus_change if focus_change != 0 else _NAN
    out["complete"] = complete
    out["missing"] = ", ".join(missing)
    return out
