"""The one error contract: every problem a user must fix is a ``Problem``, raised inside a ``LeafletError``.

A problem names its file as the user sees it (relative to the project), the line, the field, what is wrong,
and the fix when there is one; it prints compiler-style, ``leaflets/x.yaml:14: sections[2].heading: missing``.
The helpers below word the parts of messages that several stages share.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal


@dataclass(frozen=True)
class Problem:
    """One problem found in an input file, printed compiler-style."""

    file: str
    """The file as the user names it, relative to the project; empty for a problem with no file."""
    line: int | None
    field: str
    """Where in the file: a YAML path, a setting, a quoted msgid; empty when the line says enough."""
    message: str
    fix: str = ""
    """How to fix it, when there is one way; printed after the message."""
    column: int | None = None
    """Column of the problem on its line, counted from 1, when it is known (syntax errors)."""
    severity: Literal["error", "warning"] = "error"
    """Errors stop a release (``leaflets check`` exits 1); warnings are worth a look."""

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.file and self.line else self.file
        if self.file and self.line and self.column:
            where += f":{self.column}"
        text = ": ".join(part for part in (where, self.field, self.message) if part)
        return f"{text}. {self.fix}" if self.fix else text

    @classmethod
    def general(cls, message: str, fix: str = "") -> Problem:
        """Return a problem with no file (an unknown leaflet or language, a PDF refused): ``message. fix``."""
        return cls("", None, "", message, fix)


class LeafletError(Exception):
    """Base class of every error the tool reports to its user: one or more problems."""

    def __init__(self, problems: Iterable[Problem]):
        self.problems: list[Problem] = list(problems)
        super().__init__("\n".join(str(p) for p in self.problems))


class ConfigError(LeafletError):
    """The project settings in pyproject.toml are missing or wrong."""


class ContentError(LeafletError):
    """A leaflet YAML file is malformed or fails validation."""


class CatalogError(LeafletError):
    """A translation catalog cannot be read or written."""


class RenderError(LeafletError):
    """A leaflet could not be rendered to PDF."""


class BuildError(LeafletError):
    """A build cannot start (unknown leaflet or language, output folder in use) or refuses a PDF."""


class ApprovalError(LeafletError):
    """An approval cannot be recorded: unknown leaflet or language, no names, or an incomplete translation."""


def did_you_mean(name: str, known: Iterable[str], otherwise: str = "") -> str:
    """Return ``Did you mean 'x'?`` for the known name closest to ``name``, else ``otherwise``."""
    close = difflib.get_close_matches(name, list(known), n=1)
    return f"Did you mean {close[0]!r}?" if close else otherwise


def excerpt(text: str, width: int) -> str:
    """Return ``text`` cut to ``width`` characters, ending in … when it was longer."""
    return text if len(text) <= width else text[:width - 1] + "…"


QUOTED_LENGTH = 32
"""How much of a msgid a problem quotes to name its entry."""


def quote(msgid: str) -> str:
    """Return the start of a msgid, quoted, to name its entry in a message: ``"Vous avez une température…"``."""
    return f'"{excerpt(" ".join(str(msgid).split()), QUOTED_LENGTH)}"'
