"""Finding the files to check and reading them."""
from __future__ import annotations

import fnmatch
import os
from pathlib import Path

from .document import DecodeError, Document, decode

MAX_FILE_BYTES = 50 * 1024 * 1024


def _matches(path: str, patterns) -> bool:
    name = os.path.basename(path)
    return any(fnmatch.fnmatch(name, p) or fnmatch.fnmatch(path, p) for p in patterns)


def walk(paths, include, exclude) -> list[str]:
    """Files named directly, then each directory's matching files, sorted; symlink loops skipped."""
    out: list[str] = []
    for p in paths:
        if p == "-" or not os.path.isdir(p):
            out.append(p)
            continue
        seen: set[tuple[int, int]] = set()
        found = []
        for root, dirs, names in os.walk(p, followlinks=True):
            st = os.stat(root)
            if (st.st_dev, st.st_ino) in seen:
                dirs[:] = []
                continue
            seen.add((st.st_dev, st.st_ino))
            dirs[:] = sorted(d for d in dirs if not d.startswith(".") and not _matches(os.path.join(root, d), exclude))
            for n in names:
                full = os.path.join(root, n)
                if _matches(full, include) and not _matches(full, exclude):
                    found.append(full)
        out.extend(sorted(found))
    return out


def read(path: str, stdin=None, max_bytes: int = MAX_FILE_BYTES) -> str:
    """Decoded text of a file (or stdin for '-'); raises OSError/DecodeError with a readable message."""
    if path == "-":
        data = stdin.read()
    else:
        p = Path(path)
        if p.is_dir():
            raise OSError("is a directory")
        size = p.stat().st_size
        if size > max_bytes:
            raise OSError(f"file larger than {max_bytes // 2**20} MB")
        data = p.read_bytes()
    return decode(data)


def describe(exc: Exception) -> str:
    if isinstance(exc, DecodeError):
        return str(exc)
    if isinstance(exc, FileNotFoundError):
        return "no such file"
    if isinstance(exc, PermissionError):
        return "permission denied"
    if isinstance(exc, OSError):
        return exc.strerror or str(exc)
    return str(exc)


__all__ = ["walk", "read", "describe", "Document"]
