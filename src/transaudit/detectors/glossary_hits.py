"""Shared reporting of automaton matches for the glossary rules."""
from __future__ import annotations

from typing import Callable, Iterator

from ..finding import Finding, Severity
from ..inflect import apply_number, transfer_case


def suggestion(match, hit, entry) -> str:
    base = apply_number(hit.pattern.suggestion, hit.number) + match.suffix
    return transfer_case(match.text, base, entry.is_name)


def report(ctx, rule: str, severity: Severity, category: str,
           message: Callable[[object, object, object, str], str]) -> Iterator[Finding]:
    """Findings for every wrong-form match whose best pattern belongs to `rule`."""
    for match in ctx.matches:
        if match.correct:
            continue
        hit = match.best()
        if hit.pattern.rule != rule:
            continue
        entry = ctx.glossary.entries[hit.pattern.entry]
        fix = suggestion(match, hit, entry)
        yield Finding(
            rule=rule,
            severity=Severity(entry.severity) if entry.severity else severity,
            message=message(match, hit, entry, fix),
            start=match.start, end=match.end, text=match.text,
            suggestions=(fix,), entry=entry.id, confidence=hit.pattern.confidence, category=category)
