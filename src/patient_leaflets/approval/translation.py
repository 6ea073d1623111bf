"""Translation approvals: ``translations/<locale>/approvals.yaml``, one record per leaflet.

They live beside the catalog, not in it: Poedit, Weblate and ``msgmerge`` rewrite a ``.po`` file's headers and
comments as they please, and would drop or mangle a record kept there. Each record is bound to the exact
translations (msgstr) the leaflet shows and to the source text (msgid) they translate.
"""

from __future__ import annotations

from pathlib import Path

import yaml

from ..config import Config
from ..content import schema as s
from ..content.leaflet import Leaflet
from ..content.loader import compose, decode, read_yaml
from ..content.validate import Validator
from ..errors import ContentError, Problem
from ..files import write_atomic
from ..i18n.translate import final_translation
from .records import TRANSLATION_ROLES, Record, Verdict, judge, message_hash
from .source import subject
from .texts import Message, source_messages
from .yaml_text import NOTE, record_lines


def hashed_translation(config: Config, leaflet: Leaflet, shared: Leaflet | None,
                       catalog) -> list[tuple[Message, str]]:
    """Return every translatable message of the leaflet, each hashed with its final translation (or none)."""
    hashed = []
    for message in source_messages(config, leaflet, shared):
        if message.translatable:
            msgstr, _ = final_translation(catalog, message.text)
            hashed.append((message, message_hash(message.text, msgstr or "")))
    return hashed


def translation_verdict(config: Config, leaflet: Leaflet, shared: Leaflet | None, locale: str, catalog) -> Verdict:
    """Compare a leaflet's translation in ``catalog`` today with its approval."""
    record = read_approvals(config, locale).get(leaflet.id)
    return judge(record, hashed_translation(config, leaflet, shared, catalog))


def read_approvals(config: Config, locale: str) -> dict[str, Record]:
    """Return the translation approvals of ``locale`` by leaflet id; raise ContentError when the file is broken."""
    path = config.approvals_path(locale)
    if not path.exists():
        return {}
    display = config.display(path)
    root = compose(decode(read_yaml(path, display), display), display)
    validator = Validator(display, root.refused)
    records, seen = {}, {}
    if root.node is not None and not isinstance(root.node, yaml.MappingNode):
        validator.report((), root.node.start_mark.line + 1, "expected one record per leaflet id")
    for key_node, value_node in root.node.value if isinstance(root.node, yaml.MappingNode) else []:
        if key_node.value in seen:
            validator.report((key_node.value,), key_node.start_mark.line + 1, "a second record for this leaflet",
                             f"Its record is already on line {seen[key_node.value]}: keep one, or approve again")
            continue
        seen[key_node.value] = key_node.start_mark.line + 1
        data = validator.read(value_node, s.TRANSLATION_APPROVAL, (key_node.value,))
        if data is not None and all(data.get(name) for name in ("date", "translator", "digest", "messages")):
            people = {role: tuple(data.get(role) or ()) for role in TRANSLATION_ROLES}
            records[key_node.value] = Record(subject(key_node.value, locale), data["date"], people, data["digest"],
                                             tuple(data["messages"].split()), data.get("version") or "",
                                             where=f"{display}:{key_node.start_mark.line + 1}")
    if validator.problems:
        raise ContentError(validator.problems)
    return records


def write_approvals(config: Config, locale: str, records: dict[str, Record]) -> Path:
    """Write every record of ``locale``, sorted by leaflet id, and read the file back to prove it."""
    path = config.approvals_path(locale)
    lines = [f"# Translation approvals ({locale}): who translated and who reviewed each leaflet, bound to the exact",
             f"# text they approved; {NOTE}.",
             "# Kept beside the catalog because translation tools rewrite a .po file's comments and headers."]
    for leaflet_id in sorted(records):
        lines += [f"{leaflet_id}:"] + record_lines(records[leaflet_id], "  ")
    write_atomic(path, ("\n".join(lines) + "\n").encode("utf-8"))
    written = read_approvals(config, locale)
    if {k: (r.seal, r.hashes, r.people) for k, r in written.items()} != \
            {k: (r.seal, r.hashes, r.people) for k, r in records.items()}:
        raise ContentError([Problem(config.display(path), None, "", "the approvals written do not read back the same",
                                    "Report this as a bug")])
    return path
