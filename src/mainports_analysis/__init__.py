"""mainports-analysis: load, validate and analyse the data behind the mainports briefing.

Load the data in three lines::

    from mainports_analysis import load_seizures
    seizures = load_seizures(preferred=True)
    seizures.query("location == 'rotterdam' and metric == 'cocaine_kg'")

Public names are imported lazily so that ``import mainports_analysis`` stays fast; pandas and the
schema library load on first use.

The package has four layers, and imports point downward only (a test checks it)::

    data      registry, schemas, validate, load, rulings, series, products   (data in)
    analysis  metrics, money, hubs, displacement, waterbed, measures           (numbers only)
    report    text, labels, findings + templates, tables, charts, caveats    (what a reader sees)
    site      project, execute, render, assets, build, reference, editions   (the briefing site)

``from mainports_analysis import registry`` is always the function that returns the registry; the
module is ``mainports_analysis.data.registry``.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

__version__ = import_module("importlib.metadata").version("mainports-analysis")  # pyproject.toml: set by `mainports edition`

_EXPORTS = {
    "load_sources": "data.load",
    "load_seizures": "data.load",
    "load_throughput": "data.load",
    "load_indicators": "data.load",
    "load_allocations": "data.load",
    "load_audit": "data.load",
    "load_measures": "data.load",
    "load_all": "data.load",
    "preferred_rows": "data.load",
    "bounds": "data.load",
    "validate_data": "data.validate",
    "DataValidationError": "data.validate",
    "Problem": "data.validate",
    "registry": "data.registry",
    "annual": "data.series",
    "wide": "data.series",
    "coverage": "data.series",
    "wdq": "analysis.displacement",
    "wdd": "analysis.displacement",
    "its": "analysis.displacement",
    "controlled_its": "analysis.displacement",
    "shares": "analysis.displacement",
    "shift_share": "analysis.displacement",
    "minimum_detectable_change": "analysis.waterbed",
    "placebo_readings": "analysis.waterbed",
    "key_findings": "report.findings",
    "cite": "data.citation",
}

#: Exported names that differ from the name inside their module (a submodule is also called ``validate``).
_ALIASES = {"validate_data": "validate"}

__all__ = sorted(_EXPORTS)


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'mainports_analysis' has no attribute {name!r}")
    value = getattr(import_module(f".{module}", __name__), _ALIASES.get(name, name))
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted([*globals(), *_EXPORTS])


if TYPE_CHECKING:  # pragma: no cover
    from mainports_analysis.analysis.waterbed import minimum_detectable_change, placebo_readings  # noqa: F401
    from mainports_analysis.data.load import (  # noqa: F401
        bounds,
        load_all,
        load_allocations,
        load_audit,
        load_indicators,
        load_measures,
        load_seizures,
        load_sources,
        load_throughput,
        preferred_rows,
    )
    from mainports_analysis.data.registry import registry  # noqa: F401
    from mainports_analysis.data.validate import DataValidationError, Problem  # noqa: F401
    from mainports_analysis.data.validate import validate as validate_data  # noqa: F401
