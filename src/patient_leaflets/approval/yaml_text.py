"""Approval records as YAML text, written the same way wherever they live: short, stable, readable in a diff."""

from __future__ import annotations

import json
import re
import textwrap

from .records import Record

NOTE = "written by 'leaflets approve'; a change to the text, the names or the date voids it"
HASHES_PER_LINE = 10

_PLAIN = re.compile(r"[^\W\d_][\w .,'’()-]*[\w.)]", re.UNICODE)
"""Names that YAML reads back as the same text without quotes (``Dr Marie Dupont``, ``Comité des usagers``)."""


def scalar(value: str) -> str:
    """Return ``value`` as a YAML scalar: plain when that is safe, double-quoted otherwise."""
    if _PLAIN.fullmatch(value) and value.lower() not in ("yes", "no", "on", "off", "true", "false", "null"):
        return value
    return json.dumps(value, ensure_ascii=False)  # a JSON string is a valid YAML double-quoted scalar


def record_lines(record: Record, indent: str) -> list[str]:
    """Return the fields of a record, one a line, indented by ``indent``; lists of names one name a line."""
    lines = [f"{indent}date: {record.date.isoformat()}"]
    if record.version:
        lines.append(f"{indent}version: {json.dumps(record.version)}")
    for role, names in record.people.items():
        if names:
            lines.append(f"{indent}{role}:")
            lines += [f"{indent}  - {scalar(name)}" for name in names]
    lines.append(f"{indent}digest: {record.seal}")
    if not record.hashes:
        return lines + [f'{indent}messages: ""']
    lines.append(f"{indent}messages: >-")
    width = HASHES_PER_LINE * (len(record.hashes[0]) + 1)
    return lines + [f"{indent}  {line}" for line in textwrap.wrap(" ".join(record.hashes), width=width)]
