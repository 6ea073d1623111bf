"""What a language still lacks, one warning per catalog entry, and counted per language for the console.

A new language starts with every message untranslated: hundreds of warnings that say one thing. Each is kept
(``leaflets check --verbose`` lists them, with its line, for the translator's editor), and ``summarize`` counts
them per language and kind so that the console says it in one line.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from babel.messages.catalog import Message

from ..errors import Problem

KINDS = ("untranslated", "fuzzy", "missing", "obsolete")
"""``missing``: the leaflets have the text, the catalog does not (``extract`` and ``update`` not run)."""


@dataclass(frozen=True)
class CatalogGap(Problem):
    """A warning about one entry of a catalog that patients would not see translated (or that is left over)."""

    locale: str = ""
    kind: str = "untranslated"
    """One of ``KINDS``."""
    leaflets: tuple[str, ...] = ()
    """The leaflets that show it (their ids; ``templates`` for a template string, which every leaflet shows)."""


def used_by(message: Message, leaflets_dir: str = "leaflets") -> tuple[str, ...]:
    """Return the leaflet ids whose files a message comes from; ``templates`` for the templates' strings."""
    names = set()
    for path, _ in message.locations:
        parts = Path(path).parts
        names.add(Path(path).stem if len(parts) == 2 and parts[0] == leaflets_dir else "templates")
    return tuple(sorted(names))


@dataclass
class LocaleCoverage:
    """How many messages of one language are untranslated, fuzzy, missing or obsolete, and in how many leaflets."""

    locale: str
    counts: Counter = field(default_factory=Counter)
    leaflets: set[str] = field(default_factory=set)
    """The leaflets showing an untranslated, fuzzy or missing message (``templates`` stands for every one)."""


def summarize(gaps: list[CatalogGap]) -> list[LocaleCoverage]:
    """Count the gaps per language and kind, in the order the languages come."""
    by_locale: dict[str, LocaleCoverage] = {}
    for gap in gaps:
        coverage = by_locale.setdefault(gap.locale, LocaleCoverage(gap.locale))
        coverage.counts[gap.kind] += 1
        if gap.kind != "obsolete":
            coverage.leaflets.update(gap.leaflets)
    return list(by_locale.values())
