"""Post-render step (run by Quarto and by smalldocs after rendering, see _quarto.yml).

Makes the rendered site work when opened from disk (the interactive table and the search), frames
tables for phones, links each chart to its full-size PNG and moves each chart's CSV out of the page
into a file beside it, adds previous/next links along the navbar's reading order where the renderer
made none, names the navigation landmarks, drops the theme's unused CSS and icons, links the first use of each glossary term, adds each
page's dates, publisher, contact, citation, description, Open Graph tags and favicon, and translates
the renderer's fixed words on pages in another language. See :mod:`mainports_analysis.site.assets`,
:mod:`mainports_analysis.site.glossary` and :mod:`mainports_analysis.site.pagemeta`.
"""

import os
from pathlib import Path

from mainports_analysis.site import project
from mainports_analysis.site.assets import (
    add_offline_search,
    add_page_navigation,
    externalize_downloads,
    externalize_itables,
    frame_site_tables,
    label_landmarks,
    link_site_figures,
    localise,
    reading_order,
)
from mainports_analysis.site.glossary import link_site_glossary
from mainports_analysis.site.pagemeta import add_page_meta, read_meta
from mainports_analysis.site.slim import slim_site


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
website = cfg.get("website") or {}

externalize_itables(site)
externalize_downloads(site)
frame_site_tables(site)
link_site_figures(site)
add_offline_search(site)
add_page_navigation(site, reading_order(site, left_navbar(cfg), lang))
link_site_glossary(site)
add_page_meta(site, read_meta(root, str(website.get("site-url") or "")), site_description=str(website.get("description") or ""))
label_landmarks(site)
localise(site)
slim_site(site)
