"""What happens to the PDF already at a path when the build refuses or fails to make a new one.

A PDF left there would pass for the current one while its text, its translation or its approval changed. So it
is moved out of the language folders clinicians open, to ``output/superseded/<locale>/`` (kept, never deleted:
the build reports it until someone does; never listed by the library), unless it is a draft the build made,
whose every page already says so, or was built from the same inputs. Moved rather than stamped: its bytes stay
exactly those that were approved (an audit copy), and no PDF library has to rewrite a tagged document.
"""

from __future__ import annotations

import os
from pathlib import Path

from .manifest import file_digest
from .plan import SUPERSEDED, Job
from .records import ManifestEntry

FOLDER = SUPERSEDED
"""The folder of the output folder where superseded PDFs go, one folder per language."""


def previous_path(output: Path) -> Path:
    """Return where an earlier PDF is set aside: ``output/superseded/en/chemotherapy.pdf``."""
    return output.parent.parent / FOLDER / output.parent.name / output.name


def set_aside(job: Job, entry: ManifestEntry | None) -> Path | None:
    """Move the PDF at ``job``'s path aside and return where, unless it can stay (``can_stay``)."""
    if not job.output.is_file() or can_stay(job, entry):
        return None
    target = previous_path(job.output)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        os.replace(job.output, target)
    except OSError:  # a folder the build cannot write to: the failure says so, the PDF stays as it was
        return None
    return target


def can_stay(job: Job, entry: ManifestEntry | None) -> bool:
    """Tell whether the PDF at ``job``'s path is the one the manifest ``entry`` describes and cannot mislead.

    That is a draft (DRAFT on every page), or a PDF built from the very inputs that failed to build again (a
    full disk, a folder the build may not write to, a ``--force`` render that failed).
    """
    if entry is None or entry.pdf.sha256 != file_digest(job.output):
        return False
    same_inputs = entry.key == job.key and entry.catalog == job.catalog
    return same_inputs or entry.record.draft
