"""Names romanized through another language instead of their English form.

The wrong forms are derived, not listed: each entry's native form (Панцирь, Пригожин) is
transliterated with the tables of Romanian, French, German, Polish, Czech, Hungarian, ... and the
canonical English form is re-spelled the way those languages write it.

Example: "the Pantîr system" -> "the Pantsir system"; "Prigojin's men" -> "Prigozhin's men".
Not flagged: "Panther" (an English word), "Peskova" (a feminine form is another word), forms that
are themselves correct for any entry.
"""
from ..finding import Severity
from ..normalize import strip_marks
from .glossary_hits import report

RULE = "romanization"
CATEGORY = "terminology/wrong-term"
SEVERITY = Severity.ERROR
OPTIONS: dict = {}


def _via(match, hit) -> str:
    """The languages whose form equals the text exactly, else all candidates."""
    core = match.text[:len(match.text) - len(match.suffix)] if match.suffix else match.text
    exact = [h.pattern.via for h in match.hits if h.pattern.rule == RULE and h.pattern.form == core]
    if not exact:
        exact = [h.pattern.via for h in match.hits
                 if h.pattern.rule == RULE and strip_marks(h.pattern.form) == strip_marks(core)]
    langs = sorted({lang for via in (exact or [hit.pattern.via]) if via for lang in via.split(", ")})
    if not langs:
        return ""
    shown = " or ".join(langs[:3]) + (" or others" if len(langs) > 3 else "")
    return f" through {shown}"


def _message(match, hit, entry, fix):
    name = hit.pattern.suggestion
    if not hit.pattern.via:
        return f"'{match.text}' looks like a misspelling of {name}"
    origin = f" ({entry.native[0][1]})" if entry.native else ""
    return f"'{match.text}' looks like a romanization of {name}{origin}{_via(match, hit)}"


def detect(ctx, options):
    yield from report(ctx, RULE, SEVERITY, CATEGORY, _message)
