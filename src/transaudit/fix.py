"""Applying suggestions (`--fix`) and showing them (`--diff`).

Only `error` findings whose confidence reaches the threshold are fixed, with their first suggestion
(which already carries the text's inflection and case), back to front so earlier offsets stay valid.
Files are replaced atomically and never when they changed after they were read.
"""
from __future__ import annotations

import difflib
import os
import stat
import tempfile

from .document import decode
from .finding import Finding, Severity

BOM = b"\xef\xbb\xbf"


class Conflict(OSError):
    """The file changed between checking and writing: it is left alone."""


def fixable(findings, min_confidence: float) -> list[Finding]:
    """The findings --fix applies, in text order, without overlaps (the earlier one wins)."""
    chosen: list[Finding] = []
    for f in sorted(findings, key=lambda f: (f.start, -f.end)):
        if f.severity is not Severity.ERROR or not f.suggestions or f.confidence < min_confidence:
            continue
        if f.suggestions[0] == f.text or (chosen and f.start < chosen[-1].end):
            continue
        chosen.append(f)
    return chosen


def apply(text: str, findings) -> str:
    """`text` with each finding's span replaced by its first suggestion, back to front."""
    for f in sorted(findings, key=lambda f: f.start, reverse=True):
        if text[f.start:f.end] != f.text:
            raise ValueError(f"finding {f.rule} at {f.start} does not match the text")
        text = text[:f.start] + f.suggestions[0] + text[f.end:]
    return text


def diff(old: str, new: str, path: str) -> str:
    """A unified diff of the fix; line endings are kept as they are in the file."""
    lines = difflib.unified_diff(old.splitlines(keepends=True), new.splitlines(keepends=True),
                                 fromfile=f"a/{path}", tofile=f"b/{path}")
    out = []
    for line in lines:
        out.append(line if line.endswith(("\n", "\r")) else line + "\n\\ No newline at end of file\n")
    return "".join(out)


def encode(text: str, bom: bool) -> bytes:
    return (BOM if bom else b"") + text.encode("utf-8")


def _fsync_dir(directory: str) -> None:
    try:
        fd = os.open(directory, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def _default_mode() -> int:
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask


def atomic_write(path: str, data: bytes, expect: tuple[bytes, os.stat_result] | None = None) -> None:
    """Replace `path` by `data`: a temporary file in the same directory, fsync, os.replace.

    The permissions (and, when allowed, the owner) of an existing file are kept. With `expect`
    (the bytes and stat read earlier), the file is compared again right before the replacement and
    left untouched (Conflict) if it changed.
    """
    path = os.path.realpath(path)
    directory, name = os.path.split(path)
    try:
        before = os.stat(path)
    except FileNotFoundError:
        before = None
    fd, tmp = tempfile.mkstemp(prefix=f".{name}.", suffix=".transaudit-tmp", dir=directory)
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        os.chmod(tmp, stat.S_IMODE(before.st_mode) if before else _default_mode())
        if before is not None:
            try:
                os.chown(tmp, before.st_uid, before.st_gid)
            except OSError:
                pass
        if expect is not None:
            _check_unchanged(path, *expect)
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise
    _fsync_dir(directory)


def _check_unchanged(path: str, raw: bytes, seen: os.stat_result) -> None:
    try:
        now = os.stat(path)
        with open(path, "rb") as f:
            current = f.read()
    except FileNotFoundError:
        raise Conflict("was removed while being fixed; not written") from None
    if (now.st_mtime_ns, now.st_size, now.st_ino) != (seen.st_mtime_ns, seen.st_size, seen.st_ino) \
            or current != raw:
        raise Conflict("changed while being fixed; not written")


def write(path: str, checked_text: str, new_text: str) -> None:
    """Write the fixed text over `path`, if the file still holds `checked_text` (BOM and newlines
    are kept: the fix only replaces spans inside the decoded text)."""
    real = os.path.realpath(path)
    with open(real, "rb") as f:
        raw = f.read()
        seen = os.fstat(f.fileno())
    if decode(raw) != checked_text:
        raise Conflict("changed after it was checked; not written")
    atomic_write(real, encode(new_text, raw.startswith(BOM)), expect=(raw, seen))
