"""Audit throughput with 1 and 2 workers, local engine and Dask LocalCluster, on a generated archive.

    python benchmarks/audit_scaling.py [--articles 2000] [--bytes 3000] [--seed 8] [--out DIR]
                                       [--engines local dask] [--workers 1 2] [--scheduler ADDRESS]

The archive is a JSON Lines export as a CMS writes it: `id`, `text` (news-like Markdown from
benchmarks/generator.py, about one name in sixteen written wrong), `published` (over two years),
`section` and `language` (a few German articles, which the audit skips). It is checked against the
shipped default glossary plus a generated 1,000-entry desk glossary. Each configuration runs the
real `Audit` (journal, aggregates, HTML and JSON reports) with a fresh journal. Each line gives the
wall-clock time of the whole run (starting the pool or cluster and shipping the glossary included;
compiling the glossary is not: it comes from the on-disk cache, filled before the first run), the
time to the first record, and the steady-state rate (from the first tenth of the records to the
last), whose ratio to one worker of the same engine is the speed-up, and the CPU time this process
spent per article (with the local engine and one worker, that is the whole cost of checking an
article, and it does not depend on what else the machine is running). A last line measures the
client's own share per article (reading, journaling, aggregating, reporting), which bounds any
cluster. The
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


def audit_once(archive: Path, glossary: Path, out: Path, engine: str, workers: int | None,
               scheduler: str | None = None) -> dict:
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
                  engine=engine, workers=workers, scheduler=scheduler, restart=True)
    stamps: list[float] = []
    cpu = time.process_time()
    outcome = audit.run(lambda record, fresh: stamps.append(time.perf_counter()))
    cpu = time.process_time() - cpu
    seconds = time.perf_counter() - began
    # steady state: from the record that ends the first tenth to the last record (start-up and the
    # report rendering left out)
    tenth = len(stamps) // 10
    steady = (len(stamps) - 1 - tenth) / (stamps[-1] - stamps[tenth])
    return {"engine": engine, "workers": workers, "articles": outcome.articles, "findings": outcome.findings,
            "seconds": round(seconds, 2), "articles_per_second": round(outcome.articles / seconds, 2),
            "startup_seconds": round(stamps[0] - began, 2), "steady_articles_per_second": round(steady, 2),
            "client_cpu_ms_per_article": round(1000 * cpu / outcome.articles, 2)}


def client_cost(archive: Path, glossary: Path, out: Path, sample: int = 300) -> dict:
    """Seconds per article of the work that stays on the client whatever the number of workers:
    reading and fingerprinting the export, and journaling, aggregating and streaming each record
    into the JSON report (the HTML page is rendered once at the end and left out)."""
    from transaudit.audit import engine_local, report_json, sources, state
    from transaudit.config import Config
    from transaudit.linter import load
    from transaudit.results import RunInfo

    config = Config()
    found = sources.expand([str(archive)], config)
    began = time.perf_counter()
    articles = list(sources.articles(found, sources.Fields(date="published")))
    read = (time.perf_counter() - began) / len(articles)
    compiled = load(config, [str(glossary)])
    records = [engine_local.check(a, compiled, config) for a in articles[:sample]]
    rounds = max(1, len(articles) // len(records))
    journal_file = out / "client-cost.journal.jsonl"
    began = time.perf_counter()
    aggregate = report_json.Aggregate({}, 1000)
    writer = report_json.Writer(str(out / "client-cost.json"), RunInfo(0, "", (), "bench"), "client-cost")
    with state.Journal(str(journal_file), {"bench": 1}, restart=True) as journal:
        for r in range(rounds):
            for i, record in enumerate(records):
                record = {**record, "id": f"{record['id']}-{r}"}
                journal.append(record)
                aggregate.add(r * len(records) + i, record)
                writer.add(record)
        writer.finish(aggregate.result())
        journal.complete()
    per_record = (time.perf_counter() - began) / (rounds * len(records))
    return {"read_ms": round(1000 * read, 3), "record_ms": round(1000 * per_record, 3),
            "ceiling_articles_per_second": round(1 / (read + per_record))}


def main(argv=None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--articles", type=int, default=2000)
    p.add_argument("--bytes", type=int, default=3000, help="approximate size of one article (default 3000)")
    p.add_argument("--seed", type=int, default=8)
    p.add_argument("--out", type=Path, default=Path("reports/audit-scaling"))
    p.add_argument("--engines", nargs="+", default=["local", "dask"], choices=["local", "dask"])
    p.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    p.add_argument("--scheduler", help="run the Dask configuration once on this cluster instead of local clusters "
                                       "(the CPU figure is then the client's alone)")
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
        remote = engine == "dask" and args.scheduler
        for workers in [None] if remote else args.workers:
            row = audit_once(archive, glossary, args.out, engine, workers, args.scheduler if remote else None)
            base = next((r for r in rows if r["engine"] == engine and r["workers"] == 1), row)
            workers = workers or "remote"
            row["speedup"] = round(row["steady_articles_per_second"] / base["steady_articles_per_second"], 2)
            rows.append(row)
            print(f"{engine:>5} x{workers}: {row['seconds']:6.1f} s in all, {row['articles_per_second']:6.1f} "
                  f"articles/s; first record after {row['startup_seconds']:4.1f} s; steady "
                  f"{row['steady_articles_per_second']:6.1f} articles/s, speed-up {row['speedup']:.2f}  "
                  f"({row['findings']} findings; {row['client_cpu_ms_per_article']} ms CPU per article here)",
                  flush=True)
    client = client_cost(archive, glossary, args.out)
    print(f"client: {client['read_ms']} ms to read an article, {client['record_ms']} ms to journal, aggregate and "
          f"report its record: at most {client['ceiling_articles_per_second']:,} articles/s whatever the workers",
          flush=True)
    findings = {r["findings"] for r in rows}
    if len(findings) > 1:
        print(f"MISMATCH: configurations disagree on the number of findings: {sorted(findings)}", file=sys.stderr)
        return 1
    (args.out / "audit-scaling.json").write_text(json.dumps({"cpus": os.cpu_count(), "articles": args.articles,
                                                              "bytes": args.bytes, "runs": rows, "client": client},
                                                             indent=2) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
