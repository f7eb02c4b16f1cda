"""Capitalised words close to a glossary name but not listed anywhere: spellings that no table
predicted ("Prigozin", "Nasrala", "Zelenskyy" when only "Zelensky" is known).

Each candidate word is reduced to a loose key that collapses the spellings languages use for the
same sound (sch/sh/ș/sz -> s, zh/ž/ż/j -> j, kh/ch/h -> h, w -> v, y -> i, doubled letters), and
compared with the keys of single-word names with rapidfuzz.

Example: "Prigozin said" -> "Prigozhin said".
Not flagged: words that are frequent in English ("Panther", "Tor"), forms of any glossary entry,
feminine surnames and patronymics (Peskova, Navalnaya, Zelenska, Vladimirovich), short words,
words in URLs or code.
"""
from __future__ import annotations

import re
from functools import lru_cache

from ..finding import Finding, Severity
from ..limits import NEVER
from ..markup import italic_spans
from ..normalize import key, strip_marks

RULE = "fuzzy-name"
CATEGORY = "terminology/wrong-term"
SEVERITY = Severity.WARNING
OPTIONS = {"min_length": 5, "min_score": 88, "max_english_zipf": 2.0}

# A word of letters with an optional possessive. It cannot start with an ASCII lower-case letter:
# such words are never candidates, and leaving them to the regex engine saves a Python step per word.
_TOKEN = re.compile(r"(?<![\w'’-])([^\W\d_a-z][^\W\d_]+)(['’]s)?(?![\w-])")
_LOOSE = [(re.compile(p), r) for p, r in (
    (r"schtsch|shch|szcz|šč|sc(?=[ie])", "s"), (r"tsch|tch|cz|č|ç|cs", "c"), (r"dzh|dž|dsch|dj|dż", "j"),
    (r"sch|sh|sz|ș|ş|š", "s"), (r"zh|zs|zj|ž|ż", "j"), (r"kh|ch", "h"), (r"ts|tz|ț|z", "c"),
    (r"ck|q", "k"), (r"ph", "f"), (r"w", "v"), (r"ou|oo", "u"), (r"ee", "i"), (r"[yîïıj]", "i"),
    (r"(.)\1+", r"\1"), (r"h$", ""), (r"ii$|ij$", "i"),
)]
_FEMININE = (("ov", "ova"), ("ev", "eva"), ("in", "ina"), ("sky", "ska"), ("skiy", "skaya"),
             ("skyi", "ska"), ("y", "aya"), ("iy", "aya"), ("ski", "ska"), ("ny", "naya"))
MIN_NAME_LENGTH = 5  # shorter names (Sadr, Tor) have too many real look-alikes (Sadyr, Torn)
_PATRONYMIC = re.compile(r"(ovich|evich|ovych|ievich|ovna|evna|ivna|yevich)$", re.I)


def loose(word: str) -> str:
    s = strip_marks(word).lower()
    for pattern, repl in _LOOSE:
        s = pattern.sub(repl, s)
    return s


def _related(token: str, name: str) -> bool:
    """Another word built on the name: a feminine form (Peskova), a derivation (Omani), or the
    name itself in other case."""
    t, n = token.lower(), name.lower()
    if t.startswith(n) or n.startswith(t):
        return True
    return any(n.endswith(m) and t == n[: len(n) - len(m)] + f for m, f in _FEMININE)


def _preferred(entry, form: str) -> str:
    """The entry's own one-word form (short form or canonical) in place of an alias."""
    for preferred in (entry.short_form, entry.canonical):
        if preferred and " " not in preferred:
            return preferred
    return form


@lru_cache(maxsize=64)
def _names(glossary) -> tuple[list[str], list[tuple[str, object]]]:
    """Loose keys of single-word correct name forms and (form, entry) behind each."""
    keys, owners, seen = [], [], set()
    for form, entry_id in _correct_forms(glossary.patterns):
        if " " in form.strip() or len(form) < MIN_NAME_LENGTH:
            continue
        entry = glossary.entries[entry_id]
        if not entry.is_name or not form[:1].isupper():
            continue
        k = loose(form)
        if (k, entry_id) in seen:
            continue
        seen.add((k, entry_id))
        keys.append(k)
        owners.append((_preferred(entry, form), entry))
    return keys, owners


def _correct_forms(patterns):
    """(form, entry id) of the correct patterns, in glossary order, read from the packed table's
    columns when it has them (building every derived pattern would cost seconds)."""
    if hasattr(patterns, "correct"):
        return ((patterns.form(i), patterns.entry(i)) for _, i in patterns.correct())
    return ((p.form, p.entry) for p in patterns if p.role == "correct")


def _english(word: str, limit: float) -> bool:
    from ..language import english_zipf  # wordfreq: imported on first use (~0.3 s)

    return english_zipf(word.lower()) >= limit


@lru_cache(maxsize=64)
def _verdicts(glossary) -> dict:
    """Verdicts on words already judged against this glossary, by (word, options): names recur
    from article to article."""
    return {}


def detect(ctx, options):
    keys, owners = _names(ctx.glossary)
    if not keys:
        return
    text = ctx.doc.masked
    covered = sorted([(m.start, m.end) for m in ctx.matches] + italic_spans(ctx.doc.text, text, ctx.doc.format))
    correct = ctx.glossary.correct_keys
    verdicts = _verdicts(ctx.glossary)
    judged = (options["min_score"], options["max_english_zipf"])
    deadline = options.get("deadline", NEVER)
    ci = 0
    for m in _TOKEN.finditer(text):
        word, ending = m.group(1), m.group(2) or ""
        if not word[0].isupper() or len(word) < options["min_length"]:
            continue
        if deadline.expired(m.start()):
            return
        while ci < len(covered) and covered[ci][1] <= m.start():
            ci += 1
        if ci < len(covered) and covered[ci][0] < m.end():
            continue
        verdict = verdicts.get((word, judged), False)
        if verdict is False:
            verdict = verdicts[(word, judged)] = _judge(word, keys, owners, correct, options)
        if verdict is None:
            continue
        form, entry, score, rivals = verdict
        tie = len(rivals) > 1
        confidence = round(min(0.85, 0.5 + (score - options["min_score"]) / 40), 3)
        suggestions = tuple(dict.fromkeys(f + ending for f, _ in rivals)) if tie else (form + ending,)
        yield Finding(RULE, Severity.INFO if tie else SEVERITY,
                      f"'{word}' is not in the glossary but looks like "
                      + (" or ".join(suggestions) if tie else f"{form} ({entry.canonical})"),
                      m.start(), m.end(), ctx.doc.text[m.start():m.end()], suggestions,
                      None if tie else entry.id, confidence, CATEGORY)


def _judge(word, keys, owners, correct, options):
    plain = word
    if key(plain) in correct or _english(plain, options["max_english_zipf"]) or _PATRONYMIC.search(plain):
        return None
    if plain.isupper():
        return None
    from rapidfuzz import fuzz, process

    lk = loose(plain)
    hits = process.extract(lk, keys, scorer=fuzz.ratio, score_cutoff=options["min_score"], limit=5)
    if not hits:
        return None
    best = hits[0][1]
    rivals = [(owners[i][0], owners[i][1]) for _, s, i in hits if s >= best - 2]
    rivals = [(f, e) for f, e in rivals if not _related(plain, f)]
    if not rivals or lk[0] != loose(rivals[0][0])[0]:
        return None
    entries = {e.id for _, e in rivals}
    form, entry = rivals[0]
    return form, entry, best, rivals if len(entries) > 1 else [(form, entry)]
