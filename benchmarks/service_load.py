"""Load generator for `transaudit serve`: throughput, latency and server memory on 127.0.0.1 only.

    python benchmarks/service_load.py                      # starts its own server on a free port
    python benchmarks/service_load.py --rate 30 --requests 3000 --json report.json
    python benchmarks/service_load.py --url http://127.0.0.1:8077 --pid 1234
    python benchmarks/service_load.py --server-arg=--jobs --server-arg=1

Two phases, both bounded in request count and time, both stopping by themselves:

1. closed loop (the maximum sustained throughput): `--concurrency` clients send back to back until
   `--throughput-requests` answers came back;
2. open loop (the goal): requests are offered at `--rate` per second in total, whatever the server's
   pace, over at most `--concurrency` connections, until `--requests` were sent. A request's latency
   counts from the moment it was due, so a server that falls behind shows it (no coordinated
   omission). The RSS of the server and its worker processes is sampled every second.

Every request is a distinct ~5 KB news article (`--size`) with translation artifacts, sent to
`POST /v1/lint` (`--endpoint v2` uses LanguageTool's `/v2/check`). Needs httpx and psutil.
"""
from __future__ import annotations

import argparse
import asyncio
import ipaddress
import json
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.parse
from pathlib import Path

import httpx
import psutil

ROOT = Path(__file__).resolve().parents[1]
LISTENING = re.compile(r"listening on (http://\S+/)")

SENTENCES = (
    "The Pantyr missile complex was moved closer to the front line on {day}, officials said.",
    "According to the special services, Evgheni Prigojin's men left the base near Bakhmut.",
    "Ukrainian air defences shot down {n} Shahed drones over Kiev overnight, the air force said.",
    "Bashar al-Asad met the delegation in Damascus, state media reported on {day}.",
    "The Kremlin spokesman Dmitri Peskov declined to comment on the report.",
    "Analysts at the Near East Institute said the strike would change little on the ground.",
    "Al-Shabab fighters attacked a military base in southern Somalia, killing {n} soldiers.",
    "The unilateral strike drones were launched from the Black Sea coast, the ministry said.",
    "Residents of Harkov spent the night in metro stations as sirens sounded across the city.",
    "The minister told reporters in Brussels that talks would continue next week.",
    "Officials said the Tor-M2 batteries had been repositioned before the attack.",
    "The European Commission proposed new sanctions on {day}, targeting {n} companies.",
)
DAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


def article(i: int, size: int) -> str:
    """A distinct article of about `size` characters: paragraphs of news sentences."""
    out, k = [f"Report {i}: the situation on day {i % 997}."], i
    while sum(map(len, out)) < size:
        paragraph = []
        for _ in range(4):
            k = (k * 1103515245 + 12345) % 2**31
            s = SENTENCES[k % len(SENTENCES)]
            paragraph.append(s.format(day=DAYS[k % 7], n=k % 40 + 2))
        out.append(" ".join(paragraph))
    return "\n\n".join(out)[:size]


def percentile(values: list[float], q: float) -> float | None:
    if not values:
        return None
    values = sorted(values)
    return values[min(len(values) - 1, max(0, round(q * len(values)) - 1))]


def summary(latencies: list[float], statuses: dict, elapsed: float) -> dict:
    ok = [ms for ms, status in latencies if status == 200]
    everything = [ms for ms, _ in latencies]
    return {"requests": len(latencies), "ok": len(ok), "statuses": dict(sorted(statuses.items(), key=str)),
            "elapsed_s": round(elapsed, 2),
            "answers_per_s": round(len(latencies) / elapsed, 1) if elapsed else None,
            "ok_per_s": round(len(ok) / elapsed, 1) if elapsed else None,
            "ok_ms": {"p50": _r(percentile(ok, 0.5)), "p99": _r(percentile(ok, 0.99)),
                      "max": _r(max(ok, default=None))},
            "all_ms": {"p50": _r(percentile(everything, 0.5)), "p99": _r(percentile(everything, 0.99)),
                       "mean": _r(statistics.fmean(everything)) if everything else None}}


def _r(x):
    return None if x is None else round(x, 1)


class Target:
    def __init__(self, url: str, endpoint: str):
        self.url, self.endpoint = url.rstrip("/"), endpoint

    def request(self, client: httpx.AsyncClient, text: str):
        if self.endpoint == "v2":
            return client.post(self.url + "/v2/check", data={"text": text, "language": "en-US"})
        return client.post(self.url + "/v1/lint", json={"text": text})


async def send(target: Target, client, text: str, due: float, latencies: list, statuses: dict) -> None:
    try:
        response = await target.request(client, text)
        status = response.status_code
    except httpx.HTTPError as e:
        status = type(e).__name__
    latencies.append(((time.perf_counter() - due) * 1000, status))
    statuses[status] = statuses.get(status, 0) + 1


async def closed_loop(target: Target, count: int, concurrency: int, size: int, offset: int,
                      deadline: float) -> dict:
    latencies, statuses, counter = [], {}, iter(range(count))
    limits = httpx.Limits(max_connections=concurrency, max_keepalive_connections=concurrency)
    async with httpx.AsyncClient(limits=limits, timeout=60) as client:
        async def worker():
            for i in counter:
                if time.monotonic() > deadline:
                    return
                await send(target, client, article(offset + i, size), time.perf_counter(), latencies, statuses)

        start = time.perf_counter()
        await asyncio.gather(*(worker() for _ in range(concurrency)))
        return summary(latencies, statuses, time.perf_counter() - start)


async def open_loop(target: Target, count: int, rate: float, concurrency: int, size: int, offset: int,
                    deadline: float, sample) -> dict:
    latencies, statuses, tasks = [], {}, []
    gate = asyncio.Semaphore(concurrency)  # at most `concurrency` connections in use
    limits = httpx.Limits(max_connections=concurrency, max_keepalive_connections=concurrency)
    memory = []

    async def sampler():
        while True:
            memory.append((round(time.perf_counter() - start, 1), len(latencies), sample()))
            await asyncio.sleep(1)

    async def one(i: int, due: float):
        async with gate:
            await send(target, client, article(offset + i, size), due, latencies, statuses)

    async with httpx.AsyncClient(limits=limits, timeout=60) as client:
        start = time.perf_counter()
        watcher = asyncio.create_task(sampler())
        for i in range(count):
            due = start + i / rate
            delay = due - time.perf_counter()
            if delay > 0:
                await asyncio.sleep(delay)
            if time.monotonic() > deadline:
                break
            tasks.append(asyncio.create_task(one(i, due)))
        await asyncio.gather(*tasks)
        elapsed = time.perf_counter() - start
        watcher.cancel()
        memory.append((round(elapsed, 1), len(latencies), sample()))
    out = summary(latencies, statuses, elapsed)
    out["offered_per_s"] = rate
    out["memory_mib"] = [(t, n, round(rss / 2**20, 1), round(pss / 2**20, 1))
                         for t, n, (rss, pss) in memory if rss]
    return out


def start_server(args) -> tuple[subprocess.Popen, str, Path]:
    log = Path(args.server_log)
    path = os.pathsep.join(filter(None, [str(ROOT / "src"), os.environ.get("PYTHONPATH")]))
    env = {**os.environ, "PYTHONPATH": path}
    command = [sys.executable, "-m", "transaudit", "serve", "--host", "127.0.0.1", "--port", "0",
               *args.server_arg]  # its defaults, and at log level info: one access-log line per request
    with open(log, "wb") as err:
        proc = subprocess.Popen(command, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=err, env=env)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        found = LISTENING.search(log.read_text())
        if found:
            return proc, found.group(1), log
        if proc.poll() is not None:
            sys.exit(f"server exited:\n{log.read_text()}")
        time.sleep(0.1)
    proc.kill()
    sys.exit("server did not start")


def loopback_only(url: str) -> None:
    host = urllib.parse.urlparse(url).hostname or ""
    if host != "localhost" and not ipaddress.ip_address(host).is_loopback:
        sys.exit(f"refusing to load {host}: this benchmark targets 127.0.0.1 only")


def main(argv=None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--url", help="a running server (loopback only); default: start one")
    p.add_argument("--pid", type=int, help="the running server's process id, for RSS")
    p.add_argument("--endpoint", choices=("v1", "v2"), default="v1")
    p.add_argument("--requests", type=int, default=10_000, help="open-loop requests (default 10,000)")
    p.add_argument("--rate", type=float, default=100.0, help="open-loop requests per second offered in total")
    p.add_argument("--concurrency", type=int, default=50, help="concurrent connections (default 50)")
    p.add_argument("--throughput-requests", type=int, default=2_000, help="closed-loop requests (0: skip)")
    p.add_argument("--warm-up", type=int, default=100, help="requests before measuring")
    p.add_argument("--size", type=int, default=5_000, help="characters per article (default 5,000)")
    p.add_argument("--server-arg", action="append", default=[],
                   help="an argument for the started server, e.g. --server-arg=--workers --server-arg=2")
    p.add_argument("--server-log", default=os.path.join(tempfile.gettempdir(), "transaudit-service-load.log"),
                   help="where the started server's log goes")
    p.add_argument("--max-seconds", type=float, default=900, help="stop sending after this long")
    p.add_argument("--json", metavar="FILE", help="also write the report here")
    args = p.parse_args(argv)
    if min(args.requests, args.concurrency, args.size) < 1 or args.rate <= 0:
        p.error("--requests, --concurrency, --size and --rate must be positive")

    proc = None
    if args.url:
        url, pid = args.url, args.pid
    else:
        proc, url, _ = start_server(args)
        pid = proc.pid
    loopback_only(url)
    process = psutil.Process(pid) if pid else None

    def cpu() -> tuple[float, float]:
        """CPU seconds (user + system) of the server process and of its worker processes."""
        if not process:
            return 0.0, 0.0
        try:
            main_times = process.cpu_times()
            workers = sum(sum(p.cpu_times()[:2]) for p in process.children(recursive=True))
        except psutil.Error:
            return 0.0, 0.0
        return main_times.user + main_times.system, workers

    def rss() -> tuple[int, int]:
        """RSS and PSS (pages shared after fork counted once) of the server and its worker processes."""
        if not process:
            return 0, 0
        rss_total = pss_total = 0
        try:
            for p in (process, *process.children(recursive=True)):
                info = p.memory_full_info()
                rss_total += info.rss
                pss_total += getattr(info, "pss", info.rss)
        except psutil.Error:
            pass
        return rss_total, pss_total

    target = Target(url, args.endpoint)
    deadline = time.monotonic() + args.max_seconds
    report = {"url": url, "endpoint": args.endpoint, "article_chars": args.size, "concurrency": args.concurrency,
              "cpus": os.cpu_count(), "load_average_before": [round(x, 2) for x in os.getloadavg()]}
    try:
        asyncio.run(closed_loop(target, args.warm_up, min(args.concurrency, 8), args.size, 10**6, deadline))
        report["rss_pss_after_warm_up_mib"] = [round(x / 2**20, 1) for x in rss()]
        if args.throughput_requests:
            report["closed_loop"] = asyncio.run(closed_loop(target, args.throughput_requests, args.concurrency,
                                                            args.size, 2 * 10**6, deadline))
        before = cpu()
        report["open_loop"] = asyncio.run(open_loop(target, args.requests, args.rate, args.concurrency, args.size,
                                                    3 * 10**6, deadline, rss))
        after, answered = cpu(), report["open_loop"]["requests"]
        if process and answered:  # what one request costs the server, whatever else runs on the machine
            report["open_loop"]["cpu_ms_per_request"] = {
                "server": round((after[0] - before[0]) * 1000 / answered, 2),
                "workers": round((after[1] - before[1]) * 1000 / answered, 2)}
    finally:
        if proc:
            proc.terminate()
            proc.wait(15)
    print(render(report))
    if args.json:
        Path(args.json).write_text(json.dumps(report, indent=2) + "\n")
    return 0


def render(report: dict) -> str:
    lines = [f"server {report['url']} ({report['endpoint']}), {report['article_chars']}-character articles, "
             f"{report['concurrency']} connections, {report['cpus']} CPUs "
             f"(load average before: {report['load_average_before'][0]})",
             "server and workers after warm-up: RSS {} MiB, PSS {} MiB".format(
                 *report["rss_pss_after_warm_up_mib"])]
    for name in ("closed_loop", "open_loop"):
        r = report.get(name)
        if not r:
            continue
        offered = f", offered {r['offered_per_s']:g}/s" if "offered_per_s" in r else ""
        lines.append(f"{name.replace('_', ' ')}{offered}: {r['requests']} requests in {r['elapsed_s']} s, "
                     f"{r['ok_per_s']} ok/s; statuses {r['statuses']}; "
                     f"ok p50 {r['ok_ms']['p50']} ms, p99 {r['ok_ms']['p99']} ms, max {r['ok_ms']['max']} ms; "
                     f"all p50 {r['all_ms']['p50']} ms, p99 {r['all_ms']['p99']} ms")
        if "cpu_ms_per_request" in r:
            c = r["cpu_ms_per_request"]
            lines.append(f"CPU per request: server process {c['server']} ms, worker processes {c['workers']} ms "
                         f"(all requests, 503s included)")
    samples = report.get("open_loop", {}).get("memory_mib", [])
    if samples:
        step = max(1, len(samples) // 12)
        shown = samples[::step] + ([samples[-1]] if (len(samples) - 1) % step else [])
        lines.append("memory (s / answers / RSS MiB / PSS MiB): "
                     + "  ".join(f"{t:g}/{n}/{r}/{p}" for t, n, r, p in shown))
        settled = next((x for x in samples if x[1] >= samples[-1][1] // 10), samples[0])
        lines.append(f"RSS growth over the open loop: {round(samples[-1][2] - samples[0][2], 1)} MiB in all, "
                     f"{round(samples[-1][2] - settled[2], 1)} MiB after the first {settled[1]} answers; "
                     f"PSS {round(samples[-1][3] - samples[0][3], 1)} MiB")
    return "\n".join(lines)


if __name__ == "__main__":
    sys.exit(main())
