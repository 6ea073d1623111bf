"""Files that lead outside themselves: a symbolic link is never read, and a file that fails is never quoted whole."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from patient_leaflets.cli import cli

SECRET = "root:x:0:0:secret-line-that-must-not-leak"
LINK = "is a symbolic link; the project's files are read only as themselves. Replace the link with a copy of the file"


@pytest.fixture
def project(built_project, tmp_path) -> Path:
    return shutil.copytree(built_project, tmp_path / "project")


@pytest.fixture
def secret(tmp_path) -> Path:
    """A file outside the project, standing for /etc/passwd."""
    path = tmp_path / "passwd"
    path.write_text("\n".join([SECRET] * 50) + "\n", encoding="utf-8")
    return path


def run(project: Path, *args: str):
    return CliRunner().invoke(cli, ["--project", str(project), *args])


def report_text(project: Path) -> str:
    return (project / "output" / "build-report.json").read_text(encoding="utf-8")


def test_a_catalog_that_is_a_link_is_refused_unread(project, secret):
    po = project / "translations" / "en" / "LC_MESSAGES" / "leaflets.po"
    before = (project / "output" / "en" / "sample.pdf").read_bytes()
    po.unlink()
    po.symlink_to(secret)
    check = run(project, "check")
    assert f"error: translations/en/LC_MESSAGES/leaflets.po: {LINK}" in check.output.splitlines()
    build = run(project, "build", "--jobs", "1")
    assert build.exit_code == 1
    assert json.loads(report_text(project))["summary"]["failed"] == 1
    for shown in (check.output, build.output, report_text(project)):
        assert "secret-line" not in shown
    assert (project / "output" / "superseded" / "en" / "sample.pdf").read_bytes() == before, "set aside, not lost"


def test_a_leaflet_that_is_a_link_is_refused_unread(project, secret):
    (project / "leaflets" / "passwd.yaml").symlink_to(secret)
    check = run(project, "check")
    assert f"error: leaflets/passwd.yaml: {LINK}" in check.output.splitlines()
    build = run(project, "build", "--jobs", "1")
    assert build.exit_code == 1
    assert f"  leaflets/passwd.yaml: {LINK}" in build.output.splitlines()
    for shown in (check.output, build.output, report_text(project)):
        assert "secret-line" not in shown and "root:x" not in shown


@pytest.mark.parametrize("name", ["templates/blocks.html.j2", "styles/leaflet.css"])
def test_a_template_or_stylesheet_that_is_a_link_stops_the_build(project, secret, name):
    target = project / name
    copy = project.parent / "copy"
    shutil.copy(target, copy)
    target.unlink()
    target.symlink_to(copy if name.endswith(".css") else secret)  # even a link to the right content
    before = {p: p.read_bytes() for p in (project / "output").rglob("*.pdf")}
    check = run(project, "check")
    assert f"error: {name}: {LINK}" in check.output.splitlines()
    build = run(project, "build", "--jobs", "1", "--force")
    assert build.exit_code == 1
    assert "secret-line" not in build.output + report_text(project)
    for path, data in before.items():  # each earlier PDF is where it was, or set aside beside it
        aside = path.parent.parent / "superseded" / path.parent.name / path.name
        assert (path.read_bytes() if path.exists() else aside.read_bytes()) == data
    assert os.path.islink(target)


def test_a_folder_of_catalogs_that_is_a_link_is_refused(project, tmp_path):
    outside = tmp_path / "elsewhere"
    shutil.copytree(project / "translations" / "en", outside)
    shutil.rmtree(project / "translations" / "en")
    (project / "translations" / "en").symlink_to(outside)
    check = run(project, "check")
    assert f"error: translations/en: {LINK}" in check.output.splitlines()
