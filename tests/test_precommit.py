"""The pre-commit hook end to end: a real `git commit` in a temporary repository runs the hook defined
in .pre-commit-hooks.yaml through the real pre-commit tool.

The hook runs as a `repo: local` hook (no network, no virtualenv to build) with the manifest's
entry, file types and settings; only the executable is this interpreter (`python -m transaudit`),
since the package under test is not installed.
"""
from __future__ import annotations

import importlib.util
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[1]
MANIFEST = ROOT / ".pre-commit-hooks.yaml"

pytestmark = [
    pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed"),
    pytest.mark.skipif(importlib.util.find_spec("pre_commit") is None,
                       reason="pre-commit is not installed (pip install pre-commit, part of the [test] extra)"),
]

GLOSSARY = """\
version: 1
entries:
  - canonical: Middle East Institute
    kind: organization
    variants: [Near East Institute]
"""
DIRTY = "# Gulf talks\n\nAnalysts at the Near East Institute said the talks stalled.\n"
CLEAN = "# Gulf talks\n\nAnalysts at the Middle East Institute said the talks stalled.\n"


def hook() -> dict:
    (definition,) = yaml.safe_load(MANIFEST.read_text(encoding="utf-8"))
    return definition


def test_manifest_declares_the_transaudit_hook():
    from pre_commit.clientlib import load_manifest

    (loaded,) = load_manifest(str(MANIFEST))
    assert (loaded["id"], loaded["entry"], loaded["language"]) == ("transaudit", "transaudit lint", "python")
    assert loaded["types_or"] == ["markdown", "plain-text", "html"]
    assert loaded["pass_filenames"] is True


def local_language() -> str:
    """'unsupported' is the name newer pre-commit releases give to the 'system' language."""
    from pre_commit import all_languages

    return "unsupported" if "unsupported" in all_languages.languages else "system"


@pytest.fixture
def repo(tmp_path):
    from transaudit.detectors import RULES

    work = tmp_path / "newsroom"
    work.mkdir()
    env = {**os.environ, "HOME": str(tmp_path), "GIT_CONFIG_NOSYSTEM": "1", "PRE_COMMIT_HOME": str(tmp_path / "cache"),
           "PYTHONPATH": str(ROOT / "src"), "NO_COLOR": "1", "GIT_AUTHOR_NAME": "Desk", "GIT_AUTHOR_EMAIL": "desk@example.org",
           "GIT_COMMITTER_NAME": "Desk", "GIT_COMMITTER_EMAIL": "desk@example.org"}
    env.pop("GIT_DIR", None)
    env.pop("GIT_WORK_TREE", None)

    def run(*args, check=True):
        proc = subprocess.run(args, cwd=work, env=env, capture_output=True, text=True, timeout=300)
        if check:
            assert proc.returncode == 0, proc.stdout + proc.stderr
        return proc

    definition = hook()
    local = {**definition, "entry": f"{sys.executable} -m {definition['entry']}", "language": local_language()}
    local = {k: v for k, v in local.items() if k not in ("description", "minimum_pre_commit_version")}
    (work / ".pre-commit-config.yaml").write_text(
        yaml.safe_dump({"repos": [{"repo": "local", "hooks": [local]}]}, sort_keys=False), encoding="utf-8")
    (work / "glossary.yaml").write_text(GLOSSARY, encoding="utf-8")
    off = "".join(f'[rules.{r}]\nseverity = "off"\n' for r in RULES if r != "listed-variant")
    (work / ".transaudit.toml").write_text(
        f'glossaries = ["glossary.yaml"]\nno-default-glossary = true\n{off}', encoding="utf-8")
    run("git", "init", "-q", "-b", "main")
    run(sys.executable, "-m", "pre_commit", "install")
    return work, run


def test_commit_with_an_artifact_is_refused_and_a_clean_one_passes(repo):
    work, run = repo
    # the glossary lists the wrong form, but YAML is not a type the hook checks
    run("git", "add", ".pre-commit-config.yaml", ".transaudit.toml", "glossary.yaml")
    run("git", "commit", "-q", "-m", "desk setup")

    (work / "gulf.md").write_text(DIRTY, encoding="utf-8")
    run("git", "add", "gulf.md")
    refused = run("git", "commit", "-m", "gulf talks", check=False)
    output = refused.stdout + refused.stderr  # git shows the hook's output on stderr
    assert refused.returncode != 0
    assert "transaudit" in output and "Failed" in output
    assert "gulf.md:3:" in output and "[listed-variant]" in output
    assert "Middle East Institute" in output
    assert run("git", "rev-list", "--count", "HEAD").stdout.strip() == "1"

    (work / "gulf.md").write_text(CLEAN, encoding="utf-8")
    run("git", "add", "gulf.md")
    passed = run("git", "commit", "-m", "gulf talks")
    assert "Passed" in passed.stdout + passed.stderr
    assert run("git", "rev-list", "--count", "HEAD").stdout.strip() == "2"


def test_plain_text_and_html_are_checked_too(repo):
    work, run = repo
    (work / "wire.txt").write_text("Experts at the Near East Institute disagreed.\n", encoding="utf-8")
    (work / "page.html").write_text("<p>The Near East Institute said.</p>\n", encoding="utf-8")
    run("git", "add", ".")
    refused = run("git", "commit", "-m", "wire", check=False)
    output = refused.stdout + refused.stderr
    assert refused.returncode != 0
    assert "wire.txt:1:" in output and "page.html:1:" in output
