"""What the build records about each PDF, typed, and read and written here alone (``to_json``, ``from_json``).

- ``PdfRecord``: what a PDF is (version, pages, whether it is a draft and why, its gaps, its approval). The
  manifest keeps it with each PDF; a line of ``build-report.json`` is one (``report.Outcome`` extends it); the
  library's cards are read from it.
- ``FileStamp``: the size, checksum and modification time of a file the build wrote.
- ``ManifestEntry``: one PDF in ``output/.build-manifest.json``: what it was built from, its files, its record.

An entry this version cannot read (another version's, edited by hand, cut short) is treated as never built: the
PDF is built again. This module stays light: an up-to-date build reads every entry and renders nothing.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field, fields
from pathlib import Path

from ..approval.summary import ApprovalSummary
from ..config.formats import FORMATS
from ..i18n.gaps import Gap

UNREADABLE = (KeyError, TypeError, ValueError, AttributeError)
"""What ``from_json`` raises when it is given something else than what ``to_json`` writes."""


@dataclass(kw_only=True)
class PdfRecord:
    """What a built PDF is, as the build recorded it."""

    version: str = ""
    """The leaflet's version, from its metadata."""
    pages: int = 0
    draft: bool = False
    draft_reasons: list[str] = field(default_factory=list)
    """Why the PDF is marked as a draft; empty when it is not."""
    gaps: list[Gap] = field(default_factory=list)
    """Messages shown in the source language, with where they are and why (``str(gap)`` tells it on one line)."""
    seconds: float = 0.0
    """Time taken to render the PDF (for an unchanged PDF, when it was built)."""
    approval: ApprovalSummary | None = None
    """Whether the PDF is final, who approved its text and translation when; None for a proof or a failure."""

    def record_fields(self) -> dict:
        """Return the fields of ``PdfRecord`` by name (an ``Outcome`` has more), to make another record from them."""
        return {item.name: getattr(self, item.name) for item in fields(PdfRecord)}

    def to_json(self) -> dict:
        """Return the record as the manifest keeps it."""
        return {"version": self.version, "pages": self.pages, "draft": self.draft,
                "draft_reasons": self.draft_reasons, "gaps": [_gap_json(gap) for gap in self.gaps],
                "seconds": self.seconds, "approval": approval_json(self.approval)}

    @classmethod
    def from_json(cls, data: dict) -> PdfRecord:
        """Read a record the manifest keeps; raise one of ``UNREADABLE`` when ``data`` is not one."""
        if not isinstance(data["draft"], bool):
            raise TypeError(f"draft: expected true or false, got {data['draft']!r}")
        approval = data["approval"]
        return cls(version=str(data["version"]), pages=int(data["pages"]), draft=data["draft"],
                   draft_reasons=[str(reason) for reason in data["draft_reasons"]],
                   gaps=_gaps(data["gaps"]), seconds=float(data["seconds"]),
                   approval=ApprovalSummary.from_json(approval) if approval else None)


def approval_json(approval: ApprovalSummary | None) -> dict:
    """Return a PDF's approval as reports write it: ``{}`` for a PDF that has none (a proof, a failure)."""
    return approval.to_json() if approval is not None else {}


def _gap_json(gap: Gap) -> dict:
    return {"msgid": gap.msgid, "reason": gap.reason, "where": gap.where, "po": gap.po}


def _gaps(items: list) -> list[Gap]:
    if not items:
        return []
    return [Gap(msgid=str(item["msgid"]), reason=str(item["reason"]), where=str(item["where"]), po=str(item["po"]))
            for item in items]


@dataclass
class FileStamp:
    """What the manifest records about a file the build wrote, to notice one changed or removed behind its back."""

    bytes: int
    sha256: str
    mtime_ns: int

    @classmethod
    def of(cls, path: Path, data: bytes) -> FileStamp:
        """Return the stamp of ``path``, just written with ``data``."""
        return cls(len(data), hashlib.sha256(data).hexdigest(), path.stat().st_mtime_ns)

    def to_json(self) -> dict:
        """Return the stamp as the manifest keeps it."""
        return {"bytes": self.bytes, "sha256": self.sha256, "mtime_ns": self.mtime_ns}

    @classmethod
    def from_json(cls, data: dict) -> FileStamp:
        """Read a stamp the manifest keeps; raise one of ``UNREADABLE`` when ``data`` is not one."""
        return cls(int(data["bytes"]), str(data["sha256"]), int(data["mtime_ns"]))


@dataclass
class ManifestEntry:
    """One PDF in the manifest: what it was built from, the files written, and what it is."""

    key: str
    """A checksum of the files and settings the PDF depends on (``fingerprint.job_key``)."""
    format: str
    output: str
    """The PDF, relative to the output folder: ``en/chemotherapy.large-print.pdf``."""
    catalog: str
    """The checksum of the language's ``.po`` file (empty for the source language)."""
    messages: dict[str, str]
    """A checksum per catalog entry the render looked up (missing ones included)."""
    pdf: FileStamp
    record: PdfRecord
    html: FileStamp | None = None
    """The HTML kept beside the PDF with ``--html``, if any."""

    def to_json(self) -> dict:
        """Return the entry as the manifest (and its journal) keeps it."""
        data = {"key": self.key, "format": self.format, "output": self.output, "catalog": self.catalog,
                "messages": self.messages, "pdf": self.pdf.to_json(), "report": self.record.to_json()}
        if self.html is not None:
            data["html"] = self.html.to_json()
        return data

    @classmethod
    def from_json(cls, data: dict) -> ManifestEntry | None:
        """Read an entry of the manifest; None when it is not one (the PDF is then treated as never built)."""
        try:
            if data["format"] not in FORMATS:
                raise ValueError(f"unknown format {data['format']!r}")
            return cls(str(data["key"]), data["format"], str(data["output"]), str(data["catalog"]),
                       {str(name): str(digest) for name, digest in data["messages"].items()},
                       FileStamp.from_json(data["pdf"]), PdfRecord.from_json(data["report"]),
                       FileStamp.from_json(data["html"]) if "html" in data else None)
        except UNREADABLE:
            return None
