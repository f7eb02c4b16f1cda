"""run(doc, compiled, config) -> findings: detectors, then filtering, sorting and merging.

The expensive rules (limits.EXPENSIVE_RULES) see the document with over-long lines blanked and get
a per-document time budget (`options["deadline"]`, a limits.Deadline); every rule stops at
`max_findings`. Each says in one `info` finding what it skipped or where it stopped.
"""
from __future__ import annotations

from dataclasses import dataclass, replace

from .config import Config
from .detectors import DETECTORS
from .document import Document
from .finding import Finding, Severity
from .glossary.compile import CompiledGlossary, Match
from .limits import CATEGORY as LIMIT_CATEGORY, EXPENSIVE_RULES, Deadline, long_lines
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
    """Drop a finding whose span lies inside a stronger finding's span (of another rule).

    Only findings in one cluster of touching or overlapping spans can contain each other, so the
    ranking runs per cluster: linear in the number of findings for ordinary documents."""
    kept: list[Finding] = []
    cluster: list[int] = []
    reach = -1
    for i in sorted(range(len(findings)), key=lambda i: (findings[i].start, -findings[i].end)):
        f = findings[i]
        if cluster and f.start > reach:
            kept.extend(_merge_cluster([findings[j] for j in sorted(cluster)]))
            cluster = []
        reach = max(reach, f.end) if cluster else f.end
        cluster.append(i)
    kept.extend(_merge_cluster([findings[j] for j in sorted(cluster)]))
    return sorted(kept, key=lambda f: (f.start, f.end, f.rule))


def _merge_cluster(findings: list[Finding]) -> list[Finding]:
    """The original ranking, over findings in their detector order."""
    ranked = sorted(findings, key=lambda f: (-f.severity.rank, -f.confidence, f.start))
    kept: list[Finding] = []
    for f in ranked:
        if any(k.start <= f.start and f.end <= k.end and k.rule != f.rule for k in kept):
            continue
        kept.append(f)
    return kept


def _blank_lines(ctx: Context, spans) -> Context:
    """The context with `spans` (whole lines, no line breaks) blanked in the masked text."""
    masked, pieces, pos = ctx.doc.masked, [], 0
    for s, e in spans:
        pieces += [masked[pos:s], " " * (e - s)]
        pos = e
    pieces.append(masked[pos:])
    doc = replace(ctx.doc, masked="".join(pieces))
    folded = fold(doc.masked)
    return replace(ctx, doc=doc, folded=folded, matches=tuple(ctx.glossary.scan(doc.masked, folded)))


def _notice(rule: str, offset: int, message: str) -> Finding:
    return Finding(rule, Severity.INFO, message, offset, offset, "", category=LIMIT_CATEGORY)


def _skipped(rule: str, doc: Document, spans, limit: int) -> Finding:
    line = doc.position(spans[0][0])[0]
    more = f" (and {len(spans) - 1} more)" if len(spans) > 1 else ""
    return _notice(rule, spans[0][0], f"line {line}{more} not checked by this rule: longer than "
                                      f"{limit:,} characters (--max-line-length)")


def _cut_short(rule: str, doc: Document, deadline: Deadline) -> Finding:
    offset = min(deadline.offset, len(doc.text))
    line = doc.position(offset)[0]
    return _notice(rule, offset, f"this rule stopped early, over its time budget of {deadline.seconds:g} s "
                                 f"per file (--time-budget): findings from line {line} on may be missing")


def _collect(detector, ctx: Context, options: dict, deadline: Deadline | None) -> tuple[list[Finding], list[Finding]]:
    """One detector's findings (filtered, with the configured severity) and its limit notices."""
    config, limits = ctx.config, ctx.config.limits
    level = config.rule_severity(detector.RULE)
    findings: list[Finding] = []
    notices: list[Finding] = []
    for f in detector.detect(ctx, options):
        if f.entry in config.ignore_entries or f.confidence < config.min_confidence:
            continue
        findings.append(replace(f, severity=Severity(level)) if level else f)
        if len(findings) >= limits.max_findings:
            notices.append(_notice(detector.RULE, f.end, f"this rule stopped after {len(findings):,} findings "
                                                         "in this file (--max-findings)"))
            break
        if deadline is not None and deadline.expired(f.end):
            break
    if deadline is not None and deadline.offset is not None:
        notices.append(_cut_short(detector.RULE, ctx.doc, deadline))
    return findings, notices


def run(doc: Document, compiled: CompiledGlossary, config: Config | None = None) -> list[Finding]:
    config = config or Config()
    limits = config.limits
    folded = fold(doc.masked)
    ctx = Context(doc, compiled, folded, tuple(compiled.scan(doc.masked, folded)), config)
    too_long = long_lines(doc.text, doc.line_starts, limits.max_line_chars)
    short_ctx = None  # the context with the long lines blanked, for the expensive rules
    findings: list[Finding] = []
    notices: list[Finding] = []
    for detector in DETECTORS:
        if not config.rule_enabled(detector.RULE):
            continue
        options = config.rule_options(detector.RULE, detector.OPTIONS)
        source, deadline = ctx, None
        if detector.RULE in EXPENSIVE_RULES:
            if too_long:
                short_ctx = short_ctx or _blank_lines(ctx, too_long)
                source = short_ctx
                notices.append(_skipped(detector.RULE, doc, too_long, limits.max_line_chars))
            deadline = Deadline(limits.rule_seconds)
            options = {**options, "deadline": deadline}
        found, limited = _collect(detector, source, options, deadline)
        findings += found
        notices += limited
    findings = sorted(_merge(findings) + notices, key=lambda f: (f.start, f.end, f.rule))
    from .suppress import apply as apply_suppressions
    return apply_suppressions(doc, findings, {d.RULE for d in DETECTORS}, config=config)
