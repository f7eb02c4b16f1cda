"""On-disk cache of compiled glossaries.

The key is the SHA-256 of the package version, the shipped data files (tables, default glossary),
the source of the modules that compile a glossary, and the bytes of every glossary file in merge
order, so a changed file, a changed compiler or a new version never reads a stale entry. A
missing, corrupt or unreadable cache entry is rebuilt; writes are atomic, and a cache that cannot
be written (read-only, full) only costs time. The directory keeps the KEEP most recently used
entries. Set TRANSAUDIT_CACHE_DIR to move the cache, TRANSAUDIT_NO_CACHE=1 to disable it.

An entry is a protocol-5 pickle whose large buffers (the columns of packed.py) follow it in the
file, out of band: a read maps the file and hands the pickle views of it, so loading copies
nothing and a lint pages in only the parts of the glossary its text touches. Layout: MAGIC, the
pickle's length and the number of buffers (little-endian u64), (offset, length) of each buffer,
the pickle, then the buffers at 8-byte boundaries.
"""
from __future__ import annotations

import hashlib
import mmap
import os
import pickle
import struct
import tempfile
import weakref
from functools import lru_cache
from importlib import resources
from pathlib import Path

FORMAT = 3
KEEP = 16
MAGIC = b"TAGLOSS\x03"
PROTOCOL = 5  # out-of-band buffers
# Written in small pieces, a file sits in the page cache in small pages, and a read of one byte of
# the mapped file maps 64 KB around it; written at once it may sit in pages of a few MB, each
# mapped (and counted in the process's RSS) whole.
WRITE_SIZE = 1 << 16
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
        compiled = load_mapped(path)
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
        chunks = dump_chunks(compiled)
    except (pickle.PicklingError, TypeError, AttributeError):
        return  # an object pickle refuses only costs time
    if write_bytes(directory / f"{cache_key}.pickle", chunks):
        _prune(directory)


def dump_chunks(obj) -> list:
    """The file of `obj` (see the module docstring) as a list of bytes-like chunks."""
    buffers: list[pickle.PickleBuffer] = []
    data = pickle.dumps(obj, protocol=PROTOCOL, buffer_callback=buffers.append)
    raws = [b.raw() for b in buffers]
    head = len(MAGIC) + 16 + 16 * len(raws)
    position = head + len(data)
    chunks, spans = [data], []
    for raw in raws:
        pad = -position % 8
        chunks.append(bytes(pad))
        position += pad
        spans += (position, raw.nbytes)
        chunks.append(raw)
        position += raw.nbytes
    header = MAGIC + struct.pack(f"<QQ{len(spans)}Q", len(data), len(raws), *spans)
    return [header, *chunks]


# compiled glossary -> [the mapping its buffers live in, characters checked since the last release]
_MAPPINGS: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()
RELEASE_EVERY = 1 << 17


def release_pages(compiled, checked: int) -> None:
    """Count `checked` characters linted with `compiled`; every RELEASE_EVERY of them, take the
    mapped cache pages out of this process's resident set. They stay in the OS page cache and
    come back on the next access (a minor fault): a long run over many files keeps its memory
    near that of one file instead of growing towards the whole cache file."""
    state = _MAPPINGS.get(compiled)
    if state is None:
        return
    state[1] += checked
    if state[1] >= RELEASE_EVERY:
        state[1] = 0
        state[0].madvise(mmap.MADV_DONTNEED)


def load_mapped(path: Path):
    """Unpickle a file written from dump_chunks, its buffers left in the mapped file."""
    with open(path, "rb") as f:
        mapped = mmap.mmap(f.fileno(), 0, access=mmap.ACCESS_READ)
    if hasattr(mapped, "madvise") and hasattr(mmap, "MADV_RANDOM"):
        mapped.madvise(mmap.MADV_RANDOM)  # a lint reads a few scattered pieces: no read-ahead
    view = memoryview(mapped)
    if view[:len(MAGIC)] != MAGIC:
        raise ValueError("not a cache entry")
    length, count = struct.unpack_from("<QQ", mapped, len(MAGIC))
    spans = struct.unpack_from(f"<{2 * count}Q", mapped, len(MAGIC) + 16)
    head = len(MAGIC) + 16 + 16 * count
    if head + length > len(mapped) or any(o + n > len(mapped) for o, n in zip(spans[::2], spans[1::2])):
        raise ValueError("truncated cache entry")
    buffers = [view[o:o + n] for o, n in zip(spans[::2], spans[1::2])]
    compiled = pickle.loads(view[head:head + length], buffers=buffers)
    if hasattr(mapped, "madvise") and hasattr(mmap, "MADV_DONTNEED"):
        mapped.madvise(mmap.MADV_DONTNEED, 0, head + length)  # read: out of the RSS, not of the disk cache
        try:
            _MAPPINGS[compiled] = [mapped, 0]
        except TypeError:  # not weak-referenceable: never released
            pass
    return compiled


def write_bytes(path: Path, data) -> bool:
    """Write a cache file atomically (`data`: bytes, or a list of bytes-like chunks); False when
    the directory is read-only or full (a cache that cannot be written only costs time)."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
        try:
            with os.fdopen(fd, "wb") as f:
                for chunk in (data,) if isinstance(data, (bytes, bytearray, memoryview)) else data:
                    chunk = memoryview(chunk).cast("B")
                    for i in range(0, len(chunk), WRITE_SIZE):
                        f.write(chunk[i:i + WRITE_SIZE])
            os.replace(tmp, path)
        except BaseException:
            os.unlink(tmp)
            raise
    except OSError:
        return False
    return True


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
