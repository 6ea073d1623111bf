"""Building PDFs as a reader gets them: pages, language, text, fonts, draft marking, and safe writes."""

from __future__ import annotations

import gc
import hashlib
import json
import multiprocessing
import os
import re
import subprocess
import sys
import tracemalloc

import pytest
from pypdf import PdfReader

from conftest import ROOT, add_leaflet, make_project
from patient_leaflets.building import Outcome, build_leaflets, fingerprint
from patient_leaflets.building.manifest import Manifest
from patient_leaflets.cli.progress import closing_lines
from patient_leaflets.config import load_config
from patient_leaflets.errors import LeafletError
from patient_leaflets.pipeline import leaflet_page
from patient_leaflets.render import pdf as pdf_stage


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
    report = build_leaflets(config, jobs=1)
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
    words = " ".join(text.split())
    assert "Clinical review: Dr Exemple (2 March 2026)" in words
    assert "Translation: Traductrice Exemple, checked by Relecteur Exemple (2 March 2026)" in words
    assert "Version 2.1 · next review due: 1 March 2029" in text
    assert "Vous" not in text and "DRAFT" not in text
    assert PdfReader(french).trailer["/Root"]["/Lang"] == "fr"
    assert "Appelez-nous tout de suite" in pdf_text(french)
    assert embedded_fonts(english) == {"Atkinson-Hyperlegible-Next", "Atkinson-Hyperlegible-Next-Bold"}


def test_every_page_of_an_incomplete_translation_is_marked_draft(config):
    po = config.po_path("en")
    po.write_text(po.read_text(encoding="utf-8").replace('msgstr "Rest."', 'msgstr ""'), encoding="utf-8")
    [outcome] = build_leaflets(config, locales=["en"], jobs=1).outcomes
    assert outcome.draft and outcome.status == "built"
    assert [str(gap) for gap in outcome.gaps] == [
        "leaflets/sample.yaml:20 (sections[0].blocks[3].table.rows[0][1]): untranslated: "
        f"'Reposez-vous.' ({po_line(config, 'Reposez-vous.')})"]
    pages = PdfReader(config.root / "output" / "en" / "sample.pdf").pages
    assert all("DRAFT – not to be given to patients" in page.extract_text() for page in pages)


def po_line(config, msgid: str) -> str:
    """Return where ``msgid`` is in the English catalog, as gaps name it: ``translations/en/…/leaflets.po:115``."""
    lines = config.po_path("en").read_text(encoding="utf-8").splitlines()
    entry = 'msgid "' + msgid + '"'
    return f"translations/en/LC_MESSAGES/leaflets.po:{lines.index(entry) + 1}"


def test_strict_refuses_a_draft_and_sets_the_final_pdf_aside(config):
    build_leaflets(config, jobs=1)
    good = (config.root / "output" / "en" / "sample.pdf").read_bytes()
    po = config.po_path("en")
    po.write_text(po.read_text(encoding="utf-8").replace("#, python-brace-format\nmsgid \"Vous avez",
                                                         "#, fuzzy, python-brace-format\nmsgid \"Vous avez"),
                  encoding="utf-8")
    report = build_leaflets(config, strict=True, jobs=1)
    [failed] = report.failed
    assert failed.locale == "en"
    assert failed.error == (
        "refused by --strict: translation changed since approval on 2026-03-02: a text changed: "
        "sections[0].blocks[4].urgent.signs[0]; 1 message(s) are untranslated, fuzzy or fail a check:\n"
        "  leaflets/sample.yaml:23 (sections[0].blocks[4].urgent.signs[0]): fuzzy (marked as needing work by a "
        "translator or a tool; check the translation against msgid, then clear the fuzzy flag): "
        "'Vous avez {fever_threshold} ou plus.' "
        f"({po_line(config, 'Vous avez {fever_threshold} ou plus.')})")
    english = config.root / "output" / "en"
    assert not (english / "sample.pdf").exists(), "no PDF that looks final where the refused one would be"
    assert (config.root / "output" / "superseded" / "en" / "sample.pdf").read_bytes() == good, "set aside, kept"
    assert failed.previous == "output/superseded/en/sample.pdf"
    assert closing_lines(report)[0] == ("set aside  output/en/sample.pdf → output/superseded/en/sample.pdf: it no "
                                        "longer matches its sources")
    assert not list(english.glob(".*.tmp"))
    again = build_leaflets(config, jobs=1)
    assert [(o.locale, o.status, o.draft) for o in again.outcomes] == [("en", "built", True),
                                                                       ("fr", "unchanged", False)]
    assert [str(s) for s in again.stale] == [
        "output/superseded/en/sample.pdf: an earlier PDF, set aside when a build refused or failed to replace it: not "
        "to be given to patients"]
    assert build_leaflets(config, jobs=1, strict=True).failed[0].previous == "", "a draft is marked DRAFT: it stays"
    assert (english / "sample.pdf").exists()


def test_one_broken_leaflet_does_not_stop_the_others(config):
    (config.root / "leaflets" / "broken.yaml").write_text("title: [\n", encoding="utf-8")
    report = build_leaflets(config, locales=["fr"], jobs=2)
    statuses = {o.leaflet: o.status for o in report.outcomes}
    assert statuses == {"broken": "failed", "sample": "built"}
    assert report.failed[0].error.startswith("leaflets/broken.yaml:2:1: invalid YAML")
    assert not (config.root / "output" / "fr" / "broken.pdf").exists()


def test_second_build_skips_unchanged_pdfs_and_rebuilds_on_catalog_change(config):
    build_leaflets(config, jobs=1)
    again = build_leaflets(config, jobs=1)
    assert [o.status for o in again.outcomes] == ["unchanged", "unchanged"]
    po = config.po_path("en")
    po.write_text(po.read_text(encoding="utf-8").replace('"Rest."', '"Get some rest."'), encoding="utf-8")
    third = build_leaflets(config, jobs=1)
    assert [(o.locale, o.status) for o in third.outcomes] == [("en", "built"), ("fr", "unchanged")]
    assert "Get some rest." in pdf_text(config.root / "output" / "en" / "sample.pdf")
    report = json.loads((config.root / "output" / "build-report.json").read_text(encoding="utf-8"))
    assert {p["output"] for p in report["pdfs"]} == {"output/en/sample.pdf", "output/fr/sample.pdf"}


def test_identical_input_gives_identical_bytes(config):
    build_leaflets(config, locales=["fr"], jobs=1)
    first = (config.root / "output" / "fr" / "sample.pdf").read_bytes()
    build_leaflets(config, locales=["fr"], jobs=1, force=True)
    assert (config.root / "output" / "fr" / "sample.pdf").read_bytes() == first


def test_unknown_selection_is_an_error(config):
    with pytest.raises(LeafletError, match=r"no leaflet 'surgery' in leaflets/. Known: sample"):
        build_leaflets(config, leaflets=["surgery"])
    with pytest.raises(LeafletError, match=r"locale 'de' is not configured"):
        build_leaflets(config, locales=["de"])


def test_a_failed_check_makes_a_draft_and_strict_names_it(config):
    po = config.po_path("en")
    po.write_text(po.read_text(encoding="utf-8").replace('msgstr "Rest."', 'msgstr "Rest for 2 days."'),
                  encoding="utf-8")
    [draft] = build_leaflets(config, locales=["en"], jobs=1).outcomes
    assert draft.draft and [str(gap) for gap in draft.gaps] == [
        "leaflets/sample.yaml:20 (sections[0].blocks[3].table.rows[0][1]): numbers differ: msgid has none, msgstr "
        "has 2. Keep every dose, temperature, duration, percentage and age as in msgid (2,5 and 2.5 are the same "
        f"number): 'Reposez-vous.' ({po_line(config, 'Reposez-vous.')})"]
    assert "Rest for 2 days" not in pdf_text(config.root / "output" / "en" / "sample.pdf")
    [refused] = build_leaflets(config, locales=["en"], jobs=1, strict=True).outcomes
    assert refused.status == "failed" and refused.error.endswith(str(draft.gaps[0]))


def test_a_new_language_builds_as_a_draft_with_no_code_change(config, project):
    from patient_leaflets.config import load_config
    from patient_leaflets.i18n.catalogs import init_catalog

    init_catalog(config, "es")
    report = build_leaflets(load_config(project), locales=["es"], jobs=1)
    [outcome] = report.outcomes
    assert (outcome.status, outcome.draft, len(outcome.gaps)) == ("built", True, 66)
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
    from patient_leaflets.config import load_config
    from patient_leaflets.i18n.catalogs import init_catalog
    from patient_leaflets.i18n.pofile import read_catalog, write_catalog

    path = init_catalog(config, "ar")
    catalog = read_catalog(path, "ar")
    for msgid, msgstr in ARABIC.items():
        catalog[msgid].string = msgstr
    write_catalog(path, catalog)
    [outcome] = build_leaflets(load_config(project), locales=["ar"], jobs=1).outcomes
    assert outcome.status == "built" and outcome.draft
    pdf = project / "output" / "ar" / "sample.pdf"
    assert PdfReader(pdf).trailer["/Root"]["/Lang"] == "ar"
    assert {"Noto-Naskh-Arabic", "Noto-Naskh-Arabic-Bold"} <= embedded_fonts(pdf)
    assert "العلاج المثال" in pdf_text(pdf)
    html = leaflet_page(load_config(project), project / "leaflets" / "sample.yaml", "ar").rendered
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


# Incremental builds: counted in renders (WeasyPrint calls), never in seconds.

@pytest.fixture
def renders(monkeypatch):
    """Record every PDF WeasyPrint renders in this process, as ``(locale, leaflet)``."""
    calls = []
    real = pdf_stage.render_pdf

    def counting(html, config, *stylesheets):
        lang = re.search(r'<html lang="([a-z]+)', html).group(1)
        leaflet = re.search(r'<meta name="keywords" content="([^"]+)"', html).group(1)
        calls.append((lang, leaflet))
        return real(html, config, *stylesheets)

    monkeypatch.setattr(pdf_stage, "render_pdf", counting)
    return calls


@pytest.fixture
def two_leaflets(config):
    """The test project with a second leaflet, ``other``, whose title is its own."""
    add_leaflet(config.root, "other", "Un autre traitement", "Another treatment")
    return config


def rebuild(config, renders, **options) -> list[tuple[str, str]]:
    """Build with one worker (in this process, so renders are counted); return what was rendered."""
    renders.clear()
    report = build_leaflets(config, jobs=1, **options)
    assert not report.failed, report.failed
    return sorted(renders)


def edit(path, old, new):
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")


ALL = [("en", "other"), ("en", "sample"), ("fr", "other"), ("fr", "sample")]


def test_an_up_to_date_build_renders_nothing_and_force_renders_everything(two_leaflets, renders):
    assert rebuild(two_leaflets, renders) == ALL
    assert rebuild(two_leaflets, renders) == []
    assert rebuild(two_leaflets, renders, force=True) == ALL


def test_a_new_language_renders_only_its_own_pdfs(two_leaflets, renders):
    from patient_leaflets.i18n.catalogs import init_catalog

    rebuild(two_leaflets, renders)
    init_catalog(two_leaflets, "es")
    assert rebuild(load_config(two_leaflets.root), renders) == [("es", "other"), ("es", "sample")]


def test_editing_one_leaflet_renders_only_its_pdfs(two_leaflets, renders):
    rebuild(two_leaflets, renders)
    edit(two_leaflets.root / "leaflets" / "other.yaml", 'version: "2.1"', 'version: "2.2"')
    assert rebuild(two_leaflets, renders) == [("en", "other"), ("fr", "other")]


@pytest.mark.parametrize("changed", ["styles/leaflet.css", "styles/fonts/OFL.txt", "templates/blocks.html.j2",
                                     "leaflets/_shared.yaml"])
def test_editing_what_every_leaflet_uses_renders_everything(two_leaflets, renders, changed):
    rebuild(two_leaflets, renders)
    with open(two_leaflets.root / changed, "a", encoding="utf-8") as handle:
        handle.write("\n# edited\n" if changed.endswith(".yaml") else "\n")
    assert rebuild(two_leaflets, renders) == ALL


def test_editing_the_institution_renders_everything_and_a_comment_nothing(two_leaflets, renders):
    rebuild(two_leaflets, renders)
    settings = two_leaflets.root / "pyproject.toml"
    with open(settings, "a", encoding="utf-8") as handle:
        handle.write("# a comment changes no setting\n")
    assert rebuild(load_config(two_leaflets.root), renders) == []
    edit(settings, "fever-threshold = 38.5", "fever-threshold = 38.0")
    assert rebuild(load_config(two_leaflets.root), renders) == ALL


def test_editing_one_english_message_renders_only_the_english_pdfs_that_use_it(two_leaflets, renders):
    po = two_leaflets.po_path("en")
    rebuild(two_leaflets, renders)
    edit(po, 'msgstr "The example treatment"', 'msgstr "The sample treatment"')
    assert rebuild(two_leaflets, renders) == [("en", "sample")]
    assert "The sample treatment" in pdf_text(two_leaflets.root / "output" / "en" / "sample.pdf")
    edit(po, 'msgstr "Page %(page)s of %(pages)s"', 'msgstr "Page %(page)s / %(pages)s"')
    assert rebuild(two_leaflets, renders) == [("en", "other"), ("en", "sample")], "a template string is in both"
    edit(po, '"PO-Revision-Date: 2026-11-27 01:10+0000\\n"', '"PO-Revision-Date: 2026-12-01 09:00+0000\\n"')
    with open(po, "a", encoding="utf-8") as handle:
        handle.write('\nmsgid "Un message que personne n’utilise"\nmsgstr "A message nobody uses"\n')
    assert rebuild(two_leaflets, renders) == [], "neither the header nor an unused message is in a PDF"


def test_approving_one_translation_renders_only_that_leaflets_pdfs_in_that_language(two_leaflets, renders):
    import datetime as dt

    from patient_leaflets.approval.approve import approve_translation

    approvals = two_leaflets.approvals_path("en")
    approvals.unlink()  # the first approval of a language, as the next ones
    rebuild(two_leaflets, renders)
    for leaflet in ("other", "sample"):
        approve_translation(two_leaflets, leaflet, "en", ["Traductrice Exemple"], ["Une autre relectrice"],
                            dt.date(2026, 12, 1))
        assert rebuild(two_leaflets, renders) == [("en", leaflet)], "the other leaflet's record did not change"
    with open(approvals, "a", encoding="utf-8") as handle:
        handle.write("# a comment approves nothing\n")
    assert rebuild(two_leaflets, renders) == []
    with open(approvals, "a", encoding="utf-8") as handle:
        handle.write("{odd: written by hand}\n")  # not a record this build can tell apart: every PDF, to be safe
    outcomes = build_leaflets(two_leaflets, jobs=1).outcomes
    assert sorted((o.locale, o.leaflet) for o in outcomes if o.status != "unchanged") == [("en", "other"),
                                                                                           ("en", "sample")]


def test_a_translation_made_fuzzy_or_filled_in_renders_the_pdf_again(two_leaflets, renders):
    po = two_leaflets.po_path("en")
    rebuild(two_leaflets, renders)
    edit(po, 'msgid "Un autre traitement"', '#, fuzzy\nmsgid "Un autre traitement"')
    assert rebuild(two_leaflets, renders) == [("en", "other")]
    assert [o.draft for o in build_leaflets(two_leaflets, jobs=1).outcomes] == [True, False, False, False]
    edit(po, '#, fuzzy\nmsgid "Un autre traitement"', 'msgid "Un autre traitement"')
    edit(po, 'msgstr "Rest."', 'msgstr ""')
    assert rebuild(two_leaflets, renders) == [("en", "other"), ("en", "sample")]
    edit(po, 'msgid "Reposez-vous."\nmsgstr ""', 'msgid "Reposez-vous."\nmsgstr "Have a rest."')
    assert rebuild(two_leaflets, renders) == [("en", "other"), ("en", "sample")], "a missing message was used"


def test_a_new_library_version_renders_everything(two_leaflets, renders, monkeypatch):
    rebuild(two_leaflets, renders)
    real = fingerprint.library_versions
    monkeypatch.setattr(fingerprint, "library_versions", lambda names: {**real(names), "pydyf": "99.0"})
    assert rebuild(two_leaflets, renders) == ALL


def test_library_versions_are_those_python_reports():
    from importlib import metadata

    assert fingerprint.library_versions(fingerprint.LIBRARIES) == {name: metadata.version(name)
                                                             for name in fingerprint.LIBRARIES}


def test_the_pango_and_harfbuzz_versions_are_known():
    versions = fingerprint.native_versions()
    assert re.fullmatch(r"1\.\d+\.\d+", versions["pango"]) and re.fullmatch(r"\d+\.\d+\.\d+", versions["harfbuzz"])


def test_a_pdf_changed_or_removed_outside_the_build_is_built_again(two_leaflets, renders):
    rebuild(two_leaflets, renders)
    out = two_leaflets.root / "output"
    (out / "en" / "sample.pdf").unlink()
    (out / "fr" / "other.pdf").write_bytes(b"%PDF-1.7 not the leaflet")
    assert rebuild(two_leaflets, renders) == [("en", "sample"), ("fr", "other")]
    os.utime(out / "fr" / "sample.pdf")  # touched, same bytes: still up to date
    assert rebuild(two_leaflets, renders) == []


def test_a_damaged_manifest_means_building_everything_again(two_leaflets, renders):
    rebuild(two_leaflets, renders)
    (two_leaflets.root / "output" / ".build-manifest.json").write_text("{not json", encoding="utf-8")
    assert rebuild(two_leaflets, renders) == ALL


def test_an_entry_the_build_cannot_read_is_built_again_alone(two_leaflets, renders):
    rebuild(two_leaflets, renders)
    path = two_leaflets.root / "output" / ".build-manifest.json"
    manifest = json.loads(path.read_text(encoding="utf-8"))
    # A gap as a line of text (as format 1 wrote them), a size that is no number: those two only are built again.
    manifest["pdfs"]["en/sample"]["report"]["gaps"] = ["leaflets/sample.yaml:20: untranslated: 'Reposez-vous.'"]
    manifest["pdfs"]["fr/other"]["pdf"]["bytes"] = "many"
    path.write_text(json.dumps(manifest), encoding="utf-8")
    assert rebuild(two_leaflets, renders) == [("en", "sample"), ("fr", "other")]
    manifest = json.loads(path.read_text(encoding="utf-8"))
    path.write_text(json.dumps({**manifest, "format": manifest["format"] - 1}), encoding="utf-8")
    assert rebuild(two_leaflets, renders) == ALL  # another version's manifest: nothing in it is trusted


def test_an_interrupted_build_keeps_what_it_finished_and_the_next_build_goes_on(two_leaflets, renders,
                                                                              monkeypatch):
    done = []
    counting = pdf_stage.render_pdf

    def interrupted_on_the_third(html, config, *stylesheets):
        if len(done) == 2:
            raise KeyboardInterrupt
        done.append(1)
        return counting(html, config, *stylesheets)

    monkeypatch.setattr(pdf_stage, "render_pdf", interrupted_on_the_third)
    with pytest.raises(KeyboardInterrupt):
        build_leaflets(two_leaflets, jobs=1)
    out = two_leaflets.root / "output"
    report = json.loads((out / "build-report.json").read_text(encoding="utf-8"))
    assert report["interrupted"] and [p["output"] for p in report["pdfs"]] == ["output/en/other.pdf",
                                                                               "output/en/sample.pdf"]
    assert not list(out.glob("*/.*.tmp")) and not (out / ".build-journal.jsonl").exists()
    monkeypatch.setattr(pdf_stage, "render_pdf", counting)
    assert rebuild(two_leaflets, renders) == [("fr", "other"), ("fr", "sample")]


def test_the_journal_of_a_killed_build_is_used_by_the_next_one(two_leaflets, renders, monkeypatch):
    rebuild(two_leaflets, renders)
    edit(two_leaflets.root / "leaflets" / "sample.yaml", 'version: "2.1"', 'version: "2.2"')
    # A build killed after writing en/sample.pdf and its journal line, before it could save the manifest:
    monkeypatch.setattr(Manifest, "save", Manifest.close_journal)
    build_leaflets(two_leaflets, jobs=1, locales=["en"])
    monkeypatch.undo()
    monkeypatch.setattr(pdf_stage, "render_pdf", renders_recorder(renders))
    assert (two_leaflets.root / "output" / ".build-journal.jsonl").exists()
    with open(two_leaflets.root / "output" / ".build-journal.jsonl", "a", encoding="utf-8") as handle:
        handle.write('{"name": "fr/sample", "entry": {"key": "cut sh')  # the line being written at the kill
    assert rebuild(two_leaflets, renders) == [("fr", "sample")]
    assert not (two_leaflets.root / "output" / ".build-journal.jsonl").exists()


def renders_recorder(calls):
    real = pdf_stage.render_pdf

    def counting(html, config, *stylesheets):
        calls.append((re.search(r'<html lang="([a-z]+)', html).group(1),
                      re.search(r'<meta name="keywords" content="([^"]+)"', html).group(1)))
        return real(html, config, *stylesheets)

    return counting


def test_a_render_error_does_not_stop_the_others(two_leaflets, monkeypatch):
    build_leaflets(two_leaflets, jobs=1)
    out = two_leaflets.root / "output"
    before = (out / "en" / "other.pdf").read_bytes()
    real = pdf_stage.render_pdf

    def failing_for_other(html, config, *stylesheets):
        if 'content="other"' in html:
            raise RuntimeError("Pango failed")
        return real(html, config, *stylesheets)

    monkeypatch.setattr(pdf_stage, "render_pdf", failing_for_other)
    edit(two_leaflets.root / "leaflets" / "other.yaml", 'version: "2.1"', 'version: "2.2"')
    report = build_leaflets(two_leaflets, jobs=1, force=True)
    assert [(o.output, o.status) for o in report.outcomes] == [
        ("output/en/other.pdf", "failed"), ("output/en/sample.pdf", "built"),
        ("output/fr/other.pdf", "failed"), ("output/fr/sample.pdf", "built")]
    assert report.failed[0].error == "unexpected error: RuntimeError('Pango failed') (traceback in the log)"
    assert not (out / "en" / "other.pdf").exists(), "an earlier PDF never passes for the one that failed"
    assert (out / "superseded" / "en" / "other.pdf").read_bytes() == before, "set aside, never removed"
    monkeypatch.undo()
    statuses = [o.status for o in build_leaflets(two_leaflets, jobs=1).outcomes]
    assert statuses == ["built", "unchanged", "built", "unchanged"], \
        "a PDF that failed is still out of date"


def test_strict_refuses_an_up_to_date_draft_without_rendering_it(config, renders):
    po = config.po_path("en")
    edit(po, 'msgstr "Rest."', 'msgstr ""')
    rebuild(config, renders)
    renders.clear()
    report = build_leaflets(config, jobs=1, strict=True)
    assert renders == []
    assert [(o.locale, o.status, o.error) for o in report.outcomes] == [
        ("en", "failed", "refused by --strict: translation changed since approval on 2026-03-02: a text changed: "
                         "sections[0].blocks[3].table.rows[0][1]; 1 message(s) are untranslated, fuzzy or fail a "
                         "check:\n"
                         "  leaflets/sample.yaml:20 (sections[0].blocks[3].table.rows[0][1]): untranslated: "
                         f"'Reposez-vous.' ({po_line(config, 'Reposez-vous.')})"), ("fr", "unchanged", "")]


# Reproducible: same inputs, same bytes.

@pytest.mark.slow  # 5 s: two projects built, one with two workers
def test_same_inputs_give_the_same_bytes_in_one_process_or_many_and_in_any_folder(tmp_path):
    first, second = (load_config(make_project(tmp_path / name)) for name in ("first", "second"))
    for config in (first, second):
        add_leaflet(config.root, "other", "Un autre traitement", "Another treatment")
    assert not build_leaflets(first, jobs=1).failed
    assert not build_leaflets(second, jobs=2).failed
    pdfs = sorted(p.relative_to(first.root) for p in (first.root / "output").glob("*/*.pdf"))
    assert len(pdfs) == 4
    for pdf in pdfs:
        data = (first.root / pdf).read_bytes()
        assert data == (second.root / pdf).read_bytes(), pdf
        # No clock time in the file, so next month's build of the same inputs is the same too.
        assert not re.search(rb"/CreationDate|/ModDate|xmp:(Create|Modify|Metadata)Date|\(D:\d{8}", data)


# What the build tells: report and HTML.

def test_the_report_describes_every_pdf(config):
    edit(config.po_path("en"), 'msgstr "Rest."', 'msgstr ""')
    built = build_leaflets(config, jobs=1)
    report = build_leaflets(config, jobs=1)
    data = json.loads((config.root / "output" / "build-report.json").read_text(encoding="utf-8"))
    assert data["summary"] == {"built": 0, "unchanged": 2, "drafts": 1, "failed": 0, "stale": 0,
                               "formats": {"standard": 2}}
    english, french = data["pdfs"]
    pdf = config.root / "output" / "en" / "sample.pdf"
    assert {k: english[k] for k in ("locale", "leaflet", "version", "pages", "bytes", "sha256")} == {
        "locale": "en", "leaflet": "sample", "version": "2.1", "pages": len(PdfReader(pdf).pages),
        "bytes": pdf.stat().st_size, "sha256": hashlib.sha256(pdf.read_bytes()).hexdigest()}
    assert english["draft_reasons"] == ["translation changed since approval on 2026-03-02: a text changed: "
                                        "sections[0].blocks[3].table.rows[0][1]",
                                        "1 message(s) are untranslated, fuzzy or fail a check"]
    assert english["gaps"] == [str(gap) for gap in report.outcomes[0].gaps] and len(english["gaps"]) == 1
    # An unchanged PDF's outcome is the one its build gave, read back from the manifest: gaps and approval as data.
    for kept, new in zip(report.outcomes, built.outcomes, strict=True):
        assert kept.record().to_json() == new.record().to_json() and kept.approval == new.approval
        assert [(gap.msgid, gap.reason, gap.po) for gap in kept.gaps] == [(gap.msgid, gap.reason, gap.po)
                                                                           for gap in new.gaps]
    assert english["render_seconds"] > 0 and french["draft_reasons"] == []
    assert english["approval"]["final"] is False and french["approval"]["final"] is True
    assert french["approval"]["source"] == {
        "state": "approved", "date": "2026-03-02", "version": "2.1", "changed": 0,
        "by": {"clinical": ["Dr Exemple"], "patient": ["Comité des patients"]},
        "record": f"leaflets/sample.yaml:{sample_line(config, 'approval:') + 1}"}
    assert english["approval"]["translation"] == {
        "state": "changed", "date": "2026-03-02", "version": "2.1", "changed": 1,
        "by": {"translator": ["Traductrice Exemple"], "reviewer": ["Relecteur Exemple"]},
        "record": "translations/en/approvals.yaml:4"}


def test_the_readme_lists_every_field_of_a_report_line():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    text = readme[readme.index("`output/build-report.json` lists, for each PDF:"):]
    listed = set(re.findall(r"`([a-z0-9_]+)`", text[:text.index("then a `summary`")]))
    assert set(Outcome("sample", "en", "output/en/sample.pdf", "built").to_json()) <= listed


def sample_line(config, start: str) -> int:
    lines = (config.root / "leaflets" / "sample.yaml").read_text(encoding="utf-8").splitlines()
    return next(n for n, line in enumerate(lines, 1) if line.startswith(start))


def test_html_option_keeps_the_html_beside_each_pdf(config, renders):
    rebuild(config, renders)
    assert rebuild(config, renders, keep_html=True) == [("en", "sample"), ("fr", "sample")], "no HTML yet"
    html = (config.root / "output" / "en" / "sample.html").read_text(encoding="utf-8")
    assert html.startswith("<!DOCTYPE html>") and '<html lang="en-GB" dir="ltr">' in html
    assert "The example treatment" in html
    assert rebuild(config, renders, keep_html=True) == []
    edit(config.root / "leaflets" / "sample.yaml", 'version: "2.1"', 'version: "2.2"')
    rebuild(config, renders)
    assert not (config.root / "output" / "en" / "sample.html").exists(), "an HTML file no longer matching its PDF"


def test_outputs_of_leaflets_and_languages_that_no_longer_exist_are_reported(config):
    build_leaflets(config, jobs=1)
    out = config.root / "output"
    (out / "de").mkdir()
    (out / "de" / "sample.pdf").write_bytes(b"%PDF")
    (out / "fr" / "surgery.pdf").write_bytes(b"%PDF")
    report = build_leaflets(config, jobs=1)
    assert [str(s) for s in report.stale] == [
        "output/de/sample.pdf: the language 'de' is not built any more (not in locales)",
        "output/fr/surgery.pdf: there is no leaflet 'surgery' in leaflets/ any more"]
    assert (out / "de" / "sample.pdf").exists(), "reported, never deleted"


def test_a_second_build_of_the_same_folder_is_refused_while_one_runs(config):
    holder = ("import pathlib, sys; from patient_leaflets.building.manifest import build_lock\n"
              "with build_lock(pathlib.Path(sys.argv[1]), 'output'):\n    print('held', flush=True); sys.stdin.read()")
    with subprocess.Popen([sys.executable, "-c", holder, str(config.root / "output")], stdin=subprocess.PIPE,
                          stdout=subprocess.PIPE, text=True) as other:
        assert other.stdout.readline() == "held\n"
        with pytest.raises(LeafletError, match="^output: another build is writing to this folder. Wait until"):
            build_leaflets(config, jobs=1)
        other.stdin.close()
    assert [o.status for o in build_leaflets(config, jobs=1).outcomes] == ["built", "built"]


# The parent process never imports WeasyPrint: not when all is up to date, not when workers render.

@pytest.mark.parametrize("jobs", [2, None])
def test_the_build_process_does_not_import_weasyprint(project, jobs):
    script = ("import sys, pathlib\n"
              "from patient_leaflets.config import load_config\nfrom patient_leaflets.building import build_leaflets\n"
              f"report = build_leaflets(load_config(pathlib.Path(sys.argv[1])), jobs={jobs})\n"
              "print(report.count('built'), 'weasyprint' in sys.modules)")
    if jobs is None:  # up to date: build first
        subprocess.run([sys.executable, "-c", script, str(project)], check=True, capture_output=True)
    result = subprocess.run([sys.executable, "-c", script, str(project)], capture_output=True, text=True, check=True)
    assert result.stdout.split() == (["2", "False"] if jobs else ["0", "False"])


@pytest.mark.slow  # 25 s: 23 leaflets rendered with every allocation traced
def test_a_worker_keeps_no_leaflet_in_memory_once_rendered(config):
    """Memory per worker stays flat over a long build (the YAML loader used to keep every node it read)."""
    source = config.root / "leaflets" / "sample.yaml"
    tracemalloc.start()
    try:
        for _ in range(3):  # what stays from one leaflet to the next (the last catalog, compiled templates)
            leaflet_page(config, source, "en")
        gc.collect()
        before = tracemalloc.get_traced_memory()[0]
        for _ in range(20):
            leaflet_page(config, source, "en")
        gc.collect()
        grown = tracemalloc.get_traced_memory()[0] - before
    finally:
        tracemalloc.stop()
    assert grown < 100_000, f"{grown} bytes kept after 20 leaflets"


@pytest.mark.skipif(multiprocessing.get_start_method() != "fork", reason="workers must inherit the test's patch")
def test_a_worker_that_dies_fails_only_its_own_pdfs(two_leaflets, monkeypatch):
    """A crash stops every PDF its pool was building: all but the one that crashed are built all the same."""
    real = pdf_stage.render_pdf

    def crashing_for_other(html, config, *stylesheets):
        if 'content="other"' in html:
            os._exit(1)  # as a crash in a native library would end the process
        return real(html, config, *stylesheets)

    monkeypatch.setattr(pdf_stage, "render_pdf", crashing_for_other)
    report = build_leaflets(two_leaflets, jobs=2)
    assert [(o.output, o.status) for o in report.outcomes] == [
        ("output/en/other.pdf", "failed"), ("output/en/sample.pdf", "built"),
        ("output/fr/other.pdf", "failed"), ("output/fr/sample.pdf", "built")]
    assert all(o.error.startswith("unexpected error: the worker process stopped (") for o in report.failed)
    for outcome in report.outcomes[1::2]:
        assert len(PdfReader(two_leaflets.root / outcome.output).pages) == outcome.pages
    monkeypatch.undo()
    statuses = [o.status for o in build_leaflets(two_leaflets, jobs=1).outcomes]
    assert statuses == ["built", "unchanged", "built", "unchanged"], \
        "the PDFs built after the crash are recorded; those that crashed are still out of date"
