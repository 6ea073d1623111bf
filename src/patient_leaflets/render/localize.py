"""Locale-aware values of a leaflet: dates through Babel, placeholders through their registry."""

from __future__ import annotations

import datetime as dt

from babel import Locale
from babel.dates import format_date
from markupsafe import Markup

from ..config import Institution
from ..content import placeholders


def format_day(day: dt.date, locale: str) -> str:
    """Return a date as readers write it: ``1 mars 2026``, ``1 March 2026``."""
    return format_date(day, format="long", locale=locale)


def placeholder_values(institution: Institution, locale: str, source_locale: str,
                       written_in: str | None = None) -> dict[str, Markup]:
    """Return the HTML each placeholder stands for in ``locale``.

    Readers of the source language dial the institution's numbers in their national form, others from abroad.
    ``written_in`` formats numbers (a temperature) for another language: the source's, in text left untranslated.
    """
    national = Locale.parse(locale).language == Locale.parse(source_locale).language
    return placeholders.placeholder_values(institution, placeholders.Reader(written_in or locale, national))


class LocalizedText(str):
    """A value formatted for the reader's language that also knows how the source language writes it."""

    in_source: str

    def __new__(cls, text: str, in_source: str):
        value = super().__new__(cls, text)
        value.in_source = in_source
        return value


def localized_day(day: dt.date, locale: str, source_locale: str) -> LocalizedText:
    """Return a date as the reader's language writes it, knowing how the source language writes it too."""
    return LocalizedText(format_day(day, locale), format_day(day, source_locale))


def is_right_to_left(locale: str) -> bool:
    """Tell whether ``locale``'s script is written right to left (Arabic, Hebrew…)."""
    return Locale.parse(locale).character_order == "right-to-left"
