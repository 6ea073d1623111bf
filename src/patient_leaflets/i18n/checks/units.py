"""The words a quantity is read with in one language: units, periods, multipliers, comparators, from CLDR first.

``{0} jours``, ``{0} j``, ``{0} par jour``: the words and symbols around a number in each locale's unit patterns
(Babel) are what a text writes after a quantity; the compact number patterns (``0 mille``, ``0K``) give the
multipliers. What CLDR lacks comes from ``lexicon`` (named there), and a project adds its own units in
``[tool.patient-leaflets.units]`` (``Rules.units``).
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from decimal import Decimal

from ...config.language import known_locale
from . import lexicon

UNITS = (
    *(f"duration-{unit}" for unit in ("second", "minute", "hour", "day", "week", "month", "year")),
    *(f"mass-{unit}" for unit in ("microgram", "milligram", "gram", "kilogram")),
    *(f"volume-{unit}" for unit in ("milliliter", "centiliter", "deciliter", "liter")),
    *(f"length-{unit}" for unit in ("millimeter", "centimeter", "meter", "kilometer")),
    "temperature-celsius", "temperature-fahrenheit", "temperature-generic", "concentr-percent",
    "concentr-permille", "concentr-part-per-1e6",
)
"""The CLDR units a leaflet writes: durations, doses, volumes, sizes, temperatures, percentages."""
PERIODS = frozenset({u for u in UNITS if u.startswith("duration-")} | {"duration-fortnight", "weekend"})
SPACE = r"[\s\u00a0\u202f\u2009]"
_SAME = {"temperature-generic": "temperature-celsius"}
"""``38°`` and ``38 degrés`` in a leaflet are ``38 °C``."""
TIMES = "times"
"""The unit of a count: *2 fois*, *twice*."""


@dataclass(frozen=True)
class Words:
    """The patterns a quantity is read with in one locale; each ``(pattern, {spelling: meaning})``."""

    language: str
    locale: str | None
    units: tuple[re.Pattern, dict]
    periods: tuple[re.Pattern, dict]
    """A period after a quantity or alone: ``par jour``, ``/j``, ``chaque semaine``, ``daily``, ``every 3 weeks``."""
    after_count: re.Pattern
    """``a day``: a period only after a count."""
    multipliers: tuple[re.Pattern, dict]
    times: re.Pattern
    comparators: tuple[re.Pattern, re.Pattern, dict]
    """Before a number (``au plus 4``), after it (``4 g au plus``), and each one's meaning."""
    joiner: re.Pattern
    every_before: re.Pattern
    """``toutes les`` right before a number: ``toutes les 3 semaines`` is a period."""
    weak: frozenset[str]
    """Words that make a period only after a count (``a``, ``في``): a ``per`` form starting with one is no
    period alone (``في اليوم نفسه`` is the same day)."""


@functools.lru_cache(maxsize=64)
def words_for(locale: str | None, extra: tuple[tuple[str, str], ...] = ()) -> Words:
    """Return the words of ``locale``, with the project's own units ``extra`` (``(spelling, unit id)``)."""
    language = (locale or "en").replace("-", "_").split("_")[0]
    units, pers, names = _spellings(locale, language, extra)
    every = lexicon.EVERY.get(language, lexicon.EVERY["en"])
    spaced = language not in ("zh", "ja")  # 每天三次: no spaces between words
    gap, end, start = (f"{SPACE}+", r"(?!\w)", r"(?<!\w)") if spaced else (f"{SPACE}*", "", "")
    between = f"{SPACE}*" if spaced else r"[^\d，。；（(]{0,4}"  # 最长持续2年: a verb may stand between
    after = _alt(lexicon.AFTER_COUNT.get(language, ()) or ("\uffff",))
    meanings = {word: meaning for meaning, words in lexicon.COMPARATORS.items() for word in words}
    return Words(
        language=language,
        locale=locale,
        units=(re.compile(rf"({_alt(units)}){end}", re.IGNORECASE), units),
        periods=_periods(pers, names, every, spaced),
        after_count=re.compile(rf"{SPACE}+(?:{after}){SPACE}+({_alt(names)})(?!\w)", re.IGNORECASE),
        multipliers=(re.compile(rf"{SPACE}?({_alt(_multipliers(locale))})(?!\w)"), _multipliers(locale)),
        times=re.compile(rf"(?:{SPACE}*|-)({_alt(lexicon.TIMES.get(language, ()) + ('x', '×'))})(?!\w)",
                         re.IGNORECASE),
        comparators=(re.compile(rf"{start}({_alt(set(meanings) - lexicon.POSTFIX_ONLY)}){between}$",
                                re.IGNORECASE),
                     re.compile(rf"{SPACE}*({_alt(lexicon.POSTFIX)}){end}", re.IGNORECASE), meanings),
        joiner=re.compile(rf"{SPACE}*(?:{_alt(lexicon.JOINERS)}){SPACE}*", re.IGNORECASE),
        weak=frozenset(lexicon.AFTER_COUNT.get(language, ())),
        every_before=re.compile(rf"{start}(?:{_alt(every)}){gap}$", re.IGNORECASE),
    )


def _spellings(locale: str | None, language: str, extra: tuple) -> tuple[dict, dict, dict]:
    """Return the unit spellings, ``per`` forms and period names of a locale: CLDR's, the international symbols
    (``mg``, ``°C``), the lexicon's and the project's."""
    units, pers, names = (dict(found) for found in _cldr(locale))
    for symbol, unit in _cldr("en")[0].items():  # mg, °C, ml: the symbols every language may write
        if not symbol.isalpha() or len(symbol) <= 3:
            units.setdefault(symbol, unit)
    for unit, spellings in lexicon.EXTRA_UNITS.items():
        for spelling in spellings:
            units.setdefault(spelling, unit)
            if unit in PERIODS:
                names.setdefault(spelling, unit)
    for spelling, unit in extra:
        units[spelling.casefold()] = unit
    for joiner in lexicon.JOINERS:  # the a (año) of 1 a 2 días, the o of 2 o 3
        units.pop(joiner, None)
    units = {spelling: _SAME.get(unit, unit) for spelling, unit in units.items()}
    if language == "ar":  # اليوم, الأسبوع: the name with its article
        names.update({"ال" + name: unit for name, unit in list(names.items()) if not name.startswith("ال")})
    return units, pers, names


def _periods(pers: dict, names: dict, every: tuple, spaced: bool) -> tuple[re.Pattern, dict]:
    """A period: a CLDR ``per`` form (``par jour``, ``/j``), a word of ``every`` and a period name with or
    without a count (``chaque semaine``, ``toutes les 3 semaines``), or an adverb (``daily``)."""
    gap, end = (f"{SPACE}+", r"(?!\w)") if spaced else (f"{SPACE}*", "")
    not_in_word = r"(?<![^\W\d_])" if spaced else ""
    number = rf"(?:(\d+(?:[.,]\d+)?|[^\W\d_]+(?={SPACE})){SPACE}*)?"
    adverbs = {word: unit for unit, words in lexicon.ADVERBS.items() for word in words}
    pattern = re.compile(rf"{SPACE}*{not_in_word}(?:({_alt(pers)})|(?:{_alt(every)}){gap}{number}({_alt(names)})"
                         rf"|({_alt(adverbs)})){end}", re.IGNORECASE)
    return pattern, {**pers, **names, **adverbs}


@functools.lru_cache(maxsize=64)
def counted_words(locale: str | None) -> dict[str, tuple[int, str]]:
    """Return the unit names that carry their number (CLDR's forms without ``{0}``): Arabic ``يوم`` (one day),
    ``يومان``, ``شهران`` (two days, two months)."""
    data = (known_locale(locale) or known_locale("en"))._data["unit_patterns"]
    found = {}
    for unit in UNITS:
        for forms in data.get(unit, {}).values():
            for form, value in (("one", 1), ("two", 2)):
                pattern = forms.get(form, "{0}")
                if "{0}" not in pattern and " " not in pattern.strip():
                    found.setdefault(pattern.strip().casefold(), (value, unit))
    return found


@functools.lru_cache(maxsize=64)
def _cldr(locale: str | None) -> tuple[dict, dict, dict]:
    """Return CLDR's unit spellings, ``per`` forms and period names (``jour``, ``jours``) of ``locale``."""
    units: dict[str, str] = {}
    pers: dict[str, str] = {}
    names: dict[str, str] = {}
    data = (known_locale(locale) or known_locale("en"))._data["unit_patterns"]  # English for a locale Babel lacks
    for unit in UNITS:
        for length, forms in data.get(unit, {}).items():
            for form, pattern in forms.items():
                token = _token(pattern)
                if not token:
                    continue
                if form != "per":
                    units.setdefault(token.casefold(), unit)
                elif unit in PERIODS:
                    pers.setdefault(token.casefold(), unit)
                if unit in PERIODS and form != "per" and length == "long":
                    names.setdefault(token.casefold(), unit)
    return units, pers, names


def _token(pattern: str) -> str:
    """Return the unit part of a CLDR pattern: ``{0} jours`` → ``jours``, ``{0}/j`` → ``/j``, ``يوم`` → ``يوم``."""
    if "{0}" not in pattern:
        return pattern.strip(" \u00a0\u202f") if " " not in pattern.strip() else ""
    before, after = pattern.split("{0}", 1)
    return (after or before).strip(" \u00a0\u202f")


@functools.lru_cache(maxsize=64)
def _multipliers(locale: str | None) -> dict[str, Decimal]:
    """Return CLDR's compact-number words and letters (``mille``, ``K``, ``Tausend``, ``万``) with their values;
    ``k`` too wherever ``K`` is one (``500k``)."""
    found = _compact(locale)
    if "K" in found:
        found.setdefault("k", found["K"])
    return found


def _compact(locale: str | None) -> dict[str, Decimal]:
    parsed = known_locale(locale) or known_locale("en")
    found: dict[str, Decimal] = {}
    for style in parsed.compact_decimal_formats.values():
        for forms in style.values():
            for magnitude, pattern in forms.items():
                text = re.sub(r"[0#.'’\s\u00a0\u202f]", "", pattern.pattern)
                if text.isalpha() and "0" in pattern.pattern:
                    found.setdefault(text, Decimal(magnitude) / 10 ** (pattern.pattern.count("0") - 1))
    return found


def _alt(words) -> str:
    """Return a regular-expression alternation of ``words``, longest first (``tous les`` before ``tous``)."""
    ordered = sorted({w for w in words if w}, key=len, reverse=True)
    return "|".join(re.escape(word) for word in ordered) or "(?!)"
