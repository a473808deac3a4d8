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

from jinja2 import Environment, PackageLoader, StrictUndefined, TemplateNotFound, pass_context

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
}
#: Formatters that do not depend on the language.
_PLAIN_FILTERS = {"years": text.years_text}


def _lang_filter(fn):
    @pass_context
    def apply(ctx, value, *args, **kwargs):
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
    out = template.render(lang=lang, **values)
    return "\n".join(re.sub(r"[ \t]{2,}", " ", line).rstrip() for line in out.strip().split("\n"))
