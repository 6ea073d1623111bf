"""What a format changes in a hand-out's template: which edition it is, what it offers, the way back online.

The standard and large-print editions share one template; this module gives it the few values that differ:
whether the standard edition may say that a large-print edition exists (only when the build makes one), and
the QR code to the PDF's online copy (only when the ``online-url`` setting says where that is).
"""

from __future__ import annotations

from dataclasses import dataclass

from markupsafe import Markup, escape

from ..config import Config
from ..config.formats import FORMATS, LARGE_PRINT, STANDARD, online_url
from ..content.placeholders import display_url

QR_ERROR_CORRECTION = "m"
"""segno's error correction level (raised by segno when the symbol has room): a folded or worn page still scans."""


@dataclass(frozen=True)
class OnlineCopy:
    """Where the PDF in hand is published, as printed under its QR code."""

    url: str
    short: str
    """The address as a reader types it: without ``https://``."""
    qr_svg: Markup
    """The QR code as inline SVG (vector, scaled by the stylesheet), one path of dark modules."""


def format_context(config: Config, locale: str, leaflet_id: str, fmt: str) -> dict:
    """Return the template values of a hand-out format: ``edition``, ``large_print_offered``, ``online``."""
    url = online_url(config.online_url, locale, leaflet_id, FORMATS[fmt])
    return {
        "edition": fmt,
        "large_print_offered": fmt == STANDARD and LARGE_PRINT in config.formats,
        "online": online_copy(url) if url else None,
    }


def online_copy(url: str) -> OnlineCopy:
    """Return the online copy at ``url`` with its QR code (segno; a vector drawing, no image)."""
    import segno  # only where a PDF is rendered with an online-url setting

    code = segno.make(url, error=QR_ERROR_CORRECTION, micro=False)
    # omitsize: a viewBox instead of a size in pixels, so that the stylesheet sets the printed size.
    svg = code.svg_inline(border=4, omitsize=True, svgclass="qr-code", lineclass=None, dark="#000", light="#fff")
    return OnlineCopy(url, display_url(url), Markup(svg))


def svg_with_title(svg: Markup, title: str) -> Markup:
    """Return an inline SVG with ``title`` as its first child: its text alternative (the PDF Figure's ``/Alt``)."""
    start = svg.index(">") + 1
    return Markup(svg[:start]) + Markup("<title>") + escape(title) + Markup("</title>") + Markup(svg[start:])
