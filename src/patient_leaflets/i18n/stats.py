"""Translation progress: translated, fuzzy and untranslated messages and words, per language and leaflet."""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

from babel.messages.catalog import Catalog

from ..config import Config
from ..content.markup import plain_text
from ..errors import CatalogError
from .catalogs import load_catalog, load_template
from .checks.checkers import is_template_message, rules_for
from .origin import SITE, TEMPLATES, message_origin
from .translate import FUZZY, TRANSLATED, translation_state

ALL = "all"
"""The ``leaflet`` of the row that totals a language (each message counted once)."""


@dataclass(frozen=True)
class CatalogStats:
    """How far one language's translation of one leaflet (or of everything, ``all``) has come."""

    locale: str
    leaflet: str
    """A leaflet id (``_shared`` for the sections every leaflet ends with), ``templates``, ``site`` or ``all``."""
    total: int
    translated: int
    fuzzy: int
    words: int = 0
    """Words of the source text, placeholders and markup left out."""
    words_translated: int = 0
    words_fuzzy: int = 0

    @property
    def untranslated(self) -> int:
        return self.total - self.translated - self.fuzzy

    @property
    def words_untranslated(self) -> int:
        return self.words - self.words_translated - self.words_fuzzy

    @property
    def percent(self) -> float:
        return 100.0 * self.translated / self.total if self.total else 100.0

    @property
    def shown_percent(self) -> float:
        """The percentage rounded down to a whole number: never 100 while a message is fuzzy or untranslated."""
        return math.floor(self.percent)

    def as_dict(self) -> dict:
        """Return the row as ``leaflets stats --json`` writes it."""
        return {
            "locale": self.locale,
            "leaflet": self.leaflet,
            "messages": {"total": self.total, "translated": self.translated, "fuzzy": self.fuzzy,
                         "untranslated": self.untranslated},
            "words": {"total": self.words, "translated": self.words_translated, "fuzzy": self.words_fuzzy,
                      "untranslated": self.words_untranslated},
            "percent": math.floor(self.percent * 10) / 10,
        }


def catalog_stats(config: Config, locales: list[str] | None = None) -> list[CatalogStats]:
    """Count translated, fuzzy and untranslated messages and words per language and leaflet.

    Each language has one row per leaflet (``origin.message_origin``), one for the library page, one for the
    templates, then its ``all`` row. A message counts as translated only when the hand-out prints its translation
    (``translate.translation_state``): a fuzzy one is counted as fuzzy (``pybabel compile --statistics`` counts
    it as translated), one refused by a check or written with plural forms as untranslated.
    """
    problems = config.locale_problems(locales or [], translations=True)
    if problems:
        raise CatalogError(problems)
    template = load_template(config)
    groups: dict[str, set[str]] = {}
    for message in template:
        if message.id:
            for name in {message_origin(config, path) for path, _ in message.locations} or {TEMPLATES}:
                groups.setdefault(name, set()).add(message.id)
    msgids = {m.id for m in template if m.id}
    templates = {m.id for m in template if m.id and is_template_message(m, config)}
    rows = []
    for locale in locales or config.locales:
        catalog = load_catalog(config, locale) if config.po_path(locale).exists() else Catalog(locale=locale)
        rules = rules_for(config, locale)
        kinds = {msgid: translation_state(catalog, msgid, rules, msgid in templates).kind
                 for msgid in msgids}
        for name in sorted(groups, key=lambda name: (name in (TEMPLATES, SITE), name)):
            rows.append(_count(kinds, locale, name, groups[name]))
        rows.append(_count(kinds, locale, ALL, set(kinds)))
    return rows


def _count(kinds: dict[str, str], locale: str, name: str, msgids: set[str]) -> CatalogStats:
    done = [msgid for msgid in msgids if kinds[msgid] == TRANSLATED]
    fuzzy = [msgid for msgid in msgids if kinds[msgid] == FUZZY]
    return CatalogStats(locale, name, len(msgids), len(done), len(fuzzy), _words(msgids), _words(done),
                        _words(fuzzy))


_WORD = re.compile(r"\w+(?:[’'\-]\w+)*")


def count_words(text: str) -> int:
    """Count the words a translator reads in a message: placeholders and link addresses are not words."""
    return len(_WORD.findall(plain_text(text)))


def _words(msgids) -> int:
    return sum(count_words(msgid) for msgid in msgids)
