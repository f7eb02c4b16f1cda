"""Glossary export: CSV (CONTRACTS §1) and TBX-Basic, both loadable again by glossary/load.py."""
from __future__ import annotations

import csv
import io

from .load import CSV_COLUMNS
from .model import Entry, GlossaryError
from .tbx import dump_tbx

FORMATS = ("csv", "tbx")


def _cell(entry: Entry, forms, what: str) -> str:
    for form in forms:
        if "|" in form:
            raise GlossaryError(f"{entry.origin or '<glossary>'}:{entry.line or 1}: entry '{entry.id}': "
                                f"{what} '{form}' contains '|', which CSV glossaries use between forms")
    return "|".join(forms)


def to_csv(entries) -> str:
    """CSV with the contract's header; `short` and `severity` columns only when an entry uses them."""
    entries = list(entries)
    extra = tuple(c for c in ("short", "severity") if any(getattr(e, c) for e in entries))
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_COLUMNS + extra)
    for e in entries:
        row = {
            "id": e.id, "canonical": e.canonical, "kind": e.kind,
            "aliases": _cell(e, e.aliases, "alias"), "variants": _cell(e, e.variants, "variant"),
            "native": _cell(e, [f"{lang}:{form}" for lang, form in e.native], "native form"),
            "note": e.note or "", "source": e.source or "", "short": e.short or "",
            "severity": e.severity or "",
        }
        writer.writerow([row[c] for c in CSV_COLUMNS + extra])
    return out.getvalue()


def export(entries, fmt: str, title: str = "transaudit glossary", tool: str = "transaudit") -> str:
    """The text of `entries` in `fmt` (csv or tbx); GlossaryError when a form cannot be written."""
    if fmt == "csv":
        return to_csv(entries)
    if fmt == "tbx":
        return dump_tbx(entries, title=title, tool=tool)
    raise ValueError(f"unknown glossary export format '{fmt}' (expected {' or '.join(FORMATS)})")
