"""`compare`: align a source text with its English translation and check each aligned pair."""
from __future__ import annotations

from dataclasses import dataclass, replace

from ..config import Config
from ..document import Document
from ..finding import Finding
from . import number_mismatch, term_mismatch, untranslated
from .align import Bead, align
from .number_mismatch import Side

RULES = (term_mismatch.RULE, number_mismatch.RULE, untranslated.RULE)
TARGET_LANGUAGE = "en"


@dataclass(frozen=True)
class Comparison:
    source: Document
    target: Document
    language: str                  # of the source
    beads: tuple[Bead, ...]
    findings: tuple[Finding, ...]  # offsets into target.text


def _inside(start: int, end: int, spans) -> bool:
    return any(a <= start and end <= b for a, b in spans)


def _allowed(f: Finding, config: Config) -> Finding | None:
    if not config.rule_enabled(f.rule) or f.entry in config.ignore_entries or f.confidence < config.min_confidence:
        return None
    level = config.rule_severity(f.rule)
    return replace(f, severity=type(f.severity)(level)) if level else f


def compare(source: Document, target: Document, compiled, language: str,
            config: Config | None = None) -> Comparison:
    """Align `source` (in `language`) with its translation `target` and check every bead that has
    both sides: term-mismatch, number-mismatch, untranslated."""
    config = config or Config()
    beads = tuple(align(source.masked, target.masked, language, TARGET_LANGUAGE))
    index = term_mismatch.SourceIndex(compiled, language)
    source_hits = index.find(source.masked)
    target_matches = compiled.scan(target.masked)
    findings: list[Finding] = []
    for bead in beads:
        if not bead.source or not bead.target:
            continue
        (sa, sb), (ta, tb) = bead.source_span, bead.target_span
        found = untranslated.detect(source.masked[sa:sb], target.masked[ta:tb], ta, language)
        if found is not None:       # its terms and numbers are the source's: one finding says it
            findings.append(found)
            continue
        hits = [h for h in source_hits if _inside(h.start, h.end, bead.source)]
        matches = [m for m in target_matches if _inside(m.start, m.end, bead.target)]
        findings += term_mismatch.detect(compiled, hits, target.masked, (ta, tb), matches)
        findings += number_mismatch.detect(Side(source.masked, (sa, sb), language),
                                           Side(target.masked, (ta, tb), TARGET_LANGUAGE))
    kept = []
    for f in findings:
        f = _allowed(f, config)
        if f is not None:
            kept.append(replace(f, text=target.text[f.start:f.end]))
    kept.sort(key=lambda f: (f.start, f.end, f.rule))
    return Comparison(source, target, language, beads, tuple(kept))


def alignment_dicts(comparison: Comparison) -> list[dict]:
    """The `alignment` array of `compare --format json`: one object per bead."""
    def side(doc: Document, span) -> dict | None:
        if span is None:
            return None
        line, column = doc.position(span[0])
        return {"start": span[0], "end": span[1], "line": line, "column": column,
                "text": doc.text[span[0]:span[1]]}

    return [{"source": side(comparison.source, b.source_span),
             "translation": side(comparison.target, b.target_span),
             "sentences": [len(b.source), len(b.target)], "cost": round(b.cost, 3)}
            for b in comparison.beads]
