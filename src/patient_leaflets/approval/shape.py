"""What gives a leaflet's words their meaning, as messages an approval seals beside the words themselves.

The words alone do not say what a patient sees: "Vous saignez." means "call us now" inside the red call-us box
and nothing urgent in the list after it. So each text is sealed with its *context* (the kinds of block and box
it sits in, without positions: inserting a block does not change every text after it), and the leaflet's shape
is sealed as messages of its own: each mapping's fields and each list's length, in file order (block types,
boxes, table cells), and every value that prints or links (``url``, ``icon``, the control data: ``version``,
``published``, ``review_due``). The cited sources are sealed as a set: their order does not change what they
say. Comments, quoting and indentation are not data, so they change nothing.
"""

from __future__ import annotations

import functools

from ..content import schema as s
from ..content.leaflet import Leaflet, get_at
from ..content.validate import format_key

CONTROL = ("version", "published", "review_due")
"""The document control data a leaflet's metadata prints: sealed, so that a changed date makes a draft."""
SOURCES = ("metadata", "sources")
NOT_SEALED = (("approval",), ("metadata", "approval"), ("metadata", "status"), ("metadata", "reviewers"),
              *((name,) for name in sorted(s.UNPRINTED)))
"""What no patient sees: the approval record itself (at the end of the file, or where earlier versions wrote it),
the library's search words (``schema.UNPRINTED``),
and two fields older leaflets still have."""
VALUE_KINDS = {"url": "link", "icon": "pictogram"}
"""The kind of change a value's field name tells (``approval.changes`` words each)."""


def context(key: tuple) -> str:
    """Return where a text sits, without positions: ``sections/blocks/urgent/signs``."""
    return "/".join(part for part in key if isinstance(part, str))


def shape_items(leaflet: Leaflet) -> list[tuple[tuple, str, str]]:
    """Return ``(key, kind, text)`` for every part of the leaflet's shape and every printed value, in file order.

    ``kind`` is ``structure`` (a mapping's fields, a list's length), ``link``, ``pictogram``, ``control``,
    ``value`` or ``source``.
    """
    items = []
    for key in sorted(leaflet.lines, key=lambda key: leaflet.lines[key]):  # file order, as a reader meets them
        if key in leaflet.texts or _unsealed(key) or key[:2] == SOURCES:
            continue
        value = get_at(leaflet.data, key)
        if key == () and isinstance(value, dict):  # the file's fields, but the approval record's
            value = {name: field for name, field in value.items() if (name,) not in NOT_SEALED}
        items.append(_item(key, value))
    sources = get_at(leaflet.data, SOURCES) if "metadata" in leaflet.data else []
    found = sorted(" · ".join(f"{name}={value}" for name, value in source.items()) for source in sources or [])
    return items + [((*SOURCES, n), "source", f"source: {text}") for n, text in enumerate(found)]


def _unsealed(key: tuple) -> bool:
    return key == ("metadata",) or any(key[:len(hidden)] == hidden for hidden in NOT_SEALED)


def _item(key: tuple, value) -> tuple[tuple, str, str]:
    where = context(key) or "the leaflet"
    if isinstance(value, dict):
        return key, "structure", f"{where}: {', '.join(value)}"
    if isinstance(value, list):
        return key, "structure", f"{where}: {len(value)} item(s)"
    name = key[-1] if key and isinstance(key[-1], str) else ""
    kind = "control" if key[:1] == ("metadata",) else VALUE_KINDS.get(name, "value")
    return key, kind, f"{where} = {value}"


def field_of(key: tuple) -> str:
    """Return a key as messages name it (``resources[0].url``), the whole leaflet as ``(the leaflet)``."""
    return format_key(key) or "(the leaflet)"


@functools.cache
def all_contexts() -> frozenset[str]:
    """Return every context a text can have in a leaflet or the shared sections (from the schema)."""
    found: set[str] = set()

    def walk(spec: s.Spec, path: tuple[str, ...]) -> None:
        if isinstance(spec, s.Text):
            found.add("/".join(path))
        elif isinstance(spec, s.Pictogrammed):
            found.update(("/".join(path), "/".join((*path, "text"))))
        elif isinstance(spec, s.Seq):
            walk(spec.item, path)
        elif isinstance(spec, (s.Map, s.OneOf)):
            for name, child in (spec.fields if isinstance(spec, s.Map) else spec.kinds).items():
                walk(child, (*path, name))

    walk(s.LEAFLET, ())
    walk(s.SHARED, ())
    return frozenset(found)
