"""A text's quantities read as instructions: ``au plus 2 à 3 comprimés par jour`` is at most 2 to 3, per day.

Each quantity is a comparator (``at most``, ``at least``, ``about``), a sign, one value or a range of two, each
with its unit (a CLDR unit id, ``times`` for a count), and a period (``per day``, ``every 3 weeks``). A period with
no number (``chaque mois``, ``daily``) is a quantity too. Times and dates are read by ``moments``, numbers by
``numerals``, the words by ``units``. What cannot be read is said (``unreadable``), so that a check fails closed.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field
from decimal import Decimal

from . import lexicon
from .moments import moments_in
from .numerals import Numeral, in_name, numerals_in
from .units import PERIODS, SPACE, TIMES, Words, words_for

_MINUS = "-−‒–\u2010\u2011\u2012\ufe63\uff0d\u2796\ufe58"
"""A minus sign and the dashes and hyphens that look like one (U+2010, U+FE63, U+FF0D, U+2796…)."""
_SAME_NUMBER = r"{space}*/{space}*{number}(?!\d)"


@dataclass(frozen=True)
class Quantity:
    """One instruction: ``amounts`` (value, unit) — one, two for a range, none for a period alone."""

    amounts: tuple[tuple[Decimal, str | None], ...]
    per: tuple[Decimal, str] | None = None
    comparator: str | None = None
    sign: str = ""
    words: bool = False
    """Written in words only (``deux``): may be an idiom in the source."""
    spelling: str = field(default="", compare=False)

    @property
    def key(self) -> tuple:
        return self.amounts, self.per, self.comparator, self.sign

    def __str__(self) -> str:
        if self.amounts and self.amounts[0][1] == "time-of-day":
            minutes = int(self.amounts[0][0])
            return f"{minutes // 60}:{minutes % 60:02d}"
        if self.amounts and (self.amounts[0][1] or "").startswith("date "):
            return self.amounts[0][1]
        parts = [self.comparator or "", " to ".join(f"{self.sign}{_number(v)} {_unit(u, v)}".strip()
                                                    for v, u in self.amounts)]
        if self.per:
            count, unit = self.per
            parts.append(f"per {_unit(unit, 1)}" if count == 1 else f"every {_number(count)} {_unit(unit, count)}")
        return " ".join(p for p in parts if p)


def _number(value: Decimal) -> str:
    return f"{value.normalize():f}"


def _unit(unit: str | None, value) -> str:
    if unit is None:
        return ""
    name = unit.split("-", 1)[-1] if unit.startswith(("duration-", "mass-", "volume-", "length-")) else unit
    name = _SYMBOLS.get(name, name)
    return name + ("s" if value != 1 and name.isalpha() and name not in _SYMBOLS.values() else "")


_SYMBOLS = {"unit-international": "IU", "temperature-celsius": "°C", "temperature-fahrenheit": "°F",
            "concentr-percent": "%", "temperature-generic": "°", "concentr-part-per-1e6": "ppm",
            "concentr-permille": "‰", TIMES: "times", "weekend": "weekend"}


@dataclass
class Reading:
    """What a text says: its quantities, and what in it could not be read (with how to make it readable)."""

    quantities: list[Quantity] = field(default_factory=list)
    unreadable: list[str] = field(default_factory=list)
    spans: list[tuple[int, int]] = field(default_factory=list)
    """Where the quantities are written: a period inside one is not a period alone."""


@functools.lru_cache(maxsize=4096)
def read_quantities(text: str, locale: str | None, extra_units: tuple = ()) -> Reading:
    """Return the quantities written in ``text`` (in ``locale``), and what could not be read (read once: the
    same texts come back for every leaflet; not to be changed by the caller)."""
    words = words_for(locale, tuple(extra_units))
    reading = Reading()
    masked = text
    for moment in moments_in(text, locale):
        amount = (Decimal(moment.value[0]), "time-of-day") if moment.kind == "time" else (Decimal(0), f"date {moment}")
        reading.quantities.append(Quantity((amount,), spelling=text[moment.start:moment.end]))
        masked = masked[:moment.start] + " " * (moment.end - moment.start) + masked[moment.end:]
    masked = _IDIOMS.sub(lambda m: " " * len(m.group()), masked)
    numerals = numerals_in(masked, locale, words, reading.unreadable)
    taken = -1
    for index, numeral in enumerate(numerals):
        if numeral.start < taken:
            continue
        period = _period_of_count(masked, numerals[index - 1] if index else None, numeral, words)
        if period:  # One tablet a day
            reading.quantities.append(Quantity((), per=(Decimal(1), words.periods[1][period.group(1).casefold()]),
                                               spelling=period.group().strip()))
            taken = period.end()
            continue
        quantity, taken = _quantity(masked, numeral, numerals[index + 1:], words, reading)
        reading.spans.append((numeral.start, taken))
        if quantity is not None:
            reading.quantities.append(quantity)
    _periods_alone(masked, words, reading)
    filled = {_PERIOD_SPAN.get(q.amounts[0][::-1]) for q in reading.quantities if len(q.amounts) == 1 and not q.per}
    reading.quantities = [q for q in reading.quantities if q.amounts or q.per is None or q.per[0] != 1
                          or q.per[1] not in filled]  # 每周7天: a week of 7 days is no frequency
    return reading


_IDIOMS = re.compile("|".join(rf"(?<!\w){re.escape(i)}(?!\w)" if i.isascii() or " " in i else re.escape(i)
                              for i in lexicon.IDIOMS), re.IGNORECASE)
_AGE = re.compile(rf"(?<!\w)(?:{'|'.join(re.escape(w) for w in lexicon.AGE)}){SPACE}*$", re.IGNORECASE)
_VAGUE_END = re.compile(rf"{SPACE}*(?:à|a|to|bis|إلى|到|至)?{SPACE}*(?:{'|'.join(lexicon.VAGUE)}){SPACE}*",
                        re.IGNORECASE)
_BETWEEN = re.compile(rf"(?<!\w)(?:{'|'.join(lexicon.BETWEEN)}){SPACE}*$", re.IGNORECASE)
_PERIOD_SPAN = {("duration-hour", 24): "duration-day", ("duration-day", 7): "duration-week"}
"""A quantity that fills its period says nothing about frequency: 24 hours a day, 7 days a week."""


def _period_of_count(text: str, previous: Numeral | None, numeral: Numeral, words: Words) -> re.Match | None:
    """``a day`` after a count (``One tablet a day``) is a period (and ``for a day``, one day)."""
    if numeral.kind != "one" or previous is None:
        return None
    near = re.fullmatch(rf"(?:{SPACE}+[^\W\d]+){{0,2}}", text[previous.end:numeral.start - 1])
    return words.after_count.match(text, numeral.start - 1) if near else None


def _quantity(text: str, numeral: Numeral, following: list[Numeral], words: Words, reading: Reading):
    """Read the instruction that starts with ``numeral``; return it (None when it is no quantity) and its end."""
    unit, end = _unit_after(text, numeral, words)
    skip = _no_amount(text, numeral, unit, end, following, words, reading)
    if skip is not None:
        return None, skip
    following = [f for f in following if f.start >= end]  # not the word of the unit (ساعة is one hour too)
    amounts, end, last = _amounts(text, numeral, unit, end, following, words)
    after = [f.start for f in following if f.start >= end]
    per, end = _period_after(text, end, words, amounts[-1][1] == TIMES or numeral.kind != "one",
                             after[0] if after else None)
    end = _after_echo(text, last, amounts[-1][0], end, words)
    comparator, end = _comparator(text, numeral.start, end, words)
    if len(amounts) == 1 and per and _PERIOD_SPAN.get(amounts[0][::-1]) == per[1] and per[0] == 1:
        per = None
    soft = numeral.kind in ("one", "multiple") or (numeral.kind == "word" and amounts[0][1] in (None, TIMES))
    return Quantity(tuple(amounts), per, comparator, _sign(text, numeral.start), soft, text[numeral.start:end]), end


def _after_echo(text: str, numeral: Numeral, value: Decimal, end: int, words: Words) -> int:
    """Skip the number said again after a number in words: ``شهران (2)``, ``يوم واحد (1)`` (day one (1))."""
    if numeral.kind == "digits":
        return end
    one = "|".join(lexicon.ONE.get(words.language, ())) if value == 1 else ""
    echo = re.compile(rf"(?:{SPACE}+(?:{one})\w?)?{SPACE}*\({SPACE}*{_number(value)}{SPACE}*\)" if one else
                      rf"{SPACE}*\({SPACE}*{_number(value)}{SPACE}*\)").match(text, end)
    return echo.end() if echo else end


def _no_amount(text: str, numeral: Numeral, unit: str | None, end: int, following: list[Numeral], words: Words,
               reading: Reading) -> int | None:
    """Return where reading goes on when ``numeral`` starts no amount: an article (``un``, its period read
    alone), ``once`` meaning *as soon as*, ``toutes les 3 semaines`` (a period); None when it starts one."""
    if numeral.kind == "one" and unit is None and not words.times.match(text, end):
        per, end = _period_after(text, numeral.end, words, True, following[0].start if following else None)
        if per:
            reading.quantities.append(Quantity((), per=per, spelling=text[numeral.start:end]))
            return end
        return None if _one_is_a_number(numeral, words) else numeral.end  # ليلة واحدة: one night
    if numeral.kind == "multiple" and numeral.value == 1 and _period_after(text, end, words, True)[0] is None:
        return numeral.end
    every = words.every_before.search(text[:numeral.start])
    if every and unit in PERIODS:
        reading.quantities.append(Quantity((), per=(numeral.value, unit), spelling=text[every.start():end]))
        reading.spans.append((every.start(), end))
        return end
    return None


def _amounts(text: str, numeral: Numeral, unit: str | None, end: int, following: list[Numeral],
             words: Words) -> tuple[list[tuple], int, Numeral]:
    """Return the value and unit of ``numeral``, two of them for a range (``2 à 3 jours``), ``times`` for a
    count (``2 fois``), where they end and the last number read."""
    if unit is None:  # 1 à plusieurs jours: the unit of the vague end is the number's
        vague = _VAGUE_END.match(text, end)
        unit_after = vague and words.units[0].match(text, vague.end())
        unit = words.units[1][unit_after.group(1).casefold()] if unit_after else None
    amounts = [(numeral.value, unit)]
    joined = words.joiner.match(text, end)
    if joined and joined.group().strip().casefold() in lexicon.AND and not _BETWEEN.search(text[:numeral.start]):
        joined = None  # 2 days and 3 days are two quantities; between 2 and 3 days is a range
    if joined and following and following[0].start == joined.end() and (following[0].kind != "one"
                                                                           or following[0].unit):
        second_unit, end = _unit_after(text, following[0], words)  # من 30 دقيقة إلى ساعة: to an hour
        amounts = [(numeral.value, unit or second_unit), (following[0].value, second_unit or unit)]
        numeral = following[0]
    times = words.times.match(text, end)
    if times and all(u is None for _, u in amounts):
        amounts, end = [(value, TIMES) for value, _ in amounts], times.end()
    return amounts, end, numeral


def _unit_after(text: str, numeral: Numeral, words: Words) -> tuple[str | None, int]:
    end = numeral.end
    if numeral.unit:
        return numeral.unit, end
    if in_name(text, numeral.start) and numeral.kind == "digits":
        return None, end  # inside a name: AF3M, CYP2D6
    gap = re.compile(rf"(?:{SPACE}|-)*" if numeral.kind in ("half", "one") else rf"{SPACE}*-?").match(text, end).end()
    match = words.units[0].match(text, gap)
    if not match and words.language == "ar" and numeral.kind == "one":  # يومًا واحدًا: the noun comes first
        before = re.search(rf"({'|'.join(re.escape(u) for u in words.units[1] if not u.isascii())}){SPACE}+$",
                           text[max(0, numeral.start - 30):numeral.start])
        return (words.units[1][before.group(1)], end) if before else (None, end)
    if not match:
        return ("duration-year", end) if _AGE.search(text[max(0, numeral.start - 20):numeral.start]) else (None, end)
    end = match.end()
    same = re.compile(_SAME_NUMBER.format(space=SPACE, number=re.escape(numeral.spelling))).match(text, end)
    return words.units[1][match.group(1).casefold()], same.end() if same else end  # 24 h/24 is 24 hours


def _period_after(text: str, end: int, words: Words, counted: bool, limit: int | None = None):
    """Return the period named after a quantity (``par jour``, ``/j``, ``a week``, ``each day``), up to two
    words away (``2 comprimés par jour``, ``1.5 litres of water a day``) and before the next number (``limit``)."""
    at = end
    for _ in range(3):
        found = _period_at(text, at, words, counted)
        if found:
            return found
        word = _GAP_WORD.match(text, at)
        if word is None or (limit is not None and word.end() > limit):
            break
        at = word.end()
    return None, end


_GAP_WORD = re.compile(rf"{SPACE}+[^\W\d][\w’'-]*")


def _period_at(text: str, at: int, words: Words, counted: bool):
    match = words.periods[0].match(text, at)
    if match:
        per_form, count, name, adverb = match.groups()
        unit = words.periods[1][(per_form or name or adverb).casefold()]
        value = _count(count, words) if count else Decimal(1)
        return ((value, unit), match.end()) if value is not None else None
    after = words.after_count.match(text, at) if counted else None
    if after:
        return (Decimal(1), words.periods[1][after.group(1).casefold()]), after.end()
    return None


def _count(spelling: str, words: Words) -> Decimal | None:
    if spelling[0].isdigit():
        return Decimal(spelling.replace(",", "."))
    from .number_words import word_value

    value = word_value(spelling, words.language)
    return value if value is not None else (Decimal(2) if spelling.casefold() in ("other", "autre") else None)


def _comparator(text: str, start: int, end: int, words: Words) -> tuple[str | None, int]:
    before_sign = start - 1 if start and text[start - 1] in _MINUS + "±" else start
    prefix = words.comparators[0].search(text[max(0, before_sign - 30):before_sign])
    if prefix:
        return words.comparators[2][prefix.group(1).casefold()], end
    postfix = words.comparators[1].match(text, end)
    if postfix:
        return words.comparators[2][postfix.group(1).casefold()], postfix.end()
    return None, end


def _sign(text: str, start: int) -> str:
    """Tell a minus sign (``-2``, ``−2``) from a range dash (``2-3``) or a hyphen (``J-2`` is day minus 2)."""
    if start and text[start - 1] == "±":
        return "±"
    if start == 0 or text[start - 1] not in _MINUS:
        return ""
    before = text[:start - 1]
    return "-" if not before or not (before[-1].isalnum() or before[-1] in _MINUS + "/") else ""


def numbers_of(text: str, locale: str | None, words: bool = True) -> dict[Decimal, str]:
    """Return ``{value: spelling}`` for the numbers of ``text`` (``½``, ``500k``, ``10⁹`` read), times and dates
    left out (``quantities`` compares them) but for the hour of a whole hour; numbers in words with ``words``."""
    original = text
    for moment in moments_in(text, locale):
        text = text[:moment.start] + " " * (moment.end - moment.start) + text[moment.end:]
    found: dict[Decimal, str] = {}
    for numeral in numerals_in(text, locale, words_for(locale), []):
        if numeral.kind in ("multiple", "one") and numeral.value == 1:
            continue
        if numeral.kind == "digits" or (words and numeral.kind != "odd") or numeral.spelling == "½":
            found.setdefault(numeral.value, numeral.spelling)
    for moment in moments_in(original, locale):  # 2 pm is the 14 of 14 h
        if moment.kind == "time" and moment.value[0] % 60 == 0:
            found.setdefault(Decimal(moment.value[0] // 60), original[moment.start:moment.end])
    return found


def _one_is_a_number(numeral: Numeral, words: Words) -> bool:
    """Arabic ``واحد``, ``ليلة واحدة`` is the number one: Arabic has no article it could be (``un``, ``a`` are)."""
    return words.language in lexicon.ONE_IS_NO_ARTICLE and numeral.spelling in lexicon.ONE[words.language]


def _periods_alone(text: str, words: Words, reading: Reading) -> None:
    """Add every period that no quantity took: ``chaque mois``, ``daily``, ``tous les jours``."""
    for match in words.periods[0].finditer(text):
        per_form, count, name, adverb = match.groups()
        if per_form and (per_form.startswith("/") or per_form.split()[0] in words.weak):
            continue  # /j, في اليوم: a period only after a number
        value = _count(count, words) if count else Decimal(1)
        if value is None:
            continue
        start = match.end() - len(match.group().lstrip())
        if any(begin <= start < end for begin, end in reading.spans):
            continue
        unit = words.periods[1][(per_form or name or adverb).casefold()]
        reading.quantities.append(Quantity((), per=(value, unit), spelling=match.group().strip()))


def vague_words(text: str) -> list[str]:
    """Return the words of ``text`` a reader cannot take for a number (``several``, ``quelques``)."""
    pattern = "|".join(re.escape(w) for w in sorted(lexicon.VAGUE, key=len, reverse=True))
    return [m.group() for m in re.finditer(rf"(?<!\w)(?:{pattern})(?!\w)", text, re.IGNORECASE)]
