"""Baselines: the fingerprints of findings accepted once, so that later runs report only new ones.

File format: {"version": 1, "fingerprints": ["sha256:…", …]} (sorted, unique).
"""
from __future__ import annotations

import json
from dataclasses import replace

from .config import shown

VERSION = 1


class BaselineError(ValueError):
    """An unreadable or malformed baseline file; str() is one line: `path: message`."""


def load(path: str) -> frozenset[str]:
    try:
        with open(path, encoding="utf-8") as f:
            data = json.load(f)
    except FileNotFoundError:
        raise BaselineError(f"{shown(path)}: baseline file not found") from None
    except OSError as e:
        raise BaselineError(f"{shown(path)}: cannot read baseline: {e.strerror}") from None
    except (UnicodeDecodeError, json.JSONDecodeError) as e:
        raise BaselineError(f"{shown(path)}: not a baseline file (invalid JSON: {e})") from None
    if not isinstance(data, dict) or data.get("version") != VERSION:
        raise BaselineError(f"{shown(path)}: not a version {VERSION} baseline file")
    fingerprints = data.get("fingerprints")
    if not isinstance(fingerprints, list) or not all(isinstance(x, str) for x in fingerprints):
        raise BaselineError(f"{shown(path)}: 'fingerprints' must be a list of strings")
    return frozenset(fingerprints)


def subtract(results, known: frozenset[str]) -> list:
    """Results keeping only the findings whose fingerprint is not in `known`."""
    out = []
    for r in results:
        if r.doc is None or not r.findings:
            out.append(r)
            continue
        kept = tuple(f for f, fp in zip(r.findings, r.fingerprints()) if fp not in known)
        out.append(replace(r, findings=kept))
    return out


def dumps(results) -> str:
    fingerprints = sorted({fp for r in results for fp in r.fingerprints()})
    return json.dumps({"version": VERSION, "fingerprints": fingerprints}, indent=2) + "\n"


def write(path: str, results) -> int:
    """Record the findings of `results` atomically; returns how many fingerprints were written."""
    from .fix import atomic_write

    text = dumps(results)
    atomic_write(path, text.encode("utf-8"))
    return len(json.loads(text)["fingerprints"])
