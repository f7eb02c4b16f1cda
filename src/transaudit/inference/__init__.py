"""Inference of wrong forms nobody listed: romanizations, calque families and word-for-word
renderings of a term's native form."""
from __future__ import annotations

from . import calques, literal, romanization


def derive(entry) -> list:
    """Derived wrong-form patterns of one entry (correct forms are filtered by the compiler)."""
    return romanization.derive(entry) + calques.derive(entry) + literal.derive(entry)
