"""`transaudit audit --engine dask`: the same records as the local engine, on a 2-worker LocalCluster.

The articles are the evaluation corpus (translated news texts with planted artifacts) plus an
export with failing lines, checked with every rule on against the corpus glossary, so the findings
cover inferred romanizations, calques, institutions and inconsistencies, not just listed variants.
"""
from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from conftest import ROOT, SRC, validate_findings

pytest.importorskip("dask.distributed")

from transaudit.audit import AuditError, engine_dask, engine_local, sources  # noqa: E402
from transaudit.config import Config  # noqa: E402

CORPUS = ROOT / "corpora"
GLOSSARY = CORPUS / "glossary.yaml"


@pytest.fixture(scope="module")
def compiled():
    from transaudit.glossary import compile_glossary, load_glossaries

    return compile_glossary(load_glossaries([GLOSSARY], include_default=False))


@pytest.fixture(scope="module")
def client():
    from dask.distributed import Client

    cluster = engine_dask.local_cluster(2)
    c = Client(cluster, set_as_default=False)
    yield c
    c.close()
    cluster.close()


@pytest.fixture
def articles(tmp_path):
    export = tmp_path / "cms.jsonl"
    export.write_bytes(b'{"id": "x1", "text": "Strikes on Harkov overnight.", "date": "2024-05-01"}\n'
                       b'{"id": "x2", "text": \n'
                       b'{"id": "x3", "text": "Caf\xe9"}\n')
    found = sources.expand([str(CORPUS / "texts"), str(export)], Config())
    return list(sources.articles(found, sources.Fields()))


def test_dask_records_equal_local_records(client, compiled, articles):
    config = Config(default_glossary=False)
    local = list(engine_local.run(iter(articles), compiled, config))
    distributed = list(engine_dask.run_on(client, iter(articles), compiled, config, partition=4))
    assert distributed == local
    assert [r["id"] for r in distributed] == [a.id for a in articles]
    assert sum(len(r["findings"]) for r in local) > 150
    assert {f["rule"] for r in local for f in r["findings"]} >= {"listed-variant", "romanization", "calque",
                                                                 "institution", "inconsistency"}
    assert [r["status"] for r in local[-3:]] == ["checked", "failed", "failed"]


def test_glossary_is_shipped_once_per_worker(client, compiled):
    from transaudit.glossary import CompiledGlossary

    shared = engine_dask.ship(client, compiled)
    held = client.run(lambda dask_worker: sum(isinstance(v, CompiledGlossary) for v in dask_worker.data.values()))
    assert sorted(held.values()) == [1, 1]  # one copy on each of the two workers
    futures = [client.submit(lambda g, i: (os.getpid(), id(g)), shared, i, pure=False) for i in range(8)]
    seen: dict[int, set[int]] = {}
    for pid, ident in client.gather(futures):
        seen.setdefault(pid, set()).add(ident)
    assert all(len(ids) == 1 for ids in seen.values())  # every task on a worker gets the same object
    del shared


def test_unreachable_scheduler_is_a_usage_error(monkeypatch):
    monkeypatch.setattr(engine_dask, "CONNECT_TIMEOUT", "1s")
    with pytest.raises(AuditError, match=r"^cannot reach the Dask scheduler at tcp://127\.0\.0\.1:9: "):
        engine_dask.connect("tcp://127.0.0.1:9", None)


def test_cli_dask_engine_writes_the_same_report(tmp_path):
    env = {**os.environ, "PYTHONPATH": str(SRC), "NO_COLOR": "1"}
    base = [sys.executable, "-m", "transaudit", "audit", str(CORPUS / "texts"), "--no-default-glossary",
            "--glossary", str(GLOSSARY), "--title", "corpus"]
    runs = {}
    for name, extra in (("local", []), ("dask", ["--engine", "dask", "--workers", "2"])):
        proc = subprocess.run([*base, "--json", f"{name}.json", *extra], cwd=tmp_path, env=env, capture_output=True,
                              timeout=120)
        assert (proc.returncode, proc.stderr.decode()) == (0, "")
        runs[name] = (tmp_path / f"{name}.json").read_bytes()
    assert runs["dask"] == runs["local"]
    doc = validate_findings(json.loads(runs["dask"]))
    texts = sources.expand([str(CORPUS / "texts")], Config())
    assert doc["summary"]["files"] == len(texts) > 30 and doc["summary"]["findings"] > 150
