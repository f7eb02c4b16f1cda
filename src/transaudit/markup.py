"""mask(text, format): the same text with markup blanked to spaces.

Code, URLs, tag names and attributes become spaces; newlines stay, so `len(masked) == len(text)`
and every offset in the masked text is an offset in the original. Human-readable parts are kept:
`alt` and `title` attributes, link texts and titles, and front-matter title-like fields.
"""
from __future__ import annotations

import re
from html.parser import HTMLParser

READABLE_ATTRS = ("alt", "title")
FRONT_MATTER_FIELDS = ("title", "subtitle", "description", "summary", "caption")
CODE_TAGS = ("script", "style", "code", "pre", "kbd", "samp")  # their content is blanked too

_URL = re.compile(r"""\b(?:https?://|ftp://|www\.)[^\s<>"'`)\]]+|\b[\w.+-]+@[\w-]+\.[\w.-]+""")
_ATTR = re.compile(r"""([^\s"'>/=]+)\s*=\s*("[^"]*"|'[^']*'|[^\s"'>]+)""")
_INLINE_TAG = re.compile(r"<!--.*?-->|</?[A-Za-z][^<>]*>", re.S)
_INLINE_CODE = re.compile(r"<(code|kbd|samp)\b[^<>]*>.*?</\1\s*>", re.S | re.I)
_AUTOLINK = re.compile(r"<(?:[A-Za-z][A-Za-z0-9+.-]{1,31}:[^\s<>]*|[\w.+-]+@[\w-]+\.[\w.-]+)>")
_LINK_DEST = re.compile(r"\]\(\s*(<[^>]*>|[^\s()]*(?:\([^\s()]*\)[^\s()]*)*)")
_REF_DEF = re.compile(r"^ {0,3}\[[^\]]+\]:\s*(\S+)", re.M)
_BACKTICKS = re.compile(r"`+")
_FRONT_MATTER = re.compile(r"\A(---|\+\+\+)[ \t]*\r?\n(.*?)(?:\r?\n|\r)\1[ \t]*(?:\r?\n|\r|\Z)", re.S)
# a Markdown text without any of these has nothing to mask (no code, HTML, link, URL or front matter)
_MARKDOWN_MARKS = re.compile(r"[`<~\t@]|\]\(|\]:|://|www\.|(?:^|(?<=\r)) {4}|\A(?:---|\+\+\+)", re.M)
_FM_FIELD = re.compile(r"(?:^|(?<=\r))[ \t]*(\w+)[ \t]*[:=][ \t]*([^\r\n]*?)[ \t]*(?=[\r\n]|\Z)", re.M)


def _blank(chars: list[str], start: int, end: int) -> None:
    for i in range(start, end):
        if chars[i] not in "\r\n":
            chars[i] = " "


def mask_tag(raw: str) -> str:
    """A tag with everything but the values of readable attributes blanked."""
    keep: list[tuple[int, int]] = []
    for m in _ATTR.finditer(raw):
        if m.group(1).lower() in READABLE_ATTRS:
            s, e = m.span(2)
            if raw[s] in "\"'":
                s, e = s + 1, e - 1
            keep.append((s, e))
    out = [c if c in "\r\n" else " " for c in raw]
    for s, e in keep:
        out[s:e] = raw[s:e]
    return "".join(out)


class _HTMLMasker(HTMLParser):
    def __init__(self, text: str, chars: list[str], base: int = 0):
        super().__init__(convert_charrefs=False)
        self.text, self.chars, self.base = text, chars, base
        self.starts = [0] + [m.end() for m in re.finditer("\n", text)]
        self.raw_depth = 0

    def _pos(self) -> int:
        line, col = self.getpos()
        return self.starts[line - 1] + col

    def _blank_to(self, token: str) -> None:
        s = self._pos()
        e = self.text.find(token, s)
        e = len(self.text) if e < 0 else e + len(token)
        _blank(self.chars, self.base + s, self.base + e)

    def handle_starttag(self, tag, attrs):
        s = self._pos()
        raw = self.get_starttag_text() or ""
        self.chars[self.base + s:self.base + s + len(raw)] = mask_tag(raw)
        if tag in CODE_TAGS:
            self.raw_depth += 1

    def handle_startendtag(self, tag, attrs):
        s = self._pos()
        raw = self.get_starttag_text() or ""
        self.chars[self.base + s:self.base + s + len(raw)] = mask_tag(raw)

    def handle_endtag(self, tag):
        self._blank_to(">")
        if tag in CODE_TAGS and self.raw_depth:
            self.raw_depth -= 1

    def handle_data(self, data):
        if self.raw_depth:
            s = self._pos()
            _blank(self.chars, self.base + s, self.base + s + len(data))

    def _blank_past(self, opener: int, data: str) -> None:
        """A construct made of an opener, `data` and a closer ending in '>': blanked through that
        '>' (the next one after `data`), not through a terminator searched for from its start."""
        s = self._pos()
        e = self.text.find(">", s + opener + len(data))
        _blank(self.chars, self.base + s, self.base + (len(self.text) if e < 0 else e + 1))

    def handle_comment(self, data):
        # <!--data-->, or a bogus comment <!data> or </data> (which "-->" may never close)
        self._blank_past(4 if self.text.startswith("<!--", self._pos()) else 2, data)

    def _blank_ref(self, length: int) -> None:
        """An entity or character reference: `length` characters, and its ';' if it has one (HTML
        allows "&amp" and "AT&T": blanking to the next ';' would hide the text up to it)."""
        s = self._pos()
        e = s + length + self.text.startswith(";", s + length)
        _blank(self.chars, self.base + s, self.base + e)

    def handle_entityref(self, name):
        self._blank_ref(1 + len(name))  # &name

    def handle_charref(self, name):
        self._blank_ref(2 + len(name))  # &#name

    def handle_decl(self, decl):
        self._blank_to(">")

    def handle_pi(self, data):
        self._blank_to(">")

    def parse_marked_section(self, i, report=1):
        """`<![…]>` with a keyword the standard library does not know ("<![endif]-->" is fine, "<![x"
        is not) raises AssertionError there: blank it up to the next '>' as a bogus comment."""
        position = self.lineno, self.offset
        try:
            return super().parse_marked_section(i, report)
        except AssertionError:
            self.lineno, self.offset = position  # _scan_name moves the position before it raises
            j = self.rawdata.find(">", i + 3)
            if j < 0:
                return -1  # unterminated: stays in the buffer, blanked at the end
            _blank(self.chars, self.base + i, self.base + j + 1)
            return j + 1

    def unknown_decl(self, data):
        self._blank_past(3, data)  # <![CDATA[data]]>, <![if !IE]>


def _mask_html(text: str, chars: list[str], base: int = 0) -> None:
    parser = _HTMLMasker(text, chars, base)
    parser.feed(text)
    # an unclosed construct at the end stays in the parser's buffer: blank it
    rest = parser.rawdata
    if rest:
        _blank(chars, base + len(text) - len(rest), base + len(text))


def _mask_urls(text: str, chars: list[str]) -> None:
    for m in _URL.finditer(text):
        _blank(chars, m.start(), m.end())


def code_spans(seg: str) -> list[tuple[int, int]]:
    """Spans of the Markdown code spans (`code`, ``co`de``) of one block of text."""
    taken: list[tuple[int, int]] = []
    pos = 0
    while True:
        m = _BACKTICKS.search(seg, pos)
        if not m:
            break
        closing = re.compile(r"(?<!`)" + m.group() + r"(?!`)").search(seg, m.end())
        if not closing:
            pos = m.end()
            continue
        taken.append((m.start(), closing.end()))
        pos = closing.end()
    return taken


def _mask_inline(text: str, chars: list[str], start: int, end: int) -> None:
    """Code spans, autolinks, inline HTML, link destinations and bare URLs of one block."""
    seg = text[start:end]
    taken = code_spans(seg)

    def free(s: int, e: int) -> bool:
        return all(e <= a or s >= b for a, b in taken)

    for s, e in taken:
        _blank(chars, start + s, start + e)
    for m in _AUTOLINK.finditer(seg):
        if free(*m.span()):
            _blank(chars, start + m.start(), start + m.end())
    for m in _INLINE_CODE.finditer(seg):
        if free(*m.span()):
            _blank(chars, start + m.start(), start + m.end())
    for m in _INLINE_TAG.finditer(seg):
        if free(*m.span()):
            chars[start + m.start():start + m.end()] = mask_tag(m.group()) if m.group(0)[1] != "!" else \
                [c if c in "\r\n" else " " for c in m.group()]
    for m in _LINK_DEST.finditer(seg):
        if free(*m.span()):
            _blank(chars, start + m.start(1), start + m.end(1))
    for m in _REF_DEF.finditer(seg):
        _blank(chars, start + m.start(1), start + m.end(1))
    for m in _URL.finditer(seg):
        if free(*m.span()):
            _blank(chars, start + m.start(), start + m.end())


def _line_offsets(text: str) -> list[int]:
    starts = [0]
    for m in re.finditer(r"\r\n|\r|\n", text):
        starts.append(m.end())
    starts.append(len(text))
    return starts


def _mask_front_matter(text: str, chars: list[str]) -> int:
    m = _FRONT_MATTER.match(text)
    if not m:
        return 0
    _blank(chars, 0, m.end())
    for f in _FM_FIELD.finditer(text, m.start(2), m.end(2)):
        if f.group(1).lower() in FRONT_MATTER_FIELDS:
            s, e = f.span(2)
            value = text[s:e]
            if len(value) >= 2 and value[0] == value[-1] and value[0] in "\"'":
                s, e = s + 1, e - 1
            chars[s:e] = text[s:e]
    return m.end()


def _mask_markdown(text: str, chars: list[str]) -> None:
    from markdown_it import MarkdownIt

    body_start = _mask_front_matter(text, chars)
    starts = _line_offsets(text)
    first_body_line = next(i for i, s in enumerate(starts) if s >= body_start)
    body = "\n" * first_body_line + text[body_start:]
    tokens = MarkdownIt("commonmark").enable("table").parse(body)
    blocked = [False] * len(starts)
    for tok in tokens:
        if tok.map is None or tok.type not in ("fence", "code_block", "html_block"):
            continue
        l0, l1 = tok.map
        s, e = starts[min(l0, len(starts) - 1)], starts[min(l1, len(starts) - 1)]
        if tok.type == "html_block":
            _mask_html(text[s:e], chars, s)
        else:
            _blank(chars, s, e)
        for line in range(l0, l1):
            blocked[line] = True
    # inline scanning over runs of non-blank lines outside code and HTML blocks
    run_start = None
    for line in range(first_body_line, len(starts)):
        s = starts[line]
        e = starts[line + 1] if line + 1 < len(starts) else len(text)
        plain = line < len(starts) - 1 and not blocked[line] and text[s:e].strip()
        if plain and run_start is None:
            run_start = s
        if not plain and run_start is not None:
            _mask_inline(text, chars, run_start, s)
            run_start = None
    if run_start is not None:
        _mask_inline(text, chars, run_start, len(text))


def mask(text: str, fmt: str = "text") -> str:
    if fmt != "html" and not (_MARKDOWN_MARKS if fmt == "markdown" else _URL).search(text):
        return text  # most news copy: nothing to blank
    return mask_parsed(text, fmt)


def mask_parsed(text: str, fmt: str = "text") -> str:
    """`mask` without the shortcut for texts with no markup: always parses."""
    chars = list(text)
    if fmt == "markdown":
        _mask_markdown(text, chars)
    elif fmt == "html":
        _mask_html(text, chars)
        _mask_urls("".join(chars), chars)
    else:
        _mask_urls(text, chars)
    return "".join(chars)


_ITALICS = re.compile(r"(?<![\w*])\*(?![\s*])[^*\n]+?(?<![\s*])\*(?![\w*])"
                      r"|(?<![\w_])_(?![\s_])[^_\n]+?(?<![\s_])_(?![\w_])")
_HTML_ITALICS = re.compile(r"<(i|em|cite)\b[^>]*>(.*?)</\1\s*>", re.I | re.S)


def italic_spans(text: str, masked: str, fmt: str) -> list[tuple[int, int]]:
    """Spans set in italics (titles of works, words kept in their language on purpose):
    `<i>`, `<em>`, `<cite>` in HTML, `*…*` and `_…_` elsewhere."""
    if fmt == "html":
        return [m.span(2) for m in _HTML_ITALICS.finditer(text)]
    if "*" not in masked and "_" not in masked:
        return []
    return [m.span() for m in _ITALICS.finditer(masked)]
