"""The waterbed question as this briefing sets it up: areas, windows, controls and the sensitivity grid.

:mod:`mainports_analysis.displacement` holds the methods (WDQ, WDD, interrupted time series,
shares); this module holds the study design that applies them to the published seizure series, so
every choice that could flip a conclusion is written down once and varied in one place:

* **response**: the port of Rotterdam (HARC series; Customs as sensitivity);
* **buffers** (functional adjacency, see ``data/reference/locations.csv`` ``ring``): first ring
  Vlissingen and Antwerp (the only first-ring ports with annual series on both sides of 2022);
* **controls**: no port is a clean control (Butts 2021, arXiv:2105.03737: nearby controls absorb
  displaced flow), so the analysis runs against several: the EU total (broad market trend, but it
  contains Rotterdam and the buffers), Italy's national total (Mediterranean, different lanes), and
  Valencia (a second-ring port, i.e. a contaminated control, shown to bound the effect);
* **windows**: the approach started with incidental money in 2022 and structural money in 2023
  (decision memo, section 4.5); before = 2020–2021 in every window, after = 2022–2023 (main),
  2023–2024 (structural money) or 2021 vs 2024 single years.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import pandas as pd

from . import displacement
from .series import annual

RESPONSE = "rotterdam"
BUFFERS = ("vlissingen", "antwerp")
CONTROLS = ("eu_total", "it_total", "valencia")
#: before/after windows; the main one first.
WINDOWS: dict[str, tuple[tuple[int, ...], tuple[int, ...]]] = {
    "2020–21 vs 2022–23": ((2020, 2021), (2022, 2023)),
    "2020–21 vs 2023–24": ((2020, 2021), (2023, 2024)),
    "2021 vs 2024": ((2021,), (2024,)),
}
MAIN_WINDOW = "2020–21 vs 2022–23"
MAIN_CONTROL = "eu_total"
#: The first year of the approach (incidental money) for time-series breaks.
START = 2022
#: Ports of the North Sea range with long annual series, for shares.
NORTH_SEA_RANGE = ("rotterdam", "antwerp", "vlissingen")


@dataclass(frozen=True)
class Variant:
    """One way of reading the data: which counting system for Rotterdam and which figure."""

    name: str
    series: Mapping[str, str]
    pick: str


VARIANTS = (
    Variant("HARC series, preferred figures", {}, "preferred"),
    Variant("HARC series, lowest published figures", {}, "low"),
    Variant("HARC series, highest published figures", {}, "high"),
    Variant("Customs series for Rotterdam and Vlissingen", {"rotterdam": "customs", "vlissingen": "customs"}, "preferred"),
)


def panel(
    seizures: pd.DataFrame,
    *,
    metric: str = "cocaine_kg",
    series: Mapping[str, str] | None = None,
    pick: str = "preferred",
    locations: Sequence[str] = (RESPONSE, *BUFFERS, *CONTROLS),
) -> pd.DataFrame:
    """The long frame (location, year, value) the displacement methods take: one series per location."""
    a = annual(seizures, metric=metric, locations=list(locations), series=series, pick=pick)
    return a[["location", "year", "value"]].copy()


def main_table(seizures: pd.DataFrame, *, metric: str = "cocaine_kg") -> pd.DataFrame:
    """WDQ and WDD for Rotterdam against each buffer, every window, the main control."""
    return displacement.displacement_table(
        panel(seizures, metric=metric), response=RESPONSE, buffers=list(BUFFERS), control=MAIN_CONTROL, windows=WINDOWS
    )


def sensitivity(seizures: pd.DataFrame, *, metric: str = "cocaine_kg") -> pd.DataFrame:
    """Every combination of reading (series, bounds), control and window, for each buffer.

    Returns one row per variant × control × window × buffer with the WDQ, its reading, the success
    measure, the WDD and whether the data were complete. Rows with missing years are kept
    (``complete=False``, measures NaN): a gap is a result, not an omission.
    """
    rows = []
    for v in VARIANTS:
        try:
            frame = panel(seizures, metric=metric, series=v.series, pick=v.pick)
        except ValueError:
            continue  # a counting system the data does not have for this metric
        for control in CONTROLS:
            t = displacement.displacement_table(
                frame, response=RESPONSE, buffers=list(BUFFERS), control=control, windows=WINDOWS
            )
            t.insert(0, "variant", v.name)
            rows.append(t)
    out = pd.concat(rows, ignore_index=True)
    return out


def robustness(sens: pd.DataFrame) -> pd.DataFrame:
    """Per buffer: in how many complete variants the WDQ reads as displacement, diffusion or neither.

    The WDQ is read only where the success measure is negative (Bowers & Johnson 2003).
    """
    ok = sens[sens["complete"] & (sens["success_measure"] < 0)]
    kind = pd.cut(ok["wdq"], [-float("inf"), -1, 0 - 1e-12, 1e-12, float("inf")],
                  labels=["displacement larger than the gain", "displacement smaller than the gain", "neither", "diffusion of benefits"])  # fmt: skip
    table = pd.crosstab(ok["buffer"], kind).reindex(columns=kind.cat.categories, fill_value=0)
    table["readable"] = table.sum(axis=1)
    unreadable = sens.groupby("buffer").size() - table["readable"].reindex(sens["buffer"].unique(), fill_value=0)
    table["not readable"] = unreadable.reindex(table.index)
    return table.reset_index()


def range_shares(seizures: pd.DataFrame, *, ports: Sequence[str] = NORTH_SEA_RANGE) -> pd.DataFrame:
    """Each port's share of the seizures of the given North Sea ports, per year (complete years only read)."""
    return displacement.shares(panel(seizures, locations=list(ports)), locations=list(ports))


def port_its(seizures: pd.DataFrame, *, location: str = RESPONSE, start: int = START):
    """Segmented regression of one port's annual kilograms around the approach's start (OLS + HAC)."""
    a = panel(seizures, locations=[location])
    return displacement.its(a.set_index("year")["value"], start=start)


def bound_agreement(sens: pd.DataFrame) -> dict[str, int]:
    """Do conflicting published figures flip a reading? Compare the preferred, lowest and highest figures.

    Counts, over every control × window × buffer, the combinations computable under all three
    picks (``comparable``) and those where all three give the same reading (``same``).
    """
    picks = [v.name for v in VARIANTS if not v.series]
    part = sens[sens["variant"].isin(picks) & sens["complete"]]
    grouped = part.groupby(["control", "window", "buffer"])["reading"]
    sizes = grouped.size()
    comparable = sizes[sizes == len(picks)].index
    same = sum(1 for key in comparable if grouped.get_group(key).nunique() == 1)
    return {"comparable": len(comparable), "same": int(same)}


def variant_coverage(sens: pd.DataFrame) -> pd.DataFrame:
    """Per data reading: how many combinations could be computed and which location-years were missing."""
    rows = []
    for name, grp in sens.groupby("variant", sort=False):
        missing = sorted({m for ms in grp["missing"].dropna() for m in str(ms).split(", ") if m})
        rows.append({"variant": name, "computed": int(grp["complete"].sum()), "of": len(grp), "missing": ", ".join(missing)})
    return pd.DataFrame(rows)
