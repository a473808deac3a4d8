"""Prose lives in templates: strict rendering, both languages, no number typed in, Dutch as the ministry writes it,
and notebooks 01 and 02 that only call the library."""

from __future__ import annotations

import json
import re
from importlib.resources import files

import pytest
from jinja2 import UndefinedError

from mainports_analysis import load_all
from mainports_analysis.report import findings, prose

TEMPLATES = files("mainports_analysis.report") / "templates"
#: Page sections and findings the home page and the Samenvatting print: each exists in both languages.
BOTH_LANGUAGES = ("money", "monitoring", "approach", "main_caveats", "findings_list")
#: Digits allowed as literal text in a template: definitions, not data ("1 = everything at one hub",
#: "100% by construction", "top-3", "0–1").
DEFINITIONS = {"0", "1", "3", "100"}


def _template_files():
    return sorted(p for lang in ("en", "nl") for p in _walk(TEMPLATES / lang))


def _walk(folder):
    for p in folder.iterdir():
        if p.is_dir():
            yield from _walk(p)
        elif p.name.endswith(".md.j2"):
            yield p


@pytest.fixture(scope="module")
def data():
    return load_all()


def test_findings_and_home_sections_exist_in_both_languages():
    for name in BOTH_LANGUAGES:
        assert (TEMPLATES / "en" / f"{name}.md.j2").is_file() and (TEMPLATES / "nl" / f"{name}.md.j2").is_file(), name


def test_a_missing_value_is_an_error_not_an_empty_string():
    with pytest.raises(UndefinedError, match="hubs_total"):
        prose.render("money", "en", part="text")
    with pytest.raises(LookupError, match="no template nl/mony.md.j2"):
        prose.render("mony", "nl")
    with pytest.raises(ValueError, match="lang"):
        prose.render("money", "de")


def test_filters_read_the_language_from_the_template():
    t = prose.environment().from_string("{{ kg | tonnes }}; {{ m | eur_mln }}; {{ ys | years }}; {{ xs | and_list }}")
    assert t.render(lang="nl", kg=70571, m=16.5, ys=[2020, 2021, 2023], xs=["a", "b"]) == "70,6 ton; € 16,5 miljoen; 2020–2021, 2023; a en b"
    assert t.render(lang="en", kg=70571, m=16.5, ys=[], xs=["a", "b"]) == "70.6 t; EUR 16.5 mln; none; a and b"


def test_soft_wrapped_template_lines_join_but_lists_and_paragraphs_stay():
    assert prose.unwrap("A sentence\n  that wraps.\n\nNext   paragraph.") == "A sentence that wraps.\n\nNext paragraph."
    assert prose.unwrap("- one\n  more\n- two\n1. three\n# Head") == "- one more\n- two\n1. three\n# Head"


def test_no_number_is_typed_into_a_template():
    for path in _template_files():
        literal = re.sub(r"\{#.*?#\}|\{\{.*?\}\}|\{%.*?%\}", " ", path.read_text(encoding="utf-8"), flags=re.S)
        literal = re.sub(r"(?m)^\d+\. ", " ", literal)  # Markdown list numbering is not a figure
        literal = re.sub(r"[A-Z][a-z]+(?: et al\.)? \d{4}", " ", literal)  # a citation ("Bloom 1995") is not a figure
        digits = set(re.findall(r"\d+", literal))
        assert digits <= DEFINITIONS, f"{path.name}: typed-in numbers {sorted(digits - DEFINITIONS)}"


def test_dutch_is_written_as_the_ministry_writes_it(data):
    nl = "\n".join([*(f.text_nl + f.short_nl + f.heading_nl for f in findings.key_findings(data) if f.key in ("money", "monitoring")),
                    findings.approach(data, "nl"), findings.main_caveats(data, "nl")])
    assert "vangst" not in nl.lower() and " mln" not in nl  # "inbeslagnames"; "miljoen" in running text
    assert "€ 16,5 miljoen" in nl and "Maatregelen, maar geen nulmeting" in nl
    assert "Ontbrekende cijfers worden niet aangevuld" in nl and "Gaten" not in nl
    assert "Havens Noordzeekanaalgebied" not in nl and "de havens van het Noordzeekanaalgebied" in nl  # no heading capitals
    assert "HARC (Hit and Run Cargo-team" in nl


def test_english_spells_out_harc_and_translates_rode_lijnen(data):
    assert "HARC (Hit and Run Cargo team, port of Rotterdam)" in findings.main_caveats(data)
    approach = findings.approach(data)
    assert "four lines of action (*rode lijnen*)" in approach and "red lines" not in approach


@pytest.mark.parametrize("name", ["notebooks/01_allocation.ipynb", "notebooks/02_seizures.ipynb"])
def test_notebooks_only_call_the_library(root, name):
    nb = json.loads((root / name).read_text(encoding="utf-8"))
    cells = ["".join(c["source"]) for c in nb["cells"] if c["cell_type"] == "code"]
    code = [[ln for ln in c.split("\n") if ln.strip() and not ln.startswith("#|")] for c in cells]
    assert sum(map(len, code)) / len(code) <= 6
    for lines in code:
        text = "\n".join(lines)
        assert not re.search(r"^\s*(for|def|while) |lambda|f\"|f'", text, flags=re.M), text
