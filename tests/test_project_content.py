"""The leaflets patients receive: complete in every language, readable, and 3 to 6 A4 pages each."""

from __future__ import annotations

import datetime as dt
import shutil

import pytest
from pypdf import PdfReader

from conftest import ROOT
from patient_leaflets.approval.approve import approve_leaflet, approve_translation
from patient_leaflets.approval.status import approval_status
from patient_leaflets.build import build
from patient_leaflets.check.project import check_project
from patient_leaflets.config import load_config
from patient_leaflets.i18n.stats import catalog_stats

TREATMENTS = {"external-radiotherapy", "brachytherapy", "surgery", "chemotherapy", "immunotherapy",
              "hormone-therapy", "interventional-radiology", "car-t-cell-therapy"}
PUBLISHED = dt.date(2026, 11, 27)
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


def test_all_eight_treatments_have_a_leaflet(real_project):
    assert {path.stem for path in real_project.leaflet_files()} == TREATMENTS


def test_every_catalog_is_complete(real_project):
    for row in catalog_stats(real_project):
        assert (row.fuzzy, row.untranslated) == (0, 0), f"{row.locale} is not complete"


def test_check_passes_with_readability_within_the_content_guide(real_project):
    report = check_project(real_project, today=PUBLISHED)
    assert report.errors == []
    # The one thing missing: nobody at the institution has approved these leaflets yet.
    assert [str(p) for p in report.warnings if not p.message.startswith("a draft: ")] == []
    assert {p.file for p in report.warnings} == {f"output/{locale}/{leaflet}.pdf" for leaflet in TREATMENTS
                                                 for locale in real_project.all_locales}
    assert len(report.readability) == len(TREATMENTS) * len(real_project.all_locales)
    assert all(row.scores for row in report.readability)


def test_once_approved_every_pdf_is_final_and_fits_three_to_six_pages(tmp_path):
    """The PDFs as patients will get them, once the institution's people approve them (here, made-up names)."""
    real_project = copy_project(tmp_path / "project")
    for leaflet in TREATMENTS:
        approve_leaflet(real_project, leaflet, ["Dr Test"], ["Comité de test"], PUBLISHED)
        for locale in real_project.locales:
            approve_translation(real_project, leaflet, locale, ["Traductrice de test"], [], PUBLISHED)
    report = build(real_project)
    assert not report.failed
    assert [o.output for o in report.outcomes if o.draft] == []
    pages = {o.output: len(PdfReader(real_project.root / o.output).pages) for o in report.outcomes}
    assert len(pages) == len(TREATMENTS) * len(real_project.all_locales)
    assert {path: count for path, count in pages.items() if not 3 <= count <= 6} == {}


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
    report = build(config, leaflets=["chemotherapy", "surgery"], jobs=1)
    assert [(o.leaflet, o.locale) for o in report.outcomes if not o.draft] == [("chemotherapy", "en"),
                                                                              ("chemotherapy", "fr")]
