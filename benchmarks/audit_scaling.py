"""Audit throughput with 1 and 2 workers, local engine and Dask LocalCluster, on a generated archive.

    python benchmarks/audit_scaling.py [--articles 2000] [--bytes 3000] [--seed 8] [--out DIR]
                                       [--engines local dask] [--workers 1 2]

The archive is a JSON Lines export as a CMS writes it: `id`, `text` (news-like Markdown from
benchmarks/generator.py, about one name in sixteen written wrong), `published` (over two years),
`section` and `language` (a few German articles, which the audit skips). It is checked against the
shipped default glossary plus a generated 1,000-entry desk glossary. Each configuration runs the
real `Audit` (journal, aggregates, HTML and JSON reports) with a fresh journal; the table gives
wall-clock seconds, articles per second, and speed-up over one worker of the same engine. Starting
the worker pool or the cluster and shipping the glossary are inside the timing; compiling the
glossary is not (it comes from the on-disk cache, compiled once before the first run). The
figures go to stdout and to OUT/audit-scaling.json; docs/audit.md projects them to 10 million
articles.
"""
from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import random
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent / "src"))

import generator  # noqa: E402  (benchmarks/generator.py)

SECTIONS = ["world", "europe", "middle-east", "politics", "business", "defence"]


def write_archive(path: Path, articles: int, size: int, seed: int) -> dict:
    """A seeded JSON Lines export; returns the desk glossary's entries."""
    rng = random.Random(seed)
    items = generator.entries(1000, seed)
    writer = generator.Writer(items, rng, generator.WRONG_RATE)
    start = dt.date(2023, 1, 1)
    with path.open("w", encoding="utf-8") as f:
        for i in range(articles):
            record = {"id": f"cms-{i:06d}", "text": writer.article(size),
                      "published": (start + dt.timedelta(days=rng.randrange(730))).isoformat() + "T09:00:00Z",
                      "section": rng.choice(SECTIONS), "language": "de" if rng.random() < 0.02 else "en"}
            f.write(json.dumps(record, ensure_ascii=False) + "\n")
    return items


def audit_once(archive: Path, glossary: Path, out: Path, engine: str, workers: int) -> dict:
    from transaudit.audit import Audit
    from transaudit.audit.sources import Fields
    from transaudit.config import Config
    from transaudit.linter import load

    name = f"bench-{engine}-{workers}"
    config = Config()
    compiled = load(config, [str(glossary)])  # from the on-disk cache after the first configuration
    began = time.perf_counter()
    audit = Audit([str(archive)], compiled, config, fields=Fields(date="published"),
                  report=str(out / f"{name}.html"), json_report=str(out / f"{name}.json"),
                  engine=engine, workers=workers, restart=True)
    outcome = audit.run()
    seconds = time.perf_counter() - began
    return {"engine": engine, "workers": workers, "articles": outcome.articles, "findings": outcome.findings,
            "seconds": round(seconds, 2), "articles_per_second": round(outcome.articles / seconds, 2)}


def main(argv=None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--articles", type=int, default=2000)
    p.add_argument("--bytes", type=int, default=3000, help="approximate size of one article (default 3000)")
    p.add_argument("--seed", type=int, default=8)
    p.add_argument("--out", type=Path, default=Path("reports/audit-scaling"))
    p.add_argument("--engines", nargs="+", default=["local", "dask"], choices=["local", "dask"])
    p.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    args = p.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    archive, glossary = args.out / "archive.jsonl", args.out / "desk-1000.yaml"
    items = write_archive(archive, args.articles, args.bytes, args.seed)
    glossary.write_text(generator.glossary_yaml(items, "bench-desk-1000"), encoding="utf-8")
    from transaudit.config import Config
    from transaudit.linter import load

    load(Config(), [str(glossary)])  # compile once, into the cache
    print(f"archive: {args.articles} articles, {archive.stat().st_size / 2**20:.1f} MiB; "
          f"{os.cpu_count()} CPUs", flush=True)
    rows = []
    for engine in args.engines:
        for workers in args.workers:
            row = audit_once(archive, glossary, args.out, engine, workers)
            base = next((r for r in rows if r["engine"] == engine and r["workers"] == 1), row)
            row["speedup"] = round(base["seconds"] / row["seconds"], 2)
            rows.append(row)
            print(f"{engine:>5} x{workers}: {row['seconds']:7.1f} s  {row['articles_per_second']:6.1f} articles/s"
                  f"  speed-up {row['speedup']:.2f}  ({row['findings']} findings)", flush=True)
    findings = {r["findings"] for r in rows}
    if len(findings) > 1:
        print(f"MISMATCH: configurations disagree on the number of findings: {sorted(findings)}", file=sys.stderr)
        return 1
    (args.out / "audit-scaling.json").write_text(json.dumps({"cpus": os.cpu_count(), "articles": args.articles,
                                                              "bytes": args.bytes, "runs": rows}, indent=2) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
