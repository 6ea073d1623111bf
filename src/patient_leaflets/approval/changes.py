"""What kind of thing changed since an approval, said as a reviewer would: "a link changed: resources[0].url",
"a sign moved out of the call-us box: sections[1].blocks[2].list[0]"."""

from __future__ import annotations

from .records import CHANGED, SHORT_HASH, Verdict, message_hash
from .shape import all_contexts
from .texts import Message

KINDS = {
    "leaflet": ("a text changed", "texts changed"),
    "template": ("a template string changed", "template strings changed"),
    "setting": ("a setting that prints changed", "settings that print changed"),
    "structure": ("the structure changed (blocks, boxes, lists or table cells)",
                  "changes of structure (blocks, boxes, lists or table cells)"),
    "link": ("a link changed", "links changed"),
    "pictogram": ("a pictogram changed", "pictograms changed"),
    "control": ("the control data changed", "control data changed"),
    "source": ("a cited source changed", "cited sources changed"),
    "value": ("a printed value changed", "printed values changed"),
    "layout": ("a layout file changed", "layout files changed"),
}
"""How each kind of message (``texts.Message.kind``) is named when it changed: one, and several."""

PLACES = {"urgent": "the call-us box", "paragraph": "a paragraph", "list": "a list", "note": "a note",
          "table": "a table", "timeline": "the timeline", "key_points": "the key points", "questions": "the questions",
          "glossary": "the glossary", "contacts": "the contacts", "resources": "the resources", "title": "the title",
          "summary": "the summary", "subtitle": "the subtitle", "heading": "a heading", "metadata": "the metadata"}
"""What a part of a text's context is called, the innermost known one naming the place."""
SHOWN = 2
"""How many fields a reason names per kind of change before it says how many more."""


def find_moves(verdict: Verdict, hashed: list[tuple[Message, str]]) -> Verdict:
    """Mark each changed text found approved, word for word, in another context of this leaflet (``moved``)."""
    if verdict.state != CHANGED:
        return verdict
    contexts = {message.context for message, _ in hashed if message.context} | all_contexts()
    left = verdict.unmatched.copy()
    for message in verdict.changed:
        for other in sorted(contexts - {message.context}):
            short = message_hash(message.text, other)[:SHORT_HASH]
            if left[short] > 0:
                left[short] -= 1
                verdict.moved[message] = other
                break
    return verdict


def place(context: str) -> str:
    """Return where a context puts a text, in words: ``the call-us box``, ``a list``."""
    parts = [part for part in context.split("/") if part in PLACES]
    return PLACES[parts[-1]] if parts else "another place"


def describe(verdict: Verdict) -> list[str]:
    """Return the kinds of change since the approval, each with the first fields it touches."""
    groups: dict[tuple[str, str], list[str]] = {}
    for message in verdict.changed:
        groups.setdefault(_kind(verdict, message), []).append(message.field or message.where)
    phrases = []
    for (one, several), fields in groups.items():
        more = f" and {len(fields) - SHOWN} more" if len(fields) > SHOWN else ""
        phrases.append(f"{one}: {fields[0]}" if len(fields) == 1 else
                       f"{len(fields)} {several}: {', '.join(fields[:SHOWN])}{more}")
    if verdict.removed > len(verdict.changed):
        phrases.append(f"{verdict.removed - len(verdict.changed)} approved message(s) removed")
    return phrases


def change_of(verdict: Verdict, message: Message) -> str:
    """Return how one changed message is named: ``a link changed``, ``a sign moved out of the call-us box``."""
    return _kind(verdict, message)[0]


def _kind(verdict: Verdict, message: Message) -> tuple[str, str]:
    if verdict.reordered:
        return "a message out of its approved order", "messages out of their approved order"
    old = verdict.moved.get(message)
    if old is None:
        return KINDS.get(message.kind, KINDS["value"])
    if "urgent" in old.split("/") and "urgent" not in message.context.split("/"):
        return "a sign moved out of the call-us box", "signs moved out of the call-us box"
    if "urgent" in message.context.split("/") and "urgent" not in old.split("/"):
        return "a text moved into the call-us box", "texts moved into the call-us box"
    return (f"a text moved from {place(old)} to {place(message.context)}",
            f"texts moved from {place(old)} to {place(message.context)}")
