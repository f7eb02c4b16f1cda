"""Compact storage for a compiled glossary: patterns in columns, an automaton of ints.

A glossary of 10,000 names compiles to a quarter of a million patterns (mostly derived
romanizations). As Pattern objects they cost about 150 bytes each and seconds to unpickle;
`PatternTable` keeps them in columns (every form in one string, the other fields as indexes
into a small string table) and builds a Pattern only when asked for one, which a scan does for
the few patterns a text matches.

`KeyIndex` is the automaton: each key is a folded form with a leading space (STORE_INTS:
the value is the key's number), and the hits of key i (pattern number, the inflection ending
inside the key, the number change) sit in flat arrays. The trailing word boundary and the
possessive endings ('s, ') are checked by the scan, so they need no keys of their own.
"""
from __future__ import annotations

from array import array
from collections.abc import Sequence
from dataclasses import fields

import ahocorasick

# (suffix inside the key, number): the endings compile._endings gives a key without a possessive
ENDINGS = (("", ""), ("", "plural"), ("", "singular"), ("s", ""))
_ENDING_CODE = {e: i for i, e in enumerate(ENDINGS)}


class PatternTable(Sequence):
    """A read-only sequence of Pattern values stored in columns."""

    def __init__(self, patterns, name_entries=frozenset(), keys=None):
        """`name_entries`: ids of entries matched case-sensitively (Entry.is_name);
        `keys`: pattern index -> folded key, kept for correct forms (see `correct`)."""
        strings: dict[tuple, int] = {(type(None), None): 0}
        table: list[object] = [None]

        def ref(value) -> int:
            k = (type(value), value)   # 1, 1.0 and True stay apart
            index = strings.get(k)
            if index is None:
                index = strings[k] = len(table)
                table.append(value)
            return index

        forms, offsets = [], array("I", [0])
        self._entry, self._role, self._rule = array("I"), array("I"), array("I")
        self._suggestion, self._via, self._detail = array("I"), array("I"), array("I")
        self._confidence = array("I")
        names = bytearray()
        position = 0
        for p in patterns:
            forms.append(p.form)
            position += len(p.form)
            offsets.append(position)
            self._entry.append(ref(p.entry))
            self._role.append(ref(p.role))
            self._rule.append(ref(p.rule))
            self._suggestion.append(ref(p.suggestion))
            self._via.append(ref(p.via))
            self._detail.append(ref(p.detail))
            self._confidence.append(ref(p.confidence))
            names.append(p.entry in name_entries)
        for name in ("_entry", "_role", "_rule", "_suggestion", "_via", "_detail", "_confidence"):
            setattr(self, name, _narrow(getattr(self, name)))
        self._forms = "".join(forms)
        self._offsets = offsets
        self._names = bytes(names)
        self._strings = tuple(table)
        correct = sorted(i for i in (keys or {}) if self.role(i) == "correct")
        self._correct = array("I", correct)
        self._correct_keys = tuple(keys[i] for i in correct)
        self._cache: dict[int, object] = {}

    def __len__(self) -> int:
        return len(self._offsets) - 1

    def __getitem__(self, index):
        if isinstance(index, slice):
            return tuple(self[i] for i in range(*index.indices(len(self))))
        if index < 0:
            index += len(self)
        pattern = self._cache.get(index)
        if pattern is None:
            from .compile import Pattern

            s = self._strings
            pattern = Pattern(s[self._entry[index]], self.form(index), s[self._role[index]],
                              s[self._rule[index]], s[self._suggestion[index]], s[self._via[index]],
                              s[self._confidence[index]], s[self._detail[index]])
            self._cache[index] = pattern
        return pattern

    def __iter__(self):
        return (self[i] for i in range(len(self)))

    def form(self, index: int) -> str:
        return self._forms[self._offsets[index]:self._offsets[index + 1]]

    def entry(self, index: int) -> str:
        return self._strings[self._entry[index]]

    def role(self, index: int) -> str:
        return self._strings[self._role[index]]

    def is_name(self, index: int) -> bool:
        """The pattern's entry matches case-sensitively (every kind but `term`)."""
        return bool(self._names[index])

    def correct(self):
        """(folded key, index) of every correct form, without building the others."""
        return zip(self._correct_keys, self._correct)

    def __getstate__(self):
        state = dict(self.__dict__)
        state["_cache"] = {}
        return state


def _narrow(column: array) -> array:
    """The column in the smallest unsigned type that holds its values."""
    top = max(column, default=0)
    code = "B" if top < 1 << 8 else "H" if top < 1 << 16 else "I"
    return array(code, column) if code != column.typecode else column


class KeyIndex:
    """The automaton over folded keys and the hits each key stands for."""

    def __init__(self, table: dict[str, list[tuple[int, str, str]]]):
        """`table`: key (no padding) -> [(pattern index, suffix, number)], possessive endings
        ('s, ') left out."""
        self.automaton = ahocorasick.Automaton(ahocorasick.STORE_INTS)
        self.lengths = array("I")
        self.offsets = array("I", [0])
        hits = array("Q")
        for number, (k, payload) in enumerate(table.items()):
            self.automaton.add_word(" " + k, number)
            self.lengths.append(len(k) + 1)
            for index, suffix, change in payload:
                hits.append(index << 2 | _ENDING_CODE[(suffix, change)])
            self.offsets.append(len(hits))
        self.hits = hits
        if table:
            self.automaton.make_automaton()
        self.empty = not table

    def iter(self, low: str):
        """(start, end of the key in `low`, key number) of every key found; `start` is the
        first character after the leading space, `end` is exclusive."""
        lengths = self.lengths
        for end, number in self.automaton.iter(low):
            yield end - lengths[number] + 2, end + 1, number

    def key_hits(self, number: int):
        """(pattern index, suffix, number) of key `number`."""
        hits = self.hits
        for i in range(self.offsets[number], self.offsets[number + 1]):
            code = hits[i]
            suffix, change = ENDINGS[code & 3]
            yield code >> 2, suffix, change


# ---------------------------------------------------------------- pickling a compiled glossary


def reduce_compiled(compiled):
    """Pickle support for CompiledGlossary: entries as plain rows, which unpickle several times
    faster than frozen slotted dataclasses; cached properties are left out (they are rebuilt)."""
    glossary = compiled.glossary
    entry_cls = type(glossary.entries[0]) if glossary.entries else None
    names = tuple(f.name for f in fields(entry_cls)) if entry_cls else ()
    rows = [tuple(getattr(e, name) for name in names) for e in glossary.entries]
    other = {f.name: getattr(glossary, f.name) for f in fields(glossary) if f.name != "entries"}
    rest = {f.name: getattr(compiled, f.name) for f in fields(compiled) if f.name not in ("glossary", "entries")}
    return _rebuild_compiled, (type(compiled), type(glossary), entry_cls, names, rows, other, rest)


def _rebuild_compiled(cls, glossary_cls, entry_cls, names, rows, other, rest):
    if entry_cls is not None and all(f.init for f in fields(entry_cls)) and \
            tuple(f.name for f in fields(entry_cls)) == names:
        entries = tuple(entry_cls(*row) for row in rows)
    else:
        entries = tuple(entry_cls(**dict(zip(names, row))) for row in rows)
    glossary = glossary_cls(entries=entries, **other)
    return cls(glossary=glossary, entries={e.id: e for e in entries}, **rest)
