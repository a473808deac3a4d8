"""The PDF edition: Typst markup that prints text as written, and, on the built site, a brief of two to four
pages per language whose numbers are the home page's."""

from __future__ import annotations

import re

import pytest

import site_support as ss
from mainports_analysis.site import pdf


def test_escape_leaves_no_typst_code():
    assert pdf.escape("79 % #x *y* _z_ $1 <a> @b [c] ~ a/b -- 'q' \"r\" =h +i") == (
        "79 % \\#x \\*y\\* \\_z\\_ \\$1 \\<a\\> \\@b \\[c\\] \\~ a\\/b \\-\\- \\'q\\' \\\"r\\\" \\=h \\+i"
    )


def test_markup_converts_bold_italics_links_and_items():
    md = "- **Rotterdam.** fell *79%* [Analysis →](notebooks/02_seizures.ipynb)\n- see [x](https://a.b/c_d)"
    assert pdf.markup(md, base_url="https://site.org/b/") == (
        '- *Rotterdam.* fell _79%_ #link("https://site.org/b/notebooks/02_seizures.html")[Analysis →]\n'
        '- see #link("https://a.b/c_d")[x]'
    )


def test_the_brief_compiles_offline_and_the_same_twice(tmp_path):
    content = {
        "lang": "en", "title": "T", "title_markup": "T", "publisher": "P", "kicker": "K", "dateline": "D",
        "bottom_line_head": "B", "bottom_line": "*79%* fell", "figures": [{"value": "−79%", "caption": "c"}],
        "chart_head": "C", "chart_caption": "cap", "findings_head": "F", "findings": ["one", "two"], "caveats_head": "V",
        "caveats": "- a", "approach_head": "A", "approach": "x", "sources_head": "S", "sources": "s", "cite_head": "H",
        "citation": "c", "footer": "f",
    }  # fmt: skip
    svg = '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><rect width="10" height="10"/></svg>'
    a = pdf.compile_brief(content, svg, tmp_path / "a.pdf").read_bytes()
    b = pdf.compile_brief(content, svg, tmp_path / "b.pdf").read_bytes()
    assert a[:5] == b"%PDF-" and a == b


# ------------------------------------------------------------------------------------------ the built site

NUMBER = re.compile(r"−?\d[\d,.]*\d|\d")


def _numbers(text: str) -> set[str]:
    return {n.strip(".,") for n in NUMBER.findall(text)}


@pytest.mark.site
@pytest.mark.parametrize("lang, home", [("en", "index.html"), ("nl", "samenvatting.html")])
def test_pdf_brief_has_two_to_four_pages_and_the_home_pages_numbers(lang, home):
    from pypdf import PdfReader

    site = ss.site_dir()
    path = site / "downloads" / f"briefing-{lang}.pdf"
    assert path.is_file(), f"{path} was not built"
    reader = PdfReader(path)
    assert 2 <= len(reader.pages) <= 4
    text = "\n".join(p.extract_text() for p in reader.pages)
    text = re.sub(r"-\n", "-", text).replace("\n", " ")
    page = ss.visible_text((site / home).read_text(encoding="utf-8"))
    # the bottom line, each key finding and each key figure of the home page are in the PDF, number for number
    main = re.search(r'<main\b.*?</main>', (site / home).read_text(encoding="utf-8"), re.S).group(0)
    for block in re.findall(r'<aside class="bottom-line".*?</aside>|<li class="key-figure">.*?</li>', main, re.S):
        nums = _numbers(ss.visible_text(block))
        assert nums and nums <= _numbers(text), (lang, sorted(nums - _numbers(text)))
    section = main.split('id="key-findings"' if lang == "en" else 'id="belangrijkste-bevindingen"', 1)[1].split("</ol>", 1)[0]
    findings = re.findall(r"<li>\s*<strong>.*?</li>", section, re.S)
    assert 4 <= len(findings) <= 6
    for item in findings:
        nums = _numbers(ss.visible_text(item))
        assert nums <= _numbers(text), (lang, sorted(nums - _numbers(text)))
    # and the PDF says when and how to cite
    assert re.search(r"\d{4}", page)
    version = re.search(r"^version: *(\S+)", (ss.ROOT / "CITATION.cff").read_text(encoding="utf-8"), re.M).group(1).strip('"')
    assert version in text


@pytest.mark.site
def test_home_page_links_both_pdfs():
    html = (ss.site_dir() / "index.html").read_text(encoding="utf-8")
    assert 'href="downloads/briefing-en.pdf"' in html and 'href="downloads/briefing-nl.pdf"' in html
