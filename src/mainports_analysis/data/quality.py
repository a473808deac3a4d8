"""The source-quality rubric as a rule in code: what kind of outlet a link is, and how good it can be.

A fact-checker's rubric (data/README.md, "Source quality rubric") in three steps, all from
``data/reference/hosts.csv``, one row per web host the sources link to:

1. **Kind of host**: ``official`` (the publishing authority: ministry, customs, prosecution,
   police, port authority, court of audit, parliament, EU or UN agency, statistics office),
   ``repository`` (an official repository of public papers: officielebekendmakingen.nl,
   tweedekamer.nl), ``news_agency`` (a wire service: ANP, Belga, dpa, AFP, Lusa, ANSA, Europa
   Press), ``newspaper`` / ``broadcaster`` / ``trade`` (an outlet reporting in its own words),
   ``reprint`` (a site that reprints press releases verbatim: medium), ``aggregator`` / ``blog``
   (relays, unknown outlets), and the kinds a reader must never be sent
   to: ``mirror``, ``scraper``, ``shortener``, ``proxy``, ``machine_translation``.
2. **Ceiling**: a rating may not exceed the kind's ceiling (official, repository, news agency:
   high; newspaper, broadcaster, trade: medium; aggregator, blog and the denied kinds: low).
3. **Denied main links**: a source's ``url`` (the link a reader clicks) may not point to a denied
   kind. The copy actually read goes in ``read_via``, which may be any kind.

A host that is not in the table is an error too ("unknown outlet" must be classified, not
guessed). Hosts match by suffix, so ``www.om.nl`` and ``nieuws.om.nl`` both match ``om.nl``.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlparse

QUALITY_ORDER = {"low": 0, "medium": 1, "high": 2}
#: Kind of host → the highest quality rating a source on it may carry.
CEILING = {
    "official": "high",
    "repository": "high",
    "news_agency": "high",
    "newspaper": "medium",
    "broadcaster": "medium",
    "trade": "medium",
    "reprint": "medium",
    "aggregator": "low",
    "blog": "low",
    "mirror": "low",
    "scraper": "low",
    "shortener": "low",
    "proxy": "low",
    "machine_translation": "low",
}
#: Kinds a reader's link may never point to (the copy read may, in ``read_via``).
DENIED = frozenset({"mirror", "scraper", "shortener", "proxy", "machine_translation"})
#: Kinds that reproduce a text verbatim: read through one of them, a figure keeps the main link's rating.
VERBATIM = frozenset({"official", "repository", "mirror", "scraper", "shortener", "proxy"})
#: "An official text read on an unofficial copy" whose original address could not be established.
UNLINKED_COPY_CEILING = "medium"
HOSTS_FILE = "hosts.csv"
#: Domains reserved for documentation and tests (RFC 2606): never a real source, so never classified.
RESERVED = ("example.org", "example.com", "example.net", "test", "invalid")


@dataclass(frozen=True)
class Host:
    """One classified web host."""

    host: str
    kind: str
    note: str = ""

    @property
    def ceiling(self) -> str:
        return CEILING[self.kind]

    @property
    def denied(self) -> bool:
        return self.kind in DENIED


def host_of(url: str) -> str:
    """The host of a URL, lower-case, without ``www.`` and port: ``https://www.OM.nl:443/x`` → ``om.nl``."""
    netloc = urlparse(url.strip()).netloc.lower().rsplit("@", 1)[-1].split(":")[0]
    return netloc.removeprefix("www.")


def is_reserved(url: str) -> bool:
    """True for a URL on a reserved test domain (``example.org``, ``*.test``): test corpora use them."""
    name = host_of(url)
    return any(name == d or name.endswith("." + d) for d in RESERVED)


def read_hosts(path: Path) -> dict[str, Host]:
    """The host table as ``{host: Host}``; raises ``ValueError`` naming FILE:ROW for an unknown kind or a repeat."""
    hosts: dict[str, Host] = {}
    with path.open(encoding="utf-8", newline="") as fh:
        for row_no, row in enumerate(csv.DictReader(fh), start=2):
            host, kind = (row.get("host") or "").strip().lower(), (row.get("kind") or "").strip()
            if kind not in CEILING:
                raise ValueError(f"{path.name}:{row_no}: kind={kind}: must be one of {', '.join(sorted(CEILING))}")
            if not host or host in hosts:
                raise ValueError(f"{path.name}:{row_no}: host={host}: empty or listed twice")
            hosts[host] = Host(host, kind, (row.get("note") or "").strip())
    return hosts


def classify(url: str, hosts: dict[str, Host]) -> Host | None:
    """The table's entry for a URL's host (longest matching suffix), or None when it is not classified."""
    name = host_of(url)
    parts = name.split(".")
    for i in range(len(parts) - 1):
        hit = hosts.get(".".join(parts[i:]))
        if hit is not None:
            return hit
    return None


def source_problems(row: dict[str, str], hosts: dict[str, Host]) -> list[tuple[str, str, str]]:
    """What is wrong with one row of ``sources.csv`` under the rubric, as ``(column, value, rule)``.

    Checks the main link (denied kinds, unclassified host), the copy read (unclassified host) and
    the rating against the ceiling of the *weakest* host involved: a figure read on a relay is only
    as good as the relay unless the main link is the publisher's own page.
    """
    out: list[tuple[str, str, str]] = []
    url, read_via = (row.get("url") or "").strip(), (row.get("read_via") or "").strip()
    if any(is_reserved(u) for u in (url, read_via) if u):
        return out
    quality = (row.get("quality") or "").strip()
    main = classify(url, hosts) if url else None
    if url and main is None:
        out.append(("url", url, f"host {host_of(url)} is not classified in reference/{HOSTS_FILE}; add it with its kind"))
    if main is not None and main.denied:
        out.append(("url", url, f"links to a {main.kind.replace('_', ' ')} ({main.host}); link the publisher's own page "
                                "or an official repository, put the copy read in read_via, or leave url empty"))
    via = classify(read_via, hosts) if read_via else None
    if read_via and via is None:
        out.append(("read_via", read_via, f"host {host_of(read_via)} is not classified in reference/{HOSTS_FILE}"))
    ceiling, why = rating_ceiling(main, via)
    if ceiling is not None and quality in QUALITY_ORDER and QUALITY_ORDER[quality] > QUALITY_ORDER[ceiling]:
        out.append(("quality", quality, f"{why} rates {ceiling} at most"))
    return out


def rating_ceiling(main: Host | None, via: Host | None) -> tuple[str | None, str]:
    """The highest rating a source may carry given its main link and the copy read, and why.

    The main link sets the ceiling when it is a permitted host; a copy that rewrites the text
    (a newspaper, an aggregator, a machine translation) lowers it to its own ceiling, a verbatim copy
    (a mirror of the official text) does not. Without a permitted main link, the copy read decides,
    and a verbatim copy of an unlinked original is ``medium``.
    """
    def name(h: Host) -> str:
        return f"a {h.kind.replace('_', ' ')} ({h.host})"

    if main is not None and not main.denied:
        if via is not None and via.kind not in VERBATIM and QUALITY_ORDER[via.ceiling] < QUALITY_ORDER[main.ceiling]:
            return via.ceiling, f"a figure read on {name(via)}"
        return main.ceiling, name(main)
    if via is not None:
        if via.kind in VERBATIM and via.kind not in ("official", "repository"):
            return UNLINKED_COPY_CEILING, f"an official text read on {name(via)} without its original address"
        return via.ceiling, f"a figure read on {name(via)}"
    if main is not None:  # a denied main link and no copy named
        return main.ceiling, name(main)
    return None, ""
