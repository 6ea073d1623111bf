"""Catalog changes as translators see them: only what changed is rewritten, and a changed text shows its words.

GNU ``msgmerge``, ``pybabel update``, Poedit and Babel each wrap lines and end files their own way. Rewriting
a whole catalog for that turns a one-word change into thousands of changed lines in review, and makes
``leaflets update --check`` fail on a file whose content is up to date. So an entry whose content is unchanged
keeps its text exactly as the file had it; only entries that really changed are written in our format.
"""

from __future__ import annotations

import difflib
import re

from babel.messages.catalog import Catalog, Message
from babel.messages.pofile import unescape

_KEYWORD = re.compile(r'^(#~\s*)?(msgctxt|msgid|msgid_plural|msgstr(?:\[\d+\])?)\s+(".*")\s*$')
_CONTINUATION = re.compile(r'^(#~\s*)?(".*")\s*$')


def keep_unchanged_entries(catalog: Catalog, written: bytes, new: bytes, before: Catalog) -> bytes:
    """Return ``new`` (``catalog`` as we write it) with each entry that ``before`` already held, unchanged, in
    the exact text it has in ``written``; ``written`` itself when nothing changed.

    A file written with Windows line endings (CRLF, as Git for Windows checks text out) is compared line by line
    all the same, and written back with the line endings it had.
    """
    if b"\r\n" in written:
        lf = written.replace(b"\r\n", b"\n")
        kept = keep_unchanged_entries(catalog, lf, new, before)
        return written if kept == lf else kept.replace(b"\n", b"\r\n")
    old_blocks = {_key(block): block for block in _blocks(written.decode("utf-8"))}
    blocks = []
    for block in _blocks(new.decode("utf-8")):
        key = _key(block)
        kept = old_blocks.get(key)
        same = kept is not None and _same(_message(before, key), _message(catalog, key))
        blocks.append(kept if same else block)
    old_order = list(old_blocks.values())
    if blocks[1:] != old_order[1:] and new.startswith(b"#"):
        blocks[0] = _blocks(new.decode("utf-8"))[0]  # entries changed: the header's dates are news too
    if blocks == old_order:
        return written
    ending = "\n\n" if written.endswith(b"\n\n") else "\n"  # pybabel ends with a blank line, msgmerge does not
    return ("\n\n".join(blocks) + ending).encode("utf-8")


def _blocks(text: str) -> list[str]:
    """Split a .po file into its entries (the header first), each without the blank lines around it."""
    return [block.strip("\n") for block in re.split(r"\n[ \t]*\n", text) if block.strip()]


def _key(block: str) -> tuple[bool, str | None, str]:
    """Return ``(obsolete, msgctxt, msgid)`` of one entry's text; previous msgids (``#|``) are not read."""
    parts: dict[str, str] = {}
    keyword, obsolete = "", False
    for line in block.splitlines():
        match = _KEYWORD.match(line)
        if match:
            keyword, obsolete = match.group(2), bool(match.group(1))
            parts[keyword] = unescape(match.group(3))
        elif keyword and _CONTINUATION.match(line):
            parts[keyword] += unescape(_CONTINUATION.match(line).group(2))
        elif not line.startswith(("#~", '"')):  # a comment: what follows is a new keyword
            keyword = ""
    return obsolete, parts.get("msgctxt"), parts.get("msgid", "")


def _message(catalog: Catalog, key: tuple[bool, str | None, str]) -> Message | None:
    obsolete, context, msgid = key
    if not msgid and not obsolete:
        header = next(iter(catalog))
        header.user_comments = catalog.header_comment.splitlines()
        return header
    if obsolete:
        return catalog.obsolete.get(msgid if context is None else (msgid, context))
    return catalog.get(msgid, context=context)


def _same(old: Message | None, new: Message | None) -> bool:
    """Tell whether two entries say the same, however their lines are wrapped."""
    if old is None or new is None:
        return False
    if not old.id:  # the header; a new extraction date alone (pybabel extract sets one each run) is no change
        return (_undated(old.string) == _undated(new.string)
                and _words(old.user_comments) == _words(new.user_comments))
    return (old.string == new.string and set(old.flags) == set(new.flags) and old.locations == new.locations
            and _words(old.auto_comments) == _words(new.auto_comments)
            and _words(old.user_comments) == _words(new.user_comments)
            and (old.previous_id or None) == (new.previous_id or None))


def _undated(header: str) -> str:
    return re.sub(r"^POT-Creation-Date:.*$", "", header, flags=re.MULTILINE)


def _words(comments) -> list[str]:
    """Return the words of comment lines, however they are wrapped (a header comment's lines start with #)."""
    return " ".join(line.lstrip("#") for line in comments).split()


_TOKEN = re.compile(r"\d+(?:[.,\u202f\u00a0]\d+)*|\w+(?:[’'\-]\w+)*|[^\w\s]")


def word_diff(old: str, new: str, most: int = 3) -> str:
    """Return the words that changed between two texts: ``tôt → vite; added “très”``."""
    before, after = list(_TOKEN.finditer(old)), list(_TOKEN.finditer(new))
    matcher = difflib.SequenceMatcher(a=[t.group() for t in before], b=[t.group() for t in after], autojunk=False)
    changes = []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        removed, added = _span(old, before[i1:i2]), _span(new, after[j1:j2])
        if tag == "replace":
            changes.append(f"{removed} → {added}")
        elif tag == "delete":
            changes.append(f"removed “{removed}”")
        elif tag == "insert":
            changes.append(f"added “{added}”")
    if not changes:
        return "spacing only"
    return "; ".join(changes[:most]) + (f"; and {len(changes) - most} more" if len(changes) > most else "")


def _span(text: str, tokens: list[re.Match]) -> str:
    """Return the text from the first token to the last, as written (spaces and punctuation kept)."""
    return text[tokens[0].start():tokens[-1].end()] if tokens else ""
