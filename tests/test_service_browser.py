"""The check page (`GET /`) in headless Chromium, driven by Selenium: an editor pastes a text,
presses Check, sees the findings highlighted, and applies a suggestion.

Needs Debian's `chromium` and `chromium-driver` and the selenium package; skipped when one is missing.
"""
from __future__ import annotations

import shutil
import urllib.parse

import pytest

from test_service import NEWS, serve

webdriver = pytest.importorskip("selenium.webdriver")
from selenium.webdriver.common.by import By  # noqa: E402
from selenium.webdriver.support.ui import WebDriverWait  # noqa: E402

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
CHROMEDRIVER = shutil.which("chromedriver")
pytestmark = pytest.mark.skipif(not (CHROMIUM and CHROMEDRIVER), reason="needs chromium and chromium-driver")

FLAGS = ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-quic",
         "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
         "--disable-extensions", "--window-size=1200,900")


@pytest.fixture(scope="module")
def page_server(tmp_path_factory):
    with serve(tmp_path_factory.mktemp("page")) as s:
        yield s


@pytest.fixture(scope="module")
def browser(tmp_path_factory):
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in FLAGS:
        options.add_argument(flag)
    options.add_argument(f"--user-data-dir={tmp_path_factory.mktemp('chromium-profile')}")
    driver = webdriver.Chrome(options=options, service=Service(executable_path=CHROMEDRIVER))
    driver.set_page_load_timeout(30)
    yield driver
    driver.quit()


def marks(driver, expected_count: int | None = None):
    """The highlighted spans once a check has finished: [(text, classes, title)]."""
    wait = WebDriverWait(driver, 20)
    wait.until(lambda d: d.find_element(By.ID, "status").get_attribute("class") in ("done", "error"))
    if expected_count is not None:
        wait.until(lambda d: len(d.find_elements(By.CSS_SELECTOR, "#result mark.finding")) == expected_count)
    return [(m.text, m.get_attribute("class"), m.get_attribute("title"))
            for m in driver.find_elements(By.CSS_SELECTOR, "#result mark.finding")]


def test_pasted_text_is_highlighted_and_a_suggestion_applies(browser, page_server):
    browser.get(page_server.url)
    area = browser.find_element(By.ID, "text")
    # a paste: ChromeDriver cannot type characters outside the BMP, such as the emoji in NEWS
    browser.execute_script("arguments[0].value = arguments[1];", area, NEWS)
    browser.find_element(By.ID, "check").click()
    found = marks(browser, 3)
    assert [(text, classes) for text, classes, _ in found] == [
        ("Pantyr", "finding error"), ("missile complex", "finding error"), ("Kiev", "finding error")]
    assert found[0][2] == "'Pantyr' is a known wrong form of Pantsir \u2192 Pantsir"
    assert found[2][2].endswith("\u2192 Kyiv")
    # highlighting leaves the text as it was: the UTF-16 offsets line up with the emoji before "Kiev"
    assert browser.find_element(By.ID, "result").text == NEWS
    assert browser.find_element(By.ID, "status").text == "3 findings (glossary: 11 entries)"
    items = browser.find_elements(By.CSS_SELECTOR, "#findings li")
    assert len(items) == 3 and "listed-variant" in items[2].text
    assert f"line 1, column {NEWS.index('Kiev') + 1}" in items[2].text  # columns count code points

    items[2].find_element(By.CSS_SELECTOR, "button.suggestion").click()
    WebDriverWait(browser, 20).until(lambda d: "Kyiv" in d.find_element(By.ID, "text").get_attribute("value"))
    assert area.get_attribute("value") == NEWS.replace("Kiev", "Kyiv")
    found = marks(browser, 2)
    assert [text for text, _, _ in found] == ["Pantyr", "missile complex"]


def test_typed_text_and_a_clean_text(browser, page_server):
    browser.get(page_server.url)
    area = browser.find_element(By.ID, "text")
    area.send_keys("Wagner could send Pantyr systems to Hezbollah.")
    browser.find_element(By.ID, "check").click()
    assert [text for text, _, _ in marks(browser, 1)] == ["Pantyr"]
    area.clear()
    area.send_keys("The Pantsir system protects Kyiv.")
    browser.find_element(By.ID, "check").click()
    WebDriverWait(browser, 20).until(lambda d: d.find_element(By.ID, "status").text == "No findings.")
    assert browser.find_elements(By.CSS_SELECTOR, "#result mark") == []


def test_text_in_the_fragment_is_checked_on_load(browser, page_server):
    text = "Run `Pantyr --check` before the Pantyr story goes out."
    fragment = urllib.parse.urlencode({"text": text, "format": "markdown"}, quote_via=urllib.parse.quote)
    browser.get("about:blank")
    browser.get(page_server.url + "#" + fragment)
    found = marks(browser, 1)
    assert [text for text, _, _ in found] == ["Pantyr"]  # the code span is not checked
    result = browser.find_element(By.ID, "result")
    assert result.text == text
    # the highlighted one is the second "Pantyr": what precedes the mark is the text up to it
    before = browser.execute_script(
        "const m = document.querySelector('#result mark'); const r = document.createRange();"
        "r.setStart(m.parentNode, 0); r.setEndBefore(m); return r.toString();")
    assert before == text[:text.rindex("Pantyr")]
    # a new fragment on the open page is checked too
    fragment = urllib.parse.urlencode({"text": "Troops left Kiev."}, quote_via=urllib.parse.quote)
    browser.get(page_server.url + "#" + fragment)
    WebDriverWait(browser, 20).until(lambda d: d.find_element(By.ID, "result").text == "Troops left Kiev.")
    assert [text for text, _, _ in marks(browser, 1)] == ["Kiev"]
    assert browser.find_element(By.ID, "format").get_attribute("value") == "text"
