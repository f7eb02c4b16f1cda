"""`transaudit audit`: check an archive and write HTML and JSON reports.

Exit codes: 0 when the audit completed (findings are the report's content, failed articles are
listed in it), 2 for a usage error, a bad glossary or configuration, or a missing dependency,
130 when interrupted (run the same command again to resume).
"""
from __future__ import annotations

import os
import re
import sys

EXIT_OK, EXIT_ERROR, EXIT_INTERRUPTED = 0, 2, 130


def add_parser(sub) -> list[str]:
    from ..limits import positive_int

    p = sub.add_parser("audit", help="audit an archive: HTML and JSON reports of translation artifacts",
                       description="Check every article of an archive (directories, globs or JSON Lines "
                                   "exports) and write reports; an interrupted audit resumes where it stopped.")
    p.add_argument("inputs", nargs="+", metavar="INPUT",
                   help="directory, file, glob, or JSON Lines export (*.jsonl, *.ndjson, optionally .gz)")
    p.add_argument("--report", metavar="FILE.html",
                   help="HTML report (default: reports/NAME.html, NAME from the first input)")
    p.add_argument("--json", dest="json_report", metavar="FILE.json",
                   help="JSON report (CONTRACTS §3 plus aggregates)")
    p.add_argument("--title", help="the report's title (default: the report's file name)")
    p.add_argument("--glossary", action="append", default=[], metavar="FILE",
                   help="extra glossary (YAML, CSV or TBX); repeatable, later files win")
    p.add_argument("--no-default-glossary", action="store_true", help="do not load the shipped glossary")
    p.add_argument("--config", metavar="FILE", help="configuration file (default: found upward from here)")
    p.add_argument("--engine", choices=("local", "dask"), default="local")
    p.add_argument("--scheduler", metavar="ADDRESS", help="Dask scheduler (default: start a local cluster)")
    p.add_argument("--workers", type=positive_int("number"), metavar="N",
                   help="worker processes (local engine: default 1; Dask local cluster: default one per CPU)")
    p.add_argument("--restart", action="store_true", help="ignore the journal of an interrupted run")
    p.add_argument("--max-articles", type=positive_int("number"), default=1000, metavar="N",
                   help="articles shown in the HTML report, most findings first (default 1000)")
    fields = p.add_argument_group("JSON Lines fields (also front-matter keys of files)")
    for name in ("id", "text", "date", "section", "language", "format"):
        fields.add_argument(f"--{name}-field", default=name, metavar="KEY",
                            help=f"key of the article's {name} (default '{name}'; a.b reaches into objects)")
    return ["audit"]


def default_report(inputs: list[str]) -> str:
    """reports/NAME.html, NAME from the first input ('corpora/' -> corpora, 'cms.jsonl.gz' -> cms)."""
    first = os.path.basename(os.path.normpath(inputs[0])) if inputs else ""
    name = re.sub(r"(\.(jsonl|ndjson|json|gz|md|txt|html?))+$", "", first, flags=re.I)
    name = re.sub(r"[^\w.-]+", "-", name).strip(".-") or "audit"
    return os.path.join("reports", name + ".html")


def _fail(message: str) -> int:
    print(f"transaudit: {message}", file=sys.stderr)
    return EXIT_ERROR


def _config(args):
    from dataclasses import replace

    from ..config import Config, find_config, load_config

    path = args.config or find_config(os.curdir)
    config = load_config(path) if path else Config()
    if args.no_default_glossary:
        config = replace(config, default_glossary=False)
    return config


def _glossary(args, config):
    from ..linter import load

    compiled = load(config, args.glossary, default=config.default_glossary)
    for w in compiled.glossary.warnings:
        print(f"transaudit: warning: {w}", file=sys.stderr)
    return compiled


class _Progress:
    """Counts the articles done; on a terminal, also shows a rich progress bar on stderr."""

    def __init__(self, total: int, visible: bool):
        self.done = self.findings = 0
        self.bar = None
        if visible:
            from rich.console import Console
            from rich.progress import (BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn,
                                       TimeRemainingColumn)

            self.bar = Progress(TextColumn("[bold]auditing"), BarColumn(), MofNCompleteColumn(),
                                TextColumn("articles · {task.fields[findings]} findings"),
                                TimeElapsedColumn(), TextColumn("eta"), TimeRemainingColumn(),
                                console=Console(stderr=True))
            self.task = self.bar.add_task("audit", total=total, findings=0)

    def __enter__(self):
        if self.bar:
            self.bar.start()
        return self

    def __exit__(self, *exc):
        if self.bar:
            self.bar.stop()

    def __call__(self, record: dict, fresh: bool) -> None:
        self.done += 1
        self.findings += len(record["findings"])
        if self.bar:
            self.bar.update(self.task, advance=1, findings=self.findings)


def command(args) -> int:
    from ..config import ConfigError
    from ..glossary import GlossaryError
    from . import Audit, AuditError
    from .charts import require as require_matplotlib
    from .engine_dask import require as require_dask
    from .sources import Fields, expand

    if args.scheduler and args.engine != "dask":
        return _fail("--scheduler needs --engine dask")
    if args.scheduler and args.workers:
        return _fail("--workers sizes a local cluster; with --scheduler the cluster has its own workers")
    report = args.report or (None if args.json_report else default_report(args.inputs))
    fields = Fields(args.id_field, args.text_field, args.date_field, args.section_field, args.language_field,
                    args.format_field)
    try:
        config = _config(args)
        inputs = expand(args.inputs, config)  # usage errors before the glossary is compiled
        if report:
            require_matplotlib()
        if args.engine == "dask":
            require_dask()
        compiled = _glossary(args, config)
        audit = Audit(inputs, compiled, config, fields=fields, report=report, json_report=args.json_report,
                      engine=args.engine, scheduler=args.scheduler, workers=args.workers, restart=args.restart,
                      title=args.title, max_articles=args.max_articles)
        total = audit.total()
    except (ConfigError, GlossaryError, AuditError) as e:
        return _fail(str(e))
    progress = _Progress(total, visible=sys.stderr.isatty())
    try:
        with progress:
            outcome = audit.run(progress, total=total)
    except KeyboardInterrupt:
        print(f"transaudit: interrupted after {progress.done:,} of {total:,} articles; run the same command again "
              f"to resume ({audit.journal_path})", file=sys.stderr)
        return EXIT_INTERRUPTED
    except AuditError as e:
        return _fail(str(e))
    except OSError as e:
        return _fail(f"{getattr(e, 'filename', None) or 'report'}: cannot write: {e.strerror or e}")
    if outcome.note:
        print(f"transaudit: {outcome.note}", file=sys.stderr)
    line = f"{outcome.articles:,} article{'s' * (outcome.articles != 1)} audited: " \
           f"{outcome.findings:,} finding{'s' * (outcome.findings != 1)}"
    if outcome.failed:
        line += f"; {outcome.failed:,} could not be checked"
    if outcome.skipped:
        line += f"; {outcome.skipped:,} skipped (language)"
    if outcome.resumed:
        line += f"; {outcome.resumed:,} taken from the journal of the interrupted run"
    print(line)
    for path in outcome.reports:
        print(f"report: {path}")
    return EXIT_OK
