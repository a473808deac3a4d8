"""Declared schemas of the raw files: columns, types, units, allowed values, ranges and keys.

These declarations are the single source of truth for three things: the validator (which turns them
into pandera schemas), the loaders (which use the types to build typed frames) and the Frictionless
Data Package descriptor ``data/datapackage.json`` (generated from them and checked in CI).
"""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass, field

YEAR_MIN = 1990
#: No figure can be about a year that has not started yet.
YEAR_MAX = _dt.date.today().year

ID_PATTERN = r"^[a-z0-9][a-z0-9_.-]*$"
DATE_PATTERN = r"^\d{4}(-\d{2}(-\d{2})?)?$"
DAY_PATTERN = r"^\d{4}-\d{2}-\d{2}$"
VIA_PATTERN = r"^(seed|data-leads/[A-Za-z0-9_.-]+|search:[a-z]+|manual)$"

QUALIFIERS = ("exact", "approx", "at_least", "at_most")
STATUSES = ("final", "provisional")
SEIZURE_METRICS = ("cocaine_kg", "drugs_kg", "cocaine_seizures", "drug_seizures", "extractor_arrests")
SERIES = ("harc", "customs", "police", "prosecution", "euda", "unodc", "government", "other")
MASS_UNITS = {"kg": 1.0, "t": 1000.0}
#: Which units each seizure metric may be printed in.
SEIZURE_UNITS = {
    "cocaine_kg": ("kg", "t"),
    "drugs_kg": ("kg", "t"),
    "cocaine_seizures": ("count",),
    "drug_seizures": ("count",),
    "extractor_arrests": ("count",),
}
THROUGHPUT_METRICS = ("teu", "cargo_tonnes", "passengers")
#: Multipliers that turn a printed throughput figure into its base unit (TEU, tonnes, passengers).
THROUGHPUT_UNITS = {"teu": 1.0, "thousand_teu": 1e3, "million_teu": 1e6, "t": 1.0, "million_t": 1e6, "count": 1.0, "million": 1e6}
THROUGHPUT_UNIT_FOR = {
    "teu": ("teu", "thousand_teu", "million_teu"),
    "cargo_tonnes": ("t", "million_t"),
    "passengers": ("count", "million"),
}
ALLOCATION_KINDS = ("structural", "incidental", "reservation")
PROGRAMMES = ("mainports", "predecessor")
ALLOCATION_STATUSES = ("decided", "announced", "reported")
AUDIT_METRICS = ("allocated", "received", "spent", "unspent")
RED_LINES = ("barriers", "resilience", "supervision_enforcement", "information_position")
COOPERATION = ("international", "public_private", "both", "none")
MEASURE_STATUSES = ("announced", "pilot", "in_force", "completed", "unknown")
QUALITY = ("high", "medium", "low")
LANGUAGES = ("nl", "en", "de", "fr", "es", "pt", "it", "pl", "ca", "da", "sv", "no")
PERIODS = ("FY", "H1")


@dataclass(frozen=True)
class Field:
    """One column of a raw file: its type, whether it may be empty, and the values it may take."""

    name: str
    kind: str  # id | string | text | integer | number | boolean | date | category | list
    description: str
    required: bool = True
    choices: tuple[str, ...] | None = None
    minimum: float | None = None
    maximum: float | None = None
    pattern: str | None = None
    references: tuple[str, str] | None = None  # (resource, field) for a foreign key
    unit: str | None = None


@dataclass(frozen=True)
class Resource:
    """One raw file: its columns in order, its key, and the checks that span columns."""

    name: str
    path: str  # relative to the data directory
    title: str
    description: str
    fields: tuple[Field, ...]
    primary_key: tuple[str, ...]
    quote_check: tuple[str, str] | None = None  # (value column, quote column)
    reference: bool = False  # a registry table, not a raw figure file
    extra: dict = field(default_factory=dict)

    @property
    def columns(self) -> tuple[str, ...]:
        return tuple(f.name for f in self.fields)

    def field(self, name: str) -> Field:
        return next(f for f in self.fields if f.name == name)


def _record_id(name: str = "record_id") -> Field:
    return Field(name, "id", "Unique key of the row.", pattern=ID_PATTERN)


def _source() -> Field:
    return Field("source_id", "id", "The source of the figure (key into sources).", references=("sources", "source_id"))


def _quote() -> Field:
    return Field("quote", "text", "Short verbatim quote from the source, containing the number as printed.")


def _notes() -> Field:
    return Field("notes", "text", "Scope, caveats, conflicts.", required=False)


def _year(name: str = "year", description: str = "Calendar year the figure is about.", required: bool = True) -> Field:
    return Field(name, "integer", description, required=required, minimum=YEAR_MIN, maximum=YEAR_MAX)


def _qualifier() -> Field:
    return Field("qualifier", "category", "Hedge printed with the number (ruim → at_least, bijna → at_most).", choices=QUALIFIERS)


def _status() -> Field:
    return Field("status", "category", "final, or provisional (preliminary / later revised).", choices=STATUSES)


HUBS = Resource(
    "hubs", "reference/hubs.csv", "Hubs and budget lines",
    "The funded hubs of the mainports approach and the other lines of its budget table.",
    (
        Field("hub_id", "id", "Canonical hub id.", pattern=ID_PATTERN),
        Field("name_en", "string", "English name."),
        Field("name_nl", "string", "Dutch name."),
        Field("kind", "category", "Kind of hub.", choices=("seaport", "airport", "auction", "programme")),
        Field("colour", "string", "Plot colour (hex).", pattern=r"^#[0-9A-Fa-f]{6}$"),
        Field("display_order", "integer", "Order in tables and legends.", minimum=1),
        Field("description", "text", "What the hub covers."),
    ),
    ("hub_id",), reference=True,
)  # fmt: skip

LOCATIONS = Resource(
    "locations", "reference/locations.csv", "Locations",
    "Every place a figure is about: ports, airports, groups of ports, national and EU totals.",
    (
        Field("location_id", "id", "Canonical location id.", pattern=ID_PATTERN),
        Field("name_en", "string", "English name."),
        Field("name_nl", "string", "Dutch name."),
        Field("kind", "category", "Kind of place.", choices=("seaport", "port_group", "airport", "auction", "national", "supranational", "abroad")),
        Field("hub_id", "id", "The funded hub it belongs to, if any.", required=False, references=("hubs", "hub_id")),
        Field("country", "string", "ISO 3166 alpha-2 code, EU, or XX for none.", pattern=r"^[A-Z]{2}$"),
        Field("group", "category", "Group for tables and charts.", choices=("mainports", "nl_national", "europe_port", "europe_national", "eu", "world", "abroad")),
        Field("ring", "category", "Functional adjacency to Rotterdam for displacement analysis.", choices=("response", "first", "second", "none")),
        Field("colour", "string", "Plot colour (hex).", pattern=r"^#[0-9A-Fa-f]{6}$"),
        Field("aliases", "list", "Names the sources use, |-separated.", required=False),
        Field("description", "text", "Scope of the location."),
    ),
    ("location_id",), reference=True,
)  # fmt: skip

SOURCES = Resource(
    "sources", "raw/sources.csv", "Sources",
    "One row per cited source, with its quality rating.",
    (
        Field("source_id", "id", "Key of the source.", pattern=ID_PATTERN),
        Field("publisher", "string", "Who published it (relay sites name the original in brackets)."),
        Field("title", "string", "Title of the page or document."),
        Field("title_verbatim", "boolean", "True when the title is verbatim, false when rebuilt from the URL or a label."),
        Field("url", "string", "The publisher's own address (or an official repository's); empty when it could not be established.", required=False, pattern=r"^https?://\S+$"),
        Field("read_via", "string", "Address of the copy actually read, when it differs from `url` (mirror, relay, aggregator).", required=False, pattern=r"^https?://\S+$"),
        Field("published", "date", "Publication date: YYYY, YYYY-MM or YYYY-MM-DD; empty when the source shows none.", required=False, pattern=DATE_PATTERN),
        Field("accessed", "date", "When this project took the quote.", pattern=DAY_PATTERN),
        Field("via", "string", "How the quote reached the project: seed, data-leads/<file>, search:<corpus>.", pattern=VIA_PATTERN),
        Field("language", "category", "Language of the quotes (decides how numbers are read).", choices=LANGUAGES),
        Field("licence", "string", "Terms of the source text."),
        Field("quality", "category", "Quality rating.", choices=QUALITY),
        Field("quality_reason", "string", "Why this rating."),
        _notes(),
    ),
    ("source_id",),
)  # fmt: skip

SEIZURES = Resource(
    "seizures", "raw/seizures.csv", "Seizures, seizure counts and extractor arrests",
    "Cocaine seized per location and year as published, under each counting system; seizure events; extractor arrests.",
    (
        _record_id(),
        Field("location", "id", "Location id.", references=("locations", "location_id")),
        _year(),
        Field("period", "category", "FY = whole year, H1 = January-June.", choices=PERIODS),
        Field("metric", "category", "What is counted.", choices=SEIZURE_METRICS),
        Field("series", "category", "Counting system (HARC/OM, customs, EUDA, ...).", choices=SERIES),
        Field("value", "number", "The number as printed, in `unit`.", minimum=0),
        Field("unit", "category", "kg, t (tonnes) or count.", choices=("kg", "t", "count")),
        _qualifier(), _status(), _source(), _quote(), _notes(),
    ),
    ("record_id",), quote_check=("value", "quote"),
)  # fmt: skip

THROUGHPUT = Resource(
    "throughput", "raw/throughput.csv", "Throughput",
    "Container throughput (TEU) and other traffic per location and year, as published.",
    (
        _record_id(),
        Field("location", "id", "Location id.", references=("locations", "location_id")),
        _year(),
        Field("metric", "category", "teu, cargo_tonnes or passengers.", choices=THROUGHPUT_METRICS),
        Field("value", "number", "The number as printed, in `unit`.", minimum=0),
        Field("unit", "category", "Unit as printed.", choices=tuple(THROUGHPUT_UNITS)),
        _qualifier(), _status(), _source(), _quote(), _notes(),
    ),
    ("record_id",), quote_check=("value", "quote"),
)  # fmt: skip

INDICATORS = Resource(
    "indicators", "raw/indicators.csv", "Indicators",
    "Cross-checks for seizure trends: price, purity, containers scanned or inspected, investigations.",
    (
        _record_id(),
        Field("location", "id", "Location id.", references=("locations", "location_id")),
        _year(),
        Field("period", "category", "FY = whole year, H1 = January-June.", choices=PERIODS),
        Field("metric", "string", "What is measured (snake_case).", pattern=r"^[a-z][a-z0-9_]*$"),
        Field("value", "number", "The number as printed, in `unit`.", minimum=0),
        Field("unit", "string", "Unit as printed (EUR/g, percent, count, ...)."),
        _qualifier(), _status(), _source(), _quote(), _notes(),
    ),
    ("record_id",), quote_check=("value", "quote"),
)  # fmt: skip

ALLOCATIONS = Resource(
    "allocations", "raw/allocations.csv", "Allocations",
    "Money for the mainports approach per hub and year: the decision memo's table, the 2022 incidental money, announcements and predecessors.",
    (
        _record_id(),
        Field("hub", "id", "Hub id (total for a published total).", references=("hubs", "hub_id")),
        _year(description="First calendar year the amount applies to."),
        Field("recurring", "boolean", "True when the amount applies every year from `year` on (2025 e.v.)."),
        Field("amount_eur_mln", "number", "Amount in millions of euros per year.", minimum=0, unit="EUR million"),
        Field("kind", "category", "structural, incidental or reservation.", choices=ALLOCATION_KINDS),
        Field("programme", "category", "mainports, or predecessor money before the approach.", choices=PROGRAMMES),
        Field("status", "category", "decided (memo), announced, or reported later.", choices=ALLOCATION_STATUSES),
        _source(), _quote(), _notes(),
    ),
    ("record_id",), quote_check=("amount_eur_mln", "quote"),
)  # fmt: skip

AUDIT = Resource(
    "audit", "raw/audit.csv", "Audit and progress figures",
    "What the Court of Audit and progress reports say about money allocated, received, spent and unspent.",
    (
        _record_id(),
        Field("hubs", "list", "Hub ids the figure covers, |-separated.", references=("hubs", "hub_id")),
        _year("period_start", "First year of the period."),
        _year("period_end", "Last year of the period."),
        Field("metric", "category", "allocated, received, spent or unspent.", choices=AUDIT_METRICS),
        Field("amount_eur_mln", "number", "Amount in millions of euros.", minimum=0, unit="EUR million"),
        _source(), _quote(), _notes(),
    ),
    ("record_id",), quote_check=("amount_eur_mln", "quote"),
)  # fmt: skip

MEASURES = Resource(
    "measures", "raw/measures.csv", "Measures",
    "Measures of the mainports approach per hub and overarching, by red line, with start year and status.",
    (
        _record_id("measure_id"),
        Field("hub", "id", "Hub id (overarching, other_ports).", references=("hubs", "hub_id")),
        Field("name_nl", "string", "Name in Dutch."),
        Field("name_en", "string", "Name in English."),
        Field("red_line", "category", "Red line of the approach.", choices=RED_LINES),
        Field("cooperation", "category", "International and/or public-private cooperation.", choices=COOPERATION),
        Field("targets_displacement", "boolean", "True only when a quoted sentence states that the measure aims at displacement between hubs or ports."),
        Field("displacement_reason", "text", "The sentence that states the displacement aim, with its source ('[source: id]') when it is not the row's own; or why the measure is only related to displacement.", required=False),
        _year("start_year", "Year the measure started, only where the quote prints it or the source's own date places the start (the notes quote the sentence); empty otherwise, never an announcement year.", required=False),
        Field("status", "category", "announced, pilot, in_force, completed, unknown.", choices=MEASURE_STATUSES),
        _source(), _quote(), _notes(),
    ),
    ("measure_id",),
)  # fmt: skip

#: Every resource, registry tables first (foreign keys point backwards in this order).
RESOURCES: tuple[Resource, ...] = (HUBS, LOCATIONS, SOURCES, SEIZURES, THROUGHPUT, INDICATORS, ALLOCATIONS, AUDIT, MEASURES)
BY_NAME = {r.name: r for r in RESOURCES}
