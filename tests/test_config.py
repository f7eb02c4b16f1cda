"""Configuration files: discovery upward, every key, errors naming the file and the dotted key path,
one Config and one compiled glossary per configuration file; plus `transaudit rules` and `explain`.

The CLI runs in-process (transaudit.cli.main) from a temporary working directory.
"""
from __future__ import annotations

import io
import json
import os
import sys
import textwrap

import pytest

from transaudit import cli, linter
from transaudit.config import Config, ConfigError, find_config, load_config, rule_catalog
from transaudit.detectors import DETECTORS, RULES

GLOSSARY = """\
version: 1
entries:
  - canonical: Middle East Institute
    kind: organization
    variants: [Near East Institute]
  - id: pantsir
    canonical: Pantsir
    kind: weapon
    variants: [Pantyr]
  - id: kyiv
    canonical: Kyiv
    kind: place
    variants: [Kiev]
"""
# Only the glossary-variant rule runs, so detectors added later cannot change what these tests see.
ONLY_VARIANTS = "".join(f'[rules.{r}]\nseverity = "off"\n' for r in RULES if r != "listed-variant")
ARTICLE = "Shelling in Kiev overnight damaged a Pantyr battery, the ministry said.\n"


def write(path, text: str):
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


def project(root, toml: str = "", name: str = ".transaudit.toml", glossary: str = GLOSSARY):
    """A directory with a glossary and a configuration file using it (plus `toml`)."""
    write(root / "desk.yaml", glossary)
    body = f'glossaries = ["desk.yaml"]\nno-default-glossary = true\n{textwrap.dedent(toml)}\n{ONLY_VARIANTS}'
    if name == "pyproject.toml":
        body = "[project]\nname = 'newsroom'\n\n" + body.replace("[rules.", "[tool.transaudit.rules.")
        body = body.replace("glossaries =", "[tool.transaudit]\nglossaries =", 1)
    return write(root / name, body)


def run(*args, stdin: bytes | None = None, monkeypatch=None, capsys=None):
    if stdin is not None:
        monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(stdin), encoding="utf-8"))
    code = cli.main([str(a) for a in args])
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def lint(monkeypatch, capsys, tmp_path):
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("NO_COLOR", "1")

    def go(*args, stdin=None):
        return run("lint", *args, stdin=stdin, monkeypatch=monkeypatch, capsys=capsys)

    return go


def findings(out: str) -> list[tuple[str, str, str]]:
    """(path, rule, text) of a JSON report."""
    doc = json.loads(out)
    return [(item["path"], f["rule"], f["text"]) for item in doc["files"] for f in item["findings"]]


# ---------------------------------------------------------------- discovery


def test_pyproject_table_is_found_upward_and_glossaries_are_relative_to_it(tmp_path, lint):
    project(tmp_path, name="pyproject.toml")
    write(tmp_path / "news" / "world" / "mideast.md", ARTICLE)
    code, out, err = lint("news", "--format", "json")
    assert (code, err) == (1, "")
    assert findings(out) == [(os.path.join("news", "world", "mideast.md"), "listed-variant", "Kiev"),
                             (os.path.join("news", "world", "mideast.md"), "listed-variant", "Pantyr")]
    assert json.loads(out)["glossary"]["sources"] == ["desk.yaml"]


def test_config_found_from_a_subdirectory_working_directory(tmp_path, lint, monkeypatch):
    project(tmp_path, name="pyproject.toml")
    write(tmp_path / "news" / "mideast.md", ARTICLE)
    monkeypatch.chdir(tmp_path / "news")
    code, out, _ = lint("mideast.md", "--format", "json")
    assert code == 1
    assert [t for _, _, t in findings(out)] == ["Kiev", "Pantyr"]
    # a glossary outside the working directory is shown with its absolute path
    assert json.loads(out)["glossary"]["sources"] == [str(tmp_path / "desk.yaml")]


def test_pyproject_without_a_table_is_skipped(tmp_path):
    project(tmp_path)
    write(tmp_path / "sub" / "pyproject.toml", "[project]\nname = 'x'\n")
    write(tmp_path / "sub" / "a.md", ARTICLE)
    assert find_config(str(tmp_path / "sub" / "a.md")) == str(tmp_path / ".transaudit.toml")


def test_transaudit_toml_wins_over_pyproject_in_the_same_directory(tmp_path):
    project(tmp_path, name="pyproject.toml")
    project(tmp_path, name=".transaudit.toml")
    assert find_config(str(tmp_path / "a.md")) == str(tmp_path / ".transaudit.toml")


def test_the_nearest_configuration_wins(tmp_path, lint):
    project(tmp_path)
    # the desk in opinion/ turns the rule down to info and fails only on errors
    project(tmp_path / "opinion", 'fail-on = "error"\n[rules.listed-variant]\nseverity = "info"\n')
    write(tmp_path / "opinion" / "column.md", ARTICLE)
    write(tmp_path / "world" / "report.md", ARTICLE)
    code, out, _ = lint(".", "--format", "json")
    doc = json.loads(out)
    severities = {item["path"]: [f["severity"] for f in item["findings"]] for item in doc["files"]}
    assert severities == {os.path.join(".", "opinion", "column.md"): ["info", "info"],
                          os.path.join(".", "world", "report.md"): ["error", "error"]}
    assert code == 1


def test_find_config_caches_per_directory(tmp_path):
    project(tmp_path)
    cache: dict = {}
    deep = tmp_path / "a" / "b"
    deep.mkdir(parents=True)
    assert find_config(str(deep / "x.md"), cache) == str(tmp_path / ".transaudit.toml")
    assert cache[str(deep)] == cache[str(tmp_path / "a")] == str(tmp_path / ".transaudit.toml")


def test_one_config_and_one_glossary_per_configuration_file(tmp_path, lint, monkeypatch):
    project(tmp_path / "world")
    project(tmp_path / "sport")
    for desk in ("world", "sport"):
        for n in range(3):
            write(tmp_path / desk / f"story{n}.md", ARTICLE)
    calls = []
    real = linter.load

    def counting(config, *a, **kw):
        calls.append(config.path)
        return real(config, *a, **kw)

    monkeypatch.setattr(linter, "load", counting)
    code, out, _ = lint("world", "sport", "--format", "json")
    assert code == 1 and len(findings(out)) == 12
    assert sorted(calls) == sorted([str(tmp_path / "sport" / ".transaudit.toml"),
                                    str(tmp_path / "world" / ".transaudit.toml")])


def test_config_flag_overrides_discovery(tmp_path, lint):
    project(tmp_path)  # would find the variants
    write(tmp_path / "elsewhere" / "quiet.toml", 'no-default-glossary = true\n[rules.listed-variant]\nseverity = "off"\n')
    write(tmp_path / "a.md", ARTICLE)
    code, out, _ = lint("a.md", "--config", "elsewhere/quiet.toml", "--glossary", "desk.yaml", "--format", "json")
    assert (code, findings(out)) == (0, [])


def test_stdin_uses_the_configuration_of_its_filename(tmp_path, lint):
    project(tmp_path / "desk")
    code, out, _ = lint("-", "--stdin-filename", "desk/article.md", "--format", "json", stdin=ARTICLE.encode())
    assert code == 1
    assert findings(out) == [("desk/article.md", "listed-variant", "Kiev"),
                             ("desk/article.md", "listed-variant", "Pantyr")]


def test_stdin_without_a_filename_uses_the_working_directory(tmp_path, lint):
    project(tmp_path)
    code, out, _ = lint("-", "--format", "json", stdin=b"Shelling in Kiev overnight.")
    assert (code, findings(out)) == (1, [("<stdin>", "listed-variant", "Kiev")])


# ---------------------------------------------------------------- keys


def test_every_key_is_read(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    path = write(tmp_path / "cfg" / ".transaudit.toml", """\
        glossaries = ["../glossaries/desk.yaml", "extra.csv"]
        no-default-glossary = true
        include = ["*.md", "*.text"]
        exclude = ["archive", "*.draft.md"]
        language = "en-GB"
        fail-on = "error"
        min-confidence = 0.5
        fix-min-confidence = 0.9
        ignore-entries = ["kyiv"]

        [rules.fuzzy-name]
        severity = "info"
        min-length = 6
        min_score = 90
        max_english_zipf = 3

        [rules.unused-suppression]
        severity = "off"
        """)
    config = load_config(str(path))
    assert config == Config(
        glossaries=(os.path.join("glossaries", "desk.yaml"), os.path.join("cfg", "extra.csv")),
        default_glossary=False, include=("*.md", "*.text"), exclude=("archive", "*.draft.md"), language="en-GB",
        fail_on="error", min_confidence=0.5, fix_min_confidence=0.9, ignore_entries=frozenset({"kyiv"}),
        rules={"fuzzy-name": {"severity": "info", "min_length": 6, "min_score": 90, "max_english_zipf": 3.0},
               "unused-suppression": {"severity": "off"}},
        path=str(path))
    assert config.rule_options("fuzzy-name", RULES["fuzzy-name"].OPTIONS)["min_length"] == 6
    assert not config.rule_enabled("unused-suppression") and config.rule_severity("fuzzy-name") == "info"


def test_defaults_without_a_configuration():
    config = Config()
    assert (config.fail_on, config.min_confidence, config.fix_min_confidence, config.default_glossary) == \
        ("warning", 0.0, 0.8, True)


def test_severity_override_and_fail_on(tmp_path, lint):
    project(tmp_path, 'fail-on = "error"\n[rules.listed-variant]\nseverity = "warning"\n')
    write(tmp_path / "a.md", ARTICLE)
    code, out, _ = lint("a.md")
    assert code == 0
    assert out.splitlines()[0] == "a.md:1:13: warning [listed-variant] 'Kiev' is a known wrong form of Kyiv (Kyiv)"
    code, _, _ = lint("a.md", "--fail-on", "warning")  # the flag beats the file
    assert code == 1


def test_rule_off(tmp_path, lint):
    project(tmp_path, '[rules.listed-variant]\nseverity = "off"\n')
    write(tmp_path / "a.md", ARTICLE)
    assert lint("a.md")[:2] == (0, "0 findings in 1 file\n")


def test_ignore_entries_and_min_confidence(tmp_path, lint):
    project(tmp_path, 'ignore-entries = ["pantsir"]\n')
    write(tmp_path / "a.md", ARTICLE)
    code, out, _ = lint("a.md", "--format", "json")
    assert [t for _, _, t in findings(out)] == ["Kiev"]
    project(tmp_path, "min-confidence = 0.99\n")  # listed variants carry 0.95
    code, out, _ = lint("a.md", "--format", "json")
    assert (code, findings(out)) == (0, [])


def test_include_and_exclude_globs(tmp_path, lint):
    project(tmp_path, 'include = ["*.md", "*.text"]\nexclude = ["archive", "*.draft.md"]\n')
    for name in ("story.md", "notes.text", "old.txt", "story.draft.md", "archive/2019.md", "news/archive/x.md"):
        write(tmp_path / name, ARTICLE)
    code, out, _ = lint(".", "--format", "json")
    assert [item["path"] for item in json.loads(out)["files"]] == [os.path.join(".", "notes.text"),
                                                                  os.path.join(".", "story.md")]
    # a named file is skipped too when excluded (pre-commit passes files one by one)
    code, out, _ = lint("story.draft.md", "archive/2019.md", "story.md", "--format", "json")
    assert [item["path"] for item in json.loads(out)["files"]] == ["story.md"]


def test_exclude_is_relative_to_the_configuration_file(tmp_path):
    config = load_config(str(project(tmp_path, 'exclude = ["drafts/*"]\n')))
    assert config.excludes(str(tmp_path / "drafts" / "a.md"))
    assert config.excludes(str(tmp_path / "drafts" / "2024" / "a.md"))
    assert not config.excludes(str(tmp_path / "news" / "drafts.md"))
    assert not config.excludes(str(tmp_path / "news" / "a.md"))


# ---------------------------------------------------------------- errors


@pytest.mark.parametrize("name, toml, message", [
    ("pyproject.toml", "[tool.transaudit]\nrulez = 1\n",
     "pyproject.toml: unknown key 'tool.transaudit.rulez' (did you mean 'rules'?)"),
    (".transaudit.toml", "fail_on = 'error'\n", ".transaudit.toml: unknown key 'fail_on' (did you mean 'fail-on'?)"),
    (".transaudit.toml", "[rules.calk]\nseverity = 'off'\n",
     ".transaudit.toml: unknown rule 'rules.calk' (did you mean 'calque'?)"),
    ("pyproject.toml", "[tool.transaudit.rules.fuzzy-name]\nmin_lenght = 4\n",
     "pyproject.toml: unknown option 'tool.transaudit.rules.fuzzy-name.min_lenght' (did you mean 'min_length'?)"),
    (".transaudit.toml", "[rules.calque]\nmin_length = 4\n", ".transaudit.toml: unknown option 'rules.calque.min_length'"),
    (".transaudit.toml", "[rules.fuzzy-name]\nmin_length = '4'\n",
     ".transaudit.toml: 'rules.fuzzy-name.min_length' must be of type int (got '4')"),
    (".transaudit.toml", "[rules.calque]\nseverity = 'fatal'\n",
     ".transaudit.toml: 'rules.calque.severity' must be one of error, warning, info, off (got 'fatal')"),
    (".transaudit.toml", "fail-on = 'off'\n",
     ".transaudit.toml: 'fail-on' must be one of error, warning, info (got 'off')"),
    (".transaudit.toml", "min-confidence = 1.5\n", ".transaudit.toml: 'min-confidence' must be a number from 0 to 1"),
    (".transaudit.toml", "no-default-glossary = 'yes'\n", ".transaudit.toml: 'no-default-glossary' must be true or false"),
    (".transaudit.toml", "glossaries = 'desk.yaml'\nexclude = [1]\n", ".transaudit.toml: 'exclude' must be a non-empty string"),
    (".transaudit.toml", "language = 'English'\n",
     ".transaudit.toml: 'language' must be a language code such as 'en' or 'en-GB' (got 'English')"),
    (".transaudit.toml", "rules = 3\n", ".transaudit.toml: 'rules' must be a table of rule tables"),
    (".transaudit.toml", "[tool\n", ".transaudit.toml: invalid TOML: Expected ']' at the end of a table declaration "
                                    "(at line 1, column 6)"),
])
def test_bad_configuration_is_one_line_and_exit_2(tmp_path, lint, name, toml, message):
    write(tmp_path / name, toml)
    write(tmp_path / "a.md", ARTICLE)
    code, out, err = lint("a.md")
    assert (code, out, err) == (2, "", f"transaudit: {message}\n")


def test_bad_configuration_with_json_output_still_prints_a_document(tmp_path, lint):
    write(tmp_path / ".transaudit.toml", "rulez = 1\n")
    write(tmp_path / "a.md", ARTICLE)
    code, out, err = lint("a.md", "--format", "json")
    assert code == 2
    assert json.loads(out)["error"] == ".transaudit.toml: unknown key 'rulez' (did you mean 'rules'?)"


def test_bad_configuration_stops_the_run_before_any_file_is_checked(tmp_path, lint, monkeypatch):
    project(tmp_path / "good")
    write(tmp_path / "good" / "a.md", ARTICLE)
    write(tmp_path / "bad" / ".transaudit.toml", "exclude = 3\n")
    write(tmp_path / "bad" / "b.md", ARTICLE)
    monkeypatch.setattr(linter, "lint_file", lambda *a, **k: pytest.fail("a file was checked"))
    code, out, err = lint("good", "bad")
    assert (code, out) == (2, "")
    assert err == f"transaudit: {os.path.join('bad', '.transaudit.toml')}: 'exclude' must be a list of strings\n"


def test_missing_config_flag_file(tmp_path, lint):
    write(tmp_path / "a.md", ARTICLE)
    assert lint("a.md", "--config", "nope.toml") == (2, "", "transaudit: nope.toml: configuration file not found\n")


def test_load_config_error_type(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    path = write(tmp_path / "pyproject.toml", "[tool.transaudit]\nexclude = 3\n")
    with pytest.raises(ConfigError, match=r"^pyproject.toml: 'tool.transaudit.exclude' must be a list of strings$"):
        load_config(str(path))


# ---------------------------------------------------------------- rules and explain


def test_catalog_lists_every_detector_and_the_suppression_rules():
    catalog = rule_catalog()
    assert list(catalog) == [d.RULE for d in DETECTORS] + ["unused-suppression", "bad-suppression",
                                                          "term-mismatch", "number-mismatch"]
    assert catalog["unused-suppression"].severity == "info"
    assert catalog["bad-suppression"].severity == "warning"
    for rule in catalog.values():
        assert rule.summary and rule.summary[0].isupper(), rule.id


def test_rules_command_lists_summary_and_example(monkeypatch, capsys):
    code, out, err = run("rules", monkeypatch=monkeypatch, capsys=capsys)
    assert (code, err) == (0, "")
    lines = out.splitlines()
    i = lines.index("listed-variant (error, terminology/wrong-term)")
    assert lines[i + 1] == ("    Wrong forms listed in the glossary (`variants`) of names: people, places, weapons, "
                            "organisations.")
    assert lines[i + 2].startswith('    Example: "Pantyr missile complex" -> "Pantsir ...",')
    assert "unused-suppression (info, other/suppression)" in lines
    for rule in RULES:
        assert any(line.startswith(f"{rule} (") for line in lines), rule


def test_explain_prints_the_docstring_and_how_to_configure(monkeypatch, capsys):
    code, out, err = run("explain", "fuzzy-name", monkeypatch=monkeypatch, capsys=capsys)
    assert (code, err) == (0, "")
    assert out.startswith("fuzzy-name: default severity warning, category terminology/wrong-term\n\n")
    assert textwrap.dedent(RULES["fuzzy-name"].__doc__).strip() in out
    assert "    [tool.transaudit.rules.fuzzy-name]\n" in out
    assert "    min_length = 5\n" in out


def test_explain_a_suppression_rule(monkeypatch, capsys):
    code, out, _ = run("explain", "bad-suppression", monkeypatch=monkeypatch, capsys=capsys)
    assert code == 0 and "A suppression comment naming an unknown rule" in out


def test_explain_unknown_rule_is_exit_2(monkeypatch, capsys):
    assert run("explain", "calk", monkeypatch=monkeypatch, capsys=capsys) == (
        2, "", "transaudit: unknown rule 'calk' (did you mean 'calque'?)\n")
    assert run("explain", "zzz", monkeypatch=monkeypatch, capsys=capsys) == (
        2, "", "transaudit: unknown rule 'zzz' (see 'transaudit rules')\n")
