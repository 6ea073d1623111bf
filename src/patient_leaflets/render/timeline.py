"""Draw a ``timeline`` block as inline SVG: the steps before, during and after a treatment, one column a phase.

The labels are the leaflet's (translated) text, drawn as SVG text so that the whole graphic is one figure;
its ``<title>`` becomes the figure's alternative text (/Alt) in the tagged PDF. SVG text does not wrap by
itself, so lines are broken here, measured with the fonts the stylesheet bundles (``styles/fonts``). Its colours
and font stack are the stylesheet's (``look_of``): the ``:root`` custom properties are their one declaration.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from markupsafe import Markup, escape
from uniseg.linebreak import line_break_units

from ..content.schema import TIMELINE_PHASES
from .css_values import Declared, font_stack, plain_value, root_properties

WIDTH = 150.0
"""Width of the drawing in millimetres: the text column; the stylesheet scales it to the column it is in."""
PT = 25.4 / 72
"""One point in millimetres."""
LABEL_SIZE = 11.5 * PT
PHASE_SIZE = 13 * PT
LINE = LABEL_SIZE * 1.25
HEADER = 10.0
"""Height of a phase's arrow."""
GAP = 1.2
"""Space between two phases' arrows."""
NOTCH = 4.0
"""How far an arrow's point reaches into the next phase."""
DOT_X, TEXT_X = 4.5, 9.0
"""Where a step's dot and its text start, from the start of its column."""
STEP_GAP = 3.5
UNKNOWN_ADVANCE = 0.6
"""Width of a character no bundled font has, in ems."""

Measure = Callable[[str, bool], float]
"""The width of a text in ems, regular or bold."""


@dataclass(frozen=True)
class Look:
    """The drawing's colours and font stack, as the stylesheet's ``:root`` custom properties declare them."""

    accent: str
    light: str
    text: str
    paper: str
    """The phases' names, written on the accent colour."""
    urgent: str
    """What to watch for, in a figure's panels (``render/figure.py``)."""
    font_family: str
    """The font stack as an SVG attribute writes it: ``Atkinson Hyperlegible Next, …, sans-serif``."""


COLOURS = {"accent": "--accent", "light": "--accent-light", "text": "--text", "paper": "--paper", "urgent": "--urgent"}
"""The custom property each colour of the drawing is declared by."""
FONT_FAMILY = "--font-family"


def look_of(stylesheets: list[tuple[Path, str]]) -> Look:
    """Return the look the ``(path, display)`` stylesheets give the drawing, in cascade order: the last that
    declares a property wins. Raise RenderError naming the first stylesheet if one is declared by none."""
    declared = [root_properties(path, display) for path, display in stylesheets]
    merged = Declared(declared[0].display, declared[0].line,
                      {name: value for sheet in declared for name, value in sheet.values.items()})
    # Escaped here: the colours go into attributes as they are, the font stack through Markup.format.
    return Look(**{field: str(escape(plain_value(merged, name))) for field, name in COLOURS.items()},
                font_family=font_stack(merged, FONT_FAMILY))


def timeline_svg(timeline: dict, names: dict[str, str], alt: str, plain: Callable[[str], str], measure: Measure,
                 look: Look, rtl: bool = False) -> Markup:
    """Return the SVG of a validated, translated timeline; ``names`` are the phases' names, ``alt`` its text."""
    phases = [phase for phase in TIMELINE_PHASES if timeline.get(phase)]
    width = (WIDTH - GAP * (len(phases) - 1)) / len(phases)
    drawing = Drawing(measure, rtl, look)
    bottom = HEADER
    for index, phase in enumerate(phases):
        left = index * (width + GAP)
        drawing.arrow(left, width, first=index == 0, last=index == len(phases) - 1)
        drawing.heading(as_text(names[phase]), left, width)
        bottom = max(bottom, drawing.steps([_step(step, plain) for step in timeline[phase]], left, width))
    height = bottom + 1.5
    return Markup(
        '<svg xmlns="http://www.w3.org/2000/svg" class="timeline-graphic" role="img" viewBox="0 0 {w} {h}" '
        'font-family="{font}"><title>{alt}</title>{body}</svg>'
    ).format(w=_n(WIDTH), h=_n(height), font=look.font_family, alt=as_text(alt), body=Markup("".join(drawing.parts)))


def as_text(value: str) -> str:
    """Return what a reader reads of a translated string: a name left in the source language comes marked up
    (``<span lang="fr" …>Avant</span>``), and SVG text and titles take no markup, only the words."""
    return value.striptags() if isinstance(value, Markup) else value


def _step(step: dict, plain: Callable[[str], str]) -> tuple[str, str]:
    return str(plain(step["label"])), str(plain(step["duration"])) if step.get("duration") else ""


class Drawing:
    """The SVG elements of a timeline, placed left to right and mirrored for right-to-left languages."""

    def __init__(self, measure: Measure, rtl: bool, look: Look):
        self.measure, self.rtl, self.look = measure, rtl, look
        self.parts: list[str] = []

    def x(self, x: float) -> float:
        return WIDTH - x if self.rtl else x

    def arrow(self, left: float, width: float, first: bool, last: bool) -> None:
        """Draw a phase's band: its point reaches into the next phase's notch (the last one points inside)."""
        right = left + width
        end = right - NOTCH if last else right
        points = [(left, 0), (end, 0), (end + NOTCH, HEADER / 2), (end, HEADER), (left, HEADER)]
        if not first:
            points.append((left + NOTCH, HEADER / 2))
        coordinates = " ".join(f"{_n(self.x(x))},{_n(y)}" for x, y in points)
        self.parts.append(f'<polygon points="{coordinates}" fill="{self.look.accent}"/>')

    def heading(self, name: str, left: float, width: float) -> None:
        """Write a phase's name on its arrow, smaller if it would not fit."""
        room = width - 2 * NOTCH - 2
        size = min(PHASE_SIZE, room / max(self.measure(name, True), 0.1))
        self._text(name, left + width / 2, HEADER / 2 + size * 0.35, size, bold=True, fill=self.look.paper,
                   anchor="middle")

    def steps(self, steps: list[tuple[str, str]], left: float, width: float) -> float:
        """Draw a phase's steps one under the other, joined by a line; return where the last one ends."""
        room = width - TEXT_X - 1.5
        y = HEADER + 4.0
        dots = []
        for label, duration in steps:
            lines = [(line, False) for line in self.wrap(label, room, False)]
            lines += [(line, True) for line in self.wrap(duration, room, True)] if duration else []
            dots.append(y + LABEL_SIZE * 0.35)
            for number, (line, bold) in enumerate(lines):
                fill = self.look.accent if bold else self.look.text
                self._text(line, left + TEXT_X, y + LABEL_SIZE * 0.75 + number * LINE, LABEL_SIZE, bold, fill)
            y += len(lines) * LINE + STEP_GAP
        if len(dots) > 1:
            x = _n(self.x(left + DOT_X))
            self.parts.append(f'<line x1="{x}" y1="{_n(dots[0])}" x2="{x}" y2="{_n(dots[-1])}" '
                              f'stroke="{self.look.accent}" stroke-width="0.6"/>')
        for dot in dots:
            self.parts.append(f'<circle cx="{_n(self.x(left + DOT_X))}" cy="{_n(dot)}" r="1.9" '
                              f'fill="{self.look.light}" stroke="{self.look.accent}" stroke-width="0.7"/>')
        return y - STEP_GAP

    def wrap(self, text: str, room: float, bold: bool) -> list[str]:
        """Break ``text`` into lines no wider than ``room`` millimetres (a longer word gets a line of its own).

        Lines break where Unicode allows (UAX #14): after a space, and between Chinese or Japanese characters,
        but never before closing punctuation such as "，" and "。" nor after an opening bracket.
        """
        lines: list[str] = []
        line = ""
        for unit in line_break_units(" ".join(text.split())):
            if line and self.measure((line + unit).rstrip(), bold) * LABEL_SIZE > room:
                lines.append(line.rstrip())
                line = unit
            else:
                line += unit
        return [*lines, line.rstrip()] if line.strip() else lines

    def _text(self, text: str, x: float, y: float, size: float, bold: bool, fill: str, anchor: str = "start") -> None:
        direction = ' direction="rtl"' if self.rtl else ""
        weight = ' font-weight="700"' if bold else ""
        self.parts.append(f'<text x="{_n(self.x(x))}" y="{_n(y)}" font-size="{_n(size)}"{weight} fill="{fill}" '
                          f'text-anchor="{anchor}"{direction}>{escape(text)}</text>')


def _n(value: float) -> str:
    """Return a coordinate as SVG wants it: short, with a dot."""
    return f"{value:.2f}".rstrip("0").rstrip(".")


@functools.lru_cache(maxsize=4)
def font_measure(fonts: Path) -> Measure:
    """Return a function measuring text in ems with the fonts under ``fonts`` (the first with a character wins).

    Kerning is left out: it only narrows Latin text, so lines break a little early rather than overflow.
    """
    advances = {False: {}, True: {}}
    for path in sorted(p for p in fonts.glob("*") if p.suffix.lower() in (".woff2", ".woff", ".ttf", ".otf")):
        bold, table = _advances(path)
        for code, advance in table.items():
            advances[bold].setdefault(code, advance)

    def measure(text: str, bold: bool) -> float:
        table = advances[bold] or advances[not bold]
        return sum(table.get(ord(char), UNKNOWN_ADVANCE) for char in text)

    return measure


def _advances(path: Path) -> tuple[bool, dict[int, float]]:
    """Return whether a font file is bold, and the advance of each character it has, in ems."""
    from fontTools.ttLib import TTFont  # only when a leaflet has a timeline

    with TTFont(path, lazy=True) as font:
        units = font["head"].unitsPerEm
        metrics = font["hmtx"].metrics
        bold = font["OS/2"].usWeightClass >= 600
        return bold, {code: metrics[glyph][0] / units for code, glyph in font.getBestCmap().items()}
