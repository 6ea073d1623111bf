"""Readability scores of each leaflet in each language, against the thresholds of the content guide.

French: Flesch reading ease with the Kandel–Moles constants (textstat's French setting), at least 60.
English: Flesch–Kincaid grade at most 8 and SMOG index at most 9. Spanish: Szigriszt-Pazos perspicuity on the
INFLESZ scale (Barrio-Cantalejo et al., 2008, validated on Spanish health texts), at least 55 ("normal"; below
is "algo difícil"); Fernández-Huerta, the other published adaptation of Flesch, rates the same texts a few points
higher. Arabic, Chinese and the other languages have no formula in standard use (research formulas for Arabic
and Chinese exist, none validated for patient information): their mean sentence length is measured instead, in
words, or in characters for Chinese and Japanese, which put no spaces between words; it is reported, not judged.
Scores are a guide, not a substitute for plain words. textstat 0.7.8 counts syllables with Pyphen and works
offline (later versions download a pronouncing dictionary at run time).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..content.leaflet import Leaflet
from ..content.markup import plain_text

THRESHOLDS = {
    "fr": {"flesch": (">=", 60.0)},
    "en": {"fk_grade": ("<=", 8.0), "smog": ("<=", 9.0)},
    "es": {"szigriszt": (">=", 55.0)},
}
"""Per language: score name → (direction, limit)."""

NAMES = {"flesch": "Flesch (Kandel–Moles)", "fk_grade": "Flesch–Kincaid grade", "smog": "SMOG",
         "szigriszt": "Szigriszt-Pazos (INFLESZ)", "sentence_words": "words per sentence",
         "sentence_characters": "characters per sentence"}
UNSPACED = {"zh", "ja"}
"""Languages written without spaces between words: their sentences are measured in characters."""
_SENTENCE_END = re.compile(r"(?<=[.!?…。！？؟۔])\s*")


@dataclass
class Readability:
    """The scores of one leaflet in one language, and the thresholds it misses."""

    leaflet: str
    locale: str
    words: int
    """How long the text is: words, or characters in Chinese and Japanese."""
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
        if text and text[-1] not in ".!?…。！？؟۔":  # the full stops and question marks of every script
            text += "."
        pieces.append(text)
    return " ".join(pieces)


def score_leaflet(leaflet: Leaflet, locale: str, complete: bool = True) -> Readability:
    """Score one (translated) leaflet; an incomplete translation or a language without thresholds gets none."""
    import textstat

    language = locale.split("_")[0]
    text = plain_sentences(leaflet)
    # Chinese and Japanese put no spaces between words: their length is counted in characters, as their readers do.
    size = sum(char.isalnum() for char in text) if language in UNSPACED else len(text.split())
    result = Readability(leaflet.id, locale, size, complete=complete)
    if not complete:
        return result
    if language not in THRESHOLDS:
        result.scores = sentence_length(text, language)
        return result
    textstat.set_lang(language)
    scores = {
        "flesch": textstat.flesch_reading_ease(text),
        "fk_grade": textstat.flesch_kincaid_grade(text),
        "smog": textstat.smog_index(text),
        "szigriszt": textstat.szigriszt_pazos(text),
    }
    result.scores = {name: round(scores[name], 1) for name in THRESHOLDS[language]}
    for name, (direction, limit) in THRESHOLDS[language].items():
        value = result.scores[name]
        if (direction == ">=" and value < limit) or (direction == "<=" and value > limit):
            result.misses.append(f"{NAMES[name]} {value} (the content guide asks {direction} {limit:g})")
    return result


def sentence_length(text: str, language: str) -> dict[str, float]:
    """Return the mean length of ``text``'s sentences: in words, or in characters for a language written without
    spaces (punctuation and spaces not counted)."""
    sentences = [sentence for sentence in _SENTENCE_END.split(text) if sentence.strip()]
    if not sentences:
        return {}
    if language in UNSPACED:
        characters = sum(1 for char in text if char.isalnum())
        return {"sentence_characters": round(characters / len(sentences), 1)}
    return {"sentence_words": round(len(text.split()) / len(sentences), 1)}
