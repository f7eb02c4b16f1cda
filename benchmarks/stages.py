"""Where the time goes: seconds per stage of `transaudit lint` over a folder, in one process.

    python benchmarks/stages.py GLOSSARY.yaml FOLDER [--json]

Stages: cache load, reading and masking (Document.from_text), folding, the glossary scan, each
detector, suppressions and sorting (the rest of engine.run). Detectors run exactly as in
engine.run, so the sum is what one serial run spends; the first call of a detector includes the
one-time set-up it caches per process (tables, indexes).
"""
from __future__ import annotations

import argparse
import json
import os
import sys
import time
from pathlib import Path


def measure(glossary: str, folder: str) -> dict[str, float]:
    from transaudit.config import Config
    from transaudit.detectors import DETECTORS
    from transaudit.document import Document, decode
    from transaudit.engine import Context
    from transaudit.linter import load
    from transaudit.normalize import fold

    times: dict[str, float] = {}

    def add(name: str, since: float) -> float:
        now = time.perf_counter()
        times[name] = times.get(name, 0.0) + now - since
        return now

    t = time.perf_counter()
    compiled = load(Config(), [glossary], default=False)
    t = add("cache load", t)
    config = Config()
    paths = sorted(str(p) for p in Path(folder).rglob("*.md"))
    size = 0
    for path in paths:
        t = time.perf_counter()
        data = Path(path).read_bytes()
        size += len(data)
        doc = Document.from_text(decode(data), path)
        t = add("read + mask", t)
        folded = fold(doc.masked)
        t = add("fold", t)
        matches = tuple(compiled.scan(doc.masked, folded))
        t = add("scan", t)
        ctx = Context(doc, compiled, folded, matches, config)
        for detector in DETECTORS:
            options = config.rule_options(detector.RULE, detector.OPTIONS)
            list(detector.detect(ctx, options))
            t = add(f"detector {detector.RULE}", t)
    times["files"] = len(paths)
    times["bytes"] = size
    return times


def main(argv=None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("glossary")
    p.add_argument("folder")
    p.add_argument("--json", action="store_true")
    args = p.parse_args(argv)
    os.environ.setdefault("TRANSAUDIT_CACHE_DIR", str(Path(args.glossary).parent / "cache"))
    times = measure(args.glossary, args.folder)
    if args.json:
        json.dump(times, sys.stdout)
        print()
    else:
        total = sum(v for k, v in times.items() if k not in ("files", "bytes"))
        for name, seconds in sorted(((k, v) for k, v in times.items() if k not in ("files", "bytes")),
                                    key=lambda kv: -kv[1]):
            print(f"{name:32s} {seconds:8.3f} s {100 * seconds / total:5.1f} %")
        print(f"{'total':32s} {total:8.3f} s  ({times['files']} files, {times['bytes'] / 2**20:.2f} MiB)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
