"""Key terms of the source that the aligned translation does not render with the glossary term.

A glossary entry is *in the source sentence* when one of its source-language forms occurs there:
its `native` form in that language, the romanizations the engine derives for that language (the
`romanization` patterns of the compiled glossary whose `via` names it: "Prigojin" for Romanian,
"Prigojine" for French, "Prigoschin" for German), or one of its listed forms (canonical, aliases,
variants, a person's short form), which Latin-script sources often share. Source forms match
whole words with an inflection ending of up to four letters ("Prigojinului", "Пригожина"; a
final vowel may change: "Зеленского" for "Зеленский"); names must keep their capital letter
("Бук" the launcher, not "бук" the tree), acronyms their capitals and no ending ("EU", not
"Euro"). Forms shorter than four letters are skipped unless they contain a digit or are all
capitals.

The aligned translation must then contain the canonical form or an alias (the compiled
glossary's automaton, as in `lint`). If it has one of the entry's wrong forms instead, the finding
is on that form (error); otherwise on the whole translated sentence (warning: a pronoun may stand
for the name).

Example: source "Evgheni Prigojin a murit.", translation "Evgeny Prigogine died." ->
"Evgeny Prigogine" (suggestion "Yevgeny Prigozhin").
"""
from __future__ import annotations

from dataclasses import dataclass

from ..finding import Finding, Severity
from ..glossary.compile import CORRECT, DERIVED, CompiledGlossary, Match
from ..normalize import fold, key

RULE = "term-mismatch"
CATEGORY = "terminology/wrong-term"
SEVERITY = Severity.WARNING
MAX_ENDING = 4
MIN_LENGTH = 4
_VOWELS = set("aeiouyаеиоуыэюяйьєіїαεηιουω")


@dataclass(frozen=True, slots=True)
class SourceForm:
    entry: str
    form: str
    short: bool        # a person's short form: the translation should have the short form too
    cased: bool        # a name: the text must start with a capital where the form does
    exact: bool        # ends in a digit or is an acronym: no inflection ending
    upper: bool        # an acronym: all capitals in the text too


@dataclass(frozen=True, slots=True)
class SourceHit:
    start: int
    end: int
    text: str
    form: SourceForm


def _language_names(lang: str) -> set[str]:
    from ..inference.respell import profiles
    from ..romanize import language_name

    names = {language_name(lang)}
    if lang in profiles():
        names.add(profiles()[lang][0])
    return names


def _usable(form: str) -> bool:
    k = key(form)
    return len(k) >= MIN_LENGTH or any(c.isdigit() for c in k) or (form.isupper() and len(k) >= 2)


def source_forms(compiled: CompiledGlossary, lang: str) -> list[SourceForm]:
    """Every form by which an entry may appear in a text in language `lang`."""
    names = _language_names(lang)
    raw: list[tuple[str, str, bool]] = []
    for e in compiled.entries.values():
        person = e.kind == "person"
        for form_lang, form in e.native:
            if form_lang == lang:
                raw.append((e.id, form, False))
                if person and len(form.split()) > 1:
                    raw.append((e.id, form.split()[-1], True))
        raw += [(e.id, f, False) for f in (e.canonical, *e.aliases, *e.variants)]
        if e.short_form:
            raw.append((e.id, e.short_form, True))
        if person:
            raw += [(e.id, v.split()[-1], True) for v in e.variants if len(v.split()) > 1]
    for p in compiled.patterns:
        if p.role == DERIVED and p.rule == "romanization" and p.via and names & set(p.via.split(", ")):
            entry = compiled.entries[p.entry]
            raw.append((p.entry, p.form, entry.kind == "person" and p.suggestion != entry.canonical))
    out, seen = [], set()
    for entry_id, form, short in raw:
        if (entry_id, form) in seen or not _usable(form):
            continue
        seen.add((entry_id, form))
        is_name = compiled.entries[entry_id].is_name
        upper = form.isupper() and len(key(form)) > 1
        out.append(SourceForm(entry_id, form, short, is_name and form[:1].isupper(), form[-1:].isdigit() or upper,
                              upper))
    return out


def _stem(k: str) -> str:
    """The key without a final vowel or two, when the rest of its last word keeps 4 letters."""
    head, _, last = k.rpartition(" ")
    cut = last
    while cut and cut[-1] in _VOWELS and len(last) - len(cut) < 2 and len(cut) > 4:
        cut = cut[:-1]
    return (head + " " if head else "") + cut


class SourceIndex:
    """An Aho-Corasick automaton over the source forms of one language, built once per run."""

    def __init__(self, compiled: CompiledGlossary, lang: str):
        import ahocorasick

        self.automaton = ahocorasick.Automaton()
        table: dict[str, list[SourceForm]] = {}
        for f in source_forms(compiled, lang):
            k = key(f.form)
            stem = k if f.exact else _stem(k)
            table.setdefault(" " + stem, []).append(f)
        for k, forms in table.items():
            self.automaton.add_word(k, (len(k), tuple(forms)))
        self.empty = not table
        if table:
            self.automaton.make_automaton()

    def find(self, text: str) -> list[SourceHit]:
        """Leftmost-longest occurrences of source forms in `text`, with inflection endings."""
        if self.empty:
            return []
        folded = fold(text)
        low, keep = folded.low.replace("'", " "), folded.keep   # French elision: l'Ukraine
        cands = []
        for end, (length, forms) in self.automaton.iter(low):
            a = end - length + 2           # first key character, after the leading space
            stop = low.find(" ", end + 1)
            ending = low[end + 1:stop]
            if len(ending) > MAX_ENDING or not ending.isalpha() and ending:
                continue
            for f in forms:
                if f.exact and ending:
                    continue
                if f.cased and not keep[a].isupper() or f.upper and not keep[a:end + 1].isupper():
                    continue
                cands.append((a, stop, f))
        hits, last = [], -1
        for a, b, f in sorted(cands, key=lambda c: (c[0], -c[1])):
            if a < last:
                continue
            last = b
            start, end = folded.span(a, b)
            hits.append(SourceHit(start, end, text[start:end], f))
        return hits


def detect(compiled: CompiledGlossary, source_hits: list[SourceHit], target_text: str,
           target_span: tuple[int, int], target_matches: list[Match]) -> list[Finding]:
    """Findings for one bead: the source hits inside its source sentences, the automaton matches
    inside its target sentences, and the span of those target sentences in the target text."""
    from ..detectors.glossary_hits import suggestion

    correct = {h.pattern.entry for m in target_matches for h in m.hits if h.pattern.role == CORRECT}
    out, seen = [], set()
    for hit in source_hits:
        entry = compiled.entries[hit.form.entry]
        if entry.id in seen or entry.id in correct:
            continue
        seen.add(entry.id)
        wrong = [(m, h) for m in target_matches for h in m.hits if h.pattern.entry == entry.id]
        if wrong:
            match, h = wrong[0]
            fix = suggestion(match, h, entry)
            severity = Severity(entry.severity) if entry.severity else Severity.ERROR
            how = "is copied from the source" if match.text == hit.text else f"renders '{hit.text}' of the source"
            out.append(Finding(RULE, severity, f"'{match.text}' {how}; the glossary term is {fix}",
                               match.start, match.end, match.text, (fix,), entry.id, 0.9, CATEGORY))
            continue
        expected = entry.short_form if hit.form.short and entry.short_form else entry.canonical
        a, b = target_span
        out.append(Finding(RULE, SEVERITY, f"The source has '{hit.text}' but the translation does not "
                                           f"use {expected}",
                           a, b, target_text[a:b], (expected,), entry.id, 0.6, CATEGORY))
    return out

