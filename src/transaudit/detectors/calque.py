"""Terms translated word for word from another language (calques), in any inflection.

Example: "the American special services" -> "the American intelligence services";
"unilateral strike drones" -> "one-way attack drones".
Not flagged: the English term itself, or its words in other combinations ("a complex missile").
"""
from ..finding import Severity
from .glossary_hits import report

RULE = "calque"
CATEGORY = "accuracy/mistranslation"
SEVERITY = Severity.ERROR
OPTIONS: dict = {}


def _message(m, hit, entry, fix):
    via = f" (through {hit.pattern.via})" if hit.pattern.via else ""
    return f"'{m.text}' is a calque{via}; the English term is '{fix}'"


def detect(ctx, options):
    yield from report(ctx, RULE, SEVERITY, CATEGORY, _message)
