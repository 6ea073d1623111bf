"""The Babel extractor for leaflet YAML, registered as ``leaflet`` under ``babel.extractors``."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import IO

from ..content.leaflet import parse_leaflet
from ..content.markup import placeholders_in
from ..content.validate import format_key


def extract_leaflet(fileobj: IO[bytes], keywords, comment_tags, options) -> Iterator[tuple]:
    """Yield ``(lineno, funcname, message, comments)`` for every translatable text of a leaflet file.

    One message per paragraph, list item, heading or cell; each carries a translator comment naming the
    field, and a reminder for every placeholder it holds. Invalid files raise ContentError.
    """
    name = getattr(fileobj, "name", "leaflet.yaml")
    display = os.path.relpath(name) if os.path.isabs(name) else name
    leaflet = parse_leaflet(fileobj.read(), display, Path(name).stem)
    for key, text, line in leaflet.iter_texts():
        comments = [f"{leaflet.id}: {format_key(key)}"]
        names = sorted(set(placeholders_in(text)))
        if names:
            listed = ", ".join(f"{{{n}}}" for n in names)
            comments.append(f"Keep {listed} exactly as written: the build fills in the value.")
        yield line, None, text, comments
