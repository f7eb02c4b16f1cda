"""Shared test helpers: the desk glossary, a CLI runner, and the findings-schema check.

Every JSON document a test reads from the CLI goes through `validate_findings`, which checks it
against schemas/findings-v1.json and against the arithmetic the schema cannot express.
"""
from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import pytest
from jsonschema import Draft202012Validator

ROOT = Path(__file__).resolve().parents[1]
SRC = ROOT / "src"
SCHEMAS = SRC / "transaudit" / "schemas"
FIXTURES = Path(__file__).resolve().parent / "fixtures"
GLOSSARIES = FIXTURES / "glossaries"
ARTICLES = FIXTURES / "articles"
DESK = GLOSSARIES / "desk.yaml"

# The rules that report glossary variants; tests of matching switch every other rule off, so
# detectors added later cannot change what these tests see.
GLOSSARY_RULES = ("listed-variant", "calque")

# A three-entry desk glossary: a place, a weapon and a term, each with one listed wrong form.
WAR_GLOSSARY = """\
version: 1
entries:
  - id: kyiv
    canonical: Kyiv
    kind: place
    variants: [Kiev]
  - id: pantsir
    canonical: Pantsir
    kind: weapon
    variants: [Pantyr]
  - id: missile-system
    canonical: missile system
    kind: term
    variants: [missile complex]
"""


def compile_yaml(text: str, directory: Path, name: str = "desk.yaml", **options):
    """The compiled glossary of one YAML text (written to directory/name), without the default one."""
    from transaudit.glossary import compile_glossary, load_glossaries

    path = Path(directory) / name
    path.write_text(text, encoding="utf-8")
    return compile_glossary(load_glossaries([path], include_default=False), **options)


def rules_off(*keep: str) -> dict:
    """Rule settings that switch every rule off but `keep`."""
    from transaudit.detectors import RULES

    return {r: {"severity": "off"} for r in RULES if r not in keep}


@lru_cache(maxsize=None)
def schema(name: str) -> dict:
    return json.loads((SCHEMAS / name).read_text(encoding="utf-8"))


@lru_cache(maxsize=None)
def validator(name: str) -> Draft202012Validator:
    s = schema(name)
    Draft202012Validator.check_schema(s)
    return Draft202012Validator(s, format_checker=Draft202012Validator.FORMAT_CHECKER)


def validate_findings(doc: dict) -> dict:
    """Fail unless `doc` is a valid findings document (CONTRACTS §3); returns it."""
    errors = sorted(validator("findings-v1.json").iter_errors(doc), key=lambda e: list(e.path))
    assert not errors, "; ".join(f"{list(e.path)}: {e.message}" for e in errors)
    by_severity = {"error": 0, "warning": 0, "info": 0}
    for item in doc["files"]:
        for f in item["findings"]:
            by_severity[f["severity"]] += 1
            assert f["start"] <= f["end"] and f["utf16_start"] <= f["utf16_end"]
            assert (f["line"], f["column"]) <= (f["end_line"], f["end_column"])
            assert f["end"] - f["start"] == len(f["text"])
    summary = doc["summary"]
    assert summary["files"] == len(doc["files"])
    assert summary["failed_files"] == sum("error" in item for item in doc["files"])
    assert summary["by_severity"] == by_severity
    assert summary["findings"] == sum(by_severity.values())
    return doc


@pytest.fixture(name="validate_findings")
def validate_findings_fixture():
    return validate_findings


@dataclass
class CliResult:
    code: int
    stdout: str
    stderr: str

    @property
    def json(self) -> dict:
        return validate_findings(json.loads(self.stdout))

    @property
    def stderr_lines(self) -> list[str]:
        return self.stderr.splitlines()


def run_cli(*args, input: bytes | None = None, cwd=None, env: dict | None = None) -> CliResult:
    """`transaudit ARGS` in a fresh process (so a traceback or a hang cannot hide)."""
    full_env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [str(SRC), os.environ.get("PYTHONPATH")])),
                "NO_COLOR": "1", **(env or {})}
    proc = subprocess.run([sys.executable, "-m", "transaudit", *map(str, args)], input=input if input is not None else b"",
                          capture_output=True, cwd=cwd, env=full_env, timeout=120)
    out, err = proc.stdout.decode("utf-8"), proc.stderr.decode("utf-8")
    assert "Traceback" not in err, err
    return CliResult(proc.returncode, out, err)


@pytest.fixture(name="run_cli")
def run_cli_fixture():
    return run_cli


def desk_args(*glossaries) -> list[str]:
    """Arguments that replace the default glossary by the test glossaries."""
    out = ["--no-default-glossary"]
    for g in glossaries or (DESK,):
        out += ["--glossary", str(g)]
    return out


@pytest.fixture(scope="session")
def desk():
    """The desk glossary compiled without inference: only its listed forms."""
    from transaudit.glossary import compile_glossary, load_glossaries

    return compile_glossary(load_glossaries([DESK], include_default=False), infer=False)


@pytest.fixture(scope="session")
def glossary_rules_only():
    """A Config with every rule but the glossary-variant rules switched off."""
    from transaudit.config import Config
    from transaudit.detectors import RULES

    return Config(default_glossary=False,
                  rules={r: {"severity": "off"} for r in RULES if r not in GLOSSARY_RULES})


@pytest.fixture
def lint(desk, glossary_rules_only):
    """lint(text, path=...) -> findings of the glossary rules, each checked against the text."""
    from transaudit import lint_text

    def run(text: str, path: str = "article.txt"):
        findings = lint_text(text, path=path, glossary=desk, config=glossary_rules_only)
        for f in findings:
            assert text[f.start:f.end] == f.text
        return findings

    return run


# language.py's fast scans stand for these plain expressions (the tests compare them); the
# lookbehinds let a match start only where a run of stops or blanks starts: linear on long runs
SENTENCE_END = re.compile(r"(?<![.!?…])[.!?…]+[\"'”’»)\]]*(?=\s)")
LINE_BREAK = re.compile(r"(?<![ \t])[ \t]*(?:\r\n|\r|\n)[ \t]*")
