"""The Data & sources page: data sets, where sources disagree, rulings, sources, and source sensitivity.

Every table and sentence of ``pages/data.ipynb``, so that the notebook is a list of calls. Links go to
the publisher's own page (``url``); the copy actually read (``read_via``) is shown beside it as text,
never as the main link (:mod:`mainports_analysis.data.quality`).
"""

from __future__ import annotations

import html

import pandas as pd
from IPython.display import HTML

from mainports_analysis.data import rulings, schemas
from mainports_analysis.data.load import preferred_rows
from mainports_analysis.data.quality import host_of
from mainports_analysis.report import labels
from mainports_analysis.report.prose import render
from mainports_analysis.report.source_sensitivity import findings_by_quality
from mainports_analysis.report.tables import fmt_number, html_table, link

QUALITY_LEVELS = ("high", "medium", "low")


def folded(summary: str, table: HTML) -> HTML:
    """A long table behind a summary line the reader can open (a ``<details>`` element)."""
    return HTML(f"<details><summary>{html.escape(summary)}</summary>{table.data}</details>")


#: Derived downloads beside the clean raw files (written by :mod:`mainports_analysis.data.products.downloads`).
DERIVED = (
    ("series", "The series the analyses use: one value per place, year and counting system, with the record, "
               "source, quote and the rule that chose it."),
    ("dictionary", "Data dictionary: every column of every download, with its type, unit and meaning."),
)


def datasets(data: dict[str, pd.DataFrame]) -> HTML:
    """The clean data sets offered for download, with their row and column counts, then the derived files."""
    from mainports_analysis.data.products.downloads import export_frames

    frames = export_frames()
    rows = [{"data set": link(f"../downloads/{r.name}.csv", f"{r.name}.csv"), "contents": r.description,
             "rows": len(data[r.name]) if r.name in data else None, "columns": len(r.fields)}
            for r in schemas.RESOURCES]
    rows += [{"data set": link(f"../downloads/{name}.csv", f"{name}.csv"), "contents": what,
              "rows": len(frames[name]), "columns": len(frames[name].columns)} for name, what in DERIVED]
    return html_table(pd.DataFrame(rows), formats={"rows": fmt_number(0), "columns": fmt_number(0)},
                      html_columns=("data set",),
                      caption="Clean data sets (CSV, UTF-8). Licence: CC BY 4.0 for the compilation; quotes remain the publishers'.")


def _choices(data: dict[str, pd.DataFrame]) -> pd.DataFrame:
    return pd.DataFrame(preferred_rows(data["seizures"]).attrs["choices"])


def conflicts_summary(data: dict[str, pd.DataFrame]) -> str:
    """How many series-years have more than one published figure, and in how many they differ (Markdown)."""
    choices = _choices(data)
    fy = choices[choices["period"].astype(str) == "FY"]
    return render("data_page/conflicts", "en", series_years=len(choices), whole_years=len(fy),
                  differ=int((fy["min"] != fy["max"]).sum()))


def conflicts(data: dict[str, pd.DataFrame]) -> HTML:
    """The whole-year figures where sources disagree: the figure used beside the others, folded."""
    choices = _choices(data)
    fy = choices[choices["period"].astype(str) == "FY"]
    differ = fy[fy["min"] != fy["max"]].copy()
    differ["spread"] = (differ["max"] - differ["min"]) / differ["max"]
    values = data["seizures"].set_index("record_id")["quantity"]
    differ["other published figures"] = [", ".join(f"{values[a.split('=')[0]]:,.0f}" for a in alts.split("; "))
                                         for alts in differ["alternatives"]]
    table = differ.assign(place=differ["location"].astype(str).map(labels.place),
                          measure=differ["metric"].astype(str).map(lambda m: labels.of("metric", m)),
                          system=differ["series"].astype(str).map(labels.series))
    table = table.sort_values(["place", "measure", "year"])[
        ["place", "year", "measure", "system", "chosen_value", "other published figures", "spread", "chosen"]]
    shown = html_table(table.rename(columns={"system": "counting system", "chosen_value": "figure used", "chosen": "record used"}),
                       formats={"figure used": fmt_number(0), "spread": lambda v: f"{100 * v:.0f}%"},
                       caption="The figure used and the other published figures (kg or count); spread: (highest − lowest) / highest.")
    return folded(f"Show the {len(table)} whole-year figures where sources disagree", shown)


def rulings_html(data: dict[str, pd.DataFrame]) -> HTML:
    """The rulings on single figures (out of scope, preferred), with their reasons, in kilograms."""
    r = rulings.rulings_table(data["seizures"])
    kg = r["unit"].isin(["kg", "t"])
    r["figure"] = [f"{v * (1000 if u == 't' else 1):,.0f} kg" if m else f"{v:,.0f}"
                   for v, u, m in zip(r["value"], r["unit"], kg, strict=True)]
    r = r.assign(place=r["location"].astype(str).map(labels.place),
                 measure=r["metric"].astype(str).map(lambda m: labels.of("metric", m)))
    return html_table(r[["ruling", "place", "year", "measure", "figure", "reason"]],
                      caption="Rulings on single figures (mainports_analysis.data.rulings); the record ids are in the clean CSV downloads.")


def sources_summary(data: dict[str, pd.DataFrame]) -> str:
    """How many sources, by rating, and how many could be linked to the publisher's own page (Markdown)."""
    s = data["sources"]
    counts = s["quality"].astype(str).value_counts().reindex(QUALITY_LEVELS, fill_value=0)
    linked = int(s["url"].fillna("").astype(str).str.strip().ne("").sum())
    read_via = int(s["read_via"].fillna("").astype(str).str.strip().ne("").sum()) if "read_via" in s else 0
    return render("data_page/sources", "en", total=len(s), counts=[(q, int(n)) for q, n in counts.items()],
                  linked=linked, unlinked=len(s) - linked, read_via=read_via)


def sources_html(data: dict[str, pd.DataFrame]) -> HTML:
    """Every source: publisher, title (linked to the publisher's page where known), date, rating, copy read."""
    s = data["sources"].sort_values(["publisher", "published"]).copy()
    s["title"] = [link(u, t) for u, t in zip(s["url"], s["title"], strict=True)]
    via = s["read_via"] if "read_via" in s else pd.Series("", index=s.index)
    s["copy read"] = [host_of(v) if v else "" for v in via.fillna("").astype(str)]  # the full address: sources.csv
    columns = ["publisher", "title", "published", "quality", "quality_reason", "copy read", "source_id"]
    shown = html_table(s[columns].fillna("").rename(columns={"quality_reason": "why this rating", "source_id": "id"}),
                       html_columns=("title",),
                       caption="All sources cited in the data. The title links to the publisher's own page; where that "
                               "address could not be established there is no link, and 'copy read' names the site of the copy "
                               "the quote was taken from (not a link; its full address is in sources.csv).")
    return folded(f"Show all {len(s)} sources", shown)


def source_sensitivity(data: dict[str, pd.DataFrame]) -> pd.DataFrame:
    """The key findings on all sources and on high-quality sources only (computed once for the page)."""
    return findings_by_quality(data)


def sensitivity_summary(t: pd.DataFrame) -> str:
    """Which key findings hold, change or become uncomputable on high-quality sources alone (Markdown)."""
    counts = t["status"].value_counts()
    return render("data_page/sensitivity", "en", total=len(t), holds=int(counts.get("holds", 0)),
                  changes=int(counts.get("changes", 0)), uncomputable=int(counts.get("uncomputable", 0)),
                  rows_all=int(t["rows_all"].iloc[0]), rows_kept=int(t["rows_restricted"].iloc[0]))


def sensitivity_html(t: pd.DataFrame) -> HTML:
    """Each key finding on all sources beside the same finding on high-quality sources only."""
    t = t.assign(finding=[link(f"../{p.replace('.ipynb', '.html')}", k.replace("_", " ")) for k, p in zip(t["key"], t["page"], strict=True)])
    return html_table(t[["finding", "status", "all_sources", "restricted"]].rename(
        columns={"all_sources": "on all sources", "restricted": "on high-quality sources only"}),
        html_columns=("finding",),
        caption="Key findings recomputed from the figures of high-quality sources only (official releases and news agencies).")
