"""A page's approval state as reports keep it: the ``approval`` of ``build-report.json``, of the build manifest
and of ``leaflets status --json``.

The build stores it with each PDF and reads it back for the PDFs it does not render again, so it is read and
written here alone (``to_json``, ``from_json``). Light on purpose: an up-to-date build imports this module, and
nothing of the approval records, the catalogs or the renderer.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class VerdictSummary:
    """A text compared with its approval, as reports write it."""

    state: str
    """``approved``, ``not approved``, ``changed`` or ``edited`` (``approval.records``)."""
    date: str | None = None
    """The day of the approval (ISO 8601), if there is one."""
    version: str | None = None
    by: dict[str, list[str]] = field(default_factory=dict)
    """The names, by role."""
    changed: int = 0
    """How many messages changed since the approval."""
    record: str | None = None
    """Where the approval is written: ``leaflets/chemotherapy.yaml:14``."""

    def to_json(self) -> dict:
        """Return the verdict as reports write it."""
        return {"state": self.state, "date": self.date, "version": self.version,
                "by": {role: list(names) for role, names in self.by.items()}, "changed": self.changed,
                "record": self.record}

    @classmethod
    def from_json(cls, data: dict) -> VerdictSummary:
        """Read a verdict a report wrote; raise (KeyError, TypeError…) when ``data`` is not one."""
        return cls(str(data["state"]), _text_or_none(data["date"]), _text_or_none(data["version"]),
                   {str(role): [str(name) for name in names] for role, names in data["by"].items()},
                   int(data["changed"]), _text_or_none(data["record"]))


@dataclass(frozen=True)
class ApprovalSummary:
    """Whether a PDF is final, why not if it is not, and the verdicts on its text and its translation."""

    final: bool
    reasons: list[str]
    """Why the PDF is a draft (the build's ``draft_reasons`` before layout); empty when it is final."""
    source: VerdictSummary
    translation: VerdictSummary | None = None
    """None in the source language."""
    layout: VerdictSummary | None = None
    """The layout approval (``approval.layout``): the same for every PDF of a build."""

    def to_json(self) -> dict:
        """Return the state as the build report and ``leaflets status --json`` write it."""
        return {"final": self.final, "reasons": list(self.reasons), "source": self.source.to_json(),
                "translation": self.translation.to_json() if self.translation is not None else None,
                "layout": self.layout.to_json() if self.layout is not None else None}

    @classmethod
    def from_json(cls, data: dict) -> ApprovalSummary:
        """Read a state a report wrote; raise (KeyError, TypeError…) when ``data`` is not one."""
        if not isinstance(data["final"], bool):
            raise TypeError(f"final: expected true or false, got {data['final']!r}")
        translation, layout = data["translation"], data["layout"]
        return cls(data["final"], [str(reason) for reason in data["reasons"]], VerdictSummary.from_json(data["source"]),
                   VerdictSummary.from_json(translation) if translation is not None else None,
                   VerdictSummary.from_json(layout) if layout is not None else None)


def _text_or_none(value) -> str | None:
    return None if value is None else str(value)
