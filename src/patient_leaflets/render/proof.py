"""The bilingual review proof's HTML: each source text beside its translation, for the reviewer who signs off.

Made from ``i18n.review`` pairs with ``templates/proof.html.j2`` and ``styles/proof.css``. Never a hand-out:
every page says so, the page is landscape, and the PDF's title starts with "Review proof".
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from markupsafe import Markup, escape

from .._version import __version__
from ..config import Config, Language
from ..content.leaflet import Leaflet, load_shared
from ..i18n.checks.checkers import Rules
from ..i18n.review import Pair, review_pair, review_pairs, template_messages
from ..i18n.translate import TemplateTranslations, TranslationReport
from .html import RenderedHTML, render_page, text_filters
from .localize import localized_placeholders

TEMPLATE = "proof.html.j2"


@dataclass(frozen=True)
class Part:
    """A part of the leaflet in the proof: a heading (in the source language) and its messages."""

    heading: str
    pairs: list[Pair]
    source_heading: bool = True
    """Whether the heading is a text of the leaflet (else the proof's own words, in English)."""
    templates: bool = False
    """The texts of the page layout (shown as written: they are not leaflet markup)."""


def review_parts(config: Config, leaflet: Leaflet, catalog, rules: Rules) -> list[Part]:
    """Return the parts of a leaflet's proof: its own texts by section, the shared sections, the page layout."""
    pairs = review_pairs(leaflet, catalog, rules)
    parts = [Part("Title, summary, key points and the call-us box", [p for p in pairs if p.part < 0], False)]
    for index, section in enumerate(leaflet.data["sections"]):
        parts.append(Part(section["heading"], [p for p in pairs if p.part == index]))
    parts.append(Part("Questions, words used, contacts and resources", [p for p in pairs if p.part >= 1_000], False))
    shared = load_shared(config)
    if shared is not None:
        shared_pairs = review_pairs(shared, catalog, rules)
        parts += [Part(section["heading"], [p for p in shared_pairs if p.part == index])
                  for index, section in enumerate(shared.data["sections"])]
    layout = [review_pair(catalog, msgid, rules, where, template=True)
              for msgid, where in template_messages(catalog, config)]
    parts.append(Part("Page layout: the texts of the templates, in every leaflet", layout, False, True))
    return [part for part in parts if part.pairs]


def render_proof(leaflet: Leaflet, parts: list[Part], locale: str, config: Config,
                 approval: list[str] = ()) -> RenderedHTML:
    """Return the HTML of the review proof of ``leaflet`` in ``locale``: ``parts`` in order, side by side;
    ``approval`` says why the hand-out is not final (nothing when it is)."""
    language, written_in = config.language(locale), config.source_language
    source, target = _cell_filter(config, written_in), _cell_filter(config, language)
    states = Counter(pair.state for part in parts for pair in part.pairs)
    context = {
        "doc": leaflet.data, "meta": leaflet.data["metadata"], "leaflet_id": leaflet.id, "parts": parts,
        "institution": config.institution, "version": __version__, "states": states,
        "lang": language.tag, "language_name": language.english_name, "source_lang": written_in.tag,
        "dir": language.direction,
        "source_dir": written_in.direction,
        "review_due": leaflet.data["metadata"]["review_due"].isoformat(),
        "catalog": config.display(config.po_path(locale)), "source_cell": source, "target_cell": target,
        "approval": list(approval), "locale": locale,
    }
    # The proof's own words are not in the catalogs: its translations are none (every string as written).
    nothing = TemplateTranslations(None, written_in.tag, TranslationReport(), TEMPLATE)
    html = render_page(config, TEMPLATE, context, nothing)
    # Marked as a draft: whatever reads the build report (the library page) never offers it to patients.
    return RenderedHTML(html, True, False)


_PLACEHOLDER = re.compile(r"%\(\w+\)[sd]|\{\w+\}")


def _cell_filter(config: Config, language: Language):
    """Return the filter that shows a text of a proof as the hand-out in ``language`` would.

    With ``as_written`` (a translation the hand-out cannot use, a template's text), the text is shown exactly as
    it is written in the catalog, escaped.
    """
    values = localized_placeholders(config.institution, language, config.source_language)
    rich, _ = text_filters(values, values, language, config.source_language)

    def cell(text: str, as_written: bool = False) -> Markup:
        if as_written:  # a placeholder (%(samu)s) is never split over two lines
            return Markup(_PLACEHOLDER.sub(r'<span class="placeholder">\g<0></span>', str(escape(text))))
        try:
            return rich(text)
        except (KeyError, ValueError):  # a placeholder the settings do not know: show it as written
            return escape(text)

    return cell
