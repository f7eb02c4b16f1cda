"""The library API: compile a glossary once, lint texts and files with it."""
from __future__ import annotations

from dataclasses import replace

from .config import Config
from .document import DecodeError, Document
from .engine import run
from .files import describe, read
from .finding import Finding
from .glossary import CompiledGlossary, cache, compile_glossary, load_glossaries
from .results import FileResult


def load(config: Config | None = None, glossaries=(), default: bool | None = None,
         use_cache: bool = True) -> CompiledGlossary:
    """The compiled glossary for a configuration, from the on-disk cache when it is fresh."""
    from .glossary.load import read_glossary_bytes

    config = config or Config()
    include_default = config.default_glossary if default is None else default
    paths = (*config.glossaries, *glossaries)
    cache_key = None
    if use_cache:
        cache_key = cache.key([(str(p), read_glossary_bytes(p)) for p in paths], include_default)
        hit = cache.read(cache_key)
        if isinstance(hit, CompiledGlossary):
            return hit
    compiled = compile_glossary(load_glossaries(paths, include_default))
    if cache_key:
        prepare(compiled)
        cache.write(cache_key, compiled)
    return compiled


def prepare(compiled: CompiledGlossary) -> None:
    """Build every detector's per-glossary data (`prepare(glossary)`), so that it is cached too."""
    from .detectors import DETECTORS

    for detector in DETECTORS:
        build = getattr(detector, "prepare", None)
        if build is not None:
            compiled.prepare(detector.RULE, build)


def lint_text(text: str, path: str = "<text>", fmt: str | None = None,
              glossary: CompiledGlossary | None = None, config: Config | None = None) -> list[Finding]:
    glossary = glossary or load(config)
    return run(Document.from_text(text, path, fmt), glossary, config)


def lint_file(path: str, glossary: CompiledGlossary, config: Config | None = None,
              display: str | None = None, stdin=None) -> FileResult:
    shown = display or path
    config = config or Config()
    try:
        text = read(path, stdin, config.limits.max_file_bytes)
    except (OSError, DecodeError) as e:
        return FileResult(shown, error=describe(e))
    doc = Document.from_text(text, shown)
    findings = tuple(run(doc, glossary, config))
    cache.release_pages(glossary, len(text))
    return FileResult(shown, replace(doc, masked=""), findings)  # the masked copy is the engine's alone


def lint_paths(paths, glossary: CompiledGlossary | None = None, config: Config | None = None) -> list[FileResult]:
    from .files import walk

    config = config or Config()
    glossary = glossary or load(config)
    return [lint_file(p, glossary, config) for p in walk(paths, config.include, config.exclude)]
