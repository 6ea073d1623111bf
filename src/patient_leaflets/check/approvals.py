"""The approval part of ``leaflets check``: which PDFs would be drafts, why, and which messages changed.

``--strict`` turns each into an error, so that ``leaflets check --strict`` fails on exactly the PDFs that
``leaflets build --strict`` refuses: both ask ``pipeline.page`` for the same state.
"""

from __future__ import annotations

from ..approval.changes import change_of
from ..approval.layout import read_layout_approval
from ..approval.records import CHANGED, Verdict
from ..approval.translation import read_approvals
from ..config import Config
from ..config.formats import FORMATS, STANDARD
from ..errors import LeafletError, Problem, quote
from ..pipeline.page import LocatedGap
from ..pipeline.status import StatusRow, approval_status


def pages_of(config: Config, locales: list[str] | None = None) -> list[StatusRow]:
    """Return the state of every PDF ``check_approvals`` looks at: those of ``locales`` (all languages by default).

    ``check -l de`` tells a translator about the German PDFs (each says when the French text is not approved), not
    the French drafts the clinicians are to approve.
    """
    return approval_status(config, list(dict.fromkeys(locales)) if locales else None)


def check_approvals(config: Config, strict: bool = False, locales: list[str] | None = None,
                    rows: list[StatusRow] | None = None) -> list[Problem]:
    """Return a problem for each PDF that would be a draft, and for each message changed since its approval.

    ``locales`` limits the languages looked at (``pages_of``). ``rows`` are the pages' states when the caller has
    them already.
    """
    severity = "error" if strict else "warning"
    problems = _file_problems(config, locales)
    for row in rows if rows is not None else pages_of(config, locales):
        if row.error and strict:  # the content checks say why; this says which PDF the build fails
            problems.append(Problem(_handout_path(config, row), None, "", "build --strict fails it: it cannot be "
                                    f"built ({row.error.splitlines()[0]})"))
        if row.error or row.final:
            continue
        output = _handout_path(config, row)
        verb = "build --strict refuses it:" if strict else "a draft:"
        problems.append(Problem(output, None, "", f"{verb} {'; '.join(row.reasons(hints=False))}",
                                _fix(row), severity=severity))
        problems += changed_messages(config, row, severity)
        if strict:
            problems += [gap_problem(gap) for gap in row.state.gaps]
    return problems


def _file_problems(config: Config, locales: list[str] | None) -> list[Problem]:
    """Return what is wrong with each language's ``approvals.yaml`` and with ``layout-approval.yaml`` (the rows
    of the PDFs they concern then say only that they failed)."""
    problems = []
    try:
        read_layout_approval(config)
    except LeafletError as exc:
        problems += exc.problems
    for locale in [name for name in locales or config.locales if name in config.locales]:
        try:
            read_approvals(config, locale)
        except LeafletError as exc:
            problems += exc.problems
    return problems


def gap_problem(gap: LocatedGap) -> Problem:
    """Return a message shown in the source language as an error at its catalog line."""
    missing = "" if gap.po_line else f"; {gap.po}"  # not in the catalog: ``po`` says what to run
    return Problem(gap.po_file, gap.po_line, quote(gap.msgid), f"{gap.reason} ({gap.where}){missing}")


def _handout_path(config: Config, row: StatusRow) -> str:
    """Return the PDF a row stands for, as the user names it: its first hand-out format's file."""
    fmt = next((FORMATS[name] for name in config.formats if FORMATS[name].handout), FORMATS[STANDARD])
    return config.display(config.path("output") / row.locale / fmt.file_name(row.leaflet))


def changed_messages(config: Config, row: StatusRow, severity: str) -> list[Problem]:
    """Return one problem per message changed since its approval, where to find it (once per leaflet for the source)."""
    state = row.state
    problems = []
    if row.locale == config.source_locale:  # the same changes in every language: listed once
        problems += _changes(state.source, severity)
    if state.translation is not None:
        po = config.display(config.po_path(row.locale))
        edited = {message.text for message in _changed(state.source)}
        problems += [Problem(po, None, quote(message.text), f"{_what_changed(message, edited)} since approval on "
                             f"{state.translation.record.date} ({message.where})", severity=severity)
                     for message in _changed(state.translation)]
    return problems


def _what_changed(message, edited: set[str]) -> str:
    return "source text of the translation changed" if message.text in edited else "translation changed"


def _changes(verdict: Verdict, severity: str) -> list[Problem]:
    return [Problem(message.file, message.line, message.field,
                    f"{change_of(verdict, message)} since approval on {verdict.record.date}", severity=severity)
            for message in _changed(verdict)]


def _changed(verdict: Verdict):
    return verdict.changed if verdict.state == CHANGED else []


def _fix(row: StatusRow) -> str:
    state = row.state
    steps = []
    if not state.source.approved:
        steps.append(f"once the text is approved, run 'leaflets approve {row.leaflet} --clinical NAME'")
    if state.translation is not None and not state.translation.approved:
        steps.append(f"once the translation is reviewed, run 'leaflets approve {row.leaflet} --locale {row.locale} "
                     "--translator NAME'")
    if state.gaps:
        steps.append("translate the messages listed for this language")
    text = "; ".join(steps)
    return text[:1].upper() + text[1:]
