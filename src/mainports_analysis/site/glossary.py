"""Link the first use of each glossary term on every page to its entry (post-render).

The terms come from the built glossary page itself, so this module knows no term: each
``<dt id="…" data-terms="A|B|…">`` names the forms to look for (longest first; an all-capital form
such as ``ITS`` matches only in capitals, other forms in any case, as whole words). On every other
page the first use of each term in running text becomes a link to the entry; text in headings,
links, code, buttons, navigation, figures' images, the page's foot and scripts is left alone.
"""

from __future__ import annotations

import html
import os
import re
from pathlib import Path

from mainports_analysis._io import write_atomic

_DT = re.compile(r'<dt\b[^>]*\bid="(?P<id>[^"]+)"[^>]*\bdata-terms="(?P<terms>[^"]+)"[^>]*>(?P<head>.*?)</dt>', re.S | re.I)
#: Elements whose text is never linked.
SKIP = {"a", "h1", "h2", "h3", "h4", "h5", "h6", "code", "pre", "script", "style", "button", "nav", "header", "footer",
        "title", "textarea", "select", "option", "label", "summary", "dt", "svg", "noscript", "template", "cite",
        "figcaption", "caption", "th"}  # fmt: skip
_VOID = {"br", "img", "hr", "input", "meta", "link", "wbr", "source", "col", "area", "base", "embed", "param", "track"}
_TAG = re.compile(r"<(/?)([a-zA-Z][\w-]*)([^>]*)>")


def read_terms(glossary_html: str) -> list[tuple[str, str, str]]:
    """(form, entry id, entry heading) for every form of every term, longest form first."""
    out = []
    for m in _DT.finditer(glossary_html):
        head = re.sub(r"<[^>]+>", "", m.group("head")).strip()
        for form in html.unescape(m.group("terms")).split("|"):
            if form.strip():
                out.append((form.strip(), m.group("id"), head))
    return sorted(out, key=lambda t: -len(t[0]))


def _pattern(form: str) -> re.Pattern:
    flags = 0 if form.isupper() else re.I
    return re.compile(rf"(?<![\w-]){re.escape(form)}(?![\w-])", flags)


def link_terms(page_html: str, terms: list[tuple[str, str, str]], href: str) -> str:
    """Link the first use of each entry in ``page_html``'s ``<main>`` to ``href#id`` (the page's relative glossary)."""
    start = page_html.find("<main")
    end = page_html.rfind("</main>")
    if start < 0 or end < 0:
        return page_html
    body = page_html[start:end]
    patterns = [(_pattern(form), eid, head) for form, eid, head in terms]
    done: set[str] = set()
    out, pos, skip_depth, stack = [], 0, 0, []

    def link_text(text: str) -> str:
        # find, per entry not yet linked, its earliest form in this text; link the earliest ones first
        spans: list[tuple[int, int, str, str]] = []
        for pat, eid, head in patterns:
            if eid in done:
                continue
            m = pat.search(text)
            if m and not any(a < m.end() and m.start() < b for a, b, _, _ in spans) and eid not in {s[2] for s in spans}:
                spans.append((m.start(), m.end(), eid, head))
        if not spans:
            return text
        parts, last = [], 0
        for a, b, eid, head in sorted(spans):
            done.add(eid)
            parts.append(text[last:a])
            parts.append(f'<a class="glossary-term" href="{html.escape(href)}#{eid}" title="Glossary: {html.escape(head)}">'
                         f"{text[a:b]}</a>")  # fmt: skip
            last = b
        parts.append(text[last:])
        return "".join(parts)

    for m in _TAG.finditer(body):
        text = body[pos: m.start()]
        out.append(link_text(text) if skip_depth == 0 and text.strip() else text)
        closing, name = m.group(1) == "/", m.group(2).lower()
        attrs = m.group(3)
        if name not in _VOID and not attrs.rstrip().endswith("/"):
            if closing:
                while stack:
                    top = stack.pop()
                    if top[0] == name:
                        skip_depth -= top[1]
                        break
                    skip_depth -= top[1]
            else:
                skips = name in SKIP or 'class="page-meta' in attrs or "figure-download" in attrs
                stack.append((name, 1 if skips else 0))
                skip_depth += 1 if skips else 0
        out.append(m.group(0))
        pos = m.end()
    out.append(body[pos:])
    return page_html[:start] + "".join(out) + page_html[end:]


def link_site_glossary(site: Path, glossary: str = "pages/glossary.html") -> list[Path]:
    """:func:`link_terms` on every page but the glossary; returns the pages changed (none without a glossary)."""
    gpage = site / glossary
    if not gpage.is_file():
        return []
    terms = read_terms(gpage.read_text(encoding="utf-8"))
    changed = []
    for page in sorted(site.rglob("*.html")):
        if page == gpage or "/reference/api/" in page.as_posix():
            continue
        text = page.read_text(encoding="utf-8")
        if 'class="glossary-term"' in text:
            continue
        href = os.path.relpath(gpage, page.parent).replace(os.sep, "/")
        new = link_terms(text, terms, href)
        if new != text:
            write_atomic(page, new)
            changed.append(page)
    return changed
