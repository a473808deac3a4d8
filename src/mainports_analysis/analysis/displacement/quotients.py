"""Weighted Displacement Quotient and Difference, and the table of both over buffers and windows.

Part of :mod:`mainports_analysis.analysis.displacement`; see its docstring for the methods and papers.
"""


from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import pandas as pd

from mainports_analysis.analysis.displacement._checks import (
    _NAN,
    _SEIZURE_CAVEAT,
    MIN_RELATIVE_SUCCESS,
    _cell_lookup,
    _check_alpha,
    _get,
    _nonneg,
    _positive,
    _year_tuple,
)

# --------------------------------------------------------------------------------------------
# Weighted Displacement Quotient (Bowers & Johnson 2003)
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class WDQResult:
    """Bowers & Johnson (2003) measures for one response / buffer / control triple.

    Signs follow Guerette (2009, appendices B-D): ``gross_effect`` and ``net_effect`` are positive
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
    appendices B-D (R = response, D = buffer, C = control; b = before, a = after)::

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


def _check_in_frame(locations: pd.Series, wanted: Mapping[str, Sequence[str]]) -> None:
    """Raise for an id the frame does not hold, with the nearest id, instead of a table of NaN rows."""
    from mainports_analysis.data.registry import UnknownIdError, did_you_mean

    known = sorted({str(x) for x in locations.dropna().unique()})
    for role, ids in wanted.items():
        for loc in ids:
            if loc not in known:
                raise UnknownIdError(f"{role} {loc!r} is not a location in the frame{did_you_mean(loc, known)}; "
                                     f"the frame holds {', '.join(known[:12])}{' …' if len(known) > 12 else ''}")


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
    _check_in_frame(frame[location_col], {"response": [response], "control": [control], "buffer": buffer_list})
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
