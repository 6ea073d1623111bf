"""The library page as written: every PDF listed with what a clinician checks, in each page language, cheap to
refresh, and honest about drafts, failures and overdue reviews."""

from __future__ import annotations

import datetime as dt
import json
import re
import shutil
from html.parser import HTMLParser

import pytest
from click.testing import CliRunner
from library_project import add_format, make_library_project

from conftest import add_leaflet
from patient_leaflets.building import build_leaflets
from patient_leaflets.cli import cli
from patient_leaflets.config import load_config
from patient_leaflets.site import build_site, thumbnails
from patient_leaflets.site.catalogue import fold

TODAY = dt.date(2027, 1, 15)


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    return make_library_project(tmp_path_factory.mktemp("library") / "project")


@pytest.fixture
def project(built, tmp_path):
    return shutil.copytree(built, tmp_path / "project", symlinks=True)


class Page(HTMLParser):
    """The parts of a library page a test reads: cards, links, images, and texts by class."""

    def __init__(self, html: str):
        super().__init__()
        self.cards, self.links, self.images, self.stack = [], [], [], []
        self.text: dict[str, list[str]] = {}
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        classes = (attrs.get("class") or "").split()
        if tag not in ("img", "meta", "input", "br", "link"):
            self.stack.append(classes)
        if "card" in classes:
            self.cards.append({"locale": attrs["data-locale"], "state": classes[1], "pdfs": []})
        if "pdf" in classes:
            self.cards[-1]["pdfs"].append(attrs["data-format"])
        if tag == "a":
            self.links.append(attrs["href"])
        if tag == "img":
            self.images.append(attrs)

    def handle_endtag(self, tag):
        if tag not in ("img", "meta", "input", "br", "link") and self.stack:
            self.stack.pop()

    def handle_data(self, data):
        for classes in self.stack[-1:]:
            for name in classes:
                self.text.setdefault(name, []).append(data.strip())


def read_page(project, name="index.html") -> tuple[str, Page]:
    html = (project / "output" / name).read_text(encoding="utf-8")
    return html, Page(html)


def test_every_pdf_is_listed_with_its_title_in_its_language(project):
    report = build_site(load_config(project), today=TODAY)
    assert [page.name for page in report.pages] == ["index.html", "index.en.html"]
    assert report.pdfs == 5 and report.untranslated == {}
    html, page = read_page(project)
    assert [(card["locale"], card["pdfs"]) for card in page.cards] == [
        ("fr", ["standard"]), ("en", ["standard"]), ("fr", ["standard", "large-print"]), ("en", ["standard"])]
    assert page.text["title"] == ["La chimiothérapie", "Chemotherapy", "Le traitement exemple",
                                  "The example treatment"]
    assert '<span class="title" lang="en-GB" dir="ltr">Chemotherapy</span>' in html
    assert page.text["language"] == ["Français", "English"] * 2
    pdfs = [link for link in page.links if link.endswith(".pdf")]
    assert pdfs == ["fr/chemotherapy.pdf", "en/chemotherapy.pdf", "fr/sample.pdf", "fr/sample.large-print.pdf",
                    "en/sample.pdf"]
    assert all((project / "output" / link).is_file() for link in pdfs)
    assert "Version" in html and ">2.1<" in html and "1 mars 2029" in html
    assert re.search(r"\d+ pages, \d+\u202fko", html)


def test_the_english_page_is_in_english_and_links_to_the_french_one(project):
    build_site(load_config(project), today=TODAY)
    html, page = read_page(project, "index.en.html")
    assert '<html lang="en-GB" dir="ltr"' in html
    assert "Patient information leaflets" in html and "Review due" in html and "1 March 2029" in html
    assert "Fiches" not in html
    assert page.links[1:3] == ["index.html", "index.en.html"]
    assert 'aria-current="page">English</a>' in html


def test_thumbnails_are_small_webp_with_alt_text_and_made_once_per_pdf(project, monkeypatch):
    config = load_config(project)
    build_site(config, today=TODAY)
    _, page = read_page(project)
    assert len(page.images) == 4
    assert page.images[0]["alt"] == "Première page de « La chimiothérapie » (Français)"
    files = sorted((project / "output" / "thumbnails").iterdir())
    assert len(files) == 4  # the large-print copy has the same checksum as the standard PDF: one thumbnail
    for path in files:
        assert path.read_bytes()[8:12] == b"WEBP" and 2_000 < path.stat().st_size < 30_000
    rendered = []
    monkeypatch.setattr(thumbnails, "render_thumbnail", lambda path, width=0: rendered.append(path) or b"")
    (project / "output" / ".site.json").unlink()
    build_site(config, today=TODAY)
    assert rendered == []


def test_an_up_to_date_library_writes_nothing_and_a_change_rewrites_it(project):
    config = load_config(project)
    build_site(config, today=TODAY)
    index = project / "output" / "index.html"
    before = index.stat().st_mtime_ns
    assert build_site(config, today=TODAY).up_to_date
    assert index.stat().st_mtime_ns == before
    po = config.po_path("en")
    po.write_text(po.read_text(encoding="utf-8").replace('msgstr "Chemotherapy"', 'msgstr "Chemotherapy (new)"'),
                  encoding="utf-8")
    assert not build_site(config, today=TODAY).up_to_date
    assert "Chemotherapy (new)" in read_page(project, "index.en.html")[0]
    assert not build_site(config, today=TODAY + dt.timedelta(days=1)).up_to_date


def test_thumbnails_deleted_from_the_output_folder_are_made_again(project):
    import shutil

    config = load_config(project)
    build_site(config, today=TODAY)
    made = sorted(path.name for path in (project / "output" / "thumbnails").iterdir())
    shutil.rmtree(project / "output" / "thumbnails")
    assert not build_site(config, today=TODAY).up_to_date
    assert sorted(path.name for path in (project / "output" / "thumbnails").iterdir()) == made
    assert build_site(config, today=TODAY).up_to_date


def test_search_text_covers_every_language_without_accents(project):
    build_site(load_config(project), today=TODAY)
    html, _ = read_page(project)
    search = re.search(r'data-leaflet="chemotherapy" data-search="([^"]*)"', html)[1]
    assert "la chimiotherapie" in search and "chemotherapy" in search
    assert fold("La Chimiothérapie’s ÉTÉ") == "la chimiotherapie's ete"


def test_drafts_failures_and_overdue_reviews_are_shown_as_such(project):
    add_format(project, "en", "chemotherapy", "large-print", draft=True,
               draft_reasons=["text runs off the page, where readers lose it (page 2: 'Appelez')"])
    report = json.loads((project / "output" / "build-report.json").read_text(encoding="utf-8"))
    for item in report["pdfs"]:
        if item["output"] == "output/en/sample.pdf":
            item.update(status="failed", error="leaflets/sample.yaml:3: metadata.version: broken")
    (project / "output" / "build-report.json").write_text(json.dumps(report), encoding="utf-8")
    build_site(load_config(project), today=dt.date(2029, 3, 2))
    html, page = read_page(project)
    assert [card["state"] for card in page.cards] == ["state-final", "state-draft", "state-final", "state-failed"]
    assert "text runs off the page, where readers lose it (page 2: &#39;Appelez&#39;)" in html
    assert "metadata.version: broken" in html
    assert "Brouillon – ne pas remettre aux patients" in html and "Échec de la dernière construction" in html
    assert html.count('class="review-due overdue"') == 4  # both leaflets' reviews were due on 1 March 2029
    assert page.text["overdue-label"] == ["(date dépassée)"] * 4
    build_site(load_config(project), today=dt.date(2029, 3, 1))
    assert "review-due overdue" not in read_page(project)[0]


def test_a_review_proof_leaves_an_approved_card_final_and_is_not_offered_as_a_hand_out(project):
    config = load_config(project)  # the sample's text and its English translation are approved (make_project)
    report = build_leaflets(config, locales=["en"], leaflets=["sample"], formats=["standard", "proof"], jobs=1)
    assert [(o.format, o.status, o.draft) for o in report.outcomes] == [("standard", "unchanged", False),
                                                                         ("proof", "built", True)]
    assert (project / "output" / "en" / "sample.proof.pdf").is_file()
    assert build_site(config, today=TODAY).pdfs == 5
    for name in ("index.html", "index.en.html"):
        html, page = read_page(project, name)
        assert [card["state"] for card in page.cards] == ["state-final"] * 4
        assert "Brouillon" not in html and "Draft" not in html
        assert all("proof" not in card["pdfs"] for card in page.cards)
        assert not [link for link in page.links if "proof" in link] and 'value="proof"' not in html


def test_a_partial_build_keeps_every_pdf_in_the_library(project):
    config = load_config(project)
    report = build_leaflets(config, locales=["en"], leaflets=["sample"], jobs=1)
    assert len(report.outcomes) == 1
    build_site(config, today=TODAY)
    assert len(read_page(project)[1].cards) == 4


def test_untranslated_furniture_is_named_and_marked_with_its_language(project):
    po = project / "translations" / "en" / "LC_MESSAGES" / "leaflets.po"
    po.write_text(po.read_text(encoding="utf-8").replace('msgstr "Show all"', 'msgstr ""'), encoding="utf-8")
    result = CliRunner().invoke(cli, ["--project", str(project), "site", "--locale", "en"])
    assert result.exit_code == 0, result.output
    assert result.output.splitlines() == [
        "written    output/index.en.html",
        "  1 string(s) of the 'en' page shown in the source language (translate them in "
        "translations/en/LC_MESSAGES/leaflets.po):",
        "    'Tout afficher'",
        "Library of 5 PDF(s): open output/index.en.html"]
    fallback = '<span lang="fr" dir="ltr" class="untranslated">Tout afficher</span>'
    assert fallback in read_page(project, "index.en.html")[0]


def test_build_refreshes_the_library_and_site_refuses_an_unknown_locale(project):
    assert not (project / "output" / "index.html").exists()
    result = CliRunner().invoke(cli, ["--project", str(project), "build"])
    assert result.exit_code == 0, result.output
    assert (project / "output" / "index.html").is_file()
    result = CliRunner().invoke(cli, ["--project", str(project), "site", "-l", "de"])
    assert result.exit_code == 1
    assert "Error: locale 'de' is not configured" in result.output


def test_a_pdf_that_cannot_be_read_is_listed_without_a_thumbnail_and_said(project):
    pdf = project / "output" / "en" / "sample.pdf"
    pdf.write_bytes(b"%PDF-1.7 not really")
    result = CliRunner().invoke(cli, ["--project", str(project), "site"])
    assert result.exit_code == 0, result.output
    assert "warning: no thumbnail for en/sample.pdf: PdfiumError(" in result.output
    _, page = read_page(project)
    assert len(page.cards) == 4 and len(page.images) == 3


def test_special_characters_in_a_title_are_shown_as_text(project):
    add_leaflet(project, "markup", "Titre <b & co\"")
    config = load_config(project)
    assert not build_leaflets(config, locales=["fr"], leaflets=["markup"], jobs=1).failed
    build_site(config, today=TODAY)
    html, page = read_page(project)
    assert ">Titre &lt;b &amp; co&#34;</span>" in html and "<b &" not in html
    assert len(page.images) == 5


FOLDED = [("نَشْرَةٌ", "نشرة"), ("أدوية", "ادويه"), ("إبرة", "ابرة"), ("آلام", "الام"), ("الكيميائي", "الكيميايي"),
          ("ٱلعلاج", "العلاج"), ("مستشفى", "مستشفي"), ("فـحـص", "فحص"), ("ＣＡＲ－Ｔ", "car-t"),
          ("Chimiothérapie", "CHIMIOTHERAPIE"), ("שָׁלוֹם", "שלום")]
"""What a clinician types and what the title says: the same words for the search box."""


@pytest.mark.parametrize(("typed", "written"), FOLDED)
def test_search_finds_arabic_without_its_short_vowels_and_with_any_alef(typed, written):
    assert fold(typed) == fold(written)
    assert fold("العلاج الكيميائي").startswith(fold("العلاج")), "a word typed alone is found in the title"
    assert fold("化疗") in fold("什么是化疗？"), "Chinese is found by substring, without spaces between words"


def test_a_new_language_page_has_words_not_markup_in_its_attributes(project):
    """Page strings left in French in a new language are marked up in the text (<span lang="fr">), never inside
    an alt, aria-label or data attribute, where the markup would be read out or shown as it is."""
    from patient_leaflets.i18n.catalogs import init_catalog

    config = load_config(project)
    init_catalog(config, "ar")
    build_site(load_config(project), locales=["ar"], today=TODAY)
    html, _ = read_page(project, "index.ar.html")
    assert html.count('class="untranslated">') > 5, "the page is still in French, marked as such"
    attributes = Attributes(html).values
    assert attributes and not [value for value in attributes if "<" in value or "lang=" in value]
    assert 'aria-label="Rechercher une fiche"' in html and '<html lang="ar" dir="rtl"' in html


class Attributes(HTMLParser):
    """Every attribute value of a page, as a browser reads them."""

    def __init__(self, html: str):
        super().__init__()
        self.values: list[str] = []
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        self.values += [value for _, value in attrs if value]


def test_each_language_is_named_in_itself(project):
    from patient_leaflets.site.catalogue import language_name

    config = load_config(project)
    names = {locale: language_name(language_of_locale(config, locale)) for locale in ("ar", "es", "zh_Hans", "he")}
    assert names == {"ar": "العربية", "es": "Español", "zh_Hans": "中文 (简体)", "he": "עברית"}


def language_of_locale(config, locale: str):
    from patient_leaflets.config.language import language_of

    return language_of(locale, locale, False)
