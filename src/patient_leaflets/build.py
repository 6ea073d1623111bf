"""Build every leaflet in every language: plan, skip what is up to date, render in a pool, write atomically.

This is the one place where the stages meet: load → translate → render HTML → render PDF → write.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import time
from concurrent.futures import ProcessPoolExecutor
from dataclasses import asdict, dataclass, field
from importlib import metadata
from pathlib import Path

from .config import Config
from .errors import LeafletError
from .files import write_atomic

log = logging.getLogger(__name__)

CACHE_FILE = ".build-cache.json"
REPORT_FILE = "build-report.json"


@dataclass
class Job:
    """One PDF to produce: a leaflet in a language."""

    leaflet: str
    locale: str
    source: Path
    output: Path
    key: str = ""
    """Checksum of everything the PDF depends on; equal keys mean an identical PDF."""


@dataclass
class Outcome:
    """What happened to one job."""

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


@dataclass
class BuildReport:
    """Every job's outcome; the build failed if any job did."""

    outcomes: list[Outcome] = field(default_factory=list)

    @property
    def failed(self) -> list[Outcome]:
        return [o for o in self.outcomes if o.status == "failed"]

    def count(self, status: str) -> int:
        return sum(1 for o in self.outcomes if o.status == status)


def build(config: Config, locales: list[str] | None = None, leaflets: list[str] | None = None,
          jobs: int | None = None, force: bool = False, strict: bool = False) -> BuildReport:
    """Build the PDFs of the chosen leaflets and locales (all by default) into ``output/<locale>/<id>.pdf``.

    A leaflet that cannot be built is reported and the others go on. With ``strict``, a PDF that would be a
    draft (unapproved content, missing or fuzzy translations) is refused instead of built.
    """
    planned = plan_jobs(config, locales, leaflets)
    cache = _read_cache(config)
    report = BuildReport()
    shared = _shared_digest(config, strict)
    todo = []
    for job in planned:
        job.key = _job_key(config, job, shared)
        entry = cache.get(_cache_name(job))
        if not force and entry and entry.get("key") == job.key and job.output.exists():
            report.outcomes.append(Outcome(job.leaflet, job.locale, _rel(config, job.output), "unchanged",
                                           entry.get("draft", False), entry.get("gaps", [])))
        else:
            todo.append(job)
    for outcome, job in zip(_run(config, todo, jobs, strict), todo):
        report.outcomes.append(outcome)
        if outcome.status == "built":
            cache[_cache_name(job)] = {"key": job.key, "draft": outcome.draft, "gaps": outcome.gaps}
    if todo:
        write_atomic(config.path("output") / CACHE_FILE, json.dumps(cache, indent=1, sort_keys=True).encode())
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


def leaflet_html(config: Config, source: Path, locale: str):
    """Load, translate and render one leaflet to HTML; return ``(RenderedHTML, TranslationReport)``."""
    from .catalogs import read_catalog
    from .checkers import rules_for
    from .content import load_leaflet
    from .render import render_html
    from .translate import translate_leaflet

    leaflet = load_leaflet(source, _rel(config, source))
    catalog = None
    if locale != config.source_locale:
        po = config.po_path(locale)
        if not po.exists():
            raise LeafletError(f"{_rel(config, po)}: missing. Run 'leaflets init {locale}' to start it")
        catalog = read_catalog(po, locale)
    rules = rules_for(config, locale)
    translated, report = translate_leaflet(leaflet, catalog, rules)
    shared = None
    if config.shared_path.exists():
        shared, shared_report = translate_leaflet(load_leaflet(config.shared_path, _rel(config, config.shared_path)),
                                                  catalog, rules)
        report.gaps.extend(shared_report.gaps)
    return render_html(translated, locale, config, catalog, report, shared), report


def build_one(config: Config, job: Job, strict: bool) -> Outcome:
    """Produce one PDF: load, translate, render, write. Failures become a failed outcome, not an exception."""
    # Imported here, not at the top: an up-to-date build never loads the renderer, Babel's catalogs or YAML.
    from .render import render_pdf

    started = time.perf_counter()
    outcome = Outcome(job.leaflet, job.locale, _rel(config, job.output), "failed")
    try:
        rendered, report = leaflet_html(config, job.source, job.locale)
        outcome.draft = rendered.draft
        outcome.gaps = [str(gap) for gap in report.gaps]
        if strict and rendered.draft:
            raise LeafletError(_refusal(rendered.approved, report))
        write_atomic(job.output, render_pdf(rendered.html, config))
        outcome.status = "built"
    except LeafletError as exc:
        outcome.error = str(exc)
    except Exception as exc:  # a bug or a WeasyPrint failure: keep the traceback, let the others build
        log.exception("unexpected error building %s", outcome.output)
        outcome.error = f"unexpected error: {exc!r} (traceback in the log)"
    outcome.seconds = round(time.perf_counter() - started, 3)
    return outcome


def _refusal(approved: bool, gaps) -> str:
    reasons = []
    if not approved:
        reasons.append("its status is draft (set status: approved once it has been reviewed)")
    if gaps.gaps:
        reasons.append(f"{len(gaps.gaps)} message(s) are untranslated, fuzzy or fail a check:")
    return "refused by --strict: " + "; ".join(reasons) + "".join(f"\n  {gap}" for gap in gaps.gaps)


def _run(config: Config, todo: list[Job], jobs: int | None, strict: bool) -> list[Outcome]:
    workers = min(jobs or os.cpu_count() or 1, len(todo))
    if workers <= 1:
        return [build_one(config, job, strict) for job in todo]
    with ProcessPoolExecutor(max_workers=workers) as pool:
        return list(pool.map(build_one, [config] * len(todo), todo, [strict] * len(todo)))


def _shared_digest(config: Config, strict: bool) -> str:
    """Checksum the inputs every PDF shares: templates, styles, fonts, settings, library versions, options."""
    digest = hashlib.sha256()
    if config.shared_path.exists():
        digest.update(config.shared_path.read_bytes())
    for folder in (config.path("templates"), config.path("styles")):
        for path in sorted(p for p in folder.rglob("*") if p.is_file()):
            digest.update(str(path.relative_to(config.root)).encode() + b"\0" + path.read_bytes())
    digest.update(repr(config).encode())
    for dist in ("patient-leaflets", "weasyprint", "jinja2", "babel", "markdown-it-py", "phonenumbers"):
        digest.update(f"{dist}={_version(dist)}".encode())
    digest.update(f"strict={strict}".encode())
    return digest.hexdigest()


def _job_key(config: Config, job: Job, shared: str) -> str:
    digest = hashlib.sha256(shared.encode())
    digest.update(job.locale.encode() + job.source.read_bytes())
    po = config.po_path(job.locale)
    if job.locale != config.source_locale and po.exists():
        digest.update(po.read_bytes())
    return digest.hexdigest()


def _version(dist: str) -> str:
    try:
        return metadata.version(dist)
    except metadata.PackageNotFoundError:
        return "?"


def _read_cache(config: Config) -> dict:
    try:
        return json.loads((config.path("output") / CACHE_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}


def _write_report(config: Config, report: BuildReport) -> None:
    data = {"pdfs": [{k: v for k, v in asdict(o).items() if k != "seconds"} for o in report.outcomes]}
    write_atomic(config.path("output") / REPORT_FILE, json.dumps(data, indent=1, ensure_ascii=False).encode())


def _cache_name(job: Job) -> str:
    return f"{job.locale}/{job.leaflet}"


def _rel(config: Config, path: Path) -> str:
    try:
        return str(path.relative_to(config.root))
    except ValueError:
        return str(path)
