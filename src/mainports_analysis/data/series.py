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

from mainports_analysis.data import schemas
from mainports_analysis.data.load import preferred_rows
from mainports_analysis.data.registry import UnknownIdError, check_choice, did_you_mean, registry
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


def _check_args(seizures: pd.DataFrame, *, metric: str, period: str, locations=None, series=None) -> list[str] | None:
    """Refuse a metric, period, location or counting system the data does not know (with a suggestion)."""
    check_choice(metric, schemas.SEIZURE_METRICS, what="metric")
    check_choice(period, schemas.PERIODS, what="period (FY: full year, H1: first half)")
    reg = registry()
    checked = None if locations is None else reg.check_locations(locations)
    for loc, system in (series or {}).items():
        reg.check_location(loc, what="location in series=")
        check_choice(system, SERIES_PREFERENCE, what=f"counting system for {loc}")
    return checked


def series_of(frame: pd.DataFrame, location: str, *, metric: str = "cocaine_kg", period: str = "FY") -> list[str]:
    """The counting systems the data has for a location and metric, in preference order."""
    _check_args(frame, metric=metric, period=period, locations=[location])
    have = set(frame.loc[(frame["location"].astype(str) == location) & (frame["metric"].astype(str) == metric)
                         & (frame["period"].astype(str) == period), "series"].astype(str))  # fmt: skip
    return [s for s in SERIES_PREFERENCE if s in have]


def _system(rows: pd.DataFrame, loc: str, have: list[str], choose: str) -> str:
    """The default counting system of a location: first by preference, or the longest series (see :func:`annual`)."""
    mode = choose
    if choose == "auto":
        mode = "longest" if registry().location(loc).kind in AGGREGATE_KINDS else "preference"
    if mode == "preference":
        return have[0]
    here = rows[rows["location"].astype(str) == loc].groupby(rows["series"].astype(str))["year"]
    years, last = here.nunique(), here.max()
    return max(have, key=lambda x: (years.get(x, 0), last.get(x, 0), -have.index(x)))


def _one_per_year(part: pd.DataFrame, loc: str, system: str, pick: str) -> pd.DataFrame:
    """One figure per year of one location's series (preferred, lowest or highest), with the spread."""
    stats = part.groupby("year")["quantity"].agg(low="min", high="max", n_figures="size")
    if pick == "preferred":
        best = preferred_rows(part)
    else:
        order = part.sort_values(["year", "quantity", "record_id"], ascending=[True, pick == "low", True], kind="mergesort")
        best = order.drop_duplicates("year", keep="first")
    best = best.set_index("year").join(stats)
    return pd.DataFrame(
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


ANNUAL_COLUMNS = ["location", "year", "value", "series", "record_id", "qualifier", "n_figures", "low", "high", "source_id",
                  "publisher"]  # fmt: skip


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

    An unknown metric, period, location or counting system raises :class:`~mainports_analysis.data.registry.UnknownIdError`
    with a "did you mean" suggestion. A known location without figures for the metric has no rows
    and is listed in ``attrs["no_figures"]``.

    Returns columns: location, year, value (kg for mass metrics, a count otherwise), series,
    record_id, qualifier, n_figures (how many published figures the year had), low, high, source_id,
    publisher. ``attrs["series_used"]`` maps each location to its counting system.
    """
    for name, value, options in (("pick", pick, PICKS), ("choose", choose, ("auto", "preference", "longest"))):
        if value not in options:
            raise UnknownIdError(f"{name} must be one of {', '.join(map(repr, options))}, not {value!r}{did_you_mean(value, options)}")
    locations = _check_args(seizures, metric=metric, period=period, locations=locations, series=series)
    scoped = in_scope(seizures)
    rows = scoped[(scoped["metric"].astype(str) == metric) & (scoped["period"].astype(str) == period)]
    chosen_series: dict[str, str] = {}
    parts, empty = [], []
    for loc in locations or list(dict.fromkeys(rows["location"].astype(str))):
        have = series_of(rows, loc, metric=metric, period=period)
        if not have:
            empty.append(loc)
            continue
        system = (series or {}).get(loc, _system(rows, loc, have, choose))
        if system not in have:
            raise ValueError(f"{loc}: no {metric} figures in series {system!r}; it has {', '.join(have)}")
        chosen_series[loc] = system
        part = rows[(rows["location"].astype(str) == loc) & (rows["series"].astype(str) == system)]
        parts.append(_one_per_year(part, loc, system, pick))
    out = pd.concat(parts, ignore_index=True) if parts else pd.DataFrame(columns=ANNUAL_COLUMNS)
    out = out.sort_values(["location", "year"], kind="mergesort").reset_index(drop=True)
    out.attrs["series_used"] = chosen_series
    out.attrs["pick"] = pick
    out.attrs["no_figures"] = empty
    out.attrs["out_of_scope"] = [r for r in scoped.attrs.get("out_of_scope", []) if r["location"] in chosen_series]
    return out


def wide(annual_frame: pd.DataFrame, *, value: str = "value") -> pd.DataFrame:
    """Years as rows, locations as columns (NaN where a year has no figure); ``value`` names the column shown."""
    check_choice(value, [str(c) for c in annual_frame.columns if c not in ("location", "year")], what="value column")
    return annual_frame.pivot(index="year", columns="location", values=value).sort_index()


def coverage(
    seizures: pd.DataFrame, *, locations: list[str], metrics: list[str], period: str = "FY"
) -> pd.DataFrame:
    """Which whole years have a published figure, per location and metric (any counting system).

    Tells before any computation whether a share, a quotient or a time series can be computed at
    all. An unknown location, metric or period raises with a "did you mean" suggestion (a known location
    with no figures is a row with ``n`` 0). Returns one row per location × metric: ``years`` (sorted list), ``n``, ``first``, ``last``.
    """
    if isinstance(metrics, str):
        raise TypeError(f"metrics must be a list, not the string {metrics!r}; write [{metrics!r}]")
    reg = registry()
    for metric in metrics:
        _check_args(seizures, metric=metric, period=period)
    rows = []
    sub = seizures[seizures["period"].astype(str) == period]
    for loc in reg.check_locations(locations):
        for metric in metrics:
            years = sorted({int(y) for y in sub.loc[(sub["location"].astype(str) == loc) & (sub["metric"].astype(str) == metric), "year"]})
            rows.append({"location": loc, "metric": metric, "years": years, "n": len(years),
                         "first": years[0] if years else None, "last": years[-1] if years else None})
    return pd.DataFrame(rows)
