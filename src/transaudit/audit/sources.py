"""Where audited articles come from: files, directories, globs and JSON Lines exports from a CMS.

A file is one article: its id is its path, and its date, section and language come from front-matter
keys named like the JSON fields (`date:`, `section:` ...). A JSON Lines export (`*.jsonl`, `*.ndjson`,
optionally gzipped) holds one article per line; which keys hold the id, text, date, section, language
and format is configurable (`Fields`), and a dotted name reaches into nested objects (`body.en`).
An article that cannot be checked (undecodable, bad JSON, no text) is still yielded, with `error`
set, so that it is reported as failed instead of stopping the run.
"""
from __future__ import annotations

import datetime as dt
import email.utils
import glob
import gzip
import hashlib
import json
import os
import re
from dataclasses import dataclass
from typing import Iterator

import yaml

from . import AuditError
from ..document import DecodeError, decode, detect_format
from ..files import MAX_FILE_BYTES, walk

EXPORT_SUFFIXES = (".jsonl", ".ndjson", ".jsonl.gz", ".ndjson.gz")
FORMAT_NAMES = {"markdown": "markdown", "md": "markdown", "text/markdown": "markdown",
                "html": "html", "htm": "html", "text/html": "html",
                "text": "text", "txt": "text", "plain": "text", "text/plain": "text"}
_HTML_TAG = re.compile(r"<(?:p|div|br|h[1-6]|span|a|ul|ol|li|figure|figcaption|img|strong|em|b|i|blockquote)\b[^>]*>",
                       re.I)
_FRONT_MATTER = re.compile(r"\A---[ \t]*\r?\n(.*?)\r?\n---[ \t]*(?:\r?\n|\Z)", re.S)


@dataclass(frozen=True)
class Fields:
    """The JSON keys (and front-matter keys) that hold each part of an article."""

    id: str = "id"
    text: str = "text"
    date: str = "date"
    section: str = "section"
    language: str = "language"
    format: str = "format"


@dataclass(frozen=True)
class Article:
    id: str
    source: str               # where it was read: a path, or export:line
    fingerprint: str          # sha256 of its input bytes: a changed article is checked again
    text: str | None = None
    format: str = "text"
    date: str | None = None   # ISO 8601 day
    section: str | None = None
    language: str | None = None
    error: str | None = None  # why it cannot be checked
    date_text: str | None = None  # a date value that could not be read


@dataclass(frozen=True)
class Input:
    kind: str   # "file" | "export"
    path: str


def _is_export(path: str) -> bool:
    return path.lower().endswith(EXPORT_SUFFIXES)


def expand(inputs, config) -> list[Input]:
    """Every file to read, in input order (directories walked and sorted, globs sorted).
    Raises AuditError for a path that does not exist or a glob that matches nothing."""
    out: list[Input] = []
    include = (*config.include, *(f"*{s}" for s in EXPORT_SUFFIXES))
    for item in inputs:
        if os.path.exists(item):
            paths = [item]
        elif glob.has_magic(item):
            paths = sorted(glob.glob(item, recursive=True))
            if not paths:
                raise AuditError(f"{item}: no files match")
        else:
            raise AuditError(f"{item}: no such file or directory")
        for path in paths:
            for found in walk([path], include, config.exclude) if os.path.isdir(path) else [path]:
                if os.path.isdir(found) or config.excludes(found):
                    continue
                out.append(Input("export" if _is_export(found) else "file", found))
    if not out:
        raise AuditError(f"no articles found in {' '.join(inputs)}")
    return out


def _open_export(path: str):
    return gzip.open(path, "rb") if path.lower().endswith(".gz") else open(path, "rb")


def count(inputs: list[Input]) -> int:
    """The number of articles: one per file, one per non-blank line of an export."""
    total = 0
    for item in inputs:
        if item.kind == "file":
            total += 1
            continue
        try:
            with _open_export(item.path) as f:
                total += sum(1 for line in f if line.strip())
        except (OSError, EOFError):
            total += 1  # reported as one failed article
    return total


def articles(inputs: list[Input], fields: Fields) -> Iterator[Article]:
    for item in inputs:
        if item.kind == "file":
            yield _file_article(item.path, fields)
        else:
            yield from _export_articles(item.path, fields)


def _fingerprint(data: bytes) -> str:
    return "sha256:" + hashlib.sha256(data).hexdigest()


# ---------------------------------------------------------------- files


def _file_article(path: str, fields: Fields) -> Article:
    try:
        size = os.path.getsize(path)
        if size > MAX_FILE_BYTES:
            return Article(path, path, f"size:{size}", error=f"file larger than {MAX_FILE_BYTES // 2**20} MB")
        with open(path, "rb") as f:
            data = f.read()
    except OSError as e:
        return Article(path, path, "unreadable", error=e.strerror or str(e))
    fingerprint = _fingerprint(data)
    try:
        text = decode(data)
    except DecodeError as e:
        return Article(path, path, fingerprint, error=str(e))
    meta = _front_matter(text)
    return Article(path, path, fingerprint, text, detect_format(path), **_metadata(meta, fields))


def _front_matter(text: str) -> dict:
    m = _FRONT_MATTER.match(text)
    if not m:
        return {}
    try:
        meta = yaml.safe_load(m.group(1))
    except yaml.YAMLError:
        return {}
    return meta if isinstance(meta, dict) else {}


# ---------------------------------------------------------------- JSON Lines exports


def _export_articles(path: str, fields: Fields) -> Iterator[Article]:
    lineno = 0
    try:
        with _open_export(path) as f:
            for lineno, raw in enumerate(f, 1):
                line = raw.rstrip(b"\r\n")
                if lineno == 1 and line.startswith(b"\xef\xbb\xbf"):
                    line = line[3:]
                if line.strip():
                    yield _line_article(path, lineno, line, fields)
    except (OSError, EOFError) as e:
        where = f"{path}:{lineno + 1}"
        yield Article(where, where, "unreadable", error=f"cannot read the export: {e.strerror or e}")


def _line_article(path: str, lineno: int, line: bytes, fields: Fields) -> Article:
    where = f"{path}:{lineno}"
    fingerprint = _fingerprint(line)
    try:
        obj = json.loads(decode(line))
    except DecodeError as e:
        return Article(where, where, fingerprint, error=str(e))
    except json.JSONDecodeError as e:
        return Article(where, where, fingerprint, error=f"invalid JSON: {e.msg} (column {e.colno})")
    if not isinstance(obj, dict):
        return Article(where, where, fingerprint, error=f"a JSON {type(obj).__name__}, not an object")
    ident = lookup(obj, fields.id)
    ident = str(ident) if isinstance(ident, (str, int)) and not isinstance(ident, bool) and str(ident) else where
    meta = _metadata({k: lookup(obj, getattr(fields, k)) for k in ("date", "section", "language")},
                     Fields())
    text = lookup(obj, fields.text)
    if text is None:
        return Article(ident, where, fingerprint, error=f"no '{fields.text}' field", **meta)
    if not isinstance(text, str):
        return Article(ident, where, fingerprint, error=f"'{fields.text}' is a {type(text).__name__}, not a string",
                       **meta)
    fmt = lookup(obj, fields.format)
    if fmt is None:
        fmt = "html" if _HTML_TAG.search(text) else "text"
    elif str(fmt).lower() in FORMAT_NAMES:
        fmt = FORMAT_NAMES[str(fmt).lower()]
    else:
        return Article(ident, where, fingerprint, error=f"unknown format '{fmt}' (markdown, html or text)", **meta)
    return Article(ident, where, fingerprint, text, fmt, **meta)


def lookup(obj: dict, name: str):
    """obj[name], or a nested value for a dotted name ('body.en'); None when absent."""
    if name in obj:
        return obj[name]
    value = obj
    for part in name.split("."):
        if not isinstance(value, dict) or part not in value:
            return None
        value = value[part]
    return value


# ---------------------------------------------------------------- metadata


def _metadata(meta: dict, fields: Fields) -> dict:
    out = {}
    raw_date = lookup(meta, fields.date) if meta else None
    if raw_date is not None:
        out["date"] = parse_date(raw_date)
        if out["date"] is None:
            out["date_text"] = str(raw_date)
    section = lookup(meta, fields.section) if meta else None
    if isinstance(section, list):
        section = section[0] if section else None
    if section is not None and str(section).strip():
        out["section"] = str(section).strip()
    language = lookup(meta, fields.language) if meta else None
    if isinstance(language, str) and language.strip():
        out["language"] = language.strip()
    return out


def parse_date(value) -> str | None:
    """The ISO day of a date: ISO 8601 text, RFC 2822 text (RSS), a Unix timestamp in seconds or
    milliseconds, or a YAML date; None when it cannot be read."""
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        seconds = value / 1000 if abs(value) > 1e11 else value
        try:
            return dt.datetime.fromtimestamp(seconds, dt.timezone.utc).date().isoformat()
        except (OverflowError, OSError, ValueError):
            return None
    if not isinstance(value, str) or not value.strip():
        return None
    text = value.strip()
    try:
        return dt.datetime.fromisoformat(text).date().isoformat()
    except ValueError:
        pass
    try:
        return dt.date.fromisoformat(text[:10]).isoformat()
    except ValueError:
        pass
    try:
        return email.utils.parsedate_to_datetime(text).date().isoformat()
    except (TypeError, ValueError, IndexError):
        return None
