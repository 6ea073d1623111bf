"""Each language's own punctuation: warnings for Spanish ¿ ¡, Chinese full-width marks and the Arabic comma."""

from __future__ import annotations

import pytest

from patient_leaflets.i18n.checks.checkers import Rules, translation_problems, translation_warnings

WARNED = [
    ("es", "Cuándo debo llamar?",
     "'Cuándo debo llamar?' has no opening '¿': Spanish opens a question with ¿ and an exclamation with ¡ "
     "(¿Cuándo debo llamar?)"),
    ("zh_Hans", "什么是化疗?", "half-width '?' in '什么是化疗?': Chinese text takes full-width punctuation (？)"),
    ("zh_Hans", "化疗用药物,请注意",
     "half-width ',' in '化疗用药物,请注意': Chinese text takes full-width punctuation (，)"),
    ("ar", "خذ الدواء, ثم اتصل بنا", "Latin ',' in 'ذ الدواء, ثم اتصل': write the Arabic '،'"),
    ("fa", "آیا تب دارید?", "Latin '?' in 'تب دارید?': write the Arabic '؟'"),
]
HONEST = [
    ("es", "¿Cuándo debo llamar? Si tiene fiebre, ¿debe llamar? ¡Llame ya! Vea https://www.e-cancer.fr/?q=1."),
    ("zh_Hans", "什么是化疗？体温达到38.5 °C或以上时，请致电。详见 www.e-cancer.fr。"),
    ("ar", "خذ الدواء، ثم اتصل بنا؟ الحرارة 38.5 درجة؛ انظر www.e-cancer.fr, a@b.fr"),
    ("en", "Hello, world? Yes!"),
]


@pytest.mark.parametrize(("locale", "text", "warning"), WARNED)
def test_punctuation_of_another_language_is_warned(locale, text, warning):
    assert translation_warnings(text, Rules(locale)) == [warning]
    assert translation_problems(text, text, Rules(locale)) == [], "a warning, never a refusal"


@pytest.mark.parametrize(("locale", "text"), HONEST)
def test_honest_punctuation_is_left_alone(locale, text):
    assert translation_warnings(text, Rules(locale)) == []
