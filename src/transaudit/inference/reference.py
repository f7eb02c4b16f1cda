"""The shipped default glossary as reference knowledge for any glossary's entries.

A desk glossary that lists only "Kharkiv" with its Ukrainian form still gets the Russian form
(Харьков) and the known wrong forms (Kharkov) of the default glossary's entry for the same name,
so the romanizations through Russian are derived too.
"""
from __future__ import annotations

from dataclasses import replace
from functools import lru_cache

from ..glossary.load import default_glossary_path, load_file
from ..glossary.model import Entry, GlossaryError
from ..normalize import key


@lru_cache(maxsize=1)
def _reference() -> dict[tuple[str, str], Entry]:
    try:
        entries, _ = load_file(default_glossary_path(), "default")
    except GlossaryError:
        return {}
    out: dict[tuple[str, str], Entry] = {}
    for e in entries:
        out.setdefault((e.kind, key(e.canonical)), e)
    return out


def enrich(entry: Entry) -> tuple[Entry, tuple[str, ...], tuple[str, ...]]:
    """`entry` with the native forms of the default entry for the same name, plus that entry's
    wrong forms and correct forms (aliases) that `entry` does not list either way."""
    ref = _reference().get((entry.kind, key(entry.canonical)))
    if ref is None or ref == entry:
        return entry, (), ()
    listed = {key(f) for f in (entry.canonical, *entry.aliases, *entry.variants)}
    native = entry.native + tuple(n for n in ref.native if n not in entry.native)
    wrong = tuple(v for v in ref.variants if key(v) not in listed)
    right = tuple(a for a in ref.aliases if key(a) not in listed)
    return replace(entry, native=native), wrong, right
