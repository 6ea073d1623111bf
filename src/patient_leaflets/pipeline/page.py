"""A leaflet as a patient would get it in one language: loaded, translated, rendered to HTML, with its state.

The build renders every PDF from this; ``leaflets check --strict`` and ``leaflets status`` use it too, so a
draft is a draft for the same reasons everywhere.
"""

from __future__ import annotations

import functools
from dataclasses import asdict, dataclass, field
from pathlib import Path

from babel.messages.catalog import Catalog

from ..approval.layout import layout_verdict
from ..approval.source import source_verdict
from ..approval.state import PageState, template_view
from ..approval.translation import translation_verdict
from ..config import Config
from ..config.formats import STANDARD
from ..content.leaflet import Leaflet, get_at, load_leaflet, load_shared
from ..content.markup import plain_text
from ..content.validate import format_key
from ..i18n.catalogs import load_catalog
from ..i18n.checks.checkers import rules_for
from ..i18n.gaps import Gap
from ..i18n.translate import TranslationReport, translate_leaflet
from ..render.html import RenderedHTML, render_html
from ..render.localize import localized_day
from ..render.proof import render_proof, review_parts


@dataclass(frozen=True)
class LeafletPage:
    """A leaflet rendered to HTML in one language, with the source it came from, its gaps and its state."""

    leaflet: Leaflet
    """The leaflet as written, in the source language."""
    rendered: RenderedHTML
    report: TranslationReport
    state: PageState
    shown: dict[str, str] = field(default_factory=dict)
    """Each text as a reader sees it (spaces removed) → where it comes from, ``leaflets/x.yaml:12 (field)``."""


def locale_catalog(config: Config, locale: str) -> Catalog | None:
    """Return the catalog of a target language (None for the source language); raise if it is missing."""
    return None if locale == config.source_locale else load_catalog(config, locale)


def page_state(config: Config, leaflet: Leaflet, shared: Leaflet | None, locale: str, catalog) -> PageState:
    """Return whether the leaflet's text, and its translation into ``locale``, are approved as they are now."""
    translation = None
    if locale != config.source_locale:
        translation = translation_verdict(config, leaflet, shared, locale, catalog)
    return PageState(leaflet.id, locale, source_verdict(config, leaflet, shared), translation,
                     layout=layout_verdict(config))


def leaflet_page(config: Config, source: Path, locale: str, catalog=None, fmt: str = STANDARD,
                 draft: bool = False) -> LeafletPage:
    """Load, translate and render one leaflet (then the shared sections) to HTML in ``locale`` and format ``fmt``.

    ``catalog`` defaults to the language's catalog in the project; a worker passes a ``RecordingCatalog``.
    ``draft`` marks it as a draft whatever its approval and translation (text that ran off the page).
    """
    catalog = catalog if catalog is not None else locale_catalog(config, locale)
    leaflet = load_leaflet(source, config.display(source))
    rules = rules_for(config, locale)
    translated, report = translate_leaflet(leaflet, catalog, rules)
    shared = load_shared(config)
    shared_translated = None
    if shared is not None:
        shared_translated, shared_report = translate_leaflet(shared, catalog, rules)
        report.gaps.extend(shared_report.gaps)
    state = page_state(config, leaflet, shared, locale, catalog)
    # A date also written as the source language writes it, for a sentence left untranslated around it.
    view = template_view(state, functools.partial(localized_day, language=config.language(locale),
                                                  source=config.source_language))
    rendered = render_html(config, translated, locale=locale, catalog=catalog, report=report, shared=shared_translated,
                           approval=view, fmt=fmt, draft=draft)
    report.gaps[:] = locate_gaps(config, locale, catalog, report.gaps)
    state.gaps = report.gaps
    return LeafletPage(leaflet, rendered, report, state, shown_texts(leaflet, translated))


def shown_texts(leaflet: Leaflet, translated: Leaflet) -> dict[str, str]:
    """Return each text of ``translated`` as a reader sees it (spaces removed) → its file, line and field."""
    return {"".join(plain_text(str(get_at(translated.data, key))).split()): f"{leaflet.source}:{line} "
            f"({format_key(key)})" for key, _, line in leaflet.iter_texts()}


@dataclass(frozen=True)
class LocatedGap(Gap):
    """A gap with the catalog entry to fix: its file and line, when the catalog has the message."""

    po_file: str = ""
    po_line: int | None = None


def locate_gaps(config: Config, locale: str, catalog, gaps: list[Gap]) -> list[LocatedGap]:
    """Return the gaps, each naming the catalog line to fix (or saying the catalog lacks the message)."""
    display = config.display(config.po_path(locale))
    located = []
    for gap in gaps:
        message = catalog.get(gap.msgid) if catalog is not None else None
        values = asdict(gap)
        if message is not None and message.lineno:
            values.update(po=f"{display}:{message.lineno}", po_file=display, po_line=message.lineno)
        else:
            # The file still named first, as every problem is (file:line: field: message): the line is unknown.
            values.update(po=f"not in {display}: run 'leaflets extract' and 'leaflets update'", po_file=display)
        located.append(LocatedGap(**values))
    return located


PROOF_REASON = "a review proof, for the reviewer of the translation: never for patients"


@dataclass(frozen=True)
class ProofPage:
    """A leaflet's bilingual review proof as HTML, with the leaflet it was made from."""

    leaflet: Leaflet
    rendered: RenderedHTML


def proof_page(config: Config, source: Path, locale: str, catalog=None) -> ProofPage:
    """Load a leaflet and render its bilingual review proof in ``locale``: each source text beside its translation.

    The proof is always marked as a draft (it is never for patients) and has no gaps: it shows them all.
    """
    catalog = catalog if catalog is not None else locale_catalog(config, locale)
    leaflet = load_leaflet(source, config.display(source))
    parts = review_parts(config, leaflet, catalog, rules_for(config, locale))
    state = page_state(config, leaflet, load_shared(config), locale, catalog)
    return ProofPage(leaflet, render_proof(leaflet, parts, locale, config, state.reasons()))
