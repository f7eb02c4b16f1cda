"""TBX glossaries: TBX-Basic read (defusedxml) and write, CSV export, and their round trips.

Read: TBX 2008 files as translation tools export them (tig and ntig/termGrp, administrativeStatus
or normativeAuthorization, descripGrp, regional language codes) and TBX v3 (namespaced
conceptEntry/langSec/termSec). Errors: `path:line: message`, entity declarations refused.
"""
from __future__ import annotations

from dataclasses import replace

import pytest

from conftest import DESK, FIXTURES, desk_args

BILINGUAL_GLOSSARY = FIXTURES / "bilingual" / "glossary.yaml"

CAT_TOOL_TBX = """<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE martif SYSTEM "TBXcoreStructV02.dtd">
<martif type="TBX" xml:lang="en-US">
  <martifHeader><fileDesc><sourceDesc><p>termbase export</p></sourceDesc></fileDesc></martifHeader>
  <text>
    <body>
      <termEntry id="_1024">
        <descrip type="subjectField">Military</descrip>
        <descripGrp>
          <descrip type="definition">Russian short-range air-defence system</descrip>
          <admin type="source">https://en.wikipedia.org/wiki/Pantsir_missile_system</admin>
        </descripGrp>
        <langSet xml:lang="en-US">
          <ntig>
            <termGrp>
              <term>Pantsir</term>
              <termNote type="administrativeStatus">preferredTerm-admn-sts</termNote>
            </termGrp>
            <descrip type="context">The Pantsir battery was destroyed.</descrip>
          </ntig>
          <ntig>
            <termGrp>
              <term>SA-22 Greyhound</term>
              <termNote type="administrativeStatus">admittedTerm-admn-sts</termNote>
            </termGrp>
          </ntig>
          <tig>
            <term>Pantsyr</term>
            <termNote type="normativeAuthorization">deprecatedTerm</termNote>
          </tig>
        </langSet>
        <langSet xml:lang="ru-RU">
          <tig><term>Панцирь</term></tig>
        </langSet>
        <langSet xml:lang="ro-RO">
          <tig><term>Panțir</term></tig>
          <tig><term>Panțîr</term><termNote type="administrativeStatus">deprecatedTerm-admn-sts</termNote></tig>
        </langSet>
      </termEntry>
      <termEntry>
        <langSet xml:lang="en">
          <tig><term>one-way attack drone</term><termNote type="partOfSpeech">noun</termNote></tig>
          <tig><term>loitering munition</term><termNote type="partOfSpeech">noun</termNote></tig>
          <tig><term>kamikaze drone</term>
               <termNote type="administrativeStatus">supersededTerm-admn-sts</termNote></tig>
        </langSet>
        <langSet xml:lang="ro"><tig><term>dronă de atac unidirecțională</term></tig></langSet>
      </termEntry>
    </body>
  </text>
</martif>
"""

TBX_V3 = """<?xml version="1.0" encoding="UTF-8"?>
<tbx type="TBX-Basic" style="dca" xml:lang="en" xmlns="urn:iso:std:iso:30042:ed-2">
  <tbxHeader><fileDesc><sourceDesc><p>v3</p></sourceDesc></fileDesc></tbxHeader>
  <text>
    <body>
      <conceptEntry id="kyiv">
        <descrip type="x-kind">place</descrip>
        <note>KMU 2010 romanization</note>
        <langSec xml:lang="en">
          <termSec><term>Kyiv</term>
            <termNote type="administrativeStatus">preferredTerm-admn-sts</termNote></termSec>
          <termSec><term>Kiev</term>
            <termNote type="administrativeStatus">deprecatedTerm-admn-sts</termNote></termSec>
        </langSec>
        <langSec xml:lang="uk"><termSec><term>Київ</term></termSec></langSec>
      </conceptEntry>
    </body>
  </text>
</tbx>
"""


def _plain(entries):
    return [replace(e, origin="", line=0) for e in entries]


def _load(tmp_path, text: str, name: str = "terms.tbx"):
    from transaudit.glossary import load_file

    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return load_file(path)[0], path


# ---------------------------------------------------------------- round trips


@pytest.mark.parametrize("fmt", ["tbx", "csv"])
@pytest.mark.parametrize("glossary", [DESK, BILINGUAL_GLOSSARY, None], ids=["desk", "bilingual", "default"])
def test_yaml_to_tbx_or_csv_and_back_gives_the_same_entries(tmp_path, glossary, fmt):
    from transaudit.glossary import default_glossary_path, load_file
    from transaudit.glossary.export import export

    entries, _ = load_file(glossary or default_glossary_path())
    back, _ = _load(tmp_path, export(entries, fmt), f"exported.{fmt}")
    assert _plain(back) == _plain(entries)


def test_tbx_export_is_tbx_basic_with_extension_categories_only_where_needed():
    from transaudit.glossary import Entry
    from transaudit.glossary.export import export

    text = export([Entry("one-way-attack-drone", "one-way attack drone", "term", aliases=("loitering munition",)),
                   Entry("2s19-msta", "2S19 Msta", "weapon", native=(("ru", "2С19 «Мста»"),))], "tbx")
    assert text.startswith('<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE martif SYSTEM '
                           '"TBXBasiccoreStructV02.dtd">\n<martif type="TBX-Basic" xml:lang="en">\n')
    drone = text[text.index('<termEntry id="one-way-attack-drone">'):text.index("</termEntry>")]
    assert "x-kind" not in drone and "x-severity" not in drone
    assert drone.count('<termNote type="partOfSpeech">noun</termNote>') == 2
    assert '<termEntry id="_2s19-msta">' in text           # an xml id may not start with a digit
    assert '<descrip type="x-kind">weapon</descrip>' in text
    assert '<langSet xml:lang="ru">' in text and "<term>2С19 «Мста»</term>" in text


# ---------------------------------------------------------------- reading other tools' files


def test_reads_a_translation_tool_export(tmp_path):
    entries, path = _load(tmp_path, CAT_TOOL_TBX)
    pantsir, drone = entries
    assert (pantsir.id, pantsir.canonical, pantsir.kind) == ("1024", "Pantsir", "other")
    assert pantsir.aliases == ("SA-22 Greyhound",)
    assert pantsir.variants == ("Pantsyr",)
    assert pantsir.native == (("ru", "Панцирь"), ("ro", "Panțir"))
    assert pantsir.note == "Military; Russian short-range air-defence system"
    assert pantsir.source == "https://en.wikipedia.org/wiki/Pantsir_missile_system"
    assert (pantsir.origin, pantsir.line) == (str(path), 7)
    assert (drone.id, drone.canonical, drone.kind) == ("one-way-attack-drone", "one-way attack drone", "term")
    assert drone.aliases == ("loitering munition",)
    assert drone.variants == ("kamikaze drone",)
    assert drone.native == (("ro", "dronă de atac unidirecțională"),)
    assert drone.line == 40


def test_reads_tbx_v3(tmp_path):
    [kyiv], _ = _load(tmp_path, TBX_V3)
    assert (kyiv.id, kyiv.canonical, kyiv.kind, kyiv.variants, kyiv.native, kyiv.note) == (
        "kyiv", "Kyiv", "place", ("Kiev",), (("uk", "Київ"),), "KMU 2010 romanization")


def test_a_person_short_form_travels_as_term_type_short_form(tmp_path):
    from transaudit.glossary import Entry
    from transaudit.glossary.export import export

    assad = Entry("bashar-al-assad", "Bashar al-Assad", "person", variants=("Bashar al-Asad",), short="Assad")
    text = export([assad], "tbx")
    assert '<termNote type="termType">shortForm</termNote>' in text
    [back], _ = _load(tmp_path, text)
    assert (back.short, back.aliases, back.variants) == ("Assad", (), ("Bashar al-Asad",))


def test_lint_uses_a_tbx_glossary(run_cli, tmp_path):
    path = tmp_path / "desk.tbx"
    path.write_text(CAT_TOOL_TBX, encoding="utf-8")
    article = tmp_path / "news.md"
    article.write_text("A Pantsyr battery was seen near the port.\n", encoding="utf-8")
    result = run_cli("lint", *desk_args(path), article, "--format", "json")
    [finding] = result.json["files"][0]["findings"]
    assert (finding["rule"], finding["text"], finding["suggestions"], finding["entry"]) == (
        "listed-variant", "Pantsyr", ["Pantsir"], "1024")


# ---------------------------------------------------------------- errors


@pytest.mark.parametrize("text, message", [
    ('<?xml version="1.0"?>\n<martif>\n<text><body>\n<termEntry id="a">\n</body></text></martif>\n',
     "5: invalid TBX (XML): mismatched tag"),
    ('<?xml version="1.0"?>\n<!DOCTYPE martif [\n<!ENTITY lol "lol">\n]>\n<martif>&lol;</martif>\n',
     "3: entity declarations are not allowed in TBX glossaries ('lol')"),
    ('<?xml version="1.0"?>\n<!DOCTYPE martif [\n<!ENTITY ext SYSTEM "file:///etc/passwd">\n]>\n'
     '<martif>&ext;</martif>\n',
     "3: entity declarations are not allowed in TBX glossaries ('ext')"),
    ('<?xml version="1.0"?>\n<glossary><entry/></glossary>\n',
     "2: not a TBX file (root element <glossary>, expected <martif> or <tbx>)"),
    ('<martif><text><body>\n<termEntry id="c7">\n<langSet xml:lang="ro"><tig><term>Panțir</term></tig></langSet>\n'
     '</termEntry></body></text></martif>\n',
     "2: term entry 'c7' has no English term (langSet xml:lang=\"en\")"),
    ('<martif><text><body>\n\n<termEntry id="c8"><descrip type="x-kind">missile</descrip>\n'
     '<langSet xml:lang="en"><tig><term>Kinzhal</term></tig></langSet></termEntry></body></text></martif>\n',
     "3: entry 'Kinzhal': kind 'missile' is not one of person, organization, place, weapon, term, other"),
    ('<martif><text><body>\n<termEntry id="tor"><langSet xml:lang="en"><tig><term>Tor</term></tig></langSet>'
     '</termEntry>\n<termEntry id="tor"><langSet xml:lang="en"><tig><term>Tor-M2</term></tig></langSet>'
     '</termEntry>\n</body></text></martif>\n',
     "3: duplicate id 'tor' (first at line 2)"),
])
def test_errors_name_the_line(tmp_path, text, message):
    from transaudit.glossary import GlossaryError

    with pytest.raises(GlossaryError) as e:
        _load(tmp_path, text)
    assert str(e.value) == f"{tmp_path / 'terms.tbx'}:{message}"


def test_a_bad_tbx_glossary_stops_lint_with_exit_2(run_cli, tmp_path):
    path = tmp_path / "bad.tbx"
    path.write_text("<martif><text>\n<body>\n</text></martif>\n", encoding="utf-8")
    result = run_cli("lint", *desk_args(path), "-", input=b"Pantsir.\n")
    assert result.code == 2
    assert result.stderr_lines == [f"transaudit: {path}:3: invalid TBX (XML): mismatched tag"]
