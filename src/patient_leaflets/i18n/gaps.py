"""A gap: one message a page shows in the source language, because its translation is missing or cannot be used.

Gaps travel from the translation stage to the page's state, across the build's worker boundary and into the
manifest, so this module stays light: reading a manifest that records gaps loads nothing of the translation stage.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..errors import excerpt


@dataclass(frozen=True)
class Gap:
    """One message a language lacks: where it is used, and why its translation cannot be used."""

    msgid: str
    reason: str
    """Why the translation is not used: ``TranslationState.reason`` (``untranslated``, ``fuzzy (…)``, a check's)."""
    where: str
    """``leaflets/x.yaml:12 (sections[0].heading)`` or ``templates/blocks.html.j2:29``."""
    po: str = ""
    """The entry to fix: ``translations/en/LC_MESSAGES/leaflets.po:1519``, or what to do when there is none."""

    def __str__(self) -> str:
        return f"{self.where}: {self.reason}: {excerpt(self.msgid, 58)!r}" + (f" ({self.po})" if self.po else "")
