"""The cached English frequency table gives exactly wordfreq's answers, without importing wordfreq."""
from __future__ import annotations

import os
import subprocess
import sys
import unicodedata

import pytest
from wordfreq import get_frequency_dict, top_n_list, zipf_frequency

from conftest import SRC
from transaudit import language

WORDS = list(get_frequency_dict("en"))
NON_ASCII = [w for w in WORDS if not w.isascii()]
ODD = ["Prigojin", "Kremlin", "KREMLIN", "naïve", "NAÏVE", "São", "Gdańsk", "Łódź", "Erdoğan", "ERDOĞAN",
       "Nicușor", "Nicuşor", "İstanbul", "straße", "STRASSE", "Ελλάδα", "ΣΊΣΥΦΟΣ", "Москва", "ﬁnance", "Æther",
       "ǅemal", "cafe\u0301", "CAFÉ", "Zelensky's", "al-Assad", "北京", "x", "I", "covid19", ""]


@pytest.fixture(autouse=True)
def private_cache(tmp_path, monkeypatch):
    monkeypatch.setenv("TRANSAUDIT_CACHE_DIR", str(tmp_path))
    language._english.cache_clear()
    language.english_zipf.cache_clear()
    yield
    language._english.cache_clear()
    language.english_zipf.cache_clear()


def test_table_equals_wordfreq_for_every_kind_of_word():
    words = WORDS[::37] + NON_ASCII + ODD
    words += [w.capitalize() for w in words[:3000]] + [w.upper() for w in words[:3000]]
    words += [unicodedata.normalize("NFD", w) for w in NON_ASCII]
    wrong = [(w, language.english_zipf(w), zipf_frequency(w, "en")) for w in words
             if language.english_zipf(w) != zipf_frequency(w, "en")]
    assert wrong == []
    assert language.stop_words() == frozenset(top_n_list("en", 200))
    assert language.english_zipf("Prigojin") == 0.0 and language.english_zipf("Kremlin") > 3


def test_a_warm_table_does_not_import_wordfreq_and_a_corrupt_one_is_rebuilt(tmp_path):
    code = ("import sys; from transaudit.language import english_zipf, stop_words; "
            "print(english_zipf('Kremlin'), english_zipf('Gdańsk'), 'the' in stop_words(), 'wordfreq' in sys.modules)")
    env = {**os.environ, "PYTHONPATH": str(SRC), "TRANSAUDIT_CACHE_DIR": str(tmp_path)}

    def run() -> str:
        return subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True,
                              check=True).stdout.split()

    expected = [str(zipf_frequency("Kremlin", "en")), str(zipf_frequency("Gdańsk", "en")), "True"]
    assert run() == expected + ["True"]       # cold: built from wordfreq, and written
    [table] = tmp_path.glob("english-zipf-*.marshal")
    assert run() == expected + ["False"]      # warm: wordfreq is never imported
    table.write_bytes(b"\x00garbage")
    assert run() == expected + ["True"]       # corrupt: rebuilt
    assert run() == expected + ["False"]
