"""Translations that change a value, end to end: `leaflets check` names them, `build --strict` refuses the PDF,
and a draft PDF shows the French instead; no PDF ever carries the wrong value.

Each case of tests/data/translations below is put into the sample leaflet (its msgids as paragraphs) and its
catalog; its `# expect:` lines are what `leaflets check` says, at the lines of the merged catalog.
"""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest
from babel.messages.pofile import read_po
from click.testing import CliRunner
from pypdf import PdfReader

from conftest import DATA, approve
from patient_leaflets.cli import cli

CASES = ["unit-weeks-to-days", "unit-celsius-to-fahrenheit", "unit-milligrams-to-grams", "unit-volume-and-percent",
         "sign-changed", "range-swapped", "frequency-changed", "number-in-words", "invisible-characters",
         "digits-of-other-scripts", "separators-of-other-locales", "link-label-and-target",
         "link-mailto-and-lookalike", "comma-decimal-in-english", "digit-grouping", "quantities-kept", "good-spellings",
         "script-without-font", "instructions-changed"]
PO = "translations/en/LC_MESSAGES/leaflets.po"
ANCHOR = "      - paragraph: Un paragraphe avec un [lien](https://www.example.org/info).\n"


@pytest.fixture
def project(built_project, tmp_path) -> Path:
    return shutil.copytree(built_project, tmp_path / "project")


def run(project: Path, *args: str):
    return CliRunner().invoke(cli, ["--project", str(project), *args])


def squeezed(text: str) -> str:
    """Text without spaces, line breaks and hyphens: what survives any line breaking of the PDF."""
    return re.sub(r"[\s\u00ad\u00a0\u202f-]+", "", text)


def pdf_text(path: Path) -> str:
    return squeezed("".join(page.extract_text() for page in PdfReader(path).pages))


def links(path: Path) -> list[str]:
    annotations = [a.get_object() for page in PdfReader(path).pages for a in page.get("/Annots") or []]
    return [str((a.get("/A") or {}).get("/URI", "")) for a in annotations]


def without_lines(message: str) -> str:
    return re.sub(r"leaflets\.po:\d+: ", "leaflets.po: ", message)


def merge_case(project: Path, case: Path) -> list:
    """Add the case's entries to the sample leaflet and the English catalog; return its messages."""
    with open(case, "rb") as handle:
        messages = [m for m in read_po(handle) if m.id]
    sample = project / "leaflets" / "sample.yaml"
    paragraphs = "".join(f"      - paragraph: {json.dumps(m.id, ensure_ascii=False)}\n" for m in messages)
    sample.write_text(sample.read_text(encoding="utf-8").replace(ANCHOR, ANCHOR + paragraphs), encoding="utf-8")
    body = case.read_text(encoding="utf-8").split("\n\n", 1)[1]  # the entries, after the header
    with open(project / PO, "a", encoding="utf-8") as handle:
        handle.write("\n" + body)
    return messages


@pytest.mark.parametrize("name", CASES)
def test_a_changed_value_never_reaches_a_final_pdf(project, name):
    case = DATA / "translations" / f"{name}.po-case"
    lines = case.read_text(encoding="utf-8").splitlines()
    errors = [without_lines(line[len("# expect: error: "):]) for line in lines if line.startswith("# expect: error")]
    messages = merge_case(project, case)
    refused = {m.id for m in messages if any(f'"{_start(m.id)}' in error for error in errors)}
    approve(project, "sample", translated=not refused)  # people approved the text: only the checks stand in the way

    check = run(project, "check")
    found = [without_lines(line[len("error: "):]) for line in check.output.splitlines() if line.startswith("error: ")]
    assert found == errors
    assert check.exit_code == (1 if errors else 0)

    before = (project / "output" / "en" / "sample.pdf").read_bytes()
    strict = run(project, "build", "--jobs", "1", "--strict", "-l", "en")
    if refused:
        assert strict.exit_code == 1
        assert "refused by --strict" in strict.output and f"{len(refused)} message(s)" in strict.output
        assert (project / "output" / "superseded" / "en" / "sample.pdf").read_bytes() == before, "set aside, not lost"
        draft = run(project, "build", "--jobs", "1", "-l", "en")
        assert draft.exit_code == 0 and "output/en/sample.pdf (DRAFT: " in draft.output
    else:
        assert strict.exit_code == 0, strict.output
    shown = pdf_text(project / "output" / "en" / "sample.pdf")
    for message in messages:
        if message.id in refused:
            assert not all(piece in shown for piece in _pieces(message.string)), "the wrong value is not printed"
            assert all(piece in shown for piece in _pieces(message.id)), "the French is shown instead"
        else:
            assert all(piece in shown for piece in _pieces(message.string)), "a correct translation is printed"
    assert not [uri for uri in links(project / "output" / "en" / "sample.pdf") if "evil" in uri]
    assert (project / "output" / "fr" / "sample.pdf").exists(), "nothing else was lost"


def _start(msgid: str) -> str:
    return msgid[:20]


def _pieces(text: str) -> list[str]:
    """The runs of text a reader sees, spaces removed: around placeholders (the settings' values print there) and
    around links (a link's label prints, then its address on paper)."""
    runs = re.split(r"\{\w+\}|\[([^\]]*)\]\([^)]*\)", text.replace("**", ""))
    return [squeezed(run) for run in runs if run and squeezed(run)]
