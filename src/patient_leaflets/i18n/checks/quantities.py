"""Quantities as a translation must keep them: a value with its unit, its sign and how often, in any language.

``8 semaines`` is not ``8 days``, ``38,5 °C`` is not ``38.5 °F`` and ``-2`` is not ``2``. Unit names and symbols
come from CLDR (Babel's unit patterns of each locale: ``{0} jours``, ``{0} j``, ``{0} par jour``), never from
a list typed here. A number without a unit takes the unit of the number it forms a range with (``1 à 2 jours``);
``24 h/24`` is read as ``24 h``; a period after a quantity (``2 fois par jour``, ``twice a week``) is how often.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from .number_words import number_words
from .numbers import number_spans
from .units import unit_lexicon

_SAME = {"temperature-generic": "temperature-celsius"}
"""``38°`` in a leaflet is ``38 °C``."""
_PERIOD_SPAN = {("duration-hour", 24): "duration-day", ("duration-day", 7): "duration-week"}
"""A quantity that fills its period says nothing about frequency: 24 hours a day, 7 days a week."""
_GAP = re.compile(r"[\s\u00a0\u202f]*")
_RANGE_JOIN = re.compile(r"[\s\u00a0\u202f]*(?:[-–—]|\w{1,4})[\s\u00a0\u202f]*$")


@dataclass(frozen=True)
class Quantity:
    """A number as a reader takes it: value, unit (a CLDR unit id, or None), sign and period (``per``)."""

    value: Decimal
    unit: str | None
    negative: bool
    per: str | None
    spelling: str

    @property
    def key(self) -> tuple:
        return self.value, self.unit, self.negative

    def __str__(self) -> str:
        unit = self.unit.split("-", 1)[1] if self.unit else ""
        per = f" per {self.per.split('-', 1)[1]}" if self.per else ""
        return f"{'-' if self.negative else ''}{self.spelling}{' ' + unit if unit else ''}{per}"


def quantities_in(text: str, locale: str | None) -> list[Quantity]:
    """Return every quantity written in ``text`` (numbers as ``numbers`` reads them), in order."""
    units, periods = unit_lexicon(locale)
    found: list[list] = []
    for start, end, value, spelling in sorted(number_spans(text, locale) + number_words(text, locale)):
        if found and start < found[-1][6]:  # the 24 of 24 h/24
            continue
        negative = _is_negative(text, start)
        # A number inside a name (AF3M, CYP2D6) has no unit: the letters after it are the rest of the name.
        unit, end = (None, end) if start and text[start - 1].isalpha() else _unit_after(text, end, units)
        end = _same_number_after(text, end, spelling)
        per = _period_after(text, end, periods)
        found.append([value, unit, negative, per, spelling, start, end])
    for this, following in zip(found, found[1:], strict=False):  # 1 à 2 jours, 30 minutes to 1 hour
        if this[1] is None and following[1] and _RANGE_JOIN.fullmatch(text[this[6]:following[5]]):
            this[1] = following[1]
    return [Quantity(value, _SAME.get(unit, unit), negative, None if _PERIOD_SPAN.get((unit, value)) == per else per,
                     spelling) for value, unit, negative, per, spelling, _, _ in found]


def quantity_problems(msgid: str, msgstr: str, source_locale: str | None, locale: str | None) -> list[str]:
    """Check that each quantity of ``msgid`` is in ``msgstr`` once, with the same value, unit, sign and period.

    A number with no unit on one side matches the same number with a unit on the other (``65 ans`` → ``aged
    65``); a period is compared when both sides name one.
    """
    source, target = quantities_in(msgid, source_locale), quantities_in(msgstr, locale)
    missing, extra = _unmatched(source, target)
    missing = [q for q in missing if not q.spelling.isalpha()]  # a word in the source may be an idiom
    if not missing and not extra:
        return []
    return [f"quantities differ: msgid has {_listed(missing)}, msgstr has {_listed(extra)}. Keep each dose, "
            "duration, temperature and frequency with its unit and sign, as in msgid"]


def _unmatched(source: list[Quantity], target: list[Quantity]) -> tuple[list[Quantity], list[Quantity]]:
    source, target = list(source), list(target)
    rules = (lambda s, t: s.key == t.key and s.per == t.per,
             lambda s, t: s.key == t.key and (s.per is None or t.per is None),
             lambda s, t: (s.value, s.negative) == (t.value, t.negative) and (s.unit is None or t.unit is None)
             and (s.per is None or t.per is None or s.per == t.per))
    for same in rules:
        for quantity in list(source):
            match = next((t for t in target if same(quantity, t)), None)
            if match is not None:
                source.remove(quantity)
                target.remove(match)
    return source, target


def _listed(quantities: list[Quantity]) -> str:
    return ", ".join(str(q) for q in quantities) or "none"


def _is_negative(text: str, start: int) -> bool:
    """Tell a minus sign (``-2``, ``−2``) from a range dash (``2-3``) or a hyphen (``J-2`` is day minus 2)."""
    if start == 0 or text[start - 1] not in "-−‒–":
        return False
    before = text[:start - 1]
    return not before or not (before[-1].isalnum() or before[-1] in "-−/")


def _unit_after(text: str, end: int, units: re.Pattern) -> tuple[str | None, int]:
    match = units[0].match(text, _GAP.match(text, end).end())
    if not match:
        return None, end
    return units[1][match.group(1).casefold()], match.end()


def _same_number_after(text: str, end: int, spelling: str) -> int:
    """Skip the ``/24`` of ``24 h/24``: the period is the quantity itself."""
    match = re.compile(rf"[\s\u00a0\u202f]*/[\s\u00a0\u202f]*{re.escape(spelling)}(?!\d)").match(text, end)
    return match.end() if match else end


def _period_after(text: str, end: int, periods) -> str | None:
    """Return the period named right after a quantity (``par jour``, ``/j``, ``a week``, ``fois par jour``)."""
    pattern, names = periods
    match = pattern.match(text, end)
    return names[(match.group(1) or match.group(2)).casefold()] if match else None
