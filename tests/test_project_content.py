"""The leaflets patients receive: complete in every language, readable, and 3 to 6 A4 pages each."""

from __future__ import annotations

import datetime as dt
import shutil

import pytest
from pypdf import PdfReader

from conftest import ROOT
from patient_leaflets.build import build
from patient_leaflets.check.project import check_project
from patient_leaflets.config import load_config
from patient_leaflets.i18n.stats import catalog_stats

TREATMENTS = {"external-radiotherapy", "brachytherapy", "surgery", "chemotherapy", "immunotherapy",
              "hormone-therapy-breast", "hormone-therapy-prostate", "interventional-radiology", "car-t-cell-therapy"}
PUBLISHED = dt.date(2026, 12, 2)
"""The day the leaflets were published: checked as of then, so that their review date coming near (a warning
90 days before) does not turn this test red on its own. Review dates are tested in tests/check."""


@pytest.fixture(scope="module")
def real_project(tmp_path_factory):
    folder = tmp_path_factory.mktemp("real") / "project"
    for name in ("leaflets", "templates", "styles", "translations"):
        shutil.copytree(ROOT / name, folder / name)
    for name in ("pyproject.toml", "babel.cfg"):
        shutil.copy(ROOT / name, folder / name)
    return load_config(folder)


def test_every_treatment_has_a_leaflet(real_project):
    assert {path.stem for path in real_project.leaflet_files()} == TREATMENTS


def test_every_catalog_is_complete(real_project):
    for row in catalog_stats(real_project):
        assert (row.fuzzy, row.untranslated) == (0, 0), f"{row.locale} is not complete"


def test_check_passes_with_readability_within_the_content_guide(real_project):
    report = check_project(real_project, today=PUBLISHED)
    assert [str(p) for p in report.errors + report.warnings] == []
    assert len(report.readability) == len(TREATMENTS) * len(real_project.all_locales)
    assert all(row.scores for row in report.readability)


def test_every_pdf_is_final_and_fits_three_to_six_pages(real_project):
    report = build(real_project)
    assert not report.failed
    assert [o.output for o in report.outcomes if o.draft] == []
    pages = {o.output: len(PdfReader(real_project.root / o.output).pages) for o in report.outcomes}
    assert len(pages) == len(TREATMENTS) * len(real_project.all_locales)
    assert {path: count for path, count in pages.items() if not 3 <= count <= 6} == {}
