"""Prose lives in templates: no report/findings module builds a sentence in an f-string.

A simple AST scan: the literal parts of every f-string (``ast.JoinedStr``, adjacent literals
included) are added up, and more than :data:`LIMIT` characters of literal text is a sentence that
belongs in ``report/templates/<lang>/``. Labels and format strings ("{a} → {b}", "{name}, {years}")
stay well under it; error messages (f-strings inside ``raise``) are for developers and not counted.
"""

from __future__ import annotations

import ast
from pathlib import Path

import mainports_analysis.report.findings as findings_pkg

LIMIT = 60
FINDINGS = Path(findings_pkg.__file__).parent


def long_fstrings(source: str, limit: int = LIMIT) -> list[tuple[int, str]]:
    """(line, literal text) of each f-string outside a ``raise`` with more than ``limit`` literal characters."""
    tree = ast.parse(source)
    in_raise = {id(n) for r in ast.walk(tree) if isinstance(r, ast.Raise) for n in ast.walk(r)}
    out = []
    for node in ast.walk(tree):
        if isinstance(node, ast.JoinedStr) and id(node) not in in_raise:
            literal = "".join(v.value for v in node.values if isinstance(v, ast.Constant) and isinstance(v.value, str))
            if len(literal) > limit:
                out.append((node.lineno, literal))
    return out


def test_the_scan_finds_a_sentence_and_spares_labels_and_errors():
    source = (
        'x = f"Rotterdam\'s seizures {verb} {share} from {base} to {last}, while those in Antwerp {verb2} by {b} over the same years."\n'
        'y = f"{a} → {b}"\n'
        'z = f"Share of {name}, {window} ({unit} a year)"\n'
        'def f(v):\n'
        '    raise ValueError(f"unknown value {v!r}: expected one of the registry\'s ids, see data/registry.py for them")\n'
    )
    found = long_fstrings(source)
    assert [line for line, _ in found] == [1]
    assert found[0][1] == "Rotterdam's seizures   from  to , while those in Antwerp  by  over the same years."
    assert len(found[0][1]) == 82 and long_fstrings(source, limit=82) == []


def test_no_findings_module_builds_a_sentence_in_an_fstring():
    offenders = {p.name: long_fstrings(p.read_text(encoding="utf-8")) for p in sorted(FINDINGS.glob("*.py"))}
    offenders = {name: hits for name, hits in offenders.items() if hits}
    assert not offenders, (
        "sentences built in f-strings (move them into a template under report/templates/<lang>/ and render them "
        f"with report.prose.render): {offenders}"
    )
