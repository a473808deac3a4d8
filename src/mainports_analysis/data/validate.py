"""Validate the raw files against their declared schemas and report every problem on its own line.

Each problem reads ``FILE:ROW: COLUMN=VALUE: rule`` where ROW is the line in the file (the header is
line 1), so a curator can jump straight to it. Encoding and layout problems (missing or empty file,
bytes that are not UTF-8, a wrong header, a row with too many fields) are found while reading; the
declared column checks run through pandera; checks that span columns or files (the number must be
printed in the quote, the unit must fit the metric, foreign keys) run after. Nothing is dropped: a
row with a problem is reported, and the loaders refuse to return data while any error remains.
"""

from __future__ import annotations

import csv
import io
import os
import re
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from mainports_analysis.data import schemas
from mainports_analysis.data.numbers import appears_in, decimal_for, is_plain_number, numbers_in
from mainports_analysis.data.registry import Hub, Location, Registry
from mainports_analysis.data.units import (  # noqa: F401  (MASS_WORDS and the finders stay importable from here)
    _MASS_NAMES,
    MASS_WORDS,
    _printed_unit,
    mass_words_in,
    printed_mass_units,
)
from mainports_analysis.paths import data_dir as _data_dir
from mainports_analysis.paths import reference_dir

_SHOW = 60  # characters of a value shown in a problem line


@dataclass(frozen=True, order=True)
class Problem:
    """One problem in one cell (or line, or file): where it is, what is there, and the rule it breaks."""

    file: str
    row: int
    column: str
    value: str
    rule: str
    severity: str = "error"  # error | warning

    def __str__(self) -> str:
        value = self.value.replace("\n", "\\n")
        if len(value) > _SHOW:
            value = value[: _SHOW - 1] + "…"
        prefix = "warning: " if self.severity == "warning" else ""
        where = f"{self.file}:{self.row}" if self.row else self.file  # row 0: the whole file
        if self.column == "-":  # a line or the file, not one cell
            return f"{prefix}{where}: {value + ': ' if value else ''}{self.rule}"
        return f"{prefix}{where}: {self.column}={value}: {self.rule}"

    @property
    def file_level(self) -> bool:
        """A problem with the file as a whole or its header (missing, empty, not UTF-8, wrong columns)."""
        return self.row <= 1


class DataValidationError(ValueError):
    """Raised by the loaders when the raw data has errors; ``.problems`` lists every one."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        shown = "\n".join(str(p) for p in problems[:25])
        more = f"\n… and {len(problems) - 25} more" if len(problems) > 25 else ""
        super().__init__(f"{len(problems)} problem(s) in the raw data:\n{shown}{more}")


@dataclass
class Table:
    """A raw file read as text: one row per record, every cell a stripped string, with its line number."""

    resource: schemas.Resource
    path: Path
    frame: pd.DataFrame
    problems: list[Problem] = field(default_factory=list)
    readable: bool = True  # False when the header or encoding makes the rows unusable

    @property
    def label(self) -> str:
        return self.resource.path


@dataclass
class Report:
    """The outcome of validating a data directory: every table read and every problem found."""

    data_dir: Path
    tables: dict[str, Table]
    problems: list[Problem]

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "error"]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "warning"]

    @property
    def ok(self) -> bool:
        return not self.errors


# ----------------------------------------------------------------------------------------------- reading


def _file_path(base: Path, resource: schemas.Resource) -> Path:
    if resource.reference:
        return reference_dir(base) / Path(resource.path).name
    raw = base / "raw" if (base / "raw").is_dir() else base
    return raw / Path(resource.path).name


def _label(base: Path, path: Path, resource: schemas.Resource) -> str:
    try:
        return path.relative_to(base).as_posix()
    except ValueError:
        return resource.path


def read_table(path: Path, resource: schemas.Resource, label: str | None = None) -> Table:
    """Read one raw file as text, reporting encoding and layout problems with their line numbers."""
    label = label or resource.path
    columns = list(resource.columns)
    empty = pd.DataFrame(columns=["_line", *columns])
    problems: list[Problem] = []

    def bad(row: int, column: str, value: str, rule: str, severity: str = "error") -> None:
        problems.append(Problem(label, row, column, value, rule, severity))

    if not path.is_file():
        bad(0, "-", "", f"file is missing (expected {path})")
        return Table(resource, path, empty, problems, readable=False)
    data = path.read_bytes()
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
        bad(1, "-", "BOM", "byte-order mark at the start of the file (ignored; save as UTF-8 without BOM)", "warning")
    if not data.strip():
        bad(1, "-", "", f"empty file: expected a header row {','.join(columns)}")
        return Table(resource, path, empty, problems, readable=False)
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        text = data.decode("utf-8", errors="replace")
        _report_bad_bytes(data, text, label, columns, problems)
        return Table(resource, path, empty, problems, readable=False)
    if "\r\n" in text:
        bad(1, "-", "CRLF", "Windows line endings (read as usual)", "warning")

    reader = csv.reader(io.StringIO(text, newline=""))
    records: list[tuple[int, list[str]]] = []
    start = 1
    for cells in reader:
        records.append((start, cells))
        start = reader.line_num + 1
    header_line, header = records[0]
    header = [h.strip() for h in header]
    if header != columns:
        _report_header(header, columns, label, problems)
        return Table(resource, path, empty, problems, readable=False)

    rows: list[list] = []
    blanks = 0
    for line, cells in records[1:]:
        if not cells or all(not c.strip() for c in cells):
            bad(line, "-", "", "blank line (skipped; it holds no figure)", "warning")
            continue
        if len(cells) != len(columns):
            bad(line, "-", f"{len(cells)} fields", f"row has {len(cells)} fields, the header has {len(columns)}")
            continue
        stripped = [c.strip() for c in cells]
        blanks += sum(1 for a, b in zip(cells, stripped, strict=True) if a != b)
        rows.append([line, *stripped])
    if blanks:
        bad(header_line, "-", f"{blanks} cells", "leading or trailing blanks in cells (stripped)", "warning")
    frame = pd.DataFrame(rows, columns=["_line", *columns], dtype=object)
    frame["_line"] = frame["_line"].astype(int)
    return Table(resource, path, frame, problems)


def _report_bad_bytes(data: bytes, text: str, label: str, columns: list[str], problems: list[Problem]) -> None:
    """Name the line and column of every byte that is not UTF-8 (a file saved as Latin-1, say)."""
    for m in re.finditer("\ufffd", text):
        line = text.count("\n", 0, m.start()) + 1
        line_start = text.rfind("\n", 0, m.start()) + 1
        col_index = _column_at(text[line_start : m.start()])
        column = columns[col_index] if line > 1 and col_index < len(columns) else "-"
        offset = len(text[: m.start()].encode("utf-8", errors="replace"))
        raw = data[offset : offset + 1] if offset < len(data) else b""
        problems.append(Problem(label, line, column, f"0x{raw.hex()}" if raw else "?", "not UTF-8: save the file as UTF-8"))
        break  # one line is enough to act on; the whole file must be re-saved


def _column_at(prefix: str) -> int:
    """The index of the CSV column a character sits in, given the text of its line before it."""
    try:
        return max(len(next(csv.reader([prefix + "x"]))) - 1, 0)
    except (csv.Error, StopIteration):
        return 0


def _report_header(found: list[str], expected: list[str], label: str, problems: list[Problem]) -> None:
    import difflib

    missing = [c for c in expected if c not in found]
    extra = [c for c in found if c not in expected]
    for col in extra:
        near = difflib.get_close_matches(col, missing, n=1, cutoff=0.6)
        hint = f" (renamed? expected {near[0]!r})" if near else ""
        problems.append(Problem(label, 1, col or "-", col, f"unknown column{hint}"))
    for col in missing:
        problems.append(Problem(label, 1, col, "", "missing column"))
    if not missing and not extra:
        problems.append(
            Problem(label, 1, "-", ",".join(found), f"columns in the wrong order; expected {','.join(expected)}")
        )


# ---------------------------------------------------------------------------------------- column checks


def _real_date(v: object) -> bool:
    """False only for a YYYY-MM or YYYY-MM-DD that names no calendar day (2022-13-45); other shapes are the pattern check's."""
    import datetime as dt

    parts = str(v).split("-")
    if not all(p.isdigit() for p in parts) or len(parts) not in (2, 3):
        return True
    try:
        dt.date(int(parts[0]), int(parts[1]), int(parts[2]) if len(parts) == 3 else 1)
    except ValueError:
        return False
    return True


def _num(s: pd.Series) -> pd.Series:
    return pd.to_numeric(s.where(s.map(lambda v: isinstance(v, str) and is_plain_number(v))), errors="coerce")


def _column_checks(f: schemas.Field, valid: dict[str, set[str] | None]) -> list[tuple[str, Callable[[pd.Series], pd.Series]]]:
    """The checks of one declared field: (rule text, function returning True where the cell passes)."""
    checks: list[tuple[str, Callable[[pd.Series], pd.Series]]] = []
    filled = lambda s: s != ""  # noqa: E731
    if f.required:
        checks.append(("required: must not be empty", filled))
    if f.kind == "integer":
        checks.append(("not an integer", lambda s: ~filled(s) | s.str.fullmatch(r"-?\d+").fillna(False)))
    if f.kind == "number":
        comma = r"-?\d+,\d+"
        checks.append(
            ("comma used as decimal separator: write a dot (16.5), no thousands separator",
             lambda s: ~s.str.fullmatch(comma).fillna(False))
        )  # fmt: skip
        checks.append(
            ("not a plain number: digits and a dot only; put the unit in `unit` and hedges in `qualifier`",
             lambda s: ~filled(s) | s.str.fullmatch(comma).fillna(False) | s.map(is_plain_number))
        )  # fmt: skip
    if f.kind == "boolean":
        checks.append(("must be true or false", lambda s: ~filled(s) | s.isin(["true", "false"])))
    if f.kind == "date":
        checks.append(("not a real calendar date (month 01-12, day within the month)", lambda s: ~filled(s) | s.map(_real_date)))
    if f.choices:
        choices = f.choices
        checks.append((f"not one of: {', '.join(choices)}", lambda s: ~filled(s) | s.isin(choices)))
    if f.pattern:
        pattern = f.pattern
        rule = {
            schemas.ID_PATTERN: "must be lower-case letters, digits and _ . - (a canonical id)",
            schemas.DATE_PATTERN: "must be a date YYYY, YYYY-MM or YYYY-MM-DD",
            schemas.DAY_PATTERN: "must be a date YYYY-MM-DD",
        }.get(pattern, f"must match {pattern}")
        checks.append((rule, lambda s: ~filled(s) | s.str.fullmatch(pattern.strip("^$")).fillna(False)))
    if f.minimum is not None:
        lo = f.minimum
        word = "year" if f.kind == "integer" and lo == schemas.YEAR_MIN else "value"
        checks.append((f"{word} below {lo:g}", lambda s: ~(_num(s) < lo).fillna(False)))
    if f.maximum is not None:
        hi = f.maximum
        word = "year" if f.kind == "integer" and hi == schemas.YEAR_MAX else "value"
        checks.append((f"{word} above {hi:g}", lambda s: ~(_num(s) > hi).fillna(False)))
    if f.references and valid.get(f.references[0]) is not None:  # None: that table is unreadable
        table, _ = f.references
        known = valid[table]
        where = f"data/reference/{table}.csv" if table in ("hubs", "locations") else f"raw/{table}.csv"
        rule = f"unknown {table[:-1] if table.endswith('s') else table} id (not in {where})"
        if f.kind == "list":
            checks.append((rule, lambda s: s.map(lambda v: all(x.strip() in known for x in v.split("|")) if v else True)))
        else:
            checks.append((rule, lambda s: ~filled(s) | s.isin(known)))
    return checks


def _pandera_schema(resource: schemas.Resource, valid: dict[str, set[str] | None]):
    """The pandera schema of a raw file read as text (every cell a string)."""
    import pandera.pandas as pa

    columns = {}
    for f in resource.fields:
        checks = [
            pa.Check(fn, error=rule, name=rule, ignore_na=False)  # element-wise results from vectorised functions
            for rule, fn in _column_checks(f, valid)
        ]
        unique = f.name in resource.primary_key and len(resource.primary_key) == 1
        columns[f.name] = pa.Column(str, checks=checks, nullable=False, unique=unique, coerce=False)
    return pa.DataFrameSchema(columns, strict=False, ordered=False)


def _run_pandera(table: Table, valid: dict[str, set[str] | None], reg: Registry | None = None) -> list[Problem]:
    import pandera.pandas as pa

    frame = table.frame
    if frame.empty:
        return []
    schema = _pandera_schema(table.resource, valid)
    try:
        schema.validate(frame, lazy=True)
        return []
    except pa.errors.SchemaErrors as err:
        cases = err.failure_cases
    problems = []
    lines = frame["_line"]
    for case in cases.itertuples(index=False):
        column = str(case.column)
        if case.index is None or pd.isna(case.index):
            problems.append(Problem(table.label, 0, column, str(case.failure_case), str(case.check)))
            continue
        idx = int(case.index)
        value = str(frame.at[idx, column]) if column in frame.columns else str(case.failure_case)
        rule = str(case.check)
        if rule == "field_uniqueness":
            first = frame.index[(frame[column] == value)][0]
            if first == idx:
                continue  # report the repeats, not the first use
            rule = f"duplicate key: already used on line {int(lines[first])}"
        elif rule.startswith("unknown ") and (f := table.resource.field(column)).references:
            rule = _with_suggestion(rule, value, f.references[0], valid, reg)
        problems.append(Problem(table.label, int(lines[idx]), column, value, rule))
    return problems


def _with_suggestion(rule: str, value: str, table: str, valid: dict[str, set[str] | None], reg: Registry | None) -> str:
    import difflib

    known = valid.get(table) or set()
    best = None
    if table in ("locations", "hubs") and reg is not None:
        best = reg.suggest(value, kind="hub" if table == "hubs" else "location")  # names and aliases too
    if best is None:
        near = difflib.get_close_matches(value, sorted(known), n=1, cutoff=0.6)
        best = near[0] if near else None
    return f"{rule}; did you mean {best!r}?" if best in known else rule


def _registry_of(tables: dict[str, Table]) -> Registry | None:
    """The registry as read in this validation (the data directory's own), for suggestions; ``None`` if unreadable."""
    reg = None
    hubs, locations = tables.get("hubs"), tables.get("locations")
    if hubs is not None and locations is not None and hubs.readable and locations.readable:
        try:
            reg = Registry(
                [Hub(r["hub_id"], r["name_en"], r["name_nl"], r["kind"], r["colour"],
                     int(r["display_order"]) if r["display_order"].isdigit() else 0, r["description"])
                 for r in hubs.frame.to_dict("records")],
                [Location(r["location_id"], r["name_en"], r["name_nl"], r["kind"], r["hub_id"] or None, r["country"],
                          r["group"], r["ring"], r["colour"], tuple(a.strip() for a in r["aliases"].split("|") if a.strip()),
                          r["description"])
                 for r in locations.frame.to_dict("records")],
            )  # fmt: skip
        except (KeyError, TypeError, AttributeError):
            reg = None
    return reg


# ----------------------------------------------------------------------------------------- cross checks

def _cross_checks(table: Table, languages: dict[str, str]) -> list[Problem]:
    """Checks that span columns: the number is in the quote, the unit fits the metric, periods in order."""
    r = table.resource
    frame = table.frame
    out: list[Problem] = []
    if frame.empty:
        return out

    def add(row, column: str, rule: str) -> None:
        out.append(Problem(table.label, int(row["_line"]), column, str(row[column]), rule))

    if r.quote_check:
        value_col, quote_col = r.quote_check
        for _, row in frame.iterrows():
            value, quote = row[value_col], row[quote_col]
            if not (is_plain_number(value) and quote) or float(value) < 0:
                continue  # format and range problems are reported by the column checks
            lang = languages.get(row.get("source_id", ""), "")
            if not appears_in(float(value), quote, language=lang):
                seen = ", ".join(f"{n:g}" for n in numbers_in(quote, language=lang)[:8]) or "none"
                convention = {(",",): "Dutch-style", (".",): "English-style"}.get(decimal_for(lang), "either way")
                add(row, value_col, f"number not printed in the quote (read {convention} for language {lang or '?'}: {seen})")
    if r.name == "seizures":
        for _, row in frame.iterrows():
            allowed = schemas.SEIZURE_UNITS.get(row["metric"])
            if allowed and row["unit"] in ("kg", "t", "count") and row["unit"] not in allowed:
                add(row, "unit", f"unit does not fit metric {row['metric']} (use {' or '.join(allowed)})")
            elif row["unit"] in schemas.MASS_UNITS and is_plain_number(row["value"]) and row["quote"]:
                printed = _printed_unit(float(row["value"]), row["quote"], languages.get(row.get("source_id", ""), ""))
                if printed and printed[0] != row["unit"]:
                    other, snippet = printed
                    add(row, "unit", f'the quote prints {_MASS_NAMES[other]} ("{snippet}"); use unit {other}')
    if r.name == "throughput":
        for _, row in frame.iterrows():
            allowed = schemas.THROUGHPUT_UNIT_FOR.get(row["metric"])
            if allowed and row["unit"] in schemas.THROUGHPUT_UNITS and row["unit"] not in allowed:
                add(row, "unit", f"unit does not fit metric {row['metric']} (use {' or '.join(allowed)})")
    if r.name == "audit":
        for _, row in frame.iterrows():
            a, b = row["period_start"], row["period_end"]
            if a.isdigit() and b.isdigit() and int(b) < int(a):
                add(row, "period_end", "period ends before it starts")
    if r.name == "measures":
        for _, row in frame.iterrows():
            if row["targets_displacement"] == "true" and not row["displacement_reason"]:
                add(row, "displacement_reason", "required when targets_displacement is true")
    return out



# ------------------------------------------------------------------------------------------------ public


def _ids(table: Table | None, column: str) -> set[str]:
    if table is None or table.frame.empty:
        return set()
    return set(table.frame[column])


def validate(data_dir: str | os.PathLike[str] | None = None, *, resources: Iterable[str] | None = None) -> Report:
    """Validate every raw file (or the named ``resources``) of a data directory.

    Returns a :class:`Report` with every problem; it never raises on bad data. Registry tables and
    sources are read even when not named, because other files point into them.
    """
    base = _data_dir(data_dir)
    wanted = set(resources) if resources is not None else {r.name for r in schemas.RESOURCES}
    needed = wanted | {"hubs", "locations", "sources"}
    tables: dict[str, Table] = {}
    for resource in schemas.RESOURCES:
        if resource.name in needed:
            path = _file_path(base, resource)
            tables[resource.name] = read_table(path, resource, _label(base, path, resource))

    # ids other files point to; None when the table is unreadable: those checks are skipped, not failed
    valid: dict[str, set[str] | None] = {
        name: _ids(tables.get(name), column) if tables[name].readable else None
        for name, column in (("hubs", "hub_id"), ("locations", "location_id"), ("sources", "source_id"))
    }
    src = tables.get("sources")
    languages = dict(zip(src.frame["source_id"], src.frame["language"], strict=True)) if src is not None and not src.frame.empty else {}
    reg = _registry_of(tables)

    problems: list[Problem] = []
    for table in tables.values():
        problems.extend(table.problems)
        problems.extend(_run_pandera(table, valid, reg))
        problems.extend(_cross_checks(table, languages))
    problems.extend(_unchecked_references(tables, valid))
    problems.extend(_rubric(tables.get("sources"), base))

    figures = {"seizures", "throughput", "indicators", "allocations", "audit", "measures"}
    if wanted >= figures | {"sources"} and all(tables[name].readable for name in figures):
        problems.extend(_unused_sources(tables))  # an unreadable figure file would make every source look unused
    problems = sorted(set(problems), key=lambda p: (not p.file_level, p.file, p.row, p.column, p.rule))
    return Report(base, tables, problems)


def _unchecked_references(tables: dict[str, Table], valid: dict[str, set[str] | None]) -> list[Problem]:
    """One line per unreadable table that other files point into, instead of an error on every row."""
    out = []
    for name, ids in valid.items():
        if ids is not None or name not in tables:
            continue
        users = sorted(
            t.label for t in tables.values()
            if t.readable and not t.frame.empty and any(f.references and f.references[0] == name for f in t.resource.fields)
        )  # fmt: skip
        if users:
            kind = name[:-1] if name.endswith("s") else name
            out.append(Problem(tables[name].label, 0, "-", "", f"{kind} ids in {', '.join(users)} not checked: this file is unreadable", "warning"))
    return out


def _rubric(src: Table | None, base: Path) -> list[Problem]:
    """The source-quality rubric (:mod:`mainports_analysis.data.quality`) on every row of ``sources.csv``.

    Fails a main link to a mirror, scraper, shortener, proxy or machine translation, an unclassified
    host, and a rating above what the host's kind allows.
    """
    from mainports_analysis.data import quality

    if src is None or not src.readable or src.frame.empty:
        return []
    path = reference_dir(base) / quality.HOSTS_FILE
    label = f"reference/{quality.HOSTS_FILE}"
    if not path.is_file():
        return [Problem(label, 0, "-", "", f"file is missing (expected {path}): the source-quality rubric needs it")]
    try:
        hosts = quality.read_hosts(path)
    except ValueError as exc:
        return [Problem(label, 0, "-", "", str(exc))]
    out = []
    for row in src.frame.to_dict("records"):
        for column, value, rule in quality.source_problems(row, hosts):
            out.append(Problem(src.label, int(row["_line"]), column, value, rule))
    return out


def _cache_dir() -> Path | None:
    """Where validation results are cached: ``$MAINPORTS_CACHE_DIR`` or ``<project>/.mainports-cache``."""
    env = os.environ.get("MAINPORTS_CACHE_DIR")
    if env is not None:
        return Path(env) if env else None  # an empty value turns the cache off
    try:
        from mainports_analysis.paths import project_root

        return project_root() / ".mainports-cache"
    except FileNotFoundError:
        return None


def _cache_key(base: Path) -> str:
    """Hash of every data file's bytes and of the validator's code and its schema library version."""
    import hashlib
    from importlib.metadata import version

    h = hashlib.sha256(version("pandera").encode())
    here = Path(__file__).parent
    for name in ("validate.py", "schemas.py", "numbers.py", "registry.py", "quality.py", "units.py"):
        h.update((here / name).read_bytes())
    for resource in schemas.RESOURCES:
        path = _file_path(base, resource)
        h.update(resource.path.encode() + b"\0")
        h.update(path.read_bytes() if path.is_file() else b"<missing>")
    hosts = reference_dir(base) / "hosts.csv"
    h.update(hosts.read_bytes() if hosts.is_file() else b"<missing>")
    return h.hexdigest()


def cached_validate(data_dir: str | os.PathLike[str] | None = None) -> Report:
    """:func:`validate`, with the problems cached on disk per exact data and validator version.

    The files are always read (the loaders need them); only the checks are skipped when the cache
    holds the result for these exact bytes. A corrupt or unwritable cache is ignored.
    """
    import json

    base = _data_dir(data_dir)
    folder = _cache_dir()
    if folder is None:
        return validate(base)
    key = _cache_key(base)
    path = folder / "validation" / f"{key}.json"
    if path.is_file():
        try:
            stored = json.loads(path.read_text(encoding="utf-8"))
            tables = {r.name: read_table(_file_path(base, r), r, _label(base, _file_path(base, r), r)) for r in schemas.RESOURCES}
            return Report(base, tables, [Problem(**p) for p in stored["problems"]])
        except (OSError, ValueError, KeyError, TypeError):
            pass
    rep = validate(base)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        from dataclasses import asdict

        from mainports_analysis._io import write_atomic

        write_atomic(path, json.dumps({"problems": [asdict(p) for p in rep.problems]}, ensure_ascii=False))
    except OSError:
        pass
    return rep


_CITED = re.compile(r"\[source: ([a-z0-9][a-z0-9_.-]*)\]")


def _unused_sources(tables: dict[str, Table]) -> list[Problem]:
    src = tables.get("sources")
    if src is None or src.frame.empty:
        return []
    used: set[str] = set()
    for name in ("seizures", "throughput", "indicators", "allocations", "audit", "measures"):
        t = tables.get(name)
        if t is not None and not t.frame.empty:
            used |= set(t.frame["source_id"])
            # a second source cited inside a text field, as "[source: <id>]" (a measure's displacement aim)
            for col in ("displacement_reason", "notes"):
                if col in t.frame:
                    used |= {m for text in t.frame[col].dropna().astype(str) for m in _CITED.findall(text)}
    lines = dict(zip(src.frame["source_id"], src.frame["_line"], strict=True))
    return [
        Problem(src.label, int(lines[s]), "source_id", s, "source is not cited by any figure", "warning")
        for s in sorted(set(lines) - used)
    ]


def problems_by_file(problems: Iterable[Problem]) -> dict[str, list[Problem]]:
    """Group problems per file, for summaries."""
    out: dict[str, list[Problem]] = defaultdict(list)
    for p in problems:
        out[p.file].append(p)
    return dict(out)
