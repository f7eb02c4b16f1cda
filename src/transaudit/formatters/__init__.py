"""Formatters: finished results in, string out (or written to a stream, piece by piece)."""
from importlib import import_module

FORMATS = ("text", "json", "sarif", "github", "rdjson")


def render(fmt: str, results, info, **kwargs) -> str:
    return import_module(f".{fmt}", __name__).render(results, info, **kwargs)


def write(fmt: str, results, info, stream, **kwargs) -> None:
    """Write what `render` returns to `stream`; a formatter with a `write` of its own streams it
    file by file (`results` may then be a generator: a large report is never held whole)."""
    module = import_module(f".{fmt}", __name__)
    if hasattr(module, "write"):
        module.write(results, info, stream, **kwargs)
    else:
        stream.write(module.render(list(results), info, **kwargs))
