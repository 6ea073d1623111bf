"""Text that runs off the page once laid out: the PDF is a draft, --strict refuses it, the message says which."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner
from pypdf import PdfReader

from conftest import approve
from patient_leaflets.cli import cli

PO = "translations/en/LC_MESSAGES/leaflets.po"
CHAIN = "Call\u00a0us" + "\u00a0now" * 23  # no-break spaces: one "word" wider than the page
REASON = ("text runs off the page, where readers lose it (page 1: 'Call us now now now now now now now now now now now "
          "now now…' from leaflets/sample.yaml:24 (sections[0].blocks[4].urgent.signs[1])). Shorten the text or break "
          "it into lines")


@pytest.fixture
def project(built_project, tmp_path) -> Path:
    return shutil.copytree(built_project, tmp_path / "project")


def run(project: Path, *args: str):
    return CliRunner().invoke(cli, ["--project", str(project), "build", "--jobs", "1", *args])


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")


def test_a_chain_of_no_break_spaces_makes_a_draft_and_strict_refuses_it(project):
    edit(project / PO, 'msgstr "You are bleeding."', f'msgstr "{CHAIN}"')
    approve(project, "sample", translated=True)  # approved by people who read it in the catalog, not on paper
    before = (project / "output" / "en" / "sample.pdf").read_bytes()
    strict = run(project, "--strict", "-l", "en")
    assert strict.exit_code == 1
    assert strict.output.splitlines()[:2] == ["failed     output/en/sample.pdf", f"  refused by --strict: {REASON}"]
    assert (project / "output" / "superseded" / "en" / "sample.pdf").read_bytes() == before, "set aside, not lost"
    draft = run(project, "-l", "en")
    assert draft.exit_code == 0
    assert draft.output.splitlines()[0] == f"built      output/en/sample.pdf (DRAFT: {REASON})"
    first_page = PdfReader(project / "output" / "en" / "sample.pdf").pages[0].extract_text()
    assert "DRAFT – not to be given to patients" in first_page


def test_a_table_wider_than_the_page_is_named(project):
    columns = ", ".join(f"Colonne {n}" for n in range(1, 13))
    cells = ", ".join(f"C{n}" for n in range(1, 13))
    edit(project / "leaflets" / "sample.yaml", "          header: [Effet, Conseil]\n          rows:\n"
         "            - [Fatigue, Reposez-vous.]", f"          header: [{columns}]\n          rows:\n"
         f"            - [{cells}]")
    approve(project, "sample")
    strict = run(project, "--strict", "-l", "fr")
    assert strict.exit_code == 1
    assert strict.output.splitlines()[1] == (
        "  refused by --strict: text runs off the page, where readers lose it (page 1: a table wider than the page "
        "('Un tableau Colonne 1 Colonne 2 Colonne 3 Colonne 4 Colonne …')). Shorten the text or break it into "
        "lines")
