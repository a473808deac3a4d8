"""Post-render: drop the theme's CSS rules and icons no page uses, so every page loads less.

The Bootstrap theme ships styles for hundreds of components the briefing never shows (about
230 KB), and the icon font has 2,000 icons where the site shows four. :func:`purge_css` keeps a
rule when every class and id its selector names occurs in the site (in a page's ``class``/``id``
attributes or anywhere in its scripts, which add classes such as ``show`` or ``collapsing`` at run
time) or in :data:`SAFELIST`; element selectors, ``@font-face``, ``:root`` and keyframes always stay.
:func:`slim_icons` keeps the icon rules the site uses and subsets the icon font to those glyphs
(fontTools, a dependency of matplotlib). Both renderers' HTML works: the files are found by the
links the pages have.
"""

from __future__ import annotations

import io
import re
from pathlib import Path

from mainports_analysis._io import write_atomic

#: Classes that scripts add by building them from parts (so they are not found as words).
SAFELIST = {"show", "showing", "hiding", "collapsing", "collapse", "active", "disabled", "fade", "dropdown-menu-end",
            "dropdown-menu-start", "dropstart", "dropend", "dropup", "was-validated", "focus-ring"}  # fmt: skip
_CLASS = re.compile(r"\.(-?[_a-zA-Z][\w-]*)")
_ID = re.compile(r"#(-?[_a-zA-Z][\w-]*)")


def site_words(site: Path) -> set[str]:
    """Every class and id the pages use, and every word in the site's scripts."""
    words: set[str] = set(SAFELIST)
    for page in site.rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        for attr in re.findall(r'\b(?:class|id)="([^"]*)"', text):
            words.update(attr.split())
        for script in re.findall(r"<script\b[^>]*>(.*?)</script>", text, re.S):
            words.update(re.findall(r"[\w-]+", script))
    for js in site.rglob("*.js"):
        words.update(re.findall(r"[\w-]+", js.read_text(encoding="utf-8", errors="replace")))
    return words


def _blocks(css: str) -> list[tuple[str, str]]:
    """Top-level (prelude, body) pairs of a style sheet; a statement like ``@charset`` has body None."""
    out, i, n = [], 0, len(css)
    while i < n:
        j = i
        while j < n and css[j] not in "{;":
            if css[j] == '"' or css[j] == "'":
                j = css.index(css[j], j + 1)
            j += 1
        if j >= n:
            break
        if css[j] == ";":
            out.append((css[i: j + 1], None))
            i = j + 1
            continue
        depth, k = 1, j + 1
        while depth and k < n:
            if css[k] in "\"'":
                k = css.index(css[k], k + 1)
            elif css[k] == "{":
                depth += 1
            elif css[k] == "}":
                depth -= 1
            k += 1
        out.append((css[i:j], css[j + 1: k - 1]))
        i = k
    return out


def _selector_used(selector: str, words: set[str]) -> bool:
    bare = re.sub(r":(?:not|is|where|has)\([^()]*\)", "", selector)  # inside :not() a missing class is fine
    bare = re.sub(r"\[[^\]]*\]", "", bare)
    return all(c in words for c in _CLASS.findall(bare)) and all(i in words for i in _ID.findall(bare))


def purge_css(css: str, words: set[str]) -> str:
    """``css`` without the rules whose selectors all name a class or id not in ``words`` (see the module).

    Comments go, except licence banners (``/*! … */``), which stay at the top. A sheet this simple
    parser cannot read (an unclosed string) is returned unchanged.
    """
    banners = "".join(re.findall(r"/\*!.*?\*/", css, flags=re.S))
    try:
        body = _purge(re.sub(r"/\*.*?\*/", "", css, flags=re.S), words)
    except ValueError:
        return css
    return banners + body


def _purge(css: str, words: set[str]) -> str:
    out = []
    for prelude, body in _blocks(css):
        head = prelude.strip()
        if body is None:
            out.append(head)
        elif head.startswith("@media") or head.startswith("@supports") or head.startswith("@layer") or head.startswith("@container"):
            inner = _purge(body, words)
            if inner.strip():
                out.append(f"{head}{{{inner}}}")
        elif head.startswith("@"):
            out.append(f"{head}{{{body}}}")
        else:
            kept = [s for s in re.split(r",(?![^()]*\))", head) if _selector_used(s.strip(), words)]
            if kept:
                out.append(f"{','.join(k.strip() for k in kept)}{{{body}}}")
    return "".join(out)


def theme_sheets(site: Path) -> list[Path]:
    """The big style sheets the pages link: the Bootstrap theme and the renderer's own (either renderer; over 30 KB)."""
    found = set()
    for page in site.rglob("*.html"):
        for href in re.findall(r'<link\b[^>]*rel="stylesheet"[^>]*href="([^"?#]+)', page.read_text(encoding="utf-8")):
            path = (page.parent / href).resolve()
            if path.is_file() and path.stat().st_size > 30_000 and "icons" not in path.name and "dt_bundle" not in path.name:
                found.add(path)
    return sorted(found)


def slim_icons(site: Path, words: set[str]) -> list[Path]:
    """Keep only the used icons' rules in the Bootstrap Icons CSS, and subset its font to them (as WOFF)."""
    changed = []
    for css_path in site.rglob("bootstrap-icons*.css"):
        css = css_path.read_text(encoding="utf-8")
        rules = re.findall(r"\.bi-([\w-]+)::before\{content:\"\\([0-9a-f]+)\"\}", css)
        used = {name: code for name, code in rules if f"bi-{name}" in words}
        if not rules or len(used) == len(rules):
            continue
        css = re.sub(r"\.bi-([\w-]+)::before\{content:\"\\[0-9a-f]+\"\}", lambda m, used=used: m.group(0) if m.group(1) in used else "", css)
        fonts = [css_path.parent / "fonts" / f"bootstrap-icons.{ext}" for ext in ("woff", "woff2")]  # woff2 needs brotli
        font = next((f for f in fonts if f.is_file()), None)
        if font is not None:
            subset = _subset_font(font.read_bytes(), {int(c, 16) for c in used.values()})
            if subset is not None:
                target = font.with_name("bootstrap-icons.subset.woff")
                target.write_bytes(subset)
                css = re.sub(r"src:url\([^;}]*\)[^;}]*", 'src:url("fonts/bootstrap-icons.subset.woff") format("woff")', css, count=1)
        write_atomic(css_path, css)
        changed.append(css_path)
    return changed


def _subset_font(data: bytes, codepoints: set[int]) -> bytes | None:
    try:
        from fontTools import subset
        from fontTools.ttLib import TTFont
    except ImportError:  # pragma: no cover - fontTools comes with matplotlib
        return None
    import logging

    logging.getLogger("fontTools").setLevel(logging.ERROR)
    try:
        font = TTFont(io.BytesIO(data))
    except Exception:  # a woff2 needs brotli to read; without it, keep the full font
        return None
    options = subset.Options()
    options.flavor = "woff"
    sub = subset.Subsetter(options)
    sub.populate(unicodes=codepoints)
    sub.subset(font)
    out = io.BytesIO()
    font.flavor = "woff"
    font.save(out)
    return out.getvalue()


#: Scripts the offline renderer loads in the head that nothing on the page needs before it is parsed.
DEFERRABLE = ("bootstrap.bundle.min.js", "fuse.min.js")


def defer_and_lazy_load(site: Path) -> list[Path]:
    """Let pages render before their scripts run and their lower charts load (Lighthouse: render-blocking, offscreen images).

    On pages of the offline renderer (they load ``smalldocs.js`` deferred, after these), the head's
    Bootstrap and Fuse scripts get ``defer`` (their order is kept); every chart but a page's first
    gets ``loading="lazy"``. Idempotent; returns the pages changed.
    """
    changed = []
    for page in sorted(site.rglob("*.html")):
        text = page.read_text(encoding="utf-8")
        new = text
        if "smalldocs.js" in text:
            for name in DEFERRABLE:
                new = re.sub(rf'<script src="([^"]*{re.escape(name)})"></script>', r'<script src="\1" defer></script>', new)
        count = 0

        def lazy(m: re.Match) -> str:
            nonlocal count
            count += 1
            tag = m.group(0)
            return tag if count == 1 or "loading=" in tag else tag.replace("<img", '<img loading="lazy" decoding="async"', 1)

        new = re.sub(r"<img\b[^>]*>", lazy, new)
        if new != text:
            write_atomic(page, new)
            changed.append(page)
    return changed


def slim_site(site: Path) -> dict[str, tuple[int, int]]:
    """Purge the theme CSS and slim the icons; returns {file: (bytes before, bytes after)}."""
    words = site_words(site)
    report = {}
    for sheet in theme_sheets(site):
        before = sheet.read_text(encoding="utf-8")
        after = purge_css(before, words)
        if after != before:
            write_atomic(sheet, after)
        report[sheet.relative_to(site).as_posix()] = (len(before.encode()), len(after.encode()))
    for css in slim_icons(site, words):
        report[css.relative_to(site).as_posix()] = (0, css.stat().st_size)
    defer_and_lazy_load(site)
    return report
