"""One language of the project, worked out once: its catalog, its regional conventions and how it is written.

``Config.language(locale)`` gives the :class:`Language` of a configured locale; every stage asks it instead of
parsing locale codes again. ``known_locale`` is for the codes that come from elsewhere (a catalog's header, a
translation check's rules): it answers None where Babel knows no such locale, instead of raising.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, field

from babel import Locale, UnknownLocaleError

from ..errors import ConfigError, Problem

LOCALE_FIX = "Use a code such as 'en', 'es' or 'pt_BR'"


@dataclass(frozen=True)
class Language:
    """A language leaflets are written or translated in, with what every stage needs to know about it."""

    locale: str
    """The catalog's locale, as ``translations/<locale>/`` names it: ``en``."""
    region: str
    """The locale whose conventions format dates and numbers and hyphenate: ``en_GB`` (the ``regions`` setting),
    else ``locale``."""
    tag: str
    """The BCP 47 tag of ``region``, for ``lang`` attributes: ``en-GB``."""
    direction: str
    """``rtl`` or ``ltr``: the direction its script is written in."""
    numbering_system: str
    """The CLDR numbering system the region writes numbers with by default: ``latn``, ``arab`` (``ar_EG``)…"""
    is_source: bool
    """Whether it is the language the leaflets are written in (no catalog)."""
    name: str
    """The language's name in itself, as ``locale`` (not the region) names it: ``English``, ``français``."""
    english_name: str
    """The language's name in English: ``French``."""
    babel: Locale = field(repr=False)
    """Babel's locale for ``region``: what dates, numbers and lists are formatted with."""

    @property
    def is_right_to_left(self) -> bool:
        """Whether its script is written right to left (Arabic, Hebrew…)."""
        return self.direction == "rtl"

    @property
    def language(self) -> str:
        """The language code without region or script: ``en`` for ``en_GB``."""
        return self.babel.language


@functools.cache
def language_of(locale: str, region: str, is_source: bool) -> Language:
    """Return the :class:`Language` of ``locale`` with the conventions of ``region``, built once for each: every
    later call returns the same record. Raise ConfigError when Babel does not know one of them."""
    own, conventions = known_locale(locale), known_locale(region)
    if own is None or conventions is None:
        name = locale if own is None else region
        raise ConfigError([Problem.general(f"{name!r} is not a locale Babel knows", LOCALE_FIX)])
    direction = direction_of(region)
    return Language(locale=locale, region=region, tag=bcp47_tag(conventions), direction=direction,
                    numbering_system=numbering_systems(conventions)[0], is_source=is_source,
                    name=own.get_display_name() or locale, english_name=own.english_name or locale, babel=conventions)


@functools.lru_cache(maxsize=256)
def known_locale(name: str | None) -> Locale | None:
    """Return Babel's locale for ``name`` (``en_GB``), or None when it names none Babel knows (or nothing)."""
    try:
        return Locale.parse(name) if name else None
    except (ValueError, UnknownLocaleError):
        return None


def direction_of(tag: str) -> str:
    """Return ``rtl`` or ``ltr``: how the language of a BCP 47 tag or locale code (``fr``, ``ar-EG``) is written."""
    locale = known_locale(tag.replace("-", "_"))
    return "rtl" if locale is not None and locale.character_order == "right-to-left" else "ltr"


def bcp47_tag(locale: Locale) -> str:
    """Return the BCP 47 tag of a locale, as ``lang`` attributes write it: ``en-GB``, ``zh-Hant-TW``."""
    return "-".join(part for part in (locale.language, locale.script, locale.territory, locale.variant) if part)


def numbering_systems(locale: Locale) -> tuple[str, ...]:
    """Return the numbering systems Babel can write ``locale``'s numbers in: its default first, ``latn`` always.

    CLDR names traditional systems Babel has no number symbols for (``hebr``, ``grek``, ``ethi``, ``hans``):
    they are left out, so that nothing asks Babel for them and fails.
    """
    from babel.numbers import UnsupportedNumberingSystemError, get_decimal_symbol

    named = (locale.default_numbering_system, *locale.other_numbering_systems.values(), "latn")
    usable = []
    for system in dict.fromkeys(named):
        try:
            get_decimal_symbol(locale, numbering_system=system)
        except UnsupportedNumberingSystemError:
            continue
        usable.append(system)
    return tuple(usable) or ("latn",)
