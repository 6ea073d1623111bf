"""What a translation may write its numbers with: visible characters, the locale's digits and separators.

An invisible character can reorder what is printed (U+202E prints ``0 805 123 124`` backwards), a digit of
another script can look like another digit (Bengali ``৪`` looks like 8), and a separator of another locale
changes a value (``5٬00``, ``3'8.5``). Digits and separators come from CLDR through Babel: the locale's own
numbering systems and number symbols.
"""

from __future__ import annotations

import functools
import re
import unicodedata

from babel.numbers import format_decimal, get_decimal_symbol, get_group_symbol

from ...config.language import known_locale, numbering_systems

_JOINERS = {"\u200c", "\u200d"}
"""Zero-width non-joiner and joiner: needed between letters of scripts such as Arabic, Persian or Devanagari."""
_ARABIC_LETTER_MARK = "\u061c"
_SPACES = " \u00a0\u202f\u2009"
_NUMBER = re.compile(r"\d+(?:[^\w\s%°:;!?/&*@#\"\\()\[\]{}<>+=\-–—~～〜]\d+|[ \u00a0\u202f\u2009]\d{3}(?!\d))*")
"""A number as the eye takes it; a dash or a tilde between two numbers is a range (``2–3``, Chinese ``1～2``), not a
separator."""
_DATE = re.compile(r"\d{1,2}[./]\d{1,2}[./]\d{2,4}")
_ZEROS = {"arab": 0x0660, "arabext": 0x06F0, "beng": 0x09E6, "deva": 0x0966, "gujr": 0x0AE6, "guru": 0x0A66,
          "knda": 0x0CE6, "mlym": 0x0D66, "orya": 0x0B66, "tamldec": 0x0BE6, "telu": 0x0C66, "thai": 0x0E50,
          "tibt": 0x0F20, "mymr": 0x1040, "khmr": 0x17E0, "laoo": 0x0ED0, "fullwide": 0xFF10}
"""The zero of each CLDR numbering system (numberingSystems.xml) a locale may name; its digits follow it.
Babel names a locale's numbering systems but does not carry their digits."""


_REFUSED = {"\ufffc": "OBJECT REPLACEMENT CHARACTER", "\u2028": "LINE SEPARATOR", "\u2029": "PARAGRAPH SEPARATOR"}


def format_character_problems(msgstr: str) -> list[str]:
    """Refuse every invisible format character (Unicode category Cf) a language does not need, every control
    character (Cc) but tab and newline, U+FFFC and the line and paragraph separators U+2028 and U+2029, by code
    point."""
    problems = []
    for index, char in enumerate(msgstr):
        category = unicodedata.category(char)
        if category == "Cc" and char not in "\t\n" or char in _REFUSED:
            name = _REFUSED.get(char) or unicodedata.name(char, "control character")
            problems.append(f"character U+{ord(char):04X} ({name}) at position {index + 1} is not text: it can "
                            "hide, cut or garble what is printed. Delete it; write a line break as a new line")
        elif category == "Cf" and not _is_needed(msgstr, index):
            name = unicodedata.name(char, "format character")
            problems.append(f"invisible character U+{ord(char):04X} ({name}) at position {index + 1}: it can hide "
                            "or reorder what is printed. Delete it; the build sets the direction of numbers itself")
    return problems


def _is_needed(text: str, index: int) -> bool:
    """Tell a joiner between two letters of a non-Latin script, or an Arabic letter mark in Arabic, from the rest."""
    before, after = text[index - 1:index], text[index + 1:index + 2]
    if text[index] in _JOINERS:
        return bool(before and after) and all(c.isalpha() and _script(c) not in ("LATIN", "") for c in (before, after))
    if text[index] == _ARABIC_LETTER_MARK:
        return any(_script(c) == "ARABIC" for c in (before, after))
    return False


def _script(char: str) -> str:
    return unicodedata.name(char, "").split(" ")[0] if char else ""


def digit_problems(msgstr: str, locale: str | None, msgid: str = "") -> list[str]:
    """Refuse digits of another script than the locale's and separators the locale does not use in numbers.

    What the source itself writes (``msgid``) is accepted too.
    """
    if not locale:
        return []
    digits, separators = number_characters(locale)
    own = set(msgid)
    problems = []
    for char in sorted({c for c in msgstr if c.isdecimal() and c not in digits | own}, key=msgstr.index):
        problems.append(f"digit {char!r} (U+{ord(char):04X} {unicodedata.name(char, '')}) is not a digit of "
                        f"{locale}: write numbers with {''.join(sorted(digits)[:10])}")
    for match in _NUMBER.finditer(msgstr):
        odd = [c for c in match.group() if not c.isdecimal() and c not in separators | own]
        scripts = {ord(c) - unicodedata.decimal(c) for c in match.group() if c.isdecimal()}
        if len(scripts) > 1 and match.group() not in msgid:
            problems.append(f"{match.group()!r} mixes digits of two scripts: write it with the digits of one")
        elif odd:
            problems.append(f"{match.group()!r} uses {odd[0]!r} (U+{ord(odd[0]):04X}), which {locale} does not use "
                            f"in numbers: write it with {_shown(separators)}")
        elif match.group() not in msgid and not is_grouped(match.group(), locale):
            problems.append(f"{match.group()!r} is not grouped as {locale} groups digits: a reader cannot tell its "
                            f"value. Write it as {locale} does: {format_decimal(1000000, locale=locale)}")
    return problems


def is_grouped(number: str, locale: str) -> bool:
    """Tell whether the group separators of ``number`` (if any) split it as ``locale`` does (CLDR grouping).

    A lone comma before one, two or four digits and more in English is a decimal comma, warned about elsewhere.
    """
    group, decimal = _symbol(get_group_symbol, locale), _symbol(get_decimal_symbol, locale)
    if not group or group in _SPACES or group not in number or _DATE.fullmatch(number):
        return True
    whole = number.split(decimal)[0] if decimal and decimal != group else number
    groups = whole.split(group)
    if len(groups) == 2 and len(groups[1]) != 3:
        return True  # not a grouping: a decimal comma (comma_decimal_warnings) or another separator's business
    primary, secondary = known_locale(locale).decimal_formats[None].grouping
    return (len(groups[-1]) == primary and all(len(g) == secondary for g in groups[1:-1])
            and 1 <= len(groups[0]) <= (secondary if len(groups) > 2 else primary))


def comma_decimal_warnings(msgstr: str, locale: str | None) -> list[str]:
    """Warn on a comma used as the decimal sign where the locale writes a point (``38,0 °C`` in English)."""
    if not locale or _symbol(get_decimal_symbol, locale) != "." or _symbol(get_group_symbol, locale) != ",":
        return []
    return [f"{m.group()!r} has a decimal comma; {locale} writes {m.group().replace(',', '.')!r}. A reader may take "
            "the comma for a thousands separator" for m in re.finditer(r"(?<![\d,.])\d+,(?:\d{1,2}|\d{4,})(?![\d,])",
                                                                        msgstr)]


@functools.lru_cache(maxsize=32)
def number_characters(locale: str) -> tuple[frozenset[str], frozenset[str]]:
    """Return the digits and the separators numbers in ``locale`` are written with (CLDR, through Babel).

    The digits of every numbering system CLDR names for the locale count; separators come from those Babel has
    symbols for (not Hebrew, Greek or Ethiopic traditional numerals).
    """
    parsed = known_locale(locale)
    digits, separators = set("0123456789"), set(".," + _SPACES)
    if parsed is None:
        return frozenset(digits), frozenset(separators)
    for system in {parsed.default_numbering_system, *parsed.other_numbering_systems.values()} & _ZEROS.keys():
        digits.update(chr(_ZEROS[system] + n) for n in range(10))
    for system in numbering_systems(parsed):
        separators.update(get_decimal_symbol(parsed, numbering_system=system))
        separators.update(get_group_symbol(parsed, numbering_system=system))
    return frozenset(digits), frozenset(separators)


def _symbol(getter, locale: str) -> str:
    parsed = known_locale(locale)
    return getter(parsed) if parsed else ""


def _shown(separators: frozenset[str]) -> str:
    names = {" ": "spaces", "\u00a0": "no-break spaces", "\u202f": "narrow no-break spaces", "\u2009": ""}
    visible = [repr(c) for c in sorted(separators) if c not in names]
    return ", ".join(visible + [n for n in names.values() if n])
