"""Inference of wrong forms nobody listed: romanizations, institution drift, calque families."""
from __future__ import annotations


def derive(entry) -> list:
    """Derived wrong-form patterns of one entry."""
    return []
