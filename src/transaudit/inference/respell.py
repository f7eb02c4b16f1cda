"""Re-spell an English romanization the way another language writes it (data/respell.yaml)."""
from __future__ import annotations

import itertools
import re
from functools import lru_cache

from .. import datafile


MAX_FORMS = 6


@lru_cache(maxsize=1)
def profiles() -> dict[str, tuple[str, re.Pattern, tuple[tuple[str, ...], ...]]]:
    """language -> (language name, one-pass regex, replacements per rule)."""
    data = _data()
    out = {}
    for lang, profile in data["profiles"].items():
        rules = profile["rules"]
        regex = re.compile("|".join(f"({pattern})" for pattern, _ in rules))
        out[lang] = (profile["name"], regex, tuple(tuple(r) for _, r in rules))
    return out


@lru_cache(maxsize=1)
def restricted() -> dict[str, str]:
    """Profiles for some names only: profile -> `names` (abjad: names from Arabic or Hebrew
    script; ja: names with a Japanese native form)."""
    return {lang: p["names"] for lang, p in _data()["profiles"].items() if p.get("names")}


@lru_cache(maxsize=1)
def _data() -> dict:
    return datafile.read("respell.yaml")


def _recase(model: str, word: str) -> str:
    if model.isupper() and len(model) > 1:
        return word.upper()
    if model[:1].isupper():
        return word[:1].upper() + word[1:]
    return word


def respell_word(word: str, lang: str) -> list[str]:
    """Forms of one word in language `lang`, most typical first (at most MAX_FORMS)."""
    _, regex, replacements = profiles()[lang]
    low = word.lower()
    pieces: list[tuple[str, ...]] = []
    pos = 0
    for m in regex.finditer(low):
        if m.start() == m.end():
            continue
        pieces.append((low[pos:m.start()],))
        pieces.append(replacements[m.lastindex - 1])
        pos = m.end()
    pieces.append((low[pos:],))
    forms = ("".join(p) for p in itertools.product(*pieces))
    return [_recase(word, f) for f in itertools.islice(forms, MAX_FORMS)]


def respell(phrase: str, lang: str) -> list[str]:
    """Forms of a phrase, word by word with the same language; hyphens and spaces kept."""
    parts = re.split(r"([\s-]+)", phrase)
    options = [respell_word(p, lang) if p.isalpha() else [p] for p in parts]
    return ["".join(c) for c in itertools.islice(itertools.product(*options), MAX_FORMS)]
