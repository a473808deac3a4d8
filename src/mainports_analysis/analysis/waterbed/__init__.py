"""The waterbed question: did pressure on Rotterdam push cocaine smuggling to other ports?

:mod:`mainports_analysis.analysis.displacement` holds the methods; this package applies them to the
published seizure series and says what they can and cannot detect:

* :mod:`.design` -- areas, treatment, controls, windows, data readings, the cached series;
* :mod:`.grid` -- the WDQ/WDD sensitivity grid over every choice, and its summaries;
* :mod:`.placebo` -- the same measures with no intervention (in time and in space): reference rates;
* :mod:`.detectability` -- the minimum detectable change of each port's series (Bloom 1995);
* :mod:`.its_profile` -- segmented regressions on kilograms and logs, the break-year profile, half years;
* :mod:`.flow` -- what the data hold that separates less cocaine from less detection;
* :mod:`.monitoring` -- what monitoring could detect, by simulation from these data;
* :mod:`.shares` -- shares of the North Sea ports and each port's change.

Every public name is importable from here (``waterbed.grid``, ``waterbed.minimum_detectable_change``).
"""

from __future__ import annotations

from mainports_analysis.analysis.waterbed.design import (
    BASE_THRESHOLD,
    BASE_YEARS,
    BUFFERS,
    CONTROLS,
    COUNTING,
    DERIVED_CONTROLS,
    DIFFUSION,
    DISPLACEMENT,
    FIRST_RING,
    NORTH_SEA_RANGE,
    OTHER_COUNTRIES,
    PEAK,
    PREFERRED,
    READINGS,
    RESPONSE,
    SCALES,
    SECOND_RING,
    SERIES_LOCATIONS,
    START,
    STRUCTURAL_START,
    THRESHOLDS,
    VARIANTS,
    WDD_SCALE,
    WINDOW_YEARS,
    WINDOWS,
    Control,
    Variant,
    Window,
    _direction,
    _name,
    base_annual,
    design_tables,
    direction_of,
    indexed,
    log_changes,
    long_values,
    metric_coverage,
    missing_years,
    national_changes,
    panel,
    ring_of,
    series_frame,
    treatments,
    wide_values,
    year_ranges,
)
from mainports_analysis.analysis.waterbed.detectability import (
    MDC,
    MIN_CHANGES,
    mdc_from_values,
    mdc_table,
    minimum_detectable_change,
    rotterdam_fall,
)
from mainports_analysis.analysis.waterbed.flow import flow_or_detection
from mainports_analysis.analysis.waterbed.grid import (
    base,
    bound_agreement,
    counting_check,
    customs_check,
    grid,
    reading_code,
    readings,
    sensitivity_summary,
    traffic_grid,
    wdq_matrix,
)
from mainports_analysis.analysis.waterbed.its_profile import (
    ITS_SPECS,
    _plain_note,
    break_profile,
    half_year_its,
    half_years,
    its_table,
    port_its,
    port_profiles,
)
from mainports_analysis.analysis.waterbed.monitoring import MONITORING_DESIGNS, monitoring_blueprint
from mainports_analysis.analysis.waterbed.placebo import (
    chance_limit,
    its_misspecified,
    its_placebo,
    placebo_rates,
    placebo_readings,
    shifted_windows,
)
from mainports_analysis.analysis.waterbed.shares import range_shares, shift_share_table

__all__ = [
    "BASE_THRESHOLD", "BASE_YEARS", "BUFFERS", "CONTROLS", "COUNTING", "DERIVED_CONTROLS", "DIFFUSION", "DISPLACEMENT",
    "FIRST_RING", "ITS_SPECS", "MDC", "MIN_CHANGES", "MONITORING_DESIGNS", "NORTH_SEA_RANGE", "OTHER_COUNTRIES", "PEAK", "PREFERRED",
    "READINGS", "RESPONSE", "SCALES", "SECOND_RING", "SERIES_LOCATIONS", "START", "STRUCTURAL_START", "THRESHOLDS",
    "VARIANTS", "WDD_SCALE", "WINDOWS", "WINDOW_YEARS", "Control", "Variant", "Window", "base", "base_annual",
    "bound_agreement", "break_profile", "chance_limit", "counting_check", "customs_check", "design_tables", "direction_of",
    "flow_or_detection", "grid", "half_year_its", "half_years", "indexed", "its_misspecified", "its_placebo", "its_table",
    "log_changes", "long_values", "mdc_from_values", "mdc_table", "metric_coverage", "minimum_detectable_change", "missing_years",
    "monitoring_blueprint", "national_changes", "panel", "placebo_rates", "placebo_readings", "port_its", "port_profiles",
    "range_shares", "reading_code", "readings", "ring_of", "series_frame", "rotterdam_fall", "sensitivity_summary", "shift_share_table",
    "shifted_windows", "traffic_grid", "treatments", "wdq_matrix", "wide_values", "year_ranges",
]  # fmt: skip
_ = (_direction, _name, _plain_note)  # kept importable for notebooks and tests
