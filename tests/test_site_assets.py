"""The post-render step moves itables' inline bundle into site_libs and loads it from there."""

from __future__ import annotations

from pathlib import Path

import itables
from itables.javascript import generate_init_offline_itables_html

from mainports_analysis.site_assets import ASSET_DIR, externalize_itables


def test_inline_bundle_is_replaced_by_a_local_module(tmp_path):
    page = tmp_path / "notebooks" / "04_measures.html"
    page.parent.mkdir()
    block = generate_init_offline_itables_html(itables.options.dt_bundle)
    page.write_text(f"<html><body><h1>x</h1>{block}<p>table</p></body></html>", encoding="utf-8")
    other = tmp_path / "index.html"
    other.write_text("<html><body><h1>home</h1></body></html>", encoding="utf-8")

    changed = externalize_itables(tmp_path)

    assert changed == [page]
    html = page.read_text(encoding="utf-8")
    assert "injectModule(" not in html and len(html) < 6000  # the noscript logo stays; the bundle goes
    assert 'import("../site_libs/itables/dt_bundle.js")' in html
    assert 'href="../site_libs/itables/dt_bundle.css"' in html
    bundle = Path(itables.options.dt_bundle)
    assert (tmp_path / ASSET_DIR / "dt_bundle.js").read_text(encoding="utf-8") == bundle.read_text(encoding="utf-8")
    assert (tmp_path / ASSET_DIR / "dt_bundle.css").read_text(encoding="utf-8") == bundle.with_suffix(".css").read_text(encoding="utf-8")
    assert other.read_text(encoding="utf-8") == "<html><body><h1>home</h1></body></html>"
    assert externalize_itables(tmp_path) == []  # idempotent
