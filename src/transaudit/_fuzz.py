"""Coverage-guided fuzzing with atheris: `python -m transaudit._fuzz TARGET [libFuzzer flags] [CORPUS ...]`.

Targets:
- `glossary`: the input is a glossary file (first byte: 0 YAML, 1 CSV, 2 TBX, modulo 3; the rest
  is the file). Loading must succeed or raise GlossaryError with one line `path:line: message`;
  a loaded glossary must compile, and a text made of its own forms must lint.
- `lint`: the input is a document (first byte: text, Markdown or HTML, modulo 3; the rest is the
  file's bytes). Decoding must succeed or raise DecodeError; every finding's span must be the text
  it quotes; every formatter must render the result (json, sarif and rdjson must parse back);
  --fix must apply the fixable findings.

Anything else that is raised is a crash: libFuzzer saves the input as crash-<sha1> and stops.
Without a CORPUS directory a seed corpus is built in a temporary directory from corpora/ (in a
source checkout) and the shipped glossary, plus hand-made markup seeds. Examples:

    python -m transaudit._fuzz lint -runs=100000 -max_len=4096
    python -m transaudit._fuzz glossary -runs=100000 -timeout=10 -rss_limit_mb=2048

tests/fuzz/README.md documents the long runs; tests/fuzz/test_fuzz.py runs a short one in CI.
"""
from __future__ import annotations

import json
import os
import re
import sys
import tempfile
from pathlib import Path

FORMATS = ("text", "markdown", "html")
SUFFIXES = {"text": "txt", "markdown": "md", "html": "html"}
GLOSSARY_FORMATS = ("yaml", "csv", "tbx")
ERROR_LINE = re.compile(r"^fuzz-[0-9]+\.(?:yaml|csv|tbx):[1-9][0-9]*: [^\r\n]+$")

# hand-made seeds: markup the corpus lacks
MARKUP_SEEDS = (
    (0, "The Pantyr battery near Kiev.\r\nEvgheni Prigojin's men.\rDone."),
    (1, "---\ntitle: Prigojin in Kiev\n---\n# Kiev\n\n`Pantyr` and [Kiev](https://x.io/Kiev)\n\n```\nKiev\n```\n"
        "> quoted Kiev\n\n- a\n  - b Pantyr\n\n<!-- transaudit-disable-next-line listed-variant -->\nKiev\n"),
    (2, "<!DOCTYPE html><p title='Pantyr'>Kiev <code>Kiev</code><img alt=\"Kiev\"><script>Kiev</script>"
        "<!-- c --> &amp; &#x41; <a href=\"https://x.io/Kiev\">Pantyr</a><p>unclosed <b>Kiev"),
)


def repo_corpora() -> Path | None:
    """corpora/ of a source checkout, if this module runs from one."""
    path = Path(__file__).resolve().parents[2] / "corpora"
    return path if path.is_dir() else None


def seed_corpus(target: str, directory: Path) -> int:
    """Write the seed inputs of `target` into `directory`; returns how many."""
    from importlib import resources

    directory.mkdir(parents=True, exist_ok=True)
    seeds: list[bytes] = []
    corpora = repo_corpora()
    if target == "lint":
        seeds += [bytes([fmt]) + text.encode("utf-8") for fmt, text in MARKUP_SEEDS]
        if corpora:
            for path in sorted((corpora / "texts").glob("*")):
                if path.suffix in (".md", ".txt", ".html"):
                    fmt = {".txt": 0, ".md": 1, ".html": 2}[path.suffix]
                    seeds.append(bytes([fmt]) + path.read_bytes())
    else:
        default = resources.files("transaudit") / "glossaries" / "news.yaml"
        seeds.append(b"\x00" + default.read_bytes()[:20000])
        if corpora and (corpora / "glossary.yaml").is_file():
            seeds.append(b"\x00" + (corpora / "glossary.yaml").read_bytes()[:20000])
        tests = Path(__file__).resolve().parents[2] / "tests"
        for path in sorted(tests.glob("fixtures/glossaries/*")) + sorted(tests.glob("glossaries/*")):
            fmt = {".yaml": 0, ".csv": 1, ".tbx": 2}.get(path.suffix)
            if fmt is not None:
                seeds.append(bytes([fmt]) + path.read_bytes())
        seeds += [b"\x00version: 1\nentries:\n  - canonical: Pantsir\n    kind: weapon\n    variants: [Pantyr]\n"
                  b"    native: {ru: \xd0\x9f\xd0\xb0\xd0\xbd\xd1\x86\xd0\xb8\xd1\x80\xd1\x8c}\n",
                  b"\x01id,canonical,kind,aliases,variants,native\nkyiv,Kyiv,place,,Kiev,uk:\xd0\x9a\xd0\xb8\xd1\x97\xd0\xb2\n",
                  b'\x02<?xml version="1.0"?><martif type="TBX"><text><body><termEntry id="kyiv"><langSet xml:lang="en">'
                  b'<tig><term>Kyiv</term></tig></langSet></termEntry></body></text></martif>']
    for i, seed in enumerate(seeds):
        (directory / f"seed-{i:03d}").write_bytes(seed)
    return len(seeds)


# ---------------------------------------------------------------- targets


class Lint:
    """The `lint` target: one compiled default glossary, every input a document."""

    def __init__(self):
        from .config import Config
        from .linter import load

        self.config = Config()
        self.compiled = load(self.config)

    def __call__(self, data: bytes) -> None:
        from . import fix
        from .document import DecodeError, Document, decode
        from .engine import run
        from .formatters import render
        from .results import FileResult, RunInfo

        fmt = FORMATS[data[0] % 3] if data else "text"
        try:
            text = decode(data[1:])
        except DecodeError as e:
            assert "\n" not in str(e), str(e)
            return
        doc = Document.from_text(text, "fuzz." + SUFFIXES[fmt])
        assert len(doc.masked) == len(text)
        findings = run(doc, self.compiled, self.config)
        for f in findings:
            assert 0 <= f.start <= f.end <= len(text) and text[f.start:f.end] == f.text, f
        results = [FileResult(doc.path, doc, tuple(findings))]
        info = RunInfo(1, "sha256:" + "0" * 64, ("default",), "0")
        for name in ("json", "sarif", "rdjson"):
            json.loads(render(name, results, info))
        render("github", results, info)
        render("text", results, info)
        fix.apply(text, fix.fixable(findings, 0.0))


class GlossaryTarget:
    """The `glossary` target: every input a glossary file, loaded, compiled and used."""

    def __init__(self, directory: str | None = None):
        self.dir = directory or os.path.join(tempfile.gettempdir(), "transaudit-fuzz")
        os.makedirs(self.dir, exist_ok=True)
        self.stem = f"fuzz-{os.getpid()}"  # one file per process, removed after each input

    def __call__(self, data: bytes) -> None:
        from .config import Config
        from .engine import run
        from .document import Document
        from .glossary import GlossaryError, compile_glossary, load_glossaries

        fmt = GLOSSARY_FORMATS[data[0] % 3] if data else "yaml"
        name = f"{self.stem}.{fmt}"
        with open(os.path.join(self.dir, name), "wb") as f:
            f.write(data[1:])
        cwd = os.getcwd()
        os.chdir(self.dir)  # error messages name the file as given: fuzz-<pid>.yaml
        try:
            glossary = load_glossaries([name], include_default=False)
        except GlossaryError as e:
            assert ERROR_LINE.match(str(e)), repr(str(e))
            return
        finally:
            os.unlink(name)
            os.chdir(cwd)
        compiled = compile_glossary(glossary)
        forms = [f for e in glossary.entries for f in (e.canonical, *e.aliases, *e.variants, *(n for _, n in e.native))]
        text = " and ".join(forms[:50]) + ".\n"
        doc = Document.from_text(text, "forms.txt")
        for f in run(doc, compiled, Config(default_glossary=False)):
            assert text[f.start:f.end] == f.text, f


TARGETS = {"lint": Lint, "glossary": GlossaryTarget}


def preload() -> None:
    """Import what the targets use, so that it is instrumented when imported under
    atheris.instrument_imports() (modules imported later would not be)."""
    import importlib

    for name in ("config", "document", "engine", "fix", "language", "linter", "markup", "normalize",
                 "suppress", "formatters.json", "formatters.sarif", "formatters.rdjson", "formatters.github",
                 "formatters.text", "glossary.load", "glossary.tbx", "glossary.compile", "inference"):
        importlib.import_module(f".{name}", __package__)


INSTRUMENTED = ("transaudit", "yaml", "markdown_it", "html.parser")  # what coverage is measured on


def run(target_name: str, argv: list[str]) -> None:
    """Fuzz one target; `argv` is the libFuzzer command line (argv[0] the program). Call it with
    the modules in INSTRUMENTED imported under atheris.instrument_imports()."""
    import atheris

    target = TARGETS[target_name]()
    if not any(not a.startswith("-") for a in argv[1:]):  # no corpus given: seed a temporary one
        corpus = Path(tempfile.mkdtemp(prefix=f"transaudit-{target_name}-corpus-"))
        seed_corpus(target_name, corpus)
        argv = [*argv, str(corpus)]
    atheris.Setup(argv, target)
    atheris.Fuzz()


def main(argv=None) -> None:
    """`python -m transaudit._fuzz TARGET ...`: the package was imported before this module ran, so
    its modules are dropped and imported again, instrumented."""
    import importlib

    argv = list(sys.argv if argv is None else argv)
    if len(argv) < 2 or argv[1] not in TARGETS:
        sys.exit(f"usage: python -m transaudit._fuzz {{{'|'.join(TARGETS)}}} [libFuzzer flags] [CORPUS ...]")
    import atheris

    target_name = argv.pop(1)
    for name in [m for m in sys.modules if m in INSTRUMENTED or m.startswith(tuple(p + "." for p in INSTRUMENTED))]:
        del sys.modules[name]
    with atheris.instrument_imports(include=list(INSTRUMENTED)):
        fresh = importlib.import_module("transaudit._fuzz")
        fresh.preload()
    fresh.run(target_name, argv)


if __name__ == "__main__":
    main()
