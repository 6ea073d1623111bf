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
    sample.write_text(sample.read_text(encoding="utf-8").replace(SOURCE, f'"{FRENCH}"'), encoding="utf-8")
    config = load_config(project)
    init_catalog(config, "ar")  # extracted first: the paragraph is in it, to translate
    po = config.po_path("ar")
    catalog = read_catalog(po, "ar")
    catalog.get(FRENCH).string = ARABIC
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
    assert footer == ('content: "Version 2.1 · prochaine révision : 1 mars 2029"; background-color: '
                      "var(--untranslated); direction: ltr; text-align: right;")
    assert "Version 2.1 · prochaine révision : 1 mars 2029" in pdftotext(arabic / "sample.pdf")


def test_a_temperature_in_french_fallback_text_is_written_the_french_way(arabic):
    text = pdftotext(arabic / "sample.pdf")
    assert "Vous avez 38,5 °C ou plus." in text.replace("\u202f", " ").replace("\u00a0", " ")


def test_the_institution_and_its_address_read_in_their_order(arabic):
    """In a right-to-left page, "Centre Exemple, 1 rue …" is one French run: its comma stays after the name."""
    html = (arabic / "sample.html").read_text(encoding="utf-8")
    assert re.search(r'<dd><span lang="fr" dir="ltr">Centre Exemple, (<[^>]+>)?1 rue', html)
    assert re.search(r"Centre Exemple, \d", pdftotext(arabic / "sample.pdf"))
