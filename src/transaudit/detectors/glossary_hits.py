"""Shared reporting of automaton matches for the glossary rules."""
from __future__ import annotations

import re
from dataclasses import replace
from typing import Callable, Iterator

from ..finding import Finding, Severity
from ..inflect import apply_number, transfer_case


MAX_ACRONYM = 6


def similar_given_name(given: str, expected: str) -> bool:
    """The same given name in another spelling: Djeyhoun/Jeyhun, Sadır/Sadyr, Paweł/Pavel, with
    the letters languages swap for one sound made equal (Halife/Khalifa, Serhii/Sergei), or in its
    Russian or Ukrainian form (Oleksandr/Alexander)."""
    from rapidfuzz import fuzz

    from ..inference.romanization import other_given_names
    from ..normalize import key
    from .fuzzy_name import loose

    if fuzz.ratio(key(given), key(expected)) >= 70:
        return True
    if given.casefold() in (n.casefold() for n in other_given_names(expected)):  # Oleksandr/Alexander
        return True
    a, b = loose(given), loose(expected)
    return a[:1] == b[:1] and fuzz.ratio(a.replace("g", "h"), b.replace("g", "h")) >= 75


def suggestion(match, hit, entry) -> str:
    base = apply_number(hit.pattern.suggestion, hit.number) + match.suffix
    if match.text.isupper() and " " not in match.text and " " in base and len(match.text) <= MAX_ACRONYM:
        return base  # an acronym (BERD): its expansion as written, not in capitals
    return transfer_case(match.text, base, entry.is_name)


def family_name_first(entry) -> bool:
    """Kim Jong Un, Xi Jinping: the glossary says so (short form Kim), or a native form is Chinese,
    Korean or Vietnamese."""
    from ..inference.romanization import writes_family_name_first

    return entry.short_form == entry.canonical.split()[0] or writes_family_name_first(entry)


def narrow(start: int, text: str, fix: str) -> tuple[int, str, str]:
    """Drop leading given names that the text already has right ("Ali Chamenei" -> "Chamenei",
    suggestion "Khamenei"), so the finding points at the wrong surname. A wrong given name keeps
    the whole name in the finding ("Vadim Filashkin" -> "Vadym Filashkin")."""
    words, fixes = text.split(" "), fix.split(" ")
    if len(words) > len(fixes) >= 2 and "" not in words and all(
            w.casefold() == f.casefold() for w, f in zip(words, fixes[:-1])):
        # the surname written in more words than the canonical one ("Itamar Ben Ghafir" for
        # Ben-Gvir): the given names are right, the surname is the finding
        offset = sum(len(w) + 1 for w in words[:len(fixes) - 1])
        return start + offset, " ".join(words[len(fixes) - 1:]), fixes[-1]
    if len(words) != len(fixes) or len(words) < 2:
        return start, text, fix
    lo = 0
    while lo < len(words) - 1 and words[lo].casefold() == fixes[lo].casefold():
        lo += 1
    offset = sum(len(w) + 1 for w in words[:lo])
    return start + offset, " ".join(words[lo:]), " ".join(fixes[lo:])


GIVEN_NAME_BEFORE = re.compile(r"([^\W\d_][\w'’-]*) $")
_GIVEN_NAME_AFTER = re.compile(r" ([^\W\d_][\w'’-]*)(?![\w'’-])")


def widen(text: str, match, entry, fix: str):
    """A surname match next to a misspelt given name covers both, with the canonical given name in
    the suggestion: before it ("Djeyhoun Baïramov" -> "Jeyhun Bayramov"), or after it when the
    name puts the family name first ("Vang Ji" -> "Wang Yi"). Returns (start, end, fix) or None."""
    words = entry.canonical.split()
    if len(words) < 2 or " " in match.text.strip():
        return None
    end = match.start + len(match.text)
    cased = str.upper if fix.isupper() else str
    if entry.short_form == words[0] and fix.casefold() == words[0].casefold():  # family name first
        m = _GIVEN_NAME_AFTER.match(text, end)
        expected = words[1]
        if not m or not m.group(1)[0].isupper() or m.group(1).casefold() == expected.casefold() \
                or not similar_given_name(m.group(1), expected):
            return None
        return match.start, m.end(1), fix + " " + cased(expected)
    window = max(0, match.start - 64)  # a bounded look back: linear however many matches
    m = GIVEN_NAME_BEFORE.search(text, window, match.start)
    if not m or (m.start() == window and window) or not m.group(1)[0].isupper():
        return None
    given, expected = m.group(1), words[-2]
    if given.casefold() == expected.casefold() or not similar_given_name(given, expected):
        return None
    return m.start(1), end, cased(expected) + " " + fix


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
            start, text = match.start, match.text
            if not family_name_first(entry):  # family name first: the whole name
                start, text, fix = narrow(start, text, fix)
            wide = widen(ctx.doc.masked, replace(match, start=start, text=text), entry, fix)
            if wide:
                start, end, fix = wide
                text = ctx.doc.text[start:end]
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
