"""Korean names in the Revised Romanization (RR, the South Korean standard of 2000) from Hangul.

Many Korean public figures keep a personal spelling in English (Yoon Suk Yeol, Kim Keon-hee, Cho
Eun-suk); a text translated from Korean, or by a machine, gives the RR of the Hangul (Yun
Seok-yeol, Gim Geon-hui, Jo Eun-seok), often with the familiar surname kept (Kim Geon-hui).
Names are romanized syllable by syllable, without the sound changes across syllables, as RR
prescribes for personal names; the given name is written with a hyphen and as one word.
"""
from __future__ import annotations

INITIALS = ("g", "kk", "n", "d", "tt", "r", "m", "b", "pp", "s", "ss", "", "j", "jj", "ch", "k", "t", "p", "h")
VOWELS = ("a", "ae", "ya", "yae", "eo", "e", "yeo", "ye", "o", "wa", "wae", "oe", "yo", "u", "wo", "we", "wi",
          "yu", "eu", "ui", "i")
FINALS = ("", "k", "k", "k", "n", "n", "n", "t", "l", "k", "m", "l", "l", "l", "p", "l", "m", "p", "p", "t", "t",
          "ng", "t", "t", "k", "t", "p", "t")
# two-syllable family names (Namgung, Hwangbo, Jegal, Seonu, Dokgo, Sagong)
DOUBLE_SURNAMES = frozenset({"남궁", "황보", "제갈", "선우", "독고", "사공", "서문", "동방"})


def syllable(c: str) -> str | None:
    """The RR of one Hangul syllable (윤 -> yun); None for anything else."""
    code = ord(c) - 0xAC00
    if not 0 <= code < 11172:
        return None
    return INITIALS[code // 588] + VOWELS[code % 588 // 28] + FINALS[code % 28]


def _hyphenated(parts: list[str]) -> list[str]:
    """A given name hyphenated and in one word: Seok-yeol, Seokyeol."""
    if len(parts) == 1:
        return [parts[0].capitalize()]
    return ["-".join(parts).capitalize(), "".join(parts).capitalize()]


def person_forms(native: str, surname: str = "") -> list[str]:
    """RR forms of a Korean person's name (윤석열 -> Yun Seok-yeol, Yun Seokyeol), also with the
    family name as English writes it (`surname`: Yoon Seok-yeol). [] unless 2-4 Hangul syllables."""
    name = native.replace(" ", "")
    parts = [syllable(c) for c in name]
    if not 2 <= len(parts) <= 4 or None in parts:
        return []
    cut = 2 if len(parts) == 4 or (len(parts) == 3 and name[:2] in DOUBLE_SURNAMES) else 1
    family = "".join(parts[:cut]).capitalize()
    surnames = list(dict.fromkeys(filter(None, (family, surname))))
    return [f"{s} {given}" for s in surnames for given in _hyphenated(parts[cut:])]
