"""Curation rulings: the judgement calls on individual published figures, written down with reasons.

The general rule for conflicting figures (:func:`mainports_analysis.data.load.preferred_rows`) handles most
cases. A few figures need a decision that no general rule can make, because the problem is in what a
source *says the figure is*:

* **out of scope** — the figure is filed under the location the source names, but it measures
  something else (a customs district rather than the port, all Dutch airports rather than Schiphol,
  only the investigations one team took part in). It stays in the raw data, quoted as published, and
  is shown on the Data & sources page; annual series of that location leave it out.
* **preferred** — where the general rule would pick a figure that a later restatement by the same
  authority corrects, the ruling names the record to use.

Every ruling names a record id and gives its reason; a test checks that each id exists, so a ruling
cannot silently outlive its figure. Nothing here edits the raw files.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

__all__ = ["OUT_OF_SCOPE", "PREFERRED", "Ruling", "in_scope", "rulings_table"]


@dataclass(frozen=True)
class Ruling:
    """One decision on one published figure: which record, what is done with it, and why."""

    record_id: str
    reason: str


#: Figures that measure something other than the location they are filed under.
OUT_OF_SCOPE: tuple[Ruling, ...] = (
    Ruling("vlissingen-2020-cocaine_kg-harc-a", "Only the ten investigations with HARC involvement, not a port total; "
           "the HARC figures of later years are port totals."),
    Ruling("vlissingen-2020-cocaine_kg-harc-b", "Only the ten investigations with HARC involvement, not a port total."),
    Ruling("moerdijk-2020-cocaine_kg-harc-a", "Only investigations with HARC involvement, not a port total."),
    Ruling("moerdijk-2020-cocaine_kg-harc-b", "Only the two investigations with HARC involvement, not a port total."),
    Ruling("hamburg-2021-cocaine_kg-other-a", "Most likely the all-German-seaports figure of the Zollfahndungsamt "
           "(19.111 t) labelled as Hamburg."),
    Ruling("hamburg-2022-cocaine_kg-customs-a", "The Hauptzollamt Hamburg total, which includes Bremerhaven (the same "
           "release: 'insgesamt 13 Tonnen'), not the port of Hamburg."),
    Ruling("schiphol-2022-cocaine_kg-customs-b", "The Douane figure for all Dutch airports (1,300 kg), attributed to "
           "Schiphol by the reporting outlet; Schiphol's own figure for that year is 1,295 kg."),
    Ruling("schiphol-2023-cocaine_kg-customs-a", "The Douane figure for all Dutch airports (2,250 kg), attributed to "
           "Schiphol by the reporting outlet; no Schiphol-only figure for that year was found."),
    Ruling("schiphol-2024-cocaine_kg-customs-a", "Same basis as 2022-2023: the Douane's annual airports figure (2,400 kg) reported "
           "under Schiphol by NH Nieuws; the Douane's national release says the airports' amount stayed about equal to 2023's "
           "2,250 kg for all Dutch airports. No Schiphol-only figure for that year was found."),
    Ruling("schiphol-2024-cocaine_kg-customs-b", "Relay of the same NH Nieuws figure (2,400 kg): all Dutch airports, see "
           "schiphol-2024-cocaine_kg-customs-a."),
    Ruling("vlissingen-2023-cocaine_kg-customs-a", "Not a port-of-Vlissingen Customs count: given for the Zeeland ports "
           "('waarvan het grootste deel in Vlissingen') and, per a later report (11,566 kg), including consignments seized "
           "elsewhere in Europe; it also exceeds HARC's 11,300 kg of drugs for all Zeeland-West-Brabant ports."),
    Ruling("vlissingen-2024-drugs_kg-harc-a", "Most likely the Zeeland-West-Brabant ports' total (12,664 kg of drugs in the "
           "HARC/OM release) labelled as Vlissingen; Vlissingen's own figures for that year are 8,939 kg (HARC) and 9,600 kg "
           "(Douane)."),
    Ruling("nl_total-2024-cocaine_kg-customs-a", "An aggregator's summary turned the Douane's 'bijna 38.000 kilo drugs' (all "
           "drugs, an upper bound; nl_total-2024-drugs_kg-customs-a) into an exact cocaine figure."),
)

#: Records to prefer over the general rule, because the same authority restated the figure later.
PREFERRED: tuple[Ruling, ...] = (
    Ruling("rotterdam-2022-extractor_arrests-harc-c", "The OM's figure as restated a year later (251, Jan 2024), "
           "also reported on the day by NL Times; 241 appears in one agency copy."),
    Ruling("antwerp-2018-cocaine_kg-customs-a", "The finance ministry's figure of January 2019 (50.1 t, AFP and Belga "
           "copies); the 50.6 t in a Brazilian newspaper nine months later is no restatement by the ministry, "
           "so the later publication does not win."),
)


def _ids(rulings: tuple[Ruling, ...]) -> dict[str, str]:
    return {r.record_id: r.reason for r in rulings}


def in_scope(frame: pd.DataFrame) -> pd.DataFrame:
    """The rows of a seizures frame that measure the location they are filed under.

    Rows ruled out of scope are left out; ``attrs["out_of_scope"]`` lists each of them (record id,
    location, year, value, reason) so that nothing disappears unseen.
    """
    if "record_id" not in frame:
        return frame
    reasons = _ids(OUT_OF_SCOPE)
    out_mask = frame["record_id"].astype(str).isin(reasons)
    dropped = frame[out_mask]
    kept = frame[~out_mask].copy()
    kept.attrs = dict(frame.attrs)
    kept.attrs["out_of_scope"] = [
        {"record_id": r.record_id, "location": str(r.location), "year": int(r.year), "value": r.value, "reason": reasons[r.record_id]}
        for r in dropped.itertuples()
    ]
    return kept


def rulings_table(seizures: pd.DataFrame | None = None) -> pd.DataFrame:
    """Every ruling as a table (kind, record id, reason), with the figure's location, year and value if given the data."""
    rows = [{"ruling": "out of scope", "record_id": r.record_id, "reason": r.reason} for r in OUT_OF_SCOPE]
    rows += [{"ruling": "preferred", "record_id": r.record_id, "reason": r.reason} for r in PREFERRED]
    table = pd.DataFrame(rows)
    if seizures is not None:
        cols = ["record_id", "location", "year", "metric", "value", "unit", "source_id"]
        table = table.merge(seizures[cols].astype({"location": str, "metric": str, "unit": str}), on="record_id", how="left")
    return table
