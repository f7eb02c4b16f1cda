"""Checking many files in worker processes (`transaudit lint --jobs N`).

Only large inputs go to workers (more than MIN_FILES files or more than MIN_BYTES in total):
for a few articles, starting processes costs more than it saves. The results come back in
input order and each file's messages on stderr are replayed in that order, so the output is
exactly that of a serial run.

Each worker gets the run's compiled glossaries once, through the pool's initializer: on Linux
the workers are forked after the first file has been checked in the parent, so they share its
compiled glossaries and the tables the detectors cache per process; elsewhere (spawn) each
worker loads them from the on-disk cache (linter.load). If workers cannot be started, the files
are checked serially.
"""
from __future__ import annotations

import contextlib
import io
import os
import sys

MIN_FILES = 20
MIN_BYTES = 1 << 20

# the worker's state, set by _start()
_profiles: list = []
_check = None


def default_jobs() -> int:
    """The number of cores this process may run on."""
    try:
        return len(os.sched_getaffinity(0)) or 1
    except (AttributeError, OSError):
        return os.cpu_count() or 1


def jobs_for(requested: int | None, paths) -> int:
    """How many processes to use for these files: 1 (serial) unless the input is large."""
    jobs = default_jobs() if requested is None else requested
    paths = list(paths)
    if jobs <= 1 or len(paths) < 2 or "-" in paths:  # stdin is read by this process only
        return 1
    if len(paths) <= MIN_FILES and _total_size(paths) <= MIN_BYTES:
        return 1
    return min(jobs, len(paths))


def _total_size(paths) -> int:
    total = 0
    for p in paths:
        try:
            total += os.path.getsize(p)
        except OSError:
            pass
        if total > MIN_BYTES:
            break
    return total


def check_all(targets, stdin: bytes, check, jobs: int | None, glossaries=(), no_default: bool = False):
    """`check(target, stdin)` for every target, in parallel when worthwhile; yields the results in
    input order, each as soon as it and those before it are done (the caller need not keep them).

    `glossaries` and `no_default` are the run's --glossary files and --no-default-glossary,
    with which a spawned worker loads each configuration's compiled glossary from the cache."""
    jobs = jobs_for(jobs, [t.path for t in targets])
    if jobs <= 1:
        yield from (check(t, stdin) for t in targets)
        return
    yield check(targets[0], stdin)  # warms the per-process tables the workers inherit
    done = 1
    try:
        for result in _in_workers(targets[1:], check, jobs, glossaries, no_default):
            done += 1
            yield result
    except _Unavailable:  # go on serially where the workers stopped
        yield from (check(t, stdin) for t in targets[done:])


def start_method() -> str:
    """'fork' on Linux (the workers share the parent's memory), else 'spawn'."""
    import multiprocessing

    if sys.platform.startswith("linux") and "fork" in multiprocessing.get_all_start_methods():
        return "fork"
    return "spawn"


class _Unavailable(Exception):
    """Worker processes could not be started or died."""


def _in_workers(targets, check, jobs, glossaries, no_default):
    """Each target's result in order, its stderr messages replayed first."""
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor
    from concurrent.futures.process import BrokenProcessPool

    profiles: list = []
    index: dict[int, int] = {}
    for t in targets:
        if id(t.profile) not in index:
            index[id(t.profile)] = len(profiles)
            profiles.append(t.profile)
    if start_method() == "fork":
        context, payload = multiprocessing.get_context("fork"), ("profiles", profiles)
    else:
        specs = [(p.config, tuple(glossaries), p.config.default_glossary and not no_default) for p in profiles]
        context, payload = multiprocessing.get_context("spawn"), ("specs", specs)
    tasks = [(t.path, t.display, index[id(t.profile)]) for t in targets]
    chunk = max(1, min(64, len(tasks) // (jobs * 4)))
    sys.stdout.flush()
    sys.stderr.flush()
    try:
        with ProcessPoolExecutor(jobs, mp_context=context, initializer=_start,
                                 initargs=(payload, check)) as pool:
            for result, messages in pool.map(_work, tasks, chunksize=chunk):
                if messages:
                    sys.stderr.write(messages)
                yield result
    except (BrokenProcessPool, OSError) as e:
        raise _Unavailable(str(e)) from e


def _start(payload, check) -> None:
    """Pool initializer: the run's profiles, inherited (fork) or loaded from the cache (spawn)."""
    global _profiles, _check
    _check = check
    kind, value = payload
    if kind == "profiles":
        _profiles = value
        return
    from .linter import load

    profiles = []
    for config, glossaries, default in value:
        compiled = load(config, glossaries, default=default)
        profiles.append(_Profile(config, compiled))
    _profiles = profiles


class _Profile:
    __slots__ = ("config", "compiled")

    def __init__(self, config, compiled):
        self.config, self.compiled = config, compiled


class _Target:
    __slots__ = ("path", "display", "profile")

    def __init__(self, path, display, profile):
        self.path, self.display, self.profile = path, display, profile


def _work(task):
    path, display, profile = task
    messages = io.StringIO()
    with contextlib.redirect_stderr(messages):
        result = _check(_Target(path, display, _profiles[profile]), b"")
    return result, messages.getvalue()
