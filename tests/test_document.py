"""Decoding, line/column positions and UTF-16 offsets (CONTRACTS §3), down to the JSON output."""
from __future__ import annotations

import hashlib
import re

import pytest

from conftest import desk_args
from transaudit.document import DecodeError, Document, decode, detect_format


# ---------------------------------------------------------------- decode

def test_decode_strips_one_bom_and_keeps_newlines():
    assert decode(b"\xef\xbb\xbfKyiv\r\nOdesa\rLviv\n") == "Kyiv\r\nOdesa\rLviv\n"
    assert decode(b"\xef\xbb\xbf\xef\xbb\xbfKyiv") == "\ufeffKyiv"  # only the first BOM is a BOM
    assert decode("Pantîr".encode()) == "Pantîr"
    assert decode(b"") == ""


@pytest.mark.parametrize("data, message", [
    (b"The Pant\xeer system", "not UTF-8 text (byte 0xee at offset 8)"),          # Latin-1 î
    (b"ok \xff bad", "not UTF-8 text (byte 0xff at offset 3)"),
    (b"truncated \xe2\x80", "not UTF-8 text (byte 0xe2 at offset 10)"),
    (b"\xef\xbb\xbfab\xc3(", "not UTF-8 text (byte 0xc3 at offset 5)"),         # offsets count the BOM
    (b"PK\x03\x04\x00\x00", "binary file (NUL byte at offset 4)"),
    (b"\xef\xbb\xbfa\x00", "binary file (NUL byte at offset 4)"),
    ("Kyiv".encode("utf-16"), "UTF-16 text is not supported (save the file as UTF-8)"),
    ("Kyiv".encode("utf-16-be").join([b"\xfe\xff", b""]), "UTF-16 text is not supported (save the file as UTF-8)"),
])
def test_decode_errors_name_the_problem(data, message):
    with pytest.raises(DecodeError) as e:
        decode(data)
    assert str(e.value) == message


def test_utf16_without_bom_is_binary():
    with pytest.raises(DecodeError, match=r"^binary file \(NUL byte at offset 1\)$"):
        decode("Kyiv".encode("utf-16-le"))


# ---------------------------------------------------------------- positions

TEXT = "ab\ncd\r\nef\rgh"  # LF, CRLF and CR line ends


@pytest.mark.parametrize("offset, expected", [
    (0, (1, 1)), (1, (1, 2)), (2, (1, 3)),    # the LF belongs to line 1
    (3, (2, 1)), (5, (2, 3)), (6, (2, 4)),    # CR and LF of a CRLF both belong to line 2
    (7, (3, 1)), (9, (3, 3)),
    (10, (4, 1)), (12, (4, 3)),               # end of text
])
def test_position_with_lf_crlf_and_cr(offset, expected):
    assert Document.from_text(TEXT).position(offset) == expected


def test_line_text_strips_only_the_line_end():
    doc = Document.from_text(TEXT + "\n\n  tail  ")
    assert [doc.line_text(n) for n in range(1, 7)] == ["ab", "cd", "ef", "gh", "", "  tail  "]


def test_only_lf_crlf_and_cr_break_lines():
    # U+2028, NEL, VT and FF are line breaks for str.splitlines(), not for transaudit
    doc = Document.from_text("a\u2028b\x85c\x0bd\x0ce\nf")
    assert doc.position(8) == (1, 9)
    assert doc.position(10) == (2, 1)
    assert doc.line_starts == [0, 10]


def test_columns_count_code_points():
    doc = Document.from_text("🚀 e\u0301 Kyiv")
    assert doc.position(5) == (1, 6)  # '🚀'=1, ' '=1, 'e'+U+0301=2, ' '=1


def test_utf16_offsets():
    text = "a😀b e\u0301 🇺🇦 Kyiv 👩\u200d👩\u200d👧!"
    doc = Document.from_text(text)
    assert [doc.utf16(i) for i in range(4)] == [0, 1, 3, 4]
    for i in range(len(text) + 1):
        assert doc.utf16(i) == len(text[:i].encode("utf-16-le")) // 2, i
    assert doc.utf16(len(text)) == 27


@pytest.mark.parametrize("path, fmt", [
    ("news/a.md", "markdown"), ("A.MARKDOWN", "markdown"), ("x/page.html", "html"), ("x.HTM", "html"),
    ("notes.txt", "text"), ("README", "text"), ("<stdin>", "text"), (None, "text"),
])
def test_detect_format(path, fmt):
    assert detect_format(path) == fmt


def test_document_masks_by_format():
    doc = Document.from_text("See `Pantyr`.\n", "a.md")
    assert (doc.format, doc.masked) == ("markdown", "See         .\n")
    doc = Document.from_text("See `Pantyr`.\n", "a.txt")
    assert (doc.format, doc.masked) == ("text", "See `Pantyr`.\n")


# ---------------------------------------------------------------- through the JSON output

ARTICLE = ("Drones 🛰️🚀 flew over Kharkiv.\r\n"
           "The Panti\u0302r and the Pantyr\u2028units 👩\u200d👩\u200d👧 near Pantyr.\r"
           "And Prigojin’s men 😀 left the missile complexPhoto: TASS\n"
           "\n"
           "END PANTYR\r\n")


def _line_col(text: str, offset: int) -> tuple[int, int]:
    """Independent of Document: lines split at LF, CRLF and CR only."""
    before = re.split(r"\r\n|\r|\n", text[:offset])
    if text[:offset].endswith("\r") and text[offset:offset + 1] == "\n":
        before = re.split(r"\r\n|\r|\n", text[:offset - 1])  # offset inside a CRLF
        return len(before), len(before[-1]) + 2
    return len(before), len(before[-1]) + 1


def test_json_offsets_point_into_the_original_text(tmp_path, run_cli):
    path = tmp_path / "article.md"
    path.write_bytes(b"\xef\xbb\xbf" + ARTICLE.encode("utf-8"))
    result = run_cli("lint", "--format", "json", *desk_args(), path)
    assert result.code == 1
    [item] = result.json["files"]
    findings = item["findings"]
    assert [(f["text"], f["line"], f["column"], f["suggestions"][0]) for f in findings] == [
        ("Panti\u0302r", 2, 5, "Pantsir"),
        ("Pantyr", 2, 21, "Pantsir"),
        ("Pantyr", 2, 45, "Pantsir"),
        ("Prigojin’s", 3, 5, "Prigozhin’s"),
        ("missile complex", 3, 31, "missile system"),
        ("PANTYR", 5, 5, "PANTSIR"),
    ]
    utf16 = ARTICLE.encode("utf-16-le")
    for f in findings:
        assert f["text"] == ARTICLE[f["start"]:f["end"]]
        assert utf16[2 * f["utf16_start"]:2 * f["utf16_end"]].decode("utf-16-le") == f["text"]
        assert (f["line"], f["column"]) == _line_col(ARTICLE, f["start"])
        assert (f["end_line"], f["end_column"]) == _line_col(ARTICLE, f["end"])
    # fingerprint: sha256 of rule|entry|text|<line, whitespace collapsed>|<index among equal findings>
    first = findings[0]
    line = "The Panti\u0302r and the Pantyr\u2028units 👩\u200d👩\u200d👧 near Pantyr."
    raw = f"listed-variant|pantsir|Panti\u0302r|{' '.join(line.split())}|0"
    assert first["fingerprint"] == "sha256:" + hashlib.sha256(raw.encode()).hexdigest()
    assert len({f["fingerprint"] for f in findings}) == len(findings)
