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


def document(results, info, error: str | None = None) -> dict:
    files = []
    by_severity = {s.value: 0 for s in Severity}
    for r in results:
        item = {"path": r.path}
        if r.error is not None:
            item["error"] = r.error
        item["findings"] = [finding_dict(f, r.doc, fp) for f, fp in zip(r.findings, r.fingerprints())]
        for f in r.findings:
            by_severity[f.severity.value] += 1
        files.append(item)
    out = {
        "version": 1,
        "tool": {"name": "transaudit", "version": info.tool_version},
        "glossary": {"entries": info.glossary_entries, "hash": info.glossary_hash,
                     "sources": list(info.glossary_sources)},
        "files": files,
        "summary": {"files": len(results), "failed_files": sum(r.error is not None for r in results),
                    "findings": sum(by_severity.values()), "by_severity": by_severity},
    }
    if error is not None:
        out["error"] = error
    return out


def render(results, info, error: str | None = None, **_) -> str:
    return json.dumps(document(results, info, error), ensure_ascii=False, indent=2) + "\n"


def write(results, info, stream, error: str | None = None, **_) -> None:
    """`render`, written chunk by chunk (json.dump), for reports of many MB."""
    json.dump(document(results, info, error), stream, ensure_ascii=False, indent=2)
    stream.write("\n")
