"""``build_site``: the clinicians' library, ``output/index.html`` (and one page per other language), made from
what the build recorded: every PDF to hand out (a review proof is for its reviewer, and not listed).

Each page is one self-contained HTML file (its CSS and script inline; no font, script or request from
anywhere else), so it works opened from the disk (``file://``) as well as from any static web server; it links
to the PDFs and thumbnails beside it by relative addresses. When nothing it shows has changed (the PDFs, the
leaflets, the catalogs, the page's template, this package, the date), nothing is read beyond checksums and
nothing is written: running it after every build costs a few milliseconds.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import logging
import os
from dataclasses import asdict, dataclass, field
from pathlib import Path

from ..building.fingerprint import package_digest
from ..config import Config
from ..config.clock import review_day
from ..errors import BuildError, LeafletError
from ..files import (
    ASSET,
    CATALOG,
    LEAFLET,
    OUTPUT,
    FileKind,
    failed_path,
    os_problem,
    output_links,
    read_file,
    write_atomic,
)
from ..i18n.origin import SITE as SITE_TEMPLATES
from .pdfs import Pdf, read_pdfs

STATE_FILE = ".site.json"
"""What the pages were made from, in the output folder: a checksum, and the pages written."""

log = logging.getLogger(__name__)


@dataclass
class SiteReport:
    """What ``build_site`` did."""

    pages: list[Path] = field(default_factory=list)
    """The pages of the library, in the order of the project's languages."""
    pdfs: int = 0
    """How many PDFs the pages list."""
    up_to_date: bool = False
    """Nothing had changed: nothing was written."""
    untranslated: dict[str, list[str]] = field(default_factory=dict)
    """For each page language, the furniture strings it shows in the source language."""
    warnings: list[str] = field(default_factory=list)
    """What the pages lack (a PDF without its thumbnail), and why."""


def build_site(config: Config, locales: list[str] | None = None, today: dt.date | None = None) -> SiteReport:
    """Write the library page in each of ``locales`` (all the project's languages by default) into the output
    folder: ``index.html`` in the source language, ``index.<locale>.html`` in the others."""
    today = today or review_day()
    locales = _choose(config, locales)
    output = config.path("output")
    linked = output_links(output, config.root)
    if linked:
        raise BuildError(linked)
    pdfs = [pdf for pdf in read_pdfs(config) if pdf.is_handout]  # a review proof is for its reviewer alone
    refused: list[str] = []
    key = _key(config, pdfs, locales, today, refused)
    state = _read_state(output)
    pages = [output / page for page in state.get("pages", [])]
    if state.get("key") == key and pages and all(page.is_file() for page in pages) and _thumbnails_kept(output, pdfs):
        return SiteReport(pages, len(pdfs), up_to_date=True, warnings=refused)
    try:  # a read-only folder, a file where a folder should be, a full disk: one line, and the PDFs stay whole
        report = _write_pages(config, pdfs, locales, today)
        write_atomic(output / STATE_FILE, json.dumps({"key": key, "pages": [p.name for p in report.pages]}).encode())
    except OSError as exc:
        raise BuildError([os_problem(exc, config.display(failed_path(exc) or output))]) from None
    report.warnings[:0] = refused
    return report


def _thumbnails_kept(output: Path, pdfs) -> bool:
    """Tell whether every PDF's thumbnail is still there (a folder deleted by hand is made again)."""
    from .thumbnails import FOLDER, thumbnail_name

    return all((output / FOLDER / thumbnail_name(pdf.sha256)).is_file() for pdf in pdfs)


def _choose(config: Config, locales: list[str] | None) -> list[str]:
    problems = config.locale_problems(locales or [])
    if problems:
        raise BuildError(problems)
    return [locale for locale in config.all_locales if not locales or locale in locales]


def _write_pages(config: Config, pdfs: list[Pdf], locales: list[str], today: dt.date) -> SiteReport:
    from .catalogue import collect  # YAML, catalogs and templates: only when something changed
    from .page import page_file, page_links, render_library
    from .thumbnails import make_thumbnails

    output = config.path("output")
    report = SiteReport(pdfs=len(pdfs))
    thumbnails = make_thumbnails(output, [(pdf.path, pdf.sha256) for pdf in pdfs], report.warnings)
    treatments = collect(config, pdfs, thumbnails)
    links = page_links(config, locales)
    for locale in locales:
        html, gaps = render_library(config, treatments, locale, links, today)
        path = output / page_file(config, locale)
        write_atomic(path, html.encode())
        report.pages.append(path)
        if gaps:
            report.untranslated[locale] = [gap.msgid for gap in gaps]
    log.info("library: %d page(s), %d PDF(s)", len(report.pages), len(pdfs))
    return report


def _key(config: Config, pdfs: list[Pdf], locales: list[str], today: dt.date, refused: list[str]) -> str:
    """Return a checksum of everything the pages show: the PDFs, the files their texts come from, the date.

    Each file that is refused (a link, a pipe: the pages show the leaflet without its texts) is added to ``refused``.
    """
    digest = hashlib.sha256()
    for pdf in pdfs:
        digest.update(json.dumps(asdict(pdf), default=str, sort_keys=True).encode())
    templates = config.path("templates") / SITE_TEMPLATES
    files = [*((path, LEAFLET) for path in config.leaflet_files()),
             *((config.po_path(locale), CATALOG) for locale in config.locales),
             *((path, ASSET) for path in sorted(templates.rglob("*")) if path.is_file())]
    for path, kind in files:
        digest.update(str(path).encode() + b"\0" + _content(config, path, kind, refused))
    settings = {k: v for k, v in asdict(config).items() if k != "root"}
    digest.update(json.dumps([settings, locales, today.isoformat()], default=str).encode())
    digest.update(package_digest().encode())
    return digest.hexdigest()


def _content(config: Config, path: Path, kind: FileKind, refused: list[str]) -> bytes:
    """Return a file's bytes for the checksum: ``-`` when there is none, and a mark when it is refused."""
    if not os.path.lexists(path):
        return b"-"
    try:
        return read_file(path, config.display(path), kind)
    except LeafletError as exc:
        refused += [str(problem) for problem in exc.problems]
        return b"-\0refused"


def _read_state(output: Path) -> dict:
    try:
        state = json.loads(read_file(output / STATE_FILE, STATE_FILE, OUTPUT))
        return state if isinstance(state, dict) else {}
    except (LeafletError, ValueError):
        return {}
