"""Generate the library reference pages (``reference/api/*.qmd``) from the modules' docstrings.

Uses smalldocs' API extractor (signatures, types and docstrings as plain Markdown), so the pages are
ordinary ``.qmd`` files that Quarto and smalldocs both render. Only the modules a researcher calls
are documented; the build machinery is described in the README.

Docstrings are written for Sphinx-style readers, so two things are translated for the page: the
module summary is the page's description (shown once, under the title, not again in the body), and
cross-reference roles such as ``:class:`DataValidationError``` or ``:func:`load_all``` become code,
linked to the module's page when the target is another public module.
"""

from __future__ import annotations

import importlib
import json
import re
from pathlib import Path

from mainports_analysis._io import write_atomic

#: Modules a researcher uses, in the order the reference lists them.
PUBLIC_MODULES = (
    "data.load", "data.registry", "data.series", "data.rulings", "data.quality", "data.citation", "data.numbers",
    "data.validate", "data.schemas",
    "analysis.metrics", "analysis.money", "analysis.hubs", "analysis.displacement", "analysis.waterbed",
    "analysis.measures",
    "report.text", "report.labels", "report.prose", "report.findings", "report.tables", "report.charts.style",
    "report.measures", "report.source_sensitivity", "report.caveats",
)  # fmt: skip
OUT = "reference/api"


_ROLE = re.compile(r":(?:py:)?(?:class|func|meth|mod|data|attr|exc|obj|const|term):`(?P<body>[^`]+)`")
_FENCE = re.compile(r"^(```|~~~)")


def _role_target(body: str) -> tuple[str, str]:
    """(shown text, target) of a role's body: ``title <target>``, ``~a.b.c`` (shown as ``c``) or ``target``."""
    m = re.fullmatch(r"(?P<title>.+?)\s*<(?P<target>[^>]+)>", body.strip())
    if m:
        return m.group("title").strip(), m.group("target").strip()
    target = body.strip()
    if target.startswith("~"):
        target = target[1:]
        return target.rsplit(".", 1)[-1], target
    return target, target


def render_roles(markdown: str, *, current: str | None = None) -> str:
    """Turn Sphinx cross-reference roles into Markdown code (outside code fences).

    A target in another public module, ``mainports_analysis.<module>[.name]``, links to that
    module's page; anything else is plain code.
    """
    out, fenced = [], False
    public = set(PUBLIC_MODULES)

    def one(m: re.Match) -> str:
        shown, target = _role_target(m.group("body"))
        dotted = target.removeprefix("mainports_analysis.") if target.startswith("mainports_analysis.") else ""
        module = next((m for m in public if dotted == m or dotted.startswith(m + ".")), None)
        code = f"`{shown}`"
        if module is not None and module != current:
            return f"[{code}]({page_stem(module)}.qmd)"
        return code

    for line in markdown.split("\n"):
        if _FENCE.match(line.lstrip()):
            fenced = not fenced
            out.append(line)
            continue
        out.append(line if fenced else _ROLE.sub(one, line))
    return "\n".join(out)


def page_stem(name: str) -> str:
    """The page file's stem of a public module: its dotted name with hyphens (``data.load`` → ``data-load``).

    Two layers may hold modules of the same name (``analysis.measures``, ``report.measures``).
    """
    return name.replace(".", "-")


def module_page(name: str) -> str:
    """One module's reference page: front matter, then the module rendered by smalldocs.api.

    The summary line of the module's docstring becomes the page's description and is not repeated
    in the body; Sphinx roles become code (:func:`render_roles`).
    """
    from smalldocs.api import module_markdown

    mod = importlib.import_module(f"mainports_analysis.{name}")
    body = module_markdown(mod).split("\n", 1)[1].strip()
    doc = (mod.__doc__ or "").strip()
    summary = doc.split("\n\n", 1)[0].strip() if doc else ""
    if summary and body.startswith(summary):
        body = body[len(summary):].lstrip()
    description = " ".join(summary.split())
    front = f"---\ntitle: {json.dumps('mainports_analysis.' + name)}\ndescription: {json.dumps(description)}\n---\n\n"
    return front + render_roles(body, current=name) + "\n"


def available_modules() -> list[str]:
    """The public modules that exist in this version of the package."""
    here = Path(__file__).parent.parent
    return [m for m in PUBLIC_MODULES
            if (here / f"{m.replace('.', '/')}.py").is_file() or (here / m.replace(".", "/") / "__init__.py").is_file()]


def write_api_pages(root: Path) -> list[Path]:
    """Write one page per public module into ``<root>/reference/api`` and remove stale ones."""
    out = root / OUT
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for name in available_modules():
        path = out / f"{page_stem(name)}.qmd"
        text = module_page(name)
        if not path.is_file() or path.read_text(encoding="utf-8") != text:
            write_atomic(path, text)
        written.append(path)
    for stale in set(out.glob("*.qmd")) - set(written):
        stale.unlink()
    return written
