"""One job of a build, as a worker runs it: load → translate → render HTML → render PDF → write.

This module runs in the worker processes. It imports the content, translation and HTML stages at its top;
the PDF stage (WeasyPrint) only once a PDF must be rendered. The build imports this module only when
something is out of date, so an up-to-date build loads none of them.
"""

from __future__ import annotations

import logging
import time
from dataclasses import dataclass, field
from pathlib import Path

from babel.messages.catalog import Catalog

from ..config import Config
from ..config.formats import FORMATS
from ..errors import BuildError, LeafletError, Problem, excerpt
from ..files import failed_path, os_problem, write_atomic
from ..i18n.catalogs import load_catalog
from ..pipeline.page import PROOF_REASON, LeafletPage, leaflet_page, proof_page
from .fingerprint import RecordingCatalog, po_digest
from .plan import BuildOptions, Job
from .records import FileStamp
from .report import LAYOUT_REASON, Outcome, strict_refusal

__all__ = ["JobResult", "overflow_reasons", "render_job", "warm_up"]

log = logging.getLogger(__name__)


@dataclass
class JobResult:
    """What rendering one job sends back to the build: its outcome and what the manifest records."""

    outcome: Outcome
    messages: dict[str, str] = field(default_factory=dict)
    pdf: FileStamp | None = None
    html: FileStamp | None = None


def render_job(config: Config, job: Job, options: BuildOptions) -> JobResult:
    """Produce one PDF: load, translate, render, write. Failures become a failed outcome, not an exception."""
    from ..render import pdf  # WeasyPrint: imported before the clock starts, so render times leave it out

    started = time.perf_counter()
    result = JobResult(Outcome(job.leaflet, job.locale, config.display(job.output), "failed", format=job.format))
    outcome = result.outcome
    fmt = FORMATS[job.format]
    try:
        catalog = _worker_catalog(config, job.locale)
        if fmt.handout:
            page = leaflet_page(config, job.source, job.locale, catalog, job.format)
            outcome.gaps = list(page.report.gaps)
            outcome.draft_reasons = page.state.reasons()
            outcome.approval = page.state.summary()
        else:
            page = proof_page(config, job.source, job.locale, catalog)
            outcome.draft_reasons = [PROOF_REASON]
        outcome.version = page.leaflet.data["metadata"]["version"]
        outcome.draft = page.rendered.draft
        _refuse_if_strict(outcome, options.strict)  # before the PDF is laid out: that is the long part
        document = pdf.render_pdf(page.rendered.html, config, fmt.stylesheets)
        if document.overflows and fmt.handout:
            page, document = _laid_out_as_draft(config, job, catalog, page, document, outcome, options.strict)
        write_atomic(job.output, document.data)
        result.pdf = FileStamp.of(job.output, document.data)
        result.html = _write_html(job, page.rendered.html if options.keep_html else None)
        result.messages = catalog.used if catalog is not None else {}
        outcome.pages, outcome.bytes, outcome.sha256 = document.pages, len(document.data), result.pdf.sha256
        outcome.html = config.display(job.html) if options.keep_html else ""
        outcome.status = "built"
    except LeafletError as exc:
        outcome.problems = exc.problems
    except OSError as exc:  # writing the PDF: a folder in its place, a read-only folder, a full disk
        outcome.problems = [os_problem(exc, config.display(failed_path(exc) or job.output))]
    except Exception as exc:  # a bug or a WeasyPrint failure: keep the traceback, let the others build
        log.exception("unexpected error building %s", outcome.output)
        outcome.problems = [Problem.general(f"unexpected error: {exc!r} (traceback in the log)")]
    outcome.seconds = round(time.perf_counter() - started, 3)
    return result


def _laid_out_as_draft(config: Config, job: Job, catalog, page: LeafletPage, document, outcome: Outcome,
                       strict: bool):
    """Text ran off the page: refuse the PDF (``strict``), or render it again marked as a draft."""
    from ..render import pdf

    outcome.draft = True
    outcome.draft_reasons.append(_overflow_reason(page, document))
    _refuse_if_strict(outcome, strict)
    if page.rendered.draft:
        return page, document
    page = leaflet_page(config, job.source, job.locale, catalog, job.format, draft=True)
    return page, pdf.render_pdf(page.rendered.html, config, FORMATS[job.format].stylesheets)


def overflow_reasons(config: Config, job: Job) -> list[str]:
    """Lay one hand-out out, in memory, and return the draft reason the build would give its overflow (or none).

    ``leaflets check --strict`` asks it for the PDFs the manifest knows nothing of; a page that cannot be made
    is left to the checks that say why.
    """
    from ..render import pdf

    try:
        page = leaflet_page(config, job.source, job.locale, _worker_catalog(config, job.locale), job.format)
        document = pdf.render_pdf(page.rendered.html, config, FORMATS[job.format].stylesheets)
    except LeafletError:
        return []
    if not document.overflows:
        return []
    return [_overflow_reason(page, document)]


def _overflow_reason(page: LeafletPage, document) -> str:
    overflows = "; ".join(_overflows(page, document.overflows))
    return f"{LAYOUT_REASON} ({overflows}). Shorten the text or break it into lines"


def _refuse_if_strict(outcome: Outcome, strict: bool) -> None:
    refusal = strict_refusal(outcome, strict)
    if refusal is not None:
        raise BuildError([refusal])


def _overflows(page: LeafletPage, overflows) -> list[str]:
    """Name each text that ran off the page, with the leaflet text (file, line, field) it shows when known."""
    named = []
    for number, text, table in overflows:
        shown = repr(excerpt(text, 60))
        where = "" if table else next((w for shown_text, w in page.shown.items() if shown_text
                                       and shown_text[:40] in _squeezed(text)), "")
        named.append(f"page {number}: " + (f"a table wider than the page ({shown})" if table else shown)
                     + (f" from {where}" if where else ""))
    return named


def _squeezed(text: str) -> str:
    return "".join(text.split())


def warm_up(config: Config) -> None:
    """Load what rendering needs in this process (WeasyPrint, the stylesheet and its fonts), so that its first
    render takes only a render's time: ``leaflets preview`` runs it in the workers it keeps."""
    from ..render import pdf

    try:
        pdf.render_pdf('<!DOCTYPE html><html lang="fr"><title>-</title><p>-</p></html>', config)
    except LeafletError:
        pass  # a broken stylesheet: the first real render says what is wrong with it


_CATALOGS: dict[Path, tuple[str, Catalog]] = {}
"""Catalogs a worker has read, by file, with the checksum they were read at: read once for all its leaflets."""


def _worker_catalog(config: Config, locale: str) -> RecordingCatalog | None:
    if locale == config.source_locale:
        return None
    po = config.po_path(locale)
    digest = po_digest(po)
    cached = _CATALOGS.get(po)
    if cached is None or cached[0] != digest:
        catalog = load_catalog(config, locale)
        if po_digest(po) == digest:  # else the file changed while it was read: keep nothing, read it next time
            _CATALOGS[po] = (digest, catalog)
        return RecordingCatalog(catalog)
    return RecordingCatalog(cached[1])


def _write_html(job: Job, html: str | None) -> FileStamp | None:
    if html is None:
        # An HTML file left by an earlier --html build no longer matches the new PDF.
        job.html.unlink(missing_ok=True)
        return None
    data = html.encode("utf-8")
    write_atomic(job.html, data)
    return FileStamp.of(job.html, data)
