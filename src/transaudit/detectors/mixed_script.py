"""Words that mix scripts or use look-alike letters: a Cyrillic "К" in "Кyiv", a Greek omicron in
"Kοstiantyn", a Kelvin sign or full-width letter for a Latin one.

Script data comes from confusable-homoglyphs (Unicode Scripts and confusables.txt), loaded only for
words with letters other than ASCII and accented Latin ones. The suggestion replaces each foreign
letter by its Latin look-alike; when a letter has none, the word is written in its main other
script instead ("Kиїв" -> "Київ"); failing both, there is no suggestion.

Example: "Кyiv" -> "Kyiv", "Kοstiantyn" -> "Kostiantyn".
Not flagged: words in one script ("Київ" is the untranslated rule's business), Latin letters with
diacritics or combining marks ("Nicușor", "Erdoğan", "Kraków", "Nicus\u0326or"), emoji, digits, and
Greek letters used as symbols in words of up to three letters ("μg", "kΩ"), and scripts that are
written together (Japanese "東京都の", "iPhone手机").
"""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from ..finding import Finding, Severity
from ..language import MARKS

RULE = "mixed-script"
CATEGORY = "fluency/spelling"
SEVERITY = Severity.ERROR
OPTIONS: dict = {}

# hyphenated compounds are one word: the Cyrillic С in "Tornado-С" is a look-alike too
_TOKEN = re.compile(rf"(?:[^\W_]|[{MARKS}])+(?:-(?:[^\W_]|[{MARKS}])+)*")
_NEUTRAL = ("COMMON", "INHERITED")
# scripts whose letters pass for one another; Japanese kanji + kana or a Latin brand glued to Han
# characters ("iPhone手机") are normal writing
ALPHABETS = frozenset({"LATIN", "CYRILLIC", "GREEK"})
# the non-ASCII characters a token can hold: letters, digits, marks
_NON_ASCII = re.compile(rf"[^\W_\x00-\x7f]|[{MARKS}]")
_TOKEN_CHAR = re.compile(rf"[^\W_]|[{MARKS}]|-")
# Latin letters with accents (Latin-1, Latin Extended-A and -B and Additional), combining marks,
# digits and hyphens: a word of these alone is in one script, so it is not checked (and
# confusable_homoglyphs, 30 ms to import, is not needed for it); tests check this against its data
PLAIN_RANGES = ((0x2D, 0x2D), (0x30, 0x39), (0x41, 0x5A), (0x61, 0x7A), (0xC0, 0x24F), (0x300, 0x36F),
                (0x1E00, 0x1EFF))


def _script(c: str) -> str:
    from confusable_homoglyphs import categories

    return categories.alias(c)


@lru_cache(maxsize=1)
def plain_letters() -> frozenset[str]:
    """The characters of PLAIN_RANGES, less the compatibility letters among them ("ĳ", "ſ")."""
    return frozenset(c for a, b in PLAIN_RANGES for c in map(chr, range(a, b + 1)) if not _compatibility(c))


def _compatibility(c: str) -> str | None:
    """The ASCII letter(s) a compatibility letter stands for (Kelvin sign, full width, ligature)."""
    if unicodedata.category(c) not in ("Lu", "Ll"):
        return None
    plain = unicodedata.normalize("NFKC", c)
    return plain if plain != c and plain.isascii() and plain.isalpha() else None


def _look_alike(c: str, script: str) -> str | None:
    """A letter of `script` that looks like `c` (ASCII preferred for Latin)."""
    from confusable_homoglyphs import confusables

    for glyph in confusables.confusables_data.get(c, ()):
        g = glyph["c"]
        if len(g) != 1 or _script(g) != script or (script == "LATIN" and not g.isascii()):
            continue
        if g == "l" and c.isupper():  # confusables' skeleton folds I and l together
            g = "I"
        return g
    return None


def _rewrite(word: str, target: str, odd: dict) -> tuple[list[str | None], list[str]]:
    """The word's letters in `target` script (None where no look-alike exists), and what changed."""
    fixed, shown = [], []
    for c in word:
        s = _script(c)
        if c in odd:
            fixed.append(odd[c])
            shown.append(f"'{c}' for '{odd[c]}'")
        elif s in _NEUTRAL or s == target:
            fixed.append(c)
        else:
            g = _look_alike(c, target)
            fixed.append(g)
            shown.append(f"{s.title()} '{c}'" + (f" for {target.title()} '{g}'" if g else ""))
    return fixed, shown


@lru_cache(maxsize=4096)
def _check(word: str) -> tuple[str, str | None] | None:
    """(message, suggestion) for a word that mixes scripts or uses compatibility letters.

    The suggestion is all Latin when every letter has a Latin look-alike, else all in the word's
    main other script ("Kиїв" -> "Київ"), else there is none."""
    from confusable_homoglyphs import confusables

    odd = {c: plain for c in word if (plain := _compatibility(c))}
    mixed = confusables.is_mixed_script(word, allowed_aliases=list(_NEUTRAL))
    if not mixed and not odd:
        return None
    counts: dict[str, int] = {}
    for c in word:
        s = _script(c)
        if s not in _NEUTRAL and c not in odd:
            counts[s] = counts.get(s, 0) + 1
    mixed = mixed and len(ALPHABETS.intersection(counts)) > 1
    if not mixed and not odd:
        return None
    if mixed and set(counts) == {"LATIN", "GREEK"} and len(word) <= 3:
        return None
    fixed, shown = _rewrite(word, "LATIN", odd)
    others = sorted(s for s in counts if s != "LATIN")
    if None in fixed and others:
        alternative = _rewrite(word, max(others, key=counts.get), odd)
        if None not in alternative[0]:
            fixed, shown = alternative
    scripts = " and ".join(sorted(s.title() for s in counts)) if mixed else None
    head = f"mixes {scripts} letters" if scripts else "uses look-alike letters"
    message = f"'{word}' {head}: " + ", ".join(dict.fromkeys(shown))
    return message, None if None in fixed else "".join(fixed)


def _non_ascii_tokens(text: str):
    """The _TOKEN matches of `text` that hold a non-ASCII character, in order, found from those
    characters: a match cannot hold a character other than a letter, digit, mark or hyphen, so the
    matches after one are the same wherever the scan began."""
    pos = 0
    while m := _NON_ASCII.search(text, pos):
        start = m.start()
        while start > pos and _TOKEN_CHAR.match(text, start - 1):
            start -= 1
        for token in _TOKEN.finditer(text, start):
            if token.end() > m.start():
                yield token
                pos = token.end()
                break
        else:  # cannot happen: every character _NON_ASCII finds is a token's
            pos = m.end()


def detect(ctx, options):
    masked = ctx.doc.masked
    if masked.isascii():
        return
    text = ctx.doc.text
    plain = plain_letters()
    for m in _non_ascii_tokens(masked):
        word = m.group()
        if plain.issuperset(word):
            continue
        found = _check(word)
        if found:
            message, fix = found
            yield Finding(RULE, SEVERITY, message, m.start(), m.end(), text[m.start():m.end()],
                          (fix,) if fix else (), category=CATEGORY)
