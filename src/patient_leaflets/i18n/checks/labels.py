"""Labels beside values: a term that names a placeholder's number must stay beside that placeholder.

``appelez le %(samu)s (SAMU) ou le %(emergency)s`` translated as ``call %(emergency)s (SAMU) or %(samu)s`` keeps
every placeholder and every term, yet sends a patient to the wrong service. Each do-not-translate term is paired
with the placeholder nearest to it, in the source and in the translation, and the pairs must be the same.
"""

from __future__ import annotations

import re
from collections import Counter

_PLACEHOLDER = re.compile(r"(?<!\{)\{\w+\}(?!\})|%\(\w+\)[sdif]")


def label_problems(msgid: str, msgstr: str, terms: tuple[str, ...]) -> list[str]:
    """Return a problem for each term that moved from its placeholder to another one."""
    source, target = _pairs(msgid, terms), _pairs(msgstr, terms)
    if source == target or len(set(_PLACEHOLDER.findall(msgid))) < 2:
        return []
    moved = sorted((source - target).elements())
    return [f"{term!r} goes with {source_value} in msgid but with "
            f"{_listed([v for t, v in target if t == term]) or 'nothing'} in msgstr: keep each label beside "
            "its number, as in msgid" for term, source_value in moved]


def _pairs(text: str, terms: tuple[str, ...]) -> Counter:
    placeholders = [(m.start(), m.end(), m.group()) for m in _PLACEHOLDER.finditer(text)]
    pairs = Counter()
    for term in terms:
        for match in re.finditer(rf"(?<!\w){re.escape(term)}(?!\w)", text):
            distances = [(min(abs(match.start() - end), abs(start - match.end())), name)
                         for start, end, name in placeholders]
            if distances:
                pairs[(term, min(distances)[1])] += 1
    return pairs


def _listed(values: list[str]) -> str:
    return ", ".join(sorted(set(values)))
