"""Findings: plain, immutable values produced by detectors."""
from __future__ import annotations

import enum
import hashlib
import re
from dataclasses import dataclass


class Severity(str, enum.Enum):
    ERROR = "error"
    WARNING = "warning"
    INFO = "info"

    @property
    def rank(self) -> int:
        return {"info": 0, "warning": 1, "error": 2}[self.value]


@dataclass(frozen=True, slots=True)
class Finding:
    rule: str
    severity: Severity
    message: str
    start: int
    end: int
    text: str
    suggestions: tuple[str, ...] = ()
    entry: str | None = None
    confidence: float = 1.0
    category: str = "terminology/wrong-term"


_SPACES = re.compile(r"\s+")


def fingerprints(findings: list[Finding], line_of, line_text) -> list[str]:
    """CONTRACTS §3 fingerprints, in the order of `findings`.

    `line_of(offset)` gives the 1-based line, `line_text(line)` its text.
    """
    seen: dict[tuple, int] = {}
    out = []
    for f in findings:
        line = line_of(f.start)
        collapsed = _SPACES.sub(" ", line_text(line)).strip()
        key = (f.rule, f.entry or "", f.text, line)
        index = seen.get(key, 0)
        seen[key] = index + 1
        raw = f"{f.rule}|{f.entry or ''}|{f.text}|{collapsed}|{index}"
        out.append("sha256:" + hashlib.sha256(raw.encode("utf-8")).hexdigest())
    return out
