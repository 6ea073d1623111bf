"""Catalog lifecycle: init, update with fuzzy matching and previous msgids, statistics, --check."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from patient_leaflets.errors import CatalogError
from patient_leaflets.i18n.catalogs import init_catalog, outdated_catalogs, update_catalogs, write_template
from patient_leaflets.i18n.pofile import read_catalog, write_catalog
from patient_leaflets.i18n.stats import catalog_stats, count_words


def edit(project, old, new):
    sample = project / "leaflets" / "sample.yaml"
    sample.write_text(sample.read_text(encoding="utf-8").replace(old, new), encoding="utf-8")


def test_init_creates_an_empty_catalog_and_refuses_to_overwrite(config):
    path = init_catalog(config, "es")
    catalog = read_catalog(path, "es")
    assert str(catalog.locale) == "es"
    assert catalog.get("Le traitement exemple").string == ""
    with pytest.raises(CatalogError, match=r"leaflets.po: already exists. Use 'leaflets update'"):
        init_catalog(config, "es")


def test_update_marks_changed_text_fuzzy_and_keeps_the_previous_msgid(config, project):
    edit(project, "Un médicament donné goutte à goutte dans une veine.",
         "Un médicament donné goutte à goutte dans une veine du bras.")
    write_template(config)
    assert update_catalogs(config, check=True) == [config.po_path("en")]
    assert update_catalogs(config) == [config.po_path("en")]
    catalog = read_catalog(config.po_path("en"), "en")
    message = catalog.get("Un médicament donné goutte à goutte dans une veine du bras.")
    assert message.fuzzy
    assert message.previous_id == ["Un médicament donné goutte à goutte dans une veine."]
    assert message.string == "A medicine given drop by drop into a vein."
    assert update_catalogs(config, check=True) == []


def test_long_previous_msgids_are_written_as_gettext_tools_read_them(config, project):
    old = "Un médicament donné goutte à goutte dans une veine."
    longer = "Un médicament donné goutte à goutte dans une veine, souvent celle du bras, pendant une heure."
    edit(project, old, longer)
    write_template(config)
    update_catalogs(config)
    edit(project, longer, longer + " Cela dure une heure.")
    write_template(config)
    catalog_po = config.po_path("en")
    catalog_po.write_text(catalog_po.read_text(encoding="utf-8").replace(
        'msgstr "A medicine given drop by drop into a vein."',
        'msgstr "A medicine given drop by drop into a vein, often in the arm."'), encoding="utf-8")
    update_catalogs(config)
    previous = [line for line in catalog_po.read_text(encoding="utf-8").splitlines() if line.startswith("#|")]
    assert previous[0] == '#| msgid ""' and len(previous) == 3
    assert all(re.fullmatch(r'#\| "[^"]*"', line) for line in previous[1:]), "each line is a whole string"
    message = read_catalog(catalog_po, "en").get(longer + " Cela dure une heure.")
    assert message.fuzzy and message.previous_id == [longer]


def test_stats_never_count_fuzzy_as_translated(config, project):
    before = {row.leaflet: row for row in catalog_stats(config)}
    assert list(before) == ["_shared", "sample", "site", "templates", "all"]
    assert all((row.translated, row.fuzzy, row.untranslated) == (row.total, 0, 0) for row in before.values())
    edit(project, "Vous saignez.", "Vous saignez beaucoup.")
    edit(project, "Troisième point clé.", "Un tout autre point, sans rapport avec le précédent.")
    write_template(config)
    update_catalogs(config)
    after = {row.leaflet: row for row in catalog_stats(config)}
    sample, everything = after["sample"], after["all"]
    assert (sample.translated, sample.fuzzy, sample.untranslated) == (24, 1, 1)
    assert (sample.words_fuzzy, sample.words_untranslated) == (3, 9), "Vous saignez beaucoup / Un tout autre point…"
    assert (everything.translated, everything.fuzzy, everything.untranslated) == (130, 1, 1)
    assert after["templates"].percent == 100 and round(everything.percent) == 98


def test_words_leave_out_placeholders_and_link_addresses():
    assert count_words("Qu’est-ce que c’est ? Appelez le {phone_24h} ou [le site](https://www.e-cancer.fr).") == 8
    assert count_words("Version %(version)s · prochaine révision : %(date)s") == 3


def test_update_check_lists_what_extract_and_update_would_change(config, project):
    assert outdated_catalogs(config) == []
    edit(project, "Vous saignez.", "Vous saignez du nez.")
    edit(project, "Troisième point clé.", "Un tout autre point, sans rapport avec le précédent.")
    outdated = {str(item.path.relative_to(project)): item.changes for item in outdated_catalogs(config)}
    assert outdated == {
        "translations/leaflets.pot": [
            'new: "Un tout autre point, sans rappo…" (leaflets/sample.yaml:7)',
            'changed: "Vous saignez du nez." (leaflets/sample.yaml:24): added “du nez”',
            'removed: "Troisième point clé."'],
        "translations/en/LC_MESSAGES/leaflets.po": [
            'new: "Un tout autre point, sans rappo…" (leaflets/sample.yaml:7)',
            'changed: "Vous saignez du nez." (leaflets/sample.yaml:24): added “du nez”; fuzzy until a translator '
            "checks it",
            'removed: "Troisième point clé.", kept as obsolete'],
    }
    pot = config.pot_path.read_bytes()
    assert config.pot_path.read_bytes() == pot, "--check writes nothing"
    write_template(config)
    update_catalogs(config)
    assert outdated_catalogs(config) == []


def test_a_broken_po_file_is_reported_with_its_line(config):
    path = config.po_path("en")
    lines = path.read_text(encoding="utf-8").splitlines()
    path.write_text("\n".join(lines + ['', 'msgid "x"', 'msgstr "cut short', '', 'msgid "Vous saignez."',
                                       'msgstr "You are bleeding."']), encoding="utf-8")
    with pytest.raises(CatalogError) as info:
        read_catalog(path, "en")
    first = next(n for n, line in enumerate(lines, 1) if line == 'msgid "Vous saignez."')
    assert [str(p) for p in info.value.problems] == [
        f"{path}:{len(lines) + 3}: not valid gettext syntax: 'msgstr \"cut short'. Put every string in double "
        'quotes and write a quote inside it as \\"',
        f"{path}:{len(lines) + 5}: duplicate message, first defined on line {first}. Remove one of the two entries",
    ]


def test_update_needs_the_template(config):
    config.pot_path.unlink()
    with pytest.raises(CatalogError, match=r"^translations/leaflets.pot: missing. Run 'leaflets extract' first$"):
        update_catalogs(config)


def _catalogs(config):
    """Return a project's catalogs in every state: complete, new (Spanish), right to left with six plural forms
    (Arabic), and with fuzzy entries, previous msgids and obsolete entries (English after a change)."""
    init_catalog(config, "es")
    init_catalog(config, "ar")
    edit(config.root, "Vous saignez.", "Vous saignez du nez.")
    edit(config.root, "Troisième point clé.", "Un tout autre point, sans rapport avec le précédent.")
    write_template(config)
    update_catalogs(config, ["en", "es", "ar"])
    return [config.pot_path] + [config.po_path(locale) for locale in ("en", "es", "ar")]


def test_catalogs_pass_gnu_msgfmt_check(config, tmp_path):
    msgfmt = shutil.which("msgfmt")
    if msgfmt is None:
        pytest.skip("GNU gettext (msgfmt) is not installed; .ci/setup installs it")
    for path in _catalogs(config)[1:]:
        result = subprocess.run([msgfmt, "--check", "-o", str(tmp_path / "out.mo"), str(path)],
                                capture_output=True, text=True)
        assert result.returncode == 0, result.stderr


def test_catalogs_carry_the_standard_header(config):
    for path in _catalogs(config)[1:]:
        catalog = read_catalog(path)
        headers = dict(catalog.mime_headers)
        assert headers["Language"] == path.parent.parent.name
        assert headers["Content-Type"] == "text/plain; charset=utf-8"
        assert headers["Plural-Forms"].startswith(f"nplurals={catalog.num_plurals}; plural=")
    assert dict(read_catalog(config.po_path("ar")).mime_headers)["Plural-Forms"].startswith("nplurals=6;")


def test_catalogs_round_trip_through_babel_and_translate_toolkit(config):
    from translate.storage import pypo


    for path in _catalogs(config):
        written = path.read_bytes()
        assert bytes(pypo.pofile(written)) == written, f"Translate Toolkit changes {path.name}"
        write_catalog(path, read_catalog(path))
        assert path.read_bytes() == written, f"Babel changes {path.name}"
    assert b"#| msgid \"Vous saignez.\"" in config.po_path("en").read_bytes()
    assert b"#~ msgid \"Troisi\xc3\xa8me point cl\xc3\xa9.\"" in config.po_path("en").read_bytes()


def test_pybabel_compile_applies_the_leaflet_checks(config):
    po = config.po_path("en")
    po.write_text(po.read_text(encoding="utf-8").replace('msgstr "Rest."', 'msgstr "Rest for 2 days."'),
                  encoding="utf-8")
    line = next(n for n, text in enumerate(po.read_text(encoding="utf-8").splitlines(), 1)
                if text == 'msgid "Reposez-vous."')
    pybabel = Path(sys.executable).with_name("pybabel")
    result = subprocess.run([str(pybabel), "compile", "-d", "translations", "-D", "leaflets"], cwd=config.root,
                            capture_output=True, text=True)
    assert result.returncode == 1
    assert (f"error: translations/en/LC_MESSAGES/leaflets.po:{line}: numbers differ: msgid has none, msgstr has 2. "
            "Keep every dose, temperature, duration, percentage and age as in msgid (2,5 and 2.5 are the same "
            "number)") in result.stderr.splitlines()


def test_two_fuzzy_entries_with_the_same_msgid_keep_their_own_previous_source(tmp_path):
    """The ``#| msgid`` written for an entry with a context and for one without, sharing a msgid, each goes to its
    own entry (it used to go to whichever came first in the file)."""
    from babel.messages.catalog import Catalog

    from patient_leaflets.i18n.pofile import po_bytes, read_catalog

    catalog = Catalog(locale="en")
    catalog.add("Bonjour", "Hello there", flags=["fuzzy"], context="greeting", previous_id=["Salut"])
    catalog.add("Bonjour", "Good morning", flags=["fuzzy"], previous_id=["Bonjour à tous"])
    path = tmp_path / "leaflets.po"
    path.write_bytes(po_bytes(catalog))
    read = {message.context: message.previous_id for message in read_catalog(path, "en") if message.id}
    assert read == {"greeting": ["Salut"], None: ["Bonjour à tous"]}


def test_a_catalog_with_windows_line_endings_is_updated_in_place_never_doubled(config, project):
    po = config.po_path("en")
    po.write_bytes(po.read_bytes().replace(b"\n", b"\r\n"))  # as Git for Windows checks it out without .gitattributes
    assert outdated_catalogs(config) == [] and update_catalogs(config) == []
    edit(project, "Vous saignez.", "Vous saignez du nez.")
    write_template(config)
    assert update_catalogs(config) == [po]
    data = po.read_bytes()
    assert data.count(b'msgid "Premier point cl\xc3\xa9."') == 1
    assert b"\n" not in data.replace(b"\r\n", b""), "written back with the line endings it had"
    assert read_catalog(po, "en").get("Vous saignez du nez.").fuzzy
    assert outdated_catalogs(config) == []


def test_git_keeps_catalogs_and_leaflets_with_unix_line_endings():
    root = Path(__file__).resolve().parents[2]
    files = ["translations/leaflets.pot", "translations/en/LC_MESSAGES/leaflets.po", "leaflets/surgery.yaml"]
    attributes = subprocess.run(["git", "check-attr", "eol", "--", *files], cwd=root, capture_output=True, text=True,
                                check=True).stdout
    assert attributes.splitlines() == [f"{name}: eol: lf" for name in files]


def test_a_new_message_is_never_given_the_translation_of_another_as_a_guess(config, project):
    edit(project, "  - Troisième point clé.", "  - Troisième point clé.\n  - Premier point clé, encore.")
    edit(project, "Vous saignez.", "Vous saignez du nez.")
    assert outdated_catalogs(config)[1].changes == [
        'new: "Premier point clé, encore." (leaflets/sample.yaml:8)',
        'changed: "Vous saignez du nez." (leaflets/sample.yaml:25): added “du nez”; fuzzy until a translator checks it']
    write_template(config)
    update_catalogs(config)
    catalog = read_catalog(config.po_path("en"), "en")
    new = catalog.get("Premier point clé, encore.")
    assert (new.string, new.fuzzy, new.previous_id) == ("", False, []), "not 'First key point.' as a guess"
    edited = catalog.get("Vous saignez du nez.")
    assert edited.fuzzy and edited.previous_id == ["Vous saignez."] and edited.string == "You are bleeding."
