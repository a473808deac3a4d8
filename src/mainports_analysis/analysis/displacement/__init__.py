"""Displacement and diffusion between hubs: does pressure on one port push seizures elsewhere?

The measures here compare a *response* port (where measures were taken, Rotterdam first), one
or more *buffer* ports that could take over the flow (Vlissingen, Moerdijk, Antwerp, ...) and a
*control* that could not plausibly receive it. See ``shared/methods.md`` for the choice of areas.

- :func:`wdq` -- Weighted Displacement Quotient and Total Net Effect (Bowers & Johnson 2003,
  J Quant Criminol 19(3):275-301; worked guide Guerette 2009, POP Tool Guide No. 10, appendices B-D).
- :func:`wdd` -- Weighted Displacement Difference with a Poisson standard error (Wheeler &
  Ratcliffe 2018, Crime Science 7:11).
- :func:`displacement_table` -- both of the above for every (buffer, window) from a long frame.
- :func:`its`, :func:`controlled_its` -- segmented regression for interrupted time series in the
  parameterisation of Wagner et al. 2002 (J Clin Pharm Ther 27(4):299-309: the slope-change term is
  time since the start, 0 in the first post year; see also Lopez Bernal, Cummins & Gasparrini 2017,
  Int J Epidemiol 46(1):348-355). Newey & West (1987) HAC errors are computed but are no check:
  with ~15 annual points and one lag they are narrower, not more conservative, than OLS.
- :func:`shares`, :func:`shift_share` -- each port's share of a range of ports and a one-sector
  shift-share split of each port's change (Dunn 1960).

Seizures are not flow: a fall at the response port can mean less flow, less detection or
interception moved upstream. Every result here describes seizures; none is a verdict on flow.
Missing location-years are never filled: results that need them are NaN and say why.

statsmodels and scipy are imported inside the functions that need them, so importing this
module stays cheap.
"""

from __future__ import annotations

from mainports_analysis.analysis.displacement._checks import MIN_RELATIVE_SUCCESS
from mainports_analysis.analysis.displacement.its import MIN_ITS_SIDE, ITSResult, controlled_its, its
from mainports_analysis.analysis.displacement.quotients import (
    WDDResult,
    WDQResult,
    displacement_table,
    wdd,
    wdq,
)
from mainports_analysis.analysis.displacement.shares import shares, shift_share

__all__ = [
    "MIN_ITS_SIDE",
    "MIN_RELATIVE_SUCCESS",
    "ITSResult",
    "WDDResult",
    "WDQResult",
    "controlled_its",
    "displacement_table",
    "its",
    "shares",
    "shift_share",
    "wdd",
    "wdq",
]
