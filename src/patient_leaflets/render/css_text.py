"""Text written into CSS: strings, ``content`` values with page counters, page margin boxes.

The running heads and footers are CSS (``@page`` margin boxes), and their words come from catalogs: untrusted
text. Every value goes through here, escaped so that a translation can neither end the string nor the style
element, nor add a rule. Template filters (``css_string``, ``css_content``, ``margin_box``) in ``render.html``.
"""

from __future__ import annotations

import re

from markupsafe import Markup

# The page counters a template may put in a running head: it passes these named placeholders to _() and
# css_content turns them into counter(page) and counter(pages). Plain text, so nothing special crosses over.
COUNTERS = {"page": "%(page)s", "pages": "%(pages)s"}
_COUNTER = re.compile(r"%\((" + "|".join(COUNTERS) + r")\)s")


def css_string(value) -> Markup:
    """Return ``value`` as a CSS string literal.

    Text from catalogs is untrusted: every character that could end the string or the style element is
    escaped, so a translation cannot add CSS rules.
    """
    out = ['"']
    for char in _text(value):
        if char.isalnum() or char in " .,:;!?()'’-–·/%" or ord(char) > 0x7F and char.isprintable():
            out.append(char)
        else:
            out.append(f"\\{ord(char):06x}")
    out.append('"')
    return Markup("".join(out))


def css_content(value) -> Markup:
    """Return ``value`` as a CSS ``content`` value: CSS strings, with the ``COUNTERS`` placeholders as counters."""
    parts = []
    for index, piece in enumerate(_COUNTER.split(_text(value))):  # text, counter name, text…
        if index % 2:
            parts.append(f"counter({piece})")
        elif piece:
            parts.append(css_string(piece))
    return Markup(" ".join(parts) or '""')


def margin_box(value, side: str = "") -> Markup:
    """Return the declarations of a page margin box showing ``value`` (a template string, counters allowed).

    A string left in the source language is marked as body text is, and laid out in its own direction, aligned
    to the page's ``side``: a French footer on an Arabic page reads as French, not scrambled around the date.
    """
    declarations = f"content: {css_content(value)};"
    if isinstance(value, Markup) and 'class="untranslated"' in value:
        declarations += f" background-color: var(--untranslated); direction: ltr; text-align: {side or 'start'};"
    return Markup(declarations)


def _text(value) -> str:
    return Markup(value).striptags() if isinstance(value, Markup) else str(value)
