"""The shipped data tables (src/transaudit/data/*.yaml)."""
from __future__ import annotations

from importlib import resources


def parse(text: str):
    """YAML parsed with PyYAML's safe loader, in C (libyaml) when PyYAML has it: the gloss files
    alone are megabytes. PyYAML is imported here, when a table is first built, not when a module
    that may need one is imported."""
    import yaml

    return yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))


def read(name: str):
    """A data file (a path under src/transaudit/data/)."""
    return parse((resources.files("transaudit") / "data" / name).read_text("utf-8"))
