"""The fuzz harnesses in CI: every saved crash input replays cleanly (no atheris needed), and a short
coverage-guided run of each target (2,000 inputs, fixed seed) finds nothing (skipped without atheris).
The long runs are documented in README.md."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import SRC
from transaudit import _fuzz

HERE = Path(__file__).resolve().parent
REGRESSIONS = sorted((HERE / "regressions").glob("*/*"))


@pytest.fixture(scope="module")
def targets(tmp_path_factory):
    return {"lint": _fuzz.Lint(), "glossary": _fuzz.GlossaryTarget(str(tmp_path_factory.mktemp("glossary")))}


@pytest.mark.parametrize("path", REGRESSIONS, ids=[f"{p.parent.name}/{p.name}" for p in REGRESSIONS])
def test_saved_crash_inputs_replay_cleanly(targets, path):
    targets[path.parent.name](path.read_bytes())


def test_every_target_has_saved_inputs():
    assert {p.parent.name for p in REGRESSIONS} == set(_fuzz.TARGETS)


@pytest.mark.parametrize("target", ["lint", "glossary"])
def test_seed_corpus_comes_from_the_corpora(tmp_path, target):
    count = _fuzz.seed_corpus(target, tmp_path)
    names = sorted(os.listdir(tmp_path))
    assert len(names) == count
    if target == "lint":
        assert count > 40  # every corpus article, plus the markup seeds
        assert (tmp_path / names[-1]).read_bytes()[1:] in {p.read_bytes() for p in (SRC.parent / "corpora" / "texts").glob("*.*")}


@pytest.mark.parametrize("script", ["fuzz_lint.py", "fuzz_glossary.py"])
def test_short_fuzz_run_finds_nothing(tmp_path, script):
    pytest.importorskip("atheris")
    corpus = tmp_path / "corpus"
    _fuzz.seed_corpus("lint" if "lint" in script else "glossary", corpus)
    env = {**os.environ, "PYTHONPATH": str(SRC)}
    proc = subprocess.run([sys.executable, str(HERE / script), "-runs=2000", "-seed=1", "-max_len=4096",
                           "-timeout=30", "-rss_limit_mb=2048", f"-artifact_prefix={tmp_path}/", str(corpus)],
                          capture_output=True, text=True, env=env, timeout=300, cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr[-3000:]
    assert "Done 2000 runs" in proc.stderr
    assert not list(tmp_path.glob("crash-*"))
