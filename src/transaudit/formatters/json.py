"""JSON findings, CONTRACTS §3."""
from __future__ import annotations

import json

from ..finding import Severity


def finding_dict(f, doc, fingerprint: str) -> dict:
    line, column = doc.position(f.start)
    end_line, end_column = doc.position(f.end)
    return {
        "rule": f.rule, "severity": f.severity.value, "category": f.category, "message": f.message,
        "text": f.text, "start": f.start, "end": f.end,
        "line": line, "column": column, "end_line": end_line, "end_column": end_column,
        "utf16_start": doc.utf16(f.start), "utf16_end": doc.utf16(f.end),
        "suggestions": list(f.suggestions), "entry": f.entry, "confidence": round(f.confidence, 3),
        "fingerprint": fingerprint,
    }


def _file_item(r) -> dict:
    item = {"path": r.path}
    if r.error is not None:
        item["error"] = r.error
    item["findings"] = [finding_dict(f, r.doc, fp) for f, fp in zip(r.findings, r.fingerprints())]
    return item


def _head(info) -> dict:
    return {"version": 1, "tool": {"name": "transaudit", "version": info.tool_version},
            "glossary": {"entries": info.glossary_entries, "hash": info.glossary_hash,
                         "sources": list(info.glossary_sources)}}


class _Summary:
    def __init__(self):
        self.files = self.failed = 0
        self.by_severity = {s.value: 0 for s in Severity}

    def add(self, r) -> None:
        self.files += 1
        self.failed += r.error is not None
        for f in r.findings:
            self.by_severity[f.severity.value] += 1

    def as_dict(self) -> dict:
        return {"files": self.files, "failed_files": self.failed, "findings": sum(self.by_severity.values()),
                "by_severity": self.by_severity}


def document(results, info, error: str | None = None) -> dict:
    summary, files = _Summary(), []
    for r in results:
        files.append(_file_item(r))
        summary.add(r)
    out = {**_head(info), "files": files, "summary": summary.as_dict()}
    if error is not None:
        out["error"] = error
    return out


def _dumps(value, indent: int) -> str:
    """`value` as json.dumps(indent=2) writes it nested `indent` spaces deep."""
    return json.dumps(value, ensure_ascii=False, indent=2).replace("\n", "\n" + " " * indent)


def write(results, info, stream, error: str | None = None, **_) -> None:
    """The report, one file at a time: `results` may be a generator and is read once, so a run over
    thousands of files never holds them all. Same text as json.dumps(..., indent=2)."""
    stream.write(_dumps(_head(info), 0)[:-2] + ',\n  "files": [')
    summary = _Summary()
    for r in results:
        stream.write(("\n    " if not summary.files else ",\n    ") + _dumps(_file_item(r), 4))
        summary.add(r)
    stream.write("\n  ]" if summary.files else "]")
    stream.write(',\n  "summary": ' + _dumps(summary.as_dict(), 2))
    if error is not None:
        stream.write(',\n  "error": ' + _dumps(error, 2))
    stream.write("\n}\n")
