"""Web addresses, e-mail addresses and phone numbers in text: one grammar for everything that looks for them.

An address runs from ``https://``, ``www.`` or a bare domain (``e-cancer.fr``) to the first space, angle
bracket, bracket, parenthesis or double quote; the punctuation that ends a sentence (``.``, ``»``…) is not part
of it when it comes last. A browser reads on past a double quote (``https://www.e-cancer.fr"@evil.example``
leads to evil.example): so does ``SCHEMED``, which the links check reads.

The translation checks compare addresses (``i18n.checks.checkers``) and parse them as a browser does
(``i18n.checks.links``), the printed page keeps them whole (``render.typography``) and a right-to-left page
keeps them left to right (``render.bidi``): all find them here, so that what is checked is what is printed.
"""

from __future__ import annotations

import functools
import re

_INSIDE = r"[^\s<>\[\]()\"]"
"""What an address holds: anything up to a space, markup, a bracket or a double quote."""
_INSIDE_FOR_A_BROWSER = r"[^\s<>\[\]()]"
"""What a browser reads as part of an address: a double quote too."""
_LAST = r"[^\s<>\[\]().,;:!?’'\"»]"
"""What an address ends with: not the punctuation of the sentence around it."""

WEB = re.compile(rf"(?:https?://|(?<![\w/.])www\.){_INSIDE}*{_LAST}", re.IGNORECASE)
"""A web address written with its scheme or ``www.``: ``https://www.e-cancer.fr/guide``."""
SCHEMED = re.compile(rf"(?:https?://|mailto:|tel:){_INSIDE_FOR_A_BROWSER}*{_LAST}", re.IGNORECASE)
"""An address with a scheme a link may lead to (``https://``, ``mailto:``, ``tel:``, and ``http://``), read as a
browser reads it: past a double quote."""
DOMAIN = re.compile(rf"(?<![\w@.-])(?:[\w-]+\.)+[a-z][\w-]*(?![\w-])(?:/{_INSIDE}*{_LAST})?", re.IGNORECASE)
"""A bare domain, with its path if it has one (``e-cancer.fr/guide``), or an abbreviation that looks like one
(``e.g``, ``p.ex``): ``is_domain`` tells them apart."""
EMAIL = re.compile(r"(?<![\w.+-])[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
"""An e-mail address: ``equipe@e-cancer.fr``."""
PHONE = re.compile(r"(?<![\w+.,])(?:\+\s?\d|0)(?:[ \u00a0\u202f.\-]?\d){7,}(?!\d)")
"""A phone number: it starts with + or a trunk 0 and has at least 8 digits (a grouped 1 000 000 does not)."""


def either(*patterns: re.Pattern) -> re.Pattern:
    """Return a pattern that finds any of ``patterns``, the first that matches where they start together."""
    return re.compile("|".join(f"(?:{pattern.pattern})" for pattern in patterns), re.IGNORECASE)


def is_domain(token: str) -> bool:
    """Tell a domain (``e-cancer.fr``, ``e-cancer.fr/guide``) from an abbreviation or a name (``e.g``,
    ``document.cookie``) by the public suffix list that tldextract bundles (offline, no cache on disk)."""
    host = token.split("/", 1)[0]
    extracted = _extract()(host)
    return bool(extracted.suffix and extracted.domain) or host.count(".") >= 2 and not host[0].isdigit()


@functools.lru_cache(maxsize=1)
def _extract():
    import tldextract  # loaded only when a text holds something that looks like a domain

    return tldextract.TLDExtract(cache_dir=None, suffix_list_urls=(), fallback_to_snapshot=True)
