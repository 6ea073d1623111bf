"""The care centre whose details every leaflet shows: ``[tool.patient-leaflets.institution]``."""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

from ..errors import Problem, did_you_mean


@dataclass(frozen=True)
class Institution:
    """The care centre whose details every leaflet shows."""

    name: str
    """Name shown in the header, the PDF author and the ``{institution}`` placeholder."""
    address: str
    """Postal address, for the ``{address}`` placeholder."""
    phone_switchboard: str
    """Switchboard number in international form (``+33 1 …``)."""
    phone_24h: str
    """The number patients call day and night, in international form; the switchboard's when it is that line."""
    website: str
    """The institution's web site, an https URL."""
    fever_threshold: float
    """Temperature in degrees Celsius at which patients must call the team."""
    country: str = "FR"
    """Country whose dialling conventions apply to the phone numbers."""
    phone_samu: str = "15"
    """The emergency medical service's number (the SAMU in France), for the ``{phone_samu}`` placeholder."""
    phone_emergency: str = "112"
    """The general emergency number (112 across Europe), for the ``{phone_emergency}`` placeholder."""
    feedback: str = ""
    """Where patients send comments on a leaflet: an https address or an e-mail address; empty when there is none."""

    @property
    def separate_24h_line(self) -> bool:
        """Whether the day-and-night line is a number of its own, not the switchboard (shown once, then)."""
        return not _same_number(self.phone_24h, self.phone_switchboard, self.country)


_INSTITUTION = {
    "name": str,
    "address": str,
    "phone-switchboard": str,
    "phone-24h": str,
    "website": str,
    "fever-threshold": (int, float),
    "country": str,
    "phone-samu": str,
    "phone-emergency": str,
    "feedback": str,
}
_OPTIONAL = ("country", "phone-samu", "phone-emergency", "phone-24h", "feedback")
"""Institution settings with a default (France, 15 and 112; the switchboard answers day and night; no feedback
address)."""


def read_institution(table: dict, where: str, problems: list[Problem]) -> Institution | None:
    if not table or not isinstance(table, dict):
        problems.append(Problem(where, None, "tool.patient-leaflets.institution",
                                "missing" if not table else "expected a table",
                                "Add a [tool.patient-leaflets.institution] table with name, address, "
                                "phone-switchboard, website and fever-threshold (see the README)"))
        return None
    values = {}
    for key, kind in _INSTITUTION.items():
        field_name = f"tool.patient-leaflets.institution.{key}"
        if key not in table:
            if key not in _OPTIONAL:
                problems.append(Problem(where, None, field_name, "missing",
                                        f"Add {key} = … under [tool.patient-leaflets.institution]"))
            continue
        if not isinstance(table[key], kind) or isinstance(table[key], bool):
            problems.append(Problem(where, None, field_name, f"expected {_kind_name(kind)}"))
            continue
        values[key] = table[key]
    for key in sorted(set(table) - set(_INSTITUTION)):
        problems.append(Problem(where, None, f"tool.patient-leaflets.institution.{key}", "unknown setting",
                                did_you_mean(key, _INSTITUTION)))
    for key in ("phone-switchboard", "phone-24h", "phone-samu", "phone-emergency"):
        if key in values and not _is_phone_number(values[key], values.get("country", "FR")):
            problems.append(Problem(where, None, f"tool.patient-leaflets.institution.{key}",
                                    f"{values.pop(key)!r} is not a valid phone number",
                                    "Write it in international form, e.g. +33 1 42 11 42 11"))
    if "feedback" in values and not _is_feedback_address(values["feedback"]):
        problems.append(Problem(where, None, "tool.patient-leaflets.institution.feedback",
                                f"{values.pop('feedback')!r} is neither an https:// address nor an e-mail address",
                                "Give the page or the mailbox where patients can send their comments"))
    _check_fever_threshold(values, where, problems)
    _check_emergency_numbers(values, where, problems)
    if "website" in values and not values["website"].startswith("https://"):
        problems.append(Problem(where, None, "tool.patient-leaflets.institution.website", "expected an https:// "
                                f"address, got {values.pop('website')!r}"))
    if len(values) < len(_INSTITUTION) - sum(key not in values for key in _OPTIONAL):
        return None
    if "phone-switchboard" in values:
        values.setdefault("phone-24h", values["phone-switchboard"])
    return Institution(**{key.replace("-", "_"): value for key, value in values.items()})


def _is_feedback_address(address: str) -> bool:
    return address.startswith("https://") or re.fullmatch(r"[^@\s]+@[^@\s]+\.[^@\s]+", address) is not None


def _same_number(first: str, second: str, country: str) -> bool:
    import phonenumbers

    try:
        return phonenumbers.parse(first, country) == phonenumbers.parse(second, country)
    except phonenumbers.NumberParseException:
        return first.replace(" ", "") == second.replace(" ", "")


FEVER_RANGE = (37.0, 40.0)
"""Thresholds care teams use lie within this range, in degrees Celsius (38 and 38.5 are the usual ones)."""
GENERAL_EMERGENCY = ("112", "911", "999", "000")
"""Numbers that reach every emergency service of a country or region: never the medical service's own number."""


def _check_fever_threshold(values: dict, where: str, problems: list[Problem]) -> None:
    """Refuse a threshold that is not a finite temperature in degrees Celsius in ``FEVER_RANGE``."""
    value = values.get("fever-threshold")
    if value is None or FEVER_RANGE[0] <= value <= FEVER_RANGE[1]:  # False for nan
        return
    low, high = FEVER_RANGE
    fix = f"Write the temperature at which patients must call, in °C, between {low:g} and {high:g} (e.g. 38)"
    if math.isfinite(value) and 98 <= value <= 104:
        fix = f"{value:g} looks like degrees Fahrenheit: write it in °C ({(value - 32) * 5 / 9:.1f})"
    problems.append(Problem(where, None, "tool.patient-leaflets.institution.fever-threshold",
                            f"{values.pop('fever-threshold')!r} is not a fever threshold in degrees Celsius", fix))


def _check_emergency_numbers(values: dict, where: str, problems: list[Problem]) -> None:
    """Refuse a general emergency number (112) given as the medical service's (15) while the other is set apart."""
    samu, emergency = values.get("phone-samu", "15"), values.get("phone-emergency", "112")
    if samu.strip() in GENERAL_EMERGENCY and emergency.strip() not in GENERAL_EMERGENCY:
        problems.append(Problem(where, None, "tool.patient-leaflets.institution.phone-samu",
                                f"{samu!r} is a general emergency number and {emergency!r} is not: phone-samu and "
                                "phone-emergency look swapped", f'Write phone-samu = "{emergency}" and '
                                f'phone-emergency = "{samu}"'))
        values.pop("phone-samu", None)


def _is_phone_number(number: str, country: str) -> bool:
    import phonenumbers

    if number.isdigit() and len(number) <= 3:  # a short code must be an emergency number there, such as 15 or 112
        return phonenumbers.is_emergency_number(number, country)
    try:
        return phonenumbers.is_valid_number(phonenumbers.parse(number, country))
    except phonenumbers.NumberParseException:
        return False


def _kind_name(kind) -> str:
    return "text" if kind is str else "a number"
