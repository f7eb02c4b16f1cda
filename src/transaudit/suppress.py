"""Inline suppressions (CONTRACTS §4), read from the document's original text.

    <!-- transaudit-disable-next-line [RULE[, RULE…]] [-- reason] -->
    <!-- transaudit-disable [RULE…] -->   …   <!-- transaudit-enable [RULE…] -->

In plain text the same words follow `#` or `//` at the start of a line. No rule named = all rules.
Every directive keeps the rules it silenced (like sqlfluff's NoQaDirective `used` flag): one that
silenced nothing is reported as `unused-suppression`, one naming an unknown rule (or an unknown
directive) as `bad-suppression`.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from .finding import Finding, Severity

UNUSED = "unused-suppression"
BAD = "bad-suppression"
CATEGORY = "other/suppression"

UNUSED_DOC = """A suppression comment that silenced nothing.

Example: "<!-- transaudit-disable-next-line calque -->" above a line without a calque.
Not flagged: a suppression that silenced at least one finding of each rule it names.
Delete the comment: a stale suppression would silence a real finding later.
"""

BAD_DOC = """A suppression comment naming an unknown rule, or an unknown transaudit directive.

Example: "<!-- transaudit-disable-next-line calk -->" (the rule is `calque`),
"<!-- transaudit-disabel -->", or a `transaudit-enable` without a matching `transaudit-disable`.
Not flagged: directives naming rules listed by `transaudit rules`.
The known rules named in the same comment are still suppressed.
"""

# rule id -> (docstring, default severity, category): read by config.rule_catalog()
META_RULES = {UNUSED: (UNUSED_DOC, Severity.INFO.value, CATEGORY),
              BAD: (BAD_DOC, Severity.WARNING.value, CATEGORY)}

_VERBS = ("disable-next-line", "disable", "enable")
_HTML = re.compile(r"<!--[ \t]*transaudit-(?P<verb>[\w-]*)(?P<rest>[^\n]*?)-->")
_LINE = re.compile(r"^[ \t]*(?P<comment>(?:#|//)[ \t]*transaudit-(?P<verb>[\w-]*)(?P<rest>[^\r\n]*))", re.M)
_SPLIT = re.compile(r"[,\s]+")


@dataclass
class Directive:
    verb: str
    rules: tuple[str, ...] | None  # None: every rule
    start: int
    end: int
    text: str
    used: set[str] = field(default_factory=set)  # rules it silenced; "*" for a blanket directive

    def mark(self, rule: str) -> None:
        self.used.add("*" if self.rules is None else rule)


def _directives(doc) -> list[tuple[str, str, int, int, str]]:
    """(verb, rest, start, end, text) of every directive-shaped comment, in text order."""
    text = doc.text
    if "transaudit-" not in text:
        return []
    found = [(m["verb"], m["rest"], m.start(), m.end()) for m in _HTML.finditer(text)]
    if doc.format == "text":
        found += [(m["verb"], m["rest"], m.start("comment"), m.end("comment")) for m in _LINE.finditer(text)]
    elif doc.format == "markdown":
        code = _code_lines(text)
        found = [d for d in found if _line(doc, d[2]) not in code and not _in_code_span(doc, d[2])]
    found.sort(key=lambda d: d[2])
    return [(verb, rest, s, e, text[s:e]) for verb, rest, s, e in found]


def _code_lines(text: str) -> set[int]:
    """1-based lines inside Markdown code blocks, where a directive is an example, not an order."""
    from markdown_it import MarkdownIt

    lines: set[int] = set()
    for tok in MarkdownIt("commonmark").parse(text):
        if tok.type in ("fence", "code_block") and tok.map:
            lines.update(range(tok.map[0] + 1, tok.map[1] + 1))
    return lines


def _in_code_span(doc, offset: int) -> bool:
    """Whether `offset` is inside a `code span` of its line: an example, not an order."""
    from .markup import code_spans

    start, end = _line_span(doc, _line(doc, offset))
    return any(s <= offset - start < e for s, e in code_spans(doc.text[start:end]))


def _line(doc, offset: int) -> int:
    return doc.position(offset)[0]


def _line_span(doc, line: int) -> tuple[int, int]:
    starts = doc.line_starts
    if line > len(starts):
        return len(doc.text), len(doc.text)
    return starts[line - 1], starts[line] if line < len(starts) else len(doc.text)


def _meta(rule: str, message: str, d) -> Finding:
    start, end, text = (d.start, d.end, d.text) if isinstance(d, Directive) else d
    return Finding(rule=rule, severity=Severity(META_RULES[rule][1]), message=message, start=start, end=end,
                   text=text, category=CATEGORY)


def parse(doc, known) -> tuple[list[Directive], list[Finding]]:
    """Directives of `doc`, and `bad-suppression` findings for unknown rules or directives."""
    directives: list[Directive] = []
    bad: list[Finding] = []
    for verb, rest, start, end, text in _directives(doc):
        span = (start, end, text)
        if verb not in _VERBS:
            bad.append(_meta(BAD, f"unknown directive 'transaudit-{verb}' (use one of: "
                                  f"{', '.join('transaudit-' + v for v in _VERBS)})", span))
            continue
        names = [n for n in _SPLIT.split(rest.split("--")[0].strip()) if n]
        unknown = [n for n in names if n not in known]
        if unknown:
            listed = ", ".join(f"'{n}'" for n in unknown)
            bad.append(_meta(BAD, f"suppression names unknown rule{'s' * (len(unknown) > 1)} {listed}", span))
            names = [n for n in names if n in known]
            if not names:
                continue
        directives.append(Directive(verb, tuple(names) if names else None, start, end, text))
    return directives, bad


def _scopes(doc, directives: list[Directive], bad: list[Finding]) -> list[tuple[Directive, str, int, int]]:
    """(directive, rule or "*", start, end): the text each disabling directive covers, per rule."""
    scopes = []
    open_: dict[str, int] = {}  # rule or "*" -> index in scopes of the disable still open
    for d in directives:
        keys = d.rules or ("*",)
        if d.verb == "disable-next-line":
            start, end = _line_span(doc, _line(doc, d.end - 1) + 1)
            scopes.extend((d, key, start, end) for key in keys)
        elif d.verb == "disable":
            for key in keys:
                if key not in open_:
                    open_[key] = len(scopes)
                    scopes.append((d, key, d.end, len(doc.text)))
        else:  # enable
            closing = list(open_) if d.rules is None else [k for k in d.rules if k in open_]
            if not closing:
                bad.append(_meta(BAD, "'transaudit-enable' without a matching 'transaudit-disable'", d))
            for key in closing:
                index = open_.pop(key)
                opener, _, start, _ = scopes[index]
                scopes[index] = (opener, key, start, d.start)
    return scopes


def _silence(findings, scopes, explicit_only: bool = False) -> list[Finding]:
    kept = []
    for f in findings:
        hits = [d for d, key, start, end in scopes if start <= f.start < end and key in (f.rule, "*")
                and not (explicit_only and key == "*")]
        for d in hits:
            d.mark(f.rule)
        if not hits:
            kept.append(f)
    return kept


def _unused(directives: list[Directive]) -> list[Finding]:
    out = []
    for d in directives:
        if d.verb == "enable":
            continue
        if d.rules is None:
            if not d.used:
                out.append(_meta(UNUSED, "suppression silenced nothing", d))
            continue
        idle = [r for r in d.rules if r not in d.used and r != UNUSED]
        if idle:
            listed = ", ".join(f"'{r}'" for r in idle)
            out.append(_meta(UNUSED, f"suppression of {listed} silenced nothing", d))
    return out


def configure(findings, config) -> list[Finding]:
    """Per-rule `off` and severity overrides for the two suppression rules (the detectors' findings
    get theirs in the engine). Applying it twice changes nothing."""
    if config is None:
        return list(findings)
    out = []
    for f in findings:
        if f.rule in META_RULES:
            if not config.rule_enabled(f.rule):
                continue
            level = config.rule_severity(f.rule)
            if level:
                f = replace(f, severity=Severity(level))
        out.append(f)
    return out


def apply(doc, findings, rules, config=None) -> list[Finding]:
    """Findings not silenced by a directive, plus `unused-suppression` and `bad-suppression` findings."""
    known = set(rules) | set(META_RULES)
    directives, bad = parse(doc, known)
    if not directives and not bad:
        return list(findings)
    scopes = _scopes(doc, directives, bad)
    kept = _silence(findings, scopes)
    meta = _silence(bad, scopes, explicit_only=True)
    meta += _silence(_unused(directives), scopes, explicit_only=True)
    out = kept + configure(meta, config)
    return sorted(out, key=lambda f: (f.start, f.end, f.rule))
