"""The house style: furniture on every chart, gaps kept, compact PNGs, CSV links."""

from __future__ import annotations

import base64
import io

import matplotlib

matplotlib.use("Agg")

import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402
import pytest  # noqa: E402
from PIL import Image  # noqa: E402

from mainports_analysis import plotting  # noqa: E402


def test_finish_requires_title_unit_and_source():
    fig, ax = plotting.new_figure()
    with pytest.raises(ValueError, match="title, a unit and a source"):
        plotting.finish(fig, ax, title="Rotterdam fell", unit="", source="HARC")
    plotting.finish(fig, ax, title="Rotterdam fell", unit="tonnes per year", source="HARC")
    texts = [t.get_text() for t in fig.texts]
    assert "Source: HARC" in texts
    assert fig._suptitle.get_text() == "Rotterdam fell"
    assert ax.get_title(loc="left") == "tonnes per year"


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


def test_line_end_labels_do_not_overlap():
    fig, ax = plotting.new_figure()
    frame = pd.DataFrame({"location": ["rotterdam", "antwerp", "vlissingen"], "year": [2020] * 3, "kg": [10.0, 10.2, 10.1]})
    plotting.lines(ax, frame, y="kg")
    fig.canvas.draw()
    ys = sorted(t.get_window_extent().y0 for t in ax.texts)
    assert all(b - a >= 11 for a, b in zip(ys, ys[1:], strict=False))


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
