"""YAML glossaries: composed node by node, so that every error names its line."""
from __future__ import annotations

import re

import yaml

from .load import ENTRY_KEYS, TOP_KEYS, _build_entry
from .model import Entry, GlossaryError


class _Reader:
    """Turns composed YAML nodes into plain values, remembering line numbers."""

    def __init__(self, path: str):
        self.path = path
        self.seen: set[int] = set()
        self.key_of: dict[int, object] = {}  # id(value node) -> its key node, for errors about keys

    def fail(self, node, message: str):
        line = node.start_mark.line + 1 if node is not None else 1
        raise GlossaryError(f"{self.path}:{line}: {message}")

    def visit(self, node):
        if id(node) in self.seen:
            self.fail(node, "YAML anchors and aliases are not allowed in glossaries")
        self.seen.add(id(node))

    def mapping(self, node, what: str) -> list[tuple[str, object]]:
        self.visit(node)
        if not isinstance(node, yaml.MappingNode):
            self.fail(node, f"{what} must be a mapping")
        items, keys = [], {}
        for k, v in node.value:
            if not isinstance(k, yaml.ScalarNode) or k.tag != "tag:yaml.org,2002:str":
                self.fail(k, f"{what}: keys must be strings")
            if k.value in keys:
                self.fail(k, f"{what}: duplicate key '{k.value}'")
            keys[k.value] = k
            self.key_of[id(v)] = k
            items.append((k.value, v))
        return items

    def string(self, node, what: str) -> str:
        self.visit(node)
        if not isinstance(node, yaml.ScalarNode) or node.tag in (
                "tag:yaml.org,2002:null", "tag:yaml.org,2002:bool", "tag:yaml.org,2002:map"):
            self.fail(node, f"{what} must be a string")
        value = node.value.strip()
        if not value:
            self.fail(node, f"{what} must not be empty")
        return value

    def strings(self, node, what: str) -> tuple[str, ...]:
        if isinstance(node, yaml.ScalarNode):
            return (self.string(node, what),)
        self.visit(node)
        if not isinstance(node, yaml.SequenceNode):
            self.fail(node, f"{what} must be a list of strings")
        return tuple(self.string(item, what) for item in node.value)


def _entry_from_yaml(reader: _Reader, node, origin: str) -> Entry:
    fields: dict[str, object] = {}
    line = node.start_mark.line + 1
    items = reader.mapping(node, "entry")
    where = "entry"
    for key, value in items:
        if key == "canonical" and isinstance(value, yaml.ScalarNode) and value.value.strip():
            where = f"entry '{value.value}'"
    for key, value in items:
        if key.startswith("x-"):
            continue
        if key not in ENTRY_KEYS:
            reader.fail(reader.key_of[id(value)], f"{where}: unknown key '{key}'")
        if key in ("aliases", "variants"):
            fields[key] = reader.strings(value, f"{where}: {key}")
        elif key == "native":
            pairs = []
            for lang, forms in reader.mapping(value, f"{where}: native"):
                for form in reader.strings(forms, f"{where}: native.{lang}"):
                    pairs.append((lang, form))
            fields[key] = tuple(pairs)
        else:
            fields[key] = reader.string(value, f"{where}: {key}")
            fields[f"_{key}_node"] = value
    if "canonical" not in fields:
        reader.fail(node, "entry: missing required key 'canonical'")
    return _build_entry(fields, origin, line, lambda n, msg: reader.fail(fields.get(f"_{n}_node", node), msg))


MAX_DEPTH = 20  # a glossary needs 5 levels: top, entries, entry, native, forms


class _Rejected(Exception):
    """(line, message): YAML a glossary never needs, refused before it costs time or memory."""


class _StrictLoader(yaml.SafeLoader):
    """Refuses aliases (so 'billion laughs' expands nothing) and deep nesting (no RecursionError)."""

    depth = 0

    def compose_node(self, parent, index):
        line = self.peek_event().start_mark.line + 1
        if self.check_event(yaml.AliasEvent):
            raise _Rejected(line, "YAML anchors and aliases are not allowed in glossaries")
        if self.depth >= MAX_DEPTH:
            raise _Rejected(line, f"YAML nested more than {MAX_DEPTH} levels deep")
        self.depth += 1
        try:
            return super().compose_node(parent, index)
        finally:
            self.depth -= 1


_YAML_BREAK = re.compile("\r\n|[\n\r\x85\u2028\u2029]")  # what YAML counts as line breaks


def _one_line(message) -> str:
    return " ".join(str(message).split())


def load_yaml(text: str, path: str) -> tuple[list[Entry], str | None]:
    try:
        root = yaml.compose(text, Loader=_StrictLoader)
    except _Rejected as e:
        raise GlossaryError(f"{path}:{e.args[0]}: {e.args[1]}") from None
    except yaml.MarkedYAMLError as e:
        mark = e.problem_mark or e.context_mark
        line = mark.line + 1 if mark else 1
        raise GlossaryError(f"{path}:{line}: invalid YAML: {_one_line(e.problem or e.context)}") from None
    except yaml.reader.ReaderError as e:  # a control character: no mark, only a position
        line = len(_YAML_BREAK.findall(text, 0, e.position)) + 1
        raise GlossaryError(f"{path}:{line}: invalid YAML: character #x{e.character:04x} is not allowed "
                            f"(control characters must be escaped)") from None
    except yaml.YAMLError as e:
        raise GlossaryError(f"{path}:1: invalid YAML: {_one_line(e)}") from None
    except RecursionError:
        raise GlossaryError(f"{path}:1: YAML nested too deeply") from None
    reader = _Reader(path)
    if root is None:
        raise GlossaryError(f"{path}:1: empty glossary (expected 'version: 1' and 'entries')")
    top = dict(reader.mapping(root, "glossary"))
    for key, node in top.items():
        if key not in TOP_KEYS and not key.startswith("x-"):
            reader.fail(reader.key_of[id(node)], f"unknown top-level key '{key}'")
    if "version" not in top:
        reader.fail(root, "missing 'version: 1'")
    if top["version"].value != "1":
        reader.fail(top["version"], f"unsupported glossary version '{top['version'].value}' (expected 1)")
    name = reader.string(top["name"], "name") if "name" in top else None
    if "entries" not in top:
        reader.fail(root, "missing 'entries'")
    entries_node = top["entries"]
    if isinstance(entries_node, yaml.ScalarNode) and entries_node.tag == "tag:yaml.org,2002:null":
        return [], name
    reader.visit(entries_node)
    if not isinstance(entries_node, yaml.SequenceNode):
        reader.fail(entries_node, "'entries' must be a list")
    return [_entry_from_yaml(reader, n, path) for n in entries_node.value], name
