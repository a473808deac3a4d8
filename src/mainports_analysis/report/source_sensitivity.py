"""Do the key findings survive on official sources alone? Each finding recomputed from high-quality rows.

A fact-checker's question: which findings rest on newspapers and relays? Every figure row is kept
or dropped by its source's rating (``sources.csv`` ``quality``, enforced by
:mod:`mainports_analysis.data.quality`), and each key finding is computed again from what is left.
A finding *holds* when its numbers are the same, *changes* when they differ, and is *uncomputable*
when the high-quality rows do not carry it (the error says which figure is missing). Nothing is
filled in: a figure that only a medium source publishes is simply absent in the second run.
"""

from __future__ import annotations

from collections.abc import Iterable

import pandas as pd

#: The raw tables whose rows cite a source (``source_id``).
FIGURE_TABLES = ("seizures", "throughput", "indicators", "allocations", "audit", "measures")


def restrict_to_quality(data: dict[str, pd.DataFrame], keep: Iterable[str] = ("high",)) -> dict[str, pd.DataFrame]:
    """A copy of ``load_all()``'s frames with only the rows whose source is rated in ``keep``."""
    keep = set(keep)
    unknown = keep - {"high", "medium", "low"}
    if unknown:
        raise ValueError(f"keep must name ratings among high, medium, low; got {sorted(unknown)}")
    sources = data["sources"]
    allowed = set(sources.loc[sources["quality"].astype(str).isin(keep), "source_id"].astype(str))
    out = dict(data)
    for name in FIGURE_TABLES:
        if name in data:
            frame = data[name]
            out[name] = frame[frame["source_id"].astype(str).isin(allowed)].reset_index(drop=True)
    return out


def _same(a: dict, b: dict) -> bool:
    if a.keys() != b.keys():
        return False
    for k in a:
        x, y = a[k], b[k]
        if isinstance(x, float) and isinstance(y, float):
            if not (x == y or (x != x and y != y)):
                return False
        elif x != y:
            return False
    return True


def _lost_a_number(full: dict, other: dict) -> bool:
    """True when a number the full finding has is NaN (not published) in the restricted one."""
    return any(isinstance(v, float) and v != v and isinstance(full.get(k), float) and full[k] == full[k]
               for k, v in other.items())


def findings_by_quality(data: dict[str, pd.DataFrame], keep: Iterable[str] = ("high",)) -> pd.DataFrame:
    """Each key finding on all sources beside the same finding on ``keep``-rated sources only.

    Columns: ``key``, ``page``, ``status`` (holds | changes | uncomputable), ``all_sources`` and
    ``restricted`` (the home page's sentence in English, or why it cannot be computed), ``rows_all``
    and ``rows_restricted`` (figure rows available).
    """
    from mainports_analysis.report.findings.briefing import FINDING_BUILDERS

    restricted = restrict_to_quality(data, keep)
    n_all = sum(len(data[t]) for t in FIGURE_TABLES if t in data)
    n_kept = sum(len(restricted[t]) for t in FIGURE_TABLES if t in restricted)
    rows = []
    for key, build in FINDING_BUILDERS:
        full = build(data)
        try:
            other = build(restricted)
        except (ValueError, KeyError, IndexError, ZeroDivisionError) as exc:
            rows.append((key, full.page, "uncomputable", full.short("en"), f"not computable: {exc}"))
            continue
        if _lost_a_number(full.numbers, other.numbers):
            rows.append((key, full.page, "uncomputable", full.short("en"), "not computable: a figure it needs is missing"))
            continue
        status = "holds" if _same(full.numbers, other.numbers) else "changes"
        rows.append((key, full.page, status, full.short("en"), other.short("en")))
    out = pd.DataFrame(rows, columns=["key", "page", "status", "all_sources", "restricted"])
    return out.assign(rows_all=n_all, rows_restricted=n_kept)
