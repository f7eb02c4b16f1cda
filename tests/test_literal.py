"""Calques derived word for word from a term's native form (inference/literal.py, data/glosses/)."""
from importlib import resources
from pathlib import Path

import pytest
import yaml

from transaudit.glossary import compile_glossary, load_glossaries
from transaudit.inference.literal import derive, renderings
from transaudit.linter import lint_text

GLOSSARY = Path(__file__).parent / "glossaries" / "literal.yaml"


@pytest.fixture(scope="module")
def compiled():
    return compile_glossary(load_glossaries([GLOSSARY], include_default=False), reference=False)


def calques(text, compiled):
    found = [f for f in lint_text(text, glossary=compiled) if f.rule == "calque"]
    for f in found:
        assert text[f.start:f.end] == f.text
    return [(f.text, f.suggestions[0]) for f in found]


@pytest.mark.parametrize("native, lang, english", [
    ("navă de debarcare", "ro", "debarkation ship"),          # Romance: "N de N2" -> "N2 N"
    ("navă de debarcare", "ro", "ship of debarkation"),       # ... and word for word
    ("forțe terestre", "ro", "terrestrial forces"),            # the adjective goes first
    ("Raketenwerfer", "de", "rocket thrower"),                 # a compound split, linking n
    ("Atom-U-Boot", "de", "atom submarine"),
    ("gaz merkezi", "tr", "gas centre"),                       # Turkish compound marker -i
    ("centrală termoelectrică", "ro", "thermoelectric central"),  # an unlisted word's cognate
    ("engin explosif improvisé", "fr", "improvised explosive engine"),  # adjectives after the noun
    ("реактивная система залпового огня", "ru", "reactive system of salvo fire"),  # a genitive
    ("правоснажна пресуда", "sr", "legally valid verdict"),   # Serbian Cyrillic read in Latin (sh.yaml)
    ("nalog za hapšenje", "hr", "order for arrest"),           # a preposition kept in place
    ("meteorologinis balionas", "lt", "meteorological balloon"),  # Lithuanian -as is no plural
    ("presidente del Consiglio", "it", "president of the council"),  # del: "of the"
    ("taxe sur la valeur ajoutée", "fr", "tax on added value"),  # sur kept in place parts the phrases
    ("presidente del Consiglio", "it", "president of council"),
    ("fuerzas de la orden", "es", "forces of the order"),        # de + article: "of the"
    ("نقطه‌زن", "fa", "point-striking"),                        # a Persian word with a ZWNJ inside
    ("ένοπλες δυνάμεις", "el", "armed forces"),
    ("υπουργείο Άμυνας", "el", "ministry of defence"),          # a Greek genitive
    ("ΥΠΟΥΡΓΕΙΟ ΑΜΥΝΑΣ", "el", "ministry of defence"),          # Greek capitals have no accents
    ("servei d'intel·ligència", "ca", "service of intelligence"),  # the Catalan l·l inside a word
    ("两岸关系", "zh", "two-shore relations"),                   # Chinese: split on the longest keys
    ("युद्धविराम", "hi", "war cessation"),                       # Devanagari vowel signs inside the word
    ("جنگ بندی", "ur", "war stoppage"),
    ("جنگ بندي", "ur", "war stoppage"),                          # typed with the Arabic ي
    ("aparat keamanan", "ms", "security apparatus"),             # Malay reads the Indonesian file
    ("兩岸關係", "zh", "two-shore relations"),                   # ... in traditional characters too
    ("Ministerul Apărării Naționale", "ro", "ministry of national defence"),  # a Romanian genitive
    ("különleges katonai művelet", "hu", "special military operation"),
])
def test_renderings(native, lang, english):
    assert english in renderings(native, lang)


def test_a_cognate_must_be_english_not_another_languages_word():
    """agricole is in English corpora (a French loan) but French uses it far more."""
    assert not any("agricole" in r for r in renderings("defensivo agrícola", "pt"))


def test_language_codes_with_a_region_and_codes_that_are_no_language():
    assert renderings("taux directeur", "fr-CA") == renderings("taux directeur", "fr") == ["director rate"]
    assert renderings("taux directeur", "../institutions") == []  # never a path out of data/glosses


def test_unknown_words_and_languages_give_nothing():
    assert renderings("navă de xyzzyq", "ro") == []
    assert renderings("navă de debarcare", "xx") == []
    assert renderings("gza merkezi", "tr") == []  # no cognate rules for Turkish


@pytest.mark.parametrize("text, wrong, fix", [
    ("Two Russian debarkation ships left Sevastopol on Sunday.", "debarkation ships", "landing ships"),
    ("Ukraine hit an atom submarine in the port.", "atom submarine", "nuclear submarine"),
    ("The brigade lost three rocket throwers near Pokrovsk.", "rocket throwers", "rocket launchers"),
    ("Ankara wants a Turkish gas centre for Russian exports.", "gas centre", "gas hub"),
    ("The terrestrial forces of Romania took part.", "terrestrial forces", "ground forces"),
    ("A thermoelectric central in Havana failed again.", "thermoelectric central", "thermal power plant"),
    # Slavic: the adjective stays first, a genitive becomes "of"; Spanish: a plural stays plural
    ("An atomic underwater boat was seen off Norway.", "atomic underwater boat", "nuclear submarine"),
    ("The forces of order dispersed the crowd in Kursk.", "forces of order", "law enforcement"),
    # one word, when English seldom uses it (not chancellor for canciller)
    ("Hamas freed the last living abductees on Monday.", "abductees", "hostages"),
])
def test_literal_calques_in_news_sentences(compiled, text, wrong, fix):
    assert calques(text, compiled) == [(wrong, fix)]


def test_an_organisation_named_word_for_word(compiled):
    text = ("Prague's National Office for Cybernetic and Information Security warned of attacks; "
            "the Service of Security of Ukraine agreed.")
    found = [(f.text, f.suggestions[0], f.rule) for f in lint_text(text, glossary=compiled)]
    assert found == [
        ("National Office for Cybernetic and Information Security", "National Cyber and Information Security Agency",
         "institution"),
        ("Service of Security of Ukraine", "Security Service of Ukraine", "institution")]
    f = next(f for f in lint_text(text, glossary=compiled) if f.text.startswith("National"))
    assert "through Czech" in f.message and "word for word from 'Národní úřad" in f.message
    assert f.severity.value == "warning"  # such a rendering is sometimes the body's own English name


def test_a_treaty_named_word_for_word(compiled):
    text = "India suspended the Indus Basin Treaty after the attack; the Indus Waters Treaty dates from 1960."
    found = [(f.text, f.suggestions[0], f.rule) for f in lint_text(text, glossary=compiled)]
    assert found == [("Indus Basin Treaty", "Indus Waters Treaty", "calque")]


def test_an_organisation_named_in_common_words_only_is_not_derived():
    """Federal Defence (Bundeswehr) or Party of God (Hezbollah): plain English, another body's
    name or a gloss the text gives on purpose."""
    from transaudit.glossary.model import Entry

    for canonical, native in (("Bundeswehr", "Bundeswehr"), ("Hezbollah", "حزب الله")):
        entry = Entry(id=canonical.lower(), canonical=canonical, kind="organization",
                      native=(("de" if canonical == "Bundeswehr" else "ar", native),))
        assert derive(entry) == []


@pytest.mark.parametrize("text", [
    "The National Cyber and Information Security Agency (NÚKIB) warned of attacks.",
    "The Ministry of Defence of Ukraine said the drones were shot down.",
    "Ukraine's security service said the national office for cybernetic matters was not involved.",
])
def test_an_organisation_reordered_or_with_its_country_is_no_calque(compiled, text):
    assert lint_text(text, glossary=compiled) == []


def test_a_name_inside_an_organisation_name_renders_as_the_english_name_spells_it():
    assert "Razumkov centre" in renderings("Centrum Razumkowa", "pl", ("Razumkov Centre",))
    assert renderings("Centrum Razumkowa", "pl") == []          # an unknown word: nothing
    assert renderings("Centrum Kowalskiego", "pl", ("Razumkov Centre",)) == []  # another name


def test_a_rendering_of_common_words_only_is_less_sure(compiled):
    """No word of the term and no rare word: it may be plain English."""
    entries = {e.canonical: e for e in load_glossaries([GLOSSARY], include_default=False).entries}
    confidence = {p.form: p.confidence for name in ("personnel", "landing ship")
                  for p in derive(entries[name])}
    assert confidence["personal composition"] == 0.7
    assert confidence["debarkation ship"] == 0.8


def test_the_message_names_the_source_term(compiled):
    f = next(f for f in lint_text("Two ships of debarkation sailed.", glossary=compiled) if f.rule == "calque")
    assert (f.text, f.suggestions[0]) == ("ships of debarkation", "landing ships")
    assert "through Romanian" in f.message and "word for word from 'navă de debarcare'" in f.message


@pytest.mark.parametrize("text", [
    # the English terms themselves and their aliases
    "Two Russian landing ships and a nuclear submarine left Sevastopol; land forces followed.",
    "The rocket launchers, the gas hub and the thermal power station were hit.",
    # a rendering of common words with no word of the term is as often plain English: not derived
    "Critics called the vote a blow to the state, a strike of the staff.",
    "The German chancellor met the foreign minister; the hostages were freed.",  # canciller: chancellor is English
])
def test_english_terms_and_plain_english_are_clean(compiled, text):
    assert calques(text, compiled) == []


GLOSSES = resources.files("transaudit") / "data" / "glosses"


class _UniqueKeys(yaml.SafeLoader):
    """A loader that refuses a key repeated in one mapping (PyYAML keeps the last silently)."""

    def construct_mapping(self, node, deep=False):
        keys = [self.construct_object(k, deep=deep) for k, _ in node.value]
        repeated = {k for k in keys if keys.count(k) > 1}
        assert not repeated, f"line {node.start_mark.line + 1}: repeated {sorted(repeated)[:5]}"
        return super().construct_mapping(node, deep=deep)


@pytest.mark.parametrize("name", sorted(p.name for p in GLOSSES.iterdir() if p.name.endswith(".yaml")
                                        and p.name != "cognates.yaml"))
def test_gloss_files_are_well_formed(name):
    data = yaml.load((GLOSSES / name).read_text("utf-8"), Loader=_UniqueKeys)
    assert data["version"] == 1 and data["language"] == name.removesuffix(".yaml") and data["source"]
    for section in ("nouns", "adjectives", "prefixes"):
        for key, glosses in (data.get(section) or {}).items():
            assert isinstance(key, str) and key == key.lower(), (section, key)
            assert glosses and all(isinstance(g, str) and g.strip() for g in glosses), (section, key)
    for word, rendering in (data.get("function") or {}).items():
        assert isinstance(word, str) and isinstance(rendering, str), word


@pytest.mark.parametrize("lang, word, english", [
    ("cs", "komunikace", "communication"),   # k -> c, -ace -> -ation, then the nearest English word
    ("cs", "iniciativy", "initiative"),
    ("pl", "konflikt", "conflict"),
    ("ru", "коммуникаций", "communication"),  # read in Latin letters first
    ("uk", "конфлікт", "conflict"),
    ("sh", "strategijski", "strategic"),
    ("uk", "стабілізаційне", "stabilization"),  # an adjective of an -ation noun
])
def test_look_alikes_of_slavic_internationalisms(lang, word, english):
    from transaudit.inference.literal import lexicon

    assert lexicon(lang).lookup(word)[0] == english


def test_an_adjective_of_an_ation_noun_stays_a_modifier():
    assert "stabilization disconnection" in renderings("стабілізаційне відключення", "uk")


def test_a_word_like_no_frequent_english_word_stays_unknown():
    from transaudit.inference.literal import lexicon

    assert lexicon("cs").lookup("zzyzxace") is None and lexicon("ru").lookup("щщыщ") is None


def test_an_organisation_rendering_inside_a_longer_name_is_not_reported(compiled):
    text = "The National Office for Cybernetic and Information Security Reform Commission met on Monday."
    assert [f for f in lint_text(text, glossary=compiled) if f.rule == "institution"] == []


def test_a_later_gloss_that_is_a_word_of_the_english_term():
    """Translators keep the words they know and calque the rest: денежно-кредитная политика is
    "money-credit politics" word for word, and "monetary-credit policy" beside monetary policy."""
    assert "monetary-credit policy" not in renderings("денежно-кредитная политика", "ru")
    assert "monetary-credit policy" in renderings("денежно-кредитная политика", "ru",
                                                  prefer=frozenset({"monetary", "policy"}))
    entry = next(e for e in load_glossaries([Path(__file__).parent / "glossaries" / "inference.yaml"],
                                            include_default=False).entries if e.canonical == "monetary policy")
    assert {"money-credit politics", "monetary-credit policy"} <= {p.form for p in derive(entry)}
