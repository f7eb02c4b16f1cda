"""TBX (ISO 30042) glossaries: read TBX-Basic with defusedxml, write TBX-Basic.

Read (TBX 2008 `martif`/`termEntry`/`langSet`/`tig`|`ntig`, and TBX v3 `tbx`/`conceptEntry`/
`langSec`/`termSec`):

- the English `langSet` (`xml:lang="en"`, any region) gives the English forms, by the
  `administrativeStatus` (or older `normativeAuthorization`) term note:
  `preferredTerm-admn-sts` -> canonical (further preferred terms become aliases),
  `admittedTerm-admn-sts` or no status -> aliases, `deprecatedTerm-admn-sts` and
  `supersededTerm-admn-sts` -> variants (known wrong forms). Without a preferred term the first
  term is canonical. A person's term with `termType` `shortForm` is its `short` form;
- every other `langSet` gives `native` forms (the primary language subtag: `ru-RU` -> `ru`);
  deprecated terms there are skipped;
- entry-level `note`, `descrip type="definition"` and `descrip type="subjectField"` -> note;
  `admin type="source"` (or an `xref type="externalCrossReference"` target) -> source;
- the entry id is the `termEntry` id when it is a valid glossary id (lower-cased, a leading `_`
  dropped), else the slug of the canonical form;
- kind: `descrip type="x-kind"`, else `term` when the canonical term's `partOfSpeech` is a
  common part of speech (noun, verb, adjective, adverb), else `other`; `admin type="x-severity"`
  gives the severity. The two `x-` categories are transaudit's own: other tools ignore them.

Entity declarations and external references are refused (defusedxml); errors are
`path:line: message`, with the line of the term entry where it is known.
"""
from __future__ import annotations

import xml.etree.ElementTree as ET

from .model import ID_RE, Entry, GlossaryError, slug

XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
ENTRY_TAGS = ("termEntry", "conceptEntry")
LANG_TAGS = ("langSet", "langSec")
TERM_TAGS = ("tig", "ntig", "termSec")
STATUS_TYPES = ("administrativeStatus", "normativeAuthorization")
COMMON_POS = ("noun", "verb", "adjective", "adverb")
PREFERRED, ADMITTED, DEPRECATED = "preferredTerm-admn-sts", "admittedTerm-admn-sts", "deprecatedTerm-admn-sts"
DOCTYPE = '<!DOCTYPE martif SYSTEM "TBXBasiccoreStructV02.dtd">'


def _local(tag) -> str:
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def _text(el) -> str:
    return " ".join("".join(el.itertext()).split())


class _LineBuilder(ET.TreeBuilder):
    """A TreeBuilder that remembers the line each element starts on."""

    def __init__(self):
        super().__init__()
        self.parser = None
        self.lines: dict[int, int] = {}

    def start(self, tag, attrs):
        el = super().start(tag, attrs)
        self.lines[id(el)] = self.parser.parser.CurrentLineNumber
        return el

    def line_now(self) -> int:
        try:
            return self.parser.parser.CurrentLineNumber
        except AttributeError:
            return 1


def _parse(text: str, path: str):
    from defusedxml import DefusedXmlException, EntitiesForbidden
    from defusedxml.ElementTree import DefusedXMLParser, ParseError

    builder = _LineBuilder()
    parser = DefusedXMLParser(target=builder)
    builder.parser = parser
    try:
        parser.feed(text)
        root = parser.close()
    except ParseError as e:
        line = e.position[0] if getattr(e, "position", None) else 1
        message = str(e).split(": line")[0]
        raise GlossaryError(f"{path}:{line}: invalid TBX (XML): {message}") from None
    except DefusedXmlException as e:
        what = "entity declarations" if isinstance(e, EntitiesForbidden) else "external references"
        name = getattr(e, "name", None) or getattr(e, "sysid", None) or ""
        raise GlossaryError(f"{path}:{builder.line_now()}: {what} are not allowed in TBX glossaries"
                            + (f" ('{name}')" if name else "")) from None
    except ValueError as e:  # e.g. an encoding declaration Python cannot honour for text input
        raise GlossaryError(f"{path}:1: invalid TBX (XML): {e}") from None
    return root, builder.lines


def _status(value: str) -> str:
    v = value.strip().lower().removesuffix("-admn-sts")
    if v == "preferredterm":
        return "preferred"
    if v in ("deprecatedterm", "supersededterm"):
        return "deprecated"
    return "admitted"


def _terms(lang_el) -> list[dict]:
    """Each term of a langSet: {form, status, pos, short}."""
    out = []
    for container in lang_el:
        if _local(container.tag) not in TERM_TAGS:
            continue
        term = next((e for e in container.iter() if _local(e.tag) == "term"), None)
        if term is None or not _text(term):
            continue
        notes = {}
        for note in container.iter():
            if _local(note.tag) == "termNote" and note.get("type"):
                notes.setdefault(note.get("type"), _text(note))
        status = next((notes[t] for t in STATUS_TYPES if t in notes), None)
        out.append({"form": _text(term), "status": _status(status) if status else None,
                    "pos": notes.get("partOfSpeech", "").strip(),
                    "short": notes.get("termType", "").strip() == "shortForm"})
    return out


def _entry_fields(el, default_lang: str) -> tuple[dict, list[tuple[str, list[dict]]]]:
    """Entry-level fields and (language, terms) per langSet."""
    fields: dict = {}
    notes, langs = [], []
    parts = []
    for child in el:
        name = _local(child.tag)
        parts += list(child) if name in ("descripGrp", "adminGrp") else [child]
        if name in LANG_TAGS:
            lang = (child.get(XML_LANG) or default_lang or "").split("-")[0].split("_")[0].lower()
            langs.append((lang, _terms(child)))
    for part in parts:
        name, kind, value = _local(part.tag), part.get("type", ""), _text(part)
        if not value and not (name == "xref" and part.get("target")):
            continue
        if name == "note" or (name == "descrip" and kind in ("definition", "subjectField")):
            notes.append(value)
        elif name == "descrip" and kind == "x-kind":
            fields["kind"] = value
        elif name == "admin" and kind == "x-severity":
            fields["severity"] = value
        elif name == "admin" and kind == "source":
            fields["source"] = value
        elif name == "xref" and kind == "externalCrossReference" and part.get("target"):
            fields.setdefault("_xref", part.get("target"))
    if notes:
        fields["note"] = "; ".join(dict.fromkeys(notes))
    if "_xref" in fields:
        fields.setdefault("source", fields["_xref"])
        del fields["_xref"]
    return fields, langs


def _unique(forms, drop=()) -> tuple[str, ...]:
    seen = set(drop)
    out = []
    for f in forms:
        if f not in seen:
            seen.add(f)
            out.append(f)
    return tuple(out)


def load_tbx(text: str, path: str) -> list[Entry]:
    """The entries of a TBX glossary (see the module docstring for the mapping)."""
    from .load import _build_entry

    root, lines = _parse(text, path)
    if _local(root.tag) not in ("martif", "tbx"):
        raise GlossaryError(f"{path}:{lines.get(id(root), 1)}: not a TBX file (root element "
                            f"<{_local(root.tag)}>, expected <martif> or <tbx>)")
    default_lang = root.get(XML_LANG, "")
    entries = []
    for el in root.iter():
        if _local(el.tag) not in ENTRY_TAGS:
            continue
        line = lines.get(id(el), 1)
        where = f"term entry '{el.get('id')}'" if el.get("id") else "term entry"
        fields, langs = _entry_fields(el, default_lang)
        english = [t for lang, terms in langs if lang == "en" for t in terms]
        if not english:
            raise GlossaryError(f'{path}:{line}: {where} has no English term (langSet xml:lang="en")')
        preferred = [t for t in english if t["status"] == "preferred"]
        usable = [t for t in english if t["status"] != "deprecated"]
        head = (preferred or [t for t in usable if t["status"] is None] or usable or [None])[0]
        if head is None:
            raise GlossaryError(f"{path}:{line}: {where} has only deprecated English terms")
        fields["canonical"] = head["form"]
        if "kind" not in fields:
            fields["kind"] = "term" if head["pos"] in COMMON_POS else "other"
        short = next((t["form"] for t in usable if t["short"] and t is not head), None)
        if short is not None and fields["kind"] == "person":
            fields["short"] = short
        fields["aliases"] = _unique((t["form"] for t in usable), drop={head["form"], fields.get("short")})
        fields["variants"] = _unique(t["form"] for t in english if t["status"] == "deprecated")
        fields["native"] = tuple(dict.fromkeys((lang, t["form"]) for lang, terms in langs if lang and lang != "en"
                                               for t in terms if t["status"] != "deprecated"))
        raw_id = (el.get("id") or "").strip()
        candidate = raw_id[1:] if raw_id.startswith("_") else raw_id
        fields["id"] = candidate.lower() if ID_RE.match(candidate.lower()) else slug(fields["canonical"])

        def fail(_key, message, line=line):
            raise GlossaryError(f"{path}:{line}: {message}")

        entries.append(_build_entry(fields, path, line, fail))
    return entries


# ---------------------------------------------------------------- writing


def _tig(parent, form: str, pos: str, status: str | None = None, term_type: str | None = None) -> None:
    tig = ET.SubElement(parent, "tig")
    ET.SubElement(tig, "term").text = form
    ET.SubElement(tig, "termNote", type="partOfSpeech").text = pos
    if term_type:
        ET.SubElement(tig, "termNote", type="termType").text = term_type
    if status:
        ET.SubElement(tig, "termNote", type="administrativeStatus").text = status


def _xml_id(entry_id: str) -> str:
    """xml:id values may not start with a digit or '-'; the reader drops the '_' again."""
    return entry_id if entry_id[:1].isalpha() else "_" + entry_id


def dump_tbx(entries, title: str = "transaudit glossary", tool: str = "transaudit") -> str:
    """TBX-Basic (TBX 2008, `martif`) text for `entries`; `load_tbx` reads it back unchanged."""
    root = ET.Element("martif", {"type": "TBX-Basic", XML_LANG: "en"})
    header = ET.SubElement(root, "martifHeader")
    file_desc = ET.SubElement(header, "fileDesc")
    ET.SubElement(ET.SubElement(file_desc, "titleStmt"), "title").text = title
    ET.SubElement(ET.SubElement(file_desc, "sourceDesc"), "p").text = f"Exported by {tool}"
    ET.SubElement(ET.SubElement(header, "encodingDesc"), "p", type="XCSURI").text = "TBXBasicXCSV02.xcs"
    body = ET.SubElement(ET.SubElement(root, "text"), "body")
    for e in entries:
        el = ET.SubElement(body, "termEntry", id=_xml_id(e.id))
        if e.kind not in ("term", "other"):
            ET.SubElement(el, "descrip", type="x-kind").text = e.kind
        if e.note:
            ET.SubElement(el, "note").text = e.note
        if e.source:
            ET.SubElement(el, "admin", type="source").text = e.source
        if e.severity:
            ET.SubElement(el, "admin", type="x-severity").text = e.severity
        pos = "noun" if e.kind == "term" else "properNoun"
        english = ET.SubElement(el, "langSet", {XML_LANG: "en"})
        _tig(english, e.canonical, pos, PREFERRED)
        if e.short:
            _tig(english, e.short, pos, ADMITTED, "shortForm")
        for alias in e.aliases:
            _tig(english, alias, pos, ADMITTED)
        for variant in e.variants:
            _tig(english, variant, pos, DEPRECATED)
        langs: dict[str, list[str]] = {}
        for lang, form in e.native:
            langs.setdefault(lang, []).append(form)
        for lang, forms in langs.items():
            lang_set = ET.SubElement(el, "langSet", {XML_LANG: lang})
            for form in forms:
                _tig(lang_set, form, pos)
    ET.indent(root)
    body_text = ET.tostring(root, encoding="unicode")
    return f'<?xml version="1.0" encoding="UTF-8"?>\n{DOCTYPE}\n{body_text}\n'
