"""Command line: arguments, path walking, exit codes. No matching happens here."""
from __future__ import annotations

import argparse
import os
import sys

from . import __version__, evaluate
from .config import Config
from .finding import Severity
from .formatters import FORMATS, render
from .glossary import GlossaryError
from .results import RunInfo

EXIT_OK, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2


class UsageError(Exception):
    """A bad flag, path or configuration: one line on stderr, exit 2."""


def _lint_parser(sub) -> None:
    p = sub.add_parser("lint", help="check files for translation artifacts")
    p.add_argument("paths", nargs="*", metavar="PATH", help="files or directories ('-' for stdin)")
    p.add_argument("--stdin-filename", metavar="NAME", help="path shown (and format used) for stdin")
    p.add_argument("--glossary", action="append", default=[], metavar="FILE",
                   help="extra glossary (YAML, CSV or TBX); repeatable, later files win")
    p.add_argument("--no-default-glossary", action="store_true", help="do not load the shipped glossary")
    p.add_argument("--format", choices=FORMATS, default="text")
    p.add_argument("--fail-on", choices=[s.value for s in Severity], default=None,
                   help="lowest severity that makes the exit code 1 (default: warning)")
    p.add_argument("--config", metavar="FILE", help="configuration file (default: found upward)")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="transaudit", description=__doc__)
    parser.add_argument("--version", action="version", version=f"transaudit {__version__}")
    sub = parser.add_subparsers(dest="command", required=True)
    _lint_parser(sub)
    evaluate.add_parser(sub)
    return parser


def _info(compiled) -> RunInfo:
    g = compiled.glossary
    return RunInfo(len(g.entries), g.hash, g.sources, __version__)


def _emit(text: str) -> None:
    sys.stdout.write(text)
    sys.stdout.flush()


def _fail(args, message: str) -> int:
    print(f"transaudit: {message}", file=sys.stderr)
    if getattr(args, "format", None) == "json":
        _emit(render("json", [], RunInfo(0, "", (), __version__), error=message))
    return EXIT_ERROR


def cmd_lint(args) -> int:
    from .files import walk
    from .linter import lint_file, load

    config = Config()
    try:
        compiled = load(config, args.glossary, default=not args.no_default_glossary and config.default_glossary)
    except GlossaryError as e:
        return _fail(args, str(e))
    for w in compiled.glossary.warnings:
        print(f"transaudit: warning: {w}", file=sys.stderr)
    paths = args.paths or ["-"]
    if paths.count("-") > 1:
        raise UsageError("'-' (stdin) can be given only once")
    results = []
    for path in walk(paths, config.include, config.exclude):
        display = args.stdin_filename if path == "-" and args.stdin_filename else ("<stdin>" if path == "-" else path)
        result = lint_file(path, compiled, config, display=display, stdin=sys.stdin.buffer)
        if result.error is not None:
            print(f"{result.path}: error: {result.error}", file=sys.stderr)
        results.append(result)
    color = args.format == "text" and sys.stdout.isatty() and not os.environ.get("NO_COLOR")
    _emit(render(args.format, results, _info(compiled), color=color))
    fail_on = Severity(args.fail_on or config.fail_on)
    if any(r.error is not None for r in results):
        return EXIT_ERROR
    if any(f.severity.rank >= fail_on.rank for r in results for f in r.findings):
        return EXIT_FINDINGS
    return EXIT_OK


COMMANDS = {"eval": evaluate.command, "lint": cmd_lint}


def main(argv=None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return COMMANDS[args.command](args)
    except UsageError as e:
        return _fail(args, str(e))
    except KeyboardInterrupt:
        print("transaudit: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return EXIT_ERROR
