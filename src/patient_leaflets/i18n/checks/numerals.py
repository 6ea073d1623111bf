"""Every way a leaflet writes a number, read by value: digits of any script, ``½``, ``1/2``, ``10⁹``, ``500k``,
``500 mille``, ``deux``, ``twice``, ``demi``, ``三``.

Digits and separators are read by ``numbers`` (the locale's decimal sign), words by ``number_words`` (num2words),
multipliers by ``units`` (CLDR compact numbers). A number the reader cannot take apart (``5O0``, ``2³``,
``500zz``) is said in ``unreadable``: a check must not pass what it could not read.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import dataclass
from decimal import Decimal

from . import lexicon
from .number_words import number_words
from .numbers import number_spans
from .units import SPACE, TIMES, Words, counted_words

_VULGAR = re.compile(r"(?<![\d.,])(\d+)?[\s\u00a0\u202f]?([\u00bc-\u00be\u2150-\u215e])")
_SLASHED = re.compile(r"(?<![\d/.,])(\d)\s?/\s?(\d{1,2})(?![\d/.,])")
_SUPERSCRIPTS = "⁰¹²³⁴⁵⁶⁷⁸⁹"
_LOOK_ALIKE = re.compile(r"\d[OoIl|]\d|[OoIl]\d{2}")
_ORDINAL = re.compile(r"(?:er|re|e|ème|eme|è|nd|st|rd|th|º|ª|o|a|te|ten|ter|tes)(?!\w)")
_ABBREVIATION = re.compile(rf"{SPACE}+([A-Z]{{2,4}}|[bcdfghjklmnpqrstvwxz]{{2,4}})(?!\w)")
_CJK = re.compile(rf"(?<!第)[一二两三四五六七八九十百千]+(?=[{lexicon.CLASSIFIERS}])")
"""A Chinese numeral before a measure word, not after 第 (第二天 is the second day)."""


@dataclass(frozen=True)
class Numeral:
    """A number as written: where, its value and how (``digits``, ``word``, ``one``, ``half``, ``multiple``)."""

    start: int
    end: int
    value: Decimal
    spelling: str
    kind: str = "digits"
    unit: str | None = None
    """The unit the word carries itself: ``twice`` is 2 times, ``يومين`` two days."""


def numerals_in(text: str, locale: str | None, words: Words, unreadable: list[str]) -> list[Numeral]:
    """Return the numbers of ``text`` in order, longest first where two overlap; add to ``unreadable`` what looks
    like a number or a unit but cannot be read."""
    found = _special(text, words) + [Numeral(s, e, v, t) for s, e, v, t in number_spans(text, locale)]
    found += [Numeral(s, e, v, t, "word") for s, e, v, t in number_words(text, locale)]
    found += _cjk(text) if words.language in ("zh", "ja") else []
    found = _without_overlaps(found)
    read = []
    for numeral in found:
        numeral = _with_exponent(text, numeral, unreadable)
        read.append(_with_multiplier(text, numeral, words))
        _check_shape(text, read[-1], words, unreadable)
    return read


def _special(text: str, words: Words) -> list[Numeral]:
    """``½``, ``1 ½``, ``1/2``, ``demi``, ``un``, ``twice``, ``zweimal``, ``مرتين``, ``يومين``."""
    found = []
    for match in _VULGAR.finditer(text):
        whole = Decimal(match.group(1)) if match.group(1) else Decimal(0)
        found.append(Numeral(*match.span(), whole + Decimal(str(unicodedata.numeric(match.group(2)))).quantize(
            Decimal("0.001")).normalize(), match.group(), "half" if not match.group(1) else "digits"))
    for match in _SLASHED.finditer(text):
        top, bottom = int(match.group(1)), int(match.group(2))
        if 0 < top < bottom <= 10:
            found.append(Numeral(*match.span(), (Decimal(top) / bottom).quantize(Decimal("0.001")).normalize(),
                                 match.group()))
    pattern, meanings = _word_table(words.language, words.locale)
    for match in pattern.finditer(text):
        value, kind, unit = meanings[match.group().casefold()]
        found.append(Numeral(*match.span(), value, match.group(), kind, unit))
    return found


@functools.lru_cache(maxsize=32)
def _word_table(language: str, locale: str | None) -> tuple[re.Pattern, dict]:
    """The words that are numbers with a kind of their own: ``demi``, ``un``, ``twice``, ``يومين``, ``zweimal``."""
    from .units import words_for

    words = words_for(locale)
    meanings: dict[str, tuple] = {}
    for word in lexicon.HALF:
        meanings[word] = (Decimal("0.5"), "half", None)
    for word in lexicon.ONE.get(language, lexicon.ONE["en"]):
        meanings[word] = (Decimal(1), "one", None)
    for word, value in lexicon.MULTIPLES.get(language, {}).items():
        meanings[word] = (Decimal(value), "multiple", TIMES)
    for word in lexicon.DUALS:
        meanings[word] = (Decimal(2), "word", words.units[1].get(word))
    for word, (value, unit) in counted_words(locale).items():
        meanings.setdefault(word, (Decimal(value), "one" if value == 1 else "word", unit))
    if language == "de":
        from .number_words import spelled

        for n in range(2, 13):
            meanings[spelled(n, "de") + "mal"] = (Decimal(n), "multiple", TIMES)
    ordered = "|".join(re.escape(w) for w in sorted(meanings, key=len, reverse=True))
    return re.compile(rf"(?<!\w)(?:{ordered})(?=[^\w]|$)", re.IGNORECASE), meanings


def in_name(text: str, start: int) -> bool:
    """Tell a number inside a name (``AF3M``, ``CYP2D6``: a Latin letter before it) from a number (``通常1``)."""
    before = text[start - 1:start]
    return before.isalpha() and before.isascii()


def _cjk(text: str) -> list[Numeral]:
    """Chinese numerals (``三``, ``十五``, ``两``), by the values Unicode gives each character."""
    found = []
    for match in _CJK.finditer(text):
        total, current = Decimal(0), Decimal(0)
        for char in match.group():
            value = Decimal(2) if char == "两" else Decimal(int(unicodedata.numeric(char)))
            if value >= 10:
                total += (current or 1) * value
                current = Decimal(0)
            else:
                current = value
        found.append(Numeral(*match.span(), total + current, match.group(), "one" if total + current == 1 else "word"))
    return found


def _without_overlaps(found: list[Numeral]) -> list[Numeral]:
    kept: list[Numeral] = []
    for numeral in sorted(found, key=lambda n: (n.start, -(n.end - n.start))):
        if kept and numeral.start < kept[-1].end:
            continue
        kept.append(numeral)
    return kept


def _with_exponent(text: str, numeral: Numeral, unreadable: list[str]) -> Numeral:
    """``10⁹`` is a power of ten; superscript digits after any other number are refused."""
    sup = re.match(f"[{_SUPERSCRIPTS}]+", text[numeral.end:])
    if not sup:
        return numeral
    exponent = int("".join(str(_SUPERSCRIPTS.index(c)) for c in sup.group()))
    if numeral.spelling == "10":
        return Numeral(numeral.start, numeral.end + sup.end(), Decimal(10) ** exponent,
                       numeral.spelling + sup.group(), numeral.kind)
    unreadable.append(f"{numeral.spelling + sup.group()!r} mixes digits and superscript digits: write the number "
                      "with ordinary digits (a power as 10⁹ only)")
    return Numeral(numeral.start, numeral.end + sup.end(), numeral.value, numeral.spelling + sup.group(), "odd")


def _with_multiplier(text: str, numeral: Numeral, words: Words) -> Numeral:
    """``500k``, ``500 mille``, ``1,5 million``: the compact forms of CLDR."""
    match = words.multipliers[0].match(text, numeral.end)
    if not match or numeral.kind not in ("digits", "word") or in_name(text, numeral.start):
        return numeral
    value = numeral.value * words.multipliers[1][match.group(1)]
    return Numeral(numeral.start, match.end(), value, text[numeral.start:match.end()], numeral.kind)


def _check_shape(text: str, numeral: Numeral, words: Words, unreadable: list[str]) -> None:
    """Say what follows a number that reads like a unit or a digit but is neither."""
    if numeral.kind != "digits" or in_name(text, numeral.start):
        return
    around = text[max(0, numeral.start - 1):numeral.end + 2]
    if _LOOK_ALIKE.search(around):
        unreadable.append(f"{around.strip()!r} has a letter among its digits: write the number with digits only")
        return
    glued = re.match(r"[^\W\d_]+", text[numeral.end:]) if words.language not in ("zh", "ja") else None
    known = (words.units[0].match(text, numeral.end) or words.times.match(text, numeral.end)
             or _ORDINAL.match(text, numeral.end))
    if glued and not known:
        unreadable.append(_unknown_unit(numeral.spelling, glued.group()))
        return
    spaced = _ABBREVIATION.match(text, numeral.end)
    if spaced and not words.units[0].match(text, spaced.start(1)) and not words.times.match(text, numeral.end):
        unreadable.append(_unknown_unit(numeral.spelling, spaced.group(1)))


def _unknown_unit(number: str, unit: str) -> str:
    return (f"unknown unit {unit!r} after {number}: write the unit as CLDR names it in this language (mg, ml, "
            f"days…), or declare {unit!r} under [tool.patient-leaflets.units] in pyproject.toml "
            "(see TRANSLATING.md)")
