"""``leaflets status``: every leaflet in every language, with its version, who approved it when, and its state."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from ..approval.layout import layout_verdict
from ..approval.records import Verdict
from ..approval.state import PageState, layout_reason
from ..config import Config
from ..errors import ApprovalError, LeafletError
from .page import leaflet_page, locale_catalog


@dataclass
class StatusRow:
    """One PDF's place in document control: a leaflet in a language."""

    leaflet: str
    locale: str
    version: str = ""
    review_due: dt.date | None = None
    state: PageState | None = None
    error: str = ""
    """Why the leaflet cannot be built at all (then ``state`` is None)."""

    @property
    def verdict(self) -> Verdict | None:
        """The approval this row is about: the translation's in a target language, the text's otherwise."""
        if self.state is None:
            return None
        return self.state.translation if self.state.translation is not None else self.state.source

    @property
    def final(self) -> bool:
        return self.state is not None and self.state.final

    def reasons(self, hints: bool = False) -> list[str]:
        """Why the PDF is not final: the build's draft reasons, or the error that stops it."""
        return [self.error] if self.error else self.state.reasons(hints)

    def as_dict(self) -> dict:
        """Return the row as ``leaflets status --json`` writes it (the build report's ``approval`` inside)."""
        return {"leaflet": self.leaflet, "locale": self.locale, "version": self.version,
                "review_due": self.review_due.isoformat() if self.review_due else None,
                "state": "final" if self.final else ("failed" if self.error else "draft"),
                "reasons": self.reasons(), "approval": self.state.summary().to_json() if self.state else None}


def approval_status(config: Config, locales: list[str] | None = None,
                    leaflets: list[str] | None = None) -> list[StatusRow]:
    """Return one row per leaflet and language (all by default), by leaflet then language, as a build sees them.

    An unknown language or leaflet raises an ``ApprovalError`` worded as every command words it.
    """
    problems = config.locale_problems(locales or ()) + config.leaflet_problems(leaflets or ())
    if problems:
        raise ApprovalError(problems)
    rows = []
    sources = [path for path in config.leaflet_files() if not leaflets or path.stem in leaflets]
    for locale in locales or config.all_locales:
        try:
            catalog = locale_catalog(config, locale)
        except LeafletError as exc:
            rows += [StatusRow(path.stem, locale, error=str(exc)) for path in sources]
            continue
        rows += [_row(config, path, locale, catalog) for path in sources]
    return sorted(rows, key=lambda row: (row.leaflet, row.locale != config.source_locale, row.locale))


def _row(config: Config, path, locale: str, catalog) -> StatusRow:
    try:
        page = leaflet_page(config, path, locale, catalog)
    except LeafletError as exc:
        return StatusRow(path.stem, locale, error=str(exc))
    meta = page.leaflet.data["metadata"]
    return StatusRow(page.leaflet.id, locale, meta["version"], meta["review_due"], page.state)


def layout_status(config: Config) -> tuple[Verdict | None, str]:
    """Return the layout approval's verdict and what ``leaflets status`` says of it (or, when it is broken, why)."""
    try:
        verdict = layout_verdict(config)
    except LeafletError as exc:
        return None, f"failed: {exc}"
    if verdict.approved:
        return verdict, f"approved by {', '.join(verdict.record.names())} on {verdict.record.date}"
    return verdict, layout_reason(verdict, hints=True)
