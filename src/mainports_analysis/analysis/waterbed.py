"""The waterbed question as this briefing sets it up: areas, windows, controls and the sensitivity grid.

:mod:`mainports_analysis.analysis.displacement` holds the methods (WDQ, WDD, interrupted time series,
shares); this module holds the study design that applies them to the published seizure series, so
every choice that could flip a conclusion is written down once and varied in one place:

* **response**: the port of Rotterdam (HARC series; Customs as sensitivity);
* **buffers** by functional adjacency (shared shipping lanes and fruit trades; the registry's
  ``ring``): first ring Vlissingen, the North Sea Canal ports (Amsterdam and IJmuiden together, the
  Douane's port region) and Antwerp; second ring Hamburg, Bremerhaven, Le Havre, Valencia and
  Algeciras (the ports with annual series; Moerdijk and Terneuzen publish none);
* **controls**: no place is a clean control (Butts 2021, arXiv:2105.03737: a control that absorbs
  displaced flow biases the estimate towards no effect), so the analysis runs against several, each
  with its flaw stated (:data:`CONTROLS`), and never against a buffer port;
* **windows**: the approach started with incidental money in 2022 and structural money in 2023
  (decision memo, section 4.5); the windows (:data:`WINDOWS`) compare single years and two- and
  three-year periods on both sides, so that no reading rests on one pair of years or on
  Rotterdam's 2021 peak alone.

Years without a published figure are never filled: a combination that needs one is reported as not
computable, with the missing location-years.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

from mainports_analysis.analysis import displacement
from mainports_analysis.data.series import annual

RESPONSE = "rotterdam"
FIRST_RING = ("vlissingen", "nzkg_ports", "antwerp")
SECOND_RING = ("hamburg", "bremerhaven", "le_havre", "valencia", "algeciras")
BUFFERS = (*FIRST_RING, *SECOND_RING)
#: The first year of the approach (incidental money) for time-series breaks; structural money from the next.
START = 2022
STRUCTURAL_START = 2023
#: The two years before the approach: the base of the descriptive before/after comparisons.
BASE_YEARS = (START - 2, START - 1)
#: Ports of the North Sea range with long annual series, for shares.
NORTH_SEA_RANGE = ("rotterdam", "antwerp", "vlissingen")


@dataclass(frozen=True)
class Control:
    """A comparison area: what it is, and why it is not a clean control."""

    id: str
    label: str
    flaw: str


CONTROLS: dict[str, Control] = {
    c.id: c
    for c in (
        Control("eu_rest", "EU total without the Netherlands and Antwerp",
                "still contains the second-ring ports, and subtracts Dutch and Belgian customs figures from the EUDA's "
                "total (different compilers)"),
        Control("eu_total", "EU total", "contains Rotterdam and every buffer port, so it moves with them"),
        Control("it_total", "Italy (national total)",
                "other shipping lanes, but a few large seizures at Gioia Tauro swing it"),
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


WINDOWS: tuple[Window, ...] = (
    Window("2021 vs 2022", (2021,), (2022,), "the last year before the approach against its first (incidental money)"),
    Window("2021 vs 2023", (2021,), (2023,), "against the first year of structural money"),
    Window("2020–21 vs 2022–23", (2020, 2021), (2022, 2023), "two years on each side of the start"),
    Window("2019–21 vs 2022–23", (2019, 2020, 2021), (2022, 2023),
           "a three-year baseline, so that Rotterdam's 2021 peak does not set the baseline alone (per-year means)"),
    Window("2021 vs 2024", (2021,), (2024,), "against the second year of structural money"),
    Window("2020–21 vs 2024–25", (2020, 2021), (2024, 2025), "two years before against two years of structural money in force"),
    Window("2019–21 vs 2024–25", (2019, 2020, 2021), (2024, 2025), "a three-year baseline against structural money in force"),
)
WINDOW_YEARS: dict[str, tuple[tuple[int, ...], tuple[int, ...]]] = {w.label: (w.before, w.after) for w in WINDOWS}


@dataclass(frozen=True)
class Variant:
    """One way of reading the data: which counting system per location and which figure where sources disagree."""

    name: str
    series: Mapping[str, str]
    pick: str


PREFERRED = "HARC series, preferred figures"
VARIANTS = (
    Variant(PREFERRED, {}, "preferred"),
    Variant("HARC series, lowest published figures", {}, "low"),
    Variant("HARC series, highest published figures", {}, "high"),
    Variant("Customs series for Rotterdam and Vlissingen", {"rotterdam": "customs", "vlissingen": "customs"}, "preferred"),
)
#: The reading codes of :func:`mainports_analysis.analysis.displacement.wdq`, from displacement to diffusion.
READINGS = ("displacement_larger_than_gain", "displacement_smaller_than_gain", "neither", "diffusion", "diffusion_larger_than_direct")
DISPLACEMENT = ("displacement_larger_than_gain", "displacement_smaller_than_gain")
DIFFUSION = ("diffusion", "diffusion_larger_than_direct")
#: The WDD is shown only where the control is of a size comparable to Rotterdam (Cb/Rb within this range).
WDD_SCALE = (0.5, 2.0)



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
    parts = {loc for loc in locations}
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


def grid(seizures: pd.DataFrame, *, metric: str = "cocaine_kg", variants: Sequence[Variant] = VARIANTS) -> pd.DataFrame:
    """Every combination of data reading, control, window and buffer port: WDQ, its reading and the WDD.

    One row per variant × control × window × buffer, with the columns of
    :func:`mainports_analysis.analysis.displacement.displacement_table` plus ``variant``, ``ring``,
    ``computable`` (every year published and Rotterdam clearly fell relative to the control, so the
    WDQ can be read) and ``wdd_shown`` (the control is of a size comparable to Rotterdam and is not
    ``none``; otherwise the WDD, a difference of levels, says more about the control than about the
    ports). A combination with a missing year is kept (``complete=False``): a gap is a result.
    """
    rows = []
    for v in variants:
        try:
            frame = panel(seizures, metric=metric, series=v.series, pick=v.pick)
        except ValueError:
            continue  # a counting system the data does not have for this metric
        for control in CONTROLS:
            t = displacement.displacement_table(frame, response=RESPONSE, buffers=list(BUFFERS), control=control,
                                                windows=WINDOW_YEARS)
            t.insert(0, "variant", v.name)
            rows.append(t)
    out = pd.concat(rows, ignore_index=True)
    out["ring"] = np.where(out["buffer"].isin(FIRST_RING), "first", "second")
    out["computable"] = out["complete"] & out["reading"].isin(READINGS)
    lo, hi = WDD_SCALE
    out["wdd_shown"] = out["complete"] & (out["control"] != "none") & out["control_scale"].between(lo, hi)
    return out


def readings(g: pd.DataFrame, *, variant: str = PREFERRED) -> pd.DataFrame:
    """Per buffer port, over the distinct control × window cells of one data reading: how they read.

    Columns: buffer, ring, cells (all combinations), computable, the count per reading code
    (:data:`READINGS`), displacement_total and diffusion_total (both bands of each), not_computable,
    and ``not_computable_why``: which years are missing, and where Rotterdam did not clearly fall
    against the control.
    """
    part = g[g["variant"] == variant]
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
            "buffer": buf, "ring": "first" if buf in FIRST_RING else "second", "cells": len(b), "computable": len(ok),
            **{r: int(counts.get(r, 0)) for r in READINGS},
            "displacement_total": int(sum(counts.get(r, 0) for r in DISPLACEMENT)),
            "diffusion_total": int(sum(counts.get(r, 0) for r in DIFFUSION)),
            "not_computable": len(b) - len(ok), "not_computable_why": ". ".join(why),
        })
    return pd.DataFrame(rows)


def _name(loc: str) -> str:
    if loc in CONTROLS:
        return CONTROLS[loc].label
    from mainports_analysis.data.registry import registry

    return registry().location(loc).name_en


def bound_agreement(g: pd.DataFrame) -> pd.DataFrame:
    """Do conflicting published figures flip a reading? Per buffer: cells readable under the preferred,
    lowest and highest figures alike (``comparable``) and those where all three read the same (``same``)."""
    picks = [v.name for v in VARIANTS if not v.series]
    part = g[g["variant"].isin(picks) & g["computable"]]
    rows = []
    for buf in BUFFERS:
        grouped = part[part["buffer"] == buf].groupby(["control", "window"])["reading"]
        sizes = grouped.size()
        keys = sizes[sizes == len(picks)].index
        rows.append({"buffer": buf, "comparable": len(keys), "same": sum(1 for k in keys if grouped.get_group(k).nunique() == 1)})
    return pd.DataFrame(rows)


def customs_check(g: pd.DataFrame) -> pd.DataFrame:
    """The Customs reading against the preferred HARC one, per buffer: cells computable under both, and agreeing."""
    customs = VARIANTS[-1].name
    a = g[(g["variant"] == PREFERRED) & g["computable"]].set_index(["buffer", "control", "window"])["reading"]
    b = g[(g["variant"] == customs) & g["computable"]].set_index(["buffer", "control", "window"])["reading"]
    both = a.index.intersection(b.index)
    rows = []
    for buf in BUFFERS:
        keys = [k for k in both if k[0] == buf]
        rows.append({"buffer": buf, "customs_computable": int((b.index.get_level_values(0) == buf).sum()),
                     "both": len(keys), "same_direction": sum(1 for k in keys if _direction(a[k]) == _direction(b[k]))})
    return pd.DataFrame(rows)


def _direction(reading: str) -> str:
    return "displacement" if reading in DISPLACEMENT else ("diffusion" if reading in DIFFUSION else "neither")


def direction_of(reading: str) -> str:
    """displacement / diffusion / neither for a WDQ reading code."""
    return _direction(reading)


# ------------------------------------------------------------------------------------ time series


def port_its(seizures: pd.DataFrame, *, location: str = RESPONSE, start: int = START, series: Mapping[str, str] | None = None):
    """Segmented regression of one port's annual kilograms around the approach's start (OLS + HAC)."""
    a = annual(seizures, locations=[location], series=series)
    return displacement.its(a.set_index("year")["value"], start=start)


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


def its_table(seizures: pd.DataFrame, *, control: str = "eu_total") -> pd.DataFrame:
    """Segmented regressions for Rotterdam and the first-ring ports, plain and against the same control.

    One row per port and form: plain (kilograms), indexed (the port as an index of the two years
    before the start = 100, so that ports of different size compare) and controlled (that index minus
    the control's). OLS and Newey–West (HAC) intervals side by side;
    both are NaN where a side has too few points (:data:`mainports_analysis.analysis.displacement.MIN_ITS_SIDE`).
    Ports whose series has too few years at all are listed with the reason.
    """
    rows = []
    base = tuple(range(START - 2, START))
    specs = [(RESPONSE, None), ("antwerp", None), ("vlissingen", None), ("vlissingen", {"vlissingen": "customs"})]
    ctrl_panel = panel(seizures, locations=[RESPONSE, *FIRST_RING], controls=[control])
    for loc, series in specs:
        name = loc if series is None else f"{loc} (customs)"
        p = panel(seizures, locations=[loc], controls=[control], series=series) if series else ctrl_panel
        idx = indexed(p[p["location"].isin([loc, control])], base_years=base)
        treated = idx[idx["location"] == loc].set_index("year")["index"]
        for form in ("plain", "indexed", "controlled"):
            try:
                if form == "plain":
                    res = port_its(seizures, location=loc, series=series)
                    unit = "kg"
                elif treated.isna().all():
                    raise ValueError(f"no index: no figure for every base year ({year_ranges(base)})")
                elif form == "indexed":
                    res = displacement.its(treated.dropna(), start=START)
                    unit = "index points"
                else:
                    ctl = idx[idx["location"] == control].set_index("year")["index"]
                    res = displacement.controlled_its(treated.dropna(), ctl.dropna(), start=START)
                    unit = "index points"
            except ValueError as err:
                rows.append({"port": name, "location": loc, "form": form, "unit": "", "note": _plain_note(str(err))})
                continue
            c = res.coefficients
            rows.append({
                "port": name, "location": loc, "form": form, "unit": unit,
                "first": res.years_used[0], "last": res.years_used[-1], "n_pre": res.n_pre, "n_post": res.n_post,
                "pre_slope": c.loc["pre_slope", "estimate"], "level_change": c.loc["level_change", "estimate"],
                "slope_change": c.loc["slope_change", "estimate"],
                "ols_low": c.loc["slope_change", "ci_low"], "ols_high": c.loc["slope_change", "ci_high"],
                "hac_low": c.loc["slope_change", "hac_ci_low"], "hac_high": c.loc["slope_change", "hac_ci_high"],
                "note": _plain_note(res.warning),
            })
    return pd.DataFrame(rows)


def _plain_note(text: str) -> str:
    """The regression's warnings in a reader's words (no variable names, no Python lists)."""
    import re

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
        return "years missing in between: no Newey–West interval"
    return text


# ------------------------------------------------------------------------------------------ shares


def range_shares(seizures: pd.DataFrame, *, ports: Sequence[str] = NORTH_SEA_RANGE) -> pd.DataFrame:
    """Each port's share of the seizures of the given North Sea ports, per year (complete years only read)."""
    return displacement.shares(panel(seizures, locations=list(ports), controls=()), locations=list(ports))


def shift_share_table(seizures: pd.DataFrame, *, ports: Sequence[str] = NORTH_SEA_RANGE) -> pd.DataFrame:
    """Rotterdam's change against the other ports' for every window's last-before and last-after year.

    One row per year pair (the windows' before end and after end, so the comparison never rests on
    one pair): Rotterdam's change, the others' summed change and the offset ratio (the share of
    Rotterdam's fall matched by rises elsewhere: 1 fully, 0 not at all, below 0 the others fell too).
    Pairs with a missing year are kept with ``complete=False``.
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
                     "offset_ratio": s["offset_ratio"].iloc[0],
                     **{f"{loc}_change": s.loc[loc, "change"] for loc in ports}})
    return pd.DataFrame(rows)


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


def design_tables(seizures: pd.DataFrame) -> dict[str, pd.DataFrame]:
    """The areas, controls and windows of the analysis, with the years each area has a published figure."""
    from mainports_analysis.data.registry import registry

    reg = registry()
    p = panel(seizures)
    years = p.groupby("location")["year"].apply(list)
    used = p.attrs.get("series_used", {})
    from mainports_analysis.data.series import SERIES_LABELS

    areas = pd.DataFrame(
        [(reg.location(loc).name_en, "response" if loc == RESPONSE else f"buffer, {reg.location(loc).ring} ring",
          SERIES_LABELS.get(used.get(loc, ""), used.get(loc, "")), year_ranges(years.get(loc, [])))
         for loc in (RESPONSE, *BUFFERS)],
        columns=["place", "role", "counting system", "years with a published figure"],
    )
    controls = pd.DataFrame(
        [(c.label, year_ranges(years.get(c.id, [])) if c.id != "none" else "every year", c.flaw) for c in CONTROLS.values()],
        columns=["control", "years", "why it is not clean"],
    )
    windows = pd.DataFrame([(w.label, year_ranges(w.before), year_ranges(w.after), w.why) for w in WINDOWS],
                           columns=["window", "before", "after", "why"])
    return {"areas": areas, "controls": controls, "windows": windows}


def wdq_matrix(g: pd.DataFrame, *, buffers: Sequence[str] = FIRST_RING, variant: str = PREFERRED) -> pd.DataFrame:
    """The WDQ per buffer and window (rows) and control (columns); NaN where it cannot be read.

    Rows in which no control can be read are left out (``attrs["unreadable"]`` counts them).
    """
    part = g[(g["variant"] == variant) & g["buffer"].isin(buffers)]
    m = part.assign(wdq=part["wdq"].where(part["computable"])).pivot_table(
        index=["buffer", "window"], columns="control", values="wdq", dropna=False, sort=False)
    order = pd.MultiIndex.from_product([list(buffers), [w.label for w in WINDOWS]], names=["buffer", "window"])
    full = m.reindex(index=order, columns=list(CONTROLS))
    out = full.dropna(how="all")
    out.attrs["unreadable"] = len(full) - len(out)
    return out


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
        ok = [b for b in BUFFERS if any(set(w.before) | set(w.after) <= (years.get(b, set()) & years.get(RESPONSE, set())) for w in WINDOWS)]
        rows.append({"metric": metric, "rotterdam_years": year_ranges(years.get(RESPONSE, [])), "buffers": list(ok)})
    return pd.DataFrame(rows)


def traffic_grid(seizures: pd.DataFrame, throughput: pd.DataFrame) -> pd.DataFrame:
    """The quotient on kilograms per million TEU (traffic-normalised), against ``none`` only (no control
    publishes TEU). A port's TEU must be for the same place as its seizures (Antwerp's TEU after 2021 is
    Antwerp-Bruges: a different scope, so no figure)."""
    from mainports_analysis.data.load import preferred_rows

    teu = preferred_rows(throughput[throughput["metric"].astype(str) == "teu"], key=["location", "year", "metric"])
    teu = teu.set_index(["location", "year"])["quantity"]
    kg = panel(seizures, controls=())
    kg["teu"] = [teu.get((loc, int(y)), np.nan) for loc, y in zip(kg["location"], kg["year"], strict=True)]
    per = kg.assign(value=kg["value"] / (kg["teu"] / 1e6)).dropna(subset=["value"])[["location", "year", "value"]]
    years = range(int(per["year"].min()), int(per["year"].max()) + 1) if len(per) else []
    per = pd.concat([per, pd.DataFrame({"location": "none", "year": list(years), "value": 1.0})], ignore_index=True)
    t = displacement.displacement_table(per, response=RESPONSE, buffers=list(BUFFERS), control="none", windows=WINDOW_YEARS)
    t["computable"] = t["complete"] & t["reading"].isin(READINGS)
    return t


# ------------------------------------------------------------------------------ further away, gaps


#: National totals of the other European entry countries (second-ring ports sit in them).
OTHER_COUNTRIES = ("be_total", "es_total", "de_total", "fr_total", "it_total", "pt_total")


def national_changes(seizures: pd.DataFrame, *, locations: Sequence[str] = OTHER_COUNTRIES,
                     base_year: int = START - 1) -> pd.DataFrame:
    """Each national total in ``base_year`` and in its latest year, for the countries that publish both.

    Columns: location, base (kg), last_year, last (kg), rose. A country without a figure for the base
    year, or with none after it, is left out (never compared from another year).
    """
    rows = []
    for loc, grp in annual(seizures, locations=list(locations)).groupby("location", sort=False):
        x = grp.set_index("year")["value"]
        if base_year in x.index and x.index.max() > base_year:
            rows.append({"location": loc, "base": float(x[base_year]), "last_year": int(x.index.max()),
                         "last": float(x.iloc[-1]), "rose": bool(x.iloc[-1] > x[base_year])})
    return pd.DataFrame(rows, columns=["location", "base", "last_year", "last", "rose"])


def missing_years(seizures: pd.DataFrame, location: str) -> list[int]:
    """The years the windows span for which the location's series (after scope rulings) has no figure."""
    span = range(min(w.before[0] for w in WINDOWS), max(w.after[-1] for w in WINDOWS) + 1)
    have = set(annual(seizures, locations=[location])["year"].astype(int))
    return [y for y in span if y not in have]
