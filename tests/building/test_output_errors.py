"""An output folder that cannot be written: one clear line, no traceback, and the earlier files left whole."""

from __future__ import annotations

import errno
import json
import os
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from patient_leaflets.cli import cli


@pytest.fixture
def project(built_project, tmp_path) -> Path:
    """A copy of the test project with its earlier PDFs and report in output/."""
    return shutil.copytree(built_project, tmp_path / "project")


def run(project: Path, *args: str):
    return CliRunner().invoke(cli, ["--project", str(project), "build", "--jobs", "1", *args])


def files(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_output_that_is_a_file_is_named_with_the_fix(project):
    shutil.rmtree(project / "output")
    (project / "output").write_text("notes", encoding="utf-8")
    result = run(project)
    assert result.exit_code == 1
    assert result.output == "Error: output: cannot write: a file is in the way of a folder. Remove or rename the file\n"
    assert (project / "output").read_text(encoding="utf-8") == "notes"


def test_a_folder_where_a_pdf_goes_fails_that_pdf_alone(project):
    before = (project / "output" / "fr" / "sample.pdf").read_bytes()
    (project / "output" / "en" / "sample.pdf").unlink()
    (project / "output" / "en" / "sample.pdf").mkdir()
    result = run(project, "--force")
    assert result.exit_code == 1
    assert "  output/en/sample.pdf: cannot write: a folder is in the way of a file. Remove or rename the folder" in (
        result.output.splitlines())
    report = {pdf["locale"]: pdf for pdf in json.loads((project / "output" / "build-report.json").read_text())["pdfs"]}
    assert report["en"]["status"] == "failed" and report["fr"]["status"] == "built"
    assert (project / "output" / "fr" / "sample.pdf").read_bytes() == before, "the same inputs, the same PDF"
    assert "Traceback" not in result.output


def test_a_read_only_output_folder_leaves_every_earlier_file(project, monkeypatch):
    before = files(project / "output")

    def refuse(*args, dir=None, **kwargs):
        raise PermissionError(errno.EACCES, "Permission denied", str(dir))

    monkeypatch.setattr("patient_leaflets.files.tempfile.mkstemp", refuse)
    result = run(project, "--force")
    assert result.exit_code == 1
    assert result.output.splitlines()[:2] == [
        "failed     output/en/sample.pdf", "  output/en: cannot write: permission denied. Give the user running the "
        "build the right to write there"]
    assert result.output.splitlines()[-1] == ("Error: output: cannot write: permission denied. Give the user running "
                                              "the build the right to write there")
    assert files(project / "output") == before


def test_a_full_disk_while_writing_the_journal_is_one_line(project, monkeypatch):
    real_fsync = os.fsync

    def fsync(fd):
        if os.readlink(f"/proc/self/fd/{fd}").endswith(".build-journal.jsonl"):
            raise OSError(errno.ENOSPC, "No space left on device")
        real_fsync(fd)

    monkeypatch.setattr(os, "fsync", fsync)
    result = run(project, "--force")
    assert result.exit_code == 1
    assert result.output.splitlines()[-1] == ("Error: output/.build-journal.jsonl: cannot write: no space left on the "
                                              "disk. Free some space, then build again")
    report = json.loads((project / "output" / "build-report.json").read_text(encoding="utf-8"))
    manifest = json.loads((project / "output" / ".build-manifest.json").read_text(encoding="utf-8"))
    for pdf in report["pdfs"]:  # the report and the manifest describe the PDFs on disk
        assert pdf["status"] == "built"
        assert manifest["pdfs"][f"{pdf['locale']}/{pdf['leaflet']}"]["pdf"]["sha256"] == pdf["sha256"]
    assert not (project / "output" / ".build-journal.jsonl").exists()
