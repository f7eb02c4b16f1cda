"""Subcommands `compare`, `score` and `glossary export`. Heavy imports stay inside the commands."""
from __future__ import annotations

import json
import os
import sys

EXIT_OK, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2
OUTPUTS = ("text", "json")


class _Failure(Exception):
    """One line on stderr, exit 2 (with --format json, a document with a top-level error)."""


def add_parser(sub) -> list[str]:
    p = sub.add_parser("compare", help="check a translation against its source text")
    p.add_argument("source", metavar="SOURCE", help="the original text")
    p.add_argument("translation", metavar="TRANSLATION", help="its English translation")
    p.add_argument("--source-lang", metavar="LANG",
                   help="language code of SOURCE (ro, fr, de, ru, ...; default: identified from the text)")
    p.add_argument("--glossary", action="append", default=[], metavar="FILE",
                   help="extra glossary (YAML, CSV or TBX); repeatable, later files win")
    p.add_argument("--no-default-glossary", action="store_true", help="do not load the shipped glossary")
    p.add_argument("--format", choices=OUTPUTS, default="text")
    p.add_argument("--fail-on", choices=("error", "warning", "info"), default=None,
                   help="lowest severity that makes the exit code 1 (default: warning)")
    p.add_argument("--config", metavar="FILE", help="configuration file (default: found upward)")

    p = sub.add_parser("score", help="BLEU, chrF and TER of a text against a reference")
    p.add_argument("--ref", required=True, metavar="REFERENCE", help="the reference text")
    p.add_argument("--hyp", required=True, metavar="TRANSLATION", help="the text to score")
    p.add_argument("--format", choices=OUTPUTS, default="text")
    p.add_argument("--worst", type=int, default=5, metavar="N", help="list the N segments with the lowest chrF")

    p = sub.add_parser("glossary", help="glossary tools")
    tools = p.add_subparsers(dest="glossary_command", required=True)
    e = tools.add_parser("export", help="write the merged glossary as CSV or TBX")
    e.add_argument("--format", choices=("csv", "tbx"), default="csv")
    e.add_argument("--glossary", action="append", default=[], metavar="FILE",
                   help="glossary to include (YAML, CSV or TBX); repeatable, later files win")
    e.add_argument("--no-default-glossary", action="store_true", help="leave out the shipped glossary")
    e.add_argument("--output", "-o", metavar="FILE", help="write to FILE instead of standard output")
    e.add_argument("--config", metavar="FILE", help="configuration file whose glossaries to include "
                                                    "(default: found upward from the working directory)")
    return ["compare", "score", "glossary"]


def command(args) -> int:
    run = {"compare": _compare, "score": _score, "glossary": _glossary}[args.command]
    try:
        return run(args)
    except _Failure as e:
        return _fail(args, str(e))


def _fail(args, message: str) -> int:
    from .. import __version__

    print(f"transaudit: {message}", file=sys.stderr)
    if getattr(args, "format", None) == "json":
        out = {"version": 1, "tool": {"name": "transaudit", "version": __version__}, "error": message}
        if args.command == "compare":
            from ..formatters.json import document
            from ..results import RunInfo

            out = document([], RunInfo(0, "", (), __version__), error=message)
        _write(json.dumps(out, ensure_ascii=False, indent=2) + "\n")
    return EXIT_ERROR


def _write(text: str) -> None:
    sys.stdout.write(text)
    sys.stdout.flush()


def _read(path: str) -> str:
    from ..files import describe, read

    try:
        return read(path, sys.stdin.buffer)
    except (OSError, ValueError) as e:
        raise _Failure(f"{path}: {describe(e)}") from None


# ---------------------------------------------------------------- compare


def _compare(args) -> int:
    from .. import __version__
    from ..cli import Profiles
    from ..config import ConfigError
    from ..document import Document
    from ..finding import Severity
    from ..formatters import render
    from ..formatters.json import document
    from ..glossary import GlossaryError
    from ..language import identify
    from ..results import FileResult, RunInfo
    from .compare import alignment_dicts, compare
    from .quantities import base_language

    if args.source == "-" and args.translation == "-":
        raise _Failure("'-' (stdin) can be given only once")
    try:
        profile = Profiles(args).for_path(args.translation if args.translation != "-" else os.curdir)
    except (ConfigError, GlossaryError) as e:
        raise _Failure(str(e)) from None
    source_text, target_text = _read(args.source), _read(args.translation)
    language = base_language(args.source_lang) if args.source_lang else identify(source_text)[0].split("-")[0]
    if language == "und":
        raise _Failure(f"{args.source}: cannot tell the source language; pass --source-lang")
    source = Document.from_text(source_text, args.source)
    target = Document.from_text(target_text, args.translation)
    comparison = compare(source, target, profile.compiled, language, profile.config)
    result = FileResult(args.translation, target, comparison.findings)
    g = profile.compiled.glossary
    info = RunInfo(len(g.entries), g.hash, g.sources, __version__)
    if args.format == "json":
        out = document([result], info)
        out["source"] = {"path": args.source, "language": language}
        out["alignment"] = alignment_dicts(comparison)
        _write(json.dumps(out, ensure_ascii=False, indent=2) + "\n")
    else:
        color = sys.stdout.isatty() and not os.environ.get("NO_COLOR")
        _write(render("text", [result], info, color=color))
    fail_on = Severity(profile.config.fail_on)
    return EXIT_FINDINGS if any(f.severity.rank >= fail_on.rank for f in comparison.findings) else EXIT_OK


# ---------------------------------------------------------------- score


def _score(args) -> int:
    from .. import __version__
    from ..document import Document
    from .scores import score

    if args.ref == "-" and args.hyp == "-":
        raise _Failure("'-' (stdin) can be given only once")
    reference = Document.from_text(_read(args.ref), args.ref)
    hypothesis = Document.from_text(_read(args.hyp), args.hyp)
    report = score(reference, hypothesis)
    if not report.segments:
        raise _Failure(f"{args.ref}, {args.hyp}: no sentences to score")
    lowest = report.lowest(args.worst)
    if args.format == "json":
        _write(json.dumps(_score_document(report, lowest, __version__), ensure_ascii=False, indent=2) + "\n")
    else:
        _write(_score_text(report, lowest))
    return EXIT_OK


def _span(doc, span) -> dict | None:
    if span is None:
        return None
    line, column = doc.position(span[0])
    return {"start": span[0], "end": span[1], "line": line, "column": column, "text": doc.text[span[0]:span[1]]}


def _score_document(report, lowest: list[int], version: str) -> dict:
    return {
        "version": 1,
        "tool": {"name": "transaudit", "version": version},
        "reference": report.reference.path,
        "hypothesis": report.hypothesis.path,
        "scores": {"bleu": report.bleu, "chrf": report.chrf, "ter": report.ter},
        "signatures": report.signatures,
        "segments": [{"reference": _span(report.reference, s.bead.source_span),
                      "hypothesis": _span(report.hypothesis, s.bead.target_span),
                      "bleu": s.bleu, "chrf": s.chrf, "ter": s.ter} for s in report.segments],
        "lowest_chrf": lowest,
    }


def _score_text(report, lowest: list[int]) -> str:
    lines = [f"{report.hypothesis.path} against {report.reference.path}: {len(report.segments)} aligned segments",
             f"BLEU {report.bleu:.1f}  chrF {report.chrf:.1f}  TER {report.ter:.1f}"]
    if lowest:
        lines.append("lowest chrF:")
    for i in lowest:
        s = report.segments[i]
        where = s.bead.target_span or s.bead.source_span
        doc = report.hypothesis if s.bead.target_span else report.reference
        line, column = doc.position(where[0])
        lines.append(f"  {doc.path}:{line}:{column}: chrF {s.chrf:.1f}  BLEU {s.bleu:.1f}  TER {s.ter:.1f}")
        lines.append(f"    hyp: {s.hypothesis or '(nothing)'}")
        lines.append(f"    ref: {s.reference or '(nothing)'}")
    lines.append("sacrebleu signatures:")
    lines += [f"  {name}: {signature}" for name, signature in report.signatures.items()]
    return "\n".join(lines) + "\n"


# ---------------------------------------------------------------- glossary export


def _glossary(args) -> int:
    from .. import __version__
    from ..config import ConfigError, find_config, load_config
    from ..glossary import GlossaryError, load_glossaries
    from ..glossary.export import export

    try:
        config_path = args.config or find_config(os.curdir)
        config = load_config(config_path) if config_path else None
        paths = (*(config.glossaries if config else ()), *args.glossary)
        include_default = (config.default_glossary if config else True) and not args.no_default_glossary
        glossary = load_glossaries(paths, include_default=include_default)
        text = export(glossary.entries, args.format, title=", ".join(glossary.sources) or "transaudit glossary",
                      tool=f"transaudit {__version__}")
    except (ConfigError, GlossaryError) as e:
        raise _Failure(str(e)) from None
    for w in glossary.warnings:
        print(f"transaudit: warning: {w}", file=sys.stderr)
    if not args.output:
        _write(text)
        return EXIT_OK
    try:
        with open(args.output, "w", encoding="utf-8", newline="") as f:
            f.write(text)
    except OSError as e:
        raise _Failure(f"{args.output}: cannot write: {e.strerror or e}") from None
    print(f"transaudit: wrote {len(glossary.entries)} entries to {args.output}", file=sys.stderr)
    return EXIT_OK
