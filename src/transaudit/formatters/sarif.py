"""SARIF 2.1.0 (OASIS): one run, the rules documented from the detectors' docstrings.

Columns and character offsets count Unicode code points (run.columnKind "unicodeCodePoints"), like
CONTRACTS §3; each suggestion becomes a fix; the finding fingerprint is a partial fingerprint.
"""
from __future__ import annotations

import json
import os
from pathlib import Path
from urllib.parse import quote

from ..config import rule_catalog

SCHEMA = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
INFORMATION_URI = "https://pypi.org/project/transaudit/"
LEVELS = {"error": "error", "warning": "warning", "info": "note"}
PROBLEM_SEVERITY = {"error": "error", "warning": "warning", "info": "recommendation"}
SRCROOT = "%SRCROOT%"
FINGERPRINT_KEY = "transaudit/v1"


def _rule_name(rule_id: str) -> str:
    return "".join(part.capitalize() for part in rule_id.split("-"))


def _descriptor(rule) -> dict:
    doc = rule.doc.strip()
    return {
        "id": rule.id,
        "name": _rule_name(rule.id),
        "shortDescription": {"text": rule.summary},
        "fullDescription": {"text": doc},
        "help": {"text": doc, "markdown": doc},
        "defaultConfiguration": {"level": LEVELS[rule.severity]},
        "properties": {"category": rule.category, "tags": ["translation", rule.category],
                       "problem.severity": PROBLEM_SEVERITY[rule.severity]},
    }


def _artifact(path: str) -> dict:
    if os.path.isabs(path):
        return {"uri": Path(path).as_uri()}
    return {"uri": quote(path.replace(os.sep, "/"), safe="/"), "uriBaseId": SRCROOT}


def _region(doc, start: int, end: int, snippet: bool = True) -> dict:
    line, column = doc.position(start)
    end_line, end_column = doc.position(end)
    region = {"startLine": line, "startColumn": column, "endLine": end_line, "endColumn": end_column,
              "charOffset": start, "charLength": end - start}
    if snippet:
        region["snippet"] = {"text": doc.text[start:end]}
    return region


def _result(f, doc, fingerprint: str, artifact: dict, index: dict) -> dict:
    message = f.message + (f" (suggestion: {f.suggestions[0]})" if f.suggestions else "")
    out = {
        "ruleId": f.rule,
        "level": LEVELS[f.severity.value],
        "message": {"text": message},
        "locations": [{"physicalLocation": {"artifactLocation": artifact,
                                            "region": _region(doc, f.start, f.end)}}],
        "partialFingerprints": {FINGERPRINT_KEY: fingerprint},
        "properties": {"category": f.category, "confidence": round(f.confidence, 3), "entry": f.entry,
                       "suggestions": list(f.suggestions)},
    }
    if f.rule in index:
        out["ruleIndex"] = index[f.rule]
    fixes = [{"description": {"text": f"Replace '{f.text}' with '{s}'"},
              "artifactChanges": [{"artifactLocation": artifact,
                                   "replacements": [{"deletedRegion": _region(doc, f.start, f.end, False),
                                                     "insertedContent": {"text": s}}]}]}
             for s in dict.fromkeys(f.suggestions)]
    if fixes:
        out["fixes"] = fixes
    return out


def document(results, info) -> dict:
    rules = list(rule_catalog().values())
    index = {r.id: i for i, r in enumerate(rules)}
    sarif_results, notifications = [], []
    relative = False
    for r in results:
        artifact = _artifact(r.path)
        relative = relative or "uriBaseId" in artifact
        if r.error is not None:
            notifications.append({"level": "error", "message": {"text": f"{r.path}: {r.error}"},
                                  "locations": [{"physicalLocation": {"artifactLocation": artifact}}]})
            continue
        for f, fp in zip(r.findings, r.fingerprints()):
            sarif_results.append(_result(f, r.doc, fp, artifact, index))
    run = {
        "tool": {"driver": {"name": "transaudit", "version": info.tool_version,
                            "semanticVersion": info.tool_version, "informationUri": INFORMATION_URI,
                            "rules": [_descriptor(r) for r in rules]}},
        "invocations": [{"executionSuccessful": not notifications,
                         "toolExecutionNotifications": notifications}],
        "columnKind": "unicodeCodePoints",
        "results": sarif_results,
        "properties": {"glossary": {"entries": info.glossary_entries, "hash": info.glossary_hash,
                                    "sources": list(info.glossary_sources)}},
    }
    if relative:
        run["originalUriBaseIds"] = {SRCROOT: {"uri": Path.cwd().as_uri().rstrip("/") + "/"}}
    return {"$schema": SCHEMA, "version": "2.1.0", "runs": [run]}


def render(results, info, **_) -> str:
    return json.dumps(document(results, info), ensure_ascii=False, indent=2) + "\n"
