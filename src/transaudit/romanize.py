"""Romanize Cyrillic/Greek names the way each target language writes them.

Пригожин is "Prigozhin" in English but "Prigojin" in Romanian, "Prigoschin" in German;
:func:`romanizations` lists the forms of every target system.  All language knowledge
lives in ``data/translit/<system>.yaml`` (schema: ``data/translit/README.md``).
"""
from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import dataclass
from importlib.resources import files
from types import MappingProxyType
from typing import Any

from . import datafile

__all__ = ["romanizations", "language_name"]

# Vowels of each supported source language (for `after_vowel` and `between_vowels`).
_VOWELS = MappingProxyType({"ru": "аеёиоуыэюя", "uk": "аеєиіїоуюя", "be": "аеёіоуыэюя",
                            "bg": "аеиоуъюя", "sr": "аеиоу", "el": "αεηιουωϊϋ", "ka": "აეიოუ",
                            "hy": "աեէըիոօ"})
_UNICASE = ("ka",)
_CAPITAL = re.compile(r"(?<![\w'’])\w")
# After these, iotated vowels behave as after a vowel (soft/hard signs, apostrophes).
_SEPARATORS = "ьъ'’ʼ"
# Last-resort ASCII replacements for letters that Unicode does not decompose.
_ASCII_EXTRA = MappingProxyType({"ł": "l", "Ł": "L", "đ": "dj", "Đ": "Dj", "ı": "i", "ø": "o",
                                 "Ø": "O", "ß": "ss", "ʹ": "", "ʺ": "", "’": "", "”": "", "ʼ": "",
                                 "·": ""})
_PLAIN = ("letters", "initial", "endings", "between_vowels", "after_vowel", "exonyms")
_CONTEXT = ("after", "before")
_WORD_BREAK = re.compile(r"([^\w'’ʼ]+)")   # spaces, hyphens, punctuation
_STRESS = MappingProxyType({0x0300: None, 0x0301: None})  # stress marks / Greek tonos: dropped
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
    data = datafile.parse((_data_dir() / f"{system}.yaml").read_text(encoding="utf-8"))
    keys = {"system", "name", "source", "ascii", "variants", "from"}
    if not isinstance(data, dict) or data.get("system") != system or not set(data) <= keys \
            or not data.get("name") or not data.get("source"):
        raise ValueError(f"{system}.yaml: needs system ({system}), name, source; keys only {keys}")
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
    unknown = set(spec) - {"base", *_PLAIN, *_CONTEXT}
    if unknown:
        raise ValueError(f"{system}.yaml/{lang}: unknown sections {sorted(unknown)}")
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
    context = {s: {u: tuple((str(cs), _options(v, f"{where}/{s}/{u}")) for cs, v in rules.items())
                   for u, rules in raw[s].items()} for s in _CONTEXT}
    units = [u for s in _PLAIN[:-1] for u in plain[s]] + [u for s in _CONTEXT for u in context[s]]
    return _Table(plain, context, _VOWELS[lang], max(map(len, units), default=1))


@functools.lru_cache(maxsize=None)
def _charmaps(system: str) -> tuple[dict[str, str], dict[str, str]]:
    """The system's ASCII-fallback and glyph-variant tables, with capitalised keys added."""
    tables = [{str(k): str(v) for k, v in (_load(system).get(key) or {}).items()}
              for key in ("ascii", "variants")]
    ascii_map, variants = (t | {k.upper(): v.capitalize() for k, v in t.items()} for t in tables)
    return ascii_map, variants


def _clean(text: str) -> str:
    return unicodedata.normalize("NFC", unicodedata.normalize("NFD", text).translate(_STRESS))


def _to_ascii(system: str, form: str) -> str:
    form = "".join(_charmaps(system)[0].get(ch, ch) for ch in form)
    form = "".join(_ASCII_EXTRA.get(ch, ch) for ch in form)
    bare = "".join(ch for ch in unicodedata.normalize("NFD", form) if not unicodedata.combining(ch))
    return unicodedata.normalize("NFC", bare)


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


# A beam entry: (form so far, cost, choices made) where choices pins the rank picked for
# each (unit, options) so that a repeated letter is spelled the same way within a name.
_Entry = tuple[str, int, tuple]


def _extend(beam: list[_Entry], options: Options, key: tuple | None = None) -> list[_Entry]:
    """Append each option to each prefix (cost = its rank) and keep the cheapest few;
    a ``key`` seen before in the name reuses the rank chosen then."""
    best: dict[str, _Entry] = {}
    for prefix, cost, chosen in beam:
        pinned = dict(chosen).get(key) if key else None
        for rank, option in enumerate(options):
            if pinned is None:
                entry = (prefix + option, cost + rank, chosen + (((key, rank),) if key else ()))
            elif rank == pinned:
                entry = (prefix + option, cost, chosen)
            else:
                continue
            if entry[0] not in best or entry[1] < best[entry[0]][1]:
                best[entry[0]] = entry
    return sorted(best.values(), key=lambda entry: entry[1])[:_BEAM]


def _case_like(form: str, original: str, upper: bool) -> str:
    if upper:
        return form.upper()
    return form[:1].upper() + form[1:] if original[:1].isupper() else form


def _word(t: _Table, word: str, beam: list[_Entry]) -> list[_Entry]:
    """Extend ``beam`` with the spellings of one word; established exonyms lead."""
    low, upper = word.lower(), len(word) > 1 and word.isupper()
    exonyms = [(prefix + _case_like(e, word, upper), cost, chosen)
               for prefix, cost, chosen in beam for e in t.plain["exonyms"].get(low, ())]
    i = 0
    while i < len(low):
        for n in range(min(t.maxlen, len(low) - i), 0, -1):
            options = _rule(t, low, i, n)
            if options is not None:
                break
        else:
            n, options = 1, (low[i],)      # digits, Latin letters, unknown signs pass through
        cased = tuple(_case_like(o, word[i:i + n], upper) for o in options)
        beam, i = _extend(beam, cased, (low[i:i + n], options) if len(options) > 1 else None), i + n
    unique: dict[str, _Entry] = {}
    for entry in exonyms + beam:
        unique.setdefault(entry[0], entry)
    return list(unique.values())[:_BEAM]


@functools.lru_cache(maxsize=4096)
def _romanize(text: str, lang: str, system: str) -> frozenset[str]:
    table, beam = _table(system, lang), [("", 0, ())]
    for index, part in enumerate(_WORD_BREAK.split(text)):
        beam = _extend(beam, (part,)) if index % 2 or not part else _word(table, part, beam)
    variants, forms = _charmaps(system)[1], []
    for form, _, _ in beam:
        variant = "".join(variants.get(ch, ch) for ch in form)
        for candidate in (form, variant, _to_ascii(system, form)):
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
    out = {s: _romanize(text, lang, s) for s in _systems() if _table(s, lang) is not None}
    if lang in _UNICASE:  # Georgian writes no capitals: a name's words get one
        out = {s: frozenset(_CAPITAL.sub(lambda m: m.group().upper(), f) for f in forms) for s, forms in out.items()}
    return out


def language_name(system: str) -> str:
    """Human name of a system: 'ro' -> 'Romanian', 'en-bgn' -> 'English (BGN/PCGN)'.
    Unknown codes are returned unchanged."""
    return str(_load(system)["name"]) if system in _systems() else system
