"""Glossary -> CompiledGlossary: one index of keys over every surface form.

Keys are folded forms (normalize.fold); the scan finds them as runs of whole words of the folded
text, the last word possibly followed by a possessive ending, so a match always covers whole
words. Each key carries the patterns it stands for, including English inflections: plural and
singular of terms and weapons; possessives of every form are read by the scan. Patterns, keys
and entries are stored compactly (packed.py), in buffers that the cache maps from disk, so that
a large glossary loads at once and a lint reads only what its text touches.
"""
from __future__ import annotations

from dataclasses import dataclass, field, replace
from functools import lru_cache
from itertools import starmap
from operator import itemgetter

from ..inflect import number_forms
from ..normalize import Folded, case_key, fold, key
from .model import Entry, Glossary
from .packed import KeyIndex, PatternTable

CORRECT, VARIANT, DERIVED, NATIVE = "correct", "variant", "derived", "native"
POSSESSIVES = ("'s", "'")
REFERENCE = "known from the default glossary"
NATIVE_MAX_ZIPF = 2.5  # a one-word Latin-script native form this frequent in English is an English word


@dataclass(frozen=True, slots=True)
class Pattern:
    entry: str
    form: str          # the surface form as listed or derived
    role: str          # correct | variant | derived | native
    rule: str | None   # the rule reporting it (None for correct forms)
    suggestion: str    # the correct form to put in its place
    via: str | None = None       # language the wrong form came through, when known
    confidence: float = 1.0
    detail: str = ""   # extra evidence for the message


@dataclass(frozen=True, slots=True)
class Hit:
    pattern: Pattern
    suffix: str        # key chars after the form: "'s", "s"
    number: str        # "", "plural", "singular": how the text's form differs from the pattern


@dataclass(frozen=True, slots=True)
class Match:
    start: int
    end: int
    text: str
    hits: tuple[Hit, ...]
    suffix: str        # original text of the inflection ending
    correct: bool = False  # a correct form among the hits (set by scan: every rule asks)

    def best(self) -> Hit:
        """The most telling hit: a listed variant, a native form, a derived form, then a wrong
        form known only from the default glossary."""
        order = {VARIANT: 0, NATIVE: 1, DERIVED: 2, CORRECT: 4}
        return min(self.hits, key=lambda h: (3 if h.pattern.detail == REFERENCE else order[h.pattern.role],
                                             -h.pattern.confidence))


def _endings(entry: Entry, form_key: str) -> list[tuple[str, str, str]]:
    """(key, suffix, number) for the base key and its inflections."""
    out = [(form_key, "", "")]
    if entry.kind in ("term", "weapon"):
        head, _, last = form_key.rpartition(" ")
        if last.isalpha() and len(last) > 2:
            for other, number in number_forms(last):
                out.append(((head + " " if head else "") + other, "", number))
    for k, suffix, number in list(out):
        if k[-1].isalnum():
            out.append((k + "'s", "'s", number))
        if k.endswith("s"):
            out.append((k + "'", "'", number))
        if entry.kind == "weapon" and not number and k[-1].isalnum() and not k.endswith("s"):
            out.append((k + "s", "s", number))
    return out


def _patterns(entry: Entry) -> list[Pattern]:
    rule = "calque" if entry.kind == "term" else "listed-variant"
    out = [Pattern(entry.id, f, CORRECT, None, entry.canonical) for f in (entry.canonical, *entry.aliases)]
    short = entry.short_form
    if short:
        out.append(Pattern(entry.id, short, CORRECT, None, short))
    words = len(entry.canonical.split())
    right_lasts = {key(f.split()[-1]) for f in (entry.canonical, *entry.aliases, short or "") if f}
    for v in entry.variants:
        whole = short if short and len(v.split()) < words else entry.canonical
        out.append(Pattern(entry.id, v, VARIANT, rule, whole, confidence=0.95))
        last = v.split()[-1]
        # the variant's surname alone, unless it is the right one ("Bachar al-Assad": al-Assad)
        if short and len(v.split()) > 1 and key(last) not in right_lasts:
            out.append(Pattern(entry.id, last, VARIANT, rule, short, confidence=0.9))
    for lang, form in entry.native:
        if key(form) != key(entry.canonical) and _foreign_form(form):
            out.append(Pattern(entry.id, form, NATIVE, "untranslated", entry.canonical, via=lang,
                               confidence=0.9))
    return out


def _foreign_form(form: str) -> bool:
    """A native form that cannot be English text: one with a letter outside ASCII (Панцирь,
    Ceyhun Əliyev), a phrase (golpe de Estado), or a word English does not use (CEDEAO, not Camera)."""
    if any(c.isalpha() and not c.isascii() for c in form) or " " in form.strip():
        return True
    from ..language import english_zipf

    return len(form) >= 4 and english_zipf(form) < NATIVE_MAX_ZIPF


def _known(entry: Entry, wrong, right) -> list[Pattern]:
    """Patterns for the wrong forms of the same name that only the default glossary lists.
    (Its aliases are not imported: the desk's glossary decides what is correct.)"""
    ref = replace(entry, variants=tuple(wrong))
    out = [replace(p, detail=REFERENCE, confidence=0.9) for p in _patterns(ref) if p.role == VARIANT]
    return out


@dataclass(frozen=True, eq=False)
class CompiledGlossary:
    """Immutable; compared and hashed by identity so detectors can cache per glossary."""

    glossary: Glossary
    entries: dict[str, Entry]
    patterns: tuple[Pattern, ...]
    automaton: object = field(repr=False)   # packed.KeyIndex: the keys, found word by word
    correct_keys: frozenset[str] = field(repr=False, default=frozenset())
    prepared: dict = field(repr=False, default_factory=dict)  # see prepare()

    def prepare(self, name: str, build):
        """What a detector derives from this glossary alone (an index, loose keys): built on first
        use and kept in the on-disk cache entry (linter.load), so a warm start does not rebuild it."""
        value = self.prepared.get(name)
        if value is None:
            value = self.prepared[name] = build(self)
        return value

    def __reduce_ex__(self, protocol):
        from .packed import reduce_compiled

        return reduce_compiled(self)

    def scan(self, masked: str, folded: Folded | None = None) -> list[Match]:
        """Leftmost-longest whole-word matches of every surface form in `masked`."""
        if not self.patterns:
            return []
        folded = folded or fold(masked)
        keep = folded.keep
        table = self.patterns
        key_hits, case_of = self.automaton.key_hits, table.case
        cands: dict[tuple[int, int], list[tuple[int, str, str]]] = {}
        # whole words, the last one possibly followed by a possessive ending (Prigojin's, forces')
        for a, b, number, possessive in self.automaton.find(folded.low):
            for index, suffix, change in key_hits(number):
                if possessive:
                    if suffix:
                        continue
                    suffix = possessive
                case = case_of(index)  # (form, its case key, derived) of a name
                if case is not None:
                    written = keep[a:b - len(suffix)]
                    if written != case[1] and not _case_ok(written, case[0], keep, a, b, case[2]):
                        continue
                found = cands.get((a, b))
                if found is None:
                    cands[(a, b)] = [(index, suffix, change)]
                else:
                    found.append((index, suffix, change))
        matches = []
        last_end = -1
        spans = sorted(cands)
        for n, (a, b) in enumerate(spans):
            if a < last_end or (n + 1 < len(spans) and spans[n + 1][0] == a):  # a longer one starts here
                continue
            last_end = b
            start, end = folded.span(a, b)
            found = cands[(a, b)]
            if len(found) > 1:  # a form ending in 's beside a possessive: keep glossary order
                found.sort(key=itemgetter(0))
            hits = tuple(starmap(table.hit, found))
            suffix_len = len(found[0][1])
            suffix = masked[folded.start[b - suffix_len]:end] if suffix_len else ""
            matches.append(Match(start, end, masked[start:end], hits, suffix,
                                 any(h.pattern.role == CORRECT for h in hits)))
        return matches


@lru_cache(maxsize=65536)
def _case_form(form: str) -> str:
    return case_key(form)


def _case_ok(text_keep: str, form: str, keep: str = "", a: int = 0, b: int = 0, derived: bool = False) -> bool:
    """Names match as written, with a capital first letter, or in ALL CAPS (CONTRACTS §1). A form
    that nobody listed (derived) matches in ALL CAPS only with six letters or more or inside a
    capitalised headline, so that acronyms (IDLEB next to IDF, HUMS) are not read as names."""
    f = _case_form(form)
    if text_keep == f or (f and text_keep == f[0].upper() + f[1:]):
        return True
    if text_keep != f.upper():
        return False
    if not derived or f.isupper() or sum(c.isalpha() for c in f) >= 6:
        return True
    return any(len(w) > 1 and w.isupper() for w in _neighbours(keep, a, b))


def _neighbours(keep: str, a: int, b: int) -> tuple[str, str]:
    """The words of `keep` (space-separated) just before index a and just after index b: what
    keep[:a].split()[-1] and keep[b:].split()[0] give, without copying the whole text each time."""
    i = a
    while i > 0 and keep[i - 1] == " ":
        i -= 1
    before = keep[keep.rfind(" ", 0, i) + 1:i]
    j = b
    while j < len(keep) and keep[j] == " ":
        j += 1
    end = keep.find(" ", j)
    return before, keep[j:len(keep) if end < 0 else end]


def compile_glossary(glossary: Glossary, infer: bool = True, reference: bool = True) -> CompiledGlossary:
    """`infer`: derive wrong forms; `reference`: borrow native and wrong forms from the default
    glossary's entry for the same name."""
    derive = None
    known: dict[str, tuple] = {}
    if infer:
        from ..inference import derive
        if reference:
            from ..inference.reference import enrich
            enriched = [enrich(e) for e in glossary.entries]
            glossary = replace(glossary, entries=tuple(e for e, _, _ in enriched))
            known = {e.id: (wrong, right) for e, wrong, right in enriched if wrong or right}
    entries = {e.id: e for e in glossary.entries}
    patterns: list[Pattern] = []
    table: dict[str, list[tuple[int, str, str]]] = {}
    pattern_keys: dict[int, str] = {}
    per_entry = [(e, _patterns(e) + _known(e, *known.get(e.id, ((), ())))) for e in glossary.entries]
    correct_keys = {key(p.form) for _, pats in per_entry for p in pats if p.role == CORRECT}
    seen: set[tuple] = set()
    for e, pats in per_entry:
        if derive is not None:
            pats = pats + derive(e)
        for p in pats:
            k = key(p.form)
            if not k or (p.role != CORRECT and k in correct_keys) or (k, p.form, p.suggestion, p.via) in seen:
                continue
            seen.add((k, p.form, p.suggestion, p.via))
            index = len(patterns)
            patterns.append(p)
            if p.role == CORRECT:
                pattern_keys[index] = k
            for variant_key, suffix, number in _endings(e, k):
                if suffix not in POSSESSIVES:  # the scan reads possessives after any key
                    table.setdefault(variant_key, []).append((index, suffix, number))
    packed = PatternTable(patterns, {e.id for e in glossary.entries if e.is_name}, pattern_keys)
    return CompiledGlossary(glossary=glossary, entries=entries, patterns=packed,
                            automaton=KeyIndex(table), correct_keys=frozenset(correct_keys))
