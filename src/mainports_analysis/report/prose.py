"""Prose from templates: every sentence of the briefing lives in ``report/templates/<lang>/``.

Python decides the verdicts and computes the numbers; a Jinja2 template per finding and page
section per language turns them into sentences, so a Dutch editor can change a sentence without
touching code. Templates are rendered with :class:`jinja2.StrictUndefined`: a value the template
names but the code did not pass is an error, never an empty string.

The formatters of :mod:`mainports_analysis.report.text` are available as filters that read the
template's language from the context: ``{{ kg | tonnes }}`` prints ``70.6 t`` in English and
``70,6 ton`` in Dutch.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

from jinja2 import Environment, PackageLoader, StrictUndefined, TemplateNotFound, Undefined, pass_context

from mainports_analysis.report import text

LANGS = ("en", "nl")

#: Formatters exposed as filters; each is called with ``lang=`` from the template's context.
_LANG_FILTERS = {
    "tonnes": text.tonnes,
    "pct": text.pct,
    "signed_pct": text.signed_pct,
    "eur_mln": text.eur_mln,
    "number": text.number,
    "count_word": text.count_word,
    "and_list": text.and_list,
    "month_year": text.month_year,
    "thousands": text.thousands,
    "in_prose": text.in_prose,
    "direction": text.direction,
    "above_below": text.above_below,
    "qualified": text.qualified,
}
#: Formatters that do not depend on the language.
_PLAIN_FILTERS = {"capitalise": text.capitalise}


def _lang_filter(fn):
    @pass_context
    def apply(ctx, value, *args, **kwargs):
        if isinstance(value, Undefined):  # name the missing value, not a formatting error
            value._fail_with_undefined_error()
        return fn(value, *args, lang=ctx["lang"], **kwargs)

    return apply


@lru_cache(maxsize=1)
def environment() -> Environment:
    """The one Jinja2 environment of the package (cached): strict, unescaped Markdown, tidy blocks."""
    env = Environment(
        loader=PackageLoader("mainports_analysis.report", "templates"),
        undefined=StrictUndefined,
        autoescape=False,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=False,
    )
    env.filters.update({name: _lang_filter(fn) for name, fn in _LANG_FILTERS.items()})
    env.filters.update(_PLAIN_FILTERS)
    env.filters["years"] = _lang_filter(text.year_ranges)
    return env


def render(name: str, lang: str, /, **values: Any) -> str:
    """Render template ``<lang>/<name>.md.j2`` with ``values``; whitespace runs inside lines collapse.

    Raises ``ValueError`` for an unknown language and ``LookupError`` naming the file for a
    template that does not exist, so a typo in a template name fails loudly.
    """
    if lang not in LANGS:
        raise ValueError(f"lang must be one of {', '.join(LANGS)}, got {lang!r}")
    path = f"{lang}/{name}.md.j2"
    try:
        template = environment().get_template(path)
    except TemplateNotFound:
        raise LookupError(f"no template {path} in mainports_analysis/report/templates") from None
    return unwrap(template.render(lang=lang, **values))


#: A line that starts a block of its own: a list item, a heading, a table row.
_BLOCK_START = re.compile(r"^(?:[-*+] |\d+\. |#|\|)")


def unwrap(markdown: str) -> str:
    """Join soft-wrapped lines as Markdown does, so templates can be wrapped for editors.

    A line continues the one before it unless either is blank or it starts a block of its own (a
    list item, a heading, a table row); runs of spaces collapse; blank lines (paragraphs) stay.
    """
    out: list[str] = []
    for raw in markdown.strip().split("\n"):
        line = re.sub(r"[ \t]+", " ", raw).strip()
        if out and line and out[-1] and not _BLOCK_START.match(line):
            out[-1] = f"{out[-1]} {line}"
        else:
            out.append(line)
    return re.sub(r"\n{3,}", "\n\n", "\n".join(out))
