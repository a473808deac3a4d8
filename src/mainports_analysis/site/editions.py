"""Editions: dated, citable states of the briefing's data and findings, each in a committed record.

``mainports edition [--date YYYY-MM-DD]`` cuts one (:func:`cut`). The record, ``editions/YYYY-MM-DD.json``,
holds the edition's date and version, the hash of the data (every byte of ``data/raw`` and
``data/reference``), the key findings in English and Dutch with their numbers, and a snapshot of
every data row (id → its short fields verbatim, long texts as a hash), so that the *What changed*
page (:mod:`mainports_analysis.site.changes`) can show, per edition, the rows added, changed or
removed with their old and new value and source, and every finding whose text or number moved.
Records are written deterministically (sorted keys, floats to 12 significant digits), so the same
data gives the same bytes.

The version is the edition's date as ``YYYY.M.D`` (calendar versioning, PEP 440): the version names
the edition. Cutting refuses, with one actionable line, when the data fail validation, a notebook's
outputs are stale, an edition already exists for the date (``--replace`` re-cuts it), a record is
unreadable, or ``CITATION.cff`` names an edition whose record is missing.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import math
import re
from dataclasses import dataclass
from pathlib import Path

FORMAT = 1
FOLDER = "editions"
#: Raw files snapshotted in a record, with their id column (the registry tables are covered by the hash).
TABLES = {
    "sources": "source_id", "seizures": "record_id", "throughput": "record_id", "indicators": "record_id",
    "allocations": "record_id", "audit": "record_id", "measures": "measure_id",
}  # fmt: skip
DATA_GLOBS = ("data/raw/*.csv", "data/reference/*.csv")
#: Values longer than this are stored as a hash in the row snapshot, except the fields the page shows.
VERBATIM = 40
SHOWN = frozenset({"value", "unit", "amount_eur_mln", "source_id", "status", "publisher"})
_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")


class EditionError(RuntimeError):
    """An edition cannot be cut or read; the message is one line and says what to do."""


@dataclass(frozen=True)
class EditionInfo:
    """The current edition as the site shows it."""

    date: str  # YYYY-MM-DD
    version: str  # YYYY.M.D
    path: Path


def version_for(date: str) -> str:
    """The version of the edition of ``date``: ``2026-12-07`` → ``2026.12.7`` (PEP 440 calendar version)."""
    d = parse_date(date)
    return f"{d.year}.{d.month}.{d.day}"


def parse_date(text: str) -> dt.date:
    """A calendar day written YYYY-MM-DD, or :class:`EditionError` saying what is wrong."""
    if not _DAY.match(str(text)):
        raise EditionError(f"edition date {text!r} is not written YYYY-MM-DD (for example 2027-01-15)")
    try:
        return dt.date.fromisoformat(text)
    except ValueError as err:
        raise EditionError(f"edition date {text!r} is not a calendar day ({err})") from None


# ------------------------------------------------------------------------------------------- the record


def data_hash(root: Path) -> str:
    """SHA-256 over the paths and bytes of every file in ``data/raw`` and ``data/reference`` (sorted)."""
    h = hashlib.sha256()
    for p in sorted({p for g in DATA_GLOBS for p in root.glob(g) if p.is_file()}):
        h.update(p.relative_to(root).as_posix().encode() + b"\0")
        h.update(hashlib.sha256(p.read_bytes()).digest())
    return h.hexdigest()


def _short_hash(text: str) -> str:
    return "sha256:" + hashlib.sha256(text.encode("utf-8")).hexdigest()[:12]


def snapshot(root: Path) -> dict[str, dict[str, dict[str, str]]]:
    """Every raw row by table and id: short fields verbatim (as written), long texts as a hash.

    Long texts (the schemas' ``text`` fields: quotes, notes, and any other value longer than
    :data:`VERBATIM` characters: titles, addresses) are hashed so the record stays small; a change to
    one still shows as a changed row, naming the field. The fields the page shows (value, unit,
    amount, source, status, publisher) are always verbatim.
    """
    import csv

    from mainports_analysis.data import schemas

    out: dict[str, dict[str, dict[str, str]]] = {}
    for table, id_col in TABLES.items():
        resource = schemas.BY_NAME[table]
        long = {f.name for f in resource.fields if f.kind == "text"}
        path = root / "data" / resource.path
        with path.open(encoding="utf-8", newline="") as fh:
            rows = list(csv.DictReader(fh))
        out[table] = {
            row[id_col]: {k: (_short_hash(v) if v and (k in long or (len(v) > VERBATIM and k not in SHOWN)) else v)
                          for k, v in row.items() if k != id_col and k is not None}
            for row in rows
        }
    return out


def _plain(value):
    """JSON-safe, platform-stable: numpy scalars to Python, floats to 12 significant digits, tuples to lists."""
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    if hasattr(value, "item") and not isinstance(value, str):
        value = value.item()
    if isinstance(value, bool) or value is None or isinstance(value, int | str):
        return value
    if isinstance(value, float):
        return None if not math.isfinite(value) else float(f"{value:.12g}")
    return str(value)


def findings_record(data: dict) -> list[dict]:
    """The key findings as plain records: key, page, headings, texts and short texts in both languages, numbers."""
    from mainports_analysis.report.findings import key_findings

    fields = ("key", "page", "heading_en", "heading_nl", "text_en", "text_nl", "short_en", "short_nl")
    return [{**{k: getattr(f, k) for k in fields}, "numbers": _plain(f.numbers)} for f in key_findings(data)]


def make_record(root: Path, date: str) -> dict:
    """The record of an edition of ``date`` cut from the data in ``root`` now."""
    from mainports_analysis.data.load import load_all

    return {
        "format": FORMAT,
        "date": parse_date(date).isoformat(),
        "version": version_for(date),
        "data_hash": data_hash(root),
        "findings": findings_record(load_all(root / "data")),
        "rows": snapshot(root),
    }


def record_text(record: dict) -> str:
    """The record as the exact committed text: sorted keys, UTF-8, final newline, one line per data row.

    One line per row keeps the record small and makes ``git diff`` between two records show exactly
    the rows that changed.
    """
    plain = _plain(record)
    dumps = {"sort_keys": True, "ensure_ascii": False, "allow_nan": False}
    rows = plain.pop("rows", {})
    head = json.dumps({**plain, "rows": "\0"}, indent=1, **dumps)
    tables = []
    for table in sorted(rows):
        lines = [f"   {json.dumps(rid, **dumps)}: {json.dumps(row, separators=(',', ':'), **dumps)}" for rid, row in sorted(rows[table].items())]
        tables.append(f"  {json.dumps(table)}: " + ("{\n" + ",\n".join(lines) + "\n  }" if lines else "{}"))
    return head.replace('"\\u0000"', "{\n" + ",\n".join(tables) + "\n }") + "\n"


# ------------------------------------------------------------------------------------------- reading


def record_path(root: Path, date: str) -> Path:
    return root / FOLDER / f"{parse_date(date).isoformat()}.json"


def read(path: Path, root: Path | None = None) -> dict:
    """One record, or :class:`EditionError` naming the file and what is wrong with it."""
    shown = path.relative_to(root).as_posix() if root and path.is_relative_to(root) else str(path)
    restore = f"restore it with `git restore {shown}`"
    try:
        record = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise EditionError(f"{shown} is missing: {restore}") from None
    except UnicodeDecodeError:
        raise EditionError(f"{shown} is not UTF-8 text: {restore}") from None
    except json.JSONDecodeError as err:
        raise EditionError(f"{shown} is not valid JSON (line {err.lineno}, column {err.colno}: {err.msg}): {restore}") from None
    missing = [k for k in ("format", "date", "version", "data_hash", "findings", "rows") if not isinstance(record, dict) or k not in record]
    if missing:
        raise EditionError(f"{shown} is not an edition record (no {', '.join(missing)}): {restore}")
    if record["format"] != FORMAT:
        raise EditionError(f"{shown} has record format {record['format']!r}; this library reads format {FORMAT}: upgrade it")
    if f"{record['date']}.json" != path.name:
        raise EditionError(f"{shown} says its date is {record['date']!r}; the file name and the date must agree: {restore}")
    return record


def records(root: Path) -> list[dict]:
    """Every edition record, oldest first (raises :class:`EditionError` on the first unreadable one)."""
    folder = root / FOLDER
    return [read(p, root) for p in sorted(folder.glob("*.json"))] if folder.is_dir() else []


def current(root: Path | None = None) -> EditionInfo | None:
    """The latest edition (its date, version and record), or ``None`` before the first one is cut.

    For the home page and the footer: "Edition of 7 December 2026 (version 2026.12.7)".
    """
    from mainports_analysis.paths import project_root

    root = root or project_root()
    recs = records(root)
    if not recs:
        return None
    last = recs[-1]
    return EditionInfo(date=last["date"], version=last["version"], path=record_path(root, last["date"]))


def unrecorded_change(root: Path) -> str | None:
    """The one-line warning when the data differ from the latest edition's, else ``None``.

    "data changed since edition 2026-12-07: run `mainports edition`" — a data change must become
    an edition before it is published, or the site's date and the data disagree.
    """
    recs = records(root)
    if not recs:
        return "no edition has been cut yet: run `mainports edition`"
    if recs[-1]["data_hash"] != data_hash(root):
        return f"data changed since edition {recs[-1]['date']}: run `mainports edition`"
    return None


# ------------------------------------------------------------------------------------------- checks


def stale_notebooks(root: Path) -> list[str]:
    """The notebooks the site renders whose committed outputs are not from their current inputs."""
    from mainports_analysis.site import project
    from mainports_analysis.site.execute import UnreadableNotebook, is_current, read_notebook, shared_hash

    shared = shared_hash(root)
    stale = []
    for path in project.notebooks(root):
        try:
            current_ = is_current(read_notebook(path), shared)
        except UnreadableNotebook:
            current_ = False
        if not current_:
            stale.append(path.relative_to(root).as_posix())
    return stale


def cited_edition(root: Path) -> str | None:
    """The edition date ``CITATION.cff`` names (its date-released, when its version is that date's), if any."""
    path = root / "CITATION.cff"
    if not path.is_file():
        return None
    text = path.read_text(encoding="utf-8")
    version = re.search(r'^version:\s*"?([^"\n]+)"?\s*$', text, re.M)
    date = re.search(r'^date-released:\s*"?(\d{4}-\d{2}-\d{2})"?\s*$', text, re.M)
    if version and date and _DAY.match(date.group(1)) and version.group(1) == version_for(date.group(1)):
        return date.group(1)
    return None


def refusal(root: Path, date: str, *, replace: bool = False) -> str | None:
    """Why an edition of ``date`` cannot be cut now (one actionable line), or ``None`` when it can.

    Checked in this order: the date, the existing records (readable, none later, none for that date
    unless ``replace``), the record ``CITATION.cff`` names, the data's validity, the notebooks.
    """
    from mainports_analysis.data.load import report

    try:
        day = parse_date(date).isoformat()
        recs = records(root)
    except EditionError as err:
        return str(err)
    later = [r["date"] for r in recs if r["date"] > day]
    if later:
        return f"edition {later[-1]} is later than {day}: editions are cut in date order (use --date {later[-1]} or later)"
    if any(r["date"] == day for r in recs) and not replace:
        return f"{FOLDER}/{day}.json already exists: an edition was cut on {day}; re-cut it with `mainports edition --replace`"
    cited = cited_edition(root)
    if cited and not (root / FOLDER / f"{cited}.json").is_file():
        return f"CITATION.cff names edition {cited} but {FOLDER}/{cited}.json is missing: restore it with `git restore {FOLDER}/{cited}.json`"
    rep = report(root / "data")
    if rep.errors:
        return f"the data has {len(rep.errors)} validation error(s), first {rep.errors[0]}: fix them (`mainports validate`), then cut the edition"
    stale = stale_notebooks(root)
    if stale:
        more = f" and {len(stale) - 1} more" if len(stale) > 1 else ""
        return f"notebook outputs are stale ({stale[0]}{more}): run `mainports build` and commit the notebooks, then cut the edition"
    return None


# ------------------------------------------------------------------------------------------- cutting


def set_version(root: Path, date: str) -> list[Path]:
    """Write the edition's version and date into ``CITATION.cff`` and ``pyproject.toml``; returns the files changed.

    ``mainports_analysis.__version__`` reads the installed package's metadata, which follows
    ``pyproject.toml`` on the next ``make setup``; keeping the literal out of the library's source
    keeps every notebook current when an edition is cut (their hash covers the library's code).
    """
    version, day = version_for(date), parse_date(date).isoformat()
    changed = []
    cff = root / "CITATION.cff"
    if cff.is_file():
        text = cff.read_text(encoding="utf-8")
        new = re.sub(r'^(\s*)version:.*$', lambda m: f'{m.group(1)}version: "{version}"', text, flags=re.M)
        new = re.sub(r'^(\s*)date-released:.*$', lambda m: f'{m.group(1)}date-released: "{day}"', new, flags=re.M)
        new = re.sub(r"(edition of )\d{4}-\d{2}-\d{2}", rf"\g<1>{day}", new)
        if new != text:
            cff.write_text(new, encoding="utf-8")
            changed.append(cff)
    pyproject = root / "pyproject.toml"
    if pyproject.is_file():
        text = pyproject.read_text(encoding="utf-8")
        new = re.sub(r'^version = "[^"]*"', f'version = "{version}"', text, count=1, flags=re.M)
        if new != text:
            pyproject.write_text(new, encoding="utf-8")
            changed.append(pyproject)
    return changed


def regenerate(root: Path) -> list[Path]:
    """Rewrite every file derived from the data that is committed: the data log's inventory, the
    data package (descriptor and derived series) and the What changed page. Returns the files written.

    Called by the edition command and before every build, so nobody has to remember them.
    """
    from mainports_analysis.data.products import datapackage, inventory
    from mainports_analysis.site import changes

    written = []
    if inventory.write_inventory(root / "data" / "README.md", root / "data"):
        written.append(root / "data" / "README.md")
    written += datapackage.write(root / "data")
    if changes.write_page(root):
        written.append(root / changes.PAGE)
    return written


def before_render(root: Path, say=print) -> None:
    """The build's hook: regenerate the derived files, and warn when the data changed without an edition."""
    try:
        for path in regenerate(root):
            say(f"  regenerated {path.relative_to(root).as_posix()}")
        warning = unrecorded_change(root)
    except EditionError as err:
        warning = str(err)
    if warning:
        say(f"  warning: {warning}")


def cut(root: Path, date: str | None = None, *, replace: bool = False):
    """Cut the edition of ``date`` (default: today, UTC): write its record, bump the version, regenerate.

    Returns ``(path, changes)``: the record written and the
    :class:`~mainports_analysis.site.changes.Changes` since the previous edition (``None`` for the
    first). Raises :class:`EditionError` with the refusal when the edition cannot be cut.
    """
    from mainports_analysis.site import changes

    date = date or dt.datetime.now(dt.UTC).date().isoformat()
    why = refusal(root, date, replace=replace)
    if why:
        raise EditionError(why)
    record = make_record(root, date)
    previous = [r for r in records(root) if r["date"] < record["date"]]
    path = record_path(root, date)
    path.parent.mkdir(exist_ok=True)
    from mainports_analysis._io import write_atomic

    set_version(root, date)
    write_atomic(path, record_text(record))
    regenerate(root)
    diff = changes.compare(previous[-1], json.loads(record_text(record))) if previous else None
    return path, diff
