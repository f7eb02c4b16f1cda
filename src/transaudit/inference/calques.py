"""Calque families: term forms with one or two words replaced by their word-for-word renderings.

"one-way attack drone" -> "unilateral strike drone", "one-sided attack drone", ...
Data: data/calques.yaml.
"""
from __future__ import annotations

import itertools
import re
from functools import lru_cache
from importlib import resources

import yaml

from ..glossary.compile import DERIVED, Pattern

RULE = "calque"
MAX_FORMS = 40
LANGUAGES = {"ru": "Russian", "uk": "Ukrainian", "ro": "Romanian", "fr": "French", "de": "German",
             "es": "Spanish", "it": "Italian", "pl": "Polish", "cs": "Czech", "sr": "Serbian", "tr": "Turkish"}


@lru_cache(maxsize=1)
def families() -> tuple[tuple[re.Pattern, tuple[str, ...], str, tuple[str, ...]], ...]:
    data = yaml.safe_load((resources.files("transaudit") / "data" / "calques.yaml").read_text("utf-8"))
    out = []
    for fam in data["families"]:
        english = fam["english"]
        pattern = re.compile(r"(?<![\w-])" + re.escape(english).replace(r"\-", "[- ]?") + r"(?![\w-])", re.I)
        via = ", ".join(LANGUAGES.get(v, v) for v in fam.get("via", []))
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
            slots.append((m.start(), m.end(), calques, via))
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
    return out[:MAX_FORMS]


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
