"""Right-to-left pages: what reads left to right inside them keeps its order.

In Arabic or Hebrew text, ``0 805 123 124`` would print with its groups reversed and an address or a dose could
read backwards. Numbers, phone numbers, web and e-mail addresses are found as the translation checks find them
(``i18n.checks.checkers.left_to_right_spans``, with ``content.addresses``); a numeric expression — a fraction, a
time, a date, a range, a dose with its unit symbol, a signed number — is then widened to one run and wrapped in
``<bdi dir="ltr">``, whole. WeasyPrint lays out each inline box in its own direction, one after the other from
the right in a right-to-left line: isolating ``1``, ``/`` and ``2`` apart printed ``2/1``, ``14:30`` as ``30:14``.
One run reads as the Unicode bidirectional algorithm reads ``1/2`` or ``14:30`` in plain text (rule W4: a
separator between two numbers joins them), and as a reader of a French prescription expects.
"""

from __future__ import annotations

import re

from markupsafe import Markup

from ..i18n.checks.checkers import left_to_right_spans

_TAG_OR_ENTITY = re.compile(r"(<[^>]*>|&#?\w+;)")
_SPACE = "[ \u00a0\u202f\u2009]?"
JOINER = re.compile(rf"{_SPACE}[/:\-\u2010\u2011\u2013\u2014\u2212×]{_SPACE}")
"""What joins two numbers into one expression: ``1/2``, ``14:30``, ``2-6``, ``2 – 6``, ``14/03/2026``, ``3 × 2``."""
UNIT = re.compile(rf"{_SPACE}(?:%|‰|°\s?[CF]?|[µμ]?[A-Za-z]{{1,5}}(?:/[A-Za-z]{{1,5}})?[²³]?)(?![\w])")
"""A unit symbol written in Latin letters after a number: ``5 mg``, ``2 mg/kg``, ``38,5 °C``, ``50 %``."""
SIGN = re.compile(r"[+\-\u2212±<>≤≥~]$")
"""A sign written against a number: ``-2``, ``≥ 38`` (without the space), ``±1``."""


def isolate_left_to_right(html: Markup, locale: str) -> Markup:
    """Return ``html`` with each left-to-right run of its text (never of its tags) in ``<bdi dir="ltr">``."""
    parts = _TAG_OR_ENTITY.split(str(html))
    return Markup("".join(part if index % 2 else _wrapped(part, locale) for index, part in enumerate(parts)))


def left_to_right_runs(text: str, locale: str) -> list[tuple[int, int]]:
    """Return where ``text`` reads left to right: each address, phone number and numeric expression, whole."""
    runs: list[tuple[int, int]] = []
    for start, end in left_to_right_spans(text, locale):
        sign = SIGN.search(text, 0, start)
        start = sign.start() if sign and (sign.start() == 0 or not text[sign.start() - 1].isalnum()) else start
        if runs and JOINER.fullmatch(text, runs[-1][1], start):
            start = runs.pop()[0]
        runs.append((start, end))
    return [(start, _with_unit(text, end)) for start, end in runs]


def _with_unit(text: str, end: int) -> int:
    unit = UNIT.match(text, end)
    return unit.end() if unit and text[end - 1].isdigit() else end


def _wrapped(text: str, locale: str) -> str:
    out, last = [], 0
    for start, end in left_to_right_runs(text, locale):
        out += [text[last:start], '<bdi dir="ltr">', text[start:end], "</bdi>"]
        last = end
    return "".join(out) + text[last:]


_BLOCK = re.compile(r"<(p|li|dd|dt|td|th|h[1-6]|caption|figcaption)((?: [^>]*)?)>")
_FALLBACK = re.compile(r'<span lang="([^"]+)" dir="(ltr|rtl)" class="untranslated">')
_LINK = re.compile(r"<a\b[^>]*>.*?</a>", re.DOTALL)
_TAG = re.compile(r"<[^>]*>")


def fallback_blocks(html: str) -> str:
    """Return ``html`` where a paragraph, list item, cell or heading left in the source language carries that
    language and direction itself (``<li lang="fr" dir="ltr">``): its bullet, its alignment and its punctuation
    then follow French, instead of French runs set one after the other from the right of a right-to-left line
    ("Le service d’information du cancer. Cancer info •" read ". Cancer info •" at its end)."""
    inserts: list[tuple[int, str]] = []
    for match in _BLOCK.finditer(html):
        end = _closing(html, match.group(1), match.end())
        fallback = _FALLBACK.search(html, match.end(), end) if end else None
        if fallback and "lang=" not in match.group(2) and _only_fallback(html[match.end():end], fallback.group(0)):
            inserts.append((match.end() - 1, f' lang="{fallback.group(1)}" dir="{fallback.group(2)}"'))
    out, last = [], 0
    for at, attributes in inserts:
        out += [html[last:at], attributes]
        last = at
    return "".join(out) + html[last:]


def _only_fallback(inner: str, opening: str) -> bool:
    """Whether ``inner`` has no words but those of fallback spans like ``opening`` (and of links' addresses)."""
    rest, depth, kept = _LINK.sub("", inner), 0, []
    for piece in re.split(r"(<[^>]*>)", rest):
        if piece.startswith("<"):
            if piece == opening or (depth and piece.startswith("<span")):
                depth += 1
            elif depth and piece == "</span>":
                depth -= 1
        elif not depth:
            kept.append(piece)
    return not re.search(r"[^\W\d_]", "".join(kept))


def _closing(html: str, name: str, start: int) -> int | None:
    """Return where the element ``name`` opened just before ``start`` ends (before its closing tag), or None."""
    depth = 1
    for tag in re.finditer(rf"<(/?){name}\b[^>]*>", html[start:]):
        depth += -1 if tag.group(1) else 1
        if depth == 0:
            return start + tag.start()
    return None
