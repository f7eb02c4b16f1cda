"""Reviewdog Diagnostic Format (rdjson): `reviewdog -f=rdjson` turns it into review comments.

Positions are 1-based lines and 1-based columns counted in UTF-8 bytes, as reviewdog specifies;
the end is exclusive. Each suggestion becomes a reviewdog suggestion over the finding's range.
"""
from __future__ import annotations

import bisect
import itertools
import json
import re

from .sarif import INFORMATION_URI

SEVERITIES = {"error": "ERROR", "warning": "WARNING", "info": "INFO"}
RANK = ("INFO", "WARNING", "ERROR")


class _Bytes:
    """UTF-8 byte counts of spans of one text in O(log n): the offsets of its non-ASCII characters
    with the running sum of their extra bytes."""

    def __init__(self, text: str):
        self.at = [m.start() for m in _WIDE.finditer(text)]
        self.extra = list(itertools.accumulate(len(text[i].encode("utf-8", "surrogatepass")) - 1 for i in self.at))

    def count(self, start: int, end: int) -> int:
        def extra(offset):
            i = bisect.bisect_left(self.at, offset)
            return self.extra[i - 1] if i else 0
        return end - start + extra(end) - extra(start)


_WIDE = re.compile(r"[^\x00-\x7f]")


def position(doc, offset: int, utf8: _Bytes | None = None) -> dict:
    """1-based line and UTF-8 byte column; `utf8` is the document's _Bytes, built once per file."""
    line, _ = doc.position(offset)
    start = doc.line_starts[line - 1]
    return {"line": line, "column": (utf8 or _Bytes(doc.text)).count(start, offset) + 1}


def _diagnostic(f, doc, path: str, utf8: _Bytes | None = None) -> dict:
    span = {"start": position(doc, f.start, utf8), "end": position(doc, f.end, utf8)}
    return {
        "message": f.message,
        "location": {"path": path, "range": span},
        "severity": SEVERITIES[f.severity.value],
        "code": {"value": f.rule},
        "suggestions": [{"range": span, "text": s} for s in dict.fromkeys(f.suggestions)],
    }


def document(results, info) -> dict:
    diagnostics = []
    for r in results:
        if r.error is not None:
            diagnostics.append({"message": f"could not be checked: {r.error}", "location": {"path": r.path},
                                "severity": "ERROR"})
            continue
        utf8 = _Bytes(r.doc.text) if r.findings else None
        diagnostics.extend(_diagnostic(f, r.doc, r.path, utf8) for f in r.findings)
    worst = max((RANK.index(d["severity"]) for d in diagnostics), default=0)
    return {"source": {"name": "transaudit", "url": INFORMATION_URI}, "severity": RANK[worst],
            "diagnostics": diagnostics}


def render(results, info, **_) -> str:
    return json.dumps(document(results, info), ensure_ascii=False, indent=2) + "\n"
