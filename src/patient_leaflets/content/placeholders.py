"""The placeholders leaflet text may use, each with the formatter that gives its value in a language.

One registry: validation accepts exactly these names and rendering fills in exactly these values, so a
placeholder can never be valid in one and missing in the other. Values come from the institution settings and
are formatted for the reader: ``01 42 11 42 11`` in France, ``+33 1 42 11 42 11`` abroad; ``38 °C``, ``38°C``.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

import phonenumbers
from babel.units import format_unit
from markupsafe import Markup

from ..config import Institution


@dataclass(frozen=True)
class Reader:
    """Who reads a leaflet: the conventions its values are formatted with."""

    locale: str
    """The locale whose conventions format numbers (``en_GB``)."""
    national: bool
    """Whether the reader dials from the institution's country (national phone numbers) or from abroad."""


Formatter = Callable[[Institution, Reader], Markup]


def display_url(url: str) -> str:
    """Return a web address as printed for a reader: ``www.e-cancer.fr``, without ``https://`` or a final slash."""
    return url.removeprefix("https://").rstrip("/")


def printed_url(url: str) -> Markup:
    """Return an address as printed on paper: ``display_url``, in pieces that never break inside, only after a
    ``/`` (a line break after the hyphen of ``www.e-cancer.fr`` would read as a hyphenated word)."""
    shown = display_url(url) if url.startswith("https://") else url
    parts = re.findall(r"[^/]*/|[^/]+", shown) or [shown]
    return Markup("").join(Markup('<span class="url-part">{}</span>').format(part) for part in parts)


def format_temperature(celsius: float, locale: str) -> str:
    """Return a temperature in degrees Celsius: ``38 °C`` in French, ``38°C`` in English."""
    return format_unit(celsius, "temperature-celsius", length="short", locale=locale)


def format_phone(number: str, country: str, national: bool) -> tuple[str, str]:
    """Return ``(display, tel: URI)``; national form for readers in the centre's country, else international.

    A number of another country is always shown in international form: only that way can anyone dial it.
    """
    number = number.strip()
    if len(number) <= 3 and number.isdigit():  # short codes such as 15 or 112
        return number, f"tel:{number}"
    parsed = phonenumbers.parse(number, country)
    national = national and phonenumbers.region_code_for_number(parsed) == country
    style = phonenumbers.PhoneNumberFormat.NATIONAL if national else phonenumbers.PhoneNumberFormat.INTERNATIONAL
    uri = phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.RFC3966)
    return phonenumbers.format_number(parsed, style), uri


def _phone(setting: str) -> Formatter:
    def formatter(institution: Institution, reader: Reader) -> Markup:
        shown, uri = format_phone(getattr(institution, setting), institution.country, reader.national)
        return Markup('<a class="phone" href="{}">{}</a>').format(uri, shown)

    return formatter


def _feedback_link(address: str) -> Markup:
    """Return the feedback address as a link: a web page, or an e-mail address (empty when there is none)."""
    if not address:
        return Markup("")
    href = address if address.startswith("https://") else f"mailto:{address}"
    return Markup('<a href="{}">{}</a>').format(href, display_url(address))


PLACEHOLDERS: dict[str, Formatter] = {
    "institution": lambda institution, reader: Markup("{}").format(institution.name),
    "address": lambda institution, reader: Markup('<span class="address">{}</span>').format(institution.address),
    "phone_switchboard": _phone("phone_switchboard"),
    "phone_24h": _phone("phone_24h"),
    "website": lambda institution, reader: Markup('<a href="{}">{}</a>').format(
        institution.website, printed_url(institution.website)),
    "fever_threshold": lambda institution, reader: Markup('<span class="nowrap">{}</span>').format(
        format_temperature(institution.fever_threshold, reader.locale)),
    "phone_samu": _phone("phone_samu"),
    "phone_emergency": _phone("phone_emergency"),
    "feedback": lambda institution, reader: _feedback_link(institution.feedback),
}
"""Every name a text may write in braces (``{phone_24h}``), with the HTML it stands for."""


def placeholder_values(institution: Institution, reader: Reader) -> dict[str, Markup]:
    """Return the HTML each placeholder stands for, for ``reader``."""
    return {name: formatter(institution, reader) for name, formatter in PLACEHOLDERS.items()}
