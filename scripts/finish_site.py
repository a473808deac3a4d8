"""Post-render step (run by Quarto and by smalldocs after rendering, see _quarto.yml).

Makes the rendered site work when opened from disk (the interactive table and the search), frames
tables for phones, links each chart to its full-size PNG, adds previous/next links along the
navbar's reading order where the renderer made none, and translates the renderer's fixed words on
pages in another language. See :mod:`mainports_analysis.site.assets`.
"""

import os
from pathlib import Path

from mainports_analysis.site import project
from mainports_analysis.site.assets import (
    add_offline_search,
    add_page_navigation,
    externalize_itables,
    frame_site_tables,
    link_site_figures,
    localise,
    reading_order,
)


def left_navbar(cfg: dict) -> list[tuple[str, str]]:
    """(text, href) of the navbar's left entries, menus flattened: the reading order."""
    out: list[tuple[str, str]] = []

    def walk(items) -> None:
        for item in items or []:
            if isinstance(item, str):
                out.append((item, item))
            elif isinstance(item, dict) and "menu" in item:
                walk(item["menu"])
            elif isinstance(item, dict) and "href" in item:
                out.append((str(item.get("text", item["href"])), str(item["href"])))

    walk(((cfg.get("website") or {}).get("navbar") or {}).get("left"))
    return out


root = Path(os.environ.get("QUARTO_PROJECT_DIR") or Path(__file__).resolve().parents[1])
out = Path(os.environ.get("QUARTO_PROJECT_OUTPUT_DIR") or "_site")
site = out if out.is_absolute() else root / out
cfg = project.config(root)
lang = str((((cfg.get("format") or {}).get("html") or {}).get("lang")) or "en")

externalize_itables(site)
frame_site_tables(site)
link_site_figures(site)
add_offline_search(site)
add_page_navigation(site, reading_order(site, left_navbar(cfg), lang))
localise(site)
