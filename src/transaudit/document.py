"""Document: decoded text, masked text and offset conversions."""
from __future__ import annotations

import bisect
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import PurePath

from .markup import mask

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
        starts = [0]
        text = self.text
        i, n = 0, len(text)
        while i < n:
            c = text[i]
            if c == "\n":
                starts.append(i + 1)
            elif c == "\r":
                if i + 1 < n and text[i + 1] == "\n":
                    i += 1
                starts.append(i + 1)
            i += 1
        return starts

    @cached_property
    def _astral(self) -> list[int]:
        return [i for i, c in enumerate(self.text) if ord(c) > 0xFFFF]

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
