"""Sections of the waterbed page (notebooks/03_displacement) and its technical appendix (pages/waterbed_appendix).

The notebooks stay thin (one call per cell): this module loads the data once into a :class:`Page`, draws each
figure with :mod:`mainports_analysis.report.charts.waterbed` and builds each folded table and paragraph. The
numbers come from :mod:`mainports_analysis.analysis.waterbed`; paragraphs are worded by the templates under
``templates/en/waterbed_page/``. Methods: weighted displacement quotient (Bowers & Johnson 2003), weighted
displacement difference (Wheeler & Ratcliffe 2018), minimum detectable change (Bloom 1995), segmented
regression (Wagner et al. 2002). Weights are kilograms of cocaine seized unless a column says tonnes.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import pandas as pd

from mainports_analysis import load_all
from mainports_analysis.analysis import waterbed
from mainports_analysis.report import findings
from mainports_analysis.report.charts import waterbed as charts
from mainports_analysis.report.charts.style import folded, label, source_text, use_style
from mainports_analysis.report.findings import waterbed as wf
from mainports_analysis.report.prose import render
from mainports_analysis.report.tables import fmt_number, html_table

#: Areas whose publishers the charts of both pages cite.
_AREAS = [waterbed.RESPONSE, *waterbed.BUFFERS, "eu_total", "it_total", "nl_total"]


@dataclass
class Page:
    """What both pages compute once: the data, the WDQ grid and the time-series fits (kilograms)."""

    data: dict
    seizures: pd.DataFrame
    grid: pd.DataFrame
    its_p: pd.DataFrame
    misspecified: bool
    its: pd.DataFrame
    profiles: pd.DataFrame
    mdc: pd.DataFrame
    detect_note: str
    areas_sources: str
    extra: dict[str, Any] = field(default_factory=dict)

    def __getattr__(self, name: str) -> Any:
        extra = self.__dict__.get("extra", {})
        if name in extra:
            return extra[name]
        raise AttributeError(name)


def detect_note(mdc: pd.DataFrame, lang: str = "en") -> str:
    """The detectable one-year rise (factor) per first-ring port, for the notes under the WDQ chart and table."""
    mdc_i = mdc.set_index("location")
    ports = [
        {"place": label(b), "ratio": mdc_i.loc[b, "ratio"] if mdc_i.loc[b, "usable"] else None}
        for b in waterbed.FIRST_RING
    ]
    return render("waterbed_page/detect_note", lang, ports=ports)


def _page(data: dict | None = None) -> Page:
    use_style()
    data = load_all() if data is None else data
    seizures = data["seizures"]
    its_p = waterbed.its_placebo(seizures)
    misspecified = waterbed.its_misspecified(its_p)
    mdc = waterbed.mdc_table(seizures)
    return Page(
        data=data,
        seizures=seizures,
        grid=waterbed.grid(seizures),
        its_p=its_p,
        misspecified=misspecified,
        its=waterbed.its_table(seizures, intervals=not misspecified).set_index(["location", "form"]),
        profiles=waterbed.port_profiles(seizures),
        mdc=mdc,
        detect_note=detect_note(mdc),
        areas_sources=source_text(waterbed.series_frame(seizures, _AREAS)),
    )


def displacement_page(data: dict | None = None) -> Page:
    """Everything notebooks/03_displacement reads: the shared page plus placebo readings, flow checks and Rotterdam's fall."""
    p = _page(data)
    p.extra.update(
        placebo=waterbed.placebo_readings(p.seizures),
        flow=waterbed.flow_or_detection(p.seizures, p.data["indicators"]),
        fall=waterbed.rotterdam_fall(p.seizures),
    )
    return p


def appendix_page(data: dict | None = None) -> Page:
    """Everything pages/waterbed_appendix reads: the shared page plus the design tables and the reading summary."""
    p = _page(data)
    p.extra.update(
        design=waterbed.design_tables(p.seizures), summary=waterbed.readings(p.grid).set_index("buffer")
    )
    return p


# ---- notebooks/03_displacement -------------------------------------------------------------------------------


def bottom_line(p: Page) -> str:
    """The answer in brief (Markdown)."""
    return findings.bottom_line(p.data, g=p.grid, placebo=p.placebo, mdc=p.mdc)


def key_findings(p: Page) -> str:
    """The key findings of the waterbed page (Markdown)."""
    return wf.waterbed_findings(
        p.seizures,
        p.grid,
        p.its,
        placebo=p.placebo,
        mdc=p.mdc,
        its_p=p.its_p,
        profiles=p.profiles,
        flow=p.flow,
    )


def placebo_figure(p: Page):
    """The real WDQ readings beside the placebo readings in time and space."""
    rates = waterbed.placebo_rates(p.placebo).set_index("kind")
    return charts.placebo_chart(
        waterbed.base(p.grid),
        p.placebo,
        title=(
            f"With no intervention the quotient reads displacement in {findings.pct(rates.loc['time', 'rate'])} of comparisons "
            f"before the approach and {findings.pct(rates.loc['space', 'rate'])} at untreated ports"
        ),
        source=f"{p.areas_sources}; method: Bowers & Johnson (2003)",
        note=(
            "Top rows: the real comparisons (Vlissingen and the North Sea Canal ports, then Antwerp); placebo in time: fake start "
            "years before 2022; placebo in space: untreated ports as response. Preferred figures, kilograms; values beyond ±4 at ±4."
        ),
    )


def placebo_csv(p: Page) -> pd.DataFrame:
    """The placebo readings for download (without the list columns)."""
    return p.placebo.drop(columns=["before_years", "after_years"])


def detectability_figure(p: Page):
    """The smallest detectable one-year rise per port (tonnes, log scale) against Rotterdam's fall."""
    mdc, fall = p.mdc, p.fall
    ok = mdc[mdc["usable"]]
    floor = (
        ok[ok["location"] != waterbed.RESPONSE].sort_values("kg").iloc[0]
        if (ok["location"] != waterbed.RESPONSE).any()
        else None
    )
    return charts.detectability_chart(
        mdc,
        fall_kg=fall["fall"],
        title=(
            f"The best buffer series ({label(floor['location'])}) could not detect a rise smaller than "
            f"{findings.tonnes(floor['kg'], decimals=0)} a year; Rotterdam fell {findings.tonnes(fall['fall'], decimals=0)}"
            if floor is not None
            else f"No buffer series is long enough to size a detectable rise; Rotterdam fell {findings.tonnes(fall['fall'])}"
        ),
        source=p.areas_sources,
        note=(
            f"80% power, 5% two-sided, from the annual log changes before {waterbed.START}; a series needs at least "
            f"{waterbed.MIN_CHANGES} of them. Rotterdam's fall: {'–'.join(map(str, fall['base_years']))} mean to {fall['last_year']}."
        ),
    )


def mdc_section(p: Page):
    """The folded table of the minimum detectable change per port (factor and tonnes a year)."""
    mdc = p.mdc
    m = mdc.assign(
        place=mdc["location"].map(label),
        years=[
            f"{int(a)}–{int(b)}" if a == a else "" for a, b in zip(mdc["first"], mdc["last"], strict=True)
        ],
    )
    m["treatment"] = m["treatment"].str.replace("_", " ")
    m["kg"] = m["kg"] / 1000
    m["base_level"] = m["base_level"] / 1000
    return folded(
        html_table(
            m[
                [
                    "place",
                    "treatment",
                    "basis",
                    "years",
                    "n",
                    "sigma",
                    "ratio",
                    "kg",
                    "base_year",
                    "base_level",
                    "note",
                ]
            ].rename(
                columns={
                    "basis": "variability from",
                    "n": "changes",
                    "sigma": "sd of log change",
                    "ratio": "detectable rise (factor)",
                    "kg": "detectable rise (t a year)",
                    "base_year": "level year",
                    "base_level": "level (t)",
                }
            ),
            formats={
                "sd of log change": fmt_number(2),
                "detectable rise (factor)": fmt_number(1),
                "detectable rise (t a year)": fmt_number(0),
                "level (t)": fmt_number(1),
                "changes": fmt_number(0),
                "level year": lambda v: "" if v != v else str(int(v)),
            },
            caption=f"Detectable rise relative to the last pre-approach level. With fewer than {waterbed.MIN_CHANGES} changes the t multiplier explodes: too short to size.",
        ),
        "Minimum detectable change per port (table)",
    )


def flow_section(p: Page):
    """The folded table of what each series says about less flow or less detection."""
    return folded(
        html_table(
            wf.flow_table(p.flow),
            caption="Change from the last year before the approach with a figure to the latest year.",
        ),
        "Less flow or less detection: what each series says (table)",
    )


def rival_section(p: Page):
    """The folded table of rival readings of Rotterdam's fall."""
    return folded(
        html_table(
            findings.rival_readings(p.data, p.grid, placebo=p.placebo),
            caption="Every number and verdict is computed from the data of this briefing.",
        ),
        "Rival readings side by side (table)",
    )


def wdq_section(p: Page):
    """The folded WDQ matrix: first-ring ports per window (rows) and control (columns)."""
    m = waterbed.wdq_matrix(p.grid)
    unreadable = m.attrs["unreadable"]
    m = m.reset_index()
    m["buffer"] = m["buffer"].map(label)
    m = m.rename(
        columns={"buffer": "buffer port", **{c: waterbed.CONTROLS[c].label for c in waterbed.CONTROLS}}
    )
    return folded(
        html_table(
            m,
            formats={waterbed.CONTROLS[c].label: fmt_number(2) for c in waterbed.CONTROLS},
            caption=f"A dash: not computable (a year not published) or not readable (Rotterdam did not clearly fall against that control). "
            f"Not shown: {unreadable} buffer-window rows that no control can read. {p.detect_note}",
        ),
        "WDQ per window and control (table)",
    )


def other_entry_figure(p: Page) -> pd.DataFrame:
    """National totals of the other entry countries; returns the chart's data for download."""
    _fig, wider = charts.other_entry_chart(
        p.seizures, base_year=waterbed.START - 1, first_year=waterbed.START - 6
    )
    return wider


def caveats(p: Page, lang: str = "en") -> str:
    """The caveats of the waterbed page (Markdown list)."""
    controls_end = max(
        int(waterbed.series_frame(p.seizures, [c])["year"].max()) for c in ("eu_total", "it_total")
    )
    return render("waterbed_page/caveats", lang, controls_end=controls_end)


# ---- pages/waterbed_appendix -------------------------------------------------------------------------------------


def indexed_figure(p: Page) -> pd.DataFrame:
    """Rotterdam, Vlissingen, Antwerp and the EU indexed to the year before the approach; returns the index for download."""
    base_year = waterbed.START - 1
    show = [waterbed.RESPONSE, "vlissingen", "antwerp", "eu_total"]
    idx = waterbed.indexed(waterbed.long_values(p.seizures, show), base_years=[base_year])
    idx = idx[idx["year"] >= base_year - 4]
    last = {
        loc: g.dropna(subset=["index"]).iloc[-1] for loc, g in idx.sort_values("year").groupby("location")
    }
    title = "; ".join(
        f"{label(loc)} {last[loc]['index']:.0f} in {int(last[loc]['year'])}" for loc in show if loc in last
    )
    charts.indexed_chart(
        idx,
        order=show,
        title=f"Against {base_year} = 100: {title}",
        unit=f"index of kilograms seized, {base_year} = 100",
        source=p.areas_sources,
    )
    return idx


def design_section(p: Page, which: str):
    """One folded design table: ``areas``, ``controls`` or ``windows``."""
    texts = {
        "areas": (
            "Kilograms of cocaine seized; years without a published figure are gaps. Source: Data & sources.",
            "Areas, treatment and published years (table)",
        ),
        "controls": (
            "The EU totals are published by the EUDA; the 'no control' row compares raw changes.",
            "Controls and what they still contain (table)",
        ),
        "windows": (
            "Windows of unequal length are compared as yearly means.",
            "Before and after windows (table)",
        ),
    }
    if which not in texts:
        raise KeyError(f"no design table {which!r}; choose one of {', '.join(texts)}")
    caption, summary = texts[which]
    return folded(html_table(p.design[which], caption=caption), summary)


def wdd_paragraph(p: Page, lang: str = "en") -> str:
    """Why the weighted displacement difference is (not) read: the controls' size relative to Rotterdam."""
    wdd = waterbed.base(p.grid)
    wdd = wdd[wdd["computable"] & (wdd["control"] != "none")]
    lo, hi = waterbed.WDD_SCALE
    return render(
        "waterbed_page/wdd",
        lang,
        scale_min=wdd["control_scale"].min(),
        scale_max=wdd["control_scale"].max(),
        shown=int(wdd["wdd_shown"].sum()) if wdd["wdd_shown"].any() else 0,
        lo=lo,
        hi=hi,
    )


def sensitivity_figure(p: Page):
    """The WDQ of every readable window and control per buffer port."""
    summary = p.summary
    rows_mixed = [b for b, r in summary.iterrows() if r["displacement_total"] and r["diffusion_total"]]
    rows_up = [
        wf.port_name(b) for b, r in summary.iterrows() if r["displacement_total"] and not r["diffusion_total"]
    ]
    return charts.sensitivity_chart(
        p.grid,
        title=(
            (f"Every readable cell rises at {findings.and_list(rows_up)}; " if rows_up else "")
            + f"the readings flip with the years and the control at {findings.count_word(len(rows_mixed))} "
            + ("other " if rows_up else "")
            + "ports"
        ),
        source=f"{p.areas_sources}; method: Bowers & Johnson (2003)",
        note=f"Only readable cells are drawn: a year not published, or no clear fall in Rotterdam, leaves a cell out. {p.detect_note}",
    )


def grid_csv(p: Page) -> pd.DataFrame:
    """The full displacement grid for download (without the list columns)."""
    return p.grid.drop(columns=["before_years", "after_years"])


def sensitivity_section(p: Page):
    """The folded table of how the first-ring ports read under each choice."""
    sens = waterbed.sensitivity_summary(p.grid)
    sens["buffer"] = sens["buffer"].map(label)
    return folded(
        html_table(
            sens.rename(columns={"buffer": "buffer port"}),
            caption="Readable window × control cells per choice, and how they read (displacement: the port rose against Rotterdam's fall).",
        ),
        "Readings per data reading, scale, threshold and baseline (table)",
    )


def counting_paragraph(p: Page, lang: str = "en") -> str:
    """How the readings hold under the lowest/highest figures and the Customs series for Vlissingen (cell counts)."""
    agree = waterbed.bound_agreement(p.grid).set_index("buffer")
    v_c = waterbed.counting_check(p.grid, waterbed.COUNTING).set_index("buffer").loc["vlissingen"]
    return render(
        "waterbed_page/counting",
        lang,
        same=int(agree["same"].sum()),
        comparable=int(agree["comparable"].sum()),
        variant=int(v_c["variant_computable"]),
        both=int(v_c["both"]),
        same_direction=int(v_c["same_direction"]),
    )


def profile_figure(p: Page):
    """Rotterdam's break-year profile on kilograms and logs."""
    best = p.profiles[p.profiles["best"]].set_index(["location", "scale"])["start"]
    rb_kg, rb_log = int(best[("rotterdam", "kg")]), int(best[("rotterdam", "log")])
    return charts.profile_chart(
        p.profiles,
        location=waterbed.RESPONSE,
        title=(
            f"Rotterdam's break fits best in {rb_kg}"
            + (" on kilograms and logs alike" if rb_kg == rb_log else f" on kilograms and {rb_log} on logs")
            + (f", before the approach ({waterbed.START})" if max(rb_kg, rb_log) < waterbed.START else "")
        ),
        source=source_text(waterbed.series_frame(p.seizures, [waterbed.RESPONSE])),
        note="Segmented OLS at every start with at least two years on each side.",
    )


def its_section(p: Page):
    """The folded table of segmented regressions per port and form (plain rows in tonnes)."""
    tab = waterbed.its_table(p.seizures, intervals=not p.misspecified)
    tab["port"] = [
        label(loc) + (" (customs)" if "customs" in q else "")
        for loc, q in zip(tab["location"], tab["port"], strict=True)
    ]
    kg = tab["unit"] == "kg"
    for col in ["slope_change", "ols_low", "ols_high", "level_change", "pre_slope"]:
        tab.loc[kg, col] = tab.loc[kg, col] / 1000
    tab["unit"] = tab["unit"].replace({"kg": "tonnes"})
    tab["years"] = [f"{int(r.first)}–{int(r.last)}" if r.first == r.first else "" for r in tab.itertuples()]
    tab["points"] = [
        f"{int(r.n_pre)} / {int(r.n_post)}" if r.n_pre == r.n_pre else "" for r in tab.itertuples()
    ]
    cols = {
        "port": "port",
        "form": "form",
        "unit": "unit",
        "years": "years",
        "points": "years before / from start",
        "pre_slope": "trend before (per year)",
        "slope_change": "slope change (per year)",
        "ols_low": "OLS 95% low",
        "ols_high": "OLS 95% high",
        "note": "note",
    }
    return folded(
        html_table(
            tab[list(cols)].rename(columns=cols),
            formats={
                v: fmt_number(2)
                for k, v in cols.items()
                if k in ("pre_slope", "slope_change", "ols_low", "ols_high")
            },
            caption=(
                "Intervals withheld: fake breaks before the approach are 'significant' more often than chance allows. "
                if p.misspecified
                else ""
            )
            + "Plain rows in tonnes; log rows in log kilograms (slope change: change in yearly growth); indexed rows in index "
            "points of the port's own 2020–2021 level; controlled rows: that index minus the EU total's.",
        ),
        "Segmented regressions per port and form (table)",
    )


def half_year_paragraph(p: Page, lang: str = "en") -> str:
    """The half-year segmented regressions (log points a year), or which ports have no half year before the start."""
    hy = waterbed.half_year_its(p.seizures)
    ok_h = hy[hy["slope_change"].notna()]
    nope = hy[hy["slope_change"].isna()]
    fitted = [
        {
            "place": label(r.location),
            "points": r.points,
            "first": r.first,
            "last": r.last,
            "slope_change": r.slope_change,
        }
        for r in ok_h.itertuples()
    ]
    no_pre = [label(r.location) for r in nope.itertuples() if r.n_pre == 0]
    return render(
        "waterbed_page/half_years",
        lang,
        fitted=fitted,
        no_pre=no_pre,
        sep=bool(len(ok_h) and len(nope)),
        start=waterbed.START,
        misspecified=p.misspecified,
    )


def its_figure(p: Page) -> dict[str, pd.DataFrame]:
    """Rotterdam's and Antwerp's fitted segmented trends; returns the fits per location."""
    fits = {loc: waterbed.port_its(p.seizures, location=loc).fitted for loc in (waterbed.RESPONSE, "antwerp")}
    rl, al = p.its.loc[("rotterdam", "log"), "slope_change"], p.its.loc[("antwerp", "log"), "slope_change"]
    charts.its_chart(
        fits,
        title=(
            (
                "On logs, Rotterdam's and Antwerp's trends broke by similar proportions at the start "
                if rl < 0 and al < 0 and 0.5 <= rl / al <= 2
                else "On logs, Rotterdam's and Antwerp's trends changed at the start "
            )
            + f"({findings.number(rl)} and {findings.number(al)} log points a year)"
        ),
        source=source_text(waterbed.series_frame(p.seizures, [waterbed.RESPONSE, "antwerp"])),
        note="Drawn in tonnes; the comparison in the title is on log kilograms (proportional change). Straight-line pre-start trends.",
    )
    return fits


def its_fits_csv(fits: dict[str, pd.DataFrame]) -> pd.DataFrame:
    """The fitted segmented trends, one block per port, for download."""
    return pd.concat({label(k): v for k, v in fits.items()}, names=["port"]).reset_index()


def shares_figure(p: Page):
    """Rotterdam's, Antwerp's and Vlissingen's shares of their combined seizures."""
    sh = waterbed.range_shares(p.seizures)
    comp = sh[sh["complete"]]
    first_y, last_y = int(comp["year"].min()), int(comp["year"].max())
    s0 = comp[comp["year"] == first_y].set_index("location")["share"]
    s1 = comp[comp["year"] == last_y].set_index("location")["share"]
    return charts.shares_chart(
        sh,
        title=(
            f"Rotterdam's share of the three ports went from {findings.pct(s0['rotterdam'])} ({first_y}) to "
            f"{findings.pct(s1['rotterdam'])} ({last_y})"
        ),
        source=source_text(waterbed.series_frame(p.seizures, list(waterbed.NORTH_SEA_RANGE))),
        note="Gaps: a year in which one of the three ports published no figure.",
    )


def monitoring_table(p: Page):
    """What displacement monitoring could detect per kind of data (simulated factor, 80 % power, 5 %)."""
    mon = waterbed.monitoring_blueprint(p.seizures, p.data["indicators"])
    inp = mon.attrs["inputs"]
    names = {
        "annual_kg": "annual kilograms per port",
        "quarterly_kg": "quarterly kilograms per port",
        "monthly_counts": "monthly seizure counts per port",
        "scan_hit_rates": "container-scan hit rates",
    }
    return html_table(
        mon.assign(design=mon["design"].map(names))[
            ["design", "points", "detectable_ratio", "today", "publisher"]
        ].rename(
            columns={
                "design": "data",
                "points": "points in 5 years",
                "detectable_ratio": "smallest detectable rise (factor)",
                "today": "published today?",
                "publisher": "who publishes or could publish it",
            }
        ),
        formats={"smallest detectable rise (factor)": fmt_number(2)},
        caption=(
            f"Inputs from the data: Rotterdam's yearly mean of {findings.tonnes(inp['level'])} ({'–'.join(map(str, waterbed.BASE_YEARS))}), "
            f"sd of annual log changes {inp['sigma_d']:.2f} before {waterbed.START}, {inp['events']:.1f} seizures a year "
            f"(published for {', '.join(map(str, inp['event_years']))}), {inp['checks']:.0f} containers checked for drugs "
            f"({inp['check_year']}); hit rate assumed equal to seizures over checks. {inp['sims']} simulations, fixed seed."
        ),
    )
