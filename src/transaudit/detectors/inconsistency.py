"""The same name spelled two ways in one document: "Prokudin" … "Procudin", "Zelensky" … "Zelenski",
"Erdoğan" … "Erdogan".

Capitalised words of five letters or more are compared by their folded key (normalize.key) and
rapidfuzz (same first letter; ratio >= 85, or one edit apart in six letters or more: Shoigu/Shoygu). In each group the preferred spelling is a correct
glossary form, else the most frequent one, else the first one seen; the other spellings are reported
with the line where the preferred one first appears: "'Procudin' is spelled 'Prokudin' on line 3".

Example: "Mayor Vitali Prokudin … Procudin said" -> "Prokudin said".
Not flagged: feminine forms and patronymics, which are other words (Peskov/Peskova, Navalny/Navalnaya,
Zelensky/Zelenska, Ivanov/Ivanovich); possessives and plurals (Prokudin's, the Zelenskys); a pair of
spellings that are both established in English (wordfreq Zipf >= 3: Johnson/Johnston,
Austria/Australia, Defence/Defense) unless they differ only in diacritics; two forms the glossary
lists as correct; English words capitalised only at the start of sentences ("Russian. …" beside a
more frequent "Rusian" is not respelled); ALL-CAPS words; words already reported as a glossary
variant.
"""
from __future__ import annotations

import os
import re
from functools import lru_cache

from ..finding import Finding, Severity
from ..language import MARKS, WORD, english_zipf, sentences
from ..limits import NEVER
from ..normalize import key, same_letters

RULE = "inconsistency"
CATEGORY = "terminology/inconsistent"
SEVERITY = Severity.WARNING
OPTIONS = {"min_length": 5, "min_score": 85, "max_english_zipf": 3.0}
COMMON_ZIPF = 4.0
ESTABLISHED_ZIPF, UNKNOWN_ZIPF = 3.0, 1.5  # "Russian", "Several": words, not names, when only sentence-initial

_FEMININE = re.compile(r"(?:a|aia|aya|ia|ya)$")
_PATRONYMIC = re.compile(r"(?:vich|vych|vna|ichna)$")


_GIVEN_NAME_SLOT = re.compile(r" [A-Z][a-z]")


def _derived(a: str, b: str) -> bool:
    """One word built on the other: a demonym or adjective (Azerbaijan/Azerbaijani, Iran/Iranian)."""
    short, long_ = sorted((a, b), key=len)
    return long_.startswith(short) and 0 < len(long_) - len(short) <= 3


def _other_word(a: str, b: str) -> bool:
    """A feminine form or a patronymic of the other key (CONTRACTS §1: another word)."""
    for rx in (_FEMININE, _PATRONYMIC):
        if bool(rx.search(a)) != bool(rx.search(b)):
            if len(os.path.commonprefix([a, b])) >= min(len(a), len(b)) - 2:
                return True
    return False


# A WORD starts at a letter without a letter, digit, mark or apostrophe before it. The patterns
# below open with a plain character class, a capital or any non-ASCII character (negated: quick to
# compile), that the regex engine scans for quickly, then check with lookbehinds.
_LETTER = r"[^\W\d_]"
_CAPITAL = rf"[^\x00-@\[-\x7f](?<={_LETTER})"  # a letter but an ASCII lower-case one
_REST = WORD.pattern.removeprefix(_LETTER)  # what follows the first letter of a WORD
# a capital after a digit, mark or apostrophe: a word of its own ("3Zelensky") or inside one ("d'Ivoire")
_AFTER_WORD_PART = re.compile(rf"{_CAPITAL}(?<=[\d{MARKS}'’].)")
_WORD_PART = re.compile(rf"[^\W_]|[{MARKS}'’]")


@lru_cache(maxsize=8)
def _scanner(min_length: int) -> re.Pattern:
    """Words of language.WORD that start with a capital after neither a letter, digit, mark nor
    apostrophe, have `min_length` word characters or more and are no given name before a surname
    ("Vitali Prokudin": people spell theirs differently, Andrii/Andriy). The atomic group keeps a
    word from being cut short to pass the last test."""
    assert WORD.pattern.startswith(_LETTER)
    return re.compile(rf"{_CAPITAL}(?<![^\W_].)(?<![{MARKS}'’].)(?=[\w{MARKS}'’]{{{max(min_length - 1, 0)}}})"
                      rf"(?>{_REST})(?!{_GIVEN_NAME_SLOT.pattern})")


def _words(masked: str, min_length: int) -> list[re.Match]:
    """The matches of language.WORD.finditer(masked) that may be capitalised words of
    `min_length` characters or more, not before a given-name slot (a few shorter ones may come
    along: the caller checks the length). Most words are never visited in Python."""
    found = list(_scanner(min_length).finditer(masked))
    extra = []
    synced = 0  # WORD.finditer(masked, synced) gives the same words as from the start
    for c in _AFTER_WORD_PART.finditer(masked):
        p = c.start()
        if p < synced:
            continue  # inside the word found last
        s = p
        while s > synced and _WORD_PART.match(masked, s - 1):
            s -= 1
        for w in WORD.finditer(masked, s):
            if w.end() > p:
                break
        synced = w.end()
        if w.start() == p and len(w.group()) >= min_length and not _GIVEN_NAME_SLOT.match(masked, w.end()):
            extra.append(w)
    if extra:
        found = sorted(found + extra, key=lambda m: m.start())
    return found


def _occurrences(ctx, min_length: int):
    """(start, end, base, suffix) of capitalised words outside wrong glossary matches."""
    masked = ctx.doc.masked
    spans = sorted(((m.start, m.end, m) for m in ctx.matches if m.end > m.start), key=lambda t: t[:2])
    n, mi = len(spans), 0
    out = []
    for m in _words(masked, min_length):
        word = m.group()
        if not word.isascii():
            word = same_letters(word)
        if not word[0].isupper() or word.isupper():
            continue
        start, end = m.span()
        while mi < n and spans[mi][1] <= start:
            mi += 1
        if mi < n and spans[mi][0] < end and _in_wrong_match(spans, mi, start, end):
            continue
        base = word[:-2] if word.endswith(("'s", "’s")) else word
        if len(base) >= min_length:
            out.append((start, end, base, word[len(base):]))
    return out


def _in_wrong_match(spans, i: int, start: int, end: int) -> bool:
    """Does a wrong glossary match among spans[i:] (sorted (start, end, match)) overlap start..end?"""
    while i < len(spans) and spans[i][0] < end:
        if spans[i][1] > start and not spans[i][2].correct:
            return True
        i += 1
    return False


def _initials(masked: str) -> set[int]:
    """Offsets of the first word of every sentence."""
    initial = set()
    for s, e in sentences(masked):
        first = WORD.search(masked, s, e)
        if first:
            initial.add(first.start())
    return initial


@lru_cache(maxsize=1024)
def _slack(total: int, min_score: float) -> int:
    """How many distinct letters two close keys (fuzz.ratio >= min_score, or one edit apart) of
    `total` letters together can have that only one of them contains, at most: each such letter
    adds at least one to their Indel distance, and one edit adds at most two."""
    most = 2
    while most < total and 100 * (total - most - 1) >= (min_score - 1e-6) * total:
        most += 1
    return most


def _merge_plurals(occurrences):
    """Plural forms count as their singular when the singular is in the document too."""
    bases = {o[2] for o in occurrences}
    singular = {}
    for base in bases:
        for ending in ("es", "s"):
            if base.endswith(ending) and base[:-len(ending)] in bases:
                singular[base] = base[:-len(ending)], ending
                break
    if not singular:
        return occurrences
    out = []
    for s, e, base, suffix in occurrences:
        if base in singular:
            base, ending = singular[base]
            suffix = ending + suffix
        out.append((s, e, base, suffix))
    return out


def prepare(glossary) -> frozenset[str]:
    """The correct name forms a capitalised word can equal (one word, a capital first): the
    spellings to keep. Built once per glossary and kept in its cache entry."""
    patterns = glossary.patterns
    return frozenset(form for form in (patterns.form(i) for _, i in patterns.correct() if patterns.is_name(i))
                     if " " not in form and form[:1].isupper())


def detect(ctx, options):
    occurrences = _merge_plurals(_occurrences(ctx, options["min_length"]))
    by_form: dict[str, list] = {}
    for occ in occurrences:
        by_form.setdefault(occ[2], []).append(occ)
    limit, min_score = options["max_english_zipf"], options["min_score"]
    forms = list(by_form)
    keys = {f: key(f) for f in forms}
    names = ctx.glossary.prepare(RULE, prepare)
    listed = {f for f in forms if f in names}
    letters = {f: frozenset(k) for f, k in keys.items()}
    initial = None

    def common(form: str) -> bool:
        """An English word capitalised only at the start of sentences: no name to respell."""
        nonlocal initial
        if initial is None:
            initial = _initials(ctx.doc.masked)
        # the frequency last: for a word with diacritics it takes wordfreq itself (slow)
        return all(o[0] in initial for o in by_form[form]) and english_zipf(form) >= COMMON_ZIPF

    def same_name(a: str, b: str) -> bool:
        """Called for keys with the same first letter."""
        if a in listed and b in listed:
            return False
        ka, kb = keys[a], keys[b]
        if ka == kb:
            return True
        if abs(len(ka) - len(kb)) > 3 or len(letters[a] ^ letters[b]) > _slack(len(ka) + len(kb), min_score):
            return False  # most pairs: too far apart to ask rapidfuzz
        from rapidfuzz import fuzz
        from rapidfuzz.distance import Levenshtein

        close = fuzz.ratio(ka, kb) >= min_score or (
            min(len(ka), len(kb)) >= 6 and Levenshtein.distance(ka, kb) == 1)
        return (close and not _other_word(ka, kb) and not _derived(ka, kb)
                and not (english_zipf(a) >= limit and english_zipf(b) >= limit))

    order = {f: i for i, f in enumerate(forms)}
    ranked = sorted(forms, key=lambda f: (f not in listed, -len(by_form[f]), order[f]))
    blocks: dict[str, list[str]] = {}  # forms by first letter of their key, in rank order
    for f in ranked:
        blocks.setdefault(keys[f][:1], []).append(f)
    assigned: set[str] = set()
    deadline = options.get("deadline", NEVER)
    for first in ranked:
        if first in assigned:
            continue
        if deadline.expired(0):  # forms go by rank, not by position: no offset tells how far it got
            return
        kf = keys[first]
        block = blocks[kf[:1]]
        group = [first] + [o for o in block if o not in assigned and o != first and same_name(first, o)
                           and not common(o)]
        assigned.update(group)
        if len(group) > 1:
            blocks[kf[:1]] = [o for o in block if o not in assigned]
        else:
            continue
        head = _preferred(group, listed)
        line = ctx.doc.position(by_form[head][0][0])[0]
        for other in group:
            if other == head:
                continue
            if head not in listed and len(by_form[head]) <= len(by_form[other]) == 1 \
                    and english_zipf(other) > english_zipf(head) + 1:
                continue  # once each: not a word English knows for one it does not (Magyar, Madyar)
            if other not in listed and (english_zipf(other) >= COMMON_ZIPF
                                        or (head in listed and english_zipf(other) >= limit)):
                continue  # an English word ("Western") or another established name (Odessa, Texas)
            # only the diacritics differ (Lăzărescu, Lazarescu): worth a look, not a warning
            severity = Severity.INFO if keys[other] == keys[head] else SEVERITY
            for s, e, base, suffix in by_form[other]:
                yield Finding(RULE, severity, f"'{base}' is spelled '{head}' on line {line}",
                              s, e, ctx.doc.text[s:e], (head + suffix,), confidence=0.8, category=CATEGORY)


def _preferred(group: list[str], listed: set[str]) -> str:
    """The spelling to keep: a glossary form; else an established English spelling when another
    member is all but unknown in English (Kazakhstan over Kazakistan, Russian over Rusian); else
    the first of the group (most frequent, then first seen)."""
    for form in group:
        if form in listed:
            return form
    if any(english_zipf(f) < UNKNOWN_ZIPF for f in group):
        for form in group:
            if english_zipf(form) >= ESTABLISHED_ZIPF:
                return form
    return group[0]
