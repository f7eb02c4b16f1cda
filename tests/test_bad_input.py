"""The bad-input matrix, end to end through `transaudit lint` in fresh processes, and the resource limits.

Every case ends in a correct result, or in a clear one-line error naming the path (and the line, for
glossaries) with exit code 2: never a traceback (conftest.run_cli fails on one), never a hang (each
process has a timeout), and within bounded memory where size is the point (measured with
`measured()`). Regressions of hangs and crashes found while hardening are at the end.
"""
from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
import time

import pytest

from conftest import DESK, SRC, desk_args, run_cli
from transaudit import lint_text
from transaudit.config import Config
from transaudit.engine import run
from transaudit.document import Document
from transaudit.limits import Deadline, Limits, describe_size, long_lines, parse_size

PANTYR = "The Pantyr battery was seen near Damascus.\n"


def lint(*args, cwd=None):
    """`transaudit lint` with the desk glossary only; paths first, then flags."""
    return run_cli("lint", *args, *desk_args(), cwd=cwd)


def one_error(result, message: str) -> None:
    """Exit 2 and exactly one line on stderr."""
    assert result.code == 2, result
    assert result.stderr_lines == [message]


def measured(args, cwd=None, timeout=120) -> tuple[subprocess.CompletedProcess, float, float]:
    """`transaudit ARGS` under a small parent process that reports the child's wall time and peak RSS
    (the parent has no other children, so RUSAGE_CHILDREN is this run alone)."""
    probe = textwrap.dedent("""
        import json, resource, subprocess, sys, time
        started = time.perf_counter()
        p = subprocess.run([sys.executable, "-m", "transaudit", *sys.argv[1:]], capture_output=True)
        seconds = time.perf_counter() - started
        rss_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
        print(json.dumps({"code": p.returncode, "stdout": p.stdout.decode(), "stderr": p.stderr.decode(),
                          "seconds": seconds, "rss_mb": rss_mb}))
    """)
    env = {**os.environ, "PYTHONPATH": str(SRC), "NO_COLOR": "1"}
    proc = subprocess.run([sys.executable, "-c", probe, *map(str, args)], capture_output=True, cwd=cwd,
                          env=env, timeout=timeout)
    out = json.loads(proc.stdout)
    assert "Traceback" not in out["stderr"], out["stderr"]
    return subprocess.CompletedProcess(args, out["code"], out["stdout"], out["stderr"]), out["seconds"], out["rss_mb"]


def patched_cli(patch: str, *args, cwd=None) -> subprocess.CompletedProcess:
    """`transaudit ARGS` in a fresh process after running `patch` (Python code) in it: for faults a
    test cannot cause from outside, such as a file deleted between walking and reading."""
    code = f"import sys\n{textwrap.dedent(patch)}\nfrom transaudit.cli import main\nsys.exit(main(sys.argv[1:]))\n"
    env = {**os.environ, "PYTHONPATH": str(SRC), "NO_COLOR": "1"}
    proc = subprocess.run([sys.executable, "-c", code, *map(str, args)], capture_output=True, cwd=cwd, env=env,
                          timeout=120, text=True)
    assert "Traceback" not in proc.stderr, proc.stderr
    return proc


# ---------------------------------------------------------------- text files


@pytest.mark.parametrize("content", [b"", b" ", b"\n\n\n", b"\r\n\t \r\n", "\u00a0\u2028\u3000\n".encode(),
                                     b"\xef\xbb\xbf", b"\xef\xbb\xbf\r\n"],
                         ids=["empty", "space", "newlines", "crlf-tab", "unicode-spaces", "bom", "bom-crlf"])
@pytest.mark.parametrize("name", ["news.txt", "news.md", "news.html"])
def test_empty_and_blank_files_are_clean(tmp_path, content, name):
    (tmp_path / name).write_bytes(content)
    result = lint(name, "--format", "json", cwd=tmp_path)
    assert (result.code, result.stderr) == (0, "")
    assert result.json["files"] == [{"path": name, "findings": []}]


@pytest.mark.parametrize("content, message", [
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01", "binary file (NUL byte at offset 8)"),
    (b"The Pantyr battery\x00\x00 was hit.", "binary file (NUL byte at offset 18)"),
    (b"Kyiv \xff\xfe shelled", "not UTF-8 text (byte 0xff at offset 5)"),
    ("Zürich".encode("latin-1"), "not UTF-8 text (byte 0xfc at offset 1)"),
    (b"\xef\xbb\xbfKyiv \xc3", "not UTF-8 text (byte 0xc3 at offset 8)"),  # truncated sequence, after a BOM
    (b"a \xed\xa0\x80 b", "not UTF-8 text (byte 0xed at offset 2)"),  # an encoded lone surrogate
    (b"a \xc0\xaf b", "not UTF-8 text (byte 0xc0 at offset 2)"),  # an overlong encoding
    ("The Pantyr battery".encode("utf-16"), "UTF-16 text is not supported (save the file as UTF-8)"),
    ("The Pantyr battery".encode("utf-16-be").join([b"\xfe\xff", b""]),
     "UTF-16 text is not supported (save the file as UTF-8)"),
], ids=["png", "nul", "invalid-utf8", "latin1", "truncated", "surrogate", "overlong", "utf16-le", "utf16-be"])
def test_binary_and_undecodable_files_are_one_line_errors(tmp_path, content, message):
    (tmp_path / "bad.md").write_bytes(content)
    (tmp_path / "good.md").write_text(PANTYR, encoding="utf-8")
    result = lint("bad.md", "good.md", "--format", "json", cwd=tmp_path)
    one_error(result, f"bad.md: error: {message}")
    doc = result.json
    assert doc["files"][0] == {"path": "bad.md", "error": message, "findings": []}
    assert [f["text"] for f in doc["files"][1]["findings"]] == ["Pantyr"]  # the rest is still checked


def test_deeply_nested_markdown_quotes_and_lists(tmp_path):
    quotes = "> " * 1000 + "The Pantyr battery.\n"
    lists = "".join("  " * i + "- level\n" for i in range(1000)) + "  " * 1000 + "- The Pantyr battery.\n"
    both = "".join("- > " for _ in range(1000)) + "The Pantyr battery.\n"
    for name, text in (("quotes.md", quotes), ("lists.md", lists), ("both.md", both)):
        (tmp_path / name).write_text(text, encoding="utf-8")
    result = lint("quotes.md", "lists.md", "both.md", "--format", "json", cwd=tmp_path)
    assert result.code == 1
    for item, text in zip(result.json["files"], (quotes, lists, both)):
        [f] = item["findings"]
        assert (f["rule"], f["start"], f["text"]) == ("listed-variant", text.index("Pantyr"), "Pantyr")


@pytest.mark.parametrize("name, text, reported", [
    ("open-tag.html", "<p>The Pantyr battery <b>near <a href='https://x.io/Kiev\n", ["Pantyr"]),
    ("open-comment.html", "<p>The Pantyr battery.<!-- Kiev never closed\n", ["Pantyr"]),
    ("open-script.html", "<p>The Pantyr battery.<script> var Kiev = 1;\n", ["Pantyr"]),
    ("open-cdata.html", "<p>Pantyr <![CDATA[ Kiev\n", ["Pantyr"]),
    ("open-attribute.html", '<p>Kiev <img alt="Pantyr src=x.png\n', ["Kiev"]),
    ("lone-brackets.html", "<p>1 < 2 > 0 and Kiev &amp Pantyr &#\n", ["Kiev", "Pantyr"]),
    ("open-fence.md", "The Pantyr battery `Kiev\n\n```\nKiev\n", ["Pantyr", "Kiev"]),
    ("open-html-block.md", "<div>\nKiev\n\nThe Pantyr battery.\n", ["Kiev", "Pantyr"]),  # text in a div is prose
    # found while hardening: these hid the rest of the page, or crashed (AssertionError in html.parser)
    ("ampersand.html", "<p>AT&T said the Pantyr battery was hit; Kiev</p>", ["Pantyr", "Kiev"]),
    ("legacy-entity.html", "<p>&copy 2024 Kiev &#169 Pantyr</p>", ["Kiev", "Pantyr"]),
    ("marked-section.html", "<p>Kiev <![ped Pantyr]> Pantyr <![x Kiev\n", ["Kiev", "Pantyr"]),
    ("marked-section-position.html", "<![><p title=Kiev>Pantyr", ["Kiev", "Pantyr"]),  # was shifted by 3
    ("conditional.html", "<![if !IE]><p>Kiev</p><![endif]><p>Pantyr</p>", ["Kiev", "Pantyr"]),
    ("bogus-comment.html", "<!x> Kiev </ y> Pantyr", ["Kiev", "Pantyr"]),
])
def test_unclosed_markup(tmp_path, name, text, reported):
    (tmp_path / name).write_text(text, encoding="utf-8")
    result = lint(name, "--format", "json", cwd=tmp_path)
    findings = result.json["files"][0]["findings"]
    assert [f["text"] for f in findings] == reported
    assert all(text[f["start"]:f["end"]] == f["text"] for f in findings)


def test_symlink_loops_and_dangling_links(tmp_path):
    root = tmp_path / "news"
    (root / "a" / "b").mkdir(parents=True)
    (root / "a" / "b" / "story.md").write_text(PANTYR, encoding="utf-8")
    os.symlink("../..", root / "a" / "b" / "up")        # a directory loop through two levels
    os.symlink("self.md", root / "self.md")             # a file link to itself
    os.symlink("gone.md", root / "dangling.md")         # a link to nothing
    result = lint("news", "--format", "json", cwd=tmp_path)
    assert result.code == 2
    files = {item["path"]: (item.get("error"), [f["text"] for f in item["findings"]]) for item in result.json["files"]}
    assert files == {
        os.path.join("news", "a", "b", "story.md"): (None, ["Pantyr"]),
        os.path.join("news", "dangling.md"): ("no such file", []),
        os.path.join("news", "self.md"): ("Too many levels of symbolic links", []),
    }


def test_a_fifo_named_like_a_file_is_not_read(tmp_path):
    os.mkfifo(tmp_path / "pipe.md")  # nobody writes: reading it would block forever
    (tmp_path / "good.md").write_text(PANTYR, encoding="utf-8")
    started = time.perf_counter()
    result = lint("pipe.md", "good.md", cwd=tmp_path)
    assert time.perf_counter() - started < 60
    one_error(result, "pipe.md: error: not a regular file")
    assert "good.md:1:5: error [listed-variant]" in result.stdout


def test_a_directory_named_like_a_file_is_walked(tmp_path):
    (tmp_path / "story.md").mkdir()
    (tmp_path / "story.md" / "inner.txt").write_text(PANTYR, encoding="utf-8")
    result = lint("story.md", "--format", "json", cwd=tmp_path)
    assert result.code == 1
    assert [item["path"] for item in result.json["files"]] == [os.path.join("story.md", "inner.txt")]


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads files whatever their mode; see the mocked test below")
def test_unreadable_file_by_permissions(tmp_path):
    path = tmp_path / "secret.md"
    path.write_text(PANTYR, encoding="utf-8")
    path.chmod(0)
    one_error(lint("secret.md", cwd=tmp_path), "secret.md: error: permission denied")


def test_unreadable_file_by_permissions_mocked(tmp_path):
    (tmp_path / "secret.md").write_text(PANTYR, encoding="utf-8")
    (tmp_path / "good.md").write_text(PANTYR, encoding="utf-8")
    proc = patched_cli("""
        import errno, os
        real_open = os.open
        def fake_open(path, *args, **kwargs):
            if os.path.basename(str(path)) == "secret.md":
                raise PermissionError(errno.EACCES, "Permission denied", str(path))
            return real_open(path, *args, **kwargs)
        os.open = fake_open
    """, "lint", *desk_args(), "secret.md", "good.md", cwd=tmp_path)
    assert proc.returncode == 2
    assert proc.stderr.splitlines() == ["secret.md: error: permission denied"]
    assert proc.stdout.splitlines()[-1] == "1 finding in 2 files, 1 could not be checked"


def test_file_deleted_between_walking_and_reading(tmp_path):
    (tmp_path / "news").mkdir()
    for name in ("a.md", "b.md", "c.md"):
        (tmp_path / "news" / name).write_text(PANTYR, encoding="utf-8")
    proc = patched_cli("""
        import os
        import transaudit.files as files
        real_walk = files.walk
        def walk_then_delete(*args, **kwargs):
            found = real_walk(*args, **kwargs)
            os.unlink(os.path.join("news", "b.md"))
            return found
        files.walk = walk_then_delete
    """, "lint", "--format", "json", *desk_args(), "news", cwd=tmp_path)
    assert proc.returncode == 2
    assert proc.stderr.splitlines() == [f"{os.path.join('news', 'b.md')}: error: no such file"]
    doc = json.loads(proc.stdout)
    assert [(item["path"], item.get("error"), len(item["findings"])) for item in doc["files"]] == [
        (os.path.join("news", "a.md"), None, 1), (os.path.join("news", "b.md"), "no such file", 0),
        (os.path.join("news", "c.md"), None, 1)]


# ---------------------------------------------------------------- size and time


def test_file_over_max_file_size_is_refused_unread(tmp_path):
    (tmp_path / "big.txt").write_bytes(PANTYR.encode() * 30_000)  # 1.3 MB
    (tmp_path / "small.txt").write_text(PANTYR, encoding="utf-8")
    result = lint("big.txt", "small.txt", "--max-file-size", "1MB", cwd=tmp_path)
    one_error(result, "big.txt: error: file larger than 1 MB (--max-file-size)")
    assert result.stdout.splitlines()[-1] == "1 finding in 2 files, 1 could not be checked"
    # stdin too: never read past the limit
    result = run_cli("lint", "--max-file-size", "100", *desk_args(), "-", input=PANTYR.encode() * 3)
    one_error(result, "<stdin>: error: input larger than 100 bytes (--max-file-size)")


@pytest.mark.parametrize("flag, value, message", [
    ("--max-file-size", "lots", "invalid size 'lots' (expected a number of bytes, or e.g. 512K, 50MB)"),
    ("--max-file-size", "0", "invalid size '0' (expected 1 byte or more)"),
    ("--max-line-length", "-5", "invalid length '-5' (expected a whole number, 1 or more)"),
    ("--time-budget", "0", "invalid time budget '0' (expected seconds, more than 0)"),
    ("--time-budget", "nan", "invalid time budget 'nan' (expected seconds, more than 0)"),
])
def test_bad_limit_flags_are_usage_errors(tmp_path, flag, value, message):
    result = run_cli("lint", flag, value, *desk_args(), "-", input=PANTYR.encode())
    assert result.code == 2
    assert result.stderr_lines == [f"transaudit: argument {flag}: {message} (see 'transaudit --help')"]


def test_single_line_of_several_megabytes(tmp_path):
    """The 50 MB case at CI size: a 4 MB single line, 40 times the line limit, checked by the cheap
    rules and skipped (with a notice) by the expensive ones, in bounded time and memory; its 130,000
    wrong names stop at 10,000 findings. (The full 50 MB file: docs/limits.md.)"""
    sentence = "The Pantyr battery near Kiev was hit, Prigozin said on Tuesday. "
    (tmp_path / "line.txt").write_text(sentence * (4 * 2**20 // len(sentence)), encoding="utf-8")
    proc, seconds, rss_mb = measured(["lint", "--format", "json", *desk_args(), "line.txt"], cwd=tmp_path)
    assert proc.returncode == 1 and proc.stderr == ""
    findings = json.loads(proc.stdout)["files"][0]["findings"]
    notices = [(f["rule"], f["start"], f["message"]) for f in findings if f["category"] == "other/resource-limit"]
    stop = sentence.index("Kiev") + 4 + len(sentence) * 4999  # after the 10,000th wrong name
    skipped = "line 1 not checked by this rule: longer than 100,000 characters (--max-line-length)"
    assert notices == [("fuzzy-name", 0, skipped), ("inconsistency", 0, skipped), ("institution", 0, skipped),
                       ("untranslated", 0, skipped),
                       ("listed-variant", stop, "this rule stopped after 10,000 findings in this file (--max-findings)"),
                       ("romanization", sentence.index("Prigozin") + 8 + len(sentence) * 9999,  # derived: Prigozhin
                        "this rule stopped after 10,000 findings in this file (--max-findings)")]
    wrong = [f["text"] for f in findings if f["rule"] == "listed-variant" and f["text"]]
    assert wrong == ["Pantyr", "Kiev"] * 5000
    assert seconds < 120 and rss_mb < 800, (seconds, rss_mb)


def test_long_lines_are_skipped_by_the_expensive_rules_only(desk):
    short = "Prigozin said the Pantyr battery was hit.\n"
    long = "Prigozin said so. " + "The Pantyr battery was hit again. " * 10 + "\n"
    text = short + long + short
    config = Config(default_glossary=False, limits=Limits(max_line_chars=200))
    findings = lint_text(text, "news.txt", glossary=desk, config=config)
    by_rule = {}
    for f in findings:
        assert text[f.start:f.end] == f.text
        by_rule.setdefault(f.rule, []).append(f)
    second = len(short)
    # the expensive rule skipped the long line only, and said so there
    assert [(f.start, f.text) for f in by_rule["fuzzy-name"] if f.text] == [(0, "Prigozin"), (len(short + long), "Prigozin")]
    [notice] = [f for f in by_rule["fuzzy-name"] if not f.text]
    assert (notice.start, notice.end, notice.severity.value, notice.category) == (second, second, "info", "other/resource-limit")
    assert notice.message == "line 2 not checked by this rule: longer than 200 characters (--max-line-length)"
    # the cheap rules checked it
    assert len(by_rule["listed-variant"]) == 12


def test_a_rule_over_its_time_budget_stops_and_says_where(desk, monkeypatch):
    """A deterministic clock: each call advances it by one second, so the 3-second budget runs out
    on the third check of fuzzy-name."""
    import transaudit.engine as engine

    class Tick:
        def __init__(self):
            self.now = 0.0

        def __call__(self):
            self.now += 1.0
            return self.now

    made = []

    def deadline(seconds):
        d = Deadline(seconds, clock=Tick()) if not made else Deadline()
        made.append(d)
        return d

    monkeypatch.setattr(engine, "EXPENSIVE_RULES", ("fuzzy-name",))
    monkeypatch.setattr(engine, "Deadline", deadline)
    text = "Prigozin said. Nasrala said. Prigozin again. Nasrala again.\n"
    config = Config(default_glossary=False, limits=Limits(rule_seconds=3))
    findings = [f for f in lint_text(text, "news.txt", glossary=desk, config=config) if f.rule == "fuzzy-name"]
    cut = text.index("Nasrala")
    assert [(f.start, f.text, f.severity.value) for f in findings] == [
        (0, "Prigozin", "warning"), (cut, "", "info")]  # the check at "Nasrala" found the budget spent
    assert findings[1].message == ("this rule stopped early, over its time budget of 3 s per file (--time-budget): "
                                   "findings from line 1 on may be missing")


def test_time_budget_flag_end_to_end(tmp_path):
    (tmp_path / "news.txt").write_text("Prigozin said so. Nasrala said so. " * 2000 + "\n", encoding="utf-8")
    result = lint("news.txt", "--time-budget", "0.000001", "--format", "json", cwd=tmp_path)
    notices = [f for f in result.json["files"][0]["findings"] if f["category"] == "other/resource-limit"]
    assert {f["rule"] for f in notices} <= {"fuzzy-name", "inconsistency", "institution", "untranslated"}
    assert any(f["rule"] == "fuzzy-name" for f in notices)
    assert all("over its time budget of 1e-06 s per file" in f["message"] for f in notices)


def test_limit_notices_can_be_suppressed_like_their_rule(desk):
    text = "<!-- transaudit-disable fuzzy-name -->\n" + "Prigozin said. " * 20 + "\n"
    config = Config(default_glossary=False, limits=Limits(max_line_chars=100))
    rules = [(f.rule, f.text) for f in lint_text(text, "news.md", glossary=desk, config=config)]
    assert ("fuzzy-name", "") not in rules and ("institution", "") in rules


def test_limit_helpers():
    assert [parse_size(s) for s in ("1", "512K", "512kb", "50MB", "1.5M", "2g", "3GiB")] == [
        1, 512 * 1024, 512 * 1024, 50 * 2**20, 3 * 2**19, 2 * 2**30, 3 * 2**30]
    with pytest.raises(ValueError):
        parse_size("5 TB")
    assert [describe_size(n) for n in (1, 12, 1536, 2**20, 50 * 2**20)] == ["1 byte", "12 bytes", "1.5 KB", "1 MB", "50 MB"]
    text = "short\r\n" + "x" * 10 + "\rabc\n" + "y" * 11
    doc = Document(path="x", text=text)
    assert long_lines(text, doc.line_starts, 10) == [(len(text) - 11, len(text))]  # line breaks do not count
    clock = iter([0.0, 1.0, 2.5, 2.6, 9.0]).__next__
    d = Deadline(2.0, clock=clock)
    assert [d.expired(5), d.expired(6), d.expired(7)] == [False, True, True] and d.offset == 6
    assert not Deadline().expired(1)


# ---------------------------------------------------------------- glossaries


def glossary_error(tmp_path, name: str, content: bytes | str) -> str:
    """The one stderr line of a run with this glossary; exit 2, nothing on stdout."""
    path = tmp_path / name
    path.write_bytes(content.encode("utf-8") if isinstance(content, str) else content)
    (tmp_path / "news.txt").write_text(PANTYR, encoding="utf-8")
    result = run_cli("lint", "--no-default-glossary", "--glossary", name, "news.txt", cwd=tmp_path)
    assert result.code == 2 and result.stdout == ""
    [line] = result.stderr_lines
    prefix = f"transaudit: {name}:"
    assert line.startswith(prefix)
    return line[len(prefix):]


BILLION_LAUGHS = "version: 1\nx-a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n" + "".join(
    f"x-{b}: &{b} [{', '.join(['*' + a] * 9)}]\n" for a, b in zip("abcdefgh", "bcdefghi")) + "entries: *i\n"
XML_LAUGHS = ('<?xml version="1.0"?>\n<!DOCTYPE lolz [<!ENTITY lol "lol">'
              + "".join(f'<!ENTITY lol{i} "{("&lol" + str(i - 1) + ";") * 10 if i > 1 else "&lol;" * 10}">' for i in range(1, 10))
              + ']>\n<martif type="TBX"><text><body><termEntry><langSet xml:lang="en"><tig><term>&lol9;</term></tig>'
              "</langSet></termEntry></body></text></martif>\n")
ENTRY = "version: 1\nentries:\n  - canonical: Pantsir\n"


@pytest.mark.parametrize("name, content, message", [
    ("laughs.yaml", BILLION_LAUGHS, "3: YAML anchors and aliases are not allowed in glossaries"),
    ("alias.yaml", "version: 1\nentries:\n  - &p {canonical: Pantsir}\n  - *p\n",
     "4: YAML anchors and aliases are not allowed in glossaries"),
    ("deep-flow.yaml", "version: 1\nentries: " + "[" * 50_000 + "]" * 50_000 + "\n", "2: YAML nested more than 20 levels deep"),
    ("deep-block.yaml", "version: 1\nentries:\n" + "".join("  " * i + "- \n" for i in range(1, 1000)),
     "22: YAML nested more than 20 levels deep"),
    ("dup.yaml", ENTRY + "    kind: weapon\n  - id: pantsir\n    canonical: Pantsir-S1\n",
     "5: duplicate id 'pantsir' (first at line 3)"),
    ("dup-key.yaml", ENTRY + "    canonical: Pantsyr\n", "4: entry: duplicate key 'canonical'"),
    ("list-canonical.yaml", "version: 1\nentries:\n  - canonical: [Pantsir, Pantsyr]\n",
     "3: entry: canonical must be a string"),
    ("null-canonical.yaml", "version: 1\nentries:\n  - canonical:\n", "3: entry: canonical must be a string"),
    ("bool-kind.yaml", ENTRY + "    kind: yes\n", "4: entry 'Pantsir': kind must be a string"),
    ("map-aliases.yaml", ENTRY + "    aliases: {a: b}\n", "4: entry 'Pantsir': aliases must be a list of strings"),
    ("entries-scalar.yaml", "version: 1\nentries: Pantsir\n", "2: 'entries' must be a list"),
    ("version.yaml", "version: two\nentries: []\n", "1: unsupported glossary version 'two' (expected 1)"),
    ("int-key.yaml", ENTRY + "    1: x\n", "4: entry: keys must be strings"),
    ("null-key.yaml", ENTRY + "    null: x\n", "4: entry: keys must be strings"),
    ("complex-key.yaml", ENTRY + "    ? [a, b]\n    : x\n", "4: entry: keys must be strings"),
    ("top-key.yaml", "version: 1\ntrue: x\nentries: []\n", "2: glossary: keys must be strings"),
    ("control.yaml", ENTRY + "    note: a\x14b\n", "4: invalid YAML: character #x0014 is not allowed "
                                                  "(control characters must be escaped)"),
    ("empty.yaml", "", "1: empty glossary (expected 'version: 1' and 'entries')"),
    ("binary.yaml", b"\x89PNG\r\n\x1a\n\x00\x00", "1: not UTF-8 (byte 0x89 at offset 0)"),
    ("wide.csv", "id,canonical,kind\npantsir,Pantsir,weapon\nkyiv,Kyiv,place,extra\n", "3: 4 columns, header has 3"),
    ("narrow.csv", "id,canonical,kind\npantsir,Pantsir\n", "2: 2 columns, header has 3"),
    ("no-canonical.csv", "id,kind\npantsir,weapon\n", "1: missing column 'canonical'"),
    ("laughs.tbx", XML_LAUGHS, "2: entity declarations are not allowed in TBX glossaries ('lol')"),
])
def test_bad_glossaries_are_one_line_errors(tmp_path, name, content, message):
    started = time.perf_counter()
    assert glossary_error(tmp_path, name, content) == message
    assert time.perf_counter() - started < 30


def test_glossary_fifo_is_not_read(tmp_path):
    os.mkfifo(tmp_path / "pipe.yaml")  # nobody writes: reading it would block forever
    (tmp_path / "news.txt").write_text(PANTYR, encoding="utf-8")
    result = run_cli("lint", "--no-default-glossary", "--glossary", "pipe.yaml", "news.txt", cwd=tmp_path)
    one_error(result, "transaudit: pipe.yaml:1: cannot read glossary: not a regular file")


def test_glossary_errors_in_json_format_keep_stdout_valid(tmp_path):
    (tmp_path / "laughs.yaml").write_text(BILLION_LAUGHS, encoding="utf-8")
    result = run_cli("lint", "--format", "json", "--no-default-glossary", "--glossary", "laughs.yaml", "-",
                     input=PANTYR.encode(), cwd=tmp_path)
    assert result.code == 2
    assert result.json["error"] == "laughs.yaml:3: YAML anchors and aliases are not allowed in glossaries"


def test_csv_with_bom_loads(tmp_path):
    (tmp_path / "bom.csv").write_bytes(b"\xef\xbb\xbfid,canonical,kind,variants\r\npantsir,Pantsir,weapon,Pantyr|Pantsyr\r\n")
    (tmp_path / "news.txt").write_text("The Pantsyr and Pantyr batteries.\n", encoding="utf-8")
    result = run_cli("lint", "--format", "json", "--no-default-glossary", "--glossary", "bom.csv", "news.txt",
                     cwd=tmp_path)
    assert result.code == 1
    assert [(f["text"], f["suggestions"], f["entry"]) for f in result.json["files"][0]["findings"]] == [
        ("Pantsyr", ["Pantsir"], "pantsir"), ("Pantyr", ["Pantsir"], "pantsir")]


def write_glossary(path, n: int) -> None:
    """n realistic entries: person names with a listed wrong form each."""
    lines = ["version: 1", "entries:"]
    for i in range(n):
        lines += [f"  - id: p{i}", f"    canonical: Name{i} Surname{i}xov", "    kind: person",
                  f"    variants: [Name{i} Surname{i}xof]"]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def test_large_glossary(tmp_path):
    """100,000 entries take minutes to compile (docs/limits.md has the figures); CI loads 3,000,
    cold (no cache), and checks that the last entry works."""
    write_glossary(tmp_path / "big.yaml", 3000)
    (tmp_path / "news.txt").write_text("Name2999 Surname2999xof and Name0 Surname0xov spoke.\n", encoding="utf-8")
    proc, seconds, rss_mb = measured(["lint", "--format", "json", "--no-default-glossary", "--glossary", "big.yaml",
                                      "news.txt"], cwd=tmp_path)
    assert proc.returncode == 1, proc.stderr
    doc = json.loads(proc.stdout)
    assert doc["glossary"]["entries"] == 3000
    assert [(f["text"], f["suggestions"]) for f in doc["files"][0]["findings"]] == [
        ("Surname2999xof", ["Surname2999xov"])]
    assert seconds < 90 and rss_mb < 800, (seconds, rss_mb)


# ---------------------------------------------------------------- regressions: hangs and crashes found


PATHOLOGICAL = {  # each took from 5 s to minutes at these sizes before the fix named
    "unclosed-quotes": ("“" * 100_000, "untranslated: quotation scan is linear (_quotes)"),
    "initials": ("A. " * 40_000, "language.sentences: bounded look back for the word before a stop"),
    "blank-run": (" " * 300_000 + "x\n", "a line-break search starts only at the start of a blank run"),
    "stop-run": ("!" * 300_000 + " x", "a sentence-end search starts only at the start of a run of stops"),
    "variants": ("Pantyr " * 20_000, "institution: claimed spans looked up by bisection"),
    "names": ("Prigozin Zelenskyy " * 8_000, "glossary_hits.widen: bounded look back for a given name"),
    "findings": ("The Pantyr battery near Kiev. " * 8_000, "engine._merge ranks per cluster of overlapping spans"),
    "caps-derived": ("KIEW said " * 30_000, "compile._case_ok: neighbouring words found without copying the text"),
}


@pytest.fixture(scope="module")
def desk_inferred():
    """The desk glossary with derived wrong forms (Kiew, Kijów…), as the command line compiles it."""
    from transaudit.glossary import compile_glossary, load_glossaries

    return compile_glossary(load_glossaries([DESK], include_default=False))


@pytest.mark.parametrize("name", list(PATHOLOGICAL))
@pytest.mark.parametrize("fmt", ["text", "markdown"])
def test_pathological_inputs_stay_fast(desk_inferred, name, fmt):
    text, _fix = PATHOLOGICAL[name]
    started = time.perf_counter()
    findings = lint_text(text, "x", fmt, glossary=desk_inferred, config=Config(default_glossary=False))
    assert time.perf_counter() - started < 10, _fix
    assert all(text[f.start:f.end] == f.text for f in findings)


def test_empty_suggestion_keeps_its_case_transfer_from_crashing():
    from transaudit.inflect import transfer_case

    assert transfer_case("Pantyr", "", False) == ""  # was IndexError (found by test_properties)


def test_engine_runs_on_lone_surrogates_from_the_library_api(desk):
    text = "The Pantyr \ud800 battery.\n"
    findings = run(Document.from_text(text, "x.txt"), desk, Config(default_glossary=False))
    assert [(f.rule, f.text) for f in findings if f.rule == "listed-variant"] == [("listed-variant", "Pantyr")]
