"""Text copied from an Arabic or Chinese PDF is the text printed: poppler (pdftotext), pypdf and pdfium (what
copy and paste, search and screen readers get) each read back every word of the translation.

Noto Sans Arabic draws ش as the glyph of س plus dots: its PDFs read "نسسرة" for "نشرة" (styles/fonts/SOURCES.md).
Every letter comes back, and pypdf (the content stream's order) reads every word as printed. poppler and pdfium
order glyphs by their position: a vowel mark above a letter (the tanween of قليلاً) comes out apart, and poppler
then splits its word in two; the letters are all there.
"""

from __future__ import annotations

import re
import subprocess
import unicodedata
from collections import Counter
from pathlib import Path

import pypdfium2
import pytest
from pypdf import PdfReader

from conftest import make_project
from patient_leaflets.building import build_leaflets
from patient_leaflets.config import load_config
from patient_leaflets.i18n.catalogs import init_catalog
from patient_leaflets.i18n.pofile import read_catalog, write_catalog

TRANSLATIONS = {
    "ar": {"Le traitement exemple": "نشرة العلاج",
           "Premier élément.": "اشرب الماء كثيراً، وامش قليلاً بعد الظهر.",
           "Second élément.": "لا تتناول دواء جديداً قبل استشارة طبيبك؛ اسأله أولاً.",
           "Une remarque importante.": "ظهرت حمى أو ضيق في التنفس أو غثيان شديد: اتصل بنا."},
    "zh_Hans": {"Le traitement exemple": "示例治疗",
                "Premier élément.": "多喝水，饭后散步。",
                "Second élément.": "开始服用新药之前，请先咨询您的医生。",
                "Une remarque importante.": "如果发烧、呼吸困难或严重恶心，请立即联系我们。"},
}
_MARKS = re.compile(r"[\u200e\u200f\u202a-\u202e\u2066-\u2069\s.,:;،؛؟。，：；！？]+")


def words(text: str, marks: bool = True) -> Counter:
    """The words of a text, whatever order an extractor put them in and whatever marks it added for direction;
    Chinese, written without spaces, as its characters; without vowel marks unless ``marks``."""
    text = unicodedata.normalize("NFC", text)
    if not marks:
        text = "".join(char for char in text if unicodedata.category(char) != "Mn")
    found = Counter(word for word in _MARKS.split(text) if word)
    return Counter(char for word in found.elements() for char in word) if re.search("[\u4e00-\u9fff]", text) \
        else found


def extracted(pdf: Path) -> dict[str, str]:
    poppler = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    document = pypdfium2.PdfDocument(pdf)
    pdfium = "\n".join(page.get_textpage().get_text_range() for page in document)
    document.close()
    return {"pdftotext": poppler, "pypdf": "\n".join(page.extract_text() for page in PdfReader(pdf).pages),
            "pdfium": pdfium}


@pytest.fixture(scope="module")
def pdfs(tmp_path_factory):
    project = make_project(tmp_path_factory.mktemp("copied") / "project")
    config = load_config(project)
    for locale, translations in TRANSLATIONS.items():
        path = init_catalog(config, locale)
        catalog = read_catalog(path, locale)
        for msgid, msgstr in translations.items():
            catalog[msgid].string = msgstr
        write_catalog(path, catalog)
    report = build_leaflets(load_config(project), locales=list(TRANSLATIONS), jobs=1)
    assert {outcome.status for outcome in report.outcomes} == {"built"}
    return {locale: project / "output" / locale / "sample.pdf" for locale in TRANSLATIONS}


@pytest.mark.parametrize("locale", sorted(TRANSLATIONS))
def test_copied_text_is_the_printed_text(pdfs, locale):
    printed = " ".join(TRANSLATIONS[locale].values())
    title = TRANSLATIONS[locale]["Le traitement exemple"]
    for extractor, text in extracted(pdfs[locale]).items():
        assert title in _MARKS.sub(" ", text), f"{extractor} reads the title as it is printed"
        missing = letters(printed) - letters(text)
        assert not missing, f"{extractor} does not read back {sorted(missing.elements())}"
        if extractor == "pypdf":  # in the content stream's order: word for word, vowel marks in place
            assert not words(printed) - words(text)
        else:  # by position: each word, but a vowel mark above a letter may be set apart, and split its word
            assert len(words(printed, marks=False) - words(text, marks=False)) <= printed.count("\u064b")


def letters(text: str) -> Counter:
    """Every letter and mark of a text, counted: the same letters, not look-alikes (ش, not س)."""
    return Counter(char for char in unicodedata.normalize("NFC", text) if char.isalpha() or unicodedata.category(
        char) == "Mn")
