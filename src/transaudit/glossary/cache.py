"""On-disk cache of compiled glossaries.

The key is the SHA-256 of the package version, the shipped data files (tables, default glossary),
the source of the modules that compile a glossary, and the bytes of every glossary file in merge
order, so a changed file, a changed compiler or a new version never reads a stale entry. A
missing, corrupt or unreadable cache entry is rebuilt; writes are atomic, and a cache that cannot
be written (read-only, full) only costs time. The directory keeps the KEEP most recently used
entries. Set TRANSAUDIT_CACHE_DIR to move the cache, TRANSAUDIT_NO_CACHE=1 to disable it.
"""
from __future__ import annotations

import hashlib
import os
import pickle
import tempfile
from functools import lru_cache
from importlib import resources
from pathlib import Path

FORMAT = 2
KEEP = 16
# modules whose code decides what a compiled glossary holds
COMPILER_SOURCES = ("glossary", "inference", "romanize.py", "normalize.py", "inflect.py")


def cache_dir() -> Path | None:
    if os.environ.get("TRANSAUDIT_NO_CACHE"):
        return None
    explicit = os.environ.get("TRANSAUDIT_CACHE_DIR")
    if explicit:
        return Path(explicit)
    from platformdirs import user_cache_dir

    return Path(user_cache_dir("transaudit"))


@lru_cache(maxsize=1)
def _data_digest() -> str:
    from .. import __version__

    h = hashlib.sha256(f"{__version__}|{FORMAT}".encode())
    root = resources.files("transaudit")
    package = Path(str(root))
    for path in sorted(package.rglob("*.py")):  # the code that compiles, so edits never read stale
        h.update(path.read_bytes())
    for folder in ("data", "glossaries"):
        base = Path(str(root / folder))
        for path in sorted(base.rglob("*")):
            if path.is_file() and path.suffix in (".yaml", ".yml", ".csv", ".json"):
                h.update(str(path.relative_to(base)).encode())
                h.update(path.read_bytes())
    base = Path(str(root))
    for name in COMPILER_SOURCES:
        for path in sorted(base.joinpath(name).rglob("*.py")) if base.joinpath(name).is_dir() else [base / name]:
            h.update(str(path.relative_to(base)).encode())
            h.update(path.read_bytes())
    return h.hexdigest()


def key(files: list[tuple[str, bytes]], include_default: bool, infer: bool = True) -> str:
    h = hashlib.sha256(_data_digest().encode())
    h.update(f"|{include_default}|{infer}".encode())
    for label, data in files:
        h.update(b"\0" + label.encode() + b"\0" + hashlib.sha256(data).digest())
    return h.hexdigest()


def read(cache_key: str):
    directory = cache_dir()
    if directory is None:
        return None
    path = directory / f"{cache_key}.pickle"
    try:
        with open(path, "rb") as f:
            compiled = pickle.load(f)
    except Exception:  # missing, truncated or from another Python: rebuild
        return None
    try:
        os.utime(path)  # most recently used: kept by _prune
    except OSError:
        pass
    return compiled


def write(cache_key: str, compiled) -> None:
    directory = cache_dir()
    if directory is None:
        return
    try:
        directory.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=directory, suffix=".tmp")
        try:
            with os.fdopen(fd, "wb") as f:
                pickle.dump(compiled, f, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(tmp, directory / f"{cache_key}.pickle")
        except BaseException:
            os.unlink(tmp)
            raise
        _prune(directory)
    except (OSError, pickle.PicklingError, TypeError, AttributeError):
        pass  # a read-only or full cache directory, or an object pickle refuses, only costs time


def _prune(directory: Path, keep: int = KEEP) -> None:
    """Delete all but the `keep` most recently used entries (each may be tens of MB)."""
    entries = []
    for path in directory.glob("*.pickle"):
        try:
            entries.append((path.stat().st_mtime, path))
        except OSError:
            continue
    for _, path in sorted(entries, reverse=True)[keep:]:
        try:
            path.unlink()
        except OSError:
            pass
