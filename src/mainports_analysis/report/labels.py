"""Every code of the data and the library → its reader's label, in English and Dutch, defined once.

Counting systems (``series`` in ``seizures.csv``), metrics, the measures of "the problem" a hub is
compared on, the waterbed reading codes, column names, and hubs and places (from the registry).
Tables (:mod:`mainports_analysis.report.tables`), charts (:func:`mainports_analysis.report.charts.style.label`),
templates and notebooks take their labels from here.

:func:`label` is strict: a code it does not know raises ``KeyError`` with the nearest known code
("did you mean …?"), so a typo fails loudly instead of printing the raw id. Tables that label any
cell value use the lenient :func:`mainports_analysis.report.tables.reader_label`.

Dutch labels are written as the ministry writes them: lower case for common nouns ("de
bloemenveilingen", "de Douane" as the agency's name), Dutch compounds ("HARC-team").
"""

from __future__ import annotations

import difflib

from mainports_analysis.data.registry import registry

#: Counting systems of ``seizures.csv`` (``series``): the full name (first use, captions, glossary).
SERIES: dict[str, dict[str, str]] = {
    "en": {
        "harc": "HARC (Hit and Run Cargo team, port of Rotterdam)", "customs": "Customs", "police": "Police",
        "prosecution": "Public Prosecution Service", "euda": "EUDA (EU drugs agency)", "unodc": "UNODC",
        "government": "Government", "other": "Other source",
    },
    "nl": {
        "harc": "HARC (Hit and Run Cargo-team, haven van Rotterdam)", "customs": "Douane", "police": "Politie",
        "prosecution": "Openbaar Ministerie", "euda": "EUDA (drugsagentschap van de EU)", "unodc": "UNODC",
        "government": "Rijksoverheid", "other": "Andere bron",
    },
}  # fmt: skip

#: Counting systems, short form (table headers, chart legends, "Rotterdam: HARC").
SERIES_SHORT: dict[str, dict[str, str]] = {
    "en": {"harc": "HARC", "customs": "Customs", "police": "Police", "prosecution": "Prosecution", "euda": "EUDA",
           "unodc": "UNODC", "government": "Government", "other": "Other"},
    "nl": {"harc": "HARC", "customs": "Douane", "police": "Politie", "prosecution": "OM", "euda": "EUDA",
           "unodc": "UNODC", "government": "Rijksoverheid", "other": "Overig"},
}  # fmt: skip

#: What a seizure, throughput, audit or indicator metric counts, in words.
METRICS: dict[str, dict[str, str]] = {
    "en": {
        "cocaine_kg": "cocaine seized (kg)", "drugs_kg": "drugs seized, all kinds (kg)",
        "cocaine_seizures": "cocaine seizures (number)", "drug_seizures": "drug seizures (number)",
        "extractor_arrests": "extractor arrests", "teu": "containers (TEU)", "cargo_tonnes": "cargo (tonnes)",
        "passengers": "passengers", "allocated": "allocated", "received": "received", "spent": "spent",
        "unspent": "unspent", "cocaine_purity": "cocaine purity (%)", "cocaine_retail_price": "cocaine retail price (EUR/g)",
        "containers_inspected": "containers inspected", "harc_criminal_investigations": "HARC criminal investigations",
    },
    "nl": {
        "cocaine_kg": "onderschepte cocaïne (kg)", "drugs_kg": "onderschepte drugs, alle soorten (kg)",
        "cocaine_seizures": "inbeslagnames van cocaïne (aantal)", "drug_seizures": "inbeslagnames van drugs (aantal)",
        "extractor_arrests": "aanhoudingen van uithalers", "teu": "containers (TEU)", "cargo_tonnes": "vracht (ton)",
        "passengers": "passagiers", "allocated": "toegekend", "received": "ontvangen", "spent": "besteed",
        "unspent": "niet besteed", "cocaine_purity": "zuiverheid cocaïne (%)",
        "cocaine_retail_price": "straatprijs cocaïne (EUR/g)", "containers_inspected": "gecontroleerde containers",
        "harc_criminal_investigations": "strafrechtelijke onderzoeken HARC",
    },
}  # fmt: skip

#: The measures of "the problem" a funded hub is compared on (:data:`mainports_analysis.analysis.hubs.HUB_MEASURES`),
#: as they read in running text.
HUB_MEASURES: dict[str, dict[str, str]] = {
    "en": {"cocaine_kg": "cocaine seized (kg)", "cocaine_seizures": "cocaine seizure events",
           "drug_seizures": "drug seizure events (all drugs)", "extractor_arrests": "extractor arrests"},
    "nl": {"cocaine_kg": "onderschepte cocaïne (kg)", "cocaine_seizures": "inbeslagnames van cocaïne (aantal)",
           "drug_seizures": "inbeslagnames van drugs (aantal, alle soorten)", "extractor_arrests": "aanhoudingen van uithalers"},
}  # fmt: skip

#: Reader labels of the WDQ reading codes (:func:`mainports_analysis.analysis.displacement.wdq`).
READINGS: dict[str, dict[str, str]] = {
    "en": {
        "displacement_larger_than_gain": "displacement larger than Rotterdam's fall",
        "displacement_smaller_than_gain": "displacement smaller than Rotterdam's fall",
        "neither": "neither displacement nor diffusion",
        "diffusion": "diffusion of benefits",
        "diffusion_larger_than_direct": "diffusion larger than Rotterdam's fall",
        "not_meaningful": "not readable: Rotterdam did not clearly fall against this control",
        "not_computed": "not computable: a year is not published",
    },
    "nl": {
        "displacement_larger_than_gain": "verplaatsing groter dan de daling in Rotterdam",
        "displacement_smaller_than_gain": "verplaatsing kleiner dan de daling in Rotterdam",
        "neither": "geen verplaatsing en geen uitstraling",
        "diffusion": "uitstraling van het effect",
        "diffusion_larger_than_direct": "uitstraling groter dan de daling in Rotterdam",
        "not_meaningful": "niet leesbaar: Rotterdam daalde niet duidelijk ten opzichte van de controlegroep",
        "not_computed": "niet te berekenen: een jaar is niet gepubliceerd",
    },
}  # fmt: skip

#: Column names of the data and of the library's frames, as table headers.
COLUMNS: dict[str, dict[str, str]] = {
    "en": {
        "location": "place", "hub": "hub", "hub_id": "hub", "location_id": "place", "year": "year",
        "metric": "what is counted", "series": "counting system", "value": "value", "kg": "kilograms",
        "n_figures": "published figures", "source_id": "source", "publisher": "publisher", "published": "published",
        "quality": "source quality", "quality_reason": "why that quality", "low": "lowest figure",
        "high": "highest figure", "chosen": "figure used", "chosen_value": "value used", "alternatives": "other figures",
        "min": "lowest", "max": "highest", "spread": "spread", "years": "years", "missing": "missing years",
        "title": "title", "url": "link", "unit": "unit", "status": "status", "qualifier": "qualifier",
    },
    "nl": {
        "location": "plaats", "hub": "knooppunt", "hub_id": "knooppunt", "location_id": "plaats", "year": "jaar",
        "metric": "wat is geteld", "series": "telsysteem", "value": "waarde", "kg": "kilogram",
        "n_figures": "gepubliceerde cijfers", "source_id": "bron", "publisher": "uitgever", "published": "gepubliceerd",
        "quality": "kwaliteit bron", "quality_reason": "waarom die kwaliteit", "low": "laagste cijfer",
        "high": "hoogste cijfer", "chosen": "gebruikt cijfer", "chosen_value": "gebruikte waarde",
        "alternatives": "andere cijfers", "min": "laagste", "max": "hoogste", "spread": "spreiding", "years": "jaren",
        "missing": "ontbrekende jaren", "title": "titel", "url": "link", "unit": "eenheid", "status": "status",
        "qualifier": "kwalificatie",
    },
}  # fmt: skip

#: How a hub is named inside a sentence (the registry's labels are headings: "Flower auctions", "Havens
#: Noordzeekanaalgebied"); Dutch as the ministry writes it ("de havens in Zeeland en West-Brabant").
IN_PROSE: dict[str, str] = {"rotterdam": "Rotterdam", "zwb": "the Zeeland–West-Brabant ports", "schiphol": "Schiphol",
                            "nzkg": "the North Sea Canal ports", "flower_auctions": "the flower auctions"}
IN_PROSE_NL: dict[str, str] = {"rotterdam": "Rotterdam", "zwb": "de havens in Zeeland en West-Brabant", "schiphol": "Schiphol",
                               "nzkg": "de havens van het Noordzeekanaalgebied", "flower_auctions": "de bloemenveilingen",
                               "amsterdam": "de haven van Amsterdam", "vlissingen": "Vlissingen", "terneuzen": "Terneuzen",
                               "antwerp": "Antwerpen"}
#: A Dutch hub named in full in running text (the approach's own description): "de haven van Rotterdam".
FULL_PROSE_NL: dict[str, str] = {**IN_PROSE_NL, "rotterdam": "de haven van Rotterdam", "schiphol": "luchthaven Schiphol"}

_TABLES = {"series": SERIES, "series_short": SERIES_SHORT, "metric": METRICS, "hub_measure": HUB_MEASURES,
           "reading": READINGS, "column": COLUMNS}


def _check(lang: str) -> str:
    if lang not in ("en", "nl"):
        raise ValueError(f"lang must be 'en' or 'nl', got {lang!r}")
    return lang


def _unknown(code: str, known) -> KeyError:
    best = difflib.get_close_matches(str(code).casefold(), [str(k) for k in known], n=1, cutoff=0.6)
    return KeyError(f"no label for {code!r}" + (f" (did you mean {best[0]!r}?)" if best else ""))


def of(kind: str, code: str, lang: str = "en") -> str:
    """The label of ``code`` in one vocabulary: ``series``, ``series_short``, ``metric``, ``hub_measure``,
    ``reading`` or ``column``; an unknown code raises ``KeyError`` with a suggestion."""
    if kind not in _TABLES:
        raise _unknown(kind, _TABLES)
    table = _TABLES[kind][_check(lang)]
    if code not in table:
        raise _unknown(code, table)
    return table[code]


def series(code: str, lang: str = "en", *, short: bool = False) -> str:
    """A counting system: ``harc`` → "HARC (Hit and Run Cargo team, port of Rotterdam)" (``short``: "HARC")."""
    return of("series_short" if short else "series", code, lang)


def place(key: str, lang: str = "en") -> str:
    """A hub's or location's display name from the registry (a heading form: "Port of Rotterdam")."""
    return registry().label(key, _check(lang))


def in_prose(hub: str, lang: str = "en") -> str:
    """A hub's name for use mid-sentence (the registry label of a location without a prose form)."""
    forms = IN_PROSE_NL if _check(lang) == "nl" else IN_PROSE
    return forms.get(hub) or registry().label(hub, lang)


def label(code: str, lang: str = "en") -> str:
    """A reader's label for any code: a hub or location of the registry, then a counting system, a
    metric, a column name. Unknown codes raise ``KeyError`` naming the nearest known code."""
    reg = registry()
    lang = _check(lang)
    if code in reg.hubs or code in reg.locations:
        return reg.label(code, lang)
    for table in (SERIES, METRICS, COLUMNS):
        if code in table[lang]:
            return table[lang][code]
    raise _unknown(code, [*reg.hubs, *reg.locations, *SERIES[lang], *METRICS[lang], *COLUMNS[lang]])
