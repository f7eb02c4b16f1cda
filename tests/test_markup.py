"""markup.mask(): markup blanked to spaces, readable parts kept, offsets unchanged."""
from __future__ import annotations

import pytest

from transaudit.markup import mask


def check(text: str, fmt: str) -> list[str]:
    """Mask, assert the invariants, return the words left visible."""
    masked = mask(text, fmt)
    assert len(masked) == len(text)
    for i, (m, t) in enumerate(zip(masked, text)):
        if t in "\r\n":
            assert m == t, f"line end at {i} changed"
        else:
            assert m in (t, " "), f"character at {i} changed: {t!r} -> {m!r}"
    return masked.split()


MARKDOWN = [
    ("fenced code",
     "Intro Pantsir\n\n```python\nPantyr = 1\n```\n\n~~~\nPantyr\n~~~\nAfter\n",
     ["Intro", "Pantsir", "After"]),
    ("indented code",
     "The desk wrote:\n\n    Pantyr --check\n    Pantyr\n\nEnd.\n",
     ["The", "desk", "wrote:", "End."]),
    ("code spans, one and two backticks",
     "Run `pantyr` or ``a ` Pantyr`` then Pantyr.\n",
     ["Run", "or", "then", "Pantyr."]),
    ("link destination out, text and title in",
     'See [the Pantyr story](https://ex.com/Pantyr "Pantyr title") now.\n',
     ["See", "[the", "Pantyr", "story](", '"Pantyr', 'title")', "now."]),
    ("angle-bracket destination",
     "A [link](<https://x.com/a b/Pantyr> 'Pantyr t') here\n",
     ["A", "[link](", "'Pantyr", "t')", "here"]),
    ("reference definition",
     '[ref]: https://ex.com/Pantyr "Pantyr"\nSee [Pantyr][ref].\n',
     ["[ref]:", '"Pantyr"', "See", "[Pantyr][ref]."]),
    ("autolinks and bare URLs",
     "Mail <desk@ex.com>, <https://x.org/Pantyr>, www.pantyr.com/Pantyr and https://ex.com/Pantyr.\n",
     ["Mail", ",", ",", "and"]),
    ("inline HTML: attributes masked but alt and title",
     'A <span class="Pantyr" title="Pantyr t">Pantyr</span> <img src="Pantyr.png" alt="Pantyr">\n',
     ["A", "Pantyr", "t", "Pantyr", "Pantyr"]),
    ("image alt text kept, source masked",
     'Caption ![Pantyr battery](img/Pantyr.png "Pantyr title")\n',
     ["Caption", "![Pantyr", "battery](", '"Pantyr', 'title")']),
    ("YAML front matter: title-like fields kept",
     "---\ntitle: \"Pantyr deployed\"\nslug: pantyr-deployed\nsubtitle: Pantyr\ndescription: 'Pantyr d'\n"
     "summary: Pantyr s\ncaption: Pantyr c\nauthor: Pantyr\ntags: [Pantyr]\n---\nBody Pantyr\n",
     ["Pantyr", "deployed", "Pantyr", "Pantyr", "d", "Pantyr", "s", "Pantyr", "c", "Body", "Pantyr"]),
    ("front matter with CRLF line ends",
     "---\r\ntitle: \"Pantyr\"\r\nslug: Pantyr\r\n---\r\nBody\r\n",
     ["Pantyr", "Body"]),
    ("TOML front matter",
     '+++\ntitle = "Pantyr"\ntags = ["Pantyr"]\n+++\nBody\n',
     ["Pantyr", "Body"]),
    ("HTML block: tags masked, text kept",
     'Para\n\n<div class="Pantyr">\nPantyr inside\n</div>\n\nafter\n',
     ["Para", "Pantyr", "inside", "after"]),
    ("script block and comments",
     "Text\n\n<script>\nvar Pantyr = 1;\n</script>\n\n<!-- Pantyr note -->\n\nInline <!-- Pantyr --> end\n",
     ["Text", "Inline", "end"]),
    ("table cell code",
     "| a | b |\n|---|---|\n| `Pantyr` | Pantyr |\n",
     ["|", "a", "|", "b", "|", "|---|---|", "|", "|", "Pantyr", "|"]),
    ("fence with CRLF",
     "a\r\n```\r\nPantyr\r\n```\r\nb Pantyr\r\n",
     ["a", "b", "Pantyr"]),
    ("inline HTML code elements",
     "A <code>Pantyr</code> and <kbd>Pantyr</kbd> B <CODE class=\"x\">Pantyr\nPantyr</CODE> Pantyr\n",
     ["A", "and", "B", "Pantyr"]),
    ("unclosed code span is text",
     "before `unclosed Pantyr\n\nnext\n",
     ["before", "`unclosed", "Pantyr", "next"]),
]

HTML = [
    ("tags and attributes, alt and title kept",
     '<p class="Pantyr" title="Pantyr t">Pantyr<img alt=\'Pantyr a\' src=Pantyr.png></p>',
     ["Pantyr", "t", "Pantyr", "Pantyr", "a"]),
    ("upper-case tags and unquoted title",
     "<P CLASS='Pantyr' TITLE=Pantyr>x</P>",
     ["Pantyr", "x"]),
    ("script and style",
     "<style>.Pantyr{}</style><p>x</p><script>var Pantyr = '<p>';</script>y",
     ["x", "y"]),
    ("code, pre, kbd and samp content",
     "<pre><b>Pantyr</b>\nPantyr</pre>Tor <code>Pantyr</code> <kbd>Pantyr</kbd> <samp>Pantyr</samp> end",
     ["Tor", "end"]),
    ("comments and declarations",
     "<!DOCTYPE html><!-- Pantyr -->z<![CDATA[Pantyr]]>",
     ["z"]),
    ("entities masked",
     "Tor &amp; Pantsir &#39;x&#x27; &nbsp;end",
     ["Tor", "Pantsir", "x", "end"]),
    ("unclosed tag at the end",
     '<p>Pantsir <a href="Pantyr',
     ["Pantsir"]),
    ("bare URL in text",
     "<p>See https://ex.com/Pantyr now</p>",
     ["See", "now"]),
    ("CR-only line ends",
     "<p>x</p>\r<p class='Pantyr'>y</p>\r",
     ["x", "y"]),
]

TEXT = [
    ("URLs and e-mail addresses",
     "Plain https://example.com/Pantyr and mail pantyr@ex.com text\n",
     ["Plain", "and", "mail", "text"]),
    ("markup is text in plain text",
     "Run `pantyr` <b>now</b>\n",
     ["Run", "`pantyr`", "<b>now</b>"]),
]


@pytest.mark.parametrize("name, text, visible", MARKDOWN, ids=[c[0] for c in MARKDOWN])
def test_markdown(name, text, visible):
    assert check(text, "markdown") == visible


@pytest.mark.parametrize("name, text, visible", HTML, ids=[c[0] for c in HTML])
def test_html(name, text, visible):
    assert check(text, "html") == visible


@pytest.mark.parametrize("name, text, visible", TEXT, ids=[c[0] for c in TEXT])
def test_text(name, text, visible):
    assert check(text, "text") == visible


def test_kept_parts_stay_in_place():
    text = '<img src="a.png" alt="Pantyr battery"> and [Pantyr](http://x/Pantyr)'
    masked = mask(text, "markdown")
    assert masked.index("Pantyr battery") == text.index("Pantyr battery") == 22
    assert masked[44:50] == "Pantyr"


# ---------------------------------------------------------------- end to end

ARTICLE = """---
title: Pantyr in Syria
slug: pantyr-in-syria
image: /img/Pantyr.jpg
---
The Pantyr was seen near Damascus.

```
Pantyr = detect()
```

Run `Pantyr` or see [the report](https://example.com/Pantyr "Pantyr report") and https://ex.com/Pantyr.
<span class="Pantyr" data-name="Pantyr">Pantsir</span> ![Pantyr battery](Pantyr.png)

<div id="Pantyr">
<p title="Pantyr">The <code>Pantyr</code> text</p>
</div>
"""


def test_names_in_code_urls_and_attributes_are_never_reported(lint):
    findings = lint(ARTICLE, "article.md")
    lines = ARTICLE.splitlines()

    def where(f):
        line = ARTICLE.count("\n", 0, f.start) + 1
        return line, f.start - (ARTICLE.rfind("\n", 0, f.start) + 1) + 1

    assert [(f.rule, f.text, where(f)) for f in findings] == [
        ("listed-variant", "Pantyr", (2, 8)),      # front matter title
        ("listed-variant", "Pantyr", (6, 5)),      # prose
        ("listed-variant", "Pantyr", (12, 62)),    # link title
        ("listed-variant", "Pantyr", (13, 58)),    # image alt text
        ("listed-variant", "Pantyr", (16, 11)),    # title attribute in an HTML block
    ]
    assert lines[15][10:16] == "Pantyr"


def test_html_page_end_to_end(lint):
    text = ('<html><head><title>Pantyr report</title><style>.Pantyr{}</style></head>\n'
            '<body><p class="Pantyr">The <a href="https://ex.com/Pantyr" title="Pantyr systems">Pantsir</a>'
            ' &amp; the special services.</p><script>var Pantyr;</script></body></html>\n')
    assert [(f.text, f.suggestions) for f in lint(text, "page.html")] == [
        ("Pantyr", ("Pantsir",)), ("Pantyr", ("Pantsir",)), ("special services", ("intelligence services",))]
