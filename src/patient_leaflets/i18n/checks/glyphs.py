"""The characters the bundled fonts draw, and a translation that needs another font.

A PDF is drawn with the fonts of ``styles/fonts/`` that the stylesheets declare (``@font-face``, each for its
``unicode-range``). A character none of them has would print as an empty box, or in a font of the machine that
builds it. A translation that adds such a character is refused like one with a wrong number: the source text is
shown, the PDF is a draft, and ``leaflets check`` names the characters and how to add a font.
"""

from __future__ import annotations

import functools
import io
import re
import struct
import unicodedata
from pathlib import Path

from ...config.formats import FORMATS
from ...errors import LeafletError
from ...files import ASSET, display_path, read_file

_RANGE = re.compile(r"U\+([0-9A-Fa-f?]{1,6})(?:-([0-9A-Fa-f]{1,6}))?")
_URL = re.compile(r"""url\(\s*["']?([^"')]+)["']?\s*\)""")
FONT_FIX = ("Add a font for this script: its files in styles/fonts/, two @font-face rules with its unicode-range in "
            "styles/leaflet.css and its family in --font-family (TRANSLATING.md, Fonts)")
SHOWN = 6
"""How many of the characters a message names."""


def drawable_characters(config) -> frozenset[int] | None:
    """Return the code points the fonts the project's stylesheets declare can draw; None when they declare none
    (then nothing is checked: the project chose the machine's fonts).

    Worked out once per process for each version of the stylesheets and fonts (their size and time stamps): it
    is asked for every page, and reading the fonts again each time would cost more than the check.
    """
    styles = config.path("styles")
    names = dict.fromkeys(name for fmt in FORMATS.values() for name in fmt.stylesheets)
    sheets = tuple(styles / name for name in names if (styles / name).is_file())
    files = sorted(path for path in (styles / "fonts").glob("*") if path.is_file())
    stamps = tuple((str(path), *_stamp(path)) for path in (*sheets, *files))
    return _drawable(sheets, stamps, config.root)


def _stamp(path: Path) -> tuple[int, int]:
    status = path.stat()
    return status.st_size, status.st_mtime_ns


@functools.lru_cache(maxsize=4)
def _drawable(sheets: tuple[Path, ...], _stamps: tuple, root: Path) -> frozenset[int] | None:
    def display(path: Path) -> str:
        return display_path(path, root)

    faces = []
    for sheet in sheets:
        try:
            faces += _font_faces(sheet, display(sheet))
        except LeafletError:  # a linked or oversized stylesheet: check and the build say so, the render stops
            continue
    if not faces:
        return None
    return frozenset().union(*(_face_characters(path, ranges, display(path)) for path, ranges in faces))


def glyph_problems(msgid: str, msgstr: str, drawable: frozenset[int] | None) -> list[str]:
    """Return why ``msgstr`` cannot be printed: characters it adds to ``msgid`` that no bundled font draws."""
    if drawable is None:
        return []
    missing = sorted({char for char in msgstr if char not in msgid and _is_printed(char)
                      and ord(char) not in drawable})
    if not missing:
        return []
    named = ", ".join(f"'{char}' (U+{ord(char):04X} {unicodedata.name(char, '?')})" for char in missing[:SHOWN])
    more = f" and {len(missing) - SHOWN} more" if len(missing) > SHOWN else ""
    return [f"no bundled font draws {named}{more}: the PDF would print empty boxes. {FONT_FIX}"]


def _is_printed(char: str) -> bool:
    """Whether a character is drawn (not a space, a line break or an invisible format character)."""
    return not char.isspace() and unicodedata.category(char) not in ("Cc", "Cf", "Zs", "Zl", "Zp")


def _font_faces(sheet: Path, display: str) -> list[tuple[Path, frozenset[int] | None]]:
    """Return each ``@font-face`` of a stylesheet as (font file, its unicode-range or None for every character)."""
    import tinycss2  # only when a catalog is checked against the fonts

    rules = tinycss2.parse_stylesheet(read_file(sheet, display, ASSET).decode("utf-8"), skip_comments=True,
                                      skip_whitespace=True)
    faces = []
    for rule in rules:
        if rule.type != "at-rule" or rule.lower_at_keyword != "font-face" or rule.content is None:
            continue
        descriptors = {item.lower_name: tinycss2.serialize(item.value)
                       for item in tinycss2.parse_blocks_contents(rule.content, skip_comments=True,
                                                                  skip_whitespace=True)
                       if item.type == "declaration"}
        url = _URL.search(descriptors.get("src", ""))
        path = (sheet.parent / url.group(1)).resolve() if url and ":" not in url.group(1) else None
        # Only a font under styles/: anything else is refused by the render (render.assets), never read here.
        if path is not None and path.is_relative_to(sheet.parent.resolve()):
            faces.append((path, _ranges(descriptors.get("unicode-range"))))
    return faces


def _ranges(value: str | None) -> frozenset[int] | None:
    if not value:
        return None
    codes: set[int] = set()
    for start, end in _RANGE.findall(value):
        low, high = (start.replace("?", "0"), start.replace("?", "F")) if "?" in start else (start, end or start)
        codes.update(range(int(low, 16), int(high, 16) + 1))
    return frozenset(codes)


def _face_characters(path: Path, ranges: frozenset[int] | None, display: str) -> frozenset[int]:
    from fontTools.ttLib import TTFont, TTLibError  # a dependency already (the timeline measures with it)

    try:
        with TTFont(io.BytesIO(read_file(path, display, ASSET)), lazy=True) as font:
            cmap = frozenset(font.getBestCmap() or ())
    except (LeafletError, TTLibError, OSError, struct.error, KeyError):  # not a font (the render says so)
        return frozenset()
    return cmap if ranges is None else cmap & ranges
