"""The command line, through click's CliRunner: exit codes, messages, help, and the README."""

from __future__ import annotations

import json
import os
import re
import select
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner
from pypdf import PdfReader

from conftest import add_leaflet
from patient_leaflets.cli import cli

README = Path(__file__).resolve().parent.parent / "README.md"


def run(project, *args):
    return CliRunner().invoke(cli, ["--project", str(project), *args])


def test_build_reports_each_pdf_and_a_summary(project):
    result = run(project, "build", "--jobs", "1")
    assert result.exit_code == 0, result.output
    assert result.output.splitlines() == ["built      output/en/sample.pdf", "built      output/fr/sample.pdf",
                                          "2 built, 0 unchanged, 0 failed."]
    again = run(project, "build", "--locale", "fr")
    assert again.output.splitlines()[-1] == "0 built, 1 unchanged, 0 failed."


def test_build_names_the_messages_shown_in_the_source_language(project):
    po = project / "translations" / "en" / "LC_MESSAGES" / "leaflets.po"
    po.write_text(po.read_text(encoding="utf-8").replace('msgstr "Rest."', 'msgstr ""'), encoding="utf-8")
    result = run(project, "build", "-l", "en")
    assert result.exit_code == 0
    assert result.output.splitlines()[:2] == [
        "built      output/en/sample.pdf (DRAFT: translation changed since approval on 2026-03-02: a text changed: "
        "sections[0].blocks[3].table.rows[0][1]; 1 message(s) are untranslated, fuzzy or fail a check)",
        "en: 1 message shown in the source language (1 untranslated) in 1 PDF — 'leaflets stats -l en'; "
        "'leaflets build -v -l en' lists them"]
    for options in (["--force"], []):  # built again, or up to date: the same list
        verbose = run(project, "build", "-l", "en", "-v", *options)
        assert "1 message(s) shown in the source language:" in verbose.output
        assert verbose.output.count("untranslated: 'Reposez-vous.'") == 1
        assert "'leaflets build -v" not in verbose.output
    both = run(project, "build", "-l", "en", "-v", "--format", "standard", "--format", "large-print")
    assert both.output.count("untranslated: 'Reposez-vous.'") == 1, "listed once, not once per format"
    assert "  the same 1 message(s) shown in the source language as output/en/sample.pdf" in both.output
    strict = run(project, "build", "-l", "en", "--strict", "--force")
    assert strict.exit_code == 1
    assert ("failed     output/en/sample.pdf\n  refused by --strict: translation changed since approval on "
            "2026-03-02: a text changed: sections[0].blocks[3].table.rows[0][1]; 1 message(s) are untranslated, fuzzy "
            "or fail a check:\n    leaflets/sample.yaml:20 "
            "(sections[0].blocks[3].table.rows[0][1]): untranslated: 'Reposez-vous.' "
            "(translations/en/LC_MESSAGES/leaflets.po:115)\n") in strict.output


def test_a_broken_catalog_is_told_once_not_under_every_pdf(project):
    add_leaflet(project, "other", "Un autre traitement", "Another treatment")
    po = project / "translations" / "en" / "LC_MESSAGES" / "leaflets.po"
    po.write_text(po.read_text(encoding="utf-8") + '\nmsgid "x"\nmsgstr "cut short\n', encoding="utf-8")
    result = run(project, "build", "-l", "en", "--jobs", "1")
    assert result.exit_code == 1
    assert result.output.count("not valid gettext syntax") == 1, result.output
    assert "failed     output/en/sample.pdf (the same error as output/en/other.pdf)" in result.output


def test_build_summary_counts_drafts_and_stale_outputs_and_keeps_html(project):
    po = project / "translations" / "en" / "LC_MESSAGES" / "leaflets.po"
    po.write_text(po.read_text(encoding="utf-8").replace('msgstr "Rest."', 'msgstr ""'), encoding="utf-8")
    (project / "output" / "de").mkdir(parents=True)
    (project / "output" / "de" / "sample.pdf").write_bytes(b"%PDF")
    result = run(project, "build", "--jobs", "1", "--html")
    assert result.exit_code == 0, result.output
    assert result.output.splitlines()[-3:] == [
        "stale      output/de/sample.pdf: the language 'de' is not built any more (not in locales)",
        "  Delete these files, or bring back their leaflet or language.",
        "2 built, 0 unchanged, 0 failed; 1 draft, not to be given to patients; 1 stale output."]
    (project / "output" / "superseded" / "fr").mkdir(parents=True)
    (project / "output" / "superseded" / "fr" / "sample.pdf").write_bytes(b"%PDF")
    strict = run(project, "build", "--jobs", "1", "--strict", "--format", "standard", "--format", "large-print")
    assert strict.output.splitlines()[-2:] == [
        "  A PDF in output/superseded/ is one a refused build replaced, kept for comparison: never give it to "
        "patients; delete it once the leaflet is built again. Delete the others, or bring back their leaflet or "
        "language.",
        "1 built, 1 unchanged (1 standard, 1 large-print), 0 failed, 2 refused by --strict; 2 stale outputs."]
    assert (project / "output" / "en" / "sample.html").exists() and (project / "output" / "fr" / "sample.html").exists()


def test_invalid_leaflet_fails_with_file_line_and_field(project):
    sample = project / "leaflets" / "sample.yaml"
    sample.write_text(sample.read_text(encoding="utf-8").replace('version: "2.1"', "version: 2.1"), encoding="utf-8")
    result = run(project, "build", "-l", "fr")
    assert result.exit_code == 1
    assert ('leaflets/sample.yaml:41: metadata.version: expected text, got number 2.1. Quote it: version: "1.0"'
            in result.output)


def test_extract_init_update_stats(project):
    assert run(project, "extract").exit_code == 0
    assert run(project, "extract").output == "translations/leaflets.pot is up to date\n"
    created = run(project, "init", "es", "--translator", "Ana García <ana@example.org>")
    assert created.exit_code == 0
    assert created.output == ("created translations/es/LC_MESSAGES/leaflets.po; 'leaflets build' now makes "
                              "Spanish PDFs, marked as drafts until the translation is complete\n")
    header = (project / "translations" / "es" / "LC_MESSAGES" / "leaflets.po").read_text(encoding="utf-8")
    assert '"Last-Translator: Ana García <ana@example.org>\\n"' in header
    assert '"Language-Team: Spanish\\n"' in header
    assert "# Ana García <ana@example.org>, " in header and "FIRST AUTHOR" not in header
    assert "ORGANIZATION" not in header and '"Report-Msgid-Bugs-To: https://' in header
    assert run(project, "init", "es").exit_code == 1
    assert run(project, "update", "--check").output == "template and catalogs are up to date\n"
    sample = project / "leaflets" / "sample.yaml"
    sample.write_text(sample.read_text(encoding="utf-8").replace("Vous saignez.", "Vous saignez du nez."),
                      encoding="utf-8")
    assert run(project, "init", "de").exit_code == 0
    german = (project / "translations" / "de" / "LC_MESSAGES" / "leaflets.po").read_text(encoding="utf-8")
    assert 'msgid "Vous saignez du nez."' in german and 'msgid "Vous saignez."' not in german, "extracted first"
    (project / "translations" / "de").rename(project / "de-aside")
    sample.write_text(sample.read_text(encoding="utf-8").replace("Vous saignez du nez.", "Vous saignez."),
                      encoding="utf-8")
    assert run(project, "extract").exit_code == 0
    stats = run(project, "stats").output.splitlines()
    assert stats[1].split() == ["locale", "leaflet", "translated", "fuzzy", "untranslated", "translated", "fuzzy",
                                "untranslated", "done"]
    assert [line.split() for line in stats[2:]] == [
        ["en", "_shared", "2", "0", "0", "9", "0", "0", "100%"],
        ["en", "sample", "26", "0", "0", "80", "0", "0", "100%"],
        ["en", "site", "44", "0", "0", "236", "0", "0", "100%"],
        ["en", "templates", "61", "0", "0", "322", "0", "0", "100%"],
        ["en", "all", "132", "0", "0", "646", "0", "0", "100%"],
        ["es", "_shared", "0", "0", "2", "0", "0", "9", "0%"],
        ["es", "sample", "0", "0", "26", "0", "0", "80", "0%"],
        ["es", "site", "0", "0", "44", "0", "0", "236", "0%"],
        ["es", "templates", "0", "0", "61", "0", "0", "322", "0%"],
        ["es", "all", "0", "0", "132", "0", "0", "646", "0%"],
    ]
    rows = json.loads(run(project, "stats", "--json").output)["stats"]
    assert rows[-1] == {"locale": "es", "leaflet": "all",
                        "messages": {"total": 132, "translated": 0, "fuzzy": 0, "untranslated": 132},
                        "words": {"total": 646, "translated": 0, "fuzzy": 0, "untranslated": 646}, "percent": 0.0}


def test_init_refuses_a_locale_babel_does_not_know(project):
    result = run(project, "init", "xx_nope")
    assert result.exit_code == 1
    assert result.output == ("Error: 'xx_nope' is not a locale Babel knows. Use a code such as 'es', 'ar' or "
                             "'pt_BR'\n")


def test_update_check_fails_when_catalogs_are_stale(project):
    sample = project / "leaflets" / "sample.yaml"
    sample.write_text(sample.read_text(encoding="utf-8").replace("Vous saignez.", "Vous saignez du nez."),
                      encoding="utf-8")
    assert run(project, "extract").exit_code == 0
    result = run(project, "update", "--check")
    assert result.exit_code == 1
    assert result.output.splitlines() == [
        "out of date: translations/en/LC_MESSAGES/leaflets.po",
        '  changed: "Vous saignez du nez." (leaflets/sample.yaml:24): added “du nez”; fuzzy until a translator '
        "checks it",
        "Run 'leaflets extract' and 'leaflets update', then commit the catalogs.",
    ]


def test_outside_a_project_the_error_says_what_to_do(tmp_path):
    result = run(tmp_path, "build")
    assert result.exit_code == 1
    assert "no pyproject.toml with a [tool.patient-leaflets] table" in result.output


def test_python_dash_m_runs_the_same_command():
    result = subprocess.run([sys.executable, "-m", "patient_leaflets", "--version"], capture_output=True, text=True)
    assert result.returncode == 0 and result.stdout.startswith("leaflets, version ")


COMMANDS = sorted(cli.commands)


@pytest.mark.parametrize("name", COMMANDS)
def test_every_command_has_help_and_is_documented(name):
    result = CliRunner().invoke(cli, [name, "--help"])
    assert result.exit_code == 0 and cli.commands[name].help
    assert re.search(rf"`leaflets {name}\b", README.read_text(encoding="utf-8")), f"document {name} in README.md"


# Stopping a build: Ctrl-C (SIGINT), kill (SIGTERM) or kill -9 (SIGKILL). The next build goes on.

BUILD_TELLING_EACH_RENDER = """\
import multiprocessing, os, sys
from patient_leaflets.cli import main
from patient_leaflets.render import pdf

multiprocessing.set_start_method("fork")  # the workers inherit the patch and the pipe
real, pipe = pdf.render_pdf, int(sys.argv.pop(1))

def render_pdf(html, config, *stylesheets):
    document = real(html, config, *stylesheets)
    os.write(pipe, b"rendered\\n")
    return document

pdf.render_pdf = render_pdf
main()
"""


def start_build(project, renders=3):
    """Start building 16 PDFs with 2 workers; return it and the pipe it writes to, once ``renders`` are rendered.

    The English PDFs of the 7 leaflets added are drafts: their titles are not translated.
    """
    for number in range(1, 8):
        add_leaflet(project, f"leaflet-{number:02d}", f"Le traitement {number}")
    read, write = os.pipe()
    command = [sys.executable, "-c", BUILD_TELLING_EACH_RENDER, str(write), "--project", str(project), "build",
               "--jobs", "2"]
    # A shell's background jobs ignore Ctrl-C, and so would the build if it inherited that: restore the default.
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                               pass_fds=[write], start_new_session=True,
                               preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))
    os.close(write)
    assert read_renders(read, until=renders) >= renders, "the build ended before it could be stopped"
    return process, read


def read_renders(pipe, until=None):
    """Count the renders the build tells, until ``until`` or until every process of the build has ended."""
    told = b""
    while until is None or told.count(b"\n") < until:
        assert select.select([pipe], [], [], 120)[0], "nothing rendered, nothing ended in 2 minutes"
        chunk = os.read(pipe, 1024)
        if not chunk:
            os.close(pipe)
            break
        told += chunk
    return told.count(b"\n")


def check_next_build_goes_on(project):
    """Check that every PDF left is whole; build again; return how many PDFs it found up to date."""
    pdfs = sorted((project / "output").glob("*/*.pdf"))
    # Every leaflet of this project is the sample under another title: whole PDFs have its page count (3 in
    # English, whose about box names the translators).
    assert {len(PdfReader(pdf).pages) for pdf in pdfs} <= {2, 3}, "every PDF left is whole"
    again = run(project, "build")
    assert again.exit_code == 0, again.output
    built, unchanged = re.fullmatch(r"(\d+) built, (\d+) unchanged, 0 failed; 7 drafts, not to be given to "
                                    r"patients\.", again.output.splitlines()[-1]).groups()
    assert int(built) + int(unchanged) == 16 and int(built) >= 1 and int(unchanged) >= 1
    assert not list((project / "output").rglob("*.tmp"))
    return int(unchanged)


@pytest.mark.slow  # 16 PDFs, in a subprocess stopped on its way, then built again
@pytest.mark.parametrize("signum", [signal.SIGINT, signal.SIGTERM])
def test_an_interrupted_build_records_what_it_did_and_says_so(project, signum):
    process, pipe = start_build(project, renders=3)
    if signum == signal.SIGINT:
        os.killpg(process.pid, signum)  # Ctrl-C reaches every process of the terminal's group, workers too
    else:
        process.send_signal(signum)
    out, err = process.communicate(timeout=120)
    read_renders(pipe)
    assert process.returncode == 130, err
    said = re.search(r"^Interrupted after rendering (\d+) of 16 PDF\(s\)\. Every PDF written is whole and "
                     r"recorded: run the build again to finish\.$", err, re.M)
    assert said, err
    assert json.loads((project / "output" / "build-report.json").read_text(encoding="utf-8"))["interrupted"]
    assert not (project / "output" / ".build-journal.jsonl").exists(), "folded into the manifest"
    written = len(list((project / "output").glob("*/*.pdf")))
    assert check_next_build_goes_on(project) == written >= 3, "every PDF written is recorded, those under way too"
    assert 1 <= out.count("built ") <= written and 1 <= int(said[1]) <= written


@pytest.mark.slow  # 16 PDFs, in a subprocess stopped on its way, then built again
def test_a_killed_build_leaves_whole_pdfs_and_the_next_build_goes_on(project):
    process, pipe = start_build(project, renders=3)
    process.kill()
    process.communicate(timeout=120)
    read_renders(pipe)  # ends once the workers, left without their build, have ended too
    assert (project / "output" / ".build-journal.jsonl").exists()
    assert check_next_build_goes_on(project) >= 1


def test_choosing_the_source_language_or_an_unknown_leaflet_says_so(project):
    source = run(project, "check", "-l", "fr")
    assert source.exit_code == 0, source.output
    assert source.output.splitlines()[0] == ("'fr' is the source language: its leaflets, readability and approvals "
                                             "are checked; it has no catalog (translations: en)")
    assert "init fr" not in source.output
    unknown = run(project, "status", "--leaflet", "nope")
    assert unknown.exit_code == 1 and "no leaflet 'nope' in leaflets/" in unknown.output
