"""Document: decoded text, masked text and offset conversions."""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import PurePath

from .markup import mask

_LINE_BREAK = re.compile(r"\r\n?|\n")  # lines break only at LF, CRLF and CR (CONTRACTS §3)
_ASTRAL = re.compile("[\U00010000-\U0010FFFF]")  # two UTF-16 code units each
FORMATS = {".md": "markdown", ".markdown": "markdown", ".html": "html", ".htm": "html"}


class DecodeError(ValueError):
    """The bytes are not UTF-8 text."""


def decode(data: bytes) -> str:
    """UTF-8 with the BOM stripped and newlines kept; binary or invalid bytes raise DecodeError."""
    bom = 3 if data.startswith(b"\xef\xbb\xbf") else 0  # offsets in messages count from the file start
    if not bom and data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise DecodeError("UTF-16 text is not supported (save the file as UTF-8)")
    nul = data.find(b"\x00")
    if nul >= 0:
        raise DecodeError(f"binary file (NUL byte at offset {nul})")
    try:
        return data[bom:].decode("utf-8")
    except UnicodeDecodeError as e:
        raise DecodeError(f"not UTF-8 text (byte 0x{data[bom + e.start]:02x} at offset {bom + e.start})") from None


def detect_format(path: str | None) -> str:
    if not path:
        return "text"
    return FORMATS.get(PurePath(path).suffix.lower(), "text")


@dataclass(frozen=True)
class Document:
    path: str
    text: str
    format: str = "text"
    masked: str = field(default="", compare=False)

    @classmethod
    def from_text(cls, text: str, path: str = "<text>", fmt: str | None = None) -> "Document":
        fmt = fmt or detect_format(path)
        return cls(path=path, text=text, format=fmt, masked=mask(text, fmt))

    @cached_property
    def line_starts(self) -> list[int]:
        return [0] + [m.end() for m in _LINE_BREAK.finditer(self.text)]

    @cached_property
    def _astral(self) -> list[int]:
        return [m.start() for m in _ASTRAL.finditer(self.text)]

    def position(self, offset: int) -> tuple[int, int]:
        """1-based (line, column) of a code-point offset; columns count code points."""
        line = bisect.bisect_right(self.line_starts, offset) - 1
        return line + 1, offset - self.line_starts[line] + 1

    def utf16(self, offset: int) -> int:
        return offset + bisect.bisect_left(self._astral, offset)

    def line_text(self, line: int) -> str:
        start = self.line_starts[line - 1]
        end = self.line_starts[line] if line < len(self.line_starts) else len(self.text)
        return self.text[start:end].rstrip("\r\n")
