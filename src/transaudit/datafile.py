"""The shipped data tables (src/transaudit/data/*.yaml)."""
from __future__ import annotations

from importlib import resources


def read(name: str):
    """A data file parsed with PyYAML's safe loader. PyYAML is imported here, when a table is first
    built, not when a module that may need one is imported."""
    import yaml

    return yaml.safe_load((resources.files("transaudit") / "data" / name).read_text("utf-8"))
