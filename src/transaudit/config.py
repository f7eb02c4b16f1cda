"""Frozen run configuration (CLI flags over configuration files over defaults).

A configuration file is `[tool.transaudit]` in a pyproject.toml or the top level of a
`.transaudit.toml`, found upward from each checked file; `--config FILE` overrides the search.
Unknown keys, unknown rules and unknown rule options are errors (`path: unknown key 'a.b'`).
"""
from __future__ import annotations

import difflib
import fnmatch
import os
import re
import tomllib
from dataclasses import dataclass, field
from types import MappingProxyType

from .limits import Limits

DEFAULT_INCLUDE = ("*.md", "*.markdown", "*.txt", "*.html", "*.htm")
CONFIG_FILE = ".transaudit.toml"
PYPROJECT = "pyproject.toml"
SEVERITY_LEVELS = ("error", "warning", "info")
LANGUAGE = re.compile(r"^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$")  # BCP 47 shape: en, en-GB, ro
KEYS = ("glossaries", "no-default-glossary", "include", "exclude", "language", "fail-on", "min-confidence",
        "fix-min-confidence", "ignore-entries", "rules")


class ConfigError(ValueError):
    """A bad configuration file; str() is one line: `path: message`."""


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
    fix_min_confidence: float = 0.8
    limits: Limits = Limits()  # resource limits (limits.py); set by command-line flags

    def rule_enabled(self, rule: str) -> bool:
        return self.rules.get(rule, {}).get("severity") != "off"

    def rule_severity(self, rule: str) -> str | None:
        sev = self.rules.get(rule, {}).get("severity")
        return None if sev in (None, "off") else sev

    def rule_options(self, rule: str, defaults: dict) -> dict:
        return {**defaults, **{k: v for k, v in self.rules.get(rule, {}).items() if k != "severity"}}

    @property
    def root(self) -> str:
        """The directory that relative globs and glossary paths start from."""
        return os.path.dirname(os.path.abspath(self.path)) if self.path else os.getcwd()

    def excludes(self, path: str) -> bool:
        """True when an `exclude` glob matches the path (relative to the configuration file), one of
        its parent directories, or one of their names."""
        if not self.exclude:
            return False
        rel = os.path.relpath(os.path.abspath(path), self.root).replace(os.sep, "/")
        parts = rel.split("/")
        candidates = {rel, *parts}
        candidates.update("/".join(parts[:i]) for i in range(1, len(parts)))
        return any(fnmatch.fnmatchcase(c, p.strip("/")) for c in candidates for p in self.exclude)


# ---------------------------------------------------------------- the rules a configuration may name


@dataclass(frozen=True)
class Rule:
    """What users may configure and read about one rule."""

    id: str
    doc: str
    severity: str
    category: str
    options: MappingProxyType

    @property
    def summary(self) -> str:
        """The docstring's first sentence (its first paragraph, which may be wrapped) on one line."""
        lines = []
        for line in self.doc.strip().splitlines():
            text = line.strip()
            if not text or text.startswith(("Example:", "Not flagged")):
                break
            lines.append(text)
        return " ".join(lines)

    @property
    def example(self) -> str:
        """The docstring paragraph starting with 'Example:', joined into one line."""
        lines, taking = [], False
        for line in self.doc.strip().splitlines():
            text = line.strip()
            if text.startswith("Example:"):
                taking = True
            elif taking and (not text or text.startswith("Not flagged")):
                break
            if taking:
                lines.append(text)
        return " ".join(lines)


def rule_catalog() -> dict[str, Rule]:
    """Every rule id, detectors first (in reporting order), then the suppression rules and the
    bilingual rules of `transaudit compare`."""
    from .detectors import DETECTORS
    from .suppress import META_RULES

    out = {d.RULE: Rule(d.RULE, d.__doc__ or "", getattr(d.SEVERITY, "value", str(d.SEVERITY)), d.CATEGORY,
                        MappingProxyType(dict(d.OPTIONS)))
           for d in DETECTORS}
    from .bilingual import rules as bilingual_rules

    for rule_id, (doc, severity, category) in {**META_RULES, **bilingual_rules()}.items():
        out.setdefault(rule_id, Rule(rule_id, doc, severity, category, MappingProxyType({})))
    return out


# ---------------------------------------------------------------- finding and reading files


def shown(path: str) -> str:
    """A path as users should read it: relative to the working directory when inside it."""
    absolute = os.path.abspath(path)
    rel = os.path.relpath(absolute)
    return absolute if rel == ".." or rel.startswith(".." + os.sep) else rel


def _read_toml(path: str) -> dict:
    try:
        with open(path, "rb") as f:
            return tomllib.load(f)
    except FileNotFoundError:
        raise ConfigError(f"{shown(path)}: configuration file not found") from None
    except IsADirectoryError:
        raise ConfigError(f"{shown(path)}: is a directory, not a configuration file") from None
    except OSError as e:
        raise ConfigError(f"{shown(path)}: cannot read configuration: {e.strerror}") from None
    except UnicodeDecodeError:
        raise ConfigError(f"{shown(path)}: not UTF-8 text") from None
    except tomllib.TOMLDecodeError as e:
        raise ConfigError(f"{shown(path)}: invalid TOML: {e}") from None


def _has_table(pyproject: str) -> bool:
    tool = _read_toml(pyproject).get("tool")
    return isinstance(tool, dict) and "transaudit" in tool


def find_config(start: str, cache: dict[str, str | None] | None = None) -> str | None:
    """The configuration file governing `start` (a file or directory): the nearest directory upward
    holding a `.transaudit.toml`, or a pyproject.toml with a [tool.transaudit] table."""
    cache = {} if cache is None else cache
    directory = os.path.abspath(start if os.path.isdir(start) else os.path.dirname(start) or ".")
    visited = []
    found: str | None = None
    while True:
        if directory in cache:
            found = cache[directory]
            break
        visited.append(directory)
        candidate = os.path.join(directory, CONFIG_FILE)
        if os.path.isfile(candidate):
            found = candidate
            break
        candidate = os.path.join(directory, PYPROJECT)
        if os.path.isfile(candidate) and _has_table(candidate):
            found = candidate
            break
        parent = os.path.dirname(directory)
        if parent == directory:
            break
        directory = parent
    for d in visited:
        cache[d] = found
    return found


# ---------------------------------------------------------------- validation


class _Checker:
    """Reads one configuration table, failing with the file and the dotted key path."""

    def __init__(self, path: str, prefix: str):
        self.path, self.prefix = shown(path), prefix

    def key(self, *parts: str) -> str:
        return ".".join(p for p in (self.prefix, *parts) if p)

    def fail(self, message: str):
        raise ConfigError(f"{self.path}: {message}")

    def unknown(self, parts: tuple[str, ...], choices, what: str = "key"):
        close = difflib.get_close_matches(parts[-1], list(choices), n=1)
        hint = f" (did you mean '{close[0]}'?)" if close else ""
        self.fail(f"unknown {what} '{self.key(*parts)}'{hint}")

    def string(self, value, *parts: str) -> str:
        if not isinstance(value, str) or not value.strip():
            self.fail(f"'{self.key(*parts)}' must be a non-empty string")
        return value

    def strings(self, value, *parts: str) -> tuple[str, ...]:
        if isinstance(value, str):
            value = [value]
        if not isinstance(value, list):
            self.fail(f"'{self.key(*parts)}' must be a list of strings")
        return tuple(self.string(v, *parts) for v in value)

    def boolean(self, value, *parts: str) -> bool:
        if not isinstance(value, bool):
            self.fail(f"'{self.key(*parts)}' must be true or false")
        return value

    def fraction(self, value, *parts: str) -> float:
        if isinstance(value, bool) or not isinstance(value, (int, float)) or not 0 <= value <= 1:
            self.fail(f"'{self.key(*parts)}' must be a number from 0 to 1")
        return float(value)

    def choice(self, value, choices, *parts: str) -> str:
        if value not in choices:
            self.fail(f"'{self.key(*parts)}' must be one of {', '.join(choices)} (got {value!r})")
        return value

    def language(self, value, *parts: str) -> str:
        if not isinstance(value, str) or not LANGUAGE.match(value):
            self.fail(f"'{self.key(*parts)}' must be a language code such as 'en' or 'en-GB' (got {value!r})")
        return value

    def option(self, value, default, *parts: str):
        """A rule option must have the type of its default (an int is fine where a float is)."""
        expected = type(default)
        ok = isinstance(value, expected) and not (isinstance(value, bool) and expected is not bool)
        if expected is float and isinstance(value, int) and not isinstance(value, bool):
            value, ok = float(value), True
        if not ok:
            self.fail(f"'{self.key(*parts)}' must be of type {expected.__name__} (got {value!r})")
        return value


def _rules(check: _Checker, table) -> dict:
    if not isinstance(table, dict):
        check.fail(f"'{check.key('rules')}' must be a table of rule tables")
    catalog = rule_catalog()
    out = {}
    for rule_id, settings in table.items():
        if rule_id not in catalog:
            check.unknown(("rules", rule_id), catalog, what="rule")
        if not isinstance(settings, dict):
            check.fail(f"'{check.key('rules', rule_id)}' must be a table")
        options = catalog[rule_id].options
        parsed = {}
        for name, value in settings.items():
            if name == "severity":
                parsed[name] = check.choice(value, (*SEVERITY_LEVELS, "off"), "rules", rule_id, name)
                continue
            option = name if name in options else name.replace("-", "_")
            if option not in options:
                check.unknown(("rules", rule_id, name), ["severity", *options], what="option")
            parsed[option] = check.option(value, options[option], "rules", rule_id, name)
        out[rule_id] = parsed
    return out


def from_table(table: dict, path: str, prefix: str = "") -> Config:
    """Config from a parsed configuration table; glossary paths are relative to `path`'s directory."""
    check = _Checker(path, prefix)
    if not isinstance(table, dict):
        check.fail(f"'{prefix}' must be a table")
    base = os.path.dirname(shown(path))
    values: dict = {"path": path}
    for name, value in table.items():
        if name == "glossaries":
            values["glossaries"] = tuple(os.path.normpath(os.path.join(base, g))
                                         for g in check.strings(value, name))
        elif name == "no-default-glossary":
            values["default_glossary"] = not check.boolean(value, name)
        elif name in ("include", "exclude"):
            values[name] = check.strings(value, name)
        elif name == "language":
            values["language"] = check.language(value, name)
        elif name == "fail-on":
            values["fail_on"] = check.choice(value, SEVERITY_LEVELS, name)
        elif name in ("min-confidence", "fix-min-confidence"):
            values[name.replace("-", "_")] = check.fraction(value, name)
        elif name == "ignore-entries":
            values["ignore_entries"] = frozenset(check.strings(value, name))
        elif name == "rules":
            values["rules"] = _rules(check, value)
        else:
            check.unknown((name,), KEYS)
    return Config(**values)


def load_config(path: str) -> Config:
    """The Config of one file: `[tool.transaudit]` of a pyproject.toml (an absent table gives the
    defaults), otherwise the whole file."""
    data = _read_toml(path)
    if os.path.basename(path) == PYPROJECT:
        tool = data.get("tool", {})
        table = tool.get("transaudit", {}) if isinstance(tool, dict) else {}
        return from_table(table, path, "tool.transaudit")
    return from_table(data, path)

