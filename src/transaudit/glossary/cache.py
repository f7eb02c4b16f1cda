"""On-disk cache of compiled glossaries.

The key is the SHA-256 of the package version, the shipped data files (tables, default glossary)
and the bytes of every glossary file in merge order, so a changed file or a new version never
reads a stale entry. A missing, corrupt or unreadable cache entry is rebuilt; writes are atomic.
Set TRANSAUDIT_CACHE_DIR to move the cache, TRANSAUDIT_NO_CACHE=1 to disable it.
"""
from __future__ import annotations

import hashlib
import os
import pickle
import tempfile
from functools import lru_cache
from importlib import resources
from pathlib import Path

FORMAT = 1


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
    try:
        with open(directory / f"{cache_key}.pickle", "rb") as f:
            return pickle.load(f)
    except Exception:  # missing, truncated or from another Python: rebuild
        return None


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
    except OSError:
        pass  # a read-only or full cache directory only costs time
