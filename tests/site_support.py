"""Checks of the built site (``_site/``), shared by test_site.py and test_browser.py.

Every check is a plain function that returns a list of problems (strings naming the file and the
offending URL), so the tests on the real site and the small tests that feed a checker a crafted bad
page run the same code. Nothing here builds the site: ``make test`` builds it before the site tests.

The site checked is ``$MAINPORTS_SITE_DIR`` when set, else ``<repository>/_site``.
"""

from __future__ import annotations

import base64
import binascii
import contextlib
import csv
import functools
import http.server
import io
import os
import posixpath
import re
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

ROOT = Path(__file__).resolve().parents[1]
ARTIFACTS = Path(__file__).resolve().parent / "artifacts"

#: The budget of one page: its HTML plus every local asset it loads.
PAGE_WEIGHT_LIMIT = int(1.5 * 1024 * 1024)
#: Where the post-render step puts itables' DataTables bundle (mainports_analysis.site.assets.ASSET_DIR).
ITABLES_BUNDLE_DIR = "site_libs/itables/"

#: The clean data downloads the pre-render step writes (scripts/prepare_site.py).
DOWNLOADS = ("seizures", "throughput", "allocations", "measures", "sources")


# ---------------------------------------------------------------------------------------------- where


def site_dir() -> Path:
    """The built site: ``$MAINPORTS_SITE_DIR``, else the project's output folder (``_site``)."""
    env = os.environ.get("MAINPORTS_SITE_DIR")
    if env:
        return Path(env).resolve()
    return ROOT / "_site"


def project_root_of(site: Path) -> Path:
    """The project a site was built from: the folder above it when that holds ``_quarto.yml``, else this repo."""
    parent = site.resolve().parent
    return parent if (parent / "_quarto.yml").is_file() else ROOT


def html_pages(site: Path) -> list[str]:
    """Every HTML page of the site, as POSIX paths relative to it, sorted."""
    if not site.is_dir():
        return []
    return sorted(p.relative_to(site).as_posix() for p in site.rglob("*.html") if p.is_file())


def site_files(site: Path, *suffixes: str) -> list[str]:
    """Files of the site with one of the given suffixes (".css", ".js"), relative POSIX paths, sorted."""
    return sorted(
        p.relative_to(site).as_posix()
        for p in site.rglob("*")
        if p.is_file() and p.suffix.lower() in suffixes
    )


def output_page(source: str) -> str:
    """The HTML page a source renders to: ``notebooks/x.ipynb`` → ``notebooks/x.html``."""
    stem, dot, ext = source.rpartition(".")
    if dot and ext.lower() in ("ipynb", "qmd", "md", "rmd"):
        return f"{stem}.html"
    return source


def expected_pages(root: Path) -> list[tuple[str, str]]:
    """(navbar text, expected HTML page) for every local navbar entry of ``_quarto.yml``."""
    from mainports_analysis.site import project

    pages = []
    for entry in project.navbar(root):
        if is_remote(entry.href) or entry.href.startswith(("mailto:", "#")):
            continue
        pages.append((entry.text, output_page(entry.href.split("#", 1)[0].removeprefix("./") or "index.html")))
    return pages


def missing_pages(site: Path, root: Path) -> list[str]:
    """What the site lacks: index.html, search.json, a page per navbar entry, a page per rendered source."""
    from mainports_analysis.site import project

    problems = []
    if not site.is_dir():
        return [f"no built site at {site} (run `mainports build --renderer offline`)"]
    for name in ("index.html", "search.json"):
        f = site / name
        if not f.is_file() or f.stat().st_size == 0:
            problems.append(f"{name}: missing or empty in {site}")
    for text, page in expected_pages(root):
        if not (site / page).is_file():
            problems.append(f"{page}: missing (navbar entry {text!r})")
    for source in project.render_list(root):
        matches = sorted(p.relative_to(root).as_posix() for p in root.glob(source)) if "*" in source else [source]
        for m in matches:
            page = output_page(m)
            if not (site / page).is_file():
                problems.append(f"{page}: missing (rendered from {m}, listed in _quarto.yml project.render)")
    return sorted(set(problems), key=problems.index)


# ---------------------------------------------------------------------------------------------- URLs

# http:, https:, ws:, wss:, ftp: or protocol-relative //host (browsers read \\host as //host too)
_REMOTE = re.compile(r"^\s*(?:(?:https?|wss?|ftp):|[\\/]{2})", re.I)
_SCHEME = re.compile(r"^\s*([a-zA-Z][a-zA-Z0-9+.-]*):")


def is_remote(url: str) -> bool:
    """Does ``url`` point at another server (http:, https:, ws:, ftp:, or protocol-relative ``//``)?"""
    return bool(_REMOTE.match(url or ""))


def is_local(url: str) -> bool:
    """Is ``url`` a reference to a file of the site (not remote, not data:/mailto:/javascript:, not ``#x``)?"""
    url = (url or "").strip()
    if not url or url.startswith("#") or is_remote(url):
        return False
    return not _SCHEME.match(url)


def srcset_urls(value: str) -> list[str]:
    """The URLs of a ``srcset`` / ``imagesrcset`` value (candidates are ``URL [descriptor]``, comma-separated)."""
    urls, i, n = [], 0, len(value)
    while i < n:
        while i < n and (value[i].isspace() or value[i] == ","):
            i += 1
        start = i
        while i < n and not value[i].isspace():
            i += 1
        url = value[start:i]
        if url.endswith(","):
            url = url.rstrip(",")
        elif i < n:  # skip the descriptor, up to the next comma outside parentheses
            depth = 0
            while i < n and not (value[i] == "," and depth == 0):
                depth += value[i] == "("
                depth -= value[i] == ")"
                i += 1
        if url:
            urls.append(url)
    return urls


# ---------------------------------------------------------------------------------------------- CSS and JS

_CSS_COMMENT = re.compile(r"/\*.*?\*/", re.S)
_CSS_URL = re.compile(r"""url\(\s*(?:"([^"]*)"|'([^']*)'|([^)\s]*))\s*\)""", re.I)
_CSS_IMPORT = re.compile(r"""@import\s+(?:"([^"]*)"|'([^']*)')""", re.I)  # @import url(...) is caught by _CSS_URL
_FONT_FACE = re.compile(r"@font-face\s*\{([^}]*)\}", re.I)
_FONT_SRC = re.compile(r"(?:^|;)\s*src\s*:([^;]*)", re.I)


def css_urls(css: str) -> list[str]:
    """Every URL a style sheet (or a ``style`` attribute) refers to: ``url(...)`` and ``@import``, comments skipped."""
    css = _CSS_COMMENT.sub(" ", css)
    urls = [next(g for g in m.groups() if g is not None) for m in _CSS_URL.finditer(css)]
    urls += [m.group(1) if m.group(1) is not None else m.group(2) for m in _CSS_IMPORT.finditer(css)]
    return [u.strip() for u in urls]


def css_loaded_urls(css: str) -> list[str]:
    """The URLs a browser downloads for a style sheet: all of them, except that of each ``@font-face``
    only the first ``src`` candidate counts (a browser takes the first format it supports: woff2)."""
    css = _CSS_COMMENT.sub(" ", css)
    skipped: set[int] = set()
    for face in _FONT_FACE.finditer(css):
        for src in _FONT_SRC.finditer(face.group(1)):
            offset = face.start(1) + src.start(1)
            for k, m in enumerate(_CSS_URL.finditer(src.group(1))):
                if k > 0:
                    skipped.add(offset + m.start())
    urls = [
        next(g for g in m.groups() if g is not None)
        for m in _CSS_URL.finditer(css)
        if m.start() not in skipped
    ]
    urls += [m.group(1) if m.group(1) is not None else m.group(2) for m in _CSS_IMPORT.finditer(css)]
    return [u.strip() for u in urls]


def css_external(css: str) -> list[str]:
    """The remote URLs a style sheet would load."""
    return [u for u in css_urls(css) if is_remote(u)]


_Q = r"""["'`]"""
_REMOTE_LIT = r"""((?:(?:https?|wss?|ftp):|[\\/]{2})[^"'`\s)]*)"""
_JS_REQUESTS = [
    ("fetch()", re.compile(rf"\bfetch\(\s*{_Q}{_REMOTE_LIT}", re.I)),
    ("import()", re.compile(rf"\bimport\s*\(\s*{_Q}{_REMOTE_LIT}")),
    ("import … from", re.compile(rf"\b(?:import|export)\b[^;\"'`]{{0,500}}?\bfrom\s*{_Q}{_REMOTE_LIT}")),
    ("import", re.compile(rf"\bimport\s*{_Q}{_REMOTE_LIT}")),
    ("url()", re.compile(rf"\burl\(\s*[\"']?{_REMOTE_LIT}", re.I)),
    ("@import", re.compile(rf"@import\s+(?:url\(\s*)?[\"']?{_REMOTE_LIT}", re.I)),
    ("importScripts()", re.compile(rf"\bimportScripts\(\s*{_Q}{_REMOTE_LIT}")),
    ("new Worker/EventSource/WebSocket()", re.compile(rf"\bnew\s+(?:Shared)?(?:Worker|EventSource|WebSocket)\(\s*{_Q}{_REMOTE_LIT}")),
    ("sendBeacon()", re.compile(rf"\bsendBeacon\(\s*{_Q}{_REMOTE_LIT}")),
    ("XMLHttpRequest.open()", re.compile(rf"\.open\(\s*{_Q}[A-Za-z]+{_Q}\s*,\s*{_Q}{_REMOTE_LIT}")),
    (".src =", re.compile(rf"\.src\s*=\s*{_Q}{_REMOTE_LIT}")),
    ("setAttribute('src')", re.compile(rf"setAttribute\(\s*{_Q}(?:src|href){_Q}\s*,\s*{_Q}{_REMOTE_LIT}")),
]


def js_external(js: str) -> list[str]:
    """Remote requests written into a script: ``fetch("https://…")``, ``import … from "https://…"``,
    ``import("//…")``, ``url(https://…)``, ``@import``, workers, XHR, ``.src = "https://…"``.
    Plain strings (a licence URL in a comment, a postMessage origin) are not requests and pass."""
    found = []
    for what, rx in _JS_REQUESTS:
        found += [f"{what} {m.group(1)}" for m in rx.finditer(js)]
    return found


# ---------------------------------------------------------------------------------------------- HTML


@dataclass
class Ref:
    """A URL in a page: the tag and attribute it sits in, and whether the browser loads it by itself."""

    tag: str
    attr: str
    url: str
    loads: bool  # a request the page makes on its own (src, stylesheet …), not a link to follow


@dataclass
class Page:
    """What the checks need from one HTML document."""

    refs: list[Ref] = field(default_factory=list)
    ids: set[str] = field(default_factory=set)
    imgs: list[dict[str, str | None]] = field(default_factory=list)
    titles: list[str] = field(default_factory=list)
    h1: int = 0
    lang: str | None = None
    styles: list[str] = field(default_factory=list)  # <style> contents
    scripts: list[str] = field(default_factory=list)  # inline <script> contents


# <link rel> values that name a related document without fetching it
_LINK_NO_FETCH = {"canonical", "alternate", "author", "license", "help", "me", "next", "prev", "bookmark", "external", "tag"}
_SRC_LIKE = {"src", "poster"}
_SVG_HREF = {"image", "use", "feimage", "script"}


class _Parser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.page = Page()
        self._in: str | None = None  # "title", "style" or "script"
        self._buf: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k.lower(): (v if v is not None else "") for k, v in attrs}
        p = self.page
        for key in ("id", "name") if tag in ("a", "map") else ("id",):
            if a.get(key):
                p.ids.add(a[key])
        if tag == "html" and "lang" in a:
            p.lang = a["lang"]
        if tag == "h1":
            p.h1 += 1
        if tag == "img":
            p.imgs.append({"src": a.get("src"), "alt": a.get("alt") if "alt" in a else None})
        for attr in _SRC_LIKE:
            if attr in a:
                p.refs.append(Ref(tag, attr, a[attr], True))
        for attr in ("srcset", "imagesrcset"):
            if attr in a:
                p.refs += [Ref(tag, attr, u, True) for u in srcset_urls(a[attr])]
        if tag == "object" and "data" in a:
            p.refs.append(Ref(tag, "data", a["data"], True))
        if tag in ("a", "area") and "href" in a:
            p.refs.append(Ref(tag, "href", a["href"], False))
        if tag == "link" and "href" in a:
            rels = set((a.get("rel") or "").lower().split())
            p.refs.append(Ref(tag, f"href (rel={a.get('rel') or ''})", a["href"], not rels or not rels <= _LINK_NO_FETCH))
        if tag == "base" and "href" in a:
            p.refs.append(Ref(tag, "href", a["href"], True))
        if tag in _SVG_HREF:
            for attr in ("href", "xlink:href"):
                if attr in a:
                    p.refs.append(Ref(tag, attr, a[attr], True))
        if "style" in a:
            p.refs += [Ref(tag, "style url()", u, True) for u in css_urls(a["style"])]
        if tag in ("title", "style") or (tag == "script" and "src" not in a and _executable(a.get("type"))):
            self._in, self._buf = tag, []

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        if self._in == tag:
            self.handle_endtag(tag)

    def handle_data(self, data: str) -> None:
        if self._in:
            self._buf.append(data)

    def handle_endtag(self, tag: str) -> None:
        if self._in == tag:
            text = "".join(self._buf)
            if tag == "title":
                self.page.titles.append(text.strip())
            elif tag == "style":
                self.page.styles.append(text)
                self.page.refs += [Ref("style", "url()", u, True) for u in css_urls(text)]
            else:
                self.page.scripts.append(text)
            self._in, self._buf = None, []


def _executable(script_type: str | None) -> bool:
    t = (script_type or "").strip().lower()
    return t in ("", "module", "text/javascript", "application/javascript", "text/ecmascript", "application/ecmascript")


def parse_html(text: str) -> Page:
    """Parse one HTML document with the standard library's parser."""
    parser = _Parser()
    parser.feed(text)
    parser.close()
    return parser.page


@functools.lru_cache(maxsize=512)
def _parse_file(path: str, mtime_ns: int, size: int) -> Page:
    return parse_html(Path(path).read_text(encoding="utf-8", errors="replace"))


def parse_file(path: Path) -> Page:
    """Parse an HTML file (cached per path, modification time and size)."""
    st = path.stat()
    return _parse_file(str(path), st.st_mtime_ns, st.st_size)


def html_external(text: str) -> list[str]:
    """Remote requests a page makes by itself (``<a href>`` links are allowed): "tag attr URL" strings."""
    page = parse_html(text)
    found = [f"<{r.tag} {r.attr}> {r.url}" for r in page.refs if r.loads and is_remote(r.url)]
    found += [f"<script> {u}" for s in page.scripts for u in js_external(s)]
    return list(dict.fromkeys(found))


def external_requests(site: Path) -> list[str]:
    """Every request to another server in the site: HTML pages, style sheets and scripts."""
    problems = []
    for rel in html_pages(site):
        text = (site / rel).read_text(encoding="utf-8", errors="replace")
        problems += [f"{rel}: {what}" for what in html_external(text)]
    for rel in site_files(site, ".css"):
        text = (site / rel).read_text(encoding="utf-8", errors="replace")
        problems += [f"{rel}: url()/@import {u}" for u in css_external(text)]
    for rel in site_files(site, ".js", ".mjs"):
        text = (site / rel).read_text(encoding="utf-8", errors="replace")
        problems += [f"{rel}: {what}" for what in js_external(text)]
    return problems


# ---------------------------------------------------------------------------------------------- links


def resolve(site: Path, base: str, url: str) -> tuple[str | None, str]:
    """The site file a local URL in ``base`` (a path relative to the site) points at, and its fragment.

    Returns (None, reason) when it leaves the site. Query and fragment are stripped; ``/x`` is
    taken from the site's root; a folder means its ``index.html``.
    """
    parts = urlsplit(url.strip())
    path = unquote(parts.path)
    if not path:
        return base, unquote(parts.fragment)
    joined = path.lstrip("/") if path.startswith("/") else posixpath.join(posixpath.dirname(base), path)
    norm = posixpath.normpath(joined) if joined else "."
    if norm == ".." or norm.startswith("../"):
        return None, "outside the site"
    if norm == ".":
        norm = ""
    if path.endswith("/") or (site / norm).is_dir():
        norm = posixpath.join(norm, "index.html") if norm else "index.html"
    return norm, unquote(parts.fragment)


def _data_image_problem(url: str) -> str | None:
    head, comma, payload = url.partition(",")
    if not comma or not payload.strip():
        return "an empty inline (data:) image"
    if head.lower().endswith(";base64"):
        try:
            if not base64.b64decode(payload.strip(), validate=False):
                return "an empty inline (data:) image"
        except (binascii.Error, ValueError):
            return "an inline (data:) image whose base64 does not decode"
    return None


def broken_links(site: Path) -> list[str]:
    """Every local href/src of every page (and url() of every local style sheet) that is not a file of
    the site; every link to ``page.html#id`` whose id is not in that page; every <img> without alt text."""
    problems: list[str] = []
    for rel in html_pages(site):
        page = parse_file(site / rel)
        for ref in page.refs:
            url = ref.url.strip()
            if ref.tag == "img" and ref.attr == "src" and url.lower().startswith("data:"):
                if (why := _data_image_problem(url)) is not None:
                    problems.append(f"{rel}: <img src> is {why}")
                continue
            if not is_local(url):
                continue
            target, frag = resolve(site, rel, url)
            if target is None:
                problems.append(f"{rel}: <{ref.tag} {ref.attr}> {url} points outside the site")
                continue
            if not (site / target).is_file():
                problems.append(f"{rel}: <{ref.tag} {ref.attr}> {url} → {target} does not exist")
                continue
            if frag and target.endswith(".html"):
                ids = parse_file(site / target).ids
                if frag not in ids and ref.url.split("#", 1)[1] not in ids:
                    problems.append(f"{rel}: <{ref.tag} {ref.attr}> {url} → no id {frag!r} in {target}")
        for img in page.imgs:
            if not (img["alt"] or "").strip():
                src = img["src"] or ""
                shown = src if len(src) <= 80 else src[:60] + f"… ({len(src)} chars)"
                problems.append(f"{rel}: <img src={shown!r}> has no alt text")
    for rel in site_files(site, ".css"):
        text = (site / rel).read_text(encoding="utf-8", errors="replace")
        for url in css_urls(text):
            if not is_local(url):
                continue
            target, _ = resolve(site, rel, url)
            if target is None or not (site / target).is_file():
                problems.append(f"{rel}: url({url}) → {target or 'outside the site'} does not exist")
    return problems


# ---------------------------------------------------------------------------------------------- weight


def _css_assets(site: Path, rel: str, seen: set[str]) -> None:
    text = (site / rel).read_text(encoding="utf-8", errors="replace")
    for url in css_loaded_urls(text):
        if not is_local(url):
            continue
        target, _ = resolve(site, rel, url)
        if target and target not in seen and (site / target).is_file():
            seen.add(target)
            if target.endswith(".css"):
                _css_assets(site, target, seen)


def page_assets(site: Path, rel: str) -> dict[str, int]:
    """The local files one page loads, each once, with their sizes: the page itself, its style sheets,
    scripts, images, and what its style sheets load (fonts: the first format of each @font-face)."""
    page = parse_file(site / rel)
    seen: set[str] = {rel}
    for ref in page.refs:
        if not ref.loads or not is_local(ref.url):
            continue
        target, _ = resolve(site, rel, ref.url)
        if not target or target in seen or not (site / target).is_file():
            continue
        seen.add(target)
        if target.endswith(".css"):
            _css_assets(site, target, seen)
    for css in page.styles:
        for url in css_loaded_urls(css):
            if is_local(url):
                target, _ = resolve(site, rel, url)
                if target and target not in seen and (site / target).is_file():
                    seen.add(target)
    return {f: (site / f).stat().st_size for f in sorted(seen)}


def page_weights(site: Path) -> dict[str, dict[str, int]]:
    """``page_assets`` for every page of the site."""
    return {rel: page_assets(site, rel) for rel in html_pages(site)}


def weight_table(weights: dict[str, dict[str, int]], limit: int = PAGE_WEIGHT_LIMIT) -> str:
    """A plain-text table of page weights, heaviest first, with each page's three biggest files."""
    rows = sorted(weights.items(), key=lambda kv: -sum(kv[1].values()))
    width = max([len(r) for r in weights] + [4])
    lines = [f"{'page':<{width}}  {'KiB':>8}  biggest files", f"{'-' * width}  {'-' * 8}  {'-' * 13}"]
    for rel, files in rows:
        total = sum(files.values())
        top = ", ".join(f"{f} {s / 1024:.0f}" for f, s in sorted(files.items(), key=lambda kv: -kv[1])[:3])
        flag = "  OVER" if total >= limit else ""
        lines.append(f"{rel:<{width}}  {total / 1024:>8.1f}  {top}{flag}")
    lines.append(f"limit: {limit / 1024:.0f} KiB per page")
    return "\n".join(lines)


def heavy_pages(weights: dict[str, dict[str, int]], limit: int = PAGE_WEIGHT_LIMIT) -> list[str]:
    """Pages at or over the limit: "page: N bytes"."""
    return [f"{rel}: {sum(f.values())} bytes" for rel, f in weights.items() if sum(f.values()) >= limit]


# ---------------------------------------------------------------------------------------------- structure


def structure_problems(rel: str, page: Page) -> list[str]:
    """A page needs a non-empty <title>, exactly one <h1> and <html lang="…">."""
    problems = []
    if not any(page.titles):
        problems.append(f"{rel}: no <title> (or an empty one)")
    if page.h1 != 1:
        problems.append(f"{rel}: {page.h1} <h1> elements, expected exactly 1")
    if not (page.lang or "").strip():
        problems.append(f"{rel}: no <html lang=…>")
    return problems


def site_structure(site: Path) -> list[str]:
    """``structure_problems`` for every page of the site."""
    return [p for rel in html_pages(site) for p in structure_problems(rel, parse_file(site / rel))]


# ---------------------------------------------------------------------------------------------- downloads


def csv_problems(name: str, text: str) -> list[str]:
    """A download must be a CSV with a header, at least one data row and the same width on every row."""
    try:
        rows = list(csv.reader(io.StringIO(text, newline=""), strict=True))
    except csv.Error as err:
        return [f"{name}: not valid CSV: {err}"]
    rows = [r for r in rows if r]
    if not rows:
        return [f"{name}: empty"]
    header = rows[0]
    problems = []
    if len(rows) < 2:
        problems.append(f"{name}: a header and no data rows")
    if any(not h.strip() for h in header):
        problems.append(f"{name}: an empty column name in the header {header}")
    bad = [i for i, r in enumerate(rows[1:], start=2) if len(r) != len(header)]
    if bad:
        problems.append(
            f"{name}: {len(bad)} row(s) without the header's {len(header)} fields, first at record {bad[0]}"
        )
    return problems


def download_problems(site: Path, names: tuple[str, ...] = DOWNLOADS) -> list[str]:
    """Each ``downloads/<name>.csv`` exists, is non-empty and parses."""
    problems = []
    for name in names:
        f = site / "downloads" / f"{name}.csv"
        rel = f"downloads/{name}.csv"
        if not f.is_file():
            problems.append(f"{rel}: missing")
        elif f.stat().st_size == 0:
            problems.append(f"{rel}: empty file")
        else:
            problems += csv_problems(rel, f.read_text(encoding="utf-8-sig"))
    return problems


# ---------------------------------------------------------------------------------------------- a server


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    extensions_map = {
        **http.server.SimpleHTTPRequestHandler.extensions_map,
        ".js": "text/javascript",
        ".mjs": "text/javascript",
        ".css": "text/css",
        ".json": "application/json",
        ".svg": "image/svg+xml",
        ".woff": "font/woff",
        ".woff2": "font/woff2",
        ".csv": "text/csv",
        ".cff": "text/plain",
        ".pdf": "application/pdf",
    }

    def log_message(self, format: str, *args) -> None:  # noqa: A002 - the stdlib's signature
        pass

    def handle(self) -> None:
        with contextlib.suppress(ConnectionError):
            super().handle()


@contextlib.contextmanager
def serve(directory: Path) -> Iterator[str]:
    """Serve ``directory`` over HTTP on 127.0.0.1 and a free port, in a thread; yields the base URL."""
    handler = functools.partial(_QuietHandler, directory=str(directory))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, name="site-server", daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


# ---------------------------------------------------------------------------------------------- in a browser


def screenshot_name(rel: str, suffix: str = "") -> str:
    """``reference/api/load.html`` → ``reference__api__load.png`` (``suffix`` before .png)."""
    stem = rel[: -len(".html")] if rel.endswith(".html") else rel
    return stem.replace("/", "__") + suffix + ".png"


@dataclass
class Visit:
    """What loading one page in the browser showed."""

    url: str
    status: int | None = None
    console_errors: list[str] = field(default_factory=list)
    page_errors: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)  # requestfailed and HTTP status >= 400
    external: list[str] = field(default_factory=list)  # requests to another host, aborted
    sizes: dict[str, int] = field(default_factory=dict)  # response URL -> body bytes

    @property
    def weight(self) -> int:
        return sum(self.sizes.values())

    def problems(self, limit: int = PAGE_WEIGHT_LIMIT) -> list[str]:
        out = []
        if self.status != 200:
            out.append(f"the page answered HTTP {self.status}")
        out += [f"request to another server (blocked): {u}" for u in self.external]
        out += [f"console error: {m}" for m in self.console_errors]
        out += [f"uncaught exception: {m}" for m in self.page_errors]
        out += [f"failed request: {m}" for m in self.failed]
        if self.weight >= limit:
            top = sorted(self.sizes.items(), key=lambda kv: -kv[1])[:5]
            out.append(
                f"page weight {self.weight} bytes ≥ {limit} (biggest: "
                + ", ".join(f"{u} {s}" for u, s in top)
                + ")"
            )
        return out


def _host_is_local(url: str) -> bool:
    parts = urlsplit(url)
    if parts.scheme in ("data", "blob", "about"):
        return True
    return parts.hostname == "127.0.0.1"


def visit(context, url: str, *, screenshot: Path | None = None, viewport: dict | None = None,
          media: str | None = None, timeout_ms: int = 20_000):
    """Open ``url`` in a new tab of a Playwright browser context (``media="print"`` to print), wait until the network is idle,
    record console errors, uncaught exceptions, failed requests, requests to other hosts (routed to
    abort) and the bytes of every response; optionally save a full-page screenshot.

    Returns (Visit, page): the caller closes the page.
    """
    v = Visit(url)
    page = context.new_page()
    page.set_default_timeout(timeout_ms)
    if viewport:
        page.set_viewport_size(viewport)
    if media:
        page.emulate_media(media=media)

    def route(r) -> None:
        if _host_is_local(r.request.url):
            r.continue_()
        else:
            v.external.append(r.request.url)
            r.abort("blockedbyclient")

    responses = []
    page.route("**/*", route)  # routing also turns the HTTP cache off: every load counts in full
    page.on("console", lambda m: v.console_errors.append(_console_text(m)) if m.type == "error" else None)
    page.on("pageerror", lambda e: v.page_errors.append(str(e)))
    page.on(
        "requestfailed",
        lambda r: v.failed.append(f"{r.url} ({r.failure})") if r.url not in v.external else None,
    )
    page.on("response", lambda r: responses.append(r))
    try:
        resp = page.goto(url, wait_until="load")
        page.wait_for_load_state("networkidle")
        v.status = resp.status if resp else None
        if screenshot is not None:  # before counting: a full-page shot may pull in lazy images
            screenshot.parent.mkdir(parents=True, exist_ok=True)
            page.screenshot(path=str(screenshot), full_page=True)
        for r in list(responses):
            if not r.url.startswith(("http://", "https://")):
                continue
            if r.status >= 400:
                v.failed.append(f"{r.url} (HTTP {r.status})")
            try:
                size = len(r.body())
            except Exception:  # redirects and evicted bodies: fall back on the network's count
                size = max(0, r.request.sizes().get("responseBodySize", 0))
            v.sizes[r.url] = v.sizes.get(r.url, 0) + size
    except BaseException:
        page.close()
        raise
    return v, page


def _console_text(msg) -> str:
    loc = msg.location or {}
    where = f" ({loc.get('url')}:{loc.get('lineNumber')})" if loc.get("url") else ""
    return f"{msg.text}{where}"


#: The widest elements past the right edge of the viewport, tables first.
OVERFLOW_JS = """(slack) => {
  const vw = window.innerWidth, de = document.documentElement;
  const out = [];
  for (const el of document.querySelectorAll('body *')) {
    const r = el.getBoundingClientRect();
    if (r.width && r.right > vw + slack) {
      let p = el.parentElement, clipped = false;
      while (p && p !== document.body) {
        const s = getComputedStyle(p);
        if (/(auto|scroll|hidden|clip)/.test(s.overflowX)) { clipped = true; break; }
        p = p.parentElement;
      }
      if (!clipped) out.push({tag: el.tagName.toLowerCase(), id: el.id, cls: String(el.className).slice(0, 60),
                              right: Math.round(r.right), table: el.tagName === 'TABLE' || !!el.closest('table')});
    }
  }
  out.sort((a, b) => (b.table - a.table) || (b.right - a.right));
  return {scrollWidth: de.scrollWidth, innerWidth: vw, offenders: out.slice(0, 8)};
}"""


def horizontal_overflow(page, slack: int = 5) -> str | None:
    """None when the page is no wider than the viewport (plus ``slack`` px), else what sticks out."""
    info = page.evaluate(OVERFLOW_JS, slack)
    if info["scrollWidth"] <= info["innerWidth"] + slack:
        return None
    what = "; ".join(
        f"<{o['tag']}{'#' + o['id'] if o['id'] else ''}{'.' + o['cls'].replace(' ', '.') if o['cls'] else ''}>"
        f" right edge {o['right']}px{' (table)' if o['table'] else ''}"
        for o in info["offenders"]
    )
    return (
        f"page is {info['scrollWidth']}px wide on a {info['innerWidth']}px viewport "
        f"(> {slack}px overflow); sticking out: {what or 'unknown'}"
    )


#: In print media, is the navbar shown? The first of nav/.navbar/header#quarto-header must be
#: display:none, and no .navbar or site header may be rendered at all.
PRINT_NAV_JS = """() => {
  const first = document.querySelector('nav, .navbar, header#quarto-header');
  if (!first) return null;
  const shown = [];
  if (getComputedStyle(first).display !== 'none') shown.push(first.tagName.toLowerCase() + (first.id ? '#' + first.id : ''));
  for (const el of document.querySelectorAll('.navbar, header#quarto-header')) {
    const visible = el.checkVisibility ? el.checkVisibility() : el.getClientRects().length > 0;
    if (visible) shown.push(el.tagName.toLowerCase() + (el.id ? '#' + el.id : '') + '.' + String(el.className).split(' ').join('.'));
  }
  return [...new Set(shown)];
}"""


def navbar_shown_in_print(page) -> list[str]:
    """The navigation elements still rendered when the page is printed (call after emulate_media print)."""
    return page.evaluate(PRINT_NAV_JS) or []


_PDF_PAGE = re.compile(rb"/Type\s*/Page(?![a-zA-Z])")


def pdf_page_count(data: bytes) -> int:
    """The pages of a PDF: its ``/Type /Page`` objects (``/Pages`` tree nodes are not counted)."""
    return len(_PDF_PAGE.findall(data))


def pdf_problems(data: bytes, *, min_bytes: int = 10 * 1024, pages: tuple[int, int] = (1, 6)) -> list[str]:
    """A printed page: a real PDF, bigger than ``min_bytes``, with a page count within ``pages``."""
    problems = []
    if not data.startswith(b"%PDF"):
        problems.append(f"not a PDF (starts with {data[:8]!r})")
    if len(data) <= min_bytes:
        problems.append(f"only {len(data)} bytes (expected > {min_bytes})")
    n = pdf_page_count(data)
    if not pages[0] <= n <= pages[1]:
        problems.append(f"{n} page(s), expected {pages[0]}–{pages[1]}")
    return problems


# ---------------------------------------------------------------------------------------------- site-wide furniture

_SCRIPTISH = re.compile(r"<(script|noscript|template|textarea)\b.*?</\1>", re.S | re.I)
_TABLE_OPEN = re.compile(r"<table\b([^>]*)>", re.I)


def _visible_html(text: str) -> str:
    """A page's HTML without the contents of scripts (whose strings may hold HTML templates)."""
    return _SCRIPTISH.sub("", text)


def table_problems(rel: str, text: str) -> list[str]:
    """Static tables must sit in a ``div.table-scroll`` (captions above it, none left inside);
    tables a script takes over (itables) are exempt."""
    html = _visible_html(text)
    problems = []
    for m in _TABLE_OPEN.finditer(html):
        if 'id="itables_' in m.group(1):
            continue
        before = html[max(0, m.start() - 300): m.start()]
        if not re.search(r'<div class="table-scroll"[^>]*>\s*$', before):
            problems.append(f"{rel}: a table at offset {m.start()} is not in a scroll box (div.table-scroll)")
    for m in re.finditer(r'<div class="table-scroll"[^>]*>\s*<table\b[^>]*>\s*<caption', html, re.I):
        problems.append(f"{rel}: a caption at offset {m.start()} is inside the scroll box")
    return problems


def chart_link_problems(rel: str, text: str) -> list[str]:
    """Every chart (an <img> in a <figure>) links to its full-size file (a.figure-full)."""
    problems = []
    for fig in re.finditer(r"<figure\b.*?</figure>", _visible_html(text), re.S | re.I):
        for img in re.finditer(r"<img\b[^>]*>", fig.group(0), re.I):
            head = fig.group(0)[: img.start()]
            if not re.search(r'<a class="figure-full" href="[^"]+\.png"[^>]*>\s*$', head):
                problems.append(f"{rel}: a chart at offset {fig.start()} does not link to its full-size PNG")
    return problems


def page_navigation_links(text: str) -> dict[str, str]:
    """The previous/next targets of a page's page navigation: {"prev": href, "next": href}."""
    nav = re.search(r'<nav class="page-navigation[^"]*"[^>]*>(.*?)</nav>', text, re.S)
    if not nav:
        return {}
    return {m.group(2): m.group(1) for m in re.finditer(r'<a href="([^"]+)" class="pagination-link" rel="(prev|next)"', nav.group(1))}


def reading_order_problems(site: Path, chain: list[str]) -> list[str]:
    """Each page of ``chain`` (site-relative paths) links to its neighbours, and only to them."""
    problems = []
    for i, rel in enumerate(chain):
        f = site / rel
        if not f.is_file():
            problems.append(f"{rel}: missing")
            continue
        links = page_navigation_links(f.read_text(encoding="utf-8"))
        for way, j in (("prev", i - 1), ("next", i + 1)):
            want = chain[j] if 0 <= j < len(chain) else None
            got = resolve(site, rel, links[way])[0] if way in links else None
            if got != want:
                problems.append(f"{rel}: {way} link goes to {got or 'nothing'}, expected {want or 'nothing'}")
    return problems


_ROLE_TEXT = re.compile(r":(?:class|func|meth|mod|data|attr|exc):`")


def reference_problems(rel: str, text: str) -> list[str]:
    """A reference page shows no raw Sphinx role and does not repeat its description as the first paragraph."""
    problems = []
    body = _visible_html(text)
    body = re.sub(r"<pre\b.*?</pre>", "", body, flags=re.S)
    if _ROLE_TEXT.search(re.sub(r"<[^>]+>", "", body)):
        problems.append(f"{rel}: an unrendered Sphinx role (:class:`…` or :func:`…`) in the text")
    desc = re.search(r'<div class="description">(.*?)</div>', body, re.S)
    first = re.search(r"</header>\s*<p>(.*?)</p>", body, re.S)
    if desc and first and re.sub(r"\s+", " ", desc.group(1)).strip() == re.sub(r"\s+", " ", first.group(1)).strip():
        problems.append(f"{rel}: the summary is printed twice (description and first paragraph)")
    return problems


def footer_links(text: str) -> list[str]:
    """The hrefs in a page's footer."""
    foot = re.search(r"<footer\b.*?</footer>", text, re.S | re.I)
    return re.findall(r'<a\b[^>]*href="([^"]+)"', foot.group(0)) if foot else []


def visible_text(fragment: str) -> str:
    """The text of an HTML fragment as a reader sees it: no tags, scripts or styles; entities decoded; spaces collapsed."""
    import html as _html

    fragment = re.sub(r"<(script|style|template|noscript)\b.*?</\1>", " ", fragment, flags=re.S | re.I)
    return re.sub(r"\s+", " ", _html.unescape(re.sub(r"<[^>]+>", " ", fragment))).strip()
