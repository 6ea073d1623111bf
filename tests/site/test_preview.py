"""``leaflets preview``: the library served on 127.0.0.1, built again on save, errors on the page with file:line."""

from __future__ import annotations

import json
import re
import shutil
import signal
import subprocess
import sys
import threading
import time
import urllib.request
from pathlib import Path

import pytest
from library_project import make_library_project

from patient_leaflets.site.preview import HOST, STATUS, Preview


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    return make_library_project(tmp_path_factory.mktemp("preview") / "project")


@pytest.fixture
def session(built, tmp_path):
    project = shutil.copytree(built, tmp_path / "project")
    preview = Preview(project, jobs=1)
    assert preview.rebuild() == []
    server = preview.serve(0)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    preview.address = f"http://{HOST}:{server.server_address[1]}"
    yield preview
    server.shutdown()
    server.server_close()


def get(session, path: str) -> tuple[str, bytes]:
    with urllib.request.urlopen(session.address + path, timeout=10) as response:
        return response.headers["Cache-Control"], response.read()


def status(session) -> dict:
    return json.loads(get(session, STATUS)[1])


def edit(project, old: str, new: str) -> None:
    path = project / "leaflets" / "chemotherapy.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace(old, new, 1), encoding="utf-8")  # not the approval's


def test_serves_the_library_with_its_reload_script_and_the_pdfs_uncached(session):
    with session.serve(0) as other:
        assert other.server_address[0] == "127.0.0.1"
    cache, page = get(session, "/")
    assert cache == "no-store"
    assert b"La chimioth\xc3\xa9rapie" in page and b'fetch("/__preview__"' in page
    assert get(session, "/index.en.html")[1].count(b"<script>") == 2
    assert get(session, "/fr/chemotherapy.pdf")[1][:5] == b"%PDF-"
    assert get(session, "/favicon.ico")[1] == b""
    assert status(session) == {"build": 1, "running": False, "errors": []}


def test_a_broken_save_is_shown_with_its_line_and_the_fix_clears_it(session):
    edit(session.root, 'version: "2.1"', "version: 2.1")
    errors = session.rebuild()
    lines = (session.root / "leaflets" / "chemotherapy.yaml").read_text(encoding="utf-8").splitlines()
    line = lines.index("  version: 2.1") + 1
    assert len(errors) == 1, "one mistake, told once however many PDFs it fails"
    assert errors[0].startswith(f"output/en/chemotherapy.pdf (and 1 other PDF(s)): leaflets/chemotherapy.yaml:{line}: "
                                "metadata.version: expected text, got number 2.1")
    assert status(session)["errors"] == errors and status(session)["build"] == 2
    edit(session.root, "version: 2.1", 'version: "2.7"')
    assert session.rebuild() == []
    assert b">2.7<" in get(session, "/")[1]


def test_saving_a_leaflet_builds_its_pdfs_on_warm_workers(session):
    stop, told = threading.Event(), []
    watcher = threading.Thread(target=session.watch, args=(stop, told.append, told.append), daemon=True)
    watcher.start()
    try:
        assert session.watching.wait(timeout=60)
        before = (session.root / "output" / "fr" / "chemotherapy.pdf").read_bytes()
        edit(session.root, 'version: "2.1"', 'version: "3.0"')
        deadline = time.monotonic() + 60
        while status(session)["build"] < 2 and time.monotonic() < deadline:
            time.sleep(0.1)
        assert status(session)["build"] == 2
    finally:
        stop.set()
        watcher.join(timeout=30)
    assert not watcher.is_alive()
    assert (session.root / "output" / "fr" / "chemotherapy.pdf").read_bytes() != before
    assert b">3.0<" in get(session, "/")[1]
    assert any(str(path).endswith("chemotherapy.yaml") for _, path in told[0]) and told[1] == []


def test_a_save_right_after_start_is_built_too(session):
    """Saved after the first build and before the files are watched (the first seconds of a preview)."""
    before = (session.root / "output" / "fr" / "chemotherapy.pdf").read_bytes()
    edit(session.root, 'version: "2.1"', 'version: "3.1"')
    stop, told = threading.Event(), []
    watcher = threading.Thread(target=session.watch, args=(stop, told.append, told.append), daemon=True)
    watcher.start()
    try:
        deadline = time.monotonic() + 60
        while status(session)["build"] < 2 and time.monotonic() < deadline:
            time.sleep(0.1)
    finally:
        stop.set()
        watcher.join(timeout=30)
    assert status(session)["build"] == 2 and told == [[]], "built once, without errors"
    assert (session.root / "output" / "fr" / "chemotherapy.pdf").read_bytes() != before
    assert b">3.1<" in get(session, "/")[1]


def test_a_preview_started_with_nothing_saved_builds_nothing_more(session):
    stop, told = threading.Event(), []
    watcher = threading.Thread(target=session.watch, args=(stop, told.append, told.append), daemon=True)
    watcher.start()
    try:
        assert session.watching.wait(timeout=60)
        time.sleep(3)
    finally:
        stop.set()
        watcher.join(timeout=30)
    assert status(session)["build"] == 1 and told == [], "the page is not reloaded for nothing"


def test_the_command_serves_until_ctrl_c(built, tmp_path):
    project = shutil.copytree(built, tmp_path / "project")
    command = [str(Path(sys.executable).parent / "leaflets"), "--project", str(project), "preview", "--port", "0"]
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        lines = [process.stdout.readline() for _ in range(2)]
        assert lines[0] == "ready\n"
        address = re.match(r"Serving the library at (http://127\.0\.0\.1:\d+/) \(Ctrl-C to stop\); watching "
                           r"leaflets, translations, templates, styles, layout-approval.yaml, pyproject.toml$",
                           lines[1])[1]
        with urllib.request.urlopen(address, timeout=10) as response:
            assert b"La chimioth\xc3\xa9rapie" in response.read()
    finally:
        process.send_signal(signal.SIGINT)
        output, _ = process.communicate(timeout=60)
    assert process.returncode == 0, output
    assert "Traceback" not in output and "WARNING" not in output
