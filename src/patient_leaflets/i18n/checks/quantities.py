"""Quantities compared as instructions: a translation must say the same dose, how often, how long and how much.

Each side is read by ``reading`` in its own language. A number keeps its unit and its period (``2 par jour`` is
not ``2 per hour``), a range stays a range (``30 minutes à 1 heure`` is not ``1 hour 30 minutes``), a maximum
stays a maximum, and a period counts even without a number (``chaque mois`` is not ``every day``). What the
translation writes that the reader cannot read is an error: the check fails closed.

Three differences of wording are not differences of meaning: a period one side attaches to a number and the
other writes apart (``2 comprimés par jour`` / ``2 tablets, every day``), ``14 h`` and ``2 pm``, and a number
the source writes in words without a unit (``entre deux rendez-vous``: an idiom a translation may drop).
"""

from __future__ import annotations

from decimal import Decimal

from . import lexicon
from .reading import Quantity, read_quantities, vague_words
from .units import TIMES

DUAL = frozenset({"ar", "he", "sl"})
"""Languages that say two in the noun itself (Arabic حقنتان, two injections): a 2 in words may not be a number."""
FIX = "Keep each dose, duration, temperature, time and frequency with its unit, period and limit, as in msgid"


def quantity_problems(msgid: str, msgstr: str, source_locale: str | None, locale: str | None,
                      units: tuple = ()) -> list[str]:
    """Return why the quantities of ``msgstr`` are not those of ``msgid``, or what in ``msgstr`` cannot be read."""
    source = read_quantities(msgid, source_locale, units)
    target = read_quantities(msgstr, locale, units)
    problems = _unreadable(source, target)
    missing, extra = unmatched(source.quantities, target.quantities, (locale or "").split("_")[0] in DUAL)
    missing, extra = _without_soft(missing, extra), _without_soft(extra, missing)
    if any(q.amounts for q in missing) and not extra and vague_words(msgstr):
        problems.append(f"cannot read {vague_words(msgstr)[0]!r} as a number where msgid has {_listed(missing)}: "
                        "write the number as msgid does")
    elif missing or extra:
        problems.append(f"quantities differ (source: {_listed(missing)}; translation: {_listed(extra)}). {FIX}")
    return problems


def unreadable_problems(msgid: str, msgstr: str, source_locale: str | None, locale: str | None,
                        units: tuple = ()) -> list[str]:
    """Return what in ``msgstr`` looks like a quantity but cannot be read (and is not so in ``msgid``)."""
    problems = _unreadable(read_quantities(msgid, source_locale, units), read_quantities(msgstr, locale, units))
    vague = vague_words(msgstr)
    if len(vague) > len(vague_words(msgid)):  # pendant 8 semaines → for several weeks
        problems.append(f"cannot read {vague[-1]!r} as a number: write the numbers of msgid as it does, in digits")
    return problems


def _unreadable(source, target) -> list[str]:
    return [f"cannot read a quantity of the translation: {what}" for what in target.unreadable
            if what not in source.unreadable]


def _without_soft(side: list[Quantity], other: list[Quantity]) -> list[Quantity]:
    """Leave out a quantity in words (``entre deux rendez-vous``, ``dans la semaine`` / ``within a week``) unless
    the other side has a quantity of the same kind (a duration for a duration) it could have become."""
    kinds = {_kind(q) for q in other}
    return [q for q in side if not (q.words and q.per is None and _kind(q) not in kinds)]


def _kind(quantity: Quantity) -> str:
    unit = quantity.amounts[0][1] if quantity.amounts else None
    return (unit or "").split("-")[0]


def unmatched(source: list[Quantity], target: list[Quantity], dual: bool = False) -> tuple[list, list]:
    """Pair the quantities of both sides; return those of each side left without a match. ``dual``: the
    translation's language says two in the noun (Arabic)."""
    texts = (source, target)
    source, target = list(source), list(target)
    _pair(source, target, lambda s, t: s.key == t.key)
    _pair(source, target, _same_hour)
    _pair(source, target, _within)
    _inherit_units(source, target, texts)
    for one, other in ((source, target), (target, source)):  # حقنتان كل شهر: the two is in the noun
        for quantity in [q for q in one if q.words and q.per and _is_one_period(q, other is target and dual)]:
            alone = next((t for t in other if not t.amounts and t.per == quantity.per), None)
            if alone is not None:
                one.remove(quantity)
                other.remove(alone)
    for one, other in ((source, target), (target, source)):
        for quantity in [q for q in one if q.per and q.amounts]:  # 2 tablets per day / 2 tablets, every day
            bare = next((t for t in other if t.per is None and _without_period(quantity) == t.key), None)
            alone = next((t for t in other if not t.amounts and t.per == quantity.per), None)
            if bare is not None and alone is not None:
                one.remove(quantity)
                other.remove(bare)
                other.remove(alone)
    return source, target


def _is_one_period(quantity: Quantity, dual: bool) -> bool:
    """``une fois par semaine`` (= ``每周``), and in a language with a dual, ``Deux piqûres chaque mois`` (the two
    is in the noun: ``حقنتان كل شهر``)."""
    return all((unit is None and value == 2 and dual) or (unit == TIMES and value == 1)
               for value, unit in quantity.amounts)


def _inherit_units(source: list[Quantity], target: list[Quantity], texts: tuple[list, list]) -> None:
    """``pendant 5 ans, parfois 10`` = ``5 years, sometimes 10 years``: a number without a unit matches the same
    number with the unit of the quantity before it in its own text (never one after it: ``2 comprimés de
    500 mg`` is not ``2 mg``)."""
    for one, other, text in ((source, target, texts[0]), (target, source, texts[1])):
        for quantity in [q for q in one if len(q.amounts) == 1 and q.amounts[0][1] is None]:
            unit = _unit_before(text, quantity)
            match = next((t for t in other if unit and t.amounts == ((quantity.amounts[0][0], unit),)
                          and (t.per, t.comparator, t.sign) == (quantity.per, quantity.comparator, quantity.sign)),
                         None)
            if match is not None:
                one.remove(quantity)
                other.remove(match)


def _unit_before(text: list[Quantity], quantity: Quantity) -> str | None:
    index = next(i for i, q in enumerate(text) if q is quantity)
    return next((q.amounts[-1][1] for q in reversed(text[:index]) if q.amounts and q.amounts[-1][1]), None)


def _pair(source: list[Quantity], target: list[Quantity], same) -> None:
    for quantity in list(source):
        match = next((t for t in target if same(quantity, t)), None)
        if match is not None:
            source.remove(quantity)
            target.remove(match)


def _without_period(quantity: Quantity) -> tuple:
    return quantity.amounts, None, quantity.comparator, quantity.sign


def _within(one: Quantity, other: Quantity) -> bool:
    """``dans les 24 heures`` (within) is ``pendant 24 heures`` and ``jusqu'à 24 heures``: a maximum or nothing."""
    comparators = {one.comparator, other.comparator}
    return (lexicon.WITHIN in comparators and comparators <= {lexicon.WITHIN, None, "at most"}
            and (one.amounts, one.per, one.sign) == (other.amounts, other.per, other.sign))


def _same_hour(one: Quantity, other: Quantity) -> bool:
    """``14 h`` (read as 14 hours) is the time ``2 pm``: a whole hour of the clock."""
    return _as_hour(one) is not None and _as_hour(one) == _as_hour(other)


def _as_hour(quantity: Quantity) -> Decimal | None:
    if len(quantity.amounts) != 1 or quantity.per or quantity.comparator or quantity.sign:
        return None
    value, unit = quantity.amounts[0]
    if unit == "duration-hour" and value == value.to_integral_value():
        return value
    if unit == "time-of-day" and value % 60 == 0:
        return value / 60
    return None


def _listed(quantities: list[Quantity]) -> str:
    return ", ".join(str(q) for q in quantities) or "none"

