"""Names romanized through another language instead of their English form.

The wrong forms are derived, not listed: each entry's native form (Панцирь, Пригожин) is
transliterated with the tables of Romanian, French, German, Polish, Czech, Hungarian, ... and the
canonical English form is re-spelled the way those languages write it (names without a native
form too; Chinese names from Pinyin). A given name in its Russian or Ukrainian form, or spelt the
way another language writes it, before a correct surname is flagged with it.

Example: "the Pantîr system" -> "the Pantsir system"; "Prigojin's men" -> "Prigozhin's men";
"Serghei Shoigu" -> "Sergei Shoigu"; "Oleksandr Lapin" -> "Alexander Lapin".
Not flagged: "Panther" (an English word), "Peskova" (a feminine form is another word), forms that
are themselves correct for any entry, titles before a surname ("President Putin").
"""
import unicodedata

from ..finding import Finding, Severity
from ..language import english_zipf
from ..normalize import key, strip_marks
from .glossary_hits import GIVEN_NAME_BEFORE, narrow, report, similar_given_name

RULE = "romanization"
CATEGORY = "terminology/wrong-term"
SEVERITY = Severity.ERROR
OPTIONS: dict = {}
TITLE_ZIPF = 3.5  # a capitalised word before a surname this frequent in English is a title or a word (President, Sergeant)


def _core(match) -> str:
    """The matched text without its inflection ending (Prigojin's -> Prigojin)."""
    return match.text[:len(match.text) - len(match.suffix)] if match.suffix else match.text


def _via(match, hit) -> str:
    """The languages whose form equals the text exactly, else all candidates."""
    core = _core(match)
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
    "Spanish": "áéíóúñ", "French": "éèêëïîôûç", "German": "äöüß", "Turkish": "ğışİ", "Hungarian": "őű",
    "Portuguese": "ãõ",
}


def _diacritic_language(word: str) -> str | None:
    # letter by letter: "İ".lower() is i + a combining dot, which would hide the Turkish capital;
    # NFC first, so that a decomposed é or İ (a letter and a combining mark) counts as one letter
    word = unicodedata.normalize("NFC", word)
    letters = {c.lower() if len(c.lower()) == 1 else c for c in word if c.isalpha() and not c.isascii()}
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
        core = _core(match)
        if core.isascii():
            continue
        language = _diacritic_language(core)
        if language is None:
            continue
        hits = [h for h in match.hits if h.pattern.role == "correct"]
        entry = ctx.glossary.entries[hits[0].pattern.entry]
        if not entry.native or entry.kind == "term" or any(_writes(f, core) for _, f in entry.native):
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


def _writes(native: str, core: str) -> bool:
    """A Latin-script native form with the letters the text adds (Gagauz Yeri writes no ă)."""
    added = {c for c in unicodedata.normalize("NFC", core.lower()) if c.isalpha() and not c.isascii()}
    return _latin(native) and added <= set(unicodedata.normalize("NFC", native.lower()))


def _latin(form: str) -> bool:
    return all(c.isascii() or not c.isalpha() or "LATIN" in unicodedata.name(c, "") for c in form)


def _given_names(entry) -> list[str]:
    """The given names (the word before the surname) of a person's correct full forms, the
    canonical form's first (a one-word canonical form may have none: Hemedti)."""
    short = entry.short_form
    names = []
    for form in (entry.canonical, *entry.aliases):
        words = form.split()
        if len(words) >= 2 and words[-1] == short and words[-2] not in names:
            names.append(words[-2])
    return names


def _bent_given_names(ctx):
    """A correct surname after its person's given name in another language's spelling
    ("Serghei Shoigu", "Younis-Bek Yevkurov"): the finding covers both words."""
    text = ctx.doc.masked
    for match in ctx.matches:
        if not match.correct or " " in match.text or match.start < 2 or text[match.start - 1] != " " \
                or not text[match.start - 2].isalpha():
            continue
        m = GIVEN_NAME_BEFORE.search(text, max(0, match.start - 40), match.start)
        if not m or not m.group(1)[:1].isupper() or m.group(1).endswith(("'s", "’s", "'S", "’S")):
            continue  # Israel's Katz
        if english_zipf(m.group(1).lower()) >= TITLE_ZIPF:
            continue  # President Putin, Sergeant Shoigu, Israeli Katz
        hit = next(h for h in match.hits if h.pattern.role == "correct")
        entry = ctx.glossary.entries[hit.pattern.entry]
        core = _core(match)
        if entry.kind != "person" or core.casefold() != (entry.short_form or "").casefold():
            continue
        names = _given_names(entry)
        known = tuple(n.casefold() for n in names)
        given = m.group(1)
        if not known or given.casefold() in known or given.casefold().startswith(known):
            continue  # the given name with more letters: an adjective (Israeli), not a spelling
        expected = names[0]
        if given.isupper() != core.isupper() or not similar_given_name(given, expected) \
                or key(given) in ctx.glossary.correct_keys:
            continue
        before = _name_before(text, m.start(1), entry)
        if before is True:
            continue  # another person's longer name
        fix = (expected.upper() if given.isupper() else expected) + " " + match.text
        start, end = m.start(1), match.end
        if before:  # the first given name bent too: Muhammad Shiya al-Sudani
            start, first_expected = before
            fix = (first_expected.upper() if given.isupper() else first_expected) + " " + fix
        yield Finding(RULE, SEVERITY, f"'{given}' looks like {expected} spelt the way another language "
                      f"writes it; the English form is {expected} {entry.short_form}",
                      start, end, ctx.doc.text[start:end], (fix,), entry.id, 0.8, CATEGORY)


def _name_before(text: str, start: int, entry):
    """What stands before a bent given name: (its start, the expected first given name) when it is
    the person's first given name bent too (Muhammad for the Mohammed of Mohammed Shia al-Sudani);
    True when it is another name, so another person ("Sadegh Amoli Larijani" is not Ali
    Larijani); None for nothing, a lower-case word ("recent"), a title (Speaker Bakir Ghalibaf) or
    the first given name as written."""
    m = GIVEN_NAME_BEFORE.search(text, max(0, start - 40), start)
    if not m or not m.group(1)[:1].isupper():
        return None
    word, words = m.group(1), entry.canonical.split()
    if len(words) >= 3 and similar_given_name(word, words[-3]):
        return None if word == words[-3] else (m.start(1), words[-3])
    return None if english_zipf(word.lower()) >= TITLE_ZIPF else True


def detect(ctx, options):
    yield from report(ctx, RULE, SEVERITY, CATEGORY, _message)
    yield from _added_diacritics(ctx)
    yield from _bent_given_names(ctx)
