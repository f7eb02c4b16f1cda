"""Romanizations of a name through other languages, from its native form and its English form.

Two sources, both data: transliteration tables applied to each `native` form (romanize.py,
data/translit/) and re-spelling rules applied to the canonical English form (data/respell.yaml).
A third, weaker source covers the translator's own noise in names from scripts that omit
vowels (Arabic, Hebrew, Persian): undoubled consonants and a dropped final h (Nasrallah ->
Nasralah, Nasralla).
"""
from __future__ import annotations

import itertools
import re
import unicodedata
from functools import lru_cache

from .. import datafile
from ..glossary.compile import DERIVED, Pattern
from ..language import english_zipf, language_name
from ..normalize import strip_marks
from . import hangul, pinyin
from .respell import profiles, respell, restricted

RULE = "romanization"
NAME_KINDS = ("person", "place", "weapon", "organization", "other")
MIN_LENGTH = 4
MAX_ENGLISH_ZIPF = 3.0   # words at least this frequent in English are never re-spelled
# A derived one-word form this frequent in English is more likely another word or name (Aman,
# Qasim, Poutine) than an artifact; places get a lower bar (Moskva the cruiser, Liman).
MAX_DERIVED_ZIPF = {"place": 2.0}
DEFAULT_MAX_DERIVED_ZIPF = 2.5
ABJAD = ("Arabic", "Hebrew", "Syriac", "Thaana")
CROSS_READING = {"ru": "uk", "uk": "ru", "be": "ru"}
FAMILY_FIRST = ("zh", "ko", "vi")  # native languages that write the family name first
LANGUAGE_NAMES = {"ru": "Russian", "uk": "Ukrainian", "be": "Belarusian"}
# Spelling alternations of names from abjads, which leave vowels and gemination unwritten.
_ABJAD_ALTERNATIONS = [(re.compile(p), r) for p, r in (
    (r"([b-df-hj-np-tv-z])\1", r"\1"), (r"aa", "a"), (r"(?<=[aeiou])h$", ""), (r"eh$", "a"), (r"iyeh$", "iya"),
    (r"(?<=[^aeiou])e(?=[^aeiou])", "i"), (r"(?<=[^aeiou])e(?=[^aeiou])", "a"), (r"(?<=[^aeiou])i(?=[^aeiou])", "e"), (r"(?<=[^aeiou])u", "ou"),
    (r"ou", "u"), (r"(?<=[^aeiou])o(?=[^aeiou])", "u"), (r"(?<=[^aeiou])u(?=[^aeiou])", "o"),
    (r"ee", "i"), (r"(?<=[aeiou])y(?=[aeiou])", "i"), (r"^y", "i"), (r"q", "k"), (r"q", "g"), (r"g", "q"), (r"ai", "ei"),
    (r"ei$", "ai"), (r"(?<=[aeiou])i(?=[aeiou])", "y"), (r"(?<=a)i(?=[^aeiou])", "ee"),
    (r"(?<=[aeiou])([bdfklmnrstwz])(?=[aeiou])", r"\1\1"),
    (r"gh", "q"), (r"oo", "u"),  # Gharibabadi -> Qaribabadi (ghayn, qaf); Sindoor -> Sindur
)]
# The Arabic article as French and Egyptian usage write it: al-Burhan -> el-Burhan.
_ARTICLE = re.compile(r"(?<![\w-])([Aa])l-(?=\w)")
ARTICLE_VIA = {"French", "Egyptian Arabic"}
# Turkish and Persian write an Arabic name without its article (Beşar Esad, Ahmed Şara).
ARTICLE_DROPPED_VIA = {"Turkish", "Persian"}
_DROPPED_ARTICLE = re.compile(r"(?<![\w-])[Aa]l-(\w)")  # the article, and the letter it capitalises
# The article assimilated to a following "sun letter" (ash-Sharaa, as-Sisi, an-Nahyan), as Arabic
# pronounces it and academic transliteration writes it; Hebrew writes it a- (a-Shara: persons only,
# "a Houthi" is English).
# Not as-, at-, an-: folded to "as Sisi", they are English words before a name.
_SUN_ARTICLE = re.compile(r"(?<![\w-])([Aa])l-(?=(sh|th|dh|[drz])(?!\2))", re.I)
SUN_VIA, HEBREW_ARTICLE_VIA = {"Arabic (the article assimilated)"}, {"Hebrew"}
MAX_ARTICLE_FORMS = 48
A_FORM_MAX_ZIPF = 2.5
# French writes the final -an of Arabic names -ane (Burhane, Hamdane, Marwane).
_FRENCH_ANE = re.compile(r"(?<=\w\w)an\b")
# Czech and Slovak add -ová to a woman's surname, foreign ones too (Simonjanová, Zacharovová).
CZECH_FEMININE_VIA = {"Czech", "Slovak"}
_FEMININE_SURNAME = re.compile(r"(ova|eva|ina|aya|ska|skaya)$")
# given names ending in -a that are men's (a woman's given name usually ends in -a)
MALE_A = frozenset({"nikita", "ilya", "ilia", "luka", "foma", "kuzma", "mustafa", "hamza", "musa", "isa",
                    "yahya", "osama", "usama", "taha", "akiva", "joshua", "elia", "andrea", "sasha", "misha"})
MAX_NOISE = 24
MAX_FORMS = 8


def _script(text: str) -> str:
    for c in text:
        if c.isalpha() and not c.isascii():
            name = unicodedata.name(c, "")
            return name.split(" ")[0].title()
    return "Latin"


# Latin-script languages whose own words a weapon named by an English word shares (Neptune: de/ro
# Neptun): such a form in English copy names a resort or a ship as often as the weapon.
WORD_LANGUAGES = ("de", "fr", "es", "it", "pt", "nl", "pl", "cs", "ro", "tr", "sv", "fi", "hu")
MIN_FOREIGN_ZIPF = 3.0


@lru_cache(maxsize=4096)
def foreign_word(form: str) -> bool:
    """A word one of WORD_LANGUAGES uses often (Neptun, agricole)."""
    from wordfreq import zipf_frequency

    word = form.lower()
    return any(zipf_frequency(word, lang, wordlist="small") >= MIN_FOREIGN_ZIPF for lang in WORD_LANGUAGES)


@lru_cache(maxsize=65536)
def _common_english(form: str, limit: float = MAX_ENGLISH_ZIPF) -> bool:
    words = strip_marks(form).lower().split()  # matching ignores diacritics, so must the guard
    return len(words) == 1 and words[0].isalpha() and english_zipf(words[0]) >= limit


def _noise(word: str, words_ok: bool = False) -> list[str]:
    """Spellings of a name from an abjad with one or two alternations applied (Nasrallah ->
    Nasralah, Nasralla; Haniyeh -> Haniya; Qassem -> Qasem, Qassim)."""
    low = word.lower()
    first = set()
    for pattern, repl in _ABJAD_ALTERNATIONS:
        for m in pattern.finditer(low):
            first.add(low[:m.start()] + m.expand(repl) + low[m.end():])
    second = set()
    for w in sorted(first):
        for pattern, repl in _ABJAD_ALTERNATIONS:
            for m in pattern.finditer(w):
                second.add(w[:m.start()] + m.expand(repl) + w[m.end():])
    forms = sorted(first) + sorted(second - first)
    # not Gods for Quds; a person's given name may be a frequent one (Ahmad for Ahmed)
    out = [_cased(f, word) for f in forms if f != low and (words_ok or not _common_english(f))]
    return out[:MAX_NOISE * 4]


def _other_given_names(entry, candidates) -> list[tuple]:
    """The given names in another language's form (Vladimir Zelensky, Oleksandr Lapin, Hüseyin
    Salami), with the surname as written and as that language re-spells it."""
    words = entry.canonical.split()
    by_lang: dict[str, list[list[str]]] = {}
    for i, word in enumerate(words[:-1]):
        for form, lang in given_name_forms(word):
            options = by_lang.setdefault(lang, [[w] for w in words])
            options[i].append(form)
    if not by_lang:
        return []
    surnames = dict.fromkeys([words[-1]] + [form.split()[-1] for form, suggestion, _, _ in candidates
                                            if suggestion == entry.canonical and " " in form
                                            and form.split()[0] == words[0]])
    out = []
    for lang, options in by_lang.items():
        via = {f"the {LANGUAGE_NAMES.get(lang) or language_name(lang)} form of the given name"}
        for combo in itertools.islice(itertools.product(*options[:-1]), 1, MAX_FORMS):
            for surname in itertools.islice(surnames, MAX_NOISE):
                out.append((" ".join(combo + (surname,)), entry.canonical, via, 0.85))
    return out


def _cased(form: str, word: str) -> str:
    """`form` (lower case) with the capitals `word` has at the start of its hyphenated parts (al-Sharaa)."""
    parts, originals = form.split("-"), word.split("-")
    if len(parts) != len(originals):
        return form[:1].upper() + form[1:] if word[:1].isupper() else form
    return "-".join(p[:1].upper() + p[1:] if o[:1].isupper() else p for p, o in zip(parts, originals))


# Egyptian and Sudanese usage (El Fasher, Abdel Fattah) in the standard romanization of the
# article and of Abd al- names: Al-Fashir, Abd al-Fattah
_EL = re.compile(r"(?<![\w-])([Ee])l[- ](?=\w)")
_ABDEL = re.compile(r"\b(Abd|ABD)(?:el|ul|al|EL|UL|AL)[- ](?=\w)")
STANDARD_VIA = {"Arabic (standard romanization)"}


def _standard_article_forms(candidates) -> list[tuple]:
    out = []
    for text, suggestion, langs, confidence in candidates:
        standard = _ABDEL.sub(lambda m: m.group(1) + (" AL-" if m.group(1).isupper() else " al-"), text)
        standard = _EL.sub(lambda m: ("A" if m.group(1) == "E" else "a") + "l-", standard)
        if standard != text:
            out.append((standard, suggestion, langs | STANDARD_VIA, min(confidence, 0.8)))
    return out


def _article_forms(candidates, hebrew: bool) -> list[tuple]:
    """The Arabic article of each form assimilated (ash-Sharaa) and as Hebrew writes it (a-Shara)."""
    out = []
    for text, suggestion, langs, confidence in candidates:
        if "l-" not in text:
            continue
        sun = _SUN_ARTICLE.sub(lambda m: m.group(1) + m.group(2).lower() + "-", text)
        if sun != text:
            out.append((sun, suggestion, langs | SUN_VIA, min(confidence, 0.8)))
        a_form = _ARTICLE.sub(lambda m: m.group(1) + "-", text)
        # alone, "a-Houthi" reads "a Houthi": only a name English does not use as a word
        if hebrew and a_form != text and (" " in a_form or english_zipf(a_form[2:].lower()) < A_FORM_MAX_ZIPF):
            out.append((a_form, suggestion, langs | HEBREW_ARTICLE_VIA, min(confidence, 0.8)))
    return out


def _language(code: str) -> str:
    try:
        from ..romanize import language_name
        return language_name(code)
    except (ImportError, KeyError):
        return profiles().get(code, (code,))[0]


def _native_forms(entry) -> dict[str, set[str]]:
    """form -> languages it came through, from transliteration tables."""
    from ..romanize import romanizations

    out: dict[str, set[str]] = {}
    natives = list(entry.native)
    languages = native_languages(entry)
    has_russian = "ru" in languages
    if entry.kind == "person":
        for lang, native in entry.native:
            if lang.split("-")[0] == "ko":
                for form in hangul.person_forms(native, entry.canonical.split()[0], "ja" in languages):
                    out.setdefault(form, set()).add("Korean (Revised Romanization)")
                russian = None if has_russian else hangul.russian(native)
                if russian:  # then every table
                    natives.append(("ru", russian))
    for name in _pinyin_names(entry):
        out.setdefault(name, set()).add("Pinyin")  # dropped by the compiler when it is a correct form
        if not has_russian:
            natives.append(("ru", pinyin.russian(name)))
        for form in pinyin.serbian(name):
            out.setdefault(form, set()).add("Serbian")
    for lang, native in natives:
        if lang in _cyrillic_fold()[0]:
            native, lang = _fold_cyrillic(native), "ru"
        for system, forms in sorted(romanizations(native, lang).items()):
            for form in sorted(forms):
                out.setdefault(form, set()).add(_language(system))
        # Russian and Ukrainian texts spell each other's names in their own Cyrillic, and the
        # result is romanized by the other language's rules (Пригожин -> Pryhozhyn from Ukrainian).
        other = CROSS_READING.get(lang)
        if other:
            for system, forms in sorted(romanizations(native, other).items()):
                if system.startswith("en-"):
                    for form in sorted(forms):
                        out.setdefault(form, set()).add(f"{LANGUAGE_NAMES[other]} spelling")
    return out


def _pinyin_names(entry) -> list[str]:
    """The Pinyin spellings of a Chinese name: its canonical form and aliases that are Pinyin, and
    the Pinyin of its characters (Lai Qingde for Lai Ching-te, 賴清德)."""
    chinese = [native for lang, native in entry.native if lang.split("-")[0] == "zh"]
    if not chinese:
        return []
    names = [name for name in (entry.canonical, *entry.aliases) if pinyin.russian(name)]
    for native in chinese if entry.kind in ("person", "place") else ():  # an organisation's is a description
        name = pinyin.from_hanzi(native, entry.kind == "person")
        if name and pinyin.russian(name) and name not in names:
            names.append(name)
    return names


@lru_cache(maxsize=1)
def _given_name_rows() -> dict[str, tuple[tuple[str, str], ...]]:
    """given name (case-folded) -> ((the same name in another language, that language's code), ...)
    (data/given_names.yaml): Russian and Ukrainian, Russian and Belarusian forms both ways, English
    forms of Arabic and Persian names to their Turkish forms."""
    data = datafile.read("given_names.yaml")
    out: dict[str, dict[tuple[str, str], None]] = {}

    def add(row, side, other):
        mine = {n.casefold() for n in row[side]}
        for name in row[side]:
            forms = out.setdefault(name.casefold(), {})
            for n in row.get(other, ()):
                if n.casefold() not in mine:
                    forms.setdefault((n, other))

    for row in data["names"]:
        for side, other in (("ru", "uk"), ("uk", "ru"), ("ru", "be"), ("be", "ru")):
            if side in row:
                add(row, side, other)
    for row in data.get("from_english") or ():
        for lang in row:
            if lang != "en":
                add(row, "en", lang)
    return {name: tuple(forms) for name, forms in out.items()}


def given_name_forms(name: str) -> tuple[tuple[str, str], ...]:
    """(form, language code) of the same given name in other languages: Oleksandr (uk) for
    Alexander, Vladimir (ru) for Volodymyr, Hüseyin (tr) for Hussein."""
    return _given_name_rows().get(name.casefold(), ())


def other_given_names(name: str) -> tuple[str, ...]:
    return tuple(form for form, _ in given_name_forms(name))


@lru_cache(maxsize=1)
def _cyrillic_fold() -> tuple[frozenset[str], dict[str, str]]:
    data = datafile.read("cyrillic_fold.yaml")
    return frozenset(data["languages"]), data["letters"]


def _fold_cyrillic(text: str) -> str:
    """A name in Kazakh, Kyrgyz, Tajik ... Cyrillic spelt with Russian letters."""
    letters = _cyrillic_fold()[1]
    return "".join(letters.get(c, letters.get(c.lower(), c).upper() if c.isupper() else c) for c in text)


def _respelled(canonical: str, kind: str = "person", origins: frozenset[str] = frozenset(),
               english_kept: bool = False) -> dict[str, set[str]]:
    """Re-spellings of the name's words; lower-case words and the English words of organisation
    and place names ("Institute for", "Red Sea") stay as they are. `origins`: what the profiles
    meant for some names only ask for (abjad: from Arabic or Hebrew script; ja: Japanese);
    `english_kept`: words English writes too stay as well (a name with no native form: Joe Biden)."""
    words = canonical.split()
    keep = [w.islower() or ((english_kept or kind in ("organization", "place")) and _common_english(w))
            for w in words]
    if all(keep):
        return {}
    out: dict[str, set[str]] = {}
    only = restricted()
    for lang, (name, _, _) in profiles().items():
        if lang in only and only[lang] not in origins:
            continue
        options = [[w] if k else respell(w, lang) for w, k in zip(words, keep)]
        for combo in itertools.islice(itertools.product(*options), MAX_FORMS):
            out.setdefault(" ".join(combo), set()).add(name)
    return out


def _a_woman(canonical: str) -> bool:
    words = strip_marks(canonical).lower().split()
    if len(words) < 2:
        return False
    return bool(_FEMININE_SURNAME.search(words[-1])) or words[0].endswith("a") and words[0] not in MALE_A


def _czech_feminine(form: str) -> str | None:
    """The surname (last word) with the Czech feminine ending: Simonjan -> Simonjanová."""
    head, _, last = form.rpartition(" ")
    if not last.isalpha() or len(last) < 3:
        return None
    stem = last[:-1] if last[-1] in "ao" else last
    if stem[-1] in "aeiouyáéíóúý":
        return None
    return (head + " " if head else "") + stem + "ová"


INDIC = frozenset({"Devanagari", "Bengali", "Gurmukhi", "Gujarati", "Oriya", "Tamil", "Telugu", "Kannada",
                   "Malayalam", "Sinhala"})
MIN_SPLIT = 8  # letters of a surname that a romanization may cut in two


def _script_of(entry) -> set[str]:
    return {_script(form) for _, form in entry.native}


def _split_surname(canonical: str) -> list[str]:
    """The last word cut in two where a romanization of a compound name cuts it (जयशंकर:
    Jaishankar -> Jai Shankar): parts of three letters or more, the second starting with a consonant."""
    head, _, last = canonical.rpartition(" ")
    if len(last) < MIN_SPLIT or not last.isalpha():
        return []
    prefix = head + " " if head else ""
    return [f"{prefix}{last[:i]} {last[i].upper()}{last[i + 1:]}" for i in range(3, len(last) - 3)
            if last[i].lower() not in "aeiouy" and last[i - 1].lower() != last[i].lower()]


def native_languages(entry) -> set[str]:
    """The languages of an entry's native forms, without region or script (zh-Hant: zh)."""
    return {lang.split("-")[0] for lang, _ in entry.native}


def writes_family_name_first(entry) -> bool:
    """A native form in a language that puts the family name first (Chinese, Korean, Vietnamese)."""
    return not native_languages(entry).isdisjoint(FAMILY_FIRST)


def from_abjad(entry) -> bool:
    """Whether a native form is written in a script without short vowels (Arabic, Hebrew...)."""
    return any(_script(form) in ABJAD for _, form in entry.native)


def derive(entry) -> list[Pattern]:
    if entry.kind not in NAME_KINDS:
        return []
    native = _native_forms(entry)
    abjad = from_abjad(entry)
    origins = frozenset(["abjad"] * abjad + ["ja"] * ("ja" in native_languages(entry)))
    forms: dict[str, tuple[set[str], float]] = {f: (v, 0.9) for f, v in native.items()}
    for form, langs in _respelled(entry.canonical, entry.kind, origins, not entry.native).items():
        have = forms.setdefault(form, (set(), 0.85))
        have[0].update(langs)
    if abjad:  # Turkish and Persian drop the Arabic article: Ahmed Şara for Ahmed al-Sharaa
        for form, (langs, confidence) in list(forms.items()):
            bare = _DROPPED_ARTICLE.sub(lambda m: m.group(1).upper(), form) if langs & ARTICLE_DROPPED_VIA else form
            if bare != form:
                have = forms.setdefault(bare, (set(), confidence))
                have[0].update(langs & ARTICLE_DROPPED_VIA)
    alias_forms = {f: (langs, alias) for alias in entry.aliases if len(alias) >= MIN_LENGTH and not alias.isupper()
                   for f, langs in _respelled(alias, entry.kind, origins, not entry.native).items()}
    if abjad:
        words = entry.canonical.split()
        options = [[w] + _noise(w, entry.kind == "person" and i == 0 and len(words) > 1)[:MAX_NOISE]
                   for i, w in enumerate(words)]
        for combo in itertools.islice(itertools.product(*options), 1, MAX_NOISE * 8):
            forms.setdefault(" ".join(combo), (set(), 0.75))
    short = entry.short_form
    # the given name alone of a family-name-first name (Jae-myeong for Lee Jae-myung) is no form
    family_first = writes_family_name_first(entry)
    last_is_short = bool(short) and entry.canonical.split()[-1] == short and not family_first
    candidates = []
    for form, (langs, confidence) in forms.items():
        candidates.append((form, entry.canonical, langs, confidence))
        if last_is_short and " " in form:
            candidates.append((form.split()[-1], short, langs, confidence))
    if short and not last_is_short and not (family_first and short == entry.canonical.split()[-1]):
        candidates += [(f, short, langs, 0.85) for f, langs in _respelled(short, entry.kind, origins, not entry.native).items()]
    candidates += [(f, alias, langs, 0.8) for f, (langs, alias) in alias_forms.items() if f not in forms]
    if entry.kind == "person" and (abjad or _script_of(entry) & INDIC):  # Jai Shankar, not Shankar alone
        candidates += [(f, entry.canonical, set(), 0.75) for f in _split_surname(entry.canonical)]
        if short and " " not in short:
            candidates += [(f, short, set(), 0.75) for f in _split_surname(short)]
    for base in dict.fromkeys(filter(None, (entry.canonical, *entry.aliases, short))):
        if _ARTICLE.search(base):
            e_form = _ARTICLE.sub(lambda m: ("E" if m.group(1) == "A" else "e") + "l-", base)
            candidates.append((e_form, base, ARTICLE_VIA, 0.85))
        if abjad and _FRENCH_ANE.search(base):
            candidates.append((_FRENCH_ANE.sub("ane", base), base, {"French"}, 0.85))
    if abjad:
        candidates += _standard_article_forms(candidates[:MAX_ARTICLE_FORMS * 4])
        candidates += _article_forms(candidates[:MAX_ARTICLE_FORMS] + [(f, f, set(), 0.85) for f in
                                     dict.fromkeys(filter(None, (entry.canonical, *entry.aliases, short)))],
                                     hebrew=entry.kind == "person")
    if entry.kind == "person" and " " in entry.canonical:
        candidates += _other_given_names(entry, candidates)
    if entry.kind == "person" and _a_woman(entry.canonical):
        candidates += [(f, suggestion, langs & CZECH_FEMININE_VIA, confidence)
                       for form, suggestion, langs, confidence in candidates if langs & CZECH_FEMININE_VIA
                       for f in [_czech_feminine(form)] if f]
    patterns = []
    words = len(entry.canonical.split())
    named_by_a_word = entry.kind == "weapon" and _common_english(entry.canonical)
    for text, suggestion, langs, confidence in candidates:
        if short and suggestion == entry.canonical and len(text.split()) < words and not family_first:
            suggestion = short
        if len(text) < MIN_LENGTH or _common_english(text, MAX_DERIVED_ZIPF.get(entry.kind, DEFAULT_MAX_DERIVED_ZIPF)):
            continue
        if named_by_a_word and " " not in text and foreign_word(text):
            continue
        patterns.append(Pattern(entry.id, text, DERIVED, RULE, suggestion, via=", ".join(sorted(langs)) or None,
                                confidence=confidence))
    return patterns
