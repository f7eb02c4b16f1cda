"""Capitalised words close to a glossary name but not listed anywhere: spellings that no table
predicted ("Prigozin", "Nasrala", "Zelenskyy" when only "Zelensky" is known).

Each candidate word is reduced to a loose key that collapses the spellings languages use for the
same sound (sch/sh/ș/sz -> s, zh/ž/ż/j -> j, kh/ch/h -> h, w -> v, y -> i, doubled letters), and
compared with the keys of single-word names with rapidfuzz.

Example: "Prigozin said" -> "Prigozhin said".
Not flagged: words that are frequent in English ("Panther", "Tor"), forms of any glossary entry,
feminine surnames and patronymics (Peskova, Navalnaya, Zelenska, Vladimirovich), short words,
ALL-CAPS words of fewer than seven letters (acronyms),
words in URLs or code.
"""
from __future__ import annotations

import re
import weakref
from functools import lru_cache
from types import SimpleNamespace

from ..finding import Finding, Severity
from ..limits import NEVER
from ..markup import italic_spans
from ..normalize import key, strip_marks
from .glossary_hits import widen

RULE = "fuzzy-name"
CATEGORY = "terminology/wrong-term"
SEVERITY = Severity.WARNING
OPTIONS = {"min_length": 5, "min_score": 88, "max_english_zipf": 2.0}

MAX_VERDICTS = 50_000  # words judged per glossary and options before the memo starts afresh
_LOOSE = [(re.compile(p), r) for p, r in (
    (r"schtsch|shch|szcz|šč|sc(?=[ie])", "s"), (r"tsch|tch|cz|č|ç|cs", "c"), (r"dzh|dž|dsch|dj|dż", "j"),
    (r"sch|sh|sz|ș|ş|š", "s"), (r"zh|zs|zj|ž|ż", "j"), (r"kh|ch", "h"), (r"ts|tz|ț|z", "c"),
    (r"ck|q", "k"), (r"ph", "f"), (r"w", "v"), (r"ou|oo", "u"), (r"ee", "i"), (r"[yîïıj]", "i"),
    (r"(.)\1+", r"\1"), (r"h$", ""), (r"ii$|ij$", "i"),
)]
_FEMININE = (("ov", "ova"), ("ev", "eva"), ("in", "ina"), ("sky", "ska"), ("skiy", "skaya"),
             ("skyi", "ska"), ("y", "aya"), ("iy", "aya"), ("ski", "ska"), ("ny", "naya"))
# Names from scripts that do not write short vowels (inference.romanization.from_abjad) differ
# in their vowels from one romanization to another (Haftar/Hafter, Dbeibah/Dibeybe, Qassem/Qasim),
# so such names also match on their consonants.
ABJAD_MIN_SCORE = 75   # a word with the same consonants must still be this close (fuzz.ratio)
_VOWELS = re.compile(r"(?<=.)[aeiou]")
MIN_CAPS_LENGTH = 7  # an ALL-CAPS word shorter than this is more likely an acronym than a headline name
MIN_NAME_LENGTH = 5  # shorter names (Sadr, Tor) have too many real look-alikes (Sadyr, Torn)
_PATRONYMIC = re.compile(r"(ovich|evich|ovych|ievich|ovna|evna|ivna|yevich)$", re.I)


def loose(word: str) -> str:
    s = word.lower()  # the rules read letters with marks (dž, ș) before marks are dropped
    for pattern, repl in _LOOSE:
        s = pattern.sub(repl, s)
    return strip_marks(s)


@lru_cache(maxsize=16)
def _tokens(min_length: int) -> re.Pattern:
    """Words of `min_length` letters or more with an optional possessive. A word cannot start with
    an ASCII lower-case letter: neither those nor shorter words are candidates, and leaving them to
    the regex engine saves a Python step per word. The pattern opens with a plain character class,
    a capital or any non-ASCII character (negated: quick to compile), which the engine scans for
    quickly, and then checks that it is a letter with no word character, apostrophe or hyphen
    before it."""
    rest = max(min_length - 1, 1)
    return re.compile(rf"([^\x00-@\[-\x7f](?<=[^\W\d_])(?<![\w'’-].)[^\W\d_]{{{rest},}})(['’]s)?(?![\w-])")


def consonants(loose_key: str) -> str:
    """The loose key without its vowels after the first letter: hftr for Haftar and Hafter."""
    return _VOWELS.sub("", loose_key)


def _related(token: str, name: str) -> bool:
    """Another word built on the name: a feminine form (Peskova), a derivation (Omani), or the
    name itself in other case."""
    t, n = token.lower(), name.lower()
    if t.startswith(n) or n.startswith(t):
        return True
    return any(n.endswith(m) and t == n[: len(n) - len(m)] + f for m, f in _FEMININE)


def _preferred(entry, form: str) -> str:
    """The entry's own one-word form (short form or canonical) in place of an alias."""
    for preferred in (entry.short_form, entry.canonical):
        if preferred and " " not in preferred:
            return preferred
    return form


def prepare(glossary) -> tuple:
    """(keys, owners, by_initial, by_consonants), in glossary order: the loose keys of single-word
    correct name forms, the (form to suggest, entry id) behind each key, the keys by the first
    letter of their suggestion's loose key, and the numbers of the keys of names from abjad scripts
    by their consonants (3 or more). Built once per glossary and kept in its cache entry."""
    keys, owners, seen = [], [], set()
    for form, entry_id in _correct_forms(glossary.patterns):
        if " " in form.strip() or len(form) < MIN_NAME_LENGTH:
            continue
        entry = glossary.entries[entry_id]
        if not entry.is_name or not form[:1].isupper():
            continue
        k = loose(form)
        if (k, entry_id) in seen:
            continue
        seen.add((k, entry_id))
        keys.append(k)
        owners.append((_preferred(entry, form), entry_id))
    initials: dict[str, list[str]] = {}
    initial: dict[str, str] = {}  # form to suggest -> first letter of its loose key
    for k, (form, _) in zip(keys, owners):
        if form not in initial:
            initial[form] = loose(form)[:1]
        initials.setdefault(initial[form], []).append(k)
    blank = initials.pop("", [])  # no initial to compare: such keys go with every letter
    by_initial = {c: tuple(ks + blank) for c, ks in initials.items()}
    if blank:
        by_initial[""] = tuple(blank)  # and with a letter no other key has
    from ..inference.romanization import from_abjad

    by_consonants: dict[str, tuple[int, ...]] = {}
    for i, (k, (_, entry_id)) in enumerate(zip(keys, owners)):
        skeleton = consonants(k)
        if len(skeleton) >= 3 and from_abjad(glossary.entries[entry_id]):
            by_consonants[skeleton] = by_consonants.get(skeleton, ()) + (i,)
    return tuple(keys), tuple(owners), by_initial, by_consonants


def _correct_forms(patterns):
    """(form, entry id) of the correct patterns, in glossary order, read from the packed table's
    columns when it has them (building every derived pattern would cost seconds)."""
    if hasattr(patterns, "correct"):
        return ((patterns.form(i), patterns.entry(i)) for _, i in patterns.correct())
    return ((p.form, p.entry) for p in patterns if p.role == "correct")


def _english(word: str, limit: float) -> bool:
    from ..language import english_zipf

    return english_zipf(word.lower()) >= limit


# compiled glossary -> {(min_score, max_english_zipf): {word: verdict}}; weak, so that a glossary
# the service replaced is not kept alive by its memo
_VERDICTS: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()
_NEW, _PENDING = object(), object()  # a word not seen yet; a word not _dismissed, to judge where uncovered


def _verdicts(glossary, judged: tuple) -> dict:
    """Verdicts on words already judged against this glossary with these options (None: nothing
    to report; _PENDING: not judged yet): names recur from article to article. At most
    MAX_VERDICTS words are kept."""
    memo = _VERDICTS.get(glossary)
    if memo is None:
        memo = _VERDICTS[glossary] = {}
    verdicts = memo.get(judged)
    if verdicts is None or len(verdicts) >= MAX_VERDICTS:
        verdicts = memo[judged] = {}
    return verdicts


def detect(ctx, options):
    names = ctx.glossary.prepare(RULE, prepare)
    if not names[0]:
        return
    text = ctx.doc.masked
    verdicts = _verdicts(ctx.glossary, (options["min_score"], options["max_english_zipf"]))
    deadline = options.get("deadline", NEVER)
    covered = None  # spans of glossary matches and italics, sorted: built for the first word that needs them
    ci = 0
    for m in _tokens(options["min_length"]).finditer(text):
        word = m.group(1)
        verdict = verdicts.get(word, _NEW)
        if verdict is None:
            continue  # judged in this or an earlier document: nothing to report
        if verdict is _NEW:
            if not word[0].isupper():
                continue
            if _dismissed(word, ctx.glossary):
                verdicts[word] = None
                continue
            verdict = verdicts[word] = _PENDING
        if covered is None:
            covered = sorted([(g.start, g.end) for g in ctx.matches] + italic_spans(ctx.doc.text, text, ctx.doc.format))
        while ci < len(covered) and covered[ci][1] <= m.start():
            ci += 1
        if ci < len(covered) and covered[ci][0] < m.end():
            continue
        if deadline.expired(m.start()):
            return
        if verdict is _PENDING:
            verdict = verdicts[word] = _judge(word, names, options)
            if verdict is None:
                continue
        form, entry_id, score, rivals = verdict
        ending = m.group(2) or ""
        tie = len(rivals) > 1
        confidence = round(min(0.85, 0.5 + max(0, score - options["min_score"]) / 40), 3)
        suggestions = tuple(dict.fromkeys(f + ending for f, _ in rivals)) if tie else (form + ending,)
        if word.isupper():
            suggestions = tuple(s.upper() for s in suggestions)
        start, end = m.start(), m.end()
        if not tie:  # a misspelt given name before it joins the finding: "Halife Hafter" -> "Khalifa Haftar"
            entry = ctx.glossary.entries[entry_id]
            wide = widen(text, SimpleNamespace(start=start, text=m.group()), entry, suggestions[0]) \
                if entry.kind == "person" and form == entry.short_form else None
            if wide:
                start, end, suggestions = wide[0], wide[1], (wide[2],)
        yield Finding(RULE, Severity.INFO if tie else SEVERITY,
                      f"'{word}' is not in the glossary but looks like "
                      + (" or ".join(suggestions) if tie else f"{form} ({ctx.glossary.entries[entry_id].canonical})"),
                      start, end, ctx.doc.text[start:end], suggestions,
                      None if tie else entry_id, confidence, CATEGORY)


def _dismissed(word: str, glossary) -> bool:
    """No fuzzy name, wherever it stands: a glossary form, a patronymic or an acronym."""
    return key(word) in glossary.correct_keys or bool(_PATRONYMIC.search(word)) \
        or (word.isupper() and len(word) < MIN_CAPS_LENGTH)


def _judge(word, names: tuple, options):
    """(form, entry id, score, rivals) of the name `word` (not _dismissed) looks like, or None.
    Words frequent in English are no such names: an ASCII word is looked up first (a table), any
    other only when it would be reported (wordfreq itself, slow)."""
    limit = options["max_english_zipf"]
    if word.isascii() and _english(word, limit):
        return None
    from rapidfuzz import fuzz, process

    lk = loose(word)
    keys, owners, by_initial, by_consonants = names
    if lk and process.extractOne(lk, by_initial.get(lk[0], by_initial.get("", ())), scorer=fuzz.ratio,
                                 score_cutoff=options["min_score"]) is None:
        # the name to suggest must share the word's initial: with no close key among those, the
        # search below could only end in None (it costs ~15 times as much)
        hits = [(keys[i], score, i) for i in by_consonants.get(consonants(lk), ())
                if (score := fuzz.ratio(lk, keys[i])) >= ABJAD_MIN_SCORE]
        hits.sort(key=lambda h: -h[1])
    else:
        hits = process.extract(lk, keys, scorer=fuzz.ratio, score_cutoff=options["min_score"], limit=5)
    if not hits:
        return None
    best = hits[0][1]
    rivals = [owners[i] for _, s, i in hits if s >= best - 2]
    rivals = [(f, e) for f, e in rivals if not _related(word, f)]
    if not rivals or not word.isascii() and _english(word, limit) or lk[0] != loose(rivals[0][0])[0]:
        return None
    form, entry_id = rivals[0]
    return form, entry_id, best, tuple(rivals) if len({e for _, e in rivals}) > 1 else ((form, entry_id),)
