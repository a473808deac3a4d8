"""Static checks of the built site (``_site/``, or ``$MAINPORTS_SITE_DIR``): no requests to other servers,
no broken links or images, pages light enough, titled and headed, and the data downloads in place.

Run after a build (``make test`` builds first). Each check also has a small test that hands it a
crafted bad page or a tiny temporary site, to show it catches what it is meant to catch.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import site_support as ss

pytestmark = pytest.mark.site


@pytest.fixture(scope="module")
def site() -> Path:
    site = ss.site_dir()
    if not (site / "index.html").is_file():
        pytest.fail(f"no built site at {site}: run `mainports build --renderer offline` (or set MAINPORTS_SITE_DIR)")
    return site


def listing(problems: list[str], what: str) -> str:
    return f"{len(problems)} {what}:\n  " + "\n  ".join(problems)


def write(folder: Path, files: dict[str, str | bytes]) -> Path:
    """A tiny site: {relative path: content}."""
    for rel, content in files.items():
        f = folder / rel
        f.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            f.write_bytes(content)
        else:
            f.write_text(content, encoding="utf-8")
    return folder


def doc(body: str, head: str = "", title: str = "T", lang: str = ' lang="en"') -> str:
    return f"<!doctype html><html{lang}><head><title>{title}</title>{head}</head><body>{body}</body></html>"


# ---------------------------------------------------------------------------------------------- 1. pages


def test_site_has_every_page(site):
    """index.html, search.json, a page per navbar entry of _quarto.yml and per rendered source."""
    root = ss.project_root_of(site)
    assert ss.expected_pages(root), f"no navbar entries found in {root / '_quarto.yml'}"
    problems = ss.missing_pages(site, root)
    assert not problems, listing(problems, f"page(s) missing from {site}")
    index = json.loads((site / "search.json").read_text(encoding="utf-8"))
    assert index, "search.json is an empty index"


def test_missing_pages_are_reported(tmp_path):
    root = write(tmp_path / "proj", {
        "_quarto.yml": (
            "project:\n  render: [index.ipynb, notebooks/01_a.ipynb, pages/about.qmd]\n"
            "website:\n  navbar:\n    left:\n      - href: index.ipynb\n      - href: notebooks/01_a.ipynb\n"
            "      - text: About\n        href: pages/about.qmd\n      - href: https://example.org\n"
        ),
    })
    site = write(root / "_site", {"index.html": doc("<h1>x</h1>"), "pages/about.html": doc("<h1>x</h1>")})
    assert ss.expected_pages(root) == [
        ("index.ipynb", "index.html"), ("notebooks/01_a.ipynb", "notebooks/01_a.html"), ("About", "pages/about.html"),
    ]
    problems = ss.missing_pages(site, root)
    assert any(p.startswith("search.json: missing") for p in problems)
    assert any(p.startswith("notebooks/01_a.html: missing (navbar entry") for p in problems)
    assert not any("about" in p or "index.html" in p for p in problems)


# ---------------------------------------------------------------------------------------------- 2. no external requests


def test_no_requests_to_other_servers(site):
    """Every script, style sheet, font, image (and url()/@import/fetch/import in CSS and JS) is the site's own."""
    problems = ss.external_requests(site)
    assert not problems, listing(problems, "request(s) to other servers (a briefing must not call third parties)")


def test_external_requests_are_found_in_html():
    page = doc(
        '<p><a href="https://example.org/report">a link is fine</a></p>'
        '<img alt="x" src="https://cdn.example.com/a.png">'
        '<img alt="x" src="local.png" srcset="local-2x.png 2x, //cdn.example.com/b.png 3x">'
        '<iframe src="http://maps.example.com/embed"></iframe>'
        '<video poster="https://cdn.example.com/poster.jpg"><source src="https://cdn.example.com/v.mp4"></video>'
        '<div style="background: url(\'https://cdn.example.com/bg.png\')"></div>'
        '<svg><use href="https://cdn.example.com/sprite.svg#i"></use></svg>'
        '<script type="module">import {DataTable} from "https://www.unpkg.com/dt_for_itables/dt_bundle.js";</script>'
        '<script>fetch("https://api.example.com/data.json")</script>'
        '<script type="application/json">{"url": "https://example.org/in-data-is-fine"}</script>',
        head=(
            '<script src="https://cdn.example.com/x.js"></script>'
            '<link rel="stylesheet" href="https://fonts.googleapis.com/css?family=Roboto">'
            '<link rel="icon" href="//cdn.example.com/favicon.ico">'
            '<link rel="preconnect" href="https://fonts.gstatic.com">'
            '<link rel="canonical" href="https://example.org/this-page.html">'
            '<style>@import url("https://fonts.example.com/f.css"); .a { background: url(data:image/svg+xml,%3csvg xmlns=\'http://www.w3.org/2000/svg\'/%3e) }</style>'
        ),
    )
    found = "\n".join(ss.html_external(page))
    for url in (
        "https://cdn.example.com/x.js", "https://fonts.googleapis.com/css?family=Roboto", "//cdn.example.com/favicon.ico",
        "https://fonts.gstatic.com", "https://cdn.example.com/a.png", "//cdn.example.com/b.png",
        "http://maps.example.com/embed", "https://cdn.example.com/poster.jpg", "https://cdn.example.com/v.mp4",
        "https://cdn.example.com/bg.png", "https://cdn.example.com/sprite.svg#i",
        "https://www.unpkg.com/dt_for_itables/dt_bundle.js", "https://api.example.com/data.json",
        "https://fonts.example.com/f.css",
    ):
        assert url in found, f"{url} not reported in:\n{found}"
    for fine in ("https://example.org/report", "https://example.org/this-page.html", "w3.org", "in-data-is-fine"):
        assert fine not in found
    assert "<script src> https://cdn.example.com/x.js" in found


def test_external_requests_are_found_in_css_and_js(tmp_path):
    site = write(tmp_path, {
        "index.html": doc("<h1>x</h1>"),
        "site_libs/theme.css": (
            '/*! Bootstrap https://getbootstrap.com/ */ @import url("https://fonts.googleapis.com/css2?family=Nunito");'
            "@font-face{font-family:x;src:url(https://fonts.gstatic.com/x.woff2) format('woff2')}"
            ".ok{background:url(\"data:image/svg+xml,%3csvg xmlns='http://www.w3.org/2000/svg'%3e\")}"
        ),
        "site_libs/app.js": (
            '// see https://example.org/docs\nconst r = await fetch("https://api.example.com/x");\n'
            "import('//cdn.example.com/mod.js'); postMessage(m, 'https://giscus.app');\n"
            'const ns = "http://www.w3.org/2000/svg"; s.src="https://cdn.example.com/tracker.js";'
        ),
    })
    problems = "\n".join(ss.external_requests(site))
    for url in ("https://fonts.googleapis.com/css2?family=Nunito", "https://fonts.gstatic.com/x.woff2",
                "https://api.example.com/x", "//cdn.example.com/mod.js", "https://cdn.example.com/tracker.js"):
        assert url in problems, f"{url} not reported in:\n{problems}"
    assert "site_libs/theme.css: url()/@import https://fonts.googleapis.com" in problems
    assert "site_libs/app.js: fetch() https://api.example.com/x" in problems
    for fine in ("getbootstrap", "w3.org", "giscus", "example.org/docs"):
        assert fine not in problems


# ---------------------------------------------------------------------------------------------- 3. links and images


def test_no_broken_links_or_images(site):
    """Every local href/src resolves to a file of _site, every page#id exists, every <img> has alt text."""
    problems = ss.broken_links(site)
    assert not problems, listing(problems, "broken link(s), missing image(s) or image(s) without alt text")


def test_broken_links_and_images_are_reported(tmp_path):
    site = write(tmp_path, {
        "index.html": doc(
            '<h1 id="top">x</h1><a href="pages/a.html">ok</a> <a href="pages/a.html#sec">ok</a>'
            '<a href="pages/missing.html">broken</a> <a href="pages/a.html#nowhere">bad id</a>'
            '<a href="#local-only">skipped</a> <a href="mailto:x@example.org">m</a> <a href="https://example.org">e</a>'
            '<a href="pages/">folder</a> <a href="data/file.csv?v=2#x">query</a> <a href="../outside.html">out</a>'
            '<img src="img/there.png" alt="a chart"> <img src="img/gone.png" alt="a lost chart">'
            '<img src="img/there.png"> <img src="img/there.png" alt="  ">'
            '<img src="data:image/png;base64," alt="empty">'
            '<img src="data:image/png;base64,iVBORw0KGgo=" alt="inline">',
            head='<link rel="stylesheet" href="site_libs/s.css"><script src="site_libs/gone.js"></script>',
        ),
        "pages/a.html": doc('<h1>a</h1><section id="sec"></section><a href="../index.html#top">up</a>'),
        "pages/index.html": doc("<h1>i</h1>"),
        "data/file.csv": "a\n1\n",
        "img/there.png": b"\x89PNG",
        "site_libs/s.css": "@font-face{src:url(fonts/f.woff2?v=1) format('woff2'),url(fonts/missing.woff)}",
        "site_libs/fonts/f.woff2": b"w",
    })
    problems = ss.broken_links(site)
    text = "\n".join(problems)
    expected = [
        "index.html: <a href> pages/missing.html → pages/missing.html does not exist",
        "index.html: <a href> pages/a.html#nowhere → no id 'nowhere' in pages/a.html",
        "index.html: <a href> ../outside.html points outside the site",
        "index.html: <img src> img/gone.png → img/gone.png does not exist",
        "index.html: <script src> site_libs/gone.js → site_libs/gone.js does not exist",
        "index.html: <img src> is an empty inline (data:) image",
        "index.html: <img src='img/there.png'> has no alt text",
        "site_libs/s.css: url(fonts/missing.woff) → site_libs/fonts/missing.woff does not exist",
    ]
    for line in expected:
        assert line in problems, f"{line!r} not reported in:\n{text}"
    assert len(problems) == len(expected) + 1, text  # the second alt-less image (alt="  ")
    for fine in ("#local-only", "mailto", "example.org", "#sec", "pages/index", "file.csv", "#top", "f.woff2"):
        assert fine not in text


# ---------------------------------------------------------------------------------------------- 4. page weight


def test_pages_are_light(site):
    """Each page's HTML plus every local asset it loads (CSS, JS, images, fonts from its CSS) < 1.5 MiB."""
    weights = ss.page_weights(site)
    assert weights, f"no HTML pages in {site}"
    heavy = ss.heavy_pages(weights)
    assert not heavy, listing(heavy, "page(s) over the 1.5 MiB budget") + "\n\n" + ss.weight_table(weights)


def test_page_weight_counts_assets_once_and_reports_heavy_pages(tmp_path):
    big = b"x" * (900 * 1024)
    site = write(tmp_path, {
        "index.html": doc(
            '<h1>x</h1><img src="img/a.png" alt="a"><img src="img/a.png" alt="again, counted once">'
            '<a href="big/download.bin">a link is not loaded</a>',
            head='<link rel="stylesheet" href="s.css"><script src="app.js"></script>',
        ),
        "light.html": doc("<h1>light</h1>", head='<link rel="stylesheet" href="s.css">'),
        "s.css": "@font-face{src:url(f.woff2) format('woff2'),url(f.woff) format('woff')} body{background:url(bg.png)}",
        "f.woff2": b"2" * 100, "f.woff": b"1" * 100_000, "bg.png": b"b" * 10,
        "app.js": big, "img/a.png": big, "big/download.bin": big * 2,
    })
    weights = ss.page_weights(site)
    assert set(weights["index.html"]) == {"index.html", "s.css", "f.woff2", "bg.png", "app.js", "img/a.png"}
    assert sum(weights["light.html"].values()) < 2000
    heavy = ss.heavy_pages(weights)
    assert len(heavy) == 1 and heavy[0].startswith("index.html: ")
    table = ss.weight_table(weights)
    assert "OVER" in table and "index.html" in table and "light.html" in table


# ---------------------------------------------------------------------------------------------- 5. structure


def test_every_page_has_title_one_h1_and_lang(site):
    problems = ss.site_structure(site)
    assert not problems, listing(problems, "page(s) without a <title>, exactly one <h1> or <html lang>")


def test_structure_problems_are_reported():
    assert ss.structure_problems("ok.html", ss.parse_html(doc("<h1>One</h1><h2>two</h2>"))) == []
    problems = ss.structure_problems("bad.html", ss.parse_html(doc("<h2>no h1</h2>", title="", lang="")))
    assert problems == [
        "bad.html: no <title> (or an empty one)",
        "bad.html: 0 <h1> elements, expected exactly 1",
        "bad.html: no <html lang=…>",
    ]
    two = ss.structure_problems("two.html", ss.parse_html(doc("<h1>a</h1><h1>b</h1>")))
    assert two == ["two.html: 2 <h1> elements, expected exactly 1"]


# ---------------------------------------------------------------------------------------------- 6. downloads


def test_downloads_are_valid_csv(site):
    problems = ss.download_problems(site)
    assert not problems, listing(problems, "problem(s) with the data downloads in downloads/")


def test_download_problems_are_reported(tmp_path):
    site = write(tmp_path, {
        "downloads/seizures.csv": "a,b\n1,2\n",
        "downloads/throughput.csv": "",
        "downloads/allocations.csv": "a,b\n",
        "downloads/measures.csv": 'a,b\n1,2\n3,4,5\n"unterminated\n',
    })
    problems = ss.download_problems(site)
    assert "downloads/throughput.csv: empty file" in problems
    assert "downloads/allocations.csv: a header and no data rows" in problems
    assert "downloads/sources.csv: missing" in problems
    assert any(p.startswith("downloads/measures.csv:") for p in problems)
    assert not any("seizures" in p for p in problems)


# ---------------------------------------------------------------------------------------------- 7. site-wide furniture


def test_static_tables_scroll_in_a_box_with_the_caption_outside(site):
    problems = [p for rel in ss.html_pages(site) for p in ss.table_problems(rel, (site / rel).read_text(encoding="utf-8"))]
    assert not problems, listing(problems, "table(s) not framed for phones")


def test_table_problems_are_reported():
    good = ('<div class="table-frame"><p class="table-caption">c</p><div class="table-scroll" role="region" tabindex="0">'
            "<table><tr><td>1</td></tr></table></div></div>"
            '<table id="itables_1" hidden></table><script>x = "<table></table>"</script>')  # fmt: skip
    assert ss.table_problems("ok.html", doc(good)) == []
    bad = ss.table_problems("bad.html", doc('<table><caption>c</caption></table>'
                                            '<div class="table-scroll"><table><caption>inside</caption></table></div>'))
    assert len(bad) == 2 and "not in a scroll box" in bad[0] and "caption" in bad[1] and "inside the scroll box" in bad[1]


def test_charts_link_to_their_full_size_png(site):
    problems = [p for rel in ss.html_pages(site) for p in ss.chart_link_problems(rel, (site / rel).read_text(encoding="utf-8"))]
    assert not problems, listing(problems, "chart(s) without a link to the full-size image")
    charts = [rel for rel in ss.html_pages(site) if 'class="figure-full"' in (site / rel).read_text(encoding="utf-8")]
    assert charts, "no page links a chart: the post-render step did not run"


def test_chart_link_problems_are_reported():
    ok = '<figure><p><a class="figure-full" href="f/fig-a.png"><img alt="a" src="f/fig-a.png"></a></p></figure>'
    assert ss.chart_link_problems("ok.html", doc(ok)) == []
    bad = ss.chart_link_problems("bad.html", doc('<figure><img alt="a" src="data:image/png;base64,AA"></figure>'))
    assert bad and "does not link" in bad[0]


def _chain(site: Path) -> list[str]:
    """The reading order: the navbar's left entries whose page is in English (the site's language)."""
    from mainports_analysis.site import project

    cfg = project.config(ss.project_root_of(site))
    left = cfg["website"]["navbar"]["left"]
    chain = []
    for item in left:
        page = ss.output_page(item["href"])
        if (site / page).is_file() and (ss.parse_file(site / page).lang or "en").split("-")[0] == "en":
            chain.append(page)
    return chain


def test_pages_link_previous_and_next_in_reading_order(site):
    from mainports_analysis.site import project

    chain = _chain(site)
    analyses = [p for p in chain if p.startswith("notebooks/")]
    listed = [p for p in project.config(ss.project_root_of(site))["project"]["render"] if p.startswith("notebooks/")]
    assert len(analyses) == len(listed) and analyses == sorted(analyses), chain  # as many as _quarto.yml renders
    problems = ss.reading_order_problems(site, chain)
    assert not problems, listing(problems, "page(s) with wrong or missing previous/next links")


def test_reading_order_problems_are_reported(tmp_path):
    nav = ('<nav class="page-navigation"><div class="nav-page nav-page-previous">{p}</div>'
           '<div class="nav-page nav-page-next">{n}</div></nav>')  # fmt: skip
    link = '<a href="{h}" class="pagination-link" rel="{r}">x</a>'
    site = write(tmp_path, {
        "a.html": doc(nav.format(p="", n=link.format(h="b.html", r="next"))),
        "b.html": doc(nav.format(p=link.format(h="a.html", r="prev"), n=link.format(h="a.html", r="next"))),
        "c.html": doc("<h1>no navigation</h1>"),
    })
    problems = ss.reading_order_problems(site, ["a.html", "b.html", "c.html"])
    assert problems == [
        "b.html: next link goes to a.html, expected c.html",
        "c.html: prev link goes to nothing, expected b.html",
    ]


def test_numbered_reading_order_in_the_navbar():
    from mainports_analysis.site import project

    texts = [e.text for e in project.navbar(ss.ROOT) if e.href.startswith("notebooks/")]
    assert [t.split(" ", 1)[0] for t in texts] == ["1", "2", "3", "4"], texts


def test_footer_links_to_data_and_sources(site):
    for rel in ("index.html", "notebooks/01_allocation.html", "reference/api/data-load.html"):
        hrefs = ss.footer_links((site / rel).read_text(encoding="utf-8"))
        targets = [ss.resolve(site, rel, h)[0] for h in hrefs]
        assert "pages/data.html" in targets, f"{rel}: footer links {hrefs}"


def test_reference_pages_state_the_summary_once_and_render_roles(site):
    pages = [rel for rel in ss.html_pages(site) if rel.startswith("reference/api/")]
    assert pages, "no reference pages"
    problems = [p for rel in pages for p in ss.reference_problems(rel, (site / rel).read_text(encoding="utf-8"))]
    assert not problems, listing(problems, "reference page problem(s)")


def test_reference_problems_are_reported():
    twice = doc('<header><div class="description">Load it.</div></header><p>Load it.</p><p>See :class:`X`.</p>')
    assert len(ss.reference_problems("r.html", twice)) == 2
    once = doc('<header><div class="description">Load it.</div></header><p>See <code>X</code>.</p>'
               '<pre><code>:class:`in code is fine`</code></pre>')
    assert ss.reference_problems("r.html", once) == []


def test_offline_search_index_matches_search_json(site):
    from mainports_analysis.site.assets import OFFLINE_DIR, SEARCH_GLOBAL, SEARCH_SCRIPT, SHIM

    script = (site / OFFLINE_DIR / SEARCH_SCRIPT).read_text(encoding="utf-8")
    prefix = f"window.{SEARCH_GLOBAL} = "
    assert json.loads(script[len(prefix):].rstrip().rstrip(";")) == json.loads((site / "search.json").read_text(encoding="utf-8"))
    missing = [rel for rel in ss.html_pages(site) if f"{OFFLINE_DIR}/{SHIM}" not in (site / rel).read_text(encoding="utf-8")]
    assert not missing, listing(missing, "page(s) without the offline search shim")


# ---------------------------------------------------------------------------------------------- issue 15: every page


BRIEFING_LIMIT = 800 * 1024  # bytes of a page and every local asset it loads


def test_every_page_has_a_description_open_graph_favicon_dates_and_citation(site):
    import re

    root = ss.project_root_of(site)
    version = re.search(r"^version: *\"?([^\"\s]+)", (root / "CITATION.cff").read_text(encoding="utf-8"), re.M).group(1)
    problems, descriptions = [], {}
    for rel in ss.html_pages(site):
        text = (site / rel).read_text(encoding="utf-8")
        desc = re.findall(r'<meta name="description" content="([^"]+)"', text)
        if len(desc) != 1 or len(desc[0]) < 40:
            problems.append(f"{rel}: {len(desc)} meta description(s) {desc[:1]}")
        else:
            descriptions.setdefault(desc[0], []).append(rel)
        for tag in ('property="og:title"', 'property="og:description"', 'property="og:url"', 'rel="icon"'):
            if tag not in text:
                problems.append(f"{rel}: no {tag}")
        meta = re.search(r'<section class="page-meta".*?</section>', text, re.S)
        if not meta or version not in meta.group(0) or not re.search(r"\d{1,2} \w+ \d{4}", meta.group(0)) or "CITATION.cff" not in meta.group(0):
            problems.append(f"{rel}: no dates, version {version} and citation at its foot")
    shared = {d: pages for d, pages in descriptions.items() if len(pages) > 1}
    assert not problems, listing(problems, "page(s) without their metadata")
    assert not shared, f"pages sharing one description: {shared}"
    assert (site / "favicon.svg").is_file() and (site / "favicon.png").is_file()


def test_glossary_is_linked_from_the_first_use_of_its_terms(site):
    import re

    glossary = (site / "pages" / "glossary.html").read_text(encoding="utf-8")
    ids = set(re.findall(r'<dt\b[^>]*\bid="(term-[^"]+)"', glossary))
    assert {"term-harc", "term-lines-of-action", "term-wdq", "term-its", "term-hhi", "term-teu", "term-buffer",
            "term-first-ring", "term-diffusion", "term-control-group", "term-placebo", "term-mdc"} <= ids  # fmt: skip
    assert "Hit and Run Cargo" in glossary and "rode lijnen" in glossary
    linked = {}
    for rel in ss.html_pages(site):
        for target in re.findall(r'class="glossary-term" href="[^"#]*glossary\.html#([^"]+)"', (site / rel).read_text(encoding="utf-8")):
            linked.setdefault(target, []).append(rel)
    assert linked.get("term-harc") and linked.get("term-wdq"), linked
    for rel in ss.html_pages(site):
        text = (site / rel).read_text(encoding="utf-8")
        targets = re.findall(r'class="glossary-term" href="[^"]*#([^"]+)"', text)
        assert len(targets) == len(set(targets)), f"{rel}: a term linked more than once"
        assert all(t in ids for t in targets), f"{rel}: links to glossary entries that do not exist"


def test_chart_data_are_files_and_pages_stay_under_800_kb(site):
    problems = []
    for rel in ss.html_pages(site):
        text = (site / rel).read_text(encoding="utf-8")
        if "data:text/csv" in text:
            problems.append(f"{rel}: a chart's CSV is embedded in the page")
    assert not problems, listing(problems, "page(s) with embedded CSV")
    weights = ss.page_weights(site)
    print("\n" + ss.weight_table(weights, BRIEFING_LIMIT))
    # The measures page's interactive table needs the DataTables bundle (itables, about 620 KiB of script and
    # 100 KiB of style, loaded by that page only); it is counted apart, and every other byte keeps to the budget.
    without_bundle = {rel: {f: n for f, n in files.items() if not f.startswith(ss.ITABLES_BUNDLE_DIR)} for rel, files in weights.items()}
    heavy = ss.heavy_pages(without_bundle, BRIEFING_LIMIT)
    assert not heavy, listing(heavy, f"page(s) over {BRIEFING_LIMIT // 1024} KiB with their assets") + "\n" + ss.weight_table(weights, BRIEFING_LIMIT)


def test_dutch_pages_have_dutch_navigation_and_the_language_note_first(site):
    text = (site / "samenvatting.html").read_text(encoding="utf-8")
    assert 'aria-label="Hoofdmenu"' in text and ">4 Maatregelen</span>" in text and "Gegevens bijgewerkt tot" in text
    main = text[text.find("<main"):]
    assert main.find("De analyses zelf zijn in het Engels") < main.find("Kort antwoord") < main.find("Kerncijfers")


def test_home_charts_are_2x_and_legible_on_a_phone(site):
    """The home pages' charts: PNGs at twice their CSS size, shown at most 480 CSS px wide, so that on a
    390-px phone (a 358-px column) 11-pt chart text is at least 11 px (11/72 in at 110 CSS px per inch)."""
    import re
    import struct

    for rel in ("index.html", "samenvatting.html"):
        text = (site / rel).read_text(encoding="utf-8")
        imgs = re.findall(r'<img\b[^>]*src="([^"]+\.png)"[^>]*width="(\d+)"', text)
        assert imgs, f"{rel}: no chart"
        for src, width in imgs:
            data = (site / Path(rel).parent / src).read_bytes()
            px = struct.unpack(">I", data[16:20])[0]
            assert abs(px - 2 * int(width)) <= 1, (rel, src, px, width)
            phone_scale = min(1.0, 358 / int(width))
            assert 11 / 72 * 110 * phone_scale >= 11, (rel, src, width)
