"""Numbers as people write them, read by value: ``2,5`` = ``2.5``, ``1 000`` = ``1,000`` (in English) = 1000.

The decimal sign of the text's locale decides an ambiguous ``1,000``; digits of every script count
(``٣٨`` is 38).
"""

from __future__ import annotations

import functools
import re
import unicodedata
from decimal import Decimal

from babel import UnknownLocaleError
from babel.numbers import get_decimal_symbol

_SPACES = " \u00a0\u202f\u2009"
_NUMBER = re.compile(rf"\d+(?:[.,'’\u066b\u066c{_SPACES}]\d+)*")
_GROUPED = re.compile(rf"\d{{1,3}}(?:[{_SPACES}]\d{{3}})*")
_NEXT_GROUP = re.compile(r"\d{3}(?:[.,\u066b]\d+)?")


def find_numbers(text: str, locale: str | None = None) -> dict[Decimal, str]:
    """Return ``{value: spelling}`` for every number written in ``text``, in ``locale``'s conventions."""
    found: dict[Decimal, str] = {}
    for _, _, value, spelling in number_spans(text, locale):
        found.setdefault(value, spelling)
    return found


def number_spans(text: str, locale: str | None = None) -> list[tuple[int, int, Decimal, str]]:
    """Return ``(start, end, value, spelling)`` for every number written in ``text``, in order."""
    decimal_sign = _decimal_sign(locale)
    spans = []
    for match in _NUMBER.finditer(text):
        start = match.start()
        for spelling in _split_at_spaces(match.group()):
            start = text.index(spelling, start)
            for value in _values(spelling, decimal_sign):
                spans.append((start, start + len(spelling), value, spelling))
            start += len(spelling)
    return spans


def _split_at_spaces(token: str) -> list[str]:
    """Split ``"2 3"`` into two numbers but keep ``"1 000"`` and ``"12 345,5"`` whole (groups of three)."""
    parts = re.split(f"([{_SPACES}])", token)
    numbers = [parts[0]]
    for space, part in zip(parts[1::2], parts[2::2], strict=True):
        if _GROUPED.fullmatch(numbers[-1]) and _NEXT_GROUP.fullmatch(part):
            numbers[-1] += space + part
        else:
            numbers.append(part)
    return numbers


def _values(spelling: str, decimal_sign: str | None) -> list[Decimal]:
    """Return the value of one written number; several when separators make no number (``1.2.3``)."""
    text = ascii_digits(re.sub(f"[{_SPACES}'’\u066c]", "", spelling)).replace("\u066b", "D")
    if text.count("D") == 1:
        return [Decimal(text.replace(",", "").replace(".", "").replace("D", "."))]
    if "D" in text:
        return [Decimal(group) for group in re.split(r"\D", text)]
    signs = [c for c in text if c in ".,"]
    if not signs:
        return [Decimal(text)]
    if len(set(signs)) == 2:  # 1,000.5 or 1.000,5: the last sign is the decimal one
        last = max(text.rfind("."), text.rfind(","))
        return [Decimal(re.sub(r"[.,]", "", text[:last]) + "." + text[last + 1:])]
    groups = re.split(r"[.,]", text)
    if len(signs) > 1:
        if all(len(group) == 3 for group in groups[1:]) and len(groups[0]) <= 3:
            return [Decimal("".join(groups))]
        return [Decimal(group) for group in groups]
    whole, fraction = groups
    if len(fraction) != 3 or len(whole) > 3 or int(whole) == 0 or signs[0] == decimal_sign:
        return [Decimal(f"{whole}.{fraction}")]
    return [Decimal(whole + fraction)]


@functools.lru_cache(maxsize=64)
def _decimal_sign(locale: str | None) -> str | None:
    if not locale:
        return None
    try:
        return get_decimal_symbol(locale)
    except (ValueError, UnknownLocaleError):
        return None


def ascii_digits(text: str) -> str:
    """Write every decimal digit (Arabic-Indic ٣٨ included) as an ASCII digit."""
    return "".join(str(unicodedata.decimal(c)) if c.isdecimal() else c for c in text)
