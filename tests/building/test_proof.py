"""The bilingual review proof as a reviewer gets it: built on request only, for translations only, each source
text beside its translation with its .po line, what the hand-out cannot use highlighted, and never mistaken for
a hand-out."""

from __future__ import annotations

import re

import pytest
from pypdf import PdfReader
from test_build import edit, embedded_fonts, pdf_text

from patient_leaflets.building import build_leaflets
from patient_leaflets.errors import BuildError


def proof_text(config) -> str:
    """Return the text of the English proof, one line per line of the page, spaces collapsed."""
    return "\n".join(" ".join(line.split()) for line in pdf_text(config.root / "output" / "en" / "sample.proof.pdf")
                     .splitlines())


def po_line(config, msgid: str) -> int:
    """Return the line of ``msgid "…"`` in the English catalog, as a text editor numbers it."""
    lines = config.po_path("en").read_text(encoding="utf-8").splitlines()
    return lines.index(f'msgid "{msgid}"') + 1


def test_the_proof_is_built_only_on_request_and_only_for_translations(config):
    assert all(o.format == "standard" for o in build_leaflets(config, jobs=1).outcomes)
    report = build_leaflets(config, jobs=1, formats=["proof"])
    assert [(o.locale, o.format, o.output, o.status, o.draft, o.draft_reasons) for o in report.outcomes] == [
        ("en", "proof", "output/en/sample.proof.pdf", "built", True,
         ["a review proof, for the reviewer of the translation: never for patients"])]
    assert not (config.root / "output" / "fr" / "sample.proof.pdf").exists()
    with pytest.raises(BuildError, match="there is no proof of the source language 'fr'"):
        build_leaflets(config, jobs=1, formats=["proof"], locales=["fr"])


def test_every_page_of_the_proof_says_it_is_not_for_patients(config):
    build_leaflets(config, jobs=1, formats=["proof"], locales=["en"])
    reader = PdfReader(config.root / "output" / "en" / "sample.proof.pdf")
    assert all("REVIEW PROOF – not for patients" in page.extract_text() for page in reader.pages)
    assert reader.metadata.title.startswith("Review proof – not for patients")
    width, height = (float(v) for v in reader.pages[0].mediabox[2:])
    assert width > height, "landscape: no hand-out is"
    root = reader.trailer["/Root"]
    assert root["/Lang"] == "en" and root["/MarkInfo"]["/Marked"] and "/StructTreeRoot" in root
    assert embedded_fonts(config.root / "output" / "en" / "sample.proof.pdf") == {
        "Atkinson-Hyperlegible-Next", "Atkinson-Hyperlegible-Next-Bold"}


def test_each_source_text_stands_beside_its_translation_with_its_po_line(config):
    build_leaflets(config, jobs=1, formats=["proof"], locales=["en"])
    text = proof_text(config)
    line = po_line(config, "Le traitement exemple")
    assert re.search(rf"\.po line {line}\nleaflets/sample\.yaml:\d+\ntitle\nLe traitement exemple The example "
                     r"treatment", text)
    assert "Reposez-vous. Rest." in text
    assert "Page layout: the texts of the templates, in every leaflet" in text
    assert re.search(r"templates/leaflet\.html\.j2:\d+\nBROUILLON – ne pas remettre aux patients DRAFT – not to "
                     r"be given to patients", text)


def test_fuzzy_untranslated_and_refused_messages_are_highlighted_and_named(config):
    po = config.po_path("en")
    edit(po, 'msgid "Reposez-vous."\nmsgstr "Rest."', '#, fuzzy\nmsgid "Reposez-vous."\nmsgstr "Rest."')
    edit(po, 'msgstr "You are bleeding."', 'msgstr ""')
    edit(po, 'msgstr "The example treatment"', 'msgstr "The example treatment <b>now</b>"')
    report = build_leaflets(config, jobs=1, formats=["proof"], locales=["en"], strict=True)
    assert [o.status for o in report.outcomes] == ["built"], "a proof is how gaps get reviewed: never refused"
    assert build_leaflets(config, jobs=1, formats=["proof"], strict=True).outcomes[0].status == "unchanged"
    text = proof_text(config)
    assert re.search(r"Messages (\d+): (\d+) translated, 1 fuzzy, 1 untranslated, 1 refused by a check",
                     text.replace("\n", " "))
    assert ("Fuzzy (marked as needing work by a translator or a tool; check the translation against msgid, then "
            "clear the fuzzy flag) Rest.") in text.replace("\n", " ")
    assert "Vous saignez. Untranslated" in text
    assert "Refused by a check:" in text and "The example treatment <b>now</b>" in text.replace("\n", " ")


def test_a_fuzzy_row_shows_the_earlier_source_its_translation_follows(config):
    from patient_leaflets.i18n.catalogs import update_catalogs, write_template

    edit(config.root / "leaflets" / "sample.yaml", "Reposez-vous.", "Reposez-vous 2 heures.")
    write_template(config)
    update_catalogs(config)
    build_leaflets(config, jobs=1, formats=["proof"], locales=["en"])
    text = proof_text(config).replace("\n", " ")
    assert ("Approval not final: text changed since approval on 2026-03-02: a text changed: sections[0].blocks[3]."
            "table.rows[0][1]; source text of the translation changed since approval on 2026-03-02: a text changed: "
            "sections[0].blocks[3].table.rows[0] [1]") in text
    assert re.search(r"Reposez-vous 2 heures\. Translated from an earlier text \(changed: added “2 heures”\): "
                     r"Reposez-vous\. Fuzzy \(the source changed since it was translated", text), text


def test_any_change_to_the_catalog_builds_the_proof_again(config):
    build_leaflets(config, jobs=1, formats=["proof", "standard"], locales=["en"])
    edit(config.po_path("en"), 'msgid "Le traitement exemple"', '# a comment moves every line below\n'
                               'msgid "Le traitement exemple"')
    report = build_leaflets(config, jobs=1, formats=["proof", "standard"], locales=["en"])
    assert [(o.format, o.status) for o in report.outcomes] == [("standard", "unchanged"), ("proof", "built")]
    assert f".po line {po_line(config, 'Le traitement exemple')}\n" in proof_text(config)


def test_the_call_us_box_of_page_1_is_reviewed_with_the_key_points(config):
    """A leaflet's own call-us box (its top-level ``urgent``) is printed under the key points: so is its proof."""
    sample = config.root / "leaflets" / "sample.yaml"
    box = "urgent:\n  signs:\n    - Vous avez {fever_threshold} ou plus.\n    - Vous saignez.\n"
    edit(sample, "      - urgent:\n          signs:\n            - Vous avez {fever_threshold} ou plus.\n"
                 "            - Vous saignez.\n", "")
    edit(sample, "sections:\n", box + "sections:\n")
    build_leaflets(config, jobs=1, formats=["proof"], locales=["en"])
    text = proof_text(config)
    first_part = text.index("Title, summary, key points and the call-us box")
    assert first_part < text.index("Vous saignez. You are bleeding.") < text.index("Qu’est-ce que c’est")


def test_the_proof_names_the_language_and_keeps_paths_and_placeholders_whole(config):
    build_leaflets(config, jobs=1, formats=["proof"], locales=["en"], keep_html=True)
    text = proof_text(config)
    assert "Le traitement exemple: translation into English (en-GB)" in text
    assert "Approval the text and this translation are approved as they are now" in text
    assert ("Checked against the source text, every row above, by:\nName\nDate\nSignature\nThen record the approval: "
            "leaflets approve sample --locale en --translator NAME --reviewer NAME") in text
    html = next((config.root / "output" / "en").glob("sample.proof*.html")).read_text(encoding="utf-8")
    assert "sections[0].<wbr>blocks[3].<wbr>table.<wbr>rows[0][1]" in html, "broken at its dots, not mid-word"
    assert '<span class="placeholder">%(page)s</span>' in html
