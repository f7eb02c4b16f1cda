"""Wrong forms listed in the glossary (`variants`) of names: people, places, weapons, organisations.

Example: "Pantyr missile complex" -> "Pantsir ...", "Prigojin's men" -> "Prigozhin's men".
Not flagged: the canonical form, aliases ("SA-22"), other words that contain a variant ("Kievan").
"""
from ..finding import Severity
from .glossary_hits import report

RULE = "listed-variant"
CATEGORY = "terminology/wrong-term"
SEVERITY = Severity.ERROR
OPTIONS: dict = {}


def detect(ctx, options):
    yield from report(ctx, RULE, SEVERITY, CATEGORY,
                      lambda m, hit, entry, fix: f"'{m.text}' is a known wrong form of {entry.canonical}")
