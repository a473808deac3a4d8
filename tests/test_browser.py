"""The built site in headless Chromium: every page loads without console errors, failed requests or
requests to other servers, stays under 1.5 MiB, and is photographed; the home page fits a phone and
prints to a clean PDF.

Uses the system's Chromium (``$CHROMIUM``, ``/usr/bin/chromium`` or ``chromium`` on the PATH) through
Playwright; nothing is downloaded. Without Chromium the tests skip, unless ``MAINPORTS_REQUIRE_BROWSER=1``
(CI), where they fail. Screenshots and the PDF go to tests/artifacts/ (git-ignored).
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

import site_support as ss

pytestmark = pytest.mark.browser

SITE = ss.site_dir()
PAGES = ss.html_pages(SITE)
SHOTS = ss.ARTIFACTS / "screenshots"
PDF = ss.ARTIFACTS / "home.pdf"
DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 390, "height": 844}
# What this workplace requires of every Chromium; the fresh profile (--user-data-dir) is passed as
# launch_persistent_context's user_data_dir, because Playwright's launch() refuses that argument.
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-quic",
]


def find_chromium() -> tuple[str | None, str]:
    """``$CHROMIUM``, else /usr/bin/chromium, else ``chromium`` on the PATH: (path or None, why not)."""
    env = os.environ.get("CHROMIUM")
    if env:
        ok = Path(env).is_file() and os.access(env, os.X_OK)
        return (env, "") if ok else (None, f"$CHROMIUM={env} is not an executable file")
    for candidate in ("/usr/bin/chromium", shutil.which("chromium")):
        if candidate and Path(candidate).is_file() and os.access(candidate, os.X_OK):
            return candidate, ""
    return None, ("no Chromium found ($CHROMIUM, /usr/bin/chromium or `chromium` on the PATH); "
                  "install Debian's `chromium` package")


def _unavailable(why: str):
    if os.environ.get("MAINPORTS_REQUIRE_BROWSER") == "1":
        pytest.fail(f"MAINPORTS_REQUIRE_BROWSER=1 but {why}", pytrace=False)
    pytest.skip(why)


@pytest.fixture(scope="module")
def browser(tmp_path_factory):
    """One headless Chromium for the whole module (a fresh profile), desktop viewport by default."""
    chromium, why = find_chromium()
    if chromium is None:
        _unavailable(why)
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _unavailable("the playwright Python package is not installed (pip install playwright)")
    profile = tmp_path_factory.mktemp("chromium-profile")
    with sync_playwright() as pw:
        context = pw.chromium.launch_persistent_context(
            str(profile), executable_path=chromium, headless=True, args=CHROMIUM_ARGS, viewport=DESKTOP,
        )
        try:
            yield context
        finally:
            context.close()


@pytest.fixture(scope="module")
def site_url():
    """The built site over HTTP on 127.0.0.1 (a free port), for the whole module."""
    if not (SITE / "index.html").is_file():
        pytest.fail(f"no built site at {SITE}: run `mainports build --renderer offline` (or set MAINPORTS_SITE_DIR)")
    with ss.serve(SITE) as url:
        yield url


def report(v: ss.Visit, rel: str) -> str:
    return f"{rel} in Chromium:\n  " + "\n  ".join(v.problems())


# ---------------------------------------------------------------------------------------------- every page


@pytest.mark.parametrize("rel", [pytest.param(p, id=p) for p in PAGES] or [pytest.param(None, id="no-site")])
def test_page_loads_cleanly(browser, site_url, rel):
    """No console errors, uncaught exceptions, failed requests or other hosts; < 1.5 MiB; a screenshot."""
    assert rel is not None, f"no HTML pages in {SITE}"
    v, page = ss.visit(browser, site_url + rel, screenshot=SHOTS / ss.screenshot_name(rel))
    page.close()
    assert not v.problems(), report(v, rel)
    assert v.sizes, f"{rel}: no responses recorded"


def test_home_page_fits_a_phone(browser, site_url):
    v, page = ss.visit(browser, site_url + "index.html", viewport=PHONE,
                       screenshot=SHOTS / ss.screenshot_name("index.html", "-phone"))
    try:
        overflow = ss.horizontal_overflow(page)
    finally:
        page.close()
    assert not v.problems(), report(v, "index.html (phone)")
    assert overflow is None, f"index.html at {PHONE['width']}x{PHONE['height']}: {overflow}"


def test_home_page_prints_cleanly(browser, site_url):
    v, page = ss.visit(browser, site_url + "index.html", media="print")
    try:
        shown = ss.navbar_shown_in_print(page)
        # the text uses the page's width, not the screen layout's narrow column
        share = page.evaluate("() => document.querySelector('main.content').getBoundingClientRect().width"
                              " / document.documentElement.clientWidth")  # fmt: skip
        PDF.parent.mkdir(parents=True, exist_ok=True)
        PDF.unlink(missing_ok=True)
        page.pdf(path=str(PDF), format="A4", print_background=True)
    finally:
        page.close()
    assert not v.problems(), report(v, "index.html (print)")
    assert not shown, f"index.html in print media still shows the navigation: {shown}"
    assert PDF.is_file(), f"no PDF written to {PDF}"
    # the bottom line, headline chart and key figures added a sheet; the PDF brief (2-4 pages) is the printed edition
    problems = ss.pdf_problems(PDF.read_bytes(), pages=(1, 3))
    assert not problems, f"{PDF} (index.html printed on A4): " + "; ".join(problems)
    assert share >= 0.9, f"index.html prints in {share:.0%} of the page width"


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["1280px", "390px"])
def test_no_page_scrolls_sideways(browser, site_url, viewport):
    """At a laptop's and a phone's width no page is wider than the window (the navbar included)."""
    assert PAGES, f"no HTML pages in {SITE}"
    page = browser.new_page()
    page.set_viewport_size(viewport)
    problems = []
    try:
        for rel in PAGES:
            page.goto(site_url + rel, wait_until="load")
            overflow = ss.horizontal_overflow(page)
            if overflow:
                problems.append(f"{rel}: {overflow}")
    finally:
        page.close()
    assert not problems, f"{len(problems)} page(s) scroll sideways at {viewport['width']}px:\n  " + "\n  ".join(problems)


# ---------------------------------------------------------------------------------------------- opened from disk


def _open_file(browser, rel: str):
    """Open a page of the site from disk (file://), recording console errors and uncaught exceptions."""
    errors: list[str] = []
    page = browser.new_page()
    page.set_default_timeout(15_000)
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto((SITE / rel).resolve().as_uri(), wait_until="load")
    return page, errors


def test_measures_table_works_from_disk(browser):
    """Opened by double-click (file://), the interactive measures table loads, shows rows and filters."""
    page, errors = _open_file(browser, "notebooks/04_measures.html")
    try:
        page.wait_for_selector("table.dataTable tbody tr", state="attached")
        # the table is folded on the page (issue 15: long tables behind a summary): open it as a reader would
        page.evaluate("() => document.querySelectorAll('details').forEach(d => { if (d.querySelector('table.dataTable')) d.open = true; })")
        rows = page.eval_on_selector_all("table.dataTable tbody tr", "rs => rs.length")
        before = page.inner_text(".dt-info")
        page.fill(".dt-search input", "Schiphol")
        page.wait_for_function("() => !document.querySelector('.dt-info').innerText.includes('Showing 1 to 10 of')")
        after = page.inner_text(".dt-info")
        loading = page.evaluate("() => document.body.innerText.includes('Loading ITables')")
    finally:
        page.close()
    assert rows >= 5, f"the measures table shows {rows} rows from file://"
    assert "filtered from" in after and after != before, (before, after)
    assert not loading, "the page still says 'Loading ITables' from file://"
    assert not errors, "console errors from file://: " + "; ".join(errors)


def test_search_works_from_disk(browser):
    """Opened from disk, the navbar search finds pages (the index comes from a script, not a fetch)."""
    page, errors = _open_file(browser, "index.html")
    try:
        toggle = page.locator(".sd-search-toggle")
        if toggle.count() and toggle.first.is_visible():
            toggle.first.click()
        page.fill("#quarto-search input", "Vlissingen")
        page.wait_for_selector(".smalldocs-search-results .search-result, .smalldocs-search-results .search-none")
        hits = page.eval_on_selector_all(".smalldocs-search-results a.search-result", "as => as.map(a => a.href)")
    finally:
        page.close()
    assert hits, "the search shows no results from file://"
    assert all(h.startswith("file://") for h in hits), hits[:3]
    assert not errors, "console errors from file://: " + "; ".join(errors)


# ---------------------------------------------------------------------------------------------- the checks catch problems


def _tiny_site(folder: Path) -> Path:
    wide = "<table><tr>" + "".join(f"<td>column_{i}_with_a_long_value</td>" for i in range(30)) + "</tr></table>"
    files = {
        "bad.html": (
            "<!doctype html><html lang='en'><head><title>bad</title>"
            "<script src='https://cdn.example.com/x.js'></script></head><body><h1>bad</h1>"
            "<img src='missing.png' alt='gone'><img src='big.bin' alt='heavy'>"
            "<script>console.error('boom from the page'); throw new Error('uncaught on purpose');</script>"
            "</body></html>"
        ),
        "wide.html": f"<!doctype html><html lang='en'><head><title>w</title></head><body><h1>w</h1>{wide}</body></html>",
        "scroll.html": (
            "<!doctype html><html lang='en'><head><title>s</title></head><body><h1>s</h1>"
            f"<div style='overflow-x:auto'>{wide}</div></body></html>"
        ),
        "noprint.html": (
            "<!doctype html><html lang='en'><head><title>p</title></head><body>"
            "<header id='quarto-header'><nav class='navbar'>menu</nav></header><h1>p</h1>"
            + "".join(f"<p style='break-after:page'>page {i}</p>" for i in range(8))
            + "</body></html>"
        ),
    }
    for name, text in files.items():
        (folder / name).write_text(text, encoding="utf-8")
    (folder / "big.bin").write_bytes(b"0" * (ss.PAGE_WEIGHT_LIMIT + 1))
    return folder


def test_visit_reports_errors_failures_other_hosts_and_weight(browser, tmp_path):
    with ss.serve(_tiny_site(tmp_path)) as url:
        v, page = ss.visit(browser, url + "bad.html")
        page.close()
    text = "\n".join(v.problems())
    assert "request to another server (blocked): https://cdn.example.com/x.js" in text
    assert "console error: boom from the page" in text
    assert "uncaught exception: " in text and "uncaught on purpose" in text
    assert f"failed request: {url}missing.png (HTTP 404)" in text
    assert "page weight" in text and f"{url}big.bin" in text
    assert v.weight > ss.PAGE_WEIGHT_LIMIT


def test_overflow_and_print_checks_catch_problems(browser, tmp_path):
    with ss.serve(_tiny_site(tmp_path)) as url:
        _, page = ss.visit(browser, url + "wide.html", viewport=PHONE)
        wide = ss.horizontal_overflow(page)
        page.close()
        _, page = ss.visit(browser, url + "scroll.html", viewport=PHONE)
        scrolled = ss.horizontal_overflow(page)
        page.close()
        _, page = ss.visit(browser, url + "noprint.html", media="print")
        shown = ss.navbar_shown_in_print(page)
        pdf = page.pdf(format="A4", print_background=True)
        page.close()
    assert wide is not None and "(table)" in wide and "390px viewport" in wide
    assert scrolled is None
    assert shown and shown[0] == "header#quarto-header"
    assert ss.pdf_page_count(pdf) >= 8
    assert any("page(s), expected 1–6" in p for p in ss.pdf_problems(pdf))
    assert ss.pdf_problems(b"<html>not a pdf</html>") == [
        "not a PDF (starts with b'<html>no')", "only 22 bytes (expected > 10240)", "0 page(s), expected 1–6",
    ]


# ---------------------------------------------------------------------------------------------- accessibility and length (issue 15)

AXE = ss.ROOT / "node_modules" / "axe-core" / "axe.min.js"
#: Pages that are analyses: at most this many screens (900 px high) at 1280 px.
ANALYSES = ("notebooks/01_allocation.html", "notebooks/02_seizures.html", "notebooks/03_displacement.html", "notebooks/04_measures.html")
MAX_SCREENS = 8


def _axe_violations(page) -> list[str]:
    page.add_script_tag(path=str(AXE))
    found = page.evaluate("""async () => {
        const r = await axe.run(document, {resultTypes: ["violations"]});
        return r.violations.map(v => `${v.id} (${v.impact}): ${v.nodes.length} node(s), e.g. ${v.nodes[0].target.join(" ")}`);
    }""")
    return list(found)


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["1280px", "390px"])
def test_axe_finds_no_violations(browser, site_url, viewport):
    """axe-core (from npm: `npm ci`) reports no accessibility violation on any page, at a laptop's and a phone's width."""
    if not AXE.is_file():
        _unavailable(f"axe-core is not installed ({AXE} missing): run `npm ci` in the project")
    assert PAGES, f"no HTML pages in {SITE}"
    page = browser.new_page()
    page.set_viewport_size(viewport)
    problems = []
    try:
        for rel in PAGES:
            page.goto(site_url + rel, wait_until="load")
            problems += [f"{rel}: {v}" for v in _axe_violations(page)]
    finally:
        page.close()
    assert not problems, f"axe-core: {len(problems)} violation(s) at {viewport['width']}px:\n  " + "\n  ".join(problems)


def test_analysis_pages_fit_in_eight_screens(browser, site_url):
    """Page length in screens (900 px high at 1280 px wide) for every page; analyses at most MAX_SCREENS."""
    page = browser.new_page()
    page.set_viewport_size(DESKTOP)
    screens = {}
    try:
        for rel in PAGES:
            page.goto(site_url + rel, wait_until="load")
            screens[rel] = page.evaluate("() => document.documentElement.scrollHeight") / DESKTOP["height"]
    finally:
        page.close()
    table = "\n  ".join(f"{rel:<40} {n:5.1f}" for rel, n in sorted(screens.items(), key=lambda x: -x[1]))
    print(f"\nscreens per page at 1280x900:\n  {table}")
    long = {rel: round(screens[rel], 1) for rel in ANALYSES if rel in screens and screens[rel] > MAX_SCREENS}
    assert not long, f"analysis pages longer than {MAX_SCREENS} screens at 1280 px: {long}\n  {table}"


def test_no_table_hides_columns_at_1280px(browser, site_url):
    """At 1280 px every table of the briefing's pages (not the library reference) shows all its columns: none scrolls sideways."""
    page = browser.new_page()
    page.set_viewport_size(DESKTOP)
    problems = []
    try:
        for rel in [p for p in PAGES if not p.startswith("reference/")]:
            page.goto(site_url + rel, wait_until="load")
            page.evaluate("() => document.querySelectorAll('details').forEach(d => { if (d.querySelector('table.dataTable')) d.open = true; })")  # a folded itables table
            if page.locator("table.dataTable").count():
                page.wait_for_selector("table.dataTable tbody tr")
            hidden = page.evaluate("""() => [...document.querySelectorAll('.table-scroll, .dt-container, .dt-scroll-body')]
                .filter(b => b.scrollWidth > b.clientWidth + 2)
                .map(b => `${b.className.split(' ')[0]} ${b.scrollWidth - b.clientWidth}px wider than its box`)""")
            problems += [f"{rel}: {h}" for h in hidden]
    finally:
        page.close()
    assert not problems, "tables hiding columns at 1280 px:\n  " + "\n  ".join(problems)
