"""Folding keys for matching: lower case, diacritics removed, punctuation as single spaces.

`fold()` returns the key text together with an index map back to the original, so matches in
the key are reported as exact spans of the original text.
"""
from __future__ import annotations

import re
import unicodedata
from array import array
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

# Letters that Unicode does not decompose into base + mark.
_SPECIAL = {
    "ł": "l", "Ł": "L", "ß": "ss", "ẞ": "SS", "æ": "ae", "Æ": "AE", "ø": "o", "Ø": "O",
    "đ": "d", "Đ": "D", "ı": "i", "ħ": "h", "Ħ": "H", "œ": "oe", "Œ": "OE", "þ": "th",
    "Þ": "TH", "ð": "d", "Ð": "D", "ŀ": "l", "Ŀ": "L",
}
APOSTROPHES = "'’ʼ‘`´"
_MARKS = (
    "\u0300-\u036f\u0483-\u0489\u0591-\u05bd\u0610-\u061a\u064b-\u065f\u0670"
    "\u06d6-\u06ed\u0900-\u0903\u093a-\u094f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe00-\ufe0f\ufe20-\ufe2f"
)
_TOKEN = re.compile(r"[\w" + APOSTROPHES + _MARKS + r"\u00ad\u200c\u200d]+")
_CAMEL = re.compile(r"(?<=[a-z])(?=[A-Z])")


@lru_cache(maxsize=4096)
def fold_char(c: str) -> str:
    """Case-kept fold of one character: '' for marks and format characters."""
    if c in APOSTROPHES:
        return "'"
    if c in _SPECIAL:
        return _SPECIAL[c]
    cat = unicodedata.category(c)
    if cat[0] == "M" or cat == "Cf":
        return ""
    base = "".join(ch for ch in unicodedata.normalize("NFD", c) if not unicodedata.combining(ch))
    return base or c


def _lower(s: str) -> str:
    low = s.lower()
    return low if len(low) == len(s) else "".join(c.lower() if len(c.lower()) == 1 else c for c in s)


@dataclass(frozen=True, slots=True)
class Folded:
    """`low`/`keep`: key text (lower-cased / case kept), padded with a space at both ends.
    `start[j]`/`end[j]`: the original span of key character j (arrays of machine integers: a list
    of int objects would take 70 bytes per character of a 50 MB document)."""

    low: str
    keep: str
    start: Sequence[int]
    end: Sequence[int]

    def span(self, j0: int, j1: int) -> tuple[int, int]:
        """Original span of key characters j0..j1 (exclusive)."""
        return self.start[j0], self.end[j1 - 1]


def _unquote(s: int, token: str) -> tuple[int, str]:
    """Drop quotation marks glued to a token ('Pantyr', ‘Pantyr’); keep a plural possessive (services')."""
    inner = token.lstrip(APOSTROPHES)
    s += len(token) - len(inner)
    bare = inner.rstrip(APOSTROPHES)
    if bare != inner and not bare.endswith(("s", "S")):
        inner = bare
    return s, inner


def fold(text: str) -> Folded:
    keep: list[str] = [" "]
    index = "i" if len(text) < 2**31 - 1 else "q"
    start = array(index, [0])
    end = array(index, [0])
    add, add_start, add_end = keep.append, start.append, end.append
    starts, ends = start.extend, end.extend
    spaced = True  # keep[-1] == " "
    for m in _TOKEN.finditer(text):
        s, token = m.start(), m.group()
        if token[0] in APOSTROPHES or token[-1] in APOSTROPHES:
            s, token = _unquote(s, token)
            if not token:
                continue
        if not spaced:
            add(" ")
            add_start(s)
            add_end(s)
        if token.isascii() and "'" not in token and "`" not in token:
            # the common case: one plain ASCII word, one key character per character
            if token.islower() or token[1:].islower() or token.isupper():
                add(token)
                starts(range(s, s + len(token)))
                ends(range(s + 1, s + len(token) + 1))
                spaced = False
                continue
            pos = s
            for k, piece in enumerate(_CAMEL.split(token)):
                if k:
                    add(" ")
                    add_start(pos)
                    add_end(pos)
                add(piece)
                starts(range(pos, pos + len(piece)))
                ends(range(pos + 1, pos + len(piece) + 1))
                pos += len(piece)
            spaced = False
            continue
        prev = ""
        for i, c in enumerate(token, s):
            f = fold_char(c)
            if not f:
                if len(end) > 1:
                    end[-1] = i + 1
                continue
            if prev.islower() and c.isupper():
                add(" ")
                add_start(i)
                add_end(i)
            prev = c
            for ch in f:
                add(ch)
                add_start(i)
                add_end(i + 1)
        spaced = keep[-1] == " "
    add(" ")
    add_start(len(text))
    add_end(len(text))
    kept = "".join(keep)
    return Folded(low=_lower(kept), keep=kept, start=start, end=end)


@lru_cache(maxsize=1 << 16)
def key(form: str) -> str:
    """The matching key of a glossary form: what `fold()` makes of it, without padding.
    Cached: detectors ask for the keys of the same words in every document."""
    return fold(form).low.strip()


def strip_marks(s: str) -> str:
    return "".join(fold_char(c) or "" for c in s)
