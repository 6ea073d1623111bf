"""Whether a PDF is final, and if not, why: its source text approved, its translation approved, nothing missing.

A leaflet in the source language is final when its approval matches its text. A translated PDF is final when,
on top of that, its translation approval matches the catalog and every message has a usable translation. The
build, ``leaflets check --strict`` and ``leaflets status`` all ask this module, so they always agree.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..i18n.gaps import Gap
from ..render.html import ApprovalView, VerdictView
from .changes import describe
from .records import APPROVED, CHANGED, EDITED, FUTURE, SOURCE_ROLES, TRANSLATION_ROLES, Verdict
from .summary import ApprovalSummary, VerdictSummary


@dataclass
class PageState:
    """The approval state of one leaflet in one language."""

    leaflet: str
    locale: str
    source: Verdict
    translation: Verdict | None = None
    """None in the source language."""
    gaps: list[Gap] = field(default_factory=list)
    """Messages shown in the source language (missing, fuzzy or refused translations), each with its catalog line
    once the page is rendered (``pipeline.page.LocatedGap``)."""
    layout: Verdict | None = None
    """The look of every leaflet (``approval.layout``); None where it is not asked (a unit test of the text)."""

    @property
    def approved(self) -> bool:
        """Whether the text, its translation and the layout are approved as they are now (gaps aside)."""
        return self.source.approved and (self.translation is None or self.translation.approved) and \
            (self.layout is None or self.layout.approved)

    @property
    def final(self) -> bool:
        """Whether the PDF may be given to patients."""
        return self.approved and not self.gaps

    def reasons(self, hints: bool = False) -> list[str]:
        """Say why the PDF is a draft, one reason a line (with ``hints``, the command that approves it)."""
        reasons = []
        if not self.source.approved:
            command = f"leaflets approve {self.leaflet} --clinical NAME" if hints else ""
            reasons.append(_reason(self.source, "text", command))
        if self.translation is not None and not self.translation.approved:
            command = f"leaflets approve {self.leaflet} --locale {self.locale} --translator NAME" if hints else ""
            reasons.append(_reason(self.translation, _translation_changed(self.source, self.translation), command))
        if self.layout is not None and not self.layout.approved:
            reasons.append(layout_reason(self.layout, hints))
        if self.gaps:
            reasons.append(f"{len(self.gaps)} message(s) are untranslated, fuzzy or fail a check")
        return reasons

    def summary(self) -> ApprovalSummary:
        """Return the state as the build report, the manifest and ``leaflets status --json`` keep it."""
        return ApprovalSummary(self.final, self.reasons(), verdict_summary(self.source),
                               verdict_summary(self.translation) if self.translation is not None else None,
                               verdict_summary(self.layout) if self.layout is not None else None)


def layout_reason(verdict: Verdict, hints: bool = False) -> str:
    """Say why the layout is not approved (with ``hints``, the command that approves it)."""
    return _reason(verdict, "layout", "leaflets approve --layout --by NAME" if hints else "")


def _translation_changed(source: Verdict, translation: Verdict) -> str:
    """Name what changed in an approved translation: only the source text it translates, or the translation."""
    edited = {message.text for message in source.changed}
    if translation.changed and edited and all(message.text in edited for message in translation.changed):
        return "source text of the translation"
    return "translation"


def _reason(verdict: Verdict, what: str, command: str) -> str:
    record = verdict.record
    if verdict.state == CHANGED:
        how = "reordered" if verdict.reordered else "changed"
        return f"{what} {how} since approval on {record.date}: {'; '.join(describe(verdict))}"
    if verdict.state == FUTURE:
        return (f"the approval record ({record.where}) is dated {record.date}, in the future: it approves nothing "
                "yet; approve it again on the day it is given")
    if verdict.state == EDITED:
        return (f"the approval record ({record.where}) was edited by hand: it does not match the {what} approved on "
                f"{record.date}; approve it again")
    return f"{what} not yet approved" + (f" (run '{command}' once it is)" if command else "")


def verdict_summary(verdict: Verdict) -> VerdictSummary:
    """Return a verdict for reports: its state, who approved when, and how many messages changed since."""
    record = verdict.record
    return VerdictSummary(verdict.state, record.date.isoformat() if record else None,
                          record.version if record and record.version else None,
                          {role: list(names) for role, names in record.people.items()} if record else {},
                          verdict.count if verdict.state == CHANGED else 0, record.where if record else None)


def template_view(state: PageState, format_date) -> ApprovalView:
    """Return what the templates print about approval: the draft notice's reasons and who approved."""

    def view(verdict: Verdict | None, roles: tuple[str, ...]) -> VerdictView | None:
        if verdict is None:
            return None
        record = verdict.record
        approved = verdict.state == APPROVED
        return VerdictView(verdict.state, approved, verdict.count, format_date(record.date) if record else "",
                           {role: list(record.people.get(role, ())) if approved else [] for role in roles})

    latest = state.translation if state.translation is not None else state.source
    approved = state.approved and latest.record is not None
    return ApprovalView(state.approved, view(state.source, SOURCE_ROLES), view(state.translation, TRANSLATION_ROLES),
                        layout=state.layout is None or state.layout.approved,
                        version=latest.record.version if approved else "",
                        published=format_date(latest.record.date) if approved else "")
