"""Nothing outside the project: an output folder that is a link (or holds one) is refused by ``build``, ``site``
and ``preview``; ``preview`` answers only its own loopback address, never a dot file, and a taken port is one line;
a library that cannot be written (read-only, a file in the way, a full disk) is one line, the PDFs left whole."""

from __future__ import annotations

import errno
import http.client
import shutil
import socket
import threading
from pathlib import Path

import pytest
from click.testing import CliRunner

from conftest import ROOT
from patient_leaflets.cli import cli
from patient_leaflets.errors import BuildError
from patient_leaflets.site.preview import HOST, Preview


def run(project: Path, *args: str):
    return CliRunner().invoke(cli, ["--project", str(project), *args])


@pytest.fixture
def project(built_project, tmp_path) -> Path:
    return shutil.copytree(built_project, tmp_path / "project", symlinks=True)


@pytest.fixture
def elsewhere(tmp_path) -> Path:
    folder = tmp_path / "elsewhere"
    folder.mkdir()
    (folder / "secret.txt").write_text("not for the browser", encoding="utf-8")
    return folder


@pytest.mark.parametrize("linked", ["output", "output/fr"])
def test_an_output_folder_that_is_a_link_is_refused_by_build_site_and_preview(project, elsewhere, linked):
    shutil.rmtree(project / linked)
    (project / linked).symlink_to(elsewhere)
    said = f"Error: {linked}: is a symbolic link (to {elsewhere}): the tool writes and serves only inside the project"
    for command in (["build", "--jobs", "1"], ["site"]):
        result = run(project, *command)
        assert result.exit_code == 1 and said in result.output, result.output
        assert "Traceback" not in result.output
    assert sorted(p.name for p in elsewhere.iterdir()) == ["secret.txt"], "nothing written through the link"
    with pytest.raises(BuildError) as info:
        Preview(project, jobs=1).serve(0)
    assert str(info.value.problems[0]).startswith(f"{linked}: is a symbolic link")


def test_git_ignores_the_output_folder_itself():
    lines = (ROOT / ".gitignore").read_text(encoding="utf-8").splitlines()
    assert "/output" in lines and not any(line.startswith("/output/") for line in lines)


@pytest.fixture
def served(project, elsewhere):
    preview = Preview(project, jobs=1)
    server = preview.serve(0)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield project, server.server_address[1]
    server.shutdown()
    server.server_close()


def fetch(port: int, path: str, host: str | None = None) -> tuple[int, bytes]:
    connection = http.client.HTTPConnection(HOST, port, timeout=10)
    connection.putrequest("GET", path, skip_host=True)
    connection.putheader("Host", f"{HOST}:{port}" if host is None else host)
    connection.endheaders()
    response = connection.getresponse()
    return response.status, response.read()


def test_preview_answers_only_its_loopback_address(served):
    _, port = served
    assert fetch(port, "/fr/sample.pdf")[0] == 200
    assert fetch(port, "/fr/sample.pdf", f"localhost:{port}")[0] == 200
    for host in (f"attacker.example:{port}", "attacker.example", f"{HOST}:1", ""):
        status, body = fetch(port, "/fr/sample.pdf", host)
        assert status == 403 and b"%PDF" not in body, host


def test_preview_refuses_dot_files_and_links(served, elsewhere):
    project, port = served
    for path in ("/.build-manifest.json", "/.site.json", "/fr/.hidden", "/%2Ebuild-manifest.json"):
        assert fetch(port, path)[0] == 403, path
    (project / "output" / "leak").symlink_to(elsewhere)
    status, body = fetch(port, "/leak/secret.txt")
    assert status == 403 and b"not for the browser" not in body


def test_a_port_in_use_is_one_line_that_names_the_fix(project):
    with socket.socket() as taken:
        taken.bind((HOST, 0))
        taken.listen()
        port = taken.getsockname()[1]
        with pytest.raises(BuildError) as info:
            Preview(project, jobs=1).serve(port)
    [problem] = info.value.problems
    assert str(problem).startswith(f"cannot serve on {HOST}:{port}: ") and "leaflets preview --port" in str(problem)


@pytest.mark.parametrize(("code", "said"), [(errno.EROFS, "the file system is read-only"),
                                            (errno.ENOSPC, "no space left on the disk")])
def test_a_library_that_cannot_be_written_is_one_line_and_the_pdfs_stay_whole(project, monkeypatch, code, said):
    pdf = project / "output" / "fr" / "sample.pdf"
    before = pdf.read_bytes()
    (project / "output" / ".site.json").unlink(missing_ok=True)

    def failing(path, data):
        raise OSError(code, "simulated", str(path))

    monkeypatch.setattr("patient_leaflets.site.library.write_atomic", failing)
    monkeypatch.setattr("patient_leaflets.site.thumbnails.write_atomic", failing)
    for command in (["site"], ["build", "--jobs", "1"]):
        result = run(project, *command)
        assert "Traceback" not in result.output
        lines = [line for line in result.output.splitlines() if said in line]
        assert len(lines) == 1 and "cannot write" in lines[0], result.output
    assert pdf.read_bytes() == before


def test_a_file_where_the_thumbnails_folder_should_be_is_one_line(project):
    thumbnails = project / "output" / "thumbnails"
    shutil.rmtree(thumbnails, ignore_errors=True)
    thumbnails.write_text("in the way", encoding="utf-8")
    (project / "output" / ".site.json").unlink(missing_ok=True)
    result = run(project, "site")
    assert result.exit_code == 1 and "Traceback" not in result.output
    assert "Error: output/thumbnails: cannot write: a file is in the way of a folder" in result.output, result.output
