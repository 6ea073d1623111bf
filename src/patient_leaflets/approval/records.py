"""Approval records: who approved which text on which day, sealed so that any later change shows.

A record keeps a short hash of every message approved (to name the messages that changed since) and a seal: the
SHA-256 of the subject (leaflet and language), the date, the version, the names and the full hash of every
message. The text is approved while the seal computed from today's text matches the one recorded. Editing the
text breaks the seal and changes some message hashes; editing the record by hand (its names, date or seal)
breaks the seal alone, which is how a hand edit is told from a change of text.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections import Counter
from dataclasses import dataclass, field

from .texts import Message

SHORT_HASH = 10
"""Hex digits kept per message in a record: enough to name changed messages, short enough to read in a diff."""
SEAL_PREFIX = "sha256:"

APPROVED, UNAPPROVED, CHANGED, EDITED, FUTURE = "approved", "not approved", "changed", "edited", "dated in the future"
"""The states of a text against its record."""
SOURCE_ROLES = ("clinical", "patient")
TRANSLATION_ROLES = ("translator", "reviewer")
"""Who approves a source text, and who a translation."""


@dataclass(frozen=True)
class Record:
    """One approval: the people who gave it, when, and what they approved (as hashes)."""

    subject: str
    """What was approved: ``chemotherapy (fr)``; part of the seal, so a record copied to another leaflet fails."""
    date: dt.date
    people: dict[str, tuple[str, ...]]
    """Names by role: ``clinical`` and ``patient`` (source text), ``translator`` and ``reviewer`` (translation)."""
    seal: str
    hashes: tuple[str, ...]
    version: str = ""
    where: str = ""
    """Where the record is written: ``leaflets/chemotherapy.yaml:14``."""

    def names(self) -> list[str]:
        """Return every name in the record, role by role."""
        return [name for role in self.people.values() for name in role]


def message_hash(*parts: str) -> str:
    """Return the full hash of one message: its text, or a msgid and its translation."""
    return hashlib.sha256("\0".join(parts).encode("utf-8")).hexdigest()


def seal(subject: str, date: dt.date, people: dict[str, tuple[str, ...]], version: str, hashes: list[str]) -> str:
    """Return the seal of a record: what, when, by whom and the full hash of every message, in order."""
    payload = {"subject": subject, "date": date.isoformat(), "version": version,
               "people": {role: list(names) for role, names in sorted(people.items())}, "messages": hashes}
    encoded = json.dumps(payload, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode("utf-8")
    return SEAL_PREFIX + hashlib.sha256(encoded).hexdigest()


def make_record(subject: str, date: dt.date, people: dict[str, tuple[str, ...]], version: str,
                hashed: list[tuple[Message, str]]) -> Record:
    """Return the record of approving the messages ``hashed`` (each with its full hash) today."""
    full = [digest for _, digest in hashed]
    return Record(subject, date, people, seal(subject, date, people, version, full),
                  tuple(digest[:SHORT_HASH] for digest in full), version)


@dataclass
class Verdict:
    """A text compared with its approval record."""

    state: str
    """``approved``, ``not approved`` (no record), ``changed`` (the text) or ``edited`` (the record, by hand)."""
    record: Record | None = None
    changed: list[Message] = field(default_factory=list)
    """The messages that are new or different since the approval, in reading order."""
    removed: int = 0
    """How many approved messages are gone."""
    total: int = 0
    """How many messages the text has now."""
    unmatched: Counter = field(default_factory=Counter)
    """The short hashes of the approved messages no message matches today (``changes.find_moves`` reads them)."""
    reordered: bool = False
    """The same messages as approved, in another order (``changed`` are those out of place)."""
    moved: dict[Message, str] = field(default_factory=dict)
    """Changed texts found approved in another context (another kind of block or box): the context they left."""

    @property
    def approved(self) -> bool:
        return self.state == APPROVED

    @property
    def count(self) -> int:
        """How many messages changed: new or different ones, or removed ones, whichever is more."""
        return max(len(self.changed), self.removed)


def judge(record: Record | None, hashed: list[tuple[Message, str]]) -> Verdict:
    """Compare today's messages (each with its full hash) with a record.

    A record dated after today approves nothing, however it was sealed: no one approved it yet.
    """
    if record is None:
        return Verdict(UNAPPROVED, total=len(hashed))
    full = [digest for _, digest in hashed]
    if seal(record.subject, record.date, record.people, record.version, full) == record.seal:
        return Verdict(APPROVED if record.date <= dt.date.today() else FUTURE, record, total=len(hashed))
    approved = Counter(record.hashes)
    current = Counter(digest[:SHORT_HASH] for digest in full)
    if approved == current and list(record.hashes) == [d[:SHORT_HASH] for d in full]:
        return Verdict(EDITED, record, total=len(hashed))
    changed = []
    for message, digest in hashed:
        if approved[digest[:SHORT_HASH]] > 0:
            approved[digest[:SHORT_HASH]] -= 1
        else:
            changed.append(message)
    if not changed and not +approved:  # the same messages in another order: name those out of place
        pairs = zip(hashed, record.hashes, strict=True)
        changed = [message for (message, digest), was in pairs if digest[:SHORT_HASH] != was]
        return Verdict(CHANGED, record, changed, total=len(hashed), reordered=True)
    return Verdict(CHANGED, record, changed, removed=sum(approved.values()), total=len(hashed),
                   unmatched=+approved)
