"""Input fingerprints: the package's own code, every subpackage included, is part of every PDF's key."""

from __future__ import annotations

import shutil

from patient_leaflets.building import fingerprint


def test_an_edit_in_any_subpackage_changes_the_package_digest(tmp_path, monkeypatch):
    copy = tmp_path / "patient_leaflets"
    shutil.copytree(fingerprint.PACKAGE, copy, ignore=shutil.ignore_patterns("__pycache__"))
    monkeypatch.setattr(fingerprint, "PACKAGE", copy)
    before = fingerprint.package_digest()
    assert fingerprint.package_digest() == before, "the same code, the same digest"
    for module in ("render/html.py", "i18n/checks/checkers.py", "content/markup.py", "cli/build.py"):
        path = copy / module
        path.write_text(path.read_text(encoding="utf-8") + "\n# edited\n", encoding="utf-8")
        after = fingerprint.package_digest()
        assert after != before, f"an edit in {module} must rebuild the PDFs"
        before = after


def test_the_package_digest_covers_every_source_file():
    files = {path.relative_to(fingerprint.PACKAGE).as_posix() for path in fingerprint.PACKAGE.rglob("*.py")}
    assert {"render/pdf.py", "building/jobs.py", "content/leaflet.py", "i18n/pofile.py", "__init__.py"} <= files
