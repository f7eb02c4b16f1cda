"""--fix, --diff and baselines: what is fixed, how files are written (atomically, BOM, newlines and
permissions kept, never over a file that changed), idempotence, stdin, and a SIGKILL in the middle."""
from __future__ import annotations

import io
import json
import os
import signal
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest

from conftest import GLOSSARY_RULES, WAR_GLOSSARY, compile_yaml, rules_off
from transaudit import cli, fix, lint_text
from transaudit.config import Config
from transaudit.finding import Finding, Severity

SRC = Path(__file__).resolve().parents[1] / "src"
GLOSSARY = WAR_GLOSSARY
KEEP = GLOSSARY_RULES
OFF = "".join(f'[rules.{r}]\nseverity = "off"\n' for r in rules_off(*KEEP))
STORY = ("Shelling in Kiev overnight damaged two Pantyr batteries.\r\n"
         "PANTYR CREWS SURVIVED, the ministry said.\r\n"
         "Missile complexes near Kiev's airport were hit.\r\n")
FIXED = ("Shelling in Kyiv overnight damaged two Pantsir batteries.\r\n"
         "PANTSIR CREWS SURVIVED, the ministry said.\r\n"
         "Missile systems near Kyiv's airport were hit.\r\n")


@pytest.fixture(scope="module")
def glossary(tmp_path_factory):
    return compile_yaml(GLOSSARY, tmp_path_factory.mktemp("g"), infer=False)


def desk(root: Path, extra: str = "") -> None:
    (root / "desk.yaml").write_text(GLOSSARY, encoding="utf-8")
    (root / ".transaudit.toml").write_text(
        f'glossaries = ["desk.yaml"]\nno-default-glossary = true\n{extra}\n{OFF}', encoding="utf-8")


@pytest.fixture
def lint(tmp_path, monkeypatch, capsys):
    desk(tmp_path)
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("NO_COLOR", "1")

    def go(*args, stdin: bytes | None = None):
        if stdin is not None:
            monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(stdin), encoding="utf-8"))
        code = cli.main(["lint", *map(str, args)])
        out, err = capsys.readouterr()
        return code, out, err

    return go


def finding(start, end, text, fix_, severity=Severity.ERROR, confidence=0.95):
    return Finding("listed-variant", severity, "m", start, end, text, (fix_,) if fix_ else (), None, confidence)


# ---------------------------------------------------------------- choosing and applying


def test_apply_keeps_inflection_and_case(glossary):
    text = STORY.replace("\r\n", "\n")
    findings = lint_text(text, path="story.txt", glossary=glossary,
                         config=Config(default_glossary=False, rules=rules_off(*KEEP)))
    assert [(f.text, f.suggestions[0]) for f in findings] == [
        ("Kiev", "Kyiv"), ("Pantyr", "Pantsir"), ("PANTYR", "PANTSIR"), ("Missile complexes", "Missile systems"),
        ("Kiev's", "Kyiv's")]
    assert fix.apply(text, fix.fixable(findings, 0.8)) == FIXED.replace("\r\n", "\n")


def test_fixable_takes_confident_errors_with_a_suggestion_without_overlaps():
    text = "Kiev Pantyr Kiev Kiev Kiev Kiev"
    chosen = fix.fixable([
        finding(0, 4, "Kiev", "Kyiv"),
        finding(0, 11, "Kiev Pantyr", "Kyiv Pantsir"),           # overlaps the first: skipped
        finding(12, 16, "Kiev", "Kyiv", severity=Severity.WARNING),
        finding(17, 21, "Kiev", "Kyiv", confidence=0.79),
        finding(22, 26, "Kiev", None),                            # no suggestion
        finding(27, 31, "Kiev", "Kiev"),                          # suggestion equals the text
    ], 0.8)
    assert [(f.start, f.end) for f in chosen] == [(0, 11)]
    assert fix.apply(text, chosen) == "Kyiv Pantsir Kiev Kiev Kiev Kiev"


def test_apply_refuses_a_finding_that_does_not_match_the_text():
    with pytest.raises(ValueError):
        fix.apply("Kyiv", [finding(0, 4, "Kiev", "Kyiv")])


# ---------------------------------------------------------------- --fix on files


def test_fix_rewrites_the_file_keeping_bom_newlines_and_permissions(tmp_path, lint):
    path = tmp_path / "story.txt"
    path.write_bytes(fix.BOM + STORY.encode("utf-8"))
    path.chmod(0o640)
    code, out, err = lint("story.txt", "--fix")
    assert (code, out, err) == (0, "0 findings in 1 file\n", "transaudit: fixed 5 findings\n")
    assert path.read_bytes() == fix.BOM + FIXED.encode("utf-8")
    assert stat.S_IMODE(path.stat().st_mode) == 0o640
    assert [p.name for p in tmp_path.iterdir() if "transaudit-tmp" in p.name] == []


def test_fix_is_idempotent(tmp_path, lint):
    path = tmp_path / "story.md"
    path.write_text(STORY, encoding="utf-8", newline="")
    assert lint("story.md", "--fix")[0] == 0
    first = path.read_bytes()
    before = path.stat().st_mtime_ns
    time.sleep(0.01)
    assert lint("story.md", "--fix") == (0, "0 findings in 1 file\n", "transaudit: fixed 0 findings\n")
    assert path.read_bytes() == first and path.stat().st_mtime_ns == before


def test_fix_reports_what_is_left(tmp_path, lint):
    desk(tmp_path, "fix-min-confidence = 0.99\n")  # listed variants carry 0.95: nothing is confident enough
    path = tmp_path / "story.txt"
    path.write_text(STORY, encoding="utf-8", newline="")
    code, out, err = lint("story.txt", "--fix")
    assert code == 1 and out.endswith("5 findings in 1 file\n") and err == "transaudit: fixed 0 findings\n"
    assert path.read_bytes().decode("utf-8") == STORY


def test_warnings_are_not_fixed(tmp_path, lint):
    desk(tmp_path, '[rules.listed-variant]\nseverity = "warning"\n')
    path = tmp_path / "story.txt"
    path.write_text(STORY, encoding="utf-8", newline="")
    code, out, _ = lint("story.txt", "--fix")
    assert code == 1
    assert path.read_bytes().decode("utf-8") == STORY.replace("Missile complexes", "Missile systems")
    assert out.splitlines()[-1] == "4 findings in 1 file"


def test_fix_through_a_symlink_keeps_the_link(tmp_path, lint):
    target = tmp_path / "archive.txt"
    target.write_text("Shelling in Kiev.\n", encoding="utf-8")
    (tmp_path / "link.txt").symlink_to(target)
    assert lint("link.txt", "--fix")[0] == 0
    assert (tmp_path / "link.txt").is_symlink()
    assert target.read_text(encoding="utf-8") == "Shelling in Kyiv.\n"


def test_fix_of_stdin_prints_the_text_and_reports_on_stderr(tmp_path, lint):
    before = sorted(p.name for p in tmp_path.iterdir())
    code, out, err = lint("-", "--stdin-filename", "story.md", "--fix", stdin=fix.BOM + STORY.encode())
    assert code == 0
    assert out == "\ufeff" + FIXED
    assert err == "transaudit: fixed 5 findings\n0 findings in 1 file\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == before


def test_fix_of_clean_stdin_prints_it_unchanged(lint):
    assert lint("-", "--fix", stdin=b"Calm day in Kyiv.\n") == (
        0, "Calm day in Kyiv.\n", "transaudit: fixed 0 findings\n0 findings in 1 file\n")


# ---------------------------------------------------------------- --diff


def test_diff_prints_a_unified_diff_and_writes_nothing(tmp_path, lint):
    path = tmp_path / "story.md"
    path.write_text("Calm.\nShelling in Kiev.\nCalm.\n", encoding="utf-8")
    code, out, err = lint("story.md", "--diff")
    assert (code, err) == (1, "")
    assert out == ("--- a/story.md\n+++ b/story.md\n@@ -1,3 +1,3 @@\n"
                   " Calm.\n-Shelling in Kiev.\n+Shelling in Kyiv.\n Calm.\n")
    assert path.read_text(encoding="utf-8") == "Calm.\nShelling in Kiev.\nCalm.\n"


def test_diff_of_a_clean_file_is_empty_and_exit_0(tmp_path, lint):
    (tmp_path / "story.md").write_text("Calm day in Kyiv.\n", encoding="utf-8")
    assert lint("story.md", "--diff") == (0, "", "")


def test_diff_marks_a_missing_final_newline():
    assert fix.diff("Kiev", "Kyiv", "a.txt") == ("--- a/a.txt\n+++ b/a.txt\n@@ -1 +1 @@\n-Kiev\n"
                                               "\\ No newline at end of file\n+Kyiv\n\\ No newline at end of file\n")


# ---------------------------------------------------------------- files that change under us


def test_write_refuses_a_file_changed_after_it_was_checked(tmp_path):
    path = tmp_path / "story.txt"
    path.write_text("Shelling in Kiev, editor's version.\n", encoding="utf-8")
    with pytest.raises(fix.Conflict):
        fix.write(str(path), "Shelling in Kiev.\n", "Shelling in Kyiv.\n")
    assert path.read_text(encoding="utf-8") == "Shelling in Kiev, editor's version.\n"


def test_write_refuses_a_file_changed_while_the_new_one_was_written(tmp_path, monkeypatch):
    path = tmp_path / "story.txt"
    path.write_text("Shelling in Kiev.\n", encoding="utf-8")
    real_fsync = os.fsync

    def editor_saves_meanwhile(fd):
        path.write_text("Shelling in Kiev. Update: more.\n", encoding="utf-8")
        monkeypatch.setattr(fix.os, "fsync", real_fsync)
        real_fsync(fd)

    monkeypatch.setattr(fix.os, "fsync", editor_saves_meanwhile)
    with pytest.raises(fix.Conflict, match="changed while being fixed"):
        fix.write(str(path), "Shelling in Kiev.\n", "Shelling in Kyiv.\n")
    assert path.read_text(encoding="utf-8") == "Shelling in Kiev. Update: more.\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["story.txt"]


def test_cli_reports_a_conflict_and_exits_2(tmp_path, lint, monkeypatch):
    path = tmp_path / "story.txt"
    path.write_text("Shelling in Kiev.\n", encoding="utf-8")
    real_check = cli._check

    def check_then_edit(target, stdin):
        result = real_check(target, stdin)
        path.write_text("Shelling in Kiev.\nLate update.\n", encoding="utf-8")
        return result

    monkeypatch.setattr(cli, "_check", check_then_edit)
    code, out, err = lint("story.txt", "--fix")
    assert code == 2
    assert err.startswith("story.txt: error: changed after it was checked; not written\n")
    assert path.read_text(encoding="utf-8") == "Shelling in Kiev.\nLate update.\n"


def test_atomic_write_of_a_new_file_uses_the_umask(tmp_path):
    old = os.umask(0o027)
    try:
        fix.atomic_write(str(tmp_path / "new.json"), b"{}")
    finally:
        os.umask(old)
    assert stat.S_IMODE((tmp_path / "new.json").stat().st_mode) == 0o640


def test_sigkill_during_fix_leaves_every_file_old_or_new(tmp_path):
    """Kill -9 in the middle of fixing many files: each file is entirely old or entirely new."""
    desk(tmp_path)
    news = tmp_path / "news"
    news.mkdir()
    old = {}
    for n in range(120):
        text = (f"Dispatch {n}: shelling in Kiev damaged a Pantyr battery.\n" * 40) + f"End of dispatch {n}.\n"
        (news / f"{n:03}.md").write_text(text, encoding="utf-8")
        old[f"{n:03}.md"] = text
    new = {name: text.replace("Kiev", "Kyiv").replace("Pantyr", "Pantsir") for name, text in old.items()}
    # fsync is slowed down so that the kill lands between writing a temporary file and replacing
    slow = ("import os, sys, time\nreal = os.fsync\n"
            "def fsync(fd):\n    time.sleep(0.02)\n    real(fd)\n"
            "os.fsync = fsync\nfrom transaudit.cli import main\nsys.exit(main(sys.argv[1:]))\n")
    env = {**os.environ, "PYTHONPATH": str(SRC)}
    proc = subprocess.Popen([sys.executable, "-c", slow, "lint", "--fix", "news"], cwd=tmp_path, env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 60
    try:
        while time.monotonic() < deadline:
            done = sum((news / name).read_text(encoding="utf-8") == new[name] for name in ("000.md", "001.md", "002.md"))
            if done >= 3 or proc.poll() is not None:
                break
            time.sleep(0.005)
        proc.send_signal(signal.SIGKILL)
    finally:
        proc.wait(timeout=30)
    states = []
    for name in old:
        content = (news / name).read_text(encoding="utf-8")
        assert content in (old[name], new[name]), name
        states.append(content == new[name])
    assert states[0] and not states[-1], "the kill should land in the middle of the run"
    leftovers = [p.name for p in news.iterdir() if p.name not in old]
    assert all(p.startswith(".") and p.endswith(".transaudit-tmp") for p in leftovers), leftovers


# ---------------------------------------------------------------- baselines


def test_write_baseline_then_only_new_findings_are_reported(tmp_path, lint):
    path = tmp_path / "story.md"
    path.write_text("Shelling in Kiev.\n\nA Pantyr battery was hit.\n", encoding="utf-8")
    code, out, _ = lint("story.md", "--format", "json")
    fingerprints = sorted(f["fingerprint"] for f in json.loads(out)["files"][0]["findings"])
    assert code == 1 and len(fingerprints) == 2
    assert lint("story.md", "--write-baseline", "baseline.json") == (
        0, "", "transaudit: recorded 2 findings in baseline.json\n")
    assert json.loads((tmp_path / "baseline.json").read_text()) == {"version": 1, "fingerprints": fingerprints}
    assert lint("story.md", "--baseline", "baseline.json") == (0, "0 findings in 1 file\n", "")
    # an edit elsewhere keeps the old fingerprints; the new artifact alone is reported
    path.write_text("Update at 10:00.\n\nShelling in Kiev.\n\nA Pantyr battery was hit.\nKiev residents fled.\n",
                    encoding="utf-8")
    code, out, _ = lint("story.md", "--baseline", "baseline.json")
    assert code == 1
    assert out == "story.md:6:1: error [listed-variant] 'Kiev' is a known wrong form of Kyiv (Kyiv)\n1 finding in 1 file\n"


def test_fix_with_baseline_leaves_and_does_not_report_baselined_findings(tmp_path, lint):
    path = tmp_path / "story.md"
    path.write_text("Shelling in Kiev.\n", encoding="utf-8")
    assert lint("story.md", "--write-baseline", "baseline.json")[0] == 0
    path.write_text("Shelling in Kiev.\n\nA Pantyr battery was hit.\n", encoding="utf-8")
    code, out, err = lint("story.md", "--fix", "--baseline", "baseline.json")
    assert path.read_text(encoding="utf-8") == "Shelling in Kiev.\n\nA Pantsir battery was hit.\n"
    assert (code, out, err) == (0, "0 findings in 1 file\n", "transaudit: fixed 1 finding\n")


@pytest.mark.parametrize("content, message", [
    (None, "baseline.json: baseline file not found"),
    ("{", "baseline.json: not a baseline file (invalid JSON: Expecting property name enclosed in double quotes: "
          "line 1 column 2 (char 1))"),
    ('{"version": 2, "fingerprints": []}', "baseline.json: not a version 1 baseline file"),
    ('{"version": 1, "fingerprints": [1]}', "baseline.json: 'fingerprints' must be a list of strings"),
])
def test_bad_baseline_is_exit_2(tmp_path, lint, content, message):
    (tmp_path / "story.md").write_text("Shelling in Kiev.\n", encoding="utf-8")
    if content is not None:
        (tmp_path / "baseline.json").write_text(content, encoding="utf-8")
    assert lint("story.md", "--baseline", "baseline.json") == (2, "", f"transaudit: {message}\n")
