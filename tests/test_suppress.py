"""Inline suppressions (CONTRACTS §4): scopes, rule lists, plain-text comments, and the accountability
findings `unused-suppression` (info) and `bad-suppression` (warning)."""
from __future__ import annotations

import io
import json
import sys

import pytest

from conftest import GLOSSARY_RULES, WAR_GLOSSARY, compile_yaml, rules_off
from transaudit import cli, lint_text
from transaudit.config import Config
from transaudit.document import Document
from transaudit.finding import Finding, Severity
from transaudit.suppress import apply, configure, parse

GLOSSARY = WAR_GLOSSARY
ONLY = rules_off(*GLOSSARY_RULES)


@pytest.fixture(scope="module")
def glossary(tmp_path_factory):
    return compile_yaml(GLOSSARY, tmp_path_factory.mktemp("g"), infer=False)


@pytest.fixture
def lint(glossary):
    def go(text: str, path: str = "story.md", **rules):
        config = Config(default_glossary=False, rules={**ONLY, **rules})
        found = lint_text(text, path=path, glossary=glossary, config=config)
        for f in found:
            assert text[f.start:f.end] == f.text
        return [(f.rule, f.severity.value, f.text, f.start) for f in found]

    return go


def at(text: str, needle: str, nth: int = 0) -> int:
    i = -1
    for _ in range(nth + 1):
        i = text.index(needle, i + 1)
    return i


# ---------------------------------------------------------------- disable-next-line


def test_next_line_silences_only_the_next_line(lint):
    text = ("<!-- transaudit-disable-next-line listed-variant -->\n"
            "Shelling in Kiev overnight, the mayor said.\n"
            "Residents of Kiev spent the night in shelters.\n")
    assert lint(text) == [("listed-variant", "error", "Kiev", at(text, "Kiev", 1))]


def test_next_line_silences_only_the_named_rule(lint):
    text = ("<!-- transaudit-disable-next-line listed-variant -->\n"
            "A Pantyr missile complex was hit near Kiev.\n")
    assert lint(text) == [("calque", "error", "missile complex", at(text, "missile complex"))]


@pytest.mark.parametrize("names", ["listed-variant, calque", "listed-variant,calque", "calque listed-variant", ""])
def test_rule_lists_and_no_rule_meaning_all(lint, names):
    text = (f"<!-- transaudit-disable-next-line {names} -->\n"
            "A Pantyr missile complex was hit near Kiev.\n")
    assert lint(text) == []


def test_a_reason_may_follow_two_dashes(lint):
    text = ("<!-- transaudit-disable-next-line listed-variant -- quoting the 1990 treaty title -->\n"
            "The Kiev accord was signed in 1990.\n")
    assert lint(text) == []


def test_directive_at_the_end_of_a_line_covers_the_following_line(lint):
    text = ("Kiev said. <!-- transaudit-disable-next-line -->\n"
            "Kiev again.\n")
    assert lint(text) == [("listed-variant", "error", "Kiev", 0)]


# ---------------------------------------------------------------- disable ... enable


def test_disable_enable_block(lint):
    text = ("Before: Kiev.\n"
            "<!-- transaudit-disable listed-variant -->\n"
            "Kiev, Kiev and a Pantyr battery; a missile complex.\n"
            "<!-- transaudit-enable listed-variant -->\n"
            "After: Kiev.\n")
    assert lint(text) == [("listed-variant", "error", "Kiev", at(text, "Kiev")),
                          ("calque", "error", "missile complex", at(text, "missile complex")),
                          ("listed-variant", "error", "Kiev", at(text, "Kiev", 3))]


def test_disable_without_enable_runs_to_the_end(lint):
    text = "Kiev first.\n<!-- transaudit-disable -->\nKiev.\n\nA Pantyr battery.\n"
    assert lint(text) == [("listed-variant", "error", "Kiev", 0)]


def test_enable_of_one_rule_keeps_the_others_disabled(lint):
    text = ("<!-- transaudit-disable listed-variant, calque -->\n"
            "Kiev and a missile complex.\n"
            "<!-- transaudit-enable calque -->\n"
            "Kiev and a missile complex.\n"
            "<!-- transaudit-enable -->\n"
            "Kiev.\n")
    assert lint(text) == [("calque", "error", "missile complex", at(text, "missile complex", 1)),
                          ("listed-variant", "error", "Kiev", at(text, "Kiev", 2))]


# ---------------------------------------------------------------- plain text and other formats


def test_plain_text_hash_and_slash_comments(lint):
    text = ("# transaudit-disable-next-line listed-variant\n"
            "Shelling in Kiev.\n"
            "  // transaudit-disable calque\n"
            "A missile complex burned.\n"
            "  // transaudit-enable calque\n"
            "A missile complex burned in Kiev.\n")
    assert lint(text, "story.txt") == [("calque", "error", "missile complex", at(text, "missile complex", 1)),
                                       ("listed-variant", "error", "Kiev", at(text, "Kiev", 1))]


def test_hash_inside_a_line_is_not_a_directive(lint):
    text = "See item #transaudit-disable-next-line\nShelling in Kiev.\n"
    assert lint(text, "story.txt") == [("listed-variant", "error", "Kiev", at(text, "Kiev"))]


def test_markdown_heading_is_not_a_directive(lint):
    text = "# transaudit-disable-next-line\nShelling in Kiev.\n"
    assert lint(text, "story.md") == [("listed-variant", "error", "Kiev", at(text, "Kiev"))]


def test_html_comment_in_html_and_plain_text(lint):
    text = "<p><!-- transaudit-disable-next-line listed-variant -->\nShelling in Kiev.</p>\n"
    assert lint(text, "story.html") == []
    assert lint(text.replace("<p>", "").replace("</p>", ""), "story.txt") == []


def test_directive_inside_a_markdown_code_block_is_an_example(lint):
    text = ("To silence a line, write:\n\n"
            "```html\n<!-- transaudit-disable-next-line listed-variant -->\n```\n"
            "Shelling in Kiev.\n")
    assert lint(text) == [("listed-variant", "error", "Kiev", at(text, "Kiev"))]


def test_directive_inside_inline_code_is_an_example(lint):
    text = ("Editors write `<!-- transaudit-disable-next-line listed-variant -->` above a line.\n"
            "Shelling in Kiev.\n")
    assert lint(text) == [("listed-variant", "error", "Kiev", at(text, "Kiev"))]
    bare = text.replace("`", "")
    assert lint(bare) == []


def test_directives_in_front_of_combining_marks_and_emoji(lint):
    text = ("Cafe\u0301 owners 🇺🇦 in Kiev.\n"
            "<!-- transaudit-disable-next-line listed-variant -->\n"
            "🇺🇦 Kiev 🇺🇦\n")
    assert lint(text) == [("listed-variant", "error", "Kiev", at(text, "Kiev"))]


# ---------------------------------------------------------------- accountability


def test_unused_suppression_is_an_info_finding_on_the_directive(lint):
    directive = "<!-- transaudit-disable-next-line calque -->"
    text = f"{directive}\nShelling in Kiev.\n"
    assert lint(text) == [("unused-suppression", "info", directive, 0),
                          ("listed-variant", "error", "Kiev", at(text, "Kiev"))]


def test_unused_names_only_the_idle_rules(glossary):
    text = "<!-- transaudit-disable-next-line listed-variant, calque -->\nShelling in Kiev.\n"
    config = Config(default_glossary=False, rules=ONLY)
    (f,) = lint_text(text, path="story.md", glossary=glossary, config=config)
    assert (f.rule, f.message, f.start, f.end) == ("unused-suppression",
                                                   "suppression of 'calque' silenced nothing", 0, text.index("\n"))


def test_unused_blanket_block(lint):
    text = "<!-- transaudit-disable -->\nAll quiet.\n<!-- transaudit-enable -->\n"
    assert lint(text) == [("unused-suppression", "info", "<!-- transaudit-disable -->", 0)]


def test_unknown_rule_is_a_bad_suppression_and_known_rules_still_work(lint):
    directive = "<!-- transaudit-disable-next-line listed-variant, calk -->"
    text = f"{directive}\nA missile complex near Kiev.\n"
    assert lint(text) == [("bad-suppression", "warning", directive, 0),
                          ("calque", "error", "missile complex", at(text, "missile complex"))]


def test_bad_suppression_messages(glossary):
    text = ("<!-- transaudit-disable-next-line calk, listed-variants -->\nKiev.\n"
            "<!-- transaudit-disabel -->\n"
            "<!-- transaudit-enable calque -->\n")
    config = Config(default_glossary=False, rules=ONLY)
    found = lint_text(text, path="story.md", glossary=glossary, config=config)
    assert [(f.rule, f.severity, f.message, f.text) for f in found] == [
        ("bad-suppression", Severity.WARNING, "suppression names unknown rules 'calk', 'listed-variants'",
         "<!-- transaudit-disable-next-line calk, listed-variants -->"),
        ("listed-variant", Severity.ERROR, "'Kiev' is a known wrong form of Kyiv", "Kiev"),
        ("bad-suppression", Severity.WARNING, "unknown directive 'transaudit-disabel' (use one of: "
         "transaudit-disable-next-line, transaudit-disable, transaudit-enable)", "<!-- transaudit-disabel -->"),
        ("bad-suppression", Severity.WARNING, "'transaudit-enable' without a matching 'transaudit-disable'",
         "<!-- transaudit-enable calque -->"),
    ]
    assert all(f.category == "other/suppression" and f.entry is None for f in found if f.rule == "bad-suppression")


def test_suppression_findings_can_themselves_be_silenced_by_name(lint):
    text = ("<!-- transaudit-disable-next-line bad-suppression -->\n"
            "<!-- transaudit-disable-next-line calk -->\n"
            "Calm day.\n")
    assert lint(text) == []


# ---------------------------------------------------------------- apply() and configure() directly


def test_apply_marks_each_directive_used():
    doc = Document.from_text("<!-- transaudit-disable-next-line calque -->\nA missile complex.\n", "a.md")
    directives, bad = parse(doc, {"calque", "listed-variant"})
    assert bad == [] and [d.rules for d in directives] == [("calque",)]
    finding = Finding("calque", Severity.ERROR, "calque", doc.text.index("missile"), doc.text.index("missile") + 15,
                      "missile complex", ("missile system",))
    assert apply(doc, [finding], {"calque", "listed-variant"}) == []
    # the same text without the finding: the directive is unused
    (unused,) = apply(doc, [], {"calque", "listed-variant"})
    assert (unused.rule, unused.start, unused.end) == ("unused-suppression", 0, doc.text.index("\n"))


def test_apply_without_directives_returns_the_findings_unchanged():
    doc = Document.from_text("Shelling in Kiev.\n", "a.md")
    f = Finding("listed-variant", Severity.ERROR, "m", 12, 16, "Kiev", ("Kyiv",))
    assert apply(doc, [f], {"listed-variant"}) == [f]


def test_configure_overrides_severity_and_turns_suppression_rules_off():
    doc_findings = [Finding("unused-suppression", Severity.INFO, "m", 0, 5, "<!-- "),
                    Finding("bad-suppression", Severity.WARNING, "m", 0, 5, "<!-- "),
                    Finding("listed-variant", Severity.ERROR, "m", 6, 10, "Kiev")]
    config = Config(rules={"unused-suppression": {"severity": "warning"}, "bad-suppression": {"severity": "off"}})
    once = configure(doc_findings, config)
    assert [(f.rule, f.severity) for f in once] == [("unused-suppression", Severity.WARNING),
                                                    ("listed-variant", Severity.ERROR)]
    assert configure(once, config) == once


def test_configuration_file_settles_suppression_rules_end_to_end(tmp_path, monkeypatch, capsys):
    (tmp_path / "desk.yaml").write_text(GLOSSARY, encoding="utf-8")
    off = "".join(f'[rules.{r}]\nseverity = "off"\n' for r in ONLY)
    (tmp_path / ".transaudit.toml").write_text(
        'glossaries = ["desk.yaml"]\nno-default-glossary = true\nfail-on = "info"\n' + off
        + '[rules.unused-suppression]\nseverity = "error"\n[rules.bad-suppression]\nseverity = "off"\n',
        encoding="utf-8")
    text = "<!-- transaudit-disable-next-line calque, calk -->\nQuiet.\n"
    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(text.encode()), encoding="utf-8"))
    code = cli.main(["lint", "-", "--stdin-filename", "story.md", "--format", "json"])
    doc = json.loads(capsys.readouterr().out)
    assert code == 1
    assert [(f["rule"], f["severity"], f["start"], f["end"]) for f in doc["files"][0]["findings"]] == [
        ("unused-suppression", "error", 0, text.index("\n"))]
