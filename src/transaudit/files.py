"""Finding the files to check and reading them."""
from __future__ import annotations

import errno
import fnmatch
import os
import stat

from .document import DecodeError, Document, decode
from .limits import MAX_FILE_BYTES, describe_size


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
            try:
                st = os.stat(root)
            except OSError:  # removed while walking
                dirs[:] = []
                continue
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


def read_bytes(path, max_bytes: int) -> bytes:
    """At most `max_bytes` + 1 bytes of a regular file, even one growing while it is read.

    A directory raises IsADirectoryError; a FIFO, socket or device (which could block or never
    end) raises OSError "not a regular file" without being read."""
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    try:
        mode = os.fstat(fd).st_mode
        if stat.S_ISDIR(mode):
            raise IsADirectoryError(errno.EISDIR, "is a directory", str(path))
        if not stat.S_ISREG(mode):
            raise OSError(errno.EINVAL, "not a regular file", str(path))
        with os.fdopen(fd, "rb") as f:
            fd = None
            return f.read(max_bytes + 1)
    finally:
        if fd is not None:
            os.close(fd)


def read(path: str, stdin=None, max_bytes: int = MAX_FILE_BYTES) -> str:
    """Decoded text of a file (or stdin for '-'); raises OSError/DecodeError with a readable message."""
    data = stdin.read(max_bytes + 1) if path == "-" else read_bytes(path, max_bytes)
    if len(data) > max_bytes:
        what = "input" if path == "-" else "file"
        raise OSError(errno.EFBIG, f"{what} larger than {describe_size(max_bytes)} (--max-file-size)")
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
