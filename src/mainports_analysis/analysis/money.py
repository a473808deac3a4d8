"""When the mainports money starts, and how much structural money there is: one definition for every page.

The decision memo of the approach (Ministerie van Justitie en Veiligheid, 2022) grants *incidental*
money first, then *structural* money that ramps up to a full yearly amount "2025 e.v." (2025 and
every year after). Three questions follow, each answered here once, from the allocation rows
(``load_allocations()``), never typed in:

- :func:`programme_starts` -- the first year of each kind of money (``incidental``, ``structural``,
  ``reservation``) of a programme;
- :func:`structural_money` -- when the structural money starts (the ramp-up), when it reaches its
  full yearly level, and that level (EUR million a year);
- :func:`milestones` -- the three years the briefing marks: incidental money, the structural
  ramp-up and the full level;
- :func:`audit_figures`, :func:`unspent_share` -- the Court of Audit's figures on the money allocated,
  received, spent and unspent (Algemene Rekenkamer, May 2024).

:func:`mainports_analysis.analysis.hubs.money_years` and the waterbed's ``START`` /
``STRUCTURAL_START`` should read these (a test checks that they agree today).
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from mainports_analysis.data import schemas
from mainports_analysis.data.registry import check_choice

__all__ = ["BUDGET_LINES", "StructuralMoney", "audit_figures", "milestones", "programme_starts", "structural_money",
           "unspent_share"]

#: Hub ids of the allocation rows that are budget lines, not places where money is spent or measures
#: are taken: the reservation and the memo's total.
BUDGET_LINES = ("reservation", "total")


def _programme(allocations: pd.DataFrame, programme: str) -> pd.DataFrame:
    known = sorted(set(allocations["programme"].astype(str)))
    if programme not in known:
        from mainports_analysis.data.registry import did_you_mean

        raise ValueError(f"unknown programme {programme!r}{did_you_mean(programme, known)}; known: {', '.join(known)}")
    return allocations[allocations["programme"].astype(str) == programme]


def programme_starts(allocations: pd.DataFrame, programme: str = "mainports") -> dict[str, int]:
    """The first year of each kind of money of a programme, earliest first: ``{"incidental": 2022, ...}``.

    The one definition of "when the money starts" (years are calendar years, the allocation rows'
    ``year``). An unknown programme raises ``ValueError`` with a suggestion.
    """
    part = _programme(allocations, programme)
    years = part.groupby(part["kind"].astype(str))["year"].min()
    return {str(k): int(v) for k, v in sorted(years.items(), key=lambda kv: (int(kv[1]), str(kv[0])))}


@dataclass(frozen=True)
class StructuralMoney:
    """When the structural money starts and when it reaches its full yearly level (numbers only)."""

    first_year: int  # first year with structural money (the ramp-up starts)
    full_year: int  # first year of the recurring, full amount
    full_amount: float  # EUR million a year from full_year (sum of the hub and overarching rows)


def structural_money(allocations: pd.DataFrame, programme: str = "mainports") -> StructuralMoney:
    """The one definition of "structural money", from the allocation rows.

    First year: :func:`programme_starts`' ``structural``. Full year: the earliest *recurring*
    structural row (the memo's "2025 e.v."). Full amount: the sum over hubs of that recurring column,
    as :func:`mainports_analysis.analysis.metrics.allocation_table` chooses it (budget lines
    excluded). Raises ``ValueError`` when the programme has no structural or no recurring rows.
    """
    from mainports_analysis.analysis import metrics

    starts = programme_starts(allocations, programme)
    part = _programme(allocations, programme)
    recurring = part[(part["kind"].astype(str) == "structural") & part["recurring"].astype(bool)]
    if "structural" not in starts or recurring.empty:
        raise ValueError(f"{programme}: no structural or no recurring allocation rows")
    table = metrics.allocation_table(allocations)
    amount = float(table[metrics.PERIODS[-1]].drop(index=[h for h in BUDGET_LINES if h in table.index]).sum())
    return StructuralMoney(starts["structural"], int(recurring["year"].min()), amount)


def milestones(allocations: pd.DataFrame, programme: str = "mainports") -> dict[str, int | None]:
    """The three years the briefing marks: ``incidental``, structural ``ramp_up`` and the ``full`` level.

    ``None`` where the programme has no such money.
    """
    starts = programme_starts(allocations, programme)
    try:
        full = structural_money(allocations, programme).full_year
    except ValueError:
        full = None
    return {"incidental": starts.get("incidental"), "ramp_up": starts.get("structural"), "full": full}


# ------------------------------------------------------------------------------------------ the Court of Audit


def _audit_rows(audit: pd.DataFrame, metric: str) -> pd.DataFrame:
    return audit[audit["metric"].astype(str) == check_choice(metric, schemas.AUDIT_METRICS, what="audit metric")]


def audit_figures(audit: pd.DataFrame) -> pd.DataFrame:
    """The Court of Audit's money figures (EUR million), one row per published figure, as codes and numbers.

    Columns: record_id, metric, hubs (tuple of hub ids), n_hubs, period_start, period_end,
    amount_eur_mln, source_id. Sorted by the order allocated, received, spent, unspent (then id).
    Labels and the period as text: :func:`mainports_analysis.report.measures.audit_money`.
    """
    metrics = list(schemas.AUDIT_METRICS)
    hubs = [tuple(str(v).split("|")) for v in audit["hubs"]]
    out = pd.DataFrame(
        {
            "record_id": audit["record_id"].astype(str).to_numpy(),
            "metric": audit["metric"].astype(str).to_numpy(),
            "hubs": hubs,
            "n_hubs": [len(h) for h in hubs],
            "period_start": audit["period_start"].astype("int64").to_numpy(),
            "period_end": audit["period_end"].astype("int64").to_numpy(),
            "amount_eur_mln": audit["amount_eur_mln"].astype("float64").to_numpy(),
            "source_id": audit["source_id"].astype(str).to_numpy(),
        }
    )
    out["_m"] = out["metric"].map(metrics.index)
    return out.sort_values(["_m", "record_id"], kind="mergesort").drop(columns="_m").reset_index(drop=True)


def unspent_share(audit: pd.DataFrame) -> float:
    """The share of the money received that was still unspent, for the same hubs and period.

    Computed here (unspent ÷ received); it is not a published figure. Raises ``ValueError`` unless
    exactly one received and one unspent figure cover the same hubs and period.
    """
    key = ["hubs", "period_start", "period_end"]
    rec, uns = _audit_rows(audit, "received"), _audit_rows(audit, "unspent")
    pairs = rec.astype({k: str for k in key}).merge(uns.astype({k: str for k in key}), on=key, suffixes=("_r", "_u"))
    if len(pairs) != 1:
        raise ValueError(f"need one received and one unspent figure for the same hubs and period, found {len(pairs)}")
    received, unspent = float(pairs["amount_eur_mln_r"].iloc[0]), float(pairs["amount_eur_mln_u"].iloc[0])
    if received <= 0:
        raise ValueError("received must be positive")
    return unspent / received
