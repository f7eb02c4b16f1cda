"""`transaudit serve`: the real server (uvicorn on a free port, in a subprocess) over HTTP.

Covers the JSON API (/v1), the LanguageTool API (/v2, also through the language_tool_python client),
the limits (413, 503, 504), bad input (400 with a JSON body), the bearer token, CORS, the reload of
glossary and configuration files, and that request text never reaches the logs.
"""
from __future__ import annotations

import base64
import hashlib
import itertools
import json
import os
import re
import subprocess
import sys
import threading
import time
import urllib.parse
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pytest

from conftest import DESK, SRC, validate_findings

pytest.importorskip("starlette")
pytest.importorskip("uvicorn")
httpx = pytest.importorskip("httpx")

ENV = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [str(SRC), os.environ.get("PYTHONPATH")])),
       "NO_COLOR": "1"}
LISTENING = re.compile(r"listening on (http://\S+/)")
_counter = itertools.count()

# A realistic sentence: an emoji (two UTF-16 code units) before three artifacts of the desk glossary.
NEWS = "Russia moved a Pantyr missile complex 🚀 to the outskirts of Kiev, Ukrainian officials said on Monday."
CLEAN = "The Pantsir system protects Kyiv, officials said on Monday."


# ---------------------------------------------------------------- the server under test


@dataclass
class Server:
    proc: subprocess.Popen
    url: str
    log_path: Path

    def client(self, **kwargs) -> "httpx.Client":
        return httpx.Client(base_url=self.url, timeout=30, **kwargs)

    def log(self) -> str:
        return self.log_path.read_text(encoding="utf-8")


def _wait_for_url(proc, log_path: Path, deadline: float) -> str:
    while time.monotonic() < deadline:
        text = log_path.read_text(encoding="utf-8") if log_path.exists() else ""
        found = LISTENING.search(text)
        if found:
            return found.group(1)
        if proc.poll() is not None:
            pytest.fail(f"server exited with {proc.returncode}:\n{text}")
        time.sleep(0.05)
    pytest.fail("server did not start in time")


@contextmanager
def serve(directory: Path, *args, glossaries=(DESK,)):
    """`transaudit serve --port 0 --jobs 1 ARGS` with the desk glossary only, until the block ends."""
    log_path = directory / f"server-{next(_counter)}.log"
    command = [sys.executable, "-m", "transaudit", "serve", "--port", "0", "--jobs", "1", "--no-default-glossary",
               *itertools.chain.from_iterable(("--glossary", str(g)) for g in glossaries), *map(str, args)]
    with open(log_path, "wb") as err:
        proc = subprocess.Popen(command, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=err,
                                env=ENV, cwd=directory)
    try:
        url = _wait_for_url(proc, log_path, time.monotonic() + 60)
        with httpx.Client(base_url=url, timeout=5) as c:
            for _ in range(200):
                try:
                    if c.get("/healthz").status_code == 200:
                        break
                except httpx.TransportError:
                    time.sleep(0.05)
        yield Server(proc, url, log_path)
    finally:
        proc.terminate()
        try:
            proc.wait(10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
    assert "Traceback" not in log_path.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    with serve(tmp_path_factory.mktemp("serve")) as s:
        yield s


@pytest.fixture
def client(server):
    with server.client() as c:
        yield c


def expected_lint(text: str, path: str = "<text>", fmt: str | None = None) -> dict:
    """What /v1/lint must answer, built in-process by formatters.json."""
    from transaudit.config import Config
    from transaudit.document import Document
    from transaudit.engine import run
    from transaudit.formatters.json import document
    from transaudit.linter import load
    from transaudit.results import FileResult, RunInfo
    from transaudit import __version__

    compiled = load(Config(), [str(DESK)], default=False)
    doc = Document.from_text(text, path, fmt)
    g = compiled.glossary
    out = document([FileResult(path, doc, tuple(run(doc, compiled)))],
                   RunInfo(len(g.entries), g.hash, g.sources, __version__))
    return {"version": 1, "tool": out["tool"], "glossary": out["glossary"], "path": path,
            "findings": out["files"][0]["findings"], "summary": out["summary"]}


def as_document(body: dict) -> dict:
    """A /v1/lint answer as a CONTRACTS §3 document, for the schema check."""
    return validate_findings({"version": body["version"], "tool": body["tool"], "glossary": body["glossary"],
                              "files": [{"path": body["path"], "findings": body["findings"]}],
                              "summary": body["summary"]})


def utf16(text: str, offset: int) -> int:
    return len(text[:offset].encode("utf-16-le")) // 2


def spans(text: str, findings) -> list[tuple]:
    out = []
    for f in findings:
        assert text[f["start"]:f["end"]] == f["text"]
        assert (f["utf16_start"], f["utf16_end"]) == (utf16(text, f["start"]), utf16(text, f["end"]))
        out.append((f["rule"], f["text"], f["suggestions"]))
    return out


# ---------------------------------------------------------------- /v1


def test_lint_answers_the_contract_findings(client):
    r = client.post("/v1/lint", json={"text": NEWS})
    assert r.status_code == 200
    assert r.headers["content-type"] == "application/json"
    assert r.headers["cache-control"] == "no-store"
    body = r.json()
    assert body == expected_lint(NEWS)
    as_document(body)
    assert spans(NEWS, body["findings"]) == [("listed-variant", "Pantyr", ["Pantsir"]),
                                             ("calque", "missile complex", ["missile system"]),
                                             ("listed-variant", "Kiev", ["Kyiv"])]
    kiev = body["findings"][2]
    assert kiev["utf16_start"] == kiev["start"] + 1  # the emoji before it is two UTF-16 code units
    assert body["path"] == "<text>"
    assert body["summary"]["by_severity"] == {"error": 3, "warning": 0, "info": 0}


def test_lint_of_a_clean_text(client):
    body = client.post("/v1/lint", json={"text": CLEAN, "format": "text"}).json()
    assert body["findings"] == [] and body["summary"]["findings"] == 0
    as_document(body)


def test_lint_understands_markdown_and_takes_the_format_from_the_path(client):
    text = "Run `Pantyr --check` before the Pantyr story goes out.\n"
    prose = text.rindex("Pantyr")
    for payload in ({"text": text, "format": "markdown"}, {"text": text, "path": "news/pantsir.md"}):
        body = client.post("/v1/lint", json=payload).json()
        assert spans(text, body["findings"]) == [("listed-variant", "Pantyr", ["Pantsir"])]
        assert body["findings"][0]["start"] == prose  # not the one in the code span
    assert body["path"] == "news/pantsir.md"
    assert body == expected_lint(text, "news/pantsir.md")
    body = client.post("/v1/lint", json={"text": text, "path": "news/pantsir.md", "format": "text"}).json()
    assert [f["start"] for f in body["findings"]] == [text.index("Pantyr"), prose]
    html = '<p><img src="pantyr.jpg" alt="A Pantyr launcher"> <a href="/Pantyr">the Pantsir</a></p>'
    body = client.post("/v1/lint", json={"text": html, "format": "html"}).json()
    assert spans(html, body["findings"]) == [("listed-variant", "Pantyr", ["Pantsir"])]
    assert body["findings"][0]["start"] == html.index("A Pantyr") + 2


def test_the_path_is_only_a_label(client, tmp_path):
    article = tmp_path / "article.txt"
    article.write_text(NEWS, encoding="utf-8")
    for path in (str(article), article.as_uri(), "https://cms.example/articles/4711"):
        body = client.post("/v1/lint", json={"text": CLEAN, "path": path}).json()
        assert body["path"] == path
        assert body["findings"] == []


def test_rules_glossary_and_health(client):
    rules = {r["id"]: r for r in client.get("/v1/rules").json()["rules"]}
    assert {"listed-variant", "calque", "unused-suppression", "bad-suppression"} <= set(rules)
    assert rules["listed-variant"]["enabled"] is True
    assert rules["listed-variant"]["severity"] == "error"
    assert rules["calque"]["category"] == "accuracy/mistranslation"
    assert rules["listed-variant"]["summary"].startswith("Wrong forms listed in the glossary")
    glossary = client.get("/v1/glossary").json()
    from transaudit.linter import load
    from transaudit.config import Config

    g = load(Config(), [str(DESK)], default=False).glossary
    assert glossary["entries"] == len(g.entries) == 11
    assert glossary["hash"] == g.hash and glossary["hash"].startswith("sha256:")
    assert glossary["sources"] == [str(DESK)]
    assert client.get("/healthz").json() == {"status": "ok", "in_flight": 0}


def test_page_is_self_contained_with_a_strict_policy(client):
    r = client.get("/")
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/html")
    html = r.text
    assert '<textarea id="text"' in html
    assert not re.search(r"""(src|href)=["']?(https?:)?//""", html)  # no CDN, nothing fetched from elsewhere
    script = re.search(r"<script>(.*?)</script>", html, re.S).group(1)
    digest = base64.b64encode(hashlib.sha256(script.encode("utf-8")).digest()).decode()
    csp = r.headers["content-security-policy"]
    assert f"script-src 'sha256-{digest}'" in csp
    assert "default-src 'none'" in csp and "connect-src 'self'" in csp


# ---------------------------------------------------------------- /v2 (LanguageTool)


def test_languagetool_python_client_uses_the_server(server):
    ltp = pytest.importorskip("language_tool_python")
    with ltp.LanguageTool("en-US", remote_server=server.url.rstrip("/")) as tool:
        matches = tool.check(NEWS)
        # the client turns UTF-16 offsets into Python offsets itself
        assert [(m.rule_id, NEWS[m.offset:m.offset + m.error_length], m.replacements) for m in matches] == [
            ("listed-variant", "Pantyr", ["Pantsir"]), ("calque", "missile complex", ["missile system"]),
            ("listed-variant", "Kiev", ["Kyiv"])]
        assert matches[0].category == "TERMINOLOGY_WRONG_TERM"
        assert matches[0].rule_issue_type == "terminology"
        assert matches[1].rule_issue_type == "mistranslation"
        assert matches[0].sentence == NEWS
        assert tool.correct(NEWS) == NEWS.replace("Pantyr missile complex", "Pantsir missile system") \
                                         .replace("Kiev", "Kyiv")
        tool.disabled_rules = {"calque"}
        assert [m.rule_id for m in tool.check(NEWS)] == ["listed-variant", "listed-variant"]
        tool.disabled_rules = set()
        tool.enabled_rules = {"calque"}
        tool.enabled_rules_only = True
        assert [m.rule_id for m in tool.check(NEWS)] == ["calque"]


def test_check_speaks_languagetool_wire_format(client):
    text = "🚀 The Pantyr was seen in Kyiv. It moved on."
    r = client.post("/v2/check", data={"text": text, "language": "en-US"})
    assert r.status_code == 200
    body = r.json()
    assert body["software"]["name"] == "transaudit" and body["software"]["apiVersion"] == 1
    assert body["language"] == {"name": "English (US)", "code": "en-US",
                                "detectedLanguage": {"name": "English (US)", "code": "en-US", "confidence": 1.0}}
    assert body["matches"] == [{
        "message": "'Pantyr' is a known wrong form of Pantsir",
        "shortMessage": "Wrong term",
        "replacements": [{"value": "Pantsir"}],
        "offset": 7, "length": 6,  # UTF-16 code units: the emoji counts two
        "context": {"text": text, "offset": 7, "length": 6},
        "sentence": "🚀 The Pantyr was seen in Kyiv.",
        "type": {"typeName": "Other"},
        "rule": {"id": "listed-variant",
                 "description": "Wrong forms listed in the glossary (`variants`) of names: people, places, "
                                "weapons, organisations.",
                 "issueType": "terminology",
                 "category": {"id": "TERMINOLOGY_WRONG_TERM", "name": "Terminology: wrong term"}},
        "ignoreForIncompleteSentence": False,
        "contextForSureMatch": 0,
    }]


def test_check_context_is_cut_to_forty_characters_each_side(client):
    text = "Officials said on Monday that the battery had been moved overnight. " + NEWS
    body = client.post("/v2/check", data={"text": text, "language": "en"}).json()
    pantyr, kiev = body["matches"][0], body["matches"][2]
    start = text.index("Pantyr")
    assert pantyr["context"] == {"text": "..." + text[start - 40:start + 46] + "...", "offset": 43, "length": 6}
    start = text.index("Kiev")
    assert "🚀" in text[start - 40:start] and len(text) < start + 44
    # the emoji in the context counts two UTF-16 code units; no "..." at the end of the text
    assert kiev["context"] == {"text": "..." + text[start - 40:], "offset": 44, "length": 4}
    assert kiev["offset"] == utf16(text, start) and kiev["sentence"] == NEWS


def test_check_annotated_data_skips_markup_but_counts_it(client):
    parts = [{"markup": '<p title="Pantyr">'}, {"text": "The Pantyr system"},
             {"markup": "</p>", "interpretAs": "\n\n"}, {"markup": "<p>"}, {"text": "was seen near Kiev."},
             {"markup": "</p>"}]
    original = "".join(p.get("text", p.get("markup")) for p in parts)
    r = client.post("/v2/check", data={"data": json.dumps({"annotation": parts}), "language": "en-GB"})
    assert r.status_code == 200
    body = r.json()
    assert body["language"]["code"] == "en-GB"
    found = [(m["offset"], m["length"], m["replacements"][0]["value"]) for m in body["matches"]]
    assert found == [(original.index("The Pantyr") + 4, 6, "Pantsir"), (original.index("Kiev"), 4, "Kyiv")]
    assert body["matches"][0]["sentence"] == "The Pantyr system"  # the </p> interpreted as a paragraph break
    assert body["matches"][1]["sentence"] == "was seen near Kiev."


def test_check_accepts_multipart_forms_and_category_filters(client):
    files = {"text": (None, NEWS), "language": (None, "en-US"),
             "disabledCategories": (None, "ACCURACY_MISTRANSLATION")}
    body = client.post("/v2/check", files=files).json()
    assert [m["rule"]["id"] for m in body["matches"]] == ["listed-variant", "listed-variant"]
    body = client.post("/v2/check", data={"text": NEWS, "language": "en-US", "enabledOnly": "true",
                                          "enabledCategories": "ACCURACY_MISTRANSLATION"}).json()
    assert [NEWS[m["offset"]:m["offset"] + m["length"]] for m in body["matches"]] == ["missile complex"]


def test_check_with_language_auto_reports_the_detected_language(client):
    body = client.post("/v2/check", data={"text": NEWS, "language": "auto"}).json()
    assert body["language"]["code"] == "en-US"
    assert body["language"]["detectedLanguage"]["code"] == "en"
    assert body["language"]["detectedLanguage"]["name"] == "English"
    assert len(body["matches"]) == 3


def test_languages(client):
    langs = client.get("/v2/languages").json()
    assert {"name": "English (US)", "code": "en", "longCode": "en-US"} in langs
    assert all(lang["code"] == "en" for lang in langs)


# ---------------------------------------------------------------- bad input


@pytest.mark.parametrize("body, message", [
    (b'{"text": "Pantyr', "not valid JSON"),
    (b"\xff\xfe{}", "not valid JSON"),
    (b'["Pantyr"]', "must be a JSON object"),
    (b'{"txt": "Pantyr"}', "unknown key 'txt'"),
    (b'{"text": 42}', "'text' must be a string"),
    (b'{"format": "text"}', "'text' must be a string"),
    (b'{"text": "Pantyr", "format": "docx"}', "'format' must be one of text, markdown, html"),
    (b'{"text": "Pantyr", "path": ["a.md"]}', "'path' must be a non-empty string"),
    (b'{"text": "Pantyr \\ud800"}', "lone surrogate"),
])
def test_lint_rejects_bad_input_with_a_json_error(client, body, message):
    r = client.post("/v1/lint", content=body, headers={"content-type": "application/json"})
    assert r.status_code == 400
    assert r.headers["content-type"] == "application/json"
    assert message in r.json()["error"]


@pytest.mark.parametrize("form, message", [
    ({"language": "en-US"}, "either the 'text' or the 'data'"),
    ({"text": "Pantyr", "data": '{"annotation": []}', "language": "en-US"}, "either the 'text' or the 'data'"),
    ({"text": "Pantyr"}, "missing 'language'"),
    ({"text": "Pantyr", "language": "de-DE"}, "English text only"),
    ({"data": '{"annotation": [{"text": "Pantyr"}', "language": "en"}, "'data' is not valid JSON"),
    ({"data": '{"annotation": "Pantyr"}', "language": "en"}, "'annotation' list"),
    ({"data": '{"annotation": [{"text": "a", "markup": "<b>"}]}', "language": "en"}, "annotation 0"),
    ({"data": '{"annotation": [{"text": "a"}, {"markup": 3}]}', "language": "en"}, "annotation 1"),
    ({"text": "Pantyr", "language": "en", "enabledOnly": "true"}, "enabledOnly=true needs"),
])
def test_check_rejects_bad_input_with_a_json_error(client, form, message):
    r = client.post("/v2/check", data=form)
    assert r.status_code == 400
    assert message in r.json()["error"]


def test_check_rejects_files_and_broken_multipart(client):
    r = client.post("/v2/check", data={"language": "en"}, files={"text": ("a.txt", b"Pantyr", "text/plain")})
    assert r.status_code == 400 and "error" in r.json()
    broken = b"--xyz\r\nContent-Disposition: form-data; name=\"text\"\r\n\r\nPantyr"  # no closing boundary
    r = client.post("/v2/check", content=broken, headers={"content-type": "multipart/form-data; boundary=xyz"})
    assert r.status_code == 400 and "error" in r.json()
    r = client.post("/v2/check", json={"text": "Pantyr", "language": "en"})  # not a form: no fields
    assert r.status_code == 400 and "'text' or the 'data'" in r.json()["error"]


def test_unknown_routes_and_methods_answer_json(client):
    r = client.get("/v3/check")
    assert r.status_code == 404 and r.json() == {"error": "Not Found"}
    r = client.get("/v1/lint")
    assert r.status_code == 405 and r.json() == {"error": "Method Not Allowed"}
    assert "POST" in r.headers["allow"]
    r = client.get("/v1/rules", headers={"origin": "https://x.example"})
    assert "access-control-allow-origin" not in r.headers  # no --cors-origin: no cross-origin calls


# ---------------------------------------------------------------- limits


def test_body_and_text_limits(tmp_path):
    with serve(tmp_path, "--max-body", 4096, "--max-text", 500) as s, s.client() as c:
        big = {"text": "Pantyr " * 1000}
        r = c.post("/v1/lint", json=big)
        assert r.status_code == 413 and r.json() == {"error": "request body larger than 4096 bytes"}

        def chunks():  # no Content-Length: the limit counts what arrives
            for _ in range(10):
                yield b" " * 1000

        r = c.post("/v1/lint", content=chunks(), headers={"content-type": "application/json"})
        assert r.status_code == 413 and "larger than 4096" in r.json()["error"]
        r = c.post("/v2/check", data={"text": "Pantyr " * 1000, "language": "en"})
        assert r.status_code == 413 and "larger than 4096" in r.json()["error"]
        text = ("The Pantyr system. " * 30)[:501]
        r = c.post("/v1/lint", json={"text": text})
        assert r.status_code == 413 and r.json() == {"error": "text longer than 500 characters"}
        r = c.post("/v2/check", data={"text": text, "language": "en"})
        assert r.status_code == 413
        r = c.post("/v1/lint", json={"text": text[:500]})
        assert r.status_code == 200 and r.json()["summary"]["findings"] == 26  # 26 whole "Pantyr"s


def test_deadline_and_bounded_concurrency(tmp_path):
    long_text = (NEWS + "\n") * 2500  # ~260,000 characters: far longer than 250 ms to check
    args = ("--timeout", 0.25, "--jobs", 1, "--max-pending", 1, "--max-text", 400_000, "--max-body", 2_000_000)
    with serve(tmp_path, *args) as s, s.client() as c:
        r = c.post("/v1/lint", json={"text": long_text})
        assert r.status_code == 504 and r.json() == {"error": "checking took longer than 0.25 s"}
        # the overrunning check still holds its slot until its worker process is done with it
        assert c.get("/healthz").json()["in_flight"] == 1
        r = c.post("/v1/lint", json={"text": CLEAN})
        assert r.status_code == 503 and r.headers["retry-after"] == "1"
        assert "server busy" in r.json()["error"]
        r = c.post("/v2/check", data={"text": CLEAN, "language": "en"})
        assert r.status_code == 503
        deadline = time.monotonic() + 60
        while c.get("/healthz").json()["in_flight"] and time.monotonic() < deadline:
            time.sleep(0.05)
        r = c.post("/v1/lint", json={"text": "Pantyr units moved."})
        assert r.status_code == 200 and r.json()["findings"][0]["text"] == "Pantyr"


def _children(pid: int) -> list[int]:
    """Process ids of the children of `pid` (Linux /proc)."""
    tasks = Path(f"/proc/{pid}/task").iterdir()
    return [int(c) for task in tasks for c in (task / "children").read_text().split()]


@pytest.mark.skipif(not Path(f"/proc/{os.getpid()}/task/{os.getpid()}/children").exists(),
                    reason="needs /proc/PID/task/TID/children")
def test_a_killed_worker_process_is_replaced(tmp_path):
    import signal

    with serve(tmp_path) as s, s.client() as c:
        assert c.post("/v1/lint", json={"text": NEWS}).status_code == 200
        forkserver = [p for p in _children(s.proc.pid) if b"forkserver" in Path(f"/proc/{p}/cmdline").read_bytes()]
        workers = _children(forkserver[0])
        assert len(workers) == 1  # --jobs 1
        os.kill(workers[0], signal.SIGKILL)
        time.sleep(0.5)
        r = c.post("/v1/lint", json={"text": NEWS})
        assert r.status_code == 500 and "worker process stopped" in r.json()["error"]
        r = c.post("/v1/lint", json={"text": NEWS})
        assert r.status_code == 200 and len(r.json()["findings"]) == 3
        assert c.get("/healthz").json()["in_flight"] == 0
    assert "a worker process stopped unexpectedly" in s.log()


# ---------------------------------------------------------------- security


def test_token_cors_and_public_routes(tmp_path):
    token = "s3cret-token-0123456789"
    token_file = tmp_path / "token"
    token_file.write_text(token + "\n", encoding="utf-8")
    token_file.chmod(0o600)
    origin = "https://cms.example"
    with serve(tmp_path, "--token-file", token_file, "--cors-origin", origin) as s, s.client() as c:
        for headers in ({}, {"authorization": "Bearer wrong-token-0123456789"}, {"authorization": token},
                        {"authorization": f"Basic {token}"}):
            r = c.post("/v1/lint", json={"text": NEWS}, headers=headers)
            assert r.status_code == 401 and r.headers["www-authenticate"] == "Bearer"
            assert r.json() == {"error": "missing or wrong bearer token"}
        for path in ("/v1/rules", "/v1/glossary", "/v2/languages"):
            assert c.get(path).status_code == 401
        assert c.post("/v2/check", data={"text": NEWS, "language": "en"}).status_code == 401
        auth = {"authorization": f"Bearer {token}"}
        r = c.post("/v1/lint", json={"text": NEWS}, headers=auth)
        assert r.status_code == 200 and len(r.json()["findings"]) == 3
        assert c.post("/v2/check", data={"text": NEWS, "language": "en"}, headers=auth).status_code == 200
        assert c.get("/healthz").status_code == 200 and c.get("/").status_code == 200
        # CORS: the configured origin only; the preflight needs no token
        preflight = {"origin": origin, "access-control-request-method": "POST",
                     "access-control-request-headers": "authorization, content-type"}
        r = c.options("/v1/lint", headers=preflight)
        assert r.status_code == 200 and r.headers["access-control-allow-origin"] == origin
        r = c.options("/v1/lint", headers={**preflight, "origin": "https://evil.example"})
        assert r.status_code == 400 and "access-control-allow-origin" not in r.headers
        r = c.post("/v1/lint", json={"text": NEWS}, headers={**auth, "origin": origin})
        assert r.headers["access-control-allow-origin"] == origin
        r = c.post("/v1/lint", json={"text": NEWS}, headers={**auth, "origin": "https://evil.example"})
        assert "access-control-allow-origin" not in r.headers


def test_refuses_to_start_when_unsafe_or_broken(run_cli, tmp_path):
    r = run_cli("serve", "--host", "0.0.0.0", "--port", "0", "--no-default-glossary")
    assert r.code == 2 and "needs --token-file" in r.stderr
    short = tmp_path / "short"
    short.write_text("abc", encoding="utf-8")
    r = run_cli("serve", "--port", "0", "--token-file", short, "--no-default-glossary")
    assert r.code == 2 and "at least 16 characters" in r.stderr
    r = run_cli("serve", "--port", "0", "--token-file", tmp_path / "missing", "--no-default-glossary")
    assert r.code == 2 and "cannot read token file" in r.stderr
    bad = tmp_path / "bad.yaml"
    bad.write_text("version: 1\nentries:\n  - canonical: Pantsir\n    colour: red\n", encoding="utf-8")
    r = run_cli("serve", "--port", "0", "--no-default-glossary", "--glossary", bad)
    assert r.code == 2 and r.stderr.startswith(f"transaudit: {bad}:")
    r = run_cli("serve", "--port", "0", "--timeout", "0")
    assert r.code == 2 and "--timeout must be positive" in r.stderr


def test_request_text_never_reaches_the_logs(tmp_path):
    marker = "Zqxvembargo7731"
    text = f"Embargoed until 06:00: {marker} says the Pantyr battery moved to Kiev."
    with serve(tmp_path, "--log-level", "debug", "--max-body", 8192) as s, s.client() as c:
        assert c.post("/v1/lint", json={"text": text, "path": f"embargo/{marker}.md"}).status_code == 200
        assert c.post("/v2/check", data={"text": text, "language": "en-US"}).status_code == 200
        data = json.dumps({"annotation": [{"markup": f"<b title='{marker}'>"}, {"text": text}]})
        assert c.post("/v2/check", data={"data": data, "language": "auto"}).status_code == 200
        assert c.post("/v1/lint", content=f'{{"text": "{marker}'.encode()).status_code == 400
        assert c.post("/v1/lint", json={"text": text, "format": marker}).status_code == 400
        assert c.post("/v2/check", data={"text": text, "language": marker}).status_code == 400
        assert c.post("/v1/lint", json={"text": text * 200}).status_code == 413
        assert c.get(f"/v1/rules?q={marker}").status_code == 200
        assert c.get(f"/{marker}").status_code == 404
        assert c.post(f"/v2/check?text={urllib.parse.quote(text)}&language=en").status_code == 400
    log = s.log()
    assert "POST /v1/lint 200" in log and "POST /v2/check 400" in log and "GET - 404" in log
    assert marker not in log
    assert "Pantyr" not in log and "Embargoed" not in log  # nor anything else of the text


# ---------------------------------------------------------------- reload


def _write(path: Path, text: str) -> None:
    """Write and move the modification time forward, so even a coarse clock shows the change."""
    before = path.stat().st_mtime_ns if path.exists() else time.time_ns()
    path.write_text(text, encoding="utf-8")
    os.utime(path, ns=(before + 1_000_000_000, before + 1_000_000_000))


def _wait(predicate, what: str, timeout: float = 30):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return
        time.sleep(0.05)
    pytest.fail(f"timed out waiting for {what}")


GLOSSARY_V1 = """version: 1
name: reload-desk
entries:
  - id: kyiv
    canonical: Kyiv
    kind: place
    variants: [Kiev]
  - id: missile-system
    canonical: missile system
    kind: term
    variants: [missile complex]
"""
GLOSSARY_V2 = GLOSSARY_V1 + """  - id: pantsir
    canonical: Pantsir
    kind: weapon
    variants: [Pantyr]
"""


def test_reloads_glossary_and_config_without_dropping_requests(tmp_path):
    glossary = tmp_path / "desk.yaml"
    _write(glossary, GLOSSARY_V1)
    config = tmp_path / ".transaudit.toml"
    _write(config, '[rules.calque]\nseverity = "off"\n')
    text = "The Pantyr missile complex was moved to Kiev."
    args = ("--config", config, "--reload-interval", 0.1)
    with serve(tmp_path, *args, glossaries=(glossary,)) as s, s.client() as c:
        def found():
            findings = c.post("/v1/lint", json={"text": text}).json()["findings"]
            return [(f["rule"], f["text"], f["severity"]) for f in findings]

        def glossary_hash():
            return c.get("/v1/glossary").json()["hash"]

        assert found() == [("listed-variant", "Kiev", "error")]
        first = glossary_hash()
        statuses, stop = [], threading.Event()

        def hammer():  # requests keep flowing through every reload
            with s.client() as h:
                while not stop.is_set():
                    statuses.append(h.post("/v1/lint", json={"text": text}).status_code)

        worker = threading.Thread(target=hammer)
        worker.start()
        try:
            _write(glossary, GLOSSARY_V2)
            _wait(lambda: glossary_hash() != first, "the new glossary")
            assert found() == [("listed-variant", "Pantyr", "error"), ("listed-variant", "Kiev", "error")]
            assert c.get("/v1/glossary").json()["entries"] == 3
            second = glossary_hash()

            _write(config, '[rules.calque]\nseverity = "warning"\n')
            _wait(lambda: len(found()) == 3, "the new configuration")
            assert found()[1] == ("calque", "missile complex", "warning")

            _write(glossary, GLOSSARY_V2 + "  - id: broken\n    canonical: X\n    colour: red\n")
            _wait(lambda: "reload failed" in s.log(), "the failed reload")
            time.sleep(0.5)  # several more checks of the unchanged broken file
            assert s.log().count("reload failed") == 1
            assert glossary_hash() == second and len(found()) == 3  # the previous glossary stays

            _write(glossary, GLOSSARY_V1)
            _wait(lambda: glossary_hash() == first, "the repaired glossary")
            assert found() == [("calque", "missile complex", "warning"), ("listed-variant", "Kiev", "error")]
        finally:
            stop.set()
            worker.join()
    assert len(statuses) > 10 and set(statuses) == {200}
    failure = next(line for line in s.log().splitlines() if "reload failed" in line)
    assert f"keeping glossary {second}" in failure and "desk.yaml" in failure
