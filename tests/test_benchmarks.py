"""benchmarks/run.py --quick: the whole pipeline on the smallest data, and reports that parse."""
from __future__ import annotations

import json
import subprocess
import sys

from conftest import ROOT


def test_quick_benchmark_writes_both_reports(tmp_path):
    out = tmp_path / "reports"
    proc = subprocess.run([sys.executable, str(ROOT / "benchmarks" / "run.py"), "--quick", "--no-textlint",
                           "--no-stages", "--silent", "--out", str(out), "--data", str(tmp_path / "data")],
                          capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    report = json.loads((out / "benchmarks.json").read_text(encoding="utf-8"))
    rows = {(r["tool"], r["entries"], r["size"]): r for r in report["rows"]}
    assert set(rows) == {(tool, 100, "100K") for tool in
                         ("floor", "transaudit exact", "transaudit all", "transaudit all -j1")}
    for r in rows.values():
        assert r["files"] == 19 and 0.09 < r["megabytes"] < 0.11
        assert r["seconds"] > 0 and r["mb_per_s"] > 0 and r["rss_mb"] > 5
    assert rows[("floor", 100, "100K")]["vs_floor"] == 1.0
    assert report["cold_lint"]["lint_ms"] > report["cold_lint"]["python_pass_ms"] > 0
    assert report["cache_load"]["100"]["patterns"] > 100
    assert "langdetect" not in report["imports"]["clean"]   # clean English never needs it
    goals = {g["goal"]: g for g in report["goals"]}
    assert len(goals) == 9
    assert all(g["met"] is None for g in goals.values() if g["value"] is None)
    assert "textlint skipped" in " ".join(report["notes"])
    md = (out / "benchmarks.md").read_text(encoding="utf-8")
    assert "| tool | entries | text | files | MB/s | x floor | peak RSS MB | seconds |" in md
    assert "| floor | 100 | 100K | 19 |" in md and "## Goals (issue 8)" in md
    manifest = json.loads((tmp_path / "data" / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["glossaries"]["100"]["wrong_forms"] > 100
    assert manifest["texts"]["text-100K"]["artifacts"] > 0 and manifest["texts"]["clean-100K"]["artifacts"] == 0


def test_generator_is_seeded_and_its_glossaries_load(tmp_path):
    sys.path.insert(0, str(ROOT / "benchmarks"))
    import generator
    from transaudit.glossary import load_glossaries

    first, again, other = generator.entries(400, 8), generator.entries(400, 8), generator.entries(400, 9)
    assert first == again and first != other
    assert generator.entries(100, 8) == first[:100]  # the glossaries are prefixes of one stream
    kinds = {e["kind"] for e in first}
    assert kinds == {"person", "place", "organization", "term", "weapon"}
    path = tmp_path / "g.yaml"
    path.write_text(generator.glossary_yaml(first, "bench"), encoding="utf-8")
    glossary = load_glossaries([path], include_default=False)  # no surface form claimed twice
    assert len(glossary.entries) == 400
    person = next(e for e in glossary.entries if e.kind == "person")
    assert person.native[0][0] == "ru" and person.variants and " " in person.canonical
    pairs = generator.wrong_pairs(first)
    assert len(pairs) > 400
    assert all(w != r for w, r in pairs)
