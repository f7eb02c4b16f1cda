"""Formatters: finished results in, string out (or written to a stream, piece by piece).

A formatter module has `write(results, info, stream, **options)`, which reads `results` once (it
may be a generator) and writes file by file, or `render(results, info, **options) -> str`."""
import io
from importlib import import_module

FORMATS = ("text", "json", "sarif", "github", "rdjson")


def render(fmt: str, results, info, **kwargs) -> str:
    module = import_module(f".{fmt}", __name__)
    if not hasattr(module, "write"):
        return module.render(results, info, **kwargs)
    out = io.StringIO()
    module.write(results, info, out, **kwargs)
    return out.getvalue()


def write(fmt: str, results, info, stream, **kwargs) -> None:
    """Write what `render` returns to `stream`; a formatter with a `write` of its own streams it
    file by file (`results` may then be a generator: a large report is never held whole)."""
    module = import_module(f".{fmt}", __name__)
    if hasattr(module, "write"):
        module.write(results, info, stream, **kwargs)
    else:
        stream.write(module.render(list(results), info, **kwargs))
