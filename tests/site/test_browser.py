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
from library_project import add_format, make_library_project
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


def test_the_skip_link_moves_to_the_list_and_keeps_the_filters(visit):
    page = visit.open(hash="#treatment=chemotherapy&lang=en")
    assert visit.cards() == [("chemotherapy", "en")]
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.className") == "skip"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "results"
    assert page.evaluate("location.hash") == "#treatment=chemotherapy&lang=en"
    assert visit.cards() == [("chemotherapy", "en")]
    page.keyboard.press("Tab")  # on to the first link of the list
    assert page.evaluate("document.activeElement.closest('.card').dataset.locale") == "en"


def test_a_shared_filtered_link_keeps_its_filters_when_the_language_is_switched(visit):
    page = visit.open(hash="#q=chimio&format=standard")
    page.click(".page-languages a[hreflang=en-GB]")
    page.wait_for_url("**/index.en.html#q=chimio&format=standard")
    assert page.input_value("#q") == "chimio" and page.input_value("#format") == "standard"
    assert visit.cards() == [("chemotherapy", "fr"), ("chemotherapy", "en")]
    page.click(".page-languages a[hreflang=fr]")
    page.wait_for_url("**/index.html#q=chimio&format=standard")
    assert visit.cards() == [("chemotherapy", "fr"), ("chemotherapy", "en")]


@pytest.mark.parametrize(("query", "meant"), [("chimotherapie", "chimiothérapie"), ("chimiotérapie", "chimiothérapie"),
                                              ("chemoterapy", "chemotherapy"), ("chimiothe", None)])
def test_a_misspelt_search_finds_the_leaflet_and_says_what_it_searched(visit, query, meant):
    page = visit.open()
    page.fill("#q", query)
    assert visit.cards() == [("chemotherapy", "fr"), ("chemotherapy", "en")]
    if meant is None:  # a word being typed that a title starts with: found as it is, nothing to correct
        assert not page.locator("#suggestion").is_visible()
        return
    assert page.locator("#suggestion").inner_text() == f"Vouliez-vous dire : {meant} ?"
    page.click("#suggestion button")
    assert page.input_value("#q") == meant and not page.locator("#suggestion").is_visible()
    assert visit.cards() == [("chemotherapy", "fr"), ("chemotherapy", "en")]


@pytest.mark.parametrize("query", ["PICC", "nausée", "tamoxifene", "nausea", "tamoxifen"])
def test_search_words_of_a_leaflet_find_it_in_both_languages(visit, query):
    page = visit.open()
    page.fill("#q", query)
    assert visit.cards() == [("chemotherapy", "fr"), ("chemotherapy", "en")]


def test_a_word_no_leaflet_comes_near_suggests_nothing(visit):
    page = visit.open("index.en.html")
    page.fill("#q", "zzzzzz")
    assert visit.cards() == [] and page.locator("#empty").is_visible()
    assert not page.locator("#suggestion").is_visible()


@pytest.mark.parametrize(("name", "width", "text_size"), [
    ("index.html", 320, "100%"), ("index.html", 1280, "100%"), ("index.html", 1440, "100%"),
    ("index.html", 1024, "100%"), ("index.html", 1280, "200%"), ("index.en.html", 1280, "200%"),
    ("index.html", 640, "200%"), ("index.html", 320, "200%")])
def test_the_page_never_scrolls_sideways(browser, output, name, width, text_size):
    visit = Visit(browser, output)
    try:
        visit.page.set_viewport_size({"width": width, "height": 900})
        page = visit.open(name)
        page.evaluate(f"document.documentElement.style.fontSize = '{text_size}'")  # text-only zoom
        assert page.evaluate("document.documentElement.scrollWidth") <= width
        reset = page.locator("button[type=reset]").bounding_box()
        assert reset["x"] >= 0 and reset["x"] + reset["width"] <= width  # "Tout afficher" is on screen
    finally:
        visit.context.close()


def test_on_a_phone_the_first_result_is_on_the_first_screen(browser, output):
    visit = Visit(browser, output)
    try:
        visit.page.set_viewport_size({"width": 375, "height": 800})
        page = visit.open()
        page.fill("#q", "chimio")
        page.keyboard.press("Enter")
        first = page.locator(".card:visible").first
        box = first.bounding_box()
        assert box["y"] + 60 < 800  # its language and title, at least, without scrolling
        assert page.evaluate("document.activeElement.id") != "q"  # Enter closed the keyboard
    finally:
        visit.context.close()


def test_from_a_shared_folder_the_print_button_says_it_opens_the_pdf(visit):
    page = visit.open()
    button = page.locator("button.print").first
    assert button.inner_text().startswith("Ouvrir pour imprimer")
    note = page.locator("#print-note")
    assert note.is_visible() and "nouvel onglet" in note.inner_text()
    assert button.get_attribute("aria-describedby") == "print-note"


def test_each_card_shows_its_state_once(visit):
    page = visit.open()
    sample = page.locator(".treatment[data-leaflet=sample] .card[data-locale=fr]")
    assert sample.locator(".badge").all_inner_texts() == ["Validée"]  # standard and large print, one badge
    assert sample.locator(".approved").inner_text().startswith("Texte validé le ")


def test_a_review_proof_is_never_a_hand_out_card_nor_changes_a_cards_state(browser, tmp_path):
    project = make_library_project(tmp_path / "project")
    add_format(project, "en", "sample", "proof", draft=True,
               draft_reasons=["a review proof, for the reviewer of the translation: never for patients"])
    build_site(load_config(project), today=dt.date(2027, 1, 15))
    visit = Visit(browser, project / "output")
    try:
        for name in ("index.html", "index.en.html"):
            page = visit.open(name)
            card = page.locator(".treatment[data-leaflet=sample] .card[data-locale=en]")
            assert card.get_attribute("class") == "card state-final"
            assert card.locator(".badge").all_inner_texts() in (["Validée"], ["Approved"])
            proof = ".pdf[data-format=proof], a[href$='.proof.pdf'], #format option[value=proof]"
            assert page.locator(proof).count() == 0
            assert "Brouillon" not in page.content() and "Draft" not in page.content()
    finally:
        visit.context.close()
