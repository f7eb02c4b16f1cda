"""Resource limits: how much text transaudit reads, and how long its expensive rules may take.

- `max_file_bytes` (`--max-file-size`, default 50 MB): a larger file (or stdin) is not read; it is
  reported as a file error (exit 2), like an unreadable one.
- `max_line_chars` (`--max-line-length`, default 100,000 characters): the expensive rules
  (EXPENSIVE_RULES) skip longer lines; each rule that skipped something says so in one `info`
  finding at the first such line. The cheap rules still check every line.
- `rule_seconds` (`--time-budget`, default 10 s): the time each expensive rule may spend on one
  document; a rule over budget stops and says so in one `info` finding where it stopped.
- `max_findings` (`--max-findings`, default 10,000): the findings one rule may report in one
  document (nobody reads more, and each costs memory); then the rule stops, with an `info` finding.

These limit findings carry the rule's own id (so `transaudit-disable RULE` silences them too), the
category `other/resource-limit`, an empty span and no suggestion. See docs/limits.md.
"""
from __future__ import annotations

import argparse
import math
import re
import time
from dataclasses import dataclass

MAX_FILE_BYTES = 50 * 2**20
MAX_LINE_CHARS = 100_000
RULE_SECONDS = 10.0
MAX_FINDINGS = 10_000
EXPENSIVE_RULES = ("institution", "fuzzy-name", "untranslated", "inconsistency")
CATEGORY = "other/resource-limit"

_SIZE = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*([kmg]?)(?:i?b)?\s*$", re.I)
_UNITS = {"": 1, "k": 2**10, "m": 2**20, "g": 2**30}


@dataclass(frozen=True)
class Limits:
    max_file_bytes: int = MAX_FILE_BYTES
    max_line_chars: int = MAX_LINE_CHARS
    rule_seconds: float = RULE_SECONDS
    max_findings: int = MAX_FINDINGS


def parse_size(text: str) -> int:
    """'50MB', '512k', '1000000' -> bytes (K, M, G are powers of 1024); ValueError otherwise."""
    m = _SIZE.match(text)
    if not m:
        raise ValueError(f"invalid size '{text}' (expected a number of bytes, or e.g. 512K, 50MB)")
    return int(float(m.group(1)) * _UNITS[m.group(2).lower()])


def describe_size(size: int) -> str:
    """10485760 -> '10 MB', 1536 -> '1.5 KB', 12 -> '12 bytes'."""
    for unit, factor in (("GB", 2**30), ("MB", 2**20), ("KB", 2**10)):
        if size >= factor:
            return f"{size / factor:.1f}".removesuffix(".0") + f" {unit}"
    return f"{size} byte{'s' * (size != 1)}"


def _size_arg(text: str) -> int:
    try:
        size = parse_size(text)
    except ValueError as e:
        raise argparse.ArgumentTypeError(str(e)) from None
    if size < 1:
        raise argparse.ArgumentTypeError(f"invalid size '{text}' (expected 1 byte or more)")
    return size


def positive_int(what: str):
    """argparse type: a whole number, 1 or more; the error names `what` ("length", "number of jobs")."""
    def parse(text: str) -> int:
        if not text.strip().isdigit() or int(text) < 1:
            raise argparse.ArgumentTypeError(f"invalid {what} '{text}' (expected a whole number, 1 or more)")
        return int(text)

    return parse


def _seconds_arg(text: str) -> float:
    try:
        seconds = float(text)
    except ValueError:
        seconds = math.nan
    if not seconds > 0:  # also refuses nan
        raise argparse.ArgumentTypeError(f"invalid time budget '{text}' (expected seconds, more than 0)")
    return seconds


def add_arguments(parser) -> None:
    """The --max-file-size, --max-line-length and --time-budget flags."""
    parser.add_argument("--max-file-size", type=_size_arg, default=MAX_FILE_BYTES, metavar="SIZE",
                        help="larger files are not checked but reported as errors (default: 50MB; "
                             "K, M, G suffixes)")
    parser.add_argument("--max-line-length", type=positive_int("length"), default=MAX_LINE_CHARS, metavar="CHARS",
                        help=f"longer lines are skipped by the rules {', '.join(EXPENSIVE_RULES)}, "
                             f"with an info finding (default: {MAX_LINE_CHARS})")
    parser.add_argument("--time-budget", type=_seconds_arg, default=RULE_SECONDS, metavar="SECONDS",
                        help="time each of those rules may spend on one file; then it stops, with an "
                             f"info finding (default: {RULE_SECONDS:g})")
    parser.add_argument("--max-findings", type=positive_int("number"), default=MAX_FINDINGS, metavar="N",
                        help=f"findings one rule may report in one file; then it stops, with an info "
                             f"finding (default: {MAX_FINDINGS})")


def from_args(args) -> Limits:
    """The Limits of parsed arguments (the defaults for commands without the flags)."""
    return Limits(getattr(args, "max_file_size", MAX_FILE_BYTES), getattr(args, "max_line_length", MAX_LINE_CHARS),
                  getattr(args, "time_budget", RULE_SECONDS), getattr(args, "max_findings", MAX_FINDINGS))


class Deadline:
    """A time budget for one rule on one document.

    `expired(offset)` is cheap enough to call once per word; the first call after the budget ran
    out records `offset` (how far the rule got) and every later call returns True.
    """

    def __init__(self, seconds: float = math.inf, clock=time.monotonic):
        self.seconds = seconds
        self._clock = clock
        self._at = clock() + seconds if math.isfinite(seconds) else math.inf
        self.offset: int | None = None

    def expired(self, offset: int = 0) -> bool:
        if self.offset is not None:
            return True
        if self._at == math.inf or self._clock() < self._at:
            return False
        self.offset = offset
        return True


NEVER = Deadline()  # never expires; a detector run without a budget gets this one


def long_lines(text: str, line_starts: list[int], limit: int) -> list[tuple[int, int]]:
    """(start, end) of the lines of `text` longer than `limit` characters, line breaks not counted."""
    if len(text) <= limit:
        return []
    out = []
    for s, e in zip(line_starts, line_starts[1:] + [len(text)]):
        if e - s <= limit:
            continue
        if text[e - 1:e] == "\n":
            e -= 1
        if text[e - 1:e] == "\r":
            e -= 1
        if e - s > limit:
            out.append((s, e))
    return out
