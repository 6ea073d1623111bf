"""Read untrusted YAML into nodes: bounded size and depth, no tags, no aliases, errors with line and column.

Leaflet files come from many hands. PyYAML's SafeLoader already refuses to build Python objects, but it still
accepts tags (``!!python/name:…`` is read back as plain text), expands aliases (a "billion laughs" file of a
few hundred bytes stands for billions of values) and recurses once per level of nesting. Here every such
construct is either refused with a message, or marked on its node for the validator to report with its field.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import yaml

from ..errors import ContentError, Problem
from ..files import LEAFLET, read_file, size_problem, utf8_problem
from .layout import joined_item_problems, syntax_problem

MAX_BYTES = LEAFLET.limit
"""Largest leaflet file accepted: a leaflet of a few pages is about 20 KB of YAML."""
MAX_DEPTH = 32
"""Deepest nesting accepted; a leaflet needs 7 levels (a table cell in a block in a section)."""

WHAT = LEAFLET.what
_CORE_TAG = "tag:yaml.org,2002:"


@dataclass
class Document:
    """A composed YAML document, and the nodes whose value must not be used."""

    node: yaml.Node | None
    refused: dict[yaml.Node, tuple[str, str]] = field(default_factory=dict)
    """Message and fix hint for each alias or tagged node, reported by the validator with its field."""


def read_yaml(path: Path, display: str) -> bytes:
    """Return the bytes of a YAML file, reading no more than the size limit allows; raise ContentError."""
    return read_file(path, display, LEAFLET)


def decode(raw: bytes, display: str) -> str:
    """Return the text of a UTF-8 file; raise ContentError naming the first byte that is not UTF-8."""
    problem = size_problem(len(raw), MAX_BYTES, display, WHAT) or utf8_problem(raw, display, "Save the file as UTF-8")
    if problem:
        raise ContentError([problem])
    return raw.decode("utf-8")


def compose(text: str, display: str) -> Document:
    """Return the single YAML document in ``text`` as nodes; raise ContentError on a syntax error."""
    try:
        loader = _Loader(text, display)  # the reader checks every character here
        try:
            document = Document(loader.get_single_node(), loader.refused)
        finally:
            loader.dispose()
    except yaml.YAMLError as exc:
        raise ContentError([syntax_problem(exc, text, display)]) from None
    if loader.joined:
        raise ContentError(loader.joined)
    return document


class _Loader(yaml.SafeLoader):
    """SafeLoader whose composer refuses aliases and tags, and stops at ``MAX_DEPTH`` levels.

    Composing stays linear in the size of the file: an alias becomes an empty node marked as refused, so
    nothing downstream walks the same subtree twice.
    """

    def __init__(self, text: str, display: str = ""):
        super().__init__(text)
        self.refused: dict[yaml.Node, tuple[str, str]] = {}
        self.joined: list[Problem] = []
        """List items indented so far that YAML joined them to the text above (a silent loss otherwise)."""
        self.lines = text.splitlines()
        self.display = display
        self.depth = 0

    def compose_node(self, parent, index):
        if self.check_event(yaml.AliasEvent):
            event = self.get_event()
            node = yaml.ScalarNode(f"{_CORE_TAG}null", "", event.start_mark, event.end_mark)
            self.refused[node] = (f"aliases (*{event.anchor}) are not allowed", "Write the value out in full")
            return node
        event = self.peek_event()
        if self.depth >= MAX_DEPTH:
            raise yaml.composer.ComposerError(None, None, f"more than {MAX_DEPTH} levels of nesting",
                                              event.start_mark)
        self.depth += 1
        try:
            node = super().compose_node(parent, index)
        finally:
            self.depth -= 1
        if isinstance(node, yaml.ScalarNode):
            self.joined += joined_item_problems(node, self.lines, self.display)
        tag = getattr(event, "tag", None)
        if tag not in (None, "!"):
            shown = "!!" + tag[len(_CORE_TAG):] if tag.startswith(_CORE_TAG) else tag
            self.refused[node] = (f"the YAML tag {shown} is not allowed", "Write the value without a tag")
        return node
