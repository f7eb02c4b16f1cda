"""Entry and Glossary: frozen values (CONTRACTS §1)."""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

KINDS = ("person", "organization", "place", "weapon", "term", "other")
SEVERITIES = ("error", "warning", "info")
ID_RE = re.compile(r"^[a-z0-9][a-z0-9-]*$")


class GlossaryError(ValueError):
    """A malformed glossary; str() is `path:line: message`, on one line: control characters
    quoted from the file (a line break inside a CSV field) are escaped."""

    def __init__(self, message: str):
        super().__init__("".join(c if c.isprintable() else repr(c)[1:-1] for c in str(message)))


def slug(text: str) -> str:
    from ..normalize import fold_char

    folded = "".join(fold_char(c) for c in text)  # ł -> l, ß -> ss, ø -> o: letters NFKD keeps
    ascii_text = unicodedata.normalize("NFKD", folded).encode("ascii", "ignore").decode()
    ascii_text = re.sub(r"[^a-z0-9\s-]", "", ascii_text.lower())
    return re.sub(r"[\s-]+", "-", ascii_text).strip("-") or "entry"


@dataclass(frozen=True, slots=True)
class Entry:
    id: str
    canonical: str
    kind: str = "other"
    aliases: tuple[str, ...] = ()
    variants: tuple[str, ...] = ()
    native: tuple[tuple[str, str], ...] = ()  # (language, form)
    short: str | None = None
    note: str | None = None
    source: str | None = None
    severity: str | None = None
    origin: str = ""  # glossary file (or "default") it came from
    line: int = 0

    @property
    def is_name(self) -> bool:
        return self.kind != "term"

    @property
    def short_form(self) -> str | None:
        """Person short form: explicit `short`, else the last word of the canonical form."""
        if self.kind != "person":
            return None
        if self.short is not None:
            return self.short or None
        words = self.canonical.split()
        return words[-1] if len(words) > 1 else None


@dataclass(frozen=True)
class Glossary:
    entries: tuple[Entry, ...]
    sources: tuple[str, ...] = ()
    hash: str = ""
    warnings: tuple[str, ...] = field(default=(), compare=False)

    def __len__(self) -> int:
        return len(self.entries)
