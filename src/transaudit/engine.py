"""run(doc, compiled, config) -> findings: detectors, then filtering, sorting and merging."""
from __future__ import annotations

from dataclasses import dataclass, replace

from .config import Config
from .detectors import DETECTORS
from .document import Document
from .finding import Finding, Severity
from .glossary.compile import CompiledGlossary, Match
from .normalize import Folded, fold


@dataclass(frozen=True)
class Context:
    """What every detector sees: the document, the glossary and the shared matches."""

    doc: Document
    glossary: CompiledGlossary
    folded: Folded
    matches: tuple[Match, ...]
    config: Config


def _merge(findings: list[Finding]) -> list[Finding]:
    """Drop a finding whose span lies inside a stronger finding's span."""
    ranked = sorted(findings, key=lambda f: (-f.severity.rank, -f.confidence, f.start))
    kept: list[Finding] = []
    for f in ranked:
        if any(k.start <= f.start and f.end <= k.end and k.rule != f.rule for k in kept):
            continue
        kept.append(f)
    return sorted(kept, key=lambda f: (f.start, f.end, f.rule))


def run(doc: Document, compiled: CompiledGlossary, config: Config | None = None) -> list[Finding]:
    config = config or Config()
    folded = fold(doc.masked)
    ctx = Context(doc, compiled, folded, tuple(compiled.scan(doc.masked, folded)), config)
    findings: list[Finding] = []
    for detector in DETECTORS:
        if not config.rule_enabled(detector.RULE):
            continue
        options = config.rule_options(detector.RULE, detector.OPTIONS)
        level = config.rule_severity(detector.RULE)
        for f in detector.detect(ctx, options):
            if f.entry in config.ignore_entries or f.confidence < config.min_confidence:
                continue
            if level:
                f = replace(f, severity=Severity(level))
            findings.append(f)
    findings = _merge(findings)
    from .suppress import apply as apply_suppressions
    return apply_suppressions(doc, findings, {d.RULE for d in DETECTORS}, config=config)
