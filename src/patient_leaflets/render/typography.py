"""Line breaks on paper: what must never be split across two lines, and headings that never end on one word.

WeasyPrint has no ``text-wrap: balance``; keeping a heading's last two words together does what matters here
(no word alone on a heading's last line): they go in ``<span class="unbroken">``, which the stylesheet keeps on
one line, as are "24 h/24" and "7 j/7". Web and e-mail addresses in text are printed as the templates print
theirs (``printed_url``); a number and its unit are bound by a no-break space.
"""

from __future__ import annotations

import re

from markupsafe import Markup

from ..content.addresses import DOMAIN, EMAIL, WEB, either, is_domain
from ..content.placeholders import printed_url

NBSP = "\u00a0"
BOUND_WORDS_MAX = 20
_TAG = re.compile(r"(<[^>]*>)")
_ROUND_THE_CLOCK = re.compile(r"\d+[ \u00a0\u202f]*[a-zA-Z]{1,3}[ \u00a0\u202f]*/[ \u00a0\u202f]*\d+")
"""24 h/24, 7 j/7, 7 d/7: a number, a unit and "per" that read as one word."""
_NUMBER_UNIT = re.compile(r"(\d) (?=(?:°C|°F|%|mg|µg|kg|g|mL|ml|cm|mm)(?![\w]))")
"""A number and its unit: 36 °C, 5 mg."""
_ADDRESS = either(WEB, EMAIL, DOMAIN)
"""A web or e-mail address as printed: ``https://…``, ``www.…``, ``equipe@e-cancer.fr`` or ``e-cancer.fr/…``."""


def keep_together(html: Markup) -> Markup:
    """Return ``html`` with "24 h/24" and "7 j/7" kept on one line, and each number bound to its unit (36 °C).

    A no-break space is not enough for the first: a line may still break after the slash.
    """
    def change(text: str) -> str:
        text = _NUMBER_UNIT.sub(f"\\1{NBSP}", text)
        return _ROUND_THE_CLOCK.sub(lambda m: f'<span class="unbroken">{m.group(0)}</span>', text)

    pieces = _TAG.split(str(html))
    return Markup("".join(piece if index % 2 else change(piece) for index, piece in enumerate(pieces)))


def printed_addresses(html: Markup) -> Markup:
    """Return ``html`` with each web and e-mail address in its text printed as ``printed_url`` prints it: whole, or
    broken only after a ``/``, never at the hyphen of ``e-cancer.fr`` (addresses it printed already are left
    alone). The addresses are those the translation checks compare (``content.addresses``)."""
    pieces = _TAG.split(str(html))
    for index in range(0, len(pieces), 2):
        if not (index and 'class="url-part"' in pieces[index - 1]):
            pieces[index] = _ADDRESS.sub(_printed, pieces[index])
    return Markup("".join(pieces))


def _printed(match: re.Match) -> str:
    address = match.group(0)
    if DOMAIN.fullmatch(address) and not is_domain(address):  # an abbreviation (p.ex), not an address
        return address
    return str(printed_url(Markup(address).unescape()))


def last_words_together(html: Markup) -> Markup:
    """Return ``html`` with its last two words kept on one line: a heading never ends on one word.

    They go in a ``white-space: nowrap`` span *with the space before them*, so that neither that space, nor the
    one between them, nor a hyphen (sert-elle) can break: the last line holds at least three words. A span that
    starts after the space is not enough: when it does not fit at the end of a line, WeasyPrint 70 breaks the
    line at the heading's *first* space ("Quand" / "devez-vous nous appeler tout" / "de suite ?"). The text stays
    as written (bookmarks, search). Two words longer than ``BOUND_WORDS_MAX`` letters together are left free:
    "radiologie interventionnelle" is wider than a large-print title's column. In different elements, the last
    two words are bound by a no-break space.
    """
    pieces = _TAG.split(str(html).rstrip())
    for index in range(len(pieces) - 1, -1, -2):  # the text between the tags, from the end
        head, space, last = pieces[index].rpartition(" ")
        if not space:
            continue
        before, space, word = head.rpartition(" ")
        if len(word) + len(last) > BOUND_WORDS_MAX:
            break
        if before:
            pieces[index] = f'{before}<span class="unbroken"> {word} {last}</span>'
        elif word:
            pieces[index] = f'<span class="unbroken">{word} {last}</span>'
        else:
            pieces[index] = f"{head}{NBSP}{last}"
        break
    return Markup("".join(pieces))
