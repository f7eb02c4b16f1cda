"""`transaudit lint` end to end: exit codes, paths, stdin, unreadable files, bad glossaries, output shapes.

Each test runs the real command in a fresh process (conftest.run_cli), which also fails the test on
any traceback; every JSON output is checked against schemas/findings-v1.json (`.json`).
"""
from __future__ import annotations

import json
import os
import re

import pytest

from conftest import ARTICLES, DESK, GLOSSARIES, desk_args
from transaudit import __version__

PANTYR = "The Pantyr battery was seen near Damascus.\n"
CLEAN = "The council met on Tuesday and approved the budget.\n"
LINE = re.compile(r"^(?P<path>.+):(?P<line>\d+):(?P<col>\d+): (?P<severity>error|warning|info) "
                  r"\[(?P<rule>[a-z0-9-]+)\] (?P<message>.+?)(?: \((?P<suggestion>[^()]*)\))?$")


def files_of(doc) -> list[tuple[str, list[str], str | None]]:
    """(path, finding texts, error) per file."""
    return [(item["path"], [f["text"] for f in item["findings"]], item.get("error")) for item in doc["files"]]


# ---------------------------------------------------------------- exit codes

def test_exit_0_when_clean(tmp_path, run_cli):
    path = tmp_path / "clean.md"
    path.write_text(CLEAN, encoding="utf-8")
    result = run_cli("lint", *desk_args(), path)
    assert (result.code, result.stdout, result.stderr) == (0, "0 findings in 1 file\n", "")


def test_exit_1_on_an_error_finding(tmp_path, run_cli):
    path = tmp_path / "news.md"
    path.write_text(PANTYR, encoding="utf-8")
    result = run_cli("lint", *desk_args(), path)
    assert result.code == 1
    assert result.stdout.splitlines() == [
        f"{path}:1:5: error [listed-variant] 'Pantyr' is a known wrong form of Pantsir (Pantsir)",
        "1 finding in 1 file",
    ]
    assert result.stderr == ""


@pytest.mark.parametrize("text, fail_on, code", [
    ("Shelling in Harkov.\n", None, 1),        # warning >= default 'warning'
    ("Shelling in Harkov.\n", "error", 0),
    ("Shelling in Harkov.\n", "warning", 1),
    ("The port of Odessa.\n", None, 0),        # info < 'warning'
    ("The port of Odessa.\n", "warning", 0),
    ("The port of Odessa.\n", "info", 1),
    (CLEAN, "info", 0),
])
def test_fail_on(tmp_path, run_cli, text, fail_on, code):
    path = tmp_path / "news.txt"
    path.write_text(text, encoding="utf-8")
    flags = ["--fail-on", fail_on] if fail_on else []
    result = run_cli("lint", "--format", "json", *flags, *desk_args(GLOSSARIES / "severities.yaml"), path)
    assert result.code == code
    doc = result.json
    if text != CLEAN:
        [f] = doc["files"][0]["findings"]
        assert (f["severity"], f["suggestions"]) == (
            ("warning", ["Kharkiv"]) if "Harkov" in text else ("info", ["Odesa"]))


def test_bad_fail_on_value_is_a_usage_error(run_cli):
    result = run_cli("lint", "--fail-on", "fatal", *desk_args(), ARTICLES / "clean.txt")
    assert result.code == 2
    assert "--fail-on" in result.stderr and "invalid choice: 'fatal'" in result.stderr


# ---------------------------------------------------------------- paths and directories

def make_tree(root):
    (root / "b").mkdir(parents=True)
    (root / "a").mkdir()
    (root / ".git").mkdir()
    files = {
        "z.md": PANTYR, "a/one.txt": CLEAN, "a/two.markdown": PANTYR, "b/page.html": "<p>Pantyr</p>\n",
        "b/old.htm": CLEAN, "b/script.py": "Pantyr = 1\n", "b/notes.rst": PANTYR, ".git/x.md": PANTYR,
        "m.MD": PANTYR,
    }
    for name, text in files.items():
        (root / name).write_text(text, encoding="utf-8")


def test_directories_are_walked_sorted_with_the_default_extensions(tmp_path, run_cli):
    make_tree(tmp_path / "site")
    single = tmp_path / "single.rst"      # named directly: checked whatever its extension
    single.write_text(PANTYR, encoding="utf-8")
    result = run_cli("lint", "--format", "json", *desk_args(), "site", single, cwd=tmp_path)
    assert result.code == 1
    assert files_of(result.json) == [
        ("site/a/one.txt", [], None),
        ("site/a/two.markdown", ["Pantyr"], None),
        ("site/b/old.htm", [], None),
        ("site/b/page.html", ["Pantyr"], None),
        ("site/z.md", ["Pantyr"], None),
        (str(single), ["Pantyr"], None),
    ]


def test_paths_keep_their_command_line_order(tmp_path, run_cli):
    for name in ("b.txt", "a.txt"):
        (tmp_path / name).write_text(PANTYR, encoding="utf-8")
    result = run_cli("lint", "--format", "json", *desk_args(), "b.txt", "a.txt", cwd=tmp_path)
    assert [p for p, _, _ in files_of(result.json)] == ["b.txt", "a.txt"]
    assert result.json["summary"] == {"files": 2, "failed_files": 0, "findings": 2,
                                      "by_severity": {"error": 2, "warning": 0, "info": 0}}


def test_directory_symlink_loop_is_walked_once(tmp_path, run_cli):
    root = tmp_path / "site"
    (root / "sub").mkdir(parents=True)
    (root / "top.md").write_text(PANTYR, encoding="utf-8")
    (root / "sub" / "inner.txt").write_text(CLEAN, encoding="utf-8")
    os.symlink("..", root / "sub" / "loop")
    result = run_cli("lint", "--format", "json", *desk_args(), "site", cwd=tmp_path)
    assert result.code == 1
    assert files_of(result.json) == [("site/sub/inner.txt", [], None), ("site/top.md", ["Pantyr"], None)]


# ---------------------------------------------------------------- stdin

def test_stdin_with_a_filename_uses_its_format(run_cli):
    text = "The `Pantyr` tool and the Pantyr battery.\n".encode()
    result = run_cli("lint", "--format", "json", *desk_args(), "-", "--stdin-filename", "news/story.md", input=text)
    assert result.code == 1
    assert [(f["text"], f["start"]) for f in result.json["files"][0]["findings"]] == [("Pantyr", 26)]
    assert result.json["files"][0]["path"] == "news/story.md"
    # as plain text the code span is text
    result = run_cli("lint", "--format", "json", *desk_args(), "-", "--stdin-filename", "story.txt", input=text)
    assert [(f["text"], f["start"]) for f in result.json["files"][0]["findings"]] == [("Pantyr", 5), ("Pantyr", 26)]


def test_stdin_without_a_filename(run_cli):
    result = run_cli("lint", *desk_args(), "-", input=b"\xef\xbb\xbfThe Pantyr battery.\n")
    assert result.code == 1
    assert result.stdout.splitlines()[0].startswith("<stdin>:1:5: error [listed-variant] ")


def test_stdin_twice_is_a_usage_error(run_cli):
    result = run_cli("lint", "--format", "json", *desk_args(), "-", "-", input=b"x")
    assert result.code == 2
    assert result.stderr_lines == ["transaudit: '-' (stdin) can be given only once"]
    assert result.json["error"] == "'-' (stdin) can be given only once"


# ---------------------------------------------------------------- files that cannot be checked

def test_unreadable_files_are_reported_and_the_rest_still_run(tmp_path, run_cli):
    (tmp_path / "binary.txt").write_bytes(b"PK\x03\x04\x00\x00Pantyr")
    (tmp_path / "latin1.txt").write_bytes("The Pantîr battery".encode("latin-1"))
    (tmp_path / "utf16.txt").write_bytes("The Pantyr battery".encode("utf-16"))
    (tmp_path / "good.md").write_text(PANTYR, encoding="utf-8")
    names = ["binary.txt", "latin1.txt", "missing.md", "utf16.txt", "good.md"]
    result = run_cli("lint", "--format", "json", *desk_args(), *names, cwd=tmp_path)
    assert result.code == 2  # 1 (findings) and 2 (unreadable files) both apply: 2 wins
    doc = result.json
    assert files_of(doc) == [
        ("binary.txt", [], "binary file (NUL byte at offset 4)"),
        ("latin1.txt", [], "not UTF-8 text (byte 0xee at offset 8)"),
        ("missing.md", [], "no such file"),
        ("utf16.txt", [], "UTF-16 text is not supported (save the file as UTF-8)"),
        ("good.md", ["Pantyr"], None),
    ]
    assert doc["summary"]["files"] == 5 and doc["summary"]["failed_files"] == 4
    assert result.stderr_lines == [
        "binary.txt: error: binary file (NUL byte at offset 4)",
        "latin1.txt: error: not UTF-8 text (byte 0xee at offset 8)",
        "missing.md: error: no such file",
        "utf16.txt: error: UTF-16 text is not supported (save the file as UTF-8)",
    ]


def test_unreadable_file_in_text_format(tmp_path, run_cli):
    (tmp_path / "bad.txt").write_bytes(b"ok \xff bad")
    result = run_cli("lint", *desk_args(), "bad.txt", "missing.txt", cwd=tmp_path)
    assert result.code == 2
    assert result.stdout.splitlines() == [
        "bad.txt: error: not UTF-8 text (byte 0xff at offset 3)",
        "missing.txt: error: no such file",
        "0 findings in 2 files, 2 could not be checked",
    ]
    assert result.stderr_lines == ["bad.txt: error: not UTF-8 text (byte 0xff at offset 3)",
                                   "missing.txt: error: no such file"]


# ---------------------------------------------------------------- bad glossaries

@pytest.mark.parametrize("name, text, message", [
    ("unknown-key.yaml", "version: 1\nentries:\n  - canonical: Pantsir\n    kind: weapon\n    varients: [Pantyr]\n",
     "5: entry 'Pantsir': unknown key 'varients'"),
    ("malformed.yaml", "version: 1\nentries:\n  - canonical: Tor\n    aliases: [Tor-M2\n  - canonical: Kyiv\n",
     "5: invalid YAML: expected ',' or ']', but got ':'"),
    ("claims.csv", "id,canonical,variants\ntor,Tor,Thor\nthor,Thor,\n",
     "3: 'Thor' is claimed by both 'tor' (line 2) and 'thor'"),
])
@pytest.mark.parametrize("fmt", ["text", "json"])
def test_bad_glossary_stops_the_run(tmp_path, run_cli, name, text, message, fmt):
    glossary = tmp_path / name
    glossary.write_text(text, encoding="utf-8")
    article = tmp_path / "news.md"
    article.write_text(PANTYR, encoding="utf-8")
    result = run_cli("lint", "--format", fmt, "--no-default-glossary", "--glossary", glossary, article)
    assert result.code == 2
    assert result.stderr_lines == [f"transaudit: {glossary}:{message}"]
    if fmt == "json":
        doc = result.json
        assert doc["error"] == f"{glossary}:{message}"
        assert doc["files"] == [] and doc["summary"]["files"] == 0
    else:
        assert result.stdout == ""


def test_missing_glossary_file(tmp_path, run_cli):
    result = run_cli("lint", "--no-default-glossary", "--glossary", tmp_path / "nope.yaml", ARTICLES / "clean.txt")
    assert result.code == 2
    assert result.stderr_lines == [f"transaudit: {tmp_path / 'nope.yaml'}:1: glossary file not found"]


# ---------------------------------------------------------------- glossaries on the command line

def test_no_default_glossary_uses_only_the_given_files(run_cli):
    result = run_cli("lint", "--format", "json", *desk_args(DESK, GLOSSARIES / "desk.csv"), ARTICLES / "clean.txt")
    assert result.code == 0
    assert result.json["glossary"]["sources"] == [str(DESK), str(GLOSSARIES / "desk.csv")]
    assert result.json["glossary"]["entries"] == 11  # the CSV's three ids replace the YAML's


def test_later_glossary_claim_warns_on_stderr(tmp_path, run_cli):
    local = tmp_path / "local.yaml"
    local.write_text("version: 1\nentries:\n  - id: kiev-oblast\n    canonical: Kiev\n    kind: place\n",
                     encoding="utf-8")
    article = tmp_path / "news.txt"
    article.write_text("Officials in Kiev said so.\n", encoding="utf-8")
    result = run_cli("lint", *desk_args(DESK, local), article)
    assert result.code == 0  # 'Kiev' now belongs to the later file, where it is correct
    assert result.stderr_lines == [
        f"transaudit: warning: {local}:3: 'Kiev' of 'kiev-oblast' overrides entry 'kyiv' from {DESK}"]


# ---------------------------------------------------------------- output shapes

def test_text_lines_have_the_documented_shape(run_cli):
    path = ARTICLES / "caption.md"
    result = run_cli("lint", *desk_args(), path)
    assert result.code == 1
    lines = result.stdout.splitlines()
    assert lines[-1] == "5 findings in 1 file"
    parsed = [LINE.match(line).groupdict() for line in lines[:-1]]
    assert [(p["path"], p["line"], p["col"], p["severity"], p["rule"], p["suggestion"]) for p in parsed] == [
        (str(path), "2", "27", "error", "listed-variant", "Pantsir"),       # front matter title
        (str(path), "5", "3", "error", "listed-variant", "Pantsir"),        # image alt text
        (str(path), "5", "10", "error", "calque", "missile system"),
        (str(path), "7", "5", "error", "listed-variant", "Pantsir"),        # the glued caption
        (str(path), "7", "12", "error", "calque", "missile system"),
    ]
    assert all("Pantyr" in p["message"] or "missile complex" in p["message"] for p in parsed)


def test_json_document(run_cli):
    path = ARTICLES / "report.html"
    result = run_cli("lint", "--format", "json", *desk_args(), ARTICLES / "clean.txt", path)
    doc = result.json
    assert result.code == 1
    assert (doc["version"], doc["tool"]["name"]) == (1, "transaudit")
    assert doc["glossary"]["entries"] == 11 and doc["glossary"]["sources"] == [str(DESK)]
    text = path.read_text(encoding="utf-8")
    findings = doc["files"][1]["findings"]
    assert [(f["rule"], f["text"], f["line"], f["column"], f["suggestions"], f["entry"]) for f in findings] == [
        ("listed-variant", "Pantyr", 2, 20, ["Pantsir"], "pantsir"),        # <title>
        ("listed-variant", "Pantyr", 4, 67, ["Pantsir"], "pantsir"),        # title attribute
        ("listed-variant", "Pantyr", 4, 83, ["Pantsir"], "pantsir"),        # link text
        ("calque", "special services", 4, 104, ["intelligence services"], "intelligence-services"),
        ("listed-variant", "Pantyr", 5, 30, ["Pantsir"], "pantsir"),        # alt attribute
    ]
    for f in findings:
        assert text[f["start"]:f["end"]] == f["text"]
        assert f["category"] == ("accuracy/mistranslation" if f["rule"] == "calque" else "terminology/wrong-term")
    assert doc["summary"]["by_severity"] == {"error": 5, "warning": 0, "info": 0}
    assert json.loads(result.stdout) == doc


def test_output_is_deterministic(run_cli):
    args = ("lint", "--format", "json", *desk_args(), ARTICLES)
    assert run_cli(*args).stdout == run_cli(*args).stdout


def test_version(run_cli):
    result = run_cli("--version")
    assert (result.code, result.stdout) == (0, f"transaudit {__version__}\n")
