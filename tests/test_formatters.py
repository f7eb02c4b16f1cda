"""SARIF (validated against the official 2.1.0 schema), GitHub workflow commands and reviewdog rdjson,
rendered from the same FileResults as text and JSON, with nothing recomputed."""
from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from jsonschema import Draft4Validator

from conftest import WAR_GLOSSARY, compile_yaml, rules_off
from transaudit import __version__, engine
from transaudit.config import Config, rule_catalog
from transaudit.detectors import RULES
from transaudit.document import Document
from transaudit.finding import Finding, Severity
from transaudit.formatters import FORMATS, render
from transaudit.formatters.github import escape_data, escape_property
from transaudit.results import FileResult, RunInfo

SARIF_SCHEMA = Path(__file__).resolve().parent / "data" / "sarif-schema-2.1.0.json"
GLOSSARY = WAR_GLOSSARY
# "Żółw" is 4 code points and 7 UTF-8 bytes; the flag is 2 code points (4 UTF-16 units, 8 bytes).
STORY = ("Żółw 🇺🇦 report: Kiev shelled.\r\n"
         "A Pantyr battery burned.\n"
         "<!-- transaudit-disable-next-line calk -->\n"
         "Calm.\n")
INFO = RunInfo(2, "sha256:abc", ("desk.yaml",), __version__)


@pytest.fixture(scope="module")
def results(tmp_path_factory):
    compiled = compile_yaml(GLOSSARY, tmp_path_factory.mktemp("g"), infer=False)
    config = Config(default_glossary=False, rules=rules_off("listed-variant"))
    doc = Document.from_text(STORY, "news/story one.md")
    findings = engine.run(doc, compiled, config)
    assert [(f.rule, f.text) for f in findings] == [
        ("listed-variant", "Kiev"), ("listed-variant", "Pantyr"),
        ("bad-suppression", "<!-- transaudit-disable-next-line calk -->")]
    return [FileResult("news/story one.md", doc, tuple(findings)),
            FileResult("news/clean.md", Document.from_text("Calm.\n", "news/clean.md"), ()),
            FileResult("news/broken.md", error="not UTF-8 text (byte 0xff at offset 3)")]


def test_every_format_renders_the_same_results_without_recomputing(results, monkeypatch):
    monkeypatch.setattr(engine, "run", lambda *a, **k: pytest.fail("a formatter ran the engine"))
    before = list(results)
    counts = {}
    for fmt in FORMATS:
        out = render(fmt, results, INFO)
        counts[fmt] = {"text": lambda: out.count(" [") , "json": lambda: json.loads(out)["summary"]["findings"],
                       "sarif": lambda: len(json.loads(out)["runs"][0]["results"]),
                       "github": lambda: sum("file=news/story one.md" in line for line in out.splitlines()),
                       "rdjson": lambda: sum("range" in d["location"] for d in json.loads(out)["diagnostics"])}[fmt]()
    assert counts == {fmt: 3 for fmt in FORMATS}
    assert results == before


@pytest.mark.parametrize("fmt", FORMATS)
def test_a_report_streams_from_a_generator_read_once(results, fmt):
    """The CLI hands the report a generator (files come back from the workers one by one); the
    text written is that of the finished list, and nothing asks for the results twice."""
    import io

    from transaudit.formatters import write

    read = []

    def once():
        for r in results:
            read.append(r.path)
            yield r

    out = io.StringIO()
    write(fmt, once(), INFO, out)
    assert out.getvalue() == render(fmt, results, INFO)
    assert read == [r.path for r in results]
    if fmt == "json":
        empty = render(fmt, [], INFO, error="glossary.yaml:3: bad")
        assert json.loads(empty) == {
            "version": 1, "tool": {"name": "transaudit", "version": __version__},
            "glossary": {"entries": 2, "hash": "sha256:abc", "sources": ["desk.yaml"]}, "files": [],
            "summary": {"files": 0, "failed_files": 0, "findings": 0,
                        "by_severity": {"error": 0, "warning": 0, "info": 0}},
            "error": "glossary.yaml:3: bad"}


# ---------------------------------------------------------------- SARIF


@pytest.fixture(scope="module")
def sarif(results):
    return json.loads(render("sarif", results, INFO))


def test_sarif_is_valid_against_the_official_schema(sarif):
    schema = json.loads(SARIF_SCHEMA.read_text(encoding="utf-8"))
    Draft4Validator.check_schema(schema)
    errors = sorted(Draft4Validator(schema, format_checker=Draft4Validator.FORMAT_CHECKER).iter_errors(sarif),
                    key=lambda e: list(e.path))
    assert not errors, "; ".join(f"{list(e.path)}: {e.message}" for e in errors)
    assert sarif["version"] == "2.1.0" and sarif["$schema"].endswith("sarif-schema-2.1.0.json")


def test_the_schema_rejects_a_broken_log(sarif):
    """The test data is a real schema, not a stub that accepts anything."""
    schema = json.loads(SARIF_SCHEMA.read_text(encoding="utf-8"))
    broken = json.loads(json.dumps(sarif))
    broken["runs"][0]["results"][0]["level"] = "fatal"
    broken["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["region"]["startLine"] = 0
    del broken["runs"][0]["tool"]["driver"]["name"]
    messages = {e.message for e in Draft4Validator(schema).iter_errors(broken)}
    assert "'fatal' is not one of ['none', 'note', 'warning', 'error']" in messages
    assert "0 is less than the minimum of 1" in messages
    assert "'name' is a required property" in messages


def test_sarif_driver_documents_every_rule_from_its_docstring(sarif):
    driver = sarif["runs"][0]["tool"]["driver"]
    assert (driver["name"], driver["version"]) == ("transaudit", __version__)
    catalog = rule_catalog()
    assert [r["id"] for r in driver["rules"]] == list(catalog)
    by_id = {r["id"]: r for r in driver["rules"]}
    for rule_id, module in RULES.items():
        assert by_id[rule_id]["help"]["text"] == module.__doc__.strip()
        assert by_id[rule_id]["shortDescription"]["text"] == catalog[rule_id].summary
    assert by_id["listed-variant"]["defaultConfiguration"] == {"level": "error"}
    assert by_id["unused-suppression"]["defaultConfiguration"] == {"level": "note"}
    assert by_id["listed-variant"]["name"] == "ListedVariant"


def test_sarif_result_locations_fixes_and_fingerprints(sarif, results):
    run = sarif["runs"][0]
    assert run["columnKind"] == "unicodeCodePoints"
    kiev, pantyr, bad = run["results"]
    assert kiev["ruleId"] == "listed-variant" and kiev["level"] == "error"
    assert run["tool"]["driver"]["rules"][kiev["ruleIndex"]]["id"] == "listed-variant"
    assert kiev["message"]["text"] == "'Kiev' is a known wrong form of Kyiv (suggestion: Kyiv)"
    location = kiev["locations"][0]["physicalLocation"]
    assert location["artifactLocation"] == {"uri": "news/story%20one.md", "uriBaseId": "%SRCROOT%"}
    assert location["region"] == {"startLine": 1, "startColumn": 17, "endLine": 1, "endColumn": 21,
                                  "charOffset": 16, "charLength": 4, "snippet": {"text": "Kiev"}}
    assert STORY[16:20] == "Kiev"
    assert pantyr["locations"][0]["physicalLocation"]["region"]["startLine"] == 2  # after a CRLF
    assert pantyr["locations"][0]["physicalLocation"]["region"]["startColumn"] == 3
    (fix,) = kiev["fixes"]
    (change,) = fix["artifactChanges"]
    assert change["replacements"] == [{"deletedRegion": {"startLine": 1, "startColumn": 17, "endLine": 1,
                                                         "endColumn": 21, "charOffset": 16, "charLength": 4},
                                       "insertedContent": {"text": "Kyiv"}}]
    json_doc = json.loads(render("json", results, INFO))
    fingerprints = [f["fingerprint"] for f in json_doc["files"][0]["findings"]]
    assert [r["partialFingerprints"]["transaudit/v1"] for r in run["results"]] == fingerprints
    assert bad["level"] == "warning" and "fixes" not in bad
    assert run["originalUriBaseIds"]["%SRCROOT%"]["uri"] == Path.cwd().as_uri().rstrip("/") + "/"


def test_sarif_reports_unreadable_files_as_notifications(sarif):
    (invocation,) = sarif["runs"][0]["invocations"]
    assert invocation["executionSuccessful"] is False
    assert invocation["toolExecutionNotifications"] == [{
        "level": "error", "message": {"text": "news/broken.md: not UTF-8 text (byte 0xff at offset 3)"},
        "locations": [{"physicalLocation": {"artifactLocation": {"uri": "news/broken.md",
                                                                 "uriBaseId": "%SRCROOT%"}}}]}]


def test_sarif_absolute_paths_are_file_uris(tmp_path):
    path = str(tmp_path / "a b.md")
    doc = Document.from_text("Kiev.\n", path)
    f = Finding("listed-variant", Severity.ERROR, "m", 0, 4, "Kiev", ("Kyiv",))
    out = json.loads(render("sarif", [FileResult(path, doc, (f,))], INFO))
    run = out["runs"][0]
    assert run["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"] == {
        "uri": Path(path).as_uri()}
    assert "originalUriBaseIds" not in run


# ---------------------------------------------------------------- GitHub


def test_github_workflow_commands(results):
    assert render("github", results, INFO).splitlines() == [
        "::error file=news/story one.md,line=1,col=17,endLine=1,endColumn=21,title=transaudit [listed-variant]::"
        "'Kiev' is a known wrong form of Kyiv (suggestion: Kyiv)",
        "::error file=news/story one.md,line=2,col=3,endLine=2,endColumn=9,title=transaudit [listed-variant]::"
        "'Pantyr' is a known wrong form of Pantsir (suggestion: Pantsir)",
        "::warning file=news/story one.md,line=3,col=1,endLine=3,endColumn=43,title=transaudit [bad-suppression]::"
        "suppression names unknown rule 'calk'",
        "::error file=news/broken.md,title=transaudit::could not be checked: not UTF-8 text (byte 0xff at offset 3)",
    ]


def test_github_escapes_data_and_properties():
    assert escape_data("100% sure\r\nnext") == "100%25 sure%0D%0Anext"
    assert escape_property("a,b:c%d\n") == "a%2Cb%3Ac%25d%0A"
    doc = Document.from_text("Kiev\nsaid.\n", "desk, world: 1.md")
    findings = (Finding("listed-variant", Severity.INFO, "50% of 'Kiev'\nspellings", 0, 10, "Kiev\nsaid"),)
    (line,) = render("github", [FileResult("desk, world: 1.md", doc, findings)], INFO).splitlines()
    # spanning two lines: GitHub ignores columns there, so none are given
    assert line == ("::notice file=desk%2C world%3A 1.md,line=1,endLine=2,title=transaudit [listed-variant]::"
                    "50%25 of 'Kiev'%0Aspellings")


# ---------------------------------------------------------------- reviewdog


def test_rdjson_uses_utf8_byte_columns(results):
    out = json.loads(render("rdjson", results, INFO))
    assert out["source"] == {"name": "transaudit", "url": "https://pypi.org/project/transaudit/"}
    assert out["severity"] == "ERROR"
    kiev, pantyr, bad, broken = out["diagnostics"]
    # "Żółw 🇺🇦 report: " is 16 code points but 25 UTF-8 bytes
    assert len("Żółw 🇺🇦 report: ".encode("utf-8")) == 25
    span = {"start": {"line": 1, "column": 26}, "end": {"line": 1, "column": 30}}
    assert kiev == {"message": "'Kiev' is a known wrong form of Kyiv",
                    "location": {"path": "news/story one.md", "range": span},
                    "severity": "ERROR", "code": {"value": "listed-variant"},
                    "suggestions": [{"range": span, "text": "Kyiv"}]}
    assert pantyr["location"]["range"] == {"start": {"line": 2, "column": 3}, "end": {"line": 2, "column": 9}}
    assert (bad["severity"], bad["code"], bad["suggestions"]) == ("WARNING", {"value": "bad-suppression"}, [])
    assert broken == {"message": "could not be checked: not UTF-8 text (byte 0xff at offset 3)",
                      "location": {"path": "news/broken.md"}, "severity": "ERROR"}


def test_rdjson_astral_characters_count_four_bytes():
    text = "a𐐀b Kiev"
    doc = Document.from_text(text, "a.txt")
    f = Finding("listed-variant", Severity.WARNING, "m", text.index("Kiev"), len(text), "Kiev", ("Kyiv",))
    (d,) = json.loads(render("rdjson", [FileResult("a.txt", doc, (f,))], INFO))["diagnostics"]
    assert d["location"]["range"] == {"start": {"line": 1, "column": 8}, "end": {"line": 1, "column": 12}}
    assert json.loads(render("rdjson", [], INFO))["severity"] == "INFO"


def test_cli_formats_end_to_end(tmp_path, monkeypatch, capsys):
    from transaudit import cli

    (tmp_path / "desk.yaml").write_text(GLOSSARY, encoding="utf-8")
    off = "".join(f'[rules.{r}]\nseverity = "off"\n' for r in RULES if r != "listed-variant")
    (tmp_path / ".transaudit.toml").write_text('glossaries = ["desk.yaml"]\nno-default-glossary = true\n' + off,
                                               encoding="utf-8")
    (tmp_path / "story.md").write_text("Shelling in Kiev.\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    assert cli.main(["lint", "story.md", "--format", "github"]) == 1
    assert capsys.readouterr().out == ("::error file=story.md,line=1,col=13,endLine=1,endColumn=17,"
                                       "title=transaudit [listed-variant]::'Kiev' is a known wrong form of Kyiv "
                                       "(suggestion: Kyiv)\n")
    assert cli.main(["lint", "story.md", "--format", "sarif"]) == 1
    out = json.loads(capsys.readouterr().out)
    assert out["runs"][0]["properties"]["glossary"]["sources"] == ["desk.yaml"]
    assert cli.main(["lint", "story.md", "--format", "rdjson"]) == 1
    assert json.loads(capsys.readouterr().out)["diagnostics"][0]["location"]["path"] == os.path.join("story.md")
