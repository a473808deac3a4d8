"""The study design of the waterbed question: areas, treatment, controls, windows and data readings.

:mod:`mainports_analysis.analysis.displacement` holds the methods (WDQ, WDD, interrupted time series,
shares); this module writes down once every choice that could flip a conclusion, so that the grid
(:mod:`.grid`), the placebo tests (:mod:`.placebo`) and the detectability figures (:mod:`.detectability`)
vary them in one place:

* **response**: the port of Rotterdam (HARC series; Customs as a sensitivity);
* **buffers** by functional adjacency (shared shipping lanes and fruit trades; the registry's
  ``ring``). First ring Vlissingen, the North Sea Canal ports (Amsterdam and IJmuiden together) and
  Antwerp; second ring Hamburg, Bremerhaven, Le Havre, Valencia and Algeciras (the ports with annual
  series; Moerdijk and Terneuzen publish none);
* **treatment** (:mod:`mainports_analysis.data.treatment`): Vlissingen and the North Sea Canal ports
  are *funded* buffers, Antwerp is partly treated from 2023, the second ring is untreated. Bowers &
  Johnson's (2003) buffer receives no intervention; at a funded buffer a rise reads "displacement or
  the detection the approach funded there";
* **controls**: no place is clean. A control that absorbs displaced flow biases the displacement
  estimate toward zero and the direct effect away from zero (Butts 2021, arXiv:2105.03737), so the
  ports compared are subtracted from a total where the data allow (:data:`CONTROLS`, ``subtract``);
  where they cannot be, the overlap is stated (``overlap``);
* **windows** (:data:`WINDOWS`): single years and two- and three-year periods on both sides of the
  start (incidental money 2022, structural money 2023), including baselines that leave out 2021
  (Rotterdam's peak, Vlissingen's trough, and partly treated by the 2021 predecessor money).

Years without a published figure are never filled. Seizure frames are turned into one series per
location by :func:`mainports_analysis.data.series.annual`, which is slow (it resolves conflicting
figures); :func:`base_annual` does that once per seizures frame and caches the result.
"""

from __future__ import annotations

import weakref
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

from mainports_analysis.data.series import annual

RESPONSE = "rotterdam"
FIRST_RING = ("vlissingen", "nzkg_ports", "antwerp")
SECOND_RING = ("hamburg", "bremerhaven", "le_havre", "valencia", "algeciras")
BUFFERS = (*FIRST_RING, *SECOND_RING)
#: The first year of the approach (incidental money) for time-series breaks; structural money from the next.
START = 2022
STRUCTURAL_START = 2023
#: The year in which Rotterdam's seizures peaked and the predecessor money of 2021 was spent.
PEAK = START - 1
#: The two years before the approach: the base of the descriptive before/after comparisons.
BASE_YEARS = (START - 2, START - 1)
#: Ports of the North Sea range with long annual series, for shares.
NORTH_SEA_RANGE = ("rotterdam", "antwerp", "vlissingen")
#: National totals of the other European entry countries (second-ring ports sit in them).
OTHER_COUNTRIES = ("be_total", "es_total", "de_total", "fr_total", "it_total", "pt_total")
#: The places whose series the waterbed analysis reads (ports, control parts, Dutch-bound cocaine).
SERIES_LOCATIONS = (RESPONSE, *BUFFERS, "eu_total", "nl_total", "it_total", "nl_destined_abroad", "nl_seaports",
                    "moerdijk", "terneuzen", *[c for c in OTHER_COUNTRIES if c != "it_total"])
#: The places with published first-half figures the analysis reads.
H1_LOCATIONS = (RESPONSE, "vlissingen", "antwerp", "nl_seaports")


@dataclass(frozen=True)
class Control:
    """A comparison area: what it is, which compared ports are subtracted from it, and what it still contains.

    ``subtract_rings``: a port playing a role in a comparison (response or buffer) whose ring is listed
    here is contained in the control, so its published series is subtracted from the control in that
    comparison (ring ``response`` for Rotterdam). ``overlap`` says what the control still contains.
    """

    id: str
    label: str
    flaw: str
    overlap: str = ""
    subtract_rings: tuple[str, ...] = ()


CONTROLS: dict[str, Control] = {
    c.id: c
    for c in (
        Control("eu_rest", "EU total without the Netherlands, Antwerp and the port compared",
                "subtracts Dutch and Belgian customs figures from the EUDA's total (different compilers)",
                overlap="the second-ring ports other than the one compared", subtract_rings=("second",)),
        Control("eu_total", "EU total without Rotterdam and the port compared",
                "the EUDA's total minus port figures of other compilers",
                overlap="every buffer port other than the one compared", subtract_rings=("response", "first", "second")),
        Control("it_total", "Italy (national total)", "other shipping lanes, but a few large seizures at Gioia Tauro swing it",
                overlap="none of the ports compared"),
        Control("none", "no control",
                "assumes the market did not change: each port's change is weighed against Rotterdam's change alone"),
    )
}
#: Controls computed from published totals: id -> (total, parts subtracted). Computed only in years
#: where every part is published; otherwise the control is absent that year.
DERIVED_CONTROLS: dict[str, tuple[str, tuple[str, ...]]] = {"eu_rest": ("eu_total", ("nl_total", "antwerp"))}


@dataclass(frozen=True)
class Window:
    """Before and after years, and why this comparison is worth making."""

    label: str
    before: tuple[int, ...]
    after: tuple[int, ...]
    why: str

    @property
    def excludes_peak(self) -> bool:
        """True when the baseline leaves out the peak year (2021)."""
        return PEAK not in self.before


WINDOWS: tuple[Window, ...] = (
    Window("2021 vs 2022", (2021,), (2022,), "the last year before the approach against its first (incidental money)"),
    Window("2021 vs 2023", (2021,), (2023,), "against the first year of structural money"),
    Window("2020–21 vs 2022–23", (2020, 2021), (2022, 2023), "two years on each side of the start"),
    Window("2019–21 vs 2022–23", (2019, 2020, 2021), (2022, 2023),
           "a three-year baseline, so that Rotterdam's 2021 peak does not set the baseline alone (per-year means)"),
    Window("2021 vs 2024", (2021,), (2024,), "against the second year of structural money"),
    Window("2020–21 vs 2024–25", (2020, 2021), (2024, 2025), "two years before against two years of structural money in force"),
    Window("2019–21 vs 2024–25", (2019, 2020, 2021), (2024, 2025), "a three-year baseline against structural money in force"),
    Window("2020 vs 2022", (2020,), (2022,), "base year 2020: leaves out 2021 (Rotterdam's peak, Vlissingen's trough)"),
    Window("2020 vs 2023", (2020,), (2023,), "base year 2020 against the first year of structural money"),
    Window("2020 vs 2024", (2020,), (2024,), "base year 2020 against the second year of structural money"),
    Window("2019–20 vs 2024–25", (2019, 2020), (2024, 2025),
           "a baseline without 2021 (partly treated by the 2021 predecessor money) against structural money in force"),
    Window("2018–20 vs 2023–25", (2018, 2019, 2020), (2023, 2024, 2025),
           "three years without 2021 against three years of structural money"),
)
WINDOW_YEARS: dict[str, tuple[tuple[int, ...], tuple[int, ...]]] = {w.label: (w.before, w.after) for w in WINDOWS}


@dataclass(frozen=True)
class Variant:
    """One way of reading the data: which counting system per location and which figure where sources disagree."""

    name: str
    series: Mapping[str, str]
    pick: str


PREFERRED = "HARC series, preferred figures"
COUNTING = "Rotterdam on HARC, Vlissingen on Customs"
VARIANTS = (
    Variant(PREFERRED, {}, "preferred"),
    Variant("HARC series, lowest published figures", {}, "low"),
    Variant("HARC series, highest published figures", {}, "high"),
    Variant(COUNTING, {"vlissingen": "customs"}, "preferred"),
    Variant("Customs series for Rotterdam and Vlissingen", {"rotterdam": "customs", "vlissingen": "customs"}, "preferred"),
)
#: The WDQ on kilograms (Bowers & Johnson 2003) and on log kilograms (proportional changes; a sensitivity).
SCALES = ("level", "log")
#: How far Rotterdam must fall against the control before the WDQ is read (share of its before level).
THRESHOLDS = (0.05, 0.10, 0.25)
BASE_THRESHOLD = THRESHOLDS[0]
#: The reading codes of :func:`mainports_analysis.analysis.displacement.wdq`, from displacement to diffusion.
READINGS = ("displacement_larger_than_gain", "displacement_smaller_than_gain", "neither", "diffusion", "diffusion_larger_than_direct")
DISPLACEMENT = ("displacement_larger_than_gain", "displacement_smaller_than_gain")
DIFFUSION = ("diffusion", "diffusion_larger_than_direct")
#: The WDD is shown only where the control is of a size comparable to Rotterdam (Cb/Rb within this range).
WDD_SCALE = (0.5, 2.0)


def ring_of(location: str) -> str:
    """The role ring of a port in the design: response, first or second."""
    return "response" if location == RESPONSE else ("first" if location in FIRST_RING else "second")


def direction_of(reading: str) -> str:
    """displacement / diffusion / neither for a WDQ reading code."""
    return "displacement" if reading in DISPLACEMENT else ("diffusion" if reading in DIFFUSION else "neither")


_direction = direction_of

# ----------------------------------------------------------------------------------------- data


_CACHE: dict[tuple, tuple[weakref.ref, pd.DataFrame]] = {}


def base_annual(seizures: pd.DataFrame, *, metric: str = "cocaine_kg", series: Mapping[str, str] | None = None,
                period: str = "FY", locations: Sequence[str] | None = None, choose: str = "auto") -> pd.DataFrame:
    """Every location's annual series (one counting system each, with ``low``/``high`` columns), cached.

    :func:`mainports_analysis.data.series.annual` resolves conflicting figures row by row and takes
    about a second; the grid, the placebo tests and the detectability figures all need the same
    series, so it runs once per seizures frame, metric, counting-system override and period. The
    cache holds a weak reference: a new or garbage-collected frame is recomputed, and a frame must
    not be edited in place after its first use (the loaders never do).
    """
    wanted = list(locations) if locations else (sorted(series) if series else list(SERIES_LOCATIONS))
    key = (id(seizures), metric, tuple(sorted((series or {}).items())), period, tuple(wanted), choose)
    hit = _CACHE.get(key)
    if hit is not None and hit[0]() is seizures:
        return hit[1]
    frame = seizures.copy()
    frame.attrs = {}  # pandas deep-copies attrs on every operation; the load report is not needed here
    out = annual(frame, metric=metric, series=series, period=period, locations=wanted, choose=choose)
    _CACHE[key] = (weakref.ref(seizures), out)
    return out


def series_frame(seizures: pd.DataFrame, locations: Sequence[str]) -> pd.DataFrame:
    """The rows of :func:`annual` (preferred figures, default counting systems) for ``locations``, from the cache.

    Locations outside :data:`SERIES_LOCATIONS` are read with :func:`annual` directly (and cached too).
    """
    locations = list(locations)
    a = base_annual(seizures)
    extra = [loc for loc in locations if loc not in SERIES_LOCATIONS]
    if extra:
        a = pd.concat([a, base_annual(seizures, locations=extra)], ignore_index=True)
    out = a[a["location"].isin(locations)].reset_index(drop=True)
    out.attrs = {"series_used": {k: v for k, v in a.attrs.get("series_used", {}).items() if k in locations}}
    return out


def wide_values(seizures: pd.DataFrame, *, pick: str = "preferred", series: Mapping[str, str] | None = None) -> pd.DataFrame:
    """Years × locations of kilograms for one data reading (NaN where unpublished); derived controls added.

    ``pick`` takes the preferred figure, or the lowest/highest published figure of the chosen series
    (the ``low``/``high`` columns of :func:`annual`, so no second pass over the raw rows).
    """
    column = {"preferred": "value", "low": "low", "high": "high"}[pick]
    a = base_annual(seizures)
    if series:
        override = base_annual(seizures, series=series)
        a = pd.concat([a[~a["location"].isin(series)], override[override["location"].isin(series)]], ignore_index=True)
    w = a.pivot(index="year", columns="location", values=column).sort_index().astype(float)
    for cid, (total, minus) in DERIVED_CONTROLS.items():
        if total in w and all(m in w for m in minus):
            w[cid] = w[total] - w[list(minus)].sum(axis=1, min_count=len(minus))
    if len(w):
        w = w.reindex(range(int(w.index.min()), int(w.index.max()) + 1))
    w["none"] = 1.0
    w.attrs["series_used"] = {**a.attrs.get("series_used", {}), **dict(series or {})}
    return w


def long_values(seizures: pd.DataFrame, locations: Sequence[str], *, series: Mapping[str, str] | None = None,
                pick: str = "preferred") -> pd.DataFrame:
    """The long frame (location, year, value) of :func:`wide_values` for ``locations`` (published years only).

    The fast equivalent of :func:`panel` for the locations and controls of the design (it reads the
    cached series); a location without a series is absent.
    """
    w = wide_values(seizures, pick=pick, series=series)
    cols = [loc for loc in locations if loc in w]
    out = w[cols].rename_axis("year").reset_index().melt(id_vars="year", var_name="location", value_name="value")
    out = out.dropna(subset=["value"])[["location", "year", "value"]].reset_index(drop=True)
    out["year"] = out["year"].astype(int)
    return out


def panel(
    seizures: pd.DataFrame,
    *,
    metric: str = "cocaine_kg",
    series: Mapping[str, str] | None = None,
    pick: str = "preferred",
    locations: Sequence[str] = (RESPONSE, *BUFFERS),
    controls: Sequence[str] = tuple(CONTROLS),
) -> pd.DataFrame:
    """The long frame (location, year, value) the displacement methods take: one series per location.

    Besides the published series of ``locations``, holds each control: published totals as they are,
    derived controls (:data:`DERIVED_CONTROLS`) in the years where every part is published, and the
    ``none`` control as 1 in every year (so that the quotient weighs the raw changes).
    """
    parts = set(locations)
    for c in controls:
        if c in DERIVED_CONTROLS:
            total, minus = DERIVED_CONTROLS[c]
            parts |= {total, *minus}
        elif c != "none":
            parts.add(c)
    a = annual(seizures, metric=metric, locations=sorted(parts), series=series, pick=pick)
    out = a[["location", "year", "value"]]
    wide = out.pivot(index="year", columns="location", values="value")
    extra = []
    for c in controls:
        if c in DERIVED_CONTROLS:
            total, minus = DERIVED_CONTROLS[c]
            cols = [total, *minus]
            if all(col in wide for col in cols):
                derived = (wide[total] - wide[list(minus)].sum(axis=1, min_count=len(minus))).dropna()
                extra.append(pd.DataFrame({"location": c, "year": derived.index.astype(int), "value": derived.to_numpy()}))
        elif c == "none":
            years = range(int(out["year"].min()), int(out["year"].max()) + 1) if len(out) else []
            extra.append(pd.DataFrame({"location": "none", "year": list(years), "value": 1.0}))
    keep = out[out["location"].isin([*locations, *[c for c in controls if c not in DERIVED_CONTROLS and c != "none"]])]
    result = pd.concat([keep, *extra], ignore_index=True) if extra else keep.reset_index(drop=True)
    result.attrs["series_used"] = a.attrs.get("series_used", {})
    return result


def indexed(frame: pd.DataFrame, *, base_years: Sequence[int]) -> pd.DataFrame:
    """Each location's values as an index (mean of ``base_years`` = 100), for comparing levels tenfold apart.

    A location that lacks any base year gets no index at all (NaN), never an index on a partial base.
    """
    base_years = list(base_years)
    wide = frame.pivot(index="year", columns="location", values="value")
    base = wide.reindex(base_years).mean(skipna=False)
    out = frame.copy()
    out["index"] = out["value"] / out["location"].map(base) * 100
    return out


# ------------------------------------------------------------------------------------ design tables


def year_ranges(years: Sequence[int]) -> str:
    """Years as runs: [2011, 2012, 2013, 2015] -> "2011–2013, 2015"; none -> "none"."""
    ys = sorted({int(y) for y in years})
    if not ys:
        return "none"
    runs, start, prev = [], ys[0], ys[0]
    for y in ys[1:] + [None]:
        if y is not None and y == prev + 1:
            prev = y
            continue
        runs.append(str(start) if start == prev else f"{start}–{prev}")
        if y is not None:
            start = prev = y
    return ", ".join(runs)


def _name(loc: str) -> str:
    if loc in CONTROLS:
        return CONTROLS[loc].label
    from mainports_analysis.data.registry import registry

    return registry().location(loc).name_en


def treatments(locations: Sequence[str] = (RESPONSE, *BUFFERS)) -> dict[str, str]:
    """The treatment of each location (:mod:`mainports_analysis.data.treatment`)."""
    from mainports_analysis.data.treatment import treatment_of

    return {loc: treatment_of(loc) for loc in locations}


def design_tables(seizures: pd.DataFrame) -> dict[str, pd.DataFrame]:
    """The areas (with their treatment), controls and windows, with the years each area has a published figure."""
    from mainports_analysis.data.registry import registry
    from mainports_analysis.data.series import SERIES_LABELS
    from mainports_analysis.data.treatment import load_treatment

    reg = registry()
    w = wide_values(seizures)
    used = w.attrs.get("series_used", {})
    why = load_treatment().set_index("location_id")
    years = {c: [int(y) for y in w.index[w[c].notna()]] for c in w.columns}
    areas = pd.DataFrame(
        [(reg.location(loc).name_en, "response" if loc == RESPONSE else f"buffer, {reg.location(loc).ring} ring",
          why.loc[loc, "treatment"].replace("_", " "), SERIES_LABELS.get(used.get(loc, ""), used.get(loc, "")),
          year_ranges(years.get(loc, [])))
         for loc in (RESPONSE, *BUFFERS)],
        columns=["place", "role", "treatment", "counting system", "years with a published figure"],
    )
    controls = pd.DataFrame(
        [(c.label, year_ranges(years.get(c.id, [])) if c.id != "none" else "every year", c.overlap or "–", c.flaw)
         for c in CONTROLS.values()],
        columns=["control", "years", "still contains", "why it is not clean"],
    )
    windows = pd.DataFrame([(w_.label, year_ranges(w_.before), year_ranges(w_.after), "no" if w_.excludes_peak else "yes", w_.why)
                            for w_ in WINDOWS], columns=["window", "before", "after", f"baseline holds {PEAK}", "why"])
    return {"areas": areas, "controls": controls, "windows": windows}


def national_changes(seizures: pd.DataFrame, *, locations: Sequence[str] = OTHER_COUNTRIES,
                     base_year: int = START - 1) -> pd.DataFrame:
    """Each national total in ``base_year`` and in its latest year, for the countries that publish both.

    Columns: location, base (kg), last_year, last (kg), rose. A country without a figure for the base
    year, or with none after it, is left out (never compared from another year).
    """
    rows = []
    for loc, grp in series_frame(seizures, locations).groupby("location", sort=False):
        x = grp.set_index("year")["value"]
        if base_year in x.index and x.index.max() > base_year:
            rows.append({"location": loc, "base": float(x[base_year]), "last_year": int(x.index.max()),
                         "last": float(x.iloc[-1]), "rose": bool(x.iloc[-1] > x[base_year])})
    return pd.DataFrame(rows, columns=["location", "base", "last_year", "last", "rose"])


def missing_years(seizures: pd.DataFrame, location: str) -> list[int]:
    """The years the windows span for which the location's series (after scope rulings) has no figure."""
    span = range(min(w.before[0] for w in WINDOWS), max(w.after[-1] for w in WINDOWS) + 1)
    have = set(series_frame(seizures, [location])["year"].astype(int))
    return [y for y in span if y not in have]


def metric_coverage(seizures: pd.DataFrame, throughput: pd.DataFrame) -> pd.DataFrame:
    """Which other measures the quotient could use: per metric, the buffers with a figure in every
    year of at least one window, together with Rotterdam (event counts, extractor arrests, TEU)."""
    from mainports_analysis.data.series import coverage

    rows = []
    locs = [RESPONSE, *BUFFERS]
    cov = coverage(seizures, locations=locs, metrics=["cocaine_seizures", "drug_seizures", "extractor_arrests"])
    by_metric = {m: {r.location: set(r.years) for r in grp.itertuples()} for m, grp in cov.groupby("metric")}
    teu = throughput[throughput["metric"].astype(str) == "teu"]
    by_metric["teu"] = {loc: set(teu.loc[teu["location"].astype(str) == loc, "year"].astype(int)) for loc in locs}
    for metric, years in by_metric.items():
        ok = [b for b in BUFFERS if any(set(w.before) | set(w.after) <= (years.get(b, set()) & years.get(RESPONSE, set()))
                                        for w in WINDOWS)]
        rows.append({"metric": metric, "rotterdam_years": year_ranges(years.get(RESPONSE, [])), "buffers": list(ok)})
    return pd.DataFrame(rows)


def log_changes(values: pd.Series) -> pd.Series:
    """Δlog between consecutive published years (indexed by the later year); a gap or a zero gives no change."""
    v = values.dropna()
    v = v[v > 0]
    years = v.index.to_numpy(dtype=int)
    logs = np.log(v.to_numpy(dtype=float))
    consecutive = np.diff(years) == 1
    return pd.Series(np.diff(logs)[consecutive], index=years[1:][consecutive], dtype=float)
