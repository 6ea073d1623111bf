"""The custom properties a stylesheet declares in its ``:root`` rule, read with tinycss2 once per version of the file.

Inline SVG drawn in Python (the timeline) takes its colours and font stack from them, so that the stylesheet stays
the one place where each is declared.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from pathlib import Path

import tinycss2

from ..errors import Problem, RenderError
from ..files import ASSET, read_file

_PLAIN_NAME = re.compile(r"-?[A-Za-z_][\w-]*(?: -?[A-Za-z_][\w-]*)*")
"""A font family name that CSS may write without quotes: identifiers separated by single spaces."""


@dataclass(frozen=True)
class Declared:
    """The custom properties of a stylesheet's ``:root`` rules, the last declaration of each."""

    display: str
    """The stylesheet, as messages name it."""
    line: int | None
    """The line of its first ``:root`` rule; None if it has none."""
    values: dict[str, list]
    """Each property's value, as tinycss2 tokens, by name (``--accent``)."""

    def problem(self, name: str, message: str, fix: str) -> Problem:
        """Return a problem with the property ``name``, placed at the ``:root`` rule."""
        return Problem(self.display, self.line, name, message, fix)


def root_properties(path: Path, display: str) -> Declared:
    """Return the custom properties the stylesheet at ``path`` declares in ``:root``; ``display`` names it."""
    return _parse(read_file(path, display, ASSET), display)


@functools.lru_cache(maxsize=8)
def _parse(raw: bytes, display: str) -> Declared:
    """Parse once per content of the file: an edited stylesheet is parsed again, an unchanged one is not."""
    rules, _encoding = tinycss2.parse_stylesheet_bytes(raw, skip_comments=True, skip_whitespace=True)
    line, values = None, {}
    for rule in rules:
        if rule.type == "qualified-rule" and tinycss2.serialize(rule.prelude).strip() == ":root":
            line = line or rule.source_line
            for item in tinycss2.parse_declaration_list(rule.content, skip_comments=True, skip_whitespace=True):
                if item.type == "declaration" and item.name.startswith("--"):
                    values[item.name] = [token for token in item.value if token.type != "whitespace"]
    return Declared(display, line, values)


def plain_value(declared: Declared, name: str) -> str:
    """Return the value of the custom property ``name`` as written (``#1c3f77``); raise RenderError if it is
    missing or refers to another property, which nothing outside the stylesheet could look up."""
    if name not in declared.values:
        raise RenderError([declared.problem(name, "missing: the timeline graphic is drawn with it",
                                            "Declare it in the :root rule, beside the other colours")])
    tokens = declared.values[name]
    if any(token.type == "function" and token.lower_name == "var" for token in tokens):
        raise RenderError([declared.problem(name, "refers to another property: the timeline graphic cannot look "
                                            "it up", "Write the value itself")])
    return tinycss2.serialize(tokens).strip() if tokens else ""


def font_stack(declared: Declared, name: str) -> str:
    """Return the font stack the custom property ``name`` declares, without the quotes a family name needs
    in no attribute: ``"Atkinson Hyperlegible Next", sans-serif`` is ``Atkinson Hyperlegible Next, sans-serif``."""
    plain_value(declared, name)  # present, and a value of its own
    families, words = [], []
    for token in declared.values[name]:
        if token.type == "literal" and token.value == ",":
            families.append(" ".join(words))
            words = []
        elif token.type == "string" and _PLAIN_NAME.fullmatch(token.value):
            words.append(token.value)
        else:
            words.append(tinycss2.serialize([token]))
    return ", ".join([*families, " ".join(words)])
