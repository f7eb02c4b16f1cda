"""Inference of wrong forms nobody listed: romanizations and calque families."""
from __future__ import annotations

from . import calques, romanization


def derive(entry) -> list:
    """Derived wrong-form patterns of one entry (correct forms are filtered by the compiler)."""
    return romanization.derive(entry) + calques.derive(entry)
