"""The care centre whose details every leaflet shows: ``[tool.patient-leaflets.institution]``."""

from __future__ import annotations

import math
import re
from dataclasses import MISSING, dataclass

from ..errors import Problem
from .options import NUMBER, TEXT, read_table, setting, settings_of

FEVER_RANGE = (37.0, 40.0)
"""Thresholds care teams use lie within this range, in degrees Celsius (38 and 38.5 are the usual ones)."""
GENERAL_EMERGENCY = ("112", "911", "999", "000")
"""Numbers that reach every emergency service of a country or region: never the medical service's own number."""


# Checks of a value, given every value by field name (options.Check): each a list of (message, fix).

def _phone_problems(number: str, values: dict) -> list[tuple[str, str]]:
    if _is_phone_number(number, values["country"]):
        return []
    return [(f"{number!r} is not a valid phone number", "Write it in international form, e.g. +33 1 42 11 42 11")]


def _website_problems(address: str, values: dict) -> list[tuple[str, str]]:
    return [] if address.startswith("https://") else [(f"expected an https:// address, got {address!r}", "")]


def _feedback_problems(address: str, values: dict) -> list[tuple[str, str]]:
    if _is_feedback_address(address):
        return []
    return [(f"{address!r} is neither an https:// address nor an e-mail address",
             "Give the page or the mailbox where patients can send their comments")]


def _fever_problems(value: float, values: dict) -> list[tuple[str, str]]:
    """Refuse a threshold that is not a finite temperature in degrees Celsius in ``FEVER_RANGE``."""
    if FEVER_RANGE[0] <= value <= FEVER_RANGE[1]:  # False for nan
        return []
    low, high = FEVER_RANGE
    fix = f"Write the temperature at which patients must call, in °C, between {low:g} and {high:g} (e.g. 38)"
    if math.isfinite(value) and 98 <= value <= 104:
        fix = f"{value:g} looks like degrees Fahrenheit: write it in °C ({(value - 32) * 5 / 9:.1f})"
    return [(f"{value!r} is not a fever threshold in degrees Celsius", fix)]


def _samu_problems(samu: str, values: dict) -> list[tuple[str, str]]:
    """Refuse a general emergency number (112) given as the medical service's (15) while the other is set apart.

    Only two valid numbers are compared: a wrong one is reported on its own.
    """
    emergency = values["phone_emergency"]
    problems = _phone_problems(samu, values)
    if problems or not _is_phone_number(emergency, values["country"]):
        return problems
    if samu.strip() in GENERAL_EMERGENCY and emergency.strip() not in GENERAL_EMERGENCY:
        return [(f"{samu!r} is a general emergency number and {emergency!r} is not: phone-samu and "
                 "phone-emergency look swapped", f'Write phone-samu = "{emergency}" and phone-emergency = "{samu}"')]
    return []


@dataclass(frozen=True, kw_only=True)
class Institution:
    """The care centre whose details every leaflet shows: ``[tool.patient-leaflets.institution]``, one setting a
    field (``phone_24h`` is ``phone-24h``)."""

    name: str = setting(TEXT)
    """Name shown in the header, the PDF author and the ``{institution}`` placeholder."""
    address: str = setting(TEXT)
    """Postal address, for the ``{address}`` placeholder."""
    phone_switchboard: str = setting(TEXT, check=_phone_problems)
    """Switchboard number in international form (``+33 1 …``)."""
    phone_24h: str = setting(TEXT, "", check=_phone_problems)
    """The number patients call day and night, in international form; left out, the switchboard's."""
    website: str = setting(TEXT, check=_website_problems)
    """The institution's web site, an https URL."""
    fever_threshold: float = setting(NUMBER, check=_fever_problems)
    """Temperature in degrees Celsius at which patients must call the team."""
    country: str = setting(TEXT, "FR")
    """Country whose dialling conventions apply to the phone numbers."""
    phone_samu: str = setting(TEXT, "15", check=_samu_problems)
    """The emergency medical service's number (the SAMU in France), for the ``{phone_samu}`` placeholder."""
    phone_emergency: str = setting(TEXT, "112", check=_phone_problems)
    """The general emergency number (112 across Europe), for the ``{phone_emergency}`` placeholder."""
    feedback: str = setting(TEXT, "", check=_feedback_problems)
    """Where patients send comments on a leaflet: an https address or an e-mail address; empty when there is none."""

    def __post_init__(self):
        if not self.phone_24h:  # the switchboard answers day and night
            object.__setattr__(self, "phone_24h", self.phone_switchboard)

    @property
    def separate_24h_line(self) -> bool:
        """Whether the day-and-night line is a number of its own, not the switchboard (shown once, then)."""
        return not _same_number(self.phone_24h, self.phone_switchboard, self.country)


TABLE = "tool.patient-leaflets.institution"


def read_institution(table: dict, where: str, problems: list[Problem]) -> Institution | None:
    """Return the institution ``table`` describes, or None after adding its problems to ``problems``."""
    if not table or not isinstance(table, dict):
        required = [key for key, spec in settings_of(Institution).items() if spec.default is MISSING]
        problems.append(Problem(where, None, TABLE, "missing" if not table else "expected a table",
                                f"Add a [{TABLE}] table with {', '.join(required[:-1])} and {required[-1]} (see the "
                                "README)"))
        return None
    written, found = read_table(table, Institution, TABLE, where)
    problems += found
    return None if found else Institution(**written)


def _is_feedback_address(address: str) -> bool:
    return address.startswith("https://") or re.fullmatch(r"[^@\s]+@[^@\s]+\.[^@\s]+", address) is not None


def _same_number(first: str, second: str, country: str) -> bool:
    import phonenumbers

    try:
        return phonenumbers.parse(first, country) == phonenumbers.parse(second, country)
    except phonenumbers.NumberParseException:
        return first.replace(" ", "") == second.replace(" ", "")


def _is_phone_number(number: str, country: str) -> bool:
    import phonenumbers

    if number.isdigit() and len(number) <= 3:  # a short code must be an emergency number there, such as 15 or 112
        return phonenumbers.is_emergency_number(number, country)
    try:
        return phonenumbers.is_valid_number(phonenumbers.parse(number, country))
    except phonenumbers.NumberParseException:
        return False

