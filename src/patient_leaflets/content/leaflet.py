"""The leaflet model: a validated leaflet in one language, with the YAML line of every value, and loading it."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from glob import escape as glob_escape
from pathlib import Path
from typing import Any

from ..config import Config
from ..errors import ContentError, Problem
from . import schema as s
from .loader import compose, decode, read_yaml
from .validate import Key, Validator

LEAFLET_ID = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
"""A leaflet's id is its file name without ``.yaml``; it names the PDF, so it is kept to a-z, 0-9 and hyphens."""


@dataclass
class Leaflet:
    """One treatment's leaflet: validated data in one language, with the YAML line of every value."""

    id: str
    """File name without extension, e.g. ``chemotherapy``; also the PDF's name."""
    source: str
    """Path of the YAML file as shown in messages (relative to the project)."""
    data: dict
    """The validated content, shaped as in the README (Writing a leaflet)."""
    lines: dict[Key, int] = field(default_factory=dict)
    """Line number of each value, by path."""
    texts: list[Key] = field(default_factory=list)
    """Paths of the translatable texts, in file order."""

    def iter_texts(self) -> Iterator[tuple[Key, str, int]]:
        """Yield ``(path, text, line)`` for every translatable text, in file order."""
        for key in self.texts:
            yield key, get_at(self.data, key), self.lines[key]

    def iter_printed_texts(self) -> Iterator[tuple[Key, str, int]]:
        """Yield ``(path, text, line)`` for every translatable text a patient reads (not the search words)."""
        return ((key, text, line) for key, text, line in self.iter_texts() if key[0] not in s.UNPRINTED)


def get_at(data: Any, key: Key) -> Any:
    """Return the value at ``key`` in nested data."""
    for part in key:
        data = data[part]
    return data


def load_leaflet(path: Path, display: str) -> Leaflet:
    """Read and validate one leaflet file (or the shared sections file); raise ContentError listing every problem.

    ``display`` names the file in messages (``Config.display``: relative to the project).
    """
    path = Path(path)
    problems = _file_name_problems(path, display)
    try:
        leaflet = parse_leaflet(read_yaml(path, display), display, path.stem)
    except ContentError as exc:
        raise ContentError(problems + [_name_taken(problem, path) for problem in exc.problems]) from None
    if problems:
        raise ContentError(problems)
    return leaflet


def parse_leaflet(raw: bytes, display: str, leaflet_id: str) -> Leaflet:
    """Validate YAML bytes as a leaflet (or as shared sections, for ``_shared``); raise ContentError."""
    spec = s.SHARED if leaflet_id == s.SHARED_ID else s.LEAFLET
    document = compose(decode(raw, display), display)
    if document.node is None:
        raise ContentError([Problem(display, 1, "", "the file is empty")])
    validator = Validator(display, document.refused)
    if spec is s.LEAFLET and not LEAFLET_ID.fullmatch(leaflet_id):
        validator.problems.append(_id_problem(leaflet_id, display))
    data = validator.read(document.node, spec, ())
    if spec is s.LEAFLET:
        validator.apply_rules(data or {})
    if validator.problems:
        raise ContentError(sorted(validator.problems, key=lambda p: (p.line or 0, p.field)))
    return Leaflet(leaflet_id, display, data, validator.lines, validator.texts)


def load_shared(config: Config) -> Leaflet | None:
    """Load ``leaflets/_shared.yaml``, the sections every leaflet ends with; None when the project has none."""
    if not config.shared_path.exists():
        return None
    return load_leaflet(config.shared_path, config.display(config.shared_path))


def _id_problem(leaflet_id: str, display: str) -> Problem:
    ascii_name = unicodedata.normalize("NFKD", leaflet_id).encode("ascii", "ignore").decode().lower()
    suggestion = "-".join(re.findall(r"[a-z0-9]+", ascii_name)) or "treatment-name"
    return Problem(display, None, "", f"{leaflet_id!r} cannot be a leaflet id: the file name names the PDF and "
                   "may use only lowercase letters a-z, digits and hyphens", f"Rename the file {suggestion}.yaml")


def _name_taken(problem: Problem, path: Path) -> Problem:
    """Never suggest renaming a file to the name of a leaflet that exists: say the two may be copies."""
    taken = re.fullmatch(r"Rename the file (.+\.yaml)", problem.fix or "")
    if not taken or not (path.parent / taken.group(1)).exists():
        return problem
    return replace(problem, fix=f"{taken.group(1)} exists already: if this file is a copy of it, delete "
                               "one of the two; otherwise rename it with another id (lowercase letters a-z, digits "
                               "and hyphens)")


def _file_name_problems(path: Path, display: str) -> list[Problem]:
    """Return what is wrong with a leaflet's file name: its extension, or another file with the same id."""
    problems = []
    if path.suffix != ".yaml":
        problems.append(Problem(display, None, "", f"leaflet files end in .yaml, not {path.suffix}",
                                f"Rename it {path.stem}.yaml"))
    twins = sorted(p.name for p in path.parent.glob(f"{glob_escape(path.stem)}.*")
                   if p.suffix.lower() in (".yaml", ".yml") and p.name != path.name)
    if twins:
        problems.append(Problem(display, None, "", f"another file has the same leaflet id {path.stem!r}: "
                                f"{', '.join(twins)}; both would be written to {path.stem}.pdf", "Keep one of them"))
    return problems
