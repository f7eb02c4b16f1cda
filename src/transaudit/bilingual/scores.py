"""Reference scores: sacrebleu's BLEU, chrF and TER for a document and for each aligned sentence.

The reference and the hypothesis are aligned sentence by sentence (align.py); the document scores
are sacrebleu's corpus scores over the aligned segments (a sentence with no counterpart is scored
against the empty string, so omissions cost), the segment scores its sentence scores (BLEU with
effective order, as sacrebleu recommends for sentences). Segment text is passed with its white
space collapsed, so line wrapping does not count.
"""
from __future__ import annotations

from dataclasses import dataclass

from ..document import Document
from .align import Bead, align


@dataclass(frozen=True)
class Segment:
    bead: Bead
    reference: str
    hypothesis: str
    bleu: float
    chrf: float
    ter: float


@dataclass(frozen=True)
class Report:
    reference: Document
    hypothesis: Document
    bleu: float
    chrf: float
    ter: float
    signatures: dict
    segments: tuple[Segment, ...]

    def lowest(self, n: int) -> list[int]:
        """Indexes of the n segments with the lowest chrF (ties in text order)."""
        order = sorted(range(len(self.segments)), key=lambda i: (self.segments[i].chrf, i))
        return order[:max(n, 0)]


def _text(doc: Document, span) -> str:
    return " ".join(doc.text[span[0]:span[1]].split()) if span else ""


def segments(reference: Document, hypothesis: Document) -> list[tuple[Bead, str, str]]:
    """(bead, reference text, hypothesis text) per aligned segment."""
    return [(b, _text(reference, b.source_span), _text(hypothesis, b.target_span))
            for b in align(reference.masked, hypothesis.masked)]


def score(reference: Document, hypothesis: Document) -> Report:
    from sacrebleu.metrics import BLEU, CHRF, TER

    pairs = segments(reference, hypothesis)
    refs = [r for _, r, _ in pairs]
    hyps = [h for _, _, h in pairs]
    bleu, chrf, ter = BLEU(), CHRF(), TER()
    sentence_bleu = BLEU(effective_order=True)
    doc_scores = (bleu.corpus_score(hyps, [refs]), chrf.corpus_score(hyps, [refs]), ter.corpus_score(hyps, [refs]))
    out = tuple(Segment(b, r, h, sentence_bleu.sentence_score(h, [r]).score, chrf.sentence_score(h, [r]).score,
                        ter.sentence_score(h, [r]).score) for b, r, h in pairs)
    signatures = {"bleu": str(bleu.get_signature()), "chrf": str(chrf.get_signature()),
                  "ter": str(ter.get_signature()), "sentence_bleu": str(sentence_bleu.get_signature())}
    return Report(reference, hypothesis, doc_scores[0].score, doc_scores[1].score, doc_scores[2].score,
                  signatures, out)
