"""Read the Quarto project (``_quarto.yml``): the pages it renders and the navbar's reading order.

The build, the offline renderer and the tests all take the list of pages from here, so adding a
notebook means adding it to ``_quarto.yml`` and nowhere else.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from mainports_analysis.paths import project_root


@dataclass(frozen=True)
class NavEntry:
    """One navbar link: its text and the source file it points to."""

    text: str
    href: str


def config(root: Path | None = None) -> dict:
    """The parsed ``_quarto.yml``."""
    import yaml

    root = root or project_root()
    with (root / "_quarto.yml").open(encoding="utf-8") as fh:
        return yaml.safe_load(fh) or {}


def render_list(root: Path | None = None) -> list[str]:
    """The files ``project.render`` names, in order (paths relative to the root)."""
    cfg = config(root)
    return [str(p) for p in (cfg.get("project", {}) or {}).get("render", []) or []]


def notebooks(root: Path | None = None) -> list[Path]:
    """Every notebook the site renders, in the render list's order (absolute paths)."""
    root = root or project_root()
    return [root / p for p in render_list(root) if p.endswith(".ipynb")]


def navbar(root: Path | None = None) -> list[NavEntry]:
    """The navbar's links in reading order, menus flattened."""
    cfg = config(root)
    nav = ((cfg.get("website") or {}).get("navbar") or {})
    entries: list[NavEntry] = []

    def walk(items) -> None:
        for item in items or []:
            if isinstance(item, str):
                entries.append(NavEntry(item, item))
            elif isinstance(item, dict):
                if "menu" in item:
                    walk(item["menu"])
                elif "href" in item:
                    entries.append(NavEntry(str(item.get("text", item["href"])), str(item["href"])))

    walk(nav.get("left"))
    walk(nav.get("right"))
    return entries


def output_dir(root: Path | None = None) -> str:
    """The site folder (``project.output-dir``, default ``_site``)."""
    cfg = config(root)
    return str((cfg.get("project") or {}).get("output-dir") or "_site")
