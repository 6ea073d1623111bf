"""Approvals that make sense as document control: dated when they could have happened, reviewed by someone other
than the translator, names that print as typed, one record per leaflet; and the layout approved on its own."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from click.testing import CliRunner

from conftest import make_project
from patient_leaflets.approval.approve import approve_layout_as_is, approve_leaflet, approve_translation
from patient_leaflets.approval.layout import approve_layout
from patient_leaflets.check.project import check_project
from patient_leaflets.cli import cli
from patient_leaflets.config import load_config
from patient_leaflets.errors import ApprovalError
from patient_leaflets.pipeline.status import approval_status

DAY = dt.date(2026, 12, 3)


@pytest.fixture
def fresh(tmp_path):
    config = load_config(make_project(tmp_path / "project", approved=False))
    approve_layout(config, ("Graphiste Exemple",), DAY)
    return config


def run(config, *args):
    return CliRunner().invoke(cli, ["--project", str(config.root), *args])


def refusal(call) -> list[str]:
    with pytest.raises(ApprovalError) as info:
        call()
    return [str(problem) for problem in info.value.problems]


@pytest.mark.parametrize(("day", "said"), [
    ("2099-01-01", "--date 2099-01-01 is in the future"),
    ("2026-02-28", "--date 2026-02-28 is before the leaflet's published date (2026-03-01)"),
])
def test_an_approval_date_that_could_not_be_is_refused(fresh, day, said):
    result = run(fresh, "approve", "sample", "--clinical", "Dr Exemple", "--date", day)
    assert result.exit_code == 1 and f"Error: {said}" in result.output
    assert "approval:" not in (fresh.root / "leaflets" / "sample.yaml").read_text(encoding="utf-8")
    assert "Traceback" not in result.output


def test_an_approval_after_the_review_date_is_refused(fresh):
    sample = fresh.root / "leaflets" / "sample.yaml"
    sample.write_text(sample.read_text(encoding="utf-8").replace("published: 2026-03-01", "published: 2023-03-01")
                      .replace("review_due: 2029-03-01", "review_due: 2026-03-01"), encoding="utf-8")
    assert refusal(lambda: approve_leaflet(fresh, "sample", ["Dr Exemple"], [], DAY)) == [
        "--date 2026-12-03 is after the leaflet's review_due date (2026-03-01): review it first. Give the day the "
        "people named approved it (YYYY-MM-DD), or leave --date out for today"]


@pytest.mark.parametrize("reviewers", [[], ["Jane Translator"], ["jane translator"]])
def test_a_translation_needs_a_reviewer_other_than_its_translator(fresh, reviewers):
    problems = refusal(lambda: approve_translation(fresh, "sample", "en", ["Jane Translator"], reviewers, DAY))
    assert problems[0].startswith("a translation is approved by a reviewer other than its translator")
    assert "translation-self-review = true" in problems[0]
    assert not fresh.approvals_path("en").exists()


def test_a_documented_setting_lets_one_person_translate_and_review(fresh):
    settings = fresh.root / "pyproject.toml"
    settings.write_text(settings.read_text(encoding="utf-8").replace(
        'formats = ["standard"]', 'formats = ["standard"]\ntranslation-self-review = true'), encoding="utf-8")
    config = load_config(fresh.root)
    approve_translation(config, "sample", "en", ["Jane Translator"], [], DAY)
    assert config.approvals_path("en").exists()


@pytest.mark.parametrize("name", ["Dr \u202eEvil", "Dr\u200b Exemple", "Dr\x1b[31m Exemple", "Dr\u2066X"])
def test_names_with_control_or_format_characters_are_refused(fresh, name):
    [problem] = refusal(lambda: approve_leaflet(fresh, "sample", [name], [], DAY))
    assert problem.startswith("--clinical ") and "could hide or reorder it. Type the name again without it" in problem
    with pytest.raises(ApprovalError):
        approve_translation(fresh, "sample", "en", ["Jane"], [name], DAY)
    with pytest.raises(ApprovalError):
        approve_layout_as_is(fresh, [name], DAY)
    assert "approval:" not in (fresh.root / "leaflets" / "sample.yaml").read_text(encoding="utf-8")


def test_a_second_record_for_a_leaflet_in_approvals_yaml_is_an_error(fresh):
    approve_leaflet(fresh, "sample", ["Dr Exemple"], [], DAY)
    approve_translation(fresh, "sample", "en", ["Jane Translator"], ["John Reviewer"], DAY)
    path = fresh.approvals_path("en")
    text = path.read_text(encoding="utf-8")
    record = text[text.index("sample:"):]
    path.write_text(text + record.replace("Jane Translator", "Someone Else"), encoding="utf-8")
    errors = [str(p) for p in check_project(fresh).errors]
    assert any(e.startswith("translations/en/approvals.yaml:") and "sample: a second record for this leaflet" in e
               for e in errors), errors
    [row] = [row for row in approval_status(fresh) if row.locale == "en"]
    assert not row.final


def test_a_duplicate_field_in_the_leaflets_approval_block_is_an_error(fresh):
    approve_leaflet(fresh, "sample", ["Dr Exemple"], [], DAY)
    sample = fresh.root / "leaflets" / "sample.yaml"
    text = sample.read_text(encoding="utf-8")
    sample.write_text(text.replace("\n  date: 2026-12-03\n", "\n  date: 2026-12-03\n  date: 2026-12-01\n"),
                      encoding="utf-8")
    errors = [str(p) for p in check_project(fresh).errors]
    assert any(": approval.date: duplicate field" in e for e in errors), errors


def test_the_layout_is_approved_in_bulk_and_status_shows_it(tmp_path):
    config = load_config(make_project(tmp_path / "project"))
    css = config.root / "styles" / "leaflet.css"
    css.write_text(css.read_text(encoding="utf-8") + "\n.urgent { display: none }\n", encoding="utf-8")
    rows = approval_status(config)
    assert [row.reasons() for row in rows] == [
        ["layout changed since approval on 2026-03-02: a layout file changed: styles/leaflet.css"]] * 2
    status = run(config, "status")
    assert status.output.splitlines()[0] == ("layout (templates, styles, pictograms, fonts): layout changed since "
                                             "approval on 2026-03-02: a layout file changed: styles/leaflet.css")
    assert run(config, "approve", "--layout").exit_code == 2
    assert run(config, "approve", "sample", "--layout", "--by", "X").exit_code == 2
    result = run(config, "approve", "--layout", "--by", "Graphiste Exemple", "--date", "2026-12-03")
    assert result.exit_code == 0, result.output
    assert result.output.splitlines()[1] == "recorded in layout-approval.yaml"
    assert all(row.final for row in approval_status(config)), "no text approved again"
    said = json.loads(run(config, "status", "--json").output)["layout"]
    assert said["said"] == "approved by Graphiste Exemple on 2026-12-03"
    assert said["approval"]["by"] == {"by": ["Graphiste Exemple"]}


def test_a_broken_layout_approval_fails_every_pdf_without_a_traceback(tmp_path):
    config = load_config(make_project(tmp_path / "project"))
    (config.root / "layout-approval.yaml").write_text("date: tomorrow\nby: [X]\n", encoding="utf-8")
    result = run(config, "status")
    assert result.exit_code == 0 and "Traceback" not in result.output
    assert result.output.splitlines()[0].startswith("layout (templates, styles, pictograms, fonts): failed: ")
    check = run(config, "check", "--strict")
    assert check.exit_code == 1 and "layout-approval.yaml" in check.output and "Traceback" not in check.output


def test_a_record_dated_in_the_future_approves_nothing(fresh, monkeypatch):
    import types

    import patient_leaflets.approval.approve as approve_module
    import patient_leaflets.approval.records as records

    class Clock(dt.date):
        @classmethod
        def today(cls):
            return dt.date(2026, 12, 4)

    monkeypatch.setattr(approve_module, "_check_date", lambda leaflet, date: date)  # a record sealed some other way
    approve_leaflet(fresh, "sample", ["Dr Exemple"], [], dt.date(2026, 12, 5))
    monkeypatch.setattr(records, "dt", types.SimpleNamespace(date=Clock))  # judged on 4 December 2026
    [french] = [row for row in approval_status(fresh) if row.locale == "fr"]
    assert french.reasons() == ["the approval record (leaflets/sample.yaml:53) is dated 2026-12-05, in the future: "
                                "it approves nothing yet; approve it again on the day it is given"]
