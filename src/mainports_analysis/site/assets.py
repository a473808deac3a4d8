"""Post-render steps: make the rendered site work from disk, on a phone and in reading order.

Run by ``scripts/finish_site.py`` after Quarto or smalldocs has rendered the site; each step works on
the HTML of either renderer and is idempotent.

* :func:`externalize_itables` — itables' offline mode embeds its DataTables bundle, about a megabyte
  in base64, into every page with an interactive table. This step writes it once to
  ``site_libs/itables/`` as a *classic* script and replaces each inline copy with a small loader,
  so pages stay light. The loader imports the bundle from a ``blob:`` URL, as itables' own offline
  loader does: a page opened from disk (``file://``) may not import a module file (browsers apply
  CORS to module scripts, and a ``file://`` page has no origin), but it may run a classic script.
* :func:`add_offline_search` — the search box fetches ``search.json``, which a browser refuses on
  ``file://``. This step writes the same index as a script and a small shim that answers the
  search's ``fetch`` from it when the site is opened from disk (over HTTP nothing changes).
* :func:`frame_tables` — puts every static table in a keyboard-scrollable box (with a shadow that
  shows when it scrolls) and moves its caption out of the box, above it.
* :func:`link_figures` — writes each inline chart to a PNG file next to its page and links the chart
  to it, so a phone reader can open it full size.
* :func:`add_page_navigation` — previous/next links along the navbar's reading order, where the
  renderer made none.
* :func:`localise` — the renderer's few fixed English words on a page in another language.

Nothing here makes a request to another server.
"""

from __future__ import annotations

import base64
import hashlib
import html
import json
import os
import re
import struct
from collections.abc import Sequence
from pathlib import Path

from mainports_analysis._io import write_atomic

# ---------------------------------------------------------------------------------------------- itables

# itables' offline init block: injectCSS("<b64 css>") ... window._itables_X = injectModule("<b64 js>") ...
_BLOCK = re.compile(
    r"<script>\s*function injectCSS\(base64CSS\).*?"
    r'injectCSS\("(?P<css>[A-Za-z0-9+/=]+)"\);\s*'
    r'window\.(?P<var>_itables_[0-9_]+) = injectModule\("(?P<js>[A-Za-z0-9+/=]+)"\);.*?'
    r'new Event\("(?P<event>[^"]+)"\)\);\s*\}\);\s*\}\s*</script>',
    re.S,
)
ASSET_DIR = "site_libs/itables"
#: The bundle as a classic script: it sets this global to the module's source text.
BUNDLE_SCRIPT = "dt_bundle.classic.js"
BUNDLE_GLOBAL = "mainportsItablesBundle"


def _loader(var: str, event: str, rel: str) -> str:
    return (
        f'<link rel="stylesheet" href="{rel}/dt_bundle.css">\n'
        f'<script src="{rel}/{BUNDLE_SCRIPT}"></script>\n'
        f"<script>\nif (!window.{var}) {{\n"
        f'  const url = URL.createObjectURL(new Blob([window.{BUNDLE_GLOBAL}], {{ type: "text/javascript" }}));\n'
        f"  window.{var} = import(url);\n"
        f'  window.{var}.then(() => window.dispatchEvent(new Event("{event}")));\n}}\n</script>'
    )


def bundle_script(js: str) -> str:
    """The module source ``js`` as a classic script that stores it in ``window.mainportsItablesBundle``."""
    return (
        "// The itables DataTables bundle (MIT), as text for a blob: import; see mainports_analysis.site.assets.\n"
        f"window.{BUNDLE_GLOBAL} = {json.dumps(js, ensure_ascii=True)};\n"
    )


def externalize_itables(site: Path) -> list[Path]:
    """Move inline itables bundles out of every page of ``site``; returns the pages changed."""
    changed = []
    asset_dir = site / ASSET_DIR
    for page in sorted(site.rglob("*.html")):
        text = page.read_text(encoding="utf-8")
        match = _BLOCK.search(text)
        if not match:
            continue
        asset_dir.mkdir(parents=True, exist_ok=True)
        css = base64.b64decode(match.group("css")).decode("utf-8")
        js = bundle_script(base64.b64decode(match.group("js")).decode("utf-8"))
        for name, data in ((BUNDLE_SCRIPT, js), ("dt_bundle.css", css)):
            target = asset_dir / name
            if not target.is_file() or target.read_text(encoding="utf-8") != data:
                write_atomic(target, data)
        rel = os.path.relpath(asset_dir, page.parent).replace(os.sep, "/")
        text = _BLOCK.sub(lambda m, rel=rel: _loader(m.group("var"), m.group("event"), rel), text)
        write_atomic(page, text)
        changed.append(page)
    return changed


# ---------------------------------------------------------------------------------------------- search from disk

OFFLINE_DIR = "site_libs/mainports"
SEARCH_SCRIPT = "search-index.js"
SHIM = "offline.js"
SEARCH_GLOBAL = "mainportsSearchIndex"

SHIM_JS = f"""// Opened from disk (file://), a browser refuses fetch() of the site's own search.json; answer it
// from {SEARCH_SCRIPT}, a classic script with the same index. Over HTTP this does nothing.
(() => {{
  "use strict";
  if (location.protocol !== "file:" || !window.fetch) return;
  const own = window.fetch.bind(window);
  const here = document.currentScript && document.currentScript.src;
  if (!here) return;
  const indexUrl = new URL("{SEARCH_SCRIPT}", here).href;
  let loading = null;
  const load = () => loading || (loading = new Promise((resolve, reject) => {{
    const s = document.createElement("script");
    s.src = indexUrl;
    s.onload = () => resolve(window.{SEARCH_GLOBAL});
    s.onerror = () => reject(new Error("the search index could not be read from " + indexUrl));
    document.head.appendChild(s);
  }}));
  window.fetch = (input, init) => {{
    const url = typeof input === "string" ? input : (input && input.url) || String(input);
    if (/(^|\\/)search\\.json([?#].*)?$/.test(url)) {{
      return load().then((index) => new Response(JSON.stringify(index), {{
        status: 200, headers: {{ "Content-Type": "application/json" }},
      }}));
    }}
    return own(input, init);
  }};
}})();
"""


#: On a touch screen (no hover), the first tap on a link with a title (a source link whose title is
#: the sentence it quotes) shows that sentence under the link; the second tap follows the link.
QUOTES_SCRIPT = "quotes.js"
QUOTES_JS = """// Touch equivalent of hovering over a source link: see mainports_analysis.site.assets.
(() => {
  "use strict";
  if (!window.matchMedia || !window.matchMedia("(hover: none)").matches) return;
  document.addEventListener("click", (event) => {
    const link = event.target.closest && event.target.closest("main a[title]:not(.figure-full):not(.glossary-term)");
    if (!link || link.dataset.quoteShown) return;
    event.preventDefault();
    link.dataset.quoteShown = "1";
    const note = document.createElement("span");
    note.className = "source-quote";
    note.setAttribute("role", "note");
    note.textContent = "\u201c" + link.getAttribute("title") + "\u201d";
    link.insertAdjacentElement("afterend", note);
  });
})();
"""


def add_offline_search(site: Path) -> list[Path]:
    """Write the search index as a script and load the fetch shim first in every page; returns the pages changed.

    Does nothing when the site has no ``search.json``.
    """
    index = site / "search.json"
    if not index.is_file():
        return []
    folder = site / OFFLINE_DIR
    folder.mkdir(parents=True, exist_ok=True)
    data = json.loads(index.read_text(encoding="utf-8"))
    for name, text in (
        (SEARCH_SCRIPT, f"window.{SEARCH_GLOBAL} = {json.dumps(data, ensure_ascii=True, separators=(',', ':'))};\n"),
        (SHIM, SHIM_JS),
        (QUOTES_SCRIPT, QUOTES_JS),
    ):
        target = folder / name
        if not target.is_file() or target.read_text(encoding="utf-8") != text:
            write_atomic(target, text)
    changed = []
    for page in sorted(site.rglob("*.html")):
        text = page.read_text(encoding="utf-8")
        if f"/{SHIM}" in text or "<head" not in text:
            continue
        rel = os.path.relpath(folder / SHIM, page.parent).replace(os.sep, "/")
        tag = f'<script src="{rel}"></script>'
        if "title=" in text:  # links whose title a touch screen cannot show by hovering
            tag += f'<script src="{rel.replace(SHIM, QUOTES_SCRIPT)}" defer></script>'
        # before the first script, so the shim is in place before the search's script runs
        first = re.search(r"<script\b", text)
        head_end = text.find("</head>")
        if first and (head_end < 0 or first.start() < head_end):
            text = text[: first.start()] + tag + text[first.start():]
        elif head_end >= 0:
            text = text[:head_end] + tag + text[head_end:]
        else:
            continue
        write_atomic(page, text)
        changed.append(page)
    return changed


# ---------------------------------------------------------------------------------------------- tables

_TABLE = re.compile(r"<table\b(?P<attrs>[^>]*)>(?P<body>.*?)</table>", re.S | re.I)
_CAPTION = re.compile(r"\s*<caption\b[^>]*>(?P<text>.*?)</caption>\s*", re.S | re.I)
_SCROLL_OPEN = re.compile(r'<div class="table-scroll"[^>]*>\s*$')
_SCRIPTISH = re.compile(r"<(script|noscript|template|textarea)\b.*?</\1>", re.S | re.I)


def frame_tables(text: str) -> str:
    """Put each static table of a page in a scroll box, its captions above the box.

    The box is a keyboard-focusable region named by the caption (WCAG 2.1.1: a scrolling region must
    be reachable without a mouse). Tables that a script takes over (itables) are left alone, and so
    are tables already framed, so the step can run twice.
    """
    out, pos, n = [], 0, 0
    scripts = [(s.start(), s.end()) for s in _SCRIPTISH.finditer(text)]
    for m in _TABLE.finditer(text):
        attrs, body = m.group("attrs"), m.group("body")
        if any(a <= m.start() < b for a, b in scripts):  # a table inside a script's text (itables' template)
            continue
        if re.search(r'\bid="itables_', attrs) or _SCROLL_OPEN.search(text[max(0, m.start() - 300): m.start()]):
            continue
        captions = [c.group("text").strip() for c in _CAPTION.finditer(body)]
        body = _CAPTION.sub("", body)
        n += 1
        digest = hashlib.sha1(m.group(0).encode("utf-8")).hexdigest()[:8]
        cap_id = f"tblcap-{n}-{digest}"
        head = "".join(
            f'<p class="table-caption"{f" id={chr(34)}{cap_id}{chr(34)}" if i == 0 else ""}>{c}</p>'
            for i, c in enumerate(captions)
        )
        # a region needs a name of its own (axe landmark-unique): the caption, else "Table n"
        label = f'aria-labelledby="{cap_id}"' if captions else f'aria-label="Table {n}"'
        table_attrs = attrs + (f' aria-labelledby="{cap_id}"' if captions and "aria-label" not in attrs else "")
        out.append(text[pos: m.start()])
        out.append(
            f'<div class="table-frame">{head}<div class="table-scroll" role="region" tabindex="0" {label}>'
            f"<table{table_attrs}>{body}</table></div></div>"
        )
        pos = m.end()
    out.append(text[pos:])
    return "".join(out)


def frame_site_tables(site: Path) -> list[Path]:
    """:func:`frame_tables` on every page of the site; returns the pages changed."""
    changed = []
    for page in sorted(site.rglob("*.html")):
        text = page.read_text(encoding="utf-8")
        new = frame_tables(text)
        if new != text:
            write_atomic(page, new)
            changed.append(page)
    return changed


# ---------------------------------------------------------------------------------------------- figures

_FIGURE = re.compile(r"<figure\b[^>]*>.*?</figure>", re.S | re.I)
_IMG = re.compile(r"<img\b(?P<attrs>[^>]*?)\s*/?>", re.S | re.I)
_SRC = re.compile(r'\ssrc="(?P<src>[^"]*)"', re.I)
_CELL_ID = re.compile(r'<div id="(?P<id>[A-Za-z][\w:-]*)" class="cell\b')


def png_size(data: bytes) -> tuple[int, int] | None:
    """Width and height of a PNG from its header, or None if ``data`` is not a PNG."""
    if data[:8] != b"\x89PNG\r\n\x1a\n" or data[12:16] != b"IHDR":
        return None
    return struct.unpack(">II", data[16:24])


def png_css_size(data: bytes) -> tuple[int, int] | None:
    """The CSS size of a PNG: its pixels scaled by its pHYs density (96 dots per inch = 1 pixel per CSS px).

    A chart saved at 192 dpi (2 device pixels per CSS pixel) shows at half its pixel size. Without a
    pHYs chunk in metres, the pixel size.
    """
    size = png_size(data)
    if size is None:
        return None
    pos = data.find(b"pHYs", 8, 4096)
    if pos > 0:
        ppx, ppy, unit = struct.unpack(">IIB", data[pos + 4: pos + 13])
        if unit == 1 and ppx > 0:
            scale = ppx * 0.0254 / 96
            if scale >= 1.05:
                return round(size[0] / scale), round(size[1] / scale)
    return size


def link_figures(page: Path) -> list[Path]:
    """Write the inline PNG charts of one page to ``<page>_files/figures/`` and link each chart to its file.

    The image keeps its alt text and gains its pixel size (so the page does not jump as it loads);
    a chart already in a link is left alone. Returns the files written.
    """
    text = page.read_text(encoding="utf-8")
    folder = page.parent / f"{page.stem}_files" / "figures"
    written: list[Path] = []
    used: set[str] = set()

    def one_figure(fm: re.Match) -> str:
        fig = fm.group(0)
        if re.search(r"<a\b[^>]*>\s*<img\b", fig, re.I):
            return fig
        cell = None
        for c in _CELL_ID.finditer(text, 0, fm.start()):
            cell = c.group("id")

        def one_img(im: re.Match) -> str:
            attrs = im.group("attrs")
            src_m = _SRC.search(attrs)
            if not src_m:
                return im.group(0)
            src = html.unescape(src_m.group("src"))
            if src.startswith("data:image/png;base64,"):
                data = base64.b64decode(src.split(",", 1)[1])
                base = re.sub(r"[^\w-]+", "-", cell or "figure").strip("-") or "figure"
                name, k = f"{base}.png", 2
                while name in used:
                    name, k = f"{base}-{k}.png", k + 1
                used.add(name)
                target = folder / name
                if not target.is_file() or target.read_bytes() != data:
                    target.parent.mkdir(parents=True, exist_ok=True)
                    target.write_bytes(data)
                written.append(target)
                href = os.path.relpath(target, page.parent).replace(os.sep, "/")
                attrs = _SRC.sub(f' src="{html.escape(href)}"', attrs, count=1)
                size = png_css_size(data)
                if size and " width=" not in attrs:
                    attrs += f' width="{size[0]}" height="{size[1]}"'
            elif src.startswith("data:"):
                return im.group(0)
            else:
                href = src
            return (f'<a class="figure-full" href="{html.escape(href)}" title="Open the chart full size">'
                    f"<img{attrs}></a>")  # fmt: skip

        return _IMG.sub(one_img, fig)

    new = _FIGURE.sub(one_figure, text)
    if new != text:
        write_atomic(page, new)
    return written


def link_site_figures(site: Path) -> list[Path]:
    """:func:`link_figures` on every page of the site; returns the chart files written."""
    return [f for page in sorted(site.rglob("*.html")) for f in link_figures(page)]


# ---------------------------------------------------------------------------------------------- chart data

_DATA_LINK = re.compile(r'<a download="(?P<name>[^"]+)" href="data:text/csv;charset=utf-8;base64,(?P<b64>[A-Za-z0-9+/=]+)"')


def externalize_downloads(site: Path) -> list[Path]:
    """Write each chart's CSV, embedded in the notebook as a ``data:`` link, to ``<page>_files/data/`` and link the file.

    The notebook keeps the data inline (so its outputs are the same at every execution and a fresh
    clone needs no re-execution to have them); the page loads only the link. Returns the files written.
    """
    written: list[Path] = []
    for page in sorted(site.rglob("*.html")):
        text = page.read_text(encoding="utf-8")
        if "data:text/csv" not in text:
            continue
        folder = page.parent / f"{page.stem}_files" / "data"

        def one(m: re.Match, folder=folder, page=page) -> str:
            name = re.sub(r"[^\w.-]+", "-", html.unescape(m.group("name"))).strip("-") or "data.csv"
            data = base64.b64decode(m.group("b64"))
            target = folder / name
            if not target.is_file() or target.read_bytes() != data:
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_bytes(data)
            written.append(target)
            href = os.path.relpath(target, page.parent).replace(os.sep, "/")
            return f'<a download="{html.escape(name)}" href="{html.escape(href)}"'

        write_atomic(page, _DATA_LINK.sub(one, text))
    return written


# ---------------------------------------------------------------------------------------------- reading order

#: The renderer's fixed words, per page language.
UI_WORDS: dict[str, dict[str, str]] = {
    "en": {"previous": "Previous", "next": "Next", "order": "Reading order"},
    "nl": {"previous": "Vorige", "next": "Volgende", "order": "Leesvolgorde", "Back to top": "Terug naar boven",
           "On this page": "Op deze pagina", "Search": "Zoeken", "menu": "Hoofdmenu", "Toggle navigation": "Menu openen of sluiten"},
}  # fmt: skip
#: The navbar's and footer's words on pages in another language (the pages they link to stay English).
NAV_WORDS: dict[str, dict[str, str]] = {
    "nl": {"1 Funds": "1 Geld", "2 Seizures": "2 Inbeslagnames", "3 Waterbed": "3 Waterbed",
           "4 Measures": "4 Maatregelen", "Data &amp; sources": "Data &amp; bronnen", "Methods": "Methoden", "About": "Over",
           "About this briefing": "Over deze briefing", "Library reference": "Naslag van de bibliotheek", "Glossary": "Verklarende woordenlijst",
           "Data: CC BY 4.0, quotes © their publishers · Code: MIT": "Gegevens: CC BY 4.0, citaten © hun uitgevers · Code: MIT",
           "Every number is computed from cited data: see": "Elk getal is berekend uit geciteerde gegevens: zie"},
}  # fmt: skip


def page_lang(text: str) -> str:
    """The ``lang`` of a page's ``<html>`` element (``en`` when it has none)."""
    m = re.search(r"<html\b[^>]*\blang=\"([^\"]+)\"", text, re.I)
    return (m.group(1) if m else "en").split("-")[0].lower()


def reading_order(site: Path, entries: Sequence[tuple[str, str]], site_lang: str = "en") -> list[tuple[str, str]]:
    """The (page, label) chain for previous/next links: the navbar ``entries`` (label, source path)
    whose page exists and is in the site's language (a summary in another language is not a step)."""
    chain = []
    for text, href in entries:
        src = href.split("#", 1)[0].removeprefix("./")
        out = re.sub(r"\.(ipynb|qmd|md|rmd)$", ".html", src, flags=re.I)
        page = site / out
        if page.is_file() and page_lang(page.read_text(encoding="utf-8")) == site_lang:
            chain.append((out, text))
    return chain


def _nav_html(page: str, prev: tuple[str, str] | None, nxt: tuple[str, str] | None, words: dict[str, str]) -> str:
    def rel(target: str) -> str:
        return os.path.relpath(target, os.path.dirname(page) or ".").replace(os.sep, "/")

    def side(item: tuple[str, str] | None, which: str) -> str:
        if item is None:
            return f'<div class="nav-page nav-page-{which}"></div>'
        arrow = f'<i class="bi bi-arrow-{"left" if which == "previous" else "right"}-short" aria-hidden="true"></i>'
        label = (f'<span class="nav-page-text"><span class="nav-page-word">{html.escape(words[which])}</span> '
                 f"{html.escape(item[1])}</span>")  # fmt: skip
        inner = f"{arrow} {label}" if which == "previous" else f"{label} {arrow}"
        rel_attr = "prev" if which == "previous" else "next"
        return (f'<div class="nav-page nav-page-{which}"><a href="{html.escape(rel(item[0]))}" '
                f'class="pagination-link" rel="{rel_attr}">{inner}</a></div>')  # fmt: skip

    return (f'<nav class="page-navigation mp-page-navigation" aria-label="{html.escape(words["order"])}">'
            f'{side(prev, "previous")}{side(nxt, "next")}</nav>')  # fmt: skip


def add_page_navigation(site: Path, chain: Sequence[tuple[str, str]]) -> list[Path]:
    """Previous/next links along ``chain`` (page, label) at the end of each page's main content,
    unless the renderer already made page navigation there. Returns the pages changed."""
    changed = []
    for i, (rel, _) in enumerate(chain):
        page = site / rel
        text = page.read_text(encoding="utf-8")
        if 'class="page-navigation' in text or "</main>" not in text:
            continue
        words = UI_WORDS.get(page_lang(text), UI_WORDS["en"])
        words = {**UI_WORDS["en"], **words}
        nav = _nav_html(rel, chain[i - 1] if i > 0 else None, chain[i + 1] if i + 1 < len(chain) else None, words)
        end = text.rfind("</main>")
        write_atomic(page, text[:end] + nav + text[end:])
        changed.append(page)
    return changed


def localise(site: Path) -> list[Path]:
    """Translate the offline renderer's fixed words ("Back to top", "On this page", the search box)
    on pages whose ``<html lang>`` is a language of :data:`UI_WORDS`. Returns the pages changed."""
    changed = []
    for page in sorted(site.rglob("*.html")):
        text = page.read_text(encoding="utf-8")
        lang = page_lang(text)
        words = UI_WORDS.get(lang)
        if lang == "en" or not words:
            continue
        new = text.replace("</i> Back to top</a>", f"</i> {words['Back to top']}</a>")
        new = new.replace('<h2 id="toc-title">On this page</h2>', f'<h2 id="toc-title">{words["On this page"]}</h2>')
        new = new.replace('placeholder="Search" aria-label="Search"',
                          f'placeholder="{words["Search"]}" aria-label="{words["Search"]}"')  # fmt: skip
        new = new.replace('aria-label="Toggle navigation"', f'aria-label="{words["Toggle navigation"]}"')
        new = re.sub(r'(<nav class="navbar[^"]*" )aria-label="Main"', rf'\1aria-label="{words["menu"]}"', new)
        for en, nl in NAV_WORDS.get(lang, {}).items():
            new = new.replace(f'<span class="menu-text">{en}</span>', f'<span class="menu-text">{nl}</span>')
            new = new.replace(f">{en}</div>", f">{nl}</div>").replace(f">{en} <a", f">{nl} <a")
        if new != text:
            write_atomic(page, new)
            changed.append(page)
    return changed


def label_landmarks(site: Path) -> list[Path]:
    """Give each navigation landmark a name, so a screen reader can tell them apart (axe ``landmark-unique``).

    The navbar becomes "Main" (translated by :func:`localise`), the table of contents is named by its
    heading; a ``<nav>`` that already has a name is left alone. Returns the pages changed.
    """
    changed = []
    for page in sorted(site.rglob("*.html")):
        text = page.read_text(encoding="utf-8")
        new = re.sub(r'<nav class="(navbar\b[^"]*)"(?![^>]*aria-label)', r'<nav class="\1" aria-label="Main"', text)
        new = re.sub(r'<nav id="TOC"(?![^>]*aria-label)([^>]*)>(\s*<h2 id="toc-title")', r'<nav id="TOC" aria-labelledby="toc-title"\1>\2', new)
        if new != text:
            write_atomic(page, new)
            changed.append(page)
    return changed
