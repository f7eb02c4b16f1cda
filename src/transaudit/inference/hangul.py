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


def person_forms(native: str, surname: str = "", japanese: bool = False) -> list[str]:
    """RR forms of a Korean person's name (윤석열 -> Yun Seok-yeol, Yun Seokyeol), also with the
    family name as English writes it (`surname`: Yoon Seok-yeol). [] unless 2-4 Hangul syllables,
    or words of a `japanese` name, in its order and reversed (다카이치 사나에 -> Dakaichi Sanae,
    Sanae Dakaichi)."""
    words = native.split()
    if len(words) > 1 and japanese:  # its words apart (다카이치 사나에): RR word by word
        spelled = ["".join(syllable(c) or "?" for c in w).capitalize() for w in words]
        if any("?" in w for w in spelled):
            return []
        return [" ".join(spelled)] + ([" ".join(spelled[::-1])] if len(spelled) == 2 else [])
    name = native.replace(" ", "")
    parts = [syllable(c) for c in name]
    if not 2 <= len(parts) <= 4 or None in parts:
        return []
    cut = 2 if len(parts) == 4 or (len(parts) == 3 and name[:2] in DOUBLE_SURNAMES) else 1
    family = "".join(parts[:cut]).capitalize()
    surnames = list(dict.fromkeys(filter(None, (family, surname))))
    return [f"{s} {given}" for s in surnames for given in _hyphenated(parts[cut:])]


# Kontsevich (the Russian standard for Korean): initial consonants as at the start of a word, and
# voiced after a vowel or a sonorant (г д б чж); the finals as Russian hears them.
_RU_INITIALS = ("к", "кк", "н", "т", "тт", "р", "м", "п", "пп", "с", "сс", "", "ч", "чч", "чх", "кх", "тх", "пх", "х")
_RU_VOICED = {0: "г", 3: "д", 7: "б", 12: "чж"}
_RU_VOWELS = ("а", "э", "я", "йе", "о", "е", "ё", "е", "о", "ва", "вэ", "ве", "ё", "у", "во", "ве", "ви", "ю", "ы",
              "ый", "и")
_RU_FINALS = ("", "к", "к", "к", "н", "н", "н", "т", "ль", "к", "м", "ль", "ль", "ль", "п", "ль", "м", "п", "п", "т",
              "т", "н", "т", "т", "к", "т", "п", "т")
_SONORANT_FINALS = {0, 4, 8, 16, 21}  # none (a vowel), ㄴ, ㄹ, ㅁ, ㅇ
_RU_SURNAMES = {"이": "Ли", "리": "Ли", "임": "Лим", "류": "Рю", "유": "Ю"}


def russian(native: str) -> str | None:
    """A Korean person's name in Russian (Kontsevich), syllables apart as Russian writes them:
    이재명 -> Ли Чжэ Мён, 윤석열 -> Юн Сок Ёль. None unless 2-4 Hangul syllables."""
    name = native.replace(" ", "")
    codes = [ord(c) - 0xAC00 for c in name]
    if not 2 <= len(codes) <= 4 or not all(0 <= c < 11172 for c in codes):
        return None
    words, previous_final = [], None
    for i, code in enumerate(codes):
        initial, vowel, final = code // 588, code % 588 // 28, code % 28
        voiced = previous_final is not None and previous_final in _SONORANT_FINALS and initial in _RU_VOICED
        sound = "и" if vowel == 19 and initial != 11 else _RU_VOWELS[vowel]  # ㅢ after a consonant: хи
        syllable = (_RU_VOICED[initial] if voiced else _RU_INITIALS[initial]) + sound + _RU_FINALS[final]
        if i == 0 and name[0] in _RU_SURNAMES:
            syllable = _RU_SURNAMES[name[0]].lower()
        words.append(syllable[:1].upper() + syllable[1:])
        previous_final = final
    return " ".join(words)
