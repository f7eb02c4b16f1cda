"""Glossary loading (CONTRACTS §1): YAML and CSV, defaults, `path:line: message` errors, merging."""
from __future__ import annotations

import time

import pytest

from conftest import DESK, GLOSSARIES
from transaudit.glossary import GlossaryError, load_file, load_glossaries, slug
from transaudit.glossary import load as load_module


def write(tmp_path, text: str, name: str = "desk.yaml"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def error_of(path) -> str:
    with pytest.raises(GlossaryError) as e:
        load_file(path)
    return str(e.value)


# ---------------------------------------------------------------- YAML

def test_desk_fixture_loads_with_defaults():
    entries, label = load_file(DESK)
    assert label == str(DESK)
    by_id = {e.id: e for e in entries}
    assert list(by_id) == ["pantsir", "tor", "bashar-al-assad", "prigozhin", "kyiv", "chicken-kiev",
                           "al-shabaab", "middle-east-institute", "missile-system", "intelligence-services",
                           "one-way-attack-drone"]
    p = by_id["pantsir"]
    assert (p.canonical, p.kind, p.aliases, p.variants, p.native, p.severity, p.line) == (
        "Pantsir", "weapon", ("Pantsir-S1", "SA-22 Greyhound", "SA-22"), ("Pantyr", "Pantîr", "Panzir"),
        (("ru", "Панцирь"),), "error", 6)
    assert p.source == "https://en.wikipedia.org/wiki/Pantsir_missile_system"
    assert by_id["chicken-kiev"].kind == "other"                  # default kind
    assert by_id["bashar-al-assad"].short_form == "Assad"         # id from the slug, explicit short
    assert by_id["prigozhin"].short_form == "Prigozhin"           # default short: the last word
    assert by_id["kyiv"].short_form is None                       # places have no short form


@pytest.mark.parametrize("text, expected", [
    ("Middle East Institute", "middle-east-institute"),
    ("Pantîr", "pantir"),
    ("Bashar al-Assad", "bashar-al-assad"),
    ("SA-22 Greyhound", "sa-22-greyhound"),
    ("  Kyiv  Pechersk   Lavra ", "kyiv-pechersk-lavra"),
    ("Панцирь", "entry"),
])
def test_slug(text, expected):
    assert slug(text) == expected


def test_scalar_aliases_and_x_keys_are_allowed(tmp_path):
    path = write(tmp_path, "version: 1\nx-owner: foreign desk\nentries:\n"
                           "  - canonical: Kyiv\n    kind: place\n    aliases: Kiev Oblast\n    x-reviewed: yes\n")
    [e] = load_file(path)[0]
    assert (e.id, e.aliases, e.line) == ("kyiv", ("Kiev Oblast",), 4)


def test_empty_entries_is_an_empty_glossary(tmp_path):
    assert load_file(write(tmp_path, "version: 1\nname: empty\nentries:\n"))[0] == []


ENTRY = "version: 1\nentries:\n  - id: pantsir\n    canonical: Pantsir\n    kind: weapon\n"

YAML_ERRORS = [
    ("unknown key",
     ENTRY + "    varients: [Pantyr]\n",
     "6: entry 'Pantsir': unknown key 'varients'"),
    ("unknown key with a block value: the key's line",
     ENTRY + "    varients:\n      - Pantyr\n",
     "6: entry 'Pantsir': unknown key 'varients'"),
    ("unknown top-level key",
     "version: 1\nentry:\n  - canonical: Tor\n",
     "2: unknown top-level key 'entry'"),
    ("bad kind",
     "version: 1\nentries:\n  - canonical: Tor\n\n    kind: weapons\n",
     "5: entry 'Tor': kind 'weapons' is not one of person, organization, place, weapon, term, other"),
    ("bad id",
     ENTRY + "  - id: Tor_M2\n    canonical: Tor\n",
     "6: entry 'Tor': id 'Tor_M2' must match [a-z0-9][a-z0-9-]*"),
    ("bad severity",
     ENTRY + "    severity: fatal\n",
     "6: entry 'Pantsir': severity 'fatal' is not one of error, warning, info"),
    ("short on a non-person",
     ENTRY + "    short: Pan\n",
     "6: entry 'Pantsir': 'short' is only for person entries"),
    ("missing canonical",
     ENTRY + "  - id: tor\n    kind: weapon\n",
     "6: entry: missing required key 'canonical'"),
    ("list where a string is expected",
     ENTRY + "  - id: tor\n    canonical: [Tor, Thor]\n",
     "7: entry: canonical must be a string"),
    ("mapping where a list is expected",
     ENTRY + "    aliases: {SA-22: Greyhound}\n",
     "6: entry 'Pantsir': aliases must be a list of strings"),
    ("null where a string is expected",
     ENTRY + "    note:\n",
     "6: entry 'Pantsir': note must be a string"),
    ("non-string key",
     ENTRY + "    22: SA-22\n",
     "6: entry: keys must be strings"),
    ("duplicate key",
     ENTRY + "    kind: place\n",
     "6: entry: duplicate key 'kind'"),
    ("entry that is not a mapping",
     ENTRY + "  - Tor\n",
     "6: entry must be a mapping"),
    ("entries not a list",
     "version: 1\nentries:\n  canonical: Tor\n",
     "3: 'entries' must be a list"),
    ("duplicate id",
     ENTRY + "  - id: tor\n    canonical: Tor\n  - id: pantsir\n    canonical: Pantsir-S1\n",
     "8: duplicate id 'pantsir' (first at line 3)"),
    ("two ids claim one form",
     ENTRY + "    variants: [Thor]\n  - id: thor\n    canonical: Thor\n    kind: person\n",
     "7: 'Thor' is claimed by both 'pantsir' (line 3) and 'thor'"),
    ("a variant that is another entry's alias",
     ENTRY + "    aliases: [SA-22]\n  - id: sa-22-tor\n    canonical: Tor\n    variants: [SA 22]\n",
     "7: 'SA 22' is claimed by both 'pantsir' (line 3) and 'sa-22-tor'"),
    ("a variant that is the entry's own alias",
     ENTRY + "    aliases: [SA-22]\n    variants: [sa 22]\n",
     "3: entry 'Pantsir': variant 'sa 22' is also its canonical form or an alias"),
    ("missing version",
     "entries: []\n",
     "1: missing 'version: 1'"),
    ("unsupported version",
     "version: 2\nentries: []\n",
     "1: unsupported glossary version '2' (expected 1)"),
    ("missing entries",
     "version: 1\nname: desk\n",
     "1: missing 'entries'"),
    ("YAML anchor and alias",
     "version: 1\nentries:\n  - canonical: &k Kyiv\n  - canonical: Kyiv Oblast\n    aliases: [*k]\n",
     "5: YAML anchors and aliases are not allowed in glossaries"),
    ("YAML merge key",
     "version: 1\nx-base: &base {kind: place}\nentries:\n  - canonical: Kyiv\n    <<: *base\n",
     "5: YAML anchors and aliases are not allowed in glossaries"),
    ("invalid YAML",
     "version: 1\nentries:\n  - canonical: Tor\n    aliases: [Tor-M2, Tor-M1\n  - canonical: Kyiv\n",
     "5: invalid YAML: expected ',' or ']', but got ':'"),
    ("tab indentation",
     "version: 1\nentries:\n\t- canonical: Tor\n",
     "3: invalid YAML: found character '\\t' that cannot start any token"),
    ("empty file",
     "",
     "1: empty glossary (expected 'version: 1' and 'entries')"),
    ("only a comment",
     "# nothing yet\n",
     "1: empty glossary (expected 'version: 1' and 'entries')"),
    ("a scalar document",
     "just some words\n",
     "1: glossary must be a mapping"),
]


@pytest.mark.parametrize("name, text, expected", YAML_ERRORS, ids=[c[0] for c in YAML_ERRORS])
def test_yaml_errors_name_file_and_line(tmp_path, name, text, expected):
    path = write(tmp_path, text)
    assert error_of(path) == f"{path}:{expected}"


BILLION_LAUGHS = "version: 1\nx-a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n" + "".join(
    f"x-{b}: &{b} [{', '.join(['*' + a] * 9)}]\n" for a, b in zip("abcdefgh", "bcdefghi")) + "entries: *i\n"


def test_billion_laughs_fails_fast(tmp_path):
    path = write(tmp_path, BILLION_LAUGHS)
    started = time.perf_counter()
    assert error_of(path) == f"{path}:3: YAML anchors and aliases are not allowed in glossaries"
    assert time.perf_counter() - started < 1.0


@pytest.mark.parametrize("text", [
    "version: 1\nentries: " + "[" * 100_000 + "]" * 100_000 + "\n",
    "version: 1\nentries:\n" + "".join("  " * i + "- \n" for i in range(1, 2000)),
], ids=["flow", "block"])
def test_deep_nesting_fails_fast(tmp_path, text):
    path = write(tmp_path, text)
    started = time.perf_counter()
    message = error_of(path)
    assert message.startswith(f"{path}:") and message.endswith(": YAML nested more than 20 levels deep")
    assert time.perf_counter() - started < 2.0


def test_file_problems(tmp_path):
    missing = tmp_path / "nope.yaml"
    assert error_of(missing) == f"{missing}:1: glossary file not found"
    assert error_of(tmp_path) == f"{tmp_path}:1: is a directory, not a glossary file"
    latin1 = tmp_path / "latin1.yaml"
    latin1.write_bytes("version: 1\nentries:\n  - canonical: Pantîr\n".encode("latin-1"))
    assert error_of(latin1) == f"{latin1}:1: not UTF-8 (byte 0xee at offset 39)"


def test_yaml_bom_is_accepted(tmp_path):
    path = tmp_path / "bom.yaml"
    path.write_bytes(b"\xef\xbb\xbfversion: 1\nentries:\n  - canonical: Kyiv\n")
    assert [e.id for e in load_file(path)[0]] == ["kyiv"]


# ---------------------------------------------------------------- CSV

def test_csv_fixture_with_bom_lists_and_natives():
    entries, _ = load_file(GLOSSARIES / "desk.csv")
    assert [(e.id, e.canonical, e.kind, e.aliases, e.variants, e.native, e.line) for e in entries] == [
        ("pantsir", "Pantsir", "weapon", ("Pantsir-S1", "SA-22"), ("Pantyr", "Pantîr"),
         (("ru", "Панцирь"), ("uk", "Панцир")), 2),
        ("middle-east-institute", "Middle East Institute", "organization", (), ("Near East Institute",), (), 4),
        ("missile-system", "missile system", "term", (), ("missile complex",), (), 5),
    ]
    assert entries[0].note == "Russian air-defence system, NATO SA-22"
    assert entries[1].source == "wikidata:Q6841811"


HEADER = "id,canonical,kind,aliases,variants,native,note,source\n"

CSV_ERRORS = [
    ("wrong column count", HEADER + "pantsir,Pantsir,weapon,,Pantyr,,,\ntor,Tor,weapon\n",
     "3: 3 columns, header has 8"),
    ("unknown column", "id,canonical,kinds\ntor,Tor,weapon\n",
     "1: unknown column 'kinds' (expected id,canonical,kind,aliases,variants,native,note,source)"),
    ("missing canonical column", "id,kind\ntor,weapon\n", "1: missing column 'canonical'"),
    ("empty canonical", HEADER + "tor,,weapon,,,,,\n", "2: missing canonical form"),
    ("bad kind", HEADER + "tor,Tor,missile,,,,,\n",
     "2: entry 'Tor': kind 'missile' is not one of person, organization, place, weapon, term, other"),
    ("bad native", "id,canonical,native\ntor,Tor,Тор\n", "2: native 'Тор' must look like ru:Панцирь"),
    # a line break inside a quoted field stays escaped: the message is one line
    ("line break in a field", 'id,canonical,native\ntor,Tor,"Тор\nx"\n', "2: native 'Тор\\nx' must look like ru:Панцирь"),
    ("two ids claim one form", HEADER + "tor,Tor,weapon,,Thor,,,\nthor,Thor,person,,,,,\n",
     "3: 'Thor' is claimed by both 'tor' (line 2) and 'thor'"),
    ("empty file", "", "1: empty CSV glossary (expected a header row)"),
    ("a column twice", "canonical,variants,variants\nKyiv,Kiev,Kiew\n", "1: column 'variants' appears twice"),
    ("a variant that is the canonical form", HEADER + "kyiv,Kyiv,place,,Kiev|KYIV,,,\n",
     "2: entry 'Kyiv': variant 'KYIV' is also its canonical form or an alias"),
]


@pytest.mark.parametrize("name, text, expected", CSV_ERRORS, ids=[c[0] for c in CSV_ERRORS])
def test_csv_errors_name_file_and_line(tmp_path, name, text, expected):
    path = write(tmp_path, text, "desk.csv")
    assert error_of(path) == f"{path}:{expected}"


def test_csv_x_columns_and_blank_rows_are_ignored(tmp_path):
    path = write(tmp_path, "canonical,x-owner,variants\n\nKyiv,desk,Kiev|Kiew\n,,\n", "desk.csv")
    [e] = load_file(path)[0]
    assert (e.id, e.canonical, e.variants, e.line) == ("kyiv", "Kyiv", ("Kiev", "Kiew"), 3)


# ---------------------------------------------------------------- merging

BASE = """version: 1
entries:
  - id: tor
    canonical: Tor
    kind: weapon
    variants: [Thor]
  - id: kyiv
    canonical: Kyiv
    kind: place
    variants: [Kiev, Kiew]
"""

LOCAL = """version: 1
entries:
  - id: kyiv
    canonical: Kyiv
    kind: place
    variants: [Kiev]
  - id: thor
    canonical: Thor
    kind: person
"""


def test_later_id_replaces_and_later_claim_wins_with_a_warning(tmp_path):
    base, local = write(tmp_path, BASE, "base.yaml"), write(tmp_path, LOCAL, "local.yaml")
    g = load_glossaries([base, local], include_default=False)
    assert [(e.id, e.variants, e.origin) for e in g.entries] == [
        ("tor", (), str(base)),             # lost its variant 'Thor' to the later file
        ("kyiv", ("Kiev",), str(local)),    # replaced as a whole: 'Kiew' is gone
        ("thor", (), str(local)),
    ]
    assert g.sources == (str(base), str(local))
    assert g.warnings == (f"{local}:7: 'Thor' of 'thor' overrides entry 'tor' from {base}",)
    assert g.hash.startswith("sha256:") and len(g.hash) == 71


def test_later_canonical_claim_drops_the_earlier_entry(tmp_path):
    first = write(tmp_path, "version: 1\nentries:\n  - id: kiev\n    canonical: Kiev\n", "first.yaml")
    second = write(tmp_path, "version: 1\nentries:\n  - id: kyiv\n    canonical: Kyiv\n    variants: [Kiev]\n",
                   "second.yaml")
    g = load_glossaries([first, second], include_default=False)
    assert [e.id for e in g.entries] == ["kyiv"]
    assert g.warnings == (f"{second}:3: 'Kiev' of 'kyiv' overrides entry 'kiev' from {first}",)


def test_hash_depends_on_content_not_on_file_names(tmp_path):
    a = write(tmp_path, BASE, "a.yaml")
    b = write(tmp_path, BASE, "b.yaml")
    c = write(tmp_path, BASE.replace("Kiew", "Kijev"), "c.yaml")
    ga, gb, gc = (load_glossaries([p], include_default=False) for p in (a, b, c))
    assert ga.hash == gb.hash != gc.hash


def test_default_glossary_comes_first_and_can_be_dropped(tmp_path, monkeypatch):
    default = write(tmp_path, BASE, "news.yaml")
    local = write(tmp_path, LOCAL, "local.yaml")
    monkeypatch.setattr(load_module, "default_glossary_path", lambda: default)
    g = load_glossaries([local])
    assert g.sources == ("default", str(local))
    assert [e.id for e in g.entries] == ["tor", "kyiv", "thor"]
    assert g.warnings == (f"{local}:7: 'Thor' of 'thor' overrides entry 'tor' from default",)
    g = load_glossaries([local], include_default=False)
    assert g.sources == (str(local),)
    assert [e.id for e in g.entries] == ["kyiv", "thor"]
    assert g.warnings == ()


def test_errors_in_a_later_file_stop_the_merge(tmp_path):
    good = write(tmp_path, BASE, "good.yaml")
    bad = write(tmp_path, "version: 1\nentries:\n  - canonical: Tor\n    kind: gun\n", "bad.yaml")
    with pytest.raises(GlossaryError, match=rf"^{bad}:4: entry 'Tor': kind 'gun' is not one of "):
        load_glossaries([good, bad], include_default=False)
