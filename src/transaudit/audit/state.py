"""Resumable progress: an append-only journal of checked articles beside the report.

`reports/NAME.journal.jsonl` starts with a header line (tool version, glossary hash, settings, field
names); every later line is the record of one checked article, keyed by its id and the fingerprint of
its input bytes. A run that finds a journal with the same header skips the articles it lists (a
changed article has another fingerprint and is checked again); a different header means another
glossary or configuration, and the journal starts over. Each record is flushed as it is written, so
an interrupt (Ctrl-C, a killed process) loses at most the article being written, whose torn line is
cut off on the next start. A completed audit deletes its journal. Reports are written atomically.
"""
from __future__ import annotations

import hashlib
import json
import os
import tempfile

from . import AuditError

FORMAT = 1


def temporary(path: str) -> tuple[int, str]:
    """(fd, name) of a new temporary file beside `path`, with the permissions a plain open() would
    give (mkstemp makes it private)."""
    directory = os.path.dirname(os.path.abspath(path))
    os.makedirs(directory, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=directory, prefix=".", suffix=".tmp")
    mask = os.umask(0)
    os.umask(mask)
    os.chmod(tmp, 0o666 & ~mask)
    return fd, tmp


def write_atomic(path: str, text: str) -> None:
    """Write `text` to `path` through a temporary file in the same directory and os.replace."""
    from ..fix import atomic_write

    os.makedirs(os.path.dirname(os.path.abspath(path)), exist_ok=True)
    atomic_write(path, text.encode("utf-8"))


class Journal:
    """Use as a context manager: `with Journal(path, header) as j: ... j.complete()`."""

    def __init__(self, path: str, header: dict, restart: bool = False):
        self.path = path
        self.header = {"transaudit-journal": FORMAT, **header}
        self.restart = restart
        self.index: dict[bytes, int] = {}  # digest of (id, input fingerprint) -> byte offset of the record
        self.note: str | None = None                 # why an existing journal was dropped
        self._file = None

    # -------------------------------------------------------------- opening

    def __enter__(self) -> "Journal":
        os.makedirs(os.path.dirname(os.path.abspath(self.path)), exist_ok=True)
        try:
            self._file = open(self.path, "a+b")
        except OSError as e:
            raise AuditError(f"{self.path}: cannot write the journal: {e.strerror or e}") from None
        self._lock()
        self._file.seek(0)
        first = self._file.readline()
        if not first:
            self._start()
        elif self.restart:
            self._start()
        elif _loads(first) != self.header:
            self.note = "the journal was written with another glossary, configuration or version: starting over"
            self._start()
        else:
            self._load(len(first))
        return self

    def __exit__(self, *exc) -> None:
        if self._file is not None:
            self._file.close()
            self._file = None

    def _lock(self) -> None:
        try:
            import fcntl
        except ImportError:  # not on POSIX: no locking
            return
        try:
            fcntl.flock(self._file.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            self._file.close()
            raise AuditError(f"{self.path}: another audit is writing this report") from None

    def _start(self) -> None:
        self._file.truncate(0)
        self._file.write(_dumps(self.header))
        self._file.flush()
        self.index.clear()

    def _load(self, offset: int) -> None:
        """Index every complete record; cut off a torn last line."""
        f = self._file
        f.seek(offset)
        while True:
            line = f.readline()
            if not line:
                break
            if not line.endswith(b"\n"):
                f.truncate(offset)
                break
            record = _loads(line)
            if isinstance(record, dict) and "id" in record and "input" in record:
                self.index[_digest((record["id"], record["input"]))] = offset
            offset += len(line)
        f.seek(0, os.SEEK_END)

    # -------------------------------------------------------------- use

    def __len__(self) -> int:
        return len(self.index)

    def has(self, key: tuple[str, str]) -> bool:
        return _digest(key) in self.index

    def get(self, key: tuple[str, str]) -> dict:
        f = self._file
        f.seek(self.index[_digest(key)])
        record = json.loads(f.readline())
        f.seek(0, os.SEEK_END)
        return record

    def append(self, record: dict) -> None:
        f = self._file
        f.seek(0, os.SEEK_END)
        offset = f.tell()
        f.write(_dumps(record))
        f.flush()
        self.index[_digest((record["id"], record["input"]))] = offset

    def complete(self) -> None:
        """The audit finished and its reports are written: the journal is no longer needed."""
        self.__exit__()
        try:
            os.unlink(self.path)
        except FileNotFoundError:
            pass


def _digest(key: tuple[str, str]) -> bytes:
    """16 bytes for an (id, fingerprint) key: the index of a 10-million-article journal stays near 1 GB."""
    return hashlib.blake2b("\0".join(key).encode("utf-8"), digest_size=16).digest()


def _dumps(obj: dict) -> bytes:
    return (json.dumps(obj, ensure_ascii=False, separators=(",", ":")) + "\n").encode("utf-8")


def _loads(line: bytes):
    try:
        return json.loads(line)
    except ValueError:
        return None
