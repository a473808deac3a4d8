"""The house style of charts and tables: furniture, gaps, end labels, colours, compact PNGs, CSV links,
reader labels and year ranges."""

from __future__ import annotations

import base64
import colorsys
import io
import itertools

import matplotlib

matplotlib.use("Agg")

import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402
import pytest  # noqa: E402
from matplotlib.colors import to_rgb  # noqa: E402
from PIL import Image  # noqa: E402

from mainports_analysis.data.registry import registry  # noqa: E402
from mainports_analysis.report import tables  # noqa: E402
from mainports_analysis.report.charts import style as plotting  # noqa: E402

# ---------------------------------------------------------------------------------------------- furniture


def test_finish_requires_title_unit_and_source():
    fig, ax = plotting.new_figure()
    with pytest.raises(ValueError, match="title, a unit and a source"):
        plotting.finish(fig, ax, title="Rotterdam fell", unit="", source="HARC")
    plotting.finish(fig, ax, title="Rotterdam fell", unit="tonnes per year", source="HARC")
    texts = [t.get_text() for t in fig.texts]
    assert "Source: HARC" in texts
    assert fig._suptitle.get_text() == "Rotterdam fell"
    assert ax.get_title(loc="left") == "tonnes per year"


def test_long_title_and_source_wrap_inside_the_figure():
    fig, ax = plotting.new_figure()
    ax.barh([0, 1], [1, 2])
    ax.set_yticks([0, 1], ["Zeeland–West-Brabant ports", "Amsterdam Airport Schiphol"])  # pushes the axes right
    title = "Vlissingen's share of the three ports rose from one in a hundred to one in ten over four years " * 2
    unit = "weighted displacement quotient (grey band: displacement smaller than Rotterdam's gain)"
    plotting.finish(fig, ax, title=title.strip(), unit=unit, source="HARC/OM; Belgian customs; " * 8)
    fig.canvas.draw()
    r = fig.canvas.get_renderer()
    assert "\n" in ax.get_title(loc="left") and ax.get_title(loc="left").replace("\n", " ") == unit
    for text in (fig._suptitle, *fig.texts, ax.title, ax._left_title):
        box = text.get_window_extent(r)
        assert box.x0 >= 0 and box.x1 <= fig.bbox.width + 0.5, text.get_text()[:30]
    assert fig._suptitle.get_text().count("\n") >= 2
    # the axes (with its unit line) sits below the title and above the source line
    top = fig._suptitle.get_window_extent(r).y0
    assert ax.get_tightbbox(r).y1 <= top + 1
    assert ax.get_tightbbox(r).y0 >= fig.texts[-1].get_window_extent(r).y1 - 1


def test_chart_text_stays_legible_on_a_phone():
    """At a phone's 358-px column the chart is scaled down; every text stays at 11 CSS px or more (issue 15)."""
    fig, ax = plotting.new_figure()
    ax.plot([2011, 2025], [1, 2])
    plotting.finish(fig, ax, title="t", unit="u", source="s")
    image = Image.open(io.BytesIO(plotting.compact_png(fig)))
    css_width = image.size[0] / plotting.SCALE
    assert image.info["dpi"][0] == pytest.approx(96 * plotting.SCALE, abs=0.01)  # pHYs: 2 device pixels per CSS pixel
    scale = min(1.0, plotting.PHONE_COLUMN / css_width)

    def px(pt: float) -> float:  # CSS px of a text of pt points on the phone
        return pt / 72 * plotting.PNG_DPI * scale

    assert min(px(size) for size in plotting.SIZES.values()) >= 11.0
    assert plotting.png_with_size(fig)[1] == {"width": image.size[0] // 2, "height": image.size[1] // 2}


def test_missing_years_are_drawn_as_gaps():
    s = pd.Series([1.0, 2.0, 4.0], index=[2019, 2020, 2022])
    g = plotting.with_gaps(s)
    assert list(g.index) == [2019, 2020, 2021, 2022] and np.isnan(g[2021])
    fig, ax = plotting.new_figure()
    frame = pd.DataFrame({"location": "rotterdam", "year": [2019, 2020, 2022], "kg": [1.0, 2.0, 4.0]})
    plotting.lines(ax, frame, y="kg")
    ydata = ax.lines[0].get_ydata()
    assert np.isnan(ydata).sum() == 1  # the 2021 gap is not bridged
    assert ax.lines[0].get_color().lower() == plotting.colour("rotterdam").lower()


# ---------------------------------------------------------------------------------------------- end labels


def test_spread_moves_overlapping_intervals_apart_as_little_as_possible():
    # three 2-high labels wanted at 0, 1, 2: one block, centred on the wishes (moves -1, 0, +1)
    assert plotting.spread([0, 1, 2], [2, 2, 2]) == pytest.approx([-1, 1, 3])
    # a floor shifts the whole block up
    assert plotting.spread([0, 1, 2], [2, 2, 2], lo=0) == pytest.approx([1, 3, 5])
    # a ceiling shifts it down
    assert plotting.spread([0, 1, 2], [2, 2, 2], hi=4) == pytest.approx([-1, 1, 3])
    assert plotting.spread([0, 1, 2], [2, 2, 2], hi=3) == pytest.approx([-2, 0, 2])
    # intervals that do not touch stay where they are; input order is kept in the output
    assert plotting.spread([10, 0], [2, 2]) == pytest.approx([10, 0])
    # ties: equal wishes split symmetrically
    assert plotting.spread([5, 5], [2, 2]) == pytest.approx([4, 6])
    # two separate clusters
    assert plotting.spread([0, 0.5, 20, 20.5], [1, 1, 1, 1]) == pytest.approx([-0.25, 0.75, 19.75, 20.75])
    with pytest.raises(ValueError):
        plotting.spread([1, 2], [1])


def test_spread_never_overlaps_on_random_input():
    rng = np.random.default_rng(1)
    for _ in range(200):
        n = int(rng.integers(1, 12))
        c, s = rng.uniform(0, 100, n), rng.uniform(1, 15, n)
        out = np.array(plotting.spread(c, s))
        order = np.argsort(out)
        assert list(order) == list(np.argsort(c, kind="stable"))  # order kept
        for a, b in itertools.pairwise(order):
            assert out[b] - s[b] / 2 >= out[a] + s[a] / 2 - 1e-6


def _label_boxes(fig, ax):
    """The text boxes of the end labels (without their leaders)."""
    from matplotlib.text import Text

    fig.canvas.draw()
    r = fig.canvas.get_renderer()
    return {t.get_text().replace("\n", " "): Text.get_window_extent(t, r) for t in ax.texts if t.get_text()}


def test_end_labels_sit_right_of_the_axes_and_never_overlap():
    fig, ax = plotting.new_figure()
    years = list(range(2011, 2026))
    frame = pd.concat([
        pd.DataFrame({"location": "rotterdam", "year": years, "kg": np.linspace(5, 10.0, len(years))}),
        pd.DataFrame({"location": "antwerp", "year": years, "kg": np.linspace(6, 10.2, len(years))}),
        pd.DataFrame({"location": "vlissingen", "year": years, "kg": np.linspace(1, 10.1, len(years))}),
        pd.DataFrame({"location": "nzkg_ports", "year": [2020, 2021, 2022], "kg": [10.0, 10.05, 10.1]}),
    ])
    plotting.lines(ax, frame, y="kg")
    plotting.finish(fig, ax, title="Four lines end close together", unit="kg", source="test")
    boxes = _label_boxes(fig, ax)
    assert len(boxes) == 4
    assert [t.replace("\n", " ") for t in boxes if t.endswith(", 2022")] == ["North Sea Canal ports, 2022"]  # stops early: its year
    assert all(b.x0 >= ax.bbox.x1 for b in boxes.values())  # in the margin, off the plot
    for a, b in itertools.combinations(boxes.values(), 2):
        assert a.y1 <= b.y0 + 0.5 or b.y1 <= a.y0 + 0.5, "labels overlap"
    assert all(b.x1 <= fig.bbox.width + 0.5 for b in boxes.values())  # layout made room for them
    # the axis ends just after the last year: no empty years to fit labels
    assert ax.get_xlim()[1] < 2026


def test_end_labels_follow_a_later_change_of_the_axis():
    fig, ax = plotting.new_figure()
    frame = pd.DataFrame({"location": ["rotterdam", "antwerp"] * 2, "year": [2020, 2020, 2021, 2021], "kg": [1.0, 9.0, 2.0, 8.0]})
    plotting.lines(ax, frame, y="kg")
    plotting.finish(fig, ax, title="t", unit="u", source="s")
    before = _label_boxes(fig, ax)
    ax.set_ylim(0, 100)  # both ends now sit near the bottom, close together
    after = _label_boxes(fig, ax)
    assert after["Port of Antwerp"].y0 < before["Port of Antwerp"].y0
    a, b = after.values()
    assert a.y1 <= b.y0 + 0.5 or b.y1 <= a.y0 + 0.5


def test_label_colours_are_legible_on_white_and_keep_their_hue():
    assert plotting.contrast("#000000", "#FFFFFF") == pytest.approx(21.0)
    assert plotting.contrast("#777777") == pytest.approx(4.48, abs=0.01)  # a known WCAG value
    for c in {registry().colour(k) for k in registry().locations}:
        t = plotting.text_colour(c)
        assert plotting.contrast(t) >= 4.5, (c, t)
        h1, _, s1 = colorsys.rgb_to_hls(*to_rgb(c))
        h2, _, _ = colorsys.rgb_to_hls(*to_rgb(t))
        if s1 > 0.05:
            assert min(abs(h1 - h2), 1 - abs(h1 - h2)) < 0.02, (c, t)
    assert plotting.text_colour("#0072B2") == "#0072B2"  # dark enough already
    assert plotting.text_colour("#DDCC77") != "#DDCC77"  # Tol's sand is darkened
    fig, ax = plotting.new_figure()
    frame = pd.DataFrame({"location": "algeciras", "year": [2020, 2021], "kg": [1.0, 2.0]})
    plotting.lines(ax, frame, y="kg")
    assert matplotlib.colors.to_hex(ax.texts[0].get_color()).upper() == plotting.text_colour("#DDCC77")


def test_tint_mixes_with_white():
    assert plotting.tint("#0072B2", 0) == "#0072B2"
    assert plotting.tint("#000000", 0.5) == "#808080"
    with pytest.raises(ValueError):
        plotting.tint("#000000", 2)


# ---------------------------------------------------------------------------------------------- colours


def test_every_place_colour_comes_from_a_colour_blind_safe_palette():
    reg = registry()
    for key in [*reg.hubs, *reg.locations]:
        assert reg.colour(key).upper() in plotting.SAFE_COLOURS, key


@pytest.mark.parametrize("family", list(plotting.COMPARISONS))
def test_places_drawn_together_have_distinct_colours(family):
    keys = plotting.COMPARISONS[family]
    assert all(k in registry().locations for k in keys)
    assert plotting.colour_clashes(keys) == []


def test_a_port_and_its_country_differ_in_colour():
    reg = registry()
    national = {loc.country: loc for loc in reg.locations.values() if loc.group in ("europe_national", "nl_national") and loc.location_id.endswith("_total")}
    pairs = [(loc.location_id, national[loc.country].location_id) for loc in reg.locations.values()
             if loc.kind in ("seaport", "port_group") and loc.country in national]  # fmt: skip
    assert ("antwerp", "be_total") in pairs and ("gioia_tauro", "it_total") in pairs and ("rotterdam", "nl_total") in pairs
    for port, country in pairs:
        assert reg.colour(port) != reg.colour(country), (port, country)
    trio = {reg.colour(k) for k in ("hamburg", "de_total", "nl_destined_abroad")}
    assert len(trio) == 3
    assert reg.colour("le_havre") != reg.colour("fr_total")


def test_two_lines_in_one_colour_are_refused_unless_restyled_or_greyed():
    frame = pd.DataFrame({"location": ["vlissingen", "terneuzen"], "year": [2021, 2021], "kg": [1.0, 2.0]})
    fig, ax = plotting.new_figure()
    with pytest.raises(ValueError, match="vlissingen and terneuzen are both #009E73"):
        plotting.lines(ax, frame, y="kg", order=["vlissingen", "terneuzen"])
    plotting.lines(ax, frame, y="kg", order=["vlissingen", "terneuzen"], styles={"terneuzen": {"color": plotting.tint("#009E73")}})
    assert len(ax.lines) == 2


def test_highlight_keeps_the_chosen_lines_and_greys_the_rest():
    ports = ["antwerp", "rotterdam", "hamburg", "valencia"]
    frame = pd.DataFrame({"location": ports * 2, "year": [2020] * 4 + [2021] * 4, "t": [5.0, 4, 3, 2, 6, 4, 3, 1]})
    fig, ax = plotting.new_figure()
    plotting.lines(ax, frame, y="t", order=ports, highlight=["rotterdam", "antwerp"])
    colours = {ln.get_label(): matplotlib.colors.to_hex(ln.get_color()).upper() for ln in ax.lines}
    assert colours["Port of Rotterdam"] == "#0072B2" and colours["Port of Antwerp"] == "#E69F00"
    assert colours["Port of Hamburg"] == colours["Valencia"] == plotting.MUTED
    assert sorted(t.get_text().replace("\n", " ") for t in ax.texts) == ["Port of Antwerp", "Port of Rotterdam"]
    zorder = {ln.get_label(): ln.get_zorder() for ln in ax.lines}
    assert zorder["Port of Rotterdam"] > zorder["Valencia"]
    fig, ax = plotting.new_figure()
    plotting.lines(ax, frame, y="t", order=ports, highlight=["rotterdam"], label_muted=True)
    assert len(ax.texts) == 4
    assert plotting.highlight_styles(["a", "b"], ["a"])["b"]["color"] == plotting.MUTED


# ---------------------------------------------------------------------------------------------- outputs


def test_compact_png_is_a_small_valid_palette_png():
    fig, ax = plotting.new_figure()
    ax.plot([1, 3, 2], color=plotting.colour("rotterdam"))
    plotting.finish(fig, ax, title="t", unit="u", source="s")
    data = plotting.compact_png(fig)
    full = io.BytesIO()
    fig.savefig(full, format="png", dpi=120, bbox_inches="tight")
    assert len(data) < len(full.getvalue()) / 2
    img = Image.open(io.BytesIO(data))
    assert img.format == "PNG" and img.mode == "P"
    assert data == plotting.compact_png(fig)  # deterministic


def test_csv_download_embeds_the_data():
    frame = pd.DataFrame({"year": [2021], "kg": [70571.0]})
    html = plotting.csv_download(frame, "x.csv").data
    payload = html.split("base64,")[1].split('"')[0]
    assert base64.b64decode(payload).decode() == "year,kg\n2021,70571\n"
    assert 'download="x.csv"' in html


def test_source_text_names_publishers_most_frequent_first():
    f = pd.DataFrame({"publisher": ["NOS", "ANP (via Nieuws.nl)", "NOS", "X", "Y", "Z"]})
    assert plotting.source_text(f, limit=2) == "NOS; ANP and 3 more (details: Data & sources)"


# ---------------------------------------------------------------------------------------------- tables


def test_year_lists_become_ranges():
    assert tables.year_ranges(range(2011, 2026)) == "2011–2025"
    assert tables.year_ranges([2018, 2011, 2012, 2013, 2015, 2017, 2013]) == "2011–2013, 2015, 2017–2018"
    assert tables.year_ranges("2020, 2021, 2023") == "2020–2021, 2023"
    assert tables.year_ranges([]) == "none"
    assert tables.fmt_years()([2019, 2020]) == "2019–2020" and tables.fmt_years()(None) == "none"


def test_identifiers_get_reader_labels():
    assert tables.reader_label("cocaine_kg") == "cocaine seized (kg)"
    assert tables.reader_label("extractor_arrests", lang="nl") == "aanhoudingen van uithalers"
    assert tables.reader_label("harc") == "HARC (Hit and Run Cargo team, port of Rotterdam)"
    assert tables.reader_label("rotterdam") == "Port of Rotterdam"
    assert tables.reader_label("zwb") == "Zeeland–West-Brabant ports"
    assert tables.reader_label("n_figures") == "published figures"
    assert tables.reader_label("Some text") == "Some text"
    assert tables.reader_label(None) == ""
    assert tables.place_years("eu_total:2024") == "European Union (total): 2024"
    assert tables.place_years("rotterdam:2021, vlissingen:2022, vlissingen:2023") == (
        "Port of Rotterdam: 2021; Vlissingen (North Sea Port): 2022–2023")
    assert tables.place_years({"antwerp": [2019, 2020]}) == "Port of Antwerp: 2019–2020"
    assert tables.place_years("no ids here") == "no ids here"


def test_readable_relabels_values_and_headers():
    frame = pd.DataFrame({"location": ["amsterdam"], "metric": ["cocaine_kg"], "series": ["customs"],
                          "n_figures": [2], "source_id": ["s1"]})
    sources = pd.DataFrame({"source_id": ["s1"], "publisher": ["Douane"], "published": ["2023-01"]})
    out = tables.readable(frame, sources=sources)
    assert list(out.columns) == ["place", "what is counted", "counting system", "published figures", "source"]
    assert out.iloc[0].tolist() == ["Port of Amsterdam", "cocaine seized (kg)", "Customs", 2, "Douane, 2023-01"]
    assert list(tables.readable(frame, headers=False).columns) == list(frame.columns)
    assert frame["location"].iloc[0] == "amsterdam"  # a copy


def test_html_table_right_aligns_numbers_and_prints_a_true_minus():
    frame = pd.DataFrame({"port": ["Vlissingen"], "pre-slope (kg/yr)": [-3955.4], "n": [3], "share": [-0.092]})
    html = tables.html_table(frame, formats={"pre-slope (kg/yr)": tables.fmt_number(0), "share": tables.fmt_percent(1)},
                             caption="A & B").data
    assert '<th class="num">pre-slope (kg/yr)</th>' in html and "<th>port</th>" in html
    assert '<td class="num">−3,955</td>' in html and '<td class="num">3</td>' in html
    assert '<td class="num">−9.2%</td>' in html
    assert "<caption>A &amp; B</caption>" in html
    assert tables.fmt_number(1)(float("nan")) == "–" and tables.fmt_number(2)(-0.5) == "−0.50"
    assert html == tables.html_table(frame, formats={"pre-slope (kg/yr)": tables.fmt_number(0), "share": tables.fmt_percent(1)},
                                     caption="A & B").data  # stable


def _cie_lab(c: str) -> np.ndarray:
    rgb = np.array(to_rgb(c))
    rgb = np.where(rgb > 0.04045, ((rgb + 0.055) / 1.055) ** 2.4, rgb / 12.92)
    xyz = np.array([[0.4124, 0.3576, 0.1805], [0.2126, 0.7152, 0.0722], [0.0193, 0.1192, 0.9505]]) @ rgb / np.array([0.95047, 1, 1.08883])
    f = np.where(xyz > 0.008856, np.cbrt(xyz), 7.787 * xyz + 16 / 116)
    return np.array([116 * f[1] - 16, 500 * (f[0] - f[1]), 200 * (f[1] - f[2])])


def test_spain_france_and_italy_are_told_apart():
    """Issue 15: the three national totals were three similar pinks. CIE76 ΔE ≥ 20 between each pair and
    against every other place they are drawn with (ΔE 15 was the old France–Italy distance)."""
    assert np.linalg.norm(_cie_lab("#CC6677") - _cie_lab("#AA4466")) < 20  # the old pair: the test can fail
    for keys in plotting.COMPARISONS.values():
        for a, b in itertools.combinations(keys, 2):
            if {a, b} & {"es_total", "fr_total", "it_total"}:
                d = np.linalg.norm(_cie_lab(registry().colour(a)) - _cie_lab(registry().colour(b)))
                assert d >= 20, (a, b, round(float(d), 1))


def _overlaps(a, b, pad: float = 0.5) -> bool:
    return not (a.x1 <= b.x0 + pad or b.x1 <= a.x0 + pad or a.y1 <= b.y0 + pad or b.y1 <= a.y0 + pad)


def test_approach_label_moves_off_a_line_that_crosses_it():
    fig, ax = plotting.new_figure()
    years = list(range(2017, 2026))
    frame = pd.DataFrame({"location": "rotterdam", "year": years, "kg": [10.0] * 5 + [9.9, 9.8, 2.0, 1.0]})
    plotting.lines(ax, frame, y="kg")
    plotting.mark_start(ax, 2021.5, "approach starts (2022)")
    plotting.finish(fig, ax, title="t", unit="u", source="s")
    fig.canvas.draw()
    r = fig.canvas.get_renderer()
    label = next(t for t in ax.texts if t.get_gid() == plotting.MOVABLE)
    box = label.get_window_extent(r)
    pts = plotting.line_points(ax)
    inside = (pts[:, 0] >= box.x0) & (pts[:, 0] <= box.x1) & (pts[:, 1] >= box.y0) & (pts[:, 1] <= box.y1)
    assert not inside.any(), "the 'approach starts' label sits on a line"
    assert label.xy[1] < 1  # it had to move: the line runs along the top where the label starts
    assert not any(_overlaps(box, t.get_window_extent(r)) for t in ax.texts if t is not label and t.get_text())


def test_no_published_figure_labels_and_legend_never_overlap():
    fig, ax = plotting.new_figure(height=5.0)
    shares = pd.DataFrame(
        {"money": [0.62, 0.15, 0.13, 0.05, 0.04], "seized before": [0.92, 0.03, 0.05, 0.01, np.nan],
         "seized after": [0.72, 0.21, 0.07, np.nan, np.nan]},
        index=["rotterdam", "zwb_ports", "schiphol", "nzkg_ports", "flower_auctions"],
    )  # fmt: skip
    plotting.share_bars(ax, shares)
    plotting.finish(fig, ax, title="t", unit="u", source="s")
    fig.canvas.draw()
    r = fig.canvas.get_renderer()
    missing = [t for t in ax.texts if t.get_text() == "no published figure"]
    assert len(missing) == 2  # one label for the flower auctions' two missing bars, one for the canal ports
    boxes = [t.get_window_extent(r) for t in ax.texts] + [ax.get_legend().get_window_extent(r)]
    for a, b in itertools.combinations(boxes, 2):
        assert not _overlaps(a, b), "two labels overlap"
    legend = ax.get_legend().get_window_extent(r)
    assert all(not _overlaps(legend, p.get_window_extent(r)) for p in ax.patches if p.get_width() > 0)


def test_timeline_legend_sits_off_every_panel_and_no_labels_overlap():
    from mainports_analysis import load_allocations, load_measures, load_seizures
    from mainports_analysis.analysis import measures as M
    from mainports_analysis.report.charts.measures import timeline_figure

    fig = timeline_figure(load_measures(), M.context_series(load_seizures()), load_allocations())
    fig.canvas.draw()
    r = fig.canvas.get_renderer()
    legends = [ax.get_legend() for ax in fig.axes if ax.get_legend() is not None]
    assert len(legends) == 1
    box = legends[0].get_window_extent(r)
    assert all(not _overlaps(box, ax.get_window_extent(r)) for ax in fig.axes)  # below the panels, not on them
    ticks = [t.get_window_extent(r) for t in fig.axes[0].get_yticklabels() if t.get_text()]
    notes = [t.get_window_extent(r) for t in fig.axes[0].texts if t.get_text()]
    for a, b in itertools.combinations(ticks + notes, 2):
        assert not _overlaps(a, b), "two labels of the timeline overlap"


def test_folded_puts_a_table_under_a_summary():
    frame = pd.DataFrame({"a": [1]})
    out = plotting.folded(frame, "Method <tables>").data
    assert out.startswith('<details class="folded"><summary>Method &lt;tables&gt;</summary>')
    assert "<table" in out and out.endswith("</table>\n</div></details>")  # pandas' own HTML, whole, inside
    assert plotting.folded("<p>x</p>", "s", open_=True).data == '<details class="folded" open><summary>s</summary><p>x</p></details>'
    with pytest.raises(TypeError, match="cannot fold"):
        plotting.folded(3, "s")
