"""The :class:`Finding` record shared by every key finding.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Finding:
    """One key finding: where it comes from, and its sentence in English and Dutch."""

    key: str
    page: str  # the notebook that shows the analysis behind it (relative to the site root)
    heading_en: str
    heading_nl: str
    text_en: str
    text_nl: str
    numbers: dict = field(default_factory=dict)
    #: One sentence for the home page (the analysis page shows the full text); falls back to it.
    short_en: str = ""
    short_nl: str = ""

    def text(self, lang: str = "en") -> str:
        return self.text_nl if lang == "nl" else self.text_en

    def short(self, lang: str = "en") -> str:
        return (self.short_nl if lang == "nl" else self.short_en) or self.text(lang)

    def heading(self, lang: str = "en") -> str:
        return self.heading_nl if lang == "nl" else self.heading_en
