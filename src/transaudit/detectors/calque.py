"""Terms translated word for word from another language (calques), in any inflection.

Example: "the American special services" -> "the American intelligence services";
"unilateral strike drones" -> "one-way attack drones".
Not flagged: the English term itself, or its words in other combinations ("a complex missile").
"""
from ..finding import Severity
from ..glossary.compile import REFERENCE
from .glossary_hits import report

RULE = "calque"
CATEGORY = "accuracy/mistranslation"
SEVERITY = Severity.ERROR
OPTIONS: dict = {}


def _message(m, hit, entry, fix):
    how = ", ".join(filter(None, (hit.pattern.via and f"through {hit.pattern.via}",
                                  hit.pattern.detail if hit.pattern.detail != REFERENCE else "")))
    via = f" ({how})" if how else ""
    return f"'{m.text}' is a calque{via}; the English term is '{fix}'"


def detect(ctx, options):
    yield from report(ctx, RULE, SEVERITY, CATEGORY, _message)
