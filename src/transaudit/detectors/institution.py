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
from functools import lru_cache
from importlib import resources

import yaml

from ..finding import Finding, Severity
from ..inflect import singularize
from ..limits import NEVER
from ..normalize import key

RULE = "institution"
CATEGORY = "terminology/wrong-term"
SEVERITY = Severity.ERROR
OPTIONS = {"max_words": 9}

# Head words a translation may swap for one another (concept names from data/institutions.yaml).
HEADS = frozenset({"institute", "center", "council", "foundation", "forum", "academy", "society",
                   "bureau", "agency", "committee", "commission"})
HEADLESS = "headless"  # key of the index part that maps concepts without their head word

_WORD = re.compile(r"[^\W\d_][\w'’-]*")


@lru_cache(maxsize=1)
def _data():
    data = yaml.safe_load((resources.files("transaudit") / "data" / "institutions.yaml").read_text("utf-8"))
    concept = {}
    for group in data["synonyms"]:
        for phrase in group:
            concept[tuple(key(phrase).split())] = group[0].replace(" ", "_")
    return concept, frozenset(data["function_words"]), frozenset(data["adjectives"])


def concepts(words: list[str]) -> tuple[frozenset[str], tuple[str, ...]]:
    """(concept set, adjectives present) of a phrase given as folded words."""
    concept, function_words, adjectives = _data()
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
    return frozenset(out), tuple(w for w in out if w in adjectives)


@lru_cache(maxsize=64)
def _index(glossary) -> dict[frozenset[str], list]:
    index: dict[frozenset[str], list] = {}
    for entry in glossary.entries.values():
        if entry.kind != "organization":
            continue
        for form in (entry.canonical, *entry.aliases):
            bag, _ = concepts(key(form).split())
            if len(bag) >= 2:
                index.setdefault(bag, []).append(entry)
            heads = bag & HEADS
            if len(heads) == 1 and len(bag) >= 3:
                index.setdefault(HEADLESS, {}).setdefault(bag - heads, []).append((entry, next(iter(heads))))
    return index


def _phrases(text: str):
    """Maximal runs of capitalised words, joined by spaces and lower-case function words."""
    _, function_words, _ = _data()
    run: list[re.Match] = []
    for m in _WORD.finditer(text):
        w = m.group()
        upper = w[0].isupper()
        if not run:  # most words: lower case, outside any run
            if upper:
                run = [m]
            continue
        gap = text[run[-1].end():m.start()]
        if gap.strip() == "" and "\n\n" not in gap and (upper or (w.islower() and w.lower() in function_words)):
            run.append(m)
            continue
        yield run
        run = [m] if upper else []
    if run:
        yield run


def _lookup(index, bag, adjectives):
    """Organisations whose concepts equal the phrase's (0.9), or do so after a dropped or added
    adjective (0.7), a swapped head word — Center for Institute — (0.7), or both (0.6)."""
    entries = index.get(bag)
    if entries:
        return entries, 0.9
    _, _, all_adjectives = _data()
    for variant in _adjective_variants(bag, adjectives, all_adjectives):
        if variant in index:
            return index[variant], 0.7
    heads = bag & HEADS
    if len(heads) == 1:
        headless = index.get(HEADLESS, {})
        for variant, confidence in [(bag - heads, 0.7)] + [
                (v - heads, 0.6) for v in _adjective_variants(bag, adjectives, all_adjectives)]:
            found = [e for e, head in headless.get(variant, ()) if head not in heads]
            if found and len(variant) >= 2:
                return found, confidence
    return None, 0.0


def _adjective_variants(bag, adjectives, all_adjectives):
    if len(bag) >= 4:
        yield from (bag - {adj} for adj in adjectives)
    if len(bag) >= 3:
        yield from (bag | {adj} for adj in all_adjectives)


def _candidates(text, run, max_words, claimed, index, deadline=NEVER):
    """(start, end, entry, confidence) for every sub-phrase naming exactly one organisation."""
    _, function_words, _ = _data()
    ends = [e for _, e in claimed]  # claimed spans do not overlap: sorted by start and by end
    n = len(run)
    for size in range(min(n, max_words), 1, -1):
        for i in range(0, n - size + 1):
            if deadline.expired(run[i].start()):
                return
            first, last = run[i].group(), run[i + size - 1].group()
            if first.lower() in function_words or last.lower() in function_words:
                continue
            start, end = run[i].start(), run[i + size - 1].end()
            k = bisect.bisect_right(ends, start)  # the first claimed span ending after start
            if k < len(claimed) and claimed[k][0] < end:
                continue
            bag, adjectives = concepts(key(text[start:end]).split())
            entries, confidence = _lookup(index, bag, adjectives)
            if entries and len(entries) == 1:
                yield start, end, entries[0], confidence


def detect(ctx, options):
    text = ctx.doc.masked
    index = _index(ctx.glossary)
    if not index:
        return
    claimed = [(m.start, m.end) for m in ctx.matches]  # matches do not overlap: sorted by start and end
    starts, ends = [s for s, _ in claimed], [e for _, e in claimed]
    deadline = options.get("deadline", NEVER)
    for run in _phrases(text):
        if deadline.expired(run[0].start()):
            return
        near = claimed[bisect.bisect_right(ends, run[0].start()):bisect.bisect_left(starts, run[-1].end())]
        taken: list[tuple[int, int]] = []
        for start, end, entry, confidence in _candidates(text, run, options["max_words"], near, index, deadline):
            if any(s < end and start < e for s, e in taken):
                continue
            taken.append((start, end))
            span = ctx.doc.text[start:end]
            severity = SEVERITY if confidence >= 0.85 else Severity.WARNING
            yield Finding(RULE, Severity(entry.severity) if entry.severity else severity,
                          f"'{span}' looks like a translated form of the name {entry.canonical}",
                          start, end, span, (entry.canonical,), entry.id, confidence, CATEGORY)
