"""Placebo tests: how often do the measures read "displacement" (or a "significant" break) with no intervention?

A WDQ of -0.3 at a buffer means little if the same comparison reads "displacement" in most pairs of
years before any intervention. Two placebo sets give the reference rate every real reading is
judged against (the logic of placebo-in-time and placebo-in-space tests of synthetic control,
Abadie, Diamond & Hainmueller 2010, J Am Stat Assoc 105(490):493-505, applied to the quotient):

* **in time**: every window of :data:`WINDOWS` shifted back so that its after years end before the
  approach (a fake start year), for Rotterdam against every buffer and control;
* **in space**: every *untreated* port (:mod:`mainports_analysis.data.treatment`) as a fake response
  area, with the real windows, against the other untreated ports as buffers.

The same for the interrupted time series: segmented regressions with fake starts fitted on the
pre-approach years only, and at the real start on untreated ports. If more fake breaks come out
"significant" than chance allows (the 95th percentile of a binomial with the test's level), the
straight pre-trend is misspecified and no p-value or interval of a real break is printed.
"""

from __future__ import annotations

import warnings
from collections.abc import Sequence

import numpy as np
import pandas as pd

from mainports_analysis.analysis.waterbed.design import (
    BASE_THRESHOLD,
    BUFFERS,
    CONTROLS,
    RESPONSE,
    START,
    WINDOWS,
    Window,
    direction_of,
    treatments,
    wide_values,
)
from mainports_analysis.analysis.waterbed.grid import cells, finish


def span_label(years: Sequence[int]) -> str:
    """(2019, 2020, 2021) -> '2019–21'; (2021,) -> '2021'."""
    ys = sorted(years)
    return str(ys[0]) if len(ys) == 1 else f"{ys[0]}–{str(ys[-1])[-2:]}"


def shifted_windows(first_year: int, *, windows: Sequence[Window] = WINDOWS, start: int = START) -> list[tuple[int, Window]]:
    """Every window moved back whole years so that its after years end before ``start`` and its before years
    start no earlier than ``first_year``: (fake start, window). Year pairs reached by two windows are kept once."""
    out, seen = [], set()
    for w in windows:
        shift = max(w.after) - start + 1
        while min(w.before) - shift >= first_year:
            before = tuple(y - shift for y in w.before)
            after = tuple(y - shift for y in w.after)
            if (before, after) not in seen:
                seen.add((before, after))
                out.append((start - shift, Window(f"{span_label(before)} vs {span_label(after)}", before, after,
                                                  f"{w.label} moved back {shift} year{'s' if shift > 1 else ''}")))
            shift += 1
    return out


_COLUMNS = ["kind", "fake_start", "response", "buffer", "window", "control", "before_years", "after_years", "complete",
            "computable", "relative_success", "wdq", "reading", "direction", "treatment"]


def placebo_readings(seizures: pd.DataFrame, *, kinds: Sequence[str] = ("time", "space"),
                     controls: Sequence[str] = tuple(CONTROLS), threshold: float = BASE_THRESHOLD,
                     scale: str = "level", windows: Sequence[Window] = WINDOWS) -> pd.DataFrame:
    """The WDQ with no intervention: placebo cells in time and in space (see the module docstring).

    Preferred figures. Columns: kind ('time'|'space'), fake_start, response, buffer, window (the
    placebo's own years), control, before_years, after_years, complete, computable, relative_success,
    wdq, reading, direction ('displacement'|'diffusion'|'neither' for computable cells, else ''), and
    treatment (of the buffer).
    """
    bad = [k for k in kinds if k not in ("time", "space")]
    if bad:
        raise ValueError(f"kinds must be 'time' and/or 'space', got {bad}")
    w = wide_values(seizures)
    tr = treatments()
    rows: list[dict] = []
    if "time" in kinds:
        first = int(w[RESPONSE].dropna().index.min())
        for fake, win in shifted_windows(first, windows=windows):
            rows += [{**r, "kind": "time", "fake_start": fake}
                     for r in cells(w, response=RESPONSE, buffers=BUFFERS, controls=controls, windows=[win],
                                    scales=(scale,), thresholds=(threshold,))]
    if "space" in kinds:
        untreated = [b for b in BUFFERS if tr[b] == "untreated" and b in w and w[b].notna().any()]
        for fake in untreated:
            others = [b for b in untreated if b != fake]
            rows += [{**r, "kind": "space", "fake_start": START}
                     for r in cells(w, response=fake, buffers=others, controls=controls, windows=windows,
                                    scales=(scale,), thresholds=(threshold,))]
    if not rows:
        return pd.DataFrame(columns=_COLUMNS)
    out = finish(rows, tr)
    out["kind"] = [r["kind"] for r in rows]
    out["fake_start"] = [r["fake_start"] for r in rows]
    out["direction"] = np.where(out["computable"], out["reading"].map(direction_of), "")
    return out[_COLUMNS]


def placebo_rates(p: pd.DataFrame, *, by: Sequence[str] = ("kind",)) -> pd.DataFrame:
    """The reference rate: of the computable placebo cells, how many read displacement (and diffusion).

    Columns: the ``by`` columns, cells, computable, displacement, diffusion, rate (displacement over
    computable; NaN where none is computable).
    """
    by = list(by)
    g = p.assign(disp=p["direction"] == "displacement", diff=p["direction"] == "diffusion")
    out = g.groupby(by, sort=False).agg(cells=("computable", "size"), computable=("computable", "sum"),
                                         displacement=("disp", "sum"), diffusion=("diff", "sum")).reset_index()
    out[["computable", "displacement", "diffusion"]] = out[["computable", "displacement", "diffusion"]].astype(int)
    out["rate"] = out["displacement"] / out["computable"].where(out["computable"] > 0)
    return out


def its_placebo(seizures: pd.DataFrame, *, locations: Sequence[str] = (RESPONSE, "antwerp"), alpha: float = 0.05,
                min_side: int = 3) -> pd.DataFrame:
    """Fake ITS breaks: in time (every fake start fitted on the pre-approach years only) and in space
    (untreated ports at the real start), on kilograms and log kilograms; OLS p-value of the slope change.

    Columns: kind, location, scale, start, n_pre, n_post, slope_change, p_value, significant.
    Fits need ``min_side`` points on each side (so that the OLS interval exists).
    """
    from mainports_analysis.analysis import displacement

    w = wide_values(seizures)
    tr = treatments()
    jobs = []
    for loc in locations:
        y = w[loc].dropna()
        pre = y[y.index < START]
        years = pre.index.to_numpy(dtype=int)
        for s in years[min_side:len(years) - min_side + 1]:
            jobs.append(("time", loc, pre, int(s)))
    for loc in BUFFERS:
        if tr[loc] == "untreated" and loc in w:
            jobs.append(("space", loc, w[loc].dropna(), START))
    rows = []
    for kind, loc, y, s in jobs:
        for scale, vals in (("kg", y), ("log", np.log(y[y > 0]))):
            n_pre, n_post = int((vals.index < s).sum()), int((vals.index >= s).sum())
            if n_pre < min_side or n_post < min_side:
                continue
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                res = displacement.its(vals, start=s, alpha=alpha)
            p = float(res.coefficients.loc["slope_change", "p_value"])
            rows.append({"kind": kind, "location": loc, "scale": scale, "start": s, "n_pre": n_pre, "n_post": n_post,
                         "slope_change": res.slope_change, "p_value": p, "significant": bool(p < alpha)})
    return pd.DataFrame(rows, columns=["kind", "location", "scale", "start", "n_pre", "n_post", "slope_change", "p_value",
                                       "significant"])


def chance_limit(n: int, alpha: float = 0.05) -> int:
    """The most "significant" results out of ``n`` fake tests that chance allows: the 95th percentile of Binomial(n, alpha)."""
    from scipy.stats import binom

    return int(binom.ppf(0.95, n, alpha)) if n > 0 else 0


def its_misspecified(its_p: pd.DataFrame, *, alpha: float = 0.05) -> bool:
    """True when more fake ITS breaks in time are "significant" than chance allows (see :func:`chance_limit`)."""
    t = its_p[its_p["kind"] == "time"]
    return bool(t["significant"].sum() > chance_limit(len(t), alpha))
