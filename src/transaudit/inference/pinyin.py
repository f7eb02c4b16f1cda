"""Chinese names from their Pinyin spelling to Russian (Palladius) and Serbian (data/pinyin.yaml)."""
from __future__ import annotations

import itertools
import re
from functools import lru_cache

from .. import datafile


MAX_FORMS = 6
_JQX = ("j", "q", "x")
_ZCS = ("z", "c", "s")
_RETROFLEX_AND_BACK = ("zh", "ch", "sh", "r", "z", "c", "s", "g", "k", "h", "f")
_PIECE = re.compile(r"([A-Za-z]+|[^A-Za-z]+)")


@lru_cache(maxsize=1)
def syllables() -> dict[str, tuple[str, ...]]:
    """syllable -> (Palladius Cyrillic, Serbian forms...)."""
    data = datafile.read("pinyin.yaml")
    out = {s: tuple(v) for s, v in data["whole"].items()}
    out.update({f: tuple(v) for f, v in data["finals"].items() if f[0] in "aoe"})
    for initial, (cyr, *latin) in data["initials"].items():
        finals = dict(data["finals"])
        if initial in _JQX:
            finals = {f: v for f, v in finals.items() if f[0] == "i"} | data["after_jqx"]
        elif initial in _RETROFLEX_AND_BACK:
            finals = {f: v for f, v in finals.items() if f[0] not in "iv" or f == "i"}
            if initial in _ZCS:
                finals |= data["after_zcs"]
            elif initial in ("g", "k", "h", "f"):
                finals.pop("i")
        for final, (f_cyr, *f_latin) in finals.items():
            out[initial + final] = (cyr + f_cyr, *(a + b for a in latin for b in f_latin))
    return out


@lru_cache(maxsize=4096)
def segment(word: str) -> tuple[str, ...] | None:
    """The fewest Pinyin syllables that spell `word` (lower case), or None."""
    table = syllables()
    best: list[tuple[str, ...] | None] = [()] + [None] * len(word)
    for end in range(1, len(word) + 1):
        for start in range(max(0, end - 6), end):
            head = best[start]
            if head is not None and word[start:end] in table:
                if best[end] is None or len(head) + 1 < len(best[end]):
                    best[end] = head + (word[start:end],)
    return best[-1]


def _convert(name: str, column: int | None) -> list[str] | None:
    """`name` with each Pinyin word in Cyrillic (column None) or in its Serbian forms."""
    table = syllables()
    options: list[list[str]] = []
    for piece in _PIECE.findall(name):
        if not piece.isalpha():
            options.append([piece])
            continue
        parts = segment(piece.lower())
        if parts is None:
            return None
        if column is None:
            forms = ["".join(table[p][0] for p in parts)]
        else:
            forms = ["".join(combo) for combo in itertools.product(*(table[p][1:] for p in parts))]
        options.append([f[:1].upper() + f[1:] if piece[0].isupper() else f for f in forms])
    return ["".join(c) for c in itertools.islice(itertools.product(*options), MAX_FORMS)]


def russian(name: str) -> str | None:
    """Си Цзиньпин for Xi Jinping: the Palladius form of a Pinyin name."""
    forms = _convert(name, None)
    return forms[0] if forms else None


def serbian(name: str) -> list[str]:
    """Si Đinping for Xi Jinping, Li Ćijang for Li Qiang."""
    return _convert(name, 1) or []
