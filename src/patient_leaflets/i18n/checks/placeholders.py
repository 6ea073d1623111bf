"""Placeholders read exactly as the formatter that fills them reads them.

A template string is filled with Python's ``%`` formatting (``text % values``): ``%(phone)s`` is a placeholder,
``%%`` a percent sign (so ``%%(phone)s`` prints ``%(phone)s``, not the number), and any other ``%`` (``10 % de``)
breaks the page. Leaflet text is filled like ``str.format``: ``{phone_24h}`` is a placeholder, ``{{`` a brace
(``content.markup.split_placeholders``). The check compares what each formatter will substitute, by name and
count.
"""

from __future__ import annotations

import re
from collections import Counter
from string import Formatter

from ...content.markup import placeholders_in

_SPEC = re.compile(r"%(?:\((?P<key>[^()]*)\))?(?P<flags>[-+ #0]*)(?:\*|\d+)?(?:\.(?:\*|\d+))?[hlL]?(?P<type>.?)", re.S)
_TYPES = set("diouxXeEfFgGcrsa")
_LEAFLET_PERCENT = re.compile(r"%\((\w+)\)[sdif]")


def percent_fields(text: str) -> tuple[list[str], list[str]]:
    """Return the fields ``text % mapping`` substitutes (``%(phone)s``), and what in ``text`` the ``%`` operator
    refuses (a ``%`` that is not ``%%`` nor ``%(name)x``), as Python's own parser reads them."""
    fields, errors = [], []
    index = text.find("%")
    while index != -1:
        match = _SPEC.match(text, index)
        kind, key = match.group("type"), match.group("key")
        if kind == "%" and key is None:
            index = text.find("%", match.end())
            continue
        if kind not in _TYPES:
            errors.append(f"{text[index:match.end()]!r} at position {index + 1} is not a placeholder: write %% for a "
                          "percent sign, or a placeholder as %(name)s")
        elif key is None:
            errors.append(f"{match.group()!r} at position {index + 1} is a placeholder without a name: write %% for "
                          "a percent sign, or %(name)s")
        else:
            fields.append(f"%({key}){kind}")
        index = text.find("%", match.end())
    return fields, errors


def brace_fields(text: str) -> list[str]:
    """Return the fields ``str.format`` substitutes in ``text`` (``{{`` is a brace); ValueError on a stray one."""
    return [f"{{{name}}}" for _, name, _, _ in Formatter().parse(text) if name is not None]


def placeholder_problems(msgid: str, msgstr: str, template: bool = False) -> list[str]:
    """Check that the translation has the placeholders of the source, as its formatter reads them."""
    source, _ = _placeholders(msgid, template)
    target, errors = _placeholders(msgstr, template)
    problems = [f"{error}" for error in errors]
    if source != target:
        hint = " (%% is a percent sign, not a placeholder)" if template else ""
        problems.append(f"placeholders differ: {_difference(source, target)}. Copy every placeholder exactly as in "
                        f"msgid{hint}; the build fills in the value")
    return problems


def _placeholders(text: str, template: bool) -> tuple[Counter, list[str]]:
    if template:
        fields, errors = percent_fields(text)
        return Counter(fields), errors
    try:
        braces = [f"{{{name}}}" for name in placeholders_in(text)]
    except ValueError:  # a source with a stray brace (the content check reports it)
        braces = [f"{{{name}}}" for name in re.findall(r"(?<!\{)\{(\w+)\}(?!\})", text)]
    return Counter(braces + [m.group() for m in _LEAFLET_PERCENT.finditer(text)]), []


def _difference(source: Counter, target: Counter) -> str:
    missing = list((source - target).elements())
    extra = list((target - source).elements())
    return f"msgid has {', '.join(missing) or 'none'}, msgstr has {', '.join(extra) or 'none'}"
