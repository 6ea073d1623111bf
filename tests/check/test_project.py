"""Translation QA and project checks: the mistakes that can hurt a patient are caught, with file, line and fix."""

from __future__ import annotations

import datetime as dt
import shutil

import pytest

from conftest import DATA, ROOT
from patient_leaflets.check.coverage import summarize
from patient_leaflets.check.project import check_catalog, check_project
from patient_leaflets.config import load_config
from patient_leaflets.errors import ConfigError
from patient_leaflets.i18n.checks.checkers import Rules, numbers_in, translation_problems

# Stored as *.po-case, not *.po: they are wrong on purpose, and tools that scan every .po must skip them.
CORPUS = sorted((DATA / "translations").glob("*.po-case"))
ENGLISH = Rules("en_GB", "fr")


@pytest.mark.parametrize("path", CORPUS, ids=[p.stem for p in CORPUS])
def test_each_wrong_translation_is_caught_with_its_message(project, path):
    """Each file of tests/data/translations is a catalog; its `# expect:` lines are what `leaflets check` says."""
    text = path.read_text(encoding="utf-8")
    expected = [line.removeprefix("# expect: ") for line in text.splitlines() if line.startswith("# expect: ")]
    locale = next(line for line in text.splitlines() if line.startswith('"Language: '))[11:-3]
    config = load_config(project)
    config.shared_path.unlink()  # the corpus catalogs translate no leaflet: only their own entries count
    config.po_path(locale).parent.mkdir(parents=True, exist_ok=True)
    shutil.copy(path, config.po_path(locale))
    problems = check_catalog(config, locale, set())
    found = ([f"error: {p}" for p in problems if p.severity == "error"] +
             [f"warning: {p}" for p in problems if p.severity == "warning"])
    assert found == ([] if expected == ["nothing"] else expected)


@pytest.mark.parametrize("msgid, msgstr", [
    ("Prenez 2,5 mg.", "Take 2.5 mg."),
    ("Jusqu’à 1 000 mg.", "Up to 1,000 mg."),
    ("Jusqu’à 1\u202f000 mg.", "Up to 1 000 mg."),
    ("Jusqu’à 1\u00a0000,5 mg.", "Up to 1,000.5 mg."),
    ("À partir de 38 °C.", "From 38°C."),
    ("Une dose de 0,125 mg.", "A dose of 0.125 mg."),
    ("Dès 65 ans, 10 % des patients.", "From the age of 65, 10% of patients."),
    ("Du 1er au 21e jour.", "From day 1 to day 21."),
    ("Pendant 3 jours, 2 fois par jour.", "Twice a day for 3 days."),
    ("Appelez le 01 42 11 42 11.", "Call 01.42.11.42.11."),
])
def test_numbers_written_differently_agree(msgid, msgstr):
    assert translation_problems(msgid, msgstr, ENGLISH) == []


@pytest.mark.parametrize("msgid, msgstr, problem", [
    ("À partir de 38 °C.", "From 39 °C.", "msgid has 38, msgstr has 39"),
    ("Prenez 2,5 mg.", "Take 25 mg.", "msgid has 2,5, msgstr has 25"),
    ("Pendant 3 jours, 2 fois par jour.", "Twice a day for four days.", "msgid has 3, msgstr has four"),
    ("Jusqu’à 1,000 mg.", "Up to 1,000 mg.", "msgid has 1,000 (= 1), msgstr has 1,000 (= 1000)"),
    ("Buvez 1,5 l.", "Drink 15 l.", "msgid has 1,5, msgstr has 15"),
])
def test_numbers_are_compared_by_value(msgid, msgstr, problem):
    assert translation_problems(msgid, msgstr, ENGLISH) == [
        f"numbers differ: {problem}. Keep every dose, temperature, duration, percentage and age as in msgid "
        "(2,5 and 2.5 are the same number)"]


def test_numbers_follow_each_language_and_script():
    assert (set(numbers_in("1.000,5 mg", "de")) == set(numbers_in("1,000.5 mg", "en"))
            == set(numbers_in("1 000,5", "fr")))
    assert list(numbers_in("٣٨ درجة و ٢٫٥ ملغ", "ar")) == [38, 2.5] == list(numbers_in("38 et 2,5", "fr"))
    assert list(numbers_in("{phone_24h}, https://e-cancer.fr/2024, 01 42 11 42 11, x2@a.fr")) == []


def test_check_stops_a_translator_who_changes_38_into_39(config):
    po = config.po_path("en")
    text = po.read_text(encoding="utf-8")
    po.write_text(text.replace('"**Call** if your temperature is {fever_threshold} or higher."',
                               '"**Call** if your temperature is 39 °C or higher."'), encoding="utf-8")
    line = next(n for n, row in enumerate(text.splitlines(), 1) if row.startswith('msgid "**Appelez** si'))
    report = check_project(config, today=dt.date(2026, 11, 27))
    assert [str(p) for p in report.errors] == [
        f'translations/en/LC_MESSAGES/leaflets.po:{line}: "**Appelez** si vous avez {{fever…": placeholders differ: '
        "msgid has {fever_threshold}, msgstr has none. Copy every placeholder exactly as in msgid; the build fills "
        "in the value",
        f'translations/en/LC_MESSAGES/leaflets.po:{line}: "**Appelez** si vous avez {{fever…": numbers differ: '
        "msgid has none, msgstr has 39. Keep every dose, temperature, duration, percentage and age as in msgid "
        "(2,5 and 2.5 are the same number)"]


def test_check_lists_what_is_missing_from_a_new_language(config, project):
    from patient_leaflets.i18n.catalogs import init_catalog

    init_catalog(config, "es")
    report = check_project(load_config(project), today=dt.date(2026, 11, 27))
    spanish = [str(p) for p in report.gaps if p.file.startswith("translations/es/")]
    assert spanish[0] == ('translations/es/LC_MESSAGES/leaflets.po:26: "Qui est {institution} ?": untranslated '
                          "(leaflets/_shared.yaml:2)")
    assert len(spanish) == 132 and report.errors == []  # 89 for the leaflets, 43 for the library page
    assert not any(p.file.startswith("translations/es/") for p in report.warnings)
    [coverage] = [c for c in summarize(report.gaps) if c.locale == "es"]
    assert coverage.counts == {"untranslated": 132}
    assert coverage.leaflets == {"_shared", "sample", "templates", "site"}  # site: the library page's strings


def test_check_flags_overdue_and_upcoming_reviews(config):
    overdue = check_project(config, today=dt.date(2029, 3, 2))
    assert [str(p) for p in overdue.errors] == [
        "leaflets/sample.yaml:43: metadata.review_due: review overdue since 2029-03-01. Review the leaflet, then set "
        "a new version, published and review_due"]
    soon = check_project(config, today=dt.date(2029, 1, 1))
    assert soon.errors == []
    assert [str(p) for p in soon.warnings] == [
        "leaflets/sample.yaml:43: metadata.review_due: review due on 2029-03-01, in 59 days"]


def test_leaflets_today_sets_the_day_reviews_are_judged_against(config, monkeypatch):
    """``LEAFLETS_TODAY`` answers "what will be overdue on that day?" (and pins the day for these tests)."""
    monkeypatch.setenv("LEAFLETS_TODAY", "2029-03-02")
    assert [p.message for p in check_project(config).errors] == ["review overdue since 2029-03-01"]
    monkeypatch.setenv("LEAFLETS_TODAY", "2 March 2029")
    with pytest.raises(ConfigError) as info:
        check_project(config)
    assert [str(p) for p in info.value.problems] == [
        "LEAFLETS_TODAY: '2 March 2029' is not a date. Write it as YYYY-MM-DD, e.g. 2027-06-01, or unset it to use "
        "today"]


def test_french_source_text_needs_its_spaces(config, project):
    sample = project / "leaflets" / "sample.yaml"
    sample.write_text(sample.read_text(encoding="utf-8").replace("Qu’est-ce que c’est ?", "Qu’est-ce que c’est?"),
                      encoding="utf-8")
    report = check_project(config, today=dt.date(2026, 11, 27))
    assert [str(p) for p in report.warnings + report.gaps] == [
        "leaflets/sample.yaml:9: sections[0].heading: no space before '?' in 'c’est?'. French puts a narrow "
        "non-breaking space (U+202F) before ; ! ? and » and after «, and a non-breaking space (U+00A0) before :",
        # The text was approved: both PDFs are drafts again, and the changed message is named.
        "output/fr/sample.pdf: a draft: text changed since approval on 2026-03-02: a text changed: "
        "sections[0].heading. Once the text is approved, run 'leaflets approve sample --clinical NAME'",
        "leaflets/sample.yaml:9: sections[0].heading: a text changed since approval on 2026-03-02",
        "output/en/sample.pdf: a draft: text changed since approval on 2026-03-02: a text changed: "
        "sections[0].heading; source text of the translation changed since approval on 2026-03-02: a text changed: "
        "sections[0].heading; 1 message(s) are untranslated, fuzzy or fail a check. Once the text "
        "is approved, run 'leaflets approve sample --clinical NAME'; once the translation is reviewed, run 'leaflets "
        "approve sample --locale en --translator NAME'; translate the messages listed for this language",
        'translations/en/LC_MESSAGES/leaflets.po: "Qu’est-ce que c’est?": source text of the translation changed '
        "since approval on 2026-03-02 (leaflets/sample.yaml:9 (sections[0].heading))",
        'translations/en/LC_MESSAGES/leaflets.po: "Qu’est-ce que c’est?": not in the catalog. Run \'leaflets '
        "extract' and 'leaflets update'"]


@pytest.mark.parametrize("text", [
    "Prenez 2,5 mg, 1 000 mg ou 0,125 mg ; appelez le 01 42 11 42 11 ou le 15.",
    "Voir [le site](https://www.e-cancer.fr/2024), écrivez à a.b@exemple.fr, https://x.fr/1?a=2.",
    "**Appelez** le {phone_24h} si vous avez {fever_threshold} : 14:30, 12.03.2026, 1.2.3, ٣٫٥ et ١٫٢٫٣.",
])
def test_a_translation_identical_to_its_source_passes(text):
    assert translation_problems(text, text, Rules("fr", "fr")) == []


def test_translating_md_explains_every_kind_of_problem():
    guide = (ROOT / "TRANSLATING.md").read_text(encoding="utf-8")
    messages = [line.split('": ', 1)[1] for path in CORPUS for line in path.read_text(encoding="utf-8").splitlines()
                if line.startswith("# expect: ") and '": ' in line]
    for message in messages:
        start = " ".join(message.split()[:2]).split(" (")[0].split(":")[0]
        assert start in guide, f"explain {start!r} in TRANSLATING.md"


def test_strict_names_each_message_shown_untranslated_at_its_catalog_line(config):
    from patient_leaflets.check.approvals import check_approvals

    po = config.po_path("en")
    text = po.read_text(encoding="utf-8").replace('msgstr "Rest."', 'msgstr ""')
    text = text.replace('msgid "Premier élément."\nmsgstr "First item."\n', "")
    po.write_text(text, encoding="utf-8")
    line = text.splitlines().index('msgid "Reposez-vous."') + 1
    gaps = {problem.field: problem for problem in check_approvals(config, strict=True) if problem.field}
    untranslated, missing = gaps['"Reposez-vous."'], gaps['"Premier élément."']
    assert (untranslated.file, untranslated.line) == ("translations/en/LC_MESSAGES/leaflets.po", line)
    assert untranslated.message == "untranslated (leaflets/sample.yaml:20 (sections[0].blocks[3].table.rows[0][1]))"
    assert (missing.file, missing.line) == ("translations/en/LC_MESSAGES/leaflets.po", None), "file first, always"
    assert missing.message.endswith("; not in translations/en/LC_MESSAGES/leaflets.po: run 'leaflets extract' and "
                                    "'leaflets update'")


def test_entries_no_leaflet_uses_are_one_warning_and_not_checked_one_by_one(config, monkeypatch):
    from patient_leaflets.check import project as check_module

    po = config.po_path("en")
    lines = len(po.read_text(encoding="utf-8").splitlines())
    with open(po, "a", encoding="utf-8") as handle:  # a catalog merged from another project's
        for number in range(3000):
            handle.write(f'\nmsgid "Message inutilisé {number} : 38,5 °C"\nmsgstr "Unused message {number}: 39 °C"\n')
    checked = []
    real = check_module.entry_state
    monkeypatch.setattr(check_module, "entry_state",
                        lambda message, *args: checked.append(message.id) or real(message, *args))
    report = check_project(config)
    assert not [p for p in report.errors if "Unused message" in str(p)], "shown nowhere: no patient reads them"
    assert [str(p) for p in report.warnings if p.file.endswith("leaflets.po")] == [
        f"translations/en/LC_MESSAGES/leaflets.po:{lines + 2}: 3000 entries that no leaflet or template uses (not in "
        'the template, the first "Message inutilisé 0 : 38,5 °C"): shown nowhere, so not checked. Run \'leaflets '
        "update' to keep them as obsolete entries, or delete them"]
    assert len(checked) < 200


def test_a_leaflet_copied_under_another_name_is_a_warning(config, project):
    import shutil

    shutil.copy(project / "leaflets" / "sample.yaml", project / "leaflets" / "sample-copie.yaml")
    warnings = [str(p) for p in check_project(config).warnings if p.field == "title"]
    assert warnings == ["leaflets/sample.yaml:1: title: the same title as leaflets/sample-copie.yaml: two cards "
                        "alike in the library. If this file is a copy, delete one of the two; otherwise give it its "
                        "own title"]
