"""Files that are not files: a link to /dev/zero, a named pipe. Every command names them and goes on; none hangs
or reads without end.

Each case runs in a child process with a time and memory limit, so that a read that blocks fails the test
instead of stopping the suite, and a read without end fails it instead of taking the machine's memory.
"""

from __future__ import annotations

import hashlib
import json
import os
import resource
import shutil
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from patient_leaflets.errors import ContentError
from patient_leaflets.files import LEAFLET, OUTPUT, digest_file

LINK = "is a symbolic link; the project's files are read only as themselves. Replace the link with a copy of the file"
PIPE = "is a named pipe (FIFO), not a file; only regular files are read. Replace it with a regular file"
TIMEOUT = 90
"""Seconds a child process may take: a few commands on the small test project take a few seconds."""
MEMORY = 2 * 1024 ** 3
"""Bytes of address space a child may use: reading /dev/zero whole would pass it within seconds."""

DRIVER = """
import json, sys
from click.testing import CliRunner
from patient_leaflets.cli import cli
from patient_leaflets.site.preview import Preview

project = sys.argv[1]
for args in json.loads(sys.argv[2]):
    if args == ["preview"]:  # its one build, as it runs before serving and after each save
        result = (0, "\\n".join(Preview(project, jobs=1).rebuild()), False)
    else:
        run = CliRunner().invoke(cli, ["--project", project, *args])
        crashed = run.exception is not None and not isinstance(run.exception, SystemExit)
        result = (run.exit_code, run.output, crashed)
    print(json.dumps([args[0], *result]), flush=True)
"""


@pytest.fixture
def project(built_project, tmp_path) -> Path:
    return shutil.copytree(built_project, tmp_path / "project")


def replace(path: Path, replacement: str) -> str:
    """Put a link to /dev/zero or a named pipe in place of ``path``; return what the commands must say of it."""
    path.unlink(missing_ok=True)
    if replacement == "pipe":
        os.mkfifo(path)
        return PIPE
    path.symlink_to("/dev/zero")
    return LINK


def run_commands(project: Path, *commands: list[str]) -> dict[str, tuple[int, list[str]]]:
    """Run each command (``["preview"]``: the preview's build) in one child process; return exit code and lines.

    The child gets ``TIMEOUT`` seconds and ``MEMORY`` bytes; a command that ends in a traceback fails the test.
    """
    with subprocess.Popen([sys.executable, "-c", DRIVER, str(project), json.dumps(commands)], text=True,
                          stdout=subprocess.PIPE, stderr=subprocess.STDOUT, start_new_session=True,
                          preexec_fn=lambda: resource.setrlimit(resource.RLIMIT_AS, (MEMORY, MEMORY))) as child:
        try:
            output, _ = child.communicate(timeout=TIMEOUT)
        except subprocess.TimeoutExpired:
            os.killpg(child.pid, signal.SIGKILL)  # its build workers too
            output, _ = child.communicate()
            pytest.fail(f"still running after {TIMEOUT} s, blocked on a read? Done so far:\n{output}")
    results = {}
    for line in output.splitlines():
        if line.startswith("["):
            name, code, text, crashed = json.loads(line)
            assert not crashed, f"{name} ended in a traceback:\n{text}"
            results[name] = (code, text.splitlines())
    assert len(results) == len(commands), output
    return results


@pytest.mark.parametrize("replacement", ["link", "pipe"])
@pytest.mark.parametrize("name", ["leaflets/sample.yaml", "translations/en/LC_MESSAGES/leaflets.po",
                                  "translations/en/approvals.yaml"])
def test_a_file_that_is_not_a_regular_file_is_named_by_every_command(project, name, replacement):
    message = f"{name}: {replace(project / name, replacement)}"
    leaflet = name.startswith("leaflets/")
    results = run_commands(project, ["check"], ["status"], ["build", "--jobs", "1", "--force"], ["site"],
                           ["preview"])

    assert results["check"] == (1, [*results["check"][1][:-2], f"error: {message}", "1 error(s), 0 warning(s)."])
    code, lines = results["status"]
    failed = [line for line in lines if line.endswith(f"failed: {message}")]
    assert code == 0 and len(failed) == (2 if leaflet else 1), lines
    code, lines = results["build"]
    assert code == 1 and f"  {message}" in lines
    assert lines[-1] == ("0 built, 0 unchanged, 2 failed." if leaflet else "1 built, 0 unchanged, 1 failed.")
    code, lines = results["site"]
    # The library reads leaflets and catalogs (titles, page strings), never approvals: the build names those.
    assert code == 0 and (f"warning: {message}" in lines) is not name.endswith("approvals.yaml"), lines
    told = "output/en/sample.pdf (and 1 other PDF(s))" if leaflet else "output/en/sample.pdf"
    assert results["preview"] == (0, [f"{told}: {message}"]), "one error, told once"


@pytest.mark.parametrize(("name", "command", "expected"), [
    ("templates/blocks.html.j2", ["check"], "error: templates/blocks.html.j2: "),
    ("templates/blocks.html.j2", ["extract"], "Error: templates/blocks.html.j2: "),
    ("styles/leaflet.css", ["build", "--force"], "  styles/leaflet.css: "),
    ("leaflets/_shared.yaml", ["build", "--force"], "  leaflets/_shared.yaml: "),
    ("babel.cfg", ["extract"], "Error: babel.cfg: "),
    ("pyproject.toml", ["status"], "Error: {project}/pyproject.toml: "),
])
def test_every_other_project_file_is_read_as_a_file_too(project, name, command, expected):
    replace(project / name, "pipe")
    code, lines = run_commands(project, command)[command[0]]
    assert code == 1 and expected.format(project=project.resolve()) + PIPE in lines, lines


def test_the_files_the_build_keeps_are_not_followed_either(project):
    """A report or library state that is a pipe is none: the build writes them again as files (refreshing the
    library). A manifest that is a link is refused, like any link in the output folder: nothing is written
    through it."""
    output = project / "output"
    replace(output / "build-report.json", "pipe")
    replace(output / ".site.json", "pipe")
    results = run_commands(project, ["build", "--jobs", "1"], ["site"])
    assert results["build"][0] == 0 and results["build"][1][-1] == "0 built, 2 unchanged, 0 failed."
    assert results["site"] == (0, ["unchanged  output/index.html", "unchanged  output/index.en.html",
                                   "Library of 2 PDF(s): open output/index.html"])
    for name in ("build-report.json", ".site.json"):
        assert (output / name).is_file() and not (output / name).is_symlink()
    replace(output / ".build-manifest.json", "link")
    results = run_commands(project, ["build", "--jobs", "1"], ["site"])
    said = ("Error: output/.build-manifest.json: is a symbolic link (to /dev/zero): the tool writes and serves only "
            "inside the project. Remove the link: the build makes what it needs there itself")
    assert results == {"build": (1, [said]), "site": (1, [said])}


def test_a_digest_is_the_checksum_of_the_bytes_and_stops_at_the_limit(tmp_path):
    path = tmp_path / "leaflets" / "x.yaml"
    path.parent.mkdir()
    data = os.urandom(LEAFLET.limit - 7)
    path.write_bytes(data)
    assert digest_file(path, "leaflets/x.yaml", LEAFLET) == hashlib.sha256(data).hexdigest()
    assert digest_file(path, "x.yaml", OUTPUT) == hashlib.sha256(data).hexdigest()
    with open(path, "ab") as handle:
        handle.truncate(4 * 1024 ** 3)  # sparse: 4 GB on paper, never read whole
    with pytest.raises(ContentError, match=r"^leaflets/x.yaml: the file is 4,194,304 KB, more than the 256 KB"):
        digest_file(path, "leaflets/x.yaml", LEAFLET)
