"""One annual series per location: which counting system, and which figure where sources disagree.

The Netherlands has two counting systems for port seizures (the HARC team / Public Prosecution
Service and Dutch Customs) that differ for the same port and year; sources also disagree within one
system (provisional vs final, rounded vs exact). An analysis must use one series per location and
say which. This module makes that choice visibly:

* **counting system** — per location, the first series in :data:`SERIES_PREFERENCE` that the data
  has (Rotterdam: HARC; national totals: Customs), unless the caller overrides it; the other system
  is kept for sensitivity analysis, never mixed into the same line;
* **figure** — within the chosen series, the preferred figure (:func:`mainports_analysis.data.load.preferred_rows`),
  or the lowest or highest published figure (``pick="low"`` / ``"high"``) to run an analysis on both
  bounds.
"""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd

from mainports_analysis.data.load import preferred_rows
from mainports_analysis.data.registry import registry
from mainports_analysis.data.rulings import in_scope

#: Default order of counting systems: the port-area prosecution team first, then customs, then
#: other agencies, then international compilations.
SERIES_PREFERENCE = ("harc", "customs", "prosecution", "police", "government", "euda", "unodc", "other")
PICKS = ("preferred", "low", "high")
#: Reader labels of the counting systems.
SERIES_LABELS = {"harc": "HARC team", "customs": "Customs", "prosecution": "Public Prosecution Service", "police": "police",
                 "government": "ministry", "euda": "EUDA", "unodc": "UNODC", "other": "other or not stated"}
#: Location kinds whose counting system is chosen by length of series, not by preference.
AGGREGATE_KINDS = ("national", "supranational", "abroad")


def series_of(frame: pd.DataFrame, location: str, *, metric: str = "cocaine_kg", period: str = "FY") -> list[str]:
    """The counting systems the data has for a location and metric, in preference order."""
    have = set(frame.loc[(frame["location"].astype(str) == location) & (frame["metric"].astype(str) == metric)
                         & (frame["period"].astype(str) == period), "series"].astype(str))  # fmt: skip
    return [s for s in SERIES_PREFERENCE if s in have]


def annual(
    seizures: pd.DataFrame,
    *,
    metric: str = "cocaine_kg",
    locations: list[str] | None = None,
    series: Mapping[str, str] | None = None,
    pick: str = "preferred",
    period: str = "FY",
    choose: str = "auto",
) -> pd.DataFrame:
    """One value per location and year: the chosen counting system and figure.

    ``series`` maps a location to a counting system to override the default (for example
    ``{"rotterdam": "customs"}`` for the sensitivity run). ``pick`` chooses among conflicting figures
    within that system: the preferred one, or the lowest/highest published. ``choose`` picks the
    counting system per location: ``"preference"`` the first in :data:`SERIES_PREFERENCE`,
    ``"longest"`` the one with the most years (then the most recent), and ``"auto"`` (default) the preference order for ports
    and hubs but the longest series for national and international totals, which different agencies
    compile and where no counting system is privileged (a customs-only figure for one year must not
    stand in for a ministry's series of eight). Years without a figure are absent (never
    filled). Figures ruled out of scope (:mod:`mainports_analysis.data.rulings`) are left out of every
    series and listed in ``attrs["out_of_scope"]``.

    Returns columns: location, year, value (kg for mass metrics, a count otherwise), series,
    record_id, qualifier, n_figures (how many published figures the year had), low, high, source_id,
    publisher. ``attrs["series_used"]`` maps each location to its counting system.
    """
    if pick not in PICKS:
        raise ValueError(f"pick must be one of {PICKS}, not {pick!r}")
    scoped = in_scope(seizures)
    rows = scoped[(scoped["metric"].astype(str) == metric) & (scoped["period"].astype(str) == period)]
    wanted = locations or list(dict.fromkeys(rows["location"].astype(str)))
    chosen_series: dict[str, str] = {}
    parts = []
    for loc in wanted:
        have = series_of(rows, loc, metric=metric, period=period)
        if not have:
            continue
        mode = choose
        if choose == "auto":
            mode = "longest" if registry().location(loc).kind in AGGREGATE_KINDS else "preference"
        if mode == "longest":
            here = rows[rows["location"].astype(str) == loc].groupby(rows["series"].astype(str))["year"]
            years, last = here.nunique(), here.max()
            default = max(have, key=lambda x: (years.get(x, 0), last.get(x, 0), -have.index(x)))
        elif mode == "preference":
            default = have[0]
        else:
            raise ValueError(f"choose must be 'auto', 'preference' or 'longest', not {choose!r}")
        system = (series or {}).get(loc, default)
        if system not in have:
            raise ValueError(f"{loc}: no {metric} figures in series {system!r}; it has {', '.join(have)}")
        chosen_series[loc] = system
        part = rows[(rows["location"].astype(str) == loc) & (rows["series"].astype(str) == system)]
        stats = part.groupby("year")["quantity"].agg(low="min", high="max", n_figures="size")
        if pick == "preferred":
            best = preferred_rows(part)
        else:
            order = part.sort_values(["year", "quantity", "record_id"], ascending=[True, pick == "low", True], kind="mergesort")
            best = order.drop_duplicates("year", keep="first")
        best = best.set_index("year").join(stats)
        parts.append(
            pd.DataFrame(
                {
                    "location": loc,
                    "year": best.index.astype(int),
                    "value": best["quantity"].to_numpy(),
                    "series": system,
                    "record_id": best["record_id"].astype(str).to_numpy(),
                    "qualifier": best["qualifier"].astype(str).to_numpy(),
                    "n_figures": best["n_figures"].to_numpy(),
                    "low": best["low"].to_numpy(),
                    "high": best["high"].to_numpy(),
                    "source_id": best["source_id"].astype(str).to_numpy(),
                    "publisher": best["publisher"].astype(str).to_numpy() if "publisher" in best else "",
                }
            )
        )
    out = pd.concat(parts, ignore_index=True) if parts else pd.DataFrame(
        columns=["location", "year", "value", "series", "record_id", "qualifier", "n_figures", "low", "high", "source_id", "publisher"]
    )
    out = out.sort_values(["location", "year"], kind="mergesort").reset_index(drop=True)
    out.attrs["series_used"] = chosen_series
    out.attrs["pick"] = pick
    out.attrs["out_of_scope"] = [r for r in scoped.attrs.get("out_of_scope", []) if r["location"] in chosen_series]
    return out


def wide(annual_frame: pd.DataFrame, *, value: str = "value") -> pd.DataFrame:
    """Years as rows, locations as columns (NaN where a year has no figure)."""
    return annual_frame.pivot(index="year", columns="location", values=value).sort_index()


def coverage(
    seizures: pd.DataFrame, *, locations: list[str], metrics: list[str], period: str = "FY"
) -> pd.DataFrame:
    """Which whole years have a published figure, per location and metric (any counting system).

    Tells before any computation whether a share, a quotient or a time series can be computed at
    all. Returns one row per location × metric: ``years`` (sorted list), ``n``, ``first``, ``last``.
    """
    rows = []
    sub = seizures[seizures["period"].astype(str) == period]
    for loc in locations:
        for metric in metrics:
            years = sorted({int(y) for y in sub.loc[(sub["location"].astype(str) == loc) & (sub["metric"].astype(str) == metric), "year"]})
            rows.append({"location": loc, "metric": metric, "years": years, "n": len(years),
                         "first": years[0] if years else None, "last": years[-1] if years else None})
    return pd.DataFrame(rows)
