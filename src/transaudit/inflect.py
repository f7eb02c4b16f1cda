"""English number inflection and case transfer for suggestions."""
from __future__ import annotations

import re

_SIBILANT = re.compile(r"(s|x|z|ch|sh)$", re.I)


def pluralize(word: str) -> str:
    if re.search(r"[^aeiou]y$", word, re.I):
        return word[:-1] + ("IES" if word.isupper() else "ies")
    if _SIBILANT.search(word):
        return word + ("ES" if word.isupper() else "es")
    return word + ("S" if word.isupper() else "s")


TITLE_SMALL_WORDS = frozenset({"of", "the", "and", "for", "in", "on", "at", "to", "a", "an", "by", "with"})


def singularize(word: str) -> str:
    low = word.lower()
    if re.search(r"[senr]men$", low) and len(low) > 5:  # servicemen, spokesmen, gunmen (not Turkmen, bitumen)
        return word[:-3] + ("MAN" if word.isupper() else "man")
    if low.endswith("ies") and len(word) > 4:
        return word[:-3] + ("Y" if word.isupper() else "y")
    if re.search(r"(x|z|ch|sh|ss)es$", low):
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
        return re.sub(r"(^|[\s-])(\w+)", lambda m: m.group(1) + (
            m.group(2) if m.start() and m.group(2) in TITLE_SMALL_WORDS else m.group(2)[:1].upper() + m.group(2)[1:]),
            suggestion)
    if letters[0].isupper():
        i = next((k for k, c in enumerate(suggestion) if c.isalpha()), 0)
        return suggestion[:i] + suggestion[i:i + 1].upper() + suggestion[i + 1:]  # '' stays ''
    return suggestion
