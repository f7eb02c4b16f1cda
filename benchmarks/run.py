"""Benchmark transaudit against the Aho-Corasick floor and textlint + textlint-rule-prh.

    python benchmarks/run.py [--quick] [--out reports] [--data DIR] [--no-textlint]

Generates the seeded data (benchmarks/generator.py) and times, in one run and on the same data,
for each glossary size and text size:

- floor: a bare pyahocorasick scan of the listed wrong forms (benchmarks/floor.py);
- transaudit, exact rules only (listed-variant and calque) and all rules, with the default
  --jobs; with all rules also --jobs 1 on 1 MB;
- textlint + textlint-rule-prh fed the same wrong forms, installed with
  `npm install --prefix TMP textlint textlint-rule-prh` when npm is present (skipped with a
  note otherwise, and for sizes it would take longer than --textlint-budget seconds).

Every configuration runs as its own process tree, measured from a fresh helper process so that
the peak RSS (getrusage RUSAGE_CHILDREN ru_maxrss: the largest process of the tree) belongs to
that configuration alone. Start-up is included everywhere. transaudit's compiled-glossary cache
is warmed first (in a private cache directory); the cold compile time is reported apart.

Also measured: a cold `transaudit lint` of one 5 KB article with the 10,000-entry glossary and a
warm cache beside `python -c pass`, the compiled cache load time, and the modules such a run
imports. Writes <out>/benchmarks.json and <out>/benchmarks.md. `--quick` runs the smallest sizes
only (a test runs it).
"""
from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path[:0] = [str(HERE), str(ROOT / "src")]   # this checkout's transaudit, not an installed one
import generator  # noqa: E402

EXACT_RULES = ("listed-variant", "calque")
CLEAN_RULES = ("untranslated", "mixed-script", "inconsistency")   # issue 5
HEAVY_MODULES = ("langdetect", "rapidfuzz", "wordfreq", "babel", "jellyfish", "sacrebleu", "rich",
                 "confusable_homoglyphs", "iuliia", "jsonschema", "concurrent.futures", "multiprocessing")
GOALS = {
    "all_rules_vs_floor": 0.3, "exact_vs_floor_10M": 0.7, "cold_lint_ms": 250, "rss_10000_mb": 100,
    "rss_100000_mb": 200, "cache_load_s": 1.0, "issue4_ratio": 2.0, "issue5_ratio": 1.25,
}

# Runs a command and prints its wall time and the peak RSS of its process tree (largest process).
_MEASURE = """
import json, resource, subprocess, sys, time
t = time.perf_counter()
p = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
wall = time.perf_counter() - t
rss = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
scale = 1 if sys.platform == "darwin" else 1024
print(json.dumps({"seconds": wall, "rss_mb": rss * scale / 2**20, "code": p.returncode,
                  "stderr": p.stderr.decode("utf-8", "replace")[-2000:]}))
"""
_LOAD = """
import json, sys, time
t = time.perf_counter()
from transaudit.config import Config
from transaudit.linter import load
imported = time.perf_counter()
compiled = load(Config(), [sys.argv[1]], default=False)
loaded = time.perf_counter()
from transaudit.glossary import cache
from transaudit.glossary.load import read_glossary_bytes
entry = cache.cache_dir() / (cache.key([(sys.argv[1], read_glossary_bytes(sys.argv[1]))], False) + ".pickle")
print(json.dumps({"import_s": imported - t, "load_s": loaded - imported, "patterns": len(compiled.patterns),
                  "bytes": entry.stat().st_size}))
"""
_FORGET = """
import sys
from transaudit.glossary import cache
from transaudit.glossary.load import read_glossary_bytes
entry = cache.cache_dir() / (cache.key([(sys.argv[1], read_glossary_bytes(sys.argv[1]))], False) + ".pickle")
entry.unlink(missing_ok=True)
"""
_IMPORTS = """
import sys
from transaudit.cli import main
try:
    main(sys.argv[1:])
except SystemExit:
    pass
print("\\n".join(sorted(sys.modules)), file=sys.stderr)
"""


def env(cache_dir: Path) -> dict:
    src = str(ROOT / "src")
    return {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [src, os.environ.get("PYTHONPATH")])),
            "TRANSAUDIT_CACHE_DIR": str(cache_dir), "NO_COLOR": "1"}


def measure(cmd: list[str], environ: dict, repeat: int = 1) -> dict:
    """Median wall time and largest peak RSS of `repeat` runs of `cmd`."""
    runs = []
    for _ in range(repeat):
        out = subprocess.run([sys.executable, "-c", _MEASURE, *cmd], capture_output=True, env=environ, check=True)
        runs.append(json.loads(out.stdout))
    return {"seconds": statistics.median(r["seconds"] for r in runs), "rss_mb": max(r["rss_mb"] for r in runs),
            "code": runs[-1]["code"], "runs": [round(r["seconds"], 4) for r in runs], "stderr": runs[-1]["stderr"]}


# ---------------------------------------------------------------- tools


def write_configs(data: Path) -> dict[str, Path]:
    from transaudit.detectors import RULES

    configs = {}
    for name, off in (("all", ()), ("exact", [r for r in RULES if r not in EXACT_RULES]),
                      ("without-clean-rules", CLEAN_RULES)):
        path = data / f"{name}.toml"
        lines = ["no-default-glossary = true", 'fail-on = "error"']
        for rule in off:
            lines += [f"[rules.{rule}]", 'severity = "off"']
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")
        configs[name] = path
    return configs


def transaudit_cmd(data: Path, entries: int, folder: Path, config: Path, jobs: int | None = None) -> list[str]:
    cmd = [sys.executable, "-m", "transaudit", "lint", "--config", str(config), "--no-default-glossary",
           "--glossary", str(data / f"glossary-{entries}.yaml"), "--format", "json", str(folder)]
    return cmd + (["--jobs", str(jobs)] if jobs else [])


def floor_cmd(data: Path, entries: int, folder: Path) -> list[str]:
    return [sys.executable, str(HERE / "floor.py"), str(data / f"wrong-{entries}.tsv"), str(folder)]


def install_textlint(prefix: Path) -> tuple[Path | None, str]:
    npm = shutil.which("npm")
    if not npm or not shutil.which("node"):
        return None, "npm/node not found: textlint skipped"
    proc = subprocess.run([npm, "install", "--prefix", str(prefix), "--no-audit", "--no-fund", "--silent",
                           "textlint", "textlint-rule-prh"], capture_output=True, text=True, timeout=600)
    binary = prefix / "node_modules" / ".bin" / "textlint"
    if proc.returncode != 0 or not binary.exists():
        return None, f"npm install failed: textlint skipped ({(proc.stderr or proc.stdout).strip()[-300:]})"
    version = subprocess.run([str(binary), "--version"], capture_output=True, text=True).stdout.strip()
    return binary, f"textlint {version} with textlint-rule-prh, installed in a temporary npm prefix"


def textlint_cmd(binary: Path, data: Path, entries: int, folder: Path) -> list[str]:
    rc = data / f"textlintrc-{entries}.json"
    if not rc.exists():
        rc.write_text(json.dumps({"rules": {"prh": {"rulePaths": [str(data / f"prh-{entries}.yml")]}}}),
                      encoding="utf-8")
    return [str(binary), "--config", str(rc), "--format", "json", str(folder / "*.md")]


# ---------------------------------------------------------------- the run


def run(args) -> dict:
    entries_list = args.entries or ([100] if args.quick else list(generator.ENTRY_COUNTS))
    sizes = args.sizes or (["100K"] if args.quick else list(generator.SIZES))
    clean = "100K" if args.quick else "1M"
    repeat = args.repeat or (1 if args.quick else 3)
    data = Path(args.data)
    manifest_path = data / "manifest.json"
    wanted = {"seed": args.seed, "entries": entries_list, "sizes": sizes, "clean": clean}
    old = json.loads(manifest_path.read_text()) if manifest_path.exists() else {}
    if old.get("request") != wanted:
        shutil.rmtree(data, ignore_errors=True)
        t = time.perf_counter()
        manifest = generator.generate(data, entries_list, sizes, (clean,), args.seed)
        manifest["request"] = wanted
        manifest["generate_s"] = round(time.perf_counter() - t, 2)
        manifest_path.write_text(json.dumps(manifest, indent=2), encoding="utf-8")
    manifest = json.loads(manifest_path.read_text())
    cache_dir = data / "cache"
    environ = env(cache_dir)
    configs = write_configs(data)
    jobs = _default_jobs()
    report: dict = {
        "machine": {"python": platform.python_version(), "platform": platform.platform(), "cores": jobs,
                    "load_average": _loadavg()},
        "quick": args.quick, "repeat": repeat, "jobs": jobs, "manifest": manifest, "notes": [], "rows": [],
        "compile": {}, "cache_load": {},
    }
    log = (lambda *a: print(*a, file=sys.stderr, flush=True)) if not args.silent else (lambda *a: None)

    # warm the cache: the first run per glossary compiles it (reported apart), from scratch
    for n in entries_list:
        one = data / f"text-{sizes[0]}" / "00000.md"
        subprocess.run([sys.executable, "-c", _FORGET, str(data / f"glossary-{n}.yaml")], env=environ, check=True)
        r = measure(transaudit_cmd(data, n, one, configs["all"], 1), environ)
        report["compile"][str(n)] = {"seconds": round(r["seconds"], 3), "rss_mb": round(r["rss_mb"], 1)}
        log(f"compiled {n} entries in {r['seconds']:.1f} s, {r['rss_mb']:.0f} MB")
        loads = [json.loads(subprocess.run([sys.executable, "-c", _LOAD, str(data / f"glossary-{n}.yaml")],
                                           capture_output=True, env=environ, check=True).stdout)
                 for _ in range(repeat)]
        report["cache_load"][str(n)] = {"seconds": round(statistics.median(x["load_s"] for x in loads), 4),
                                        "import_s": round(statistics.median(x["import_s"] for x in loads), 4),
                                        "patterns": loads[0]["patterns"], "bytes": loads[0]["bytes"]}

    textlint = None
    if args.no_textlint or (args.quick and not args.textlint):
        report["notes"].append("textlint skipped (--quick or --no-textlint)")
    else:
        prefix = Path(tempfile.mkdtemp(prefix="transaudit-textlint-"))
        textlint, note = install_textlint(prefix)
        report["notes"].append(note)
        report["textlint_prefix"] = str(prefix)

    for n in entries_list:
        textlint_rate = None
        for size in sizes:
            folder = data / f"text-{size}"
            megabytes = manifest["texts"][f"text-{size}"]["bytes"] / 2**20
            plan = [("floor", floor_cmd(data, n, folder)),
                    ("transaudit exact", transaudit_cmd(data, n, folder, configs["exact"])),
                    ("transaudit all", transaudit_cmd(data, n, folder, configs["all"]))]
            if size == ("100K" if args.quick else "1M"):
                plan.append(("transaudit all -j1", transaudit_cmd(data, n, folder, configs["all"], 1)))
            if textlint is not None:
                projected = megabytes / textlint_rate if textlint_rate else 0
                if projected > args.textlint_budget:
                    report["notes"].append(f"textlint skipped at {n} entries, {size}: projected {projected:.0f} s "
                                           f"> budget {args.textlint_budget:.0f} s")
                else:
                    plan.append(("textlint+prh", textlint_cmd(textlint, data, n, folder)))
            floor_seconds = None
            for tool, cmd in plan:
                reps = 1 if (tool == "textlint+prh" or megabytes > 5) else repeat
                r = measure(cmd, environ, reps)
                if tool != "textlint+prh" and r["code"] not in (0, 1):
                    raise SystemExit(f"{tool} failed ({r['code']}): {r['stderr']}")
                rate = megabytes / r["seconds"]
                if tool == "floor":
                    floor_seconds = r["seconds"]
                if tool == "textlint+prh":
                    textlint_rate = rate
                row = {"tool": tool, "entries": n, "size": size, "files": manifest["texts"][f"text-{size}"]["files"],
                       "megabytes": round(megabytes, 3), "seconds": round(r["seconds"], 4),
                       "mb_per_s": round(rate, 3), "rss_mb": round(r["rss_mb"], 1),
                       "vs_floor": round(floor_seconds / r["seconds"], 3), "runs": r["runs"]}
                if tool == "textlint+prh" and r["code"] not in (0, 1):
                    row["error"] = r["stderr"][-300:]
                report["rows"].append(row)
                log(f"{tool:22s} {n:>7} {size:>4} {rate:8.3f} MB/s {r['rss_mb']:6.0f} MB  x{row['vs_floor']:.3f}")

    report["cold_lint"] = cold_lint(data, entries_list, configs, environ, repeat=3 if args.quick else 7)
    report["imports"] = imports_of_one_article(data, entries_list, configs, environ)
    clean_folder = data / f"clean-{clean}"
    big = 10_000 if 10_000 in entries_list else max(entries_list)
    with_clean = measure(transaudit_cmd(data, big, clean_folder, configs["all"]), environ, repeat)
    without = measure(transaudit_cmd(data, big, clean_folder, configs["without-clean-rules"]), environ, repeat)
    report["issue5"] = {"entries": big, "size": clean, "all_s": round(with_clean["seconds"], 4),
                        "without_s": round(without["seconds"], 4),
                        "ratio": round(with_clean["seconds"] / without["seconds"], 3)}
    if args.stages:
        size = "1M" if "1M" in sizes else sizes[0]
        out = subprocess.run([sys.executable, str(HERE / "stages.py"), str(data / f"glossary-{big}.yaml"),
                              str(data / f"text-{size}"), "--json"], capture_output=True, env=environ, check=True)
        report["stages"] = {"entries": big, "size": size, "seconds": json.loads(out.stdout)}
    report["goals"] = goals(report)
    return report


def _default_jobs() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        return os.cpu_count() or 1


def _loadavg():
    try:
        return [round(x, 2) for x in os.getloadavg()]
    except OSError:
        return None


def cold_lint(data: Path, entries_list, configs, environ, repeat: int) -> dict:
    n = 10_000 if 10_000 in entries_list else max(entries_list)
    article = sorted((data / f"text-{'1M' if (data / 'text-1M').exists() else '100K'}").glob("*.md"))[0]
    lint = measure(transaudit_cmd(data, n, article, configs["all"]), environ, repeat)
    bare = measure([sys.executable, "-c", "pass"], environ, repeat)
    return {"entries": n, "article_bytes": article.stat().st_size, "lint_ms": round(lint["seconds"] * 1000, 1),
            "lint_rss_mb": round(lint["rss_mb"], 1), "python_pass_ms": round(bare["seconds"] * 1000, 1)}


def imports_of_one_article(data: Path, entries_list, configs, environ) -> dict:
    n = 10_000 if 10_000 in entries_list else max(entries_list)
    out = {}
    for name, folder in (("news", "text"), ("clean", "clean")):
        found = sorted((data).glob(f"{folder}-*/00000.md"))
        if not found:
            continue
        cmd = transaudit_cmd(data, n, found[0], configs["all"])[3:]
        proc = subprocess.run([sys.executable, "-c", _IMPORTS, *cmd], capture_output=True, text=True, env=environ)
        modules = set(proc.stderr.split())
        out[name] = sorted(m for m in HEAVY_MODULES if m in modules)
    return out


# ---------------------------------------------------------------- goals and the report


def _row(report, tool, entries, size):
    for r in report["rows"]:
        if (r["tool"], r["entries"], r["size"]) == (tool, entries, size):
            return r
    return None


def goals(report) -> list[dict]:
    out = []

    def add(goal, target, value, ok, detail):
        out.append({"goal": goal, "target": target, "value": value,
                    "met": None if value is None else bool(ok), "detail": detail})

    r = _row(report, "transaudit all", 10_000, "1M")
    add("all rules vs floor, 10,000 entries, 1 MB in 192 files", f">= {GOALS['all_rules_vs_floor']}x",
        r and r["vs_floor"], r and r["vs_floor"] >= GOALS["all_rules_vs_floor"],
        r and f"{r['mb_per_s']} MB/s vs floor {round(r['mb_per_s'] / r['vs_floor'], 2)} MB/s")
    r = _row(report, "transaudit exact", 10_000, "10M")
    add("exact rules vs floor, 10,000 entries, 10 MB", f">= {GOALS['exact_vs_floor_10M']}x",
        r and r["vs_floor"], r and r["vs_floor"] >= GOALS["exact_vs_floor_10M"],
        r and f"{r['mb_per_s']} MB/s vs floor {round(r['mb_per_s'] / r['vs_floor'], 2)} MB/s")
    c = report["cold_lint"]
    add(f"cold lint of one 5 KB article, {c['entries']:,} entries, warm cache", f"<= {GOALS['cold_lint_ms']} ms",
        c["lint_ms"], c["lint_ms"] <= GOALS["cold_lint_ms"], f"python -c pass: {c['python_pass_ms']} ms")
    for n, key in ((10_000, "rss_10000_mb"), (100_000, "rss_100000_mb")):
        rows = [x for x in report["rows"] if x["entries"] == n and x["tool"].startswith("transaudit")]
        peak = max((x["rss_mb"] for x in rows), default=None)
        add(f"peak RSS, {n:,} entries (largest process)", f"<= {GOALS[key]} MB", peak,
            peak is not None and peak <= GOALS[key], "max over the transaudit rows")
    for n in ("10000", "100000"):
        load = report["cache_load"].get(n)
        add(f"compiled cache load, {int(n):,} entries", f"<= {GOALS['cache_load_s']} s", load and load["seconds"],
            load and load["seconds"] <= GOALS["cache_load_s"], load and f"{load['patterns']:,} patterns")
    a, e = _row(report, "transaudit all", 10_000, "1M"), _row(report, "transaudit exact", 10_000, "1M")
    ratio = round(a["seconds"] / e["seconds"], 3) if a and e else None
    add("issue 4: all rules / exact rules, 1 MB, 10,000 entries", f"<= {GOALS['issue4_ratio']}x", ratio,
        ratio is not None and ratio <= GOALS["issue4_ratio"], None)
    i5 = report["issue5"]
    add(f"issue 5: with / without {', '.join(CLEAN_RULES)} on clean English ({i5['size']}, {i5['entries']:,} entries)",
        f"<= {GOALS['issue5_ratio']}x", i5["ratio"], i5["ratio"] <= GOALS["issue5_ratio"], None)
    return out


def markdown(report) -> str:
    m = report["machine"]
    lines = ["# transaudit benchmarks", "",
             f"Python {m['python']} on {m['platform']}, {m['cores']} cores (load average at start "
             f"{m['load_average']}); transaudit with --jobs {report['jobs']} unless marked -j1; median of "
             f"{report['repeat']} runs (1 run for 10 MB and for textlint); start-up included everywhere.",
             "Peak RSS is that of the largest process of the run (getrusage RUSAGE_CHILDREN).", "",
             "| tool | entries | text | files | MB/s | x floor | peak RSS MB | seconds |",
             "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"]
    for r in report["rows"]:
        lines.append(f"| {r['tool']} | {r['entries']:,} | {r['size']} | {r['files']} | {r['mb_per_s']:.3f} | "
                     f"{r['vs_floor']:.3f} | {r['rss_mb']:.0f} | {r['seconds']:.3f} |")
    lines += ["", "## Goals (issue 8)", "", "| goal | target | measured | met | note |", "| --- | --- | ---: | --- | --- |"]
    for g in report["goals"]:
        met = "n/a (not measured)" if g["met"] is None else ("yes" if g["met"] else "**no**")
        lines.append(f"| {g['goal']} | {g['target']} | {g['value'] if g['value'] is not None else '-'} | {met} | "
                     f"{g['detail'] or ''} |")
    lines += ["", "## Start-up and cache", "", "| entries | cold compile s (first run) | compile RSS MB | "
              "cache load s | cache file MB | patterns |", "| ---: | ---: | ---: | ---: | ---: | ---: |"]
    for n, c in report["compile"].items():
        load = report["cache_load"][n]
        lines.append(f"| {int(n):,} | {c['seconds']} | {c['rss_mb']:.0f} | {load['seconds']} | "
                     f"{load['bytes'] / 2**20:.1f} | {load['patterns']:,} |")
    c = report["cold_lint"]
    lines += ["", f"Cold `transaudit lint` of one {c['article_bytes']:,}-byte article, {c['entries']:,} entries, "
              f"warm cache: {c['lint_ms']} ms, {c['lint_rss_mb']:.0f} MB (`python -c pass`: {c['python_pass_ms']} ms).",
              "Heavy modules imported by that run: "
              + "; ".join(f"{k}: {', '.join(v) or 'none'}" for k, v in report["imports"].items()) + "."]
    i5 = report["issue5"]
    lines += ["", f"Issue 5: {i5['size']} of clean English, {i5['entries']:,} entries: {i5['all_s']} s with all rules, "
              f"{i5['without_s']} s without {', '.join(CLEAN_RULES)} (x{i5['ratio']})."]
    if report.get("stages"):
        st = report["stages"]
        total = sum(v for k, v in st["seconds"].items() if k not in ("files", "bytes"))
        lines += ["", f"## Where the time goes ({st['size']}, {st['entries']:,} entries, one process)", "",
                  "| stage | seconds | share |", "| --- | ---: | ---: |"]
        for k, v in sorted(((k, v) for k, v in st["seconds"].items() if k not in ("files", "bytes")),
                           key=lambda kv: -kv[1]):
            lines.append(f"| {k} | {v:.3f} | {100 * v / total:.1f} % |")
    if report["notes"]:
        lines += ["", "## Notes", ""] + [f"- {n}" for n in report["notes"]]
    return "\n".join(lines) + "\n"


def main(argv=None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--quick", action="store_true", help="smallest sizes only (100 entries, 100 KB)")
    p.add_argument("--out", default=str(ROOT / "reports"), help="where benchmarks.md and .json go")
    p.add_argument("--data", default=None, help="where the generated data goes (default: OUT/bench-data)")
    p.add_argument("--entries", type=int, nargs="+", help="glossary sizes (default: 100 1000 10000 100000)")
    p.add_argument("--sizes", nargs="+", choices=list(generator.SIZES), help="text sizes (default: all)")
    p.add_argument("--seed", type=int, default=8)
    p.add_argument("--repeat", type=int, help="runs per configuration (default: 3, --quick 1)")
    p.add_argument("--no-textlint", action="store_true")
    p.add_argument("--textlint", action="store_true", help="run textlint in --quick mode too")
    p.add_argument("--textlint-budget", type=float, default=150.0,
                   help="skip textlint where its projected time exceeds this many seconds")
    p.add_argument("--no-stages", dest="stages", action="store_false", help="skip the per-stage timing")
    p.add_argument("--silent", action="store_true")
    args = p.parse_args(argv)
    out = Path(args.out)
    args.data = args.data or str(out / ("bench-data-quick" if args.quick else "bench-data"))
    report = run(args)
    if report.get("textlint_prefix"):
        shutil.rmtree(report.pop("textlint_prefix"), ignore_errors=True)
    out.mkdir(parents=True, exist_ok=True)
    (out / "benchmarks.json").write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    (out / "benchmarks.md").write_text(markdown(report), encoding="utf-8")
    print(markdown(report))
    return 0


if __name__ == "__main__":
    sys.exit(main())
