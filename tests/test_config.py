"""Project settings: defaults, and every problem reported at once."""

from __future__ import annotations

from pathlib import Path

import pytest

from patient_leaflets.config import Config, Institution, load_config
from patient_leaflets.config.options import settings_of
from patient_leaflets.errors import ConfigError


def test_settings_are_read(config):
    assert config.source_locale == "fr" and config.all_locales == ("fr", "en")
    assert config.language("en").region == "en_GB" and config.language("fr").region == "fr"
    assert config.institution.fever_threshold == 38.5
    assert config.po_path("en") == config.root / "translations" / "en" / "LC_MESSAGES" / "leaflets.po"


def test_bad_settings_are_all_reported(project):
    pyproject = project / "pyproject.toml"
    text = pyproject.read_text(encoding="utf-8")
    text = text.replace('source-locale = "fr"', 'source-locale = "fr"\nlocales = ["en", "xx-nope"]\nlanguages = 1')
    text = text.replace("fever-threshold = 38.5", 'fever-threshold = "38,5"')
    text = text.replace('phone-24h = "+33 1 98 76 54 32"', 'phone-24h = "01 98 76"')
    pyproject.write_text(text, encoding="utf-8")
    with pytest.raises(ConfigError) as info:
        load_config(project)
    assert [str(p) for p in info.value.problems] == [
        "pyproject.toml:4: tool.patient-leaflets.locales: unknown locale 'xx-nope'. Use a code such as 'en', 'es' "
        "or 'pt_BR'",
        "pyproject.toml:5: tool.patient-leaflets.languages: unknown setting. Known settings: do-not-translate, domain, "
        "formats, leaflets-dir, locales, online-url, output-dir, regions, source-locale, styles-dir, templates-dir, "
            "translation-self-review, translations-dir, units",
        "pyproject.toml:14: tool.patient-leaflets.institution.phone-24h: '01 98 76' is not a valid phone number. "
        "Write it in international form, e.g. +33 1 42 11 42 11",
        "pyproject.toml:16: tool.patient-leaflets.institution.fever-threshold: expected a number",
    ]


def test_locales_are_the_catalogs_found_unless_listed(project):
    assert load_config(project).locales == ("en",)
    for locale in ("es", "ar"):
        catalog = project / "translations" / locale / "LC_MESSAGES" / "leaflets.po"
        catalog.parent.mkdir(parents=True)
        catalog.write_bytes(b"")
    assert load_config(project).locales == ("ar", "en", "es")
    pyproject = project / "pyproject.toml"
    pyproject.write_text(pyproject.read_text(encoding="utf-8").replace(
        'source-locale = "fr"', 'source-locale = "fr"\nlocales = ["en"]'), encoding="utf-8")
    assert load_config(project).locales == ("en",), "an explicit list overrides discovery"


def test_a_catalog_folder_that_is_not_a_locale_is_reported(project):
    folder = project / "translations" / "english" / "LC_MESSAGES"
    folder.mkdir(parents=True)
    (folder / "leaflets.po").write_bytes(b"")
    with pytest.raises(ConfigError) as info:
        load_config(project)
    assert [str(p) for p in info.value.problems] == [
        "translations/english: 'english' is not a locale Babel knows. Name the folder with a locale code such as "
        "'es' or 'pt_BR'"]


def test_emergency_numbers_default_to_15_and_112_and_can_be_set(project):
    institution = load_config(project).institution
    assert (institution.phone_samu, institution.phone_emergency) == ("15", "112")
    pyproject = project / "pyproject.toml"
    text = pyproject.read_text(encoding="utf-8")
    pyproject.write_text(text.replace("fever-threshold = 38.5", 'fever-threshold = 38.5\nphone-samu = "18"\n'
                                      'phone-emergency = "12"'), encoding="utf-8")
    with pytest.raises(ConfigError) as info:
        load_config(project)
    assert [str(p) for p in info.value.problems] == [
        "pyproject.toml:16: tool.patient-leaflets.institution.phone-emergency: '12' is not a valid phone number. "
        "Write it in international form, e.g. +33 1 42 11 42 11"]
    pyproject.write_text(text.replace("fever-threshold = 38.5", 'fever-threshold = 38.5\nphone-samu = "18"'),
                         encoding="utf-8")
    assert load_config(project).institution.phone_samu == "18"


@pytest.mark.parametrize("declared", [Config, Institution], ids=["settings", "institution"])
def test_every_setting_declared_is_documented_in_the_readme(declared):
    readme = (Path(__file__).parent.parent / "README.md").read_text(encoding="utf-8")
    undocumented = [key for key in settings_of(declared) if f"`{key}`" not in readme and f"\n{key} = " not in readme]
    assert undocumented == []


def test_settings_left_out_take_their_declared_defaults(project):
    pyproject = project / "pyproject.toml"
    text = pyproject.read_text(encoding="utf-8")
    pyproject.write_text(text.replace('regions = { en = "en_GB" }\n', "").replace('formats = ["standard"]\n', ""),
                         encoding="utf-8")
    config = load_config(project)
    assert (config.leaflets_dir, config.translations_dir, config.domain, config.regions) == (
        "leaflets", "translations", "leaflets", ())
    assert config.formats == ("standard", "large-print") and config.institution.country == "FR"
    assert config.institution.phone_24h != config.institution.phone_switchboard
    pyproject.write_text(text.replace('phone-24h = "+33 1 98 76 54 32"\n', ""), encoding="utf-8")
    institution = load_config(project).institution
    assert institution.phone_24h == institution.phone_switchboard and not institution.separate_24h_line
