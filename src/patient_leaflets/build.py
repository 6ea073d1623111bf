"""Build every leaflet in every language: plan, skip what is up to date, render in a pool, write atomically.

This is the one place where the stages meet: load → translate → render HTML → render PDF → write.
What each PDF was built from is kept in the manifest (``manifest.py``), so that a build renders only what
changed, and a build that is stopped goes on where it stopped the next time.
"""

from __future__ import annotations

import functools
import json
import logging
import os
import time
from dataclasses import dataclass, field
from pathlib import Path

from .config import Config
from .errors import LeafletError
from .files import write_atomic
from .manifest import (ABSENT, Manifest, RecordingCatalog, build_lock, inputs_digest, job_key, message_table,
                       po_digest, remove_leftovers, stamp)
from .workers import run_in_pool

log = logging.getLogger(__name__)

REPORT_FILE = "build-report.json"


@dataclass
class Job:
    """One PDF to produce: a leaflet in a language."""

    leaflet: str
    locale: str
    source: Path
    output: Path
    key: str = ""
    """Checksum of the files and settings the PDF depends on; equal keys and catalog entries, identical PDF."""
    catalog: str = ""
    """Checksum of the language's .po file when the build started (empty for the source language)."""

    @property
    def name(self) -> str:
        """The job's name in the manifest: ``<locale>/<leaflet>``."""
        return f"{self.locale}/{self.leaflet}"

    @property
    def html(self) -> Path:
        """Where ``--html`` keeps the HTML handed to WeasyPrint: beside the PDF."""
        return self.output.with_suffix(".html")


@dataclass
class Outcome:
    """What happened to one job, and what the PDF is."""

    leaflet: str
    locale: str
    output: str
    status: str
    """``built``, ``unchanged`` or ``failed``."""
    draft: bool = False
    gaps: list[str] = field(default_factory=list)
    """Messages shown in the source language, with where they are and why."""
    error: str = ""
    seconds: float = 0.0
    """Time taken to render the PDF (for an unchanged PDF, when it was built)."""
    version: str = ""
    """The leaflet's version, from its metadata."""
    pages: int = 0
    bytes: int = 0
    sha256: str = ""
    draft_reasons: list[str] = field(default_factory=list)
    """Why the PDF is marked as a draft; empty when it is not."""
    html: str = ""
    """The HTML kept beside the PDF with ``--html``, if any."""


@dataclass(frozen=True)
class StaleOutput:
    """A file in the output folder whose leaflet or language no longer exists."""

    output: str
    reason: str

    def __str__(self) -> str:
        return f"{self.output}: {self.reason}"


@dataclass
class BuildReport:
    """Every job's outcome; the build failed if any job did."""

    outcomes: list[Outcome] = field(default_factory=list)
    stale: list[StaleOutput] = field(default_factory=list)
    interrupted: bool = False

    @property
    def failed(self) -> list[Outcome]:
        return [o for o in self.outcomes if o.status == "failed"]

    @property
    def drafts(self) -> list[Outcome]:
        """The PDFs in the output folder that are marked as drafts (built now or before)."""
        return [o for o in self.outcomes if o.draft and o.status != "failed"]

    def count(self, status: str) -> int:
        return sum(1 for o in self.outcomes if o.status == status)


class BuildListener:
    """What a build tells while it runs; the command line shows it, the library itself prints nothing."""

    def started(self, planned: int, to_render: int) -> None:
        """Called once the plan is known: ``to_render`` of the ``planned`` PDFs are out of date."""

    def finished(self, outcome: Outcome) -> None:
        """Called for every PDF: first those up to date, then each rendered one as soon as it is done."""


@dataclass
class _Result:
    """What rendering one job sends back to the build: its outcome and what the manifest records."""

    outcome: Outcome
    messages: dict[str, str] = field(default_factory=dict)
    pdf: dict | None = None
    html: dict | None = None


def build(config: Config, locales: list[str] | None = None, leaflets: list[str] | None = None,
          jobs: int | None = None, force: bool = False, strict: bool = False, html: bool = False,
          listener: BuildListener | None = None) -> BuildReport:
    """Build the PDFs of the chosen leaflets and locales (all by default) into ``output/<locale>/<id>.pdf``.

    Only PDFs whose inputs changed are rendered (all with ``force``), by ``jobs`` worker processes (one per
    core by default). A leaflet that cannot be built is reported and the others go on. With ``strict``, a PDF
    that would be a draft (unapproved content, missing or fuzzy translations) is refused instead of built.
    With ``html``, the HTML handed to WeasyPrint is kept beside each PDF. Interrupted (KeyboardInterrupt), the
    build records what it finished, writes its report, and raises again.
    """
    listener = listener or BuildListener()
    planned = plan_jobs(config, locales, leaflets)
    output = config.path("output")
    report = BuildReport(stale=find_stale_outputs(config))
    with build_lock(output, _rel(config, output)):
        remove_leftovers(output)
        manifest = Manifest.read(output)
        try:
            todo = _check_jobs(config, planned, manifest, report, force, strict, html)
            ids = [path.stem for path in config.leaflet_files()]
            manifest.keep_only({f"{locale}/{leaflet}" for locale in config.all_locales for leaflet in ids})
            listener.started(len(planned), len(todo))
            for outcome in report.outcomes:
                listener.finished(outcome)
            _render_all(config, todo, jobs, strict, html, manifest, report, listener)
        except KeyboardInterrupt:
            report.interrupted = True
            raise
        finally:
            manifest.save()
            report.outcomes.sort(key=lambda o: (o.locale, o.leaflet))
            _write_report(config, report)
    return report


def plan_jobs(config: Config, locales: list[str] | None = None, leaflets: list[str] | None = None) -> list[Job]:
    """Return one job per leaflet and locale selected, checking that the selection exists."""
    sources = {p.stem: p for p in config.leaflet_files()}
    for name in leaflets or []:
        if name not in sources:
            raise LeafletError(f"no leaflet {name!r} in {config.leaflets_dir}/. Known: {', '.join(sources)}")
    for locale in locales or []:
        if locale not in config.all_locales:
            raise LeafletError(f"locale {locale!r} is not configured. Configured: {', '.join(config.all_locales)}; "
                               f"run 'leaflets init {locale}' to start its catalog")
    out = config.path("output")
    return [
        Job(name, locale, sources[name], out / locale / f"{name}.pdf")
        for locale in (locales or config.all_locales)
        for name in (leaflets or sources)
    ]


def find_stale_outputs(config: Config) -> list[StaleOutput]:
    """Return the PDFs and HTML files in ``output/`` whose leaflet or language no longer exists."""
    output = config.path("output")
    if not output.is_dir():
        return []
    ids = {p.stem for p in config.leaflet_files()}
    stale = []
    for folder in sorted((p for p in output.iterdir() if p.is_dir() and not p.name.startswith(".")),
                         key=lambda p: p.name):
        for path in sorted(folder.iterdir(), key=lambda p: p.name):
            if path.suffix not in (".pdf", ".html") or path.name.startswith(".") or not path.is_file():
                continue
            if folder.name not in config.all_locales:
                reason = f"the language {folder.name!r} is not built any more (not in locales)"
            elif path.stem not in ids:
                reason = f"there is no leaflet {path.stem!r} in {config.leaflets_dir}/ any more"
            else:
                continue
            stale.append(StaleOutput(_rel(config, path), reason))
    return stale


def locale_catalog(config: Config, locale: str):
    """Return the catalog of a target language (None for the source language); raise if it is missing."""
    from .catalogs import read_catalog

    if locale == config.source_locale:
        return None
    po = config.po_path(locale)
    if not po.exists():
        raise LeafletError(f"{_rel(config, po)}: missing. Run 'leaflets init {locale}' to start it")
    return read_catalog(po, locale)


def leaflet_html(config: Config, source: Path, locale: str):
    """Load, translate and render one leaflet to HTML; return ``(RenderedHTML, TranslationReport)``."""
    _, rendered, report = render_leaflet(config, source, locale, locale_catalog(config, locale))
    return rendered, report


def render_leaflet(config: Config, source: Path, locale: str, catalog):
    """Load, translate with ``catalog`` and render one leaflet; return ``(Leaflet, RenderedHTML, report)``."""
    from .checkers import rules_for
    from .content import load_leaflet
    from .render import render_html
    from .translate import translate_leaflet

    leaflet = load_leaflet(source, _rel(config, source))
    rules = rules_for(config, locale)
    translated, report = translate_leaflet(leaflet, catalog, rules)
    shared = None
    if config.shared_path.exists():
        shared, shared_report = translate_leaflet(load_leaflet(config.shared_path, _rel(config, config.shared_path)),
                                                  catalog, rules)
        report.gaps.extend(shared_report.gaps)
    return leaflet, render_html(translated, locale, config, catalog, report, shared), report


def _render_job(config: Config, job: Job, strict: bool, keep_html: bool) -> _Result:
    """Produce one PDF: load, translate, render, write. Failures become a failed outcome, not an exception."""
    # Imported here, not at the top: an up-to-date build never loads the renderer, Babel's catalogs or YAML.
    from .render import load_weasyprint, render_document

    load_weasyprint()
    started = time.perf_counter()
    result = _Result(Outcome(job.leaflet, job.locale, _rel(config, job.output), "failed"))
    outcome = result.outcome
    try:
        catalog = _worker_catalog(config, job.locale)
        leaflet, rendered, report = render_leaflet(config, job.source, job.locale, catalog)
        outcome.version = leaflet.data["metadata"]["version"]
        outcome.draft = rendered.draft
        outcome.gaps = [str(gap) for gap in report.gaps]
        outcome.draft_reasons = _draft_reasons(rendered.approved, report)
        if strict and rendered.draft:
            raise LeafletError(_refusal(outcome.draft_reasons, outcome.gaps))
        pdf = render_document(rendered.html, config)
        write_atomic(job.output, pdf.data)
        result.pdf = stamp(job.output, pdf.data)
        result.html = _write_html(job, rendered.html if keep_html else None)
        result.messages = catalog.used if catalog is not None else {}
        outcome.pages, outcome.bytes, outcome.sha256 = pdf.pages, len(pdf.data), result.pdf["sha256"]
        outcome.html = _rel(config, job.html) if keep_html else ""
        outcome.status = "built"
    except LeafletError as exc:
        outcome.error = str(exc)
    except Exception as exc:  # a bug or a WeasyPrint failure: keep the traceback, let the others build
        log.exception("unexpected error building %s", outcome.output)
        outcome.error = f"unexpected error: {exc!r} (traceback in the log)"
    outcome.seconds = round(time.perf_counter() - started, 3)
    return result


_CATALOGS: dict[Path, tuple[str, object]] = {}
"""Catalogs a worker has read, by file, with the checksum they were read at: read once for all its leaflets."""


def _worker_catalog(config: Config, locale: str) -> RecordingCatalog | None:
    if locale == config.source_locale:
        return None
    po = config.po_path(locale)
    digest = po_digest(po)
    cached = _CATALOGS.get(po)
    if cached is None or cached[0] != digest:
        catalog = locale_catalog(config, locale)
        if po_digest(po) == digest:  # else the file changed while it was read: keep nothing, read it next time
            _CATALOGS[po] = (digest, catalog)
        return RecordingCatalog(catalog)
    return RecordingCatalog(cached[1])


def _write_html(job: Job, html: str | None) -> dict | None:
    if html is None:
        # An HTML file left by an earlier --html build no longer matches the new PDF.
        job.html.unlink(missing_ok=True)
        return None
    data = html.encode("utf-8")
    write_atomic(job.html, data)
    return stamp(job.html, data)


def _draft_reasons(approved: bool, report) -> list[str]:
    reasons = []
    if not approved:
        reasons.append("its status is draft (set status: approved once it has been reviewed)")
    if report.gaps:
        reasons.append(f"{len(report.gaps)} message(s) are untranslated, fuzzy or fail a check")
    return reasons


def _refusal(reasons: list[str], gaps: list[str]) -> str:
    """Say why --strict refuses a PDF: the reasons, then each message at fault on a line of its own."""
    return "refused by --strict: " + "; ".join(reasons) + (":" if gaps else "") + "".join(f"\n  {gap}" for gap in gaps)


class _Catalogs:
    """Each language's catalog as the build sees it: a checksum, and entry checksums when they are needed."""

    def __init__(self, config: Config):
        self.config = config
        self.digests: dict[str, str] = {}
        self.tables: dict[str, dict[str, str] | None] = {}

    def digest(self, locale: str) -> str:
        if locale == self.config.source_locale:
            return ""
        if locale not in self.digests:
            self.digests[locale] = po_digest(self.config.po_path(locale))
        return self.digests[locale]

    def table(self, locale: str) -> dict[str, str] | None:
        """Return the checksum of every entry, or None when the catalog cannot be read (the build says why)."""
        if locale not in self.tables:
            try:
                self.tables[locale] = message_table(locale_catalog(self.config, locale))
            except LeafletError:
                self.tables[locale] = None
        return self.tables[locale]


def _check_jobs(config: Config, planned: list[Job], manifest: Manifest, report: BuildReport, force: bool,
                strict: bool, html: bool) -> list[Job]:
    """Return the jobs to render, in order; add an outcome to ``report`` for each PDF that is up to date."""
    inputs = inputs_digest(config)
    catalogs = _Catalogs(config)
    todo = []
    for job in sorted(planned, key=lambda j: (j.locale, j.leaflet)):
        try:
            job.key = job_key(inputs, job.locale, job.source.read_bytes())
        except OSError:
            todo.append(job)  # rendering it will say what is wrong with the file
            continue
        job.catalog = catalogs.digest(job.locale)
        entry = manifest.get(job.name)
        if force or not _is_up_to_date(job, entry, manifest, catalogs, html):
            todo.append(job)
        else:
            report.outcomes.append(_unchanged(config, job, entry, strict))
    return todo


def _is_up_to_date(job: Job, entry: dict | None, manifest: Manifest, catalogs: _Catalogs, html: bool) -> bool:
    if entry is None or entry.get("key") != job.key:
        return False
    if entry.get("catalog") != job.catalog:
        # The catalog changed: the PDF is still up to date if every entry it used is the same.
        table = catalogs.table(job.locale)
        used = entry.get("messages")
        if table is None or not isinstance(used, dict) or any(table.get(k, ABSENT) != v for k, v in used.items()):
            return False
        entry["catalog"] = job.catalog
        manifest.changed = True
    if not manifest.is_intact(entry, "pdf", job.output):
        return False
    return not html or manifest.is_intact(entry, "html", job.html)


def _unchanged(config: Config, job: Job, entry: dict, strict: bool) -> Outcome:
    info = entry.get("report") if isinstance(entry.get("report"), dict) else {}
    outcome = Outcome(job.leaflet, job.locale, _rel(config, job.output), "unchanged",
                      draft=bool(info.get("draft")), gaps=list(info.get("gaps", [])),
                      seconds=info.get("seconds", 0.0), version=info.get("version", ""),
                      pages=info.get("pages", 0), bytes=entry["pdf"]["bytes"], sha256=entry["pdf"].get("sha256", ""),
                      draft_reasons=list(info.get("draft_reasons", [])),
                      html=_rel(config, job.html) if entry.get("html") and job.html.exists() else "")
    if strict and outcome.draft:
        outcome.status = "failed"
        outcome.error = _refusal(outcome.draft_reasons, outcome.gaps)
    return outcome


def _render_all(config: Config, todo: list[Job], jobs: int | None, strict: bool, html: bool,
                manifest: Manifest, report: BuildReport, listener: BuildListener) -> None:
    started = time.perf_counter()

    def finished(job: Job, result: _Result) -> None:
        outcome = result.outcome
        if outcome.status == "built":
            manifest.record(job.name, _entry(job, result))
        report.outcomes.append(outcome)
        listener.finished(outcome)

    workers = min(jobs or os.cpu_count() or 1, len(todo))
    if workers <= 1:
        # One job, or one worker: render here, without the cost of starting a process.
        for job in todo:
            finished(job, _render_job(config, job, strict, html))
    else:
        run_in_pool(functools.partial(_render_job, config, strict=strict, keep_html=html), todo, workers, finished,
                    functools.partial(_worker_died, config))
    if todo:
        log.info("rendered %d PDF(s) in %.2f s with %d worker(s)", len(todo), time.perf_counter() - started,
                 max(workers, 1))


def _worker_died(config: Config, job: Job, exc: Exception) -> _Result:
    return _Result(Outcome(job.leaflet, job.locale, _rel(config, job.output), "failed",
                           error=f"unexpected error: the worker process stopped ({exc!r})"))


def _entry(job: Job, result: _Result) -> dict:
    outcome = result.outcome
    entry = {
        "key": job.key,
        "catalog": job.catalog,
        "messages": result.messages,
        "pdf": result.pdf,
        "report": {"version": outcome.version, "pages": outcome.pages, "draft": outcome.draft,
                   "draft_reasons": outcome.draft_reasons, "gaps": outcome.gaps, "seconds": outcome.seconds},
    }
    if result.html:
        entry["html"] = result.html
    return entry


def _write_report(config: Config, report: BuildReport) -> None:
    pdfs = [
        {"locale": o.locale, "leaflet": o.leaflet, "output": o.output, "status": o.status, "version": o.version,
         "pages": o.pages, "bytes": o.bytes, "sha256": o.sha256, "draft": o.draft,
         "draft_reasons": o.draft_reasons, "gaps": o.gaps, "render_seconds": o.seconds, "html": o.html,
         "error": o.error}
        for o in report.outcomes
    ]
    summary = {"built": report.count("built"), "unchanged": report.count("unchanged"), "drafts": len(report.drafts),
               "failed": len(report.failed), "stale": len(report.stale)}
    stale = [{"output": s.output, "reason": s.reason} for s in report.stale]
    # One PDF a line: easy to read and to diff, and written by json's fast encoder (indent= is ten times slower).
    text = (f'{{"summary": {_json(summary)},\n"interrupted": {_json(report.interrupted)},\n'
            f'"pdfs": [{_json_lines(pdfs)}],\n"stale": [{_json_lines(stale)}]}}\n')
    write_atomic(config.path("output") / REPORT_FILE, text.encode())


def _json(value) -> str:
    return json.dumps(value, ensure_ascii=False)


def _json_lines(items: list) -> str:
    return "".join(f"\n {_json(item)}{',' if n < len(items) - 1 else ''}" for n, item in enumerate(items))


def _rel(config: Config, path: Path) -> str:
    try:
        return str(path.relative_to(config.root))
    except ValueError:
        return str(path)
