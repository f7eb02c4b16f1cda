"""English word knowledge, sentence splitting and language identification.

`looks_foreign()` is the cheap gate: it uses wordfreq's English frequencies only, so clearly-English
sentences never pay for language identification. `foreign_candidates()` is cheaper still: it finds
the few sentences of a text that the gate may let through, without splitting English text into
sentences at all. `identify()` imports langdetect lazily, only for the sentences the gate lets
through.
"""
from __future__ import annotations

import bisect
import re
from functools import lru_cache
from pathlib import Path

MARKS = "\u0300-\u036f\u0483-\u0489"
# a word: letters (with combining marks), inner apostrophes kept ("d'après", "Prokudin's"); letters
# and marks go by runs (possessive: nothing after them can give any back), 30% faster than by letter
WORD = re.compile(rf"[^\W\d_](?:[^\W_]+|[{MARKS}]+)*+(?:['’](?:[^\W\d_]|[{MARKS}])+)*")
# WORD on ASCII text, where it means just this: three times faster
_ASCII_WORD = re.compile(r"[A-Za-z][A-Za-z0-9]*(?:'[A-Za-z]+)*")

TABLE_FORMAT = 2         # of the cached English frequency table (_english)
KNOWN_ZIPF = 3.0        # an English word, not just a string seen in English text
GATE_KNOWN = 0.85       # below this share of known lower-case words a sentence is suspicious
GATE_STOP = 0.10        # ... or below this share of English stop words (with >= 4 lower-case words)

# no sentence break after these (title abbreviations, initials are handled by length)
ABBREVIATIONS = frozenset(
    "mr mrs ms dr prof gen lt col sgt capt cmdr adm maj gov sen rep st jr sr no nos vs etc inc co "
    "corp ltd jan feb mar apr jun jul aug sep sept oct nov dec dl dna nr art".split())
_LONGEST_ABBREVIATION = max(map(len, ABBREVIATIONS))
# a sentence ends after a run of stops (and closing quotes) followed by a blank: every run of stops
# matches, whole, and group 1 is set where a sentence ends (tests/conftest.py SENTENCE_END is the
# plain expression this stands for; a search for a pattern that starts with a character set is fast)
_STOPS = re.compile(r"[.!?…][.!?…]*+(?:([\"'”’»)\]]*+)(?=\s))?")
_BREAK_CHAR = re.compile(r"[\r\n]")
_WORD_AT_END = re.compile(r"\w+\Z")
_LAST_WORD = re.compile(r"(\w+)\W*\Z")
_WORD_CHAR = re.compile(r"\w")
_LEAD = re.compile(r"[\s#>*+|-]*(?:\d+[.)]\s+)?")


@lru_cache(maxsize=65536)
def english_zipf(word: str) -> float:
    """wordfreq's English Zipf frequency of `word` (0 for unseen words)."""
    folded = _plain(word)
    if folded is None:
        from wordfreq import zipf_frequency

        return zipf_frequency(word, "en")
    bucket = _english()[0].get(folded[:2] + str(len(folded)))
    at = bucket.find(f"\n{folded}\t") if bucket else -1
    if at < 0:
        return 0.0
    at += len(folded) + 2
    return int(bucket[at:bucket.index("\n", at)]) / 100


NEAREST_VOCABULARY = 60_000  # the most frequent English words a look-alike may be


@lru_cache(maxsize=1)
def _english_by_start() -> dict[str, tuple[str, ...]]:
    """wordfreq's most frequent English words of five letters or more, by their first three."""
    from wordfreq import top_n_list

    out: dict[str, list[str]] = {}
    for w in top_n_list("en", NEAREST_VOCABULARY):
        if len(w) >= 5 and w.isascii() and w.isalpha():
            out.setdefault(w[:3], []).append(w)
    return {k: tuple(v) for k, v in out.items()}


def nearest_english(word: str, min_ratio: float) -> str | None:
    """The frequent English word most like `word` (rapidfuzz ratio >= min_ratio, same first three
    letters): comunication -> communication. None when there is none."""
    from rapidfuzz import fuzz, process

    found = process.extractOne(word, _english_by_start().get(word[:3], ()), scorer=fuzz.ratio,
                               score_cutoff=min_ratio)
    return found[0] if found else None


def _plain(word: str) -> str | None:
    """The form wordfreq looks a word up by (NFC, case-folded) when that is a single token of
    Latin, Greek or Cyrillic letters, which the cached table holds; else None."""
    if word.isascii():
        return word.lower() if word.isalpha() else None
    import unicodedata

    folded = unicodedata.normalize("NFC", word).casefold()
    if folded.isalpha() and max(folded) < "\u0530" and unicodedata.is_normalized("NFKC", folded):
        return folded
    return None


def stop_words() -> frozenset[str]:
    """The 200 most frequent English words (wordfreq)."""
    return _english()[1]


@lru_cache(maxsize=1)
def _english() -> tuple[dict[str, str], frozenset[str]]:
    """(the Zipf frequency of every plain word (see _plain) in wordfreq's English list, the 200 most
    frequent words), from the user cache when it holds them: importing wordfreq and reading its
    list takes ~0.3 s per process, the cached table 5 ms. The table is a few thousand strings
    "\nword\tcentizipf...\n", one per first two letters and length (a dict of 290,000 words
    would take 90 ms to load). The cache file is named after the list's data file (path, size,
    time), so a new wordfreq never reads a stale table."""
    import hashlib
    import importlib.util
    import marshal

    from .glossary.cache import cache_dir, write_bytes

    spec = importlib.util.find_spec("wordfreq")
    if spec is None:
        raise ImportError("transaudit needs wordfreq (pip install wordfreq, or reinstall transaudit)")
    data = Path(spec.submodule_search_locations[0]) / "data" / "large_en.msgpack.gz"
    try:
        stat = data.stat()
        tag = hashlib.sha256(f"{TABLE_FORMAT}|{data}|{stat.st_size}|{stat.st_mtime_ns}".encode()).hexdigest()[:16]
    except OSError:
        tag = None
    directory = cache_dir()
    path = directory / f"english-zipf-{tag}.marshal" if directory and tag else None
    if path is not None:
        try:
            table, top = marshal.loads(path.read_bytes())
            return table, frozenset(top)
        except (OSError, EOFError, ValueError, TypeError):
            pass
    import math

    from wordfreq import freq_to_zipf, get_frequency_dict, top_n_list

    rows: dict[str, list[str]] = {}
    for w, f in get_frequency_dict("en").items():
        if _plain(w) == w:  # zipf_frequency(w) without tokenizing w: 3 significant digits, then Zipf
            zipf = round(freq_to_zipf(round(f, math.floor(-math.log(f, 10)) + 3)), 2)
            rows.setdefault(w[:2] + str(len(w)), []).append(f"{w}\t{round(zipf * 100)}")
    table = {k: "\n" + "\n".join(v) + "\n" for k, v in rows.items()}
    top = top_n_list("en", 200)
    if path is not None:
        write_bytes(path, marshal.dumps((table, top)))
    return table, frozenset(top)


def _newlines(text: str):
    """The spans of line breaks with the blanks around them (tests/conftest.py LINE_BREAK), found from
    the line break characters alone (a search for that pattern, which starts with a look-behind, runs
    the matcher at every position)."""
    last, size = 0, len(text)
    for m in _BREAK_CHAR.finditer(text):
        i = m.start()
        if i < last:  # the LF of a CRLF already taken
            continue
        start = i
        while start > last and text[start - 1] in " \t":
            start -= 1
        if start and text[start - 1] in " \t":  # the blank run began inside the previous match
            continue
        end = i + 2 if text.startswith("\r\n", i) else i + 1
        while end < size and text[end] in " \t":
            end += 1
        yield start, end
        last = end


def _lines(text: str):
    """Spans between line breaks; a line starting with a lower-case letter after a line that does
    not end a sentence continues it (a wrapped paragraph)."""
    pos = 0
    for start, end in _newlines(text):
        before = text[start - 1] if start else "."
        after = text[end] if end < len(text) else ""
        if after.islower() and before not in ".!?…:":
            continue
        yield pos, start
        pos = end
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


def _keeps_going(text: str, start: int, end: int) -> bool:
    """Is the word before the stop at `end` (the sentence began at `start`) an initial ("J.") or a
    known abbreviation ("Mr.")? Usually the stop follows the word: then its last few letters tell
    (a longer word is no abbreviation), else _word_before finds it."""
    m = _WORD_AT_END.search(text, max(start, end - _LONGEST_ABBREVIATION - 1), end)
    if m:
        word = m.group()
    else:
        m = _word_before(text, start, end)
        if not m:
            return False
        word = m.group(1)
    return len(word) == 1 and word.isupper() or word.lower() in ABBREVIATIONS


def _add_sentences(text: str, a: int, b: int, out: list[tuple[int, int]]) -> None:
    """The sentences of the line text[a:b], trimmed, appended to `out`."""
    pos = a
    for m in _STOPS.finditer(text, a, b):
        if m.group(1) is None or _keeps_going(text, pos, m.start()):
            continue
        _add_trimmed(text, pos, m.end(), out)
        pos = m.end()
    _add_trimmed(text, pos, b, out)


def _add_trimmed(text: str, s: int, e: int, out: list[tuple[int, int]]) -> None:
    """text[s:e] without leading block markers and trailing white space, unless nothing is left."""
    s = _LEAD.match(text, s, e).end()
    while e > s and text[e - 1].isspace():
        e -= 1
    if e > s:
        out.append((s, e))


def sentences(text: str) -> list[tuple[int, int]]:
    """Sentence spans of `text`, trimmed of white space and leading block markers.

    A sentence ends at . ! ? … (plus closing quotes or brackets) before white space, unless the
    word before the stop is an initial ("J.") or a known abbreviation ("Mr."); at a blank line; at
    and at a line break, except inside a wrapped paragraph. Leading block markers (#, -, >, 1.) are
    not part of a sentence.
    """
    out: list[tuple[int, int]] = []
    for a, b in _lines(text):
        _add_sentences(text, a, b, out)
    return out


_CAMEL = re.compile(r"(?<=[a-zà-ÿ])(?=[A-ZÀ-Þ])")


def words(text: str) -> list[str]:
    """The words of `text`; words glued by a CMS ("complexPhoto") count as two."""
    return [part for w in WORD.findall(text) for part in _CAMEL.split(w)]


def distinct_words(text: str) -> set[str]:
    """The set of WORD matches in `text`."""
    return set((_ASCII_WORD if text.isascii() else WORD).findall(text))


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
    200 most frequent English words. Words other than plain ASCII letters ("don’t", "apărare") are
    looked up (in wordfreq itself, imported then) only when the others leave the answer open.
    """
    lower = [w.lower() for w in tokens if uncapitalised(w)]
    if len(lower) < 2:
        return False
    stop = stop_words()
    stops = sum(w in stop for w in lower) / len(lower)

    def verdict(unknown: int) -> bool:  # never false for more unknown words once true for fewer
        if unknown < MIN_UNKNOWN:
            return False  # a caption with one foreign word ("the Cinémathèque française") is English
        known = 1 - unknown / len(lower)
        return known < GATE_KNOWN or (len(lower) >= 4 and stops < GATE_STOP)

    plain = [w for w in lower if w.isascii() and w.isalpha()]
    unknown = sum(english_zipf(w) < KNOWN_ZIPF for w in plain)
    if len(plain) == len(lower) or verdict(unknown) == verdict(unknown + len(lower) - len(plain)):
        return verdict(unknown)
    return verdict(unknown + sum(english_zipf(w) < KNOWN_ZIPF for w in lower
                                 if not (w.isascii() and w.isalpha())))


_COUNTED_OUT: set[str] = set()  # words may_be_unknown() said no to (the last few thousand)
_MAX_COUNTED_OUT = 1 << 15


def uncapitalised(word: str) -> bool:
    """A lower-case word, or one in a script without capitals (Arabic, Hebrew, Chinese...)."""
    return word[0].islower() or not word[0].isupper() and word[0].lower() == word[0].upper()


def may_be_unknown(word: str) -> bool:
    """Might looks_foreign() count this WORD match as a lower-case word that is not English? Its
    first part (words() splits "complexPhoto") decides; words other than plain ASCII letters might."""
    if not uncapitalised(word):
        return False
    first = _CAMEL.split(word, 1)[0].lower()
    return not (first.isascii() and first.isalpha()) or english_zipf(first) < KNOWN_ZIPF


def foreign_candidates(text: str, vocabulary: set[str]) -> list[tuple[int, int]]:
    """The sentences of `text` (as sentences() gives them) that looks_foreign(words(sentence)) may
    find foreign: those holding MIN_UNKNOWN or more words that may_be_unknown(), a superset of the
    ones it does find. `vocabulary` is distinct_words(text).

    On English text this is cheap: English words are checked once per process, and text without
    MIN_UNKNOWN such words is not even split into sentences. Their places are found with str.find
    (every true place, plus, harmlessly, some places inside other words).
    """
    if len(_COUNTED_OUT) > _MAX_COUNTED_OUT:
        _COUNTED_OUT.clear()
    unknown = []
    for w in vocabulary - _COUNTED_OUT:
        if may_be_unknown(w):
            unknown.append(w)
        else:
            _COUNTED_OUT.add(w)
    places = []
    for w in unknown:
        at = text.find(w)
        while at >= 0:
            if not (at and text[at - 1].isalpha()):  # a word never starts right after a letter
                places.append(at)
            at = text.find(w, at + 1)
    if len(places) < MIN_UNKNOWN:
        return []
    spans = sentences(text)
    starts = [s for s, _ in spans]
    counts: dict[int, int] = {}
    for at in places:
        i = bisect.bisect_right(starts, at) - 1
        if i >= 0 and at < spans[i][1]:
            counts[i] = counts.get(i, 0) + 1
    return [spans[i] for i in sorted(counts) if counts[i] >= MIN_UNKNOWN]


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
