"""The policy measures as a reader sees them: labelled tables, house-style HTML, CSV exports and the page's text.

The numbers come from :mod:`mainports_analysis.analysis.measures` and
:mod:`mainports_analysis.analysis.money`; the words for codes from
:mod:`mainports_analysis.report.measure_labels`; every sentence from a Jinja2 template in
``report/templates/{en,nl}/measures/`` (:func:`mainports_analysis.report.prose.render`), so a Dutch
editor can change a sentence without touching code.

- tables: :func:`count_table`, :func:`timeline_table`, :func:`measures_table` (searchable with
  itables, :data:`ITABLE_OPTIONS`), :func:`displacement_measures_table`, :func:`audit_money`;
  in the house HTML style: :func:`cooperation_html`, :func:`displacement_html`;
- CSV exports with a hub column and units: :func:`export_red_lines`, :func:`export_timeline`,
  :func:`export_series`;
- titles and sentences: :func:`red_lines_title`, :func:`timeline_title`, :func:`red_lines_sentence`,
  :func:`structural_text`, and the page's sections (:func:`key_findings`, :func:`start_years`,
  :func:`record`, :func:`findings`, :func:`caveats`), each one Markdown string.

The charts (:mod:`mainports_analysis.report.charts.measures`) read this module as ``M``; the analysis
names they use are re-exported here for them (defined once, in the analysis layer).
"""

from __future__ import annotations

import html
import re
from collections.abc import Mapping
from typing import Any

import pandas as pd

from mainports_analysis.analysis import measures as A
from mainports_analysis.analysis.measures import (  # noqa: F401 - re-exported for the charts (defined in analysis)
    HUB_SERIES,
    MeasureSummary,
    count_by,
    dated,
    displacement_measures,
    summary,
    timeline,
)
from mainports_analysis.analysis.money import (  # noqa: F401 - milestones, programme_starts: for the charts
    StructuralMoney,
    audit_figures,
    milestones,
    programme_starts,
    structural_money,
    unspent_share,
)
from mainports_analysis.data.registry import FUNDED_HUBS, registry
from mainports_analysis.report import prose
from mainports_analysis.report.measure_labels import (  # noqa: F401 - the vocabulary, for the charts and notebooks
    BASES,
    HEADERS,
    NO_URL,
    NOT_STATED,
    RED_LINES,
    TOTAL,
    cap,
    check_lang,
    measure_label,
)
from mainports_analysis.report.text import and_list

#: Old names the charts still call (``M.label``, ``M.listing``): the same functions, not copies.
label = measure_label
listing = and_list

#: The unit of each metric in :func:`mainports_analysis.analysis.measures.context_series`.
SERIES_UNITS = {"cocaine_kg": "kg", "extractor_arrests": "arrests (count)"}

#: itables options of the measures table. Every column stays in view at 1280 px: the page's text column is
#: about 760 px there and the columns' natural widths added up to about 940 px, which hid Status and
#: Displacement past the box's right edge. A fixed layout gives each column a share sized to its longest word
#: at 0.75rem (measured in Chromium); only longer words (a Dutch title, a web address) break. Narrower screens
#: scroll the table sideways in its box (styles.css).
ITABLE_OPTIONS: dict[str, Any] = {
    "table_id": "measures", "allow_html": True, "showIndex": False, "column_filters": "header", "pageLength": 10,
    "lengthMenu": [10, 25, 50, 100], "classes": "display compact", "autoWidth": False,
    "style": "table-layout:fixed;width:100%;margin:0;caption-side:bottom;overflow-wrap:break-word;font-size:0.75rem",
    "columnDefs": [{"targets": i, "width": w}
                   for i, w in enumerate(("12.5%", "14%", "14%", "13%", "13%", "7%", "12%", "14.5%"))],
}  # fmt: skip


# ------------------------------------------------------------------------------------------ labelled tables


def _relabel(table: pd.DataFrame, lang: str) -> pd.DataFrame:
    """Codes to capitalised labels in ``lang`` (years stay years)."""
    out = table.copy()
    out.index = [cap(measure_label(k, lang)) for k in out.index]
    out.columns = [cap(measure_label(k, lang)) if isinstance(k, str | bool) else str(k) for k in out.columns]
    out.index.name = HEADERS[lang].get(table.index.name, table.index.name)
    out.columns.name = HEADERS[lang].get(table.columns.name, table.columns.name)
    return out


def count_table(measures: pd.DataFrame, rows: str = "hub", cols: str = "red_line", *, totals: bool = False,
                lang: str = "en") -> pd.DataFrame:  # fmt: skip
    """:func:`~mainports_analysis.analysis.measures.count_by` with labels in ``lang`` for rows, columns and headers."""
    return _relabel(A.count_by(measures, rows, cols, totals=totals), check_lang(lang))


def timeline_table(measures: pd.DataFrame, *, rows: str = "hub", years=None, totals: bool = False,
                   lang: str = "en") -> pd.DataFrame:  # fmt: skip
    """:func:`~mainports_analysis.analysis.measures.timeline` with labels in ``lang``."""
    return _relabel(A.timeline(measures, rows=rows, years=years, totals=totals), check_lang(lang))


def _text(value: Any) -> str:
    return "" if value is None or (not isinstance(value, str) and pd.isna(value)) else str(value)


def source_link(source: Mapping[str, Any] | pd.Series, lang: str = "en", *, fmt: str = "html") -> str:
    """A source as a link: ``<a href="url">publisher</a>`` (``fmt="html"``) or ``[publisher](url)`` (markdown).

    ``source`` needs url, publisher and title (and may have published and quote: the date follows the
    link, the quote is the link's tooltip). Without a URL the title and publisher are shown without a
    link and the text says so (:data:`NO_URL`).
    """
    check_lang(lang)
    url, publisher = _text(source.get("url")).strip(), _text(source.get("publisher")).strip()
    title, published = _text(source.get("title")).strip(), _text(source.get("published")).strip()
    quote = _text(source.get("quote")).strip()
    if fmt == "markdown":
        date = f", {published}" if published else ""
        if url:
            return f"[{publisher}: “{title}”]({url}){date}"
        return f"{publisher}: “{title}”{date} ({NO_URL[lang]})"
    if fmt != "html":
        raise ValueError(f"fmt must be 'html' or 'markdown', not {fmt!r}")
    date = f", {html.escape(published)}" if published else ""
    if url:
        tip = f' title="{html.escape(quote)}"' if quote else ""
        return f'<a href="{html.escape(url)}"{tip}>{html.escape(publisher)}</a>{date}'
    return f"{html.escape(title)} — {html.escape(publisher)}{date} ({NO_URL[lang]})"


def source_of(sources: pd.DataFrame, source_id: str) -> pd.Series:
    """The row of ``sources`` with this ``source_id``; an unknown id raises ``KeyError`` naming it (and the nearest)."""
    hit = sources.loc[sources["source_id"].astype(str) == str(source_id)]
    if hit.empty:
        from mainports_analysis.data.registry import did_you_mean

        raise KeyError(f"raw/sources.csv has no source_id {source_id!r}{did_you_mean(source_id, sources['source_id'].astype(str))}")
    return hit.iloc[0]


_QUOTED = re.compile(r'"([^"]+)"')
_CITED = re.compile(r"\[source:\s*([a-z0-9][a-z0-9_-]*)\]")
_RELATED_PREFIX = re.compile(r"^\s*Related, not explicit:\s*", re.IGNORECASE)


def reason_text(reason: str | None, *, sources: pd.DataFrame | None = None, lang: str = "en") -> str:
    """A displacement reason for display, as HTML: the kind sentence and the ``Related`` prefix dropped.

    Quotes become “...”; a ``[source: id]`` citation becomes a link to that source (``sources``
    must then be given, else ``ValueError``). The rest of the text is escaped.
    """
    text = (reason or "").strip()
    head, _, rest = text.partition(". ")
    if rest and any(head.lower() == lead.lower() for lead in A.KIND_LEADS.values()):
        text = rest
    text = _RELATED_PREFIX.sub("", text)
    cited = _CITED.search(text)
    link = ""
    if cited:
        if sources is None:
            raise ValueError(f"the reason cites [source: {cited.group(1)}]; pass sources= to link it")
        link = " (" + source_link(source_of(sources, cited.group(1)), lang) + ")"
        text = _CITED.sub("", text).rstrip()
    text = _QUOTED.sub(lambda m: f"“{m.group(1)}”", cap(text))
    return html.escape(text, quote=False) + link


def displacement_measures_table(
    measures: pd.DataFrame, lang: str = "en", *, basis: str = "explicit", sources: pd.DataFrame | None = None
) -> pd.DataFrame:
    """The displacement measures for display: kind, hub, measure, why it counts, source (HTML link).

    ``Why it counts`` is the data's ``displacement_reason`` (written in English) through
    :func:`reason_text`: for an explicit measure the verbatim sentence that states the aim, for a
    related one why it is only related. Index: measure_id (not for display).
    """
    part = A.displacement_measures(measures, basis=basis)
    head = HEADERS[check_lang(lang)]
    return pd.DataFrame(
        {
            head["displacement_kind"]: [cap(measure_label(k, lang)) for k in part["displacement_kind"]],
            head["hub"]: [measure_label(str(h), lang) for h in part["hub"]],
            head["measure"]: part["name_nl" if lang == "nl" else "name_en"].astype(str).map(html.escape).to_numpy(),
            head["displacement_reason"]: [reason_text(None if pd.isna(r) else str(r), sources=sources, lang=lang)
                                          for r in part["displacement_reason"]],
            head["source"]: [source_link(r, lang) for _, r in part.iterrows()],
        },
        index=pd.Index(part["measure_id"].astype(str).to_numpy(), name="measure_id"),
    )  # fmt: skip


def measures_table(measures: pd.DataFrame, lang: str = "en") -> pd.DataFrame:
    """Every measure for display, one row each, indexed by measure_id (the index is not for display).

    Columns (labels in ``lang``): hub, measure, source (an HTML link to the source with the quote as
    tooltip, or its title and publisher marked "no public copy found"), red line, cooperation, start
    year ("start year not stated" when the source gives none), status, and displacement (explicitly
    aimed at it, related, or no). Sorted by hub (registry order), red line (vocabulary order) and id.
    Text is HTML-escaped.
    """
    head = HEADERS[check_lang(lang)]
    hubs, lines = A.measure_hubs(measures), list(RED_LINES)
    order = measures.assign(
        _h=measures["hub"].astype(str).map(hubs.index),
        _r=measures["red_line"].astype(str).map(lines.index),
        _id=measures["measure_id"].astype(str),
        _basis=A.displacement_basis(measures),
    ).sort_values(["_h", "_r", "_id"], kind="mergesort")
    not_stated = cap(NOT_STATED.label(lang))
    return pd.DataFrame(
        {
            head["hub"]: [measure_label(str(h), lang) for h in order["hub"]],
            head["measure"]: order["name_nl" if lang == "nl" else "name_en"].astype(str).map(html.escape).to_numpy(),
            head["source"]: [source_link(r, lang) for _, r in order.iterrows()],
            head["red_line"]: [cap(measure_label(str(v), lang)) for v in order["red_line"]],
            head["cooperation"]: [cap(measure_label(str(v), lang)) for v in order["cooperation"]],
            head["start_year"]: [not_stated if pd.isna(v) else str(int(v)) for v in A.years_of(order)],
            head["status"]: [cap(measure_label(str(v), lang)) for v in order["status"]],
            head["basis"]: [cap(BASES[b].label(lang)) if b else cap(measure_label(False, lang)) for b in order["_basis"]],
        },
        index=pd.Index(order["_id"].to_numpy(), name="measure_id"),
    )


def measures_table_caption(lang: str = "en") -> str:
    """The caption under the searchable measures table."""
    return prose.render("measures/table_caption", lang, no_url=NO_URL[check_lang(lang)])


def audit_money(audit: pd.DataFrame, lang: str = "en") -> pd.DataFrame:
    """The Court of Audit's money figures for display: hub names (comma-separated) and the period as text.

    :func:`~mainports_analysis.analysis.money.audit_figures` with ``hubs`` as labels in ``lang``
    and ``period`` (``2022–2023``, one year alone when it starts and ends in it) added after n_hubs.
    """
    check_lang(lang)
    out = audit_figures(audit)
    out["hubs"] = [", ".join(measure_label(h, lang) for h in hubs) for hubs in out["hubs"]]
    period = [str(a) if a == b else f"{a}–{b}" for a, b in zip(out["period_start"], out["period_end"], strict=True)]
    out.insert(out.columns.get_loc("n_hubs") + 1, "period", period)
    return out


# ------------------------------------------------------------------------------------------ house-style HTML

#: Summary lines of the folded parts of the page (issue 15: tables and secondary text folded, the page short).
FOLDS: dict[str, dict[str, str]] = {
    "cooperation": {"en": "Show the measures per hub by cooperation (table)",
                    "nl": "Toon de maatregelen per knooppunt naar samenwerking (tabel)"},
    "explicit": {"en": "Show the measures aimed explicitly at displacement (table)",
                 "nl": "Toon de maatregelen expliciet gericht op verplaatsing (tabel)"},
    "related": {"en": "Show the related measures (table)", "nl": "Toon de verwante maatregelen (tabel)"},
    "measures": {"en": "Show the searchable table of all measures", "nl": "Toon de doorzoekbare tabel van alle maatregelen"},
    "record": {"en": "Show what the record says on results, money and monitoring",
               "nl": "Toon wat de openbare bronnen zeggen over resultaten, geld en monitoring"},
    "caveats": {"en": "Show the caveats", "nl": "Toon de kanttekeningen"},
}  # fmt: skip


def _fold(content, name: str, lang: str, fold: bool):
    """``content`` (HTML) as it is, or folded under its summary line in ``lang``."""
    if not fold:
        return content
    from mainports_analysis.report.charts.style import folded

    return folded(content, FOLDS[name][check_lang(lang)])


def _fold_markdown(text: str, name: str, lang: str, fold: bool) -> str:
    """Markdown ``text`` as it is, or inside a raw-HTML ``<details>`` block (blank lines keep it Markdown)."""
    if not fold:
        return text
    return f'<details class="folded"><summary>{html.escape(FOLDS[name][check_lang(lang)])}</summary>\n\n{text}\n\n</details>'


def measures_table_html(measures: pd.DataFrame, lang: str = "en", *, fold: bool = False):
    """:func:`measures_table` as the searchable itables table (:data:`ITABLE_OPTIONS`, with its caption),
    folded when ``fold``; the notebook calls ``itables.init_notebook_mode(connected=False)`` first."""
    from IPython.display import HTML
    from itables import to_html_datatable

    table = to_html_datatable(measures_table(measures, lang), caption=measures_table_caption(lang), **ITABLE_OPTIONS)
    return _fold(table, "measures", lang, fold) if fold else HTML(table)


def cooperation_html(measures: pd.DataFrame, lang: str = "en", *, caption: str | None = None, fold: bool = False):
    """Measures per hub by the cooperation their source names, with totals, in the house table style."""
    from mainports_analysis.report.tables import html_table

    table = count_table(measures, cols="cooperation", totals=True, lang=lang)
    return _fold(html_table(table.reset_index(), caption=caption), "cooperation", lang, fold)


def displacement_html(
    measures: pd.DataFrame, lang: str = "en", *, basis: str = "explicit", sources: pd.DataFrame | None = None,
    caption: str | None = None, fold: bool = False,
):  # fmt: skip
    """:func:`displacement_measures_table` in the house table style (cells are already escaped HTML)."""
    from mainports_analysis.report.tables import html_table

    table = displacement_measures_table(measures, lang, basis=basis, sources=sources)
    return _fold(html_table(table, caption=caption, escape=False), basis, lang, fold)


# ------------------------------------------------------------------------------------------ CSV exports


def _export(table: pd.DataFrame) -> pd.DataFrame:
    out = table.reset_index().rename(columns={"Hub": "hub"})
    out.columns.name = None
    return out


def export_red_lines(measures: pd.DataFrame) -> pd.DataFrame:
    """The data of the hub × red line chart as a CSV-ready frame: a hub column, one per red line, total."""
    return _export(count_table(measures, totals=True))


def export_timeline(measures: pd.DataFrame) -> pd.DataFrame:
    """Measures per hub and start year, with the undated ones in their own column, as a CSV-ready frame."""
    return _export(timeline_table(measures, totals=True))


def export_series(series: pd.DataFrame) -> pd.DataFrame:
    """:func:`~mainports_analysis.analysis.measures.context_series` for download: names and a unit column."""
    unknown = sorted(set(series["metric"].astype(str)) - set(SERIES_UNITS))
    if unknown:
        raise ValueError(f"no unit known for metric(s) {unknown}")
    reg = registry()
    out = series.copy()
    out.insert(0, "hub_name", [measure_label(str(h)) for h in out["hub"]])
    out.insert(2, "location_name", [reg.label(str(loc)) for loc in out["location"]])
    out.insert(out.columns.get_loc("metric") + 1, "unit", out["metric"].astype(str).map(SERIES_UNITS))
    return out.reset_index(drop=True)


# ------------------------------------------------------------------------------------------ titles, sentences


def _counted(counts: pd.Series, lang: str, *, only_positive: bool = False, lower: bool = False) -> list[dict]:
    """``[{"label": ..., "n": ...}]`` for a series of counts by code, in the series' order."""
    out = []
    for code, n in counts.items():
        if only_positive and not n:
            continue
        text = measure_label(code, lang)
        out.append({"code": code, "label": text.lower() if lower else text, "n": int(n)})
    return out


def _balance(s: A.MeasureSummary, lang: str) -> dict:
    b = A.red_line_balance(s.by_red_line)
    return {"low": b.low, "high": b.high, "margin": b.margin, "n": s.n,
            "dominant": measure_label(b.dominant, lang) if b.dominant else None,
            "leader": measure_label(b.top[0], lang) if len(b.top) == 1 else None}  # fmt: skip


def red_lines_title(s: A.MeasureSummary, lang: str = "en") -> str:
    """The title of the hub × red line chart: the largest group, and whether a red line dominates."""
    biggest = A.top(s.by_hub)
    return prose.render("measures/red_lines_title", lang, who=[measure_label(h, lang) for h in biggest],
                        n_top=int(s.by_hub[biggest[0]]), **_balance(s, lang))  # fmt: skip


def red_lines_sentence(s: A.MeasureSummary, *, bold: bool = False, lang: str = "en") -> str:
    """Two sentences on the spread over the red lines (see :func:`~mainports_analysis.analysis.measures.red_line_balance`).

    The first states the finding ("No red line dominates." / "X dominates."); ``bold`` sets it in
    Markdown bold, for a findings list.
    """
    return prose.render("measures/red_lines_sentence", lang, bold=bold, **_balance(s, lang))


def displacement_where(measures: pd.DataFrame, *, basis: str = "explicit", lang: str = "en") -> str:
    """Where the displacement measures are, most first: ``"Overarching measures: 4; Other Dutch ports: 3"``."""
    places = [{"label": measure_label(h, lang), "n": n} for h, n in A.where_counts(measures, basis=basis)]
    return prose.render("measures/displacement_where", lang, places=places)


def timeline_title(s: A.MeasureSummary, lang: str = "en") -> str:
    """The title of the timeline chart: how many measures have a start year at all."""
    return prose.render("measures/timeline_title", lang, dated=s.dated, n=s.n, not_dated=s.not_dated)


def structural_text(money: StructuralMoney, lang: str = "en") -> str:
    """``structural money: a ramp-up from 2023, the full EUR 29 mln a year from 2025``."""
    return prose.render("measures/structural_money", lang, first_year=money.first_year, full_year=money.full_year,
                        full_amount=money.full_amount)  # fmt: skip


def start_year_rule(lang: str = "en") -> str:
    """The data rule for ``start_year`` in words, stated once for the page, the caveats and the docs."""
    return prose.render("measures/start_year_rule", lang)


# ------------------------------------------------------------------------------------------ page sections


def key_findings(measures: pd.DataFrame, audit: pd.DataFrame, allocations: pd.DataFrame,
                 s: A.MeasureSummary | None = None, lang: str = "en") -> str:  # fmt: skip
    """The measures page's key findings as a Markdown list, every number from the data."""
    s = s or A.summary(measures)
    allocated = _one(audit_money(audit, lang), "allocated")
    return prose.render(
        "measures/key_findings", lang, s=s, funded=_counted(s.by_hub[list(FUNDED_HUBS)], lang),
        red_lines=_counted(s.by_red_line, lang), kinds=_counted(s.by_displacement_kind, lang, only_positive=True),
        related_kinds=_counted(s.by_related_kind, lang, only_positive=True),
        statuses=_counted(s.by_status, lang, only_positive=True), balance=red_lines_sentence(s, lang=lang),
        allocated=allocated, money=structural_text(structural_money(allocations), lang),
    )  # fmt: skip


def _one(money: pd.DataFrame, metric: str) -> pd.Series:
    rows = money[money["metric"] == metric]
    if len(rows) != 1:
        raise ValueError(f"audit data: expected one {metric!r} figure, found {len(rows)}")
    return rows.iloc[0]


def start_years(measures: pd.DataFrame, s: A.MeasureSummary | None = None, lang: str = "en") -> str:
    """The paragraph under the timeline: how many measures are dated, and from which year to which."""
    s = s or A.summary(measures)
    dots = A.dated(measures)
    first, last = (int(dots["start_year"].min()), int(dots["start_year"].max())) if len(dots) else (None, None)
    return prose.render("measures/start_years", lang, s=s, first=first, last=last)


def record(measures: pd.DataFrame, audit: pd.DataFrame, sources: pd.DataFrame, s: A.MeasureSummary | None = None,
           lang: str = "en", *, fold: bool = False) -> str:  # fmt: skip
    """What the public record says about results, money and monitoring, with the Court of Audit's sentences."""
    from mainports_analysis.report.findings import audit_sentence

    s = s or A.summary(measures)
    money = audit_money(audit, lang)
    claim = A.note_quote(measures, "vruchten lijken af te werpen")
    row = measures.set_index(measures["measure_id"].astype(str))
    memo = row.loc["ov-monitoring-verplaatsing"]
    implemented = int(s.by_status[["in_force", "completed"]].sum())
    link = lambda src: source_link(src, lang, fmt="markdown")  # noqa: E731 - one formatter for three sources
    return _fold_markdown(prose.render(
        "measures/record", lang, s=s, implemented=implemented, claim=claim["quote"], claim_link=link(row.loc[claim["id"]]),
        audit_link=link(source_of(sources, audit["source_id"].iloc[0])), allocated=_one(money, "allocated"),
        received=_one(money, "received"), unspent=_one(money, "unspent"), unspent_share=unspent_share(audit),
        spent_on=audit_sentence(audit, "uitgegeven"), baseline=audit_sentence(audit, "nulmeting"),
        unknown_effect=audit_sentence(audit, "daadwerkelijk"), memo_quote=memo["quote"], memo_link=link(memo),
    ), "record", lang, fold)  # fmt: skip


def findings(measures: pd.DataFrame, s: A.MeasureSummary | None = None, lang: str = "en") -> str:
    """The page's numbered findings: unevenness across hubs, red lines, displacement aims, timing, effect."""
    s = s or A.summary(measures)
    funded = s.by_hub[list(FUNDED_HUBS)].sort_values(ascending=False, kind="mergesort")
    largest = A.top(s.by_hub)
    return prose.render(
        "measures/findings", lang, s=s, n_funded=len(FUNDED_HUBS), largest=[measure_label(h, lang).lower() for h in largest],
        n_largest=int(s.by_hub[largest[0]]), most=[measure_label(h, lang) for h, n in funded.items() if n == funded.max()],
        fewest=[measure_label(h, lang) for h, n in funded.items() if n == funded.min()], n_most=int(funded.max()),
        n_fewest=int(funded.min()), balance=red_lines_sentence(s, bold=True, lang=lang),
        share=s.displacement / s.n, where=displacement_where(measures, lang=lang),
        not_implemented=s.n - int(s.by_status[["in_force", "completed"]].sum()),
    )  # fmt: skip


def caveats(measures: pd.DataFrame, sources: pd.DataFrame, audit: pd.DataFrame, s: A.MeasureSummary | None = None,
            lang: str = "en", *, fold: bool = False) -> str:  # fmt: skip
    """The page's caveats: double counting (with the count without focus areas), coding, dates, sources."""
    s = s or A.summary(measures)
    links = A.related(measures)
    focus_links = links[links["measure_id"].isin(measures.loc[A.is_focus_area(measures), "measure_id"])]
    no_copy = measures[measures["url"].fillna("").astype(str).str.strip() == ""]
    docs = [source_of(sources, sid) for sid in sorted(set(no_copy["source_id"].astype(str)))]
    lean = A.without_focus_areas(measures)
    audit_src = source_of(sources, audit["source_id"].iloc[0])
    return _fold_markdown(prose.render(
        "measures/caveats", lang, s=s, focus_areas_linked=int(focus_links["measure_id"].nunique()),
        later_steps=len(focus_links), lean=len(lean), lean_lines=_counted(A.count_by(lean).sum(), lang),
        rule=start_year_rule(lang), no_copy=len(no_copy), docs=[{"title": d["title"], "published": d["published"]} for d in docs],
        low=int((measures["quality"].astype(str) == "low").sum()), audit_source=audit_src,
        audit_reason=str(audit_src["quality_reason"]).rstrip("."),
    ), "caveats", lang, fold)  # fmt: skip
