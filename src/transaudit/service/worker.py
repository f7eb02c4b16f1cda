"""Checks in worker processes, so the event loop never waits for the GIL and `jobs` checks use
`jobs` cores.

Each worker process gets the snapshot (configuration and compiled glossary) its pool was started
with; a reload starts a new pool and lets the old one finish what it was given. `Workers.run` bounds
the checks queued or running (`max_pending`) and gives each a deadline: a check answered as overrun
keeps its place until its process is done with it (a running check cannot be stopped), and one whose
deadline passed before it started is skipped.
"""
from __future__ import annotations

import asyncio
import multiprocessing
import os
import select
import threading
import time
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool

from ..document import Document
from ..engine import run
from ..formatters.json import document
from ..markup import mask
from ..results import FileResult
from ..suppress import configure
from . import languagetool as lt
from .reload import WARM_UP, Snapshot

# The snapshot of this worker process, set once by the pool's initializer (the process-pool idiom:
# the compiled glossary crosses the process boundary once per worker, not once per check).
_snapshot: Snapshot | None = None


class Busy(Exception):
    """`max_pending` checks are queued or running."""


class Overran(Exception):
    """The check did not finish before its deadline."""


class Crashed(Exception):
    """A worker process died (killed, out of memory); the pool was replaced."""


# ---------------------------------------------------------------- inside a worker process


def _start(snapshot: Snapshot, server: int) -> None:
    global _snapshot
    _snapshot = snapshot
    threading.Thread(target=_exit_with, args=(server,), daemon=True, name="exit-with-server").start()
    run(Document.from_text(WARM_UP, "<warm-up>"), snapshot.compiled, snapshot.config)  # loads lazy word lists


def _exit_with(server: int) -> None:
    """End this worker when the server process ends, however it ends (a worker holds both ends of
    its queue pipes, so it would never see them close)."""
    try:
        fd = os.pidfd_open(server)
    except (AttributeError, OSError):  # no pidfd: poll
        while True:
            time.sleep(1)
            try:
                os.kill(server, 0)
            except ProcessLookupError:
                os._exit(0)
            except PermissionError:  # the pid now belongs to another user's process
                os._exit(0)
    select.select([fd], [], [])
    os._exit(0)


def _ready() -> bool:
    return True


def _call(deadline: float, fn, args):
    if time.time() > deadline:  # answered as overrun while it waited in the queue
        return None
    return fn(_snapshot, *args)


def _lint(snapshot: Snapshot, doc: Document) -> dict:
    """The CONTRACTS §3 document of one text, built by formatters.json."""
    findings = configure(run(doc, snapshot.compiled, snapshot.config), snapshot.config)
    return document([FileResult(doc.path, doc, tuple(findings))], snapshot.info)


def lint_v1(snapshot: Snapshot, text: str, path: str, fmt: str) -> dict:
    """The /v1/lint answer."""
    out = _lint(snapshot, Document.from_text(text, path, fmt))
    file = out["files"][0]
    return {"version": out["version"], "tool": out["tool"], "glossary": out["glossary"],
            "path": file["path"], "findings": file["findings"], "summary": out["summary"]}


def check_v2(snapshot: Snapshot, src: lt.Source, lang, filters, auto: bool, software: dict,
             descriptions: dict) -> dict:
    """The /v2/check answer: markup parts of annotated text are blanked, as the checker reads them."""
    doc = Document(path="<check>", text=src.text, format="text", masked=mask(src.plain, "text"))
    findings = _lint(snapshot, doc)["files"][0]["findings"]
    detected = lt.detect(src) if auto else None
    return lt.response(findings, src, lang, software, descriptions, filters, detected)


# ---------------------------------------------------------------- in the server process


class Workers:
    def __init__(self, jobs: int, max_pending: int, timeout: float, snapshot: Snapshot):
        self.jobs, self.max_pending, self.timeout = jobs, max_pending, timeout
        self.pending = 0
        # forkserver: workers fork from a process that has already imported the checker
        self.context = multiprocessing.get_context("forkserver")
        self.context.set_forkserver_preload([__name__])
        self.snapshot = snapshot
        self.pool = self._pool(snapshot)

    def _pool(self, snapshot: Snapshot) -> ProcessPoolExecutor:
        return ProcessPoolExecutor(self.jobs, mp_context=self.context, initializer=_start,
                                   initargs=(snapshot, os.getpid()))

    async def start(self, pool: ProcessPoolExecutor | None = None) -> None:
        """Start every worker process of the pool and wait until each has warmed up."""
        pool = pool or self.pool
        await asyncio.gather(*(asyncio.wrap_future(pool.submit(_ready)) for _ in range(self.jobs)))

    async def use(self, snapshot: Snapshot) -> None:
        """Checks use `snapshot` once its workers are ready; the old pool finishes its queue, then its
        processes exit."""
        new = self._pool(snapshot)
        try:
            await self.start(new)
        except BaseException:
            new.shutdown(wait=False, cancel_futures=True)
            raise
        old, self.snapshot, self.pool = self.pool, snapshot, new
        old.shutdown(wait=False)

    async def run(self, fn, *args):
        """fn(snapshot, *args) in a worker process; raises Busy, Overran or Crashed."""
        if self.pending >= self.max_pending:
            raise Busy(self.pending)
        pool = self.pool
        try:
            job = pool.submit(_call, time.time() + self.timeout, fn, args)
        except BrokenProcessPool:
            self._replace(pool)
            raise Crashed() from None
        self.pending += 1
        future = asyncio.wrap_future(job)
        future.add_done_callback(self._done)
        try:
            result = await asyncio.wait_for(asyncio.shield(future), self.timeout)
        except TimeoutError:
            job.cancel()  # works while it is still queued
            raise Overran() from None
        except asyncio.CancelledError:  # the client went away
            job.cancel()
            raise
        except BrokenProcessPool:
            self._replace(pool)
            raise Crashed() from None
        if result is None:  # the worker found the deadline passed just before the timer here did
            raise Overran()
        return result

    def _replace(self, broken: ProcessPoolExecutor) -> None:
        if self.pool is broken:  # not already replaced by a reload or another request
            self.pool = self._pool(self.snapshot)

    def _done(self, future) -> None:
        self.pending -= 1
        if not future.cancelled():
            future.exception()  # retrieved, so asyncio does not log it

    def close(self) -> None:
        self.pool.shutdown(wait=True, cancel_futures=True)
