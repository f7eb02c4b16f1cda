"""`transaudit lint --jobs N`: files checked in worker processes give exactly the serial output."""
from __future__ import annotations

import json
import os

import pytest

from conftest import desk_args
from transaudit import parallel

ARTICLES = [
    "Evgheni Prigojin's men left the city, officials said on Monday.\n",
    "A Pantîr battery was seen near Kiev, the ministry said.\n",
    "The special services said the missile complex had been moved.\n",
    "Talks in Geneva ended without an agreement, diplomats said.\n",   # clean
    "<!-- transaudit-disable-next-line -->\nPantyr crews were not available for comment.\n",
]


def make_tree(root, count: int = 26):
    """`count` articles in nested folders, one of them not UTF-8."""
    for i in range(count):
        folder = root / f"desk{i % 3}" / ("archive" if i % 2 else "")
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / f"{i:03d}.md"
        if i == 7:
            path.write_bytes(b"Broken \xff bytes\n")
        else:
            path.write_text(f"# Report {i}\n\n" + ARTICLES[i % len(ARTICLES)], encoding="utf-8")
    return root


@pytest.mark.parametrize("fmt", ["json", "text"])
def test_parallel_run_gives_the_serial_output(tmp_path, run_cli, fmt):
    tree = make_tree(tmp_path / "news")
    serial = run_cli("lint", *desk_args(), "--format", fmt, "--jobs", "1", tree)
    parallel_run = run_cli("lint", *desk_args(), "--format", fmt, "--jobs", "2", tree)
    assert serial.code == parallel_run.code == 2  # the undecodable file
    assert parallel_run.stdout == serial.stdout
    assert parallel_run.stderr == serial.stderr
    assert "000.md" in serial.stdout
    if fmt == "json":
        doc = parallel_run.json
        paths = [f["path"] for f in doc["files"]]
        assert len(paths) == 26 and paths == sorted(paths)  # input order: the directory walk, sorted
        broken = [f for f in doc["files"] if f["path"].endswith("007.md")]
        assert broken[0]["error"].startswith("not UTF-8 text")
        found = {(f["rule"], f["text"]) for item in doc["files"] for f in item["findings"]}
        assert ("listed-variant", "Evgheni Prigojin's") in found
        assert ("listed-variant", "Pantyr") not in found  # suppressed in every copy
        assert serial.stderr.count("error:") == 1


def test_several_paths_keep_their_order(tmp_path, run_cli):
    tree = make_tree(tmp_path / "news")
    paths = [tree / "desk2", tree / "desk0", tree / "desk1" / "archive" / "001.md", tree / "desk1"]
    serial = run_cli("lint", *desk_args(), "--format", "json", "--jobs", "1", *paths)
    parallel_run = run_cli("lint", *desk_args(), "--format", "json", "-j", "3", *paths)
    assert parallel_run.stdout == serial.stdout and parallel_run.code == serial.code
    shown = [f["path"] for f in parallel_run.json["files"]]
    assert shown[0].startswith(str(tree / "desk2")) and shown[-1].startswith(str(tree / "desk1"))


def test_bad_jobs_value_is_a_usage_error(run_cli, tmp_path):
    result = run_cli("lint", *desk_args(), "--jobs", "0", tmp_path)
    assert result.code == 2
    assert "invalid number of jobs '0'" in result.stderr


def test_small_inputs_stay_serial(tmp_path):
    small = make_tree(tmp_path / "small", 5)
    paths = sorted(str(p) for p in small.rglob("*.md"))
    assert parallel.jobs_for(4, paths) == 1
    many = sorted(str(p) for p in make_tree(tmp_path / "many", 26).rglob("*.md"))
    assert parallel.jobs_for(4, many) == 4
    assert parallel.jobs_for(64, many) == 26
    assert parallel.jobs_for(1, many) == 1
    assert parallel.jobs_for(4, many + ["-"]) == 1  # stdin is read by the parent only
    big = tmp_path / "big.md"
    big.write_text("Evgheni Prigojin said so. " * 50_000, encoding="utf-8")  # > 1 MB
    assert parallel.jobs_for(2, [str(big), paths[0]]) == 2
    assert parallel.default_jobs() >= 1


class _Profile:
    def __init__(self, name):
        self.config, self.compiled = name, None


class _Target:
    def __init__(self, path, profile):
        self.path, self.display, self.profile = path, path, profile


def _where(target, stdin):
    return (target.path, target.profile.config, os.getpid())


def test_files_really_go_to_other_processes(tmp_path):
    tree = make_tree(tmp_path / "news")
    a, b = _Profile("a"), _Profile("b")
    targets = [_Target(str(p), a if i % 2 else b) for i, p in enumerate(sorted(tree.rglob("*.md")))]
    results = list(parallel.check_all(targets, b"", _where, 2))
    assert [(r[0], r[1]) for r in results] == [(t.path, t.profile.config) for t in targets]
    assert results[0][2] == os.getpid()        # the first file warms this process's tables
    assert {r[2] for r in results[1:]} - {os.getpid()}
    serial = list(parallel.check_all(targets, b"", _where, 1))
    assert {r[2] for r in serial} == {os.getpid()}


def test_spawned_workers_load_the_glossary_from_the_cache(tmp_path, monkeypatch, capsys):
    """Where fork is not used (macOS, Windows), each worker loads the compiled glossary itself."""
    from transaudit import cli

    monkeypatch.setenv("TRANSAUDIT_CACHE_DIR", str(tmp_path / "cache"))
    tree = make_tree(tmp_path / "news")
    args = ["lint", *map(str, desk_args()), "--format", "json", str(tree)]
    assert cli.main([*args, "--jobs", "1"]) == 2
    serial = capsys.readouterr()
    monkeypatch.setattr(parallel, "start_method", lambda: "spawn")
    in_workers, returned = parallel._in_workers, []

    def spy(*a):
        count = 0
        for result in in_workers(*a):
            count += 1
            yield result
        returned.append(count)

    monkeypatch.setattr(parallel, "_in_workers", spy)
    assert cli.main([*args, "--jobs", "2"]) == 2
    spawned = capsys.readouterr()
    assert returned == [25]  # every file but the first came back from a worker (no serial fallback)
    assert spawned.out == serial.out and spawned.err == serial.err
    assert json.loads(spawned.out)["summary"]["files"] == 26


def test_workers_that_die_leave_the_rest_to_this_process(tmp_path, monkeypatch):
    tree = make_tree(tmp_path / "news")
    targets = [_Target(str(p), _Profile("a")) for p in sorted(tree.rglob("*.md"))]

    def broken(targets, check, jobs, glossaries, no_default):
        yield check(targets[0], b"")   # one file came back, then the pool broke
        raise parallel._Unavailable("worker killed")

    monkeypatch.setattr(parallel, "_in_workers", broken)
    results = list(parallel.check_all(targets, b"", _where, 2))
    assert [r[0] for r in results] == [t.path for t in targets]  # each file once, in order
