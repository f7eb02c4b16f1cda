"""Text left in the source language: whole sentences, tell-tale words, foreign place names, and the
glossary's original-script forms (`native`).

- Sentences: each sentence of four or more words with three or more lower-case words that may not
  be English (language.foreign_candidates: English text costs next to nothing) passes a cheap
  English-word gate (language.looks_foreign); only suspicious ones go to langdetect, and a
  non-English language with probability >= 0.9 is reported: "Sentence appears to be Romanian,
  not English".
- Leftover words (data/leftovers/<lang>.yaml): "potrivit Reuters" -> "according to Reuters",
  "Herr Scholz" -> "Mr. Scholz", "Russland und China" -> "and".
- Place names in another language: countries from CLDR (babel), cities from data/cities.yaml:
  "Ucraina" -> "Ukraine", "Moscova's" -> "Moscow's".
- Native forms listed in the glossary: "Панцирь" -> "Pantsir".

Not flagged: quotations kept in the original on purpose (quoted text followed by a translation in
brackets or "meaning …", or introduced as a title, slogan or "in Romanian"), italics (*…*, _…_,
<i>, <em>, <cite>: titles of works), captions and lines that are mostly names, sentences under four
words, place names that are also English words or glossary forms ("Italia", "Georgia"), and
everything when the configured document language is not English.
"""
from __future__ import annotations

import bisect
import itertools
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from operator import attrgetter
from importlib import resources
from pathlib import Path

from .. import datafile
from ..markup import italic_spans
from ..finding import Finding, Severity
from ..inflect import transfer_case
from ..limits import NEVER
from ..language import (WORD, distinct_words, english_zipf, foreign_candidates, identify, language_name,
                        looks_foreign, mostly_names, words)
from ..normalize import fold, key, same_letters, strip_marks
from .glossary_hits import report

RULE = "untranslated"
CATEGORY = "accuracy/untranslated"
SEVERITY = Severity.ERROR
OPTIONS = {"min_words": 4, "min_probability": 0.9, "cities": None}

COUNTRY_LANGUAGES = ("ro", "fr", "de", "es", "it", "pt", "pl", "cs", "sk", "hr", "hu", "tr", "nl", "sv", "fi", "lt",
                     "sl", "lv", "et", "da", "no", "ca", "bs", "sr_Latn")
NOT_PLACES = frozenset({"ZZ", "QO", "XA", "XB"})  # CLDR pseudo-territories
ENGLISH_WORD_ZIPF = 2.5
_NOT_NEWLINE = re.compile(r"[^\r\n]")

_QUOTE = re.compile(r'“[^”\n]*”|"[^"\n]*"|„[^”“\n]*[”“]|«[^»\n]*»')
_QUOTE_OPEN = re.compile(r'[“"„«]')
_QUOTE_CLOSE = {"“": re.compile("[”\n]"), '"': re.compile('["\n]'), "„": re.compile("[”“\n]"),
                "«": re.compile("[»\n]")}
_AFTER_QUOTE = re.compile(r"\s*[,;:—–-]?\s*(?:\(|(?:meaning|which means|which translates|translated|"
                          r"translates|literally|roughly|in English)\b)", re.I)
_BEFORE_QUOTE = re.compile(r"\b(?:(?i:titled|entitled|headlined|called|named|slogan|motto|phrase|expression|"
                           r"reads?|reading|chanted|chanting|original)|[Ii]n ([A-Z][a-z]+))[\s:,]*$")


# ---------------------------------------------------------------- data


@dataclass(frozen=True, slots=True)
class Leftover:
    word: str
    english: str
    language: str
    context: str = "any"     # any | before-name | before-phrase | between-words
    exact: bool = False


def _data_dir():
    return resources.files("transaudit") / "data"


def _read_yaml(path) -> dict:
    return datafile.parse(path.read_text(encoding="utf-8")) or {}


def normal_word(word: str) -> str:
    """NFC, Romanian cedilla letters as comma-below ones, typographic apostrophes as '."""
    return word if word.isascii() else same_letters(word).replace("’", "'")


def leftovers() -> dict[str, tuple[Leftover, ...]]:
    """Leftover words by their normal form (and capitalised form unless `exact`)."""
    return _tables(None)[0]


@lru_cache(maxsize=8)
def _tables(cities: str | None):
    """(leftovers(), an Aho-Corasick automaton over case-kept folded place names in other languages
    or None, English names of languages), kept in the on-disk cache beside the compiled glossaries:
    a warm start reads one small file instead of the YAML files and CLDR's names."""
    from ..glossary import cache

    custom = Path(cities) if cities else None
    cache_key = cache.key([(f"untranslated-tables:{cities}", custom.read_bytes() if custom and custom.is_file() else b"")],
                          include_default=False)
    hit = cache.read(cache_key)
    if hit is not None:
        return hit
    tables = _read_leftovers(), _build_places(cities), _english_language_names()
    cache.write(cache_key, tables)
    return tables


def _read_leftovers() -> dict[str, tuple[Leftover, ...]]:
    table: dict[str, list[Leftover]] = {}
    for path in sorted(_data_dir().joinpath("leftovers").iterdir(), key=lambda p: p.name):
        if not path.name.endswith(".yaml"):
            continue
        data = _read_yaml(path)
        for item in data["words"]:
            item = dict(item)
            item.pop("english_word", None)
            entry = Leftover(language=data["language"], **{**item, "word": normal_word(item["word"])})
            forms = {entry.word} if entry.exact else {entry.word, entry.word[0].upper() + entry.word[1:]}
            for form in forms:
                table.setdefault(form, []).append(entry)
    return {k: tuple(v) for k, v in table.items()}


def _city_forms(path: str | None) -> list[tuple[str, str, str]]:
    """(language, form, English name) from a cities file; none when it does not exist."""
    p = Path(path) if path else _data_dir().joinpath("cities.yaml")
    if not p.is_file():
        return []
    out = []
    for city in _read_yaml(p).get("cities") or ():
        for lang, forms in (city.get("forms") or {}).items():
            for form in [forms] if isinstance(forms, str) else forms:
                out.append((lang, form, city["name"]))
    return out


def _country_forms() -> list[tuple[str, str, str]]:
    from babel import Locale

    english = Locale("en").territories
    out = []
    for lang in COUNTRY_LANGUAGES:
        for code, name in Locale.parse(lang).territories.items():
            if code.isalpha() and code not in NOT_PLACES and code in english:
                out.append((lang, name, english[code].replace(" & ", " and ")))  # news style: and
    return out


def _english_word(form: str, en: str) -> bool:
    """A form English itself uses: a frequent word (wordfreq); of several words, one whose words
    beside the English name's are all English words no other language uses more (not Nueva York,
    El Cairo, Trinidad y Tobago: wordfreq scores a phrase by its words, not as a phrase)."""
    words = form.lower().split()
    if len(words) < 2:
        return english_zipf(form) >= ENGLISH_WORD_ZIPF
    from ..inference.romanization import foreign_word

    english = set(en.lower().split())
    return all(english_zipf(w) >= ENGLISH_WORD_ZIPF and not foreign_word(w) for w in words if w not in english)


def _build_places(cities: str | None):
    """Values: (key length, suffix, English name, {form: languages}). Forms that fold like an
    English place name, English words and forms shorter than four letters are left out."""
    import ahocorasick

    forms = _country_forms() + _city_forms(cities)
    english_keys = {key(en) for _, _, en in forms}
    english_keys |= {w for k in english_keys for w in k.split()}  # Pitcairn of Pitcairn Islands
    merged: dict[str, tuple[str, dict[str, list[str]]]] = {}
    folded_ok: set[str] = set()  # keys that match without the form's diacritics
    for lang, form, en in forms:
        kept = fold(form).keep.strip()
        if len(kept) < 4 or key(form) in english_keys or _english_word(form, en):
            continue
        if english_zipf(strip_marks(form)) < ENGLISH_WORD_ZIPF:
            folded_ok.add(kept)
        # else only as written: Saná, not Sana (a given name)
        langs = merged.setdefault(kept, (en, {}))[1].setdefault(normal_word(form), [])
        if lang not in langs:
            langs.append(lang)
    if not merged:
        return None
    by_low: dict[str, list[tuple]] = {}  # forms that differ only in case share a key (Eurozona, eurozona)
    for kept, (en, by_form) in merged.items():
        by_low.setdefault(kept.lower(), []).append((kept, en, by_form, kept in folded_ok))
    automaton = ahocorasick.Automaton()  # over lower-cased keys: the case is checked at each hit
    for low, forms in by_low.items():
        for suffix in ("", "'s"):
            padded = f" {low}{suffix} "
            automaton.add_word(padded, (len(padded), suffix, tuple(forms)))
    automaton.make_automaton()
    return automaton


# ---------------------------------------------------------------- guards


def _english_language_names() -> frozenset[str]:
    from babel import Locale

    return frozenset(n for n in Locale("en").languages.values() if n.isalpha())


def _language_names() -> frozenset[str]:
    """English names of languages (CLDR), from the cached tables."""
    return _tables(None)[2]


def _quoted_originals(text: str) -> list[tuple[int, int]]:
    """Quotations presented as original-language text: followed by a translation or a gloss,
    or introduced as a title, a slogan or "in <language>"."""
    out = []
    for start, end in _quotes(text):
        before = _BEFORE_QUOTE.search(text, max(0, start - 60), start)
        if before and before.group(1) and before.group(1) not in _language_names():
            before = None
        if before or _AFTER_QUOTE.match(text, end):
            out.append((start, end))
    return out


def _quotes(text: str):
    """The spans _QUOTE.finditer() would give, in linear time: an opening mark with no closing
    mark before the line ends makes every later one of its kind on that line fail too."""
    pos, dead = 0, {}  # opening mark -> offset up to which it cannot close
    while True:
        m = _QUOTE_OPEN.search(text, pos)
        if not m:
            return
        start, mark = m.start(), m.group()
        if start < dead.get(mark, -1):
            pos = start + 1
            continue
        close = _QUOTE_CLOSE[mark].search(text, start + 1)
        if close and close.group() != "\n":
            yield start, close.end()
            pos = close.end()
        else:
            dead[mark] = close.start() if close else len(text)
            pos = start + 1


def _guarded(ctx) -> list[tuple[int, int]]:
    masked = ctx.doc.masked
    return _quoted_originals(masked) + _glosses(masked) + italic_spans(ctx.doc.text, masked, ctx.doc.format)


# "(Viipuri in Finnish)", "(Finnish: Viipuri)", "(in Finnish, Viipuri)"
_GLOSS = re.compile(r"\((?:[^()\n]{1,60}?\s+in\s+([A-Z][a-z]+)|([A-Z][a-z]+):\s*[^()\n]{1,60}|"
                    r"in\s+([A-Z][a-z]+),?\s+[^()\n]{1,60})\)")


# "known by its German name X", "known in German as X", "in German, X", "German: X"
_INTRODUCED = re.compile(
    r"(?:\b(?:its|the|their|an?)\s+([A-Z][a-z]+)\s+(?:name|title|acronym|abbreviation|word|term|original)s?"
    r"\s*[,:]?|\bin\s+([A-Z][a-z]+)\s*[,:]|\b([A-Z][a-z]+)\s*:|\bknown\s+(?:in\s+([A-Z][a-z]+)\s+)?as)"
    r"\s*[\"“«‘']?$")


def _introduced(text: str, start: int) -> bool:
    """A native form the text presents as such, after a language name or "known as"."""
    m = _INTRODUCED.search(text, max(0, start - 60), start)
    if not m:
        return False
    language = m.group(1) or m.group(2) or m.group(3) or m.group(4)
    return language is None or language in _language_names()


def _in_parentheses(text: str, start: int, end: int) -> bool:
    """A native form alone in parentheses, given on purpose: Kyiv (Київ)."""
    return text[max(0, start - 3):start].rstrip().endswith("(") and text[end:end + 3].lstrip().startswith(")")


def _glosses(text: str) -> list[tuple[int, int]]:
    """Parentheses that give a name in another language on purpose."""
    return [m.span() for m in _GLOSS.finditer(text) if (m.group(1) or m.group(2) or m.group(3)) in _language_names()]


def _blank(text: str, spans) -> str:
    out, pos = [], 0
    for s, e in sorted(spans):
        s = max(s, pos)
        if s < e:
            out += [text[pos:s], _NOT_NEWLINE.sub(" ", text[s:e])]
            pos = e
    out.append(text[pos:])
    return "".join(out)


class _Spans:
    """Overlap queries over spans in O(log n): starts sorted, with the running maximum of ends."""

    def __init__(self, spans):
        spans = sorted(spans)
        self.starts = [a for a, _ in spans]
        self.reach = list(itertools.accumulate((b for _, b in spans), max))

    def overlaps(self, s: int, e: int) -> bool:
        i = bisect.bisect_left(self.starts, e)  # the spans starting before e
        return i > 0 and self.reach[i - 1] > s


def _inside(s: int, e: int, spans: _Spans) -> bool:
    return spans.overlaps(s, e)


def _claimed(s: int, e: int, matches) -> bool:
    """A glossary match overlaps s..e, other than a correct form inside it (Cairo in El Cairo)."""
    i = bisect.bisect_left(matches, e, key=attrgetter("start"))  # matches are sorted by start
    return any(m.end > s and not (m.correct and s <= m.start and m.end <= e) for m in matches[:i])


# ---------------------------------------------------------------- detection


def _foreign_sentences(text: str, vocabulary: set[str], options) -> list[tuple[int, int, str, float]]:
    """(start, end, language, probability) of the sentences in another language. Only sentences
    with enough lower-case words that may not be English (language.foreign_candidates) get to the
    gate, and only those it lets through to language identification."""
    out = []
    deadline = options.get("deadline", NEVER)
    for s, e in foreign_candidates(text, vocabulary):
        if deadline.expired(s):
            break
        # a passage in another script, alone or inside an English sentence: ... told state
        # television: ایران هرگز زیر بار زور نمی‌رود.
        runs = [(a, b, *found) for a, b in _other_script_runs(text, s, e, options["min_words"])
                for found in [_foreign(text, a, b, options)] if found]
        if runs:
            out += runs
            continue
        found = _foreign(text, s, e, options)
        if found:
            out.append((s, e, *found))
            continue
        # an English sentence around a quotation left in the original: "Snabdevanje gorivom je
        # za sada stabilno," the minister said.
        for qs, qe in _quotes(text[s:e]):
            inner = text[s + qs + 1:s + qe - 1]
            a = s + qs + 1 + len(inner) - len(inner.lstrip())
            b = s + qs + 1 + len(inner.rstrip(_QUOTE_TAIL))
            found = a < b and _foreign(text, a, b, options)
            if found:
                out.append((a, b, *found))
    return out


_QUOTE_TAIL = " \t\n,.;:!?…"


def _other_script_runs(text: str, s: int, e: int, min_words: int) -> list[tuple[int, int]]:
    """Spans of `min_words` or more words in a script other than Latin, with nothing but spaces
    and punctuation between them, in text[s:e]; none when it holds no Latin word (the sentence
    is the passage)."""
    spans: list[tuple[int, int] | None] = []  # the other script's words; None where a run breaks
    latin, last = False, s
    for m in WORD.finditer(text, s, e):
        if "LATIN" in unicodedata.name(m.group()[0], "LATIN"):
            latin = True
            spans.append(None)
            continue
        if any(c.isalnum() for c in text[last:m.start()]):
            spans.append(None)
        spans.append(m.span())
        last = m.end()
    if not latin:
        return []
    runs = [list(run) for other, run in itertools.groupby(spans, key=bool) if other]
    return [(run[0][0], run[-1][1]) for run in runs if len(run) >= min_words]


def _foreign(text: str, s: int, e: int, options) -> tuple[str, float] | None:
    """(language, probability) when text[s:e] is a passage in another language, else None."""
    tokens = words(text[s:e])
    if len(tokens) < options["min_words"] or mostly_names(tokens) or not looks_foreign(tokens):
        return None
    lang, prob = identify(text[s:e])
    return (lang, prob) if lang not in ("en", "und") and prob >= options["min_probability"] else None


_DETERMINER = re.compile(r" (?:the|a|an|his|her|its|their|our|this|these|those|official|officials|local|state)\b")


def _context_ok(text: str, s: int, e: int, context: str) -> bool:
    after = text[e + 1] if e + 1 < len(text) and text[e] == " " else ""
    if context == "before-name":
        return after.isupper()
    if context == "before-phrase":  # "laut the regional administration", "laut Selenskyj"
        return after.isupper() or bool(_DETERMINER.match(text, e))
    if context == "between-words":
        return after.isalpha() and s >= 2 and text[s - 1] == " " and text[s - 2].isalpha()
    return True


def _leftover_words(text: str, vocabulary: set[str], table: dict[str, tuple[Leftover, ...]]):
    """(start, end, Leftover) of the words of `table` (leftovers()) in `text`, whose distinct
    words are `vocabulary`; a text without any is not read again."""
    found = vocabulary & table.keys()  # plain ASCII words are their own normal form
    if not text.isascii():
        found.update(w for w in vocabulary if not w.isascii() and normal_word(w) in table)
    if not found:
        return
    for m in WORD.finditer(text):
        if m.group() not in found:
            continue
        for entry in table[normal_word(m.group())]:
            if _context_ok(text, m.start(), m.end(), entry.context):
                yield m.start(), m.end(), entry
                break


# a capitalised word after a place name makes it part of a longer name (Alep Airport), unless it
# is a day or a month, which no name goes on with ("shelled Alep Monday", "in Moscova January 5")
_NAME_GOES_ON = re.compile(r" (?!(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|January|February|"
                           r"March|April|May|June|July|August|September|October|November|December)\b)"
                           r"(?:[^\W\d_](?<=[A-ZÀ-ÞА-ЯЁ])|[Aa]l-)")


def _place_names(ctx, cities):
    """(start, end, suffix, English name, languages) of foreign place names, leftmost-longest."""
    automaton = _tables(cities)[1]
    if automaton is None:
        return
    folded = ctx.folded
    found = sorted(((end - klen + 2, end, suffix, forms) for end, (klen, suffix, forms) in automaton.iter(folded.low)),
                   key=lambda f: (f[0], -f[1]))
    last = -1
    for a, b, suffix, forms in found:
        seg = folded.keep[a:b - len(suffix)]
        form = next((f for f in forms if seg == f[0] or len(seg) > 1 and seg == f[0].upper()), None)
        if a < last or form is None:  # written as listed or in ALL CAPS
            continue
        _, en, by_form, loose = form
        last = b
        start, end = folded.span(a, b)
        if not suffix and not seg.isupper() and _NAME_GOES_ON.match(ctx.doc.masked, end):
            continue  # part of a longer name: the al-Quds Brigades, Alep Airport (not in a headline)
        written = normal_word(ctx.doc.text[start:end - len(suffix)])
        if key(written) in ctx.glossary.correct_keys or not (
                loose or written in by_form or written in {f.upper() for f in by_form}):
            continue
        langs = by_form.get(written) or list(dict.fromkeys(l for ls in by_form.values() for l in ls))
        yield start, end, suffix, en, langs


def _languages(codes) -> str:
    names = [language_name(c) for c in codes]
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " or " + names[-1]


def _place_message(name: str, english: str, langs) -> str:
    if len(langs) > 3:
        return (f"'{name}' is the name of {english} in {', '.join(map(language_name, langs[:3]))} "
                f"and {len(langs) - 3} other languages")
    return f"'{name}' is the {_languages(langs)} name of {english}"


def detect(ctx, options):
    if ctx.config.language != "en":
        return
    doc = ctx.doc
    guarded = _guarded(ctx)
    text = _blank(doc.masked, guarded)
    vocabulary = distinct_words(text)
    flagged = _foreign_sentences(text, vocabulary, options)
    for s, e, lang, prob in flagged:
        yield Finding(RULE, SEVERITY, f"Sentence appears to be {language_name(lang)}, not English",
                      s, e, doc.text[s:e], confidence=round(prob, 3), category=CATEGORY)
    skip = _Spans([(s, e) for s, e, _, _ in flagged] + guarded)
    taken = None  # the glossary's matches, wanted only when there is a leftover word
    for f in report(ctx, RULE, SEVERITY, CATEGORY, _native_message):
        if not (_inside(f.start, f.end, skip) or _introduced(doc.masked, f.start)
                or _in_parentheses(doc.masked, f.start, f.end)):
            yield f
    places = []
    for s, e, suffix, en, langs in _place_names(ctx, options["cities"]):
        if not (_inside(s, e, skip) or _claimed(s, e, ctx.matches) or _introduced(doc.masked, s)):
            places.append((s, e, suffix, en, langs))
    in_places = _Spans([(s, e) for s, e, *_ in places])  # "und" in Bosnien und Herzegowina: one finding
    for s, e, entry in _leftover_words(text, vocabulary, _tables(options["cities"])[0]):
        taken = taken or _Spans([(m.start, m.end) for m in ctx.matches])
        if _inside(s, e, skip) or _inside(s, e, taken) or _inside(s, e, in_places) or _introduced(doc.masked, s):
            continue
        word = doc.text[s:e]
        # a word listed with its capital (Tsahal, ONU) says nothing by it: the English as listed
        fix = entry.english if entry.exact and word[:1].isupper() else transfer_case(word, entry.english, False)
        langs = [o.language for o in _tables(options["cities"])[0][normal_word(word)] if o.english == entry.english]
        yield Finding(RULE, SEVERITY, f"'{word}' is {_languages(langs)}, left untranslated; "
                      f"in English: '{fix}'", s, e, word, (fix,), confidence=0.9, category=CATEGORY)
    for s, e, suffix, en, langs in places:
        base = e - len(suffix)
        yield Finding(RULE, SEVERITY, _place_message(doc.text[s:base], en, langs),
                      s, e, doc.text[s:e], (transfer_case(doc.text[s:base], en, True) + doc.text[base:e],),
                      confidence=0.85, category=CATEGORY)


def _native_message(m, hit, entry, fix):
    via = language_name(hit.pattern.via) if hit.pattern.via else "the original language"
    return f"'{m.text}' is {via}, left untranslated; in English: '{fix}'"
