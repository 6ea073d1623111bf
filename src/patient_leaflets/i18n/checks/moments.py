"""Times and dates read as values: ``8 h 30`` = ``8:30 am``, ``14:30`` = ``2:30 pm``, ``12/03/2025`` = ``12 mars``.

The order of a numeric date (day first or month first) is the locale's own, from its short date pattern in CLDR
(Babel: ``dd/MM/y`` in French, ``M/d/yy`` in American English); month names and AM/PM are the locale's (Babel's
month and day-period names). ``2025-03-12`` is read year first in every language.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from babel.dates import get_date_format, get_month_names, get_period_names

from ...config.language import known_locale
from .numbers import ascii_digits

_S = r"[\s\u00a0\u202f]"
_ISO = re.compile(r"(?<![\d/.])(\d{4})-(\d{1,2})-(\d{1,2})(?![\d/.])")
_NUMERIC = re.compile(r"(?<![\d/.,])(\d{1,4})([./-])(\d{1,2})\2(\d{2,4})(?![\d/])")
_CLOCK = re.compile(rf"(?<![\d.,:])(\d{{1,2}})(?:{_S}?h{_S}?|[:.])(\d{{2}})(?![\d%])|(?<![\d.,:])(\d{{1,2}})(?={_S}?"
                    rf"(?:a\.?m\.?|p\.?m\.?|Uhr)(?!\w))", re.IGNORECASE)
"""``8 h 30``, ``14:30``, ``2.30 pm``; a whole hour with am, pm or ``Uhr`` (``14 Uhr``)."""
_HAN_DATE = re.compile(r"(?:(\d{4})年)?(\d{1,2})月(\d{1,2})[日号]")


@dataclass(frozen=True)
class Moment:
    """A time of day (``kind`` "time", minutes after midnight) or a date (``kind`` "date": year, month, day)."""

    kind: str
    value: tuple
    start: int
    end: int

    def __str__(self) -> str:
        if self.kind == "time":
            return f"{self.value[0] // 60}:{self.value[0] % 60:02d}"
        year, month, day = self.value
        return "-".join(str(part) for part in (year, month, day) if part is not None)


@functools.lru_cache(maxsize=4096)
def moments_in(text: str, locale: str | None) -> tuple[Moment, ...]:
    """Return the times and dates written in ``text``, in order."""
    text = ascii_digits(text)
    found: list[Moment] = []
    for match in _ISO.finditer(text):
        found.append(Moment("date", tuple(int(g) for g in match.groups()), *match.span()))
    for match in _HAN_DATE.finditer(text):
        year, month, day = match.groups()
        found.append(Moment("date", (int(year) if year else None, int(month), int(day)), *match.span()))
    for match in _NUMERIC.finditer(text):
        date = _numeric_date(match, locale)
        if date and not _inside(found, match.start()):
            found.append(Moment("date", date, *match.span()))
    found += [m for m in _named_dates(text, locale) if not _inside(found, m.start)]
    found += [m for m in _times(text, locale) if not _inside(found, m.start)]
    return tuple(sorted(found, key=lambda m: m.start))


def _inside(found: list[Moment], index: int) -> bool:
    return any(m.start <= index < m.end for m in found)


def _numeric_date(match: re.Match, locale: str | None) -> tuple | None:
    first, _, second, third = match.groups()
    if len(first) == 4:
        year, month, day = int(first), int(second), int(third)
    else:
        order = _date_order(locale)
        parts = dict(zip(order, (int(first), int(second), int(third)), strict=True))
        year, month, day = parts["y"], parts["M"], parts["d"]
    year = year + 2000 if year < 100 else year
    return (year, month, day) if 1 <= month <= 12 and 1 <= day <= 31 else None


@functools.lru_cache(maxsize=32)
def _date_order(locale: str | None) -> str:
    """Return the order of day, month and year in ``locale``'s short dates: ``dMy`` (fr), ``Mdy`` (en_US)."""
    parsed = known_locale(locale) or known_locale("en_GB")
    pattern = get_date_format("short", locale=parsed).pattern
    order = "".join(dict.fromkeys(c for c in pattern if c in "dMy"))
    return order if sorted(order) == sorted("dMy") else "dMy"


@functools.lru_cache(maxsize=32)
def _months(locale: str | None) -> tuple[re.Pattern, dict[str, int]]:
    parsed = known_locale(locale) or known_locale("en")
    names: dict[str, int] = {}
    for context in ("format", "stand-alone"):
        for width in ("wide", "abbreviated"):
            for number, name in get_month_names(width, context, parsed).items():
                names.setdefault(name.casefold(), number)
                names.setdefault(name.casefold().rstrip("."), number)
    ordered = "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True) if len(n) > 2)
    return re.compile(rf"(?<!\w)({ordered})\.?(?!\w)", re.IGNORECASE), names


def _named_dates(text: str, locale: str | None) -> list[Moment]:
    """``12 mars 2025``, ``1er mars``, ``March 12, 2025``: a month name with a day number beside it."""
    pattern, names = _months(locale)
    found = []
    for match in pattern.finditer(text):
        month = names[match.group(1).casefold()]
        before = re.search(rf"(?<![\d.,])(\d{{1,2}})(?:er|st|nd|rd|th|º|\.)?{_S}*(?:de{_S}+)?$", text[:match.start()])
        after = re.match(rf"{_S}*(\d{{1,2}})(?:st|nd|rd|th)?(?![\d:h])", text[match.end():])
        year = re.match(rf"(?:,?{_S}*(?:de{_S}+)?)(\d{{4}})(?!\d)", text[match.end() + (after.end() if after and
                                                                                     not before else 0):])
        day = before or after
        if day is None:
            continue
        start = before.start() if before else match.start()
        end = match.end() + (after.end() if after and not before else 0) + (year.end() if year else 0)
        found.append(Moment("date", (int(year.group(1)) if year else None, month, int(day.group(1))), start, end))
    return found


@functools.lru_cache(maxsize=32)
def _day_periods(locale: str | None) -> tuple[re.Pattern, dict[str, int]]:
    parsed = known_locale(locale) or known_locale("en")
    names = {"am": 0, "a.m.": 0, "pm": 12, "p.m.": 12}
    for width in ("abbreviated", "wide", "narrow"):
        periods = get_period_names(width, locale=parsed)
        for key, offset in (("am", 0), ("pm", 12)):
            if key in periods:
                names.setdefault(periods[key].casefold().replace("\u202f", " "), offset)
    ordered = "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True))
    return re.compile(rf"{_S}*({ordered})(?!\w)", re.IGNORECASE), names


def _times(text: str, locale: str | None) -> list[Moment]:
    """``8 h 30``, ``8h30``, ``14:30``, ``2.30 pm``, ``8 am``: a time of day, in minutes after midnight."""
    pattern, names = _day_periods(locale)
    found = []
    for match in _CLOCK.finditer(text):
        hours = int(match.group(1) or match.group(3))
        minutes = int(match.group(2) or 0)
        if match.group(2) is not None and "." in match.group() and "h" not in match.group():
            period = pattern.match(text, match.end())
            if period is None:  # 2.30 is a number, 2.30 pm a time
                continue
        period = pattern.match(text, match.end())
        end = match.end()
        if period and names[period.group(1).casefold().replace("\u202f", " ")] is not None:
            hours = hours % 12 + names[period.group(1).casefold().replace("\u202f", " ")]
            end = period.end()
        if hours > 24 or minutes > 59:
            continue
        found.append(Moment("time", (hours * 60 + minutes,), match.start(), end))
    return found
