"""Draw a ``figure`` block as inline SVG: 2 to 6 panels side by side, each a pictogram, a title, a text and what to
watch for (which medicine and how to take it; where a source goes and how long precautions last; which organ and
which signs to call about).

Drawn like the timeline (``render/timeline.py``): the leaflet's translated text as SVG text, wrapped with the bundled
fonts' measures, in the stylesheet's colours; the ``<title>`` is the figure's alternative text (/Alt) in the tagged
PDF. Positions are logical: a panel's start is its left edge in a left-to-right language and its right edge in a
right-to-left one (``Drawing.x`` mirrors them), and panels follow the reading order.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from markupsafe import Markup

from .timeline import LABEL_SIZE, LINE, WIDTH, Drawing, Look, Measure, _n, as_text

GAP = 2.5
"""Space between two panels, across and down."""
PAD = 1.8
"""Space inside a panel, around its text."""
ICON = 7.0
"""Side of a panel's pictogram."""
WATCH_MARK = 4.0
"""Room before the lines of what to watch for, where their warning sign stands."""
RADIUS = 1.8

# Pictograms on a 24-unit grid, stroked in one colour (``{c}``): simple shapes that read at 7 mm.
ICONS = {
    "pill": '<g transform="rotate(-45 12 12)"><rect x="3.5" y="8.5" width="17" height="7" rx="3.5" fill="none" '
            'stroke="{c}"/><path d="M12 8.5h5a3.5 3.5 0 0 1 0 7h-5z" fill="{c}"/></g>',
    "injection": '<g transform="rotate(-45 12 12)" fill="none" stroke="{c}"><rect x="7" y="9" width="9" height="6" '
                 'rx="1"/><path d="M2.5 12H7M2.5 9.5v5M16 12h5.5M10 9v2.5M13 9v2.5"/></g>',
    "clock": '<g fill="none" stroke="{c}"><circle cx="12" cy="12" r="9"/><path d="M12 6.5V12l4 2.5"/></g>',
    "hospital": '<g fill="none" stroke="{c}"><rect x="3.5" y="3.5" width="17" height="17" rx="2"/>'
                '<path d="M12 7.5v9M7.5 12h9" stroke-width="2.6"/></g>',
    "calendar": '<g fill="none" stroke="{c}"><rect x="3.5" y="5.5" width="17" height="15" rx="2"/>'
                '<path d="M3.5 10h17M8 3v4.5M16 3v4.5M8 14h2M14 14h2M8 17h2"/></g>',
    "heart": '<path d="M12 20s-7.5-4.6-7.5-10.2A4.2 4.2 0 0 1 12 7.4a4.2 4.2 0 0 1 7.5 2.4C19.5 15.4 12 20 12 20z" '
             'fill="none" stroke="{c}"/>',
    "lungs": '<g fill="none" stroke="{c}"><path d="M12 3v9M12 9.5l-2.5 2.5M12 9.5l2.5 2.5"/>'
             '<path d="M9 7.5C5.8 7.5 3.8 12.5 3.8 17.5c0 1.7 1.3 2.6 2.8 2.2L9 19z"/>'
             '<path d="M15 7.5c3.2 0 5.2 5 5.2 10 0 1.7-1.3 2.6-2.8 2.2L15 19z"/></g>',
    "gut": '<path d="M5.5 4.5h13a2.5 2.5 0 0 1 0 5h-13a2.5 2.5 0 0 0 0 5h13a2.5 2.5 0 0 1 0 5H9" fill="none" '
           'stroke="{c}"/>',
    "skin": '<g><rect x="3.5" y="6" width="17" height="12" rx="3" fill="none" stroke="{c}"/>'
            '<circle cx="8.5" cy="10.5" r="1.4" fill="{c}"/><circle cx="12.5" cy="14" r="1.4" fill="{c}"/>'
            '<circle cx="16" cy="10" r="1.4" fill="{c}"/></g>',
    "liver": '<path d="M3.5 9.5c3.5-3.5 11.5-4.5 17-3.5-.5 5.5-5.5 11.5-10.5 11.5-4 0-7-4-6.5-8z" fill="none" '
             'stroke="{c}"/>',
    "gland": '<g fill="none" stroke="{c}"><path d="M12 3.5v5"/><ellipse cx="8" cy="14" rx="4" ry="6"/>'
             '<ellipse cx="16" cy="14" rx="4" ry="6"/></g>',
    "nerves": '<g fill="none" stroke="{c}"><path d="M12 5a4 4 0 0 0-7.5 2.5 4 4 0 0 0 0 7 4 4 0 0 0 7.5 4z"/>'
              '<path d="M12 5a4 4 0 0 1 7.5 2.5 4 4 0 0 1 0 7 4 4 0 0 1-7.5 4zM12 5v14"/></g>',
    "child": '<g fill="none" stroke="{c}"><circle cx="12" cy="5.5" r="3"/><path d="M12 9v6.5M7 11.5l5 1.5 5-1.5'
             'M12 15.5l-3.5 5M12 15.5l3.5 5"/></g>',
    "jar": '<g fill="none" stroke="{c}"><rect x="6" y="9.5" width="12" height="11" rx="2"/><path d="M5 6h14v3.5H5z"/>'
           '<path d="M20.5 2.5 15 8"/></g>',
}
WARNING = ('<path d="M12 3 22 20.5H2z" fill="{c}"/><path d="M12 9.5v5.5" stroke="{paper}" stroke-width="2.4"/>'
           '<circle cx="12" cy="17.6" r="1.3" fill="{paper}"/>')


@dataclass(frozen=True)
class Panel:
    """A panel's texts, plain and translated, and the name of its pictogram (``""`` for none)."""

    title: str
    text: str
    watch: str
    icon: str


def figure_svg(figure: dict, alt: str, plain: Callable[[str], str], measure: Measure, look: Look,
               rtl: bool = False) -> Markup:
    """Return the SVG of a validated, translated figure; ``alt`` is its text for readers who cannot see it."""
    panels = [Panel(str(plain(p["title"])), str(plain(p["text"])), str(plain(p.get("watch") or "")),
                    p.get("icon") or "") for p in figure["panels"]]
    columns = 2 if len(panels) in (2, 4) else 3
    width = (WIDTH - GAP * (columns - 1)) / columns
    drawing = _Panels(measure, rtl, look)
    top = 0.0
    for first in range(0, len(panels), columns):
        top = drawing.row(panels[first:first + columns], top, width) + GAP
    return Markup(
        '<svg xmlns="http://www.w3.org/2000/svg" class="figure-graphic" role="img" viewBox="0 0 {w} {h}" '
        'font-family="{font}" stroke-width="1.8" stroke-linecap="round" stroke-linejoin="round"><title>{alt}</title>'
        '{body}</svg>'
    ).format(w=_n(WIDTH), h=_n(top - GAP), font=look.font_family, alt=as_text(alt), body=Markup("".join(drawing.parts)))


class _Panels(Drawing):
    """The SVG elements of a figure's panels, a row at a time, in reading order."""

    def row(self, panels: list[Panel], top: float, width: float) -> float:
        """Draw one row of panels from ``top``, their headers and bodies aligned; return where the row ends."""
        titles = [self.wrap(panel.title, width - ICON - 3 * PAD, True) for panel in panels]
        header = max(ICON + 2 * PAD, max(len(lines) for lines in titles) * LINE + 2 * PAD)
        bodies = [self._body(panel, width) for panel in panels]
        bottom = top + header + max(sum(len(part) for part, _ in body) * LINE for body in bodies) + 2 * PAD
        for index, (panel, title, body) in enumerate(zip(panels, titles, bodies, strict=True)):
            start = index * (width + GAP)
            self._frame(start, top, width, header, bottom)
            if panel.icon:
                self._icon(ICONS[panel.icon], start + PAD, top + (header - ICON) / 2, ICON, self.look.paper)
            title_top = top + (header - len(title) * LINE) / 2
            self._lines(title, start + ICON + 2 * PAD, title_top, True, self.look.paper)
            self._content(body, start, top + header + PAD)
        return bottom

    def _body(self, panel: Panel, width: float) -> list[tuple[list[str], bool]]:
        """Return the panel's text lines, then the lines of what to watch for (drawn after a warning sign)."""
        body = [(self.wrap(panel.text, width - 2 * PAD, False), False)]
        if panel.watch:
            body.append((self.wrap(panel.watch, width - 2 * PAD - WATCH_MARK, True), True))
        return body

    def _frame(self, start: float, top: float, width: float, header: float, bottom: float) -> None:
        """Draw a panel's light card and its coloured header band (rounded at the top only)."""
        left = min(self.x(start), self.x(start + width))
        self.parts.append(f'<rect x="{_n(left)}" y="{_n(top)}" width="{_n(width)}" height="{_n(bottom - top)}" '
                          f'rx="{RADIUS}" fill="{self.look.light}"/>')
        self.parts.append(f'<rect x="{_n(left)}" y="{_n(top)}" width="{_n(width)}" height="{_n(header)}" '
                          f'rx="{RADIUS}" fill="{self.look.accent}"/>')
        self.parts.append(f'<rect x="{_n(left)}" y="{_n(top + header - RADIUS)}" width="{_n(width)}" '
                          f'height="{RADIUS}" fill="{self.look.accent}"/>')

    def _content(self, body: list[tuple[list[str], bool]], start: float, top: float) -> None:
        for lines, watch in body:
            if watch and lines:
                self._icon(WARNING, start + PAD, top + LABEL_SIZE * 0.1, LABEL_SIZE * 0.9, self.look.urgent)
            indent = WATCH_MARK if watch else 0.0
            self._lines(lines, start + PAD + indent, top, watch, self.look.urgent if watch else self.look.text)
            top += len(lines) * LINE

    def _lines(self, lines: list[str], start: float, top: float, bold: bool, fill: str) -> None:
        for number, line in enumerate(lines):
            self._text(line, start, top + LABEL_SIZE * 0.8 + number * LINE, LABEL_SIZE, bold, fill)

    def _icon(self, icon: str, start: float, top: float, size: float, colour: str) -> None:
        """Place a 24-unit pictogram in a ``size`` square whose logical start is ``start``."""
        left = min(self.x(start), self.x(start + size))
        shapes = icon.replace("{c}", colour).replace("{paper}", self.look.paper)
        self.parts.append(f'<g transform="translate({_n(left)} {_n(top)}) scale({_n(size / 24)})">{shapes}</g>')
