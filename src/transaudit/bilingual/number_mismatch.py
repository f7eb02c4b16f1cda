"""Numbers, dates and amounts that differ between a source sentence and its aligned translation.

Each side is read with its own language's conventions (quantities.py): "1.000,5" in a Romanian
source and "1,000.5" in the English translation are the same number; "1,5 milioane" matches
"1.5 million" and "1,500,000"; "24 februarie 2022" matches "February 24, 2022" and "24.02.2022".

Example: source "Au fost uciși 1.200 de civili", translation "1.2 civilians were killed" ->
"1.2" (suggestion "1,200"). A translation number written the source language's way ("2,5%" in
English) is reported with its English form as the suggestion.
Not flagged: a digit on one side spelled out on the other ("trei" / "3"), numbers in another
order, years and weapon designations that agree ("S-300").
"""
from __future__ import annotations

from dataclasses import dataclass, replace

from ..finding import Finding, Severity
from ..language import language_name
from .quantities import DATE, MONTH, Quantity, english, quantities, spelled

RULE = "number-mismatch"
CATEGORY = "accuracy/mistranslation"
SEVERITY = Severity.WARNING


@dataclass(frozen=True, slots=True)
class Side:
    """One side of a bead: its text, the span of the bead in it, and its language."""

    text: str
    span: tuple[int, int]
    lang: str


def _read(side: Side, other_lang: str) -> tuple[list[Quantity], set]:
    a, b = side.span
    chunk = side.text[a:b]
    found = quantities(chunk, side.lang, other_lang)
    return [replace(q, start=q.start + a, end=q.end + a) for q in found], spelled(chunk, side.lang)


def pair(src: list[Quantity], src_words: set, tgt: list[Quantity], tgt_words: set):
    """(source quantity, target quantity) pairs that disagree, None where one side has nothing:
    equal values cancel out, then a value spelled out on the other side does; what is left is
    paired in text order."""
    left = list(tgt)
    missing = []
    for q in src:
        twin = next((t for t in left if t.keys & q.keys), None)
        if twin is not None:
            left.remove(twin)
        elif not q.keys & tgt_words:
            missing.append(q)
    extra = [t for t in left if not t.keys & src_words]
    pairs = list(zip(missing, extra))
    pairs += [(q, None) for q in missing[len(extra):]] + [(None, t) for t in extra[len(missing):]]
    return sorted(pairs, key=lambda p: (p[1] is None, (p[1] or p[0]).start))


def _shown(q: Quantity) -> str:
    """'1.200' (1,200): the text, and its English form when that differs."""
    fix = english(q)
    return f"'{q.text}'" if fix == q.text else f"'{q.text}' ({fix})"


def _in_date(q: Quantity) -> bool:
    """A day, month or year read from a numeric date such as 24.02.2022."""
    return q.kind == DATE or (q.kind == MONTH and any(c.isdigit() for c in q.text))


def detect(source: Side, target: Side) -> list[Finding]:
    """Findings on the target text for one aligned pair of sentences."""
    src, src_words = _read(source, target.lang)
    tgt, tgt_words = _read(target, source.lang)
    out = []
    for s, t in pair(src, src_words, tgt, tgt_words):
        if s is not None and t is not None and (_in_date(s) or _in_date(t)):
            out.append(Finding(RULE, SEVERITY, f"The date '{t.text}' in the translation differs from "
                                               f"'{s.text}' in the source",
                               t.start, t.end, t.text, confidence=0.8, category=CATEGORY))
        elif s is not None and t is not None:
            out.append(Finding(RULE, SEVERITY, f"The source has {_shown(s)} where the "
                                               f"translation has '{t.text}'",
                               t.start, t.end, t.text, (english(s, like=t),), confidence=0.8, category=CATEGORY))
        elif t is not None:
            out.append(Finding(RULE, SEVERITY, f"'{t.text}' in the translation has no counterpart in "
                                               f"the source sentence",
                               t.start, t.end, t.text, confidence=0.6, category=CATEGORY))
        else:
            a, b = target.span
            out.append(Finding(RULE, SEVERITY, f"{_shown(s)} in the source is missing "
                                               f"from the translation",
                               a, b, target.text[a:b], confidence=0.6, category=CATEGORY))
    reported = {(f.start, f.end) for f in out}
    for q in tgt:
        if q.localized and (q.start, q.end) not in reported:
            out.append(Finding(RULE, SEVERITY, f"'{q.text}' is written the {language_name(source.lang)} way; "
                                               f"English writes {english(q)}",
                               q.start, q.end, q.text, (english(q),), confidence=0.9, category=CATEGORY))
    unique = {(f.start, f.end): f for f in reversed(out)}   # one finding per span: the first
    return sorted(unique.values(), key=lambda f: (f.start, f.end))
