"""A project's languages, worked out once: region, tag, direction and numbering system, for any locale."""

from __future__ import annotations

import dataclasses

import pytest
from babel import Locale

from patient_leaflets.config.language import language_of, numbering_systems
from patient_leaflets.errors import ConfigError
from patient_leaflets.i18n.checks.checkers import Rules, translation_problems


def test_a_target_language_takes_its_region_from_the_settings(config):
    english = config.language("en")
    assert (english.locale, english.region, english.tag) == ("en", "en_GB", "en-GB")
    assert (english.direction, english.numbering_system, english.is_source) == ("ltr", "latn", False)
    assert (english.name, english.english_name) == ("English", "English"), "the language's name, not the region's"


def test_the_source_language_is_marked(config):
    french = config.source_language
    assert (french.locale, french.region, french.tag, french.is_source) == ("fr", "fr", "fr", True)
    assert french.name == "français" and french.language == "fr"


def test_arabic_is_written_right_to_left_with_its_region_digits():
    assert language_of("ar", "ar", False).is_right_to_left
    egyptian = language_of("ar", "ar_EG", False)
    assert (egyptian.direction, egyptian.numbering_system, egyptian.tag) == ("rtl", "arab", "ar-EG")
    assert language_of("fa", "fa", False).numbering_system == "arabext"


def test_a_tag_keeps_the_script():
    assert language_of("zh_Hant", "zh_Hant_TW", False).tag == "zh-Hant-TW"


@pytest.mark.parametrize("locale", ["he", "zh", "el", "am", "ja", "ta"])
def test_languages_with_traditional_numerals_babel_cannot_write_never_crash(locale):
    language = language_of(locale, locale, False)
    assert language.numbering_system == "latn"
    # The translation checks ask for the locale's number symbols: CLDR names systems (hebr, hans, grek, ethi) that
    # Babel has none for, which raised UnsupportedNumberingSystemError.
    rules = Rules(locale, "fr")
    assert translation_problems("Prenez 2 comprimés.", "Take 2 tablets.", rules) == []
    assert translation_problems("Prenez 2 comprimés.", "Take 3 tablets.", rules) != [], "and the checks still run"


def test_a_default_numbering_system_babel_lacks_falls_back_to_latin_digits():
    class Traditional(Locale):
        default_numbering_system = "hebr"

    assert numbering_systems(Traditional("he")) == ("latn",)
    assert numbering_systems(Locale("ar", "EG")) == ("arab", "latn")


def test_a_language_is_worked_out_once(config):
    assert config.language("en") is config.language("en")
    assert dataclasses.replace(config, output_dir="elsewhere").language("en") is config.language("en")
    assert config.language("en") is not dataclasses.replace(config, regions=()).language("en")


def test_a_locale_babel_does_not_know_is_a_clear_error(config):
    with pytest.raises(ConfigError) as info:
        config.language("xx")
    assert [str(p) for p in info.value.problems] == ["'xx' is not a locale Babel knows. Use a code such as 'en', "
                                                     "'es' or 'pt_BR'"]
