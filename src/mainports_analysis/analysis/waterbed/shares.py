"""Shares of the North Sea ports and each port's change between window years (no offset ratio).

The former "offset ratio" (minus the other ports' summed change over Rotterdam's change) is not a
recognised measure: it equals minus the sum of the no-control WDQs and flips meaning when the focus
port rises. It is gone; the changes themselves are reported, and the quotient is read in :mod:`.grid`.
"""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd

from mainports_analysis.analysis import displacement
from mainports_analysis.analysis.waterbed.design import (
    NORTH_SEA_RANGE,
    WINDOWS,
    _name,
    long_values,
    panel,
    year_ranges,
)


def range_shares(seizures: pd.DataFrame, *, ports: Sequence[str] = NORTH_SEA_RANGE) -> pd.DataFrame:
    """Each port's share of the seizures of the given North Sea ports, per year (complete years only read)."""
    return displacement.shares(long_values(seizures, list(ports)), locations=list(ports))


def shift_share_table(seizures: pd.DataFrame, *, ports: Sequence[str] = NORTH_SEA_RANGE) -> pd.DataFrame:
    """Each port's change (kg) between every window's last-before and last-after year (and first-before).

    One row per year pair: ``complete``, ``missing`` (in words), Rotterdam's change (``focus_change``),
    the others' summed change (``others_change``) and ``<port>_change`` per port. Pairs with a missing
    year are kept with ``complete=False``. No ratio of the two is formed (see the module docstring).
    """
    p = panel(seizures, locations=list(ports), controls=())
    focus, others = ports[0], list(ports[1:])
    pairs = sorted({(w.before[-1], w.after[-1]) for w in WINDOWS} | {(w.before[0], w.after[-1]) for w in WINDOWS})
    rows = []
    for y0, y1 in pairs:
        s = displacement.shift_share(p, focus=focus, others=others, start_year=y0, end_year=y1).set_index("location")
        missing: dict[str, list[int]] = {}
        for m in str(s["missing"].iloc[0]).split(", "):
            if m:
                loc, year = m.rsplit(":", 1)
                missing.setdefault(loc, []).append(int(year))
        rows.append({"start_year": y0, "end_year": y1, "complete": bool(s["complete"].iloc[0]),
                     "missing": "; ".join(f"{_name(loc)} {year_ranges(ys)}" for loc, ys in missing.items()),
                     "focus_change": s["focus_change"].iloc[0], "others_change": s["others_change_sum"].iloc[0],
                     **{f"{loc}_change": s.loc[loc, "change"] for loc in ports}})
    return pd.DataFrame(rows)
