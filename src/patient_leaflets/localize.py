"""Locale-aware formatting: dates and temperatures (numbers in the locale's style) through Babel, phone numbers
through phonenumbers."""

from __future__ import annotations

import datetime as dt

import phonenumbers
from babel import Locale
from babel.dates import format_date
from babel.units import format_unit
from markupsafe import Markup

from .config import Institution

EMERGENCY_NUMBERS = {"phone_samu": "15", "phone_emergency": "112"}
"""France's emergency medical service (SAMU) and the European emergency number."""


def format_day(day: dt.date, locale: str) -> str:
    """Return a date as readers write it: ``1 mars 2026``, ``1 March 2026``."""
    return format_date(day, format="long", locale=locale)


def format_temperature(celsius: float, locale: str) -> str:
    """Return a temperature in degrees Celsius: ``38 °C`` in French, ``38°C`` in English."""
    return format_unit(celsius, "temperature-celsius", length="short", locale=locale)


def format_phone(number: str, country: str, national: bool) -> tuple[str, str]:
    """Return ``(display, tel: URI)``; national form for readers in the centre's country, else international."""
    number = number.strip()
    if len(number) <= 3 and number.isdigit():  # short codes such as 15 or 112
        return number, f"tel:{number}"
    parsed = phonenumbers.parse(number, country)
    style = phonenumbers.PhoneNumberFormat.NATIONAL if national else phonenumbers.PhoneNumberFormat.INTERNATIONAL
    uri = phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.RFC3966)
    return phonenumbers.format_number(parsed, style), uri


def placeholder_values(institution: Institution, locale: str, source_locale: str) -> dict[str, Markup]:
    """Return the HTML each placeholder stands for in ``locale``."""
    national = Locale.parse(locale).language == Locale.parse(source_locale).language
    values = {
        "institution": Markup("{}").format(institution.name),
        "address": Markup('<span class="address">{}</span>').format(institution.address),
        "fever_threshold": Markup('<span class="nowrap">{}</span>').format(
            format_temperature(institution.fever_threshold, locale)),
        "website": Markup('<a href="{}">{}</a>').format(
            institution.website, institution.website.removeprefix("https://").rstrip("/")),
    }
    phones = {"phone_switchboard": institution.phone_switchboard, "phone_24h": institution.phone_24h,
              **EMERGENCY_NUMBERS}
    for name, number in phones.items():
        shown, uri = format_phone(number, institution.country, national)
        values[name] = Markup('<a class="phone" href="{}">{}</a>').format(uri, shown)
    return values
