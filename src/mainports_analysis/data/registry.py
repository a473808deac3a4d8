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
#: The displacement rings around Rotterdam (``none``: a location outside them).
DISPLACEMENT_RINGS = RINGS[:3]

#: Which registry places each group of ports covers (``kind`` ``port_group`` in locations.csv). A group's
#: figures include its members', so a sum over a ring must take either the group or its members, never
#: both. Members outside the registry (Ghent in North Sea Port, Zeebrugge in Antwerp-Bruges, Rouen and
#: Paris in HAROPA) are named in the group's description; hza_hamburg covers Bremerhaven from 2022 only.
GROUP_MEMBERS: dict[str, tuple[str, ...]] = {
    "zwb_ports": ("vlissingen", "terneuzen", "moerdijk"),
    "north_sea_port": ("vlissingen", "terneuzen"),
    "nzkg_ports": ("amsterdam", "ijmuiden"),
    "antwerp_bruges": ("antwerp",),
    "de_seaports": ("hamburg", "bremerhaven"),
    "hza_hamburg": ("hamburg", "bremerhaven"),
    "haropa": ("le_havre",),
}


class UnknownIdError(KeyError, ValueError):
    """An id, metric, period or folder the data does not know; the message says what was meant.

    A ``KeyError`` (a lookup failed) and a ``ValueError`` (an argument is wrong), so either ``except``
    catches it. Its text is the plain message, not the repr ``KeyError`` prints.
    """

    def __str__(self) -> str:
        return str(self.args[0]) if self.args else ""


def did_you_mean(name: object, choices: Iterable[str]) -> str:
    """`` (did you mean 'x'?)`` for the nearest of ``choices`` to a misspelt name, or ``""`` if none is close.

    Close: :func:`difflib.get_close_matches` with cutoff 0.6 on the case-folded text, or the same text
    in another case ("FY" for "fy").
    """
    options = [str(c) for c in choices]
    text = str(name).strip()
    folded = {o.casefold(): o for o in options}
    if text.casefold() in folded and folded[text.casefold()] != text:
        return f" (did you mean {folded[text.casefold()]!r}?)"
    match = difflib.get_close_matches(text.casefold(), list(folded), n=1, cutoff=0.6)
    return f" (did you mean {folded[match[0]]!r}?)" if match else ""


def check_choice(value: object, choices: Iterable[str], *, what: str) -> str:
    """``value`` if it is one of ``choices``; else :class:`UnknownIdError` with a suggestion and the choices.

    ``what`` names the argument in the message (``"metric"``, ``"period"``): ``unknown metric
    'cocaine_kgs' (did you mean 'cocaine_kg'?); known: cocaine_kg, drugs_kg, ...``.
    """
    options = list(dict.fromkeys(str(c) for c in choices))
    if not isinstance(value, str) or value not in options:
        raise UnknownIdError(f"unknown {what} {value!r}{did_you_mean(value, options)}; known: {', '.join(options)}")
    return value


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

    def check_location(self, location_id: object, *, what: str = "location") -> str:
        """``location_id`` if the registry knows it; else :class:`UnknownIdError` with the nearest id.

        For functions that take a location: ``annual(s, locations=["roterdam"])`` fails with
        ``unknown location 'roterdam' (did you mean 'rotterdam'?)`` instead of returning nothing.
        ``what`` names the argument in the message (``"response location"``).
        """
        if isinstance(location_id, str) and location_id in self.locations:
            return location_id
        best = self.suggest(location_id, kind="location") if isinstance(location_id, str) else None
        hint = f" (did you mean {best!r}?)" if best else ""
        raise UnknownIdError(f"unknown {what} {location_id!r}{hint}; location ids are listed in data/reference/locations.csv")

    def check_locations(self, location_ids: Iterable[str] | str, *, what: str = "location") -> list[str]:
        """Every id checked with :meth:`check_location` (a single string is refused: pass a list)."""
        if isinstance(location_ids, str):
            raise TypeError(f"{what}s must be a list of ids, not the string {location_ids!r}; write [{location_ids!r}]")
        return [self.check_location(loc, what=what) for loc in location_ids]

    def check_hub(self, hub_id: object, *, what: str = "hub") -> str:
        """``hub_id`` if the registry knows it; else :class:`UnknownIdError` with the nearest hub id."""
        if isinstance(hub_id, str) and hub_id in self.hubs:
            return hub_id
        best = self.suggest(hub_id, kind="hub") if isinstance(hub_id, str) else None
        hint = f" (did you mean {best!r}?)" if best else ""
        raise UnknownIdError(f"unknown {what} {hub_id!r}{hint}; hub ids: {', '.join(self.hubs)}")

    def members(self, location_id: str) -> tuple[str, ...]:
        """The registry places a group of ports covers (:data:`GROUP_MEMBERS`); ``()`` for a single place."""
        self.check_location(location_id)
        return GROUP_MEMBERS.get(location_id, ())

    def is_group(self, location_id: str) -> bool:
        """True for a location whose figures include other locations' (a group of ports)."""
        return self.location(location_id).kind == "port_group"

    def in_ring(self, ring: str, *, level: str = "places") -> list[str]:
        """Location ids in a displacement ring (``response``, ``first``, ``second``), registry order.

        ``level="places"`` (default): the single ports, never a group, so no place is counted twice and
        a sum of the ids' figures is a sum over distinct places. ``level="groups"``: only the groups of
        ports (they overlap each other: North Sea Port and the Zeeland–West-Brabant ports share
        Vlissingen and Terneuzen). ``level="all"``: both, overlapping (for a list of every id, not for
        sums). ``none`` is not a ring: it marks the locations outside the rings.
        """
        if ring not in DISPLACEMENT_RINGS:
            raise UnknownIdError(f"unknown ring {ring!r}{did_you_mean(ring, DISPLACEMENT_RINGS)}; "
                                 f"rings: {', '.join(DISPLACEMENT_RINGS)}")  # fmt: skip
        check_choice(level, ("places", "groups", "all"), what="level")
        ids = [loc.location_id for loc in self.locations.values() if loc.ring == ring]
        if level == "places":
            return [i for i in ids if not self.is_group(i)]
        if level == "groups":
            return [i for i in ids if self.is_group(i)]
        return ids

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
    return _check_groups(Registry(hubs, locations))


def _check_groups(reg: Registry) -> Registry:
    """Every group of ports has its members listed, and every member is a single place in the registry."""
    groups = {i for i, loc in reg.locations.items() if loc.kind == "port_group"}
    if missing := sorted(groups - set(GROUP_MEMBERS)):
        raise ValueError(f"locations.csv: port groups without members in registry.GROUP_MEMBERS: {', '.join(missing)}")
    for group, members in GROUP_MEMBERS.items():
        if group not in reg.locations:
            continue  # a registry of a test corpus may lack a group
        bad = [m for m in members if m not in reg.locations or reg.locations[m].kind == "port_group"]
        if bad:
            raise ValueError(f"registry.GROUP_MEMBERS[{group!r}]: not a single place in locations.csv: {', '.join(bad)}")
    return reg


def registry(data_dir: str | os.PathLike[str] | None = None) -> Registry:
    """The registry for a data directory (cached per folder; the files are small and never change in a run)."""
    return _load(str(reference_dir(data_dir)))
