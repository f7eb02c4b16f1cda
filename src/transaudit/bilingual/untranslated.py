"""Translated sentences that are not translations: the source sentence copied unchanged, or a
sentence still in the source language.

Example: source "Kremlinul a negat orice implicare.", translation "Kremlinul a negat orice
implicare." -> the whole sentence ("untranslated", accuracy/untranslated).
Language identification reads the sentence's lower-case words only, so the names an English
sentence shares with its source do not pull it towards English.
Not flagged: sentences under three words (four for language identification), captions and
bylines that are mostly names ("Vladimir Putin, Emmanuel Macron"), numbers-only lines, and
sentences whose language is identified with a probability under 0.9.
"""
from __future__ import annotations

from ..finding import Finding, Severity
from ..language import identify, language_name, looks_foreign, mostly_names, words

RULE = "untranslated"
CATEGORY = "accuracy/untranslated"
SEVERITY = Severity.ERROR
MIN_WORDS_IDENTICAL = 3
MIN_WORDS_LANGUAGE = 4
MIN_PROBABILITY = 0.9


def _same(a: str, b: str) -> bool:
    return " ".join(a.split()).casefold() == " ".join(b.split()).casefold()


def detect(source_text: str, target_text: str, start: int, source_lang: str) -> Finding | None:
    """A finding for the translated sentence(s) `target_text` (at `start` in the translation)."""
    tokens = words(target_text)
    if len(tokens) >= MIN_WORDS_IDENTICAL and not mostly_names(tokens) and _same(source_text, target_text):
        return Finding(RULE, SEVERITY, "The translation repeats the source sentence unchanged",
                       start, start + len(target_text), target_text, confidence=0.95, category=CATEGORY)
    if len(tokens) < MIN_WORDS_LANGUAGE or mostly_names(tokens) or not looks_foreign(tokens):
        return None
    common = [w for w in tokens if not w[0].isupper()]     # names would pull towards English
    lang, probability = identify(" ".join(common) if len(common) >= MIN_WORDS_IDENTICAL else target_text)
    if lang.split("-")[0] != source_lang or probability < MIN_PROBABILITY:
        return None
    name = language_name(source_lang)
    return Finding(RULE, SEVERITY, f"Sentence appears to be {name} (the source language), not English",
                   start, start + len(target_text), target_text, confidence=round(probability, 3),
                   category=CATEGORY)
