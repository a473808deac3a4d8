"""Post-render step: serve the interactive-table library once from ``site_libs/`` instead of inline.

itables' offline mode (no network needed, as a government briefing requires) embeds its DataTables
bundle, about a megabyte in base64, into every page that shows an interactive table. After
rendering, this step writes the bundle once to ``site_libs/itables/`` and replaces each inline copy
with a small loader that imports it from there, so pages stay light and browsers cache it. The
result still makes no request to another server. Works on the output of Quarto and of smalldocs.
"""

from __future__ import annotations

import base64
import os
import re
from pathlib import Path

from .execute import write_atomic

# itables' offline init block: injectCSS("<b64 css>") ... window._itables_X = injectModule("<b64 js>") ...
_BLOCK = re.compile(
    r"<script>\s*function injectCSS\(base64CSS\).*?"
    r'injectCSS\("(?P<css>[A-Za-z0-9+/=]+)"\);\s*'
    r'window\.(?P<var>_itables_[0-9_]+) = injectModule\("(?P<js>[A-Za-z0-9+/=]+)"\);.*?'
    r'new Event\("(?P<event>[^"]+)"\)\);\s*\}\);\s*\}\s*</script>',
    re.S,
)
ASSET_DIR = "site_libs/itables"


def _loader(var: str, event: str, rel: str) -> str:
    return (
        f'<link rel="stylesheet" href="{rel}/dt_bundle.css">\n'
        f'<script>\nif (!window.{var}) {{\n'
        f'  window.{var} = import("{rel}/dt_bundle.js");\n'
        f'  window.{var}.then(() => window.dispatchEvent(new Event("{event}")));\n}}\n</script>'
    )


def externalize_itables(site: Path) -> list[Path]:
    """Move inline itables bundles out of every page of ``site``; returns the pages changed."""
    changed = []
    asset_dir = site / ASSET_DIR
    for page in sorted(site.rglob("*.html")):
        text = page.read_text(encoding="utf-8")
        match = _BLOCK.search(text)
        if not match:
            continue
        asset_dir.mkdir(parents=True, exist_ok=True)
        for name, key in (("dt_bundle.js", "js"), ("dt_bundle.css", "css")):
            target = asset_dir / name
            data = base64.b64decode(match.group(key)).decode("utf-8")
            if not target.is_file() or target.read_text(encoding="utf-8") != data:
                write_atomic(target, data)
        rel = os.path.relpath(asset_dir, page.parent).replace(os.sep, "/")
        text = _BLOCK.sub(lambda m, rel=rel: _loader(m.group("var"), m.group("event"), rel), text)
        write_atomic(page, text)
        changed.append(page)
    return changed
