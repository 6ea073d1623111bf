"""The quantity corpus: honest and dishonest translations of doses, frequencies, durations, times and dates.

Each line of tests/data/quantity-corpus.tsv is a French text, a translation into English, Spanish, German or
Arabic (and a few into Chinese, Italian and Portuguese), and whether the checks must let it through (``ok``) or
refuse it (``refused``).
The examples of the red team's report (issue 22) are among them.
"""

from __future__ import annotations

import re
from collections import Counter

import pytest

from conftest import DATA
from patient_leaflets.config import load_config
from patient_leaflets.i18n.checks import lexicon
from patient_leaflets.i18n.checks.checkers import Rules, rules_for, translation_problems
from patient_leaflets.i18n.checks.reading import read_quantities

LOCALES = {"en": "en_GB", "es": "es", "de": "de", "ar": "ar", "zh": "zh_Hans", "it": "it", "pt": "pt"}
CLASSES = ("frequency", "recombination", "range", "maximum", "shape", "time", "date", "characters")


def _cases() -> list[tuple[str, str, str, str, str]]:
    lines = (DATA / "quantity-corpus.tsv").read_text(encoding="utf-8").splitlines()
    unescape = lambda text: re.sub(r"\\u([0-9a-f]{4})", lambda m: chr(int(m.group(1), 16)), text)  # noqa: E731
    return [tuple(unescape(field) for field in line.split("\t")) for line in lines if not line.startswith("#")]


CASES = _cases()


@pytest.mark.parametrize("language, verdict, kind, msgid, msgstr", CASES,
                         ids=[f"{c[0]}-{c[1]}-{i}" for i, c in enumerate(CASES)])
def test_each_translation_gets_its_verdict(language, verdict, kind, msgid, msgstr):
    problems = translation_problems(msgid, msgstr, Rules(LOCALES[language], "fr"))
    if verdict == "ok":
        assert problems == []
    else:
        assert problems, f"{msgstr!r} passed for {msgid!r}"


def test_the_corpus_covers_every_class_both_ways_in_every_language():
    assert len(CASES) >= 150
    seen = Counter((language, verdict, kind) for language, verdict, kind, _, _ in CASES)
    for language in ("en", "es", "de", "ar"):
        for kind in ("frequency", "recombination", "maximum", "shape", "time", "date", "characters"):
            assert seen[(language, "refused", kind)], (language, kind)
        for kind in ("frequency", "recombination", "maximum", "time", "date"):
            assert seen[(language, "ok", kind)], (language, kind)
    assert {kind for _, _, kind, _, _ in CASES} >= set(CLASSES)


@pytest.mark.parametrize("msgid, msgstr, source, translation", [
    ("Deux piqûres chaque mois.", "Two injections every day.", "2 per month", "2 per day"),
    ("Un comprimé par jour.", "One tablet every hour.", "per day", "per hour"),
    ("2 fois par jour.", "2 times per hour.", "2 times per day", "2 times per hour"),
    ("500 mg deux fois par jour pendant 8 semaines.", "2 mg 500 times a day for 8 weeks.",
     "500 milligrams, 2 times per day", "2 milligrams, 500 times per day"),
    ("La perfusion dure de 30 minutes à 1 heure.", "The infusion takes 1 hour 30 minutes.",
     "30 minutes to 1 hour", "1 hour, 30 minutes"),
    ("4 grammes par jour au plus.", "4 grams a dose.", "at most 4 grams per day", "4 grams"),
    ("Venez à 14 h 30.", "Come at 2:30 am.", "14:30", "2:30"),
])
def test_a_refusal_names_the_quantity_on_each_side(msgid, msgstr, source, translation):
    problems = translation_problems(msgid, msgstr, Rules("en_GB", "fr"))
    assert problems[-1].startswith(f"quantities differ (source: {source}; translation: {translation}).")


@pytest.mark.parametrize("msgstr, unreadable", [
    ("Take 500 MU.", "unknown unit 'MU' after 500"),
    ("Take 500zz.", "unknown unit 'zz' after 500"),
    ("Take 5O0 mg.", "'5O0' has a letter among its digits"),
    ("Take 50⁰ mg.", "'50⁰' mixes digits and superscript digits"),
])
def test_what_cannot_be_read_is_refused_with_how_to_make_it_readable(msgstr, unreadable):
    problems = translation_problems("Prenez 500 mg.", msgstr, Rules("en_GB", "fr"))
    assert any(p.startswith(f"cannot read a quantity of the translation: {unreadable}") for p in problems), problems


@pytest.mark.parametrize("msgstr, word", [("For several weeks.", "several"), ("For a few weeks.", "a few")])
def test_a_word_where_the_source_has_a_number_is_refused_by_name(msgstr, word):
    problems = translation_problems("Pendant 8 semaines.", msgstr, Rules("en_GB", "fr"))
    assert f"cannot read {word!r} as a number: write the numbers of msgid as it does, in digits" in problems


def test_the_project_declares_its_units_in_pyproject(project):
    settings = project / "pyproject.toml"
    table = '\n[tool.patient-leaflets.units]\ngouttes = "unit-drop"\ndrops = "unit-drop"\n'
    settings.write_text(settings.read_text(encoding="utf-8") + table, encoding="utf-8")
    rules = rules_for(load_config(project), "en")
    assert translation_problems("Mettez 2 gouttes.", "Put in 2 drops.", rules) == []
    assert translation_problems("Mettez 2 gouttes.", "Put in 2 ml.", rules)


def test_a_unit_declared_by_the_project_is_read():
    rules = Rules("en_GB", "fr", units=(("gouttes", "unit-drop"), ("drops", "unit-drop")))
    assert translation_problems("Mettez 2 gouttes.", "Put in 2 drops.", rules) == []
    assert translation_problems("Mettez 2 gouttes.", "Put in 2 ml.", rules) != []


ADVERBS = [(word, unit) for unit, words in lexicon.ADVERBS.items() for word in words]
COMPARATORS = [(word, meaning) for meaning, words in lexicon.COMPARATORS.items() for word in words]
UNITS = [(spelling, unit) for unit, spellings in lexicon.EXTRA_UNITS.items() for spelling in spellings]


@pytest.mark.parametrize("word, unit", ADVERBS)
def test_each_period_word_of_the_lexicon_is_read_as_its_period(word, unit):
    periods = [q.per for q in read_quantities(f"Le traitement : {word}.", "fr").quantities]
    assert periods == [(1, unit)]


@pytest.mark.parametrize("word, meaning", COMPARATORS)
def test_each_comparator_of_the_lexicon_is_read(word, meaning):
    text = f"5 mg {word}." if word in lexicon.POSTFIX else f"Dose : {word} 5 mg."
    assert [q.comparator for q in read_quantities(text, "fr").quantities] == [meaning]


@pytest.mark.parametrize("spelling, unit", UNITS)
def test_each_unit_of_the_lexicon_is_read(spelling, unit):
    assert read_quantities(f"Dose : 5 {spelling}.", "fr").quantities[0].amounts == ((5, unit),)


WEEK = {"fr": "semaine", "en": "week", "es": "semana", "de": "Woche", "it": "settimana", "pt": "semana",
        "ar": "أسبوع", "zh": "周"}
EVERY = [(language, word) for language, words in lexicon.EVERY.items() for word in words]
TIMES = [(language, word) for language, words in lexicon.TIMES.items() for word in words]


@pytest.mark.parametrize("language, word", EVERY)
def test_each_word_that_makes_a_period_is_read(language, word):
    space = "" if language == "zh" else " "
    name = ("ال" if word == "في" else "") + WEEK[language]
    periods = [q.per for q in read_quantities(f"{word}{space}{name}", language).quantities]
    assert periods == [(1, "duration-week")]


@pytest.mark.parametrize("language, word", TIMES)
def test_each_word_that_makes_a_count_is_read(language, word):
    space = "" if language == "zh" else " "
    assert read_quantities(f"3{space}{word}", language).quantities[0].amounts == ((3, "times"),)
