"""Locale-aware values of a leaflet: dates through Babel, placeholders through their registry."""

from __future__ import annotations

import datetime as dt

from babel import Locale
from babel.dates import format_date
from markupsafe import Markup

from ..config import Institution, Language
from ..content import placeholders


def format_day(day: dt.date, locale: str | Locale) -> str:
    """Return a date as readers write it: ``1 mars 2026``, ``1 March 2026``."""
    return format_date(day, format="long", locale=locale)


def localized_placeholders(institution: Institution, language: Language, source: Language,
                           written_in: Language | None = None) -> dict[str, Markup]:
    """Return the HTML each placeholder stands for in ``language``.

    Readers of the source language dial the institution's numbers in their national form, others from abroad.
    ``written_in`` formats numbers (a temperature) for another language: the source's, in text left untranslated.
    """
    reader = placeholders.Reader((written_in or language).region, national=language.language == source.language)
    return placeholders.placeholder_values(institution, reader)


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
