"""Glossary matching: CompiledGlossary.scan() and the listed-variant and calque rules on top of it.

Word boundaries, case rules for names and terms, inflection, leftmost-longest (CONTRACTS §1).
The desk glossary (tests/fixtures/glossaries/desk.yaml) is compiled without inference.
"""
from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st


def scanned(compiled, text):
    out = []
    for m in compiled.scan(text):
        assert text[m.start:m.end] == m.text
        out.append((m.text, m.start, m.correct, m.best().pattern.entry))
    return out


def flagged(lint, text):
    return [(f.rule, f.text, f.start, f.suggestions, f.entry) for f in lint(text)]


# ---------------------------------------------------------------- word boundaries

def test_tor_is_a_whole_word(desk):
    assert scanned(desk, "Toronto police closed the Tor browser case near Tor.") == [
        ("Tor", 26, True, "tor"), ("Tor", 48, True, "tor")]
    assert scanned(desk, "Toronto, Torres and Motor-Tor2 met in Tornio") == []


def test_alias_with_hyphen_matches_as_one_form(desk):
    assert scanned(desk, "a Tor-M2 battery and a Thor-M2 decoy") == [
        ("Tor-M2", 2, True, "tor"), ("Thor-M2", 23, False, "tor")]


def test_possessive_of_a_short_form_is_the_person(desk):
    assert scanned(desk, "Assad's forces and Assad’s allies, not Assadist ones") == [
        ("Assad's", 0, True, "bashar-al-assad"), ("Assad’s", 19, True, "bashar-al-assad")]


def test_a_variant_with_the_right_surname_does_not_make_the_surname_wrong(desk):
    """'Bachar al-Assad' is wrong for its given name: Hafez al-Assad's surname stays right."""
    assert scanned(desk, "Hafez al-Assad's minister; al-Asad's men; Bachar al-Assad") == [
        ("Assad's", 9, True, "bashar-al-assad"), ("al-Asad's", 27, False, "bashar-al-assad"),
        ("Bachar al-Assad", 42, False, "bashar-al-assad")]


def test_camel_case_glue_is_a_boundary(lint):
    text = "The Pantyr missile complexPhoto: Ministry of Defence / TASS"
    assert flagged(lint, text) == [
        ("listed-variant", "Pantyr", 4, ("Pantsir",), "pantsir"),
        ("calque", "missile complex", 11, ("missile system",), "missile-system"),
    ]


def test_variant_inside_a_longer_word_is_not_flagged(lint):
    assert flagged(lint, "Kievan Rus and the Pantyrka river, Thor-M2X") == []


def test_hyphenated_compound_matches_its_word(lint):
    assert flagged(lint, "A Kiev-based analyst") == [("listed-variant", "Kiev", 2, ("Kyiv",), "kyiv")]


# ---------------------------------------------------------------- case rules

@pytest.mark.parametrize("text, expected", [
    ("the al-Shabab group", [("al-Shabab", 4, ("al-Shabaab",))]),      # as written
    ("Al-Shabab fighters attacked", [("Al-Shabab", 0, ("al-Shabaab",))]),  # initial capital; canonical case kept
    ("AL-SHABAB FIGHTERS", [("AL-SHABAB", 0, ("AL-SHABAAB",))]),      # ALL CAPS stays ALL CAPS
    ("the al-shabab group", []),                                       # names are case-sensitive
    ("the aL-Shabab group", []),
    ("PANTYR BATTERY", [("PANTYR", 0, ("PANTSIR",))]),
    ("a pantyr battery", []),
])
def test_names_match_as_written_in_caps_or_capitalized(lint, text, expected):
    assert [(f.text, f.start, f.suggestions) for f in lint(text)] == expected


@pytest.mark.parametrize("text, expected", [
    ("the special services said", [("special services", 4, ("intelligence services",))]),
    ("Special services said", [("Special services", 0, ("Intelligence services",))]),
    ("The Special Services said", [("Special Services", 4, ("Intelligence Services",))]),
    ("THE SPECIAL SERVICES SAID", [("SPECIAL SERVICES", 4, ("INTELLIGENCE SERVICES",))]),
    ("the sPeCiAl services", []),  # a lower-case letter before a capital is a word boundary
])
def test_terms_match_in_any_case_and_suggestions_copy_it(lint, text, expected):
    assert [(f.text, f.start, f.suggestions) for f in lint(text)] == expected


def test_correct_names_in_other_cases_are_not_flagged(lint):
    assert lint("ASSAD and Kyiv's mayor; Chicken Kiev is a dish; the PANTSIR and SA-22 Greyhound") == []


# ---------------------------------------------------------------- inflection

@pytest.mark.parametrize("text, found, suggestion", [
    ("MISSILE COMPLEXES were seen", "MISSILE COMPLEXES", "MISSILE SYSTEMS"),
    ("Missile Complexes were seen", "Missile Complexes", "Missile Systems"),
    ("two missile complexes", "missile complexes", "missile systems"),
    ("the missile complex's radar", "missile complex's", "missile system's"),
    ("a missile-complex", "missile-complex", "missile system"),
    ("Unilateral strike drones hit Odesa", "Unilateral strike drones", "One-way attack drones"),
    ("one unilateral strike drone", "unilateral strike drone", "one-way attack drone"),
    ("the special service", "special service", "intelligence service"),
    ("Prigojin’s men", "Prigojin’s", "Prigozhin’s"),
    ("Prigojin's men", "Prigojin's", "Prigozhin's"),
    ("Evgheni Prigojin's mutiny", "Evgheni Prigojin's", "Yevgeny Prigozhin's"),
    ("Bashar al-Asad's forces", "al-Asad's", "al-Assad's"),  # person findings cover only the wrong words
    ("three Pantyrs", "Pantyrs", "Pantsirs"),
    ("the Pantyr's radar", "Pantyr's", "Pantsir's"),
    ("the ‘Pantyr’ system", "Pantyr", "Pantsir"),
    ("so-called 'special services'", "special services'", "intelligence services'"),
])
def test_inflected_forms_are_covered_whole(lint, text, found, suggestion):
    [f] = lint(text)
    assert (f.text, f.suggestions) == (found, (suggestion,))
    assert text.index(found) == f.start


def test_hyphen_and_space_spellings_of_a_correct_term_are_both_correct(lint):
    assert lint("one-way attack drones and one way attack drones and One-Way Attack Drones") == []


# ---------------------------------------------------------------- leftmost-longest

def test_long_correct_name_containing_a_variant_is_not_flagged(desk, lint):
    text = "They served chicken Kiev in Kiev."
    assert scanned(desk, text) == [("chicken Kiev", 12, True, "chicken-kiev"), ("Kiev", 28, False, "kyiv")]
    assert flagged(lint, text) == [("listed-variant", "Kiev", 28, ("Kyiv",), "kyiv")]


def test_longest_form_wins_at_the_same_start(desk):
    assert scanned(desk, "the SA-22 Greyhound and the SA-22") == [
        ("SA-22 Greyhound", 4, True, "pantsir"), ("SA-22", 28, True, "pantsir")]
    assert scanned(desk, "Evgheni Prigojin and Prigojin") == [
        ("Evgheni Prigojin", 0, False, "prigozhin"), ("Prigojin", 21, False, "prigozhin")]


# ---------------------------------------------------------------- a whole paragraph

def test_news_paragraph(lint):
    text = ("Iran has become the main supplier of unilateral strike drones, the American special services "
            "say. Charles Lister of the Near East Institute said the Pantîr and the Middle East Institute's "
            "data agree; Yevgeny Prigozhin and Bashar al-Assad were not mentioned.")
    assert flagged(lint, text) == [
        ("calque", "unilateral strike drones", 37, ("one-way attack drones",), "one-way-attack-drone"),
        ("calque", "special services", 76, ("intelligence services",), "intelligence-services"),
        ("listed-variant", "Near East Institute", 120, ("Middle East Institute",), "middle-east-institute"),
        ("listed-variant", "Pantîr", 149, ("Pantsir",), "pantsir"),
    ]
    assert all(f.severity.value == "error" for f in lint(text))


# ---------------------------------------------------------------- the key index (glossary/packed.py)

KEYS = ["kiev", "chicken kiev", "sa 22", "sa 22 greyhound", "evgheni prigojin", "prigojin", "mcdonald's",
        "mcdonald", "forces", "special services", "services'", "al assad", "bashar al assad"]
WORDS = ["kiev", "chicken", "sa", "22", "greyhound", "evgheni", "prigojin", "prigojin's", "mcdonald's",
         "mcdonald", "forces", "forces'", "special", "services", "services'", "al", "assad", "assad's",
         "bashar", "said", "the", "s", "'s", "kiev's", "22's"]


def automaton_reference(keys, low):
    """What an Aho-Corasick scan over ' ' + key finds: the key must end a word or be followed by a
    possessive ending ('s after a letter or digit, ' after s)."""
    out = set()
    for number, k in enumerate(keys):
        a = low.find(" " + k)
        while a >= 0:
            b = a + 1 + len(k)
            if low[b] == " ":
                out.add((a + 1, b, number, ""))
            elif low.startswith("'s ", b) and low[b - 1].isalnum():
                out.add((a + 1, b + 2, number, "'s"))
            elif low.startswith("' ", b) and low[b - 1] == "s":
                out.add((a + 1, b + 1, number, "'"))
            a = low.find(" " + k, a + 1)
    return out


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(WORDS), max_size=12))
def test_key_index_finds_what_an_automaton_finds(words):
    from transaudit.glossary.packed import KeyIndex

    index = KeyIndex({k: [(i, "", "")] for i, k in enumerate(KEYS)})
    low = " " + " ".join(words) + " "
    found = index.find(low)
    assert set(found) == automaton_reference(KEYS, low) and len(found) == len(set(found))
    assert all(low[a:b - len(p)] == KEYS[n] for a, b, n, p in found)


def test_key_index_reads_possessives_and_stops_where_no_key_goes_on():
    from transaudit.glossary.packed import KeyIndex

    index = KeyIndex({k: [(i, "", "")] for i, k in enumerate(KEYS)})
    low = " the sa 22 greyhound's crew and evgheni prigojin' s forces' chicken kiev's evgheni said "
    found = sorted((low[a:b], KEYS[n], p) for a, b, n, p in index.find(low))
    # "prigojin'" is no possessive (' follows only an s); "evgheni" alone is no key
    assert found == [
        ("chicken kiev's", "chicken kiev", "'s"), ("forces'", "forces", "'"), ("kiev's", "kiev", "'s"),
        ("sa 22", "sa 22", ""), ("sa 22 greyhound's", "sa 22 greyhound", "'s")]
    assert index.find("  ") == [] and KeyIndex({}).find(low) == []


@pytest.mark.parametrize("word, other", [
    ("apparatus", ("apparatuses", "plural")), ("status", ("statuses", "plural")), ("forces", ("force", "singular")),
    ("missile", ("missiles", "plural")), ("facilities", ("facility", "singular")), ("crosses", ("cross", "singular")),
])
def test_number_forms_of_term_words(word, other):
    from transaudit.inflect import number_forms

    assert number_forms(word) == [other]


def test_a_plural_suggestion_is_not_made_plural_twice():
    from transaudit.inflect import apply_number

    assert apply_number("migrant arrivals", "plural") == "migrant arrivals"
    assert apply_number("landing ship", "plural") == "landing ships"
    assert apply_number("rare earths", "singular") == "rare earth"


def test_title_case_with_small_words_and_irregular_plurals():
    from transaudit.inflect import apply_number, transfer_case

    assert transfer_case("President of the Council", "prime minister", False) == "Prime Minister"
    assert transfer_case("Forces of the Order", "law enforcement of the state", False) == "Law Enforcement of the State"
    assert apply_number("servicemen", "plural") == "servicemen"
    assert apply_number("serviceman", "singular") == "serviceman"


@pytest.mark.parametrize("singular, plural", [
    ("serviceman", "servicemen"), ("gunman", "gunmen"), ("Spokesman", "Spokesmen"),
    ("SERVICEMAN", "SERVICEMEN"), ("German", "Germans"), ("Sherman", "Shermans"), ("human", "humans"),
])
def test_man_compounds_take_men_and_names_do_not(singular, plural):
    from transaudit.inflect import pluralize, singularize

    assert pluralize(singular) == plural and singularize(plural) == singular
    if plural.lower().endswith("men"):
        assert pluralize(plural) == plural


@pytest.mark.parametrize("singular, plural", [
    ("crisis", "crises"), ("analysis", "analyses"), ("hypothesis", "hypotheses"), ("Focus", "Foci"),
    ("status", "statuses"), ("virus", "viruses"), ("abuse", "abuses"), ("house", "houses"), ("CRISIS", "CRISES"),
])
def test_greek_latin_and_us_plurals(singular, plural):
    from transaudit.inflect import pluralize, singularize

    assert pluralize(singular) == plural and singularize(plural) == singular
