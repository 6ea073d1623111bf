"""The small project the library's tests share: two leaflets in French and English, built, and a large-print
PDF recorded in the build manifest as a build of that format records it."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from conftest import add_leaflet, make_project
from patient_leaflets.building import build_leaflets
from patient_leaflets.building.manifest import MANIFEST_FILE
from patient_leaflets.building.plan import job_name
from patient_leaflets.config import load_config
from patient_leaflets.config.formats import FORMATS


def make_library_project(folder: Path) -> Path:
    """Return a built project: ``sample`` and ``chemotherapy``, each in French and English, and a large-print PDF
    of the French sample as a build with formats reports it."""
    project = make_project(folder)
    add_leaflet(project, "chemotherapy", "La chimiothérapie", "Chemotherapy")
    add_search_terms(project, "chemotherapy", "PICC, nausée, tamoxifène", "PICC, nausea, tamoxifen")
    report = build_leaflets(load_config(project), jobs=1)
    assert not report.failed, [o.error for o in report.failed]
    add_format(project, "fr", "sample", "large-print")
    return project


def add_format(project: Path, locale: str, leaflet: str, fmt: str, **record) -> Path:
    """Record in the build manifest a PDF of ``leaflet`` in another format (a copy of the standard one), with
    ``record`` changing what its record says (``draft=True``, ``draft_reasons=[...]``)."""
    standard = project / "output" / locale / f"{leaflet}.pdf"
    path = standard.with_name(FORMATS[fmt].file_name(leaflet))
    shutil.copy(standard, path)
    manifest_path = project / "output" / MANIFEST_FILE
    manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
    entry = json.loads(json.dumps(manifest["pdfs"][job_name(locale, leaflet, "standard")]))
    entry.update(format=fmt, output=f"{locale}/{path.name}")
    entry["pdf"]["mtime_ns"] = path.stat().st_mtime_ns
    entry["report"].update(pages=9, **record)
    manifest["pdfs"][job_name(locale, leaflet, fmt)] = entry
    manifest_path.write_text(json.dumps(manifest), encoding="utf-8")
    return path


def add_search_terms(project: Path, leaflet: str, terms: str, english: str) -> None:
    """Give a leaflet search words, at the top of its file, and their English translation (no patient reads them:
    the leaflet stays approved)."""
    path = project / "leaflets" / f"{leaflet}.yaml"
    path.write_text(f'search_terms: "{terms}"\n' + path.read_text(encoding="utf-8"), encoding="utf-8")
    with open(project / "translations" / "en" / "LC_MESSAGES" / "leaflets.po", "a", encoding="utf-8") as handle:
        handle.write(f'\nmsgid "{terms}"\nmsgstr "{english}"\n')
