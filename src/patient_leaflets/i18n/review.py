"""What a reviewer of a translation checks: each source text beside its translation, where both are written,
and whether the hand-out can use the translation (the bilingual review proof is made from this).
"""

from __future__ import annotations

from dataclasses import dataclass

from babel.messages.catalog import Catalog

from ..content.leaflet import Leaflet
from ..content.validate import format_key
from .checks.checkers import Rules
from .origin import TEMPLATES, message_origin
from .podiff import word_diff
from .translate import entry_state


@dataclass(frozen=True)
class Pair:
    """One message: the source text, its translation, and where each is written."""

    msgid: str
    msgstr: str
    """The translation in the catalog, even a fuzzy or refused one (empty when there is none)."""
    state: str
    """``translated`` (the hand-out shows it), else ``fuzzy``, ``untranslated``, ``refused`` or ``plural`` (the
    hand-out shows the source): ``translate.TranslationState.kind``."""
    reason: str
    """Why the hand-out does not use the translation, as its gap says it; empty when it does."""
    source: str
    """Where the source text is: ``leaflets/x.yaml:12`` or a template."""
    field: str
    """The field of the leaflet (``sections[0].blocks[2].paragraph``), or empty for a template."""
    po_line: int | None
    """The line of the ``msgid`` in the language's ``.po`` file (None when the catalog lacks the message)."""
    part: int
    """The part of the leaflet it belongs to: -1 before the sections, then each section's index."""
    previous: str = ""
    """For a fuzzy entry, the source text its translation was made for (``#| msgid``), when the catalog keeps it."""
    changes: str = ""
    """The words that changed from ``previous`` to the source text (``45 → 40``)."""


def review_pairs(leaflet: Leaflet, catalog: Catalog, rules: Rules) -> list[Pair]:
    """Return every translatable text of ``leaflet`` with its translation, in file order."""
    pairs = []
    for key, text, line in leaflet.iter_texts():
        part = key[1] if key[0] == "sections" and len(key) > 1 else -1 if _before_sections(key) else 1_000
        pairs.append(review_pair(catalog, text, rules, f"{leaflet.source}:{line}", format_key(key), part))
    return pairs


def review_pair(catalog: Catalog, msgid: str, rules: Rules, source: str, field: str = "", part: int = 0,
                template: bool = False) -> Pair:
    """Return one message with its translation and state, as the hand-out would use it."""
    message = catalog.get(msgid)
    state = entry_state(message, rules, template)
    previous = message.previous_id[0] if state.kind == "fuzzy" and message.previous_id else ""
    return Pair(msgid, state.msgstr, state.kind, state.reason, source, field, message.lineno if message else None,
                part, previous, word_diff(previous, msgid) if previous else "")


def template_messages(catalog: Catalog, config) -> list[tuple[str, str]]:
    """Return the msgids the leaflet's templates use (every leaflet shows them) with where, in catalog order.

    Those whose every reference is a template of the leaflets (``origin.message_origin``): the library page's
    (``templates/site/``) are not.
    """
    return [(m.id, f"{m.locations[0][0]}:{m.locations[0][1]}") for m in catalog if m.id and isinstance(m.id, str)
            and m.locations and all(message_origin(config, path) == TEMPLATES for path, _ in m.locations)]


def _before_sections(key) -> bool:
    return key[0] in ("title", "subtitle", "summary", "key_points", "urgent")  # the call-us box is on page 1
