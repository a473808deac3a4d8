"""The post-render steps (site_assets) and the generated reference pages, on small crafted sites."""

from __future__ import annotations

import base64
import io
import json
import re
from pathlib import Path

import itables
from itables.javascript import generate_init_offline_itables_html
from PIL import Image

from mainports_analysis.site import reference
from mainports_analysis.site.assets import (
    ASSET_DIR,
    BUNDLE_GLOBAL,
    BUNDLE_SCRIPT,
    OFFLINE_DIR,
    SEARCH_GLOBAL,
    SEARCH_SCRIPT,
    SHIM,
    add_offline_search,
    add_page_navigation,
    externalize_itables,
    frame_tables,
    link_figures,
    localise,
    png_size,
    reading_order,
)


def page(body: str, *, lang: str = "en", head: str = "") -> str:
    return (f'<!doctype html><html lang="{lang}"><head><meta charset="utf-8">{head}'
            f'<script src="site_libs/smalldocs.js" defer></script></head><body><main class="content">{body}</main></body></html>')  # fmt: skip


# ---------------------------------------------------------------------------------------------- itables


def test_inline_bundle_becomes_one_classic_script_that_works_from_disk(tmp_path):
    page_file = tmp_path / "notebooks" / "04_measures.html"
    page_file.parent.mkdir()
    block = generate_init_offline_itables_html(itables.options.dt_bundle)
    page_file.write_text(f"<html><body><h1>x</h1>{block}<p>table</p></body></html>", encoding="utf-8")
    other = tmp_path / "index.html"
    other.write_text("<html><body><h1>home</h1></body></html>", encoding="utf-8")

    changed = externalize_itables(tmp_path)

    assert changed == [page_file]
    html = page_file.read_text(encoding="utf-8")
    assert "injectModule(" not in html and len(html) < 6000  # the noscript logo stays; the bundle goes
    # a classic <script src> (allowed on file://), then a blob: import of its text (no module file is fetched)
    assert f'<script src="../site_libs/itables/{BUNDLE_SCRIPT}"></script>' in html
    assert f"new Blob([window.{BUNDLE_GLOBAL}]" in html and "import(url)" in html
    assert 'import("' not in html
    assert 'href="../site_libs/itables/dt_bundle.css"' in html
    assert html.index(BUNDLE_SCRIPT) < html.index("import(url)")  # the script runs before the loader
    bundle = Path(itables.options.dt_bundle)
    script = (tmp_path / ASSET_DIR / BUNDLE_SCRIPT).read_text(encoding="utf-8")
    assert script.isascii()
    literal = re.search(rf"window\.{BUNDLE_GLOBAL} = (.*);\n$", script, re.S).group(1)
    assert json.loads(literal) == bundle.read_text(encoding="utf-8")
    assert (tmp_path / ASSET_DIR / "dt_bundle.css").read_text(encoding="utf-8") == bundle.with_suffix(".css").read_text(encoding="utf-8")
    assert other.read_text(encoding="utf-8") == "<html><body><h1>home</h1></body></html>"
    assert externalize_itables(tmp_path) == []  # idempotent


# ---------------------------------------------------------------------------------------------- search from disk


def test_search_index_is_also_a_script_and_the_shim_loads_first(tmp_path):
    index = [{"title": "Seizures", "section": "Rotterdam", "text": "Vlissingen rose", "href": "notebooks/02.html"}]
    (tmp_path / "search.json").write_text(json.dumps(index), encoding="utf-8")
    (tmp_path / "notebooks").mkdir()
    (tmp_path / "index.html").write_text(page("<h1>home</h1>"), encoding="utf-8")
    (tmp_path / "notebooks" / "02.html").write_text(page("<h1>02</h1>").replace("site_libs/", "../site_libs/"), encoding="utf-8")

    changed = add_offline_search(tmp_path)

    assert sorted(p.name for p in changed) == ["02.html", "index.html"]
    script = (tmp_path / OFFLINE_DIR / SEARCH_SCRIPT).read_text(encoding="utf-8")
    prefix = f"window.{SEARCH_GLOBAL} = "
    assert script.startswith(prefix) and json.loads(script[len(prefix):].rstrip().rstrip(";")) == index
    shim = (tmp_path / OFFLINE_DIR / SHIM).read_text(encoding="utf-8")
    assert 'location.protocol !== "file:"' in shim and "search\\.json" in shim and SEARCH_SCRIPT in shim
    home = (tmp_path / "index.html").read_text(encoding="utf-8")
    assert home.index(f'<script src="{OFFLINE_DIR}/{SHIM}">') < home.index('<script src="site_libs/smalldocs.js"')
    deep = (tmp_path / "notebooks" / "02.html").read_text(encoding="utf-8")
    assert f'<script src="../{OFFLINE_DIR}/{SHIM}"></script>' in deep
    assert add_offline_search(tmp_path) == []  # idempotent


def test_no_search_index_no_shim(tmp_path):
    (tmp_path / "index.html").write_text(page("<h1>home</h1>"), encoding="utf-8")
    assert add_offline_search(tmp_path) == []
    assert not (tmp_path / OFFLINE_DIR).exists()


# ---------------------------------------------------------------------------------------------- tables


def test_tables_get_a_scroll_box_with_the_caption_above_it():
    html = page(
        '<table class="table dataframe"><caption>Funds per hub.</caption><caption>EUR million.</caption>'
        "<thead><tr><th>hub</th></tr></thead><tbody><tr><td>Rotterdam</td></tr></tbody></table>"
        "<table><tr><td>no caption</td></tr></table>"
        '<table id="itables_1234" hidden><tbody><tr><td>itables</td></tr></tbody></table>'
        '<script>const t = {"table_html": "<table><thead><th>Hub</th></thead></table>"};</script>'
    )
    out = frame_tables(html)
    first = re.search(r'<div class="table-frame">(.*?)</div></div>', out, re.S).group(1)
    cap_id = re.search(r'<p class="table-caption" id="([^"]+)">Funds per hub\.</p>', first).group(1)
    assert '<p class="table-caption">EUR million.</p>' in first
    assert first.index("EUR million.") < first.index('<div class="table-scroll"')  # both captions above the box
    assert f'<div class="table-scroll" role="region" tabindex="0" aria-labelledby="{cap_id}">' in first
    assert f'<table class="table dataframe" aria-labelledby="{cap_id}">' in first
    assert "<caption" not in out
    assert out.count('class="table-scroll"') == 2  # the uncaptioned table too, named "Table 2" (unique on the page)
    assert '<div class="table-scroll" role="region" tabindex="0" aria-label="Table 2"><table><tr>' in out
    assert '<table id="itables_1234" hidden><tbody>' in out  # a scripted table is left alone
    assert '"table_html": "<table><thead><th>Hub</th></thead></table>"' in out  # and so is a table in a script
    assert frame_tables(out) == out  # idempotent


# ---------------------------------------------------------------------------------------------- figures


def _png(width: int, height: int) -> bytes:
    buf = io.BytesIO()
    Image.new("RGB", (width, height), "white").save(buf, format="PNG")
    return buf.getvalue()


def test_inline_charts_are_written_to_files_and_linked(tmp_path):
    data = _png(64, 40)
    b64 = base64.b64encode(data).decode()
    fig = '<figure class="figure"><p><img alt="{alt}" src="{src}" class="img-fluid"></p><figcaption>c</figcaption></figure>'
    body = (
        '<div id="fig-dutch-hubs" class="cell"><div class="cell-output">'
        + fig.format(alt="Line chart", src=f"data:image/png;base64,{b64}") + "</div></div>"
        + '<div id="fig-dutch-hubs" class="cell">' + fig.format(alt="Again", src=f"data:image/png;base64,{b64}") + "</div>"
        + fig.format(alt="From a file", src="02_files/figure-html/cell-5-output-1.png")
        + '<figure><a href="x.png"><img alt="linked" src="x.png"></a></figure>'
        + '<p><img alt="not a figure" src="data:image/png;base64,' + b64 + '"></p>'
    )
    target = tmp_path / "notebooks" / "02.html"
    target.parent.mkdir()
    target.write_text(page(body), encoding="utf-8")

    written = link_figures(target)

    assert [p.relative_to(tmp_path).as_posix() for p in written] == [
        "notebooks/02_files/figures/fig-dutch-hubs.png", "notebooks/02_files/figures/fig-dutch-hubs-2.png",
    ]
    assert all(p.read_bytes() == data for p in written)
    html = target.read_text(encoding="utf-8")
    assert ('<a class="figure-full" href="02_files/figures/fig-dutch-hubs.png" title="Open the chart full size">'
            '<img alt="Line chart" src="02_files/figures/fig-dutch-hubs.png" class="img-fluid" width="64" height="40"></a>') in html  # fmt: skip
    assert '<a class="figure-full" href="02_files/figure-html/cell-5-output-1.png"' in html  # Quarto's files: linked as they are
    assert '<figure><a href="x.png"><img alt="linked" src="x.png"></a></figure>' in html
    assert '<p><img alt="not a figure" src="data:image/png;base64,' in html  # only charts in a <figure>
    assert link_figures(target) == []  # idempotent
    assert target.read_text(encoding="utf-8") == html


def test_png_size_reads_the_header():
    assert png_size(_png(300, 120)) == (300, 120)
    assert png_size(b"GIF89a....") is None


# ---------------------------------------------------------------------------------------------- reading order


def test_previous_and_next_follow_the_navbar_and_skip_other_languages(tmp_path):
    (tmp_path / "notebooks").mkdir()
    (tmp_path / "index.html").write_text(page("<h1>home</h1>"), encoding="utf-8")
    (tmp_path / "samenvatting.html").write_text(page("<h1>nl</h1>", lang="nl"), encoding="utf-8")
    (tmp_path / "notebooks" / "01_a.html").write_text(page("<h1>a</h1>"), encoding="utf-8")
    (tmp_path / "notebooks" / "02_b.html").write_text(
        page('<h1>b</h1><nav class="page-navigation">the renderer\'s own</nav>'), encoding="utf-8")
    entries = [("Briefing", "index.ipynb"), ("Samenvatting", "samenvatting.ipynb"), ("1 Funds", "notebooks/01_a.ipynb"),
               ("2 Seizures", "notebooks/02_b.ipynb"), ("Missing", "pages/none.qmd")]

    chain = reading_order(tmp_path, entries, "en")
    assert chain == [("index.html", "Briefing"), ("notebooks/01_a.html", "1 Funds"), ("notebooks/02_b.html", "2 Seizures")]

    changed = add_page_navigation(tmp_path, chain)

    assert [p.relative_to(tmp_path).as_posix() for p in changed] == ["index.html", "notebooks/01_a.html"]
    home = (tmp_path / "index.html").read_text(encoding="utf-8")
    assert '<div class="nav-page nav-page-previous"></div>' in home
    assert 'href="notebooks/01_a.html" class="pagination-link" rel="next"' in home and "1 Funds" in home
    mid = (tmp_path / "notebooks" / "01_a.html").read_text(encoding="utf-8")
    assert 'href="../index.html" class="pagination-link" rel="prev"' in mid
    assert 'href="02_b.html" class="pagination-link" rel="next"' in mid
    assert mid.index('class="page-navigation') < mid.index("</main>")
    assert "page-navigation mp-page-navigation" not in (tmp_path / "notebooks" / "02_b.html").read_text(encoding="utf-8")
    assert "page-navigation" not in (tmp_path / "samenvatting.html").read_text(encoding="utf-8")
    assert add_page_navigation(tmp_path, chain) == []  # idempotent


def test_fixed_words_are_translated_on_a_dutch_page(tmp_path):
    body = ('<nav id="TOC"><h2 id="toc-title">On this page</h2></nav>'
            '<input type="search" placeholder="Search" aria-label="Search">'
            '<a id="quarto-back-to-top"><i class="bi bi-arrow-up"></i> Back to top</a>')  # fmt: skip
    (tmp_path / "samenvatting.html").write_text(page(body, lang="nl"), encoding="utf-8")
    (tmp_path / "index.html").write_text(page(body), encoding="utf-8")

    assert [p.name for p in localise(tmp_path)] == ["samenvatting.html"]

    nl = (tmp_path / "samenvatting.html").read_text(encoding="utf-8")
    assert '<h2 id="toc-title">Op deze pagina</h2>' in nl and "</i> Terug naar boven</a>" in nl
    assert 'placeholder="Zoeken" aria-label="Zoeken"' in nl
    assert "On this page" in (tmp_path / "index.html").read_text(encoding="utf-8")


# ---------------------------------------------------------------------------------------------- reference pages


def test_reference_page_states_the_summary_once_and_renders_roles():
    text = reference.module_page("data.load")
    front, body = text.split("\n---\n", 1)
    summary = "Load the raw files into tidy, typed pandas frames"
    assert summary in front and summary not in body
    assert ":class:`" not in body and "`DataValidationError`" in body


def test_roles_become_code_and_link_to_other_public_modules():
    md = ("See :func:`mainports_analysis.data.validate.cached_validate`, :class:`~pandas.DataFrame`, "
          ":func:`the loader <mainports_analysis.data.load.load_all>` and :data:`SIZES`.\n"
          "```python\n:func:`kept` in code\n```")  # fmt: skip
    out = reference.render_roles(md, current="data.load")
    assert out.splitlines()[0] == (
        "See [`mainports_analysis.data.validate.cached_validate`](data-validate.qmd), `DataFrame`, `the loader` and `SIZES`."
    )
    assert ":func:`kept` in code" in out  # code fences are left alone


def test_no_generated_page_leaves_a_role_unrendered():
    for name in reference.available_modules():
        text = reference.module_page(name)
        body = re.sub(r"```.*?```", "", text, flags=re.S)
        assert not re.search(r":(class|func|meth|mod|data|attr|exc):`", body), name


# ---------------------------------------------------------------------------------------------- issue 15 steps


def test_a_2x_chart_shows_at_half_its_pixel_size(tmp_path):
    from mainports_analysis.site.assets import png_css_size

    buf = io.BytesIO()
    Image.new("RGB", (200, 100), "white").save(buf, format="PNG", dpi=(192, 192))
    assert png_css_size(buf.getvalue()) == (100, 50)
    plain = io.BytesIO()
    Image.new("RGB", (200, 100), "white").save(plain, format="PNG")
    assert png_css_size(plain.getvalue()) == (200, 100)
    (tmp_path / "p.html").write_text(page(
        '<div id="fig-x" class="cell"><figure><img alt="x" src="data:image/png;base64,'
        + base64.b64encode(buf.getvalue()).decode() + '"></figure></div>'), encoding="utf-8")
    link_figures(tmp_path / "p.html")
    assert 'width="100" height="50"' in (tmp_path / "p.html").read_text(encoding="utf-8")


def test_chart_csv_moves_out_of_the_page_into_a_file(tmp_path):
    from mainports_analysis.site.assets import externalize_downloads

    data = base64.b64encode(b"year,kg\n2021,70571\n").decode()
    html = page(f'<p class="figure-download"><a download="a b.csv" href="data:text/csv;charset=utf-8;base64,{data}">⬇ CSV</a></p>')
    (tmp_path / "notebooks").mkdir()
    target = tmp_path / "notebooks" / "p.html"
    target.write_text(html, encoding="utf-8")
    written = externalize_downloads(tmp_path)
    assert written == [tmp_path / "notebooks" / "p_files" / "data" / "a-b.csv"]
    assert written[0].read_bytes() == b"year,kg\n2021,70571\n"
    out = target.read_text(encoding="utf-8")
    assert "base64" not in out and 'href="p_files/data/a-b.csv"' in out
    assert externalize_downloads(tmp_path) == []  # idempotent


def test_glossary_links_the_first_use_of_each_term_only_in_running_text():
    from mainports_analysis.site.glossary import link_terms, read_terms

    terms = read_terms('<dl><dt id="term-its" data-terms="interrupted time series|ITS">ITS</dt>'
                       '<dt id="term-harc" data-terms="HARC team|HARC">HARC</dt></dl>')  # fmt: skip
    assert terms[0] == ("interrupted time series", "term-its", "ITS")
    html = ('<main><h2>ITS</h2><p>Its trend: the <code>ITS</code> fit, then the HARC team and ITS, '
            'and <a href="x">HARC</a> and ITS.</p></main>')  # fmt: skip
    out = link_terms(html, terms, "g.html")
    assert out.count('class="glossary-term"') == 2
    assert '<h2>ITS</h2>' in out and "<code>ITS</code>" in out and "Its trend" in out  # headings, code, other case
    assert '<a class="glossary-term" href="g.html#term-harc" title="Glossary: HARC">HARC team</a>' in out
    assert '<a class="glossary-term" href="g.html#term-its" title="Glossary: ITS">ITS</a>, and' in out


def test_landmarks_get_names_and_dutch_pages_a_dutch_navbar(tmp_path):
    from mainports_analysis.site.assets import label_landmarks

    body = ('<nav class="navbar navbar-expand-lg"><span class="menu-text">4 Measures</span></nav>'
            '<nav id="TOC" role="doc-toc"><h2 id="toc-title">On this page</h2></nav>')  # fmt: skip
    (tmp_path / "nl.html").write_text(page(body, lang="nl"), encoding="utf-8")
    (tmp_path / "en.html").write_text(page(body), encoding="utf-8")
    label_landmarks(tmp_path)
    localise(tmp_path)
    nl = (tmp_path / "nl.html").read_text(encoding="utf-8")
    en = (tmp_path / "en.html").read_text(encoding="utf-8")
    assert '<nav class="navbar navbar-expand-lg" aria-label="Main">' in en and '<nav id="TOC" aria-labelledby="toc-title"' in en
    assert 'aria-label="Hoofdmenu"' in nl and ">4 Maatregelen</span>" in nl and "Op deze pagina" in nl


def test_page_meta_reads_the_project_and_never_the_clock(tmp_path):
    from mainports_analysis.site import pagemeta

    (tmp_path / "data" / "raw").mkdir(parents=True)
    (tmp_path / "data" / "raw" / "sources.csv").write_text("source_id,accessed\na,2026-11-23\nb,2026-12-01\nc,\n", encoding="utf-8")
    (tmp_path / "CITATION.cff").write_text(
        'title: "T: a briefing"\nauthors:\n  - name: "Team"\nversion: 1.2.0\ndate-released: "2026-12-05"\n'
        'license: MIT\nrepository-code: "https://example.org/r"\nurl: "https://example.org/site/"\n', encoding="utf-8")
    import os

    os.environ["SOURCE_DATE_EPOCH"] = "1764547200"  # 2025-12-01: no git repository here
    try:
        meta = pagemeta.read_meta(tmp_path)
    finally:
        del os.environ["SOURCE_DATE_EPOCH"]
    assert (meta.data_date, meta.build_date, meta.version, meta.contact) == ("2026-12-01", "2025-12-01", "1.2.0", "https://example.org/r/issues")
    assert pagemeta.citation(meta) == "Team (2026). T: a briefing, version 1.2.0 (2026-12-05). https://example.org/site/"
    assert pagemeta.long_date("2026-12-01", "nl") == "1 december 2026"
    site = tmp_path / "_site"
    (site / "pages").mkdir(parents=True)
    (site / "pages" / "a.html").write_text(page("<p>Short.</p><p>" + "A long first paragraph about seizures. " * 8 + "</p>",
                                                head="<title>A page</title>"), encoding="utf-8")  # fmt: skip
    pagemeta.add_page_meta(site, meta)
    pagemeta.add_page_meta(site, meta)  # idempotent
    out = (site / "pages" / "a.html").read_text(encoding="utf-8")
    assert out.count('<meta name="description"') == 1 and 'content="A long first paragraph about seizures.' in out
    assert '<meta property="og:url" content="https://example.org/site/pages/a.html">' in out
    assert 'href="../favicon.svg"' in out and (site / "favicon.svg").is_file() and (site / "favicon.png").is_file()
    assert ('Edition of 5 December 2026 (version 1.2.0, <a href="../pages/changes.html">what changed</a>) · '
            "Data as of 1 December 2026 · built 1 December 2025") in out
    assert out.count('class="page-meta"') == 1


def test_unused_theme_css_is_dropped_and_used_css_kept():
    from mainports_analysis.site.slim import purge_css

    css = (":root{--x:1}.navbar{a:1}.carousel,.btn{b:2}.modal .btn{c:3}@media (min-width:1px){.toast{d:4}.nav-link{e:5}}"
           "p:not(.lead){f:6}#quarto-header{g:7}#nope{h:8}@font-face{font-family:x}")  # fmt: skip
    out = purge_css(css, {"navbar", "btn", "nav-link", "quarto-header"})
    assert out == (":root{--x:1}.navbar{a:1}.btn{b:2}@media (min-width:1px){.nav-link{e:5}}p:not(.lead){f:6}"
                   "#quarto-header{g:7}@font-face{font-family:x}")
