"""The `inconsistency` rule: one name spelled two ways in one document.

Decision on different real names one letter apart (Johnson/Johnston): a pair is only one name when
at most one of its spellings is established English (wordfreq Zipf >= 3), unless the two differ in
diacritics alone (Erdoğan/Erdogan). Counting occurrences cannot tell a second person from a typo;
word frequency can tell two established names from a rare misspelling.
"""
from __future__ import annotations

import pytest

from transaudit.config import Config
from transaudit.detectors import RULES
from transaudit.detectors.inconsistency import CATEGORY, RULE
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
