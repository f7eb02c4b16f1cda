"""The HTML audit report in a real browser: headless Chromium renders it offline, with its charts.

Skipped only when no Chromium is installed (Debian: `apt-get install -y chromium`). The browser gets
no network-related background work and a throw-away profile; the page itself forbids any fetch.
"""
from __future__ import annotations

import json
import shutil
import subprocess

import pytest

from transaudit.audit import Audit

BROWSER = next(filter(None, map(shutil.which, ("chromium", "chromium-browser", "google-chrome"))), None)
pytestmark = pytest.mark.skipif(BROWSER is None, reason="Chromium is not installed (apt-get install -y chromium)")

STORIES = [
    ("2024-01-09", "world", "The Pantyr battery was moved to Latakia, officials said."),
    ("2024-01-23", "europe", "Air raid sirens sounded across Kiev on Tuesday. The special services said the "
                             "missile complex was destroyed."),
    ("2024-02-14", "middle-east", "Analysts at the Near East Institute said the talks stalled."),
    ("2024-03-05", "africa", "Al-Shabab fighters attacked a base near Mogadishu."),
    ("2024-04-17", "europe", "Residents of Kiev queued for water after the strike on the <grid> station."),
    ("2024-05-02", "world", "Bashar al-Asad received the Iranian delegation in Damascus."),
    ("2024-06-11", "world", "Chicken Kiev was served at the embassy reception."),
]


def browse(*args: str, timeout: int = 90) -> subprocess.CompletedProcess:
    return subprocess.run([BROWSER, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                           "--disable-background-networking", "--disable-component-update", "--disable-sync",
                           *args], capture_output=True, timeout=timeout)


@pytest.fixture(scope="module")
def report(tmp_path_factory, desk, glossary_rules_only):
    root = tmp_path_factory.mktemp("browser")
    export = root / "wire.jsonl"
    export.write_text("".join(json.dumps({"id": f"wire-{i}", "date": d, "section": s, "text": t}) + "\n"
                              for i, (d, s, t) in enumerate(STORIES)), encoding="utf-8")
    page = root / "reports" / "wire.html"
    Audit([str(export)], desk, glossary_rules_only, report=str(page)).run()
    return page


def test_screenshot_shows_the_report(report, tmp_path):
    shot = report.parent / "wire.png"  # kept beside the report, to look at
    proc = browse(f"--user-data-dir={tmp_path / 'profile'}", f"--screenshot={shot}", "--window-size=1280,2000",
                  report.as_uri())
    assert proc.returncode == 0, proc.stderr.decode(errors="replace")[-2000:]
    assert shot.exists() and shot.stat().st_size > 40_000
    try:
        from PIL import Image
    except ImportError:  # the byte size above is all we can tell
        return
    with Image.open(shot) as im:
        assert im.size == (1280, 2000)
        colours = im.convert("RGB").getcolors(maxcolors=1 << 21)
    assert len(colours) > 100  # text, charts and tables, not a blank page
    error_red = sum(n for n, (r, g, b) in colours if abs(r - 0xC6) < 12 and abs(g - 0x28) < 12 and abs(b - 0x28) < 12)
    dark_text = sum(n for n, (r, g, b) in colours if r + g + b < 150)
    assert error_red > 2_000  # the severity chart's error bar and the error badges
    assert dark_text > 5_000  # headings, labels, numbers


def test_dom_holds_the_inline_charts_and_marked_sentences(report, tmp_path):
    proc = browse(f"--user-data-dir={tmp_path / 'profile'}", "--dump-dom", report.as_uri())
    assert proc.returncode == 0, proc.stderr.decode(errors="replace")[-2000:]
    dom = proc.stdout.decode("utf-8")
    for chart in ("rules", "severity", "entries", "sections", "trend"):
        assert f'<svg id="chart-{chart}" class="chart" role="img"' in dom
    assert dom.count("<svg") == 5 and "<path" in dom
    assert "Air raid sirens sounded across <mark>Kiev</mark> on Tuesday." in dom
    assert "Residents of <mark>Kiev</mark> queued for water after the strike on the &lt;grid&gt; station." in dom
    assert "<grid>" not in dom
