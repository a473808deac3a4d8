"""mainports-analysis: load, validate and analyse the data behind the mainports briefing.

Load the data in three lines::

    from mainports_analysis import load_seizures
    seizures = load_seizures(preferred=True)
    seizures.query("location == 'rotterdam' and metric == 'cocaine_kg'")

Public names are imported lazily so that ``import mainports_analysis`` stays fast; pandas and the
schema library load on first use.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

_EXPORTS = {
    "load_sources": "load",
    "load_seizures": "load",
    "load_throughput": "load",
    "load_indicators": "load",
    "load_allocations": "load",
    "load_audit": "load",
    "load_measures": "load",
    "load_all": "load",
    "preferred_rows": "load",
    "bounds": "load",
    "validate_data": "validate",
    "DataValidationError": "validate",
    "Problem": "validate",
    "registry": "registry",
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
    from .load import (  # noqa: F401
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
    from .registry import registry  # noqa: F401
    from .validate import DataValidationError, Problem  # noqa: F401
    from .validate import validate as validate_data  # noqa: F401
