"""The on-disk cache of compiled glossaries (glossary/cache.py, used by linter.load).

A cached glossary must behave exactly like a freshly compiled one; a corrupt, stale or
unwritable cache must cost time only, never a wrong result or a crash.
"""
from __future__ import annotations

import mmap
import os
import pickle
from pathlib import Path

import pytest

from conftest import DESK
from transaudit.config import Config
from transaudit.glossary import CompiledGlossary, cache, compile_glossary, load_glossaries
from transaudit.linter import lint_text, load

TEXT = ("Evgheni Prigojin's fighters left Bakhmut. The Pantîr battery near Kiev was hit, and "
        "the special services' report blamed a missile complex. PANTYR crews said nothing.\n")
ONLY_GLOSSARY_RULES = Config(default_glossary=False, rules={r: {"severity": "off"} for r in (
    "romanization", "institution", "fuzzy-name", "untranslated", "mixed-script", "inconsistency")})


@pytest.fixture
def cache_dir(tmp_path, monkeypatch) -> Path:
    directory = tmp_path / "cache"
    monkeypatch.setenv("TRANSAUDIT_CACHE_DIR", str(directory))
    monkeypatch.delenv("TRANSAUDIT_NO_CACHE", raising=False)
    return directory


def desk_copy(tmp_path: Path) -> Path:
    path = tmp_path / "desk.yaml"
    path.write_bytes(DESK.read_bytes())
    return path


def entries_on_disk(directory: Path) -> list[Path]:
    return sorted(directory.glob("*.pickle")) if directory.is_dir() else []


def findings(compiled) -> list[tuple]:
    out = []
    for f in lint_text(TEXT, "article.md", glossary=compiled, config=ONLY_GLOSSARY_RULES):
        assert TEXT[f.start:f.end] == f.text
        out.append((f.rule, f.text, f.start, f.suggestions, f.entry, f.confidence, f.message))
    return out


def test_cached_glossary_reports_what_a_fresh_one_reports(cache_dir, tmp_path):
    desk = desk_copy(tmp_path)
    fresh = compile_glossary(load_glossaries([desk], include_default=False))
    first = load(Config(), [desk], default=False)      # compiles and writes the cache
    assert len(entries_on_disk(cache_dir)) == 1
    second = load(Config(), [desk], default=False)     # reads it back
    assert second is not first
    got = findings(second)
    assert got == findings(fresh) == findings(first)
    by_text = {g[1]: g for g in got}
    # possessives are read after any key, ALL CAPS names match, plural possessive of a term
    assert by_text["Pantîr"][3] == ("Pantsir",)
    assert by_text["PANTYR"][3] == ("PANTSIR",)
    assert by_text["special services'"][3] == ("intelligence services'",)
    assert by_text["missile complex"][3] == ("missile system",)
    prigojin = by_text.get("Evgheni Prigojin's") or by_text["Prigojin's"]
    assert prigojin[0] == "listed-variant" and prigojin[3][0].endswith("Prigozhin's")
    assert second.glossary == fresh.glossary and second.glossary.hash == fresh.glossary.hash
    assert list(second.patterns) == list(fresh.patterns)
    assert second.correct_keys == fresh.correct_keys
    assert list(second.patterns.correct()) == list(fresh.patterns.correct())
    assert second.prepared and second.prepared == first.prepared   # detectors' data came from the cache


def test_corrupt_cache_file_is_ignored_and_rebuilt(cache_dir, tmp_path):
    desk = desk_copy(tmp_path)
    expected = findings(load(Config(), [desk], default=False))
    [entry] = entries_on_disk(cache_dir)
    whole = entry.read_bytes()
    for garbage in (b"", b"not a pickle at all", whole[:100], whole[:-9], whole[:len(whole) // 2]):
        entry.write_bytes(garbage)
        rebuilt = load(Config(), [desk], default=False)
        assert isinstance(rebuilt, CompiledGlossary)
        assert findings(rebuilt) == expected
        # the entry was written again and now loads
        assert isinstance(cache.load_mapped(entry), CompiledGlossary)


def test_a_pickle_of_something_else_is_not_used(cache_dir, tmp_path):
    desk = desk_copy(tmp_path)
    expected = findings(load(Config(), [desk], default=False))
    [entry] = entries_on_disk(cache_dir)
    entry.write_bytes(pickle.dumps({"not": "a glossary"}))
    assert findings(load(Config(), [desk], default=False)) == expected


def test_editing_the_glossary_changes_the_key(cache_dir, tmp_path):
    desk = desk_copy(tmp_path)
    before = load(Config(), [desk], default=False)
    assert [f[1] for f in findings(before)].count("Bakhmut") == 0
    desk.write_text(desk.read_text(encoding="utf-8")
                    + "  - canonical: Bakhmut\n    kind: place\n    variants: [Bahmut]\n", encoding="utf-8")
    text = "Russian forces shelled Bahmut again on Tuesday, officials said.\n"
    stale = lint_text(text, glossary=before, config=ONLY_GLOSSARY_RULES)
    assert stale == []
    after = load(Config(), [desk], default=False)
    assert len(entries_on_disk(cache_dir)) == 2
    [f] = lint_text(text, glossary=after, config=ONLY_GLOSSARY_RULES)
    assert (f.rule, f.text, f.suggestions, text[f.start:f.end]) == ("listed-variant", "Bahmut", ("Bakhmut",), "Bahmut")
    # the unchanged default-off/on switch and file set give the same key again
    paths = [(str(desk), desk.read_bytes())]
    assert cache.key(paths, False) == cache.key(paths, False) != cache.key(paths, True)


def test_no_cache_variable_disables_reading_and_writing(cache_dir, tmp_path, monkeypatch):
    desk = desk_copy(tmp_path)
    monkeypatch.setenv("TRANSAUDIT_NO_CACHE", "1")
    assert cache.cache_dir() is None
    compiled = load(Config(), [desk], default=False)
    assert findings(compiled)
    assert not cache_dir.exists()
    cache.write("0" * 64, compiled)
    assert cache.read("0" * 64) is None and not cache_dir.exists()


def test_unwritable_cache_directory_only_costs_time(tmp_path, monkeypatch):
    # chmod cannot stop root (CI runs as root), so the directory is made impossible to create:
    # its parent is a regular file.
    blocker = tmp_path / "not-a-directory"
    blocker.write_text("x")
    monkeypatch.setenv("TRANSAUDIT_CACHE_DIR", str(blocker / "cache"))
    monkeypatch.delenv("TRANSAUDIT_NO_CACHE", raising=False)
    desk = desk_copy(tmp_path)
    first = load(Config(), [desk], default=False)
    second = load(Config(), [desk], default=False)
    assert findings(first) == findings(second) != []
    assert blocker.read_text() == "x"


def test_read_only_cache_directory(cache_dir, tmp_path, monkeypatch):
    desk = desk_copy(tmp_path)
    cache_dir.mkdir()

    def refuse(*args, **kwargs):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(cache.tempfile, "mkstemp", refuse)
    compiled = load(Config(), [desk], default=False)
    assert findings(compiled)
    assert entries_on_disk(cache_dir) == []
    assert not list(cache_dir.iterdir())  # no temporary file left behind either


def test_failed_write_leaves_no_temporary_file(cache_dir, tmp_path, monkeypatch):
    desk = desk_copy(tmp_path)

    def full_disk(*args, **kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(cache.os, "replace", full_disk)
    assert findings(load(Config(), [desk], default=False))
    assert list(cache_dir.iterdir()) == []


def test_old_entries_are_pruned(cache_dir, tmp_path):
    compiled = compile_glossary(load_glossaries([DESK], include_default=False), infer=False)
    for i in range(cache.KEEP + 3):
        cache.write(f"{i:064x}", compiled)
        os.utime(cache_dir / f"{i:064x}.pickle", (1_000_000 + i, 1_000_000 + i))
    cache._prune(cache_dir)
    kept = {p.name for p in entries_on_disk(cache_dir)}
    assert kept == {f"{i:064x}.pickle" for i in range(3, cache.KEEP + 3)}
    assert isinstance(cache.read(f"{cache.KEEP + 2:064x}"), CompiledGlossary)


def test_cached_glossary_reads_entries_and_columns_from_the_mapped_file(cache_dir, tmp_path):
    desk = desk_copy(tmp_path)
    fresh = compile_glossary(load_glossaries([desk], include_default=False))
    load(Config(), [desk], default=False)
    cached = load(Config(), [desk], default=False)
    # the big columns are views of the mapped cache file, not copies
    for column in (cached.automaton.hits, cached.patterns._forms._blob, cached.glossary.entries._rows._blob):
        assert isinstance(column, memoryview) and isinstance(column.obj, mmap.mmap)
    # entries are unpickled one by one, and behave like the compiled tuple and dict
    assert cached.entries["prigozhin"] == fresh.entries["prigozhin"]
    assert cached.entries["prigozhin"] is cached.glossary.entries[list(cached.entries).index("prigozhin")]
    assert "nobody" not in cached.entries and cached.entries.get("nobody") is None
    with pytest.raises(KeyError):
        cached.entries["nobody"]
    assert dict(cached.entries) == fresh.entries and list(cached.entries.values()) == list(fresh.entries.values())
    assert tuple(cached.glossary.entries) == fresh.glossary.entries == cached.glossary.entries
    assert cached.glossary.entries[-1] == fresh.glossary.entries[-1] and len(cached.glossary) == len(fresh.glossary)
    assert "pantsir" in cached.correct_keys and "pantyr" not in cached.correct_keys and 7 not in cached.correct_keys


def _rss_file_kb() -> int:
    with open("/proc/self/status") as f:
        return next(int(line.split()[1]) for line in f if line.startswith("RssFile:"))


@pytest.mark.skipif(not Path("/proc/self/status").exists(), reason="needs Linux /proc")
def test_mapped_pages_are_released_as_a_run_goes_on(cache_dir, tmp_path, monkeypatch):
    """Every RELEASE_EVERY characters checked, the cache file's pages leave the resident set (the
    next lookups fault them back in from the page cache) and the findings do not change."""
    from transaudit.linter import lint_file

    desk = desk_copy(tmp_path)
    load(Config(), [desk], default=False)
    cached = load(Config(), [desk], default=False)
    article = tmp_path / "article.md"
    article.write_text(TEXT * 200, encoding="utf-8")
    monkeypatch.setattr(cache, "RELEASE_EVERY", 10 * len(TEXT) * 200)
    released = []
    mapped = cache._MAPPINGS[cached][0]
    monkeypatch.setitem(cache._MAPPINGS, cached, [_Spy(mapped, released), 0])
    results = [lint_file(str(article), cached, ONLY_GLOSSARY_RULES) for _ in range(25)]
    assert len(released) == 2                      # after the 10th and the 20th file
    assert all(r.findings == results[0].findings for r in results) and len(results[0].findings) == 1200
    touched = _rss_file_kb()
    mapped.madvise(mmap.MADV_DONTNEED)
    assert _rss_file_kb() < touched


class _Spy:
    def __init__(self, mapped, calls: list):
        self.mapped, self.calls = mapped, calls

    def madvise(self, *args):
        self.calls.append(args)
        return self.mapped.madvise(*args)


@pytest.mark.parametrize("protocol", [2, 4, 5])
def test_a_cached_glossary_pickles_again(cache_dir, tmp_path, protocol):
    """dask and the service send compiled glossaries to other processes with plain pickle."""
    desk = desk_copy(tmp_path)
    load(Config(), [desk], default=False)
    cached = load(Config(), [desk], default=False)
    again = pickle.loads(pickle.dumps(cached, protocol=protocol))
    fresh = pickle.loads(pickle.dumps(compile_glossary(load_glossaries([desk], include_default=False)),
                                      protocol=protocol))
    assert findings(again) == findings(fresh) == findings(cached) != []
    assert list(again.patterns) == list(cached.patterns) and again.entries == cached.entries
