"""Sentence alignment of a text and its translation: Gale & Church (1993) with paragraph anchors.

Both texts are split into paragraphs (at blank lines) and sentences (`language.sentences`, with
its splits after ordinal numbers and abbreviations of the text's language undone: "am 3. März",
"1,2 Mrd. Euro").
Paragraphs are the anchors: when both texts have as many paragraphs, paragraph i is aligned with
paragraph i; otherwise the paragraphs themselves are aligned by length first. Sentences are then
aligned within each pair of aligned paragraphs only, so one bad sentence cannot shift the rest of
the article.

The alignment is Gale & Church's dynamic programme over character lengths. A bead joins n source
sentences with m target sentences; its cost is

    -log P(n:m) - log P(|delta|),  delta = (l_t - c * l_s) / sqrt(s2 * (l_s + l_t / c) / 2)

where l_s and l_t are the character lengths of the two sides, c the ratio of target to source
characters over the whole document (Gale & Church assume c = 1 for related languages; Russian or
Romanian into English is not 1), s2 = 6.8 their variance, and P(|delta|) = 2 * (1 - Phi(|delta|))
the two-sided tail of the standard normal distribution. The priors P(n:m) are theirs
(1:1 .89, 1:0 and 0:1 .0099, 2:1 and 1:2 .089, 2:2 .011) plus 1:3 and 3:1 at .005, because
translated news often splits one long sentence into three (one-to-many is allowed both ways).
As in their model, an empty side costs as much as a bad length match, so a sentence left out of
the translation is usually absorbed into a neighbouring n:1 bead; 1:0 beads are rare.
"""
from __future__ import annotations

import math
import re
from dataclasses import dataclass

from ..language import sentences

S2 = 6.8
PRIORS = {(1, 1): 0.89, (1, 0): 0.0099, (0, 1): 0.0099, (2, 1): 0.089, (1, 2): 0.089,
          (2, 2): 0.011, (3, 1): 0.005, (1, 3): 0.005}
_COST = {move: -math.log(p) for move, p in PRIORS.items()}
# Languages that write ordinal numbers with a dot ("am 3. März"), and abbreviations after which
# the English sentence splitter wrongly ends a sentence.
ORDINAL_DOT = frozenset("de cs sk pl hu hr sl sr bs da no nb nn fi et lv lt tr is".split())
ABBREVIATIONS = {lang: frozenset(words.split()) for lang, words in {
    "de": "mrd mio nr bzw ca dr prof st vgl abs jh tsd",
    "ro": "mil mld nr dl dna str prof dr lt col gen",
    "fr": "m mme mlle dr pr env md mds av",
    "es": "sr sra srta dr núm aprox",
    "it": "sig dott prof mld mln",
    "pt": "sr sra dr",
    "ru": "г гг тыс млн млрд им ул д т",
    "uk": "р тис млн млрд ім вул",
}.items()}
_LAST_WORD = re.compile(r"(\w+)\.$")
_BLANK_LINE = re.compile(r"(?:\r\n|\r|\n)[ \t]*(?:\r\n|\r|\n)\s*")

Span = tuple[int, int]


@dataclass(frozen=True, slots=True)
class Bead:
    """n source sentences aligned with m target sentences (either side may be empty)."""

    source: tuple[Span, ...]
    target: tuple[Span, ...]
    cost: float = 0.0

    @property
    def source_span(self) -> Span | None:
        return (self.source[0][0], self.source[-1][1]) if self.source else None

    @property
    def target_span(self) -> Span | None:
        return (self.target[0][0], self.target[-1][1]) if self.target else None


def _continues(fragment: str, lang: str) -> bool:
    """Does a sentence found by the (English) splitter really go on: "am 3. März", "1,2 Mrd. Euro"?"""
    m = _LAST_WORD.search(fragment)
    if not m:
        return False
    word = m.group(1)
    if word.isdigit():
        return lang in ORDINAL_DOT and len(word) <= 2
    return word.lower() in ABBREVIATIONS.get(lang, ())


def split(text: str, lang: str = "en") -> list[Span]:
    """Sentence spans of `text`: `language.sentences`, with its splits after ordinal numbers and
    abbreviations of language `lang` undone."""
    out: list[Span] = []
    for a, b in sentences(text):
        if out and _continues(text[out[-1][0]:out[-1][1]], lang) and not text[out[-1][1]:a].strip(" \u00a0"):
            out[-1] = (out[-1][0], b)
        else:
            out.append((a, b))
    return out


def paragraphs(text: str, lang: str = "en") -> list[list[Span]]:
    """Sentence spans of `text`, grouped by paragraph (blank lines separate paragraphs)."""
    out, pos = [], 0
    for m in [*_BLANK_LINE.finditer(text), None]:
        end = m.start() if m else len(text)
        spans = [(pos + a, pos + b) for a, b in split(text[pos:end], lang)]
        if spans:
            out.append(spans)
        pos = m.end() if m else end
    return out


def _delta_cost(ls: int, lt: int, ratio: float) -> float:
    if ls == 0 and lt == 0:
        return 0.0
    mean = (ls + lt / ratio) / 2
    delta = (lt - ratio * ls) / math.sqrt(S2 * mean)
    tail = math.erfc(abs(delta) / math.sqrt(2))   # == 2 * (1 - Phi(|delta|))
    return -math.log(max(tail, 1e-300))


def gale_church(source: list[int], target: list[int], ratio: float = 1.0) -> list[tuple[int, int, float]]:
    """The cheapest sequence of beads over two lists of lengths: (n, m, cost) per bead, in order."""
    ns, nt = len(source), len(target)
    cs, ct = [0], [0]
    for x in source:
        cs.append(cs[-1] + x)
    for x in target:
        ct.append(ct[-1] + x)
    inf = float("inf")
    best = [[inf] * (nt + 1) for _ in range(ns + 1)]
    back: list[list[tuple[int, int, float] | None]] = [[None] * (nt + 1) for _ in range(ns + 1)]
    best[0][0] = 0.0
    for i in range(ns + 1):
        row = best[i]
        for j in range(nt + 1):
            if i == j == 0:
                continue
            for (n, m), prior in _COST.items():
                if n > i or m > j or best[i - n][j - m] == inf:
                    continue
                step = prior + _delta_cost(cs[i] - cs[i - n], ct[j] - ct[j - m], ratio)
                total = best[i - n][j - m] + step
                if total < row[j]:
                    row[j] = total
                    back[i][j] = (n, m, step)
    beads = []
    i, j = ns, nt
    while i or j:
        n, m, step = back[i][j]
        beads.append((n, m, step))
        i, j = i - n, j - m
    return beads[::-1]


def _length(text: str, span: Span) -> int:
    return len(" ".join(text[span[0]:span[1]].split()))


def _sentence_beads(src_text, tgt_text, src: list[Span], tgt: list[Span], ratio: float) -> list[Bead]:
    moves = gale_church([_length(src_text, s) for s in src], [_length(tgt_text, s) for s in tgt], ratio)
    out, i, j = [], 0, 0
    for n, m, cost in moves:
        out.append(Bead(tuple(src[i:i + n]), tuple(tgt[j:j + m]), cost))
        i, j = i + n, j + m
    return out


def align(source: str, target: str, source_lang: str = "en", target_lang: str = "en") -> list[Bead]:
    """Sentence beads of `source` (in `source_lang`) and its translation `target`, in text order.

    Pass the masked text (Document.masked) so markup does not count; spans are offsets into it,
    which are the offsets into the original text.
    """
    src_pars, tgt_pars = paragraphs(source, source_lang), paragraphs(target, target_lang)
    src_total = sum(_length(source, s) for p in src_pars for s in p)
    tgt_total = sum(_length(target, s) for p in tgt_pars for s in p)
    ratio = tgt_total / src_total if src_total and tgt_total else 1.0
    if len(src_pars) == len(tgt_pars):
        groups = [([p], [q]) for p, q in zip(src_pars, tgt_pars)]
    else:
        lengths = ([sum(_length(source, s) for s in p) for p in src_pars],
                   [sum(_length(target, s) for s in p) for p in tgt_pars])
        groups, i, j = [], 0, 0
        for n, m, _ in gale_church(*lengths, ratio):
            groups.append((src_pars[i:i + n], tgt_pars[j:j + m]))
            i, j = i + n, j + m
    beads = []
    for src_group, tgt_group in groups:
        src = [s for p in src_group for s in p]
        tgt = [s for p in tgt_group for s in p]
        beads += _sentence_beads(source, target, src, tgt, ratio)
    return beads
