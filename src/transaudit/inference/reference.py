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


def enrich(entry: Entry) -> Entry:
    """`entry` with the native forms and variants of the default entry for the same name."""
    ref = _reference().get((entry.kind, key(entry.canonical)))
    if ref is None or ref is entry or (ref.native == entry.native and ref.variants == entry.variants):
        return entry
    correct = {key(f) for f in (entry.canonical, *entry.aliases)}
    native = entry.native + tuple(n for n in ref.native if n not in entry.native)
    variants = entry.variants + tuple(v for v in ref.variants
                                      if key(v) not in correct and v not in entry.variants)
    return replace(entry, native=native, variants=variants)
