"""normalize.fold(): the matching key and its index map back to the original text."""
from __future__ import annotations

import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from transaudit.normalize import fold, fold_char, key


def spans(text: str) -> list[tuple[str, str]]:
    """(key character, original text it came from) for every key character."""
    f = fold(text)
    return [(f.keep[j], text[f.start[j]:f.end[j]]) for j in range(len(f.keep))]


def words(text: str) -> list[tuple[str, str]]:
    """(key word, original span) for each word of the key."""
    f = fold(text)
    out, j = [], 1
    for w in f.low.strip().split(" "):
        s, e = f.span(j, j + len(w))
        out.append((w, text[s:e]))
        j += len(w) + 1
    return out


def test_fold_keys_and_padding():
    f = fold("The Pantîr’s  missile complexPhoto.")
    assert f.low == " the pantir's missile complex photo "
    assert f.keep == " The Pantir's missile complex Photo "
    assert len(f.start) == len(f.end) == len(f.low)


def test_index_map_of_diacritics_marks_and_sharp_s():
    text = "Straße Pante\u0301r Łódź"
    assert words(text) == [("strasse", "Straße"), ("panter", "Pante\u0301r"), ("lodz", "Łódź")]
    assert spans("ße\u0301")[1:4] == [("s", "ß"), ("s", "ß"), ("e", "e\u0301")]


def test_camel_case_boundary_splits_words():
    assert words("missile complexPhoto: TASS") == [
        ("missile", "missile"), ("complex", "complex"), ("photo", "Photo"), ("tass", "TASS")]
    # non-ASCII words split too; all-caps words and single capitals do not
    assert words("PantîrPhoto NATO iPhone") == [
        ("pantir", "Pantîr"), ("photo", "Photo"), ("nato", "NATO"), ("i", "i"), ("phone", "Phone")]


def test_apostrophes_fold_to_one_and_stay_in_the_word():
    assert words("Prigojin’s Assad's Kyiv`s O‘zbekiston") == [
        ("prigojin's", "Prigojin’s"), ("assad's", "Assad's"), ("kyiv's", "Kyiv`s"),
        ("o'zbekiston", "O‘zbekiston")]


def test_quotation_marks_are_not_part_of_words():
    assert words("the ‘Pantyr’ and 'Tor' systems") == [
        ("the", "the"), ("pantyr", "Pantyr"), ("and", "and"), ("tor", "Tor"), ("systems", "systems")]
    # a plural possessive keeps its apostrophe
    assert words("the services’ budget") == [("the", "the"), ("services'", "services’"), ("budget", "budget")]


def test_punctuation_and_space_runs_become_one_space():
    assert fold("al-Assad — Kyiv,\r\n  Odesa").low == " al assad kyiv odesa "


@pytest.mark.parametrize("form, expected", [
    ("Pantîr", "pantir"),
    ("  Missile   Complex ", "missile complex"),
    ("Bashar al-Assad", "bashar al assad"),
    ("Prigojin’s", "prigojin's"),
    ("complexPhoto", "complex photo"),
    ("Zaporizhzhia", "zaporizhzhia"),
    ("Straße", "strasse"),
    ("Panti\u0302r", "pantir"),
    ("SA-22 Greyhound", "sa 22 greyhound"),
    ("", ""),
])
def test_key(form, expected):
    assert key(form) == expected


def test_key_is_the_same_for_composed_and_decomposed_forms():
    assert key(unicodedata.normalize("NFC", "Pantîr")) == key(unicodedata.normalize("NFD", "Pantîr")) == "pantir"


def test_fold_char():
    assert [fold_char(c) for c in "îŁß\u0301’\u200d"] == ["i", "L", "ss", "", "'", ""]


ALPHABET = "abcPQZ ßŁøîéÅ\u0301\u0308’'-—.,\r\n😀Жж1İ"


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=ALPHABET, max_size=40))
def test_index_map_points_back_to_the_original(text):
    f = fold(text)
    assert f.low[0] == f.low[-1] == " " and len(f.low) == len(f.keep) == len(f.start) == len(f.end)
    assert list(f.start) == sorted(f.start) and list(f.end) == sorted(f.end)
    for j, c in enumerate(f.keep):
        s, e = f.start[j], f.end[j]
        assert 0 <= s <= e <= len(text)
        if c == " ":
            continue
        # a key character comes from the first character of its span; the rest are marks
        assert c in fold_char(text[s]) or c == "'", (text, j)
        assert all(fold_char(x) == "" for x in text[s + 1:e]), (text, j)
    # every word character of the text is covered by some key character
    covered = {i for j in range(len(f.keep)) if f.keep[j] != " " for i in range(f.start[j], f.end[j])}
    for i, ch in enumerate(text):
        if ch.isalnum() and fold_char(ch):
            assert i in covered, (text, i)


NEWS = ("Iran’s drones hit Kyiv’s power grid on Tuesday, officials said. Yevgeny Prigozhin's men "
        "and the ‘Pantîr’ battery near Zaporizhzhia; the iPhone-sized SA-22 Greyhound, 2024 figures, "
        "Straße Pante\u0301r and Łódź. ") * 40


def test_fold_in_small_chunks_is_the_same_fold(monkeypatch):
    from transaudit import normalize

    whole = fold(NEWS)
    monkeypatch.setattr(normalize, "_CHUNK", 7)  # cut between words every few characters
    cut = fold(NEWS)
    assert (cut.low, cut.keep) == (whole.low, whole.keep)
    assert list(cut.start) == list(whole.start) and list(cut.end) == list(whole.end)
    assert words(NEWS)[:6] == [("iran's", "Iran’s"), ("drones", "drones"), ("hit", "hit"),
                               ("kyiv's", "Kyiv’s"), ("power", "power"), ("grid", "grid")]


def test_index_map_of_plain_words_around_folded_ones():
    text = "said Pante\u0301r’s  men, 2024 NATO_x McDonald and  ‘Tor’ ok"
    assert words(text) == [("said", "said"), ("panter's", "Pante\u0301r’s"), ("men", "men"), ("2024", "2024"),
                           ("nato_x", "NATO_x"), ("mc", "Mc"), ("donald", "Donald"), ("and", "and"),
                           ("tor", "Tor"), ("ok", "ok")]
    f = fold(text)
    # the space before a word is the empty span where the word starts; the padding spans nothing
    assert [f.span(j, j + 1) for j in (0, 5, len(f.low) - 1)] == [(0, 0), (5, 5), (len(text), len(text))]
    assert f.start[-1] == f.end[-1] == len(text) and f.start[1:3] == [0, 1]
    with pytest.raises(IndexError):
        f.start[len(f.low)]


def test_case_key_is_the_kept_fold_without_padding():
    from transaudit.normalize import case_key

    for form in ("Pantîr’s", "complexPhoto", "al-Assad", "Straße", "  SA-22 Greyhound ", ""):
        assert case_key(form) == fold(form).keep.strip()
    assert case_key("Pantîr’s") == "Pantir's" and case_key("complexPhoto") == "complex Photo"
