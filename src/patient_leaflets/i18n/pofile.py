"""The .po file format: reading and writing catalogs safely, with syntax, encoding and header checks.

Babel reads and writes the entries; this module adds what translators' tools and patients need: every syntax
error named by its line (Babel's reader silently truncates), UTF-8 only, the ``Language`` header checked
against the catalog's folder, a size limit, and previous msgids (``#| msgid``) kept and written as GNU
``msgmerge`` writes them.
"""

from __future__ import annotations

import io
import re
from pathlib import Path

from babel import Locale, UnknownLocaleError
from babel.messages.catalog import Catalog
from babel.messages.pofile import PoFileError, normalize, read_po, unescape, write_po

from ..errors import CatalogError, Problem
from ..files import read_limited, utf8_problem, write_atomic

WIDTH = 76
"""Line width of written catalogs, as ``msgmerge`` and Poedit wrap them."""
MAX_BYTES = 10 * 1024 * 1024
"""Largest catalog accepted: one language for every leaflet is well under 1 MB."""


def read_catalog(path: Path, locale: str | None = None, display: str | None = None) -> Catalog:
    """Read a .po or .pot file; raise CatalogError naming every line that is not valid gettext syntax.

    Babel's reader is lenient (it truncates an unterminated string and keeps the first of two identical
    msgids); a translation silently cut short can hurt a patient, so the syntax is checked first. ``display``
    names the file in messages (inside a project, ``Config.display`` gives it relative to the project).
    """
    display = display or str(path)
    data = read_limited(path, MAX_BYTES, display, "a catalog", CatalogError)
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
    return catalog


_CHARSET = re.compile(rb'^"Content-Type:.*charset=([^\\\s";]*)', re.IGNORECASE)
_LANGUAGE = re.compile(rb'^"Language:\s*([^\\"]*)')


def check_po_encoding(data: bytes, display: str) -> list[Problem]:
    """Return a problem if a catalog is not UTF-8 or its header declares another charset.

    Every tool here writes UTF-8; a catalog in another charset, or one that says it is, would show patients
    garbled accents (``tempÃ©rature``) or stop the build halfway.
    """
    problem = utf8_problem(data, display, "Save the catalog as UTF-8 and set charset=UTF-8 in its header")
    if problem:
        return [problem]
    for number, match in _header_matches(data, _CHARSET):
        if match.group(1).decode().lower().replace("_", "-") not in ("utf-8", "utf8"):
            return [Problem(display, number, "Content-Type", f"charset {match.group(1).decode()!r}; catalogs are "
                            "UTF-8", 'Save the catalog as UTF-8 with "Content-Type: text/plain; charset=UTF-8\\n"')]
    return []


def check_po_language(data: bytes, display: str, locale: str | None) -> list[Problem]:
    """Return a problem if the catalog's ``Language`` header names another language than its folder."""
    if locale is None:
        return []
    for number, match in _header_matches(data, _LANGUAGE):
        value = match.group(1).decode().strip()
        if not value:
            continue
        try:
            language = Locale.parse(value.replace("-", "_")).language
        except (ValueError, UnknownLocaleError):
            language = None
        if language != Locale.parse(locale).language:
            return [Problem(display, number, "Language", f"the catalog says it is in {value!r}, but it is the "
                            f"catalog for {locale!r}", f"Move it to the folder of its language, or set Language: "
                            f"{locale}")]
    return []


def _header_matches(data: bytes, pattern: re.Pattern):
    """Yield ``(line number, match)`` for lines of the header entry (before the first real msgid)."""
    for number, line in enumerate(data.splitlines(), start=1):
        if line.startswith(b"msgid ") and line.strip() != b'msgid ""':
            return
        match = pattern.match(line.strip())
        if match:
            yield number, match


_KEYWORD_LINE = re.compile(r'^(msgctxt|msgid|msgid_plural|msgstr(\[\d+\])?)\s+("(?:[^"\\]|\\.)*")$')
_STRING_LINE = re.compile(r'^"(?:[^"\\]|\\.)*"$')


def check_po_syntax(data: bytes, display: str) -> list[Problem]:
    """Return a problem for each line of a .po file that is not valid syntax, and for duplicate msgids."""
    problems = []
    first_seen: dict[tuple[str, str], int] = {}
    entry: dict[str, str] = {}
    keyword, start = "", 0
    for number, raw in enumerate(data.decode("utf-8", errors="replace").splitlines() + [""], start=1):
        line = raw.strip()
        match = _KEYWORD_LINE.match(line)
        if (match and match.group(1) in ("msgctxt", "msgid") and "msgstr" in keyword) or not line:
            _check_duplicate(entry, start, first_seen, display, problems)
            entry, keyword = {}, ""
        if match:
            keyword = match.group(1)
            start = number if keyword in ("msgctxt", "msgid") and not entry else start
            entry[keyword] = unescape(match.group(3))
        elif _STRING_LINE.match(line) and keyword:
            entry[keyword] += unescape(line)
        elif line and not line.startswith("#"):
            problems.append(Problem(display, number, "", f"not valid gettext syntax: {line[:60]!r}",
                                    'Put every string in double quotes and write a quote inside it as \\"'))
    return problems


def _check_duplicate(entry, start, first_seen, display, problems) -> None:
    if not entry.get("msgid"):
        return
    key = (entry.get("msgctxt", ""), entry["msgid"])
    if key in first_seen:
        problems.append(Problem(display, start, "", f"duplicate message, first defined on line {first_seen[key]}",
                                "Remove one of the two entries"))
    else:
        first_seen[key] = start


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
        entry = f"\nmsgid {normalize(message.id, width=WIDTH)}\n"
        previous = f"msgid {normalize(message.previous_id[0], width=WIDTH)}"
        lines = "".join(f"#| {line}\n" for line in previous.splitlines())
        text = text.replace(entry, "\n" + lines + entry[1:], 1)
    return text
