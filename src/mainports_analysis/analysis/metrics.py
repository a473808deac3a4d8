"""Shares, concentration and ratios: the arithmetic behind "does the money follow the problem?".

Every function takes tidy frames and returns tidy frames, never fills a missing value, and says in
its result which inputs were missing. Concentration uses the Herfindahl–Hirschman index (Hirschman
1964, "The paternity of an index", AER 54(5); Rhoades 1993, Federal Reserve Bulletin 79(3)) on shares
between 0 and 1 (multiply by 10,000 for the antitrust convention), and the top-k share.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd

#: Columns of the memo-style allocation table, in reading order.
PERIODS = ("2022 (incidental)", "2023", "2024", "2025 onwards")
STATUS_ORDER = {"decided": 0, "announced": 1, "reported": 2}


def share(values: pd.Series) -> pd.Series:
    """Each value's share of the sum (0–1). NaN everywhere when any value is missing or the sum is 0."""
    values = values.astype(float)
    total = values.sum(min_count=len(values))
    if values.isna().any() or not total:
        return pd.Series(np.nan, index=values.index)
    return values / total


def hhi(shares: Sequence[float] | pd.Series) -> float:
    """Herfindahl–Hirschman index of shares (0–1 scale): 1 = all in one place, 1/n = equal split."""
    s = np.asarray(shares, dtype=float)
    if s.size == 0 or np.isnan(s).any():
        return float("nan")
    return float(np.sum(s**2))


def top_share(shares: Sequence[float] | pd.Series, k: int = 1) -> float:
    """Combined share of the ``k`` largest parts (the "top-k share")."""
    s = np.asarray(shares, dtype=float)
    if s.size == 0 or np.isnan(s).any():
        return float("nan")
    return float(np.sort(s)[::-1][:k].sum())


def concentration(
    frame: pd.DataFrame, *, by: str, value: str, over: str = "year", members: Sequence[str] | None = None
) -> pd.DataFrame:
    """HHI, top-1 and top-3 share of ``value`` across ``by`` for each ``over`` (usually year).

    With ``members`` the set of places is fixed: a year in which any member has no figure gets NaN
    and ``complete=False`` (a concentration over a changing set of places is not comparable).
    Returns: over, n, total, hhi, top1, top1_name, top3, complete.
    """
    rows = []
    for key, group in frame.groupby(over, sort=True, observed=True):
        g = group.set_index(by)[value].astype(float)
        if members is not None:
            g = g.reindex(list(members))
        complete = not g.isna().any()
        sh = share(g) if complete else pd.Series(np.nan, index=g.index)
        rows.append(
            {
                over: key,
                "n": int(g.notna().sum()),
                "total": float(g.sum()) if complete else np.nan,
                "hhi": hhi(sh),
                "top1": top_share(sh, 1),
                "top1_name": str(sh.idxmax()) if complete and len(sh) else None,
                "top3": top_share(sh, 3),
                "complete": complete,
            }
        )
    return pd.DataFrame(rows)


def shares_side_by_side(**series: pd.Series) -> pd.DataFrame:
    """Put several per-hub quantities next to each other as shares (funds, seizures, traffic ...).

    Each keyword is a Series indexed by hub; the result has one column per keyword holding that
    quantity's share across the hubs present in all of them, plus the raw values as ``<name>_value``.
    """
    frame = pd.DataFrame(series)
    out = pd.DataFrame(index=frame.index)
    for name in frame.columns:
        out[f"{name}_value"] = frame[name]
        out[name] = share(frame[name]) if frame[name].notna().all() else np.nan
    return out


def ratio(numerator: pd.Series, denominator: pd.Series, *, scale: float = 1.0) -> pd.Series:
    """``numerator / denominator * scale``, aligned on the index; NaN where either side is missing or 0."""
    num, den = numerator.astype(float).align(denominator.astype(float), join="outer")
    out = num / den.replace(0.0, np.nan) * scale
    return out


def per_traffic(
    seizures: pd.DataFrame, throughput: pd.DataFrame, *, value: str = "kg", traffic: str = "quantity",
    scale: float = 1e6, on: Sequence[str] = ("location", "year"),
) -> pd.DataFrame:
    """Seizures per unit of traffic, e.g. kilograms per million TEU, by location and year.

    Inner join on ``on``: a location-year needs both a seizure figure and a traffic figure; the
    result lists only those and lists the rest in ``attrs["unmatched"]`` (records; never filled).
    """
    left = seizures[[*on, value]].rename(columns={value: "seized"})
    right = throughput[[*on, traffic]].rename(columns={traffic: "traffic"})
    merged = left.merge(right, on=list(on), how="outer", indicator=True)
    both = merged[merged["_merge"] == "both"].drop(columns="_merge").copy()
    both["per_traffic"] = ratio(both["seized"], both["traffic"], scale=scale)
    both.attrs["unmatched"] = (
        merged[merged["_merge"] != "both"][list(on)]
        .assign(missing=merged.loc[merged["_merge"] != "both", "_merge"].map({"left_only": "traffic", "right_only": "seizures"}).astype(str))
        .to_dict("records")
    )
    return both.reset_index(drop=True)


def period_label(year: int, recurring: bool, kind: str) -> str | None:
    """Which column of the memo-style table an allocation row belongs to."""
    if kind == "incidental" and year == 2022:
        return PERIODS[0]
    if year == 2025 and recurring:
        return PERIODS[3]
    if str(year) in PERIODS:
        return str(year)
    return None


def allocation_table(allocations: pd.DataFrame, *, include_totals: bool = False) -> pd.DataFrame:
    """Funds per hub (rows) and period (columns), EUR million per year, mainports programme only.

    Where several sources give a hub-period amount the decision memo (``decided``) wins over an
    announcement, which wins over a later report; conflicting amounts are listed in
    ``attrs["conflicts"]``. The reservation is its own row. Missing cells stay NaN.
    """
    a = allocations[allocations["programme"].astype(str) == "mainports"].copy()
    a["period"] = [period_label(int(y), bool(r), str(k)) for y, r, k in zip(a["year"], a["recurring"], a["kind"], strict=True)]
    a = a.dropna(subset=["period"])
    if not include_totals:
        a = a[a["hub"].astype(str) != "total"]
    a["_rank"] = a["status"].astype(str).map(STATUS_ORDER)
    a = a.sort_values(["hub", "period", "_rank", "record_id"], kind="mergesort")
    conflicts = (
        a.groupby(["hub", "period"], observed=True)["amount_eur_mln"].agg(["min", "max", "size"]).reset_index()
    )
    conflicts = conflicts[conflicts["min"] != conflicts["max"]]
    best = a.drop_duplicates(["hub", "period"], keep="first")
    table = best.pivot(index="hub", columns="period", values="amount_eur_mln").reindex(columns=list(PERIODS))
    order = [h for h in allocations["hub"].cat.categories if h in table.index] if hasattr(allocations["hub"], "cat") else list(table.index)
    table = table.reindex(order)
    table.columns.name = None
    table.index.name = "hub"
    table.attrs["conflicts"] = conflicts.reset_index(drop=True).to_dict("records")
    table.attrs["record_ids"] = {(str(h), str(p)): str(r) for h, p, r in zip(best["hub"], best["period"], best["record_id"], strict=True)}
    return table


def totals_check(allocations: pd.DataFrame) -> pd.DataFrame:
    """Sum the hub rows per period and compare with the published total row ("Totaal").

    Returns one row per period: the sum of hub rows (reservation included, totals excluded), the
    published total, and whether they agree to the cent.
    """
    hubs = allocation_table(allocations)
    with_totals = allocation_table(allocations, include_totals=True)
    published = with_totals.loc["total"] if "total" in with_totals.index else pd.Series(np.nan, index=hubs.columns)
    summed = hubs.sum(axis=0, min_count=1)
    out = pd.DataFrame({"sum_of_hubs": summed, "published_total": published})
    out["agrees"] = np.isclose(out["sum_of_hubs"], out["published_total"], atol=0.005)
    out.index.name = "period"
    return out.reset_index()


def hub_comparison(
    funds: pd.Series, seized_kg: pd.Series, *, traffic_teu: pd.Series | None = None
) -> pd.DataFrame:
    """Funds beside the problem, per hub: shares of funds and of seizures, euros per tonne and per TEU.

    ``funds`` in EUR million a year and ``seized_kg`` in kilograms are Series indexed by hub id;
    ``traffic_teu`` (optional) in TEU. A hub without a seizure or traffic figure keeps NaN there and
    is left out of that share's denominator, which ``*_complete`` says. ``fund_to_seizure_ratio`` > 1
    means a hub gets a larger share of the money than of the seizures.
    """
    hubs = list(funds.index)
    out = pd.DataFrame(index=pd.Index(hubs, name="hub"))
    out["funds_eur_mln"] = funds.astype(float)
    out["seized_kg"] = seized_kg.reindex(hubs).astype(float)
    out["fund_share"] = out["funds_eur_mln"] / out["funds_eur_mln"].sum()
    have = out["seized_kg"].notna()
    out["seizure_share"] = out["seized_kg"] / out.loc[have, "seized_kg"].sum()
    out["fund_to_seizure_ratio"] = ratio(out["fund_share"], out["seizure_share"])
    out["eur_per_tonne"] = ratio(out["funds_eur_mln"] * 1e6, out["seized_kg"] / 1000)
    if traffic_teu is not None:
        out["teu"] = traffic_teu.reindex(hubs).astype(float)
        out["eur_per_million_teu"] = ratio(out["funds_eur_mln"] * 1e6, out["teu"] / 1e6)
    out.attrs["seizures_complete"] = bool(have.all())
    out.attrs["missing_seizures"] = [h for h in hubs if not have[h]]
    return out


# ------------------------------------------------------------------------------------ windows and shares
#
# A single year is a fragile base: 2021 was Rotterdam's all-time peak and Vlissingen's trough, so a
# share "in 2021" flatters Rotterdam. The functions below compare multi-year windows instead, and
# say for every place which years of the window it had a figure for (never filled).


def share_of_present(values: pd.Series, *, min_count: int = 2) -> pd.Series:
    """Each value's share of the sum of the values that are present (0–1); NaN where a value is missing.

    Unlike :func:`share` (all or nothing) this shares out among the places with a figure, which the
    caller must then name. With fewer than ``min_count`` values present every share is NaN: a place's
    "share" of a measure that only it publishes is 100% by construction and says nothing.
    """
    values = values.astype(float)
    present = values.dropna()
    total = present.sum()
    if len(present) < min_count or not total:
        return pd.Series(np.nan, index=values.index)
    return values / total


def part_share(values: pd.Series, part: Sequence[str]) -> float:
    """The combined share of the entries named in ``part`` (e.g. every hub but Rotterdam) of the sum.

    Summed from the rows themselves, never as ``1 - share`` of the complement: NaN when any value is
    missing, so a gap cannot silently move money from one side to the other.
    """
    values = values.astype(float)
    missing = [p for p in part if p not in values.index]
    if missing:
        raise KeyError(f"not in the values: {', '.join(map(str, missing))}")
    if values.isna().any() or not values.sum():
        return float("nan")
    return float(values[list(part)].sum() / values.sum())


def period_shares(table: pd.DataFrame) -> pd.DataFrame:
    """Each row's share of its column (a period's budget): a dash (NaN) stays a dash and counts as zero."""
    sums = table.sum(axis=0, min_count=1)
    return table.astype(float).div(sums.replace(0.0, np.nan), axis=1)


def window_mean(wide: pd.DataFrame, years: Sequence[int]) -> pd.DataFrame:
    """Mean per column over the window's years that have a figure, and which years those were.

    ``wide`` has years as index and places as columns (NaN: no published figure). Returns one row per
    column: ``mean`` (NaN when no year of the window has a figure), ``n`` (years with a figure),
    ``years`` (tuple of them), ``complete`` (every year of the window has a figure).
    """
    window = [int(y) for y in years]
    if not window:
        raise ValueError("an empty window")
    part = wide.reindex(window)
    rows = []
    for col in wide.columns:
        s = part[col].astype(float).dropna()
        rows.append({"place": col, "mean": float(s.mean()) if len(s) else np.nan, "n": int(len(s)),
                     "years": tuple(int(y) for y in s.index), "complete": len(s) == len(window)})  # fmt: skip
    return pd.DataFrame(rows).set_index("place")


def pooled_share(wide: pd.DataFrame, member: str, members: Sequence[str], years: Sequence[int]) -> tuple[float, tuple[int, ...]]:
    """``member``'s share of the kilograms of ``members`` summed over the window's complete years.

    Only years in which every member has a figure count (a year with a gap would shift the share
    towards the ports that did publish). Returns (share, years used); the share is NaN when no
    year of the window is complete.
    """
    part = wide.reindex(index=[int(y) for y in years], columns=list(members)).astype(float).dropna()
    used = tuple(int(y) for y in part.index)
    if part.empty or not part.to_numpy().sum():
        return float("nan"), used
    return float(part[member].sum() / part.to_numpy().sum()), used


def relative_change(series: pd.Series, base_years: Sequence[int], year: int) -> float:
    """``series[year]`` relative to the mean over ``base_years`` (−0.25 = a quarter lower); NaN if missing.

    Every base year must have a figure, so the base is the same for every series it is applied to.
    """
    s = series.astype(float)
    base = s.reindex([int(y) for y in base_years])
    if base.isna().any() or int(year) not in s.index or pd.isna(s[int(year)]) or not base.mean():
        return float("nan")
    return float(s[int(year)] / base.mean() - 1)


def leader_since(a: pd.Series, b: pd.Series) -> int | None:
    """The first year from which ``a`` exceeded ``b`` in every year both have a figure, up to the last.

    None when ``a`` did not exceed ``b`` in the last common year (there is no unbroken run to report).
    """
    both = pd.concat([a.astype(float), b.astype(float)], axis=1, keys=["a", "b"]).dropna().sort_index()
    if both.empty or not both["a"].iloc[-1] > both["b"].iloc[-1]:
        return None
    since = int(both.index[-1])
    for year in reversed(both.index.tolist()):
        if both.loc[year, "a"] > both.loc[year, "b"]:
            since = int(year)
        else:
            break
    return since


def count_above(a: pd.Series, b: pd.Series) -> tuple[int, int]:
    """In how many of the years both have a figure ``a`` was above ``b``: (years above, common years)."""
    both = pd.concat([a.astype(float), b.astype(float)], axis=1, keys=["a", "b"]).dropna()
    return int((both["a"] > both["b"]).sum()), int(len(both))


def compare_series(first: pd.Series, second: pd.Series, *, names: tuple[str, str] = ("first", "second")) -> pd.DataFrame:
    """Two year-indexed series side by side with ``difference`` = second − first (NaN unless both exist).

    ``attrs["paired"]`` lists the years in which both have a figure.
    """
    out = pd.concat([first.astype(float), second.astype(float)], axis=1, keys=list(names)).sort_index()
    out["difference"] = out[names[1]] - out[names[0]]
    out.index.name = "year"
    out.attrs["paired"] = [int(y) for y in out.dropna().index]
    return out


#: The year each column of the memo-style table starts in (``2025 onwards``: 2025 and every year after).
PERIOD_YEARS = {PERIODS[0]: 2022, PERIODS[1]: 2023, PERIODS[2]: 2024, PERIODS[3]: 2025}


def audit_reconciliation(table: pd.DataFrame, audit: pd.DataFrame) -> pd.DataFrame:
    """The Court of Audit's amounts beside the budget rows for the same hubs and years.

    For each audit row that names an amount allocated or received, sums the allocation table's cells
    (:func:`allocation_table`) for the audit's hubs and the periods inside ``period_start``–
    ``period_end``, and gives the difference (audit − budget rows). A period the table does not cover
    makes the sum NaN; a year from 2025 on counts the recurring "2025 onwards" amount once. Returns:
    record_id, metric, hubs (tuple), period_start, period_end, audit, budget_rows (the audit's
    hubs), all_budget_lines (every row of the table, overarching measures included), difference
    (audit − budget_rows), periods (the table column summed for each year).
    """
    rows = []
    first_recurring = PERIOD_YEARS[PERIODS[3]]
    by_year = {y: p for p, y in PERIOD_YEARS.items()}
    for r in audit.itertuples():
        if str(r.metric) not in ("allocated", "received"):
            continue
        hubs = tuple(h for h in str(r.hubs).split("|") if h)
        years = range(int(r.period_start), int(r.period_end) + 1)
        periods = tuple(by_year.get(y, PERIODS[3] if y >= first_recurring else None) for y in years)
        if None in periods or not set(hubs) <= set(table.index):
            budget = every_line = np.nan
        else:
            cells = table.astype(float).fillna(0.0)
            budget = float(sum(cells.loc[list(hubs), p].sum() for p in periods))
            every_line = float(sum(cells[p].sum() for p in periods))
        rows.append({"record_id": str(r.record_id), "metric": str(r.metric), "hubs": hubs,
                     "period_start": int(r.period_start), "period_end": int(r.period_end),
                     "audit": float(r.amount_eur_mln), "budget_rows": budget,
                     "all_budget_lines": every_line, "difference": float(r.amount_eur_mln) - budget, "periods": periods})  # fmt: skip
    return pd.DataFrame(rows)
