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

    `line_of(offset)` gives the 1-based line, `line_text(line)` its text. Each line is collapsed,
    and each (rule, entry, text, line) hashed up to the index, once: a long line with many findings
    costs its length once, not once per finding."""
    seen: dict[tuple, int] = {}
    prefixes: dict[tuple, object] = {}
    collapsed: dict[int, str] = {}
    out = []
    for f in findings:
        line = line_of(f.start)
        key = (f.rule, f.entry or "", f.text, line)
        index = seen.get(key, 0)
        seen[key] = index + 1
        prefix = prefixes.get(key)
        if prefix is None:
            if line not in collapsed:
                collapsed[line] = _SPACES.sub(" ", line_text(line)).strip()
            raw = f"{f.rule}|{f.entry or ''}|{f.text}|{collapsed[line]}|"
            prefix = prefixes[key] = hashlib.sha256(raw.encode("utf-8"))
        h = prefix.copy()
        h.update(str(index).encode("utf-8"))
        out.append("sha256:" + h.hexdigest())
    return out
