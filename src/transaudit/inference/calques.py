"""Calque families: term forms with one or two words replaced by their word-for-word renderings.

"one-way attack drone" -> "unilateral strike drone", "one-sided attack drone", ...
Data: data/calques.yaml.
"""
from __future__ import annotations

import itertools
import re
from functools import lru_cache

from .. import datafile
from ..glossary.compile import DERIVED, Pattern
from ..inflect import pluralize
from ..language import language_name

RULE = "calque"
MAX_FORMS = 40


@lru_cache(maxsize=1)
def _data() -> dict:
    return datafile.read("calques.yaml")


@lru_cache(maxsize=1)
def _spellings() -> tuple[dict[str, str], dict[str, str]]:
    """(American -> British, British -> American) word maps."""
    pairs = _data()["spellings"]
    return {us: uk for us, uk in pairs}, {uk: us for us, uk in pairs}


def _spelt(form: str, table: dict[str, str]) -> str:
    return re.sub(r"[A-Za-z]+", lambda m: table.get(m.group(), m.group()), form)


def other_spelling(english: str) -> str:
    """`english` with its American words in British spelling, or else the other way round."""
    us_uk, uk_us = _spellings()
    british = _spelt(english, us_uk)
    return british if british != english else _spelt(english, uk_us)


def _either_spelling(english: str) -> str:
    """A regex source for `english` in American or British spelling."""
    us_uk, uk_us = _spellings()
    out = []
    for piece in re.split(r"([A-Za-z]+)", english):
        other = us_uk.get(piece) or uk_us.get(piece)
        out.append(f"(?:{piece}|{other})" if other else re.escape(piece).replace(r"\-", "[- ]?"))
    return "".join(out)


@lru_cache(maxsize=1)
def families() -> tuple[tuple[re.Pattern, tuple[str, ...], str, tuple[str, ...]], ...]:
    out = []
    for fam in _data()["families"]:
        english = fam["english"]
        # the family's words also in the plural (rare earth: rare earths -> rare lands)
        pattern = re.compile(r"(?<![\w-])" + _either_spelling(english) + r"(?P<plural>s|es)?(?![\w-])", re.I)
        via = ", ".join(language_name(v) for v in fam.get("via", []))
        within = tuple(w.lower() for w in fam.get("within", ()))
        out.append((pattern, tuple(fam["calques"]), via, within))
    return tuple(out)


def _substitutions(form: str) -> list[tuple[str, str]]:
    """(calque form, via) with one or two families applied."""
    slots = []
    low = form.lower()
    for pattern, calques, via, within in families():
        if within and not any(w in low for w in within):
            continue
        for m in pattern.finditer(form):
            plural = m.group("plural") or ""
            slots.append((m.start(), m.end(), tuple(pluralize(c) if plural else c for c in calques), via))
    out = []
    for n in (1, 2):
        for combo in itertools.combinations(slots, n):
            spans = sorted(combo)
            if any(a[1] > b[0] for a, b in zip(spans, spans[1:])):
                continue
            for choice in itertools.product(*(s[2] for s in spans)):
                text, pos = [], 0
                for (start, end, _, _), calque in zip(spans, choice):
                    text.append(form[pos:start])
                    text.append(calque)
                    pos = end
                text.append(form[pos:])
                vias = dict.fromkeys(lang for s in spans if s[3] for lang in s[3].split(", "))
                out.append(("".join(text), ", ".join(vias)))
    out = out[:MAX_FORMS]
    seen = {form for form, _ in out}
    for table in _spellings():  # the calque in the other spelling too (defense/defence)
        for calque, via in list(out):
            other = _spelt(calque, table)
            if other not in seen:
                seen.add(other)
                out.append((other, via))
    return out


def derive(entry) -> list[Pattern]:
    if entry.kind != "term":
        return []
    bases = [entry.canonical, *entry.aliases]
    patterns = []
    for base in bases:
        for form, via in _substitutions(base):
            patterns.append(Pattern(entry.id, form, DERIVED, RULE, entry.canonical, via=via or None,
                                    confidence=0.85))
    for variant in entry.variants:
        for form, via in _substitutions(variant):
            patterns.append(Pattern(entry.id, form, DERIVED, RULE, entry.canonical, via=via or None,
                                    confidence=0.85))
    return patterns
