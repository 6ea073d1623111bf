"""Approvals as document control: bound to exactly the text a patient reads, voided by any change to it, and
told the same way by the build, ``check --strict`` and ``status``."""

from __future__ import annotations

import datetime as dt
import json
import re

import pytest
from click.testing import CliRunner

from conftest import make_project
from patient_leaflets.approval.approve import approve_leaflet, approve_translation
from patient_leaflets.approval.layout import approve_layout
from patient_leaflets.building import build_leaflets
from patient_leaflets.check.project import check_project
from patient_leaflets.cli import cli
from patient_leaflets.config import load_config
from patient_leaflets.errors import ApprovalError
from patient_leaflets.pipeline.status import approval_status

DAY = dt.date(2026, 12, 3)


@pytest.fixture
def fresh(tmp_path):
    """The test project as a hospital gets it: no text approved (its layout is, to see the text alone)."""
    config = load_config(make_project(tmp_path / "project", approved=False))
    approve_layout(config, ("Graphiste Exemple",), DAY)
    return config


def run(config, *args):
    return CliRunner().invoke(cli, ["--project", str(config.root), *args])


def states(config) -> dict[tuple[str, str], list[str]]:
    return {(row.leaflet, row.locale): row.reasons(hints=False) for row in approval_status(config)}


def edit(path, old, new):
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")


def test_approve_writes_only_the_approval_block_and_makes_the_text_final(fresh):
    sample = fresh.root / "leaflets" / "sample.yaml"
    before = sample.read_text(encoding="utf-8")
    result = run(fresh, "approve", "sample", "--clinical", "Dr Marie Dupont", "--clinical", "Pr Jean Martin",
                 "--patient", "Comité des usagers", "--date", "2026-12-03")
    assert result.exit_code == 0, result.output
    assert result.output.splitlines()[1] == "recorded in leaflets/sample.yaml"
    after = sample.read_text(encoding="utf-8")
    assert after.startswith(before), "every line, comment and quote of the file kept as written"
    block = after[len(before):]
    assert block.splitlines()[:10] == [
        "", "approval:  # written by 'leaflets approve'; a change to the text, the names or the date voids it",
        "  date: 2026-12-03", '  version: "2.1"', "  clinical:", "    - Dr Marie Dupont",
        "    - Pr Jean Martin", "  patient:", "    - Comité des usagers",
        f"  digest: {re.search(r'sha256:[0-9a-f]{64}', block).group(0)}"]
    assert states(fresh) == {("sample", "fr"): [], ("sample", "en"): ["translation not yet approved"]}


def _metadata_first(sample) -> None:
    """Put the metadata at the top of the leaflet, as the shipped leaflets and the README's example have it."""
    text = sample.read_text(encoding="utf-8")
    start = text.index("metadata:")
    sample.write_text(text[start:] + "\n" + text[:start], encoding="utf-8")


def test_approving_moves_no_line_so_the_catalogs_stay_up_to_date(fresh):
    from patient_leaflets.i18n.catalogs import outdated_catalogs, update_catalogs, write_template

    sample = fresh.root / "leaflets" / "sample.yaml"
    _metadata_first(sample)
    write_template(fresh)
    update_catalogs(fresh)
    before = sample.read_text(encoding="utf-8")
    for people in (["Dr Marie Dupont"], ["Dr Marie Dupont", "Pr Jean Martin"]):  # approved, then again
        approve_leaflet(fresh, "sample", people, [], DAY)
        assert sample.read_text(encoding="utf-8").startswith(before)
        assert outdated_catalogs(fresh) == [], "no reference moved: the approval's commit carries no catalog"
    assert states(fresh)[("sample", "fr")] == []


def test_a_record_in_the_metadata_is_still_read_and_moved_to_the_end_when_approving_again(fresh):
    sample = fresh.root / "leaflets" / "sample.yaml"
    _metadata_first(sample)
    approve_leaflet(fresh, "sample", ["Dr Exemple"], [], DAY)
    text = sample.read_text(encoding="utf-8")
    start = text.index("\napproval:")
    block = "".join("  " + line for line in text[start + 1:].splitlines(keepends=True))
    sample.write_text(text[:start + 1].replace("\ntitle:", "\n" + block + "\ntitle:", 1), encoding="utf-8")
    assert "\n  approval:" in sample.read_text(encoding="utf-8")
    assert states(fresh)[("sample", "fr")] == [], "a record where earlier versions wrote it"
    approve_leaflet(fresh, "sample", ["Dr Exemple", "Pr Jean Martin"], [], DAY)
    text = sample.read_text(encoding="utf-8")
    assert "\n  approval:" not in text and text.count("\napproval:") == 1
    assert states(fresh)[("sample", "fr")] == []


def test_a_leaflet_with_windows_line_endings_is_approved_with_them(fresh):
    sample = fresh.root / "leaflets" / "sample.yaml"
    sample.write_bytes(sample.read_bytes().replace(b"\n", b"\r\n"))
    approve_leaflet(fresh, "sample", ["Dr Exemple"], [], DAY)
    data = sample.read_bytes()
    assert b"\n" not in data.replace(b"\r\n", b"") and b"\r\napproval:" in data
    assert states(fresh)[("sample", "fr")] == []


def test_an_edited_sentence_makes_a_draft_everywhere_and_reverting_it_makes_it_final_again(fresh):
    approve_leaflet(fresh, "sample", ["Dr Exemple"], [], DAY)
    sample = fresh.root / "leaflets" / "sample.yaml"
    edit(sample, "Premier élément.", "Premier élément, modifié.")
    reason = "text changed since approval on 2026-12-03: a text changed: sections[0].blocks[1].list[0]"
    assert states(fresh)[("sample", "fr")] == [reason]

    [french] = build_leaflets(fresh, locales=["fr"], jobs=1).outcomes
    assert french.draft and french.draft_reasons == [reason]
    assert french.approval.source.changed == 1
    [refused] = build_leaflets(fresh, locales=["fr"], jobs=1, strict=True).failed
    assert refused.error == f"refused by --strict: {reason}"
    check = check_project(fresh, strict=True)
    assert "leaflets/sample.yaml:13: sections[0].blocks[1].list[0]: a text changed since approval on 2026-12-03" in [
        str(p) for p in check.errors]
    assert f"output/fr/sample.pdf: build --strict refuses it: {reason}" in [
        str(p).split(". Once")[0] for p in check.errors]

    edit(sample, "Premier élément, modifié.", "Premier élément.")
    assert states(fresh)[("sample", "fr")] == []
    [french] = build_leaflets(fresh, locales=["fr"], jobs=1, strict=True).outcomes
    assert (french.status, french.draft) == ("built", False)
    assert not [p for p in check_project(fresh, strict=True).errors if p.file.startswith("output/fr")]


def test_changing_what_a_patient_does_not_read_keeps_the_approval(fresh):
    approve_leaflet(fresh, "sample", ["Dr Exemple"], [], DAY)
    sample = fresh.root / "leaflets" / "sample.yaml"
    edit(sample, "    - title: Guide de test", "    # cited first in the printed list\n    - title: Guide de test")
    edit(sample, "title: Le traitement exemple", "# a comment\ntitle:   Le traitement exemple")
    assert states(fresh)[("sample", "fr")] == []


def test_a_changed_phone_number_in_the_settings_voids_the_approval(fresh):
    approve_leaflet(fresh, "sample", ["Dr Exemple"], [], DAY)
    settings = fresh.root / "pyproject.toml"
    number = re.search(r'phone-24h = "([^"]+)"', settings.read_text(encoding="utf-8")).group(1)
    edit(settings, f'phone-24h = "{number}"', 'phone-24h = "+33 1 45 17 50 00"')
    config = load_config(fresh.root)
    assert states(config)[("sample", "fr")] == ["text changed since approval on 2026-12-03: a setting that prints "
                                                "changed: tool.patient-leaflets.institution.phone-24h"]
    problems = [str(p) for p in check_project(config).warnings]
    said = "institution.phone-24h: a setting that prints changed since approval"
    assert any(p.startswith("pyproject.toml:") and said in p for p in problems), problems


def test_a_hand_edited_record_is_detected(fresh):
    approve_leaflet(fresh, "sample", ["Dr Exemple"], [], DAY)
    sample = fresh.root / "leaflets" / "sample.yaml"
    text = sample.read_text(encoding="utf-8")
    digest = re.search(r"sha256:([0-9a-f]{64})", text).group(1)
    sample.write_text(text.replace(digest, digest[::-1]), encoding="utf-8")
    [reason] = states(fresh)[("sample", "fr")]
    assert reason.startswith("the approval record (leaflets/sample.yaml:") and "was edited by hand" in reason
    sample.write_text(text.replace("    - Dr Exemple", "    - Pr Quelqu’un d’autre"), encoding="utf-8")
    assert "was edited by hand" in states(fresh)[("sample", "fr")][0], "names are sealed too"


def test_a_record_copied_from_another_leaflet_does_not_approve_it(fresh):
    approve_leaflet(fresh, "sample", ["Dr Exemple"], [], DAY)
    sample = (fresh.root / "leaflets" / "sample.yaml").read_text(encoding="utf-8")
    other = fresh.root / "leaflets" / "other.yaml"
    other.write_text(sample, encoding="utf-8")  # the same text, but the record names another leaflet
    assert "was edited by hand" in states(fresh)[("other", "fr")][0]
    other.write_text(sample.replace("title: Le traitement exemple", "title: Un autre"), encoding="utf-8")
    assert states(fresh)[("other", "fr")] == ["text changed since approval on 2026-12-03: a text changed: title"]


def test_a_translation_is_final_only_when_both_it_and_its_source_are_approved(fresh):
    approve_translation(fresh, "sample", "en", ["Jane Translator"], ["John Reviewer"], DAY)
    assert states(fresh)[("sample", "en")] == ["text not yet approved"]
    approve_leaflet(fresh, "sample", ["Dr Exemple"], [], DAY)
    assert states(fresh)[("sample", "en")] == []
    record = (fresh.root / "translations" / "en" / "approvals.yaml").read_text(encoding="utf-8")
    assert "sample:\n  date: 2026-12-03\n  version: \"2.1\"\n  translator:\n    - Jane Translator\n" in record

    po = fresh.po_path("en")
    edit(po, 'msgstr "Rest."', 'msgstr "Rest well."')  # passes every check: only a reviewer can judge it
    assert check_project(fresh).errors == []
    reason = "translation changed since approval on 2026-12-03: a text changed: sections[0].blocks[3].table.rows[0][1]"
    assert states(fresh)[("sample", "en")] == [reason]
    [english] = build_leaflets(fresh, locales=["en"], jobs=1, strict=True).failed
    assert english.error == f"refused by --strict: {reason}"
    errors = [str(p) for p in check_project(fresh, strict=True).errors]
    assert any(p.startswith('translations/en/LC_MESSAGES/leaflets.po: "Reposez-vous.": translation changed since '
                            "approval on 2026-12-03") for p in errors), errors
    edit(po, 'msgstr "Rest well."', 'msgstr "Rest."')
    assert states(fresh)[("sample", "en")] == []


def test_an_incomplete_translation_cannot_be_approved(fresh):
    edit(fresh.po_path("en"), 'msgstr "Rest."', 'msgstr ""')
    with pytest.raises(ApprovalError) as info:
        approve_translation(fresh, "sample", "en", ["Jane Translator"], ["John Reviewer"], DAY)
    first, last = (str(p) for p in (info.value.problems[0], info.value.problems[-1]))
    assert re.fullmatch(r'translations/en/LC_MESSAGES/leaflets\.po:\d+: "Reposez-vous\.": untranslated '
                        r"\(leaflets/sample\.yaml:20 \(sections\[0\]\.blocks\[3\]\.table\.rows\[0\]\[1\]\)\)", first)
    assert last.startswith("1 message(s) above have no usable translation: nothing was approved")
    assert not (fresh.root / "translations" / "en" / "approvals.yaml").exists()


def test_approve_names_what_it_needs(fresh):
    assert "--clinical NAME" in run(fresh, "approve", "sample").output
    assert "need --locale" in run(fresh, "approve", "sample", "--translator", "X").output
    unknown = run(fresh, "approve", "sampel", "--clinical", "X")
    assert unknown.exit_code == 1 and "no leaflet 'sampel' in leaflets/. Did you mean 'sample'?" in unknown.output
    source = run(fresh, "approve", "sample", "--locale", "fr", "--translator", "X")
    assert source.exit_code == 1 and "'fr' is the source language" in source.output


def test_a_new_version_is_suggested_when_approved_text_changes(fresh):
    approve_leaflet(fresh, "sample", ["Dr Exemple"], [], DAY)
    edit(fresh.root / "leaflets" / "sample.yaml", "Premier élément.", "Premier élément, modifié.")
    result = run(fresh, "approve", "sample", "--clinical", "Dr Exemple", "--date", "2026-12-05")
    assert result.exit_code == 0
    assert ("note: the text changed since version 2.1 was approved on 2026-12-03, and the version is still 2.1: "
            "give the new text a new version") in result.output


def test_hand_written_status_gets_a_fix_that_names_approve(fresh):
    sample = fresh.root / "leaflets" / "sample.yaml"
    edit(sample, 'version: "2.1"', 'version: "2.1"\n  status: approved')
    result = run(fresh, "build", "-l", "fr")
    assert result.exit_code == 1
    assert ("metadata.status: 'status: approved' is no longer written by hand: an approval is recorded with the "
            "text it approves. Remove this line; once the people named have approved this text, run 'leaflets "
            "approve LEAFLET --clinical NAME [--patient NAME]'") in result.output


def test_status_shows_each_pdf_and_its_state(fresh):
    approve_leaflet(fresh, "sample", ["Dr Exemple"], ["Comité"], DAY)
    table = run(fresh, "status")
    assert table.exit_code == 0
    layout, *lines = table.output.splitlines()
    assert layout == "layout (templates, styles, pictograms, fonts): approved by Graphiste Exemple on 2026-12-03"
    assert lines[0].split() == ["leaflet", "lang", "version", "approved", "by", "on", "review", "due", "state"]
    assert lines[1].split() == ["sample", "fr", "2.1", "Dr", "Exemple,", "Comité", "2026-12-03", "2029-03-01",
                                "final"]
    assert lines[2].split()[:5] == ["sample", "en", "2.1", "-", "-"]
    assert lines[2].endswith("draft: translation not yet approved")
    assert lines[-1] == ("1 of 2 final, in every format; the PDFs of the others are drafts, not to be given to "
                         "patients.")
    french = run(fresh, "status", "--locale", "fr").output.splitlines()
    assert french[-1] == "1 of 1 final, in every format.", "no 'others' when there are none"
    rows = json.loads(run(fresh, "status", "--json").output)["status"]
    assert rows[0]["state"] == "final" and rows[0]["approval"]["source"]["by"] == {"clinical": ["Dr Exemple"],
                                                                                  "patient": ["Comité"]}
    assert rows[1]["state"] == "draft" and rows[1]["approval"]["translation"]["state"] == "not approved"


def test_update_extracts_first_so_it_never_says_up_to_date_when_it_is_not(fresh):
    edit(fresh.root / "leaflets" / "sample.yaml", "Premier élément.", "Premier élément nouveau.")
    result = run(fresh, "update")
    assert result.exit_code == 0
    assert result.output.splitlines()[0] == "wrote translations/leaflets.pot (extracted first)"
    assert "updated: translations/en/LC_MESSAGES/leaflets.po" in result.output
    assert run(fresh, "update", "--check").output == "template and catalogs are up to date\n"


def test_an_edited_source_sentence_is_not_called_a_changed_translation(fresh):
    approve_leaflet(fresh, "sample", ["Dr Exemple"], [], DAY)
    approve_translation(fresh, "sample", "en", ["Traductrice Exemple"], ["Relecteur Exemple"], DAY)
    sample = fresh.root / "leaflets" / "sample.yaml"
    edit(sample, "Premier élément.", "Premier élément, modifié.")
    assert states(fresh)[("sample", "en")][:2] == [
        "text changed since approval on 2026-12-03: a text changed: sections[0].blocks[1].list[0]",
        "source text of the translation changed since approval on 2026-12-03: a text changed: "
        "sections[0].blocks[1].list[0]"]
