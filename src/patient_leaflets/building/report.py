"""What a build tells: each PDF's outcome, the build report (``output/build-report.json``), and the listener
interface the command line's display implements (the library itself prints nothing)."""

from __future__ import annotations

import json
from dataclasses import dataclass, field

from ..config import Config
from ..config.formats import FORMATS
from ..files import write_atomic

REPORT_FILE = "build-report.json"


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
    format: str = "standard"
    """The PDF's format: ``standard``, ``large-print`` or ``proof`` (``config.formats.FORMATS``)."""
    approval: dict = field(default_factory=dict)
    """Whether the PDF is final, who approved its text and translation when, and why it is a draft if it is."""
    previous: str = ""
    """Where the earlier PDF was moved (``<id>.previous.pdf``) when this one was refused or failed."""


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

    def sort(self) -> None:
        """Put the outcomes in the order reports list them: by language, leaflet, then format."""
        order = {name: n for n, name in enumerate(FORMATS)}
        self.outcomes.sort(key=lambda o: (o.locale, o.leaflet, order.get(o.format, len(order))))

    def formats(self) -> dict[str, int]:
        """Return how many PDFs of each format the build made or kept (failed ones left out), in format order."""
        counts = {name: sum(1 for o in self.outcomes if o.format == name and o.status != "failed") for name in FORMATS}
        return {name: count for name, count in counts.items() if count}

    def count(self, status: str) -> int:
        """Return how many PDFs have ``status`` (``built``, ``unchanged`` or ``failed``)."""
        return sum(1 for o in self.outcomes if o.status == status)


class BuildListener:
    """What a build tells while it runs; the command line shows it, the library itself prints nothing."""

    def started(self, planned: int, to_render: int) -> None:
        """Called once the plan is known: ``to_render`` of the ``planned`` PDFs are out of date."""

    def finished(self, outcome: Outcome) -> None:
        """Called for every PDF: first those up to date, then each rendered one as soon as it is done."""


def write_report(config: Config, report: BuildReport) -> None:
    """Write ``output/build-report.json``: the summary, then one line per PDF and per stale output."""
    pdfs = [
        {"locale": o.locale, "leaflet": o.leaflet, "format": o.format, "output": o.output, "status": o.status,
         "version": o.version, "pages": o.pages, "bytes": o.bytes, "sha256": o.sha256, "draft": o.draft,
         "draft_reasons": o.draft_reasons, "gaps": o.gaps, "render_seconds": o.seconds, "html": o.html,
         "error": o.error, "approval": o.approval, "previous": o.previous}
        for o in report.outcomes
    ]
    summary = {"built": report.count("built"), "unchanged": report.count("unchanged"), "drafts": len(report.drafts),
               "failed": len(report.failed), "stale": len(report.stale), "formats": report.formats()}
    stale = [{"output": s.output, "reason": s.reason} for s in report.stale]
    # One PDF a line: easy to read and to diff, and written by json's fast encoder (indent= is ten times slower).
    text = (f'{{"summary": {_json(summary)},\n"interrupted": {_json(report.interrupted)},\n'
            f'"pdfs": [{_json_lines(pdfs)}],\n"stale": [{_json_lines(stale)}]}}\n')
    write_atomic(config.path("output") / REPORT_FILE, text.encode())


def _json(value) -> str:
    return json.dumps(value, ensure_ascii=False)


def _json_lines(items: list) -> str:
    return "".join(f"\n {_json(item)}{',' if n < len(items) - 1 else ''}" for n, item in enumerate(items))


LAYOUT_REASON = "text runs off the page, where readers lose it"
"""The start of the draft reason given when laid-out text passes the page's content area."""


def refusal(reasons: list[str], gaps: list[str]) -> str:
    """Say why --strict refuses a PDF: the reasons, then each message at fault on a line of its own."""
    return "refused by --strict: " + "; ".join(reasons) + (":" if gaps else "") + "".join(f"\n  {gap}" for gap in gaps)
