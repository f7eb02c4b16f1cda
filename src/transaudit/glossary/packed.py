"""Compact storage for a compiled glossary: flat buffers that the cache maps from disk.

A glossary of 10,000 names compiles to a quarter of a million patterns (mostly derived
romanizations) and 200,000 keys; one of 100,000 names to ten times that. As Python objects
(Pattern, Entry, str, an Aho-Corasick automaton) they would take hundreds of MB and seconds to
unpickle. Here every large part is a flat buffer: strings in one UTF-8 buffer with offsets,
numbers in arrays, a hash table of keys in an array. Pickled with protocol 5, the buffers go out
of band, and the on-disk cache (cache.py) maps them from the file: a load reads almost nothing,
and a lint touches only the pages of the words its text holds. A Pattern or Entry is built when
asked for, which a scan does for the few patterns a text matches.

`KeyIndex` finds the keys (folded forms) in a folded text word by word: a folded text is words
between single spaces, and a key matches a run of whole words, the last one possibly followed by
a possessive ending ('s, ') that the scan reads, so possessives need no keys of their own. A hash
table holds the keys and their word prefixes (so that a run stops at the first word no key
continues with); the hits of key i (pattern number, the inflection ending inside the key, the
number change) sit in flat arrays.
"""
from __future__ import annotations

import pickle
from array import array
from bisect import bisect_left
from collections.abc import ItemsView, Mapping, Sequence, Set, ValuesView
from dataclasses import fields
from itertools import accumulate, compress
from zlib import crc32

# (suffix inside the key, number): the endings compile._endings gives a key without a possessive
ENDINGS = (("", ""), ("", "plural"), ("", "singular"), ("s", ""))
_ENDING_CODE = {e: i for i, e in enumerate(ENDINGS)}
MEMO_LIMIT = 1 << 18   # words and phrases whose place in the key table is remembered


def _narrow(column: array) -> array:
    """The column in the smallest unsigned type that holds its values."""
    top = max(column, default=0)
    code = "B" if top < 1 << 8 else "H" if top < 1 << 16 else "I" if top < 1 << 32 else "Q"
    return array(code, column) if code != column.typecode else column


def _code(column) -> str:
    return column.typecode if isinstance(column, array) else "B" if isinstance(column, bytes) else column.format


def _view(data, code: str) -> memoryview:
    """A read-only view of an unpickled buffer as a column of type `code`."""
    view = memoryview(data).toreadonly()
    if view.format != "B":
        view = view.cast("B")
    return view if code == "B" else view.cast(code)


class Flat:
    """Base of the compact tables: the attributes named in FLAT (arrays, bytes) pickle as buffers,
    out of band under protocol 5; those named in TRANSIENT (caches) are not pickled."""

    FLAT: tuple[str, ...] = ()
    TRANSIENT: tuple[str, ...] = ()

    def _fresh(self) -> None:
        """Set up the transient attributes (after building or unpickling)."""

    def __reduce_ex__(self, protocol):
        plain, flat = {}, {}
        for name, value in vars(self).items():
            if name in self.TRANSIENT:
                continue
            if name in self.FLAT and value is not None:
                view = memoryview(value).toreadonly().cast("B")
                flat[name] = (_code(value), pickle.PickleBuffer(view) if protocol >= 5 else view.tobytes())
            else:
                plain[name] = value
        return _restore, (type(self), plain, flat)


def _restore(cls, plain, flat):
    obj = cls.__new__(cls)
    obj.__dict__.update(plain)
    for name, (code, data) in flat.items():
        obj.__dict__[name] = _view(data, code)
    obj._fresh()
    return obj


def _hash_table(items: list[bytes]) -> array:
    """Open addressing, at most half full: slot = CRC-32 << 32 | (item number + 1), 0 = empty."""
    size = 2 * len(items) + 1
    slots = array("Q", bytes(8 * size))
    for number, item in enumerate(items):
        h = crc32(item)
        i = h % size
        while slots[i]:
            i = i + 1 if i + 1 < size else 0
        slots[i] = h << 32 | (number + 1)
    return slots


class Blobs(Flat, Sequence):
    """Byte strings in one buffer; with `index`, a hash table finds an item's number."""

    FLAT = ("_blob", "_offsets", "_slots")

    def __init__(self, items: list[bytes], index: bool = False):
        offsets = array("Q", [0])
        position = 0
        for item in items:
            position += len(item)
            offsets.append(position)
        self._blob = b"".join(items)
        self._offsets = _narrow(offsets)
        self._slots = _hash_table(items) if index else None
        self._fresh()

    def __len__(self) -> int:
        return len(self._offsets) - 1

    def raw(self, number: int):
        """Item `number` as bytes (a view of the mapped file after a cache load)."""
        return self._blob[self._offsets[number]:self._offsets[number + 1]]

    def __getitem__(self, number: int):
        if number < 0:
            number += len(self)
        if not 0 <= number < len(self):
            raise IndexError(number)
        return bytes(self.raw(number))

    def number(self, item: bytes) -> int:
        """The number of `item`, -1 when absent (an index is required)."""
        h = crc32(item)
        slots = self._slots
        size = len(slots)
        i = h % size
        slot = slots[i]
        while slot:
            if slot >> 32 == h:
                n = (slot & 0xFFFFFFFF) - 1
                if self._blob[self._offsets[n]:self._offsets[n + 1]] == item:
                    return n
            i = i + 1 if i + 1 < size else 0
            slot = slots[i]
        return -1


class StringTable(Blobs):
    """Strings in one UTF-8 buffer, each decoded when asked for; `find` with an index."""

    def __init__(self, strings, index: bool = False):
        super().__init__([s.encode("utf-8", "surrogatepass") for s in strings], index)

    def __getitem__(self, number: int) -> str:
        offsets = self._offsets
        if number < 0:
            number += len(offsets) - 1
        if not 0 <= number < len(offsets) - 1:
            raise IndexError(number)
        return str(self._blob[offsets[number]:offsets[number + 1]], "utf-8", "surrogatepass")

    def __iter__(self):
        blob, offsets = self._blob, self._offsets
        for number in range(len(offsets) - 1):
            yield str(blob[offsets[number]:offsets[number + 1]], "utf-8", "surrogatepass")

    def find(self, s: str) -> int:
        return self.number(s.encode("utf-8", "surrogatepass"))


class StringSet(Set):
    """A frozen set of strings kept in a StringTable (membership by hash lookup)."""

    def __init__(self, strings=()):
        self._table = StringTable(sorted(set(strings)), index=True)

    def __contains__(self, s) -> bool:
        return isinstance(s, str) and self._table.find(s) >= 0

    def __iter__(self):
        return iter(self._table)

    def __len__(self) -> int:
        return len(self._table)

    __hash__ = Set._hash


class PatternTable(Flat, Sequence):
    """A read-only sequence of Pattern values stored in columns: the forms in a string table, and
    for pattern i, rows[3i:3i + 3] = its entry id and suggestion (numbers in a string table of
    texts) and its kind, a number in a small tuple of the distinct (role, rule, language, detail,
    confidence, is_name) of the patterns. One row, one form: what a scan reads of a pattern."""

    FLAT = ("_rows", "_correct")
    TRANSIENT = ("_cache", "_cases", "_decoded", "_hits")

    def __init__(self, patterns, name_entries=frozenset(), keys=None):
        """`name_entries`: ids of entries matched case-sensitively (Entry.is_name);
        `keys`: pattern index -> folded key, kept for correct forms (see `correct`)."""
        kinds: dict[tuple, int] = {}
        texts: dict[str, int] = {}
        rows = array("I")
        forms = []
        for p in patterns:
            kind = (p.role, p.rule, p.via, p.detail, p.confidence, p.entry in name_entries)
            k = tuple((type(v), v) for v in kind)   # 1, 1.0 and True stay apart
            rows.append(texts.setdefault(p.entry, len(texts)))
            rows.append(texts.setdefault(p.suggestion, len(texts)))
            rows.append(kinds.setdefault(k, len(kinds)))
            forms.append(p.form)
        self._rows = _narrow(rows)
        self._kinds = tuple(tuple(v for _, v in k) for k in kinds)
        self._forms = StringTable(forms)
        self._texts = StringTable(texts)
        correct = sorted(i for i in (keys or {}) if self.role(i) == "correct")
        self._correct = _narrow(array("I", correct))
        self._correct_keys = StringTable(keys[i] for i in correct)
        self._fresh()

    def _fresh(self) -> None:
        self._cache: dict[int, object] = {}
        self._cases: dict[int, tuple[str, str, bool] | None] = {}
        self._decoded: dict[int, str] = {}
        self._hits: dict[tuple[int, str, str], object] = {}

    def __len__(self) -> int:
        return len(self._forms)

    def __getitem__(self, index):
        if isinstance(index, slice):
            return tuple(self[i] for i in range(*index.indices(len(self))))
        if index < 0:
            index += len(self)
        pattern = self._cache.get(index)
        if pattern is None:
            if not 0 <= index < len(self):
                raise IndexError(index)
            from .compile import Pattern

            rows = self._rows
            role, rule, via, detail, confidence, _ = self._kinds[rows[3 * index + 2]]
            pattern = Pattern(self._text(rows[3 * index]), self.form(index), role, rule,
                              self._text(rows[3 * index + 1]), via, confidence, detail)
            self._cache[index] = pattern
        return pattern

    def __iter__(self):
        return (self[i] for i in range(len(self)))

    def form(self, index: int) -> str:
        return self._forms[index]

    def entry(self, index: int) -> str:
        return self._text(self._rows[3 * index])

    def _text(self, number: int) -> str:
        """Entry id or suggestion `number` (shared by the patterns of an entry: decoded once)."""
        text = self._decoded.get(number)
        if text is None:
            text = self._decoded[number] = self._texts[number]
        return text

    def role(self, index: int) -> str:
        return self._kinds[self._rows[3 * index + 2]][0]

    def is_name(self, index: int) -> bool:
        """The pattern's entry matches case-sensitively (every kind but `term`)."""
        return self._kinds[self._rows[3 * index + 2]][5]

    def hit(self, index: int, suffix: str, number: str):
        """compile.Hit(pattern index, suffix, number), one object for each (names recur)."""
        k = (index, suffix, number)
        hit = self._hits.get(k)
        if hit is None:
            from .compile import Hit

            if len(self._hits) > MEMO_LIMIT:
                self._hits = {}
            hit = self._hits[k] = Hit(self[index], suffix, number)
        return hit

    def case(self, index: int) -> tuple[str, str, bool] | None:
        """(form, its case key, derived) when the pattern matches case-sensitively (is_name), else
        None; a name matches at least as its case key (normalize.case_key)."""
        case = self._cases.get(index, False)
        if case is False:
            from ..normalize import case_key

            role, *_, name = self._kinds[self._rows[3 * index + 2]]
            form = self.form(index)
            case = self._cases[index] = (form, case_key(form), role == "derived") if name else None
        return case

    def correct(self):
        """(folded key, index) of every correct form, without building the others."""
        return zip(self._correct_keys, self._correct)


def _possessive(word: str) -> tuple[str, str]:
    """(the word without it, the possessive ending) when a key may end before the word's
    possessive ending: 's after a letter or digit, ' after s. Else ("", "")."""
    if word.endswith("'s") and len(word) > 2 and word[-3].isalnum():
        return word[:-2], "'s"
    if word.endswith("'") and len(word) > 1 and word[-2] == "s":
        return word[:-1], "'"
    return "", ""


class KeyIndex(Flat):
    """The keys (folded forms) and the hits each key stands for, found word by word."""

    FLAT = ("_extends", "offsets", "hits")  # _word_crcs: pickled in band, read into memory
    TRANSIENT = ("_memo", "_hot", "_known", "_hits")

    def __init__(self, table: dict[str, list[tuple[int, str, str]]]):
        """`table`: key -> [(pattern index, suffix, number)], possessive endings ('s, ') left out.
        Key i is string i of the key table; the word prefixes of longer keys follow the keys."""
        strings = list(table)
        place = {k: i for i, k in enumerate(strings)}
        continued = set()
        for k in table:
            words = k.split(" ")
            for n in range(1, len(words)):
                prefix = " ".join(words[:n])
                if prefix not in place:
                    place[prefix] = len(strings)
                    strings.append(prefix)
                continued.add(place[prefix])
        self._keys = len(table)
        self._strings = StringTable(strings, index=True)
        self._extends = bytes(i in continued for i in range(len(strings)))
        # CRC-32 of every one-word string, sorted: most words of a text are told apart with no
        # look at the table (whose pages a lint would otherwise read for every word)
        self._word_crcs = array("I", sorted({crc32(k.encode("utf-8", "surrogatepass"))
                                             for k in strings if " " not in k}))
        offsets = array("Q", [0])
        hits = array("Q")
        for payload in table.values():
            for index, suffix, change in payload:
                hits.append(index << 2 | _ENDING_CODE[(suffix, change)])
            offsets.append(len(hits))
        self.offsets = _narrow(offsets)
        self.hits = _narrow(hits)
        self.empty = not table
        self._fresh()

    def _fresh(self) -> None:
        # per process: the place of each phrase looked up, and of each word met (a word is hot
        # when a key starts with it); replaced, never cleared, when full (threads may be reading)
        self._memo: dict[str, int] = {}
        self._hot: dict[str, tuple[int, int, str]] = {}
        self._known: set[str] = set()
        self._hits: dict[int, tuple] = {}

    def _find(self, s: str) -> int:
        """The number of `s` in the key table (a key or a prefix of one), -1 if absent."""
        number = self._memo.get(s)
        if number is None:
            if len(self._memo) > MEMO_LIMIT:
                self._memo = {}
            number = self._memo[s] = self._strings.find(s)
        return number

    def _may_be(self, word: str) -> bool:
        """False when `word` is surely not in the key table (True: it may be)."""
        h = crc32(word.encode("utf-8", "surrogatepass"))
        i = bisect_left(self._word_crcs, h)
        return i < len(self._word_crcs) and self._word_crcs[i] == h

    def _hot_words(self, words: list[str]) -> dict[str, tuple[int, int, str]]:
        """The words that a key starts with: word -> (its number in the key table or -1, the key
        number of the word less its possessive ending or -1, that ending)."""
        distinct = set(words)
        if len(self._known) > MEMO_LIMIT:
            self._hot, self._known = {}, set()
        hot, known = self._hot, self._known
        for word in distinct - known:
            known.add(word)
            number = self._find(word) if self._may_be(word) else -1
            bare, possessive = _possessive(word) if "'" in word else ("", "")
            key = self._find(bare) if bare and self._may_be(bare) else -1
            if key >= self._keys:
                key = -1
            if number >= 0 or key >= 0:
                hot[word] = (number, key, possessive)
        return {word: hot[word] for word in distinct & hot.keys()}

    def find(self, low: str) -> list[tuple[int, int, int, str]]:
        """(start, end, key number, possessive ending) of every key found in `low`, a folded text
        (words between single spaces, a space at both ends); the key covers low[start:end] less
        the possessive ending ('s, ' or "") that ends the span."""
        found: list[tuple[int, int, int, str]] = []
        if self.empty:
            return found
        keys, extends, look = self._keys, self._extends, self._find
        words = low[1:-1].split(" ")
        hot = self._hot_words(words)
        if not hot:
            return found
        # the first character of word i in `low` is 1 + i + the length of the words before it
        ends = list(accumulate(map(len, words)))
        for i in compress(range(len(words)), map(hot.__contains__, words)):
            word = words[i]
            number, key, possessive = hot[word]
            end = i + 1 + ends[i]
            start = end - len(word)
            if key >= 0:  # the shorter key, without the possessive ending, first
                found.append((start, end, key, possessive))
            if number < 0:
                continue
            if number < keys:
                found.append((start, end, number, ""))
            phrase = word
            j = i + 1
            while extends[number] and j < len(words):
                # keys of two words or more: one more word while some key goes on
                word = words[j]
                j += 1
                head = phrase + " "
                if "'" in word:
                    bare, possessive = _possessive(word)
                    key = look(head + bare) if bare else -1
                    if 0 <= key < keys:
                        found.append((start, end + 1 + len(word), key, possessive))
                phrase = head + word
                number = look(phrase)
                if number < 0:
                    break
                end += 1 + len(word)
                if number < keys:
                    found.append((start, end, number, ""))
        return found

    def key_hits(self, number: int) -> tuple[tuple[int, str, str], ...]:
        """(pattern index, suffix, number) of key `number`."""
        found = self._hits.get(number)
        if found is None:
            if len(self._hits) > MEMO_LIMIT:
                self._hits = {}
            codes = self.hits[self.offsets[number]:self.offsets[number + 1]]
            found = self._hits[number] = tuple((code >> 2, *ENDINGS[code & 3]) for code in codes)
        return found


# ---------------------------------------------------------------- entries


class EntryTable(Flat, Sequence):
    """Glossary entries, each unpickled when first asked for (a lint reads the few its text
    names), with their ids in a hash table for `by_id`."""

    FLAT = ("_rows_by_id",)
    TRANSIENT = ("_cache", "_positional")

    def __init__(self, entries):
        entries = tuple(entries)
        self._cls = type(entries[0]) if entries else None
        self._names = tuple(f.name for f in fields(self._cls)) if self._cls else ()
        self._rows = Blobs([pickle.dumps(tuple(getattr(e, n) for n in self._names), protocol=4)
                            for e in entries])
        last = {e.id: i for i, e in enumerate(entries)}   # a dict by id keeps the last entry of an id
        self._ids = StringTable(last, index=True)
        self._rows_by_id = _narrow(array("Q", last.values()))
        self._fresh()

    def _fresh(self) -> None:
        self._cache: dict[int, object] = {}
        cls = self._cls
        self._positional = cls is not None and all(f.init for f in fields(cls)) and \
            tuple(f.name for f in fields(cls)) == self._names

    def __len__(self) -> int:
        return len(self._rows)

    def __getitem__(self, index):
        if isinstance(index, slice):
            return tuple(self[i] for i in range(*index.indices(len(self))))
        if index < 0:
            index += len(self)
        entry = self._cache.get(index)
        if entry is None:
            if not 0 <= index < len(self):
                raise IndexError(index)
            row = pickle.loads(self._rows.raw(index))
            entry = self._cls(*row) if self._positional else self._cls(**dict(zip(self._names, row)))
            self._cache[index] = entry
        return entry

    def __eq__(self, other):
        if isinstance(other, (EntryTable, tuple)):
            return len(self) == len(other) and all(a == b for a, b in zip(self, other))
        return NotImplemented

    def __hash__(self):
        return hash(tuple(self))

    def by_id(self) -> EntryMap:
        return EntryMap(self)


class EntryMap(Mapping):
    """Entry id -> Entry over an EntryTable (what `{e.id: e for e in entries}` gives)."""

    def __init__(self, table: EntryTable):
        self._table = table

    def __getitem__(self, entry_id: str):
        number = self._table._ids.find(entry_id) if isinstance(entry_id, str) else -1
        if number < 0:
            raise KeyError(entry_id)
        return self._table[self._table._rows_by_id[number]]

    def __contains__(self, entry_id) -> bool:
        return isinstance(entry_id, str) and self._table._ids.find(entry_id) >= 0

    def __iter__(self):
        return iter(self._table._ids)

    def __len__(self) -> int:
        return len(self._table._ids)

    def values(self):
        return _EntryValues(self)

    def items(self):
        return _EntryItems(self)


class _EntryValues(ValuesView):
    def __iter__(self):
        table = self._mapping._table
        return (table[row] for row in table._rows_by_id)


class _EntryItems(ItemsView):
    def __iter__(self):
        table = self._mapping._table
        return zip(table._ids, (table[row] for row in table._rows_by_id))


# ---------------------------------------------------------------- pickling a compiled glossary


def reduce_compiled(compiled):
    """Pickle support for CompiledGlossary: entries in an EntryTable (unpickled one by one when
    used), correct keys in a StringSet; cached properties are left out (they are rebuilt)."""
    glossary = compiled.glossary
    table = glossary.entries if isinstance(glossary.entries, EntryTable) else EntryTable(glossary.entries)
    other = {f.name: getattr(glossary, f.name) for f in fields(glossary) if f.name != "entries"}
    rest = {f.name: getattr(compiled, f.name) for f in fields(compiled) if f.name not in ("glossary", "entries")}
    if not isinstance(rest.get("correct_keys"), StringSet) and "correct_keys" in rest:
        rest["correct_keys"] = StringSet(rest["correct_keys"])
    return _rebuild_compiled, (type(compiled), type(glossary), table, other, rest)


def _rebuild_compiled(cls, glossary_cls, table, other, rest):
    glossary = glossary_cls(entries=table, **other)
    return cls(glossary=glossary, entries=table.by_id(), **rest)
