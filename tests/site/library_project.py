"""The small project the library's tests share: two leaflets in French and English, built, and a large-print
PDF recorded in the build report as the hand-out formats will record it."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from conftest import add_leaflet, make_project
from patient_leaflets.building import build_leaflets
from patient_leaflets.config import load_config


def make_library_project(folder: Path) -> Path:
    """Return a built project: ``sample`` and ``chemotherapy``, each in French and English, and a large-print PDF
    of the French sample as a build with formats reports it."""
    project = make_project(folder)
    add_leaflet(project, "chemotherapy", "La chimiothérapie", "Chemotherapy")
    report = build_leaflets(load_config(project), jobs=1)
    assert not report.failed, [o.error for o in report.failed]
    add_format(project, "fr", "sample", "large-print")
    return project


def add_format(project: Path, locale: str, leaflet: str, fmt: str, **fields) -> Path:
    """Record in the build report a PDF of ``leaflet`` in another format (a copy of the standard one)."""
    standard = project / "output" / locale / f"{leaflet}.pdf"
    path = standard.with_name(f"{leaflet}.{fmt}.pdf")
    shutil.copy(standard, path)
    report_path = project / "output" / "build-report.json"
    report = json.loads(report_path.read_text(encoding="utf-8"))
    line = next(item for item in report["pdfs"] if item["output"] == f"output/{locale}/{leaflet}.pdf")
    report["pdfs"].append({**line, "output": f"output/{locale}/{path.name}", "format": fmt, "pages": 9,
                           "bytes": path.stat().st_size, **fields})
    report_path.write_text(json.dumps(report), encoding="utf-8")
    return path
