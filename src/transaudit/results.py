"""Per-file results handed from the linter to the formatters."""
from __future__ import annotations

from dataclasses import dataclass

from .document import Document
from .finding import Finding, fingerprints


@dataclass(frozen=True)
class FileResult:
    path: str
    doc: Document | None = None
    findings: tuple[Finding, ...] = ()
    error: str | None = None

    def fingerprints(self) -> list[str]:
        if self.doc is None:
            return []
        return fingerprints(list(self.findings), lambda o: self.doc.position(o)[0], self.doc.line_text)


@dataclass(frozen=True)
class RunInfo:
    """What the formatters print about the run itself."""

    glossary_entries: int
    glossary_hash: str
    glossary_sources: tuple[str, ...]
    tool_version: str
