"""Interrupted time series of the ports: the table, the break-year profile and the half-year series.

Segmented regression (Wagner, Soumerai, Zhang & Ross-Degnan 2002, J Clin Pharm Ther 27(4):299-309,
whose parameterisation codes the first post-intervention year as 0 in the slope-change term;
Lopez Bernal, Cummins & Gasparrini 2017, Int J Epidemiol 46(1):348-355, for the practice)::

    Y_t = b0 + b1*t + b2*X_t + b3*(year - start)*X_t,   X_t = 1 from ``start`` on

fitted by OLS on annual kilograms and on log kilograms (multiplicative changes compare ports of
different size). With 10-15 annual points Newey-West (HAC) errors are narrower, not more
conservative, so they are not used as a check here. The break-year profile fits every candidate
start and reports where the fit is best (least squares): a best break before the money is evidence
that the break is not the approach's. Intervals are withheld where the placebo in time shows the
straight pre-trend to be misspecified (:func:`mainports_analysis.analysis.waterbed.placebo.its_placebo`).
"""

from __future__ import annotations

import re
import warnings
from collections.abc import Mapping, Sequence

import numpy as np
import pandas as pd

from mainports_analysis.analysis import displacement
from mainports_analysis.analysis.waterbed.design import (
    BASE_YEARS,
    H1_LOCATIONS,
    RESPONSE,
    START,
    base_annual,
    indexed,
    long_values,
    wide_values,
    year_ranges,
)

#: The series the ITS table fits: (location, counting-system override).
ITS_SPECS: tuple[tuple[str, Mapping[str, str] | None], ...] = (
    (RESPONSE, None), ("antwerp", None), ("vlissingen", None), ("vlissingen", {"vlissingen": "customs"}))


def series_of(seizures: pd.DataFrame, location: str, *, series: Mapping[str, str] | None = None) -> pd.Series:
    """One location's annual kilograms by year (published years only)."""
    w = wide_values(seizures, series=series)
    if location not in w:
        from mainports_analysis.data.registry import registry

        registry().location(location)  # raises with a suggestion for an unknown id
        raise ValueError(f"{location!r} has no annual cocaine series in these data")
    return w[location].dropna()


def port_its(seizures: pd.DataFrame, *, location: str = RESPONSE, start: int = START,
             series: Mapping[str, str] | None = None, log: bool = False):
    """Segmented regression of one port's annual kilograms (or log kilograms) around ``start`` (OLS)."""
    y = series_of(seizures, location, series=series)
    if log:
        y = np.log(y[y > 0])
    return displacement.its(y, start=start)


def _fit_row(res, unit: str) -> dict:
    c = res.coefficients
    return {"unit": unit, "first": res.years_used[0], "last": res.years_used[-1], "n_pre": res.n_pre, "n_post": res.n_post,
            "pre_slope": c.loc["pre_slope", "estimate"], "level_change": c.loc["level_change", "estimate"],
            "slope_change": c.loc["slope_change", "estimate"], "ols_low": c.loc["slope_change", "ci_low"],
            "ols_high": c.loc["slope_change", "ci_high"], "p_value": c.loc["slope_change", "p_value"],
            "note": _plain_note(res.warning)}


def its_table(seizures: pd.DataFrame, *, control: str = "eu_total", intervals: bool = True) -> pd.DataFrame:
    """Segmented regressions for Rotterdam and the first-ring ports: kilograms, log kilograms, indexed and controlled.

    One row per port and form: ``plain`` (kg), ``log`` (log kg: slope change is a change in the yearly
    growth rate), ``indexed`` (the port as an index of :data:`BASE_YEARS` = 100) and ``controlled``
    (that index minus the control's). OLS intervals are NaN where a side has too few points, and for
    every row when ``intervals`` is False (the placebo shows the pre-trend misspecified: then no
    interval or p-value is printed, only the estimates). Ports whose series is too short are listed
    with the reason in words.
    """
    rows = []
    for loc, series in ITS_SPECS:
        name = loc if series is None else f"{loc} (customs)"
        p = long_values(seizures, [loc, control], series=series)
        idx = indexed(p[p["location"].isin([loc, control])], base_years=BASE_YEARS)
        treated = idx[idx["location"] == loc].set_index("year")["index"]
        for form in ("plain", "log", "indexed", "controlled"):
            try:
                if form in ("plain", "log"):
                    res, unit = port_its(seizures, location=loc, series=series, log=form == "log"), ("kg" if form == "plain" else "log kg")
                elif treated.isna().all():
                    raise ValueError(f"no index: no figure for every base year ({year_ranges(BASE_YEARS)})")
                elif form == "indexed":
                    res, unit = displacement.its(treated.dropna(), start=START), "index points"
                else:
                    ctl = idx[idx["location"] == control].set_index("year")["index"]
                    res, unit = displacement.controlled_its(treated.dropna(), ctl.dropna(), start=START), "index points"
            except ValueError as err:
                rows.append({"port": name, "location": loc, "form": form, "unit": "", "note": _plain_note(str(err))})
                continue
            row = {"port": name, "location": loc, "form": form, **_fit_row(res, unit)}
            if not intervals:
                row.update(ols_low=np.nan, ols_high=np.nan, p_value=np.nan)
            rows.append(row)
    return pd.DataFrame(rows)


def _plain_note(text: str) -> str:
    """The regression's warnings in a reader's words (no variable names, no Python lists)."""
    if not text:
        return ""
    if text.startswith("no index"):
        return text
    m = re.search(r"n_pre=(\d+), n_post=(\d+)", text)
    if m and ("needs at least" in text or "too few points" in text):
        before, after = int(m.group(1)), int(m.group(2))
        if "needs at least" in text:
            return (f"not estimable: {before} year{'s' if before != 1 else ''} before the start and {after} from it "
                    "(a segmented regression needs at least 2 on each side)")
        return (f"no interval: {before} year{'s' if before != 1 else ''} before the start and {after} from it "
                f"(an interval needs at least {displacement.MIN_ITS_SIDE} on each side)")
    if "not contiguous" in text:
        return "years missing in between"
    return text


def _sse(y: np.ndarray, x: np.ndarray, start: float) -> tuple[float, np.ndarray]:
    post = (x >= start).astype(float)
    design = np.column_stack([np.ones_like(x), x - x[0], post, (x - start) * post])
    beta, *_ = np.linalg.lstsq(design, y, rcond=None)
    resid = y - design @ beta
    return float(resid @ resid), beta


def break_profile(values: pd.Series, *, candidates: Sequence[float] | None = None, min_side: int = 2,
                  step: float = 1.0) -> pd.DataFrame:
    """Fit the segmented regression at every candidate break and say where it fits best (least squares).

    ``values`` is indexed by (fractional) year. Candidates default to every point with at least
    ``min_side`` points on each side. Columns: start, n_pre, n_post, sse, level_change, slope_change,
    best (True on the minimum sum of squared residuals). A profile without a clear minimum at the
    approach's start says the data do not single out the start as the break (the break-date profile
    of Quandt 1960, J Am Stat Assoc 55(290):324-330, without its test, which needs more points).
    """
    v = values.dropna().sort_index()
    x, y = v.index.to_numpy(dtype=float), v.to_numpy(dtype=float)
    if candidates is None:
        candidates = [x[i] for i in range(min_side, len(x) - min_side + 1)]
    rows = []
    for s in candidates:
        n_pre, n_post = int((x < s).sum()), int((x >= s).sum())
        if n_pre < min_side or n_post < min_side:
            continue
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            sse, beta = _sse(y, x, float(s))
        rows.append({"start": s, "n_pre": n_pre, "n_post": n_post, "sse": sse, "level_change": beta[2], "slope_change": beta[3]})
    out = pd.DataFrame(rows, columns=["start", "n_pre", "n_post", "sse", "level_change", "slope_change"])
    out["best"] = out["sse"] == out["sse"].min() if len(out) else pd.Series(dtype=bool)
    return out


def port_profiles(seizures: pd.DataFrame, *, locations: Sequence[str] = (RESPONSE, "antwerp")) -> pd.DataFrame:
    """:func:`break_profile` for each port on kilograms and on log kilograms (columns location and scale added)."""
    parts = []
    for loc in locations:
        y = series_of(seizures, loc)
        for scale, vals in (("kg", y), ("log", np.log(y[y > 0]))):
            parts.append(break_profile(vals).assign(location=loc, scale=scale))
    return pd.concat(parts, ignore_index=True)


def half_years(seizures: pd.DataFrame, *, locations: Sequence[str] = (RESPONSE, "vlissingen", "antwerp")) -> pd.DataFrame:
    """Half-year kilograms: published first halves, and second halves derived as the year minus its first half.

    Per location the counting system with the most published first halves; the year's figure from
    the same system, and only where both are published; a second half that would come out negative
    is dropped (the two figures then do not describe the same thing). Columns: location, series,
    year, half ('H1'/'H2'), t (year + 0 or 0.5), value, derived (True for H2, computed).
    """
    h1 = base_annual(seizures, period="H1", locations=H1_LOCATIONS, choose="longest")
    rows = []
    for loc in locations:
        sub = h1[h1["location"] == loc]
        if sub.empty:
            continue
        system = str(sub["series"].iloc[0])
        default = base_annual(seizures).attrs.get("series_used", {}).get(loc)
        fy = base_annual(seizures) if default == system else base_annual(seizures, series={loc: system}, locations=[loc])
        fy = fy[fy["location"] == loc].set_index("year")["value"]
        for year, v in sub.set_index("year")["value"].items():
            rows.append({"location": loc, "series": system, "year": int(year), "half": "H1", "t": float(year), "value": float(v),
                         "derived": False})
            if year in fy.index and fy[year] - v >= 0:
                rows.append({"location": loc, "series": system, "year": int(year), "half": "H2", "t": year + 0.5,
                             "value": float(fy[year] - v), "derived": True})
    return pd.DataFrame(rows, columns=["location", "series", "year", "half", "t", "value", "derived"])


def half_year_its(seizures: pd.DataFrame, *, log: bool = True) -> pd.DataFrame:
    """The segmented regression on half-year points (start = first half of 2022), per port with enough points.

    Columns: location, series, points, n_pre, n_post, slope_change (per year; on logs the change
    in yearly growth, fitted on half-year points), note. Too few points on a side gives NaN and a note.
    """
    h = half_years(seizures)
    rows = []
    for (loc, system), grp in h.groupby(["location", "series"], sort=False):
        y = grp.set_index("t")["value"]
        if log:
            y = np.log(y[y > 0])
        pre, post = int((y.index < START).sum()), int((y.index >= START).sum())
        row = {"location": loc, "series": system, "points": len(y), "n_pre": pre, "n_post": post,
               "first": year_label(y.index.min()), "last": year_label(y.index.max())}
        if pre < 2 or post < 2:
            rows.append({**row, "slope_change": np.nan, "level_change": np.nan,
                         "note": f"not estimable: {pre} half-year{'s' if pre != 1 else ''} before the start and {post} from it"})
            continue
        sse, beta = _sse(y.to_numpy(dtype=float), y.index.to_numpy(dtype=float), float(START))
        rows.append({**row, "slope_change": beta[3], "level_change": beta[2], "note": ""})
    return pd.DataFrame(rows, columns=["location", "series", "points", "n_pre", "n_post", "first", "last", "slope_change",
                                       "level_change", "note"])


def year_label(t: float) -> str:
    """A half-year time point as text: 2022.0 -> '2022 H1', 2022.5 -> '2022 H2'."""
    return f"{int(t)} H{1 if float(t) == int(t) else 2}"
