"""The PDFs the library lists, as the build recorded them: its manifest (every PDF built, even by an earlier,
partial build) overlaid with its latest report (``build-report.json``).

The report may carry, per PDF, a ``format`` (the hand-out format: standard, large print…) and an approval
``state`` with its ``reason``; when it does not, every PDF is in the standard format and its state follows from
``draft`` and ``draft_reasons``.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from ..building.manifest import Manifest, file_digest
from ..building.report import REPORT_FILE
from ..config import Config
from ..errors import LeafletError
from ..files import OUTPUT, read_file

STANDARD = "standard"
"""The format of a PDF whose report names none."""
FINAL, DRAFT, FAILED = "final", "draft", "failed"
_FINAL_STATES = {"final", "approved", "published"}


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


def read_pdfs(config: Config) -> list[Pdf]:
    """Return every PDF in the output folder of a leaflet and language that still exist, sorted."""
    output = config.path("output")
    found: dict[Path, Pdf] = {}
    for name, entry in Manifest.read(output).entries.items():
        pdf = _from_manifest(output, name, entry) if isinstance(entry, dict) else None
        if pdf is not None:
            found[pdf.path] = pdf
    for item in _report_items(output):
        _overlay(found, config, item)
    leaflets = {path.stem for path in config.leaflet_files()}
    kept = [pdf for pdf in found.values() if pdf.leaflet in leaflets and pdf.locale in config.all_locales
            and pdf.path.is_file() and pdf.path.is_relative_to(output)]
    for pdf in kept:
        pdf.sha256 = pdf.sha256 or file_digest(pdf.path)
        pdf.href = pdf.path.relative_to(output).as_posix()
    return sorted(kept, key=lambda p: (p.leaflet, config.all_locales.index(p.locale), p.format != STANDARD, p.format))


def _from_manifest(output: Path, name: str, entry: dict) -> Pdf | None:
    parts = name.split("/")
    if len(parts) < 2 or not isinstance(entry.get("pdf"), dict):
        return None
    locale, leaflet = parts[0], parts[1]
    fmt = str(entry.get("format") or (parts[2] if len(parts) > 2 else STANDARD))
    path = output / entry["output"] if isinstance(entry.get("output"), str) else output / locale / f"{leaflet}.pdf"
    info = entry.get("report") if isinstance(entry.get("report"), dict) else {}
    pdf = Pdf(leaflet, locale, fmt, path, str(info.get("version", "")), int(info.get("pages") or 0),
              int(entry["pdf"].get("bytes") or 0), str(entry["pdf"].get("sha256") or ""))
    _set_state(pdf, info)
    return pdf


def _report_items(output: Path) -> list[dict]:
    try:
        data = json.loads(read_file(output / REPORT_FILE, REPORT_FILE, OUTPUT))
        return [item for item in data["pdfs"] if isinstance(item, dict)]
    except (LeafletError, ValueError, KeyError, TypeError):
        return []  # no build yet, or a report this version cannot read: the manifest alone


def _overlay(found: dict[Path, Pdf], config: Config, item: dict) -> None:
    """Update (or add) the PDF a report line describes; a failed build keeps the good PDF it left alone."""
    if not isinstance(item.get("output"), str):
        return
    path = config.root / item["output"]
    pdf = found.get(path) or Pdf(str(item.get("leaflet", "")), str(item.get("locale", "")),
                                 str(item.get("format") or STANDARD), path)
    found[path] = pdf
    if item.get("status") == "failed":
        pdf.state, pdf.reasons = FAILED, [str(item.get("error") or "")]
        return
    pdf.format = str(item.get("format") or pdf.format)
    pdf.version = str(item.get("version") or pdf.version)
    pdf.pages = int(item.get("pages") or pdf.pages)
    pdf.bytes = int(item.get("bytes") or pdf.bytes)
    pdf.sha256 = str(item.get("sha256") or pdf.sha256)
    _set_state(pdf, item)


def _set_state(pdf: Pdf, info: dict) -> None:
    """Take the approval state when the build records one, else whether the PDF is a draft."""
    state = info.get("state")
    reasons = info.get("reason", info.get("reasons", info.get("draft_reasons", [])))
    pdf.reasons = [reasons] if isinstance(reasons, str) and reasons else [str(r) for r in reasons or []]
    if isinstance(state, str) and state:
        pdf.state = FINAL if state.lower() in _FINAL_STATES else DRAFT
    else:
        pdf.state = DRAFT if info.get("draft") else FINAL
    if pdf.state == FINAL:
        pdf.reasons = []
