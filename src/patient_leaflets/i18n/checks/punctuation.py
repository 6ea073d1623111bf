"""The punctuation of each language, as its readers expect it (warnings: a patient is never misled by it).

Spanish opens a question with ¿ and an exclamation with ¡; Chinese writes full-width punctuation (，。？！：；（）)
in running text; Arabic, Persian and Urdu have their own comma, semicolon and question mark (، ؛ ؟), which face
the direction the text is read in. French spacing is checked in ``checkers.typography_problems``.
"""

from __future__ import annotations

import re

from ...config.language import known_locale
from ...content.addresses import EMAIL, WEB

_HAN = "\u3400-\u4dbf\u4e00-\u9fff"
_HALF_WIDTH = re.compile(rf"(?<=[{_HAN}])[,.?!:;()]|[,?!:;(](?=[{_HAN}])")
_FULL_WIDTH = {",": "，", ".": "。", "?": "？", "!": "！", ":": "：", ";": "；", "(": "（", ")": "）"}
_ARABIC_LETTER = "\u0620-\u064a\u066e-\u06d3\u06fa-\u06ff"
_LATIN_IN_ARABIC = re.compile(rf"(?<=[{_ARABIC_LETTER}])\s?([,;?])")
_ARABIC = {",": "،", ";": "؛", "?": "؟"}
_SENTENCE = re.compile(r"[^.?!…]*[.?!…]+|[^.?!…]+$")
_OPENING = {"?": "¿", "!": "¡"}


def punctuation_warnings(text: str, locale: str | None) -> list[str]:
    """Return where ``text`` punctuates as another language does, for ``locale``'s own marks."""
    language = known_locale(locale).language if known_locale(locale) else None
    text = EMAIL.sub(" ", WEB.sub(" ", re.sub(r"\]\([^)]*\)", "] ", text)))
    if language == "es":
        return _spanish(text)
    if language == "zh":
        return [f"half-width {m.group()!r} in {_around(text, m.start())!r}: Chinese text takes full-width "
                f"punctuation ({_FULL_WIDTH[m.group()]})" for m in _HALF_WIDTH.finditer(text)]
    if language in ("ar", "fa", "ur", "ps", "ckb", "sd", "ug"):
        return [f"Latin {m.group(1)!r} in {_around(text, m.start(1))!r}: write the Arabic {_ARABIC[m.group(1)]!r}"
                for m in _LATIN_IN_ARABIC.finditer(text)]
    return []


def _spanish(text: str) -> list[str]:
    problems = []
    for sentence in (m.group().strip() for m in _SENTENCE.finditer(text)):
        for closing, opening in _OPENING.items():
            if closing in sentence and opening not in sentence:
                problems.append(f"{sentence!r} has no opening {opening!r}: Spanish opens a question with ¿ and an "
                                "exclamation with ¡ (¿Cuándo debo llamar?)")
    return problems


def _around(text: str, index: int, width: int = 8) -> str:
    return text[max(0, index - width):index + width + 1].strip()
