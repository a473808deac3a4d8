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
  ramp-up and the full level.

:func:`mainports_analysis.analysis.hubs.money_years` and the waterbed's ``START`` /
``STRUCTURAL_START`` should read these (a test checks that they agree today).
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

__all__ = ["BUDGET_LINES", "StructuralMoney", "milestones", "programme_starts", "structural_money"]

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
