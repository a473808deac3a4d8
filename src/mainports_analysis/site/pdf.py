"""The PDF edition: a brief of two to four A4 pages in Dutch and in English, compiled offline with Typst.

Filled from the same computed findings as the home page and the Samenvatting (the bottom line, the
key figures, the key findings, the main caveats, the approach, the headline chart), with the data's
and the build's dates and the recommended citation (:mod:`mainports_analysis.site.pagemeta`).
The Typst compiler ships inside the ``typst`` wheel on PyPI and uses only its embedded fonts here,
so the build needs no network and no system fonts, and gives the same bytes for the same inputs
(Quarto users can get a comparable PDF from Quarto's own ``typst`` format).

The template is ``typst/brief.typ`` beside this module; every text goes to it as Typst markup that
:func:`markup` converted from the findings' Markdown (bold, italics, links) with every other
character escaped, so no figure or URL can be read as Typst code.
"""

from __future__ import annotations

import json
import re
import shutil
import tempfile
from pathlib import Path

from mainports_analysis.site.pagemeta import SiteMeta, citation, long_date

TEMPLATE = Path(__file__).with_name("typst") / "brief.typ"
LANGS = ("en", "nl")
_SPECIAL = re.compile(r"([\\#*_`$<>@\[\]~/=+\-'\"])")

_WORDS = {
    "en": {"kicker": "Mainports briefing · brief", "title": "The Dutch mainports approach: money, measures and the waterbed question",
           "bottom": "The bottom line", "chart": "The picture in one chart", "findings": "Key findings", "caveats": "Main caveats",
           "approach": "The approach in three sentences", "sources": "Sources", "cite": "How to cite",
           "dateline": "Version {version} · data as of {data} · built {built} · {url}",
           "sources_text": ("Every number is computed from a data set in which each figure names its source and quotes it "
                            "verbatim: {n} sources, listed with their quotes at {url}. The headline chart's figures come from: {chart}."),
           "analysis": "analysis", "footer": "{publisher} · version {version} · {url}",
           "chart_caption": ("Cocaine seized at Rotterdam, Antwerp and Vlissingen and in the EU, as an index of the year before "
                             "the approach (log scale); a gap is a year without a published figure.")},
    "nl": {"kicker": "Mainports briefing · samenvatting", "title": "De mainportsaanpak: het geld, de maatregelen en het waterbed",
           "bottom": "Kort antwoord", "chart": "De kern in één grafiek", "findings": "Belangrijkste bevindingen",
           "caveats": "Belangrijkste kanttekeningen", "approach": "De aanpak in drie zinnen", "sources": "Bronnen", "cite": "Citeren",
           "dateline": "Versie {version} · gegevens bijgewerkt tot {data} · gebouwd {built} · {url}",
           "sources_text": ("Elk getal is berekend uit een gegevensbestand waarin elk cijfer zijn bron noemt en letterlijk citeert: "
                            "{n} bronnen, met hun citaten te vinden op {url}. De cijfers van de grafiek komen van: {chart}."),
           "analysis": "analyse (Engels)", "footer": "{publisher} · versie {version} · {url}",
           "chart_caption": ("Inbeslagnames van cocaïne in Rotterdam, Antwerpen en Vlissingen en in de EU, als index van het jaar "
                             "vóór de aanpak (logschaal); een onderbreking is een jaar zonder gepubliceerd cijfer.")},
}  # fmt: skip


def escape(text: str) -> str:
    """``text`` with every character Typst markup gives a meaning escaped (it then prints as written)."""
    return _SPECIAL.sub(r"\\\1", text)


def markup(md: str, *, base_url: str = "") -> str:
    """Typst markup from the findings' Markdown: ``**bold**``, ``*italic*``, ``[text](url)`` and list items.

    Relative links (``notebooks/02_seizures.ipynb``) become absolute addresses of the site's pages
    under ``base_url``; everything else is escaped (:func:`escape`).
    """
    out_lines = []
    for line in md.strip().splitlines():
        item = re.match(r"^\s*(?:[-*]|\d+\.)\s+(.*)$", line)
        body = item.group(1) if item else line
        parts, pos = [], 0
        for m in re.finditer(r"\*\*(?P<b>.+?)\*\*|(?<![\w*])\*(?P<i>[^*]+?)\*(?![\w*])|\[(?P<t>[^\]]+)\]\((?P<u>[^)]+)\)", body):
            parts.append(escape(body[pos: m.start()]))
            if m.group("b") is not None:
                parts.append(f"*{escape(m.group('b'))}*")
            elif m.group("i") is not None:
                parts.append(f"_{escape(m.group('i'))}_")
            else:
                url = m.group("u")
                if not re.match(r"[a-z]+:", url):
                    url = base_url.rstrip("/") + "/" + re.sub(r"\.(ipynb|qmd)\b", ".html", url.removeprefix("./"))
                parts.append(f'#link("{url}")[{escape(m.group("t"))}]')
            pos = m.end()
        parts.append(escape(body[pos:]))
        out_lines.append(("- " if item else "") + "".join(parts))
    return "\n".join(out_lines)


def brief_content(data: dict, meta: SiteMeta, lang: str, *, n_sources: int) -> tuple[dict, str]:
    """The texts of the brief in ``lang`` (Typst markup, for ``brief.json``) and the headline chart as SVG."""
    import io

    import matplotlib.pyplot as plt

    from mainports_analysis.report import findings
    from mainports_analysis.report.charts import headline
    from mainports_analysis.report.charts.style import use_style

    if lang not in _WORDS:
        raise ValueError(f"lang must be one of {', '.join(LANGS)}, not {lang!r}")
    w = _WORDS[lang]
    url = meta.url.rstrip("/")
    use_style()
    fig, frame = headline.headline_chart(data["seizures"], lang)
    svg = io.StringIO()
    with plt.rc_context({"svg.fonttype": "path", "svg.hashsalt": "mainports"}):
        fig.savefig(svg, format="svg", bbox_inches="tight", metadata={"Date": None, "Creator": None})
    plt.close(fig)
    key = findings.key_findings(data)
    more = w["analysis"]
    content = {
        "lang": lang,
        "title": w["title"],
        "title_markup": escape(w["title"]),
        "publisher": meta.publisher,
        "kicker": escape(w["kicker"]),
        "dateline": escape(w["dateline"].format(version=meta.version, data=long_date(meta.data_date, lang),
                                                built=long_date(meta.build_date, lang), url=url)),
        "bottom_line_head": w["bottom"],
        "bottom_line": markup(findings.bottom_line(data, lang), base_url=url),
        "figures": [{"value": escape(k.value), "caption": escape(k.caption)} for k in headline.key_figures(data, lang)],
        "chart_head": escape(w["chart"]),
        "chart_caption": escape(w["chart_caption"]),
        "findings_head": escape(w["findings"]),
        "findings": [markup(f"**{f.heading(lang)}.** {f.short(lang)} [{more} →]({f.page})", base_url=url) for f in key],
        "caveats_head": escape(w["caveats"]),
        "caveats": markup(findings.main_caveats(data, lang), base_url=url),
        "approach_head": escape(w["approach"]),
        "approach": markup(findings.approach(data, lang), base_url=url),
        "sources_head": escape(w["sources"]),
        "sources": escape(w["sources_text"].format(n=n_sources, url=f"{url}/pages/data.html",
                                                   chart=headline.headline_sources(data["seizures"], frame, lang))),
        "cite_head": escape(w["cite"]),
        "citation": escape(citation(meta, lang)),
        "footer": escape(w["footer"].format(publisher=meta.publisher, version=meta.version, url=url)),
    }  # fmt: skip
    return content, svg.getvalue()


def compile_brief(content: dict, svg: str, target: Path) -> Path:
    """Compile the template with ``content`` and the chart into ``target`` (a PDF), offline."""
    import typst

    with tempfile.TemporaryDirectory(prefix="mainports-pdf-") as tmp:
        work = Path(tmp)
        shutil.copyfile(TEMPLATE, work / "brief.typ")
        (work / "brief.json").write_text(json.dumps(content, ensure_ascii=False, indent=1), encoding="utf-8")
        (work / "headline.svg").write_text(svg, encoding="utf-8")
        pdf = typst.compile(str(work / "brief.typ"), root=str(work), ignore_system_fonts=True, font_paths=[], timestamp=0)
    _write_bytes(target, pdf)
    return target


def _write_bytes(target: Path, data: bytes) -> None:
    if target.is_file() and target.read_bytes() == data:
        return
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_name(target.name + ".tmp")
    tmp.write_bytes(data)
    tmp.replace(target)


def write_briefs(root: Path, out: Path, *, site_url: str = "") -> list[Path]:
    """Write ``briefing-en.pdf`` and ``briefing-nl.pdf`` into ``out`` from the project at ``root``."""
    import csv

    from mainports_analysis.data.load import load_all
    from mainports_analysis.site.pagemeta import read_meta

    data = load_all(root / "data")
    meta = read_meta(root, site_url)
    with open(root / "data" / "raw" / "sources.csv", encoding="utf-8", newline="") as f:
        n_sources = sum(1 for _ in csv.DictReader(f))
    written = []
    for lang in LANGS:
        content, svg = brief_content(data, meta, lang, n_sources=n_sources)
        written.append(compile_brief(content, svg, out / f"briefing-{lang}.pdf"))
    return written
