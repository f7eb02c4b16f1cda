"""Shared reporting of automaton matches for the glossary rules."""
from __future__ import annotations

from dataclasses import replace
from typing import Callable, Iterator

from ..finding import Finding, Severity
from ..inflect import apply_number, transfer_case


def suggestion(match, hit, entry) -> str:
    base = apply_number(hit.pattern.suggestion, hit.number) + match.suffix
    return transfer_case(match.text, base, entry.is_name)


def narrow(start: int, text: str, fix: str) -> tuple[int, str, str]:
    """Drop leading and trailing words that the text already has right ("Ali Chamenei" ->
    "Chamenei", suggestion "Khamenei"), so the finding points at the wrong word only."""
    words, fixes = text.split(" "), fix.split(" ")
    if len(words) != len(fixes) or len(words) < 2:
        return start, text, fix
    lo, hi = 0, len(words)
    while lo < hi - 1 and words[lo].casefold() == fixes[lo].casefold():
        lo += 1
    while hi > lo + 1 and words[hi - 1].casefold() == fixes[hi - 1].casefold():
        hi -= 1
    offset = sum(len(w) + 1 for w in words[:lo])
    return start + offset, " ".join(words[lo:hi]), " ".join(fixes[lo:hi])


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
        if entry.kind == "person":
            start, text, fix = narrow(match.start, match.text, fix)
            if text != match.text:
                suffix = match.suffix if text.endswith(match.suffix) else ""
                match = replace(match, start=start, end=start + len(text), text=text, suffix=suffix)
        start, text = match.start, match.text
        yield Finding(
            rule=rule,
            severity=Severity(entry.severity) if entry.severity else severity,
            message=message(match, hit, entry, fix),
            start=start, end=start + len(text), text=text,
            suggestions=(fix,), entry=entry.id, confidence=hit.pattern.confidence, category=category)
