"""The part of ``leaflets check --strict`` only laying a page out can tell: text that runs off the page.

``build --strict`` refuses a PDF whose text runs off its page. ``check --strict`` must refuse the same PDFs, so
for each hand-out that would otherwise be final it asks what the build knows first: a PDF the manifest records
as up to date (the build's own ``orchestrate.check_jobs`` decides, on the same keys) says whether it
overflowed; any other is laid out here, in this process, and written nowhere.
"""

from __future__ import annotations

from ..config import Config
from ..config.formats import FORMATS
from ..errors import Problem
from .manifest import Manifest
from .orchestrate import check_jobs
from .plan import BuildOptions, plan_jobs
from .report import LAYOUT_REASON, BuildReport


def layout_problems(config: Config, finals: list[tuple[str, str]]) -> list[Problem]:
    """Return an error for each hand-out of the ``(leaflet, locale)`` pages given whose text runs off the page."""
    if not finals:
        return []
    wanted = set(finals)
    formats = [name for name in config.formats if FORMATS[name].handout]
    planned = [job for job in plan_jobs(config, sorted({locale for _, locale in wanted}),
                                        sorted({leaflet for leaflet, _ in wanted}), formats)
               if (job.leaflet, job.locale) in wanted]
    known = BuildReport()
    todo = check_jobs(config, planned, Manifest.read(config.path("output")), known, BuildOptions())
    reasons = {outcome.output: [r for r in outcome.draft_reasons if r.startswith(LAYOUT_REASON)]
               for outcome in known.outcomes}
    if todo:
        from .jobs import overflow_reasons  # WeasyPrint: only when a page must be laid out

        reasons |= {config.display(job.output): overflow_reasons(config, job) for job in todo}
    return [Problem(output, None, "", f"build --strict refuses it: {reason}")
            for output, found in sorted(reasons.items()) for reason in found]
