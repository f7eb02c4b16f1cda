"""Names romanized through another language instead of their English form.

The wrong forms are derived, not listed: each entry's native form (Панцирь, Пригожин) is
transliterated with the tables of Romanian, French, German, Polish, Czech, Hungarian, ... and the
canonical English form is re-spelled the way those languages write it.

Example: "the Pantîr system" -> "the Pantsir system"; "Prigojin's men" -> "Prigozhin's men".
Not flagged: "Panther" (an English word), "Peskova" (a feminine form is another word), forms that
are themselves correct for any entry.
"""
import unicodedata

from ..finding import Finding, Severity
from ..normalize import strip_marks
from .glossary_hits import narrow, report

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
    shown = " or ".join(langs[:5]) + (" or others" if len(langs) > 5 else "")
    return f" through {shown}"


def _message(match, hit, entry, fix):
    name = hit.pattern.suggestion
    if not hit.pattern.via:
        return f"'{match.text}' looks like a misspelling of {name}"
    origin = f" ({entry.native[0][1]})" if entry.native else ""
    return f"'{match.text}' looks like a romanization of {name}{origin}{_via(match, hit)}"


# Letters a translator adds to a name from another script, and the languages that write them.
_DIACRITICS = {
    "Romanian": "șşțţăâî", "Polish": "łżźśćńęą", "Czech or Slovak": "čřěůďťňľ", "Croatian": "čćđšž",
    "Spanish": "áéíóúñ", "French": "éèêëïîôûç", "German": "äöüß", "Turkish": "ğış", "Hungarian": "őű",
    "Portuguese": "ãõ",
}


def _diacritic_language(word: str) -> str | None:
    letters = {c for c in word.lower() if c.isalpha() and not c.isascii()}
    if not letters:
        return None
    scores = {lang: len(letters & set(chars)) for lang, chars in _DIACRITICS.items()}
    top = max(scores.values())
    if not top:
        return "another language"
    return " or ".join(lang for lang, n in scores.items() if n == top)


def _added_diacritics(ctx):
    """Correct names written with diacritics a translator added (Bélgorod, Kadírov)."""
    for match in ctx.matches:
        if not match.correct:
            continue
        core = match.text[:len(match.text) - len(match.suffix)] if match.suffix else match.text
        language = _diacritic_language(core)
        if language is None:
            continue
        hits = [h for h in match.hits if h.pattern.role == "correct"]
        entry = ctx.glossary.entries[hits[0].pattern.entry]
        if not entry.native or any(_latin(f) for _, f in entry.native) or entry.kind == "term":
            continue
        if any(h.pattern.form.casefold() == core.casefold() for h in hits):
            continue
        fix = hits[0].pattern.form + match.suffix
        if core.isupper():
            fix = fix.upper()
        start, text, fix = narrow(match.start, match.text, fix) if entry.kind == "person" else \
            (match.start, match.text, fix)
        yield Finding(RULE, SEVERITY, f"'{text}' carries {language} diacritics; the English form "
                      f"is {fix}", start, start + len(text), text, (fix,), entry.id, 0.85, CATEGORY)


def _latin(form: str) -> bool:
    return all(c.isascii() or not c.isalpha() or "LATIN" in unicodedata.name(c, "") for c in form)


def detect(ctx, options):
    yield from report(ctx, RULE, SEVERITY, CATEGORY, _message)
    yield from _added_diacritics(ctx)
