"""Shared fixtures: a small project copied into a temporary folder, with the real templates and styles; the day
review dates are judged against, pinned for the session; the leaflets the real project ships."""

from __future__ import annotations

import datetime as dt
import os
import shutil
from pathlib import Path

import pytest

from patient_leaflets.config import load_config
from patient_leaflets.config.clock import ENVIRONMENT

ROOT = Path(__file__).resolve().parent.parent
DATA = Path(__file__).resolve().parent / "data"


TODAY = "2026-12-02"
"""The day review dates are judged against in every test, whatever the clock says (config/clock.py): the sample's
review falls due on 2029-03-01, and the tests must not start failing then."""

TREATMENTS = {"external-radiotherapy", "brachytherapy", "surgery", "chemotherapy", "immunotherapy",
              "hormone-therapy-breast", "hormone-therapy-prostate", "interventional-radiology", "car-t-cell-therapy"}
"""The leaflets the project ships (``leaflets/``): one for each treatment. Tests that go through them all check
that they found these, so that none passes by finding no leaflet."""

APPROVED_ON = dt.date(2026, 3, 2)
"""The day the test project's people approve its text and translation (``approve``)."""


@pytest.fixture(scope="session", autouse=True)
def leaflets_today():
    """Pin ``LEAFLETS_TODAY`` to ``TODAY`` for the whole session, put back as it was after.

    Set in ``os.environ`` itself, not with monkeypatch, so that the commands the tests start in a subprocess inherit
    it too (each xdist worker is a session of its own and sets it for itself).
    """
    before = os.environ.get(ENVIRONMENT)
    os.environ[ENVIRONMENT] = TODAY
    yield TODAY
    if before is None:
        os.environ.pop(ENVIRONMENT, None)
    else:
        os.environ[ENVIRONMENT] = before


def make_project(folder: Path, approved: bool = True) -> Path:
    """Copy the test project and the repository's templates, styles and babel.cfg into ``folder``.

    With ``approved``, its leaflet's French text and English translation are approved as they are (``approve``):
    the test project is what a hospital has once its people approved it.
    """
    shutil.copytree(DATA / "project", folder, dirs_exist_ok=True)
    for name in ("templates", "styles"):
        shutil.copytree(ROOT / name, folder / name, dirs_exist_ok=True)
    shutil.copy(ROOT / "babel.cfg", folder / "babel.cfg")
    if approved:
        approve(folder, "sample", translated=True)
    return folder


def approve(project: Path, leaflet_id: str, translated: bool = False) -> None:
    """Approve a leaflet's text as it is now, by the test project's people (and its English translation), and the
    layout of every leaflet."""
    from patient_leaflets.approval.approve import approve_leaflet, approve_translation
    from patient_leaflets.approval.layout import approve_layout

    config = load_config(project)
    approve_layout(config, ("Graphiste Exemple",), APPROVED_ON)
    approve_leaflet(config, leaflet_id, ["Dr Exemple"], ["Comité des patients"], APPROVED_ON)
    if translated:
        approve_translation(config, leaflet_id, "en", ["Traductrice Exemple"], ["Relecteur Exemple"], APPROVED_ON)


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """Return the path of a fresh copy of the test project."""
    return make_project(tmp_path / "project")


@pytest.fixture
def config(project: Path):
    """Return the settings of the test project."""
    return load_config(project)


@pytest.fixture(scope="session")
def built_project(tmp_path_factory) -> Path:
    """Return a test project whose PDFs are already built; copy it before changing anything in it."""
    from patient_leaflets.building import build_leaflets

    folder = make_project(tmp_path_factory.mktemp("built") / "project")
    report = build_leaflets(load_config(folder), jobs=1)
    assert not report.failed
    return folder


def add_leaflet(project: Path, leaflet_id: str, title: str, english: str | None = None) -> Path:
    """Add a leaflet: the sample under another title, translated into English as ``english`` when given.

    Its text is approved, and so is its translation when there is one.
    """
    sample = (project / "leaflets" / "sample.yaml").read_text(encoding="utf-8")
    path = project / "leaflets" / f"{leaflet_id}.yaml"
    path.write_text(sample.replace("title: Le traitement exemple", f"title: {title}"), encoding="utf-8")
    if english:
        po = project / "translations" / "en" / "LC_MESSAGES" / "leaflets.po"
        with open(po, "a", encoding="utf-8") as handle:
            handle.write(f'\nmsgid "{title}"\nmsgstr "{english}"\n')
    approve(project, leaflet_id, translated=bool(english))
    return path


def copy_real_project(folder: Path) -> Path:
    """Return a copy of the real project (its leaflets, templates, styles, catalogs and settings) at ``folder``."""
    for name in ("leaflets", "templates", "styles", "translations"):
        shutil.copytree(ROOT / name, folder / name)
    for name in ("pyproject.toml", "babel.cfg"):
        shutil.copy(ROOT / name, folder / name)
    return folder
