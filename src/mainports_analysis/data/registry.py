"""The registry of hubs and locations: canonical ids, Dutch and English names, aliases and colours.

Every raw figure points at a location id and every budget line at a hub id; the registry is the one
place those ids are defined (``data/reference/hubs.csv`` and ``locations.csv``), so a plot colour, a
label or a displacement ring is looked up here and nowhere else.
"""

from __future__ import annotations

import csv
import difflib
import os
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from mainports_analysis.paths import reference_dir

HUB_COLUMNS = ("hub_id", "name_en", "name_nl", "kind", "colour", "display_order", "description")
LOCATION_COLUMNS = (
    "location_id", "name_en", "name_nl", "kind", "hub_id", "country", "group", "ring", "colour", "aliases",
    "description",
)  # fmt: skip

#: The five funded hubs of the mainports approach, in the decision memo's order.
FUNDED_HUBS = ("rotterdam", "zwb", "schiphol", "nzkg", "flower_auctions")
RINGS = ("response", "first", "second", "none")


@dataclass(frozen=True)
class Hub:
    """A funded hub or budget line of the mainports approach."""

    hub_id: str
    name_en: str
    name_nl: str
    kind: str
    colour: str
    display_order: int
    description: str


@dataclass(frozen=True)
class Location:
    """A place a figure is about: a port, an airport, a group of ports, a country or a total."""

    location_id: str
    name_en: str
    name_nl: str
    kind: str
    hub_id: str | None
    country: str
    group: str
    ring: str
    colour: str
    aliases: tuple[str, ...]
    description: str

    def name(self, lang: str = "en") -> str:
        """The display name in English (``"en"``) or Dutch (``"nl"``)."""
        return self.name_nl if lang == "nl" else self.name_en


class Registry:
    """Hubs and locations, looked up by id; unknown names get a suggestion of the nearest known one."""

    def __init__(self, hubs: Iterable[Hub], locations: Iterable[Location]):
        self.hubs: dict[str, Hub] = {h.hub_id: h for h in sorted(hubs, key=lambda h: h.display_order)}
        self.locations: dict[str, Location] = {loc.location_id: loc for loc in locations}
        self._alias: dict[str, str] = {}
        for loc in self.locations.values():
            for name in (loc.location_id, loc.name_en, loc.name_nl, *loc.aliases):
                self._alias.setdefault(name.strip().casefold(), loc.location_id)

    def hub(self, hub_id: str) -> Hub:
        """The hub with this id; ``KeyError`` with a suggestion otherwise."""
        try:
            return self.hubs[hub_id]
        except KeyError:
            raise KeyError(f"unknown hub {hub_id!r}{self._hint(hub_id, self.hubs)}") from None

    def location(self, location_id: str) -> Location:
        """The location with this id; ``KeyError`` with a suggestion otherwise."""
        try:
            return self.locations[location_id]
        except KeyError:
            raise KeyError(f"unknown location {location_id!r}{self._hint(location_id, self.locations)}") from None

    def resolve(self, name: str) -> str | None:
        """The location id for a name or alias as the sources print it ("Rotterdamse haven" → ``rotterdam``)."""
        return self._alias.get(name.strip().casefold())

    def suggest(self, name: str, *, kind: str = "location") -> str | None:
        """The nearest known id for a misspelt or unknown name, or ``None`` when nothing is close."""
        if kind == "hub":
            ids = {h.hub_id: h.hub_id for h in self.hubs.values()}
            ids.update({h.name_en.casefold(): h.hub_id for h in self.hubs.values()})
            ids.update({h.name_nl.casefold(): h.hub_id for h in self.hubs.values()})
        else:
            ids = dict(self._alias)
        direct = self.resolve(name) if kind != "hub" else None
        if direct:
            return direct
        needle = name.strip().casefold()
        match = difflib.get_close_matches(needle, list(ids), n=1, cutoff=0.6)
        if match:
            return ids[match[0]]
        # a word of a longer name: "zeeland" → Havens Zeeland – West-Brabant
        if len(needle) >= 4:
            hits = sorted({v for k, v in ids.items() if needle in k.replace("–", " ").replace("-", " ").split()})
            if len(hits) == 1:
                return hits[0]
        return None

    def _hint(self, name: str, table: dict) -> str:
        best = self.suggest(name, kind="hub" if table is self.hubs else "location")
        return f" (did you mean {best!r}?)" if best else ""

    def colour(self, key: str) -> str:
        """The plot colour of a hub or location id (a location without its own colour takes its hub's)."""
        if key in self.hubs:
            return self.hubs[key].colour
        loc = self.location(key)
        if loc.colour:
            return loc.colour
        return self.hubs[loc.hub_id].colour if loc.hub_id else "#777777"

    def label(self, key: str, lang: str = "en") -> str:
        """The display name of a hub or location id."""
        if key in self.hubs:
            hub = self.hubs[key]
            return hub.name_nl if lang == "nl" else hub.name_en
        return self.location(key).name(lang)

    def in_ring(self, ring: str) -> list[str]:
        """Location ids in a displacement ring (``response``, ``first``, ``second``), registry order."""
        if ring not in RINGS:
            raise ValueError(f"ring must be one of {RINGS}, not {ring!r}")
        return [loc.location_id for loc in self.locations.values() if loc.ring == ring]

    def hub_of(self, location_id: str) -> str | None:
        """The funded hub a location belongs to, if any."""
        return self.location(location_id).hub_id


def _read(path: Path, columns: tuple[str, ...]) -> list[dict[str, str]]:
    with path.open(encoding="utf-8-sig", newline="") as fh:
        reader = csv.DictReader(fh)
        if tuple(reader.fieldnames or ()) != columns:
            raise ValueError(f"{path}: header must be {','.join(columns)}; found {','.join(reader.fieldnames or [])}")
        return [{k: (v or "").strip() for k, v in row.items()} for row in reader]


@cache
def _load(folder: str) -> Registry:
    base = Path(folder)
    hubs = [
        Hub(r["hub_id"], r["name_en"], r["name_nl"], r["kind"], r["colour"], int(r["display_order"]), r["description"])
        for r in _read(base / "hubs.csv", HUB_COLUMNS)
    ]
    locations = [
        Location(
            r["location_id"], r["name_en"], r["name_nl"], r["kind"], r["hub_id"] or None, r["country"], r["group"],
            r["ring"], r["colour"], tuple(a.strip() for a in r["aliases"].split("|") if a.strip()), r["description"],
        )  # fmt: skip
        for r in _read(base / "locations.csv", LOCATION_COLUMNS)
    ]
    return Registry(hubs, locations)


def registry(data_dir: str | os.PathLike[str] | None = None) -> Registry:
    """The registry for a data directory (cached per folder; the files are small and never change in a run)."""
    return _load(str(reference_dir(data_dir)))
