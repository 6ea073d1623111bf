"""The library page in one language: the project's template ``templates/site/library.html.j2``, its furniture
translated through the project's catalogs with the same rules as the leaflets' own template strings."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from babel import Locale
from babel.units import format_unit

from ..config import Config
from ..config.formats import STANDARD
from ..errors import LeafletError
from ..i18n.catalogs import load_catalog
from ..i18n.checks.checkers import rules_for
from ..i18n.gaps import Gap
from ..i18n.translate import TemplateTranslations, TranslationReport
from ..render.html import render_page
from ..render.localize import format_day
from .catalogue import Treatment, fold, language_name

TEMPLATE = "site/library.html.j2"


@dataclass(frozen=True)
class PageLink:
    """The library page in one language, as the language switch lists it."""

    locale: str
    lang: str
    name: str
    href: str


def page_file(config: Config, locale: str) -> str:
    """Return the file name of the page in ``locale``: ``index.html`` in the source language, else
    ``index.<locale>.html``."""
    return "index.html" if locale == config.source_locale else f"index.{locale}.html"


def page_links(config: Config, locales: list[str]) -> list[PageLink]:
    """Return the pages written, in the order of the project's languages."""
    languages = [config.language(locale) for locale in config.all_locales if locale in locales]
    return [PageLink(language.locale, language.tag, language_name(language), page_file(config, language.locale))
            for language in languages]


def render_library(config: Config, treatments: list[Treatment], locale: str, pages: list[PageLink],
                   today: dt.date) -> tuple[str, list[Gap]]:
    """Return the page in ``locale`` and the furniture strings it shows in the source language."""
    report = TranslationReport()
    catalog = None
    if locale != config.source_locale:
        try:
            catalog = load_catalog(config, locale)
        except LeafletError:
            catalog = None  # every string in the source language, each one named below
    where = f"{config.templates_dir}/{TEMPLATE}"
    translations = TemplateTranslations(catalog, config.source_language.tag, report, where, rules_for(config, locale))
    html = render_page(config, TEMPLATE, _context(config, treatments, locale, pages, today), translations)
    return html, report.gaps


def _context(config: Config, treatments: list[Treatment], locale: str, pages: list[PageLink],
             today: dt.date) -> dict:
    language = config.language(locale)
    cards = [card for treatment in treatments for card in treatment.cards]
    formats = sorted({pdf.format for card in cards for pdf in card.pdfs}, key=lambda f: (f != STANDARD, f))
    languages = [page for page in page_links(config, list(config.all_locales))
                 if any(card.locale == page.locale for card in cards)]
    return {
        "lang": language.tag,
        "locale": locale,
        "dir": language.direction,
        "institution": config.institution,
        "treatments": sorted(treatments, key=lambda t: _sort_key(t.title(locale).text)),
        "languages": languages,
        "formats": formats,
        "pages": pages,
        "today": today,
        "today_iso": today.isoformat(),
        "day": lambda day: format_day(day, language.babel),
        "iso_day": lambda text: format_day(dt.date.fromisoformat(text), language.babel) if text else "",
        "names": lambda by: ", ".join(name for names in by.values() for name in names),
        "vocabulary": {word: written for treatment in treatments for word, written in treatment.vocabulary.items()},
        "size": lambda size: _size(size, language.babel),
        "count": len(cards),
    }


_ARTICLE = re.compile(r"^(?:l'|le |la |les |the |an? |el |los |las |il |lo |der |die |das )")


def _sort_key(title: str) -> str:
    """Return a title as the list is sorted: by its first word that is not an article ("La chimiothérapie": c)."""
    return _ARTICLE.sub("", fold(title))


def _size(size: int, locale: Locale) -> str:
    """Return a file size as readers write it: ``412 ko``, ``1.2 MB``."""
    if size >= 1_000_000:
        return format_unit(round(size / 1_000_000, 1), "digital-megabyte", "short", locale=locale)
    return format_unit(max(1, round(size / 1000)), "digital-kilobyte", "short", locale=locale)
