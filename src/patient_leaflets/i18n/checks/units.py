"""The units a leaflet writes, in each language, from CLDR (Babel's unit patterns): names, symbols, periods.

``{0} jours``, ``{0} j``, ``{0} par jour``: the words and symbols around a number in each locale's patterns are
what a text writes after a quantity. Nothing here is typed by hand but the list of units a leaflet needs.
"""

from __future__ import annotations

import functools
import re

from ...config.language import known_locale

UNITS = (
    *(f"duration-{unit}" for unit in ("second", "minute", "hour", "day", "week", "month", "year")),
    *(f"mass-{unit}" for unit in ("microgram", "milligram", "gram", "kilogram")),
    *(f"volume-{unit}" for unit in ("milliliter", "centiliter", "deciliter", "liter")),
    *(f"length-{unit}" for unit in ("millimeter", "centimeter", "meter", "kilometer")),
    "temperature-celsius", "temperature-fahrenheit", "temperature-generic", "concentr-percent",
)
"""The CLDR units a leaflet writes: durations, doses, volumes, sizes, temperatures, percentages."""

@functools.lru_cache(maxsize=32)
def unit_lexicon(locale: str | None) -> tuple[tuple[re.Pattern, dict], tuple[re.Pattern, dict]]:
    """Return the unit names and symbols of ``locale`` (CLDR), and the periods its texts name after a quantity."""
    units: dict[str, str] = {}
    periods: dict[str, str] = {}
    for unit, lengths in _unit_patterns(locale).items():
        for length in lengths.values():
            for form, pattern in length.items():
                token = _token(pattern)
                if token and form == "per":
                    periods.setdefault(token.casefold(), unit)
                elif token:
                    units.setdefault(token.casefold(), unit)
    for unit, lengths in _unit_patterns(locale).items():
        token = _token(lengths.get("long", {}).get("one", "")) if unit.startswith("duration-") else ""
        if len(token) > 2:  # a week, al día: the period's name after a short word
            periods.setdefault(token.casefold(), unit)
    return ((_alternation(units, r"(?!\w)"), units),
            (_period_pattern(periods), periods))


def _unit_patterns(locale: str | None) -> dict:
    data = (known_locale(locale) or known_locale("en"))._data["unit_patterns"]  # English for a locale Babel lacks
    return {unit: data[unit] for unit in UNITS if unit in data}


def _token(pattern: str) -> str:
    """Return the unit part of a CLDR pattern: ``{0} jours`` → ``jours``, ``{0}/j`` → ``/j``."""
    if "{0}" not in pattern:
        return ""
    before, after = pattern.split("{0}", 1)
    return (after or before).strip(" \u00a0\u202f")


def _alternation(tokens: dict[str, str], tail: str) -> re.Pattern:
    ordered = sorted(tokens, key=len, reverse=True)
    return re.compile("(" + "|".join(re.escape(token) for token in ordered) + ")" + tail, re.IGNORECASE)


def _period_pattern(periods: dict[str, str]) -> re.Pattern:
    """A period after a quantity: its CLDR ``per`` form, or a short word then the period (``fois par jour``)."""
    symbols = "|".join(re.escape(t) for t in sorted(periods, key=len, reverse=True) if not t[0].isalpha())
    words = "|".join(re.escape(t) for t in sorted(periods, key=len, reverse=True) if t[0].isalpha())
    space, word = r"[\s\u00a0\u202f]", r"[^\W\d]"
    return re.compile(rf"(?:{space}*({symbols})|(?:{space}+{word}+)?(?:{space}+{word}{{1,5}})?{space}+({words}))(?!\w)",
                      re.IGNORECASE)
