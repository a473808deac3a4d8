"""The briefing's text agrees with its analyses: every number on the home page appears in the
analysis it links to, and the Dutch summary carries the same numbers as the English one."""

from __future__ import annotations

import re
from pathlib import Path

import nbformat
import pytest

ROOT = Path(__file__).resolve().parents[1]
NUMBER = re.compile(r"−?\d[\d,.]*\d|\d")


def _outputs_text(path: Path) -> str:
    """All text a notebook shows: Markdown and HTML and plain outputs (not code, not images)."""
    nb = nbformat.read(path, as_version=4)
    parts = []
    for cell in nb.cells:
        if cell.cell_type != "code":
            continue
        for out in cell.get("outputs", []):
            data = out.get("data", {})
            for mime in ("text/markdown", "text/html", "text/plain"):
                if mime in data:
                    parts.append(data[mime] if isinstance(data[mime], str) else "".join(data[mime]))
            if out.get("output_type") == "stream":
                parts.append(out.get("text", ""))
    return "\n".join(parts)


def _key_findings(path: Path) -> list[tuple[str, str]]:
    """(text, linked page) for each numbered key finding in a page's Markdown outputs."""
    text = _outputs_text(path)
    items = re.findall(r"^\d+\. (.+?)\[[^\]]+\]\(([^)]+\.ipynb)\)\s*$", text, flags=re.M)
    return [(body, page) for body, page in items]


def _numbers(text: str) -> list[str]:
    return [n.strip(".,") for n in NUMBER.findall(text)]


@pytest.mark.parametrize("page", ["index.ipynb", "samenvatting.ipynb"])
def test_home_pages_list_key_findings_with_links(page):
    items = _key_findings(ROOT / page)
    assert 4 <= len(items) <= 6
    assert all((ROOT / target).is_file() for _, target in items)


def test_every_home_page_number_appears_in_the_linked_analysis():
    for body, target in _key_findings(ROOT / "index.ipynb"):
        analysis = _outputs_text(ROOT / target)
        missing = [n for n in _numbers(body) if n not in analysis]
        assert missing == [], f"{target}: numbers on the home page not shown in the analysis: {missing}"


def test_dutch_summary_has_the_same_numbers_as_the_english_briefing():
    en = _key_findings(ROOT / "index.ipynb")
    nl = _key_findings(ROOT / "samenvatting.ipynb")
    assert [t for _, t in en] == [t for _, t in nl]
    for (e, _), (n, _) in zip(en, nl, strict=True):
        as_en = [x.replace(".", "").replace(",", ".") if "," in x else x.replace(".", "") if re.fullmatch(r"\d{1,3}(\.\d{3})+", x) else x
                 for x in _numbers(n)]
        assert sorted(_numbers(e)) == sorted(as_en)


def test_no_number_is_typed_into_a_markdown_cell_of_the_home_pages():
    for page in ("index.ipynb", "samenvatting.ipynb"):
        nb = nbformat.read(ROOT / page, as_version=4)
        for cell in nb.cells:
            if cell.cell_type == "markdown":
                assert not re.search(r"\d", cell.source), f"{page}: a number typed into prose: {cell.source[:80]!r}"
