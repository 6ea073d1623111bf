"""One gate: on every case of a corpus, ``check --strict`` refuses exactly the PDFs ``build --strict`` refuses,
both ways (nothing the build refuses passes the check, nothing the check refuses passes the build)."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from conftest import approve
from patient_leaflets.building import build_leaflets
from patient_leaflets.cli import cli
from patient_leaflets.config import load_config

PO = "translations/en/LC_MESSAGES/leaflets.po"
APPROVALS = "translations/en/approvals.yaml"
CHAIN = "Call\u00a0us" + "\u00a0now" * 23  # no-break spaces: one "word" wider than the page


def edit(project: Path, file: str, old: str, new: str) -> None:
    path = project / file
    text = path.read_text(encoding="utf-8")
    assert old in text, (file, old)
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def overflowing_translation(project: Path) -> None:
    edit(project, PO, 'msgstr "You are bleeding."', f'msgstr "{CHAIN}"')
    approve(project, "sample", translated=True)


CASES = {
    "all approved": (lambda p: None, set()),
    "text edited": (lambda p: edit(p, "leaflets/sample.yaml", "Vous saignez.", "Vous saignez beaucoup."),
                    {"fr", "en"}),
    "translation edited": (lambda p: edit(p, PO, 'msgstr "Rest."', 'msgstr "Rest well."'), {"en"}),
    "fuzzy translation": (lambda p: edit(p, PO, 'msgid "Reposez-vous."', '#, fuzzy\nmsgid "Reposez-vous."'),
                          {"en"}),
    "approvals.yaml not YAML": (lambda p: (p / APPROVALS).write_text("sample: [\n", encoding="utf-8"), {"en"}),
    "approvals.yaml with a bad date": (lambda p: edit(p, APPROVALS, "date: 2026-03-02", "date: 2026-02-30"),
                                       {"en"}),
    "approvals.yaml with an unknown field": (
        lambda p: edit(p, APPROVALS, "  translator:", "  signed: yes\n  translator:"), {"en"}),
    "approvals.yaml a link": (lambda p: ((p / APPROVALS).unlink(), (p / APPROVALS).symlink_to(p / "pyproject.toml")),
                              {"en"}),
    "a stylesheet changed": (lambda p: edit(p, "styles/leaflet.css", "@page", ".urgent { display: none }\n@page"),
                             {"fr", "en"}),
    "text that runs off the page": (overflowing_translation, {"en"}),
}


@pytest.fixture(scope="module")
def built(built_project):
    return built_project


def refused_by_build(project: Path) -> set[str]:
    report = build_leaflets(load_config(project), jobs=1, strict=True)
    return {outcome.locale for outcome in report.failed}


def refused_by_check(project: Path) -> tuple[set[str], str]:
    result = CliRunner().invoke(cli, ["--project", str(project), "check", "--strict"])
    assert "Traceback" not in result.output and isinstance(result.exception, (SystemExit, type(None)))
    pdfs = set(re.findall(r"^error: output/(\w+)/sample\.pdf: build --strict", result.output, re.MULTILINE))
    assert result.exit_code == (1 if pdfs else 0), result.output
    return pdfs, result.output


@pytest.mark.parametrize("name", CASES)
def test_check_strict_refuses_exactly_what_build_strict_refuses(built, tmp_path, name):
    change, expected = CASES[name]
    project = shutil.copytree(built, tmp_path / "project", symlinks=True)
    change(project)
    checked, said = refused_by_check(project)  # first, before any build knows the new pages
    assert checked == expected, said
    assert refused_by_build(project) == expected
    assert refused_by_check(project)[0] == expected, "the same once the build's manifest knows the pages"


def test_a_known_overflow_is_read_from_the_manifest_not_laid_out_again(built, tmp_path, monkeypatch):
    project = shutil.copytree(built, tmp_path / "project")
    overflowing_translation(project)
    report = build_leaflets(load_config(project), jobs=1)  # not strict: a draft, its overflow recorded
    assert [o.locale for o in report.drafts] == ["en"]
    from patient_leaflets.building import jobs

    monkeypatch.setattr(jobs, "overflow_reasons", lambda *args: pytest.fail("laid out again"))
    checked, said = refused_by_check(project)
    assert checked == {"en"}
    assert "error: output/en/sample.pdf: build --strict refuses it: text runs off the page" in said


def test_leaflet_text_babel_flags_as_python_format_has_its_markup_checked(built, tmp_path):
    project = shutil.copytree(built, tmp_path / "project")
    edit(project, "leaflets/sample.yaml", "Second élément.", "Prenez 50 % de la dose.")
    edit(project, PO, 'msgid "Second élément."\nmsgstr "Second item."',
         '#, python-format\nmsgid "Prenez 50 % de la dose."\nmsgstr "Take 50 % of the [dose](https://evil.example)."')
    approve(project, "sample")
    from patient_leaflets.check.project import check_project

    errors = [str(p) for p in check_project(load_config(project)).errors]  # the catalog's own check, not strict
    assert any(e.startswith(PO) and "inline markup differs" in e for e in errors), errors
    checked, said = refused_by_check(project)
    assert checked == refused_by_build(project) == {"en"}
