"""What the library page shows, gathered once for every page language: each treatment, and for each of its
languages a card with the title in that language, the review date and the PDFs in each format.

Titles and headings come from the leaflets translated with the same rules as the PDFs (a fuzzy or refused
translation is never shown: the source text is, marked with its language). A leaflet that cannot be read is
listed under its id, with its PDFs: the library never hides a PDF the build made.
"""

from __future__ import annotations

import datetime as dt
import logging
import re
import unicodedata
from dataclasses import dataclass, field

from ..config import Config, Language
from ..content.leaflet import Leaflet, load_leaflet
from ..content.markup import plain_text
from ..errors import ContentError, LeafletError
from ..i18n.catalogs import load_catalog
from ..i18n.checks.checkers import rules_for
from ..i18n.translate import lookup
from .pdfs import DRAFT, FAILED, FINAL, Pdf

log = logging.getLogger(__name__)


@dataclass
class Text:
    """A text and the language it is in (the source language when its translation cannot be shown)."""

    text: str
    lang: str


@dataclass
class Card:
    """A leaflet in one language: what the clinician picks, with its PDFs in each format."""

    leaflet: str
    locale: str
    lang: str
    """The BCP 47 tag of the language (``en-GB``), for ``lang`` attributes."""
    language: str
    """The language's name in that language (``English``, ``Français``)."""
    title: Text
    review_due: dt.date | None
    pdfs: list[Pdf] = field(default_factory=list)
    thumbnail: str = ""

    @property
    def version(self) -> str:
        return next((pdf.version for pdf in self.pdfs if pdf.version), "")

    @property
    def state(self) -> str:
        """``final`` when every PDF is final, ``failed`` when one failed, else ``draft``."""
        states = {pdf.state for pdf in self.pdfs}
        return FAILED if FAILED in states else DRAFT if DRAFT in states else FINAL

    @property
    def uniform(self) -> bool:
        """Whether every PDF of the card is in the same state for the same reasons: one badge says it for all."""
        return len({(pdf.state, tuple(pdf.reasons)) for pdf in self.pdfs}) <= 1

    @property
    def approval(self):
        """Who approved the card's text (and translation) and when, for a final card; else None."""
        return next((pdf.approval for pdf in self.pdfs if pdf.approval is not None), None) \
            if self.state == FINAL else None

    def is_overdue(self, today: dt.date) -> bool:
        return self.review_due is not None and self.review_due < today


@dataclass
class Treatment:
    """One leaflet (a treatment): its title in each language, the words it is found by, its cards."""

    leaflet: str
    titles: dict[str, Text]
    search: str
    """Titles, subtitles and headings in every language, lowercase and without accents, for the search box."""
    cards: list[Card] = field(default_factory=list)
    review_due: dt.date | None = None
    vocabulary: dict[str, str] = field(default_factory=dict)
    """The words it is found by, folded, each with its written form: what "did you mean" suggests."""

    def title(self, locale: str) -> Text:
        return self.titles.get(locale) or next(iter(self.titles.values()))


def collect(config: Config, pdfs: list[Pdf], thumbnails: dict[str, str]) -> list[Treatment]:
    """Return the treatments that have PDFs, each with one card per language, in the leaflets' order."""
    catalogs = {locale: _catalog(config, locale) for locale in config.all_locales}
    treatments: dict[str, Treatment] = {}
    cards: dict[tuple[str, str], Card] = {}
    for pdf in pdfs:
        if pdf.leaflet not in treatments:
            treatments[pdf.leaflet] = _treatment(config, pdf.leaflet, catalogs)
        treatment = treatments[pdf.leaflet]
        card = cards.get((pdf.leaflet, pdf.locale))
        if card is None:
            card = cards[pdf.leaflet, pdf.locale] = _card(config, treatment, pdf.locale)
            treatment.cards.append(card)
        card.pdfs.append(pdf)
        card.thumbnail = card.thumbnail or thumbnails.get(pdf.sha256, "")
    return list(treatments.values())


def _catalog(config: Config, locale: str):
    if locale == config.source_locale:
        return None
    try:
        return load_catalog(config, locale)
    except LeafletError as exc:  # the build says what is wrong; the library shows the source text
        log.info("%s", exc)
        return None


def _treatment(config: Config, leaflet_id: str, catalogs: dict) -> Treatment:
    try:
        path = config.leaflet_file(leaflet_id, ContentError)
        leaflet = load_leaflet(path, config.display(path))
    except LeafletError as exc:  # the build says what is wrong with it
        log.info("%s", exc)
        texts = {locale: Text(leaflet_id, "") for locale in config.all_locales}
        return Treatment(leaflet_id, texts, fold(leaflet_id.replace("-", " ")))
    titles, words = {}, [leaflet_id.replace("-", " ")]
    for locale, catalog in catalogs.items():
        translated = [_translate(config, locale, catalog, text) for text in _key_texts(leaflet)]
        titles[locale] = translated[0]
        words += [text.text for text in translated]
    return Treatment(leaflet_id, titles, fold(" ".join(words)), review_due=leaflet.data["metadata"].get("review_due"),
                     vocabulary=vocabulary(words))


def _key_texts(leaflet: Leaflet) -> list[str]:
    """Return the title first, then the texts a leaflet is searched by: subtitle, search terms, section headings."""
    data = leaflet.data
    return [data["title"], *([data["subtitle"]] if data.get("subtitle") else []),
            *([data["search_terms"]] if data.get("search_terms") else []),
            *(section["heading"] for section in data["sections"])]


WORD = re.compile(r"[^\W_]+(?:-[^\W_]+)*")
"""A word as the search suggests it: letters and digits, with the hyphens inside it (``CAR-T``); an apostrophe
ends an elided article (``l'immunothérapie``)."""


def vocabulary(texts: list[str], shortest: int = 4) -> dict[str, str]:
    """Return the words of ``texts`` a misspelt search may have meant, folded as the search box compares them, each
    with the word as written (``chimiotherapie``: ``chimiothérapie``)."""
    words: dict[str, str] = {}
    for text in texts:
        for word in WORD.findall(text):
            if len(word) >= shortest:
                words.setdefault(fold(word), word.lower() if not word.isupper() else word)
    return words


def _translate(config: Config, locale: str, catalog, text: str) -> Text:
    source = Text(plain_text(text), config.source_language.tag)
    if catalog is None:
        return source
    translated, _reason = lookup(catalog, text, rules_for(config, locale))
    return Text(plain_text(translated), config.language(locale).tag) if translated else source


def _card(config: Config, treatment: Treatment, locale: str) -> Card:
    language = config.language(locale)
    return Card(treatment.leaflet, locale, language.tag, language_name(language), treatment.title(locale),
                treatment.review_due)


def language_name(language: Language) -> str:
    """Return a language's name in that language, capitalised as a menu shows it: ``Français``, ``English``."""
    return language.name[:1].upper() + language.name[1:]


ARABIC_LETTERS = str.maketrans({"\u0671": "\u0627", "\u0649": "\u064a", "\u0629": "\u0647", "\u0640": None})
"""Arabic letters searched as their common spelling: alef wasla as alef, alef maqsura as yeh, teh marbuta as heh
(how they are often typed), the tatweel (a stretch, not a letter) left out. Hamzas on alef (أ إ آ) are marks
once decomposed."""


def fold(text: str) -> str:
    """Return ``text`` as the search box compares it (``library.js`` folds the query the same way): lowercase,
    without accents and other non-spacing marks (Arabic short vowels, Hebrew points), any alef as alef,
    full-width forms as plain letters, apostrophes made plain."""
    decomposed = unicodedata.normalize("NFKD", text.replace("’", "'")).lower()
    bare = "".join(c for c in decomposed if unicodedata.category(c) != "Mn").translate(ARABIC_LETTERS)
    return " ".join(bare.split())
