"""Property-based tests (hypothesis) of what every finding depends on.

- decoding and offsets: code point <-> line/column <-> UTF-16 for arbitrary Unicode with LF, CRLF
  and CR, a BOM, and lone surrogates (decided: invalid input, a DecodeError naming the byte);
- markup masking: the masked text has the original length and keeps every line break in place, for
  text, Markdown and HTML; nothing inside code, URLs or tags is ever reported;
- the formatters: every json, sarif, rdjson and github output parses back, and SARIF regions (code
  points) and rdjson positions (UTF-8 byte columns) denote the same spans as the JSON offsets;
- suggestion case transfer (inflect.transfer_case) and the fold index maps (normalize.fold);
- the linear-time rewrites done for hardening give what the code they replaced gave.

Each test keeps max_examples moderate: the module runs in well under a minute.
"""
from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from hypothesis import HealthCheck, assume, example, given, settings
from hypothesis import strategies as st
from jsonschema import Draft4Validator

from conftest import validate_findings
from transaudit import __version__, lint_text
from transaudit.detectors import RULES
from transaudit.document import DecodeError, Document, decode
from transaudit.finding import Finding, Severity
from transaudit.formatters import render
from transaudit.inflect import transfer_case
from transaudit.markup import mask, mask_parsed
from transaudit.normalize import fold, key
from transaudit.results import FileResult, RunInfo

BOM = b"\xef\xbb\xbf"
SARIF_SCHEMA = Path(__file__).resolve().parent / "data" / "sarif-schema-2.1.0.json"
INFO = RunInfo(3, "sha256:" + "0" * 64, ("desk.yaml",), __version__)
QUICK = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])

# ---------------------------------------------------------------- strategies

NEWLINES = st.sampled_from(["\n", "\r\n", "\r"])
# not line breaks (CONTRACTS §3: only LF, CRLF and CR are): NEL, LS, PS, VT, FF
NOT_BREAKS = st.sampled_from(["\x85", "\u2028", "\u2029", "\x0b", "\x0c"])
TRICKY = st.sampled_from(["🇺🇦", "e\u0301", "Żółw", "Pantîr", "\ufeff", "𝔘", "İ", "ß", "\u200d", "\t"])
ANY_CHAR = st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00")


def texts(chars=ANY_CHAR, max_pieces: int = 16):
    """Arbitrary Unicode with line breaks of every kind, things that look like breaks, and tricky
    code points (astral, combining, BOM) mixed in."""
    piece = st.one_of(st.text(chars, max_size=6), NEWLINES, NOT_BREAKS, TRICKY)
    return st.lists(piece, max_size=max_pieces).map("".join)


def reference_lines(text: str) -> list[int]:
    """Line starts, computed independently of Document: split at LF, CRLF and CR only."""
    return [0] + [m.end() for m in re.finditer(r"\r\n|\r|\n", text)]


def offset_of(text: str, line: int, column: int) -> int:
    """Code-point offset of a 1-based (line, column in code points)."""
    return reference_lines(text)[line - 1] + column - 1


def offset_of_utf8(text: str, line: int, column: int) -> int:
    """Code-point offset of a 1-based (line, column in UTF-8 bytes); the column must fall on a
    character boundary."""
    start = reference_lines(text)[line - 1]
    prefix = text[start:].encode("utf-8")[:column - 1].decode("utf-8")  # strict: fails mid-character
    return start + len(prefix)


def utf16_len(text: str) -> int:
    return len(text.encode("utf-16-le", "surrogatepass")) // 2


# ---------------------------------------------------------------- decoding and offsets


@QUICK
@given(texts())
def test_decode_round_trips_utf8_with_and_without_a_bom(text):
    assert decode(BOM + text.encode("utf-8")) == text
    # without a BOM of its own, a leading U+FEFF *is* the BOM
    assert decode(text.encode("utf-8")) == text.removeprefix("\ufeff")


@QUICK
@given(texts(), st.characters(whitelist_categories=("Cs",)), texts(), st.booleans())
def test_lone_surrogates_are_invalid_and_the_error_names_the_byte(before, surrogate, after, bom):
    data = (BOM if bom else b"") + before.encode("utf-8")
    where = len(data)
    data += surrogate.encode("utf-8", "surrogatepass") + after.encode("utf-8")
    with pytest.raises(DecodeError) as e:
        decode(data)
    assert str(e.value) == f"not UTF-8 text (byte 0x{data[where]:02x} at offset {where})"


ANY_OR_SURROGATE = st.characters(blacklist_characters="\x00")  # the library API may get lone surrogates


@QUICK
@given(texts(ANY_OR_SURROGATE))
def test_code_point_line_column_and_utf16_round_trip(text):
    doc = Document(path="x.txt", text=text)
    starts = reference_lines(text)
    assert doc.line_starts == starts
    lines = re.split(r"\r\n|\r|\n", text)
    for n, line in enumerate(lines, 1):
        assert doc.line_text(n) == line
    for offset in range(len(text) + 1):
        line, column = doc.position(offset)
        assert starts[line - 1] <= offset and (line == len(starts) or offset < starts[line])
        assert offset_of(text, line, column) == offset
        assert doc.utf16(offset) == utf16_len(text[:offset])


# ---------------------------------------------------------------- markup masking

MARKUP = st.sampled_from([
    "<", ">", "</", "<a href='https://x.io/Kiev' title=\"Kyiv\">", "<img alt=Pantyr src=p.png>", "<code>",
    "</code>", "<pre>", "</pre>", "<script>", "</script>", "<style>", "<!--", "-->", "<!DOCTYPE html>",
    "<![CDATA[", "]]>", "<![", "<![if x]>", "<![>", "<?", "?>", "&amp;", "&#", "&#x41;", ";", "`", "``", "```", "~~~", "    ", "[",
    "]", "(", ")", "](", "]: ", "http://", "https://x.io/a_b", "www.", "a@b.io", "*", "_", "#", "> ",
    "- ", "1. ", "---", "+++", "title: ", "caption = ", "|", "\\", "\"", "'", "=", "Pantyr", "Kiev",
    "word", "é", "🇺🇦", " ", "\t",
])
MARKUP_TEXT = st.lists(st.one_of(MARKUP, NEWLINES, st.text(ANY_CHAR, max_size=3)), max_size=40).map("".join)


@settings(max_examples=150, deadline=None)
@given(MARKUP_TEXT, st.sampled_from(["text", "markdown", "html"]))
@example("---\ntitle: Kiev\r\n---\nA", "markdown")
@example("<p title='a\r\nb'>x</p>\r<code>\n", "html")
def test_masking_keeps_length_line_breaks_and_characters(text, fmt):
    masked = mask(text, fmt)
    assert len(masked) == len(text)
    for i, (a, b) in enumerate(zip(text, masked)):
        if a in "\r\n":
            assert b == a, (i, fmt)
        else:
            assert b in (a, " "), (i, fmt)


@settings(max_examples=300, deadline=None)
@given(MARKUP_TEXT, st.sampled_from(["text", "markdown"]))
@example("Kiev\n\n    code Kiev", "markdown")
@example("---\ntitle: x\n---\nKiev", "markdown")
@example("Kiev\r\r    code Kiev", "markdown")  # a lone CR ends a line too
def test_the_no_markup_shortcut_masks_what_parsing_masks(text, fmt):
    """mask() returns a text without markup characters untouched: parsing it blanks nothing either."""
    assert mask(text, fmt) == mask_parsed(text, fmt)


PROSE = st.lists(st.sampled_from([
    "The", "army", "said", "Moscow", "Kyiv", "officials", "on", "Tuesday", "Zelensky", "drones",
    "struck", "a", "depot", ".", ",", " ", " ", "\n", "\n\n", "Reuters", "reported", "ceasefire",
]), max_size=12).map(" ".join)
# (format, construct, where the wrong name sits inside it): code, URLs, tags and attributes
PROTECTED = [
    ("markdown", "`Pantyr`", "Pantyr"), ("markdown", "``the Kiev``", "Kiev"),
    ("markdown", "\n\n```\nPantyr at Kiev\n```\n\n", "Pantyr at Kiev"),
    ("markdown", "\n\n~~~text\nKiev\n~~~\n\n", "Kiev"),
    ("markdown", "\n\n    Pantyr in an indented block\n\n", "Pantyr"),
    ("markdown", "<code>Pantyr</code>", "Pantyr"), ("markdown", "https://example.com/Pantyr/Kiev", "Pantyr/Kiev"),
    ("markdown", "[the battery](https://example.com/Pantyr)", "https://example.com/Pantyr"),
    ("markdown", "<https://example.com/Kiev>", "Kiev"), ("markdown", "<span class=\"Kiev\">", "Kiev"),
    ("html", "<code>Pantyr</code>", "Pantyr"), ("html", "<pre>\nKiev\n</pre>", "Kiev"),
    ("html", "<a href=\"https://x.com/Pantyr\">link</a>", "Pantyr"), ("html", "<script>var Kiev = 1;</script>", "Kiev"),
    ("html", "<style>.Pantyr { color: red }</style>", "Pantyr"), ("html", "<!-- Pantyr -->", "Pantyr"),
    ("html", "<div data-city=Kiev>", "Kiev"), ("html", "www.kiev.com/Pantyr", "Pantyr"),
    ("text", "https://example.com/Pantyr", "Pantyr"), ("text", "see www.example.com/Kiev.", "Kiev"),
    ("text", "mail pantyr@Kiev.example.com", "Kiev"),
]
CONTROL = "The Pantyr battery was hit."


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.tuples(PROSE, st.sampled_from(range(len(PROTECTED)))), min_size=1, max_size=4),
       st.sampled_from(["text", "markdown", "html"]), PROSE)
def test_nothing_inside_code_urls_or_tags_is_reported(desk, parts, fmt, tail):
    pieces, protected, pos = [], [], 0
    for prose, index in parts:
        construct_fmt, construct, inner = PROTECTED[index]
        if construct_fmt != fmt:
            continue
        pieces.append(prose + " ")
        pos += len(prose) + 1
        s = pos + construct.index(inner)
        protected.append((s, s + len(inner)))
        pieces.append(construct + " ")
        pos += len(construct) + 1
    assume(protected)
    text = "".join(pieces) + "\n\n" + CONTROL + " " + tail + "\n"
    control = text.index(CONTROL) + CONTROL.index("Pantyr")
    findings = lint_text(text, "story." + {"text": "txt", "markdown": "md", "html": "html"}[fmt], glossary=desk)
    for f in findings:
        assert text[f.start:f.end] == f.text
        assert not any(f.start < e and s < f.end for s, e in protected), (f, text)
    # the control sentence shows the same text outside the constructs is checked
    assert any((f.rule, f.start, f.text) == ("listed-variant", control, "Pantyr") for f in findings)


# ---------------------------------------------------------------- formatters


@st.composite
def file_results(draw):
    """A FileResult with findings over arbitrary spans of arbitrary text (no lone surrogates:
    decoding never produces them), plus a failed file."""
    text = draw(texts(max_pieces=12))
    doc = Document.from_text(text, "news/story one.md")
    findings = []
    for _ in range(draw(st.integers(0, 5))):
        a, b = sorted(draw(st.tuples(st.integers(0, len(text)), st.integers(0, len(text)))))
        findings.append(Finding(
            rule=draw(st.sampled_from(sorted(RULES))), severity=draw(st.sampled_from(list(Severity))),
            message=draw(st.text(ANY_CHAR, min_size=1, max_size=20)), start=a, end=b, text=text[a:b],
            suggestions=tuple(draw(st.lists(st.text(ANY_CHAR, max_size=8), max_size=2))),
            entry=draw(st.sampled_from([None, "pantsir"])), confidence=draw(st.floats(0, 1)),
            category=draw(st.sampled_from(["terminology/wrong-term", "accuracy/untranslated"]))))
    findings.sort(key=lambda f: (f.start, f.end, f.rule))
    path = draw(st.sampled_from(["news/story one.md", "ünï/😀 50%,a:b.md", "a\\b.txt"]))
    return text, [FileResult(path, doc, tuple(findings)), FileResult("broken.md", error="not UTF-8 text (byte 0xff at offset 3)")]


@pytest.fixture(scope="module")
def sarif_validator():
    return Draft4Validator(json.loads(SARIF_SCHEMA.read_text(encoding="utf-8")))


@QUICK
@given(file_results())
def test_json_sarif_and_rdjson_denote_the_same_spans(sarif_validator, data):
    text, results = data
    doc_json = validate_findings(json.loads(render("json", results, INFO)))
    findings = doc_json["files"][0]["findings"]
    assert doc_json["files"][1] == {"path": "broken.md", "error": "not UTF-8 text (byte 0xff at offset 3)", "findings": []}
    for f in findings:
        assert text[f["start"]:f["end"]] == f["text"]
        assert offset_of(text, f["line"], f["column"]) == f["start"]
        assert offset_of(text, f["end_line"], f["end_column"]) == f["end"]
        assert (f["utf16_start"], f["utf16_end"]) == (utf16_len(text[:f["start"]]), utf16_len(text[:f["end"]]))

    sarif = json.loads(render("sarif", results, INFO))
    assert not list(sarif_validator.iter_errors(sarif))
    run = sarif["runs"][0]
    assert run["columnKind"] == "unicodeCodePoints"
    assert len(run["results"]) == len(findings)
    for r, f in zip(run["results"], findings):
        region = r["locations"][0]["physicalLocation"]["region"]
        assert (region["charOffset"], region["charLength"]) == (f["start"], f["end"] - f["start"])
        assert offset_of(text, region["startLine"], region["startColumn"]) == f["start"]
        assert offset_of(text, region["endLine"], region["endColumn"]) == f["end"]
        assert region["snippet"]["text"] == f["text"] and r["ruleId"] == f["rule"]
        for fix in r.get("fixes", []):
            deleted = fix["artifactChanges"][0]["replacements"][0]["deletedRegion"]
            assert deleted == {k: v for k, v in region.items() if k != "snippet"}

    rdjson = json.loads(render("rdjson", results, INFO))
    diagnostics = [d for d in rdjson["diagnostics"] if "range" in d["location"]]
    assert len(diagnostics) == len(findings)
    for d, f in zip(diagnostics, findings):
        span = d["location"]["range"]
        assert offset_of_utf8(text, span["start"]["line"], span["start"]["column"]) == f["start"]
        assert offset_of_utf8(text, span["end"]["line"], span["end"]["column"]) == f["end"]
        assert all(s["range"] == span for s in d["suggestions"])
        assert d["code"]["value"] == f["rule"]


_COMMAND = re.compile(r"^::(error|warning|notice) (.*?)::(.*)$")


def _unescape(value: str) -> str:
    for escaped, raw in (("%0D", "\r"), ("%0A", "\n"), ("%3A", ":"), ("%2C", ","), ("%25", "%")):
        value = value.replace(escaped, raw)
    return value


@QUICK
@given(file_results())
def test_github_commands_parse_back(data):
    text, results = data
    findings = json.loads(render("json", results, INFO))["files"][0]["findings"]
    out = render("github", results, INFO)
    assert out.endswith("\n") and "\r" not in out
    lines = out[:-1].split("\n")  # the runner reads lines at LF (and CRLF, CR: escaped)
    assert len(lines) == len(findings) + 1  # one line per finding, one for the failed file
    for line, f in zip(lines, findings):
        level, props, message = _COMMAND.match(line).groups()
        fields = dict(p.split("=", 1) for p in props.split(","))
        assert _unescape(fields["file"]) == results[0].path
        assert int(fields["line"]) == f["line"] and int(fields["endLine"]) == f["end_line"]
        if f["line"] == f["end_line"]:
            assert (int(fields["col"]), int(fields["endColumn"])) == (f["column"], f["end_column"])
        assert _unescape(message).startswith(f["message"])
        assert level == {"error": "error", "warning": "warning", "info": "notice"}[f["severity"]]
    assert lines[-1].startswith("::error file=broken.md,title=transaudit::")


# ---------------------------------------------------------------- suggestion case transfer

WORDS = st.text(st.characters(whitelist_categories=("Lu", "Ll", "Lt", "Nd")) | st.sampled_from(" -'ß"), max_size=20)


@settings(max_examples=300, deadline=None)
@given(WORDS, WORDS, st.booleans())
@example("Pantyr", "", False)  # found by this test: an empty suggestion raised IndexError
def test_transfer_case_changes_only_case(text, suggestion, is_name):
    out = transfer_case(text, suggestion, is_name)
    assert out.upper() == suggestion.upper()  # (casefold() would tell "ı" from its capital "I")
    assert transfer_case(text, out, is_name) == out  # idempotent


@settings(max_examples=200, deadline=None)
@given(WORDS, WORDS, st.booleans())
def test_transfer_case_follows_the_text(text, suggestion, is_name):
    letters = [c for c in text if c.isalpha()]
    out = transfer_case(text, suggestion, is_name)
    if len(letters) > 1 and "".join(letters).isupper():
        assert out == suggestion.upper()  # ALL CAPS always carries over, to names too
    elif is_name or not letters or "".join(letters).islower():
        assert out == suggestion  # names keep their case; lower-case text changes nothing


@pytest.mark.parametrize("text, suggestion, is_name, expected", [
    ("Unilateral Strike Drones", "one-way attack drones", False, "One-Way Attack Drones"),
    ("Unilateral strike drones", "one-way attack drones", False, "One-way attack drones"),
    ("unilateral strike", "one-way attack", False, "one-way attack"),
    ("PANTYR", "Pantsir", True, "PANTSIR"),
    ("Pantyr", "Pantsir", True, "Pantsir"),
    ("Pantyr", "", False, ""),
])
def test_transfer_case_examples(text, suggestion, is_name, expected):
    assert transfer_case(text, suggestion, is_name) == expected


# ---------------------------------------------------------------- fold index maps


@settings(max_examples=200, deadline=None)
@given(texts())
def test_fold_words_map_back_to_spans_with_the_same_key(text):
    f = fold(text)
    assert len(f.low) == len(f.keep) == len(f.start) == len(f.end)
    # low is keep lower-cased, character by character (str.lower() may turn a final Σ into ς)
    assert all(a in (b, b.lower()) or (b, a) == ("Σ", "ς") for a, b in zip(f.low, f.keep))
    for m in re.finditer(r"[^ ]+", f.low):
        s, e = f.span(m.start(), m.end())
        assert 0 <= s < e <= len(text)
        if m.group()[0] != "'" and m.group()[-1] != "'":  # ("\xad'0": a quote kept after an invisible character)
            assert key(text[s:e]) == m.group(), (text, m.group(), text[s:e])


# ---------------------------------------------------------------- rewrites done for hardening


def _merge_reference(findings):
    """engine._merge as it was: the global ranking, quadratic in the number of findings."""
    ranked = sorted(findings, key=lambda f: (-f.severity.rank, -f.confidence, f.start))
    kept = []
    for f in ranked:
        if any(k.start <= f.start and f.end <= k.end and k.rule != f.rule for k in kept):
            continue
        kept.append(f)
    return sorted(kept, key=lambda f: (f.start, f.end, f.rule))


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 30), st.integers(0, 6), st.sampled_from(["a", "b", "c"]),
                          st.sampled_from(list(Severity)), st.sampled_from([0.5, 0.9, 1.0])), max_size=12))
def test_merge_by_clusters_equals_the_global_ranking(spans):
    from transaudit.engine import _merge

    findings = [Finding(rule, sev, "m", s, s + n, "x" * n, confidence=c) for s, n, rule, sev, c in spans]
    assert _merge(findings) == _merge_reference(findings)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet='“”"„«»\nab ', max_size=40))
def test_linear_quote_scan_equals_the_regex(text):
    from transaudit.detectors.untranslated import _QUOTE, _quotes

    assert list(_quotes(text)) == [m.span() for m in _QUOTE.finditer(text)]


def _sentences_reference(text):
    """language.sentences as it was, with the unbounded look back for the word before a stop."""
    from conftest import SENTENCE_END
    from transaudit.language import ABBREVIATIONS, _LEAD, _lines

    spans = []
    for a, b in _lines(text):
        pos = a
        for m in SENTENCE_END.finditer(text, a, b):
            word = re.search(r"(\w+)\W*$", text[pos:m.start()] or " ")
            if word and (len(word.group(1)) == 1 and word.group(1).isupper()
                         or word.group(1).lower() in ABBREVIATIONS):
                continue
            spans.append((pos, m.end()))
            pos = m.end()
        spans.append((pos, b))
    out = []
    for s, e in spans:
        s = _LEAD.match(text, s, e).end()
        while e > s and text[e - 1].isspace():
            e -= 1
        if e > s:
            out.append((s, e))
    return out


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(["Mr.", "A.", "Gen.", "said.", "word", "x" * 300, "!", "?", "…", " ", "\n",
                                 "\r\n", "  \t", "”", ")", "“Kyiv.”", "1. ", "- "]), max_size=25).map("".join))
def test_sentences_with_a_bounded_look_back_split_as_before(text):
    from transaudit.language import sentences

    assert sentences(text) == _sentences_reference(text)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=" aBé'", max_size=14), st.data())
def test_neighbouring_words_equal_the_split_they_replace(keep, data):
    from transaudit.glossary.compile import _neighbours

    a, b = data.draw(st.integers(0, len(keep))), data.draw(st.integers(0, len(keep)))
    assert _neighbours(keep, a, b) == ((keep[:a].split()[-1:] or [""])[0], (keep[b:].split()[:1] or [""])[0])
