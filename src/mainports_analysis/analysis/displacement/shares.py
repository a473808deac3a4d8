"""Each port's share of a range of ports, and a one-sector shift-share split of its change.

Part of :mod:`mainports_analysis.analysis.displacement`; see its docstring for the methods and papers.
"""


from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Any

import numpy as np
import pandas as pd

from mainports_analysis.analysis.displacement._checks import (
    _NAN,
    _cell_lookup,
    _get,
    _int_years,
)

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

    Summary columns, repeated on every row: ``focus_change`` and ``others_change_sum``. (An earlier
    "offset ratio", minus the others' summed change over the focus port's, is not a recognised
    measure: it equals minus the sum of the no-control WDQs and flips meaning when the focus port
    rises, so it was removed.) Seizure shares move with enforcement as well as flow.

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
    out["complete"] = complete
    out["missing"] = ", ".join(missing)
    return out
