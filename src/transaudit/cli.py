"""Command line: arguments, path walking, exit codes. No matching happens here."""
from __future__ import annotations

import argparse
import importlib
import difflib
import io
import os
import sys
import textwrap
from dataclasses import dataclass, replace

from . import __version__, limits, parallel
from .limits import positive_int
from .config import Config, ConfigError, find_config, load_config, rule_catalog
from .finding import Severity
from .formatters import FORMATS, render, write
from .glossary import CompiledGlossary, GlossaryError
from .results import FileResult, RunInfo

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
    p.add_argument("--fix", action="store_true",
                   help="apply the first suggestion of confident error findings (stdin: print the fixed text)")
    p.add_argument("--diff", action="store_true", help="print the fixes as a unified diff instead of writing")
    p.add_argument("--baseline", metavar="FILE", help="report only findings whose fingerprint is not in FILE")
    p.add_argument("--write-baseline", metavar="FILE", help="record today's findings in FILE and exit")
    p.add_argument("--jobs", "-j", type=positive_int("number of jobs"), default=None, metavar="N",
                   help="processes checking files in parallel (default: number of cores; 1 = serial); "
                        "used for more than 20 files or 1 MB")
    limits.add_arguments(p)


def _rules_parser(sub) -> None:
    sub.add_parser("rules", help="list every rule with its description and an example")


def _explain_parser(sub) -> None:
    p = sub.add_parser("explain", help="print the documentation of one rule")
    p.add_argument("rule", metavar="RULE")


# Modules adding subcommands: each has add_parser(sub) -> command names, and command(args) -> exit
# code. They import their heavy dependencies inside command(), so `lint` never pays for them.
SUBCOMMAND_MODULES = ("evaluate", "service.cli", "audit.cli", "bilingual.cli")


class _Parser(argparse.ArgumentParser):
    """Usage errors as one line on stderr (and a JSON error document with --format json), exit 2."""

    def error(self, message):
        argv = sys.argv[1:]
        if "--format=json" in argv or any(a == "--format" and b == "json" for a, b in zip(argv, argv[1:])):
            _emit(render("json", [], RunInfo(0, "", (), __version__), error=message))
        print(f"transaudit: {message} (see 'transaudit --help')", file=sys.stderr)
        raise SystemExit(EXIT_ERROR)


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="transaudit", description=__doc__)
    parser.add_argument("--version", action="version", version=f"transaudit {__version__}")
    sub = parser.add_subparsers(dest="command", required=True)
    _lint_parser(sub)
    _rules_parser(sub)
    _explain_parser(sub)
    for name in SUBCOMMAND_MODULES:
        module = importlib.import_module(f".{name}", __package__)
        for command in module.add_parser(sub):
            COMMANDS[command] = module.command
    return parser


def _info(compiled) -> RunInfo:
    g = compiled.glossary
    return RunInfo(len(g.entries), g.hash, g.sources, __version__)


def _emit(text: str, stream=None) -> None:
    stream = stream or sys.stdout
    stream.write(text)
    stream.flush()


def _fail(args, message: str) -> int:
    print(f"transaudit: {message}", file=sys.stderr)
    if getattr(args, "format", None) == "json":
        _emit(render("json", [], RunInfo(0, "", (), __version__), error=message))
    return EXIT_ERROR


# ---------------------------------------------------------------- configurations and their glossaries


@dataclass(frozen=True)
class Profile:
    """What checking one file needs: its Config and the glossary compiled for it."""

    config: Config
    compiled: CompiledGlossary


class Profiles:
    """One frozen Config and one compiled glossary per configuration file, built once per run."""

    def __init__(self, args):
        self.args = args
        self._found: dict[str, str | None] = {}
        self._built: dict[str | None, Profile] = {}

    def for_path(self, path: str) -> Profile:
        """Raises ConfigError or GlossaryError."""
        key = self.args.config or find_config(path, self._found)
        if key not in self._built:
            self._built[key] = self._build(key)
        return self._built[key]

    def _build(self, config_path: str | None) -> Profile:
        from .linter import load

        config = load_config(config_path) if config_path else Config()
        if self.args.fail_on:
            config = replace(config, fail_on=self.args.fail_on)
        config = replace(config, limits=limits.from_args(self.args))
        default = config.default_glossary and not self.args.no_default_glossary
        compiled = load(config, self.args.glossary, default=default)
        for w in compiled.glossary.warnings:
            print(f"transaudit: warning: {w}", file=sys.stderr)
        return Profile(config, compiled)

    def first(self) -> Profile:
        """The profile whose glossary the report describes (RunInfo holds one glossary)."""
        return next(iter(self._built.values()), None) or self.for_path(os.curdir)


@dataclass(frozen=True)
class Target:
    path: str      # what to read ('-' for stdin)
    display: str   # what to show
    profile: Profile


def _targets(paths, args, profiles: Profiles) -> list[Target]:
    """Every file to check with its profile, in input order (directories sorted)."""
    from .files import walk

    out = []
    for p in paths:
        if p == "-":
            name = args.stdin_filename
            start = (os.path.dirname(name) or os.curdir) if name else os.curdir
            out.append(Target(p, name or "<stdin>", profiles.for_path(start)))
            continue
        cfg = profiles.for_path(p).config
        for path in walk([p], cfg.include, cfg.exclude):
            profile = profiles.for_path(path)
            if not profile.config.excludes(path):
                out.append(Target(path, path, profile))
    return out


# ---------------------------------------------------------------- lint


def _check(target: Target, stdin: bytes) -> FileResult:
    """Lint one target; the suppression rules get their configured severity here, since the engine
    does not hand its Config to suppress.apply."""
    from .linter import lint_file
    from .suppress import configure

    config = target.profile.config
    result = lint_file(target.path, target.profile.compiled, config, display=target.display,
                       stdin=io.BytesIO(stdin))
    if result.error is not None:
        print(f"{result.path}: error: {result.error}", file=sys.stderr)
        return result
    return replace(result, findings=tuple(configure(result.findings, config)))


def _file_code(target: Target, result: FileResult) -> int:
    if result.error is not None:
        return EXIT_ERROR
    fail_on = Severity(target.profile.config.fail_on).rank
    return EXIT_FINDINGS if any(f.severity.rank >= fail_on for f in result.findings) else EXIT_OK


def _exit_code(targets, results, failed: bool = False) -> int:
    return max([EXIT_ERROR if failed else EXIT_OK, *map(_file_code, targets, results)])


class _Verdict:
    """The exit code of a run, worked out from each result as it streams past to the report."""

    def __init__(self, targets):
        self.targets, self.code = targets, EXIT_OK

    def watch(self, results):
        for r, t in zip(results, self.targets):  # results first: the generator runs to its end
            self.code = max(self.code, _file_code(t, r))
            yield r


def _report(args, info: RunInfo, results, stream=None) -> None:
    stream = stream or sys.stdout
    color = args.format == "text" and stream.isatty() and not os.environ.get("NO_COLOR")
    write(args.format, results, info, stream, color=color)
    stream.flush()


def cmd_lint(args) -> int:
    from . import baseline

    paths = args.paths or ["-"]
    if paths.count("-") > 1:
        raise UsageError("'-' (stdin) can be given only once")
    profiles = Profiles(args)
    try:
        targets = _targets(paths, args, profiles)
        known = baseline.load(args.baseline) if args.baseline else None
        info = _info(profiles.first().compiled)
    except (ConfigError, GlossaryError, baseline.BaselineError) as e:
        return _fail(args, str(e))
    stdin = sys.stdin.buffer.read(limits.from_args(args).max_file_bytes + 1) if "-" in paths else b""
    results = parallel.check_all(targets, stdin, _check, args.jobs, args.glossary, args.no_default_glossary)
    if args.write_baseline:
        return _write_baseline(args, list(results))
    if known is not None:
        results = (baseline.subtract([r], known)[0] for r in results)
    if args.fix or args.diff:
        return _fix(args, info, targets, list(results), stdin, known)
    verdict = _Verdict(targets)  # the report streams: no run keeps every file's text and findings
    _report(args, info, verdict.watch(results))
    return verdict.code


def _write_baseline(args, results) -> int:
    from . import baseline

    try:
        count = baseline.write(args.write_baseline, results)
    except OSError as e:
        return _fail(args, f"{args.write_baseline}: cannot write baseline: {e.strerror or e}")
    print(f"transaudit: recorded {count} finding{'s' * (count != 1)} in {args.write_baseline}", file=sys.stderr)
    return EXIT_ERROR if any(r.error is not None for r in results) else EXIT_OK


# ---------------------------------------------------------------- --fix and --diff


def _fix(args, info: RunInfo, targets, results, stdin: bytes, known: frozenset[str] | None = None) -> int:
    """--diff prints what --fix would change (exit 1 when something would); --fix writes the files
    (stdin: prints the fixed text) and reports what is left (minus the `known` baseline)."""
    from . import baseline, fix
    from .document import Document
    from .engine import run

    diffs, after, fixed, failed = [], [], 0, False
    for t, r in zip(targets, results):
        if r.doc is None:
            after.append(r)
            continue
        chosen = fix.fixable(r.findings, t.profile.config.fix_min_confidence)
        new_text = fix.apply(r.doc.text, chosen) if chosen else r.doc.text
        if args.diff:
            if chosen:
                diffs.append(fix.diff(r.doc.text, new_text, r.path))
            continue
        if t.path == "-":
            _emit_bytes(fix.encode(new_text, stdin.startswith(fix.BOM)))
        elif chosen:
            try:
                fix.write(t.path, r.doc.text, new_text)
            except (OSError, ValueError) as e:  # ValueError: the file is no longer UTF-8 text
                print(f"{r.path}: error: {getattr(e, 'strerror', None) or e}", file=sys.stderr)
                failed = True
                after.append(r)
                continue
        fixed += len(chosen)
        if chosen:
            doc = Document.from_text(new_text, r.path)
            r = replace(r, doc=doc, findings=tuple(run(doc, t.profile.compiled, t.profile.config)))
            if known is not None:
                r = baseline.subtract([r], known)[0]
        after.append(r)
    if args.diff:
        _emit("".join(diffs))
        if failed or any(r.error is not None for r in results):
            return EXIT_ERROR
        return EXIT_FINDINGS if diffs else EXIT_OK
    print(f"transaudit: fixed {fixed} finding{'s' * (fixed != 1)}", file=sys.stderr)
    _report(args, info, after, sys.stderr if "-" in (t.path for t in targets) else None)
    return _exit_code(targets, after, failed)


def _emit_bytes(data: bytes) -> None:
    sys.stdout.flush()
    sys.stdout.buffer.write(data)
    sys.stdout.buffer.flush()


# ---------------------------------------------------------------- rules and explain


def cmd_rules(args) -> int:
    lines = []
    for rule in rule_catalog().values():
        lines.append(f"{rule.id} ({rule.severity}, {rule.category})")
        lines.append(f"    {rule.summary}")
        if rule.example:
            lines.append(f"    {rule.example}")
    _emit("\n".join(lines) + "\n")
    return EXIT_OK


def cmd_explain(args) -> int:
    catalog = rule_catalog()
    rule = catalog.get(args.rule)
    if rule is None:
        close = difflib.get_close_matches(args.rule, list(catalog), n=1)
        hint = f" (did you mean '{close[0]}'?)" if close else " (see 'transaudit rules')"
        raise UsageError(f"unknown rule '{args.rule}'{hint}")
    lines = [f"{rule.id}: default severity {rule.severity}, category {rule.category}", "",
             textwrap.dedent(rule.doc).strip(), "", "Configure it in pyproject.toml:", "",
             f"    [tool.transaudit.rules.{rule.id}]", '    severity = "warning"   # error | warning | info | off']
    lines += [f"    {name} = {_toml(value)}" for name, value in rule.options.items()]
    _emit("\n".join(lines) + "\n")
    return EXIT_OK


def _toml(value) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return f'"{value}"'
    return repr(value)


COMMANDS = {"lint": cmd_lint, "rules": cmd_rules, "explain": cmd_explain}


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
