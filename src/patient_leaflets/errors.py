"""Exceptions raised by patient-leaflets, all carrying where the problem is."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Problem:
    """One problem found in an input file, printed compiler-style."""

    file: str
    line: int | None
    field: str
    message: str
    hint: str = ""
    column: int | None = None
    """Column of the problem on its line, counted from 1, when it is known (syntax errors)."""

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line else self.file
        if self.line and self.column:
            where += f":{self.column}"
        text = f"{where}: {self.field}: {self.message}" if self.field else f"{where}: {self.message}"
        return f"{text}. {self.hint}" if self.hint else text


class LeafletError(Exception):
    """Base class of every error the tool reports to its user."""

    def __init__(self, problems: list[Problem] | str):
        if isinstance(problems, str):
            self.problems: list[Problem] = []
            super().__init__(problems)
        else:
            self.problems = list(problems)
            super().__init__("\n".join(str(p) for p in self.problems))


class ConfigError(LeafletError):
    """The project settings in pyproject.toml are missing or wrong."""


class ContentError(LeafletError):
    """A leaflet YAML file is malformed or fails validation."""


class CatalogError(LeafletError):
    """A translation catalog cannot be read or written."""


class TranslationError(LeafletError):
    """A leaflet cannot be published in a locale: messages are missing, fuzzy or broken."""


class RenderError(LeafletError):
    """A leaflet could not be rendered to PDF."""
