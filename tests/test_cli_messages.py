"""Messages sized for people: a new language is a count per language, not hundreds of lines; details on -v."""

from __future__ import annotations

import subprocess
import sys

from click.testing import CliRunner

from patient_leaflets.cli import cli
from patient_leaflets.i18n.catalogs import load_template
from patient_leaflets.i18n.stats import CatalogStats


def run(project, *args):
    return CliRunner().invoke(cli, ["--project", str(project), *args])


def test_a_fresh_language_is_one_line_in_check_and_its_messages_are_behind_verbose(project, config):
    created = run(project, "init", "de")
    assert created.exit_code == 0
    assert created.output.splitlines()[1] == (
        "Put the translator's name and e-mail in its Last-Translator header (Poedit and Weblate do it when saving; "
        "or pass --translator 'Name <e-mail>').")
    total = sum(1 for message in load_template(config) if message.id)
    result = run(project, "check", "-l", "de")
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert [line.split()[:2] for line in lines[1:] if not line.startswith("to do")] == [["sample", "de"]] + [
        ["warning:", "output/de/sample.pdf:"], ["0", "error(s),"]]  # one line for the one PDF, a draft
    assert (f"to do: de: {total} messages untranslated in every leaflet (the templates' own strings too) — "
            "'leaflets stats -l de'; 'leaflets check -v -l de' lists them") in lines
    assert not any("en" == line.split()[1] for line in lines[1:-1] if len(line.split()) > 1)
    verbose = run(project, "check", "-l", "de", "-v").output.splitlines()
    assert sum(": untranslated (" in line for line in verbose) == total


def test_check_of_one_language_leaves_the_source_drafts_to_the_clinicians(tmp_path):
    from conftest import make_project

    project = make_project(tmp_path / "project", approved=False)
    assert run(project, "init", "de").exit_code == 0
    german = run(project, "check", "-l", "de").output
    assert "warning: output/de/sample.pdf: a draft: text not yet approved; translation not yet approved" in german
    assert "output/fr/" not in german and "--clinical NAME" in german, "the German PDF says why, once"
    assert "warning: output/fr/sample.pdf: a draft: text not yet approved" in run(project, "check").output


def test_a_fresh_language_is_one_line_per_pdf_and_one_summary_in_the_build(project, config):
    assert run(project, "init", "de").exit_code == 0
    result = run(project, "build", "-l", "de", "-j", "1")
    assert result.exit_code == 0, result.output
    draft, summary, closing = result.output.splitlines()
    assert draft.startswith("built      output/de/sample.pdf (DRAFT: ")
    used = int(summary.split()[1])
    assert summary == (f"de: {used} messages shown in the source language ({used} untranslated) in 1 PDF — "
                       "'leaflets stats -l de'; 'leaflets build -v -l de' lists them")
    assert 0 < used <= sum(1 for message in load_template(config) if message.id)
    assert closing == "1 built, 0 unchanged, 0 failed; 1 draft, not to be given to patients."


def test_stats_for_one_language_never_round_up_to_100_percent(project):
    assert run(project, "init", "de").exit_code == 0
    rows = [line.split()[0] for line in run(project, "stats", "-l", "de").output.splitlines()[2:]]
    assert set(rows) == {"de"}
    unknown = run(project, "stats", "-l", "xx")
    assert unknown.exit_code == 1
    assert unknown.output.startswith("Error: locale 'xx' is not configured. Configured: ")
    almost = CatalogStats("de", "all", total=1000, translated=999, fuzzy=1)
    assert almost.shown_percent == 99 and almost.as_dict()["percent"] == 99.9
    assert CatalogStats("de", "all", total=3, translated=3, fuzzy=0).shown_percent == 100


def test_verbose_logs_the_tools_steps_not_weasyprints(project):
    result = subprocess.run([sys.executable, "-m", "patient_leaflets", "--project", str(project), "-v", "build",
                             "-l", "fr", "-j", "1"], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    logged = result.stderr.splitlines()
    assert logged[0].startswith("INFO: planned 1 PDF(s): 0 up to date, 1 to render (checked in ")
    assert any(line.startswith("INFO: output/fr/sample.pdf: built in ") for line in logged)
    assert not any("Step" in line or "Processing" in line or "weasyprint" in line.lower() for line in logged)
    assert not any(line.startswith("WARNING") for line in logged), "the stylesheet has nothing WeasyPrint ignores"


def test_a_refusal_names_a_few_messages_and_verbose_all(project):
    assert run(project, "init", "de").exit_code == 0
    strict = run(project, "build", "-l", "de", "--strict", "-j", "1")
    assert strict.exit_code == 1
    lines = strict.output.splitlines()
    assert lines[0] == "failed     output/de/sample.pdf"
    assert lines[1].startswith("  refused by --strict: ")
    assert lines[7].startswith("    … and ") and lines[7].endswith(
        " more: 'leaflets build -v' or output/build-report.json lists them all")
    assert lines[8] == "0 built, 0 unchanged, 0 failed, 1 refused by --strict."
    everything = run(project, "build", "-l", "de", "--strict", "-j", "1", "-v").output.splitlines()
    assert len(everything) > len(lines) and not any("… and" in line for line in everything)
