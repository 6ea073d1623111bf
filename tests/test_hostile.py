"""Hostile input, end to end: every bad leaflet, catalog, template, stylesheet and setting ends in a clear error.

Nothing leaks: no secret file is opened, no connection is attempted (an audit hook watches this process, and a
port on 127.0.0.1 must receive nothing), no PDF embeds a file. Nothing is lost: a PDF that cannot be rebuilt
keeps its earlier version, and every other leaflet is still built.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import socket
import sys
import threading
from pathlib import Path

import pytest
from click.testing import CliRunner
from pypdf import PdfReader

from conftest import DATA, approve
from patient_leaflets.cli import cli

BAD_LEAFLETS = sorted((DATA / "bad").glob("*.yaml"))
# Stored as *.po-case, not *.po: they are broken on purpose, and tools that scan every .po must skip them.
BAD_CATALOGS = sorted((DATA / "bad-catalogs").glob("*.po-case"))
BAD_ASSETS = sorted((DATA / "bad-assets").glob("*"))
BAD_SETTINGS = sorted((DATA / "bad-settings").glob("*.toml"))
PO = "translations/en/LC_MESSAGES/leaflets.po"
SECRETS = {"/etc/passwd", "/etc/hostname"}

_watched: list[str] | None = None


def _audit(event: str, args: tuple) -> None:
    if _watched is None:
        return
    if event == "socket.connect":
        _watched.append(f"connect {args[1]!r}")
    elif event == "open" and isinstance(args[0], (str, bytes)) and os.path.abspath(os.fsdecode(args[0])) in SECRETS:
        _watched.append(f"open {os.fsdecode(args[0])}")


sys.addaudithook(_audit)  # audit hooks cannot be removed: it records only while a test below runs


@pytest.fixture(autouse=True)
def nothing_leaks():
    """Fail the test if this process opened a secret file or attempted any connection while it ran."""
    global _watched
    _watched = []
    try:
        yield
        assert _watched == [], "a build must open no file outside the project and no connection"
    finally:
        _watched = None


class Listener:
    """A TCP port on 127.0.0.1 that records every connection made to it."""

    def __init__(self):
        self.server = socket.socket()
        self.server.bind(("127.0.0.1", 0))
        self.port = self.server.getsockname()[1]
        self.server.listen(16)
        self.server.settimeout(0.05)
        self.connections: list = []
        self.stopped = threading.Event()
        self.thread = threading.Thread(target=self._serve, daemon=True)
        self.thread.start()

    def _serve(self) -> None:
        while not self.stopped.is_set():
            try:
                connection, address = self.server.accept()
            except OSError:
                continue
            self.connections.append(address)
            connection.close()

    def received(self) -> list:
        """Stop listening; return every connection made, including those still waiting to be accepted."""
        self.stopped.set()
        self.thread.join()
        self.server.setblocking(False)
        while True:
            try:
                self.connections.append(self.server.accept()[1])
            except OSError:
                break
        self.server.close()
        return self.connections


@pytest.fixture
def listener():
    listening = Listener()
    yield listening
    assert listening.received() == [], "nothing may connect to the network"


@pytest.fixture
def project(built_project, tmp_path) -> Path:
    """A copy of the test project with its earlier PDFs in output/."""
    return shutil.copytree(built_project, tmp_path / "project")


def run(project: Path, *args: str):
    return CliRunner().invoke(cli, ["--project", str(project), *args])


def outcomes(project: Path) -> dict[tuple[str, str], dict]:
    report = json.loads((project / "output" / "build-report.json").read_text(encoding="utf-8"))
    return {(pdf["leaflet"], pdf["locale"]): pdf for pdf in report["pdfs"]}


def pdfs(project: Path) -> dict[str, bytes]:
    return {str(p.relative_to(project)): p.read_bytes() for p in sorted((project / "output").rglob("*.pdf"))}


def set_aside(pdfs: dict[str, bytes], name: str) -> dict[str, bytes]:
    """Return the PDFs once the build moved ``name`` aside, as it does when it refuses or fails to replace it."""
    return {(superseded(other) if other == name else other): data for other, data in pdfs.items()}


def superseded(name: str) -> str:
    """Return where the build sets a PDF aside: ``output/en/x.pdf`` → ``output/superseded/en/x.pdf``."""
    return name.replace("output/", "output/superseded/", 1)


def pdf_text(path: Path) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(path).pages)


def assert_sealed(project: Path) -> None:
    """Assert that no PDF in output/ embeds a file, links to a local file, or shows a secret."""
    for path in (project / "output").rglob("*.pdf"):
        reader = PdfReader(path)
        assert reader.attachments == {}, path
        root = reader.trailer["/Root"]
        assert "/AF" not in root and "/EmbeddedFiles" not in root.get("/Names", {}), path
        for page in reader.pages:
            for annotation in page.get("/Annots") or []:
                annotation = annotation.get_object()
                assert annotation.get("/Subtype") != "/FileAttachment", path
                uri = str((annotation.get("/A") or {}).get("/URI", "https://"))
                assert uri.startswith(("https://", "mailto:", "tel:")), (path, uri)
        assert "root:" not in pdf_text(path), path


def expected_lines(path: Path, pattern: str) -> list[str]:
    """Return the expected messages a corpus file declares (lines matching ``pattern``)."""
    text = path.read_bytes().decode("utf-8", errors="replace")
    return [match.group(1) for match in re.finditer(pattern, text, re.MULTILINE)]


# Leaflets ------------------------------------------------------------------------------------------------------


def test_every_bad_leaflet_fails_alone_and_sets_its_earlier_pdf_aside(project, listener):
    leaflets = project / "leaflets"
    expected = {}
    for path in BAD_LEAFLETS:
        shutil.copy(path, leaflets / path.name)
        expected[path.stem] = [e.replace(f"bad/{path.name}", f"leaflets/{path.name}")
                               for e in expected_lines(path, r"^# error: (.*)$")]
    sample = (leaflets / "sample.yaml").read_bytes()
    (leaflets / "Chimio orale.yaml").write_bytes(sample)
    expected["Chimio orale"] = [
        "leaflets/Chimio orale.yaml: 'Chimio orale' cannot be a leaflet id: the file name names the PDF and may use "
        "only lowercase letters a-z, digits and hyphens. Rename the file chimio-orale.yaml"]
    (leaflets / "surgery.yaml").write_bytes(sample)
    (leaflets / "surgery.yml").write_bytes(sample)
    expected["surgery"] = [
        "leaflets/surgery.yml: leaflet files end in .yaml, not .yml. Rename it surgery.yaml",
        "leaflets/surgery.yml: another file has the same leaflet id 'surgery': surgery.yaml; both would be written "
        "to surgery.pdf. Keep one of them"]
    for name in ("tabs", "alias-bomb", "surgery"):  # earlier versions of some of them were good
        for locale in ("fr", "en"):
            shutil.copy(project / "output" / locale / "sample.pdf", project / "output" / locale / f"{name}.pdf")
    before = pdfs(project)

    result = run(project, "build", "--jobs", "1", "--force")

    assert result.exit_code == 1
    found = outcomes(project)
    for name, errors in expected.items():
        for locale in ("fr", "en"):
            assert found[name, locale]["status"] == "failed"
            assert found[name, locale]["error"] == "\n".join(errors)
        assert all(f"  {error}" in result.output.splitlines() for error in errors)
    assert found["sample", "fr"]["status"] == found["sample", "en"]["status"] == "built"
    after = pdfs(project)
    aside = {superseded(name): data for name, data in before.items() if "sample" not in name}
    assert {name: data for name, data in after.items() if "sample" not in name} == aside, \
        "no PDF written for a bad leaflet; its earlier PDF set aside, whole, never passing for the current one"
    assert result.output.splitlines()[-1] == f"2 built, 0 unchanged, {2 * len(expected)} failed."
    assert_sealed(project)


def test_leaflet_text_that_looks_like_code_is_shown_as_written(project, listener):
    sample = project / "leaflets" / "sample.yaml"
    title = f'Titre"; background: url(http://127.0.0.1:{listener.port}/x.png); content: "'
    text = sample.read_text(encoding="utf-8").replace("title: Le traitement exemple", f"title: '{title}'")
    text = text.replace("Premier point clé.", "Résultat {{ 7*7 }} et {{ config.items() }}.")
    sample.write_text(text, encoding="utf-8")
    approve(project, "sample")  # a final PDF: no draft notice in the running heads

    result = run(project, "build", "--jobs", "1", "-l", "fr")

    assert result.exit_code == 0, result.output
    shown = pdf_text(project / "output" / "fr" / "sample.pdf")
    # Checked as a phrase: the listener's random port number may itself contain "49".
    assert "Résultat { 7*7 } et { config.items() }." in shown and "Résultat 49" not in shown
    assert title.replace("; ", "\u00a0;") in shown.replace("\n", " ") or title in shown.replace("\n", " ")
    assert_sealed(project)


# Catalogs ------------------------------------------------------------------------------------------------------


def merge_entry(catalog: bytes, body: bytes) -> tuple[bytes, int]:
    """Replace the entry of the catalog with the msgid of ``body``; return the catalog and the entry's line."""
    lines = catalog.split(b"\n")
    msgid = next(line for line in body.split(b"\n") if line.startswith(b"msgid "))
    start = lines.index(msgid)
    end = lines.index(b"", start)
    return b"\n".join(lines[:start] + body.rstrip(b"\n").split(b"\n") + lines[end:]), start + 1


def fill(message: str, line: int, port: int) -> str:
    message = re.sub(r"\{line(?:\+(\d+))?\}", lambda m: str(line + int(m.group(1) or 0)), message)
    return message.replace("{port}", str(port))


@pytest.mark.parametrize("case", BAD_CATALOGS, ids=[p.stem for p in BAD_CATALOGS])
def test_bad_catalog_is_reported_with_its_line_and_never_trusted(case, project, listener):
    raw = case.read_bytes().replace(b"{port}", str(listener.port).encode())
    body = b"\n".join(line for line in raw.split(b"\n") if not line.startswith(b"# "))
    po = project / PO
    merged, line = merge_entry(po.read_bytes(), body)
    po.write_bytes(merged)
    errors = [fill(e, line, listener.port) for e in expected_lines(case, r"^# error: (.*)$")]
    gaps = [fill(g, line, listener.port) for g in expected_lines(case, r"^# gap: (.*)$")]
    before = pdfs(project)

    check = run(project, "check")
    assert check.exit_code == 1
    assert [line[len("error: "):] for line in check.output.splitlines() if line.startswith("error: ")] == errors

    if gaps:  # a translation that cannot be used: refused by --strict, shown in French in a draft otherwise
        strict = run(project, "build", "--jobs", "1", "--strict", "-l", "en")
        assert strict.exit_code == 1
        gaps = [f"{gap} ({PO}:{line})" for gap in gaps]  # each gap names the catalog line to fix
        changed = r"translation changed since approval on 2026-03-02: an? [a-z ]+ changed: [^;]+"  # the message's place
        refused, gap = strict.output.splitlines()[1:3]
        assert re.fullmatch(rf"  refused by --strict: {changed}; 1 message\(s\) are untranslated, fuzzy or fail a "
                            "check:", refused), refused
        assert gap == f"    {gaps[0]}"
        assert pdfs(project) == set_aside(before, "output/en/sample.pdf")
        draft = run(project, "build", "--jobs", "1", "-l", "en", "-v")
        assert draft.exit_code == 0
        built, *shown = draft.output.splitlines()[:3]
        assert re.fullmatch(rf"built      output/en/sample.pdf \(DRAFT: {changed}; 1 message\(s\) are untranslated, "
                            r"fuzzy or fail a check\)", built), built
        assert shown == ["  1 message(s) shown in the source language:", f"    {gaps[0]}"]
        shown = pdf_text(project / "output" / "en" / "sample.pdf")
        assert "DRAFT – not to be given to patients" in shown and "49" not in shown and "127.0.0.1" not in shown
    else:  # a catalog that cannot be read: English fails, French is built, the English PDF is kept
        build = run(project, "build", "--jobs", "1", "--force")
        assert build.exit_code == 1
        found = outcomes(project)
        assert found["sample", "en"]["error"] == "\n".join(errors), "the same path in build as in check"
        assert found["sample", "fr"]["status"] == "built"
        assert pdfs(project) == set_aside(before, "output/en/sample.pdf")
    assert_sealed(project)


def test_enormous_translation_is_refused_without_reading_it_as_markup(project):
    pages = len(PdfReader(project / "output" / "en" / "sample.pdf").pages)
    po = project / PO
    po.write_text(po.read_text(encoding="utf-8").replace('msgstr "You are bleeding."',
                                                         'msgstr "' + "[**You are bleeding. " * 50_000 + '"'),
                  encoding="utf-8")
    line = next(n for n, text in enumerate(po.read_text(encoding="utf-8").splitlines(), 1)
                if text == 'msgid "Vous saignez."')
    check = run(project, "check")
    assert check.exit_code == 1
    assert (f'error: {PO}:{line}: "Vous saignez.": the translation is 1,050,000 characters long, more than 3 times its '
            "source (13). Check that nothing was pasted into it by mistake") in check.output.splitlines()
    draft = run(project, "build", "--jobs", "1", "-l", "en", "-v")
    assert "more than 3 times its source (13)" in draft.output
    # The French text, not 1 MB (one page more at most: the draft notice says the translation changed).
    assert len(PdfReader(project / "output" / "en" / "sample.pdf").pages) <= pages + 1


def test_catalog_over_the_size_limit_is_not_read(project):
    po = project / PO
    before = pdfs(project)
    with open(po, "ab") as fh:
        fh.write(b"# padding\n" * 1_100_000)
    result = run(project, "build", "--jobs", "1", "--force")
    assert result.exit_code == 1
    found = outcomes(project)
    assert re.fullmatch(rf"{PO}: the file is 10,\d{{3}} KB, more than the 10 MB a catalog may have. Check that "
                        "nothing was pasted into it by mistake", found["sample", "en"]["error"])
    assert found["sample", "fr"]["status"] == "built"
    assert pdfs(project) == set_aside(before, "output/en/sample.pdf")


def test_init_refuses_an_unknown_locale(project):
    result = run(project, "init", "xx-nope")
    assert result.exit_code == 1
    assert result.output == "Error: 'xx-nope' is not a locale Babel knows. Use a code such as 'es', 'ar' or 'pt_BR'\n"
    assert not (project / "translations" / "xx-nope").exists()


# Templates and styles ------------------------------------------------------------------------------------------


@pytest.mark.parametrize("case", BAD_ASSETS, ids=[p.name for p in BAD_ASSETS])
def test_template_or_style_reaching_outside_the_project_stops_every_pdf(case, project, listener):
    target = project / ("styles/leaflet.css" if case.suffix == ".css" else "templates/leaflet.html.j2")
    snippet = case.read_text(encoding="utf-8").replace("{port}", str(listener.port))
    target.write_text(snippet + target.read_text(encoding="utf-8"), encoding="utf-8")
    errors = re.findall(r"^(?:/\*|\{#) error: (.*) (?:\*/|#\})$", snippet, re.MULTILINE)
    before = pdfs(project)

    result = run(project, "build", "--jobs", "1", "--force")

    assert result.exit_code == 1
    assert {(key, o["error"]) for key, o in outcomes(project).items()} == {
        (key, "\n".join(errors)) for key in [("sample", "en"), ("sample", "fr")]}
    assert pdfs(project) == set_aside(set_aside(before, "output/en/sample.pdf"), "output/fr/sample.pdf")
    if "{%" not in snippet and "{{" not in snippet:  # found before any build by leaflets check too
        check = run(project, "check")
        assert check.exit_code == 1
        assert [line[len("error: "):] for line in check.output.splitlines() if line.startswith("error: ")] == errors


# Settings ------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("case", BAD_SETTINGS, ids=[p.stem for p in BAD_SETTINGS])
def test_bad_settings_stop_before_anything_is_written(case, project):
    shutil.copy(case, project / "pyproject.toml")
    errors = expected_lines(case, r"^# error: (.*)$")
    before = pdfs(project)
    for command in ("build", "check"):
        result = run(project, command)
        assert result.exit_code == 1
        assert result.output == "Error: " + "\n".join(errors) + "\n"
    assert pdfs(project) == before
