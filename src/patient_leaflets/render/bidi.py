"""Right-to-left pages: what reads left to right inside them keeps its order.

In Arabic or Hebrew text, ``0 805 123 124`` would print with its groups reversed and an address or a dose could
read backwards. Numbers, phone numbers, web and e-mail addresses are found as the translation checks find them
(``i18n.checks.checkers.left_to_right_spans``, with ``content.addresses``) and wrapped in ``<bdi dir="ltr">``.
"""

from __future__ import annotations

import re

from markupsafe import Markup

from ..i18n.checks.checkers import left_to_right_spans

_TAG_OR_ENTITY = re.compile(r"(<[^>]*>|&#?\w+;)")


def isolate_left_to_right(html: Markup, locale: str) -> Markup:
    """Return ``html`` with each left-to-right run of its text (never of its tags) in ``<bdi dir="ltr">``."""
    parts = _TAG_OR_ENTITY.split(str(html))
    return Markup("".join(part if index % 2 else _wrapped(part, locale) for index, part in enumerate(parts)))


def _wrapped(text: str, locale: str) -> str:
    out, last = [], 0
    for start, end in left_to_right_spans(text, locale):
        out += [text[last:start], '<bdi dir="ltr">', text[start:end], "</bdi>"]
        last = end
    return "".join(out) + text[last:]
