"""Numbers written in words (``twenty-five``, ``huit``), read by value in the text's language with num2words.

A translation that writes ``eight`` where the source has ``8`` is the same number; one that writes
``twenty-five degrees`` where the source has none adds a value. The words of each language come from num2words,
never from a list typed here; ``one``/``un`` are left out: in most languages they are also an article.
"""

from __future__ import annotations

import functools
import re
from decimal import Decimal

WORD_RANGE = range(2, 101)
"""Numbers looked for in words: from two (``one`` is also an article) to a hundred."""


def number_words(text: str, locale: str | None) -> list[tuple[int, int, Decimal, str]]:
    """Return ``(start, end, value, spelling)`` for each number written in words in ``text``."""
    pattern, values = _lexicon(locale)
    if pattern is None:
        return []
    first_words = _first_words(locale)
    found, end = [], -1
    for word in _WORD.finditer(text):  # the whole pattern is tried only where a number word may start: fast
        if word.start() < end or word.group().casefold() not in first_words:
            continue
        match = pattern.match(text, word.start())
        if match:
            found.append((match.start(), match.end(), values[match.group().casefold()], match.group()))
            end = match.end()
    return found


_WORD = re.compile(r"[^\W\d_]+")


@functools.lru_cache(maxsize=16)
def _first_words(locale: str | None) -> frozenset[str]:
    return frozenset(_WORD.match(word).group() for word in _lexicon(locale)[1] if _WORD.match(word))


@functools.lru_cache(maxsize=16)
def _lexicon(locale: str | None) -> tuple[re.Pattern | None, dict[str, Decimal]]:
    language = _language(locale)
    if language is None:
        return None, {}
    from num2words import num2words  # imported only once a language is checked: it loads every language

    words: dict[str, Decimal] = {}
    for number in WORD_RANGE:
        spelled = num2words(number, lang=language).casefold()
        for variant in {spelled, spelled.replace("-", " "), spelled.replace("\u00a0", " "), *_forms(spelled, language)}:
            words.setdefault(variant, Decimal(number))
    for name in _unit_names(locale):  # the "cent" of "pour cent" is a unit, not a hundred
        for word in re.findall(r"\w+", name):
            if word not in name.split()[-1:] or " " in name:
                words.pop(word, None)
    ordered = sorted(words, key=len, reverse=True)
    return re.compile(rf"(?<![\w{_MARKS}])(?:" + "|".join(re.escape(w) for w in ordered) + rf")(?![\w{_MARKS}-])",
                      re.IGNORECASE), words


_MARKS = "\u0300-\u036f\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed"
"""Combining marks (Arabic vowel signs): part of the word they follow (the ست of ستُعالج is not six)."""


def _forms(spelled: str, language: str) -> tuple[str, ...]:
    """The forms num2words does not write: Arabic numbers before a feminine noun (``ثلاث مرات``, without the final
    ة) and after a preposition (``اثنين``), the Portuguese feminine ``duas``."""
    if language == "pt":  # duas vezes, vinte e duas
        return (spelled.replace("dois", "duas"),) if "dois" in spelled else ()
    if language != "ar":
        return ()
    if spelled.endswith("ة") and " " not in spelled:
        return (spelled[:-1],)
    return ("اثنين", "اثنتين", "اثنتان") if spelled == "اثنان" else ()


def _unit_names(locale: str) -> list[str]:
    from .units import words_for

    return [name for name in words_for(locale).units[1] if " " in name]


def word_value(word: str, locale: str | None) -> Decimal | None:
    """Return the value of one number written in words (``trois``, ``three``), or None."""
    return _lexicon(locale)[1].get(word.casefold())


def spelled(number: int, language: str) -> str:
    """Return ``number`` in words, as num2words writes it in ``language``."""
    from num2words import num2words

    return num2words(number, lang=language)


def _language(locale: str | None) -> str | None:
    """Return the num2words language for a locale (``en_GB`` → ``en``), or None when it has none."""
    if not locale:
        return None
    from num2words import CONVERTER_CLASSES

    for name in (locale, locale.split("_")[0].split("-")[0]):
        if name in CONVERTER_CLASSES:
            return name
    return None
