"""LanguageTool's HTTP API (`/v2/check`, `/v2/languages`) on top of transaudit's findings.

A request carries either `text` (plain text) or `data`, LanguageTool's annotated text:
`{"annotation": [{"text": "Pantyr "}, {"markup": "<b>", "interpretAs": ""}, ...]}`. Markup parts
are not checked but count for offsets, so matches point into the concatenation of all parts. Every
match is built from a finding dictionary of `formatters.json` (CONTRACTS §3): offsets and lengths
are its `utf16_*` fields, replacements its `suggestions`; nothing is recomputed.
"""
from __future__ import annotations

import json
from dataclasses import dataclass

from ..language import sentences

# what /v2/languages lists; every one of them is checked as English (CONTRACTS: v1 checks English)
LANGUAGES = (("English", "en", "en"), ("English (US)", "en", "en-US"), ("English (GB)", "en", "en-GB"),
             ("English (Australian)", "en", "en-AU"), ("English (Canadian)", "en", "en-CA"),
             ("English (New Zealand)", "en", "en-NZ"), ("English (South African)", "en", "en-ZA"))
_NAMES = {long.lower(): (name, long) for name, _, long in LANGUAGES}

CONTEXT = 40  # characters of context on each side, as LanguageTool's ContextTools
ELLIPSIS = "..."
DETECT_CHARS = 2000  # language=auto identifies the language of this much text

# MQM category (CONTRACTS §3) -> ITS 2.0 localization quality issue type, which LanguageTool uses
ISSUE_TYPES = {"terminology/wrong-term": "terminology", "terminology/inconsistent": "inconsistency",
               "accuracy/mistranslation": "mistranslation", "accuracy/untranslated": "untranslated",
               "fluency/spelling": "misspelling"}


class RequestError(ValueError):
    """A request LanguageTool would refuse too: str() is the message for the client."""


@dataclass(frozen=True)
class Source:
    """What to check: the original text (offsets point into it) and the same-length text the
    checker reads, with markup parts blanked."""

    text: str
    plain: str


def language(code: str | None) -> tuple[str, str]:
    """(name, code) of a requested language; `auto` is checked as English (US). RequestError for
    other languages."""
    if not code:
        raise RequestError("missing 'language' parameter (e.g. language=en-US)")
    if code.lower() == "auto":
        return _NAMES["en-us"]
    found = _NAMES.get(code.replace("_", "-").lower())
    if found is None:
        raise RequestError(f"transaudit checks English text only; '{code}' is not supported "
                           "(see /v2/languages)")
    return found


def languages() -> list[dict]:
    return [{"name": name, "code": code, "longCode": long} for name, code, long in LANGUAGES]


def source(text: str | None, data: str | None) -> Source:
    """The text of a request's `text` or `data` field; RequestError when neither or both is given,
    or `data` is not annotated text."""
    if (text is None) == (data is None):
        raise RequestError("give either the 'text' or the 'data' parameter")
    if text is not None:
        return Source(text, text)
    try:
        parsed = json.loads(data)
    except ValueError as e:
        raise RequestError(f"'data' is not valid JSON: {e}") from None
    parts = parsed.get("annotation") if isinstance(parsed, dict) else None
    if not isinstance(parts, list):
        raise RequestError("'data' must be a JSON object with an 'annotation' list")
    original, plain = [], []
    for i, part in enumerate(parts):
        if not isinstance(part, dict) or set(part) - {"text", "markup", "interpretAs"}:
            raise RequestError(f"'data' annotation {i}: an object with 'text' or 'markup' (and 'interpretAs')")
        has_text, has_markup = isinstance(part.get("text"), str), isinstance(part.get("markup"), str)
        if has_text == has_markup or (has_text and "interpretAs" in part) \
                or not isinstance(part.get("interpretAs", ""), str):
            raise RequestError(f"'data' annotation {i}: needs exactly one of 'text' or 'markup' as a string")
        if has_text:
            original.append(part["text"])
            plain.append(part["text"])
        else:
            original.append(part["markup"])
            plain.append(_blank(part["markup"], part.get("interpretAs", "")))
    return Source("".join(original), "".join(plain))


def _blank(markup: str, interpret_as: str) -> str:
    """Markup as the checker reads it: spaces, keeping the line breaks of `interpretAs` (a `<p>`
    interpreted as "\\n\\n" still ends a sentence), cut to the markup's length."""
    breaks = "\n" * min(interpret_as.count("\n"), len(markup))
    return breaks + " " * (len(markup) - len(breaks))


def _utf16_len(s: str) -> int:
    return len(s) + sum(ord(c) > 0xFFFF for c in s)


def _context(text: str, start: int, end: int) -> dict:
    left, right = max(0, start - CONTEXT), min(len(text), end + CONTEXT)
    before = (ELLIPSIS if left else "") + text[left:start]
    shown = before + text[start:right] + (ELLIPSIS if right < len(text) else "")
    shown = shown.replace("\r", " ").replace("\n", " ").replace("\t", " ")
    return {"text": shown, "offset": _utf16_len(before), "length": _utf16_len(text[start:end])}


def _sentence(plain: str, spans: list[tuple[int, int]], start: int) -> str:
    for s, e in spans:
        if s <= start < e:
            return plain[s:e]
    return ""


def category(mqm: str) -> dict:
    """LanguageTool's category of an MQM category: TERMINOLOGY_WRONG_TERM, "Terminology: wrong term"."""
    head, _, tail = mqm.partition("/")
    name = head.capitalize() + (": " + tail.replace("-", " ") if tail else "")
    return {"id": mqm.upper().replace("/", "_").replace("-", "_"), "name": name}


def short_message(mqm: str) -> str:
    tail = mqm.rpartition("/")[2].replace("-", " ")
    return tail[:1].upper() + tail[1:]


def match(finding: dict, src: Source, spans: list[tuple[int, int]], descriptions: dict[str, str]) -> dict:
    """One LanguageTool match of a CONTRACTS §3 finding dictionary."""
    start, end = finding["start"], finding["end"]
    return {
        "message": finding["message"],
        "shortMessage": short_message(finding["category"]),
        "replacements": [{"value": s} for s in finding["suggestions"]],
        "offset": finding["utf16_start"],
        "length": finding["utf16_end"] - finding["utf16_start"],
        "context": _context(src.text, start, end),
        "sentence": _sentence(src.plain, spans, start),
        "type": {"typeName": "Other"},
        "rule": {"id": finding["rule"], "description": descriptions.get(finding["rule"], finding["rule"]),
                 "issueType": ISSUE_TYPES.get(finding["category"], "uncategorized"),
                 "category": category(finding["category"])},
        "ignoreForIncompleteSentence": False,
        "contextForSureMatch": 0,
    }


@dataclass(frozen=True)
class Filters:
    """LanguageTool's rule and category switches, applied to the matches."""

    enabled_rules: frozenset[str] = frozenset()
    disabled_rules: frozenset[str] = frozenset()
    enabled_categories: frozenset[str] = frozenset()
    disabled_categories: frozenset[str] = frozenset()
    enabled_only: bool = False

    @classmethod
    def from_form(cls, form) -> "Filters":
        def ids(name):
            return frozenset(x.strip() for x in (form.get(name) or "").split(",") if x.strip())

        enabled_only = (form.get("enabledOnly") or "false").lower() == "true"
        filters = cls(ids("enabledRules"), ids("disabledRules"), ids("enabledCategories"),
                      ids("disabledCategories"), enabled_only)
        if enabled_only and not (filters.enabled_rules or filters.enabled_categories):
            raise RequestError("enabledOnly=true needs enabledRules or enabledCategories")
        return filters

    def keep(self, m: dict) -> bool:
        rule, cat = m["rule"]["id"], m["rule"]["category"]["id"]
        if rule in self.disabled_rules or cat in self.disabled_categories:
            return False
        if self.enabled_only:
            return rule in self.enabled_rules or cat in self.enabled_categories
        return True


def detect(src: Source) -> dict:
    """`detectedLanguage` for language=auto: what langdetect makes of the start of the text (the
    text is checked as English all the same)."""
    from ..language import identify, language_name

    code, confidence = identify(src.plain[:DETECT_CHARS])
    return {"name": language_name(code) if code != "und" else "unknown", "code": code,
            "confidence": round(confidence, 3)}


def response(findings: list[dict], src: Source, lang: tuple[str, str], software: dict,
             descriptions: dict[str, str], filters: Filters = Filters(), detected: dict | None = None) -> dict:
    """The /v2/check response body; `detected` defaults to the requested language."""
    spans = sentences(src.plain)
    matches = [m for m in (match(f, src, spans, descriptions) for f in findings) if filters.keep(m)]
    name, code = lang
    return {
        "software": software,
        "warnings": {"incompleteResults": False},
        "language": {"name": name, "code": code,
                     "detectedLanguage": detected or {"name": name, "code": code, "confidence": 1.0}},
        "matches": matches,
    }
