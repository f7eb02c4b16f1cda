"""Formatters: finished results in, string out."""
from importlib import import_module

FORMATS = ("text", "json", "sarif", "github", "rdjson")


def render(fmt: str, results, info, **kwargs) -> str:
    return import_module(f".{fmt}", __name__).render(results, info, **kwargs)
