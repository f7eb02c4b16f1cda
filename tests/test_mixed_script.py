"""The `mixed-script` rule: look-alike letters from other scripts inside words."""
from __future__ import annotations

import os
import subprocess
import sys
import textwrap
import unicodedata
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from transaudit.config import Config
from transaudit.detectors import RULES
from transaudit.detectors.mixed_script import CATEGORY, RULE
from transaudit.glossary import compile_glossary, load_glossaries
from transaudit.linter import lint_text

SRC = Path(__file__).resolve().parents[1] / "src"

GLOSSARY = """\
version: 1
entries:
  - id: kyiv
    canonical: Kyiv
    kind: place
    native: {uk: Київ}
"""


@pytest.fixture(scope="module")
def glossary(tmp_path_factory):
    path = tmp_path_factory.mktemp("glossary") / "test.yaml"
    path.write_text(GLOSSARY, encoding="utf-8")
    return compile_glossary(load_glossaries([path], include_default=False))


def only(**settings) -> Config:
    rules = {r: {"severity": "off"} for r in RULES if r != RULE}
    rules[RULE] = settings
    return Config(default_glossary=False, rules=rules)


@pytest.fixture
def lint(glossary):
    def run(text: str, path: str = "article.md", config: Config | None = None):
        findings = lint_text(text, path=path, glossary=glossary, config=config or only())
        for f in findings:
            assert text[f.start:f.end] == f.text
            assert f.rule == RULE and f.category == CATEGORY and f.entry is None
        return findings

    return run


def test_cyrillic_capital_in_a_latin_word(lint):
    text = "Air-raid sirens sounded across \u041ayiv overnight, the city administration said.\n"
    [f] = lint(text)
    assert (f.text, f.suggestions, f.severity.value) == ("\u041ayiv", ("Kyiv",), "error")
    assert (f.start, f.end) == (31, 35)
    assert f.message == "'\u041ayiv' mixes Cyrillic and Latin letters: Cyrillic '\u041a' for Latin 'K'"


def test_greek_omicron_after_an_emoji(lint):
    # the flag is two astral code points: offsets still count code points
    text = "\U0001F1FA\U0001F1E6 Deputy minister K\u03bfstiantyn Koshelenko visited the front.\n"
    [f] = lint(text)
    assert f.text == "K\u03bfstiantyn" and f.suggestions == ("Kostiantyn",)
    assert f.start == text.index("K\u03bf")
    assert "Greek '\u03bf' for Latin 'o'" in f.message


def test_several_look_alikes_and_a_compatibility_letter(lint):
    text = "Officials in \u041ed\u0435s\u0430 and \u212ayiv confirmed the strikes.\n"
    found = lint(text)
    assert [(f.text, f.suggestions) for f in found] == [("\u041ed\u0435s\u0430", ("Odesa",)),
                                                        ("\u212ayiv", ("Kyiv",))]
    assert found[0].message == ("'\u041ed\u0435s\u0430' mixes Cyrillic and Latin letters: Cyrillic '\u041e' "
                                "for Latin 'O', Cyrillic '\u0435' for Latin 'e', Cyrillic '\u0430' for Latin 'a'")
    assert found[1].message == "'\u212ayiv' uses look-alike letters: '\u212a' for 'K'"


def test_letter_without_a_latin_look_alike_has_no_suggestion(lint):
    text = "The statement by Zelensk\u0438y was published on Telegram.\n"
    [f] = lint(text)
    assert f.text == "Zelensk\u0438y" and f.suggestions == ()
    assert f.message == "'Zelensk\u0438y' mixes Cyrillic and Latin letters: Cyrillic '\u0438'"


def test_mostly_cyrillic_word_is_written_in_cyrillic(lint):
    text = "The sign read \u041a\u0438\u0457\u0432 and K\u0438\u0457\u0432 in two places.\n"
    [f] = lint(text)
    assert f.text == "K\u0438\u0457\u0432" and f.suggestions == ("\u041a\u0438\u0457\u0432",)


@pytest.mark.parametrize("text", [
    "Romanian President Nicușor Dan met Turkish President Recep Tayyip Erdoğan in Kraków.",
    unicodedata.normalize("NFD", "Nicușor Dan thanked Erdoğan and the mayor of Kraków, Łódź and Zürich."),
    "Crowds in Київ chanted \u00abСлава Україні\u00bb as the convoy passed.",
    "Supporters posted \U0001F1FA\U0001F1E6\u2764\ufe0f and \U0001F44D under Kyiv's statement.",
    "The dose was 50 μg, and the resistor is rated at 10 kΩ.",
    "The sign at 東京都の庁舎 read \u201ciPhone手机\u201d in two scripts.",
    "Prices rose 5% in the EU's 27 member states, Eurostat's data show.",
])
def test_correct_text_is_not_flagged(lint, text):
    assert lint(text + "\n") == []


def test_markup_is_not_checked(lint):
    assert lint("See `\u041ayiv` in the log and the [report](https://example.com/\u041ayiv).\n") == []


def test_rule_can_be_relevelled_and_disabled(lint):
    text = "Air-raid sirens sounded across \u041ayiv overnight.\n"
    [f] = lint(text, config=only(severity="warning"))
    assert f.severity.value == "warning"
    assert lint(text, config=only(severity="off")) == []


def test_look_alike_in_a_hyphenated_weapon_name(lint):
    text = "Russian troops struck the town with Tornado-\u0421 rocket launchers.\n"
    [f] = lint(text)
    assert (f.text, f.suggestions) == ("Tornado-\u0421", ("Tornado-C",))


# ---------------------------------------------------------------- the fast paths


def test_plain_latin_letters_are_one_script_for_confusable_homoglyphs():
    """Words of these letters are skipped without a look at the script data: it must agree."""
    from confusable_homoglyphs import categories

    from transaudit.detectors.mixed_script import _check, plain_letters

    plain = plain_letters()
    assert {"é", "ș", "ğ", "ó", "Ł", "ự", "\u0326", "-", "7"} <= plain
    assert not {"ĳ", "ſ", "ǉ", "\u041a", "\u03bf", "\u212a", "Ｋ", "µ"} & plain
    assert {categories.alias(c) for c in plain} == {"LATIN", "COMMON", "INHERITED"}
    assert _check("Kraków-Erdoğan") is None and _check("ĳs") is not None


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(["Кyiv", "Kοstiantyn", "Ｋ", "ĳ", "Київ", "café", "e\u0301", "\u0483", "-", "--",
                                 " ", "\n", "’", "μg", "東京", "Tornado-С", "a", "_", "²", "Erdoğan", "."]),
                max_size=16).map("".join))
def test_non_ascii_tokens_are_the_tokens_with_a_non_ascii_character(text):
    from transaudit.detectors.mixed_script import _TOKEN, _non_ascii_tokens

    assert [m.span() for m in _non_ascii_tokens(text)] == [
        m.span() for m in _TOKEN.finditer(text) if not m.group().isascii()]


def test_latin_text_with_accents_does_not_load_the_script_data():
    code = textwrap.dedent("""
        import sys
        from transaudit.glossary import compile_glossary, load_glossaries
        from transaudit.linter import lint_text
        g = compile_glossary(load_glossaries([], include_default=False))
        text = "Nicușor Dan met Recep Tayyip Erdoğan in Kraków, Łódź and Zürich on “Tuesday”.\\n"
        print(lint_text(text, path="a.md", glossary=g) == [], "confusable_homoglyphs" in sys.modules)
        found = lint_text("Sirens sounded in \u041ayiv.\\n", path="a.md", glossary=g)
        print([f.text for f in found] == ["\u041ayiv"], "confusable_homoglyphs" in sys.modules)
    """)
    env = {**os.environ, "PYTHONPATH": str(SRC)}
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, check=True,
                         timeout=120).stdout
    assert out.split() == ["True", "False", "True", "True"]
