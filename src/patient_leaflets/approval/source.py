"""The approval of a leaflet's source text, kept in the leaflet file (``approval:``), where a diff shows it.

Writing edits the YAML file as text: the record is written at the end of the file, so that no line of the text
moves (the catalogs' references to the leaflet's lines stay true, and the approval's commit carries no catalog);
every comment, blank line and quote of the rest stays as the editor wrote it, and the result is read back to prove
it. A record kept where earlier versions wrote it (``metadata.approval``) is still read, and moved on the next
approval.
"""

from __future__ import annotations

from pathlib import Path

import yaml

from ..config import Config
from ..content.leaflet import Leaflet, parse_leaflet
from ..content.loader import compose, decode, read_yaml
from ..errors import ContentError, Problem
from ..files import write_atomic
from .changes import find_moves
from .records import SOURCE_ROLES, Record, Verdict, judge, message_hash
from .texts import Message, source_messages
from .yaml_text import NOTE, record_lines

KEY = ("approval",)
LEGACY_KEY = ("metadata", "approval")


def subject(leaflet_id: str, locale: str) -> str:
    """Return what a record approves: ``chemotherapy (fr)``."""
    return f"{leaflet_id} ({locale})"


def hashed_source(config: Config, leaflet: Leaflet, shared: Leaflet | None) -> list[tuple[Message, str]]:
    """Return every message a patient reads in the source language, each with its hash."""
    return [(message, message_hash(*message.sealed())) for message in source_messages(config, leaflet, shared)]


def source_record(config: Config, leaflet: Leaflet) -> Record | None:
    """Return the approval recorded in a leaflet's metadata, or None."""
    block = source_record_data(leaflet)
    if not block or not all(block.get(name) for name in ("date", "clinical", "digest", "messages")):
        return None  # an incomplete block is a content error, reported with its line
    people = {role: tuple(block.get(role) or ()) for role in SOURCE_ROLES}
    return Record(subject(leaflet.id, config.source_locale), block["date"], people, block["digest"],
                  tuple(block["messages"].split()), block.get("version") or "",
                  f"{leaflet.source}:{leaflet.lines[KEY if leaflet.data.get('approval') else LEGACY_KEY]}")


def source_verdict(config: Config, leaflet: Leaflet, shared: Leaflet | None) -> Verdict:
    """Compare a leaflet's source text today with its approval."""
    hashed = hashed_source(config, leaflet, shared)
    return find_moves(judge(source_record(config, leaflet), hashed), hashed)


def write_source_record(path: Path, display: str, leaflet: Leaflet, record: Record) -> None:
    """Write ``record`` as the leaflet's ``approval`` block, at the end of the file, changing nothing else in it."""
    text = decode(read_yaml(path, display), display)
    edited = replace_block(text, display, record)
    after = parse_leaflet(edited.encode("utf-8"), display, leaflet.id)
    kept = _without_approval(after.data) == _without_approval(leaflet.data)
    if not kept or source_record_data(after) != _expected(record):
        raise ContentError([Problem(display, None, "approval", "the approval could not be written without "
                                    "changing the rest of the file; nothing was written",
                                    "Check the file's indentation around metadata, or write the block shown by "
                                    "'leaflets approve --help' by hand")])
    write_atomic(path, edited.encode("utf-8"))


def source_record_data(leaflet: Leaflet) -> dict | None:
    """Return the approval block as written, at the end of the file or (before) in the metadata."""
    return leaflet.data.get("approval") or leaflet.data["metadata"].get("approval")


def _without_approval(data: dict) -> dict:
    return {**data, "approval": None, "metadata": {**data["metadata"], "approval": None}}


def _expected(record: Record) -> dict:
    return {"date": record.date, "version": record.version, "clinical": list(record.people["clinical"]),
            "patient": list(record.people["patient"]), "digest": record.seal, "messages": " ".join(record.hashes)}


def replace_block(text: str, display: str, record: Record) -> str:
    """Return ``text`` without its approval block (wherever it is) and with ``record`` at the end.

    Only the lines after a block removed from the middle of the file move, once: from then on the record is the
    file's last block, and approving again moves no line.
    """
    lines = text.splitlines(keepends=True)
    newline = "\r\n" if lines and lines[0].endswith("\r\n") else "\n"
    root = compose(text, display).node
    metadata = _value(root, "metadata")
    if not isinstance(metadata, yaml.MappingNode) or not metadata.value:
        raise ContentError([Problem(display, None, "metadata", "expected a mapping of fields")])
    keys = [key for mapping in (metadata, root) for key, _ in mapping.value if key.value == "approval"]
    for key in sorted(keys, key=lambda key: -key.start_mark.line):  # the later first: the other's lines stay put
        del lines[key.start_mark.line:_block_end(lines, key.start_mark.line, key.start_mark.column)]
    while lines and not lines[-1].strip():
        lines.pop()
    if lines and not lines[-1].endswith(("\n", "\r")):
        lines[-1] += newline
    block = [f"approval:  # {NOTE}"] + record_lines(record, "  ")
    return "".join(lines + [newline] + [line + newline for line in block])


def _value(root, name: str):
    for key, value in root.value if isinstance(root, yaml.MappingNode) else []:
        if key.value == name:
            return value
    return None


def _block_end(lines: list[str], start: int, column: int) -> int:
    """Return the line after the block whose key is on line ``start`` at ``column``: its deeper lines."""
    end = start + 1
    while end < len(lines) and (not lines[end].strip() or len(lines[end]) - len(lines[end].lstrip()) > column):
        end += 1
    while end > start + 1 and not lines[end - 1].strip():
        end -= 1
    return end
