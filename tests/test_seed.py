"""The seed article (a Romanian news story machine-translated to English) with the DEFAULT glossary.

Runs whenever TRANSAUDIT_SEED names the seed file (.ci/run sets it); skipped only when it is unset.
"""
from __future__ import annotations

import os
from pathlib import Path

import pytest

SEED = os.environ.get("TRANSAUDIT_SEED")

pytestmark = pytest.mark.skipif(not SEED, reason="TRANSAUDIT_SEED is not set")

# (text, line, first suggestion): the translation artifacts a desk editor would fix
EXPECTED = [
    ("Pantyr", 3, "Pantsir"),                                   # the glued photo caption
    ("missile complex", 3, "missile system"),
    ("special services", 5, "intelligence services"),
    ("Pantîr", 7, "Pantsir"),                                   # Romanian romanization of Панцирь
    ("Near East Institute", 15, "Middle East Institute"),
    ("unilateral strike drones", 17, "one-way attack drones"),
]


def test_seed_findings(run_cli):
    path = Path(SEED)
    assert path.is_file(), f"TRANSAUDIT_SEED={SEED} is not a file"
    text = path.read_bytes().decode("utf-8-sig")
    result = run_cli("lint", "--format", "json", path)
    assert result.code == 1, result.stderr
    [item] = result.json["files"]
    assert item["path"] == str(path) and "error" not in item
    for f in item["findings"]:
        assert text[f["start"]:f["end"]] == f["text"]
    reported = [(f["text"], f["line"], f["suggestions"][0] if f["suggestions"] else None)
                for f in item["findings"] if f["severity"] in ("error", "warning")]
    assert reported == EXPECTED
