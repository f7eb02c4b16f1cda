"""Bilingual checks: alignment, term-mismatch, number-mismatch, untranslated, `compare`, `score`
and `glossary export`.

The pairs in fixtures/bilingual/ are short news stories in Romanian, French, German and Russian with
an English translation that is clean (no finding expected) and one that has a known mistake of each
kind. Tests load fixtures/bilingual/glossary.yaml or a glossary written to tmp_path, never only the
shipped default.
"""
from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import pytest

from conftest import FIXTURES, desk_args

BILINGUAL = FIXTURES / "bilingual"
GLOSSARY = BILINGUAL / "glossary.yaml"
PAIRS = ("ro", "fr", "de", "ru")


@pytest.fixture(scope="module")
def compiled():
    from transaudit.config import Config
    from transaudit.linter import load

    return load(Config(default_glossary=False), [GLOSSARY], default=False, use_cache=False)


def _compare(compiled, source: str, target: str, lang: str):
    from transaudit.bilingual.compare import compare
    from transaudit.document import Document

    result = compare(Document.from_text(source, "source.txt"), Document.from_text(target, "target.txt"),
                     compiled, lang)
    for f in result.findings:
        assert target[f.start:f.end] == f.text
    return result


def _brief(findings) -> list[tuple]:
    return [(f.rule, f.text, f.suggestions) for f in findings]


# ---------------------------------------------------------------- alignment


def test_gale_church_prefers_one_to_one_and_finds_a_split():
    from transaudit.bilingual.align import gale_church

    moves = gale_church([40, 112, 35], [38, 55, 36, 36])
    assert [(n, m) for n, m, _ in moves] == [(1, 1), (1, 2), (1, 1)]


def test_gale_church_absorbs_an_omitted_sentence_into_a_neighbour():
    from transaudit.bilingual.align import gale_church

    # an empty side costs as much as a bad length match, so the omission joins a 2:1 bead
    moves = gale_church([60, 200, 58], [61, 57])
    assert [(n, m) for n, m, _ in moves] == [(2, 1), (1, 1)]
    assert moves[0][2] > moves[1][2]


def test_align_one_to_two_within_paragraph_anchors():
    from transaudit.bilingual.align import align

    src = ("Evgheni Prigojin a murit miercuri. Avionul s-a prăbușit în regiunea Tver, la nord de Moscova, iar "
           "toate cele zece persoane aflate la bord au murit.\n\nKremlinul a negat orice implicare.\n")
    tgt = ("Yevgeny Prigozhin died on Wednesday. The plane crashed in the Tver region, north of Moscow. All ten "
           "people on board were killed.\n\nThe Kremlin denied any involvement.\n")
    beads = align(src, tgt, "ro")
    assert [([src[a:b] for a, b in x.source], [tgt[a:b] for a, b in x.target]) for x in beads] == [
        (["Evgheni Prigojin a murit miercuri."], ["Yevgeny Prigozhin died on Wednesday."]),
        (["Avionul s-a prăbușit în regiunea Tver, la nord de Moscova, iar toate cele zece persoane aflate la "
          "bord au murit."],
         ["The plane crashed in the Tver region, north of Moscow.", "All ten people on board were killed."]),
        (["Kremlinul a negat orice implicare."], ["The Kremlin denied any involvement."]),
    ]


def test_align_when_the_translation_merged_two_paragraphs():
    from transaudit.bilingual.align import align

    src = ("Forțele ruse au lansat 40 de drone peste noapte.\n\n"
           "Apărarea aeriană a doborât 36 dintre ele, a anunțat armata.\n\n"
           "Un bloc de locuințe din Odesa a fost lovit.\n")
    tgt = ("Russian forces launched 40 drones overnight.\n\n"
           "Air defences shot down 36 of them, the army said. A residential block in Odesa was hit.\n")
    beads = align(src, tgt, "ro")
    assert [(src[x.source_span[0]:x.source_span[1]], tgt[x.target_span[0]:x.target_span[1]]) for x in beads] == [
        ("Forțele ruse au lansat 40 de drone peste noapte.", "Russian forces launched 40 drones overnight."),
        ("Apărarea aeriană a doborât 36 dintre ele, a anunțat armata.",
         "Air defences shot down 36 of them, the army said."),
        ("Un bloc de locuințe din Odesa a fost lovit.", "A residential block in Odesa was hit."),
    ]


def test_split_keeps_german_ordinals_and_abbreviations_inside_the_sentence():
    from transaudit.bilingual.align import split

    text = "Am 3. März 2024 kosteten die Systeme 1,2 Mrd. Euro. Der Kreml schwieg."
    assert [text[a:b] for a, b in split(text, "de")] == [
        "Am 3. März 2024 kosteten die Systeme 1,2 Mrd. Euro.", "Der Kreml schwieg."]
    english = "The death toll rose to 12. Officials said more were missing."
    assert [english[a:b] for a, b in split(english, "en")] == [
        "The death toll rose to 12.", "Officials said more were missing."]


# ---------------------------------------------------------------- numbers


@pytest.mark.parametrize("text, lang, other, expected", [
    ("1.000,5 tone", "ro", "en", [("1.000,5", Decimal("1000.5"))]),
    ("1,000.5 tonnes", "en", "ro", [("1,000.5", Decimal("1000.5"))]),
    ("1,5 milioane de lei", "ro", "en", [("1,5 milioane", Decimal("1500000"))]),
    ("1.5 million lei", "en", "ro", [("1.5 million", Decimal("1500000"))]),
    ("2 billions d'euros", "fr", "en", [("2 billions", Decimal("2E12"))]),     # French billion = 10^12
    ("$2 billion", "en", "fr", [("2 billion", Decimal("2E9"))]),
    ("1 200 000 euros", "fr", "en", [("1 200 000", Decimal("1200000"))]),
    ("3,5 млрд рублей", "ru", "en", [("3,5 млрд", Decimal("3.5E9"))]),
    ("12,5 % du budget", "fr", "en", [("12,5 %", Decimal("12.5"))]),
    ("$5m and 100m sprint", "en", "ro", [("5m", Decimal("5E6")), ("100", Decimal("100"))]),
    ("the S-300 and the 2S19", "en", "ru", [("300", Decimal("300")), ("2", Decimal("2"))]),
])
def test_numbers_are_read_with_the_conventions_of_their_language(text, lang, other, expected):
    from transaudit.bilingual.quantities import quantities

    found = quantities(text, lang, other)
    assert [(q.text, q.value) for q in found] == expected
    assert all(text[q.start:q.end] == q.text for q in found)


def test_a_number_malformed_in_english_is_read_the_source_way_and_marked():
    from transaudit.bilingual.quantities import quantities

    [q] = quantities("a rise of 2,5 percent", "en", "ro")
    assert (q.text, q.value, q.localized) == ("2,5", Decimal("2.5"), "ro")
    [q] = quantities("1.000 tanks", "en", "ro")          # valid English: one, not a thousand
    assert (q.value, q.localized) == (Decimal("1"), None)


def test_dates_give_day_month_and_year_and_month_names_count_only_next_to_numbers():
    from transaudit.bilingual.quantities import quantities

    def keys(text, lang):
        return sorted(k for q in quantities(text, lang, "en") for k in q.keys)

    assert keys("pe 24.02.2022", "ro") == keys("on February 24, 2022", "en") == keys("am 24. Februar 2022", "de") \
        == keys("24 февраля 2022 года", "ru") == [("month", 2), ("n", 24), ("n", 2022)]
    assert keys("Mai mult de cinci oameni au venit în mai 2021.", "ro") == [("month", 5), ("n", 2021)]
    assert keys("In May, officials said they may return.", "en") == []
    assert keys("la ora 14:30", "ro") == keys("at 2:30 p.m.", "en") == keys("à 14h30", "fr") == [("time", 150)]


def _number_findings(source: str, target: str, lang: str):
    from transaudit.bilingual.number_mismatch import Side, detect

    findings = detect(Side(source, (0, len(source)), lang), Side(target, (0, len(target)), "en"))
    for f in findings:
        assert target[f.start:f.end] == f.text
    return findings


@pytest.mark.parametrize("source, target, lang, expected", [
    ("Au fost uciși 1.200 de civili.", "Some 1.2 civilians were killed.", "ro",
     [("1.2", ("1,200",), "The source has '1.200' (1,200) where the translation has '1.2'")]),
    ("Armata a primit 1,5 miliarde de euro.", "The army received 1.5 million euros.", "ro",
     [("1.5 million", ("1.5 billion",),
       "The source has '1,5 miliarde' (1.5 billion) where the translation has '1.5 million'")]),
    ("Bugetul a crescut cu 2,5% în 2023.", "The budget grew by 2,5% in 2023.", "ro",
     [("2,5%", ("2.5%",), "'2,5%' is written the Romanian way; English writes 2.5%")]),
    ("Pe 24 februarie 2022, trei rachete au lovit orașul.", "On 24 March 2022, 3 missiles hit the city.", "ro",
     [("March", ("February",), "The source has 'februarie' (February) where the translation has 'March'")]),
    ("Sitzung um 14 Uhr.", "The meeting was at 4 p.m.", "de",
     [("4 p.m.", ("2 p.m.",), "The source has '14 Uhr' (14:00) where the translation has '4 p.m.'")]),
    ("Întâlnirea a durat 3 ore.", "The meeting lasted hours.", "ro",
     [("The meeting lasted hours.", (), "'3' in the source is missing from the translation")]),
])
def test_number_mismatches(source, target, lang, expected):
    findings = _number_findings(source, target, lang)
    assert [(f.text, f.suggestions, f.message) for f in findings] == expected
    assert {(f.rule, f.category) for f in findings} == {("number-mismatch", "accuracy/mistranslation")}


@pytest.mark.parametrize("source, target, lang", [
    ("Au fost uciși 1.200 de civili, iar 1,5 milioane de oameni au fugit.",
     "Some 1,200 civilians were killed and 1.5 million people fled.", "ro"),
    ("Pe 24.02.2022, trei rachete au lovit orașul.", "On February 24, 2022, 3 missiles hit the city.", "ro"),
    ("Trei rachete au lovit orașul la ora 14:30.", "Three missiles hit the city at 2:30 p.m.", "ro"),
    ("Les dégâts sont estimés à 1 200 000 euros, soit 12,5 % du budget.",
     "The damage is estimated at €1.2 million, or 12.5 percent of the budget.", "fr"),
    ("Die S-400 und 18 Iskander-Systeme kosteten 3,5 Mrd. Euro.",
     "The S-400 and 18 Iskander systems cost €3.5bn.", "de"),
    ("Атака 03.04.2022 унесла жизни 10 человек.", "The attack on 3/4/2022 killed ten people.", "ru"),
])
def test_equal_numbers_in_other_notations_are_not_flagged(source, target, lang):
    assert _number_findings(source, target, lang) == []


# ---------------------------------------------------------------- terms


def test_source_forms_include_native_forms_and_derived_romanizations(compiled):
    from transaudit.bilingual.term_mismatch import source_forms

    ro = {f.form for f in source_forms(compiled, "ro") if f.entry == "prigozhin"}
    de = {f.form for f in source_forms(compiled, "de") if f.entry == "peskov"}
    ru = {f.form for f in source_forms(compiled, "ru") if f.entry == "prigozhin"}
    assert {"Evgheni Prigojin", "Prigojin", "Yevgeny Prigozhin", "Prigozhin"} <= ro
    assert "Prigoschin" not in ro and "Евгений Пригожин" not in ro
    assert {"Dmitri Peskow", "Peskow"} <= de
    assert {"Евгений Пригожин", "Пригожин"} <= ru


@pytest.mark.parametrize("lang, text, found", [
    ("ro", "Moartea lui Prigojin a fost confirmată. Averea lui Prigojinului", ["Prigojin", "Prigojinului"]),
    ("ru", "Смерть Пригожина подтвердили.", ["Пригожина"]),
    ("uk", "Заява Зеленського прозвучала, Київ мовчить.", ["Зеленського", "Київ"]),
    ("fr", "Les frappes sur l'Ukraine et sur Kiev.", ["Kiev"]),
    ("de", "Das Tor des Stadions und die Euro-Zone.", []),
])
def test_source_forms_match_inflected_words_only(compiled, lang, text, found):
    from transaudit.bilingual.term_mismatch import SourceIndex

    hits = SourceIndex(compiled, lang).find(text)
    assert [h.text for h in hits] == found
    assert all(text[h.start:h.end] == h.text for h in hits)


def test_names_keep_their_capital_and_acronyms_take_no_ending(tmp_path):
    from transaudit.bilingual.term_mismatch import SourceIndex
    from transaudit.config import Config
    from transaudit.linter import load

    path = tmp_path / "g.yaml"
    path.write_text("version: 1\nentries:\n"
                    "  - {id: buk, canonical: Buk, kind: weapon, native: {ru: Бук-М2}}\n"
                    "  - {id: eu, canonical: European Union, kind: organization, aliases: [EU]}\n",
                    encoding="utf-8")
    index = SourceIndex(load(Config(default_glossary=False), [path], default=False, use_cache=False), "ru")
    text = "Комплекс Бук-М2 стоял у леса, где растёт бук-м2 и ЕС, а EU и EUR и Eu."
    assert [h.text for h in index.find(text)] == ["Бук-М2", "EU"]


def test_term_mismatch_on_the_wrong_form_or_the_whole_sentence(compiled):
    source = "Evgheni Prigojin a murit. Sistemele Panțir au fost mutate la Kiev."
    target = "Evgeny Prigogine died. The Panzir systems were moved to Kyiv."
    result = _compare(compiled, source, target, "ro")
    assert [(f.rule, f.text, f.suggestions, f.entry, f.severity.value) for f in result.findings] == [
        ("term-mismatch", "Evgeny Prigogine died.", ("Yevgeny Prigozhin",), "prigozhin", "warning"),
        ("term-mismatch", "Panzir", ("Pantsir",), "pantsir", "error"),
    ]
    assert result.findings[0].message == "The source has 'Evgheni Prigojin' but the translation does not use " \
                                         "Yevgeny Prigozhin"
    assert result.findings[1].message == "'Panzir' renders 'Panțir' of the source; the glossary term is Pantsir"


def test_an_alias_or_short_form_satisfies_the_source_term(compiled):
    source = "Trupele Wagner s-au retras. Prigojin a plecat la Minsk."
    target = "The Wagner troops withdrew. Prigozhin left for Minsk."
    assert _compare(compiled, source, target, "ro").findings == ()


# ---------------------------------------------------------------- untranslated


@pytest.mark.parametrize("source, target, lang, message", [
    ("Kremlinul a negat orice implicare.", "Kremlinul a negat orice implicare.", "ro",
     "The translation repeats the source sentence unchanged"),
    ("Der Kreml wollte sich dazu nicht äußern.", "Der Kreml wollte sich  dazu nicht äußern.", "de",
     "The translation repeats the source sentence unchanged"),
    ("Владимир Путин назвал мятеж «ударом в спину».", "Vladimir Putin назвал мятеж «ударом в спину».", "ru",
     "Sentence appears to be Russian (the source language), not English"),
])
def test_untranslated(source, target, lang, message):
    from transaudit.bilingual.untranslated import detect

    f = detect(source, target, 10, lang)
    assert (f.rule, f.category, f.start, f.end, f.message) == (
        "untranslated", "accuracy/untranslated", 10, 10 + len(target), message)


@pytest.mark.parametrize("source, target, lang", [
    ("Vladimir Putin, Emmanuel Macron", "Vladimir Putin, Emmanuel Macron", "ro"),   # a caption of names
    ("Kremlinul a negat orice implicare.", "The Kremlin denied any involvement.", "ro"),
    ("Sans commentaire.", "Sans commentaire.", "fr"),                                  # under three words
])
def test_not_untranslated(source, target, lang):
    from transaudit.bilingual.untranslated import detect

    assert detect(source, target, 0, lang) is None


# ---------------------------------------------------------------- compare on the fixture pairs


EXPECTED = {
    "ro": [("term-mismatch", 1, "Prigojin", ["Prigozhin"], "error"),
           ("number-mismatch", 3, "12", ["10"], "warning"),
           ("untranslated", 5, "Kremlinul a negat orice implicare.", [], "error"),
           ("term-mismatch", 7, "According to Russian media, his fortune was estimated at $1.5 billion.",
            ["Prigozhin"], "warning")],
    "fr": [("number-mismatch", 1, "42", ["24"], "warning"),
           ("untranslated", 5, '"Chaque drone abattu, ce sont des vies sauvées", a-t-il déclaré.', [], "error"),
           ("term-mismatch", 7, "Kiev", ["Kyiv"], "error"),
           ("number-mismatch", 7, "2,5 million", ["2.5 million"], "warning")],
    "de": [("number-mismatch", 3, "13", ["3"], "warning"),
           ("number-mismatch", 3, "1.2 million", ["1.2 billion"], "warning"),
           ("untranslated", 5, "Der Kreml wollte sich dazu nicht äußern.", [], "error"),
           ("term-mismatch", 5, "Dmitri Peskow", ["Dmitry Peskov"], "error")],
    "ru": [("term-mismatch", 3, "He was killed in a plane crash in the Tver region on August 23, 2022.",
            ["Yevgeny Prigozhin"], "warning"),
           ("number-mismatch", 3, "2022", ["2023"], "warning"),
           ("untranslated", 5, "Vladimir Putin назвал мятеж «ударом в спину».", [], "error")],
}


@pytest.mark.parametrize("lang", PAIRS)
def test_compare_finds_each_known_mistake(run_cli, lang):
    translation = BILINGUAL / f"{lang}.faulty.en.md"
    result = run_cli("compare", BILINGUAL / f"{lang}.md", translation, "--source-lang", lang,
                     *desk_args(GLOSSARY), "--format", "json")
    doc = result.json
    text = translation.read_text(encoding="utf-8")
    [item] = doc["files"]
    assert item["path"] == str(translation)
    found = [(f["rule"], f["line"], f["text"], f["suggestions"], f["severity"]) for f in item["findings"]]
    assert found == EXPECTED[lang]
    assert all(text[f["start"]:f["end"]] == f["text"] for f in item["findings"])
    assert doc["source"] == {"path": str(BILINGUAL / f"{lang}.md"), "language": lang}
    assert all(a["sentences"] == [1, 1] for a in doc["alignment"])
    assert result.code == 1


@pytest.mark.parametrize("lang", PAIRS)
def test_clean_translations_have_no_findings(compiled, lang):
    source = (BILINGUAL / f"{lang}.md").read_text(encoding="utf-8")
    target = (BILINGUAL / f"{lang}.clean.en.md").read_text(encoding="utf-8")
    result = _compare(compiled, source, target, lang)
    assert _brief(result.findings) == []
    assert all(len(b.source) == len(b.target) == 1 for b in result.beads)


def test_compare_text_output_and_language_identification(run_cli):
    result = run_cli("compare", BILINGUAL / "fr.md", BILINGUAL / "fr.faulty.en.md", *desk_args(GLOSSARY))
    path = BILINGUAL / "fr.faulty.en.md"
    assert result.stdout.splitlines() == [
        f"{path}:1:29: warning [number-mismatch] The source has '24' where the translation has '42' (24)",
        f"{path}:5:50: error [untranslated] Sentence appears to be French (the source language), not English",
        f"{path}:7:15: error [term-mismatch] 'Kiev' is copied from the source; the glossary term is Kyiv (Kyiv)",
        f"{path}:7:37: warning [number-mismatch] '2,5 million' is written the French way; English writes "
        f"2.5 million (2.5 million)",
        "4 findings in 1 file",
    ]
    assert result.code == 1


def test_compare_alignment_array(run_cli):
    source = BILINGUAL / "de.md"
    result = run_cli("compare", source, BILINGUAL / "de.clean.en.md", "--source-lang", "de",
                     *desk_args(GLOSSARY), "--format", "json")
    doc = result.json
    assert result.code == 0 and doc["files"][0]["findings"] == []
    first, second = doc["alignment"][:2]
    assert first["source"] == {"start": 2, "end": 48, "line": 1, "column": 3,
                               "text": "Russland verlegt Iskander-Raketen nach Belarus"}
    assert first["translation"]["text"] == "Russia moves Iskander missiles to Belarus"
    assert second["source"]["text"].startswith("Russland hat nach Angaben") and \
        second["source"]["text"].endswith("nach Belarus verlegt.")
    assert second["translation"]["text"].startswith("Russia moved at least 18 Iskander systems")
    src = source.read_text(encoding="utf-8")
    assert all(src[a["source"]["start"]:a["source"]["end"]] == a["source"]["text"] for a in doc["alignment"])


def test_compare_config_can_switch_a_rule_off(compiled):
    from transaudit.bilingual.compare import compare
    from transaudit.config import Config
    from transaudit.document import Document

    source = Document.from_text((BILINGUAL / "ro.md").read_text(encoding="utf-8"), "ro.md")
    target = Document.from_text((BILINGUAL / "ro.faulty.en.md").read_text(encoding="utf-8"), "en.md")
    config = Config(default_glossary=False, rules={"number-mismatch": {"severity": "off"},
                                                    "untranslated": {"severity": "info"}})
    result = compare(source, target, compiled, "ro", config)
    assert [(f.rule, f.severity.value) for f in result.findings] == [
        ("term-mismatch", "error"), ("untranslated", "info"), ("term-mismatch", "warning")]


def test_compare_errors_exit_2(run_cli, tmp_path):
    missing = tmp_path / "missing.md"
    result = run_cli("compare", missing, BILINGUAL / "ro.clean.en.md", "--source-lang", "ro",
                     *desk_args(GLOSSARY), "--format", "json")
    assert result.code == 2
    assert result.json["error"] == f"{missing}: no such file"
    bad = tmp_path / "bad.yaml"
    bad.write_text("version: 1\nentries:\n  - kind: person\n", encoding="utf-8")
    result = run_cli("compare", BILINGUAL / "ro.md", BILINGUAL / "ro.clean.en.md", *desk_args(bad))
    assert result.code == 2
    assert result.stderr_lines == [f"transaudit: {bad}:3: entry: missing required key 'canonical'"]


# ---------------------------------------------------------------- score


def test_score_equals_sacrebleu_on_the_aligned_segments(run_cli):
    from sacrebleu.metrics import BLEU, CHRF, TER

    ref, hyp = BILINGUAL / "roundtrip.ref.en.md", BILINGUAL / "roundtrip.hyp.en.md"
    result = run_cli("score", "--ref", ref, "--hyp", hyp, "--format", "json", "--worst", "1")
    assert result.code == 0
    doc = json.loads(result.stdout)
    segments = doc["segments"]
    refs = [s["reference"]["text"] for s in segments]
    hyps = [s["hypothesis"]["text"] for s in segments]
    assert refs[1] == ("Russia has moved at least four Pantsir air-defence systems to the Crimean peninsula, "
                       "satellite images published on Tuesday show.")
    assert hyps[1] == ("Russia moved at least four Pantsir anti-aircraft systems to the Crimean peninsula, "
                       "show satellite images published Tuesday.")
    assert len(segments) == 5
    assert doc["scores"] == {"bleu": BLEU().corpus_score(hyps, [refs]).score,
                             "chrf": CHRF().corpus_score(hyps, [refs]).score,
                             "ter": TER().corpus_score(hyps, [refs]).score}
    for s, r, h in zip(segments, refs, hyps):
        assert s["bleu"] == BLEU(effective_order=True).sentence_score(h, [r]).score
        assert s["chrf"] == CHRF().sentence_score(h, [r]).score
        assert s["ter"] == TER().sentence_score(h, [r]).score
    assert doc["lowest_chrf"] == [3]
    assert hyps[3].startswith("The complex was intended")
    assert doc["signatures"]["bleu"].startswith("nrefs:1|case:mixed|eff:no|tok:13a|smooth:exp|version:")


def test_score_counts_an_omitted_sentence(tmp_path):
    from sacrebleu.metrics import CHRF

    from transaudit.bilingual.scores import score
    from transaudit.document import Document

    ref = ("Russia moved four Pantsir systems to Crimea. The systems were seen near Saky. "
           "The Kremlin did not comment.\n")
    hyp = "Russia moved four Pantsir systems to Crimea. The Kremlin did not comment.\n"
    report = score(Document.from_text(ref, "ref.txt"), Document.from_text(hyp, "hyp.txt"))
    assert [(s.reference, s.hypothesis) for s in report.segments] == [
        ("Russia moved four Pantsir systems to Crimea. The systems were seen near Saky.",
         "Russia moved four Pantsir systems to Crimea."),
        ("The Kremlin did not comment.", "The Kremlin did not comment."),
    ]
    assert report.chrf == CHRF().corpus_score([s.hypothesis for s in report.segments],
                                              [[s.reference for s in report.segments]]).score < 100
    assert [s.chrf for s in report.segments][1] == 100.0
    assert report.lowest(1) == [0]


def test_score_text_output(run_cli):
    ref, hyp = BILINGUAL / "roundtrip.ref.en.md", BILINGUAL / "roundtrip.hyp.en.md"
    lines = run_cli("score", "--ref", ref, "--hyp", hyp, "--worst", "1").stdout.splitlines()
    assert lines[0] == f"{hyp} against {ref}: 5 aligned segments"
    assert lines[1].startswith("BLEU ") and " chrF " in lines[1] and " TER " in lines[1]
    assert lines[2] == "lowest chrF:"
    assert lines[3].startswith(f"  {hyp}:5:1: chrF ")
    assert lines[4] == ("    hyp: The complex was intended, according to military analysts, for the defence of "
                        "the bridge over Kerch.")
    assert lines[5] == "    ref: Military analysts said the move was meant to protect the Kerch bridge."


# ---------------------------------------------------------------- glossary export


@pytest.mark.parametrize("fmt", ["csv", "tbx"])
def test_glossary_export_round_trips(run_cli, tmp_path, fmt):
    from dataclasses import replace

    from transaudit.glossary import load_file

    out = tmp_path / f"exported.{fmt}"
    result = run_cli("glossary", "export", "--format", fmt, *desk_args(GLOSSARY), "--output", out)
    assert result.code == 0, result.stderr
    assert result.stderr == f"transaudit: wrote 8 entries to {out}\n"
    original, _ = load_file(GLOSSARY)
    back, _ = load_file(out)
    assert [replace(e, origin="", line=0) for e in back] == [replace(e, origin="", line=0) for e in original]


def test_glossary_export_to_stdout_and_a_bad_form(run_cli, tmp_path):
    result = run_cli("glossary", "export", *desk_args(GLOSSARY))
    assert result.stdout.splitlines()[:2] == [
        "id,canonical,kind,aliases,variants,native,note,source",
        "prigozhin,Yevgeny Prigozhin,person,,,ru:Евгений Пригожин,,",
    ]
    bad = tmp_path / "bad.yaml"
    bad.write_text("version: 1\nentries:\n  - canonical: Tor\n    aliases: ['Tor|M2']\n", encoding="utf-8")
    result = run_cli("glossary", "export", *desk_args(bad))
    assert result.code == 2
    assert result.stderr_lines == [f"transaudit: {bad}:3: entry 'tor': alias 'Tor|M2' contains '|', which "
                                   "CSV glossaries use between forms"]


def test_fixture_pairs_are_complete():
    names = sorted(p.name for p in Path(BILINGUAL).iterdir())
    for lang in PAIRS:
        assert {f"{lang}.md", f"{lang}.clean.en.md", f"{lang}.faulty.en.md"} <= set(names)


def test_glossary_export_includes_the_configured_glossaries(run_cli, tmp_path):
    (tmp_path / ".transaudit.toml").write_text(f'no-default-glossary = true\nglossaries = ["{GLOSSARY}"]\n',
                                               encoding="utf-8")
    result = run_cli("glossary", "export", cwd=tmp_path)
    assert result.code == 0, result.stderr
    assert [line.split(",")[0] for line in result.stdout.splitlines()] == [
        "id", "prigozhin", "peskov", "putin", "zelensky", "kyiv", "pantsir", "iskander", "wagner-group"]
