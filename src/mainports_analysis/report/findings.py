"""The key findings of the briefing, computed from the data, in English and Dutch.

The home page and the Samenvatting print these findings, and each analysis notebook prints the same
numbers from the same functions, so text and data cannot drift apart: nbval fails when a
re-execution changes a number, and a test checks that every number on the home page appears in the
notebook it links to. Nothing here is typed in: each sentence is a template filled from the data.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import pandas as pd

from mainports_analysis.analysis import metrics, waterbed
from mainports_analysis.data.registry import registry
from mainports_analysis.data.series import annual

FUNDED_SEAPORT_SERIES = {"rotterdam": "rotterdam", "zwb": "vlissingen", "nzkg": "nzkg_ports", "schiphol": "schiphol"}


# --------------------------------------------------------------------------------------------- formatting


def tonnes(kg: float, lang: str = "en", decimals: int = 1) -> str:
    """Kilograms as tonnes, printed the English (``70.6 t``) or Dutch (``70,6 ton``) way."""
    value = f"{kg / 1000:,.{decimals}f}".replace("-", "−")
    if lang == "nl":
        value = value.replace(",", "\x00").replace(".", ",").replace("\x00", ".")
        return f"{value} ton"
    return f"{value} t"


def pct(share: float, lang: str = "en", decimals: int = 0) -> str:
    """A share (0–1) as a percentage: ``57%`` / ``57%``, Dutch decimals with a comma."""
    value = f"{100 * share:.{decimals}f}"
    return (value.replace(".", ",") if lang == "nl" else value) + "%"


def eur_mln(amount: float, lang: str = "en") -> str:
    """An amount in EUR million: ``EUR 16.5 mln`` / ``€ 16,5 mln``."""
    value = f"{amount:,.2f}".rstrip("0").rstrip(".")
    if lang == "nl":
        value = value.replace(",", "\x00").replace(".", ",").replace("\x00", ".")
        return f"€ {value} mln"
    return f"EUR {value} mln"


def number(x: float, lang: str = "en", decimals: int = 2) -> str:
    """A plain number with the language's decimal separator."""
    value = f"{x:.{decimals}f}".replace("-", "−")
    return value.replace(".", ",") if lang == "nl" else value


#: Reader labels of the WDQ reading codes (:func:`mainports_analysis.analysis.displacement.wdq`).
READINGS_EN = {
    "displacement_larger_than_gain": "displacement larger than Rotterdam's fall",
    "displacement_smaller_than_gain": "displacement smaller than Rotterdam's fall",
    "neither": "neither displacement nor diffusion",
    "diffusion": "diffusion of benefits",
    "diffusion_larger_than_direct": "diffusion larger than Rotterdam's fall",
    "not_meaningful": "not readable: Rotterdam did not clearly fall against this control",
    "not_computed": "not computable: a year is not published",
}
READINGS_NL = {
    "displacement_larger_than_gain": "verplaatsing groter dan de daling in Rotterdam",
    "displacement_smaller_than_gain": "verplaatsing kleiner dan de daling in Rotterdam",
    "neither": "geen verplaatsing en geen uitstraling",
    "diffusion": "uitstraling van het effect",
    "diffusion_larger_than_direct": "uitstraling groter dan de daling in Rotterdam",
    "not_meaningful": "niet leesbaar: Rotterdam daalde niet duidelijk ten opzichte van deze controle",
    "not_computed": "niet te berekenen: een jaar is niet gepubliceerd",
}


def direction(change: float, lang: str, *, plural: bool = True) -> str:
    """The verb for a change: rose / fell / stayed the same (Dutch: stegen/steeg, daalden/daalde)."""
    if lang == "nl" and not plural:
        return "steeg" if change > 0 else ("daalde" if change < 0 else "bleef gelijk")
    if lang == "nl":
        return "stegen" if change > 0 else ("daalden" if change < 0 else "bleven gelijk")
    return "rose" if change > 0 else ("fell" if change < 0 else "stayed the same")


@dataclass(frozen=True)
class Finding:
    """One key finding: where it comes from, and its sentence in English and Dutch."""

    key: str
    page: str  # the notebook that shows the analysis behind it (relative to the site root)
    heading_en: str
    heading_nl: str
    text_en: str
    text_nl: str
    numbers: dict = field(default_factory=dict)
    #: One sentence for the home page (the analysis page shows the full text); falls back to it.
    short_en: str = ""
    short_nl: str = ""

    def text(self, lang: str = "en") -> str:
        return self.text_nl if lang == "nl" else self.text_en

    def short(self, lang: str = "en") -> str:
        return (self.short_nl if lang == "nl" else self.short_en) or self.text(lang)

    def heading(self, lang: str = "en") -> str:
        return self.heading_nl if lang == "nl" else self.heading_en


# ---------------------------------------------------------------------------------------------- computing


def kg_series(seizures: pd.DataFrame, locations: list[str]) -> pd.DataFrame:
    """Preferred annual kilograms per location (years as rows); the basis of every seizure finding."""
    a = annual(seizures, metric="cocaine_kg", locations=locations)
    return a.pivot(index="year", columns="location", values="value").reindex(columns=locations)


def last_complete_year(frame: pd.DataFrame, columns: list[str], *, before: int | None = None) -> int:
    """The latest year in which every column has a figure (optionally before a given year)."""
    ok = frame[columns].dropna()
    years = [int(y) for y in ok.index if before is None or y < before]
    if not years:
        raise ValueError(f"no year with figures for all of {columns}")
    return max(years)


# ------------------------------------------------------------------ money beside the problem (issue 4)
#
# Helpers of :func:`money`: which years count as "before" and "after", the per-hub series of each
# measure of the problem (kilograms, seizure events, extractor arrests, container traffic), and their
# window means and shares. The same objects feed notebook 01, so the key finding and the page agree.

#: Measures of "the problem" per hub in ``seizures.csv``; container traffic comes from ``throughput.csv``.
HUB_MEASURES = {
    "cocaine_kg": "cocaine seized (kg)",
    "cocaine_seizures": "cocaine seizure events",
    "drug_seizures": "drug seizure events (all drugs)",
    "extractor_arrests": "extractor arrests",
}
def signed_pct(change: float, lang: str = "en", decimals: int = 0) -> str:
    """A relative change as a signed percentage with a true minus sign: ``−79%``, ``+30%``."""
    text = pct(abs(change), lang, decimals)
    if text.strip("0,.%") == "":
        return text
    return ("−" if change < 0 else "+") + text


def years_text(years) -> str:
    """Years as a range when consecutive (``2019–2021``), else listed (``2019, 2021``); ``none`` if empty."""
    ys = sorted(int(y) for y in years)
    if not ys:
        return "none"
    if len(ys) == 1:
        return str(ys[0])
    if ys == list(range(ys[0], ys[-1] + 1)):
        return f"{ys[0]}–{ys[-1]}"
    return ", ".join(map(str, ys))


NUMBER_WORDS = {"en": ("zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten"),
                "nl": ("nul", "een", "twee", "drie", "vier", "vijf", "zes", "zeven", "acht", "negen", "tien")}


def count_word(n: int, lang: str = "en") -> str:
    """A small count in words (``four`` / ``vier``), digits from eleven on."""
    words = NUMBER_WORDS["nl" if lang == "nl" else "en"]
    return words[n] if 0 <= n < len(words) else str(n)


def and_list(items, lang: str = "en") -> str:
    """``a``, ``a and b``, ``a, b and c`` (Dutch: ``en``)."""
    items = [str(i) for i in items]
    word = " en " if lang == "nl" else " and "
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + word + items[-1] if items else ""


MONTHS = {"en": ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
                  "November", "December"),
          "nl": ("januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september", "oktober",
                 "november", "december")}  # fmt: skip


def month_year(date: str, lang: str = "en") -> str:
    """A publication date ``YYYY[-MM[-DD]]`` as ``May 2024`` / ``mei 2024`` (the year alone without a month)."""
    parts = str(date).split("-")
    if len(parts) >= 2 and parts[1].isdigit():
        return f"{MONTHS['nl' if lang == 'nl' else 'en'][int(parts[1]) - 1]} {parts[0]}"
    return parts[0]


def money_years(allocations: pd.DataFrame) -> dict[str, int]:
    """First year of the mainports money: ``incidental``, structural ``ramp_up`` and the ``full`` recurring amount.

    The structural money ramps up from its first year to the full amount, which applies every year
    from ``full`` on; the briefing uses these two years wherever it speaks of "structural money".
    """
    mp = allocations[allocations["programme"].astype(str) == "mainports"]
    kind = mp["kind"].astype(str)
    first = lambda years: int(years.min()) if len(years) else None  # noqa: E731 - None: no such money in the data
    return {"incidental": first(mp.loc[kind == "incidental", "year"]), "ramp_up": first(mp.loc[kind == "structural", "year"]),
            "full": first(mp.loc[mp["recurring"].astype(bool), "year"])}


def hub_series(seizures: pd.DataFrame, metric: str, *, hubs=None) -> pd.DataFrame:
    """Years × funded hubs of one seizure metric, from the hub's location in :data:`FUNDED_SEAPORT_SERIES`.

    A hub without a location there (the flower auctions) or without figures for the metric is an
    all-NaN column: it stays in the frame so that every table names it.
    """
    from mainports_analysis.data.registry import FUNDED_HUBS

    hubs = list(hubs or FUNDED_HUBS)
    locs = [FUNDED_SEAPORT_SERIES[h] for h in hubs if h in FUNDED_SEAPORT_SERIES]
    a = annual(seizures, metric=metric, locations=locs)
    wide = a.pivot(index="year", columns="location", values="value") if len(a) else pd.DataFrame()
    back = {loc: hub for hub, loc in FUNDED_SEAPORT_SERIES.items()}
    out = wide.rename(columns=back).reindex(columns=hubs)
    out.index = out.index.astype(int) if len(out) else pd.Index([], dtype=int)
    out.index.name = "year"
    out.attrs["series_used"] = {back[k]: v for k, v in a.attrs.get("series_used", {}).items()}
    return out


def hub_traffic(throughput: pd.DataFrame, *, metric: str = "teu", hubs=None) -> pd.DataFrame:
    """Years × funded hubs of a traffic metric, from the loader's preferred rows of the hub's locations.

    The throughput rows must be the preferred ones (``load_throughput(preferred=True)``); a hub-year
    with figures for more than one location (two scopes) is an error, never summed or picked silently.
    ``attrs["locations"]`` names the location behind each hub's figures (scopes differ: North Sea
    Port, for example, includes Ghent).
    """
    from mainports_analysis.data.registry import FUNDED_HUBS

    hubs = list(hubs or FUNDED_HUBS)
    t = throughput[(throughput["metric"].astype(str) == metric) & throughput["hub"].astype(str).isin(hubs)]
    dup = t.groupby(["hub", "year"], observed=True)["location"].nunique()
    if (dup > 1).any() or t.duplicated(["location", "year", "metric"]).any():
        raise ValueError(f"throughput: more than one {metric} figure for a hub-year; pass the preferred rows "
                         f"(load_throughput(preferred=True)): {dup[dup > 1].index.tolist()}")
    wide = t.pivot_table(index="year", columns="hub", values="quantity", aggfunc="first", observed=True)
    out = wide.reindex(columns=hubs)
    out.columns = pd.Index([str(c) for c in out.columns])
    out.index.name = "year"
    out.attrs["locations"] = {str(h): sorted(set(t.loc[t["hub"].astype(str) == h, "location"].astype(str))) for h in hubs}
    return out


@dataclass(frozen=True)
class HubComparison:
    """Funds per hub beside the problem per hub, over a before and an after window.

    ``long`` has one row per hub × seizure measure × window: ``mean`` (window mean over the years
    with a figure), ``n``, ``years``, ``share`` (of the hubs with a figure; NaN when fewer than two
    hubs publish the measure). ``funds`` is the full structural amount per hub (EUR mln a year).
    ``traffic`` is container traffic (TEU, years × hubs); few hubs publish it and rarely in the same
    years, so its shares are taken in ``traffic_year``, the latest year with figures for at least two
    hubs (None if there is none).
    """

    funds: pd.Series
    windows: dict
    long: pd.DataFrame
    traffic: pd.DataFrame
    traffic_locations: dict
    traffic_year: int | None

    def _part(self, measure: str, window: str) -> pd.DataFrame:
        part = self.long[(self.long["measure"] == measure) & (self.long["window"] == window)]
        if part.empty:
            raise KeyError(f"no measure {measure!r} in window {window!r}")
        return part.set_index("hub").reindex(self.funds.index)

    def value(self, hub: str, measure: str, window: str, column: str = "mean"):
        return self._part(measure, window).loc[hub, column]

    def reporting(self, measure: str, window: str) -> list[str]:
        """The hubs with at least one figure for the measure in the window."""
        part = self._part(measure, window)
        return [h for h in part.index if part.loc[h, "n"] > 0]

    def has_share(self, measure: str, window: str) -> bool:
        return bool(self._part(measure, window)["share"].notna().any())

    def shares(self, measure: str, window: str) -> pd.Series:
        return self._part(measure, window)["share"].astype(float)

    def means(self, measure: str, window: str) -> pd.Series:
        return self._part(measure, window)["mean"].astype(float)

    def years(self, measure: str, window: str) -> pd.Series:
        return self._part(measure, window)["years"]

    def fund_shares(self) -> pd.Series:
        """Each hub's share of the five hubs' structural money (the overarching measures excluded)."""
        return metrics.share(self.funds)

    def eur_per(self, measure: str, window: str, *, unit: float) -> pd.Series:
        """Structural euros a year per ``unit`` of the measure's window mean (``unit=1000``: per tonne)."""
        return metrics.ratio(self.funds * 1e6, self.means(measure, window) / unit).reindex(self.funds.index)

    def traffic_values(self) -> pd.Series:
        """TEU per hub in :attr:`traffic_year` (NaN for hubs without a figure that year)."""
        if self.traffic_year is None:
            return pd.Series(float("nan"), index=self.funds.index)
        return self.traffic.loc[self.traffic_year].reindex(self.funds.index).astype(float)

    def traffic_shares(self) -> pd.Series:
        return metrics.share_of_present(self.traffic_values())

    def eur_per_million_teu(self) -> pd.Series:
        """Structural euros a year per million TEU handled in :attr:`traffic_year`."""
        return metrics.ratio(self.funds * 1e6, self.traffic_values() / 1e6).reindex(self.funds.index)

    def shared(self) -> list[tuple[str, str]]:
        """The (measure, window) pairs for which shares across at least two hubs can be computed."""
        return [(m, w) for m in HUB_MEASURES for w in self.windows if self.has_share(m, w)]

    def not_shared(self) -> list[tuple[str, str, list[str]]]:
        """The (measure, window, hubs with figures) for which no share can be computed (fewer than two hubs)."""
        return [(m, w, self.reporting(m, w)) for m in HUB_MEASURES for w in self.windows if not self.has_share(m, w)]

    def concentration(self, measure: str, window: str) -> dict:
        """HHI and top-1 share of the measure over the hubs with a figure, and of the money over all hubs."""
        sh = self.shares(measure, window).dropna()
        fs = self.fund_shares()
        return {"hhi": metrics.hhi(sh) if len(sh) else float("nan"), "top1": metrics.top_share(sh) if len(sh) else float("nan"),
                "top1_hub": str(sh.idxmax()) if len(sh) else None, "n": len(sh),
                "funds_hhi": metrics.hhi(fs), "funds_top1": metrics.top_share(fs), "funds_top1_hub": str(fs.idxmax())}  # fmt: skip

    def window_label(self, window: str) -> str:
        return years_text(self.windows[window])


def compare_hubs(allocations: pd.DataFrame, seizures: pd.DataFrame, throughput: pd.DataFrame | None = None) -> HubComparison:
    """Every funded hub's structural money beside its seizures, events, arrests and traffic, before and after.

    Before: the two years before the approach (:data:`waterbed.BASE_YEARS`, the years just
    before the approach, the same base as every other comparison in the briefing); after: from the
    first year of the structural money to the latest year with a kilogram figure at any hub.
    ``throughput`` must hold the preferred rows (``load_throughput(preferred=True)``).
    """
    from mainports_analysis.data.registry import FUNDED_HUBS

    hubs = list(FUNDED_HUBS)
    funds = metrics.allocation_table(allocations)[metrics.PERIODS[3]].reindex(hubs).astype(float)
    kg = hub_series(seizures, "cocaine_kg")
    latest = int(kg.dropna(how="all").index.max())
    start = money_years(allocations)["ramp_up"]
    windows = {"before": tuple(waterbed.BASE_YEARS)}
    if start is not None and latest >= start:  # no after window before any figure after the money began
        windows["after"] = tuple(range(start, latest + 1))
    rows = []
    for measure in HUB_MEASURES:
        wide = hub_series(seizures, measure).reindex(columns=hubs)
        for wname, years in windows.items():
            wm = metrics.window_mean(wide, years)
            share = metrics.share_of_present(wm["mean"])
            for hub in hubs:
                rows.append({"hub": hub, "measure": measure, "window": wname, "mean": wm.loc[hub, "mean"],
                             "n": int(wm.loc[hub, "n"]), "years": wm.loc[hub, "years"], "share": share[hub]})  # fmt: skip
    if throughput is not None:
        traffic = hub_traffic(throughput, hubs=hubs)
        locations = traffic.attrs["locations"]
    else:
        traffic, locations = pd.DataFrame(columns=hubs, dtype=float), {h: [] for h in hubs}
    counts = traffic.notna().sum(axis=1)
    traffic_year = int(counts[counts >= 2].index.max()) if (counts >= 2).any() else None
    return HubComparison(funds, windows, pd.DataFrame(rows), traffic, locations, traffic_year)


#: How a hub is named inside an English sentence (the registry's labels are headings: "Flower auctions").
IN_PROSE = {"rotterdam": "Rotterdam", "zwb": "the Zeeland–West-Brabant ports", "schiphol": "Schiphol",
            "nzkg": "the North Sea Canal ports", "flower_auctions": "the flower auctions"}


def in_prose(hub: str) -> str:
    """A hub's name for use mid-sentence (the registry label when the hub has no prose form)."""
    from mainports_analysis.data.registry import registry

    return IN_PROSE.get(hub) or registry().label(hub)


def not_shared_text(cmp: HubComparison) -> str:
    """Which measures of the problem cannot be shared out across the hubs, and who publishes them (computed)."""
    parts = []
    for measure in HUB_MEASURES:
        gaps = [(w, hubs) for m, w, hubs in cmp.not_shared() if m == measure]
        if not gaps:
            continue
        by_hubs: dict[tuple, list[str]] = {}
        for w, hubs in gaps:
            by_hubs.setdefault(tuple(hubs), []).append(cmp.window_label(w))
        said = []
        for hubs, windows in by_hubs.items():
            when = and_list(windows)
            said.append(f"published only for {and_list([in_prose(h) for h in hubs])} in {when}" if hubs
                        else f"published for no funded hub in {when}")
        parts.append(f"{HUB_MEASURES[measure]}: {'; '.join(said)}")
    return "; ".join(parts)


def money(allocations: pd.DataFrame, seizures: pd.DataFrame) -> Finding:
    """Does the money follow the problem? Rotterdam's share of the five hubs' money vs of their seizures.

    Like is compared with like: the share of the money for the five hubs (not of the whole budget,
    which includes the overarching measures) beside the share of the cocaine seized at those hubs,
    averaged over the years before the approach (a single year such as Rotterdam's 2021 peak would
    flatter the comparison).
    """
    cmp = compare_hubs(allocations, seizures)
    years = money_years(allocations)
    table = metrics.allocation_table(allocations)
    total = float(table[metrics.PERIODS[3]].sum())
    hubs_total = float(cmp.funds.sum())
    rtm = float(cmp.funds["rotterdam"])
    fund_share = float(metrics.share(cmp.funds)["rotterdam"])
    before = cmp.windows["before"]
    kg_share = float(cmp.shares("cocaine_kg", "before")["rotterdam"])
    with_figures = cmp.reporting("cocaine_kg", "before")
    without = [h for h in cmp.funds.index if h not in with_figures]
    n = {"total": total, "hubs_total": hubs_total, "rotterdam": rtm, "fund_share": fund_share, "fund_share_all": rtm / total,
         "kg_share": kg_share, "before": before, "n_hubs_with_figures": len(with_figures), "from_year": years["full"],
         "ramp_up_year": years["ramp_up"]}  # fmt: skip
    from mainports_analysis.data.registry import registry

    reg = registry()
    wider = kg_share > fund_share
    missing_en = f" (all but the {and_list([reg.label(h).lower() for h in without])})" if without else ""
    missing_nl = f" (alle behalve de {and_list([reg.label(h, 'nl').lower() for h in without], 'nl')})" if without else ""
    en = (
        f"Of the {eur_mln(hubs_total)} a year of structural money for the {count_word(len(cmp.funds))} hubs (rising from "
        f"{years['ramp_up']} to the full amount from {years['full']}), the port of Rotterdam receives {eur_mln(rtm)} "
        f"(**{pct(fund_share)}**). In {years_text(before)} (yearly average) it had **{pct(kg_share)}** of the cocaine seized at the "
        f"{count_word(len(with_figures))} hubs with published figures{missing_en}: the money is "
        f"{'spread more widely than the seizures' if wider else 'more concentrated on Rotterdam than the seizures'}."
    )
    nl = (
        f"Van de {eur_mln(hubs_total, 'nl')} per jaar aan structureel geld voor de {count_word(len(cmp.funds), 'nl')} "
        f"knooppunten (oplopend vanaf {years['ramp_up']} tot het volle bedrag vanaf {years['full']}) gaat {eur_mln(rtm, 'nl')} "
        f"naar de haven van Rotterdam (**{pct(fund_share, 'nl')}**). In {years_text(before)} (jaargemiddelde) had Rotterdam "
        f"**{pct(kg_share, 'nl')}** van de cocaïne die werd onderschept bij de {count_word(len(with_figures), 'nl')} "
        f"knooppunten met gepubliceerde cijfers{missing_nl}: het geld is "
        f"{'breder verdeeld dan de vangsten' if wider else 'sterker op Rotterdam gericht dan de vangsten'}."
    )
    short_en = (f"Rotterdam receives **{pct(fund_share)}** of the {count_word(len(cmp.funds))} hubs' structural money "
                f"({eur_mln(rtm)} of {eur_mln(hubs_total)} a year) {'but' if wider else 'and'} had **{pct(kg_share)}** of the "
                f"cocaine seized in {years_text(before)} at the {count_word(len(with_figures))} of them with published figures.")
    short_nl = (f"Rotterdam krijgt **{pct(fund_share, 'nl')}** van het structurele geld voor de {count_word(len(cmp.funds), 'nl')} "
                f"knooppunten ({eur_mln(rtm, 'nl')} van {eur_mln(hubs_total, 'nl')} per jaar), {'maar' if wider else 'en'} had in "
                f"{years_text(before)} **{pct(kg_share, 'nl')}** van de cocaïnevangsten bij de {count_word(len(with_figures), 'nl')} "
                f"knooppunten met gepubliceerde cijfers.")
    return Finding("money", "notebooks/01_allocation.ipynb", "Where the money goes", "Waar het geld heen gaat", en, nl, n,
                   short_en, short_nl)


# ------------------------------------------------------------------------ Rotterdam's fall, and Antwerp


def fall_comparison(kg: pd.DataFrame, *, base: tuple[int, ...], a: str = "rotterdam", b: str = "antwerp") -> dict:
    """Two ports measured against the same base window and up to the same last year.

    Returns the base means, the last common year and its values, each port's change relative to its
    own base mean, and the year before the last in which the two moved furthest apart in opposite
    directions (``diverged_year``; None when they never moved in opposite directions).
    """
    both = kg[[a, b]].dropna()
    last = int(both.index.max())
    out = {"base": tuple(base), "last_year": last}
    for key, col in (("a", a), ("b", b)):
        base_values = kg[col].reindex(list(base))
        if base_values.isna().any():
            raise ValueError(f"{col}: no figure for {', '.join(str(y) for y in base_values[base_values.isna()].index)} (base window)")
        out[f"{key}_base"] = float(base_values.mean())
        out[f"{key}_last"] = float(kg.loc[last, col])
        out[f"{key}_change"] = metrics.relative_change(kg[col], base, last)
    gaps = []
    for y in both.index:
        if max(base) < y < last:
            ca, cb = metrics.relative_change(kg[a], base, y), metrics.relative_change(kg[b], base, y)
            if ca * cb < 0:
                gaps.append((abs(ca - cb), int(y), ca, cb))
    if gaps:
        _, year, ca, cb = max(gaps)
        out.update(diverged_year=year, a_diverged=ca, b_diverged=cb)
    else:
        out.update(diverged_year=None, a_diverged=float("nan"), b_diverged=float("nan"))
    return out


def _above_below(change: float, lang: str) -> str:
    if lang == "nl":
        return "boven" if change > 0 else "onder"
    return "above" if change > 0 else "below"


def rotterdam_fall(seizures: pd.DataFrame) -> Finding:
    """How far Rotterdam's seizures fell, and how Antwerp moved, both against the same base years.

    The base is the before window of the waterbed design (:data:`waterbed.BASE_YEARS`), the same
    for both ports, and the end is the last year both have a figure; measuring each port from its
    own peak would compare different years and hide that the two moved apart at first.
    """
    kg = kg_series(seizures, ["rotterdam", "antwerp"])
    base = waterbed.BASE_YEARS
    c = fall_comparison(kg, base=base)
    rtm, ant = kg["rotterdam"].dropna(), kg["antwerp"].dropna()
    last, span = c["last_year"], years_text(base)
    peak_year, ant_peak = int(rtm.idxmax()), int(ant.idxmax())
    ant_last = int(ant.index.max())
    n = {"base": base, "base_rotterdam": c["a_base"], "base_antwerp": c["b_base"], "last_year": last,
         "last": c["a_last"], "antwerp_last": c["b_last"], "change": c["a_change"], "antwerp_change": c["b_change"],
         "diverged_year": c["diverged_year"], "rotterdam_diverged": c["a_diverged"], "antwerp_diverged": c["b_diverged"],
         # each port's own peak (kept for pages that show the peaks; not the comparison above)
         "peak_year": peak_year, "peak": float(rtm[peak_year]), "fall": float(1 - rtm[int(rtm.index.max())] / rtm[peak_year]),
         "antwerp_peak_year": ant_peak, "antwerp_peak": float(ant[ant_peak]), "antwerp_last_year": ant_last,
         "antwerp_fall": float(1 - ant[ant_last] / ant[ant_peak])}  # fmt: skip
    same = (c["a_change"] < 0) == (c["b_change"] < 0)
    a_word_en = ("also " if same else "") + direction(c["b_change"], "en")
    a_word_nl = direction(c["b_change"], "nl", plural=False) + (" ook" if same else " daarentegen")
    en = (
        f"Cocaine seized in the port of Rotterdam (HARC figures) {direction(c['a_change'], 'en')} from "
        f"{tonnes(c['a_base'])} a year in {span} to {tonnes(c['a_last'])} in {last} (**{signed_pct(c['a_change'])}**). "
        f"Over the same years seizures in Antwerp, the largest neighbouring port, {a_word_en} "
        f"({tonnes(c['b_base'])} to {tonnes(c['b_last'])}, {signed_pct(c['b_change'])})"
    )
    nl = (
        f"De in de Rotterdamse haven onderschepte cocaïne (HARC-cijfers) {direction(c['a_change'], 'nl', plural=False)} van "
        f"{tonnes(c['a_base'], 'nl')} per jaar in {span} naar {tonnes(c['a_last'], 'nl')} in {last} "
        f"(**{signed_pct(c['a_change'], 'nl')}**). Over dezelfde jaren {a_word_nl} de vangst in Antwerpen, de grootste "
        f"buurhaven ({tonnes(c['b_base'], 'nl')} naar {tonnes(c['b_last'], 'nl')}, {signed_pct(c['b_change'], 'nl')})"
    )
    if same and c["diverged_year"] is not None:  # the same direction at the end, opposite directions on the way
        y, ca, cb = c["diverged_year"], c["a_diverged"], c["b_diverged"]
        en += (f", but the two moved apart at first: in {y} Antwerp was {pct(abs(cb))} {_above_below(cb, 'en')} its "
               f"{span} level and Rotterdam {pct(abs(ca))} {_above_below(ca, 'en')} its own.")
        nl += (f", maar eerst liepen de twee uiteen: in {y} lag Antwerpen {pct(abs(cb), 'nl')} {_above_below(cb, 'nl')} "
               f"het niveau van {span} en Rotterdam {pct(abs(ca), 'nl')} {_above_below(ca, 'nl')} het zijne.")
    else:
        en += "."
        nl += "."
    first_en = (f", after first moving apart (in {c['diverged_year']} Antwerp was {_above_below(c['b_diverged'], 'en')} its "
                f"{span} level, Rotterdam {_above_below(c['a_diverged'], 'en')})") if same and c["diverged_year"] is not None else ""
    first_nl = (f", nadat de twee havens eerst uiteenliepen (in {c['diverged_year']} lag Antwerpen {_above_below(c['b_diverged'], 'nl')} "
                f"het niveau van {span}, Rotterdam er{_above_below(c['a_diverged'], 'nl')})") if same and c["diverged_year"] is not None else ""
    short_en = (f"Rotterdam's seizures {direction(c['a_change'], 'en')} **{pct(abs(c['a_change']))}**, from {tonnes(c['a_base'])} a year "
                f"in {span} to {tonnes(c['a_last'])} in {last}; Antwerp's {direction(c['b_change'], 'en')} {pct(abs(c['b_change']))}{first_en}.")
    short_nl = (f"De vangsten in Rotterdam {direction(c['a_change'], 'nl')} **{pct(abs(c['a_change']), 'nl')}**, van "
                f"{tonnes(c['a_base'], 'nl')} per jaar in {span} naar {tonnes(c['a_last'], 'nl')} in {last}; in Antwerpen "
                f"{direction(c['b_change'], 'nl')} ze {pct(abs(c['b_change']), 'nl')}{first_nl}.")
    return Finding("rotterdam_fall", "notebooks/02_seizures.ipynb", "Seizures in Rotterdam", "Vangsten in Rotterdam", en, nl, n,
                   short_en, short_nl)


def _buffer_summary(g: pd.DataFrame, buffer: str) -> dict:
    """Counts and WDQ range of one buffer port over the computable cells of the preferred reading."""
    r = waterbed.readings(g).set_index("buffer").loc[buffer]
    ok = g[(g["variant"] == waterbed.PREFERRED) & g["computable"] & (g["buffer"] == buffer)]
    disp = ok[ok["reading"].isin(waterbed.DISPLACEMENT)]["wdq"]
    years = waterbed.WINDOW_YEARS
    pairs = sorted({years[w] for w in ok["window"]})
    starts = sorted({b for before, _ in pairs for b in before})
    return {"pairs": len(pairs), "before_years": starts,
            "cells": int(r["cells"]), "computable": int(r["computable"]), "displacement": int(r["displacement_total"]),
            "diffusion": int(r["diffusion_total"]), "wdq_min": float(ok["wdq"].min()) if len(ok) else float("nan"),
            "wdq_max": float(ok["wdq"].max()) if len(ok) else float("nan"),
            "disp_share_low": float(-disp.max()) if len(disp) else float("nan"),
            "disp_share_high": float(-disp.min()) if len(disp) else float("nan")}


_SPLIT = {
    "en": ("none can be computed", "all {n} read as displacement", "all {n} read as a diffusion of benefits",
           "{disp} read as displacement and {diff} as a diffusion of benefits"),
    "nl": ("geen enkele is te berekenen", "wijzen alle {n} op verplaatsing", "wijzen alle {n} op uitstraling van het effect",
           "wijzen er {disp} op verplaatsing en {diff} op uitstraling van het effect"),
}


def _split(d: dict, lang: str) -> str:
    """How the computable comparisons of one port split between displacement and diffusion, in words."""
    none, all_disp, all_diff, mixed = _SPLIT[lang]
    if d["computable"] == 0:
        return none
    if d["displacement"] == d["computable"]:
        return all_disp.format(n=d["computable"])
    if d["diffusion"] == d["computable"]:
        return all_diff.format(n=d["computable"])
    return mixed.format(disp=d["displacement"], diff=d["diffusion"])


def _split_en(d: dict) -> str:
    return _split(d, "en")


def _split_nl(d: dict) -> str:
    return _split(d, "nl")


def displacement_reading(seizures: pd.DataFrame, g: pd.DataFrame | None = None) -> Finding:
    """The waterbed question in one finding: how the computable comparisons read for Vlissingen and Antwerp.

    Counts distinct window × control combinations of the preferred reading (not variants of the same
    comparison), and gives the size of any displacement as a share of Rotterdam's fall relative to the
    control (minus the WDQ, Bowers & Johnson 2003).
    """
    g = waterbed.grid(seizures) if g is None else g
    v, a = _buffer_summary(g, "vlissingen"), _buffer_summary(g, "antwerp")
    n = {f"vlissingen_{k}": x for k, x in v.items()} | {f"antwerp_{k}": x for k, x in a.items()}
    rtm = kg_series(seizures, ["rotterdam"])["rotterdam"].dropna()
    peak = int(rtm.idxmax())
    n["rotterdam_peak_year"] = peak
    # which pairs of years the Vlissingen comparisons rest on, and whether they all start from Rotterdam's peak
    basis_en = basis_nl = ""
    if v["computable"]:
        word_en, word_nl = _WORDS_EN.get(v["pairs"], v["pairs"]), _WORDS_NL.get(v["pairs"], v["pairs"])
        at_peak = v["before_years"] == [peak]
        basis_en = (f" ({word_en} pair{'s' if v['pairs'] > 1 else ''} of years, "
                    + (f"{'both' if v['pairs'] == 2 else 'all'} from {peak}, Rotterdam's peak year)" if at_peak and v["pairs"] > 1
                       else f"from {peak}, Rotterdam's peak year)" if at_peak else "different years)"))
        basis_nl = (f" ({word_nl} paar jaren, "
                    + (f"steeds vanaf {peak}, het topjaar van Rotterdam)" if at_peak else "verschillende jaren)"))
    size_en = size_nl = ""
    if v["displacement"]:
        lo, hi = (f"{100 * x:.0f}" for x in (v["disp_share_low"], v["disp_share_high"]))
        share = f"{lo}%" if lo == hi else f"{lo}–{hi}%"
        size_en = f", with a rise equal to {share} of Rotterdam's fall"
        size_nl = f", met een stijging ter grootte van {share} van de daling in Rotterdam"
    en = (
        f"The published series allow {v['computable']} of {v['cells']} before/after comparisons with Vlissingen{basis_en}, and "
        f"{_split_en(v)}{size_en}. Of {a['computable']} comparisons with Antwerp, {_split_en(a)}, depending on the "
        f"years and the control: seizures alone cannot tell whether smuggling moved."
    )
    nl = (
        f"De gepubliceerde reeksen laten {v['computable']} van {v['cells']} voor-/navergelijkingen met Vlissingen toe{basis_nl}, en "
        f"daarvan {_split_nl(v)}{size_nl}. Van {a['computable']} vergelijkingen met Antwerpen {_split_nl(a)}, "
        f"afhankelijk van de jaren en de controle: uit vangsten alleen valt niet af te leiden of smokkel verschoof."
    )
    if v["computable"] and v["displacement"] == v["computable"]:
        v_en = (f"Vlissingen's seizures rose while Rotterdam's fell in **all {v['computable']}** comparisons the data allow"
                f"{basis_en}{size_en}")
        v_nl = (f"De vangsten in Vlissingen stegen terwijl die in Rotterdam daalden, in **alle {v['computable']}** "
                f"vergelijkingen die de cijfers toelaten{basis_nl}{size_nl}")
    else:
        v_en = f"Of {v['computable']} comparisons with Vlissingen the data allow, {_split_en(v)}"
        v_nl = f"Van {v['computable']} vergelijkingen met Vlissingen die de cijfers toelaten {_split_nl(v)}"
    a_mixed = 0 < a["displacement"] < a["computable"]
    short_en = v_en + ("; for Antwerp the reading flips with the years and the control." if a_mixed else f"; for Antwerp {_split_en(a)}.")
    short_nl = v_nl + ("; voor Antwerpen wisselt de uitkomst met de jaren en de controle." if a_mixed else f"; voor Antwerpen {_split_nl(a)}.")
    return Finding("displacement", "notebooks/03_displacement.ipynb", "The waterbed question", "De waterbedvraag", en, nl, n,
                   short_en, short_nl)


def qualified(kg: float, qualifier: str, lang: str = "en", decimals: int = 1) -> str:
    """Tonnes with the source's hedge: "nearly 110 t", "about 14 t", "at least 23 t" (Dutch: bijna, ongeveer, ruim)."""
    words = {"en": {"approx": "about ", "at_least": "at least ", "at_most": "nearly "},
             "nl": {"approx": "ongeveer ", "at_least": "ruim ", "at_most": "bijna "}}[lang]
    return words.get(str(qualifier), "") + tonnes(kg, lang, decimals)


def wider_market(seizures: pd.DataFrame) -> Finding:
    """Did the market shrink? EU seizures and cocaine bound for NL seized abroad, set against Rotterdam over the same years.

    The EU series ends before most of Rotterdam's fall, so Rotterdam is measured over the EU's years,
    not its own longer span; figures the sources hedge ("bijna 110 ton") keep their hedge.
    """
    a = annual(seizures, locations=["eu_total", "nl_destined_abroad", "rotterdam"]).set_index(["location", "year"])
    eu = a.loc["eu_total"]
    first, last = waterbed.START - 1, int(eu.index.max())
    abroad = a.loc["nl_destined_abroad"]
    a_first, a_last = int(abroad.index.min()), int(abroad.index.max())
    rtm = a.loc["rotterdam"]["value"]
    r_change = float(rtm[last] / rtm[first] - 1) if first in rtm and last in rtm else float("nan")
    n = {"eu_first_year": first, "eu_first": eu.loc[first, "value"], "eu_last_year": last, "eu_last": eu.loc[last, "value"],
         "abroad_first_year": a_first, "abroad_first": abroad.loc[a_first, "value"], "abroad_last_year": a_last,
         "abroad_last": abroad.loc[a_last, "value"], "rotterdam_change": r_change}  # fmt: skip

    def q(frame, year, lang="en"):
        return qualified(frame.loc[year, "value"], frame.loc[year, "qualifier"], lang, 0)

    eu_dir, ab_dir = direction(n["eu_last"] - n["eu_first"], "en"), direction(n["abroad_last"] - n["abroad_first"], "en")
    en = (
        f"Cocaine seized in the EU {eu_dir} from {q(eu, first)} in {first} to {q(eu, last)} in {last} (the latest EU figure), "
        f"while Rotterdam's seizures {direction(r_change, 'en')} {pct(abs(r_change))} over the same years; cocaine bound for "
        f"the Netherlands but seized abroad {ab_dir} from {q(abroad, a_first)} ({a_first}) to {q(abroad, a_last)} ({a_last}). "
        f"Less flow, less detection and interception moved upstream all fit a fall in Rotterdam's seizures."
    )
    nl = (
        f"De in de EU onderschepte cocaïne {direction(n['eu_last'] - n['eu_first'], 'nl', plural=False)} van {q(eu, first, 'nl')} "
        f"in {first} naar {q(eu, last, 'nl')} in {last} (het laatste EU-cijfer), terwijl de vangsten in Rotterdam over dezelfde "
        f"jaren {pct(abs(r_change), 'nl')} {direction(r_change, 'nl')}; cocaïne op weg naar Nederland die in het buitenland werd "
        f"onderschept {direction(n['abroad_last'] - n['abroad_first'], 'nl', plural=False)} van {q(abroad, a_first, 'nl')} "
        f"({a_first}) naar {q(abroad, a_last, 'nl')} ({a_last}). Minder aanvoer, minder ontdekking en onderschepping eerder "
        f"in de keten passen alle drie bij lagere vangsten in Rotterdam."
    )
    rose = n["eu_last"] > n["eu_first"]
    short_en = (f"EU seizures {eu_dir} from {q(eu, first)} ({first}) to **{q(eu, last)}** ({last}), while Rotterdam's "
                f"{direction(r_change, 'en')} {pct(abs(r_change))} over those years; the EU series ends before most of Rotterdam's fall.")
    short_nl = (f"De EU-vangsten {direction(n['eu_last'] - n['eu_first'], 'nl')} van {q(eu, first, 'nl')} ({first}) naar "
                f"**{q(eu, last, 'nl')}** ({last}), terwijl die in Rotterdam over die jaren {pct(abs(r_change), 'nl')} "
                f"{direction(r_change, 'nl')}; de EU-reeks stopt vóór het grootste deel van de daling in Rotterdam.")
    return Finding("market", "notebooks/03_displacement.ipynb", "The EU seized more" if rose else "The EU seized less",
                   "In de EU werd meer onderschept" if rose else "In de EU werd minder onderschept", en, nl, n, short_en, short_nl)


def waterbed_findings(seizures: pd.DataFrame, g: pd.DataFrame, its: pd.DataFrame) -> str:
    """The Findings section of the waterbed page as Markdown bullets; every number and verdict computed.

    ``g`` is :func:`waterbed.grid`, ``its`` is :func:`waterbed.its_table` indexed by (location, form).
    """
    r = waterbed.readings(g).set_index("buffer")
    vl, az, nz = r.loc["vlissingen"], r.loc["antwerp"], r.loc["nzkg_ports"]
    reading = displacement_reading(seizures, g).numbers
    market = wider_market(seizures).numbers
    rtm, ant = its.loc[("rotterdam", "plain")], its.loc[("antwerp", "plain")]
    rtm_i, ant_i = its.loc[("rotterdam", "indexed")], its.loc[("antwerp", "indexed")]
    missing = waterbed.missing_years(seizures, "vlissingen")
    nz_years = len(annual(seizures, locations=["nzkg_ports"]))
    all_disp = lambda x: x["displacement_total"] == x["computable"]  # noqa: E731
    nz_same = nz["computable"] > 0 and all_disp(nz) == all_disp(vl)
    out = [
        f"Vlissingen's HARC series has no port-wide figure for {', '.join(map(str, missing))}, so {vl['not_computable']} of "
        f"{vl['cells']} comparisons cannot be made."
        + (f" Where they can, Vlissingen's seizures rose while Rotterdam's fell, by {pct(reading['vlissingen_disp_share_low'])} "
           f"to {pct(reading['vlissingen_disp_share_high'])} of Rotterdam's fall" if vl["computable"] and all_disp(vl) else "")
        + (f"; the North Sea Canal ports, with {nz_years} published years, read the same way" if nz_same else "") + ".",
    ]
    if 0 < az["displacement_total"] < az["computable"]:
        out.append(f"Antwerp's reading flips with the years and the control ({az['displacement_total']} displacement, "
                   f"{az['diffusion_total']} diffusion of {az['computable']}).")
    else:
        out.append(f"Antwerp reads the same way in all {az['computable']} computable comparisons.")
    if rtm["slope_change"] < 0 and ant["slope_change"] < 0:
        out.append("Antwerp's trend broke at the same time as Rotterdam's"
                   + (", and more sharply relative to its own level" if ant_i["slope_change"] < rtm_i["slope_change"] else "")
                   + ": a break common to both ports points to something they share (the market, joint enforcement, "
                   "interception upstream) as well as, or rather than, Rotterdam's measures.")
    out.append(f"Across the EU, seizures {direction(market['eu_last'] - market['eu_first'], 'en')} up to {market['eu_last_year']}, "
               "the latest year published: no EU or Italian figure yet covers the later years of the structural money.")
    out.append("Seizures alone cannot separate less flow from less detection, and none of these measures is a verdict on the approach.")
    return "\n".join(f"- {t}" for t in out) + "\n"


def series_note(series_used: dict[str, str], *, prose: bool = False) -> str:
    """Which counting system each funded hub's seizure figures come from ("Port of Rotterdam: HARC; ...")."""
    from mainports_analysis.report.charts.style import label

    name = in_prose if prose else label
    system = {"harc": "HARC"}

    def place(hub: str) -> str:
        return label(FUNDED_SEAPORT_SERIES[hub])

    return "; ".join(f"{name(h)}{f' as {place(h)}' if place(h) != label(h) else ''}: {system.get(s, s.capitalize())}"
                     for h, s in series_used.items())


def funds_findings(cmp: HubComparison, table: pd.DataFrame) -> str:
    """The Findings section of the funds page as Markdown bullets: the other hubs' money and seizures, Rotterdam's
    share after the structural money began, euros per tonne, and event shares where two hubs publish them.

    ``cmp`` is :func:`compare_hubs`; ``table`` is :func:`metrics.allocation_table`. Every number and every
    comparison word ("closer", "more") is computed.
    """
    full = metrics.PERIODS[-1]
    before, after = cmp.window_label("before"), cmp.window_label("after")
    others = [h for h in cmp.funds.index if h != "rotterdam"]
    all_lines = table[full]
    kg_b, kg_a = cmp.shares("cocaine_kg", "before"), cmp.shares("cocaine_kg", "after")
    with_b, with_a = cmp.reporting("cocaine_kg", "before"), cmp.reporting("cocaine_kg", "after")
    others_b = metrics.part_share(cmp.means("cocaine_kg", "before")[with_b], [h for h in with_b if h != "rotterdam"])
    others_a = metrics.part_share(cmp.means("cocaine_kg", "after")[with_a], [h for h in with_a if h != "rotterdam"])
    per_t = {w: cmp.eur_per("cocaine_kg", w, unit=1000) for w in cmp.windows}
    fund_r = cmp.fund_shares()["rotterdam"]
    closer = abs(kg_a["rotterdam"] - fund_r) < abs(kg_b["rotterdam"] - fund_r)
    zwb_more = {w: per_t[w]["zwb"] > per_t[w]["rotterdam"] for w in per_t}
    lines = [
        f"The {count_word(len(others))} hubs outside Rotterdam get {eur_mln(cmp.funds[others].sum())} a year: "
        f"{pct(metrics.part_share(cmp.funds, others))} of the {count_word(len(cmp.funds))} hubs' money and "
        f"{pct(metrics.part_share(all_lines.fillna(0), others))} of the whole {eur_mln(all_lines.sum())} (which includes the "
        f"overarching measures). Those with published figures had {pct(others_b)} of the seizures at the hubs with figures in "
        f"{before} and {pct(others_a)} in {after}.",
        f"After the structural money began, Rotterdam's share of the seizures at the hubs with figures was "
        f"{pct(kg_a['rotterdam'])} ({after}), {'closer to' if closer else 'further from'} its {pct(fund_r)} of the money than "
        f"in {before}. The set of hubs with figures differs between the windows"
        + (f" ({and_list([in_prose(h) for h in cmp.funds.index if h in set(with_b) ^ set(with_a)])} only in one of them)"
           if set(with_b) != set(with_a) else "")
        + ", and a falling share can mean less smuggling or less detection.",
        f"Per tonne seized, the Zeeland–West-Brabant ports get {'more' if zwb_more['before'] else 'less'} money than Rotterdam "
        f"in {before} ({eur_mln(per_t['before']['zwb'] / 1e6)} against {eur_mln(per_t['before']['rotterdam'] / 1e6)} per "
        f"tonne) and {'more' if zwb_more['after'] else 'less'} in {after} ({eur_mln(per_t['after']['zwb'] / 1e6)} against "
        f"{eur_mln(per_t['after']['rotterdam'] / 1e6)})."
        + (" Set against the seizures before the approach, the split fits the memo's aim of preventing displacement to the "
           "smaller ports (motie Bisschop), not funding by seizure volume." if zwb_more["before"] else ""),
    ]
    for m, w in cmp.shared():
        if m != "cocaine_kg":
            sh = cmp.shares(m, w).dropna()
            lines.append(f"Counted in {HUB_MEASURES[m]} rather than kilograms, Rotterdam had {pct(sh['rotterdam'])} of the events "
                         f"at {and_list([in_prose(h) for h in sh.index])} together in {cmp.window_label(w)} (yearly averages over "
                         f"the years each published: " + "; ".join(f"{in_prose(h)} {years_text(cmp.years(m, w)[h])}" for h in sh.index) + ").")
    return "\n".join(f"- {t}" for t in lines)


def _and(items: list[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


def _first_last(series: pd.Series, first: int | None = None) -> tuple[int, float, int, float]:
    s = series.dropna()
    if first is not None and first in s.index:
        s = s.loc[first:]
    return int(s.index[0]), float(s.iloc[0]), int(s.index[-1]), float(s.iloc[-1])


def _ring_split(g: pd.DataFrame, ring: str) -> tuple[int, int, int, int]:
    r = waterbed.readings(g)
    r = r[r["ring"] == ring]
    return int(r["cells"].sum()), int(r["computable"].sum()), int(r["displacement_total"].sum()), int(r["diffusion_total"].sum())


def rival_readings(data: dict[str, pd.DataFrame], g: pd.DataFrame | None = None) -> pd.DataFrame:
    """The rival readings of Rotterdam's fall in seizures, each with what the published data show and
    whether they can tell (methods brief: present the readings side by side, never a verdict from one
    number). Every number and every verdict is computed from the data."""
    seizures, ind = data["seizures"], data["indicators"]
    g = waterbed.grid(seizures) if g is None else g
    base = waterbed.START - 1

    def indicator(loc: str, metric: str) -> pd.Series:
        x = ind[(ind["location"].astype(str) == loc) & (ind["metric"].astype(str) == metric) & (ind["period"].astype(str) == "FY")]
        return x.groupby("year")["value"].first().sort_index()

    market = wider_market(seizures).numbers
    purity, price = indicator("nl_total", "cocaine_purity"), indicator("nl_total", "cocaine_retail_price")
    py0, pv0, py1, pv1 = _first_last(purity, base)
    eu_rose = market["eu_last"] > market["eu_first"]
    less_flow = (
        f"EU seizures {direction(market['eu_last'] - market['eu_first'], 'en')} from {tonnes(market['eu_first'], decimals=0)} "
        f"({market['eu_first_year']}) to {tonnes(market['eu_last'], decimals=0)} ({market['eu_last_year']}), while Rotterdam's "
        f"{direction(market['rotterdam_change'], 'en')} {pct(abs(market['rotterdam_change']))}; Dutch street "
        f"purity {pv0:.1f}% ({py0}) and {pv1:.1f}% ({py1}); street price EUR {price.iloc[-1]:.0f} a gram in {int(price.index[-1])}."
    )
    less_flow_verdict = (
        f"{'Not supported' if eu_rose and pv1 >= pv0 else 'Possible'} up to {market['eu_last_year']}: "
        f"{'rising EU seizures and purity are consistent with ample supply (seizures are not flow)' if eu_rose and pv1 >= pv0 else 'the indicators are not consistent with ample supply'}. "
        f"No EU figure after {market['eu_last_year']}, no Dutch purity after {py1} and no price after {int(price.index[-1])}."
    )
    arrests = annual(seizures, metric="extractor_arrests", locations=["rotterdam"]).set_index("year")["value"]
    invest = indicator("rotterdam", "harc_criminal_investigations")
    efforts = ind[ind["metric"].astype(str).isin(["containers_scanned", "containers_inspected", "customs_scans"])]
    less_found = (
        f"Extractor arrests in Rotterdam {arrests.iloc[0]:.0f} ({int(arrests.index[0])}), {arrests.max():.0f} at the peak "
        f"({int(arrests.idxmax())}), {arrests.iloc[-1]:.0f} ({int(arrests.index[-1])}); HARC criminal investigations "
        f"{invest.iloc[0]:.0f} ({int(invest.index[0])}) to {invest.iloc[-1]:.0f} ({int(invest.index[-1])})."
    )
    less_found_verdict = (
        f"Cannot be told apart from less flow: no annual series of scans or inspections is published (the data hold "
        f"{len(efforts)} single counts for {efforts['location'].astype(str).nunique()} places)."
    )
    a0y, a0, a1y, a1 = market["abroad_first_year"], market["abroad_first"], market["abroad_last_year"], market["abroad_last"]
    ab = annual(seizures, locations=["nl_destined_abroad"]).set_index("year")
    upstream = (f"Cocaine bound for the Netherlands seized abroad: {qualified(a0, ab.loc[a0y, 'qualifier'], decimals=0)} ({a0y}) to "
                f"{qualified(a1, ab.loc[a1y, 'qualifier'], decimals=0)} ({a1y})"
                + (f", with {qualified(ab['value'].min(), ab.loc[ab['value'].idxmin(), 'qualifier'], decimals=0)} in "
                   f"{int(ab['value'].idxmin())}" if int(ab['value'].idxmin()) not in (a0y, a1y) else "") + ".")
    upstream_verdict = f"{'Consistent with it' if a1 > a0 else 'Not supported'} up to {a1y}; no annual figure after {a1y}."
    v, a, z = _buffer_summary(g, "vlissingen"), _buffer_summary(g, "antwerp"), _buffer_summary(g, "nzkg_ports")
    no_series = [registry().location(loc).name_en for loc in ("moerdijk", "terneuzen")
                 if len(annual(seizures, locations=[loc])) < 2]

    def port(d: dict, name: str) -> str:
        return (f"{name}: {d['computable']} of {d['cells']} comparisons computable; {_split_en(d)}"
                + (f" (WDQ {number(d['wdq_min'])} to {number(d['wdq_max'])})" if d["computable"] else ""))

    vlis = port(v, "Vlissingen") + "; " + port(z, "North Sea Canal ports") + "."
    every = [d for d in (v, z) if d["computable"]]
    all_disp = bool(every) and all(d["displacement"] == d["computable"] for d in every)
    vlis_verdict = (
        ("Consistent with some displacement in every computable comparison"
         + (", smaller than Rotterdam's fall" if min(d["wdq_min"] for d in every) >= -1 else "")
         if all_disp else "Mixed: the comparisons disagree" if every else "Not testable")
        + (f"; {_and(no_series)} publish no annual series." if no_series else ".")
    )
    ant = (f"{a['computable']} of {a['cells']} comparisons computable; {_split_en(a)}"
           + (f" (WDQ {number(a['wdq_min'])} to {number(a['wdq_max'])})" if a["computable"] else "") + ".")
    ant_verdict = ("Consistent with displacement in every computable comparison" if a["computable"] and a["displacement"] == a["computable"] else
                   "Mixed: the reading flips with the years and the control" if a["computable"] else "Not testable") + "."
    cells2, ok2, disp2, diff2 = _ring_split(g, "second")
    changes = waterbed.national_changes(seizures, base_year=base)
    rising = [(registry().location(r.location).name_en, r.base, r.last_year, r.last) for r in changes.itertuples()]
    further = (f"Second-ring ports: {ok2} of {cells2} comparisons computable, {disp2} read as displacement and {diff2} as "
               f"diffusion. National totals since {base}: "
               + "; ".join(f"{name} {tonnes(x0, decimals=0)} to {tonnes(x1, decimals=0)} ({y1})" for name, x0, y1, x1 in rising) + ".")
    further_verdict = "Possible, not testable: short series by different agencies, most ending before the structural money, and no figures for West Africa."
    return pd.DataFrame(
        [("Less cocaine arriving in Europe", less_flow, less_flow_verdict),
         ("Less cocaine found in Rotterdam", less_found, less_found_verdict),
         ("Interception moved upstream", upstream, upstream_verdict),
         ("Displacement to Vlissingen and the smaller Dutch ports", vlis, vlis_verdict),
         ("Displacement to Antwerp", ant, ant_verdict),
         ("Displacement further away", further, further_verdict)],
        columns=["reading", "what the published data show", "can the data tell?"],
    )


def audit_sentence(audit: pd.DataFrame, word: str = "nulmeting") -> str:
    """The Court of Audit's verbatim sentence containing ``word``, from the notes of the audit data."""
    for note in audit["notes"].dropna().astype(str):
        for m in re.finditer(r'"([^"]*)"', note):
            if word in m.group(1):
                return m.group(1)
    raise LookupError(f"no audit note quotes a sentence with {word!r}")


def monitoring(measures: pd.DataFrame, audit: pd.DataFrame) -> Finding:
    """What is being done and whether anyone can tell if it works.

    Counts the measures and those aimed *explicitly* at displacement (a quoted sentence states the
    aim: :func:`mainports_analysis.analysis.measures.displacement_measures`), and takes the Court of Audit's
    allocated amount and its period from the audit rows, so no number or year is typed in.
    """
    from mainports_analysis.analysis import measures as M

    n_measures = len(measures)
    n_disp = len(M.displacement_measures(measures))
    allocated = M.audit_money(audit).set_index("metric").loc["allocated"]
    if isinstance(allocated, pd.DataFrame):  # several allocated figures: the text needs exactly one
        raise ValueError(f"audit data: expected one 'allocated' figure, found {len(allocated)}")
    amount, period = float(allocated["amount_eur_mln"]), str(allocated["period"])
    quote = audit_sentence(audit)
    n = {"measures": n_measures, "displacement_measures": n_disp, "allocated": amount, "period": period}
    en = (
        f"The public record names {n_measures} measures, {n_disp} of them aimed explicitly at the displacement of "
        f"smuggling to other hubs or ports. The Court of Audit found that for the {eur_mln(amount)} allocated in {period} "
        f"the minister set no "
        f"baseline and no measurable interim goals (“{quote}”), so no one can say from official data whether the "
        f"approach works."
    )
    nl = (
        f"De openbare bronnen noemen {n_measures} maatregelen, waarvan {n_disp} expliciet gericht op verplaatsing van "
        f"smokkel naar andere knooppunten of havens. De Algemene Rekenkamer stelde vast dat voor de "
        f"{eur_mln(amount, 'nl')} in {period} "
        f"geen nulmeting en geen meetbare tussendoelen zijn vastgesteld (“{quote}”); uit officiële gegevens valt dus "
        f"niet af te leiden of de aanpak werkt."
    )
    short_en = (f"{n_measures} measures, {n_disp} aimed explicitly at displacement; the Court of Audit found **no baseline** and "
                f"no measurable interim goals, so official data cannot show whether the approach works.")
    short_nl = (f"{n_measures} maatregelen, waarvan {n_disp} expliciet gericht op verplaatsing; de Algemene Rekenkamer stelde vast "
                f"dat er **geen nulmeting** en geen meetbare tussendoelen waren, dus officiële cijfers kunnen niet laten zien of de "
                f"aanpak werkt.")
    return Finding("monitoring", "notebooks/04_measures.ipynb", "Measures, and no baseline", "Maatregelen, en geen nulmeting", en, nl, n,
                   short_en, short_nl)


def approach(data: dict[str, pd.DataFrame], lang: str = "en") -> str:
    """The approach in three sentences, for the home page and the Samenvatting (numbers from the data)."""
    from mainports_analysis.data.registry import FUNDED_HUBS

    reg = registry()
    alloc = data["allocations"]
    first_year = int(alloc.loc[alloc["programme"].astype(str) == "mainports", "year"].min())
    table = metrics.allocation_table(alloc)
    m = money(alloc, data["seizures"]).numbers
    full, hubs_total = m["from_year"], m["hubs_total"]
    total = float(table["2025 onwards"].sum())
    names = [reg.label(h, lang) for h in FUNDED_HUBS]
    if lang == "nl":
        hubs = ", ".join(names[:-1]) + " en de " + names[-1].lower()
        return (
            f"Sinds {first_year} financiert het ministerie van Justitie en Veiligheid een landelijke aanpak van drugssmokkel via "
            f"{_WORDS_NL.get(len(FUNDED_HUBS), len(FUNDED_HUBS))} grote logistieke knooppunten ({hubs}), oplopend tot {eur_mln(total, 'nl')} per jaar vanaf "
            f"{full} ({eur_mln(hubs_total, 'nl')} voor de knooppunten, de rest voor overkoepelende maatregelen). De maatregelen volgen vier rode lijnen: barrièrevorming, weerbaarheid van personen en processen, toezicht "
            f"en handhaving, en de informatiepositie. De Tweede Kamer vroeg dat druk op Rotterdam de smokkel niet simpelweg naar "
            f"Vlissingen en andere havens verplaatst: het waterbedeffect."
        )
    hubs = ", ".join(names[:-1]) + " and the " + names[-1].lower()
    return (
        f"Since {first_year} the Dutch Ministry of Justice and Security has funded a national approach against drug smuggling "
        f"through {_WORDS_EN.get(len(FUNDED_HUBS), len(FUNDED_HUBS))} big logistics hubs ({hubs}), rising to {eur_mln(total)} a year from {full} "
        f"({eur_mln(hubs_total)} for the hubs, the rest for overarching measures). Its measures "
        f"follow four red lines: barriers, the resilience of people and processes, supervision and enforcement, and the "
        f"information position. Parliament asked that pressure on Rotterdam should not simply push smuggling to Vlissingen "
        f"and other ports: the waterbed effect."
    )


def main_caveats(data: dict[str, pd.DataFrame], lang: str = "en") -> str:
    """The home page's caveats as Markdown: which series are used and which hubs publish no annual totals are computed."""
    from mainports_analysis.data.registry import FUNDED_HUBS

    reg = registry()
    seizures = data["seizures"]
    series = annual(seizures, locations=["rotterdam", "vlissingen"]).attrs["series_used"]
    hub_places = [loc for loc in ("moerdijk", "terneuzen", "amsterdam", "ijmuiden", "flower_auctions")
                  if reg.location(loc).hub_id in FUNDED_HUBS]
    few = [(reg.location(loc).name_nl if lang == "nl" else reg.location(loc).name_en).replace("Flower auctions", "the flower auctions")
           .replace("Bloemenveilingen", "de bloemenveilingen") for loc in hub_places if len(annual(seizures, locations=[loc])) < 2]
    harc = [reg.location(loc).name_nl if lang == "nl" else reg.location(loc).name_en for loc, sys in series.items() if sys == "harc"]
    if lang == "nl":
        return (
            "- **Vangsten zijn geen maat voor de smokkelstroom.** Minder vangsten kunnen betekenen: minder aanvoer, minder "
            "ontdekking, onderschepping eerder in de keten of verplaatsing van smokkel; de openbare cijfers kunnen dat niet "
            "volledig uit elkaar halen.\n"
            f"- **Twee Nederlandse telsystemen.** Het HARC-team en de Douane rapporteren verschillende cijfers voor dezelfde "
            f"haven en hetzelfde jaar; deze analyse gebruikt de HARC-reeks voor {_en(harc)} en toont de andere als controle.\n"
            f"- **Gaten blijven gaten.** Voor {_en(few)} zijn hooguit losse jaarcijfers gepubliceerd; diverse Europese reeksen "
            "stoppen jaren eerder dan de Nederlandse. Er wordt niets geschat.\n"
            "- **Geen nulmeting.** Zonder nulmeting of tussendoelen kan geen openbaar cijfer laten zien wat de aanpak zelf heeft "
            "bereikt.\n"
        )
    return (
        "- **Seizures are not flow.** A fall in seizures can mean less cocaine arriving, less cocaine found, interception "
        "earlier in the chain, or smuggling moved elsewhere; the public data cannot fully separate these.\n"
        f"- **Two Dutch counting systems.** The HARC team and Customs report different figures for the same port and year; "
        f"this briefing uses the HARC series for {_and(harc)} and shows the other as a check.\n"
        f"- **Gaps stay gaps.** {_and(few)} publish no annual series (at most a single year); several European series stop "
        "years before the Dutch ones. Nothing is estimated.\n"
        "- **No baseline.** Without a baseline or interim goals, no public figure can show what the approach itself achieved.\n"
    )


_WORDS_EN = dict(enumerate(("no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten")))
_WORDS_NL = dict(enumerate(("geen", "één", "twee", "drie", "vier", "vijf", "zes", "zeven", "acht", "negen", "tien")))


def _en(items: list[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " en " + items[-1]


def key_findings(data: dict[str, pd.DataFrame] | None = None) -> list[Finding]:
    """All key findings, in the order the home page shows them."""
    if data is None:
        from mainports_analysis.data.load import load_all

        data = load_all()
    s = data["seizures"]
    return [
        money(data["allocations"], s),
        rotterdam_fall(s),
        displacement_reading(s),
        wider_market(s),
        monitoring(data["measures"], data["audit"]),
    ]


def as_markdown(findings: list[Finding], lang: str = "en", *, link_prefix: str = "", short: bool = False) -> str:
    """The findings as a numbered Markdown list, each linking to its analysis (``short``: one sentence each)."""
    more = "Analyse" if lang == "nl" else "Analysis"
    items = []
    for i, f in enumerate(findings, 1):
        href = link_prefix + f.page
        items.append(f"{i}. **{f.heading(lang)}.** {f.short(lang) if short else f.text(lang)} [{more} →]({href})")
    return "\n".join(items) + "\n"
