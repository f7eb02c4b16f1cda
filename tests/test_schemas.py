"""The JSON Schemas (draft 2020-12) agree with the contracts, the loader and the JSON formatter.

Every JSON document the CLI tests read is also validated, through conftest.validate_findings.
"""
from __future__ import annotations

import copy
import json

import pytest
import yaml
from jsonschema import Draft202012Validator

from conftest import ARTICLES, DESK, GLOSSARIES, SCHEMAS, schema, validate_findings, validator
from transaudit.glossary import KINDS, GlossaryError, load_file
from transaudit.glossary.load import ENTRY_KEYS, default_glossary_path
from transaudit.glossary.model import ID_RE, SEVERITIES

NAMES = ["glossary-v1.json", "findings-v1.json"]


def errors(name: str, doc) -> list[str]:
    return [e.message for e in validator(name).iter_errors(doc)]


@pytest.mark.parametrize("name", NAMES)
def test_schema_is_valid_draft_2020_12(name):
    s = schema(name)
    assert s["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    Draft202012Validator.check_schema(s)


def test_schemas_ship_with_the_package():
    assert sorted(p.name for p in SCHEMAS.glob("*.json")) == sorted(NAMES)


# ---------------------------------------------------------------- glossary schema

def test_glossary_schema_matches_the_loader():
    entry = schema("glossary-v1.json")["$defs"]["entry"]
    assert set(entry["properties"]) == ENTRY_KEYS
    assert tuple(entry["properties"]["kind"]["enum"]) == KINDS
    assert tuple(entry["properties"]["severity"]["enum"]) == SEVERITIES
    assert entry["properties"]["id"]["pattern"] == ID_RE.pattern


def test_fixture_glossaries_are_valid():
    for path in GLOSSARIES.glob("*.yaml"):
        assert errors("glossary-v1.json", yaml.safe_load(path.read_text(encoding="utf-8"))) == [], path


def test_default_glossary_is_valid():
    path = default_glossary_path()
    assert path.is_file()
    doc = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert errors("glossary-v1.json", doc) == []
    assert len(load_file(path, "default")[0]) == len(doc["entries"])


BASE = {"version": 1, "entries": [{"id": "pantsir", "canonical": "Pantsir", "kind": "weapon"}]}


def changed(path: str, value):
    doc = copy.deepcopy(BASE)
    target = doc
    *parents, last = path.split(".")
    for p in parents:
        target = target[int(p)] if p.isdigit() else target[p]
    index = int(last) if last.isdigit() else last
    if value is KeyError:
        del target[index]
    else:
        target[index] = value
    return doc


# (what, change, valid for both the schema and the loader)
GLOSSARY_CASES = [
    ("as is", ("version", 1), True),
    ("x- keys", ("entries.0.x-reviewed", "2024"), True),
    ("top-level x- key", ("x-owner", "desk"), True),
    ("scalar aliases", ("entries.0.aliases", "SA-22"), True),
    ("native lists", ("entries.0.native", {"ru": ["Панцирь", "Панцирь-С1"], "uk": "Панцир"}), True),
    ("null entries", ("entries", None), True),
    ("person with short", ("entries.0", {"canonical": "Bashar al-Assad", "kind": "person", "short": "Assad"}), True),
    ("unknown key", ("entries.0.varients", ["Pantyr"]), False),
    ("unknown top-level key", ("entry", []), False),
    ("bad kind", ("entries.0.kind", "weapons"), False),
    ("bad id", ("entries.0.id", "Pantsir_S1"), False),
    ("bad severity", ("entries.0.severity", "fatal"), False),
    ("missing canonical", ("entries.0.canonical", KeyError), False),
    ("empty canonical", ("entries.0.canonical", "  "), False),
    ("list canonical", ("entries.0.canonical", ["Pantsir", "Panzir"]), False),
    ("mapping aliases", ("entries.0.aliases", {"SA-22": "Greyhound"}), False),
    ("short on a weapon", ("entries.0.short", "Pan"), False),
    ("version 2", ("version", 2), False),
    ("no version", ("version", KeyError), False),
    ("no entries", ("entries", KeyError), False),
]


@pytest.mark.parametrize("what, change, valid", GLOSSARY_CASES, ids=[c[0] for c in GLOSSARY_CASES])
def test_glossary_schema_and_loader_agree(tmp_path, what, change, valid):
    doc = changed(*change)
    assert (errors("glossary-v1.json", doc) == []) is valid
    path = tmp_path / "g.yaml"
    path.write_text(yaml.safe_dump(doc, allow_unicode=True), encoding="utf-8")
    if valid:
        load_file(path)
    else:
        with pytest.raises(GlossaryError):
            load_file(path)


# ---------------------------------------------------------------- findings schema

def produced() -> dict:
    """A findings document from the JSON formatter, in this process."""
    from transaudit import __version__
    from transaudit.config import Config
    from transaudit.formatters import render
    from transaudit.linter import lint_file, load
    from transaudit.results import FileResult, RunInfo

    compiled = load(Config(default_glossary=False), [DESK])
    results = [lint_file(str(p), compiled) for p in sorted(ARTICLES.iterdir())]
    results.append(FileResult("missing.md", error="no such file"))
    g = compiled.glossary
    return json.loads(render("json", results, RunInfo(len(g.entries), g.hash, g.sources, __version__)))


def test_formatter_output_is_valid():
    doc = validate_findings(produced())
    assert doc["summary"]["failed_files"] == 1 and doc["summary"]["findings"] == 10


def test_error_document_is_valid():
    from transaudit import __version__
    from transaudit.formatters import render
    from transaudit.results import RunInfo

    doc = json.loads(render("json", [], RunInfo(0, "", (), __version__), error="g.yaml:3: bad"))
    assert validate_findings(doc)["error"] == "g.yaml:3: bad"


def broken(change):
    doc = produced()
    change(doc)
    return doc


def _first(doc):
    return next(f for item in doc["files"] for f in item["findings"])


@pytest.mark.parametrize("what, change", [
    ("no summary", lambda d: d.pop("summary")),
    ("version 2", lambda d: d.update(version=2)),
    ("bad glossary hash", lambda d: d["glossary"].update(hash="md5:abc")),
    ("unknown severity", lambda d: _first(d).update(severity="fatal")),
    ("negative offset", lambda d: _first(d).update(start=-1)),
    ("column 0", lambda d: _first(d).update(column=0)),
    ("confidence above 1", lambda d: _first(d).update(confidence=1.5)),
    ("bad fingerprint", lambda d: _first(d).update(fingerprint="abc")),
    ("suggestion not a string", lambda d: _first(d).update(suggestions=[None])),
    ("missing entry", lambda d: _first(d).pop("entry")),
    ("rule with capitals", lambda d: _first(d).update(rule="Listed_Variant")),
    ("category without type", lambda d: _first(d).update(category="terminology")),
    ("failed file with findings", lambda d: d["files"][0].update(error="no such file")),
    ("top-level error with files", lambda d: d.update(error="g.yaml:1: bad")),
], ids=lambda x: x if isinstance(x, str) else "")
def test_findings_schema_rejects(what, change):
    assert errors("findings-v1.json", broken(change)) != []


def test_findings_schema_allows_new_fields():
    doc = broken(lambda d: _first(d).update(x_note="added in 1.1"))
    assert errors("findings-v1.json", doc) == []


def test_suppression_findings_are_valid_json_findings(tmp_path):
    """unused-suppression and bad-suppression findings go through the same schema."""
    from transaudit.document import Document
    from transaudit.engine import run
    from transaudit.formatters.json import document
    from transaudit.glossary import compile_glossary, load_glossaries
    from transaudit.results import FileResult, RunInfo

    compiled = compile_glossary(load_glossaries([DESK], include_default=False), infer=False)
    text = "<!-- transaudit-disable-next-line -->\nA clean line.\n<!-- transaudit-disable bogus-rule -->\n"
    doc = Document.from_text(text, "story.md")
    findings = run(doc, compiled)
    assert {f.rule for f in findings} == {"unused-suppression", "bad-suppression"}
    validate_findings(document([FileResult("story.md", doc, tuple(findings))], RunInfo(1, compiled.glossary.hash, ("t",), "0.1.0")))
