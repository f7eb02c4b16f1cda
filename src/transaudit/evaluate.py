"""`transaudit eval`: recall, precision and suggestion accuracy over an annotated corpus.

A corpus directory holds texts (`texts/*.md|txt|html`) each with a sidecar `<stem>.yaml` listing
its artifacts (corpora/README.md), and optionally `glossary.yaml`, loaded after the default one.
A finding counts when its severity is warning or error; it is right when its span overlaps an
annotated artifact.
"""
from __future__ import annotations

import json
import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from .document import Document, decode
from .engine import run
from .finding import Severity

TEXT_SUFFIXES = (".md", ".markdown", ".txt", ".html", ".htm")


class CorpusError(ValueError):
    """A malformed corpus: `path: message`."""


@dataclass
class Artifact:
    path: str
    text: str
    category: str
    suggestions: tuple[str, ...]
    start: int
    end: int
    found: bool = False
    suggestion_ok: bool | None = None
    got: tuple[str, ...] = ()


@dataclass
class Scores:
    artifacts: list[Artifact] = field(default_factory=list)
    false_positives: list[tuple[str, object]] = field(default_factory=list)
    findings: Counter = field(default_factory=Counter)
    true_findings: Counter = field(default_factory=Counter)
    words: int = 0
    clean_words: int = 0
    texts: int = 0


def _locate(text: str, needle: str, occurrence: int) -> tuple[int, int] | None:
    pos = -1
    for _ in range(occurrence):
        pos = text.find(needle, pos + 1)
        if pos < 0:
            return None
    return pos, pos + len(needle)


def load_corpus(root: Path) -> list[tuple[Path, dict]]:
    import yaml  # not at module level: the CLI imports this module to build its parser

    texts_dir = root / "texts" if (root / "texts").is_dir() else root
    out = []
    for path in sorted(texts_dir.iterdir()):
        if path.suffix.lower() not in TEXT_SUFFIXES:
            continue
        sidecar = path.with_suffix(".yaml")
        if not sidecar.exists():
            raise CorpusError(f"{path}: missing sidecar {sidecar.name}")
        try:
            meta = yaml.safe_load(sidecar.read_text("utf-8")) or {}
        except yaml.YAMLError as e:
            raise CorpusError(f"{sidecar}: invalid YAML: {e}") from None
        out.append((path, meta))
    if not out:
        raise CorpusError(f"{root}: no annotated texts found")
    return out


def evaluate(root: Path, compiled, config=None) -> Scores:
    scores = Scores()
    for path, meta in load_corpus(root):
        text = decode(path.read_bytes())
        doc = Document.from_text(text, str(path))
        words = len(re.findall(r"\w+", text))
        scores.words += words
        scores.texts += 1
        arts = []
        for a in meta.get("artifacts") or []:
            span = _locate(text, a["text"], int(a.get("occurrence", 1)))
            if span is None:
                raise CorpusError(f"{path}: artifact '{a['text']}' (occurrence {a.get('occurrence', 1)}) not found")
            arts.append(Artifact(str(path), a["text"], a["category"], tuple(a.get("suggestions") or ()), *span))
        clean = len(re.findall(r"\w+", text)) - sum(len(re.findall(r"\w+", a.text)) for a in arts)
        scores.clean_words += clean
        for f in run(doc, compiled, config):
            if f.severity.rank < Severity.WARNING.rank:
                continue
            scores.findings[f.rule] += 1
            hit = [a for a in arts if a.start < f.end and f.start < a.end]
            if not hit:
                scores.false_positives.append((str(path), f))
                continue
            scores.true_findings[f.rule] += 1
            for a in hit:
                if not a.found:
                    a.found = True
                    a.got = f.suggestions
                    a.suggestion_ok = (f.suggestions[:1] and f.suggestions[0] in a.suggestions) if a.suggestions else None
        scores.artifacts.extend(arts)
    return scores


def _ratio(a: int, b: int) -> float | None:
    return round(a / b, 3) if b else None


def summary(scores: Scores) -> dict:
    by_cat = defaultdict(list)
    for a in scores.artifacts:
        by_cat[a.category].append(a)

    def block(arts):
        found = [a for a in arts if a.found]
        judged = [a for a in found if a.suggestion_ok is not None]
        return {"artifacts": len(arts), "found": len(found), "recall": _ratio(len(found), len(arts)),
                "suggestion_accuracy": _ratio(sum(bool(a.suggestion_ok) for a in judged), len(judged))}

    total_findings = sum(scores.findings.values())
    true = sum(scores.true_findings.values())
    out = {
        "texts": scores.texts, "words": scores.words,
        "total": {**block(scores.artifacts), "findings": total_findings,
                  "precision": _ratio(true, total_findings),
                  "false_positives": len(scores.false_positives),
                  "fp_per_1000_clean_words": round(1000 * len(scores.false_positives) / max(scores.clean_words, 1), 3)},
        "categories": {c: block(arts) for c, arts in sorted(by_cat.items())},
        "rules": {r: {"findings": n, "true": scores.true_findings[r], "precision": _ratio(scores.true_findings[r], n)}
                  for r, n in sorted(scores.findings.items())},
        "missed": [{"path": a.path, "text": a.text, "category": a.category} for a in scores.artifacts if not a.found],
        "wrong_suggestions": [{"path": a.path, "text": a.text, "got": list(a.got), "expected": list(a.suggestions)}
                              for a in scores.artifacts if a.suggestion_ok is False],
        "false_positive_list": [{"path": p, "rule": f.rule, "text": f.text, "message": f.message}
                                for p, f in scores.false_positives],
    }
    return out


def render_text(s: dict) -> str:
    def pct(v):
        return "  -  " if v is None else f"{v:5.3f}"

    t = s["total"]
    lines = [f"{s['texts']} texts, {s['words']} words",
             f"{'category':<16}{'artifacts':>10}{'found':>7}{'recall':>8}{'sugg.acc':>10}"]
    for name, b in [*s["categories"].items(), ("TOTAL", t)]:
        lines.append(f"{name:<16}{b['artifacts']:>10}{b['found']:>7}{pct(b['recall']):>8}{pct(b['suggestion_accuracy']):>10}")
    lines.append(f"precision {pct(t['precision'])}  findings {t['findings']}  false positives {t['false_positives']}"
                 f"  ({t['fp_per_1000_clean_words']} per 1,000 clean words)")
    lines.append(f"{'rule':<20}{'findings':>9}{'true':>6}{'precision':>11}")
    for r, b in s["rules"].items():
        lines.append(f"{r:<20}{b['findings']:>9}{b['true']:>6}{pct(b['precision']):>11}")
    if s["missed"]:
        lines.append("missed:")
        lines += [f"  {m['path']}: {m['text']!r} ({m['category']})" for m in s["missed"]]
    if s["wrong_suggestions"]:
        lines.append("wrong first suggestion:")
        lines += [f"  {w['path']}: {w['text']!r} -> {w['got'][:1]} (expected {w['expected']})" for w in s["wrong_suggestions"]]
    if s["false_positive_list"]:
        lines.append("false positives:")
        lines += [f"  {f['path']}: [{f['rule']}] {f['text']!r}" for f in s["false_positive_list"]]
    return "\n".join(lines) + "\n"


def add_parser(sub) -> list[str]:
    p = sub.add_parser("eval", help="measure recall and precision on an annotated corpus")
    p.add_argument("corpus", nargs="?", default="corpora", help="corpus directory (default: corpora)")
    p.add_argument("--glossary", action="append", default=[], metavar="FILE")
    p.add_argument("--no-default-glossary", action="store_true")
    p.add_argument("--no-corpus-glossary", action="store_true", help="ignore the corpus's glossary.yaml")
    p.add_argument("--format", choices=("text", "json"), default="text")
    p.add_argument("--min-recall", type=float, default=None)
    p.add_argument("--min-precision", type=float, default=None)
    return ["eval"]


def command(args) -> int:
    import sys

    from .glossary import GlossaryError, compile_glossary, load_glossaries

    root = Path(args.corpus)
    if not root.is_dir():
        print(f"transaudit: {root}: not a directory", file=sys.stderr)
        return 2
    extra = [] if args.no_corpus_glossary or not (root / "glossary.yaml").exists() else [str(root / "glossary.yaml")]
    try:
        compiled = compile_glossary(load_glossaries([*extra, *args.glossary], not args.no_default_glossary))
        s = summary(evaluate(root, compiled))
    except (GlossaryError, CorpusError) as e:
        print(f"transaudit: {e}", file=sys.stderr)
        return 2
    sys.stdout.write(json.dumps(s, ensure_ascii=False, indent=2) + "\n" if args.format == "json" else render_text(s))
    t = s["total"]
    if args.min_recall is not None and (t["recall"] or 0) < args.min_recall:
        return 1
    if args.min_precision is not None and (t["precision"] or 0) < args.min_precision:
        return 1
    return 0
