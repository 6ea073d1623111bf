"""What a language still lacks, one warning per catalog entry, and counted per language for the console.

A new language starts with every message untranslated: hundreds of warnings that say one thing. Each is kept
(``leaflets check --verbose`` lists them, with its line, for the translator's editor), and ``summarize`` counts
them per language and kind so that the console says it in one line.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from babel.messages.catalog import Message

from ..config import Config
from ..errors import Problem
from ..i18n.origin import message_origin

KINDS = ("untranslated", "fuzzy", "missing", "obsolete")
"""``missing``: the leaflets have the text, the catalog does not (``extract`` and ``update`` not run)."""


@dataclass(frozen=True)
class CatalogGap(Problem):
    """A warning about one entry of a catalog that patients would not see translated (or that is left over)."""

    locale: str = ""
    kind: str = "untranslated"
    """One of ``KINDS``."""
    leaflets: tuple[str, ...] = ()
    """What shows it: leaflet ids, ``templates`` for a template string (every leaflet shows it), ``site`` for the
    library page's."""


def used_by(config: Config, message: Message) -> tuple[str, ...]:
    """Return what shows a message: the ids of the leaflets it comes from, ``templates`` or ``site``
    (``i18n.origin.message_origin``)."""
    return tuple(sorted({message_origin(config, path) for path, _ in message.locations}))


@dataclass
class LocaleCoverage:
    """How many messages of one language are untranslated, fuzzy, missing or obsolete, and in how many leaflets."""

    locale: str
    counts: Counter = field(default_factory=Counter)
    leaflets: set[str] = field(default_factory=set)
    """What shows an untranslated, fuzzy or missing message: leaflet ids, ``templates`` (standing for every
    leaflet) and ``site`` (the library page)."""
    shown_by: dict[str, set[str]] = field(default_factory=dict)
    """The same, for each kind of gap (``untranslated``, ``fuzzy``…)."""


def summarize(gaps: list[CatalogGap]) -> list[LocaleCoverage]:
    """Count the gaps per language and kind, in the order the languages come."""
    by_locale: dict[str, LocaleCoverage] = {}
    for gap in gaps:
        coverage = by_locale.setdefault(gap.locale, LocaleCoverage(gap.locale))
        coverage.counts[gap.kind] += 1
        if gap.kind != "obsolete":
            coverage.leaflets.update(gap.leaflets)
            coverage.shown_by.setdefault(gap.kind, set()).update(gap.leaflets)
    return list(by_locale.values())
