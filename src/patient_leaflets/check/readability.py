"""Readability scores of each leaflet in each language, against the thresholds of the content guide.

French: Flesch reading ease with the Kandel–Moles constants (textstat's French setting), at least 60.
English: Flesch–Kincaid grade at most 8 and SMOG index at most 9. Scores are a guide, not a substitute for
plain words. textstat 0.7.8 counts syllables with Pyphen and works offline (later versions download a
pronouncing dictionary at run time).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..content.leaflet import Leaflet
from ..content.markup import plain_text

THRESHOLDS = {
    "fr": {"flesch": (">=", 60.0)},
    "en": {"fk_grade": ("<=", 8.0), "smog": ("<=", 9.0)},
}
"""Per language: score name → (direction, limit)."""

NAMES = {"flesch": "Flesch (Kandel–Moles)", "fk_grade": "Flesch–Kincaid grade", "smog": "SMOG"}


@dataclass
class Readability:
    """The scores of one leaflet in one language, and the thresholds it misses."""

    leaflet: str
    locale: str
    words: int
    complete: bool = True
    """False when some texts are still in the source language: the scores would mean nothing."""
    scores: dict[str, float] = field(default_factory=dict)
    misses: list[str] = field(default_factory=list)


def plain_sentences(leaflet: Leaflet) -> str:
    """Return the leaflet's reader-facing text as plain sentences: markup and placeholders removed.

    Headings and list items become sentences of their own, as a reader takes them.
    """
    pieces = []
    for _, text, _ in leaflet.iter_printed_texts():
        text = plain_text(text).strip(" ;,:")
        if text and text[-1] not in ".!?…":
            text += "."
        pieces.append(text)
    return " ".join(pieces)


def score_leaflet(leaflet: Leaflet, locale: str, complete: bool = True) -> Readability:
    """Score one (translated) leaflet; an incomplete translation or a language without thresholds gets none."""
    import textstat

    language = locale.split("_")[0]
    text = plain_sentences(leaflet)
    result = Readability(leaflet.id, locale, len(text.split()), complete=complete)
    if language not in THRESHOLDS or not complete:
        return result
    textstat.set_lang(language)
    scores = {
        "flesch": textstat.flesch_reading_ease(text),
        "fk_grade": textstat.flesch_kincaid_grade(text),
        "smog": textstat.smog_index(text),
    }
    result.scores = {name: round(scores[name], 1) for name in THRESHOLDS[language]}
    for name, (direction, limit) in THRESHOLDS[language].items():
        value = result.scores[name]
        if (direction == ">=" and value < limit) or (direction == "<=" and value > limit):
            result.misses.append(f"{NAMES[name]} {value} (the content guide asks {direction} {limit:g})")
    return result
