"""Right-to-left leaflets: numbers, phones and addresses keep their order; text left in French reads as French."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest

from patient_leaflets.building import build_leaflets
from patient_leaflets.config import load_config
from patient_leaflets.i18n.catalogs import init_catalog
from patient_leaflets.i18n.pofile import read_catalog, write_catalog

SOURCE = "Un paragraphe avec un [lien](https://www.example.org/info)."
FRENCH = ("Un paragraphe avec un [lien](https://www.example.org/info), appelez le 0 805 123 124 ou écrivez à "
          "a@exemple.fr.")
ARABIC = "فقرة مع [رابط](https://www.example.org/info)، اتصل بالرقم 0 805 123 124 أو اكتب إلى a@exemple.fr."
DOSES = ("Prenez 1/2 comprimé à 14:30, pendant 2-6 jours, soit 5 mg, jusqu’au 14/03/2026 ; au-delà de 38,5 °C, "
         "appelez le 01 42 11 42 11.")
DOSES_AR = "خذ 1/2 قرص الساعة 14:30، لمدة 2-6 أيام، أي 5 mg، حتى 14/03/2026؛ فوق 38,5 °C اتصل بالرقم 01 42 11 42 11."
EXPRESSIONS = ["1/2", "14:30", "2-6", "5mg", "14/03/2026", "38,5°C", "0142114211"]
"""What a reader of ``DOSES_AR`` must see left to right, each whole (spaces left out: lines are read by position)."""


def pdftotext(path: Path) -> str:
    """The PDF's text in the order a reader sees it, line by line (poppler, installed by .ci/setup)."""
    return subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True,
                          check=True).stdout


@pytest.fixture(scope="module")
def arabic(tmp_path_factory):
    """The test project with an Arabic catalog translating one paragraph, built as a draft with its HTML."""
    from conftest import make_project

    project = make_project(tmp_path_factory.mktemp("rtl") / "project")
    sample = project / "leaflets" / "sample.yaml"
    paragraphs = f'"{FRENCH}"\n      - paragraph: "{DOSES}"'
    sample.write_text(sample.read_text(encoding="utf-8").replace(SOURCE, paragraphs), encoding="utf-8")
    config = load_config(project)
    init_catalog(config, "ar")  # extracted first: the paragraph is in it, to translate
    po = config.po_path("ar")
    catalog = read_catalog(po, "ar")
    catalog.get(FRENCH).string = ARABIC
    catalog.get(DOSES).string = DOSES_AR
    write_catalog(po, catalog)
    config = load_config(project)
    report = build_leaflets(config, locales=["ar"], jobs=1, keep_html=True)
    assert [o.status for o in report.outcomes] == ["built"]
    return project / "output" / "ar"


def test_a_phone_number_in_arabic_text_keeps_its_order(arabic):
    html = (arabic / "sample.html").read_text(encoding="utf-8")
    assert '<bdi dir="ltr">0 805 123 124</bdi>' in html
    assert '<bdi dir="ltr"><span class="url-part">a@exemple.fr</span></bdi>' in html, "isolated, and printed whole"
    text = pdftotext(arabic / "sample.pdf")
    assert "0 805 123 124" in text and "124 123 805 0" not in text


def test_untranslated_page_furniture_is_marked_and_reads_as_french(arabic):
    html = (arabic / "sample.html").read_text(encoding="utf-8")
    footer = re.search(r"@bottom-right \{ (.*) \}", html).group(1)
    # Its translation is not approved: the footer says it is a draft, with no publication date.
    assert footer == ('content: "Brouillon de la version 2.1, non publié"; background-color: '
                      "var(--untranslated); direction: ltr; text-align: right;")
    assert "Brouillon de la version 2.1, non publié" in pdftotext(arabic / "sample.pdf")


def test_a_temperature_in_french_fallback_text_is_written_the_french_way(arabic):
    text = pdftotext(arabic / "sample.pdf")
    assert "Vous avez 38,5 °C ou plus." in text.replace("\u202f", " ").replace("\u00a0", " ")


def test_the_institution_and_its_address_read_in_their_order(arabic):
    """In a right-to-left page, "Centre Exemple, 1 rue …" is one French run: its comma stays after the name."""
    html = (arabic / "sample.html").read_text(encoding="utf-8")
    assert re.search(r'<dd><span lang="fr" dir="ltr">Centre Exemple, (<[^>]+>)?1 rue', html)
    assert re.search(r"Centre Exemple, \d", pdftotext(arabic / "sample.pdf"))


def seen_lines(path: Path) -> list[str]:
    """Each line of the PDF's pages as a reader's eye sweeps it, left to right by the position of every glyph
    (pdfium), whatever order the text was written in: what a right-to-left test must look at. Spaces are left out."""
    import ctypes

    import pypdfium2
    import pypdfium2.raw as pdfium

    lines: dict[tuple[int, int], list[tuple[float, str]]] = {}
    document = pypdfium2.PdfDocument(path)
    x, y = ctypes.c_double(), ctypes.c_double()
    for number, page in enumerate(document):
        text = page.get_textpage()
        for index in range(text.count_chars()):
            char = text.get_text_range(index, 1)
            if char.strip():
                pdfium.FPDFText_GetCharOrigin(text, index, x, y)  # on the baseline, whatever the font
                lines.setdefault((number, -round(y.value)), []).append((x.value, char))
    document.close()
    return ["".join(char for _, char in sorted(glyphs)) for _, glyphs in sorted(lines.items())]


def test_a_numeric_expression_is_one_left_to_right_run(arabic):
    """A fraction, a time, a range, a dose with its unit, a date, a temperature and a phone number each read left
    to right as a whole: isolating each number alone printed 2/1, 30:14, 6-2 and "mg 5"."""
    html = (arabic / "sample.html").read_text(encoding="utf-8")
    for run in ("1/2", "14:30", "2-6", "5\u00a0mg", "14/03/2026", "01 42 11 42 11"):  # a unit kept on the line
        assert f'<bdi dir="ltr">{run}</bdi>' in html
    seen = "".join(seen_lines(arabic / "sample.pdf"))
    for expression in EXPRESSIONS:
        assert expression in seen, expression
    for backwards in ("2/1", "30:14", "6-2", "mg5", "2026/03/14"):
        assert backwards not in seen, backwards


def x_of(path: Path, words: str) -> float:
    """Return where ``words`` start on the page, from the left edge (pdfium's search, page 1 then the next)."""
    import pypdfium2

    document = pypdfium2.PdfDocument(path)
    try:
        for page in document:
            text = page.get_textpage()
            found = text.search(words, match_case=True, match_whole_word=True).get_next()
            if found:
                return text.get_charbox(found[0])[0]
        raise AssertionError(f"{words!r} is not in {path}")
    finally:
        document.close()


def test_text_left_in_french_reads_as_french_and_the_page_still_reads_from_the_right(arabic):
    """A paragraph or item left in French is a French block (bullet, alignment and full stop where French puts
    them); the care team's fields and the contacts' labels start on the right, where the Arabic reader starts."""
    html = (arabic / "sample.html").read_text(encoding="utf-8")
    assert '<li lang="fr" dir="ltr"><strong><span lang="fr" dir="ltr" class="untranslated">Cancer info' in html
    assert '<p lang="fr" dir="ltr"><span lang="fr" dir="ltr" class="untranslated">Une remarque importante.' in html
    assert "<p>خذ" in html, "a translated paragraph keeps the page's language and direction"
    seen = seen_lines(arabic / "sample.pdf")
    assert any(line.startswith("•Cancerinfo.Leservice") for line in seen), "bullet, name, its full stop: French"
    pdf = arabic / "sample.pdf"
    assert x_of(pdf, "Équipe soignante") > x_of(pdf, "Numéro à appeler") > x_of(pdf, "Prochain rendez-vous")
    assert x_of(pdf, "Standard") > x_of(pdf, "+33 1 23 45 67 89")
