"""Literal calques of a term: its native form translated word by word (data/glosses/<lang>.yaml)
and put in English word order, the way a careless translator or a machine renders it.

"taux directeur" (fr) -> "director rate" for key rate; "navă de debarcare" (ro) -> "debarkation
ship", "ship of debarkation" for landing ship; "ракетный комплекс" (ru) -> "missile complex".
Only the first, most literal gloss of a word is used (a later one is often the right English word).
A rendering that shares no word with the term and has no word English seldom uses gets a lower
confidence: it may be plain English ("military position" for военное положение, martial law).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from .. import datafile
from ..glossary.compile import DERIVED, Pattern
from ..inflect import apply_number, pluralize, singularize, title_case
from ..language import english_zipf, language_name, nearest_english
from ..normalize import strip_marks
from .calques import other_spelling
from .romanization import foreign_word

RULE = "calque"
CONFIDENCE = 0.8
UNSURE = 0.7
LINKS = ("es", "en", "s", "n", "")  # linking elements between the parts of a compound
COGNATE_ZIPF = 2.0  # a look-alike English uses at least this often
NEAR_RATIO, MIN_NEAR = 90, 6  # a look-alike a letter or two from an English word (rapidfuzz ratio, length)
RARE_ZIPF = 3.0     # a word this rare makes a rendering no plain English
ADJECTIVE_SUFFIXES = ("ic", "al", "ive", "ary", "ous", "ar", "ian", "ed", "ible", "able")
# combining marks inside words (\w has none): Devanagari vowel signs and virama, Arabic vowels
_MARKS = "\u0300-\u036f\u0483-\u0489\u0591-\u05c7\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0900-\u0dff"
# ZWNJ: Persian writes it inside words; Catalan l·l
_TOKEN = re.compile(rf"[^\W\d_](?:[\w'’\u200c·{_MARKS}-]*[\w{_MARKS}])?")
_APOSTROPHES = "'’"


@dataclass(frozen=True)
class Lexicon:
    """One language's glosses: key -> its English renderings, the most literal first."""

    nouns: dict[str, tuple[str, ...]]
    adjectives: dict[str, tuple[str, ...]]
    function: dict[str, str]        # word -> "of" (links two nouns), "" (dropped) or a word kept in place
    prefixes: dict[str, tuple[str, ...]]
    endings: tuple[str, ...]        # longest first
    clitics: tuple[str, ...]        # proclitics stripped (Arabic ال, و; Hebrew ה), longest first
    adjectives_follow: bool         # Romance: défense antiaérienne = antiaerial defense
    genitive_follows: bool          # Slavic: объект энергетики = object of energetics
    cognates: tuple[tuple[re.Pattern, str], ...] = ()  # an unknown word's English look-alike
    plurals: tuple[str, ...] = ()   # endings that make a noun plural (forces, fuerzas)
    unaccented: bool = False        # keys also without accents (Greek capitals drop them)
    unspaced: bool = False          # words not separated by spaces (Chinese): split on the longest keys
    latin: str | None = None        # cyrtranslit's scheme: a Cyrillic word's look-alike is sought in Latin
    letters: dict | None = None     # str.translate table: the language's own forms of shared letters

    @staticmethod
    def _gloss(glosses: tuple[str, ...], prefer: frozenset) -> str:
        """The first gloss, or a later one made of words of the English term (prefer): translators
        keep the words they know and calque the rest (monetary-credit policy)."""
        for gloss in glosses[1:] if prefer else ():
            if set(re.findall(r"[a-z]+", gloss.lower())) <= prefer:
                return gloss
        return glosses[0]

    def _word(self, w: str, prefer: frozenset = frozenset()):
        if w in self.adjectives:
            return self._gloss(self.adjectives[w], prefer), True
        if w in self.nouns:
            return self._gloss(self.nouns[w], prefer), False
        for e in self.endings:
            if w.endswith(e) and len(w) - len(e) >= 2:
                stem = w[:-len(e)]
                if stem in self.adjectives:
                    return self._gloss(self.adjectives[stem], prefer), True
                if stem in self.nouns:
                    gloss = self._gloss(self.nouns[stem], prefer)
                    return (pluralize(gloss) if e.endswith(self.plurals) else gloss), False
        return None

    def _first_part(self, w: str, prefer: frozenset = frozenset()):
        if w in self.prefixes:
            return self._gloss(self.prefixes[w], prefer)
        for link in LINKS:
            if w.endswith(link) and len(w) - len(link) >= 3:
                found = self._word(w[:len(w) - len(link)], prefer)
                if found:
                    return found[0]
        return None

    def _cognate(self, w: str):
        """The English word an unknown word looks like (termoeléctrica -> thermoelectric,
        unidirecțională -> unidirectional): `cognates` rewrite its ending, wordfreq confirms (or
        knows a frequent word a letter or two away: komunikace -> comunication -> communication).
        A Cyrillic word is read in Latin letters first (коммуникация -> kommunikaciya)."""
        stem = w
        if self.latin and not w.isascii():
            import cyrtranslit

            stem = re.sub(r"['ʼ’]", "", cyrtranslit.to_latin(w, self.latin)).lower()
        for pattern, repl in self.cognates:  # rules for the stem (^teh -> tech) apply together
            if not pattern.pattern.endswith("$"):
                stem = pattern.sub(repl, stem)
        candidates = []
        for pattern, repl in self.cognates:  # then the first ending rule that makes an English word
            if pattern.pattern.endswith("$") and pattern.search(stem):
                # a replacement marked * is an adjective's: the noun used as a modifier (stabilizační)
                english = strip_marks(pattern.sub(repl.rstrip("*"), stem, count=1))
                modifier = repl.endswith("*") or english.endswith(ADJECTIVE_SUFFIXES)
                candidates.append((english, modifier))
                # a word unchanged must be English in its own right (central), not a loan (ordre)
                floor = COGNATE_ZIPF if english != strip_marks(w) else RARE_ZIPF
                zipf = english_zipf(english) if english.isascii() else 0.0
                # not a word another language uses more (agricole, centrale: French, Italian)
                if zipf >= floor and (zipf >= RARE_ZIPF or not foreign_word(english)):
                    return english, modifier
        if stem != w:  # the stem rules alone: konflikt -> conflict
            if english_zipf(stem) >= RARE_ZIPF:
                return stem, stem.endswith(ADJECTIVE_SUFFIXES)
            candidates.append((stem, stem.endswith(ADJECTIVE_SUFFIXES)))
        for candidate, modifier in candidates:  # a near miss: comunication (komunikace) -> communication
            english = len(candidate) >= MIN_NEAR and candidate.isascii() and nearest_english(candidate, NEAR_RATIO)
            if english and english_zipf(english) >= RARE_ZIPF:
                return english, modifier or english.endswith(ADJECTIVE_SUFFIXES)
        return None

    def lookup(self, w: str, prefer: frozenset = frozenset()):
        """(English rendering, is an adjective) of a word, or None when unknown; `prefer`: the
        words of the English term, whose glosses win over the first one."""
        found = self._word(w, prefer) or (self._cognate(w) if self.cognates else None)
        for c in self.clitics:
            if found:
                break
            if w.startswith(c) and len(w) - len(c) >= 2:
                found = self._word(w[len(c):], prefer)
        if found or len(w) < 7:
            return found
        for i in range(len(w) - 3, 2, -1):  # a compound of two parts: the longer head first
            head = self._word(w[i:], prefer)
            first = head and self._first_part(w[:i], prefer)
            if first:
                return f"{first} {head[0]}", head[1]
        return None


# endings that mark a noun's plural where they cannot be anything else (Lithuanian -as is singular)
PLURAL_ENDINGS = {"fr": ("s", "x"), "es": ("s",), "pt": ("s",), "ca": ("s",), "nl": ("s", "en"), "it": ("i",)}
# languages that share one gloss file: Serbian, Croatian, Bosnian and Montenegrin (sh.yaml, Latin);
# Malay and Indonesian (id.yaml)
SHARED = {"sr": "sh", "hr": "sh", "bs": "sh", "cnr": "sh", "ms": "id"}
CYRILLIC_TO_LATIN = {"sr": "sr", "cnr": "sr"}  # cyrtranslit's scheme for a Cyrillic native form
CYRILLIC_SCHEMES = {"ru": "ru", "uk": "ua", "be": "ru", "bg": "bg", "mk": "mk"}  # for look-alikes (cognates)
UNACCENTED = {"el"}  # Greek writes no accents in capitals: ΑΝΤΙΑΕΡΟΠΟΡΙΚΗ for αντιαεροπορική
# Arabic-script letters typed in another language's form: Persian and Urdu ی ک, Arabic ي ك
LETTERS = {"fa": str.maketrans("يك", "یک"), "ur": str.maketrans("يك", "یک"), "ar": str.maketrans("یک", "يك")}


@lru_cache(maxsize=64)
def lexicon(lang: str) -> Lexicon | None:
    lang = lang.split("-")[0].lower()  # fr-CA, sr-Latn
    if not re.fullmatch(r"[a-z]{2,3}", lang):
        return None
    lang = SHARED.get(lang, lang)
    try:
        data = datafile.read(f"glosses/{lang}.yaml")
    except (FileNotFoundError, IsADirectoryError):
        return None

    unaccented = lang in UNACCENTED
    forms = (str, strip_marks) if unaccented else (str,)

    def unaccent(pairs):
        """The keys as written and, for a word in capitals, without accents: the first of those
        that fold alike, never over a key as written (η, the article, is not ή, "or")."""
        out = {str(k).lower(): v for k, v in pairs}
        if unaccented:
            for k, v in list(out.items()):
                out.setdefault(strip_marks(k), v)
        return out

    def table(name):  # every gloss of a key, the most literal first
        return unaccent((k, tuple(map(str, v)) if isinstance(v, list) else (str(v),))
                        for k, v in (data.get(name) or {}).items() if v)

    return Lexicon(table("nouns"), table("adjectives"),
                   unaccent((k, str(v or "")) for k, v in (data.get("function") or {}).items()),
                   table("prefixes"),
                   tuple(sorted({f(str(e)) for e in data.get("endings") or () for f in forms}, key=len, reverse=True)),
                   tuple(sorted({f(str(c)) for c in data.get("clitics") or () for f in forms}, key=len, reverse=True)),
                   bool(data.get("adjectives_follow")), bool(data.get("genitive_follows")),
                   tuple((re.compile(p), r) for p, r in _cognate_rules().get(lang) or ()),
                   PLURAL_ENDINGS.get(lang, ()), unaccented, bool(data.get("unspaced")), CYRILLIC_SCHEMES.get(lang), LETTERS.get(lang))


@lru_cache(maxsize=1)
def _cognate_rules() -> dict:
    return datafile.read("glosses/cognates.yaml")["languages"]


def _tokens(form: str, lex: Lexicon) -> list[str]:
    """Lower-case words, elided articles split off (d'attaque -> d', attaque)."""
    out = []
    low = form.lower().replace("i\u0307", "i")  # Turkish İ lower-cased: i + dot
    if lex.letters:
        low = low.translate(lex.letters)
    for t in _TOKEN.findall(low):
        cut = max(t.rfind(a) for a in _APOSTROPHES)
        if cut > 0 and t[:cut + 1] in lex.function:
            out += [t[:cut + 1], t[cut + 1:]]
        elif lex.unspaced:
            out += _split_unspaced(t, lex)
        else:
            out.append(t)
    return out


MAX_KEY = 6  # characters of the longest key of an unspaced language


def _split_unspaced(t: str, lex: Lexicon) -> list[str]:
    """An unspaced word split into keys, the longest first from the left (两岸关系 -> 两岸, 关系);
    the word whole when some part is no key."""
    parts, i = [], 0
    while i < len(t):
        for j in range(min(len(t), i + MAX_KEY), i, -1):
            w = t[i:j]
            if w in lex.nouns or w in lex.adjectives or w in lex.function:
                parts.append(w)
                i = j
                break
        else:
            return [t]
    return parts


def _segments(form: str, lex: Lexicon, names: dict[str, str] | None = None, prefer: frozenset = frozenset()):
    """(the form as noun phrases linked by "of", the links): each phrase a list of (rendering,
    is an adjective; None for a kept function word) in the source order, each link "of" or
    "of the" (del, du; de la); None when a word is unknown."""
    segments: list[list] = [[]]
    links: list[str] = []
    for t in _tokens(form, lex):
        if t in lex.function:
            rendering = lex.function[t]
            if rendering.startswith("of ") or rendering == "of":
                if segments[-1]:
                    segments.append([])
                    links.append(rendering)
            elif not rendering and links and not segments[-1]:
                links[-1] = "of the"  # de la, de los: an article after "of"
            elif rendering and segments[-1]:  # and, for, with: kept in place
                segments[-1].append((rendering, None))
            continue
        found = lex.lookup(t, prefer)
        if found is None and names and t in names:  # a name inside the name: Tramp Marşrutu
            found = names[t], False
        if found is None and "-" in t:  # a hyphenated compound: its parts in their order, as one word
            parts = [lex.lookup(p, prefer) for p in t.split("-") if p]
            if parts and None not in parts:
                found = "-".join(p[0] for p in parts), parts[-1][1]
        if found is None:
            return None
        segment = segments[-1]
        if lex.adjectives_follow and segment and not found[1] and found[0].endswith(ADJECTIVE_SUFFIXES):
            found = found[0], True  # after its noun, explosif is "explosive" the adjective
        # after a noun, a noun (or, where adjectives precede, an adjective) starts its genitive;
        # where they follow, so does a noun after a noun and its adjectives (شورای عالی امنیت ملی:
        # supreme council of national security)
        if lex.genitive_follows and segment and (
                segment[-1][1] is False and (not found[1] or not lex.adjectives_follow)
                or lex.adjectives_follow and found[1] is False and any(w[1] is False for w in segment)):
            segments.append([])
            links.append("of")
        segments[-1].append(found)
    if not segments[-1]:  # a form ending in "of"
        segments.pop()
        links = links[:len(segments) - 1]
    return (segments, links) if segments else None


def _english_order(segment: list, lex: Lexicon) -> list:
    """Adjectives before their noun: those after the first noun move before it, the nearest
    first (sistema antiaéreo portátil -> portable antiaerial system); a word kept in place
    (sur, sobre: "on") parts the phrases (taxe sur la valeur ajoutée -> tax on added value)."""
    if not lex.adjectives_follow:
        return segment
    kept = next((i for i, w in enumerate(segment) if w[1] is None), None)
    if kept is not None:
        return _english_order(segment[:kept], lex) + [segment[kept]] + _english_order(segment[kept + 1:], lex)
    first_noun = next((i for i, w in enumerate(segment) if not w[1]), 0)  # none: the first word heads
    before, after = segment[:first_noun], segment[first_noun:]
    return before + [w for w in reversed(after) if w[1]] + [w for w in after if not w[1]]


def renderings(form: str, lang: str, names: tuple[str, ...] = (), prefer: frozenset = frozenset()) -> list[str]:
    """Word-for-word English renderings of a native form: "N of N2" and the compound "N2 N";
    `prefer`: English words a word's later gloss may be made of (Lexicon.lookup)."""
    lang = lang.split("-")[0].lower()
    lex = lexicon(lang)
    if lang in CYRILLIC_TO_LATIN and any("\u0400" <= c <= "\u04ff" for c in form):
        import cyrtranslit

        form = cyrtranslit.to_latin(form, CYRILLIC_TO_LATIN[lang])
    found = lex and _segments(form, lex, _name_words(form, names), prefer)
    if not found:
        return []
    segments, links = found
    phrases = [" ".join(w for w, _ in _english_order(s, lex)) for s in segments]
    out = [phrases[0] + "".join(f" {link} {p}" for link, p in zip(links, phrases[1:]))]
    if len(phrases) > 1:  # with a bare "of" (forces of order), and the compound (debarkation ship)
        out += [" of ".join(phrases), " ".join(phrases[::-1])]
    return list(dict.fromkeys(out + [other_spelling(english) for english in out]))


NAME_SIMILARITY = 75  # rapidfuzz ratio of a native proper name and a word of the English name


def _name_words(form: str, names: tuple[str, ...]) -> dict[str, str]:
    """Capitalised words of a Latin-script native form that a word of the English names spells
    another way (Tramp: Trump), lower-cased: they render as that word."""
    english = {w for n in names for w in re.findall(r"[^\W\d_]+", n) if w[:1].isupper()}
    out: dict[str, str] = {}
    if not english:
        return out
    from rapidfuzz.fuzz import ratio

    for w in re.findall(r"[^\W\d_]+", form):
        if w[:1].isupper() and "a" <= strip_marks(w[:1]).lower() <= "z":  # Latin script
            bare = strip_marks(w).lower()
            best = max(english, key=lambda e: ratio(bare, e.lower()), default=None)
            if best and best[0].lower() == bare[0] and ratio(bare, best.lower()) >= NAME_SIMILARITY:
                out[w.lower()] = best
    return out


MIN_SINGLE = 7  # letters of a one-word calque


def _rare_word(word: str) -> bool:
    """A one-word rendering that English seldom uses: no plain English, a calque (contrabandist,
    abductee, blockpost), not an acronym (ТЭЦ: CHP)."""
    return len(word) >= MIN_SINGLE and not word.isupper() and english_zipf(word) < RARE_ZIPF


def _words(form: str) -> set[str]:
    return {singularize(w) for w in re.findall(r"[a-z]+", form.lower())} - {"of", "the", "a", "an"}


def _unusual(words: set[str]) -> bool:
    """A word English seldom uses (thermoelectric, debarkation): the phrase is no plain English."""
    return any(english_zipf(w) < RARE_ZIPF for w in words)


def derive(entry) -> list[Pattern]:
    """A term's literal calques; an organisation's (or a treaty's...) name translated word by word,
    in Title Case (Národní úřad pro kybernetickou a informační bezpečnost -> National Office for
    Cybernetic and Information Security, for the National Cyber and Information Security Agency;
    سندھ طاس معاہدہ -> Indus Basin Treaty, for the Indus Waters Treaty)."""
    if entry.kind not in ("term", "organization", "other") or not entry.native:
        return []
    term = entry.kind == "term"
    forms = (entry.canonical, *entry.aliases)
    form_words = [_words(f) for f in forms]
    term_words = set().union(*form_words)
    taken = {f.lower() for f in forms}
    out = []
    # a term also with the words of its English form where a word has them as a later gloss
    prefer = frozenset(w for f in forms for w in re.findall(r"[a-z]+", f.lower())) if term else frozenset()
    for lang, native in entry.native:
        found = renderings(native, lang, forms if not term else ())
        if prefer:
            found = list(dict.fromkeys(found + renderings(native, lang, (), prefer)))
        for english in found:
            words = _words(english)
            single = len(english.split()) < 2
            if (single and not (term and _rare_word(english))) or english.lower() in taken or (not term and len(words) < 2):
                continue
            if not term and (words in form_words or any(f" {f.lower()} " in f" {english.lower()} " for f in forms)):
                continue  # the name reordered (Ukraine Security Service) or with a word added (... of Ukraine)
            # one of common words and no word of the term may be plain English: less sure
            confidence = CONFIDENCE if words & term_words or _unusual(words) else UNSURE
            taken.add(english.lower())
            if not term:  # a name of common words only may be another name, or the English one
                if confidence < CONFIDENCE:
                    continue
                rule = "institution" if entry.kind == "organization" else RULE  # a treaty, a programme: calque
                out.append(Pattern(entry.id, title_case(english), DERIVED, rule, entry.canonical,
                                   via=language_name(lang), confidence=confidence,
                                   detail=f"word for word from '{native}'"))
                continue
            pairs = [(english, entry.canonical)]
            head, of, rest = english.partition(" of ")
            if of and singularize(head) == head:  # the compiler inflects the last word only
                pairs.append((f"{pluralize(head)} of {rest}", apply_number(entry.canonical, "plural")))
            out += [Pattern(entry.id, form, DERIVED, RULE, fix, via=language_name(lang), confidence=confidence,
                            detail=f"word for word from '{native}'") for form, fix in pairs]
    return out
