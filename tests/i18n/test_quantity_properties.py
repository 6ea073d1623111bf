"""Property tests: any change to one quantity's value, unit or sign is refused; reordering them is not."""

from __future__ import annotations

from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from patient_leaflets.i18n.checks.checkers import Rules, translation_problems

ENGLISH = Rules("en_GB", "fr")
# (French, English) ways of writing each unit; the check reads them from CLDR, not from this table.
UNITS = [("mg", "mg"), ("g", "g"), ("µg", "µg"), ("ml", "ml"), ("litres", "litres"), ("jours", "days"),
         ("semaines", "weeks"), ("heures", "hours"), ("minutes", "minutes"), ("mois", "months"), ("°C", "°C"),
         ("°F", "°F"), ("%", "%"), ("kg", "kg")]

values = st.one_of(st.integers(1, 999).map(Decimal), st.integers(1, 999).map(lambda n: Decimal(n) / 10))
quantities = st.lists(st.tuples(values, st.integers(0, len(UNITS) - 1), st.booleans()), min_size=1, max_size=5)


def written(quantity, language: int) -> str:
    value, unit, negative = quantity
    number = f"{value.normalize():f}"
    number = number.replace(".", ",") if language == 0 else number
    return f"{'-' if negative else ''}{number} {UNITS[unit][language]}"


def french(items) -> str:
    return "Notez : " + ", puis ".join(written(q, 0) for q in items) + "."


def english(items) -> str:
    return "Note: " + ", then ".join(written(q, 1) for q in items) + "."


@settings(max_examples=150, deadline=None)
@given(quantities, st.randoms(use_true_random=False))
def test_reordering_quantities_keeps_the_translation(items, random):
    shuffled = list(items)
    random.shuffle(shuffled)
    assert translation_problems(french(items), english(shuffled), ENGLISH) == []


@settings(max_examples=300, deadline=None)
@given(quantities, st.data())
def test_changing_one_quantity_is_refused(items, data):
    index = data.draw(st.integers(0, len(items) - 1))
    value, unit, negative = items[index]
    change = data.draw(st.sampled_from(["value", "unit", "sign"]))
    if change == "value":
        changed = (data.draw(values.filter(lambda v: v != value)), unit, negative)
    elif change == "unit":
        changed = (value, data.draw(st.integers(0, len(UNITS) - 1).filter(lambda u: u != unit)), negative)
    else:
        changed = (value, unit, not negative)
    translated = [*items[:index], changed, *items[index + 1:]]
    assert translation_problems(french(items), english(translated), ENGLISH) != []
