"""Locale-aware values of a leaflet: dates through Babel, placeholders through their registry."""

from __future__ import annotations

import datetime as dt
import functools

from babel import Locale
from babel.dates import format_date
from babel.languages import get_official_languages
from markupsafe import Markup

from ..config import Institution, Language
from ..content import placeholders


def format_day(day: dt.date, locale: str | Locale) -> str:
    """Return a date as readers write it: ``1 mars 2026``, ``1 March 2026``."""
    return format_date(day, format="long", locale=locale)


def localized_placeholders(institution: Institution, language: Language, source: Language,
                           written_in: Language | None = None) -> dict[str, Markup]:
    """Return the HTML each placeholder stands for in ``language``.

    Readers of a language official in the institution's country (CLDR's territory data: ``fr`` in ``FR``; ``nl``,
    ``fr`` and ``de`` in ``BE``) get the institution's numbers in their national form (``01 42 11 42 11``); readers
    of any other language may call from abroad (home, a relative's phone), so they get the international form
    (``+33 1 42 11 42 11``), which works from a French line too. ``written_in`` formats numbers (a temperature)
    for another language: the source's, in text left untranslated.
    """
    national = language.language in _official_languages(institution.country) or language.language == source.language
    reader = placeholders.Reader((written_in or language).region, national=national)
    return placeholders.placeholder_values(institution, reader)


@functools.cache
def _official_languages(territory: str) -> frozenset[str]:
    return frozenset(get_official_languages(territory.upper(), de_facto=True))


class LocalizedText(str):
    """A value formatted for the reader's language that also knows how the source language writes it."""

    in_source: str

    def __new__(cls, text: str, in_source: str):
        value = super().__new__(cls, text)
        value.in_source = in_source
        return value


def localized_day(day: dt.date, language: Language, source: Language) -> LocalizedText:
    """Return a date as the reader's language writes it, knowing how the source language writes it too."""
    return LocalizedText(format_day(day, language.babel), format_day(day, source.babel))
