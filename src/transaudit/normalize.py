"""Folding keys for matching: lower case, diacritics removed, punctuation as single spaces.

`fold()` returns the key text together with an index map back to the original, so matches in
the key are reported as exact spans of the original text. Most words of English news are plain
ASCII words, each character its own key character: those are folded a few thousand at a time by
C loops (join, map, accumulate), and the index map keeps one row per word, from which the span of
a key character is computed when asked for; the other words are folded character by character.
"""
from __future__ import annotations

import re
import unicodedata
from array import array
from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from itertools import accumulate, repeat
from operator import add

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
# a plain word: ASCII, no apostrophe, no lower-case letter before a capital (iPhone splits)
_PLAIN = re.compile(r"[0-9A-Z_]*+(?:[a-z]++(?:[0-9_][0-9A-Z_]*+)?)*+")
_PLAIN_WORD = r"(?=\w)" + _PLAIN.pattern
_PLAIN_PHRASE = re.compile(f"{_PLAIN_WORD}(?: {_PLAIN_WORD})*+")  # its own fold
_WORDS = re.compile("(" + _TOKEN.pattern + ")")  # split: gaps and words
_GAP = re.compile(r"[^\w" + APOSTROPHES + _MARKS + r"\u00ad\u200c\u200d]")
_CHUNK = 1 << 16  # characters folded at a time (about 10,000 words)


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
    `start[j]`/`end[j]`: the original span of key character j (computed from an IndexMap when
    asked for: arrays of one integer per character would take most of the time of a fold)."""

    low: str
    keep: str
    start: Sequence[int]
    end: Sequence[int]

    def span(self, j0: int, j1: int) -> tuple[int, int]:
        """Original span of key characters j0..j1 (exclusive)."""
        if type(self.start) is _Side:
            locate = self.start.index_map.locate
            return locate(j0)[0], locate(j1 - 1)[1]
        return self.start[j0], self.end[j1 - 1]


class IndexMap:
    """Where each key character came from, one row per word: the key index where the word's part
    begins (the space before it, if any), of its first character, and the original index of its
    first character; a word folded character by character (origin -1) has explicit lists."""

    __slots__ = ("parts", "firsts", "origins", "explicit", "size", "length")

    def __init__(self, index: str):
        self.parts = array(index)     # key index where word t's part begins
        self.firsts = array(index)    # key index of word t's first character
        self.origins = array(index)   # original index of word t's first character, -1: explicit
        self.explicit: dict[int, tuple[array, array]] = {}
        self.size = 0                 # key characters: set when the fold is done
        self.length = 0               # of the original text

    def locate(self, j: int) -> tuple[int, int]:
        """The original span of key character j."""
        if not 0 <= j < self.size:
            raise IndexError(j)
        if j == self.size - 1:  # the closing space
            return self.length, self.length
        t = bisect_right(self.parts, j) - 1
        if t < 0:  # the opening space
            return 0, 0
        origin = self.origins[t]
        if origin < 0:
            starts, ends = self.explicit[t]
            return starts[j - self.parts[t]], ends[j - self.parts[t]]
        offset = j - self.firsts[t]
        if offset < 0:  # the space before the word: empty, where the word starts
            return origin, origin
        return origin + offset, origin + offset + 1


class _Side(Sequence):
    """start (side 0) or end (side 1) of every key character, from an IndexMap."""

    __slots__ = ("index_map", "side")

    def __init__(self, index_map: IndexMap, side: int):
        self.index_map, self.side = index_map, side

    def __len__(self) -> int:
        return self.index_map.size

    def __getitem__(self, j):
        if isinstance(j, slice):
            return [self[i] for i in range(*j.indices(len(self)))]
        if j < 0:
            j += self.index_map.size
        return self.index_map.locate(j)[self.side]


def _unquote(s: int, token: str) -> tuple[int, str]:
    """Drop quotation marks glued to a token ('Pantyr', ‘Pantyr’); keep a plural possessive (services')."""
    inner = token.lstrip(APOSTROPHES)
    s += len(token) - len(inner)
    bare = inner.rstrip(APOSTROPHES)
    if bare != inner and not bare.endswith(("s", "S")):
        inner = bare
    return s, inner


def fold(text: str) -> Folded:
    index_map = IndexMap("i" if len(text) < 2**31 - 1 else "q")
    kept = _fold(text, index_map)
    return Folded(low=_lower(kept), keep=kept, start=_Side(index_map, 0), end=_Side(index_map, 1))


def _fold(text: str, index_map: IndexMap | None) -> str:
    """The padded key text (case kept) of `text`, filling `index_map` when there is one."""
    keep: list[str] = [" "]
    size = 1          # len("".join(keep))
    spaced = True     # keep ends with a space
    pos = 0
    while pos < len(text):
        # a chunk of the text that ends between words: [gap, word, gap, word, ..., gap]
        cut = _GAP.search(text, pos + _CHUNK) if len(text) - pos > _CHUNK else None
        end = cut.start() if cut else len(text)
        pieces = _WORDS.split(text[pos:end] if pos or end < len(text) else text)
        words = pieces[1::2]
        starts = list(accumulate(map(len, pieces), initial=pos))[1::2] if index_map else None
        pos = end
        plain = list(map(_PLAIN.fullmatch, words))
        i = 0
        while i < len(words):
            if not plain[i]:
                size, spaced = _fold_token(starts[i] if starts else 0, words[i], keep, index_map, size, spaced)
                i += 1
                continue
            # a run of plain words: a space before each (but the first when keep ends with one)
            try:
                k = plain.index(None, i)
            except ValueError:
                k = len(words)
            run = words[i:k]
            keep.append(" ".join(run) if spaced else " " + " ".join(run))
            spaced = False
            if index_map:
                lengths = list(map(len, run))
                # word t's first character: after the previous word and one space
                firsts = list(accumulate(map(add, lengths[:-1], repeat(1)), initial=size + (keep[-1][0] == " ")))
                index_map.parts.append(size)
                index_map.parts.extend(map(add, firsts[1:], repeat(-1)))
                index_map.firsts.extend(firsts)
                index_map.origins.extend(starts[i:k])
                size = firsts[-1] + lengths[-1]
            i = k
    keep.append(" ")
    if index_map:
        index_map.size = size + 1
        index_map.length = len(text)
    return "".join(keep)


def _fold_token(s: int, token: str, keep: list[str], index_map: IndexMap | None, size: int,
                spaced: bool) -> tuple[int, bool]:
    """Fold the word `token` (at index s) that is not a plain ASCII word, character by character;
    the new key size, and whether the key now ends with a space."""
    if token[0] in APOSTROPHES or token[-1] in APOSTROPHES:
        s, token = _unquote(s, token)
        if not token:
            return size, spaced
    out: list[str] = []
    starts, ends = array("q"), array("q")  # of each key character: its original span
    if not spaced:
        out.append(" ")
        starts.append(s)
        ends.append(s)
    if token.isascii() and "'" not in token and "`" not in token:
        pos = s
        for k, piece in enumerate(_CAMEL.split(token)):  # iPhone: two words
            if k:
                out.append(" ")
                starts.append(pos)
                ends.append(pos)
            out.append(piece)
            starts.extend(range(pos, pos + len(piece)))
            ends.extend(range(pos + 1, pos + len(piece) + 1))
            pos += len(piece)
    else:
        prev = ""
        for i, c in enumerate(token, s):
            f = fold_char(c)
            if not f:  # a mark or a format character: the previous key character takes it
                if ends:
                    ends[-1] = i + 1
                elif size > 1 and index_map:  # the space a word of marks alone left before this one
                    index_map.explicit[len(index_map.parts) - 1][1][-1] = i + 1
                continue
            if prev.islower() and c.isupper():
                out.append(" ")
                starts.append(i)
                ends.append(i)
            prev = c
            for ch in f:
                out.append(ch)
                starts.append(i)
                ends.append(i + 1)
    if not out:
        return size, spaced
    keep.append("".join(out))
    if index_map:
        index_map.explicit[len(index_map.parts)] = (starts, ends)
        index_map.parts.append(size)
        index_map.firsts.append(size)
        index_map.origins.append(-1)
    return size + len(starts), keep[-1][-1] == " "


def case_key(form: str) -> str:
    """What `fold()` keeps of a form (case kept), without padding: a name's form as it matches."""
    return form if _PLAIN_PHRASE.fullmatch(form) else _fold(form, None).strip()


@lru_cache(maxsize=1 << 16)
def key(form: str) -> str:
    """The matching key of a glossary form: what `fold()` makes of it, without padding.
    Cached: detectors ask for the keys of the same words in every document."""
    return form.lower() if _PLAIN_PHRASE.fullmatch(form) else _lower(_fold(form, None)).strip()


_COMMA_BELOW = str.maketrans("şŞţŢ", "șȘțȚ")


def same_letters(word: str) -> str:
    """NFC, Romanian cedilla letters as comma-below ones: one spelling of a word typed two ways."""
    return word if word.isascii() else unicodedata.normalize("NFC", word).translate(_COMMA_BELOW)


def strip_marks(s: str) -> str:
    return "".join(fold_char(c) or "" for c in s)
