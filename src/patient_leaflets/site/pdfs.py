"""The PDFs the library lists, as the build recorded them: every PDF of its manifest (built now or by an earlier,
partial build), each final or a draft as its ``PdfRecord`` says, or failed when the latest build report says so."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from ..approval.summary import ApprovalSummary
from ..building.manifest import Manifest
from ..building.plan import split_job_name
from ..building.records import ManifestEntry
from ..building.report import read_failures
from ..config import Config
from ..config.formats import FORMATS, STANDARD

FINAL, DRAFT, FAILED = "final", "draft", "failed"


@dataclass
class Pdf:
    """One PDF as the library shows it."""

    leaflet: str
    locale: str
    format: str
    path: Path
    version: str = ""
    pages: int = 0
    bytes: int = 0
    sha256: str = ""
    state: str = FINAL
    """``final`` (may be handed to patients), ``draft`` or ``failed`` (its last build failed)."""
    reasons: list[str] = field(default_factory=list)
    """Why it is a draft, or why its last build failed, as the build says it."""
    href: str = ""
    """The PDF's address relative to the output folder, where the library page is."""
    approval: ApprovalSummary | None = None
    """Who approved its text and translation, and when; what is not approved (None for a failure)."""
    gaps: int = 0
    """How many messages it shows in the source language."""

    @property
    def is_handout(self) -> bool:
        """Whether it is made for patients (a review proof is not: only a translation's reviewer reads it)."""
        return FORMATS[self.format].handout


def read_pdfs(config: Config) -> list[Pdf]:
    """Return every PDF in the output folder of a leaflet and language that still exist, sorted."""
    output = config.path("output")
    failures = read_failures(config)
    leaflets = {path.stem for path in config.leaflet_files()}
    pdfs = []
    for name, entry in Manifest.read(output).entries.items():
        parts = split_job_name(name)
        if parts is None or parts[1] not in leaflets or parts[0] not in config.all_locales:
            continue
        pdf = _pdf(output, *parts, entry, failures)
        if pdf.path.is_file():
            pdfs.append(pdf)
    return sorted(pdfs, key=lambda p: (p.leaflet, config.all_locales.index(p.locale), p.format != STANDARD, p.format))


def _pdf(output: Path, locale: str, leaflet: str, fmt: str, entry: ManifestEntry, failures: dict[Path, str]) -> Pdf:
    """Return the PDF an entry describes: failed if the latest build failed to make it again, else as recorded."""
    path = output / locale / FORMATS[fmt].file_name(leaflet)
    record = entry.record
    if path in failures:
        state, reasons = FAILED, [failures[path]]
    else:
        state, reasons = (DRAFT, list(record.draft_reasons)) if record.draft else (FINAL, [])
    return Pdf(leaflet, locale, fmt, path, record.version, record.pages, entry.pdf.bytes, entry.pdf.sha256, state,
               reasons, path.relative_to(output).as_posix(), record.approval if state != FAILED else None,
               len(record.gaps))
