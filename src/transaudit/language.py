"""English word knowledge, sentence splitting and language identification.

`looks_foreign()` is the cheap gate: it uses wordfreq's English frequencies only, so clearly-English
sentences never pay for language identification. `identify()` imports langdetect lazily, only for
the sentences the gate lets through.
"""
from __future__ import annotations

import re
from functools import lru_cache

MARKS = "\u0300-\u036f\u0483-\u0489"
# a word: letters (with combining marks), inner apostrophes kept ("d'après", "Prokudin's")
WORD = re.compile(rf"[^\W\d_](?:[^\W_]|[{MARKS}])*(?:['’](?:[^\W\d_]|[{MARKS}])+)*")

KNOWN_ZIPF = 3.0        # an English word, not just a string seen in English text
GATE_KNOWN = 0.85       # below this share of known lower-case words a sentence is suspicious
GATE_STOP = 0.10        # ... or below this share of English stop words (with >= 4 lower-case words)

# no sentence break after these (title abbreviations, initials are handled by length)
ABBREVIATIONS = frozenset(
    "mr mrs ms dr prof gen lt col sgt capt cmdr adm maj gov sen rep st jr sr no nos vs etc inc co "
    "corp ltd jan feb mar apr jun jul aug sep sept oct nov dec dl dna nr art".split())
# the lookbehinds let a match start only where a run of stops or blanks starts: linear on long runs
_END = re.compile(r"(?<![.!?…])[.!?…]+[\"'”’»)\]]*(?=\s)")
_NEWLINE = re.compile(r"(?<![ \t])[ \t]*(?:\r\n|\r|\n)[ \t]*")
_LAST_WORD = re.compile(r"(\w+)\W*\Z")
_WORD_CHAR = re.compile(r"\w")
_LEAD = re.compile(r"[\s#>*+|-]*(?:\d+[.)]\s+)?")


@lru_cache(maxsize=65536)
def english_zipf(word: str) -> float:
    """wordfreq's English Zipf frequency of `word` (0 for unseen words)."""
    from wordfreq import zipf_frequency

    return zipf_frequency(word, "en")


@lru_cache(maxsize=1)
def stop_words() -> frozenset[str]:
    """The 200 most frequent English words (wordfreq)."""
    from wordfreq import top_n_list

    return frozenset(top_n_list("en", 200))


def _lines(text: str):
    """Spans between line breaks; a line starting with a lower-case letter after a line that does
    not end a sentence continues it (a wrapped paragraph)."""
    pos = 0
    for m in _NEWLINE.finditer(text):
        before = text[m.start() - 1] if m.start() else "."
        after = text[m.end()] if m.end() < len(text) else ""
        if after.islower() and before not in ".!?…:":
            continue
        yield pos, m.start()
        pos = m.end()
    yield pos, len(text)


def _word_before(text: str, start: int, end: int):
    """The match of the last word of text[start:end] and what follows it, or None. It looks back
    at most 256 characters past a word, so that many stops without a break ("A. B. C. …") stay
    linear: a stop further than that from any word always ends a sentence."""
    window = max(start, end - 256)
    word = _LAST_WORD.search(text, window, end)
    if word and word.start() == window and window > start:  # the word may begin before the window
        first = window
        while first > start and _WORD_CHAR.match(text, first - 1):
            first -= 1
        word = _LAST_WORD.match(text, first, end)
    return word


def sentences(text: str) -> list[tuple[int, int]]:
    """Sentence spans of `text`, trimmed of white space and leading block markers.

    A sentence ends at . ! ? … (plus closing quotes or brackets) before white space, unless the
    word before the stop is an initial ("J.") or a known abbreviation ("Mr."); at a blank line; at
    and at a line break, except inside a wrapped paragraph. Leading block markers (#, -, >, 1.) are
    not part of a sentence.
    """
    spans = []
    for a, b in _lines(text):
        pos = a
        for m in _END.finditer(text, a, b):
            word = _word_before(text, pos, m.start())
            if word and (len(word.group(1)) == 1 and word.group(1).isupper()
                         or word.group(1).lower() in ABBREVIATIONS):
                continue
            spans.append((pos, m.end()))
            pos = m.end()
        spans.append((pos, b))
    out = []
    for s, e in spans:
        s = _LEAD.match(text, s, e).end()
        while e > s and text[e - 1].isspace():
            e -= 1
        if e > s:
            out.append((s, e))
    return out


_CAMEL = re.compile(r"(?<=[a-zà-ÿ])(?=[A-ZÀ-Þ])")


def words(text: str) -> list[str]:
    """The words of `text`; words glued by a CMS ("complexPhoto") count as two."""
    return [part for w in WORD.findall(text) for part in _CAMEL.split(w)]


def mostly_names(tokens: list[str]) -> bool:
    """Captions, bylines and lists of names: most words after the first are capitalised."""
    rest = tokens[1:]
    return not rest or sum(w[0].isupper() for w in rest) / len(rest) > 0.6


MIN_UNKNOWN = 3  # lower-case non-English words a sentence needs before language identification


def looks_foreign(tokens: list[str]) -> bool:
    """The cheap gate: do the sentence's lower-case words look non-English?

    Capitalised words are left out (names are not English words either). Suspicious: fewer than
    85% of the lower-case words are English words (Zipf >= 3; zipf > 0 is too weak, as wordfreq's
    English data holds "les", "der", "la"), or, with four or more, fewer than 10% are among the
    200 most frequent English words.
    """
    lower = [w.lower() for w in tokens if w[0].islower()]
    if len(lower) < 2:
        return False
    unknown = sum(english_zipf(w) < KNOWN_ZIPF for w in lower)
    if unknown < MIN_UNKNOWN:
        return False  # a caption with one foreign word ("the Cinémathèque française") is English
    known = 1 - unknown / len(lower)
    stops = sum(w in stop_words() for w in lower) / len(lower)
    return known < GATE_KNOWN or (len(lower) >= 4 and stops < GATE_STOP)


def identify(text: str) -> tuple[str, float]:
    """(language code, probability) of the most likely language (langdetect, seeded)."""
    from langdetect import DetectorFactory, detect_langs
    from langdetect.lang_detect_exception import LangDetectException

    DetectorFactory.seed = 0
    try:
        best = detect_langs(text)[0]
    except (LangDetectException, IndexError):
        return "und", 0.0
    return best.lang, best.prob


@lru_cache(maxsize=256)
def language_name(code: str) -> str:
    """English name of a language code ("ro" -> "Romanian", "zh-cn" -> "Chinese")."""
    from babel import Locale

    base = code.replace("_", "-").split("-")[0]
    return Locale("en").languages.get(base, code)
