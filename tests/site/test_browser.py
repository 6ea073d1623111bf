"""The library page in a real browser: Debian's Chromium, driven by Playwright (no browser download), opened from
``file://`` as a clinician opens it from a shared folder. One browser for the module; a fresh page per test."""

from __future__ import annotations

import datetime as dt
import os
import urllib.parse
import urllib.request
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from library_project import make_library_project
from playwright.sync_api import sync_playwright

from patient_leaflets.config import load_config
from patient_leaflets.site import build_site

CHROMIUM = os.environ.get("LEAFLETS_CHROMIUM", "/usr/bin/chromium")
"""Debian's package, installed by .ci/setup."""


@pytest.fixture(scope="module")
def output(tmp_path_factory) -> Path:
    project = make_library_project(tmp_path_factory.mktemp("browser") / "project")
    build_site(load_config(project), today=dt.date(2027, 1, 15))
    return project / "output"


@pytest.fixture(scope="module")
def browser():
    assert Path(CHROMIUM).exists(), f"{CHROMIUM} is missing: run 'bash .ci/setup' (it installs Debian's chromium)"
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM)
        yield browser
        browser.close()


class Visit:
    """A page opened in a fresh browser context, with every console error and request it made."""

    def __init__(self, browser, output: Path, javascript: bool = True):
        self.output = output
        self.context = browser.new_context(java_script_enabled=javascript, viewport={"width": 1280, "height": 900})
        self.page = self.context.new_page()
        self.errors: list[str] = []
        self.requests: list[str] = []
        self.page.on("console", lambda message: message.type == "error" and self.errors.append(message.text))
        self.page.on("pageerror", lambda error: self.errors.append(str(error)))
        self.page.on("request", lambda request: self.requests.append(request.url))

    def open(self, name: str = "index.html", hash: str = ""):
        self.page.goto((self.output / name).as_uri() + hash)
        self.page.wait_for_load_state("load")
        return self.page

    def cards(self) -> list[tuple[str, str]]:
        """Return the ``(leaflet, locale)`` of each card shown."""
        return [tuple(item.split()) for item in self.page.eval_on_selector_all(
            ".card", "cards => cards.filter(c => c.offsetParent !== null)"
                     ".map(c => c.closest('.treatment').dataset.leaflet + ' ' + c.dataset.locale)")]


@pytest.fixture
def visit(browser, output):
    visit = Visit(browser, output)
    yield visit
    visit.context.close()


ALL = [("chemotherapy", "fr"), ("chemotherapy", "en"), ("sample", "fr"), ("sample", "en")]


def test_opens_from_file_with_no_error_and_no_network_request(visit, output):
    page = visit.open()
    assert visit.cards() == ALL
    assert page.locator("#status").inner_text() == "Fiches affichées : 4 sur 4"
    page.wait_for_function("[...document.images].every(img => img.complete)")
    assert page.eval_on_selector_all("img", "images => images.map(img => img.naturalWidth > 0)") == [True] * 4
    assert visit.errors == []
    assert visit.requests and all(url.startswith("file://") for url in visit.requests)
    assert all(Path(urllib.request.url2pathname(urllib.parse.urlparse(url).path)).is_relative_to(output)
               for url in visit.requests)


@pytest.mark.parametrize("query", ["chimio", "CHIMIOTHERAPIE", "chimiothérapie", "chemotherapy"])
def test_search_finds_titles_in_every_language_without_accents(visit, query):
    page = visit.open()
    page.fill("#q", query)
    assert visit.cards() == ALL[:2]
    assert page.locator("#status").inner_text() == "Fiches affichées : 2 sur 4"
    assert "q=" in page.evaluate("location.hash")


def test_a_search_that_matches_nothing_says_so_and_show_all_resets(visit):
    page = visit.open()
    page.fill("#q", "zzz")
    assert visit.cards() == [] and page.locator("#empty").is_visible()
    page.click("button[type=reset]")
    page.wait_for_function("document.querySelectorAll('.card:not([hidden])').length === 4")
    assert visit.cards() == ALL and page.evaluate("location.hash") == ""


def test_each_filter_narrows_the_list(visit):
    page = visit.open()
    page.select_option("#language", "en")
    assert visit.cards() == [("chemotherapy", "en"), ("sample", "en")]
    page.select_option("#language", "")
    page.select_option("#treatment", "sample")
    assert visit.cards() == [("sample", "fr"), ("sample", "en")]
    page.select_option("#treatment", "")
    page.select_option("#format", "large-print")
    assert visit.cards() == [("sample", "fr")]
    assert page.locator(".pdf:visible").count() == 1
    assert page.locator(".pdf:visible a").get_attribute("href") == "fr/sample.large-print.pdf"
    page.select_option("#language", "en")
    assert visit.cards() == [] and page.locator("#empty").is_visible()


def test_language_names_are_in_their_own_language(visit):
    page = visit.open("index.en.html")
    assert page.locator("#language option").all_inner_texts() == ["All languages", "Français", "English"]
    assert page.locator("#language option[value=fr]").get_attribute("lang") == "fr"


def test_the_filters_are_in_the_address_and_survive_a_change_of_page_language(visit):
    page = visit.open(hash="#lang=en&q=exemple")
    assert page.input_value("#q") == "exemple" and page.input_value("#language") == "en"
    assert visit.cards() == [("sample", "en")]
    page.select_option("#format", "standard")
    assert page.evaluate("location.hash") == "#q=exemple&lang=en&format=standard"
    page.click(".page-languages a[hreflang=en-GB]")
    page.wait_for_url("**/index.en.html#q=exemple&lang=en&format=standard")
    assert visit.cards() == [("sample", "en")]
    assert page.locator("#status").inner_text() == "Leaflets shown: 1 of 4"


def test_every_link_resolves_to_a_file_or_a_place_on_the_page(visit, output):
    page = visit.open()
    links = page.eval_on_selector_all("a[href]", "links => links.map(a => a.href)")
    pdfs = [link for link in links if link.endswith(".pdf")]
    assert len(pdfs) == 5
    for link in links:
        address = urllib.parse.urlparse(link)
        assert address.scheme == "file"
        assert Path(urllib.request.url2pathname(address.path)).is_file(), link
        if address.fragment:
            assert page.locator(f"#{address.fragment}").count() == 1
    assert (output / "fr" / "sample.large-print.pdf").read_bytes()[:5] == b"%PDF-"


def test_the_keyboard_reaches_every_link_and_control_with_a_visible_focus(visit):
    page = visit.open()
    wanted = page.eval_on_selector_all("a[href], button:not([hidden]), input, select",
                                       "items => items.filter(i => i.offsetParent !== null || i.matches('.skip'))"
                                       ".length")
    reached, outlines = set(), set()
    for _ in range(wanted + 5):
        page.keyboard.press("Tab")
        focused = page.evaluate("""() => { const e = document.activeElement;
            return [e.tagName + '|' + (e.getAttribute('href') || e.id || e.textContent.trim()),
                    getComputedStyle(e).outlineStyle + ' ' + getComputedStyle(e).outlineWidth]; }""")
        if not focused[0].startswith("BODY"):  # past the last control, focus leaves the page
            reached.add(focused[0])
            outlines.add(focused[1])
    links = page.eval_on_selector_all("a[href]", "links => links.map(a => 'A|' + a.getAttribute('href'))")
    assert set(links) <= reached
    assert outlines == {"solid 3px"}
    page.keyboard.press("Shift+Tab")
    assert page.evaluate("document.activeElement.tagName") in ("A", "BUTTON")


def test_print_opens_the_pdf(visit):
    page = visit.open()
    with visit.context.expect_page() as opened:
        page.locator("button.print").first.click()
    assert opened.value.url.endswith("/fr/chemotherapy.pdf")


def test_without_javascript_the_page_is_the_complete_list(browser, output):
    visit = Visit(browser, output, javascript=False)
    try:
        page = visit.open()
        assert visit.cards() == ALL
        assert not page.locator("form.filters").is_visible()
        assert page.locator("button.print:visible").count() == 0
        assert page.locator("a.open:visible").count() == 5
    finally:
        visit.context.close()


@pytest.mark.parametrize("name", ["index.html", "index.en.html"])
def test_axe_core_finds_no_accessibility_violation(visit, name):
    page = visit.open(name)
    results = Axe().run(page, options={"runOnly": {"type": "tag", "values": [
        "wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]}})
    assert results.violations_count == 0, results.generate_report()
    page.fill("#q", "zzz")
    assert Axe().run(page).violations_count == 0


def test_a_screenshot_shows_the_cards_and_their_thumbnails(visit, tmp_path):
    page = visit.open()
    page.wait_for_function("[...document.images].every(img => img.complete)")
    path = tmp_path / "library.png"
    page.screenshot(path=str(path))
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n" and int.from_bytes(data[16:20], "big") == 1280
    assert page.locator(".card").first.bounding_box()["y"] < 900  # the first card is seen without scrolling


def test_the_page_folds_a_query_as_the_library_folded_the_titles(visit):
    """The search box folds what is typed (library.js) as site/catalogue.py folded the titles it searches: Arabic
    short vowels and alef forms, Hebrew points, accents, full-width letters, Chinese as it is."""
    import re

    from patient_leaflets.site.catalogue import fold

    script = (Path(__file__).resolve().parents[2] / "templates" / "site" / "library.js").read_text(encoding="utf-8")
    function = re.search(r"function fold\(text\) \{.*?\n  \}", script, re.DOTALL).group(0)
    samples = ["نَشْرَةٌ طِبِّيَّة", "أدوية إبرة آلام ٱلعلاج مستشفى فـحـص", "שָׁלוֹם", "Chimiothérapie L’équipe",
               "什么是化疗？", "ＣＡＲ－Ｔ", "  espacé\u00a0 ici  "]
    page = visit.open()
    folded = page.evaluate(f"samples => samples.map({function})", samples)
    assert folded == [fold(sample) for sample in samples]


@pytest.fixture(scope="module")
def arabic_output(output, tmp_path_factory) -> Path:
    """The library with an Arabic page: a new language, nothing translated yet, laid out right to left."""
    import shutil

    from patient_leaflets.i18n.catalogs import init_catalog

    project = shutil.copytree(output.parent, tmp_path_factory.mktemp("arabic") / "project", symlinks=True)
    init_catalog(load_config(project), "ar")
    build_site(load_config(project), locales=["ar"], today=dt.date(2027, 1, 15))
    return project / "output"


def test_a_right_to_left_page_of_a_new_language_passes_axe(browser, arabic_output):
    visit = Visit(browser, arabic_output)
    try:
        page = visit.open("index.ar.html")
        assert page.evaluate("getComputedStyle(document.body).direction") == "rtl"
        results = Axe().run(page, options={"runOnly": {"type": "tag", "values": [
            "wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]}})
        assert results.violations_count == 0, results.generate_report()
        assert visit.errors == []
    finally:
        visit.context.close()
