"""Archive audits: check many articles, then write HTML and JSON reports of what went wrong.

`Audit(inputs, compiled, config, ...)` finds the articles (sources.py), checks each one with an
engine (engine_local.py, or engine_dask.py on a Dask cluster), records every checked article in a
journal beside the report (state.py) so an interrupted run resumes where it stopped, folds the
records into aggregates (report_json.py) and writes the reports (report_json.py, report_html.py).
Records reach the aggregates in input order, whichever engine checked them, so two runs over the
same input write the same reports byte for byte.
"""
from __future__ import annotations

import hashlib
import json
import os
from collections import deque
from contextlib import closing
from dataclasses import asdict, dataclass, field


class AuditError(Exception):
    """A problem that stops the audit before it starts (bad input, missing dependency): one line, exit 2."""


@dataclass
class Outcome:
    """What a finished audit did."""

    articles: int = 0
    checked: int = 0      # checked in this run
    resumed: int = 0      # taken from the journal of an interrupted run
    failed: int = 0
    skipped: int = 0
    findings: int = 0
    reports: list[str] = field(default_factory=list)
    note: str | None = None  # why the journal of an earlier run was not used


def journal_path(report: str | None, json_report: str | None) -> str:
    """The journal lives beside the HTML report (else the JSON one): reports/x.html -> reports/x.journal.jsonl."""
    base = report or json_report
    stem, _ = os.path.splitext(base)
    return stem + ".journal.jsonl"


def _config_digest(config) -> str:
    """A stable digest of the settings that change findings (sets sorted, the file path left out)."""
    def plain(value):
        if isinstance(value, (set, frozenset)):
            return sorted(value)
        if isinstance(value, dict):
            return {k: plain(v) for k, v in sorted(value.items())}
        if isinstance(value, (list, tuple)):
            return [plain(v) for v in value]
        return value

    settings = {k: plain(v) for k, v in asdict(config).items() if k not in ("path", "include", "exclude")}
    return "sha256:" + hashlib.sha256(json.dumps(settings, sort_keys=True).encode()).hexdigest()


class Audit:
    """One audit run over `inputs`: paths, directories, globs and JSON Lines exports, or what
    sources.expand() made of them."""

    def __init__(self, inputs, compiled, config, *, fields=None, report: str | None = None,
                 json_report: str | None = None, engine: str = "local", scheduler: str | None = None,
                 workers: int | None = None, restart: bool = False, title: str | None = None,
                 max_articles: int = 1000, tool_version: str | None = None):
        from . import sources

        if not report and not json_report:
            raise AuditError("nothing to write: give --report and/or --json")
        self.compiled, self.config = compiled, config
        self.fields = fields or sources.Fields()
        self.report, self.json_report = report, json_report
        self.engine, self.scheduler, self.workers = engine, scheduler, workers
        self.restart, self.max_articles = restart, max_articles
        self.title = title or os.path.splitext(os.path.basename(report or json_report))[0]
        if tool_version is None:
            from .. import __version__ as tool_version
        self.tool_version = tool_version
        if report:
            from .charts import require

            require()
        if engine == "dask":
            from .engine_dask import require

            require()
        inputs = list(inputs)
        self.inputs = inputs if all(isinstance(i, sources.Input) for i in inputs) else sources.expand(inputs, config)
        self.journal_path = journal_path(report, json_report)

    def total(self) -> int:
        """How many articles the inputs hold (reads JSON Lines exports once)."""
        from .sources import count

        return count(self.inputs)

    def _header(self) -> dict:
        g = self.compiled.glossary
        return {"tool": self.tool_version, "glossary": g.hash, "config": _config_digest(self.config),
                "fields": asdict(self.fields)}

    def _engine(self, articles, partition: int):
        if self.engine == "dask":
            from .engine_dask import run
            return run(articles, self.compiled, self.config, scheduler=self.scheduler,
                       workers=self.workers, partition=partition)
        from .engine_local import run
        return run(articles, self.compiled, self.config, workers=self.workers or 1, partition=partition)

    def _records(self, journal, total: int):
        """(record, fresh) in input order: journal records for articles already checked, engine records
        for the others."""
        from .sources import articles

        slots: deque = deque()  # per article in input order: (source, key) when resumable, else None

        def unchecked():
            for article in articles(self.inputs, self.fields):
                key = (article.id, article.fingerprint)
                if journal.has(key):
                    slots.append((article.source, key))
                else:
                    slots.append(None)
                    yield article

        def resumed(slot):
            source, key = slot
            return {**journal.get(key), "path": source}

        workers = self.workers or ((os.cpu_count() or 1) if self.engine == "dask" else 1)
        partition = max(1, min(64, total // (4 * workers) or 1))
        with closing(self._engine(unchecked(), partition)) as records:  # stops workers on any exit
            for record in records:
                while slots[0] is not None:
                    yield resumed(slots.popleft()), False
                slots.popleft()
                yield record, True
        while slots:
            yield resumed(slots.popleft()), False

    def run(self, on_record=None, total: int | None = None) -> Outcome:
        """Check every article and write the reports. `on_record(record, fresh)` is called once per
        article, in input order; an exception it raises (KeyboardInterrupt) stops the run, leaving
        the journal so that the next run resumes."""
        from . import report_html, report_json, state

        total = self.total() if total is None else total
        info = _info(self.compiled, self.tool_version)
        outcome = Outcome()
        aggregate = report_json.Aggregate({k: e.canonical for k, e in self.compiled.entries.items()},
                                          self.max_articles)
        with state.Journal(self.journal_path, self._header(), restart=self.restart) as journal:
            outcome.note = journal.note
            writer = report_json.Writer(self.json_report, info, self.title) if self.json_report else None
            try:
                with closing(self._records(journal, total)) as records:
                    for index, (record, fresh) in enumerate(records):
                        if fresh:
                            journal.append(record)
                        outcome.checked += fresh
                        outcome.resumed += not fresh
                        aggregate.add(index, record)
                        if writer:
                            writer.add(record)
                        if on_record:
                            on_record(record, fresh)
                summary = aggregate.result()
                if writer:
                    writer.finish(summary)
                    outcome.reports.append(self.json_report)
                if self.report:
                    page = report_html.render(summary, aggregate.top(), aggregate.failures, info, self.title)
                    state.write_atomic(self.report, page)
                    outcome.reports.append(self.report)
            except BaseException:
                if writer:
                    writer.abort()
                raise
            journal.complete()
        totals = summary["totals"]
        outcome.articles, outcome.failed = totals["articles"], totals["failed"]
        outcome.skipped, outcome.findings = totals["skipped"], totals["findings"]
        return outcome


def _info(compiled, version: str):
    from ..results import RunInfo

    g = compiled.glossary
    return RunInfo(len(g.entries), g.hash, g.sources, version)


__all__ = ["Audit", "AuditError", "Outcome", "journal_path"]
