"""The local engine: check articles in this process, or in a pool of worker processes.

`check(article, compiled, config)` turns one article into its record (a JSON-ready dict: the article's
metadata, its status and its CONTRACTS §3 findings, each with the sentence around it). Both engines
use it, so their records are identical. `run()` yields records in input order; with several workers,
articles go out in partitions, a bounded number at a time, so memory stays flat on any archive.
"""
from __future__ import annotations

import re
from collections import deque
from itertools import islice
from typing import Callable, Iterable, Iterator

from ..document import Document
from ..engine import run as lint
from ..formatters.json import finding_dict
from ..results import FileResult
from ..suppress import configure

CONTEXT_CHARS = 240
_WORD = re.compile(r"\w+")
_BOUNDARY = re.compile(r"([.!?…][\"'”’»)\]]*)\s+|\n")
_SPACES = re.compile(r"\s+")


def checks_language(language: str | None, wanted: str) -> bool:
    """True when an article in `language` (None: unknown) is checked by a run for `wanted` ('en')."""
    if not language:
        return True
    return re.split(r"[-_]", language.strip().lower())[0] == wanted.split("-")[0].lower()


def context(doc: Document, start: int, end: int) -> dict:
    """The sentence around [start, end) of the masked text, whitespace collapsed, with the span's
    offsets in it: {"sentence", "start", "end"}."""
    masked = doc.masked
    lo, hi = max(0, start - CONTEXT_CHARS), min(len(masked), end + CONTEXT_CHARS)
    left = lo
    for m in _BOUNDARY.finditer(masked, lo, start):
        left = m.end()
    m = _BOUNDARY.search(masked, end, hi)
    right = (m.end(1) if m.group(1) else m.start()) if m else hi
    before = _SPACES.sub(" ", masked[left:start]).lstrip()
    middle = _SPACES.sub(" ", doc.text[start:end])
    after = _SPACES.sub(" ", masked[end:right]).rstrip()
    if left == lo and lo > 0:
        before = "…" + before
    if right == hi and hi < len(masked):
        after += "…"
    return {"sentence": before + middle + after, "start": len(before), "end": len(before) + len(middle)}


def check(article, compiled, config) -> dict:
    """The record of one article; never raises for a bad article."""
    record = {"path": article.source, "id": article.id, "input": article.fingerprint, "status": "checked",
              "date": article.date, "section": article.section, "language": article.language,
              "format": article.format, "words": 0}
    if article.date_text is not None:
        record["date_text"] = article.date_text
    if article.error is not None:
        return {**record, "status": "failed", "error": article.error, "findings": []}
    if not checks_language(article.language, config.language):
        return {**record, "status": "skipped", "skipped": f"language '{article.language}' (the audit checks "
                f"'{config.language}')", "findings": []}
    try:
        doc = Document.from_text(article.text, article.source, article.format)
        findings = tuple(configure(lint(doc, compiled, config), config))
    except Exception as e:  # a detector tripping on one article must not stop an archive audit
        return {**record, "status": "failed", "error": f"internal error: {type(e).__name__}: {e}", "findings": []}
    prints = FileResult(article.source, doc, findings).fingerprints()
    record["words"] = len(_WORD.findall(doc.masked))
    record["findings"] = [{**finding_dict(f, doc, fp), "context": context(doc, f.start, f.end)}
                          for f, fp in zip(findings, prints)]
    return record


def check_batch(batch: list, compiled, config) -> list[dict]:
    return [check(a, compiled, config) for a in batch]


def partitions(items: Iterable, size: int) -> Iterator[list]:
    it = iter(items)
    while batch := list(islice(it, size)):
        yield batch


def ordered(submit: Callable, batches: Iterable[list], window: int, result: Callable) -> Iterator[dict]:
    """Submit batches with at most `window` in flight; yield their records in input order."""
    pending: deque = deque()
    it = iter(batches)
    for batch in it:
        pending.append(submit(batch))
        if len(pending) >= window:
            break
    while pending:
        records = result(pending.popleft())
        nxt = next(it, None)
        if nxt is not None:
            pending.append(submit(nxt))
        yield from records


# ---------------------------------------------------------------- worker processes

_shared: tuple | None = None  # (compiled, config), set once in each worker process


def _init_worker(compiled, config) -> None:
    import signal

    global _shared
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle
    _shared = (compiled, config)


def _check_shared(batch: list) -> list[dict]:
    return check_batch(batch, *_shared)


def run(articles: Iterable, compiled, config, workers: int = 1, partition: int = 16) -> Iterator[dict]:
    """Records in input order. One worker: in this process, one article at a time. More: a pool of
    processes, each given the compiled glossary once, fed partitions of `partition` articles."""
    if workers <= 1:
        for article in articles:
            yield check(article, compiled, config)
        return
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    pool = ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("spawn"),
                               initializer=_init_worker, initargs=(compiled, config))
    try:
        yield from ordered(lambda batch: pool.submit(_check_shared, batch), partitions(articles, partition),
                           2 * workers, lambda future: future.result())
    finally:
        pool.shutdown(wait=True, cancel_futures=True)
