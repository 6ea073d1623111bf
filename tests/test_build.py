"""Building PDFs as a reader gets them: pages, language, text, fonts, draft marking, and safe writes."""

from __future__ import annotations

import json

import pytest
from pypdf import PdfReader

from patient_leaflets.build import build, leaflet_html
from patient_leaflets.errors import LeafletError


def pdf_text(path) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(path).pages)


def embedded_fonts(path) -> set[str]:
    names = set()
    for page in PdfReader(path).pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            descriptor = font["/DescendantFonts"][0].get_object()["/FontDescriptor"]
            if "/FontFile2" in descriptor or "/FontFile3" in descriptor:
                names.add(str(font["/BaseFont"]).split("+")[-1])
    return names


def test_build_writes_one_tagged_pdf_per_leaflet_and_language(config):
    report = build(config, jobs=1)
    assert [(o.locale, o.status, o.draft) for o in report.outcomes] == [("en", "built", False), ("fr", "built", False)]
    english, french = (config.root / "output" / loc / "sample.pdf" for loc in ("en", "fr"))
    reader = PdfReader(english)
    root = reader.trailer["/Root"]
    assert root["/Lang"] == "en-GB" and root["/MarkInfo"]["/Marked"]
    assert "/StructTreeRoot" in root
    assert reader.metadata.title == "The example treatment"
    assert reader.metadata.author == "Centre Exemple"
    assert reader.metadata.subject == "For patients"
    title, chapters = reader.outline[0], reader.outline[1]
    assert title.title == "The example treatment"
    assert [item.title for item in chapters[:2]] == ["Key points", "What is it?"]
    assert len(reader.pages) == 2
    width, height = (float(v) * 25.4 / 72 for v in reader.pages[0].mediabox[2:])
    assert (round(width), round(height)) == (210, 297), "A4 in millimetres"
    text = pdf_text(english)
    assert "Call us straight away" in text and "Page 1 of 2" in text
    assert "Version 2.1 · next review due: 1 March 2029" in text
    assert "Vous" not in text and "DRAFT" not in text
    assert PdfReader(french).trailer["/Root"]["/Lang"] == "fr"
    assert "Appelez-nous tout de suite" in pdf_text(french)
    assert embedded_fonts(english) == {"Atkinson-Hyperlegible-Next", "Atkinson-Hyperlegible-Next-Bold"}


def test_every_page_of_an_incomplete_translation_is_marked_draft(config):
    po = config.po_path("en")
    po.write_text(po.read_text(encoding="utf-8").replace('msgstr "Rest."', 'msgstr ""'), encoding="utf-8")
    [outcome] = build(config, locales=["en"], jobs=1).outcomes
    assert outcome.draft and outcome.status == "built"
    assert outcome.gaps == ["leaflets/sample.yaml:36 (sections[0].blocks[3].table.rows[0][1]): untranslated: "
                            "'Reposez-vous.'"]
    pages = PdfReader(config.root / "output" / "en" / "sample.pdf").pages
    assert all("DRAFT – not to be given to patients" in page.extract_text() for page in pages)


def test_strict_refuses_a_draft_and_keeps_the_previous_pdf(config):
    build(config, jobs=1)
    good = (config.root / "output" / "en" / "sample.pdf").read_bytes()
    po = config.po_path("en")
    po.write_text(po.read_text(encoding="utf-8").replace("#, python-brace-format\nmsgid \"Vous avez",
                                                         "#, fuzzy, python-brace-format\nmsgid \"Vous avez"),
                  encoding="utf-8")
    report = build(config, strict=True, jobs=1)
    [failed] = report.failed
    assert failed.locale == "en"
    assert failed.error == (
        "refused by --strict: 1 message(s) are untranslated, fuzzy or fail a check:\n"
        "  leaflets/sample.yaml:39 (sections[0].blocks[4].urgent.signs[0]): fuzzy (the source changed; check the "
        "translation and clear the fuzzy flag): 'Vous avez {fever_threshold} ou plus.'")
    assert (config.root / "output" / "en" / "sample.pdf").read_bytes() == good
    assert not list((config.root / "output" / "en").glob(".*.tmp"))


def test_one_broken_leaflet_does_not_stop_the_others(config):
    (config.root / "leaflets" / "broken.yaml").write_text("title: [\n", encoding="utf-8")
    report = build(config, locales=["fr"], jobs=2)
    statuses = {o.leaflet: o.status for o in report.outcomes}
    assert statuses == {"broken": "failed", "sample": "built"}
    assert report.failed[0].error.startswith("leaflets/broken.yaml:2:1: invalid YAML")
    assert not (config.root / "output" / "fr" / "broken.pdf").exists()


def test_second_build_skips_unchanged_pdfs_and_rebuilds_on_catalog_change(config):
    build(config, jobs=1)
    again = build(config, jobs=1)
    assert [o.status for o in again.outcomes] == ["unchanged", "unchanged"]
    po = config.po_path("en")
    po.write_text(po.read_text(encoding="utf-8").replace('"Rest."', '"Get some rest."'), encoding="utf-8")
    third = build(config, jobs=1)
    assert [(o.locale, o.status) for o in third.outcomes] == [("en", "built"), ("fr", "unchanged")]
    assert "Get some rest." in pdf_text(config.root / "output" / "en" / "sample.pdf")
    report = json.loads((config.root / "output" / "build-report.json").read_text(encoding="utf-8"))
    assert {p["output"] for p in report["pdfs"]} == {"output/en/sample.pdf", "output/fr/sample.pdf"}


def test_identical_input_gives_identical_bytes(config):
    build(config, locales=["fr"], jobs=1)
    first = (config.root / "output" / "fr" / "sample.pdf").read_bytes()
    build(config, locales=["fr"], jobs=1, force=True)
    assert (config.root / "output" / "fr" / "sample.pdf").read_bytes() == first


def test_unknown_selection_is_an_error(config):
    with pytest.raises(LeafletError, match=r"no leaflet 'surgery' in leaflets/. Known: sample"):
        build(config, leaflets=["surgery"])
    with pytest.raises(LeafletError, match=r"locale 'de' is not configured"):
        build(config, locales=["de"])


def test_a_failed_check_makes_a_draft_and_strict_names_it(config):
    po = config.po_path("en")
    po.write_text(po.read_text(encoding="utf-8").replace('msgstr "Rest."', 'msgstr "Rest for 2 days."'),
                  encoding="utf-8")
    [draft] = build(config, locales=["en"], jobs=1).outcomes
    assert draft.draft and draft.gaps == [
        "leaflets/sample.yaml:36 (sections[0].blocks[3].table.rows[0][1]): numbers differ: msgid has none, msgstr "
        "has 2. Keep every dose, temperature, duration, percentage and age as in msgid (2,5 and 2.5 are the same "
        "number): 'Reposez-vous.'"]
    assert "Rest for 2 days" not in pdf_text(config.root / "output" / "en" / "sample.pdf")
    [refused] = build(config, locales=["en"], jobs=1, strict=True).outcomes
    assert refused.status == "failed" and refused.error.endswith(draft.gaps[0])


def test_a_new_language_builds_as_a_draft_with_no_code_change(config, project):
    from patient_leaflets.catalogs import init_catalog
    from patient_leaflets.config import load_config

    init_catalog(config, "es")
    report = build(load_config(project), locales=["es"], jobs=1)
    [outcome] = report.outcomes
    assert (outcome.status, outcome.draft, len(outcome.gaps)) == ("built", True, 55)
    reader = PdfReader(project / "output" / "es" / "sample.pdf")
    assert reader.trailer["/Root"]["/Lang"] == "es"
    assert all("BROUILLON – ne pas remettre aux patients" in page.extract_text() for page in reader.pages)


ARABIC = {
    "Le traitement exemple": "العلاج المثال",
    "Vous saignez.": "أنت تنزف.",
    "Vous avez {fever_threshold} ou plus.": "حرارتك {fever_threshold} أو أكثر.",
    "Appelez-nous tout de suite": "اتصل بنا فوراً",
}


def test_arabic_is_laid_out_right_to_left_with_a_font_that_has_its_letters(config, project):
    from patient_leaflets.catalogs import init_catalog, read_catalog, write_catalog
    from patient_leaflets.config import load_config

    path = init_catalog(config, "ar")
    catalog = read_catalog(path, "ar")
    for msgid, msgstr in ARABIC.items():
        catalog[msgid].string = msgstr
    write_catalog(path, catalog)
    [outcome] = build(load_config(project), locales=["ar"], jobs=1).outcomes
    assert outcome.status == "built" and outcome.draft
    pdf = project / "output" / "ar" / "sample.pdf"
    assert PdfReader(pdf).trailer["/Root"]["/Lang"] == "ar"
    assert {"Noto-Sans-Arabic", "Noto-Sans-Arabic-Bold"} <= embedded_fonts(pdf)
    assert "العلاج المثال" in pdf_text(pdf)
    html, _ = leaflet_html(load_config(project), project / "leaflets" / "sample.yaml", "ar")
    assert html.html.startswith('<!DOCTYPE html>\n<html lang="ar" dir="rtl">')
    title = _x_of(pdf, "العلاج")
    phone = _x_of(pdf, "+33 1 98 76 54 32")
    width = float(PdfReader(pdf).pages[0].mediabox[2])
    assert title > width / 2, "the title starts at the right-hand margin"
    assert phone is not None, "a phone number keeps its left-to-right order inside right-to-left text"


def _x_of(pdf, text):
    """Return the x position where ``text`` is drawn on the first page, or None."""
    found = []

    def visit(chunk, cm, tm, font, size):
        if text in chunk:
            found.append(tm[4] * cm[0] + cm[4])

    PdfReader(pdf).pages[0].extract_text(visitor_text=visit)
    return found[0] if found else None
