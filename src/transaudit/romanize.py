"""Romanize names written in Cyrillic or Greek the way each target language writes them.

A name like Пригожин reaches English news as "Prigozhin" when transliterated directly,
but as "Prigojin" when the story passed through Romanian, "Prigoschin" through German.
:func:`romanizations` lists, for every target system, the forms that system produces.

All language knowledge lives in ``data/translit/<system>.yaml``; the schema is
documented in ``data/translit/README.md``.  This module is only the rule engine.
"""
from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import dataclass
from importlib.resources import files
from types import MappingProxyType
from typing import Any

import yaml

__all__ = ["romanizations", "language_name"]

# Vowels of each supported source language (for `after_vowel` and `between_vowels`).
_VOWELS = MappingProxyType({
    "ru": "аеёиоуыэюя", "uk": "аеєиіїоуюя", "be": "аеёіоуыэюя",
    "bg": "аеиоуъюя", "sr": "аеиоу", "el": "αεηιουωϊϋ",
})
# After these, iotated vowels behave as after a vowel (soft/hard signs, apostrophes).
_SEPARATORS = "ьъ'’ʼ"
# Last-resort ASCII replacements for letters that Unicode does not decompose.
_ASCII_EXTRA = MappingProxyType({
    "ł": "l", "Ł": "L", "đ": "dj", "Đ": "Dj", "ı": "i", "ø": "o", "Ø": "O", "ß": "ss",
    "ʹ": "", "ʺ": "", "’": "", "”": "", "ʼ": "", "·": "",
})
_PLAIN = ("letters", "initial", "endings", "between_vowels", "after_vowel", "exonyms")
_CONTEXT = ("after", "before")
_WORD_BREAK = re.compile(r"([^\w'’ʼ]+)")   # spaces, hyphens, punctuation
_STRESS = {0x0300: None, 0x0301: None}      # stress marks / Greek tonos, removed before lookup
_BEAM = 6          # alternative spellings kept per word and per name
_MAX_FORMS = 12    # forms returned per system (spellings + their variant/ASCII fallbacks)

Options = tuple[str, ...]


@dataclass(frozen=True)
class _Table:
    plain: dict[str, dict[str, Options]]
    context: dict[str, dict[str, tuple[tuple[str, Options], ...]]]
    vowels: str
    maxlen: int


def _data_dir():
    return files("transaudit") / "data" / "translit"


@functools.lru_cache(maxsize=None)
def _systems() -> tuple[str, ...]:
    return tuple(sorted(p.name[:-5] for p in _data_dir().iterdir()
                        if p.name.endswith(".yaml") and not p.name.startswith("_")))


@functools.lru_cache(maxsize=None)
def _load(system: str) -> dict[str, Any]:
    data = yaml.safe_load((_data_dir() / f"{system}.yaml").read_text(encoding="utf-8"))
    if not isinstance(data, dict) or data.get("system") != system:
        raise ValueError(f"{system}.yaml: top-level 'system' must be {system!r}")
    return data


def _options(value: Any, where: str) -> Options:
    values = value if isinstance(value, list) else [value]
    if not values or not all(isinstance(v, str) for v in values):
        raise ValueError(f"{where}: expected a string or a list of strings, got {value!r}")
    return tuple(values)


def _sections(system: str, lang: str, depth: int = 0) -> dict[str, dict[str, Any]]:
    """Raw sections of ``from: lang`` in ``system`` with its ``base`` chain applied."""
    spec = (_load(system).get("from") or {}).get(lang)
    if not isinstance(spec, dict) or depth > 4:
        raise ValueError(f"{system}.yaml: missing or cyclic table for {lang!r}")
    out: dict[str, dict[str, Any]] = {s: {} for s in _PLAIN + _CONTEXT}
    if spec.get("base"):
        base_system, _, base_lang = str(spec["base"]).rpartition("/")
        out = _sections(base_system or system, base_lang, depth + 1)
    for section in out:
        for unit, value in (spec.get(section) or {}).items():
            if value is None:          # `unit: null` removes an inherited rule
                out[section].pop(str(unit), None)
            else:
                out[section][str(unit)] = value
    return out


@functools.lru_cache(maxsize=None)
def _table(system: str, lang: str) -> _Table | None:
    if lang not in (_load(system).get("from") or {}):
        return None
    raw, where = _sections(system, lang), f"{system}.yaml/{lang}"
    plain = {s: {_clean(u).lower(): _options(v, f"{where}/{s}/{u}") for u, v in raw[s].items()}
             for s in _PLAIN}
    context = {s: {u: tuple((str(chars), _options(v, f"{where}/{s}/{u}")) for chars, v in rules.items())
                   for u, rules in raw[s].items()} for s in _CONTEXT}
    units = [u for s in _PLAIN[:-1] for u in plain[s]] + [u for s in _CONTEXT for u in context[s]]
    return _Table(plain, context, _VOWELS[lang], max(map(len, units), default=1))


@functools.lru_cache(maxsize=None)
def _charmaps(system: str) -> tuple[dict[str, str], dict[str, str]]:
    """The system's ASCII-fallback and glyph-variant tables, with capitalised keys added."""
    data = _load(system)
    maps = []
    for key in ("ascii", "variants"):
        table = {str(k): str(v) for k, v in (data.get(key) or {}).items()}
        maps.append(table | {k.upper(): v.capitalize() for k, v in table.items()})
    return maps[0], maps[1]


def _clean(text: str) -> str:
    return unicodedata.normalize("NFC", unicodedata.normalize("NFD", text).translate(_STRESS))


def _to_ascii(system: str, form: str) -> str:
    form = "".join(_charmaps(system)[0].get(ch, ch) for ch in form)
    form = "".join(_ASCII_EXTRA.get(ch, ch) for ch in form)
    decomposed = unicodedata.normalize("NFD", form)
    return unicodedata.normalize("NFC", "".join(ch for ch in decomposed if not unicodedata.combining(ch)))


def _rule(t: _Table, word: str, i: int, n: int) -> Options | None:
    """Spellings of ``word[i:i+n]`` in its context, or None if no rule covers that unit."""
    unit, end = word[i:i + n], i + n
    prev, nxt = word[i - 1] if i else "", word[end] if end < len(word) else ""
    p = t.plain
    if end == len(word) and i and unit in p["endings"]:
        return p["endings"][unit]
    if not i and unit in p["initial"]:
        return p["initial"][unit]
    for section, neighbour in (("after", prev), ("before", nxt)):
        for chars, options in t.context[section].get(unit, ()):
            if neighbour and neighbour in chars:
                return options
    if unit in p["between_vowels"] and prev and nxt and prev in t.vowels and nxt in t.vowels:
        return p["between_vowels"][unit]
    if unit in p["after_vowel"] and prev and (prev in t.vowels or prev in _SEPARATORS):
        return p["after_vowel"][unit]
    return p["letters"].get(unit)


def _extend(beam: list[tuple[str, int]], options: Options) -> list[tuple[str, int]]:
    """Append each option to each prefix; cost = rank of the option; keep the cheapest few."""
    costs: dict[str, int] = {}
    for prefix, cost in beam:
        for rank, option in enumerate(options):
            form = prefix + option
            costs[form] = min(costs.get(form, cost + rank), cost + rank)
    return sorted(costs.items(), key=lambda item: item[1])[:_BEAM]


def _word(t: _Table, word: str) -> list[str]:
    """Spellings of one lower-case word, best first (established exonyms lead)."""
    beam, i = [("", 0)], 0
    while i < len(word):
        for n in range(min(t.maxlen, len(word) - i), 0, -1):
            options = _rule(t, word, i, n)
            if options is not None:
                break
        else:
            n, options = 1, (word[i],)     # digits, Latin letters, unknown signs pass through
        beam, i = _extend(beam, options), i + n
    return list(dict.fromkeys([*t.plain["exonyms"].get(word, ()), *(form for form, _ in beam)]))


def _case_like(form: str, word: str) -> str:
    if len(word) > 1 and word.isupper():
        return form.upper()
    return form[:1].upper() + form[1:] if word[:1].isupper() else form


@functools.lru_cache(maxsize=4096)
def _romanize(text: str, lang: str, system: str) -> frozenset[str]:
    table, beam = _table(system, lang), [("", 0)]
    for index, part in enumerate(_WORD_BREAK.split(text)):
        if index % 2 or not part:          # separators are kept as they are
            beam = _extend(beam, (part,))
        else:
            beam = _extend(beam, tuple(_case_like(f, part) for f in _word(table, part.lower())))
    variants, forms = _charmaps(system)[1], []
    for form, _ in beam:
        for candidate in (form, "".join(variants.get(ch, ch) for ch in form), _to_ascii(system, form)):
            if candidate not in forms:
                forms.append(candidate)
    return frozenset(forms[:_MAX_FORMS])


def romanizations(native: str, lang: str) -> dict[str, frozenset[str]]:
    """All romanizations of ``native`` (a name in its original script, language ``lang``:
    ru, uk, be, bg, sr (Cyrillic), el (Greek)) keyed by system code ('ro', 'de', ...,
    'en-bgn', 'en-alalc', 'en-scholarly', 'en-press').

    Each value holds the form with the system's diacritics and its ASCII fallbacks
    (at most 12 forms).  Multi-word input is romanized word by word, keeping spaces and
    hyphens; case follows the input.  Unsupported ``lang`` gives ``{}``.
    """
    text = _clean(native).strip()
    if lang not in _VOWELS or not text:
        return {}
    return {s: _romanize(text, lang, s) for s in _systems() if _table(s, lang) is not None}


def language_name(system: str) -> str:
    """Human name of a system: 'ro' -> 'Romanian', 'en-bgn' -> 'English (BGN/PCGN)'.
    Unknown codes are returned unchanged."""
    return str(_load(system)["name"]) if system in _systems() else system
