"""What changed between editions: data rows added, changed or removed, and key findings that moved.

Compares two edition records (:mod:`mainports_analysis.site.editions`) and writes the *What changed*
page (``pages/changes.qmd``) from all of them, newest first. Only differences between the records
are shown, so the page never shows a change that did not happen: a row is "changed" only when one
of its stored fields differs, a finding only when its text (either language) or one of its numbers
differs (numbers are stored to 12 significant digits, so floating-point noise is not a change).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

PAGE = "pages/changes.qmd"
#: How a row's value is shown, per table: (value field, unit field or fixed unit).
VALUE = {
    "seizures": ("value", "unit"), "throughput": ("value", "unit"), "indicators": ("value", "unit"),
    "allocations": ("amount_eur_mln", "=EUR million"), "audit": ("amount_eur_mln", "=EUR million"),
    "measures": ("status", ""), "sources": ("publisher", ""),
}  # fmt: skip
TEXTS = ("heading_en", "heading_nl", "text_en", "text_nl", "short_en", "short_nl")


@dataclass(frozen=True)
class RowChange:
    """One data row added, changed or removed between two editions."""

    table: str
    record_id: str
    kind: str  # added | changed | removed
    old: dict | None
    new: dict | None
    fields: tuple[str, ...] = ()  # for a changed row: the fields that differ

    def value(self, which: str) -> str:
        """The row's value with its unit in the old or new edition ("70571 kg"), empty if absent."""
        row = self.old if which == "old" else self.new
        if row is None:
            return ""
        name, unit = VALUE[self.table]
        unit_text = unit[1:] if unit.startswith("=") else row.get(unit, "") if unit else ""
        return f"{row.get(name, '')} {unit_text}".strip()

    def source(self, which: str) -> str:
        row = self.old if which == "old" else self.new
        return (row or {}).get("source_id", "") if self.table != "sources" else ""


@dataclass(frozen=True)
class FindingChange:
    """One key finding whose text or numbers differ between two editions (or that appeared or went)."""

    key: str
    kind: str  # added | changed | removed
    old: dict | None
    new: dict | None
    texts: tuple[str, ...] = ()  # the text fields that differ
    numbers: dict = field(default_factory=dict)  # name -> (old, new), None where absent

    @property
    def heading(self) -> str:
        return (self.new or self.old or {}).get("heading_en", self.key)


@dataclass(frozen=True)
class Changes:
    """Everything that differs from the previous edition to this one."""

    old_date: str
    new_date: str
    rows: list[RowChange]
    findings: list[FindingChange]
    data_hash_changed: bool

    def count(self, kind: str) -> int:
        return sum(r.kind == kind for r in self.rows)

    def summary(self) -> str:
        """One line: "since 2026-12-07: 2 rows added, 1 changed, 0 removed; 1 key finding changed"."""
        n = len(self.findings)
        return (f"since {self.old_date}: {self.count('added')} row(s) added, {self.count('changed')} changed, "
                f"{self.count('removed')} removed; {n} key finding(s) changed")  # fmt: skip

    def lines(self, limit: int = 20) -> list[str]:
        """The summary and up to ``limit`` details, for the terminal."""
        out = [self.summary()]
        for r in self.rows[:limit]:
            if r.kind == "changed":
                out.append(f"  ~ {r.table} {r.record_id}: {', '.join(r.fields)}: {r.value('old')} → {r.value('new')}")
            else:
                sign = "+" if r.kind == "added" else "-"
                out.append(f"  {sign} {r.table} {r.record_id}: {r.value('new' if r.kind == 'added' else 'old')}")
        if len(self.rows) > limit:
            out.append(f"  … and {len(self.rows) - limit} more row(s): see {PAGE}")
        for f in self.findings:
            moved = ", ".join(f"{k} {a} → {b}" for k, (a, b) in f.numbers.items())
            out.append(f"  finding {f.key} {f.kind}" + (f": {moved}" if moved else (f": {', '.join(f.texts)}" if f.texts else "")))
        if self.data_hash_changed and not self.rows:
            out.append("  the registry (data/reference) or the files' formatting changed; no data row did")
        return out


def _columns(table: str) -> tuple[str, ...]:
    """The raw file's columns in their order (fields of a changed row are listed in it)."""
    from mainports_analysis.data import schemas

    resource = schemas.BY_NAME.get(table)
    return resource.columns if resource else ()


def compare_rows(old: dict, new: dict) -> list[RowChange]:
    """Rows added, changed and removed, by table then id (tables in the records' order)."""
    out = []
    for table in dict.fromkeys([*old, *new]):
        a, b = old.get(table, {}), new.get(table, {})
        for rid in sorted(set(a) | set(b)):
            if rid not in a:
                out.append(RowChange(table, rid, "added", None, b[rid]))
            elif rid not in b:
                out.append(RowChange(table, rid, "removed", a[rid], None))
            elif a[rid] != b[rid]:
                names = dict.fromkeys([*_columns(table), *a[rid], *b[rid]])
                fields = tuple(k for k in names if k in a[rid] or k in b[rid] if a[rid].get(k) != b[rid].get(k))
                out.append(RowChange(table, rid, "changed", a[rid], b[rid], fields))
    return out


def compare_findings(old: list[dict], new: list[dict]) -> list[FindingChange]:
    """Findings whose texts or numbers differ, in the new edition's order (then any removed)."""
    a, b = {f["key"]: f for f in old}, {f["key"]: f for f in new}
    out = []
    for key in dict.fromkeys([*b, *a]):
        if key not in a:
            out.append(FindingChange(key, "added", None, b[key]))
        elif key not in b:
            out.append(FindingChange(key, "removed", a[key], None))
        else:
            texts = tuple(t for t in TEXTS if a[key].get(t) != b[key].get(t))
            na, nb = a[key].get("numbers", {}), b[key].get("numbers", {})
            numbers = {k: (na.get(k), nb.get(k)) for k in dict.fromkeys([*na, *nb]) if na.get(k) != nb.get(k)}
            if texts or numbers:
                out.append(FindingChange(key, "changed", a[key], b[key], texts, numbers))
    return out


def compare(old: dict, new: dict) -> Changes:
    """What changed from the record ``old`` to the record ``new``."""
    return Changes(old["date"], new["date"], compare_rows(old["rows"], new["rows"]),
                   compare_findings(old["findings"], new["findings"]), old["data_hash"] != new["data_hash"])  # fmt: skip


# ------------------------------------------------------------------------------------------- the page


def _cell(value) -> str:
    text = "" if value is None else str(value)
    return text.replace("\\", "\\\\").replace("|", "\\|").replace("\n", " ").strip() or "—"


def _rows_section(changes: Changes) -> list[str]:
    out = []
    for kind, title in (("added", "Rows added"), ("changed", "Rows changed"), ("removed", "Rows removed")):
        rows = [r for r in changes.rows if r.kind == kind]
        if not rows:
            continue
        out += ["", f"#### {title} ({len(rows)})", ""]
        if kind == "changed":
            out += ["| file | record | what changed | before | now | source before | source now |", "|---|---|---|---|---|---|---|"]
            out += [f"| {r.table} | `{r.record_id}` | {_cell(', '.join(r.fields))} | {_cell(r.value('old'))} | "
                    f"{_cell(r.value('new'))} | {_cell(r.source('old'))} | {_cell(r.source('new'))} |" for r in rows]  # fmt: skip
        else:
            which = "new" if kind == "added" else "old"
            out += ["| file | record | value | source |", "|---|---|---|---|"]
            out += [f"| {r.table} | `{r.record_id}` | {_cell(r.value(which))} | {_cell(r.source(which))} |" for r in rows]
    if not changes.rows:
        note = " (only the registry or the files' formatting changed)" if changes.data_hash_changed else ""
        out += ["", f"No data row was added, changed or removed{note}."]
    return out


def _findings_section(changes: Changes) -> list[str]:
    if not changes.findings:
        return ["", "No key finding changed: every text and number is as it was."]
    out = []
    for f in changes.findings:
        out += ["", f"#### {_cell(f.heading)} ({f.kind})", "", f"| | edition {changes.old_date} | edition {changes.new_date} |", "|---|---|---|"]
        for name in ("text_en", "text_nl"):
            out.append(f"| {'English' if name.endswith('en') else 'Dutch'} | {_cell((f.old or {}).get(name))} | {_cell((f.new or {}).get(name))} |")
        for t in f.texts:
            if t not in ("text_en", "text_nl"):
                out.append(f"| {t} | {_cell((f.old or {}).get(t))} | {_cell((f.new or {}).get(t))} |")
        out += [f"| number `{k}` | {_cell(a)} | {_cell(b)} |" for k, (a, b) in f.numbers.items()]
    return out


def page_markdown(records: list[dict]) -> str:
    """The What changed page from every record (oldest first in ``records``; newest first on the page)."""
    out = [
        "---",
        'title: "What changed"',
        'description: "Each edition of the briefing: its date, and the data rows and key findings that changed."',
        "---",
        "",
        "<!-- Generated from editions/*.json by `mainports edition` (and before every build); do not edit. -->",
        "",
        "Each edition is a dated, citable state of the briefing: its data (every file in `data/raw` and `data/reference`, "
        "by hash), its key findings in English and Dutch with their numbers, and every data row, recorded in "
        "`editions/YYYY-MM-DD.json`. This page compares each edition with the one before it and lists only what differs.",
    ]
    if not records:
        return "\n".join([*out, "", "No edition has been cut yet."]) + "\n"
    last = records[-1]
    out += ["", f"**Current edition: {last['date']}** (version {last['version']}). Cite the version you used; see "
                "`CITATION.cff` for the recommended citation."]  # fmt: skip
    for i in range(len(records) - 1, -1, -1):
        rec = records[i]
        out += ["", f"## Edition of {rec['date']} (version {rec['version']})"]
        if i == 0:
            n = sum(len(t) for t in rec["rows"].values())
            out += ["", f"The first edition: {n} data rows in {len(rec['rows'])} files and {len(rec['findings'])} key findings. "
                        "There is no earlier edition to compare it with."]  # fmt: skip
            continue
        changes = compare(records[i - 1], rec)
        out += ["", f"Compared with the edition of {changes.old_date}: {changes.summary().split(': ', 1)[1]}.", "",
                "### Data rows", *_rows_section(changes), "", "### Key findings", *_findings_section(changes)]  # fmt: skip
    return "\n".join(out) + "\n"


def write_page(root: Path) -> bool:
    """Write ``pages/changes.qmd`` from the records when its text differs; True when it was written."""
    from mainports_analysis._io import write_atomic
    from mainports_analysis.site.editions import records

    path = root / PAGE
    text = page_markdown(records(root))
    if path.is_file() and path.read_text(encoding="utf-8") == text:
        return False
    path.parent.mkdir(parents=True, exist_ok=True)
    write_atomic(path, text)
    return True
