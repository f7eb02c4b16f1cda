"""Chinese names in Pinyin: from their characters (pypinyin), and from Pinyin to Russian (Palladius)
and Serbian (data/pinyin.yaml).

English writes many Chinese names in older or local spellings (Lai Ching-te, Kaohsiung,
Kuomintang); a text translated from a mainland Chinese source writes them in Pinyin (Lai Qingde,
Gaoxiong, Guomindang), and a Russian one in Palladius (Лай Циндэ)."""
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


# two-character surnames (simplified and traditional)
COMPOUND_SURNAMES = frozenset("欧阳 歐陽 司马 司馬 诸葛 諸葛 上官 东方 東方 皇甫 尉迟 尉遲 公孙 公孫 慕容 司徒 令狐 "
                              "夏侯 长孙 長孫 宇文 端木 西门 西門 澹台 澹臺 轩辕 軒轅".split())
_HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+")
MAX_HAN = 6


@lru_cache(maxsize=4096)
def from_hanzi(native: str, person: bool) -> str | None:
    """The Pinyin spelling of a Chinese name written in characters, without tones: 賴清德 -> Lai
    Qingde (a person: surname, then the given name in one word), 高雄 -> Gaoxiong; None for
    anything but 1-6 Chinese characters (a middle dot or spaces between them allowed)."""
    chars = re.sub(r"[\s·・]", "", native)
    if not chars or len(chars) > MAX_HAN or not _HAN.fullmatch(chars):
        return None
    from pypinyin import lazy_pinyin

    syllables = lazy_pinyin(chars, v_to_u=True)
    if len(syllables) != len(chars) or not all(s.isalpha() for s in syllables):
        return None
    cut = 2 if person and chars[:2] in COMPOUND_SURNAMES and len(chars) > 2 else 1 if person and len(chars) > 1 else 0
    words = [syllables[:cut], syllables[cut:]] if cut else [syllables]
    return " ".join(_join(w) for w in words if w)


def _join(syllables: list[str]) -> str:
    """Syllables as one Pinyin word: an apostrophe before a syllable starting with a, o or e (Xi'an)."""
    word = syllables[0] + "".join("'" + s if s[0] in "aoe" else s for s in syllables[1:])
    return word[:1].upper() + word[1:]


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
