"""The build: plan the jobs, skip what is up to date, render the rest in a pool, record and report."""

from .orchestrate import build_leaflets
from .plan import BuildOptions
from .report import BuildListener, BuildReport, Outcome

__all__ = ["BuildListener", "BuildOptions", "BuildReport", "Outcome", "build_leaflets"]
