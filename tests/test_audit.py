"""`transaudit audit`: sources, records, resuming after an interrupt, aggregates, reports, the CLI.

The articles are wire copy checked against the desk glossary with only the glossary-variant rules
on (conftest.GLOSSARY_RULES), so every expected finding below is exact: text, span, suggestion.
"""
from __future__ import annotations

import gzip
import json
import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from conftest import GLOSSARY_RULES, SRC, desk_args, validate_findings
from transaudit.audit import Audit, AuditError, engine_local, journal_path, report_json, sources, state
from transaudit.audit.cli import default_report
from transaudit.config import Config

# (json object, expected findings as (text, suggestion)); None marks a line that is not an object
WIRE = [
    ({"id": "wire-101", "date": "2024-03-04T08:15:00Z", "section": "world", "language": "en",
      "text": "The Pantyr battery was moved to Latakia, officials said. Bashar al-Asad met the delegation."},
     [("Pantyr", "Pantsir"), ("al-Asad", "al-Assad")]),
    ({"id": "wire-102", "date": "2024-03-18", "section": "europe", "language": "en-GB",
      "text": "Air raid sirens sounded across Kiev on Tuesday. The special services said the missile complex "
              "was destroyed."},
     [("Kiev", "Kyiv"), ("special services", "intelligence services"), ("missile complex", "missile system")]),
    ({"id": "wire-103", "date": "2024-04-02", "section": "middle-east",
      "text": "<p>Analysts at the Near East Institute said the talks stalled.</p>"},
     [("Near East Institute", "Middle East Institute")]),
    ({"id": "wire-104", "date": "2024-04-20", "section": "africa",
      "text": "Al-Shabaab fighters attacked a base near Mogadishu. Chicken Kiev was served at the reception."}, []),
    ({"id": "wire-105", "section": "world", "format": "text",
      "text": "Officials posted <script>alert(1)</script> next to a photo of a Pantyr launcher & crew."},
     [("Pantyr", "Pantsir")]),
]
GERMAN = {"id": "wire-106", "language": "de", "section": "europe", "text": "Die Pantyr-Batterie wurde verlegt."}
NO_TEXT = {"id": "wire-108", "title": "Photo gallery: the front line"}


def quiet_config(tmp_path: Path) -> Path:
    """A configuration file switching off every rule but the glossary-variant ones."""
    from transaudit.detectors import RULES

    path = tmp_path / "audit.toml"
    path.write_text("".join(f'[rules.{r}]\nseverity = "off"\n' for r in RULES if r not in GLOSSARY_RULES),
                    encoding="utf-8")
    return path


def write_export(path: Path, extra_lines: bool = True) -> Path:
    lines = [json.dumps(obj, ensure_ascii=False).encode() for obj, _ in WIRE]
    if extra_lines:
        lines += [json.dumps(GERMAN).encode(), b'{"id": "wire-107", "text": "unterminated', b"",
                  json.dumps(NO_TEXT).encode(), b'{"id": "wire-109", "text": "Caf\xe9 in Kiev"}']
    path.write_bytes(b"\n".join(lines) + b"\n")
    return path


def run_audit(inputs, compiled, config, out: Path, hook=None, **kwargs):
    audit = Audit([str(i) for i in inputs], compiled, config, report=str(out / "wire.html"),
                  json_report=str(out / "wire.json"), **kwargs)
    return audit, audit.run(hook)


# ---------------------------------------------------------------- sources


def test_export_articles_with_custom_and_nested_fields(tmp_path):
    path = tmp_path / "cms.jsonl"
    path.write_text("\n".join(json.dumps(o) for o in [
        {"uuid": 7, "body": {"en": "Strikes hit Kiev."}, "meta": {"published": 1710000000, "desk": ["world", "x"]},
         "lang": "en", "kind": "md"},
        {"uuid": "a-2", "body": {"en": "<p>Calm in Odesa.</p>"},
         "meta": {"published": "Tue, 02 Apr 2024 10:00:00 GMT"}},
        {"uuid": "a-3", "body": {"en": "x"}, "meta": {"published": "last Tuesday"}, "kind": "docx"},
    ]) + "\n", encoding="utf-8")
    fields = sources.Fields(id="uuid", text="body.en", date="meta.published", section="meta.desk",
                            language="lang", format="kind")
    got = list(sources.articles(sources.expand([str(path)], Config()), fields))
    assert [(a.id, a.source, a.text, a.format, a.date, a.section, a.language, a.error) for a in got] == [
        ("7", f"{path}:1", "Strikes hit Kiev.", "markdown", "2024-03-09", "world", "en", None),
        ("a-2", f"{path}:2", "<p>Calm in Odesa.</p>", "html", "2024-04-02", None, None, None),
        ("a-3", f"{path}:3", None, "text", None, None, None, "unknown format 'docx' (markdown, html or text)"),
    ]
    assert got[2].date_text == "last Tuesday"
    assert all(a.fingerprint.startswith("sha256:") and len(a.fingerprint) == 71 for a in got)


def test_bad_lines_become_failed_articles_and_blank_lines_are_skipped(tmp_path):
    path = write_export(tmp_path / "wire.jsonl")
    got = list(sources.articles(sources.expand([str(path)], Config()), sources.Fields()))
    assert sources.count(sources.expand([str(path)], Config())) == len(got) == 9
    failed = [(a.id, a.error) for a in got if a.error]
    assert failed == [
        (f"{path}:7", "invalid JSON: Unterminated string starting at (column 28)"),
        ("wire-108", "no 'text' field"),
        (f"{path}:10", "not UTF-8 text (byte 0xe9 at offset 31)"),
    ]
    assert got[2].format == "html" and got[0].format == "text"  # sniffed; no format field


def test_directories_globs_front_matter_and_gzip(tmp_path):
    desk = tmp_path / "desk"
    (desk / "2024").mkdir(parents=True)
    (desk / "2024" / "b.md").write_text("---\ntitle: Kiev talks\ndate: 2024-06-01\nsection: europe\n---\n\nBody.\n",
                                        encoding="utf-8")
    (desk / "2024" / "a.txt").write_bytes(b"\xff\xfe broken")
    (desk / "2024" / "notes.yaml").write_text("skip: me\n", encoding="utf-8")
    with gzip.open(desk / "old.jsonl.gz", "wt", encoding="utf-8") as f:
        f.write(json.dumps({"id": "old-1", "text": "Archive copy."}) + "\n")
    expanded = sources.expand([str(desk), str(tmp_path / "desk" / "2024" / "*.md")], Config())
    assert [(i.kind, os.path.relpath(i.path, tmp_path)) for i in expanded] == [
        ("file", "desk/2024/a.txt"), ("file", "desk/2024/b.md"), ("export", "desk/old.jsonl.gz"),
        ("file", "desk/2024/b.md")]
    got = list(sources.articles(expanded, sources.Fields()))
    assert got[0].error == "UTF-16 text is not supported (save the file as UTF-8)"
    assert (got[1].date, got[1].section, got[1].format) == ("2024-06-01", "europe", "markdown")
    assert (got[2].id, got[2].text) == ("old-1", "Archive copy.")


def test_missing_inputs_are_usage_errors(tmp_path):
    with pytest.raises(AuditError, match=r"nowhere: no such file or directory"):
        sources.expand([str(tmp_path / "nowhere")], Config())
    with pytest.raises(AuditError, match=r"\*\.jsonl: no files match"):
        sources.expand([str(tmp_path / "*.jsonl")], Config())
    (tmp_path / "empty").mkdir()
    with pytest.raises(AuditError, match="no articles found"):
        sources.expand([str(tmp_path / "empty")], Config())


@pytest.mark.parametrize("value, day", [
    ("2024-03-04T23:30:00-05:00", "2024-03-04"), ("2024-03-04T08:15:00Z", "2024-03-04"), ("2024-03-04", "2024-03-04"),
    ("Mon, 04 Mar 2024 10:00:00 +0000", "2024-03-04"), (1709546400, "2024-03-04"), (1709546400000, "2024-03-04"),
    ("04/03/2024", None), ("", None), (True, None),
])
def test_dates(value, day):
    assert sources.parse_date(value) == day


# ---------------------------------------------------------------- records


def test_record_holds_contract_findings_with_their_sentence(desk, glossary_rules_only):
    obj, expected = WIRE[1]
    article = sources.Article("wire-102", "wire.jsonl:2", "sha256:x", obj["text"], "text", "2024-03-18", "europe",
                              "en-GB")
    record = engine_local.check(article, desk, glossary_rules_only)
    assert record["status"] == "checked" and record["words"] == 17
    assert [(f["text"], f["suggestions"][0]) for f in record["findings"]] == expected
    for f in record["findings"]:
        assert obj["text"][f["start"]:f["end"]] == f["text"]
        assert f["fingerprint"].startswith("sha256:") and f["line"] == 1
        c = f["context"]
        assert c["sentence"][c["start"]:c["end"]] == f["text"]
    assert [f["context"]["sentence"] for f in record["findings"]] == [
        "Air raid sirens sounded across Kiev on Tuesday.",
        "The special services said the missile complex was destroyed.",
        "The special services said the missile complex was destroyed."]


def test_html_article_context_is_the_visible_sentence(desk, glossary_rules_only):
    obj, _ = WIRE[2]
    record = engine_local.check(sources.Article("wire-103", "x:3", "sha256:x", obj["text"], "html"),
                                desk, glossary_rules_only)
    [f] = record["findings"]
    assert (f["text"], f["start"], f["end"]) == ("Near East Institute", 19, 38)
    assert f["context"] == {"sentence": "Analysts at the Near East Institute said the talks stalled.",
                            "start": 16, "end": 35}


def test_long_paragraph_context_is_cut_with_ellipses(desk, glossary_rules_only):
    text = "word " * 100 + "near Kiev " + "word " * 100
    record = engine_local.check(sources.Article("long", "long", "sha256:x", text), desk, glossary_rules_only)
    [f] = record["findings"]
    sentence = f["context"]["sentence"]
    assert sentence.startswith("…") and sentence.endswith("…") and len(sentence) < 2 * 240 + 10
    assert sentence[f["context"]["start"]:f["context"]["end"]] == "Kiev"


def test_other_languages_are_skipped_and_bad_articles_fail(desk, glossary_rules_only):
    skipped = engine_local.check(sources.Article("wire-106", "x", "sha256:x", GERMAN["text"], language="de"),
                                 desk, glossary_rules_only)
    assert (skipped["status"], skipped["findings"], skipped["skipped"]) == (
        "skipped", [], "language 'de' (the audit checks 'en')")
    failed = engine_local.check(sources.Article("a", "x", "unreadable", error="permission denied"),
                                desk, glossary_rules_only)
    assert (failed["status"], failed["error"], failed["findings"]) == ("failed", "permission denied", [])
    assert engine_local.checks_language("en_US", "en") and engine_local.checks_language(None, "en")
    assert not engine_local.checks_language("ro", "en")


def test_detector_crash_fails_one_article_only(desk, glossary_rules_only, monkeypatch):
    def boom(doc, compiled, config):
        raise ValueError("bad offsets")

    monkeypatch.setattr(engine_local, "lint", boom)
    record = engine_local.check(sources.Article("a", "x", "sha256:x", "Kiev."), desk, glossary_rules_only)
    assert (record["status"], record["error"]) == ("failed", "internal error: ValueError: bad offsets")


def test_worker_pool_gives_the_same_records_in_order(desk, glossary_rules_only, tmp_path):
    path = write_export(tmp_path / "wire.jsonl")
    arts = list(sources.articles(sources.expand([str(path)], Config()), sources.Fields()))
    alone = list(engine_local.run(iter(arts), desk, glossary_rules_only))
    pooled = list(engine_local.run(iter(arts), desk, glossary_rules_only, workers=2, partition=2))
    assert pooled == alone and [r["id"] for r in alone] == [a.id for a in arts]


# ---------------------------------------------------------------- resuming


def test_interrupted_audit_resumes_without_rechecking(desk, glossary_rules_only, tmp_path, monkeypatch):
    export = write_export(tmp_path / "wire.jsonl")
    total, k = 9, 4

    def stop_after(k):
        seen = []

        def hook(record, fresh):
            seen.append(record["id"])
            if len(seen) == k:
                raise KeyboardInterrupt
        return hook

    resumed_dir = tmp_path / "resumed"
    with pytest.raises(KeyboardInterrupt):
        run_audit([export], desk, glossary_rules_only, resumed_dir, stop_after(k))
    journal = resumed_dir / "wire.journal.jsonl"
    assert len(journal.read_bytes().splitlines()) == 1 + k  # header + one line per article
    assert not (resumed_dir / "wire.json").exists() and not (resumed_dir / "wire.html").exists()
    assert not list(resumed_dir.glob(".*.tmp"))

    checked = []
    real_check = engine_local.check
    monkeypatch.setattr(engine_local, "check", lambda a, *rest: checked.append(a.id) or real_check(a, *rest))
    fresh = []
    _, outcome = run_audit([export], desk, glossary_rules_only, resumed_dir, lambda r, f: fresh.append(f))
    assert len(checked) == total - k and fresh == [False] * k + [True] * (total - k)
    assert (outcome.checked, outcome.resumed, outcome.articles) == (total - k, k, total)
    assert not journal.exists()  # a completed audit leaves only its reports

    whole_dir = tmp_path / "whole"
    run_audit([export], desk, glossary_rules_only, whole_dir)
    for name in ("wire.json", "wire.html"):
        assert (resumed_dir / name).read_bytes() == (whole_dir / name).read_bytes()


def test_changed_article_is_checked_again(desk, glossary_rules_only, tmp_path, monkeypatch):
    export = write_export(tmp_path / "wire.jsonl", extra_lines=False)

    def stop_at_wire_103(record, fresh):
        if record["id"] == "wire-103":
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        run_audit([export], desk, glossary_rules_only, tmp_path, stop_at_wire_103)
    lines = export.read_text(encoding="utf-8").splitlines()
    changed = {**WIRE[0][0], "text": "The Pantsir battery was moved to Latakia."}
    export.write_text("\n".join([json.dumps(changed)] + lines[1:]) + "\n", encoding="utf-8")
    checked = []
    real_check = engine_local.check
    monkeypatch.setattr(engine_local, "check", lambda a, *rest: checked.append(a.id) or real_check(a, *rest))
    _, outcome = run_audit([export], desk, glossary_rules_only, tmp_path)
    assert checked == ["wire-101", "wire-104", "wire-105"]
    report = json.loads((tmp_path / "wire.json").read_text(encoding="utf-8"))
    assert report["files"][0]["findings"] == []


def test_journal_cuts_a_torn_line_and_drops_a_foreign_journal(tmp_path):
    path = str(tmp_path / "r.journal.jsonl")
    record = {"id": "a", "input": "sha256:1", "status": "checked", "findings": []}
    with state.Journal(path, {"glossary": "g1"}) as j:
        j.append(record)
    with open(path, "ab") as f:
        f.write(b'{"id": "b", "input": "sha2')  # killed mid-write
    with state.Journal(path, {"glossary": "g1"}) as j:
        assert len(j) == 1 and j.get(("a", "sha256:1")) == record and not j.has(("b", "sha256:2"))
        j.append({**record, "id": "c"})
    assert [json.loads(line)["id"] for line in open(path, "rb").read().splitlines()[1:]] == ["a", "c"]
    with state.Journal(path, {"glossary": "g2"}) as j:
        assert len(j) == 0 and "another glossary" in j.note
    with state.Journal(path, {"glossary": "g2"}, restart=True) as j:
        assert len(j) == 0 and j.note is None
        j.complete()
    assert not os.path.exists(path)


def test_journal_sits_beside_the_report():
    assert journal_path("reports/desk.html", "out/desk.json") == "reports/desk.journal.jsonl"
    assert journal_path(None, "out/desk.json") == "out/desk.journal.jsonl"
    assert default_report(["corpora/"]) == os.path.join("reports", "corpora.html")
    assert default_report(["exports/cms 2024.jsonl.gz"]) == os.path.join("reports", "cms-2024.html")
    assert default_report(["*.md"]) == os.path.join("reports", "audit.html")


# ---------------------------------------------------------------- aggregates


def test_aggregates(desk, glossary_rules_only, tmp_path):
    run_audit([write_export(tmp_path / "wire.jsonl")], desk, glossary_rules_only, tmp_path)
    doc = validate_findings(json.loads((tmp_path / "wire.json").read_text(encoding="utf-8")))
    a = doc["audit"]
    assert {k: a["totals"][k] for k in ("articles", "checked", "failed", "skipped", "with_findings", "findings",
                                          "dated", "undated")} == {
        "articles": 9, "checked": 5, "failed": 3, "skipped": 1, "with_findings": 4, "findings": 7,
        "dated": 4, "undated": 1}
    assert a["by_severity"] == {"error": 7, "warning": 0, "info": 0}
    assert a["by_rule"] == [{"rule": "listed-variant", "findings": 5, "articles": 4},
                            {"rule": "calque", "findings": 2, "articles": 1}]
    assert a["by_entry"][0] == {"entry": "pantsir", "canonical": "Pantsir", "findings": 2, "articles": 2}
    assert a["wrong_forms"][0] == {"text": "Pantyr", "findings": 2, "articles": 2, "suggestions": ["Pantsir"],
                                   "rules": ["listed-variant"], "entry": "pantsir"}
    assert [(s["section"], s["findings"], s["articles"]) for s in a["by_section"]] == [
        ("europe", 3, 2), ("world", 3, 2), ("middle-east", 1, 1), ("africa", 0, 1), (None, 0, 3)]
    assert a["trend"]["period"] == "day" and len(a["trend"]["points"]) == 48  # 2024-03-04 .. 2024-04-20
    assert a["trend"]["points"][0] == {"period": "2024-03-04", "articles": 1, "findings": 2, "with_findings": 1,
                                       "words": 15, "findings_per_article": 2.0}
    assert doc["summary"] == {"files": 9, "failed_files": 3, "findings": 7,
                              "by_severity": {"error": 7, "warning": 0, "info": 0}}
    assert [f["id"] for f in doc["files"]] == ["wire-101", "wire-102", "wire-103", "wire-104", "wire-105",
                                               "wire-106", f"{tmp_path / 'wire.jsonl'}:7", "wire-108",
                                               f"{tmp_path / 'wire.jsonl'}:10"]


def test_trend_by_month_over_long_spans_and_top_articles():
    agg = report_json.Aggregate({}, max_articles=2)
    for i, (day, n) in enumerate([("2023-10-30", 1), ("2024-02-01", 3), ("2024-02-20", 0)]):
        finding = {"rule": "r", "severity": "error", "entry": None, "text": "x", "suggestions": []}
        agg.add(i, {"status": "checked", "date": day, "words": 10, "findings": [finding] * n})
    trend = agg.result()["trend"]
    assert trend["period"] == "month"
    assert [(p["period"], p["articles"], p["findings"]) for p in trend["points"]] == [
        ("2023-10", 1, 1), ("2023-11", 0, 0), ("2023-12", 0, 0), ("2024-01", 0, 0), ("2024-02", 2, 3)]
    assert [index for index, _ in agg.top()] == [1, 0]


# ---------------------------------------------------------------- the HTML report


def test_html_report_links_findings_in_context_and_escapes(desk, glossary_rules_only, tmp_path):
    run_audit([write_export(tmp_path / "wire.jsonl")], desk, glossary_rules_only, tmp_path)
    page = (tmp_path / "wire.html").read_text(encoding="utf-8")
    # articles sorted by findings (wire-102 has 3, then 2, then 1s in input order), linked to their findings
    order = re.findall(r'<tr><td><a href="#a(\d+)">(wire-\d+)</a>', page)
    assert order == [("1", "wire-102"), ("0", "wire-101"), ("2", "wire-103"), ("4", "wire-105")]
    for anchor in ("a1-f0", "a1-f1", "a1-f2", "a0-f0", "a0-f1", "a2-f0", "a4-f0"):
        assert f'href="#{anchor}"' in page and f'<li id="{anchor}">' in page
    assert "Air raid sirens sounded across <mark>Kiev</mark> on Tuesday." in page
    assert ("Officials posted &lt;script&gt;alert(1)&lt;/script&gt; next to a photo of a <mark>Pantyr</mark> "
            "launcher &amp; crew.") in page
    assert "<script" not in page
    for chart in ("rules", "severity", "entries", "sections", "trend"):
        assert f'<svg id="chart-{chart}" class="chart" role="img"' in page
    assert "no &#x27;text&#x27; field" in page  # the failed articles' table
    # nothing to fetch: no scripts, links, external images or fonts
    assert "default-src 'none'" in page
    assert not re.search(r"<(script|link|iframe|img)\b|@import|url\((?!#)|src=", page)
    assert not re.search(r'href="(?!#)', page)


def test_charts_are_deterministic_svg():
    from transaudit.audit import charts

    agg = {"by_rule": [{"rule": "calque", "findings": 3}], "by_severity": {"error": 3, "warning": 1, "info": 0},
           "by_entry": [], "by_section": [], "trend": None}
    first, second = charts.render(agg), charts.render(agg)
    assert first == second and sorted(first) == ["rules", "severity"]
    assert first["rules"].startswith('<svg id="chart-rules"') and first["rules"].rstrip().endswith("</svg>")
    ids = re.findall(r'\bid="([^"]+)"', first["rules"] + first["severity"])
    assert len(ids) > 20 and len(ids) == len(set(ids))  # two inline charts never share an id
    refs = re.findall(r'(?:url\(#|href="#)([^")]+)', first["rules"])
    assert refs and set(refs) <= set(ids)


# ---------------------------------------------------------------- the command


def run_cli(*args, cwd, env=None, timeout=120):
    full_env = {**os.environ, "PYTHONPATH": str(SRC), "NO_COLOR": "1", **(env or {})}
    proc = subprocess.run([sys.executable, "-m", "transaudit", "audit", *map(str, args)], capture_output=True,
                          cwd=cwd, env=full_env, timeout=timeout)
    out, err = proc.stdout.decode(), proc.stderr.decode()
    assert "Traceback" not in err, err
    return proc.returncode, out, err


def test_cli_audits_files_and_exports(tmp_path):
    (tmp_path / "desk").mkdir()
    (tmp_path / "desk" / "kyiv.md").write_text(
        "---\ntitle: Night raid\ndate: 2024-03-05\nsection: europe\n---\n\nDrones struck Kiev overnight.\n",
        encoding="utf-8")
    write_export(tmp_path / "desk" / "wire.jsonl")
    code, out, err = run_cli("desk", "--json", "out/desk.json", "--report", "reports/desk.html", *desk_args(),
                             "--config", quiet_config(tmp_path), cwd=tmp_path)
    assert (code, err) == (0, "")  # findings are the report's content; not a terminal: no progress bar
    assert out.splitlines() == [
        "10 articles audited: 8 findings; 3 could not be checked; 1 skipped (language)",
        "report: out/desk.json", "report: reports/desk.html"]
    doc = validate_findings(json.loads((tmp_path / "out" / "desk.json").read_text(encoding="utf-8")))
    first = doc["files"][0]
    assert (first["id"], first["date"], first["section"]) == ("desk/kyiv.md", "2024-03-05", "europe")
    [f] = first["findings"]
    assert (f["text"], f["line"], f["column"], f["suggestions"]) == ("Kiev", 7, 15, ["Kyiv"])
    assert (tmp_path / "reports" / "desk.html").stat().st_size > 20_000
    assert not (tmp_path / "reports" / "desk.journal.jsonl").exists()


def test_cli_field_names(tmp_path):
    path = tmp_path / "cms.jsonl"
    path.write_text(json.dumps({"nid": 42, "body": "Kiev said so.", "published_at": "2024-01-02"}) + "\n",
                    encoding="utf-8")
    code, out, _ = run_cli(path, "--json", "a.json", "--id-field", "nid", "--text-field", "body", "--date-field",
                           "published_at", *desk_args(), "--config", quiet_config(tmp_path), cwd=tmp_path)
    assert code == 0
    [item] = json.loads((tmp_path / "a.json").read_text(encoding="utf-8"))["files"]
    assert (item["id"], item["date"], [f["text"] for f in item["findings"]]) == ("42", "2024-01-02", ["Kiev"])


@pytest.mark.parametrize("args, message", [
    (["missing/"], "transaudit: missing/: no such file or directory"),
    (["desk", "--scheduler", "tcp://127.0.0.1:8786"], "transaudit: --scheduler needs --engine dask"),
    (["desk", "--glossary", "bad.yaml"], "transaudit: bad.yaml:4: entry 'Kyiv': unknown key 'colour'"),
])
def test_cli_usage_errors_exit_2(tmp_path, args, message):
    (tmp_path / "desk").mkdir()
    (tmp_path / "desk" / "a.md").write_text("Kiev.\n", encoding="utf-8")
    (tmp_path / "bad.yaml").write_text("version: 1\nentries:\n  - canonical: Kyiv\n    colour: blue\n",
                                       encoding="utf-8")
    code, out, err = run_cli(*args, "--no-default-glossary", cwd=tmp_path)
    assert (code, out, err) == (2, "", message + "\n")
    assert not (tmp_path / "reports").exists()


def test_missing_matplotlib_is_one_line(tmp_path, monkeypatch, capsys):
    from transaudit.cli import main

    (tmp_path / "a.md").write_text("Kiev.\n", encoding="utf-8")
    monkeypatch.setitem(sys.modules, "matplotlib", None)
    monkeypatch.chdir(tmp_path)
    assert main(["audit", "a.md", *desk_args()]) == 2
    err = capsys.readouterr().err
    assert err == "transaudit: the HTML report needs matplotlib, which is not installed: pip install matplotlib\n"
    assert main(["audit", "a.md", "--json", "a.json", *desk_args()]) == 0  # the JSON report does not need it


def test_missing_dask_is_one_line(tmp_path, monkeypatch, capsys):
    from transaudit.cli import main

    (tmp_path / "a.md").write_text("Kiev.\n", encoding="utf-8")
    monkeypatch.setitem(sys.modules, "dask", None)
    monkeypatch.setitem(sys.modules, "dask.distributed", None)
    monkeypatch.chdir(tmp_path)
    assert main(["audit", "a.md", "--json", "a.json", "--engine", "dask", *desk_args()]) == 2
    assert capsys.readouterr().err == "transaudit: --engine dask needs Dask: pip install 'transaudit[dask]'\n"
    assert not (tmp_path / "a.json").exists()


def test_progress_bar_on_a_terminal(tmp_path):
    pty = pytest.importorskip("pty")
    (tmp_path / "a.md").write_text("Kiev.\n", encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": str(SRC), "COLUMNS": "120", "TERM": "xterm"}
    main, child = pty.openpty()
    proc = subprocess.Popen([sys.executable, "-m", "transaudit", "audit", "a.md", "--json", "a.json", *desk_args()],
                            cwd=tmp_path, env=env, stdin=child, stdout=subprocess.PIPE, stderr=child)
    os.close(child)
    out, _ = proc.communicate(timeout=120)
    chunks = []
    while True:
        try:
            data = os.read(main, 65536)
        except OSError:
            break
        if not data:
            break
        chunks.append(data)
    os.close(main)
    shown = re.sub(r"\x1b\[[0-9;?]*[A-Za-z]", "", b"".join(chunks).decode("utf-8", "replace"))
    assert proc.returncode == 0 and out.decode().startswith("1 article audited: 1 finding")
    assert "auditing" in shown and "1/1 articles · 1 findings" in shown


def test_ctrl_c_then_resume(tmp_path):
    """A real SIGINT in the middle of a run. The last article is a named pipe, so the audit blocks on it
    after journaling the others: the signal lands at a known point, without timing guesses."""
    if not hasattr(os, "mkfifo"):
        pytest.skip("needs named pipes")
    archive = tmp_path / "archive"
    archive.mkdir()
    for i in range(30):
        (archive / f"{i:03d}.md").write_text(f"# Story {i}\n\nTalks in Kiev resumed on day {i}.\n", encoding="utf-8")
    os.mkfifo(archive / "zzz.md")
    config = quiet_config(tmp_path)
    args = ["archive", "--json", "r/archive.json", *desk_args(), "--config", str(config)]
    proc = subprocess.Popen([sys.executable, "-m", "transaudit", "audit", *args], cwd=tmp_path,
                            env={**os.environ, "PYTHONPATH": str(SRC)}, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    journal = tmp_path / "r" / "archive.journal.jsonl"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and (not journal.exists() or journal.read_bytes().count(b"\n") < 31):
        time.sleep(0.02)
    proc.send_signal(signal.SIGINT)
    out, err = proc.communicate(timeout=60)
    assert (proc.returncode, out, err.decode()) == (
        130, b"", "transaudit: interrupted after 30 of 31 articles; run the same command again to resume "
                  "(r/archive.journal.jsonl)\n")
    assert journal.read_bytes().count(b"\n") == 31 and not (tmp_path / "r" / "archive.json").exists()
    os.unlink(archive / "zzz.md")
    (archive / "zzz.md").write_text("The last story: Kiev again.\n", encoding="utf-8")
    code, out, err = run_cli(*args, cwd=tmp_path)
    assert (code, err) == (0, "")
    assert out.splitlines()[0] == "31 articles audited: 31 findings; 30 taken from the journal of the interrupted run"
    doc = validate_findings(json.loads((tmp_path / "r" / "archive.json").read_text(encoding="utf-8")))
    assert [item["path"] for item in doc["files"]] == [f"archive/{i:03d}.md" for i in range(30)] + ["archive/zzz.md"]
    assert [f["text"] for item in doc["files"] for f in item["findings"]] == ["Kiev"] * 31
