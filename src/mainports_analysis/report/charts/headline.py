"""The home page's headline chart and key-figure boxes, in English and Dutch, from the same data.

The chart answers the waterbed question at a glance: cocaine seized at Rotterdam, Antwerp and
Vlissingen and in the EU, each as an index of the year before the approach (= 100), one published
value per year (:func:`mainports_analysis.data.series.annual`, through the waterbed panel). A year
without a published figure is a gap in its line, never bridged, and the chart says so. The key
figures are numbers the key findings computed (:func:`mainports_analysis.report.findings.key_findings`),
each linking to the analysis behind it. Used by index.ipynb, samenvatting.ipynb and the PDF edition.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass

import pandas as pd

from mainports_analysis.analysis import waterbed
from mainports_analysis.data.series import annual
from mainports_analysis.report.charts.style import finish, lines, mark_start, new_figure, source_text
from mainports_analysis.report.prose import render
from mainports_analysis.report.text import eur_mln, pct, signed_pct

#: The places of the headline chart, in the order of their labels.
PLACES = (waterbed.RESPONSE, "antwerp", "vlissingen", "eu_total")

#: Short names for the title and the line labels (the chart is read on a phone).
SHORT = {
    "en": {"rotterdam": "Rotterdam", "antwerp": "Antwerp", "vlissingen": "Vlissingen", "eu_total": "EU"},
    "nl": {"rotterdam": "Rotterdam", "antwerp": "Antwerpen", "vlissingen": "Vlissingen", "eu_total": "EU"},
}

_WORDS = {
    "en": {
        "title": "{latest} ({base} = 100)",
        "unit": "cocaine seized, index ({base} = 100), log scale",
        "start": "approach starts ({year})",
        "gaps": "A gap in a line: no published figure for that year (never filled in).",
    },
    "nl": {
        "title": "{latest} ({base} = 100)",
        "unit": "inbeslagnames cocaïne, index ({base} = 100), logschaal",
        "start": "start aanpak ({year})",
        "gaps": "Een onderbreking in een lijn: geen gepubliceerd cijfer voor dat jaar (niet aangevuld).",
    },
}


def _words(lang: str) -> dict[str, str]:
    if lang not in _WORDS:
        raise ValueError(f"lang must be one of {', '.join(_WORDS)}, not {lang!r}")
    return _WORDS[lang]


def headline_frame(seizures: pd.DataFrame, *, first_year: int | None = None) -> pd.DataFrame:
    """(location, year, value, index) of :data:`PLACES`, indexed to the year before the approach (= 100).

    From ``first_year`` (default: four years before the base year) on; a place without a figure for
    the base year gets no index at all (see :func:`mainports_analysis.analysis.waterbed.indexed`).
    """
    base = waterbed.START - 1
    panel = waterbed.panel(seizures, locations=[waterbed.RESPONSE, *waterbed.FIRST_RING], controls=["eu_total"])
    idx = waterbed.indexed(panel, base_years=[base])
    start = base - 4 if first_year is None else first_year
    out = idx[idx["location"].isin(PLACES) & (idx["year"] >= start)]
    out = out.assign(order=out["location"].map({p: i for i, p in enumerate(PLACES)}))
    return out.sort_values(["order", "year"]).drop(columns="order").reset_index(drop=True)


def latest_index(frame: pd.DataFrame) -> dict[str, tuple[int, float]]:
    """Each place's last year with an index, and the index then: {location: (year, index)}."""
    out = {}
    for loc, g in frame.dropna(subset=["index"]).groupby("location", sort=False):
        row = g.sort_values("year").iloc[-1]
        out[str(loc)] = (int(row["year"]), float(row["index"]))
    return out


def headline_title(frame: pd.DataFrame, lang: str = "en") -> str:
    """The chart's title: each place's latest index, against the base year (computed).

    Places whose latest year is the same share it: "Rotterdam 16, Antwerp 61, Vlissingen 347 in 2025; EU 138 in 2023".
    """
    w = _words(lang)
    last = latest_index(frame)
    groups: dict[int, list[str]] = {}
    for p in PLACES:
        if p in last:
            groups.setdefault(last[p][0], []).append(f"{SHORT[lang][p]} {last[p][1]:.0f}")
    latest = "; ".join(f"{', '.join(names)} in {year}" for year, names in groups.items())
    return w["title"].format(base=waterbed.START - 1, latest=latest)


def headline_sources(seizures: pd.DataFrame, frame: pd.DataFrame, lang: str = "en") -> str:
    """The publishers of the figures drawn (the rows :func:`annual` picked for the chart's places and years)."""
    a = annual(seizures, locations=list(PLACES))
    used = a.merge(frame.dropna(subset=["value"])[["location", "year"]], on=["location", "year"])
    return source_text(used, lang=lang)


def headline_chart(seizures: pd.DataFrame, lang: str = "en"):
    """The headline chart in ``lang``; returns ``(figure, frame)`` (the frame is the chart's data)."""
    from matplotlib.ticker import NullLocator

    w = _words(lang)
    frame = headline_frame(seizures)
    base = waterbed.START - 1
    fig, ax = new_figure(height=4.4)
    styles = {p: {"label": SHORT[lang][p]} for p in PLACES}
    styles["eu_total"].update(linestyle="--", color="#555555")
    # an index is a ratio: on a log scale a halving and a doubling are the same distance from 100
    ax.set_yscale("log")
    lines(ax, frame, y="index", order=list(PLACES), lang=lang, styles=styles)
    ax.axhline(100, color="#999999", linewidth=0.8)
    ticks = [t for t in (10, 25, 50, 100, 200, 400, 800) if frame["index"].min() * 0.8 <= t <= frame["index"].max() * 1.25]
    ax.set_yticks(ticks, [str(t) for t in ticks])
    ax.yaxis.set_minor_locator(NullLocator())
    mark_start(ax, waterbed.START - 0.5, w["start"].format(year=waterbed.START))
    finish(fig, ax, title=headline_title(frame, lang), unit=w["unit"].format(base=base), source=headline_sources(seizures, frame, lang),
           note=w["gaps"], lang=lang)
    return fig, frame


@dataclass(frozen=True)
class KeyFigure:
    """One key-figure box: the number, what it counts, and the analysis page behind it."""

    value: str
    caption: str
    page: str


def key_figures(data: dict[str, pd.DataFrame], lang: str = "en") -> list[KeyFigure]:
    """Four computed numbers for the home page's boxes, from the key findings' own numbers."""
    from mainports_analysis.report.findings import key_findings

    _words(lang)
    f = {k.key: k for k in key_findings(data)}
    fall, money, disp, mon = (f[k].numbers for k in ("rotterdam_fall", "money", "displacement", "monitoring"))
    captions = render("home/key_figures", lang, last=fall["last"], last_year=fall["last_year"], base_kg=fall["base_rotterdam"],
                      base=fall["base"], fund_share=money["fund_share"],
                      displacement_measures=mon["displacement_measures"]).split("\n\n")
    values = (signed_pct(fall["change"], lang), pct(disp["placebo_time_rate"], lang), eur_mln(money["rotterdam"], lang),
              str(mon["measures"]))
    pages = (f["rotterdam_fall"].page, f["displacement"].page, f["money"].page, f["monitoring"].page)
    return [KeyFigure(v, c, p) for v, c, p in zip(values, captions, pages, strict=True)]


def key_figures_html(figures: list[KeyFigure], lang: str = "en", *, link_prefix: str = "") -> str:
    """The boxes as HTML (a list, so screen readers announce how many)."""
    more = "Analyse" if lang == "nl" else "Analysis"
    items = "".join(
        f'<li class="key-figure"><span class="key-figure-value">{html.escape(k.value)}</span> '
        f'<span class="key-figure-caption">{html.escape(k.caption)}</span> '
        f'<a class="key-figure-link" href="{html.escape(link_prefix + re.sub(r"[.]ipynb$", ".html", k.page))}">{more} →</a></li>'
        for k in figures
    )
    return f'<ul class="key-figures">{items}</ul>'


def bottom_line_html(text_markdown: str, lang: str = "en") -> str:
    """The bottom-line box around the computed answer (Markdown ``**bold**`` becomes ``<strong>``)."""
    head = "Kort antwoord" if lang == "nl" else "The bottom line"
    body = re.sub(r"\*\*(.+?)\*\*", r"<strong>\1</strong>", html.escape(text_markdown, quote=False))
    return f'<aside class="bottom-line" aria-label="{head}"><p class="bottom-line-head">{head}</p><p>{body}</p></aside>'
