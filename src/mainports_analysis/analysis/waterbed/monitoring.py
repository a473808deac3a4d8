"""A monitoring blueprint: which displacement could be detected with which data, by simulation from these data.

The decision memo promises "betekenisvolle monitoring". Whether monitoring could show displacement
depends on the noise of the series it would watch. This module simulates, from the variability of
the published Rotterdam series, the smallest rise at a port that a simple before/after test would
detect with 80 % power at 5 % two-sided, comparing a three-year baseline with a two-year follow-up,
for four kinds of data:

* **annual kilograms** (what is published today): log annual kg, pooled two-sample t-test;
* **quarterly kilograms**: log quarterly kg, the same test on four times the points;
* **monthly seizure counts**: the Poisson rate ratio of the counts (Wald test on the log ratio);
* **container-scan hit rates**: hits among containers checked, a two-proportion (binomial) test.

Model (a compound Poisson process, the standard model of aggregate seizures made of events of very
uneven size): events arrive as a Poisson process with the published yearly number of seizures λ;
sizes are log-normal with the mean that reproduces the published kilograms, and with the log-sd s
chosen so that the annual kilograms have the coefficient of variation σ_y implied by the pre-approach
annual log changes (σ_y = σ_Δ / √2, so s² = log(λ·σ_y²)). All of the annual noise is then the
lumpiness of big seizures, which finer time resolution averages out: the quarterly and monthly
figures are the *best case*; market swings that hit a whole year would not average out. Displacement
is a multiplicative rise r of the flow at the port in the follow-up years (at unchanged detection).
Seeded, so every run gives the same numbers.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import pandas as pd

from mainports_analysis.analysis.waterbed.design import (
    BASE_YEARS,
    RESPONSE,
    START,
    base_annual,
    log_changes,
    wide_values,
)


@dataclass(frozen=True)
class MonitoringDesign:
    """One kind of monitoring data: its id, points per year, and who publishes or could publish it."""

    id: str
    per_year: int
    publisher: str
    today: str


MONITORING_DESIGNS = (
    MonitoringDesign("annual_kg", 1, "HARC team (OM) and Douane annual figures", "published per port"),
    MonitoringDesign("quarterly_kg", 4, "Douane and the HARC team could publish them; Douane publishes half-year figures",
                     "not published (half-year figures for some ports)"),
    MonitoringDesign("monthly_counts", 12, "Douane could publish seizure counts per port and month",
                     "not published (a few annual and half-year counts)"),
    MonitoringDesign("scan_hit_rates", 12, "Douane (scans and hits per port); the HARC team for physical checks",
                     "not published (single counts of containers checked)"),
)
SEED = 20221104  # the date of the decision memo: any fixed number would do
RATIOS = np.round(np.exp(np.linspace(0.0, math.log(8.0), 105)), 4)[1:]


def _t_power(null_t_num: np.ndarray, se: np.ndarray, crit: float, deltas: np.ndarray) -> np.ndarray:
    """Power of a two-sided t-test for each shift in ``deltas`` from simulated numerators and standard errors."""
    t = (null_t_num[None, :] + deltas[:, None]) / se[None, :]
    return (np.abs(t) > crit).mean(axis=1)


def _inputs(seizures: pd.DataFrame, indicators: pd.DataFrame) -> dict:
    w = wide_values(seizures)
    r = w[RESPONSE]
    pre = r[r.index < START]
    sigma_d = float(log_changes(pre).std(ddof=1))
    counts = base_annual(seizures, metric="cocaine_seizures", locations=[RESPONSE])
    counts = counts[counts["location"] == RESPONSE]
    indicators = _plain(indicators)
    checks = indicators[(indicators["location"].astype(str) == RESPONSE)
                        & (indicators["metric"].astype(str) == "containers_inspected")]
    return {"level": float(r.reindex(list(BASE_YEARS)).mean()), "sigma_d": sigma_d,
            "events": float(counts["value"].mean()) if len(counts) else float("nan"),
            "event_years": sorted(int(y) for y in counts["year"]),
            "checks": float(checks["value"].iloc[-1]) if len(checks) else float("nan"),
            "check_year": int(checks["year"].iloc[-1]) if len(checks) else None}


def monitoring_blueprint(seizures: pd.DataFrame, indicators: pd.DataFrame, *, before: int = 3, after: int = 2,
                         alpha: float = 0.05, power: float = 0.8, sims: int = 2000) -> pd.DataFrame:
    """The smallest detectable rise (as a factor) with each kind of monitoring data (see the module docstring).

    Columns: design, per_year, points (before + after), detectable_ratio (smallest r on the grid
    :data:`RATIOS` with power >= ``power``; NaN when none up to 8 is), publisher, today. The inputs
    (Rotterdam's pre-approach σ of annual log changes, its mean yearly kilograms in
    :data:`BASE_YEARS`, its mean published yearly number of seizures and its published number of
    containers checked) are in ``attrs["inputs"]``.
    """
    inp = _inputs(seizures, indicators)
    lam, sigma_y = inp["events"], inp["sigma_d"] / math.sqrt(2)
    rng = np.random.default_rng(SEED)
    deltas = np.log(RATIOS)
    results: dict[str, float] = {}
    if math.isfinite(lam) and lam > 0:
        results.update(_kg_power(rng, lam, sigma_y, inp["level"], before, after, alpha, power, sims, deltas))
        results.update(_count_power(rng, lam, inp["checks"], before, after, alpha, power, sims))
    rows = [{"design": d.id, "per_year": d.per_year, "points": d.per_year * (before + after),
             "detectable_ratio": results.get(d.id, float("nan")), "publisher": d.publisher, "today": d.today}
            for d in MONITORING_DESIGNS]
    out = pd.DataFrame(rows)
    out.attrs["inputs"] = {**inp, "sigma_y": sigma_y, "before": before, "after": after, "sims": sims}
    return out


def _kg_power(rng, lam, sigma_y, level, before, after, alpha, power, sims, deltas) -> dict[str, float]:
    """Annual and quarterly kilograms from one compound-Poisson simulation: the smallest detectable ratio of each."""
    from scipy.stats import t as student_t

    out = {}
    s2 = max(math.log(lam * sigma_y**2), 0.0)
    mu = math.log(level / lam) - s2 / 2
    q = 4 * (before + after)
    n_events = rng.poisson(lam / 4, size=(sims, q))
    sizes = rng.lognormal(mu, math.sqrt(s2), size=int(n_events.sum()))
    ends = np.cumsum(n_events.ravel())
    # each quarter's kilograms: the sum of its events' sizes (cumulative sums, one pass)
    csum = np.concatenate([[0.0], np.cumsum(sizes)])
    totals = (csum[ends] - csum[np.concatenate([[0], ends[:-1]])]).reshape(sims, q)
    for design, x in (("quarterly_kg", totals), ("annual_kg", totals.reshape(sims, before + after, 4).sum(axis=2))):
        logs = np.log(np.maximum(x, 1e-9))
        k = x.shape[1] * before // (before + after)
        a, b = logs[:, :k], logs[:, k:]
        df = a.shape[1] + b.shape[1] - 2
        pooled = (a.var(axis=1, ddof=1) * (a.shape[1] - 1) + b.var(axis=1, ddof=1) * (b.shape[1] - 1)) / df
        se = np.sqrt(pooled * (1 / a.shape[1] + 1 / b.shape[1]))
        pw = _t_power(b.mean(axis=1) - a.mean(axis=1), se, float(student_t.ppf(1 - alpha / 2, df)), deltas)
        out[design] = _first(pw, power)
    return out


def _count_power(rng, lam, checks, before, after, alpha, power, sims) -> dict[str, float]:
    """Monthly counts (Wald test of the Poisson rate ratio) and scan hit rates (two-proportion test)."""
    from scipy.stats import norm

    out = {}
    crit = float(norm.ppf(1 - alpha / 2))
    pre_n = rng.poisson(lam * before, size=sims)
    post = rng.poisson(lam * after * RATIOS[:, None], size=(len(RATIOS), sims)).astype(float)
    ok = (pre_n > 0)[None, :] & (post > 0)
    z = np.where(ok, np.log(np.maximum(post, 1) / after) - np.log(np.maximum(pre_n, 1) / before), 0.0)
    z = z / np.sqrt(1 / np.maximum(pre_n, 1) + 1 / np.maximum(post, 1))
    out["monthly_counts"] = _first((np.abs(z) > crit).mean(axis=1), power)
    if math.isfinite(checks) and checks > lam:
        p0 = lam / checks
        pre_h = rng.binomial(int(checks * before), p0, size=sims)
        pw = []
        for r in RATIOS:
            post_h = rng.binomial(int(checks * after), min(p0 * r, 1.0), size=sims)
            pa, pb = pre_h / (checks * before), post_h / (checks * after)
            pp = (pre_h + post_h) / (checks * (before + after))
            se = np.sqrt(pp * (1 - pp) * (1 / (checks * before) + 1 / (checks * after)))
            pw.append((np.abs(pb - pa) > crit * se).mean())
        out["scan_hit_rates"] = _first(np.array(pw), power)
    return out


def _plain(frame: pd.DataFrame) -> pd.DataFrame:
    """The indicator columns without ``attrs`` (pandas deep-copies attrs on every filter)."""
    out = frame[["location", "metric", "period", "year", "value"]].copy()
    out.attrs = {}
    return out


def _first(pw: np.ndarray, power: float) -> float:
    hit = np.nonzero(pw >= power)[0]
    return float(RATIOS[hit[0]]) if len(hit) else float("nan")
