"""Build every leaflet in every language: plan, skip what is up to date, render in a pool, record, report.

This is the one function that chains the build's steps (``build_leaflets``). What each PDF was built from is kept in the
manifest (``manifest.py``, with checksums from ``fingerprint.py``; each entry a ``records.ManifestEntry``), so that a
build renders only what changed, and a build that is stopped goes on where it stopped the next time. Rendering
itself (``jobs.py``) is imported only when something is out of date: an up-to-date build reads no leaflet or
catalog and loads no renderer. ``--strict`` is one rule (``report.strict_refusal``), applied to the PDFs up to date
here and to the others as they are rendered.
"""

from __future__ import annotations

import functools
import logging
import os
import time
from dataclasses import replace

from ..config import Config
from ..config.formats import FORMATS
from ..errors import BuildError, LeafletError, Problem
from ..files import LEAFLET, failed_path, os_problem, output_links, read_file
from .fingerprint import approval_records, inputs_digest, job_key, message_table, po_digest
from .manifest import Manifest, build_lock, remove_leftovers
from .plan import BuildOptions, Job, find_stale_outputs, job_name, plan_jobs
from .previous import set_aside
from .records import ManifestEntry
from .report import BuildListener, BuildReport, Outcome, strict_refusal, write_report
from .workers import run_in_pool

log = logging.getLogger(__name__)


def build_leaflets(config: Config, options: BuildOptions | None = None, *, listener: BuildListener | None = None,
                   **chosen) -> BuildReport:
    """Build the PDFs of the chosen leaflets, locales and formats into ``output/<locale>/<id>[.<format>].pdf``.

    ``options`` (or its fields as keywords: ``build_leaflets(config, locales=["en"], strict=True)``) says what
    to build; by default every leaflet, language and format of the settings.

    Only PDFs whose inputs changed are rendered (all with ``force``), by worker processes. A leaflet that cannot
    be built is reported and the others go on. Interrupted (KeyboardInterrupt), the build records what it
    finished, writes its report, and raises again.
    """
    options = replace(options, **chosen) if options is not None else BuildOptions(**chosen)
    listener = listener or BuildListener()
    planned = plan_jobs(config, options.locales, options.leaflets, options.formats)
    output = config.path("output")
    linked = output_links(output, config.root)
    if linked:
        raise BuildError(linked)
    report = BuildReport(stale=find_stale_outputs(config))
    try:
        with build_lock(output, config.display(output)):
            remove_leftovers(output)
            manifest = Manifest.read(output)
            try:
                started = time.perf_counter()
                todo = check_jobs(config, planned, manifest, report, options)
                log.info("planned %d PDF(s): %d up to date, %d to render (checked in %.2f s)", len(planned),
                         len(planned) - len(todo), len(todo), time.perf_counter() - started)
                ids = [path.stem for path in config.leaflet_files()]
                manifest.keep_only({job_name(locale, leaflet, fmt) for locale in config.all_locales
                                    for leaflet in ids for fmt in FORMATS})
                listener.started(len(planned), len(todo))
                for outcome in report.outcomes:
                    listener.finished(outcome)
                _render_all(config, todo, options, manifest, report, listener)
            except KeyboardInterrupt:
                report.interrupted = True
                raise
            finally:
                _finish(config, manifest, report)
    except OSError as exc:  # the output folder: read-only, a file in its place, a full disk
        raise BuildError([os_problem(exc, config.display(failed_path(exc) or output))]) from None
    return report


def _finish(config: Config, manifest: Manifest, report: BuildReport) -> None:
    """Save the manifest and write the report, each even when the other fails; then raise the first failure."""
    failures = [manifest.journal_error] if manifest.journal_error else []
    report.sort()
    for step in (manifest.save, functools.partial(write_report, config, report)):
        try:
            step()
        except OSError as exc:
            failures.append(exc)
    if failures:
        raise failures[0]


class _Catalogs:
    """Each language's catalog as the build sees it: a checksum, and entry checksums when they are needed."""

    def __init__(self, config: Config):
        self.config = config
        self.digests: dict[str, str] = {}
        self.tables: dict[str, dict[str, str] | None] = {}

    def digest(self, locale: str) -> str:
        """Return the checksum of ``locale``'s catalog file (empty for the source language)."""
        if locale == self.config.source_locale:
            return ""
        if locale not in self.digests:
            self.digests[locale] = po_digest(self.config.po_path(locale))
        return self.digests[locale]

    def table(self, locale: str) -> dict[str, str] | None:
        """Return the checksum of every entry, or None when the catalog cannot be read (the build says why)."""
        from ..i18n.catalogs import load_catalog  # only when a catalog changed: reading one costs

        if locale not in self.tables:
            try:
                self.tables[locale] = message_table(load_catalog(self.config, locale))
            except LeafletError:
                self.tables[locale] = None
        return self.tables[locale]


def check_jobs(config: Config, planned: list[Job], manifest: Manifest, report: BuildReport,
                options: BuildOptions) -> list[Job]:
    """Return the jobs to render, in order; add an outcome to ``report`` for each PDF that is up to date."""
    inputs = inputs_digest(config)
    catalogs = _Catalogs(config)
    approvals = functools.cache(functools.partial(_approvals, config))  # read once per language, not once per PDF
    todo = []
    for job in sorted(planned, key=lambda j: (j.locale, j.leaflet, list(FORMATS).index(j.format))):
        job.catalog = catalogs.digest(job.locale)
        # A proof shows the line of each message in the .po file: any change to the file may move them.
        variant = job.format if FORMATS[job.format].handout else f"{job.format}\0{job.catalog}"
        try:
            leaflet = read_file(job.source, config.display(job.source), LEAFLET)
            job.key = job_key(inputs, job.locale, leaflet + _approval_of(approvals(job.locale), job.leaflet), variant)
        except LeafletError:
            todo.append(job)  # rendering it will say what is wrong with the file
            continue
        html = job.html if options.keep_html else None
        if options.force or not manifest.is_up_to_date(job.name, job.key, job.catalog,
                                                       functools.partial(catalogs.table, job.locale), job.output, html):
            todo.append(job)
        else:
            report.outcomes.append(_unchanged(config, job, manifest.get(job.name), options.strict))
    return todo


def _approvals(config: Config, locale: str) -> dict[str, bytes]:
    """Return the translation approvals of ``locale``, each leaflet's record as text (``approval_records``)."""
    path = config.approvals_path(locale)
    if not path.exists():  # as the approvals are read: none yet (or a link leading nowhere)
        return {}
    return approval_records(read_file(path, config.display(path), LEAFLET))


def _approval_of(records: dict[str, bytes], leaflet_id: str) -> bytes:
    """Return what one PDF's key takes from the approvals: its leaflet's record, and anything not a record."""
    own, unknown = records.get(leaflet_id, b""), records.get("", b"")
    if not own and not unknown:  # no record yet: the same key whether or not other leaflets have one
        return b""
    return b"\0approvals\0" + own + b"\0" + unknown


def _unchanged(config: Config, job: Job, entry: ManifestEntry, strict: bool) -> Outcome:
    """Return the outcome of a PDF that is up to date, as its entry records it (refused if ``strict`` says so)."""
    outcome = Outcome(job.leaflet, job.locale, config.display(job.output), "unchanged", format=job.format,
                      bytes=entry.pdf.bytes, sha256=entry.pdf.sha256,
                      html=config.display(job.html) if entry.html and job.html.exists() else "",
                      **entry.record.record_fields())
    refusal = strict_refusal(outcome, strict)
    if refusal is not None:
        outcome.status, outcome.problems = "failed", [refusal]
    return outcome


def _render_all(config: Config, todo: list[Job], options: BuildOptions, manifest: Manifest, report: BuildReport,
                listener: BuildListener) -> None:
    if not todo:
        return
    from .jobs import JobResult, render_job  # the content, translation and HTML stages: only when needed

    started = time.perf_counter()

    def finished(job: Job, result: JobResult) -> None:
        outcome = result.outcome
        if outcome.status == "built":
            manifest.record(job.name, _entry(job, result))
        else:
            moved = set_aside(job, manifest.get(job.name))
            outcome.previous = config.display(moved) if moved else ""
        report.outcomes.append(outcome)
        log.info("%s: %s in %.2f s", outcome.output, outcome.status, outcome.seconds)
        listener.finished(outcome)

    workers = min(options.jobs or os.cpu_count() or 1, len(todo))
    if workers <= 1:
        # One job, or one worker: render here, without the cost of starting a process.
        for job in todo:
            finished(job, render_job(config, job, options))
    else:
        run_in_pool(functools.partial(render_job, config, options=options), todo, workers, finished,
                    functools.partial(_worker_died, config))
    log.info("rendered %d PDF(s) in %.2f s with %d worker(s)", len(todo), time.perf_counter() - started, workers)


def _worker_died(config: Config, job: Job, exc: Exception):
    from .jobs import JobResult

    return JobResult(Outcome(job.leaflet, job.locale, config.display(job.output), "failed", format=job.format,
                             problems=[Problem.general(f"unexpected error: the worker process stopped ({exc!r})")]))


def _entry(job: Job, result) -> ManifestEntry:
    return ManifestEntry(job.key, job.format, job.output.relative_to(job.output.parent.parent).as_posix(), job.catalog,
                         result.messages, result.pdf, result.outcome.record(), result.html)
