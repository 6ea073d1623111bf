"""Translation QA and project checks: the mistakes that can hurt a patient are caught."""

from __future__ import annotations

import datetime as dt

import pytest

from patient_leaflets.checks import check_project, translation_problems


@pytest.mark.parametrize("msgid, msgstr, problem", [
    ("Prenez 2,5 mg par jour.", "Take 25 mg a day.",
     "numbers differ from the source (2.5 → 25); doses, durations and phone numbers must stay exactly as written"),
    ("Appelez le 0 805 123 124.", "Call 0 805 123 125.",
     "numbers differ from the source (0, 123, 124, 805 → 0, 123, 125, 805); doses, durations and phone numbers "
     "must stay exactly as written"),
    ("Voir [le site](https://www.e-cancer.fr).", "See [the website](https://www.e-cancer.com).",
     "links differ from the source; keep every address exactly as in msgid"),
    ("Appelez le {phone_24h}.", "Call {phone_switchboard}.",
     "placeholders differ from the source; keep every {name} exactly as in msgid"),
])
def test_changed_numbers_links_and_placeholders_are_refused(msgid, msgstr, problem):
    assert translation_problems(msgid, msgstr) == [problem]


def test_faithful_translations_pass():
    assert translation_problems("Prenez 2,5 mg pendant 3 jours.", "Take 2.5 mg for 3 days.") == []
    assert translation_problems("Le [site](https://www.e-cancer.fr) aide.", "The [website](https://www.e-cancer.fr) "
                                "helps.") == []
    assert translation_problems("Appelez le {phone_24h}.", "Call {phone_24h}.") == []


def test_check_reports_unsafe_translation_with_its_po_line(config):
    po = config.po_path("en")
    text = po.read_text(encoding="utf-8")
    po.write_text(text.replace('"**Call** if your temperature is {fever_threshold} or higher."',
                               '"**Call** if your temperature is 39 or higher."'), encoding="utf-8")
    line = next(n for n, l in enumerate(text.splitlines(), 1) if l.startswith('msgid "**Appelez** si'))
    report = check_project(config, today=dt.date(2026, 11, 27))
    assert [str(p) for p in report.errors] == [
        f"translations/en/LC_MESSAGES/leaflets.po:{line}: msgstr: placeholders differ from the source; keep every "
        "{name} exactly as in msgid"]


def test_check_flags_overdue_and_upcoming_reviews(config):
    overdue = check_project(config, today=dt.date(2029, 3, 2))
    assert [str(p) for p in overdue.errors] == [
        "leaflets/sample.yaml:5: metadata.review_due: review overdue since 2029-03-01. Review the leaflet, then set "
        "a new version, published and review_due"]
    soon = check_project(config, today=dt.date(2029, 1, 1))
    assert soon.errors == []
    assert [str(p) for p in soon.warnings] == [
        "leaflets/sample.yaml:5: metadata.review_due: review due on 2029-03-01, in 59 days"]
