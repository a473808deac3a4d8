"""The five funded hubs beside their problem: which years count as before and after the money, each hub's
series of seizures, events, arrests and traffic, and their window means and shares (numbers only).

The same objects feed the funds page and the money finding, so the two agree.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass

import pandas as pd

from mainports_analysis.analysis import metrics, waterbed
from mainports_analysis.data.series import annual

FUNDED_SEAPORT_SERIES = {"rotterdam": "rotterdam", "zwb": "vlissingen", "nzkg": "nzkg_ports", "schiphol": "schiphol"}


#: Measures of "the problem" per hub in ``seizures.csv`` (metric ids; their words are in
#: :data:`mainports_analysis.report.labels.HUB_MEASURES`); container traffic comes from ``throughput.csv``.
HUB_MEASURES = ("cocaine_kg", "cocaine_seizures", "drug_seizures", "extractor_arrests")


def kg_series(seizures: pd.DataFrame, locations: list[str]) -> pd.DataFrame:
    """Preferred annual kilograms per location (years as rows); the basis of every seizure finding."""
    a = annual(seizures, metric="cocaine_kg", locations=locations)
    return a.pivot(index="year", columns="location", values="value").reindex(columns=locations)


def last_complete_year(frame: pd.DataFrame, columns: list[str], *, before: int | None = None) -> int:
    """The latest year in which every column has a figure (optionally before a given year)."""
    ok = frame[columns].dropna()
    years = [int(y) for y in ok.index if before is None or y < before]
    if not years:
        raise ValueError(f"no year with figures for all of {columns}")
    return max(years)


def money_years(allocations: pd.DataFrame) -> dict[str, int]:
    """First year of the mainports money: ``incidental``, structural ``ramp_up`` and the ``full`` recurring amount.

    The structural money ramps up from its first year to the full amount, which applies every year
    from ``full`` on; the briefing uses these two years wherever it speaks of "structural money".
    """
    mp = allocations[allocations["programme"].astype(str) == "mainports"]
    kind = mp["kind"].astype(str)
    first = lambda years: int(years.min()) if len(years) else None  # noqa: E731 - None: no such money in the data
    return {"incidental": first(mp.loc[kind == "incidental", "year"]), "ramp_up": first(mp.loc[kind == "structural", "year"]),
            "full": first(mp.loc[mp["recurring"].astype(bool), "year"])}


def hub_series(seizures: pd.DataFrame, metric: str, *, hubs=None) -> pd.DataFrame:
    """Years × funded hubs of one seizure metric, from the hub's location in :data:`FUNDED_SEAPORT_SERIES`.

    A hub without a location there (the flower auctions) or without figures for the metric is an
    all-NaN column: it stays in the frame so that every table names it.
    """
    from mainports_analysis.data.registry import FUNDED_HUBS

    hubs = list(hubs or FUNDED_HUBS)
    locs = [FUNDED_SEAPORT_SERIES[h] for h in hubs if h in FUNDED_SEAPORT_SERIES]
    a = annual(seizures, metric=metric, locations=locs)
    wide = a.pivot(index="year", columns="location", values="value") if len(a) else pd.DataFrame()
    back = {loc: hub for hub, loc in FUNDED_SEAPORT_SERIES.items()}
    out = wide.rename(columns=back).reindex(columns=hubs)
    out.index = out.index.astype(int) if len(out) else pd.Index([], dtype=int)
    out.index.name = "year"
    out.attrs["series_used"] = {back[k]: v for k, v in a.attrs.get("series_used", {}).items()}
    return out


def hub_traffic(throughput: pd.DataFrame, *, metric: str = "teu", hubs=None) -> pd.DataFrame:
    """Years × funded hubs of a traffic metric, from the loader's preferred rows of the hub's locations.

    The throughput rows must be the preferred ones (``load_throughput(preferred=True)``); a hub-year
    with figures for more than one location (two scopes) is an error, never summed or picked silently.
    ``attrs["locations"]`` names the location behind each hub's figures (scopes differ: North Sea
    Port, for example, includes Ghent).
    """
    from mainports_analysis.data.registry import FUNDED_HUBS

    hubs = list(hubs or FUNDED_HUBS)
    t = throughput[(throughput["metric"].astype(str) == metric) & throughput["hub"].astype(str).isin(hubs)]
    dup = t.groupby(["hub", "year"], observed=True)["location"].nunique()
    if (dup > 1).any() or t.duplicated(["location", "year", "metric"]).any():
        raise ValueError(f"throughput: more than one {metric} figure for a hub-year; pass the preferred rows "
                         f"(load_throughput(preferred=True)): {dup[dup > 1].index.tolist()}")
    wide = t.pivot_table(index="year", columns="hub", values="quantity", aggfunc="first", observed=True)
    out = wide.reindex(columns=hubs)
    out.columns = pd.Index([str(c) for c in out.columns])
    out.index.name = "year"
    out.attrs["locations"] = {str(h): sorted(set(t.loc[t["hub"].astype(str) == h, "location"].astype(str))) for h in hubs}
    return out


@dataclass(frozen=True)
class HubComparison:
    """Funds per hub beside the problem per hub, over a before and an after window.

    ``long`` has one row per hub × seizure measure × window: ``mean`` (window mean over the years
    with a figure), ``n``, ``years``, ``share`` (of the hubs with a figure; NaN when fewer than two
    hubs publish the measure). ``funds`` is the full structural amount per hub (EUR mln a year).
    ``traffic`` is container traffic (TEU, years × hubs); few hubs publish it and rarely in the same
    years, so its shares are taken in ``traffic_year``, the latest year with figures for at least two
    hubs (None if there is none).
    """

    funds: pd.Series
    windows: dict
    long: pd.DataFrame
    traffic: pd.DataFrame
    traffic_locations: dict
    traffic_year: int | None

    def _part(self, measure: str, window: str) -> pd.DataFrame:
        for name, value, known in (("measure", measure, HUB_MEASURES), ("window", window, tuple(self.windows))):
            if value not in known:
                best = difflib.get_close_matches(str(value), known, n=1, cutoff=0.5)
                hint = f" (did you mean {best[0]!r}?)" if best else f" (known: {', '.join(known)})"
                raise KeyError(f"unknown {name} {value!r}{hint}")
        part = self.long[(self.long["measure"] == measure) & (self.long["window"] == window)]
        return part.set_index("hub").reindex(self.funds.index)

    def value(self, hub: str, measure: str, window: str, column: str = "mean"):
        return self._part(measure, window).loc[hub, column]

    def reporting(self, measure: str, window: str) -> list[str]:
        """The hubs with at least one figure for the measure in the window."""
        part = self._part(measure, window)
        return [h for h in part.index if part.loc[h, "n"] > 0]

    def has_share(self, measure: str, window: str) -> bool:
        return bool(self._part(measure, window)["share"].notna().any())

    def shares(self, measure: str, window: str) -> pd.Series:
        return self._part(measure, window)["share"].astype(float)

    def means(self, measure: str, window: str) -> pd.Series:
        return self._part(measure, window)["mean"].astype(float)

    def years(self, measure: str, window: str) -> pd.Series:
        return self._part(measure, window)["years"]

    def fund_shares(self) -> pd.Series:
        """Each hub's share of the five hubs' structural money (the overarching measures excluded)."""
        return metrics.share(self.funds)

    def eur_per(self, measure: str, window: str, *, unit: float) -> pd.Series:
        """Structural euros a year per ``unit`` of the measure's window mean (``unit=1000``: per tonne)."""
        return metrics.ratio(self.funds * 1e6, self.means(measure, window) / unit).reindex(self.funds.index)

    def traffic_values(self) -> pd.Series:
        """TEU per hub in :attr:`traffic_year` (NaN for hubs without a figure that year)."""
        if self.traffic_year is None:
            return pd.Series(float("nan"), index=self.funds.index)
        return self.traffic.loc[self.traffic_year].reindex(self.funds.index).astype(float)

    def traffic_shares(self) -> pd.Series:
        return metrics.share_of_present(self.traffic_values())

    def eur_per_million_teu(self) -> pd.Series:
        """Structural euros a year per million TEU handled in :attr:`traffic_year`."""
        return metrics.ratio(self.funds * 1e6, self.traffic_values() / 1e6).reindex(self.funds.index)

    def shared(self) -> list[tuple[str, str]]:
        """The (measure, window) pairs for which shares across at least two hubs can be computed."""
        return [(m, w) for m in HUB_MEASURES for w in self.windows if self.has_share(m, w)]

    def not_shared(self) -> list[tuple[str, str, list[str]]]:
        """The (measure, window, hubs with figures) for which no share can be computed (fewer than two hubs)."""
        return [(m, w, self.reporting(m, w)) for m in HUB_MEASURES for w in self.windows if not self.has_share(m, w)]

    def concentration(self, measure: str, window: str) -> dict:
        """HHI and top-1 share of the measure over the hubs with a figure, and of the money over all hubs."""
        sh = self.shares(measure, window).dropna()
        fs = self.fund_shares()
        return {"hhi": metrics.hhi(sh) if len(sh) else float("nan"), "top1": metrics.top_share(sh) if len(sh) else float("nan"),
                "top1_hub": str(sh.idxmax()) if len(sh) else None, "n": len(sh),
                "funds_hhi": metrics.hhi(fs), "funds_top1": metrics.top_share(fs), "funds_top1_hub": str(fs.idxmax())}  # fmt: skip


def compare_hubs(allocations: pd.DataFrame, seizures: pd.DataFrame, throughput: pd.DataFrame | None = None) -> HubComparison:
    """Every funded hub's structural money beside its seizures, events, arrests and traffic, before and after.

    Before: the two years before the approach (:data:`waterbed.BASE_YEARS`, the years just
    before the approach, the same base as every other comparison in the briefing); after: from the
    first year of the structural money to the latest year with a kilogram figure at any hub.
    ``throughput`` must hold the preferred rows (``load_throughput(preferred=True)``).
    """
    from mainports_analysis.data.registry import FUNDED_HUBS

    hubs = list(FUNDED_HUBS)
    funds = metrics.allocation_table(allocations)[metrics.PERIODS[3]].reindex(hubs).astype(float)
    kg = hub_series(seizures, "cocaine_kg")
    latest = int(kg.dropna(how="all").index.max())
    start = money_years(allocations)["ramp_up"]
    windows = {"before": tuple(waterbed.BASE_YEARS)}
    if start is not None and latest >= start:  # no after window before any figure after the money began
        windows["after"] = tuple(range(start, latest + 1))
    rows = []
    for measure in HUB_MEASURES:
        wide = hub_series(seizures, measure).reindex(columns=hubs)
        for wname, years in windows.items():
            wm = metrics.window_mean(wide, years)
            share = metrics.share_of_present(wm["mean"])
            for hub in hubs:
                rows.append({"hub": hub, "measure": measure, "window": wname, "mean": wm.loc[hub, "mean"],
                             "n": int(wm.loc[hub, "n"]), "years": wm.loc[hub, "years"], "share": share[hub]})  # fmt: skip
    if throughput is not None:
        traffic = hub_traffic(throughput, hubs=hubs)
        locations = traffic.attrs["locations"]
    else:
        traffic, locations = pd.DataFrame(columns=hubs, dtype=float), {h: [] for h in hubs}
    counts = traffic.notna().sum(axis=1)
    traffic_year = int(counts[counts >= 2].index.max()) if (counts >= 2).any() else None
    return HubComparison(funds, windows, pd.DataFrame(rows), traffic, locations, traffic_year)


def fall_comparison(kg: pd.DataFrame, *, base: tuple[int, ...], a: str = "rotterdam", b: str = "antwerp") -> dict:
    """Two ports measured against the same base window and up to the same last year.

    Returns the base means, the last common year and its values, each port's change relative to its
    own base mean, and the year before the last in which the two moved furthest apart in opposite
    directions (``diverged_year``; None when they never moved in opposite directions).
    """
    both = kg[[a, b]].dropna()
    last = int(both.index.max())
    out = {"base": tuple(base), "last_year": last}
    for key, col in (("a", a), ("b", b)):
        base_values = kg[col].reindex(list(base))
        if base_values.isna().any():
            raise ValueError(f"{col}: no figure for {', '.join(str(y) for y in base_values[base_values.isna()].index)} (base window)")
        out[f"{key}_base"] = float(base_values.mean())
        out[f"{key}_last"] = float(kg.loc[last, col])
        out[f"{key}_change"] = metrics.relative_change(kg[col], base, last)
    gaps = []
    for y in both.index:
        if max(base) < y < last:
            ca, cb = metrics.relative_change(kg[a], base, y), metrics.relative_change(kg[b], base, y)
            if ca * cb < 0:
                gaps.append((abs(ca - cb), int(y), ca, cb))
    if gaps:
        _, year, ca, cb = max(gaps)
        out.update(diverged_year=year, a_diverged=ca, b_diverged=cb)
    else:
        out.update(diverged_year=None, a_diverged=float("nan"), b_diverged=float("nan"))
    return out


def _first_last(series: pd.Series, first: int | None = None) -> tuple[int, float, int, float]:
    s = series.dropna()
    if first is not None and first in s.index:
        s = s.loc[first:]
    return int(s.index[0]), float(s.iloc[0]), int(s.index[-1]), float(s.iloc[-1])
