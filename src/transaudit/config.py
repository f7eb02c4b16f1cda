"""Frozen run configuration (CLI flags over configuration files over defaults)."""
from __future__ import annotations

from dataclasses import dataclass, field

DEFAULT_INCLUDE = ("*.md", "*.markdown", "*.txt", "*.html", "*.htm")


@dataclass(frozen=True)
class Config:
    glossaries: tuple[str, ...] = ()
    default_glossary: bool = True
    include: tuple[str, ...] = DEFAULT_INCLUDE
    exclude: tuple[str, ...] = ()
    language: str = "en"
    fail_on: str = "warning"
    min_confidence: float = 0.0
    ignore_entries: frozenset[str] = frozenset()
    rules: dict = field(default_factory=dict)  # rule -> {"severity": "...|off", option: value}
    path: str | None = None  # the configuration file, if any

    def rule_enabled(self, rule: str) -> bool:
        return self.rules.get(rule, {}).get("severity") != "off"

    def rule_severity(self, rule: str) -> str | None:
        sev = self.rules.get(rule, {}).get("severity")
        return None if sev in (None, "off") else sev

    def rule_options(self, rule: str, defaults: dict) -> dict:
        return {**defaults, **{k: v for k, v in self.rules.get(rule, {}).items() if k != "severity"}}
