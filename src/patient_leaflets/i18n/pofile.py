"""The .po file format: reading and writing catalogs safely, with syntax, encoding and header checks.

Babel reads and writes the entries; this module adds what translators' tools and patients need: every syntax
error named by its line (Babel's reader silently truncates), UTF-8 only, the ``Language`` header checked
against the catalog's folder, a size limit, and previous msgids (``#| msgid``) kept and written as GNU
``msgmerge`` writes them.
"""

from __future__ import annotations

import io
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.pofile import PoFileError, normalize, read_po, unescape, write_po

from ..errors import CatalogError, Problem
from ..files import CATALOG, read_file, write_atomic
from .posyntax import check_po_encoding, check_po_language, check_po_syntax, split_flags

WIDTH = 76
"""Line width of written catalogs, as ``msgmerge`` and Poedit wrap them."""
MAX_BYTES = CATALOG.limit
"""Largest catalog accepted: one language for every leaflet is well under 1 MB."""


def read_catalog(path: Path, locale: str | None = None, display: str | None = None) -> Catalog:
    """Read a .po or .pot file; raise CatalogError naming every line that is not valid gettext syntax.

    Babel's reader is lenient (it truncates an unterminated string and keeps the first of two identical
    msgids); a translation silently cut short can hurt a patient, so the syntax is checked first. ``display``
    names the file in messages (inside a project, ``Config.display`` gives it relative to the project).
    """
    display = display or str(path)
    data = read_file(path, display, CATALOG)
    problems = check_po_encoding(data, display) or check_po_syntax(data, display)
    if problems:
        raise CatalogError(problems)
    try:
        catalog = read_po(io.BytesIO(data), locale=locale, abort_invalid=True)
    except PoFileError as exc:
        raise CatalogError([Problem(display, exc.lineno + 1, "", str(exc).split(" on ")[0])]) from None
    except (ValueError, LookupError) as exc:  # Babel reads dates and plural forms in the header strictly
        raise CatalogError([Problem(display, None, "", f"invalid header: {exc}",
                                    "Compare the header (the first entry) with the one in leaflets.pot")]) from None
    problems = check_po_language(data, display, locale)
    if problems:
        raise CatalogError(problems)
    _restore_previous_ids(catalog)
    for message in (*catalog, *catalog.obsolete.values()):
        message.flags = split_flags(message.flags)  # "#, fuzzy python-format" is fuzzy for gettext
    return catalog


def _restore_previous_ids(catalog: Catalog) -> None:
    """Turn ``#| msgid`` comments, which Babel reads as user comments, back into previous msgids."""
    for message in catalog:
        previous = [c[1:].strip() for c in message.user_comments if c.startswith("|")]
        if not previous:
            continue
        message.user_comments = [c for c in message.user_comments if not c.startswith("|")]
        parts = [p for p in previous if p.startswith(('msgid ', '"'))]
        text = "".join(unescape(p.removeprefix("msgid").strip()) for p in parts)
        message.previous_id = [text]


def write_catalog(path: Path, catalog: Catalog) -> None:
    """Write a catalog atomically, with the previous msgids translators' tools show beside fuzzy entries."""
    path.parent.mkdir(parents=True, exist_ok=True)
    write_atomic(path, po_bytes(catalog))


def po_bytes(catalog: Catalog) -> bytes:
    buffer = io.BytesIO()
    write_po(buffer, catalog, width=WIDTH, sort_by_file=True)
    text = _add_previous_ids(buffer.getvalue().decode("utf-8"), catalog)
    # Babel ends the file with a blank line; GNU gettext and Translate Toolkit do not, and would remove it.
    return (text.rstrip("\n") + "\n").encode("utf-8")


def _add_previous_ids(text: str, catalog: Catalog) -> str:
    """Write ``#| msgid`` lines as GNU msgmerge does.

    Babel's own ``include_previous`` wraps a long previous msgid in the middle of its quoted strings, which
    translators' tools cannot read back.
    """
    for message in catalog:
        if not (message.fuzzy and message.previous_id and isinstance(message.id, str) and message.id):
            continue
        previous = f"msgid {normalize(message.previous_id[0], width=WIDTH)}"
        lines = "".join(f"#| {line}\n" for line in previous.splitlines())
        start = _entry_start(text, message)
        if start >= 0:
            text = text[:start] + lines + text[start:]
    return text


def _entry_start(text: str, message) -> int:
    """Return where ``message``'s ``msgctxt`` (or, without a context, ``msgid``) line starts in ``text``, or -1.

    Two entries may share a msgid and differ by their context: each is found by both.
    """
    entry = f"msgid {normalize(message.id, width=WIDTH)}\n"
    if message.context:
        entry = f"msgctxt {normalize(message.context, width=WIDTH)}\n" + entry
    at = text.find("\n" + entry)
    while at >= 0 and not message.context and text.rfind("\n", 0, at) >= 0 \
            and text[text.rfind("\n", 0, at) + 1:at].startswith(("msgctxt", '"')):
        at = text.find("\n" + entry, at + 1)  # the msgid of an entry with a context: not this one
    return at + 1 if at >= 0 else -1
