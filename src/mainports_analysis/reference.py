"""Generate the library reference pages (``reference/api/*.qmd``) from the modules' docstrings.

Uses smalldocs' API extractor (signatures, types and docstrings as plain Markdown), so the pages are
ordinary ``.qmd`` files that Quarto and smalldocs both render. Only the modules a researcher calls
are documented; the build machinery is described in the README.
"""

from __future__ import annotations

import importlib
import json
from pathlib import Path

from .execute import write_atomic

#: Modules a researcher uses, in the order the reference lists them.
PUBLIC_MODULES = (
    "load", "registry", "series", "metrics", "displacement", "waterbed", "measures", "findings", "caveats",
    "plotting", "tables", "numbers", "validate", "schemas",
)  # fmt: skip
OUT = "reference/api"


def module_page(name: str) -> str:
    """One module's reference page: front matter, then the module rendered by smalldocs.api."""
    from smalldocs.api import module_markdown

    mod = importlib.import_module(f"mainports_analysis.{name}")
    body = module_markdown(mod).split("\n", 1)[1].strip()
    summary = (mod.__doc__ or "").strip().splitlines()[0] if mod.__doc__ else ""
    front = f"---\ntitle: {json.dumps('mainports_analysis.' + name)}\ndescription: {json.dumps(summary)}\n---\n\n"
    return front + body + "\n"


def available_modules() -> list[str]:
    """The public modules that exist in this version of the package."""
    here = Path(__file__).parent
    return [m for m in PUBLIC_MODULES if (here / f"{m}.py").is_file()]


def write_api_pages(root: Path) -> list[Path]:
    """Write one page per public module into ``<root>/reference/api`` and remove stale ones."""
    out = root / OUT
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for name in available_modules():
        path = out / f"{name}.qmd"
        text = module_page(name)
        if not path.is_file() or path.read_text(encoding="utf-8") != text:
            write_atomic(path, text)
        written.append(path)
    for stale in set(out.glob("*.qmd")) - set(written):
        stale.unlink()
    return written
