"""What happens to the PDF already at a path when the build refuses or fails to make a new one.

A PDF left there would pass for the current one while its text, its translation or its approval changed. So it
is moved aside to ``<id>.previous.pdf`` (kept, never deleted: the build reports it until someone does), unless
it is a draft the build made, whose every page already says so.
"""

from __future__ import annotations

import os
from pathlib import Path

from .manifest import file_digest
from .plan import Job

SUFFIX = ".previous.pdf"


def previous_path(output: Path) -> Path:
    """Return where an earlier PDF is set aside: ``output/en/chemotherapy.previous.pdf``."""
    return output.with_name(output.name.removesuffix(".pdf") + SUFFIX)


def set_aside(job: Job, entry: dict | None) -> Path | None:
    """Move the PDF at ``job``'s path aside, unless it is the draft the manifest ``entry`` describes; return where."""
    if not job.output.is_file():
        return None
    info = entry.get("report") if isinstance(entry, dict) else None
    stamp = entry.get("pdf") if isinstance(entry, dict) else None
    if isinstance(info, dict) and info.get("draft") and isinstance(stamp, dict) \
            and stamp.get("sha256") == file_digest(job.output):
        return None  # marked DRAFT on every page: it cannot pass for a final leaflet
    target = previous_path(job.output)
    os.replace(job.output, target)
    return target
