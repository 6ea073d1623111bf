"""What a build tells: each PDF's outcome, the build report (``output/build-report.json``, written and read
here), and the listener interface the command line's display implements (the library itself prints nothing)."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from ..config import Config
from ..config.formats import FORMATS, STANDARD
from ..errors import LeafletError, Problem
from ..files import OUTPUT, read_file, write_atomic
from .records import PdfRecord, approval_json

REPORT_FILE = "build-report.json"


@dataclass
class Outcome(PdfRecord):
    """What happened to one job, and what the PDF is (its ``PdfRecord``): a line of ``build-report.json``."""

    leaflet: str
    locale: str
    output: str
    status: str
    """``built``, ``unchanged`` or ``failed``."""
    problems: list[Problem] = field(default_factory=list)
    """Why the PDF failed, or was refused by ``--strict`` (``error`` prints them)."""
    bytes: int = 0
    sha256: str = ""
    html: str = ""
    """The HTML kept beside the PDF with ``--html``, if any."""
    format: str = STANDARD
    """The PDF's format: ``standard``, ``large-print`` or ``proof`` (``config.formats.FORMATS``)."""
    previous: str = ""
    """Where the earlier PDF was moved (``output/superseded/<locale>/``) when this one was refused or failed."""

    @property
    def error(self) -> str:
        """Why the PDF failed, one problem a line, as printed; empty when it did not."""
        return "\n".join(str(problem) for problem in self.problems)

    def record(self) -> PdfRecord:
        """Return what the PDF is, as the manifest keeps it."""
        return PdfRecord(**self.record_fields())

    def to_json(self) -> dict:
        """Return the PDF's line in ``build-report.json`` (the README lists its fields)."""
        return {"locale": self.locale, "leaflet": self.leaflet, "format": self.format, "output": self.output,
                "status": self.status, "version": self.version, "pages": self.pages, "bytes": self.bytes,
                "sha256": self.sha256, "draft": self.draft, "draft_reasons": self.draft_reasons,
                "gaps": [str(gap) for gap in self.gaps], "render_seconds": self.seconds, "html": self.html,
                "error": self.error, "approval": approval_json(self.approval), "previous": self.previous}


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
    pdfs = [outcome.to_json() for outcome in report.outcomes]
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


def strict_refusal(outcome: Outcome, strict: bool) -> Problem | None:
    """Return why ``--strict`` refuses the PDF, or None: it refuses a hand-out that would be a draft.

    Said with the reasons, then each message at fault on a line of its own.
    """
    if not (strict and outcome.draft and FORMATS[outcome.format].handout):
        return None
    return Problem.general("refused by --strict: " + "; ".join(outcome.draft_reasons) + (":" if outcome.gaps else "")
                           + "".join(f"\n  {gap}" for gap in outcome.gaps))


def read_failures(config: Config) -> dict[Path, str]:
    """Return the PDFs the latest build failed or refused to make, each with why, from its report."""
    try:
        data = json.loads(read_file(config.path("output") / REPORT_FILE, REPORT_FILE, OUTPUT))
        return {config.root / line["output"]: str(line["error"]) for line in data["pdfs"] if line["status"] == "failed"}
    except (LeafletError, ValueError, KeyError, TypeError):
        return {}  # no build yet, or a report this version cannot read: no failure to show
