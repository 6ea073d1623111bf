"""Settings declared once: each a dataclass field that says what its TOML value must be, read by one loop.

``setting()`` declares a field as a setting: its kind (what TOML values it takes, what it becomes), its
default (none: it must be written) and an optional check of the value; its key is the field's name with
hyphens, and its attribute docstring says what it means. ``read_table()`` reads a TOML table against a
dataclass's settings and reports every problem at once, each named by its dotted key so that
``toml.setting_line`` finds its line. (MkDocs' ``config_options`` work the same way.)
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import MISSING, Field, dataclass, field, fields
from typing import Any

from ..errors import Problem, did_you_mean

Check = Callable[[Any, dict], Iterable[tuple[str, str]]]
"""A check of a setting's value, given every value (defaults included) by field name: it returns
``(message, fix)`` for each thing wrong."""


@dataclass(frozen=True)
class Kind:
    """What TOML values a setting takes, and the Python value each becomes."""

    expected: str
    """What a message says was expected: ``text``, ``a number``…"""
    accepts: Callable[[Any], bool]
    convert: Callable[[Any], Any] = lambda value: value
    fix: str = ""
    """How to write it, when a message should say."""


def _listed(value) -> tuple:
    return tuple(value) if isinstance(value, list) else (value,)


def _is_text_list(value) -> bool:
    return isinstance(value, str) or isinstance(value, list) and all(isinstance(item, str) for item in value)


TEXT = Kind("text", lambda value: isinstance(value, str))
BOOL = Kind("true or false", lambda value: isinstance(value, bool))
NUMBER = Kind("a number", lambda value: isinstance(value, (int, float)) and not isinstance(value, bool))


def text_list(example: str) -> Kind:
    """Return the kind of a list of text, where one text stands for a list of one: ``example`` names them."""
    return Kind(f"a list of {example}", _is_text_list, _listed)


TERMS = Kind("a list of terms", lambda value: all(isinstance(term, str) and term.strip() for term in _listed(value)),
             _listed, 'Write it as do-not-translate = ["SAMU", "Gustave Roussy"]')
TEXT_TABLE = Kind('a table of locale codes, e.g. { en = "en_GB" }',
                  lambda value: isinstance(value, dict) and all(isinstance(v, str) for v in value.values()),
                  lambda value: tuple(sorted(value.items())))
UNIT_TABLE = Kind('a table of unit spellings, e.g. { mcg = "mass-microgram" }',
                  lambda value: isinstance(value, dict) and all(isinstance(v, str) and v for v in value.values()),
                  lambda value: tuple(sorted(value.items())))


def setting(kind: Kind, default: Any = MISSING, check: Check | None = None) -> Any:
    """Declare a dataclass field as a setting of ``kind``; without a default, it must be written."""
    return field(default=default, metadata={"kind": kind, "check": check})


def settings_of(cls) -> dict[str, Field]:
    """Return the settings ``cls`` declares, by TOML key: the field ``source_locale`` is ``source-locale``."""
    return {f.name.replace("_", "-"): f for f in fields(cls) if "kind" in f.metadata}


def with_defaults(cls, written: dict) -> dict:
    """Return ``written`` (by field name) completed with the defaults of the settings it leaves out."""
    return {f.name: f.default for f in settings_of(cls).values() if f.default is not MISSING} | written


def read_table(table: dict, cls, name: str, where: str, *, otherwise: str = "",
               tables: tuple[str, ...] = ()) -> tuple[dict, list[Problem]]:
    """Return the settings of ``cls`` that ``table`` writes with the right kind, by field name, and every problem.

    ``name`` is the table's dotted name and ``where`` its file, for messages; ``otherwise`` is the fix for an
    unknown key like no known one; ``tables`` are keys of tables read on their own.
    """
    declared = settings_of(cls)
    problems, written = [], {}
    for key, spec in declared.items():
        kind = spec.metadata["kind"]
        if key not in table:
            if spec.default is MISSING:
                problems.append(Problem(where, None, f"{name}.{key}", "missing", f"Add {key} = … under [{name}]"))
        elif kind.accepts(table[key]):
            written[spec.name] = kind.convert(table[key])
        else:
            problems.append(Problem(where, None, f"{name}.{key}", f"expected {kind.expected}", kind.fix))
    problems += [Problem(where, None, f"{name}.{key}", "unknown setting", did_you_mean(key, declared, otherwise))
                 for key in sorted(set(table) - set(declared) - set(tables))]
    values = with_defaults(cls, written)
    for key, spec in declared.items():  # once every value is read: a phone number is checked in the country's rules
        check = spec.metadata["check"]
        if check and spec.name in written:
            problems += [Problem(where, None, f"{name}.{key}", message, fix)
                         for message, fix in check(written[spec.name], values)]
    return written, problems
