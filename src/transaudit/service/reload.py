"""The service's configuration and compiled glossary: built once, rebuilt when their files change.

`Reloader.snapshot` is the frozen state every request uses; a request keeps the snapshot it started
with, and a rebuild swaps in a new one only when it succeeded, so no request is dropped or sees half
a glossary. A configuration or glossary that fails to load keeps the previous snapshot and logs one
line; the same broken files are not retried until they change again.
"""
from __future__ import annotations

import asyncio
import logging
import os
from dataclasses import dataclass
from datetime import datetime, timezone

from .. import __version__
from ..config import Config, ConfigError, load_config
from ..glossary import CompiledGlossary, GlossaryError
from ..results import RunInfo

log = logging.getLogger("transaudit.service")

# linted once by each worker process, so the first request does not pay for lazily loaded word lists
WARM_UP = "The Pantyr missile complex was seen near Kiev, the special services said on Monday."


@dataclass(frozen=True)
class Snapshot:
    config: Config
    compiled: CompiledGlossary
    info: RunInfo
    watched: tuple[str, ...]
    stamp: tuple
    loaded_at: str


def stamp(paths) -> tuple:
    """What tells a changed file: modification time, size and inode (None for a missing file)."""
    out = []
    for p in paths:
        try:
            st = os.stat(p)
        except OSError:
            out.append((p, None))
        else:
            out.append((p, st.st_mtime_ns, st.st_size, st.st_ino))
    return tuple(out)


def one_line(error: BaseException) -> str:
    return " ".join(str(error).split()) or type(error).__name__


class Loader:
    """Builds snapshots from the command line's --config, --glossary and --no-default-glossary."""

    def __init__(self, config_path: str | None = None, glossaries=(), default: bool = True):
        self.config_path = config_path
        self.glossaries = tuple(glossaries)
        self.default = default

    def build(self) -> Snapshot:
        """Raises ConfigError or GlossaryError."""
        from ..linter import load

        # stamps are taken before each file is read: a write during the build triggers another
        config_files = (self.config_path,) if self.config_path else ()
        before = stamp(config_files)
        config = load_config(self.config_path) if self.config_path else Config()
        glossary_files = (*config.glossaries, *map(str, self.glossaries))
        before += stamp(glossary_files)
        compiled = load(config, self.glossaries, default=config.default_glossary and self.default)
        for warning in compiled.glossary.warnings:
            log.warning("glossary: %s", warning)
        g = compiled.glossary
        info = RunInfo(len(g.entries), g.hash, g.sources, __version__)
        return Snapshot(config, compiled, info, config_files + glossary_files, before,
                        datetime.now(timezone.utc).isoformat(timespec="seconds"))


class Reloader:
    """Holds the current snapshot and rebuilds it when a watched file changes."""

    def __init__(self, loader: Loader, snapshot: Snapshot | None = None):
        self.loader = loader
        self.snapshot = snapshot or loader.build()
        self._failed: tuple | None = None  # the stamp of files that did not load

    def changed(self) -> tuple | None:
        """The new stamp when a watched file changed since the snapshot (and since the last failure)."""
        current = stamp(self.snapshot.watched)
        if current == self.snapshot.stamp or current == self._failed:
            return None
        return current

    async def check(self, prepare=None) -> bool:
        """Rebuild (in a thread) when something changed, then `await prepare(snapshot)` (the worker
        processes) before the new snapshot is used; True when it is."""
        current = self.changed()
        if current is None:
            return False
        try:
            new = await asyncio.get_running_loop().run_in_executor(None, self.loader.build)
            if prepare:
                await prepare(new)
        except (ConfigError, GlossaryError) as e:
            self._failed = current
            log.error("reload failed, keeping glossary %s: %s", self.snapshot.info.glossary_hash, one_line(e))
            return False
        except Exception as e:  # never let a bad file stop the watcher
            self._failed = current
            log.error("reload failed, keeping glossary %s: %s", self.snapshot.info.glossary_hash,
                      type(e).__name__)
            return False
        self.snapshot, self._failed = new, None
        log.info("reloaded glossary: %d entries, %s", new.info.glossary_entries, new.info.glossary_hash)
        return True

    async def watch(self, interval: float, prepare=None) -> None:
        """Check every `interval` seconds until cancelled."""
        while True:
            await asyncio.sleep(interval)
            await self.check(prepare)
