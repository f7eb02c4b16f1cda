"""Organisation names bent by translation: synonyms swapped, function words or word order changed,
a country adjective dropped or added.

A capitalised phrase is compared with every organisation in the glossary as a set of concepts
(data/institutions.yaml: Near East = Middle East, Foundation = Endowment, Studies = Research, ...).

Example: "at the Near East Institute in Washington" -> "Middle East Institute";
"Institute for War Studies" -> "Institute for the Study of War".
Not flagged: a phrase that is itself a known name ("Washington Institute for Near East Policy",
"Middle East Forum"), a phrase with words the organisation lacks.
"""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field, replace
from functools import lru_cache

from .. import datafile
from ..finding import Finding, Severity
from ..inflect import singularize
from ..limits import NEVER
from ..normalize import key
from .glossary_hits import report

RULE = "institution"
CATEGORY = "terminology/wrong-term"
SEVERITY = Severity.ERROR
OPTIONS = {"max_words": 9}
DEMONYM_ZIPF = 2.4  # a derived country adjective English uses at least this often

# Head words a translation may swap for one another (concept names from data/institutions.yaml).
HEADS = frozenset({"institute", "center", "council", "foundation", "forum", "academy", "society",
                   "bureau", "agency", "committee", "commission"})
NOT_ADDED = frozenset({"international", "global", "world"})
HEADLESS = "headless"  # key of the index part that maps concepts without their head word

_WORD = re.compile(r"[^\W\d_][\w'’-]*")
_WORD_CHAR = re.compile(r"[\w'’-]")


@dataclass(frozen=True)
class Tables:
    """What the rule knows: data/institutions.yaml and the glossary's organisations (ids by concept set)."""

    concept: dict[tuple[str, ...], str]  # folded word(s) -> concept name
    function_words: frozenset[str]
    adjectives: frozenset[str]
    index: dict  # concept set -> entry ids; HEADLESS -> {concept set without head -> [(entry id, head)]}
    vocabulary: frozenset[str]  # folded words that can be part of an organisation's name
    possible: dict[str, bool] = field(default_factory=dict, compare=False)  # _possible() by word


def prepare(glossary) -> Tables:
    data = datafile.read("institutions.yaml")
    concept = {}
    for group in data["synonyms"]:
        for phrase in group:
            concept[tuple(key(phrase).split())] = group[0].replace(" ", "_")
    for phrase, country in _countries(data["demonyms"]):
        concept.setdefault(tuple(key(phrase).split()), "country:" + key(country))
    adjectives = frozenset(concept.get((a,), a) for a in data["adjectives"]) \
        | {c for c in concept.values() if c.startswith("country:")}  # Italian Institute for ... = Institute for ...
    tables = Tables(concept, frozenset(data["function_words"]), adjectives, {}, frozenset())
    index = tables.index
    for entry in glossary.entries.values():
        if entry.kind != "organization":
            continue
        for form in (entry.canonical, *entry.aliases):
            bag, _ = concepts(key(form).split(), tables)
            if len(bag) >= 2:
                _add(index.setdefault(bag, []), entry.id)  # once: an alias may differ only in spelling
            heads = bag & HEADS
            if len(heads) == 1 and len(bag) >= 3:
                _add(index.setdefault(HEADLESS, {}).setdefault(bag - heads, []), (entry.id, next(iter(heads))))
    named = {c for bag in index if bag != HEADLESS for c in bag}
    vocabulary = {w for phrase in concept for w in phrase} | tables.function_words | named | tables.adjectives | HEADS
    return replace(tables, vocabulary=frozenset(vocabulary))


def _countries(irregular: dict[str, str]) -> list[tuple[str, str]]:
    """(word or phrase, English country name): CLDR's English country names, the adjectives
    regular suffixes make of them that English uses (wordfreq: Russian, Kazakh, Lebanese), and
    the irregular ones. An adjective two countries make (Nigerian: Niger, Nigeria) is left out."""
    from babel import Locale

    from ..language import english_zipf

    names = [n for code, n in Locale("en").territories.items() if code.isalpha()]
    made: dict[str, set[str]] = {}
    for name in names:
        n = name.lower()
        if not n.isalpha():
            continue
        for word in _adjectives_of(n):
            if english_zipf(word) >= DEMONYM_ZIPF:
                made.setdefault(word, set()).add(name)
    out = [(n, n) for n in names]
    out += [(w, next(iter(c))) for w, c in made.items() if len(c) == 1 and w not in irregular]
    return out + list(irregular.items())


def _adjectives_of(n: str) -> set[str]:
    """Candidate adjectives of a country name (lower case)."""
    out = {n + "n", n[:-1] + "ian", n[:-1] + "ese"} if n.endswith("a") else set()
    if n.endswith(("e", "y")):
        out.add(n[:-1] + "ian")
    if n.endswith("y"):
        out.add(n[:-1])
    if n.endswith("on"):
        out.add(n[:-2] + "ese")
    if n.endswith("um"):
        out.add(n[:-2] + "an")
    if n[-1] not in "aeiouy":
        out |= {n + "ian", n + "i", n + "ese", n + "an"}
    suffix = "istan" if n.endswith("istan") else "stan"
    if n.endswith(suffix) and len(n) - len(suffix) >= 4:  # Kazakhstan, Uzbekistan (not Pakistan)
        out.add(n[:-len(suffix)])
    return out


def _add(items: list, item) -> None:
    if item not in items:
        items.append(item)


def concepts(words: list[str], tables: Tables) -> tuple[frozenset[str], tuple[str, ...]]:
    """(concept set, adjectives present) of a phrase given as folded words."""
    concept, function_words = tables.concept, tables.function_words
    words = [w[:-2] if w.endswith("'s") else w.rstrip("'") for w in words]  # Workers' Party = Workers Party
    out, i = [], 0
    while i < len(words):
        for n in (3, 2, 1):
            if tuple(words[i:i + n]) in concept:
                out.append(concept[tuple(words[i:i + n])])
                i += n
                break
        else:
            if words[i] not in function_words:
                out.append(singularize(words[i]))
            i += 1
    return frozenset(out), tuple(w for w in out if w in tables.adjectives)


def _possible(word: str, vocabulary: frozenset[str]) -> bool:
    """Whether a word can be part of a phrase naming an organisation: a phrase with any other word
    has a concept that no organisation has."""
    return all(w in vocabulary or singularize(w) in vocabulary for w in key(word).split())


def _segments(run: list[re.Match], tables: Tables):
    """The parts of a run between words that cannot be part of an organisation's name."""
    seen = tables.possible
    if len(seen) > 100_000:
        seen.clear()
    part: list[re.Match] = []
    for m in run:
        word = m.group()
        ok = seen.get(word)
        if ok is None:
            ok = seen[word] = _possible(word, tables.vocabulary)
        if ok:
            part.append(m)
            continue
        if len(part) >= 2:
            yield part
        part = []
    if len(part) >= 2:
        yield part


def _phrases(text: str, function_words: frozenset[str]):
    """Maximal runs of capitalised words, joined by spaces and lower-case function words.

    A regular expression finds the stretches where two or more such words may follow each other
    (most of a text is not visited in Python); the exact test runs on their words."""
    for region in _regions(function_words).finditer(text):
        s = region.start()
        while s and _WORD_CHAR.match(text, s - 1):  # from where the word around it starts
            s -= 1
        yield from _runs(text, _WORD.finditer(text, s, region.end()), function_words)


QUOTES = '"“”„«»'  # a name quoted inside a name: State Agency "National Security"
_NAME_GOES_ON = re.compile(r"['’]?s?[ \t]+[A-Z]")
_GAP_CHARS = " \t\r\n" + QUOTES


def _runs(text: str, words, function_words: frozenset[str]):
    run: list[re.Match] = []
    for m in words:
        w = m.group()
        upper = w[0].isupper()
        if not run:
            if upper:
                run = [m]
            continue
        gap = text[run[-1].end():m.start()]
        if gap.strip(_GAP_CHARS) == "" and "\n\n" not in gap and (upper or (w.islower() and w.lower() in function_words)):
            run.append(m)
            continue
        if len(run) > 1:
            yield run
        run = [m] if upper else []
    if len(run) > 1:
        yield run


@lru_cache(maxsize=8)
def _regions(function_words: frozenset[str]) -> re.Pattern:
    """Two or more words, each capitalised or a function word, between spaces (no blank line);
    a looser test than _runs' (a capital here is any letter but an ASCII lower-case one)."""
    capital = r"(?<![\w'’-])[^\x00-@\[-\x7f](?<=[^\W\d_])[\w'’-]*+"  # linear: no start inside a word
    function = "|".join(sorted((re.escape(w) for w in function_words if w.isalpha()), key=len, reverse=True))
    gap = rf"(?:[^\S\n]|\n(?!\n)|[{QUOTES}])+"
    return re.compile(rf"{capital}(?:{gap}(?:{capital}|(?:{function})(?![\w'’-])))+")


def _lookup(tables: Tables, bag, adjectives):
    """Ids of the organisations whose concepts equal the phrase's (0.9), or do so after a dropped or
    added adjective (0.7), a swapped head word — Center for Institute — (0.7), or both (0.6)."""
    index, all_adjectives = tables.index, tables.adjectives
    entries = index.get(bag)
    if entries:
        return entries, 0.9
    for variant in _adjective_variants(bag, adjectives, all_adjectives):
        if variant in index:
            return index[variant], 0.7
    heads = bag & HEADS
    if len(heads) == 1:
        headless = index.get(HEADLESS, {})
        for variant, confidence in [(bag - heads, 0.7)] + [
                (v - heads, 0.6) for v in _adjective_variants(bag, adjectives, all_adjectives)]:
            found = [e for e, head in headless.get(variant, ()) if head not in heads]
            # without its head, a name needs two words of its own: National Security Council is
            # not a National Security Bureau
            if found and len(variant - all_adjectives) >= 2:
                return found, confidence
    return None, 0.0


def _adjective_variants(bag, adjectives, all_adjectives):
    if len(bag) >= 4:
        yield from (bag - {adj} for adj in adjectives)
    if len(bag) >= 3:  # not "international": a national body shares the rest (Agency for Atomic Energy)
        yield from (bag | {adj} for adj in all_adjectives if adj not in NOT_ADDED)


def _country(word: str, tables: Tables) -> bool:
    return tables.concept.get(tuple(key(word).split()), "").startswith("country:")


def _candidates(text, run, max_words, claimed, tables: Tables, deadline=NEVER):
    """(start, end, entry id, confidence) for every sub-phrase naming exactly one organisation."""
    function_words = tables.function_words
    ends = [e for _, e in claimed]  # claimed spans do not overlap: sorted by start and by end
    n = len(run)
    for size in range(min(n, max_words), 1, -1):
        for i in range(0, n - size + 1):
            if deadline.expired(run[i].start()):
                return
            first, last = run[i].group(), run[i + size - 1].group()
            if first.lower() in function_words or last.lower() in function_words:
                continue
            if i and _country(run[i - 1].group(), tables):  # the Uzbek Institute of ...: another one
                continue
            start, end = run[i].start(), run[i + size - 1].end()
            k = bisect.bisect_right(ends, start)  # the first claimed span ending after start
            if k < len(claimed) and claimed[k][0] < end:
                continue
            bag, adjectives = concepts(key(text[start:end]).split(), tables)
            entries, confidence = _lookup(tables, bag, adjectives)
            if entries and len(entries) == 1:
                yield start, end, entries[0], confidence


def _message(m, hit, entry, fix):
    how = ", ".join(filter(None, (hit.pattern.via and f"through {hit.pattern.via}", hit.pattern.detail)))
    return f"'{m.text}' looks like a translated form of the name {fix}" + (f" ({how})" if how else "")


def detect(ctx, options):
    # names the glossary's native forms give word for word (inference/literal.py): a warning, as
    # such a rendering is sometimes the body's own English name
    for f in report(ctx, RULE, Severity.WARNING, CATEGORY, _message):
        # a capitalised word after it: part of a longer name (Council of People's Representatives)
        if not _NAME_GOES_ON.match(ctx.doc.masked, f.end) or f.text.isupper():
            yield f
    text = ctx.doc.masked
    tables = ctx.glossary.prepare(RULE, prepare)
    if not tables.index:
        return
    claimed = [(m.start, m.end) for m in ctx.matches]  # matches do not overlap: sorted by start and end
    starts, ends = [s for s, _ in claimed], [e for _, e in claimed]
    deadline = options.get("deadline", NEVER)
    for run in _phrases(text, tables.function_words):
        if deadline.expired(run[0].start()):
            return
        for part in _segments(run, tables):
            yield from _findings(ctx, part, options["max_words"], claimed, starts, ends, tables, deadline)


def _findings(ctx, part, max_words, claimed, starts, ends, tables, deadline):
    text = ctx.doc.masked
    near = claimed[bisect.bisect_right(ends, part[0].start()):bisect.bisect_left(starts, part[-1].end())]
    taken: list[tuple[int, int]] = []
    # the surest reading first, then the longest: "Popular Crowd Forces" (0.9) before "Popular
    # Crowd Forces in Iraq" (0.7, a country added)
    found = sorted(_candidates(text, part, max_words, near, tables, deadline), key=lambda c: (-c[3], c[0] - c[1]))
    for start, end, entry_id, confidence in found:
        if any(s < end and start < e for s, e in taken):
            continue
        taken.append((start, end))
        entry = ctx.glossary.entries[entry_id]
        span = ctx.doc.text[start:end]
        severity = SEVERITY if confidence >= 0.85 else Severity.WARNING
        yield Finding(RULE, Severity(entry.severity) if entry.severity else severity,
                      f"'{span}' looks like a translated form of the name {entry.canonical}",
                      start, end, span, (entry.canonical,), entry.id, confidence, CATEGORY)
