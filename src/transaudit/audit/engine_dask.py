"""The Dask engine: the same checks on a Dask distributed cluster (the `[dask]` extra).

The compiled glossary is scattered once to every worker (`client.scatter(..., broadcast=True)`), so
each task carries only its partition of articles; each worker deserializes the glossary once and
its detectors' per-glossary caches stay warm across tasks. Partitions are submitted with a bounded
number in flight and their records come back in input order, exactly as the local engine yields
them. Without a scheduler address a LocalCluster is started: worker processes with one thread each,
listening on the loopback interface only, without a dashboard. Workers of a remote cluster need
transaudit installed in the same version.
"""
from __future__ import annotations

import logging
import os
import signal
import threading
from contextlib import contextmanager
from typing import Iterable, Iterator

from . import AuditError
from .engine_local import check_batch, ordered, partitions

CONNECT_TIMEOUT = "20s"


def require() -> None:
    try:
        import dask.distributed  # noqa: F401
    except ImportError:
        raise AuditError("--engine dask needs Dask: pip install 'transaudit[dask]'") from None


def local_cluster(workers: int):
    """Worker processes with one thread each. The scheduler's HTTP endpoint (health, metrics) still
    listens on the loopback interface; when its usual port is taken it picks another, and says so in
    a warning that is not the user's business. The workers start with SIGINT ignored (an ignored
    signal survives exec), so a Ctrl-C in the terminal reaches only this process, which then closes
    the cluster in order instead of every worker printing its own traceback."""
    import warnings

    from dask.distributed import LocalCluster

    with warnings.catch_warnings(), _sigint_ignored():
        warnings.filterwarnings("ignore", message=r"Port \d+ is already in use")
        return LocalCluster(n_workers=workers, threads_per_worker=1, processes=True, host="127.0.0.1",
                            dashboard_address=None, silence_logs=logging.CRITICAL)


@contextmanager
def _sigint_ignored():
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)


def ship(client, compiled):
    """The glossary on every worker, once: a future that tasks take as an argument."""
    return client.scatter(compiled, broadcast=True, hash=False)


def connect(scheduler: str | None, workers: int | None):
    """(client, cluster): a client of the cluster at `scheduler`, or of a new LocalCluster."""
    from dask.distributed import Client

    if scheduler:
        try:
            return Client(scheduler, timeout=CONNECT_TIMEOUT, set_as_default=False), None
        except (OSError, TimeoutError, ValueError) as e:
            raise AuditError(f"cannot reach the Dask scheduler at {scheduler}: {e}") from None
    try:
        cluster = local_cluster(workers or os.cpu_count() or 1)
    except (OSError, RuntimeError, TimeoutError) as e:
        raise AuditError(f"cannot start a local Dask cluster: {e}") from None
    try:
        return Client(cluster, set_as_default=False), cluster
    except BaseException:
        cluster.close()
        raise


def run_on(client, articles: Iterable, compiled, config, partition: int = 64) -> Iterator[dict]:
    """Records in input order, checked on the cluster behind `client`."""
    glossary = ship(client, compiled)
    workers = max(1, len(client.nthreads()))
    yield from ordered(lambda batch: client.submit(check_batch, batch, glossary, config, pure=False),
                       partitions(articles, partition), 2 * workers, _result)


def _result(future) -> list[dict]:
    """A partition's records; a task that failed (a worker died, transaudit missing on a worker)
    stops the audit with one line, and the journal keeps what was done for the next run."""
    try:
        return future.result()
    except Exception as e:
        raise AuditError(f"a Dask task failed: {type(e).__name__}: {e}") from None


def run(articles: Iterable, compiled, config, scheduler: str | None = None, workers: int | None = None,
        partition: int = 64) -> Iterator[dict]:
    require()
    client, cluster = connect(scheduler, workers)
    try:
        yield from run_on(client, articles, compiled, config, partition)
    finally:
        client.close()
        if cluster is not None:
            cluster.close()
