"""The .po syntax as GNU gettext reads it, checked before Babel's lenient reader sees a catalog.

Whatever ``msgfmt --check`` refuses is refused here, with its line: a string never closed, a second ``msgstr``
in one entry, a byte order mark, a charset other than UTF-8, a ``Language`` header naming another language
(header fields may be continued on the next line, as gettext allows). Babel would read most of these silently,
cutting a translation short or keeping the wrong one.
"""

from __future__ import annotations

import codecs
import re

from babel import Locale, UnknownLocaleError
from babel.messages.pofile import unescape

from ..errors import Problem
from ..files import utf8_problem

_KEYWORD_LINE = re.compile(r'^(msgctxt|msgid|msgid_plural|msgstr(\[\d+\])?)\s+("(?:[^"\\]|\\.)*")$')
_STRING_LINE = re.compile(r'^"(?:[^"\\]|\\.)*"$')
_FLAG_SEPARATORS = re.compile(r"[,\s]+")


def check_po_encoding(data: bytes, display: str) -> list[Problem]:
    """Return a problem if a catalog is not UTF-8, starts with a byte order mark, or declares another charset.

    Every tool here writes UTF-8; a catalog in another charset, or one that says it is, would show patients
    garbled accents (``tempÃ©rature``) or stop the build halfway.
    """
    if data.startswith(codecs.BOM_UTF8):
        return [Problem(display, 1, "", "the file starts with a byte order mark (BOM), which gettext's msgfmt "
                        "refuses", "Save the catalog as UTF-8 without BOM (in most editors: encoding "
                        "'UTF-8', not 'UTF-8 with BOM')")]
    problem = utf8_problem(data, display, "Save the catalog as UTF-8 and set charset=UTF-8 in its header")
    if problem:
        return [problem]
    for number, name, value in header_fields(data):
        charset = re.search(r"charset=([^\s;]*)", value, re.IGNORECASE) if name.lower() == "content-type" else None
        if charset and charset.group(1).lower().replace("_", "-") not in ("utf-8", "utf8"):
            return [Problem(display, number, "Content-Type", f"charset {charset.group(1)!r}; catalogs are UTF-8",
                            'Save the catalog as UTF-8 with "Content-Type: text/plain; charset=UTF-8\\n"')]
    return []


def check_po_language(data: bytes, display: str, locale: str | None) -> list[Problem]:
    """Return a problem if the catalog's ``Language`` header names another language than its folder."""
    if locale is None:
        return []
    for number, name, value in header_fields(data):
        if name.lower() != "language" or not value:
            continue
        # The header is the translator's text, not a configured locale: parsed here, an unknown one is a mismatch.
        try:
            language = Locale.parse(value.replace("-", "_")).language
        except (ValueError, UnknownLocaleError):
            language = None
        if language != Locale.parse(locale).language:
            return [Problem(display, number, "Language", f"the catalog says it is in {value!r}, but it is the "
                            f"catalog for {locale!r}", f"Move it to the folder of its language, or set Language: "
                            f"{locale}")]
    return []


def header_fields(data: bytes) -> list[tuple[int, str, str]]:
    """Return ``(line, name, value)`` for each field of the header entry, as gettext joins its strings.

    A field may be split over several quoted strings (``"Language: "`` then ``"de\\n"``); its line is where
    it starts.
    """
    text, starts = _header_text(data.decode("utf-8", errors="replace").splitlines())
    fields, offset = [], 0
    for raw in text.split("\n"):
        name, colon, value = raw.partition(":")
        if colon:
            line = max((number for position, number in starts if position <= offset), default=1)
            fields.append((line, name.strip(), value.strip()))
        offset += len(raw) + 1
    return fields


def _header_text(lines: list[str]) -> tuple[str, list[tuple[int, int]]]:
    """Return the header's msgstr and, for each of its strings, ``(offset in it, line number)``."""
    text, starts, inside = "", [], False
    for number, raw in enumerate(lines, start=1):
        line = raw.strip()
        if line.startswith("msgid ") and line != 'msgid ""':
            break
        if line.startswith("msgstr "):
            inside, line = True, line[len("msgstr "):].strip()
        elif not line or line.startswith("#") or line.startswith("msg"):
            if inside:
                break
            continue
        if inside and _STRING_LINE.match(line):
            starts.append((len(text), number))
            text += unescape(line)
    return text, starts


def check_po_syntax(data: bytes, display: str) -> list[Problem]:
    """Return a problem for each line that is not valid syntax, each keyword repeated in an entry, each duplicate."""
    problems: list[Problem] = []
    first_seen: dict[tuple[str, str], int] = {}
    entry: dict[str, str] = {}
    keyword, start = "", 0
    for number, raw in enumerate(data.decode("utf-8", errors="replace").splitlines() + [""], start=1):
        line = raw.strip()
        match = _KEYWORD_LINE.match(line)
        if (match and match.group(1) in ("msgctxt", "msgid") and "msgstr" in keyword) or not line:
            _check_entry(entry, start, first_seen, display, problems)
            entry, keyword = {}, ""
        if match:
            keyword = match.group(1)
            if keyword in entry:
                problems.append(_repeated(display, number, keyword))
            start = number if keyword in ("msgctxt", "msgid") and not entry else start
            entry[keyword] = unescape(match.group(3))
        elif _STRING_LINE.match(line) and keyword:
            entry[keyword] += unescape(line)
        elif line and not line.startswith("#"):
            problems.append(Problem(display, number, "", f"not valid gettext syntax: {line[:60]!r}",
                                    'Put every string in double quotes and write a quote inside it as \\"'))
    return _quoted_at_most(problems, display)


MAX_QUOTED = 5
"""Lines of a broken catalog quoted in messages: enough to fix it, too few to copy out a file that is not one."""


def _quoted_at_most(problems: list[Problem], display: str) -> list[Problem]:
    syntax = [p for p in problems if p.message.startswith("not valid gettext syntax")]
    if len(syntax) <= MAX_QUOTED:
        return problems
    kept = [p for p in problems if p not in syntax[MAX_QUOTED:]]
    return kept + [Problem(display, None, "", f"{len(syntax) - MAX_QUOTED} more lines are not valid gettext syntax",
                           "Check that the file is a gettext catalog (.po)")]


def _repeated(display: str, number: int, keyword: str) -> Problem:
    return Problem(display, number, "", f"a second {keyword} in one entry; gettext's msgfmt refuses the catalog",
                   f"Keep one {keyword} (a string may go on over several quoted lines) and delete the other")


def _check_entry(entry: dict[str, str], start: int, first_seen: dict, display: str, problems: list[Problem]) -> None:
    if "msgid" not in entry:
        return
    plural = "msgid_plural" in entry
    indexed = any(key.startswith("msgstr[") for key in entry)
    if plural != indexed or (plural and "msgstr" in entry):
        problems.append(Problem(display, start, "", "msgid_plural goes with msgstr[0], msgstr[1]…, and msgid "
                                "alone with msgstr", "Write the entry as the template (leaflets.pot) has it"))
    if not entry["msgid"] and "msgctxt" not in entry:
        _check_header(entry, start, first_seen, display, problems)
        return
    key = (entry.get("msgctxt", ""), entry["msgid"])
    if key in first_seen:
        problems.append(Problem(display, start, "", f"duplicate message, first defined on line {first_seen[key]}",
                                "Remove one of the two entries"))
    else:
        first_seen[key] = start


def _check_header(entry: dict[str, str], start: int, first_seen: dict, display: str, problems: list[Problem]) -> None:
    """Refuse a second header entry (``msgid ""``): two catalogs joined into one, which msgfmt refuses too."""
    if ("", "") not in first_seen:
        first_seen["", ""] = start
        return
    charset = re.search(r"charset=([^\s;\\]*)", entry.get("msgstr", ""), re.IGNORECASE)
    declares = f", and it declares charset {charset.group(1)!r}" if charset else ""
    problems.append(Problem(display, start, "", f"a second header entry (msgid \"\"), after the one on line "
                            f"{first_seen['', '']}: two catalogs joined into one file{declares}; gettext's msgfmt "
                            "refuses it", "Delete this entry (its msgid \"\" and msgstr lines), keep the first header, "
                            "and save the catalog as UTF-8"))


def split_flags(flags) -> set[str]:
    """Return the flags of a ``#,`` line as gettext reads them: separated by commas or by spaces."""
    return {flag for text in flags for flag in _FLAG_SEPARATORS.split(text) if flag}
