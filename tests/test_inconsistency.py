"""The `inconsistency` rule: one name spelled two ways in one document.

Decision on different real names one letter apart (Johnson/Johnston): a pair is only one name when
at most one of its spellings is established English (wordfreq Zipf >= 3), unless the two differ in
diacritics alone (Erdoğan/Erdogan). Counting occurrences cannot tell a second person from a typo;
word frequency can tell two established names from a rare misspelling.
"""
from __future__ import annotations

import string

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st
from rapidfuzz import fuzz
from rapidfuzz.distance import Levenshtein

from transaudit.config import Config
from transaudit.detectors import RULES
from transaudit.detectors.inconsistency import _GIVEN_NAME_SLOT, CATEGORY, OPTIONS, RULE, _slack, _words
from transaudit.language import WORD
from transaudit.glossary import compile_glossary, load_glossaries
from transaudit.linter import lint_text

GLOSSARY = """\
version: 1
entries:
  - id: prokudin
    canonical: Oleksandr Prokudin
    kind: person
    source: https://khoda.gov.ua
  - id: pantsir
    canonical: Pantsir
    kind: weapon
    variants: [Pantyr]
  - id: prigozhin
    canonical: Yevgeny Prigozhin
    kind: person
    variants: [Prigojin]
"""


def compiled(tmp_path_factory, text: str):
    path = tmp_path_factory.mktemp("glossary") / "test.yaml"
    path.write_text(text, encoding="utf-8")
    return compile_glossary(load_glossaries([path], include_default=False))


@pytest.fixture(scope="module")
def glossary(tmp_path_factory):
    return compiled(tmp_path_factory, GLOSSARY)


@pytest.fixture(scope="module")
def empty(tmp_path_factory):
    return compiled(tmp_path_factory, "version: 1\nentries: []\n")


def only(**settings) -> Config:
    rules = {r: {"severity": "off"} for r in RULES if r != RULE}
    rules[RULE] = settings
    return Config(default_glossary=False, rules=rules)


@pytest.fixture
def lint(glossary):
    def run(text: str, using=None, config: Config | None = None):
        findings = lint_text(text, path="article.txt", glossary=using or glossary, config=config or only())
        for f in findings:
            assert text[f.start:f.end] == f.text
            assert f.rule == RULE and f.category == CATEGORY and f.entry is None
        return findings

    return run


def found(findings):
    return [(f.text, f.suggestions, f.message) for f in findings]


def test_minority_spelling_without_a_glossary(lint, empty):
    text = ("Kherson governor Oleksandr Prokudin said two people were injured.\n"
            "Prokudin urged residents to stay in shelters.\n"
            "According to Procudin, the shelling lasted two hours.\n")
    [f] = lint(text, using=empty)
    assert (f.text, f.suggestions) == ("Procudin", ("Prokudin",))
    assert f.message == "'Procudin' is spelled 'Prokudin' on line 1"
    assert (f.start, f.severity.value) == (text.index("Procudin"), "warning")


def test_glossary_form_wins_over_the_majority(lint):
    text = ("Regional governor Oleksandr Procudin said the city was shelled again.\n"
            "Procudin's office reported damage to a school.\n"
            "Prokudin later visited the site.\n")
    findings = lint(text)
    assert found(findings) == [
        ("Procudin", ("Prokudin",), "'Procudin' is spelled 'Prokudin' on line 3"),
        ("Procudin's", ("Prokudin's",), "'Procudin' is spelled 'Prokudin' on line 3"),
    ]


def test_majority_and_first_seen(lint, empty):
    text = ("President Zelensky spoke to the parliament. Zelenski said the front was holding, "
            "and Zelensky thanked the allies.\n")
    assert found(lint(text, using=empty)) == [
        ("Zelenski", ("Zelensky",), "'Zelenski' is spelled 'Zelensky' on line 1")]
    tie = "Shoigu met the generals.\nLater Shoygu inspected the troops.\n"
    assert found(lint(tie, using=empty)) == [("Shoygu", ("Shoigu",), "'Shoygu' is spelled 'Shoigu' on line 1")]


def test_a_tie_does_not_respell_a_word_english_knows(lint, empty):
    """Once each: the call sign Madyar and the surname Magyar are two names, not one misspelt."""
    text = ("Budapest barred Robert Brovdi, known by the call sign Madyar. Opposition leader "
            "Péter Magyar accused the government.\n")
    assert found(lint(text, using=empty)) == []


def test_spellings_that_differ_in_diacritics_only(lint, empty):
    text = ("Turkish President Recep Tayyip Erdoğan arrived in Ankara. Erdoğan met the delegation.\n"
            "Erdogan later told reporters the talks went well.\n")
    findings = lint(text, using=empty)
    assert found(findings) == [("Erdogan", ("Erdoğan",), "'Erdogan' is spelled 'Erdoğan' on line 1")]
    assert findings[0].severity.value == "info"


def test_same_letters_in_other_unicode_forms_are_one_spelling(lint, empty):
    text = ("Nicușor Dan won the vote. Nicuşor Dan thanked voters.\n"  # comma below, then cedilla
            "Brasília hosted the summit. Brasi\u0301lia was calm.\n")      # precomposed, then decomposed
    assert lint(text, using=empty) == []


def test_given_names_and_english_words_are_not_respelled(lint, empty):
    text = ("Foreign Minister Andrii Sybiha met Andriy Yermak in Kyiv.\n"
            "Scholz spoke of der Westen. Der Westen must act, he said. Western officials agreed.\n")
    assert lint(text, using=empty) == []


def test_glossary_variants_are_left_to_the_glossary_rules(lint):
    text = "Yevgeny Prigozhin died in August. Prigojin had led the mutiny. The Pantsir and the Pantyr.\n"
    assert lint(text) == []


@pytest.mark.parametrize("text", [
    "Kremlin spokesman Dmitry Peskov said his daughter Elizaveta Peskova had not travelled.",
    "Alexei Navalny's widow Yulia Navalnaya spoke in Munich.",
    "President Volodymyr Zelensky and first lady Olena Zelenska visited Washington.",
    "Sergei Ivanov met Pavel Ivanovich Petrov; Ivanov declined to comment.",
    "Boris Johnson and his adviser Johnston Marsh attended; Johnson spoke first.",
    "Prokudin's statement was shared by Prokudin on Telegram.",
    "The Zelenskys arrived together; Zelensky spoke first.",
    "Nicușor Dan, Romania's president, met Moldova's Maia Sandu; Nicușor Dan thanked her.",
    "The Defence Ministry said the Defense Department had been informed.",
])
def test_other_words_are_not_inconsistencies(lint, empty, text):
    assert lint(text + "\n", using=empty) == []


def test_sentence_initial_english_word_is_not_respelled(lint, empty):
    text = ("Russian troops advanced.\n"
            "The Rusian army and the Rusian navy were on alert.\n")
    assert lint(text, using=empty) == []


def test_rule_can_be_relevelled_and_disabled(lint, empty):
    text = "Zelensky spoke. Zelenski thanked Zelensky's allies.\n"
    [f] = lint(text, using=empty, config=only(severity="error"))
    assert f.severity.value == "error" and f.text == "Zelenski"
    assert lint(text, using=empty, config=only(severity="off")) == []


def _scanned(text: str, min_length: int) -> list[tuple[int, int]]:
    """inconsistency._words must give words of language.WORD (a few shorter than `min_length`
    may come along: the rule checks the length)."""
    return [m.span() for m in _words(text, min_length) if m.end() - m.start() >= min_length]


def _capitalised_words(text: str, min_length: int) -> list[tuple[int, int]]:
    """language.WORD's words not starting with an ASCII lower-case letter, `min_length`
    characters or more, not before a given name's slot."""
    return [m.span() for m in WORD.finditer(text) if m.group()[0] not in string.ascii_lowercase
            and len(m.group()) >= min_length and not _GIVEN_NAME_SLOT.match(text, m.end())]


@pytest.mark.parametrize("text", [
    "In Côte d'Ivoire, President Alassane Ouattara met O’Brien and l'Humanité's editor.",
    "The 2024Zelensky tag, the Ab1Cdefg code, Kyiv's_Mayor and al-Assad's allies.",
    "Erdog\u0306an and \u0301Erdogan, Nicuşor's aides; a'1Bcdef'1Ghijk and ÉTIENNE or Étienne.",
    "Vitali Klitschko said Mayor Klitschko met Ⅻcentury ²Squared and Ǆabcde.",
])
def test_the_word_scan_finds_the_words_of_language_word(text):
    assert _scanned(text, 5) == _capitalised_words(text, 5)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(list("aAbZéÉşŞ'’1٣ -_.\n\u0301\u0488²Ⅻǅ") + ["Ab", " Zelensky", "'s"]),
                max_size=30).map("".join), st.integers(1, 6))
@example("x'1Bcdef", 5)
@example("Aaaa_", 5)
def test_the_word_scan_agrees_with_language_word_on_any_text(text, min_length):
    assert _scanned(text, min_length) == _capitalised_words(text, min_length)


LETTERS = "abcdehiklnorsuvyz"


@st.composite
def spellings(draw):
    """A key and another spelling of it: up to four letters inserted, deleted or replaced."""
    a = draw(st.text(alphabet=LETTERS, min_size=1, max_size=14))
    b = a
    for _ in range(draw(st.integers(0, 4))):
        i = draw(st.integers(0, len(b)))
        c = draw(st.sampled_from(LETTERS))
        b = draw(st.sampled_from([b[:i] + c + b[i:], b[:i] + b[i + 1:], b[:i] + c + b[i + 1:]])) or c
    return a, b


@settings(max_examples=400, deadline=None)
@given(spellings(), st.sampled_from([OPTIONS["min_score"], 50, 95, 100]))
@example(("zelensky", "zelenski"), OPTIONS["min_score"])
@example(("shoigu", "shoygu"), 100)
def test_the_letter_bound_never_parts_close_keys(pair, min_score):
    """Keys with more letters of their own than _slack allows are never close (the rule skips
    rapidfuzz for them)."""
    a, b = pair
    close = fuzz.ratio(a, b) >= min_score or (min(len(a), len(b)) >= 6 and Levenshtein.distance(a, b) == 1)
    if close:
        assert len(set(a) ^ set(b)) <= _slack(len(a) + len(b), min_score)
    assert _slack(16, OPTIONS["min_score"]) == 2 and _slack(30, OPTIONS["min_score"]) == 4
