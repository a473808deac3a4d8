"""What every page says about itself: dates, publisher, contact, citation, description, Open Graph, favicon.

Read from the project, never typed in: the version, release date, authors, licence and addresses
from ``CITATION.cff`` (which ``mainports edition`` bumps); the data's date is the newest ``accessed``
date in ``data/raw/sources.csv``; the build's date is the commit date of ``HEAD`` (so that building
the same commit twice gives the same site; ``SOURCE_DATE_EPOCH`` or the data's date stand in
outside a git checkout). :func:`add_page_meta` runs after rendering, on either renderer's HTML.
"""

from __future__ import annotations

import csv
import datetime as dt
import html
import os
import re
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

import yaml

from mainports_analysis._io import write_atomic

#: Files copied to the site's root: the favicon (an SVG, with a PNG for browsers without SVG icons).
FAVICONS = ("favicon.svg", "favicon.png")
ASSETS = Path(__file__).with_name("static")

_WORDS = {
    "en": {"edition": "Edition of", "changes": "what changed", "data": "Data as of", "built": "built", "version": "version", "publisher": "Publisher", "contact": "Contact",
           "contact_text": "questions and corrections through the issue tracker", "cite": "Cite as",
           "months": ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
                      "November", "December")},
    "nl": {"edition": "Editie van", "changes": "wat is gewijzigd", "data": "Gegevens bijgewerkt tot", "built": "gebouwd",
           "version": "versie", "publisher": "Uitgever",
           "contact": "Contact", "contact_text": "vragen en correcties via de issuetracker", "cite": "Citeer als",
           "months": ("januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september", "oktober",
                      "november", "december")},
}  # fmt: skip


@dataclass(frozen=True)
class SiteMeta:
    """The facts every page shows, read from the project (see the module's docstring)."""

    title: str
    publisher: str
    version: str
    released: str
    licence: str
    url: str
    repository: str
    data_date: str
    build_date: str

    @property
    def contact(self) -> str:
        return self.repository.rstrip("/") + "/issues" if self.repository else ""


def data_date(root: Path) -> str:
    """The newest ``accessed`` date (ISO) in ``data/raw/sources.csv``: how current the data are."""
    with open(root / "data" / "raw" / "sources.csv", encoding="utf-8", newline="") as f:
        dates = [row["accessed"] for row in csv.DictReader(f) if re.fullmatch(r"\d{4}-\d{2}-\d{2}", row.get("accessed") or "")]
    if not dates:
        raise ValueError("data/raw/sources.csv has no `accessed` date")
    return max(dates)


def build_date(root: Path) -> str:
    """The commit date (ISO) of ``HEAD``; else ``SOURCE_DATE_EPOCH``; else the data's date. Never the clock."""
    try:
        out = subprocess.run(["git", "-C", str(root), "log", "-1", "--format=%cs", "HEAD"], capture_output=True, text=True,
                             timeout=30, check=False).stdout.strip()  # fmt: skip
    except (OSError, subprocess.SubprocessError):
        out = ""
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", out):
        return out
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "")
    if epoch.isdigit():
        return dt.datetime.fromtimestamp(int(epoch), dt.UTC).date().isoformat()
    return data_date(root)


def read_meta(root: Path, site_url: str = "") -> SiteMeta:
    """The :class:`SiteMeta` of the project at ``root``."""
    cff = yaml.safe_load((root / "CITATION.cff").read_text(encoding="utf-8"))
    authors = "; ".join(str(a.get("name") or " ".join(filter(None, (a.get("given-names"), a.get("family-names")))))
                        for a in cff.get("authors") or [])  # fmt: skip
    return SiteMeta(
        title=str(cff.get("title", "")), publisher=authors, version=str(cff.get("version", "")),
        released=str(cff.get("date-released", "")), licence=str(cff.get("license", "")),
        url=str(site_url or cff.get("url", "")), repository=str(cff.get("repository-code", "")),
        data_date=data_date(root), build_date=build_date(root),
    )  # fmt: skip


def long_date(iso: str, lang: str = "en") -> str:
    """``2026-12-01`` as "1 December 2026" / "1 december 2026"."""
    d = dt.date.fromisoformat(iso)
    return f"{d.day} {_WORDS.get(lang, _WORDS['en'])['months'][d.month - 1]} {d.year}"


def citation(meta: SiteMeta, lang: str = "en") -> str:
    """The recommended citation (plain text): publisher (year). Title, version, date, address."""
    w = _WORDS.get(lang, _WORDS["en"])
    year = meta.released[:4]
    return f"{meta.publisher} ({year}). {meta.title}, {w['version']} {meta.version} ({meta.released}). {meta.url}"


def footer_html(meta: SiteMeta, lang: str = "en", *, cff_href: str = "CITATION.cff",
                changes_href: str = "pages/changes.html") -> str:
    """The block at the foot of every page: the edition (linked to What changed), dates, publisher, contact, citation."""
    w = _WORDS.get(lang, _WORDS["en"])
    e = html.escape
    contact = (f'{w["contact"]}: <a href="{e(meta.contact)}">{e(w["contact_text"])}</a>' if meta.contact else "")
    return (
        f'<section class="page-meta" lang="{e(lang)}" aria-label="{e(w["cite"])}">'
        f'<p>{e(w["edition"])} {e(long_date(meta.released, lang))} ({e(w["version"])} {e(meta.version)}, '
        f'<a href="{e(changes_href)}">{e(w["changes"])}</a>) · '
        f'{e(w["data"])} {e(long_date(meta.data_date, lang))} · {e(w["built"])} {e(long_date(meta.build_date, lang))}</p>'
        f'<p>{e(w["publisher"])}: {e(meta.publisher)} · {contact}</p>'
        f'<p>{e(w["cite"])}: <cite>{e(citation(meta, lang))}</cite> (<a href="{e(cff_href)}">CITATION.cff</a>)</p>'
        "</section>"
    )


def _text(fragment: str) -> str:
    fragment = re.sub(r"<(script|style|noscript|template)\b.*?</\1>", " ", fragment, flags=re.S | re.I)
    return re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", " ", fragment))).strip()


def description(page_html: str, fallback: str, *, limit: int = 160) -> str:
    """A page's meta description: the first paragraph of its main content with some substance, cut at a word."""
    main = re.search(r"<main\b.*?</main>", page_html, re.S | re.I)
    body = main.group(0) if main else page_html
    for p in re.finditer(r"<p\b[^>]*>(.*?)</p>", body, re.S | re.I):
        text = _text(p.group(1))
        if len(text) >= 50 and not re.match(r"(Source|Bron|Read more|Meer lezen)\b", text):
            break
    else:
        text = fallback
    if len(text) > limit:
        text = text[: limit - 1].rsplit(" ", 1)[0].rstrip(",;:") + "…"
    return text


def head_html(meta: SiteMeta, *, title: str, desc: str, url: str, lang: str, rel_root: str) -> str:
    """Meta description, Open Graph tags and the favicon links for one page."""
    e = html.escape
    locale = {"nl": "nl_NL"}.get(lang, "en_GB")
    tags = [
        f'<meta name="description" content="{e(desc)}">',
        f'<meta property="og:title" content="{e(title)}">',
        f'<meta property="og:description" content="{e(desc)}">',
        '<meta property="og:type" content="website">',
        f'<meta property="og:site_name" content="{e(meta.title.split(":")[0])}">',
        f'<meta property="og:locale" content="{locale}">',
    ]
    if url:
        tags += [f'<meta property="og:url" content="{e(url)}">', f'<link rel="canonical" href="{e(url)}">']
    tags += [f'<link rel="icon" type="image/svg+xml" href="{e(rel_root)}favicon.svg">',
             f'<link rel="icon" type="image/png" sizes="32x32" href="{e(rel_root)}favicon.png">']
    return "".join(tags)


def add_page_meta(site: Path, meta: SiteMeta, *, site_description: str = "") -> list[Path]:
    """Head tags (description, Open Graph, canonical address, favicon) and the foot block on every page.

    Keeps a description the renderer already wrote; adds nothing twice (idempotent). Copies the
    favicons to the site's root. Returns the pages changed.
    """
    from mainports_analysis.site.assets import page_lang

    for name in FAVICONS:
        target = site / name
        if not target.is_file() or target.read_bytes() != (ASSETS / name).read_bytes():
            shutil.copyfile(ASSETS / name, target)
    changed = []
    for page in sorted(site.rglob("*.html")):
        text = page.read_text(encoding="utf-8")
        if "</head>" not in text or 'class="page-meta"' in text:
            continue
        rel = page.relative_to(site).as_posix()
        rel_root = "../" * rel.count("/")
        lang = page_lang(text)
        m = re.search(r"<title>(.*?)</title>", text, re.S | re.I)
        title = _text(m.group(1)) if m else meta.title
        desc_m = re.search(r'<meta name="description" content="([^"]*)"\s*/?>', text)
        desc = html.unescape(desc_m.group(1)) if desc_m else ""
        if not desc or (desc == site_description and rel != "index.html"):  # the site's, not the page's: say what the page holds
            if desc_m:
                text = text.replace(desc_m.group(0), "", 1)
                desc_m = None
            desc = description(text, site_description or meta.title)
        url = meta.url.rstrip("/") + "/" + (rel if rel != "index.html" else "") if meta.url else ""
        head = head_html(meta, title=title, desc=desc, url=url, lang=lang, rel_root=rel_root)
        if desc_m:  # the renderer's description stays; only the rest is added
            head = head.replace(f'<meta name="description" content="{html.escape(desc)}">', "")
        text = re.sub(r'<link rel="(?:shortcut )?icon"[^>]*>', "", text)  # one set of icons: ours
        text = text.replace("</head>", head + "</head>", 1)
        if "</main>" in text:
            end = text.rfind("</main>")
            text = text[:end] + footer_html(meta, lang, cff_href=rel_root + "CITATION.cff",
                                                  changes_href=rel_root + "pages/changes.html") + text[end:]
        write_atomic(page, text)
        changed.append(page)
    return changed
