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
import unicodedata

from rapidfuzz import fuzz
from rapidfuzz.distance import Levenshtein

from ..finding import Finding, Severity
from ..language import WORD, english_zipf, sentences
from ..limits import NEVER
from ..normalize import key

RULE = "inconsistency"
CATEGORY = "terminology/inconsistent"
SEVERITY = Severity.WARNING
OPTIONS = {"min_length": 5, "min_score": 85, "max_english_zipf": 3.0}
COMMON_ZIPF = 4.0
ESTABLISHED_ZIPF, UNKNOWN_ZIPF = 3.0, 1.5  # "Russian", "Several": words, not names, when only sentence-initial

_POSSESSIVE = re.compile(r"['’]s$")
_FEMININE = re.compile(r"(?:a|aia|aya|ia|ya)$")
_PATRONYMIC = re.compile(r"(?:vich|vych|vna|ichna)$")


_GIVEN_NAME_SLOT = re.compile(r" [A-Z][a-z]")
# Romanian s/t with cedilla and with comma below look the same: one spelling.
_SAME_LETTER = str.maketrans("şţŞŢ", "șțȘȚ")


def _canonical_text(word: str) -> str:
    return word if word.isascii() else unicodedata.normalize("NFC", word).translate(_SAME_LETTER)


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


def _occurrences(ctx, min_length: int):
    """(start, end, base, suffix, sentence-initial) of capitalised words outside wrong glossary matches."""
    masked = ctx.doc.masked
    initial = set()
    for s, e in sentences(masked):
        first = WORD.search(masked, s, e)
        if first:
            initial.add(first.start())
    wrong = {i for m in ctx.matches if not m.correct for i in range(m.start, m.end)}
    out = []
    for m in WORD.finditer(masked):
        word = _canonical_text(m.group())
        if not word[0].isupper() or word.isupper():
            continue
        if _GIVEN_NAME_SLOT.match(masked, m.end()):
            continue  # a given name before a surname: people spell theirs differently (Andrii, Andriy)
        if not wrong.isdisjoint(range(m.start(), m.end())):
            continue
        suffix = _POSSESSIVE.search(word)
        base = word[:suffix.start()] if suffix else word
        if len(base) >= min_length:
            out.append((m.start(), m.end(), base, word[len(base):], m.start() in initial))
    return out


def _merge_plurals(occurrences):
    """Plural forms count as their singular when the singular is in the document too."""
    bases = {o[2] for o in occurrences}
    out = []
    for s, e, base, suffix, initial in occurrences:
        for ending in ("es", "s"):
            if base.endswith(ending) and base[:-len(ending)] in bases:
                base, suffix = base[:-len(ending)], ending + suffix
                break
        out.append((s, e, base, suffix, initial))
    return out


def detect(ctx, options):
    occurrences = _merge_plurals(_occurrences(ctx, options["min_length"]))
    by_form: dict[str, list] = {}
    for occ in occurrences:
        by_form.setdefault(occ[2], []).append(occ)
    limit = options["max_english_zipf"]
    forms = list(by_form)
    # an English word capitalised only at the start of sentences is no name to respell
    common = {f for f, occs in by_form.items() if all(o[4] for o in occs) and english_zipf(f) >= COMMON_ZIPF}
    keys = {f: key(f) for f in forms}
    names = ctx.glossary.names
    listed = {f for f in forms if any(p.form == f for p in names.get(keys[f], ()))}

    def same_name(a: str, b: str) -> bool:
        ka, kb = keys[a], keys[b]
        if a in listed and b in listed:
            return False
        if ka == kb:
            return True
        if ka[0] != kb[0] or abs(len(ka) - len(kb)) > 3:
            return False
        close = fuzz.ratio(ka, kb) >= options["min_score"] or (
            min(len(ka), len(kb)) >= 6 and Levenshtein.distance(ka, kb) == 1)
        return (close and not (english_zipf(a) >= limit and english_zipf(b) >= limit)
                and not _other_word(ka, kb) and not _derived(ka, kb))

    order = {f: i for i, f in enumerate(forms)}
    ranked = sorted(forms, key=lambda f: (f not in listed, -len(by_form[f]), order[f]))
    assigned: set[str] = set()
    deadline = options.get("deadline", NEVER)
    for first in ranked:
        if first in assigned:
            continue
        if deadline.expired(0):  # forms go by rank, not by position: no offset tells how far it got
            return
        group = [first] + [o for o in ranked if o not in assigned and o != first and o not in common
                           and same_name(first, o)]
        assigned.update(group)
        head = _preferred(group, listed)
        line = ctx.doc.position(by_form[head][0][0])[0]
        for other in group:
            if other == head:
                continue
            if other not in listed and (english_zipf(other) >= COMMON_ZIPF
                                        or (head in listed and english_zipf(other) >= limit)):
                continue  # an English word ("Western") or another established name (Odessa, Texas)
            # only the diacritics differ (Lăzărescu, Lazarescu): worth a look, not a warning
            severity = Severity.INFO if keys[other] == keys[head] else SEVERITY
            for s, e, base, suffix, _ in by_form[other]:
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
