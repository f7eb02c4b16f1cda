"""Load YAML (yaml_format.py) and CSV glossaries into the model, with `path:line: message` errors."""
from __future__ import annotations

import csv
import hashlib
import io
import json
import os
from dataclasses import replace
from importlib import resources

from .model import ID_RE, KINDS, SEVERITIES, Entry, Glossary, GlossaryError, slug

ENTRY_KEYS = {"id", "canonical", "kind", "aliases", "variants", "native", "short", "note", "source",
              "severity"}
TOP_KEYS = {"version", "name", "entries"}
CSV_COLUMNS = ("id", "canonical", "kind", "aliases", "variants", "native", "note", "source")
MAX_BYTES = 64 * 1024 * 1024


def default_glossary_path():
    return resources.files("transaudit") / "glossaries" / "news.yaml"


def _build_entry(fields: dict, origin: str, line: int, fail) -> Entry:
    canonical = fields["canonical"]
    where = f"entry '{canonical}'"
    entry_id = fields.get("id") or slug(canonical)
    if not ID_RE.match(entry_id):
        fail("id", f"{where}: id '{entry_id}' must match [a-z0-9][a-z0-9-]*")
    kind = fields.get("kind", "other")
    if kind not in KINDS:
        fail("kind", f"{where}: kind '{kind}' is not one of {', '.join(KINDS)}")
    severity = fields.get("severity")
    if severity is not None and severity not in SEVERITIES:
        fail("severity", f"{where}: severity '{severity}' is not one of {', '.join(SEVERITIES)}")
    if "short" in fields and kind != "person":
        fail("short", f"{where}: 'short' is only for person entries")
    return Entry(id=entry_id, canonical=canonical, kind=kind, aliases=fields.get("aliases", ()),
                 variants=fields.get("variants", ()), native=fields.get("native", ()),
                 short=fields.get("short"), note=fields.get("note"), source=fields.get("source"),
                 severity=severity, origin=origin, line=line)


# ---------------------------------------------------------------- CSV


def _split(cell: str) -> tuple[str, ...]:
    return tuple(p.strip() for p in cell.split("|") if p.strip())


def _load_csv(text: str, path: str) -> list[Entry]:
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        header = [h.strip() for h in next(reader)]
    except StopIteration:
        raise GlossaryError(f"{path}:1: empty CSV glossary (expected a header row)") from None
    except csv.Error as e:
        raise GlossaryError(f"{path}:1: invalid CSV: {e}") from None
    unknown = [h for h in header if h not in CSV_COLUMNS + ("short", "severity") and not h.startswith("x-")]
    if unknown:
        raise GlossaryError(f"{path}:1: unknown column '{unknown[0]}' (expected {','.join(CSV_COLUMNS)})")
    if "canonical" not in header:
        raise GlossaryError(f"{path}:1: missing column 'canonical'")
    repeated = next((h for i, h in enumerate(header) if h in header[:i]), None)
    if repeated is not None:
        raise GlossaryError(f"{path}:1: column '{repeated}' appears twice")
    entries = []
    end = reader.line_num
    try:
        for row in reader:
            line, end = end + 1, reader.line_num  # the line where the record starts
            if not any(cell.strip() for cell in row):
                continue
            if len(row) != len(header):
                raise GlossaryError(f"{path}:{line}: {len(row)} columns, header has {len(header)}")
            cells = {h: c.strip() for h, c in zip(header, row) if c.strip() and not h.startswith("x-")}

            def fail(_key, msg, line=line):
                raise GlossaryError(f"{path}:{line}: {msg}")

            if "canonical" not in cells:
                fail("canonical", "missing canonical form")
            fields = {k: v for k, v in cells.items() if k not in ("aliases", "variants", "native")}
            fields["aliases"] = _split(cells.get("aliases", ""))
            fields["variants"] = _split(cells.get("variants", ""))
            native = []
            for part in _split(cells.get("native", "")):
                lang, sep, form = part.partition(":")
                if not sep or not lang.strip() or not form.strip():
                    fail("native", f"native '{part}' must look like ru:Панцирь")
                native.append((lang.strip(), form.strip()))
            fields["native"] = tuple(native)
            entries.append(_build_entry(fields, path, line, fail))
    except csv.Error as e:
        raise GlossaryError(f"{path}:{reader.line_num}: invalid CSV: {e}") from None
    return entries


# ---------------------------------------------------------------- files and merging


def read_glossary_bytes(path) -> bytes:
    """The raw bytes of a glossary file; GlossaryError when it cannot be read."""
    try:
        if isinstance(path, (str, os.PathLike)):  # bounded; a FIFO or device is refused, not read
            from ..files import read_bytes
            data = read_bytes(path, MAX_BYTES)
        else:  # a packaged resource
            data = path.read_bytes()
    except FileNotFoundError:
        raise GlossaryError(f"{path}:1: glossary file not found") from None
    except IsADirectoryError:
        raise GlossaryError(f"{path}:1: is a directory, not a glossary file") from None
    except OSError as e:
        raise GlossaryError(f"{path}:1: cannot read glossary: {e.strerror}") from None
    return data


def _read(path) -> str:
    data = read_glossary_bytes(path)
    if len(data) > MAX_BYTES:
        raise GlossaryError(f"{path}:1: glossary larger than {MAX_BYTES // 2**20} MB")
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as e:
        raise GlossaryError(f"{path}:1: not UTF-8 (byte 0x{data[e.start]:02x} at offset {e.start})") from None


def _check_claims(entries: list[Entry], path: str) -> None:
    from ..normalize import key

    ids: dict[str, Entry] = {}
    claims: dict[str, Entry] = {}
    for e in entries:
        if e.id in ids:
            raise GlossaryError(f"{path}:{e.line}: duplicate id '{e.id}' (first at line {ids[e.id].line})")
        ids[e.id] = e
        right = {key(form) for form in (e.canonical, *e.aliases)}
        for form in e.variants:
            if key(form) in right:
                raise GlossaryError(f"{path}:{e.line}: entry '{e.canonical}': variant '{form}' is also "
                                    "its canonical form or an alias")
        for form in (e.canonical, *e.aliases, *e.variants):
            k = key(form)
            other = claims.get(k)
            if other is not None and other.id != e.id:
                raise GlossaryError(f"{path}:{e.line}: '{form}' is claimed by both '{other.id}' "
                                    f"(line {other.line}) and '{e.id}'")
            claims[k] = e


def load_file(path, label: str | None = None) -> tuple[list[Entry], str]:
    """Entries of one glossary file, checked on their own; returns (entries, label)."""
    name = str(path)
    text = _read(path)
    label = label or name
    suffix = name.lower().rsplit(".", 1)[-1]
    if suffix == "csv":
        entries = _load_csv(text, label)
    elif suffix == "tbx":
        from .tbx import load_tbx
        entries = load_tbx(text, label)
    else:
        from .yaml_format import load_yaml  # PyYAML only when a glossary is compiled

        entries, _ = load_yaml(text, label)
    _check_claims(entries, label)
    return entries, label


def load_glossaries(paths=(), include_default: bool = True) -> Glossary:
    """Merge the default glossary and `paths` in order: a later id replaces an earlier one; a later
    file's claim on a surface form wins, with a warning naming both entries."""
    from ..normalize import key

    files = ([(default_glossary_path(), "default")] if include_default else []) + [(p, str(p)) for p in paths]
    merged: dict[str, Entry] = {}
    warnings: list[str] = []
    sources: list[str] = []
    for path, label in files:
        entries, label = load_file(path, label)
        sources.append(label)
        owner = {}
        for e in merged.values():
            for form in (e.canonical, *e.aliases, *e.variants):
                owner[key(form)] = e.id
        for e in entries:
            merged.pop(e.id, None)
            for form in (e.canonical, *e.aliases, *e.variants):
                prev = owner.get(key(form))
                if not prev or prev == e.id or prev not in merged:
                    continue
                old = merged[prev]
                warnings.append(f"{label}:{e.line}: '{form}' of '{e.id}' overrides entry '{old.id}' "
                                f"from {old.origin}")
                if key(old.canonical) == key(form):
                    del merged[prev]
                else:
                    merged[prev] = replace(old, aliases=tuple(a for a in old.aliases if key(a) != key(form)),
                                           variants=tuple(v for v in old.variants if key(v) != key(form)))
            merged[e.id] = e
    ordered = tuple(merged.values())
    digest = hashlib.sha256(json.dumps([[e.id, e.canonical, e.kind, e.aliases, e.variants, e.native,
                                         e.short, e.severity] for e in ordered],
                                       ensure_ascii=False).encode("utf-8")).hexdigest()
    return Glossary(entries=ordered, sources=tuple(sources), hash="sha256:" + digest,
                    warnings=tuple(warnings))
