"""Reviewdog Diagnostic Format (rdjson): `reviewdog -f=rdjson` turns it into review comments.

Positions are 1-based lines and 1-based columns counted in UTF-8 bytes, as reviewdog specifies;
the end is exclusive. Each suggestion becomes a reviewdog suggestion over the finding's range.
"""
from __future__ import annotations

import json

from .sarif import INFORMATION_URI

SEVERITIES = {"error": "ERROR", "warning": "WARNING", "info": "INFO"}
RANK = ("INFO", "WARNING", "ERROR")


def position(doc, offset: int) -> dict:
    line, _ = doc.position(offset)
    start = doc.line_starts[line - 1]
    return {"line": line, "column": len(doc.text[start:offset].encode("utf-8")) + 1}


def _diagnostic(f, doc, path: str) -> dict:
    span = {"start": position(doc, f.start), "end": position(doc, f.end)}
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
        diagnostics.extend(_diagnostic(f, r.doc, r.path) for f in r.findings)
    worst = max((RANK.index(d["severity"]) for d in diagnostics), default=0)
    return {"source": {"name": "transaudit", "url": INFORMATION_URI}, "severity": RANK[worst],
            "diagnostics": diagnostics}


def render(results, info, **_) -> str:
    return json.dumps(document(results, info), ensure_ascii=False, indent=2) + "\n"
