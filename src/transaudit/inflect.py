"""English number inflection and case transfer for suggestions."""
from __future__ import annotations

import re

_SIBILANT = re.compile(r"(s|x|z|ch|sh)$", re.I)
# Greek -sis/-xis plurals (crisis: crises, analysis: analyses, axis: axes) and back
_GREEK_SINGULAR = re.compile(r"(?<=[a-z])[sx]is$", re.I)
_GREEK_PLURAL = re.compile(r"(?:lys|thes|cris|gnos|oas)es$", re.I)
# Latin plurals in -i that news English keeps
LATIN_PLURALS = {"focus": "foci", "nucleus": "nuclei", "stimulus": "stimuli", "radius": "radii",
                 "fungus": "fungi", "locus": "loci", "alumnus": "alumni"}
_LATIN_SINGULARS = {v: k for k, v in LATIN_PLURALS.items()}
_US_PLURAL = re.compile(r"(?:tus|rus|(?<!a)bus|sus|nus|pus)es$", re.I)  # statuses, viruses (not abuses)


def _cased(word: str, form: str) -> str:
    """`form` in the case of `word` (ALL CAPS or a capital first letter)."""
    return form.upper() if word.isupper() and len(word) > 1 else word[:1] + form[1:]


def pluralize(word: str) -> str:
    if _MEN.search(word):  # servicemen: already plural
        return word
    if _MAN.search(word):  # serviceman, chairman (not German, human, shaman)
        return word[:-2] + ("EN" if word.isupper() else "en")
    if word.lower() in LATIN_PLURALS:
        return _cased(word, LATIN_PLURALS[word.lower()])
    if _GREEK_SINGULAR.search(word):
        return word[:-2] + ("ES" if word.isupper() else "es")
    if re.search(r"[^aeiou]y$", word, re.I):
        return word[:-1] + ("IES" if word.isupper() else "ies")
    if _SIBILANT.search(word):
        return word + ("ES" if word.isupper() else "es")
    return word + ("S" if word.isupper() else "s")


TITLE_SMALL_WORDS = frozenset({"of", "the", "and", "for", "in", "on", "at", "to", "a", "an", "by", "with"})


# compounds of -man/-men after s, e, n or r: servicemen, spokesmen, gunmen, chairmen (not Turkmen,
# bitumen); capitalised only with four letters before, so that German and Sherman stay names
_MEN = re.compile(r"^(?:[a-z][a-z-]+|[A-Z][a-z-]{3,})[senr]men$|^[A-Z-]{4,}[SENR]MEN$")
_MAN = re.compile(r"^(?:[a-z][a-z-]+|[A-Z][a-z-]{3,})[senr]man$|^[A-Z-]{4,}[SENR]MAN$")


def singularize(word: str) -> str:
    if _MEN.search(word):
        return word[:-3] + ("MAN" if word.isupper() else "man")
    low = word.lower()
    if low in _LATIN_SINGULARS:
        return _cased(word, _LATIN_SINGULARS[low])
    if _GREEK_PLURAL.search(word):
        return word[:-2] + ("IS" if word.isupper() else "is")
    if low.endswith("ies") and len(word) > 4:
        return word[:-3] + ("Y" if word.isupper() else "y")
    if re.search(r"(x|z|ch|sh|ss)es$", low) or _US_PLURAL.search(low):
        return word[:-2]
    if low.endswith("s") and not low.endswith(("ss", "us")) and len(word) > 3:  # apparatus, status
        return word[:-1]
    return word


def number_forms(word: str) -> list[tuple[str, str]]:
    """Other number forms of a noun: [(form, 'plural'|'singular')]."""
    single = singularize(word)
    if single != word:
        return [(single, "singular")]
    return [(pluralize(word), "plural")]


def apply_number(phrase: str, number: str) -> str:
    """Change the number of the last word of `phrase` (a word already in that number stays)."""
    if not number:
        return phrase
    head, _, last = phrase.rpartition(" ")
    single = singularize(last)
    last = (pluralize(last) if single == last else last) if number == "plural" else single
    return f"{head} {last}" if head else last


def _letters(s: str) -> str:
    return "".join(c for c in s if c.isalpha())


def title_case(text: str) -> str:
    """Every word with a capital but the small words inside (President of the Council)."""
    return re.sub(r"(^|[\s-])(\w+)", lambda m: m.group(1) + (
        m.group(2) if m.start() and m.group(2) in TITLE_SMALL_WORDS else m.group(2)[:1].upper() + m.group(2)[1:]),
        text)


def transfer_case(text: str, suggestion: str, is_name: bool) -> str:
    """Give `suggestion` the case pattern of `text`: names keep their case unless the text is ALL
    CAPS; terms copy ALL CAPS, Title Case or an initial capital."""
    letters = _letters(text)
    if len(letters) > 1 and letters.isupper():
        return suggestion.upper()
    if is_name or not letters:
        return suggestion
    words = [w for w in re.split(r"[\s-]+", text) if _letters(w) and w.lower() not in TITLE_SMALL_WORDS]
    if len(words) > 1 and all(_letters(w)[0].isupper() for w in words):  # Title Case (President of the Council)
        return title_case(suggestion)
    if letters[0].isupper():
        i = next((k for k, c in enumerate(suggestion) if c.isalpha()), 0)
        return suggestion[:i] + suggestion[i:i + 1].upper() + suggestion[i + 1:]  # '' stays ''
    return suggestion
