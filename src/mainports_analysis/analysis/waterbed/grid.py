"""The sensitivity grid: the WDQ for every data reading, scale, readability threshold, control, window and buffer.

The weighted displacement quotient (Bowers & Johnson 2003, J Quant Criminol 19(3):275-301; formulas
as printed in Guerette 2009, POP Tool Guide No. 10, appendices B-D) for one response R, buffer D and
control C, before b and after a (per-year means when the windows differ in length)::

    success = Ra/Ca - Rb/Cb      BDM = Da/Ca - Db/Cb      WDQ = BDM / success

read only when Rotterdam fell against the control by at least the readability threshold of its
before level (``relative_success = success / (Rb/Cb) <= -threshold``). The *log* scale replaces
each ratio difference by a difference of logs (``log(Ra/Ca) - log(Rb/Cb)``), so that the quotient
compares proportional changes of ports of different size; it is a sensitivity, not Bowers &
Johnson's measure. The WDD (Wheeler & Ratcliffe 2018, Crime Science 7:11) is computed on the level
scale with the shared control counted twice (variance ``R0 + R1 + D0 + D1 + 4(C0 + C1)``).

Everything here is computed from per-window means of one wide frame per data reading, in plain
arithmetic over precomputed numbers, so that the grid and the placebo sets (thousands of cells) take
well under a second. The scalar :func:`mainports_analysis.analysis.displacement.wdq` gives the same
numbers for any one cell (a test checks it).
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence

import numpy as np
import pandas as pd

from mainports_analysis.analysis.waterbed.design import (
    BASE_THRESHOLD,
    BUFFERS,
    CONTROLS,
    DIFFUSION,
    DISPLACEMENT,
    FIRST_RING,
    PREFERRED,
    READINGS,
    RESPONSE,
    SCALES,
    THRESHOLDS,
    VARIANTS,
    WDD_SCALE,
    WINDOWS,
    Variant,
    Window,
    _name,
    ring_of,
    treatments,
    wide_values,
    year_ranges,
)

_NAN = float("nan")


def reading_code(q: float) -> str:
    """The WDQ reading of Bowers & Johnson (2003) for a readable quotient (same bands as :func:`displacement.wdq`)."""
    if abs(q) <= 1e-12:
        return "neither"
    if q > 1:
        return "diffusion_larger_than_direct"
    if q > 0:
        return "diffusion"
    if q >= -1:
        return "displacement_smaller_than_gain"
    return "displacement_larger_than_gain"


def _ring(buf: str) -> str:
    return "first" if buf in FIRST_RING else "second"


def _window_means(w: pd.DataFrame, years: Sequence[int]) -> tuple[dict[str, float], dict[str, list[int]]]:
    """Per-location mean over ``years`` (NaN if any year is unpublished) and the unpublished years."""
    ys = list(years)
    rows = w.index.get_indexer(ys)
    arr = w.to_numpy(dtype=float)
    sub = np.full((len(ys), arr.shape[1]), np.nan)
    sub[rows >= 0] = arr[rows[rows >= 0]]
    nan = np.isnan(sub)
    means = sub.mean(axis=0)
    cols = [str(c) for c in w.columns]
    missing = {c: [ys[i] for i in np.nonzero(nan[:, j])[0]] for j, c in enumerate(cols)}
    return dict(zip(cols, means.tolist(), strict=True)), missing


def _control_parts(control: str, response: str, buf: str) -> list[str]:
    """The compared ports the control contains, to be subtracted from it (see :class:`Control`)."""
    c = CONTROLS.get(control)
    if c is None:
        return []
    return [loc for loc in (response, buf) if ring_of(loc) in c.subtract_rings]


def cells(
    w: pd.DataFrame,
    *,
    response: str,
    buffers: Sequence[str],
    controls: Sequence[str],
    windows: Iterable[Window],
    scales: Sequence[str] = ("level",),
    thresholds: Sequence[float] = (BASE_THRESHOLD,),
) -> list[dict]:
    """WDQ rows for one wide frame (years × locations): every window × control × buffer × scale × threshold.

    A location missing from ``w`` counts as unpublished in every year. Controls in
    :data:`CONTROLS` have the response and/or the buffer subtracted per comparison (``subtract``);
    any other control id is read as it stands. Returns plain dicts (the caller builds one frame).
    """
    rows: list[dict] = []
    for win in windows:
        mb, xb = _window_means(w, win.before)
        ma, xa = _window_means(w, win.after)

        def get(loc: str, win=win, mb=mb, ma=ma, xb=xb, xa=xa) -> tuple[float, float, list[str]]:
            if loc not in mb:
                return _NAN, _NAN, [f"{loc}:{y}" for y in (*win.before, *win.after)]
            return mb[loc], ma[loc], [f"{loc}:{y}" for y in (*xb[loc], *xa[loc])]

        rb, ra, r_miss = get(response)
        for control in controls:
            cb0, ca0, c_miss0 = get(control)
            for buf in buffers:
                db, da, d_miss = get(buf)
                cb, ca, c_miss = cb0, ca0, list(c_miss0)
                for part in _control_parts(control, response, buf):
                    pb, pa, p_miss = get(part)
                    cb, ca = cb - pb, ca - pa
                    c_miss += [m for m in p_miss if m not in c_miss]
                missing = list(dict.fromkeys([*r_miss, *d_miss, *c_miss]))
                base = {"response": response, "buffer": buf, "control": control, "window": win.label,
                        "before_years": win.before, "after_years": win.after, "n_before": len(win.before),
                        "n_after": len(win.after), "baseline_excludes_peak": win.excludes_peak,
                        "response_before": rb, "response_after": ra, "buffer_before": db, "buffer_after": da,
                        "control_before": cb, "control_after": ca, "complete": not missing, "missing": ", ".join(missing)}
                base.update(_wdd(base))
                for scale in scales:
                    measures = _measures(rb, ra, db, da, cb, ca, scale) if not missing else None
                    for threshold in thresholds:
                        rows.append({**base, "scale": scale, "threshold": threshold, **_read(measures, threshold)})
    return rows


def _measures(rb, ra, db, da, cb, ca, scale: str) -> dict | None:
    """Success, buffer measure and relative success on one scale; None where a ratio is undefined."""
    if not (cb > 0 and ca > 0 and rb > 0):
        return None
    rel = (ra / ca) / (rb / cb) - 1
    if scale == "level":
        success, bdm = ra / ca - rb / cb, da / ca - db / cb
        tne = (rb * (ca / cb) - ra) + (db * (ca / cb) - da)
    else:
        if not (ra > 0 and da > 0 and db > 0):
            return None
        success, bdm = math.log((ra / ca) / (rb / cb)), math.log((da / ca) / (db / cb))
        tne = _NAN
    return {"success_measure": success, "buffer_displacement_measure": bdm, "relative_success": rel, "total_net_effect": tne}


def _read(m: dict | None, threshold: float) -> dict:
    if m is None:
        return {"success_measure": _NAN, "buffer_displacement_measure": _NAN, "relative_success": _NAN,
                "total_net_effect": _NAN, "wdq": _NAN, "reading": "not_meaningful"}
    if not m["relative_success"] <= -threshold:
        return {**m, "wdq": _NAN, "reading": "not_meaningful"}
    q = m["buffer_displacement_measure"] / m["success_measure"]
    return {**m, "wdq": q, "reading": reading_code(q)}


def _wdd(c: dict) -> dict:
    """The WDD on the window sums with 1/n weights; the shared control counts twice (Wheeler & Ratcliffe 2018)."""
    if not c["complete"]:
        return {"wdd_estimate": _NAN, "wdd_se": _NAN, "control_scale": _NAN}
    nb, na = c["n_before"], c["n_after"]
    r0, r1, d0, d1 = c["response_before"], c["response_after"], c["buffer_before"], c["buffer_after"]
    c0, c1 = c["control_before"], c["control_after"]
    est = (r1 - r0) + (d1 - d0) - 2 * (c1 - c0)
    # means carry variance sum/n^2 = mean/n for Poisson sums
    var = r1 / na + r0 / nb + d1 / na + d0 / nb + 4 * (c1 / na + c0 / nb)
    return {"wdd_estimate": est, "wdd_se": math.sqrt(var) if var >= 0 else _NAN,
            "control_scale": c0 / r0 if r0 > 0 else _NAN}


_COLUMNS = ["variant", "scale", "threshold", "buffer", "ring", "treatment", "control", "window", "before_years", "after_years",
            "n_before", "n_after", "baseline_excludes_peak", "response", "response_before", "response_after", "buffer_before",
            "buffer_after", "control_before", "control_after", "success_measure", "relative_success",
            "buffer_displacement_measure", "wdq", "reading", "total_net_effect", "wdd_estimate", "wdd_se", "control_scale",
            "complete", "missing", "computable", "wdd_shown"]


def finish(rows: list[dict], treatment: dict[str, str] | None = None) -> pd.DataFrame:
    """Rows of :func:`cells` as the tidy grid frame, with ``ring``, ``treatment``, ``computable`` and ``wdd_shown``."""
    out = pd.DataFrame(rows)
    if out.empty:
        return pd.DataFrame(columns=_COLUMNS)
    out["ring"] = np.where(out["buffer"].isin(FIRST_RING), "first", "second")
    tr = treatment or {}
    out["treatment"] = out["buffer"].map(lambda b: tr.get(b, ""))
    out.loc[~out["complete"], "reading"] = "not_computed"
    out["computable"] = out["complete"] & out["reading"].isin(READINGS)
    lo, hi = WDD_SCALE
    out["wdd_shown"] = out["complete"] & (out["control"] != "none") & out["control_scale"].between(lo, hi) & (out["scale"] == "level")
    return out[[c for c in _COLUMNS if c in out.columns]]


def grid(
    seizures: pd.DataFrame,
    *,
    metric: str = "cocaine_kg",
    variants: Sequence[Variant] = VARIANTS,
    scales: Sequence[str] = SCALES,
    thresholds: Sequence[float] = THRESHOLDS,
    windows: Sequence[Window] = WINDOWS,
) -> pd.DataFrame:
    """Every combination of data reading, scale, threshold, control, window and buffer port: WDQ, reading, WDD.

    One row per variant × scale × threshold × control × window × buffer. ``computable``: every year
    published and Rotterdam fell against the control by at least ``threshold``; ``wdd_shown``: a
    level-scale cell whose control is of a size comparable to Rotterdam and is not ``none``. A
    combination with a missing year is kept (``complete=False``, ``missing`` lists location:year);
    a gap is a result. A variant whose counting system the data do not have is left out. The base
    reading of the page is :func:`base` (preferred figures, level scale, 5 % threshold).
    """
    if metric != "cocaine_kg":
        raise ValueError(f"the waterbed grid reads cocaine kilograms; got metric={metric!r}")
    for s in scales:
        if s not in SCALES:
            raise ValueError(f"scale must be one of {SCALES}, got {s!r}")
    rows = []
    for v in variants:
        try:
            w = wide_values(seizures, pick=v.pick, series=v.series)
        except ValueError:
            continue  # a counting system the data does not have for this metric
        for r in cells(w, response=RESPONSE, buffers=BUFFERS, controls=tuple(CONTROLS), windows=windows,
                       scales=scales, thresholds=thresholds):
            r["variant"] = v.name
            rows.append(r)
    return finish(rows, treatments())


def base(g: pd.DataFrame, *, variant: str = PREFERRED) -> pd.DataFrame:
    """The cells of the page's base reading: one data reading, level scale, the 5 % readability threshold."""
    part = g[g["variant"] == variant]
    if "scale" in part:
        part = part[(part["scale"] == "level") & (part["threshold"] == BASE_THRESHOLD)]
    return part


def readings(g: pd.DataFrame, *, variant: str = PREFERRED) -> pd.DataFrame:
    """Per buffer port, over the distinct control × window cells of one data reading: how they read.

    Columns: buffer, ring, treatment, cells, computable, the count per reading code (:data:`READINGS`),
    displacement_total and diffusion_total, not_computable, and ``not_computable_why`` (which years
    are missing, and where Rotterdam did not clearly fall against the control).
    """
    part = base(g, variant=variant)
    tr = treatments()
    rows = []
    for buf in BUFFERS:
        b = part[part["buffer"] == buf]
        ok = b[b["computable"]]
        counts = ok["reading"].value_counts()
        incomplete = b[~b["complete"]]
        no_fall = b[b["complete"] & ~b["computable"]]
        why = []
        if len(incomplete):
            missing: dict[str, set[int]] = {}
            for ms in incomplete["missing"]:
                for m in str(ms).split(", "):
                    if m:
                        loc, year = m.rsplit(":", 1)
                        missing.setdefault(loc, set()).add(int(year))
            why.append("Not published: " + "; ".join(f"{_name(loc)} {year_ranges(ys)}" for loc, ys in sorted(missing.items())))
        if len(no_fall):
            why.append(f"Rotterdam did not clearly fall against the control in {len(no_fall)} "
                       f"combination{'s' if len(no_fall) > 1 else ''}")
        rows.append({
            "buffer": buf, "ring": _ring(buf), "treatment": tr[buf], "cells": len(b), "computable": len(ok),
            **{r: int(counts.get(r, 0)) for r in READINGS},
            "displacement_total": int(sum(counts.get(r, 0) for r in DISPLACEMENT)),
            "diffusion_total": int(sum(counts.get(r, 0) for r in DIFFUSION)),
            "not_computable": len(b) - len(ok), "not_computable_why": ". ".join(why),
        })
    return pd.DataFrame(rows)


def _direction(reading: str) -> str:
    return "displacement" if reading in DISPLACEMENT else ("diffusion" if reading in DIFFUSION else "neither")


def bound_agreement(g: pd.DataFrame) -> pd.DataFrame:
    """Do conflicting published figures flip a reading? Per buffer: cells readable under the preferred,
    lowest and highest figures alike (``comparable``) and those where all three read the same (``same``)."""
    picks = [v.name for v in VARIANTS if not v.series]
    part = pd.concat([base(g, variant=p) for p in picks])
    part = part[part["computable"]]
    piv = part.assign(direction=part["reading"].map(_direction)).pivot_table(
        index=["buffer", "control", "window"], columns="variant", values="direction", aggfunc="first")
    rows = []
    for buf in BUFFERS:
        sub = piv.xs(buf, level="buffer") if buf in piv.index.get_level_values("buffer") else piv.iloc[0:0]
        full = sub.dropna() if set(picks) <= set(sub.columns) else sub.iloc[0:0]
        rows.append({"buffer": buf, "comparable": len(full), "same": int((full.nunique(axis=1) == 1).sum())})
    return pd.DataFrame(rows)


def counting_check(g: pd.DataFrame, variant: str) -> pd.DataFrame:
    """Another counting system against the preferred reading, per buffer: cells computable under it, under both, agreeing."""
    a = base(g)
    a = a[a["computable"]].set_index(["buffer", "control", "window"])["reading"]
    b = base(g, variant=variant)
    b = b[b["computable"]].set_index(["buffer", "control", "window"])["reading"]
    both = a.index.intersection(b.index)
    rows = []
    for buf in BUFFERS:
        keys = [k for k in both if k[0] == buf]
        rows.append({"buffer": buf, "variant_computable": int((b.index.get_level_values(0) == buf).sum()),
                     "customs_computable": int((b.index.get_level_values(0) == buf).sum()),
                     "both": len(keys), "same_direction": sum(1 for k in keys if _direction(a[k]) == _direction(b[k]))})
    return pd.DataFrame(rows)


def customs_check(g: pd.DataFrame) -> pd.DataFrame:
    """The Customs reading (Rotterdam and Vlissingen) against the preferred HARC one, per buffer."""
    return counting_check(g, VARIANTS[-1].name)


def sensitivity_summary(g: pd.DataFrame, *, buffers: Sequence[str] = FIRST_RING) -> pd.DataFrame:
    """How each buffer reads under every choice: one row per buffer × dimension × option.

    Dimensions: data reading (variant), scale, readability threshold, and whether the baseline holds
    2021. Columns: buffer, dimension, option, computable, displacement, diffusion, neither.
    """
    rows = []

    def add(buf, dim, opt, part):
        ok = part[part["computable"]]
        d = ok["reading"].map(_direction)
        rows.append({"buffer": buf, "dimension": dim, "option": opt, "computable": len(ok),
                     "displacement": int((d == "displacement").sum()), "diffusion": int((d == "diffusion").sum()),
                     "neither": int((d == "neither").sum())})

    for buf in buffers:
        gb = g[g["buffer"] == buf]
        base_cells = base(gb)
        for v in VARIANTS:
            add(buf, "data reading", v.name, base(gb, variant=v.name))
        for s in SCALES:
            add(buf, "scale", s, gb[(gb["variant"] == PREFERRED) & (gb["scale"] == s) & (gb["threshold"] == BASE_THRESHOLD)])
        for t in THRESHOLDS:
            add(buf, "readability threshold", f"{t:.0%}", gb[(gb["variant"] == PREFERRED) & (gb["scale"] == "level")
                                                             & (gb["threshold"] == t)])
        for excl, label in ((False, "baseline holds 2021"), (True, "baseline without 2021")):
            add(buf, "baseline", label, base_cells[base_cells["baseline_excludes_peak"] == excl])
    return pd.DataFrame(rows)


def wdq_matrix(g: pd.DataFrame, *, buffers: Sequence[str] = FIRST_RING, variant: str = PREFERRED) -> pd.DataFrame:
    """The WDQ per buffer and window (rows) and control (columns); NaN where it cannot be read.

    Rows in which no control can be read are left out (``attrs["unreadable"]`` counts them).
    """
    part = base(g, variant=variant)
    part = part[part["buffer"].isin(buffers)]
    m = part.assign(wdq=part["wdq"].where(part["computable"])).pivot_table(
        index=["buffer", "window"], columns="control", values="wdq", dropna=False, sort=False)
    order = pd.MultiIndex.from_product([list(buffers), [w.label for w in WINDOWS]], names=["buffer", "window"])
    full = m.reindex(index=order, columns=list(CONTROLS))
    out = full.dropna(how="all")
    out.attrs["unreadable"] = len(full) - len(out)
    return out


def traffic_grid(seizures: pd.DataFrame, throughput: pd.DataFrame) -> pd.DataFrame:
    """The quotient on kilograms per million TEU (traffic-normalised), against ``none`` only (no control
    publishes TEU). A port's TEU must be for the same place as its seizures (Antwerp's TEU after 2021 is
    Antwerp-Bruges: a different scope, so no figure)."""
    from mainports_analysis.data.load import preferred_rows

    teu = preferred_rows(throughput[throughput["metric"].astype(str) == "teu"], key=["location", "year", "metric"])
    teu = teu.assign(location=teu["location"].astype(str), year=teu["year"].astype(int)).pivot_table(
        index="year", columns="location", values="quantity", aggfunc="first")
    kg = wide_values(seizures)
    locs = [loc for loc in (RESPONSE, *BUFFERS) if loc in kg and loc in teu]
    per = (kg[locs] / (teu.reindex(index=kg.index, columns=locs) / 1e6))
    per["none"] = 1.0
    out = finish(cells(per, response=RESPONSE, buffers=BUFFERS, controls=("none",), windows=WINDOWS), treatments())
    return out.assign(variant=PREFERRED)
