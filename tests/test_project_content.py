"""The leaflets patients receive: complete in every language, readable, at most four A4 pages (one folded A3
sheet) each, and no French left untagged in another language."""

from __future__ import annotations

import datetime as dt
import re
import shutil
from html.parser import HTMLParser

import pytest
from pypdf import PdfReader

from conftest import ROOT, TREATMENTS
from patient_leaflets.approval.approve import approve_leaflet, approve_translation
from patient_leaflets.building import build_leaflets
from patient_leaflets.check.project import check_project
from patient_leaflets.config import load_config
from patient_leaflets.content.leaflet import load_leaflet
from patient_leaflets.i18n.catalogs import outdated_catalogs
from patient_leaflets.i18n.stats import catalog_stats
from patient_leaflets.pipeline.status import approval_status

pytestmark = pytest.mark.slow  # the real leaflets, rendered, checked and built

PUBLISHED = dt.date(2026, 12, 2)
"""The day the leaflets were published: checked as of then, so that their review date coming near (a warning
90 days before) does not turn this test red on its own. Review dates are tested in tests/check."""


def copy_project(folder):
    """Copy the project as a fresh clone has it (no output) into ``folder``; return its settings."""
    for name in ("leaflets", "templates", "styles", "translations"):
        shutil.copytree(ROOT / name, folder / name)
    for name in ("pyproject.toml", "babel.cfg"):
        shutil.copy(ROOT / name, folder / name)
    return load_config(folder)


@pytest.fixture(scope="module")
def real_project(tmp_path_factory):
    return copy_project(tmp_path_factory.mktemp("real") / "project")


def not_approved(config, leaflet: str, locale: str) -> list[str]:
    """The reasons a PDF of the shipped project is a draft: nobody approved it yet (and nothing else)."""
    return ["text not yet approved"] + (["translation not yet approved"] if locale != config.source_locale else [])


def test_every_treatment_has_a_leaflet(real_project):
    assert {path.stem for path in real_project.leaflet_files()} == TREATMENTS


def test_every_catalog_is_complete(real_project):
    for row in catalog_stats(real_project):
        assert (row.fuzzy, row.untranslated) == (0, 0), f"{row.locale} is not complete"


def test_the_catalogs_are_what_extract_and_update_give(real_project):
    """A translator opening a catalog finds every message the leaflets and templates have, where they are now."""
    assert [f"{item.path.name}: {item.changes[:3]}" for item in outdated_catalogs(real_project)] == []


def test_check_passes_with_readability_within_the_content_guide(real_project):
    report = check_project(real_project, today=PUBLISHED)
    assert report.errors == []
    # The one thing missing: nobody at the institution has approved these leaflets yet.
    assert [str(p) for p in report.warnings if not p.message.startswith("a draft: ")] == []
    assert {p.file for p in report.warnings} == {f"output/{locale}/{leaflet}.pdf" for leaflet in TREATMENTS
                                                 for locale in real_project.all_locales}
    assert len(report.readability) == len(TREATMENTS) * len(real_project.all_locales)
    assert all(row.scores for row in report.readability)


def test_every_table_and_picture_says_what_to_do_with_it_and_every_leaflet_has_a_picture(real_project):
    """PEMAT-P items 15, 17 and 25: a picture in every leaflet, each with a caption that tells the reader how to
    use it (find their medicine, ask for their dates)."""
    for path in real_project.leaflet_files():
        leaflet = load_leaflet(path, path.name)
        blocks = [block for section in leaflet.data["sections"] for block in section["blocks"]]
        drawn = [block[kind] for block in blocks for kind in ("table", "timeline", "figure") if kind in block]
        assert any("timeline" in block or "figure" in block for block in blocks), f"{path.stem}: no picture"
        assert all(item.get("caption") for item in drawn), f"{path.stem}: a table or picture without a caption"


def test_once_approved_every_pdf_is_final_and_fits_on_four_pages(tmp_path):
    """The PDFs as patients will get them, once the institution's people approve them (here, made-up names)."""
    real_project = copy_project(tmp_path / "project")
    for leaflet in TREATMENTS:
        approve_leaflet(real_project, leaflet, ["Dr Test"], ["Comité de test"], PUBLISHED)
        for locale in real_project.locales:
            approve_translation(real_project, leaflet, locale, ["Traductrice de test"], [], PUBLISHED)
    # The standard edition only: whether a PDF is final does not depend on its format, its four pages are the
    # standard edition's, and five languages in both formats would double the test's time for nothing more.
    report = build_leaflets(real_project, formats=["standard"])
    assert not report.failed
    assert [o.output for o in report.outcomes if o.draft] == []
    pages = {o.output: len(PdfReader(real_project.root / o.output).pages) for o in report.outcomes
             if o.format == "standard"}
    assert len(pages) == len(TREATMENTS) * len(real_project.all_locales)
    assert {path: count for path, count in pages.items() if not 2 <= count <= 4} == {}


def test_a_fresh_clone_has_nothing_approved_until_people_approve_it(tmp_path):
    config = copy_project(tmp_path / "project")
    rows = approval_status(config)
    assert len(rows) == len(TREATMENTS) * len(config.all_locales)
    assert [(row.leaflet, row.locale) for row in rows if row.final] == []
    assert all(row.reasons() == not_approved(config, row.leaflet, row.locale) for row in rows)
    approve_leaflet(config, "chemotherapy", ["Dr Marie Dupont"], ["Comité des usagers"], dt.date(2026, 12, 3))
    approve_translation(config, "chemotherapy", "en", ["Jane Translator"], ["John Reviewer"], dt.date(2026, 12, 4))
    rows = approval_status(config)
    assert [(row.leaflet, row.locale) for row in rows if row.final] == [("chemotherapy", "fr"), ("chemotherapy", "en")]
    report = build_leaflets(config, leaflets=["chemotherapy", "surgery"], jobs=1, formats=["standard"])
    assert [(o.leaflet, o.locale) for o in report.outcomes if not o.draft] == [("chemotherapy", "en"),
                                                                              ("chemotherapy", "fr")]


class _Paragraphs(HTMLParser):
    """Collect the text of each paragraph-like element, leaving out what is tagged with another language."""

    BLOCKS = {"p", "li", "dt", "dd", "td", "th", "h1", "h2", "h3", "caption"}
    VOID = {"br", "meta", "img", "hr", "input", "link"}

    def __init__(self, lang: str):
        super().__init__()
        self.stack: list[tuple[str, str]] = [("", lang)]
        self.paragraphs: list[str] = []
        self.current: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag in self.VOID:
            return
        if tag in self.BLOCKS:
            self._flush()
        self.stack.append((tag, dict(attrs).get("lang") or self.stack[-1][1]))

    def handle_endtag(self, tag):
        if tag in self.BLOCKS:
            self._flush()
        while len(self.stack) > 1:
            if self.stack.pop()[0] == tag:
                break

    def handle_data(self, data):
        if self.stack[-1][1].startswith("en") and not any(t in ("style", "title") for t, _ in self.stack):
            self.current.append(data)

    def _flush(self):
        # Web addresses belong to no language: leave them out.
        text = " ".join(word for word in "".join(self.current).split() if not re.search(r"[./]\w", word))
        if text:
            self.paragraphs.append(text)
        self.current = []


def untagged_french(html: str) -> list[str]:
    """Return the paragraphs of an English page that read as French although nothing tags them so."""
    import py3langid

    parser = _Paragraphs("en")
    parser.feed(html)
    py3langid.set_languages(["en", "fr"])
    return [text for text in parser.paragraphs if len(text.split()) >= 5 and py3langid.classify(text)[0] == "fr"]


def test_english_leaflets_leave_no_french_paragraph_untagged(real_project):
    from patient_leaflets.pipeline import leaflet_page

    assert untagged_french("<p>Ce document ne remplace pas les conseils de votre équipe.</p>") != [], "detects French"
    assert untagged_french('<p lang="fr">Ce document ne remplace pas les conseils de votre équipe.</p>') == []
    paths = real_project.leaflet_files()
    assert {path.stem for path in paths} == TREATMENTS
    for path in paths:
        html = leaflet_page(real_project, path, "en").rendered.html
        assert untagged_french(html) == [], path.stem
