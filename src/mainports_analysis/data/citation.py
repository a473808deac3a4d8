"""The full citation of any figure from its record id: publisher, title, date, address, accessed, quote.

Every figure row in ``data/raw`` names its source (``source_id``) and quotes it verbatim; this module
joins the two so that a reader (or a fact-checker) gets, from one id such as
``rotterdam-2021-cocaine_kg-harc-a``, everything needed to find the figure where it was published::

    >>> from mainports_analysis import cite
    >>> print(cite("rotterdam-2021-cocaine_kg-harc-a"))

``read_via`` (the copy actually read, when it is not the publisher's own page) is shown when
``sources.csv`` has that optional column, and left empty when it has not.
"""

from __future__ import annotations

import difflib
import os
from dataclasses import dataclass

#: The raw files whose rows carry a figure and a quote, and the name of their id column.
RECORD_TABLES = {
    "seizures": "record_id", "throughput": "record_id", "indicators": "record_id",
    "allocations": "record_id", "audit": "record_id", "measures": "measure_id",
}  # fmt: skip


class UnknownRecord(KeyError):
    """No row in the data has this record id; the message suggests the nearest one."""

    def __str__(self) -> str:  # KeyError would print the message in quotes
        return str(self.args[0])


@dataclass(frozen=True)
class Citation:
    """Where one figure was published and the words that print it."""

    record_id: str
    table: str  # the raw file the row is in (seizures, allocations, ...)
    source_id: str
    publisher: str
    title: str
    published: str  # YYYY, YYYY-MM or YYYY-MM-DD; empty when the source shows no date
    url: str  # empty when no public address of the original is known
    accessed: str  # YYYY-MM-DD
    quote: str
    read_via: str = ""  # the copy actually read, when sources.csv records one

    def __str__(self) -> str:
        date = self.published or "n.d."
        where = f" {self.url}" if self.url else " (no public address known)"
        via = f" Read via {self.read_via}." if self.read_via else ""
        return f'{self.publisher}, "{self.title}", {date}.{where} (accessed {self.accessed}).{via} Quote: "{self.quote}" [{self.record_id}]'


def _text(value) -> str:
    import pandas as pd

    return "" if value is None or pd.isna(value) else str(value)


def cite(record_id: str, data_dir: str | os.PathLike[str] | None = None) -> Citation:
    """The full citation of the figure with this record id (any raw file with figures and quotes).

    Raises :class:`UnknownRecord` (a ``KeyError``) naming the nearest known id when there is no such
    record, rather than returning an empty citation.
    """
    from mainports_analysis.data import load

    rows: dict[str, tuple[str, object]] = {}
    for table, id_col in RECORD_TABLES.items():
        frame = getattr(load, f"load_{table}")(data_dir)
        for row in frame[[id_col, "source_id", "quote"]].itertuples(index=False):
            rows[str(row[0])] = (table, row)
    if record_id not in rows:
        near = difflib.get_close_matches(str(record_id), list(rows), n=1, cutoff=0.6)
        hint = f"; did you mean {near[0]!r}?" if near else ""
        raise UnknownRecord(f"unknown record id {record_id!r}: no row in data/raw has it{hint}")
    table, row = rows[record_id]
    sources = load.load_sources(data_dir).set_index("source_id")
    src = sources.loc[str(row[1])]
    return Citation(
        record_id=record_id,
        table=table,
        source_id=str(row[1]),
        publisher=_text(src["publisher"]),
        title=_text(src["title"]),
        published=_text(src["published"]),
        url=_text(src["url"]),
        accessed=_text(src["accessed"]),
        quote=_text(row[2]),
        read_via=_text(src["read_via"]) if "read_via" in src.index else "",
    )
